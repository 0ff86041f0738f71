"""Pair proposal's candidate preselection (corpus/align/candidates.py) against exact scoring of every pair that
shares a rare anchor, on random anchor sets with many near ties (shuffled copies share most anchors)."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

from corpus.align import candidates
from corpus.align.candidates import PER_ARTICLE, best_candidates, weight_of


def _every_pair(keys: dict[str, frozenset[str]], frequency: Counter[str], common: float,
                weight: dict[str, float], norms: dict[str, float]) -> list[tuple[str, str]]:
    """The selection scoring every candidate pair exactly (what pair proposal did before the NumPy sums)."""
    postings: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id, anchor_set in keys.items():
        for key in anchor_set:
            if 2 <= frequency[key] <= common:
                postings[key].append(doc_id)
    pairs = {(a, b) if a < b else (b, a) for docs in postings.values() for i, a in enumerate(docs) for b in docs[i + 1:]}
    per_article: defaultdict[str, list] = defaultdict(list)
    for a, b in pairs:
        value = weight_of(keys[a] & keys[b], weight) / (norms[a] * norms[b])
        per_article[a].append((value, (a, b)))
        per_article[b].append((value, (a, b)))
    kept = set()
    for ranked in per_article.values():
        ranked.sort(reverse=True)
        kept.update(pair for _, pair in ranked[:PER_ARTICLE])
    return sorted(kept)


def _corpus(rng: random.Random) -> dict[str, frozenset[str]]:
    stories = [[f"k{s}.{i}" for i in range(rng.randint(1, 30))] for s in range(rng.randint(1, 4))]
    everywhere = [f"c{i}" for i in range(rng.randint(0, 3))]
    keys = {}
    for n in range(rng.randint(0, 60)):
        story = rng.choice(stories)
        own = rng.sample(story, rng.randint(0, len(story))) + [f"u{n}.{i}" for i in range(rng.randint(0, 3))]
        keys[f"doc{rng.randrange(10 ** 6):06d}"] = frozenset(own + [c for c in everywhere if rng.random() < 0.9])
    return keys


def test_preselection_keeps_what_exact_scoring_of_every_pair_keeps(monkeypatch) -> None:
    monkeypatch.setattr(candidates, "_BLOCK", 64)  # many blocks, and articles larger than one
    rng = random.Random(11)
    for _ in range(300):
        keys = _corpus(rng)
        frequency = Counter(key for anchor_set in keys.values() for key in anchor_set)
        weight = {key: math.log(1.0 + len(keys) / df) ** 2 for key, df in frequency.items()}
        norms = {doc_id: math.sqrt(weight_of(s, weight)) or 1.0 for doc_id, s in keys.items()}
        common = max(2, 0.5 * len(keys))
        assert best_candidates(keys, frequency, common, weight, norms) == _every_pair(keys, frequency, common, weight,
                                                                                        norms)
