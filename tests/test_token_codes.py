"""The cache's coded tokens (corpus/token_codes.py): codes + forms written by a worker or re-encoded from a
frame read back as the very ``TOKENS`` frame they came from."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from corpus.analyse import Analyser
from corpus.readers import RawArticle
from corpus.schema import TOKENS
from corpus.token_codes import CodedTokens, decode_files, encode
from corpus.token_table import TokenBuffer

ARTICLES = {
    "ru.txt": "Сэм Альтман вернулся в OpenAI.\n\nАльтмана уволили, Альтманом восхищались.",
    "zh.txt": "山姆·奥特曼(Sam Altman)回到 OpenAI。\n\n微軟和微软。",
    "ar.txt": "عاد سام ألتمان إلى OpenAI وألتمان.",
    "empty.txt": "   \n\n  ",
}


def _buffer() -> TokenBuffer:
    analyser = Analyser()
    for name, text in ARTICLES.items():
        analyser.add(RawArticle(name, name, None, text, "utf-8", {}))
    return analyser.tokens


def _round_trip(coded: CodedTokens, folder: Path) -> pl.DataFrame:
    coded.rows.write_parquet(folder / "tokens.parquet")
    coded.forms.write_parquet(folder / "forms.parquet")
    return decode_files([(folder / "tokens.parquet", folder / "forms.parquet")])


def test_a_buffers_codes_read_back_as_its_frame(tmp_path: Path) -> None:
    buffer = _buffer()
    frame = buffer.frame()
    coded = buffer.coded()
    assert coded.rows["form"].dtype == pl.UInt32
    # the chunk's table holds only forms its tokens use, far fewer than tokens (a form may appear once per
    # norm language: "OpenAI" in Chinese text is another row of the worker's table than in Russian text)
    assert coded.rows["form"].n_unique() == coded.forms.height < frame.height
    assert coded.forms.height >= frame.select("surface", "norm", "kind", "script").unique().height
    decoded = _round_trip(coded, tmp_path)
    assert decoded.schema == pl.Schema(TOKENS)
    assert decoded.equals(frame)


def test_a_frame_re_encoded_reads_back_unchanged(tmp_path: Path) -> None:
    frame = _buffer().frame()
    kept = frame.filter(pl.col("doc_id") != "ru.txt")  # a chunk rewritten without one file
    assert _round_trip(encode(kept), tmp_path).equals(kept)


def test_an_empty_buffer_codes_to_empty_files(tmp_path: Path) -> None:
    buffer = TokenBuffer()
    decoded = _round_trip(buffer.coded(), tmp_path)
    assert decoded.height == 0 and decoded.schema == pl.Schema(TOKENS)
