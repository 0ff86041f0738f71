"""Lazy layout of a whole article into display lines: which text each screen row shows, at any width.

The reader must open a 50 MB one-line article instantly and still scroll to its end, so nothing is wrapped up
front. The article is cut into *blocks*: one per paragraph, and paragraphs longer than :data:`BLOCK_CHARS` are
cut at line-break opportunities every ~64 K characters (a line restarts there: one slightly short line per
64 K characters, invisible in practice, buys random access). Each block's height in display lines is
*estimated* from its length until it is wrapped (on demand, when it comes into view), then made exact. Heights
live in a Fenwick tree, so "which block holds row y" and "at which row does block b start" are O(log n) even
with a million paragraphs, and a correction is one O(log n) update.

Hidden paragraphs (boilerplate the user chose to hide) get no blocks; every shown paragraph but the last is
followed by ``gap`` blank rows.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.textlayout.cells import cell_len
from corpus.textlayout.wrap import first_line_break_from, grapheme_boundaries, wrap_lines

BLOCK_CHARS = 65536
_BOUNDARY_CONTEXT = 64
_BOUNDARY_LOOKAHEAD = 2048
_WRAPPED_CACHE = 512
_SAMPLES = 16
_SAMPLE_CHARS = 512

Paragraph = tuple[int, int, int, str]  # (index, start, end, kind), CONVENTIONS.md


@dataclass(frozen=True, slots=True)
class Row:
    """One display row: the text span it shows, or a blank gap row after a paragraph (``start == end``)."""

    paragraph: int  # position in the paragraph list given to the layout (not the paragraph's ``index``)
    start: int
    end: int
    first: bool  # first row of its paragraph (where the paragraph number goes)
    gap: bool


class _Fenwick:
    """Prefix sums of block heights with point updates and "which block holds row y" search."""

    def __init__(self, values: Sequence[int]) -> None:
        self.size = len(values)
        tree = array("q", [0]) * (self.size + 1)
        for index, value in enumerate(values, start=1):
            tree[index] += value
            parent = index + (index & -index)
            if parent <= self.size:
                tree[parent] += tree[index]
        self.tree = tree
        self.total = sum(values)
        self.step = 1 << max(0, self.size.bit_length() - 1)

    def add(self, index: int, delta: int) -> None:
        self.total += delta
        index += 1
        while index <= self.size:
            self.tree[index] += delta
            index += index & -index

    def prefix(self, index: int) -> int:
        """Sum of the heights of blocks ``[0, index)``."""
        total = 0
        while index > 0:
            total += self.tree[index]
            index -= index & -index
        return total

    def find(self, row: int) -> int:
        """The block holding ``row``: the largest ``i`` with ``prefix(i) <= row``."""
        position, remaining, step = 0, row, self.step
        while step:
            following = position + step
            if following <= self.size and self.tree[following] <= remaining:
                position = following
                remaining -= self.tree[following]
            step >>= 1
        return min(position, self.size - 1)


class DocumentLayout:
    """Display rows of an article at one width; blocks are wrapped when first asked for."""

    def __init__(
        self,
        text: str,
        paragraphs: Sequence[Paragraph],
        width: int,
        lang: str = "und",
        *,
        hidden_kinds: frozenset[str] = frozenset(),
        gap: int = 1,
        block_chars: int = BLOCK_CHARS,
    ) -> None:
        self.text = text
        self.paragraphs = list(paragraphs)
        self.width = max(1, width)
        self.lang = lang
        self.gap = gap
        self._cells_per_char = _average_cells_per_char(text)
        starts, ends, owners = array("q"), array("q"), array("q")
        shown = [p for p, (_, _, _, kind) in enumerate(self.paragraphs) if kind not in hidden_kinds]
        for position in shown:
            _, start, end, _ = self.paragraphs[position]
            for block_start, block_end in _blocks(text, start, end, lang, block_chars):
                starts.append(block_start)
                ends.append(block_end)
                owners.append(position)
        self._starts, self._ends, self._owners = starts, ends, owners
        last = len(starts) - 1
        self._gap_after = [i < last and owners[i + 1] != owners[i] for i in range(len(starts))]
        self._heights = array("q", (self._estimate(i) for i in range(len(starts))))
        self._tree = _Fenwick(self._heights)
        self._wrapped: OrderedDict[int, array] = OrderedDict()
        self._exact = bytearray(len(starts))

    # --- sizes -------------------------------------------------------------------------------------------
    @property
    def row_count(self) -> int:
        """Total display rows (exact for wrapped blocks, estimated for the others)."""
        return self._tree.total

    @property
    def block_count(self) -> int:
        return len(self._starts)

    def block_top(self, block: int) -> int:
        return self._tree.prefix(block)

    def block_height(self, block: int) -> int:
        return self._heights[block]

    def is_exact(self, block: int) -> bool:
        return bool(self._exact[block])

    def block_at_row(self, row: int) -> int:
        return self._tree.find(max(0, row))

    def block_of_offset(self, offset: int) -> int:
        """The block showing ``offset`` (or the next shown one, if ``offset`` is hidden or between paragraphs)."""
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset >= self._ends[index] and index + 1 < len(self._starts):
            index += 1
        return max(0, index)

    # --- wrapping ----------------------------------------------------------------------------------------
    def line_starts(self, block: int) -> array:
        """Start offsets of the wrapped lines of ``block`` (wrapping it now if needed; heights become exact)."""
        starts = self._wrapped.get(block)
        if starts is not None:
            self._wrapped.move_to_end(block)
            return starts
        starts = array("q", (s for s, _ in wrap_lines(self.text, self._starts[block], self._ends[block],
                                                        self.width, self.lang)))
        self._wrapped[block] = starts
        if len(self._wrapped) > _WRAPPED_CACHE:
            self._wrapped.popitem(last=False)
        height = len(starts) + (self.gap if self._gap_after[block] else 0)
        self._tree.add(block, height - self._heights[block])
        self._heights[block] = height
        self._exact[block] = 1
        return starts

    def row(self, row: int) -> Row | None:
        """What display row ``row`` shows (wrapping its block if needed), or None past the end."""
        if not self._starts or row < 0 or row >= self.row_count:
            return None
        block = self.block_at_row(row)
        starts = self.line_starts(block)
        line = row - self.block_top(block)
        owner = self._owners[block]
        if line >= len(starts):  # a gap row (or past the end while heights were being corrected)
            end = self._ends[block]
            return Row(owner, end, end, False, True)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else self._ends[block]
        first = line == 0 and (block == 0 or self._owners[block - 1] != owner)
        return Row(owner, start, end, first, False)

    def row_of_offset(self, offset: int) -> int:
        """The display row showing ``offset`` (exact: its block is wrapped)."""
        if not self._starts:
            return 0
        block = self.block_of_offset(offset)
        starts = self.line_starts(block)
        line = max(0, bisect_right(starts, offset) - 1)
        return self.block_top(block) + line

    def _estimate(self, block: int) -> int:
        chars = self._ends[block] - self._starts[block]
        lines = max(1, math.ceil(chars * self._cells_per_char / self.width))
        return lines + (self.gap if self._gap_after[block] else 0)


def _average_cells_per_char(text: str) -> float:
    """Cells per character over a few samples spread through the text (for height estimates)."""
    if not text:
        return 1.0
    step = max(1, len(text) // _SAMPLES)
    samples = [text[i : i + _SAMPLE_CHARS] for i in range(0, len(text), step)][:_SAMPLES]
    chars = sum(len(s) for s in samples)
    return max(0.5, sum(cell_len(s) for s in samples) / chars) * 1.05  # + the ragged right edge


def _blocks(text: str, start: int, end: int, lang: str, block_chars: int) -> list[tuple[int, int]]:
    """Cut ``[start, end)`` into blocks of about ``block_chars`` at line-break opportunities."""
    cuts = [start]
    target = start + block_chars
    while target < end - _BOUNDARY_LOOKAHEAD:
        cuts.append(_boundary_near(text, target, lang))
        target = cuts[-1] + block_chars
    cuts.append(end)
    return list(zip(cuts[:-1], cuts[1:], strict=True))


def _boundary_near(text: str, target: int, lang: str) -> int:
    """The first line-break opportunity after ``target`` (or a grapheme boundary if there is none nearby)."""
    window_start = target - _BOUNDARY_CONTEXT
    window = text[window_start : target + _BOUNDARY_LOOKAHEAD]
    usable = len(window) - _BOUNDARY_CONTEXT  # ignore the end of the window: it is not a real opportunity
    offset = first_line_break_from(window, _BOUNDARY_CONTEXT, lang)
    if offset is not None and offset < usable:
        return window_start + offset
    for offset in grapheme_boundaries(window):
        if offset >= _BOUNDARY_CONTEXT:
            return window_start + offset
    return target
