"""The name route: a query name against every distinct name candidate form of the corpus, in any script.

Scoring is :mod:`corpus.names.score` (skeleton ratio blended with Jaro-Winkler on the romanisation, variants for
inflection and clitics); this module turns its matches into hits: the span of each occurrence of a matched form,
shrunk by the clitic the variant dropped (بألتمان -> ألتمان), with ``translit`` when the form is in another script
and scores as a rendering of the query, ``fuzzy`` otherwise (a typo, a sound-alike, a partial name).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np

from corpus.names import NameKey, best_matches, name_key
from corpus.names.romanise import script_of, split_parts
from corpus.names.score import Match
from corpus.normalise import normalise
from corpus.search.hits import MATCH_CODE, Hits
from corpus.search.index import SearchIndex

TRANSLIT_MIN = 0.88
# corpus.names calibrated 0.76 on lists of names; running text offers a hundred times more candidates (every Arabic
# word, Han n-grams), so search asks for more. Chosen on the sample gold (docs/search.md: P 0.90 -> 0.96 at the
# same recall); the figure is therefore optimistic for other corpora.
NAME_CUTOFF = 0.82
# The fewer consonant sounds a name has, the more ordinary words share its skeleton (Shear ~ شعار "slogan",
# Musk ~ mask): a short name must score higher to count as a match.
SHORT_NAME_CONSONANTS = 2
SHORT_NAME_CUTOFF = 0.86
# scripts whose words ICU never cuts inside a run of letters and digits (UAX #29, no dictionary): such a form is
# exactly one token wherever it occurs
UNSEGMENTED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Arabic"})


def _consonants(key: NameKey) -> int:
    base = key.skeletons[0] if key.skeletons else ""
    return len(base.lstrip("AH"))


def cutoff_for(key: NameKey, cutoff: float = NAME_CUTOFF) -> float:
    """The score a candidate needs against ``key`` (higher for names of few consonants)."""
    return max(cutoff, SHORT_NAME_CUTOFF) if _consonants(key) <= SHORT_NAME_CONSONANTS else cutoff


@lru_cache(maxsize=4096)
def _final_consonants(surface: str) -> frozenset[str]:
    """The last consonant class of each skeleton variant of an Arabic word (empty for a word of vowels only)."""
    return frozenset(s[-1] for s in name_key(surface, "ar").skeletons if s.lstrip("AH"))


def _arabic_sound_alike(index: SearchIndex, match: Match, query_finals: frozenset[str], one_word: bool) -> bool:
    """An Arabic form that only sounds like the query, and fails what an Arabic rendering of it must meet.

    Arabic writes no short vowels, so a romanised Arabic word is a guess and any word with two or three of the
    query's consonants scores near the cutoff (احتمال "likelihood" ~ ألتمان). Below :data:`TRANSLIT_MIN` two
    facts of the script must hold as well:

    - a one-word query matches an Arabic word pair through one of its words, not the pair read as one word
      (إلى تقنية "to technology" ~ Altman): candidates pair every two Arabic words only because Arabic has no
      capitals to show where a name is;
    - the form's last consonant is the query's (after the clitic the variant dropped): a name's final consonant
      survives transliteration, while a common word's ending is its own (احتمال ends in l, Altman in n).
    """
    if match.score >= TRANSLIT_MIN or index.form_scripts[match.index] != "Arabic":
        return False
    if one_word and _is_whole_name_match(index, match):
        return True
    surface = index.table.forms[match.index]
    core = surface[match.lead:len(surface) - match.trail]
    words = core.split()
    finals = _final_consonants(words[-1]) if words else frozenset()
    return bool(query_finals) and bool(finals) and not (finals & query_finals)


def _is_whole_name_match(index: SearchIndex, match: Match) -> bool:
    """For a phrase: the candidate has several parts and the match is on the whole name, not on one part."""
    surface = index.table.forms[match.index]
    parts = split_parts(surface)
    return len(parts) > 1 and match.key not in {name_key(p).rom for p in parts}


def name_matches(index: SearchIndex, text: str, *, cutoff: float = NAME_CUTOFF, same_script: bool = False,
                 whole_name: bool = False) -> list[Match]:
    """Distinct forms matching ``text`` as a name (best first), with the module's extra conditions."""
    key = name_key(text)
    if key.empty:
        return []
    matches = best_matches(key, index.table, cutoff=cutoff_for(key, cutoff))
    query_finals = frozenset(s[-1] for s in key.skeletons if s.lstrip("AH"))
    one_word = len(key.parts) == 1
    matches = [m for m in matches if not _arabic_sound_alike(index, m, query_finals, one_word)]
    if same_script:
        script = script_of(text)
        matches = [m for m in matches if index.form_scripts[m.index] == script]
    if whole_name:
        matches = [m for m in matches if _is_whole_name_match(index, m)]
    return matches


