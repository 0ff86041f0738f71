"""Migration 3 (search, issue 3): aliases the user adds (``name`` <-> ``alias``), with where each came from.

An alias links two names that no sound key can (微软 = Microsoft, 硅谷 = Silicon Valley). Rows are symmetric in
meaning: searching either finds the other. ``origin`` is ``user`` for aliases typed in the app or with
``babelscope aliases add``; other tools may record their own (``align`` once the aligner proposes pairs).
"""

from __future__ import annotations

import sqlite3

VERSION = 3
NAME = "search aliases"


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE aliases (
               id      INTEGER PRIMARY KEY,
               name    TEXT NOT NULL CHECK (length(trim(name)) > 0),
               alias   TEXT NOT NULL CHECK (length(trim(alias)) > 0),
               origin  TEXT NOT NULL DEFAULT 'user',
               created TEXT NOT NULL,
               UNIQUE (name, alias)
           )"""
    )
    conn.execute("CREATE INDEX aliases_alias ON aliases (alias)")
