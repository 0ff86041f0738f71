"""The Babelscope Textual app: loads the corpus in a worker (progress on screen), then shows the library.

The app owns what outlives a screen: the session (corpus frames + the store), the settings, the active highlight
set (``n``/``N``) and the global actions that open screens. Everything it shows comes from ``corpus``.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.worker import Worker, WorkerState

from corpus.session import Session, open_session
from tui import keymap
from tui.commands import BabelscopeCommands
from tui.entity_source import EntitySource
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.settings import Settings, load_settings, save_settings
from tui.state import HighlightSet


class BabelscopeApp(App[None]):
    TITLE = "Babelscope"
    CSS = """
    Screen { background: $surface; }
    """
    COMMANDS = App.COMMANDS | {BabelscopeCommands}
    BINDINGS = []  # every key comes from the keymap registry, through the screens

    def __init__(self, corpus_path: str | Path | None = None, *, doc: str | None = None, at: int | None = None) -> None:
        super().__init__()
        self.corpus_path = corpus_path
        self.initial_doc = doc
        self.initial_offset = at
        self.session: Session | None = None
        self.settings: Settings = load_settings()
        self.highlights = HighlightSet()
        self.entities = EntitySource(self)  # the entity index the pane and the entity screen share
        self.user_keymap: dict[str, str] = {}
        self.library = LibraryScreen()

    # start-up ---------------------------------------------------------------------------------------------
    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        try:
            self.user_keymap = keymap.load_user_keymap()
            self.set_keymap(self.user_keymap)
        except keymap.KeymapError as exc:
            self.notify(str(exc), title="Keymap not applied", severity="error", timeout=10)
        self.push_screen(self.library)
        self.load_corpus()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_corpus(self) -> Session:
        def progress(done: int, total: int) -> None:
            self.call_from_thread(self.library.show_progress, done, total)

        return open_session(self.corpus_path, progress=progress)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state == WorkerState.SUCCESS:
            self._session_loaded(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.notify(f"Could not open the corpus: {event.worker.error}", severity="error", timeout=30)

    def _session_loaded(self, session: Session) -> None:
        previous, self.session = self.session, session
        if previous is not None:
            previous.close()
        self.library.set_corpus(session.corpus)
        for skipped in session.corpus.skipped if session.report.analysed_files else []:
            self.notify(f"{skipped.path}: {skipped.reason}", title="Skipped a file", severity="warning", timeout=8)
        for screen in self.screen_stack:
            refresh = getattr(screen, "corpus_reloaded", None)
            if refresh:
                refresh(session.corpus)
        if self.initial_doc:
            doc, self.initial_doc = self.initial_doc, None
            try:
                doc_id = session.corpus.resolve_doc(doc)
            except LookupError as exc:
                self.notify(str(exc), severity="error")
            else:
                self.open_reader(doc_id, self.initial_offset)

    def on_unmount(self) -> None:
        if self.session is not None:
            self.session.close()

    # navigation -------------------------------------------------------------------------------------------
    def open_reader(self, doc_id: str, offset: int | None = None) -> None:
        from tui.screens.reader import ReaderScreen

        if self.session is None:
            return
        reader = ReaderScreen(self.session, doc_id, offset)
        if isinstance(self.screen, ReaderScreen):
            self.switch_screen(reader)  # stepping to a hit in another article: Esc still goes back where we came from
        else:
            self.push_screen(reader)

    def action_back(self) -> None:
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.exit()

    def action_help(self) -> None:
        scopes = getattr(self.screen, "SCOPES", (keymap.GLOBAL, "movement"))
        self.push_screen(HelpScreen(scopes, self.user_keymap))

    def action_reload(self) -> None:
        if self.session is not None:
            self.notify("Reloading files that changed…", timeout=2)
        self.load_corpus()

    def on_app_focus(self) -> None:
        """Coming back to the terminal: reload if files changed meanwhile (a stat pass, no reading)."""
        if self.session is not None and self.session.corpus.changed_on_disk():
            self.action_reload()

    # feature screens --------------------------------------------------------------------------------------
    def _push_feature(self, module: str, factory: str) -> None:
        """Open a feature screen; its module is imported on first use so start-up stays fast."""
        if self.session is None:
            self.notify("The corpus is still loading", timeout=2)
            return
        import importlib

        screen_type = getattr(importlib.import_module(f"tui.screens.{module}"), factory)
        self.push_screen(screen_type(self.session))

    def action_open_search(self) -> None:
        self._push_feature("search", "SearchScreen")

    def action_open_entities(self) -> None:
        self._push_feature("entities", "EntityScreen")

    def action_open_compare(self) -> None:
        self._push_feature("compare", "ComparePicker")

    def action_open_annotations(self) -> None:
        self._push_feature("annotations", "AnnotationsScreen")

    # the active highlight set -----------------------------------------------------------------------------
    def set_highlights(self, highlights: HighlightSet) -> None:
        self.highlights = highlights

    def _step_hit(self, delta: int) -> None:
        reader = getattr(self.screen, "doc_id", None)
        hit = self.highlights.step(delta, reader)
        if hit is None:
            self.notify("No active search or entity to step through (/ searches)", timeout=3)
            return
        show = getattr(self.screen, "show_hit", None)
        if show is not None and reader == hit.doc_id:
            show(hit)
        else:
            self.open_reader(hit.doc_id, hit.start)

    def action_next_hit(self) -> None:
        self._step_hit(+1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    # settings ---------------------------------------------------------------------------------------------
    def save_settings(self) -> None:
        self.settings.theme = self.theme
        save_settings(self.settings)

    def watch_theme(self, theme: str) -> None:
        if self.settings.theme != theme:
            self.settings.theme = theme
            save_settings(self.settings)


def run_app(corpus_path: str | None, doc: str | None = None, at: int | None = None) -> int:
    if corpus_path is not None and not Path(corpus_path).exists():
        import sys

        print(f"babelscope: error: no such file or folder: {corpus_path}", file=sys.stderr)
        return 1
    BabelscopeApp(corpus_path, doc=doc, at=at).run()
    return 0
