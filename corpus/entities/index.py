"""``EntityIndex``: the entities of a corpus as Polars frames, and ``EntityEditor``: the user's edits to them.

``build_entities(corpus, store)`` reads the cached automatic result (:mod:`.autocache`) and replays the user's
aliases and edits from ``store`` on top (:mod:`.edits`). Every editor method persists its edit in one store
transaction and returns a *fresh* ``EntityIndex`` (indexes are immutable snapshots: a pane holding the old one
keeps a consistent view until it swaps in the new one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from corpus.entities import autocache
from corpus.aliases import AliasGroup, aligned
from corpus.aliases.sources import store_groups
from corpus.entities.edits import State, apply_edits, load_edits, new_split_id, record, split_name
from corpus.entities.lexicon import TYPES
from corpus.entities.model import ENTITIES_SCHEMA, MENTIONS_SCHEMA, NAMES_SCHEMA, SUGGESTIONS_SCHEMA
from corpus.stages import StageProgress
from corpus.store import Store

MentionKey = str | tuple[str, int, int]


class EntityError(ValueError):
    """An edit that cannot apply (unknown entity, unknown type, no such mention): a usage error."""


def mention_key(doc_id: str, start: int, end: int) -> str:
    """``doc_id@start-end``: how a mention is named in ``split`` (parsed from the right, so any doc_id works)."""
    return f"{doc_id}@{start}-{end}"


def parse_mention_key(key: MentionKey) -> tuple[str, int, int]:
    if isinstance(key, tuple):
        return key[0], int(key[1]), int(key[2])
    doc_id, _, span = key.rpartition("@")
    start, _, end = span.partition("-")
    try:
        return doc_id, int(start), int(end)
    except ValueError:
        raise EntityError(f"not a mention key (doc_id@start-end): {key!r}") from None


@dataclass(frozen=True)
class EntityIndex:
    """Entities, their names per language, their mentions and the suggested merges of one corpus.

    - ``entities``: id, type, name, n_mentions, n_docs (most mentioned first)
    - ``names``: entity_id, lang, name, count (each surface form as written, per language)
    - ``mentions``: entity_id, doc_id, start, end, surface, lang, type (code-point offsets, end exclusive)
    - ``suggestions``: a, b, score, evidence (uncertain merges; accept or reject them with the editor)
    ``stale_edits`` counts stored edits that named no entity any more.
    """

    entities: pl.DataFrame
    names: pl.DataFrame
    mentions: pl.DataFrame
    suggestions: pl.DataFrame
    stale_edits: int = 0
    _docs: dict = field(default_factory=dict, repr=False, compare=False)

    def for_doc(self, doc_id: str) -> pl.DataFrame:
        """Entities mentioned in ``doc_id``: id, type, name, count (mentions there), first (offset), most first."""
        return (
            self.mentions.filter(pl.col("doc_id") == doc_id)
            .group_by("entity_id")
            .agg(pl.len().cast(pl.Int64).alias("count"), pl.col("start").min().alias("first"))
            .join(self.entities.select("id", "type", "name"), left_on="entity_id", right_on="id")
            .select(pl.col("entity_id").alias("id"), "type", "name", "count", "first")
            .sort(["count", "first"], descending=[True, False])
        )

    def entity(self, entity_id: str) -> dict:
        rows = self.entities.filter(pl.col("id") == entity_id)
        if rows.height == 0:
            raise EntityError(f"no entity {entity_id!r}")
        return rows.row(0, named=True)

    def mentions_of(self, entity_id: str) -> pl.DataFrame:
        return self.mentions.filter(pl.col("entity_id") == entity_id).sort(["doc_id", "start"])

    def aliases(self, entity_id: str) -> dict[str, list[str]]:
        """Names per language, most used first: the CLI's ``aliases`` object."""
        out: dict[str, list[str]] = {}
        for lang, name in self.names.filter(pl.col("entity_id") == entity_id).select("lang", "name").iter_rows():
            out.setdefault(lang, []).append(name)
        return out


def _frames(auto: autocache.AutoResult, state: State) -> EntityIndex:
    m = auto.mentions
    types = {eid: attrs[0] for eid, attrs in state.attrs.items()}
    mentions = pl.DataFrame(
        {
            "entity_id": state.mention_entity,
            "doc_id": m["doc_id"], "start": m["start"], "end": m["end"], "surface": m["surface"], "lang": m["lang"],
            "type": [types[e] for e in state.mention_entity],
        },
        schema=MENTIONS_SCHEMA,
    ).sort(["doc_id", "start"])
    attrs = pl.DataFrame(
        [(eid, t, n) for eid, (t, n) in state.attrs.items()],
        schema={"id": pl.String, "type": pl.String, "name": pl.String}, orient="row",
    )
    counts = mentions.group_by("entity_id").agg(
        pl.len().cast(pl.Int64).alias("n_mentions"), pl.col("doc_id").n_unique().cast(pl.Int64).alias("n_docs")
    )
    entities = (
        attrs.join(counts, left_on="id", right_on="entity_id", how="inner")
        .select(list(ENTITIES_SCHEMA))
        .sort(["n_mentions", "name", "id"], descending=[True, False, False])
    )
    names = (
        mentions.group_by("entity_id", "lang", pl.col("surface").alias("name"))
        .agg(pl.len().cast(pl.Int64).alias("count"))
        .sort(["entity_id", "lang", "count", "name"], descending=[False, False, True, False])
        .select(list(NAMES_SCHEMA))
    )
    live = set(state.attrs)
    rows = []
    seen: set[frozenset[str]] = set()
    for a, b, score, evidence in auto.suggestions.iter_rows():
        a, b = state.resolve(a), state.resolve(b)
        pair = frozenset((a, b))
        if a is None or b is None or a == b or a not in live or b not in live or pair in state.rejected or pair in seen:
            continue
        seen.add(pair)
        rows.append((a, b, score, evidence))
    suggestions = pl.DataFrame(rows, schema=SUGGESTIONS_SCHEMA, orient="row")
    return EntityIndex(entities, names, mentions, suggestions, state.stale)


