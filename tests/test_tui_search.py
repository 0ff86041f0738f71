"""The search screen driven as a user would (Pilot): type, see hits, sort, filter, open the reader, walk hits with
n/N, copy, save; and typing fast never shows a stale query's results.

Most tests give the screen a scripted engine (the ``searcher`` seam) so timing and results are under the test's
control; ``test_end_to_end_*`` use the real engine on the sample corpus.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest
from textual.widgets import Input

from tui.app import BabelscopeApp
from corpus.search import RESULT_COLUMNS, Searcher
from tui.screens.search import FIRST_ROWS, SaveConcordanceDialog, SearchScreen, default_save_path
from tui.state import Hit
from tui.widgets.dispersion import DispersionStrip
from tui.widgets.kwic import KwicView, sort_concordance, with_context

from tests.conftest import SAMPLE_FILES
from tui_helpers import wait_loaded, write_corpus

RU, AR, ZH, JA, ID = (SAMPLE_FILES[k] for k in ("ru", "ar", "zh", "ja", "id"))
HIT_COLUMNS = ["doc_id", "path", "lang", "start", "end", "surface", "score", "match", "key", "alias_origin", "left",
               "right"]


def scripted_hits() -> pl.DataFrame:
    rows = [
        (RU, "ru", 400, "Альтмана", 0.93, "translit", "altman", "уволили Сэма ", " из OpenAI"),
        (RU, "ru", 90, "Альтман", 0.95, "translit", "altman", "Сэм ", " заявил"),
        (AR, "ar", 50, "ألتمان", 0.91, "translit", "altman", "قال سام ", " إن الشركة"),
        (ZH, "zh", 30, "奥特曼", 0.88, "translit", "aoteman", "首席执行官山姆·", "表示"),
        (JA, "ja", 10, "アルトマン", 0.9, "translit", "arutoman", "サム・", "氏は"),
        (ID, "id", 200, "Altman", 1.0, "exact", "altman", "CEO OpenAI Sam ", " dipecat"),
        (ID, "id", 20, "Altman", 1.0, "exact", "altman", "Sam ", " kembali"),
    ]
    return pl.DataFrame(
        [dict(zip(HIT_COLUMNS, [d, d, lang, s, s + len(surf), surf, sc, m, k, None, left, right]))
         for d, lang, s, surf, sc, m, k, left, right in rows],
        schema_overrides={"alias_origin": pl.String},
    )


class ScriptedEngine:
    """Answers every query with hits whose surface contains it (case-insensitive); records the queries it ran;
    ``delays`` makes chosen queries slow, to catch a stale search overwriting a newer one."""

    def __init__(self, delays: dict[str, float] | None = None, fail: set[str] | None = None) -> None:
        self.queries: list[str] = []
        self.delays = delays or {}
        self.fail = fail or set()
        self.active = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def __call__(self, session: object) -> ScriptedEngine:
        return self

    def search(self, query: str, *, lang: str | None = None, limit: int | None = 50) -> SimpleNamespace:
        with self._lock:
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
        try:
            self.queries.append(query)
            time.sleep(self.delays.get(query, 0))
            if query in self.fail:
                from corpus.search import SearchError

                raise SearchError(f"unbalanced quote in {query!r}")
            hits = scripted_hits()
            needle = query.strip().casefold()
            hits = hits.filter(pl.col("key").str.contains(needle, literal=True)
                               | pl.col("surface").str.to_lowercase().str.contains(needle, literal=True))
            return SimpleNamespace(hits=hits, total=hits.height, elapsed_ms=1.5)
        finally:
            with self._lock:
                self.active -= 1


@pytest.fixture
def shared_cache(babelscope_home: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Reuse one ingest cache for the whole run (caches are rebuildable; the store stays per test)."""
    cache = tmp_path_factory.getbasetemp() / "search-tests-cache"
    cache.mkdir(exist_ok=True)
    (babelscope_home / "cache").symlink_to(cache, target_is_directory=True)


async def press(app: BabelscopeApp, pilot, *keys: str) -> None:
    """Press keys, then wait for the view they asked for (sorting and filtering run in a worker)."""
    for key in keys:
        await pilot.press(key)
        await settle(app, pilot)


async def settle(app: BabelscopeApp, pilot) -> None:
    """Wait until the latest query's result is on screen (however loaded the machine is)."""
    screen = next(s for s in app.screen_stack if isinstance(s, SearchScreen))
    for _ in range(1000):
        await pilot.pause(0.02)
        if not screen.busy:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_search(app: BabelscopeApp, pilot, engine=None, query: str = "") -> SearchScreen:
    await wait_loaded(pilot, app)
    screen = SearchScreen(app.session, query, searcher=engine) if engine else SearchScreen(app.session, query)
    await app.push_screen(screen)
    await pilot.pause()
    if query:
        await settle(app, pilot)
    return screen


