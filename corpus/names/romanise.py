"""Script-aware romanisation of a name form, one ASCII string per name part.

Why not ICU ``Any-Latin``: it uses ISO 9 for Cyrillic (Суцкевер -> ``suckever``), leaves Arabic with combining
marks and no vowel letters, and spaces out pinyin. Measured in the research notes, a route per script does much
better: Cyrillic via ``Russian-Latin/BGN``; Arabic normalised first (alef forms, taa marbuta, alef maqsura,
harakat, tatweel) then ``Arabic-Latin`` with the long-vowel letters kept as vowels; Han via ``Han-Latin/Names``;
kana with the long-vowel mark dropped. Every route ends in ``Latin-ASCII``, stripped marks, lower case and
letters only, so keys of all scripts live in one ``[a-z]`` alphabet.

ICU ``Transliterator`` objects are costly to build, not picklable and not documented as thread-safe, so they are
cached per thread and created lazily: a worker process (fork or spawn) or a worker thread builds its own on first
use, and no key object ever holds one.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import icu

from corpus.names.pinyin import syllable_chunks

# Name parts are separated by spaces, middle dots (Chinese ·, Japanese ・ and their variants) and hyphens.
PART_SEPARATORS = re.compile(r"[\s\u00b7\u30fb\uff65\u2027\u2022\u2010\u2011\u2012\u2013\u2014\-_]+")

_CYRILLIC_BY_LANG = {"uk": "Ukrainian-Latin/BGN", "be": "Belarusian-Latin/BGN"}
_CYRILLIC_DEFAULT = "Russian-Latin/BGN"
_ROUTES = {
    "Arabic": "Arabic-Latin",
    "Han": "Han-Latin/Names",
    "Katakana": "Katakana-Latin",
    "Hiragana": "Hiragana-Latin",
    "Latin": None,
}
_FALLBACK = "Any-Latin"
_TAIL = "Latin-ASCII"

# Arabic normalisation before transliteration (the Lucene/charabia folds plus hamza carriers).
# Taa marbuta -> alef: Latin renderings of names ending in ة end in "a" (Fatima, Osama, Hamza, Aisha, Khalifa);
# the alternative ه gives "h", which measured worse against those (docs/name-matching.md).
_ARABIC_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0670": "\u0627",  # superscript (dagger) alef is a long a: keep it as a letter
        "\u0629": "\u0627",  # ة
        "\u0649": "\u064a",  # ى
        "\u0626": "\u064a",  # ئ
        "\u0624": "\u0648",  # ؤ
        "\u06cc": "\u064a",  # Persian yeh
        "\u06a9": "\u0643",  # Persian kaf
        "\u0640": None,  # tatweel
        "\u0621": None,  # lone hamza carries no consonant a reader of the Latin form would see
        **{chr(c): None for c in range(0x064B, 0x0653)},  # harakat, shadda, sukun
        "\u0654": None,
        "\u0655": None,
    }
)
# Arabic writes long vowels with the glide letters; between consonants (or word-finally after one) they are
# vowels, which Latin spellings write as u / i (موراتي -> murati rather than mwraty).
_ARABIC_W_VOWEL = re.compile(r"(?<=[b-df-hj-np-tvxz])w(?=[b-df-hj-np-tvxz]|$)")
_ARABIC_Y_VOWEL = re.compile(r"(?<=[b-df-hj-np-tvxz])y(?=[b-df-hj-np-tvxz]|$)")
# Katakana-Latin writes a small vowel as "~" after the carrier's vowel (ヴィ -> vu~i, ツァ -> tsu~a, ウィ -> u~i).
_KANA_SMALL_AFTER_CONSONANT = re.compile(r"(?<=[b-df-hj-np-tv-z])u~")
_KANA_LONG_MARKS = str.maketrans({"\u30fc": None, "\uff70": None})
_NON_LETTERS = re.compile(r"[^a-z]+")
# Ain is a consonant Latin spellings write as a vowel (عمر Omar, علي Ali, عناني Anani, سعيد Saeed): Arabic-Latin's
# ʿ would vanish with the other non-letters and leave a name with the wrong initial (nani for Anani).
_ARABIC_AIN = re.compile("\u02bf")

_local = threading.local()


def transliterator(transform_id: str) -> icu.Transliterator:
    """The calling thread's instance of an ICU transliterator, built on first use."""
    cache: dict[str, icu.Transliterator] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = _local.cache = {}
    found = cache.get(transform_id)
    if found is None:
        found = cache[transform_id] = icu.Transliterator.createInstance(transform_id)
    return found


@lru_cache(maxsize=4096)
def char_script(char: str) -> str:
    """ICU script name of one character (``Latin``, ``Cyrillic``, ``Han``, ``Common``, ``Inherited``...)."""
    return icu.Script.getScript(ord(char)).getName()


