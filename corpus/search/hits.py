"""The frame every match route returns, and the rules that merge routes into one ranked list.

A hit is ``(doc_idx, start, end, score, match, key, alias_origin)``; offsets are code points into the article's
text. Routes overlap on purpose (a token found by its folded form and, as a name, by its romanisation), so
:func:`resolve_overlaps` keeps one hit where spans overlap: the higher score, then the more direct reason
(exact > folded > alias > translit > fuzzy), then the shorter span.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

HIT_SCHEMA = {
    "doc_idx": pl.Int32, "start": pl.Int64, "end": pl.Int64, "score": pl.Float64,
    "match": pl.String, "key": pl.String, "alias_origin": pl.String,
}
MATCH_KINDS = ("exact", "folded", "alias", "translit", "fuzzy")
_RANK = {kind: i for i, kind in enumerate(MATCH_KINDS)}


def empty_hits() -> pl.DataFrame:
    return pl.DataFrame(schema=HIT_SCHEMA)


def hit_frame(
    doc_idx: Sequence[int] | np.ndarray,
    start: Sequence[int] | np.ndarray,
    end: Sequence[int] | np.ndarray,
    score: float | Sequence[float] | np.ndarray,
    match: str | Sequence[str],
    key: str | Sequence[str],
    alias_origin: str | None | Sequence[str | None] = None,
) -> pl.DataFrame:
    """A hit frame from parallel columns; scalar ``score``/``match``/``key``/``alias_origin`` are broadcast."""
    n = len(doc_idx)

    def column(value: object, dtype: pl.DataType) -> pl.Series:
        if value is None or isinstance(value, (str, float, int)):
            return pl.repeat(value, n, dtype=dtype, eager=True)
        return pl.Series(value, dtype=dtype)

    return pl.DataFrame(
        {
            "doc_idx": pl.Series(doc_idx, dtype=pl.Int32),
            "start": pl.Series(start, dtype=pl.Int64),
            "end": pl.Series(end, dtype=pl.Int64),
            "score": column(score, pl.Float64),
            "match": column(match, pl.String),
            "key": column(key, pl.String),
            "alias_origin": column(alias_origin, pl.String),
        }
    )


def concat_hits(frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    frames = [f for f in frames if f.height]
    return pl.concat(frames) if frames else empty_hits()


def rank_order(hits: pl.DataFrame) -> pl.DataFrame:
    """Best first: score, then match reason, then shorter span, then article and position (stable output)."""
    return (
        hits.with_columns(
            pl.col("match").replace_strict(_RANK, default=len(_RANK), return_dtype=pl.Int8).alias("_rank"),
            (pl.col("end") - pl.col("start")).alias("_len"),
        )
        .sort(["score", "_rank", "_len", "doc_idx", "start"], descending=[True, False, False, False, False])
        .drop("_rank", "_len")
    )


def resolve_overlaps(hits: pl.DataFrame) -> pl.DataFrame:
    """Keep the best hit wherever hits overlap within an article; the result is in rank order."""
    if hits.height <= 1:
        return hits
    ranked = rank_order(hits).unique(subset=["doc_idx", "start", "end"], keep="first", maintain_order=True)
    docs = ranked["doc_idx"].to_list()
    starts = ranked["start"].to_list()
    ends = ranked["end"].to_list()
    kept_by_doc: dict[int, list[tuple[int, int]]] = {}
    keep = np.zeros(len(docs), dtype=bool)
    for i, (doc, start, end) in enumerate(zip(docs, starts, ends)):
        taken = kept_by_doc.setdefault(doc, [])
        if all(end <= s or start >= e for s, e in taken):
            taken.append((start, end))
            keep[i] = True
    return ranked.filter(pl.Series(keep))
