"""Search accuracy on the sample corpus against hand-made gold (tests/data/search_gold.toml).

For every entity and each of its usual query forms (en/ru/ar/zh/ja), all hits are compared with the gold
mentions of the entity in all five articles: a hit is correct when it overlaps a gold mention; recall is the
share of gold mentions some hit overlaps. Also: the typo query Altmna, and the rank of the first wrong hit.

    /tmp/venv/bin/python benchmarks/search_accuracy.py [--verbose]

Prints per-query P/R, then micro-averaged P/R over all queries. Uses a throwaway BABELSCOPE_HOME.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "search_gold.toml"


def load_gold(corpus) -> list[dict]:
    """Entities with their queries and gold mentions as {(doc_id, start, end)}."""
    entities = tomllib.loads(GOLD.read_text(encoding="utf-8"))["entity"]
    for entity in entities:
        spans = set()
        for doc_id, text in corpus.documents.select("doc_id", "text").iter_rows():
            for pattern in entity["mentions"]:
                for m in re.finditer(pattern, text):
                    group = 1 if m.re.groups else 0
                    spans.add((doc_id, m.start(group), m.end(group)))
        entity["gold"] = spans
    return entities


def score_query(searcher, query: str, gold: set[tuple[str, int, int]]) -> dict:
    hits = searcher.search(query, limit=None).hits
    found = set()
    correct = 0
    first_wrong = None
    wrong = []
    for rank, (doc_id, start, end, surface, score) in enumerate(
        hits.select("doc_id", "start", "end", "surface", "score").iter_rows(), 1
    ):
        overlapping = {g for g in gold if g[0] == doc_id and g[1] < end and start < g[2]}
        if overlapping:
            correct += 1
            found |= overlapping
        else:
            wrong.append((surface, score))
            first_wrong = first_wrong or rank
    return {
        "query": query, "hits": hits.height, "correct": correct, "found": len(found), "gold": len(gold),
        "first_wrong": first_wrong, "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="list the wrong hits of each query")
    args = parser.parse_args(argv)
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-accuracy-"))
    sys.path.insert(0, str(ROOT))
    from corpus.ingest import load_corpus
    from corpus.search import Searcher

    corpus, _ = load_corpus(None)
    searcher = Searcher(corpus)
    entities = load_gold(corpus)
    totals = {"hits": 0, "correct": 0, "found": 0, "gold": 0}
    print(f"{'entity':<11} {'query':<14} {'hits':>5} {'P':>6} {'R':>6}  first wrong")
    for entity in entities:
        queries = list(entity["queries"]) + (["Altmna"] if entity["name"] == "Altman" else [])
        for query in queries:
            r = score_query(searcher, query, entity["gold"])
            for k in totals:
                totals[k] += r[k]
            p = r["correct"] / r["hits"] if r["hits"] else 1.0
            rec = r["found"] / r["gold"] if r["gold"] else 1.0
            print(f"{entity['name']:<11} {query:<14} {r['hits']:>5} {p:6.3f} {rec:6.3f}  {r['first_wrong'] or '-'}")
            if args.verbose and r["wrong"]:
                print("      wrong:", ", ".join(f"{s}({sc:.2f})" for s, sc in r["wrong"][:12]))
    precision = totals["correct"] / max(1, totals["hits"])
    recall = totals["found"] / max(1, totals["gold"])
    mentions = sum(len(e["gold"]) for e in entities)
    print(f"\n{len(entities)} entities, {mentions} gold mentions; micro over all queries: "
          f"precision {precision:.3f}  recall {recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
