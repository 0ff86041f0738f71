"""The listing view of annotations: the flat record ``babelscope annotations list --json`` prints and the
annotations screen shows, with the article's file path joined in.

One definition for both front ends, so a script reading the CLI and a user reading the screen see the same
fields. ``quote`` is the annotation's exact text (the W3C ``exact``), renamed for people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from corpus.annotations.model import Annotation

if TYPE_CHECKING:
    import polars as pl

    from corpus.collection import Corpus

FIELDS = ("id", "doc_id", "path", "start", "end", "quote", "label", "note", "created", "modified", "orphan")


def paths_by_doc(corpus: Corpus) -> dict[str, str]:
    """doc_id → file path relative to the corpus root, for every article of the corpus."""
    documents = corpus.documents
    return dict(zip(documents["doc_id"].to_list(), documents["path"].to_list()))


def path_of(doc_id: str, paths: Mapping[str, str]) -> str:
    """The article's path; for an article no longer in the corpus, the path part of its doc_id (``a.jsonl#3``)."""
    return paths.get(doc_id) or doc_id.split("#", 1)[0]


def listing_record(annotation: Annotation, paths: Mapping[str, str]) -> dict[str, Any]:
    return {
        "id": annotation.id,
        "doc_id": annotation.doc_id,
        "path": path_of(annotation.doc_id, paths),
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.exact,
        "label": annotation.label,
        "note": annotation.note,
        "created": annotation.created,
        "modified": annotation.modified,
        "orphan": annotation.orphan,
    }


def listing_frame(annotations: Iterable[Annotation], paths: Mapping[str, str]) -> pl.DataFrame:
    """The listing records as a typed Polars frame (the annotations screen sorts and filters it)."""
    import polars as pl

    schema = {
        "id": pl.String, "doc_id": pl.String, "path": pl.String, "start": pl.Int64, "end": pl.Int64,
        "quote": pl.String, "label": pl.String, "note": pl.String, "created": pl.String, "modified": pl.String,
        "orphan": pl.Boolean,
    }
    rows = [tuple(listing_record(a, paths).values()) for a in annotations]
    return pl.DataFrame(rows, schema=schema, orient="row")
