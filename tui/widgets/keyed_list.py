"""Textual's OptionList and SelectionList with the app's movement keys (``j``/``k``, ``g``/``G``, PgUp/PgDn).

The stock lists only know the arrow keys; every list in Babelscope moves the same way, from the keymap registry.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList, SelectionList

from tui import keymap


class _MovementActions:
    """Maps the registry's movement actions onto OptionList's own (which SelectionList inherits)."""

    def action_cursor_top(self) -> None:
        self.action_first()  # type: ignore[attr-defined]

    def action_cursor_bottom(self) -> None:
        self.action_last()  # type: ignore[attr-defined]

    def action_cursor_left(self) -> None:
        """Lists have no columns; bound so ``h`` never falls through to the screen behind."""

    def action_cursor_right(self) -> None:
        """See ``action_cursor_left``."""


class KeyedOptionList(_MovementActions, OptionList):
    BINDINGS = keymap.bindings("movement")


def _without_key(key: str) -> list:
    """Movement bindings minus ``key`` (SelectionList keeps Space for ticking an option)."""
    out = []
    for binding in keymap.bindings("movement"):
        keys = [k for k in binding.key.split(",") if k.strip() != key]
        if keys:
            out.append(replace(binding, key=",".join(keys)))
    return out


class KeyedSelectionList(_MovementActions, SelectionList):
    BINDINGS = _without_key("space")
