"""The article view: a Line-API ``ScrollView`` that draws only the rows on screen, so any article opens instantly.

Layout comes from :class:`corpus.textlayout.document.DocumentLayout` (paragraphs wrapped lazily at ICU
line-break opportunities, heights in a Fenwick tree), each display line is reordered for display by
:func:`corpus.textlayout.bidi.visual_line` (which also makes control characters inert), and strips are built
from plain ``Segment`` objects: article text is never parsed as markup, so ``[bold]`` prints as typed.

Public API (stable; other screens and panes build on it)
-------------------------------------------------------
Offsets are character offsets into the article's original text (CONVENTIONS.md), whatever the bidi mode.

``set_layer(name, spans)``
    Replace layer ``name`` with ``spans``: a sequence of ``(start, end, style_name)``. ``style_name`` is one of
    :data:`SPAN_STYLES` (``"hit"``, ``"hit-current"``, ``"entity"``, ``"entity-current"``, ``"annotation-1"`` …
    ``"annotation-9"``, ``"cursor"``, ``"selection"``); each maps to the component class
    ``article-view--<style_name>``, so themes restyle them in CSS. Layers are independent (search hits,
    entity mentions, annotations and the selection each own one); where spans overlap, styles combine in
    :data:`SPAN_STYLES` order (later wins): annotations < entities < hits < selection < cursor. Every style has
    a non-colour marker (underline, bold, reverse) so it stays visible with ``NO_COLOR``.
``clear_layer(name)``
    Remove a layer.
``layer_spans(name)``
    The spans of a layer as set, sorted by start (not ``layer``: that name is Textual's CSS layer property).
``scroll_to_offset(offset, center=True)``
    Bring the row showing ``offset`` into view (centred, or at the top).
``offset_at_top() -> int``
    Offset of the first character of the top row (what the reader saves as the reading position).
``offset_at(y, x) -> int | None``
    The offset drawn at row ``y``, column ``x`` of the widget (in app bidi mode, through the reordering);
    None on a gap row or outside the text.
``visible_range() -> tuple[int, int]``
    ``(start, end)`` offsets of the text on screen.
``paragraph_at(offset) -> int``
    Position in the paragraph list of the paragraph holding (or following) ``offset``.

Messages: :class:`ArticleView.TopChanged` when the top offset changes (the reader shows position and saves it),
:class:`ArticleView.Clicked` with the offset under a mouse click.

Display settings are attributes that re-render when set: ``bidi`` (``app``/``terminal``/``off``),
``hide_boilerplate``, ``numbers`` and ``shape`` (Arabic presentation forms in ``app`` mode).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.textlayout.bidi import BIDI_MODES, VisualLine, first_strong_is_rtl, visual_line
from corpus.textlayout.cells import cell_len, char_width
from corpus.textlayout.document import DocumentLayout, Paragraph, Row
from corpus.textlayout.inert import inert
from tui import keymap

#: Span styles in drawing order: where spans overlap, later ones are drawn over earlier ones.
SPAN_STYLES: tuple[str, ...] = (
    *(f"annotation-{n}" for n in range(1, 10)),
    "entity",
    "entity-current",
    "hit",
    "hit-current",
    "selection",
    "cursor",
)
_STYLE_RANK = {name: rank for rank, name in enumerate(SPAN_STYLES)}
_RIGHT_MARGIN = 1
_STRIP_CACHE = 2048
_ANNOTATION_COLOURS = ("$warning", "$success", "$accent", "$error", "$primary", "$secondary",
                       "$warning-darken-2", "$success-darken-2", "$accent-darken-2")


@dataclass(frozen=True, slots=True)
class _Layer:
    """One layer's spans sorted by start, with the longest span (to find spans overlapping a line)."""

    spans: tuple[tuple[int, int, str], ...]
    starts: tuple[int, ...]
    longest: int

    @classmethod
    def build(cls, spans: Sequence[tuple[int, int, str]]) -> _Layer:
        clean = []
        for start, end, style in spans:
            if style not in _STYLE_RANK:
                raise ValueError(f"unknown span style {style!r}; expected one of {', '.join(SPAN_STYLES)}")
            if end > start:
                clean.append((int(start), int(end), style))
        clean.sort()
        return cls(tuple(clean), tuple(s for s, _, _ in clean), max((e - s for s, e, _ in clean), default=0))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [span for span in self.spans[first:last] if span[1] > start]


