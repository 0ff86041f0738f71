"""Files → a ``Corpus``: discover, reuse the cache for unchanged files, analyse the rest (in parallel when it
pays), combine, and apply the corpus-wide passes (repeated-line boilerplate, vocabulary).

Reopening an unchanged corpus only stats its files and reads Parquet; a changed file re-analyses only itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import resource_tracker
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.analyse import PARAGRAPH_COLUMNS, Override
from corpus.boilerplate import corpus_repeats
from corpus.cache import MANIFEST_SCHEMA, SKIPPED_SCHEMA, FrameCache
from corpus.collection import Corpus, Skipped
from corpus.discover import FileEntry, discover
from corpus.ingest_worker import ChunkResult, FileTask, analyse_chunk
from corpus.paths import sample_corpus_dir
from corpus.schema import DOCUMENTS, SENTENCES, TOKENS, VOCABULARY, empty

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)

_CHUNK_BYTES = 1 << 20
_CHUNK_FILES = 256
_PARALLEL_MIN_BYTES = 2 << 20
#: Many tiny files are worth a pool too: per-file work (read, hash, analyse) is about 0.5 ms of CPU.
_PARALLEL_MIN_FILES = 4000


@dataclass(frozen=True, slots=True)
class IngestReport:
    analysed_files: int
    reused_files: int
    removed_files: int


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


def load_corpus(
    path: Path | str | None = None,
    *,
    overrides: dict[str, Override] | None = None,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    use_cache: bool = True,
) -> tuple[Corpus, IngestReport]:
    """Load (ingesting what changed) the corpus at ``path``; None means the embedded sample corpus."""
    is_sample = path is None
    found = discover(Path(path) if path is not None else sample_corpus_dir())
    cache = FrameCache(found.root)
    overrides = overrides or {}
    manifest = cache.manifest() if use_cache else None
    current = {f.rel: f for f in found.files}

    reusable = _reusable_files(manifest, current, overrides) if manifest is not None else {}
    cached_skips = _reusable_skips(cache.skipped(), current, overrides) if manifest is not None else {}
    to_analyse = [f for rel, f in current.items() if rel not in reusable and rel not in cached_skips]
    removed = 0 if manifest is None else manifest.filter(~pl.col("rel").is_in(list(current))).height

    if manifest is not None and not to_analyse and removed == 0 and all(
        cache.has(n) for n in ("documents", "paragraphs", "tokens", "sentences", "vocabulary")
    ):
        corpus = _from_cache(cache, found.root, cached_skips, found, is_sample)
        return corpus, IngestReport(0, len(reusable), 0)

    results = list(_analyse(to_analyse, overrides, progress, workers or default_workers()))
    frames = _combine(cache if manifest is not None else None, reusable, results)
    new_manifest = pl.DataFrame(
        [*((*row, _override_key(row[0], overrides)) for r in results for row in r.files), *reusable.values()],
        schema=MANIFEST_SCHEMA,
        orient="row",
    ).sort("rel")
    analysed_skips = {rel: reason for r in results for rel, reason in r.skipped}
    skipped_frame = pl.DataFrame(
        [
            (rel, current[rel].size, current[rel].mtime_ns, reason, _override_key(rel, overrides))
            for rel, reason in {**cached_skips, **analysed_skips}.items()
        ],
        schema=SKIPPED_SCHEMA,
        orient="row",
    )
    if use_cache:
        cache.write(frames, new_manifest, skipped_frame)
    corpus = _assemble(frames, found.root, {**cached_skips, **analysed_skips}, found, is_sample)
    return corpus, IngestReport(len(to_analyse), len(reusable), removed)


def _override_for_file(rel: str, overrides: dict[str, Override]) -> tuple[tuple[str, Override], ...]:
    if not overrides:  # the usual case, asked once per file
        return ()
    return tuple(sorted((d, o) for d, o in overrides.items() if d == rel or d.startswith(rel + "#")))


def _override_key(rel: str, overrides: dict[str, Override]) -> str:
    """What the manifest remembers of a file's overrides, so changing one re-analyses that file only."""
    return repr(_override_for_file(rel, overrides))


