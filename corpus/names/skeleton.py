"""Consonant-class skeletons of romanised name parts, with a word-initial marker and bounded variants.

A romanised name still differs across scripts in its vowels (Arabic writes few, katakana and pinyin add
epenthetic ones) and in near consonants (l/r in Japanese and Chinese, b/p/v/f, k/g/q, d/t, s/z/ts). The skeleton
keeps one class letter per consonant sound: ``altman`` / ``arutoman`` / ``altman`` (Arabic) -> ``ARTMN``.

Classes (research notes M4/M5): digraphs first (sch sh ts tsu tz zh ch dzh dj -> S, kh gh -> K, ph -> P,
th -> T, ck qu -> K), soft c -> S, Latin x -> KS, then b p v f -> P, k g q c -> K, d t -> T, s z x j -> S,
l r -> R, m, n; vowels, y, w and h dropped; repeats collapsed. A word-initial vowel or glide is kept as ``A`` and
an initial h/kh as ``H``, because the initial sound separates Altman (``ARTMN``) from Hartman (``HRTMN``).

Variants (M9a), a few per part, each from one rule about how a script renders foreign names:

- scripts that copy the *spelling* (Latin, Cyrillic, Arabic...) also get a "by sound" variant with th read as
  s, g soft before e/i/y and gh silent after a vowel (Anthropic -> アンソロピック, Georgia -> ジョージア,
  Джорджия, جورجيا), and a "by ear" variant that also drops a coda r/l, because Chinese and Japanese render
  English non-rhotically: Shear -> シア (``S``), Zuckerberg -> ザッカーバーグ, Altman -> 奥特曼 (``ATMN``), with th
  heard as s or as t (Luther -> 路德 ``RT``, Arthur -> 亚瑟 ``AS``). The
  by-ear variants (:func:`by_ear_skeletons`) are only for comparing with a Han or kana form: Cyrillic and Arabic
  write the r (Ben Sameer is بن سمير, not بن سامي);
- spelling conventions undone (:data:`_SPELLING_UNDONE`): Russian г/х as h and в as w, Arabic ج as g, Latin j
  as y or kh, ch as k and w as v;
- pinyin (Han) gets one alternate with j/q as k, an initial hu as w, an initial x as h and w as v
  (加拿大 Canada, 华盛顿 Washington, 希拉里 Hillary, 苏茨克维 Sutskever), and the same again for the plain
  (non-surname) reading of the characters when it differs.
Pinyin letters also read as pinyin: c (ts) and q (ch) are S, and a syllable-final ng is one nasal. A whole name
keeps as many variants as its most varied part (:func:`name_skeletons`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = (
    ("sch", "S"), ("tsu", "S"), ("dzh", "S"), ("dj", "S"), ("sh", "S"), ("ts", "S"), ("tz", "S"), ("zh", "S"),
    ("ch", "S"),
    ("kh", "K"), ("gh", "K"), ("ph", "P"), ("th", "T"), ("ck", "K"), ("qu", "K"),
)
_DIGRAPH_CLASS = dict(_DIGRAPHS)
_GRAPHS = re.compile("|".join(graph for graph, _ in _DIGRAPHS) + "|.", re.DOTALL)
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
# A syllable-final nasal before a labial is m in kana and pinyin renderings (キャンベル Campbell, 汤普森 Thompson).
_NASAL_BEFORE_LABIAL = re.compile(r"n(?=[bpmf])")
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


def _consonants(rom: str, classes: dict[str, str], by_sound: bool, by_ear: bool = False) -> str:
    """Class letters of ``rom`` (no initial handling).

    ``by_sound`` reads the spelling as English is heard: th is an s (Anthropic -> アンソロピック), g before e/i/y
    is soft (Georgia -> 格鲁吉亚, ジョージア, Джорджия), gh after a vowel is silent (Vaughan -> ヴォーン) and so is
    the t of tch (Thatcher -> 撒切尔); ``by_ear`` also skips an r/l before a consonant or at the end,
    as zh/ja render English (Shear -> シア).
    """
    out: list[str] = []
    for found in _GRAPHS.finditer(rom):
        graph, end = found.group(), found.end()
        if len(graph) > 1:
            if by_sound and graph == "th":
                out.append("S")
            elif not (by_sound and graph == "gh" and found.start() and rom[found.start() - 1] in _VOWELS):
                out.append(_DIGRAPH_CLASS[graph])
            continue
        nxt = rom[end:end + 1]
        if graph in "rl" and by_ear and (not nxt or nxt not in _VOWELS):
            pass
        elif graph == "t" and by_sound and rom.startswith("ch", end):
            pass  # tch is one sound (Thatcher, Mitchell -> 撒切尔, 米切尔, ミッチェル)
        elif graph in "cg" and classes is _CLASSES and nxt in ("e", "i", "y") and (graph == "c" or by_sound):
            out.append("S")
        elif graph == "x" and classes is _CLASSES:
            out.extend(("K", "S"))  # Latin x is ks: Essex -> Эссекс, إسكس, エセックス, 埃塞克斯
        elif graph not in _SILENT and graph in classes:
            out.append(classes[graph])
    collapsed: list[str] = []
    for cls in out:
        if not collapsed or collapsed[-1] != cls:
            collapsed.append(cls)
    return "".join(collapsed)


def _skeleton(rom: str, classes: dict[str, str], by_sound: bool, by_ear: bool = False) -> str:
    marker, rest = _initial(rom)
    return marker + _consonants(rest, classes, by_sound, by_ear)


# Spelling conventions that make one letter stand for another sound of the source name, undone by a rewrite of
# the romanisation; each rewrite that changes a part adds one skeleton variant:
# - Russian writes a foreign h as г or х (Гамильтон, Гавайи, Солихалл) and w as в (Квинсленд, Уэдвардс);
# - Arabic writes a foreign hard g as ج (جارسيا Garcia, إيجاراشي Igarashi: ج is g in Egypt);
# - a Latin j is y in German, Slavic and Nordic names (Jung, Jihlava -> Йиглава, Johansen -> ヨハンゼン) and kh in
#   Spanish ones (José -> Хосе, Rajoy -> راخوي, Tarija -> Тариха); ch is k in Greek and German names (Michael ->
#   マイケル, Christoph -> Кристоф, 克里斯托夫); w before a vowel is v in German, Polish and Dutch ones (Wilhelm ->
#   ヴィルヘルム, Wagner -> ヴァーグナー), not after a vowel letter that makes it part of a diphthong (Powell);
# - kana writes h before u as フ fu (Hoover -> フーバー, Calhoun -> カルフーン) and German/Scottish ch as the h-row
#   after a vowel (Bach -> バッハ, Diedrich -> ディートリッヒ).
_SPELLING_UNDONE: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "Cyrillic": ((re.compile(r"g(?!h)|kh"), "h"), (re.compile(r"v"), "w")),
    "Arabic": ((re.compile(r"j"), "g"),),
    "Latin": ((re.compile(r"j"), "y"), (re.compile(r"j"), "kh"), (re.compile(r"ch"), "k"),
              (re.compile(r"(?<![aeo])w(?=[aeiouy])"), "v")),
    "Katakana": ((re.compile(r"fu"), "hu"), (re.compile(r"(?<=[aeiou])h"), "kh")),
    "Hiragana": ((re.compile(r"fu"), "hu"),),
}
_GROUPED_REWRITES = {"Cyrillic"}  # these rewrites apply together (one variant); the others one by one
# Pinyin renders English by its own initials: j and q stand for k/g as well as j/ch (加拿大 jianada Canada, 吉 ji),
# an initial hu before a vowel for w (华盛顿 Washington, 怀特 White), an initial x for h (希拉里 Hillary, 希特勒
# Hitler) and wei for "ve" (苏茨克维 Sutskever).
_PINYIN_INITIAL_HU = re.compile(r"^hu(?=[aeio])")
_PINYIN_INITIAL_X = re.compile(r"^x")
_PINYIN_JQ = re.compile(r"[jq]")


def _undone_readings(reading: str, script: str) -> list[str]:
    """The readings of ``reading`` with its script's spelling conventions undone (see _SPELLING_UNDONE)."""
    rewrites = _SPELLING_UNDONE.get(script, ())
    if script in _GROUPED_REWRITES:
        undone = reading
        for pattern, replacement in rewrites:
            undone = pattern.sub(replacement, undone)
        return [undone] if undone != reading else []
    return [r for r in (pattern.sub(replacement, reading) for pattern, replacement in rewrites) if r != reading]


