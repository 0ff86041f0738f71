"""Corpus-wide evidence about words, gathered once before extraction: which capitalised words are names.

A capitalised Latin or Cyrillic word is a name candidate unless the corpus itself shows it is an ordinary word:
it also occurs in lower case somewhere (``Menjadi``/``menjadi``, ``Ранее``/``ранее``), or it only ever occurs at
the start of a sentence, where every word is capitalised. This replaces a stoplist tuned to a sample with
evidence from whatever corpus is open; :data:`~corpus.entities.lexicon.FUNCTION_WORDS` only covers what a tiny
corpus cannot show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from functools import cache, lru_cache

import icu
import numpy as np

from corpus.entities.lexicon import ACRONYM_STOPLIST, FUNCTION_WORDS

ALPHABETIC_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek"})
_WORDLIKE = frozenset({"word", "kana", "ideographic"})
_POSSESSIVES = ("'s", "’s", "'", "’")


_CALENDAR_LOCALES = ("en", "ru", "id", "ms", "de", "fr", "es", "pt", "it", "nl", "tr", "uk")


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names (all forms ICU's CLDR data knows, case-folded): capitalised in English and
    Indonesian, never names. From ICU, so every language it knows is covered without a list of ours."""
    words: set[str] = set()
    for lang in _CALENDAR_LOCALES:
        symbols = icu.DateFormatSymbols(icu.Locale(lang))
        for context in (icu.DateFormatSymbols.FORMAT, icu.DateFormatSymbols.STANDALONE):
            for getter in (symbols.getMonths, symbols.getWeekdays):
                words.update(w.casefold() for w in getter(context, icu.DateFormatSymbols.WIDE) if len(w) > 2)
    return frozenset(words)


def strip_possessive(surface: str) -> str:
    """``Altman's`` -> ``Altman`` (the clitic is not part of the name)."""
    if not surface.endswith(_POSSESSIVES):
        return surface
    for tail in _POSSESSIVES:
        if surface.endswith(tail) and len(surface) > len(tail) + 1:
            return surface[: -len(tail)]
    return surface


def is_capitalised(surface: str) -> bool:
    return bool(surface) and surface[0].isupper()


@lru_cache(maxsize=65536)
def strong_shape(surface: str) -> bool:
    """A word with inner capitals or digits (OpenAI, GitHub, MSFT, GPT4): a name whatever its position. For a
    multi-word form, whether any of its words is one."""
    return any(
        any(c.isupper() for c in word[1:]) or (any(c.isdigit() for c in word) and word[0].isalpha())
        for word in surface.split()
        if word
    )


@dataclass
class WordStats:
    """``lower``: case-folded words seen written in lower case; ``mid``: capitalised words seen inside a sentence
    (not at its start, not in a title-case line)."""

    lower: set[str] = field(default_factory=set)
    mid: set[str] = field(default_factory=set)
    _verdicts: dict[tuple[str, bool], str] = field(default_factory=dict, repr=False)

    def add_document(
        self, surfaces: Sequence[str], scripts: Sequence[str], initial: Sequence[bool], lower: set[str] | None = None
    ) -> None:
        """Add one article's words (``lower``: its lower-case words, when the caller already has them)."""
        self.lower |= lower_words(surfaces, scripts) if lower is None else lower
        mid = self.mid
        for surface, script, first in zip(surfaces, scripts, initial):
            if not first and script in ALPHABETIC_SCRIPTS and surface[:1].isupper():  # is_capitalised, inlined
                mid.add(strip_possessive(surface) if surface.endswith(_POSSESSIVES) else surface)

    def verdict(self, surface: str, initial: bool) -> str:
        """``name``, ``maybe`` (a sentence-initial word a following name may vouch for) or ``no``.
        Memoised: call it only once every document was added."""
        found = self._verdicts.get((surface, initial))
        if found is None:
            found = self._verdicts[(surface, initial)] = self._verdict(surface, initial)
        return found

    def verdicts(self) -> dict[tuple[str, bool], str]:
        """The memo of :meth:`verdict` (``(surface, initial)`` -> verdict), for callers looking up many words."""
        return self._verdicts

    def _verdict(self, surface: str, initial: bool) -> str:
        word = strip_possessive(surface)
        if len(word) < 2 or not word[0].isalpha():
            return "no"
        if word.upper() in ACRONYM_STOPLIST or word.casefold() in FUNCTION_WORDS or word.casefold() in calendar_words():
            return "no"
        if not is_capitalised(word):
            return "name" if strong_shape(word) else "no"
        if strong_shape(word):
            return "name"
        if word.casefold() in self.lower:
            return "no"
        if initial and word not in self.mid:
            return "maybe"
        return "name"


