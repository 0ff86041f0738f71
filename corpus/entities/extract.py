"""Mention extraction over a whole corpus, with no model: the passes and the order they run in.

1. Word evidence over every article (:mod:`.evidence`), then capitalised/Latin runs (:mod:`.alphabetic`), split
   where the corpus writes their pieces alone.
2. *Anchors*: the distinct alphabetic names and their parts, keyed once (:class:`corpus.names.KeyTable`).
3. Scripts without capitals are read against the anchors: Han ·-names bounded by sound, katakana runs kept only
   with evidence, Arabic words (clitics dropped from the span) that sound like an anchor.
4. Parenthetical glosses pair the name before a bracket with the Latin name inside (山姆·奥特曼(Sam Altman)).
5. Han names found by the dot are looked up again without it (奥特曼, 纳德拉) in the Chinese articles.
6. Gazetteer hits (CLDR region names, the user's aliases), then overlaps resolved: the longer span wins, then the
   more precise source.
7. Chinese names translated by meaning, from CC-CEDICT (:mod:`.translated`: 微软 Microsoft), where no pass found
   anything.
Typing cues around each span are recorded as votes; the linker decides types per entity.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import polars as pl

from corpus.aliases import AliasGroup
from corpus.entities import alphabetic, cjk, gazetteer, translated
from corpus.entities.evidence import (
    ALPHABETIC_SCRIPTS, CAPITAL, CAPITAL_FUNCTION, CAPITAL_LOWER, LETTER_WORD, WORDLIKE, WordStats, initial_flags,
    lower_words, strong_shape, surface_flags,
)
from corpus.entities.lexicon import (
    CJK_ORG_SUFFIXES, CJK_PER_HONORIFICS, FUNCTION_WORDS, LEGAL_QUOTED, LOC_CUE_BEFORE, LOC_PREFIX_WORDS,
    LOC_SUFFIX_WORDS, ORG_CUE_BEFORE, ORG_SUFFIX_WORDS, PER_CUE_BEFORE, RU_LOC_NOUN_STEMS,
)
from corpus.entities.model import RAW_MENTIONS_SCHEMA, Candidate
from corpus.names import KeyTable, best_matches, name_key, similarity
from corpus.names.romanise import char_script, split_parts
from corpus.names.variants import arabic_variants

_ANCHOR_TRIES = 4      # sound matches looked at for one from another article
VOUCH_MATCH = 0.90     # a sentence-initial full name that sounds this close to one written mid-sentence
GIVEN_MATCH = 0.80     # ... whose given name, compared alone, is at least this close (Сэм ~ Sam 0.8x)
KANA_MATCH = 0.88      # a katakana run that sounds this close to a standalone name of another article is a name
KANA_WHOLE = 0.93      # ... or this close to a multi-part name as a whole (サンフランシスコ ~ San Francisco 0.97;
                       #     the loanword オープンソース ~ Open Source is 0.88)
# Arabic has no capitals and no short vowels: one word alone must sound very close to a standalone name...
ARABIC_ALONE = 0.92    # ... for words of six or seven romanised letters,
ARABIC_SHORT = 0.95    # ... five letters or fewer (سهم is not سام),
ARABIC_LONG = 0.80     # ... and no less than this for long words (مايكروسوفت ~ Microsoft 0.84);
ARABIC_PAIR = 0.80     # a family name after a matching given name needs less (مارك بينيوف),
ARABIC_GIVEN = 0.82    # ... the given name compared alone (إيليا ~ Ilya 0.84).
_SOURCE_RANK = {"gloss": 0, "han": 1, "gazetteer": 2, "latin": 3, "cap": 3, "kana": 4, "arabic": 5, "hanpart": 6,
                "dictionary": 7}
_LEGAL_QUOTED = re.compile(LEGAL_QUOTED)
#: A capitalised Russian adjective (any case ending) and a lower-case landform noun after it: Кремниевой долине.
_RU_PLACE = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+(?:ая|яя|ой|ей|ую|юю|ий|ый|ое|ее|ого|его|ому|ему|ым|им|ом|ем)"
                       r" (?:" + "|".join(RU_LOC_NOUN_STEMS) + r")[а-яё]*(?![\w-])")
#: A capitalised word hyphened to стрит/авеню, Russian's rendering of English street names (Уолл-стрит,
#: Бейкер-стрит): a place even at a sentence start, since the lower-case street noun says so.
_RU_STREET = re.compile(r"(?<![\w-])[А-ЯЁ][а-яё]+-(?:стрит|авеню)[а-яё]*(?![\w-])")
_VERSION = re.compile(r" [1-9]\d{0,2}(?![\d.,:%٪])")  # a version, not a year (2023), 3.5 or 10%
_OPEN = ("(", "（")
_CLOSE = (")", "）")
_PRODUCT_CUES = frozenset({"модель", "модели", "model", "produk", "продукт", "платформа", "platform", "模型"})


@dataclass
class Doc:
    doc_id: str
    lang: str
    text: str
    script: str
    spans: list[tuple[int, int]]                 # body/heading paragraphs (boilerplate is not read)
    tokens: dict[str, list] = field(default_factory=dict)        # "surface": the token surfaces
    flags: dict[str, np.ndarray] = field(default_factory=dict)  # per token (see _token_lists)
    initial: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    alpha: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # tokens of alphabetic scripts
    arabic: list[int] = field(default_factory=list)  # token indices of Arabic script


@dataclass
class Extraction:
    """Candidates of every article plus the gloss pairs (doc_id, outer start, inner start) seen in the text."""

    candidates: list[Candidate]
    glosses: list[tuple[str, int, int]]

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame([c.row() for c in self.candidates], schema=RAW_MENTIONS_SCHEMA, orient="row")


class _Distinct(NamedTuple):
    """The corpus's distinct surfaces and scripts, which the tokens' ``surface_id`` and ``script_id`` index."""

    surfaces: list[str]
    scripts: list[str]


def _documents(corpus) -> tuple[list[Doc], set[str], _Distinct]:
    """The articles to read, with their token lists and flags, the words the corpus writes in lower case, and the
    distinct surfaces and scripts."""
    paragraphs = corpus.paragraphs.filter(pl.col("kind") != "boilerplate")
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in paragraphs.select("doc_id", "start", "end").iter_rows():
        spans[doc_id].append((start, end))
    sentence_starts: dict[str, list[int]] = defaultdict(list)
    for doc_id, start in corpus.sentences.select("doc_id", "start").iter_rows():
        sentence_starts[doc_id].append(start)
    docs = {
        doc_id: Doc(doc_id, lang, text, script, sorted(spans.get(doc_id, [])))
        for doc_id, lang, text, script in corpus.documents.select("doc_id", "lang", "text", "script").iter_rows()
    }
    headings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc_id, start, end in corpus.paragraphs.filter(pl.col("kind") == "heading").select("doc_id", "start", "end").iter_rows():
        headings[doc_id].append((start, end))
    tokens = _split_clitic_latin(corpus.tokens.select("doc_id", "start", "end", "surface", "script", "kind")
                                 .filter(pl.col("doc_id").is_in(list(docs))))
    lower = lower_words(tokens)
    distinct, token_lists = _token_lists(tokens, lower)
    for doc_id, doc_tokens, flags in token_lists:
        doc = docs[doc_id]
        doc.tokens, doc.flags = doc_tokens, flags
        doc.alpha = np.flatnonzero(flags["alpha"])
        doc.arabic = np.flatnonzero(flags["arabic"]).tolist()
        starts = flags["start"]
        clauses = sorted([*sentence_starts.get(doc_id, [0]), *_clause_starts(doc.text)])
        initial = initial_flags(starts, doc_tokens["surface"], flags, clauses, lower)
        for h_start, h_end in headings.get(doc_id, ()):  # a heading's capitals say nothing either
            initial[np.searchsorted(starts, h_start):np.searchsorted(starts, h_end)] = True
        doc.initial = initial
    return list(docs.values()), lower, distinct


#: Where a clause starts inside an ICU sentence: after a colon, or after an opening quotation mark (at a line start
#: or after a space, bracket or colon). Its first capital says nothing ("ada tiga masalah: Pertama, ...",
#: “Воскресное утро...”), and a quoted title is weighed apart from the sentence around it ("Altman's Road to Power").
_CLAUSE_MARK = re.compile(r"[:：\"“„«「『]")
_COLONS = ":："
_BEFORE_QUOTE = "(（:："
_WORD_AFTER = re.compile(r"[ \t]*(?=\w)")


def _clause_starts(text: str) -> list[int]:
    """The offsets of the first word of each clause a colon or an opening quotation mark begins. The marks are
    found by one character-class scan (they are few) and each is checked in place: a pattern with the look-behind
    tried at every position of the text cost half a millisecond an article."""
    out = []
    for match in _CLAUSE_MARK.finditer(text):
        at = match.start()
        if text[at] not in _COLONS and at and not (text[at - 1].isspace() or text[at - 1] in _BEFORE_QUOTE):
            continue  # a closing quotation mark, or one inside a word
        word = _WORD_AFTER.match(text, at + 1)
        if word is not None:
            out.append(word.end())
    return out


def _token_lists(tokens: pl.DataFrame, lower: set[str]
                 ) -> tuple[_Distinct, Iterable[tuple[str, dict[str, list], dict[str, np.ndarray]]]]:
    """The distinct surfaces and scripts, and each article's token surfaces as a Python list and its per-token
    NumPy columns, in corpus order: one conversion of the whole frame, then slices per article (a frame per article
    and its conversion cost more than the lists themselves). Columns: booleans ``alpha`` (alphabetic script),
    ``arabic``, ``wordlike``, ``upper`` (starts with a capital), ``capital`` (a word that does), the title-case cues
    of :func:`initial_flags`; ``surface_id`` and ``script_id`` (indexes into the distinct values), ``start`` and
    ``end``. Only the surfaces become Python strings (the other string columns are read as ids), and what depends
    on the surface is computed once per distinct surface (:func:`surface_flags`: ``str.isupper`` has no Polars
    twin) and gathered by surface id. ``lower``: :func:`lower_words`."""
    if tokens.is_empty():
        return _Distinct([], []), iter(())
    runs = tokens["doc_id"].rle()
    if runs.struct.field("value").n_unique() != runs.len():  # an article's tokens not contiguous: group them
        tokens = tokens.sort("doc_id", maintain_order=True)
        runs = tokens["doc_id"].rle()
    distinct = tokens["surface"].unique()
    surfaces = distinct.to_list()
    ids = tokens["surface"].replace_strict(distinct, pl.arange(0, len(surfaces), dtype=pl.UInt32, eager=True),
                                           return_dtype=pl.UInt32)
    bits = pl.Series(np.array([surface_flags(s, lower) for s in surfaces], dtype=np.uint8)[ids.to_numpy()])
    scripts = tokens["script"].unique().sort()
    script_ids = tokens["script"].replace_strict(
        scripts, pl.arange(0, len(scripts), dtype=pl.UInt8, eager=True), return_dtype=pl.UInt8)
    script, word = pl.col("script"), pl.col("kind") == "word"

    def has(bit: int) -> pl.Expr:
        return pl.lit(bits).and_(bit) > 0

    titled = word & has(LETTER_WORD)
    flags = {name: series.to_numpy() for name, series in tokens.select(
        alpha=script.is_in(sorted(ALPHABETIC_SCRIPTS)), arabic=script == "Arabic",
        wordlike=pl.col("kind").is_in(sorted(WORDLIKE)), upper=has(CAPITAL), capital=word & has(CAPITAL),
        titled=titled, lower_cue=titled & has(CAPITAL_LOWER), function_cue=titled & has(CAPITAL_FUNCTION),
    ).to_dict().items()}
    flags.update(surface_id=ids.to_numpy(), script_id=script_ids.to_numpy(), start=tokens["start"].to_numpy(),
                 end=tokens["end"].to_numpy())
    columns = {"surface": tokens["surface"].to_list()}

    def per_article() -> Iterable[tuple[str, dict[str, list], dict[str, np.ndarray]]]:
        end = 0
        for length, doc_id in runs.struct.unnest().iter_rows():
            start, end = end, end + length
            yield (doc_id, {name: values[start:end] for name, values in columns.items()},
                   {name: values[start:end] for name, values in flags.items()})
    return _Distinct(surfaces, scripts.to_list()), per_article()


def _split_clitic_latin(tokens: pl.DataFrame) -> pl.DataFrame:
    """ICU keeps an Arabic proclitic on a Latin word (وBrockman): split it so the Latin name is a Latin word (the
    proclitic stays an Arabic token of one letter, right before it)."""
    # tested per distinct Arabic word in Python: string expressions over the whole frame cost more (on Polars'
    # worker threads) than the few thousand words
    arabic = tokens.filter(pl.col("script") == "Arabic")["surface"].unique().to_list()
    glued = [surface for surface in arabic
             if len(surface) > 2 and surface[0] in "وبلفك" and char_script(surface[1]) == "Latin"]
    if not glued:
        return tokens
    rows = np.flatnonzero(tokens.select((pl.col("script") == "Arabic") & pl.col("surface").is_in(glued)).to_series())
    # each glued row twice, in place (a gather, not a sort of the frame): the proclitic, then the Latin word; only
    # those rows are rewritten (scattered into the columns, not a when/then over every token)
    heads = rows + np.arange(len(rows))
    tails = heads + 1
    split = tokens[np.insert(np.arange(tokens.height), rows + 1, rows)]
    words = tokens["surface"].gather(rows).to_list()
    after_clitic = tokens["start"].gather(rows) + 1
    return split.with_columns(
        split["start"].scatter(tails, after_clitic),
        split["end"].scatter(heads, after_clitic),
        split["surface"].scatter(heads, [w[:1] for w in words]).scatter(tails, [w[1:] for w in words]),
        split["script"].scatter(tails, "Latin"),
    )


def _in_body(doc: Doc, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one body/heading paragraph (``doc.spans`` is sorted)."""
    i = bisect.bisect_right(doc.spans, (start, float("inf"))) - 1
    return i >= 0 and doc.spans[i][0] <= start and end <= doc.spans[i][1]