def script_of(text: str) -> str:
    """Script of the first letter of ``text``; ``Common`` when it has none.

    Kana counts as ``Katakana`` / ``Hiragana`` and kanji as ``Han``: the key routes differ per script, while the
    language decides only the Cyrillic variant.
    """
    for char in text:
        script = char_script(char)
        if script not in ("Common", "Inherited"):
            return script
    return "Common"


def split_parts(form: str) -> list[str]:
    """Name parts of a form (``Sam Altman`` -> Sam, Altman; ``山姆·奥特曼`` -> 山姆, 奥特曼)."""
    return [part for part in PART_SEPARATORS.split(form) if part]


def _script_runs(text: str) -> list[tuple[str, str]]:
    """Maximal runs of one script; Common/Inherited characters (ー, digits, marks) join the run they sit in."""
    runs: list[tuple[str, str]] = []
    current = ""
    buffer: list[str] = []
    for char in text:
        script = char_script(char)
        if script in ("Common", "Inherited") or script == current or not buffer:
            if script not in ("Common", "Inherited") and not current:
                current = script
            buffer.append(char)
            continue
        runs.append((current or "Common", "".join(buffer)))
        current, buffer = script, [char]
    if buffer:
        runs.append((current or "Common", "".join(buffer)))
    return runs


