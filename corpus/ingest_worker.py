"""The unit of work of a (possibly parallel) ingest: a chunk of files → frames + per-file bookkeeping.

Runs in worker processes, so everything crossing the boundary is plain data or Polars frames (which pickle as
Arrow). With a cache folder, the worker writes the chunk's big frames (tokens, sentences) and its vocabulary
there itself (corpus/cache.py) and sends back only the small ones: the main process then neither unpickles nor
writes millions of token rows, and the writes happen in parallel. A file that cannot be read becomes a
``(path, reason)`` entry, never an exception: one bad file must not cost the rest of the corpus.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.analyse import Analyser
from corpus.cache import new_chunk_id, write_chunk
from corpus.override import Override
from corpus.readers import RawArticle, ReadError, read_articles, read_file_bytes


@dataclass(frozen=True, slots=True)
class FileTask:
    path: str            # absolute
    rel: str
    size: int
    mtime_ns: int
    overrides: tuple[tuple[str, Override], ...] = ()  # (doc_id, override) for this file's articles


@dataclass(slots=True)
class ChunkResult:
    frames: dict[str, pl.DataFrame]  # documents, paragraphs, vocabulary (+ tokens, sentences without a cache)
    chunk: str                       # the chunk's folder name in the cache
    files: list[tuple[str, int, int, str]] = field(default_factory=list)  # rel, size, mtime_ns, sha256
    skipped: list[tuple[str, str]] = field(default_factory=list)          # rel, reason
    text_bytes: int = 0


def analyse_chunk(tasks: list[FileTask], cache_folder: str | None = None) -> ChunkResult:
    """Analyse ``tasks``; with ``cache_folder``, write the chunk's tokens, sentences and vocabulary there."""
    analyser = Analyser()
    files: list[tuple[str, int, int, str]] = []
    skipped: list[tuple[str, str]] = []
    text_bytes = 0
    items: list[tuple[RawArticle, Override | None]] = []
    for task in tasks:
        path = Path(task.path)
        overrides = dict(task.overrides)
        try:
            data = read_file_bytes(path)
            digest = hashlib.sha256(data).hexdigest()
            forced = overrides.get(task.rel, Override()).encoding
            articles = list(read_articles(data, path, task.rel, forced))
            if not any(article.text.strip() for article in articles):
                raise ReadError("empty file (no text)")
        except ReadError as exc:
            skipped.append((task.rel, str(exc)))
            continue
        items.extend((article, overrides.get(article.doc_id)) for article in articles)
        files.append((task.rel, task.size, task.mtime_ns, digest))
        text_bytes += len(data)
    analyser.add_all(items)
    chunk = new_chunk_id()
    if cache_folder is None or not files:
        return ChunkResult(analyser.frames(), chunk, files, skipped, text_bytes)
    frames = analyser.frames_besides_tokens()
    write_chunk(Path(cache_folder), chunk, analyser.tokens.coded(), frames)
    del frames["sentences"]
    return ChunkResult(frames, chunk, files, skipped, text_bytes)
