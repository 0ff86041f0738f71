"""ICU word segments → the ``tokens`` frame, with per-form work done once per distinct form.

An article is segmented in one pass over its paragraphs' extent (ICU always breaks at line ends, so the
segments are those of each paragraph; white space between paragraphs is dropped with the rest). Per token,
Python only slices the surface (:func:`corpus.tokenise.word_segments`) and maps it to its row in a per-process
table of distinct forms; a form new to this process is classified once (norm, script, kind), and the surface
column itself is gathered from that table (no Arrow string built per token from Python). Offsets and
paragraph numbers are NumPy arrays per batch (the paragraph by a binary search of the paragraph starts). Every
``flush_rows`` rows the batches become a Polars frame, the forms' columns are gathered by row number and white
space is dropped. This keeps a cold ingest within a small factor of a bare ICU loop (benchmarks/ingest.py
measures it) and memory bounded by ``flush_rows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from corpus.normalise import normalise
from corpus.schema import TOKENS, empty
from corpus.tokenise import form_kind, token_script, word_segments

if TYPE_CHECKING:
    import numpy as np

_FORM_SCHEMA = {"surface": pl.String, "norm": pl.String, "script": pl.String, "kind": pl.String}


def norm_lang(lang: str) -> str:
    """The part of a language that changes norms (only Chinese does: Traditional → Simplified)."""
    return "zh" if lang.partition("-")[0] == "zh" else ""


class TokenBuffer:
    """Accumulates the tokens of many articles and yields them as one ``TOKENS``-shaped frame."""

    def __init__(self, flush_rows: int = 500_000) -> None:
        self.flush_rows = flush_rows
        self._form_ids: dict[str, dict[str, int]] = {}  # norm_lang → surface → row of the forms table
        self._forms: list[tuple[str, str, str, str | None]] = []  # (surface, norm, script, kind) per form
        self._chunks: list[pl.DataFrame] = []
        self._reset()

    def _reset(self) -> None:
        self._doc_ids: list[str] = []
        self._doc: list[np.ndarray] = []  # NumPy arrays, one per batch
        self._paragraph: list[np.ndarray] = []
        self._start: list[np.ndarray] = []
        self._end: list[np.ndarray] = []
        self._form: list[int] = []
        self._rows = 0

    def add_article(self, doc_id: str, lang: str, text: str, spans: list[tuple[int, int]]) -> int:
        """Segment the paragraphs ``spans`` of ``text`` (article ``doc_id``); returns the segments added."""
        if not spans:
            return 0
        import numpy as np  # on the first ingest, not at import: a warm app start never needs it (~0.13 s)

        key = norm_lang(lang)
        ids = self._form_ids.setdefault(key, {})
        paragraph_starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
        base = spans[0][0]
        added = 0
        for starts, ends, surfaces in word_segments(text, base, spans[-1][1], lang):
            for surface in set(surfaces).difference(ids):
                ids[surface] = len(self._forms)
                self._forms.append((surface, normalise(surface, key), token_script(surface), form_kind(surface)))
            if not self._doc_ids or self._doc_ids[-1] != doc_id:
                self._doc_ids.append(doc_id)
            n = len(starts)
            start = np.array(starts, dtype=np.int64) + base
            self._doc.append(np.full(n, len(self._doc_ids) - 1, dtype=np.uint32))
            self._paragraph.append((np.searchsorted(paragraph_starts, start, side="right") - 1).astype(np.int32))
            self._start.append(start)
            self._end.append(np.array(ends, dtype=np.int64) + base)
            self._form.extend(map(ids.__getitem__, surfaces))
            self._rows += n
            added += n
            if self._rows >= self.flush_rows:
                self._flush()
        return added

    def _flush(self) -> None:
        if not self._rows:
            return
        import numpy as np

        forms = pl.DataFrame(self._forms, schema=_FORM_SCHEMA, orient="row")
        form = pl.Series(self._form, dtype=pl.UInt32)
        raw = pl.DataFrame(
            {
                "doc_id": pl.Series(self._doc_ids, dtype=pl.String).gather(np.concatenate(self._doc)),
                "paragraph": np.concatenate(self._paragraph),
                "start": np.concatenate(self._start),
                "end": np.concatenate(self._end),
            }
        ).hstack(forms.select(pl.all().gather(form)))
        self._reset()
        self._chunks.append(raw.filter(pl.col("kind").is_not_null()).select(list(TOKENS)))

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self._chunks:
            return empty(TOKENS)
        return pl.concat(self._chunks, rechunk=False) if len(self._chunks) > 1 else self._chunks[0]