def _one_token(surface: str) -> bool:
    """Whether ``surface`` is one ICU token wherever it occurs: letters, marks and digits of a script without
    dictionary segmentation."""
    return script_of(surface) in UNSEGMENTED_SCRIPTS and all(
        ch.isalnum() or unicodedata.category(ch)[0] == "M" for ch in surface
    )


def _echoes_exact_token(index: SearchIndex, match: Match, norm: str) -> bool:
    """A form the word route finds as it is: one token whose norm is the query's. Its spans are exactly the word
    route's ``exact`` hits (score 1.0, the most direct reason), which win every merge with this route's hits of the
    same spans, so scoring them here again would only double the rows to merge (OpenAI at 100,000 articles:
    481,074 name hits on top of 463,790 word hits)."""
    surface = index.table.forms[match.index]
    return match.lead == 0 and match.trail == 0 and normalise(surface) == norm and _one_token(surface)


def name_hits(index: SearchIndex, text: str, allowed: np.ndarray | None, *, cutoff: float = NAME_CUTOFF,
              same_script: bool = False, whole_name: bool = False, with_word_route: bool = False) -> Hits:
    """Hits of every occurrence of every form that matches ``text`` as a name. ``with_word_route``: the caller
    also searches ``text`` with the word route (exact hits included), so forms that only echo them are skipped."""
    matches = name_matches(index, text, cutoff=cutoff, same_script=same_script, whole_name=whole_name)
    if with_word_route:
        norm = normalise(text)
        matches = [m for m in matches if not _echoes_exact_token(index, m, norm)]
    if not matches:
        return Hits.empty()
    query_script = script_of(text)
    ids = [m.index for m in matches]
    rows = index.span_rows(ids)
    which = np.repeat(np.arange(len(matches), dtype=np.int32), np.diff(index.form_offsets)[ids])  # match per row
    doc = index.span_doc[rows]
    if allowed is not None:
        ok = allowed[doc]
        rows, which, doc = rows[ok], which[ok], doc[ok]
    start, end = index.span_start[rows], index.span_end[rows]
    lead = np.array([m.lead for m in matches], dtype=np.int64)
    trail = np.array([m.trail for m in matches], dtype=np.int64)
    if lead.any() or trail.any():  # a variant dropped a clitic or a suffix: the hit is the name without it
        start, end = start + lead[which], end - trail[which]
    kinds = [
        "translit" if index.form_scripts[m.index] != query_script and m.score >= TRANSLIT_MIN else "fuzzy"
        for m in matches
    ]
    codes = np.array([MATCH_CODE[k] for k in kinds], dtype=np.int8)[which]
    score = np.array([m.score for m in matches], dtype=np.float64)[which]
    hits = Hits(doc.astype(np.int32), start, end, score, codes, which, tuple((m.key, None) for m in matches))
    empty = end <= start
    return hits.take(np.flatnonzero(~empty)) if empty.any() else hits