def _prev_word(text: str, start: int) -> str:
    """The word right before ``start`` on the same line, case-folded ('' if none)."""
    i = start
    while i > 0 and text[i - 1] in " \u00a0«\"“'":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".-"):
        j -= 1
    return text[j:i].casefold()


def _next_word(text: str, end: int) -> str:
    i = end
    while i < len(text) and text[i] in " \u00a0»\"”'":
        i += 1
    j = i
    while j < len(text) and (text[j].isalpha() or text[j] in ".-"):
        j += 1
    return text[i:j].casefold()


def _vote_context(c: Candidate, text: str, shapes: dict[str, tuple[bool, bool, bool]]) -> None:
    """Typing cues around a mention: organisation nouns and suffixes, honorifics and titles, places, products.
    ``shapes``: a memo of what the surface itself says (ends in an organisation noun, begins or ends with a place
    noun, has a digit), per surface."""
    shape = shapes.get(c.surface)
    if shape is None:
        words = [w.casefold() for w in split_parts(c.surface)]
        several = len(words) > 1
        shape = shapes[c.surface] = (several and words[-1] in ORG_SUFFIX_WORDS,
                                     several and (words[-1] in LOC_SUFFIX_WORDS or words[0] in LOC_PREFIX_WORDS),
                                     any(ch.isdigit() for ch in c.surface))
    org_named, loc_named, has_digit = shape
    before, after = _prev_word(text, c.start), _next_word(text, c.end)
    if org_named:
        c.vote("ORG", 3)
    if loc_named:
        c.vote("LOC", 2)
    if before in ORG_CUE_BEFORE or after in ("inc", "inc.", "llc", "ltd", "corp"):
        c.vote("ORG", 2)
    if before in PER_CUE_BEFORE:
        c.vote("PER", 2)
    if before in LOC_CUE_BEFORE:
        c.vote("LOC", 0.5)
    if before in _PRODUCT_CUES or has_digit:
        c.vote("PRODUCT", 1)
    if text.startswith(CJK_PER_HONORIFICS, c.end):
        c.vote("PER", 3)
    if text.startswith(CJK_ORG_SUFFIXES, c.end):
        c.vote("ORG", 2)