def opened(monkeypatch: pytest.MonkeyPatch, app: BabelscopeApp) -> list[tuple[str, int | None]]:
    calls: list[tuple[str, int | None]] = []
    monkeypatch.setattr(app, "open_reader", lambda doc_id, offset=None: calls.append((doc_id, offset)))
    return calls


pytestmark = pytest.mark.usefixtures("shared_cache")


async def test_typing_shows_hits_grouped_by_language() -> None:
    app = BabelscopeApp()
    engine = ScriptedEngine()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(app, pilot, engine)
        assert screen.query_one(Input).has_focus
        await pilot.press("a")
        await settle(app, pilot)
        kwic = screen.query_one(KwicView)
        assert kwic.row_count == 7
        summary = str(screen.query_one("#search-summary").render())
        assert "7 hits in 5 articles" in summary and "ru 2" in summary and "id 2" in summary and "ar 1" in summary
        assert screen.query_one(DispersionStrip).display and len(screen.query_one(DispersionStrip).articles) == 5
        assert "exact" in str(screen.query_one("#search-detail").render())
        await pilot.press("backspace")
        await settle(app, pilot)
        assert kwic.row_count == 0 and not screen.query_one(DispersionStrip).display


async def test_typing_fast_ends_with_the_final_query_only() -> None:
    app = BabelscopeApp()
    engine = ScriptedEngine()
    async with app.run_test() as pilot:
        screen = await open_search(app, pilot, engine)
        await pilot.press(*"altmxz", "backspace", "backspace", *"an")  # 10 keys, well inside one debounce each
        await settle(app, pilot)
        assert screen.query_text == "altman"
        assert engine.queries[-1] == "altman"
        assert len(engine.queries) < 10  # debounced: not one search per keystroke
        assert screen.query_one(KwicView).row_count == 5  # the hits whose key is "altman"


async def test_a_slow_stale_search_never_overwrites_the_newer_one() -> None:
    app = BabelscopeApp()
    engine = ScriptedEngine(delays={"a": 1.5})
    async with app.run_test() as pilot:
        screen = await open_search(app, pilot, engine)
        shown: list[str] = []
        original = screen._refresh_view

        def spy(keep_selection: bool = True) -> None:
            shown.append(screen.query_text)
            original(keep_selection)

        screen._refresh_view = spy  # type: ignore[method-assign]
        await pilot.press("a")
        while not engine.queries:  # wait for the debounce: then the slow search for "a" is running
            await pilot.pause(0.02)
        assert engine.queries == ["a"] and engine.active == 1
        started = time.perf_counter()
        await pilot.press(*"ru")  # typing is not blocked by the running search
        assert time.perf_counter() - started < 0.8
        await settle(app, pilot)
        assert engine.queries == ["a", "aru"]
        assert engine.most_at_once == 1  # searches never overlap inside the engine
        assert "a" not in shown and shown[-1] == "aru"
        assert screen.query_one(KwicView).row_count == 1  # arutoman


async def test_sort_and_language_filter_cycle() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(app, pilot, ScriptedEngine(), query="a")
        kwic = screen.query_one(KwicView)
        await pilot.press("tab")
        assert kwic.has_focus
        assert kwic.frame["score"].to_list() == sorted(kwic.frame["score"].to_list(), reverse=True)
        await press(app, pilot, "j")  # keep this hit selected across re-sorting
        selected = kwic.current_row()
        await press(app, pilot, "s")
        assert screen.sort == "article"
        assert kwic.frame["doc_id"].to_list() == [RU, RU, AR, ZH, JA, ID, ID]
        assert kwic.frame["start"].to_list()[:2] == [90, 400]
        assert kwic.current_row()["start"] == selected["start"]
        await press(app, pilot, "r")
        assert kwic.frame["doc_id"].to_list()[0] == ID
        await press(app, pilot, "r", "s")
        assert screen.sort == "left"
        await press(app, pilot, "s")
        assert screen.sort == "right"
        await press(app, pilot, "s")
        assert screen.sort == "score"
        await press(app, pilot, "L")
        assert screen.language in {"ru", "id"} and set(kwic.frame["lang"].to_list()) == {screen.language}
        assert f"only {screen.language} (2)" in str(screen.query_one("#search-summary").render())
        seen = [screen.language]
        for _ in range(5):
            await press(app, pilot, "L")
            seen.append(screen.language)
        assert seen[-1] is None and set(seen[:-1]) == {"ru", "id", "ar", "zh", "ja"}
        assert kwic.row_count == 7


