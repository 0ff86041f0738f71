"""Library flows with Pilot: sort, language filter, ``f`` filter by typing, Enter, RTL titles, fit at 80 columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import wait_loaded, write_corpus

from tui.app import BabelscopeApp
from tui.screens.reader import ReaderScreen
from tui.widgets.virtual_table import VirtualTable


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = write_corpus(tmp_path / "corpus")
    (root / "tokyo.txt").write_text("ＴＯＫＹＯ ニュース\n\n東京で会議が開かれた。\n", encoding="utf-8")
    return root


def table(app: BabelscopeApp) -> VirtualTable:
    return app.screen.query_one(VirtualTable)


def shown_ids(app: BabelscopeApp) -> list[str]:
    return table(app).frame["doc_id"].to_list()


def status(app: BabelscopeApp) -> str:
    return str(app.screen.query_one("#library-status").render())


async def test_sort_and_reverse(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await wait_loaded(pilot, app)
        assert shown_ids(app) == ["hostile.txt", "mixed.txt", "tokyo.txt"]
        await pilot.press("s")  # by title
        frame = table(app).frame
        assert frame["title"].to_list() == sorted(frame["title"].to_list())
        assert "sorted by title" in status(app)
        await pilot.press("s", "s", "s")  # lang, script, chars
        assert "sorted by chars" in status(app)
        chars = table(app).frame["chars"].to_list()
        assert chars == sorted(chars)
        await pilot.press("r")
        assert table(app).frame["chars"].to_list() == sorted(chars, reverse=True)


async def test_language_filter_cycles_through_the_corpus_languages(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await wait_loaded(pilot, app)
        langs = sorted(set(app.session.corpus.documents["lang"].to_list()))
        seen = []
        for _ in langs:
            await pilot.press("L")
            seen.append(set(table(app).frame["lang"].to_list()))
        assert seen == [{lang} for lang in langs]
        await pilot.press("L")
        assert len(shown_ids(app)) == 3


async def test_typing_filters_ignoring_case_and_width_and_escape_clears(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("f", *"tokyo")  # the title is written in full-width letters
        assert shown_ids(app) == ["tokyo.txt"]
        await pilot.press("enter")  # back to the list, the filter stays
        assert table(app).has_focus and shown_ids(app) == ["tokyo.txt"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc_id == "tokyo.txt"
        await pilot.press("escape")
        await pilot.press("escape")  # clears the filter (a further Esc would quit)
        assert len(shown_ids(app)) == 3 and app.is_running


async def test_markup_in_titles_prints_literally_and_rtl_titles_follow_the_bidi_mode(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    app.settings.arabic_shaping = False
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_loaded(pilot, app)
        rows = [table(app).render_line(y).text for y in range(4)]
        assert any("Hostile [bold]title[/bold] here" in row for row in rows)
        assert any("مرحبا OpenAI" in row for row in rows)  # terminal mode: logical order
        app.settings.bidi = "app"
        app.screen.on_screen_resume()
        await pilot.pause()
        rows = [table(app).render_line(y).text for y in range(4)]
        assert any("OpenAI ابحرم" in row for row in rows)


@pytest.mark.parametrize("width", [80, 100, 140])
async def test_every_column_fits(corpus_dir: Path, width: int) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_loaded(pilot, app)
        header = table(app).render_line(0).text
        assert all(title in header for title in ("Title", "Lang", "Script", "Chars", "Article"))
        assert header.index("Lang") >= 20  # the title keeps a useful width


def test_every_footer_key_has_a_short_label() -> None:
    """The footer shows the label, the help screen and palette the description: at 80 columns the long
    descriptions left room for three keys."""
    from tui import keymap

    shown = [spec for spec in keymap.specs() if spec.show]
    assert shown and all(0 < len(spec.label) <= 11 for spec in shown), [s.id for s in shown if not s.label]
    assert all(spec.label != spec.description for spec in shown if len(spec.description) > 11)


@pytest.mark.parametrize("screen", ["library", "reader"])
async def test_the_footer_shows_every_key_at_80_columns(corpus_dir: Path, screen: str) -> None:
    from textual.widgets._footer import FooterKey

    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot, app)
        if screen == "reader":
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ReaderScreen)
        keys = list(app.screen.query(FooterKey))
        assert len(keys) >= 7
        assert all(key.region.width > 0 and key.region.right <= 80 for key in keys), [
            (str(key.description), key.region) for key in keys]


async def test_progress_before_the_total_is_known_says_files_are_being_found(corpus_dir: Path) -> None:
    from textual.widgets import ProgressBar

    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test() as pilot:
        await wait_loaded(pilot, app)
        app.library.show_progress(0, 0)
        assert status(app) == "Analysing the corpus… finding files"
        assert app.library.query_one(ProgressBar).total is None  # an indeterminate bar, not 0 %
        app.library.show_progress(2_500_000, 10_000_000)
        assert status(app) == "Analysing the corpus… 2.5/10.0 MB"
        assert app.library.query_one(ProgressBar).percentage == pytest.approx(0.25)
