"""Untrusted text becomes harmless display text, one character for one character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.textlayout.inert import inert


def test_escape_sequences_become_visible_symbols() -> None:
    text = "a\x1b[31mred\x1b]52;c;SGVsbG8=\x07b"
    assert inert(text) == "a␛[31mred␛]52;c;SGVsbG8=␇b"


def test_c0_c1_del_and_bidi_controls() -> None:
    assert inert("\x00\x01\x7f") == "␀␁␡"
    assert inert("\x9b1m\x85") == "⍰1m "
    assert inert("\u202eabc\u202c\u2066x\u2069") == "⇄abc⇄⇄x⇄"


def test_line_breaks_and_tabs_become_spaces() -> None:
    assert inert("a\tb\nc\r\nd\u2028e") == "a b c  d e"


def test_lone_surrogates_are_replaced() -> None:
    assert inert("ab\udc80") == "ab\ufffd"


def test_clean_text_is_returned_unchanged() -> None:
    text = "Привет, мир! مرحبا 中文 [bold]x[/bold] \u200d\u200e"
    assert inert(text) is text


@given(st.text())
def test_one_char_in_one_safe_char_out(text: str) -> None:
    shown = inert(text)
    assert len(shown) == len(text)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in shown)
    assert not any(ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029" for ch in shown)
    assert all(a == b for a, b in zip(text, shown, strict=True) if a.isprintable() and a != "\ufffd")
