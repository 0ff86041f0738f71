"""Helpers shared by the TUI tests: a hostile fixture corpus, waiting for the corpus to load, reading the screen."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from tui.app import BabelscopeApp
from tui.widgets.article_view import ArticleView

ESC = "\x1b"
HOSTILE_TEXT = (
    "Hostile [bold]title[/bold] here\n\n"
    f"Hello [bold]world[/bold] and [link=https://example.com]click[/link] {ESC}[31mRED{ESC}]52;c;SGVsbG8=\x07 done.\n\n"
    "Altman met ALTMAN and ａｌｔｍａｎ near the Straße.\n\n"
    "© 2023 Example News. All rights reserved.\n\n"
    + "\n\n".join(f"Paragraph {n} talks about the weather in some detail, on and on, for a while." for n in range(5, 65))
    + "\n"
)
ARABIC_TEXT = "مرحبا OpenAI\n\n(عالم) تبلغ 80 مليار\n\nنص آخر هنا للقراءة\n"


def write_corpus(root: Path) -> Path:
    """A small corpus of untrusted articles: markup and escape sequences, folded spellings, Arabic, boilerplate."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (root / "mixed.txt").write_text(ARABIC_TEXT, encoding="utf-8")
    return root


async def wait_loaded(pilot: Pilot, app: BabelscopeApp) -> None:
    """Wait until the corpus worker has delivered the session (ingest runs in a thread; up to a minute on a
    loaded machine)."""
    for _ in range(1200):
        if app.session is not None:
            break
        await pilot.pause(0.05)
    assert app.session is not None, "the corpus did not load"
    await pilot.pause()


async def open_reader(pilot: Pilot, app: BabelscopeApp, doc_id: str, offset: int | None = None) -> ArticleView:
    await wait_loaded(pilot, app)
    app.open_reader(doc_id, offset)
    await pilot.pause()
    await pilot.pause()
    return app.screen.query_one("#article", ArticleView)


def view_lines(view: ArticleView) -> list[str]:
    """The text of every row of the view, as drawn (screen order)."""
    return [view.render_line(y).text for y in range(view.size.height)]
