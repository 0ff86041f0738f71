"""Words and symbols around numbers: multipliers, currencies, percent signs, counters, month names.

Every table is shared by all languages because news text mixes them (an Indonesian article quotes ``$ 10 miliar``,
a Japanese one ``1兆5000億円``); the language only decides separators (digits.py) and tie-breaks such as ¥.
Each table is compiled into one anchored regex so the scanner tries a whole family in one ``match`` call.
"""

from __future__ import annotations

import re


def _alternation(words: dict[str, object]) -> str:
    """Longest-first alternation so ``миллиардов`` wins over ``миллиард``."""
    return "|".join(sorted(words, key=len, reverse=True))


def _lookup(table: dict[str, object], surface: str) -> object:
    """The entry for a matched surface; regex keys (with inflection groups) are tried after exact keys."""
    if surface in table:
        return table[surface]
    folded = surface.casefold()
    for key, value in table.items():
        if re.fullmatch(key, surface) or re.fullmatch(key, folded):
            return value
    raise KeyError(surface)


_RU_CASE = "(?:а|ов|ы|ам|ами|ах|е|у|ом)?"
# Multiplier words after a number. Keys are regexes; a word multiplier must end at a word boundary.
WORD_MULTIPLIERS: dict[str, float] = {
    r"тыс\.": 1e3, r"тыс": 1e3, r"тысяч(?:а|и|у|ей|ами|ам|ах|е)?": 1e3,
    r"млн\.?": 1e6, r"миллион" + _RU_CASE: 1e6,
    r"млрд\.?": 1e9, r"миллиард" + _RU_CASE: 1e9,
    r"трлн\.?": 1e12, r"триллион" + _RU_CASE: 1e12,
    r"ألف|ألفا|الف|آلاف|الاف": 1e3, r"مليون|مليونا|ملايين": 1e6, r"مليار|مليارا|مليارات|بليون": 1e9,
    r"تريليون|تريليونات": 1e12,
    r"ribu|rb": 1e3, r"juta|jt": 1e6, r"miliar|milyar": 1e9, r"triliun": 1e12,
    r"thousand|thousands": 1e3, r"million|mln|mn": 1e6, r"billion|bln|bn": 1e9, r"trillion|trn|tn": 1e12,
}
# One-letter abbreviations read as multipliers only after a currency sign ($5m, £3k); "5m" alone is metres.
LETTER_MULTIPLIERS: dict[str, float] = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9}
CJK_MULTIPLIERS: dict[str, float] = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8,
                                     "兆": 1e12}
# A bare multiplier word standing for "one X" before a currency: "более триллиона долларов", "تريليون دولار".
BARE_MULTIPLIERS: dict[str, float] = {
    r"тысяч[иу]": 1e3, r"миллион[ау]?": 1e6, r"миллиард[ау]?": 1e9, r"триллион[ау]?": 1e12,
    r"مليون": 1e6, r"مليار": 1e9, r"تريليون": 1e12,
    r"a million|one million": 1e6, r"a billion|one billion": 1e9, r"a trillion|one trillion": 1e12,
}

# Currency words/symbols after a number, keyed by regex, valued by ISO 4217 code.
CURRENCY_AFTER: dict[str, str] = {
    r"доллар" + _RU_CASE: "USD", r"долл\.": "USD", r"руб(?:л(?:ей|я|ь|ям|ями|ях|е|ю|ём))?\.?": "RUB",
    r"евро": "EUR", r"юан(?:ей|я|ь|и|ям)": "CNY", r"иен(?:а|ы|у)?": "JPY", r"рупи(?:й|и|я)": "IDR",
    r"دولار(?:ا|ات)?(?: أمريكي)?": "USD", r"ريال(?:ا|ات)?": "SAR", r"جنيه(?:ا|ات)?": "EGP",
    r"درهم(?:ا)?|دراهم": "AED", r"يورو": "EUR", r"يوان": "CNY", r"روبية": "IDR",
    "美元": "USD", "美金": "USD", "欧元": "EUR", "日元": "JPY", "日圆": "JPY", "港元": "HKD", "港币": "HKD",
    "英镑": "GBP", "卢布": "RUB", "印尼盾": "IDR", "人民币": "CNY", "元": "CNY",
    "米ドル": "USD", "ドル": "USD", "円": "JPY", "ユーロ": "EUR", "ルピア": "IDR", "ルーブル": "RUB",
    r"rupiah": "IDR", r"(?:dolar|dollar)(?: AS)?": "USD", r"dollars|US dollars": "USD", r"euros?": "EUR",
    r"yen": "JPY", r"yuan|renminbi": "CNY", r"r[ou]?bles?": "RUB", r"riyals?": "SAR", r"dirhams?": "AED",
    r"USD|EUR|RUB|CNY|RMB|JPY|IDR|SAR|AED|EGP|GBP|HKD": "",   # the code itself (RMB → CNY below)
    r"\$": "USD", "€": "EUR", "₽": "RUB", "£": "GBP", "¥": "", "￥": "", "＄": "USD",
}
# Currency signs/codes before a number.
CURRENCY_BEFORE: dict[str, str] = {
    r"US\$|USD|\$|＄": "USD", r"€|EUR": "EUR", r"£|GBP": "GBP", r"₽|RUB": "RUB", r"Rp\.?|IDR": "IDR",
    r"RMB|CNY|人民币": "CNY", r"¥|￥": "", r"JPY": "JPY", r"SAR": "SAR", r"AED": "AED", r"EGP": "EGP",
}
CODE_ALIASES = {"RMB": "CNY"}

