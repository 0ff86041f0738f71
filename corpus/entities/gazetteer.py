"""Names that need a table, not a sound: ICU's region names in every language, plus curated aliases.

ICU (CLDR) knows each country's name in each locale (美国, الولايات المتحدة, Соединенные Штаты, Amerika Serikat),
so places get cross-language links for free; ``aliases.tsv`` adds the translated names of well-known
organisations and places that no phonetic key can bridge (微软 = Microsoft). Matching is literal, per language:
CJK forms as substrings bounded by script changes, alphabetic forms on word boundaries, with Arabic proclitics
(و ب ل ف ك) allowed before and Russian case endings after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import icu

from corpus.names.romanise import char_script

_LANGS = ("en", "ru", "ar", "zh", "ja", "id")
# Region codes that are not places a text names (unknown, pseudo and grouping regions).
_SKIP_REGIONS = frozenset({"AQ", "QO", "ZZ", "EU", "EZ", "UN", "XA", "XB"})
_CJK_SCRIPTS = frozenset({"Han", "Katakana", "Hiragana"})


@dataclass(frozen=True, slots=True)
class Entry:
    canonical: str
    etype: str
    lang: str
    form: str


def _region_entries() -> list[Entry]:
    out: list[Entry] = []
    english = icu.Locale("en")
    for code in icu.Locale.getISOCountries():
        if code in _SKIP_REGIONS:
            continue
        region = icu.Locale("", code)
        canonical = region.getDisplayCountry(english)
        if not canonical or canonical == code:
            continue
        for lang in _LANGS:
            form = region.getDisplayCountry(icu.Locale(lang))
            if form and form != code:
                out.append(Entry(canonical, "LOC", lang, form))
    return out


def _alias_entries() -> list[Entry]:
    text = resources.files("corpus.entities").joinpath("aliases.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, etype, lang, form = line.split("\t")
        out.append(Entry(canonical, etype, lang, form))
    return out


@cache
def entries() -> tuple[Entry, ...]:
    """Every gazetteer row (ICU regions, then curated aliases)."""
    return (*_region_entries(), *_alias_entries())


@cache
def _by_lang(lang: str) -> dict[str, Entry]:
    """Forms usable in articles of ``lang``: that language's rows plus the Latin forms of English rows."""
    table: dict[str, Entry] = {}
    for entry in entries():
        if entry.lang == lang or (entry.lang == "en" and lang != "en" and entry.form.isascii()):
            if len(entry.form) >= 2:
                table.setdefault(entry.form, entry)
    return table


# Case endings of Russian nouns and adjectives (what may follow a stem: Кремниевой долине, США, Китая).
_RUSSIAN_ENDINGS = "(?:а|я|у|ю|е|и|ы|ом|ем|ём|ой|ей|ою|ах|ях|ам|ям|ами|ями|ая|ое|ие|ые|ий|ый|ого|его|ому|ему|ым|им|ую)?"


def _russian_stem(word: str) -> str:
    """A Russian word without its nominative ending, kept whole when it has none (Бенин stays Бенин)."""
    lower = word.lower()
    if len(word) > 4 and lower[-2:] in ("ая", "ое", "ий", "ый", "ие", "ые"):
        return word[:-2]
    if len(word) > 3 and lower[-1] in "аяеоыийь":
        return word[:-1]
    return word


def _alphabetic_pattern(form: str, lang: str) -> str:
    words = form.split(" ")
    if lang == "ru" and all(re.fullmatch(r"[А-ЯЁа-яё\-]+", w) for w in words):
        return r"\s".join(re.escape(_russian_stem(w)) + _RUSSIAN_ENDINGS for w in words)
    return re.escape(form)


@cache
def _matcher(lang: str) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """A regex for the alphabetic forms (longest first) and the list of CJK forms of ``lang``."""
    table = _by_lang(lang)
    alphabetic = sorted((f for f in table if char_script(f[0]) not in _CJK_SCRIPTS), key=len, reverse=True)
    cjk = tuple(sorted((f for f in table if char_script(f[0]) in _CJK_SCRIPTS), key=len, reverse=True))
    if not alphabetic:
        return None, cjk
    body = "|".join(f"(?:{_alphabetic_pattern(f, lang)})" for f in alphabetic)
    clitic = "(?:[وبلفك]|ل?ل)?" if lang == "ar" else ""
    return re.compile(rf"(?<!\w){clitic}(?P<name>{body})(?!\w)"), cjk


@cache
def _inflected(lang: str) -> tuple[tuple[re.Pattern[str], Entry], ...]:
    return tuple(
        (re.compile(_alphabetic_pattern(form, lang)), entry)
        for form, entry in _by_lang(lang).items()
        if _alphabetic_pattern(form, lang) != re.escape(form)
    )


@cache
def _entry_for(surface: str, lang: str) -> Entry | None:
    table = _by_lang(lang)
    if surface in table:
        return table[surface]
    for pattern, entry in _inflected(lang):  # an inflected Russian form: its pattern matched, find the row
        if pattern.fullmatch(surface):
            return entry
    return None


def find(text: str, lang: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Entry]]:
    """Gazetteer hits in ``text[start:end]``: ``(start, end, entry)``, non-overlapping, longest first."""
    end = len(text) if end is None else end
    pattern, cjk = _matcher(lang)
    taken: list[tuple[int, int, Entry]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te, _ in taken)

    if pattern is not None:
        for match in pattern.finditer(text, start, end):
            s, e = match.span("name")
            entry = _entry_for(match.group("name"), lang)
            if entry is not None and free(s, e):
                taken.append((s, e, entry))
    if cjk:
        table = _by_lang(lang)
        for form in cjk:
            script = char_script(form[0])
            at = text.find(form, start, end)
            while at != -1:
                e = at + len(form)
                kana = script in ("Katakana", "Hiragana")
                bounded = not kana or (
                    (at == 0 or char_script(text[at - 1]) != script) and (e >= len(text) or char_script(text[e]) != script)
                    and (e >= len(text) or text[e] != "ー")
                )
                if bounded and free(at, e):
                    taken.append((at, e, table[form]))
                at = text.find(form, e, end)
    return sorted(taken, key=lambda t: t[0])
