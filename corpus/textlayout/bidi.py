"""Display-time bidi (UAX #9) for one wrapped line, keeping a map from every display character to its offset.

Neither Textual nor Rich reorders right-to-left text; they print characters in logical order and leave the rest
to the terminal. Some terminals (VTE, Konsole, mlterm, recent iTerm2) then apply bidi themselves, most others
show Arabic reversed. Reordering in the app and again in the terminal scrambles the text, so the reader offers
three modes (:data:`BIDI_MODES`):

``app``
    We reorder each display line with ICU's ``ubidi`` at the paragraph's base level: rule L2 applied per display
    line *after* wrapping (reordering a whole paragraph and then wrapping it puts its first words on the last
    line), brackets mirrored (L4), and Latin words and numbers inside an RTL line kept left-to-right. Combining
    marks stay after their base character so the terminal draws them on the right letter. Optionally (``shape``)
    Arabic letters are replaced by their presentation forms (ICU ``u_shapeArabic``) for terminals that print
    isolated letters; ICU's lam-alef ligatures are split back into a lam and an alef presentation form, so each
    logical character keeps one display character and no gap opens inside the word.
``terminal``
    Logical order, unchanged: for terminals that do bidi themselves.
``off``
    Logical order as well: the same output as ``terminal``, for users who want to see the stored order on
    a terminal that does no bidi (diagnostics, checking what ``y`` will copy). We deliberately emit no
    direction marks in ``terminal`` mode: LRM/RLM are zero-width in Rich's cell model but some terminals draw
    them as a cell or drop them, which would shift every column after them and break cropping and highlights.

The paragraph base direction comes from its first strong character (:func:`first_strong_is_rtl`) or an explicit
flag; RTL paragraphs are right-aligned by the widget in every mode. Whatever the mode, :class:`VisualLine` maps
each display character back to its logical offset, so highlights (search hits, entities, annotations, the
selection) land on the right characters after reordering, and copying always uses the logical text.

Levels are resolved per display line (with the paragraph's base level), not across the whole paragraph: this
keeps a 50 MB paragraph cheap, and differs from full-paragraph resolution only for neutrals at a line edge and
for embeddings spanning lines, which cannot occur because :mod:`inert` neutralises the embedding controls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import icu

from corpus.textlayout.cells import char_width
from corpus.textlayout.inert import inert
from corpus.textlayout.utf16 import code_point_of_each_unit

BidiMode = Literal["app", "terminal", "off"]
BIDI_MODES: tuple[BidiMode, ...] = ("app", "terminal", "off")

_STRONG_SCAN = 4096
_RTL_DIRECTIONS = frozenset({icu.UCharDirection.RIGHT_TO_LEFT, icu.UCharDirection.RIGHT_TO_LEFT_ARABIC})
_SHAPE_OPTIONS = icu.Shape.LETTERS_SHAPE | icu.Shape.LENGTH_FIXED_SPACES_NEAR | icu.Shape.TEXT_DIRECTION_LOGICAL


@dataclass(frozen=True, slots=True)
class VisualLine:
    """One display line in screen order (left to right).

    ``chars[i]`` is drawn at screen position ``i`` (in characters, not cells) and shows the article character at
    offset ``logical[i]``. Every offset of the line's span occurs exactly once in ``logical``. ``rtl`` is the
    paragraph direction: the widget right-aligns RTL lines.
    """

    chars: str
    logical: tuple[int, ...]
    rtl: bool


def first_strong_is_rtl(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the first strong character of ``text[start:end]`` (UAX #9 P2, first 4096 chars) is R or AL."""
    stop = len(text) if end is None else end
    for ch in text[start : min(stop, start + _STRONG_SCAN)]:
        direction = icu.Char.charDirection(ch)
        if direction == icu.UCharDirection.LEFT_TO_RIGHT:
            return False
        if direction in _RTL_DIRECTIONS:
            return True
    return False


def visual_line(
    text: str, start: int, end: int, *, rtl: bool, mode: BidiMode = "app", shape: bool = False
) -> VisualLine:
    """The inert display form of ``text[start:end]`` in screen order for ``mode`` (see the module docstring)."""
    if mode not in BIDI_MODES:
        raise ValueError(f"unknown bidi mode {mode!r}; expected one of {BIDI_MODES}")
    display = inert(text[start:end])
    if mode != "app" or not display:
        return VisualLine(display, tuple(range(start, end)), rtl)
    order, levels = _reorder(display, rtl)
    glyphs = _shaped(display) if shape else display
    chars = "".join(_mirrored(glyphs[i]) if levels[i] & 1 else glyphs[i] for i in order)
    return VisualLine(chars, tuple(start + i for i in order), rtl)


