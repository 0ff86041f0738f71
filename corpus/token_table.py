"""ICU word segments → the ``tokens`` and ``vocabulary`` frames, with per-form work done once per distinct form.

An article is segmented in one pass over its paragraphs' extent (ICU always breaks at line ends, so the
segments are those of each paragraph; white space between paragraphs is dropped with the rest). Per token,
Python only slices the surface (:func:`corpus.tokenise.word_segments`) and maps it to its row in a per-process
table of distinct forms; a form new to this process is classified once (norm, script, kind), and the surface
column itself is gathered from that table (no Arrow string built per token from Python). Everything else is
column-wise NumPy per batch: offsets, white space dropped by a per-form mask, the paragraph by a binary search of
the paragraph starts, and the vocabulary's counts (one ``np.unique`` of the article's norm ids gives both its
frequencies and its document frequencies, so no group-by over millions of string rows is needed). Every
``flush_rows`` rows the batches become a Polars frame. This keeps a cold ingest within a small factor of a bare
ICU loop (benchmarks/ingest.py measures it) and memory bounded by ``flush_rows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from corpus.normalise import normalise
from corpus.schema import TOKENS, VOCABULARY, empty
from corpus.tokenise import form_kind, token_script, word_segments
from corpus.vocabulary import sort_vocabulary

if TYPE_CHECKING:
    import numpy as np

_FORM_SCHEMA = {"surface": pl.String, "norm": pl.String, "script": pl.String, "kind": pl.String}
#: Per process (an ingest worker analyses chunk after chunk): norm_lang → surface → (norm, script, kind). Most
#: forms of a chunk were in an earlier one (Zipf), and classifying one costs ~10 µs of ICU and normalisation.
_CLASSIFIED: dict[str, dict[str, tuple[str, str, str | None]]] = {}
#: Forms remembered per process at most (a few hundred MB of a corpus's long tail would otherwise stay).
CLASSIFIED_MAX = 1_000_000


def norm_lang(lang: str) -> str:
    """The part of a language that changes norms (only Chinese does: Traditional → Simplified)."""
    return "zh" if lang.partition("-")[0] == "zh" else ""


class _Column:
    """A NumPy array that grows by doubling (one value per form, or per norm, of the process's tables)."""

    def __init__(self, dtype: type, fill: int = 0) -> None:
        import numpy as np

        self.fill = fill
        self.values = np.full(1024, fill, dtype=dtype)

    def ensure(self, size: int) -> None:
        if size > len(self.values):
            import numpy as np

            grown = np.full(max(size, 2 * len(self.values)), self.fill, dtype=self.values.dtype)
            grown[: len(self.values)] = self.values
            self.values = grown


class TokenBuffer:
    """Accumulates the tokens of many articles and yields them as one ``TOKENS``-shaped frame and their
    ``VOCABULARY``."""

    def __init__(self, flush_rows: int = 500_000) -> None:
        import numpy as np  # on the first ingest, not at import: a warm app start never needs it (~0.13 s)

        self.flush_rows = flush_rows
        self._form_ids: dict[str, dict[str, int]] = {}  # norm_lang → surface → row of the forms table
        self._forms: list[tuple[str, str, str, str | None]] = []  # (surface, norm, script, kind) per form
        self._forms_frame = pl.DataFrame(schema=_FORM_SCHEMA)  # the first rows of ``_forms``, as a frame
        self._kept = _Column(np.bool_)        # per form: not white space
        self._norm_of = _Column(np.int64)     # per form: its norm's id
        self._norm_ids: dict[str, int] = {}   # norm → id
        self._freq = _Column(np.int64)        # per norm id: tokens
        self._doc_freq = _Column(np.int64)    # per norm id: articles
        self._first_form = _Column(np.int64, fill=-1)  # per norm id: the form of its first token
        self._chunks: list[pl.DataFrame] = []
        self._reset()

    def _reset(self) -> None:
        self._doc_ids: list[str] = []
        self._doc: list[np.ndarray] = []  # NumPy arrays, one per batch
        self._paragraph: list[np.ndarray] = []
        self._start: list[np.ndarray] = []
        self._end: list[np.ndarray] = []
        self._form: list[np.ndarray] = []
        self._rows = 0

    def add_article(self, doc_id: str, lang: str, text: str, spans: list[tuple[int, int]]) -> int:
        """Segment the paragraphs ``spans`` of ``text`` (article ``doc_id``); returns its tokens (white space
        dropped)."""
        if not spans:
            return 0
        import numpy as np

        key = norm_lang(lang)
        ids = self._form_ids.setdefault(key, {})
        paragraph_starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
        base = spans[0][0]
        article_norms: list[np.ndarray] = []
        for lows, bounds, surfaces in word_segments(text, base, spans[-1][1], lang):
            new = set(surfaces).difference(ids)
            if new:
                self._add_forms(ids, new, key)
            n = len(surfaces)
            form = np.fromiter(map(ids.__getitem__, surfaces), dtype=np.int64, count=n)
            end = np.fromiter(bounds, dtype=np.int64, count=n) + base
            start = np.empty_like(end)
            start[0] = lows[0] + base
            start[1:] = end[:-1]
            kept = self._kept.values[form]
            form, start, end = form[kept], start[kept], end[kept]
            if not len(form):
                continue
            if not self._doc_ids or self._doc_ids[-1] != doc_id:
                self._doc_ids.append(doc_id)
            self._doc.append(np.full(len(form), len(self._doc_ids) - 1, dtype=np.uint32))
            self._paragraph.append((np.searchsorted(paragraph_starts, start, side="right") - 1).astype(np.int32))
            self._start.append(start)
            self._end.append(end)
            self._form.append(form)
            self._first_tokens(form)
            article_norms.append(self._norm_of.values[form])
            self._rows += len(form)
            if self._rows >= self.flush_rows:
                self._flush()
        return self._count(article_norms)

    def _add_forms(self, ids: dict[str, int], surfaces: set[str], key: str) -> None:
        """Classify forms new to this process once: their norm, script and kind, and their norm's id."""
        first = len(self._forms)
        self._kept.ensure(first + len(surfaces))
        self._norm_of.ensure(first + len(surfaces))
        if sum(map(len, _CLASSIFIED.values())) + len(surfaces) > CLASSIFIED_MAX:
            _CLASSIFIED.clear()
        known = _CLASSIFIED.setdefault(key, {})
        for row, surface in enumerate(surfaces, start=first):
            ids[surface] = row
            classified = known.get(surface)
            if classified is None:
                classified = known[surface] = (normalise(surface, key), token_script(surface), form_kind(surface))
            norm, script, kind = classified
            self._forms.append((surface, norm, script, kind))
            self._kept.values[row] = kind is not None
            self._norm_of.values[row] = self._norm_ids.setdefault(norm, len(self._norm_ids))
        for column in (self._freq, self._doc_freq, self._first_form):
            column.ensure(len(self._norm_ids))

    def _first_tokens(self, form: np.ndarray) -> None:
        """Note, for each norm seen here for the first time, the form of its first token (the vocabulary's kind
        and script are that token's, as a group-by's ``first`` over the tokens would give)."""
        import numpy as np

        norms = self._norm_of.values[form]
        unseen = self._first_form.values[norms] < 0
        if unseen.any():
            new_norms, first = np.unique(norms[unseen], return_index=True)
            self._first_form.values[new_norms] = form[unseen][first]

    def _count(self, article_norms: list[np.ndarray]) -> int:
        """Add an article's norms to the frequencies (each distinct norm once to the document frequency)."""
        if not article_norms:
            return 0
        import numpy as np

        norms = article_norms[0] if len(article_norms) == 1 else np.concatenate(article_norms)
        distinct, counts = np.unique(norms, return_counts=True)
        self._freq.values[distinct] += counts
        self._doc_freq.values[distinct] += 1
        return len(norms)

    def _flush(self) -> None:
        if not self._rows:
            return
        import numpy as np

        if self._forms_frame.height < len(self._forms):
            added = pl.DataFrame(self._forms[self._forms_frame.height:], schema=_FORM_SCHEMA, orient="row")
            self._forms_frame = pl.concat([self._forms_frame, added], rechunk=True)
        form = pl.Series(np.concatenate(self._form), dtype=pl.UInt32)
        raw = pl.DataFrame(
            {
                "doc_id": pl.Series(self._doc_ids, dtype=pl.String).gather(np.concatenate(self._doc)),
                "paragraph": np.concatenate(self._paragraph),
                "start": np.concatenate(self._start),
                "end": np.concatenate(self._end),
            }
        ).hstack(self._forms_frame.select(pl.all().gather(form)))
        self._reset()
        self._chunks.append(raw.select(list(TOKENS)))

    def frame(self) -> pl.DataFrame:
        self._flush()
        if not self._chunks:
            return empty(TOKENS)
        return pl.concat(self._chunks, rechunk=False) if len(self._chunks) > 1 else self._chunks[0]

    def vocabulary(self) -> pl.DataFrame:
        """The ``VOCABULARY`` of every token added so far (equal to :func:`corpus.vocabulary.build_vocabulary` of
        :meth:`frame`, without its group-by)."""
        import numpy as np

        n = len(self._norm_ids)
        present = np.flatnonzero(self._freq.values[:n])
        if not len(present):
            return empty(VOCABULARY)
        norms = list(self._norm_ids)
        first = self._first_form.values[present]
        return sort_vocabulary(pl.DataFrame({
            "norm": [norms[i] for i in present],
            "kind": [self._forms[i][3] for i in first],
            "script": [self._forms[i][2] for i in first],
            "freq": self._freq.values[present],
            "doc_freq": self._doc_freq.values[present],
        }, schema=VOCABULARY))