#: A family name with an inner capital after Mc (McCauley, McDonald): a person's name shape, not a brand's.
_MC_NAME = re.compile(r"Mc[A-Z][a-z]+")
#: An acronym right before a bracket, or bracketed right after: UBI(Universal Basic Income), Basic Income (UBI).
_ACRONYM_BEFORE = re.compile(r"([A-Z]{2,6}) ?[(（]$")
_ACRONYM_AFTER = re.compile(r" ?[(（]([A-Z]{2,6})[)）]")


def _name_word(word: str) -> bool:
    """A capitalised word that may be part of a person's name (Given Family shape)."""
    return word[:1].isupper() and (not strong_shape(word) or bool(_MC_NAME.fullmatch(word)))


def _spells_acronym(text: str, start: int, end: int, words: Sequence[alphabetic.Word]) -> bool:
    """Whether the run is the expansion of an acronym bracketed beside it: not a person, whatever its shape."""
    initials = "".join(w.surface[0] for w in words).upper()
    before = _ACRONYM_BEFORE.search(text, max(0, start - 8), start)
    after = _ACRONYM_AFTER.match(text, end)
    return any(m is not None and m.group(1) == initials for m in (before, after))


def _alphabetic(docs: list[Doc], lower: set[str], distinct: _Distinct) -> list[Candidate]:
    surfaces = distinct.surfaces
    stats = WordStats(lower)
    for doc in docs:
        if doc.tokens:  # the capitals of alphabetic words inside a sentence
            inside = doc.alpha[doc.flags["upper"][doc.alpha] & ~doc.initial[doc.alpha]]
            stats.add_capitalised(surfaces[i] for i in np.unique(doc.flags["surface_id"][inside]).tolist())
    verdicts = alphabetic.Verdicts(surfaces, stats)
    raw: list[tuple[Doc, alphabetic.Run]] = []
    for doc in docs:
        if not doc.tokens:
            continue
        f = doc.flags
        words = alphabetic.classify_words(doc.text, doc.tokens["surface"], f["start"], f["end"], doc.alpha,
                                          doc.initial, f["surface_id"], verdicts, f["script_id"], distinct.scripts)
        raw.extend((doc, run) for run in alphabetic.runs(doc.text, words))
    # A run led by a word whose capital says nothing (Если Альтман, Mempekerjakan Altman) keeps that word only
    # where the corpus writes the same run elsewhere with a telling capital (Сэм Альтман mid-sentence).
    vouched = {doc.text[run.start:run.end] for doc, run in raw if run.words[0].verdict == "name"}
    vouched_table = KeyTable.build(sorted(v for v in vouched if " " in v))
    kept = []
    for doc, run in raw:
        if not (run.words[0].verdict == "name" or alphabetic.org_named(run.words)
                or _vouched(doc.text[run.start:run.end], doc.lang, vouched, vouched_table)):
            if len(run.words) == 1:
                continue
            run = alphabetic.run_of(run.words[1:])
        kept.append((doc, run))
    raw = kept
    standalone = {doc.text[run.start:run.end] for doc, run in raw if len(run.words) == 1}
    out = []
    for doc, run in raw:
        for piece in alphabetic.split_known(doc.text, run, standalone):
            start, end = piece.start, piece.end
            if not _in_body(doc, start, end):
                continue
            source = "cap" if piece.words[0].script == doc.script else "latin"
            if source == "latin" and doc.text[max(0, start - 4):start] == "The ":
                start -= 4  # The Information, The Verge: inside another script, the article is part of the title
            version = _VERSION.match(doc.text, end)
            if version and piece.words[-1].script == "Latin":
                end = version.end()  # Office 365, Windows 11: a product and its version
            c = Candidate(doc.doc_id, start, end, doc.text[start:end], doc.lang, source)
            if version:
                c.vote("PRODUCT", 2)
            if len(piece.words) > 1 and all(_name_word(w.surface) for w in piece.words) \
                    and not _spells_acronym(doc.text, start, end, piece.words):
                c.vote("PER", 0.5)  # Given Family: the shape of a person's name, weakly
            out.append(c)
    return out


