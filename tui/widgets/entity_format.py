"""How entity names, types and figures read on screen, shared by the entity pane, the entity screen and dialogs.

Names are untrusted article text in any script: they are made inert, and in the ``app`` bidi mode an Arabic name
is reordered for display (the terminal then prints it as is). Types are shown as words, never as colour alone,
so the panes work with ``NO_COLOR`` and in 16 colours.
"""

from __future__ import annotations

from corpus.figures import Figure
from tui.widgets.bidi_label import display_form

TYPES = ("PER", "ORG", "LOC", "PRODUCT")
TYPE_TITLES = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "PRODUCT": "Products & works"}


def display_name(name: str, bidi: str = "terminal") -> str:
    """``name`` as it should be printed: one line, inert, and in screen order when the app does bidi."""
    flat = " ".join(name.split())
    return display_form(flat, bidi) if flat else ""


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def figure_value(figure: Figure) -> str:
    """The normalised value and unit of a figure: ``13,000,000,000 USD``, ``3.5 %``, ``2023-11-20``, ``5–7``."""
    if isinstance(figure.value, str):
        value = figure.value
        if isinstance(figure.value_max, str):
            value += f"…{figure.value_max}"
        return value
    value = _number(figure.value)
    if isinstance(figure.value_max, (int, float)):
        value += f"–{_number(figure.value_max)}"
    return f"{value} {figure.unit}" if figure.unit else value
