"""Make untrusted article text safe to print: every character becomes exactly one harmless display character.

Article text comes from the web. Printed raw, ``ESC [ 31 m`` recolours the terminal, ``ESC ] 52 ; c ; ...``
writes the user's clipboard, and bidi overrides (U+202E) make text read backwards in a terminal that does bidi.
Textual does not filter these out of strings it is given, so the reader passes every line through
:func:`inert` first.

The mapping is one character in, one character out, so a display string and the logical text share offsets
(a search hit at text[120:125] is display[120:125]):

* ESC → ``␛``; the other C0 controls → their Control Pictures (U+2400 + code, e.g. NUL → ``␀``, BEL → ``␇``);
  DEL → ``␡``;
* C1 controls (U+0080..U+009F, e.g. the one-byte CSI U+009B) → ``⍰`` (Unicode has no pictures for them; ``⍰``
  is a visible, narrow, non-control "unknown" symbol, unlike U+FFFD which already means "undecodable byte");
* the bidi embedding, override and isolate controls (U+202A..U+202E, U+2066..U+2069) → ``⇄``: they would
  otherwise reorder text invisibly in terminals that do bidi and skew our own reordering;
* tab, LF, CR, NEL and the Unicode line/paragraph separators → a space: a display line never contains a line
  break, and a hard-wrapped paragraph reflows (a tab is one space, not a stop, to keep the 1:1 mapping);
* lone surrogates (from ``surrogateescape`` decoding) → U+FFFD, since a terminal cannot be sent them at all.

Everything else, including zero-width joiners and LRM/RLM marks (harmless, and needed for correct bidi of
some texts), passes through unchanged. Markup like ``[bold]`` is not this layer's concern: the widget never
parses markup.
"""

from __future__ import annotations

import re

ESCAPE_SYMBOL = "\u241b"  # ␛
C1_SYMBOL = "\u2370"  # ⍰
BIDI_CONTROL_SYMBOL = "\u21c4"  # ⇄
DELETE_SYMBOL = "\u2421"  # ␡
SURROGATE_SYMBOL = "\ufffd"

_SPACE_LIKE = "\t\n\r\x85\u2028\u2029"
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {cp: chr(0x2400 + cp) for cp in range(0x20)}
    table[0x1B] = ESCAPE_SYMBOL
    table[0x7F] = DELETE_SYMBOL
    table.update({cp: C1_SYMBOL for cp in range(0x80, 0xA0)})
    table.update({ord(ch): BIDI_CONTROL_SYMBOL for ch in _BIDI_CONTROLS})
    table.update({ord(ch): " " for ch in _SPACE_LIKE})
    return table


_TABLE = _build_table()
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029" + _BIDI_CONTROLS + "\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def inert(text: str) -> str:
    """The display form of ``text``: same length, no control, line-break or bidi-control characters."""
    if not _UNSAFE.search(text):
        return text
    return _SURROGATES.sub(SURROGATE_SYMBOL, text.translate(_TABLE))
