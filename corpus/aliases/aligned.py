"""Aliases from translations: names that co-occur in aligned paragraphs of translated article pairs.

A translation says the same thing paragraph by paragraph, so where one paragraph names ``White House`` and its
translation names ``البيت الأبيض``, and everything else the two paragraphs name is accounted for by sound, those two
names are very likely one thing. The rules are conservative on purpose (a wrong alias merges two entities):

1. only article pairs the aligner flags as translations (:func:`corpus.align.pairs.propose_pairs`: mutual best
   matches in two languages, beating both runners-up by a margin), aligned without the entity layer;
2. only 1-1 beads whose alignment score is at least :data:`MIN_BEAD_SCORE`;
3. in such a bead, a name is *accounted for* when it sounds like a name of the other side (``corpus.names``
   similarity of the whole names at :data:`SOUND_MATCH`, or of two of their parts at :data:`BARE_MATCH`, or more)
   or is written the same.
   **Both sides named:** each side has exactly one distinct name left, in different scripts, and their types do
   not clash (a person never pairs with a non-person): the two are paired.
   **One side named:** a script without capitals (Arabic, Chinese, Japanese) often has no extracted mention for a
   translated name (وادي السيليكون, 硅谷). Then the name left on the cased side must be the only one left in at
   least :data:`MIN_COOCCURRING` beads, and the other side's name candidate (:func:`corpus.names.name_candidates`,
   not overlapping a mention) must occur in exactly the beads whose paragraph names it — in all of them and in no
   other confident bead of the article — and be the only such candidate not contained in another one;
4. a name paired with two different names across the corpus is dropped altogether (the evidence disagrees).

The names are the entity layer's mentions (any frame with ``doc_id, start, end, surface, lang`` and the type vote
columns ``per, org, loc, product``), so what pairs up is what the entity pane shows. The result is a frame
(:data:`ALIGNED_SCHEMA`) cached with the entity result; :func:`groups` turns it into alias groups for search.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate
from operator import itemgetter
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from corpus.aliases.sources import AliasGroup
from corpus.names import name_candidates, name_key, similarity
from corpus.names.romanise import script_of, split_parts
from corpus.stages import ALIGNING, PAIRING, StageProgress, stage_callback

ORIGIN = "aligned"
#: A bead must be at least this confident (0..1, the aligner's score) to pair its leftover names.
MIN_BEAD_SCORE = 0.9
#: A name paired with a bare name candidate of the other side must be the only one left in this many beads.
MIN_COOCCURRING = 2
#: Scripts without capitals, where a translated name may have no mention: read through name candidates.
UNCASED_SCRIPTS = frozenset({"Arabic", "Han", "Katakana", "Hiragana", "Japanese"})
#: Two names sound alike (so neither is left over) from this similarity of the whole names...
SOUND_MATCH = 0.7
#: ... and from this one of two of their parts, or of a name and a bare candidate (any word of an Arabic
#: paragraph: البيت ~ White scores 0.70).
BARE_MATCH = 0.8
_START = itemgetter(1)  # of a (surface, start, end) candidate
ALIGNED_SCHEMA = {
    "a": pl.String, "a_lang": pl.String, "b": pl.String, "b_lang": pl.String, "beads": pl.Int64,
    "source": pl.String, "target": pl.String,
}


def _kind(votes: tuple[float, float, float, float]) -> str | None:
    """``PER``, ``other`` or None (no cue either way): only a person/non-person clash blocks a pair."""
    per, org, loc, product = votes
    if per == org == loc == product == 0:
        return None
    return "PER" if per > max(org, loc, product) else "other"


@lru_cache(maxsize=1 << 16)  # the same names meet in bead after bead
def _sounds_alike(a: tuple[str, str], b: tuple[str, str], cutoff: float = SOUND_MATCH) -> bool:
    (form_a, lang_a), (form_b, lang_b) = a, b
    if form_a.casefold() == form_b.casefold():
        return True
    if similarity(name_key(form_a, lang_a), name_key(form_b, lang_b)) >= cutoff:
        return True
    # A part stands for the whole name only as its last part (Altman ~ Sam Altman): a first part that sounds alike
    # while the rest is translated (Silicon Valley ~ وادي السيليكون, whose السيليكون is Silicon) leaves a pair
    # for the alias rules.
    last_a = [p for p in split_parts(form_a)[-1:] if len(p) >= 2]
    last_b = [p for p in split_parts(form_b)[-1:] if len(p) >= 2]
    return any(similarity(name_key(pa, lang_a), name_key(pb, lang_b)) >= max(cutoff, BARE_MATCH)
               for pa in last_a for pb in last_b if (pa, pb) != (form_a, form_b))


def _leftover(side: list[tuple[str, str, str | None]], other: list[tuple[str, str, str | None]]):
    """The distinct names of ``side`` that no name of ``other`` accounts for."""
    return {(form, lang, kind) for form, lang, kind in side
            if not any(_sounds_alike((form, lang), (o_form, o_lang)) for o_form, o_lang, _ in other)}


def bead_pair(source: list[tuple[str, str, str | None]],
              target: list[tuple[str, str, str | None]]) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """The one pair of leftover names of a confident 1-1 bead (``(form, lang, kind)`` per name), or None."""
    return _pair_of(_leftover(source, target), _leftover(target, source))


def _pair_of(left_a: set, left_b: set) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """:func:`bead_pair` from the two sides' leftover names."""
    if len({f for f, _, _ in left_a}) != 1 or len({f for f, _, _ in left_b}) != 1:
        return None
    (form_a, lang_a, kind_a), (form_b, lang_b, kind_b) = next(iter(left_a)), next(iter(left_b))
    if script_of(form_a) == script_of(form_b) or (kind_a and kind_b and kind_a != kind_b):
        return None
    return (form_a, lang_a), (form_b, lang_b)


