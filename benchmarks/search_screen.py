"""The search screen's feel: keystrokes while searching, and a concordance of 100k hits, against baselines.

    /tmp/venv/bin/python benchmarks/search_screen.py [--articles 6000] [--hits 100000] [--keep DIR]

1. Typing. On an ``--articles`` corpus generated like benchmarks/search.py (six languages, many name forms), the
   app runs headless with the real engine; "Altman", "Альтман" and "ألتمان" are typed one key at a time. For every
   key we time how long the app takes to handle it (``pilot.press`` until the screen is idle again) and, per query,
   how long until its hits are on screen. Baseline in the same run: the same keys typed into a bare Textual
   ``Input`` that does nothing. Search-as-you-type must not make a keystroke slower than that by more than noise.
2. A long concordance. ``--hits`` synthetic hits (the engine's hit schema, contexts in five scripts): the
   worker's view build (filter + sort + dispersion frame) per sort order, and the KWIC's first paint (set the
   frame, draw every visible line). Baseline in the same run: Textual's DataTable filling 10,000 of those rows
   (scaled linearly to ``--hits``, which is generous to it; at 100k it takes seconds).

Nothing here asserts a time; figures are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collections.abc import Callable  # noqa: E402

from textual.app import App, ComposeResult  # noqa: E402
from textual.widget import Widget  # noqa: E402
from textual.widgets import DataTable, Input  # noqa: E402

from tui.screens.search import DEBOUNCE_S, SORTS, SearchScreen, build_view  # noqa: E402
from tui.widgets.kwic import KwicView  # noqa: E402

QUERIES = ("Altman", "Альтман", "ألتمان")


def _generator():
    spec = importlib.util.spec_from_file_location("search_bench", ROOT / "benchmarks" / "search.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def ms(seconds: float) -> float:
    return seconds * 1000


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered):6.1f} ms  p95 {p95:6.1f} ms  max {ordered[-1]:6.1f} ms  (n={len(ordered)})"


# 1. typing ----------------------------------------------------------------------------------------------------
async def type_into_search(corpus: Path) -> tuple[list[float], dict[str, float]]:
    from tui.app import BabelscopeApp

    app = BabelscopeApp(corpus)
    keys: list[float] = []
    until_hits: dict[str, float] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        waited = time.perf_counter()
        while app.session is None:  # ingest runs in the app's worker (cold: minutes for a large corpus)
            if time.perf_counter() - waited > 1800:
                raise SystemExit("the corpus did not load in 30 minutes")
            await pilot.pause(0.1)
        screen = SearchScreen(app.session)
        await app.push_screen(screen)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the index is built before we type (a one-time cost, not typing)
        box = screen.query_one(Input)
        for query in QUERIES:
            box.value = ""
            await pilot.pause()
            for key in query:
                before = time.perf_counter()
                await pilot.press(key)
                keys.append(ms(time.perf_counter() - before))
            started = time.perf_counter()
            while screen.busy or screen.query_text != query:
                await pilot.pause(0.005)
            until_hits[query] = ms(time.perf_counter() - started)
            until_hits[query + " hits"] = screen.hits.height
    return keys, until_hits


class BareInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def type_into_bare_input() -> list[float]:
    app = BareInput()
    keys: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        for query in QUERIES:
            app.query_one(Input).value = ""
            for key in query:
                before = time.perf_counter()
                await pilot.press(key)
                keys.append(ms(time.perf_counter() - before))
    return keys


# 2. a long concordance ----------------------------------------------------------------------------------------
CONTEXT_WORDS = ("генеральный директор Сэм заявил что компания OpenAI Microsoft قال سام إن الشركة 首席执行官 山姆 "
                 "表示 微软 サム 氏は 解任 dipecat oleh dewan Sam CEO").split()


def synthetic_hits(count: int, articles: int, seed: int = 3) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    langs = ["ru", "ar", "zh", "ja", "id", "en"]

    def context() -> str:
        return " ".join(rng.choice(CONTEXT_WORDS) for _ in range(9))[:60]

    doc = [rng.randrange(articles) for _ in range(count)]
    hits = pl.DataFrame({
        "doc_id": [f"a{d:06d}.txt" for d in doc], "lang": [langs[d % 6] for d in doc],
        "start": [rng.randrange(20000) for _ in range(count)], "score": [rng.random() for _ in range(count)],
        "left": [context() for _ in range(count)], "right": [" " + context() for _ in range(count)],
    }).with_columns(
        path=pl.col("doc_id"), end=pl.col("start") + 6, surface=pl.lit("Altman"), match=pl.lit("fuzzy"),
        key=pl.lit("altman"), alias_origin=pl.lit(None, pl.String), doc_order=pl.col("doc_id").str.slice(1, 6)
        .cast(pl.UInt32),
    )
    documents = pl.DataFrame({
        "doc_id": [f"a{d:06d}.txt" for d in range(articles)], "lang": [langs[d % 6] for d in range(articles)],
        "title": [f"Article {d}" for d in range(articles)], "chars": [20000] * articles,
    }).with_row_index("doc_order")
    return hits, documents


class OneWidget(App[None]):
    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget


async def first_paint(widget: Widget, fill: Callable[[Widget], object]) -> float:
    """Milliseconds from giving ``widget`` its rows until the screen has been drawn."""
    app = OneWidget(widget)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        fill(widget)
        await pilot.pause()
        return ms(time.perf_counter() - started)


def fill_kwic(frame: pl.DataFrame) -> Callable[[Widget], object]:
    return lambda view: view.set_hits(frame)  # type: ignore[attr-defined]


def fill_table(frame: pl.DataFrame) -> Callable[[Widget], object]:
    def fill(table: Widget) -> None:
        table.add_columns("lang", "left", "hit", "right", "why")  # type: ignore[attr-defined]
        table.add_rows(frame.select("lang", "left", "surface", "right", "match").iter_rows())  # type: ignore

    return fill


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--hits", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DIR", help="generate the corpus into DIR and keep it (reused if present)")
    args = parser.parse_args(argv)
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-bench-home-"))

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="babelscope-bench-corpus-"))
    if not any(folder.glob("*")):
        _generator().generate(folder, args.articles)
    print(f"1. typing into the search screen ({args.articles} articles, real engine, 120x40)")
    keys, until_hits = asyncio.run(type_into_search(folder))
    bare = asyncio.run(type_into_bare_input())
    print(f"   per keystroke, search screen : {summary(keys)}")
    print(f"   per keystroke, bare Input    : {summary(bare)}")
    for query in QUERIES:
        print(f"   {query!r}: last key → hits on screen {until_hits[query]:7.1f} ms"
              f" ({until_hits[query + ' hits']} hits; includes the {DEBOUNCE_S * 1000:.0f} ms debounce)")

    print(f"2. a concordance of {args.hits} hits over {args.articles} articles")
    hits, documents = synthetic_hits(args.hits, args.articles)
    for sort in SORTS:
        started = time.perf_counter()
        view = build_view(hits, documents, sort)
        print(f"   view build (worker), sort {sort:<8}: {ms(time.perf_counter() - started):7.1f} ms")
    started = time.perf_counter()
    build_view(hits, documents, "score", language="ar")
    print(f"   view build (worker), lang ar       : {ms(time.perf_counter() - started):7.1f} ms")
    paint = asyncio.run(first_paint(KwicView(), fill_kwic(view.rows)))
    sample = 10_000
    table = asyncio.run(first_paint(DataTable(), fill_table(view.rows.head(sample))))
    print(f"   KWIC first paint (UI thread)       : {paint:7.1f} ms")
    print(f"   DataTable, {sample} rows            : {table:7.1f} ms  (≈ {table * args.hits / sample / 1000:.1f} s"
          f" at {args.hits}, linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
