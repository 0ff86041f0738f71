"""The fast line split (whole text, no CR) gives exactly the lines of the general one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.paragraphs import Line, split_lines

PIECES = st.sampled_from(["a", "bc", " ", "\t", "\n", "\n\n", "\u3000", "é", "  x ", "\x0b", "\u2028", "\x85", "ب"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_fast_path_equals_the_general_split(text: str) -> None:
    assert split_lines(text) == split_lines(text, 0, len(text))  # an explicit end takes the general path


def test_a_final_line_break_opens_no_blank_line() -> None:
    assert split_lines("a\n") == [Line(0, 1)]
    assert split_lines(" a \n\n b") == [Line(1, 2), None, Line(6, 7)]
    assert split_lines("") == []
