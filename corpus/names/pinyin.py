"""A pinyin syllable read back as the Latin sounds a Chinese transliteration of a foreign name uses it for.

Chinese writes a foreign name syllable by syllable with a small set of characters (the idea of Xinhua's
外国人名汉字译写 tables), and a character stands for a Latin chunk that pinyin only hints at: 特 te renders a bare
t, 斯 si a bare s, 布 bu a bare b (a consonant alone takes the e, the buzzing i or, for labials, the u), 尔 er an r
or l, 亚 ya an a, 维 wei a v, 华 hua a w, 顿 dun a ton, 牛 niu a new, 金 jin a gene or kin. The learned table
(readings.json) knows the characters seen often enough in the DEV pairs; every other character is read here, by
rule, from its pinyin: each initial and each final may render a few Latin spellings, the usual one first, and the
syllable's chunks are their products, the likeliest first (:func:`syllable_chunks`). The query then picks among them
(corpus/names/lattice.py), so a rule only needs to say what a syllable *can* stand for, not which is right.
"""

from __future__ import annotations

from functools import lru_cache

# (chunk, weight): the usual rendering weighs 1; a weight is a relative probability (the lattice's cost is half the
# log of the ratio to the best, so 0.5 costs about a third of a letter of edit distance).
Options = tuple[tuple[str, float], ...]

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c",
             "s")

# What each pinyin initial renders: voicing pairs (b/p, d/t, g/k), l for r (Chinese has no r before a vowel in
# loans), f for v, j and q for a soft g and ch (吉 Gi, 乔 Jo), x for s, sh or h (希 Hi), zh for j, r for a French
# j (让 Jean, 热 Ge), w for v (维 Vi, 瓦 Va), c for ts.
_ONSETS: dict[str, Options] = {
    "b": (("b", 1.0), ("p", 0.5)),
    "p": (("p", 1.0),),
    "m": (("m", 1.0),),
    "f": (("f", 1.0), ("v", 0.5)),
    "d": (("d", 1.0), ("t", 0.5)),
    "t": (("t", 1.0), ("th", 0.5)),
    "n": (("n", 1.0),),
    "l": (("l", 1.0), ("r", 0.5)),
    "g": (("g", 1.0), ("k", 0.5)),
    "k": (("k", 1.0), ("c", 0.5)),
    "h": (("h", 1.0),),
    "j": (("j", 1.0), ("g", 0.5)),
    "q": (("ch", 1.0), ("j", 0.5), ("k", 0.5)),
    "x": (("s", 1.0), ("sh", 0.5), ("h", 0.5)),
    "zh": (("j", 1.0), ("g", 0.5)),
    "ch": (("ch", 1.0),),
    "sh": (("sh", 1.0), ("s", 0.5)),
    "r": (("r", 1.0), ("j", 0.5)),
    "z": (("z", 1.0), ("ts", 0.5)),
    "c": (("ts", 1.0), ("c", 0.5)),
    "s": (("s", 1.0), ("th", 0.5), ("c", 0.5)),
    "y": (("y", 1.0),),
    "w": (("w", 1.0), ("v", 0.5)),
    "": (("", 1.0),),
}

