"""Cost of entity extraction + linking against the foundation's cold ingest, measured in the same run.

    /tmp/venv/bin/python benchmarks/entities_speed.py [--copies N]

The baseline is a cold ingest (no cache) of the corpus; the figure of merit is entities / ingest, which issue 4
caps at 1.0 ("must not more than double cold ingest time"), and its parts: mention extraction, the aligned-translation
alias harvest (pair proposal and alignment, corpus.aliases.aligned) and linking. Also printed: reopening from the
Parquet cache. The
corpus is the sample, and the sample copied N times with a distinct mark on every line of each copy (so the
corpus-wide boilerplate pass sees no repeats).
Runs on a throwaway BABELSCOPE_HOME.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _copies(n: int) -> Path:
    from corpus.paths import sample_corpus_dir

    folder = Path(tempfile.mkdtemp(prefix="babelscope-entities-"))
    for k in range(n):
        for src in sorted(sample_corpus_dir().glob("*.txt")):
            lines = src.read_text(encoding="utf-8").split("\n")
            # a distinct mark on every line, so the corpus-wide boilerplate pass does not see repeats
            marked = "\n".join(f"{line} ({k}.{i})" if line.strip() else line for i, line in enumerate(lines))
            (folder / f"{k:03d}_{src.name}").write_text(marked, encoding="utf-8")
    return folder


def _measure(path: Path | None, label: str) -> None:
    from corpus.aliases import aligned
    from corpus.entities import build_entities
    from corpus.entities.extract import extract
    from corpus.entities.link import link
    from corpus.ingest import load_corpus

    started = time.perf_counter()
    corpus, _ = load_corpus(path, use_cache=False, workers=1)
    _ = corpus.tokens, corpus.sentences
    ingest = time.perf_counter() - started
    parts = []
    started = time.perf_counter()
    found = extract(corpus)
    mentions = found.frame()
    parts.append(time.perf_counter() - started)
    started = time.perf_counter()
    pairs = aligned.harvest(corpus, mentions)
    parts.append(time.perf_counter() - started)
    started = time.perf_counter()
    link(mentions, found.glosses, aligned.pairs_of(pairs))
    parts.append(time.perf_counter() - started)
    entities = sum(parts)
    build_entities(corpus)  # writes the cache
    started = time.perf_counter()
    index = build_entities(corpus)
    warm = time.perf_counter() - started
    size = int(corpus.documents["chars"].sum())
    print(f"{label:<14} {corpus.documents.height:>5} {size / 1e6:>7.2f} {ingest:>8.2f} {parts[0]:>9.2f} "
          f"{parts[1]:>9.2f} {parts[2]:>7.2f} {entities:>9.2f} {entities / ingest:>6.2f} "
          f"{(parts[0] + parts[2]) / ingest:>10.2f} {warm * 1000:>9.1f} {mentions.height:>9} {index.entities.height:>8}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="also measure the sample copied N times")
    args = parser.parse_args()
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-bench-"))
    print(f"{'corpus':<14} {'docs':>5} {'Mchars':>7} {'ingest s':>8} {'extract s':>9} {'aligned s':>9} "
          f"{'link s':>7} {'entities s':>9} {'ratio':>6} {'w/o align':>10} {'cached ms':>9} {'mentions':>9} "
          f"{'entities':>8}")
    _measure(None, "sample")
    if args.copies > 1:
        folder = _copies(args.copies)
        try:
            _measure(folder, f"sample x{args.copies}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
