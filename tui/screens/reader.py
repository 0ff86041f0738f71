"""The reader: one article, every script shown correctly, with find-in-article and the app's highlight set.

Layout: a header (title, language, script, paragraphs), then a ``Horizontal`` body holding the
:class:`~tui.widgets.article_view.ArticleView` and an empty, hidden ``#side-pane`` that feature panes (entities,
annotations) mount into, then the find box, a status line and the footer.

``n``/``N`` step the find matches while a find is open, otherwise the app's active highlight set (the last
search's hits or an entity's mentions; the app calls :meth:`ReaderScreen.show_hit`). The reading position is
saved (debounced while scrolling, and on leaving) and restored when the article is opened again without an
explicit offset.
"""

from __future__ import annotations

import threading

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from corpus.collection import Corpus
from corpus.session import Session
from corpus.textlayout.bidi import BIDI_MODES, first_strong_is_rtl
from corpus.textlayout.find import FoldedText
from tui import keymap
from tui.screens.base import BaseScreen
from tui.settings import Settings, save_settings
from tui.state import Hit
from tui.widgets.article_view import ArticleView
from tui.widgets.bidi_label import BidiLabel, display_form, fit
from tui.widgets.filter_box import FilterBox
from tui.widgets.selection import SelectionController

SAVE_DELAY = 1.0  # seconds of stillness before the reading position is written
FIND_LIMIT = 100_000
_BIDI_HELP = {
    "app": "Babelscope reorders right-to-left lines",
    "terminal": "the terminal reorders (VTE, Konsole, mlterm)",
    "off": "logical order, no reordering",
}