@dataclass
class _Bead:
    """One confident 1-1 bead seen from one side: that side's names, the other side's names and bare name
    candidates (surfaces), and, when exactly one name is left on this side and none on the other, that name."""

    names: set[str]
    other_candidates: set[str]        # bare candidates that sound like no name of this side
    other_all: set[str]               # every bare candidate (what exclusivity is checked against)
    lonely: tuple[str, str] | None


def harvest(corpus, mentions: pl.DataFrame, progress: StageProgress | None = None) -> pl.DataFrame:
    """Name pairs of the corpus's translations (:data:`ALIGNED_SCHEMA`: one row per pair, with the number of
    beads that support it and the first article pair it came from). ``progress`` hears the two long stages:
    ``PAIRING`` (articles whose anchors are read, to find the translations) and ``ALIGNING`` (translation pairs
    aligned)."""
    from corpus.align.articles import Article  # the aligner imports the entity layer, which calls this
    from corpus.align.pairs import propose_pairs
    from corpus.align.service import align_articles

    if corpus.documents["lang"].drop_nulls().n_unique() < 2:
        return pl.DataFrame(schema=ALIGNED_SCHEMA)  # one language: no translations to read (and no pair features)
    pairs = [p for p in propose_pairs(corpus, progress=stage_callback(progress, PAIRING)) if p.translation]
    if not pairs:
        return pl.DataFrame(schema=ALIGNED_SCHEMA)
    wanted = sorted({d for p in pairs for d in (p.source, p.target)})
    by_doc: dict[str, list[tuple[int, int, str, str, str | None]]] = defaultdict(list)
    rows = mentions.filter(pl.col("doc_id").is_in(wanted)).select(
        "doc_id", "start", "end", "surface", "lang", "per", "org", "loc", "product").iter_rows()
    for doc_id, start, end, surface, lang, *votes in rows:
        by_doc[doc_id].append((start, end, surface, lang, _kind(tuple(votes))))
    candidates = _bare_candidates(corpus, wanted, by_doc)
    by_lang = {doc_id: corpus.document(doc_id)["lang"] or "und" for doc_id in wanted}
    support: dict[tuple[tuple[str, str], tuple[str, str]], list] = {}
    # per (named side's doc, other side's doc): the confident beads, for the one-side-named rule
    seen: dict[tuple[str, str], list[_Bead]] = defaultdict(list)
    for done, pair in enumerate(pairs):
        if progress:
            progress(ALIGNING, done, len(pairs))
        source, target = Article.from_corpus(corpus, pair.source), Article.from_corpus(corpus, pair.target)
        alignment = align_articles(source, target).alignment
        spans_a = {p[0]: (p[1], p[2]) for p in alignment.source_paragraphs}
        spans_b = {p[0]: (p[1], p[2]) for p in alignment.target_paragraphs}
        for bead in alignment.beads:
            if bead.shape != (1, 1) or bead.score < MIN_BEAD_SCORE:
                continue
            span_a, span_b = spans_a[bead.source[0]], spans_b[bead.target[0]]
            names_a, names_b = _inside(by_doc[pair.source], span_a), _inside(by_doc[pair.target], span_b)
            left_a, left_b = _leftover(names_a, names_b), _leftover(names_b, names_a)
            found = _pair_of(left_a, left_b)
            if found is not None:
                entry = support.setdefault(found, [0, pair.source, pair.target])
                entry[0] += 1
            for doc, names, left, other_doc, other_span, other_left in (
                (pair.source, names_a, left_a, pair.target, span_b, left_b),
                (pair.target, names_b, left_b, pair.source, span_a, left_a),
            ):
                seen[(doc, other_doc)].append(
                    _side(names, left, other_left, candidates[other_doc], other_span, by_lang[other_doc]))
    for (doc, other_doc), beads in seen.items():
        for named, bare, count in _cooccurring(beads):
            if script_of(named[0]) not in UNCASED_SCRIPTS and script_of(bare) in UNCASED_SCRIPTS:
                entry = support.setdefault((named, (bare, by_lang[other_doc])), [0, doc, other_doc])
                entry[0] += count
    return pl.DataFrame([(a, la, b, lb, n, s, t) for ((a, la), (b, lb)), (n, s, t) in _consistent(support).items()],
                        schema=ALIGNED_SCHEMA, orient="row")


