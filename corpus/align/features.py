"""Per-paragraph features the aligner compares: a script-weighted length, the paragraph kind, anchor keys.

The aligner never looks at text directly, only at :class:`ParagraphFeatures`, so richer extractors can replace
the minimal ones in :mod:`corpus.align.anchors` without touching the dynamic programme:

* ``figures(text, lang)`` → objects with ``start``, ``end``, ``value`` (and optionally ``surface``), e.g.
  ``corpus.figures.extract_figures``; values are compared as ``str(value)``.
* ``name_keys(text, lang)`` → ``set[str]`` of cross-script name keys for one paragraph's text, e.g. built on
  ``corpus.names.name_key``. Default: the romanised consonant skeleton (:func:`corpus.align.anchors.skeleton`).
* ``entities``: ``(start, end, entity_id)`` spans of resolved entity mentions, if the caller has them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from corpus.align.anchors import (
    ENTITY,
    FIGURE,
    NAME,
    Mention,
    fallback_name_mentions,
    figure_mentions,
    latin_mentions,
    punctuation_counts,
)

#: How much one CJK character (Han, kana, Hangul) weighs against one letter of an alphabet. Chinese and Japanese
#: say in one character what alphabets say in two to four; the weight only matters for paragraphs that mix
#: scripts (an English reference inside Japanese text), because the pair's overall ratio is estimated anyway.
CJK_WEIGHT = 2.5

_WORD_CHARS = re.compile(r"[^\W_]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]")

Paragraph = tuple[int, int, int, str]  # (index, start, end, kind) as in corpus/schema.py PARAGRAPHS
FigureExtractor = Callable[[str, str], Iterable[Any]]
NameKeys = Callable[[str, str], set[str]]


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
    are left out: scripts differ in how much of either they use)."""
    return len(_WORD_CHARS.findall(text)) + (CJK_WEIGHT - 1.0) * len(_CJK.findall(text))


def _injected_figures(text: str, lang: str, figures: FigureExtractor) -> list[Mention]:
    mentions = []
    for figure in figures(text, lang):
        surface = getattr(figure, "surface", None) or text[figure.start:figure.end]
        value = str(figure.value)
        mentions.append(Mention(figure.start, figure.end, surface, FIGURE + value, "figure", value))
    return mentions


def build_features(
    text: str,
    paragraphs: Sequence[Paragraph],
    lang: str,
    *,
    figures: FigureExtractor | None = None,
    name_keys: NameKeys | None = None,
    entities: Iterable[tuple[int, int, str]] = (),
) -> list[ParagraphFeatures]:
    """Features of every paragraph of one article, in paragraph order.

    Figures, Latin tokens and name candidates are extracted once over the whole text (a figure extractor may
    need context across a line; romanisation is much cheaper in one call) and bucketed by offset.
    """
    figure_list = sorted(_injected_figures(text, lang, figures) if figures else figure_mentions(text, lang),
                         key=lambda m: m.start)
    figure_starts = [m.start for m in figure_list]
    latin_list = latin_mentions(text, lang)
    latin_starts = [m.start for m in latin_list]
    # one ICU romanisation call for the whole article; the candidates come by kind, so sort them by offset
    name_list = sorted(fallback_name_mentions(text, lang), key=lambda m: (m.start, m.end))
    name_starts = [m.start for m in name_list]
    entity_list = sorted(entities)
    entity_starts = [span[0] for span in entity_list]
    features = []
    for index, start, end, kind in paragraphs:
        body = text[start:end]
        para_figures = figure_list[bisect_left(figure_starts, start):bisect_left(figure_starts, end)]
        latin = latin_list[bisect_left(latin_starts, start):bisect_left(latin_starts, end)]
        names = name_list[bisect_left(name_starts, start):bisect_left(name_starts, end)]
        anchors = {m.key for m in para_figures} | {m.key for m in latin}
        if name_keys is None:
            anchors |= {m.key for m in names}
        else:
            anchors |= {NAME + key for key in name_keys(body, lang)}
        spans = entity_list[bisect_left(entity_starts, start):bisect_left(entity_starts, end)]
        anchors |= {ENTITY + entity_id for _, _, entity_id in spans}
        features.append(ParagraphFeatures(
            index=index,
            start=start,
            end=end,
            kind=kind,
            length=weighted_length(body),
            anchors=frozenset(anchors),
            punctuation=punctuation_counts(body),
            mentions=tuple(sorted(para_figures + latin + names, key=lambda m: (m.start, m.end))),
        ))
    return features
