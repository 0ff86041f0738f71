"""Held-out real name pairs across scripts: does the name scorer rank the right rendering first?

No person-name pair list ships on this machine (rigour's Wikidata name table is compiled into its binary with no
way to list it), but ICU carries CLDR's exemplar city names of every time zone in every locale: real proper names
that Russian, Arabic, Chinese and Japanese mostly render *by sound* (Los Angeles -> Лос-Анджелес, لوس انجلوس, 洛杉矶,
ロサンゼルス), none of them written for this project or seen while tuning it. Some are translated by meaning
(Port of Spain, 堪察加), which no sound key can match: they stay in and lower the figures.

For each locale, every English city name is scored (corpus.names: name_key + best_matches, as the search's name
route does) against all the city names of that locale; reported: top-1 accuracy, top-3 and mean reciprocal rank.

    /tmp/venv/bin/python benchmarks/search_names_heldout.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import icu

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.names import KeyTable, best_matches, name_key  # noqa: E402
from corpus.names.romanise import split_parts  # noqa: E402

LOCALES = ("ru", "ar", "zh", "ja")


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


def evaluate(lang: str, single_words: bool = False) -> tuple[int, float, float, float]:
    """Against all of the locale's city names; ``single_words`` keeps the pairs that are one word on both sides
    (closest to a surname: no "Island", "North Dakota", "о-в" phrases translated by meaning)."""
    pairs = city_pairs(lang)
    targets = sorted({t for _, t in pairs})
    if single_words:
        pairs = [(en, t) for en, t in pairs if " " not in en and len(split_parts(t)) == 1]
    table = KeyTable.build(targets, [lang] * len(targets))
    top1 = top3 = 0
    reciprocal = 0.0
    for en, truth in pairs:
        ranked = [targets[m.index] for m in best_matches(name_key(en), table, cutoff=0.0)]
        if truth in ranked:
            rank = ranked.index(truth) + 1
            top1 += rank == 1
            top3 += rank <= 3
            reciprocal += 1 / rank
    n = len(pairs)
    return n, top1 / n, top3 / n, reciprocal / n


def main() -> int:
    print(f"{'locale':<7} {'pairs':>5} {'top-1':>6} {'top-3':>6} {'MRR':>6}   (CLDR exemplar cities, English query)")
    for single in (False, True):
        print("single-word names on both sides:" if single else "all exemplar cities:")
        for lang in LOCALES:
            n, top1, top3, mrr = evaluate(lang, single)
            print(f"{lang:<7} {n:>5} {top1:6.3f} {top3:6.3f} {mrr:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
