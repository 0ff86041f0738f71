"""Parquet cache of a corpus's analysed frames, in the platformdirs user cache dir.

The cache folder is keyed by the corpus id, the analyser version and the ICU version (ICU differs by platform and
changes segmentation), so a stale layout is never read. Inside, ``manifest.parquet`` records each file's size,
mtime and SHA-256; it is written last, so a crash mid-write leaves the old manifest describing the old frames.
Everything here can be deleted at any time: it is rebuilt from the files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import icu
import polars as pl

from corpus import ANALYSER_VERSION
from corpus.paths import cache_dir, corpus_id

FRAME_NAMES = ("documents", "paragraphs", "sentences", "tokens", "vocabulary")
MANIFEST_SCHEMA = {
    "rel": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "sha256": pl.String, "override_key": pl.String
}
SKIPPED_SCHEMA = {
    "rel": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64, "reason": pl.String, "override_key": pl.String
}


def cache_key() -> str:
    return f"a{ANALYSER_VERSION}-icu{icu.ICU_VERSION}"


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

    def manifest(self) -> pl.DataFrame | None:
        try:
            return pl.read_parquet(self._file("manifest"))
        except (OSError, pl.exceptions.PolarsError):
            return None

    def skipped(self) -> pl.DataFrame:
        try:
            return pl.read_parquet(self._file("skipped"))
        except (OSError, pl.exceptions.PolarsError):
            return pl.DataFrame(schema=SKIPPED_SCHEMA)

    def has(self, name: str) -> bool:
        return self._file(name).exists()

    def read(self, name: str) -> pl.DataFrame:
        return pl.read_parquet(self._file(name))

    def write(self, frames: dict[str, pl.DataFrame], manifest: pl.DataFrame, skipped: pl.DataFrame) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._file("manifest").unlink(missing_ok=True)  # invalidate first: frames and manifest change together
        for name, frame in {**frames, "skipped": skipped}.items():
            tmp = self.folder / f".{name}.parquet.tmp"
            frame.write_parquet(tmp, compression="lz4")
            os.replace(tmp, self._file(name))
        tmp = self.folder / ".manifest.parquet.tmp"
        manifest.write_parquet(tmp)
        os.replace(tmp, self._file("manifest"))
