"""Command palette provider: every registered key action, findable by its description (Posting-style)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
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

    def _search_for(self, query: str) -> None:
        from tui.screens.search import SearchScreen  # deferred like every feature screen

        session = getattr(self.app, "session", None)
        if session is None:
            self.app.notify("The corpus is still loading", timeout=2)
            return
        self.app.push_screen(SearchScreen(session, query))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, help_text, action in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action), help=help_text)
        if query.strip():  # whatever was typed can be searched for in every script (ranked below any command)
            text = query.strip()
            yield Hit(0.01, Text.assemble("Search for ", (text, "bold")), partial(self._search_for, text),
                      help="corpus search in every script  ·  /")
