"""Monotone paragraph alignment by dynamic programming over beads 1-1, 1-0, 0-1, 2-1, 1-2, 2-2.

The search runs over list positions; results carry paragraph indices. Two things keep it fast and robust:

* **Anchored band.** Reliable links (anchors unique to one paragraph on each side, chained monotonically) cut a
  long pair into the rectangles between consecutive links; only cells inside those rectangles (plus a margin,
  and a diagonal corridor where a rectangle is huge) are searched. Short pairs are searched in full.
* **Constraints.** Boilerplate and user-unlinked paragraphs may only sit in 1-0 / 0-1 beads; headings are never
  merged into 2-x beads (a headline glued to the lead is the commonest false merge); user-fixed beads pin the
  path, and the pieces between them are aligned independently.

A paragraph repeated at the top of one article (a "teaser" of later paragraphs) costs one 1-0 bead there: the
search is monotone, so the copy at the top cannot also link to its counterpart further down.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from corpus.align.costs import CostTables, fits
from corpus.align.features import ParagraphFeatures
from corpus.align.model import BEAD_SHAPES, PairModel, build_model
from corpus.align.result import Alignment, Bead

#: Pairs with at most this many cells are searched in full.
FULL_SEARCH_CELLS = 6_400
#: Margin (paragraphs) around each rectangle between reliable links, for a misplaced link.
BAND_MARGIN = 4
#: Half-width of the diagonal corridor used inside rectangles larger than FULL_SEARCH_CELLS.
CORRIDOR = 30

#: Cost margin (nats) at which a link scores 0.5, and the margin that moves the score by one logit.
CONFIDENCE_MIDPOINT = 3.0
CONFIDENCE_SCALE = 1.5

_INF = math.inf


@dataclass(frozen=True, slots=True)
class Constraints:
    """Fixed beads and forced-unaligned paragraphs, in paragraph *indices* (see :mod:`corpus.align.fixes`)."""

    fixed: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...] = ()
    unlinked_source: frozenset[int] = field(default_factory=frozenset)
    unlinked_target: frozenset[int] = field(default_factory=frozenset)


def align(
    source: Sequence[ParagraphFeatures],
    target: Sequence[ParagraphFeatures],
    constraints: Constraints | None = None,
) -> Alignment:
    """Align two articles' paragraphs using lengths, anchors, paragraph kinds and the given constraints."""
    model = build_model(source, target)
    constraints = constraints or Constraints()
    source_null = [f.kind == "boilerplate" or f.index in constraints.unlinked_source for f in source]
    target_null = [f.kind == "boilerplate" or f.index in constraints.unlinked_target for f in target]
    source_whole = [f.kind == "heading" for f in source]
    target_whole = [f.kind == "heading" for f in target]
    search = _Search(model, source_null, target_null, source_whole, target_whole)
    return _assemble(source, target, search, _fixed_positions(source, target, constraints))


def gale_church_baseline(source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures]) -> Alignment:
    """Plain length-only Gale–Church (pair-estimated ratio, no anchors, kinds or constraints), for comparison."""
    model = build_model(source, target, use_anchors=False)
    no = [False] * len(source), [False] * len(target)
    search = _Search(model, no[0], no[1], no[0], no[1])
    return _assemble(source, target, search, [])


