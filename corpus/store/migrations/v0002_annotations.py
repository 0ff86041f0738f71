"""Migration 2 (annotations, issue 6): the user's annotations and the tombstones of deleted ones.

``rev`` is a store-wide revision number given to every write under the write lock, so another app instance can ask
"what changed after revision r" without trusting wall clocks (two processes' ``modified`` stamps can commit out of
order). Tombstones let that refresh learn about deletions too.
"""

from __future__ import annotations

import sqlite3

VERSION = 2
NAME = "annotations"


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE annotations (
               id           TEXT PRIMARY KEY,
               doc_id       TEXT NOT NULL,
               start        INTEGER NOT NULL CHECK (start >= 0),
               "end"        INTEGER NOT NULL CHECK ("end" > start),
               exact        TEXT NOT NULL,
               prefix       TEXT NOT NULL DEFAULT '',
               suffix       TEXT NOT NULL DEFAULT '',
               content_hash TEXT NOT NULL,
               label        TEXT NOT NULL,
               note         TEXT NOT NULL DEFAULT '',
               created      TEXT NOT NULL,
               modified     TEXT NOT NULL,
               orphan       INTEGER NOT NULL DEFAULT 0 CHECK (orphan IN (0, 1)),
               rev          INTEGER NOT NULL
           )"""
    )
    conn.execute("CREATE INDEX annotations_doc ON annotations (doc_id, start)")
    conn.execute("CREATE INDEX annotations_label ON annotations (label)")
    conn.execute("CREATE INDEX annotations_rev ON annotations (rev)")
    conn.execute("CREATE INDEX annotations_modified ON annotations (modified)")
    conn.execute(
        """CREATE TABLE annotation_tombstones (
               id      TEXT PRIMARY KEY,
               doc_id  TEXT NOT NULL,
               deleted TEXT NOT NULL,
               rev     INTEGER NOT NULL
           )"""
    )
    conn.execute("CREATE INDEX annotation_tombstones_rev ON annotation_tombstones (rev)")
