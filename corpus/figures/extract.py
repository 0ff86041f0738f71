"""Find the counts, money amounts, percents and dates an article states, with normalised values.

One left-to-right pass over a combined regex of digit runs (any script) and CJK numeral runs, after dates have
claimed their spans. Each number grows into a quantity: a currency sign before it, a multiplier after it
(млрд, مليار, juta, billion, 万亿, with CJK compounds such as 1兆5000億 summed), a range to a second number, then a
percent sign, a currency or the counted noun. Numbers that are parts of names and identifiers (GPT-4, Web3, 5G,
Office 365, 1.2.3), list markers (``*1.``, ``2、``), labels with leading zeros (``01``), times, ratios and
phone-number-like runs are skipped rather than reported as counts.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import icu

from corpus.breakers import break_iterator
from corpus.figures import lexicon as lx
from corpus.figures.cjk import CJK_NUMERAL_TAIL, DIGIT_VALUES, NUMERAL_CHARS, parse_cjk_numeral
from corpus.figures.dates import find_dates
from corpus.figures.digits import NUMBER_RUN, NUMBER_TAIL, SPACES, ascii_digits, read_number
from corpus.figures.model import Figure

# Python's regex engine skips ahead to a match's possible first characters only when the pattern *starts* with a
# character class (not a group, a repeat or a look-behind); the scans below over whole texts are written so
# (3× faster than NUMBER_RUN | CJK_NUMERAL_RUN as alternatives, the same matches: fuzzed). A digit run (\d) and
# a CJK numeral run (no numeral character is a \d) are told apart by their first character.
_TOKEN = re.compile(f"[\\d{NUMERAL_CHARS}](?:(?<=\\d){NUMBER_TAIL}|{CJK_NUMERAL_TAIL})")
_CJK_NUMERALS = frozenset(NUMERAL_CHARS)
_SPACE = f"[{SPACES}]?"
_WORD_MULT = re.compile(_SPACE + "(?P<w>" + lx._alternation(lx.WORD_MULTIPLIERS) + r")(?!\w)")
_LETTER_MULT = re.compile("(?P<w>[kKmMbB])(?![A-Za-z])")
_CURRENCY_AFTER = re.compile(_SPACE + "(?P<w>" + lx._alternation(lx.CURRENCY_AFTER) + r")(?![A-Za-zА-Яа-яЁё\u0621-\u064a])")
_CURRENCY_BEFORE = re.compile("(?:^|(?<=[^A-Za-z]))(?P<w>" + lx._alternation(lx.CURRENCY_BEFORE) + ")" + _SPACE + r"\Z")
_PERCENT = re.compile(_SPACE + "(?P<w>[%％٪]|(?:" + lx.PERCENT_AFTER + r")(?![^\W\d_]))")
_RANGE = re.compile(lx.RANGE_SEPARATOR)
_YEAR_AFTER = re.compile(lx.YEAR_AFTER)
_BARE_MONEY = re.compile(r"(?<!\w)(?P<m>" + lx._alternation(lx.BARE_MULTIPLIERS) + r")\s" +
                         "(?P<c>" + lx._alternation(lx.CURRENCY_AFTER) + r")(?!\w)")
_BARE_MONEY_HEAD = re.compile(lx._alternation(lx.BARE_MULTIPLIERS))  # alternatives led by a letter: skipped to in C
_PREV_WORD = re.compile(r"([^\W\d_]+|©)\s{0,2}\Z")
_LETTER = r"(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670])"   # letters and Arabic harakat/tanween
_NEXT_WORD = re.compile(f"{_LETTER}+(?:-{_LETTER}+)*")
_LIST_PREFIX = re.compile(r"(?:^|[\n:：;；])[ \t*•·#>\-–]*\Z")
_LIST_SUFFIX = re.compile(r"\s?[.、)）](?!\d)")
# +NN (NNN) NNN-NN-NN: its first character (+, ( or a digit) matched first, not after a word character or a +.
_PHONE = re.compile(r"[\d+(](?<![\w+].)(?:(?<=\+)\(?\d{1,4}|(?<=\()\d{1,4}|(?<=\d)\d{0,3})\)?"
                    r"(?:[ \-.]?\(\d{1,4}\))?(?:[ \-]\d{2,4}){2,}(?!\w)")
_VAGUE_BEFORE = "数幾几好"
_CJK_STOP = frozenset({"万一", "一一", "一二", "一两", "两三", "三两", "三四", "四五", "五六", "六七", "七八", "八九", "三五"})
_OPEN_QUOTES = "“«「『\"'‘"
_CLOSE_QUOTES = "”»」』\"'’"
_PARTICLES = frozenset("的了在和与及都也是有の がはをにでともへやか".replace(" ", ""))


def _is_cjk(ch: str) -> bool:
    """Han, kana, CJK punctuation and full-width forms: scripts that write numbers without spaces."""
    cp = ord(ch)
    return 0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF


def _is_word_letter(ch: str) -> bool:
    """A letter that glues a digit into a name or code (Latin, Cyrillic, Greek; not CJK, not Arabic)."""
    return ch.isalpha() and ch.isascii() or "\u00c0" <= ch <= "\u04ff"


@dataclass(slots=True)
class _Quantity:
    start: int
    end: int
    value: float
    multiplied: bool
    integer: bool
    digits: int


_SPELLED_LANGS = ("ar", "ru", "en", "id")
_SPELLED_WORD = re.compile(r"(?<!\w)[^\W\d_]{3,12}(?!\w)")
_WORD_RUN = re.compile(r"\w\w*")   # a maximal \w run, led by a class (see _TOKEN)
_WORD_CHAR = re.compile(r"\w")


@cache
def _spellout(lang: str) -> icu.RuleBasedNumberFormat:
    return icu.RuleBasedNumberFormat(icu.URBNFRuleSetTag.SPELLOUT, icu.Locale(lang))


@cache
def _one_word_spellings(lang: str) -> frozenset[str]:
    """Every cardinal ICU spells as one word in ``lang`` (сто, семьсот, ألفين, مليار; no English one above ninety).

    A word is a count only if ICU spells its value exactly so (:func:`_spelled_value`), so a word outside this
    set needs no parse — and ICU's RBNF parse costs a third of a millisecond per distinct word, the bulk of
    figure extraction on new text. One-word spellings end at 2000 below 200,000 in every language read (checked
    over every integer; fractions and negatives take several words), and above it are round numbers (مليون,
    مليار), so 0..2000 and ``k·10^n`` (k < 100) cover them. About 3,700 format calls, ~8 ms per language and
    process."""
    rules = _spellout(lang)
    values = [*range(2_001), *(k * 10 ** n for n in range(2, 19) for k in range(1, 100))]
    return frozenset(spelled for spelled in map(rules.format, map(float, values)) if " " not in spelled)


def _spelled_forms(word: str, lang: str) -> list[str]:
    """What a word is parsed as: itself case-folded, and for Arabic its masculine form (ثلاث -> ثلاثة): ICU's
    Arabic rules know the masculine forms only (the feminine is used with feminine nouns)."""
    return [word.casefold()] + ([word + "ة"] if lang == "ar" and not word.endswith("ة") else [])


@lru_cache(maxsize=1 << 16)
def _may_spell(word: str, lang: str) -> bool:
    """Whether ``word`` can be a count word at all: one of its forms is a one-word spelling (a set look-up, so the
    scan skips the other words of a text without a parse)."""
    spellings = _one_word_spellings(lang)
    return any(form in spellings for form in _spelled_forms(word, lang))


@cache
def _spelled_value(word: str, lang: str) -> float | None:
    """The number a whole word spells in ``lang`` (ICU RBNF), else None; parsed only when :func:`_may_spell`."""
    if not _may_spell(word, lang):
        return None  # no parse of it can spell its own value (see _one_word_spellings)
    return _parsed_value(word, lang)


def _parsed_value(word: str, lang: str) -> float | None:
    """ICU's spell-out parse of the word's forms: the value of the first that parses whole, if ICU spells that
    value so (without the one-word prefilter)."""
    for form in _spelled_forms(word, lang):
        pos = icu.ParsePosition(0)
        result = _spellout(lang).parse(form, pos)
        if pos.getIndex() == len(form) and pos.getErrorIndex() == -1:
            value = result.getDouble()
            # only a cardinal as ICU itself spells it: not ordinals or "both" that parse too (kedua -> 2)
            return value if _spellout(lang).format(value) == form else None
    return None


def _first_word(text: str, lang: str) -> str:
    """The first ICU word of ``text`` if it is letters/kana/ideographs (rule status ≥ 200), else ''."""
    breaker = break_iterator("word", lang)  # per thread: entity extraction and the aligner may run at once
    breaker.setText(text)
    boundary = breaker.following(0)
    if boundary == icu.BreakIterator.DONE or breaker.getRuleStatus() < 200:
        return ""
    # ICU counts UTF-16 units; convert to code points (astral ideographs count 2).
    units, index = 0, 0
    while units < boundary and index < len(text):
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return text[:index]


def _headed_matches(pattern: re.Pattern[str], head: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that starts with a look-behind (so the engine tries it at every
    position) and never matches empty: tried only where ``head``, which matches at the start of every match of
    ``pattern`` and is led by a character class, matches (found by ``search`` from each such position on)."""
    end = 0
    found = head.search(text)
    while found is not None:
        if (match := pattern.match(text, found.start())) is not None:
            end = match.end()
            yield match
        found = head.search(text, max(found.start() + 1, end))


