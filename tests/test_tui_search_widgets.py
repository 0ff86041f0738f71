"""The concordance and dispersion widgets on hand-made hit frames (the engine's hit contract): cell-exact rows
for CJK, inert control characters, literal markup, mirrored RTL rows in the app bidi mode, sorting, layouts."""

from __future__ import annotations

import polars as pl
import pytest
from textual.app import App, ComposeResult

from corpus.textlayout.cells import cell_len
from tui.widgets.dispersion import CURRENT, DispersionStrip, articles_with_hits, bar
from tui.widgets.kwic import KwicLayout, KwicView, fit_end, fit_start, sort_concordance, why_text

COLUMNS = ["doc_id", "path", "lang", "start", "end", "surface", "score", "match", "key", "alias_origin", "left",
           "right", "doc_order"]


def hits_frame(rows: list[tuple]) -> pl.DataFrame:
    """Rows of (doc_id, lang, start, surface, score, match, key, left, right, doc_order)."""
    records = []
    for doc_id, lang, start, surface, score, match, key, left, right, order in rows:
        records.append(dict(zip(COLUMNS, [doc_id, doc_id, lang, start, start + len(surface), surface, score, match,
                                          key, None, left, right, order])))
    return pl.DataFrame(records, schema_overrides={"alias_origin": pl.String})


SAMPLE = hits_frame([
    ("ru.txt", "ru", 40, "Альтмана", 0.92, "translit", "altman", "уволили Сэма ", " из [bold]OpenAI[/bold]", 0),
    ("ar.txt", "ar", 12, "ألتمان", 0.90, "translit", "altman", "قال سام ", " إن الشركة (OpenAI) ستواصل", 1),
    ("zh.txt", "zh", 7, "奥特曼", 0.88, "translit", "aoteman", "首席执行官山姆·", "表示微软将继续支持", 2),
    ("ja.txt", "ja", 3, "アルトマン", 0.89, "translit", "arutoman", "サム・", "氏は\x1b[31m解任\x07された", 3),
    ("id.txt", "id", 90, "Altman", 1.0, "exact", "altman", "CEO OpenAI Sam ", " dipecat oleh dewan", 4),
    ("id.txt", "id", 10, "Altman", 1.0, "exact", "altman", "Sam ", " kembali", 4),
])


class KwicApp(App[None]):
    def __init__(self, frame: pl.DataFrame, bidi: str = "terminal") -> None:
        super().__init__()
        self.frame, self.bidi = frame, bidi

    def compose(self) -> ComposeResult:
        yield KwicView()

    def on_mount(self) -> None:
        view = self.query_one(KwicView)
        view.set_bidi(self.bidi, shape=False)  # type: ignore[arg-type]
        view.set_hits(self.frame, titles={"ar.txt": "مقال"}, rtl_docs=frozenset({"ar.txt"}))


def row_text(view: KwicView, index: int) -> str:
    return "".join(segment.text for segment in view.render_line(index + 1 - view.scroll_offset.y))


# pure helpers -------------------------------------------------------------------------------------------------
def test_fit_keeps_the_part_next_to_the_hit_and_counts_cjk_as_two_cells() -> None:
    assert fit_start("表示微软将继续支持", 7) == "表示微…"
    assert cell_len(fit_start("表示微软将继续支持", 7)) == 7
    assert fit_end("首席执行官山姆·", 6) == "…山姆·"  # 1 + 2 + 2 + 1 cells
    assert fit_end("short", 10) == "short" and fit_start("short", 5) == "short"
    assert fit_start("abcdef", 4) == "abc…" and fit_end("abcdef", 4) == "…def"


@pytest.mark.parametrize("width, article", [(80, 0), (100, 12), (140, 18)])
def test_layout_fills_the_width_and_drops_the_article_column_when_narrow(width: int, article: int) -> None:
    lay = KwicLayout.for_width(width)
    assert lay.article == article
    used = 1 + lay.lang + 1 + (lay.article + 1 if lay.article else 0) + lay.left + 1 + lay.right + 1 + lay.why
    assert used == width
    assert lay.left >= 25 and lay.right >= 25


def test_why_shows_reason_key_and_score_and_abbreviates_when_narrow() -> None:
    row = {"match": "translit", "key": "altman", "score": 0.934}
    assert why_text(row, 20) == "translit altman  .93"
    assert why_text(row, 9) == "tran .93 "
    assert why_text({"match": "exact", "key": "x", "score": 1.0}, 9) == "exact 1.0"


def test_sorts_by_score_article_and_context() -> None:
    by_score = sort_concordance(SAMPLE, "score")
    assert by_score["score"].to_list() == sorted(SAMPLE["score"].to_list(), reverse=True)
    assert by_score.head(2)["start"].to_list() == [10, 90]  # equal scores: reading order
    by_article = sort_concordance(SAMPLE, "article")
    assert list(zip(by_article["doc_order"], by_article["start"])) == sorted(zip(SAMPLE["doc_order"], SAMPLE["start"]))
    assert sort_concordance(SAMPLE, "article", descending=True)["doc_order"].to_list()[0] == 4
    by_left = sort_concordance(SAMPLE, "left")
    # the character just before the hit decides first (concordance "1L" sort): "... Sam", "... Sam", "·", ...
    nearest = [left.rstrip()[-1].lower() for left in by_left["left"].to_list()]
    assert nearest == sorted(nearest)
    by_right = sort_concordance(SAMPLE, "right")
    assert by_right["right"].str.strip_chars_start().str.to_lowercase().to_list() == sorted(
        SAMPLE["right"].str.strip_chars_start().str.to_lowercase().to_list())
    with pytest.raises(ValueError):
        sort_concordance(SAMPLE, "colour")


