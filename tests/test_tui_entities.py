"""The entity pane and the entity screen with Pilot, on the sample corpus and the real engine: the pane lists an
article's entities and figures, Enter highlights an entity's mentions and ``n`` walks them, edits made from the
keyboard persist in the store (a new app instance sees them), and the entity screen filters, opens the reader at
a mention, narrows the library and edits."""

from __future__ import annotations

import threading

import polars as pl
from textual.pilot import Pilot
from textual.widgets import Input
from tui_helpers import open_reader, wait_loaded

import corpus.entities
from tests.conftest import SAMPLE_FILES
from tui.app import BabelscopeApp
from tui.entity_lists import fold_key
from tui.screens.entities import EntityScreen, search_query
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_dialogs import ChoicePicker, MentionPicker, TextPrompt
from tui.widgets.entity_format import TYPES, figure_value
from tui.widgets.entity_pane import MARK_SELECTED, EntityPane
from tui.widgets.keyed_list import KeyedOptionList, KeyedSelectionList
from tui.widgets.mention_strip import MentionStrips
from tui.widgets.virtual_table import VirtualTable

JA = SAMPLE_FILES["ja"]


async def wait_entities(pilot: Pilot, app: BabelscopeApp):
    """Wait for the entity index (built in a thread worker the first time a view asks for it)."""
    for _ in range(600):
        index = app.entities.index_for(app.session)
        if index is not None:
            await settle(pilot, app)
            return index
        await pilot.pause(0.05)
    raise AssertionError("the entity index was not built")


