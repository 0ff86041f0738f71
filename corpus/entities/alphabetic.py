"""Mentions in alphabetic scripts: runs of capitalised Latin/Cyrillic words, and Latin runs inside other scripts.

A run is a sequence of name-like words (see :mod:`.evidence`) joined by a space or a hyphen, within one script
(``Сэм Альтман``, ``Tiger Global Management``, ``Сан-Франциско``). Runs are cut at function words and ordinary
words, and later split where the corpus shows their pieces standing alone (``CEO Microsoft Satya Nadella`` ->
``Microsoft`` + ``Satya Nadella``; ``OpenAI-Microsoft`` -> both) — see :func:`split_known`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from corpus.entities.evidence import WordStats, strip_possessive
from corpus.entities.lexicon import ACRONYM_STOPLIST, ORG_SUFFIX_WORDS

_MAX_RUN_WORDS = 5
_SPACES = (" ", "\u00a0")
_HYPHENS = ("-", "‐", "‑")
_HYPHEN = re.compile("[" + "".join(_HYPHENS) + "]")
VERDICTS = ("no", "name", "maybe", "acronym")  # the codes of :class:`Verdicts`


class Word(NamedTuple):
    start: int
    end: int
    surface: str
    script: str
    verdict: str  # name | maybe | no | acronym


class Run(NamedTuple):
    """Words joined into one name; ``start``/``end`` its span, the last word's possessive ending left out (made
    by :func:`run_of`: the span is read many times per run, so it is computed once)."""

    words: tuple[Word, ...]
    start: int
    end: int


def run_of(words: tuple[Word, ...]) -> Run:
    """The run of ``words`` (one word or more)."""
    return Run(words, words[0].start, words[-1].start + len(strip_possessive(words[-1].surface)))


class Verdicts:
    """The verdicts of ``(surface, initial)`` pairs as codes into :data:`VERDICTS`, a surface named by its index
    into ``surfaces`` (the corpus's distinct surfaces): each distinct pair is judged once (:meth:`WordStats.verdict`,
    then the acronym stoplist), and the tokens' codes are a NumPy gather, not a look-up per token."""

    def __init__(self, surfaces: Sequence[str], stats: WordStats) -> None:
        self.surfaces = surfaces
        self.stats = stats
        self._codes = np.full(2 * len(surfaces), -1, dtype=np.int8)   # key: 2 * surface id + initial

    def codes(self, ids: np.ndarray, initial: np.ndarray) -> np.ndarray:
        """The verdict codes of tokens given by surface id and sentence-initial flag (call it only once every
        document was added to the stats)."""
        keys = ids.astype(np.int64) * 2 + initial
        for key in np.unique(keys[self._codes[keys] < 0]).tolist():
            surface = self.surfaces[key >> 1]
            verdict = self.stats.verdict(surface, bool(key & 1))
            if verdict == "no" and surface.upper() in ACRONYM_STOPLIST and surface.isupper():
                verdict = "acronym"
            self._codes[key] = VERDICTS.index(verdict)
        return self._codes[keys]


