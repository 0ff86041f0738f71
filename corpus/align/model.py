"""The cost of a bead, estimated from the pair of articles itself (no bilingual dictionary, no training data).

Gale & Church (1993) model the length of a translation as ``c × length`` with noise whose variance grows with the
length (``s² × length``). Their c and s² were fitted on European languages; across Russian, Arabic, Japanese and
Indonesian the ratio varies by a factor of three, so both are estimated here from *reliable links* of the pair:
paragraph pairs that share an anchor occurring exactly once in each article, chained monotonically. Anchor
weights are inverse paragraph frequencies within the pair, over the anchors both articles contain (a key only
one article has can never match, so it only dilutes).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from corpus.align.features import ParagraphFeatures

#: Bead priors (Gale & Church's sentence priors, with a paragraph's larger chance of being dropped by a repost).
PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.86, (1, 0): 0.02, (0, 1): 0.02, (2, 1): 0.04, (1, 2): 0.04, (2, 2): 0.01,
}
BEAD_SHAPES = tuple(PRIORS)
#: Length-noise variance per unit of length when the pair gives too few reliable links to estimate it.
DEFAULT_VARIANCE = 12.0
#: Floor for an estimated variance: reliable links are the cleanest pairs, so they understate the noise.
MIN_VARIANCE = 4.0
#: Weight of anchor disagreement against the length cost, and the Dice coefficient that costs nothing.
ANCHOR_WEIGHT = 7.0
NEUTRAL_DICE = 0.35
#: Weight of punctuation disagreement (quotes, questions, colons) — weak evidence, so small.
PUNCTUATION_WEIGHT = 1.0
MIN_RELIABLE_LINKS = 3
#: Share and width of the wide component of the length-noise mixture (see :func:`length_cost`).
WIDE_SHARE = 0.1
WIDE_FACTOR = 3.0

_LOG_PRIOR = {shape: -math.log(p) for shape, p in PRIORS.items()}
_SQRT2 = math.sqrt(2.0)


def length_cost(source_length: float, target_length: float, ratio: float, variance: float) -> float:
    """−log P(|δ| ≥ observed), δ the standardised length mismatch of a bead (Gale–Church).

    The noise is a mixture: mostly Gale–Church's normal, plus :data:`WIDE_SHARE` of a three times wider normal,
    because translators of news do add or drop a clause now and then; a pure normal makes one such paragraph
    so expensive that the search prefers a false 2-2 bead around it.
    """
    mean = (source_length + target_length / ratio) / 2.0
    delta = abs(target_length - ratio * source_length) / math.sqrt(max(mean, 1.0) * variance * ratio)
    z = delta / _SQRT2
    tail = (1.0 - WIDE_SHARE) * math.erfc(z) + WIDE_SHARE * math.erfc(z / WIDE_FACTOR)
    if tail > 1e-300:
        return -math.log(tail)
    wide = z / WIDE_FACTOR  # asymptotic −log erfc: no underflow for absurd mismatches
    return wide * wide + math.log(wide * math.sqrt(math.pi)) - math.log(WIDE_SHARE)


def reliable_links(source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures]) -> list[tuple[int, int]]:
    """Paragraph pairs sharing anchors that occur once in each article, as the heaviest monotone chain.

    Positions are list positions (not paragraph indices). Boilerplate is left out.
    """
    def unique_positions(features: Sequence[ParagraphFeatures]) -> dict[str, int]:
        seen: Counter[str] = Counter()
        where: dict[str, int] = {}
        for position, feature in enumerate(features):
            if feature.kind == "boilerplate":
                continue
            for key in feature.anchors:
                seen[key] += 1
                where[key] = position
        return {key: where[key] for key, count in seen.items() if count == 1}

    in_source, in_target = unique_positions(source), unique_positions(target)
    votes: Counter[tuple[int, int]] = Counter()
    for key, i in in_source.items():
        j = in_target.get(key)
        if j is not None:
            votes[(i, j)] += 1
    return _heaviest_chain(votes)


def _heaviest_chain(votes: Counter[tuple[int, int]]) -> list[tuple[int, int]]:
    """The strictly increasing (in both i and j) chain of pairs with the largest total vote (votes are positive).

    Pairs are taken in ``(i, j)`` order; a pair extends the heaviest chain ending at a pair with smaller i and
    smaller j (the first such pair in that order among equals), found in a Fenwick tree of prefix maxima over j,
    which receives a row's pairs only once the whole row is done (equal i never chain): O(k log k), where trying
    every earlier pair cost O(k²) for the k pairs of two near-identical articles. The chain is the first heaviest
    one in that order."""
    pairs = sorted(votes)
    if not pairs:
        return []
    rank = {j: r for r, j in enumerate(sorted({j for _, j in pairs}), start=1)}
    size = len(rank)
    tree: list[tuple[int, int]] = [(0, 0)] * (size + 1)  # (heaviest chain weight, -its last pair's position)
    best: list[int] = []
    previous: list[int] = []
    row_start = 0
    for k, (i, j) in enumerate(pairs):
        if i != pairs[row_start][0]:  # a new row: the previous one's chains become usable
            _insert_row(tree, size, rank, pairs, best, row_start, k)
            row_start = k
        found = (0, 0)
        position = rank[j] - 1  # pairs with a smaller j
        while position > 0:
            if tree[position] > found:
                found = tree[position]
            position -= position & -position
        best.append(found[0] + votes[(i, j)])
        previous.append(-found[1] if found[0] else -1)
    k = max(range(len(pairs)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def _insert_row(tree: list[tuple[int, int]], size: int, rank: dict[int, int], pairs: list[tuple[int, int]],
                best: list[int], start: int, stop: int) -> None:
    """Add the chains ending at ``pairs[start:stop]`` (one row) to the Fenwick tree of prefix maxima."""
    for h in range(start, stop):
        entry = (best[h], -h)
        position = rank[pairs[h][1]]
        while position <= size:
            if entry > tree[position]:
                tree[position] = entry
            position += position & -position


@dataclass(slots=True)
class PairModel:
    """Everything bead costs need, precomputed once per pair (lists indexed by list position)."""

    source_length: list[float]
    target_length: list[float]
    source_anchors: list[frozenset[str]]  # only anchors both articles contain
    target_anchors: list[frozenset[str]]
    source_punctuation: list[tuple[int, ...]]
    target_punctuation: list[tuple[int, ...]]
    weights: dict[str, float]
    reference_weight: float
    ratio: float
    variance: float
    use_anchors: bool
    links: list[tuple[int, int]]

    def anchor_weight(self, anchors: frozenset[str]) -> float:
        weights = self.weights
        return sum(weights[key] for key in anchors)

    def bead_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cost of the bead joining source positions ``i0:i1`` with target positions ``j0:j1``."""
        shape = (i1 - i0, j1 - j0)
        if shape[0] == 0 or shape[1] == 0:
            return _LOG_PRIOR.get(shape, _LOG_PRIOR[(1, 0)]) * max(shape)
        source_length = sum(self.source_length[i0:i1])
        target_length = sum(self.target_length[j0:j1])
        cost = _LOG_PRIOR.get(shape, _LOG_PRIOR[(2, 2)]) + length_cost(
            source_length, target_length, self.ratio, self.variance)
        if self.use_anchors:
            cost += self.anchor_cost(i0, i1, j0, j1) + self.punctuation_cost(i0, i1, j0, j1)
        return cost

    def anchor_agreement(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(weighted Dice of the two sides' shared anchors, evidence 0..1 = how much anchor weight there is)."""
        source = self.source_anchors[i0] if i1 - i0 == 1 else frozenset().union(*self.source_anchors[i0:i1])
        target = self.target_anchors[j0] if j1 - j0 == 1 else frozenset().union(*self.target_anchors[j0:j1])
        total = self.anchor_weight(source) + self.anchor_weight(target)
        if total == 0.0:
            return 0.0, 0.0
        small, large = (source, target) if len(source) <= len(target) else (target, source)
        common = sum(self.weights[key] for key in small if key in large)
        return 2.0 * common / total, min(1.0, total / (2.0 * self.reference_weight))

    def anchor_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        dice, evidence = self.anchor_agreement(i0, i1, j0, j1)
        return ANCHOR_WEIGHT * evidence * (NEUTRAL_DICE - dice)

    def punctuation_cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        source = [sum(column) for column in zip(*self.source_punctuation[i0:i1], strict=True)]
        target = [sum(column) for column in zip(*self.target_punctuation[j0:j1], strict=True)]
        larger = sum(max(a, b) for a, b in zip(source, target, strict=True))
        if larger < 2:
            return 0.0
        smaller = sum(min(a, b) for a, b in zip(source, target, strict=True))
        return PUNCTUATION_WEIGHT * (0.5 - smaller / larger)


def build_model(
    source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures], *, use_anchors: bool = True,
) -> PairModel:
    """Estimate the pair's length ratio, noise variance and anchor weights."""
    source_keys = set().union(*(f.anchors for f in source)) if source else set()
    target_keys = set().union(*(f.anchors for f in target)) if target else set()
    shared = source_keys & target_keys if use_anchors else set()
    frequency: defaultdict[str, int] = defaultdict(int)
    for feature in (*source, *target):
        for key in feature.anchors & shared:
            frequency[key] += 1
    paragraphs = max(1, len(source) + len(target))
    weights = {key: math.log(1.0 + paragraphs / count) for key, count in frequency.items()}
    links = reliable_links(source, target) if use_anchors else []
    ratio, variance = _length_model(source, target, links)
    return PairModel(
        source_length=[f.length for f in source],
        target_length=[f.length for f in target],
        source_anchors=[f.anchors & shared for f in source],
        target_anchors=[f.anchors & shared for f in target],
        source_punctuation=[f.punctuation for f in source],
        target_punctuation=[f.punctuation for f in target],
        weights=weights,
        reference_weight=median(weights.values()) if weights else 1.0,
        ratio=ratio,
        variance=variance,
        use_anchors=use_anchors,
        links=links,
    )


def _length_model(
    source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures], links: list[tuple[int, int]],
) -> tuple[float, float]:
    """(c, s²): from the reliable links when there are enough, else c from the body totals and a default s²."""
    if len(links) >= MIN_RELIABLE_LINKS:
        pairs = [(source[i].length, target[j].length) for i, j in links if source[i].length and target[j].length]
        ratio = sum(t for _, t in pairs) / max(1.0, sum(s for s, _ in pairs))
        # the median of a χ²(1) variable is 0.455: scale the median squared deviation to a variance
        spread = median((t - ratio * s) ** 2 / (max(1.0, (s + t / ratio) / 2) * ratio) for s, t in pairs) / 0.455
        return ratio, min(max(spread, MIN_VARIANCE), 60.0)
    source_total = sum(f.length for f in source if f.kind != "boilerplate")
    target_total = sum(f.length for f in target if f.kind != "boilerplate")
    ratio = target_total / source_total if source_total and target_total else 1.0
    return ratio, DEFAULT_VARIANCE

