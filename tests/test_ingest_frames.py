"""The frames of the embedded sample corpus: documents, paragraphs, sentences, tokens and vocabulary.

Offsets are code points into the article text (CONVENTIONS.md); every token of every article must round-trip.
"""

from __future__ import annotations

import hashlib

import polars as pl
import pytest

from corpus.analyse import Analyser
from corpus.readers import RawArticle
from corpus.schema import DOCUMENTS, PARAGRAPH_KINDS, SENTENCES, TOKEN_KINDS, TOKENS, VOCABULARY
from corpus.titles import pick_title
from tests.conftest import SAMPLE_FILES


def analyse(text: str, doc_id: str = "a.txt", lang: str | None = None) -> dict[str, pl.DataFrame]:
    analyser = Analyser()
    analyser.add(RawArticle(doc_id, doc_id, None, text, "utf-8", {"lang": lang} if lang else {}))
    return analyser.frames()


def test_every_token_of_every_sample_article_round_trips(sample_corpus) -> None:
    texts = dict(sample_corpus.documents.select("doc_id", "text").iter_rows())
    tokens = sample_corpus.tokens
    assert set(tokens["doc_id"].unique()) == set(SAMPLE_FILES.values())
    for doc_id, start, end, surface in tokens.select("doc_id", "start", "end", "surface").iter_rows():
        assert texts[doc_id][start:end] == surface


def test_tokens_are_ordered_inside_their_paragraphs_and_never_white_space(sample_corpus) -> None:
    tokens = sample_corpus.tokens.join(
        sample_corpus.paragraphs.select("doc_id", pl.col("index").alias("paragraph"),
                                        pl.col("start").alias("p_start"), pl.col("end").alias("p_end")),
        on=["doc_id", "paragraph"],
    )
    assert tokens.height == sample_corpus.tokens.height
    assert tokens.filter((pl.col("start") < pl.col("p_start")) | (pl.col("end") > pl.col("p_end"))).height == 0
    assert tokens.filter(pl.col("surface").str.strip_chars() != pl.col("surface")).height == 0
    ordered = sample_corpus.tokens.with_columns(pl.col("start").shift(-1).over("doc_id").alias("next"))
    assert ordered.filter(pl.col("next").is_not_null() & (pl.col("next") < pl.col("end"))).height == 0


def test_token_kinds_cover_words_numbers_kana_ideographs_and_punctuation(sample_corpus) -> None:
    tokens = sample_corpus.tokens
    assert dict(tokens.schema) == TOKENS
    assert set(tokens["kind"].unique()) <= set(TOKEN_KINDS)
    kinds = dict(tokens.group_by("kind").len().iter_rows())
    for kind in ("word", "number", "kana", "ideographic", "punct"):
        assert kinds.get(kind, 0) > 10, kind
    by_surface = dict(tokens.select("surface", "kind").unique("surface").iter_rows())
    assert by_surface["Альтман"] == "word" and by_surface["2023"] == "number"
    assert by_surface["微软"] == "ideographic" and by_surface["アルト"] == "kana"
    assert by_surface["،"] == "punct" and by_surface["。"] == "punct"


def test_astral_characters_count_one_offset_each() -> None:
    text = "𠮷野家の𩸽 and 😀 emoji, 𠮷野家!"
    frames = analyse(text, lang="ja")
    for start, end, surface in frames["tokens"].select("start", "end", "surface").iter_rows():
        assert text[start:end] == surface
    surfaces = frames["tokens"]["surface"].to_list()
    assert "and" in surfaces and text.index("and") == frames["tokens"].filter(pl.col("surface") == "and")["start"][0]
    for start, end in frames["sentences"].select("start", "end").iter_rows():
        assert text[start:end].strip() == text[start:end]


