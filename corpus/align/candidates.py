"""Which article pairs pair proposal scores: for each article, the :data:`PER_ARTICLE` others with the largest
anchor overlap among those sharing a rare anchor with it (:func:`best_candidates`).

The overlap of two articles is the cosine of their anchor sets, each anchor weighted by its squared inverse
document frequency. Enumerating every pair that shares a rare anchor and intersecting the two sets in Python is
quadratic in the articles that share anchors (1,500 shuffled copies of five articles: 15 million pair instances,
16 s), so the overlaps are summed with NumPy instead: per block of articles the postings of their rare anchors are
gathered and summed per pair (``np.bincount`` by pair, through ``np.unique`` where the pairs are sparse), and the
few common anchors (in more than :data:`corpus.align.pairs.COMMON_SHARE` of the articles: they propose no pair but
still weigh) are added from a boolean matrix. Such sums round differently from the exact ``math.fsum`` the scores
use (:func:`weight_of`), so they only preselect: every pair within :data:`_SLACK` of an article's
:data:`PER_ARTICLE`-th best is rescored exactly, and the exact values (ties by pair) choose, so the result is the
one exact scoring of every pair gives.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator

import numpy as np

#: Candidate pairs scored per article at most (the ones with the largest overlap).
PER_ARTICLE = 20
#: The preselection keeps pairs this close to the cut (cosines lie in 0..1): far above the rounding error of a
#: float64 sum of thousands of positive terms (about 1e-13), far below any difference the ranking cares about.
_SLACK = 1e-9
#: Gathered postings per block of articles (memory: a few arrays of this many 8-byte values, and the dense sum by
#: pair at most twice as long).
_BLOCK = 1 << 21


def weight_of(anchors: frozenset[str], weight: dict[str, float]) -> float:
    """The summed weights of a set of anchors, exactly rounded (``math.fsum``): a plain sum follows the set's
    iteration order, which follows string hashing, so near-equal scores ranked differently from run to run."""
    return math.fsum(map(weight.__getitem__, anchors))


def best_candidates(keys: dict[str, frozenset[str]], frequency: Counter[str], common: float,
                    weight: dict[str, float], norms: dict[str, float]) -> list[tuple[str, str]]:
    """The pairs ``(a, b)``, ``a < b``, kept for scoring, in order: for each article its :data:`PER_ARTICLE` largest
    overlaps (ties: the larger pair first) among the articles sharing with it an anchor found in 2..``common``
    articles."""
    docs = sorted(keys)  # article numbers in doc_id order, so number order is pair order
    shared = sorted(key for key, df in frequency.items() if df >= 2)  # an anchor of one article pairs nothing
    doc_of, key_of = _incidence(docs, keys, {key: i for i, key in enumerate(shared)})
    rare = np.array([frequency[key] <= common for key in shared], dtype=bool)
    weights = np.array([weight[key] for key in shared], dtype=np.float64)
    norm = np.array([norms[doc_id] for doc_id in docs], dtype=np.float64)
    by_key = np.argsort(key_of, kind="stable")
    postings, post_start = doc_of[by_key], np.searchsorted(key_of[by_key], np.arange(len(shared) + 1))
    common_ids = np.flatnonzero(~rare)
    has_common = np.zeros((len(docs), len(common_ids)), dtype=bool)
    in_common = ~rare[key_of]
    has_common[doc_of[in_common], np.searchsorted(common_ids, key_of[in_common])] = True
    exact: dict[tuple[str, str], float] = {}
    kept: set[tuple[str, str]] = set()
    rows = np.flatnonzero(rare[key_of])  # (article, rare anchor) incidences, article by article
    lengths = post_start[key_of[rows] + 1] - post_start[key_of[rows]]
    for block in _blocks(doc_of[rows], lengths):
        a, b, dot = _rare_overlaps(doc_of[rows[block]], key_of[rows[block]], postings, post_start, weights,
                                   len(docs))
        dot += _common_overlaps(a, b, has_common, weights[common_ids])
        for article, others in _preselected(a, b, dot / (norm[a] * norm[b])):
            ranked = []
            for other in others:
                pair = (docs[article], docs[other]) if article < other else (docs[other], docs[article])
                value = exact.get(pair)
                if value is None:
                    value = exact[pair] = weight_of(keys[pair[0]] & keys[pair[1]], weight) / (
                        norms[pair[0]] * norms[pair[1]])
                ranked.append((value, pair))
            ranked.sort(reverse=True)
            kept.update(pair for _, pair in ranked[:PER_ARTICLE])
    return sorted(kept)


def _incidence(docs: list[str], keys: dict[str, frozenset[str]], key_index: dict[str, int]
               ) -> tuple[np.ndarray, np.ndarray]:
    """``(article, anchor)`` number pairs of every anchor found in two articles or more, by article then anchor."""
    doc_of: list[int] = []
    key_of: list[int] = []
    for number, doc_id in enumerate(docs):
        ids = sorted(key_index[key] for key in keys[doc_id] if key in key_index)
        doc_of.extend([number] * len(ids))
        key_of.extend(ids)
    return np.array(doc_of, dtype=np.int64), np.array(key_of, dtype=np.int64)


def _blocks(articles: np.ndarray, lengths: np.ndarray) -> Iterator[slice]:
    """Slices of the incidences, whole articles each, gathering about :data:`_BLOCK` postings (an article with
    more is a block of its own)."""
    if not len(articles):
        return
    firsts = np.concatenate(([0], np.flatnonzero(np.diff(articles)) + 1))
    sizes = np.add.reduceat(lengths, firsts)
    start, total = 0, 0
    for i, size in enumerate(sizes.tolist()):
        if total and total + size > _BLOCK:
            yield slice(int(firsts[start]), int(firsts[i]))
            start, total = i, 0
        total += size
    yield slice(int(firsts[start]), len(articles))


def _rare_overlaps(articles: np.ndarray, anchors: np.ndarray, postings: np.ndarray, post_start: np.ndarray,
                   weights: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For these ``(article, rare anchor)`` incidences: every pair ``(article, other)`` sharing one of them (other
    articles only), sorted, with the summed weights of their shared rare anchors."""
    lengths = post_start[anchors + 1] - post_start[anchors]
    firsts = np.cumsum(lengths) - lengths
    gathered = postings[np.repeat(post_start[anchors] - firsts, lengths) + np.arange(int(lengths.sum()))]
    owners = np.repeat(articles, lengths)
    other = gathered != owners
    first = int(articles[0]) * count  # codes relative to the block's first article
    codes = owners[other] * count + gathered[other] - first
    summed = np.repeat(weights[anchors], lengths)[other]
    span = (int(articles[-1]) + 1) * count - first
    if span <= 2 * len(codes):  # dense enough to sum by code directly (weights are positive: a sum > 0 is a pair)
        dense = np.bincount(codes, weights=summed, minlength=span)
        codes = np.flatnonzero(dense)
        dot = dense[codes]
    else:
        codes, inverse = np.unique(codes, return_inverse=True)
        dot = np.bincount(inverse.ravel(), weights=summed, minlength=len(codes))
    codes += first
    return codes // count, codes % count, dot


