"""``babelscope align`` and ``babelscope pairs``: the JSON contract, the listing, references, exit codes, and the
user's fixes applied by the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.align import fixes
from corpus.align.articles import Article
from corpus.align.service import align_articles
from corpus.cli.main import main
from corpus.paths import sample_corpus_dir
from corpus.session import open_session

from tests.test_align_service import babelscope_home, home  # noqa: F401  (shared fixtures)

RU, AR, JA, ID = "000_a950dea4a643e238.txt", "001_eb0aed705e4d506f.txt", "003_be91988be7a24db6.txt", \
    "004_e6c42df7ed528c8f.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = _run(capsys, "align", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_object_shape(capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, RU, AR)
    assert data["source"]["doc_id"] == RU and data["source"]["path"] == RU and data["source"]["lang"] == "ru"
    assert data["target"]["doc_id"] == AR and data["target"]["lang"] == "ar"
    for side in ("source", "target"):
        paragraphs = data[side]["paragraphs"]
        assert [i for bead in data["beads"] for i in bead[side]] == [p["index"] for p in paragraphs]
        assert all(p["kind"] in ("body", "heading", "boilerplate") and p["start"] < p["end"] for p in paragraphs)
    beads = {(tuple(b["source"]), tuple(b["target"])) for b in data["beads"]}
    assert ((), (0,)) in beads  # the site logo stays unaligned
    assert ((16,), (19, 20)) in beads
    assert all(0 <= b["score"] <= 1 for b in data["beads"])


def test_references_by_prefix_file_name_and_path_agree(capsys: pytest.CaptureFixture[str]) -> None:
    by_id = _json(capsys, RU, AR)
    by_prefix = _json(capsys, "003", "004")
    by_path = _json(capsys, str(sample_corpus_dir() / RU), AR)
    assert by_prefix["source"]["doc_id"] == JA and by_prefix["target"]["doc_id"] == ID
    assert by_path == by_id


def test_a_path_outside_the_corpus_is_a_one_article_corpus(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path, sample_dir: Path) -> None:
    text = (sample_dir / RU).read_text(encoding="utf-8-sig").replace("700 из 770", "743 из 770")
    outside = tmp_path / "repost.txt"
    outside.write_text(text, encoding="utf-8")
    data = _json(capsys, RU, str(outside))
    assert data["target"]["doc_id"] == str(outside.resolve()) == data["target"]["path"]
    figures = [d for bead in data["beads"] for d in bead["differences"] if d["kind"] == "figure"]
    assert [(d["source"]["value"], d["target"]["value"]) for d in figures] == [(700, 743)]
    assert all(len(bead["source"]) == 1 and bead["source"] == bead["target"] for bead in data["beads"])


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, "align", RU, "no-such-article")
    assert (code, out) == (2, "") and "no-such-article" in err
    code, _, err = _run(capsys, "align", RU, AR, "--lines", "-1")
    assert code == 2 and "--lines" in err
    code, _, err = _run(capsys, "align", RU, str(tmp_path))
    assert code == 2 and "folder" in err
    code, _, _ = _run(capsys, "align", RU)
    assert code == 2
    code, _, err = _run(capsys, "pairs", "--limit", "-3")
    assert code == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = _run(capsys, "align", str(empty), AR)  # a runtime problem with the input: exit 1
    assert (code, out) == (1, "") and "empty.txt" in err


def test_listing_is_two_columns_and_inert(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Microsoft \x1b[31mOpenAI\x1b[0m [bold]Altman[/bold] 700\nВторой абзац.\n", encoding="utf-8")
    code, out, err = _run(capsys, "align", str(hostile), AR, "--width", "100", "--lines", "0")
    assert code == 0, err
    assert "\x1b" not in out and "[bold]Altman[/bold]" in out
    lines = out.splitlines()
    assert "hostile.txt (ru)" in lines[0] and "001_eb0aed705e4d506f.txt (ar)" in lines[0]
    assert any(" │ " in line and "[0 B]" in line for line in lines)


def test_cli_applies_and_ignores_saved_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    session = open_session(None)
    try:
        ru, ar = Article.from_corpus(session.corpus, RU), Article.from_corpus(session.corpus, AR)
        alignment = align_articles(ru, ar, session.store).alignment
        store = fixes.FixStore(session.store)
        store.add(ru, ar, "merge", fixes.merge(alignment, fixes.bead_of(alignment, "source", 3)))
        try:
            fixed = _json(capsys, RU, AR)
            assert {"source": [3, 4], "target": [6, 7]}.items() <= next(
                b for b in fixed["beads"] if 3 in b["source"]).items()
            swapped = _json(capsys, AR, RU)
            assert next(b for b in swapped["beads"] if 6 in b["source"])["target"] == [3, 4]
            plain = _json(capsys, RU, AR, "--no-fixes")
            assert next(b for b in plain["beads"] if 3 in b["source"])["target"] == [6]
            code, out, _ = _run(capsys, "align", RU, AR, "--width", "120")
            assert code == 0 and "1 fix(es) applied" in out and "✎" in out
        finally:
            store.clear(ru, ar)
    finally:
        session.close()


def test_pairs_json_lines_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "pairs", "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert {frozenset((r["source"], r["target"])) for r in rows[:2]} == {frozenset((RU, AR)), frozenset((JA, ID))}
    assert rows[0]["translation"] and rows[1]["translation"]
    assert set(rows[0]) == {"source", "target", "score", "overlap", "order", "translation", "shared_anchors"}
    code, out, _ = _run(capsys, "pairs", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 3 and out.count("translation") == 2
