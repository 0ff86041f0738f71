"""Finding an annotation's span again after its article changed (W3C quote-selector anchoring).

Order of attempts, strictest first:
1. the exact quote occurs where at least part of the stored prefix or suffix still touches it: take the
   occurrence whose surroundings agree best, the one nearest the old offset among equals (an insertion before the
   span moves it; the same words elsewhere must not capture it);
2. the stored prefix and suffix are still there, close together: the span is what lies between them if that still
   holds nearly all of the old quote (text inserted inside the span widens it); if it does not (the span's text
   was deleted or rewritten while its surroundings stayed) the annotation is an orphan, with no further guessing;
3. the exact quote occurs somewhere with new surroundings: the occurrence nearest the old offset;
4. a fuzzy match of the quote (rapidfuzz partial-ratio alignment), near the old offset first, then anywhere,
   accepted only above ``FUZZY_MIN_SCORE`` with a similar length and for quotes long enough to mean something;
5. otherwise an orphan: kept with its old quote and offsets, listed, never dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from corpus.annotations.model import Annotation, quote_selector
from corpus.annotations.repository import AnnotationRepository
from corpus.store import Store

if TYPE_CHECKING:
    from corpus.collection import Corpus

FUZZY_MIN_SCORE = 90.0      # rapidfuzz 0-100; below this an edited quote is more likely a different passage
FUZZY_MIN_CHARS = 8         # shorter quotes (a name, a number) match too much by chance: exact or orphan
_FUZZY_LENGTH_SLACK = 0.25  # the matched span may differ in length from the quote by at most this fraction
_FUZZY_WINDOW = 4096        # characters either side of the old offset searched before the whole text
_MIN_CONTEXT = 4            # prefix/suffix shorter than this are too common to bound a span
_MIN_KEPT = 0.9             # share of the old quote (LCS) that must survive inside a span bounded by its context
_MAX_GROWTH = 2             # a span bounded by its context may grow to at most this many times the old quote


def reanchor(annotation: Annotation, new_text: str, new_hash: str) -> Annotation:
    """The annotation placed in ``new_text`` (offsets, quote and hash updated), or marked orphan if lost."""
    span = _locate(annotation, new_text)
    if span is None:
        return replace(annotation, orphan=True)
    start, end = span
    prefix, exact, suffix = quote_selector(new_text, start, end)
    return replace(
        annotation, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix, content_hash=new_hash,
        orphan=False,
    )


def _locate(annotation: Annotation, text: str) -> tuple[int, int] | None:
    exact = _exact_span(annotation, text)
    if exact is not None and exact[0] > 0:
        return exact[1]
    bounded, decisive = _between_context(annotation, text)
    if bounded is not None or decisive:
        return bounded
    if exact is not None:
        return exact[1]
    return _fuzzy_span(annotation, text)


@dataclass(frozen=True)
class ReanchorReport:
    checked: int            # annotations whose article hash differed (or that were orphans)
    moved: int              # found again (same or new place)
    orphaned: list[Annotation]


def reanchor_all(store: Store, docs: Mapping[str, tuple[str, str]]) -> ReanchorReport:
    """Re-anchor every annotation of the given articles whose hash changed; ``docs`` maps doc_id → (text, hash).

    Run it after ingest. Orphans are retried every time (a later edit may restore their text). Annotations of
    articles not in ``docs`` are left alone: a missing file may come back.
    """
    repo = AnnotationRepository(store)
    checked = moved = 0
    orphaned: list[Annotation] = []
    for doc_id, (text, content_hash) in docs.items():
        stale = [
            a for a in repo.list(doc_id=doc_id) if a.orphan or a.content_hash != content_hash
        ]
        if not stale:
            continue
        updated = [reanchor(a, text, content_hash) for a in stale]
        checked += len(stale)
        moved += sum(not a.orphan for a in updated)
        orphaned.extend(a for a in updated if a.orphan)
        repo.save_anchors(a for a, old in zip(updated, stale) if a != old)
    return ReanchorReport(checked, moved, orphaned)


def reanchor_changed(
    store: Store,
    hashes: Mapping[str, str],
    text_of: Callable[[str], str],
    doc_ids: Iterable[str] | None = None,
) -> ReanchorReport:
    """Re-anchor only the articles whose stored annotations are stale: run it whenever a corpus is opened.

    ``hashes`` maps each doc_id of the corpus as it is now to its content hash; ``text_of`` gives a text (called
    only for the articles that changed, so opening a big corpus reads no text for unchanged ones). ``doc_ids``
    limits the check (the reader checks the one article it opens). One grouped query finds the stale articles.
    """
    wanted = None if doc_ids is None else list(doc_ids)
    where, params = "", []
    if wanted is not None:
        if not wanted:
            return ReanchorReport(0, 0, [])
        where = f" WHERE doc_id IN ({', '.join('?' for _ in wanted)})"
        params = wanted
    rows = store.query(
        f"SELECT doc_id, content_hash, max(orphan) FROM annotations{where} GROUP BY doc_id, content_hash", params
    )
    stale = sorted({
        doc_id for doc_id, content_hash, orphan in rows
        if doc_id in hashes and (orphan or content_hash != hashes[doc_id])
    })
    return reanchor_all(store, {doc_id: (text_of(doc_id), hashes[doc_id]) for doc_id in stale})


def reanchor_corpus(store: Store, corpus: Corpus, doc_ids: Iterable[str] | None = None) -> ReanchorReport:
    """``reanchor_changed`` for a loaded corpus (what the CLI and the app call after opening one)."""
    documents = corpus.documents
    hashes = dict(zip(documents["doc_id"].to_list(), documents["content_hash"].to_list()))
    return reanchor_changed(store, hashes, corpus.text, doc_ids)


def _exact_span(annotation: Annotation, text: str) -> tuple[int, tuple[int, int]] | None:
    """(context agreement in characters, span) of the best occurrence of the exact quote, if any."""
    quote = annotation.exact
    best: tuple[int, int, int] | None = None  # (-agreement, distance, start): smallest is best
    position = text.find(quote)
    while position != -1:
        end = position + len(quote)
        agreement = _common_suffix(text[max(0, position - len(annotation.prefix)) : position], annotation.prefix)
        agreement += _common_prefix(text[end : end + len(annotation.suffix)], annotation.suffix)
        key = (-agreement, abs(position - annotation.start), position)
        if best is None or key < best:
            best = key
        position = text.find(quote, position + 1)
    return None if best is None else (-best[0], (best[2], best[2] + len(quote)))


def _between_context(annotation: Annotation, text: str) -> tuple[tuple[int, int] | None, bool]:
    """(span between the stored prefix and suffix, whether that verdict is final).

    Final only when both context strings are real text (not the article's edges) of ``_MIN_CONTEXT`` characters.
    """
    prefix, suffix, quote = annotation.prefix, annotation.suffix, annotation.exact
    if len(prefix) < _MIN_CONTEXT and len(suffix) < _MIN_CONTEXT:
        return None, False
    decisive = len(prefix) >= _MIN_CONTEXT and len(suffix) >= _MIN_CONTEXT
    max_gap = _MAX_GROWTH * len(quote)
    candidates = _occurrences(text, prefix) if prefix else [0]
    for prefix_start in sorted(candidates, key=lambda p: abs(p + len(prefix) - annotation.start)):
        gap_start = prefix_start + len(prefix)
        # The suffix may start a little before the prefix ends when the deletion took the space between them.
        search_from = max(0, gap_start - _MIN_CONTEXT)
        gap_end = text.find(suffix, search_from, gap_start + max_gap + len(suffix)) if suffix else len(text)
        if gap_end == -1:
            continue
        kept = LCSseq.similarity(quote, text[gap_start:gap_end]) / len(quote) if gap_end > gap_start else 0.0
        if kept >= _MIN_KEPT and gap_end > gap_start:
            return (gap_start, gap_end), True
        return None, decisive
    return None, False


def _occurrences(text: str, needle: str) -> list[int]:
    found, position = [], text.find(needle)
    while position != -1:
        found.append(position)
        position = text.find(needle, position + 1)
    return found


def _fuzzy_span(annotation: Annotation, text: str) -> tuple[int, int] | None:
    quote = annotation.exact
    if len(quote) < FUZZY_MIN_CHARS or not text:
        return None
    window_start = max(0, annotation.start - _FUZZY_WINDOW)
    window = text[window_start : annotation.end + _FUZZY_WINDOW]
    for offset, haystack in ((window_start, window), (0, text)):
        alignment = fuzz.partial_ratio_alignment(quote, haystack, score_cutoff=FUZZY_MIN_SCORE)
        if alignment is not None:
            start, end = offset + alignment.dest_start, offset + alignment.dest_end
            if abs((end - start) - len(quote)) <= _FUZZY_LENGTH_SLACK * len(quote) and end > start:
                return start, end
        if len(window) == len(text):
            break
    return None


def _common_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _common_suffix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a[::-1], b[::-1]]))
