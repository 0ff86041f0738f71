"""The figures each article states (counts, money, percents, dates), read from its body and headings.

Boilerplate paragraphs (menus, share bars, footers) are skipped as they are for entities: their numbers are the
page's, not the story's. Values come from :mod:`corpus.figures`.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from corpus.figures import Figure, extract_figures


def doc_figures(corpus, doc_id: str) -> list[Figure]:
    """Figures of one article in reading order (code-point offsets into its text)."""
    doc = corpus.document(doc_id)
    spans = corpus.paragraphs_of(doc_id).filter(pl.col("kind") != "boilerplate").select("start", "end").rows()
    out: list[Figure] = []
    for start, end in spans:
        out.extend(extract_figures(doc["text"], doc["lang"], start, end))
    return out


def figure_rows(corpus, doc_ids: Iterable[str]) -> list[dict]:
    """``babelscope numbers --json`` rows: doc_id, path, then the figure's fields."""
    paths = dict(corpus.documents.select("doc_id", "path").iter_rows())
    return [
        {"doc_id": doc_id, "path": paths[doc_id], **figure.as_dict()}
        for doc_id in doc_ids
        for figure in doc_figures(corpus, doc_id)
    ]
