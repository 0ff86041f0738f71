"""Build corpus/names/readings.json: how Chinese and Japanese transliterations of foreign names read, learned from
the DEV name pairs only (never the held-out ones).

Chinese writes a foreign name with a small set of characters per Latin syllable (Xinhua's 外国人名汉字译写 table:
al -> 阿尔, t -> 特, man -> 曼), and katakana with one mora per syllable; pinyin / Hepburn read those characters
as Chinese / Japanese syllables (特 te, ト to), which sit further from the Latin name than the Latin chunk they
stand for. This script learns, per Han character and per kana mora, the Latin chunk it most often renders: an EM
over monotone alignments (each unit -> a contiguous chunk of 0..4 Latin letters) of English names with their
renderings, pairs that align badly (names translated by meaning: 南极洲 Antarctica) pruned after a few rounds.

Sources, all DEV (benchmarks/name_pairs.py; the even hash half of every person list, no cap, and CC-CEDICT's
proper nouns with a one- or two-word English gloss, with every held-out city and held-out person -- English name
or rendering -- removed):
- Chinese: CC-CEDICT (CC BY-SA 4.0), CLDR region names (Unicode licence), ISO 3166-2 names (Debian iso-codes, LGPL);
- Japanese: JMnedict katakana surnames/persons (EDRDG, CC BY-SA 3.0), CLDR regions, ISO 3166-2 names.
The table is therefore a derived work of CC-CEDICT and JMnedict and carries their CC BY-SA terms (docs/search.md).

    /tmp/venv/bin/python benchmarks/names_readings_build.py [--show N]   # writes corpus/names/readings.json
    /tmp/venv/bin/python benchmarks/names_readings_build.py --validate   # a DEV fold held back; writes nothing
    /tmp/venv/bin/python benchmarks/names_readings_build.py --cross [zh ja ar] [--misses]   # every DEV fold in turn
    /tmp/venv/bin/python benchmarks/names_readings_build.py --fresh [zh ja] [--misses]   # DEV persons never tuned on
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import name_pairs as pairs_source
from name_pairs import (
    PairSet,
    _fold,
    _group,
    _is_dev,
    _sample,
    city_pairs,
    dev_sets,
    evaluate,
    region_pairs,
    subdivision_pairs,
)

from corpus.names.keys import heard_skeletons
from corpus.names.romanise import READINGS_PATH, reading_alternates, reading_units, romanise_part, script_of
from corpus.names.skeleton import by_ear_skeletons, part_skeletons

MAX_CHUNK = 4
ROUNDS = 12
PRUNE_AFTER = 4
PRUNE_SHARE = 0.2  # the worst-aligned fifth of the pairs (per unit log-likelihood) is dropped after PRUNE_AFTER
MIN_COUNT = 2.0  # expected alignments a unit needs before its chunk is trusted
# A unit may render nothing (州 in 伊利诺伊州 Illinois, 省, 县) when most of its alignments say so.
MIN_EMPTY_SHARE = 0.6
MIN_EMPTY_COUNT = 10.0
# A unit's other chunks this probable are kept as alternatives a query may pick (corpus/names/lattice.py). None for
# Arabic letters: on the validation fold their alternatives (mostly vowels, ا as nothing) lost 0.5 points, and the
# consonant ones alone (ب b/p, ز z/s, ك k/c, ف f/v) made short common words sound like names (كان ~ CNN, بآلية ~
# Paul, فعله ~ Valley on the sample). Never nothing: a unit that may render nothing (克 k or nothing, 尔 r or
# nothing) let a longer name decode to a shorter one (伯南克 as Byron); a coda r the Latin side drops by ear anyway
# (skeleton.by_ear_skeletons).
ALTERNATIVE_SHARE = {"zh": 0.15, "ja": 0.15, "ar": None}
# Where a letter writes two consonants of one sound class, the script's standard romanisation reads it unless the
# data hardly ever does: ف is f (Microsoft مايكروسوفت) though DEV person names (David, Victor, Kevin) render v a
# little more often (v 0.544, f 0.377). Only for Arabic, whose learned table is read with one chunk per letter.
RULE_FIRST = {"ar": 0.2}
_VOWEL = re.compile(r"[aeiouy]")
_CEDICT_PROPER = re.compile(r"^\S+ ([\u4e00-\u9fff]{2,}) \[[^\]]+\] /([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?: \([^)]*\))?/")
_SEPARATORS = re.compile(r"[\s·・･=]")
_HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_KANA_ONLY = re.compile(r"^[\u30a0-\u30ff]+$")
_ARABIC_ONLY = re.compile(r"^[\u0621-\u064a\u0670-\u06d3]+$")


def _latin(english: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", english) if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", text.lower())


def _cedict_proper() -> list[tuple[str, str]]:
    return [(found.group(2), found.group(1)) for found in map(_CEDICT_PROPER.match, pairs_source.cedict_lines()) if found]


FOLDS = 4


def _in_fold(english: str, fold: int = 0) -> bool:
    """One of FOLDS quarters of the DEV names (by a second hash bit pair); ``--validate`` keeps fold 0 out of
    training, ``--cross`` each in turn."""
    return zlib.crc32(_fold(english).encode()) // 2 % FOLDS == fold


def validation_persons(lang: str, fold: int = 0) -> list[tuple[str, str]]:
    return [(en, there) for en, there in pairs_source._PERSONS[lang]() if _is_dev(en) and _in_fold(en, fold)]


def validation_proper_nouns(fold: int = 0) -> list[tuple[str, str]]:
    """The same quarter of CC-CEDICT's DEV proper nouns: the Chinese persons alone (67 in the fold) are too few to
    tell table choices apart."""
    return [(en, there) for en, there in _cedict_proper() if _is_dev(en) and _in_fold(en, fold)]


def held_back(lang: str, fold: int = 0) -> list[tuple[str, str]]:
    """The validation fold ``fold`` of the DEV persons and, for Chinese, of the CC-CEDICT proper nouns."""
    return validation_persons(lang, fold) + (validation_proper_nouns(fold) if lang == "zh" else [])


def training_pairs(lang: str, exclude: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """DEV (English, rendering) pairs of ``lang``, held-out cities and persons removed from both sides, and so is
    every pair of ``exclude`` (a fold the table is to be measured on: English name or rendering)."""
    held_out = city_pairs(lang) + list(exclude)
    loader = pairs_source._PERSONS[lang]
    persons = loader()
    held_out += [(en, there) for en, there in persons if not _is_dev(en)]
    banned_english = {_fold(en) for en, _ in held_out}
    # A rendering is banned as the candidates are compared, separators removed: otherwise a held-out Arabic name
    # written with a space (عبد الله) would reach the table as عبدالله from another English spelling.
    banned_targets = {re.sub(_SEPARATORS, "", there) for _, there in held_out}
    candidates = [(en, there) for en, there in persons if _is_dev(en)]
    candidates += region_pairs(lang) + subdivision_pairs(lang)
    if lang == "zh":
        candidates += [(en, there) for en, there in _cedict_proper() if _is_dev(en)]
    script = {"zh": _HAN_ONLY, "ja": _KANA_ONLY, "ar": _ARABIC_ONLY}[lang]
    out = set()
    for en, there in candidates:
        there = re.sub(_SEPARATORS, "", there)
        if _fold(en) in banned_english or there in banned_targets or not script.match(there):
            continue
        if _latin(en):
            out.add((_latin(en), there))
    return sorted(out)


def _forward(units: list[str], latin: str, prob: dict[str, dict[str, float]]) -> list[list[float]]:
    n = len(latin)
    alpha = [[0.0] * (n + 1) for _ in range(len(units) + 1)]
    alpha[0][0] = 1.0
    for i, unit in enumerate(units, 1):
        table = prob[unit]
        for j in range(n + 1):
            alpha[i][j] = sum(
                alpha[i - 1][j - k] * table.get(latin[j - k:j], 1e-6) for k in range(min(MAX_CHUNK, j) + 1)
            )
    return alpha


def _backward(units: list[str], latin: str, prob: dict[str, dict[str, float]]) -> list[list[float]]:
    n = len(latin)
    beta = [[0.0] * (n + 1) for _ in range(len(units) + 1)]
    beta[len(units)][n] = 1.0
    for i in range(len(units) - 1, -1, -1):
        table = prob[units[i]]
        for j in range(n + 1):
            beta[i][j] = sum(
                table.get(latin[j:j + k], 1e-6) * beta[i + 1][j + k] for k in range(min(MAX_CHUNK, n - j) + 1)
            )
    return beta


def learn(pairs: list[tuple[str, list[str]]]) -> dict[str, dict[str, float]]:
    """P(chunk | unit) by EM over monotone alignments; uniform start, badly aligned pairs pruned once."""
    prob: dict[str, dict[str, float]] = defaultdict(dict)
    for latin, units in pairs:
        for unit in units:
            for start in range(len(latin) + 1):
                for k in range(MAX_CHUNK + 1):
                    if start + k <= len(latin):
                        prob[unit][latin[start:start + k]] = 1.0
    active = pairs
    for round_no in range(ROUNDS):
        counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        fits: list[float] = []
        for latin, units in active:
            alpha, beta = _forward(units, latin, prob), _backward(units, latin, prob)
            total = alpha[len(units)][len(latin)]
            fits.append(math.log(total) / len(units) if total > 0 else -math.inf)
            if total <= 0:
                continue
            for i, unit in enumerate(units):
                table = prob[unit]
                for j in range(len(latin) + 1):
                    if alpha[i][j] == 0:
                        continue
                    for k in range(min(MAX_CHUNK, len(latin) - j) + 1):
                        chunk = latin[j:j + k]
                        weight = alpha[i][j] * table.get(chunk, 1e-6) * beta[i + 1][j + k] / total
                        if weight > 1e-9:
                            counts[unit][chunk] += weight
        prob = defaultdict(dict)
        for unit, chunks in counts.items():
            mass = sum(chunks.values())
            prob[unit] = {chunk: c / mass for chunk, c in chunks.items()}
            prob[unit]["#count"] = mass
        if round_no == PRUNE_AFTER:
            order = sorted(range(len(active)), key=lambda i: fits[i])
            dropped = set(order[: int(len(order) * PRUNE_SHARE)])
            active = [p for i, p in enumerate(active) if i not in dropped]
    return prob


def _first_classes(skeletons: tuple[str, ...]) -> set[str]:
    """The first consonant class of each skeleton variant, the word-initial marker (A, H) skipped."""
    return {skeleton.lstrip("AH")[:1] for skeleton in skeletons}


def sounds_alike(unit: str, chunk: str) -> bool:
    """Whether a learned chunk starts with a consonant class the unit's own reading can start with (特 te / t,
    加 jia / ga through pinyin's j-as-k alternate, 尔 er / r): what is left after this are the units learned from
    names translated by meaning (南 -> sout, 北 -> nort), which are dropped."""
    rom, script = romanise_part(unit), script_of(unit)
    alternates = reading_alternates(unit, rom)
    own = part_skeletons(rom, script, alternates) + by_ear_skeletons(rom, script, alternates)
    return bool(_first_classes(own) & _first_classes(heard_skeletons(chunk)))


def _rule_first(unit: str, chunk: str, table: dict[str, float], share: float | None) -> str:
    """The unit's rule romanisation instead of its most probable chunk when both are consonants of one skeleton
    class and the rule's chunk has at least ``share`` of the unit's alignments (see RULE_FIRST)."""
    rule = romanise_part(unit)
    if share is None or rule == chunk or table.get(rule, 0.0) < share or _VOWEL.search(rule + chunk):
        return chunk
    return rule if heard_skeletons(rule) == heard_skeletons(chunk) else chunk


def readings(lang: str, exclude: Sequence[tuple[str, str]] = ()) -> dict[str, list[tuple[str, float]]]:
    """Unit -> its Latin chunks with their probabilities, the most probable first (the unit's reading), for units
    seen at least MIN_COUNT times whose most probable chunk sounds like their own reading, or that mostly render
    nothing; a less probable chunk is kept as an alternative when its probability is at least ALTERNATIVE_SHARE
    and it sounds like the unit's reading too (never an empty chunk)."""
    pairs = [(latin, reading_units(there)) for latin, there in training_pairs(lang, exclude)]
    prob = learn([(latin, units) for latin, units in pairs if units])
    out = {}
    for unit, table in sorted(prob.items()):
        mass = table.pop("#count", 0.0)
        if mass < MIN_COUNT or not table:
            continue
        ranked = sorted(sorted(table), key=lambda c: -table[c])
        chunk = ranked[0]
        if chunk == "" and (table[chunk] < MIN_EMPTY_SHARE or mass < MIN_EMPTY_COUNT):
            continue
        if chunk == "" or sounds_alike(unit, chunk):
            chunk = _rule_first(unit, chunk, table, RULE_FIRST.get(lang))
            share = ALTERNATIVE_SHARE[lang]
            others = [] if share is None else [
                c for c in ranked if c and c != chunk and table[c] >= share and sounds_alike(unit, c)
            ]
            out[unit] = [(c, round(table[c], 3)) for c in [chunk, *others]]
    return out


def validate() -> None:
    """Top-1 on the validation folds of the DEV persons (and for Chinese of CC-CEDICT's proper nouns), ranked as
    benchmarks/search_names_dev.py does, with no learned readings, with the table learned without the folds read
    one chunk per unit, and with its alternatives (corpus/names/lattice.py): the honest DEV signal for choices
    about how the table is built and read (the DEV benchmark is in-sample for the table)."""
    for lang in ("zh", "ja", "ar"):
        folds = [("DEV persons", validation_persons(lang))]
        if lang == "zh":
            folds.append(("DEV CC-CEDICT proper nouns", validation_proper_nouns()))
        learned = {unit: tuple(map(tuple, chunks)) for unit, chunks in readings(lang, held_back(lang)).items()}
        for title, pairs in folds:
            fold = PairSet("fold", lang, _group(_sample(pairs)))
            line = f"{lang}: {len(fold.truths)} held-back {title}"
            first_only = {unit: chunks[:1] for unit, chunks in learned.items()}
            for label, table in (("none", {}), ("readings", first_only), ("+alternatives", learned)):
                _use_table(table)
                line += f"  {label} {evaluate(fold).top1:.3f}"
            print(line, flush=True)


def _use_table(table: dict[str, tuple[tuple[str, float], ...]]) -> None:
    """Read names through ``table`` instead of readings.json (the caches that hold readings cleared)."""
    import corpus.names.keys as keys
    import corpus.names.romanise as romanise

    romanise._learned_readings = lambda: table
    romanise.learned_units.cache_clear()
    keys.name_key.cache_clear()


def _show(misses: list[tuple[str, str, str]]) -> None:
    for en, truth, first in misses:
        print(f"    miss  {en!r:<32} want {truth:<24} got {first}")


def cross_validate(lang: str, show: bool = False) -> None:
    """Top-1 of every DEV person, each fold's names read through a table learned without that fold and ranked
    against all the DEV persons as benchmarks/search_names_dev.py ranks them (no readings -> with them): for
    Chinese the validation fold alone (67 names ranked among themselves) sits at the ceiling and tells nothing.
    ``show``: the misses with the table."""
    persons = next(pairs for pairs in dev_sets(lang) if pairs.name == "persons")
    by_fold = [{en: ts for en, ts in persons.truths.items() if _in_fold(en, fold)} for fold in range(FOLDS)]
    line = f"{lang}: {len(persons.truths)} DEV persons in {FOLDS} folds"
    misses = []
    for label in ("none", "+alternatives"):
        right = 0
        for fold, truths in enumerate(by_fold):
            table = {} if label == "none" else readings(lang, held_back(lang, fold))
            _use_table({unit: tuple(map(tuple, chunks)) for unit, chunks in table.items()})
            result = evaluate(PairSet("fold", lang, truths, frozenset(persons.targets)))
            right += round(result.top1 * result.n)
            misses += result.misses if label != "none" else []
        line += f"  {label} {right / len(persons.truths):.3f}"
    print(line, flush=True)
    if show:
        _show(sorted(misses))


def fresh(lang: str, show: bool = False) -> None:
    """Top-1 of the fresh DEV persons (name_pairs.fresh_dev_persons: no earlier round tuned on them), ranked among
    themselves, read through a table learned without them (no readings -> with them): the honest check of rules
    that were made looking at the DEV persons, which --cross cannot give."""
    pairs = pairs_source.fresh_dev_persons(lang)
    fold = PairSet("fresh", lang, _group(pairs))
    learned = {unit: tuple(map(tuple, chunks)) for unit, chunks in readings(lang, pairs).items()}
    line = f"{lang}: {len(fold.truths)} fresh DEV persons"
    for label, table in (("none", {}), ("+alternatives", learned)):
        _use_table(table)
        result = evaluate(fold)
        line += f"  {label} {result.top1:.3f}"
    print(line, flush=True)
    if show:
        _show(result.misses)


def _dump(data: dict[str, dict[str, list[tuple[str, float]]]]) -> str:
    """The tables as JSON with one unit a line (readable diffs when the table is rebuilt)."""
    blocks = []
    for lang in sorted(data):
        lines = (f"{json.dumps(unit, ensure_ascii=False)}: {json.dumps(chunks)}" for unit, chunks in data[lang].items())
        blocks.append(f"{json.dumps(lang)}: {{\n" + ",\n".join(lines) + "\n}")
    return "{\n" + ",\n".join(blocks) + "\n}\n"


def main(argv: list[str]) -> int:
    if "--validate" in argv:
        validate()
        return 0
    for flag, run in (("--cross", cross_validate), ("--fresh", fresh)):
        if flag in argv:
            for lang in [a for a in argv[argv.index(flag) + 1:] if not a.startswith("-")] or ["zh"]:
                run(lang, show="--misses" in argv)
            return 0
    data = {lang: readings(lang) for lang in ("zh", "ja", "ar")}
    READINGS_PATH.write_text(_dump(data), encoding="utf-8")
    for lang, table in data.items():
        print(f"{lang}: {len(table)} units -> {READINGS_PATH}")
    if "--show" in argv:
        n = int(argv[argv.index("--show") + 1])
        for lang, table in data.items():
            print(lang, " ".join(f"{u}={c or '∅'}" for u, c in list(table.items())[:n]))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main(sys.argv[1:]))
