"""Keys of name forms and ordinary words, computed once per distinct form at ingest (pure, cacheable).

A :class:`NameKey` is everything the scorer needs, so scoring never touches ICU: the romanised parts, their
concatenation (for Jaro-Winkler), the whole-name skeleton variants and the skeleton variants of each part (for
surname-only mentions of a full name). It is a frozen dataclass of strings and tuples: hashable, picklable and
cheap to ship to a worker process.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from corpus.names.lattice import Lattice, lattice_of
from corpus.names.romanise import (
    Chunks,
    learned_units,
    normalise_arabic,
    reading_alternates,
    romanise_part,
    script_of,
    split_parts,
    transliterator,
)
from corpus.names.skeleton import by_ear_skeletons, name_skeletons, part_skeletons


@dataclass(frozen=True, slots=True)
class NameKey:
    """Comparable keys of one name form.

    ``rom`` is the romanisation with parts concatenated (``Сэм Альтман`` -> ``semaltman``); ``parts`` the romanised
    parts; ``skeletons`` the whole-name skeleton variants (base first); ``part_skeletons`` the variants of each
    part, parallel to ``parts``; ``script`` the ICU script of the form's first letter. ``heard`` is the key of the
    form read as a transliteration of a foreign name (:func:`corpus.names.romanise.learned_reading`: 奥特曼 ->
    otman beside pinyin aoteman), for Han and kana forms the learned table knows; it is scored as a second reading.
    A heard key also carries the ``lattice`` of the whole form and ``part_lattices`` (parallel to ``parts``): every
    chunk its units may render (:mod:`corpus.names.lattice`), empty where no unit has an alternative.
    ``by_ear`` and ``part_by_ear`` are the further skeleton variants of a spelling script's form that only a
    comparison with a Han or kana form may use (:func:`corpus.names.skeleton.by_ear_skeletons`: Sameer as ``SM``
    matches 萨米尔, not Arabic سامي). ``silent_h`` is the key of a Latin form read without the initial h of its
    parts (Hugo -> ugo: 雨果, Hector -> ector: 埃克托), as Romance languages say it; the scorer pairs it only with Han
    and kana forms, a little below the spelled h (:data:`corpus.names.score.SILENT_H_WEIGHT`).
    """

    rom: str
    skeletons: tuple[str, ...]
    script: str
    parts: tuple[str, ...]
    part_skeletons: tuple[tuple[str, ...], ...]
    heard: NameKey | None = None
    lattice: Lattice = ()
    part_lattices: tuple[Lattice, ...] = ()
    by_ear: tuple[str, ...] = ()
    part_by_ear: tuple[tuple[str, ...], ...] = ()
    silent_h: NameKey | None = None

    @property
    def empty(self) -> bool:
        """True for a form with no letters (digits, punctuation): it matches nothing."""
        return not self.rom


def _whole_skeletons(parts: tuple[str, ...], per_part: Sequence[tuple[str, ...]], script: str) -> tuple[str, ...]:
    """The joined parts' skeletons, then for a multi-part name the skeleton of its parts read as one word: kana and
    Han often write a full name without a separator (トムワトソン), where Watson's w is no word-initial sound."""
    joined = name_skeletons(tuple(per_part))
    if len(parts) < 2:
        return joined
    return tuple(dict.fromkeys(joined + part_skeletons("".join(parts), script)[:1]))


def _by_ear(
    parts: tuple[str, ...], per_part: Sequence[tuple[str, ...]], per_part_ear: Sequence[tuple[str, ...]], script: str
) -> tuple[str, ...]:
    """Whole-name skeletons that need a part's by-ear variant (after its spelled ones), minus the spelled ones."""
    if not any(per_part_ear):
        return ()
    spelled = _whole_skeletons(parts, per_part, script)
    heard = _whole_skeletons(parts, [s + e for s, e in zip(per_part, per_part_ear)], script)
    return tuple(s for s in heard if s not in spelled)


