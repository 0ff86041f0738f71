"""Where aliases come from, each source giving groups of names for one thing and its origin label.

Shared by search (the alias book) and entities (gazetteer forms and linking evidence), so both read the same
sources the same way:

- ``gloss``: pairs the corpus writes itself, ``山姆·奥特曼(Sam Altman)`` (harvested at index time, see .spans);
- ``cldr``: names ICU carries from CLDR, in every language of the corpus (and English): countries and regions,
  languages, currencies and the exemplar cities of time zones (Россия = روسيا = 俄罗斯 = ロシア = Rusia);
- ``user``: the store's ``aliases`` table (added in the app or with ``babelscope aliases add``);
- ``file``: ``aliases.toml`` in the config dir, edited by hand (format in docs/search.md):

      [[alias]]
      names = ["Microsoft", "微软", "微軟"]

- ``aligned``: names that co-occur in aligned paragraphs of translated articles (:mod:`corpus.aliases.aligned`);
- ``cedict``: CC-CEDICT's Chinese proper nouns with their English names (:mod:`corpus.aliases.dictionary`).

Nothing here is a list written for the sample articles: every name comes from the corpus, ICU, CC-CEDICT or the
user.
"""

from __future__ import annotations

import sqlite3
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import icu
import polars as pl

from corpus.names import folded_key
from corpus.paths import config_dir
from corpus.store import Store
from corpus.store import timestamps

ALIAS_FILE = "aliases.toml"


@dataclass(frozen=True, slots=True)
class AliasGroup:
    """Names of one thing; searching any member also finds the others, shown with ``origin``."""

    members: tuple[str, ...]
    origin: str


def gloss_groups(glosses: pl.DataFrame) -> list[AliasGroup]:
    """One group per distinct gloss (folded), holding the gloss and every form it was written after."""
    by_gloss: dict[str, list[str]] = {}
    for form, gloss in glosses.select("form", "gloss").iter_rows():
        members = by_gloss.setdefault(folded_key(gloss), [gloss])
        if form not in members:
            members.append(form)
    return [AliasGroup(tuple(members), "gloss") for members in by_gloss.values()]


@dataclass(frozen=True, slots=True)
class CldrName:
    """One CLDR item (``kind``: region, language, currency or city) and its display name per language."""

    code: str
    kind: str
    names: tuple[tuple[str, str], ...]  # (lang, name), in the order of the languages asked for


@lru_cache(maxsize=8)
def cldr_names(langs: tuple[str, ...]) -> tuple[CldrName, ...]:
    """CLDR display names (via ICU) of regions, languages, currencies and cities in each of ``langs``; a language
    ICU has no name for, or a name that is only the code, is left out."""
    namers = [icu.LocaleDisplayNames.createInstance(icu.Locale(lang)) for lang in langs]
    zone_namers = [icu.TimeZoneNames.createInstance(icu.Locale(lang)) for lang in langs]
    out: list[CldrName] = []

    def add(code: str, kind: str, names: Iterable[str | None]) -> None:
        kept = tuple((lang, n) for lang, n in zip(langs, names) if n and n != code and not n.isdigit())
        if kept:
            out.append(CldrName(code, kind, kept))

    for code in icu.Locale.getISOCountries():
        add(code, "region", (namer.regionDisplayName(code) for namer in namers))
    for code in icu.Locale.getISOLanguages():
        add(code, "language", (namer.languageDisplayName(code) for namer in namers))
    for unit in icu.CurrencyUnit.getAvailable("currency"):
        code = unit.getSubtype()
        add(code, "currency", (namer.keyValueDisplayName("currency", code) for namer in namers))
    for zone in icu.TimeZone.createEnumeration():
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/")):
            add(zone, "city", (zn.getExemplarLocationName(zone) for zn in zone_namers))
    return tuple(out)


@lru_cache(maxsize=8)
def cldr_groups(langs: tuple[str, ...]) -> tuple[AliasGroup, ...]:
    """One group per CLDR item that has two or more distinct names in ``langs``."""
    groups = []
    for item in cldr_names(langs):
        members = tuple(dict.fromkeys(name for _, name in item.names))
        if len(members) > 1:
            groups.append(AliasGroup(members, "cldr"))
    return tuple(groups)


def store_groups(store: Store | None) -> list[AliasGroup]:
    """The store's ``aliases`` rows (none without a store, or in a store that predates the table)."""
    if store is None:
        return []
    try:
        rows = store.query("SELECT name, alias, origin FROM aliases ORDER BY id")
    except sqlite3.OperationalError:
        return []
    return [AliasGroup((row["name"], row["alias"]), row["origin"]) for row in rows]


def alias_file() -> Path:
    return config_dir() / ALIAS_FILE


def file_groups(path: Path | None = None) -> tuple[list[AliasGroup], list[str]]:
    """Groups from the alias file and warnings for what could not be used (a bad file loses nothing: it is only
    read, and the rest of search works without it)."""
    path = path or alias_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return [], [f"{path}: not used ({exc})"]
    groups: list[AliasGroup] = []
    warnings: list[str] = []
    entries = data.get("alias", [])
    if not isinstance(entries, list):
        return [], [f"{path}: 'alias' must be an array of tables ([[alias]]), not used"]
    for number, entry in enumerate(entries, 1):
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names) or len(names) < 2:
            warnings.append(f"{path}: [[alias]] number {number} needs names = [at least two non-empty strings]")
            continue
        groups.append(AliasGroup(tuple(n.strip() for n in names), "file"))
    return groups, warnings


def add_store_alias(store: Store, name: str, alias: str, origin: str = "user") -> bool:
    """Record ``name`` <-> ``alias``; False when the pair (either way round) was already there."""
    name, alias = name.strip(), alias.strip()
    if not name or not alias or name == alias:
        raise ValueError("an alias needs two different, non-empty names")
    with store.transaction() as conn:
        exists = conn.execute(
            "SELECT 1 FROM aliases WHERE (name = ? AND alias = ?) OR (name = ? AND alias = ?)",
            (name, alias, alias, name),
        ).fetchone()
        if exists:
            return False
        conn.execute(
            "INSERT INTO aliases (name, alias, origin, created) VALUES (?, ?, ?, ?)",
            (name, alias, origin, timestamps.now()),
        )
    return True


def remove_store_alias(store: Store, name: str, alias: str) -> int:
    """Delete ``name`` <-> ``alias`` (either way round); the number of rows removed."""
    with store.transaction() as conn:
        cursor = conn.execute(
            "DELETE FROM aliases WHERE (name = ? AND alias = ?) OR (name = ? AND alias = ?)",
            (name, alias, alias, name),
        )
        return cursor.rowcount
