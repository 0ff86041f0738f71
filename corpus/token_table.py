"""ICU word segments → the ``tokens`` frame, with per-form work done once per distinct form.

Per token, Python only extends a few lists (:func:`corpus.tokenise.word_segments` already sliced the surfaces)
and maps the surface to its row in a per-process table of distinct forms; a form new to this process is
classified once (norm, script, kind of status-0 segments). Every ``flush_rows`` rows the lists become a Polars
frame, the forms' columns are gathered by row number, and the kinds are derived column-wise. White space is
dropped there. This keeps a cold ingest within a small factor
of a bare ICU loop (benchmarks/ingest.py measures it) and memory bounded by ``flush_rows``.
"""

from __future__ import annotations

import polars as pl

from corpus.normalise import normalise
from corpus.schema import TOKENS, empty
from corpus.tokenise import (
    IDEO_STATUS,
    KANA_SCRIPTS,
    KANA_STATUS,
    LETTER_STATUS,
    NUMBER_STATUS,
    plain_kind,
    token_script,
    word_segments,
)

_FORM_SCHEMA = {"norm": pl.String, "script": pl.String, "plain": pl.String}


def norm_lang(lang: str) -> str:
    """The part of a language that changes norms (only Chinese does: Traditional → Simplified)."""
    return "zh" if lang.partition("-")[0] == "zh" else ""


class TokenBuffer:
    """Accumulates the tokens of many articles and yields them as one ``TOKENS``-shaped frame."""

    def __init__(self, flush_rows: int = 500_000) -> None:
        self.flush_rows = flush_rows
        self._form_ids: dict[str, dict[str, int]] = {}  # norm_lang → surface → row of the forms table
        self._forms: list[tuple[str, str, str | None]] = []  # (norm, script, status-0 kind) per form
        self._doc_ids: list[str] = []
        self._chunks: list[pl.DataFrame] = []
        self._reset()

    def _reset(self) -> None:
        self._doc: list[int] = []
        self._paragraph: list[int] = []
        self._base: list[int] = []  # the paragraph's start: segment offsets are relative to it
        self._start: list[int] = []
        self._end: list[int] = []
        self._surface: list[str] = []
        self._status: list[int] = []
        self._form: list[int] = []

    def add_paragraph(self, doc_id: str, lang: str, paragraph: int, text: str, start: int, end: int) -> int:
        """Segment ``text[start:end]`` (paragraph ``paragraph`` of ``doc_id``); returns the segments added."""
        if not self._doc_ids or self._doc_ids[-1] != doc_id:
            self._doc_ids.append(doc_id)
        doc = len(self._doc_ids) - 1
        key = norm_lang(lang)
        ids = self._form_ids.setdefault(key, {})
        added = 0
        for starts, ends, surfaces, statuses in word_segments(text, start, end, lang):
            for surface in set(surfaces).difference(ids):
                ids[surface] = len(self._forms)
                self._forms.append((normalise(surface, key), token_script(surface), plain_kind(surface)))
            n = len(starts)
            self._doc.extend([doc] * n)
            self._paragraph.extend([paragraph] * n)
            self._base.extend([start] * n)
            self._start.extend(starts)
            self._end.extend(ends)
            self._surface.extend(surfaces)
            self._status.extend(statuses)
            self._form.extend(map(ids.__getitem__, surfaces))
            added += n
            if len(self._start) >= self.flush_rows:
                self._flush()
        return added

    def _flush(self) -> None:
        if not self._start:
            return
        forms = pl.DataFrame(self._forms, schema=_FORM_SCHEMA, orient="row")
        form = pl.Series(self._form, dtype=pl.UInt32)
        base = pl.Series(self._base, dtype=pl.Int64)
        raw = pl.DataFrame(
            {
                "doc_id": pl.Series(self._doc_ids, dtype=pl.String).gather(pl.Series(self._doc, dtype=pl.UInt32)),
                "paragraph": pl.Series(self._paragraph, dtype=pl.Int32),
                "start": pl.Series(self._start, dtype=pl.Int64) + base,
                "end": pl.Series(self._end, dtype=pl.Int64) + base,
                "surface": pl.Series(self._surface, dtype=pl.String),
                "status": pl.Series(self._status, dtype=pl.Int32),
            }
        ).hstack(forms.select(pl.all().gather(form)))
        self._reset()
        status = pl.col("status")
        kind = (
            pl.when(status >= KANA_STATUS)
            .then(pl.when((status < IDEO_STATUS) | pl.col("script").is_in(KANA_SCRIPTS))
                  .then(pl.lit("kana")).otherwise(pl.lit("ideographic")))
            .when(status >= LETTER_STATUS).then(pl.lit("word"))
            .when(status >= NUMBER_STATUS).then(pl.lit("number"))
            .otherwise(pl.col("plain"))
        )
        self._chunks.append(raw.with_columns(kind.alias("kind")).filter(pl.col("kind").is_not_null())
                            .select(list(TOKENS)))

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self._chunks:
            return empty(TOKENS)
        return pl.concat(self._chunks, rechunk=True) if len(self._chunks) > 1 else self._chunks[0]
