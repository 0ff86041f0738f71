"""A store written at schema version 2 (the annotations migration) keeps every annotation through later migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from corpus.annotations import AnnotationRepository, new_annotation
from corpus.store import Store
from corpus.store.migrations import discover, latest_version

TEXT = "Глава компании сообщил, что выручка выросла на 37 процентов. 公司表示收入增长。 قال المتحدث"


def _version_2_store(path: Path) -> list:  # type: ignore[type-arg]
    """A database exactly as schema version 2 left it, holding annotations and a tombstone."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for migration in discover()[:2]:
        migration.apply(conn)
    made = [
        new_annotation(doc_id="ru.txt", text=TEXT, start=28, end=35, label="claim", content_hash="h", note="заметка"),
        new_annotation(doc_id="zh.txt", text=TEXT, start=61, end=65, label="figure", content_hash="h"),
    ]
    for rev, annotation in enumerate(made, start=1):
        record = annotation.to_record()
        record["orphan"] = int(record["orphan"])
        columns = ", ".join(f'"{c}"' for c in record)
        conn.execute(f"INSERT INTO annotations ({columns}, rev) VALUES ({', '.join('?' * len(record))}, ?)",
                     [*record.values(), rev])
    conn.execute("INSERT INTO annotation_tombstones VALUES ('gone', 'ru.txt', '2025-01-01T00:00:00.000000Z', 3)")
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    return made


def test_a_version_2_store_keeps_its_annotations_after_every_later_migration(tmp_path: Path) -> None:
    db = tmp_path / "v2.sqlite3"
    made = _version_2_store(db)
    with Store.open_path(db) as store:
        assert store.schema_version == latest_version() >= 2
        repo = AnnotationRepository(store)
        assert repo.list() == made  # every field, including the note and offsets
        assert repo.revision() == 3 and repo.changes(2).deleted == ["gone"]
        added = repo.add(doc_id="ar.txt", text=TEXT, start=len(TEXT) - 7, end=len(TEXT), label="quote",
                         content_hash="h").after
        assert repo.get(added.id) == added and repo.revision() == 4
    with Store.open_path(db) as store:  # reopening migrates nothing twice
        assert AnnotationRepository(store).count() == 3