def _layer_css() -> str:
    rules = [
        "ArticleView > .article-view--hit { background: $warning 45%; text-style: underline; }",
        "ArticleView > .article-view--hit-current { background: $warning; color: $background; text-style: bold reverse; }",
        "ArticleView > .article-view--entity { text-style: underline; color: $accent; }",
        "ArticleView > .article-view--entity-current { background: $accent 40%; text-style: bold underline; }",
        "ArticleView > .article-view--selection { background: $primary 50%; text-style: reverse; }",
        "ArticleView > .article-view--cursor { text-style: reverse bold underline; }",
    ]
    for n, colour in enumerate(_ANNOTATION_COLOURS, start=1):
        rules.append(f"ArticleView > .article-view--annotation-{n} {{ background: {colour} 35%; text-style: underline; }}")
    return "\n".join(rules)


class _AtOffset(Message):
    """A message about one offset of the article shown in ``view``."""

    def __init__(self, view: ArticleView, offset: int) -> None:
        super().__init__()
        self.view = view
        self.offset = offset


class ArticleView(ScrollView, can_focus=True):
    """One article, wrapped to the widget's width; see the module docstring for the public API."""

    DEFAULT_CSS = (
        """
    ArticleView { width: 1fr; height: 1fr; scrollbar-gutter: stable; }
    ArticleView > .article-view--gutter { color: $text-muted; }
    ArticleView > .article-view--heading { text-style: bold; }
    ArticleView > .article-view--boilerplate { color: $text-muted; text-style: italic; }
    """
        + _layer_css()
    )
    COMPONENT_CLASSES = {"article-view--gutter", "article-view--heading", "article-view--boilerplate"} | {
        f"article-view--{name}" for name in SPAN_STYLES
    }
    BINDINGS = [b for b in keymap.bindings("movement") if b.id != "move.open"]  # Enter opens nothing here

    bidi: reactive[str] = reactive("terminal", init=False)
    hide_boilerplate: reactive[bool] = reactive(False, init=False)
    numbers: reactive[bool] = reactive(True, init=False)
    shape: reactive[bool] = reactive(True, init=False)

    class TopChanged(_AtOffset):
        """The first row on screen now starts at ``offset`` (scrolling, resizing, toggles)."""

    class Clicked(_AtOffset):
        """A mouse click on the character at ``offset``."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[Paragraph],
        lang: str = "und",
        *,
        bidi: str = "terminal",
        hide_boilerplate: bool = False,
        numbers: bool = True,
        shape: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._set_document(text, paragraphs, lang)
        self._layout: DocumentLayout | None = None
        self._layers: dict[str, _Layer] = {}
        self._strips: LRUCache[Row, Strip] = LRUCache(_STRIP_CACHE)
        self._top = 0  # offset shown at the top row: the anchor kept across re-layouts
        self._pending_offset: tuple[int, bool] | None = None
        self._adjusting = False
        self.set_reactive(ArticleView.bidi, bidi if bidi in BIDI_MODES else "terminal")
        self.set_reactive(ArticleView.hide_boilerplate, hide_boilerplate)
        self.set_reactive(ArticleView.numbers, numbers)
        self.set_reactive(ArticleView.shape, shape)

    def _set_document(self, text: str, paragraphs: Sequence[Paragraph], lang: str) -> None:
        self.text = text
        self.paragraphs = list(paragraphs) or [(0, 0, len(text), "body")]
        self._paragraph_starts = [start for _, start, _, _ in self.paragraphs]
        self.lang = lang
        self._rtl: dict[int, bool] = {}

    # --- public API ------------------------------------------------------------------------------------
    def load(self, text: str, paragraphs: Sequence[Paragraph], lang: str = "und") -> None:
        """Show another text (the article changed on disk), staying near the same offset; layers are kept."""
        self._set_document(text, paragraphs, lang)
        self._top = min(self._top, len(text))
        self._relayout()

    def set_layer(self, name: str, spans: Sequence[tuple[int, int, str]]) -> None:
        """Replace layer ``name`` with ``spans`` of ``(start, end, style_name)`` (see the module docstring)."""
        self._layers[name] = _Layer.build(spans)
        self._invalidate()

    def clear_layer(self, name: str) -> None:
        if self._layers.pop(name, None) is not None:
            self._invalidate()

    def layer_spans(self, name: str) -> tuple[tuple[int, int, str], ...]:
        """The spans of layer ``name`` as set (sorted by start), empty if there is none."""
        layer = self._layers.get(name)
        return layer.spans if layer else ()

    def scroll_to_offset(self, offset: int, center: bool = True) -> None:
        """Show the row holding ``offset``: centred in the view, or as the top row."""
        if self._layout is None or not self.size.height:
            self._pending_offset = (offset, center)
            return
        layout = self._layout
        row = layout.row_of_offset(max(0, min(offset, len(self.text))))
        if center:
            row = max(0, row - self.size.height // 2)
        self._scroll_to_row(row)

    def offset_at_top(self) -> int:
        return self._top

    def visible_range(self) -> tuple[int, int]:
        if self._layout is None:
            return 0, 0
        top = int(self.scroll_y)
        first = self._layout.row(top)
        last = self._layout.row(min(self._layout.row_count - 1, top + max(0, self.size.height - 1)))
        return (first.start if first else 0), (last.end if last else len(self.text))

    def offset_at(self, y: int, x: int) -> int | None:
        """The offset drawn at widget row ``y``, column ``x``; None on a gap row, the gutter or past the text."""
        if self._layout is None:
            return None
        row = self._layout.row(int(self.scroll_y) + y)
        if row is None or row.gap:
            return None
        line = self._visual(row)
        column = x - self._gutter_width() - self._indent(row, line)
        if column < 0:
            return None
        cells = 0
        for ch, offset in zip(line.chars, line.logical):
            cells += char_width(ch)
            if column < cells:
                return offset
        return None

    def paragraph_at(self, offset: int) -> int:
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    # --- display settings ------------------------------------------------------------------------------
    def watch_bidi(self) -> None:
        self._invalidate()

    def watch_shape(self) -> None:
        self._invalidate()

    def watch_numbers(self) -> None:
        self._relayout()

    def watch_hide_boilerplate(self) -> None:
        self._relayout()

    # --- layout ----------------------------------------------------------------------------------------
    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self._gutter_width() - _RIGHT_MARGIN)

    def _gutter_width(self) -> int:
        if not self.numbers:
            return 0
        return max(3, len(str(self.paragraphs[-1][0] + 1)) + 1)

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        """Re-wrap at the current width and settings, keeping the top line's text at the top."""
        if not self.size.width:
            return
        hidden = frozenset({"boilerplate"}) if self.hide_boilerplate else frozenset()
        self._layout = DocumentLayout(self.text, self.paragraphs, self._content_width(), self.lang,
                                      hidden_kinds=hidden)
        self._invalidate()
        if self._pending_offset is not None:
            offset, center = self._pending_offset
            self._pending_offset = None
            self.scroll_to_offset(offset, center)
        else:
            self._scroll_to_row(self._layout.row_of_offset(self._top))

    def _invalidate(self) -> None:
        self._strips.clear()
        self.refresh()

    def _sync_virtual_size(self) -> None:
        if self._layout is not None:
            size = Size(0, self._layout.row_count)  # lines always fit: no horizontal scrolling
            if size != self.virtual_size:
                self.virtual_size = size

    def _scroll_to_row(self, row: int) -> None:
        """Scroll so ``row`` is the top row, after making the rows around it exact."""
        assert self._layout is not None
        self._sync_virtual_size()
        self._scroll_quietly(row)
        self._settle()

    def _scroll_quietly(self, row: int) -> None:
        """Scroll to ``row`` at once, without :meth:`watch_scroll_y` settling (the caller settles itself)."""
        self._adjusting = True
        try:
            self.scroll_to(y=row, animate=False, immediate=True, force=True)
        finally:
            self._adjusting = False

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if not self._adjusting:
            self._settle()

    def _settle(self) -> None:
        """Wrap the blocks from a screen above to a screen below the view, keeping the top row's text in place.

        Heights of blocks not yet wrapped are estimates; wrapping one above the view moves every row under it,
        so the top row is re-found by offset afterwards (no visible jump while scrolling up or down).
        """
        layout = self._layout
        if layout is None:
            return
        top_row = int(self.scroll_y)
        first = layout.row(top_row)  # wraps the top block; rows above it do not move
        if first is None:
            self._sync_virtual_size()
            return
        below = layout.row(top_row + 1) if first.gap else None
        # a blank row between paragraphs is anchored to the paragraph below it
        top_offset = below.start if below is not None else first.start
        height = max(1, self.size.height)
        for row in (top_row - height, top_row + height, top_row + 2 * height):
            layout.row(max(0, min(row, layout.row_count - 1)))
        exact_row = layout.row_of_offset(top_offset) - 1 if below is not None else layout.row_of_offset(top_offset)
        self._sync_virtual_size()
        if exact_row != top_row:
            self._scroll_quietly(exact_row)
            self.refresh()
        if top_offset != self._top:
            self._top = top_offset
            self.post_message(self.TopChanged(self, top_offset))

    # --- rendering -------------------------------------------------------------------------------------
    def _paragraph_rtl(self, position: int) -> bool:
        rtl = self._rtl.get(position)
        if rtl is None:
            _, start, end, _ = self.paragraphs[position]
            rtl = self._rtl[position] = first_strong_is_rtl(self.text, start, end)
        return rtl

    def _visual(self, row: Row) -> VisualLine:
        end = row.end
        while end > row.start and inert(self.text[end - 1]) == " ":
            end -= 1  # hanging spaces are not drawn (and must not move an RTL line off its right edge)
        return visual_line(self.text, row.start, end, rtl=self._paragraph_rtl(row.paragraph),
                           mode=self.bidi, shape=self.shape and self.bidi == "app")  # type: ignore[arg-type]

    def _indent(self, row: Row, line: VisualLine) -> int:
        """Blank cells before the text: RTL paragraphs are right-aligned (in every bidi mode)."""
        if not line.rtl:
            return 0
        return max(0, self._content_width() - cell_len(line.chars))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self._layout.row(int(self.scroll_y) + y) if self._layout is not None else None
        if row is None or row.gap:
            return Strip.blank(width, self.rich_style)
        # Cached by what the row shows, not by its index: wrapping a block whose height was estimated moves
        # the index of every row below it.
        strip = self._strips.get(row)
        if strip is None:
            strip = self._render_row(row, width)
            self._strips[row] = strip
        return strip

    def _render_row(self, row: Row, width: int) -> Strip:
        base = self.rich_style
        _, _, _, kind = self.paragraphs[row.paragraph]
        text_style = base
        if kind == "boilerplate":
            text_style = base + self.get_component_rich_style("article-view--boilerplate")
        elif kind == "heading":
            text_style = base + self.get_component_rich_style("article-view--heading")
        segments: list[Segment] = []
        gutter = self._gutter_width()
        if gutter:
            number = str(self.paragraphs[row.paragraph][0] + 1) if row.first else ""
            gutter_style = base + self.get_component_rich_style("article-view--gutter")
            segments.append(Segment(number.rjust(gutter - 1) + " ", gutter_style))
        line = self._visual(row)
        indent = self._indent(row, line)
        if indent:
            segments.append(Segment(" " * indent, base))
        segments.extend(self._text_segments(line, row, text_style))
        return Strip(segments).adjust_cell_length(width, base)

    def _text_segments(self, line: VisualLine, row: Row, text_style: Style) -> list[Segment]:
        """The line's characters in screen order, each run styled by the spans covering its offsets."""
        covering: dict[int, list[str]] = {}
        for layer in self._layers.values():
            for start, end, style in layer.overlapping(row.start, row.end):
                for offset in range(max(start, row.start), min(end, row.end)):
                    covering.setdefault(offset, []).append(style)
        if not covering:
            return [Segment(line.chars, text_style)] if line.chars else []
        styles: dict[tuple[str, ...], Style] = {}
        segments: list[Segment] = []
        run: list[str] = []
        run_key: tuple[str, ...] | None = None
        for ch, offset in zip(line.chars, line.logical):
            key = tuple(sorted(set(covering.get(offset, ())), key=_STYLE_RANK.__getitem__))
            if key != run_key and run:
                segments.append(Segment("".join(run), self._combined(run_key or (), text_style, styles)))
                run = []
            run_key = key
            run.append(ch)
        if run:
            segments.append(Segment("".join(run), self._combined(run_key or (), text_style, styles)))
        return segments

    def _combined(self, key: tuple[str, ...], text_style: Style, cache: dict[tuple[str, ...], Style]) -> Style:
        style = cache.get(key)
        if style is None:
            style = text_style
            for name in key:
                style += self.get_component_rich_style(f"article-view--{name}")
            cache[key] = style
        return style

    def notify_style_update(self) -> None:
        """The theme changed: component styles are different, so every cached strip is stale."""
        super().notify_style_update()
        self._strips.clear()

    # --- movement --------------------------------------------------------------------------------------
    def _page(self) -> int:
        return max(1, self.size.height - 2)

    def action_cursor_down(self) -> None:
        self._scroll_to_row(int(self.scroll_y) + 1)

    def action_cursor_up(self) -> None:
        self._scroll_to_row(max(0, int(self.scroll_y) - 1))

    def action_cursor_left(self) -> None:
        """Lines always fit the width: nothing to scroll sideways (bound so the key is not passed on)."""

    def action_cursor_right(self) -> None:
        """See ``action_cursor_left``."""

    def action_page_down(self) -> None:
        self._scroll_to_row(int(self.scroll_y) + self._page())

    def action_page_up(self) -> None:
        self._scroll_to_row(max(0, int(self.scroll_y) - self._page()))

    def action_cursor_top(self) -> None:
        self._scroll_to_row(0)

    def action_cursor_bottom(self) -> None:
        """Jump to the end: wrap the last blocks first so the last screen is exact."""
        layout = self._layout
        if layout is None:
            return
        block = layout.block_count - 1
        covered = 0
        while block >= 0 and covered < self.size.height:
            covered += len(layout.line_starts(block))
            block -= 1
        self._sync_virtual_size()
        self._scroll_to_row(max(0, layout.row_count - self.size.height))

    def on_click(self, event: events.Click) -> None:
        offset = self.offset_at(event.y, event.x)
        if offset is not None:
            self.post_message(self.Clicked(self, offset))
