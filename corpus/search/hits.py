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
_MATCH_NAMES = pl.Series(MATCH_KINDS, dtype=pl.String)


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
        """The hits as a frame (HIT_SCHEMA); reason and labels are gathered by code, not looked up per hit."""
        keys = pl.Series([k for k, _ in self.labels] or [""], dtype=pl.String)
        origins = pl.Series([o for _, o in self.labels] or [None], dtype=pl.String)
        label = pl.Series(self.label, dtype=pl.UInt32)
        return pl.DataFrame(
            {
                "doc_idx": pl.Series(self.doc, dtype=pl.Int32),
                "start": pl.Series(self.start, dtype=pl.Int64),
                "end": pl.Series(self.end, dtype=pl.Int64),
                "score": pl.Series(self.score, dtype=pl.Float64),
                "match": _MATCH_NAMES.gather(pl.Series(self.match, dtype=pl.UInt32)),
                "key": keys.gather(label),
                "alias_origin": origins.gather(label),
            }
        )

    @classmethod
    def from_frame(cls, frame: pl.DataFrame) -> Hits:
        pairs = frame.select(
            pl.struct("key", "alias_origin").rank("dense").cast(pl.Int32).alias("label") - 1,
            pl.col("match").replace_strict(MATCH_CODE, return_dtype=pl.Int8).alias("match"),
        )
        distinct = (
            frame.select("key", "alias_origin").with_columns(pairs["label"])
            .unique("label", keep="first").sort("label")
        )
        return cls(
            frame["doc_idx"].to_numpy().astype(np.int32), frame["start"].to_numpy().astype(np.int64),
            frame["end"].to_numpy().astype(np.int64), frame["score"].to_numpy().astype(np.float64),
            pairs["match"].to_numpy(), pairs["label"].to_numpy(),
            tuple(zip(distinct["key"].to_list(), distinct["alias_origin"].to_list())),
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


_LENGTH_BITS = 21  # spans longer than 2 million characters tie on length (then fall back on position)


def _rank_key(hits: Hits) -> np.ndarray:
    """One int64 per hit that sorts best first: score (to 6 decimals), then match reason, then shorter span."""
    score = np.round(hits.score * 1e6).astype(np.int64)
    length = np.minimum(hits.end - hits.start, (1 << _LENGTH_BITS) - 1)
    return ((1 << 24) - score) << 24 | hits.match.astype(np.int64) << _LENGTH_BITS | length


def rank_order(hits: Hits) -> np.ndarray:
    """Best first: score, then match reason, then shorter span, then article and position (stable output)."""
    if len(hits) == 0:
        return np.empty(0, dtype=np.int64)
    return np.lexsort((_position(hits), _rank_key(hits)))


def top_order(hits: Hits, count: int) -> np.ndarray:
    """The first ``count`` entries of :func:`rank_order` without sorting every hit: a linear partition finds the
    rank key of the ``count``-th best, and only the hits up to it (ties included) are sorted."""
    n = len(hits)
    if count >= n // 4:
        return rank_order(hits)[:count]
    if count <= 0:
        return np.empty(0, dtype=np.int64)
    key = _rank_key(hits)
    threshold = np.partition(key, count - 1)[count - 1]
    near = np.flatnonzero(key <= threshold)
    return near[np.lexsort((_position(hits)[near], key[near]))][:count]


def _span_groups(hits: Hits) -> tuple[np.ndarray, np.ndarray]:
    """A stable order by article, start, end, then reason, and which of the ordered hits starts a new span.

    One int64 key when it fits (it does unless articles are tens of millions of characters long): a stable
    argsort of one key is several times faster than a lexsort of three (the routes' batches arrive as sorted
    runs, which the stable sort, a timsort, exploits), and spans compare on the sorted key, not on three columns.
    """
    kinds = len(MATCH_KINDS)
    position = _position(hits)
    length = hits.end - hits.start
    per_position = (int(length.max()) + 1) * kinds
    new_span = np.ones(len(hits), dtype=bool)
    if (int(position.max()) + 1) * per_position < 2**62:
        key = position * per_position + length * kinds + hits.match
        order = np.argsort(key, kind="stable")
        span = key[order] // kinds
        new_span[1:] = span[1:] != span[:-1]
        return order, new_span
    order = np.lexsort((hits.match, hits.end, position))
    doc, start, end = hits.doc[order], hits.start[order], hits.end[order]
    new_span[1:] = (doc[1:] != doc[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    return order, new_span


def merge_same_spans(hits: Hits) -> Hits:
    """One hit per span: the most direct reason (Альтмана for Альтман is a prefix, not a fuzzy name) with the best
    score any route gave that span. The result is sorted by article, start and end."""
    order, new_span = _span_groups(hits)
    firsts = np.flatnonzero(new_span)
    best = np.maximum.reduceat(hits.score[order], firsts)
    merged = hits.take(order[firsts])
    return Hits(merged.doc, merged.start, merged.end, best, merged.match, merged.label, merged.labels)


def _clusters(hits: Hits) -> tuple[np.ndarray, np.ndarray]:
    """Clusters of transitively overlapping spans of position-sorted ``hits``: (cluster id per hit, first hit of
    each cluster)."""
    position = _position(hits)
    reach = np.maximum.accumulate(position - hits.start + hits.end)  # article-major end, running maximum
    first = np.ones(len(hits), dtype=bool)
    first[1:] = (hits.doc[1:] != hits.doc[:-1]) | (position[1:] >= reach[:-1])
    return np.cumsum(first) - 1, np.flatnonzero(first)


def _greedy_kept(hits: Hits) -> np.ndarray:
    """Which of the position-sorted ``hits`` the greedy rule keeps (see :func:`resolve_overlaps`)."""
    n = len(hits)
    cluster, heads = _clusters(hits)
    by_rank = rank_order(hits)
    rank = np.empty(n, dtype=np.int64)
    rank[by_rank] = np.arange(n)
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
    return kept


def resolve_overlaps(hits: Hits, *, ranked: bool = True) -> Hits:
    """Keep the best hit wherever hits overlap within an article; in rank order when ``ranked`` (else by
    position: callers that only count, AND or chain the hits skip the sort).

    The greedy rule (take hits best first, drop any that overlaps one taken) is run in NumPy: hits are cut into
    clusters of transitively overlapping spans; a cluster of one hit keeps it (most clusters, once the routes'
    findings of the same span are merged), and only the crowded clusters run rounds that keep the best live hit
    of every cluster and kill what overlaps it. Rounds = the most hits one cluster keeps (a handful).
    """
    if len(hits) <= 1:
        return hits
    hits = merge_same_spans(hits)  # sorted by doc, start, end
    cluster, heads = _clusters(hits)
    crowded = (np.diff(np.append(heads, len(hits))) > 1)[cluster]
    kept = ~crowded
    if crowded.any():
        rows = np.flatnonzero(crowded)
        kept[rows[_greedy_kept(hits.take(rows))]] = True
    survivors = hits if kept.all() else hits.take(np.flatnonzero(kept))
    return survivors.take(rank_order(survivors)) if ranked else survivors