def _side(names: list[tuple[str, str, str | None]], left: set, other_left: set,
          candidates: list[tuple[str, int, int]], span: tuple[int, int], other_lang: str) -> _Bead:
    """The bead seen from the side naming ``names`` (``left`` of them not accounted for by the other side's
    names; ``other_left``: the other side's names not accounted for; ``candidates``: its bare candidates)."""
    inside = candidates[bisect_left(candidates, span[0], key=_START):bisect_left(candidates, span[1], key=_START)]
    bare_all = {c for c, _, end in inside if end <= span[1]}  # (candidates come sorted by offset)
    lonely = None
    if left and not other_left and script_of(next(iter(left))[0]) not in UNCASED_SCRIPTS:
        # a name the other side writes as a bare candidate by sound (Nvidia, إنفيديا) is accounted for too
        left = {n for n in left if not any(_sounds_alike(n[:2], (c, other_lang), BARE_MATCH) for c in bare_all)}
        lonely = next(iter(left))[:2] if len({f for f, _, _ in left}) == 1 else None
    bare = set() if lonely is None else {  # (only a lonely name's beads are intersected)
        c for c in bare_all if not any(_sounds_alike((c, other_lang), (n, lang), BARE_MATCH) for n, lang, _ in names)}
    return _Bead({n for n, _, _ in names}, bare, bare_all, lonely)


def _bare_candidates(corpus, doc_ids: list[str], by_doc) -> dict[str, list[tuple[str, int, int]]]:
    """Name candidates of each article in a script without capitals that overlap none of its mentions."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    tokens = corpus.tokens.filter(pl.col("doc_id").is_in(doc_ids))
    for doc_id in doc_ids:
        text = corpus.document(doc_id)["text"]
        free = _Free([(start, end) for start, end, *_ in by_doc[doc_id]])
        spans = name_candidates(text, tokens.filter(pl.col("doc_id") == doc_id))
        out[doc_id] = [(span.surface, span.start, span.end) for span in spans
                       if script_of(span.surface) in UNCASED_SCRIPTS and free(span.start, span.end)]
    return out


class _Free:
    """Whether a span overlaps none of the given spans: a look-up, not a scan of every mention per candidate."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        taken = sorted(taken)
        self.starts = [start for start, _ in taken]
        self.reach = list(accumulate((end for _, end in taken), max))  # farthest end among the first k spans

    def __call__(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # spans starting before this one ends
        return before == 0 or self.reach[before - 1] <= start


def _cooccurring(beads: list[_Bead]) -> list[tuple[tuple[str, str], str, int]]:
    """(name, candidate, beads) by the one-side-named rule (module docstring, rule 3). A candidate of several
    words whose first or last word occurs outside the naming beads has a common word glued on (في وادي): out."""
    lonely: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, bead in enumerate(beads):
        if bead.lonely:
            lonely[bead.lonely].append(i)
    out = []
    for name, indexes in lonely.items():
        naming = {i for i, bead in enumerate(beads) if name[0] in bead.names}
        if len(indexes) < MIN_COOCCURRING or set(indexes) != naming:
            continue
        elsewhere = set().union(*(bead.other_all for j, bead in enumerate(beads) if j not in naming))
        shared = set.intersection(*(beads[i].other_candidates for i in indexes))
        exclusive = {c for c in shared if c not in elsewhere
                     and not any(edge in elsewhere for edge in (c.split()[0], c.split()[-1]))}
        maximal = [c for c in exclusive if not any(c != d and c in d for d in exclusive)]
        if len(maximal) == 1:
            out.append((name, maximal[0], len(indexes)))
    return out


def _inside(mentions: list[tuple[int, int, str, str, str | None]], span: tuple[int, int]):
    return [(surface, lang, kind) for start, end, surface, lang, kind in mentions
            if span[0] <= start and end <= span[1]]


def _consistent(support: dict) -> dict:
    """Pairs whose names pair with nothing else anywhere in the corpus."""
    partners: dict[tuple[str, str], set] = defaultdict(set)
    for a, b in support:
        partners[a].add(b)
        partners[b].add(a)
    return {(a, b): v for (a, b), v in support.items() if len(partners[a]) == 1 and len(partners[b]) == 1}


def pairs_of(frame: pl.DataFrame) -> list[tuple[str, str]]:
    """``(a, b)`` surface pairs of a harvest frame."""
    return list(frame.select("a", "b").iter_rows())


def groups(frame: pl.DataFrame) -> list[AliasGroup]:
    """The harvest as alias groups (origin ``aligned``) for the search's alias book."""
    return [AliasGroup((a, b), ORIGIN) for a, b in pairs_of(frame)]

