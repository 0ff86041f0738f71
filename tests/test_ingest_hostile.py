"""A folder of hostile files loads: each unreadable file gives one warning line naming it, the rest loads, and
article text keeps escape sequences and markup exactly (the reader shows them inert; the engine never edits)."""

from __future__ import annotations

import codecs
import gzip
import os
from pathlib import Path

import polars as pl
import pytest

from corpus.cli.main import main
from corpus.ingest import load_corpus
from corpus.paths import sample_corpus_dir

ESCAPES = "Title with \x1b[31mred\x1b[0m and \x1b]52;c;ZXZpbA==\x07 and a bell\x07 and \x9b2J\n"
MARKUP = "[bold]Not bold[/bold] [link=file:///etc/passwd]click[/link] [red]x\n"
BAD_FILES = {
    "binary.txt": "binary file",
    "invalid-utf8.txt": "invalid UTF-8 at byte",
    "broken.txt.gz": "broken gzip",
    "invalid.jsonl": "invalid JSON on line 2",
    "notext.csv": "no 'text' column",
    "empty.txt": "empty file",
    "blank.md": "empty file",
}


def _hostile_folder(folder: Path, big_line_bytes: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64)
    (folder / "invalid-utf8.txt").write_bytes("Привет, мир! ".encode() * 40 + b"\xff\xfe\xfa" + "конец".encode())
    (folder / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + "Altman kembali ke OpenAI sebagai CEO.".encode("utf-16-le"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("\n \n\t\n", encoding="utf-8")
    (folder / "escapes.txt").write_text(ESCAPES, encoding="utf-8")
    (folder / "markup.txt").write_text(MARKUP, encoding="utf-8")
    (folder / "broken.txt.gz").write_bytes(gzip.compress(b"hello")[:12])
    (folder / "invalid.jsonl").write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    (folder / "notext.csv").write_text("title,body\na,b\n", encoding="utf-8")
    (folder / "plain.txt").write_text("Ordinary text in an ordinary file, " * 3, encoding="utf-8")
    if big_line_bytes:
        words = " ".join(sample_corpus_dir().joinpath("004_e6c42df7ed528c8f.txt").read_text("utf-8").split())
        with open(folder / "one-line.txt", "w", encoding="utf-8") as handle:
            written = 0
            while written < big_line_bytes:
                handle.write(words + " ")
                written += len(words) + 1


def test_hostile_files_load_with_one_warning_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _hostile_folder(tmp_path / "hostile")
    code = main(["ingest", "--corpus", str(tmp_path / "hostile")])
    out, err = capsys.readouterr()
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("babelscope: warning: skipped ")]
    assert len(warnings) == len(BAD_FILES) == len(err.splitlines())
    for name, reason in BAD_FILES.items():
        assert sum(name in line and reason in line for line in warnings) == 1, (name, warnings)
    assert "articles   4" in out and f"skipped    {len(BAD_FILES)}" in out

    corpus, _ = load_corpus(tmp_path / "hostile")
    docs = {row["doc_id"]: row for row in corpus.documents.iter_rows(named=True)}
    assert sorted(docs) == ["escapes.txt", "markup.txt", "plain.txt", "utf16.txt"]
    assert docs["escapes.txt"]["text"] == ESCAPES and docs["markup.txt"]["text"] == MARKUP
    assert docs["utf16.txt"]["encoding"] == "utf-16-le" and docs["utf16.txt"]["lang"] == "id"
    for doc_id, start, end, surface in corpus.tokens.select("doc_id", "start", "end", "surface").iter_rows():
        assert docs[doc_id]["text"][start:end] == surface
    assert {s.path for s in corpus.skipped} == set(BAD_FILES)


def test_a_skipped_file_is_warned_about_again_only_when_analysed_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _hostile_folder(tmp_path / "hostile")
    main(["stats", "--corpus", str(tmp_path / "hostile")])
    capsys.readouterr()
    main(["stats", "--corpus", str(tmp_path / "hostile"), "--json"])
    out, err = capsys.readouterr()
    assert err == ""  # unchanged: the cache remembers the skips, the summary still lists them
    assert '"skipped": [{"path": "binary.txt"' in out


def test_an_unreadable_file_is_skipped_by_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their permissions")
    folder = tmp_path / "perm"
    folder.mkdir()
    (folder / "ok.txt").write_text("Altman kembali ke OpenAI sebagai CEO lagi.", encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text("secret", encoding="utf-8")
    locked.chmod(0)
    try:
        assert main(["ingest", "--corpus", str(folder)]) == 0
    finally:
        locked.chmod(0o600)
    err = capsys.readouterr().err
    assert "skipped locked.txt: cannot read" in err


@pytest.mark.slow
def test_a_50_mb_single_line_article_loads(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    _hostile_folder(folder, big_line_bytes=50 * 1024 * 1024)
    corpus, report = load_corpus(folder)
    doc = corpus.document("one-line.txt")
    assert doc["chars"] >= 50 * 1024 * 1024 * 0.95 and doc["n_paragraphs"] == 1
    tokens = corpus.tokens.filter(pl.col("doc_id") == "one-line.txt")
    assert tokens.height == doc["n_tokens"] > 5_000_000
    text = doc["text"]
    for start, end, surface in tokens.gather_every(100_003).select("start", "end", "surface").iter_rows():
        assert text[start:end] == surface
    assert tokens["start"].is_sorted()
    assert corpus.paragraphs_of("one-line.txt")["kind"].to_list() == ["body"]
    assert len(corpus.skipped) == len(BAD_FILES)


def test_words_after_an_escape_sequence_are_tokens_and_searchable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ICU alone glues an escape's parameters to the next word (``31mred``): each sequence is one symbol token."""
    _hostile_folder(tmp_path / "hostile")
    corpus, _ = load_corpus(tmp_path / "hostile")
    tokens = corpus.tokens_of("escapes.txt")
    text = corpus.text("escapes.txt")
    assert all(text[s:e] == surface for s, e, surface in tokens.select("start", "end", "surface").iter_rows())
    words = tokens.filter(pl.col("kind") == "word")["surface"].to_list()
    assert words[:5] == ["Title", "with", "red", "and", "and"] and "31mred" not in words
    escapes = tokens.filter(pl.col("surface").str.starts_with("\x1b"))["surface"].to_list()
    assert escapes[:3] == ["\x1b[31m", "\x1b[0m", "\x1b]52;c;ZXZpbA==\x07"]
    assert tokens.filter(pl.col("surface") == "\x9b2J")["kind"].to_list() == ["symbol"]
    capsys.readouterr()
    assert main(["search", "red", "--corpus", str(tmp_path / "hostile"), "--json"]) == 0
    hits = [line for line in capsys.readouterr().out.splitlines() if '"escapes.txt"' in line]
    assert hits and '"start": 16' in hits[0]


def test_a_lone_surrogate_in_a_json_record_becomes_a_replacement_character(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"text": "Altman \\ud800 alone, \\ud83d\\ude00 paired, Альтман", "title": "t\\udfff"}\n'
        '{"text": "the next record"}\n', encoding="utf-8")
    corpus, _ = load_corpus(tmp_path)
    texts = corpus.documents.sort("doc_id")["text"].to_list()
    assert texts == ["Altman \ufffd alone, 😀 paired, Альтман", "the next record"]
    assert corpus.documents.sort("doc_id")["title"][0] == "t\ufffd"
    tokens = corpus.tokens.filter(pl.col("doc_id") == "a.jsonl#0")
    assert {"Altman", "Альтман", "alone"} <= set(tokens["surface"].to_list())
