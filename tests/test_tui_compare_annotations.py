"""Selection mode and annotations in the compare view (issue 6), through Pilot: Tab chooses the Arabic side of
000↔001, `v` selects from the current bead's paragraph, `1` labels, the annotation is listed as the CLI lists
it, `u` undoes, `Esc` leaves and the compare keys (`u` = next unaligned) work again."""

from __future__ import annotations

from corpus.annotations import AnnotationRepository
from corpus.annotations.listing import listing_record, paths_by_doc
from corpus.textlayout.cells import cell_len
from tui import keymap
from tui.app import BabelscopeApp
from tui.screens.compare import CompareScreen
from tui.widgets.annotation_dialogs import NoteDialog
from tui.widgets.compare_layout import GUTTER, NUMBER, SEPARATOR

from tests.test_align_service import babelscope_home, home  # noqa: F401  (shared fixtures)
from tests.test_tui_compare import AR, RU, open_first_pair, until


def test_selection_keys_take_over_compare_keys_only_in_selection_mode() -> None:
    assert keymap.collisions(CompareScreen.SCOPES) == []  # outside selection mode: no clash
    clashes = keymap.collisions((*CompareScreen.SCOPES, "selection"))
    # With the mode on, every clash is a selection key overriding another one (the focused bar's bindings win):
    # the movement keys, Esc/q, and compare's u/U/D.
    assert clashes and all(new.startswith("selection.") for _key, _old, new in clashes)
    compare_overridden = {key for key, old, _new in clashes if old.startswith("compare.")}
    assert compare_overridden == {"u", "U", "D"}
    side_keys = {k for s in keymap.specs("compare") if s.id == "compare.side" for k in s.keys.split(",")}
    selection_keys = {k for s in keymap.specs("selection") for k in s.keys.split(",")}
    assert side_keys and not side_keys & selection_keys  # Tab switches sides in selection mode too


def _listing(app: BabelscopeApp) -> list[dict]:
    """What `babelscope annotations list --json` prints, one record per annotation."""
    repo = AnnotationRepository(app.session.store)
    paths = paths_by_doc(app.session.corpus)
    return [listing_record(a, paths) for a in repo.list()]


async def _settle(pilot, screen: CompareScreen) -> None:  # type: ignore[no-untyped-def]
    for controller in screen.annotators.values():
        controller.history.flush()
    for _ in range(3):
        await pilot.pause()
        await screen.app.workers.wait_for_complete()
    await pilot.pause()


def _rendered(screen: CompareScreen) -> list[str]:
    view = screen.view
    return [repr(view.render_line(y)) for y in range(view.size.height)]


async def test_annotate_the_arabic_side_undo_and_leave() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        view = screen.view
        assert (screen.source, screen.target) == (RU, AR)
        await pilot.press("tab")  # B: the Arabic article
        controller = screen.annotator()
        assert controller.doc_id == AR
        await until(pilot, lambda: controller.boundaries is not None)
        bead = screen.pair.alignment.beads[view.current]
        bead_before = view.current
        plain = _rendered(screen)

        await pilot.press("v")
        assert controller.active
        _, start, end, _ = screen.pair.target.paragraphs[bead.target[0]]
        first, _ = controller.selection()
        assert start <= first < end  # the cursor starts in the current bead's Arabic paragraph
        await pilot.press("l", "l", "u")  # `u` is undo here (nothing to undo), not "next unaligned"
        assert view.current == bead_before and controller.active
        selected = controller.selection()
        await pilot.press("1")
        await _settle(pilot, screen)
        [record] = _listing(app)
        text = screen.pair.target.text
        assert record["doc_id"] == AR and record["label"] == controller.labels.by_key(1).name
        assert (record["start"], record["end"]) == selected and selected[0] == first
        assert record["quote"] == text[record["start"]:record["end"]] and len(record["quote"].split()) >= 2
        spans = view.layer_spans(f"annotations@{AR}")
        assert spans == ((AR, record["start"], record["end"], "annotation-1"),)
        assert _rendered(screen) != plain
        style = view.get_component_rich_style("compare-view--annotation-1")
        assert style.underline  # the marker that survives NO_COLOR
        b_column = GUTTER + NUMBER + view.rows_layout.column + cell_len(SEPARATOR)
        drawn = []  # screen x of every cell drawn in the annotation's style
        for y in range(view.size.height):
            x = 0
            for segment in view.render_line(y):
                if segment.style and segment.style.underline and segment.style.bgcolor == style.bgcolor:
                    drawn.append(x)
                x += cell_len(segment.text)
        assert drawn and min(drawn) >= b_column  # in the Arabic column (B), not in A
        assert view.layer_spans(f"annotations@{RU}") == ()

        await pilot.press("enter")  # a note on the annotation under the cursor
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"check", "enter")
        await _settle(pilot, screen)
        assert _listing(app)[0]["note"] == "check"

        await pilot.press("u", "u")  # undo the note, then the annotation
        await _settle(pilot, screen)
        assert _listing(app) == []
        assert view.layer_spans(f"annotations@{AR}") == ()

        await pilot.press("escape")
        assert not controller.active and app.screen is screen and view.has_focus
        await pilot.press("v", "escape")
        assert not controller.active
        await pilot.press("u")  # compare keys again: the next paragraph without counterpart
        beads = screen.pair.alignment.beads
        assert view.current != bead_before and (not beads[view.current].source or not beads[view.current].target)


async def test_stacked_view_annotates_side_a_after_a_swap() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(70, 40)) as pilot:
        screen = await open_first_pair(pilot, app)
        await pilot.press("s")  # A is now the Arabic article
        await until(pilot, lambda: screen.pair is not None and screen.pair.source.doc_id == AR)
        view = screen.view
        assert view.stacked
        controller = screen.annotator()
        assert controller.doc_id == AR and view.side_of(AR) == "source"
        await until(pilot, lambda: controller.boundaries is not None)
        await pilot.press("v", "j", "1")
        await _settle(pilot, screen)
        [record] = _listing(app)
        assert record["doc_id"] == AR and record["quote"] == screen.pair.source.text[record["start"]:record["end"]]
        assert view.layer_spans(f"annotations@{AR}") == ((AR, record["start"], record["end"], "annotation-1"),)
        await pilot.press("escape")
        assert not controller.active
