"""An alignment of two articles as beads, and its JSON form (the ``babelscope align --json`` contract, issue 5).

Beads hold paragraph *indices* (the ``index`` column of the paragraphs frame), in reading order; every paragraph
of either article is in exactly one bead. ``score`` is a confidence in 0..1: for a linking bead, that the link is
right; for a 1-0 / 0-1 bead, that the paragraph really has no counterpart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus.align.features import Paragraph


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a difference: a span of the article and what it says."""

    start: int
    end: int
    surface: str
    value: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "surface": self.surface, "value": self.value}


@dataclass(frozen=True, slots=True)
class Difference:
    """A figure whose value differs, or an entity named on one side only (the other side is then None)."""

    kind: str  # "figure" | "entity"
    source: Side | None
    target: Side | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
        }


@dataclass(slots=True)
class Bead:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
    differences: list[Difference] = field(default_factory=list)
    fixed: bool = False  # pinned by a user fix

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.source), len(self.target)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": list(self.source),
            "target": list(self.target),
            "score": round(self.score, 4),
            "differences": [difference.to_json() for difference in self.differences],
        }


def bead_marks(bead: Bead) -> str:
    """Two marks every front end shows for a bead: ``✎`` fixed by the user (else a space), then ``≠`` it holds
    differences, ``∅`` a paragraph without counterpart (else a space)."""
    fixed = "✎" if bead.fixed else " "
    if bead.differences:
        return fixed + "≠"
    return fixed + ("∅" if not bead.source or not bead.target else " ")


@dataclass(slots=True)
class Alignment:
    """The beads of one source/target pair plus the paragraphs they cover."""

    beads: list[Bead]
    source_paragraphs: list[Paragraph]
    target_paragraphs: list[Paragraph]

    def links(self) -> set[tuple[int, int]]:
        """Every (source index, target index) pair a bead joins: the unit of link precision/recall."""
        return {(i, j) for bead in self.beads for i in bead.source for j in bead.target}

    def check(self) -> None:
        """Raise ValueError unless every paragraph is in exactly one bead and the beads are in reading order."""
        for side, paragraphs in (("source", self.source_paragraphs), ("target", self.target_paragraphs)):
            seen = [index for bead in self.beads for index in getattr(bead, side)]
            expected = [paragraph[0] for paragraph in paragraphs]
            if seen != expected:
                raise ValueError(f"{side} paragraphs are not covered once each in reading order")

    def to_json(self, source_doc: dict[str, Any], target_doc: dict[str, Any]) -> dict[str, Any]:
        """The CLI JSON object; ``*_doc`` supply ``doc_id``, ``path`` and ``lang`` (the caller knows them)."""
        def block(doc: dict[str, Any], paragraphs: list[Paragraph]) -> dict[str, Any]:
            return {
                "doc_id": doc["doc_id"],
                "path": doc["path"],
                "lang": doc["lang"],
                "paragraphs": [
                    {"index": index, "start": start, "end": end, "kind": kind}
                    for index, start, end, kind in paragraphs
                ],
            }

        return {
            "source": block(source_doc, self.source_paragraphs),
            "target": block(target_doc, self.target_paragraphs),
            "beads": [bead.to_json() for bead in self.beads],
        }
