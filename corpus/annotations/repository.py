"""Reading and writing annotations in the store, in short transactions, with undo-ready results.

Every mutating method returns ``Change(before, after)`` records (None = "did not exist"). The app keeps them on
its undo stack: undo is ``repo.apply(change.inverse())``, redo is ``repo.apply(change)``. That works across
sessions and processes because applying a change writes a full state, not a delta.

Every write takes a new store-wide revision number (``rev``) under the write lock; ``changes(after_rev)`` is how a
second app instance refreshes (new, edited and deleted annotations) without trusting clocks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from corpus.annotations.model import Annotation, new_annotation
from corpus.store import Store, timestamps

_COLUMNS = (
    "id", "doc_id", "start", "end", "exact", "prefix", "suffix", "content_hash", "label", "note", "created",
    "modified", "orphan",
)
_SELECT = "SELECT " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM annotations"
_ORDERS = {
    "doc": 'doc_id, start, "end", id',
    "created": "created, id",
    "modified": "modified DESC, id",
    "label": 'label, doc_id, start, id',
}
Order = Literal["doc", "created", "modified", "label"]


@dataclass(frozen=True)
class Change:
    """One annotation's state before and after an operation (None: absent)."""

    before: Annotation | None
    after: Annotation | None

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.after, self.before)


@dataclass(frozen=True)
class Changes:
    """What other writers did since a revision: see ``AnnotationRepository.changes``."""

    rev: int                          # pass this to the next call
    upserted: list[Annotation]        # added or modified (including re-anchored)
    deleted: list[str]                # ids


@dataclass(frozen=True)
class MergeReport:
    added: int
    updated: int
    unchanged: int


class AnnotationRepository:
    """All annotation reads and writes of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # ------------------------------------------------------------------------------------------------ reads
    def get(self, annotation_id: str) -> Annotation | None:
        rows = self.store.query(f"{_SELECT} WHERE id = ?", (annotation_id,))
        return _from_row(rows[0]) if rows else None

    def list(
        self,
        *,
        label: str | None = None,
        doc_id: str | None = None,
        text: str | None = None,
        orphan: bool | None = None,
        order: Order = "doc",
    ) -> list[Annotation]:
        """Annotations matching every given filter; ``text`` is a case-insensitive substring of quote or note.

        The text filter runs in Python with ``str.casefold`` because SQLite's ``lower``/``LIKE`` fold ASCII only.
        """
        clauses, params = [], []
        for column, value in (("label", label), ("doc_id", doc_id)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if orphan is not None:
            clauses.append("orphan = ?")
            params.append(int(orphan))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self.store.query(f"{_SELECT}{where} ORDER BY {_ORDERS[order]}", params)
        found = [_from_row(row) for row in rows]
        if text:
            needle = text.casefold()
            found = [a for a in found if needle in a.exact.casefold() or needle in a.note.casefold()]
        return found

    def ids_starting(self, prefix: str, limit: int = 10) -> list[str]:
        """Ids that start with ``prefix`` (what people type from a listing that shows the first characters)."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.store.query(
            "SELECT id FROM annotations WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?", (escaped + "%", limit)
        )
        return [row[0] for row in rows]

    def count(self, *, doc_id: str | None = None) -> int:
        """How many annotations the corpus (or one article: an indexed count) has."""
        if doc_id is None:
            return int(self.store.query("SELECT count(*) FROM annotations")[0][0])
        return int(self.store.query("SELECT count(*) FROM annotations WHERE doc_id = ?", (doc_id,))[0][0])

    def since(self, modified_after: str) -> list[Annotation]:
        """Annotations the user changed after a time (for exports and reports; refresh uses ``changes``)."""
        rows = self.store.query(
            f"{_SELECT} WHERE modified > ? ORDER BY modified, id", (timestamps.normalise(modified_after),)
        )
        return [_from_row(row) for row in rows]

    def revision(self) -> int:
        """The store's current annotation revision (0 before any write)."""
        return int(self.store.query(_MAX_REV)[0][0])

    def changes(self, after_rev: int) -> Changes:
        """Annotations added/changed and ids deleted after revision ``after_rev``, by any process.

        Reads are bounded by the revision read first, so a write that lands in between is reported by the next
        call instead of being half-seen; no read transaction (and no lock) is needed.
        """
        rev = self.revision()
        upserted = self.store.query(f"{_SELECT} WHERE rev > ? AND rev <= ? ORDER BY rev", (after_rev, rev))
        deleted = self.store.query(
            "SELECT id FROM annotation_tombstones WHERE rev > ? AND rev <= ? ORDER BY rev", (after_rev, rev)
        )
        return Changes(rev, [_from_row(row) for row in upserted], [row[0] for row in deleted])

    # ----------------------------------------------------------------------------------------------- writes
    def add(
        self, *, doc_id: str, text: str, start: int, end: int, label: str, content_hash: str, note: str = ""
    ) -> Change:
        """Annotate ``text[start:end]`` of ``doc_id``; the new annotation is ``change.after``."""
        annotation = new_annotation(
            doc_id=doc_id, text=text, start=start, end=end, label=label, content_hash=content_hash, note=note
        )
        with self.store.transaction() as conn:
            _write(conn, annotation, _next_rev(conn))
        return Change(None, annotation)

    def update_note(self, annotation_id: str, note: str) -> Change:
        return self._edit(annotation_id, note=note)

    def relabel(self, annotation_id: str, label: str) -> Change:
        if not label:
            raise ValueError("the label is empty")
        return self._edit(annotation_id, label=label)

    def delete(self, annotation_id: str) -> Change:
        """Delete one annotation (KeyError if unknown); its tombstone tells other instances."""
        changes = self.delete_many([annotation_id])
        if not changes:
            raise KeyError(annotation_id)
        return changes[0]

    def delete_many(self, annotation_ids: Iterable[str]) -> list[Change]:
        """Delete several annotations in one transaction; unknown ids are skipped."""
        changes = []
        with self.store.transaction() as conn:
            rev = _next_rev(conn)
            for annotation_id in annotation_ids:
                row = conn.execute(f"{_SELECT} WHERE id = ?", (annotation_id,)).fetchone()
                if row is None:
                    continue
                before = _from_row(row)
                _remove(conn, before, rev)
                changes.append(Change(before, None))
        return changes

    def apply(self, changes: Change | Sequence[Change]) -> list[Change]:
        """Bring each annotation to ``change.after`` (undo: pass ``change.inverse()``), in one transaction.

        A restored or reverted annotation gets ``modified`` = now (undo is a user edit, so it must win a later
        import against older copies); its ``created`` is kept. Returns the changes actually made.
        """
        batch = [changes] if isinstance(changes, Change) else list(changes)
        done = []
        with self.store.transaction() as conn:
            rev = _next_rev(conn)
            for change in batch:
                target = change.after or change.before
                assert target is not None, "a Change needs a before or an after state"
                row = conn.execute(f"{_SELECT} WHERE id = ?", (target.id,)).fetchone()
                current = _from_row(row) if row else None
                if change.after is None:
                    if current is not None:
                        _remove(conn, current, rev)
                        done.append(Change(current, None))
                    continue
                after = replace(change.after, modified=timestamps.now())
                _write(conn, after, rev)
                done.append(Change(current, after))
        return done

    def merge(self, incoming: Iterable[Annotation]) -> MergeReport:
        """Import: insert unknown ids, replace known ones whose ``modified`` is newer, keep the rest.

        Re-importing the same file therefore changes nothing. Runs as one transaction (all or nothing).
        """
        added = updated = unchanged = 0
        with self.store.transaction() as conn:
            rev = _next_rev(conn)
            for annotation in incoming:
                row = conn.execute("SELECT modified FROM annotations WHERE id = ?", (annotation.id,)).fetchone()
                if row is None:
                    added += 1
                elif row[0] < annotation.modified:
                    updated += 1
                else:
                    unchanged += 1
                    continue
                _write(conn, annotation, rev)
        return MergeReport(added, updated, unchanged)

    def save_anchors(self, annotations: Iterable[Annotation]) -> None:
        """Store re-anchored annotations (offsets, quote, hash, orphan flag) without touching ``modified``."""
        with self.store.transaction() as conn:
            rev = _next_rev(conn)
            for annotation in annotations:
                _write(conn, annotation, rev)

    def _edit(self, annotation_id: str, **values: str) -> Change:
        with self.store.transaction() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (annotation_id,)).fetchone()
            if row is None:
                raise KeyError(annotation_id)
            before = _from_row(row)
            after = replace(before, modified=timestamps.now(), **values)
            _write(conn, after, _next_rev(conn))
        return Change(before, after)


