"""``babelscope search QUERY``: the engine's cross-script search on the command line.

Output: a KWIC table (left context right-aligned, the hit, right context, then article, language, score and why
it matched) with the total count; ``--json`` prints JSON Lines (one hit a line); ``--format csv`` prints CSV.
``--queries FILE`` runs one query per line and prints one JSON line per query with its in-process time.
Exit codes: 0 (also for no hits), 2 for a bad query (a malformed regex, an unknown ``doc:``) or bad options.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

from corpus.cli.common import add_common, load
from corpus.cli.main import UsageError
from corpus.cli.output import emit_json, error, fit, inert, warn
from corpus.search import RESULT_COLUMNS, SearchError, Searcher, SearchResult

DEFAULT_LIMIT = 50


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "search",
        help="find a word or name in every script (KWIC concordance)",
        description='Query syntax: words, "phrases", lang:xx, doc:ID, re:REGEX, =word (exact only). '
        "See docs/search.md.",
    )
    parser.add_argument("query", nargs="?", metavar="QUERY", help="what to find (omit with --queries)")
    add_common(parser)
    parser.add_argument("--lang", metavar="xx", help="only articles in this language (BCP-47 primary subtag)")
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--limit", type=int, metavar="N", default=DEFAULT_LIMIT, help=f"at most N hits (default {DEFAULT_LIMIT})")
    amount.add_argument("--all", action="store_true", help="every hit")
    parser.add_argument("--format", choices=("table", "csv"), default="table", help="output format without --json")
    parser.add_argument("--queries", metavar="FILE", help="run one query per line; prints one JSON line per query")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.queries is None and not args.query:
        raise UsageError("search needs a QUERY (or --queries FILE)")
    if args.queries is not None and args.query:
        raise UsageError("give either a QUERY or --queries FILE, not both")
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must be 0 or more")
    limit = None if args.all else args.limit
    queries = _read_queries(Path(args.queries)) if args.queries is not None else None
    session = load(args, label="index")
    try:
        searcher = Searcher(session.corpus, session.store)
        for message in searcher.warnings:
            warn(message)
        if queries is not None:
            return _batch(searcher, queries, args.lang, limit)
        try:
            result = searcher.search(args.query, lang=args.lang, limit=limit)
        except SearchError as exc:
            error(str(exc))
            return 2
    finally:
        session.close()
    if args.json:
        for row in result.hits.iter_rows(named=True):
            emit_json(row)
    elif args.format == "csv":
        _csv(result)
    else:
        _table(result)
    return 0


def _read_queries(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read --queries file {path}: {exc}") from None
    return [line.strip() for line in lines if line.strip()]


def _batch(searcher: Searcher, queries: list[str], lang: str | None, limit: int | None) -> int:
    failed = 0
    for query in queries:
        try:
            result = searcher.search(query, lang=lang, limit=limit)
        except SearchError as exc:
            failed += 1
            emit_json({"query": query, "error": str(exc)})
            continue
        emit_json({"query": query, "elapsed_ms": round(result.elapsed_ms, 3), "total": result.total,
                   "hits": result.hits.to_dicts()})
    return 2 if failed else 0


def _csv(result: SearchResult) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    for row in result.hits.iter_rows():
        writer.writerow(row)


def _table(result: SearchResult) -> None:
    """One KWIC line per hit, fitted to the terminal; article text is shown inert (no escapes reach the tty)."""
    width = max(60, shutil.get_terminal_size((120, 24)).columns)
    hit_w = 18
    meta_w = 34
    side = max(10, (width - hit_w - meta_w - 4) // 2)
    out = sys.stdout
    shown = result.hits.height
    plural = "" if result.total == 1 else "s"
    more = f", showing the best {shown}" if shown < result.total else ""
    out.write(f"{result.total} hit{plural} for {inert(result.query)}{more} ({result.elapsed_ms:.1f} ms)\n")
    for row in result.hits.iter_rows(named=True):
        left = fit(inert(row["left"]), side, "right")
        hit = fit(inert(row["surface"]), hit_w)
        right = fit(inert(row["right"]), side)
        why = row["match"] + (f":{row['alias_origin']}" if row["alias_origin"] else "")
        meta = f"{row['path'].rsplit('/', 1)[-1][:12]:<12} {row['lang']:<3} {row['score']:.2f} {why}"
        out.write(f"{left} {hit} {right}  {fit(meta, meta_w)}\n".rstrip() + "\n")
