"""The user's entity edits: stored in the store (migration v0004), replayed on the automatic linking every time.

Edits name entities by id. Ids are derived from the canonical name and type, so they survive a re-ingest; when
the corpus changed so much that an id is gone, the edit falls back to the entity's name as stored at edit time,
and an edit that still names nothing is counted as *stale* (kept in the store, skipped, reported).

Operations, in the order made: ``merge``/``accept`` (b's mentions join a), ``reject`` (drop a suggestion),
``split`` (move mentions to a new entity, whose id is fixed when the edit is made), ``rename``, ``set_type``.
User aliases (the store's ``aliases`` table, v0003, read by :mod:`corpus.aliases.sources`) act like merges of the
entities that bear the two names.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass

from corpus.aliases import AliasGroup
from corpus.entities.lexicon import TYPES
from corpus.entities.model import entity_id
from corpus.names.romanise import script_of
from corpus.store import Store
from corpus.store import timestamps

OPS = ("merge", "accept", "reject", "split", "rename", "set_type")


@dataclass(frozen=True, slots=True)
class Edit:
    seq: int
    op: str
    entity: str
    other: str | None
    value: str | None
    payload: dict


def _fold(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def load_edits(store: Store | None) -> list[Edit]:
    if store is None:
        return []
    rows = store.query("SELECT seq, op, entity, other, value, payload FROM entity_edits ORDER BY seq")
    return [Edit(r[0], r[1], r[2], r[3], r[4], json.loads(r[5] or "{}")) for r in rows]


def record(store: Store, op: str, entity: str, other: str | None = None, value: str | None = None,
           payload: dict | None = None) -> None:
    """Append one edit in its own transaction."""
    if op not in OPS:
        raise ValueError(f"unknown entity edit {op!r}")
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO entity_edits (op, entity, other, value, payload, created) VALUES (?, ?, ?, ?, ?, ?)",
            (op, entity, other, value, json.dumps(payload or {}, ensure_ascii=False), timestamps.now()),
        )


class State:
    """Mutable linking state the edits act on: each mention's entity and each entity's type and name."""

    def __init__(self, mention_entity: list[str], attrs: dict[str, tuple[str, str]],
                 keys: list[tuple[str, int, int, str]]) -> None:
        self.mention_entity = mention_entity
        self.attrs = {k: list(v) for k, v in attrs.items()}   # id -> [type, name]
        self.keys = keys                                       # (doc_id, start, end, surface) per mention
        self.rejected: set[frozenset[str]] = set()
        self.merged_into: dict[str, str] = {}
        self.stale = 0

    def resolve(self, eid: str | None, name: str | None = None) -> str | None:
        while eid in self.merged_into:
            eid = self.merged_into[eid]
        if eid in self.attrs:
            return eid
        if name:
            wanted = _fold(name)
            for other, (_, other_name) in self.attrs.items():
                if _fold(other_name) == wanted:
                    return other
        return None

    def names_of(self, eid: str) -> set[str]:
        return {_fold(self.keys[i][3]) for i, e in enumerate(self.mention_entity) if e == eid} | {_fold(self.attrs[eid][1])}

    def merge(self, a: str, b: str) -> None:
        if a == b:
            return
        self.mention_entity = [a if e == b else e for e in self.mention_entity]
        del self.attrs[b]
        self.merged_into[b] = a

    def split(self, eid: str, mentions: list[list], new_id: str, name: str) -> None:
        wanted = {(m[0], m[1], m[2]) for m in mentions}
        by_quote = {(m[0], m[3]) for m in mentions if len(m) > 3}
        moved = 0
        for i, (doc_id, start, end, surface) in enumerate(self.keys):
            if self.mention_entity[i] != eid:
                continue
            if (doc_id, start, end) in wanted or (doc_id, surface) in by_quote:
                self.mention_entity[i] = new_id
                moved += 1
        if moved:
            self.attrs[new_id] = [self.attrs[eid][0], name]


def apply_edits(state: State, edits: list[Edit], aliases: list[AliasGroup]) -> State:
    """Replay user alias groups, then the edits in order, on ``state`` (changed in place and returned)."""
    for group in aliases:
        first = group.members[0]
        for alias in group.members[1:]:
            a = state.resolve(None, first) or _entity_named(state, first)
            b = state.resolve(None, alias) or _entity_named(state, alias)
            if a and b and a != b:
                state.merge(a, b)
    for edit in edits:
        p = edit.payload
        a = state.resolve(edit.entity, p.get("name"))
        if a is None:
            state.stale += 1
            continue
        if edit.op in ("merge", "accept", "reject"):
            b = state.resolve(edit.other, p.get("other_name"))
            if b is None:
                state.stale += 1
            elif edit.op == "reject":
                state.rejected.add(frozenset((a, b)))
            else:
                state.merge(a, b)
        elif edit.op == "split":
            state.split(a, p.get("mentions", []), p["new_id"], p.get("new_name") or state.attrs[a][1])
        elif edit.op == "rename" and edit.value:
            state.attrs[a][1] = edit.value
        elif edit.op == "set_type" and edit.value in TYPES:
            state.attrs[a][0] = edit.value
    return state


def _entity_named(state: State, name: str) -> str | None:
    """The entity one of whose mentions is written ``name`` (folded), if exactly one."""
    wanted = _fold(name)
    found = {state.mention_entity[i] for i, key in enumerate(state.keys) if _fold(key[3]) == wanted}
    return next(iter(found)) if len(found) == 1 else None


def split_name(surfaces: list[str]) -> str:
    """The name of a split-off entity: its most frequent Latin surface, else its most frequent surface."""
    counts = Counter(surfaces)
    latin = [s for s in counts if script_of(s) == "Latin"]
    pool = latin or list(counts)
    return max(pool, key=lambda s: (counts[s], len(s)))


def new_split_id(name: str, etype: str, taken: set[str]) -> str:
    eid = entity_id(name, etype)
    n = 2
    while eid in taken:
        eid = entity_id(f"{name} #{n}", etype)
        n += 1
    return eid
