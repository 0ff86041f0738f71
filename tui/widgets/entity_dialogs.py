"""Small modal dialogs the entity edits use: type a name, choose one of many (with a filter), tick mentions.

Each dialog dismisses with the user's answer, or None on Esc, so the caller never acts on a cancelled dialog.
Every label is a Rich ``Text`` (article text is never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection
from textual.worker import get_current_worker

from tui import keymap
from tui.entity_lists import fold_key
from tui.widgets.keyed_list import KeyedOptionList, KeyedSelectionList

SHOWN_LIMIT = 200  # rows a picker draws at once; typing narrows the rest (a corpus may have 100k entities)
_DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 90%; max-width: 76; height: auto; max-height: 90%; border: round $accent;
    padding: 0 1; background: $panel; }}
{name} .dialog-title {{ text-style: bold; }}
{name} .dialog-hint {{ color: $text-muted; }}
"""


class TextPrompt(ModalScreen[str | None]):
    """One line of text (a new name); Enter accepts, Esc cancels. An empty answer is refused, not accepted."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="TextPrompt")
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, title: str, value: str = "", hint: str = "Enter accepts · Esc cancels") -> None:
        super().__init__()
        self.title_text, self.value, self.hint = title, value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Input(value=self.value, id="prompt-input", select_on_focus=True)
            yield Static(Text(self.hint), classes="dialog-hint", id="prompt-hint")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        value = " ".join(event.value.split())
        if not value:
            self.query_one("#prompt-hint", Static).update(Text("A name cannot be empty (Esc cancels)"))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True, slots=True)
class Choice:
    """One row of a :class:`ChoicePicker`: what it returns, how it looks (a Text, or a function making one when
    the row is first drawn, for lists of thousands) and the text the filter matches (already folded)."""

    value: Hashable
    label: Text | Callable[[], Text]
    search: str = ""

    def text(self) -> Text:
        return self.label if isinstance(self.label, Text) else self.label()

    def matches(self, words: list[str]) -> bool:
        haystack = self.search or fold_key(self.text().plain)
        return all(word in haystack for word in words)


class ChoicePicker(ModalScreen[Hashable | None]):
    """Choose one of ``choices``; with ``filterable`` typing narrows the list (every word must match)."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="ChoicePicker") + """
    ChoicePicker KeyedOptionList, ChoicePicker KeyedOptionList:focus { height: auto; max-height: 16; border: none; }
    """
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(
        self, title: str, choices: Sequence[Choice], *, filterable: bool = False, hint: str = "", current: int = 0
    ) -> None:
        super().__init__()
        self.title_text, self.choices, self.filterable = title, list(choices), filterable
        self.hint = hint or ("Type to filter · ↑↓ choose · Enter picks · Esc cancels" if filterable
                             else "j/k choose · Enter picks · Esc cancels")
        self.current = current
        self._shown: list[Choice] = []
        self._shown_for = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            if self.filterable:
                yield Input(placeholder="filter", id="picker-filter")
            yield KeyedOptionList(id="picker-list")
            yield Static(Text(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self._draw("", self.choices)
        listing = self.query_one(KeyedOptionList)
        if self._shown:
            listing.highlighted = min(self.current, len(self._shown) - 1)
        (self.query_one("#picker-filter") if self.filterable else listing).focus()

    def _matching(self, needle: str) -> list[Choice]:
        words = fold_key(needle).split()
        return [c for c in self.choices if c.matches(words)]

    def _draw(self, needle: str, matching: list[Choice]) -> None:
        self._shown, self._shown_for = matching[:SHOWN_LIMIT], needle
        listing = self.query_one(KeyedOptionList)
        listing.clear_options()
        if self._shown:
            listing.add_options([Option(c.text(), id=str(i)) for i, c in enumerate(self._shown)])
            listing.highlighted = 0
        else:
            listing.add_option(Option(Text("nothing matches", style="italic"), disabled=True))
        if len(matching) > len(self._shown):
            more = Text(f"… {len(matching) - len(self._shown)} more: type to narrow", style="italic")
            listing.add_option(Option(more, disabled=True))

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._filter_in_thread(event.value)

    @work(thread=True, exclusive=True, group="picker-filter", exit_on_error=False)
    def _filter_in_thread(self, needle: str) -> None:
        """Matching 100 000 entities takes tens of milliseconds: off the UI thread, the newest keystroke wins."""
        matching = self._matching(needle)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, needle, matching)

    def _filtered(self, needle: str, matching: list[Choice]) -> None:
        if needle == self.query_one("#picker-filter", Input).value:  # else a newer keystroke's result follows
            self._draw(needle, matching)

    @on(Input.Submitted, "#picker-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        if self._shown_for != event.value:  # Enter typed before the filter caught up: match now, then pick
            self._draw(event.value, self._matching(event.value))
        self._pick(self.query_one(KeyedOptionList).highlighted)

    def on_key(self, event) -> None:  # noqa: ANN001 - Textual's Key event
        """Up/Down in the filter box move the list, so typing and choosing need no focus switch."""
        if self.filterable and self.query_one("#picker-filter").has_focus and event.key in ("up", "down"):
            listing = self.query_one(KeyedOptionList)
            listing.action_cursor_down() if event.key == "down" else listing.action_cursor_up()
            event.stop()

    @on(KeyedOptionList.OptionSelected)
    def _selected(self, event: KeyedOptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def _pick(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self._shown):
            self.dismiss(self._shown[index].value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class MentionPicker(ModalScreen[list | None]):
    """Tick the mentions to split off into a new entity: Space/Enter ticks, ``s`` splits, Esc cancels."""

    DEFAULT_CSS = _DIALOG_CSS.format(name="MentionPicker") + """
    MentionPicker KeyedSelectionList, MentionPicker KeyedSelectionList:focus { height: auto; max-height: 16;
        border: none; }
    """
    BINDINGS = [*keymap.bindings("entity_dialog"), ("escape", "cancel", "Cancel")]

    def __init__(self, title: str, mentions: Sequence[Choice]) -> None:
        super().__init__()
        self.title_text, self.mentions = title, list(mentions)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.title_text), classes="dialog-title")
            yield KeyedSelectionList(*(Selection(m.text(), i) for i, m in enumerate(self.mentions)))
            yield Static(Text("Space ticks · s splits the ticked mentions off · Esc cancels"),
                         classes="dialog-hint", id="mention-hint")

    def on_mount(self) -> None:
        self.query_one(KeyedSelectionList).focus()

    def action_confirm_split(self) -> None:
        ticked = sorted(self.query_one(KeyedSelectionList).selected)
        if not ticked:
            self.query_one("#mention-hint", Static).update(Text("Tick at least one mention first (Space)"))
            return
        if len(ticked) == len(self.mentions):
            self.query_one("#mention-hint", Static).update(Text("Leave at least one mention with the entity"))
            return
        self.dismiss([self.mentions[i].value for i in ticked])

    def action_cancel(self) -> None:
        self.dismiss(None)
