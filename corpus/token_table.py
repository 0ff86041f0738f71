"""ICU word segments → the ``tokens`` frame, with per-form work done once per distinct form.

Per token, Python only extends a few lists (:func:`corpus.tokenise.word_segments` already sliced the surfaces).
Every ``flush_rows`` rows the lists become a Polars frame; the distinct ``(surface, language)`` pairs of that
frame are classified in Python (norm, script, kind of status-0 segments) through a per-process memo, joined back,
and the kinds are derived column-wise. White space is dropped there. This keeps a cold ingest within a small factor
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

_FORM_SCHEMA = {"surface": pl.String, "norm_lang": pl.String, "norm": pl.String, "script": pl.String,
                "plain": pl.String}


def norm_lang(lang: str) -> str:
    """The part of a language that changes norms (only Chinese does: Traditional → Simplified)."""
    return "zh" if lang.partition("-")[0] == "zh" else ""


class TokenBuffer:
    """Accumulates the tokens of many articles and yields them as one ``TOKENS``-shaped frame."""

    def __init__(self, flush_rows: int = 500_000) -> None:
        self.flush_rows = flush_rows
        self._forms: dict[tuple[str, str], tuple[str, str, str | None]] = {}
        self._doc_ids: list[str] = []
        self._chunks: list[pl.DataFrame] = []
        self._reset()

    def _reset(self) -> None:
        self._doc: list[int] = []
        self._paragraph: list[int] = []
        self._start: list[int] = []
        self._end: list[int] = []
        self._surface: list[str] = []
        self._status: list[int] = []
        self._lang: list[str] = []

    def add_paragraph(self, doc_id: str, lang: str, paragraph: int, text: str, start: int, end: int) -> int:
        """Segment ``text[start:end]`` (paragraph ``paragraph`` of ``doc_id``); returns the segments added."""
        if not self._doc_ids or self._doc_ids[-1] != doc_id:
            self._doc_ids.append(doc_id)
        doc = len(self._doc_ids) - 1
        key = norm_lang(lang)
        added = 0
        for starts, ends, surfaces, statuses in word_segments(text, start, end, lang):
            n = len(starts)
            self._doc.extend([doc] * n)
            self._paragraph.extend([paragraph] * n)
            self._lang.extend([key] * n)
            self._start.extend(starts)
            self._end.extend(ends)
            self._surface.extend(surfaces)
            self._status.extend(statuses)
            added += n
            if len(self._start) >= self.flush_rows:
                self._flush()
        return added

    def _classify(self, pairs: pl.DataFrame) -> pl.DataFrame:
        """Norm, script and status-0 kind of each distinct (surface, norm_lang), memoised per process."""
        forms = self._forms
        rows = []
        for surface, lang in pairs.iter_rows():
            info = forms.get((surface, lang))
            if info is None:
                info = forms[(surface, lang)] = (normalise(surface, lang), token_script(surface), plain_kind(surface))
            rows.append((surface, lang, *info))
        return pl.DataFrame(rows, schema=_FORM_SCHEMA, orient="row")

    def _flush(self) -> None:
        if not self._start:
            return
        raw = pl.DataFrame(
            {
                "doc": self._doc, "paragraph": self._paragraph, "start": self._start, "end": self._end,
                "surface": self._surface, "status": self._status, "norm_lang": self._lang,
            },
            schema={"doc": pl.UInt32, "paragraph": pl.Int32, "start": pl.Int64, "end": pl.Int64,
                    "surface": pl.String, "status": pl.Int32, "norm_lang": pl.String},
        )
        self._reset()
        forms = self._classify(raw.select("surface", "norm_lang").unique())
        docs = pl.DataFrame({"doc": range(len(self._doc_ids)), "doc_id": self._doc_ids},
                            schema={"doc": pl.UInt32, "doc_id": pl.String})
        status = pl.col("status")
        kind = (
            pl.when(status >= KANA_STATUS)
            .then(pl.when((status < IDEO_STATUS) | pl.col("script").is_in(KANA_SCRIPTS))
                  .then(pl.lit("kana")).otherwise(pl.lit("ideographic")))
            .when(status >= LETTER_STATUS).then(pl.lit("word"))
            .when(status >= NUMBER_STATUS).then(pl.lit("number"))
            .otherwise(pl.col("plain"))
        )
        frame = (
            raw.join(forms, on=["surface", "norm_lang"], how="left", maintain_order="left")
            .with_columns(kind.alias("kind"))
            .filter(pl.col("kind").is_not_null())
            .join(docs, on="doc", how="left", maintain_order="left")
            .select(list(TOKENS))
        )
        self._chunks.append(frame)

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self._chunks:
            return empty(TOKENS)
        return pl.concat(self._chunks, rechunk=True) if len(self._chunks) > 1 else self._chunks[0]
