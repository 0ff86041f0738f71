"""Writing-system statistics of a text, from ICU's script property.

Ingest calls :func:`script_profile` once per article (100k articles), so it must cost milliseconds even for a
50 MB text: it samples at most ``limit`` characters in evenly spaced windows, counts characters with
looks each character's script up in a per-process table of the BMP with NumPy (ICU asked once per code point). The profile
drives language identification by script (:mod:`corpus.langid`) and the ``script``/``direction`` columns of the
documents frame.

Script names are ICU's long names (``Latin``, ``Cyrillic``, ``Arabic``, ``Han``, ``Hiragana``, ``Katakana``,
``Hangul``, ``Common``, ``Inherited`` ...). :func:`main_script` adds one name ICU does not report per character:
``Japanese``, for Han text written together with kana.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

import icu

if TYPE_CHECKING:
    import numpy as np

#: Scripts that carry no language information: punctuation, digits, combining marks shared by many scripts.
NEUTRAL_SCRIPTS = frozenset({"Common", "Inherited", "Unknown"})
KANA_SCRIPTS = frozenset({"Hiragana", "Katakana"})
#: Hiragana share of (Han + kana) letters above which Han text is Japanese. Japanese prose runs at 30-60 % kana,
#: most of it hiragana (particles, endings); Chinese never writes hiragana, though it may quote a katakana brand
#: (プレイステーション) that alone is 15-20 % of a short sentence.
JAPANESE_HIRAGANA_SHARE = 0.02
#: Without hiragana, Han + kana is Japanese only when katakana dominates (a katakana title, a list of names).
JAPANESE_KATAKANA_SHARE = 0.5
#: Share of all letters from which a non-Latin script outranks Latin (see :func:`main_script`).
NON_LATIN_SHARE = 0.25
#: How many alphabetic letters one character of a syllabic or logographic script is worth when scripts are
#: compared: a Han character or Hangul block carries about a word's worth of sound, kana a syllable.
LETTER_WEIGHTS = {"Han": 3, "Hangul": 3, "Hiragana": 2, "Katakana": 2, "Japanese": 2}
#: A text shorter than this (in letters) is profiled whole; longer texts are sampled in this many windows.
DEFAULT_LIMIT = 20_000
_WINDOWS = 16


@lru_cache(maxsize=65_536)
def _script_of_code_point(code_point: int) -> str:
    # Passing the int (not a one-character str) keeps astral characters such as 𠮷 (U+20BB7) whole: a str is
    # converted to UTF-16 first, where such a character is a surrogate pair.
    return icu.Script.getScript(code_point).getName()


def script_of(ch: str) -> str:
    """The ICU long script name of one character (``Latin``, ``Han``, ``Common`` for digits/punctuation...)."""
    return _script_of_code_point(ord(ch))


def sample_text(text: str, limit: int = DEFAULT_LIMIT) -> str:
    """At most about ``limit`` characters of ``text``, taken from windows spread evenly over it.

    Windows (rather than a prefix) keep a long article's boilerplate header or an English abstract from deciding
    its script or language alone.
    """
    if len(text) <= limit:
        return text
    width = limit // _WINDOWS
    step = (len(text) - width) // (_WINDOWS - 1)
    return "".join(text[i * step : i * step + width] for i in range(_WINDOWS))


def script_profile(text: str, limit: int = DEFAULT_LIMIT) -> dict[str, int]:
    """Letters of ``text`` per script, largest first (ties: the script seen first), from a sample of at most
    ``limit`` characters (:func:`sample_text`).

    Only alphabetic characters count (``str.isalpha``: letters, kana, ideographs), so digits, spaces and
    punctuation never outweigh the words. Column-wise: each character's script comes from a per-process table of
    the Basic Multilingual Plane (:class:`_LetterScripts`), one NumPy lookup per character; per distinct
    character in Python this was a tenth of an article's analysis for Chinese text.
    """
    import numpy as np

    sample = sample_text(text, limit)
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    ids = _letter_scripts().ids_of(codes)
    letters = ids[ids >= 0]
    counts = np.bincount(letters)
    names = _letter_scripts().names
    # a text has a few scripts: their first letters (the tie-break) are found one script at a time
    ranked = sorted((-int(counts[s]), int(np.argmax(letters == s)), int(s)) for s in np.flatnonzero(counts))
    return {names[script]: -negative for negative, _, script in ranked}


class _LetterScripts:
    """Per code point: the index of its script's name if it is a letter, else -1 (the BMP in one array, built
    once per process in ~30 ms; astral letters are looked up as they come)."""

    def __init__(self) -> None:
        import numpy as np

        self.names: list[str] = []
        self._index: dict[str, int] = {}
        self._bmp = np.full(0x10000, -1, dtype=np.int16)
        for code_point in range(0x10000):
            if chr(code_point).isalpha():
                self._bmp[code_point] = self._id(code_point)

    def _id(self, code_point: int) -> int:
        name = _script_of_code_point(code_point)
        if name not in self._index:
            self._index[name] = len(self.names)
            self.names.append(name)
        return self._index[name]

    def ids_of(self, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        bmp = codes < 0x10000
        if bmp.all():
            return self._bmp[codes]
        ids = np.full(len(codes), -1, dtype=np.int16)
        ids[bmp] = self._bmp[codes[bmp]]
        for code_point in np.unique(codes[~bmp]).tolist():
            if chr(code_point).isalpha():
                ids[codes == code_point] = self._id(code_point)
        return ids


@cache
def _letter_scripts() -> _LetterScripts:
    return _LetterScripts()


def kana_share(profile: dict[str, int], scripts: frozenset[str] = KANA_SCRIPTS) -> float:
    """Letters of ``scripts`` (default: both kana) as a share of Han + kana letters (0.0 when the text has neither)."""
    han_and_kana = sum(profile.get(s, 0) for s in (*KANA_SCRIPTS, "Han"))
    return sum(profile.get(s, 0) for s in scripts) / han_and_kana if han_and_kana else 0.0


def is_japanese(profile: dict[str, int]) -> bool:
    """Whether the Han and kana of ``profile`` are Japanese writing (see :data:`JAPANESE_HIRAGANA_SHARE`)."""
    return (kana_share(profile, frozenset({"Hiragana"})) >= JAPANESE_HIRAGANA_SHARE
            or kana_share(profile) >= JAPANESE_KATAKANA_SHARE)


def main_script(profile: dict[str, int]) -> str:
    """The script of most letters, with Han and kana counted together as ``Japanese`` when they are Japanese.

    Han written with kana (:func:`is_japanese`) is one writing system (Japanese), so it competes with Latin or
    Cyrillic as a whole. Scripts are compared by weighted letters (:func:`weighted_letters`) so that 50 Han
    characters are not outvoted by 60 Latin letters of a few quoted names. Latin loses to the strongest other script once that script has
    :data:`NON_LATIN_SHARE` of the letters: in Russian, Arabic or Chinese news, Latin letters are brand names,
    people's names and URLs, and a sentence full of them ("Apple и Google представили iPhone") is still Russian.
    ``Common`` is returned when the profile has no letters of any real script.
    """
    counts = weighted_letters(profile)
    if not counts:
        return "Common"
    best = max(counts, key=counts.__getitem__)
    others = {s: n for s, n in counts.items() if s != "Latin"}
    if best == "Latin" and others:
        runner_up = max(others, key=others.__getitem__)
        if others[runner_up] >= NON_LATIN_SHARE * sum(counts.values()):
            return runner_up
    return best


def weighted_letters(profile: dict[str, int]) -> dict[str, float]:
    """Letters per real script (neutral scripts dropped), Han + kana merged into ``Japanese`` when they are
    Japanese, each weighted by :data:`LETTER_WEIGHTS`."""
    counts: dict[str, float] = {s: n for s, n in profile.items() if s not in NEUTRAL_SCRIPTS and n > 0}
    if is_japanese(profile):
        counts["Japanese"] = sum(counts.pop(s, 0) for s in (*KANA_SCRIPTS, "Han"))
    return {s: n * LETTER_WEIGHTS.get(s, 1) for s, n in counts.items()}


@lru_cache(maxsize=256)
def direction_of(script: str) -> str:
    """``rtl`` for right-to-left scripts (Arabic, Hebrew, Syriac, Thaana, NKo, Adlam...), else ``ltr``.

    ICU's own script metadata decides, so every right-to-left script it knows is covered; names ICU does not
    know (``Japanese``) are left-to-right.
    """
    codes = icu.Script.getCode(script)
    return "rtl" if codes and icu.Script(codes[0]).isRightToLeft() else "ltr"
