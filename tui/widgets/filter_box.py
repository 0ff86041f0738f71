"""The ``f`` box: an input that appears on ``f``, hands every keystroke to its screen, and gives the focus back.

Why it exists: the library, the compare picker, the entity list, the annotation list and the reader's find box all
had the same few lines (show the input and focus it; on Enter go back to the list; on Esc empty it, hide it and
go back to the list). One widget keeps the keys behaving the same way on every screen.

How a list screen uses it (with :class:`TextFiltered`, which holds ``f``, the typed text and the Esc check)::

    class LibraryScreen(TextFiltered, BaseScreen):
        def compose(self):
            yield FilterBox(placeholder="filter …", id="library-filter",
                            on_change=self._filter_changed, focus_back="#library-table")

        def refilter(self) -> None:           # redraw the rows for self.text_filter
            ...

        def action_back(self) -> None:        # Esc
            if self.close_filter():
                return
            ...

What the screen does with the text (filter a table, find in an article) stays in ``on_change``; ``on_submit`` runs
on Enter before the focus goes back (the reader steps to the next match there). The screen decides when Esc
closes the box, since that depends on its own state (a reader with matches drawn, an annotation list with ``L``
filters set). Where the box is docked is the screen's CSS; the box only says it is hidden until opened.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.widgets import Input


class FilterBox(Input):
    """An :class:`Input` hidden until :meth:`open`; ``on_change`` gets every edit, Enter and :meth:`close` give the
    focus back to the widget that ``focus_back`` (a selector within the screen) names."""

    DEFAULT_CSS = """
    FilterBox { display: none; }
    """

    def __init__(
        self,
        *,
        placeholder: str,
        id: str,  # noqa: A002 - Textual's name for it
        on_change: Callable[[str], None],
        focus_back: str,
        on_submit: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._on_change = on_change
        self._on_submit = on_submit
        self._focus_back = focus_back

    def open(self) -> None:
        """Show the box and focus it. ``display`` is set inline, so the box is displayed (hence focusable) before
        the next key arrives."""
        self.display = True
        self.focus()

    def close(self) -> None:
        """Empty the box (``on_change`` then hears ``""``), hide it and give the focus back."""
        self.value = ""
        self.display = False
        self._give_focus_back()

    def _give_focus_back(self) -> None:
        self.screen.query_one(self._focus_back).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input is self:
            self._on_change(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input is not self:
            return
        if self._on_submit is not None:
            self._on_submit()
        self._give_focus_back()


class TextFiltered:
    """The part of a list screen that its ``f`` box drives: ``f`` opens the box, each edit sets ``text_filter``
    and calls :meth:`refilter`, and Esc first closes a box that is focused or still filtering.

    A mixin (before the Screen base) rather than copies in the library, the compare picker and the entity list.
    """

    text_filter: str = ""

    def refilter(self) -> None:
        """Show the rows that match ``text_filter`` (each screen's own table)."""
        raise NotImplementedError

    def action_find(self) -> None:
        self.query_one(FilterBox).open()  # type: ignore[attr-defined]

    def _filter_changed(self, value: str) -> None:
        self.text_filter = value.strip()
        self.refilter()

    def close_filter(self) -> bool:
        """Esc: close the box if it is focused or filtering (True), else leave it to the screen (False)."""
        box = self.query_one(FilterBox)  # type: ignore[attr-defined]
        if box.has_focus or self.text_filter:
            box.close()
            return True
        return False
