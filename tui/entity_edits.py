"""The entity edits a user makes from the pane or the entity screen: merge, split, rename, set type, accept.

Each edit asks its question in a dialog, then hands the change to :class:`tui.entity_source.EntitySource`, which
applies it through the engine (which persists it in the store) off the UI thread and tells every view to redraw.
Both views call the same code, so an edit works and reads the same wherever it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl
from rich.text import Text

from tui.entity_lists import entity_label, entity_row, list_frame, suggestions_for
from tui.widgets.entity_dialogs import Choice, ChoicePicker, MentionPicker, TextPrompt
from tui.widgets.entity_format import TYPE_TITLES, TYPES, display_name

if TYPE_CHECKING:
    from textual.app import App

    from corpus.entities import EntityIndex
    from corpus.session import Session
    from tui.entity_source import EntitySource

_CONTEXT = 24  # characters of text either side of a mention in the split dialog


class EntityEdits:
    """Runs one edit's dialog and hands the answer to the engine; ``bidi`` is the current display mode."""

    def __init__(self, app: App[Any], session: Session, source: EntitySource) -> None:
        self.app, self.session, self.source = app, session, source

    @property
    def bidi(self) -> str:
        return getattr(getattr(self.app, "settings", None), "bidi", "terminal")

    def _index(self, entity_id: str | None) -> tuple[EntityIndex, dict] | None:
        index = self.source.index_for(self.session)
        row = entity_row(index, entity_id) if index is not None and entity_id else None
        if index is None or row is None:
            self.app.notify("Choose an entity first", timeout=3)
            return None
        return index, row

    def rename(self, entity_id: str | None) -> None:
        found = self._index(entity_id)
        if found is None:
            return
        _, row = found

        def done(name: str | None) -> None:
            if name and name != row["name"]:
                self.source.edit(f"Renamed to {name}", lambda editor: editor.rename(row["id"], name))

        self.app.push_screen(TextPrompt(f"Rename {row['type']} “{row['name']}” to:", row["name"]), done)

    def set_type(self, entity_id: str | None) -> None:
        found = self._index(entity_id)
        if found is None:
            return
        _, row = found
        choices = [Choice(t, Text(f"{t:<8} {TYPE_TITLES[t]}" + ("  (now)" if t == row["type"] else ""))) for t in TYPES]

        def done(kind: object) -> None:
            if isinstance(kind, str) and kind != row["type"]:
                self.source.edit(f"{row['name']} is now {kind}", lambda editor: editor.set_type(row["id"], kind))

        current = TYPES.index(row["type"]) if row["type"] in TYPES else 0
        self.app.push_screen(ChoicePicker(f"Type of “{row['name']}”", choices, current=current), done)

    def merge(self, entity_id: str | None) -> None:
        found = self._index(entity_id)
        if found is None:
            return
        index, row = found
        bidi = self.bidi

        def prepare() -> None:
            """Label and search keys for every other entity: a worker, since a corpus may have 100 000."""
            others = list_frame(index).filter(pl.col("id") != row["id"]).sort(
                ["n_mentions", "name", "id"], descending=[True, False, False])
            choices = [
                Choice(other["id"], lambda other=other: entity_label(other, bidi), f"{other['type'].casefold()} {other['search']}")
                for other in others.iter_rows(named=True)
            ]
            title = f"Merge into “{row['name']}” ({row['type']}): which entity?"
            self.app.call_from_thread(self.app.push_screen, ChoicePicker(title, choices, filterable=True), done)

        def done(other: object) -> None:
            if isinstance(other, str):
                self.source.edit(f"Merged into {row['name']}", lambda editor: editor.merge(row["id"], other))

        self.app.run_worker(prepare, thread=True, group="entity-picker", exclusive=True, exit_on_error=False)

    def split(self, entity_id: str | None) -> None:
        found = self._index(entity_id)
        if found is None:
            return
        index, row = found
        order = {doc_id: i for i, doc_id in enumerate(self.session.corpus.doc_ids)}
        mentions = sorted(
            index.mentions.filter(pl.col("entity_id") == row["id"]).iter_rows(named=True),
            key=lambda m: (order.get(m["doc_id"], len(order)), m["start"]),
        )
        if len(mentions) < 2:
            self.app.notify(f"“{row['name']}” has one mention: nothing to split", timeout=3)
            return
        choices = [Choice((m["doc_id"], m["start"], m["end"]), self._mention_label(m)) for m in mentions]

        def done(keys: list | None) -> None:
            if keys:
                self.source.edit(
                    f"Split {len(keys)} mention{'s' if len(keys) > 1 else ''} off {row['name']}",
                    lambda editor: editor.split(row["id"], keys),
                )

        self.app.push_screen(MentionPicker(f"Split mentions off “{row['name']}”", choices), done)

    def _mention_label(self, mention: dict) -> Text:
        text = self.session.corpus.text(mention["doc_id"])
        start, end = mention["start"], mention["end"]
        label = Text.assemble((f"{mention['doc_id'][:12]:<12} ", "dim"))
        label.append(display_name(text[max(0, start - _CONTEXT) : start], self.bidi))
        label.append(display_name(text[start:end], self.bidi), style="bold reverse")
        label.append(display_name(text[end : end + _CONTEXT], self.bidi))
        return label

    def accept(self, entity_id: str | None) -> None:
        found = self._index(entity_id)
        if found is None:
            return
        index, row = found
        pending = suggestions_for(index, row["id"])
        choices = []
        partners = list_frame(index).filter(pl.col("id").is_in(pending["other"].to_list()))
        by_id = {other["id"]: other for other in partners.iter_rows(named=True)}
        for suggestion in pending.iter_rows(named=True):
            other = by_id.get(suggestion["other"])
            if other is not None:
                extra = f"{suggestion['score']:.2f} {suggestion.get('evidence') or ''}".strip()
                choices.append(Choice(other["id"], entity_label(other, self.bidi, extra)))
        if not choices:
            self.app.notify(f"No suggested merges for “{row['name']}”", timeout=3)
            return

        def done(other: object) -> None:
            if isinstance(other, str):
                self.source.edit(f"Accepted: {row['name']} is the same entity", lambda editor: editor.accept(row["id"], other))

        self.app.push_screen(ChoicePicker(f"Suggested merges for “{row['name']}”", choices), done)


class EntityEditActions:
    """The edit keys (``entity_edit`` scope) for a view with a ``session`` and an entity under its cursor."""

    session: Session

    def edit_target(self) -> str | None:
        """The entity the edit keys act on."""
        raise NotImplementedError

    @property
    def edits(self) -> EntityEdits:
        app = self.app  # type: ignore[attr-defined]
        return EntityEdits(app, self.session, app.entities)

    def action_rename_entity(self) -> None:
        self.edits.rename(self.edit_target())

    def action_set_entity_type(self) -> None:
        self.edits.set_type(self.edit_target())

    def action_merge_entity(self) -> None:
        self.edits.merge(self.edit_target())

    def action_split_entity(self) -> None:
        self.edits.split(self.edit_target())

    def action_accept_suggestion(self) -> None:
        self.edits.accept(self.edit_target())
