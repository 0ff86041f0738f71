"""Per-line bidi: visual order, mirroring, numbers and Latin in RTL, marks, and the logical map."""

from __future__ import annotations

import icu
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.textlayout.bidi import BIDI_MODES, first_strong_is_rtl, visual_line
from corpus.textlayout.cells import cell_len, char_width
from corpus.textlayout.inert import inert
from corpus.textlayout.wrap import wrap_lines


def show(text: str, **kwargs) -> str:
    rtl = kwargs.pop("rtl", first_strong_is_rtl(text))
    return visual_line(text, 0, len(text), rtl=rtl, **kwargs).chars


def test_latin_and_numbers_stay_left_to_right_in_rtl_line() -> None:
    # Screen order of "OpenAI تبلغ 80 مليار" in an RTL paragraph: the Arabic words swap, "OpenAI" and "80" read LTR.
    assert show("OpenAI تبلغ 80 مليار", rtl=True) == "رايلم 80 غلبت OpenAI"


def test_first_strong_character_decides_direction() -> None:
    assert first_strong_is_rtl("123 «مرحبا» Microsoft")
    assert not first_strong_is_rtl("Microsoft مرحبا")
    assert not first_strong_is_rtl("123 ...")
    assert first_strong_is_rtl("xx שלום", 3)


@pytest.mark.parametrize(("logical", "visual"), [("(عالم)", "(ملاع)"), ("[عالم]", "[ملاع]"), ("{عالم}", "{ملاع}")])
def test_brackets_are_mirrored(logical: str, visual: str) -> None:
    assert show(logical, rtl=True) == visual


def test_digits_inside_arabic() -> None:
    assert show("في عام 2023 قال", rtl=True) == "لاق 2023 ماع يف"
    assert show("سعر 1,250.5 دولار", rtl=True) == "رالود 1,250.5 رعس"


def test_mixed_direction_in_ltr_line() -> None:
    line = visual_line("hello (عالم) world", 0, 18, rtl=False)
    assert line.chars == "hello (ملاع) world"
    assert line.logical[6:12] == (6, 10, 9, 8, 7, 11)


def test_combining_marks_stay_after_their_base() -> None:
    line = visual_line("بِسْمِ", 0, 6, rtl=True)
    assert line.chars == "مِسْبِ"
    assert line.logical == (4, 5, 2, 3, 0, 1)


def test_astral_characters_in_rtl_line() -> None:
    text = "مرحبا 𠮷𝒳 عالم"
    line = visual_line(text, 0, len(text), rtl=True)
    assert sorted(line.logical) == list(range(len(text)))
    assert "𠮷𝒳" in line.chars


def test_terminal_and_off_modes_keep_logical_order() -> None:
    text = "OpenAI تبلغ 80 مليار"
    for mode in ("terminal", "off"):
        line = visual_line(text, 0, len(text), rtl=True, mode=mode)
        assert line.chars == text and line.logical == tuple(range(len(text)))


def test_shaping_uses_presentation_forms_without_changing_widths() -> None:
    text = "بِسْمِ الله لا"
    shaped = visual_line(text, 0, len(text), rtl=True, shape=True)
    plain = visual_line(text, 0, len(text), rtl=True)
    assert shaped.logical == plain.logical
    assert cell_len(shaped.chars) == cell_len(plain.chars)
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in shaped.chars)


def test_offsets_are_relative_to_the_article() -> None:
    text = "Title\nمرحبا بكم"
    line = visual_line(text, 6, len(text), rtl=True)
    assert sorted(line.logical) == list(range(6, len(text)))
    assert line.chars == "مكب ابحرم"


def test_display_is_inert() -> None:
    line = visual_line("a\x1b[31m\u202eb", 0, 8, rtl=False)
    assert "\x1b" not in line.chars and "\u202e" not in line.chars
    assert line.chars == "a␛[31m⇄b"


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError):
        visual_line("abc", 0, 3, rtl=False, mode="auto")  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.text(min_size=1, max_size=200),
    st.integers(1, 25),
    st.sampled_from(BIDI_MODES),
    st.booleans(),
    st.sampled_from(["und", "ar", "ja"]),
)
def test_fuzz_wrap_then_bidi_round_trips(text: str, width: int, mode: str, shape: bool, lang: str) -> None:
    """Every logical index appears exactly once per line, characters match the inert text, widths are kept."""
    rtl = first_strong_is_rtl(text)
    display = inert(text)
    covered: list[int] = []
    for start, end in wrap_lines(text, 0, len(text), width, lang):
        line = visual_line(text, start, end, rtl=rtl, mode=mode, shape=shape)  # type: ignore[arg-type]
        assert sorted(line.logical) == list(range(start, end))
        assert len(line.chars) == len(line.logical)
        assert [char_width(ch) for ch in line.chars] == [char_width(display[i]) for i in line.logical]
        if not shape:
            assert all(
                ch in (display[i], icu.Char.charMirror(display[i]))
                for ch, i in zip(line.chars, line.logical, strict=True)
            )
        covered.extend(range(start, end))
    assert covered == list(range(len(text)))
