"""Value objects and frame schemas of the entity layer, and the stable entity id.

An entity id is derived from the entity's canonical Latin name and type (a short hash), never from a run or a
cluster number: re-ingesting the same corpus gives the same ids, so the user's edits (stored by id) still apply.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

import polars as pl

from corpus.entities.lexicon import TYPES

ENTITIES_SCHEMA = {
    "id": pl.String, "type": pl.String, "name": pl.String, "n_mentions": pl.Int64, "n_docs": pl.Int64,
}
NAMES_SCHEMA = {"entity_id": pl.String, "lang": pl.String, "name": pl.String, "count": pl.Int64}
MENTIONS_SCHEMA = {
    "entity_id": pl.String, "doc_id": pl.String, "start": pl.Int64, "end": pl.Int64, "surface": pl.String,
    "lang": pl.String, "type": pl.String,
}
SUGGESTIONS_SCHEMA = {"a": pl.String, "b": pl.String, "score": pl.Float64, "evidence": pl.String}
# What the extractor hands to the linker (cached per corpus): one row per mention.
RAW_MENTIONS_SCHEMA = {
    "doc_id": pl.String, "start": pl.Int64, "end": pl.Int64, "surface": pl.String, "lang": pl.String,
    "source": pl.String,      # latin | cap | arabic | kana | han | hanpart | gloss | gazetteer | dictionary
    "link": pl.String,        # canonical name from a gazetteer/alias row, else null
    "per": pl.Float64, "org": pl.Float64, "loc": pl.Float64, "product": pl.Float64,  # type cue weights
}


def entity_id(name: str, etype: str) -> str:
    """``per-1a2b3c4d5e``: a short hash of the type and the case/width-folded canonical name."""
    folded = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    digest = hashlib.blake2b(f"{etype}\x1f{folded}".encode(), digest_size=5).hexdigest()
    return f"{etype.lower()}-{digest}"


@dataclass(slots=True)
class Candidate:
    """A mention found in one article, before linking. ``votes`` weighs the typing cues seen around it."""

    doc_id: str
    start: int
    end: int
    surface: str
    lang: str
    source: str
    link: str | None = None
    votes: dict[str, float] = field(default_factory=dict)

    def vote(self, etype: str, weight: float) -> None:
        assert etype in TYPES
        self.votes[etype] = self.votes.get(etype, 0.0) + weight

    def row(self) -> tuple:
        v = self.votes
        return (
            self.doc_id, self.start, self.end, self.surface, self.lang, self.source, self.link,
            v.get("PER", 0.0), v.get("ORG", 0.0), v.get("LOC", 0.0), v.get("PRODUCT", 0.0),
        )
