"""What pair proposal needs of each article — every paragraph's kind and anchor keys — computed once per content.

:func:`corpus.align.pairs.propose_pairs` compares every article with every other, so it needs the features of all
of them (about 10 ms an article, most of it figure extraction) while only a handful of pairs is ever aligned. An
article's anchors depend only on its text, language and paragraph spans (not on the kinds the corpus-wide
boilerplate pass gives them) and on the feature code, so its *profile* is keyed by a hash of those
(:func:`profile_key`) and kept in batch Parquet files in the corpus's cache folder (``profiles-<code>/``, one row per
article): reopening reads them, and a re-ingest after one changed file computes one profile. A cold corpus large
enough to pay for it computes its missing profiles in a process pool (the ingest's,
:func:`corpus.ingest.pool_context`). They are not computed by the ingest: they cost about twice the rest of a cold
ingest (measured: 3.7 against 2.0 CPU ms an article on a generated corpus), which would delay the library of every
corpus for the users who never open the compare picker or the entity pane.
Entity ids, which the caller may add, are not cached: they change with linking and the user's edits
(:func:`with_entities`).
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import polars as pl

from corpus.align.anchors import ENTITY
from corpus.align.features import Paragraph, anchor_keys, entities_by_paragraph
from corpus.cache import FrameCache, write_frame
from corpus.pool import map_tasks

#: A cold corpus computes its missing profiles in parallel from this many characters (the pool's start-up, about
#: 0.3 s a worker, must pay for itself: features cost ~2 ms per 1,000 characters).
PARALLEL_CHARS = 1_500_000
#: Articles per task sent to a worker.
TASK_ARTICLES = 32
#: Batch files kept before they are compacted into one holding only the current corpus's profiles.
MAX_BATCHES = 8

_SCHEMA = {"key": pl.String, "anchors": pl.List(pl.List(pl.String))}


def source_digest(paths: Iterable[Path]) -> str:
    """A short digest of source files (folder/name and bytes): the code part of a cache key."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(paths):
        digest.update(path.parent.name.encode() + b"/" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_HERE = Path(__file__).resolve().parent
#: The feature code: features and anchors of the aligner, and the figure extractor behind figure anchors.
PROFILES_VERSION = source_digest([_HERE / "features.py", _HERE / "anchors.py", *(_HERE.parent / "figures").glob("*.py")])


class ParagraphAnchors(NamedTuple):
    """One paragraph's kind and anchors: the two fields of :class:`~corpus.align.features.ParagraphFeatures` that
    :func:`corpus.align.model.reliable_links` reads."""

    kind: str
    anchors: frozenset[str]


@dataclass(frozen=True, slots=True)
class Profile:
    """One article for pair proposal: its language, paragraphs (as in the corpus) and their anchors."""

    lang: str
    paragraphs: tuple[Paragraph, ...]
    anchored: tuple[ParagraphAnchors, ...]

    def keys(self) -> frozenset[str]:
        """Every anchor of the article outside boilerplate."""
        return frozenset().union(*(p.anchors for p in self.anchored if p.kind != "boilerplate"))


def profile_key(content_hash: str, lang: str, spans: Iterable[tuple[int, int]]) -> str:
    """The cache key of an article's anchors: its content, language and paragraph ``(start, end)`` spans."""
    digest = hashlib.blake2b(f"{content_hash}\x1f{lang}".encode(), digest_size=12)
    for start, end in spans:
        digest.update(f"\x1e{start}\x1f{end}".encode())
    return digest.hexdigest()


def compute_anchors(text: str, spans: Sequence[tuple[int, int]], lang: str) -> list[list[str]]:
    """Each paragraph's anchor keys (sorted, so a cached profile reads the same every time)."""
    return [sorted(keys) for keys in anchor_keys(text, spans, lang)]


def _compute_task(jobs: list[tuple[str, str, tuple[tuple[int, int], ...], str]]) -> list[tuple[str, list[list[str]]]]:
    """Worker entry point: ``(key, text, spans, lang)`` jobs -> ``(key, anchors)``."""
    return [(key, compute_anchors(text, spans, lang)) for key, text, spans, lang in jobs]


def _rows(documents: pl.DataFrame, paragraphs: pl.DataFrame) -> list[tuple[str, str, str, str, tuple[Paragraph, ...]]]:
    """``(doc_id, content_hash, lang, text, paragraphs)`` of each document, its paragraphs in index order
    (``lang`` "und" when unknown, as the key takes it)."""
    spans: dict[str, list[Paragraph]] = {}
    rows = paragraphs.select("doc_id", "index", "start", "end", "kind").sort("doc_id", "index").iter_rows()
    for doc_id, index, start, end, kind in rows:
        spans.setdefault(doc_id, []).append((index, start, end, kind))
    return [(doc_id, content_hash, lang or "und", text, tuple(spans.get(doc_id, ())))
            for doc_id, lang, content_hash, text in documents.select("doc_id", "lang", "content_hash", "text").iter_rows()]


def _articles(corpus) -> list[tuple[str, str, str, str, tuple[Paragraph, ...]]]:
    """``(doc_id, key, lang, text, paragraphs)`` of every article, paragraphs as :meth:`Corpus.paragraphs_of`."""
    return [(doc_id, profile_key(content_hash, lang, [(p[1], p[2]) for p in paragraphs]), lang, text, paragraphs)
            for doc_id, content_hash, lang, text, paragraphs in _rows(corpus.documents, corpus.paragraphs)]


def anchor_profiles(corpus, progress: Callable[[int, int], None] | None = None,
                    workers: int | None = None) -> dict[str, Profile]:
    """The profile of every article of ``corpus``, from the cache where its content was seen before.
    ``workers``: processes for the missing ones (default: one per core when they are many, else none)."""
    articles = _articles(corpus)
    folder = _folder(corpus)
    stored = _read(folder, {key for _, key, *_ in articles})
    missing = {key: (key, text, tuple((p[1], p[2]) for p in paragraphs), lang)
               for _, key, lang, text, paragraphs in articles if key not in stored}
    done = len(articles) - len(missing)
    if progress:
        progress(done, len(articles))
    fresh: dict[str, list[list[str]]] = {}
    for results in _compute(list(missing.values()), workers):
        fresh.update(results)
        done += len(results)
        if progress:
            progress(done, len(articles))
    if fresh:
        _write(folder, fresh, stored)
    anchors = {**stored, **fresh}
    return {
        doc_id: Profile(lang, paragraphs, tuple(
            ParagraphAnchors(kind, frozenset(keys)) for (_, _, _, kind), keys in zip(paragraphs, anchors[key], strict=True)))
        for doc_id, key, lang, _, paragraphs in articles
    }


def with_entities(profile: Profile, spans: Iterable[tuple[int, int, str]]) -> Profile:
    """The profile with entity ids as anchors, as :func:`~corpus.align.features.build_features` adds them."""
    by_paragraph = entities_by_paragraph(profile.paragraphs, spans)
    return Profile(profile.lang, profile.paragraphs, tuple(
        ParagraphAnchors(p.kind, p.anchors | {ENTITY + entity_id for _, _, entity_id in found})
        if found else p for p, found in zip(profile.anchored, by_paragraph, strict=True)))


def _compute(jobs: list, workers: int | None):
    """Anchors of the jobs, in task-sized lists, in a process pool when there is enough text to pay for it."""
    from corpus.ingest import default_workers

    if workers is None:
        workers = default_workers() if sum(len(job[1]) for job in jobs) >= PARALLEL_CHARS else 1
    tasks = [jobs[i:i + TASK_ARTICLES] for i in range(0, len(jobs), TASK_ARTICLES)]
    yield from map_tasks(_compute_task, tasks, workers)


# --- the cache ------------------------------------------------------------------------------------------------------

def _folder(corpus) -> Path | None:
    root = getattr(corpus, "root", None)
    return None if root is None else FrameCache(root).folder / f"profiles-{PROFILES_VERSION}"


def _batches(folder: Path | None) -> list[Path]:
    return sorted(folder.glob("*.parquet")) if folder is not None and folder.is_dir() else []


def _read(folder: Path | None, wanted: set[str]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    for batch in _batches(folder):
        try:
            frame = pl.read_parquet(batch).filter(pl.col("key").is_in(list(wanted)))
        except (OSError, pl.exceptions.PolarsError):
            batch.unlink(missing_ok=True)  # damaged: its articles are computed again
            continue
        out.update(zip(frame["key"].to_list(), frame["anchors"].to_list()))
    return out


def _write(folder: Path | None, fresh: dict[str, list[list[str]]], stored: dict[str, list[list[str]]]) -> None:
    """Add a batch of fresh profiles; past :data:`MAX_BATCHES` files (``stored`` holds every live profile read
    from the cache), rewrite them as one holding the current corpus's profiles only (edited or removed articles'
    go then). A read-only cache costs speed, not correctness."""
    if folder is None:
        return
    old = _batches(folder)
    rows = {**stored, **fresh} if len(old) >= MAX_BATCHES else fresh
    frame = _frame(rows)
    name = hashlib.blake2b("\x1f".join(sorted(rows)).encode(), digest_size=8).hexdigest()
    try:
        if not folder.exists():  # profiles of an older feature code are dead weight
            for stale in folder.parent.glob("profiles-*"):
                shutil.rmtree(stale, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        write_frame(frame, folder / f"{name}.parquet")
        if rows is not fresh:
            for batch in old:
                if batch.name != f"{name}.parquet":
                    batch.unlink(missing_ok=True)
    except OSError:
        pass


def _frame(rows: dict[str, list[list[str]]]) -> pl.DataFrame:
    """One row per article (:data:`_SCHEMA`), built from flat columns: Polars converts nested Python lists one by
    one (a couple of milliseconds an article), flat ones in bulk."""
    keys, positions, anchors = [], [], []
    for key, paragraphs in rows.items():
        for position, found in enumerate(paragraphs):
            count = len(found) or 1  # an empty paragraph is one null, so it keeps its place
            keys.extend([key] * count)
            positions.extend([position] * count)
            anchors.extend(found or [None])
    flat = pl.DataFrame({"key": keys, "position": positions, "anchor": anchors},
                        schema={"key": pl.String, "position": pl.Int32, "anchor": pl.String})
    return (flat.group_by("key", "position", maintain_order=True).agg(pl.col("anchor").drop_nulls())
            .group_by("key", maintain_order=True).agg(pl.col("anchor").alias("anchors"))
            .select(list(_SCHEMA)).cast(_SCHEMA))
