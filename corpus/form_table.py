"""The distinct token forms a process has met — surface, norm, script, kind — found from span keys.

An ingest worker analyses chunk after chunk, and most forms of a chunk were in an earlier one (Zipf), so the
table lives as long as the process (:func:`process_forms`) and every :class:`corpus.token_table.TokenBuffer`
shares it: a form is sliced out of its text, normalised and classified once per process, and its row in the
table is what a token stores until the frame is built. Segments are matched to rows column-wise by their span
keys (corpus/span_keys.py), so per token nothing runs in Python.

The table is bounded (:data:`FORMS_MAX`): past it, the next buffer starts a fresh table (a buffer keeps the
table it started with, so its rows stay valid). Mutations hold the table's lock: an app may ingest in a thread
while another ingest (a second corpus) runs in another.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import polars as pl

from corpus.normalise import normalise
from corpus.span_keys import KeyRows, SpanKeys
from corpus.tokenise import form_kind, token_script

if TYPE_CHECKING:
    import numpy as np

FORM_SCHEMA = {"surface": pl.String, "norm": pl.String, "script": pl.String, "kind": pl.String}
#: Forms a process keeps at most (a corpus's long tail would otherwise stay in every worker's memory).
FORMS_MAX = 1_000_000


class Column:
    """A NumPy array that grows by doubling (one value per form, or per norm)."""

    def __init__(self, dtype: type, fill: int = 0) -> None:
        import numpy as np

        self.fill = fill
        self.values = np.full(1024, fill, dtype=dtype)

    def ensure(self, size: int) -> None:
        if size > len(self.values):
            import numpy as np

            grown = np.full(max(size, 2 * len(self.values)), self.fill, dtype=self.values.dtype)
            grown[: len(self.values)] = self.values
            self.values = grown


class FormTable:
    """Rows of distinct forms (per ``norm_lang``: only Chinese norms differ, Traditional → Simplified), the ids
    of their norms, and the span keys that find them."""

    def __init__(self) -> None:
        import numpy as np  # on the first ingest, not at import: a warm app start never needs it (~0.13 s)

        self._lock = threading.Lock()
        self._span_keys = SpanKeys()
        self._by_key: dict[str, KeyRows] = {}             # norm_lang → span key → row
        self._by_surface: dict[str, dict[str, int]] = {}  # norm_lang → surface → row
        self.forms: list[tuple[str, str, str, str | None]] = []  # (surface, norm, script, kind) per row
        self._frame = pl.DataFrame(schema=FORM_SCHEMA)    # the first rows of ``forms``, as a frame
        self.kept = Column(np.bool_)       # per row: not white space
        self.norm_of = Column(np.int64)    # per row: its norm's id
        self._check = Column(np.uint64)    # per row: the check key of its span
        self.norms: list[str] = []         # per norm id
        self._norm_ids: dict[str, int] = {}

    def rows(self, norm_lang: str, segment: str, start: np.ndarray, end: np.ndarray) -> np.ndarray:
        """The row of each segment ``[start, end)`` of ``segment``. Only a key new to the table has its surface
        sliced; a segment whose check key disagrees with its row's (a collision of the first key) or that is
        too long to hash is looked up by its surface instead."""
        import numpy as np

        keys, checks, hashed = self._span_keys.keys(segment, start, end)
        with self._lock:
            by_key = self._by_key.setdefault(norm_lang, KeyRows())
            rows = by_key.rows(keys)
            missing = np.flatnonzero((rows < 0) & hashed)
            if len(missing):  # keys new to the table: slice each distinct one once
                distinct, first = np.unique(keys[missing], return_index=True)
                firsts = missing[first]
                new_rows = np.array(self._surface_rows(norm_lang, _slices(segment, start[firsts], end[firsts])),
                                    dtype=np.int64)
                self._check.values[new_rows] = checks[firsts]
                by_key.add(distinct, new_rows)
                rows[missing] = new_rows[np.searchsorted(distinct, keys[missing])]
            slow = np.flatnonzero(~hashed | (self._check.values[np.maximum(rows, 0)] != checks))
            if len(slow):
                rows[slow] = self._surface_rows(norm_lang, _slices(segment, start[slow], end[slow]))
        return rows

    def frame(self) -> pl.DataFrame:
        """Every row so far as a ``FORM_SCHEMA`` frame (extended, not rebuilt, as rows are added)."""
        with self._lock:
            if self._frame.height < len(self.forms):
                added = pl.DataFrame(self.forms[self._frame.height:], schema=FORM_SCHEMA, orient="row")
                self._frame = pl.concat([self._frame, added], rechunk=True)
            return self._frame

    def _surface_rows(self, norm_lang: str, surfaces: list[str]) -> list[int]:
        """The rows of ``surfaces``, classifying the ones new to the table."""
        ids = self._by_surface.setdefault(norm_lang, {})
        new = set(surfaces).difference(ids)
        if new:
            self._add(ids, new, norm_lang)
        return [ids[surface] for surface in surfaces]

    def _add(self, ids: dict[str, int], surfaces: set[str], norm_lang: str) -> None:
        """Classify new forms once: their norm, script and kind, and their norm's id."""
        first = len(self.forms)
        for column in (self.kept, self.norm_of, self._check):
            column.ensure(first + len(surfaces))
        for row, surface in enumerate(surfaces, start=first):
            ids[surface] = row
            norm, script, kind = normalise(surface, norm_lang), token_script(surface), form_kind(surface)
            self.forms.append((surface, norm, script, kind))
            self.kept.values[row] = kind is not None
            norm_id = self._norm_ids.get(norm)
            if norm_id is None:
                norm_id = self._norm_ids[norm] = len(self.norms)
                self.norms.append(norm)
            self.norm_of.values[row] = norm_id


def _slices(text: str, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    return [text[lo:hi] for lo, hi in zip(starts.tolist(), ends.tolist())]


_PROCESS: list[FormTable] = []


def process_forms() -> FormTable:
    """This process's table, a fresh one once it holds :data:`FORMS_MAX` forms."""
    if not _PROCESS or len(_PROCESS[0].forms) >= FORMS_MAX:
        _PROCESS[:] = [FormTable()]
    return _PROCESS[0]