async def test_enter_opens_the_reader_with_every_hit_highlighted_and_n_walks_them(monkeypatch) -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(app, pilot, ScriptedEngine(), query="a")
        calls = opened(monkeypatch, app)
        await pilot.press("enter")  # in the query box: to the list
        assert screen.query_one(KwicView).has_focus
        first = screen.query_one(KwicView).current_row()
        assert (first["doc_id"], first["start"]) == (ID, 20)  # best score; ties in reading order
        await pilot.press("enter")
        assert calls == [(ID, 20)]
        hits = app.highlights.hits
        assert hits == [Hit(RU, 90, 97), Hit(RU, 400, 408), Hit(AR, 50, 56), Hit(ZH, 30, 33), Hit(JA, 10, 15),
                        Hit(ID, 20, 26), Hit(ID, 200, 206)]  # reading order, across articles
        assert app.highlights.current() == Hit(ID, 20, 26)
        await pilot.press("n", "n", "N")  # the app's n/N: reading order across articles, wrapping around
        assert calls[1:] == [(ID, 200), (RU, 90), (ID, 200)]


async def test_enter_then_n_in_the_real_reader(monkeypatch) -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(app, pilot, ScriptedEngine(), query="alt")
        await press(app, pilot, "tab", "s", "g")  # reading order, cursor on the first Russian hit
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "ReaderScreen" and reader.doc_id == RU
        assert app.highlights.current() == Hit(RU, 90, 97)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is reader and app.highlights.current() == Hit(RU, 400, 408)  # same article: moves
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.doc_id == AR  # next article opens
        await pilot.press("escape")  # the reader went to the next article in place: one Esc back
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_copy_selected_lines(monkeypatch) -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_search(app, pilot, ScriptedEngine(), query="a")
        copied: list[str] = []
        monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
        await press(app, pilot, "tab", "s", "g", "y")
        assert copied[-1] == f"{RU}\t90\tСэм\tАльтман\tзаявил\ttranslit\t0.95\n"
        await pilot.press("v", "j", "j", "y")
        lines = copied[-1].splitlines()
        assert [line.split("\t")[3] for line in lines] == ["Альтман", "Альтмана", "ألتمان"]
        assert screen_anchor(app) is None  # the selection ends after copying
        await pilot.press("v", "escape")
        assert screen_anchor(app) is None and isinstance(app.screen, SearchScreen)  # Esc dropped the selection


def screen_anchor(app: BabelscopeApp) -> int | None:
    return app.screen.query_one(KwicView).anchor


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
async def test_save_the_concordance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    monkeypatch.chdir(tmp_path)
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_search(app, pilot, ScriptedEngine(), query="alt")
        await press(app, pilot, "tab", "L")  # only one language: what is shown is what is saved
        language = screen.language
        await pilot.press("w")
        dialog = app.screen
        assert isinstance(dialog, SaveConcordanceDialog)
        box = dialog.query_one(Input)
        assert box.value == str(tmp_path / "concordance-alt.csv")
        box.value = "hits.txt"
        await pilot.press("enter")
        assert app.screen is dialog and "must end in .csv or .jsonl" in str(dialog.query_one("#save-message").render())
        box.value = f"hits{suffix}"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        saved = tmp_path / f"hits{suffix}"
        frame = pl.read_csv(saved) if suffix == ".csv" else pl.read_ndjson(saved)
        assert frame.columns == HIT_COLUMNS
        assert set(frame["lang"].to_list()) == {language} and frame.height == 2
        if suffix == ".jsonl":
            first = json.loads(saved.read_text(encoding="utf-8").splitlines()[0])
            assert first["surface"] in {"Альтман", "Альтмана", "Altman"}
        # saving again over the same name asks first
        await pilot.press("w")
        app.screen.query_one(Input).value = f"hits{suffix}"
        await pilot.press("enter")
        assert "press Enter again" in str(app.screen.query_one("#save-message").render())
        await pilot.press("escape")
        assert app.screen is screen


def test_default_save_path_keeps_the_query_readable(tmp_path: Path) -> None:
    assert default_save_path("ألتمان lang:ar", tmp_path).name == "concordance-ألتمان-lang-ar.csv"
    assert default_save_path("///", tmp_path).name == "concordance-search.csv"


async def test_escape_leaves_the_query_box_first_then_the_screen() -> None:
    app = BabelscopeApp()
    async with app.run_test() as pilot:
        screen = await open_search(app, pilot, ScriptedEngine(), query="alt")
        box = screen.query_one(Input)
        box.focus()
        await pilot.press("q")  # typed into the query, not "back"
        assert box.value == "altq" and app.screen is screen
        await pilot.press("backspace", "escape")
        assert screen.query_one(KwicView).has_focus and app.screen is screen
        await pilot.press("slash")  # on this screen: back to the query box, not a second search screen
        assert box.has_focus and app.screen is screen
        await pilot.press("escape", "q")
        assert app.screen is app.library