def _reusable_files(
    manifest: pl.DataFrame, current: dict[str, FileEntry], overrides: dict[str, Override]
) -> dict[str, tuple[str, int, int, str, str]]:
    """Files whose cached analysis is still valid: same size and mtime (or same bytes) and same overrides."""
    reusable: dict[str, tuple[str, int, int, str, str]] = {}
    for rel, size, mtime_ns, sha, override_key in manifest.iter_rows():
        entry = current.get(rel)
        if entry is None or entry.size != size or _override_key(rel, overrides) != override_key:
            continue
        if entry.mtime_ns != mtime_ns:  # touched: reuse only if the bytes are the same
            try:
                if hashlib.sha256(Path(entry.path).read_bytes()).hexdigest() != sha:
                    continue
            except OSError:
                continue
        reusable[rel] = (rel, entry.size, entry.mtime_ns, sha, override_key)
    return reusable


def _reusable_skips(
    skipped: pl.DataFrame, current: dict[str, FileEntry], overrides: dict[str, Override]
) -> dict[str, str]:
    """Files skipped last time that would be skipped again: unchanged, and no new override (an encoding)."""
    return {
        rel: reason
        for rel, size, mtime_ns, reason, override_key in skipped.iter_rows()
        if rel in current and current[rel].size == size and current[rel].mtime_ns == mtime_ns
        and override_key == _override_key(rel, overrides)
    }


def _chunks(tasks: list[FileTask]) -> Iterator[list[FileTask]]:
    chunk: list[FileTask] = []
    size = 0
    for task in tasks:
        chunk.append(task)
        size += task.size
        if size >= _CHUNK_BYTES or len(chunk) >= _CHUNK_FILES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _analyse(
    files: list[FileEntry], overrides: dict[str, Override], progress: ProgressCallback | None, workers: int
) -> Iterator[ChunkResult]:
    tasks = [FileTask(f.path, f.rel, f.size, f.mtime_ns, _override_for_file(f.rel, overrides)) for f in files]
    total = sum(t.size for t in tasks)
    done = 0
    if progress:
        progress(0, total)
    chunks = list(_chunks(tasks))
    if workers > 1 and len(chunks) > 1 and (total >= _PARALLEL_MIN_BYTES or len(tasks) >= _PARALLEL_MIN_FILES):
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            for chunk, result in zip(chunks, pool.map(analyse_chunk, chunks)):
                done += sum(t.size for t in chunk)
                if progress:
                    progress(min(done, total), total)
                yield result
    else:
        for chunk in chunks:
            result = analyse_chunk(chunk)
            done += sum(t.size for t in chunk)
            if progress:
                progress(min(done, total), total)
            yield result
    if progress:
        progress(total, total)


