"""The per-corpus search index: keys computed once per *distinct* form, postings to join them back to offsets.

Two routes share it:

- words: every distinct token ``norm`` with its folded key (:func:`corpus.names.folded_key`), the distinct folds
  sorted (prefix look-up by bisection) and bucketed by length (typo look-up), and token postings sorted by norm;
- names: the distinct name candidate forms of the corpus (runs of ICU tokens, so アルト|マン is one form) as a
  :class:`corpus.names.KeyTable`, and span postings sorted by form.

Building costs seconds per thousand articles (romanisation and skeletons in Python), so :mod:`.index_cache`
keeps every piece in the corpus's Parquet cache folder and a rebuild reuses what did not change: spans per article
(by content hash and language), keys per form, folds per norm. Nothing here runs per keystroke.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from corpus.collection import Corpus
from corpus.ingest import default_workers
from corpus.pool import map_tasks
from corpus.schema import empty
from corpus.names import KeyTable, folded_key
from corpus.names.romanise import script_of
from corpus.search.priors import not_names
from corpus.search.spans import doc_spans

SEARCH_INDEX_VERSION = "2"
#: Article text above which the per-article span work goes to the process pool (its start costs ~0.3 s; the work
#: ~20 ms an article of 8,000 characters), and articles per pool task.
PARALLEL_CHARS = 2_000_000
TASK_ARTICLES = 64
WORD_KINDS = ("word", "number", "kana", "ideographic")
# kana, Han (BMP, compatibility, astral): a query with one of these is also searched as a substring
CJK_CHARACTER = "[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"

SPANS_SCHEMA = {
    "doc_id": pl.String, "content_hash": pl.String, "lang": pl.String,
    "start": pl.Int64, "end": pl.Int64, "surface": pl.String, "before": pl.String, "after": pl.String,
}
GLOSSES_SCHEMA = {"doc_id": pl.String, "content_hash": pl.String, "lang": pl.String, "form": pl.String, "gloss": pl.String}
UNITS_SCHEMA = {
    "surface": pl.String, "lang": pl.String, "rom": pl.String, "weight": pl.Float64, "is_part": pl.Boolean,
    "lead": pl.Int32, "trail": pl.Int32, "skeletons": pl.List(pl.String), "lattice": pl.String, "scope": pl.Int8,
}
FOLDS_SCHEMA = {"norm": pl.String, "fold": pl.String}
POSTINGS_SCHEMA = {"norm_id": pl.Int32, "doc_idx": pl.Int32, "start": pl.Int64, "end": pl.Int64}


@dataclass
class Pieces:
    """The cacheable frames an index is assembled from (what :mod:`.index_cache` reads and writes)."""

    spans: pl.DataFrame
    glosses: pl.DataFrame
    units: pl.DataFrame
    folds: pl.DataFrame
    postings: pl.DataFrame
    not_names: pl.DataFrame  # candidate surfaces the corpus writes like ordinary words (see .priors)


def fingerprint(documents: pl.DataFrame) -> str:
    """Changes whenever an article's text or language (or the index layout) changes."""
    digest = hashlib.sha256(SEARCH_INDEX_VERSION.encode())
    for doc_id, content_hash, lang in documents.select("doc_id", "content_hash", "lang").iter_rows():
        digest.update(f"{doc_id}\t{content_hash}\t{lang}\n".encode())
    return digest.hexdigest()