@dataclass
class Anchors:
    """Alphabetic names that other scripts are read against. ``every`` holds whole names and all their parts;
    ``alone`` only names that can stand alone as one word (single-word names, family names = last parts);
    ``whole`` the names of two parts or more, which Japanese writes as one katakana run (サンフランシスコ);
    ``docs`` the articles each form occurs in."""

    every: KeyTable
    alone: KeyTable
    whole: KeyTable
    docs: dict[str, frozenset[str]]
    _cache: dict[int, dict] = field(default_factory=dict)

    def score(self, table: KeyTable, form: str, lang: str, doc_id: str) -> float:
        """Best sound match of ``form`` with an anchor that some *other* article writes: cross-article evidence
        that it is a name, not a word of an English title in the same article (Perfect Balance vs バランス)."""
        docs = self.docs
        for anchor, score in self._matches(id(table), table, form, lang):
            if len(docs[anchor]) > (doc_id in docs[anchor]):  # another article writes it (no set made per test)
                return score
        return 0.0

    def _matches(self, key: int, table: KeyTable, form: str, lang: str) -> list[tuple[str, float]]:
        """The best few anchors for a form, memoised per table (the article filter is applied by the caller)."""
        cache = self._cache.setdefault(key, {})
        found = cache.get((form, lang))
        if found is None:
            found = cache[(form, lang)] = [
                (table.forms[m.index], m.score)
                for m in best_matches(name_key(form, lang), table, cutoff=0.6, limit=_ANCHOR_TRIES)
            ]
        return found

    def usable(self, table: KeyTable, doc_id: str) -> Callable[[int], bool]:
        return lambda index: len(docs := self.docs[table.forms[index]]) > (doc_id in docs)


