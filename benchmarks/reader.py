"""How fast the reader opens and scrolls a huge article, against wrapping it up front, in the same run.

    /tmp/venv/bin/python benchmarks/reader.py [--mb 50]

Builds a one-line article of ``--mb`` megabytes (mixed Latin, Arabic and CJK words, no newline), mounts the real
``ArticleView`` in a headless Textual app at 100×30, and times: first paint, ``G`` (jump to the end), a
``scroll_to_offset`` into the middle, single-line steps (against the same steps on a 10 KB article: what is left
is Textual's own rendering), and find-in-article (folding the whole text once, then a query). The baseline for
opening is what a reader that wraps everything first would pay: ICU wrapping of the whole text with the same
wrapper (measured on a prefix and scaled linearly, since wrapping is linear).
"""

from __future__ import annotations

import argparse
import asyncio
import time

from textual.app import App, ComposeResult

from corpus.textlayout.find import FoldedText
from corpus.textlayout.wrap import wrap_lines
from tui.widgets.article_view import ArticleView

WORDS = ["Altman", "OpenAI", "ألتمان", "مايكروسوفت", "奥特曼", "微软的", "アルトマン", "news", "2023"]


def article(megabytes: float) -> str:
    line = " ".join(WORDS) + " "
    return line * int(megabytes * 1_000_000 / len(line)) + "THE END"


class Bench(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.view = ArticleView(text, [(0, 0, len(text), "body")], "und", bidi="app")

    def compose(self) -> ComposeResult:
        yield self.view


async def per_key(text: str, presses: int = 200) -> float:
    """Seconds per ``j`` through Pilot (Textual's full render of the screen included)."""
    app = Bench(text)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.view.focus()
        start = time.perf_counter()
        for _ in range(presses):
            await pilot.press("j")
        return (time.perf_counter() - start) / presses


async def measure(text: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    start = time.perf_counter()
    app = Bench(text)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        figures["first paint"] = time.perf_counter() - start
        view = app.view
        view.focus()
        t = time.perf_counter()
        await pilot.press("G")
        figures["G (to the end)"] = time.perf_counter() - t
        assert view.render_line(view.size.height - 1).text.rstrip().endswith("THE END")
        t = time.perf_counter()
        view.scroll_to_offset(len(text) // 2)
        await pilot.pause()
        figures["jump to the middle"] = time.perf_counter() - t
    figures["j, per key (this article)"] = await per_key(text)
    figures["j, per key (a 10 KB article: baseline)"] = await per_key(article(0.01))
    t = time.perf_counter()
    folded = FoldedText(text)
    figures["find: fold the article (worker)"] = time.perf_counter() - t
    t = time.perf_counter()
    hits = folded.find_all("ALTMAN", limit=100_000)
    figures[f"find: query ({len(hits):,} hits, capped)"] = time.perf_counter() - t
    return figures


def baseline(text: str, prefix_chars: int = 2_000_000) -> float:
    prefix = min(len(text), prefix_chars)
    t = time.perf_counter()
    for _ in wrap_lines(text, 0, prefix, 96):
        pass
    return (time.perf_counter() - t) * len(text) / prefix


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="article size in megabytes (default 50)")
    args = parser.parse_args()
    text = article(args.mb)
    print(f"article: {len(text):,} characters on one line")
    figures = asyncio.run(measure(text))
    for name, seconds in figures.items():
        print(f"  {name:<40} {seconds * 1000:10.1f} ms")
    print(f"  {'baseline: wrap the whole article first':<40} {baseline(text) * 1000:10.1f} ms")


if __name__ == "__main__":
    main()
