"""Cost of entity extraction + linking against the foundation's cold ingest, measured in the same run.

    /tmp/venv/bin/python benchmarks/entities_speed.py [--copies N] [--generated N]

The baseline is a cold ingest (no cache, one process) of the corpus; the figure of merit is entities / ingest,
which issue 4 caps at 1.0 ("must not more than double cold ingest time"), and its parts: mention extraction, the
aligned-translation alias harvest (pair proposal and alignment, corpus.aliases.aligned; its per-article anchor
profiles are computed cold here) and linking. Each part is printed as wall seconds and CPU milliseconds per article
(of this process: these corpora are below the size at which the profiles' process pool starts), since the shared
machine's load moves wall time several-fold.

``--generated N`` (0 to skip) also measures benchmarks/ingest.py's generated corpus of N articles: in one process
as above (CPU figures; the profiles' pool kept off so every CPU second is counted), then with the default workers
(a pool, so wall seconds only; the pool's CPU is not this process's): a cold ingest, then the entity passes.
Also printed: reopening the cached result, and a re-ingest after one article changed (the per-article profiles of
the other articles come from the cache). The corpus is the sample, and the sample copied N times with a distinct
mark on every line of each copy (so the corpus-wide boilerplate pass sees no repeats).
Runs on a throwaway BABELSCOPE_HOME.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))  # benchmarks/ingest.py's generator


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


def _cpu() -> float:
    """CPU seconds of this process and its finished children (a forkserver pool's workers are the forkserver's
    children, not counted here)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``(result, wall s, cpu s)``."""
    wall, cpu = time.perf_counter(), _cpu()
    result = fn()
    return result, time.perf_counter() - wall, _cpu() - cpu


def _entities(corpus) -> tuple[list[float], list[float], Any, Any]:
    """Wall and CPU seconds of extraction, harvest and linking; the mentions and the harvest."""
    from corpus.aliases import aligned
    from corpus.entities.extract import extract
    from corpus.entities.link import link

    found, w_extract, c_extract = _timed(lambda: extract(corpus))
    mentions, w_frame, c_frame = _timed(found.frame)
    pairs, w_harvest, c_harvest = _timed(lambda: aligned.harvest(corpus, mentions))
    _, w_link, c_link = _timed(lambda: link(mentions, found.glosses, aligned.pairs_of(pairs)))
    return ([w_extract + w_frame, w_harvest, w_link], [c_extract + c_frame, c_harvest, c_link], mentions, pairs)


def _forget_anchor_mentions() -> None:
    """Empty the aligner's memo of the last articles' mentions, so each measurement extracts them itself."""
    from corpus.align import features

    features._memoised_mentions.cache_clear()
    features._whole_text_mentions.cache_clear()


def _measure(path: Path | None, label: str) -> None:
    from corpus.entities import build_entities
    from corpus.ingest import load_corpus

    _forget_anchor_mentions()

    (corpus, _), w_ingest, c_ingest = _timed(lambda: load_corpus(path, use_cache=False, workers=1))
    _, w_frames, c_frames = _timed(lambda: (corpus.tokens, corpus.sentences))
    w_ingest, c_ingest = w_ingest + w_frames, c_ingest + c_frames
    walls, cpus, mentions, _ = _entities(corpus)
    build_entities(corpus)  # writes the cache
    index, warm, _ = _timed(lambda: build_entities(corpus))
    n = corpus.documents.height
    size = int(corpus.documents["chars"].sum())
    total, total_cpu = sum(walls), sum(cpus)
    per = [f"{1000 * c / n:>6.1f}" for c in (c_ingest, *cpus)]
    print(f"{label:<12} {n:>5} {size / 1e6:>6.2f} | wall s: ingest {w_ingest:>5.2f} extract {walls[0]:>5.2f} "
          f"aligned {walls[1]:>5.2f} link {walls[2]:>5.2f} | ratio {total / w_ingest:>4.2f} "
          f"(w/o aligned {(walls[0] + walls[2]) / w_ingest:>4.2f}) cpu ratio {total_cpu / c_ingest:>4.2f} | "
          f"cpu ms/article: ingest {per[0]} extract {per[1]} aligned {per[2]} link {per[3]} | "
          f"cached {warm * 1000:>5.1f} ms | {mentions.height} mentions, {index.entities.height} entities")


def _generated(articles: int) -> None:
    """benchmarks/ingest.py's generated corpus: in one process (CPU, as the copies), then with the default workers
    (wall seconds): a cold ingest, then the entity passes (anchor profiles computed in the pool)."""
    from corpus.align import profiles
    from corpus.cache import FrameCache
    from corpus.ingest import load_corpus
    from ingest import generate

    folder = Path(tempfile.mkdtemp(prefix="babelscope-entities-gen-"))
    try:
        generate(folder, articles)
        parallel, profiles.PARALLEL_CHARS = profiles.PARALLEL_CHARS, 1 << 62  # one process: every CPU second counted
        try:
            _measure(folder, "generated")
        finally:
            profiles.PARALLEL_CHARS = parallel
        shutil.rmtree(FrameCache(folder).folder, ignore_errors=True)
        (corpus, _), w_ingest, _ = _timed(lambda: load_corpus(folder))
        _, w_frames, _ = _timed(lambda: (corpus.tokens, corpus.sentences))
        walls, _, mentions, _ = _entities(corpus)
        n = corpus.documents.height
        size = int(corpus.documents["chars"].sum())
        print(f"{'gen pooled':<12} {n:>5} {size / 1e6:>6.2f} | wall s: cold ingest {w_ingest + w_frames:>5.2f} | "
              f"extract {walls[0]:>5.2f} aligned {walls[1]:>5.2f} link {walls[2]:>5.2f} | "
              f"ratio {sum(walls) / (w_ingest + w_frames):>4.2f} | {mentions.height} mentions")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _one_changed(folder: Path) -> None:
    """Re-ingest after one article changed: the entity passes with the other articles' profiles cached."""
    from corpus.ingest import load_corpus

    load_corpus(folder, workers=1)
    _entities(load_corpus(folder, workers=1)[0])  # profiles of every article cached
    victim = sorted(folder.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nEine neue Zeile (edit).\n", encoding="utf-8")
    (corpus, _), w_ingest, c_ingest = _timed(lambda: load_corpus(folder, workers=1))
    walls, cpus, _, _ = _entities(corpus)
    print(f"{'  1 changed':<12} {corpus.documents.height:>5}        | wall s: ingest {w_ingest:>5.2f} extract "
          f"{walls[0]:>5.2f} aligned {walls[1]:>5.2f} link {walls[2]:>5.2f} | cpu s: ingest {c_ingest:.2f} "
          f"entities {sum(cpus):.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="also measure the sample copied N times")
    parser.add_argument("--generated", type=int, default=0, help="also measure the generated corpus of N articles")
    args = parser.parse_args()
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-bench-"))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")
    _measure(None, "sample")
    if args.copies > 1:
        folder = _copies(args.copies)
        try:
            _measure(folder, f"sample x{args.copies}")
            _one_changed(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if args.generated:
        _generated(args.generated)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
