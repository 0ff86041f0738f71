"""The one exception the store raises for problems the user must know about (not programming errors)."""

from __future__ import annotations

from pathlib import Path


class StoreError(RuntimeError):
    """The store cannot be used: corrupt, unreadable, newer than this program, or locked for too long.

    ``path`` is the database file; ``backup`` is the copy made before giving up (None when none was made).
    """

    def __init__(self, message: str, path: Path, backup: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup
