"""The per-corpus SQLite store: connection settings, transactions, migrations and the foundation's tables.

Durability choice (CONVENTIONS.md "The store", issue 6 "a kill -9 loses at most the note being typed"):
WAL journal + ``synchronous=FULL``. In WAL mode ``NORMAL`` already survives a killed process (a committed
transaction is in the WAL file, which the OS keeps); ``FULL`` also fsyncs the WAL at every commit so a power cut or
a kernel panic on the SSH host loses nothing committed either. The price is one fsync per commit (see
benchmarks/annotations_store.py), affordable because every user action is one small transaction.

Concurrency: two app instances on one corpus each hold a connection. Writes use ``BEGIN IMMEDIATE`` (take the
write lock up front, so no read-then-upgrade deadlock that SQLite would answer with SQLITE_BUSY without waiting),
``busy_timeout`` makes a writer wait for the other's short transaction, and a bounded retry covers the rest.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import paths
from corpus.store import health, timestamps
from corpus.store.errors import StoreError
from corpus.store.migrations import discover, latest_version

BUSY_TIMEOUT_MS = 5000
_BUSY_RETRIES = 5


@dataclass(frozen=True)
class Override:
    """What the user set for one article; None fields are not overridden (ingest's own value applies)."""

    doc_id: str
    lang: str | None
    encoding: str | None
    title: str | None
    updated: str


_OVERRIDE_FIELDS = ("lang", "encoding", "title")


def store_path(corpus_root: Path) -> Path:
    """Where the store of the corpus at ``corpus_root`` lives (named by its corpus id)."""
    return paths.data_dir() / f"{paths.corpus_id(corpus_root)}.sqlite3"


class Store:
    """One open connection to a corpus store. Thread-safe: a lock serialises its use across threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        """Use ``Store.open`` / ``Store.open_path``; they check, configure and migrate the database first."""
        self._conn = conn
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0

    # ----------------------------------------------------------------------------------------------- opening
    @classmethod
    def open(cls, corpus_root: Path) -> Store:
        """Open (creating if needed) the store of the corpus at ``corpus_root``."""
        return cls.open_path(store_path(corpus_root))

    @classmethod
    def open_path(cls, db_path: Path) -> Store:
        """Open the database file at ``db_path``: health check, WAL/pragmas, then pending migrations.

        Raises StoreError (with a backup copy made) when the file is damaged or unreadable, and StoreError without
        touching the file when it was written by a newer Babelscope.
        """
        db_path = Path(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        existed = db_path.exists()
        try:
            conn = _connect(db_path)
        except sqlite3.Error as exc:
            raise _damaged(db_path, exc, existed) from exc
        try:
            if existed and db_path.stat().st_size > 0:
                problems = health.quick_check(conn)
                if problems:
                    raise _damaged(db_path, "; ".join(problems[:3]), existed)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > latest_version():
                raise StoreError(
                    f"{db_path} has schema version {version}, newer than this Babelscope understands "
                    f"({latest_version()}); upgrade Babelscope. The file was not changed.",
                    db_path,
                )
            _retry_busy(lambda: _configure(conn), db_path)
            store = cls(conn, db_path)
            store._migrate()
            return store
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as exc:
            conn.close()
            if health.is_busy(exc):
                raise StoreError(f"{db_path} is locked by another program; try again", db_path) from exc
            raise _damaged(db_path, exc, existed) from exc

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite when the last connection closes)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """``PRAGMA user_version``: the number of the last migration applied."""
        return int(self.query("PRAGMA user_version")[0][0])

    # ------------------------------------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``); commits on success, rolls back on any exception.

        Nested use joins the outer transaction, so repository methods compose into one atomic unit.
        Keep the body short: other processes wait for it.
        """
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            _retry_busy(lambda: self._conn.execute("BEGIN IMMEDIATE"), self.path)
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                _retry_busy(lambda: self._conn.execute("COMMIT"), self.path)
            finally:
                self._depth = 0

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run a read-only statement and return all rows (``sqlite3.Row``: index or name access)."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # ------------------------------------------------------------------------------------------- migrations
    def _migrate(self) -> None:
        """Apply every migration newer than ``user_version``, each in its own transaction.

        The version is re-read under the write lock, so two processes opening a fresh store at once apply each
        migration exactly once; the migration and its version bump commit together or not at all.
        """
        for migration in discover():
            with self.transaction() as conn:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= migration.version:
                    continue
                migration.apply(conn)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")

    # ------------------------------------------------------------------------------- reading positions (v1)
    def get_reading_position(self, doc_id: str) -> int | None:
        """The character offset the user last read at in ``doc_id``, or None if never opened."""
        rows = self.query("SELECT offset FROM reading_positions WHERE doc_id = ?", (doc_id,))
        return int(rows[0][0]) if rows else None

    def set_reading_position(self, doc_id: str, offset: int) -> None:
        """Remember where the user is in ``doc_id`` (call it on scroll, debounced)."""
        if offset < 0:
            raise ValueError(f"offset must be >= 0, got {offset}")
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO reading_positions (doc_id, offset, updated) VALUES (?, ?, ?)
                   ON CONFLICT (doc_id) DO UPDATE SET offset = excluded.offset, updated = excluded.updated""",
                (doc_id, int(offset), timestamps.now()),
            )

    # ----------------------------------------------------------------------------------- overrides (v1)
    def get_overrides(self) -> dict[str, Override]:
        """Every article override, by doc_id (ingest applies them)."""
        rows = self.query("SELECT doc_id, lang, encoding, title, updated FROM doc_overrides")
        return {row["doc_id"]: Override(**dict(row)) for row in rows}

    def set_override(
        self, doc_id: str, *, lang: str | None = None, encoding: str | None = None, title: str | None = None
    ) -> Override:
        """Override some of an article's language, encoding and title; fields passed as None keep their value."""
        given = {"lang": lang, "encoding": encoding, "title": title}
        if all(value is None for value in given.values()):
            raise ValueError("set_override needs at least one of lang, encoding, title")
        with self.transaction() as conn:
            conn.execute(
                """INSERT INTO doc_overrides (doc_id, lang, encoding, title, updated) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (doc_id) DO UPDATE SET
                       lang = coalesce(excluded.lang, lang),
                       encoding = coalesce(excluded.encoding, encoding),
                       title = coalesce(excluded.title, title),
                       updated = excluded.updated""",
                (doc_id, lang, encoding, title, timestamps.now()),
            )
            row = conn.execute(
                "SELECT doc_id, lang, encoding, title, updated FROM doc_overrides WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return Override(**dict(row))

    def clear_override(self, doc_id: str, *fields: str) -> None:
        """Remove the named override fields of ``doc_id`` (all of them when none are named)."""
        unknown = set(fields) - set(_OVERRIDE_FIELDS)
        if unknown:
            raise ValueError(f"unknown override field(s) {sorted(unknown)}; expected {_OVERRIDE_FIELDS}")
        with self.transaction() as conn:
            if not fields:
                conn.execute("DELETE FROM doc_overrides WHERE doc_id = ?", (doc_id,))
                return
            assignments = ", ".join(f"{field} = NULL" for field in fields)
            conn.execute(
                f"UPDATE doc_overrides SET {assignments}, updated = ? WHERE doc_id = ?", (timestamps.now(), doc_id)
            )
            conn.execute(
                "DELETE FROM doc_overrides WHERE doc_id = ? AND lang IS NULL AND encoding IS NULL AND title IS NULL",
                (doc_id,),
            )


def _connect(db_path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN/COMMIT ourselves) usable from the app's worker threads."""
    if db_path.exists() and not os.access(db_path, os.R_OK | os.W_OK):
        # sqlite3 would silently open a read-only file read-only and fail later at the first write.
        raise sqlite3.OperationalError("file is not readable and writable") from PermissionError(db_path)
    conn = sqlite3.connect(
        db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"could not switch to WAL journal mode (got {mode})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _retry_busy(action: Any, db_path: Path) -> Any:
    """Run ``action``; on SQLITE_BUSY (after busy_timeout already waited) back off and retry a few times."""
    for attempt in range(_BUSY_RETRIES):
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not health.is_busy(exc) or attempt == _BUSY_RETRIES - 1:
                if health.is_busy(exc):
                    raise StoreError(f"{db_path} stayed locked by another program; try again", db_path) from exc
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _damaged(db_path: Path, cause: sqlite3.Error | str, existed: bool) -> StoreError:
    """The StoreError for a damaged/unreadable file, after making a backup copy of it."""
    what = health.describe_damage(cause) if isinstance(cause, sqlite3.Error) else "is corrupt"
    backup = None
    note = ""
    if existed:
        try:
            backup = health.backup_copy(db_path)
            note = f" A copy was saved as {backup}."
        except OSError as exc:
            note = f" No backup copy could be made ({exc.strerror or exc})."
    return StoreError(
        f"The Babelscope store {db_path} {what}: {cause}.{note} The file was left as it is; "
        f"move it away to start a new store, or repair it with the sqlite3 '.recover' command.",
        db_path,
        backup,
    )
