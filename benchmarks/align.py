"""The paragraph aligner's figures, each next to its baseline from the same run (issue 5):

1. link F1 on the gold sample pairs and on their repost perturbations (corpus/align/evaluate.py): the anchored
   aligner against plain length-only Gale–Church (target ≥ 0.97; Gale–Church ≈ 0.86);
2. alignment time of the sample pairs once their features exist (target < 50 ms), against the cell-by-cell
   Python search the vectorised DP replaced and against plain Gale–Church;
3. two 1,000-paragraph articles (target < 1 s): the sample pair repeated with every copy's figures renumbered
   (copies differ as long articles' sections do) and every 23rd paragraph dropped on one side;
4. compare screen open time in a headless app (target < 300 ms): Enter on a proposed pair until the aligned
   pair is on screen, the first time (cold caches) and again (warm).

Run: python benchmarks/align.py
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus.align import costs
from corpus.align.dp import align, gale_church_baseline
from corpus.align.evaluate import Article, case_f1, features_of, load_case, perturbed_cases

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "sample_corpus"
GOLD = [(ROOT / "tests" / "data" / "align_gold_000_001.json", "ru", "ar"),
        (ROOT / "tests" / "data" / "align_gold_003_004.json", "ja", "id")]


def _time(function: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cell_by_cell(source, target):
    """The banded search without the vectorised cost tables (what ran before corpus/align/costs.py)."""
    limit = costs.DENSE_LIMIT
    costs.DENSE_LIMIT = 0
    try:
        return align(source, target)
    finally:
        costs.DENSE_LIMIT = limit


def link_f1() -> None:
    cache: dict[Article, list] = {}

    def features(article: Article) -> list:
        if article not in cache:
            cache[article] = features_of(article)
        return cache[article]

    gold = [load_case(path, SAMPLES, *langs) for path, *langs in GOLD]
    perturbed = [case for original in gold for case in perturbed_cases(original)[1:]]
    for label, cases in (("gold pairs", gold), ("perturbed reposts", perturbed)):
        ours = statistics.mean(case_f1(case, align, features) for case in cases)
        plain = statistics.mean(case_f1(case, gale_church_baseline, features) for case in cases)
        print(f"link F1, {label} ({len(cases)} cases): anchored {ours:.3f} · plain Gale–Church {plain:.3f}")


def sample_times() -> None:
    for path, source_lang, target_lang in GOLD:
        case = load_case(path, SAMPLES, source_lang, target_lang)
        start = time.perf_counter()
        source, target = features_of(case.source), features_of(case.target)
        features = time.perf_counter() - start
        print(f"{case.name}: {len(source)}×{len(target)} paragraphs · features {features * 1000:.0f} ms (once per "
              f"article) · align {_time(lambda: align(source, target)) * 1000:.1f} ms · cell-by-cell search "
              f"{_time(lambda: _cell_by_cell(source, target)) * 1000:.1f} ms · plain Gale–Church "
              f"{_time(lambda: gale_church_baseline(source, target)) * 1000:.1f} ms")


def _long(article: Article, paragraphs: int, drop_every: int) -> Article:
    texts, kinds = [], []
    copy = 0
    while len(texts) < paragraphs:
        for position, (text, kind) in enumerate(zip(article.paragraphs, article.kinds, strict=True)):
            if drop_every and (copy * 7 + position) % drop_every == 0:
                continue
            texts.append(re.sub(r"\d+", lambda m, c=copy: str(int(m.group()) + 1000 * (c + 1)), text))
            kinds.append(kind)
        copy += 1
    return Article(article.lang, tuple(texts[:paragraphs]), tuple(kinds[:paragraphs]))


def long_times() -> None:
    case = load_case(*GOLD[0][:1], SAMPLES, *GOLD[0][1:])
    source, target = features_of(_long(case.source, 1000, 0)), features_of(_long(case.target, 1000, 23))
    ours = _time(lambda: align(source, target), repeat=3)
    cell = _time(lambda: _cell_by_cell(source, target), repeat=1)
    print(f"1000×1000 paragraphs: align {ours:.2f} s · cell-by-cell banded search {cell:.2f} s")


def screen_open_times() -> None:
    os.environ["BABELSCOPE_HOME"] = tempfile.mkdtemp(prefix="babelscope-bench-")
    from tui.app import BabelscopeApp
    from tui.screens.compare import ComparePicker, CompareScreen

    async def run() -> list[float]:
        app = BabelscopeApp()
        found = []
        async with app.run_test(size=(120, 40)) as pilot:
            while app.session is None:
                await pilot.pause(0.05)
            for _ in range(2):
                await pilot.press("c")
                while not (isinstance(app.screen, ComparePicker) and app.screen.pairs):
                    await pilot.pause(0.01)
                await app.workers.wait_for_complete()  # the picker's own work (pairs, prefetch) is done
                await pilot.press("enter")
                while not (isinstance(app.screen, CompareScreen) and app.screen.open_time is not None):
                    await pilot.pause(0.005)
                found.append(app.screen.open_time)
                await pilot.press("q", "q")
        return found

    first, again = asyncio.run(run())
    print(f"compare screen open (Enter → aligned pair on screen): first {first * 1000:.0f} ms · "
          f"again {again * 1000:.0f} ms")


def main() -> None:
    link_f1()
    sample_times()
    long_times()
    screen_open_times()


if __name__ == "__main__":
    main()
