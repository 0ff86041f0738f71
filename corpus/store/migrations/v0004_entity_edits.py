"""Migration 4 (entities, issue 4): the user's entity edits, replayed on top of the automatic linking.

One row per edit, in the order made (``seq``). Entity ids are stable (derived from the canonical name and type),
so an edit made before a re-ingest still names the same entity after it; ``payload`` (JSON) keeps what is needed
to find it again if an id did change (the names involved, the moved mentions' doc_id/offsets/quote).
"""

from __future__ import annotations

import sqlite3

VERSION = 4
NAME = "entity edits"


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE entity_edits (
               seq     INTEGER PRIMARY KEY AUTOINCREMENT,
               op      TEXT NOT NULL CHECK (op IN ('merge', 'accept', 'reject', 'split', 'rename', 'set_type')),
               entity  TEXT NOT NULL,
               other   TEXT,
               value   TEXT,
               payload TEXT NOT NULL DEFAULT '{}',
               created TEXT NOT NULL
           )"""
    )
    conn.execute("CREATE INDEX entity_edits_entity ON entity_edits (entity)")
