"""The help screen, generated from the keymap registry: every key active on the screen it was opened from."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keymap

_SCOPE_TITLES = {
    keymap.GLOBAL: "Everywhere",
    "movement": "Moving",
}


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: round $accent; padding: 0 1; }
    """
    BINDINGS = [("q,escape,question_mark", "dismiss", "Close help")]

    def __init__(self, scopes: tuple[str, ...], overrides: dict[str, str] | None = None) -> None:
        super().__init__()
        self.scopes = scopes
        self.overrides = overrides or {}

    def compose(self) -> ComposeResult:
        keys = keymap.effective_keys(self.overrides)
        with VerticalScroll():
            yield Static(Text("Babelscope keys  (q / Esc / ? closes; remap in keymap.toml by id)", style="bold"))
            for scope in self.scopes:
                table = Table(title=_SCOPE_TITLES.get(scope, scope.capitalize()), expand=True, show_edge=False)
                table.add_column("Key", no_wrap=True, style="bold")
                table.add_column("Action")
                table.add_column("Id", style="dim")
                for spec in keymap.specs(scope):
                    table.add_row(Text(keymap.display_key(keys[spec.id])), Text(spec.description), Text(spec.id))
                yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
