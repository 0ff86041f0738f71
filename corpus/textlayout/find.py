"""Find a typed string in an article, ignoring case and width, reporting offsets into the original text.

The reader's ``f`` finds what the user typed the way a browser's find-in-page does: ``Altman`` finds
``ALTMAN``, ``ａｌｔｍａｎ`` (full-width) finds ``altman``, half-width ``ｶﾀｶﾅ`` finds ``カタカナ``, and a precomposed
``é`` finds a decomposed ``e`` + U+0301. Both sides are folded character by character (NFKD, then
``str.casefold``), so each original character owns a known run of folded characters and every match maps back
to exact original offsets (CONVENTIONS.md): the highlight covers the characters that matched, never a folded copy.

A match must begin and end on original character boundaries: searching ``s`` does not stop inside ``ß``
(folded ``ss``), and ``e`` does not match the first half of a precomposed ``é``.

Folding runs chunk by chunk at C speed (``str.lower``, or ``unicodedata.normalize`` + ``casefold``, which
give the concatenation of the per-character folds); characters that fold to several (``ß``, ``أ``, precomposed
letters, voiced kana) are located with one regex pass per chunk to build the offset map. A 50 MB article still
takes seconds, so callers fold it off the UI thread once and reuse the :class:`FoldedText` for every query.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

_CHUNK = 65536


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character (never empty)."""
    return unicodedata.normalize("NFKD", ch).casefold() or ch


@lru_cache(maxsize=1)
def _expanding_bmp() -> re.Pattern[str]:
    """A character class of the BMP characters that fold to several (built once, ~0.1 s)."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF or len(unicodedata.normalize("NFKD", chr(cp)).casefold()) < 2:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


def fold(text: str) -> str:
    """The folded form of a query (character by character, like the text it is matched against)."""
    return "".join(map(fold_char, text))


class FoldedText:
    """An article's folded text with the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        # For every character that folds to several, its original offset, its folded offset and folded length.
        self._orig_starts: list[int] = []
        self._folded_starts: list[int] = []
        self._folded_lengths: list[int] = []
        self._extra_after: list[int] = []  # folded chars added by expanding characters up to and including this one
        parts: list[str] = []
        for base in range(0, len(text), _CHUNK):
            parts.append(self._fold_chunk(text[base : base + _CHUNK], base))
        self.folded = "".join(parts)

    def _fold_chunk(self, chunk: str, base: int) -> str:
        """Fold one chunk at C speed; chunks holding characters that fold to several also extend the offset map."""
        if chunk.isascii():
            return chunk.lower()  # casefold == lower on ASCII, and NFKD changes nothing
        folded = unicodedata.normalize("NFKD", chunk).casefold()
        if len(folded) == len(chunk):  # no character folds to several (none folds to nothing): offsets are 1:1
            return folded
        positions = [match.start() for match in _expanding_bmp().finditer(chunk)]
        lengths = [len(fold_char(chunk[p])) for p in positions]
        if len(folded) != len(chunk) + sum(lengths) - len(positions):  # an astral one, or marks reordered
            expanding = {ch for ch in set(chunk) if len(fold_char(ch)) != 1}
            positions = [p for p, ch in enumerate(chunk) if ch in expanding]
            lengths = [len(fold_char(chunk[p])) for p in positions]
            folded = "".join(map(fold_char, chunk))
        extra = self._extra_after[-1] if self._extra_after else 0
        after = list(accumulate((n - 1 for n in lengths), initial=extra))  # extra before each, then after the last
        self._orig_starts.extend(base + p for p in positions)
        self._folded_starts.extend(base + p + e for p, e in zip(positions, after))
        self._folded_lengths.extend(lengths)
        self._extra_after.extend(after[1:])
        return folded

    def _to_original(self, folded: int) -> int | None:
        """The original offset at folded offset ``folded``, or None if it falls inside one character's run."""
        k = bisect_right(self._folded_starts, folded) - 1 if self._orig_starts else -1
        if k < 0:
            return folded
        inside = folded - self._folded_starts[k]
        if inside == 0:
            return self._orig_starts[k]
        if inside < self._folded_lengths[k]:
            return None
        return folded - self._extra_after[k]

    def find_all(self, query: str, limit: int | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` original offsets of the non-overlapping matches of ``query``, in text order."""
        needle = fold(query)
        if not needle:
            return []
        found: list[tuple[int, int]] = []
        position = self.folded.find(needle)
        while position >= 0 and (limit is None or len(found) < limit):
            start = self._to_original(position)
            end = self._to_original(position + len(needle))
            if start is not None and end is not None:
                found.append((start, end))
                position = self.folded.find(needle, position + len(needle))
            else:
                position = self.folded.find(needle, position + 1)
        return found
