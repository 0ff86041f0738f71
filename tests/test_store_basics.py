"""The store: location, pragmas, transactions, migrations, damaged and newer files, foundation tables."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from corpus import paths
from corpus.store import Store, StoreError, store_path
from corpus.store.migrations import discover, latest_version


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BABELSCOPE_HOME", str(tmp_path / "home"))


def _filled_store(db: Path) -> None:
    with Store.open_path(db) as store:
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO reading_positions VALUES (?, ?, ?)",
                [(f"feeds/{i:05d}.txt" * 8, i, "2025-01-01T00:00:00.000000Z") for i in range(3000)],
            )


def test_open_puts_one_store_per_corpus_in_the_data_dir(tmp_path: Path) -> None:
    corpus_a, corpus_b = tmp_path / "a", tmp_path / "b"
    corpus_a.mkdir(), corpus_b.mkdir()
    with Store.open(corpus_a) as store:
        assert store.path == paths.data_dir() / f"{paths.corpus_id(corpus_a)}.sqlite3"
        assert store.path.parent == tmp_path / "home" / "data"
    assert store_path(corpus_a) != store_path(corpus_b)


def test_connection_is_wal_full_sync_with_busy_timeout_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open_path(tmp_path / "s.sqlite3") as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"
        assert store.query("PRAGMA synchronous")[0][0] == 2  # FULL
        assert store.query("PRAGMA foreign_keys")[0][0] == 1
        assert store.query("PRAGMA busy_timeout")[0][0] >= 1000
        assert store.schema_version == latest_version()


def test_transaction_rolls_back_on_error_and_nests(tmp_path: Path) -> None:
    with Store.open_path(tmp_path / "s.sqlite3") as store:
        with pytest.raises(RuntimeError):
            with store.transaction() as conn:
                conn.execute("INSERT INTO reading_positions VALUES ('x', 1, 't')")
                with store.transaction() as inner:
                    inner.execute("INSERT INTO reading_positions VALUES ('y', 2, 't')")
                raise RuntimeError("boom")
        assert store.get_reading_position("x") is None
        assert store.get_reading_position("y") is None


def test_reading_positions_persist_across_reopen(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    with Store.open_path(db) as store:
        assert store.get_reading_position("000_ru.txt") is None
        store.set_reading_position("000_ru.txt", 120)
        store.set_reading_position("000_ru.txt", 450)
        with pytest.raises(ValueError):
            store.set_reading_position("000_ru.txt", -1)
    with Store.open_path(db) as store:
        assert store.get_reading_position("000_ru.txt") == 450


def test_overrides_merge_fields_and_clear(tmp_path: Path) -> None:
    with Store.open_path(tmp_path / "s.sqlite3") as store:
        store.set_override("a.txt", lang="id")
        override = store.set_override("a.txt", title="Judul", encoding="windows-1252")
        assert (override.lang, override.encoding, override.title) == ("id", "windows-1252", "Judul")
        store.clear_override("a.txt", "encoding")
        assert store.get_overrides()["a.txt"].encoding is None
        store.clear_override("a.txt", "lang", "title")
        assert store.get_overrides() == {}
        store.set_override("b.txt", lang="zh")
        store.clear_override("b.txt")
        assert store.get_overrides() == {}
        with pytest.raises(ValueError):
            store.set_override("c.txt")
        with pytest.raises(ValueError):
            store.clear_override("c.txt", "colour")


def test_migrations_are_numbered_one_to_n() -> None:
    versions = [m.version for m in discover()]
    assert versions == list(range(1, len(versions) + 1))
    assert versions[:2] == [1, 2]


def test_a_version_1_database_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(db)
    conn.executescript(
        """
        CREATE TABLE reading_positions (doc_id TEXT PRIMARY KEY, offset INTEGER NOT NULL CHECK (offset >= 0),
                                        updated TEXT NOT NULL);
        CREATE TABLE doc_overrides (doc_id TEXT PRIMARY KEY, lang TEXT, encoding TEXT, title TEXT,
                                    updated TEXT NOT NULL);
        INSERT INTO reading_positions VALUES ('002_zh.txt', 77, '2025-01-01T00:00:00.000000Z');
        INSERT INTO doc_overrides VALUES ('001_ar.txt', 'ar', NULL, 'عنوان', '2025-01-01T00:00:00.000000Z');
        PRAGMA user_version = 1;
        """
    )
    conn.close()
    with Store.open_path(db) as store:
        assert store.schema_version == latest_version()
        assert store.get_reading_position("002_zh.txt") == 77
        assert store.get_overrides()["001_ar.txt"].title == "عنوان"
        assert store.query("SELECT count(*) FROM annotations")[0][0] == 0


def test_a_newer_database_is_refused_and_not_touched(tmp_path: Path) -> None:
    db = tmp_path / "future.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.execute("CREATE TABLE future (x)")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store.open_path(db)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.broken-*"))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"This is not a database, it is a note.\n" * 200, id="not-a-database"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated-half"),
        pytest.param(lambda data: data[:4096 * 3], id="truncated-to-three-pages"),
        pytest.param(lambda data: data[:8192] + b"\xff" * 4096 + data[12288:], id="overwritten-page"),
    ],
)
def test_a_damaged_database_raises_with_a_backup_and_is_left_alone(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.sqlite3"
    _filled_store(good)
    db = tmp_path / "bad.sqlite3"
    db.write_bytes(damage(good.read_bytes()))
    before = db.read_bytes()
    with pytest.raises(StoreError) as raised:
        Store.open_path(db)
    error = raised.value
    assert str(db) in str(error) and error.path == db
    assert error.backup is not None and error.backup.exists() and str(error.backup) in str(error)
    assert error.backup.read_bytes() == before
    assert db.read_bytes() == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions")
def test_an_unreadable_database_raises_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "locked.sqlite3"
    _filled_store(db)
    db.chmod(0o200)
    try:
        with pytest.raises(StoreError, match=str(db)):
            Store.open_path(db)
    finally:
        db.chmod(0o600)
