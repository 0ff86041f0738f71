"""Figures for the entity pane and ``babelscope numbers``: counts written as words (ICU spell-out parsing, a
small change to corpus.figures made with the entities work), and boilerplate left out."""

from __future__ import annotations

import polars as pl
import pytest

from corpus.entities.numbers import doc_figures
from corpus.figures import extract_figures


@pytest.mark.parametrize(
    "lang, text, surface, value, unit",
    [
        ("ar", "بخبرة تزيد عن عشر سنوات في عالم الشركات", "عشر", 10, "سنوات"),     # feminine form, via ثلاثة-style
        ("ar", "هناك ثلاثة أشياء تحتاجها الشركات", "ثلاثة", 3, "أشياء"),
        ("ru", "через три года он вернулся", "три", 3, "года"),
        ("en", "after ten years of work", "ten", 10, "years"),
        ("id", "selama lima tahun terakhir", "lima", 5, "tahun"),
    ],
)
def test_spelled_out_counts(lang, text, surface, value, unit):
    (figure,) = extract_figures(text, lang)
    assert (figure.surface, figure.kind, figure.value, figure.unit) == (surface, "count", value, unit)


@pytest.mark.parametrize(
    "lang, text",
    [
        ("en", "one of the founders left"),          # 1 is an idiom more often than a count
        ("id", "Kedua, adalah soal kepercayaan."),   # an ordinal ICU also parses (kedua -> 2)
        ("en", "the two of them"),                   # no counted noun after it
        ("ru", "Три"),                                # a word alone
    ],
)
def test_number_words_that_are_not_counts(lang, text):
    assert extract_figures(text, lang) == []


def test_doc_figures_skip_boilerplate(sample_corpus):
    for doc_id in sample_corpus.doc_ids:
        boiler = sample_corpus.paragraphs_of(doc_id).filter(pl.col("kind") == "boilerplate").select("start", "end").rows()
        for figure in doc_figures(sample_corpus, doc_id):
            assert not any(s <= figure.start < e for s, e in boiler)
            assert sample_corpus.text(doc_id)[figure.start:figure.end] == figure.surface


@pytest.mark.parametrize("lang, article", [("ar", "001_eb0aed705e4d506f.txt"), ("ru", "000_a950dea4a643e238.txt"),
                                           ("en", "004_e6c42df7ed528c8f.txt"), ("id", "004_e6c42df7ed528c8f.txt")])
def test_spelled_word_prefilter_reads_like_icu(lang, article, sample_corpus):
    """Words that cannot spell a cardinal skip ICU's parse; every reading must stay what the parse gives: a
    sample article's words, every one-word spelling, and the Arabic feminine forms (a spelling without its ة)."""
    import re

    from corpus.figures.extract import _SPELLED_WORD, _one_word_spellings, _parsed_value, _spelled_value

    words = set(_SPELLED_WORD.findall(sample_corpus.text(article)))
    spellings = _one_word_spellings(lang)
    words |= {w for w in spellings if re.fullmatch(_SPELLED_WORD.pattern, w)}
    words |= {w[:-1] for w in spellings if w.endswith("ة")} | {w.capitalize() for w in spellings}
    assert {"три", "سبعة", "семьсот", "seribu", "ninety"} & spellings
    assert [w for w in sorted(words) if _spelled_value(w, lang) != _parsed_value(w, lang)] == []
