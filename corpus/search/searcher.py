"""``Searcher``: the public face of search. Build (or load) a corpus's index once, then answer queries.

    from corpus.search import Searcher, SearchError
    searcher = Searcher(corpus, store)
    result = searcher.search("Altman", lang=None, limit=50)
    result.hits      # Polars frame, best first: doc_id path lang start end surface score match key alias_origin left right
    result.total     # hits before the limit (exact)
    result.elapsed_ms
    result.ranked.frame(50, 100)   # any later slice, in rank order, with context (the app pages through them)

Each term runs through every route that applies (word, CJK substring, name, alias; or regex), overlapping hits
are resolved to the best one, terms are AND'ed per article, and only the first ``limit`` hits are ranked in full
and given their context; the rest stay as arrays in ``result.ranked`` until read. ``search`` only reads
immutable structures, so it may run in a worker thread while another thread adds an alias (which swaps in a new
alias book under a lock).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np
import polars as pl

from corpus.collection import Corpus, DocumentNotFound
from corpus.entities import aligned_aliases
from corpus.names import name_key, similarity
from corpus.aliases import sources as alias_sources
from corpus.aliases import dictionary
from corpus.search.aliases import AliasBook
from corpus.search.errors import SearchError
from corpus.search.hits import Hits, concat_hits, resolve_overlaps
from corpus.search.index import SearchIndex
from corpus.search.index_cache import load_index
from corpus.search.names_route import name_hits
from corpus.search.phrase import chain
from corpus.search.query import Query, Term, parse
from corpus.search.ranked import RankedHits
from corpus.search.regex_route import regex_hits
from corpus.search.words import (
    EXACT_SCORE, FOLDED_SCORE, is_cjk, needle_hits, query_folds, substring_hits, word_hits,
)
from corpus.store import Store

ALIAS_WEIGHT = 0.97
SOUND_COVERED = 0.85
ALIAS_NAME_CUTOFF = 0.96  # same-script inflected/clitic forms of an alias (России, لروسيا), not sound-alikes
RESULT_COLUMNS = (
    "doc_id", "path", "lang", "start", "end", "surface", "score", "match", "key", "alias_origin", "left", "right"
)
RESULT_SCHEMA = {
    "doc_id": pl.String, "path": pl.String, "lang": pl.String, "start": pl.Int64, "end": pl.Int64,
    "surface": pl.String, "score": pl.Float64, "match": pl.String, "key": pl.String, "alias_origin": pl.String,
    "left": pl.String, "right": pl.String,
}


@dataclass(frozen=True)
class SearchResult:
    """``hits``: the first ``limit`` rows (RESULT_COLUMNS); ``total``: every hit; ``ranked``: all of them, in rank
    order, as rows on demand (None when there are none)."""

    hits: pl.DataFrame
    total: int
    elapsed_ms: float
    query: str = ""
    ranked: RankedHits | None = None


class Searcher:
    """Search over one corpus. Cheap to construct when the index cache is warm."""

    def __init__(self, corpus: Corpus, store: Store | None = None, *, use_cache: bool = True) -> None:
        self.corpus = corpus
        self.store = store
        self.index: SearchIndex
        self.index, self.index_was_cached = load_index(corpus, use_cache)
        langs = sorted({lang for lang in self.index.doc_langs if lang and lang != "und"} | {"en"})
        self._cldr = alias_sources.cldr_groups(tuple(langs))
        self._lock = threading.Lock()
        self.warnings: list[str] = []
        # names paired in aligned paragraphs of translations, computed with the entity result and cached with it: read
        # when that was already built (the app builds it on open, `babelscope entities` too); a first search of a
        # large corpus never waits for entity extraction
        self._aligned = aligned_aliases(corpus, store, compute=False)
        self._book = self._build_book()

    # ------------------------------------------------------------------------------------------------ aliases
    def _build_book(self) -> AliasBook:
        file_groups, warnings = alias_sources.file_groups()
        self.warnings = warnings
        groups = [
            *alias_sources.store_groups(self.store),
            *file_groups,
            *alias_sources.gloss_groups(self.index.glosses),
            *self._aligned,
            *dictionary.groups_in(self._han_words()),
        ]
        return AliasBook(groups, (*self._cldr, *dictionary.dictionary_groups()))  # exact-match sources

    def _han_words(self) -> set[str]:
        """The corpus's words in Han script (its CC-CEDICT names are matched by sound too)."""
        vocabulary = self.corpus.vocabulary
        return set(vocabulary.filter(pl.col("script") == "Han")["norm"].to_list())

    def add_alias(self, name: str, alias: str, origin: str = "user") -> bool:
        """Store ``name`` <-> ``alias`` (False if it was there already) and use it from the next search on."""
        if self.store is None:
            raise SearchError("aliases need the corpus store; this searcher was opened without one")
        try:
            added = alias_sources.add_store_alias(self.store, name, alias, origin)
        except ValueError as exc:
            raise SearchError(str(exc)) from None
        self.reload_aliases()
        return added

    def remove_alias(self, name: str, alias: str) -> int:
        if self.store is None:
            raise SearchError("aliases need the corpus store; this searcher was opened without one")
        removed = alias_sources.remove_store_alias(self.store, name, alias)
        self.reload_aliases()
        return removed

    def reload_aliases(self) -> None:
        """Re-read the store's aliases and the alias file (after either changed)."""
        book = self._build_book()
        with self._lock:
            self._book = book

    def aliases_of(self, text: str) -> list[tuple[str, str]]:
        """The other names ``text`` stands for, with their origins (what alias hits will be searched for)."""
        with self._lock:
            book = self._book
        return book.expand(text)

    # ------------------------------------------------------------------------------------------------- search
    def search(self, query: str, *, lang: str | None = None, limit: int | None = 50) -> SearchResult:
        """Hits of ``query`` best first (at most ``limit``; None for all). Raises SearchError for a bad query."""
        started = time.perf_counter()
        parsed = parse(query)
        if not parsed.terms:
            if parsed.langs or parsed.docs:
                raise SearchError("nothing to search for: add a word, a \"phrase\" or re:PATTERN to the filters")
            return SearchResult(pl.DataFrame(schema=RESULT_SCHEMA), 0, _ms(started), query)
        allowed = self._allowed(parsed, lang)
        with self._lock:
            book = self._book
        per_term = [resolve_overlaps(self._term_hits(term, allowed, book), ranked=False) for term in parsed.terms]
        hits = per_term[0] if len(per_term) == 1 else resolve_overlaps(_and_by_article(per_term), ranked=False)
        # (terms may overlap each other: Altman and "Sam Altman")
        ranked = RankedHits(self.index, hits)
        frame = ranked.frame(0, None if limit is None else max(0, limit)).select(RESULT_COLUMNS)
        return SearchResult(frame, len(ranked), _ms(started), query, ranked if len(ranked) else None)

    def _allowed(self, parsed: Query, lang: str | None) -> np.ndarray | None:
        langs = set(parsed.langs) | ({lang.lower().split("-")[0]} if lang else set())
        mask: np.ndarray | None = None
        if langs:
            mask = np.array([doc_lang in langs for doc_lang in self.index.doc_langs], dtype=bool)
        if parsed.docs:
            wanted = np.zeros(len(self.index.doc_langs), dtype=bool)
            for ref in parsed.docs:
                try:
                    wanted[self.index.doc_index[self.corpus.resolve_doc(ref)]] = True
                except DocumentNotFound as exc:
                    raise SearchError(f"doc:{ref}: {exc}") from None
            mask = wanted if mask is None else mask & wanted
        return mask

    def _term_hits(self, term: Term, allowed: np.ndarray | None, book: AliasBook) -> Hits:
        index = self.index
        if term.regex is not None:
            return regex_hits(index, term.regex, allowed)
        if term.exact:
            per_word = [_exact_hits(index, word, allowed) for word in term.words]
            return per_word[0] if len(per_word) == 1 else chain(index, [resolve_overlaps(h, ranked=False)
                                                                        for h in per_word])
        if not term.is_phrase:
            word = term.words[0]
            return concat_hits([_word_route(index, word, allowed),
                                name_hits(index, word, allowed, with_word_route=True),
                                _alias_hits(index, word, allowed, book)])
        phrase = " ".join(term.words)
        per_word = [
            resolve_overlaps(concat_hits([_word_route(index, w, allowed),
                                          name_hits(index, w, allowed, with_word_route=True)]), ranked=False)
            for w in term.words
        ]
        return concat_hits([
            chain(index, per_word),
            name_hits(index, phrase, allowed, whole_name=True),
            _alias_hits(index, phrase, allowed, book),
        ])


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _word_route(index: SearchIndex, word: str, allowed: np.ndarray | None, typos: bool = True) -> Hits:
    frames = [word_hits(index, word, allowed, typos=typos)]
    if is_cjk(word):
        frames.append(substring_hits(index, word, allowed))
    return concat_hits(frames)


