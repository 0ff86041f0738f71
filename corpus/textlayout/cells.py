"""Terminal cell widths of characters and strings.

Textual lays out and crops with Rich's cell widths, so our wrapping must agree with Rich character for character:
a line we think fits in 80 cells has to be exactly what Rich thinks fits, or Textual crops it. The rules below
reproduce ``rich.cells.cell_len`` (tests/test_textlayout_cells.py compares them on every character of the sample
articles and on whole Unicode blocks) from ICU's character properties, without importing Rich into ``corpus/``:

* C0/C1 controls, non-spacing, enclosing and spacing combining marks, format characters (ZWJ, ZWNJ, LRM, RLM,
  ALM, BOM...), line/paragraph separators and Hangul medial/final jamo take 0 cells;
* East Asian Wide and Fullwidth characters take 2 cells;
* everything else takes 1 cell, including the soft hyphen and the Arabic "prepended concatenation marks"
  (U+0600..U+0605...) which terminals draw as visible glyphs;
* VARIATION SELECTOR-16 after a narrow emoji widens it to 2 cells (Rich's ``narrow_to_wide`` rule).
"""

from __future__ import annotations

import re
from functools import lru_cache

import icu

_EAW_FULLWIDTH = 3
_EAW_WIDE = 5
_VS16 = "\ufe0f"

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
    if 0x20 <= cp < 0x7F:
        return 1
    if 0x1160 <= cp <= 0x11FF or 0xD7B0 <= cp <= 0xD7FF:  # Hangul medial vowels and final consonants
        return 0
    if icu.Char.charType(cp) in _ZERO_WIDTH_CATEGORIES and ch not in _VISIBLE_FORMAT:
        return 0
    if icu.Char.getIntPropertyValue(cp, icu.UProperty.EAST_ASIAN_WIDTH) in (_EAW_WIDE, _EAW_FULLWIDTH):
        return 2
    return 1


@lru_cache(maxsize=4096)
def _widened_by_vs16(ch: str) -> bool:
    """A text-presentation emoji (☺, ❤, digits for keycaps...) that VS-16 turns into a 2-cell emoji."""
    return char_width(ch) == 1 and icu.Char.hasBinaryProperty(ch, icu.UProperty.EMOJI)


def cell_len(text: str) -> int:
    """Cells a string occupies, as Rich measures it (so Textual crops exactly where we wrapped)."""
    if _PRINTABLE_ASCII.fullmatch(text):
        return len(text)
    total = sum(map(char_width, text))
    if _VS16 in text:
        previous = ""
        for ch in text:
            if ch == _VS16 and previous and _widened_by_vs16(previous):
                total += 1
            if char_width(ch):
                previous = ch
            elif ch != _VS16:
                previous = previous if ch == "\u200d" else previous
    return total
