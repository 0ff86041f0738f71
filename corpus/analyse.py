"""One article → rows of the documents, paragraphs, sentences and tokens frames (corpus/schema.py).

This runs inside ingest worker processes, once per article, and is the hot path of a cold ingest: per-token work
is an ICU boundary, a memoised norm and a memoised script lookup, nothing else. Everything cross-article (corpus-
wide boilerplate, vocabulary) happens later, on the combined frames, in Polars.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence

import polars as pl

from corpus.boilerplate import CORPUS_REPEAT_MAX_CHARS, classify, folded_paragraphs, furniture
from corpus.frames import ColumnBuffer
from corpus.langid import detect_language
from corpus.paragraphs import split_paragraphs
from corpus.readers import RawArticle
from corpus.override import Override
from corpus.schema import DOCUMENTS, PARAGRAPH_COLUMNS, SENTENCES
from corpus.scripts import direction_of, sample_text
from corpus.titles import pick_title
from corpus.token_table import TokenBuffer
from corpus.tokenise import sentence_spans

#: Body text the language is decided from: plenty for a script, its marker letters and py3langid, which is as
#: accurate on ~400-character paragraphs as on longer text (docs/langid.md) and costs ~0.5 ms per 1,000 characters.
_LANGID_SAMPLE_CHARS = 1000


class Analyser:
    """Accumulates the frames of many articles (one ingest chunk) in bounded memory."""

    def __init__(self) -> None:
        self.documents = ColumnBuffer(DOCUMENTS, flush_rows=2_000)
        self.paragraphs = ColumnBuffer(PARAGRAPH_COLUMNS)
        self.sentences = ColumnBuffer(SENTENCES)
        self.tokens = TokenBuffer()

    def add(self, article: RawArticle, override: Override | None = None) -> None:
        self.add_all([(article, override)])

    def add_all(self, items: Sequence[tuple[RawArticle, Override | None]]) -> None:
        """Add many articles (an ingest chunk's): the furniture rules run over all their paragraphs at once."""
        prepared = []
        for article, override in items:
            spans = split_paragraphs(article.text)
            prepared.append((article, override, spans, folded_paragraphs(article.text, spans)))
        keys = [key for *_, folded in prepared for key in folded]
        flags = furniture(keys)
        prints = _fingerprints(keys, [end - start for *_, spans, _ in prepared for start, end in spans])
        offset = 0
        for article, override, spans, folded in prepared:
            span = slice(offset, offset + len(spans))
            self._add(article, override, spans, folded, flags[span], prints[span])
            offset += len(spans)

    def _add(
        self,
        article: RawArticle,
        override: Override | None,
        spans: list[tuple[int, int]],
        folded: list[str | None],
        furniture_flags: list[bool],
        fingerprints: list[int],
    ) -> None:
        text = article.text
        kinds = classify(text, spans, folded, furniture_flags)
        lang, lang_source, script = _language(text, spans, kinds, article.meta.get("lang"), override)
        doc_id = article.doc_id

        self.paragraphs.extend(
            [doc_id] * len(spans), range(len(spans)), [start for start, _ in spans], [end for _, end in spans],
            kinds, [end - start for start, end in spans], fingerprints,
        )
        first_body_sentence = self._add_sentences(doc_id, lang, text, spans, kinds)
        n_tokens = self.tokens.add_article(doc_id, lang, text, spans)

        title = (override and override.title) or article.meta.get("title") or pick_title(
            text, [(s, e, k) for (s, e), k in zip(spans, kinds)], first_body_sentence
        ) or doc_id.rsplit("/", 1)[-1]  # a record without words still gets a name in the library
        self.documents.append(
            doc_id,
            article.path,
            article.record,
            title,
            lang,
            lang_source,
            script,
            direction_of(script),
            article.meta.get("date"),
            article.meta.get("url"),
            article.meta.get("source"),
            article.encoding,
            hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            len(text),
            n_tokens,
            len(spans),
            text,
        )

    def _add_sentences(
        self, doc_id: str, lang: str, text: str, spans: list[tuple[int, int]], kinds: list[str]
    ) -> tuple[int, int] | None:
        """Add the article's sentences (one ICU pass over its paragraphs' extent: sentence rules always break
        after a line end, so these are each paragraph's sentences); returns the first body sentence's span."""
        if not spans:
            return None
        sentences = sentence_spans(text, spans[0][0], spans[-1][1], lang)
        paragraph_starts = [start for start, _ in spans]
        paragraph = [bisect_right(paragraph_starts, start) - 1 for start, _ in sentences]
        self.sentences.extend(
            [doc_id] * len(sentences), range(len(sentences)), paragraph,
            [start for start, _ in sentences], [end for _, end in sentences],
        )
        return next((span for span, p in zip(sentences, paragraph) if kinds[p] == "body"), None)

    def frames(self) -> dict[str, pl.DataFrame]:
        """The documents, paragraphs, sentences, tokens and vocabulary frames of every article added so far."""
        return {**self.frames_besides_tokens(), "tokens": self.tokens.frame()}

    def frames_besides_tokens(self) -> dict[str, pl.DataFrame]:
        """:meth:`frames` without the tokens (which a cache takes as codes: ``self.tokens.coded()``)."""
        return {
            "documents": self.documents.frame(),
            "paragraphs": self.paragraphs.frame(),
            "sentences": self.sentences.frame(),
            "vocabulary": self.tokens.vocabulary(),
        }


def _language(
    text: str, spans: list[tuple[int, int]], kinds: list[str], meta_lang: str | None, override: Override | None
) -> tuple[str, str, str]:
    """``(lang, lang_source, main script)`` from the body paragraphs (boilerplate would skew both), sampled in
    windows spread over the whole body, so a lead abstract or headline in another language cannot decide alone."""
    body = "\n".join(text[start:end] for (start, end), kind in zip(spans, kinds) if kind == "body")
    sample = sample_text(body or text, _LANGID_SAMPLE_CHARS)
    forced = override.lang if override and override.lang else None
    guess = detect_language(sample, hint=forced or meta_lang)
    if forced:
        return forced, "override", guess.script
    if meta_lang and guess.lang == meta_lang.split("-")[0].lower():
        return guess.lang, "metadata", guess.script
    return guess.lang, guess.method, guess.script


def _fingerprints(keys: list[str | None], lengths: list[int]) -> list[int]:
    """A 63-bit hash per folded paragraph key, 0 for a paragraph without one or too long to be a repeated line.

    One Polars hash over a chunk's keys: Polars hashes are stable within a Polars version, which is part of the
    cache key (corpus/cache.py), so every cached chunk's fingerprints compare with a new one's."""
    frame = pl.DataFrame({"key": keys, "chars": lengths}, schema={"key": pl.String, "chars": pl.Int64})
    return frame.select(
        pl.when(pl.col("key").is_not_null() & (pl.col("chars") <= CORPUS_REPEAT_MAX_CHARS))
        .then((pl.col("key").hash(seed=1) // 2).cast(pl.Int64))
        .otherwise(0)
    ).to_series().to_list()
