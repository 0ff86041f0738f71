"""The compare view: two aligned articles in one Line-API ``ScrollView`` (side by side, or stacked when narrow).

Both columns are drawn by one widget from one row list (:class:`~tui.widgets.compare_layout.CompareLayout`), so
they scroll in step by construction, and only the rows on screen are drawn (strips cached per row). Every line
goes through :func:`corpus.textlayout.bidi.visual_line` in ``app`` mode: in a two-column view the terminal's own
bidi would reorder the whole screen line, mixing the two columns, so the app reorders each column's line itself
(RTL paragraphs right-aligned in their column) and the terminal receives visual order. Article text is drawn as
plain segments (inert, never markup).

The cursor is a *bead*: ``j``/``k`` move bead by bead, the current bead is highlighted across both columns. In
link mode (:meth:`start_link`) the same keys move a paragraph cursor on one side instead and Enter posts
:class:`CompareView.LinkChosen`.

Styles are component classes (themes restyle them); every one has a non-colour marker for ``NO_COLOR``:
shared anchors are underlined (and coloured ``link-0`` … ``link-5``), differences bold italic (with ``≠`` in the
gutter), unaligned paragraphs italic (``∅``), the link cursor reversed, the current bead marked ``▶``.

Span layers (issue 6, annotations in the compare view): :meth:`CompareView.set_layer` takes ``(doc_id, start,
end, style)`` spans in article offsets (``annotation-1`` … ``annotation-9``, ``selection``, ``cursor``: the
reader's names), drawn on whichever column shows that article; :class:`CompareSide` is the one-article view of
one column that :class:`~tui.widgets.selection.SelectionController` drives (see docs/annotations.md).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from corpus.align.articles import Article
from corpus.align.result import bead_marks
from corpus.align.service import PairAlignment
from corpus.textlayout.bidi import VisualLine, first_strong_is_rtl, visual_line
from corpus.textlayout.cells import cell_len
from corpus.textlayout.inert import inert
from tui import keymap
from tui.widgets.compare_layout import (
    GUTTER,
    LINK_COLOURS,
    NUMBER,
    SEPARATOR,
    STACK_BELOW,
    CompareLayout,
    LayoutRow,
    Piece,
    Span,
)

_STRIP_CACHE = 2048
#: Six hues far apart (red, green, amber, blue, purple, teal), readable on dark and light themes, and mapped to
#: six different ANSI colours on a 16-colour terminal (theme variables repeat hues: accent = warning in several).
_LINK_COLOURS = ("#e05d5d", "#4caf50", "#e0a020", "#4a90e2", "#b06ad9", "#2bb3b3")
#: Annotation spans, as in the reader (labels.toml recolours them; the underline is the NO_COLOR marker).
_ANNOTATION_COLOURS = ("$accent", "$success", "$warning", "$error", "$primary", "$secondary", "$accent",
                       "$success", "$warning")
_LAYER_STYLES = (*(f"annotation-{n}" for n in range(1, 10)), "selection", "cursor")
#: Drawing order where spans overlap (later wins).
_SPAN_ORDER = (*(f"link-{n}" for n in range(LINK_COLOURS)), "difference", *_LAYER_STYLES[:9], "link-target",
               *_LAYER_STYLES[9:])
#: A layer span: (doc_id, start, end, style name), offsets in the article's text.
LayerSpan = tuple[str, int, int, str]


def _css() -> str:
    rules = [
        "CompareView { height: 1fr; scrollbar-gutter: stable; overflow-x: hidden; }",
        "CompareView > .compare-view--gutter { color: $text-muted; }",
        "CompareView > .compare-view--number { color: $text-muted; }",
        "CompareView > .compare-view--separator { color: $text-muted; }",
        "CompareView > .compare-view--current { background: $boost; }",
        "CompareView > .compare-view--marker { color: $accent; text-style: bold; }",
        "CompareView > .compare-view--heading { text-style: bold; }",
        "CompareView > .compare-view--boilerplate { color: $text-disabled; text-style: italic; }",
        "CompareView > .compare-view--unaligned { color: $text-muted; text-style: italic; }",
        "CompareView > .compare-view--tag { color: $accent; text-style: bold; }",
        "CompareView > .compare-view--difference { color: $error; text-style: bold italic; }",
        "CompareView > .compare-view--link-target { text-style: reverse; }",
        "CompareView > .compare-view--selection { background: $primary 50%; text-style: reverse; }",
        "CompareView > .compare-view--cursor { text-style: reverse bold underline; }",
    ]
    rules += [f"CompareView > .compare-view--annotation-{n} {{ background: {colour} 35%; text-style: underline; }}"
              for n, colour in enumerate(_ANNOTATION_COLOURS, start=1)]
    rules += [f"CompareView > .compare-view--link-{n} {{ color: {colour}; text-style: underline; }}"
              for n, colour in enumerate(_LINK_COLOURS)]
    return "\n".join(rules)


class CompareView(ScrollView, can_focus=True):
    """Two aligned articles; ``set_pair`` fills it, ``current`` is the bead under the cursor."""

    DEFAULT_CSS = _css()
    COMPONENT_CLASSES = {f"compare-view--{name}" for name in (
        "gutter", "number", "separator", "current", "marker", "heading", "boilerplate", "unaligned", "tag",
        *_SPAN_ORDER)}
    BINDINGS = keymap.bindings("movement")

    class CurrentChanged(Message):
        """The current bead changed (the screen updates its status line)."""

        def __init__(self, view: CompareView, bead: int) -> None:
            super().__init__()
            self.view = view
            self.bead = bead

    class LinkChosen(Message):
        """Enter in link mode: link the current bead's paragraphs with ``paragraph`` of ``side``."""

        def __init__(self, view: CompareView, side: str, paragraph: int) -> None:
            super().__init__()
            self.view = view
            self.side = side
            self.paragraph = paragraph

    def __init__(self, *, shape: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shape = shape
        self.pair: PairAlignment | None = None
        self.rows_layout: CompareLayout | None = None
        self.current = 0
        self.link_side: str | None = None
        self.link_paragraph = 0
        self._strips: LRUCache[int, Strip] = LRUCache(_STRIP_CACHE)
        self._rtl: dict[tuple[str, int], bool] = {}
        self._layers: dict[str, tuple[LayerSpan, ...]] = {}
        self._side_rows: tuple[CompareLayout | None, dict[str, list[tuple[int, Piece]]]] = (None, {})

    # data ---------------------------------------------------------------------------------------------------
    @property
    def layout_width(self) -> int:
        """The width rows are laid out for (a worker may lay out a long pair before handing it over)."""
        return self.scrollable_content_region.width

    @property
    def wants_stacked(self) -> bool:
        """Stack below :data:`STACK_BELOW` columns of the whole view (scrollbar included: a 100-column terminal
        is side by side)."""
        return self.size.width < STACK_BELOW

    def set_pair(self, pair: PairAlignment, current: int = 0, layout: CompareLayout | None = None) -> None:
        """Show ``pair`` with bead ``current`` under the cursor; ``layout``: rows already built for it."""
        self.pair = pair
        self._rtl.clear()
        self.link_side = None
        self.current = max(0, min(current, len(pair.alignment.beads) - 1))
        if (layout is not None and layout.pair is pair and layout.width == self.layout_width
                and layout.stacked == self.wants_stacked):
            self._use(layout)
        else:
            self._relayout()
        self._show_current(center=True)
        self.post_message(self.CurrentChanged(self, self.current))

    @property
    def stacked(self) -> bool:
        return self.rows_layout.stacked if self.rows_layout else False

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if self.pair is None or width <= 0:
            return  # not laid out yet: on_resize comes
        self._use(CompareLayout(self.pair, width, self.wants_stacked))

    def _use(self, layout: CompareLayout) -> None:
        self.rows_layout = layout
        self.virtual_size = Size(layout.width, len(layout.rows))
        self._strips.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.pair is not None:
            self._relayout()
            self._show_current(center=False)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    # span layers --------------------------------------------------------------------------------------------
    def set_layer(self, name: str, spans: Sequence[LayerSpan]) -> None:
        """Replace layer ``name`` with ``(doc_id, start, end, style)`` spans."""
        self._layers[name] = tuple(sorted(spans))
        self._strips.clear()
        self.refresh()

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._strips.clear()
            self.refresh()

    def layer_spans(self, name: str) -> tuple[LayerSpan, ...]:
        return self._layers.get(name, ())

    def article(self, side: str) -> Article | None:
        if self.pair is None:
            return None
        return self.pair.source if side == "source" else self.pair.target

    def side_of(self, doc_id: str) -> str | None:
        """The column showing ``doc_id`` (``source``/``target``), None before a pair is shown."""
        if self.pair is None:
            return None
        return "source" if self.pair.source.doc_id == doc_id else "target" if self.pair.target.doc_id == doc_id else None

    def side_rows(self, side: str) -> list[tuple[int, Piece]]:
        """``(row index, piece)`` of every row with a line of ``side``, in text order."""
        layout, cached = self._side_rows
        if layout is not self.rows_layout:
            cached = {}
            self._side_rows = (self.rows_layout, cached)
        if side not in cached:
            rows = self.rows_layout.rows if self.rows_layout else []
            found = [(index, row.left if side == "source" else row.right) for index, row in enumerate(rows)]
            cached[side] = sorted(((i, p) for i, p in found if p is not None), key=lambda item: item[1].start)
        return cached[side]

    def scroll_to_row(self, row: int, center: bool = False) -> None:
        self._scroll_to_rows(row, 1, center)

    # cursor -------------------------------------------------------------------------------------------------
    def go_to_bead(self, bead: int, center: bool = False) -> None:
        if self.pair is None or not self.pair.alignment.beads:
            return
        self.current = max(0, min(bead, len(self.pair.alignment.beads) - 1))
        self._strips.clear()
        self._show_current(center)
        self.refresh()
        self.post_message(self.CurrentChanged(self, self.current))

    def _show_current(self, center: bool) -> None:
        if self.rows_layout is None or not self.rows_layout.bead_rows:
            return
        self._scroll_to_rows(self.rows_layout.bead_rows[self.current], self.rows_layout.bead_height(self.current), center)

    def _scroll_to_rows(self, first: int, height: int, center: bool) -> None:
        visible = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        if center:
            self.scroll_to(y=max(0, first - max(0, (visible - height) // 2)), animate=False)
        elif first < top or height > visible:
            self.scroll_to(y=first, animate=False)
        elif first + height > top + visible:
            self.scroll_to(y=first + height - visible, animate=False)

    def start_link(self, side: str, paragraph: int) -> None:
        """Link mode: a paragraph cursor on ``side`` (``source``/``target``) starting at ``paragraph``."""
        self.link_side, self.link_paragraph = side, paragraph
        self._strips.clear()
        self._show_link_target()
        self.refresh()

    def stop_link(self) -> None:
        self.link_side = None
        self._strips.clear()
        self.refresh()

    def _move_link(self, delta: int) -> None:
        assert self.pair is not None and self.link_side is not None
        article = self.pair.source if self.link_side == "source" else self.pair.target
        self.link_paragraph = max(0, min(len(article.paragraphs) - 1, self.link_paragraph + delta))
        self._strips.clear()
        self._show_link_target()
        self.refresh()

    def _show_link_target(self) -> None:
        if self.rows_layout is None or self.link_side is None:
            return
        rows = self.rows_layout.paragraph_rows(self.link_side, self.link_paragraph)
        if rows:
            self._scroll_to_rows(rows.start, len(rows), center=False)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        self._move_link(+1) if self.link_side else self.go_to_bead(self.current + 1)

    def action_cursor_up(self) -> None:
        self._move_link(-1) if self.link_side else self.go_to_bead(self.current - 1)

    def action_cursor_left(self) -> None:
        """Nothing to the left: both articles are always in view (the key is bound so it does not fall through)."""

    def action_cursor_right(self) -> None:
        """See :meth:`action_cursor_left`."""

    def action_cursor_top(self) -> None:
        self._move_link(-10**9) if self.link_side else self.go_to_bead(0)

    def action_cursor_bottom(self) -> None:
        self._move_link(10**9) if self.link_side else self.go_to_bead(10**9)

    def action_page_down(self) -> None:
        self._page_by(+1)

    def action_page_up(self) -> None:
        self._page_by(-1)

    def _page_by(self, direction: int) -> None:
        if self.rows_layout is None:
            return
        if self.link_side:
            self._move_link(direction * 5)
            return
        top = max(0, min(int(self.scroll_y) + direction * self._page(), max(0, len(self.rows_layout.rows) - 1)))
        self.scroll_to(y=top, animate=False)
        bead = self.rows_layout.bead_at_row(top)
        if self.rows_layout.bead_rows[bead] < top and bead + 1 < len(self.rows_layout.bead_rows):
            bead += 1  # the bead cut at the top edge is not the one being read
        self.current = bead
        self._strips.clear()
        self.refresh()
        self.post_message(self.CurrentChanged(self, self.current))

    def on_click(self, event: events.Click) -> None:
        """A click makes the clicked bead current (in link mode: picks the clicked paragraph of the link side)."""
        if self.rows_layout is None or not self.rows_layout.rows:
            return
        row = self.rows_layout.rows[min(int(self.scroll_y) + event.y, len(self.rows_layout.rows) - 1)]
        if self.link_side is None:
            self.go_to_bead(row.bead)
            return
        piece = row.left if self.link_side == "source" else row.right
        if piece is not None:
            self.link_paragraph = piece.paragraph
            self._strips.clear()
            self.refresh()

    def action_select(self) -> None:
        if self.link_side is not None:
            self.post_message(self.LinkChosen(self, self.link_side, self.link_paragraph))

    # drawing ------------------------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self.rows_layout is not None and self.rows_layout.width != width:
            self._relayout()  # the scrollbar gutter appeared or went after the last layout
        index = int(self.scroll_y) + y
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_row(index, width)
            self._strips[index] = strip
        return strip

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"compare-view--{name}")

    def _render_row(self, index: int, width: int) -> Strip:
        base = self.rich_style
        layout, pair = self.rows_layout, self.pair
        if layout is None or pair is None or index >= len(layout.rows):
            return Strip.blank(width, base)
        row = layout.rows[index]
        if row.bead == self.current:
            base = base + self._style("current")
        segments = [self._gutter(row, index, base)]
        if layout.stacked:
            side = row.side
            if not row.gap:
                tag = "A " if side == "source" else "B "
                segments.append(Segment(tag, base + self._style("tag")))
                segments += self._column(row, side, base, layout.column)
        else:
            segments += self._column(row, "source", base, layout.column)
            segments.append(Segment(SEPARATOR, base + self._style("separator")))
            segments += self._column(row, "target", base, layout.column)
        return Strip(segments).adjust_cell_length(width, base)

    def _gutter(self, row: LayoutRow, index: int, base: Style) -> Segment:
        assert self.rows_layout is not None and self.pair is not None
        if self.rows_layout.bead_rows[row.bead] != index:
            return Segment(" " * GUTTER, base)
        marks = bead_marks(self.pair.alignment.beads[row.bead])
        pointer = "▶" if row.bead == self.current else " "
        style = base + self._style("marker" if row.bead == self.current or marks.strip() else "gutter")
        return Segment(f"{pointer}{marks} ", style)

    def _column(self, row: LayoutRow, side: str, base: Style, width: int) -> list[Segment]:
        """The number cell and the text of one column of ``row`` (blank cells when the side has no line)."""
        assert self.pair is not None and self.rows_layout is not None
        piece = row.left if side == "source" else row.right
        if piece is None:
            return [Segment(" " * (NUMBER + width), base)]
        article = self.pair.source if side == "source" else self.pair.target
        bead = self.pair.alignment.beads[row.bead]
        kind = article.paragraphs[piece.paragraph][3]
        text_style = base
        if kind in ("heading", "boilerplate"):
            text_style += self._style(kind)
        if not bead.source or not bead.target:
            text_style += self._style("unaligned")
        number = f"{piece.paragraph + 1:>{NUMBER - 1}} " if piece.first else " " * NUMBER
        segments = [Segment(number, base + self._style("number"))]
        line = self._visual(article, side, piece)
        used = cell_len(line.chars)
        indent = max(0, width - used) if line.rtl else 0
        if indent:
            segments.append(Segment(" " * indent, base))
        spans = (self.rows_layout.source_spans if side == "source" else self.rows_layout.target_spans).get(piece.paragraph, [])
        if self.link_side == side and self.link_paragraph == piece.paragraph:
            spans = [*spans, (piece.start, piece.end, "link-target")]
        if self._layers:
            spans = [*spans, *((start, end, style) for layer in self._layers.values()
                               for doc_id, start, end, style in layer
                               if doc_id == article.doc_id and start < piece.end and end > piece.start)]
        segments += self._styled(line, spans, text_style)
        segments.append(Segment(" " * max(0, width - used - indent), base))
        return segments

    def _visual(self, article: Article, side: str, piece: Piece) -> VisualLine:
        key = (side, piece.paragraph)
        rtl = self._rtl.get(key)
        if rtl is None:
            _, start, end, _ = article.paragraphs[piece.paragraph]
            rtl = self._rtl[key] = first_strong_is_rtl(article.text, start, end)
        end = piece.end
        while end > piece.start and inert(article.text[end - 1]) == " ":
            end -= 1  # hanging spaces are not drawn (an RTL line must end at its column's right edge)
        return visual_line(article.text, piece.start, end, rtl=rtl, mode="app", shape=self.shape)

    def _styled(self, line: VisualLine, spans: list[Span], text_style: Style) -> list[Segment]:
        """The line's characters in screen order, runs styled by the spans covering their offsets."""
        if not line.chars:
            return []
        first, last = (min(line.logical), max(line.logical) + 1) if line.logical else (0, 0)
        covering: dict[int, set[str]] = {}
        for start, end, name in spans:
            for offset in range(max(start, first), min(end, last)):
                covering.setdefault(offset, set()).add(name)
        if not covering:
            return [Segment(line.chars, text_style)]
        segments: list[Segment] = []
        run: list[str] = []
        run_names: frozenset[str] | None = None
        for ch, offset in zip(line.chars, line.logical, strict=True):
            names = frozenset(covering.get(offset, ()))
            if names != run_names and run:
                segments.append(Segment("".join(run), self._combined(run_names or frozenset(), text_style)))
                run = []
            run_names = names
            run.append(ch)
        segments.append(Segment("".join(run), self._combined(run_names or frozenset(), text_style)))
        return segments

    def _combined(self, names: frozenset[str], text_style: Style) -> Style:
        style = text_style
        for name in _SPAN_ORDER:
            if name in names:
                style += self._style(name)
        return style


class _SideRow:
    """One display line of one column, as selection's line movement reads it (``start``/``end``/``gap``)."""

    __slots__ = ("start", "end", "gap")

    def __init__(self, piece: Piece) -> None:
        self.start, self.end, self.gap = piece.start, piece.end, False


class _SideLayout:
    """The lines of one column in text order: ``row_of_offset``/``row`` as the reader's layout has them."""

    def __init__(self, rows: list[tuple[int, Piece]]) -> None:
        self.rows = rows
        self.starts = [piece.start for _, piece in rows]

    def row_of_offset(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def row(self, index: int) -> _SideRow | None:
        return _SideRow(self.rows[index][1]) if 0 <= index < len(self.rows) else None


class CompareSide:
    """One article of a :class:`CompareView` seen as a single-article view: the narrow interface
    :class:`~tui.widgets.selection.SelectionController` uses (``text``, layers, offsets on screen, scrolling).

    The side is found from ``doc_id`` on every call, so a swap (``s``) or a realignment keeps it pointing at the
    same article. Layer names are per article (two sides, one layer namespace in the view)."""

    def __init__(self, view: CompareView, doc_id: str) -> None:
        self.widget: Widget = view
        self.view = view
        self.doc_id = doc_id

    @property
    def side(self) -> str:
        return self.view.side_of(self.doc_id) or "source"

    @property
    def text(self) -> str:
        article = self.view.article(self.side)
        return article.text if article is not None else ""

    @property
    def size(self) -> Size:
        return self.view.size

    @property
    def _layout(self) -> _SideLayout:
        return _SideLayout(self.view.side_rows(self.side))

    def focus(self) -> None:
        self.view.focus()

    def _name(self, name: str) -> str:
        return f"{name}@{self.doc_id}"

    def set_layer(self, name: str, spans: Sequence[tuple[int, int, str]]) -> None:
        self.view.set_layer(self._name(name), [(self.doc_id, start, end, style) for start, end, style in spans])

    def clear_layer(self, name: str) -> None:
        self.view.clear_layer(self._name(name))

    def layer_spans(self, name: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((start, end, style) for _, start, end, style in self.view.layer_spans(self._name(name)))

    def offset_at_top(self) -> int:
        """Where selection starts: this side's first line in the current bead, else its next line below it."""
        rows = self.view.side_rows(self.side)
        layout = self.view.rows_layout
        if not rows or layout is None or not layout.bead_rows:
            return 0
        first = layout.bead_rows[self.view.current]
        return next((piece.start for index, piece in rows if index >= first), rows[-1][1].start)

    def visible_range(self) -> tuple[int, int]:
        top = int(self.view.scroll_y)
        bottom = top + max(1, self.view.scrollable_content_region.height)
        shown = [piece for index, piece in self.view.side_rows(self.side) if top <= index < bottom]
        return (shown[0].start, shown[-1].end) if shown else (0, 0)

    def scroll_to_offset(self, offset: int, center: bool = True) -> None:
        rows = self.view.side_rows(self.side)
        if rows:
            self.view.scroll_to_row(rows[_SideLayout(rows).row_of_offset(offset)][0], center)