def _exact_hits(index: SearchIndex, word: str, allowed: np.ndarray | None) -> Hits:
    """``=word``: occurrences spelled exactly as typed (case too), as tokens or, for CJK, as substrings."""
    hits = _word_route(index, word, allowed, typos=False)
    texts = index.texts
    same = [texts[d][s:e] == word for d, s, e in zip(hits.doc.tolist(), hits.start.tolist(), hits.end.tolist())]
    kept = hits.take(np.flatnonzero(np.asarray(same, dtype=bool)))
    return kept.relabel(match="exact", key=word, origin=None, weight=1.0)


def _alias_hits(index: SearchIndex, text: str, allowed: np.ndarray | None, book: AliasBook) -> Hits:
    frames = []
    unsplit: list[tuple[str, str]] = []  # CJK aliases with no token: looked for as substrings, in one pass
    found_cjk: list[str] = []  # CJK aliases found as tokens
    key = name_key(text)
    for form, origin in book.expand(text):
        if similarity(key, name_key(form)) >= SOUND_COVERED:
            continue  # the name route already finds it (a gloss 山姆·奥特曼 for Altman): no second search
        # alias names are searched as tokens (微软 is an ICU dictionary word), not as substrings: one text scan per
        # alias would cost more than the rest of the query
        words = form.split()
        if len(words) > 1:
            found = chain(index, [resolve_overlaps(word_hits(index, w, allowed, typos=False), ranked=False)
                                  for w in words])
        else:
            found = concat_hits([
                word_hits(index, form, allowed, typos=False),
                name_hits(index, form, allowed, cutoff=ALIAS_NAME_CUTOFF, same_script=True, with_word_route=True),
            ])
        if not len(found) and is_cjk(form):  # a name ICU splits (谷|歌): the form is found where it is written
            unsplit.append((form, origin))
        elif len(found):
            frames.append(found.relabel(match="alias", key=form, origin=origin, weight=ALIAS_WEIGHT))
            if is_cjk(form):
                found_cjk.append(form)
    # a longer form holding a found one (微软公司 holds 微软) is found inside that one's hits: no text pass for it
    unsplit = [(form, origin) for form, origin in unsplit if not any(f in form for f in found_cjk)]
    if unsplit:  # as substring_hits scores them: the form as written, then its folds
        wanted = [(form, origin, needle, EXACT_SCORE if i == 0 else FOLDED_SCORE)
                  for form, origin in unsplit for i, needle in enumerate(dict.fromkeys([form, *query_folds(form)]))]
        found_each = needle_hits(index, [needle for _, _, needle, _ in wanted], allowed)
        for (form, origin, needle, score), (docs, starts) in zip(wanted, found_each):
            frames.append(Hits.of(docs, starts, starts + len(needle), score * ALIAS_WEIGHT, "alias", form, origin))
    return concat_hits(frames)


def _and_by_article(per_term: list[Hits]) -> Hits:
    """All terms' hits, in the articles where every term has at least one."""
    if len(per_term) == 1:
        return per_term[0]
    docs = np.unique(per_term[0].doc)
    for hits in per_term[1:]:
        docs = np.intersect1d(docs, hits.doc)
    return concat_hits([h.take(np.flatnonzero(np.isin(h.doc, docs))) for h in per_term])
