"""``babelscope entities`` and ``babelscope numbers``: JSON Lines shapes from issue 4, tables, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.cli.main import main

ENTITY_KEYS = {"id", "type", "name", "aliases", "mentions"}
MENTION_KEYS = {"doc_id", "path", "start", "end", "surface"}
FIGURE_KEYS = {"doc_id", "path", "start", "end", "surface", "kind", "value", "value_max", "unit"}


def _lines(capsys) -> list[dict]:
    out = capsys.readouterr().out
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_entities_json_lines_shape(capsys):
    assert main(["entities", "--json"]) == 0
    rows = _lines(capsys)
    assert rows and all(set(r) == ENTITY_KEYS for r in rows)
    assert all(set(m) == MENTION_KEYS for r in rows for m in r["mentions"])
    altman = next(r for r in rows if r["name"] == "Sam Altman")
    assert altman["type"] == "PER" and {"ru", "ar", "zh", "ja", "id"} <= set(altman["aliases"])
    assert "Альтмана" in altman["aliases"]["ru"]
    m = altman["mentions"][0]
    assert m["path"] == m["doc_id"] and m["end"] > m["start"]


def test_entities_doc_filter_keeps_mentions_everywhere(capsys):
    assert main(["entities", "--doc", "002", "--json"]) == 0
    rows = _lines(capsys)
    names = {r["name"] for r in rows}
    assert {"Sam Altman", "OpenAI"} <= names  # (002 writes Microsoft only as 微软: no alias, no mention)
    altman = next(r for r in rows if r["name"] == "Sam Altman")
    assert len({m["doc_id"] for m in altman["mentions"]}) == 5   # its mentions in every article, not only 002


def test_entities_suggestions_lines(capsys, tmp_path: Path):
    feed = Path(__file__).parent / "data" / "entities_fixture.jsonl"
    assert main(["entities", "--corpus", str(feed), "--suggestions", "--json"]) == 0
    rows = _lines(capsys)
    suggestions = [r for r in rows if "suggest" in r]
    assert suggestions and all(set(s) == {"suggest", "score", "evidence"} and len(s["suggest"]) == 2 for s in suggestions)
    ids = {r["id"] for r in rows if "id" in r}
    assert all(set(s["suggest"]) <= ids for s in suggestions)


def test_entities_table_and_errors(capsys, tmp_path: Path):
    assert main(["entities", "--doc", "003"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("ID") and "Sam Altman" in out and "アルトマン" in out
    assert main(["entities", "--doc", "no-such-article"]) == 2
    assert "no article matches" in capsys.readouterr().err
    assert main(["entities", "--corpus", str(tmp_path), "--json"]) == 0   # an empty corpus: nothing, success
    assert capsys.readouterr().out == ""


def _numbers(capsys, *args: str) -> list[dict]:
    assert main(["numbers", "--json", *args]) == 0
    return _lines(capsys)


def test_numbers_json_shape_and_sample_values(capsys):
    rows = _numbers(capsys)
    assert rows and all(set(r) == FIGURE_KEYS for r in rows)
    by_doc: dict[str, set] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"][:3], set()).add((r["kind"], r["value"], r["unit"]))
    assert {("count", 700, None), ("count", 770, None)} <= by_doc["000"]
    assert ("count", 743, None) in by_doc["002"] and ("count", 770, "员工") in by_doc["002"]
    assert ("money", 1.3e10, "USD") in by_doc["002"] and ("money", 2.8e12, "USD") in by_doc["002"]
    assert {("count", 710, "人"), ("count", 770, "人")} <= by_doc["003"]
    assert ("count", 770, "karyawan") in by_doc["004"] and ("money", 1e10, "USD") in by_doc["004"]
    assert ("date", "--11-20", None) in by_doc["002"]


def test_numbers_arabic_indic_digits_and_doc_filter(capsys, tmp_path: Path):
    (tmp_path / "ar.jsonl").write_text(
        json.dumps({"lang": "ar", "text": "وقع ٧٤٣ موظفاً من أصل ٧٧٠ على الرسالة، وبلغت الصفقة ١٢٣٫٤٥ مليون دولار "
                    "بارتفاع ٣٫٥٪ في ٢٠ نوفمبر ٢٠٢٣."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    rows = _numbers(capsys, "--corpus", str(tmp_path), "--doc", "ar.jsonl#0")
    got = {(r["kind"], r["value"], r["unit"]) for r in rows}
    assert ("count", 743, "موظفاً") in got and ("count", 770, None) in got
    assert ("money", 123.45e6, "USD") in got and ("percent", 3.5, "%") in got
    assert ("date", "2023-11-20", None) in got
    assert main(["numbers", "--doc", "missing"]) == 2


def test_numbers_table(capsys):
    assert main(["numbers", "--doc", "004"]) == 0
    out = capsys.readouterr().out
    assert "karyawan" in out and "USD" in out and out.startswith("5 figures") or "figures in 1 article" in out
