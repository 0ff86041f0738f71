"""Measure the annotation store: one add (p50/p95), bulk import, and loading 100,000 annotations.

Each figure is set against a raw ``sqlite3`` baseline on the same machine in the same run (plain ``executemany``
inserts and a plain ``SELECT ... fetchall`` of the same rows), so the overhead of the repository (validation,
dataclasses, revisions, tombstones) is visible apart from SQLite itself.

Run: python benchmarks/annotations_store.py [--n 100000]   (writes into a temporary directory only)
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from corpus.annotations import AnnotationRepository, new_annotation
from corpus.annotations.model import Annotation
from corpus.store import Store

TEXT = ("Глава компании Иван Петров сообщил, что выручка выросла на 37 процентов. 公司表示收入增长了百分之八十。"
        "قال المتحدث إن الإيرادات ارتفعت. ") * 20


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _annotations(n: int, docs: int) -> list[Annotation]:
    template = new_annotation(doc_id="x", text=TEXT, start=0, end=10, label="claim", content_hash="h")
    out = []
    for i in range(n):
        start = i % (len(TEXT) - 40)
        out.append(replace(template, id=str(uuid.uuid4()), doc_id=f"doc{i % docs:05d}.txt", start=start,
                           end=start + 20, exact=TEXT[start:start + 20], note=f"note {i}"))
    return out


def bench_add(directory: Path, count: int) -> list[float]:
    with Store.open_path(directory / "add.sqlite3") as store:
        repo = AnnotationRepository(store)
        times = []
        for i in range(count):
            start = i % 500
            times.append(_timed(lambda: repo.add(doc_id="a.txt", text=TEXT, start=start, end=start + 12,
                                                 label="claim", content_hash="h")))
        return times


def bench_raw_add(directory: Path, count: int) -> list[float]:
    conn = sqlite3.connect(directory / "raw_add.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, doc_id TEXT, start INT, e INT, exact TEXT, label TEXT)")
    times = []
    for i in range(count):
        row = (str(uuid.uuid4()), "a.txt", i, i + 12, TEXT[i % 500:i % 500 + 12], "claim")
        times.append(_timed(lambda: (conn.execute("BEGIN IMMEDIATE"),
                                     conn.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", row),
                                     conn.execute("COMMIT"))))
    conn.close()
    return times


def bench_load(directory: Path, n: int, docs: int, name: str) -> dict[str, float]:
    rows = _annotations(n, docs)
    store = Store.open_path(directory / f"{name}.sqlite3")
    repo = AnnotationRepository(store)
    figures = {"import (merge)": _timed(lambda: repo.merge(rows))}
    doc = rows[0].doc_id
    figures["load one doc"] = min(_timed(lambda: repo.list(doc_id=doc)) for _ in range(3))
    figures["load corpus"] = min(_timed(lambda: repo.list()) for _ in range(3))
    store.close()

    conn = sqlite3.connect(directory / f"{name}_raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute('CREATE TABLE a (id TEXT PRIMARY KEY, doc_id TEXT, start INT, "end" INT, exact TEXT, prefix TEXT,'
                 " suffix TEXT, content_hash TEXT, label TEXT, note TEXT, created TEXT, modified TEXT, orphan INT)")
    conn.execute('CREATE INDEX a_doc ON a (doc_id, start)')
    tuples = [tuple(r.to_record().values()) for r in rows]

    def raw_insert() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO a VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tuples)
        conn.execute("COMMIT")

    figures["raw executemany insert"] = _timed(raw_insert)
    figures["raw fetchall one doc"] = min(
        _timed(lambda: conn.execute("SELECT * FROM a WHERE doc_id = ? ORDER BY start", (doc,)).fetchall())
        for _ in range(3))
    figures["raw fetchall corpus"] = min(
        _timed(lambda: conn.execute("SELECT * FROM a ORDER BY doc_id, start").fetchall()) for _ in range(3))
    conn.close()
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="annotations for the load tests")
    parser.add_argument("--adds", type=int, default=300, help="single adds to time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for label, times in (("repository add", bench_add(directory, args.adds)),
                             ("raw insert+commit", bench_raw_add(directory, args.adds))):
            q = statistics.quantiles(times, n=20)
            print(f"{label:28s} p50 {_ms(statistics.median(times))}  p95 {_ms(q[18])}  (n={len(times)})")
        for name, docs in (("one doc", 1), ("corpus of 5,000 docs", 5000)):
            print(f"\n{args.n:,} annotations in {name}:")
            for key, value in bench_load(directory, args.n, docs, name.split()[0]).items():
                print(f"  {key:28s} {_ms(value)}")


if __name__ == "__main__":
    main()