def _state(auto: autocache.AutoResult) -> State:
    m = auto.mentions
    keys = list(zip(m["doc_id"].to_list(), m["start"].to_list(), m["end"].to_list(), m["surface"].to_list()))
    attrs = {eid: (etype, name) for eid, etype, name in auto.entities.select("id", "type", "name").iter_rows()}
    return State(m["auto_id"].to_list(), attrs, keys)


def build_entities(corpus, store: Store | None = None, *, use_cache: bool = True,
                   progress: StageProgress | None = None) -> EntityIndex:
    """The entities of ``corpus`` with the user's edits and aliases from ``store`` (None: automatic only);
    ``progress`` hears the stages of a first computation."""
    return EntityEditor(corpus, store, use_cache=use_cache, progress=progress).index()


def aligned_aliases(corpus, store: Store | None = None, *, compute: bool = True) -> list[AliasGroup]:
    """Names paired in aligned paragraphs of the corpus's translations, as alias groups (origin ``aligned``),
    from the cached entity result, so search never aligns per query. ``compute=False``: only if the entity
    result for the corpus as it is now was already computed (else none), for callers that must stay fast on a
    first open of a large corpus."""
    result = autocache.load(corpus, store) if compute else autocache.cached(corpus, store)
    return aligned.groups(result.aligned) if result is not None else []


class EntityEditor:
    """Edits bound to one corpus and its store. Each method records the edit, then returns a fresh index."""

    def __init__(self, corpus, store: Store | None, *, use_cache: bool = True,
                 progress: StageProgress | None = None) -> None:
        """``progress`` hears the stages of a first computation (:mod:`corpus.stages`; a cached result: none)."""
        self.corpus = corpus
        self.store = store
        self._auto = autocache.load(corpus, store, use_cache=use_cache, progress=progress)

    def index(self) -> EntityIndex:
        state = apply_edits(_state(self._auto), load_edits(self.store), store_groups(self.store))
        return _frames(self._auto, state)

    def _require_store(self) -> Store:
        if self.store is None:
            raise EntityError("entity edits need a store (open the corpus with one)")
        return self.store

    def _current(self, *ids: str) -> tuple[EntityIndex, list[dict]]:
        current = self.index()
        return current, [current.entity(eid) for eid in ids]

    def merge(self, a_id: str, b_id: str) -> EntityIndex:
        """b's mentions become a's (a keeps its id, name and type)."""
        return self._pair("merge", a_id, b_id)

    def accept(self, a_id: str, b_id: str) -> EntityIndex:
        """Accept a suggested merge: like :meth:`merge`, recorded as the acceptance of a suggestion."""
        return self._pair("accept", a_id, b_id)

    def reject(self, a_id: str, b_id: str) -> EntityIndex:
        """Dismiss a suggestion: the two stay apart and the pair is no longer suggested."""
        return self._pair("reject", a_id, b_id)

    def _pair(self, op: str, a_id: str, b_id: str) -> EntityIndex:
        store = self._require_store()
        if a_id == b_id:
            raise EntityError("an entity cannot be merged with itself")
        _, (a, b) = self._current(a_id, b_id)
        record(store, op, a_id, b_id, payload={"name": a["name"], "other_name": b["name"]})
        return self.index()

    def split(self, entity_id: str, mention_keys: Iterable[MentionKey]) -> EntityIndex:
        """Move the given mentions (``doc_id@start-end`` strings or ``(doc_id, start, end)``) to a new entity of
        the same type, named by their most frequent Latin surface."""
        store = self._require_store()
        current, (entity,) = self._current(entity_id)
        wanted = {parse_mention_key(k) for k in mention_keys}
        own = current.mentions_of(entity_id)
        chosen = [r for r in own.select("doc_id", "start", "end", "surface").iter_rows() if (r[0], r[1], r[2]) in wanted]
        if not chosen:
            raise EntityError(f"none of those mentions belongs to {entity_id}")
        if len(chosen) == own.height:
            raise EntityError("a split must leave at least one mention behind")
        name = split_name([r[3] for r in chosen])
        new_id = new_split_id(name, entity["type"], set(current.entities["id"].to_list()))
        payload = {"name": entity["name"], "new_id": new_id, "new_name": name, "mentions": [list(r) for r in chosen]}
        record(store, "split", entity_id, payload=payload)
        return self.index()

    def rename(self, entity_id: str, name: str) -> EntityIndex:
        """Show ``name`` as the entity's name (its id does not change, so other edits still find it)."""
        if not name.strip():
            raise EntityError("a name cannot be empty")
        store = self._require_store()
        _, (entity,) = self._current(entity_id)
        record(store, "rename", entity_id, value=name.strip(), payload={"name": entity["name"]})
        return self.index()

    def set_type(self, entity_id: str, etype: str) -> EntityIndex:
        if etype not in TYPES:
            raise EntityError(f"unknown type {etype!r}; one of {', '.join(TYPES)}")
        store = self._require_store()
        _, (entity,) = self._current(entity_id)
        record(store, "set_type", entity_id, value=etype, payload={"name": entity["name"]})
        return self.index()
