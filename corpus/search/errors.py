"""The one exception search raises for a query it cannot run (a bad regex, an unknown ``doc:``, an empty query)."""

from __future__ import annotations


class SearchError(ValueError):
    """A query that cannot be run; the message says what is wrong in words a user can act on."""
