"""Files → a ``Corpus``: discover, reuse the cache for unchanged files, analyse the rest (in parallel when it
pays), combine, and apply the corpus-wide passes (repeated-line boilerplate, vocabulary).

Reopening an unchanged corpus only stats its files and reads Parquet; a changed file re-analyses only itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import resource_tracker
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from corpus.boilerplate import corpus_repeats
from corpus.cache import CORPUS_FRAMES, MANIFEST_SCHEMA, SKIPPED_SCHEMA, FrameCache, new_chunk_id, write_chunk
from corpus.collection import Corpus, Skipped
from corpus.discover import Discovery, FileEntry, corpus_root, discover
from corpus.override import Override
from corpus.paths import sample_corpus_dir
from corpus.schema import DOCUMENTS, PARAGRAPH_COLUMNS, SENTENCES, TOKENS, empty
from corpus.token_codes import encode
from corpus.vocabulary import build_vocabulary, merge_vocabularies

if TYPE_CHECKING:
    from corpus.ingest_worker import ChunkResult, FileTask

#: (bytes done, bytes total); a corpus with nothing cached first gets (0, 0): analysis is starting, files are being
#: found, the total is not known yet
ProgressCallback = Callable[[int, int], None]

_CHUNK_BYTES = 1 << 20
_CHUNK_FILES = 256
#: The last chunks shrink down to this: while one worker finishes the final chunk the others have nothing to do,
#: so the final chunks are made smaller (each at most the remaining bytes spread over two per worker).
_CHUNK_MIN_BYTES = 64 << 10
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
    source = Path(path) if path is not None else sample_corpus_dir()
    cache = FrameCache(corpus_root(source))
    overrides = overrides or {}
    manifest = cache.manifest() if use_cache else None
    if manifest is None and not is_sample and (workers or default_workers()) > 1 and source.is_dir():
        _start_pool_helpers()
    if manifest is None and progress:
        progress(0, 0)  # before the walk, which takes a while in a big folder (and competes with a first paint)
    found = discover(source)
    if manifest is not None and not _complete(cache, manifest):
        manifest = None  # a frame file went missing: analyse everything again
    current = {f.rel: f for f in found.files}

    reusable = _reusable_files(manifest, current, overrides) if manifest is not None else {}
    cached_skips = _reusable_skips(cache.skipped(), current, overrides) if manifest is not None else {}
    to_analyse = [f for rel, f in current.items() if rel not in reusable and rel not in cached_skips]
    removed = 0 if manifest is None else manifest.filter(~pl.col("rel").is_in(list(current))).height
    skipped_now = {**dict(found.unreadable), **cached_skips}

    if manifest is not None and not to_analyse and removed == 0:
        corpus = _from_cache(cache, manifest, found, skipped_now, is_sample)
        return corpus, IngestReport(0, len(reusable), 0)

    folder = cache.folder if use_cache else None
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    results = list(_analyse(to_analyse, overrides, progress, workers or default_workers(), folder))
    analysed_skips = {rel: reason for r in results for rel, reason in r.skipped}
    new_files = [(*row, _override_key(row[0], overrides), r.chunk) for r in results for row in r.files]
    if folder is None:
        corpus = _in_memory(results, found, {**skipped_now, **analysed_skips}, is_sample)
        return corpus, IngestReport(len(to_analyse), len(reusable), removed)

    kept = _keep_chunks(cache, manifest, reusable) if manifest is not None else _Kept.nothing()
    new_manifest = pl.DataFrame([*new_files, *kept.files], schema=MANIFEST_SCHEMA, orient="row").sort("rel")
    chunks = chunk_order(new_manifest)
    vocabularies = {**kept.vocabularies, **{r.chunk: r.frames["vocabulary"] for r in results if r.files}}
    frames = {
        "documents": sort_unless_sorted(_concat([kept.documents, *(r.frames["documents"] for r in results)],
                                                DOCUMENTS), "doc_id"),
        "paragraphs": sort_unless_sorted(_concat([kept.paragraphs, *(r.frames["paragraphs"] for r in results)],
                                                 PARAGRAPH_COLUMNS), "doc_id", "index"),
        "vocabulary": merge_vocabularies([vocabularies[c] if c in vocabularies
                                          else pl.scan_parquet(cache.chunk_file(c, "vocabulary")) for c in chunks]),
    }
    skipped_frame = pl.DataFrame(
        [
            (rel, current[rel].size, current[rel].mtime_ns, reason, _override_key(rel, overrides))
            for rel, reason in {**cached_skips, **analysed_skips}.items()
        ],
        schema=SKIPPED_SCHEMA,
        orient="row",
    )
    superseded = set() if manifest is None else set(manifest["chunk"].to_list()) - set(chunks)
    cache.write(frames, new_manifest, skipped_frame, superseded)
    corpus = _corpus(frames["documents"], frames["paragraphs"], found, {**skipped_now, **analysed_skips},
                     is_sample, _chunk_loaders(cache, chunks, frames["documents"]["doc_id"]))
    corpus._loaded["vocabulary"] = frames["vocabulary"]
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
) -> dict[str, tuple[str, int, int, str, str, str]]:
    """Files whose cached analysis is still valid: same size and mtime (or same bytes) and same overrides."""
    reusable: dict[str, tuple[str, int, int, str, str, str]] = {}
    for rel, size, mtime_ns, sha, override_key, chunk in manifest.iter_rows():
        entry = current.get(rel)
        if entry is None or entry.size != size or _override_key(rel, overrides) != override_key:
            continue
        if entry.mtime_ns != mtime_ns:  # touched: reuse only if the bytes are the same
            try:
                if hashlib.sha256(Path(entry.path).read_bytes()).hexdigest() != sha:
                    continue
            except OSError:
                continue
        reusable[rel] = (rel, entry.size, entry.mtime_ns, sha, override_key, chunk)
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


def _chunks(tasks: list[FileTask], workers: int = 1) -> Iterator[list[FileTask]]:
    """``tasks`` in chunks of about :data:`_CHUNK_BYTES` (at most :data:`_CHUNK_FILES` files); towards the end the
    chunks shrink (see :data:`_CHUNK_MIN_BYTES`), so the workers finish together."""
    remaining = sum(task.size for task in tasks)
    chunk: list[FileTask] = []
    size = 0
    target = _chunk_target(remaining, workers)
    for task in tasks:
        chunk.append(task)
        size += task.size
        if size >= target or len(chunk) >= _CHUNK_FILES:
            yield chunk
            remaining -= size
            chunk, size = [], 0
            target = _chunk_target(remaining, workers)
    if chunk:
        yield chunk


def _chunk_target(remaining: int, workers: int) -> int:
    if workers <= 1:
        return _CHUNK_BYTES
    return max(_CHUNK_MIN_BYTES, min(_CHUNK_BYTES, remaining // (2 * workers)))


def _analyse(
    files: list[FileEntry],
    overrides: dict[str, Override],
    progress: ProgressCallback | None,
    workers: int,
    cache_folder: Path | None,
) -> Iterator[ChunkResult]:
    """Analyse ``files`` in chunks (in a process pool when it pays); with a cache folder the workers write there."""
    total = max(1, sum(f.size for f in files))  # never 0: (0, 0) means "finding files" (a corpus of empty files)
    done = 0
    if progress:
        progress(0, total)  # before the analysis stack's imports: a cold start shows its progress sooner
    from corpus.ingest_worker import FileTask, analyse_chunk  # the analysis stack: not imported by a warm start

    tasks = [FileTask(f.path, f.rel, f.size, f.mtime_ns, _override_for_file(f.rel, overrides)) for f in files]
    chunks = list(_chunks(tasks, workers))
    analyse = partial(analyse_chunk, cache_folder=str(cache_folder) if cache_folder is not None else None)
    parallel = workers > 1 and len(chunks) > 1 and (total >= _PARALLEL_MIN_BYTES or len(tasks) >= _PARALLEL_MIN_FILES)
    analysed = _pooled(chunks, analyse, workers) if parallel else ((chunk, analyse(chunk)) for chunk in chunks)
    for chunk, result in analysed:
        done += sum(t.size for t in chunk)
        if progress:
            progress(min(done, total), total)
        yield result
    if progress:
        progress(total, total)


def _pooled(
    chunks: list[list[FileTask]], analyse: Callable[[list[FileTask]], ChunkResult], workers: int
) -> Iterator[tuple[list[FileTask], ChunkResult]]:
    """``(chunk, result)`` pairs from a process pool, in the order they finish (every chunk is queued at once, so
    no worker waits for the caller). The caller does no analysis itself: measured, a third process on two cores
    only slowed the workers, which start within tens of milliseconds from the preloaded forkserver."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=pool_context()) as pool:
        futures = {pool.submit(analyse, chunk): chunk for chunk in chunks}
        for future in as_completed(futures):
            yield futures[future], future.result()