PERCENT_AFTER = (r"процент(?:а|ов|ы|ам|ами|ах|е|ом)?|persen|per cent|percent|pct|"
                 r"في المائة|في المئة|بالمائة|بالمئة|パーセント")
PERCENT_BEFORE_ZH = "百分之"

# Range separators between two numbers (700-710, 15%–20%, 10 до 20, 5 hingga 7).
RANGE_SEPARATOR = r"\s?(?:-|–|—|~|〜|～|至|到)\s?|\s(?:до|to|hingga|sampai|إلى)\s"

# zh/ja measure words that sit between a number and its noun (770名员工) and are not nouns themselves.
MEASURE_WORDS = set("名位个個家款项項条條种種场場轮輪件台辆輛只张張枚匹头頭座所篇份组組批支股つ")
# Counters that are the counted thing themselves (770人, 两天, 5年後): the unit is the counter.
NOUN_COUNTERS = ("小时", "小時", "時間", "分钟", "か月", "ヶ月", "カ月", "个月", "か国", "ヶ国", "人", "年", "天",
                 "日", "周", "週", "秒", "岁", "歳", "倍", "次", "回", "社", "国")
# Approximation markers between a number and its counter; they do not change the value (七百多人, 710人以上).
APPROX_SUFFIX = ("多", "余", "余り", "以上", "超")

# Words that follow a number without being what it counts.
NOT_COUNTED_NOUNS = frozenset("""
из в во на и с со по до от к за для или а но о об при около более менее чем что как это же ли не
of in on and to from for or at by with than as is are was were the a an per out over about around
dari di ke dan yang untuk pada atau dengan sampai hingga oleh per sekitar lebih
من في إلى الى على عن أو او و مع بين حتى منذ قبل بعد أن ان لا ما ثم
""".split())

# Words right before a 4-digit number that make it a year (в 2019, in 2019, pada tahun 2019, عام 2019, © 2012).
YEAR_CUES = frozenset("""
в с до по к от году года год in since by until from of during tahun pada sejak عام العام سنة منذ ©
""".split())
# Words right after a 4-digit number that make it a year (2019 году, 2019 г.).
YEAR_AFTER = r"\s?(?:году|года|год|гг?\.)(?!\w)"

_LATIN_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7, "August": 8,
    "September": 9, "October": 10, "November": 11, "December": 12,
    "Januari": 1, "Februari": 2, "Pebruari": 2, "Maret": 3, "Mei": 5, "Juni": 6, "Juli": 7, "Agustus": 8,
    "Oktober": 10, "Nopember": 11, "Desember": 12, "Nop": 11, "Des": 12, "Okt": 10, "Agu": 8, "Agt": 8,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10,
    "Nov": 11, "Dec": 12,
}
_RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8, "сентябр": 9,
    "октябр": 10, "ноябр": 11, "декабр": 12,
}
_AR_MONTHS = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Levantine/Iraqi names.
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
    "أيلول": 9, "تشرين الأول": 10, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
}


def month_number(word: str) -> int:
    """The month (1-12) a MONTH_NAME match names."""
    word = word.rstrip(".")
    if word in _LATIN_MONTHS:
        return _LATIN_MONTHS[word]
    if word in _AR_MONTHS:
        return _AR_MONTHS[word]
    lowered = word.lower()
    for stem, month in sorted(_RU_MONTHS.items(), key=lambda item: -len(item[0])):
        if lowered.startswith(stem):
            return month
    raise KeyError(word)


_RU_MONTH_RE = ("(?i:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]|август[аеу]?|"
                "сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею]|янв\\.|фев\\.|апр\\.|авг\\.|сент?\\.|окт\\.|"
                "нояб?\\.|дек\\.)")
# Latin months: full names, then abbreviations with an optional dot (Latin names are capitalised in every
# language here, which keeps "may" the verb out).
MONTH_NAME = "(?:" + "|".join([
    _alternation(_LATIN_MONTHS) .replace("|", r"\.?|") + r"\.?",
    _RU_MONTH_RE,
    _alternation(_AR_MONTHS),
]) + r")(?!\w)"
