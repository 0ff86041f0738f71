"""Chinese names translated by meaning, from CC-CEDICT (corpus/entities/translated.py): found on ICU word
boundaries across split tokens, never a common word, a calendar name or a time zone, and never over what the
corpus's own sound evidence found (奥特曼 is Ultraman in CC-CEDICT)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from corpus.entities import translated
from corpus.entities.extract import extract
from corpus.ingest import load_corpus


def _tokens(*rows: tuple[str, int]) -> pl.DataFrame:
    """Han tokens of one article ``a``: (surface, start) pairs, the end following from the surface."""
    return pl.DataFrame(
        [("a", start, start + len(surface), surface, "Han") for surface, start in rows],
        schema={"doc_id": pl.String, "start": pl.Int64, "end": pl.Int64, "surface": pl.String, "script": pl.String},
        orient="row",
    )


def test_a_name_icu_cuts_into_characters_is_found_whole() -> None:
    tokens = _tokens(("摩", 0), ("根", 1), ("士", 2), ("丹", 3), ("利", 4), ("在", 5),
                     ("硅", 6), ("谷", 7))
    hits = {(start, end, surface, english) for _, start, end, surface, english in translated.find(tokens)}
    assert (0, 5, "摩根士丹利", "Morgan Stanley") in hits and (6, 8, "硅谷", "Silicon Valley") in hits


def test_tokens_of_another_article_or_not_adjacent_do_not_join() -> None:
    tokens = pl.concat([_tokens(("硅", 0)), _tokens(("谷", 1)).with_columns(pl.lit("b").alias("doc_id"))])
    assert translated.find(tokens) == []
    assert translated.find(_tokens(("硅", 0), ("谷", 2))) == []  # something stands between them


def test_forms_start_and_end_on_word_boundaries() -> None:
    assert translated.find(_tokens(("其中", 0), ("山区", 2))) == []  # 中山 (Zhongshan) is inside
    assert [h[3] for h in translated.find(_tokens(("中山", 0)))] == ["中山"]


@pytest.mark.parametrize("word", ["大众", "时代", "现代", "周一", "美东时间"])
def test_common_words_calendar_names_and_time_zones_are_no_names(word: str) -> None:
    assert word not in set(translated.names()["surface"])


def test_the_english_name_drops_the_designator_when_cc_cedict_gives_both() -> None:
    table = dict(translated.names().iter_rows())
    assert table["微软"] == "Microsoft" and table["谷歌"] == "Google"
    assert translated.type_votes("Silicon Valley") == {"LOC": translated.TYPE_WEIGHT}
    assert translated.type_votes("Goldman Sachs Group") == {"ORG": translated.TYPE_WEIGHT}
    assert translated.type_votes("Baidu") == {}


def test_sound_evidence_wins_over_the_dictionary(tmp_path: Path) -> None:
    """奥特曼 is Ultraman to CC-CEDICT: found by the Han passes as Altman, it takes no dictionary link."""
    rows = [
        {"title": "en", "lang": "en", "text": "Sam Altman met Microsoft. Later, Altman spoke in Silicon Valley."},
        {"title": "zh", "lang": "zh", "text": "山姆·奥特曼(Sam Altman)会见了微软。奥特曼随后在硅谷发言。"},
    ]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    corpus, _ = load_corpus(folder)
    found = {(c.surface, c.source, c.link) for c in extract(corpus).candidates if c.lang == "zh"}
    assert ("微软", "dictionary", "Microsoft") in found and ("硅谷", "dictionary", "Silicon Valley") in found
    altman = [(source, link) for surface, source, link in found if surface == "奥特曼"]
    assert altman and all(source != "dictionary" and link != "Ultraman" for source, link in altman)


def test_grown_runs_find_what_every_run_of_up_to_six_tokens_finds(sample_corpus) -> None:
    """Runs are grown only while they begin a dictionary form; the reference looks up every run of one to
    MAX_TOKENS adjacent tokens (the sample's Chinese and Japanese Han tokens)."""
    docs = sample_corpus.documents.filter(pl.col("lang").is_in(["zh", "ja"]))["doc_id"].to_list()
    tokens = sample_corpus.tokens.filter(pl.col("doc_id").is_in(docs) & (pl.col("script") == "Han"))
    rows = tokens.select("doc_id", "start", "end", "surface").sort("doc_id", "start").rows()
    table = dict(translated.names().iter_rows())
    expected = set()
    for i, (doc_id, start, _, _) in enumerate(rows):
        surface, end = "", None
        for doc, s, e, piece in rows[i:i + translated.MAX_TOKENS]:
            if doc != doc_id or (end is not None and s != end):
                break
            surface, end = surface + piece, e
            if surface in table:
                expected.add((doc_id, start, end, surface, table[surface]))
    found = translated.find(tokens.select("doc_id", "start", "end", "surface", "script"))
    assert set(found) == expected and len(found) == len(expected) and len(expected) > 40


def test_dictionary_hits_merge_as_a_second_resolve_of_everything_would(sample_corpus, monkeypatch) -> None:
    """The unclaimed dictionary hits, resolved among themselves, are merged into the resolved mentions in the order
    (and with the mentions) that resolving everything again gives."""
    from corpus.entities import extract as module

    seen = []
    merged = module._merged

    def checked(resolved, extra):
        out = merged(resolved, extra)
        again = module._resolve([*resolved, *extra])
        seen.append(len(extra))
        assert [(c.doc_id, c.start, c.end, c.source) for c in out] == [
            (c.doc_id, c.start, c.end, c.source) for c in again]
        return out

    monkeypatch.setattr(module, "_merged", checked)
    module.extract(sample_corpus)
    assert seen and seen[0] > 40
