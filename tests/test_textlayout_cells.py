"""corpus.textlayout.cells must measure exactly what Rich measures (Textual crops with Rich's widths)."""

from __future__ import annotations

import icu
import pytest
from rich.cells import cell_len as rich_cell_len

from corpus.paths import sample_corpus_dir
from corpus.textlayout.cells import cell_len, char_width

SAMPLES = sorted(sample_corpus_dir().glob("*.txt"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_every_sample_character_matches_rich(path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    mismatches = {ch: (char_width(ch), rich_cell_len(ch)) for ch in set(text) if char_width(ch) != rich_cell_len(ch)}
    assert mismatches == {}
    for line in text.splitlines():
        assert cell_len(line) == rich_cell_len(line)


@pytest.mark.parametrize(
    ("first", "last"),
    [(0x0000, 0x07FF), (0x0800, 0x2FFF), (0x3000, 0x9FFF), (0xAC00, 0xD7FF), (0xF900, 0xFFFF), (0x1F000, 0x1FAFF),
     (0x20000, 0x2A6DF)],
    ids=lambda v: hex(v),
)
def test_unicode_blocks_match_rich(first: int, last: int) -> None:
    """Every assigned code point in a block (Unicode 17 additions unknown to ICU 77 are skipped)."""
    mismatches = [
        hex(cp)
        for cp in range(first, last + 1)
        if not 0xD800 <= cp <= 0xDFFF
        and icu.Char.charType(cp) != icu.UCharCategory.UNASSIGNED
        and char_width(chr(cp)) != rich_cell_len(chr(cp))
    ]
    assert mismatches == []


@pytest.mark.parametrize(
    ("text", "cells"),
    [("Привет", 6), ("مرحبا", 5), ("بِسْمِ", 3), ("中文。", 6), ("カナ、かな", 10), ("𠮷野家", 6), ("e\u0301", 1),
     ("👨\u200d👩\u200d👧", 2), ("☺\ufe0f", 2), ("\u200e\u200f", 0), ("ｆｕｌｌ", 8)],
)
def test_strings(text: str, cells: int) -> None:
    assert cell_len(text) == cells == rich_cell_len(text)
