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
Only pairs sharing at least one anchor rarer than :data:`COMMON_SHARE` are scored, and of those only each
article's best few by overlap (:mod:`corpus.align.candidates`, summed with NumPy), so a large corpus does not cost
n² alignments.

Per article only its anchors are needed, not its full features: they come from :mod:`corpus.align.profiles`
(computed once per article content and cached on disk). The order signal only ever counts anchors that occur once
in an article and in at least one other article, so each article is reduced to those, with their paragraph
positions, once before the pairs are scored (:func:`corpus.align.model.reliable_links` recounts every anchor of
both articles for every pair).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from corpus.align.candidates import best_candidates, weight_of
from corpus.align.model import _heaviest_chain as heaviest_chain  # reliable_links' chain, without its recount
from corpus.align.profiles import Profile, anchor_profiles, with_entities
from corpus.collection import Corpus

if TYPE_CHECKING:
    from corpus.entities import EntityIndex

#: A translation is the other article's best match by at least this factor over either one's runner-up.
TRANSLATION_MARGIN = 1.25
#: Keys found in more than this share of the articles do not propose candidate pairs (they still weigh).
COMMON_SHARE = 0.5
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


def propose_pairs(corpus: Corpus, *, entities: EntityIndex | None = None,
                  progress: Callable[[int, int], None] | None = None, limit: int | None = None) -> list[ProposedPair]:
    """Article pairs of ``corpus`` ranked translations first, then by score (best first); ``entities`` (the
    corpus' entity index) adds entity ids to the anchors."""
    doc_ids = corpus.doc_ids
    profiles = anchor_profiles(corpus, progress)
    if entities is not None:
        spans: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for doc_id, start, end, entity_id in entities.mentions.select("doc_id", "start", "end", "entity_id").iter_rows():
            spans[doc_id].append((start, end, entity_id))
        profiles = {doc_id: with_entities(profile, spans.get(doc_id, ())) for doc_id, profile in profiles.items()}
    keys = {doc_id: profiles[doc_id].keys() for doc_id in doc_ids}
    frequency: Counter[str] = Counter(key for anchor_set in keys.values() for key in anchor_set)
    count = len(doc_ids)
    weight = {key: math.log(1.0 + count / df) ** 2 for key, df in frequency.items()}  # idf squared
    norms = {doc_id: math.sqrt(weight_of(anchor_set, weight)) or 1.0 for doc_id, anchor_set in keys.items()}
    linkable = {doc_id: _linkable(profiles[doc_id], frequency) for doc_id in doc_ids}
    bodies = {doc_id: sum(p.kind != "boilerplate" for p in profiles[doc_id].anchored) for doc_id in doc_ids}
    pairs = []
    for a, b in best_candidates(keys, frequency, max(2, COMMON_SHARE * count), weight, norms):
        shared = keys[a] & keys[b]
        cosine = weight_of(shared, weight) / (norms[a] * norms[b])
        order = _order_share(linkable[a], linkable[b], min(bodies[a], bodies[b]))
        score = OVERLAP_WEIGHT * cosine + (1.0 - OVERLAP_WEIGHT) * order
        pairs.append(ProposedPair(a, b, score, cosine, order, False, len(shared)))
    pairs = _flag_translations(pairs, {doc_id: profile.lang for doc_id, profile in profiles.items()})
    pairs.sort(key=lambda p: (not p.translation, -p.score, p.source, p.target))
    return pairs[:limit] if limit else pairs


def _flag_translations(pairs: list[ProposedPair], langs: dict[str, str]) -> list[ProposedPair]:
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
            if langs[pair.source] != langs[pair.target] and pair.score > 0
            and stands_out(pair, pair.source) and stands_out(pair, pair.target) else pair
            for pair in pairs]


def _linkable(profile: Profile, frequency: Counter[str]) -> dict[str, int]:
    """The anchors :func:`corpus.align.model.reliable_links` can link, with their paragraph's list position: those
    occurring once in the article (outside boilerplate) and in some other article too."""
    seen: Counter[str] = Counter()
    where: dict[str, int] = {}
    for position, paragraph in enumerate(profile.anchored):
        if paragraph.kind != "boilerplate":
            seen.update(paragraph.anchors)
            where.update(dict.fromkeys(paragraph.anchors, position))
    return {key: where[key] for key, count in seen.items() if count == 1 and frequency[key] >= 2}


def _order_share(source: dict[str, int], target: dict[str, int], bodies: int) -> float:
    """Share of the shorter article's ``bodies`` (body paragraphs) on the heaviest monotone chain of the anchors
    unique to one paragraph on each side (as :func:`corpus.align.model.reliable_links` finds it)."""
    votes: Counter[tuple[int, int]] = Counter()
    if len(source) <= len(target):
        votes.update((i, target[key]) for key, i in source.items() if key in target)
    else:
        votes.update((source[key], j) for key, j in target.items() if key in source)
    links = heaviest_chain(votes)
    return min(1.0, len(links) / bodies) if bodies else 0.0
