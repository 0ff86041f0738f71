"""Consonant-class skeletons of romanised name parts, with a word-initial marker and bounded variants.

A romanised name still differs across scripts in its vowels (Arabic writes few, katakana and pinyin add
epenthetic ones) and in near consonants (l/r in Japanese and Chinese, b/p/v/f, k/g/q, d/t, s/z/ts). The skeleton
keeps one class letter per consonant sound: ``altman`` / ``arutoman`` / ``altman`` (Arabic) -> ``ARTMN``.

Classes (research notes M4/M5): digraphs first (sch sh ts tsu tz zh ch -> S, kh gh -> K, ph -> P, th -> T,
ck qu -> K), soft c -> S, then b p v f -> P, k g q c -> K, d t -> T, s z x j -> S, l r -> R, m, n; vowels, y, w
and h dropped; repeats collapsed. A word-initial vowel or glide is kept as ``A`` and an initial h/kh as ``H``,
because the initial sound separates Altman (``ARTMN``) from Hartman (``HRTMN``).

Variants (M9a), at most two per part, one rule per script family:

- scripts that copy the *spelling* (Latin, Cyrillic, Arabic...) also get a "by sound" variant with coda r/l
  dropped and th read as s, because Chinese and Japanese render English by ear and non-rhotically:
  Shear -> シア (``S``), Zuckerberg -> ザッカーバーグ, Altman -> 奥特曼 (``ATMN``), Anthropic -> アンソロピック;
- pinyin (Han) gets a w -> v variant: 维 ``wei`` renders "ve" in Sutskever -> 苏茨克维.
Pinyin letters also read as pinyin: c (ts) and q (ch) are S, and a syllable-final ng is one nasal.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = (
    ("sch", "S"), ("tsu", "S"), ("sh", "S"), ("ts", "S"), ("tz", "S"), ("zh", "S"), ("ch", "S"),
    ("kh", "K"), ("gh", "K"), ("ph", "P"), ("th", "T"), ("ck", "K"), ("qu", "K"),
)
_CLASSES = {
    "b": "P", "p": "P", "v": "P", "f": "P",
    "k": "K", "g": "K", "q": "K", "c": "K",
    "d": "T", "t": "T",
    "s": "S", "z": "S", "x": "S", "j": "S",
    "l": "R", "r": "R",
    "m": "M", "n": "N",
}
_PINYIN_CLASSES = {**_CLASSES, "c": "S", "q": "S"}
_VOWELS = frozenset("aeiouyw")
_SILENT = frozenset("aeiouywh")
_DOUBLED = re.compile(r"([a-z])\1+")
_PINYIN_CODA_NG = re.compile(r"ng(?=[^aeiou]|$)")
SOUND_RENDERED_SCRIPTS = frozenset({"Han", "Katakana", "Hiragana"})


def _initial(rom: str) -> tuple[str, str]:
    """Split off the word-initial marker: ``A`` for a vowel or glide, ``H`` for h/kh, else nothing."""
    if rom[0] in _VOWELS:
        return "A", rom[1:]
    if rom.startswith("kh"):
        return "H", rom[2:]
    if rom[0] == "h":
        return "H", rom[1:]
    return "", rom


def _consonants(rom: str, classes: dict[str, str], by_sound: bool) -> str:
    """Class letters of ``rom`` (no initial handling). ``by_sound`` renders it as zh/ja hear English: an r/l before
    a consonant or at the end is skipped and th is an s (Anthropic -> アンソロピック)."""
    out: list[str] = []
    i, n = 0, len(rom)
    while i < n:
        if by_sound and rom.startswith("th", i):
            out.append("S")
            i += 2
            continue
        for graph, cls in _DIGRAPHS:
            if rom.startswith(graph, i):
                out.append(cls)
                i += len(graph)
                break
        else:
            char = rom[i]
            nxt = rom[i + 1] if i + 1 < n else ""
            if char in "rl" and by_sound and (not nxt or nxt not in _VOWELS):
                pass
            elif char == "c" and classes is _CLASSES and nxt in ("e", "i", "y"):
                out.append("S")
            elif char not in _SILENT and char in classes:
                out.append(classes[char])
            i += 1
    collapsed: list[str] = []
    for cls in out:
        if not collapsed or collapsed[-1] != cls:
            collapsed.append(cls)
    return "".join(collapsed)


def _skeleton(rom: str, classes: dict[str, str], by_sound: bool) -> str:
    marker, rest = _initial(rom)
    return marker + _consonants(rest, classes, by_sound)


@lru_cache(maxsize=65536)
def part_skeletons(rom: str, script: str) -> tuple[str, ...]:
    """Skeleton variants of one romanised name part, the base first (``altman``, Latin -> ARTMN, ATMN)."""
    if not rom:
        return ()
    rom = _DOUBLED.sub(r"\1", rom)
    if script == "Han":
        rom = _PINYIN_CODA_NG.sub("n", rom)
        variants = [_skeleton(rom, _PINYIN_CLASSES, False)]
        if "w" in rom:
            variants.append(_skeleton(rom.replace("w", "v"), _PINYIN_CLASSES, False))
    elif script in SOUND_RENDERED_SCRIPTS:
        variants = [_skeleton(rom, _CLASSES, False)]
    else:
        variants = [_skeleton(rom, _CLASSES, False), _skeleton(rom, _CLASSES, True)]
    return tuple(dict.fromkeys(v for v in variants if v))


def name_skeletons(parts: tuple[str, ...], scripts: tuple[str, ...]) -> tuple[str, ...]:
    """Whole-name skeleton variants: the part skeletons joined, the n-th variant of every part together.

    Combining variants per position (not the cross product) keeps a name at two keys at most.
    """
    per_part = [part_skeletons(rom, script) for rom, script in zip(parts, scripts)]
    per_part = [variants for variants in per_part if variants]
    if not per_part:
        return ()
    width = max(len(variants) for variants in per_part)
    joined = ("".join(variants[min(i, len(variants) - 1)] for variants in per_part) for i in range(width))
    return tuple(dict.fromkeys(joined))
