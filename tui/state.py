"""App-wide state that outlives a screen: the active highlight set that ``n``/``N`` walk.

The set is whatever the user last asked to see: the last search's hits or the selected entity's mentions, across
articles, in reading order. Screens read it; the app owns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: str
    start: int
    end: int


@dataclass
class HighlightSet:
    label: str = ""
    hits: list[Hit] = field(default_factory=list)
    index: int = -1

    def in_doc(self, doc_id: str) -> list[Hit]:
        return [h for h in self.hits if h.doc_id == doc_id]

    def step(self, delta: int, doc_id: str | None = None, offset: int | None = None) -> Hit | None:
        """Move to the next (+1) or previous (-1) hit; from ``offset`` in ``doc_id`` when the cursor moved."""
        if not self.hits:
            return None
        if self.index < 0 and doc_id is not None and offset is not None:
            after = [i for i, h in enumerate(self.hits) if h.doc_id == doc_id and h.start >= offset]
            self.index = (after[0] - 1) if after and delta > 0 else (after[0] if after else -1)
        self.index = (self.index + delta) % len(self.hits)
        return self.hits[self.index]

    def current(self) -> Hit | None:
        return self.hits[self.index] if 0 <= self.index < len(self.hits) else None
