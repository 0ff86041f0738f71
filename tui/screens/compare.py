"""Compare (issue 5): pick two articles, then read them side by side with their paragraphs aligned.

:class:`ComparePicker` lists the proposed pairs first (translations, then related articles, scored off the UI
thread by :func:`corpus.align.pairs.propose_pairs`) and every article after them: Enter on a pair opens it; Enter
on an article picks it as A, a second Enter on another article picks B.

:class:`CompareScreen` aligns the pair in a thread worker (features are cached per article, the DP takes a few
milliseconds, but the first features of an article take up to ~150 ms) and shows it in a
:class:`~tui.widgets.compare_view.CompareView`. Fixes (merge, split, unlink, link) are written to the store and
the pair is aligned again with them as constraints, in the same worker group, so a newer keystroke replaces stale
work (``exclusive``).

Annotations (issue 6): one :class:`~tui.widgets.selection.SelectionController` per article, each driving its
column through a :class:`~tui.widgets.compare_view.CompareSide`, so both columns show their annotations; ``Tab``
chooses the side ``v`` selects on (A first), and selection starts on the current bead's paragraph of that side.
While selecting, the focused selection bar's keys win over the compare keys (``u``/``U``/``D``, ``j``/``k``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import polars as pl
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from corpus.align import fixes
from corpus.align.articles import Article, load_entities
from corpus.align.pairs import ProposedPair, propose_pairs
from corpus.align.result import Alignment, Bead, Difference, Side
from corpus.align.service import PairAlignment, align_articles
from corpus.collection import Corpus
from corpus.session import Session
from corpus.textlayout.inert import inert
from tui import keymap
from tui.screens.base import BaseScreen
from tui.widgets.bidi_label import BidiLabel, fit
from tui.widgets.compare_layout import CompareLayout
from tui.widgets.compare_view import CompareSide, CompareView
from tui.widgets.filter_box import FilterBox, TextFiltered
from tui.widgets.selection import SelectionController
from tui.widgets.virtual_table import Column, VirtualTable

if TYPE_CHECKING:
    from corpus.entities import EntityIndex

#: Proposed pairs aligned in the background while the user looks at the picker.
PREFETCH = 2
_PICKER_COLUMNS = [
    Column("kind", "Kind", width=11),
    Column("score", "Score", width=5, align="right"),
    Column("a", "A"),
    Column("b", "B"),
]


def _title(session: Session, doc_id: str, width: int = 48) -> str:
    """A short display form of an article's title (app-mode bidi, so Arabic reads right in a table cell)."""
    document = session.corpus.document(doc_id)
    return f"{fit(document['title'] or doc_id, width, 'app')} ({document['lang']})"


