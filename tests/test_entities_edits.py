"""User edits to entities: each persists in the store, is replayed on the automatic linking after reopening, and
survives a re-ingest (ids are derived from names, not runs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from corpus.entities import EntityEditor, EntityError, build_entities, mention_key
from corpus.ingest import load_corpus
from corpus.store import Store

FIXTURE = Path(__file__).parent / "data" / "entities_fixture.jsonl"


@pytest.fixture()
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(FIXTURE, folder / "feed.jsonl")
    return folder


def _open(folder: Path):
    corpus, _ = load_corpus(folder)
    return corpus, Store.open(corpus.root)


def _id(index, surface: str) -> str:
    return index.mentions.filter(pl.col("surface") == surface)["entity_id"][0]


def test_merge_and_accept_persist_across_reopen_and_reingest(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    editor = EntityEditor(corpus, store)
    index = editor.index()
    hartman, altman = _id(index, "Hartman"), _id(index, "Altman")
    pair = index.suggestions.filter(pl.col("a").is_in([hartman, altman]) & pl.col("b").is_in([hartman, altman]))
    assert pair.height == 1
    merged = editor.accept(altman, hartman)
    assert _id(merged, "Hartman") == altman and hartman not in merged.entities["id"].to_list()
    assert merged.suggestions.filter(pl.col("a").is_in([hartman]) | pl.col("b").is_in([hartman])).height == 0
    store.close()

    corpus, store = _open(corpus_dir)        # reopen: edits replayed from the store
    assert _id(build_entities(corpus, store), "Hartman") == altman
    store.close()
    (corpus_dir / "feed.jsonl").write_text((corpus_dir / "feed.jsonl").read_text() + "\n", encoding="utf-8")
    corpus, store = _open(corpus_dir)        # re-ingested (file changed), automatic result rebuilt
    assert _id(build_entities(corpus, store, use_cache=False), "Hartman") == altman
    store.close()


def test_split_rename_set_type(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    editor = EntityEditor(corpus, store)
    index = editor.index()
    microsoft = _id(index, "Microsoft")
    corp = index.mentions.filter(pl.col("surface") == "Microsoft Corp").row(0, named=True)
    split = editor.split(microsoft, [mention_key(corp["doc_id"], corp["start"], corp["end"])])
    new_id = _id(split, "Microsoft Corp")
    assert new_id != microsoft and split.entity(new_id)["name"] == "Microsoft Corp"
    assert split.entity(new_id)["type"] == "ORG" and _id(split, "マイクロソフト") == microsoft

    renamed = editor.rename(microsoft, "Microsoft Corporation")
    assert renamed.entity(microsoft)["name"] == "Microsoft Corporation"  # the id does not change
    retyped = editor.set_type(_id(renamed, "Boston"), "ORG")
    assert retyped.entity(_id(retyped, "Boston"))["type"] == "ORG"
    assert retyped.mentions.filter(pl.col("surface") == "Boston")["type"][0] == "ORG"
    store.close()

    corpus, store = _open(corpus_dir)
    again = build_entities(corpus, store)
    assert again.entity(microsoft)["name"] == "Microsoft Corporation"
    assert _id(again, "Microsoft Corp") == new_id and again.entity(_id(again, "Boston"))["type"] == "ORG"
    assert again.stale_edits == 0
    store.close()


def test_reject_drops_a_suggestion(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    editor = EntityEditor(corpus, store)
    index = editor.index()
    a, b = index.suggestions.row(0)[:2]
    after = editor.reject(a, b)
    assert {frozenset(p) for p in after.suggestions.select("a", "b").rows()}.isdisjoint({frozenset((a, b))})
    assert a in after.entities["id"].to_list() and b in after.entities["id"].to_list()
    store.close()


def test_bad_edits_are_refused_and_store_nothing(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    editor = EntityEditor(corpus, store)
    index = editor.index()
    altman = _id(index, "Altman")
    with pytest.raises(EntityError):
        editor.merge(altman, "per-0000000000")
    with pytest.raises(EntityError):
        editor.set_type(altman, "ANIMAL")
    with pytest.raises(EntityError):
        editor.rename(altman, "   ")
    with pytest.raises(EntityError):
        editor.split(altman, ["nowhere@0-1"])
    with pytest.raises(EntityError):
        editor.merge(altman, altman)
    assert store.query("SELECT COUNT(*) FROM entity_edits")[0][0] == 0
    with pytest.raises(EntityError):
        EntityEditor(corpus, None).rename(altman, "x")
    store.close()


def test_user_aliases_from_search_merge_entities(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    index = build_entities(corpus, store)
    assert _id(index, "Hartman") != _id(index, "Altman")
    with store.transaction() as conn:
        conn.execute("INSERT INTO aliases (name, alias, origin, created) VALUES ('Altman', 'Hartman', 'user', 'now')")
    index = build_entities(corpus, store)
    assert _id(index, "Hartman") == _id(index, "Altman")
    store.close()


def test_store_edits_naming_a_vanished_entity_are_counted_stale(corpus_dir: Path):
    corpus, store = _open(corpus_dir)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO entity_edits (op, entity, value, payload, created) VALUES ('rename', 'per-gone', 'X', '{}', 'now')"
        )
    index = build_entities(corpus, store)
    assert index.stale_edits == 1 and "X" not in index.entities["name"].to_list()
    store.close()