# What each pinyin final renders: English vowels are spelled many ways, and a final nasal is n (ng only where the
# name has it). A final r of the source is not heard (卡 Car, 马 Mar): the scorer's by-ear skeletons take care of it.
_RIMES: dict[str, Options] = {
    "a": (("a", 1.0),),
    "o": (("o", 1.0), ("au", 0.5)),
    "e": (("e", 1.0), ("a", 0.5)),
    "i": (("i", 1.0), ("e", 0.5), ("y", 0.5)),
    "u": (("u", 1.0), ("o", 0.5), ("ou", 0.5)),
    "v": (("u", 1.0), ("eu", 0.5), ("ew", 0.5)),
    "ai": (("ai", 1.0), ("e", 0.5), ("a", 0.5), ("i", 0.5)),
    "ei": (("ei", 1.0), ("e", 0.5), ("a", 0.5), ("i", 0.5)),
    "ao": (("au", 1.0), ("o", 0.5), ("ow", 0.5)),
    "ou": (("o", 1.0), ("ou", 0.5), ("ow", 0.5)),
    "an": (("an", 1.0), ("en", 0.5), ("on", 0.5)),
    "en": (("en", 1.0), ("an", 0.5), ("on", 0.5)),
    "ang": (("an", 1.0), ("on", 0.5), ("ang", 0.5)),
    "eng": (("en", 1.0), ("eng", 0.5)),
    "ong": (("on", 1.0), ("ong", 0.5), ("un", 0.5)),
    "ia": (("ia", 1.0), ("a", 0.5), ("ya", 0.5)),
    "ie": (("ie", 1.0), ("e", 0.5), ("ye", 0.5)),
    "iao": (("io", 1.0), ("iau", 0.5), ("yo", 0.5)),
    "iu": (("iu", 1.0), ("ew", 0.5), ("u", 0.5)),
    "ian": (("ian", 1.0), ("en", 0.5), ("an", 0.5)),
    "in": (("in", 1.0), ("en", 0.5), ("yn", 0.5)),
    "iang": (("ian", 1.0), ("an", 0.5)),
    "ing": (("in", 1.0), ("ing", 0.5), ("en", 0.5)),
    "iong": (("ion", 1.0), ("on", 0.5)),
    "ua": (("wa", 1.0), ("ua", 0.5)),
    "uo": (("o", 1.0), ("wo", 0.5)),
    "uai": (("wai", 1.0), ("wi", 0.5)),
    "ui": (("ui", 1.0), ("wi", 0.5), ("we", 0.5)),
    "uan": (("uan", 1.0), ("wan", 0.5), ("on", 0.5)),
    "un": (("un", 1.0), ("on", 0.5), ("en", 0.5)),
    "uang": (("uan", 1.0), ("wan", 0.5)),
    "ue": (("ue", 1.0), ("e", 0.5)),
    "ve": (("ue", 1.0), ("e", 0.5)),
    "van": (("uan", 1.0), ("yan", 0.5)),
    "vn": (("un", 1.0), ("in", 0.5)),
    "er": (("r", 1.0), ("l", 0.5), ("er", 0.5), ("", 0.5)),
}
# A consonant alone (Xinhua's 特 t, 德 d, 克 k, 格 g, 斯 s, 兹 z, 茨 ts, 什 sh, 布 b, 普 p, 夫 f, 姆 m): the syllable
# is the bare initial, as likely as its spelled vowel for the e and buzzing-i finals.
_BARE_FINALS = {"e": 1.0, "i": 1.0, "u": 0.5}
_BARE_I = frozenset({"z", "c", "s", "zh", "ch", "sh", "r"})
_BARE_E = frozenset({"d", "t", "g", "k", "h", "l", "s", "z", "c", "zh", "sh", "r", "n", "m", "b", "p", "f"})
_BARE_U = frozenset({"b", "p", "f", "m"})
# j, q, x write ü as u (ju, que, xuan); y and w are glides, read as a consonant before the final (ya, wei) or as
# the vowel they spell (伊 yi i, 亚 ya a, 尤 you u, 维 wei vi through w as v, 乌 wu u).
_U_IS_V = frozenset({"j", "q", "x"})
_GLIDE_VOWEL = {"y": {"i": "i", "in": "in", "ing": "ing", "u": "v", "ue": "ve", "uan": "van", "un": "vn", "ou": "iu",
                      "ong": "iong", "e": "ie", "a": "ia", "an": "ian", "ang": "iang", "ao": "iao", "o": "io"},
                "w": {"u": "u", "ei": "ui", "en": "un", "o": "uo", "a": "ua", "ai": "uai", "an": "uan",
                      "ang": "uang", "eng": "ong"}}
_GLIDE_VOWEL_WEIGHT = 0.5
MAX_CHUNKS = 6


def split_syllable(syllable: str) -> tuple[str, str]:
    """A toneless pinyin syllable as (initial, final), ü written v after j, q, x (``qu`` -> q, v); y and w are
    initials (``yan`` -> y, an); an unknown final comes back as it is."""
    if syllable[:1] in ("y", "w") and len(syllable) > 1:
        return syllable[0], syllable[1:]
    initial = next((i for i in _INITIALS if syllable.startswith(i) and len(syllable) > len(i)), "")
    final = syllable[len(initial):]
    if initial in _U_IS_V and final.startswith("u"):
        final = "v" + final[1:]
    return initial, final


def _bare(initial: str, final: str) -> float:
    """The weight of the syllable read as its bare initial (0 when it never is)."""
    if (final == "i" and initial in _BARE_I) or (final == "e" and initial in _BARE_E):
        return _BARE_FINALS[final]
    if final == "u" and initial in _BARE_U:
        return _BARE_FINALS[final]
    return 0.0


@lru_cache(maxsize=4096)
def syllable_chunks(syllable: str) -> tuple[tuple[str, float], ...]:
    """The Latin chunks a pinyin syllable may render in a transliteration, the likeliest first, with weights in
    0..1 (at most :data:`MAX_CHUNKS`): ``te`` -> t, te, th...; ``niu`` -> niu, nu, new; ``wei`` -> wei, vei, wi, vi
    (an initial h before u also stands for w: 华盛顿 Washington)."""
    if syllable == "er":
        return _RIMES["er"]
    initial, final = split_syllable(syllable)
    onsets = _ONSETS.get(initial, ((initial, 1.0),))
    if initial == "h" and final.startswith("u") and len(final) > 1:
        onsets = (("h", 1.0), ("", 0.5))  # 华 hua Wa, 惠 hui Whi, 霍 huo Ho or Wo
    readings = [(onsets, final, 1.0)]
    if initial in _GLIDE_VOWEL and final in _GLIDE_VOWEL[initial]:
        readings.append(((("", 1.0),), _GLIDE_VOWEL[initial][final], _GLIDE_VOWEL_WEIGHT))
    weights: dict[str, float] = {}
    for reading_onsets, reading_final, reading_weight in readings:
        bare = _bare(initial, reading_final)
        for onset, onset_weight in reading_onsets:
            if bare:
                weights[onset] = max(weights.get(onset, 0.0), reading_weight * onset_weight * bare)
            for rime, rime_weight in _RIMES.get(reading_final, ((reading_final, 1.0),)):
                chunk, weight = onset + rime, reading_weight * onset_weight * rime_weight
                if weight > weights.get(chunk, 0.0):
                    weights[chunk] = weight
    ranked = sorted(weights.items(), key=lambda item: (-item[1], len(item[0]), item[0]))
    return tuple((chunk, weight) for chunk, weight in ranked[:MAX_CHUNKS] if chunk)
