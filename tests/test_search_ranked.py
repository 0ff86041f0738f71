"""Lazy ranking: the first page, later pages and the total agree with ranking every hit; the vectorised overlap
resolver agrees with the plain greedy rule; the name route's shortcuts change no result."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from corpus.search import RESULT_COLUMNS, Searcher
from corpus.search.hits import MATCH_KINDS, Hits, concat_hits, rank_order, resolve_overlaps, top_order
from corpus.search.names_route import name_hits
from corpus.search.searcher import _word_route


@pytest.fixture(scope="module")
def searcher(sample_corpus) -> Searcher:
    return Searcher(sample_corpus, use_cache=False)


@pytest.mark.parametrize("query", ["Altman", "奥特曼", "Microsoft", '"Sam Altman"', "Altman Nadella", "lang:ru Альтман"])
def test_pages_equal_the_full_ranking(searcher: Searcher, query: str) -> None:
    every = searcher.search(query, limit=None)
    first = searcher.search(query, limit=7)
    assert first.total == every.total == every.hits.height > 7
    assert first.hits.equals(every.hits.head(7))
    ranked = first.ranked
    assert ranked is not None and len(ranked) == every.total
    assert ranked.frame(7, 15).select(RESULT_COLUMNS).equals(every.hits.slice(7, 8))
    assert ranked.frame().select(RESULT_COLUMNS).equals(every.hits)
    light = ranked.frame(context=False)
    assert "left" not in light.columns and light.height == every.total
    shuffled = light.sample(fraction=1.0, shuffle=True, seed=1)  # context for rows in any order, as a view sorts them
    back = ranked.with_context(shuffled).sort("doc_id", "start").select(RESULT_COLUMNS)
    assert back.equals(every.hits.sort("doc_id", "start"))


def test_no_hits_has_no_ranked(searcher: Searcher) -> None:
    result = searcher.search("Qwxzyv")
    assert result.total == 0 and result.ranked is None and result.hits.columns == list(RESULT_COLUMNS)


def _random_hits(rng: np.random.Generator, n: int) -> Hits:
    doc = rng.integers(0, 6, n).astype(np.int32)
    start = rng.integers(0, 80, n)
    end = start + rng.integers(1, 12, n)
    score = rng.choice([1.0, 0.98, 0.93, 0.9123456, 0.9123457, 0.85], n)
    return Hits(doc, start, end, score, rng.integers(0, len(MATCH_KINDS), n).astype(np.int8),
                rng.integers(0, 3, n).astype(np.int32), (("a", None), ("b", "gloss"), ("c", None)))


def _greedy(hits: Hits) -> set[tuple[int, int, int]]:
    """The rule in plain Python: one hit per span (best score, most direct reason), then best first, dropping
    whatever overlaps a hit already kept in the same article."""
    spans: dict[tuple[int, int, int], tuple[float, int]] = {}
    for d, s, e, sc, m in zip(hits.doc.tolist(), hits.start.tolist(), hits.end.tolist(), hits.score.tolist(),
                              hits.match.tolist()):
        best, reason = spans.get((d, s, e), (-1.0, 99))
        spans[(d, s, e)] = (max(best, sc), min(reason, m))
    order = sorted(spans, key=lambda k: (-round(spans[k][0], 6), spans[k][1], k[2] - k[1], k[0], k[1]))
    kept: list[tuple[int, int, int]] = []
    for d, s, e in order:
        if not any(d == kd and s < ke and ks < e for kd, ks, ke in kept):
            kept.append((d, s, e))
    return set(kept)


@pytest.mark.parametrize("seed", range(40))
def test_resolver_agrees_with_the_plain_greedy_rule(seed: int) -> None:
    rng = np.random.default_rng(seed)
    hits = _random_hits(rng, int(rng.integers(2, 300)))
    resolved = resolve_overlaps(hits)
    assert set(zip(resolved.doc.tolist(), resolved.start.tolist(), resolved.end.tolist())) == _greedy(hits)
    unranked = resolve_overlaps(hits, ranked=False)
    assert np.array_equal(unranked.take(rank_order(unranked)).start, resolved.start)
    for count in (1, 5, 20, len(resolved)):
        top = unranked.take(top_order(unranked, count))
        assert np.array_equal(top.doc, resolved.doc[:count]) and np.array_equal(top.start, resolved.start[:count])


@pytest.mark.parametrize("query", ["Altman", "OpenAI", "Microsoft", "Альтман", "ألتمان", "Nadella", "altman"])
def test_skipping_echo_forms_changes_nothing(searcher: Searcher, query: str) -> None:
    index = searcher.index
    words = _word_route(index, query, None)
    full = resolve_overlaps(concat_hits([words, name_hits(index, query, None)]))
    lean = resolve_overlaps(concat_hits([words, name_hits(index, query, None, with_word_route=True)]))
    assert len(name_hits(index, query, None, with_word_route=True)) <= len(name_hits(index, query, None))
    assert full.to_frame().equals(lean.to_frame())


def test_to_frame_round_trips() -> None:
    hits = _random_hits(np.random.default_rng(3), 50)
    frame = hits.to_frame()
    assert frame.schema == pl.Schema({"doc_idx": pl.Int32, "start": pl.Int64, "end": pl.Int64, "score": pl.Float64,
                                      "match": pl.String, "key": pl.String, "alias_origin": pl.String})
    assert Hits.from_frame(frame).to_frame().equals(frame)
