"""Every directory Babelscope reads or writes, from one place (the seam tests patch).

platformdirs gives the per-user config, data and cache directories. ``BABELSCOPE_HOME`` overrides all three
(``$BABELSCOPE_HOME/{config,data,cache}``) so tests, benchmarks and CI never touch the real user's files.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "babelscope"


def _home_override() -> Path | None:
    home = os.environ.get("BABELSCOPE_HOME")
    return Path(home) if home else None


def config_dir() -> Path:
    """Where user-editable files live: keymap.toml, labels.toml, aliases.tsv, settings.toml."""
    home = _home_override()
    path = home / "config" if home else platformdirs.user_config_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Where the per-corpus SQLite stores live (the user's work: never deleted by us)."""
    home = _home_override()
    path = home / "data" if home else platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Where rebuildable Parquet frames live; safe to delete at any time."""
    home = _home_override()
    path = home / "cache" if home else platformdirs.user_cache_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def sample_corpus_dir() -> Path:
    """The embedded sample corpus (five third-party news articles, see its NOTICE)."""
    return Path(str(resources.files("corpus") / "sample_corpus"))


def corpus_id(root: Path) -> str:
    """A stable id for a corpus: a hash of its resolved root path (names its store and cache folder)."""
    resolved = str(Path(root).resolve())
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]