async def settle(pilot: Pilot, app: BabelscopeApp) -> None:
    """Let the views' own workers (the entity list, the pane's figures) finish and their results land."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for(pilot: Pilot, condition, what: str) -> None:
    for _ in range(400):
        if condition():
            await settle(pilot, app=pilot.app)
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def entity_id(index, name: str) -> str:
    ids = index.entities.filter(pl.col("name").str.contains(name))["id"].to_list()
    assert ids, f"no entity named like {name!r}"
    return ids[0]


def option_texts(listing: KeyedOptionList) -> list[str]:
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_entity_screen(pilot: Pilot, app: BabelscopeApp):
    """``E`` once the corpus is loaded; the index, the screen and its list once both are ready."""
    await wait_loaded(pilot, app)
    await pilot.press("E")
    index = await wait_entities(pilot, app)
    table = app.screen.query_one(VirtualTable)
    await wait_for(pilot, lambda: table.row_count > 0, "the entity list (prepared in a worker)")
    return index, app.screen, table


async def put_cursor_on(pilot: Pilot, table: VirtualTable, entity: str) -> None:
    table.move_to(table.frame["id"].to_list().index(entity))
    await pilot.pause()


async def open_pane(pilot: Pilot, app: BabelscopeApp, doc_id: str) -> tuple[EntityPane, ArticleView]:
    view = await open_reader(pilot, app, doc_id)
    await pilot.press("e")
    await wait_entities(pilot, app)
    pane = app.screen.query_one(EntityPane)
    await wait_for(pilot, lambda: pane._figures is not None and any(r.kind == "entity" for r in pane._rows),
                   "the article's entities and figures")
    await pilot.pause()
    return pane, view


async def pane_on_altman(pilot: Pilot, app: BabelscopeApp):
    """The pane beside the Japanese article, its cursor on Altman: ``(pane, view, index, Altman's id)``."""
    pane, view = await open_pane(pilot, app, JA)
    index = app.entities.index_for(app.session)
    altman = entity_id(index, "Altman")
    listing = pane.query_one(KeyedOptionList)
    listing.highlighted = listing.get_option_index(f"entity:{altman}")
    return pane, view, index, altman


async def test_pane_lists_the_articles_entities_by_type_and_its_figures() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        pane, view = await open_pane(pilot, app, JA)
        assert pane.parent.id == "side-pane" and pane.parent.has_class("visible")
        assert view.region.right <= pane.parent.region.x  # beside the article, not over it
        assert pane.query_one(KeyedOptionList).has_focus
        index = app.entities.index_for(app.session)
        texts = "\n".join(option_texts(pane.query_one(KeyedOptionList)))
        here = index.for_doc(JA)
        assert f"People · {here.filter(pl.col('type') == 'PER').height}" in texts
        assert f"Organisations · {here.filter(pl.col('type') == 'ORG').height}" in texts
        altman = entity_id(index, "Altman")
        count = here.filter(pl.col("id") == altman)["count"][0]
        assert f"{count:>4} " in texts and "アルトマン" in texts  # count and this article's own surface form
        assert f"Figures · {len(pane._figures)}" in texts
        figure = pane._figures[0]
        assert figure.surface in texts and figure_value(figure) in texts
        await pilot.press("e")  # focused pane: e hides it and gives the keys back to the article
        assert not pane.parent.has_class("visible")
        assert app.screen.query_one(ArticleView).has_focus


async def test_enter_highlights_mentions_and_n_walks_them() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        pane, view, index, altman = await pane_on_altman(pilot, app)
        await pilot.press("enter")
        mentions = index.mentions.filter((pl.col("entity_id") == altman) & (pl.col("doc_id") == JA)).sort("start")
        spans = [(s, e) for s, e, _ in view.layer_spans("entity")]
        assert spans == list(zip(mentions["start"], mentions["end"]))
        highlights = app.highlights
        assert len(highlights.hits) == index.entities.filter(pl.col("id") == altman)["n_mentions"][0]
        first = highlights.current()
        assert first is not None and (first.doc_id, first.start) == (JA, mentions["start"][0])
        assert MARK_SELECTED in "\n".join(option_texts(pane.query_one(KeyedOptionList)))
        await pilot.press("n")
        await pilot.pause()
        second = highlights.current()
        assert (second.doc_id, second.start) == (JA, mentions["start"][1])
        low, high = view.visible_range()
        assert low <= second.start < high
        await pilot.press("N")
        assert highlights.current() == first


async def test_rename_from_the_pane_persists_across_app_instances() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        pane, _, index, altman = await pane_on_altman(pilot, app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Sam [b]Altman")  # markup in a name is text, not style
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.entities.index_for(app.session) is not index, "the renamed index")
        await pilot.pause()
        assert "Sam [b]Altman" in "\n".join(option_texts(pane.query_one(KeyedOptionList)))

    again = BabelscopeApp()
    async with again.run_test(size=(80, 24)) as pilot:
        index, screen, table = await open_entity_screen(pilot, again)
        assert index.entities.filter(pl.col("id") == altman)["name"].to_list() == ["Sam [b]Altman"]
        assert "Sam [b]Altman" in table.frame["name"].to_list()


async def test_entity_screen_filters_opens_the_reader_and_narrows_the_library() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        assert isinstance(screen, EntityScreen)
        assert table.row_count == index.entities.height
        await pilot.press("f", *"альтман")  # any of its names, in any script
        await pilot.press("enter")
        altman = entity_id(index, "Altman")
        assert table.frame["id"].to_list() == [altman]
        strips = screen.query_one(MentionStrips)
        docs = index.mentions.filter(pl.col("entity_id") == altman)["doc_id"].unique()
        assert {row.doc_id for row in strips.rows} == set(docs)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        first = index.mentions.filter(pl.col("entity_id") == altman).sort("start")
        first_doc = app.session.corpus.doc_ids[min(app.session.corpus.doc_ids.index(d) for d in docs)]
        assert app.screen.doc_id == first_doc
        hits = app.highlights.in_doc(first_doc)
        assert hits and hits[0].start == first.filter(pl.col("doc_id") == first_doc)["start"][0]
        assert app.screen.query_one(ArticleView).layer_spans("hits")
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("L")
        await pilot.pause()
        assert app.screen is app.library
        assert set(app.library.query_one(VirtualTable).frame["doc_id"]) == set(docs)
        await pilot.press("escape")  # Esc shows every article again, then quits
        assert app.library.query_one(VirtualTable).row_count == app.session.corpus.documents.height


async def test_merge_split_and_type_from_the_entity_screen() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        openai, microsoft = entity_id(index, "OpenAI"), entity_id(index, "Microsoft")
        total = index.entities.filter(pl.col("id").is_in([openai, microsoft]))["n_mentions"].sum()

        await put_cursor_on(pilot, table, microsoft)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press(*"openai")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.entities.index_for(app.session) is not index, "the merged index")
        index = app.entities.index_for(app.session)
        assert index.entities.filter(pl.col("id") == openai).height == 0
        assert index.entities.filter(pl.col("id") == microsoft)["n_mentions"][0] == total
        assert table.current_row()["id"] == microsoft  # the cursor stays on the entity it was on

        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, MentionPicker)
        picker = app.screen.query_one(KeyedSelectionList)
        await pilot.press("space", "j", "space")
        assert len(picker.selected) == 2
        ticked = [app.screen.mentions[i].value for i in picker.selected]
        await pilot.press("s")
        await wait_for(pilot, lambda: app.entities.index_for(app.session) is not index, "the split index")
        index = app.entities.index_for(app.session)
        for doc_id, start, _ in ticked:  # the ticked mentions now belong to a new entity
            owner = index.mentions.filter((pl.col("doc_id") == doc_id) & (pl.col("start") == start))["entity_id"]
            assert owner.to_list() and owner[0] not in (microsoft, openai)
        assert index.entities.filter(pl.col("id") == microsoft)["n_mentions"][0] < total

        now = index.entities.filter(pl.col("id") == microsoft)["type"][0]
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("j", "enter")  # the picker opens on the current type; j is the next one in the list
        await wait_for(pilot, lambda: app.entities.index_for(app.session) is not index, "the retyped index")
        index = app.entities.index_for(app.session)
        assert index.entities.filter(pl.col("id") == microsoft)["type"][0] == TYPES[(TYPES.index(now) + 1) % 4]


