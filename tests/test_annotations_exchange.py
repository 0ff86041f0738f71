"""Export → import is lossless in every format; importing twice adds nothing; newer edits win."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from corpus.annotations import (
    FORMATS,
    Annotation,
    AnnotationFormatError,
    AnnotationRepository,
    read_annotations,
    to_w3c,
    write_annotations,
)
from corpus.store import Store

TEXTS = {
    "000_ru.txt": "Президент заявил: «Экономика растёт», — сообщает агентство.",
    "001_ar.txt": "قال الرئيس إن \"الاقتصاد ينمو\"، بحسب الوكالة.",
    "002_zh.txt": "𠮷野家表示，收入增长了百分之八十。",
}


@pytest.fixture()
def filled(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.open_path(tmp_path / "source.sqlite3")
    repo = AnnotationRepository(store)
    notes = ["", 'comma, "quotes", and\na newline', "ملاحظة — 注释"]
    for (doc_id, text), note in zip(TEXTS.items(), notes):
        repo.add(doc_id=doc_id, text=text, start=1, end=len(text) - 1, label="claim", content_hash=doc_id[:3],
                 note=note)
    orphan = repo.list()[0]
    repo.save_anchors([replace(orphan, orphan=True)])
    yield repo
    store.close()


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_lossless_and_reimport_adds_nothing(filled: AnnotationRepository, tmp_path: Path, fmt: str) -> None:
    exported = tmp_path / f"out.{fmt}"
    assert write_annotations(filled.list(), fmt, exported) == 3
    assert read_annotations(exported) == filled.list()

    with Store.open_path(tmp_path / "target.sqlite3") as target_store:
        target = AnnotationRepository(target_store)
        first = target.merge(read_annotations(exported))
        assert (first.added, first.updated, first.unchanged) == (3, 0, 0)
        assert target.list() == filled.list()
        again = target.merge(read_annotations(exported))
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        assert target.count() == 3


def test_a_newer_modified_wins_and_an_older_one_does_not(filled: AnnotationRepository, tmp_path: Path) -> None:
    original = filled.list()[1]
    newer = replace(original, note="edited elsewhere", modified="2999-01-01T00:00:00.000000Z")
    older = replace(original, note="stale copy", modified="2000-01-01T00:00:00.000000Z")
    report = filled.merge([older])
    assert report.unchanged == 1 and filled.get(original.id).note == original.note
    report = filled.merge([newer])
    assert report.updated == 1 and filled.get(original.id).note == "edited elsewhere"


def test_w3c_shape(filled: AnnotationRepository) -> None:
    annotation = next(a for a in filled.list() if a.note)
    obj = to_w3c(annotation)
    assert obj["type"] == "Annotation" and obj["id"] == f"urn:uuid:{annotation.id}"
    assert {"purpose": "tagging", "type": "TextualBody", "value": "claim"} in obj["body"]
    assert any(b["purpose"] == "commenting" and b["value"] == annotation.note for b in obj["body"])
    assert obj["target"]["source"] == annotation.doc_id
    selectors = {s["type"]: s for s in obj["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == annotation.exact
    assert (selectors["TextPositionSelector"]["start"], selectors["TextPositionSelector"]["end"]) == (
        annotation.start, annotation.end)


def test_json_is_unescaped_utf8_on_a_stream(filled: AnnotationRepository) -> None:
    stream = io.StringIO()
    write_annotations(filled.list(), "jsonl", stream)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3 and "野家表示" in stream.getvalue() and "\\u" not in stream.getvalue()
    assert Annotation.from_record(json.loads(lines[0])) == filled.list()[0]


def test_foreign_w3c_without_extensions_imports(tmp_path: Path) -> None:
    source = tmp_path / "foreign.jsonl"
    source.write_text(json.dumps({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "urn:uuid:3F2504E0-4F89-41D3-9A0C-0305E82C3301",
        "type": "Annotation",
        "created": "2024-05-01T10:00:00+02:00",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "quote"},
        "target": {"source": "000_ru.txt", "selector": [
            {"type": "TextQuoteSelector", "exact": "Экономика растёт"},
            {"type": "TextPositionSelector", "start": 19, "end": 35}]},
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    [annotation] = read_annotations(source)
    assert annotation.id == "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
    assert annotation.created == annotation.modified == "2024-05-01T08:00:00.000000Z"
    assert (annotation.label, annotation.note, annotation.prefix, annotation.orphan) == ("quote", "", "", False)


@pytest.mark.parametrize(
    ("content", "line"),
    [
        ('{"id": "x"}\n', 1),
        ("\n" + json.dumps({"target": {"source": "a"}, "id": "urn:uuid:3f2504e0-4f89-41d3-9a0c-0305e82c3301"}), 2),
        ("id,doc_id\n1,2\n", 1),
        ("[1, 2]\n", 1),
    ],
)
def test_bad_files_name_the_file_and_line(tmp_path: Path, content: str, line: int | None) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(AnnotationFormatError) as raised:
        read_annotations(source)
    assert str(source) in str(raised.value) and raised.value.line == line


def test_parquet_needs_a_file(filled: AnnotationRepository) -> None:
    with pytest.raises(ValueError, match="output file"):
        write_annotations(filled.list(), "parquet", io.StringIO())
    with pytest.raises(ValueError, match="unknown format"):
        write_annotations(filled.list(), "xml", io.StringIO())
