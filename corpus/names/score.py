"""Scoring name keys against each other: one pair (:func:`similarity`) or one query against every distinct key
of a corpus (:func:`best_matches` over a :class:`KeyTable`). Both compute the same number.

The score (research notes M9b) blends two views of a pair of *units* (a whole name or one of its parts):

- the best ``fuzz.ratio`` over skeleton-variant pairs, which absorbs vowels, epenthesis and l/r, and
- Jaro-Winkler on the romanisations, which keeps the vowels that separate Murati from Murata.

A unit pair whose skeletons agree less than :data:`SKELETON_GATE` scores 0: this gate is what lets the table
search prefilter with rapidfuzz over distinct skeleton strings and still give exactly the pairwise score.
``partial_ratio`` is deliberately absent: on 3-5 letter skeletons it matches almost anything.

A unit read through the learned table may carry a lattice (:mod:`corpus.names.lattice`): once a pair has passed
the gate, the reading of the lattice that fits the other side's romanisation is blended too and the better blend
counts (盖茨 read as "gets" for Gates, not only as its likeliest reading "gez"). The table keeps each unit's lattice
as text (``unit_lattice``, as the search index stores it), parsed once per distinct lattice.

A Latin name also carries its reading without a Romance initial h (``NameKey.silent_h``: Hugo as ugo ~ 雨果); its
units pair only with Han and kana forms, weighted :data:`SILENT_H_WEIGHT`, because English says the h (哈特曼).

Multi-part names: the whole query is compared with each part of a multi-part candidate and each part of a
multi-part query with the whole candidate, so ``Altman`` finds ``Сэм Альтман`` and ``Sam Altman`` finds
``Альтман``. A last part (the family name in every script whose names we split) keeps most of its score; a
given-name-only match is weighted down so ``Сэм`` alone does not pass for ``Sam Altman``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import JaroWinkler

from corpus.names.keys import NameKey, heard_skeletons, name_key
from corpus.names.lattice import Lattice, decode, lattice_text, parse_lattice
from corpus.names.skeleton import SOUND_RENDERED_SCRIPTS
from corpus.names.variants import FormVariant, form_variants

SKELETON_GATE = 0.70
# A part of a multi-part name matched alone: a last part (the family name) keeps most of its score, but a rendering
# of the whole name should outrank one of the surname only (ヴィルヘルムオストヴァルト, not オストワルド, for Wilhelm
# Ostwald): 0.95 -> 0.92 raised the fresh DEV ja persons 0.924 -> 0.934 and held zh (docs/search.md).
LAST_PART_WEIGHT = 0.92
OTHER_PART_WEIGHT = 0.70
# A base form guessed from an inflected one ranks just below the same name written bare; a clitic-stripped form
# is the bare name itself, a little above its own surface read with the clitic as a letter (وألتمان -> waltman).
INFLECTION_WEIGHT = 0.97
CLITIC_WEIGHT = 0.99
DEFAULT_CUTOFF = 0.76
# A Han/kana form read through the learned transliteration table (NameKey.heard) is a guess about the source
# spelling: it ranks a little below the same score reached by the form's own romanisation.
HEARD_WEIGHT = 0.97
# A Latin name read without its initial h (NameKey.silent_h) is how a Romance name sounds, but English says the h
# (哈特曼 Hartman): that reading ranks below the same score with the h, pairs only with Han/kana forms, and alone
# never reaches the entity layer's merge score (corpus.entities.link.MERGE_SCORE 0.85: Hartman ~ アルトマン is a
# suggestion, not a merge). At 0.85-0.94 DEV zh persons were the same; 0.90 merged Hartman into Altman.
SILENT_H_WEIGHT = 0.84


# A unit's scope: a spelling script's skeletons, a Han/kana form's, or a spelling script's by-ear variants
# (NameKey.by_ear), which only pair with a Han/kana unit.
SPELLED, SOUNDED, BY_EAR = 0, 1, 2


# The scopes a unit of each scope is compared with: by-ear variants only against a Han/kana form.
PAIRS_WITH = {
    SPELLED: frozenset({SPELLED, SOUNDED}), SOUNDED: frozenset({SPELLED, SOUNDED, BY_EAR}), BY_EAR: frozenset({SOUNDED})
}


class _Unit(NamedTuple):
    rom: str
    skeletons: tuple[str, ...]
    weight: float
    is_part: bool
    lattice: Lattice = ()
    scope: int = SPELLED


def _units(key: NameKey, weight: float = 1.0) -> list[_Unit]:
    """The whole name, then (for a multi-part name) each part weighted by its position; then the same for the
    form's learned reading (``key.heard``), weighted by HEARD_WEIGHT, and for its reading without a silent initial
    h (``key.silent_h``, scope BY_EAR), weighted by SILENT_H_WEIGHT. A spelling script's by-ear variants are units
    of their own (scope BY_EAR) beside the unit they vary."""
    scope = SOUNDED if key.script in SOUND_RENDERED_SCRIPTS else SPELLED
    units = [_Unit(key.rom, key.skeletons, weight, False, key.lattice, scope)]
    if key.by_ear:
        units.append(_Unit(key.rom, key.by_ear, weight, False, key.lattice, BY_EAR))
    if len(key.parts) > 1:
        last = len(key.parts) - 1
        lattices = key.part_lattices or ((),) * len(key.parts)
        by_ear = key.part_by_ear or ((),) * len(key.parts)
        for i, (rom, skeletons, lattice, ear) in enumerate(zip(key.parts, key.part_skeletons, lattices, by_ear)):
            part_weight = weight * (LAST_PART_WEIGHT if i == last else OTHER_PART_WEIGHT)
            units.append(_Unit(rom, skeletons, part_weight, True, lattice, scope))
            if ear:
                units.append(_Unit(rom, ear, part_weight, True, lattice, BY_EAR))
    if key.heard is not None:
        units += _units(key.heard, weight * HEARD_WEIGHT)
    if key.silent_h is not None:
        units += [unit._replace(scope=BY_EAR) for unit in _units(key.silent_h, weight * SILENT_H_WEIGHT)]
    return units


def _blend(skeleton_ratio: float, q_rom: str, c_rom: str) -> float:
    """Mean of the skeleton ratio (0..1) and Jaro-Winkler on the romanisations; 0 below the skeleton gate."""
    if skeleton_ratio < SKELETON_GATE:
        return 0.0
    return (skeleton_ratio + JaroWinkler.normalized_similarity(q_rom, c_rom)) / 2


def _decoded_blend(lattice: Lattice, rom: str, gated: float) -> tuple[float, str]:
    """The blend of a Latin spelling ``rom`` with the reading of ``lattice`` that fits it best
    (:func:`corpus.names.lattice.decode`), and that reading. Both sides are skeletonised by the Latin rules, so
    the score is the same whichever side is the query; ``gated`` is the pair's plain blend, so a pair that failed
    the skeleton gate stays out (the table search never sees it)."""
    if not gated:
        return 0.0, ""
    reading = decode(lattice, rom)
    if not reading:
        return 0.0, ""
    ours, theirs = heard_skeletons(rom), heard_skeletons(reading)
    return _blend(max(fuzz.ratio(a, b) for a in ours for b in theirs) / 100, rom, reading), reading


def _pair_blend(qu: _Unit, cu_rom: str, cu_lattice: Lattice, ratio: float) -> float:
    """A unit pair's blend: the plain one, or that of the reading one side's lattice takes for the other side when
    that is higher (only one side may have a lattice: two transliterations have no Latin spelling to fit)."""
    plain = _blend(ratio, qu.rom, cu_rom)
    if bool(cu_lattice) == bool(qu.lattice):
        return plain
    lattice, rom = (cu_lattice, qu.rom) if cu_lattice else (qu.lattice, cu_rom)
    return max(plain, _decoded_blend(lattice, rom, plain)[0])


def similarity(q: NameKey, c: NameKey) -> float:
    """How likely two name forms name the same thing, in 0..1 (about 0.76 and up: probably the same name)."""
    if q.empty or c.empty:
        return 0.0
    best = 0.0
    for qu in _units(q):
        for cu in _units(c):
            if (qu.is_part and cu.is_part) or cu.scope not in PAIRS_WITH[qu.scope]:
                continue
            ratio = max(fuzz.ratio(a, b) for a in qu.skeletons for b in cu.skeletons) / 100
            best = max(best, qu.weight * cu.weight * _pair_blend(qu, cu.rom, cu.lattice, ratio))
    return best


def variant_weight(variant: FormVariant) -> float:
    """Weight of a variant's score: a dropped clitic (the span shrinks) or a guessed base form (it does not)."""
    return CLITIC_WEIGHT if variant.lead or variant.trail else INFLECTION_WEIGHT