class ComparePicker(TextFiltered, BaseScreen):
    """Choose the two articles to compare: proposed pairs first, then any two articles."""

    SCOPES = (keymap.GLOBAL, "movement")
    DEFAULT_CSS = """
    ComparePicker #picker-status { height: 1; background: $boost; padding: 0 1; }
    ComparePicker #picker-filter { dock: bottom; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.first: str | None = None  # article picked as A
        self.pairs: list[tuple[str, str]] = []
        self.rows = pl.DataFrame()
        self.text_filter = ""
        self.entities: EntityIndex | None = None  # loaded by the pairs worker, handed to the compare screen

    def compose(self) -> ComposeResult:
        yield Static("Finding likely pairs…", id="picker-status")
        yield VirtualTable(_PICKER_COLUMNS, id="picker-table")
        yield FilterBox(placeholder="filter pairs and articles by title, file name or language", id="picker-filter",
                        on_change=self._filter_changed, focus_back="#picker-table")
        yield Footer()

    def on_mount(self) -> None:
        self._show_rows([])
        self.query_one(VirtualTable).focus()
        self.find_pairs()

    @work(thread=True, exclusive=True, group="compare-pairs", exit_on_error=False)
    def find_pairs(self) -> list[ProposedPair]:
        """Propose pairs, then align the best two in the background so opening one of them is immediate (the
        first alignment of an article romanises its name candidates, ~0.2 s; the caches keep the result)."""
        corpus = self.session.corpus
        entities = self.entities = load_entities(corpus, self.session.store)
        proposed = propose_pairs(corpus, entities=entities)
        self.app.call_from_thread(self._show_rows, proposed)
        for pair in proposed[:PREFETCH]:
            if get_current_worker().is_cancelled:
                break
            align_articles(Article.from_corpus(corpus, pair.source, entities),
                           Article.from_corpus(corpus, pair.target, entities))
        return proposed

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "compare-pairs":
            return
        if event.state == WorkerState.ERROR:
            self._status(f"Could not propose pairs ({event.worker.error}); pick two articles")

    def _show_rows(self, proposed: list[ProposedPair]) -> None:
        rows: dict[str, list[str | None]] = {"kind": [], "score": [], "a": [], "b": [], "doc_a": [], "doc_b": []}
        self.pairs = []
        for pair in proposed:
            rows["kind"].append("translation" if pair.translation else "related")
            rows["score"].append(f"{pair.score:.2f}")
            rows["a"].append(_title(self.session, pair.source))
            rows["b"].append(_title(self.session, pair.target))
            rows["doc_a"].append(pair.source)
            rows["doc_b"].append(pair.target)
            self.pairs.append((pair.source, pair.target))
        for doc_id in self.session.corpus.doc_ids:
            rows["kind"].append("article")
            rows["score"].append("")
            rows["a"].append(_title(self.session, doc_id))
            rows["b"].append(inert(doc_id))
            rows["doc_a"].append(doc_id)
            rows["doc_b"].append(None)
        documents = self.session.corpus.documents.select("doc_id", "title", "lang")
        searchable = {doc_id: f"{doc_id} {title or ''} {lang}".casefold() for doc_id, title, lang in documents.rows()}
        rows["search"] = [searchable[a] + " " + (searchable[b] if b else "")
                          for a, b in zip(rows["doc_a"], rows["doc_b"], strict=True)]
        self.rows = pl.DataFrame(rows, schema={name: pl.String for name in rows})
        self._filter_rows()

    def _filter_rows(self) -> None:
        shown = self.rows
        if self.text_filter:
            shown = shown.filter(pl.col("search").str.contains(self.text_filter.casefold(), literal=True))
        self.query_one(VirtualTable).set_frame(shown, keep_cursor=True)
        self._status()

    def _status(self, message: str | None = None) -> None:
        if message is None:
            count = len(self.pairs)
            proposals = f"{count} proposed pair{'s' if count != 1 else ''} first" if count else "no proposed pairs"
            if self.first:
                message = f"A = {self.first} · now choose B (Enter) · Esc clears A"
            else:
                message = f"{proposals} · Enter on a pair compares it, on two articles compares them · f filters"
        self.query_one("#picker-status", Static).update(Text(message))

    @on(VirtualTable.Selected)
    def _chosen(self, event: VirtualTable.Selected) -> None:
        row = event.table.current_row()
        if row is None:
            return
        if row["doc_b"] is not None:
            self._open(row["doc_a"], row["doc_b"])
        elif self.first is None:
            self.first = row["doc_a"]
            self._status()
        else:
            first, self.first = self.first, None
            self._status()
            self._open(first, row["doc_a"])

    def _open(self, source: str, target: str) -> None:
        self.app.push_screen(CompareScreen(self.session, source, target, self.entities))

    def corpus_reloaded(self, corpus: Corpus) -> None:
        """``R`` (or files changed): the app has a new session; propose pairs again from it."""
        self.session = self.app.session  # type: ignore[attr-defined]
        if self.first is not None and self.first not in corpus.doc_ids:
            self.first = None
        self.entities = None
        self._show_rows([])
        self.find_pairs()

    def refilter(self) -> None:
        self._filter_rows()

    def action_back(self) -> None:
        if self.close_filter():
            return
        if self.first is not None:
            self.first = None
            self._status()
            return
        super().action_back()


class CompareScreen(BaseScreen):
    """Two articles aligned paragraph by paragraph; see the module docstring."""

    SCOPES = (keymap.GLOBAL, "movement", "compare")
    BINDINGS = keymap.bindings("compare")
    DEFAULT_CSS = """
    CompareScreen #compare-header { height: 1; background: $boost; padding: 0 1; }
    CompareScreen #compare-status { height: 2; background: $boost; padding: 0 1; }
    """

    def __init__(self, session: Session, source: str, target: str, entities: EntityIndex | None = None) -> None:
        super().__init__()
        self.session = session
        self.entities = entities
        self.source, self.target = source, target  # doc ids, in the current orientation
        self.pair: PairAlignment | None = None
        self.link_from: tuple[str, tuple[int, ...]] | None = None
        self.opened = time.perf_counter()
        self.open_time: float | None = None  # seconds from creation to the first alignment on screen
        self.fix_store = fixes.FixStore(session.store)
        self.selecting_side = "source"  # the side `v` selects on (Tab switches)
        self.annotators: dict[str, SelectionController] = {}  # doc_id → its controller

    def compose(self) -> ComposeResult:
        yield BidiLabel(id="compare-header", mode="app", shape=self.app.settings.arabic_shaping)
        yield CompareView(id="compare-view", shape=self.app.settings.arabic_shaping)
        yield Static("Aligning…", id="compare-status")
        yield Footer()

    @property
    def view(self) -> CompareView:
        return self.query_one(CompareView)

    def on_mount(self) -> None:
        self.view.focus()
        self._header()
        self.call_after_refresh(self.realign)  # after layout, so the worker knows the view's width
        for number, doc_id in enumerate(dict.fromkeys((self.source, self.target))):
            self.annotators[doc_id] = SelectionController.attach(
                self, CompareSide(self.view, doc_id), doc_id=doc_id, bar_id=f"selection-bar-{number}",
                document=lambda doc_id=doc_id: self.session.corpus.document(doc_id))

    # annotations --------------------------------------------------------------------------------------------
    def annotator(self, side: str | None = None) -> SelectionController:
        """The controller of the article on ``side`` (default: the side `v` selects on)."""
        doc_id = self.source if (side or self.selecting_side) == "source" else self.target
        return self.annotators.get(doc_id) or next(iter(self.annotators.values()))

    def action_start_selection(self) -> None:
        """``v``: select in the chosen side's article, from the current bead's paragraph."""
        if self.pair is None or self.link_from is not None:
            self.notify("Wait for the alignment (or finish linking) first", timeout=2)
            return
        self.annotator().start()

    def action_switch_side(self) -> None:
        """``Tab``: the other article is the one `v` selects on (a selection in progress moves there)."""
        was = self.annotator()
        active = was.active
        was.leave()
        self.selecting_side = "target" if self.selecting_side == "source" else "source"
        name = "B" if self.selecting_side == "target" else "A"
        doc_id = self.source if self.selecting_side == "source" else self.target
        if active:
            self.annotator().start()
        else:
            self.notify(f"Selection side: {name} ({doc_id}); v starts selecting there", timeout=2)

    # alignment ----------------------------------------------------------------------------------------------
    def realign(self, keep: tuple[str, int] | None = None, change: Callable[[], str] | None = None) -> None:
        """Apply ``change`` (a store write: a fix, undo, clear; it returns what to tell the user), then align the
        pair with its fixes and lay out its rows, off the UI thread. ``keep`` = (side, paragraph) to keep under
        the cursor."""
        self._align(keep, change, self.view.layout_width, self.view.wants_stacked)

    @work(thread=True, exclusive=True, group="compare-align", exit_on_error=False)
    def _align(self, keep: tuple[str, int] | None, change: Callable[[], str] | None, width: int, stacked: bool,
               ) -> tuple[PairAlignment, CompareLayout | None, tuple[str, int] | None, str]:
        message = change() if change is not None else ""
        source, target = self._articles()
        pair = align_articles(source, target, self.session.store)
        return pair, CompareLayout(pair, width, stacked) if width > 0 else None, keep, message

    def _articles(self) -> tuple[Article, Article]:
        """The two articles with their entity mentions: the app's shared index if it is built (it has the user's
        latest entity edits), else the one the picker loaded, else the corpus' entity cache, loaded once per
        screen (building it checks the cache against the entity code: too slow to repeat per keystroke)."""
        corpus = self.session.corpus
        shared = getattr(self.app, "entities", None)
        index = shared.index_for(self.session) if shared is not None else None
        if index is None:
            if self.entities is None:
                self.entities = load_entities(corpus, self.session.store)
            index = self.entities
        return Article.from_corpus(corpus, self.source, index), Article.from_corpus(corpus, self.target, index)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "compare-align":
            return
        if event.state == WorkerState.SUCCESS:
            pair, layout, keep, message = event.worker.result
            self._show(pair, layout, keep)
            if message:
                self.notify(message, timeout=2)
        elif event.state == WorkerState.ERROR:
            self._status(f"Could not align these articles: {event.worker.error}")

    def corpus_reloaded(self, corpus: Corpus) -> None:
        """``R`` (or files changed): align again from the app's new session (the old one's store is closed); if
        one of the articles is gone, say so and go back."""
        self.session = self.app.session  # type: ignore[attr-defined]
        missing = [doc_id for doc_id in (self.source, self.target) if doc_id not in corpus.doc_ids]
        if missing:
            self.notify(f"{', '.join(missing)} is no longer in the corpus", severity="warning")
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.fix_store = fixes.FixStore(self.session.store)
        self.entities = None  # the new session's articles may name other entities
        self.realign(self._anchor())

    def _show(self, pair: PairAlignment, layout: CompareLayout | None, keep: tuple[str, int] | None) -> None:
        self.pair = pair
        current = 0
        if keep is not None:
            side, paragraph = keep
            try:
                current = fixes.bead_of(pair.alignment, side, paragraph)
            except KeyError:
                current = 0
        else:
            current = next((n for n, bead in enumerate(pair.alignment.beads) if bead.source and bead.target), 0)
        self.view.set_pair(pair, current, layout)
        if self.open_time is None:
            self.open_time = time.perf_counter() - self.opened
        self._header()
        if pair.fixes and pair.fixes.orphans:
            self.notify(f"{pair.fixes.orphans} saved fix(es) no longer match the text and were skipped",
                        severity="warning")

    def _header(self) -> None:
        beads = self.pair.alignment.beads if self.pair else []
        linked = sum(1 for bead in beads if bead.source and bead.target)
        differing = sum(1 for bead in beads if bead.differences)
        fixes_count = self.pair.fixes.actions if self.pair and self.pair.fixes else 0
        header = self.query_one(BidiLabel)
        langs = [self.session.corpus.document(doc_id)["lang"] for doc_id in (self.source, self.target)]
        header.lead = f"{self.source} ({langs[0]})  ⇄  {self.target} ({langs[1]})"
        if self.pair is None:
            header.tail = "  aligning…"
        elif self.size.width < 100:
            header.tail = f"  {len(beads)} beads · {linked} linked · {differing} ≠ · {fixes_count} ✎"
        else:
            header.tail = f"  {len(beads)} beads · {linked} linked · {differing} with differences · {fixes_count} fixes"

    def _status(self, message: str | Text) -> None:
        self.query_one("#compare-status", Static).update(message if isinstance(message, Text) else Text(message))

    @on(CompareView.CurrentChanged)
    def _current_changed(self, event: CompareView.CurrentChanged) -> None:
        if self.link_from is None:
            self._describe(event.bead)

    def _describe(self, number: int) -> None:
        if self.pair is None or not self.pair.alignment.beads:
            return
        bead = self.pair.alignment.beads[number]
        total = len(self.pair.alignment.beads)
        paragraphs = " ".join(filter(None, [
            f"A ¶{','.join(str(i + 1) for i in bead.source)}" if bead.source else "",
            f"B ¶{','.join(str(j + 1) for j in bead.target)}" if bead.target else "",
        ]))
        what = "no counterpart" if not bead.source or not bead.target else f"{len(bead.source)}-{len(bead.target)}"
        line = Text(f"bead {number + 1}/{total} · {paragraphs} · {what} · score {bead.score:.2f}"
                    + (" · fixed" if bead.fixed else ""))
        if bead.differences:
            line.append("\n≠ " + "; ".join(_difference_text(d) for d in bead.differences[:4])
                        + (f"; +{len(bead.differences) - 4} more" if len(bead.differences) > 4 else ""))
        else:
            line.append("\nd/u difference/unaligned · s swap · m x b L merge/split/unlink/link · z undo")
        self._status(line)

    # navigation ---------------------------------------------------------------------------------------------
    def _step(self, delta: int, wanted: Callable[[Bead], bool], what: str) -> None:
        if self.pair is None:
            return
        beads = self.pair.alignment.beads
        position = self.view.current + delta
        while 0 <= position < len(beads):
            if wanted(beads[position]):
                self.view.go_to_bead(position, center=True)
                return
            position += delta
        self.notify(f"No {'next' if delta > 0 else 'previous'} {what}", timeout=2)

    def action_next_difference(self) -> None:
        self._step(+1, lambda bead: bool(bead.differences), "difference")

    def action_previous_difference(self) -> None:
        self._step(-1, lambda bead: bool(bead.differences), "difference")

    def action_next_unaligned(self) -> None:
        self._step(+1, _unaligned, "unaligned paragraph")

    def action_previous_unaligned(self) -> None:
        self._step(-1, _unaligned, "unaligned paragraph")

    def action_swap(self) -> None:
        keep = self._anchor()
        self.source, self.target = self.target, self.source
        if keep is not None:
            keep = ("target" if keep[0] == "source" else "source", keep[1])
        self.pair = None
        self._header()
        self.realign(keep)

    def _anchor(self) -> tuple[str, int] | None:
        """(side, paragraph) of the current bead, to find it again after realigning."""
        if self.pair is None or not self.pair.alignment.beads:
            return None
        bead = self.pair.alignment.beads[self.view.current]
        return ("source", bead.source[0]) if bead.source else ("target", bead.target[0])

    # fixes --------------------------------------------------------------------------------------------------
    def _fix(self, operation: str, rows: list[fixes.FixRow]) -> None:
        assert self.pair is not None
        source, target = self.pair.source, self.pair.target

        def write() -> str:
            self.fix_store.add(source, target, operation, rows)
            return f"Fix saved: {operation}"

        self.realign(self._anchor(), write)

    def _apply(self, operation: str, build: Callable[[Alignment, int], list[fixes.FixRow]]) -> None:
        if self.pair is None:
            return
        try:
            rows = build(self.pair.alignment, self.view.current)
        except fixes.FixError as exc:
            self.notify(str(exc), severity="warning", timeout=4)
            return
        self._fix(operation, rows)

    def action_merge(self) -> None:
        self._apply("merge", fixes.merge)

    def action_split(self) -> None:
        self._apply("split", fixes.split)

    def action_unlink(self) -> None:
        self._apply("unlink", fixes.unlink)

    def action_link(self) -> None:
        if self.pair is None:
            return
        bead = self.pair.alignment.beads[self.view.current]
        if bead.source:
            self.link_from = ("source", bead.source)
            side, start = "target", bead.target[0] if bead.target else self._nearest(bead, "target")
        else:
            self.link_from = ("target", bead.target)
            side, start = "source", self._nearest(bead, "source")
        self.view.start_link(side, start)
        name = "B" if side == "target" else "A"
        self._status(f"LINK: choose the paragraph of {name} with j/k (PgUp/PgDn: 5), Enter links it, Esc cancels")

    def _nearest(self, bead: Bead, side: str) -> int:
        """The paragraph of ``side`` nearest to an unaligned bead (the next bead's, else the previous one's)."""
        assert self.pair is not None
        beads = self.pair.alignment.beads
        position = beads.index(bead)
        for other in [*beads[position + 1:], *reversed(beads[:position])]:
            indices = getattr(other, side)
            if indices:
                return indices[0]
        return 0

    @on(CompareView.LinkChosen)
    def _link_chosen(self, event: CompareView.LinkChosen) -> None:
        assert self.link_from is not None
        side, indices = self.link_from
        self.link_from = None
        self.view.stop_link()
        source, target = (indices, (event.paragraph,)) if side == "source" else ((event.paragraph,), indices)
        try:
            rows = fixes.link(source, target)
        except fixes.FixError as exc:
            self.notify(str(exc), severity="warning")
            return
        self._fix("link", rows)

    def action_undo_fix(self) -> None:
        if self.pair is None:
            return
        source, target = self.pair.source, self.pair.target

        def undo() -> str:
            return "Last fix undone" if self.fix_store.undo(source, target) else "No fix to undo for this pair"

        self.realign(self._anchor(), undo)

    def action_clear_fixes(self) -> None:
        if self.pair is None:
            return
        source, target = self.pair.source, self.pair.target

        def clear() -> str:
            removed = self.fix_store.clear(source, target)
            return f"Removed {removed} fix(es)" if removed else "This pair has no fixes"

        self.realign(self._anchor(), clear)

    def action_back(self) -> None:
        if self.link_from is not None:
            self.link_from = None
            self.view.stop_link()
            self._describe(self.view.current)
            return
        super().action_back()

    def action_find(self) -> None:
        self._not_here("Find (open an article to find in it)")

    def action_copy(self) -> None:
        """``y``: the current bead's text, A then B (OSC 52, so it works over SSH)."""
        if self.pair is None:
            return
        bead = self.pair.alignment.beads[self.view.current]
        parts = [self.pair.source.paragraph_text(i) for i in bead.source]
        parts += [self.pair.target.paragraph_text(j) for j in bead.target]
        self.app.copy_to_clipboard("\n\n".join(parts))
        self.notify(f"Copied bead {self.view.current + 1} ({len(parts)} paragraphs)", timeout=2)


def _unaligned(bead: Bead) -> bool:
    return not bead.source or not bead.target


def _difference_text(difference: Difference) -> str:
    """``figure 700 ↔ 710`` / ``entity Anthropic ↔ —`` for the status line (ids and keys stay in the JSON)."""
    def side(value: Side | None) -> str:
        return "—" if value is None else inert(value.surface)

    return f"{difference.kind} {side(difference.source)} ↔ {side(difference.target)}"
