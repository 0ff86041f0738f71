"""``babelscope annotations``: list/add/remove/export/import, exit codes, and re-anchoring when a corpus is opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.cli.main import main

RU = "Глава компании Иван Петров сообщил, что выручка выросла на 37 процентов. Аналитики удивлены.\n"
AR = "قال المتحدث وألتمان إن الإيرادات ارتفعت بنسبة ٣٧٪.\n"
QUOTE = "выручка выросла на 37 процентов"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "feeds").mkdir(parents=True)
    (root / "ru.txt").write_text(RU, encoding="utf-8")
    (root / "feeds" / "ar.txt").write_text(AR, encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], corpus: Path | None, *argv: str) -> tuple[int, str, str]:
    extra = ["--corpus", str(corpus)] if corpus is not None else []
    code = main(["annotations", argv[0], *extra, *argv[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> list[dict]:
    code, out, err = run(capsys, corpus, "list", "--json", *argv)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def add(capsys: pytest.CaptureFixture[str], corpus: Path, doc: str, start: int, end: int, label: str,
        *extra: str) -> str:
    code, out, err = run(capsys, corpus, "add", "--doc", doc, "--start", str(start), "--end", str(end),
                         "--label", label, *extra)
    assert code == 0, err
    return out.strip()


def test_add_prints_the_id_and_list_shows_every_field(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    start = RU.index(QUOTE)
    new_id = add(capsys, corpus_dir, "ru.txt", start, start + len(QUOTE), "claim", "--note", "проверить")
    ar_start = AR.index("وألتمان")
    add(capsys, corpus_dir, "ar", ar_start, ar_start + 7, "quote")  # a unique prefix of the doc_id
    rows = listed(capsys, corpus_dir)
    assert [r["doc_id"] for r in rows] == ["feeds/ar.txt", "ru.txt"]
    ru = rows[1]
    assert list(ru) == ["id", "doc_id", "path", "start", "end", "quote", "label", "note", "created", "modified",
                        "orphan"]
    assert (ru["id"], ru["path"], ru["start"], ru["end"], ru["quote"], ru["label"], ru["note"], ru["orphan"]) == (
        new_id, "ru.txt", start, start + len(QUOTE), QUOTE, "claim", "проверить", False)
    assert rows[0]["quote"] == "وألتمان" and rows[0]["path"] == "feeds/ar.txt"
    assert listed(capsys, corpus_dir, "--label", "quote")[0]["doc_id"] == "feeds/ar.txt"
    assert [r["id"] for r in listed(capsys, corpus_dir, "--text", "ПРОВЕРИТЬ")] == [new_id]
    code, out, _ = run(capsys, corpus_dir, "list")
    assert code == 0 and "claim" in out and "2 annotation(s)" in out


def test_json_is_unescaped_utf8(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    add(capsys, corpus_dir, "ru.txt", 0, 5, "claim")
    _, out, _ = run(capsys, corpus_dir, "list", "--json")
    assert "Глава" in out and "\\u" not in out


def test_unknown_label_is_a_usage_error_listing_the_labels(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, out, err = run(capsys, corpus_dir, "add", "--doc", "ru.txt", "--start", "0", "--end", "5", "--label", "x")
    assert code == 2 and out == ""
    assert "unknown label 'x'" in err
    assert all(name in err for name in ("claim", "quote", "figure", "disputed", "follow-up"))
    assert listed(capsys, corpus_dir) == []


@pytest.mark.parametrize(("start", "end"), [(5, 5), (7, 3), (-1, 4), (0, len(RU) + 1)])
def test_bad_offsets_are_a_usage_error(capsys: pytest.CaptureFixture[str], corpus_dir: Path, start: int, end: int) -> None:
    code, _, err = run(capsys, corpus_dir, "add", "--doc", "ru.txt", "--start", str(start), "--end", str(end),
                       "--label", "claim")
    assert code == 2 and f"<= {len(RU)}" in err
    assert listed(capsys, corpus_dir) == []


def test_unknown_article_is_a_usage_error(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    code, _, err = run(capsys, corpus_dir, "add", "--doc", "nope.txt", "--start", "0", "--end", "1", "--label", "claim")
    assert code == 2 and "nope.txt" in err


def test_remove_by_id_or_prefix(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    first = add(capsys, corpus_dir, "ru.txt", 0, 5, "claim")
    second = add(capsys, corpus_dir, "ru.txt", 6, 14, "figure")
    code, out, _ = run(capsys, corpus_dir, "remove", first)
    assert code == 0 and first in out
    code, _, _ = run(capsys, corpus_dir, "remove", second[:8])
    assert code == 0 and listed(capsys, corpus_dir) == []
    code, _, err = run(capsys, corpus_dir, "remove", first)
    assert code == 2 and "no annotation" in err


@pytest.mark.parametrize("fmt", ["w3c", "jsonl", "csv", "parquet"])
def test_export_then_import_elsewhere_is_lossless_and_idempotent(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    start = RU.index(QUOTE)
    add(capsys, corpus_dir, "ru.txt", start, start + len(QUOTE), "claim", "--note", "многострочная\nзаметка, «с» \"кавычками\"")
    add(capsys, corpus_dir, "feeds/ar.txt", 0, 3, "disputed")
    before = listed(capsys, corpus_dir)
    target = tmp_path / f"out.{fmt}"
    code, out, err = run(capsys, corpus_dir, "export", "--format", fmt, "--output", str(target))
    assert code == 0 and out == "" and "wrote 2" in err

    monkeypatch.setenv("BABELSCOPE_HOME", str(tmp_path / "other-machine"))  # an empty store
    code, out, _ = run(capsys, corpus_dir, "import", str(target))
    assert code == 0 and "2 added" in out
    assert listed(capsys, corpus_dir) == before
    code, out, _ = run(capsys, corpus_dir, "import", str(target), "--json")
    assert json.loads(out) | {"file": ""} == {"file": "", "read": 2, "added": 0, "updated": 0, "unchanged": 2,
                                              "orphans": 0}
    assert listed(capsys, corpus_dir) == before


def test_export_to_stdout_and_parquet_needs_a_file(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    add(capsys, corpus_dir, "ru.txt", 0, 5, "claim")
    code, out, _ = run(capsys, corpus_dir, "export")
    record = json.loads(out)
    assert code == 0 and record["type"] == "Annotation" and record["target"]["source"] == "ru.txt"
    code, out, _ = run(capsys, corpus_dir, "export", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,doc_id,start,end,exact")
    code, out, err = run(capsys, corpus_dir, "export", "--format", "parquet")
    assert code == 2 and out == "" and "--output" in err


def test_import_of_a_bad_file_names_the_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    add(capsys, corpus_dir, "ru.txt", 0, 5, "claim")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    code, _, err = run(capsys, corpus_dir, "import", str(bad))
    assert code == 1 and "bad.jsonl, line 1" in err
    code, _, err = run(capsys, corpus_dir, "import", str(tmp_path / "missing.jsonl"))
    assert code == 1 and "missing.jsonl" in err
    assert len(listed(capsys, corpus_dir)) == 1


def test_opening_an_edited_corpus_reanchors_and_keeps_orphans(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    start = RU.index(QUOTE)
    moved_id = add(capsys, corpus_dir, "ru.txt", start, start + len(QUOTE), "claim")
    lost_start = RU.index("Аналитики удивлены")
    lost_id = add(capsys, corpus_dir, "ru.txt", lost_start, lost_start + len("Аналитики удивлены"), "follow-up")

    edited = "Срочно! " + RU.replace("Аналитики удивлены.", "Рынок спокоен.")
    (corpus_dir / "ru.txt").write_text(edited, encoding="utf-8")
    code, out, err = run(capsys, corpus_dir, "list", "--json")
    assert code == 0 and "1 annotation(s) no longer match" in err
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert rows[moved_id]["start"] == edited.index(QUOTE) and not rows[moved_id]["orphan"]
    assert rows[lost_id]["orphan"] and rows[lost_id]["quote"] == "Аналитики удивлены"
    assert [r["id"] for r in listed(capsys, corpus_dir, "--orphans")] == [lost_id]
    code, out, _ = run(capsys, corpus_dir, "list")
    assert "1 orphan(s)" in out

    (corpus_dir / "ru.txt").write_text(RU, encoding="utf-8")  # the edit is reverted: the orphan is found again
    assert not any(r["orphan"] for r in listed(capsys, corpus_dir))


def test_article_text_is_inert_in_the_human_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = tmp_path / "evil"
    root.mkdir()
    (root / "e.txt").write_text("Hello \x1b[31mred\x1b[0m [bold]world[/bold]\n", encoding="utf-8")
    add(capsys, root, "e.txt", 0, 30, "claim", "--note", "\x1b]52;c;aGk=\x07")
    code, out, _ = run(capsys, root, "list")
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "[bold]" in out


def test_subcommands_have_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    for action in ("list", "add", "remove", "export", "import"):
        assert main(["annotations", action, "--help"]) == 0
        assert main(["annotations", action, "--version"]) == 0
    out, _ = capsys.readouterr()
    assert "--corpus" in out and "babelscope" in out