def _reorder(display: str, rtl: bool) -> tuple[list[int], list[int]]:
    """Visual order (code-point indices) and embedding level of each code point of ``display``."""
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(display), 1 if rtl else 0)
    unit_levels = bidi.getLevels()
    visual_units = bidi.getVisualMap()
    if len(unit_levels) == len(display):
        levels, visual = list(unit_levels), list(visual_units)
    else:  # astral characters: both UTF-16 halves map to one code point; keep its first appearance
        owner = code_point_of_each_unit(display)
        levels = [0] * len(display)
        for unit, level in enumerate(unit_levels):
            levels[owner[unit]] = level
        seen: set[int] = set()
        visual = []
        for unit in visual_units:
            index = owner[unit]
            if index not in seen:
                seen.add(index)
                visual.append(index)
    return _keep_marks_after_base(display, visual, levels), levels


def _keep_marks_after_base(display: str, visual: list[int], levels: list[int]) -> list[int]:
    """Emit each base character followed by its zero-width marks in logical order, runs still in visual order.

    Reversing an RTL run puts a combining mark (Arabic harakat, ZWJ...) before its base; a terminal attaches a
    zero-width character to the cell on its left, so it would land on the wrong letter (ICU's
    KEEP_BASE_COMBINING option does the same for ``writeReordered`` but not for the visual map).
    """
    owner = list(range(len(display)))
    for index in range(1, len(display)):
        if char_width(display[index]) == 0 and levels[index] == levels[index - 1]:
            owner[index] = owner[index - 1]
    if owner == list(range(len(display))):
        return visual
    order: list[int] = []
    for index in visual:
        if owner[index] != index:
            continue
        order.append(index)
        follower = index + 1
        while follower < len(display) and owner[follower] == index:
            order.append(follower)
            follower += 1
    return order


def _mirrored(ch: str) -> str:
    """The mirror image of a Bidi_Mirrored character (``(`` ↔ ``)``), for characters at an odd level (L4)."""
    return icu.Char.charMirror(ch)


def _shaped(display: str) -> str:
    """Arabic presentation forms for ``display`` (logical order), never changing a character's cell width.

    ICU also turns harakat into spacing presentation forms (one cell each); those positions, and any whose width
    would change, keep the original character so the wrapped line still fits.
    """
    shaped = icu.Shape.shapeArabic(display, _SHAPE_OPTIONS)
    if len(shaped) != len(display):
        return display
    shaped = _split_lam_alef(display, shaped)
    return "".join(
        new if new == old or char_width(new) == char_width(old) != 0 else old
        for old, new in zip(display, shaped, strict=True)
    )


# Lam-alef ligature -> (lam form, alef final form); the isolated ligature follows a non-joining letter, so its lam
# is initial, the final ligature's lam is medial.
_LAM_ALEF = {
    "\ufef5": ("\ufedf", "\ufe82"), "\ufef6": ("\ufee0", "\ufe82"),
    "\ufef7": ("\ufedf", "\ufe84"), "\ufef8": ("\ufee0", "\ufe84"),
    "\ufef9": ("\ufedf", "\ufe88"), "\ufefa": ("\ufee0", "\ufe88"),
    "\ufefb": ("\ufedf", "\ufe8e"), "\ufefc": ("\ufee0", "\ufe8e"),
}
_LAM = "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")


def _split_lam_alef(display: str, shaped: str) -> str:
    """Replace each lam-alef ligature and the space ICU pads it with by a lam and an alef presentation form.

    With fixed length, ICU puts the ligature on one of the two positions and a space on the other, which shows
    as a gap inside the word (``عملاق`` drawn as ``ﻕ ﻼﻤﻋ``).
    """
    if not any(ch in _LAM_ALEF for ch in shaped):
        return shaped
    chars = list(shaped)
    for index, ch in enumerate(shaped):
        forms = _LAM_ALEF.get(ch)
        if forms is None:
            continue
        for lam in (index, index - 1):
            if 0 <= lam < len(display) - 1 and display[lam] == _LAM and display[lam + 1] in _ALEFS:
                chars[lam], chars[lam + 1] = forms
                break
    return "".join(chars)
