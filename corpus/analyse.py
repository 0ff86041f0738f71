"""One article → rows of the documents, paragraphs, sentences and tokens frames (corpus/schema.py).

This runs inside ingest worker processes, once per article, and is the hot path of a cold ingest: per-token work
is an ICU boundary, a memoised norm and a memoised script lookup, nothing else. Everything cross-article (corpus-
wide boilerplate, vocabulary) happens later, on the combined frames, in Polars.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass

import polars as pl

from corpus.boilerplate import CORPUS_REPEAT_MAX_CHARS, classify
from corpus.frames import ColumnBuffer
from corpus.langid import detect_language
from corpus.paragraphs import split_paragraphs
from corpus.readers import RawArticle
from corpus.schema import DOCUMENTS, PARAGRAPHS, SENTENCES
from corpus.scripts import direction_of
from corpus.titles import pick_title
from corpus.token_table import TokenBuffer
from corpus.tokenise import iter_sentences

PARAGRAPH_COLUMNS = {**PARAGRAPHS, "chars": DOCUMENTS["chars"], "fingerprint": DOCUMENTS["chars"]}
_LANGID_SAMPLE_CHARS = 2000  # plenty for a script and its marker letters (py3langid reads 2,000 too)


@dataclass(frozen=True, slots=True)
class Override:
    """A user's per-article correction (stored in the store, applied on the next ingest)."""

    lang: str | None = None
    encoding: str | None = None
    title: str | None = None


class Analyser:
    """Accumulates the frames of many articles (one ingest chunk) in bounded memory."""

    def __init__(self) -> None:
        self.documents = ColumnBuffer(DOCUMENTS, flush_rows=2_000)
        self.paragraphs = ColumnBuffer(PARAGRAPH_COLUMNS)
        self.sentences = ColumnBuffer(SENTENCES)
        self.tokens = TokenBuffer()

    def add(self, article: RawArticle, override: Override | None = None) -> None:
        text = article.text
        spans = split_paragraphs(text)
        kinds = classify(text, spans)
        lang, lang_source, script = _language(text, spans, kinds, article.meta.get("lang"), override)
        doc_id = article.doc_id

        for index, ((start, end), kind) in enumerate(zip(spans, kinds)):
            fingerprint = _fingerprint(text[start:end]) if end - start <= CORPUS_REPEAT_MAX_CHARS else 0
            self.paragraphs.append(doc_id, index, start, end, kind, end - start, fingerprint)
        first_body_sentence = self._add_sentences(doc_id, lang, text, spans, kinds)
        self.tokens.add_article(doc_id, lang, text, spans)

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
            0,  # n_tokens: counted in frames(), once white space is dropped
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
        sentences = list(iter_sentences(text, spans[0][0], spans[-1][1], lang))
        paragraph_starts = [start for start, _ in spans]
        paragraph = [bisect_right(paragraph_starts, start) - 1 for start, _ in sentences]
        self.sentences.extend(
            [doc_id] * len(sentences), range(len(sentences)), paragraph,
            [start for start, _ in sentences], [end for _, end in sentences],
        )
        return next((span for span, p in zip(sentences, paragraph) if kinds[p] == "body"), None)

    def frames(self) -> dict[str, pl.DataFrame]:
        """The documents, paragraphs, sentences and tokens frames of every article added so far."""
        tokens = self.tokens.frame()
        counts = tokens.group_by("doc_id").agg(pl.len().cast(pl.Int64).alias("n_tokens"))
        documents = (
            self.documents.frame()
            .drop("n_tokens")
            .join(counts, on="doc_id", how="left", maintain_order="left")
            .with_columns(pl.col("n_tokens").fill_null(0))
            .select(list(DOCUMENTS))
        )
        return {
            "documents": documents,
            "paragraphs": self.paragraphs.frame(),
            "sentences": self.sentences.frame(),
            "tokens": tokens,
        }


def _language(
    text: str, spans: list[tuple[int, int]], kinds: list[str], meta_lang: str | None, override: Override | None
) -> tuple[str, str, str]:
    """``(lang, lang_source, main script)`` from the body paragraphs (boilerplate would skew both)."""
    sample: list[str] = []
    size = 0
    for (start, end), kind in zip(spans, kinds):
        if kind == "body":
            sample.append(text[start:end])
            size += end - start
            if size >= _LANGID_SAMPLE_CHARS:
                break
    forced = override.lang if override and override.lang else None
    guess = detect_language("\n".join(sample) if sample else text[:_LANGID_SAMPLE_CHARS], hint=forced or meta_lang)
    if forced:
        return forced, "override", guess.script
    if meta_lang and guess.lang == meta_lang.split("-")[0].lower():
        return guess.lang, "metadata", guess.script
    return guess.lang, guess.method, guess.script


def _fingerprint(paragraph: str) -> int:
    """A 63-bit hash of the folded paragraph text (stable across processes, unlike ``hash``)."""
    folded = " ".join(paragraph.split()).casefold().encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(folded, digest_size=8).digest(), "big") >> 1
