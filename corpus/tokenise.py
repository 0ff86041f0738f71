"""ICU word and sentence segmentation with code-point offsets into the original text.

ICU's dictionary-based word BreakIterator is what makes Chinese and Japanese searchable at all (there are no
spaces to split on); its rule status tells numbers, letters, kana and ideographs apart. Whitespace is dropped,
punctuation kept with its own kind. Break iterators are created once per (kind, language) and per process:
they are not picklable, and building one costs more than segmenting a paragraph.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import icu

from corpus.scripts import script_of
from corpus.utf16 import utf16_to_codepoint_map

_NUMBER, _LETTER, _KANA, _IDEO = 100, 200, 300, 400


@lru_cache(maxsize=64)
def _word_iterator(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(lang or "root"))


@lru_cache(maxsize=64)
def _sentence_iterator(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createSentenceInstance(icu.Locale(lang or "root"))


def _kind(status: int, surface: str, script: str) -> str | None:
    if status >= _KANA:
        # ICU's dictionary gives kana words the ideographic status; the script says what they are
        return "kana" if status < _IDEO or script in ("Katakana", "Hiragana") else "ideographic"
    if status >= _LETTER:
        return "word"
    if status >= _NUMBER:
        return "number"
    if surface.isspace():
        return None
    category = unicodedata.category(surface[0])
    if category[0] == "P":
        return "punct"
    if category[0] in "LM":  # letters ICU left without a status (e.g. stray combining marks): still words
        return "word"
    return "symbol"


def _token_script(surface: str) -> str:
    for char in surface:
        script = script_of(char)
        if script not in ("Common", "Inherited"):
            return script
    return "Common"


def iter_tokens(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int, str, str, str]]:
    """Tokens of ``text[start:end]`` as ``(start, end, surface, kind, script)`` with offsets into ``text``."""
    segment = text[start:end]
    if not segment:
        return
    mapping = utf16_to_codepoint_map(segment)
    iterator = _word_iterator(lang)
    iterator.setText(segment)
    previous = 0
    for boundary in iterator:
        status = iterator.getRuleStatus()
        lo, hi = (previous, boundary) if mapping is None else (mapping[previous], mapping[boundary])
        previous = boundary
        surface = segment[lo:hi]
        script = _token_script(surface)
        kind = _kind(status, surface, script)
        if kind is None:
            continue
        yield start + lo, start + hi, surface, kind, script


def iter_sentences(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (trailing white space trimmed), offsets into ``text``."""
    segment = text[start:end]
    if not segment:
        return
    mapping = utf16_to_codepoint_map(segment)
    iterator = _sentence_iterator(lang)
    iterator.setText(segment)
    previous = 0
    for boundary in iterator:
        lo, hi = (previous, boundary) if mapping is None else (mapping[previous], mapping[boundary])
        previous = boundary
        piece = segment[lo:hi]
        stripped = piece.rstrip()
        if stripped.strip():
            lead = len(stripped) - len(stripped.lstrip())
            yield start + lo + lead, start + lo + len(stripped)
