"""Chinese and Japanese numerals: 一百三十亿, 三千五百, 百億, 七百, 二〇二三.

ICU's rule-based spell-out format parses them (``RuleBasedNumberFormat(SPELLOUT, zh|ja).parse``) but each locale
knows its own forms: zh reads 一百亿 yet refuses 百亿 and 億; ja reads 百億 and 一兆五千億 yet stops at 亿 and
两. :func:`parse_cjk_numeral` therefore tries zh on the simplified spelling, then ja on the Japanese spelling, then
zh with an explicit leading 一 (百亿 → 一百亿). Only when ICU stops short on every variant (decimals such as
三点五 in Japanese text, or a run that mixes 兩 with 億) does the small positional parser below take over.
"""

from __future__ import annotations

import re
from functools import cache

import icu

DIGIT_VALUES = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
UNIT_VALUES = {**SMALL_UNITS, **BIG_UNITS}

NUMERAL_CHARS = "".join(DIGIT_VALUES) + "".join(UNIT_VALUES)
# A run of numeral characters, optionally with a decimal part (三点五): its first character, then the rest
# (``CJK_NUMERAL_TAIL``, for a scanner that matches the first character itself, see corpus.figures.extract).
CJK_NUMERAL_TAIL = f"[{NUMERAL_CHARS}]*(?:点[{''.join(DIGIT_VALUES)}]+)?"
CJK_NUMERAL_RUN = re.compile(f"[{NUMERAL_CHARS}]{CJK_NUMERAL_TAIL}")

_TO_ZH = str.maketrans({"億": "亿", "萬": "万", "兩": "两"})
_TO_JA = str.maketrans({"亿": "億", "萬": "万", "两": "二", "兩": "二"})


@cache
def _spellout(locale: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(locale))


def _icu_spellout_parse(text: str, locale: str) -> float | None:
    pos = icu.ParsePosition(0)
    result = _spellout(locale).parse(text, pos)
    if result is None or pos.getIndex() != len(text):
        return None
    return result.getDouble()


def _positional_parse(run: str) -> float | None:
    """Fallback: sections split by 兆/亿/万, each a sum of digit×(十|百|千); digits alone read positionally."""
    integer, _, fraction = run.partition("点")
    total = 0
    section = 0
    digit: int | None = None
    positional = all(ch in DIGIT_VALUES for ch in integer)
    if positional:   # 二〇二三 → 2023
        total = int("".join(str(DIGIT_VALUES[ch]) for ch in integer)) if integer else 0
    else:
        for ch in integer:
            if ch in DIGIT_VALUES:
                digit = DIGIT_VALUES[ch]
            elif ch in SMALL_UNITS:
                section += (1 if digit is None else digit) * SMALL_UNITS[ch]
                digit = None
            else:
                section += digit or 0
                total += (section or 1) * BIG_UNITS[ch]
                section, digit = 0, None
        total += section + (digit or 0)
    if fraction:
        return total + float("0." + "".join(str(DIGIT_VALUES[ch]) for ch in fraction))
    return float(total)


def parse_cjk_numeral(run: str) -> float | None:
    """The value of a CJK numeral run (as matched by CJK_NUMERAL_RUN), ICU first."""
    zh = run.translate(_TO_ZH)
    candidates = [(zh, "zh"), (run.translate(_TO_JA), "ja")]
    if zh[0] in SMALL_UNITS or zh[0] in BIG_UNITS:
        candidates.append(("一" + zh, "zh"))
    for text, locale in candidates:
        value = _icu_spellout_parse(text, locale)
        if value is not None:
            return value
    return _positional_parse(run)
