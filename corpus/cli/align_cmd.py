"""``babelscope align A B``: two articles' paragraphs aligned (the user's fixes applied); ``babelscope pairs``: which
articles are likely translations or versions of each other.

A and B are doc ids, unique prefixes, file names, or paths. A path outside the corpus is read as a one-article
corpus; such an article is named by its absolute path (``doc_id`` and ``path``), which is also how its fixes are
keyed in the ``--corpus`` store.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.align.articles import Article, load_entities
from corpus.align.pairs import propose_pairs
from corpus.align.result import Difference, Side, bead_marks
from corpus.align.service import PairAlignment, align_articles
from corpus.cli.common import add_common, load
from corpus.cli.main import UsageError
from corpus.cli.output import emit_json, emit_jsonl, fit, inert
from corpus.collection import Corpus
from corpus.ingest import load_corpus
from corpus.textlayout.wrap import wrap_lines

if TYPE_CHECKING:
    from corpus.entities import EntityIndex

GUTTER = 13  # "  12 0.99 ✎≠ " before the left column: bead number, score, marks
LABEL = 8  # "[12 H] " before a paragraph's first line
SEPARATOR = " │ "


def register(sub: argparse._SubParsersAction) -> None:
    align = sub.add_parser("align", help="align the paragraphs of two articles (user fixes applied)",
                           description="Align the paragraphs of article A with those of article B.")
    align.add_argument("a", metavar="A", help="source article: doc id, unique prefix, file name or path")
    align.add_argument("b", metavar="B", help="target article: doc id, unique prefix, file name or path")
    add_common(align)
    align.add_argument("--no-fixes", action="store_true", help="ignore the alignment fixes saved for this pair")
    align.add_argument("--lines", type=int, default=3, metavar="N",
                       help="lines shown per paragraph in the listing (0: whole paragraphs; default 3)")
    align.add_argument("--width", type=int, default=0, metavar="COLUMNS",
                       help="listing width (default: the terminal's, or 120)")
    align.set_defaults(run=run_align)
    pairs = sub.add_parser("pairs", help="propose article pairs that are translations or versions of each other")
    add_common(pairs)
    pairs.add_argument("--limit", type=int, default=0, metavar="N", help="show the N best pairs only")
    pairs.set_defaults(run=run_pairs)


def resolve_article(corpus: Corpus, ref: str, entities: EntityIndex | None = None) -> Article:
    """The article ``ref`` names: in the corpus (with its entity mentions from ``entities``), or (an existing
    path outside it) as a one-article corpus."""
    path = Path(ref).expanduser()
    if path.exists():
        resolved = path.resolve()
        if not resolved.is_relative_to(corpus.root):
            if resolved.is_dir():
                raise UsageError(f"{ref} is a folder outside the corpus; name one article file")
            single, _ = load_corpus(resolved)
            if not single.doc_ids:
                reason = single.skipped[0].reason if single.skipped else "no article found"
                raise OSError(f"{ref}: {reason}")
            article = Article.from_corpus(single, single.doc_ids[0])
            return replace(article, doc_id=str(resolved), path=str(resolved))
    return Article.from_corpus(corpus, corpus.resolve_doc(ref), entities)


def run_align(args: argparse.Namespace) -> int:
    if args.lines < 0 or args.width < 0:
        raise UsageError("--lines and --width take a number >= 0")
    session = load(args, "align")
    try:
        entities = load_entities(session.corpus, session.store)
        source = resolve_article(session.corpus, args.a, entities)
        target = resolve_article(session.corpus, args.b, entities)
        result = align_articles(source, target, session.store, use_fixes=not args.no_fixes)
    finally:
        session.close()
    if result.fixes and result.fixes.orphans:
        print(f"babelscope: warning: {result.fixes.orphans} saved fix(es) no longer match the text and were skipped",
              file=sys.stderr)
    if args.json:
        emit_json(result.to_json())
        return 0
    width = args.width or shutil.get_terminal_size((120, 24)).columns
    sys.stdout.write("".join(line + "\n" for line in listing(result, width, args.lines)))
    return 0


def listing(result: PairAlignment, width: int, lines_per_paragraph: int) -> list[str]:
    """The readable two-column form: one block per bead (number, score, :func:`bead_marks`), counterparts side by
    side, differences under them. Paragraph labels: ``[12]`` body,
    ``[12 H]`` heading, ``[12 B]`` boilerplate."""
    column = max(10, (width - GUTTER - len(SEPARATOR)) // 2)
    source, target = result.source, result.target
    fixes = result.fixes.actions if result.fixes else 0
    out = [f"{_name(source, GUTTER + column)}{SEPARATOR}{_name(target, column)}".rstrip(),
           f"{len(result.alignment.beads)} beads · {sum(1 for b in result.alignment.beads if b.source and b.target)} "
           f"linked · {fixes} fix(es) applied",
           ""]
    for number, bead in enumerate(result.alignment.beads):
        left = _paragraph_lines(source, bead.source, column, lines_per_paragraph)
        right = _paragraph_lines(target, bead.target, column, lines_per_paragraph)
        for row in range(max(len(left), len(right))):
            head = f"{number:>4} {bead.score:4.2f} {bead_marks(bead)} " if row == 0 else " " * GUTTER
            text_left = left[row] if row < len(left) else ""
            text_right = right[row] if row < len(right) else ""
            out.append(f"{head}{fit(text_left, column)}{SEPARATOR}{text_right}".rstrip())
        for difference in bead.differences:
            out.append(" " * GUTTER + "≠ " + _describe(difference))
    return out


def _name(article: Article, width: int) -> str:
    """``doc_id (lang)`` in ``width`` cells; a long name (an outside article's path) keeps its end."""
    name, suffix = inert(article.doc_id), f" ({article.lang})"
    room = width - len(suffix)
    if len(name) > room:
        name = "…" + name[len(name) - room + 1:]
    return fit(name + suffix, width)


def _paragraph_lines(article: Article, indices: tuple[int, ...], width: int, limit: int) -> list[str]:
    """Wrapped lines of the bead's paragraphs on one side, each paragraph opened by its index and kind."""
    lines: list[str] = []
    for index in indices:
        _, start, end, kind = article.paragraphs[index]
        wrapped = list(wrap_lines(article.text, start, end, max(4, width - LABEL), article.lang))
        shown = wrapped if limit == 0 else wrapped[:limit]
        texts = [inert(article.text[a:b]).strip() for a, b in shown] or [""]
        if len(shown) < len(wrapped):
            texts[-1] = fit(texts[-1], max(1, width - LABEL - 2)).rstrip() + " …"
        label = f"[{index}{'' if kind == 'body' else ' ' + kind[0].upper()}]"
        lines.append(f"{label:<{LABEL - 1}} {texts[0]}")
        lines += [" " * LABEL + text for text in texts[1:]]
    return lines


def _describe(difference: Difference) -> str:
    def side(value: Side | None) -> str:
        return "—" if value is None else f"{inert(value.surface)} ({value.value})"

    return f"{difference.kind}: {side(difference.source)} ↔ {side(difference.target)}"


def run_pairs(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise UsageError("--limit takes a number >= 0")
    session = load(args, "pairs")
    try:
        pairs = propose_pairs(session.corpus, entities=load_entities(session.corpus, session.store),
                              limit=args.limit or None)
        langs = dict(zip(session.corpus.doc_ids, session.corpus.documents["lang"].to_list(), strict=True))
    finally:
        session.close()
    if args.json:
        emit_jsonl(pair.to_json() for pair in pairs)
        return 0
    if not pairs:
        print("no article pairs share anchors")
        return 0
    print(f"{'score':>6}  {'kind':<11}  {'A':<30}  B")
    for pair in pairs:
        kind = "translation" if pair.translation else "related"
        print(f"{pair.score:6.3f}  {kind:<11}  {fit(inert(pair.source) + f' ({langs[pair.source]})', 30)}  "
              f"{inert(pair.target)} ({langs[pair.target]})")
    return 0