class ReaderScreen(BaseScreen):
    SCOPES = (keymap.GLOBAL, "movement", "reader")
    BINDINGS = keymap.bindings("reader")
    DEFAULT_CSS = """
    ReaderScreen #reader-header { height: 1; background: $boost; padding: 0 1; }
    ReaderScreen #reader-body { height: 1fr; }
    ReaderScreen #article { width: 1fr; }
    ReaderScreen #side-pane { display: none; width: 40%; max-width: 60; border-left: vkey $primary; }
    ReaderScreen #side-pane.visible { display: block; }
    ReaderScreen #reader-find { height: 1; border: none; padding: 0 1; background: $boost; }
    ReaderScreen #reader-status { height: 1; background: $boost; color: $text-muted; padding: 0 1; }
    """

    def __init__(self, session: Session, doc_id: str, offset: int | None = None) -> None:
        super().__init__(classes="reader")
        self.session = session
        self.doc_id = doc_id
        self.explicit_offset = offset
        self.document = session.corpus.document(doc_id)
        self._folded: FoldedText | None = None
        self._fold_lock = threading.Lock()
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        self._find_query = ""
        self._find_pending = False  # a find worker is running for the query typed last
        self._save_timer: Timer | None = None
        self._saved_offset: int | None = None
        self._top = 0  # the offset at the top of the view, as last reported by the view

    # --- composition -----------------------------------------------------------------------------------
    def _paragraphs(self, corpus: Corpus) -> list[tuple[int, int, int, str]]:
        frame = corpus.paragraphs_of(self.doc_id)
        return list(frame.select("index", "start", "end", "kind").iter_rows())

    def compose(self) -> ComposeResult:
        settings = self.app.settings  # type: ignore[attr-defined]
        yield BidiLabel(self.document["title"] or self.doc_id, self._header_tail(), mode=settings.bidi,
                        shape=settings.arabic_shaping, id="reader-header")
        with Horizontal(id="reader-body"):
            yield ArticleView(
                self.document["text"],
                self._paragraphs(self.session.corpus),
                self.document["lang"] or "und",
                bidi=settings.bidi,
                hide_boilerplate=settings.hide_boilerplate,
                numbers=settings.paragraph_numbers,
                shape=settings.arabic_shaping,
                id="article",
            )
            yield Vertical(id="side-pane")
        yield FilterBox(placeholder="find in this article (case and width ignored) · Enter next · Esc close",
                        id="reader-find", on_change=self._find_changed, on_submit=self._find_submitted,
                        focus_back="#article")
        yield Static("", id="reader-status")
        yield Footer()

    def _header_tail(self) -> str:
        doc = self.document
        paragraphs = doc['n_paragraphs']
        return (f"  · {doc['lang']} · {doc['script']} · {paragraphs} paragraph{'s' * (paragraphs != 1)} · "
                f"{doc['chars']:,} chars")

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def on_mount(self) -> None:
        view = self.view
        if self.explicit_offset is not None:
            view.scroll_to_offset(self.explicit_offset, center=True)
        else:
            saved = self.session.store.get_reading_position(self.doc_id)
            if saved is not None:
                view.scroll_to_offset(saved, center=False)
                self._saved_offset = saved
        self._draw_highlights()
        view.focus()
        self._update_status()
        self.selection = SelectionController.attach(self)  # annotations layer; `v` selection mode

    def on_screen_resume(self) -> None:
        self._draw_highlights()

    def action_start_selection(self) -> None:
        """``v``: select and annotate from the keyboard (tui/widgets/selection.py)."""
        self.selection.start()

    # --- reading position ------------------------------------------------------------------------------
    @on(ArticleView.TopChanged)
    def _top_changed(self, event: ArticleView.TopChanged) -> None:
        self._top = event.offset
        self._update_status()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        """Write the offset at the top of the view to the store (skipped when it has not moved)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._top != self._saved_offset:
            self.session.store.set_reading_position(self.doc_id, self._top)
            self._saved_offset = self._top

    def on_screen_suspend(self) -> None:
        """Leaving the reader (back, or another screen on top): the position is saved now, not in a second."""
        self.save_position()

    def on_unmount(self) -> None:
        try:
            self.save_position()
        except Exception as exc:  # the store may already be closed when the app quits: never block the exit
            self.log.warning(f"reading position not saved: {exc}")

    # --- status ----------------------------------------------------------------------------------------
    def _update_status(self) -> None:
        view = self.view
        settings = self.app.settings  # type: ignore[attr-defined]
        top = view.offset_at_top()
        paragraph = view.paragraph_at(top)
        total = len(view.paragraphs)
        percent = 100 * top // max(1, len(view.text))
        parts = [f"¶ {view.paragraphs[paragraph][0] + 1}/{total}", f"{percent}%", f"bidi {settings.bidi}",
                 "boilerplate hidden" if settings.hide_boilerplate else "boilerplate dimmed"]
        if self._find_query and self._find_pending:
            parts.append("finding…")
        elif self._find_query:
            found = len(self._matches)
            where = f"{self._match_index + 1}/{found}" if self._match_index >= 0 else f"{found}"
            parts.append(f"find {where}" if found else "find: no match")
        else:
            hits = self.app.highlights.in_doc(self.doc_id)  # type: ignore[attr-defined]
            if hits:
                parts.append(f"{len(hits)} hits here ({self.app.highlights.label})")  # type: ignore[attr-defined]
        self.query_one("#reader-status", Static).update(Text(" · ".join(parts)))

    # --- the app's highlight set -----------------------------------------------------------------------
    def _draw_highlights(self) -> None:
        highlights = self.app.highlights  # type: ignore[attr-defined]
        current = highlights.current()
        spans = [(h.start, h.end, "hit-current" if h == current else "hit") for h in highlights.in_doc(self.doc_id)]
        if spans:
            self.view.set_layer("hits", spans)
        else:
            self.view.clear_layer("hits")

    def show_hit(self, hit: Hit) -> None:
        """Bring ``hit`` (of this article) into view and mark it as the current one."""
        self._draw_highlights()
        self.view.scroll_to_offset(hit.start, center=True)
        self._update_status()

    def action_toggle_entity_pane(self) -> None:
        from tui.widgets.entity_pane import toggle_entity_pane

        toggle_entity_pane(self)

    def action_next_hit(self) -> None:
        if self._find_query:
            self._step_match(+1)
        else:
            super().action_next_hit()

    def action_previous_hit(self) -> None:
        if self._find_query:
            self._step_match(-1)
        else:
            super().action_previous_hit()

    # --- find in the article ---------------------------------------------------------------------------
    def action_find(self) -> None:
        self.query_one(FilterBox).open()

    def _find_changed(self, value: str) -> None:
        self._find_query = value
        if not value:
            self._show_matches([], value)
            return
        self._find_pending = True
        self._update_status()
        self._run_find(value)

    @work(thread=True, exclusive=True, group="reader-find")
    def _run_find(self, query: str) -> None:
        """Fold the article once (a 50 MB article takes a second), then match; a newer keystroke cancels this."""
        with self._fold_lock:  # a newer keystroke's worker waits for this fold instead of starting another
            if self._folded is None:
                self._folded = FoldedText(self.document["text"])
        if get_current_worker().is_cancelled:
            return
        matches = self._folded.find_all(query, limit=FIND_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_matches, matches, query)

    def _show_matches(self, matches: list[tuple[int, int]], query: str) -> None:
        if query != self._find_query:
            return  # a stale result
        self._find_pending = False
        self._matches = matches
        top = self.view.offset_at_top()
        self._match_index = next((i for i, (start, _) in enumerate(matches) if start >= top), 0) if matches else -1
        self._draw_matches()

    def _draw_matches(self) -> None:
        view = self.view
        if not self._matches:
            view.clear_layer("find")
        else:
            view.set_layer("find", [(s, e, "hit-current" if i == self._match_index else "hit")
                                    for i, (s, e) in enumerate(self._matches)])
            start = self._matches[self._match_index][0]
            low, high = view.visible_range()
            if not low <= start < high:
                view.scroll_to_offset(start, center=True)
        self._update_status()

    def _step_match(self, delta: int) -> None:
        if not self._matches:
            self.notify(f"“{self._find_query}” is not in this article", timeout=3)
            return
        self._match_index = (self._match_index + delta) % len(self._matches)
        self._draw_matches()
        self.view.scroll_to_offset(self._matches[self._match_index][0], center=True)

    def _find_submitted(self) -> None:
        """Enter in the find box: to the next match (the box then gives the focus back to the article)."""
        if self._matches:
            self._step_match(+1 if self._match_index >= 0 else 0)

    def _close_find(self) -> None:
        self.query_one(FilterBox).close()
        self._find_query = ""
        self._find_pending = False
        self._matches = []
        self._match_index = -1
        self.view.clear_layer("find")
        self._update_status()

    def action_back(self) -> None:
        if self.query_one(FilterBox).display or self._find_query:
            self._close_find()
            return
        super().action_back()

    # --- display toggles -------------------------------------------------------------------------------
    def _save_settings(self) -> None:
        save_settings(self.app.settings)  # type: ignore[attr-defined]
        self._update_status()

    def action_cycle_bidi(self) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        settings.bidi = BIDI_MODES[(BIDI_MODES.index(settings.bidi) + 1) % len(BIDI_MODES)]
        self.view.bidi = settings.bidi
        self.query_one("#reader-header", BidiLabel).mode = settings.bidi
        self._save_settings()
        self.notify(f"Bidi {settings.bidi}: {_BIDI_HELP[settings.bidi]}", timeout=3)

    def action_toggle_boilerplate(self) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        settings.hide_boilerplate = not settings.hide_boilerplate
        self.view.hide_boilerplate = settings.hide_boilerplate
        self._save_settings()

    def action_toggle_numbers(self) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        settings.paragraph_numbers = not settings.paragraph_numbers
        self.view.numbers = settings.paragraph_numbers
        self._save_settings()

    # --- copy and info ---------------------------------------------------------------------------------
    def _current_offset(self) -> int:
        """Where the user is: the current find match or highlight-set hit if it is on screen, else the top line."""
        view = self.view
        current = self.app.highlights.current()  # type: ignore[attr-defined]
        candidates = [self._matches[self._match_index][0]] if self._match_index >= 0 else []
        if current is not None and current.doc_id == self.doc_id:
            candidates.append(current.start)
        low, high = view.visible_range()
        return next((offset for offset in candidates if low <= offset < high), view.offset_at_top())

    def action_copy(self) -> None:
        """Copy the current paragraph (logical text, exactly as stored) with OSC 52."""
        view = self.view
        index, start, end, _ = view.paragraphs[view.paragraph_at(self._current_offset())]
        self.app.copy_to_clipboard(view.text[start:end])
        self.notify(f"Copied paragraph {index + 1} ({end - start:,} characters)", timeout=2)

    def action_article_info(self) -> None:
        kinds = self.session.corpus.paragraphs_of(self.doc_id)["kind"].value_counts(sort=True)
        self.app.push_screen(ArticleInfo(self.document, dict(kinds.iter_rows()), self.app.settings))  # type: ignore[attr-defined]

    # --- corpus reload ---------------------------------------------------------------------------------
    def corpus_reloaded(self, corpus: Corpus) -> None:
        """Files changed on disk: show the new text of this article (or say it is gone)."""
        self.session = self.app.session  # type: ignore[attr-defined]  # the old session's store is closed now
        try:
            document = corpus.document(self.doc_id)
        except LookupError:
            self.notify(f"{self.doc_id} is no longer in the corpus", severity="warning", timeout=8)
            return
        if document["content_hash"] == self.document["content_hash"]:
            return
        self.document = document
        self._folded = None
        self.view.load(document["text"], self._paragraphs(corpus), document["lang"] or "und")
        self.query_one("#reader-header", BidiLabel).tail = self._header_tail()
        if self._find_query:
            self._run_find(self._find_query)
        self.notify("This article changed on disk and was reloaded", timeout=4)


class ArticleInfo(ModalScreen[None]):
    """What Babelscope knows about the article: identity, language decision, encoding, counts."""

    DEFAULT_CSS = """
    ArticleInfo { align: center middle; }
    ArticleInfo > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 90%;
                                   border: round $accent; padding: 0 1; }
    """
    BINDINGS = [("q,escape,i", "dismiss", "Close")]

    def __init__(self, document: dict, kinds: dict[str, int], settings: Settings) -> None:
        super().__init__()
        self.document = document
        self.kinds = kinds
        self.settings = settings

    def compose(self) -> ComposeResult:
        doc = self.document
        table = Table(show_header=False, box=None, expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        rows = [
            ("Article", doc["doc_id"]), ("Title", doc["title"] or ""), ("File", doc["path"]),
            ("Language", f"{doc['lang']} (decided by {doc['lang_source']})"), ("Script", doc["script"]),
            ("Direction", doc["direction"]), ("Encoding", doc["encoding"]),
            ("Characters", f"{doc['chars']:,}"), ("Tokens", f"{doc['n_tokens']:,}"),
            ("Paragraphs", f"{doc['n_paragraphs']} (" + ", ".join(f"{n} {k}" for k, n in self.kinds.items()) + ")"),
            ("Date", doc["date"] or "—"), ("Source", doc["source"] or "—"), ("URL", doc["url"] or "—"),
            ("SHA-256", doc["content_hash"]),
        ]
        # A reordered right-to-left line cannot be wrapped (its start would land on the last line): cut it instead.
        room = max(10, min(100, self.app.size.width * 9 // 10) - 18)
        mode, shape = self.settings.bidi, self.settings.arabic_shaping
        for name, value in rows:  # Text(): metadata comes from the article and is never parsed as markup
            value = str(value)
            if mode == "app" and first_strong_is_rtl(value):
                shown = Text(fit(value, room, mode, shape=shape), no_wrap=True)
            else:
                shown = Text(display_form(value, mode, shape=shape))
            table.add_row(Text(name), shown)
        with VerticalScroll():
            yield Static(Text("Article details  (Esc closes)", style="bold"))
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