# A learned reading is already a Latin spelling of the source name, so its skeletons follow the Latin rules.
HEARD_SCRIPT = "Latin"


def heard_skeletons(rom: str) -> tuple[str, ...]:
    """Skeleton variants of a Latin reading of a Han/kana form, by-ear ones included: whatever it is compared
    with, one side is a rendering by ear."""
    return part_skeletons(rom, HEARD_SCRIPT) + by_ear_skeletons(rom, HEARD_SCRIPT)


# A word-initial h before a vowel that Romance languages do not say (Hugo 雨果, Hector 埃克托, Hernández
# エルナンデス): the by-ear reading of a Latin name without it (NameKey.silent_h).
_INITIAL_H = re.compile(r"(?<![^\W\d_])[Hh](?=[AEIOUYaeiouyÀ-ÿ])")


@lru_cache(maxsize=262144)
def name_key(surface: str, lang: str | None = None) -> NameKey:
    """The :class:`NameKey` of a name form; ``lang`` only picks the Cyrillic romanisation (uk/be vs ru)."""
    romanised: list[str] = []
    heard: list[str] = []
    heard_units: list[tuple[Chunks, ...]] = []
    per_part: list[tuple[str, ...]] = []
    per_part_ear: list[tuple[str, ...]] = []
    for part in split_parts(unicodedata.normalize("NFKC", surface)):
        rom = romanise_part(part, lang)
        if rom:
            romanised.append(rom)
            units = learned_units(part, lang) or (((rom, 1.0),),)
            heard_units.append(units)
            heard.append("".join(chunks[0][0] for chunks in units))
            alternates = reading_alternates(part, rom)
            per_part.append(part_skeletons(rom, script_of(part), alternates))
            per_part_ear.append(by_ear_skeletons(rom, script_of(part), alternates))
    parts = tuple(romanised)
    script = script_of(surface)
    heard_key = None
    # A lattice makes a heard key even when the likeliest reading is the pinyin itself (恺撒 kai-sa): the query may
    # pick another chunk (ka, ke: Caesar).
    lattice = lattice_of(tuple(chunks for units in heard_units for chunks in units))
    if tuple(heard) != parts or lattice:
        heard_parts = tuple(heard)
        heard_per_part = tuple(heard_skeletons(h) for h in heard_parts)
        heard_key = NameKey(
            "".join(heard_parts), _whole_skeletons(heard_parts, heard_per_part, HEARD_SCRIPT), script, heard_parts,
            heard_per_part, lattice=lattice,
            part_lattices=tuple(lattice_of(units) for units in heard_units) if len(heard_parts) > 1 else (),
        )
    silent = _INITIAL_H.sub("", surface) if script == "Latin" else surface
    return NameKey(
        rom="".join(parts),
        skeletons=_whole_skeletons(parts, per_part, script),
        script=script,
        parts=parts,
        part_skeletons=tuple(per_part),
        heard=heard_key,
        by_ear=_by_ear(parts, per_part, per_part_ear, script),
        part_by_ear=tuple(per_part_ear) if any(per_part_ear) else (),
        silent_h=name_key(silent, lang) if silent != surface else None,
    )


_LATIN_CYRILLIC_MARKS = re.compile(r"[\u0300-\u036f]")


@lru_cache(maxsize=262144)
def folded_key(word: str, lang: str | None = None) -> str:
    """Folded form of an ordinary word for exact/prefix lookup: case, width, accents and Arabic spelling folded.

    Marks are stripped only in the combining-diacritics block (é -> e, ё -> е), not kana voicing marks
    (が stays が). Chinese forms are also folded Traditional -> Simplified, so 微軟 finds 微软.
    """
    text = unicodedata.normalize("NFKC", word)
    text = _LATIN_CYRILLIC_MARKS.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFKC", text).casefold()
    if any("\u0600" <= c <= "\u06ff" for c in text):
        text = normalise_arabic(text)
    if lang is not None and lang.startswith("zh"):
        text = transliterator("Traditional-Simplified").transliterate(text)
    return text
