"""The entity pane beside the reader (``e``): who and what the article names, and the figures it states.

Entities are grouped by type with their mention counts here and the surface forms this article uses (Альтмана,
Альтманом); figures show their surface and normalised value. Enter on an entity highlights its mentions in the
article (layer ``entity``) and makes them the app's highlight set, so ``n``/``N`` walk them, across articles;
Enter on a figure scrolls to it. The edit keys (merge, split, rename, type, accept) act on the entity under the
cursor and persist through the engine; the pane redraws when the shared index changes.

The pane reads the reader's ``ArticleView`` by its type name (``set_layer``/``clear_layer``/``scroll_to_offset``),
so it works beside any view that offers those three methods.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual.widgets.option_list import Option

from corpus.entities.numbers import doc_figures
from corpus.figures import Figure
from tui import keymap
from tui.entity_edits import EntityEditActions
from tui.entity_source import WAITING
from tui.entity_lists import suggestions_for
from tui.state import HighlightSet, Hit
from tui.widgets.bidi_label import fit
from tui.widgets.entity_format import TYPE_TITLES, TYPES, figure_value
from tui.widgets.keyed_list import KeyedOptionList

if TYPE_CHECKING:
    from corpus.entities import EntityIndex
    from corpus.session import Session

MARK_SELECTED = "●"  # the entity whose mentions are highlighted: a glyph, so NO_COLOR shows it too


@dataclass(frozen=True, slots=True)
class _Row:
    """What an option of the pane's list stands for."""

    kind: str                       # "entity" | "figure"
    entity_id: str | None = None
    figure: Figure | None = None


def mention_hits(index: EntityIndex, entity_id: str, doc_order: list[str]) -> list[Hit]:
    """Every mention of ``entity_id`` in reading order: articles in library order, then by offset."""
    rank = {doc_id: i for i, doc_id in enumerate(doc_order)}
    frame = index.mentions.filter(pl.col("entity_id") == entity_id).select("doc_id", "start", "end")
    rows = sorted(frame.iter_rows(), key=lambda r: (rank.get(r[0], len(rank)), r[1]))
    return [Hit(doc_id, start, end) for doc_id, start, end in rows]


def entity_highlights(index: EntityIndex, entity_id: str, doc_order: list[str], doc_id: str | None) -> HighlightSet:
    """The highlight set for an entity, positioned on its first mention in ``doc_id`` (else the first of all)."""
    hits = mention_hits(index, entity_id, doc_order)
    names = index.entities.filter(pl.col("id") == entity_id)["name"].to_list()
    first = next((i for i, h in enumerate(hits) if h.doc_id == doc_id), 0 if hits else -1)
    return HighlightSet(label=names[0] if names else entity_id, hits=hits, index=first)


