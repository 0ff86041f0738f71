"""Annotation writes off the UI thread, in order, with one undo/redo history per corpus store for the whole session.

Why a writer thread: every write is a SQLite transaction with an fsync (``synchronous=FULL``, the store's
durability choice), a few milliseconds on a quiet disk and far more on a busy SSH host. The UI shows the change at
once from what it already knows and hands the write to this single worker thread, which applies jobs strictly in
submission order (an add, then its note, then an undo of both land in that order). The writer has its own SQLite
connection, so the UI thread's reads (the revision poll, the reader's annotation query) never wait behind a commit:
WAL readers do not block on a writer.

Undo and redo are store-level (``Change`` records hold full states), so they work for annotations made in the reader,
deleted on the annotations screen, or changed by another instance in between: undo brings the annotation back to
the state it had before our change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from textual.message import Message

from corpus.annotations import AnnotationRepository, Change
from corpus.store import Store

Job = Callable[[AnnotationRepository], list[Change]]
Listener = Callable[[list[Change] | None, BaseException | None], None]


class AnnotationsWritten(Message):
    """Posted to a screen by its history listener: the writer committed a job (``error`` None) or failed one."""

    def __init__(self, error: BaseException | None) -> None:
        super().__init__()
        self.error = error


class AnnotationHistory:
    """The serial writer and the undo/redo stacks of one store file."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="annotation-writer")
        self._repo: AnnotationRepository | None = None  # opened in the writer thread, used only there
        self._undo: list[Future[list[Change]]] = []
        self._redo: list[Future[list[Change]]] = []
        self._listeners: list[Listener] = []

    # ---------------------------------------------------------------------------------------------- writing
    def submit(self, job: Job, *, undoable: bool = True) -> Future[list[Change]]:
        """Run ``job(repo)`` on the writer thread after every earlier job; record it for undo unless told not to."""
        future = self._pool.submit(self._run, job)
        if undoable:
            self._undo.append(future)
            self._redo.clear()
        return future

    def apply(self, changes: list[Change]) -> Future[list[Change]]:
        """Write changes the UI already computed (and already shows), as one undoable step."""
        return self.submit(lambda repo: repo.apply(changes))

    def undo(self) -> Future[list[Change]] | None:
        """Revert the newest step (None when there is nothing to undo)."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        return self.submit(lambda repo: repo.apply([c.inverse() for c in reversed(_changes_of(step))]),
                           undoable=False)

    def redo(self) -> Future[list[Change]] | None:
        """Re-apply the step undone last (None when there is nothing to redo)."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        return self.submit(lambda repo: repo.apply(_changes_of(step)), undoable=False)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def flush(self, timeout: float | None = 10.0) -> None:
        """Wait until every submitted write is committed (tests, benchmarks, and before quitting)."""
        self._pool.submit(lambda: None).result(timeout)

    # ------------------------------------------------------------------------------------------- listeners
    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(changes, error)`` on the writer thread after each job; returns the unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _run(self, job: Job) -> list[Change]:
        if self._repo is None:
            self._repo = AnnotationRepository(Store.open_path(self.db_path))
        try:
            changes = job(self._repo)
        except BaseException as exc:
            for listener in list(self._listeners):
                listener(None, exc)
            raise
        for listener in list(self._listeners):
            listener(changes, None)
        return changes


def _changes_of(step: Future[list[Change]]) -> list[Change]:
    """The changes a step made. Called on the writer thread, where every earlier job has already finished."""
    try:
        return step.result(timeout=0)
    except Exception:  # the step failed: it changed nothing, so there is nothing to revert or repeat
        return []


_histories: dict[Path, AnnotationHistory] = {}
_lock = threading.Lock()


def history_for(store: Store) -> AnnotationHistory:
    """The session's history for a store file: keyed by path, so it survives a corpus reload (``R``)."""
    with _lock:
        path = Path(store.path).resolve()
        if path not in _histories:
            _histories[path] = AnnotationHistory(path)
        return _histories[path]
