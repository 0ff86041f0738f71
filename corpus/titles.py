"""An article's title when its metadata gives none: the first heading-like paragraph near the top, else the
first sentence of the first body paragraph (shortened), so every row in the library has a readable name."""

from __future__ import annotations

_LOOKAHEAD = 6
_MAX_CHARS = 120


def shorten(text: str, limit: int = _MAX_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def pick_title(
    text: str,
    paragraphs: list[tuple[int, int, str]],
    first_sentence: tuple[int, int] | None,
) -> str:
    """``paragraphs`` are ``(start, end, kind)``; ``first_sentence`` is the first body sentence's span."""
    content = [(s, e, k) for s, e, k in paragraphs if k != "boilerplate"]
    for start, end, kind in content[:_LOOKAHEAD]:
        if kind == "heading" and any(ch.isalpha() for ch in text[start:end]):
            return shorten(text[start:end].strip("#* "))
    if first_sentence:
        return shorten(text[first_sentence[0]:first_sentence[1]])
    if content:
        return shorten(text[content[0][0]:content[0][1]])
    return ""
