"""A KWIC concordance over a Polars frame of search hits, drawing only the rows on screen (Line API).

Each row is one hit: left context right-aligned against the hit, the hit highlighted, the right context after
it, plus the article, language and why it matched (reason, matched key, score). The hits frame follows the
search engine's contract (``corpus.search``): doc_id, path, lang, start, end, surface, score, match, key,
alias_origin, left, right.

Context is untrusted article text: every piece goes through :func:`inert` and is drawn as plain segments (never
parsed as markup). Widths are terminal cells (CJK counts 2), measured like Rich so Textual never crops a row
differently from how we cut it. In the ``app`` bidi mode a right-to-left article's row is mirrored: its right
context goes left of the hit and its left context right of it, each piece reordered with the foundation's ICU
bidi, so an Arabic reader reads the line in the right order; in the other modes the text stays logical and the
terminal does (or does not do) bidi.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.strip import Strip

from corpus.textlayout.bidi import BidiMode, visual_line
from corpus.textlayout.cells import cell_len, char_width
from corpus.textlayout.inert import inert
from tui.widgets.bidi_label import fit
from tui.widgets.virtual_table import VirtualTable

ELLIPSIS = "…"
PAGE = 64  # rows read from the frame at a time (one Polars slice per page, not one lookup per row)
HIT_MARKS = ("⟦", "⟧")  # drawn around the hit when colours are off (NO_COLOR), so the hit is still visible

# the sort orders a key cycles through; "article" is reading order (corpus order, then offset)
SORTS = ("score", "article", "left", "right")
CONTEXT_COLUMNS = ("surface", "left", "right")
# adds CONTEXT_COLUMNS to rows that lack them (the engine's ``RankedHits.with_context``): a search of a large corpus
# hands over every hit without context, and only the rows drawn, sorted by context or saved get it
Context = Callable[[pl.DataFrame], pl.DataFrame]


def with_context(rows: pl.DataFrame, context: Context | None) -> pl.DataFrame:
    """``rows`` with their KWIC context: as they are if they carry it (or nothing can add it)."""
    if context is None or all(c in rows.columns for c in CONTEXT_COLUMNS):
        return rows
    return context(rows)
_SHORT_REASON = {"exact": "exact", "folded": "fold", "translit": "tran", "fuzzy": "fuzz", "alias": "alias"}


def sort_concordance(hits: pl.DataFrame, sort: str, *, descending: bool = False) -> pl.DataFrame:
    """``hits`` in a concordance order; ties always fall back to reading order so the order is stable.

    ``left`` sorts by the context read backwards from the hit (the word just before the hit first), as
    concordancers do; ``right`` by the context read forwards. Both ignore case. ``hits`` must carry a
    ``doc_order`` column (the article's position in the corpus).
    """
    reading = [pl.col("doc_order"), pl.col("start")]
    if sort == "score":
        keys, order = [pl.col("score"), *reading], [not descending, False, False]
    elif sort == "article":
        keys, order = reading, [descending, descending]
    elif sort == "left":
        # the 24 characters before the hit decide (reversing whole contexts costs twice as much for nothing)
        nearest_first = pl.col("left").str.strip_chars_end().str.slice(-24).str.to_lowercase().str.reverse()
        keys, order = [nearest_first, *reading], [descending, False, False]
    elif sort == "right":
        keys, order = [pl.col("right").str.strip_chars_start().str.to_lowercase(), *reading], [descending, False, False]
    else:
        raise ValueError(f"unknown sort {sort!r}; expected one of {SORTS}")
    return hits.sort(keys, descending=order, nulls_last=True, maintain_order=True)


# fitting text into cells ---------------------------------------------------------------------------------------
def fit_start(text: str, cells: int) -> str:
    """The head of ``text`` that fits in ``cells`` (an ellipsis ends it when something was cut)."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS if cells > 0 else ""


def fit_end(text: str, cells: int) -> str:
    """The tail of ``text`` that fits in ``cells`` (an ellipsis starts it when something was cut)."""
    if cell_len(text) <= cells:
        return text
    out, used = [], 0
    for ch in reversed(text):
        w = char_width(ch)
        if used + w > cells - 1:
            break
        out.append(ch)
        used += w
    return ELLIPSIS + "".join(reversed(out)) if cells > 0 else ""


def pad(text: str, cells: int, align: str = "left") -> str:
    """``text`` cut to ``cells`` and padded with spaces to exactly that width."""
    text = fit_start(text, cells)
    room = " " * max(0, cells - cell_len(text))
    return room + text if align == "right" else text + room


def _display(text: str | None) -> str:
    return inert(text or "")


def _rtl(text: str, shape: bool) -> str:
    """``text`` (one right-to-left piece of a row) in screen order, reordered with ICU bidi (and shaped)."""
    return visual_line(text, 0, len(text), rtl=True, mode="app", shape=shape).chars


# layout -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class KwicLayout:
    """Cell widths of the row's columns for one widget width; narrow terminals drop the article column and
    shorten the match column (the screen's detail line shows everything about the selected hit)."""

    width: int
    article: int
    lang: int
    left: int
    right: int
    why: int

    @classmethod
    def for_width(cls, width: int) -> KwicLayout:
        why = 26 if width >= 118 else 16 if width >= 98 else 9
        article = 18 if width >= 138 else 12 if width >= 98 else 0
        lang = 3
        fixed = 1 + lang + 1 + (article + 1 if article else 0) + 1 + why
        rest = max(10, width - fixed)
        left = (rest - 1) * 9 // 20
        return cls(width, article, lang, left, rest - 1 - left, why)


def why_text(row: dict, cells: int) -> str:
    """The match reason, the matched key (when there is room) and the score, e.g. ``translit altman .93``."""
    reason = row.get("match") or ""
    score = f"{row.get('score') or 0:.2f}".removeprefix("0").replace("1.00", "1.0")
    if cells < 14:
        return pad(f"{_SHORT_REASON.get(reason, reason)} {score}", cells)
    key = _display(row.get("key"))
    head = f"{reason} "
    room = cells - cell_len(head) - len(score) - 1
    return pad(head + (fit_start(key, room) if room > 2 else "") + " ", cells - len(score)) + score


# the widget ---------------------------------------------------------------------------------------------------
class KwicView(VirtualTable):
    """The concordance: ``cursor`` is the selected row; ``anchor`` (when set) starts a range of selected rows.

    Cursor movement, scrolling and the Selected/CursorMoved messages are the library table's; this class draws
    the rows as concordance lines and reads the frame a page at a time.
    """

    DEFAULT_CSS = """
    KwicView { height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1; }
    KwicView > .kwic--header { text-style: bold reverse; }
    KwicView > .kwic--hit { color: $accent; text-style: bold underline; }
    KwicView > .kwic--cursor { background: $boost; text-style: bold; }
    KwicView:focus > .kwic--cursor { background: $accent 40%; text-style: bold; }
    KwicView > .kwic--selected { background: $secondary 30%; }
    KwicView > .kwic--dim { color: $text-muted; }
    """
    COMPONENT_CLASSES = VirtualTable.COMPONENT_CLASSES | {
        "kwic--header", "kwic--hit", "kwic--cursor", "kwic--selected", "kwic--dim"}

    def __init__(self, **kwargs: object) -> None:
        super().__init__([], **kwargs)
        self.titles: dict[str, str] = {}
        self.rtl_docs: frozenset[str] = frozenset()
        self.bidi: BidiMode = "terminal"
        self.shape = True  # Arabic presentation forms in the app bidi mode (the user's arabic_shaping setting)
        self.anchor: int | None = None
        self._generation = 0
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._pages: LRUCache[int, list[dict]] = LRUCache(64)
        self.context: Context | None = None

    # data -------------------------------------------------------------------------------------------------
    def set_hits(
        self,
        frame: pl.DataFrame,
        *,
        titles: dict[str, str] | None = None,
        rtl_docs: frozenset[str] | None = None,
        cursor: int = 0,
        context: Context | None = None,
    ) -> None:
        """Show ``frame`` (already sorted and filtered); ``titles`` name the article column by doc_id; ``context``
        adds the KWIC context to a page of rows that lack it (read a page at a time, as they are drawn)."""
        self.context = context
        if titles is not None:
            self.titles = titles
        if rtl_docs is not None:
            self.rtl_docs = rtl_docs
        self.anchor = None
        self._pages.clear()
        self._invalidate()
        self.set_frame(frame)
        self.move_to(cursor)

    def set_bidi(self, mode: BidiMode, shape: bool = True) -> None:
        self.bidi, self.shape = mode, shape
        self._invalidate()

    def _invalidate(self) -> None:
        self._generation += 1
        self._strips.clear()
        self.refresh()

    def row(self, index: int) -> dict:
        """The hit at ``index`` as a dict of the frame's columns."""
        page = self._pages.get(index // PAGE)
        if page is None:
            page = with_context(self.frame.slice(index // PAGE * PAGE, PAGE), self.context).to_dicts()
            self._pages[index // PAGE] = page
        return page[index % PAGE]

    def current_row(self) -> dict | None:
        if 0 <= self.cursor < self.frame.height:
            return self.row(self.cursor)
        return None

    def selected_range(self) -> range:
        """The rows ``y`` copies: the range from the anchor to the cursor, or the cursor row alone."""
        if not self.frame.height:
            return range(0)
        if self.anchor is None:
            return range(self.cursor, self.cursor + 1)
        return range(min(self.anchor, self.cursor), max(self.anchor, self.cursor) + 1)

    def toggle_anchor(self) -> bool:
        """Start (or drop) a range selection at the cursor; returns whether a range is now being selected."""
        self.anchor = None if self.anchor is not None else self.cursor
        self._invalidate()
        return self.anchor is not None

    # drawing ----------------------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _header(self, lay: KwicLayout) -> Strip:
        parts = [" ", pad("Lng", lay.lang) + " "]
        if lay.article:
            parts.append(pad("Article", lay.article) + " ")
        parts += [pad("left context", lay.left, "right"), " ", pad("hit · right context", lay.right), " "]
        parts.append(pad("match · key · score" if lay.why >= 14 else "why", lay.why))
        return Strip([Segment("".join(parts), self._style("kwic--header"))]).crop_extend(0, lay.width, None)

    def _row_segments(self, row: dict, lay: KwicLayout, base: Style, marker: str) -> list[Segment]:
        dim = base + self._style("kwic--dim")
        hit_style = base + self._style("kwic--hit")
        no_color = bool(getattr(self.app, "no_color", False))
        marks = HIT_MARKS if no_color else ("", "")
        surface = _display(row.get("surface"))
        left, right = _display(row.get("left")), _display(row.get("right"))
        segments = [Segment(marker, base), Segment(pad(row.get("lang") or "", lay.lang) + " ", dim)]
        if lay.article:
            title = self.titles.get(row.get("doc_id") or "", row.get("path") or "")
            shown = fit(title, lay.article, self.bidi, shape=self.shape)
            segments.append(Segment(pad(shown, lay.article) + " ", dim))

        hit_cells = min(cell_len(surface) + 2 * len(marks[0]), max(4, lay.right // 2))
        surface = fit_start(surface, hit_cells - 2 * len(marks[0]))
        after_cells = max(0, lay.right - cell_len(surface) - 2 * len(marks[0]))
        if self.bidi == "app" and row.get("doc_id") in self.rtl_docs:
            # mirrored: what follows the hit is read to its left, what precedes it to its right
            before = _rtl(fit_start(right, lay.left + 1), self.shape)
            after = _rtl(fit_end(left, after_cells), self.shape)
            surface = _rtl(surface, self.shape)
        else:
            before, after = fit_end(left, lay.left + 1), fit_start(right, after_cells)
        # no gap between context and hit: a clitic (بـ) or a CJK neighbour touches the name as in the text
        segments.append(Segment(" " * max(0, lay.left + 1 - cell_len(before)) + before, base))
        segments.append(Segment(marks[0] + surface + marks[1], hit_style))
        segments.append(Segment(after + " " * max(0, after_cells - cell_len(after)) + " ", base))
        segments.append(Segment(why_text(row, lay.why), dim))
        return segments

    @property
    def _width(self) -> int:
        """Cells a row may use: the content width minus the vertical scrollbar (when there is one)."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        width = self._width
        lay = KwicLayout.for_width(width)
        if y == 0:
            return self._header(lay)
        index = self.scroll_offset.y + y - 1
        if index >= self.frame.height:
            return Strip.blank(width, self.rich_style)
        selected = index in self.selected_range() and self.anchor is not None
        is_cursor = index == self.cursor
        key = (index, width, is_cursor, selected, self._generation)
        strip = self._strips.get(key)
        if strip is None:
            base = self.rich_style
            if selected:
                base += self._style("kwic--selected")
            if is_cursor:
                base += self._style("kwic--cursor")
            marker = "›" if is_cursor else "•" if selected else " "
            segments = self._row_segments(self.row(index), lay, base, marker)
            strip = Strip(segments).crop_extend(0, width, base)
            self._strips[key] = strip
        return strip

    def on_resize(self) -> None:
        super().on_resize()
        self._invalidate()

    def on_focus(self) -> None:
        self._invalidate()

    def on_blur(self) -> None:
        self._invalidate()
