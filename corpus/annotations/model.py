"""An annotation: a labelled, optionally noted span of one article, anchored so that it survives edits.

The anchor is threefold, as in the W3C Web Annotation model: character offsets (fast, exact while the article is
unchanged), the article's content hash at creation (tells us when offsets may be stale) and a quote selector
(the exact text plus up to ``CONTEXT_CHARS`` characters either side) used to find the span again after an edit.
Offsets are Python str indices, end exclusive (CONVENTIONS.md).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, fields
from typing import Any

from corpus.store import timestamps

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Annotation:
    id: str                 # UUID4, lower-case hex with dashes (exported as urn:uuid:<id>)
    doc_id: str
    start: int
    end: int
    exact: str              # text[start:end] when anchored
    prefix: str             # up to CONTEXT_CHARS characters before start
    suffix: str             # up to CONTEXT_CHARS characters after end
    content_hash: str       # the article's content hash when the anchor was last placed
    label: str
    note: str
    created: str            # ISO 8601 UTC (corpus.store.timestamps)
    modified: str           # last change by the user (re-anchoring does not count)
    orphan: bool = False    # the quote could not be found in the current article text; kept, never dropped

    def to_record(self) -> dict[str, Any]:
        """A flat dict of every field (the plain JSON Lines / CSV / Parquet row)."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Annotation:
        """The inverse of ``to_record``, checking and coercing types (CSV gives strings); ValueError if invalid."""
        missing = [f.name for f in fields(cls) if f.name not in record and f.name != "orphan"]
        if missing:
            raise ValueError(f"missing field(s): {', '.join(missing)}")
        annotation = cls(
            id=normalise_id(str(record["id"])),
            doc_id=str(record["doc_id"]),
            start=int(record["start"]),
            end=int(record["end"]),
            exact=str(record["exact"]),
            prefix=_text(record["prefix"]),
            suffix=_text(record["suffix"]),
            content_hash=str(record["content_hash"]),
            label=str(record["label"]),
            note=_text(record["note"]),
            created=timestamps.normalise(str(record["created"])),
            modified=timestamps.normalise(str(record["modified"])),
            orphan=_flag(record.get("orphan", False)),
        )
        annotation.validate()
        return annotation

    def validate(self) -> None:
        """Raise ValueError unless the fields describe a usable annotation."""
        if not 0 <= self.start < self.end:
            raise ValueError(f"need 0 <= start < end, got start={self.start} end={self.end}")
        if not self.exact:
            raise ValueError("the quoted text (exact) is empty")
        if not self.label:
            raise ValueError("the label is empty")
        if not self.doc_id:
            raise ValueError("the doc_id is empty")


def quote_selector(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(prefix, exact, suffix) of ``text[start:end]`` with ``CONTEXT_CHARS`` of context either side."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[start:end], text[end : end + CONTEXT_CHARS]


def new_annotation(
    *, doc_id: str, text: str, start: int, end: int, label: str, content_hash: str, note: str = ""
) -> Annotation:
    """A fresh annotation of ``text[start:end]`` (not yet stored); ValueError for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}:{end} is empty or outside the article (length {len(text)})")
    prefix, exact, suffix = quote_selector(text, start, end)
    stamp = timestamps.now()
    annotation = Annotation(
        id=str(uuid.uuid4()), doc_id=doc_id, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
        content_hash=content_hash, label=label, note=note, created=stamp, modified=stamp,
    )
    annotation.validate()
    return annotation


def normalise_id(value: str) -> str:
    """An annotation id from ``urn:uuid:…`` or a bare UUID, as canonical lower-case UUID text."""
    bare = value[len("urn:uuid:"):] if value.lower().startswith("urn:uuid:") else value
    return str(uuid.UUID(bare))


def _text(value: Any) -> str:
    """Optional text columns: CSV and Parquet readers may hand back None for an empty cell."""
    return "" if value is None else str(value)


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes"}:
            return True
        if lowered in {"0", "false", "no", ""}:
            return False
        raise ValueError(f"orphan must be true/false, got {value!r}")
    return bool(value)
