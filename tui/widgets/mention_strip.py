"""Per-article mention strips: one line per article with a dispersion bar of where an entity is mentioned.

Like AntConc's concordance plot, the bar is the article's length squeezed into a few cells, drawn with the search
screen's density glyphs (:func:`tui.widgets.dispersion.bar`: ``│`` one mention, ``┃`` a few, ``█`` many), so the
plot reads the same with ``NO_COLOR`` and in 16 colours. It is a :class:`VirtualTable` (same keys, cursor and
line-by-line drawing, so ten thousand articles cost no more than three) whose bar column is drawn, not printed.
Enter on a line asks to open that article at its first mention.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from rich.segment import Segment
from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from tui.widgets.bidi_label import fit
from tui.widgets.dispersion import bar
from tui.widgets.virtual_table import Column, VirtualTable, _fit

COLUMNS = [
    Column("title", "Article", width=24),
    Column("offsets", "Where it is mentioned"),
    Column("n", "Ment.", width=5, align="right"),
]


@dataclass(frozen=True, slots=True)
class StripRow:
    doc_id: str
    lang: str
    title: str          # logical order, untrusted: cut and reordered for display when drawn
    length: int         # characters in the article
    offsets: tuple[int, ...]


class MentionStrips(VirtualTable):
    """The strips of one entity, one article a line: ``lang title  ─│──┃──  count``."""

    DEFAULT_CSS = """
    MentionStrips { height: 1fr; overflow-x: hidden; }
    MentionStrips > .mention-strips--bar { color: $accent; }
    """
    COMPONENT_CLASSES = VirtualTable.COMPONENT_CLASSES | {"mention-strips--bar"}

    class Selected(Message):
        """Enter on an article's strip: open it at ``offset`` (its first mention)."""

        def __init__(self, doc_id: str, offset: int) -> None:
            super().__init__()
            self.doc_id = doc_id
            self.offset = offset

    def __init__(self, **kwargs: object) -> None:
        super().__init__(COLUMNS, **kwargs)
        self.rows: list[StripRow] = []
        self.bidi = "terminal"
        self.lang_width = 3

    def set_rows(self, rows: list[StripRow], bidi: str = "terminal") -> None:
        self.rows, self.bidi = rows, bidi
        # the language column fits the longest code and a space ("und" and three-letter codes, not only "en")
        self.lang_width = max([2, *(len(r.lang) for r in rows)]) + 1
        self.set_frame(pl.DataFrame({"n": [len(r.offsets) for r in rows]}, schema={"n": pl.Int64}))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width  # never under the scrollbar: the counts stay visible
        label_width, bar_width, count_width = self._widths(width)
        if y == 0:
            header = " ".join(_fit(c.title, w, c.align) for c, w in zip(self.columns, (label_width, bar_width,
                                                                                       count_width)))
            return Strip([Segment(_fit(header, width, "left"), self.get_component_rich_style("virtual-table--header"))])
        row = self.scroll_offset.y + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        strip = self.rows[row]
        current = row == self.cursor and self.has_focus  # unfocused, the strips do not compete with the list
        base = self.get_component_rich_style("virtual-table--cursor") if current else self.rich_style
        bar_style = base if current else self.get_component_rich_style("mention-strips--bar")
        lang_width = self.lang_width
        label = _fit(f"{strip.lang:<{lang_width}}" + fit(strip.title, label_width - lang_width, self.bidi),
                     label_width, "left")
        segments = [
            Segment(label + " ", base),
            Segment(bar(strip.offsets, strip.length, bar_width), bar_style),
            Segment(" " + _fit(str(len(strip.offsets)), count_width, "right"), base),
        ]
        return Strip(segments, width).crop_extend(0, width, base if isinstance(base, Style) else None)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_select(self) -> None:
        if self.rows:
            strip = self.rows[self.cursor]
            self.post_message(self.Selected(strip.doc_id, strip.offsets[0] if strip.offsets else 0))