def test_norms_fold_case_width_arabic_marks_and_traditional_chinese() -> None:
    norms = dict(analyse("ＡＬＴＭＡＮ Altman", lang="en")["tokens"].select("surface", "norm").iter_rows())
    assert norms == {"ＡＬＴＭＡＮ": "altman", "Altman": "altman"}
    arabic = analyse("أَلْتمان وإلتمـــان", lang="ar")["tokens"]["norm"].to_list()
    assert arabic == ["التمان", "والتمان"]
    chinese = analyse("微軟與微软", lang="zh")["tokens"]["norm"].to_list()
    assert chinese.count("微软") == 2


def test_documents_frame_keeps_the_decoded_text_and_hashes_it(sample_corpus, sample_dir) -> None:
    documents = sample_corpus.documents
    assert dict(documents.schema) == DOCUMENTS
    assert documents["doc_id"].to_list() == sorted(SAMPLE_FILES.values())
    by_id = {row["doc_id"]: row for row in documents.iter_rows(named=True)}
    for lang, name in SAMPLE_FILES.items():
        row = by_id[name]
        text = (sample_dir / name).read_bytes().decode("utf-8")
        assert row["text"] == text and row["chars"] == len(text)
        assert row["content_hash"] == hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert row["path"] == name and row["record"] is None and row["encoding"] == "utf-8"
        assert row["lang"] == lang
        assert row["n_tokens"] == sample_corpus.tokens.filter(pl.col("doc_id") == name).height
        assert row["n_paragraphs"] == sample_corpus.paragraphs.filter(pl.col("doc_id") == name).height
    assert {r["doc_id"]: r["script"] for r in by_id.values()} == {
        SAMPLE_FILES["ru"]: "Cyrillic", SAMPLE_FILES["ar"]: "Arabic", SAMPLE_FILES["zh"]: "Han",
        SAMPLE_FILES["ja"]: "Japanese", SAMPLE_FILES["id"]: "Latin",
    }
    assert by_id[SAMPLE_FILES["ar"]]["direction"] == "rtl" and by_id[SAMPLE_FILES["ru"]]["direction"] == "ltr"


def test_sample_titles_are_headlines_not_section_labels(sample_corpus) -> None:
    titles = dict(sample_corpus.documents.select("doc_id", "title").iter_rows())
    assert titles[SAMPLE_FILES["ru"]] == "Microsoft застряла в трудном положении."
    assert titles[SAMPLE_FILES["ar"]] == "لماذا تحتاج Microsoft إلى Sam Altman وفريق OpenAI المخلص له؟"
    assert titles[SAMPLE_FILES["zh"]].startswith("稳住OpenAI,微软的麻烦在后边")
    assert titles[SAMPLE_FILES["ja"]].startswith("OpenAIの「宮廷闘争ドラマ」の背後には")
    assert titles[SAMPLE_FILES["id"]].startswith("Inspirasi apa yang bisa kita dapatkan")


def test_title_skips_boilerplate_and_rubric_headings() -> None:
    text = "Share | Tweet\nTimeline\nГрафик\nMicrosoft hires Altman\nThe body starts here. It goes on."
    paragraphs = [(0, 13, "boilerplate"), (14, 22, "heading"), (23, 29, "heading"), (30, 52, "heading"),
                  (53, len(text), "body")]
    assert pick_title(text, paragraphs, (53, 74)) == "Microsoft hires Altman"
    no_heading = "Комментарий Microsoft застряла. Дальше."
    assert pick_title(no_heading, [(0, len(no_heading), "body")], (0, 31)) == "Microsoft застряла."
    assert pick_title("комментарий пользователя важен.", [(0, 31, "body")], (0, 31)) == "комментарий пользователя важен."
    assert analyse("\n\n...\n")["documents"]["title"][0] == "a.txt"


