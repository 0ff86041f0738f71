"""Migration 5 (compare, issue 5): the user's fixes to paragraph alignments.

A fix is a constraint the aligner honours whenever the pair is aligned again: ``link`` pins a bead (these source
paragraphs go with these target paragraphs), ``unlink`` leaves paragraphs without counterpart. One user action
(merge, split, unlink, link) writes one or more rows sharing an ``action_id``, so undo removes the whole action.
The pair is stored in one orientation (``doc_a`` <= ``doc_b``; the ``a``/``b`` columns follow it), so a fix made
with the sides swapped applies both ways. Paragraphs are referenced by index *and* by offsets plus a quote of
their text, with the article's content hash, so a fix survives an edit of the file (re-anchored by quote).
"""

from __future__ import annotations

import sqlite3

VERSION = 5
NAME = "alignment fixes"


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE alignment_fixes (
               id           INTEGER PRIMARY KEY AUTOINCREMENT,
               action_id    INTEGER NOT NULL,
               operation    TEXT NOT NULL CHECK (operation IN ('merge', 'split', 'unlink', 'link')),
               effect       TEXT NOT NULL CHECK (effect IN ('link', 'unlink')),
               doc_a        TEXT NOT NULL,
               doc_b        TEXT NOT NULL CHECK (doc_a <= doc_b),
               hash_a       TEXT NOT NULL,
               hash_b       TEXT NOT NULL,
               paragraphs_a TEXT NOT NULL,  -- JSON list of {"index", "start", "end", "quote"}
               paragraphs_b TEXT NOT NULL,
               created      TEXT NOT NULL
           )"""
    )
    conn.execute("CREATE INDEX alignment_fixes_pair ON alignment_fixes (doc_a, doc_b, action_id)")
