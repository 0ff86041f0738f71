"""ICU break iterators, one per (kind, language, purpose) and per thread.

A BreakIterator holds the text it walks, so two threads sharing one corrupt each other's boundaries (the app
tokenises a query on one thread while a worker re-ingests or builds the search index on another). Creating one
costs more than segmenting a paragraph (the CJK dictionaries), so each thread keeps its own, created on first use.
"""

from __future__ import annotations

import threading

import icu

_CREATE = {
    "word": icu.BreakIterator.createWordInstance,
    "sentence": icu.BreakIterator.createSentenceInstance,
    "line": icu.BreakIterator.createLineInstance,
    "character": icu.BreakIterator.createCharacterInstance,
}
_local = threading.local()


def break_iterator(kind: str, lang: str = "", purpose: str = "") -> icu.BreakIterator:
    """This thread's ``kind`` iterator (word, sentence, line, character) for ``lang`` ('' = ICU's root rules).

    ``purpose`` keeps apart two iterators of one kind that a caller uses at once (one suspended mid-text while
    the other classifies a word)."""
    cache: dict[tuple[str, str, str], icu.BreakIterator] = _local.__dict__.setdefault("iterators", {})
    key = (kind, lang, purpose)
    iterator = cache.get(key)
    if iterator is None:
        iterator = cache[key] = _CREATE[kind](icu.Locale(lang or "root"))
    return iterator
