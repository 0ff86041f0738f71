"""``re:REGEX``: a Polars (Rust ``regex`` crate) pattern over the article text, with code-point offsets.

Polars finds matches in parallel but reports no positions for all of them, so each article is cut into
consecutive "gap + match" chunks with a lazy prefix (``(?s:.*?)(?:PATTERN)``); the lengths of the Python strings
Polars returns give the code-point offsets directly (no byte arithmetic, so 𠮷 and Arabic cost nothing special).
A lazy prefix finds the leftmost match, the same one the plain pattern finds, so chunk *i* ends with match *i*.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from corpus.search.errors import SearchError
from corpus.search.hits import Hits
from corpus.search.index import SearchIndex


def check_pattern(pattern: str) -> None:
    """Raise :class:`SearchError` for a pattern Polars rejects or one that matches the empty string."""
    probe = pl.Series([""], dtype=pl.String)
    try:
        matches_empty = bool(probe.str.contains(pattern).item())
    except pl.exceptions.PolarsError as exc:
        detail = str(exc).strip().splitlines()
        reason = next((line.strip() for line in detail if line.strip().startswith("error:")), detail[-1] if detail else "")
        raise SearchError(f"invalid regular expression {pattern!r}: {reason}") from None
    if matches_empty:
        raise SearchError(f"regular expression {pattern!r} matches the empty string; it would match everywhere")


def regex_hits(index: SearchIndex, pattern: str, allowed: np.ndarray | None) -> Hits:
    check_pattern(pattern)
    texts = index.text_frame if allowed is None else index.text_frame.filter(pl.Series(allowed))
    found = texts.filter(pl.col("text").str.contains(pattern)).select(
        "doc_idx",
        pl.col("text").str.extract_all(f"(?s:.*?)(?:{pattern})").alias("chunks"),
        pl.col("text").str.extract_all(pattern).alias("matches"),
    )
    docs: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for doc_idx, chunks, matches in found.iter_rows():
        position = 0
        for chunk, match in zip(chunks, matches):
            position += len(chunk)
            docs.append(doc_idx)
            starts.append(position - len(match))
            ends.append(position)
    if not docs:
        return Hits.empty()
    return Hits.of(docs, starts, ends, 1.0, "exact", pattern)
