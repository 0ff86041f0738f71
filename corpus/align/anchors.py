"""Minimal cross-language anchor extractors: figures, Latin-script tokens, fallback name keys, punctuation.

These are the aligner's *own* extractors so it works before the richer ``corpus.figures`` and ``corpus.names``
exist; :func:`corpus.align.features.build_features` accepts injected replacements with the same output. Every
extractor returns :class:`Mention` records with article-level offsets (Python ``str`` indices, end exclusive) and
a normalised ``key``; the original text is never changed.

Anchor keys carry a one-character namespace so the kinds never collide: ``#`` figure value, ``L`` Latin-script
token (case folded), ``K`` romanised consonant skeleton of a name, ``E`` injected entity id.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import icu

FIGURE = "#"
LATIN = "L"
NAME = "K"
ENTITY = "E"


@dataclass(frozen=True, slots=True)
class Mention:
    """One anchor occurrence in an article: where it is, what it reads, and the key it matches on.

    ``strong`` marks mentions that are entities on their own evidence (a Latin brand inside Arabic text, a
    capitalised word that does not start a sentence); weak ones (every long Arabic word romanised) only count when
    the other article has the same key.
    """

    start: int
    end: int
    surface: str
    key: str
    kind: str  # "figure" | "entity"
    value: str | None = None
    strong: bool = True


# --- figures ---------------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")
_SEPARATOR = re.compile(r"[.,\u066b\u066c]")  # point, comma, Arabic decimal and thousands separators


def normalise_number(surface: str) -> str:
    """A canonical decimal string for a digit run in any script (``٧٠٠`` → ``700``, ``1,000`` → ``1000``).

    A separator followed by exactly three digits groups thousands; a final separator followed by other digit
    counts is a decimal point (``1,5`` in Russian is one and a half). Leading zeros go (section ``01`` is ``1``).
    """
    chunks = _SEPARATOR.split(surface)
    last = len(chunks) - 2
    integer, fraction = _ascii_digits(chunks[0]), ""
    for position, chunk in enumerate(chunks[1:]):
        if len(chunk) == 3 or position < last:
            integer += _ascii_digits(chunk)
        else:
            fraction = _ascii_digits(chunk).rstrip("0")
    integer = integer.lstrip("0") or "0"
    return f"{integer}.{fraction}" if fraction else integer


def _ascii_digits(chunk: str) -> str:
    """\\d matches only Unicode decimal digits (category Nd), so every character has a decimal value."""
    return "".join(str(unicodedata.decimal(ch)) for ch in chunk)


def figure_mentions(text: str, lang: str = "") -> list[Mention]:
    """Digit runs of ``text`` (any script's digits) as figure mentions keyed by their normalised value."""
    mentions = []
    for match in _NUMBER.finditer(text):
        value = normalise_number(match.group())
        mentions.append(Mention(match.start(), match.end(), match.group(), FIGURE + value, "figure", value))
    return mentions


# --- Latin-script tokens and fallback name keys --------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f0-9]*(?:[-'’.][A-Za-z\u00c0-\u024f0-9]+)*")
_KATAKANA_RUN = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]{2,}")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]{4,}")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل", "ف", "ك")
_SENTENCE_END = re.compile(r"[.!?。！？؟:：…\"«“「]\s*$")
_LATIN_SCRIPT_LANGS = frozenset({"en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "tr", "vi", "pl", "und"})
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


def skeleton(surface: str) -> str:
    """The :func:`skeletons` key of one surface."""
    return skeletons([surface])[0]


def _is_sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    return start == 0 or bool(_SENTENCE_END.search(before)) or text[:start].strip() == ""


def latin_mentions(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Latin-script tokens of ``text[start:end]`` keyed by case-folded surface.

    In a non-Latin article every Latin token is an anchor (brands, names, acronyms quoted as they are). In a
    Latin-script article only capitalised tokens that do not open a sentence are, plus acronyms and mixed-case
    brands (OpenAI) anywhere.
    """
    stop = len(text) if end is None else end
    latin_article = lang in _LATIN_SCRIPT_LANGS
    mentions = []
    for match in _LATIN_WORD.finditer(text, start, stop):
        surface = match.group()
        if len(surface) < 2:
            continue
        mixed = any(ch.isupper() for ch in surface[1:])
        if latin_article:
            if not surface[0].isupper() or (_is_sentence_initial(text, match.start()) and not mixed):
                continue
        mentions.append(Mention(match.start(), match.end(), surface, LATIN + surface.casefold(), "entity"))
    return mentions


def fallback_name_mentions(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """FALLBACK name candidates keyed by :func:`skeleton`: capitalised words, katakana runs, long Arabic words.

    Arabic has no capitals, so every long Arabic word (with its clitic prefix stripped too) is a *weak* candidate
    that only counts when the other article shares its key.
    """
    stop = len(text) if end is None else end
    found: list[tuple[int, int, bool]] = []
    for match in _WORD.finditer(text, start, stop):
        surface = match.group()
        if surface[0].isupper() and len(surface) >= 3:
            found.append((match.start(), match.end(), not _is_sentence_initial(text, match.start())))
    for match in _KATAKANA_RUN.finditer(text, start, stop):
        for part_match in re.finditer(r"[^・･]+", match.group()):
            if len(part_match.group()) >= 2:
                found.append((match.start() + part_match.start(), match.start() + part_match.end(), True))
    for match in _ARABIC_WORD.finditer(text, start, stop):
        surface = match.group()
        found.append((match.start(), match.end(), False))
        for prefix in _ARABIC_PREFIXES:
            if surface.startswith(prefix) and len(surface) - len(prefix) >= 3:
                found.append((match.start() + len(prefix), match.end(), False))
                break
    keys = skeletons([text[m_start:m_end] for m_start, m_end, _ in found])
    return [Mention(m_start, m_end, text[m_start:m_end], NAME + key, "entity", None, strong)
            for (m_start, m_end, strong), key in zip(found, keys, strict=True) if len(key) >= MIN_SKELETON]


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
