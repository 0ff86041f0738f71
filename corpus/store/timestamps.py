"""ISO 8601 UTC timestamps in one fixed format, so that comparing the strings compares the times.

``2025-03-01T09:30:00.123456Z``: microseconds keep two quick edits apart; the fixed width and the ``Z`` make
lexicographic order (what SQLite's ``ORDER BY`` and ``>`` use on TEXT) equal to time order.
"""

from __future__ import annotations

from datetime import datetime, timezone

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def now() -> str:
    """The current time as a store timestamp."""
    return datetime.now(timezone.utc).strftime(_FORMAT)


def normalise(value: str) -> str:
    """Any ISO 8601 time (``Z``, an offset, or naive = UTC) as a store timestamp; ``ValueError`` if not a time."""
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime(_FORMAT)
