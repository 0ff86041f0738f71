"""A dispersion plot of search hits: one line per article, a bar showing where in the article the hits fall.

Concordancers (AntConc's Plot tool) show this because it answers "is the name all over the article or only in
one passage?" at a glance. The bar is cells of density glyphs (│ one hit, ┃ a few, █ many), so it reads the same
in 16 colours and with NO_COLOR; the selected hit is a ◆ drawn in reverse. Only the lines on screen are drawn,
and the strip scrolls to keep the selected hit's article in view.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from corpus.textlayout.inert import inert
from tui.widgets.bidi_label import fit
from tui.widgets.kwic import pad

CURRENT = "◆"


@dataclass(frozen=True, slots=True)
class ArticleHits:
    doc_id: str
    lang: str
    title: str
    chars: int       # the article's length, the bar's full scale
    starts: tuple[int, ...]


def density_glyph(count: int) -> str:
    return "·" if count == 0 else "│" if count == 1 else "┃" if count <= 3 else "█"


def bar(starts: tuple[int, ...], chars: int, cells: int, current: int | None = None) -> str:
    """``cells`` glyphs; cell ``i`` counts the hits in the ``i``-th equal slice of the article's ``chars``."""
    counts = [0] * cells
    scale = max(1, chars)
    for start in starts:
        counts[min(cells - 1, start * cells // scale)] += 1
    glyphs = [density_glyph(c) for c in counts]
    if current is not None and cells:
        glyphs[min(cells - 1, current * cells // scale)] = CURRENT
    return "".join(glyphs)


ARTICLE_COLUMNS = {"doc_id": pl.String, "lang": pl.String, "title": pl.String, "chars": pl.Int64,
                   "starts": pl.List(pl.Int64)}


def articles_with_hits(hits: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    """One row per article of ``hits``, in corpus order, with its sorted hit offsets (``documents``: doc_id,
    lang, title, chars, in corpus order). A frame, not Python objects: the strip reads only the rows it draws."""
    if hits.is_empty():
        return pl.DataFrame(schema=ARTICLE_COLUMNS)
    per_doc = hits.group_by("doc_id").agg(pl.col("start").sort().alias("starts"))
    return documents.select("doc_id", "lang", "title", "chars").join(per_doc, on="doc_id", how="inner",
                                                                     maintain_order="left")


class DispersionStrip(Widget):
    """Where the hits fall, per article; the screen sets its height (a few lines) from the terminal size."""

    DEFAULT_CSS = """
    DispersionStrip { height: 3; }
    DispersionStrip > .dispersion--bar { color: $accent; }
    DispersionStrip > .dispersion--label { color: $text-muted; }
    DispersionStrip > .dispersion--current { text-style: bold reverse; }
    """
    COMPONENT_CLASSES = {"dispersion--bar", "dispersion--label", "dispersion--current"}

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.articles = pl.DataFrame(schema=ARTICLE_COLUMNS)
        self.current: tuple[str, int] | None = None
        self.bidi = "terminal"
        self.shape = True
        self._index: dict[str, int] = {}
        self._rows: dict[int, ArticleHits] = {}
        self._top = 0

    def set_bidi(self, mode: str, shape: bool = True) -> None:
        self.bidi, self.shape = mode, shape
        self.refresh()

    def set_articles(self, articles: pl.DataFrame) -> None:
        self.articles = articles
        self._index = {doc_id: i for i, doc_id in enumerate(articles["doc_id"].to_list())}
        self._rows.clear()
        self._top = 0
        self.refresh()

    @property
    def article_count(self) -> int:
        return self.articles.height

    def article(self, index: int) -> ArticleHits:
        row = self._rows.get(index)
        if row is None:
            if len(self._rows) > 256:
                self._rows.clear()
            r = self.articles.row(index, named=True)
            row = ArticleHits(r["doc_id"], r["lang"] or "?", inert(r["title"] or r["doc_id"]), int(r["chars"] or 0),
                              tuple(r["starts"]))
            self._rows[index] = row
        return row

    def set_current(self, doc_id: str | None, start: int | None) -> None:
        self.current = (doc_id, start) if doc_id is not None and start is not None else None
        self.refresh()

    def _window_top(self) -> int:
        """The first article drawn: scrolled only as far as needed to keep the current hit's article in view."""
        rows = max(1, self.size.height)
        index = self._index.get(self.current[0]) if self.current else None
        if index is not None and not self._top <= index < self._top + rows:
            self._top = index if index < self._top else index - rows + 1
        self._top = max(0, min(self._top, self.article_count - rows))
        return self._top

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self._window_top() + y
        if index >= self.article_count:
            return Strip.blank(width, self.rich_style)
        article = self.article(index)
        label_cells = 26 if width >= 110 else 16
        count = f" {len(article.starts):>4}"
        cells = max(4, width - label_cells - len(count) - 3)
        here = self.current[1] if self.current and self.current[0] == article.doc_id else None
        plot = bar(article.starts, article.chars, cells, here)
        base = self.rich_style
        label = base + self.get_component_rich_style("dispersion--label")
        bar_style = base + self.get_component_rich_style("dispersion--bar")
        title = fit(article.title, label_cells - 4, self.bidi, shape=self.shape)
        segments = [Segment(pad(f"{article.lang:<3}{title}", label_cells) + " ▕", label)]
        if here is not None:
            mark = plot.index(CURRENT)
            current_style = bar_style + self.get_component_rich_style("dispersion--current")
            segments += [Segment(plot[:mark], bar_style), Segment(CURRENT, current_style),
                         Segment(plot[mark + 1:], bar_style)]
        else:
            segments.append(Segment(plot, bar_style))
        segments.append(Segment("▏" + count, label))
        return Strip(segments).crop_extend(0, width, base)
