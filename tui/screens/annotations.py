"""The annotations screen: every annotation of the corpus in one virtualised list.

Filter (``f``: free text, or ``label:claim``, ``doc:000``, ``is:orphan``; ``L`` cycles the label filter, ``o``
orphans only), sort (``s``/``r``), Enter jumps to the annotation in the reader, ``m``/``M`` mark rows and ``D``
(or ``x``) deletes the marked rows (or the current one) after a confirmation; ``u``/``U`` undo and redo across the
session (the same history as selection mode in the reader). Orphans (annotations whose text is no longer in their article)
show ``!`` in the first column and say so in the detail line.

Another app instance's writes appear on their own: the screen polls the store's annotation revision (one indexed
``max()`` query) every second and on resume, and reloads the list off the UI thread only when it moved.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Static

from corpus.annotations import AnnotationRepository, reanchor_corpus
from corpus.annotations.listing import load_listing_frame, paths_by_doc
from corpus.labels import load_labels_or_defaults
from corpus.session import Session
from corpus.textlayout.inert import inert
from tui import keymap
from tui.screens.base import BaseScreen
from tui.widgets.annotation_dialogs import ConfirmDialog
from tui.widgets.annotation_history import AnnotationsWritten, history_for
from tui.widgets.filter_box import FilterBox
from tui.widgets.label_marks import label_tag
from tui.widgets.virtual_table import Column, VirtualTable

POLL_SECONDS = 1.0
SORTS: dict[str, list[str]] = {
    "article": ["doc_id", "start", "end", "id"],
    "label": ["label", "doc_id", "start", "id"],
    "modified": ["modified", "id"],
    "created": ["created", "id"],
    "quote": ["quote", "doc_id", "start"],
}


def _when(value: object) -> str:
    text = str(value or "")
    return f"{text[5:10]} {text[11:16]}" if len(text) >= 16 else text


@dataclass
class Filters:
    """What the list shows: a label, an article (doc_id substring), free text (quote or note), orphans only."""

    label: str | None = None
    article: str = ""
    text: str = ""
    orphans: bool = False

    @classmethod
    def parse(cls, query: str) -> Filters:
        """``label:claim doc:000 is:orphan words…`` (the ``f`` box); unnamed words are the text filter."""
        found = Filters()
        words = []
        for word in query.split():
            name, _, value = word.partition(":")
            if value and name in ("label", "l"):
                found.label = value
            elif value and name in ("doc", "article", "a"):
                found.article = value
            elif word in ("is:orphan", "is:orphans"):
                found.orphans = True
            else:
                words.append(word)
        found.text = " ".join(words)
        return found

    def combined(self, keyed: Filters) -> Filters:
        """These (typed) filters with the ones set by keys (``L``, ``o``); what is typed wins."""
        return Filters(label=self.label or keyed.label, article=self.article, text=self.text,
                       orphans=self.orphans or keyed.orphans)

    def apply(self, frame: pl.DataFrame) -> pl.DataFrame:
        if self.label:
            frame = frame.filter(pl.col("label") == self.label)
        if self.orphans:
            frame = frame.filter(pl.col("orphan"))
        if self.article:
            needle = self.article.lower()
            frame = frame.filter(
                pl.col("doc_id").str.to_lowercase().str.contains(needle, literal=True)
                | pl.col("path").str.to_lowercase().str.contains(needle, literal=True)
            )
        if self.text:
            needle = self.text.lower()
            frame = frame.filter(
                pl.col("quote").str.to_lowercase().str.contains(needle, literal=True)
                | pl.col("note").str.to_lowercase().str.contains(needle, literal=True)
            )
        return frame

    def describe(self) -> str:
        parts = [f"label={self.label}"] if self.label else []
        if self.article:
            parts.append(f"article~{self.article}")
        if self.text:
            parts.append(f"“{self.text}”")
        if self.orphans:
            parts.append("orphans only")
        return " ".join(parts)


class AnnotationsScreen(BaseScreen):
    SCOPES = (keymap.GLOBAL, "movement", "annotations")
    BINDINGS = keymap.bindings("annotations")
    DEFAULT_CSS = """
    AnnotationsScreen #annotations-status { height: 1; background: $boost; padding: 0 1; }
    AnnotationsScreen #annotations-detail { height: 3; padding: 0 1; border-top: solid $accent; }
    AnnotationsScreen #annotations-filter { dock: bottom; }
    """

    class Reloaded(Message):
        """A reload finished on the worker thread."""

        def __init__(self, frame: pl.DataFrame, rev: int, orphaned: int) -> None:
            super().__init__()
            self.frame = frame
            self.rev = rev
            self.orphaned = orphaned

    def __init__(self, session: Session) -> None:
        super().__init__(id="annotations")
        self._session = session
        self.history = history_for(session.store)
        self.labels, self.label_error = load_labels_or_defaults()
        self.all_rows = pl.DataFrame(schema={"id": pl.String})
        self.rev = -1
        self.typed = Filters()   # from the f box
        self.keyed = Filters()   # from L and o
        self.sort_key = "article"
        self.descending = False
        self.marked: set[str] = set()
        self._unlisten = None

    @property
    def session(self) -> Session:
        """The app's current session: a reload (``R``) replaces it and closes the old one's store."""
        return getattr(self.app, "session", None) or self._session

    @property
    def repo(self) -> AnnotationRepository:
        return AnnotationRepository(self.session.store)

    def compose(self) -> ComposeResult:
        yield Static("Loading annotations…", id="annotations-status")
        yield VirtualTable(self._columns(), id="annotations-table")
        yield Static("", id="annotations-detail")
        yield FilterBox(placeholder="filter: words in quote or note · label:NAME · doc:ARTICLE · is:orphan",
                        id="annotations-filter", on_change=self._filter_changed, focus_back="#annotations-table")
        yield Footer()

    def _columns(self) -> list[Column]:
        labels = self.labels
        return [
            Column("flag", "", width=2),
            Column("label", "Label", width=12, format=lambda name: label_tag(labels, str(name))),
            Column("path", "Article", width=18),
            Column("quote", "Quote"),
            Column("note", "Note"),
            Column("modified", "Modified", width=11, format=_when),
        ]

    def on_mount(self) -> None:
        if self.label_error is not None:
            self.notify(f"{self.label_error} — using the default labels", severity="error", timeout=10)
        self._unlisten = self.history.listen(lambda _changes, error: self.post_message(AnnotationsWritten(error)))
        self.set_interval(POLL_SECONDS, self._poll)
        self.query_one(VirtualTable).focus()
        self._reload(reanchor=True)

    def on_unmount(self) -> None:
        if self._unlisten is not None:
            self._unlisten()

    def on_screen_resume(self) -> None:
        self._poll()

    # loading ----------------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="annotations-load")
    def _reload(self, reanchor: bool = False) -> None:
        """Re-read every annotation off the UI thread (100,000 rows take a few hundred ms)."""
        orphaned = 0
        if reanchor:
            orphaned = len(reanchor_corpus(self.session.store, self.session.corpus).orphaned)
        rev = self.repo.revision()
        frame = load_listing_frame(self.session.store, paths_by_doc(self.session.corpus))
        self.post_message(self.Reloaded(frame, rev, orphaned))

    def _poll(self) -> None:
        """Cheap: one indexed query; a reload only when another writer (or ours) moved the revision."""
        if self.rev >= 0 and self.repo.revision() != self.rev:
            self._reload()

    @on(Reloaded)
    def _loaded(self, event: Reloaded) -> None:
        self.rev = event.rev
        self.all_rows = event.frame
        self.marked &= set(event.frame["id"].to_list())
        if event.orphaned:
            self.notify(f"{event.orphaned} annotation(s) lost their text after the article changed; kept as "
                        "orphans (marked !)", severity="warning", timeout=8)
        self._show(keep_cursor=True)

    @on(AnnotationsWritten)
    def _written(self, event: AnnotationsWritten) -> None:
        """The writer committed (or failed) a change: reload to show the store's truth."""
        if event.error is not None:
            self.notify(f"Could not save an annotation change: {event.error}", severity="error", timeout=15)
        self._reload()

    # showing ----------------------------------------------------------------------------------------------
    @property
    def filters(self) -> Filters:
        return self.typed.combined(self.keyed)

    def _shown(self) -> pl.DataFrame:
        if self.all_rows.height == 0 or "doc_id" not in self.all_rows.columns:
            return self.all_rows
        frame = self.filters.apply(self.all_rows)
        marked = list(self.marked)
        frame = frame.with_columns(
            pl.concat_str(
                pl.when(pl.col("id").is_in(marked)).then(pl.lit("*")).otherwise(pl.lit(" ")),
                pl.when(pl.col("orphan")).then(pl.lit("!")).otherwise(pl.lit(" ")),
            ).alias("flag")
        )
        return frame.sort(SORTS[self.sort_key], descending=self.descending, nulls_last=True)

    def _show(self, keep_cursor: bool = False) -> None:
        table = self.query_one(VirtualTable)
        current = table.current_row() if keep_cursor else None
        rows = self._shown()
        table.set_frame(rows, keep_cursor=keep_cursor)
        if current is not None and rows.height:
            found = rows.with_row_index("_row").filter(pl.col("id") == current["id"])["_row"]
            if found.len():
                table.move_to(int(found[0]))
        total = self.all_rows.height
        orphans = int(self.all_rows["orphan"].sum()) if total and "orphan" in self.all_rows.columns else 0
        parts = [f"{rows.height} of {total} annotations" if rows.height != total else f"{total} annotations"]
        if orphans:
            parts.append(f"{orphans} orphan(s) !")
        if self.marked:
            parts.append(f"{len(self.marked)} marked *")
        parts.append(f"sorted by {self.sort_key}{' ↓' if self.descending else ''}")
        described = self.filters.describe()
        if described:
            parts.append(described)
        self.query_one("#annotations-status", Static).update(inert(" · ".join(parts)))
        self._show_detail()

    @on(VirtualTable.CursorMoved)
    def _show_detail(self) -> None:
        row = self.query_one(VirtualTable).current_row()
        detail = self.query_one("#annotations-detail", Static)
        if row is None:
            detail.update("No annotations yet: open an article, press v, move, and press 1–9 to label."
                          if self.all_rows.height == 0 else "Nothing matches the filter.")
            return
        state = ("ORPHAN: this text is no longer in the article (kept with its old quote and offsets)"
                 if row["orphan"] else f"{row['path']}  {row['start']}–{row['end']}")
        quote = " ".join(str(row["quote"]).split())
        note = " ".join(str(row["note"]).split())
        lines = [f"{label_tag(self.labels, row['label'])} · {state}", f"“{quote}”", f"note: {note}" if note else ""]
        detail.update(inert("\n".join(lines)))

    # actions ----------------------------------------------------------------------------------------------
    @on(VirtualTable.Selected)
    def _jump(self) -> None:
        row = self.query_one(VirtualTable).current_row()
        if row is None:
            return
        if row["doc_id"] not in set(self.session.corpus.doc_ids):
            self.notify(f"{row['doc_id']} is not in this corpus (any more)", severity="warning")
            return
        if row["orphan"]:
            self.notify("Orphan: its text is no longer in the article; showing where it used to be", timeout=5)
        self.app.open_reader(row["doc_id"], int(row["start"]))  # type: ignore[attr-defined]

    def action_cycle_sort(self) -> None:
        keys = list(SORTS)
        self.sort_key = keys[(keys.index(self.sort_key) + 1) % len(keys)]
        self._show()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self._show()

    def action_cycle_label(self) -> None:
        present = sorted(set(self.all_rows["label"].to_list())) if "label" in self.all_rows.columns else []
        names = [None, *self.labels.names, *(n for n in present if n not in self.labels.names)]
        current = names.index(self.keyed.label) if self.keyed.label in names else 0
        self.keyed.label = names[(current + 1) % len(names)]
        self._show()

    def action_toggle_orphans(self) -> None:
        self.keyed.orphans = not self.keyed.orphans
        self._show()

    def action_find(self) -> None:
        self.query_one(FilterBox).open()

    def _filter_changed(self, value: str) -> None:
        self.typed = Filters.parse(value)
        self._show()

    def action_toggle_mark(self) -> None:
        table = self.query_one(VirtualTable)
        row = table.current_row()
        if row is None:
            return
        self.marked.symmetric_difference_update({row["id"]})
        self._show(keep_cursor=True)
        table.move_to(table.cursor + 1)

    def action_mark_all(self) -> None:
        shown = set(self._shown()["id"].to_list()) if self.all_rows.height else set()
        self.marked = set() if shown and shown <= self.marked else self.marked | shown
        self._show(keep_cursor=True)

    def action_delete(self) -> None:
        row = self.query_one(VirtualTable).current_row()
        ids = sorted(self.marked) if self.marked else ([row["id"]] if row else [])
        if not ids:
            return
        chosen = self.all_rows.filter(pl.col("id").is_in(ids))
        preview = [f"{label_tag(self.labels, r['label'])}  {r['path']}  “{' '.join(r['quote'].split())[:60]}”"
                   for r in chosen.head(5).iter_rows(named=True)]
        if chosen.height > 5:
            preview.append(f"… and {chosen.height - 5} more")
        preview.append("u undoes it.")
        self.app.push_screen(ConfirmDialog(f"Delete {len(ids)} annotation(s)?", preview),
                             lambda yes: self._delete(ids) if yes else None)

    def _delete(self, ids: list[str]) -> None:
        self.history.submit(lambda repo: repo.delete_many(ids))
        self.all_rows = self.all_rows.filter(~pl.col("id").is_in(ids))  # shown at once; the writer confirms
        self.marked -= set(ids)
        self._show(keep_cursor=True)
        self.notify(f"Deleted {len(ids)} annotation(s) (u undoes)", timeout=4)

    def action_undo(self) -> None:
        self._step(self.history.undo(), "undo")

    def action_redo(self) -> None:
        self._step(self.history.redo(), "redo")

    def _step(self, future: object | None, what: str) -> None:
        """The list reloads when the writer has committed the step (see ``_written``)."""
        self.notify(f"Nothing to {what}" if future is None else what.capitalize(), timeout=2)

    def action_copy(self) -> None:
        row = self.query_one(VirtualTable).current_row()
        if row is not None:
            self.app.copy_to_clipboard(row["quote"] + (f"\n\n{row['note']}" if row["note"] else ""))
            self.notify("Copied the quote (and note)", timeout=2)

    def action_back(self) -> None:
        box = self.query_one(FilterBox)
        if box.has_focus or self.filters.describe():
            box.close()
            self.typed, self.keyed = Filters(), Filters()
            self._show()
            return
        self.app.pop_screen()

