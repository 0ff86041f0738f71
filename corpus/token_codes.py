"""The ``tokens`` frame as the cache stores it: each row's form as a number into the chunk's table of forms.

Why: a token's four string columns (surface, norm, kind, script) repeat a few thousand distinct forms millions
of times. Gathering them per token into a frame and then writing that frame to Parquet was about a sixth of a
worker's CPU in a cold ingest; the worker already knows every token's form as a row of its form table
(corpus/form_table.py), so a chunk stores ``doc_id, paragraph, start, end, form`` (``form`` a ``UInt32`` into
the chunk's ``forms`` frame of distinct ``surface, norm, kind, script``) and the strings once per form. Reading
gathers the strings back by code into the ``TOKENS`` frame; nothing outside the cache ever sees codes. That
read costs more than reading the wide frame did (measured 1.5–3× on 1.8 million tokens, about 0.1 s more), paid once,
when something first needs the tokens; the write it saves is paid for every article of every cold ingest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from corpus.schema import TOKENS, empty

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


def decode_files(files: list[tuple[Path, Path]]) -> pl.DataFrame:
    """The ``TOKENS`` frame of chunks' ``(rows, forms)`` files, in that order: per chunk, a gather of its forms
    by code (measured: a join cost twice as much, and one gather over all chunks' forms concatenated a third
    more)."""
    parts = []
    for rows, forms in files:
        coded = pl.read_parquet(rows)
        strings = pl.read_parquet(forms).select(pl.all().gather(coded["form"]))
        parts.append(coded.drop("form").hstack(strings).select(list(TOKENS)))
    return pl.concat(parts) if parts else empty(TOKENS)
