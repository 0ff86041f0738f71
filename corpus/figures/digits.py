"""Digits in any script and locale grouping/decimal separators.

Python's ``\\d`` already matches every Unicode decimal digit (Arabic-Indic ٠-٩, Extended Arabic-Indic ۰-۹,
full-width ０-９, Devanagari...), so finding digit runs is cheap. Deciding what ``1.500`` means is not: it is fifteen
hundred in Indonesian or German and one and a half in English. ICU's own lenient parser resolves that only by the
locale's symbols and reads ``1.5`` in Indonesian as 1 or 15, so :func:`read_number` first decides from the
separators, the digit counts and the language which reading applies, then lets ICU's ``NumberFormat`` for a locale
with exactly those symbols parse the original surface (native digits included) with a ``ParsePosition``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import icu


def _digit_table() -> dict[int, str]:
    """Map every Unicode decimal digit (ICU's ``[:Nd:]``) to its ASCII digit, using ICU's digit values."""
    table: dict[int, str] = {}
    for ch in icu.UnicodeSet("[:Nd:]"):
        value = icu.Char.digit(ch, 10)
        if 0 <= value <= 9 and ch not in "0123456789":
            table[ord(ch)] = str(value)
    return table


DIGITS_TO_ASCII = _digit_table()


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit in any script replaced by its ASCII digit (other characters kept)."""
    return text.translate(DIGITS_TO_ASCII)


SPACES = " \u00a0\u202f\u2009"
ARABIC_DECIMAL = "\u066b"    # ٫
ARABIC_GROUP = "\u066c"      # ٬
# Languages whose own convention is a decimal comma (everything else here: decimal point, comma grouping).
DECIMAL_COMMA_LANGS = frozenset({"ru", "id", "uk", "be", "bg", "de", "fr", "es", "it", "pt", "nl", "tr", "pl", "ms"})
# Languages that group thousands with spaces (ru 1 234 567,89, with a space, NBSP or narrow NBSP).
SPACE_GROUP_LANGS = frozenset({"ru", "uk", "be", "bg", "fr", "pl"})

# A digit run with single separator characters between digit groups; read_number decides how much of it is one
# number. Its first digit, then the rest (``NUMBER_TAIL``, for a scanner that matches the first digit itself).
NUMBER_TAIL = r"\d*(?:[.,\u066b\u066c\u00a0\u202f\u2009 ]\d+)*"
NUMBER_RUN = re.compile(r"\d" + NUMBER_TAIL)


@dataclass(frozen=True, slots=True)
class Reading:
    """How much of a digit run is one number, and its value."""

    length: int            # code points of the run that belong to the number
    value: float
    integer_digits: int    # digits before the decimal separator
    grouped: bool          # thousands separators were used
    decimal: bool          # has a fractional part


def _icu_locale_for(group: str | None, decimal: str | None) -> str:
    """A locale whose NumberFormat symbols are exactly this grouping/decimal pair."""
    if group == ARABIC_GROUP or decimal == ARABIC_DECIMAL:
        return "ar@numbers=arab"   # plain "ar" now prints Latin digits and misreads ٫ when lenient
    if group in (None, ",") and decimal in (None, "."):
        return "en"
    if group in (None, ".") and decimal in (None, ","):
        return "id"
    return "ru"   # space-like grouping, decimal comma


@cache
def _number_format(locale: str) -> icu.NumberFormat:
    fmt = icu.NumberFormat.createInstance(icu.Locale(locale))
    fmt.setLenient(True)   # accept ASCII spaces where the locale prints NBSP, and digits of any script
    return fmt


def _icu_parse(surface: str, locale: str) -> float | None:
    """ICU's parse of the whole surface, or None when ICU stops short of its end."""
    pos = icu.ParsePosition(0)
    result = _number_format(locale).parse(surface, pos)
    if result is None or pos.getIndex() != len(surface):
        return None
    return result.getDouble()


@lru_cache(maxsize=1 << 16)
def read_number(run: str, lang: str) -> Reading:
    """Read the longest prefix of a NUMBER_RUN match that is one number in ``lang``'s conventions (memoised: texts
    repeat their numbers, and each reading costs an ICU parse).

    Grouping needs groups of exactly three digits after a first group of one to three; a separator that cannot be
    grouping or decimal ends the number (``700 770`` is two numbers; ``1,5`` in English is 1 then 5).
    """
    parts = re.split(r"([.,\u066b\u066c\u00a0\u202f\u2009 ])", run)
    groups, seps = parts[0::2], parts[1::2]
    comma_lang = lang in DECIMAL_COMMA_LANGS
    group_chars = {ARABIC_GROUP, "." if comma_lang else ","}
    if lang in SPACE_GROUP_LANGS:
        group_chars.update(SPACES)
    elif comma_lang:
        group_chars.update("\u202f\u2009")
    decimal_chars = {ARABIC_DECIMAL, "," if comma_lang else ".", "."}

    used_group: str | None = None
    n = 1   # groups consumed
    if len(groups[0]) <= 3:
        while n < len(groups) and seps[n - 1] in group_chars and len(groups[n]) == 3:
            sep = seps[n - 1]
            sep_kind = " " if sep in SPACES else sep
            if used_group not in (None, sep_kind):
                break
            used_group = sep_kind
            n += 1
    decimal: str | None = None
    if n < len(groups) and seps[n - 1] in decimal_chars and seps[n - 1] != used_group:
        decimal = seps[n - 1]
        n += 1
    # Whatever follows (a second decimal point as in 1.2.3, a stray group) is left to the caller via `length`.
    surface = "".join(parts[: 2 * n - 1])
    int_part = "".join(groups[: n - 1 if decimal else n])
    frac = groups[n - 1] if decimal else ""
    canonical = ascii_digits(int_part) + ("." + ascii_digits(frac) if decimal else "")
    value = _icu_parse(surface, _icu_locale_for(used_group if used_group != " " else "\u00a0", decimal))
    if value is None:
        value = float(canonical)
    return Reading(len(surface), value, len(int_part), used_group is not None, decimal is not None)
