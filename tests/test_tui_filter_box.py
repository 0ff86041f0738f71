"""The shared ``f`` box on its own: hidden until opened, every edit reaches the screen, Enter and close give the
focus back (the screens' own tests cover what each does with the text)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.widgets.filter_box import FilterBox


class _ListApp(App):
    def __init__(self) -> None:
        super().__init__()
        self.edits: list[str] = []
        self.submits = 0

    def compose(self) -> ComposeResult:
        yield Static("rows", id="rows", classes="list")
        yield FilterBox(placeholder="filter", id="box", on_change=self.edits.append, focus_back="#rows",
                        on_submit=self._submitted)

    def on_mount(self) -> None:
        self.query_one("#rows", Static).can_focus = True
        self.query_one("#rows", Static).focus()

    def _submitted(self) -> None:
        self.submits += 1


async def test_open_type_enter_close() -> None:
    app = _ListApp()
    async with app.run_test() as pilot:
        box, rows = app.query_one(FilterBox), app.query_one("#rows", Static)
        assert not box.display
        box.open()
        await pilot.press("а", "л", "ь")  # the next keys after open reach the box
        await pilot.pause()
        assert box.display and box.has_focus and app.edits[-1] == "аль"
        await pilot.press("enter")
        await pilot.pause()
        assert app.submits == 1 and rows.has_focus and box.display and box.value == "аль"
        box.close()
        await pilot.pause()
        assert not box.display and rows.has_focus and box.value == "" and app.edits[-1] == ""
