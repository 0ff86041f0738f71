"""Cross-language anchor extractors of the aligner: Latin-script tokens, name keys, punctuation (figures come from
:mod:`corpus.figures`, see :func:`figure_key`).

Every extractor returns :class:`Mention` records with article-level offsets (Python ``str`` indices, end
exclusive) and a normalised ``key``; the original text is never changed. The name keys here are consonant
skeletons, coarser than :mod:`corpus.names` on purpose: they only have to match within one pair of articles, and
they are cheap enough to compute for every capitalised word, katakana run and long Arabic word of an article.

Anchor keys carry a one-character namespace so the kinds never collide: ``#`` figure value, ``L`` Latin-script
token (case folded), ``K`` romanised consonant skeleton of a name, ``E`` injected entity id.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import NamedTuple

import icu

FIGURE = "#"
LATIN = "L"
NAME = "K"
ENTITY = "E"


class Mention(NamedTuple):
    """One anchor occurrence in an article: where it is, what it reads, and the key it matches on.

    ``strong`` marks mentions that are entities on their own evidence (a Latin brand inside Arabic text, a
    capitalised word that does not start a sentence); weak ones (every long Arabic word romanised) only count when
    the other article has the same key. A named tuple, not a frozen dataclass: an article has hundreds of them,
    and a frozen dataclass costs several times as much to make.
    """

    start: int
    end: int
    surface: str
    key: str
    kind: str  # "figure" | "entity"
    value: float | str | None = None  # a figure's normalised value (corpus.figures.Figure.value)
    strong: bool = True
    category: str = ""  # a figure's kind (count, money, percent, date)


def figure_key(value: float | str, value_max: float | str | None = None) -> str:
    """The anchor key of a figure value: ``700.0`` and ``700`` read alike, a range keeps both ends."""
    def canonical(v: float | str) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)

    return FIGURE + canonical(value) + ("" if value_max is None else "-" + canonical(value_max))


# --- Latin-script tokens and fallback name keys --------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9]*(?:[-'’.][A-Za-z\u00c0-\u024f0-9]+)*")
_KATAKANA_RUN = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]{2,}")
_KATAKANA_PART = re.compile(r"[^・･]+")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]{4,}")
# A character any of the three may hold (_WORD's \w and joiners, katakana, Arabic letters).
_CANDIDATE_CHAR = re.compile(r"[\w\-'’\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f\u0621-\u064a\u0671-\u06d3]")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
# The first of them, in that order, that leaves three letters (the alternation backtracks to the next one).
_ARABIC_PREFIX = re.compile("(?:" + "|".join(_ARABIC_PREFIXES) + ")(?=...)")
_SENTENCE_END = re.compile(r"[.!?。！？؟:：…\"«“「—–]\s*$")
_LINE_BREAK = re.compile(r"[\n\r]")
_LETTER_LIKE = re.compile(r"[^\W\d_]")
LATIN_SCRIPT_LANGS = frozenset({"en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "tr", "vi", "pl", "und"})
#: A skeleton shorter than this is too common to say anything (Sam → "sm").
MIN_SKELETON = 3

# Consonant classes that survive romanisation from Cyrillic, Arabic and katakana alike: Arabic has no p/v/g,
# katakana has no l, romanised Arabic writes long vowels as w/y.
_SKELETON_MAP = str.maketrans({"c": "k", "q": "k", "g": "k", "j": "k", "l": "r", "p": "b", "v": "f", "d": "t",
                               "z": "s", "x": "k"})
_VOWELISH = re.compile(r"[aeiouyhw]")

_romaniser: icu.Transliterator | None = None
_skeletons: dict[str, str] = {}
_SKELETON_CACHE = 131_072


def _romanise(text: str) -> str:
    global _romaniser
    if _romaniser is None:  # created lazily: Transliterators are not picklable
        _romaniser = icu.Transliterator.createFromRules(
            "babelscope-align-romanise", ":: NFC; й > y; Й > Y; :: Any-Latin; :: Latin-ASCII;",
            icu.UTransDirection.FORWARD)
    return _romaniser.transliterate(text)


def _skeleton_of_latin(latin: str) -> str:
    letters = re.sub(r"[^a-z]", "", latin.lower()).translate(_SKELETON_MAP)
    consonants = _VOWELISH.sub("", letters)
    return re.sub(r"(.)\1+", r"\1", consonants)


def skeletons(surfaces: list[str]) -> list[str]:
    """FALLBACK name keys: the consonant skeleton of each romanised surface (Альтман, ألتمان, アルトマン → ``rtmn``).

    Deliberately coarse, because it only has to match *within one pair of articles* (the aligner keeps only keys
    both articles share, weighted by rarity); ``corpus.names.name_key`` replaces it when injected. Surfaces not
    seen before are romanised in one ICU call (one call per word cost half a millisecond each).
    """
    missing = sorted({s for s in surfaces if s not in _skeletons and "\n" not in s})
    if missing:
        if len(_skeletons) > _SKELETON_CACHE:
            _skeletons.clear()
        romanised = _romanise("\n".join(missing)).split("\n")
        if len(romanised) != len(missing):  # a transliteration rule ate a line break: go one by one
            romanised = [_romanise(surface) for surface in missing]
        _skeletons.update(zip(missing, map(_skeleton_of_latin, romanised), strict=True))
    return [_skeletons[s] if s in _skeletons else _skeleton_of_latin(_romanise(s)) for s in surfaces]


class _SentenceStarts:
    """Whether a word of one text opens a sentence, a line or a quotation (its capital says nothing then).

    A word opens its line when no letter stands before it on that line ("** Di balik", "01 Konservatif"). Each
    line's first letter is found once, and a word's line by bisection over the line breaks: scanning back to the
    line start for every word cost quadratic time on one huge line (a 50 MB one-line article took minutes)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [match.start() for match in _LINE_BREAK.finditer(text)]
        self.first_letter: dict[int, int] = {}  # line start -> its first letter (the line's end if none)

    def __call__(self, start: int) -> bool:
        text = self.text
        if _SENTENCE_END.search(text, max(0, start - 3), start):
            return True
        line = bisect_left(self.breaks, start)
        line_start = self.breaks[line - 1] + 1 if line else 0
        first = self.first_letter.get(line_start)
        if first is None:
            line_end = self.breaks[line] if line < len(self.breaks) else len(text)
            first = self.first_letter[line_start] = _first_letter(text, line_start, line_end)
        return first >= start


