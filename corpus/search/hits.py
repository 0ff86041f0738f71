"""The hits every match route returns, and the rules that merge routes into one ranked list.

A hit is ``(doc_idx, start, end, score, match, key, alias_origin)``; offsets are code points into the article's
text. Hits travel as parallel NumPy arrays (:class:`Hits`): a query makes dozens of small batches, and building a
Polars frame for each costs more than the search itself; the result frame is built once, for the rows returned.

Routes overlap on purpose (a token found by its folded form and, as a name, by its romanisation), so
:func:`resolve_overlaps` merges hits of one span (:func:`merge_same_spans`) and keeps one hit where spans overlap: the higher score, then the more direct reason
(exact > folded > alias > translit > fuzzy), then the shorter span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

HIT_SCHEMA = {
    "doc_idx": pl.Int32, "start": pl.Int64, "end": pl.Int64, "score": pl.Float64,
    "match": pl.String, "key": pl.String, "alias_origin": pl.String,
}
MATCH_KINDS = ("exact", "folded", "alias", "translit", "fuzzy")
MATCH_CODE = {kind: i for i, kind in enumerate(MATCH_KINDS)}


@dataclass(frozen=True)
class Hits:
    """Parallel arrays of hits; ``label`` indexes ``labels``, the distinct ``(key, alias_origin)`` pairs, so that
    reordering and filtering touch integer arrays only."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    score: np.ndarray
    match: np.ndarray  # int8 codes into MATCH_KINDS
    label: np.ndarray  # int32 index into labels
    labels: tuple[tuple[str, str | None], ...]

    @classmethod
    def empty(cls) -> Hits:
        return cls.of([], [], [], 0.0, "exact", "")

    @classmethod
    def of(cls, doc, start, end, score, match, key, origin: str | None = None) -> Hits:
        """Hits from parallel columns; a scalar ``score``/``match``/``key`` applies to every row."""
        n = len(doc)
        codes = (
            np.full(n, MATCH_CODE[match], dtype=np.int8) if isinstance(match, str)
            else np.asarray([MATCH_CODE[m] for m in match], dtype=np.int8)
        )
        if isinstance(key, str):
            labels, label = ((key, origin),), np.zeros(n, dtype=np.int32)
        else:
            distinct, inverse = np.unique(np.asarray(key, dtype=object).astype(str), return_inverse=True)
            labels = tuple((k, origin) for k in distinct.tolist())
            label = inverse.astype(np.int32).reshape(-1)
        scores = np.full(n, score, dtype=np.float64) if np.isscalar(score) else np.asarray(score, dtype=np.float64)
        return cls(
            np.asarray(doc, dtype=np.int32), np.asarray(start, dtype=np.int64), np.asarray(end, dtype=np.int64),
            scores, codes, label, labels,
        )

    def __len__(self) -> int:
        return len(self.doc)

    def take(self, index: np.ndarray) -> Hits:
        return Hits(self.doc[index], self.start[index], self.end[index], self.score[index], self.match[index],
                    self.label[index], self.labels)

    def relabel(self, *, match: str, key: str, origin: str | None, weight: float) -> Hits:
        """The same spans under another reason and key (alias hits, exact-only hits), score weighted."""
        n = len(self)
        return Hits(self.doc, self.start, self.end, self.score * weight, np.full(n, MATCH_CODE[match], np.int8),
                    np.zeros(n, dtype=np.int32), ((key, origin),))

    def to_frame(self) -> pl.DataFrame:
        pairs = [self.labels[i] for i in self.label.tolist()]
        return pl.DataFrame(
            {
                "doc_idx": pl.Series(self.doc, dtype=pl.Int32),
                "start": pl.Series(self.start, dtype=pl.Int64),
                "end": pl.Series(self.end, dtype=pl.Int64),
                "score": pl.Series(self.score, dtype=pl.Float64),
                "match": pl.Series([MATCH_KINDS[c] for c in self.match.tolist()], dtype=pl.String),
                "key": pl.Series([k for k, _ in pairs], dtype=pl.String),
                "alias_origin": pl.Series([o for _, o in pairs], dtype=pl.String),
            }
        )

    @classmethod
    def from_frame(cls, frame: pl.DataFrame) -> Hits:
        pairs = list(zip(frame["key"].to_list(), frame["alias_origin"].to_list()))
        labels = tuple(dict.fromkeys(pairs))
        code = {pair: i for i, pair in enumerate(labels)}
        return cls(
            frame["doc_idx"].to_numpy().astype(np.int32), frame["start"].to_numpy().astype(np.int64),
            frame["end"].to_numpy().astype(np.int64), frame["score"].to_numpy().astype(np.float64),
            np.asarray([MATCH_CODE[m] for m in frame["match"].to_list()], dtype=np.int8),
            np.asarray([code[p] for p in pairs], dtype=np.int32), labels,
        )