def test_paragraph_layouts_follow_the_conventions_rule(sample_corpus) -> None:
    for lang, name in SAMPLE_FILES.items():
        text = sample_corpus.text(name)
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        spans = sample_corpus.paragraphs_of(name).select("start", "end").rows()
        assert [text[s:e] for s, e in spans] == lines, lang  # no hard-wrapped blocks in the sample
        blank_separated = "\n\n" in text
        assert blank_separated == (lang in ("ar", "zh", "id")), lang
    wrapped = "\n\n".join(
        "\n".join(["word " * 14 + "end"] * 3 + ["last line"]) for _ in range(4)
    )
    spans = [(s, e) for s, e in analyse(wrapped)["paragraphs"].select("start", "end").rows()]
    assert len(spans) == 4 and all(wrapped[s:e].count("\n") == 3 for s, e in spans)


def test_paragraph_kinds_mark_boilerplate_without_deleting_it(sample_corpus) -> None:
    paragraphs = sample_corpus.paragraphs
    assert set(paragraphs["kind"].unique()) == set(PARAGRAPH_KINDS)
    zh = sample_corpus.paragraphs_of(SAMPLE_FILES["zh"])
    text = sample_corpus.text(SAMPLE_FILES["zh"])
    first = zh.row(0, named=True)
    assert text[first["start"]:first["end"]].startswith("当前位置") and first["kind"] == "boilerplate"
    ar = sample_corpus.paragraphs_of(SAMPLE_FILES["ar"])
    assert ar["kind"][0] == "boilerplate"  # the site logo line
    assert sample_corpus.tokens.filter(pl.col("surface") == "当前").height >= 1  # marked, still tokenised


def test_sentences_lie_inside_paragraphs_in_order(sample_corpus) -> None:
    sentences = sample_corpus.sentences
    assert dict(sentences.schema) == SENTENCES
    joined = sentences.join(
        sample_corpus.paragraphs.select("doc_id", pl.col("index").alias("paragraph"),
                                        pl.col("start").alias("p_start"), pl.col("end").alias("p_end")),
        on=["doc_id", "paragraph"],
    )
    assert joined.height == sentences.height
    assert joined.filter((pl.col("start") < pl.col("p_start")) | (pl.col("end") > pl.col("p_end"))).height == 0
    for doc_id in SAMPLE_FILES.values():
        rows = sample_corpus.sentences_of(doc_id)
        assert rows["index"].to_list() == list(range(rows.height))
        assert rows["start"].is_sorted() and (rows["end"] > rows["start"]).all()
    ja = sample_corpus.sentences_of(SAMPLE_FILES["ja"]).height
    assert ja > sample_corpus.paragraphs_of(SAMPLE_FILES["ja"]).height  # ICU splits at 。 inside paragraphs


def test_vocabulary_counts_distinct_norms(sample_corpus) -> None:
    vocabulary, tokens = sample_corpus.vocabulary, sample_corpus.tokens
    assert dict(vocabulary.schema) == VOCABULARY
    assert vocabulary.height == tokens["norm"].n_unique()
    assert vocabulary["freq"].sum() == tokens.height
    openai = vocabulary.filter(pl.col("norm") == "openai").row(0, named=True)
    assert openai["doc_freq"] == 5 and openai["freq"] == tokens.filter(pl.col("norm") == "openai").height
    assert vocabulary["freq"].is_sorted(descending=True)


def test_stats_have_the_documented_shape(sample_corpus) -> None:
    stats = sample_corpus.stats()
    assert stats == {
        "articles": 5,
        "languages": {"ar": 1, "id": 1, "ja": 1, "ru": 1, "zh": 1},
        "scripts": {"Arabic": 1, "Cyrillic": 1, "Han": 1, "Japanese": 1, "Latin": 1},
        "tokens": sample_corpus.tokens.height,
        "vocabulary": sample_corpus.vocabulary.height,
        "skipped": [],
    }


@pytest.mark.parametrize("ref", ["000_a950dea4a643e238.txt", "000", "000_a950"])
def test_doc_references_resolve(sample_corpus, ref: str) -> None:
    assert sample_corpus.resolve_doc(ref) == SAMPLE_FILES["ru"]