class Match(NamedTuple):
    """A distinct form that matched: ``index`` into ``KeyTable.forms``; ``key`` the romanisation of the unit that
    matched (the whole surface, a variant, or one part); the hit span is ``form[lead:len(form)-trail]``."""

    index: int
    score: float
    key: str
    lead: int
    trail: int


@dataclass
class KeyTable:
    """The distinct name forms of a corpus with their keys, flattened for vectorised search. Build once at ingest
    (:meth:`build`); plain lists only, so it pickles and caches cheaply.

    Every form contributes comparison units: its own key and each inflection/clitic variant's key, each as a
    whole and, for multi-part names, per part. Distinct skeleton strings point at the units that carry them.
    """

    forms: list[str]
    keys: list[NameKey]
    unit_form: list[int] = field(default_factory=list)
    unit_rom: list[str] = field(default_factory=list)
    unit_weight: list[float] = field(default_factory=list)
    unit_is_part: list[bool] = field(default_factory=list)
    unit_span: list[tuple[int, int]] = field(default_factory=list)
    unit_lattice: list[str] = field(default_factory=list)
    unit_scope: list[int] = field(default_factory=list)
    skeletons: list[str] = field(default_factory=list)
    skeleton_units: list[list[int]] = field(default_factory=list)

    @classmethod
    def build(cls, forms: Sequence[str], langs: Sequence[str | None] | None = None) -> KeyTable:
        """Keys for ``forms`` (distinct name surfaces) with variants; ``langs`` parallel to forms, optional."""
        langs = langs if langs is not None else [None] * len(forms)
        table = cls(forms=list(forms), keys=[name_key(f, lang) for f, lang in zip(forms, langs)])
        skeleton_index: dict[str, int] = {}
        for index, (form, lang, key) in enumerate(zip(table.forms, langs, table.keys)):
            entries = [(key, 1.0, 0, 0)]
            entries += [(name_key(v.form, lang), variant_weight(v), v.lead, v.trail) for v in form_variants(form, lang)]
            for entry_key, entry_weight, lead, trail in entries:
                if entry_key.empty:
                    continue
                for unit in _units(entry_key):
                    unit_id = len(table.unit_form)
                    table.unit_form.append(index)
                    table.unit_rom.append(unit.rom)
                    table.unit_weight.append(unit.weight * entry_weight)
                    table.unit_is_part.append(unit.is_part)
                    table.unit_span.append((lead, trail))
                    table.unit_lattice.append(lattice_text(unit.lattice))
                    table.unit_scope.append(unit.scope)
                    for skeleton in unit.skeletons:
                        slot = skeleton_index.get(skeleton)
                        if slot is None:
                            slot = skeleton_index[skeleton] = len(table.skeletons)
                            table.skeletons.append(skeleton)
                            table.skeleton_units.append([])
                        units = table.skeleton_units[slot]
                        if not units or units[-1] != unit_id:
                            units.append(unit_id)
        return table

    def __len__(self) -> int:
        return len(self.forms)


