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
