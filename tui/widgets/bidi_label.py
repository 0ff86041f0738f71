"""Short strings (titles, headers, table cells) shown through the same bidi and inert layer as the article text.

A title is cut to its width in *logical* order first (the ellipsis goes where the title logically ends) and only
then reordered for display, so an Arabic title keeps its first words, shown on the right, instead of losing them
to a crop made in screen order.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from corpus.textlayout.bidi import first_strong_is_rtl, visual_line
from corpus.textlayout.cells import cell_len, char_width

ELLIPSIS = "…"


def truncate(text: str, width: int) -> str:
    """``text`` on one line, at most ``width`` cells, ending in ``…`` when cut (logical order)."""
    flat = " ".join(text.split())
    out: list[str] = []
    used = 0
    for ch in flat:
        cells = char_width(ch)
        if used + cells > width:
            while out and used + 1 > width:
                used -= char_width(out.pop())
            if width > 0:
                out.append(ELLIPSIS)
            return "".join(out)
        out.append(ch)
        used += cells
    return "".join(out)


def display_form(text: str, mode: str, *, shape: bool = True) -> str:
    """One line of ``text`` as drawn in bidi ``mode``: inert, and in ``app`` mode reordered (and shaped)."""
    rtl = first_strong_is_rtl(text)
    return visual_line(text, 0, len(text), rtl=rtl, mode=mode, shape=shape and mode == "app").chars  # type: ignore[arg-type]


def fit(text: str, width: int, mode: str, *, shape: bool = True) -> str:
    """``text`` cut to ``width`` cells in logical order, then put in display order for ``mode``."""
    return display_form(truncate(text, width), mode, shape=shape)


class BidiLabel(Widget):
    """A one-line label: ``lead`` (an untrusted string, e.g. a title) fitted to the space ``tail`` leaves."""

    DEFAULT_CSS = "BidiLabel { height: 1; }"

    lead: reactive[str] = reactive("")
    tail: reactive[str] = reactive("")
    mode: reactive[str] = reactive("terminal")

    def __init__(self, lead: str = "", tail: str = "", *, mode: str = "terminal", shape: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.shape = shape
        self.set_reactive(BidiLabel.lead, lead)
        self.set_reactive(BidiLabel.tail, tail)
        self.set_reactive(BidiLabel.mode, mode)

    def render(self) -> Text:
        room = max(0, self.content_region.width - cell_len(self.tail))
        text = Text(fit(self.lead, room, self.mode, shape=self.shape), style="bold")
        text.append(self.tail)
        return text
