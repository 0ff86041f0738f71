"""The Polars schemas of the frames every part of Babelscope shares.

Offsets everywhere are Python ``str`` indices (code points) into the article's ``text``, end exclusive
(CONVENTIONS.md). One module holds them so that ingest, the cache, search, entities, alignment and the app agree.
"""

from __future__ import annotations

import polars as pl

DOCUMENTS = {
    "doc_id": pl.String,        # path relative to the corpus root, `/`-separated, plus `#N` for multi-record files
    "path": pl.String,          # file path relative to the corpus root
    "record": pl.Int64,         # 0-based record number inside JSONL/CSV/Parquet files, else null
    "title": pl.String,
    "lang": pl.String,          # BCP-47 primary subtag (ru, ar, zh, ja, id, en...), "und" when unknown
    "lang_source": pl.String,   # metadata | script | detector | override
    "script": pl.String,        # ICU script name of most letters: Latin, Cyrillic, Arabic, Han, Japanese...
    "direction": pl.String,     # ltr | rtl (of the main script)
    "date": pl.String,
    "url": pl.String,
    "source": pl.String,
    "encoding": pl.String,      # how the bytes were decoded (utf-8, utf-8-sig, utf-16, windows-1251...)
    "content_hash": pl.String,  # SHA-256 hex of the text
    "chars": pl.Int64,
    "n_tokens": pl.Int64,
    "n_paragraphs": pl.Int64,
    "text": pl.String,          # exactly as decoded (BOM removed, newlines untouched)
}

PARAGRAPHS = {
    "doc_id": pl.String,
    "index": pl.Int32,          # 0-based, in reading order
    "start": pl.Int64,
    "end": pl.Int64,
    "kind": pl.String,          # body | heading | boilerplate
}

#: PARAGRAPHS as ingest builds them: with the paragraph's length and the fingerprint of its folded text, which the
#: corpus-wide repeated-line pass needs (corpus.boilerplate.corpus_repeats)
PARAGRAPH_COLUMNS = {**PARAGRAPHS, "chars": DOCUMENTS["chars"], "fingerprint": DOCUMENTS["chars"]}

SENTENCES = {
    "doc_id": pl.String,
    "index": pl.Int32,          # 0-based within the article
    "paragraph": pl.Int32,
    "start": pl.Int64,
    "end": pl.Int64,
}

TOKENS = {
    "doc_id": pl.String,
    "paragraph": pl.Int32,
    "start": pl.Int64,
    "end": pl.Int64,
    "surface": pl.String,       # text[start:end]
    "norm": pl.String,          # NFKC + case fold; Arabic harakat/tatweel stripped, alef unified; zh Hant->Hans
    "kind": pl.String,          # word | number | kana | ideographic | punct | symbol
    "script": pl.String,        # ICU script name of the token's first letter (Common for punctuation/digits)
}

VOCABULARY = {
    "norm": pl.String,
    "kind": pl.String,
    "script": pl.String,
    "freq": pl.Int64,           # occurrences in the corpus
    "doc_freq": pl.Int64,       # articles it occurs in
}

TOKEN_KINDS = ("word", "number", "kana", "ideographic", "punct", "symbol")
PARAGRAPH_KINDS = ("body", "heading", "boilerplate")


def empty(schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """An empty frame with the given schema (so empty corpora still have every column)."""
    return pl.DataFrame(schema=schema)
