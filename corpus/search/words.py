"""The word route: a query word against the corpus vocabulary (distinct folds), then joined to token offsets.

- ``exact``: the token's norm equals the query's (same letters, case and width aside);
- ``folded``: same folded key (accents, Arabic spelling, Traditional/Simplified) or a prefix of it
  (``Альтман`` finds ``Альтмана``; a prefix of fewer than :data:`MIN_PREFIX` letters is not tried);
- ``fuzzy``: a typo (one edit, transpositions included; two from :data:`TWO_TYPOS_FROM` letters) in words of at
  least :data:`MIN_TYPO_LEN` letters, looked up only among folds of a near length;
- CJK words are also found as substrings of the text (Chinese and Japanese have no spaces, and ICU's dictionary
  may cut a word differently from the query).
"""

from __future__ import annotations

import re

import numpy as np
import polars as pl
from rapidfuzz import process
from rapidfuzz.distance import OSA

from corpus.names import folded_key
from corpus.normalise import normalise
from corpus.search.hits import MATCH_CODE, Hits, concat_hits
from corpus.search.index import CJK_CHARACTER, SearchIndex

MIN_PREFIX = 3
MIN_TYPO_LEN = 5
TWO_TYPOS_FROM = 9
EXACT_SCORE = 1.0
FOLDED_SCORE = 0.98
PREFIX_BASE, PREFIX_SPAN = 0.80, 0.17
_CJK = re.compile(CJK_CHARACTER)


def query_folds(word: str) -> list[str]:
    """Folded keys of a query word: the plain fold and, for Han, the Simplified fold too (微軟 -> 微软)."""
    folds = [folded_key(word)]
    if _CJK.search(word):
        folds.append(folded_key(word, "zh"))
    return list(dict.fromkeys(f for f in folds if f))


def is_cjk(word: str) -> bool:
    return bool(_CJK.search(word))


def _token_hits(
    index: SearchIndex, norm_ids: list[int], allowed: np.ndarray | None, scores: list[float], match: str,
    keys: list[str],
) -> Hits:
    """Every occurrence of the given norms, the i-th norm's hits scored ``scores[i]`` with key ``keys[i]``."""
    if not norm_ids:
        return Hits.empty()
    counts = np.diff(index.norm_offsets)[norm_ids]
    rows = index.token_rows(norm_ids)
    score = np.repeat(np.asarray(scores, dtype=np.float64), counts)
    label = np.repeat(np.arange(len(norm_ids), dtype=np.int32), counts)
    doc = index.tok_doc[rows]
    if allowed is not None:
        ok = allowed[doc]
        rows, score, label, doc = rows[ok], score[ok], label[ok], doc[ok]
    codes = np.full(len(rows), MATCH_CODE[match], dtype=np.int8)
    return Hits(doc.astype(np.int32), index.tok_start[rows], index.tok_end[rows], score, codes, label,
                tuple((k, None) for k in keys))


def word_hits(index: SearchIndex, word: str, allowed: np.ndarray | None, *, typos: bool = True) -> Hits:
    """Hits of one word through the vocabulary (exact, folded, prefix, and typos when ``typos``)."""
    norm = normalise(word)
    seen: set[int] = set()
    frames: list[Hits] = []

    exact = [i for i in index.fold_norms.get(folded_key(norm), []) if index.norms[i] == norm]
    seen.update(exact)
    frames.append(_token_hits(index, exact, allowed, [EXACT_SCORE] * len(exact), "exact", [norm] * len(exact)))

    folds = query_folds(word)
    same = [i for fold in folds for i in index.fold_norms.get(fold, []) if i not in seen]
    seen.update(same)
    frames.append(_token_hits(index, same, allowed, [FOLDED_SCORE] * len(same), "folded",
                              [index.norm_folds[i] for i in same]))

    prefix_ids: list[int] = []
    prefix_scores: list[float] = []
    prefix_keys: list[str] = []
    for fold in folds:
        if len(fold) < MIN_PREFIX:
            continue
        for longer in index.folds_with_prefix(fold):
            for i in index.fold_norms[longer]:
                if i not in seen:
                    seen.add(i)
                    prefix_ids.append(i)
                    prefix_scores.append(PREFIX_BASE + PREFIX_SPAN * len(fold) / len(longer))
                    prefix_keys.append(longer)
    frames.append(_token_hits(index, prefix_ids, allowed, prefix_scores, "folded", prefix_keys))

    if typos and folds and len(folds[0]) >= MIN_TYPO_LEN and not is_cjk(word):
        frames.append(_typo_hits(index, folds[0], seen, allowed))
    return concat_hits(frames)


def _typo_hits(index: SearchIndex, fold: str, seen: set[int], allowed: np.ndarray | None) -> Hits:
    budget = 2 if len(fold) >= TWO_TYPOS_FROM else 1
    choices = [f for n in range(len(fold) - budget, len(fold) + budget + 1) for f in index.folds_by_len.get(n, [])]
    ids: list[int] = []
    scores: list[float] = []
    keys: list[str] = []
    for found, distance, _ in process.extract(
        fold, choices, scorer=OSA.distance, score_cutoff=budget, limit=None
    ):
        for i in index.fold_norms[found]:
            if i not in seen and distance > 0:
                seen.add(i)
                ids.append(i)
                scores.append(1.0 - distance / max(len(fold), len(found)))
                keys.append(found)
    return _token_hits(index, ids, allowed, scores, "fuzzy", keys)


def substring_hits(index: SearchIndex, word: str, allowed: np.ndarray | None) -> Hits:
    """Every occurrence of a CJK query word (or its Simplified fold) inside the text, tokens or not."""
    needles = list(dict.fromkeys([word, *query_folds(word)]))
    found = needle_hits(index, needles, allowed)
    return concat_hits([
        Hits.of(docs, starts, starts + len(needle), EXACT_SCORE if i == 0 else FOLDED_SCORE,
                "exact" if i == 0 else "folded", needle)
        for i, (needle, (docs, starts)) in enumerate(zip(needles, found))
    ])


def needle_hits(
    index: SearchIndex, needles: list[str], allowed: np.ndarray | None
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(articles, starts) of every occurrence of each CJK needle in the text.

    One Aho-Corasick pass (Polars ``str.contains_any``) over the articles with CJK characters
    (:attr:`SearchIndex.cjk_docs`) finds the articles with any needle; in those, a text split at a needle gives
    pieces whose code-point lengths, summed, are where each occurrence starts (leftmost, non-overlapping, as
    ``str.find`` would step), so no Python runs per occurrence.
    """
    scan = index.cjk_docs if allowed is None else index.cjk_docs & allowed
    texts = index.text_frame.filter(pl.Series(scan))
    texts = texts.filter(pl.col("text").str.contains_any(needles))
    out = []
    for needle in needles:
        step = len(needle)
        found = (
            texts.filter(pl.col("text").str.contains(needle, literal=True))
            .select("doc_idx", pl.col("text").str.split(needle).alias("piece"))
            .select("doc_idx", pl.col("piece").list.eval((pl.element().str.len_chars() + step).cum_sum() - step)
                    .list.head(pl.col("piece").list.len() - 1).alias("start"))
            .explode("start")
        )
        out.append((found["doc_idx"].to_numpy(), found["start"].to_numpy().astype(np.int64)))
    return out
