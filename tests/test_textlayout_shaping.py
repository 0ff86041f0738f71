"""Arabic shaping in bidi ``app`` mode: lam-alef is drawn as two joined forms, never as a ligature plus a gap."""

from __future__ import annotations

import pytest

from corpus.textlayout.bidi import visual_line


@pytest.mark.parametrize(
    ("word", "shown"),
    [
        ("عملاق", "\ufed5\ufe8e\ufee0\ufee4\ufecb"),  # final lam-alef after a joining letter: medial lam
        ("الأمر", "\ufeae\ufee3\ufe84\ufedf\ufe8d"),  # after a non-joining alef: initial lam, hamza alef
        ("لا", "\ufe8e\ufedf"),  # ICU puts this ligature on the alef's position and the space on the lam's
        ("الآن", "\ufee5\ufe82\ufedf\ufe8d"),
    ],
)
def test_lam_alef_keeps_one_glyph_per_letter_and_no_space(word: str, shown: str) -> None:
    line = visual_line(word, 0, len(word), rtl=True, mode="app", shape=True)
    assert " " not in line.chars
    assert line.chars == shown
    assert sorted(line.logical) == list(range(len(word)))
