"""Migration 1 (foundation, issue 2): where the user was in each article, and per-article overrides."""

from __future__ import annotations

import sqlite3

VERSION = 1
NAME = "reading positions and article overrides"


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reading_positions (
               doc_id  TEXT PRIMARY KEY,
               offset  INTEGER NOT NULL CHECK (offset >= 0),
               updated TEXT NOT NULL
           )"""
    )
    conn.execute(
        """CREATE TABLE doc_overrides (
               doc_id   TEXT PRIMARY KEY,
               lang     TEXT,
               encoding TEXT,
               title    TEXT,
               updated  TEXT NOT NULL
           )"""
    )
