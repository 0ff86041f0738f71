"""UTF-16 ↔ code-point offsets.

ICU reports positions in UTF-16 code units; Babelscope's offsets are Python ``str`` indices (code points). They
differ only after an astral character (𠮷, emoji), so texts without one take the identity fast path.
"""

from __future__ import annotations

from array import array


def has_astral(text: str) -> bool:
    """True when ``text`` holds a character outside the Basic Multilingual Plane."""
    return len(text.encode("utf-16-le")) != 2 * len(text)


def utf16_to_codepoint_map(text: str) -> array | None:
    """Index: UTF-16 unit offset → code-point offset (length units+1), or None when they are identical."""
    if not has_astral(text):
        return None
    mapping = array("q")
    for index, char in enumerate(text):
        mapping.append(index)
        if ord(char) > 0xFFFF:
            mapping.append(index)  # the low surrogate never starts a boundary; map it to the same character
    mapping.append(len(text))
    return mapping
