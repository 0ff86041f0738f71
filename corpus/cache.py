"""Parquet cache of a corpus's analysed frames, in the platformdirs user cache dir.

The cache folder is keyed by the corpus id, the analyser version and the ICU version (ICU differs by platform and
changes segmentation), so a stale layout is never read. Inside:

* ``chunks/<id>/`` — the big frames (``tokens``, stored as form codes plus the chunk's ``forms``:
  corpus/token_codes.py; ``sentences``) and that chunk's ``vocabulary``, one folder per ingest chunk, written by
  the worker process that analysed the chunk (so a cold ingest writes in parallel and
  the main process never receives millions of token rows). A chunk folder is never modified: a chunk that loses
  a file (changed or removed) is rewritten under a new id without it, so one changed file costs one small rewrite,
  not the whole corpus.
* ``documents``, ``paragraphs``, ``vocabulary`` — corpus-wide frames (small; read on every open).
* ``manifest.parquet`` — each file's size, mtime, SHA-256, overrides and chunk. It is written last (and removed
  first), and the chunk folders the previous manifest named and the new one does not are deleted only after it is
  replaced, so a crash mid-write leaves either the old manifest describing the old frames or no manifest (a clean
  re-ingest). Other unnamed folders (another process's, or left by a crash) are deleted when an hour old.

Everything here can be deleted at any time: it is rebuilt from the files.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from pathlib import Path

import icu
import polars as pl

from corpus import ANALYSER_VERSION
from corpus.paths import cache_dir, corpus_id
from corpus.token_codes import CodedTokens, decode_files

CORPUS_FRAMES = ("documents", "paragraphs", "vocabulary")
CHUNK_FRAMES = ("sentences", "vocabulary")  # besides the tokens' two files
CHUNK_FILES = ("tokens", "forms", *CHUNK_FRAMES)
MANIFEST_SCHEMA = {
    "rel": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "sha256": pl.String, "override_key": pl.String,
    "chunk": pl.String,
}
SKIPPED_SCHEMA = {
    "rel": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "reason": pl.String, "override_key": pl.String
}
_ORPHAN_SECONDS = 3600  # a chunk folder no manifest names, or a half-written one, is deleted after this
_COMPRESSION = "lz4"  # the fastest codec Polars writes; the cache trades disk for open/ingest time


def cache_key() -> str:
    """The analysis layout's version: the analyser's, ICU's (segmentation differs by version) and Polars' (the
    paragraph fingerprints are Polars hashes, stable only within a version)."""
    return f"a{ANALYSER_VERSION}-icu{icu.ICU_VERSION}-pl{pl.__version__}"


def new_chunk_id() -> str:
    """A fresh chunk folder name (random: a chunk's content is described by the manifest, not its name)."""
    return secrets.token_hex(8)


def write_frame(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path`` atomically (a temporary name of this process, then a rename): a reader never
    sees half a file, and two processes writing it at once never share a temporary file. No column statistics:
    every cache file is read whole (nothing pushes a filter down into them), and writing the documents' text
    column's statistics was 40% of that file's write."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    frame.write_parquet(tmp, compression=_COMPRESSION, statistics=False)
    os.replace(tmp, path)


def write_chunk(folder: Path, chunk: str, tokens: CodedTokens, frames: dict[str, pl.DataFrame]) -> None:
    """Write a chunk's coded tokens and its ``CHUNK_FRAMES`` into ``folder/chunks/chunk`` (a temporary folder
    renamed into place when complete)."""
    target = folder / "chunks" / chunk
    tmp = folder / "chunks" / f".{chunk}.tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    files = {"tokens": tokens.rows, "forms": tokens.forms, **{name: frames[name] for name in CHUNK_FRAMES}}
    for name, frame in files.items():
        # no column statistics: chunk files are read whole, and writing them costs a fifth of the write
        frame.write_parquet(tmp / f"{name}.parquet", compression=_COMPRESSION, statistics=False)
    os.replace(tmp, target)


class FrameCache:
    def __init__(self, root: Path) -> None:
        base = cache_dir() / corpus_id(root)
        self.folder = base / cache_key()
        if base.exists():  # layouts of older analyser/ICU versions are dead weight
            for stale in base.iterdir():
                if stale.name != self.folder.name:
                    shutil.rmtree(stale, ignore_errors=True)

    def _file(self, name: str) -> Path:
        return self.folder / f"{name}.parquet"

    def chunk_file(self, chunk: str, name: str) -> Path:
        return self.folder / "chunks" / chunk / f"{name}.parquet"

    def manifest(self) -> pl.DataFrame | None:
        """The files of the cached analysis (None when there is none, it is damaged, or of another layout)."""
        try:
            manifest = pl.read_parquet(self._file("manifest"))
        except (OSError, pl.exceptions.PolarsError):
            return None
        return manifest if dict(manifest.schema) == MANIFEST_SCHEMA else None

    def skipped(self) -> pl.DataFrame:
        try:
            return pl.read_parquet(self._file("skipped"))
        except (OSError, pl.exceptions.PolarsError):
            return pl.DataFrame(schema=SKIPPED_SCHEMA)

    def has(self, name: str) -> bool:
        return self._file(name).exists()

    def has_chunks(self, chunks: list[str]) -> bool:
        return all(self.chunk_file(chunk, name).exists() for chunk in chunks for name in CHUNK_FILES)

    def read(self, name: str) -> pl.DataFrame:
        return pl.read_parquet(self._file(name))

    def read_chunks(self, name: str, chunks: list[str]) -> pl.DataFrame:
        """Frame ``name`` of ``chunks`` (``tokens`` or one of ``CHUNK_FRAMES``), concatenated in that order
        (Polars reads the files in parallel)."""
        if not chunks:
            return pl.DataFrame()
        if name == "tokens":
            return decode_files([(self.chunk_file(c, "tokens"), self.chunk_file(c, "forms")) for c in chunks])
        return pl.scan_parquet([self.chunk_file(chunk, name) for chunk in chunks]).collect()

    def write(
        self, frames: dict[str, pl.DataFrame], manifest: pl.DataFrame, skipped: pl.DataFrame, superseded: set[str]
    ) -> None:
        """Replace the corpus-wide frames and the manifest; then delete the ``superseded`` chunk folders (those the
        previous manifest named and this one does not) and orphans older than an hour."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file("manifest").unlink(missing_ok=True)  # invalidate first: frames and manifest change together
        for name in CORPUS_FRAMES:
            write_frame(frames[name], self._file(name))
        write_frame(skipped, self._file("skipped"))
        write_frame(manifest, self._file("manifest"))
        self._prune(set(manifest["chunk"].to_list()), superseded)

    def _prune(self, live: set[str], superseded: set[str]) -> None:
        """A chunk no manifest of ours named may be another process's, written for its own manifest a moment ago
        (two apps ingesting one corpus at once): such orphans and half-written folders go only when stale."""
        chunks = self.folder / "chunks"
        if not chunks.is_dir():
            return
        now = time.time()
        for entry in chunks.iterdir():
            if entry.name in live:
                continue
            if entry.name in superseded or now - entry.stat().st_mtime > _ORPHAN_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
