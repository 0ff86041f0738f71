"""Find a typed string in an article, ignoring case and width, reporting offsets into the original text.

The reader's ``f`` finds what the user typed the way a browser's find-in-page does: ``Altman`` finds
``ALTMAN``, ``ａｌｔｍａｎ`` (full-width) finds ``altman``, half-width ``ｶﾀｶﾅ`` finds ``カタカナ``, and a precomposed
``é`` finds a decomposed ``e`` + U+0301. Both sides are folded character by character (NFKD, then
``str.casefold``), so each original character owns a known run of folded characters and every match maps back
to exact original offsets (CONVENTIONS.md): the highlight covers the characters that matched, never a folded copy.

A match must begin and end on original character boundaries: searching ``s`` does not stop inside ``ß``
(folded ``ss``), and ``e`` does not match the first half of a precomposed ``é``.

Folding a 50 MB article is one ``str.translate`` pass (a second or two), so callers run it off the UI thread
and reuse the :class:`FoldedText` for every query typed afterwards.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The folded form of one character (never empty)."""
    return unicodedata.normalize("NFKD", ch).casefold() or ch


def fold(text: str) -> str:
    """The folded form of a query (character by character, like the text it is matched against)."""
    return "".join(map(fold_char, text))


class FoldedText:
    """An article's folded text with the map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self.folded = text.lower()  # casefold == lower on ASCII, and NFKD changes nothing
            self._orig_starts: list[int] = []
            return
        table: dict[int, str] = {}
        expanding: dict[str, str] = {}
        for ch in set(text):
            folded = fold_char(ch)
            if folded != ch:
                table[ord(ch)] = folded
                if len(folded) != 1:
                    expanding[ch] = folded
        self.folded = text.translate(table) if table else text
        # For every character that folds to several, its original offset, its folded offset and folded length.
        self._orig_starts = []
        self._folded_starts: list[int] = []
        self._folded_lengths: list[int] = []
        self._extra_after: list[int] = []  # folded chars added by expanding characters up to and including this one
        if expanding:
            extra = 0
            pattern = re.compile("[" + "".join(re.escape(ch) for ch in expanding) + "]")
            for match in pattern.finditer(text):
                length = len(expanding[match.group()])
                self._orig_starts.append(match.start())
                self._folded_starts.append(match.start() + extra)
                self._folded_lengths.append(length)
                extra += length - 1
                self._extra_after.append(extra)

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
