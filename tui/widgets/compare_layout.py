"""Where every line of a compared pair goes: the rows of the compare view, and what each row highlights.

Pure layout (no Textual), so it is tested directly and the widget only draws rows. Two arrangements:

* **side by side** (wide terminals): each bead takes as many rows as its longer side needs, the shorter side is
  padded, so counterparts always start on the same row; a blank row separates beads;
* **stacked** (below :data:`STACK_BELOW` columns): each bead's source lines, then its target lines, each line
  tagged with its side, then a blank row.

Highlights per bead: anchors both sides of a linking bead contain (figures, Latin tokens, name keys, entity
ids) get one link colour each, the same on both sides (``link-0`` … ``link-5``; an anchor keeps its colour from
bead to bead unless that would give two anchors of one bead the same colour), and the spans a difference names
are ``difference``. Offsets are article offsets, as everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from corpus.align.anchors import Mention
from corpus.align.articles import Article, features_of
from corpus.align.service import PairAlignment
from corpus.textlayout.wrap import wrap_lines

#: Below this many columns the view stacks each paragraph above its counterpart.
STACK_BELOW = 100
#: Cells before the columns: the current-bead pointer and the bead's marks (``✎`` fixed; ``≠``/``∅``).
GUTTER = 4
#: Cells of the paragraph number in front of each column ("12 ").
NUMBER = 4
SEPARATOR = " │ "
#: In the stacked view, the side tag in front of each line ("A ", "B ").
TAG = 2
LINK_COLOURS = 6

Span = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Piece:
    """One wrapped display line of one paragraph: ``start``/``end`` offsets into its article's text."""

    paragraph: int
    start: int
    end: int
    first: bool  # the paragraph's first line (shows its number)


@dataclass(frozen=True, slots=True)
class LayoutRow:
    """One screen row: in side-by-side mode ``left``/``right`` pieces (either may be None: padding); in stacked
    mode one piece on ``side`` (``source`` or ``target``). A row with no piece is the gap after a bead."""

    bead: int
    left: Piece | None = None
    right: Piece | None = None
    side: str = ""

    @property
    def gap(self) -> bool:
        return self.left is None and self.right is None


