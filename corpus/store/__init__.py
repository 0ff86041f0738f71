"""The per-corpus SQLite store (CONVENTIONS.md "The store"): everything the user creates lives here.

See docs/store.md for the schema, the migration hooks and the durability choices.
"""

from corpus.store.errors import StoreError
from corpus.store.store import BUSY_TIMEOUT_MS, Override, Store, store_path

__all__ = ["BUSY_TIMEOUT_MS", "Override", "Store", "StoreError", "store_path"]
