"""The search index's per-article span work gives the same frames in the process pool as in this process
(corpus/search/index.py: ``spans_task`` over batches, results in task order)."""

from __future__ import annotations

import pytest

import corpus.search.index as index


@pytest.mark.parametrize("task_articles", [1, 2])
def test_spans_in_the_pool_equal_spans_in_process(sample_corpus, monkeypatch, task_articles: int) -> None:
    docs = index._doc_table(sample_corpus)
    monkeypatch.setattr(index, "PARALLEL_CHARS", 10**15)
    spans, glosses = index._spans_and_glosses(sample_corpus, docs, None)
    assert spans.height > 1000 and glosses.height > 0

    monkeypatch.setattr(index, "PARALLEL_CHARS", 0)
    monkeypatch.setattr(index, "TASK_ARTICLES", task_articles)
    monkeypatch.setattr(index, "default_workers", lambda: 2)  # a pool even on a one-core machine
    pooled_spans, pooled_glosses = index._spans_and_glosses(sample_corpus, docs, None)
    assert pooled_spans.equals(spans) and pooled_glosses.equals(glosses)
