"""The search index's frames in the corpus's Parquet cache folder (next to the ingest frames, same cache key).

``search/fingerprint`` names the corpus state the frames describe and is written last, so a crash mid-write
leaves an index that is rebuilt (reusing whatever frames survived), never one that is silently stale.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from corpus.cache import FrameCache
from corpus.collection import Corpus
from corpus.search.index import (
    FOLDS_SCHEMA,
    NOT_NAMES_SCHEMA,
    GLOSSES_SCHEMA,
    POSTINGS_SCHEMA,
    SPANS_SCHEMA,
    UNITS_SCHEMA,
    Pieces,
    build_pieces,
    fingerprint,
)

_SCHEMAS = {
    "spans": SPANS_SCHEMA, "glosses": GLOSSES_SCHEMA, "units": UNITS_SCHEMA,
    "folds": FOLDS_SCHEMA, "postings": POSTINGS_SCHEMA, "not_names": NOT_NAMES_SCHEMA,
}


def _folder(corpus: Corpus) -> Path:
    return FrameCache(corpus.root).folder / "search"


def _read(folder: Path) -> Pieces | None:
    try:
        frames = {name: pl.read_parquet(folder / f"{name}.parquet") for name in _SCHEMAS}
    except (OSError, pl.exceptions.PolarsError):
        return None
    for name, schema in _SCHEMAS.items():
        if dict(frames[name].schema) != schema:
            return None
    return Pieces(**frames)


def _write(folder: Path, pieces: Pieces, stamp: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fingerprint").unlink(missing_ok=True)
    for name in _SCHEMAS:
        tmp = folder / f".{name}.parquet.tmp"
        getattr(pieces, name).write_parquet(tmp, compression="lz4")
        os.replace(tmp, folder / f"{name}.parquet")
    tmp = folder / ".fingerprint.tmp"
    tmp.write_text(stamp, encoding="utf-8")
    os.replace(tmp, folder / "fingerprint")


def load_pieces(corpus: Corpus, use_cache: bool = True) -> tuple[Pieces, bool]:
    """The index frames of ``corpus`` and whether they came from the cache unchanged.

    A cache folder that cannot be written (read-only home, full disk) only costs the rebuild next time.
    """
    folder = _folder(corpus)
    stamp = fingerprint(corpus.documents)
    previous = _read(folder) if use_cache else None
    if previous is not None:
        try:
            if (folder / "fingerprint").read_text(encoding="utf-8") == stamp:
                return previous, True
        except OSError:
            pass
    pieces = build_pieces(corpus, previous)
    if use_cache:
        try:
            _write(folder, pieces, stamp)
        except OSError:
            pass
    return pieces, False
