"""Reading what users have: encodings (BOM, UTF-8, a detected legacy encoding) and every supported format."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import polars as pl
import pytest

from corpus.decode import DecodeError, decode_bytes
from corpus.ingest import load_corpus

RUSSIAN = "Альтман вернулся в OpenAI. Совет директоров согласился с его возвращением после переговоров."


@pytest.mark.parametrize(
    ("bom", "codec", "reported"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_first_and_is_removed(bom: bytes, codec: str, reported: str) -> None:
    decoded = decode_bytes(bom + RUSSIAN.encode(codec))
    assert decoded.text == RUSSIAN and decoded.encoding == reported


def test_valid_utf8_is_utf8_then_a_legacy_encoding_is_detected() -> None:
    assert decode_bytes(RUSSIAN.encode("utf-8")).encoding == "utf-8"
    legacy = (RUSSIAN + " ") * 20
    decoded = decode_bytes(legacy.encode("windows-1251"))
    assert decoded.text == legacy and decoded.encoding == "cp1251"


def test_newlines_are_kept_exactly() -> None:
    assert decode_bytes(b"a\r\nb\rc\n").text == "a\r\nb\rc\n"


def test_binary_and_undecodable_bytes_are_refused_with_a_reason() -> None:
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(DecodeError, match="overridden encoding 'ascii'"):
        decode_bytes("é".encode(), forced_encoding="ascii")


def test_forced_encoding_wins_over_detection() -> None:
    data = RUSSIAN.encode("koi8-r")
    assert decode_bytes(data, forced_encoding="koi8-r").text == RUSSIAN


def _write_formats(folder: Path) -> None:
    (folder / "plain.txt").write_text("Заголовок статьи\n" + RUSSIAN + "\n", encoding="utf-8")
    (folder / "notes.md").write_text(
        "---\ntitle: Front matter title\ndate: 2023-11-20\n---\n# Heading\n\nSome **bold** [link](http://x) text "
        "about Sam Altman and the board of OpenAI.\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html lang='id'><head><title>Judul</title><meta property='og:url' content='https://e.x/a'>"
        "<script>var x = 1;</script></head><body><nav>Beranda</nav><h1>Altman kembali ke OpenAI</h1>"
        "<p>Dewan direksi OpenAI setuju Altman kembali sebagai CEO setelah negosiasi panjang.</p></body></html>",
        encoding="utf-8")
    rows = [
        {"text": "微软宣布奥特曼将加入微软，领导新的人工智能研究团队。", "title": "微软", "lang": "zh", "url": "u1"},
        {"text": "アルトマン氏はOpenAIに戻ることになった。", "date": "2023-11-22", "source": "nikkei"},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n",
                                       encoding="utf-8")
    with gzip.open(folder / "feed2.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(rows[0], ensure_ascii=False) + "\n")
    pl.DataFrame(rows).write_csv(folder / "table.csv")
    pl.DataFrame(rows).write_parquet(folder / "table.parquet")
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.txt.gz").write_bytes(gzip.compress(RUSSIAN.encode("utf-8")))
    (folder / "image.png").write_bytes(b"\x89PNG")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "secret.txt").write_text("not part of the corpus", encoding="utf-8")


def test_every_format_loads_with_doc_ids_paths_and_metadata(tmp_path: Path) -> None:
    _write_formats(tmp_path)
    corpus, report = load_corpus(tmp_path)
    docs = {row["doc_id"]: row for row in corpus.documents.iter_rows(named=True)}
    assert sorted(docs) == [
        "feed.jsonl#0", "feed.jsonl#1", "feed2.jsonl.gz#0", "notes.md", "page.html", "plain.txt",
        "sub/nested.txt.gz", "table.csv#0", "table.csv#1", "table.parquet#0", "table.parquet#1",
    ]
    assert corpus.skipped == [] and corpus.ignored == ["image.png"]
    assert docs["plain.txt"]["title"] == "Заголовок статьи" and docs["plain.txt"]["lang"] == "ru"
    assert docs["notes.md"]["title"] == "Front matter title" and docs["notes.md"]["date"] == "2023-11-20"
    assert "**" not in docs["notes.md"]["text"] and "link" in docs["notes.md"]["text"]
    page = docs["page.html"]
    assert page["title"] == "Altman kembali ke OpenAI" and page["lang"] == "id" and page["url"] == "https://e.x/a"
    assert "var x" not in page["text"] and "Dewan direksi" in page["text"]
    for ref in ("feed.jsonl#0", "table.csv#0", "table.parquet#0", "feed2.jsonl.gz#0"):
        row = docs[ref]
        assert (row["title"], row["lang"], row["url"], row["record"]) == ("微软", "zh", "u1", 0), ref
        assert row["path"] == ref.split("#")[0]
    assert docs["feed.jsonl#1"]["source"] == "nikkei" and docs["feed.jsonl#1"]["lang"] == "ja"
    assert docs["sub/nested.txt.gz"]["text"] == RUSSIAN
    assert report.analysed_files == 8


def test_a_single_file_is_a_corpus_rooted_at_its_folder(tmp_path: Path) -> None:
    _write_formats(tmp_path)
    corpus, _ = load_corpus(tmp_path / "feed.jsonl")
    assert corpus.doc_ids == ["feed.jsonl#0", "feed.jsonl#1"] and corpus.root == tmp_path.resolve()


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        load_corpus(tmp_path / "nope")
