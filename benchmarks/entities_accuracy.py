"""Accuracy of corpus/entities on hand-made gold (tests/data/entities_gold.json): mention F1, typed F1,
cross-language linking B-cubed F1 over matched mentions, and figure value accuracy.

    /tmp/venv/bin/python benchmarks/entities_accuracy.py [--misses]

Gold: every mention of two sample articles read in full (ja 003, ar 001); the forms of 15 main entities in the other
three (ru 000, zh 002, id 004) for linking; every figure of the two full articles. Mentions match on exact
offsets. Runs on a throwaway BABELSCOPE_HOME, so the user's cache and store are untouched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT / "tests" / "data" / "entities_gold.json"
_PROCLITICS = "وبلفك"


def _is_letter(ch: str, script: str | None = None) -> bool:
    """A letter or digit that would glue onto a surface of ``script`` (Japanese after OpenAI does not)."""
    return ch.isalnum() and (script is None or _script(ch) in (script, "Common", "Inherited"))


def _script(ch: str) -> str:
    from corpus.names.romanise import char_script

    return char_script(ch)


def resolve(text: str, spans: list[tuple[int, int]], surfaces: list[str]) -> dict[tuple[int, int], str]:
    """Every occurrence of each surface inside ``spans``, longest surfaces first, never overlapping."""
    taken: dict[tuple[int, int], str] = {}
    occupied = [False] * len(text)
    for surface in sorted(set(surfaces), key=len, reverse=True):
        first = _script(surface[0])
        for p_start, p_end in spans:
            at = text.find(surface, p_start, p_end)
            while at != -1:
                end = at + len(surface)
                before = text[at - 1] if at else " "
                after = text[end] if end < len(text) else " "
                ok = not any(occupied[at:end])
                if first in ("Latin", "Cyrillic", "Arabic"):
                    clitic = before in _PROCLITICS and (at < 2 or not _is_letter(text[at - 2]))
                    ok = ok and (not _is_letter(before, first) or clitic) and not _is_letter(after, first)
                elif first == "Katakana":
                    ok = ok and _script(before) != "Katakana" and _script(after) != "Katakana" and after != "ー"
                if ok:
                    taken[(at, end)] = surface
                    for i in range(at, end):
                        occupied[i] = True
                at = text.find(surface, end, p_end)
    return taken


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(gold: set, system: set) -> tuple[float, float, float]:
    tp = len(gold & system)
    p = tp / len(system) if system else 0.0
    r = tp / len(gold) if gold else 0.0
    return p, r, f1(p, r)


def bcubed(gold_of: dict, system_of: dict) -> tuple[float, float, float]:
    """B-cubed precision/recall over the mentions both sides have (``*_of``: mention -> cluster)."""
    common = [m for m in gold_of if m in system_of]
    g_members, s_members = defaultdict(set), defaultdict(set)
    for m in common:
        g_members[gold_of[m]].add(m)
        s_members[system_of[m]].add(m)
    if not common:
        return 0.0, 0.0, 0.0
    p = sum(len(g_members[gold_of[m]] & s_members[system_of[m]]) / len(s_members[system_of[m]]) for m in common)
    r = sum(len(g_members[gold_of[m]] & s_members[system_of[m]]) / len(g_members[gold_of[m]]) for m in common)
    p, r = p / len(common), r / len(common)
    return p, r, f1(p, r)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list missed and spurious mentions")
    args = parser.parse_args()
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-bench-"))

    import polars as pl

    from corpus.entities import build_entities
    from corpus.entities.numbers import doc_figures
    from corpus.ingest import load_corpus

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    corpus, _ = load_corpus(None)
    index = build_entities(corpus, use_cache=False)
    body = corpus.paragraphs.filter(pl.col("kind") != "boilerplate")
    spans = defaultdict(list)
    for doc_id, start, end in body.select("doc_id", "start", "end").iter_rows():
        spans[doc_id].append((start, end))
    sys_rows = index.mentions.select("doc_id", "start", "end", "type", "entity_id").rows()
    system_type = {(d, s, e): t for d, s, e, t, _ in sys_rows}
    system_entity = {(d, s, e): eid for d, s, e, _, eid in sys_rows}

    print("Entity accuracy on the sample corpus (gold: tests/data/entities_gold.json)\n")
    gold_entity: dict[tuple, str] = {}
    all_gold, all_typed, all_sys, all_sys_typed = set(), set(), set(), set()
    print(f"{'article':<28} {'gold':>5} {'sys':>5}  {'P':>5} {'R':>5} {'F1':>5}   typed F1")
    for doc_id, rows in gold["full"].items():
        text = corpus.text(doc_id)
        info = {s: (t, e) for s, t, e in rows}
        found = resolve(text, spans[doc_id], list(info))
        g = {(doc_id, s, e) for (s, e) in found}
        g_typed = {(doc_id, s, e, info[surface][0]) for (s, e), surface in found.items()}
        for (s, e), surface in found.items():
            gold_entity[(doc_id, s, e)] = info[surface][1]
        sysm = {k for k in system_type if k[0] == doc_id}
        sys_typed = {(*k, system_type[k]) for k in sysm}
        p, r, f = prf(g, sysm)
        _, _, tf = prf(g_typed, sys_typed)
        print(f"{doc_id:<28} {len(g):>5} {len(sysm):>5}  {p:5.3f} {r:5.3f} {f:5.3f}   {tf:5.3f}")
        all_gold |= g; all_typed |= g_typed; all_sys |= sysm; all_sys_typed |= sys_typed
        if args.misses:
            for k in sorted(g - sysm):
                print("   missed  ", k[1], text[k[1]:k[2]])
            for k in sorted(sysm - g):
                print("   spurious", k[1], text[k[1]:k[2]], system_type[k])
    p, r, f = prf(all_gold, all_sys)
    tp, tr, tf = prf(all_typed, all_sys_typed)
    print(f"{'both (micro)':<28} {len(all_gold):>5} {len(all_sys):>5}  {p:5.3f} {r:5.3f} {f:5.3f}   {tf:5.3f}"
          f"  (typed P {tp:.3f} R {tr:.3f})")

    main_gold = 0
    main_found = 0
    for doc_id, entities in gold["main"].items():
        text = corpus.text(doc_id)
        surfaces = {form: name for name, forms in entities.items() for form in forms}
        found = resolve(text, spans[doc_id], list(surfaces))
        for (s, e), surface in found.items():
            gold_entity[(doc_id, s, e)] = surfaces[surface]
        main_gold += len(found)
        main_found += sum(1 for (s, e) in found if (doc_id, s, e) in system_entity)
        if args.misses:
            for (s, e), surface in sorted(found.items()):
                if (doc_id, s, e) not in system_entity:
                    print("   missed  ", doc_id[:3], s, surface)
    bp, br, bf = bcubed(gold_entity, system_entity)
    matched = sum(1 for m in gold_entity if m in system_entity)
    print(f"\nmain-entity mentions found in ru/zh/id: {main_found}/{main_gold} = {main_found / max(1, main_gold):.3f}")
    print(f"linking B-cubed over {matched} matched mentions (all five articles): P {bp:.3f} R {br:.3f} F1 {bf:.3f}")
    names = dict(index.entities.select("id", "name").iter_rows())
    by_gold = defaultdict(set)
    for m, g_name in gold_entity.items():
        if m in system_entity:
            by_gold[g_name].add(system_entity[m])
    split = {g: sorted(names[s] for s in ids) for g, ids in by_gold.items() if len(ids) > 1}
    if split:
        print("  gold entities split over several system entities:", split)

    total = right = units_right = 0
    for doc_id, rows in gold["figures"].items():
        text = corpus.text(doc_id)
        figures = doc_figures(corpus, doc_id)
        for context, kind, value in rows:
            at = text.find(context)
            while at != -1:
                total += 1
                hit = [f for f in figures if f.start < at + len(context) and at < f.end]
                ok = any(f.kind == kind and (f.value == value or (isinstance(value, (int, float)) and
                         isinstance(f.value, float) and abs(f.value - value) < 1e-6 * max(1, abs(value)))) for f in hit)
                right += ok
                if args.misses and not ok:
                    print("   figure wrong/missed", doc_id[:3], context, kind, value, [(f.kind, f.value) for f in hit])
                at = text.find(context, at + len(context))
    print(f"\nfigures with the right normalised value (ja 003 + ar 001): {right}/{total} = {right / max(1, total):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
