"""DEV name pairs across scripts: the set corpus.names is tuned on (never the held-out one).

CLDR region names, ISO 3166-2 subdivision names (Debian iso-codes) and the even half of the real person-name
pairs (arabnamer, JMnedict, CC-CEDICT), with every held-out city removed; see benchmarks/name_pairs.py. The
held-out figures come from benchmarks/search_names_heldout.py. The learned readings (corpus/names/readings.json,
benchmarks/names_readings_build.py) are built from these same pairs, so what they add here is in-sample.

    /tmp/venv/bin/python benchmarks/search_names_dev.py [--reverse] [--misses ru|ar|zh|ja]
"""

from __future__ import annotations

import sys

from name_pairs import dev_sets, report

if __name__ == "__main__":
    sys.exit(report("DEV name pairs (tune on these)", dev_sets, sys.argv[1:]))
