"""``babelscope search`` and ``babelscope aliases``: JSON Lines shape, CSV, batch mode, table, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from corpus.cli.main import main
from corpus.search import RESULT_COLUMNS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lines_shape(capsys) -> None:
    code, out, _ = run(capsys, "search", "Altman", "--json", "--limit", "5")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 5 and all(list(r) == list(RESULT_COLUMNS) for r in rows)
    assert all("\n" not in r["left"] + r["right"] for r in rows)


def test_all_and_lang(capsys) -> None:
    code, out, _ = run(capsys, "search", "奥特曼", "--json", "--all", "--lang", "zh")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) > 29 and {r["lang"] for r in rows} == {"zh"}  # 29 × 奥特曼 + full names


def test_csv(capsys) -> None:
    code, out, _ = run(capsys, "search", "Nadella", "--format", "csv", "--limit", "3")
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and tuple(table[0]) == RESULT_COLUMNS and len(table) == 4


def test_table_shows_total(capsys) -> None:
    code, out, _ = run(capsys, "search", "Altman", "--limit", "3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(tuple("0123456789")) and "hits for Altman, showing the best 3" in lines[0]
    assert len(lines) == 4 and "Altman" in lines[1]


def test_table_left_context_ends_at_the_hit(capsys) -> None:
    """The left context is right-aligned and cut at its far end: the words just before the hit are shown."""
    hit = json.loads(run(capsys, "search", "Jobs", "--json", "--lang", "id", "--limit", "1")[1])
    code, out, _ = run(capsys, "search", "Jobs", "--lang", "id", "--limit", "1")
    line = out.splitlines()[1]
    before = hit["left"].split()[-1]  # the word right before the hit ("mantan"), whatever the terminal's width
    assert code == 0
    assert f"{before} Jobs" in " ".join(line.split()), (before, line)


def test_no_match_is_success(capsys) -> None:
    code, out, _ = run(capsys, "search", "=Zzyzx", "--json")
    assert code == 0 and out == ""


@pytest.mark.parametrize("argv", [["search", "re:("], ["search"], ["search", "x", "--limit", "-1"], ["search", "lang:"]])
def test_usage_errors_exit_2(capsys, argv: list[str]) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and "error" in err


def test_batch_queries(capsys, tmp_path) -> None:
    queries = tmp_path / "q.txt"
    queries.write_text("Altman\n\n奥特曼\nre:(\n", encoding="utf-8")
    code, out, _ = run(capsys, "search", "--queries", str(queries), "--limit", "2")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["Altman", "奥特曼", "re:("]
    assert len(lines[0]["hits"]) == 2 and lines[0]["elapsed_ms"] > 0 and "error" in lines[2]
    assert code == 2


def test_aliases_commands(capsys) -> None:
    assert run(capsys, "aliases", "add", "Microsoft", "微软")[1].strip() == "added"
    assert run(capsys, "aliases", "add", "微软", "Microsoft")[1].strip() == "already there"
    code, out, _ = run(capsys, "aliases", "list", "--json")
    assert code == 0 and json.loads(out.splitlines()[0]) == {"name": "Microsoft", "alias": "微软", "origin": "user"}
    code, out, _ = run(capsys, "search", "Microsoft", "--json", "--all", "--lang", "zh")
    assert any(json.loads(line)["alias_origin"] == "user" for line in out.splitlines())
    assert run(capsys, "aliases", "remove", "Microsoft", "微软")[1].strip() == "removed 1"
    assert run(capsys, "aliases", "add", "x", "x")[0] == 2
