"""Name candidate spans of one document, built from its ICU word tokens.

ICU's dictionary segmentation cuts transliterated names into pieces (奥|特|曼, アルト|マン, ナ|デラ,
マイクロ|ソフト), so a name is never one token: candidates are *runs* of adjacent tokens of one script, and their
bounded sub-runs, and the search scores every distinct candidate form once (research notes §1.5):

- Latin / Cyrillic / Greek: runs of capitalised words joined by one space or a hyphen (Sam Altman, Сэм Альтман,
  Сан-Франциско), with every sub-run of up to three words;
- Arabic (no capitals): every word and every pair of adjacent words (سام ألتمان);
- katakana: runs joined directly or by ・ / = (サム・アルトマン), with each ・-unit and token n-grams inside a unit;
- Han: a whole sentence is one run, so only n-grams of up to six characters inside a ·-unit, and ·-joined names
  made of a short tail before the dot and a short head after it (山姆·奥特曼).
Han and kana spans have trailing honorifics and particles trimmed (アルトマン氏 -> アルトマン, 奥特曼的 -> 奥特曼).

Overlapping candidates are intended: the scorer decides, and :func:`best_non_overlapping` keeps the best hit where
matched candidates overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import polars as pl

from corpus.names.variants import trim_span

_CAPITALISED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek"})
_CJK_JOINERS = frozenset("·・･‧•=＝")
_HYPHENS = frozenset("-‐‑")
_MAX_CAP_SUBRUN_WORDS = 3
_MAX_CAP_RUN_WORDS = 5
_MAX_ARABIC_WORDS = 2
_MAX_HAN_CHARS = 6
_MAX_HAN_TAIL_CHARS = 4  # given name before the dot (山姆, 萨蒂亚)
_MAX_HAN_HEAD_CHARS = 5  # family name after it (奥特曼, 苏茨克维)
_MAX_KANA_NGRAM_TOKENS = 3
_MIN_CJK_CHARS = 2


class Span(NamedTuple):
    """A candidate name: ``text[start:end] == surface`` (code-point offsets, end exclusive)."""

    start: int
    end: int
    surface: str


class _Tok(NamedTuple):
    start: int
    end: int
    kind: str  # run kind: cap | arabic | kana | han


def _columns(tokens: pl.DataFrame | Mapping[str, Sequence[Any]]) -> Mapping[str, Sequence[Any]]:
    if isinstance(tokens, pl.DataFrame):
        return tokens.select("start", "end", "surface", "script").to_dict(as_series=False)
    return tokens


def _run_kind(surface: str, script: str) -> str | None:
    if script in _CAPITALISED_SCRIPTS:
        return "cap" if any(map(str.isupper, surface)) else None
    if script == "Arabic":
        return "arabic"
    if script == "Katakana" or (script == "Common" and surface and set(surface) <= {"ー", "ｰ"}):
        return "kana"
    if script == "Han":
        return "han"
    return None


def _joins(kind: str, gap: str) -> bool:
    """Whether the text between two tokens of one kind keeps them in one run."""
    if kind in ("han", "kana"):
        return gap == "" or (len(gap) == 1 and gap in _CJK_JOINERS)
    if kind == "cap":
        return gap in (" ", "\u00a0") or (len(gap) == 1 and gap in _HYPHENS)
    return gap.isspace() and "\n" not in gap  # arabic: words of one line


def _runs(text: str, toks: list[_Tok]) -> list[list[_Tok]]:
    runs: list[list[_Tok]] = []
    for tok in toks:
        if runs and runs[-1][-1].kind == tok.kind and _joins(tok.kind, text[runs[-1][-1].end:tok.start]):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _units(text: str, run: list[_Tok], separator: frozenset[str]) -> list[list[_Tok]]:
    """Split a run where the gap between tokens is one of ``separator`` (a middle dot, or a space)."""
    units: list[list[_Tok]] = [[run[0]]]
    for prev, tok in zip(run, run[1:]):
        gap = text[prev.end:tok.start]
        if gap and (gap in separator or gap.isspace()):
            units.append([tok])
        else:
            units[-1].append(tok)
    return units


def _ngrams(unit: list[_Tok], max_tokens: int, max_chars: int) -> Iterable[tuple[int, int]]:
    for i in range(len(unit)):
        for j in range(i, min(len(unit), i + max_tokens)):
            if unit[j].end - unit[i].start > max_chars:
                break
            yield unit[i].start, unit[j].end


def _cap_spans(text: str, run: list[_Tok]) -> Iterable[tuple[int, int]]:
    words = _units(text, run, frozenset({" ", "\u00a0"}))
    if len(words) <= _MAX_CAP_RUN_WORDS:
        yield words[0][0].start, words[-1][-1].end
    for i in range(len(words)):
        for j in range(i, min(len(words), i + _MAX_CAP_SUBRUN_WORDS)):
            yield words[i][0].start, words[j][-1].end


def _arabic_spans(run: list[_Tok]) -> Iterable[tuple[int, int]]:
    for i in range(len(run)):
        for j in range(i, min(len(run), i + _MAX_ARABIC_WORDS)):
            yield run[i].start, run[j].end


def _kana_spans(text: str, run: list[_Tok]) -> Iterable[tuple[int, int]]:
    yield run[0].start, run[-1].end
    for unit in _units(text, run, _CJK_JOINERS):
        yield from _ngrams(unit, _MAX_KANA_NGRAM_TOKENS, len(text))


def _han_spans(text: str, run: list[_Tok]) -> Iterable[tuple[int, int]]:
    units = _units(text, run, _CJK_JOINERS)
    for unit in units:
        yield from _ngrams(unit, _MAX_HAN_CHARS, _MAX_HAN_CHARS)
    for left, right in zip(units, units[1:]):
        tails = [tok.start for tok in left if left[-1].end - tok.start <= _MAX_HAN_TAIL_CHARS]
        heads = [tok.end for tok in right if tok.end - right[0].start <= _MAX_HAN_HEAD_CHARS]
        for start in tails:
            for end in heads:
                yield start, end


def name_candidates(text: str, tokens: pl.DataFrame | Mapping[str, Sequence[Any]]) -> list[Span]:
    """Candidate name spans of one document, sorted by (start, end), without duplicates.

    ``tokens`` holds the document's tokens with the TOKENS columns ``start``, ``end``, ``surface`` and ``script``
    (a Polars frame or a mapping of parallel lists), offsets in code points into ``text``.
    """
    return [Span(start, end, text[start:end]) for start, end in sorted(candidate_offsets(text, tokens))]


def candidate_offsets(text: str, tokens: pl.DataFrame | Mapping[str, Sequence[Any]]) -> set[tuple[int, int]]:
    """The ``(start, end)`` of every :func:`name_candidates` span, unsorted and without surfaces (for callers
    that filter them first: the search index keeps a fraction of a long article's Han n-grams)."""
    cols = _columns(tokens)
    toks = sorted(
        _Tok(start, end, kind)
        for start, end, surface, script in zip(cols["start"], cols["end"], cols["surface"], cols["script"])
        if (kind := _run_kind(surface, script)) is not None
    )
    spans: set[tuple[int, int]] = set()
    for run in _runs(text, toks):
        kind = run[0].kind
        if kind == "cap":
            spans.update(_cap_spans(text, run))
        elif kind == "arabic":
            spans.update(_arabic_spans(run))
        else:
            raw = _kana_spans(text, run) if kind == "kana" else _han_spans(text, run)
            for start, end in raw:
                start, end = trim_span(text, start, end)
                if end - start >= _MIN_CJK_CHARS:
                    spans.add((start, end))
    return spans


def best_non_overlapping(hits: Iterable[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Of matched ``(start, end, score)`` spans, keep the best where they overlap (higher score, then shorter,
    then earlier), returned in text order: 山姆·奥特曼 and 官山姆·奥特曼 both match, one hit is shown."""
    kept: list[tuple[int, int, float]] = []
    for start, end, score in sorted(hits, key=lambda h: (-h[2], h[1] - h[0], h[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, score))
    return sorted(kept)