@dataclass
class SearchIndex:
    """Everything a query needs, read-only once built (so worker threads can share it without locks)."""

    docs: pl.DataFrame  # doc_idx, doc_id, path, lang
    texts: list[str]
    text_frame: pl.DataFrame  # doc_idx, text: for substring and regex search in Polars
    cjk_docs: np.ndarray  # bool per article: has a CJK_CHARACTER (the only articles a CJK substring can be in)
    doc_langs: list[str]
    doc_ids: list[str]
    doc_paths: list[str]
    # words
    norms: list[str]
    norm_folds: list[str]
    fold_norms: dict[str, list[int]]
    folds_sorted: list[str]
    folds_by_len: dict[int, list[str]]
    norm_offsets: np.ndarray
    tok_doc: np.ndarray
    tok_start: np.ndarray
    tok_end: np.ndarray
    # names
    table: KeyTable
    form_scripts: list[str]
    form_offsets: np.ndarray
    span_doc: np.ndarray
    span_start: np.ndarray
    span_end: np.ndarray
    glosses: pl.DataFrame  # form, gloss, lang, count
    doc_index: dict[str, int] = field(default_factory=dict)

    def folds_with_prefix(self, prefix: str) -> list[str]:
        """Distinct folds starting with ``prefix`` (bisection over the sorted folds)."""
        out: list[str] = []
        at = bisect_left(self.folds_sorted, prefix)
        while at < len(self.folds_sorted) and self.folds_sorted[at].startswith(prefix):
            out.append(self.folds_sorted[at])
            at += 1
        return out

    def token_rows(self, norm_ids: list[int]) -> np.ndarray:
        """Indices into the token postings of every occurrence of the given norms."""
        if not norm_ids:
            return np.empty(0, dtype=np.int64)
        return np.concatenate([np.arange(self.norm_offsets[i], self.norm_offsets[i + 1]) for i in norm_ids])

    def span_rows(self, form_ids: list[int]) -> np.ndarray:
        """Indices into the span postings of every occurrence of the given name forms."""
        if not form_ids:
            return np.empty(0, dtype=np.int64)
        return np.concatenate([np.arange(self.form_offsets[i], self.form_offsets[i + 1]) for i in form_ids])


# ------------------------------------------------------------------------------------------------ building
def _doc_table(corpus: Corpus) -> pl.DataFrame:
    return corpus.documents.select("doc_id", "path", "lang", "content_hash").with_row_index("doc_idx").with_columns(
        pl.col("doc_idx").cast(pl.Int32)
    )


def build_pieces(corpus: Corpus, previous: Pieces | None) -> Pieces:
    """Compute the index frames, reusing from ``previous`` every article, form and norm that did not change."""
    docs = _doc_table(corpus)
    spans, glosses = _spans_and_glosses(corpus, docs, previous)
    units = _units(spans, previous.units if previous is not None else None)
    folds, postings = _words(corpus, docs, previous.folds if previous is not None else None)
    return Pieces(spans, glosses, units, folds, postings, not_names(corpus, spans, folds))