def _title_case(surfaces: Sequence[str], kinds: Sequence[str], members: list[int], lower: set[str]) -> bool:
    """A title-case line: its capitals mark a title, not names. Evidence: capitalised words the corpus also writes
    in lower case — two or more making half the capitalised words, or one in a line capitalised almost
    throughout (a quoted headline: Microsoft Menyerang Kembali OpenAI, Mempekerjakan Altman dan Brockman)."""
    words = [surfaces[i] for i in members if kinds[i] == "word" and surfaces[i][:1].isalpha() and len(surfaces[i]) > 1]
    if not any(w[0].isupper() and (w.casefold() in lower or (k and w.casefold() in FUNCTION_WORDS))
               for k, w in enumerate(words)):
        return False  # no evidence at all (most lines): neither count below can reach one
    content = [w for w in words if w.casefold() not in FUNCTION_WORDS and not strong_shape(w)]
    capitalised = [w for w in content if w[0].isupper()]
    common = sum(1 for w in capitalised if w.casefold() in lower)
    common += sum(1 for w in words[1:] if w[0].isupper() and w.casefold() in FUNCTION_WORDS)  # "… Between Mission"
    if common >= 2 and common * 2 >= len(capitalised):
        return True
    return common >= 1 and len(capitalised) >= 4 and len(capitalised) >= 0.7 * len(content)


def lower_words(surfaces: Sequence[str], scripts: Sequence[str]) -> set[str]:
    """Case-folded words an article writes in lower case (alphabetic scripts only)."""
    return {s.casefold() for s, script in zip(surfaces, scripts) if script in ALPHABETIC_SCRIPTS and s.islower()}


def initial_flags(
    token_starts: Sequence[int], surfaces: Sequence[str], kinds: Sequence[str], sentence_starts: Sequence[int],
    lower: set[str],
) -> list[bool]:
    """For each token, whether its capital says nothing: the first word of a sentence (punctuation and quotes
    before it skipped), or any word of a title-case line (:func:`_title_case`)."""
    flags = [False] * len(token_starts)
    words = [i for i, kind in enumerate(kinds) if kind in _WORDLIKE]
    if not words:
        return flags
    # tokens and sentences are both in text order, so each sentence's words are one contiguous slice of ``words``
    starts = np.sort(np.asarray(sentence_starts or [0], dtype=np.int64))
    sentence_of = np.maximum(np.searchsorted(starts, [token_starts[i] for i in words], side="right") - 1, 0)
    bounds = [0, *(np.flatnonzero(np.diff(sentence_of)) + 1).tolist(), len(words)]
    capital = np.fromiter((kinds[i] == "word" and surfaces[i][:1].isupper() for i in words), dtype=np.int64,
                          count=len(words))
    capitals = np.add.reduceat(capital, bounds[:-1]).tolist()
    for first, end, count in zip(bounds, bounds[1:], capitals):
        flags[words[first]] = True
        if count >= 2 and _title_case(surfaces, kinds, words[first:end], lower):
            for i in words[first:end]:
                flags[i] = True
    return flags
