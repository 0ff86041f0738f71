"""What differs inside an aligned bead: figures whose values disagree, entities named on one side only.

Paragraphs with no counterpart are differences too, but they need no report of their own: they are the 1-0 and 0-1
beads. Inside a linking bead:

* **Figures** are compared by normalised value (``corpus.figures``: ``700``, ``٧٠٠`` and ``семьсот`` agree). The
  values one side has and the other lacks are paired up by figure kind in reading order (the repost saying 710
  where the original said 700 is one difference with both sides), and the rest stand alone (the other side None).
* **Entities**, when the articles carry the corpus' entity index (:mod:`corpus.entities`): an entity id one side
  mentions and the other does not. Without the index (an article from outside the corpus, a failed build): a
  *strong* entity mention (a Latin brand inside Cyrillic text, a mid-sentence capitalised word, a
  katakana name) whose anchor key the other side lacks, and which no name candidate of the other side matches by
  :func:`corpus.names.best_matches` either (the skeleton keys are coarse; the cross-script name scorer is the
  second opinion that keeps Альтмана from being reported against ألتمان). Weak candidates (every long Arabic
  word) never count as a difference: most of them are not names at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from corpus.align.anchors import Mention
from corpus.align.features import ParagraphFeatures
from corpus.align.result import Alignment, Difference, Side
from corpus.names import KeyTable, best_matches, name_key
from corpus.names.score import DEFAULT_CUTOFF
from corpus.names.variants import form_variants


def add_differences(alignment: Alignment, source: Sequence[ParagraphFeatures],
                    target: Sequence[ParagraphFeatures], source_lang: str = "", target_lang: str = "",
                    *, indexed: bool = False) -> None:
    """Fill ``differences`` of every linking bead of ``alignment`` (in place).

    ``indexed``: both articles carry the corpus' entity mentions (``corpus.entities``); entities are then
    compared by entity id, which the entity linker already matched across scripts.
    """
    source_by_index = {f.index: f for f in source}
    target_by_index = {f.index: f for f in target}
    for bead in alignment.beads:
        if not bead.source or not bead.target:
            bead.differences = []
            continue
        left = [source_by_index[i] for i in bead.source]
        right = [target_by_index[j] for j in bead.target]
        entities = (indexed_entity_differences(left, right) if indexed
                    else entity_differences(left, right, (source_lang, target_lang)))
        bead.differences = figure_differences(left, right) + entities


@lru_cache(maxsize=4096)
def _name_table(surfaces: tuple[str, ...], lang: str) -> KeyTable:
    """Name keys (with inflection/clitic variants) of one bead side's entity candidates, searchable at once
    (cached: aligning the pair again after a fix asks for the same tables)."""
    return KeyTable.build(surfaces, [lang or None] * len(surfaces))


def _mentions(features: Sequence[ParagraphFeatures], kind: str) -> list[Mention]:
    return [m for f in features for m in f.mentions if m.kind == kind]


def _side(mention: Mention | None) -> Side | None:
    if mention is None:
        return None
    # figures: the normalised value; indexed entities: the entity id; other candidates: the key without its
    # namespace (the case-folded Latin token, the romanised consonant skeleton)
    value = mention.value if mention.kind == "figure" or mention.category == "index" else mention.key[1:]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return Side(mention.start, mention.end, mention.surface, value)


def figure_differences(source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures]) -> list[Difference]:
    """Figures of one side whose value the other side does not state, paired by kind in reading order."""
    left, right = _mentions(source, "figure"), _mentions(target, "figure")
    left_keys = defaultdict(int)
    right_keys = defaultdict(int)
    for m in left:
        left_keys[m.key] += 1
    for m in right:
        right_keys[m.key] += 1
    only_left = _unmatched(left, right_keys)
    only_right = _unmatched(right, left_keys)
    differences = []
    by_kind: defaultdict[str, list[Mention]] = defaultdict(list)
    for m in only_right:
        by_kind[m.category].append(m)
    for m in only_left:
        partner = by_kind[m.category].pop(0) if by_kind[m.category] else None
        if partner is not None or not _spelled_out_elsewhere(m):
            differences.append(Difference("figure", _side(m), _side(partner)))
    for remaining in by_kind.values():
        differences += [Difference("figure", None, _side(m)) for m in remaining if not _spelled_out_elsewhere(m)]
    return differences


def _spelled_out_elsewhere(mention: Mention) -> bool:
    """A lone small count (``2つ``, ``1人``) is usually a word the other language does not write as a number
    ("dua", "один"); reporting it would bury the real differences."""
    return mention.category == "count" and isinstance(mention.value, float) and mention.value < 10


def _unmatched(mentions: list[Mention], other_counts: dict[str, int]) -> list[Mention]:
    """Mentions left after cancelling each one against an occurrence of the same key on the other side."""
    available = dict(other_counts)
    left = []
    for m in mentions:
        if available.get(m.key, 0) > 0:
            available[m.key] -= 1
        else:
            left.append(m)
    return left


def indexed_entity_differences(source: Sequence[ParagraphFeatures],
                               target: Sequence[ParagraphFeatures]) -> list[Difference]:
    """Entities of the corpus' entity index mentioned on one side of the bead only (first mention, per side)."""
    left = [m for m in _mentions(source, "entity") if m.category == "index"]
    right = [m for m in _mentions(target, "entity") if m.category == "index"]
    differences = []
    for mentions, others, to_difference in ((left, right, lambda m: Difference("entity", _side(m), None)),
                                            (right, left, lambda m: Difference("entity", None, _side(m)))):
        other_keys = {m.key for m in others}
        seen: set[str] = set()
        for m in mentions:
            if m.key not in other_keys and m.key not in seen:
                seen.add(m.key)
                differences.append(to_difference(m))
    return differences


def entity_differences(source: Sequence[ParagraphFeatures], target: Sequence[ParagraphFeatures],
                       langs: tuple[str, str] = ("", "")) -> list[Difference]:
    """Strong entity mentions of either side that nothing on the other side names (one per key and side)."""
    left, right = _mentions(source, "entity"), _mentions(target, "entity")
    differences = [Difference("entity", _side(m), None) for m in _one_sided(left, right, langs[0], langs[1])]
    differences += [Difference("entity", None, _side(m)) for m in _one_sided(right, left, langs[1], langs[0])]
    return differences


def _one_sided(mentions: list[Mention], others: list[Mention], lang: str, other_lang: str) -> list[Mention]:
    """The strong ``mentions`` no mention of ``others`` names, by anchor key or by cross-script name score."""
    other_keys = {m.key for m in others}
    other_table: KeyTable | None = None
    seen: set[str] = set()
    spans: set[tuple[int, int]] = set()
    found = []
    for m in mentions:
        if not m.strong or m.key in other_keys or m.key in seen or (m.start, m.end) in spans:
            continue
        seen.add(m.key)
        spans.add((m.start, m.end))
        queries = [name_key(m.surface, lang or None)]
        queries += [name_key(v.form, lang or None) for v in form_variants(m.surface, lang or None)]
        if queries[0].empty:
            continue
        if other_table is None:  # built only for a bead that has a candidate left after the key match
            other_table = _name_table(tuple(sorted({o.surface for o in others})), other_lang)
        if not any(best_matches(query, other_table, DEFAULT_CUTOFF, limit=1) for query in queries):
            found.append(m)
    return found
