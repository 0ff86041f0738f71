"""Measuring alignments: link precision/recall/F1 against gold, and repost-style perturbations of a gold pair.

A *link* is a (source paragraph, target paragraph) pair joined by a bead; a 2-1 bead makes two links. Unaligned
paragraphs make no link, so leaving a headline unaligned is right when the gold leaves it unaligned too.

Perturbations edit a pair the way reposts differ (drop a paragraph, merge two, add site furniture, repeat a
passage at the top) and carry the gold links through the edit, so the same gold serves many cases.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.boilerplate import classify
from corpus.paragraphs import split_paragraphs

from corpus.align.features import Paragraph, ParagraphFeatures, build_features
from corpus.align.result import Alignment


def paragraphs_of(text: str) -> list[Paragraph]:
    """The article's paragraphs by the project rule (CONVENTIONS.md), with their kinds."""
    spans = split_paragraphs(text)
    return [(index, start, end, kind) for index, ((start, end), kind) in enumerate(zip(spans, classify(text, spans),
                                                                                        strict=True))]


def link_scores(predicted: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> tuple[float, float, float]:
    """(precision, recall, F1) of predicted links against gold links; two empty sets agree perfectly."""
    predicted, gold = set(predicted), set(gold)
    if not predicted and not gold:
        return 1.0, 1.0, 1.0
    hits = len(predicted & gold)
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True, slots=True)
class Article:
    """A text cut into paragraph strings; perturbations rebuild the text so offsets stay exact."""

    lang: str
    paragraphs: tuple[str, ...]
    kinds: tuple[str, ...]

    @classmethod
    def from_text(cls, text: str, lang: str) -> Article:
        paragraphs = paragraphs_of(text)
        return cls(lang, tuple(text[s:e] for _, s, e, _ in paragraphs), tuple(k for *_, k in paragraphs))

    def render(self) -> tuple[str, list[Paragraph]]:
        """The text (one paragraph per line) and its paragraph tuples, kinds kept as given."""
        parts, spans, offset = [], [], 0
        for index, (paragraph, kind) in enumerate(zip(self.paragraphs, self.kinds, strict=True)):
            spans.append((index, offset, offset + len(paragraph), kind))
            parts.append(paragraph)
            offset += len(paragraph) + 1
        return "\n".join(parts), spans


@dataclass(frozen=True, slots=True)
class Case:
    """A named alignment test case: two articles and their gold links."""

    name: str
    source: Article
    target: Article
    gold: frozenset[tuple[int, int]]


def load_case(gold_file: Path, articles: Path, source_lang: str, target_lang: str) -> Case:
    """A gold case from a JSON file naming its two article files (in ``articles``) and listing its links."""
    gold = json.loads(Path(gold_file).read_text(encoding="utf-8"))

    def article(name: str, lang: str) -> Article:
        return Article.from_text((Path(articles) / name).read_text(encoding="utf-8-sig"), lang)

    return Case(gold["source"][:3], article(gold["source"], source_lang), article(gold["target"], target_lang),
                frozenset((int(i), int(j)) for i, j in gold["links"]))


def features_of(article: Article) -> list[ParagraphFeatures]:
    """Features of an evaluation article (rendered one paragraph per line, kinds as given)."""
    text, paragraphs = article.render()
    return build_features(text, paragraphs, article.lang)


Aligner = Callable[[list[ParagraphFeatures], list[ParagraphFeatures]], Alignment]


def case_f1(case: Case, aligner: Aligner,
            features: Callable[[Article], list[ParagraphFeatures]] = features_of) -> float:
    """Link F1 of ``aligner`` on ``case``."""
    return link_scores(aligner(features(case.source), features(case.target)).links(), case.gold)[2]


def _reindex(links: Iterable[tuple[int, int]], source_map: dict[int, list[int]],
             target_map: dict[int, list[int]]) -> frozenset[tuple[int, int]]:
    return frozenset((a, b) for i, j in links for a in source_map.get(i, []) for b in target_map.get(j, []))


def _identity(article: Article) -> dict[int, list[int]]:
    return {i: [i] for i in range(len(article.paragraphs))}


def drop_paragraph(case: Case, index: int, side: str = "target") -> Case:
    """The repost leaves out one paragraph."""
    article = getattr(case, side)
    kept = [i for i in range(len(article.paragraphs)) if i != index]
    mapping = {old: [new] for new, old in enumerate(kept)}
    edited = Article(article.lang, tuple(article.paragraphs[i] for i in kept), tuple(article.kinds[i] for i in kept))
    return _replace(case, f"{case.name}+drop{side[0]}{index}", side, edited, mapping)


