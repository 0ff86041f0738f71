"""A user's per-article correction: its own module so the warm start (which passes the stored overrides to the
cache check) need not import the analysis stack that applies them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Override:
    """A user's per-article correction (stored in the store, applied on the next ingest)."""

    lang: str | None = None
    encoding: str | None = None
    title: str | None = None