def _fixed_positions(
    source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures], constraints: Constraints,
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Fixed beads as list positions, in order; a fix crossing a later one is dropped (the last fix wins).

    Only linking beads are pinned; a paragraph the user left without counterpart is an ``unlinked_*`` entry.
    """
    source_at = {f.index: position for position, f in enumerate(source)}
    target_at = {f.index: position for position, f in enumerate(target)}
    kept: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for source_indices, target_indices in reversed(constraints.fixed):
        if not source_indices or not target_indices:
            continue
        if not all(i in source_at for i in source_indices) or not all(j in target_at for j in target_indices):
            continue
        bead = (tuple(sorted(source_at[i] for i in source_indices)), tuple(sorted(target_at[j] for j in target_indices)))
        if _contiguous(bead[0]) and _contiguous(bead[1]) and all(_ordered(bead, other) for other in kept):
            kept.append(bead)
    return sorted(kept)


def _contiguous(positions: tuple[int, ...]) -> bool:
    return all(b == a + 1 for a, b in zip(positions, positions[1:], strict=False))


def _ordered(a: tuple[tuple[int, ...], tuple[int, ...]], b: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    """Two fixed beads can both hold: one lies wholly before the other on both sides."""
    return (a[0][-1] < b[0][0] and a[1][-1] < b[1][0]) or (b[0][-1] < a[0][0] and b[1][-1] < a[1][0])


class _Search:
    """The DP over one rectangle of positions, with the pair's model and per-position restrictions."""

    def __init__(self, model: PairModel, source_null: list[bool], target_null: list[bool],
                 source_whole: list[bool], target_whole: list[bool]) -> None:
        self.model = model
        self.source_null, self.target_null = source_null, target_null
        self.source_whole, self.target_whole = source_whole, target_whole
        self.tables: CostTables | None = None

    def prepare(self, rectangles: list[tuple[int, int, int, int]]) -> None:
        """Price every bead the searches of ``rectangles`` may use at once, when the pair fits in memory."""
        n, m = len(self.model.source_length), len(self.model.target_length)
        if not fits(n, m, len(self.model.weights)):
            return
        band = None
        if n * m > FULL_SEARCH_CELLS:
            band = np.zeros((n + 1, m + 1), dtype=bool)
            for i0, i1, j0, j1 in rectangles:
                lo, hi = self._band(i0, i1, j0, j1)
                for row, (first, last) in enumerate(zip(lo, hi, strict=True)):
                    band[i0 + row, first:last + 1] = True
        self.tables = CostTables(self.model, self.source_null, self.target_null, self.source_whole,
                                 self.target_whole, band)

    def _allowed(self, i0: int, i1: int, j0: int, j1: int) -> bool:
        di, dj = i1 - i0, j1 - j0
        if di and dj and (any(self.source_null[i0:i1]) or any(self.target_null[j0:j1])):
            return False
        if di == 2 and any(self.source_whole[i0:i1]) or dj == 2 and any(self.target_whole[j0:j1]):
            return False
        return True

    def run(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int, int, int]]:
        """Best bead sequence covering source ``i0:i1`` and target ``j0:j1``, as (i0, i1, j0, j1) spans.

        Pairs that fit in memory run the vectorised programme of :mod:`corpus.align.costs` over the whole
        rectangle; larger ones search the anchored band cell by cell.
        """
        if self.tables is not None:
            return self.tables.run(i0, i1, j0, j1)
        lo, hi = self._band(i0, i1, j0, j1)
        cost: list[list[float]] = []
        back: list[list[int]] = []
        bead_cost = self.model.bead_cost
        for i in range(i0, i1 + 1):
            row_lo, row_hi = lo[i - i0], hi[i - i0]
            row_cost = [_INF] * (row_hi - row_lo + 1)
            row_back = [-1] * (row_hi - row_lo + 1)
            for j in range(row_lo, row_hi + 1):
                if i == i0 and j == j0:
                    row_cost[0] = 0.0
                    continue
                best, best_move = _INF, -1
                for move, (di, dj) in enumerate(BEAD_SHAPES):
                    pi, pj = i - di, j - dj
                    if pi < i0 or pj < j0:
                        continue
                    if pi == i:
                        previous = row_cost[pj - row_lo] if pj >= row_lo else _INF
                    else:
                        p_lo, p_hi = lo[pi - i0], hi[pi - i0]
                        if not p_lo <= pj <= p_hi:
                            continue
                        previous = cost[pi - i0][pj - p_lo]
                    if previous == _INF or not self._allowed(pi, i, pj, j):
                        continue
                    total = previous + bead_cost(pi, i, pj, j)
                    if total < best:
                        best, best_move = total, move
                row_cost[j - row_lo] = best
                row_back[j - row_lo] = best_move
            cost.append(row_cost)
            back.append(row_back)
        spans = []
        i, j = i1, j1
        while (i, j) != (i0, j0):
            di, dj = BEAD_SHAPES[back[i - i0][j - lo[i - i0]]]
            spans.append((i - di, i, j - dj, j))
            i, j = i - di, j - dj
        return spans[::-1]

    def _band(self, i0: int, i1: int, j0: int, j1: int) -> tuple[list[int], list[int]]:
        """Per source row, the first and last target column searched (inclusive)."""
        rows = i1 - i0 + 1
        if (i1 - i0) * (j1 - j0) <= FULL_SEARCH_CELLS:
            return [j0] * rows, [j1] * rows
        points = [(i0, j0)] + [(i, j) for i, j in self.model.links if i0 <= i < i1 and j0 <= j < j1] + [(i1, j1)]
        lo, hi = [j1] * rows, [j0] * rows
        for (a, b), (c, d) in zip(points, points[1:], strict=False):
            huge = (c - a) * (d - b) > FULL_SEARCH_CELLS
            for i in range(max(i0, a - BAND_MARGIN), min(i1, c + BAND_MARGIN) + 1):
                first, last = b - BAND_MARGIN, d + BAND_MARGIN
                if huge:  # no anchor inside: follow the rectangle's diagonal
                    centre = b + (d - b) * (i - a) / max(1, c - a)
                    first, last = max(first, int(centre) - CORRIDOR), min(last, int(centre) + CORRIDOR)
                lo[i - i0] = min(lo[i - i0], max(j0, first))
                hi[i - i0] = max(hi[i - i0], min(j1, last))
        lo[0], hi[-1] = j0, j1
        for k in range(1, rows):  # monotone and connected: row k starts no later than row k-1 ends
            lo[k] = min(max(lo[k], lo[k - 1]), hi[k - 1])
            hi[k] = max(hi[k], lo[k])
        return lo, hi