def _from_row(row: sqlite3.Row) -> Annotation:
    values = dict(zip(_COLUMNS, row))
    values["orphan"] = bool(values["orphan"])
    return Annotation(**values)


def _write(conn: sqlite3.Connection, annotation: Annotation, rev: int) -> None:
    """Insert or replace the full state of one annotation (and forget any tombstone of its id)."""
    annotation.validate()
    record = annotation.to_record()
    record["orphan"] = int(annotation.orphan)
    placeholders = ", ".join("?" for _ in _COLUMNS)
    columns = ", ".join(f'"{c}"' for c in _COLUMNS)
    conn.execute(
        f"INSERT OR REPLACE INTO annotations ({columns}, rev) VALUES ({placeholders}, ?)",
        [*(record[c] for c in _COLUMNS), rev],
    )
    conn.execute("DELETE FROM annotation_tombstones WHERE id = ?", (annotation.id,))


def _remove(conn: sqlite3.Connection, annotation: Annotation, rev: int) -> None:
    conn.execute("DELETE FROM annotations WHERE id = ?", (annotation.id,))
    conn.execute(
        "INSERT OR REPLACE INTO annotation_tombstones (id, doc_id, deleted, rev) VALUES (?, ?, ?, ?)",
        (annotation.id, annotation.doc_id, timestamps.now(), rev),
    )


_MAX_REV = (
    "SELECT max(coalesce((SELECT max(rev) FROM annotations), 0),"
    " coalesce((SELECT max(rev) FROM annotation_tombstones), 0))"
)


def _next_rev(conn: sqlite3.Connection) -> int:
    """The next revision; callers hold the write lock (BEGIN IMMEDIATE), so no two writers get the same one."""
    return int(conn.execute(_MAX_REV).fetchone()[0]) + 1
