"""Offline language identification of an article: metadata first, then the writing system, then a detector.

Most of Babelscope's languages are decided by script alone, which is exact and costs microseconds: kana means
Japanese, Hangul Korean, Han without kana Chinese, and a few marker letters split Cyrillic (Ukrainian і ї є ґ,
Belarusian ў, Serbian/Macedonian ђ ћ ѓ ќ, Bulgarian ъ without ы) and Arabic script (Urdu ٹ ڈ ڑ ں ے, Persian
پ چ ژ گ ک ی). Only Latin-script text needs a statistical detector; it is py3langid (Naive Bayes over byte n-grams,
model shipped in the wheel, nothing downloaded), restricted to :data:`LATIN_LANGUAGES`, imported on first use so
that non-Latin corpora never load it. docs/langid.md has the measurements behind these choices.

Process pools: the detector is a per-process lazy global; a forked worker inherits it if the parent loaded it,
a spawned one loads it on its first Latin text (about 0.3 s). :class:`LangGuess` is a small frozen, picklable
dataclass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

import icu

from corpus.langid_model import Classifier, load_latin_model
from corpus.scripts import DEFAULT_LIMIT, NEUTRAL_SCRIPTS, main_script, sample_text, script_profile, weighted_letters

UNDETERMINED = "und"
Method = Literal["metadata", "script", "detector"]

#: Latin-script languages the detector chooses among. A closed list keeps Indonesian from being read as
#: Javanese or Acehnese and English from being read as Scots; a text in a language outside it gets a low
#: confidence rather than a confident wrong answer only in the sense that the nearest listed language wins.
LATIN_LANGUAGES = ("en", "id", "ms", "fr", "de", "es", "pt", "it", "nl", "tr", "vi", "pl", "cs", "sk", "ro", "hu",
                   "sv", "da", "no", "fi", "et", "lv", "lt", "sl", "hr", "ca", "eu", "gl", "tl", "sw", "af", "sq",
                   "cy", "ga", "is")

#: Scripts that belong to one language in a news corpus.
SCRIPT_LANGUAGES = {
    "Japanese": "ja", "Han": "zh", "Hangul": "ko", "Thai": "th", "Greek": "el", "Hebrew": "he",
    "Devanagari": "hi", "Armenian": "hy", "Georgian": "ka", "Khmer": "km", "Lao": "lo", "Myanmar": "my",
    "Sinhala": "si", "Tamil": "ta", "Telugu": "te", "Kannada": "kn", "Malayalam": "ml", "Gujarati": "gu",
    "Gurmukhi": "pa", "Bengali": "bn", "Oriya": "or", "Ethiopic": "am", "Tibetan": "bo", "Thaana": "dv",
}

#: Cyrillic letters from which the absence of ы and э alone means Bulgarian (see :func:`_cyrillic_language`).
BULGARIAN_MIN_LETTERS = 300
#: Below this many letters a text is "und": no script or detector can name a language from a word or two.
MIN_LETTERS = 4
#: Latin text needs more: the detector guesses wildly on fewer letters than this (see docs/langid.md).
MIN_DETECTOR_LETTERS = 20
#: Confidence grows with length and is full from this many (weighted) letters.
FULL_CONFIDENCE_LETTERS = 200
#: The detector reads at most this many characters (spread over the text), enough for a stable answer.
DETECTOR_CHARS = 1000

_URL_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+")


@dataclass(frozen=True, slots=True)
class LangGuess:
    """A language decision for one text.

    ``lang`` is a BCP-47 primary subtag or ``und``; ``script`` the main script (:func:`corpus.scripts.main_script`,
    ``Common`` when the text has no letters); ``confidence`` in 0..1; ``method`` says which evidence decided.
    """

    lang: str
    script: str
    confidence: float
    method: Method


def normalise_hint(hint: str | None) -> str | None:
    """The primary language subtag of a metadata language tag, or None when it names no real language.

    ICU canonicalises the tag first, so ``in`` → ``id``, ``iw`` → ``he``, ``eng`` → ``en``, ``zh_Hant`` → ``zh``;
    ``und``, ``mul``, ``zxx`` and unknown codes are not hints.
    """
    if not hint or not hint.strip():
        return None
    lang = icu.Locale.createCanonical(hint.strip().replace("_", "-")).getLanguage()
    if lang in ("und", "mul", "zxx", "mis") or lang not in _iso_languages():
        return None
    return lang


@cache
def _iso_languages() -> frozenset[str]:
    return frozenset(icu.Locale.getISOLanguages())


def _share(text: str, alphabet: str) -> int:
    """Occurrences in ``text`` of the letters of ``alphabet`` (lower case given) in either case (a caseless
    letter, whose upper case is itself, counts twice)."""
    return sum(text.count(ch) + text.count(ch.upper()) for ch in alphabet)


def _cyrillic_language(sample: str, total: int) -> str:
    """ru unless marker letters say otherwise; each rule needs the markers in at least 1 % (ъ: 0.5 %) of letters.

    Bulgarian is also any long Cyrillic text without ы and э: Russian uses them in about 2 % of letters, so
    :data:`BULGARIAN_MIN_LETTERS` Russian letters lack both with a probability near 0.1 %.
    """
    if _share(sample, "ђћ") or _share(sample, "јљњџ") >= 0.01 * total:
        return "mk" if _share(sample, "ѓќѕ") else "sr"
    if _share(sample, "ў") >= 0.005 * total:
        return "be"
    if _share(sample, "іїєґ") >= 0.01 * total:
        return "uk"
    russian_only = _share(sample, "ыэ")
    if (_share(sample, "ъ") >= 0.005 * total and russian_only < 0.001 * total) or (
        total >= BULGARIAN_MIN_LETTERS and russian_only == 0
    ):
        return "bg"
    return "ru"


def _arabic_language(sample: str, total: int) -> str:
    """ar unless Urdu-only letters, or Persian letters outnumbering Arabic-only ones, appear."""
    if _share(sample, "ٹڈڑںے") >= 0.01 * total:
        return "ur"
    persian = _share(sample, "پچژگکی")
    if persian >= 0.01 * total and persian > _share(sample, "كية"):
        return "fa"
    return "ar"


def _length_factor(letters: int) -> float:
    return min(1.0, letters / FULL_CONFIDENCE_LETTERS)


@cache
def _latin_detector() -> Classifier:
    """py3langid's model restricted to :data:`LATIN_LANGUAGES` (corpus/langid_model.py), loaded once per process
    on the first Latin text."""
    return load_latin_model(list(LATIN_LANGUAGES))


def _detect_latin(text: str, letters: int) -> LangGuess:
    if letters < MIN_DETECTOR_LETTERS:
        return LangGuess(UNDETERMINED, "Latin", 0.0, "detector")
    lang, probability = _latin_detector().classify(_URL_OR_EMAIL.sub(" ", sample_text(text, DETECTOR_CHARS)))
    return LangGuess(lang, "Latin", round(probability * _length_factor(letters), 3), "detector")


def detect_language(text: str, hint: str | None = None) -> LangGuess:
    """Decide the language of ``text``; a valid ``hint`` (the article's metadata language) wins.

    Non-Latin scripts decide by script and marker letters (``method="script"``); Latin text goes to the detector
    (``method="detector"``). Too little text gives ``und`` rather than a guess.
    """
    sample = sample_text(text, DEFAULT_LIMIT)  # what the profile counts, and where marker letters are counted
    profile = script_profile(sample)
    script = main_script(profile)
    hinted = normalise_hint(hint)
    if hinted is not None:
        return LangGuess(hinted, script, 1.0, "metadata")
    weighted = weighted_letters(profile)
    if sum(n for s, n in profile.items() if s not in NEUTRAL_SCRIPTS) < MIN_LETTERS:
        return LangGuess(UNDETERMINED, script, 0.0, "script")
    if script == "Latin":
        return _detect_latin(text, profile["Latin"])
    in_script = weighted[script]
    confidence = round(in_script / sum(weighted.values()) * _length_factor(in_script), 3)
    raw = profile.get(script, 0)
    if script == "Cyrillic":
        return LangGuess(_cyrillic_language(sample, raw), script, confidence, "script")
    if script == "Arabic":
        return LangGuess(_arabic_language(sample, raw), script, confidence, "script")
    lang = SCRIPT_LANGUAGES.get(script, UNDETERMINED)
    return LangGuess(lang, script, confidence if lang != UNDETERMINED else 0.0, "script")