def merge_paragraphs(case: Case, index: int, side: str = "target") -> Case:
    """The repost runs paragraphs ``index`` and ``index + 1`` together (a lost line break)."""
    article = getattr(case, side)
    paragraphs = list(article.paragraphs)
    kinds = list(article.kinds)
    paragraphs[index:index + 2] = [paragraphs[index] + " " + paragraphs[index + 1]]
    kinds[index:index + 2] = ["body"]
    mapping = {old: [old if old <= index else old - 1] for old in range(len(article.paragraphs))}
    return _replace(case, f"{case.name}+merge{side[0]}{index}", side, Article(article.lang, tuple(paragraphs),
                                                                               tuple(kinds)), mapping)


def add_furniture(case: Case, header: list[str], footer: list[str], side: str = "target",
                  kind: str = "boilerplate") -> Case:
    """The repost gains site furniture: lines before and after the article (marked ``kind``)."""
    article = getattr(case, side)
    mapping = {old: [old + len(header)] for old in range(len(article.paragraphs))}
    edited = Article(article.lang, (*header, *article.paragraphs, *footer),
                     (kind,) * len(header) + article.kinds + (kind,) * len(footer))
    return _replace(case, f"{case.name}+furniture{side[0]}-{kind}", side, edited, mapping)


def repeat_at_top(case: Case, indices: list[int], side: str = "source") -> Case:
    """The repost repeats some later paragraphs at its top (a teaser); the copies have no counterpart."""
    article = getattr(case, side)
    mapping = {old: [old + len(indices)] for old in range(len(article.paragraphs))}
    edited = Article(article.lang, tuple(article.paragraphs[i] for i in indices) + article.paragraphs,
                     tuple(article.kinds[i] for i in indices) + article.kinds)
    return _replace(case, f"{case.name}+repeat{side[0]}{'-'.join(map(str, indices))}", side, edited, mapping)


def _replace(case: Case, name: str, side: str, edited: Article, mapping: dict[int, list[int]]) -> Case:
    if side == "source":
        return Case(name, edited, case.target, _reindex(case.gold, mapping, _identity(case.target)))
    return Case(name, case.source, edited, _reindex(case.gold, _identity(case.source), mapping))


#: Site furniture a repost adds, in the spirit of real pages (breadcrumb, logo, share widgets, copyright).
HEADER = ["Home › News › Technology", "LOGO"]
FOOTER = ["Share · Tweet · Comment", "Related articles", "© 2023 Example Media. All rights reserved."]


def _linked_body(case: Case, side: str, fraction: float, pairs: bool = False) -> int:
    """The linked body paragraph nearest ``fraction`` of the way through ``side`` (with its successor when
    ``pairs``), so perturbations hit real content wherever the article's furniture sits."""
    article = getattr(case, side)
    linked = {link[0 if side == "source" else 1] for link in case.gold}
    usable = [i for i in range(len(article.paragraphs) - (1 if pairs else 0))
              if article.kinds[i] == "body" and i in linked and (not pairs or (i + 1 in linked
                                                                               and article.kinds[i + 1] == "body"))]
    goal = fraction * len(article.paragraphs)
    return min(usable, key=lambda i: abs(i - goal))


def perturbed_cases(case: Case) -> list[Case]:
    """The case itself plus the repost edits of issue 5, each on either side, and one combination."""
    cases = [case]
    for side in ("source", "target"):
        for fraction in (0.25, 0.5, 0.75):
            cases.append(drop_paragraph(case, _linked_body(case, side, fraction), side))
            cases.append(merge_paragraphs(case, _linked_body(case, side, fraction, pairs=True), side))
        cases.append(add_furniture(case, HEADER, FOOTER, side))
        cases.append(add_furniture(case, HEADER, FOOTER, side, kind="body"))  # furniture ingest failed to mark
        later = [_linked_body(case, side, 0.6), _linked_body(case, side, 0.8)]
        cases.append(repeat_at_top(case, later, side))
    combined = drop_paragraph(case, _linked_body(case, "target", 0.3), "target")
    combined = merge_paragraphs(combined, _linked_body(combined, "source", 0.6, pairs=True), "source")
    combined = add_furniture(combined, HEADER, FOOTER, "target")
    cases.append(repeat_at_top(combined, [_linked_body(combined, "source", 0.7)], "source"))
    return cases
