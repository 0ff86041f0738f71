"""The ``tokens`` frame as the cache stores it: each row's form as a number into the chunk's table of forms.

Why: a token's four string columns (surface, norm, kind, script) repeat a few thousand distinct forms millions
of times. Gathering them per token into a frame and then writing that frame to Parquet was about a sixth of a
worker's CPU in a cold ingest; the worker already knows every token's form as a row of its form table
(corpus/form_table.py), so a chunk stores ``doc_id, paragraph, start, end, form`` (``form`` a ``UInt32`` into
the chunk's ``forms`` frame of distinct ``surface, norm, kind, script``) and the strings once per form. Reading
joins them back into the ``TOKENS`` frame (as fast as reading the wide frame, and the files are smaller);
nothing outside the cache ever sees codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.schema import TOKENS

#: The per-form columns, in the ``TOKENS`` order.
FORM_COLUMNS = ("surface", "norm", "kind", "script")
#: The per-token columns of a coded frame (then ``form``).
ROW_COLUMNS = tuple(name for name in TOKENS if name not in FORM_COLUMNS)
FORM_CODE = pl.UInt32


@dataclass(frozen=True, slots=True)
class CodedTokens:
    rows: pl.DataFrame   # ROW_COLUMNS + ``form``
    forms: pl.DataFrame  # FORM_COLUMNS; row ``i`` is form ``i``


def encode(tokens: pl.DataFrame) -> CodedTokens:
    """A ``TOKENS`` frame as codes (for a chunk rewritten from cached tokens; an ingest worker codes its tokens
    straight from its form table, :meth:`corpus.token_table.TokenBuffer.coded`)."""
    forms = tokens.select(FORM_COLUMNS).unique(maintain_order=True)
    numbered = forms.with_row_index("form").with_columns(pl.col("form").cast(FORM_CODE))
    rows = tokens.join(numbered, on=list(FORM_COLUMNS), how="left", nulls_equal=True, maintain_order="left")
    return CodedTokens(rows.select(*ROW_COLUMNS, "form"), forms)


def decode_files(rows: Path, forms: Path) -> pl.LazyFrame:
    """The ``TOKENS`` frame of a chunk's two files, lazily (so many chunks decode in parallel)."""
    numbered = pl.scan_parquet(forms).with_row_index("form").with_columns(pl.col("form").cast(FORM_CODE))
    joined = pl.scan_parquet(rows).join(numbered, on="form", how="left", maintain_order="left")
    return joined.select(list(TOKENS))