def _first_letter(text: str, start: int, end: int) -> int:
    """The first ``str.isalpha`` character of ``text[start:end]`` (``end`` if none). The regex class is a superset
    (it also holds numeric letters such as ``²``), so each hit is confirmed."""
    for match in _LETTER_LIKE.finditer(text, start, end):
        if match.group().isalpha():
            return match.start()
    return end


def latin_mentions(text: str, lang: str) -> list[Mention]:
    """Latin-script tokens of ``text`` keyed by case-folded surface.

    In a non-Latin article every Latin token is an anchor (brands, names, acronyms quoted as they are). In a
    Latin-script article only capitalised tokens that do not open a sentence are, plus acronyms and mixed-case
    brands (OpenAI) anywhere.
    """
    latin_article = lang in LATIN_SCRIPT_LANGS
    sentence_initial = _SentenceStarts(text)
    mentions = []
    for match in _LATIN_WORD.finditer(text):
        surface = match.group()
        if len(surface) < 2 or (not latin_article and len(surface) < 3 and surface.islower()):
            continue  # "in" quoted inside a Russian sentence is a word, not an anchor
        if latin_article and not surface[0].isupper():
            continue
        if latin_article and sentence_initial(match.start()) and not any(ch.isupper() for ch in surface[1:]):
            continue  # a sentence's first word, unless a mixed-case brand (OpenAI)
        mentions.append(Mention(match.start(), match.end(), surface, LATIN + surface.casefold(), "entity"))
    return mentions


def _cased_prefix(word: str) -> str:
    """``word`` up to its first letter of a script without case (kana, Han, Arabic)."""
    if word.isascii():
        return word  # every ASCII letter has case
    for position, ch in enumerate(word):
        if ch.isalpha() and ch.lower() == ch.upper():
            return word[:position]
    return word


