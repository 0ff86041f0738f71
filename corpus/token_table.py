"""ICU word segments → the ``tokens`` and ``vocabulary`` frames, with per-form work done once per distinct form.

An article is segmented in one pass over its paragraphs' extent (ICU always breaks at line ends, so the
segments are those of each paragraph; white space between paragraphs is dropped with the rest). Per token,
Python does nothing: ICU's boundaries (:func:`corpus.tokenise.word_boundaries`) become NumPy offsets, and each
segment's span key maps it to its row in the process's table of distinct forms (corpus/form_table.py), where a
form new to the process is sliced and classified once (norm, script, kind); the surface, norm, script and kind
columns are gathered from that table (no Arrow string built per token from Python), or, for the cache, left as
form codes (:meth:`TokenBuffer.coded`, corpus/token_codes.py). Everything else is
column-wise NumPy per batch: offsets, white space dropped by a per-form mask, the paragraph by a binary search of
the paragraph starts, and the vocabulary's counts (an unbuffered add of the article's norm ids gives their
frequencies, a buffered one their document frequencies, so no group-by over millions of string rows is needed). Every
``flush_rows`` rows the batches become a Polars frame. This keeps a cold ingest within a small factor of a bare
ICU loop (benchmarks/ingest.py measures it) and memory bounded by ``flush_rows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from corpus.form_table import Column, FormTable, process_forms
from corpus.schema import TOKENS, VOCABULARY, empty
from corpus.token_codes import FORM_CODE, FORM_COLUMNS, ROW_COLUMNS, CodedTokens
from corpus.tokenise import word_boundaries
from corpus.vocabulary import sort_vocabulary

if TYPE_CHECKING:
    import numpy as np


def norm_lang(lang: str) -> str:
    """The part of a language that changes norms (only Chinese does: Traditional → Simplified)."""
    return "zh" if lang.partition("-")[0] == "zh" else ""


class TokenBuffer:
    """Accumulates the tokens of many articles and yields them as one ``TOKENS``-shaped frame and their
    ``VOCABULARY``."""

    def __init__(self, flush_rows: int = 500_000, forms: FormTable | None = None) -> None:
        import numpy as np  # on the first ingest, not at import: a warm app start never needs it (~0.13 s)

        self.flush_rows = flush_rows
        self._forms = forms if forms is not None else process_forms()
        self._freq = Column(np.int64)        # per norm id of the form table: tokens
        self._doc_freq = Column(np.int64)    # per norm id: articles
        self._first_form = Column(np.int64, fill=-1)  # per norm id: the form of its first token here
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
        paragraph_starts = np.fromiter((s for s, _ in spans), dtype=np.int64, count=len(spans))
        base = spans[0][0]
        segment = text[base:spans[-1][1]]
        article_norms: list[np.ndarray] = []
        previous = 0
        for bounds in word_boundaries(segment, lang):
            end = np.array(bounds, dtype=np.int64)
            start = np.empty_like(end)
            start[0] = previous
            start[1:] = end[:-1]
            previous = bounds[-1]
            form = self._forms.rows(key, segment, start, end)
            self._ensure_norms()
            kept = self._forms.kept.values[form]
            form, start, end = form[kept], start[kept] + base, end[kept] + base
            if not len(form):
                continue
            if not self._doc_ids or self._doc_ids[-1] != doc_id:
                self._doc_ids.append(doc_id)
            self._doc.append(np.full(len(form), len(self._doc_ids) - 1, dtype=np.uint32))
            self._paragraph.append((np.searchsorted(paragraph_starts, start, side="right") - 1).astype(np.int32))
            self._start.append(start)
            self._end.append(end)
            self._form.append(form)
            norms = self._forms.norm_of.values[form]
            self._first_tokens(form, norms)
            article_norms.append(norms)
            self._rows += len(form)
            if self._rows >= self.flush_rows:
                self._flush()
        return self._count(article_norms)

    def _ensure_norms(self) -> None:
        for column in (self._freq, self._doc_freq, self._first_form):
            column.ensure(len(self._forms.norms))

    def _first_tokens(self, form: np.ndarray, norms: np.ndarray) -> None:
        """Note, for each norm (``norms``, of the tokens ``form``) seen here for the first time, the form of its
        first token (the vocabulary's kind and script are that token's, as a group-by's ``first`` over the tokens
        would give)."""
        import numpy as np

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
        np.add.at(self._freq.values, norms, 1)  # unbuffered: a norm that occurs k times gets k
        self._doc_freq.values[norms] += 1       # buffered: a repeated index is incremented once (no sort needed)
        return len(norms)

    def _flush(self) -> None:
        """Turn the batches into a frame of ``ROW_COLUMNS`` + ``form`` (this buffer's form table's row)."""
        if not self._rows:
            return
        import numpy as np

        self._chunks.append(pl.DataFrame({
            "doc_id": pl.Series(self._doc_ids, dtype=pl.String).gather(np.concatenate(self._doc)),
            "paragraph": np.concatenate(self._paragraph),
            "start": np.concatenate(self._start),
            "end": np.concatenate(self._end),
            "form": pl.Series(np.concatenate(self._form), dtype=FORM_CODE),
        }))
        self._reset()

    def frame(self) -> pl.DataFrame:
        """Every token so far as a ``TOKENS`` frame."""
        self._flush()
        if not self._chunks:
            return empty(TOKENS)
        forms = self._forms.frame()
        parts = [part.drop("form").hstack(forms.select(pl.all().gather(part["form"]))).select(list(TOKENS))
                 for part in self._chunks]
        return pl.concat(parts, rechunk=False) if len(parts) > 1 else parts[0]

    def coded(self) -> CodedTokens:
        """Every token so far as codes into a table of the forms they use (what the cache stores), without
        building a string per token."""
        import numpy as np

        self._flush()
        rows = pl.concat(self._chunks, rechunk=False) if self._chunks else empty(TOKENS).select(ROW_COLUMNS)
        used = np.zeros(len(self._forms.forms), dtype=np.bool_)
        if rows.height:
            used[rows["form"].to_numpy()] = True
        local = np.cumsum(used, dtype=np.int64) - 1  # a used row's number among the used rows
        forms = self._forms.frame().head(len(used)).filter(pl.Series(used)).select(FORM_COLUMNS)
        codes = pl.Series("form", local[rows["form"].to_numpy()] if rows.height else [], dtype=FORM_CODE)
        return CodedTokens(rows.select(ROW_COLUMNS).with_columns(codes), forms)

    def vocabulary(self) -> pl.DataFrame:
        """The ``VOCABULARY`` of every token added so far (equal to :func:`corpus.vocabulary.build_vocabulary` of
        :meth:`frame`, without its group-by)."""
        import numpy as np

        present = np.flatnonzero(self._freq.values[: len(self._forms.norms)])
        if not len(present):
            return empty(VOCABULARY)
        norms, forms = self._forms.norms, self._forms.forms
        first = self._first_form.values[present]
        return sort_vocabulary(pl.DataFrame({
            "norm": [norms[i] for i in present.tolist()],
            "kind": [forms[i][3] for i in first.tolist()],
            "script": [forms[i][2] for i in first.tolist()],
            "freq": self._freq.values[present],
            "doc_freq": self._doc_freq.values[present],
        }, schema=VOCABULARY))