def _spelled_words(text: str, lang: str) -> list[tuple[int, str]]:
    """``(start, word)`` of the ``_SPELLED_WORD`` matches of ``text`` that may spell a number, in text order.

    Such a match is a whole \\w run of letters only, so the distinct runs are tested once each (one C-level
    ``findall``) and only the few that may spell are looked for in the text; testing every match of a scan cost a
    Python step per word of the article."""
    found = []
    for word in set(_WORD_RUN.findall(text)):
        if not (_may_spell(word, lang) and _SPELLED_WORD.fullmatch(word)):
            continue
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not (start and _WORD_CHAR.match(text, start - 1)) and not _WORD_CHAR.match(text, end):
                found.append((start, word))
            start = text.find(word, end)
    found.sort()
    return found


class _Scanner:
    """State of one extraction: the text window, its language and the spans already taken."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang
        self.taken: list[tuple[int, int]] = []   # sorted, non-overlapping
        self.figures: list[Figure] = []

    # -- bookkeeping -------------------------------------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.taken, (start, float("inf")))
        if i and self.taken[i - 1][1] > start:
            return False
        return i == len(self.taken) or self.taken[i][0] >= end

    def take(self, start: int, end: int) -> None:
        bisect.insort(self.taken, (start, end))

    def add(self, start: int, end: int, kind: str, value: float | str, value_max: float | str | None = None,
            unit: str | None = None) -> None:
        self.take(start, end)
        self.figures.append(Figure(start, end, self.text[start:end], kind, value, value_max, unit))

    # -- passes ------------------------------------------------------------------------------------------------
    def run(self) -> list[Figure]:
        for start, end, value in find_dates(self.text):
            self.add(start, end, "date", value)
        for match in _PHONE.finditer(self.text):
            surface = match.group()
            if ("-" in surface or "+" in surface or "(" in surface) and sum(ch.isdigit() for ch in surface) >= 7 \
                    and self.free(*match.span()):
                self.take(*match.span())
        for match in _TOKEN.finditer(self.text):
            if not self.free(match.start(), match.end()):
                continue
            if match.group()[0] in _CJK_NUMERALS:
                self.cjk(match)
            else:
                self.digits(match)
        if self.lang in _SPELLED_LANGS:
            for start, word in _spelled_words(self.text, self.lang):
                if self.free(start, start + len(word)):
                    self.spelled(start, word)
        for match in _headed_matches(_BARE_MONEY, _BARE_MONEY_HEAD, self.text):
            if self.free(*match.span()):
                value = float(lx._lookup(lx.BARE_MULTIPLIERS, match["m"]))
                self.add(match.start(), match.end(), "money", value, None, self.currency_code(match["c"],
                                                                                              lx.CURRENCY_AFTER))
        self.figures.sort(key=lambda f: f.start)
        return self.figures

    # -- one digit run -----------------------------------------------------------------------------------------
    def digits(self, match: re.Match[str]) -> None:
        text = self.text
        run = match.group()
        reading = read_number(run, self.lang)
        start, end = match.start(), match.start() + reading.length
        rest = run[reading.length:]
        if rest[:1] == "." and rest[1:2].isdigit():
            self.take(match.start(), match.end())          # 1.2.3: a version, not a number
            return
        if self.is_identifier(start, end, reading.grouped or reading.decimal) or self.is_list_marker(start, end):
            self.take(start, end)
            return
        if not reading.decimal and not reading.grouped and ascii_digits(run[:reading.length]).startswith("0") \
                and reading.length > 1:
            self.take(start, end)                         # 01, 007: labels
            return
        if reading.integer_digits >= 10 and not reading.grouped:
            self.take(start, end)                         # account numbers, ids, timestamps
            return
        first = self.quantity(start, end, reading.value, not reading.decimal, reading.integer_digits)
        self.finish(first)

    def is_identifier(self, start: int, end: int, formatted: bool) -> bool:
        """Digits glued to a name (GPT-4, COVID-19, Web3, 5G, x86), times, ratios, Office 365."""
        text = self.text
        before = text[start - 1] if start else "\0"     # "\0", not "": "" is `in` every string
        after = text[end] if end < len(text) else "\0"
        if before == "_" or after == "_" or _is_word_letter(before):
            return True
        if before in "-‐" and start >= 2 and (_is_word_letter(text[start - 2]) or text[start - 2].isalpha()):
            return True
        if after in ":/" and text[end + 1:end + 2].isdigit() or before in ":/" and text[start - 2:start - 1].isdigit():
            return True
        if _is_word_letter(after):
            tail = text[end:end + 4]
            if _WORD_MULT.match(tail) or (_LETTER_MULT.match(tail) and self.currency_before(start)):
                return False
            return True
        if after in "-‐" and _is_word_letter(text[end + 1:end + 2] or " "):
            return True                                     # 10-летний, 3-D: compound words
        if not formatted and before in SPACES and start >= 2:
            word = _PREV_WORD.search(text, max(0, start - 24), start)
            if word and word.group(1)[0].isupper() and word.group(1).isascii() \
                    and word.group(1).casefold() not in lx.YEAR_CUES and not self.currency_before(start) \
                    and not re.fullmatch(lx.MONTH_NAME, word.group(1)):
                return True                                 # Office 365, Windows 11
        return False

    def is_list_marker(self, start: int, end: int) -> bool:
        """``*1.``, ``2、``, ``：1. ``, a bullet followed by ``3 、``."""
        if end - start > 2:
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        return bool(_LIST_PREFIX.search(self.text, max(line_start - 1, 0), start)
                    and _LIST_SUFFIX.match(self.text, end))

    def currency_before(self, start: int) -> tuple[int, str] | None:
        """(start of the sign, ISO code) for a currency sign or code right before ``start``."""
        match = _CURRENCY_BEFORE.search(self.text, max(0, start - 5), start)
        if not match:
            return None
        return match.start(), self.currency_code(match["w"], lx.CURRENCY_BEFORE)

    def currency_code(self, surface: str, table: dict[str, str]) -> str:
        code = str(lx._lookup(table, surface.strip()))
        if not code:   # the code itself, or ¥ (yuan in Chinese text, yen elsewhere)
            stripped = surface.strip()
            code = ("CNY" if self.lang == "zh" else "JPY") if stripped in "¥￥" else stripped
        return lx.CODE_ALIASES.get(code, code)

    # -- quantities, ranges, units -----------------------------------------------------------------------------
    def quantity(self, start: int, end: int, value: float, integer: bool, digits: int) -> _Quantity:
        """Grow a number by its multipliers: CJK chains and compounds (1兆5000億), words (млрд), letters ($5m)."""
        text = self.text
        multiplied = False
        last_unit = float("inf")
        while True:
            factor = 1.0
            pos = end
            while pos < len(text) and text[pos] in lx.CJK_MULTIPLIERS:
                factor *= lx.CJK_MULTIPLIERS[text[pos]]
                pos += 1
            if pos > end:
                value, end, multiplied, last_unit = value * factor, pos, True, factor
                # 1兆5000億, 3万5000: a following smaller group adds to this one.
                follow = NUMBER_RUN.match(text, end)
                if follow and not follow.group().isspace():
                    part = read_number(follow.group(), self.lang)
                    part_end = end + part.length
                    part_factor = 1.0
                    scan = part_end
                    while scan < len(text) and text[scan] in lx.CJK_MULTIPLIERS:
                        part_factor *= lx.CJK_MULTIPLIERS[text[scan]]
                        scan += 1
                    if part_factor * part.value < last_unit and (part_factor > 1 or last_unit >= 1e4):
                        value += part.value * part_factor
                        end = scan
                        last_unit = part_factor
                break
            word = _WORD_MULT.match(text, end)
            if word:
                value *= float(lx._lookup(lx.WORD_MULTIPLIERS, word["w"]))
                end, multiplied = word.end(), True
            else:
                letter = _LETTER_MULT.match(text, end)
                if letter and self.currency_before(start):
                    value *= lx.LETTER_MULTIPLIERS[letter["w"]]
                    end, multiplied = letter.end(), True
            break
        return _Quantity(start, end, value, multiplied, integer, digits)

    def second_of_range(self, first: _Quantity) -> _Quantity | None:
        """The upper bound of ``first`` when a range separator and a larger number follow."""
        text = self.text
        sep = _RANGE.match(text, first.end)
        if not sep:
            # 15%-20%: the percent sign sits between the two numbers
            pct = _PERCENT.match(text, first.end)
            sep = pct and _RANGE.match(text, pct.end())
            if not sep or not pct or pct.group("w") not in "%％٪":
                return None
        follow = NUMBER_RUN.match(text, sep.end())
        if not follow or not self.free(follow.start(), follow.end()):
            return None
        reading = read_number(follow.group(), self.lang)
        second = self.quantity(follow.start(), follow.start() + reading.length, reading.value,
                               not reading.decimal, reading.integer_digits)
        if self.is_identifier(second.start, second.end, reading.grouped or reading.decimal):
            return None
        if second.multiplied and not first.multiplied:
            ratio = second.value / reading.value if reading.value else 1.0
            first.value *= ratio
        return second if second.value > first.value else None

    def finish(self, first: _Quantity) -> None:
        """Decide kind and unit for a quantity (and its range) and record it."""
        text = self.text
        start = first.start
        second = self.second_of_range(first)
        last = second or first
        end = last.end
        currency = self.currency_before(start)
        kind, unit = "count", None
        pct = _PERCENT.match(text, end)
        after = _CURRENCY_AFTER.match(text, end)
        if currency:
            start, unit, kind = currency[0], currency[1], "money"
            if after and self.currency_code(after["w"], lx.CURRENCY_AFTER) == unit:
                end = after.end()
        elif pct:
            kind, unit, end = "percent", "%", pct.end()
        elif after and after.group("w") != "元" or after and self.lang == "zh" or after and after["w"] == "元" \
                and text[end - 1] in lx.CJK_MULTIPLIERS:
            kind, unit, end = "money", self.currency_code(after["w"], lx.CURRENCY_AFTER), after.end()
        elif self.is_year(first, second):
            year_end = _YEAR_AFTER.match(text, end)
            end = year_end.end() if year_end else end
            self.add(start, end, "date", f"{int(first.value):04d}",
                     f"{int(second.value):04d}" if second else None)
            return
        value_max = second.value if second else None
        if kind == "count":
            end, unit = self.counted(end)
            if unit == "" or self.is_quoted_name(start, end):
                self.take(first.start, last.end)   # an ordinal (2つ目, 1st) or a quoted name (“20社”)
                return
        self.add(start, end, kind, first.value, value_max, unit)

    def is_quoted_name(self, start: int, end: int) -> bool:
        """A quote holding nothing but this count is a title or account name (“20社”), not a figure."""
        return start > 0 and self.text[start - 1] in _OPEN_QUOTES and self.text[end:end + 1] in _CLOSE_QUOTES \
            and end < len(self.text)

    def is_year(self, first: _Quantity, second: _Quantity | None) -> bool:
        if first.multiplied or not first.integer or first.digits != 4 or not 1800 <= first.value <= 2100:
            return False
        if second and not (second.integer and second.digits == 4 and second.value <= 2100):
            return False
        last_end = (second or first).end
        if _YEAR_AFTER.match(self.text, last_end):
            return True
        word = _PREV_WORD.search(self.text, max(0, first.start - 16), first.start)
        return bool(word and word.group(1).casefold() in lx.YEAR_CUES)

    def counted(self, end: int) -> tuple[int, str | None]:
        """(end of the figure, counted noun): 770名员工 → 员工, 770人 → 人, 770 employees → employees.

        Returns an empty unit for ordinals (2つ目, 1st) that are not counts at all.
        """
        text = self.text
        pos = end + 1 if text[end:end + 1] in SPACES and _is_cjk(text[end + 1:end + 2] or "a") else end
        for approx in lx.APPROX_SUFFIX:
            if text.startswith(approx, pos):
                pos += len(approx)
                break
        if pos < len(text) and _is_cjk(text[pos]):
            for counter in lx.NOUN_COUNTERS:
                if text.startswith(counter, pos):
                    return pos + len(counter), counter
            if text[pos] in lx.MEASURE_WORDS:
                if text.startswith("目", pos + 1):
                    return end, ""
                noun = _first_word(text[pos + 1:pos + 9], self.lang if self.lang in ("zh", "ja") else "zh")
                return pos + 1, noun if noun and noun[0] not in _PARTICLES and _is_cjk(noun[0]) else None
            if pos > end:   # 700多员工: the noun right after an approximation marker
                noun = _first_word(text[pos:pos + 8], self.lang if self.lang in ("zh", "ja") else "zh")
                if noun and noun[0] not in _PARTICLES and _is_cjk(noun[0]):
                    return pos, noun
            return end, None
        if text[end:end + 2] in ("st", "nd", "rd", "th"):
            return end, ""
        word = _NEXT_WORD.match(text, end + 1) if text[end:end + 1] in SPACES else None
        if not word:
            return end, None
        noun = word.group()
        if noun.casefold() in lx.NOT_COUNTED_NOUNS or noun[0].isupper() or re.fullmatch(lx.MONTH_NAME, noun):
            return end, None
        return end, noun

    # -- one spelled-out number word ----------------------------------------------------------------------------
    def spelled(self, start: int, word: str) -> None:
        """A count written as a word (ثلاثة أشياء, три года, ten years, tiga hari): ICU's spell-out parse of the
        word, kept only for 2..1000 and only before the noun it counts (``one of``, ``salah satu`` are idioms)."""
        value = _spelled_value(word, self.lang)
        if value is None or not 2 <= value <= 1000:
            return
        end, unit = self.counted(start + len(word))
        if not unit:
            return
        self.add(start, end, "count", value, None, unit)

    # -- one CJK numeral run -----------------------------------------------------------------------------------
    def cjk(self, match: re.Match[str]) -> None:
        text = self.text
        run, start, end = match.group(), match.start(), match.end()
        before = text[start - 1] if start else "\0"
        has_digit = any(ch in DIGIT_VALUES for ch in run)
        if run == "一" or run in _CJK_STOP or before == "第" or before in _VAGUE_BEFORE:
            return
        value = parse_cjk_numeral(run)
        if value is None:
            return
        percent_start = start - len(lx.PERCENT_BEFORE_ZH)
        if text.startswith(lx.PERCENT_BEFORE_ZH, max(percent_start, 0)) and percent_start >= 0:
            self.add(percent_start, end, "percent", value, None, "%")
            return
        after = _CURRENCY_AFTER.match(text, end)
        pct = _PERCENT.match(text, end)
        if after and not after.group().startswith(tuple(SPACES)):
            self.add(start, after.end(), "money", value, None, self.currency_code(after["w"], lx.CURRENCY_AFTER))
            return
        if pct and pct.group("w") in ("％", "%", "パーセント"):
            self.add(start, pct.end(), "percent", value, None, "%")
            return
        next_end, unit = self.counted(end)
        has_counter = next_end > end or unit is not None
        if unit == "":
            return
        if (len(run) == 1 or not has_digit) and not has_counter:
            return       # 三星, 百度, 千万 (adverb): a numeral character inside a word
        self.add(start, next_end, "count", value, None, unit)


def extract_figures(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every count, money amount, percent and date in ``text[start:end]``, in reading order.

    Offsets are code points into ``text`` itself (not into the slice); figures that would cross the window's edges
    are not reported. ``lang`` (a BCP-47 primary subtag) picks the decimal/grouping convention and tie-breaks such
    as ¥; the lexicons of every language apply everywhere because articles quote each other.
    """
    stop = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, stop))
    window = text[start:stop]
    figures = _Scanner(window, lang.split("-")[0].lower()).run()
    if not start:
        return figures
    return [Figure(f.start + start, f.end + start, f.surface, f.kind, f.value, f.value_max, f.unit) for f in figures]
