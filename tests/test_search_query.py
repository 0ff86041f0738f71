"""Query syntax, filters, phrases, regex, exact-only words, aliases (store, file, CLDR, glosses), thread safety."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from corpus.paths import config_dir
from corpus.search import SearchError, Searcher
from corpus.search.query import Term, parse
from corpus.store import Store


@pytest.fixture(scope="module")
def searcher(sample_corpus) -> Searcher:
    return Searcher(sample_corpus, use_cache=False)


def test_parse_terms_and_filters() -> None:
    q = parse('Altman "Sam Altman" lang:ru lang:AR doc:000 re:"Open ?AI" =OpenAI http://x.y')
    assert q.terms == (
        Term(("Altman",)), Term(("Sam", "Altman")), Term(regex="Open ?AI"), Term(("OpenAI",), exact=True),
        Term(("http://x.y",)),
    )
    assert q.langs == ("ru", "ar") and q.docs == ("000",)


@pytest.mark.parametrize("bad", ['"Sam Altman', "lang:", "lang:123", "re:"])
def test_parse_errors(bad: str) -> None:
    with pytest.raises(SearchError):
        parse(bad)


@pytest.mark.parametrize("pattern", ["re:(", "re:[a-", "re:x*"])
def test_bad_regex_raises_clear_error(searcher: Searcher, pattern: str) -> None:
    with pytest.raises(SearchError, match="regular expression"):
        searcher.search(pattern)


def test_regex_offsets_are_code_points(searcher: Searcher) -> None:
    hits = searcher.search('re:"奥特曼|Альтман[а-я]*"', limit=None).hits
    assert hits.height > 20
    for doc_id, start, end, surface in hits.select("doc_id", "start", "end", "surface").iter_rows():
        assert searcher.corpus.text(doc_id)[start:end] == surface
    assert set(hits["surface"].to_list()) >= {"奥特曼", "Альтмана", "Альтманом"}


def test_lang_and_doc_filters(searcher: Searcher) -> None:
    assert set(searcher.search("Altman lang:ru", limit=None).hits["lang"].to_list()) == {"ru"}
    assert set(searcher.search("Altman", lang="zh", limit=None).hits["lang"].to_list()) == {"zh"}
    assert set(searcher.search("Altman doc:003", limit=None).hits["doc_id"].to_list()) == {"003_be91988be7a24db6.txt"}
    with pytest.raises(SearchError, match="doc:nope"):
        searcher.search("Altman doc:nope")
    with pytest.raises(SearchError, match="nothing to search"):
        searcher.search("lang:ru")


def test_empty_query_is_empty_result(searcher: Searcher) -> None:
    result = searcher.search("   ")
    assert result.total == 0 and result.hits.height == 0


def test_phrase_is_adjacent_words_in_order(searcher: Searcher) -> None:
    hits = searcher.search('"Sam Altman"', limit=None).hits
    found = set(hits["surface"].to_list())
    assert {"Sam Altman", "Сэм Альтман", "سام ألتمان", "サム・アルトマン"} <= found
    assert all(len(s.split()) >= 2 or "・" in s or "·" in s for s in found if "Altman" in s or "Альтман" in s)
    assert searcher.search('"Altman Sam"', limit=None).total < hits.height


def test_exact_only(searcher: Searcher) -> None:
    hits = searcher.search("=Altman", limit=None).hits
    assert set(hits["surface"].to_list()) == {"Altman"}
    assert set(hits["match"].to_list()) == {"exact"}
    assert searcher.search("=altman").total == 0


def test_and_between_terms(searcher: Searcher) -> None:
    both = searcher.search("Altman Shear", limit=None).hits
    only_altman = searcher.search("Altman", limit=None).hits
    assert set(both["doc_id"].to_list()) <= set(only_altman["doc_id"].to_list())


def test_cjk_substring(searcher: Searcher) -> None:
    hits = searcher.search("董事", lang="zh", limit=None).hits
    text = searcher.corpus.text("002_607b4259a36b8345.txt")
    exact = hits.filter(hits["surface"] == "董事")
    assert exact.height == text.count("董事") > 0  # inside 董事会 too, which ICU keeps as one token
    assert set(exact["match"].to_list()) == {"exact"}


def test_cldr_alias(searcher: Searcher) -> None:
    hits = searcher.search("Россия", limit=None).hits
    chinese = hits.filter(hits["surface"] == "俄罗斯")
    assert chinese.height and set(chinese["alias_origin"].to_list()) == {"cldr"}
    assert set(chinese["match"].to_list()) == {"alias"}


def test_gloss_alias(searcher: Searcher) -> None:
    assert ("山姆·奥特曼", "gloss") in searcher.aliases_of("Sam Altman")


def test_user_alias_persists(sample_corpus) -> None:
    store = Store.open(sample_corpus.root)
    try:
        searcher = Searcher(sample_corpus, store, use_cache=False)
        before = searcher.search("Microsoft", limit=None).hits
        assert set(before.filter(before["surface"] == "微软")["alias_origin"].to_list()) == {"cedict"}
        assert searcher.add_alias("Microsoft", "微软") is True
        assert searcher.add_alias("微软", "Microsoft") is False
        hits = searcher.search("Майкрософт", limit=None).hits  # sound match to the alias name, then the alias
        alias_rows = hits.filter(hits["surface"] == "微软")
        assert alias_rows.height >= 40 and set(alias_rows["alias_origin"].to_list()) == {"user"}
    finally:
        store.close()
    store = Store.open(sample_corpus.root)
    try:
        again = Searcher(sample_corpus, store, use_cache=False)
        assert "微软" in again.search("Microsoft", limit=None).hits["surface"].to_list()
        assert again.remove_alias("Microsoft", "微软") == 1
    finally:
        store.close()


def test_alias_file(sample_corpus) -> None:
    path = config_dir() / "aliases.toml"
    path.write_text('[[alias]]\nnames = ["Google", "谷歌"]\n\n[[alias]]\nnames = ["lonely"]\n', encoding="utf-8")
    searcher = Searcher(sample_corpus, use_cache=False)
    assert any("needs names" in w for w in searcher.warnings)
    hits = searcher.search("Google", limit=None).hits
    assert set(hits.filter(hits["surface"] == "谷歌")["alias_origin"].to_list()) == {"file"}
    path.write_text("[[alias]\nbroken", encoding="utf-8")
    broken = Searcher(sample_corpus, use_cache=False)
    assert broken.warnings and broken.search("Google").total >= 1


def test_add_alias_without_store(searcher: Searcher) -> None:
    with pytest.raises(SearchError, match="store"):
        searcher.add_alias("a", "b")


def test_searching_from_threads(searcher: Searcher) -> None:
    queries = ["Altman", "奥特曼", "Nadella", "Альтман", '"Sam Altman"', "re:Open"] * 4
    expected = {q: searcher.search(q, limit=None).total for q in set(queries)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        totals = list(pool.map(lambda q: (q, searcher.search(q, limit=None).total), queries))
    assert all(expected[q] == n for q, n in totals)


def test_index_cache_round_trip(sample_corpus) -> None:
    cold = Searcher(sample_corpus)
    warm = Searcher(sample_corpus)
    assert not cold.index_was_cached and warm.index_was_cached
    for query in ["Altman", "奥特曼", "Microsoft"]:
        assert cold.search(query, limit=None).hits.equals(warm.search(query, limit=None).hits)


def test_index_follows_edited_articles(tmp_path) -> None:
    import shutil

    from corpus.ingest import load_corpus
    from corpus.paths import sample_corpus_dir

    for name in ("000_a950dea4a643e238.txt", "002_607b4259a36b8345.txt"):
        shutil.copy(sample_corpus_dir() / name, tmp_path / name)
    corpus, _ = load_corpus(tmp_path)
    before = Searcher(corpus)
    assert before.search("Zaksverti").total == 0
    ru = tmp_path / "000_a950dea4a643e238.txt"
    ru.write_text(ru.read_text(encoding="utf-8") + "\nВчера Заксверти выступил.\n", encoding="utf-8")
    corpus, _ = load_corpus(tmp_path)
    after = Searcher(corpus)
    assert not after.index_was_cached
    hits = after.search("Zaksverti", limit=None).hits  # the new name, found through its romanisation
    assert hits["surface"].to_list() == ["Заксверти"]
    assert after.search("奥特曼", limit=None).total == before.search("奥特曼", limit=None).total