def _ascii_letters(text: str) -> str:
    """``Latin-ASCII``, marks stripped, lower case, letters only: the common tail of every route."""
    text = transliterator(_TAIL).transliterate(text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NON_LETTERS.sub("", text.lower())


def normalise_arabic(text: str) -> str:
    """Fold Arabic spelling variants that do not change a name: alef forms, taa marbuta, alef maqsura, harakat."""
    return text.translate(_ARABIC_FOLD)


def _romanise_run(script: str, run: str, lang: str | None) -> str:
    if script == "Cyrillic":
        return _ascii_letters(transliterator(_CYRILLIC_BY_LANG.get(lang or "", _CYRILLIC_DEFAULT)).transliterate(run))
    if script == "Arabic":
        latin = _ARABIC_AIN.sub("a", transliterator(_ROUTES["Arabic"]).transliterate(normalise_arabic(run)))
        latin = _ascii_letters(latin)
        return _ARABIC_Y_VOWEL.sub("i", _ARABIC_W_VOWEL.sub("u", latin))
    if script in ("Katakana", "Hiragana"):
        latin = transliterator("Hiragana-Katakana; Katakana-Latin").transliterate(run.translate(_KANA_LONG_MARKS))
        return _ascii_letters(_KANA_SMALL_AFTER_CONSONANT.sub("", latin).replace("u~", "w"))
    route = _ROUTES.get(script, _FALLBACK)
    return _ascii_letters(run if route is None else transliterator(route).transliterate(run))


def romanise_part(part: str, lang: str | None = None) -> str:
    """Romanise one name part (no separators inside) to ``[a-z]*``; each script run takes its own route."""
    part = unicodedata.normalize("NFKC", part)
    return "".join(_romanise_run(script, run, lang) for script, run in _script_runs(part))


@lru_cache(maxsize=65536)
def _surname_reading_differs(char: str) -> bool:
    """Whether ``Han-Latin/Names`` reads this character differently from ``Han-Latin`` (单 shan/dan, 盖 ge/gai)."""
    return transliterator("Han-Latin/Names").transliterate(char) != transliterator("Han-Latin").transliterate(char)


@lru_cache(maxsize=65536)
def reading_alternates(part: str, rom: str) -> tuple[str, ...]:
    """Other romanisations of a part whose script has more than one reading, for skeleton variants only.

    Han: ``Han-Latin/Names`` reads a first character as a Chinese surname (盖 ge, 单 shan, 华 hua), right for
    Chinese names but not for foreign names written with the same characters (盖茨 Gates is gaici, not geci); the
    plain ``Han-Latin`` reading is kept as an alternate when it differs from ``rom`` (the part's
    :func:`romanise_part`). Other scripts have none.
    """
    if not any(char_script(char) == "Han" and _surname_reading_differs(char) for char in part):
        return ()  # most Han names: no character reads differently as a surname, nothing to transliterate again
    part = unicodedata.normalize("NFKC", part)
    plain = "".join(
        _ascii_letters(transliterator("Han-Latin").transliterate(run)) if script == "Han"
        else _romanise_run(script, run, None)
        for script, run in _script_runs(part)
    )
    return () if plain == rom else (plain,)


def romanise(form: str, lang: str | None = None) -> tuple[str, ...]:
    """Romanised parts of a name form, empty parts dropped (``Сэм Альтман`` -> ``("sem", "altman")``)."""
    parts = (romanise_part(part, lang) for part in split_parts(unicodedata.normalize("NFKC", form)))
    return tuple(part for part in parts if part)


# --- learned readings of transliterations ------------------------------------------------------------------------
# corpus/names/readings.json (built by benchmarks/names_readings_build.py from the DEV name pairs only): per Han
# character and per katakana mora, the Latin chunks it renders in foreign names with their probabilities, the
# likeliest first (特 -> t, te; 尔 -> r, l, nothing; 斯 -> s; 州 -> nothing; ジョ -> jo; ル -> l), and per Arabic
# letter the one Latin chunk it most often stands for, short vowels included (م -> mo). Pinyin and Hepburn read
# these as Chinese / Japanese syllables (te, er, si; ru), and Arabic-Latin writes no short vowels, which sit
# further from the Latin name. The less likely chunks are the alternatives a query may pick (corpus/names/lattice.py).
# A Han character the table lacks is read by rule from its pinyin (corpus/names/pinyin.py).
READINGS_PATH = Path(__file__).with_name("readings.json")
_SMALL_KANA = frozenset("ァィゥェォャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ")
_KANA_SKIP = frozenset("・･=＝")


def reading_units(text: str) -> list[str]:
    """The units a learned reading is kept per: Han characters and (normalised) Arabic letters one by one, kana by
    mora (a small kana and a long mark ー stay with the mora before them, a sokuon ッ with the one after it);
    hiragana is read as katakana. Empty when ``text`` holds anything else (a mixed or Latin part has no learned
    reading)."""
    if text and all(char_script(char) == "Arabic" for char in text):
        return list(normalise_arabic(text))
    scripts = {char_script(char) for char in text}
    if "Han" in scripts and scripts & {"Hiragana", "Katakana"}:
        return []  # kanji with kana (き付け) is Japanese spelling, not a transliteration
    units: list[str] = []
    pending = ""
    for char in transliterator("Hiragana-Katakana").transliterate(text):
        if char in _KANA_SKIP:
            continue
        script = char_script(char)
        if script == "Han":
            units.append(pending + char)
            pending = ""
        elif char == "ッ":
            pending += char
        elif (char in _SMALL_KANA or char == "\u30fc") and units and not pending:
            units[-1] += char
        elif script == "Katakana" or char == "\u30fc":
            units.append(pending + char)
            pending = ""
        else:
            return []
    if pending:
        units.append(pending)
    return units


# One unit's learned chunks with their probabilities, the most probable first (the unit's reading); the others are
# the alternatives a query may pick (ス is s in "st" and su elsewhere, 尔 r, l or nothing).
Chunks = tuple[tuple[str, float], ...]


@lru_cache(maxsize=1)
def _learned_readings() -> dict[str, Chunks]:
    tables = json.loads(READINGS_PATH.read_text(encoding="utf-8"))
    return {
        unit: tuple((chunk, prob) for chunk, prob in chunks) for table in tables.values() for unit, chunks in table.items()
    }


@lru_cache(maxsize=65536)
def han_syllable(char: str) -> str:
    """The plain pinyin of one Han character, toneless (盖 gai: not the surname reading ge, which a foreign name
    never means)."""
    return _ascii_letters(transliterator("Han-Latin").transliterate(char))


@lru_cache(maxsize=65536)
def learned_units(part: str, lang: str | None = None) -> tuple[Chunks, ...]:
    """How a Han, kana or Arabic name part reads as a transliteration of a foreign name, per unit: the unit's learned
    chunks (its reading first); when the table lacks it, a Han character's chunks by rule from its plain pinyin
    (:func:`corpus.names.pinyin.syllable_chunks`: 牛 niu, nu, new) and a kana mora's romanisation. A unit learned to render
    nothing (州, 省) renders nothing only at the end of a part of three units or more (伊利诺伊州, not 州长).
    Empty when the part has no unit the table knows or mixes scripts; for Han also when more than half of its
    characters are no known transliteration character (几个月 "a few months" is a phrase, not a name: 个 and 月
    render no foreign syllable; 牛顿 Newton, one of two, is read) or the language is not Chinese (Japanese kanji are
    not chosen for their sound)."""
    units = reading_units(unicodedata.normalize("NFKC", part))
    table = _learned_readings()
    if not units or not any(unit in table for unit in units):
        return ()
    if char_script(units[0][-1]) == "Han" and (
        (lang is not None and not lang.startswith("zh")) or 2 * sum(unit not in table for unit in units) > len(units)
    ):
        return ()
    last = len(units) - 1 if len(units) >= 3 else -1
    out: list[Chunks] = []
    for i, unit in enumerate(units):
        chunks = table.get(unit)
        if chunks and (chunks[0][0] or i == last):
            out.append(chunks)
        elif char_script(unit[-1]) == "Han":
            out.append(syllable_chunks(han_syllable(unit)))
        else:
            out.append(((romanise_part(unit), 1.0),))
    return tuple(out)


def learned_reading(part: str, lang: str | None = None) -> str:
    """The most probable learned reading of a part (奥特曼 -> otman, アルトマン -> altman, مايكروسوفت ->
    maikrosoft): each unit's first chunk (:func:`learned_units`); empty when the part has none."""
    return "".join(chunks[0][0] for chunks in learned_units(part, lang))
