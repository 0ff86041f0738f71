"""SVG snapshots of the entity screen (80×24, in colour and with NO_COLOR) and of the reader with the entity pane,
Altman selected (his mentions highlighted, the pane's ● marker on his row): the Japanese sample at 120×40, and
the Arabic sample at 80×24 with the app doing bidi and NO_COLOR (the smallest, plainest terminal).

Cells are drawn in string order (see tests/test_tui_snapshots.py, whose ``GridApp`` this reuses), so what the
SVG shows is what a terminal without bidi shows. The index is a fixed, hand-made one over the real sample
articles (:func:`fixed_index`): these snapshots check how the views draw entities, so they must not change each
time the linker gets better (tests/test_tui_entities.py runs the same views on the real engine).
"""

from __future__ import annotations

from types import SimpleNamespace

import polars as pl
import pytest
from textual.pilot import Pilot
from tui_helpers import wait_loaded

import corpus.entities
from corpus.entities import EntityIndex
from corpus.entities.model import ENTITIES_SCHEMA, MENTIONS_SCHEMA, NAMES_SCHEMA, SUGGESTIONS_SCHEMA
from tests.test_tui_snapshots import GridApp, reader_app
from tui.widgets.entity_pane import EntityPane
from tui.widgets.keyed_list import KeyedOptionList
from tui.widgets.virtual_table import VirtualTable


# Each entity's surface forms in the sample articles (longest first wins where forms overlap).
FIXED = {
    "per-altman": ("PER", "Sam Altman", ["サム・アルトマン", "山姆·奥特曼", "Sam Altman", "Сэм Альтман", "سام ألتمان",
                                         "Altman", "Альтмана", "Альтманом", "Альтман", "ألتمان", "奥特曼", "アルトマン"]),
    "org-microsoft": ("ORG", "Microsoft", ["Microsoft", "Майкрософт", "مايكروسوفت", "微软", "マイクロソフト"]),
    "org-openai": ("ORG", "OpenAI", ["OpenAI"]),
    "per-nadella": ("PER", "Satya Nadella", ["Satya Nadella", "Nadella", "Наделла", "ناديلا", "纳德拉", "ナデラ"]),
    "per-sutskever": ("PER", "Ilya Sutskever", ["Ilya Sutskever", "Sutskever", "Суцкевер", "سوتسكيفر", "苏茨克维"]),
    "loc-redmond": ("LOC", "Redmond", ["Redmond", "Редмонд", "ريدموند"]),
}


def fixed_index(corpus) -> EntityIndex:
    """An :class:`EntityIndex` of :data:`FIXED` found by plain string search in the sample articles."""
    rows = []
    for doc_id, lang, text in corpus.documents.select("doc_id", "lang", "text").iter_rows():
        taken: list[tuple[int, int]] = []
        for eid, (etype, _, forms) in FIXED.items():
            for form in sorted(forms, key=len, reverse=True):
                at = text.find(form)
                while at >= 0:
                    if not any(at < end and start < at + len(form) for start, end in taken):
                        taken.append((at, at + len(form)))
                        rows.append((eid, doc_id, at, at + len(form), form, lang, etype))
                    at = text.find(form, at + 1)
    mentions = pl.DataFrame(rows, schema=MENTIONS_SCHEMA, orient="row").sort(["doc_id", "start"])
    counts = mentions.group_by("entity_id").agg(pl.len().cast(pl.Int64).alias("n_mentions"),
                                                pl.col("doc_id").n_unique().cast(pl.Int64).alias("n_docs"))
    entities = (
        pl.DataFrame([(eid, t, n) for eid, (t, n, _) in FIXED.items()], schema=["id", "type", "name"], orient="row")
        .join(counts, left_on="id", right_on="entity_id").select(list(ENTITIES_SCHEMA))
        .sort(["n_mentions", "id"], descending=[True, False])
    )
    names = (mentions.group_by("entity_id", "lang", pl.col("surface").alias("name"))
             .agg(pl.len().cast(pl.Int64).alias("count")).select(list(NAMES_SCHEMA)))
    suggestions = pl.DataFrame([("org-microsoft", "loc-redmond", 0.71, "co-mentioned; Redmond is its seat")],
                               schema=SUGGESTIONS_SCHEMA, orient="row")
    return EntityIndex(entities, names, mentions, suggestions)


@pytest.fixture(autouse=True)
def fixed_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's entity source builds :func:`fixed_index` instead of running the linker."""
    monkeypatch.setattr(corpus.entities, "EntityEditor",
                        lambda corpus, store, **_options: SimpleNamespace(index=lambda: fixed_index(corpus)))


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
        table = app.screen.query_one(VirtualTable)
        while table.row_count == 0:  # the list is prepared in a worker once the index lands
            await pilot.pause(0.05)
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
    app, open_article = reader_app(lang, bidi)

    async def open_pane(pilot: Pilot) -> None:
        await open_article(pilot)
        await pilot.press("e")
        await _entities_ready(pilot, app)
        pane = app.screen.query_one(EntityPane)
        for _ in range(200):
            if pane._figures is not None and any(row.kind == "entity" for row in pane._rows):
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