async def test_accept_a_suggested_merge_from_the_entity_screen() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(100, 30)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        assert index.suggestions.height, "the sample corpus has uncertain merges to offer"
        a, b = index.suggestions.row(0)[:2]
        await put_cursor_on(pilot, table, a)
        assert "a to accept" in str(app.screen.query_one("#entities-names").render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.entities.index_for(app.session) is not index, "the accepted index")
        index = app.entities.index_for(app.session)
        assert index.entities.filter(pl.col("id") == b).height == 0
        assert index.suggestions.filter((pl.col("a") == a) & (pl.col("b") == b)).height == 0


async def test_an_empty_name_is_refused_and_esc_cancels() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        await pilot.press("r")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        prompt.query_one(Input).value = "   "
        await pilot.press("enter")
        assert app.screen is prompt and "cannot be empty" in str(prompt.query_one("#prompt-hint").render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        assert app.entities.index_for(app.session) is index


async def test_s_starts_a_search_for_the_entity() -> None:
    from tui.screens.search import SearchScreen

    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        await put_cursor_on(pilot, table, entity_id(index, "Altman"))
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.initial_query == "Altman"  # its most used Latin name; search finds it in every script


def test_search_query_quotes_a_several_word_name_and_prefers_latin() -> None:
    index = type("Index", (), {})()
    index.names = pl.DataFrame({"entity_id": ["e"] * 3, "lang": ["ja", "en", "ru"],
                                "name": ["サム・アルトマン", 'Sam "The" Altman', "Сэм Альтман"], "count": [9, 2, 5]})
    assert search_query(index, {"id": "e", "name": "x"}) == '"Sam The Altman"'
    index.names = index.names.filter(pl.col("lang") != "en")
    assert search_query(index, {"id": "e", "name": "Sam Altman"}) == '"Sam Altman"'


async def test_picker_draws_at_most_its_limit_and_filters_folded_names() -> None:
    from rich.text import Text
    from textual.app import App

    from tui.widgets.entity_dialogs import SHOWN_LIMIT, Choice

    names = [f"Name{i:05d}" for i in range(SHOWN_LIMIT * 3)] + ["Straße ＡＬＴＭＡＮ [b]x"]
    choices = [Choice(n, lambda n=n: Text(n), fold_key(n)) for n in names]
    picked: list[object] = []
    app = App()
    async with app.run_test() as pilot:
        app.push_screen(ChoicePicker("Pick", choices, filterable=True), picked.append)
        await pilot.pause()
        listing = app.screen.query_one(KeyedOptionList)
        assert listing.option_count == SHOWN_LIMIT + 1  # plus "… N more: type to narrow"
        assert f"{len(names) - SHOWN_LIMIT} more" in str(listing.get_option_at_index(SHOWN_LIMIT).prompt)
        await pilot.press(*"strasse altman", "enter")  # Enter before the filter worker lands still picks the match
        await pilot.pause()
    assert picked == ["Straße ＡＬＴＭＡＮ [b]x"]


async def test_tab_to_the_mention_strips_and_open_one_article() -> None:
    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        index, screen, table = await open_entity_screen(pilot, app)
        altman = entity_id(index, "Altman")
        await put_cursor_on(pilot, table, altman)
        strips = screen.query_one(MentionStrips)
        first_line = strips.render_line(1).text  # line 0 is the header
        assert first_line.startswith(strips.rows[0].lang) and any(g in first_line for g in "│┃█")
        await pilot.press("tab")
        assert strips.has_focus
        await pilot.press("j", "enter")
        await pilot.pause()
        second = strips.rows[1]
        assert isinstance(app.screen, ReaderScreen) and app.screen.doc_id == second.doc_id
        assert app.highlights.current().start == second.offsets[0]


async def entity_screen_status(pilot: Pilot, app: BabelscopeApp):
    """``E`` once the corpus is loaded, without waiting for the index: the screen's status line."""
    await wait_loaded(pilot, app)
    await pilot.press("E")
    return app.screen.query_one("#entities-status")


async def test_views_waiting_for_the_index_show_the_engines_stage(monkeypatch) -> None:
    """A first build reports its stages; the entity screen says which one runs and how far it is, then shows the
    entities once the index lands (the pane reads the same ``EntitySource.status``)."""
    real = corpus.entities.EntityEditor
    reported, release = threading.Event(), threading.Event()

    def held_editor(corpus_, store, progress=None, **kwargs):
        progress("finding names", 0, 0)
        progress("pairing translations", 3, 5)
        reported.set()
        release.wait(30)
        return real(corpus_, store, progress=progress, **kwargs)

    monkeypatch.setattr(corpus.entities, "EntityEditor", held_editor)
    app = BabelscopeApp()
    async with app.run_test(size=(120, 40)) as pilot:
        status = await entity_screen_status(pilot, app)
        for _ in range(400):  # (not wait_for: it settles every worker, and this one is held)
            if reported.is_set() and "3/5" in str(status.render()):
                break
            await pilot.pause(0.05)
        assert str(status.render()) == "Linking entities… pairing translations 3/5"
        assert app.entities.status == "Linking entities… pairing translations 3/5"
        release.set()
        await wait_entities(pilot, app)
        await wait_for(pilot, lambda: "Linking" not in str(status.render()), "the entity list")
        assert app.entities.status == "Linking entities…"


async def test_a_failed_build_is_said_where_the_index_was_awaited(monkeypatch) -> None:
    def broken_editor(corpus_, store, progress=None, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(corpus.entities, "EntityEditor", broken_editor)
    app = BabelscopeApp()
    async with app.run_test(size=(80, 24)) as pilot:
        status = await entity_screen_status(pilot, app)
        await wait_for(pilot, lambda: "disk full" in str(status.render()), "the failure in the status line")
        assert str(status.render()) == "Could not link entities: disk full"


async def test_a_three_letter_language_code_keeps_its_space_before_the_title() -> None:
    """``und`` (language unknown) ran into the title (``undcaf…``): the language column fits the longest code."""
    from textual.app import App

    from tui.widgets.mention_strip import StripRow

    class Strips(App):
        def compose(self):
            yield MentionStrips()

    app = Strips()
    async with app.run_test(size=(80, 10)):
        strips = app.query_one(MentionStrips)
        strips.set_rows([StripRow("a", "und", "café Altman", 100, (10,)), StripRow("b", "en", "Sam", 100, (5,))])
        lines = [strips.render_line(y).text for y in (1, 2)]
        assert lines[0].startswith("und café Altman") and lines[1].startswith("en  Sam")
