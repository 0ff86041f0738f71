"""Reader flows with Pilot: open, scroll, find, n/N, display toggles, reading position, untrusted text, layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from tui_helpers import ARABIC_TEXT, ESC, HOSTILE_TEXT, open_reader, view_lines, wait_loaded, write_corpus

from corpus.textlayout.document import BLOCK_CHARS
from tui.app import BabelscopeApp
from tui.screens.reader import ReaderScreen
from tui.settings import load_settings
from tui.state import HighlightSet, Hit
from tui.widgets.article_view import ArticleView


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


async def test_enter_in_library_opens_the_reader(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.doc_id == "hostile.txt"
        header = app.screen.query_one("#reader-header").render()
        assert "Hostile [bold]title[/bold] here" in str(header) and "· en ·" in str(header)
        await pilot.press("escape")
        assert app.screen.id == "library"


async def test_movement_keys_scroll(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        assert view.offset_at_top() == 0
        await pilot.press("j")
        first_down = view.offset_at_top()
        assert first_down > 0
        await pilot.press("k")
        assert view.offset_at_top() == 0
        await pilot.press("pagedown")
        paged = view.offset_at_top()
        assert paged > first_down
        await pilot.press("space")
        assert view.offset_at_top() > paged
        await pilot.press("G")
        assert view.visible_range()[1] >= len(HOSTILE_TEXT.rstrip("\n"))
        assert "Paragraph 64" in "\n".join(view_lines(view))
        await pilot.press("pageup")
        assert view.visible_range()[1] < len(HOSTILE_TEXT.rstrip("\n"))
        await pilot.press("g")
        assert view.offset_at_top() == 0
        assert app.screen.query_one("#reader-status").render().plain.startswith("¶ 1/64")


async def find(pilot, app: BabelscopeApp, *keys: str) -> None:
    """Type ``keys`` (into the find box) and wait for the find worker."""
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_find_highlights_every_folded_match_and_steps(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        await find(pilot, app, "f", *"altman")
        spans = view.layer_spans("find")
        assert [HOSTILE_TEXT[s:e] for s, e, _ in spans] == ["Altman", "ALTMAN", "ａｌｔｍａｎ"]
        assert [style for _, _, style in spans] == ["hit-current", "hit", "hit"]
        await pilot.press("enter")  # next match, focus back in the text
        assert [style for _, _, style in view.layer_spans("find")] == ["hit", "hit-current", "hit"]
        assert view.has_focus
        await pilot.press("n")
        assert view.layer_spans("find")[2][2] == "hit-current"
        await pilot.press("n")  # wraps around
        assert view.layer_spans("find")[0][2] == "hit-current"
        await pilot.press("N")
        assert view.layer_spans("find")[2][2] == "hit-current"
        assert "find 3/3" in app.screen.query_one("#reader-status").render().plain
        await pilot.press("escape")  # closes the find, stays in the reader
        assert view.layer_spans("find") == ()
        assert isinstance(app.screen, ReaderScreen)


async def test_find_strasse_matches_eszett_and_reports_no_match(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        await find(pilot, app, "f", *"STRASSE")
        assert [HOSTILE_TEXT[s:e] for s, e, _ in view.layer_spans("find")] == ["Straße"]
        await find(pilot, app, "ctrl+a", *"zzz")
        assert view.layer_spans("find") == ()
        assert "find: no match" in app.screen.query_one("#reader-status").render().plain


async def test_n_steps_the_app_highlight_set_across_articles(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        first = HOSTILE_TEXT.index("Paragraph 60")
        app.set_highlights(HighlightSet("weather", [Hit("hostile.txt", first, first + 12), Hit("mixed.txt", 0, 5)]))
        await pilot.press("n")
        assert view.layer_spans("hits") == ((first, first + 12, "hit-current"),)
        low, high = view.visible_range()
        assert low <= first < high
        await pilot.press("n")  # the next hit is in another article: it opens there
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc_id == "mixed.txt"
        mixed = app.screen.query_one("#article", ArticleView)
        assert mixed.layer_spans("hits") == ((0, 5, "hit-current"),)


async def test_boilerplate_dims_then_hides_and_the_setting_persists(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        kinds = {kind for _, _, _, kind in view.paragraphs}
        assert "boilerplate" in kinds
        assert any("All rights reserved" in line for line in view_lines(view))
        await pilot.press("b")
        assert not any("All rights reserved" in line for line in view_lines(view))
        assert load_settings().hide_boilerplate is True
        await pilot.press("b")
        assert any("All rights reserved" in line for line in view_lines(view))


async def test_paragraph_numbers_toggle(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        assert view_lines(view)[0].startswith(" 1 Hostile")
        await pilot.press("number_sign")
        assert view_lines(view)[0].startswith("Hostile")
        assert load_settings().paragraph_numbers is False


async def test_bidi_cycle_reorders_rtl_lines_in_app_mode(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    app.settings.arabic_shaping = False  # compare letters, not presentation forms
    async with app.run_test(size=(60, 20)) as pilot:
        view = await open_reader(pilot, app, "mixed.txt")
        assert view.bidi == "terminal"
        first = view_lines(view)[0].rstrip()
        assert first.endswith("مرحبا OpenAI")  # logical order, right-aligned
        await pilot.press("d")
        assert view.bidi == "off" and load_settings().bidi == "off"
        await pilot.press("d")
        assert view.bidi == "app"
        lines = [line.rstrip() for line in view_lines(view)]
        assert lines[0].endswith("OpenAI ابحرم")  # Latin stays left-to-right, Arabic reversed, right-aligned
        assert lines[2].endswith("رايلم 80 غلبت (ملاع)")  # numbers keep their order, brackets mirror
        # offsets map through the reordering: the rightmost cell shows the paragraph's first character
        right = len(lines[0]) - 1
        assert view.offset_at(0, right) == 0
        assert ARABIC_TEXT[view.offset_at(0, lines[0].index("O"))] == "O"
        # and so do spans: a hit on the first word (logical 0..5) is drawn on the five rightmost letters
        view.set_layer("hits", [(0, 5, "hit-current")])
        await pilot.pause()
        marked = [seg.text for seg in view.render_line(0) if seg.style and seg.style.reverse]
        assert marked == ["ابحرم"]


async def test_reading_position_is_restored_unless_an_offset_is_given(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        await pilot.press("pagedown", "pagedown")
        where = view.offset_at_top()
        assert where > 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.store.get_reading_position("hostile.txt") == where
        view = await open_reader(pilot, app, "hostile.txt")
        assert view.offset_at_top() == where
        await pilot.press("escape")
        target = HOSTILE_TEXT.index("Paragraph 40")
        view = await open_reader(pilot, app, "hostile.txt", target)
        low, high = view.visible_range()
        assert low <= target < high and view.offset_at_top() != where


async def test_markup_and_escape_sequences_print_literally(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_reader(pilot, app, "hostile.txt")
        shown = "\n".join(view_lines(view))
        assert "Hello [bold]world[/bold] and [link=https://example.com]click[/link] ␛[31mRED␛]52;c;SGVsbG8=␇ done." in shown
        segments = [seg for y in range(view.size.height) for seg in view.render_line(y)]
        assert not any(ESC in seg.text or "\x07" in seg.text for seg in segments)
        assert not any(seg.style and (seg.style.bold or seg.style.link) for seg in segments
                       if "world" in seg.text or "click" in seg.text)
        assert ESC not in app.export_screenshot().replace("&#27;", "")


async def test_copy_takes_the_paragraph_at_the_top(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = BabelscopeApp(str(corpus_dir))
    copied: list[str] = []
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test() as pilot:
        await open_reader(pilot, app, "hostile.txt", HOSTILE_TEXT.index("Altman met"))
        view = app.screen.query_one("#article", ArticleView)
        view.scroll_to_offset(HOSTILE_TEXT.index("Altman met"), center=False)
        await pilot.pause()
        await pilot.press("y")
        assert copied == ["Altman met ALTMAN and ａｌｔｍａｎ near the Straße."]
        await find(pilot, app, "f", *"paragraph 7 ", "enter")  # the current match's paragraph, not the top one
        await pilot.press("y")
        assert copied[-1].startswith("Paragraph 7 talks")


async def test_article_info_opens_and_closes(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await open_reader(pilot, app, "hostile.txt")
        await pilot.press("i")
        assert type(app.screen).__name__ == "ArticleInfo"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_side_pane_slot_is_there_and_hidden(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await open_reader(pilot, app, "hostile.txt")
        pane = app.screen.query_one("#side-pane")
        assert pane.display is False or pane.styles.display == "none"
        pane.add_class("visible")
        await pilot.pause()
        assert pane.styles.display == "block" and pane.size.width > 0


# --- the widget on its own -----------------------------------------------------------------------------

class ViewApp(App[None]):
    def __init__(self, text: str, paragraphs: list[tuple[int, int, int, str]], **options: object) -> None:
        super().__init__()
        self.view = ArticleView(text, paragraphs, "en", **options)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        yield self.view


async def test_layers_style_spans_with_a_non_colour_marker() -> None:
    text = "alpha beta gamma delta"
    app = ViewApp(text, [(0, 0, len(text), "body")], numbers=False)
    async with app.run_test(size=(40, 5)) as pilot:
        view = app.view
        view.set_layer("hits", [(6, 10, "hit"), (11, 16, "hit-current")])
        view.set_layer("notes", [(0, 10, "annotation-3")])
        await pilot.pause()
        by_text = {seg.text: seg.style for seg in view.render_line(0) if seg.text.strip()}
        assert by_text["beta"].underline and by_text["gamma"].reverse and by_text["alpha "].underline
        assert view.offset_at(0, 6) == 6 and view.offset_at(0, 100) is None
        view.clear_layer("hits")
        view.clear_layer("notes")
        assert [seg.text for seg in view.render_line(0) if seg.text.strip()] == [text]
        with pytest.raises(ValueError):
            view.set_layer("bad", [(0, 1, "bright-pink")])


async def test_a_huge_one_line_article_opens_without_wrapping_it_all() -> None:
    text = ("word " * 1_200_000) + "THE END"  # 6 MB, one paragraph
    app = ViewApp(text, [(0, 0, len(text), "body")])
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        await pilot.pause()
        layout = view._layout
        assert layout is not None and layout.block_count >= len(text) // BLOCK_CHARS
        wrapped = sum(layout.is_exact(b) for b in range(layout.block_count))
        assert wrapped <= 3
        view.focus()
        await pilot.press("G")
        assert view_lines(view)[-1].rstrip().endswith("THE END")
        assert sum(layout.is_exact(b) for b in range(layout.block_count)) <= 8
        view.scroll_to_offset(len(text) // 2)
        await pilot.pause()
        low, high = view.visible_range()
        assert low <= len(text) // 2 < high


async def test_resizing_rewraps_and_keeps_the_top_line(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(100, 24)) as pilot:
        view = await open_reader(pilot, app, "hostile.txt", HOSTILE_TEXT.index("Paragraph 30"))
        view.scroll_to_offset(HOSTILE_TEXT.index("Paragraph 30"), center=False)
        await pilot.pause()
        before = view.offset_at_top()
        wide = sum("Paragraph" in line for line in view_lines(view))
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        await pilot.pause()
        assert view.offset_at_top() == before
        assert all(len(line.rstrip()) <= 50 for line in view_lines(view))
        assert sum("Paragraph" in line for line in view_lines(view)) < wide  # rewrapped: fewer paragraphs fit


async def test_an_article_changed_on_disk_is_shown_after_reload(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        view = await open_reader(pilot, app, "mixed.txt")
        new_text = "A new first line\n\n" + "\n\n".join(f"and line {n}" for n in range(40))
        (corpus_dir / "mixed.txt").write_text(new_text, encoding="utf-8")
        app.action_reload()
        for _ in range(200):
            await pilot.pause(0.05)
            if view.text.startswith("A new"):
                break
        assert view_lines(view)[0].startswith(" 1 A new first line")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("j", "escape")  # leaving saves the position in the reloaded session's store
        await pilot.pause()
        assert app.session.store.get_reading_position("mixed.txt") == view.offset_at_top() > 0


async def test_jumping_into_estimated_blocks_then_scrolling_up_shows_consistent_rows() -> None:
    import random

    rng = random.Random(7)
    pieces, paragraphs, position = [], [], 0
    for index in range(1500):  # paragraph lengths and scripts vary, so height estimates are off
        body = ("奥特曼和微软" * rng.randint(0, 40)) + ("word " * rng.randint(1, 60)) + f"P{index}."
        paragraphs.append((index, position, position + len(body), "body"))
        pieces.append(body)
        position += len(body) + 1
    text = "\n".join(pieces)
    app = ViewApp(text, paragraphs, numbers=False)
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.view
        view.focus()
        view.scroll_to_offset(len(text) // 2)
        await pilot.pause()
        for _ in range(6):
            await pilot.press("pageup")
            layout = view._layout
            top = int(view.scroll_y)
            for y in range(view.size.height):
                row = layout.row(top + y)
                shown = view.render_line(y).text.rstrip()
                expected = "" if row is None or row.gap else text[row.start:row.end].rstrip()
                assert shown == expected


@pytest.mark.parametrize("lang", ["zh", "ja"])
async def test_cjk_lines_fit_the_width_and_end_at_break_opportunities(lang: str) -> None:
    from tests.conftest import SAMPLE_FILES

    from corpus.textlayout.cells import cell_len
    from corpus.textlayout.wrap import line_break_opportunities

    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_reader(pilot, app, SAMPLE_FILES[lang])
        width = view.scrollable_content_region.width
        layout = view._layout
        for y in range(view.size.height):
            assert cell_len(view.render_line(y).text) == width
            row = layout.row(int(view.scroll_y) + y)
            if row is None or row.gap:
                continue
            _, start, end, _ = view.paragraphs[row.paragraph]
            breaks = {start + b for b in line_break_opportunities(view.text[start:end], lang)}
            assert row.end in breaks  # never chopped in the middle of a word or before 。
