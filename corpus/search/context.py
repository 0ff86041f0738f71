"""KWIC context of the hits returned: the matched surface and about :data:`CONTEXT_CHARS` characters each side.

Computed only for the rows a search returns (after the limit), never for every hit. Line breaks are shown as
`` ⏎ `` so a concordance line stays one line; everything else is the article's text as it is (the front end makes
control characters inert when it displays them).
"""

from __future__ import annotations

import re

import polars as pl

from corpus.search.index import SearchIndex

CONTEXT_CHARS = 60
NEWLINE_MARK = " ⏎ "
_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")


def show_newlines(text: str) -> str:
    return _NEWLINES.sub(NEWLINE_MARK, text)


def with_context(index: SearchIndex, hits: pl.DataFrame, width: int = CONTEXT_CHARS) -> pl.DataFrame:
    """``hits`` with their article (doc_id, path, lang) and ``surface``, ``left`` and ``right`` added."""
    texts = index.texts
    rows = list(zip(hits["doc_idx"].to_list(), hits["start"].to_list(), hits["end"].to_list()))
    docs = [d for d, _, _ in rows]
    return hits.with_columns(
        pl.Series("doc_id", [index.doc_ids[d] for d in docs], dtype=pl.String),
        pl.Series("path", [index.doc_paths[d] for d in docs], dtype=pl.String),
        pl.Series("lang", [index.doc_langs[d] for d in docs], dtype=pl.String),
        pl.Series("surface", [texts[d][s:e] for d, s, e in rows], dtype=pl.String),
        pl.Series("left", [show_newlines(texts[d][max(0, s - width):s]) for d, s, _ in rows], dtype=pl.String),
        pl.Series("right", [show_newlines(texts[d][e:e + width]) for d, _, e in rows], dtype=pl.String),
        pl.col("score").round(4),
    )
