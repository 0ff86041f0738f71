"""Meaning-based aliases for entities come from the shared sources (corpus.aliases), never from a shipped list:
names paired in aligned paragraphs of translations (origin ``aligned``), CC-CEDICT's Chinese proper nouns, the
user's store aliases and alias file.

The fixture (tests/data/aligned_pair/) is an English news item and its Arabic translation. ``White House`` /
``البيت الأبيض`` and ``Silicon Valley`` / ``وادي السيليكون`` sound nothing alike; only the alignment links them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from corpus.aliases import aligned, sources
from corpus.entities import aligned_aliases, build_entities
from corpus.entities import autocache
from corpus.ingest import load_corpus
from corpus.search import Searcher
from corpus.store import Store

PAIR = Path(__file__).parent / "data" / "aligned_pair"
FIXTURE = Path(__file__).parent / "data" / "entities_fixture.jsonl"


def _entity_of(index, surface: str) -> str:
    ids = index.mentions.filter(pl.col("surface") == surface)["entity_id"].unique().to_list()
    assert len(ids) == 1, (surface, ids)
    return ids[0]


@pytest.fixture(scope="module")
def pair_corpus():
    corpus, _ = load_corpus(PAIR, use_cache=False)
    return corpus


def test_translated_names_link_through_aligned_paragraphs(pair_corpus):
    index = build_entities(pair_corpus, use_cache=False)
    assert _entity_of(index, "White House") == _entity_of(index, "البيت الأبيض")
    assert _entity_of(index, "Silicon Valley") == _entity_of(index, "وادي السيليكون")
    assert _entity_of(index, "White House") != _entity_of(index, "Silicon Valley")
    assert index.mentions.filter(pl.col("surface") == "البيت الأبيض").height == 2  # every occurrence, not one bead
    pairs = set(autocache.compute(pair_corpus).aligned.select("a", "b").iter_rows())
    assert pairs == {("White House", "البيت الأبيض"), ("Silicon Valley", "وادي السيليكون")}


def test_without_the_alignment_the_meaning_only_names_stay_apart(pair_corpus, monkeypatch):
    monkeypatch.setattr(aligned, "harvest",
                        lambda corpus, mentions, progress=None: pl.DataFrame(schema=aligned.ALIGNED_SCHEMA))
    index = build_entities(pair_corpus, use_cache=False)
    assert index.mentions.filter(pl.col("surface").is_in(["البيت الأبيض", "وادي السيليكون"])).height == 0


def test_an_ambiguous_bead_pairs_nothing(tmp_path: Path):
    """Two Arabic candidates occur exactly where White House does (البيت الأبيض and الأبيض يوم): no guess."""
    folder = tmp_path / "pair"
    shutil.copytree(PAIR, folder)
    ar = folder / "ar.txt"
    ar.write_text(ar.read_text(encoding="utf-8").replace("البيت الأبيض الثلاثاء", "البيت الأبيض يوم الثلاثاء"),
                  encoding="utf-8")
    corpus, _ = load_corpus(folder, use_cache=False)
    pairs = set(autocache.compute(corpus).aligned.select("a", "b").iter_rows())
    assert pairs == {("Silicon Valley", "وادي السيليكون")}


@pytest.mark.parametrize(
    "source, target, expected",
    [
        ([("Nvidia", "en", None), ("White House", "en", None)], [("إنفيديا", "ar", None), ("البيت الأبيض", "ar", None)],
         (("White House", "en"), ("البيت الأبيض", "ar"))),
        ([("The Information", "en", None)], [("San Francisco", "id", "other")], None),  # one script: never
        ([("Белый дом", "ru", "other")], [("سام", "ar", "PER")], None),                   # person vs place
        ([("White House", "en", None), ("Pentagon", "en", None)], [("البيت الأبيض", "ar", None)], None),
    ],
)
def test_bead_pair_rule(source, target, expected):
    assert aligned.bead_pair(source, target) == expected


def test_search_finds_the_translated_name_as_an_aligned_alias(pair_corpus):
    # before the entity result exists, search does not extract entities itself (a large corpus would wait)
    assert [o for _, o in Searcher(pair_corpus).aliases_of("Silicon Valley") if o == "aligned"] == []
    build_entities(pair_corpus)  # computes and caches the entity result, aligned pairs included
    hits = Searcher(pair_corpus).search('"White House"', limit=None).hits
    arabic = hits.filter(pl.col("doc_id") == "ar.txt")
    assert arabic.height == 2 and set(arabic["surface"]) == {"البيت الأبيض"}
    assert set(arabic["match"]) == {"alias"} and set(arabic["alias_origin"]) == {"aligned"}
    assert ("وادي السيليكون", "aligned") in Searcher(pair_corpus).aliases_of("Silicon Valley")
    assert {g.members for g in aligned_aliases(pair_corpus, compute=False)} >= {("White House", "البيت الأبيض")}


def test_sample_translations_yield_no_wrong_pair(sample_corpus):
    """The sample's two translation pairs name nothing by meaning alone that both sides extract: nothing pairs
    (a same-script leftover such as The Information / San Francisco is refused)."""
    assert autocache.load(sample_corpus).aligned.height == 0


def _feed_with_a_nickname(tmp_path: Path) -> Path:
    """The fixture, its Chinese article also calling Microsoft 巨硬 ("giant hard", a nickname no dictionary has)."""
    folder = tmp_path / "news"
    folder.mkdir()
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    for row in rows:
        if row["lang"] == "zh":
            row["text"] += "网友把微软叫作巨硬。"
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return folder


def test_user_alias_file_and_store_aliases_reach_extraction(tmp_path: Path, monkeypatch):
    """A name known to no source (巨硬) is Microsoft only when the user says so, in the alias file or the store."""
    corpus, _ = load_corpus(_feed_with_a_nickname(tmp_path))
    assert build_entities(corpus).mentions.filter(pl.col("surface") == "巨硬").height == 0

    config = tmp_path / "config"
    config.mkdir()
    (config / sources.ALIAS_FILE).write_text('[[alias]]\nnames = ["Microsoft", "巨硬"]\n', encoding="utf-8")
    monkeypatch.setattr(sources, "config_dir", lambda: config)
    index = build_entities(corpus)  # the alias file is part of the cache key: rebuilt, not served stale
    assert _entity_of(index, "巨硬") == _entity_of(index, "Microsoft")

    monkeypatch.setattr(sources, "config_dir", lambda: tmp_path / "nowhere")
    with Store.open(corpus.root) as store:
        sources.add_store_alias(store, "巨硬", "Microsoft")
        index = build_entities(corpus, store)
    assert _entity_of(index, "巨硬") == _entity_of(index, "Microsoft")


def test_a_chinese_name_translated_by_meaning_links_through_the_dictionary(tmp_path: Path, monkeypatch):
    """微软 is Microsoft by CC-CEDICT, with no alias of the user's (the fixture's Chinese article never writes
    Microsoft in Latin letters)."""
    monkeypatch.setattr(sources, "config_dir", lambda: tmp_path / "nowhere")
    corpus, _ = load_corpus(_feed_with_a_nickname(tmp_path))
    index = build_entities(corpus)
    chinese = index.mentions.filter(pl.col("surface") == "微软")
    assert chinese.height == 4 and set(chinese["type"]) == {"ORG"}
    assert _entity_of(index, "微软") == _entity_of(index, "Microsoft") == _entity_of(index, "マイクロソフト")
    name = index.entities.filter(pl.col("id") == _entity_of(index, "微软"))["name"].item()
    assert name == "Microsoft"  # CC-CEDICT's form without the designator, as the other articles write it


def test_a_first_computation_reports_its_stages_in_order(pair_corpus):
    """What the app's entity views and ``babelscope entities`` show while waiting: each stage, with how far the
    article and pair stages are; the harvested pair makes the text be read again, so names are found twice."""
    heard: list[tuple[str, int, int]] = []
    result = autocache.compute(pair_corpus, [], lambda stage, done, total: heard.append((stage, done, total)))
    stages = [stage for stage, _, _ in heard]
    order = list(dict.fromkeys(stages))
    assert order == ["finding names", "pairing translations", "aligning translations", "linking names"]
    assert stages.count("finding names") == 2 and not result.aligned.is_empty()
    articles = pair_corpus.documents.height
    assert ("pairing translations", articles, articles) in heard
    assert ("aligning translations", 0, 1) in heard
    assert heard[-1] == ("linking names", 0, 0)


def test_the_cached_result_is_keyed_by_the_learned_readings_too() -> None:
    """A rebuilt readings table alone changes which names sound alike, so it must change the cache key."""
    import corpus.names

    readings = Path(corpus.names.__file__).resolve().parent / "readings.json"
    assert readings.exists() and readings in autocache.VERSIONED_FILES
    assert any(path.name == "extract.py" for path in autocache.VERSIONED_FILES)
