"""Morphological variants of a name form without stemming, and trimming of honorifics/particles from spans.

A stemmer destroys names (Lucene's Arabic light stemmer turns ألتمان into تم), so a surface form is never
replaced. Instead a form gets a few *extra* candidate forms, each scored alongside the surface:

- Russian case endings: Альтмана / Альтману / Альтманом -> Альтман; Наделлой / Наделлы -> Наделла. The endings
  belong to the name, so the variant covers the whole surface span.
- Arabic one-letter proclitics و ب ل ف ك (بألتمان -> ألتمان) and the article forms وال/بال/فال/كال/لل. A clitic is
  not part of the name, so the variant says how many leading characters it drops and the hit span starts after
  them.

Japanese honorifics and particles (氏, さん, 様) and Chinese 的 are different: they follow the name inside one
span, so they are trimmed from the span offsets (:func:`trim_span`), never matched.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from corpus.names.romanise import script_of, split_parts


class FormVariant(NamedTuple):
    """An extra candidate form of a surface: ``form`` is matched; the hit span is ``surface[lead:len-trail]``."""

    form: str
    lead: int
    trail: int


# Ending -> replacements, longest endings first; at most two replacements so a word gets at most two variants.
# Only noun/surname endings: names decline like nouns (Альтман-ом) or like -а nouns (Наделл-ой).
_RUSSIAN_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ами", ("", "а")), ("ями", ("ь", "я")),
    ("ом", ("",)), ("ём", ("ь",)), ("ем", ("", "ь")), ("ым", ("",)), ("им", ("",)),
    ("ой", ("а",)), ("ою", ("а",)), ("ей", ("я", "ь")), ("ею", ("я",)),
    ("ах", ("", "а")), ("ях", ("ь", "я")), ("ам", ("", "а")), ("ям", ("ь", "я")),
    ("а", ("",)), ("я", ("ь", "й")), ("у", ("", "а")), ("ю", ("ь", "я")),
    ("е", ("", "а")), ("ы", ("а", "")), ("и", ("я", "ь")),
)
_MIN_RUSSIAN_STEM = 3
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")

_ARABIC_ARTICLE_CLITICS = ("وال", "بال", "فال", "كال")
_ARABIC_PROCLITICS = frozenset("وبلفك")
_MIN_ARABIC_REST = 3  # letters left after a clitic: never produce a one- or two-letter "name"

# Honorifics and particles that follow a name inside a CJK run (trimmed from the span end).
_TRAILING_TAILS = ("さん", "さま", "ちゃん", "くん", "氏", "様", "君", "的")
_TAIL_LAST_CHARS = frozenset(tail[-1] for tail in _TRAILING_TAILS)


def _russian_word_variants(word: str) -> tuple[str, ...]:
    lower = word.lower()
    for ending, replacements in _RUSSIAN_ENDINGS:
        stem_len = len(word) - len(ending)
        if lower.endswith(ending) and stem_len >= _MIN_RUSSIAN_STEM:
            stem = word[:stem_len]
            return tuple(stem + r for r in replacements)
    return ()


def russian_variants(surface: str) -> tuple[str, ...]:
    """Base-form candidates of an inflected Cyrillic name (every word together), surface excluded.

    The n-th candidate applies the n-th replacement to every inflected word (``Сэма Альтмана`` -> ``Сэм Альтман``),
    which keeps the count at two whatever the number of words.
    """
    words = list(_CYRILLIC_WORD.finditer(surface))
    options = [_russian_word_variants(m.group()) for m in words]
    width = max((len(o) for o in options), default=0)
    out: list[str] = []
    for i in range(width):
        pieces, last = [], 0
        for match, opts in zip(words, options):
            pieces.append(surface[last:match.start()])
            pieces.append(opts[min(i, len(opts) - 1)] if opts else match.group())
            last = match.end()
        pieces.append(surface[last:])
        candidate = "".join(pieces)
        if candidate != surface and candidate not in out:
            out.append(candidate)
    return tuple(out)


def arabic_variants(surface: str) -> tuple[FormVariant, ...]:
    """Clitic-stripped candidates of an Arabic form (its first word only: a clitic attaches to the phrase start).

    ``بألتمان`` -> ``ألتمان`` (lead 1); ``والجزيرة`` -> ``الجزيرة`` (lead 1) and ``جزيرة`` (lead 3); ``للجزيرة``
    -> ``جزيرة`` (lead 2). ``ال`` alone is never stripped: ألتمان / التمان begin with it.
    """
    first = split_parts(surface)[:1]
    if not first:
        return ()
    word = first[0]
    lead_space = surface.index(word)
    out: list[FormVariant] = []
    for article in _ARABIC_ARTICLE_CLITICS:
        if word.startswith(article) and len(word) - len(article) >= _MIN_ARABIC_REST:
            out.append(FormVariant(surface[lead_space + len(article):], lead_space + len(article), 0))
    if word.startswith("لل") and len(word) - 2 >= _MIN_ARABIC_REST:
        out.append(FormVariant(surface[lead_space + 2:], lead_space + 2, 0))
    if word[0] in _ARABIC_PROCLITICS and len(word) - 1 >= _MIN_ARABIC_REST:
        out.append(FormVariant(surface[lead_space + 1:], lead_space + 1, 0))
    return tuple(dict.fromkeys(out))


def arabic_article_variant(surface: str) -> tuple[FormVariant, ...]:
    """The form without its definite article, for names Arabic writes with one (البحرين Bahrain, النهيان
    Nahyan); the span drops the article like any clitic. Kept out of :func:`arabic_variants`, which callers use
    for words that are not yet known to be names (the article makes most Arabic words common nouns)."""
    first = split_parts(surface)[:1]
    if not first or not first[0].startswith("ال") or len(first[0]) - 2 < _MIN_ARABIC_REST:
        return ()
    lead = surface.index(first[0]) + 2
    return (FormVariant(surface[lead:], lead, 0),)


@lru_cache(maxsize=65536)
def form_variants(surface: str, lang: str | None = None) -> tuple[FormVariant, ...]:
    """Extra candidate forms of a name surface (never including the surface itself)."""
    script = script_of(surface)
    if script == "Cyrillic" and lang in (None, "ru", "uk", "be", "bg"):
        return tuple(FormVariant(form, 0, 0) for form in russian_variants(surface))
    if script == "Arabic":
        return arabic_variants(surface) + arabic_article_variant(surface)
    return ()


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of ``text[start:end]`` without trailing honorifics/particles (アルトマン氏 -> アルトマン).

    Returns ``(start, start)`` when nothing but a tail is left, so callers can drop the span.
    """
    if end <= start or text[end - 1] not in _TAIL_LAST_CHARS:  # the usual case, and called per CJK n-gram
        return start, max(start, end)
    changed = True
    while changed and end > start:
        changed = False
        for tail in _TRAILING_TAILS:
            if text.endswith(tail, start, end):
                end -= len(tail)
                changed = True
                break
    return start, max(start, end)
