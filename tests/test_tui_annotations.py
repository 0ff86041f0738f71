"""Annotating from the keyboard (Pilot): selection mode in the reader, the annotations screen, keys and threads."""

from __future__ import annotations

import threading
import traceback
from pathlib import Path

import pytest
from tui_helpers import open_reader, wait_loaded

from corpus.annotations import AnnotationRepository, new_annotation
from corpus.store import Store
from tui import keymap
from tui.app import BabelscopeApp
from tui.screens.annotations import AnnotationsScreen
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.annotation_dialogs import ConfirmDialog, NoteDialog
from tui.widgets.article_view import ArticleView
from tui.widgets.selection import SelectionBar

RU = ("Глава компании Иван Петров сообщил, что выручка выросла на 37 процентов. Аналитики удивлены.\n"
      "Второй абзац говорит об Альтмане. Он вернулся.\n"
      "Третий абзац короткий.\n")
JA = "東京で三日、政府は新しい経済対策を発表した。アルトマン氏は同意した。\n専門家は効果に疑問を示した。\n"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    root.mkdir()
    (root / "ru.txt").write_text(RU, encoding="utf-8")
    (root / "ja.txt").write_text(JA, encoding="utf-8")
    return root


def reader(app: BabelscopeApp) -> ReaderScreen:
    assert isinstance(app.screen, ReaderScreen)
    return app.screen


async def settle(pilot, app: BabelscopeApp) -> None:  # type: ignore[no-untyped-def]
    """Let the writer thread commit and the reload it triggers reach the screen."""
    selection = getattr(reader(app), "selection", None) if isinstance(app.screen, ReaderScreen) else None
    if selection is not None:
        selection.history.flush()
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


async def start_selecting(pilot, app: BabelscopeApp, doc_id: str) -> ArticleView:  # type: ignore[no-untyped-def]
    view = await open_reader(pilot, app, doc_id)
    await settle(pilot, app)
    await pilot.press("v")
    await pilot.pause()
    assert reader(app).selection.active
    return view


def selected_text(app: BabelscopeApp) -> str:
    screen = reader(app)
    start, end = screen.selection.selection()
    return screen.view.text[start:end]


def stored(app: BabelscopeApp) -> list:  # type: ignore[type-arg]
    return AnnotationRepository(app.session.store).list()


async def test_select_label_note_undo_redo_and_leave(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole keyboard flow; every annotation write on the way runs on the writer thread, never the UI's."""
    writers: list[str] = []
    original = Store.transaction

    def recording(self):  # type: ignore[no-untyped-def]
        if any(frame.filename.endswith("annotations/repository.py") for frame in traceback.extract_stack()):
            writers.append(threading.current_thread().name)
        return original(self)

    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(90, 24)) as pilot:
        view = await start_selecting(pilot, app, "ru.txt")
        monkeypatch.setattr(Store, "transaction", recording)
        assert selected_text(app) == "Глава"  # the cursor starts on the first token at the top
        await pilot.press("l", "right", "l")
        assert selected_text(app) == "Глава компании Иван Петров"
        await pilot.press("h")
        assert selected_text(app) == "Глава компании Иван"
        await pilot.press("1")
        await pilot.pause()
        assert view.layer_spans("annotations") == ((0, len("Глава компании Иван"), "annotation-1"),)  # shown at once
        await settle(pilot, app)
        [made] = stored(app)
        assert (made.exact, made.label, made.note, made.start) == ("Глава компании Иван", "claim", "", 0)

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"проверить цифру", "enter")
        await settle(pilot, app)
        assert stored(app)[0].note == "проверить цифру"
        bar = reader(app).query_one(SelectionBar)
        assert "[1 claim] note: проверить цифру" in str(bar.render())

        await pilot.press("u")  # the note
        await settle(pilot, app)
        assert stored(app)[0].note == ""
        await pilot.press("u")  # the annotation
        await settle(pilot, app)
        assert stored(app) == [] and view.layer_spans("annotations") == ()
        await pilot.press("U", "U")
        await settle(pilot, app)
        [back] = stored(app)
        assert (back.id, back.note) == (made.id, "проверить цифру")
        assert view.layer_spans("annotations") == ((0, len("Глава компании Иван"), "annotation-1"),)

        # annotated text is underlined (visible with NO_COLOR); plain text is not
        segments = list(view.render_line(0))
        marked = [s for s in segments if "Глава" in s.text]
        plain = [s for s in segments if "сообщил" in s.text]
        assert marked and marked[0].style is not None and marked[0].style.underline
        assert plain and not (plain[0].style and plain[0].style.underline)

        await pilot.press("escape")
        await pilot.pause()
        assert not reader(app).selection.active and view.layer_spans("selection") == ()
        assert isinstance(app.screen, ReaderScreen) and app.screen.focused is view
        await pilot.press("l", "j")  # reading again: the movement keys belong to the article, no cursor
        assert not reader(app).selection.active and view.layer_spans("cursor") == ()
    assert len(writers) >= 5 and all(name.startswith("annotation-writer") for name in writers)