class EntityPane(EntityEditActions, Vertical):
    """The pane for one article (``doc_id``) of ``session``."""

    DEFAULT_CSS = """
    EntityPane { width: 1fr; height: 1fr; padding: 0 0 0 1; }
    EntityPane #entity-pane-title { height: 1; text-style: bold; }
    EntityPane KeyedOptionList { height: 1fr; border: none; padding: 0; background: $surface; }
    EntityPane KeyedOptionList:focus { border: none; }
    EntityPane #entity-pane-status { height: auto; max-height: 3; color: $text-muted; }
    """
    BINDINGS = [*keymap.bindings("entity_edit"), *(b for b in keymap.bindings(keymap.GLOBAL) if b.id == "global.back")]

    def __init__(self, session: Session, doc_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.doc_id = doc_id
        self.selected: str | None = None
        self._figures: list[Figure] | None = None
        self._rows: list[_Row] = []

    # composition and data -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("Entities", id="entity-pane-title")
        yield KeyedOptionList(id="entity-pane-list")
        yield Static(Text(WAITING), id="entity-pane-status")

    @property
    def source(self):  # noqa: ANN201 - tui.entity_source.EntitySource, owned by the app
        return self.app.entities  # type: ignore[attr-defined]

    @property
    def bidi(self) -> str:
        return getattr(getattr(self.app, "settings", None), "bidi", "terminal")

    def on_mount(self) -> None:
        self.source.changed.subscribe(self, self._index_changed)
        self.source.progressed.subscribe(self, lambda _status: self._update_status())
        view = self._article_view()
        if view is not None:  # ``d`` in the reader changes the bidi mode: names are drawn again in the new mode
            self.watch(view, "bidi", lambda _mode: self._redraw(), init=False)
        self._load_figures()
        index = self.source.request(self.session)
        if index is not None:
            self._index_changed(index)

    def focus_list(self) -> None:
        self.query_one(KeyedOptionList).focus()

    def action_back(self) -> None:
        """q/Esc in the pane gives the keys back to the article (the pane stays open; ``e`` hides it)."""
        view = self._article_view()
        if view is not None:
            view.focus()

    @work(thread=True, exclusive=True, group="entity-pane-figures", exit_on_error=False)
    def _load_figures(self) -> None:
        doc_id = self.doc_id
        figures = doc_figures(self.session.corpus, doc_id)
        self.app.call_from_thread(self._figures_loaded, doc_id, figures)

    def _figures_loaded(self, doc_id: str, figures: list[Figure]) -> None:
        if doc_id == self.doc_id:
            self._figures = figures
            self._redraw()

    def _index_changed(self, index: EntityIndex) -> None:
        if self.selected is not None and index.entities.filter(pl.col("id") == self.selected).height == 0:
            self._unselect()
        elif self.selected is not None:
            self._apply_highlights(index, self.selected, jump=False)
        self._redraw()

    @property
    def index(self) -> EntityIndex | None:
        return self.source.index_for(self.session)

    # drawing ------------------------------------------------------------------------------------------
    def _article_entities(self, index: EntityIndex) -> pl.DataFrame:
        """This article's entities: id, type, name, count here, the surfaces used here (most used first)."""
        here = index.mentions.filter(pl.col("doc_id") == self.doc_id)
        surfaces = (
            here.group_by("entity_id", "surface").len("uses").sort(["uses", "surface"], descending=[True, False])
            .group_by("entity_id", maintain_order=True).agg(pl.col("surface").alias("surfaces"))
        )
        counts = here.group_by("entity_id").len("here")
        return (
            counts.join(surfaces, on="entity_id")
            .join(index.entities.rename({"id": "entity_id"}), on="entity_id")
            .sort(["here", "name", "entity_id"], descending=[True, False, False])
        )

    def _redraw(self) -> None:
        listing = self.query_one(KeyedOptionList)
        linked = any(r.kind == "entity" for r in self._rows)  # figures can arrive before the entities do
        keep = self._rows[listing.highlighted] if listing.highlighted is not None and linked else None
        options: list[Option] = []
        self._rows = []

        def header(title: str) -> None:
            options.append(Option(Text(title, style="bold underline"), disabled=True))
            self._rows.append(_Row("header"))

        index = self.index
        if index is not None:
            found = self._article_entities(index)
            for kind in TYPES:
                group = found.filter(pl.col("type") == kind)
                if group.height:
                    header(f"{TYPE_TITLES[kind]} · {group.height}")
                for row in group.iter_rows(named=True):
                    options.append(Option(self._entity_prompt(index, row), id=f"entity:{row['entity_id']}"))
                    self._rows.append(_Row("entity", entity_id=row["entity_id"]))
            title = f"Entities · {found.height}"
        else:
            title = "Entities"
        if self._figures:
            header(f"Figures · {len(self._figures)}")
            for i, figure in enumerate(self._figures):
                options.append(Option(self._figure_prompt(figure), id=f"figure:{i}"))
                self._rows.append(_Row("figure", figure=figure))
        listing.clear_options()
        listing.add_options(options)
        self.query_one("#entity-pane-title", Static).update(Text(title))
        self._restore_cursor(listing, keep)
        self._update_status()

    def _restore_cursor(self, listing: KeyedOptionList, keep: _Row | None) -> None:
        wanted = [i for i, r in enumerate(self._rows) if keep is not None and r == keep]
        selectable = [i for i, r in enumerate(self._rows) if r.kind != "header"]
        if wanted:
            listing.highlighted = wanted[0]
        elif selectable:
            listing.highlighted = selectable[0]

    def _width(self) -> int:
        """Cells an option line may use (before the first layout: a typical pane width)."""
        return self.query_one(KeyedOptionList).scrollable_content_region.width or 34

    def on_resize(self) -> None:
        self._redraw()

    def _line(self, text: str, indent: int) -> str:
        """One option line: cut to the pane in logical order, then put in display order (never wrapped: wrapping
        a line already in screen order would put an Arabic name's first words on the second line)."""
        return fit(text, max(4, self._width() - indent), self.bidi)

    def _entity_prompt(self, index: EntityIndex, row: dict) -> Text:
        """``● 28 Sam Altman ?`` / this article's other surfaces / ``147 in 5 articles · a: 1 suggested``."""
        mark = MARK_SELECTED if row["entity_id"] == self.selected else " "
        style = "bold" if mark != " " else ""
        pending = suggestions_for(index, row["entity_id"]).height
        flag = " ?" if pending else ""
        prompt = Text.assemble((f"{mark}{row['here']:>4} ", style), (self._line(row["name"], 6 + len(flag)), style))
        prompt.append(flag, style="bold")
        other = [s for s in row["surfaces"] if s != row["name"]][:4]
        if other:
            prompt.append("\n      " + self._line(" · ".join(other), 6), style="dim")
        elsewhere = [f"{row['n_mentions']} in {row['n_docs']} articles"] if row["n_docs"] > 1 else []
        if pending:
            elsewhere.append(f"a: {pending} suggested")
        if elsewhere:
            prompt.append("\n      " + self._line(" · ".join(elsewhere), 6), style="dim")
        return prompt

    def _figure_prompt(self, figure: Figure) -> Text:
        prompt = Text.assemble((f"  {figure.kind:<8}", "bold"), self._line(figure.surface, 10))
        prompt.append("\n          = " + self._line(figure_value(figure), 12), style="dim")
        return prompt

    def _update_status(self) -> None:
        """One line under the list: what Enter does, or which entity is highlighted and how to walk it."""
        status = self.query_one("#entity-pane-status", Static)
        index = self.index
        if index is None:
            status.update(Text(self.source.status))
        elif self.selected is None:
            status.update(Text("Enter highlights an entity's mentions · m r t x a edit"))
        else:
            hits = self.app.highlights  # type: ignore[attr-defined]
            here = len(hits.in_doc(self.doc_id))
            status.update(Text(f"{MARK_SELECTED} {hits.label}: {here} here, {len(hits.hits)} in all · n/N jump"))

    # selection ----------------------------------------------------------------------------------------
    def _row_under_cursor(self) -> _Row | None:
        highlighted = self.query_one(KeyedOptionList).highlighted
        return self._rows[highlighted] if highlighted is not None and highlighted < len(self._rows) else None

    def edit_target(self) -> str | None:
        row = self._row_under_cursor()
        return row.entity_id if row is not None and row.kind == "entity" else self.selected

    @on(KeyedOptionList.OptionSelected, "#entity-pane-list")
    def _chosen(self, event: KeyedOptionList.OptionSelected) -> None:
        event.stop()
        row = self._rows[event.option_index]
        index = self.index
        if row.kind == "entity" and index is not None and row.entity_id is not None:
            self.select_entity(row.entity_id)
        elif row.kind == "figure" and row.figure is not None:
            self._show_span(row.figure.start, row.figure.end)

    def select_entity(self, entity_id: str) -> None:
        """Highlight ``entity_id``'s mentions here and make them what ``n``/``N`` walk."""
        index = self.index
        if index is None:
            return
        self.selected = entity_id
        self._apply_highlights(index, entity_id, jump=True)
        self._redraw()

    def _apply_highlights(self, index: EntityIndex, entity_id: str, *, jump: bool) -> None:
        """Underline the entity's mentions here (layer ``entity``, kept when a later search replaces the
        highlight set) and make all its mentions the set ``n``/``N`` walk; ``jump`` shows the first one here."""
        highlights = entity_highlights(index, entity_id, self.session.corpus.doc_ids, self.doc_id)
        self.app.set_highlights(highlights)  # type: ignore[attr-defined]
        view = self._article_view()
        if view is not None:
            view.set_layer("entity", [(h.start, h.end, "entity") for h in highlights.in_doc(self.doc_id)])
        current = highlights.current()
        show_hit = getattr(self.screen, "show_hit", None)
        if jump and show_hit is not None and current is not None and current.doc_id == self.doc_id:
            show_hit(current)

    def _unselect(self) -> None:
        self.selected = None
        view = self._article_view()
        if view is not None:
            view.clear_layer("entity")
        self.app.set_highlights(HighlightSet())  # type: ignore[attr-defined]

    def _show_span(self, start: int, end: int) -> None:
        view = self._article_view()
        if view is not None:
            view.set_layer("figure", [(start, end, "entity-current")])
            view.scroll_to_offset(start)

    def _article_view(self):  # noqa: ANN202 - the reader's ArticleView (imported by name only)
        return next(iter(self.screen.query("ArticleView")), None)


def toggle_entity_pane(reader: Any) -> None:
    """``e`` in the reader: open the pane in its ``#side-pane`` slot, focus it, or (when focused) hide it."""
    slot = reader.query_one("#side-pane")
    pane = next(iter(slot.query(EntityPane)), None)
    if pane is not None and slot.has_class("visible"):
        if pane.has_focus_within:
            slot.remove_class("visible")
            reader.view.focus()
        else:
            pane.focus_list()
        return
    slot.add_class("visible")
    if pane is None:
        pane = EntityPane(reader.session, reader.doc_id, id="entity-pane")
        slot.mount(pane)
        reader.call_after_refresh(pane.focus_list)
    else:
        pane.focus_list()