def best_matches(
    q: NameKey, table: KeyTable, cutoff: float = DEFAULT_CUTOFF, limit: int | None = None
) -> list[Match]:
    """Forms of ``table`` scoring at least ``cutoff`` against ``q``, best first (ties by form index).

    Stage 1 runs rapidfuzz over the distinct skeleton strings with the gate as ``score_cutoff`` (C speed, no
    Python per key); stage 2 blends Jaro-Winkler only for the units that survived.
    """
    if q.empty or not table.skeletons:
        return []
    gate = SKELETON_GATE * 100
    best: dict[int, Match] = {}
    is_part, scope = table.unit_is_part, table.unit_scope
    for qu in _units(q):
        unit_ratio: dict[int, float] = {}
        pairs_with = PAIRS_WITH[qu.scope]
        for q_skeleton in qu.skeletons:
            hits = process.extract(
                q_skeleton, table.skeletons, scorer=fuzz.ratio, processor=None, score_cutoff=gate, limit=None
            )
            for _, ratio, slot in hits:
                for unit_id in table.skeleton_units[slot]:
                    if (qu.is_part and is_part[unit_id]) or scope[unit_id] not in pairs_with:
                        continue
                    if ratio > unit_ratio.get(unit_id, -1.0):
                        unit_ratio[unit_id] = ratio
        for unit_id, ratio in unit_ratio.items():
            weight = qu.weight * table.unit_weight[unit_id]
            if weight < cutoff:
                continue
            index = table.unit_form[unit_id]
            found = best.get(index)
            if found is not None and weight <= found.score:
                continue  # no blend of this unit can beat the form's best (blends are at most 1)
            rom, lattice = table.unit_rom[unit_id], parse_lattice(table.unit_lattice[unit_id])
            score = weight * _blend(ratio / 100, qu.rom, rom)
            if score and bool(lattice) != bool(qu.lattice):
                decoded, reading = _decoded_blend(*((lattice, qu.rom) if lattice else (qu.lattice, rom)), score)
                if weight * decoded > score:
                    score, rom = weight * decoded, reading
            if score < cutoff or (found is not None and score <= found.score):
                continue
            lead, trail = table.unit_span[unit_id]
            best[index] = Match(index, score, rom, lead, trail)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.index))
    return ranked if limit is None else ranked[:limit]
