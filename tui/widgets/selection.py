"""Selection mode and the annotations layer of an article view (issue 6), attached to a reader with two hooks.

``SelectionController.attach(screen)`` (in the screen's ``on_mount``) mounts a one-line :class:`SelectionBar`,
loads the article's annotations off the UI thread and draws them as the ``annotations`` layer of the screen's
``ArticleView`` (colour per label from labels.toml, underlined so they show with ``NO_COLOR`` too; the status bar
names the label). ``controller.start()`` (the screen's ``v``) enters selection mode:

* a cursor appears on the first token at the top of the view; ``h``/``l`` (arrows) move it by ICU token, ``j``/``k``
  by display line, ``(``/``)`` by sentence, ``{``/``}`` by paragraph, ``g``/``G`` to the ends; moving extends the
  selection from where it started (``v`` again restarts it at the cursor);
* ``1``–``9`` label the selection (a new annotation, or a relabel when one has exactly that span), Enter adds or
  edits the note of the annotation under the cursor, ``D`` deletes it, ``u``/``U`` undo and redo across the session
  (shared with the annotations screen), Esc or ``q`` leaves. Focusing the article (a click, closing find) leaves too.

Why it feels instant: a label key builds the annotation in memory and redraws the layer at once (well under a
frame, see benchmarks/annotations.py); the SQLite write goes to the serial writer thread of
:mod:`tui.widgets.annotation_history`. Annotations other instances add appear within a second: the bar polls the
store's revision (one indexed query) and reloads this article's annotations (indexed by doc_id) only when it moved.
The screen needs ``session``, ``doc_id``, ``document`` (with ``content_hash``) and an ``ArticleView``. The compare
screen attaches one controller per article instead, passing ``doc_id``, a ``document`` getter and the
:class:`~tui.widgets.compare_view.CompareSide` of its column as the view (any :class:`SelectableView`).
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from concurrent.futures import Future
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from corpus.annotations import Annotation, AnnotationRepository, Change, new_annotation, reanchor_corpus
from corpus.labels import LabelSet, load_labels_or_defaults
from corpus.store import timestamps
from corpus.textlayout.inert import inert
from tui import keymap
from tui.widgets.annotation_dialogs import NoteDialog
from tui.widgets.annotation_history import AnnotationHistory, AnnotationsWritten, history_for
from tui.widgets.article_view import ArticleView
from tui.widgets.label_marks import label_tag, span_style

POLL_SECONDS = 1.0
#: An article with at most this many annotations has them read on the UI thread when its view opens (an indexed
#: query: about 1 ms with 100,000 annotations in the store), so they are on the first frame; with more, the read
#: (0.2 s for 20,000) goes to the worker and the spans follow the text.
INLINE_LOAD_LIMIT = 500
LAYER = "annotations"
_QUOTE_SHOWN = 40


class SelectableView(Protocol):
    """What the controller needs of a view showing one article (``ArticleView`` has it all; ``CompareSide``
    adapts one column of the compare view). ``widget`` (optional) is the widget that takes the focus."""

    text: str

    @property
    def size(self) -> Size: ...
    def focus(self) -> Any: ...
    def set_layer(self, name: str, spans: Sequence[tuple[int, int, str]]) -> None: ...
    def clear_layer(self, name: str) -> None: ...
    def layer_spans(self, name: str) -> tuple[tuple[int, int, str], ...]: ...
    def offset_at_top(self) -> int: ...
    def visible_range(self) -> tuple[int, int]: ...
    def scroll_to_offset(self, offset: int, center: bool = True) -> None: ...


@dataclass(frozen=True)
class Boundaries:
    """Token, sentence and paragraph spans of one article, sorted, for cursor arithmetic by bisection."""

    token_starts: list[int]
    token_ends: list[int]
    sentence_starts: list[int]
    paragraph_starts: list[int]

    @classmethod
    def of(cls, session: Any, doc_id: str, text: str) -> Boundaries:
        """From the corpus frames (the same ICU tokens search uses); a text with no token gets one per character."""
        corpus = session.corpus
        tokens = corpus.tokens_of(doc_id).sort("start")
        starts, ends = tokens["start"].to_list(), tokens["end"].to_list()
        if not starts:
            visible = [i for i, ch in enumerate(text) if not ch.isspace()]
            starts, ends = visible, [i + 1 for i in visible]
        sentences = corpus.sentences_of(doc_id)["start"].to_list()
        paragraphs = corpus.paragraphs_of(doc_id)["start"].to_list()
        return cls(starts, ends, sorted(sentences), sorted(paragraphs))

    @property
    def count(self) -> int:
        return len(self.token_starts)

    def token_at(self, offset: int) -> int:
        """The token holding ``offset``, else the next one (the last one past the end)."""
        if not self.token_starts:
            return 0
        index = bisect_right(self.token_starts, offset) - 1
        if index >= 0 and self.token_ends[index] > offset:
            return index
        return min(index + 1, self.count - 1)

    def span(self, index: int) -> tuple[int, int]:
        return self.token_starts[index], self.token_ends[index]

    def next_start(self, starts: list[int], offset: int) -> int | None:
        position = bisect_right(starts, offset)
        return starts[position] if position < len(starts) else None

    def previous_start(self, starts: list[int], offset: int) -> int | None:
        """The unit start before ``offset`` (the current unit's own start when ``offset`` is inside it)."""
        position = bisect_left(starts, offset) - 1
        return starts[position] if position >= 0 else None


class SelectionBar(Static, can_focus=True):
    """The selection-mode status line; focused while selecting, so its keys win over the article's scrolling."""

    DEFAULT_CSS = """
    SelectionBar { height: 1; display: none; background: $primary 30%; padding: 0 1; }
    SelectionBar.active { display: block; }
    SelectionBar:focus { background: $primary 45%; text-style: bold; }
    """
    BINDINGS = keymap.bindings("selection")

    class Loaded(Message):
        def __init__(self, seq: int, annotations: list[Annotation], rev: int, boundaries: Boundaries | None) -> None:
            super().__init__()
            self.seq = seq
            self.annotations = annotations
            self.rev = rev
            self.boundaries = boundaries

    def __init__(self, controller: SelectionController, id: str = "selection-bar") -> None:
        super().__init__("", id=id)
        self.controller = controller

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.controller.poll)

    def on_unmount(self) -> None:
        self.controller.detach()

    def on_selection_bar_loaded(self, event: Loaded) -> None:
        self.controller.loaded(event.seq, event.annotations, event.rev, event.boundaries)

    def on_annotations_written(self, event: AnnotationsWritten) -> None:
        self.controller.written(event.error)

    # Every key of the "selection" scope lands here and is handed to the controller.
    def action_token_next(self) -> None:
        self.controller.move_token(+1)

    def action_token_previous(self) -> None:
        self.controller.move_token(-1)

    def action_line_down(self) -> None:
        self.controller.move_lines(+1)

    def action_line_up(self) -> None:
        self.controller.move_lines(-1)

    def action_page_down(self) -> None:
        self.controller.move_lines(+self.controller.page_rows())

    def action_page_up(self) -> None:
        self.controller.move_lines(-self.controller.page_rows())

    def action_sentence_next(self) -> None:
        self.controller.move_unit("sentence", +1)

    def action_sentence_previous(self) -> None:
        self.controller.move_unit("sentence", -1)

    def action_paragraph_next(self) -> None:
        self.controller.move_unit("paragraph", +1)

    def action_paragraph_previous(self) -> None:
        self.controller.move_unit("paragraph", -1)

    def action_first_token(self) -> None:
        self.controller.move_to_token(0)

    def action_last_token(self) -> None:
        self.controller.move_to_token(-1)

    def action_apply_label(self, key: int) -> None:
        self.controller.apply_label(int(key))

    def action_edit_note(self) -> None:
        self.controller.edit_note()

    def action_delete_annotation(self) -> None:
        self.controller.delete_here()

    def action_undo(self) -> None:
        self.controller.undo()

    def action_redo(self) -> None:
        self.controller.redo()

    def action_leave(self) -> None:
        self.controller.leave()


