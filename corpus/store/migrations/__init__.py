"""The ordered schema migrations of the store, discovered from the modules of this package.

Why a package of modules instead of one list: each feature (foundation, annotations, entities, alignment) owns the
file that creates its tables, so two features adding migrations at the same time never edit the same file. Every
module here named ``vNNNN_<name>.py`` defines::

    VERSION = 3                      # explicit, unique; the store's ``PRAGMA user_version`` after it ran
    NAME = "entity edits"            # for messages
    def apply(conn: sqlite3.Connection) -> None: ...   # runs inside the store's migration transaction

``apply`` must only issue statements through ``conn.execute`` (``executescript`` would commit the open
transaction). Versions must run 1, 2, 3... without gaps or duplicates; ``discover`` checks it, so two features that
picked the same number fail loudly in the test suite instead of silently skipping one migration.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

_MODULE_NAME = re.compile(r"^v(\d{4})_\w+$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


class MigrationRegistryError(RuntimeError):
    """The migration modules disagree (duplicate or missing versions): a programming error, not a user one."""


@cache
def discover() -> tuple[Migration, ...]:
    """All migrations of this package, in version order, checked to be exactly 1..N."""
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE_NAME.match(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        version = int(getattr(module, "VERSION"))
        if version != int(match.group(1)):
            raise MigrationRegistryError(f"{info.name}: VERSION = {version} does not match its file name")
        found.append(Migration(version, str(getattr(module, "NAME")), getattr(module, "apply")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationRegistryError(f"migration versions must be 1..N without gaps or duplicates, got {versions}")
    return tuple(found)


def latest_version() -> int:
    """The schema version this code creates and understands."""
    migrations = discover()
    return migrations[-1].version if migrations else 0
