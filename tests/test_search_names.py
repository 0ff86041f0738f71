"""Cross-script name search on the sample corpus: name groups in five scripts, typos, hard negatives, inflection
and clitics, names ICU splits, hit spans without clitics/honorifics, offsets, and the hand-made gold."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import polars as pl
import pytest

from corpus.search import RESULT_COLUMNS, Searcher

GOLD = Path(__file__).parent / "data" / "search_gold.toml"


@pytest.fixture(scope="module")
def searcher(sample_corpus) -> Searcher:
    return Searcher(sample_corpus, use_cache=False)


def surfaces(searcher: Searcher, query: str, **kwargs) -> list[str]:
    return searcher.search(query, limit=None, **kwargs).hits["surface"].to_list()


ALTMAN_FORMS = ["Altman", "Альтмана", "Альтманом", "ألتمان", "奥特曼", "アルトマン"]


@pytest.mark.parametrize("query", ["Altman", "Альтман", "ألتمان", "奥特曼", "アルトマン", "Altmna", "altman"])
def test_altman_in_every_script(searcher: Searcher, query: str) -> None:
    found = set(surfaces(searcher, query))
    for form in ALTMAN_FORMS:
        assert form in found, (query, form)


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        ("Sutskever", ["Суцкевер", "سوتسكيفر", "苏茨科夫", "Sutskever"]),
        ("Nadella", ["Наделла", "Наделлы", "ناديلا", "纳德拉", "ナデラ"]),
        ("Brockman", ["Брокман", "Брокмана", "بروكمان", "ブロックマン", "Brockman"]),
        ("Murati", ["Мурати", "穆拉蒂", "Murati"]),
        ("Microsoft", ["Microsoft", "مايكروسوفت", "マイクロソフト"]),
    ],
)
def test_name_groups(searcher: Searcher, query: str, forms: list[str]) -> None:
    found = set(surfaces(searcher, query))
    assert set(forms) <= found


def test_clitic_is_outside_the_span(searcher: Searcher) -> None:
    hits = searcher.search("Altman", limit=None).hits
    texts = {d: searcher.corpus.text(d) for d in hits["doc_id"].unique().to_list()}
    clitic = [(d, s) for d, s in hits.select("doc_id", "start").iter_rows() if texts[d][s - 1:s + 6] == "بألتمان"]
    assert clitic, "بألتمان occurs in the Arabic article"
    assert all(searcher.corpus.text(d)[s:s + 6] == "ألتمان" for d, s in clitic)


def test_honorific_is_outside_the_span(searcher: Searcher) -> None:
    hits = searcher.search("Altman", lang="ja", limit=None).hits
    assert "アルトマン" in hits["surface"].to_list()
    assert not any(s.endswith("氏") for s in hits["surface"].to_list())
    text = searcher.corpus.text(hits["doc_id"][0])
    assert any(text[e:e + 1] == "氏" for e in hits["end"].to_list())  # アルトマン氏 occurs, 氏 left out


def test_icu_split_names_are_one_hit(searcher: Searcher) -> None:
    # ICU cuts アルトマン into アルト|マン and 奥特曼 into 奥|特|曼; the hit must be the whole name
    ja = surfaces(searcher, "Altman", lang="ja")
    zh = surfaces(searcher, "Altman", lang="zh")
    assert "アルトマン" in ja and "アルト" not in ja
    assert "奥特曼" in zh and "奥" not in zh


@pytest.mark.parametrize(("true", "alike"), [("Альтман", "Хартман"), ("Наделла", "Надаль"), ("Мурати", "Мурата")])
def test_sound_alikes_rank_lower(sample_corpus, true: str, alike: str, tmp_path) -> None:
    from corpus.ingest import load_corpus

    (tmp_path / "ru.txt").write_text(f"Сегодня {true} встретил коллег.\n\nВчера {alike} выступил в суде.\n", encoding="utf-8")
    corpus, _ = load_corpus(tmp_path, use_cache=False)
    latin = {"Альтман": "Altman", "Наделла": "Nadella", "Мурати": "Murati"}[true]
    ranked = Searcher(corpus, use_cache=False).search(latin, limit=None).hits["surface"].to_list()
    assert ranked[0] == true
    if alike in ranked:
        assert ranked.index(alike) > ranked.index(true)


def test_offsets_round_trip(searcher: Searcher) -> None:
    for query in ["Altman", "奥特曼", "Nadella", '"Sam Altman"', "re:Open ?AI"]:
        hits = searcher.search(query, limit=None).hits
        assert hits.columns == list(RESULT_COLUMNS)
        for doc_id, start, end, surface in hits.select("doc_id", "start", "end", "surface").iter_rows():
            assert searcher.corpus.text(doc_id)[start:end] == surface


def test_hits_are_best_first_and_scored(searcher: Searcher) -> None:
    result = searcher.search("Altman", limit=20)
    scores = result.hits["score"].to_list()
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert set(result.hits["match"].to_list()) <= {"exact", "folded", "translit", "fuzzy", "alias"}
    assert result.total >= 140 and result.hits.height == 20  # 142 gold mentions of Altman


def test_match_reasons(searcher: Searcher) -> None:
    hits = searcher.search("Altman", limit=None).hits
    reason = dict(zip(hits["surface"].to_list(), hits["match"].to_list()))
    assert reason["Altman"] == "exact"
    assert reason["Альтман"] == "translit"
    typo = searcher.search("Altmna", limit=None).hits
    assert set(typo.filter(pl.col("surface") == "Altman")["match"].to_list()) == {"fuzzy"}
    inflected = searcher.search("Альтман", lang="ru", limit=None).hits
    assert set(inflected.filter(pl.col("surface") == "Альтмана")["match"].to_list()) == {"folded"}


def _gold_figures(searcher: Searcher) -> tuple[float, float]:
    entities = tomllib.loads(GOLD.read_text(encoding="utf-8"))["entity"]
    hits_total = correct = found_total = gold_total = 0
    for entity in entities:
        gold = set()
        for doc_id, text in searcher.corpus.documents.select("doc_id", "text").iter_rows():
            for pattern in entity["mentions"]:
                for m in re.finditer(pattern, text):
                    g = 1 if m.re.groups else 0
                    gold.add((doc_id, m.start(g), m.end(g)))
        for query in entity["queries"]:
            hits = searcher.search(query, limit=None).hits
            found = set()
            for doc_id, start, end in hits.select("doc_id", "start", "end").iter_rows():
                over = {x for x in gold if x[0] == doc_id and x[1] < end and start < x[2]}
                correct += bool(over)
                found |= over
            hits_total += hits.height
            found_total += len(found)
            gold_total += len(gold)
    return correct / hits_total, found_total / gold_total


def test_gold_precision_and_recall_do_not_regress(searcher: Searcher) -> None:
    # Measured 0.972 / 0.963 (benchmarks/search_accuracy.py prints the details; 0.959 / 0.868 when first
    # written); the floor guards against a change that silently loses cross-script matches or floods the results.
    precision, recall = _gold_figures(searcher)
    assert recall >= 0.94, recall
    assert precision >= 0.96, precision


# likelihood, to technology, (they) belong, possibility, to its support: all in the sample's Arabic article
ARABIC_SOUND_ALIKES = ["احتمال", "إلى تقنية", "ينتمون", "إمكانية", "إلى دعمها"]


@pytest.mark.parametrize("query", ["ألتمان", "Altman", "Альтман", "Altmna", "وألتمان"])
def test_arabic_sound_alikes_are_not_hits(searcher: Searcher, query: str) -> None:
    """Arabic common words sharing two or three of Altman's consonants are no hits, whatever the query's script,
    while the name with its proclitics (بألتمان, لألتمان: the span without the clitic) still is."""
    hits = searcher.search(query, limit=None).hits
    arabic = hits.filter(pl.col("lang") == "ar")
    found = set(arabic["surface"].to_list())
    assert not found & set(ARABIC_SOUND_ALIKES), found
    assert found <= {"ألتمان", "Altman"}, found  # every hit in the Arabic article is the name itself
    texts = {d: searcher.corpus.text(d) for d in arabic["doc_id"].unique().to_list()}
    before = {texts[d][s - 1] for d, s in arabic.select("doc_id", "start").iter_rows() if s}
    assert {"ب", "ل"} <= before  # the clitic forms are among the hits


@pytest.mark.parametrize(
    ("query", "form"),
    [("Sutskever", "سوتسكيفر"), ("Nadella", "ناديلا"), ("Brockman", "بروكمان"), ("Microsoft", "مايكروسوفت")],
)
def test_arabic_renderings_still_found(searcher: Searcher, query: str, form: str) -> None:
    assert form in set(surfaces(searcher, query, lang="ar"))
