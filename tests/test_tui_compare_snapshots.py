"""SVG snapshots of the compare screen: 000 (ru) ↔ 001 (ar) side by side at 120×40, in colour and with NO_COLOR,
on the first bead with a difference; and the stacked view at 80×24.

The entity index is left out (``load_entities`` patched to None), so these pictures depend on the aligner's own
anchors only and do not change whenever entity extraction improves; the entity path is covered by
tests/test_align_service.py. Cells are drawn in string order (:class:`tests.test_tui_snapshots.GridApp`): the
Arabic column reads right to left exactly as the terminal shows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import wait_loaded

from tests.test_align_service import babelscope_home, home  # noqa: F401  (shared fixtures)
from tests.test_tui_snapshots import GridApp
from tui.screens import compare
from tui.screens.compare import ComparePicker, CompareScreen


@pytest.fixture(autouse=True)
def without_entity_index(babelscope_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare, "load_entities", lambda corpus, store: None)


async def _open_pair(pilot: Pilot, app: GridApp, keys: tuple[str, ...] = ()) -> None:
    await wait_loaded(pilot, app)
    await pilot.press("c")
    for _ in range(400):
        if isinstance(app.screen, ComparePicker) and app.screen.pairs:
            break
        await pilot.pause(0.05)
    await pilot.press("enter")
    for _ in range(400):
        if isinstance(app.screen, CompareScreen) and app.screen.pair is not None:
            break
        await pilot.pause(0.05)
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "no-color"])
def test_side_by_side_120x40(snap_compare, monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = GridApp()

    async def run_before(pilot: Pilot) -> None:
        await _open_pair(pilot, app, ("d",))

    assert snap_compare(app, run_before=run_before, terminal_size=(120, 40))


def test_stacked_80x24(snap_compare) -> None:
    app = GridApp()

    async def run_before(pilot: Pilot) -> None:
        await _open_pair(pilot, app)

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