def _vouched(form: str, lang: str, vouched: set[str], table: KeyTable) -> bool:
    """Whether the corpus writes this run elsewhere with a telling capital, as is or in another script
    (a sentence-initial Сэм Альтман is vouched for by Sam Altman mid-sentence in another article)."""
    if form in vouched:
        return True
    parts = form.split(" ")
    return len(parts) == 2 and bool(table.forms) and _full_name(table, parts[0], parts[1], lang, VOUCH_MATCH)


#: Parts of a multi-part name that are no name alone: function words and the organisation and place nouns that begin
#: or end names (Tencent Technology's Technology would vouch for تكنولوجيا and テクノロジー, the common word).
_GENERIC_PARTS = FUNCTION_WORDS | ORG_SUFFIX_WORDS | LOC_SUFFIX_WORDS | LOC_PREFIX_WORDS


def _anchor_tables(candidates: Iterable[Candidate]) -> Anchors:
    """Alphabetic names and the parts of multi-part names. Brands with inner capitals or digits (OpenAI, GitHub,
    GPT4) are left out: every script writes them in Latin, and by sound OpenAI would vouch for the loanword
    オープン."""
    docs: dict[str, set[str]] = defaultdict(set)
    langs: dict[str, str] = {}
    alone: set[str] = set()
    for c in candidates:
        parts = split_parts(c.surface)
        forms = [c.surface] + ([p for p in parts if len(p) >= 3 and p.casefold() not in _GENERIC_PARTS]
                               if len(parts) > 1 else [])
        alone.add(parts[-1] if parts else c.surface)
        for form in forms:
            if strong_shape(form) or form.isupper():
                continue
            docs[form].add(c.doc_id)
            langs.setdefault(form, c.lang)
    kept = sorted(langs)
    single = [form for form in kept if form in alone]
    several = [form for form in kept if len(split_parts(form)) > 1]
    return Anchors(
        KeyTable.build(kept, [langs[f] for f in kept]),
        KeyTable.build(single, [langs[f] for f in single]),
        KeyTable.build(several, [langs[f] for f in several]),
        {form: frozenset(d) for form, d in docs.items()},
    )


def _glossed(text: str, end: int) -> tuple[int, int] | None:
    """The bracketed text right after ``end`` (one space allowed), as offsets of its inside."""
    i = end + (1 if text[end:end + 1] == " " else 0)
    if text[i:i + 1] not in _OPEN:
        return None
    close = min((p for p in (text.find(c, i + 1, i + 80) for c in _CLOSE) if p != -1), default=-1)
    return (i + 1, close) if close != -1 else None


def _gloss_partner(inside: tuple[int, int], doc_latin: list[Candidate], outer: str, lang: str) -> Candidate | None:
    """The Latin name inside a gloss that best matches the name before it (the only one if there is one)."""
    inner = [c for c in doc_latin if inside[0] <= c.start and c.end <= inside[1]]
    if len(inner) <= 1:
        return inner[0] if inner else None
    key = name_key(outer, lang)
    return max(inner, key=lambda c: (similarity(key, name_key(c.surface, c.lang)), c.end - c.start))


def _cjk(docs: list[Doc], anchors: Anchors, latin_by_doc: dict[str, list[Candidate]]) -> tuple[list[Candidate], list]:
    out: list[Candidate] = []
    glosses: list[tuple[str, int, int]] = []
    for doc in docs:
        if doc.lang not in ("zh", "ja") and doc.script not in ("Han", "Japanese"):
            continue
        latin = latin_by_doc.get(doc.doc_id, [])
        doc_first = len(out)
        scorer = _dot_scorer(doc, anchors, latin)
        for p_start, p_end in doc.spans:
            for name in cjk.han_dot_names(doc.text, p_start, p_end, scorer):
                c = Candidate(doc.doc_id, name.start, name.end, doc.text[name.start:name.end], doc.lang, "han")
                c.vote("PER", 2)
                out.append(c)
            for run in cjk.kana_runs(doc.text, p_start, p_end):
                surface = doc.text[run.start:run.end]
                c = Candidate(doc.doc_id, run.start, run.end, surface, doc.lang, "kana")
                inside = _glossed(doc.text, run.end)
                evidence = run.dotted or run.honorific or inside is not None
                evidence = evidence or doc.text.startswith(CJK_ORG_SUFFIXES, run.end)
                if not evidence and anchors.score(anchors.alone, surface, doc.lang, doc.doc_id) < KANA_MATCH \
                        and anchors.score(anchors.whole, surface, doc.lang, doc.doc_id) < KANA_WHOLE:
                    continue
                if run.dotted:
                    c.vote("PER", 1.5)
                out.append(c)
        for c in out[doc_first:]:
            inside = _glossed(doc.text, c.end)
            partner = _gloss_partner(inside, latin, c.surface, doc.lang) if inside else None
            if partner is not None:
                c.source = "gloss" if c.source == "han" else c.source
                glosses.append((doc.doc_id, c.start, partner.start))
    return out, glosses


