"""Held-out real name pairs across scripts: does the name scorer rank the right rendering first?

Never used for tuning (the dev set is benchmarks/search_names_dev.py). Two kinds of pairs, both real and none
written for this project (sources and the split in benchmarks/name_pairs.py):

- ``cities``: CLDR's exemplar city names of every time zone (ICU ``TimeZoneNames``), 418 per locale: proper names
  that Russian, Arabic, Chinese and Japanese mostly render *by sound* (Los Angeles -> Лос-Анджелес, لوس انجلوس,
  洛杉矶, ロサンゼルス). Some are translated by meaning (Port of Spain, 堪察加), which no sound key can match: they
  stay in and lower the figures. ``cities-1word`` keeps the pairs that are one word on both sides (closest to a
  surname).
- ``persons``: the odd half of real person-name pairs -- Arabic from arabnamer's English -> Arabic name table,
  Japanese from JMnedict's katakana surnames and persons, Chinese from CC-CEDICT's ``(name)`` entries; none for
  Russian (no such list ships here). Skipped when the data package is not installed.

For each locale, every English name is scored (corpus.names: name_key + best_matches, as the search's name route
does) against all the set's names in that locale; reported: top-1 accuracy, top-3 and mean reciprocal rank.

    /tmp/venv/bin/python benchmarks/search_names_heldout.py [--reverse]
"""

from __future__ import annotations

import sys

from name_pairs import PairSet, heldout_sets, report

from corpus.names.romanise import split_parts


def with_single_words(lang: str) -> list[PairSet]:
    """The held-out sets plus ``cities-1word``: one-word queries with one-word answers, ranked against every city
    of the locale as before (only the queries are restricted)."""
    sets = heldout_sets(lang)
    cities = sets[0]
    single = {
        en: frozenset(t for t in ts if len(split_parts(t)) == 1) for en, ts in cities.truths.items() if " " not in en
    }
    single = {en: ts for en, ts in single.items() if ts}
    return [cities, PairSet("cities-1word", lang, single, frozenset(cities.targets)), *sets[1:]]


if __name__ == "__main__":
    sys.exit(report("HELD-OUT name pairs (never tuned on)", with_single_words, sys.argv[1:]))