def _pinyin_alternate(rom: str) -> str:
    rom = _PINYIN_INITIAL_HU.sub("w", _PINYIN_JQ.sub("k", rom.replace("w", "v")))
    return _PINYIN_INITIAL_X.sub("h", rom)


@lru_cache(maxsize=65536)
def part_skeletons(rom: str, script: str, alternates: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Skeleton variants of one romanised name part, the base first (``altman``, Latin -> ARTMN, ATMN).

    ``alternates`` are other readings of the same part (:func:`corpus.names.romanise.reading_alternates`); each
    adds its own variants after those of ``rom``.
    """
    if not rom:
        return ()
    variants: list[str] = []
    for reading in (rom, *alternates):
        reading = _DOUBLED.sub(r"\1", reading)
        if script == "Han":
            reading = _NASAL_BEFORE_LABIAL.sub("m", _PINYIN_CODA_NG.sub("n", reading))
            alternate = _pinyin_alternate(reading)
            variants += [_skeleton(reading, _PINYIN_CLASSES, False), _skeleton(alternate, _PINYIN_CLASSES, False)]
        elif script in SOUND_RENDERED_SCRIPTS:
            reading = _NASAL_BEFORE_LABIAL.sub("m", reading)
            variants += [_skeleton(r, _CLASSES, False) for r in (reading, *_undone_readings(reading, script))]
        else:
            variants += [_skeleton(reading, _CLASSES, False), _skeleton(reading, _CLASSES, True)]
            variants += [_skeleton(_DOUBLED.sub(r"\1", u), _CLASSES, False) for u in _undone_readings(reading, script)]
    return tuple(dict.fromkeys(v for v in variants if v))


@lru_cache(maxsize=65536)
def by_ear_skeletons(rom: str, script: str, alternates: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The by-ear variants of one part of a spelling script (coda r/l dropped: Shear -> ``S``; th read by sound as s
    and as spelled, t: Luther -> ``RS``, ``RT``) that :func:`part_skeletons` lacks; only a comparison with a Han or
    kana form may use them. Empty for Han and kana forms, which are the renderings by ear themselves."""
    if not rom or script in SOUND_RENDERED_SCRIPTS:
        return ()
    spelled = part_skeletons(rom, script, alternates)
    heard = (
        _skeleton(_DOUBLED.sub(r"\1", reading), _CLASSES, by_sound, True)
        for reading in (rom, *alternates) for by_sound in (True, False)
    )
    return tuple(dict.fromkeys(v for v in heard if v and v not in spelled))


def name_skeletons(per_part: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Whole-name skeleton variants from each part's variants (:func:`part_skeletons`): the parts joined, the
    n-th variant of every part together.

    Combining variants per position (not the cross product) keeps a name at as many keys as its most varied part.
    """
    per_part = tuple(variants for variants in per_part if variants)
    if not per_part:
        return ()
    width = max(len(variants) for variants in per_part)
    joined = ("".join(variants[min(i, len(variants) - 1)] for variants in per_part) for i in range(width))
    return tuple(dict.fromkeys(joined))
