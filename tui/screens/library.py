"""The library: every article with its title, language, script, size and date/source; sort, language filter
and ``f`` to filter by typing. The first screen, so it also shows ingest progress on a cold start."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Footer, ProgressBar, Static

from corpus.collection import Corpus
from corpus.textlayout.find import fold
from tui import keymap
from tui.screens.base import BaseScreen
from tui.widgets.bidi_label import fit
from tui.widgets.filter_box import FilterBox, TextFiltered
from tui.widgets.virtual_table import Column, VirtualTable


def _size(value: object) -> str:
    n = int(value or 0)
    if n >= 1_000_000:
        return f"{n / 1e6:.1f}M"
    return f"{n / 1000:.1f}k" if n >= 1000 else str(n)


SORT_KEYS = ["doc_id", "title", "lang", "script", "chars", "when"]
WIDE = 110  # from this many columns on, dates/sources and file names get their full width


def columns(width: int, fit_title: Callable[[str, int], str]) -> list[Column]:
    """The table's columns for a terminal ``width`` cells wide: the title takes what the others leave."""
    wide = width >= WIDE
    return [
        Column("title", "Title", fit=fit_title),
        Column("lang", "Lang", width=4),
        Column("script", "Script", width=9 if wide else 8),
        Column("chars", "Chars", width=7 if wide else 6, align="right", format=_size),
        Column("when", "Date / source", width=16 if wide else 10),
        Column("doc_id", "Article", width=22 if wide else 14),
    ]


class LibraryScreen(TextFiltered, BaseScreen):
    SCOPES = (keymap.GLOBAL, "movement", "library")
    BINDINGS = keymap.bindings("library")
    DEFAULT_CSS = """
    LibraryScreen #library-status { height: 1; background: $boost; padding: 0 1; }
    LibraryScreen #library-filter { dock: bottom; }
    LibraryScreen ProgressBar { padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__(id="library")
        self.corpus: Corpus | None = None
        self.sort_key = "doc_id"
        self.descending = False
        self.language: str | None = None
        self.text_filter = ""
        self.doc_filter: tuple[frozenset[str], str] | None = None  # (doc_ids, label), set by filter_to_docs
        self._keys = pl.DataFrame(schema={"doc_id": pl.String, "_key": pl.String})

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="library-status")
        yield ProgressBar(id="library-progress", show_eta=False)
        yield VirtualTable(columns(self.app.size.width, self._fit_title), id="library-table")
        yield FilterBox(placeholder="filter articles by title, language or file name", id="library-filter",
                        on_change=self._filter_changed, focus_back="#library-table")
        yield Footer()

    # data -----------------------------------------------------------------------------------------------
    def show_progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        status = self.query_one("#library-status", Static)
        if total <= 0:  # nothing cached: the files are still being found
            bar.update(total=None)
            status.update("Analysing the corpus… finding files")
            return
        bar.update(total=total, progress=done)
        status.update(f"Analysing the corpus… {done / 1e6:.1f}/{total / 1e6:.1f} MB")

    def _fit_title(self, title: str, width: int) -> str:
        """Titles go through the reader's bidi layer, so an Arabic title reads right to left in ``app`` mode."""
        settings = self.app.settings  # type: ignore[attr-defined]
        return fit(title, width, settings.bidi, shape=settings.arabic_shaping)

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # one folded key per article, so typing filters like find-in-article does (case and width ignored)
        self._keys = corpus.documents.select(
            pl.col("doc_id"),
            pl.concat_str([pl.col("title").fill_null(""), pl.col("doc_id")], separator=" ")
            .map_elements(fold, return_dtype=pl.String)
            .alias("_key"),
        )
        self.query_one(ProgressBar).display = False
        self._refresh_rows()
        self.query_one(VirtualTable).focus()

    def _rows(self) -> pl.DataFrame:
        assert self.corpus is not None
        docs = self.corpus.documents.with_columns(
            pl.coalesce(pl.col("date"), pl.col("source"), pl.lit("")).alias("when")
        )
        if self.language:
            docs = docs.filter(pl.col("lang") == self.language)
        if self.doc_filter is not None:
            docs = docs.filter(pl.col("doc_id").is_in(list(self.doc_filter[0])))
        if self.text_filter:
            needle = fold(self.text_filter)
            docs = docs.join(self._keys, on="doc_id", how="left").filter(
                pl.col("_key").str.contains(needle, literal=True) | (pl.col("lang") == needle)
            ).drop("_key")
        return docs.sort(self.sort_key, descending=self.descending, nulls_last=True)

    def _refresh_rows(self) -> None:
        if self.corpus is None:
            return
        rows = self._rows()
        self.query_one(VirtualTable).set_frame(rows)
        total = self.corpus.documents.height
        langs = ", ".join(f"{k} {v}" for k, v in self.corpus.stats()["languages"].items())
        shown = f"{rows.height} of {total}" if rows.height != total else str(total)
        where = "sample corpus" if self.corpus.is_sample else str(self.corpus.root)
        filters = [f"lang={self.language}"] if self.language else []
        if self.text_filter:
            filters.append(f"“{self.text_filter}”")
        if self.doc_filter is not None:
            filters.append(f"{self.doc_filter[1]} (Esc shows all)")
        skipped = f" · {len(self.corpus.skipped)} skipped" if self.corpus.skipped else ""
        order = f"sorted by {self.sort_key}{' ↓' if self.descending else ''}"
        self.query_one("#library-status", Static).update(
            f"{where} · {shown} articles · {langs}{skipped} · {order}" + (" · " + " ".join(filters) if filters else "")
        )

    def on_resize(self, event: events.Resize) -> None:
        table = self.query_one(VirtualTable)
        table.columns = columns(event.size.width, self._fit_title)
        if self.corpus is not None:
            table.set_frame(table.frame, keep_cursor=True)

    def on_screen_resume(self) -> None:
        """Back from the reader: the bidi mode may have changed, so titles are drawn again."""
        if self.corpus is not None:
            table = self.query_one(VirtualTable)
            table.set_frame(table.frame, keep_cursor=True)

    # actions --------------------------------------------------------------------------------------------
    @on(VirtualTable.Selected)
    def _open(self, event: VirtualTable.Selected) -> None:
        row = event.table.current_row()
        if row:
            self.app.open_reader(row["doc_id"])  # type: ignore[attr-defined]

    def action_cycle_sort(self) -> None:
        self.sort_key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self._refresh_rows()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self._refresh_rows()

    def action_cycle_language(self) -> None:
        if self.corpus is None:
            return
        langs = [None, *sorted(self.corpus.documents["lang"].unique().to_list())]
        self.language = langs[(langs.index(self.language) + 1) % len(langs)]
        self._refresh_rows()

    def filter_to_docs(self, doc_ids: list[str], label: str) -> None:
        """Show only ``doc_ids`` (e.g. the articles that mention an entity), named ``label`` in the status line;
        Esc brings every article back."""
        self.doc_filter = (frozenset(doc_ids), label)
        self._refresh_rows()

    def refilter(self) -> None:
        self._refresh_rows()

    def action_back(self) -> None:
        box = self.query_one(FilterBox)
        if self.doc_filter is not None and not (box.has_focus or self.text_filter):
            self.doc_filter = None
            self._refresh_rows()
            return
        if self.close_filter():
            return
        self.app.exit()
