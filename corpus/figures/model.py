"""The value object every figure extractor returns.

A figure keeps its place in the *original* text (code-point offsets, end exclusive) next to a normalised value,
so the app can highlight the surface while the CLI and the entity pane compare values across languages.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("count", "money", "percent", "date")


@dataclass(frozen=True, slots=True)
class Figure:
    """One number the text states.

    ``value`` is a float for counts, money and percents (a percent as 3.5, not 0.035) and an ISO 8601 string for
    dates (``2023-11-20``, ``2023-11``, ``2023``, ``--11-20`` when the text gives no year, or
    ``2023-11-22T09:30:30``). ``value_max`` is the upper bound of a range (``700-710``), else None. ``unit`` is
    an ISO 4217 code for money, ``%`` for percents, the counted noun as written for counts when the text names it
    right after the number, else None.
    """

    start: int
    end: int
    surface: str
    kind: str
    value: float | str
    value_max: float | str | None = None
    unit: str | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of ``babelscope numbers`` (minus doc_id/path, which the caller knows)."""
        return {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "kind": self.kind,
            "value": self.value,
            "value_max": self.value_max,
            "unit": self.unit,
        }
