"""Export and import of annotations: W3C Web Annotation JSON Lines, plain JSON Lines, CSV and Parquet.

W3C is the interchange format (other annotation tools read it): the label is a ``tagging`` TextualBody, the note a
``commenting`` TextualBody, ``target.source`` the doc_id, with a TextQuoteSelector and a TextPositionSelector. What
the model has no term for (the article hash, the orphan flag) travels as ``babelscope:`` extension properties, so a
round trip through any format loses nothing. Plain JSON Lines, CSV and Parquet hold one flat row per annotation
(``Annotation.to_record``) for analysis in Polars, pandas or a spreadsheet.

``read_annotations`` accepts every format ``write_annotations`` writes, detecting it from the content.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from corpus.annotations.model import Annotation, normalise_id
from corpus.store import timestamps

if TYPE_CHECKING:
    import polars as pl

FORMATS = ("w3c", "jsonl", "csv", "parquet")
COLUMNS = tuple(Annotation.__dataclass_fields__)
_W3C_CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"babelscope": "urn:babelscope:"}]


class AnnotationFormatError(ValueError):
    """An import file that cannot be read; names the file and the line (or row)."""

    def __init__(self, source: Path | str, line: int | None, message: str) -> None:
        where = f"{source}, line {line}" if line is not None else str(source)
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


# ------------------------------------------------------------------------------------------------------ W3C
def to_w3c(annotation: Annotation) -> dict[str, Any]:
    """One annotation as a W3C Web Annotation (JSON-LD) object."""
    body = [{"type": "TextualBody", "purpose": "tagging", "value": annotation.label}]
    if annotation.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": annotation.note, "format": "text/plain"})
    return {
        "@context": _W3C_CONTEXT,
        "id": f"urn:uuid:{annotation.id}",
        "type": "Annotation",
        "created": annotation.created,
        "modified": annotation.modified,
        "body": body,
        "target": {
            "source": annotation.doc_id,
            "selector": [
                {"type": "TextQuoteSelector", "exact": annotation.exact, "prefix": annotation.prefix,
                 "suffix": annotation.suffix},
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
        "babelscope:contentHash": annotation.content_hash,
        "babelscope:orphan": annotation.orphan,
    }


def from_w3c(obj: dict[str, Any]) -> Annotation:
    """A W3C Web Annotation object as an Annotation (ValueError/KeyError when required parts are missing)."""
    bodies = obj.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    tags = [b.get("value", "") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"]
    notes = [b.get("value", "") for b in bodies if isinstance(b, dict) and b.get("purpose") == "commenting"]
    target = obj["target"]
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    by_type = {s.get("type"): s for s in selectors if isinstance(s, dict)}
    if "TextQuoteSelector" not in by_type or "TextPositionSelector" not in by_type:
        raise ValueError("target needs a TextQuoteSelector and a TextPositionSelector")
    quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    modified = obj.get("modified") or obj.get("created") or timestamps.now()
    return Annotation.from_record({
        "id": normalise_id(str(obj["id"])),
        "doc_id": target["source"],
        "start": position["start"],
        "end": position["end"],
        "exact": quote["exact"],
        "prefix": quote.get("prefix", ""),
        "suffix": quote.get("suffix", ""),
        "content_hash": obj.get("babelscope:contentHash", ""),
        "label": tags[0] if tags else "",
        "note": "\n\n".join(notes),
        "created": obj.get("created") or modified,
        "modified": modified,
        "orphan": obj.get("babelscope:orphan", False),
    })


# --------------------------------------------------------------------------------------------------- export
def write_annotations(annotations: Iterable[Annotation], fmt: str, target: Path | TextIO) -> int:
    """Write annotations in ``fmt`` (one of FORMATS) to a file path or a text stream; returns how many.

    Parquet is binary and needs a path. JSON is written UTF-8 without ``\\u`` escapes (CONVENTIONS.md).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    rows = list(annotations)
    if fmt == "parquet":
        if not isinstance(target, Path):
            raise ValueError("Parquet is binary: give an output file")
        _frame(rows).write_parquet(target)
        return len(rows)
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as stream:
            _write_text(rows, fmt, stream)
    else:
        _write_text(rows, fmt, target)
    return len(rows)


def _write_text(rows: list[Annotation], fmt: str, stream: TextIO) -> None:
    if fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row.to_record() for row in rows)
        return
    convert = to_w3c if fmt == "w3c" else Annotation.to_record
    for row in rows:
        stream.write(json.dumps(convert(row), ensure_ascii=False) + "\n")


def _frame(rows: list[Annotation]) -> pl.DataFrame:
    """The rows as a typed frame. Polars is imported here, lazily: opening the app never needs it."""
    import polars as pl

    schema = {
        "id": pl.String, "doc_id": pl.String, "start": pl.Int64, "end": pl.Int64, "exact": pl.String,
        "prefix": pl.String, "suffix": pl.String, "content_hash": pl.String, "label": pl.String, "note": pl.String,
        "created": pl.String, "modified": pl.String, "orphan": pl.Boolean,
    }
    return pl.DataFrame([row.to_record() for row in rows], schema=schema, orient="row")


# --------------------------------------------------------------------------------------------------- import
def read_annotations(source: Path) -> list[Annotation]:
    """Every annotation in an exported file of any FORMAT (detected from its content, not its name)."""
    data = source.read_bytes()
    if data[:4] == b"PAR1":
        return _read_parquet(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnnotationFormatError(source, None, f"not UTF-8 text or Parquet ({exc.reason})") from exc
    if text.lstrip().startswith(("{", "[")):
        return list(_read_json_lines(source, text))
    return list(_read_csv(source, text))


def _read_json_lines(source: Path, text: str) -> Iterator[Annotation]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("expected a JSON object")
            yield from_w3c(obj) if "target" in obj else Annotation.from_record(obj)
        except (ValueError, KeyError, TypeError) as exc:
            raise AnnotationFormatError(source, number, _reason(exc)) from exc


def _read_csv(source: Path, text: str) -> Iterator[Annotation]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = set(COLUMNS) - {"orphan"} - set(reader.fieldnames or ())
    if missing:
        raise AnnotationFormatError(source, 1, f"not an annotations CSV: missing column(s) {sorted(missing)}")
    for row in reader:
        try:
            yield Annotation.from_record(row)
        except (ValueError, KeyError, TypeError) as exc:
            raise AnnotationFormatError(source, reader.line_num, _reason(exc)) from exc


def _read_parquet(source: Path) -> list[Annotation]:
    import polars as pl

    try:
        records = pl.read_parquet(source).to_dicts()
    except Exception as exc:  # Polars raises several error types for damaged files
        raise AnnotationFormatError(source, None, f"unreadable Parquet file ({exc})") from exc
    annotations = []
    for number, record in enumerate(records, start=1):
        try:
            annotations.append(Annotation.from_record(record))
        except (ValueError, KeyError, TypeError) as exc:
            raise AnnotationFormatError(source, number, _reason(exc)) from exc
    return annotations


def _reason(exc: Exception) -> str:
    return f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
