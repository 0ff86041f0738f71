"""Name spans in Chinese and Japanese text, where ICU's dictionary cuts foreign names into pieces.

- Katakana runs (joined directly or by ・) are names *or* loanwords (アルトマン vs プラットフォーム). A run is
  kept only with evidence: an honorific after it (氏, さん), a ・ inside it, a gloss, an organisation suffix, or a
  name in another script of the corpus that it matches by sound. The loanwords are what is left: a stoplist the
  corpus derives for itself instead of a list tuned to one sample.
- Han names transliterated from other languages are joined by ·: the given name before the dot and the family
  name after it are bounded by function/title characters (的, 和, 官...), and the exact bounds are chosen by the
  best sound match with a gloss or another name of the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from corpus.entities.lexicon import CJK_PER_HONORIFICS, HAN_NAME_STOPS
from corpus.names.romanise import char_script
from corpus.names.variants import trim_span

DOTS = frozenset("·・･‧•")
_MAX_TAIL = 4   # given name before the dot
_MAX_HEAD = 5   # family name after it
_DEFAULT_TAIL = 2
_MIN_SCORE = 0.80


def _is_han(ch: str) -> bool:
    return char_script(ch) == "Han"


class KanaRun(NamedTuple):
    start: int
    end: int
    dotted: bool        # has ・ inside
    honorific: bool     # followed by 氏/さん/...


_KANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_KANA_RUN = re.compile(f"[{_KANA}]+(?:[・･][{_KANA}]+)*")


def kana_runs(text: str, start: int, end: int) -> Iterator[KanaRun]:
    """Katakana runs of ``text[start:end]`` (two letters or more), with ・ joins and honorifics noted."""
    for match in _KANA_RUN.finditer(text, start, end):
        i, j = match.span()
        while i < j and text[i] in "ーｰ":
            i += 1
        s, e = trim_span(text, i, j)
        if e - s >= 2:
            dotted = "・" in text[s:e] or "･" in text[s:e]
            honorific = text.startswith(CJK_PER_HONORIFICS, j)
            yield KanaRun(s, e, dotted, honorific)


class DotName(NamedTuple):
    start: int
    end: int
    score: float  # best sound match found while bounding it (0 when bounded by default lengths)


def _bounds(text: str, dot: int, start: int, end: int) -> tuple[int, int]:
    """How far left of the dot and right of it a name may reach (Han letters that are not stop characters)."""
    left = dot
    while left > start and dot - left < _MAX_TAIL and _is_han(text[left - 1]) and text[left - 1] not in HAN_NAME_STOPS:
        left -= 1
    right = dot + 1
    while right < end and right - dot - 1 < _MAX_HEAD and _is_han(text[right]) and text[right] not in HAN_NAME_STOPS:
        right += 1
    return left, right


def han_dot_names(
    text: str, start: int, end: int, score: Callable[[str, str, int], float]
) -> Iterator[DotName]:
    """Han names joined by a middle dot (山姆·奥特曼). The given name (before the dot) and the family name (after
    it) are bounded separately: ``score(form, role, limit)`` rates a form as a ``given`` or ``family`` name by
    sound, against a gloss right after ``limit`` (the farthest the name may reach) or the corpus's other names.
    Near ties go to the longer family name and the shorter given name; without a good match, default lengths."""
    i = start
    while i < end:
        dot = text.find("·", i, end)
        if dot == -1:
            return
        i = dot + 1
        left, right = _bounds(text, dot, start, end)
        if left == dot or right == dot + 1:
            continue
        tails = [(round(score(text[s:dot], "given", right), 2), s) for s in range(left, dot)]
        # one character says too little by sound (斯 ~ Shear 0.90 cut 卡拉·斯威舍尔 to 卡拉·斯): a family name is
        # scored from two characters when the bounds allow two
        heads = [(round(score(text[dot + 1:e], "family", right), 2), e) for e in range(min(dot + 3, right), right + 1)]
        tail_score, s = max(tails)
        head_score, e = max(heads)
        if tail_score < _MIN_SCORE:
            s = max(left, dot - _DEFAULT_TAIL)
        if head_score < _MIN_SCORE:
            e = right
        yield DotName(s, e, min(tail_score, head_score))
