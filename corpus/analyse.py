"""One article → rows of the documents, paragraphs, sentences and tokens frames (corpus/schema.py).

This runs inside ingest worker processes, once per article, and is the hot path of a cold ingest: per-token work
is an ICU boundary, a memoised norm and a memoised script lookup, nothing else. Everything cross-article (corpus-
wide boilerplate, vocabulary) happens later, on the combined frames, in Polars.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from corpus.boilerplate import classify
from corpus.frames import ColumnBuffer
from corpus.langid import detect_language
from corpus.normalise import normalise
from corpus.paragraphs import split_paragraphs
from corpus.readers import RawArticle
from corpus.schema import DOCUMENTS, PARAGRAPHS, SENTENCES, TOKENS
from corpus.scripts import direction_of, main_script, script_profile
from corpus.titles import pick_title
from corpus.tokenise import iter_sentences, iter_tokens

PARAGRAPH_COLUMNS = {**PARAGRAPHS, "chars": DOCUMENTS["chars"], "fingerprint": DOCUMENTS["chars"]}
_LANGID_SAMPLE_CHARS = 4000


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
        self.tokens = ColumnBuffer(TOKENS)

    def add(self, article: RawArticle, override: Override | None = None) -> None:
        text = article.text
        spans = split_paragraphs(text)
        kinds = classify(text, spans)
        lang, lang_source = _language(text, spans, kinds, article.meta.get("lang"), override)
        profile = script_profile(text)
        script = main_script(profile)
        doc_id = article.doc_id

        n_tokens = 0
        first_body_sentence: tuple[int, int] | None = None
        sentence_index = 0
        for index, ((start, end), kind) in enumerate(zip(spans, kinds)):
            self.paragraphs.append(doc_id, index, start, end, kind, end - start, _fingerprint(text[start:end]))
            for s_start, s_end in iter_sentences(text, start, end, lang):
                self.sentences.append(doc_id, sentence_index, index, s_start, s_end)
                sentence_index += 1
                if first_body_sentence is None and kind == "body":
                    first_body_sentence = (s_start, s_end)
            for t_start, t_end, surface, t_kind, t_script in iter_tokens(text, start, end, lang):
                self.tokens.append(doc_id, index, t_start, t_end, surface, normalise(surface, lang), t_kind, t_script)
                n_tokens += 1

        title = (override and override.title) or article.meta.get("title") or pick_title(
            text, [(s, e, k) for (s, e), k in zip(spans, kinds)], first_body_sentence
        )
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


def _language(
    text: str, spans: list[tuple[int, int]], kinds: list[str], meta_lang: str | None, override: Override | None
) -> tuple[str, str]:
    if override and override.lang:
        return override.lang, "override"
    sample: list[str] = []
    size = 0
    for (start, end), kind in zip(spans, kinds):
        if kind == "body":
            sample.append(text[start:end])
            size += end - start
            if size >= _LANGID_SAMPLE_CHARS:
                break
    guess = detect_language("\n".join(sample) if sample else text[:_LANGID_SAMPLE_CHARS], hint=meta_lang)
    if meta_lang and guess.lang == meta_lang.split("-")[0].lower():
        return guess.lang, "metadata"
    return guess.lang, guess.method


def _fingerprint(paragraph: str) -> int:
    """A 63-bit hash of the folded paragraph text (stable across processes, unlike ``hash``)."""
    folded = " ".join(paragraph.split()).casefold().encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(folded, digest_size=8).digest(), "big") >> 1
