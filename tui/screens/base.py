"""What every screen shares: the global keys of CONVENTIONS.md, bound from the keymap registry.

A global key that means nothing on a screen says so in a notification instead of doing nothing silently.
"""

from __future__ import annotations

from textual.screen import Screen

from tui import keymap


class BaseScreen(Screen):
    """A screen with the global keys; subclasses override the actions that apply to them."""

    SCOPES: tuple[str, ...] = (keymap.GLOBAL, "movement")
    BINDINGS = keymap.bindings(keymap.GLOBAL)

    def _not_here(self, what: str) -> None:
        self.notify(f"{what} is not available on this screen", timeout=3)

    def action_back(self) -> None:
        self.app.action_back()

    def action_find(self) -> None:
        self._not_here("Find")

    def action_next_hit(self) -> None:
        self.app.action_next_hit()

    def action_previous_hit(self) -> None:
        self.app.action_previous_hit()

    def action_toggle_entity_pane(self) -> None:
        self._not_here("The entity pane (open an article first)")

    def action_start_selection(self) -> None:
        self._not_here("Selection (open an article first)")

    def action_copy(self) -> None:
        self._not_here("Copy")
