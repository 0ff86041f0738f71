"""Cross-script name keys and scoring: the building blocks of fuzzy cross-language name search.

A name typed in one script (``Altman``) must find its renderings in others (``Альтман``, ``ألتمان``, ``奥特曼``,
``アルトマン``). These modules turn a *name form* into comparable keys and score keys against each other:

- :mod:`.romanise` -- script-aware romanisation per name part (BGN Cyrillic, normalised Arabic, pinyin, kana).
- :mod:`.skeleton` -- consonant-class skeletons with a word-initial marker and bounded variants.
- :mod:`.variants` -- inflection/clitic variants (never stemming) and honorific/particle trimming of spans.
- :mod:`.keys` -- :class:`NameKey`, computed once per distinct form, and the folded key for ordinary words.
- :mod:`.lattice` -- the learned reading of a transliterated form that fits one query best (a chunk per unit).
- :mod:`.score` -- pairwise :func:`similarity` and the vectorised :func:`best_matches` over a :class:`KeyTable`.
- :mod:`.candidates` -- name candidate spans from the ICU tokens of one document.
- ``readings.json`` -- the learned transliteration readings of Han characters, kana morae and Arabic letters, with
  their alternatives (:func:`corpus.names.romanise.learned_units`; built by benchmarks/names_readings_build.py).

Everything here is pure and deterministic; nothing holds an ICU object across processes (see romanise).
:data:`KEYS_VERSION` changes whenever this package's code or data does, so caches of keys or candidates (the search
index) can tell theirs are stale.
"""

import hashlib
from pathlib import Path

from corpus.names.candidates import Span, name_candidates
from corpus.names.keys import NameKey, folded_key, name_key
from corpus.names.score import KeyTable, Match, best_matches, similarity

_HERE = Path(__file__).parent
KEYS_VERSION = hashlib.blake2b(
    b"".join(path.name.encode() + path.read_bytes() for path in [*sorted(_HERE.glob("*.py")), *_HERE.glob("*.json")]),
    digest_size=6,
).hexdigest()

__all__ = [
    "KEYS_VERSION",
    "KeyTable",
    "Match",
    "NameKey",
    "Span",
    "best_matches",
    "folded_key",
    "name_candidates",
    "name_key",
    "similarity",
]
