"""Annotations (issue 6): model, repository over the store, re-anchoring, export/import.

Thin entry points for the CLI and the TUI; see docs/store.md for the schema and examples.
"""

from corpus.annotations.anchoring import ReanchorReport, reanchor, reanchor_all, reanchor_changed, reanchor_corpus
from corpus.annotations.exchange import (
    FORMATS,
    AnnotationFormatError,
    from_w3c,
    read_annotations,
    to_w3c,
    write_annotations,
)
from corpus.annotations.model import CONTEXT_CHARS, Annotation, new_annotation, quote_selector
from corpus.annotations.repository import AnnotationRepository, Change, Changes, MergeReport

__all__ = [
    "CONTEXT_CHARS", "FORMATS", "Annotation", "AnnotationFormatError", "AnnotationRepository", "Change", "Changes",
    "MergeReport", "ReanchorReport", "from_w3c", "new_annotation", "quote_selector", "read_annotations",
    "reanchor", "reanchor_all", "reanchor_changed", "reanchor_corpus",
    "to_w3c", "write_annotations",
]
