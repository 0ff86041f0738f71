"""Every bead cost of a pair at once, as NumPy matrices, and the dynamic programme that runs on them row by row.

:meth:`corpus.align.model.PairModel.bead_cost` prices one bead in Python; the search asks for tens of thousands
of them, which took most of an alignment's time (200 ms for the 49 × 80 sample pair, seconds for 1,000 × 1,000).
Here the same formula is evaluated for all beads of a shape with array arithmetic: lengths and punctuation by
element by element over the priced cells, anchor agreement by a matrix product of the two articles' anchor incidence matrices (weighted by the
pair's inverse frequencies). The DP then advances one source row at a time: moves from earlier rows are array
minima, and the within-row 0-1 moves (a constant cost each) are a running minimum, so no Python loop runs per
cell. Both are exact re-statements of the scalar model (tests compare them), with one approximation: ``erfc``
uses the Numerical Recipes Chebyshev fit (relative error below 1.2e-7), in log form so it never underflows.

For long pairs only the cells of the anchored band (:mod:`corpus.align.dp`) are priced; the matrices still take
O(source × target) memory, so :data:`DENSE_LIMIT` bounds the pairs handled here and larger ones fall back to the
cell-by-cell banded search.
"""

from __future__ import annotations

import math

import numpy as np

from corpus.align.model import (
    ANCHOR_WEIGHT,
    BEAD_SHAPES,
    NEUTRAL_DICE,
    PUNCTUATION_WEIGHT,
    WIDE_FACTOR,
    WIDE_SHARE,
    PairModel,
    _LOG_PRIOR,
)

#: Largest (source + 1) × (target + 1) cell count handled here: four float64 cost matrices plus the DP rows take
#: about 100 MB at this size (≈ 1,600 × 1,600 paragraphs).
DENSE_LIMIT = 2_500_000
#: Largest anchor incidence matrix (paragraphs × shared keys) built densely.
INCIDENCE_LIMIT = 20_000_000

LINK_SHAPES = tuple(shape for shape in BEAD_SHAPES if shape[0] and shape[1])
_NR = (-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
       -0.82215223, 0.17087277)


def log_erfc(z: np.ndarray) -> np.ndarray:
    """log erfc(z) for z ≥ 0 (Numerical Recipes ``erfcc`` kept in log form: no underflow for large z)."""
    t = 1.0 / (1.0 + 0.5 * z)
    poly = np.full_like(z, _NR[-1])
    for coefficient in reversed(_NR[:-1]):
        poly = poly * t + coefficient
    return np.log(t) - z * z + poly