def _spans_and_glosses(
    corpus: Corpus, docs: pl.DataFrame, previous: Pieces | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = docs.select("doc_id", "content_hash", "lang")
    reused_spans = reused_glosses = None
    todo = keys
    if previous is not None:
        reused_spans = previous.spans.join(keys, on=["doc_id", "content_hash", "lang"], how="semi")
        reused_glosses = previous.glosses.join(keys, on=["doc_id", "content_hash", "lang"], how="semi")
        done = previous.spans.select("doc_id", "content_hash", "lang").unique()
        # an article with no name candidates at all leaves no span row: it is simply analysed again
        todo = keys.join(done, on=["doc_id", "content_hash", "lang"], how="anti")
    new_spans, new_glosses = empty(SPANS_SCHEMA), empty(GLOSSES_SCHEMA)
    if todo.height:
        wanted = set(todo["doc_id"].to_list())
        texts = dict(corpus.documents.filter(pl.col("doc_id").is_in(wanted)).select("doc_id", "text").iter_rows())
        tokens = corpus.tokens.filter(pl.col("doc_id").is_in(wanted)).select(
            "doc_id", "start", "end", "surface", "script", "kind"
        )
        by_doc = tokens.partition_by("doc_id", as_dict=True, maintain_order=True)
        jobs = [(doc_id, content_hash, lang, texts[doc_id], by_doc[(doc_id,)])
                for doc_id, content_hash, lang in todo.iter_rows() if (doc_id,) in by_doc]
        workers = default_workers() if sum(len(job[3]) for job in jobs) >= PARALLEL_CHARS else 1
        tasks = [jobs[i:i + TASK_ARTICLES] for i in range(0, len(jobs), TASK_ARTICLES)]
        parts = list(map_tasks(spans_task, tasks, workers))
        if parts:
            new_spans = pl.concat([spans for spans, _ in parts])
            new_glosses = pl.concat([glosses for _, glosses in parts])
    spans = pl.concat([f for f in (reused_spans, new_spans) if f is not None])
    glosses = pl.concat([f for f in (reused_glosses, new_glosses) if f is not None])
    return spans, glosses


def spans_task(jobs: list[tuple[str, str, str, str, pl.DataFrame]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The span and gloss rows of articles ``(doc_id, content_hash, lang, text, tokens)``: the per-article part of
    a build (most of its time), run in pool workers for a large corpus."""
    span_columns: dict[str, list] = {name: [] for name in SPANS_SCHEMA}
    gloss_rows: list[tuple] = []
    for doc_id, content_hash, lang, text, frame in jobs:
        result = doc_spans(text, frame.to_dict(as_series=False), lang)
        n = len(result.spans)
        for name, value in (("doc_id", doc_id), ("content_hash", content_hash), ("lang", lang)):
            span_columns[name].extend([value] * n)
        for name, values in zip(("start", "end", "surface", "before", "after"), zip(*result.spans)):
            span_columns[name].extend(values)
        gloss_rows.extend((doc_id, content_hash, lang, form, gloss) for form, gloss in result.glosses)
    return (pl.DataFrame(span_columns, schema=SPANS_SCHEMA),  # by column: rows of tuples cost twice as much
            pl.DataFrame(gloss_rows, schema=GLOSSES_SCHEMA, orient="row"))


def _units(spans: pl.DataFrame, previous: pl.DataFrame | None) -> pl.DataFrame:
    """Comparison units (the KeyTable's rows) of every distinct (surface, lang) form, new forms only computed."""
    forms = spans.select("surface", "lang").unique()
    reused = None
    if previous is not None:
        reused = previous.join(forms, on=["surface", "lang"], how="semi")
        forms = forms.join(previous.select("surface", "lang").unique(), on=["surface", "lang"], how="anti")
    surfaces, langs = forms["surface"].to_list(), forms["lang"].to_list()
    table = KeyTable.build(surfaces, langs)
    unit_skeletons: list[list[str]] = [[] for _ in table.unit_form]
    for skeleton, unit_ids in zip(table.skeletons, table.skeleton_units):
        for unit_id in unit_ids:
            unit_skeletons[unit_id].append(skeleton)
    new = pl.DataFrame(
        {
            "surface": [surfaces[i] for i in table.unit_form],
            "lang": [langs[i] for i in table.unit_form],
            "rom": table.unit_rom,
            "weight": table.unit_weight,
            "is_part": table.unit_is_part,
            "lead": [lead for lead, _ in table.unit_span],
            "trail": [trail for _, trail in table.unit_span],
            "skeletons": unit_skeletons,
            "lattice": table.unit_lattice,
            "scope": table.unit_scope,
        },
        schema=UNITS_SCHEMA,
    )
    return new if reused is None else pl.concat([reused, new])


def _words(corpus: Corpus, docs: pl.DataFrame, previous: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    tokens = corpus.tokens.filter(pl.col("kind").is_in(WORD_KINDS)).select("doc_id", "start", "end", "norm")
    norms = tokens.select("norm").unique().sort("norm")
    known: dict[str, str] = dict(previous.iter_rows()) if previous is not None else {}
    folds = norms.with_columns(
        pl.Series("fold", [known.get(n) or folded_key(n) for n in norms["norm"].to_list()], dtype=pl.String)
    )
    postings = (
        tokens.join(docs.select("doc_id", "doc_idx"), on="doc_id")
        .join(folds.with_row_index("norm_id").select(pl.col("norm_id").cast(pl.Int32), "norm"), on="norm")
        .select("norm_id", "doc_idx", "start", "end")
        .sort("norm_id", "doc_idx", "start")
    )
    return folds, postings


# ---------------------------------------------------------------------------------------------- assembling
def _offsets(sorted_ids: np.ndarray, count: int) -> np.ndarray:
    return np.searchsorted(sorted_ids, np.arange(count + 1), side="left")


ASSEMBLED = ("forms", "units", "skeletons", "spans", "folds", "postings", "glosses")


def assemble_frames(pieces: Pieces) -> dict[str, pl.DataFrame]:
    """The query-time layout: integer ids, sorted postings. Cached too, so a warm start only reads and converts."""
    forms = (
        pieces.units.select("surface", "lang").unique(maintain_order=True)
        .join(pieces.not_names, on="surface", how="anti", maintain_order="left")
        .with_row_index("form_id")
    )
    units = pieces.units.join(forms, on=["surface", "lang"]).sort("form_id", maintain_order=True)
    units = units.with_row_index("unit_id")
    skeletons = (
        units.select("unit_id", "skeletons").explode("skeletons").drop_nulls("skeletons")
        .group_by("skeletons", maintain_order=True).agg(pl.col("unit_id"))
    )
    spans = (
        pieces.spans.join(forms, on=["surface", "lang"])
        .select("form_id", "doc_id", "start", "end")
    )
    return {
        "forms": forms.select("surface"),
        "units": units.select("form_id", "rom", "weight", "is_part", "lead", "trail", "lattice", "scope"),
        "skeletons": skeletons,
        "spans": spans,
        "folds": pieces.folds,
        "postings": pieces.postings,
        "glosses": pieces.glosses.group_by("form", "gloss", "lang").agg(pl.len().alias("count"))
        .sort("form", "gloss", "lang"),
    }


def from_frames(corpus: Corpus, frames: dict[str, pl.DataFrame]) -> SearchIndex:
    """The :class:`SearchIndex` of ``corpus`` from :func:`assemble_frames`' output (fresh or from the cache)."""
    docs = _doc_table(corpus)
    units, skeletons = frames["units"], frames["skeletons"]
    surfaces = frames["forms"]["surface"].to_list()
    table = KeyTable(
        forms=surfaces,
        keys=[],  # the query side needs only the flattened units below
        unit_form=units["form_id"].to_list(),
        unit_rom=units["rom"].to_list(),
        unit_weight=units["weight"].to_list(),
        unit_is_part=units["is_part"].to_list(),
        unit_span=list(zip(units["lead"].to_list(), units["trail"].to_list())),
        unit_lattice=units["lattice"].to_list(),
        unit_scope=units["scope"].to_list(),
        skeletons=skeletons["skeletons"].to_list(),
        skeleton_units=skeletons["unit_id"].to_list(),
    )
    spans = (
        frames["spans"].join(docs.select("doc_id", "doc_idx"), on="doc_id")
        .select("form_id", "doc_idx", "start", "end").sort("form_id", "doc_idx", "start")
    )
    folds = frames["folds"]
    norms, norm_folds = folds["norm"].to_list(), folds["fold"].to_list()
    fold_norms: dict[str, list[int]] = {}
    for norm_id, fold in enumerate(norm_folds):
        fold_norms.setdefault(fold, []).append(norm_id)
    folds_by_len: dict[int, list[str]] = {}
    for fold in fold_norms:
        folds_by_len.setdefault(len(fold), []).append(fold)
    postings = frames["postings"]
    text_frame = pl.DataFrame({"doc_idx": docs["doc_idx"], "text": corpus.documents["text"]})
    return SearchIndex(
        docs=docs.select("doc_idx", "doc_id", "path", "lang"),
        texts=corpus.documents["text"].to_list(),
        text_frame=text_frame,
        cjk_docs=text_frame["text"].str.contains(CJK_CHARACTER).to_numpy(),
        doc_langs=docs["lang"].to_list(),
        doc_ids=docs["doc_id"].to_list(),
        doc_paths=docs["path"].to_list(),
        norms=norms,
        norm_folds=norm_folds,
        fold_norms=fold_norms,
        folds_sorted=sorted(fold_norms),
        folds_by_len=folds_by_len,
        norm_offsets=_offsets(postings["norm_id"].to_numpy(), len(norms)),
        tok_doc=postings["doc_idx"].to_numpy(),
        tok_start=postings["start"].to_numpy(),
        tok_end=postings["end"].to_numpy(),
        table=table,
        form_scripts=[script_of(s) for s in surfaces],
        form_offsets=_offsets(spans["form_id"].to_numpy(), len(surfaces)),
        span_doc=spans["doc_idx"].to_numpy(),
        span_start=spans["start"].to_numpy(),
        span_end=spans["end"].to_numpy(),
        glosses=frames["glosses"],
        doc_index=dict(zip(docs["doc_id"].to_list(), docs["doc_idx"].to_list())),
    )
