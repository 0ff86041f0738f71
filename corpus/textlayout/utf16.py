"""Convert ICU's UTF-16 offsets to Python code-point offsets.

ICU (BreakIterator, Bidi) counts UTF-16 code units, so every astral character (𠮷, emoji, many rare CJK
ideographs) counts 2 there and 1 in a Python ``str``. Offsets are converted at the ICU boundary so nothing
above this layer ever sees a UTF-16 offset (CONVENTIONS.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def code_unit_starts_of_astral(text: str) -> list[int]:
    """UTF-16 offsets at which each astral character of ``text`` starts, ascending."""
    return [match.start() + rank for rank, match in enumerate(_ASTRAL.finditer(text))]


def to_code_points(text: str) -> Callable[[int], int]:
    """A function mapping a UTF-16 offset in ``text`` (never inside a surrogate pair) to a code-point offset."""
    astral = code_unit_starts_of_astral(text)
    if not astral:
        return int
    return lambda unit: unit - bisect_left(astral, unit)


def code_point_of_each_unit(text: str) -> list[int]:
    """For each UTF-16 code unit of ``text``, the code-point index it belongs to (both halves of a pair share one)."""
    owners: list[int] = []
    for index, ch in enumerate(text):
        owners.append(index)
        if ord(ch) > 0xFFFF:
            owners.append(index)
    return owners