async def test_sentence_paragraph_line_and_end_moves(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(40, 20)) as pilot:
        await start_selecting(pilot, app, "ru.txt")
        controller = reader(app).selection

        def cursor() -> int:
            return controller.boundaries.span(controller.cursor)[0]

        await pilot.press("right_parenthesis")
        assert cursor() == RU.index("Аналитики")
        await pilot.press("right_curly_bracket")
        assert cursor() == RU.index("Второй")
        assert selected_text(app).startswith("Глава") and selected_text(app).endswith("Второй")  # extended
        await pilot.press("left_curly_bracket")
        assert cursor() == 0
        await pilot.press("v")  # restart the selection here
        assert selected_text(app) == "Глава"
        await pilot.press("j")  # one display row down, at 40 columns the first paragraph wraps
        assert 0 < cursor() < RU.index("Аналитики")
        await pilot.press("k")
        assert cursor() == 0
        await pilot.press("G")
        assert RU[cursor():].startswith(".")  # the last token: the final full stop
        await pilot.press("g", "left_parenthesis")
        assert cursor() == 0


async def test_relabel_delete_unknown_key_and_japanese_tokens(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(90, 24)) as pilot:
        view = await start_selecting(pilot, app, "ru.txt")
        await pilot.press("l", "1")
        await settle(pilot, app)
        await pilot.press("l", "h", "v", "h")  # wander off, come back, select "Глава компании" again
        assert selected_text(app) == "Глава компании"
        await pilot.press("4")  # exactly the span of the annotation: a relabel, not a second annotation
        await settle(pilot, app)
        [only] = stored(app)
        assert only.label == "disputed" and view.layer_spans("annotations")[0][2] == "annotation-4"
        await pilot.press("9")  # no label on key 9 by default: nothing happens but a message
        await pilot.press("D")
        await settle(pilot, app)
        assert stored(app) == []
        await pilot.press("u")
        await settle(pilot, app)
        assert [a.id for a in stored(app)] == [only.id]

        await pilot.press("escape", "escape")  # leave selection mode, then the reader
        await start_selecting(pilot, app, "ja.txt")
        controller = reader(app).selection
        tokens = [JA[s:e] for s, e in zip(controller.boundaries.token_starts, controller.boundaries.token_ends)]
        assert "東京" in tokens and "アルト" in tokens  # ICU splits the name (never stemmed, never regex-split)
        await pilot.press("right_parenthesis", "v", "l", "2")
        await settle(pilot, app)
        assert [(a.exact, a.label) for a in stored(app) if a.doc_id == "ja.txt"] == [("アルトマン", "quote")]


async def test_another_instance_writes_show_up(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(90, 24)) as pilot:
        view = await open_reader(pilot, app, "ru.txt")
        await settle(pilot, app)
        start = RU.index("Альтмане")
        with Store.open_path(app.session.store.path) as other:  # a second SSH session on the same corpus
            document = app.session.corpus.document("ru.txt")
            AnnotationRepository(other).add(doc_id="ru.txt", text=RU, start=start, end=start + 8, label="figure",
                                            content_hash=document["content_hash"], note="из другой сессии")
        await pilot.pause(1.3)
        await settle(pilot, app)
        assert view.layer_spans("annotations") == ((start, start + 8, "annotation-3"),)
        await pilot.press("v", "right_curly_bracket", *["l"] * 4)
        assert "из другой сессии" in str(reader(app).query_one(SelectionBar).render())
        await pilot.press("question_mark")  # the help lists the selection keys on the reader
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "selection" in app.screen.scopes
        await pilot.press("escape", "escape")

        # The article is edited on disk and reloaded (R): the session is replaced (the old store closed) and the
        # annotation is re-anchored by its quote, after the inserted text.
        before = app.session
        prefix = "Обновлено вечером. "
        (corpus_dir / "ru.txt").write_text(prefix + RU, encoding="utf-8")
        await pilot.press("R")
        for _ in range(200):
            if app.session is not before:
                break
            await pilot.pause(0.05)
        await pilot.pause(1.3)
        await settle(pilot, app)
        moved = start + len(prefix)
        assert app.session is not before and view.text.startswith(prefix)
        assert view.layer_spans("annotations") == ((moved, moved + 8, "annotation-3"),)
        [annotation] = stored(app)
        assert (annotation.start, annotation.exact, annotation.orphan) == (moved, "Альтмане", False)


def test_selection_keys_do_not_clash() -> None:
    # Esc/q leave selection mode instead of closing the reader: the one deliberate override of a global key.
    assert {key for key, *_ in keymap.collisions((keymap.GLOBAL, "selection"))} == {"escape", "q"}
    selection_keys = {k for s in keymap.specs("selection") for k in s.keys.split(",")}
    for scope in ("reader", "search", "entity_edit", "entities"):
        other = {k for s in keymap.specs(scope) for k in s.keys.split(",")}
        assert not selection_keys & other, scope
    assert {str(n) for n in range(1, 10)} <= selection_keys
    assert keymap.collisions((keymap.GLOBAL, "movement", "annotations")) == []


