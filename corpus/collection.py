"""``Corpus``: the analysed frames of one corpus, plus the look-ups every caller needs.

Frames needed for the first screen (documents, paragraphs) are held in memory; the large ones (tokens,
sentences, vocabulary) are read from the Parquet cache on first use, so reopening a big corpus is fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from corpus.discover import discover


class DocumentNotFound(LookupError):
    """A ``--doc`` reference that names no article, or several; the message lists candidates."""


@dataclass(frozen=True, slots=True)
class Skipped:
    path: str
    reason: str


@dataclass
class Corpus:
    root: Path
    documents: pl.DataFrame
    paragraphs: pl.DataFrame
    skipped: list[Skipped]
    ignored: list[str]
    source: Path | None = None  # what was opened (a folder or one file); None means the root
    file_stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # rel → (size, mtime_ns) at load
    _lazy: dict[str, Callable[[], pl.DataFrame]] = field(default_factory=dict, repr=False)
    _loaded: dict[str, pl.DataFrame] = field(default_factory=dict, repr=False)
    is_sample: bool = False

    def _frame(self, name: str) -> pl.DataFrame:
        if name not in self._loaded:
            self._loaded[name] = self._lazy[name]()
        return self._loaded[name]

    @property
    def tokens(self) -> pl.DataFrame:
        return self._frame("tokens")

    @property
    def sentences(self) -> pl.DataFrame:
        return self._frame("sentences")

    @property
    def vocabulary(self) -> pl.DataFrame:
        return self._frame("vocabulary")

    @property
    def doc_ids(self) -> list[str]:
        return self.documents["doc_id"].to_list()

    def resolve_doc(self, ref: str) -> str:
        """A doc_id from a doc_id, a unique prefix of one, a file name, or a path relative to the root."""
        ids = self.doc_ids
        if ref in ids:
            return ref
        ref_posix = ref.replace("\\", "/")
        try:
            relative = Path(ref).resolve().relative_to(self.root).as_posix()
        except ValueError:
            relative = ref_posix
        if relative in ids:
            return relative
        by_name = [d for d in ids if d.rsplit("/", 1)[-1] == ref_posix or d.rsplit("/", 1)[-1].split("#")[0] == ref_posix]
        by_prefix = [d for d in ids if d.startswith(ref_posix) or d.rsplit("/", 1)[-1].startswith(ref_posix)]
        for matches in (by_name, by_prefix):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
                raise DocumentNotFound(f"{ref!r} matches {len(matches)} articles: {shown}")
        raise DocumentNotFound(f"no article matches {ref!r}")

    def document(self, doc_id: str) -> dict:
        rows = self.documents.filter(pl.col("doc_id") == doc_id)
        if rows.height == 0:
            raise DocumentNotFound(f"no article {doc_id!r}")
        return rows.row(0, named=True)

    def text(self, doc_id: str) -> str:
        return self.document(doc_id)["text"]

    def paragraphs_of(self, doc_id: str) -> pl.DataFrame:
        return self.paragraphs.filter(pl.col("doc_id") == doc_id).sort("index")

    def sentences_of(self, doc_id: str) -> pl.DataFrame:
        return self.sentences.filter(pl.col("doc_id") == doc_id).sort("index")

    def tokens_of(self, doc_id: str) -> pl.DataFrame:
        return self.tokens.filter(pl.col("doc_id") == doc_id)

    def changed_on_disk(self) -> bool:
        """Whether any file was added, removed or modified since this corpus was loaded (a cheap stat pass)."""
        found = discover(self.source or self.root)
        now = {f.rel: (f.size, f.mtime_ns) for f in found.files}
        return now != self.file_stamps

    def stats(self) -> dict:
        """The summary ``babelscope stats --json`` prints (CONVENTIONS.md shape)."""
        def counts(column: str) -> dict[str, int]:
            grouped = self.documents.group_by(column).len().sort(["len", column], descending=[True, False])
            return {row[0]: row[1] for row in grouped.iter_rows()}

        return {
            "articles": self.documents.height,
            "languages": counts("lang"),
            "scripts": counts("script"),
            "tokens": int(self.documents["n_tokens"].sum() or 0),
            "vocabulary": self.vocabulary.height,
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }
