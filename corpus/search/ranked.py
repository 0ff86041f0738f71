"""Every hit of a query, resolved and counted, turned into rows only when someone reads them.

A name query over a large corpus has tens of thousands of hits. The search resolves them all (so the total is
exact) but keeps them as NumPy arrays; it sorts only as far as the first page (:func:`.hits.top_order`), and
builds rows with context only for that page. The rest waits here: :meth:`RankedHits.frame` gives any slice in
rank order (the full order is sorted once, on first use), with or without KWIC context, and
:meth:`RankedHits.with_context` adds context to rows read later (a concordance draws a page at a time).
"""

from __future__ import annotations

import threading

import numpy as np
import polars as pl

from corpus.search.context import with_context
from corpus.search.hits import Hits, rank_order, top_order
from corpus.search.index import SearchIndex

META_COLUMNS = ("doc_idx", "doc_id", "path", "lang", "start", "end", "score", "match", "key", "alias_origin")
CONTEXT_COLUMNS = ("surface", "left", "right")


class RankedHits:
    """The resolved hits of one query (read-only; safe to share between threads)."""

    def __init__(self, index: SearchIndex, hits: Hits) -> None:
        self.index = index
        self._hits = hits
        self._order: np.ndarray | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._hits)

    def _positions(self, start: int, stop: int) -> np.ndarray:
        """Rank positions ``start:stop`` as indices into the hits (only the head sorted, unless more is asked)."""
        if self._order is None and start == 0 and stop < len(self._hits):
            return top_order(self._hits, stop)
        with self._lock:
            if self._order is None:
                self._order = rank_order(self._hits)
        return self._order[start:stop]

    def frame(self, start: int = 0, stop: int | None = None, *, context: bool = True) -> pl.DataFrame:
        """Hits ranked ``start`` to ``stop`` (None: to the end), best first: :data:`META_COLUMNS`, plus
        :data:`CONTEXT_COLUMNS` when ``context``."""
        n = len(self._hits)
        stop = n if stop is None else max(0, min(stop, n))
        start = max(0, min(start, stop))
        rows = self._hits.take(self._positions(start, stop)).to_frame()
        docs = self.index.docs  # doc_idx, doc_id, path, lang in doc_idx order
        picked = docs.select("doc_id", "path", "lang").gather(rows["doc_idx"].cast(pl.UInt32))
        frame = pl.concat([rows, picked], how="horizontal").with_columns(pl.col("score").round(4))
        frame = frame.select(META_COLUMNS)
        return self.with_context(frame) if context else frame

    def with_context(self, rows: pl.DataFrame) -> pl.DataFrame:
        """``rows`` (any slice of :meth:`frame`'s, in any order) with their KWIC context."""
        return with_context(self.index, rows)