def _start_pool_helpers() -> None:
    """Start the pool's forkserver now, in the background: a folder never ingested is probably worth a pool,
    and the forkserver's imports (0.25–0.4 s) then overlap the files' discovery instead of delaying the first
    chunk. For a folder that turns out small the forkserver just waits, unused, for a later ingest."""
    pool_context()
    with _real_stderr():
        multiprocessing.forkserver.ensure_running()


def pool_context() -> multiprocessing.context.BaseContext:
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


@dataclass(frozen=True, slots=True)
class _Kept:
    """What survives of the cached analysis: its files (with their chunk), frames and chunk vocabularies."""

    files: list[tuple[str, int, int, str, str, str]]
    documents: pl.DataFrame
    paragraphs: pl.DataFrame
    vocabularies: dict[str, pl.DataFrame]  # of the chunks rewritten here (the others are read from the cache)

    @staticmethod
    def nothing() -> _Kept:
        return _Kept([], empty(DOCUMENTS), empty(PARAGRAPH_COLUMNS), {})


def _keep_chunks(
    cache: FrameCache, manifest: pl.DataFrame, reusable: dict[str, tuple[str, int, int, str, str, str]]
) -> _Kept:
    """The cached analysis of the ``reusable`` files. A chunk that lost files (changed or removed) is rewritten
    under a new id with only the rest: a small rewrite, where one Parquet file per frame meant rewriting all."""
    if not reusable:
        return _Kept.nothing()
    documents = cache.read("documents").filter(pl.col("path").is_in(list(reusable)))
    kept_ids = documents["doc_id"]
    paragraphs = cache.read("paragraphs").filter(pl.col("doc_id").is_in(kept_ids.implode()))
    files = dict(reusable)
    vocabularies: dict[str, pl.DataFrame] = {}
    per_chunk = manifest.group_by("chunk").agg(pl.col("rel"))
    for chunk, rels in per_chunk.iter_rows():
        alive = [rel for rel in rels if rel in reusable]
        if not alive or len(alive) == len(rels):
            continue
        ids = documents.filter(pl.col("path").is_in(alive))["doc_id"].implode()
        tokens, sentences = (cache.read_chunks(name, [chunk]).filter(pl.col("doc_id").is_in(ids))
                             for name in ("tokens", "sentences"))
        frames = {"sentences": sentences, "vocabulary": build_vocabulary(tokens)}
        rewritten = new_chunk_id()
        write_chunk(cache.folder, rewritten, encode(tokens), frames)
        vocabularies[rewritten] = frames["vocabulary"]
        for rel in alive:
            files[rel] = (*files[rel][:5], rewritten)
    return _Kept(list(files.values()), documents, paragraphs, vocabularies)