def concat_hits(batches: Sequence[Hits]) -> Hits:
    batches = [b for b in batches if len(b)]
    if not batches:
        return Hits.empty()
    if len(batches) == 1:
        return batches[0]
    offsets = np.cumsum([0] + [len(b.labels) for b in batches[:-1]])
    return Hits(
        np.concatenate([b.doc for b in batches]), np.concatenate([b.start for b in batches]),
        np.concatenate([b.end for b in batches]), np.concatenate([b.score for b in batches]),
        np.concatenate([b.match for b in batches]),
        np.concatenate([b.label + offset for b, offset in zip(batches, offsets)]).astype(np.int32),
        tuple(label for b in batches for label in b.labels),
    )


def _position(hits: Hits) -> np.ndarray:
    """One sortable int64 per (article, start): article-major, so one sort key does the work of two."""
    return hits.doc.astype(np.int64) * (int(hits.end.max()) + 1) + hits.start


def rank_order(hits: Hits) -> np.ndarray:
    """Best first: score, then match reason, then shorter span, then article and position (stable output)."""
    if len(hits) == 0:
        return np.empty(0, dtype=np.int64)
    reason_then_length = hits.match.astype(np.int64) << 40 | (hits.end - hits.start)
    return np.lexsort((_position(hits), reason_then_length, -np.round(hits.score, 6)))


def merge_same_spans(hits: Hits) -> Hits:
    """One hit per span: the most direct reason (Альтмана for Альтман is a prefix, not a fuzzy name) with the best
    score any route gave that span."""
    order = np.lexsort((hits.match, hits.end, _position(hits)))
    hits = hits.take(order)
    new_span = np.ones(len(hits), dtype=bool)
    new_span[1:] = (hits.doc[1:] != hits.doc[:-1]) | (hits.start[1:] != hits.start[:-1]) | (hits.end[1:] != hits.end[:-1])
    firsts = np.flatnonzero(new_span)
    best = np.maximum.reduceat(hits.score, firsts)
    merged = hits.take(firsts)
    return Hits(merged.doc, merged.start, merged.end, best, merged.match, merged.label, merged.labels)


def resolve_overlaps(hits: Hits) -> Hits:
    """Keep the best hit wherever hits overlap within an article; the result is in rank order.

    The greedy rule (take hits best first, drop any that overlaps one taken) is run in NumPy: hits are cut into
    clusters of transitively overlapping spans, and each round keeps the best live hit of every cluster and kills
    what overlaps it. Rounds = the most hits one cluster keeps (a handful), not the number of hits.
    """
    if len(hits) <= 1:
        return hits
    hits = merge_same_spans(hits)  # sorted by doc, start, end
    n = len(hits)
    by_rank = rank_order(hits)
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
    position = _position(hits)
    reach = np.maximum.accumulate(position - hits.start + hits.end)  # article-major end, running maximum
    first = np.ones(n, dtype=bool)
    first[1:] = (hits.doc[1:] != hits.doc[:-1]) | (position[1:] >= reach[:-1])
    cluster = np.cumsum(first) - 1
    heads = np.flatnonzero(first)
    alive = np.ones(n, dtype=bool)
    kept = np.zeros(n, dtype=bool)
    none = np.iinfo(np.int64).max
    while alive.any():
        best = np.minimum.reduceat(np.where(alive, rank, none), heads)
        live = best != none
        chosen = by_rank[best[live]]
        kept[chosen] = True
        lo = np.zeros(len(heads), dtype=np.int64)
        hi = np.zeros(len(heads), dtype=np.int64)
        lo[live], hi[live] = hits.start[chosen], hits.end[chosen]
        alive &= ~(live[cluster] & (hits.start < hi[cluster]) & (hits.end > lo[cluster]))
    survivors = hits.take(np.flatnonzero(kept))
    return survivors.take(rank_order(survivors))
