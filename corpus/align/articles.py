"""One article as the aligner sees it (text, language, paragraphs) and its features, computed once per content.

Features cost far more than an alignment (figure extraction and romanisation of every name candidate: 30-150 ms
for a sample article against 5-10 ms for the DP), and the compare picker, ``babelscope pairs`` and the compare
screen ask for the same articles again and again, so they are cached by content hash, language and paragraph
spans: an edited file gets new features, an unchanged one never pays twice in a process.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock
from typing import TYPE_CHECKING

import polars as pl

from corpus.align.features import Paragraph, ParagraphFeatures, build_features
from corpus.collection import Corpus
from corpus.store import Store

if TYPE_CHECKING:
    from corpus.entities import EntityIndex

_log = logging.getLogger(__name__)

#: Articles whose features stay cached in a process.
CACHED_ARTICLES = 256

_cache: OrderedDict[tuple[object, ...], list[ParagraphFeatures]] = OrderedDict()
_cache_lock = Lock()


@dataclass(frozen=True, slots=True)
class Article:
    """What alignment needs of one article, plus what outputs name it by (CONVENTIONS.md ``doc_id``/``path``)."""

    doc_id: str
    path: str
    lang: str
    text: str
    content_hash: str
    paragraphs: tuple[Paragraph, ...]
    rtl: bool = False
    #: ``(start, end, entity_id)`` of the article's entity mentions when the corpus' entity index was available:
    #: entity ids link names across scripts better than any key, and name what "entity differences" compare.
    entities: tuple[tuple[int, int, str], ...] | None = None

    @classmethod
    def from_corpus(cls, corpus: Corpus, doc_id: str, entities: EntityIndex | None = None) -> Article:
        document = corpus.document(doc_id)
        frame = corpus.paragraphs_of(doc_id)
        paragraphs = tuple(zip(frame["index"].to_list(), frame["start"].to_list(), frame["end"].to_list(),
                               frame["kind"].to_list(), strict=True))
        spans = None
        if entities is not None:
            mentions = entities.mentions.filter(pl.col("doc_id") == doc_id)
            spans = tuple(zip(mentions["start"].to_list(), mentions["end"].to_list(),
                              mentions["entity_id"].to_list(), strict=True))
        return cls(doc_id=doc_id, path=document["path"], lang=document["lang"] or "und", text=document["text"],
                   content_hash=document["content_hash"], paragraphs=paragraphs,
                   rtl=document.get("direction") == "rtl", entities=spans)

    @property
    def info(self) -> dict[str, str]:
        """``doc_id``, ``path`` and ``lang``: the head of each side of the ``align --json`` object."""
        return {"doc_id": self.doc_id, "path": self.path, "lang": self.lang}

    def paragraph_text(self, index: int) -> str:
        _, start, end, _ = self.paragraphs[index]
        return self.text[start:end]


def load_entities(corpus: Corpus, store: Store | None) -> EntityIndex | None:
    """The corpus' entity index (cached on disk after the first build), or None if it cannot be built: the
    aligner then falls back to its own name keys, so a failing entity extractor never blocks a comparison."""
    try:
        from corpus.entities import build_entities  # imported here: a broken entity module must not break compare

        return build_entities(corpus, store)
    except Exception as exc:  # noqa: BLE001 — any failure of an optional signal degrades to the fallback
        _log.warning("entity index unavailable for alignment: %s", exc)
        return None


def features_of(article: Article) -> list[ParagraphFeatures]:
    """The article's paragraph features, from the process cache when its content was seen before."""
    key = (article.content_hash, article.lang, article.paragraphs, article.entities)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    features = build_features(article.text, article.paragraphs, article.lang, entities=article.entities or ())
    with _cache_lock:
        _cache[key] = features
        while len(_cache) > CACHED_ARTICLES:
            _cache.popitem(last=False)
    return features
