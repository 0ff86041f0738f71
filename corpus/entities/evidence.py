"""Corpus-wide evidence about words, gathered once before extraction: which capitalised words are names.

A capitalised Latin or Cyrillic word is a name candidate unless the corpus itself shows it is an ordinary word:
it also occurs in lower case somewhere (``Menjadi``/``menjadi``, ``Ранее``/``ранее``), or it only ever occurs at
the start of a sentence, where every word is capitalised. This replaces a stoplist tuned to a sample with
evidence from whatever corpus is open; :data:`~corpus.entities.lexicon.FUNCTION_WORDS` only covers what a tiny
corpus cannot show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from functools import cache, lru_cache

import icu
import numpy as np
import polars as pl

from corpus.entities.lexicon import ACRONYM_STOPLIST, FUNCTION_WORDS

ALPHABETIC_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek"})
WORDLIKE = frozenset({"word", "kana", "ideographic"})
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

    def add_capitalised(self, surfaces: Iterable[str]) -> None:
        """Add capitalised words seen inside a sentence (an article's distinct ones will do). ``lower`` is the
        corpus's, given when the stats are made (:func:`lower_words`)."""
        mid = self.mid
        for surface in surfaces:
            mid.add(strip_possessive(surface) if surface.endswith(_POSSESSIVES) else surface)

    def verdict(self, surface: str, initial: bool) -> str:
        """``name``, ``maybe`` (a sentence-initial word a following name may vouch for) or ``no``.
        Memoised: call it only once every document was added."""
        found = self._verdicts.get((surface, initial))
        if found is None:
            found = self._verdicts[(surface, initial)] = self._verdict(surface, initial)
        return found

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


# Bits of :func:`surface_flags`.
CAPITAL, LETTER_WORD, CAPITAL_LOWER, CAPITAL_FUNCTION = 1, 2, 4, 8


def surface_flags(surface: str, lower: set[str]) -> int:
    """What the token passes ask of a surface, as bits, so a caller computes them once per distinct surface and
    joins them to the tokens: it starts with a capital (``CAPITAL``); it starts with a letter and has two
    characters or more (``LETTER_WORD``: a word :func:`_title_case` weighs, if its kind is ``word``); it is
    capitalised and the corpus writes it in lower case (``CAPITAL_LOWER``) or it is a capitalised function word
    (``CAPITAL_FUNCTION``): the title-case evidence :func:`_title_case` looks for first."""
    if not surface:
        return 0
    bits = LETTER_WORD if surface[0].isalpha() and len(surface) > 1 else 0
    if surface[0].isupper():
        folded = surface.casefold()
        bits |= CAPITAL | (CAPITAL_LOWER if folded in lower else 0) | (CAPITAL_FUNCTION if folded in FUNCTION_WORDS else 0)
    return bits


def _title_case(words: list[str], lower: set[str]) -> bool:
    """A title-case line: its capitals mark a title, not names. Evidence: capitalised words the corpus also writes
    in lower case — two or more making half the capitalised words, or one in a line capitalised almost
    throughout (a quoted headline: Microsoft Menyerang Kembali OpenAI, Mempekerjakan Altman dan Brockman).
    ``words``: the line's words of kind ``word`` that start with a letter and have two characters or more."""
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


def lower_words(tokens: pl.DataFrame) -> set[str]:
    """Case-folded words the corpus writes in lower case (alphabetic scripts only), from the distinct surfaces of a
    tokens frame (``surface``, ``script``)."""
    surfaces = tokens.filter(pl.col("script").is_in(sorted(ALPHABETIC_SCRIPTS)))["surface"].unique().to_list()
    return {s.casefold() for s in surfaces if s.islower()}


def initial_flags(
    token_starts: np.ndarray, surfaces: Sequence[str], token_flags: dict[str, np.ndarray],
    sentence_starts: Sequence[int], lower: set[str],
) -> np.ndarray:
    """For each token, whether its capital says nothing: the first word of a sentence (punctuation and quotes
    before it skipped), or any word of a title-case line (:func:`_title_case`). ``token_flags``, NumPy booleans per
    token: ``wordlike`` (a :data:`WORDLIKE` kind), ``capital`` (a word, kind ``word``, that starts with a
    capital), ``titled`` (a word :func:`_title_case` weighs: kind ``word`` and :data:`LETTER_WORD`), ``lower_cue``
    and ``function_cue`` (such a word with :data:`CAPITAL_LOWER`, :data:`CAPITAL_FUNCTION`). A sentence with two
    capitals or more is handed to :func:`_title_case` only when its cues say it may be a title (the test it starts
    with, done here for all sentences at once)."""
    wordlike, capital = token_flags["wordlike"], token_flags["capital"]
    flags = np.zeros(len(token_starts), dtype=bool)
    words = np.flatnonzero(wordlike)
    if not len(words):
        return flags
    # tokens and sentences are both in text order, so each sentence's words are one contiguous slice of ``words``
    starts = np.sort(np.asarray(sentence_starts or [0], dtype=np.int64))
    sentence_of = np.maximum(np.searchsorted(starts, token_starts[words], side="right") - 1, 0)
    bounds = np.concatenate(([0], np.flatnonzero(np.diff(sentence_of)) + 1, [len(words)]))
    flags[words[bounds[:-1]]] = True
    capitals = np.add.reduceat(capital[words].astype(np.int64), bounds[:-1])
    titled = token_flags["titled"][words]
    seen = np.cumsum(titled)  # rank of a titled word among its sentence's: a function word is a cue past the first
    rank = seen - np.repeat(seen[bounds[:-1]] - titled[bounds[:-1]], np.diff(bounds))
    cues = token_flags["lower_cue"][words] | (token_flags["function_cue"][words] & (rank > 1))
    cued = np.add.reduceat(cues.astype(np.int64), bounds[:-1]) > 0
    for sentence in np.flatnonzero((capitals >= 2) & cued).tolist():
        members = words[bounds[sentence]:bounds[sentence + 1]]
        if _title_case([surfaces[i] for i in members[token_flags["titled"][members]].tolist()], lower):
            flags[members] = True
    return flags
