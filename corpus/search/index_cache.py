"""The search index's frames in the corpus's Parquet cache folder (next to the ingest frames, same cache key).

Two layers: the *pieces* (per article, per form, per norm: what a rebuild reuses) and the *assembled* frames
(integer ids, sorted postings: what a warm start reads). ``search/fingerprint`` names the corpus state both
describe and is written last, so a crash mid-write leaves an index that is rebuilt (reusing whatever pieces
survived), never one that is silently stale.
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from corpus.cache import FrameCache, write_frame
from corpus.collection import Corpus
from corpus.names import KEYS_VERSION
from corpus.search.index import (
    ASSEMBLED,
    FOLDS_SCHEMA,
    GLOSSES_SCHEMA,
    POSTINGS_SCHEMA,
    SPANS_SCHEMA,
    UNITS_SCHEMA,
    Pieces,
    SearchIndex,
    assemble_frames,
    build_pieces,
    fingerprint,
    from_frames,
)
from corpus.search.priors import NOT_NAMES_SCHEMA

_PIECES = {
    "spans": SPANS_SCHEMA, "glosses": GLOSSES_SCHEMA, "units": UNITS_SCHEMA,
    "folds": FOLDS_SCHEMA, "postings": POSTINGS_SCHEMA, "not_names": NOT_NAMES_SCHEMA,
}


def _folder(corpus: Corpus) -> Path:
    return FrameCache(corpus.root).folder / f"search-{KEYS_VERSION}"  # name keys are in the pieces


def _read_frames(folder: Path, names: tuple[str, ...], prefix: str) -> dict[str, pl.DataFrame] | None:
    try:
        return {name: pl.read_parquet(folder / f"{prefix}{name}.parquet") for name in names}
    except (OSError, pl.exceptions.PolarsError):
        return None


def _read_pieces(folder: Path) -> Pieces | None:
    frames = _read_frames(folder, tuple(_PIECES), "piece-")
    if frames is None or any(dict(frames[n].schema) != schema for n, schema in _PIECES.items()):
        return None
    return Pieces(**frames)


def _write(folder: Path, frames: dict[str, pl.DataFrame], stamp: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "fingerprint").unlink(missing_ok=True)
    for name, frame in frames.items():
        write_frame(frame, folder / f"{name}.parquet")
    tmp = folder / ".fingerprint.tmp"
    tmp.write_text(stamp, encoding="utf-8")
    os.replace(tmp, folder / "fingerprint")


def _stamp_matches(folder: Path, stamp: str) -> bool:
    try:
        return (folder / "fingerprint").read_text(encoding="utf-8") == stamp
    except OSError:
        return False


def load_index(corpus: Corpus, use_cache: bool = True) -> tuple[SearchIndex, bool]:
    """The search index of ``corpus`` and whether it came from the cache unchanged.

    A cache folder that cannot be written (read-only home, full disk) only costs the rebuild next time.
    """
    folder = _folder(corpus)
    stamp = fingerprint(corpus.documents)
    if use_cache and _stamp_matches(folder, stamp):
        assembled = _read_frames(folder, ASSEMBLED, "index-")
        if assembled is not None:
            return from_frames(corpus, assembled), True
    previous = _read_pieces(folder) if use_cache else None
    pieces = build_pieces(corpus, previous)
    assembled = assemble_frames(pieces)
    if use_cache:
        try:
            _write(folder, {
                **{f"piece-{name}": getattr(pieces, name) for name in _PIECES},
                **{f"index-{name}": frame for name, frame in assembled.items()},
            }, stamp)
        except OSError:
            pass
    return from_frames(corpus, assembled), False
