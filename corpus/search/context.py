"""KWIC context of hits: the matched surface and about :data:`CONTEXT_CHARS` characters each side.

Computed only for the rows someone reads (the first page of a search, the rows a concordance draws, a sort by
context, a saved file), never as part of the search itself. Polars cuts the pieces (``str.slice`` counts code
points, like the offsets), so thousands of rows cost no Python per row. Line breaks are shown as `` ⏎ `` so a
concordance line stays one line; everything else is the article's text as it is (the front end makes control
characters inert when it displays them).
"""

from __future__ import annotations

import polars as pl

from corpus.search.index import SearchIndex

CONTEXT_CHARS = 60
NEWLINE_MARK = " ⏎ "
_NEWLINES = r"\r\n|\r|\n|\u2028|\u2029|\x85"


def with_context(index: SearchIndex, hits: pl.DataFrame, width: int = CONTEXT_CHARS) -> pl.DataFrame:
    """``hits`` (``doc_idx``, ``start``, ``end``, ...) with ``surface``, ``left`` and ``right`` added."""
    text = index.text_frame["text"].gather(hits["doc_idx"].cast(pl.UInt32))
    start, end = pl.col("start"), pl.col("end")
    left_from = (start - width).clip(lower_bound=0)
    return (
        hits.with_columns(text.alias("__text"))
        .with_columns(
            pl.col("__text").str.slice(start, end - start).alias("surface"),
            pl.col("__text").str.slice(left_from, start - left_from)
            .str.replace_all(_NEWLINES, NEWLINE_MARK).alias("left"),
            pl.col("__text").str.slice(end, width).str.replace_all(_NEWLINES, NEWLINE_MARK).alias("right"),
        )
        .drop("__text")
    )
