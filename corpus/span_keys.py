"""64-bit keys of many spans of one text, computed column-wise, so an ingest can tell each token's form without
building a Python string per token.

Why: after ICU itself, slicing every segment into a ``str`` and looking each up in a dict was the largest cost of
a cold ingest (about 1.1 ms of an article's 4, against 0.5 ms for ICU's boundaries). A polynomial hash over the
text's code points with prefix sums gives every span's key in a few NumPy passes; only a span whose key this
process has not seen is sliced (corpus/token_table.py).

Each span gets two independent keys with different bases: ``key`` finds the form, ``check`` confirms it, so a
collision of ``key`` (about 2^-64 for a pair of forms) is noticed and that token takes the slow path instead of
another form's id. The bases are drawn at random per process — the keys never leave it — so crafted text cannot
aim at them. Spans longer than :data:`MAX_SPAN` are not hashed (``hashed`` is False; the caller slices them): long
spans are rare, and the one known weakness of hashes modulo 2^64 (Thue–Morse strings) needs thousands of
characters. A huge text is hashed in windows of :data:`WINDOW` characters, so memory stays bounded.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

#: Longest span (code points) given a key; longer ones are left to the caller.
MAX_SPAN = 256
#: Characters hashed at once (a span starting in a window is hashed with it, so a window reads up to
#: ``WINDOW + MAX_SPAN`` characters).
WINDOW = 1 << 20


class SpanKeys:
    """Keys of spans ``[lows, highs)`` of a text; one instance per process (its bases and power tables)."""

    def __init__(self, seed: bytes | None = None) -> None:
        import numpy as np

        seed = seed if seed is not None else os.urandom(16)
        # odd bases, so each is invertible modulo 2^64
        self._bases = [int.from_bytes(seed[i:i + 8], "little") | 1 for i in (0, 8)]
        self._powers = [np.ones(1, dtype=np.uint64) for _ in self._bases]   # base^j mod 2^64
        self._inverse = [np.ones(1, dtype=np.uint64) for _ in self._bases]  # base^-j mod 2^64

    def keys(self, text: str, lows: np.ndarray, highs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(key, check, hashed)`` per span (int64 offsets into ``text``, ascending ``lows``); where ``hashed``
        is False the span is longer than :data:`MAX_SPAN` and both keys are 0."""
        import numpy as np

        hashed = (highs - lows) <= MAX_SPAN
        last = int(highs.max()) if len(highs) else 0
        if last <= WINDOW:  # the usual case: one window from the text's start
            return (*self._window_keys(text[:last], lows, highs, hashed), hashed)
        keys = np.zeros(len(lows), dtype=np.uint64), np.zeros(len(lows), dtype=np.uint64)
        window_of = lows // WINDOW
        for window in np.unique(window_of[hashed]).tolist():
            rows = np.flatnonzero(hashed & (window_of == window))
            first, last = int(lows[rows[0]]), int(highs[rows].max())
            for column, values in zip(keys, self._window_keys(text[first:last], lows[rows] - first,
                                                              highs[rows] - first, None)):
                column[rows] = values
        return (*keys, hashed)

    def _window_keys(
        self, window: str, lows: np.ndarray, highs: np.ndarray, hashed: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Both keys of spans of ``window`` (offsets relative to it): (prefix[high] − prefix[low]) · base^−low;
        0 where ``hashed`` is False."""
        import numpy as np

        # +1: a NUL character must not hash like no character ("a" vs "a\0")
        codes = np.frombuffer(window.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64) + 1
        self._grow(len(codes) + 1)
        prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
        keys = []
        for powers, inverse in zip(self._powers, self._inverse):
            np.cumsum(codes * powers[: len(codes)], out=prefix[1:])
            key = (prefix[highs] - prefix[lows]) * inverse[lows]
            if hashed is not None:
                key[~hashed] = 0
            keys.append(key)
        return keys[0], keys[1]

    def _grow(self, size: int) -> None:
        """Extend the power tables to at least ``size`` entries, doubling (uint64 arithmetic wraps modulo 2^64)."""
        import numpy as np

        while len(self._powers[0]) < size:
            m = len(self._powers[0])
            for i, base in enumerate(self._bases):
                step, back = pow(base, m, 1 << 64), pow(pow(base, -1, 1 << 64), m, 1 << 64)
                self._powers[i] = np.concatenate([self._powers[i], self._powers[i] * np.uint64(step)])
                self._inverse[i] = np.concatenate([self._inverse[i], self._inverse[i] * np.uint64(back)])


class KeyRows:
    """A map span key → row looked up column-wise (NumPy binary searches, no Python per token).

    Two sorted tiers: the main one and a small recent one that takes new keys and is merged into the main one
    once it holds an eighth as many, so adding keys costs amortised O(log n) copies each, where inserting into
    one sorted array would copy the whole table for every article that brings a new form.
    """

    def __init__(self) -> None:
        import numpy as np

        empty = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        self._tiers = [empty, empty]  # (sorted keys, rows): main, recent

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """The row of each key, -1 where it is absent."""
        import numpy as np

        rows = np.full(len(keys), -1, dtype=np.int64)
        for known, known_rows in self._tiers:
            if len(known):
                at = np.minimum(np.searchsorted(known, keys), len(known) - 1)
                hit = known[at] == keys
                rows[hit] = known_rows[at[hit]]
        return rows

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        """Add ``keys`` (sorted, distinct, absent) with their ``rows``."""
        import numpy as np

        (main, main_rows), (recent, recent_rows) = self._tiers
        at = np.searchsorted(recent, keys)
        recent, recent_rows = np.insert(recent, at, keys), np.insert(recent_rows, at, rows)
        if len(recent) > len(main) // 8:
            at = np.searchsorted(main, recent)
            main, main_rows = np.insert(main, at, recent), np.insert(main_rows, at, recent_rows)
            recent, recent_rows = recent[:0], recent_rows[:0]
        self._tiers = [(main, main_rows), (recent, recent_rows)]