def _common_overlaps(a: np.ndarray, b: np.ndarray, has_common: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The summed weights of the common anchors each pair shares (a boolean matrix product, in chunks)."""
    out = np.zeros(len(a), dtype=np.float64)
    if not weights.size:
        return out
    step = max(1, _BLOCK // weights.size)
    for start in range(0, len(a), step):
        both = has_common[a[start:start + step]] & has_common[b[start:start + step]]
        out[start:start + step] = both @ weights
    return out


def _preselected(a: np.ndarray, b: np.ndarray, approx: np.ndarray) -> Iterator[tuple[int, list[int]]]:
    """Per article (``a``, sorted), the others whose approximate overlap is within :data:`_SLACK` of its
    :data:`PER_ARTICLE`-th best: a superset of its exact best :data:`PER_ARTICLE`."""
    if not len(a):
        return
    firsts = np.concatenate(([0], np.flatnonzero(np.diff(a)) + 1, [len(a)]))
    for start, stop in zip(firsts[:-1].tolist(), firsts[1:].tolist()):
        values, others = approx[start:stop], b[start:stop]
        if stop - start > PER_ARTICLE:
            cut = np.partition(values, -PER_ARTICLE)[-PER_ARTICLE] - _SLACK
            others = others[values >= cut]
        yield int(a[start]), others.tolist()
