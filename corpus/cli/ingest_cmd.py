"""``babelscope ingest``: analyse (or refresh) a corpus and summarise it; ``babelscope stats``: the numbers."""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from corpus.cli.common import add_common, load
from corpus.cli.output import emit_json


def register(sub: argparse._SubParsersAction) -> None:
    ingest = sub.add_parser("ingest", help="analyse a corpus now and print a summary")
    add_common(ingest, json_flag=False)
    ingest.set_defaults(run=run_ingest)
    stats = sub.add_parser("stats", help="articles, languages, scripts, tokens, vocabulary, skipped files")
    add_common(stats)
    stats.set_defaults(run=run_stats)


def run_ingest(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    session = load(args)
    try:
        corpus, report = session.corpus, session.report
        stats = corpus.stats()
        out = sys.stdout
        out.write(f"corpus     {corpus.root}\n")
        out.write(
            f"files      {report.analysed_files} analysed, {report.reused_files} unchanged (cached), "
            f"{report.removed_files} removed, {len(corpus.ignored)} ignored (unsupported type)\n"
        )
        out.write(f"articles   {stats['articles']}\n")
        langs = ", ".join(f"{lang} {n}" for lang, n in stats["languages"].items())
        out.write(f"languages  {langs or '-'}\n")
        out.write(f"tokens     {stats['tokens']:,}  vocabulary {stats['vocabulary']:,}\n")
        out.write(f"skipped    {len(corpus.skipped)}\n")
        for item in corpus.skipped:
            out.write(f"  {item.path}: {item.reason}\n")
        if corpus.ignored:
            out.write("ignored    " + _ignored_summary(corpus.ignored) + "\n")
        out.write(f"time       {time.perf_counter() - started:.2f} s\n")
    finally:
        session.close()
    return 0


def _ignored_summary(paths: list[str]) -> str:
    if len(paths) <= 5:
        return ", ".join(paths)
    kinds = Counter("." + p.rsplit(".", 1)[-1] if "." in p.rsplit("/", 1)[-1] else "no extension" for p in paths)
    return ", ".join(f"{kind} ×{n}" for kind, n in kinds.most_common(8))


def run_stats(args: argparse.Namespace) -> int:
    session = load(args)
    try:
        stats = session.corpus.stats()
    finally:
        session.close()
    if args.json:
        emit_json(stats)
        return 0
    print(f"articles    {stats['articles']}")
    print("languages   " + ", ".join(f"{k} {v}" for k, v in stats["languages"].items()))
    print("scripts     " + ", ".join(f"{k} {v}" for k, v in stats["scripts"].items()))
    print(f"tokens      {stats['tokens']:,}")
    print(f"vocabulary  {stats['vocabulary']:,}")
    print(f"skipped     {len(stats['skipped'])}")
    for item in stats["skipped"]:
        print(f"  {item['path']}: {item['reason']}")
    return 0