async def test_a_bad_query_says_why_and_keeps_the_results() -> None:
    app = BabelscopeApp()
    async with app.run_test() as pilot:
        screen = await open_search(app, pilot, ScriptedEngine(fail={'alt"'}), query="alt")
        await pilot.press('"')
        await settle(app, pilot)
        summary = screen.query_one("#search-summary")
        assert summary.has_class("error") and "unbalanced quote" in str(summary.render())
        assert screen.query_one(KwicView).row_count == 5


async def test_command_palette_searches_for_what_was_typed() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Altman")
        await pilot.pause(0.5)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.query_one(Input).value == "Altman"


# the real engine on the sample corpus ----------------------------------------------------------------------------
async def test_end_to_end_one_name_in_every_script(monkeypatch) -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_search(app, pilot)
        await pilot.press(*"Альтман")
        await settle(app, pilot)
        assert screen.query_text == "Альтман"
        assert set(screen.hits["lang"].to_list()) == {"ru", "ar", "zh", "ja", "id"}
        surfaces = set(with_context(screen.hits, screen.context)["surface"].to_list())
        assert {"Альтман", "ألتمان", "Altman"} <= surfaces
        assert screen.hits.height == screen.total and screen.query_one(KwicView).row_count == screen.total
        await press(app, pilot, "tab", "L")  # the language with most hits
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "ReaderScreen"
        current = app.highlights.current()
        assert current is not None and current.doc_id == reader.doc_id
        text = app.session.corpus.text(current.doc_id)
        assert text[current.start:current.end] in surfaces
        assert len(app.highlights.hits) == screen.view.height


async def test_end_to_end_hits_beyond_the_first_page_get_context_when_read(tmp_path: Path, monkeypatch) -> None:
    """The real engine hands over every hit without context; the concordance adds it to the rows it draws, a sort
    by context and a save add it to every row, and all of it equals the engine's own rows."""
    monkeypatch.chdir(tmp_path)
    app = BabelscopeApp()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_search(app, pilot, query="Altman")
        engine = Searcher(app.session.corpus, store=app.session.store)
        every = engine.search("Altman", limit=None).hits
        assert screen.total == every.height > FIRST_ROWS  # some hits arrived without context
        assert "left" not in screen.hits.columns
        kwic = screen.query_one(KwicView)
        await press(app, pilot, "tab", "G")  # to the last row, far beyond the first page
        last = kwic.current_row()
        assert kwic.cursor == every.height - 1 and last is not None
        assert {c: last[c] for c in RESULT_COLUMNS} == every.row(every.height - 1, named=True)
        await press(app, pilot, "s", "s")  # score -> article -> left
        assert screen.sort == "left"
        expected = sort_concordance(_with_doc_order(every, app.session.corpus), "left")
        assert screen.view.select("doc_id", "start").equals(expected.select("doc_id", "start"))
        await pilot.press("w")
        app.screen.query_one(Input).value = "all.jsonl"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        saved = pl.read_ndjson(tmp_path / "all.jsonl").sort("doc_id", "start")
        assert saved.height == every.height
        assert saved.select("left", "surface", "right").equals(every.sort("doc_id", "start").select("left", "surface", "right"))


def _with_doc_order(hits: pl.DataFrame, corpus) -> pl.DataFrame:
    order = corpus.documents.select("doc_id").with_row_index("doc_order")
    return hits.join(order, on="doc_id", how="left", maintain_order="left")


async def test_end_to_end_bad_query_message() -> None:
    app = BabelscopeApp()
    async with app.run_test() as pilot:
        screen = await open_search(app, pilot, query="re:(")
        summary = screen.query_one("#search-summary")
        assert summary.has_class("error") and "invalid regular expression" in str(summary.render())


async def test_end_to_end_hostile_context_is_drawn_inert(tmp_path: Path) -> None:
    app = BabelscopeApp(write_corpus(tmp_path / "hostile"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_search(app, pilot, query="Altman")
        kwic = screen.query_one(KwicView)
        assert kwic.row_count >= 2
        lefts = with_context(kwic.frame, kwic.context)["left"].to_list()
        assert any("\x1b" in left for left in lefts)  # the engine keeps the text as it is
        for index in range(kwic.row_count):
            drawn = "".join(segment.text for segment in kwic.render_line(index + 1))
            assert "\x1b" not in drawn and "\x07" not in drawn
        drawn = "".join(segment.text for segment in kwic.render_line(1))
        assert "␛" in drawn or "[bold]" in drawn