def _dot_scorer(doc: Doc, anchors: Anchors, latin: list[Candidate]):
    """Score one side of a ·-name by sound: against the matching part of a Latin gloss right after the name's
    farthest end (first part for the given name, last for the family name), else against the anchors. A name's
    every possible given name and family name is scored with the same ``limit``, so the gloss's targets are found
    once per limit and role (each try scanned the article's Latin names)."""
    targets_at: dict[tuple[int, str], list[str] | None] = {}  # None: no gloss there

    def targets(role: str, limit: int) -> list[str] | None:
        if (limit, role) not in targets_at:
            inside = _glossed(doc.text, limit)
            glossed = [c for c in latin if inside and inside[0] <= c.start and c.end <= inside[1]]
            parts = [split_parts(c.surface) for c in glossed]
            targets_at[(limit, role)] = [p[0] if role == "given" else p[-1] for p in parts if p] if glossed else None
        return targets_at[(limit, role)]

    def score(form: str, role: str, limit: int) -> float:
        glossed = targets(role, limit)
        if glossed is not None:
            key = name_key(form, doc.lang)
            return max(similarity(key, name_key(t, "en")) for t in glossed)
        return anchors.score(anchors.every if role == "given" else anchors.alone, form, doc.lang, doc.doc_id)
    return score


def _arabic_threshold(word: str, base: float) -> float:
    """Long words rarely sound like a name by chance (مايكروسوفت, ten letters, scores 0.84 against Microsoft):
    the bar drops with length, never below :data:`ARABIC_LONG`."""
    letters = len(name_key(word, "ar").rom)
    if letters <= 5:
        return max(base, ARABIC_SHORT)  # سهم is not سام, تشير is not Шира
    return base if letters <= 6 else max(ARABIC_LONG, base - 0.02 * (letters - 6))


def _full_name(
    table: KeyTable, given: str, family: str, lang: str, cutoff: float, given_cutoff: float = GIVEN_MATCH,
    usable: Callable[[int], bool] = lambda index: True,
) -> bool:
    """Whether ``given family`` sounds like a two-part name of ``table`` part by part, the given name included
    (على ألتمان is not Sam Altman, Mempekerjakan Altman is not Sam Altman)."""
    for index in _pair_matches(table, f"{given}\x1f{family}", lang, cutoff - 0.05):
        parts = split_parts(table.forms[index])
        if len(parts) != 2 or not usable(index):
            continue
        if similarity(name_key(given, lang), name_key(parts[0])) >= given_cutoff and \
                similarity(name_key(family, lang), name_key(parts[1])) >= cutoff:
            return True
    return False


_PAIR_MEMO: dict[tuple[int, str, str, float], list[int]] = {}


def _pair_matches(table: KeyTable, pair: str, lang: str, cutoff: float) -> list[int]:
    """Indexes of two-part names of ``table`` near ``given family`` (memoised: articles repeat their pairs).
    The memo is cleared by :func:`extract` (tables live for one extraction)."""
    key = (id(table), pair, lang, cutoff)
    found = _PAIR_MEMO.get(key)
    if found is None:
        query = name_key(pair.replace("\x1f", " "), lang)
        found = _PAIR_MEMO[key] = [m.index for m in best_matches(query, table, cutoff=cutoff, limit=5)]
    return found


def _word_before(text: str, start: int, previous: dict[int, int]) -> int | None:
    """Start of the Arabic word one space before ``start`` (clitics on it are left for the caller's score)."""
    return previous.get(start - 1) if start and text[start - 1] == " " else None


