"""The paragraph aligner: link F1 on the gold sample pairs and their repost perturbations (against plain
Gale–Church in the same run), bead shapes and coverage, the vectorised costs against the scalar model, long pairs."""

from __future__ import annotations

import math
import random
from functools import lru_cache
from pathlib import Path

import pytest

from corpus.align.costs import CostTables
from corpus.align.dp import Constraints, align, gale_church_baseline
from corpus.align.evaluate import Article, Case, case_f1, features_of, link_scores, load_case, perturbed_cases
from corpus.align.model import BEAD_SHAPES, build_model

DATA = Path(__file__).parent / "data"
GOLD = [("align_gold_000_001.json", "ru", "ar"), ("align_gold_003_004.json", "ja", "id")]


def _case(sample_dir: Path, name: str, source_lang: str, target_lang: str) -> Case:
    return load_case(DATA / name, sample_dir, source_lang, target_lang)


_features = lru_cache(maxsize=256)(features_of)  # perturbed cases share one side with the original


@pytest.fixture(scope="module")
def cases(sample_dir: Path) -> list[Case]:
    return [case for spec in GOLD for case in perturbed_cases(_case(sample_dir, *spec))]


def _f1(case: Case, aligner) -> float:
    return case_f1(case, aligner, _features)


def test_link_f1_beats_plain_gale_church_on_gold_and_perturbed_cases(cases: list[Case]) -> None:
    ours = [_f1(case, align) for case in cases]
    plain = [_f1(case, gale_church_baseline) for case in cases]
    mean_ours, mean_plain = sum(ours) / len(ours), sum(plain) / len(plain)
    print(f"link F1 over {len(cases)} cases: anchored {mean_ours:.3f}, plain Gale–Church {mean_plain:.3f}")
    assert mean_ours >= 0.97
    assert mean_ours > mean_plain + 0.05
    assert min(ours) >= 0.9, [case.name for case, f1 in zip(cases, ours) if f1 < 0.9]


def test_unperturbed_gold_pairs(cases: list[Case]) -> None:
    for case in (c for c in cases if "+" not in c.name):
        assert _f1(case, align) >= 0.97, case.name


def test_every_paragraph_in_one_bead_in_reading_order_and_scores_in_range(cases: list[Case]) -> None:
    for case in cases[:6]:
        alignment = align(_features(case.source), _features(case.target))
        alignment.check()
        assert all(0.0 <= bead.score <= 1.0 for bead in alignment.beads)
        assert all(bead.shape in BEAD_SHAPES for bead in alignment.beads)


def test_boilerplate_headline_and_repeated_teaser_stay_unaligned(sample_dir: Path) -> None:
    case = _case(sample_dir, *GOLD[1])  # 003 repeats two later paragraphs at its top; 004 ends in furniture
    alignment = align(_features(case.source), _features(case.target))
    unaligned_source = {i for bead in alignment.beads if not bead.target for i in bead.source}
    unaligned_target = {j for bead in alignment.beads if not bead.source for j in bead.target}
    assert {0, 1} <= unaligned_source  # the teaser copies
    assert 3 in unaligned_source  # source credits (boilerplate)
    assert set(range(53, 80)) <= unaligned_target  # site furniture


def test_split_paragraph_becomes_a_one_to_two_bead(sample_dir: Path) -> None:
    case = _case(sample_dir, *GOLD[0])  # ru 16 is split in two in ar (19, 20); ar 40 holds ru 36 and 37
    alignment = align(_features(case.source), _features(case.target))
    beads = {(bead.source, bead.target) for bead in alignment.beads}
    assert ((16,), (19, 20)) in beads
    assert ((36, 37), (40,)) in beads


def test_a_constraint_pins_a_bead_and_unlinked_paragraphs_stay_alone(sample_dir: Path) -> None:
    case = _case(sample_dir, *GOLD[0])
    source, target = _features(case.source), _features(case.target)
    constraints = Constraints(fixed=(((5,), (9,)),), unlinked_source=frozenset({10}))
    alignment = align(source, target, constraints)
    alignment.check()
    beads = {(bead.source, bead.target): bead for bead in alignment.beads}
    assert beads[((5,), (9,))].fixed
    assert ((10,), ()) in beads


def test_vectorised_bead_costs_equal_the_scalar_model(sample_dir: Path) -> None:
    case = _case(sample_dir, *GOLD[1])
    source, target = _features(case.source), _features(case.target)
    model = build_model(source, target)
    no = [False] * len(source), [False] * len(target)
    tables = CostTables(model, no[0], no[1], no[0], no[1])
    rng = random.Random(5)
    for _ in range(400):
        di, dj = rng.choice([(1, 1), (2, 1), (1, 2), (2, 2)])
        i, j = rng.randrange(len(source) - di + 1), rng.randrange(len(target) - dj + 1)
        assert math.isclose(tables.link[(di, dj)][i, j], model.bead_cost(i, i + di, j, j + dj), rel_tol=1e-5)


def _long(article: Article, copies: int, drop_every: int = 0) -> Article:
    """``article`` repeated, each copy's digits made unique (so copies differ like a long article's sections)."""
    texts, kinds = [], []
    for copy in range(copies):
        for position, (text, kind) in enumerate(zip(article.paragraphs, article.kinds, strict=True)):
            if drop_every and (copy * 7 + position) % drop_every == 0:
                continue
            texts.append("".join(str((int(ch) + copy) % 10) if ch.isdigit() else ch for ch in text)
                         + f" §{copy}-{position}")
            kinds.append(kind)
    return Article(article.lang, tuple(texts), tuple(kinds))


def test_long_pair_uses_the_anchored_band_and_stays_accurate(sample_dir: Path) -> None:
    case = _case(sample_dir, *GOLD[0])
    copies = 12  # ≈ 450 × 540 paragraphs: more cells than a full search, fewer than the dense limit
    source, target = _long(case.source, copies), _long(case.target, copies)
    shift_s, shift_t = len(case.source.paragraphs), len(case.target.paragraphs)
    gold = {(i + c * shift_s, j + c * shift_t) for c in range(copies) for i, j in case.gold}
    alignment = align(_features(source), _features(target))
    alignment.check()
    assert link_scores(alignment.links(), gold)[2] >= 0.95
