"""Which articles of a corpus tell the same story, and which are translations of each other.

Two signals, both from the anchors the aligner uses (figures, Latin-script tokens, name keys, entity ids):

* **overlap**: the cosine of the two articles' anchor sets weighted by inverse document frequency in the corpus
  (a key every article has — the company at the centre of the story — says little);
* **order**: the share of body paragraphs joined by the heaviest monotone chain of anchors unique to one
  paragraph on each side (:func:`corpus.align.model.reliable_links`). A translation repeats the original's
  figures and names paragraph by paragraph in the same order; another article on the same story mentions them
  too, but scattered.

``score`` blends both. A pair in two languages where each article is the other's best match, by a margin of
:data:`TRANSLATION_MARGIN` over either one's runner-up, is flagged a translation (or a repost) and ranked first
(the compare picker proposes those first). The margin is relative on purpose: absolute scores depend on how many
figures and names a story has, but a translation stands out against the other articles on the same story.
Only pairs sharing at least one anchor rarer than :data:`COMMON_SHARE` are scored, so a large corpus does not
cost n² alignments.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corpus.align.articles import Article, features_of
from corpus.align.features import ParagraphFeatures
from corpus.align.model import reliable_links
from corpus.collection import Corpus

if TYPE_CHECKING:
    from corpus.entities import EntityIndex

#: A translation is the other article's best match by at least this factor over either one's runner-up.
TRANSLATION_MARGIN = 1.25
#: Keys found in more than this share of the articles do not propose candidate pairs (they still weigh).
COMMON_SHARE = 0.5
#: Candidate pairs scored per article at most (the ones with the largest overlap).
CANDIDATES_PER_ARTICLE = 20
OVERLAP_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class ProposedPair:
    source: str  # doc_id
    target: str
    score: float  # 0..1
    overlap: float  # idf-weighted cosine of the anchor sets
    order: float  # share of body paragraphs on the monotone anchor chain
    translation: bool
    shared: int  # anchors both articles contain

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "target": self.target, "score": round(self.score, 4),
                "overlap": round(self.overlap, 4), "order": round(self.order, 4),
                "translation": self.translation, "shared_anchors": self.shared}


def _anchors(features: list[ParagraphFeatures]) -> frozenset[str]:
    return frozenset().union(*(f.anchors for f in features if f.kind != "boilerplate"))


def propose_pairs(corpus: Corpus, *, entities: EntityIndex | None = None,
                  progress: Callable[[int, int], None] | None = None, limit: int | None = None) -> list[ProposedPair]:
    """Article pairs of ``corpus`` ranked translations first, then by score (best first); ``entities`` (the
    corpus' entity index) adds entity ids to the anchors."""
    doc_ids = corpus.doc_ids
    articles = {doc_id: Article.from_corpus(corpus, doc_id, entities) for doc_id in doc_ids}
    features: dict[str, list[ParagraphFeatures]] = {}
    for done, doc_id in enumerate(doc_ids, 1):
        features[doc_id] = features_of(articles[doc_id])
        if progress:
            progress(done, len(doc_ids))
    keys = {doc_id: _anchors(features[doc_id]) for doc_id in doc_ids}
    frequency: Counter[str] = Counter(key for anchor_set in keys.values() for key in anchor_set)
    count = len(doc_ids)
    idf = {key: math.log(1.0 + count / df) for key, df in frequency.items()}
    norms = {doc_id: math.sqrt(sum(idf[k] ** 2 for k in anchor_set)) or 1.0 for doc_id, anchor_set in keys.items()}
    postings: defaultdict[str, list[str]] = defaultdict(list)
    for doc_id, anchor_set in keys.items():
        for key in anchor_set:
            if frequency[key] >= 2 and frequency[key] <= max(2, COMMON_SHARE * count):
                postings[key].append(doc_id)
    candidates: set[tuple[str, str]] = set()
    for docs in postings.values():
        candidates.update((a, b) if a < b else (b, a) for position, a in enumerate(docs) for b in docs[position + 1:])
    pairs = []
    for a, b in _best_candidates(candidates, keys, idf, norms):
        shared = keys[a] & keys[b]
        cosine = sum(idf[k] ** 2 for k in shared) / (norms[a] * norms[b])
        order = _order_share(features[a], features[b])
        score = OVERLAP_WEIGHT * cosine + (1.0 - OVERLAP_WEIGHT) * order
        pairs.append(ProposedPair(a, b, score, cosine, order, False, len(shared)))
    pairs = _flag_translations(pairs, articles)
    pairs.sort(key=lambda p: (not p.translation, -p.score, p.source, p.target))
    return pairs[:limit] if limit else pairs


def _flag_translations(pairs: list[ProposedPair], articles: dict[str, Article]) -> list[ProposedPair]:
    """Mark mutual best matches in two languages that beat both articles' runners-up by the margin."""
    ranked: defaultdict[str, list[ProposedPair]] = defaultdict(list)
    for pair in pairs:
        ranked[pair.source].append(pair)
        ranked[pair.target].append(pair)
    for candidates in ranked.values():
        candidates.sort(key=lambda p: -p.score)

    def stands_out(pair: ProposedPair, doc_id: str) -> bool:
        best = ranked[doc_id]
        return best[0] is pair and (len(best) == 1 or pair.score >= TRANSLATION_MARGIN * best[1].score)

    return [replace(pair, translation=True)
            if articles[pair.source].lang != articles[pair.target].lang and pair.score > 0
            and stands_out(pair, pair.source) and stands_out(pair, pair.target) else pair
            for pair in pairs]


def _best_candidates(candidates: set[tuple[str, str]], keys: dict[str, frozenset[str]],
                     idf: dict[str, float], norms: dict[str, float]) -> list[tuple[str, str]]:
    """The candidate pairs kept for scoring: for each article its :data:`CANDIDATES_PER_ARTICLE` best overlaps."""
    cosine = {pair: sum(idf[k] ** 2 for k in keys[pair[0]] & keys[pair[1]]) / (norms[pair[0]] * norms[pair[1]])
              for pair in candidates}
    per_article: defaultdict[str, list[tuple[float, tuple[str, str]]]] = defaultdict(list)
    for pair, value in cosine.items():
        per_article[pair[0]].append((value, pair))
        per_article[pair[1]].append((value, pair))
    kept: set[tuple[str, str]] = set()
    for ranked in per_article.values():
        ranked.sort(reverse=True)
        kept.update(pair for _, pair in ranked[:CANDIDATES_PER_ARTICLE])
    return sorted(kept)


def _order_share(source: list[ParagraphFeatures], target: list[ParagraphFeatures]) -> float:
    """Share of the shorter article's body paragraphs on the heaviest monotone chain of unique shared anchors."""
    links = reliable_links(source, target)
    bodies = min(sum(f.kind != "boilerplate" for f in source), sum(f.kind != "boilerplate" for f in target))
    return min(1.0, len(links) / bodies) if bodies else 0.0