class CompareLayout:
    """Rows of a pair at one width; ``bead_rows[b]`` is the first row of bead ``b``."""

    def __init__(self, pair: PairAlignment, width: int, stacked: bool | None = None) -> None:
        """``width``: cells for the rows; ``stacked``: the arrangement (default: below :data:`STACK_BELOW`)."""
        self.pair = pair
        self.width = width
        self.stacked = width < STACK_BELOW if stacked is None else stacked
        if self.stacked:
            self.column = max(8, width - GUTTER - TAG - NUMBER - 1)
        else:
            self.column = max(8, (width - GUTTER - len(SEPARATOR)) // 2 - NUMBER)
        self.rows: list[LayoutRow] = []
        self.bead_rows: list[int] = []
        for number, bead in enumerate(pair.alignment.beads):
            self.bead_rows.append(len(self.rows))
            left = self._pieces(pair.source, bead.source)
            right = self._pieces(pair.target, bead.target)
            if self.stacked:
                self.rows += [LayoutRow(number, left=piece, side="source") for piece in left]
                self.rows += [LayoutRow(number, right=piece, side="target") for piece in right]
            else:
                for k in range(max(len(left), len(right))):
                    self.rows.append(LayoutRow(number, left[k] if k < len(left) else None,
                                               right[k] if k < len(right) else None))
            self.rows.append(LayoutRow(number))
        self.source_spans, self.target_spans = bead_highlights(pair)

    def _pieces(self, article: Article, indices: tuple[int, ...]) -> list[Piece]:
        pieces = []
        for index in indices:
            _, start, end, _ = article.paragraphs[index]
            for line, (line_start, line_end) in enumerate(wrap_lines(article.text, start, end, self.column,
                                                                     article.lang)):
                pieces.append(Piece(index, line_start, line_end, line == 0))
        return pieces

    def bead_at_row(self, row: int) -> int:
        """The bead a row belongs to (rows past the end belong to the last bead)."""
        if not self.rows:
            return 0
        return self.rows[min(max(row, 0), len(self.rows) - 1)].bead

    def bead_height(self, bead: int) -> int:
        """Rows of a bead, its gap row included."""
        following = self.bead_rows[bead + 1] if bead + 1 < len(self.bead_rows) else len(self.rows)
        return following - self.bead_rows[bead]

    def paragraph_rows(self, side: str, paragraph: int) -> range:
        """Rows showing ``paragraph`` of ``side`` (empty if none)."""
        attribute = "left" if side == "source" else "right"
        found = [row for row, layout_row in enumerate(self.rows)
                 if (piece := getattr(layout_row, attribute)) is not None and piece.paragraph == paragraph]
        return range(found[0], found[-1] + 1) if found else range(0)


def bead_highlights(pair: PairAlignment) -> tuple[dict[int, list[Span]], dict[int, list[Span]]]:
    """Per paragraph (source, target) spans: shared anchors as ``link-N``, named differences as ``difference``."""
    source_features = {f.index: f for f in features_of(pair.source)}
    target_features = {f.index: f for f in features_of(pair.target)}
    source_spans: defaultdict[int, list[Span]] = defaultdict(list)
    target_spans: defaultdict[int, list[Span]] = defaultdict(list)
    preferred: dict[str, int] = {}  # an anchor keeps its colour from bead to bead where it can
    for bead in pair.alignment.beads:
        if not bead.source or not bead.target:
            continue
        left = [(i, m) for i in bead.source for m in source_features[i].mentions]
        right = [(j, m) for j in bead.target for m in target_features[j].mentions]
        shared = {m.key for _, m in left} & {m.key for _, m in right}
        groups = _anchor_groups([left, right], shared)
        colours: dict[str, int] = {}
        for _, mention in left:
            group = groups.get(mention.key)
            if group is not None and group not in colours:
                colours[group] = _colour(preferred, group, set(colours.values()))
        for spans, mentions in ((source_spans, left), (target_spans, right)):
            painted: set[tuple[int, int]] = set()
            for paragraph, mention in mentions:
                group = groups.get(mention.key)
                if group is not None and (mention.start, mention.end) not in painted:
                    painted.add((mention.start, mention.end))
                    spans[paragraph].append((mention.start, mention.end, f"link-{colours[group]}"))
        for difference in bead.differences:
            for spans, side, indices in ((source_spans, difference.source, bead.source),
                                         (target_spans, difference.target, bead.target)):
                if side is not None:
                    paragraph = _paragraph_holding(pair, spans is source_spans, indices, side.start)
                    spans[paragraph].append((side.start, side.end, "difference"))
    return dict(source_spans), dict(target_spans)


#: Which key names an anchor group, best first: entity id, Latin token, figure, name skeleton.
_KEY_RANK = {"E": 0, "L": 1, "#": 2, "K": 3}


def _anchor_groups(sides: list[list[tuple[int, Mention]]], shared: set[str]) -> dict[str, str]:
    """Shared keys that name one thing, grouped: keys found on the same span (``Microsoft`` is a Latin token, a
    name skeleton and an entity id at once) join one group, so the thing gets one colour on both sides even
    where one side writes it in another script. Maps each shared key to its group's name (its best key)."""
    parent = {key: key for key in shared}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_span: defaultdict[tuple[int, int, int], list[str]] = defaultdict(list)
    for side, mentions in enumerate(sides):
        for _, mention in mentions:
            if mention.key in shared:
                by_span[(side, mention.start, mention.end)].append(mention.key)
    for keys in by_span.values():
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    members: defaultdict[str, list[str]] = defaultdict(list)
    for key in shared:
        members[find(key)].append(key)
    names = {root: min(keys, key=lambda k: (_KEY_RANK.get(k[0], 9), k)) for root, keys in members.items()}
    return {key: names[find(key)] for key in shared}


def _colour(preferred: dict[str, int], key: str, taken: set[int]) -> int:
    """The anchor's colour in this bead: its usual one unless another anchor of the bead has it already."""
    colour = preferred.setdefault(key, len(preferred) % LINK_COLOURS)
    if colour in taken:
        colour = next((c for c in range(LINK_COLOURS) if c not in taken), colour)
    return colour


def _paragraph_holding(pair: PairAlignment, source: bool, indices: tuple[int, ...], offset: int) -> int:
    article = pair.source if source else pair.target
    for index in indices:
        _, start, end, _ = article.paragraphs[index]
        if start <= offset < end:
            return index
    return indices[0]
