"""Command palette provider: every registered key action, findable by its description (Posting-style)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui import keymap


class BabelscopeCommands(Provider):
    """Offers the actions that the current screen binds, so the palette and the keys never disagree."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        scopes = getattr(screen, "SCOPES", (keymap.GLOBAL,))
        keys = keymap.effective_keys(getattr(self.app, "user_keymap", {}))
        out = []
        for spec in keymap.specs():
            if spec.scope in scopes and spec.scope != "movement" and spec.id != "global.palette":
                out.append((spec.description, f"{keymap.display_key(keys[spec.id])}  ·  {spec.id}", spec.action))
        return out

    async def _run(self, action: str) -> None:
        target = self.app if action.startswith("app.") else self.screen
        await target.run_action(action.removeprefix("app."))

    async def discover(self) -> Hits:
        for description, help_text, action in self._commands():
            yield DiscoveryHit(description, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, help_text, action in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action), help=help_text)