def _arabic(docs: list[Doc], anchors: Anchors) -> list[Candidate]:
    """Arabic words that sound like an anchor, clitics dropped from the span; adjacent matches join (سام ألتمان).

    Arabic writes no short vowels, so a word's consonants match many names: a word alone must sound like a name
    that stands alone (a family name, a one-word name) at :data:`ARABIC_ALONE`, and must not carry the article
    ال (ألتمان begins with a hamza, a definite noun with plain ال); given names count only next to another match.
    """
    out: list[Candidate] = []
    cache: dict[tuple[str, str], tuple[float, float, int]] = {}
    hopeful: dict[str, list[tuple[str, int]] | None] = {}  # word -> its forms and clitic leads, None if hopeless

    def forms_of(word: str) -> list[tuple[str, int]] | None:
        """The word and its variants with their clitic leads; None if none sounds like an anchor (most words)."""
        if word not in hopeful:
            forms = [(word, 0)] + [(v.form, v.lead) for v in arabic_variants(word)]
            hopeful[word] = None if all(
                not m or m[0][1] < ARABIC_PAIR
                for m in (anchors._matches(id(anchors.every), anchors.every, f, "ar") for f, _ in forms)
            ) else forms
        return hopeful[word]

    def match(word: str, doc_id: str) -> tuple[float, float, int]:
        """(score against every anchor, against standalone ones, leading clitic letters to drop)."""
        forms = forms_of(word)
        if forms is None:
            return 0.0, 0.0, 0
        if (word, doc_id) not in cache:
            scored = [
                (anchors.score(anchors.every, f, "ar", doc_id), anchors.score(anchors.alone, f, "ar", doc_id), lead)
                for f, lead in forms
            ]
            cache[(word, doc_id)] = max(scored, key=lambda s: (s[0], s[1]))
        return cache[(word, doc_id)]

    for doc in docs:
        if not doc.arabic:
            continue  # Arabic articles, and Arabic names quoted in articles of other languages
        surfaces, arabic = doc.tokens["surface"], np.asarray(doc.arabic)
        # each distinct word of the article is judged once; only the tokens of hopeful words are read one by one
        ids = doc.flags["surface_id"][arabic]
        distinct, first = np.unique(ids, return_index=True)
        hopeful_ids = [word_id for word_id, at in zip(distinct.tolist(), arabic[first].tolist())
                       if len(surfaces[at]) >= 3 and forms_of(surfaces[at]) is not None]
        hits: list[tuple[int, int, float, float]] = []
        read = arabic[np.isin(ids, hopeful_ids)]
        for i, start, end in zip(read.tolist(), doc.flags["start"][read].tolist(), doc.flags["end"][read].tolist()):
            if not _in_body(doc, start, end):
                continue
            every, alone, lead = match(surfaces[i], doc.doc_id)
            if every >= ARABIC_PAIR:
                hits.append((start + lead, end, every, alone))
        if not hits:
            continue
        previous = dict(zip(doc.flags["end"][arabic].tolist(), doc.flags["start"][arabic].tolist()))  # end -> start
        taken_until = -1
        for start, end, every, alone in hits:
            if start < taken_until:
                continue
            word = doc.text[start:end]
            span = (start, end)
            before = _word_before(doc.text, start, previous)
            if before is not None:  # a given name before a family name: the pair must sound like a full name
                given = doc.text[before:start].strip()
                if _full_name(anchors.every, given, word, "ar", ARABIC_PAIR, ARABIC_GIVEN,
                              usable=anchors.usable(anchors.every, doc.doc_id)):
                    span = (before, end)
            if span == (start, end) and (
                alone < _arabic_threshold(word, ARABIC_ALONE) or (word.startswith("ال") and alone < 0.97)
            ):
                continue
            taken_until = span[1]
            lang = doc.lang if doc.script == "Arabic" else "ar"  # an Arabic name quoted in another language
            out.append(Candidate(doc.doc_id, span[0], span[1], doc.text[span[0]:span[1]], lang, "arabic"))
    return out


def _han_parts(docs: list[Doc], han: list[Candidate]) -> list[Candidate]:
    """Every other occurrence, in Chinese articles, of a ·-name or of its parts (two characters or more)."""
    forms: set[str] = set()
    for c in han:
        forms.add(c.surface)
        forms.update(p for p in c.surface.split("·") if len(p) >= 2)
    ordered = sorted(forms, key=len, reverse=True)
    out = []
    for doc in docs:
        if doc.lang != "zh":
            continue
        for form in ordered:
            at = doc.text.find(form)
            while at != -1:
                if _in_body(doc, at, at + len(form)):
                    out.append(Candidate(doc.doc_id, at, at + len(form), form, doc.lang, "hanpart"))
                at = doc.text.find(form, at + len(form))
    return out


#: Names the capitalised-run pass cannot see whole in Russian text, each a pattern with the type it names, the cue's
#: weight and whether its capital must not open a sentence: ООО «Ромашка» (legal form + quoted name); Кремниевой
#: долине, Красной площади (an adjective and a lower-case landform noun: Красивая долина opening a sentence is a
#: pretty valley); Уолл-стрит (English street names: the lower-case street noun says so anywhere).
_CYRILLIC_NAMES = ((_LEGAL_QUOTED, "ORG", 4, False), (_RU_PLACE, "LOC", 3, True), (_RU_STREET, "LOC", 3, False))


def _cyrillic_names(docs: list[Doc]) -> list[Candidate]:
    """The :data:`_CYRILLIC_NAMES` matches of the Cyrillic articles' body paragraphs (the whole match is the name)."""
    out = []
    for doc in docs:
        if doc.script != "Cyrillic":
            continue
        starts = doc.flags["start"]
        for pattern, etype, weight, mid_sentence in _CYRILLIC_NAMES:
            for p_start, p_end in doc.spans:
                for match in pattern.finditer(doc.text, p_start, p_end):
                    at = int(np.searchsorted(starts, match.start()))
                    if mid_sentence and at < len(starts) and starts[at] == match.start() and doc.initial[at]:
                        continue
                    c = Candidate(doc.doc_id, match.start(), match.end(), match.group(), doc.lang, "cap")
                    c.vote(etype, weight)
                    out.append(c)
    return out


