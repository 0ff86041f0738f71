"""The one entity index the app shares between the entity pane and the entity screen.

Building an :class:`corpus.entities.EntityIndex` reads every article's mentions and links them across languages,
which takes far longer than a frame, so it runs in a thread worker the first time a view asks for it and is then
kept for the session it was built from (a reload makes a new session, hence a new index). Edits (merge, split,
rename, set type, accept) go through the engine's :class:`corpus.entities.EntityEditor`, which records each in the
store and returns a fresh immutable index; they run in a thread, one at a time behind a lock, and the fresh index
replaces the cached one. Every view subscribes to :attr:`EntitySource.changed` and redraws when it fires, so an
edit made in the pane shows on the entity screen and the other way round. While the first index is built, the
engine's stage reports (:mod:`corpus.stages`) become :attr:`EntitySource.status` ("Linking entities… pairing
translations 600/1,500"), published on :attr:`EntitySource.progressed` at most ten times a second, so a view
waiting for the index says how far it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.signal import Signal

from corpus.stages import StageThrottle

if TYPE_CHECKING:
    from textual.app import App

    from corpus.entities import EntityEditor, EntityIndex
    from corpus.session import Session


WAITING = "Linking entities…"


def status_text(stage: str, done: int, total: int) -> str:
    """What a view waiting for the index shows for one stage report."""
    return f"{WAITING} {stage}" + (f" {done:,}/{total:,}" if total > 0 else "")


class EntitySource:
    """Builds, caches and edits the session's entity index off the UI thread."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.changed: Signal[EntityIndex] = Signal(app, "entities-changed")
        self.progressed: Signal[str] = Signal(app, "entities-progressed")
        self.status = WAITING
        self._session: Session | None = None
        self._index: EntityIndex | None = None
        self._editor: EntityEditor | None = None
        self._building_for: Session | None = None
        self._lock = threading.Lock()

    def index_for(self, session: Session | None) -> EntityIndex | None:
        """The index built from ``session``, or None while it is not built yet."""
        return self._index if session is not None and session is self._session else None

    def request(self, session: Session) -> EntityIndex | None:
        """The cached index if there is one; otherwise start building it (``changed`` fires when it is ready)."""
        index = self.index_for(session)
        if index is None and self._building_for is not session:
            self._building_for = session
            self.status = WAITING
            self.app.run_worker(
                lambda: self._build(session), thread=True, group="entities", exit_on_error=False,
                description="Linking entities",
            )
        return index

    def use(self, session: Session, index: EntityIndex, editor: EntityEditor | None = None) -> None:
        """Adopt an index (and the editor that made it) for ``session`` and tell every view."""
        self._session, self._index = session, index
        if editor is not None:
            self._editor = editor
        self.changed.publish(index)

    def edit(self, what: str, change: Callable[[EntityEditor], EntityIndex]) -> None:
        """Apply ``change`` with the engine's editor in a thread; views refresh when the new index lands, and
        the engine's refusals (an empty name, a split that takes every mention) become notifications."""
        session, editor = self._session, self._editor
        if session is None or editor is None:
            self.app.notify("Entities are still being linked; try again in a moment", timeout=3)
            return
        self.app.run_worker(
            lambda: self._apply(session, editor, what, change), thread=True, group="entity-edit",
            exit_on_error=False, description=what,
        )

    # worker bodies (run in threads) ----------------------------------------------------------------------
    def _build(self, session: Session) -> None:
        from corpus.entities import EntityEditor

        throttle = StageThrottle()

        def progress(stage: str, done: int, total: int) -> None:
            if throttle.due(stage, done, total):
                self.app.call_from_thread(self._progressed, session, status_text(stage, done, total))

        try:
            with self._lock:
                editor = EntityEditor(session.corpus, session.store, progress=progress)
                index = editor.index()
        except Exception as exc:  # a broken corpus must not take the app down; say what happened
            self.app.call_from_thread(self._build_failed, session, exc)
            return
        self.app.call_from_thread(self._built, session, editor, index)

    def _progressed(self, session: Session, status: str) -> None:
        if self._building_for is session:
            self.status = status
            self.progressed.publish(status)

    def _built(self, session: Session, editor: EntityEditor, index: EntityIndex) -> None:
        if self._building_for is session:
            self._building_for = None
        self.status = WAITING
        if self.app.session is session:  # type: ignore[attr-defined]  # stale builds (after a reload) are dropped
            self.use(session, index, editor)

    def _build_failed(self, session: Session, exc: Exception) -> None:
        if self._building_for is session:
            self._building_for = None
            self.status = f"Could not link entities: {exc}"  # the waiting views say so instead of waiting on
            self.progressed.publish(self.status)
        self.app.notify(f"Could not link entities: {exc}", title="Entities", severity="error", timeout=10)

    def _apply(self, session: Session, editor: EntityEditor, what: str,
               change: Callable[[EntityEditor], EntityIndex]) -> None:
        from corpus.entities import EntityError

        try:
            with self._lock:
                index = change(editor)
        except EntityError as exc:
            self.app.call_from_thread(self.app.notify, f"{what}: {exc}", severity="warning", timeout=6)
            return
        except Exception as exc:  # a store error: the edit did not happen, and the user is told so
            self.app.call_from_thread(self.app.notify, f"{what} failed: {exc}", severity="error", timeout=10)
            return
        self.app.call_from_thread(self._edited, session, editor, index, what)

    def _edited(self, session: Session, editor: EntityEditor, index: EntityIndex, what: str) -> None:
        if session is self._session:
            self.use(session, index, editor)
        self.app.notify(what, timeout=2)
