"""SVG snapshots of the entity screen (80×24, in colour and with NO_COLOR) and of the reader with the entity pane,
Altman selected (his mentions highlighted, the pane's ● marker on his row): the Japanese sample at 120×40, and
the Arabic sample at 80×24 with the app doing bidi and NO_COLOR (the smallest, plainest terminal).

Cells are drawn in string order (see tests/test_tui_snapshots.py, whose ``GridApp`` this reuses), so what the
SVG shows is what a terminal without bidi shows.
"""

from __future__ import annotations

import polars as pl
import pytest
from textual.pilot import Pilot
from tui_helpers import wait_loaded

from tests.conftest import SAMPLE_FILES
from tests.test_tui_snapshots import GridApp
from tui.widgets.entity_pane import EntityPane
from tui.widgets.keyed_list import KeyedOptionList


async def _entities_ready(pilot: Pilot, app: GridApp) -> None:
    for _ in range(600):
        if app.entities.index_for(app.session) is not None:
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()  # the entity list and the pane's figures are prepared in workers
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-color"])
def test_entity_screen(snap_compare, monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = GridApp()

    async def open_screen(pilot: Pilot) -> None:
        await wait_loaded(pilot, app)
        await pilot.press("E")
        await _entities_ready(pilot, app)
        await pilot.press("j")  # the second entity (Altman): names in five scripts, strips in five articles
        await pilot.pause()

    assert snap_compare(app, run_before=open_screen, terminal_size=(80, 24))


@pytest.mark.parametrize(
    ("lang", "size", "bidi", "no_color"),
    [("ja", (120, 40), "terminal", False), ("ar", (80, 24), "app", True)],
    ids=["ja-120x40", "ar-80x24-app-bidi-no-color"],
)
def test_reader_with_entity_pane(snap_compare, monkeypatch: pytest.MonkeyPatch, lang: str,
                                 size: tuple[int, int], bidi: str, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = GridApp()
    app.settings.bidi = bidi

    async def open_pane(pilot: Pilot) -> None:
        await wait_loaded(pilot, app)
        app.open_reader(SAMPLE_FILES[lang])
        await pilot.pause()
        await pilot.press("e")
        await _entities_ready(pilot, app)
        pane = app.screen.query_one(EntityPane)
        for _ in range(200):
            if pane._figures is not None:
                break
            await pilot.pause(0.05)
        index = app.entities.index_for(app.session)
        altman = index.entities.filter(pl.col("name").str.contains("Altman"))["id"][0]
        listing = pane.query_one(KeyedOptionList)
        listing.highlighted = listing.get_option_index(f"entity:{altman}")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(app, run_before=open_pane, terminal_size=size)
