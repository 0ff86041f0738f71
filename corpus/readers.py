"""Files → article records: one record per .txt/.md/.html file, one per row of .jsonl/.csv/.parquet.

Readers never raise for a single bad record or file: they raise ``ReadError`` with a one-line reason, which ingest
turns into a per-file warning, and the rest of the corpus loads. gzip-compressed files (``name.jsonl.gz``) are read
by the reader of their inner extension.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.decode import DecodeError, UnknownEncoding, decode_bytes
from corpus.markup import html_to_text, markdown_to_text

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
RECORD_EXTENSIONS = frozenset({".jsonl", ".ndjson", ".csv", ".parquet"})
SUPPORTED = TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS | RECORD_EXTENSIONS
METADATA_FIELDS = ("title", "lang", "url", "date", "source")


class ReadError(Exception):
    """A file that cannot be read as articles; the message is the warning shown to the user."""


@dataclass(slots=True)
class RawArticle:
    doc_id: str
    path: str
    record: int | None
    text: str
    encoding: str
    meta: dict[str, str] = field(default_factory=dict)


def inner_extension(path: Path | str) -> str:
    """The format extension of a path or file name, looking through ``.gz`` (``a.jsonl.gz`` → ``.jsonl``).

    String work on the name only (``Path.suffixes``' rules), because discovery asks it for every file of a
    100,000-file corpus.
    """
    name = path if isinstance(path, str) else path.name
    if name.endswith("."):
        return ""
    parts = name.lstrip(".").lower().split(".")[1:]
    if parts and parts[-1] == "gz":
        parts = parts[:-1]
    if not parts or len(parts[-1]) > 8 or not parts[-1].isalnum():
        return ""
    return "." + parts[-1]


def is_supported(path: Path | str) -> bool:
    """Whether Babelscope reads this file (by its name's extension)."""
    return inner_extension(path) in SUPPORTED


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes exactly as stored (still compressed for ``.gz``; the cache hashes these)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc


def read_articles(
    data: bytes, path: Path, rel_path: str, forced_encoding: str | None = None
) -> Iterator[RawArticle]:
    """All articles in one file's bytes. ``rel_path`` (``/``-separated, relative to the root) names them."""
    ext = inner_extension(path)
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise ReadError(f"broken gzip data: {exc}") from exc
    if ext == ".parquet":
        yield from _records(_parquet_rows(data), rel_path, "binary")
        return
    try:
        decoded = decode_bytes(data, forced_encoding)
    except UnknownEncoding as exc:
        raise ReadError(f"{exc}; if you know its encoding: babelscope override --corpus DIR --doc "
                        f"{shlex.quote(rel_path)} --encoding CODEC") from exc
    except DecodeError as exc:
        raise ReadError(str(exc)) from exc
    text = decoded.text
    if ext == ".jsonl" or ext == ".ndjson":
        yield from _records(_jsonl_rows(text), rel_path, decoded.encoding)
    elif ext == ".csv":
        yield from _records(_csv_rows(text), rel_path, decoded.encoding)
    elif ext in HTML_EXTENSIONS:
        body, meta = html_to_text(text)
        yield RawArticle(rel_path, rel_path, None, body, decoded.encoding, meta)
    elif ext in MARKDOWN_EXTENSIONS:
        body, meta = markdown_to_text(text)
        yield RawArticle(rel_path, rel_path, None, body, decoded.encoding, meta)
    else:
        yield RawArticle(rel_path, rel_path, None, text, decoded.encoding, {})


def _records(rows: Iterator[dict], rel_path: str, encoding: str) -> Iterator[RawArticle]:
    for number, row in enumerate(rows):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ReadError(f"record {number} has no text field")
        meta = {k: _valid_unicode(str(row[k])) for k in METADATA_FIELDS if row.get(k) not in (None, "")}
        yield RawArticle(f"{rel_path}#{number}", rel_path, number, _valid_unicode(row["text"]), encoding, meta)


def _valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate (JSON may escape one: ``"\\ud800"``) replaced by U+FFFD, one code point
    for one, so offsets stay those of the record. No frame, file or terminal can hold a lone surrogate; left in,
    one such record stopped the whole ingest."""
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def _jsonl_rows(text: str) -> Iterator[dict]:
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReadError(f"invalid JSON on line {line_number}: {exc.msg}") from exc


def _csv_rows(text: str) -> Iterator[dict]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise ReadError("CSV has no 'text' column")
    try:
        yield from reader
    except csv.Error as exc:
        raise ReadError(f"broken CSV: {exc}") from exc


def _parquet_rows(data: bytes) -> Iterator[dict]:
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except Exception as exc:  # polars raises several error types for damaged files
        raise ReadError(f"broken Parquet: {exc}") from exc
    if "text" not in frame.columns:
        raise ReadError("Parquet has no 'text' column")
    columns = [c for c in ("text", *METADATA_FIELDS) if c in frame.columns]
    yield from frame.select(columns).cast({c: pl.String for c in columns}).iter_rows(named=True)
