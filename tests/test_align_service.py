"""Aligning corpus articles end to end: entity-linked anchors, differences inside beads, proposed pairs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpus.align.articles import Article, load_entities
from corpus.align.differences import entity_differences, figure_differences
from corpus.align.evaluate import link_scores
from corpus.align.features import build_features
from corpus.align.pairs import propose_pairs
from corpus.align.service import align_articles
from corpus.session import open_session

DATA = Path(__file__).parent / "data"
RU, AR, JA, ID = "000_a950dea4a643e238.txt", "001_eb0aed705e4d506f.txt", "003_be91988be7a24db6.txt", \
    "004_e6c42df7ed528c8f.txt"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("align-home")


@pytest.fixture(autouse=True)
def babelscope_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One home per test module (overrides conftest's per-test home) so the sample corpus is ingested and its
    entities linked once per module; the compare test modules import these two fixtures."""
    monkeypatch.setenv("BABELSCOPE_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(scope="module")
def session(home: Path):
    import os

    os.environ["BABELSCOPE_HOME"] = str(home)
    opened = open_session(None)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def entities(session):
    return load_entities(session.corpus, session.store)


def _article(session, doc_id: str, entities) -> Article:
    return Article.from_corpus(session.corpus, doc_id, entities)


@pytest.mark.parametrize(("source", "target", "gold"), [(RU, AR, "align_gold_000_001.json"),
                                                         (JA, ID, "align_gold_003_004.json")])
def test_corpus_pairs_match_the_gold(session, entities, source: str, target: str, gold: str) -> None:
    result = align_articles(_article(session, source, entities), _article(session, target, entities))
    links = set(map(tuple, json.loads((DATA / gold).read_text(encoding="utf-8"))["links"]))
    assert link_scores(result.alignment.links(), links)[2] >= 0.97


def test_json_shape_covers_every_paragraph_once(session, entities) -> None:
    result = align_articles(_article(session, JA, entities), _article(session, ID, entities))
    data = result.to_json()
    assert set(data) == {"source", "target", "beads"}
    for side in ("source", "target"):
        assert {"doc_id", "path", "lang", "paragraphs"} <= set(data[side])
        indices = [i for bead in data["beads"] for i in bead[side]]
        assert indices == [p["index"] for p in data[side]["paragraphs"]]  # once each, reading order
        assert all(set(p) == {"index", "start", "end", "kind"} for p in data[side]["paragraphs"])
    for bead in data["beads"]:
        assert 0.0 <= bead["score"] <= 1.0
        for difference in bead["differences"]:
            assert difference["kind"] in ("figure", "entity")
            assert difference["source"] is not None or difference["target"] is not None
            for side in ("source", "target"):
                if difference[side] is not None:
                    assert set(difference[side]) == {"start", "end", "surface", "value"}


def test_entity_linked_differences_name_the_entity_one_side_leaves_out(session, entities) -> None:
    result = align_articles(_article(session, RU, entities), _article(session, AR, entities))
    by_source = {bead.source: bead for bead in result.alignment.beads}
    # ru 9 names Anthropic; its Arabic counterpart speaks of "a safety-focused AI start-up" instead
    surfaces = {d.source.surface for d in by_source[(9,)].differences if d.kind == "entity" and d.source}
    assert "Anthropic" in surfaces
    # Altman appears on both sides of ru 8 / ar 11 (Альтмана / ألتمان): never a difference
    assert not [d for d in by_source[(8,)].differences if d.kind == "entity"]


def _features(text: str, lang: str):
    return build_features(text, [(0, 0, len(text), "body")], lang)


def test_figure_difference_pairs_the_changed_value() -> None:
    source = _features("По сообщениям, 700 из 770 сотрудников подписали письмо 20 ноября.", "ru")
    target = _features("وقع ٧٤٣ من أصل 770 موظفا الرسالة في 20 نوفمبر.", "ar")  # Arabic-Indic digits too
    differences = figure_differences(source, target)
    assert [(d.source.value, d.target.value) for d in differences] == [(700, 743)]
    assert (differences[0].source.surface, differences[0].target.surface) == ("700", "٧٤٣")


def test_small_lone_counts_and_shared_values_are_not_differences() -> None:
    source = _features("OpenAIの従業員770人のうち2つのグループ", "ja")
    target = _features("dua kelompok dari 770 karyawan OpenAI", "id")
    assert figure_differences(source, target) == []


def test_fallback_entity_differences_across_scripts() -> None:
    source = _features("Совет директоров уволил Альтмана, а Microsoft и Anthropic молчали.", "ru")
    target = _features("أقال مجلس الإدارة ألتمان، وصمتت Microsoft.", "ar")
    surfaces = {d.source.surface for d in entity_differences(source, target, ("ru", "ar")) if d.source}
    assert "Anthropic" in surfaces
    assert "Альтмана" not in surfaces  # named on both sides, in two scripts and an inflected form


def test_repost_with_a_changed_figure_is_flagged(session, entities, tmp_path: Path, sample_dir: Path) -> None:
    text = (sample_dir / RU).read_text(encoding="utf-8-sig")
    assert "700 из 770" in text
    edited = tmp_path / "repost.txt"
    edited.write_text("Главная › Новости\n" + text.replace("700 из 770", "710 из 770"), encoding="utf-8")
    other = open_session(edited)
    try:
        repost = Article.from_corpus(other.corpus, other.corpus.doc_ids[0])
    finally:
        other.close()
    result = align_articles(Article.from_corpus(session.corpus, RU), repost)
    figures = [d for bead in result.alignment.beads for d in bead.differences if d.kind == "figure"]
    assert [(d.source.value, d.target.value) for d in figures] == [(700, 710)]
    assert result.alignment.beads[0].source == () or result.alignment.beads[0].target == (0,)


def test_proposed_pairs_put_the_translations_first(session, entities) -> None:
    pairs = propose_pairs(session.corpus, entities=entities)
    first_two = {frozenset((p.source, p.target)) for p in pairs[:2]}
    assert first_two == {frozenset((RU, AR)), frozenset((JA, ID))}
    assert all(p.translation for p in pairs[:2])
    assert not any(p.translation for p in pairs[2:])
    assert all(0.0 <= p.score <= 1.0 for p in pairs)
    assert [p.score for p in pairs[2:]] == sorted((p.score for p in pairs[2:]), reverse=True)


def test_pairs_without_entity_index_still_rank_translations_first(session) -> None:
    pairs = propose_pairs(session.corpus)
    assert {frozenset((p.source, p.target)) for p in pairs[:2]} == {frozenset((RU, AR)), frozenset((JA, ID))}


def test_pairs_of_a_corpus_with_unrelated_articles(tmp_path: Path, sample_dir: Path) -> None:
    shutil.copy(sample_dir / RU, tmp_path / RU)
    (tmp_path / "weather.txt").write_text("Сегодня солнечно, ветер слабый.\nЗавтра дождь.\n", encoding="utf-8")
    other = open_session(tmp_path)
    try:
        pairs = propose_pairs(other.corpus)
    finally:
        other.close()
    assert not any(p.translation for p in pairs)
