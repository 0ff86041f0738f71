"""The two small modal dialogs of annotating: confirm a deletion, and type a note.

Both are keyboard-only (``y``/``n``, Enter/Esc) and show untrusted text (quotes, notes) inert and without markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from corpus.textlayout.inert import inert

_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 80%; max-width: 90; height: auto; border: round $accent; padding: 0 1;
                     background: $panel; }}
{name} .dialog-title {{ text-style: bold; }}
{name} .dialog-hint {{ color: $text-muted; }}
"""


def plain(text: str) -> Text:
    """Untrusted text as a Rich Text that is never parsed as markup and holds no control characters."""
    return Text(inert(text))


class ConfirmDialog(ModalScreen[bool]):
    """Yes/no; dismisses with True only for an explicit yes."""

    DEFAULT_CSS = _CSS.format(name="ConfirmDialog")
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape,q", "answer(False)", "No", id="dialog.no"),
    ]

    def __init__(self, title: str, details: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.details = details

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.title_text), classes="dialog-title")
            for line in self.details:
                yield Static(plain(line))
            yield Static("y / Enter: yes    n / Esc: no", classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class NoteDialog(ModalScreen[str | None]):
    """A one-line note editor; Enter saves (an empty note clears it), Esc cancels (None)."""

    DEFAULT_CSS = _CSS.format(name="NoteDialog")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, quote: str, note: str) -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Note", classes="dialog-title")
            shown = " ".join(self.quote.split())
            yield Static(plain(f"“{shown[:200]}{'…' if len(shown) > 200 else ''}”"))
            yield Input(value=self.note, placeholder="type a note", id="note-input")
            yield Static("Enter: save (empty clears)    Esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
