"""ICU word and sentence segmentation with code-point offsets into the original text.

ICU's dictionary-based word BreakIterator is what makes Chinese and Japanese searchable at all (there are no
spaces to split on); its rule status tells numbers, letters, kana and ideographs apart. Break iterators are created
once per (kind, language) and per process: they are not picklable, and building one costs more than segmenting a
paragraph.

The hot path of ingest is :func:`word_segments`: per segment it does only what must happen per boundary in Python
(ICU's next boundary, its rule status, the surface slice) and hands lists to :mod:`corpus.token_table`, which
classifies each *distinct* surface once and builds the frame in Polars. A 50 MB one-line article is segmented in
batches of :data:`BATCH` boundaries, so memory stays bounded. :func:`iter_tokens` is the convenient per-token view
of the same rules, for short texts such as a search query.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

import icu

from corpus.scripts import script_of
from corpus.utf16 import utf16_to_codepoint_map

NUMBER_STATUS, LETTER_STATUS, KANA_STATUS, IDEO_STATUS = 100, 200, 300, 400
KANA_SCRIPTS = ("Katakana", "Hiragana")
#: Boundaries handled per batch (bounds the lists a huge paragraph produces).
BATCH = 1 << 17


@lru_cache(maxsize=64)
def _word_iterator(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createWordInstance(icu.Locale(lang or "root"))


@lru_cache(maxsize=64)
def _sentence_iterator(lang: str) -> icu.BreakIterator:
    return icu.BreakIterator.createSentenceInstance(icu.Locale(lang or "root"))


def plain_kind(surface: str) -> str | None:
    """The kind of a segment ICU gave no rule status (status 0): None for white space (dropped), else by category."""
    if surface.isspace():
        return None
    category = unicodedata.category(surface[0])
    if category[0] == "P":
        return "punct"
    if category[0] in "LM":  # letters ICU left without a status (e.g. stray combining marks): still words
        return "word"
    return "symbol"


def token_kind(status: int, script: str, plain: str | None) -> str | None:
    """A token's kind from ICU's rule status, its script, and :func:`plain_kind` (used when the status is 0)."""
    if status >= KANA_STATUS:
        # ICU's dictionary gives kana words the ideographic status; the script says what they are
        return "kana" if status < IDEO_STATUS or script in KANA_SCRIPTS else "ideographic"
    if status >= LETTER_STATUS:
        return "word"
    if status >= NUMBER_STATUS:
        return "number"
    return plain


def token_script(surface: str) -> str:
    """ICU script name of the first character that has one (``Common`` for digits and punctuation)."""
    for char in surface:
        script = script_of(char)
        if script not in ("Common", "Inherited"):
            return script
    return "Common"


def word_segments(
    text: str, start: int, end: int, lang: str
) -> Iterator[tuple[list[int], list[int], list[str], list[int]]]:
    """ICU word segments of ``text[start:end]`` in batches of ``(starts, ends, surfaces, statuses)``.

    Offsets are code points relative to ``start`` (callers add it, column-wise); white space is included
    (status 0), callers drop it by kind.
    """
    segment = text[start:end]
    if not segment:
        return
    mapping = utf16_to_codepoint_map(segment)
    iterator = _word_iterator(lang)
    iterator.setText(segment)
    status = iterator.getRuleStatus
    previous = 0
    while True:
        bounds: list[int] = []
        statuses: list[int] = []
        add_bound, add_status = bounds.append, statuses.append
        for boundary in islice(iterator, BATCH):
            add_bound(boundary)
            add_status(status())
        if not bounds:
            return
        if mapping is not None:
            bounds = [mapping[b] for b in bounds]
        lows = [previous, *bounds[:-1]]
        previous = bounds[-1]
        yield lows, bounds, [segment[lo:hi] for lo, hi in zip(lows, bounds)], statuses


def iter_tokens(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int, str, str, str]]:
    """Tokens of ``text[start:end]`` as ``(start, end, surface, kind, script)``; white space dropped."""
    for starts, ends, surfaces, statuses in word_segments(text, start, end, lang):
        for lo, hi, surface, status in zip(starts, ends, surfaces, statuses):
            script = token_script(surface)
            kind = token_kind(status, script, plain_kind(surface))
            if kind is not None:
                yield start + lo, start + hi, surface, kind, script


def iter_sentences(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (trailing white space trimmed), offsets into ``text``."""
    segment = text[start:end]
    if not segment:
        return
    mapping = utf16_to_codepoint_map(segment)
    iterator = _sentence_iterator(lang)
    iterator.setText(segment)
    previous = 0
    for boundary in iterator:
        lo, hi = (previous, boundary) if mapping is None else (mapping[previous], mapping[boundary])
        previous = boundary
        piece = segment[lo:hi]
        stripped = piece.rstrip()
        if stripped.strip():
            lead = len(stripped) - len(stripped.lstrip())
            yield start + lo + lead, start + lo + len(stripped)
