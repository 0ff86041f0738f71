"""The search screen: type a name in any script, see every mention in every script as a KWIC concordance.

Typing never waits for the engine: each keystroke restarts a short debounce timer, the search runs in a thread
worker (``exclusive``, so starting one cancels the stale one) and a result is shown only if it belongs to the
latest query (a generation number), so a slow stale search can never overwrite a newer one. The engine is
``corpus.search.Searcher``; this screen only orders, filters and draws what it returns.

Above the concordance: a summary (hits per language) and a dispersion strip (where the hits fall in each
article); below it, a detail line about the selected hit (article, offsets, why it matched), so nothing is lost
when narrow terminals drop columns.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from corpus.collection import Corpus
from corpus.search import RESULT_COLUMNS, SearchError, Searcher
from corpus.session import Session
from corpus.textlayout.bidi import BIDI_MODES
from corpus.textlayout.inert import inert
from tui import keymap
from tui.screens.base import BaseScreen
from tui.settings import save_settings
from tui.state import HighlightSet, Hit
from tui.widgets.bidi_label import display_form
from tui.widgets.dispersion import DispersionStrip, articles_with_hits
from tui.widgets.kwic import SORTS, Context, KwicView, sort_concordance, with_context
from tui.widgets.virtual_table import VirtualTable

DEBOUNCE_S = 0.15
# rows the engine gives their context at once; the screen takes every hit without context (result.ranked) and the
# concordance adds it a page at a time as rows are drawn, so a 400,000-hit query costs no more than its arrays
FIRST_ROWS = 64
SAVE_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
HINT = 'Type a name in any script — Altman, Альтман, ألتمان, 奥特曼 · "phrases" · lang:ru · doc:ID · =exact · re:REGEX'

SearcherFactory = Callable[[Session], Any]

# One engine per corpus, shared by every search screen; searches run one at a time (a stale one finishes while
# the next waits), so the engine never sees two threads at once.
_ENGINE_LOCK = threading.Lock()
_engine: tuple[Corpus, SearcherFactory, Any] | None = None


def default_searcher(session: Session) -> Searcher:
    return Searcher(session.corpus, store=session.store)


def _engine_for(session: Session, factory: SearcherFactory) -> Any:
    """The corpus's searcher, built on first use (it computes keys for the whole vocabulary); call under the lock."""
    global _engine
    if not _engine_ready(session, factory):
        _engine = (session.corpus, factory, factory(session))
    return _engine[2]  # type: ignore[index]


def _engine_ready(session: Session, factory: SearcherFactory) -> bool:
    return _engine is not None and _engine[0] is session.corpus and _engine[1] is factory


def _forget_engine() -> None:
    global _engine
    with _ENGINE_LOCK:
        _engine = None