def _gazetteer(docs: list[Doc], table: gazetteer.Gazetteer) -> list[Candidate]:
    out = []
    for doc in docs:
        for start, end, entry in table.find(doc.text, doc.lang):
            if _in_body(doc, start, end):
                c = Candidate(doc.doc_id, start, end, doc.text[start:end], doc.lang, "gazetteer", entry.canonical)
                if entry.etype is not None:
                    c.vote(entry.etype, 4)
                out.append(c)
    return out


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Per article, drop candidates overlapping a longer (then more precise) one; equal spans merge their votes."""
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_doc[c.doc_id].append(c)
    out: list[Candidate] = []
    for doc_cands in by_doc.values():
        kept: list[Candidate] = []
        spans: dict[tuple[int, int], Candidate] = {}
        occupied = bytearray(max(c.end for c in doc_cands))
        for c in sorted(doc_cands, key=lambda c: (-(c.end - c.start), _SOURCE_RANK[c.source], c.start)):
            same = spans.get((c.start, c.end))
            if same is not None:
                for etype, weight in c.votes.items():
                    same.vote(etype, weight)
                same.link = same.link or c.link
                continue
            if 1 in occupied[c.start:c.end]:  # (slices of the byte array: no Python step per character)
                continue
            kept.append(c)
            spans[(c.start, c.end)] = c
            occupied[c.start:c.end] = b"\x01" * (c.end - c.start)
        out.extend(sorted(kept, key=lambda c: c.start))
    return out


def extract(corpus, aliases: Iterable[AliasGroup] = ()) -> Extraction:
    """All mentions of ``corpus`` (a :class:`corpus.collection.Corpus`), unlinked, with typing votes; the forms of
    ``aliases`` (the user's alias groups) are found like gazetteer names."""
    _PAIR_MEMO.clear()
    docs, lower, distinct = _documents(corpus)
    texts = {d.doc_id: d.text for d in docs}
    alpha = _alphabetic(docs, lower, distinct)
    anchors = _anchor_tables(alpha)
    latin_by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in alpha:
        latin_by_doc[c.doc_id].append(c)
    cjk_cands, glosses = _cjk(docs, anchors, latin_by_doc)
    han = [c for c in cjk_cands if c.source in ("han", "gloss") and "·" in c.surface]
    found = [*alpha, *cjk_cands, *_arabic(docs, anchors), *_han_parts(docs, han), *_gazetteer(docs, gazetteer.Gazetteer(aliases)),
             *_cyrillic_names(docs)]
    glosses.extend(_alphabetic_glosses(docs, alpha, latin_by_doc))
    resolved = _resolve(found)
    resolved = _merged(resolved, _resolve(_unclaimed(resolved, _translated(corpus, docs))))
    shapes: dict[str, tuple[bool, bool, bool]] = {}
    for c in resolved:
        _vote_context(c, texts[c.doc_id], shapes)
    kept = {(c.doc_id, c.start) for c in resolved}
    return Extraction(resolved, [g for g in glosses if (g[0], g[1]) in kept and (g[0], g[2]) in kept])


def _translated(corpus, docs: list[Doc]) -> list[Candidate]:
    """Dictionary names (:mod:`.translated`) in the body of the Chinese articles, linked to their English name."""
    chinese = {d.doc_id: d for d in docs if d.lang == "zh"}
    if not chinese:
        return []
    tokens = corpus.tokens.filter(pl.col("doc_id").is_in(list(chinese))).select("doc_id", "start", "end", "surface",
                                                                               "script")
    out = []
    for doc_id, start, end, surface, english in translated.find(tokens):
        if _in_body(chinese[doc_id], start, end):
            c = Candidate(doc_id, start, end, surface, "zh", "dictionary", english)
            for etype, weight in translated.type_votes(english).items():
                c.vote(etype, weight)
            out.append(c)
    return out


def _unclaimed(resolved: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """The ``extra`` candidates that overlap none of ``resolved`` (the non-overlapping mentions of each article)."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for c in resolved:
        taken[c.doc_id].append((c.start, c.end))
    out = []
    for c in extra:
        spans = taken.get(c.doc_id, [])
        i = bisect.bisect_left(spans, (c.end, c.end))  # spans starting before c.end: only the last may reach c
        if i == 0 or spans[i - 1][1] <= c.start:
            out.append(c)
    return out


def _merged(resolved: list[Candidate], extra: list[Candidate]) -> list[Candidate]:
    """Two resolved lists that overlap nowhere as one, as :func:`_resolve` would order them together: articles in
    order of first appearance, each article's mentions by start (a second resolve of everything cost as much as the
    first)."""
    by_doc: dict[str, list[Candidate]] = defaultdict(list)
    for c in (*resolved, *extra):
        by_doc[c.doc_id].append(c)
    return [c for doc_cands in by_doc.values() for c in sorted(doc_cands, key=lambda c: c.start)]


def _alphabetic_glosses(
    docs: list[Doc], alpha: list[Candidate], latin_by_doc: dict[str, list[Candidate]]
) -> list[tuple[str, int, int]]:
    """Gloss pairs of Cyrillic (and other cased non-Latin) names glossed in Latin: Сэм Альтман (Sam Altman)."""
    by_doc = {d.doc_id: d for d in docs}
    pairs = []
    for c in alpha:
        if c.source != "cap" or by_doc[c.doc_id].script == "Latin":
            continue
        inside = _glossed(by_doc[c.doc_id].text, c.end)
        partner = _gloss_partner(inside, latin_by_doc[c.doc_id], c.surface, c.lang) if inside else None
        if partner is not None and partner is not c:
            pairs.append((c.doc_id, c.start, partner.start))
    return pairs
