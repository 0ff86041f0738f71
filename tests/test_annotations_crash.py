"""A kill -9 at any moment loses no committed annotation; two writers at once lose nothing (issue 6)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from corpus.annotations import AnnotationRepository
from corpus.store import Store

WRITER = Path(__file__).parent / "data" / "annotations_writer.py"
TRIALS = 30


def _spawn(db: Path, count: int, tag: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), str(count), tag],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )


def _committed_ids(output: str) -> set[str]:
    """Ids on complete lines only: a line cut by the kill was never fully reported."""
    lines = output.split("\n")[:-1]
    return {line for line in lines if line != "ready"}


def test_sigkill_during_a_burst_of_writes_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    rng = random.Random(6)
    reported: set[str] = set()
    for _ in range(TRIALS):
        child = _spawn(db, 100_000, "crash")
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n", child.stderr.read() if child.stderr else ""
        time.sleep(rng.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate()
        assert child.returncode == -signal.SIGKILL
        reported |= _committed_ids(output)

        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    with Store.open_path(db) as store:
        stored = {a.id for a in AnnotationRepository(store).list()}
    assert len(reported) > TRIALS  # the children really wrote between start and kill
    assert reported <= stored


def test_two_writer_processes_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "two.sqlite3"
    Store.open_path(db).close()  # both children start from a migrated store, as two app instances would
    children = [_spawn(db, 250, tag) for tag in ("first", "second")]
    outputs = [child.communicate(timeout=60) for child in children]
    for child, (_, err) in zip(children, outputs):
        assert child.returncode == 0, err
    reported = [_committed_ids(out) for out, _ in outputs]
    with Store.open_path(db) as store:
        repo = AnnotationRepository(store)
        assert {a.id for a in repo.list(doc_id="first.txt")} == reported[0]
        assert {a.id for a in repo.list(doc_id="second.txt")} == reported[1]
        assert repo.count() == 500
        assert repo.changes(0).rev == repo.revision() >= 500


def test_two_processes_migrating_a_fresh_store_at_once(tmp_path: Path) -> None:
    db = tmp_path / "fresh.sqlite3"
    children = [_spawn(db, 20, tag) for tag in ("a", "b")]
    for child in children:
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
    with Store.open_path(db) as store:
        assert AnnotationRepository(store).count() == 40