def test_dispersion_bar_places_hits_by_offset_and_marks_the_current_one() -> None:
    assert bar((0, 50, 99), 100, 10) == "│····│···│"
    assert bar((0, 1, 2, 3, 4), 100, 5) == "█····"
    assert bar((0, 1), 100, 5) == "┃····"
    assert bar((0, 50), 100, 10, current=50) == "│····" + CURRENT + "····"
    docs = pl.DataFrame({"doc_id": ["ru.txt", "ar.txt", "zh.txt", "ja.txt", "id.txt"],
                         "lang": ["ru", "ar", "zh", "ja", "id"],
                         "title": ["Р", "ع", "中", "日", "I"], "chars": [100] * 5})
    articles = articles_with_hits(SAMPLE, docs)
    assert articles["doc_id"].to_list() == ["ru.txt", "ar.txt", "zh.txt", "ja.txt", "id.txt"]  # corpus order
    assert articles["starts"].to_list()[-1] == [10, 90]


# the widget ---------------------------------------------------------------------------------------------------
async def test_rows_fit_the_width_exactly_with_cjk_and_show_untrusted_text_inert() -> None:
    for width in (80, 100, 140):
        app = KwicApp(SAMPLE)
        async with app.run_test(size=(width, 12)) as pilot:
            await pilot.pause()
            view = app.query_one(KwicView)
            assert view.row_count == 6
            for index in range(view.row_count):
                strip = view.render_line(index + 1)
                assert strip.cell_length == width
                text = "".join(s.text for s in strip)
                assert "\x1b" not in text and "\x07" not in text
            ja = row_text(view, 3)
            assert "␛[31m解任␇" in ja  # escape sequences drawn as visible symbols, never sent
            ru = row_text(view, 0)
            assert "[bold]OpenAI[/" in ru  # markup is text
            # the left context ends right before the hit: the hit starts at one column on every row
            lay = KwicLayout.for_width(width)
            hit_col = 1 + lay.lang + 1 + (lay.article + 1 if lay.article else 0) + lay.left + 1
            for index, surface in enumerate(SAMPLE["surface"].to_list()):
                cells = 0
                for segment in view.render_line(index + 1):
                    if segment.text.startswith(surface):
                        assert cells == hit_col, (width, surface)
                        break
                    cells += cell_len(segment.text)
                else:
                    pytest.fail(f"{surface} not drawn as its own segment")


async def test_rtl_row_is_mirrored_in_app_bidi_mode_only() -> None:
    app = KwicApp(SAMPLE, bidi="app")
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(KwicView)
        mirrored = row_text(view, 1)
        hit = mirrored.index("نامتلأ")  # the hit, reordered for display (first letter rightmost)
        assert "OpenAI" in mirrored[:hit]  # the right context is read to the left of the hit...
        assert "ماس" in mirrored[hit:]  # ...and the left context (reordered) to its right
        assert "(OpenAI)" in mirrored  # brackets mirrored back after reordering
        latin = row_text(view, 4)
        assert latin.index("CEO OpenAI") < latin.index("Altman")  # LTR rows unchanged
        view.set_bidi("app", shape=True)  # for terminals that do not join Arabic letters: presentation forms
        shaped = row_text(view, 1)
        assert any("\ufe70" <= ch <= "\ufeff" for ch in shaped) and len(shaped) == len(mirrored)
        view.set_bidi("terminal")
        logical = row_text(view, 1)
        assert logical.index("قال سام") < logical.index("ألتمان") < logical.index("الشركة")


async def test_cursor_moves_and_range_selection() -> None:
    app = KwicApp(SAMPLE)
    async with app.run_test(size=(80, 6)) as pilot:
        await pilot.pause()
        view = app.query_one(KwicView)
        view.focus()
        await pilot.press("j", "down", "G")
        assert view.cursor == 5
        assert view.scroll_offset.y > 0  # the cursor is kept on screen
        await pilot.press("g")
        assert view.cursor == 0 and view.scroll_offset.y == 0
        assert list(view.selected_range()) == [0]
        view.toggle_anchor()
        await pilot.press("j", "j")
        assert list(view.selected_range()) == [0, 1, 2]
        assert row_text(view, 1).startswith("•") and row_text(view, 2).startswith("›")
        await pilot.press("pagedown")
        assert view.cursor == 5


async def test_no_color_marks_the_hit_with_brackets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = KwicApp(SAMPLE)
    async with app.run_test(size=(100, 12)) as pilot:
        await pilot.pause()
        assert "⟦Altman⟧" in row_text(app.query_one(KwicView), 4)


async def test_dispersion_strip_scrolls_to_the_current_article() -> None:
    class StripApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DispersionStrip()

    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(DispersionStrip)
        strip.styles.height = 2
        strip.set_articles(pl.DataFrame({"doc_id": [f"d{i}" for i in range(6)], "lang": ["id"] * 6,
                                         "title": [f"Article {i}" for i in range(6)], "chars": [100] * 6,
                                         "starts": [[i] for i in range(6)]}))
        await pilot.pause()
        assert "Article 0" in "".join(s.text for s in strip.render_line(0))
        strip.set_current("d4", 4)
        lines = ["".join(s.text for s in strip.render_line(y)) for y in range(2)]
        assert "Article 3" in lines[0] and "Article 4" in lines[1] and CURRENT in lines[1]
        assert strip.render_line(1).cell_length == 80


def test_search_keys_do_not_collide_with_global_or_movement_keys() -> None:
    from tui import keymap
    from tui.screens.search import SearchScreen

    assert keymap.collisions(SearchScreen.SCOPES) == []
    # the globals this screen re-declares keep their registry ids, so a user's remap still reaches them
    ids = {b.id for b in SearchScreen.BINDINGS}
    assert {"global.search", "global.find", "global.compare", "search.sort", "search.save"} <= ids
