"""Search speed: per-query in-process time on generated corpora, against ripgrep over the same files.

    /tmp/venv/bin/python benchmarks/search.py [--sizes 6000 100000] [--repeat 5] [--keep DIR]

For each size, articles in six languages are generated from the sample articles' sentences (ICU sentences of the
ru/ar/zh/ja/id articles, shuffled and mixed; English from a few neutral template sentences, since the sample has
no English article), with the people's names substituted from a pool of renderings in each script, so the name
index holds many distinct forms. Then: ingest, build the search index (cold and warm), run every query
``--repeat`` times with ``Searcher.search`` (``elapsed_ms``, after loading) and once per repeat with
``rg -F -i -c QUERY DIR`` (wall time of the process, which also reads the files). Prints p50/p95 per engine,
the p95 of the search's process CPU time (which a busy machine inflates less than wall time), the p95 over
queries of each query's best-of-``--repeat`` wall and CPU time (the least noisy figure on a shared machine) and
the load.
Targets (issue 3): p95 <= 30 ms at 6,000 articles, <= 100 ms at 100,000. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ru", "ar", "zh", "ja", "id", "en")
# Renderings of the sample's names in each article's script, and substitutes (fictional pairings of real
# transliterations) so generated articles mention many distinct names.
NAMES = {
    "ru": ["Альтман", "Наделла", "Суцкевер", "Брокман", "Хартман", "Надаль", "Маск", "Цукерберг", "Пичаи", "Кук"],
    "ar": ["ألتمان", "ناديلا", "سوتسكيفر", "بروكمان", "هارتمان", "نادال", "ماسك", "زوكربيرغ", "بيتشاي", "كوك"],
    "zh": ["奥特曼", "纳德拉", "苏茨科夫", "布罗克曼", "哈特曼", "纳达尔", "马斯克", "扎克伯格", "皮查伊", "库克"],
    "ja": ["アルトマン", "ナデラ", "スツケバー", "ブロックマン", "ハートマン", "ナダル", "マスク", "ザッカーバーグ", "ピチャイ", "クック"],
    "id": ["Altman", "Nadella", "Sutskever", "Brockman", "Hartman", "Nadal", "Musk", "Zuckerberg", "Pichai", "Cook"],
}
NAMES["en"] = NAMES["id"]
EN_TEMPLATES = [
    "{n} said on Monday that the company would continue to invest in research.",
    "Investors asked whether {n} had informed the board before the announcement.",
    "According to people familiar with the matter, {n} met the chief executive in San Francisco.",
    "The decision surprised employees, many of whom signed a letter supporting {n}.",
    "Shares rose 2% after {n} confirmed the partnership with Microsoft.",
    "Analysts at the bank expect revenue to grow by a third next year.",
    "The startup, founded in 2015, now employs more than 700 people.",
    "A spokesperson declined to comment on the talks with {n}.",
]
QUERIES = [
    "Altman", "Альтман", "ألتمان", "奥特曼", "アルトマン", "Altmna", "Nadella", "Наделла", "纳德拉", "ナデラ",
    "Sutskever", "Суцкевер", "Brockman", "Musk", "Zuckerberg", "Microsoft", "OpenAI", "company", "компания",
    "董事会", "取締役会", "perusahaan", "Hartman", "Pichai",
]


def sentence_pools() -> dict[str, list[str]]:
    from corpus.ingest import load_corpus

    corpus, _ = load_corpus(None)
    pools: dict[str, list[str]] = {}
    for doc_id, lang, text in corpus.documents.select("doc_id", "lang", "text").iter_rows():
        spans = corpus.sentences_of(doc_id).select("start", "end").iter_rows()
        pools[lang] = [text[s:e].replace("\n", " ") for s, e in spans if e - s > 15]
    pools["en"] = EN_TEMPLATES
    return pools


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pools = sentence_pools()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lang = LANGS[i % len(LANGS)]
        k = rng.randrange(len(NAMES[lang]))  # one substitute per article, in its script and in Latin glosses
        sentences = [rng.choice(pools[lang]) for _ in range(rng.randint(6, 14))]
        text = "\n\n".join(
            s.replace(NAMES[lang][0], NAMES[lang][k]).replace(NAMES["id"][0], NAMES["id"][k])
            .replace("{n}", NAMES[lang][rng.randrange(len(NAMES[lang]))])
            for s in sentences
        )
        (folder / f"{lang}_{i:06d}.txt").write_text(text + "\n", encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(folder: Path, repeat: int) -> dict[str, float]:
    from corpus.ingest import load_corpus
    from corpus.search import Searcher

    started = time.perf_counter()
    corpus, _ = load_corpus(folder)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    Searcher(corpus)
    cold_s = time.perf_counter() - started
    corpus, _ = load_corpus(folder)
    started = time.perf_counter()
    searcher = Searcher(corpus)
    warm_s = time.perf_counter() - started
    ours: list[float] = []
    cpu: list[float] = []
    rg: list[float] = []
    for query in QUERIES:
        searcher.search(query)  # first use builds per-thread ICU transliterators
    best: dict[str, float] = {}
    best_cpu: dict[str, float] = {}
    for _ in range(repeat):
        for query in QUERIES:
            started_cpu = time.process_time()
            ours.append(searcher.search(query, limit=50).elapsed_ms)
            cpu.append((time.process_time() - started_cpu) * 1000)
            best[query] = min(best.get(query, ours[-1]), ours[-1])
            best_cpu[query] = min(best_cpu.get(query, cpu[-1]), cpu[-1])
            started = time.perf_counter()
            subprocess.run(["rg", "-F", "-i", "-c", query, str(folder)], stdout=subprocess.DEVNULL, check=False)
            rg.append((time.perf_counter() - started) * 1000)
    return {
        "articles": corpus.documents.height, "ingest_s": ingest_s, "index_cold_s": cold_s, "index_warm_s": warm_s,
        "ours_p50": statistics.median(ours), "ours_p95": percentile(ours, 0.95), "ours_max": max(ours),
        "cpu_p95": percentile(cpu, 0.95), "best_p95": percentile(list(best.values()), 0.95),
        "best_cpu_p95": percentile(list(best_cpu.values()), 0.95),
        "rg_p50": statistics.median(rg), "rg_p95": percentile(rg, 0.95),
        "load": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[6000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if present)")
    args = parser.parse_args(argv)
    os.environ.setdefault("BABELSCOPE_HOME", tempfile.mkdtemp(prefix="babelscope-bench-"))
    sys.path.insert(0, str(ROOT))
    if shutil.which("rg") is None:
        print("ripgrep (rg) not found: install it (apt-get install ripgrep) for the baseline", file=sys.stderr)
        return 1
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="babelscope-bench-corpus-"))
    print(f"{'articles':>9} {'ingest s':>9} {'index cold s':>12} {'warm s':>7} "
          f"{'ours p50':>9} {'ours p95':>9} {'ours max':>9} {'cpu p95':>8} {'best p95':>9} {'best cpu':>9} "
          f"{'rg p50':>8} {'rg p95':>8} {'load':>5}"
          "  (ms per query; best = each query's fastest of --repeat runs; load = 1-min load average at the end)")
    for size in args.sizes:
        folder = base / f"n{size}"
        if not folder.exists():
            started = time.perf_counter()
            generate(folder, size)
            print(f"  generated {size} articles in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        r = measure(folder, args.repeat)
        print(f"{r['articles']:>9} {r['ingest_s']:>9.1f} {r['index_cold_s']:>12.1f} {r['index_warm_s']:>7.2f} "
              f"{r['ours_p50']:>9.1f} {r['ours_p95']:>9.1f} {r['ours_max']:>9.1f} {r['cpu_p95']:>8.1f} "
              f"{r['best_p95']:>9.1f} {r['best_cpu_p95']:>9.1f} "
              f"{r['rg_p50']:>8.1f} {r['rg_p95']:>8.1f} {r['load']:>5.1f}")
        sys.stdout.flush()
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
