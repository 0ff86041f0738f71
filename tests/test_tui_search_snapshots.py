"""How the search screen looks (pytest-textual-snapshot): "Altman" on the sample corpus with the real engine, at
80×24 (columns collapsed) and 120×40 (article and key columns), and in the app bidi mode for the Arabic rows.

The SVGs are drawn cell by cell (``GridApp``), so Arabic rows read as a terminal without bidi shows them: in the
``app`` snapshot right to left, mirrored around the hit. Only the engine's timing is pinned (it differs on every
run); everything else is the real screen. Look at the SVGs
under tests/__snapshots__/ after ``--snapshot-update``.
"""

from __future__ import annotations

import dataclasses

import pytest
from textual.widgets import Input

from corpus.search import Searcher
from tests.test_tui_search import settle, shared_cache  # noqa: F401  (fixture)
from tests.test_tui_snapshots import GridApp  # SVG text cell by cell, as a terminal without bidi draws it
from tui_helpers import wait_loaded
from tui.screens.search import SearchScreen


class SteadyClock:
    """The real engine, reporting 0 ms so the summary line is the same on every run."""

    def __init__(self, session) -> None:
        self.engine = Searcher(session.corpus, store=session.store)

    def search(self, query: str, **options):
        return dataclasses.replace(self.engine.search(query, **options), elapsed_ms=0.0)


pytestmark = pytest.mark.usefixtures("shared_cache")


def searched(query: str, *, language: str | None = None, bidi: str | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        await wait_loaded(pilot, app)
        if bidi is not None:
            app.settings.bidi = bidi
        await app.push_screen(SearchScreen(app.session, searcher=SteadyClock))
        await pilot.pause()
        box = app.screen.query_one(Input)
        box.cursor_blink = False
        await pilot.press(*query)
        await settle(app, pilot)
        await pilot.press("tab")
        screen = app.screen
        while language is not None and screen.language != language:  # L cycles languages, most hits first
            await pilot.press("L")
            await settle(app, pilot)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_altman(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(GridApp(), run_before=searched("Altman"), terminal_size=size)


def test_altman_arabic_rows_in_app_bidi_mode(snap_compare) -> None:
    # only the Arabic hits, reordered by the app
    assert snap_compare(GridApp(), run_before=searched("Altman", language="ar", bidi="app"), terminal_size=(100, 30))