def write_concordance(hits: pl.DataFrame, path: Path, context: Context | None = None) -> str:
    """Write ``hits`` (the engine's hit columns; ``context`` adds the KWIC context if they lack it) as CSV or
    JSON Lines, chosen by the file's suffix; atomic.

    Returns the format written. Raises ``ValueError`` for an unknown suffix and ``OSError`` if writing fails.
    """
    kind = SAVE_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path.name}: use a .csv or .jsonl file name")
    frame = with_context(hits, context).select([c for c in RESULT_COLUMNS if c in hits.columns])
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if kind == "csv":
            frame.write_csv(tmp)
        else:
            frame.write_ndjson(tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return kind


def default_save_path(query: str, directory: Path | None = None) -> Path:
    slug = re.sub(r"[^\w-]+", "-", query).strip("-")[:40] or "search"
    return (directory or Path.cwd()) / f"concordance-{slug}.csv"


def _copy_line(row: dict) -> str:
    """One concordance line as tab-separated fields (pastes into a spreadsheet as columns)."""
    fields = [row["path"], str(row["start"]), row["left"], row["surface"], row["right"], row["match"],
              f"{row['score']:.2f}"]
    return "\t".join(" ".join(str(f or "").split()) for f in fields)


class SaveConcordanceDialog(ModalScreen[Path | None]):
    """Asks where to save the concordance; the suffix (.csv or .jsonl) picks the format."""

    DEFAULT_CSS = """
    SaveConcordanceDialog { align: center middle; }
    SaveConcordanceDialog > Vertical { width: 90%; max-width: 100; height: auto; border: round $accent;
                                       padding: 0 1; background: $panel; }
    SaveConcordanceDialog #save-message { color: $text-muted; }
    SaveConcordanceDialog #save-message.error { color: $error; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, default: Path, count: int) -> None:
        super().__init__()
        self.default = default
        self.count = count
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Save {self.count} hits — .csv or .jsonl (Enter saves, Esc cancels)", style="bold"))
            yield Input(str(self.default), id="save-path")
            yield Static(Text(f"Relative paths are in {Path.cwd()}"), id="save-message")

    def _say(self, message: str) -> None:
        note = self.query_one("#save-message", Static)
        note.add_class("error")
        note.update(Text(message))

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw:
            self._say("Type a file name")
            return
        path = Path(raw).expanduser()
        path = path if path.is_absolute() else Path.cwd() / path
        if path.suffix.lower() not in SAVE_FORMATS:
            self._say(f"{path.name}: the name must end in .csv or .jsonl")
        elif not path.parent.is_dir():
            self._say(f"No such folder: {path.parent}")
        elif path.exists() and self._confirmed != path:
            self._confirmed = path
            self._say(f"{path.name} exists — press Enter again to replace it")
        else:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class _Outcome:
    """A finished search: the hits joined to corpus order (with or without their context, which ``context`` adds
    to any of them), with their counts per language (best first)."""

    query: str
    generation: int
    hits: pl.DataFrame | None
    total: int
    elapsed_ms: float
    error: str | None
    languages: tuple[tuple[str, int], ...] = ()
    articles: int = 0
    context: Context | None = None


@dataclass(frozen=True)
class ConcordanceView:
    """What the screen shows for one sort and language filter: the rows, the dispersion frame, the cursor."""

    rows: pl.DataFrame
    articles: pl.DataFrame
    cursor: int


def build_view(
    hits: pl.DataFrame,
    documents: pl.DataFrame,
    sort: str,
    *,
    descending: bool = False,
    language: str | None = None,
    keep: tuple[str, int] | None = None,
    context: Context | None = None,
) -> ConcordanceView:
    """Filter and sort ``hits`` (a worker calls this: sorting 100k contexts takes longer than a keystroke);
    ``keep`` is the (doc_id, start) of the hit to keep selected, if it is still in the view. A sort by context
    first gives every row its context (``context``), once per view."""
    rows = hits
    if language is not None and not rows.is_empty():
        rows = rows.filter(pl.col("lang") == language)
    if sort in ("left", "right") and not rows.is_empty():
        rows = with_context(rows, context)
    if not rows.is_empty():
        rows = sort_concordance(rows, sort, descending=descending)
    cursor = 0
    if keep is not None and not rows.is_empty():
        same = rows.select(
            pl.arg_where((pl.col("doc_id") == keep[0]) & (pl.col("start") == keep[1])).first().alias("at")
        )["at"][0]
        cursor = int(same) if same is not None else 0
    return ConcordanceView(rows, articles_with_hits(rows, documents), cursor)


def _with_corpus_order(hits: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    return hits.join(documents.select("doc_id", "doc_order"), on="doc_id", how="left", maintain_order="left")


def _languages(hits: pl.DataFrame) -> tuple[tuple[str, int], ...]:
    counts = hits.group_by("lang").len().sort(["len", "lang"], descending=[True, False])
    return tuple((lang or "?", count) for lang, count in counts.iter_rows())


def _rebound(spec_id: str, action: str | None = None) -> Binding:
    """A global key, re-declared for this screen under its registry id (so a user's remap still applies) and
    kept out of the footer, which has room for this screen's own keys only."""
    spec = next(s for s in keymap.specs(keymap.GLOBAL) if s.id == spec_id)
    return Binding(spec.keys, action or spec.action, spec.description, show=False, id=spec.id)


class SearchScreen(BaseScreen):
    SCOPES = (keymap.GLOBAL, "movement", "search")
    BINDINGS = [
        *keymap.bindings("search"),
        _rebound("global.search", "focus_query"),  # "/" here means back to the query box, not a second screen
        _rebound("global.find"),
        _rebound("global.compare"),
    ]
    DEFAULT_CSS = """
    SearchScreen #search-query { margin: 0 0; }
    SearchScreen #search-summary { height: 1; background: $boost; padding: 0 1; }
    SearchScreen #search-summary.error { color: $error; text-style: bold; }
    SearchScreen #search-dispersion { border-bottom: none; }
    SearchScreen #search-detail { height: 1; background: $boost; padding: 0 1; color: $text-muted; }
    """

    class Finished(Message):
        """A search's outcome, posted from the worker; applied only if it is still the latest query's."""

        def __init__(self, outcome: _Outcome) -> None:
            super().__init__()
            self.outcome = outcome

    class ViewReady(Message):
        """A sorted and filtered view, posted from the view worker; applied only if it is the latest asked for."""

        def __init__(self, token: int, view: ConcordanceView, context: Context | None) -> None:
            super().__init__()
            self.token = token
            self.view = view
            self.context = context

    def __init__(self, session: Session, query: str = "", *, searcher: SearcherFactory | None = None) -> None:
        super().__init__(id="search")
        self.session = session
        self.initial_query = query
        self.searcher_factory = searcher or default_searcher
        self.sort = "score"
        self.descending = False
        self.language: str | None = None
        self.query_text = ""          # the query whose results are shown
        self.hits = pl.DataFrame()    # every hit of that query (with doc_order), unfiltered
        self.view = pl.DataFrame()    # what the concordance shows: filtered and sorted
        self.view_context: Context | None = None  # the context function of the search the view came from
        self.total = 0
        self.context: Context | None = None  # adds KWIC context to rows of self.hits (None: they carry it)
        self.elapsed_ms = 0.0
        self.languages: tuple[tuple[str, int], ...] = ()  # hits per language, most first
        self.articles = 0
        self._generation = 0
        self._pending: int | None = None  # the generation whose result is awaited (None: nothing in flight)
        self._view_token = 0
        self._view_pending = False
        self._timer: Timer | None = None
        self._use_corpus(session.corpus)

    def _use_corpus(self, corpus: Corpus) -> None:
        docs = corpus.documents
        self._documents = docs.select("doc_id", "lang", "title", "chars").with_row_index("doc_order")
        self._titles = dict(zip(docs["doc_id"].to_list(), docs["title"].to_list()))
        self._rtl_docs = frozenset(docs.filter(pl.col("direction") == "rtl")["doc_id"].to_list())

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search every script…  (Enter: to the hits, Esc: back)", id="search-query",
                    compact=True)
        yield Static(Text(HINT), id="search-summary")
        yield DispersionStrip(id="search-dispersion")
        yield KwicView(id="search-kwic")
        yield Static("", id="search-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(KwicView).set_hits(self.view, titles=self._titles, rtl_docs=self._rtl_docs)
        self._apply_bidi()
        self.query_one(DispersionStrip).display = False
        box = self.query_one(Input)
        box.focus()
        self._prepare_engine()
        if self.initial_query:
            box.value = self.initial_query

    @property
    def busy(self) -> bool:
        """Whether the latest query's result or view is still to come (debouncing, searching or sorting)."""
        return self._pending is not None or self._view_pending

    def _bidi_mode(self) -> str:
        settings = getattr(self.app, "settings", None)
        mode = getattr(settings, "bidi", "terminal")
        return mode if mode in BIDI_MODES else "terminal"

    def _apply_bidi(self) -> None:
        """Draw RTL text the way the user's bidi setting says (it may have changed in the reader meanwhile)."""
        mode = self._bidi_mode()
        shape = bool(getattr(getattr(self.app, "settings", None), "arabic_shaping", True))
        self.query_one(KwicView).set_bidi(mode, shape)  # type: ignore[arg-type]
        self.query_one(DispersionStrip).set_bidi(mode, shape)
        self._update_detail()

    def on_screen_resume(self) -> None:
        self._apply_bidi()

    # searching --------------------------------------------------------------------------------------------
    @work(thread=True, group="search-engine", exit_on_error=False)
    def _prepare_engine(self) -> None:
        """Build the engine's keys while the user types the first letters."""
        with _ENGINE_LOCK:
            _engine_for(self.session, self.searcher_factory)

    @on(Input.Changed, "#search-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not event.value.strip():
            self._pending = None
            self._show_empty()
            return
        generation = self._pending = self._generation
        self._timer = self.set_timer(DEBOUNCE_S, lambda: self._start(event.value, generation))

    def _start(self, query: str, generation: int) -> None:
        self._timer = None
        if generation == self._generation:
            ready = _engine_ready(self.session, self.searcher_factory)
            note = "" if ready else " (preparing the index, first time only)"
            self._summary(Text(f"Searching “{inert(query)}”…{note}"))
            self._search(query, generation)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, generation: int) -> None:
        worker = get_current_worker()
        with _ENGINE_LOCK:
            if worker.is_cancelled or generation != self._generation:
                return
            engine = _engine_for(self.session, self.searcher_factory)
            started = time.perf_counter()
            try:
                result = engine.search(query, limit=FIRST_ROWS)
            except SearchError as exc:
                outcome = _Outcome(query, generation, None, 0, 0.0, str(exc))
            else:
                elapsed = getattr(result, "elapsed_ms", None)
                elapsed = (time.perf_counter() - started) * 1000 if elapsed is None else elapsed
                ranked = getattr(result, "ranked", None)  # every hit, context on demand (None: result.hits is all)
                rows = result.hits if ranked is None else ranked.frame(context=False)
                hits = _with_corpus_order(rows, self._documents)
                outcome = _Outcome(query, generation, hits, result.total, elapsed, None, _languages(hits),
                                   hits["doc_id"].n_unique(), None if ranked is None else ranked.with_context)
        if not worker.is_cancelled:
            self.post_message(self.Finished(outcome))

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        outcome = event.outcome
        if outcome.generation != self._generation:
            return  # a stale search: a newer keystroke has been typed since
        self._pending = None
        if outcome.error is not None or outcome.hits is None:
            self._summary(Text(f"“{inert(outcome.query)}”: {inert(outcome.error or 'no result')}"), error=True)
            return
        self._show(outcome)

    def _show(self, outcome: _Outcome) -> None:
        self.query_text = outcome.query
        self.total = outcome.total
        self.elapsed_ms = outcome.elapsed_ms
        self.hits = outcome.hits if outcome.hits is not None else pl.DataFrame()
        self.context = outcome.context
        self.languages, self.articles = outcome.languages, outcome.articles
        if self.language is not None and self.language not in dict(self.languages):
            self.language = None
        self._refresh_view(keep_selection=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group in ("search", "search-engine", "view") and event.state == WorkerState.ERROR:
            self._pending, self._view_pending = None, False
            self._summary(Text(f"Search failed: {inert(str(event.worker.error))}"), error=True)
        elif event.worker.group == "save":
            if event.state == WorkerState.SUCCESS:
                kind, path, count = event.worker.result
                self.notify(f"Saved {count} hits as {kind.upper()} to {path}", timeout=6)
            elif event.state == WorkerState.ERROR:
                self.notify(f"Could not save: {event.worker.error}", severity="error", timeout=10)

    def _show_empty(self) -> None:
        self._show(_Outcome("", self._generation, None, 0, 0.0, None))

    # the view ---------------------------------------------------------------------------------------------
    def _refresh_view(self, keep_selection: bool = True) -> None:
        """Ask for the view of the current hits, sort and filter; it is built in a worker and shown when ready
        (the summary says what is coming at once)."""
        row = self.query_one(KwicView).current_row() if keep_selection else None
        keep = (row["doc_id"], row["start"]) if row else None
        self._view_token += 1
        self._view_pending = True
        self._update_summary()
        self._build_view(self._view_token, self.hits, self.sort, self.descending, self.language, keep, self.context)

    @work(thread=True, exclusive=True, group="view", exit_on_error=False)
    def _build_view(self, token: int, hits: pl.DataFrame, sort: str, descending: bool, language: str | None,
                    keep: tuple[str, int] | None, context: Context | None) -> None:
        view = build_view(hits, self._documents, sort, descending=descending, language=language, keep=keep,
                          context=context)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ViewReady(token, view, context))

    @on(ViewReady)
    def _view_ready(self, event: ViewReady) -> None:
        if event.token != self._view_token:
            return  # the user sorted or filtered again meanwhile
        self._view_pending = False
        view = event.view
        self.view = view.rows
        self.view_context = event.context
        self.query_one(KwicView).set_hits(view.rows, cursor=view.cursor, context=event.context)
        strip = self.query_one(DispersionStrip)
        strip.set_articles(view.articles)
        strip.display = bool(view.articles.height)
        strip.styles.height = max(1, min(view.articles.height, 5 if self.size.height >= 30 else 3))
        self._update_summary()
        self._update_detail()

    def _update_summary(self) -> None:
        if not self.query_text:
            self._summary(Text(HINT))
            return
        text = Text()
        text.append(f"“{inert(self.query_text)}” ", style="bold")
        if self.hits.is_empty():
            text.append("no matches in any script")
        else:
            more = f" (first {self.hits.height} of {self.total})" if self.total > self.hits.height else ""
            hits, articles = self.hits.height, self.articles
            text.append(f"{hits} hit{'s' * (hits != 1)}{more} in {articles} article{'s' * (articles != 1)} · ")
            for i, (lang, count) in enumerate(self.languages):
                if i:
                    text.append(" ")
                active = lang == self.language
                text.append(f"{'[' if active else ''}{lang} {count}{']' if active else ''}",
                            style="bold reverse" if active else "")
            text.append(f" · sort {self.sort}{' ↑' if self.descending else ''}")
            if self.language:
                text.append(f" · only {self.language} ({dict(self.languages).get(self.language, 0)})")
        text.append(f" · {self.elapsed_ms:.0f} ms", style="dim")
        self._summary(text)

    def _summary(self, text: Text, error: bool = False) -> None:
        summary = self.query_one("#search-summary", Static)
        summary.set_class(error, "error")
        summary.update(text)

    @on(VirtualTable.CursorMoved)
    def _update_detail(self) -> None:
        row = self.query_one(KwicView).current_row()
        strip = self.query_one(DispersionStrip)
        detail = self.query_one("#search-detail", Static)
        if row is None:
            strip.set_current(None, None)
            detail.update("")
            return
        strip.set_current(row["doc_id"], row["start"])
        title = self._titles.get(row["doc_id"])
        text = Text()
        text.append(f"{self.query_one(KwicView).cursor + 1}/{self.view.height} ", style="bold")
        text.append(f"{row['lang']} · {inert(row['path'] or '')}:{row['start']}–{row['end']} · ")
        text.append(f"{row['match']} “{inert(row['key'] or '')}” {row['score']:.2f}")
        if row.get("alias_origin"):
            text.append(f" · alias from {inert(row['alias_origin'])}")
        if title:
            text.append(f" · {display_form(title, self._bidi_mode())}")
        detail.update(text)

    # actions ----------------------------------------------------------------------------------------------
    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:  # Enter before the debounce fired: search now
            self._timer.stop()
            self._start(event.value, self._generation)
        self.query_one(KwicView).focus()

    @on(VirtualTable.Selected)
    def _open(self) -> None:
        """Open the reader at the hit; every hit of the view becomes the highlight set that n/N walk."""
        row = self.query_one(KwicView).current_row()
        if row is None:
            return
        reading = self.view.select("doc_order", "doc_id", "start", "end").sort("doc_order", "start")
        hits = list(map(Hit, reading["doc_id"].to_list(), reading["start"].to_list(), reading["end"].to_list()))
        chosen = Hit(row["doc_id"], row["start"], row["end"])
        self.app.set_highlights(  # type: ignore[attr-defined]
            HighlightSet(label=f"search “{self.query_text}”", hits=hits, index=hits.index(chosen))
        )
        self.app.open_reader(chosen.doc_id, chosen.start)  # type: ignore[attr-defined]

    def action_toggle_focus(self) -> None:
        box, kwic = self.query_one(Input), self.query_one(KwicView)
        (box if kwic.has_focus else kwic).focus()

    def action_focus_query(self) -> None:
        self.query_one(Input).focus()

    def action_find(self) -> None:
        """``f`` (find in this view): refining the query is how this list is filtered."""
        self.action_focus_query()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._refresh_view()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self._refresh_view()

    def action_cycle_language(self) -> None:
        if self.hits.is_empty():
            self.notify("No hits to filter", timeout=2)
            return
        langs: list[str | None] = [None, *(lang for lang, _ in self.languages)]
        self.language = langs[(langs.index(self.language) + 1) % len(langs)] if self.language in langs else None
        self._refresh_view(keep_selection=False)

    def action_cycle_bidi(self) -> None:
        mode = BIDI_MODES[(BIDI_MODES.index(self._bidi_mode()) + 1) % len(BIDI_MODES)]
        settings = getattr(self.app, "settings", None)
        if settings is not None:
            settings.bidi = mode
            try:
                save_settings(settings)
            except OSError as exc:
                self.notify(f"Bidi setting not saved: {exc}", severity="warning")
        self._apply_bidi()
        self.notify(f"Bidi display: {mode}", timeout=2)

    def action_start_selection(self) -> None:
        kwic = self.query_one(KwicView)
        if not kwic.row_count:
            self.notify("No hits to select", timeout=2)
            return
        kwic.focus()
        if kwic.toggle_anchor():
            self.notify("Selecting lines: move, then y copies them (v or Esc cancels)", timeout=3)

    def action_copy(self) -> None:
        kwic = self.query_one(KwicView)
        rows = kwic.selected_range()
        if not rows:
            self.notify("Nothing to copy", timeout=2)
            return
        lines = [_copy_line(kwic.row(i)) for i in rows]
        self.app.copy_to_clipboard("\n".join(lines) + "\n")
        if kwic.anchor is not None:
            kwic.toggle_anchor()
        self.notify(f"Copied {len(lines)} concordance line{'s' * (len(lines) != 1)}", timeout=2)

    def action_save_concordance(self) -> None:
        if self.view.is_empty():
            self.notify("No hits to save", timeout=2)
            return
        view, context = self.view, self.view_context

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._save(view, path, context)

        self.app.push_screen(SaveConcordanceDialog(default_save_path(self.query_text), view.height), chosen)

    @work(thread=True, group="save", exit_on_error=False)
    def _save(self, view: pl.DataFrame, path: Path, context: Context | None) -> tuple[str, Path, int]:
        return write_concordance(view, path, context), path, view.height

    def action_back(self) -> None:
        """Esc: leave the query box first, then drop a range selection, then go back."""
        box, kwic = self.query_one(Input), self.query_one(KwicView)
        if box.has_focus and kwic.row_count:
            kwic.focus()
        elif kwic.anchor is not None:
            kwic.toggle_anchor()
        else:
            self.app.action_back()  # type: ignore[attr-defined]

    # the app reloaded changed files ---------------------------------------------------------------------
    def corpus_reloaded(self, corpus: Corpus) -> None:
        session = getattr(self.app, "session", None)
        if session is not None:
            self.session = session
        self._use_corpus(corpus)
        self.query_one(KwicView).set_hits(self.view, titles=self._titles, rtl_docs=self._rtl_docs,
                                          context=self.view_context)
        _forget_engine()
        query = self.query_one(Input).value
        if query.strip():
            self._generation += 1
            self._pending = self._generation
            self._start(query, self._generation)