class SelectionController:
    """Selection state and annotation commands for one screen showing one article."""

    def __init__(self, screen: Screen, view: SelectableView, doc_id: str | None = None,
                 document: Callable[[], Any] | None = None, bar_id: str = "selection-bar") -> None:
        self.screen = screen
        self.view = view
        self.focus_widget: Widget = getattr(view, "widget", view)  # the widget whose focus means "reading"
        self._session = screen.session  # type: ignore[attr-defined]
        self.doc_id: str = doc_id or screen.doc_id  # type: ignore[attr-defined]
        self._document = document or (lambda: screen.document)  # type: ignore[attr-defined]
        self.history: AnnotationHistory = history_for(self._session.store)
        self.labels: LabelSet
        self.labels, label_error = load_labels_or_defaults()
        self.bar = SelectionBar(self, id=bar_id)
        self.annotations: dict[str, Annotation] = {}  # this article's, as last loaded, plus our pending writes
        self._pending: list[tuple[Future[list[Change]], list[Change]]] = []
        self.rev = -1
        self.content_hash = self._document_hash()
        self.boundaries: Boundaries | None = None
        self.active = False
        self.anchor = 0   # token index where the selection started
        self.cursor = 0   # token index of the cursor
        self._start_when_loaded = False
        self._loads = 0    # sequence number of the newest load started
        self._shown_load = 0
        self._boundary_load = 0  # the newest load that reads token boundaries (for the text as it is now)
        self._unlisten = self.history.listen(lambda _changes, error: self.bar.post_message(AnnotationsWritten(error)))
        base = tuple(getattr(screen, "SCOPES", (keymap.GLOBAL,)))
        # The help screen lists the selection keys on this screen (they act only in selection mode, where they
        # deliberately take over the movement keys).
        screen.SCOPES = base if "selection" in base else (*base, "selection")  # type: ignore[attr-defined]
        if label_error is not None:
            screen.notify(f"{label_error} — using the default labels", severity="error", timeout=10)

    # ------------------------------------------------------------------------------------------- lifecycle
    @classmethod
    def attach(cls, screen: Screen, view: SelectableView | None = None, *, doc_id: str | None = None,
               document: Callable[[], Any] | None = None, bar_id: str = "selection-bar") -> SelectionController:
        """Mount the bar into ``screen`` (above its footer) and start loading the article's annotations."""
        view = view or screen.query_one(ArticleView)
        controller = cls(screen, view, doc_id, document, bar_id)
        footers = screen.query("Footer")
        screen.mount(controller.bar, before=footers.first() if footers else None)
        controller.screen.watch(screen, "focused", controller._focus_changed, init=False)
        if screen.app not in _coloured_apps:  # once per app: later views get the rules when they mount
            _coloured_apps.add(screen.app)
            screen.call_after_refresh(_install_label_colours, screen, controller.focus_widget, controller.labels)
        controller._load(reanchor=True, with_boundaries=True)
        return controller

    def detach(self) -> None:
        self._unlisten()

    @property
    def session(self) -> Any:
        """The app's current session: a reload (``R``) replaces it and closes the old one's store."""
        return getattr(self.screen.app, "session", None) or self._session

    @property
    def repo(self) -> AnnotationRepository:
        return AnnotationRepository(self.session.store)

    def _document_hash(self) -> str:
        return str(self._document()["content_hash"])

    # ---------------------------------------------------------------------------------------------- loading
    def _load(self, reanchor: bool = False, with_boundaries: bool = False) -> None:
        """Read this article's annotations (and its token boundaries) on a worker thread."""
        session, doc_id, repo, text = self.session, self.doc_id, self.repo, self.view.text
        self._loads += 1
        seq = self._loads
        if with_boundaries:
            self._boundary_load = seq

        def read() -> tuple[list[Annotation], int]:
            if reanchor:
                reanchor_corpus(session.store, session.corpus, [doc_id])
            rev = repo.revision()  # before the list: a write in between shows on the next poll
            return repo.list(doc_id=doc_id), rev

        inline = repo.count(doc_id=doc_id) <= INLINE_LOAD_LIMIT
        if inline:
            found, rev = read()
            self.loaded(seq, found, rev, None)

        def work() -> None:
            annotations, revision = (found, rev) if inline else read()
            if not inline:
                self.bar.post_message(SelectionBar.Loaded(seq, annotations, revision, None))  # before the tokens
            if with_boundaries:
                boundaries = Boundaries.of(session, doc_id, text)
                self.bar.post_message(SelectionBar.Loaded(seq, annotations, revision, boundaries))

        if with_boundaries or not inline:
            self.bar.run_worker(work, thread=True, group="selection-load")

    def loaded(self, seq: int, annotations: list[Annotation], rev: int, boundaries: Boundaries | None) -> None:
        if boundaries is not None and seq >= self._boundary_load:
            self.boundaries = boundaries
        if seq < self._shown_load:
            return  # a slower, older load finished after a newer one
        self._shown_load = seq
        self.rev = rev
        self.annotations = {a.id: a for a in annotations}
        self._pending = [(future, changes) for future, changes in self._pending if not future.done()]
        self._replay_pending()
        self._draw_annotations()
        if self._start_when_loaded and self.boundaries is not None:
            self._start_when_loaded = False
            self.start()
        elif self.active:
            self._show_status()

    def poll(self) -> None:
        """Every second: another instance's writes (revision moved) or a changed article (hash moved)."""
        current_hash = self._document_hash()
        if current_hash != self.content_hash:
            self.content_hash = current_hash
            self.leave()  # the cursor's token indices belong to the old text
            self.boundaries = None
            self._load(reanchor=True, with_boundaries=True)
        elif self.rev >= 0 and self.repo.revision() != self.rev:
            self._load()

    def written(self, error: BaseException | None) -> None:
        self._pending = [(future, changes) for future, changes in self._pending if not future.done()]
        if error is not None:
            self.screen.notify(f"Could not save the annotation change: {error}", severity="error", timeout=15)
        self._load()

    # ---------------------------------------------------------------------------------------------- drawing
    def _replay_pending(self) -> None:
        """Writes still queued are shown as done (a reload must not make a fresh annotation flicker away)."""
        for _future, changes in self._pending:
            for change in changes:
                self._apply_locally(change)

    def _apply_locally(self, change: Change) -> None:
        if change.after is None:
            if change.before is not None:
                self.annotations.pop(change.before.id, None)
        elif change.after.doc_id == self.doc_id:
            self.annotations[change.after.id] = change.after

    def _draw_annotations(self) -> None:
        spans = sorted((a.start, a.end, span_style(self.labels, a.label)) for a in self.annotations.values()
                       if not a.orphan)
        if tuple(spans) == self.view.layer_spans(LAYER):
            return  # a reload that changed nothing must not re-render the article
        if spans:
            self.view.set_layer(LAYER, spans)
        else:
            self.view.clear_layer(LAYER)

    def _draw_selection(self) -> None:
        if not self.active or self.boundaries is None or not self.boundaries.count:
            self.view.clear_layer("selection")
            self.view.clear_layer("cursor")
            return
        start, end = self.selection()
        self.view.set_layer("selection", [(start, end, "selection")])
        self.view.set_layer("cursor", [(*self.boundaries.span(self.cursor), "cursor")])

    def selection(self) -> tuple[int, int]:
        assert self.boundaries is not None
        low, high = sorted((self.anchor, self.cursor))
        return self.boundaries.token_starts[low], self.boundaries.token_ends[high]

    def under_cursor(self) -> Annotation | None:
        """The innermost annotation covering the cursor token (the one Enter and D act on)."""
        if self.boundaries is None or not self.boundaries.count:
            return None
        start, end = self.boundaries.span(self.cursor)
        covering = [a for a in self.annotations.values() if not a.orphan and a.start < end and a.end > start]
        return min(covering, key=lambda a: (a.end - a.start, a.start), default=None)

    def _show_status(self) -> None:
        if not self.active or self.boundaries is None:
            return
        start, end = self.selection()
        quote = " ".join(self.view.text[start:end].split())
        shown = quote if len(quote) <= _QUOTE_SHOWN else quote[: _QUOTE_SHOWN - 1] + "…"
        here = self.under_cursor()
        if here is not None:  # the annotation under the cursor first: its note is what the user came to read
            note = " ".join(here.note.split())
            parts = [f"[{label_tag(self.labels, here.label)}]" + (f" note: {note}" if note else " (Enter: note)")]
        else:
            parts = ["1–9 label · Esc leave"]
        parts.append(f"SELECT {end - start} chars “{shown}”")
        self.bar.update(Text(inert(" · ".join(parts))))

    # ---------------------------------------------------------------------------------------------- the mode
    def start(self) -> None:
        """``v``: enter selection mode at the top of the view, or restart the selection at the cursor."""
        if self.boundaries is None:
            self._start_when_loaded = True
            self.screen.notify("Preparing selection…", timeout=2)
            return
        if not self.boundaries.count:
            self.screen.notify("This article has no text to select", timeout=3)
            return
        if not self.active:
            self.cursor = self.boundaries.token_at(self.view.offset_at_top())
            self.active = True
            self.bar.add_class("active")
        self.anchor = self.cursor
        self.bar.focus()
        self._draw_selection()
        self._show_status()

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self.bar.remove_class("active")
        self._draw_selection()
        if self.screen.focused is self.bar:
            self.view.focus()

    def _focus_changed(self, focused: object) -> None:
        """Focusing the article itself (a click, closing find) means reading again: leave selection mode."""
        if self.active and focused is self.focus_widget:
            self.leave()

    # ------------------------------------------------------------------------------------------------ moves
    def _moved(self, index: int) -> None:
        assert self.boundaries is not None
        self.cursor = max(0, min(index, self.boundaries.count - 1))
        start, _ = self.boundaries.span(self.cursor)
        low, high = self.view.visible_range()
        if not low <= start < max(high, low + 1):
            self.view.scroll_to_offset(start, center=True)
        self._draw_selection()
        self._show_status()

    def move_token(self, delta: int) -> None:
        if self.active and self.boundaries is not None:
            self._moved(self.cursor + delta)

    def move_to_token(self, index: int) -> None:
        if self.active and self.boundaries is not None:
            self._moved(index if index >= 0 else self.boundaries.count - 1)

    def move_unit(self, unit: str, delta: int) -> None:
        if not self.active or self.boundaries is None:
            return
        starts = self.boundaries.sentence_starts if unit == "sentence" else self.boundaries.paragraph_starts
        here = self.boundaries.token_starts[self.cursor]
        target = self.boundaries.next_start(starts, here) if delta > 0 else self.boundaries.previous_start(starts, here)
        if target is None:
            target = self.boundaries.token_starts[-1] if delta > 0 else 0
        self._moved(self.boundaries.token_at(target))

    def move_lines(self, delta: int) -> None:
        """By display line, keeping the column in characters: the token at the same place one row down/up."""
        if not self.active or self.boundaries is None:
            return
        offset = self.boundaries.token_starts[self.cursor]
        target = _offset_rows_away(self.view, offset, delta)
        if target is None:
            return
        index = self.boundaries.token_at(target)
        if delta > 0 and index <= self.cursor < self.boundaries.count - 1 and target > offset:
            index = self.cursor + 1  # the next row starts inside the cursor's own (long) token
        self._moved(index)

    def page_rows(self) -> int:
        return max(1, self.view.size.height - 2)

    # --------------------------------------------------------------------------------------------- commands
    def _commit(self, changes: list[Change]) -> None:
        """Show the changes now; write them on the writer thread (kept as pending until it has committed)."""
        for change in changes:
            self._apply_locally(change)
        self._pending.append((self.history.apply(changes), changes))
        self._draw_annotations()
        self._show_status()

    def apply_label(self, key: int) -> None:
        if not self.active or self.boundaries is None:
            return
        label = self.labels.by_key(key)
        if label is None:
            self.screen.notify(f"No label on key {key} (labels: {', '.join(self.labels.names)}; {self.labels.path})",
                               severity="warning", timeout=5)
            return
        start, end = self.selection()
        same = next((a for a in self.annotations.values() if (a.start, a.end) == (start, end) and not a.orphan), None)
        if same is not None:
            if same.label == label.name:
                self.screen.notify(f"Already labelled {label.name}", timeout=2)
                return
            change = Change(same, replace(same, label=label.name, modified=timestamps.now()))
        else:
            annotation = new_annotation(doc_id=self.doc_id, text=self.view.text, start=start, end=end,
                                        label=label.name, content_hash=self._document_hash())
            change = Change(None, annotation)
        self.anchor = self.cursor  # collapse, so the new annotation's colour shows under the cursor
        self._commit([change])
        self._draw_selection()

    def edit_note(self) -> None:
        here = self.under_cursor() if self.active else None
        if here is None:
            self.screen.notify("No annotation under the cursor: label the selection with 1–9 first", timeout=3)
            return

        def save(note: str | None) -> None:
            current = self.annotations.get(here.id, here)
            if note is None or note == current.note:
                return
            self._commit([Change(current, replace(current, note=note, modified=timestamps.now()))])

        self.screen.app.push_screen(NoteDialog(here.exact, here.note), save)

    def delete_here(self) -> None:
        here = self.under_cursor() if self.active else None
        if here is None:
            self.screen.notify("No annotation under the cursor", timeout=2)
            return
        self._commit([Change(here, None)])
        self.screen.notify(f"Deleted the {here.label} annotation (u undoes)", timeout=3)

    def undo(self) -> None:
        if self.history.undo() is None:
            self.screen.notify("Nothing to undo", timeout=2)

    def redo(self) -> None:
        if self.history.redo() is None:
            self.screen.notify("Nothing to redo", timeout=2)


