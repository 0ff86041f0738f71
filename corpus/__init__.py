"""Babelscope's engine: loading, ICU analysis, search, entities, alignment and the annotation store.

Nothing in this package imports textual, rich or tui (tests/test_architecture.py enforces it), so scripts, the
command line and the tests can use the engine without a terminal.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Bump whenever analysis output changes (tokens, norms, paragraphs, keys...): it is part of the cache key, so a
# new version re-analyses instead of reading stale Parquet.
ANALYSER_VERSION = "6"
