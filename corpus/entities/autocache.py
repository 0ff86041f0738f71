"""The automatic entity result of a corpus, cached as Parquet next to the corpus's frames.

Extraction and linking depend only on the articles (text, language), the user's alias groups (store and alias
file: their forms are looked for in the text) and this code, so the result is keyed by a hash of every article's
content hash and language, of the alias groups, and :data:`ENTITIES_VERSION` — a hash of the source of this
package and of the packages it computes with, so changing a heuristic can never serve a stale result — inside the frame
cache folder (which is itself keyed by the analyser and ICU versions). The pairs harvested from aligned
translations (:mod:`corpus.aliases.aligned`) are one of the cached parts, so search reads them from here too.
Opening an unchanged corpus reads four small files; the user's edits are never cached here (they are replayed
from the store every time).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.aliases import AliasGroup, aligned
from corpus.aliases.sources import file_groups, store_groups
from corpus.align.profiles import source_digest
from corpus.cache import FrameCache, write_frame
from corpus.entities.extract import extract
from corpus.entities.link import link
from corpus.stages import FINDING_NAMES, LINKING, StageProgress
from corpus.store import Store


_CORPUS = Path(__file__).resolve().parent.parent
#: The cache key's code part: the packages the automatic result is computed by (entities, aliases, the name keys
#: it matches by, and the aligner and figures behind the aligned-translation harvest), with their data files (the
#: learned name readings: a rebuilt table alone changes which names sound alike).
VERSIONED_FILES = sorted(path for package in ("entities", "aliases", "names", "align", "figures")
                         for pattern in ("*.py", "*.json") for path in (_CORPUS / package).glob(pattern))
ENTITIES_VERSION = source_digest(VERSIONED_FILES)
_PARTS = ("mentions", "entities", "suggestions", "aligned")


@dataclass
class AutoResult:
    """``mentions``: RAW_MENTIONS_SCHEMA plus ``auto_id``; ``entities``: id, type, name; ``suggestions``;
    ``aligned``: the name pairs of aligned translations (:data:`corpus.aliases.aligned.ALIGNED_SCHEMA`)."""

    mentions: pl.DataFrame
    entities: pl.DataFrame
    suggestions: pl.DataFrame
    aligned: pl.DataFrame


def user_groups(store: Store | None) -> list[AliasGroup]:
    """The user's alias groups: the store's aliases, then the alias file's (a broken file is the search's to
    report; here it only contributes nothing)."""
    return [*store_groups(store), *file_groups()[0]]


def corpus_stamp(corpus, groups: list[AliasGroup] = ()) -> str:
    digest = hashlib.blake2b(f"entities-{ENTITIES_VERSION}".encode(), digest_size=8)
    for doc_id, content_hash, lang in corpus.documents.select("doc_id", "content_hash", "lang").sort("doc_id").iter_rows():
        digest.update(f"{doc_id}\x1f{content_hash}\x1f{lang}\x1e".encode())
    for group in groups:
        digest.update("\x1f".join(group.members).encode() + b"\x1d")
    return digest.hexdigest()


def compute(corpus, groups: list[AliasGroup] = (), progress: StageProgress | None = None) -> AutoResult:
    """Extract and link from scratch (no cache): mentions (the user's alias forms found like gazetteer names),
    the name pairs of aligned translations, then linking with all of it. ``progress`` hears each stage
    (:mod:`corpus.stages`)."""
    report = progress or (lambda stage, done, total: None)
    report(FINDING_NAMES, 0, 0)
    found = extract(corpus, groups)
    mentions = found.frame()
    pairs = aligned.harvest(corpus, mentions, progress)
    if not set(pairs["a"].to_list() + pairs["b"].to_list()) <= set(mentions["surface"].to_list()):
        # a paired name that no pass extracted (البيت الأبيض): read the text again with the pairs as alias rows
        report(FINDING_NAMES, 0, 0)
        found = extract(corpus, [*groups, *aligned.groups(pairs)])
        mentions = found.frame()
    report(LINKING, 0, 0)
    linked = link(mentions, found.glosses, aligned.pairs_of(pairs))
    return AutoResult(mentions.with_columns(pl.Series("auto_id", linked.mention_entity, dtype=pl.String)),
                      linked.entities, linked.suggestions, pairs)


def _files(corpus, groups: list[AliasGroup]) -> tuple[Path, str, dict[str, Path]]:
    folder = FrameCache(corpus.root).folder
    stamp = corpus_stamp(corpus, groups)
    return folder, stamp, {part: folder / f"entities-{stamp}-{part}.parquet" for part in _PARTS}


def _read(files: dict[str, Path]) -> AutoResult | None:
    if not all(f.exists() for f in files.values()):
        return None
    try:
        return AutoResult(*(pl.read_parquet(files[p]) for p in _PARTS))
    except (OSError, pl.exceptions.PolarsError):
        return None  # damaged cache: rebuilt by load()


def cached(corpus, store: Store | None = None) -> AutoResult | None:
    """The cached automatic result for the corpus as it is now, or None when it was not computed yet."""
    return _read(_files(corpus, user_groups(store))[2])


def load(corpus, store: Store | None = None, use_cache: bool = True,
         progress: StageProgress | None = None) -> AutoResult:
    """The cached automatic result of ``corpus`` with the user's aliases in ``store``, computed (``progress``
    hearing each stage) and cached on first use."""
    groups = user_groups(store)
    if not use_cache:
        return compute(corpus, groups, progress)
    folder, stamp, files = _files(corpus, groups)
    found = _read(files)
    if found is not None:
        return found
    result = compute(corpus, groups, progress)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("entities-*.parquet"):
            if stamp not in stale.name:
                stale.unlink(missing_ok=True)
        for part, frame in zip(_PARTS, (result.mentions, result.entities, result.suggestions, result.aligned)):
            write_frame(frame, files[part])
    except OSError:
        pass  # a read-only cache dir costs speed, not correctness
    return result
