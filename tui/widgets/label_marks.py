"""How a label shows: its key digit as a marker (readable without colour) and its reader span style.

The reader's ArticleView has styles ``annotation-1`` … ``annotation-9``; a label uses the one of its key, so the
colour follows the label's key. Annotations whose label is no longer in labels.toml keep their label and show with
``?`` and the style of key 9 (the user still sees and can find them).
"""

from __future__ import annotations

from corpus.labels import LabelSet

UNKNOWN_MARK = "?"


def label_mark(labels: LabelSet, name: str) -> str:
    """``"1"`` for the label on key 1, ``"?"`` for a label not in the set."""
    label = labels.by_name(name)
    return str(label.key) if label else UNKNOWN_MARK


def label_tag(labels: LabelSet, name: str) -> str:
    """``"1 claim"``: the marker and the name, as lists show a label."""
    return f"{label_mark(labels, name)} {name}"


def span_style(labels: LabelSet, name: str) -> str:
    label = labels.by_name(name)
    return f"annotation-{label.key if label else 9}"
