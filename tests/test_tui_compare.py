"""The compare flow as a person uses it, through Pilot: `c`, pick a pair, read in step, jump to differences and
unaligned paragraphs, swap, fix the alignment from the keyboard, the stacked view on a small terminal."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from corpus.align import fixes
from tui import keymap
from tui.app import BabelscopeApp
from tui.screens.compare import ComparePicker, CompareScreen
from tui.widgets.compare_layout import CompareLayout

from tests.test_align_service import babelscope_home, home  # noqa: F401  (shared fixtures)

RU, AR = "000_a950dea4a643e238.txt", "001_eb0aed705e4d506f.txt"


async def until(pilot, condition: Callable[[], bool], timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)


async def open_picker(pilot, app: BabelscopeApp) -> ComparePicker:
    """`c` once the corpus is loaded; returns the picker once its proposed pairs are listed."""
    await until(pilot, lambda: app.session is not None)
    await pilot.press("c")
    await until(pilot, lambda: isinstance(app.screen, ComparePicker) and bool(app.screen.pairs))
    return app.screen


async def open_first_pair(pilot, app: BabelscopeApp) -> CompareScreen:
    picker = await open_picker(pilot, app)
    assert picker.pairs[0] == (RU, AR)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.pair is not None)
    return app.screen


def at_source_paragraph(screen: CompareScreen, index: int):
    """Put the cursor on the bead holding source paragraph ``index``; returns the alignment shown."""
    alignment = screen.pair.alignment
    screen.view.go_to_bead(fixes.bead_of(alignment, "source", index))
    return alignment


def _status(screen: CompareScreen) -> str:
    return str(screen.query_one("#compare-status").render())


def test_compare_keys_do_not_clash_with_global_keys() -> None:
    assert keymap.collisions(CompareScreen.SCOPES) == []
    assert keymap.collisions(ComparePicker.SCOPES) == []
    compare_keys = {key for spec in keymap.specs("compare") for key in spec.keys.split(",")}
    global_keys = {key for spec in keymap.specs(keymap.GLOBAL) + keymap.specs("movement")
                   for key in spec.keys.split(",")}
    assert not compare_keys & global_keys


async def test_open_pair_step_differences_unaligned_and_swap() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        view = screen.view
        assert not view.stacked
        beads = screen.pair.alignment.beads
        assert beads[view.current].source and beads[view.current].target  # starts at the first link
        await pilot.press("d")
        assert beads[view.current].differences and "≠" in _status(screen)
        first_difference = view.current
        await pilot.press("d")
        assert view.current > first_difference and beads[view.current].differences
        await pilot.press("D")
        assert view.current == first_difference
        await pilot.press("u")
        assert not beads[view.current].source or not beads[view.current].target
        assert "no counterpart" in _status(screen)
        await pilot.press("g", "j")
        assert view.current == 1
        await pilot.press("y")  # copy the current bead: its A paragraphs, then its B paragraphs
        bead = beads[view.current]
        assert app.clipboard.endswith(screen.pair.target.paragraph_text(bead.target[-1]))
        await pilot.press("s")
        await until(pilot, lambda: screen.pair is not None and screen.pair.source.doc_id == AR)
        assert screen.pair.target.doc_id == RU
        await pilot.press("q")
        assert isinstance(app.screen, ComparePicker)


async def test_merge_is_saved_reused_and_undone() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        alignment = at_source_paragraph(screen, 3)
        await pilot.press("m")
        await until(pilot, lambda: screen.pair.alignment is not alignment)
        merged = screen.pair.alignment.beads[screen.view.current]
        assert (merged.source, merged.target, merged.fixed) == ((3, 4), (6, 7), True)
        await pilot.press("q")
        await pilot.press("enter")  # open the same pair again: the fix is applied
        await until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.pair is not None)
        again = app.screen
        assert again.pair.fixes.actions == 1
        assert again.pair.alignment.beads[fixes.bead_of(again.pair.alignment, "source", 3)].target == (6, 7)
        before = again.pair.alignment
        await pilot.press("z")
        await until(pilot, lambda: again.pair.alignment is not before)
        assert again.pair.alignment.beads[fixes.bead_of(again.pair.alignment, "source", 3)].target == (6,)
        assert again.pair.fixes.actions == 0


async def test_link_mode_links_the_chosen_paragraph_and_escape_cancels() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        alignment = at_source_paragraph(screen, 5)  # ru 5 ↔ ar 8
        await pilot.press("L")
        assert screen.view.link_side == "target" and screen.view.link_paragraph == 8
        assert "LINK" in _status(screen)
        await pilot.press("escape")
        assert screen.view.link_side is None and isinstance(app.screen, CompareScreen)
        await pilot.press("L", "j", "enter")
        await until(pilot, lambda: screen.pair.alignment is not alignment)
        linked = screen.pair.alignment.beads[fixes.bead_of(screen.pair.alignment, "source", 5)]
        assert (linked.target, linked.fixed) == ((9,), True)
        await pilot.press("Z")  # remove every fix of the pair again
        await until(pilot, lambda: screen.pair.fixes.actions == 0)


async def test_reload_keeps_the_screen_working() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        old_session, shown = app.session, screen.pair
        await pilot.press("R")
        await until(pilot, lambda: app.session is not old_session and screen.pair is not shown)
        assert screen.session is app.session
        alignment = at_source_paragraph(screen, 3)
        await pilot.press("m")  # writes through the new session's store (the old one is closed)
        await until(pilot, lambda: screen.pair.alignment is not alignment)
        assert screen.pair.fixes.actions == 1
        await pilot.press("z")
        await until(pilot, lambda: screen.pair.fixes.actions == 0)


async def test_refused_fix_explains_itself() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        alignment = at_source_paragraph(screen, 3)
        await pilot.press("x")  # a 1-1 bead cannot be split
        await pilot.pause(0.2)
        assert screen.pair.alignment is alignment
        assert any("cannot be split" in str(n.message) for n in app._notifications)


async def test_stacked_view_at_80_by_24_and_manual_pick() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await open_picker(pilot, app)
        articles = len(picker.pairs)
        await pilot.press(*["j"] * articles, "enter")  # the first article row: A
        assert picker.first == RU
        await pilot.press("j", "enter")  # the next article: B
        await until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.pair is not None)
        screen = app.screen
        assert (screen.pair.source.doc_id, screen.pair.target.doc_id) == (RU, AR)
        layout = screen.view.rows_layout
        assert layout.stacked
        bead = fixes.bead_of(screen.pair.alignment, "source", 3)
        rows = [row for row in layout.rows if row.bead == bead and not row.gap]
        sides = [row.side for row in rows]
        assert sides == sorted(sides, key=["source", "target"].index) and set(sides) == {"source", "target"}


async def test_picker_filter_by_typing() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await open_picker(pilot, app)
        await pilot.press("f", *"004", "enter")
        table = picker.query_one("#picker-table")
        shown = table.frame.select("doc_a", "doc_b").rows()
        assert shown and all("004_e6c42df7ed528c8f.txt" in row for row in shown)
        await pilot.press("enter")  # the best pair holding 004 is the translation 003 ↔ 004
        await until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.pair is not None)
        assert app.screen.pair.target.doc_id == "004_e6c42df7ed528c8f.txt"
        await pilot.press("q", "escape")  # back to the picker, Esc clears the filter
        assert picker.text_filter == "" and picker.query_one("#picker-table").frame.height == picker.rows.height


async def test_counterparts_start_on_the_same_row_side_by_side() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:  # a 100-column terminal is wide enough
        screen = await open_first_pair(pilot, app)
        layout: CompareLayout = screen.view.rows_layout
        assert not layout.stacked
        for number, bead in enumerate(screen.pair.alignment.beads):
            first = layout.rows[layout.bead_rows[number]]
            assert (first.left is not None) == bool(bead.source)
            assert (first.right is not None) == bool(bead.target)
            assert layout.rows[layout.bead_rows[number] + layout.bead_height(number) - 1].gap
        assert screen.open_time is not None