# ------------------------------------------------------------------------------------------ annotations screen
def _seed(app: BabelscopeApp) -> dict[str, str]:
    repo = AnnotationRepository(app.session.store)
    corpus = app.session.corpus
    ids = {}
    for doc_id, quote, label, note in (("ru.txt", "выручка выросла", "claim", "сверить с отчётом"),
                                       ("ru.txt", "Альтмане", "quote", ""),
                                       ("ja.txt", "経済対策", "claim", "")):
        text = corpus.text(doc_id)
        start = text.index(quote)
        change = repo.add(doc_id=doc_id, text=text, start=start, end=start + len(quote), label=label,
                          content_hash=corpus.document(doc_id)["content_hash"], note=note)
        ids[quote] = change.after.id
    return ids


async def open_list(pilot, app: BabelscopeApp) -> AnnotationsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("A")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, AnnotationsScreen)
    return app.screen


def shown_quotes(screen: AnnotationsScreen) -> list[str]:
    table = screen.query_one("#annotations-table")
    return table.frame["quote"].to_list()


async def test_list_filter_sort_and_jump(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        _seed(app)
        screen = await open_list(pilot, app)
        assert shown_quotes(screen) == ["経済対策", "выручка выросла", "Альтмане"]  # by article, then offset
        await pilot.press("L")  # label filter: claim
        assert shown_quotes(screen) == ["経済対策", "выручка выросла"]
        await pilot.press("L", "f", *"doc:ru")
        assert shown_quotes(screen) == ["Альтмане"]
        await pilot.press("escape")  # clears every filter
        await pilot.press("f", *"ОТЧЁТ", "enter")  # text in the note, any case
        assert shown_quotes(screen) == ["выручка выросла"]
        assert "сверить с отчётом" in str(screen.query_one("#annotations-detail").render())
        await pilot.press("enter")  # jump to it in the reader
        await pilot.pause()
        await pilot.pause()
        opened = reader(app)
        low, high = opened.view.visible_range()
        assert opened.doc_id == "ru.txt" and low <= RU.index("выручка выросла") < high
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape", "s", "s")  # sorted by modified
        assert "sorted by modified" in str(screen.query_one("#annotations-status").render())


async def test_bulk_delete_asks_first_and_undo_restores(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        ids = _seed(app)
        screen = await open_list(pilot, app)
        await pilot.press("m", "m")  # mark the first two rows (the cursor moves down after each mark)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing is deleted
        await pilot.pause()
        assert app.screen is screen and len(stored(app)) == 3
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert shown_quotes(screen) == ["Альтмане"]  # gone from the list at once
        screen.history.flush()
        assert [a.id for a in stored(app)] == [ids["Альтмане"]]
        await pilot.press("u")
        screen.history.flush()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(stored(app)) == 3 and len(shown_quotes(screen)) == 3


async def test_orphans_are_flagged_and_other_instances_appear(corpus_dir: Path) -> None:
    app = BabelscopeApp(str(corpus_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        repo = AnnotationRepository(app.session.store)
        text = app.session.corpus.text("ru.txt")
        old_text = "Этот абзац был удалён из статьи целиком. " + text
        # made on an older version of the article, whose first sentence has since been deleted
        repo.merge([new_annotation(doc_id="ru.txt", text=old_text, start=0, end=39, label="claim",
                                   content_hash="an older version")])
        screen = await open_list(pilot, app)
        table = screen.query_one("#annotations-table")
        assert table.frame["flag"].to_list() == [" !"]
        assert "ORPHAN" in str(screen.query_one("#annotations-detail").render())
        await pilot.press("o")
        assert len(shown_quotes(screen)) == 1
        await pilot.press("o")

        with Store.open_path(app.session.store.path) as other:
            start = text.index("Аналитики")
            AnnotationRepository(other).add(doc_id="ru.txt", text=text, start=start, end=start + 9,
                                            label="follow-up", content_hash="h")
        await pilot.pause(1.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Аналитики" in shown_quotes(screen)


# --------------------------------------------------------------------------------------------------- snapshots
def test_snapshot_selection_mode_with_annotations(snap_compare, corpus_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """80×24: two labelled spans (colour and underline), the selection and cursor, and the status bar's note."""
    app = BabelscopeApp(str(corpus_dir))

    async def annotate(pilot) -> None:  # type: ignore[no-untyped-def]
        await start_selecting(pilot, app, "ru.txt")
        await pilot.press("l", "l", "1", "enter", *"сверить", "enter")
        await pilot.press("right_parenthesis", "l", "2")
        await pilot.press("left_curly_bracket", "l")
        await settle(pilot, app)

    assert snap_compare(app, run_before=annotate, terminal_size=(80, 24))
