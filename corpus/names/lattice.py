"""The learned reading of a transliterated form that best fits one query: each unit may render any of its learned
chunks, and the query picks.

One best chunk per unit ignores context: katakana ス renders s in "st" and su elsewhere, Chinese 尔 renders r, l or
nothing, 特 t or te, and Arabic و o, u or w. A form's *lattice* holds, per unit, every chunk the learned table
kept for it with its probability (:func:`corpus.names.romanise.learned_units`). :func:`decode` walks the lattice
against the query's romanisation with an edit distance in which each unit may take any of its chunks, a less
probable chunk costing a little more (:data:`ALTERNATIVE_COST` times the log-odds against the unit's reading), and
returns the chunks it took: the reading of this form that sounds most like this query. The scorer then scores that
reading as it scores any other (:mod:`corpus.names.score`), so the score keeps its scale and cutoffs.

Lattices are built once per distinct form (with its key); decoding is per query and candidate, so the scorer only
decodes candidates that already passed the skeleton gate.
"""

from __future__ import annotations

import math
from functools import lru_cache

from corpus.names.romanise import Chunks

# Cost of a unit's less probable chunk, in letters of edit distance per unit of log-odds against its reading:
# 0.5 lets an alternative of half the reading's probability win over one letter of mismatch.
ALTERNATIVE_COST = 0.5

Lattice = tuple[tuple[tuple[str, float], ...], ...]


def _rounded(cost: float) -> float:
    """Three significant digits, exactly what :func:`lattice_text` keeps, so a parsed lattice decodes the same."""
    return float(f"{cost:.3g}")


def lattice_of(units: tuple[Chunks, ...]) -> Lattice:
    """Per unit, its chunks with their costs (the reading 0); empty when no unit has an alternative (decoding could
    only return the reading)."""
    if all(len(chunks) < 2 for chunks in units):
        return ()
    out = []
    for chunks in units:
        best = chunks[0][1]
        out.append(tuple((chunk, _rounded(ALTERNATIVE_COST * math.log(best / prob))) for chunk, prob in chunks))
    return tuple(out)


def lattice_text(lattice: Lattice) -> str:
    """A lattice as one string, for frames (the search index): ``ge:0,gue:0.112|z:0,ts:0.094``."""
    return "|".join(",".join(f"{chunk}:{cost:.3g}" for chunk, cost in chunks) for chunks in lattice)


@lru_cache(maxsize=65536)
def parse_lattice(text: str) -> Lattice:
    """The lattice :func:`lattice_text` wrote (costs rounded to three digits); ``()`` for an empty string."""
    if not text:
        return ()
    return tuple(
        tuple((chunk, float(cost)) for chunk, _, cost in (item.rpartition(":") for item in unit.split(",")))
        for unit in text.split("|")
    )


@lru_cache(maxsize=65536)
def decode(lattice: Lattice, target: str) -> str:
    """The path through ``lattice`` closest to ``target`` (edit distance plus the chunks' costs), as the text of
    the chunks it takes."""
    width = len(target) + 1
    cost = [float(j) for j in range(width)]
    text = [""] * width
    for chunks in lattice:
        new_cost = [math.inf] * width
        new_text = [""] * width
        for chunk, chunk_cost in chunks:
            row = cost
            origin = list(range(width))
            for letter in chunk:
                above, above_origin = row, origin
                row = [above[0] + 1.0] + [0.0] * (width - 1)
                origin = [above_origin[0]] + [0] * (width - 1)
                for j in range(1, width):
                    best, src = above[j] + 1.0, above_origin[j]  # the chunk's letter matches nothing
                    step = above[j - 1] + (letter != target[j - 1])
                    if step < best:
                        best, src = step, above_origin[j - 1]
                    if row[j - 1] + 1.0 < best:  # the target's letter matches nothing
                        best, src = row[j - 1] + 1.0, origin[j - 1]
                    row[j], origin[j] = best, src
            for j in range(width):
                total = row[j] + chunk_cost
                if total < new_cost[j]:
                    new_cost[j], new_text[j] = total, text[origin[j]] + chunk
        cost, text = new_cost, new_text
    return text[-1]