def _pool_context() -> multiprocessing.context.BaseContext:
    """The forkserver context with its helper processes running, safe to use from any thread of any front end.

    forkserver, not fork: the Textual app runs threads (driver, workers), and forking a threaded process can
    copy a lock some other thread holds. Starting the helpers needs a real ``sys.stderr`` file descriptor
    (multiprocessing's resource tracker passes it to its child), but inside a Textual app ``sys.stderr`` is a
    capture object whose ``fileno()`` is -1, and the pool's first start failed with "bad value(s) in
    fds_to_keep". So the helpers are started here, with the process's own stderr put back for that moment.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["corpus.ingest_worker"])
    with _real_stderr():
        resource_tracker.ensure_running()
    return context


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """``sys.stderr`` with a usable file descriptor for the duration (the original stream, else /dev/null)."""
    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    replaced = sys.stderr
    with contextlib.ExitStack() as stack:
        try:
            fallback = sys.__stderr__ if sys.__stderr__ is not None and sys.__stderr__.fileno() >= 0 else None
        except (OSError, ValueError):
            fallback = None
        sys.stderr = fallback or stack.enter_context(open(os.devnull, "w"))
        try:
            yield
        finally:
            sys.stderr = replaced


def _combine(
    cache: FrameCache | None, reusable: dict[str, tuple], results: list[ChunkResult]
) -> dict[str, pl.DataFrame]:
    schemas = {"documents": DOCUMENTS, "paragraphs": PARAGRAPH_COLUMNS, "sentences": SENTENCES, "tokens": TOKENS}
    frames: dict[str, pl.DataFrame] = {}
    kept_ids: list[str] | None = None
    for name, schema in schemas.items():
        parts = [r.frames[name] for r in results if r.frames[name].height]
        if cache is not None and reusable and cache.has(name):
            old = cache.read(name)
            if kept_ids is None:
                docs = cache.read("documents")
                kept_ids = docs.filter(pl.col("path").is_in(list(reusable)))["doc_id"].to_list()
            parts.insert(0, old.filter(pl.col("doc_id").is_in(kept_ids)))
        frames[name] = pl.concat(parts, how="vertical_relaxed") if parts else empty(schema)
    frames["documents"] = sort_unless_sorted(frames["documents"], "doc_id")
    frames["paragraphs"] = sort_unless_sorted(frames["paragraphs"], "doc_id", "index")
    frames["sentences"] = sort_unless_sorted(frames["sentences"], "doc_id", "index")
    frames["tokens"] = sort_unless_sorted(frames["tokens"], "doc_id", "start")
    frames["vocabulary"] = build_vocabulary(frames["tokens"])
    return frames


def sort_unless_sorted(frame: pl.DataFrame, first: str, second: str | None = None) -> pl.DataFrame:
    """``frame`` sorted by ``(first, second)``; one vectorised pass instead of a sort when it already is.

    Chunks usually arrive in order, and sorting millions of tokens by a string key costs more time and memory
    than the check (a 50 MB one-line article has 8 million tokens).
    """
    if frame.height < 2:
        return frame
    a, b = pl.col(first), pl.col(second) if second else None
    step = a > a.shift()
    in_order = step | (a == a.shift()) & (b >= b.shift() if b is not None else pl.lit(True))
    if frame.select(in_order.fill_null(True).all()).item():
        return frame
    return frame.sort([first, second] if second else first)


def build_vocabulary(tokens: pl.DataFrame) -> pl.DataFrame:
    """Distinct norms with corpus and document frequencies (per-form work later runs on these, not tokens)."""
    if tokens.height == 0:
        return empty(VOCABULARY)
    return (
        tokens.group_by("norm")
        .agg(
            pl.col("kind").first(),
            pl.col("script").first(),
            pl.len().cast(pl.Int64).alias("freq"),
            pl.col("doc_id").n_unique().cast(pl.Int64).alias("doc_freq"),
        )
        .sort(["freq", "norm"], descending=[True, False])
    )


def _final_paragraphs(paragraphs: pl.DataFrame) -> pl.DataFrame:
    return corpus_repeats(paragraphs)


def _assemble(
    frames: dict[str, pl.DataFrame], root: Path, skipped: dict[str, str], found, is_sample: bool
) -> Corpus:
    corpus = Corpus(
        root=root,
        documents=frames["documents"],
        paragraphs=_final_paragraphs(frames["paragraphs"]),
        skipped=[Skipped(rel, reason) for rel, reason in sorted({**dict(found.unreadable), **skipped}.items())],
        ignored=found.ignored,
        is_sample=is_sample,
        source=found.source,
        file_stamps={f.rel: (f.size, f.mtime_ns) for f in found.files},
    )
    for name in ("tokens", "sentences", "vocabulary"):
        corpus._loaded[name] = frames[name]
    return corpus


def _from_cache(cache: FrameCache, root: Path, skipped: dict[str, str], found, is_sample: bool) -> Corpus:
    corpus = Corpus(
        root=root,
        documents=cache.read("documents"),
        paragraphs=_final_paragraphs(cache.read("paragraphs")),
        skipped=[Skipped(rel, reason) for rel, reason in sorted({**dict(found.unreadable), **skipped}.items())],
        ignored=found.ignored,
        is_sample=is_sample,
        source=found.source,
        file_stamps={f.rel: (f.size, f.mtime_ns) for f in found.files},
    )
    for name in ("tokens", "sentences", "vocabulary"):
        corpus._lazy[name] = lambda name=name: cache.read(name)
    return corpus
