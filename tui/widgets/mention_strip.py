"""Per-article mention strips: one line per article with a dispersion bar of where an entity is mentioned.

Like AntConc's concordance plot, the bar is the article's length squeezed into a few cells, drawn with the search
screen's density glyphs (:func:`tui.widgets.dispersion.bar`: ``│`` one mention, ``┃`` a few, ``█`` many), so the
plot reads the same with ``NO_COLOR`` and in 16 colours. The list renders only the lines on screen (Line API),
so an entity mentioned in ten thousand articles costs no more than one in three. Enter on a line asks to open
that article at its first mention.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from corpus.textlayout.cells import cell_len
from tui import keymap
from tui.widgets.bidi_label import fit
from tui.widgets.dispersion import bar
from tui.widgets.virtual_table import _fit

@dataclass(frozen=True, slots=True)
class StripRow:
    doc_id: str
    lang: str
    title: str          # logical order, untrusted: cut and reordered for display when drawn
    length: int         # characters in the article
    offsets: tuple[int, ...]


class MentionStrips(ScrollView, can_focus=True):
    """The strips of one entity, one article a line: ``label  ─│──┃──  count``."""

    DEFAULT_CSS = """
    MentionStrips { height: 1fr; overflow-x: hidden; }
    MentionStrips > .mention-strips--cursor { text-style: bold reverse; }
    MentionStrips > .mention-strips--bar { color: $accent; }
    """
    COMPONENT_CLASSES = {"mention-strips--cursor", "mention-strips--bar"}
    BINDINGS = keymap.bindings("movement")
    LABEL_WIDTH = 24

    cursor: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        """Enter on an article's strip: open it at ``offset`` (its first mention)."""

        def __init__(self, doc_id: str, offset: int) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.offset = offset

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.rows: list[StripRow] = []
        self.bidi = "terminal"

    def set_rows(self, rows: list[StripRow], bidi: str = "terminal") -> None:
        self.rows, self.bidi = rows, bidi
        self.virtual_size = Size(0, len(rows))
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        count = f" {len(row.offsets):>4}"
        label_width = min(self.LABEL_WIDTH, max(8, width // 3))
        bar_width = max(4, width - label_width - 1 - cell_len(count))
        focused = index == self.cursor and self.has_focus
        base = self.get_component_rich_style("mention-strips--cursor") if focused else self.rich_style
        bar_style = base if focused else self.get_component_rich_style("mention-strips--bar")
        segments = [
            Segment(_fit(f"{row.lang:<3}" + fit(row.title, label_width - 3, self.bidi), label_width, "left") + " ", base),
            Segment(bar(row.offsets, row.length, bar_width), bar_style),
            Segment(count, base),
        ]
        return Strip(segments, width).crop_extend(0, width, base if isinstance(base, Style) else None)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self.rows))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # cursor -----------------------------------------------------------------------------------------------
    def watch_cursor(self, new: int) -> None:
        top, visible = self.scroll_offset.y, max(1, self.size.height)
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + visible:
            self.scroll_to(y=new - visible + 1, animate=False)
        self.refresh()

    def _move(self, row: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, row))

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_cursor_left(self) -> None:
        """No columns here; bound so ``h`` never falls through to the screen."""

    def action_cursor_right(self) -> None:
        """See ``action_cursor_left``."""

    def action_cursor_top(self) -> None:
        self._move(0)

    def action_cursor_bottom(self) -> None:
        self._move(len(self.rows) - 1)

    def action_page_down(self) -> None:
        self._move(self.cursor + max(1, self.size.height - 1))

    def action_page_up(self) -> None:
        self._move(self.cursor - max(1, self.size.height - 1))

    def action_select(self) -> None:
        if self.rows:
            row = self.rows[self.cursor]
            self.post_message(self.Selected(row.doc_id, row.offsets[0] if row.offsets else 0))
