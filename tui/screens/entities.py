"""The entity screen (``E``): every entity of the corpus, its names in each language, where it is mentioned.

The list is virtualised (any number of entities), filtered with ``f`` (any of its names, in any script, or a
type) and sorted with ``s``. Below it, the selected entity's names per language, its suggested merges, and one
mention strip per article. From here the user opens the reader at the first mention (Enter, mentions
highlighted and walked with ``n``/``N``), narrows the library to the articles that mention it (``L``), searches
the corpus for it (``S``), and edits it with the same keys as the entity pane.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from corpus.scripts import script_of
from tui import keymap
from tui.entity_edits import EntityEditActions
from tui.entity_source import WAITING
from tui.entity_lists import entity_row, fold_key, list_frame, names_by_language, suggestions_for
from tui.screens.base import BaseScreen
from tui.widgets.bidi_label import fit
from tui.widgets.entity_format import TYPE_TITLES, TYPES, display_name
from tui.widgets.entity_pane import entity_highlights
from tui.widgets.filter_box import FilterBox, TextFiltered
from tui.widgets.mention_strip import MentionStrips, StripRow
from tui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from corpus.entities import EntityIndex
    from corpus.session import Session

SORTS: list[tuple[str, list[str], list[bool]]] = [
    ("mentions", ["n_mentions", "name", "id"], [True, False, False]),
    ("name", ["name", "id"], [False, False]),
    ("type", ["type", "n_mentions", "id"], [False, True, False]),
    ("articles", ["n_docs", "n_mentions", "id"], [True, True, False]),
]


def search_query(index: EntityIndex, row: dict) -> str:
    """What ``S`` searches for: the entity's most used Latin-script name (search matches names in every script,
    so ``Altman`` also finds Альтман and アルトマン), quoted as a phrase when it has several words."""
    names = index.names.filter(pl.col("entity_id") == row["id"]).group_by("name").agg(pl.col("count").sum())
    latin = [n for n, _ in sorted(names.iter_rows(), key=lambda r: -r[1])
             if any(c.isalpha() for c in n) and all(script_of(c) == "Latin" for c in n if c.isalpha())]
    name = (latin[0] if latin else row["name"]).replace('"', " ")
    return f'"{" ".join(name.split())}"' if len(name.split()) > 1 else name.strip()


class EntityScreen(TextFiltered, EntityEditActions, BaseScreen):
    SCOPES = (keymap.GLOBAL, "movement", "entities", "entity_edit")
    BINDINGS = [*keymap.bindings("entities"), *keymap.bindings("entity_edit")]
    DEFAULT_CSS = """
    EntityScreen #entities-status { height: 1; background: $boost; padding: 0 1; }
    EntityScreen #entities-table { height: 1fr; min-height: 5; overflow-x: hidden; }
    EntityScreen #entities-detail { height: 55%; max-height: 18; border-top: hkey $accent; }
    EntityScreen #entities-names { height: auto; max-height: 8; padding: 0 1; }
    EntityScreen MentionStrips { height: 1fr; min-height: 3; padding: 0 1; }
    EntityScreen #entities-filter { dock: bottom; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__(id="entities")
        self.session = session
        self.sort = 0
        self.text_filter = ""
        self._frame: pl.DataFrame | None = None

    @property
    def bidi(self) -> str:
        return getattr(getattr(self.app, "settings", None), "bidi", "terminal")

    @property
    def source(self):  # noqa: ANN201 - tui.entity_source.EntitySource, owned by the app
        return self.app.entities  # type: ignore[attr-defined]

    def _columns(self) -> list[Column]:
        def name(value: object) -> str:
            return display_name(str(value or ""), self.bidi)

        def aliases(value: object) -> str:
            return " · ".join(display_name(n, self.bidi) for n in (value or [])[:6])

        return [
            Column("type", "Type", width=7),
            Column("name", "Entity", format=name),
            Column("n_mentions", "Ment.", width=5, align="right"),
            Column("n_docs", "Art.", width=4, align="right"),
            Column("aliases", "Names in the corpus", format=aliases),
        ]

    def compose(self) -> ComposeResult:
        yield Static(Text(WAITING), id="entities-status")
        yield VirtualTable(self._columns(), id="entities-table")
        with Vertical(id="entities-detail"):
            yield Static(Text(""), id="entities-names")
            yield MentionStrips(id="entities-strips")
        yield FilterBox(placeholder="filter entities by any name (any script) or type: PER ORG LOC PRODUCT",
                        id="entities-filter", on_change=self._filter_changed, focus_back="#entities-table")
        yield Footer()

    def on_mount(self) -> None:
        self.source.changed.subscribe(self, self._index_changed)
        self.source.progressed.subscribe(self, self._progressed)
        self.query_one(VirtualTable).focus()
        index = self.source.request(self.session)
        if index is not None:
            self._index_changed(index)

    def corpus_reloaded(self, corpus: object) -> None:
        """After ``R`` the app has a new session: follow it and relink."""
        session = getattr(self.app, "session", None)
        if session is not None and session is not self.session:
            self.session, self._frame = session, None
            self.query_one("#entities-status", Static).update(Text(WAITING))
            index = self.source.request(session)
            if index is not None:
                self._index_changed(index)

    def _progressed(self, status: str) -> None:
        if self.index is None:
            self.query_one("#entities-status", Static).update(Text(status))

    @property
    def index(self) -> EntityIndex | None:
        return self.source.index_for(self.session)

    # the list ---------------------------------------------------------------------------------------------
    def _index_changed(self, index: EntityIndex) -> None:
        if index is self.index:
            self._prepare_list(index)

    @work(thread=True, exclusive=True, group="entity-list", exit_on_error=False)
    def _prepare_list(self, index: EntityIndex) -> None:
        frame = list_frame(index)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._list_ready, index, frame)

    def _list_ready(self, index: EntityIndex, frame: pl.DataFrame) -> None:
        if index is self.index:  # a newer index (an edit landed meanwhile) has its own worker
            self._frame = frame
            self._refresh_rows(keep=True)

    def _rows(self) -> pl.DataFrame:
        assert self._frame is not None
        rows = self._frame
        if self.text_filter:
            words = fold_key(self.text_filter).split()
            wanted_types = [w.upper() for w in words if w.upper() in TYPES]
            if wanted_types:
                rows = rows.filter(pl.col("type").is_in(wanted_types))
            for word in (w for w in words if w.upper() not in TYPES):
                rows = rows.filter(pl.col("search").str.contains(word, literal=True))
        _, columns, descending = SORTS[self.sort]
        return rows.sort(columns, descending=descending, nulls_last=True)

    def _refresh_rows(self, keep: bool = False) -> None:
        if self._frame is None:
            return
        table = self.query_one(VirtualTable)
        current = (table.current_row() or {}).get("id") if keep else None
        rows = self._rows()
        table.set_frame(rows)
        if current is not None:
            position = rows.with_row_index("i").filter(pl.col("id") == current)["i"].to_list()
            if position:
                table.move_to(position[0])
        self._show_status(rows)
        self._show_detail()

    def _show_status(self, rows: pl.DataFrame) -> None:
        total = self._frame.height if self._frame is not None else 0
        counts = rows.group_by("type").len()
        by_type = {t: n for t, n in counts.iter_rows()}
        kinds = " ".join(f"{t} {by_type[t]}" for t in TYPES if by_type.get(t))
        shown = f"{rows.height} of {total}" if rows.height != total else str(total)
        pending = self.index.suggestions.height if self.index is not None else 0
        text = " · ".join(part for part in (f"{shown} entities", kinds, f"by {SORTS[self.sort][0]}") if part)
        if pending:
            text += f" · {pending} suggested merges"
        if self.text_filter:
            text += f" · “{self.text_filter}”"
        self.query_one("#entities-status", Static).update(Text(text))

    def on_resize(self) -> None:
        self._show_detail()

    @on(VirtualTable.CursorMoved)
    def _cursor_moved(self, event: VirtualTable.CursorMoved) -> None:
        if event.table.id == "entities-table":  # the mention strips are a table too
            self._show_detail()

    # the detail -------------------------------------------------------------------------------------------
    def edit_target(self) -> str | None:
        row = self.query_one(VirtualTable).current_row()
        return row["id"] if row else None

    def _show_detail(self) -> None:
        index, entity_id = self.index, self.edit_target()
        names = self.query_one("#entities-names", Static)
        strips = self.query_one(MentionStrips)
        if index is None or entity_id is None:
            names.update(Text("No entity matches" if self._frame is not None else ""))
            strips.set_rows([])
            return
        row = entity_row(index, entity_id)
        if row is None:
            return
        text = Text.assemble((display_name(row["name"], self.bidi), "bold"))
        text.append(f"  {TYPE_TITLES.get(row['type'], row['type'])} · {row['n_mentions']} mentions in "
                    f"{row['n_docs']} articles", style="dim")
        room = max(8, (names.content_region.width or 76) - 4)
        for lang, names_here in names_by_language(index, entity_id):  # one line each, cut in logical order
            text.append(f"\n{lang:<4}", style="bold")
            text.append(fit(" · ".join(f"{n} ×{c}" for n, c in names_here), room, self.bidi))
        pending = suggestions_for(index, entity_id)
        if pending.height:
            first = entity_row(index, pending["other"][0])
            other = display_name(first["name"], self.bidi) if first else pending["other"][0]
            text.append(f"\n? may be the same as {other} ({pending['score'][0]:.2f})"
                        + (f" and {pending.height - 1} more" if pending.height > 1 else "") + " · a to accept",
                        style="italic")
        names.update(text)
        strips.set_rows(self._strip_rows(index, entity_id), self.bidi)

    def _strip_rows(self, index: EntityIndex, entity_id: str) -> list[StripRow]:
        mentions = (
            index.mentions.filter(pl.col("entity_id") == entity_id)
            .group_by("doc_id").agg(pl.col("start").sort())
        )
        offsets = dict(mentions.iter_rows())
        documents = self.session.corpus.documents.filter(pl.col("doc_id").is_in(list(offsets)))
        rows = []
        for doc in documents.iter_rows(named=True):
            rows.append(StripRow(doc["doc_id"], doc["lang"] or "?", doc["title"] or doc["doc_id"], len(doc["text"]),
                                 tuple(offsets[doc["doc_id"]])))
        return rows

    # actions ----------------------------------------------------------------------------------------------
    def _open(self, entity_id: str | None, doc_id: str | None = None) -> None:
        index = self.index
        if index is None or entity_id is None:
            return
        highlights = entity_highlights(index, entity_id, self.session.corpus.doc_ids, doc_id)
        hit = highlights.current()
        if hit is None:
            self.notify("This entity has no mentions left", timeout=3)
            return
        self.app.set_highlights(highlights)  # type: ignore[attr-defined]
        self.app.open_reader(hit.doc_id, hit.start)  # type: ignore[attr-defined]

    @on(VirtualTable.Selected)
    def _selected(self) -> None:
        self._open(self.edit_target())

    @on(MentionStrips.Selected)
    def _strip_selected(self, event: MentionStrips.Selected) -> None:
        self._open(self.edit_target(), event.doc_id)

    def action_cycle_sort(self) -> None:
        self.sort = (self.sort + 1) % len(SORTS)
        self._refresh_rows(keep=True)

    def refilter(self) -> None:
        self._refresh_rows()

    def action_back(self) -> None:
        if self.close_filter():
            return
        super().action_back()

    def action_filter_library(self) -> None:
        index, entity_id = self.index, self.edit_target()
        if index is None or entity_id is None:
            return
        row = entity_row(index, entity_id)
        doc_ids = index.mentions.filter(pl.col("entity_id") == entity_id)["doc_id"].unique().to_list()
        library = self.app.library  # type: ignore[attr-defined]
        library.filter_to_docs(doc_ids, f"mentioning {row['name'] if row else entity_id}")
        while self.app.screen is not library and len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_search_entity(self) -> None:
        index, entity_id = self.index, self.edit_target()
        row = entity_row(index, entity_id) if index is not None and entity_id else None
        if row is None:
            return
        if importlib.util.find_spec("tui.screens.search") is None:
            self.notify("Search is not available in this build", timeout=3)
            return
        from tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.session, query=search_query(index, row)))
