"""CC-CEDICT names: translated Chinese names reach their English (and, by sound, their other) spellings."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.aliases.dictionary import _names_of, dictionary_groups, groups_in, proper_names
from corpus.ingest import load_corpus
from corpus.search import Searcher


def test_proper_nouns_only_with_their_leading_english_name() -> None:
    names = proper_names()
    assert names["微软"] == (("微软", "微軟"), ("Microsoft Corporation", "Microsoft"))
    assert names["微軟"][1] == names["微软"][1]
    assert "Google" in names["谷歌"][1]
    assert "苹果" not in names  # lower-case pinyin: the fruit, not a name


def test_proper_nouns_that_are_also_common_words_are_known() -> None:
    from corpus.aliases.dictionary import common_words

    assert {"大众", "時代", "时代", "现代"} <= common_words()  # the masses / Volkswagen, era / Time, modern / Hyundai
    assert "微软" not in common_words() and "谷歌" not in common_words()
    assert common_words() <= set(proper_names())


@pytest.mark.parametrize(
    ("sense", "expected"),
    [
        ("Microsoft Corporation", ["Microsoft Corporation", "Microsoft"]),
        ("Google, Internet company and search engine", ["Google"]),
        ("Elon Musk (1971-), business magnate", ["Elon Musk"]),
        ("Wei State (220-265)", ["Wei State"]),
        ("variant of 谷歌[Gu3 ge1]", []),
        ("surname Wang", []),
        ("abbr. for 中國|中国[Zhong1 guo2]", []),
        ("apple", []),
        ("US", []),  # folds to the word "us"
        ("Bank of", []),
        ("The Very Long Name Of Something Else", []),
    ],
)
def test_the_leading_name_of_a_sense(sense: str, expected: list[str]) -> None:
    assert _names_of(sense) == expected


def test_groups_are_han_words_of_two_or_more_characters() -> None:
    groups = dictionary_groups()
    assert len(groups) > 5000
    members = {m for g in groups for m in g.members}
    assert "德" not in members and "BM" not in members  # an abbreviation; a Latin form
    assert [g.members for g in groups_in({"谷歌", "其他"})] == [("谷歌", "Google")]


def test_search_crosses_translated_names(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("微软向OpenAI投资了数十亿美元。\n\n谷歌也在开发类似的系统。\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("Корпорация Майкрософт вложила миллиарды долларов в OpenAI.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Google is building a similar system, its engineers said.\n", encoding="utf-8")
    corpus, _ = load_corpus(tmp_path, use_cache=False)
    searcher = Searcher(corpus, use_cache=False)
    found = lambda query: set(searcher.search(query, limit=None).hits["surface"].to_list())  # noqa: E731
    assert {"微软", "Майкрософт"} <= found("Microsoft")
    assert {"微软", "Майкрософт"} <= found("Майкрософт")  # by sound to Microsoft, by the dictionary to 微软
    assert "Google" in found("谷歌") and "谷歌" in found("Google")
    assert [o for name, o in searcher.aliases_of("谷歌") if name == "Google"] == ["cedict"]


def test_the_parsed_dictionary_is_kept_in_the_cache_dir() -> None:
    from corpus.aliases import dictionary
    from corpus.paths import cache_dir

    dictionary._parsed.cache_clear()
    first = dictionary.proper_names()
    copies = list((cache_dir() / "aliases").glob("cedict-*.parquet"))
    assert len(copies) == 1
    dictionary._parsed.cache_clear()
    assert dictionary.proper_names() == first
    assert {"大众", "时代"} <= dictionary.common_words()  # read back from the copy too
