"""The ``vocabulary`` frame: distinct norms with corpus and document frequencies.

Built per ingest chunk (in the worker that analysed it) and merged across chunks: an article lives in exactly one
chunk, so a norm's document frequency is the sum of its chunks' document frequencies, and the merge is exact.
Per-form work later (transliteration, search keys) runs on these rows, never on tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpus.schema import VOCABULARY, empty


def build_vocabulary(tokens: pl.DataFrame) -> pl.DataFrame:
    """Distinct norms of ``tokens`` with their kind and script (of the first occurrence) and frequencies."""
    if tokens.height == 0:
        return empty(VOCABULARY)
    return sort_vocabulary(
        tokens.group_by("norm").agg(
            pl.col("kind").first(),
            pl.col("script").first(),
            pl.len().cast(pl.Int64).alias("freq"),
            pl.col("doc_id").n_unique().cast(pl.Int64).alias("doc_freq"),
        )
    )


def merge_vocabularies(parts: Sequence[pl.DataFrame | pl.LazyFrame]) -> pl.DataFrame:
    """One vocabulary from the vocabularies of disjoint sets of articles, given in corpus order (lazy parts, e.g.
    chunk files being scanned, are read in parallel)."""
    if not parts:
        return empty(VOCABULARY)
    if len(parts) == 1 and isinstance(parts[0], pl.DataFrame):
        return parts[0]
    merged = pl.concat([part.lazy() for part in parts]).group_by("norm", maintain_order=True).agg(
        pl.col("kind").first(), pl.col("script").first(), pl.col("freq").sum(), pl.col("doc_freq").sum()
    )
    return sort_vocabulary(merged.collect())


def sort_vocabulary(vocabulary: pl.DataFrame) -> pl.DataFrame:
    """Most frequent first, ties by norm: the one row order every vocabulary has (so merges and rebuilds agree)."""
    return vocabulary.sort(["freq", "norm"], descending=[True, False]).select(list(VOCABULARY))
