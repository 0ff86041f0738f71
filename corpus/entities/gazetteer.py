"""Names that need a table, not a sound: CLDR region names in every language, plus the user's aliases.

ICU (CLDR) knows each country's name in each locale (美国, الولايات المتحدة, Соединенные Штаты, Amerika Serikat),
so places get cross-language links for free. Meaning-based names of anything else (微软 = Microsoft) come only
from the shared alias sources (:mod:`corpus.aliases.sources`: the user's store aliases and alias file): no list is
shipped. Matching is literal, per language: CJK forms as substrings bounded by script changes, alphabetic forms on
word boundaries, with Arabic proclitics (و ب ل ف ك) allowed before and Russian case endings after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from corpus.aliases import AliasGroup
from corpus.aliases.sources import cldr_names
from corpus.names.romanise import char_script, script_of

_LANGS = ("en", "ru", "ar", "zh", "ja", "id")
# Region codes that are not places a text names (unknown, pseudo and grouping regions).
_SKIP_REGIONS = frozenset({"AQ", "QO", "ZZ", "EU", "EZ", "UN", "XA", "XB"})
_CJK_SCRIPTS = frozenset({"Han", "Katakana", "Hiragana"})
ANY_LANG = "*"  # an alias row usable in articles of every language


@dataclass(frozen=True, slots=True)
class Entry:
    canonical: str
    etype: str | None  # None: the source says nothing of the type (the text's cues decide)
    lang: str
    form: str


@cache
def region_entries() -> tuple[Entry, ...]:
    """CLDR region names in the languages we read, canonical = the English name."""
    out: list[Entry] = []
    for item in cldr_names(_LANGS):
        names = dict(item.names)
        if item.kind != "region" or item.code in _SKIP_REGIONS or "en" not in names:
            continue
        out.extend(Entry(names["en"], "LOC", lang, form) for lang, form in item.names)
    return tuple(out)


def alias_entries(groups: Iterable[AliasGroup]) -> list[Entry]:
    """Rows of alias groups (the user's): every member, in any language, named by the group's first Latin
    member (else its first member). Groups sharing a member (case-folded) are one thing and one canonical."""
    canonical_of: dict[str, str] = {}
    out: list[Entry] = []
    for group in groups:
        folds = [m.casefold() for m in group.members]
        canonical = next((canonical_of[f] for f in folds if f in canonical_of), None)
        if canonical is None:
            canonical = next((m for m in group.members if script_of(m) == "Latin"), group.members[0])
        for member, fold in zip(group.members, folds):
            canonical_of.setdefault(fold, canonical)
            out.append(Entry(canonical, None, ANY_LANG, member))
    return out


# Case endings of Russian nouns and adjectives (what may follow a stem: Кремниевой долине, США, Китая).
_RUSSIAN_ENDINGS = frozenset(
    "а я у ю е и ы ом ем ём ой ей ою ах ях ам ям ами ями ая ое ие ые ий ый ого его ому ему ым им ую".split()
) | {""}
_WORD = re.compile(r"\w+(?:-\w+)*")
_WORD_CHAR = re.compile(r"\w")
_PROCLITICS = "وبلفك"


def _russian_stem(word: str) -> str:
    """A Russian word without its nominative ending, kept whole when it has none (Бенин stays Бенин)."""
    lower = word.lower()
    if len(word) > 4 and lower[-2:] in ("ая", "ое", "ий", "ый", "ие", "ые"):
        return word[:-2]
    if len(word) > 3 and lower[-1] in "аяеоыийь":
        return word[:-1]
    return word


def _inflects(lang: str, form: str) -> bool:
    return lang == "ru" and all(re.fullmatch(r"[А-ЯЁа-яё\-]+", w) for w in form.split(" "))


_WordIndex = dict[str, list[tuple[tuple[str, ...], bool, Entry]]]


def _word_index(table: dict[str, Entry], lang: str) -> tuple[_WordIndex, tuple[str, ...]]:
    """Alphabetic forms by their first word (its stem for inflecting Russian forms), and the CJK forms."""
    index: _WordIndex = {}
    cjk: list[str] = []
    for form, entry in table.items():
        if char_script(form[0]) in _CJK_SCRIPTS:
            cjk.append(form)
            continue
        inflects = _inflects(lang, form)
        words = tuple((_russian_stem(w) if inflects else w).casefold() for w in form.split(" "))
        index.setdefault(words[0], []).append((words, inflects, entry))
    for candidates in index.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return index, tuple(sorted(cjk, key=len, reverse=True))


def _keys(word: str, lang: str) -> list[tuple[str, int]]:
    """Index keys a text word may stand for, with how many leading clitic letters each drops."""
    folded = word.casefold()
    keys = [(folded, 0)]
    if lang == "ru":
        keys += [(folded[:-k], 0) for k in (1, 2, 3) if len(folded) - k >= 2 and folded[-k:] in _RUSSIAN_ENDINGS]
    if lang == "ar" and len(word) > 3 and word[0] in _PROCLITICS:
        keys.append((folded[1:], 1))
        if word.startswith("لل") and len(word) > 4:
            keys.append(("ال" + folded[2:], 1))  # لل = ل + ال: للعراق is ل + العراق
    return keys


def _word_matches(word: str, wanted: str, inflects: bool) -> bool:
    folded = word.casefold()
    return folded == wanted or (inflects and folded.startswith(wanted) and folded[len(wanted):] in _RUSSIAN_ENDINGS)


@cache
def _cjk_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(f) for f in forms))  # forms are sorted longest first


class Gazetteer:
    """The rows one extraction reads (CLDR regions, then the given alias groups), indexed per article language
    on first use (the index of a language and alias set is kept for the process: the CLDR rows are thousands)."""

    def __init__(self, groups: Iterable[AliasGroup] = ()) -> None:
        self.aliases = tuple(alias_entries(groups))

    def table(self, lang: str) -> dict[str, Entry]:
        """Forms usable in articles of ``lang``: that language's rows, the Latin forms of English rows, and alias
        rows (the first row of a form wins: regions before aliases)."""
        return _language_index(self.aliases, lang).table

    def find(self, text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Entry]]:
        """Gazetteer hits in ``text[start:end]``: ``(start, end, entry)``, non-overlapping, longest first."""
        found = _language_index(self.aliases, lang)
        return _find(text, lang, start, len(text) if end is None else end, found.index, found.cjk, found.table,
                     found.keyed)


class _LanguageIndex(NamedTuple):
    table: dict[str, Entry]
    index: _WordIndex
    cjk: tuple[str, ...]
    keyed: dict[str, tuple[tuple[str, int], ...]]  # memo of :func:`_find`: a text word's keys the index holds


@lru_cache(maxsize=32)
def _language_index(aliases: tuple[Entry, ...], lang: str) -> _LanguageIndex:
    """The rows usable in ``lang`` (see :meth:`Gazetteer.table`) and their word index. Read-only once built."""
    table: dict[str, Entry] = {}
    for entry in (*region_entries(), *aliases):
        usable = entry.lang in (lang, ANY_LANG) or (entry.lang == "en" and lang != "en" and entry.form.isascii())
        if usable and len(entry.form) >= 2:
            table.setdefault(entry.form, entry)
    index, cjk = _word_index(table, lang)
    return _LanguageIndex(table, index, cjk, {})


def _following(text: str, match: re.Match[str], count: int, end: int) -> list[re.Match[str]] | None:
    """The ``count`` words after ``match``, each one space after the one before, or None. (Only the few words that
    may start a form are looked at, so the words after them are matched where they must start, not listed.)"""
    found: list[re.Match[str]] = []
    stop = match.end()
    for _ in range(count):
        following = _WORD.match(text, stop + 1, end) if text[stop:stop + 1] == " " else None
        if following is None:
            return None
        found.append(following)
        stop = following.end()
    return found


def _occurrences(text: str, word: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``_WORD.finditer(text, start, end)`` that read ``word``, found by ``str.find`` (a C scan)
    rather than by a Python step per word of the text: an occurrence counts where a ``_WORD`` match starts (no
    word character, nor one and a hyphen, just before it) and ends with the word."""
    at = text.find(word, start, end)
    while at != -1:
        inside = at > start and (_WORD_CHAR.match(text, at - 1) is not None or (
            text[at - 1] == "-" and at - 1 > start and _WORD_CHAR.match(text, at - 2) is not None))
        if not inside:
            match = _WORD.match(text, at, end)
            if match is not None and match.end() == at + len(word):
                yield match
        at = text.find(word, at + 1, end)


def _find(text: str, lang: str, start: int, end: int, index: _WordIndex, cjk: tuple[str, ...],
          table: dict[str, Entry], keyed: dict[str, tuple[tuple[str, int], ...]]) -> list[tuple[int, int, Entry]]:
    """``keyed``: a memo of each text word's keys that the index holds (most words have none; words repeat)."""
    taken: list[tuple[int, int, Entry]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te, _ in taken)

    cased = lang != "ar"  # every alphabetic form of a cased script is capitalised (a proper name)
    hot: dict[str, tuple[tuple[str, int], ...]] = {}  # the text's words with keys in the index (most have none)
    for word in set(_WORD.findall(text, start, end)):
        if cased and not word[0].isupper():
            continue
        present = keyed.get(word)
        if present is None:
            present = keyed[word] = tuple((key, lead) for key, lead in _keys(word, lang) if key in index)
        if present:
            hot[word] = present
    for match in sorted((m for word in hot for m in _occurrences(text, word, start, end)), key=re.Match.start):
        word = match.group()
        for key, lead in hot[word]:
            for form_words, inflects, entry in index[key]:
                following = _following(text, match, len(form_words) - 1, end)
                if following is None or not all(
                    _word_matches(next_word.group(), wanted, inflects)
                    for next_word, wanted in zip(following, form_words[1:])
                ):
                    continue
                if entry.form[:1].isupper() and not word[lead:lead + 1].isupper():
                    continue  # a proper name is capitalised where its script has capitals (самое is not Самоа)
                s_, e_ = match.start() + lead, (following[-1] if following else match).end()
                if free(s_, e_):
                    taken.append((s_, e_, entry))
                break
            else:
                continue
            break
    if cjk:
        for match in _cjk_pattern(cjk).finditer(text, start, end):  # leftmost, longest form first
            at, e = match.span()
            script = char_script(text[at])
            kana = script in ("Katakana", "Hiragana")
            bounded = not kana or (
                (at == 0 or char_script(text[at - 1]) != script) and (e >= len(text) or char_script(text[e]) != script)
                and (e >= len(text) or text[e] != "ー")
            )
            if bounded and free(at, e):
                taken.append((at, e, table[match.group()]))
    return sorted(taken, key=lambda t: t[0])
