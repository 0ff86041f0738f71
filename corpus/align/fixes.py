"""The user's alignment fixes: what merge, split, unlink and link mean, how they are stored, how they come back.

A fix is stored as its *effect* (store migration v0005): ``link`` rows pin a bead, ``unlink`` rows leave
paragraphs without counterpart. Turning the rows into :class:`corpus.align.dp.Constraints`:

* newer actions win: rows are read newest first and a row touching a paragraph a newer row already claimed is
  skipped (merging two beads and then splitting the result leaves only the split);
* every paragraph reference is re-anchored: by index when the article's content hash is unchanged, else by its
  quote at the stored offset, else by the quote anywhere in the text; a row with a paragraph that cannot be
  found is an *orphan*, reported and ignored (nothing is deleted: it comes back if the text does).

Operations work on the beads the user sees; they return the rows to write, so the screen and the tests share one
definition of what "merge" does.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.align.articles import Article
from corpus.align.dp import Constraints
from corpus.align.result import Alignment
from corpus.store import Store
from corpus.store import timestamps

#: Characters of a paragraph kept as its quote (enough to find it again, short enough to store cheaply).
QUOTE_CHARS = 80
OPERATIONS = ("merge", "split", "unlink", "link")


class FixError(ValueError):
    """An operation that makes no sense on the chosen beads (the message says why, for the status line)."""


@dataclass(frozen=True, slots=True)
class FixRow:
    """One constraint: ``effect`` is ``link`` (these paragraphs form one bead) or ``unlink`` (no counterpart)."""

    effect: str
    source: tuple[int, ...]
    target: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class LoadedFixes:
    constraints: Constraints
    actions: int  # user actions stored for the pair
    orphans: int  # rows whose paragraphs could not be found again


# --- operations ------------------------------------------------------------------------------------------------

def merge(alignment: Alignment, bead: int) -> list[FixRow]:
    """Join bead ``bead`` with the next one into one linking bead."""
    if bead + 1 >= len(alignment.beads):
        raise FixError("the last bead has no next bead to merge with")
    first, second = alignment.beads[bead], alignment.beads[bead + 1]
    source, target = first.source + second.source, first.target + second.target
    if not source or not target:
        raise FixError("merging these beads would still leave one side empty; use link instead")
    return [FixRow("link", source, target)]


def split(alignment: Alignment, bead: int) -> list[FixRow]:
    """Cut a bead after its first paragraph on each side; a remainder with nothing opposite stays unaligned."""
    current = alignment.beads[bead]
    if len(current.source) < 2 and len(current.target) < 2:
        raise FixError("a bead of one paragraph per side cannot be split; use unlink")
    if not current.source or not current.target:
        raise FixError("this paragraph has no counterpart: nothing to split")
    rows = [FixRow("link", current.source[:1], current.target[:1])]
    rest_source, rest_target = current.source[1:], current.target[1:]
    rows.append(FixRow("link" if rest_source and rest_target else "unlink", rest_source, rest_target))
    return rows


def unlink(alignment: Alignment, bead: int) -> list[FixRow]:
    """Leave every paragraph of the bead without counterpart."""
    current = alignment.beads[bead]
    if not current.source or not current.target:
        raise FixError("this paragraph is already unaligned")
    return [FixRow("unlink", current.source, current.target)]


def link(source: Sequence[int], target: Sequence[int]) -> list[FixRow]:
    """Pin the given paragraphs (contiguous on each side) into one bead."""
    source, target = tuple(sorted(source)), tuple(sorted(target))
    if not source or not target:
        raise FixError("a link needs at least one paragraph on each side")
    for side in (source, target):
        if any(b != a + 1 for a, b in zip(side, side[1:], strict=False)):
            raise FixError("linked paragraphs must follow each other on each side")
    return [FixRow("link", source, target)]


# --- storage ---------------------------------------------------------------------------------------------------

def _reference(article: Article, index: int) -> dict[str, object]:
    _, start, end, _ = article.paragraphs[index]
    return {"index": index, "start": start, "end": end, "quote": article.text[start:min(end, start + QUOTE_CHARS)]}


def _oriented(source: Article, target: Article) -> bool:
    """Whether the pair is stored as given (source = ``a``) rather than swapped."""
    return source.doc_id <= target.doc_id


class FixStore:
    """Alignment fixes in the corpus store (table ``alignment_fixes``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, source: Article, target: Article, operation: str, rows: Sequence[FixRow]) -> int:
        """Record one user action (its rows together, in one transaction); returns its action id."""
        if operation not in OPERATIONS:
            raise ValueError(f"unknown operation {operation!r}; expected one of {OPERATIONS}")
        a, b = (source, target) if _oriented(source, target) else (target, source)
        created = timestamps.now()
        with self.store.transaction() as conn:
            action = conn.execute("SELECT coalesce(max(action_id), 0) + 1 FROM alignment_fixes").fetchone()[0]
            for row in rows:
                a_side, b_side = (row.source, row.target) if a is source else (row.target, row.source)
                conn.execute(
                    """INSERT INTO alignment_fixes (action_id, operation, effect, doc_a, doc_b, hash_a, hash_b,
                                                    paragraphs_a, paragraphs_b, created)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (action, operation, row.effect, a.doc_id, b.doc_id, a.content_hash, b.content_hash,
                     json.dumps([_reference(a, i) for i in a_side], ensure_ascii=False),
                     json.dumps([_reference(b, j) for j in b_side], ensure_ascii=False), created),
                )
        return int(action)

    def undo(self, source: Article, target: Article) -> bool:
        """Remove the pair's most recent action; False when there is none."""
        a, b = sorted((source.doc_id, target.doc_id))
        with self.store.transaction() as conn:
            row = conn.execute("SELECT max(action_id) FROM alignment_fixes WHERE doc_a = ? AND doc_b = ?",
                               (a, b)).fetchone()
            if row[0] is None:
                return False
            conn.execute("DELETE FROM alignment_fixes WHERE action_id = ?", (row[0],))
        return True

    def clear(self, source: Article, target: Article) -> int:
        """Remove every fix of the pair; returns how many actions were removed."""
        a, b = sorted((source.doc_id, target.doc_id))
        with self.store.transaction() as conn:
            count = conn.execute("SELECT count(DISTINCT action_id) FROM alignment_fixes WHERE doc_a = ? AND doc_b = ?",
                                 (a, b)).fetchone()[0]
            conn.execute("DELETE FROM alignment_fixes WHERE doc_a = ? AND doc_b = ?", (a, b))
        return int(count)

    def load(self, source: Article, target: Article) -> LoadedFixes:
        """The pair's fixes as aligner constraints, oriented as ``source`` → ``target``."""
        a, b = (source, target) if _oriented(source, target) else (target, source)
        rows = self.store.query(
            """SELECT action_id, effect, hash_a, hash_b, paragraphs_a, paragraphs_b FROM alignment_fixes
               WHERE doc_a = ? AND doc_b = ? ORDER BY action_id DESC, id DESC""", (a.doc_id, b.doc_id))
        claimed_a: set[int] = set()
        claimed_b: set[int] = set()
        kept: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
        orphans = 0
        for row in rows:
            side_a = _resolve(a, row["hash_a"], json.loads(row["paragraphs_a"]))
            side_b = _resolve(b, row["hash_b"], json.loads(row["paragraphs_b"]))
            if side_a is None or side_b is None:
                orphans += 1
                continue
            if claimed_a.intersection(side_a) or claimed_b.intersection(side_b):
                continue  # a newer action decided about these paragraphs
            claimed_a.update(side_a)
            claimed_b.update(side_b)
            kept.append((row["effect"], side_a, side_b))
        kept.reverse()  # oldest first: Constraints lets the last fix win where fixed beads cross
        if a is not source:
            kept = [(effect, side_b, side_a) for effect, side_a, side_b in kept]
        constraints = Constraints(
            fixed=tuple((s, t) for effect, s, t in kept if effect == "link"),
            unlinked_source=frozenset(i for effect, s, _ in kept if effect == "unlink" for i in s),
            unlinked_target=frozenset(j for effect, _, t in kept if effect == "unlink" for j in t),
        )
        actions = len({row["action_id"] for row in rows})
        return LoadedFixes(constraints, actions, orphans)


def _resolve(article: Article, stored_hash: str, references: list[dict]) -> tuple[int, ...] | None:
    """Paragraph indices of ``references`` in the article as it is now, or None if one is gone."""
    if stored_hash == article.content_hash:
        indices = [int(reference["index"]) for reference in references]
        return tuple(indices) if all(0 <= i < len(article.paragraphs) for i in indices) else None
    found = []
    for reference in references:
        index = _find_paragraph(article, reference)
        if index is None:
            return None
        found.append(index)
    return tuple(found)


def _find_paragraph(article: Article, reference: dict) -> int | None:
    quote = str(reference["quote"])
    start = int(reference["start"])
    for index, paragraph_start, _, _ in article.paragraphs:
        if paragraph_start == start and article.text.startswith(quote, start):
            return index
    position = article.text.find(quote) if quote else -1
    if position < 0:
        return None
    for index, paragraph_start, paragraph_end, _ in article.paragraphs:
        if paragraph_start <= position < paragraph_end:
            return index
    return None


def bead_of(alignment: Alignment, side: str, index: int) -> int:
    """Position in ``alignment.beads`` of the bead holding paragraph ``index`` of ``side`` (source/target)."""
    for position, bead in enumerate(alignment.beads):
        if index in getattr(bead, side):
            return position
    raise KeyError(f"no bead holds {side} paragraph {index}")

