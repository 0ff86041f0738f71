"""A segment's kind comes from its form segmented alone (once per distinct form): on real text in five scripts it
is the kind ICU's rule status gives the segment in context, and one pass over an article gives each paragraph's
own segments."""

from __future__ import annotations

import icu
import pytest

from corpus.paragraphs import split_paragraphs
from corpus.paths import sample_corpus_dir
from corpus.tokenise import form_kind, plain_kind, token_kind, token_script, word_segments

LANGS = {"000": "ru", "001": "ar", "002": "zh", "003": "ja", "004": "id"}


def _in_context(text: str, lang: str) -> list[tuple[int, int, str | None]]:
    """Segments with the kind from ICU's rule status at each boundary (the per-boundary way)."""
    iterator = icu.BreakIterator.createWordInstance(icu.Locale(lang))
    iterator.setText(text)
    out, previous = [], 0
    for boundary in iterator:
        surface = text[previous:boundary]
        status = iterator.getRuleStatus()
        out.append((previous, boundary, token_kind(status, token_script(surface), plain_kind(surface))))
        previous = boundary
    return out


@pytest.mark.parametrize("prefix", sorted(LANGS))
def test_form_kinds_are_the_in_context_kinds(prefix: str) -> None:
    path = next(sample_corpus_dir().glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")  # no astral characters: ICU's offsets are code points here
    lang = LANGS[prefix]
    expected = _in_context(text, lang)
    got = [(lo, hi, form_kind(s)) for lows, highs, surfaces in word_segments(text, 0, len(text), lang)
           for lo, hi, s in zip(lows, highs, surfaces)]
    assert got == expected


@pytest.mark.parametrize("prefix", sorted(LANGS))
def test_one_pass_gives_each_paragraphs_segments(prefix: str) -> None:
    path = next(sample_corpus_dir().glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    lang = LANGS[prefix]
    whole = {(lo, hi) for lows, highs, surfaces in word_segments(text, 0, len(text), lang)
             for lo, hi, s in zip(lows, highs, surfaces) if not s.isspace()}
    per_paragraph = {(start + lo, start + hi) for start, end in split_paragraphs(text)
                     for lows, highs, surfaces in word_segments(text, start, end, lang)
                     for lo, hi, s in zip(lows, highs, surfaces) if not s.isspace()}
    assert whole == per_paragraph
