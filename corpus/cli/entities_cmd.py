"""``babelscope entities``: who and what the articles name, linked across languages; ``babelscope numbers``: the
figures they state with normalised values (JSON shapes in docs/entities.md)."""

from __future__ import annotations

import argparse
import sys

from corpus.cli.common import add_common, load
from corpus.cli.output import StageLine, emit_jsonl, fit, inert
from corpus.entities import EntityIndex, build_entities
from corpus.entities.numbers import figure_rows

_NAME_WIDTH = 28
_ALIAS_WIDTH = 72


def register(sub: argparse._SubParsersAction) -> None:
    entities = sub.add_parser("entities", help="people, organisations, places and products, linked across languages")
    add_common(entities)
    entities.add_argument("--doc", help="only entities this article mentions (doc_id, unique prefix or file name)")
    entities.add_argument("--suggestions", action="store_true", help="also list uncertain merges to review")
    entities.set_defaults(run=run_entities)
    numbers = sub.add_parser("numbers", help="counts, money, percents and dates with normalised values")
    add_common(numbers)
    numbers.add_argument("--doc", help="only this article (doc_id, unique prefix or file name)")
    numbers.set_defaults(run=run_numbers)


def _entity_rows(index: EntityIndex, ids: list[str], paths: dict[str, str]) -> list[dict]:
    mentions: dict[str, list[dict]] = {eid: [] for eid in ids}
    wanted = set(ids)
    for eid, doc_id, start, end, surface in index.mentions.select("entity_id", "doc_id", "start", "end", "surface").iter_rows():
        if eid in wanted:
            mentions[eid].append({"doc_id": doc_id, "path": paths[doc_id], "start": start, "end": end, "surface": surface})
    rows = []
    info = {r["id"]: r for r in index.entities.iter_rows(named=True)}
    for eid in ids:
        entity = info[eid]
        rows.append({"id": eid, "type": entity["type"], "name": entity["name"], "aliases": index.aliases(eid),
                     "mentions": mentions[eid]})
    return rows


def run_entities(args: argparse.Namespace) -> int:
    session = load(args)
    try:
        corpus = session.corpus
        doc_id = corpus.resolve_doc(args.doc) if args.doc else None
        stages = StageLine("entities")
        try:
            index = build_entities(corpus, session.store, progress=stages)
        finally:
            stages.close()
    finally:
        session.close()
    ids = index.for_doc(doc_id)["id"].to_list() if doc_id else index.entities["id"].to_list()
    suggestions = index.suggestions
    if doc_id:
        wanted = set(ids)
        suggestions = suggestions.filter(suggestions["a"].is_in(wanted) | suggestions["b"].is_in(wanted))
    paths = dict(corpus.documents.select("doc_id", "path").iter_rows())
    rows = _entity_rows(index, ids, paths)
    if args.json:
        emit_jsonl(rows)
        if args.suggestions:
            emit_jsonl({"suggest": [a, b], "score": score, "evidence": evidence}
                       for a, b, score, evidence in suggestions.iter_rows())
        return 0
    out = sys.stdout
    counts = {r["id"]: (r["n_mentions"], r["n_docs"]) for r in index.entities.iter_rows(named=True)}
    if doc_id:
        counts_here = dict(index.for_doc(doc_id).select("id", "count").iter_rows())
        out.write(f"{len(rows)} entities in {inert(doc_id)}\n")
    else:
        counts_here = {}
        out.write(f"{len(rows)} entities in {corpus.documents.height} articles\n")
    header = f"{'ID':<14}  {'TYPE':<7}  {fit('NAME', _NAME_WIDTH)}  {'HERE' if doc_id else 'MENT':>5}  {'DOCS':>4}  NAMES"
    out.write(header + "\n")
    for row in rows:
        n_mentions, n_docs = counts[row["id"]]
        here = counts_here.get(row["id"], n_mentions)
        names = "  ".join(f"{lang} {forms[0]}" for lang, forms in sorted(row["aliases"].items()))
        out.write(
            f"{row['id']:<14}  {row['type']:<7}  {fit(inert(row['name']), _NAME_WIDTH)}  {here:>5}  {n_docs:>4}  "
            f"{fit(inert(names), _ALIAS_WIDTH).rstrip()}\n"
        )
    if args.suggestions:
        out.write(f"\n{suggestions.height} suggested merges (accept or reject them in the entity pane)\n")
        names = dict(index.entities.select("id", "name").iter_rows())
        for a, b, score, evidence in suggestions.iter_rows():
            out.write(f"{a} {fit(inert(names[a]), 20)}  ~  {b} {fit(inert(names[b]), 20)}  {score:.2f}  {inert(evidence)}\n")
    return 0


def _value_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.2f}"
    return "" if value is None else str(value)


def run_numbers(args: argparse.Namespace) -> int:
    session = load(args)
    try:
        corpus = session.corpus
        doc_ids = [corpus.resolve_doc(args.doc)] if args.doc else corpus.doc_ids
    finally:
        session.close()
    rows = figure_rows(corpus, doc_ids)
    if args.json:
        emit_jsonl(rows)
        return 0
    out = sys.stdout
    out.write(f"{len(rows)} figures in {len(doc_ids)} article{'s' if len(doc_ids) != 1 else ''}\n")
    out.write(f"{fit('ARTICLE', 24)}  {'OFFSET':>6}  {'KIND':<7}  {'VALUE':>18}  {fit('UNIT', 12)}  SURFACE\n")
    for row in rows:
        value = _value_text(row["value"])
        if row["value_max"] is not None:
            value += "–" + _value_text(row["value_max"])
        out.write(
            f"{fit(inert(row['path']), 24)}  {row['start']:>6}  {row['kind']:<7}  {fit(value, 18, 'right')}  "
            f"{fit(inert(row['unit'] or ''), 12)}  {inert(row['surface'])}\n"
        )
    return 0
