"""Per-paragraph features the aligner compares: a script-weighted length, the paragraph kind, anchor keys.

The aligner never looks at text directly, only at :class:`ParagraphFeatures`. Anchors come from:

* figures: :func:`corpus.figures.extract_figures` (counts, money, percents, dates with normalised values, so
  ``٧٠٠``, ``700`` and ``семьсот`` share a key); another extractor with the same output can be injected;
* Latin-script tokens and consonant-skeleton name keys (:mod:`corpus.align.anchors`);
* ``entities``: ``(start, end, entity_id)`` spans of resolved entity mentions, if the caller has them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from corpus.align.anchors import (
    ENTITY,
    LATIN_SCRIPT_LANGS,
    Mention,
    cuts_a_candidate,
    fallback_name_keys,
    fallback_name_mentions,
    figure_key,
    is_title_case,
    latin_mentions,
    punctuation_counts,
)
from corpus.figures import extract_figures

#: How much one CJK character (Han, kana, Hangul) weighs against one letter of an alphabet. Chinese and Japanese
#: say in one character what alphabets say in two to four; the weight only matters for paragraphs that mix
#: scripts (an English reference inside Japanese text), because the pair's overall ratio is estimated anyway.
CJK_WEIGHT = 2.5

_WORD_RUNS = re.compile(r"[^\W_]+")
_CJK_RUNS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]+")

Paragraph = tuple[int, int, int, str]  # (index, start, end, kind) as in corpus/schema.py PARAGRAPHS
FigureExtractor = Callable[[str, str], Iterable[Any]]


@dataclass(frozen=True, slots=True)
class ParagraphFeatures:
    """What the aligner knows about one paragraph.

    ``anchors`` are keys that can match across languages (namespaced, see :mod:`corpus.align.anchors`);
    ``mentions`` keep where figures and entity candidates occur, for the differences report.
    """

    index: int
    start: int
    end: int
    kind: str  # body | heading | boilerplate
    length: float
    anchors: frozenset[str]
    punctuation: tuple[int, ...]
    mentions: tuple[Mention, ...]


def weighted_length(text: str) -> float:
    """Letters and digits of ``text``, CJK characters counting :data:`CJK_WEIGHT` each (spaces and punctuation
    are left out: scripts differ in how much of either they use). Counted by runs, not one match a character."""
    return sum(map(len, _WORD_RUNS.findall(text))) + (CJK_WEIGHT - 1.0) * sum(map(len, _CJK_RUNS.findall(text)))


def figure_mentions(text: str, lang: str, figures: FigureExtractor = extract_figures) -> list[Mention]:
    """Figures of ``text`` as anchor mentions keyed by their normalised value, in text order."""
    mentions = []
    for figure in figures(text, lang):
        surface = getattr(figure, "surface", None) or text[figure.start:figure.end]
        key = figure_key(figure.value, getattr(figure, "value_max", None))
        mentions.append(Mention(figure.start, figure.end, surface, key, "figure", figure.value,
                                category=getattr(figure, "kind", "")))
    return sorted(mentions, key=lambda m: (m.start, m.end))


def entities_by_paragraph(paragraphs: Sequence[Paragraph],
                          entities: Iterable[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """The ``(start, end, entity_id)`` spans starting inside each paragraph, in paragraph order (pair proposal adds
    their keys to cached anchors the same way, see :mod:`corpus.align.profiles`)."""
    entity_list = sorted(entities)
    starts = [span[0] for span in entity_list]
    return [entity_list[bisect_left(starts, start):bisect_left(starts, end)] for _, start, end, _ in paragraphs]


def _anchor_mentions(text: str, spans: Sequence[tuple[int, int]], lang: str, figures: FigureExtractor
                     ) -> list[tuple[list[Mention], list[Mention], list[Mention]]]:
    """Figures, Latin tokens and name candidates of each span (read-only lists: the result is memoised for the
    last articles, so pair proposal's anchors and the alignment of a proposed translation share one extraction)."""
    return _memoised_mentions(text, tuple(spans), lang, figures)


@lru_cache(maxsize=32)
def _whole_text_mentions(text: str, lang: str, figures: FigureExtractor) -> tuple[list[Mention], list[Mention]]:
    """Figures and Latin tokens of the whole text (a figure extractor may need context across a line; a Latin
    token's sentence start is read before it), memoised for the last articles: an anchor profile and the alignment
    of a proposed translation share them."""
    return figure_mentions(text, lang, figures), latin_mentions(text, lang)


@lru_cache(maxsize=32)
def _memoised_mentions(text: str, spans: tuple[tuple[int, int], ...], lang: str, figures: FigureExtractor
                       ) -> list[tuple[list[Mention], list[Mention], list[Mention]]]:
    """Extracted once over the whole text (romanisation is much cheaper in one call) and bucketed by offset."""
    figure_list, latin_list = _whole_text_mentions(text, lang, figures)
    figure_starts = [m.start for m in figure_list]
    latin_starts = [m.start for m in latin_list]
    # one ICU romanisation call for the whole article; the candidates come by kind, so sort them by offset
    name_list = sorted(fallback_name_mentions(text, lang), key=lambda m: (m.start, m.end))
    name_starts = [m.start for m in name_list]
    return [(figure_list[bisect_left(figure_starts, start):bisect_left(figure_starts, end)],
             latin_list[bisect_left(latin_starts, start):bisect_left(latin_starts, end)],
             name_list[bisect_left(name_starts, start):bisect_left(name_starts, end)]) for start, end in spans]


def anchor_keys(text: str, spans: Sequence[tuple[int, int]], lang: str,
                figures: FigureExtractor = extract_figures) -> list[frozenset[str]]:
    """The anchors of each ``(start, end)`` span, as :func:`build_features` finds them (without entity ids), at
    less cost: what pair proposal needs of every article of a corpus (:mod:`corpus.align.profiles`). When no span
    boundary cuts a name candidate (paragraphs end at line ends), a span's name keys are read per distinct word of
    the span (:func:`~corpus.align.anchors.fallback_name_keys`), without a mention per occurrence."""
    spans = [(start, end) for start, end in spans]
    if any(cuts_a_candidate(text, offset) for span in spans for offset in span):
        return [frozenset(m.key for group in found for m in group)
                for found in _anchor_mentions(text, spans, lang, figures)]
    figure_list, latin_list = _whole_text_mentions(text, lang, figures)
    figure_starts, latin_starts = [m.start for m in figure_list], [m.start for m in latin_list]
    return [frozenset(m.key for m in figure_list[bisect_left(figure_starts, start):bisect_left(figure_starts, end)])
            | frozenset(m.key for m in latin_list[bisect_left(latin_starts, start):bisect_left(latin_starts, end)])
            | fallback_name_keys(text, start, end) for start, end in spans]


def build_features(
    text: str,
    paragraphs: Sequence[Paragraph],
    lang: str,
    *,
    figures: FigureExtractor = extract_figures,
    entities: Iterable[tuple[int, int, str]] = (),
) -> list[ParagraphFeatures]:
    """Features of every paragraph of one article, in paragraph order."""
    found = _anchor_mentions(text, [(start, end) for _, start, end, _ in paragraphs], lang, figures)
    entity_spans = entities_by_paragraph(paragraphs, entities)
    latin_script = lang in LATIN_SCRIPT_LANGS
    features = []
    for (index, start, end, kind), (para_figures, latin, names), spans in zip(paragraphs, found, entity_spans,
                                                                               strict=True):
        body = text[start:end]
        if latin_script and is_title_case(body):
            latin = [m._replace(strong=False) for m in latin]
            names = [m._replace(strong=False) for m in names]
        anchors = {m.key for m in para_figures} | {m.key for m in latin} | {m.key for m in names}
        indexed = [Mention(s, e, text[s:e], ENTITY + entity_id, "entity", entity_id, category="index")
                   for s, e, entity_id in spans]
        anchors |= {m.key for m in indexed}
        features.append(ParagraphFeatures(
            index=index,
            start=start,
            end=end,
            kind=kind,
            length=weighted_length(body),
            anchors=frozenset(anchors),
            punctuation=punctuation_counts(body),
            mentions=tuple(sorted(para_figures + latin + names + indexed, key=lambda m: (m.start, m.end))),
        ))
    return features