def length_costs(s: np.ndarray, t: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """:func:`corpus.align.model.length_cost` element by element (source and target length sums)."""
    mean = np.maximum((s + t / ratio) / 2.0, 1.0)
    z = np.abs(t - ratio * s) / np.sqrt(mean * variance * ratio) / math.sqrt(2.0)
    narrow = math.log(1.0 - WIDE_SHARE) + log_erfc(z)
    wide = math.log(WIDE_SHARE) + log_erfc(z / WIDE_FACTOR)
    return -np.logaddexp(narrow, wide)


def _runs(values: np.ndarray, size: int, combine: str = "sum") -> np.ndarray:
    """Rows ``k`` of the result combine rows ``k .. k+size-1`` of ``values`` (a bead of ``size`` paragraphs)."""
    count = values.shape[0] - size + 1
    if count <= 0:
        return values[:0]
    out = values[:count].copy()
    for offset in range(1, size):
        part = values[offset:offset + count]
        out = out + part if combine == "sum" else np.maximum(out, part)
    return out


class CostTables:
    """Bead costs of one pair: ``link[(di, dj)][i0, j0]`` for the bead covering ``i0:i0+di`` × ``j0:j0+dj``.

    Forbidden linking beads (a boilerplate or unlinked paragraph inside, a heading merged into a 2-x bead) cost
    ``inf``. Gap beads (1-0, 0-1) cost the constant :attr:`gap` per paragraph, as in the scalar model.
    """

    def __init__(self, model: PairModel, source_null: list[bool], target_null: list[bool],
                 source_whole: list[bool], target_whole: list[bool], band: np.ndarray | None = None) -> None:
        """``band``, if given, is a boolean (source + 1) × (target + 1) mask of the DP cells worth searching:
        only beads starting and ending inside it are priced (the rest cost ``inf``)."""
        self.gap = _LOG_PRIOR[(1, 0)]
        n, m = len(model.source_length), len(model.target_length)
        lengths = np.asarray(model.source_length, dtype=float), np.asarray(model.target_length, dtype=float)
        punctuation = (np.asarray(model.source_punctuation, dtype=float).reshape(n, -1),
                       np.asarray(model.target_punctuation, dtype=float).reshape(m, -1))
        incidence = _incidence(model) if model.use_anchors else None
        null = np.asarray(source_null, dtype=bool), np.asarray(target_null, dtype=bool)
        whole = np.asarray(source_whole, dtype=bool), np.asarray(target_whole, dtype=bool)
        self.link: dict[tuple[int, int], np.ndarray] = {}
        for di, dj in LINK_SHAPES:
            rows_allowed = ~(_runs(null[0], di, "max") | (_runs(whole[0], di, "max") if di == 2 else False))
            cols_allowed = ~(_runs(null[1], dj, "max") | (_runs(whole[1], dj, "max") if dj == 2 else False))
            allowed = rows_allowed[:, None] & cols_allowed[None, :]
            if band is not None:
                allowed &= band[:n - di + 1, :m - dj + 1] & band[di:, dj:]
            rows, cols = np.nonzero(allowed)
            cost = _LOG_PRIOR[(di, dj)] + length_costs(_runs(lengths[0], di)[rows], _runs(lengths[1], dj)[cols],
                                                       model.ratio, model.variance)
            if model.use_anchors:
                assert incidence is not None
                cost += _anchor_costs(model, incidence, di, dj, rows, cols)
                cost += _punctuation_costs(_runs(punctuation[0], di)[rows], _runs(punctuation[1], dj)[cols])
            table = np.full(allowed.shape, np.inf)
            table[rows, cols] = cost
            self.link[(di, dj)] = table

    def run(self, i0: int, i1: int, j0: int, j1: int) -> list[tuple[int, int, int, int]]:
        """Best bead sequence covering source ``i0:i1`` × target ``j0:j1``, as (i0, i1, j0, j1) spans."""
        width = j1 - j0 + 1
        columns = np.arange(width, dtype=float)
        offsets = self.gap * columns
        rows: list[np.ndarray] = []
        moves: list[np.ndarray] = []
        for i in range(i0, i1 + 1):
            best = np.full(width, np.inf)
            move = np.full(width, -1, dtype=np.int8)
            if i == i0:
                best[0] = 0.0
            for number, (di, dj) in enumerate(BEAD_SHAPES):
                if di == 0 or i - di < i0:
                    continue
                previous = rows[i - di - i0]
                if dj == 0:
                    total = previous + self.gap
                    better = total < best
                else:
                    if width <= dj:
                        continue
                    total = previous[:width - dj] + self.link[(di, dj)][i - di, j0:j1 + 1 - dj]
                    better = np.zeros(width, dtype=bool)
                    better[dj:] = total < best[dj:]
                    total = np.concatenate((np.full(dj, np.inf), total))
                best = np.where(better, total, best)
                move = np.where(better, number, move)
            # 0-1 moves within the row: best[j] = min over k <= j of best[k] + gap × (j - k)
            shifted = best - offsets
            running = np.minimum.accumulate(shifted)
            from_left = running < shifted
            best = np.where(from_left, running + offsets, best)
            move = np.where(from_left, BEAD_SHAPES.index((0, 1)), move)
            rows.append(best)
            moves.append(move)
        spans = []
        i, j = i1, j1
        while (i, j) != (i0, j0):
            di, dj = BEAD_SHAPES[int(moves[i - i0][j - j0])]
            spans.append((i - di, i, j - dj, j))
            i, j = i - di, j - dj
        return spans[::-1]


def _incidence(model: PairModel) -> tuple[np.ndarray, np.ndarray]:
    """Weighted anchor incidence: ``source[i, k]`` is the weight of shared key ``k`` if paragraph ``i`` has it."""
    keys = {key: column for column, key in enumerate(model.weights)}
    weights = np.fromiter(model.weights.values(), dtype=float, count=len(keys))

    def matrix(anchors: list[frozenset[str]]) -> np.ndarray:
        out = np.zeros((len(anchors), len(keys)))
        for row, paragraph in enumerate(anchors):
            columns = [keys[key] for key in paragraph]
            out[row, columns] = weights[columns]
        return out

    return matrix(model.source_anchors), matrix(model.target_anchors)


def _anchor_costs(model: PairModel, incidence: tuple[np.ndarray, np.ndarray], di: int, dj: int,
                  rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """``ANCHOR_WEIGHT × evidence × (NEUTRAL_DICE − weighted Dice)`` for the beads of shape ``di × dj`` starting
    at ``(rows[k], cols[k])``."""
    source = _runs(incidence[0], di, "max")  # a key in either paragraph of a 2-x bead counts once
    target = _runs(incidence[1], dj, "max")
    common = (source @ (target > 0).T.astype(float))[rows, cols]
    total = source.sum(axis=1)[rows] + target.sum(axis=1)[cols]
    with np.errstate(invalid="ignore", divide="ignore"):
        dice = np.where(total > 0, 2.0 * common / total, 0.0)
    evidence = np.minimum(1.0, total / (2.0 * model.reference_weight))
    return np.where(total > 0, ANCHOR_WEIGHT * evidence * (NEUTRAL_DICE - dice), 0.0)


def _punctuation_costs(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``PUNCTUATION_WEIGHT × (0.5 − shared / larger)`` where at least two punctuation marks occur, else 0
    (``source`` and ``target`` are the class counts of each bead's two sides, row by row)."""
    larger = np.maximum(source, target).sum(axis=1)
    smaller = np.minimum(source, target).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(larger >= 2, PUNCTUATION_WEIGHT * (0.5 - smaller / larger), 0.0)


def fits(source_count: int, target_count: int, keys: int) -> bool:
    """Whether the pair is small enough for these matrices (else the cell-by-cell banded search runs)."""
    return (source_count + 1) * (target_count + 1) <= DENSE_LIMIT and max(source_count, target_count) * keys <= INCIDENCE_LIMIT
