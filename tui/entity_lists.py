"""The frames the entity views list and label, computed from an :class:`~corpus.entities.EntityIndex`.

One pass over the index's frames per question (never one filter per entity): a corpus may have 100 000
entities, and these run in workers when they cost more than a frame.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import polars as pl
from rich.text import Text

from tui.widgets.entity_format import display_name

if TYPE_CHECKING:
    from corpus.entities import EntityIndex


def entity_row(index: EntityIndex, entity_id: str) -> dict | None:
    rows = index.entities.filter(pl.col("id") == entity_id)
    return rows.row(0, named=True) if rows.height else None


def aliases_frame(index: EntityIndex) -> pl.DataFrame:
    """``entity_id``, ``aliases``: every entity's names in the corpus, most used first, in one pass."""
    return (
        index.names.group_by("entity_id", "name").agg(pl.col("count").sum())
        .sort(["count", "name"], descending=[True, False])
        .group_by("entity_id", maintain_order=True).agg(pl.col("name").alias("aliases"))
    )


def fold_key(text: str) -> str:
    """Text folded like find-in-article (compatibility decomposition, then case folding: ＡＬＴＭＡＮ, Straße →
    altman, strasse), a whole string at a time: the reader folds character by character to keep offsets, which
    costs ten times more and is not needed for a filter."""
    return unicodedata.normalize("NFKD", text).casefold()


def search_key(column: pl.Expr) -> pl.Expr:
    """:func:`fold_key` over a column of names."""
    return column.str.normalize("NFKD").map_elements(str.casefold, return_dtype=pl.String)


def list_frame(index: EntityIndex) -> pl.DataFrame:
    """Every entity with ``aliases`` (its names, most used first) and a folded ``search`` key (all its names).
    About half a second for 50 000 entities (benchmarks/entity_screen.py): callers run it in a worker."""
    return index.entities.join(aliases_frame(index).rename({"entity_id": "id"}), on="id", how="left").with_columns(
        search_key(pl.concat_str([pl.col("name"), pl.col("aliases").list.join(" ")], separator=" ",
                                 ignore_nulls=True)).alias("search")
    )


def names_by_language(index: EntityIndex, entity_id: str) -> list[tuple[str, list[tuple[str, int]]]]:
    """One entity's names per language, the most used language and name first: ``[(lang, [(name, count)])]``."""
    rows = index.names.filter(pl.col("entity_id") == entity_id).select("lang", "name", "count").rows()
    groups: dict[str, list[tuple[str, int]]] = {}
    for lang, name, count in sorted(rows, key=lambda r: (r[0], -r[2], r[1])):
        groups.setdefault(lang, []).append((name, count))
    return sorted(groups.items(), key=lambda item: (-sum(c for _, c in item[1]), item[0]))


def suggestions_for(index: EntityIndex, entity_id: str) -> pl.DataFrame:
    """Suggested merges involving ``entity_id``, best first, with the partner's id in ``other``."""
    frame = index.suggestions
    if frame.height == 0:
        return frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias("other"))
    return (
        frame.filter((pl.col("a") == entity_id) | (pl.col("b") == entity_id))
        .with_columns(pl.when(pl.col("a") == entity_id).then(pl.col("b")).otherwise(pl.col("a")).alias("other"))
        .sort(["score", "other"], descending=[True, False])
    )


def entity_label(row: dict, bidi: str, extra: str = "") -> Text:
    """``PER  Sam Altman  ×12 · Альтман, ألتمان`` for a row of :func:`list_frame` (the type as a word, so no
    colour is needed)."""
    label = Text.assemble((f"{row['type']:<7} ", "bold"))
    label.append(display_name(row["name"], bidi))
    label.append(f"  ×{row['n_mentions']}", style="dim")
    others = [display_name(n, bidi) for n in (row.get("aliases") or []) if n != row["name"]][:3]
    if others:
        label.append(" · " + ", ".join(others), style="dim")
    if extra:
        label.append(f"  {extra}", style="italic")
    return label