def chunk_order(manifest: pl.DataFrame) -> list[str]:
    """The manifest's chunks in corpus order (by their first file), so concatenated frames come out sorted."""
    return manifest.group_by("chunk").agg(pl.col("rel").min()).sort("rel")["chunk"].to_list()


def _complete(cache: FrameCache, manifest: pl.DataFrame) -> bool:
    return all(cache.has(name) for name in CORPUS_FRAMES) and cache.has_chunks(chunk_order(manifest))


def _concat(parts: list[pl.DataFrame], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    parts = [part for part in parts if part.height]
    return pl.concat(parts, how="vertical_relaxed") if parts else empty(schema)


def _chunk_loaders(
    cache: FrameCache, chunks: list[str], doc_ids: pl.Series
) -> dict[str, Callable[[], pl.DataFrame]]:
    """Loaders of the big frames from the chunk files (read on first use; sorted if an edit broke the order).

    Another process (a second app on the same corpus) may have replaced the chunks since: then the current
    manifest's chunks are read and cut to this corpus's articles (an unchanged file gives the same rows)."""
    def load(name: str, schema: dict[str, pl.DataType], second: str) -> pl.DataFrame:
        if not chunks:
            return empty(schema)
        try:
            frame = cache.read_chunks(name, chunks)
        except (OSError, pl.exceptions.PolarsError):
            manifest = cache.manifest()
            if manifest is None:
                raise
            frame = cache.read_chunks(name, chunk_order(manifest)).filter(pl.col("doc_id").is_in(doc_ids.implode()))
        return sort_unless_sorted(frame, "doc_id", second)

    return {
        "tokens": lambda: load("tokens", TOKENS, "start"),
        "sentences": lambda: load("sentences", SENTENCES, "index"),
    }


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


def _corpus(
    documents: pl.DataFrame,
    paragraphs: pl.DataFrame,
    found: Discovery,
    skipped: dict[str, str],
    is_sample: bool,
    loaders: dict[str, Callable[[], pl.DataFrame]],
) -> Corpus:
    """The ``Corpus`` of analysed frames (the corpus-wide boilerplate pass applied to the paragraphs here)."""
    return Corpus(
        root=found.root,
        documents=documents,
        paragraphs=corpus_repeats(paragraphs),
        skipped=[Skipped(rel, reason) for rel, reason in sorted(skipped.items())],
        ignored=found.ignored,
        is_sample=is_sample,
        source=found.source,
        file_stamps={f.rel: (f.size, f.mtime_ns) for f in found.files},
        _lazy=loaders,
    )


def _in_memory(results: list[ChunkResult], found: Discovery, skipped: dict[str, str], is_sample: bool) -> Corpus:
    """The corpus of an ingest without the cache: every frame came back from the workers."""
    def combined(name: str, schema: dict[str, pl.DataType], *order: str) -> pl.DataFrame:
        return sort_unless_sorted(_concat([r.frames[name] for r in results], schema), *order)

    tokens = combined("tokens", TOKENS, "doc_id", "start")
    corpus = _corpus(combined("documents", DOCUMENTS, "doc_id"), combined("paragraphs", PARAGRAPH_COLUMNS,
                     "doc_id", "index"), found, skipped, is_sample, {})
    corpus._loaded.update(tokens=tokens, sentences=combined("sentences", SENTENCES, "doc_id", "index"),
                          vocabulary=build_vocabulary(tokens))
    return corpus


def _from_cache(
    cache: FrameCache, manifest: pl.DataFrame, found: Discovery, skipped: dict[str, str], is_sample: bool
) -> Corpus:
    documents = cache.read("documents")
    loaders = {**_chunk_loaders(cache, chunk_order(manifest), documents["doc_id"]),
               "vocabulary": lambda: cache.read("vocabulary")}
    return _corpus(documents, cache.read("paragraphs"), found, skipped, is_sample, loaders)
