"""Calendar dates written with digits: ISO, CJK 年月日, and day-month-year with month names.

A date keeps only what the text states: ``11月20日`` is ``--11-20`` (ISO 8601's form for a month-day without a
year) rather than a year guessed from the article, ``7月`` is ``--07``, ``2019年`` is ``2019``. Bare weekdays and
relative words (в пятницу, 上周五, يوم الجمعة) are not figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpus.figures.cjk import parse_cjk_numeral
from corpus.figures.digits import ascii_digits
from corpus.figures.lexicon import MONTH_NAME, YEAR_AFTER, month_number

# A first digit with no digit or decimal part before it. The look-behind comes after the digit (it checks the
# character before it) so that each pattern starts with a digit and the regex engine skips straight to digits
# instead of trying every position of the text.
_D1 = r"\d(?<![\d.,]\d)"
_E = r"(?![\d]|[.,]\d)"            # no digit or decimal part after
_CJK_SMALL = "[〇零一二三四五六七八九十]"
_CJK_YEAR = "[〇零一二三四五六七八九]{4}"

ISO_DATE = re.compile(
    rf"(?P<y>{_D1}\d{{3}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})"
    r"(?:(?:T|\s)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?" + _E)
DMY_NUMERIC = re.compile(rf"(?P<d>{_D1}\d?)\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}})" + _E)
_CJK_DATE_HEAD = rf"(?:(?P<y>\d{{4}}|{_CJK_YEAR})\s?年\s?)?(?P<m>\d{{1,2}}|{_CJK_SMALL}{{1,3}})\s?"  # before 月
CJK_DATE = re.compile(
    rf"(?<![\d〇零一二三四五六七八九十]){_CJK_DATE_HEAD}月"
    rf"(?:\s?(?P<d>\d{{1,2}}|{_CJK_SMALL}{{1,3}})\s?[日号號])?")
_CJK_YEAR_HEAD = rf"(?P<y>\d{{4}}|{_CJK_YEAR})\s?"  # before 年
CJK_YEAR = re.compile(rf"(?<![\d〇零一二三四五六七八九]){_CJK_YEAR_HEAD}年(?!\s?(?:代|間|间|度|版))")
DAY_MONTH_YEAR = re.compile(
    rf"(?P<d>{_D1}\d?)(?:-?(?:го|е|th|st|nd|rd))?\s(?P<mn>{MONTH_NAME})"
    rf"(?:,?\s(?P<y>\d{{4}})(?P<yw>{YEAR_AFTER})?)?" + _E)
MONTH_DAY_YEAR = re.compile(
    rf"(?<!\w)(?P<mn>{MONTH_NAME})\s(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s(?P<y>\d{{4}}))?" + _E)
MONTH_YEAR = re.compile(rf"(?<!\w)(?P<mn>{MONTH_NAME})\s(?P<y>\d{{4}})(?P<yw>{YEAR_AFTER})?" + _E)


# Patterns whose matches have a marker a bounded number of characters after their start are tried only at those
# positions (:func:`_tried_near`): a plain scan tries them at every position of the text, which for the long month
# alternation costs a third of a millisecond per 10,000 characters. ``re._parser`` (Python >= 3.11) measures the
# head before the marker: month names (2-12 characters) before a space and a digit, the parts before 月 and 年.
_SPACE_DIGIT, _YUE, _NIAN = re.compile(r"\s\d"), re.compile("月"), re.compile("年")
_MONTH_WIDTH = re._parser.parse(MONTH_NAME).getwidth()
_CJK_DATE_WIDTH = re._parser.parse(_CJK_DATE_HEAD).getwidth()
_CJK_YEAR_WIDTH = re._parser.parse(_CJK_YEAR_HEAD).getwidth()


def _starts_before(text: str, marker: re.Pattern[str], width: tuple[int, int]) -> list[int]:
    """Every start a head of ``width`` (min, max) characters before a ``marker`` match can have, in order."""
    low, high = width
    return sorted({start for m in marker.finditer(text) for start in range(max(0, m.start() - high), m.start() - low + 1)})


def _tried_near(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match has a marker right after a head of bounded
    width: the same matches, trying only ``starts`` (:func:`_starts_before` the marker and width)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            end = match.end()
            yield match


def _number(text: str | None) -> int | None:
    """An ASCII, any-script or CJK date part as an int."""
    if not text:
        return None
    converted = ascii_digits(text)
    if converted.isdigit():
        return int(converted)
    value = parse_cjk_numeral(text)
    return None if value is None else int(value)


def iso_value(year: int | None, month: int | None, day: int | None, time: str = "") -> str | None:
    """The ISO 8601 string for what the text states, or None when a part is out of range."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is not None and not 1000 <= year <= 2999:
        return None
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}" + (f"-{day:02d}" if day else "")
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}{time}" if day else "")


def _time(match: re.Match[str]) -> str:
    if not match.group("H"):
        return ""
    hour, minute = int(ascii_digits(match.group("H"))), int(ascii_digits(match.group("M")))
    second = int(ascii_digits(match.group("S"))) if match.group("S") else None
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        return ""
    return f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")


def find_dates(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, iso_value)`` for every date in ``text``, longest forms first, never overlapping."""
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def emit(match: re.Match[str], value: str | None, end: int | None = None) -> Iterator[tuple[int, int, str]]:
        stop = match.end() if end is None else end
        if value is not None and free(match.start(), stop):
            taken.append((match.start(), stop))
            yield match.start(), stop, value

    for m in ISO_DATE.finditer(text):
        time = _time(m)
        end = m.end() if time or not m.group("H") else m.start("H") - 1
        yield from emit(m, iso_value(_number(m["y"]), _number(m["m"]), _number(m["d"]), time), end)
    for m in DMY_NUMERIC.finditer(text):
        yield from emit(m, iso_value(_number(m["y"]), _number(m["m"]), _number(m["d"])))
    for m in _tried_near(CJK_DATE, text, _starts_before(text, _YUE, _CJK_DATE_WIDTH)):
        yield from emit(m, iso_value(_number(m["y"]), _number(m["m"]), _number(m["d"])))
    for m in _tried_near(CJK_YEAR, text, _starts_before(text, _NIAN, _CJK_YEAR_WIDTH)):
        yield from emit(m, iso_value(_number(m["y"]), None, None))
    month_starts = _starts_before(text, _SPACE_DIGIT, _MONTH_WIDTH)  # both month patterns: one list
    for matches in (DAY_MONTH_YEAR.finditer(text), _tried_near(MONTH_DAY_YEAR, text, month_starts),
                    _tried_near(MONTH_YEAR, text, month_starts)):
        for m in matches:
            day = _number(m.groupdict().get("d"))
            yield from emit(m, iso_value(_number(m["y"]), month_number(m["mn"]), day))
