"""Wrap a span of article text into display lines with ICU line-break opportunities (UAX #14).

Textual and Rich wrap at whitespace only, so Chinese and Japanese (no spaces) are cut at an arbitrary cell and
kinsoku rules (no line starts with 。 or 、) are ignored. Here the break opportunities come from ICU's line
BreakIterator for the article's language, so CJK wraps between characters where UAX #14 allows it and
Latin/Cyrillic/Arabic wrap at spaces. Lines are returned as ``(start, end)`` offsets into the original text:
nothing is copied or normalised, so search hits, entities and annotations map straight onto display lines.

Conventions of the result (what tests/test_textlayout_wrap.py checks):

* the lines cover ``[start, end)`` exactly, in order, without gaps (an empty span gives one empty line);
* spaces at the end of a line *hang*: they belong to that line but are not counted against ``width`` (as in
  browsers), so no line ever starts with the space that separated it from the previous one, and the renderer
  simply does not draw hanging spaces past the width;
* the visible part of a line (without hanging spaces) is at most ``width`` cells, except a line holding a single
  grapheme cluster wider than ``width`` (a 2-cell ideograph at width 1);
* a word longer than ``width`` is split at grapheme-cluster boundaries, so a surrogate pair, a base with its
  combining marks, or a wide character is never cut.

Degenerate input whose one line is longer than a window (tens of thousands of zero-width characters, or a
"grapheme cluster" that long) is cut at the window's end so wrapping always advances.

Wrapping is lazy: :func:`wrap_lines` is a generator that runs ICU on one window (~64 K code points) at a time,
so the first screen of a 50 MB one-line article is ready after one window, not after the whole text.
"""

from __future__ import annotations

from collections.abc import Iterator

from corpus.breakers import break_iterator
from corpus.textlayout.cells import cell_len
from corpus.textlayout.inert import inert
from corpus.textlayout.utf16 import to_code_points

WINDOW = 65536
# Break opportunities this close to the end of a window may change once ICU sees the following text (UAX #14
# rules look a few characters ahead), so they are only trusted when the window reaches the end of the span.
_MARGIN = 256
_HANGING = " "

def _boundaries(kind: str, text: str, lang: str) -> list[int]:
    """Code-point offsets of the ICU boundaries of ``text`` after 0 (the last one is ``len(text)``)."""
    if not text:
        return []
    iterator = break_iterator(kind, lang)
    iterator.setText(text)
    convert = to_code_points(text)
    return [convert(unit) for unit in iterator]


def line_break_opportunities(text: str, lang: str = "und") -> list[int]:
    """Offsets (code points, after 0) where UAX #14 allows a line to end in ``text``; the last is ``len(text)``."""
    return _boundaries("line", text, lang)


def first_line_break_from(text: str, offset: int, lang: str = "und") -> int | None:
    """The first line-break opportunity at or after ``offset`` in ``text`` (code points), or None if there is
    none before the end of ``text`` (the end itself does not count).

    Asks ICU for one boundary (``following``) instead of listing the whole text's: cutting a 50 MB article into
    blocks needs one per 64 K characters.
    """
    if not 0 < offset < len(text):
        return None
    iterator = break_iterator("line", lang)
    iterator.setText(text)
    unit_offset = offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)  # UTF-16 units before ``offset``
    unit = iterator.following(unit_offset - 1)  # the first boundary after offset - 1, i.e. at or after offset
    if unit < 0:
        return None
    found = to_code_points(text)(unit)
    return found if found < len(text) else None


def grapheme_boundaries(text: str) -> list[int]:
    """Offsets (code points, after 0) of the ends of the grapheme clusters of ``text``."""
    return _boundaries("character", text, "und")


class _LineFiller:
    """Greedy first-fit of break-opportunity segments into lines of ``width`` cells, over one display window."""

    def __init__(self, display: str, width: int) -> None:
        self.display = display
        self.width = width
        self.lines: list[tuple[int, int]] = []
        self.line_start = 0
        self.line_cells = 0  # cells of the current line, hanging spaces of its last segment included

    def add_segment(self, start: int, end: int) -> None:
        segment = self.display[start:end]
        visible = segment.rstrip(_HANGING)
        visible_cells = cell_len(visible)
        if self.line_cells + visible_cells <= self.width:
            self.line_cells += visible_cells + (end - start - len(visible))
            return
        if self.line_start < start:
            self.lines.append((self.line_start, start))
            self.line_start, self.line_cells = start, 0
            if visible_cells <= self.width:
                self.line_cells = visible_cells + (end - start - len(visible))
                return
        self._split_long_word(start, start + len(visible))
        self.line_cells += end - start - len(visible)

    def _split_long_word(self, start: int, end: int) -> None:
        """Hard-split a word wider than the line at grapheme-cluster boundaries (the line is empty here)."""
        previous = start
        for boundary in grapheme_boundaries(self.display[start:end]):
            cluster_end = start + boundary
            cells = cell_len(self.display[previous:cluster_end])
            if self.line_cells + cells > self.width and self.line_start < previous:
                self.lines.append((self.line_start, previous))
                self.line_start, self.line_cells = previous, 0
            self.line_cells += cells
            previous = cluster_end


def wrap_lines(
    text: str, start: int, end: int, width: int, lang: str = "und", *, window: int = WINDOW
) -> Iterator[tuple[int, int]]:
    """Display lines of ``text[start:end]`` at most ``width`` cells wide, as (start, end) offsets into ``text``.

    ``lang`` is a BCP-47 tag choosing ICU's tailoring (e.g. ``ja`` for Japanese kinsoku strictness).
    """
    width = max(1, width)
    window = max(window, 16 * width, 4 * _MARGIN)
    if start >= end:
        yield start, start
        return
    position = start  # start of the line that is not finished yet
    while True:
        window_end = min(end, position + window)
        final = window_end == end
        # ICU also sees up to _MARGIN characters before the window: some UAX #14 rules look back (numbers after
        # "-", spaces after ZWSP...), so a window starting mid-span must not invent a break the span lacks.
        lead = min(_MARGIN, position - start)
        breaks = [b - lead for b in line_break_opportunities(inert(text[position - lead : window_end]), lang)
                  if b > lead]
        display = inert(text[position:window_end])
        if not final:
            cutoff = len(display) - _MARGIN
            breaks = [offset for offset in breaks if offset <= cutoff]
            if not breaks:  # one enormous word: any grapheme boundary lets the filler split it
                clusters = [b for b in grapheme_boundaries(display[: cutoff + 1]) if b <= cutoff]
                breaks = [clusters[-1] if clusters else cutoff]
        filler = _LineFiller(display, width)
        previous = 0
        for boundary in breaks:
            filler.add_segment(previous, boundary)
            previous = boundary
        if not final and not filler.lines:
            # A single line longer than the window (only zero-width junk or a giant cluster can do that):
            # end it at the window's last usable boundary so wrapping always advances.
            filler.lines.append((0, breaks[-1]))
            filler.line_start = breaks[-1]
        for line_start, line_end in filler.lines:
            yield position + line_start, position + line_end
        if final:
            yield position + filler.line_start, end
            return
        position += filler.line_start
