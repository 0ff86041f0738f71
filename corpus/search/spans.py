"""Per-article work of the search index: name candidate spans and corpus glosses, from one article's ICU tokens.

Runs once per article (and only again when its text or language changes), never per query.

Han candidates are pruned here: ICU's dictionary knows ordinary Chinese words (社交, 设计) and keeps them whole,
while transliterated names fall out of it as single characters (奥|特|曼, 纳|德|拉). A Han span made only of
multi-character dictionary words is therefore not scored as a name (meaning-based names such as 微软 are the
alias mechanism's job, and CJK substring search still finds any word).

Katakana candidates must be whole katakana words, and Arabic ones must not carry the definite article (see
:func:`_arabic_name_word`).

Glosses: news writes a foreign name with its original in brackets, ``山姆·奥特曼(Sam Altman)`` or
``マイクロソフト（Microsoft）``; each such pair is an alias the corpus itself vouches for.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from corpus.names import name_key, similarity
from corpus.names.candidates import candidate_offsets
from corpus.names.romanise import char_script, script_of
from corpus.names.score import DEFAULT_CUTOFF

_GLOSS = re.compile(r"[(（]\s*([A-Za-z][A-Za-z.'’\- ]{1,58}[A-Za-z.])\s*[)）]")
_MAX_GLOSS_WORDS = 4
_ARABIC_DEFINITE = re.compile("^[\u0648\u0628\u0641\u0643]?\u0627\u0644|^\u0644\u0644")
_CJK_NAME_JOINERS = frozenset("·・･‧•=＝")


class DocSpans(NamedTuple):
    spans: list[tuple[int, int, str, str, str]]  # (start, end, surface, character before, character after)
    glosses: list[tuple[str, str]]  # (form in the article's script, Latin gloss)


def _is_kana(char: str) -> bool:
    return "\u30a0" <= char <= "\u30ff" or char in "ｰ"


def _script(surface: str) -> str:
    """:func:`script_of` with the first character looked up first (a candidate nearly always starts with a
    letter): this runs for every one of an article's thousands of candidate spans."""
    script = char_script(surface[0]) if surface else "Common"
    return script if script not in ("Common", "Inherited") else script_of(surface)


def _keep(span_start: int, span_end: int, surface: str, single_han: list[int], text: str) -> bool:
    script = _script(surface)
    if script == "Katakana":
        # a whole katakana word only: シャ inside シャットダウン is not a name of its own
        before = text[span_start - 1] if span_start > 0 else ""
        after = text[span_end] if span_end < len(text) else ""
        return not (before and _is_kana(before) and before != "・") and not (after and _is_kana(after) and after != "・")
    if script == "Arabic":
        return all(_arabic_name_word(word) for word in surface.split())
    if script != "Han":
        return True
    if not _CJK_NAME_JOINERS.isdisjoint(surface):
        return True
    # a single-character Han token inside the span (sorted starts): the OOV mark of a transliteration. Not "only
    # single characters": ICU glues name edges to neighbours (和布|罗|克|曼, 马|斯克, 伊|利亚)
    at = bisect_left(single_han, span_start)
    return at < len(single_han) and single_han[at] < span_end


def _arabic_name_word(word: str) -> bool:
    """Arabic has no capitals; two spelling facts still rule words out as foreign names: the definite article
    (الـ, also after a proclitic: والـ بالـ للـ; ألتمان is written with hamza, not as the article) and length (one-
    and two-letter words are particles: من في عن أن)."""
    if len(word) <= 2:
        return False
    return not _ARABIC_DEFINITE.match(word)


def _han_edge_trims(
    text: str, spans: set[tuple[int, int]], cols: Mapping[str, Sequence[Any]]
) -> set[tuple[int, int]]:
    """Han spans with one character cut where ICU glued a neighbour onto the name's edge token (和布|罗|克|曼 ->
    布罗克曼): a span that starts (ends) with a two-character Han token also yields the span without that token's
    first (last) character. The pieces this adds that are not words are dropped by .priors (accessor variety)."""
    glued_start: set[int] = set()
    glued_end: set[int] = set()
    for s, e, script in zip(cols["start"], cols["end"], cols["script"]):
        if script == "Han" and e - s == 2:
            glued_start.add(s)
            glued_end.add(e)
    out: set[tuple[int, int]] = set()
    for start, end in spans:
        if end - start < 3 or _script(text[start:end]) != "Han":
            continue
        if start in glued_start:
            out.add((start + 1, end))
        if end in glued_end:
            out.add((start, end - 1))
    return out - spans


def _single_han_starts(cols: Mapping[str, Sequence[Any]]) -> list[int]:
    return sorted(
        s for s, e, script in zip(cols["start"], cols["end"], cols["script"]) if script == "Han" and e - s == 1
    )


def _glosses(
    text: str, spans: list[tuple[int, int, str, str, str]], cols: Mapping[str, Sequence[Any]], lang: str
) -> list[tuple[str, str]]:
    """``X(Latin Name)`` pairs: X is the candidate ending at the bracket that sounds most like the gloss, else the
    word just before the bracket (微软（Microsoft）, where no sound key helps)."""
    out: list[tuple[str, str]] = []
    ends: dict[int, list[str]] = {}
    for _, end, surface, _, _ in spans:
        ends.setdefault(end, []).append(surface)
    token_before = {e: text[s:e] for s, e, kind in zip(cols["start"], cols["end"], cols["kind"]) if kind != "punct"}
    for match in _GLOSS.finditer(text):
        gloss = " ".join(match.group(1).split())
        if len(gloss.split()) > _MAX_GLOSS_WORDS:
            continue
        at = match.start()
        while at > 0 and text[at - 1] in " \u00a0":
            at -= 1
        left = ends.get(at, [])
        left = [form for form in left if script_of(form) not in ("Latin", "Common")]
        gloss_key = name_key(gloss)
        scored = [(similarity(name_key(f, lang), gloss_key), f) for f in left]
        sounding = [(len(name_key(f, lang).parts) == len(gloss_key.parts), score, -len(f), f)
                    for score, f in scored if score >= DEFAULT_CUTOFF]
        if sounding:  # the candidate with as many name parts as the gloss (山姆·奥特曼 for Sam Altman), then best
            out.append((max(sounding)[3], gloss))
            continue
        word = token_before.get(at)
        if word and script_of(word) not in ("Latin", "Common"):
            out.append((word, gloss))
    return out


def doc_spans(text: str, tokens: Mapping[str, Sequence[Any]], lang: str) -> DocSpans:
    """Name candidate spans (pruned as the module says) and gloss pairs of one article.

    ``tokens`` maps the TOKENS columns ``start``, ``end``, ``surface``, ``script`` and ``kind`` to parallel lists.
    """
    single_han = _single_han_starts(tokens)
    found = candidate_offsets(text, tokens)
    found |= _han_edge_trims(text, found, tokens)
    spans = []
    for start, end in sorted(found):
        surface = text[start:end]
        if _keep(start, end, surface, single_han, text):
            spans.append((start, end, surface, text[start - 1:start], text[end:end + 1]))
    return DocSpans(spans, _glosses(text, spans, tokens, lang))