def is_title_case(mentions_text: str) -> bool:
    """Whether most words of a Latin-script line start with a capital (a headline: its capitals prove nothing)."""
    words = [w for w in _LATIN_WORD.findall(mentions_text) if len(w) >= 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _capitalised_length(word: str) -> int:
    """How much of a ``_WORD`` match is a capitalised name candidate: its cased prefix when the word starts with a
    capital and the prefix has three letters or more ("OpenAIの共同創業者": no spaces in Japanese → "OpenAI"), else 0.
    (The cased prefix starts with the word's first letter when it is a capital, else it is not one.)"""
    if not word[0].isupper():
        return 0
    length = len(_cased_prefix(word))
    return length if length >= 3 else 0


def _katakana_parts(run: str) -> list[tuple[int, int]]:
    """Offsets in a katakana run of its parts between middle dots, two characters or more. Weak candidates: most
    katakana words are loanwords (モデル), not names."""
    return [part.span() for part in _KATAKANA_PART.finditer(run) if len(part.group()) >= 2]


def _arabic_offsets(word: str) -> tuple[int, ...]:
    """Where an Arabic word's candidates start in it: the whole word, and after its clitic prefix if it has one."""
    prefix = _ARABIC_PREFIX.match(word)
    return (0,) if prefix is None else (0, prefix.end())


def fallback_name_mentions(text: str, lang: str) -> list[Mention]:
    """Name candidates keyed by :func:`skeletons`: capitalised words, katakana runs, long Arabic words.

    Arabic has no capitals, so every long Arabic word (with its clitic prefix stripped too) is a *weak* candidate
    that only counts when the other article shares its key; katakana runs are weak too (mostly loanwords).
    """
    found: list[tuple[int, int, bool]] = []
    sentence_initial = _SentenceStarts(text)
    for match in _WORD.finditer(text):
        length = _capitalised_length(match.group())
        if length:
            found.append((match.start(), match.start() + length, not sentence_initial(match.start())))
    for match in _KATAKANA_RUN.finditer(text):
        found.extend((match.start() + start, match.start() + end, False) for start, end in _katakana_parts(match.group()))
    for match in _ARABIC_WORD.finditer(text):
        found.extend((match.start() + offset, match.end(), False) for offset in _arabic_offsets(match.group()))
    keys = skeletons([text[m_start:m_end] for m_start, m_end, _ in found])
    return [Mention(m_start, m_end, text[m_start:m_end], NAME + key, "entity", None, strong)
            for (m_start, m_end, strong), key in zip(found, keys, strict=True) if len(key) >= MIN_SKELETON]


def fallback_name_keys(text: str, start: int, end: int) -> frozenset[str]:
    """The keys of the :func:`fallback_name_mentions` of ``text`` that start in ``[start, end)``, for a span no
    candidate crosses (see :func:`cuts_a_candidate`): what an anchor profile needs, found per distinct word (C-level
    ``findall`` scans, a set per span) rather than a mention per occurrence, and each distinct word's keys kept for
    the process (:data:`_WORD_KEYS`), since a corpus writes the same words in paragraph after paragraph."""
    keys: set[str] = set()
    for pattern, surfaces_of in _CANDIDATE_WORDS:
        memo = _WORD_KEYS[pattern]
        missing = []
        for word in set(pattern.findall(text, start, end)):
            known = memo.get(word)
            if known is None:
                missing.append(word)
            elif known:
                keys.update(known)
        if missing:
            keys.update(_remember_keys(memo, missing, surfaces_of))
    return frozenset(keys)


def _capitalised_surfaces(word: str) -> tuple[str, ...]:
    length = _capitalised_length(word)
    return (word[:length],) if length else ()


def _katakana_surfaces(run: str) -> tuple[str, ...]:
    return tuple(run[part_start:part_end] for part_start, part_end in _katakana_parts(run))


def _arabic_surfaces(word: str) -> tuple[str, ...]:
    return tuple(word[offset:] for offset in _arabic_offsets(word))


#: The three kinds of name candidate (see :func:`fallback_name_mentions`): the words a pattern finds and the
#: candidate surfaces each word holds.
_CANDIDATE_WORDS = ((_WORD, _capitalised_surfaces), (_KATAKANA_RUN, _katakana_surfaces),
                    (_ARABIC_WORD, _arabic_surfaces))
#: Per pattern, each word seen by :func:`fallback_name_keys` and its name keys (most words: none).
_WORD_KEYS: dict[re.Pattern[str], dict[str, frozenset[str]]] = {pattern: {} for pattern, _ in _CANDIDATE_WORDS}


def _remember_keys(memo: dict[str, frozenset[str]], words: list[str],
                   surfaces_of: Callable[[str], tuple[str, ...]]) -> set[str]:
    """Key ``words`` (their surfaces romanised in one :func:`skeletons` call), store them in ``memo`` and return
    the keys of them all."""
    if len(memo) > _SKELETON_CACHE:
        memo.clear()
    surfaces = [surfaces_of(word) for word in words]
    ordered = sorted({s for group in surfaces for s in group})
    keyed = {s: NAME + key for s, key in zip(ordered, skeletons(ordered), strict=True) if len(key) >= MIN_SKELETON}
    found: set[str] = set()
    for word, group in zip(words, surfaces, strict=True):
        word_keys = memo[word] = frozenset(keyed[s] for s in group if s in keyed)
        found.update(word_keys)
    return found


def cuts_a_candidate(text: str, offset: int) -> bool:
    """Whether a candidate of :func:`fallback_name_mentions` may run across ``offset`` (both characters around it
    may be inside one); a span boundary that does not lets the span's candidates be found in the span alone."""
    return 0 < offset < len(text) and _CANDIDATE_CHAR.match(text, offset - 1) is not None \
        and _CANDIDATE_CHAR.match(text, offset) is not None


# --- punctuation -----------------------------------------------------------------------------------------------

#: Punctuation classes that survive translation: quotations, questions, exclamations, colons, brackets.
PUNCTUATION_CLASSES: dict[str, str] = {
    "quote": "«»“”„\"「」『』《》",
    "question": "?？؟",
    "exclamation": "!！",
    "colon": ":：",
    "bracket": "()（）[]【】",
}
_PUNCT_CLASS_OF = {ch: i for i, chars in enumerate(PUNCTUATION_CLASSES.values()) for ch in chars}


def punctuation_counts(text: str) -> tuple[int, ...]:
    """How many characters of each :data:`PUNCTUATION_CLASSES` class ``text`` holds."""
    counts = [0] * len(PUNCTUATION_CLASSES)
    for ch in text:
        index = _PUNCT_CLASS_OF.get(ch)
        if index is not None:
            counts[index] += 1
    return tuple(counts)