def _offset_rows_away(view: SelectableView, offset: int, rows: int) -> int | None:
    """The offset ``rows`` display rows below (above, if negative) ``offset``, at the same character column.

    Reads the view's layout (rows are the view's knowledge, wrapped lazily); gap rows between paragraphs are
    skipped. None when there is no such row.
    """
    layout = getattr(view, "_layout", None)
    if layout is None:
        return None
    row_index = layout.row_of_offset(offset)
    row = layout.row(row_index)
    if row is None:
        return None
    column = offset - row.start
    step = 1 if rows > 0 else -1
    remaining = abs(rows)
    target = row
    index = row_index
    while remaining:
        index += step
        candidate = layout.row(index)
        if candidate is None or index < 0:
            break
        if candidate.gap:
            continue
        target = candidate
        remaining -= 1
    if target is row:
        return None
    return min(target.start + column, max(target.start, target.end - 1))


_coloured_apps: weakref.WeakSet[App] = weakref.WeakSet()


def _install_label_colours(screen: Screen, view: Widget, labels: LabelSet) -> None:
    """Give each label key the colour labels.toml asks for (one of the 16 ANSI colours, so it works everywhere).

    The rules are added to the app's stylesheet as one more source and parsed alone (``parse`` reuses the parse
    cache of every other source: ~0.3 ms, where ``reparse``/``refresh_css`` re-parse the whole app's CSS, ~70 ms),
    then applied to the one view already mounted (15-30 ms, once per app, after the reader's first frame).
    """
    rules = "\n".join(
        f"{widget} > .{prefix}--annotation-{label.key} {{ color: ansi_{label.colour}; background: $boost; }}"
        for label in labels.labels
        for widget, prefix in (("ArticleView", "article-view"), ("CompareView", "compare-view"))
    )
    stylesheet = screen.app.stylesheet
    stylesheet.add_source(rules, read_from=("babelscope-labels", "labels.toml"))
    stylesheet.parse()
    stylesheet.apply(view)
    view.notify_style_update()
    view.refresh()
