"""Phrases: the hits of each word, chained in order where they are adjacent (``"Sam Altman"``, ``山姆·奥特曼``).

Adjacent means at most :data:`MAX_GAP` characters between two words, all of them spaces or name joiners
(``·`` ``・`` ``-``), so a phrase never jumps over a word or a line break. A chained hit spans the whole phrase;
its score is the mean of its words' and its reason the weakest of theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from corpus.search.hits import MATCH_KINDS, Hits
from corpus.search.index import SearchIndex

MAX_GAP = 3
_JOINERS = frozenset(" \u00a0\t·・･‧•=＝-‐‑")
_RANK = {kind: i for i, kind in enumerate(MATCH_KINDS)}


def _link(index: SearchIndex, left: pl.DataFrame, right: pl.DataFrame) -> pl.DataFrame:
    """Each left hit followed (after a joiner-only gap) by the nearest right hit in the same article."""
    joined = (
        left.sort("doc_idx", "end")
        .join_asof(
            right.sort("doc_idx", "start").rename(lambda c: f"{c}_r" if c != "doc_idx" else c),
            left_on="end", right_on="start_r", by="doc_idx", strategy="forward", check_sortedness=False,
        )
        .filter(pl.col("start_r").is_not_null() & (pl.col("start_r") - pl.col("end") <= MAX_GAP))
    )
    texts = index.texts
    keep = [
        all(c in _JOINERS for c in texts[doc][end:start_r])
        for doc, end, start_r in joined.select("doc_idx", "end", "start_r").iter_rows()
    ]
    joined = joined.filter(pl.Series(keep, dtype=pl.Boolean))
    weaker = pl.when(
        pl.col("match").replace_strict(_RANK, return_dtype=pl.Int8)
        >= pl.col("match_r").replace_strict(_RANK, return_dtype=pl.Int8)
    ).then(pl.col("match")).otherwise(pl.col("match_r"))
    return joined.select(
        "doc_idx", "start", pl.col("end_r").alias("end"), (pl.col("score") + pl.col("score_r")).alias("score"),
        weaker.alias("match"), (pl.col("key") + " " + pl.col("key_r")).alias("key"),
        pl.coalesce("alias_origin", "alias_origin_r").alias("alias_origin"),
    )


def chain(index: SearchIndex, per_word: Sequence[Hits]) -> Hits:
    """Hits of the whole phrase from the (overlap-resolved) hits of each of its words, in order."""
    if not per_word or any(len(h) == 0 for h in per_word):
        return Hits.empty()
    current = per_word[0].to_frame()
    for following in per_word[1:]:
        current = _link(index, current, following.to_frame())
        if current.height == 0:
            return Hits.empty()
    return Hits.from_frame(current.with_columns((pl.col("score") / len(per_word)).alias("score")))
