"""The automatic entity result of a corpus, cached as Parquet next to the corpus's frames.

Extraction and linking depend only on the articles (text, language) and this code, so the result is keyed by a
hash of every article's content hash and language plus :data:`ENTITIES_VERSION` — a hash of this package's own
source and data files, so changing a heuristic can never serve a stale result — inside the frame cache folder
(which is itself keyed by the analyser and ICU versions). Opening an unchanged corpus reads three small files;
the user's edits are never cached here (they are replayed from the store every time).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.cache import FrameCache
from corpus.entities.extract import extract
from corpus.entities.link import link

def _code_version() -> str:
    """A digest of the entity package's modules and data (the cache key's code part)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted([*package.glob("*.py"), *package.glob("*.tsv")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


ENTITIES_VERSION = _code_version()
_PARTS = ("mentions", "entities", "suggestions")


@dataclass
class AutoResult:
    """``mentions``: RAW_MENTIONS_SCHEMA plus ``auto_id``; ``entities``: id, type, name; ``suggestions``."""

    mentions: pl.DataFrame
    entities: pl.DataFrame
    suggestions: pl.DataFrame


def corpus_stamp(corpus) -> str:
    digest = hashlib.blake2b(f"entities-{ENTITIES_VERSION}".encode(), digest_size=8)
    for doc_id, content_hash, lang in corpus.documents.select("doc_id", "content_hash", "lang").sort("doc_id").iter_rows():
        digest.update(f"{doc_id}\x1f{content_hash}\x1f{lang}\x1e".encode())
    return digest.hexdigest()


def compute(corpus) -> AutoResult:
    """Extract and link from scratch (no cache)."""
    found = extract(corpus)
    mentions = found.frame()
    linked = link(mentions, found.glosses)
    return AutoResult(mentions.with_columns(pl.Series("auto_id", linked.mention_entity, dtype=pl.String)),
                      linked.entities, linked.suggestions)


def load(corpus, use_cache: bool = True) -> AutoResult:
    """The cached automatic result of ``corpus``, computed and cached on first use."""
    if not use_cache:
        return compute(corpus)
    folder = FrameCache(corpus.root).folder
    stamp = corpus_stamp(corpus)
    files = {part: folder / f"entities-{stamp}-{part}.parquet" for part in _PARTS}
    if all(f.exists() for f in files.values()):
        try:
            return AutoResult(*(pl.read_parquet(files[p]) for p in _PARTS))
        except (OSError, pl.exceptions.PolarsError):
            pass  # damaged cache: rebuild below
    result = compute(corpus)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("entities-*.parquet"):
            if stamp not in stale.name:
                stale.unlink(missing_ok=True)
        for part, frame in zip(_PARTS, (result.mentions, result.entities, result.suggestions)):
            tmp = folder / f".{files[part].name}.tmp"
            frame.write_parquet(tmp)
            os.replace(tmp, files[part])
    except OSError:
        pass  # a read-only cache dir costs speed, not correctness
    return result