def _assemble(
    source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures], search: _Search,
    fixed: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> Alignment:
    """Search the pieces between fixed beads, then turn spans into scored beads of paragraph indices."""
    pieces: list[tuple[int, int, int, int, bool]] = []  # rectangles to search (False) and fixed beads (True)
    i, j = 0, 0
    for source_positions, target_positions in fixed:
        pieces.append((i, source_positions[0], j, target_positions[0], False))
        pieces.append((source_positions[0], source_positions[-1] + 1, target_positions[0],
                       target_positions[-1] + 1, True))
        i, j = source_positions[-1] + 1, target_positions[-1] + 1
    pieces.append((i, len(source), j, len(target), False))
    search.prepare([piece[:4] for piece in pieces if not piece[4]])
    spans: list[tuple[int, int, int, int, bool]] = []
    for *rectangle, pinned in pieces:
        spans += [(*rectangle, True)] if pinned else [(*span, False) for span in search.run(*rectangle)]
    beads = [
        Bead(
            source=tuple(f.index for f in source[a:b]),
            target=tuple(f.index for f in target[c:d]),
            score=1.0 if pinned else _confidence(search, a, b, c, d),
            fixed=pinned,
        )
        for a, b, c, d, pinned in spans
    ]
    return Alignment(
        beads=beads,
        source_paragraphs=[(f.index, f.start, f.end, f.kind) for f in source],
        target_paragraphs=[(f.index, f.start, f.end, f.kind) for f in target],
    )


def _link_confidence(model: PairModel, i0: int, i1: int, j0: int, j1: int) -> float:
    """How sure a link is: the margin by which linking beats leaving its paragraphs unaligned, squashed to 0..1.

    The margin counts length fit, anchor agreement and bead shape alike (it is the DP's own cost difference);
    :data:`CONFIDENCE_MIDPOINT` is the margin that scores 0.5.
    """
    unlinked = model.bead_cost(i0, i1, j0, j0) + model.bead_cost(i1, i1, j0, j1)
    margin = unlinked - model.bead_cost(i0, i1, j0, j1)
    return 1.0 / (1.0 + math.exp(-(margin - CONFIDENCE_MIDPOINT) / CONFIDENCE_SCALE))


def _confidence(search: _Search, i0: int, i1: int, j0: int, j1: int) -> float:
    """Score of a searched bead; for a 1-0 / 0-1 bead, one minus the best link it could have had nearby."""
    model = search.model
    if i1 > i0 and j1 > j0:
        return _link_confidence(model, i0, i1, j0, j1)
    if i1 > i0 and search.source_null[i0] or j1 > j0 and search.target_null[j0]:
        return 1.0
    if i1 > i0:
        others = [(j0 - 1, j0), (j0, j0 + 1)]
        candidates = [(i0, i1, a, b) for a, b in others if 0 <= a and b <= len(model.target_length)]
    else:
        others = [(i0 - 1, i0), (i0, i0 + 1)]
        candidates = [(a, b, j0, j1) for a, b in others if 0 <= a and b <= len(model.source_length)]
    best = max((_link_confidence(model, *candidate) for candidate in candidates), default=0.0)
    return 1.0 - best
