"""Terminal cell widths of characters and strings.

Textual lays out and crops with Rich's cell widths, so our wrapping must agree with Rich character for character:
a line we think fits in 80 cells has to be exactly what Rich thinks fits, or Textual crops it. The rules below
reproduce ``rich.cells.cell_len`` (tests/test_textlayout_cells.py compares them on every character of the sample
articles and on whole Unicode planes) from ICU's character properties, without importing Rich into ``corpus/``:

* C0/C1 controls, non-spacing, enclosing and spacing combining marks, format characters (ZWJ, ZWNJ, LRM, RLM,
  ALM, BOM...), emoji skin-tone modifiers, line/paragraph separators and other default-ignorable code points
  (Hangul medial/final jamo, fillers) take 0 cells;
* East Asian Wide and Fullwidth characters take 2 cells;
* everything else takes 1 cell, including the soft hyphen and the Arabic "prepended concatenation marks"
  (U+0600..U+0605...) which terminals draw as visible glyphs;
* VARIATION SELECTOR-16 after a narrow emoji widens it to 2 cells, and the character after a ZWJ joins the
  previous glyph (Rich's emoji-sequence rules).

ICU 77 knows Unicode 16; Rich 14 ships Unicode 17 tables, so characters first assigned in Unicode 17 (a few
combining marks, ideographs and emoji) may differ by one cell until ICU catches up.
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

_EAW_FULLWIDTH = 3
_EAW_WIDE = 5
_VS16 = "\ufe0f"
_ZWJ = "\u200d"

_ZERO_WIDTH_CATEGORIES = frozenset(
    {
        icu.UCharCategory.CONTROL_CHAR,
        icu.UCharCategory.NON_SPACING_MARK,
        icu.UCharCategory.ENCLOSING_MARK,
        icu.UCharCategory.COMBINING_SPACING_MARK,
        icu.UCharCategory.FORMAT_CHAR,
        icu.UCharCategory.LINE_SEPARATOR,
        icu.UCharCategory.PARAGRAPH_SEPARATOR,
    }
)
# Format characters that terminals (and Rich) draw as one visible cell.
_VISIBLE_FORMAT = frozenset(
    "\u00ad\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
# Printable ASCII: the overwhelmingly common case, measured by len() without a per-character loop.
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")


@lru_cache(maxsize=65536)
def char_width(ch: str) -> int:
    """Cells one code point occupies in a terminal: 0, 1 or 2."""
    cp = ord(ch)
    if 0x20 <= cp < 0x7F or ch in _VISIBLE_FORMAT:
        return 1
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF or cp == 0x3164:  # Hangul medial/final jamo, filler
        return 0
    if icu.Char.charType(cp) in _ZERO_WIDTH_CATEGORIES or icu.Char.hasBinaryProperty(
        cp, icu.UProperty.EMOJI_MODIFIER
    ):
        return 0
    if icu.Char.getIntPropertyValue(cp, icu.UProperty.EAST_ASIAN_WIDTH) in (_EAW_WIDE, _EAW_FULLWIDTH):
        return 2
    if icu.Char.hasBinaryProperty(cp, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT):
        return 0
    return 1


@lru_cache(maxsize=4096)
def _widened_by_vs16(ch: str) -> bool:
    """A text-presentation emoji (☺, ❤, keycap digits...) that VS-16 turns into a 2-cell emoji."""
    return char_width(ch) == 1 and icu.Char.hasBinaryProperty(ch, icu.UProperty.EMOJI)


def cell_len(text: str) -> int:
    """Cells a string occupies, as Rich measures it (so Textual crops exactly where we wrapped)."""
    if _PRINTABLE_ASCII.fullmatch(text):
        return len(text)
    if _ZWJ not in text and _VS16 not in text:
        return sum(map(char_width, text))
    total = 0
    last = ""
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == _ZWJ:
            index += 1  # the joined character is drawn inside the previous glyph
        elif ch == _VS16:
            if last and _widened_by_vs16(last):
                total += 1
            last = ""
        elif width := char_width(ch):
            last = ch
            total += width
        index += 1
    return total
