"""ICU line wrapping: exact coverage, width limits, kinsoku, astral characters, lazy windows."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from corpus.paths import sample_corpus_dir
from corpus.textlayout.cells import cell_len
from corpus.textlayout.wrap import grapheme_boundaries, wrap_lines


def check_lines(text: str, start: int, end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """The wrap contract: exact ordered coverage; visible width ≤ width unless one cluster is wider."""
    assert lines[0][0] == start and lines[-1][1] == end
    for (_, previous_end), (line_start, _) in itertools.pairwise(lines):
        assert previous_end == line_start
    for line_start, line_end in lines:
        assert line_start < line_end or start == end
        visible = text[line_start:line_end].rstrip(" ")
        if cell_len(visible) > width:
            assert len(grapheme_boundaries(visible)) == 1, (visible, width)


@pytest.mark.parametrize(("name", "lang"), [("000", "ru"), ("001", "ar"), ("002", "zh"), ("003", "ja"), ("004", "id")])
@pytest.mark.parametrize("width", [7, 40, 80])
def test_sample_articles_wrap_within_width(name: str, lang: str, width: int) -> None:
    path = next(sample_corpus_dir().glob(f"{name}_*.txt"))
    text = path.read_text(encoding="utf-8-sig")
    lines = list(wrap_lines(text, 0, len(text), width, lang))
    check_lines(text.replace("\n", " "), 0, len(text), width, lines)


def test_latin_wraps_at_spaces_and_spaces_hang() -> None:
    text = "The quick brown fox jumps"
    lines = [text[a:b] for a, b in wrap_lines(text, 0, len(text), 10)]
    assert lines == ["The quick ", "brown fox ", "jumps"]


def test_span_offsets_refer_to_the_original_text() -> None:
    text = "HEADER\nПривет мир, как дела\nFOOTER"
    start, end = 7, 7 + len("Привет мир, как дела")
    lines = list(wrap_lines(text, start, end, 11, "ru"))
    assert [text[a:b] for a, b in lines] == ["Привет мир, ", "как дела"]


def test_cjk_double_width_never_exceeds_width() -> None:
    text = "稳住OpenAI，微软的麻烦在后边：OpenAI与微软的合作面临的挑战是什么？" * 3
    for width in (1, 2, 3, 9, 20):
        lines = list(wrap_lines(text, 0, len(text), width, "zh"))
        check_lines(text, 0, len(text), width, lines)
        if width >= 2:
            assert all(cell_len(text[a:b]) <= width for a, b in lines)


def test_kinsoku_no_line_starts_with_closing_punctuation() -> None:
    text = "アルトマン氏が解任される前、両者は公の場では愛情を示していた。しかし、関係は緊張していた。" * 4
    for width in range(4, 31):
        for a, b in wrap_lines(text, 0, len(text), width, "ja"):
            assert text[a] not in "。、", (width, text[a:b])


def test_astral_characters_are_whole_and_offsets_are_code_points() -> None:
    text = "𠮷野家𠮷𠮷 and 𝒳𝒴𝒵 words 😀😀"
    lines = list(wrap_lines(text, 0, len(text), 4, "ja"))
    check_lines(text, 0, len(text), 4, lines)
    assert "".join(text[a:b] for a, b in lines) == text
    assert lines[0] == (0, 2)  # 𠮷野 = 4 cells, two code points


def test_long_word_is_split_at_grapheme_clusters() -> None:
    text = "e\u0301" * 30  # 30 clusters of base + combining accent
    lines = list(wrap_lines(text, 0, len(text), 7))
    assert [b - a for a, b in lines] == [14, 14, 14, 14, 4]


def test_wrapping_is_lazy_and_windowed() -> None:
    """The first line of a huge one-line text comes out after one window, and windows join seamlessly."""
    words = "Lorem ipsum dolor sit amet, 中文字符 consectetur адипискинг элит. "
    text = words * 4000
    lazy = wrap_lines(text, 0, len(text), 33, "und", window=1024)
    first = next(lazy)
    assert first[0] == 0 and cell_len(text[first[0]:first[1]].rstrip()) <= 33
    windowed = [first, *lazy]
    assert windowed == list(wrap_lines(text, 0, len(text), 33, "und", window=10**7))


def test_huge_word_without_break_opportunities() -> None:
    text = "x" * 5000
    lines = list(wrap_lines(text, 0, len(text), 80, window=1024))
    assert all(b - a == 80 for a, b in lines[:-1]) and lines[-1][1] == 5000


def test_empty_span_is_one_empty_line() -> None:
    assert list(wrap_lines("abc", 1, 1, 10)) == [(1, 1)]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=300), st.integers(1, 30), st.sampled_from(["und", "ja", "zh", "ar", "ru"]))
def test_fuzz_wrap_covers_span(text: str, width: int, lang: str) -> None:
    from corpus.textlayout.inert import inert

    lines = list(wrap_lines(text, 0, len(text), width, lang, window=64))
    check_lines(inert(text), 0, len(text), width, lines)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200), st.integers(1, 20), st.sampled_from(["und", "ja", "ar"]))
def test_fuzz_windows_join_seamlessly(piece: str, width: int, lang: str) -> None:
    """Wrapping window by window gives the same lines as wrapping the whole span at once.

    (Unless one line is longer than a window: then it is cut at the window's end, see wrap.py.)
    """
    text = piece * (3000 // len(piece) + 1)
    whole = list(wrap_lines(text, 0, len(text), width, lang, window=10**6))
    assume(max(end - start for start, end in whole) < 1024 - 256)
    assert list(wrap_lines(text, 0, len(text), width, lang, window=1024)) == whole


def test_degenerate_line_longer_than_a_window_still_advances() -> None:
    text = "\ufe00" * 5000
    lines = list(wrap_lines(text, 0, len(text), 3, window=1024))
    check_lines(text, 0, len(text), 3, lines)
    assert len(lines) > 1