def classify_words(
    text: str, surfaces: Sequence[str], starts: np.ndarray, ends: np.ndarray, alpha: np.ndarray,
    initial: np.ndarray, ids: np.ndarray, verdicts: Verdicts, script_ids: np.ndarray, scripts: Sequence[str],
) -> list[Word]:
    """The alphabetic words :func:`runs` needs, with their verdicts. Per token of the article: ``surfaces`` (a
    list), ``starts``, ``ends``, ``initial`` (sentence-initial), ``ids`` (surface ids of ``verdicts``) and
    ``script_ids`` (indexes into ``scripts``) as NumPy arrays; ``alpha``: the indexes of the tokens in alphabetic
    scripts, in text order.

    An ordinary word (``no``) is left out unless a hyphen joins it to the word before (``Сан-Франциско``):
    anywhere else it only ends a run, and so does the gap it leaves (a run joins words separated by exactly a space
    or a hyphen), so the runs are the same. Verdicts and the hyphen test are array operations; a Python object is
    made only for the words kept."""
    if not len(alpha):
        return []
    codes = verdicts.codes(ids[alpha], initial[alpha])
    word_starts, word_ends = starts[alpha], ends[alpha]
    hyphens = np.array([match.start() for match in _HYPHEN.finditer(text)], dtype=np.int64)
    hyphenated = np.zeros(len(alpha), dtype=bool)
    hyphenated[1:] = (word_starts[1:] - word_ends[:-1] == 1) & np.isin(word_ends[:-1], hyphens)
    keep = np.flatnonzero((codes != 0) | hyphenated)
    kept = alpha[keep]
    return [Word(start, end, surfaces[i], scripts[script], VERDICTS[code]) for i, start, end, script, code in zip(
        kept.tolist(), word_starts[keep].tolist(), word_ends[keep].tolist(), script_ids[kept].tolist(),
        codes[keep].tolist())]


def _joined(text: str, prev: Word, word: Word) -> bool:
    if prev.script != word.script or prev.surface != strip_possessive(prev.surface):
        return False
    gap = text[prev.end:word.start]
    return gap in _SPACES or gap in _HYPHENS


def org_named(words: Sequence[Word]) -> bool:
    """Capitalised words ending in an organisation noun (Tencent Technology, China Entrepreneur Magazine): a name
    even where every capital says nothing (a sentence start, a title line)."""
    return len(words) >= 2 and words[-1].surface.casefold() in ORG_SUFFIX_WORDS and words[0].verdict != "no"


def runs(text: str, words: list[Word]) -> list[Run]:
    """Maximal runs of name words; a ``maybe`` word starts a run only when a name word follows it; a common-noun
    acronym may end a run (``Unbounded AI``) but never starts one."""
    out: list[Run] = []
    current: list[Word] = []

    def close() -> None:
        if not org_named(current):
            while current and current[-1].verdict == "maybe":
                current.pop()
        if current and (org_named(current) or any(w.verdict == "name" for w in current)) and len(current) <= _MAX_RUN_WORDS:
            out.append(run_of(tuple(current)))
        current.clear()

    for word in words:
        joined = bool(current) and _joined(text, current[-1], word)
        if word.verdict == "name" and (joined or not current):
            current.append(word)
            continue
        if word.verdict == "maybe" and joined and word.surface.casefold() in ORG_SUFFIX_WORDS:
            current.append(word)
            continue
        if word.verdict == "acronym" and joined and current[-1].verdict == "name" and text[current[-1].end:word.start] in _SPACES:
            current.append(word)
            close()
            continue
        if joined and text[current[-1].end:word.start] in _HYPHENS and word.surface[:1].isupper():
            current.append(word._replace(verdict="name"))  # DALL-E, Сан-Франциско: the hyphen binds
            continue
        if current:  # (closing nothing is a no-op; most words are not names)
            close()
        if word.verdict in ("name", "maybe"):
            current.append(word)
    close()
    return out


def split_known(text: str, run: Run, standalone: set[str]) -> list[Run]:
    """Split a run where the corpus writes its pieces on their own: a standalone prefix before a name of two words
    or more (``Microsoft Satya Nadella``), or two standalone names joined by a hyphen (``OpenAI-Microsoft``).

    Two space-joined words stay one name even when both occur alone (``Sam Altman``: ``Sam`` and ``Altman``)."""
    words = run.words
    if len(words) == 2 and text[words[0].end:words[1].start] in _HYPHENS:
        if words[0].surface in standalone and strip_possessive(words[1].surface) in standalone:
            return [run_of(words[:1]), run_of(words[1:])]
        return [run]
    for cut in range(1, len(words) - 1):
        head = text[words[0].start:words[cut - 1].end]
        if head in standalone:
            return [run_of(words[:cut]), *split_known(text, run_of(words[cut:]), standalone)]
    return [run]
