"""Deciding that a database file is damaged, and keeping a copy of it before telling the user.

The store holds the user's own work, so a damaged file is never repaired, overwritten or recreated by us: we copy
the bytes as they are (plus the WAL, which may hold the last committed writes) next to it, and stop with a message
that names both files. Raw byte copies, not SQLite's backup API, because that API reads through the damage.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

# Primary SQLite result codes that mean "this file is not a healthy database we may write to".
_DAMAGE_CODES = {
    sqlite3.SQLITE_CORRUPT: "is corrupt",
    sqlite3.SQLITE_NOTADB: "is not an SQLite database",
    sqlite3.SQLITE_IOERR: "cannot be read (I/O error, possibly truncated)",
    sqlite3.SQLITE_CANTOPEN: "cannot be opened (permissions?)",
    sqlite3.SQLITE_READONLY: "is read-only (permissions?)",
    sqlite3.SQLITE_PERM: "cannot be accessed (permissions)",
    sqlite3.SQLITE_AUTH: "cannot be accessed (permissions)",
}
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection holds the lock (worth waiting for), as opposed to damage."""
    return (getattr(exc, "sqlite_errorcode", 0) & 0xFF) in _BUSY_CODES


def describe_damage(exc: sqlite3.Error) -> str:
    """A short phrase for the user ("is corrupt"...), from the SQLite error code."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return _DAMAGE_CODES.get(code, "cannot be used")


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """Problems ``PRAGMA quick_check`` reports (empty when healthy). O(size) but far cheaper than integrity_check."""
    rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    return [] if rows == ["ok"] else rows


def backup_copy(path: Path) -> Path:
    """Copy ``path`` (and its ``-wal`` file, if any) to ``<name>.broken-<UTC time>`` beside it; return the copy.

    The WAL copy is named ``<copy>-wal`` so opening the copy with sqlite3 sees the same state the original had.
    Raises OSError when the file cannot be read (e.g. permissions); the caller reports that.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    shutil.copy2(path, target)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target
