"""ICU word and sentence segmentation with code-point offsets into the original text.

ICU's dictionary-based word BreakIterator is what makes Chinese and Japanese searchable at all (there are no
spaces to split on); its rule status tells numbers, letters, kana and ideographs apart. Break iterators come from
:mod:`corpus.breakers` (one per kind, language and thread: they are stateful, and costly to create).

The hot path of ingest is :func:`word_boundaries`: ICU's boundaries come out in C-level batches, and
:mod:`corpus.token_table` finds each segment's form from NumPy keys of the spans, classifying each *distinct*
surface once (:func:`form_kind`, which asks ICU for the rule status of the form on its own). A 50 MB one-line
article is segmented in batches of :data:`BATCH` boundaries, so memory stays bounded. :func:`iter_tokens` is the
convenient per-token view of the same rules, for short texts such as a search query.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from itertools import islice

from corpus.breakers import break_iterator
from corpus.scripts import script_of
from corpus.utf16 import utf16_to_codepoint_map

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]"
)
NUMBER_STATUS, LETTER_STATUS, KANA_STATUS, IDEO_STATUS = 100, 200, 300, 400
KANA_SCRIPTS = ("Katakana", "Hiragana")
#: Boundaries handled per batch (bounds the lists a huge paragraph produces).
BATCH = 1 << 17


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


def word_boundaries(segment: str, lang: str) -> Iterator[list[int]]:
    """ICU word boundaries of ``segment`` (code-point offsets) in batches of at most :data:`BATCH`; the first
    segment of a batch starts at the last boundary of the one before (0 for the first batch).

    The boundaries come from ICU in one C-level ``list`` per batch; white space segments are included (callers
    drop them by kind) and each terminal escape sequence is a segment of its own (:func:`_around_escapes`).
    """
    if not segment:
        return
    mapping = utf16_to_codepoint_map(segment)
    iterator = break_iterator("word", lang)
    iterator.setText(segment)
    escapes = escape_sequences(segment) if "\x1b" in segment or "\x9b" in segment else None
    previous = 0
    while bounds := list(islice(iterator, BATCH)):
        if mapping is not None:
            bounds = [mapping[b] for b in bounds]
        if escapes:
            bounds = _around_escapes(bounds, previous, escapes)
        previous = bounds[-1]
        yield bounds


def word_segments(text: str, start: int, end: int, lang: str) -> Iterator[tuple[list[int], list[int], list[str]]]:
    """ICU word segments of ``text[start:end]`` in batches of ``(starts, ends, surfaces)``, offsets relative to
    ``start``. The per-token view of :func:`word_boundaries`, for short texts; an ingest never slices a surface
    per token (corpus/token_table.py)."""
    segment = text[start:end]
    previous = 0
    for bounds in word_boundaries(segment, lang):
        lows = [previous, *bounds[:-1]]
        previous = bounds[-1]
        yield lows, bounds, [segment[lo:hi] for lo, hi in zip(lows, bounds)]


def escape_sequences(text: str) -> list[tuple[int, int]]:
    """Spans of terminal escape sequences (ECMA-48 CSI/OSC/two-character escapes) in ``text``."""
    return [match.span() for match in _ESCAPE_SEQUENCE.finditer(text)]


def _around_escapes(bounds: list[int], low: int, escapes: list[tuple[int, int]]) -> list[int]:
    """``bounds`` (sorted, after ``low``) with each escape sequence made one segment of its own.

    ICU glues an escape's parameters to the word after it (``ESC [31mRED`` gives the word ``31mRED``), so a
    search for RED would miss text a web page coloured. The reader shows the sequence inert (␛[31m); here it
    becomes one symbol token and RED a word. The batch's last boundary is kept as it is (a sequence straddling
    two batches of a huge paragraph keeps ICU's split)."""
    starts = [start for start, _ in escapes]
    high = bounds[-1]

    def inside(boundary: int) -> bool:
        index = bisect_right(starts, boundary - 1) - 1  # the last sequence starting before the boundary
        return index >= 0 and boundary < escapes[index][1]

    kept = [b for b in bounds[:-1] if not inside(b)]
    cuts = [edge for start, end in escapes if end > low and start < high for edge in (start, end) if low < edge < high]
    return sorted({*kept, *cuts, high})


def form_status(surface: str) -> int:
    """ICU's rule status of ``surface`` segmented on its own (its first segment's, for the rare form ICU would
    split when alone). Word rules are local, so this is the status the segment had in its text; computing it
    per distinct form instead of per boundary halves the Python work per token."""
    # its own iterator: word_segments' is suspended mid-text while new forms are classified
    iterator = break_iterator("word", purpose="form")
    iterator.setText(surface)
    iterator.nextBoundary()
    return iterator.getRuleStatus()


def form_kind(surface: str) -> str | None:
    """The kind of a segment with this surface (None for white space, which is dropped)."""
    return token_kind(form_status(surface), token_script(surface), plain_kind(surface))


def iter_tokens(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int, str, str, str]]:
    """Tokens of ``text[start:end]`` as ``(start, end, surface, kind, script)``; white space dropped."""
    for starts, ends, surfaces in word_segments(text, start, end, lang):
        for lo, hi, surface in zip(starts, ends, surfaces):
            kind = form_kind(surface)
            if kind is not None:
                yield start + lo, start + hi, surface, kind, token_script(surface)


def sentence_spans(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (white space around each trimmed), offsets into ``text``.

    ICU's boundaries come out in one C-level list; Python then only slices and trims each sentence."""
    segment = text[start:end]
    if not segment:
        return []
    iterator = break_iterator("sentence", lang)
    iterator.setText(segment)
    bounds = list(iterator)
    if (mapping := utf16_to_codepoint_map(segment)) is not None:
        bounds = [mapping[b] for b in bounds]
    spans: list[tuple[int, int]] = []
    low = 0
    for high in bounds:
        trimmed = segment[low:high].rstrip()
        if trimmed:
            spans.append((start + low + len(trimmed) - len(trimmed.lstrip()), start + low + len(trimmed)))
        low = high
    return spans
