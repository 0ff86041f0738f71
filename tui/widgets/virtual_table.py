"""A table over a Polars frame that renders only the rows on screen (Line API), for lists of any length.

Textual's DataTable holds every row as Python objects and measures every cell, which takes seconds at 100k rows;
this widget keeps the frame, formats a row only when it is drawn, and caches the strips it drew. Cell text is
untrusted article text: it is made inert and drawn as plain segments (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.textlayout.cells import cell_len
from tui import keymap
from corpus.textlayout.inert import inert


@dataclass(frozen=True, slots=True)
class Column:
    key: str                    # frame column
    title: str
    width: int = 0              # cells; 0 = share the remaining width
    align: str = "left"         # left | right
    format: Callable[[object], str] | None = None
    fit: Callable[[str, int], str] | None = None  # draws the text in ``width`` cells (e.g. through the bidi layer)


def _fit(text: str, width: int, align: str) -> str:
    out: list[str] = []
    used = 0
    for ch in text:
        w = cell_len(ch)
        if used + w > width:
            if out and width > 0:
                while out and used + 1 > width:
                    used -= cell_len(out.pop())
                out.append("…")
                used += 1
            break
        out.append(ch)
        used += w
    pad = " " * max(0, width - used)
    return pad + "".join(out) if align == "right" else "".join(out) + pad


class VirtualTable(ScrollView, can_focus=True):
    """Rows of ``frame`` under a fixed header; ``cursor`` is the selected row index into the frame."""

    DEFAULT_CSS = """
    VirtualTable { height: 1fr; }
    VirtualTable > .virtual-table--header { text-style: bold reverse; }
    VirtualTable > .virtual-table--cursor { background: $accent; color: $text; text-style: bold; }
    VirtualTable:focus > .virtual-table--cursor { background: $accent; text-style: bold reverse; }
    VirtualTable > .virtual-table--dim { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor", "virtual-table--dim"}
    BINDINGS = keymap.bindings("movement")

    cursor: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        """Enter on a row."""

        def __init__(self, table: VirtualTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

    class CursorMoved(Message):
        def __init__(self, table: VirtualTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.row = row

    def __init__(self, columns: list[Column], frame: pl.DataFrame | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.columns = columns
        self.frame = frame if frame is not None else pl.DataFrame()
        self._row_cache: dict[tuple[int, int], list[str]] = {}

    # data -------------------------------------------------------------------------------------------------
    def set_frame(self, frame: pl.DataFrame, keep_cursor: bool = False) -> None:
        self.frame = frame
        self._row_cache.clear()
        self.virtual_size = Size(self.size.width, frame.height + 1)
        self.cursor = min(self.cursor, max(0, frame.height - 1)) if keep_cursor else 0
        self.refresh()

    @property
    def row_count(self) -> int:
        return self.frame.height

    def current_row(self) -> dict | None:
        if 0 <= self.cursor < self.frame.height:
            return self.frame.row(self.cursor, named=True)
        return None

    # layout -----------------------------------------------------------------------------------------------
    def _widths(self, total: int) -> list[int]:
        fixed = sum(c.width for c in self.columns) + len(self.columns) - 1
        flexible = [c for c in self.columns if not c.width]
        share = max(4, (total - fixed) // max(1, len(flexible))) if flexible else 0
        return [c.width or share for c in self.columns]

    def _cells(self, row: int, widths: list[int]) -> list[str]:
        key = (row, self.size.width)
        cached = self._row_cache.get(key)
        if cached is None:
            values = self.frame.row(row, named=True)
            cached = []
            for column, width in zip(self.columns, widths):
                value = values.get(column.key)
                text = column.format(value) if column.format else ("" if value is None else str(value))
                if column.fit is not None:
                    cached.append(_fit(column.fit(text, width), width, column.align))
                else:
                    cached.append(_fit(inert(" ".join(text.split())), width, column.align))
            if len(self._row_cache) > 4096:
                self._row_cache.clear()
            self._row_cache[key] = cached
        return cached

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        widths = self._widths(width)
        if y == 0:
            header = " ".join(_fit(c.title, w, c.align) for c, w in zip(self.columns, widths))
            style = self.get_component_rich_style("virtual-table--header")
            return Strip([Segment(_fit(header, width, "left"), style)], width)
        row = self.scroll_offset.y + y - 1
        if row >= self.frame.height:
            return Strip.blank(width, self.rich_style)
        line = _fit(" ".join(self._cells(row, widths)), width, "left")
        style = self.get_component_rich_style("virtual-table--cursor") if row == self.cursor else self.rich_style
        return Strip([Segment(line, style if isinstance(style, Style) else None)], width)

    def on_resize(self) -> None:
        self._row_cache.clear()
        self.virtual_size = Size(self.size.width, self.frame.height + 1)

    # cursor -----------------------------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        visible = max(1, self.size.height - 1)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        self.refresh()
        self.post_message(self.CursorMoved(self, new))

    def move_to(self, row: int) -> None:
        if self.frame.height:
            self.cursor = max(0, min(self.frame.height - 1, row))

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_left(self) -> None:
        """Lists have no horizontal movement; the key is bound so it never falls through to the screen."""

    def action_cursor_right(self) -> None:
        """See ``action_cursor_left``."""

    def action_cursor_top(self) -> None:
        self.move_to(0)

    def action_cursor_bottom(self) -> None:
        self.move_to(self.frame.height - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(1, self.size.height - 2))

    def action_select(self) -> None:
        if self.frame.height:
            self.post_message(self.Selected(self, self.cursor))
