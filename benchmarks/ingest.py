"""Ingest speed and memory against a bare PyICU loop over the same files, in the same run.

    python benchmarks/ingest.py [--articles 5000] [--repeat 3] [--small-files 100000] [--keep DIR]

What it measures (every figure is printed next to its target):

* **bare ICU loop** — one process reads and decodes every file, runs ICU's word BreakIterator (the article's
  locale) over it and takes each boundary's rule status and surface: the least a tokeniser does. The baseline.
* **detector preparation** — the one-time build of the Latin-script language detector's compact model from
  py3langid's compressed one (corpus/langid_model.py), which the first ingest on a machine (per py3langid
  version) does and every later one reads in milliseconds. Timed on its own, before the cold ingest.
* **cold ingest** — ``corpus.ingest.load_corpus`` with its default parallelism on an empty corpus cache:
  discovery, decoding, paragraphs, boilerplate, language id, sentences, tokens, norms, vocabulary, Parquet cache
  written. Target: within 2× the bare loop. With ``--repeat N`` the bare loop and a cold ingest (its corpus cache
  emptied first) run N times, alternating, each ratio is printed and the median is the figure: on a shared
  machine one pair of runs can land in a moment when the other work leaves the ingest one core instead of two.
* **first ingest on a new machine** — the same cold ingest in a fresh home, where every worker also prepares the
  detector: what the very first corpus a user opens costs.
* **warm reopen** — ``load_corpus`` again on the unchanged corpus, in a fresh process (nothing in memory).
  Target: under 0.5 s for 5,000 articles.
* **one changed file** — touch-and-edit one article, reopen: only that file is re-analysed.
* **peak memory** — maximum resident set size of the ingest process and of its worker processes.
* **first paint** — a headless ``BabelscopeApp.run_test()`` on the embedded sample corpus with a warm cache, from
  before importing the app to the library table being populated. Target: under 1 s.
* **cold start progress** — the same app on the generated corpus with an empty cache, from before importing the
  app to the library showing the ingest's progress (its first status, "finding files", which an empty cache
  shows before the walk; the time to the first byte count is printed beside it). Target: under 1 s.
* **100k small files** (``--small-files``, 0 to skip) — cold ingest and warm reopen of many tiny articles.

The corpus is generated from the embedded sample articles: each generated article takes one sample's paragraphs
in a shuffled order (keeping that sample's layout: one line or one blank-line block per paragraph), so there are
five languages and five scripts with real text. Everything runs under a temporary BABELSCOPE_HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.paragraphs import split_paragraphs  # noqa: E402
from corpus.paths import sample_corpus_dir  # noqa: E402

SAMPLE_LANGS = {"000": "ru", "001": "ar", "002": "zh", "003": "ja", "004": "id"}


def generate(folder: Path, articles: int, seed: int = 7) -> dict[str, str]:
    """Write ``articles`` shuffled-paragraph articles into ``folder`` (20 sub-folders); returns rel path → lang."""
    rng = random.Random(seed)
    samples = []
    for path in sorted(sample_corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = [text[s:e] for s, e in split_paragraphs(text)]
        separator = "\n\n" if "\n\n" in text else "\n"
        samples.append((SAMPLE_LANGS[path.name[:3]], paragraphs, separator))
    langs: dict[str, str] = {}
    for number in range(articles):
        lang, paragraphs, separator = samples[number % len(samples)]
        chosen = rng.sample(paragraphs, k=max(3, int(len(paragraphs) * rng.uniform(0.5, 1.0))))
        rel = f"{number % 20:02d}/{number:06d}-{lang}.txt"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(separator.join(chosen) + "\n", encoding="utf-8")
        langs[rel] = lang
    return langs


def generate_small(folder: Path, count: int) -> None:
    """``count`` tiny articles (one sentence each, five languages) in 100 sub-folders."""
    lines = ["Альтман вернулся в OpenAI.", "عاد ألتمان إلى OpenAI.", "奥特曼回到了OpenAI。",
             "アルトマン氏がOpenAIに戻った。", "Altman kembali ke OpenAI."]
    for number in range(count):
        sub = folder / f"{number % 100:02d}"
        if number < 100:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{number:06d}.txt").write_text(f"{lines[number % 5]} #{number}\n", encoding="utf-8")


def bare_icu_loop(folder: Path, langs: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds and segments of the baseline: read, decode, ICU boundaries + status + surface per file."""
    import icu

    iterators = {lang: icu.BreakIterator.createWordInstance(icu.Locale(lang)) for lang in set(langs.values())}
    started, cpu = time.perf_counter(), time.process_time()
    segments = 0
    for rel, lang in langs.items():
        text = (folder / rel).read_bytes().decode("utf-8")
        iterator = iterators[lang]
        iterator.setText(text)
        status = iterator.getRuleStatus
        previous = 0
        for boundary in iterator:
            status()
            text[previous:boundary]
            previous = boundary
            segments += 1
    return time.perf_counter() - started, time.process_time() - cpu, segments


_INGEST = """
import json, os, resource, sys, threading, time
started = time.perf_counter()
from corpus.ingest import load_corpus
imported, cpu = time.perf_counter(), time.process_time()
peak_worker = [0]
worker_cpu = {}  # pid -> CPU seconds, last sample (a worker's final 0.2 s may be missed)

def watch_workers():  # pool workers are the forkserver's children: RUSAGE_CHILDREN never sees them
    me = os.getpid()
    while True:
        for entry in os.listdir("/proc"):
            try:
                status = open(f"/proc/{entry}/status").read()
            except (OSError, ValueError):
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            parent = int(fields.get("PPid", "0"))
            grandparent = 0
            try:
                grandparent = int(open(f"/proc/{parent}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                pass
            if me in (parent, grandparent) and "VmHWM" in fields:
                peak_worker[0] = max(peak_worker[0], int(fields["VmHWM"].split()[0]))
                try:
                    stat = open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()
                    worker_cpu[int(entry)] = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
                except (OSError, ValueError, IndexError):
                    pass
        time.sleep(0.2)

threading.Thread(target=watch_workers, daemon=True).start()
corpus, report = load_corpus(sys.argv[1] or None)  # "" = the embedded sample
done = time.perf_counter()
print(json.dumps({
    "seconds": done - imported, "import_seconds": imported - started, "cpu_seconds": time.process_time() - cpu,
    "articles": corpus.documents.height, "tokens": int(corpus.documents["n_tokens"].sum() or 0),
    "analysed": report.analysed_files, "reused": report.reused_files,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "children_rss_mb": peak_worker[0] / 1024, "workers_cpu_seconds": sum(worker_cpu.values()),
}))
"""

_CLEAR_CORPUS_CACHE = """
import shutil, sys
from pathlib import Path
from corpus.discover import corpus_root
from corpus.paths import cache_dir, corpus_id
shutil.rmtree(cache_dir() / corpus_id(corpus_root(Path(sys.argv[1]))), ignore_errors=True)
print("{}")
"""

_PREPARE_DETECTOR = """
import json, time
started = time.perf_counter()
from corpus.langid import _latin_detector
_latin_detector()
print(json.dumps({"seconds": time.perf_counter() - started}))
"""

_FIRST_PAINT = """
import asyncio, json, time
started = time.perf_counter()
from tui.app import BabelscopeApp

async def main():
    app = BabelscopeApp(None)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.library.is_mounted or app.library.query_one("#library-table").row_count == 0:
            await asyncio.sleep(0.005)
        painted = time.perf_counter()
        await pilot.pause()
    return painted

painted = asyncio.run(main())
print(json.dumps({"seconds": painted - started, "cpu_seconds": time.process_time()}))
"""

#: a cold start in the app: from before importing it to the library showing the ingest's progress
_COLD_PROGRESS = """
import asyncio, json, sys, time
started = time.perf_counter()
from tui.app import BabelscopeApp

async def main():
    app = BabelscopeApp(sys.argv[1])
    async with app.run_test(size=(120, 40)) as pilot:
        status = lambda: str(app.library.query_one("#library-status").content) if app.library.is_mounted else ""
        while not status().startswith("Analysing"):
            await asyncio.sleep(0.005)
        shown = time.perf_counter()
        while not status().endswith("MB"):
            await asyncio.sleep(0.005)
        sized = time.perf_counter()
        await app.workers.wait_for_complete()
        await pilot.pause()
    return shown, sized

shown, sized = asyncio.run(main())
print(json.dumps({"seconds": shown - started, "sized_seconds": sized - started}))
"""


def run_python(code: str, *args: str, env: dict[str, str]) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<34}{value:>22}   {target}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="bare loop / cold ingest pairs (median reported)")
    parser.add_argument("--small-files", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="babelscope-bench-"))
    folder = args.keep or work / "corpus"
    env = {**os.environ, "BABELSCOPE_HOME": str(work / "home"), "PYTHONPATH": str(ROOT)}
    try:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        langs = generate(folder, args.articles)
        size = sum((folder / rel).stat().st_size for rel in langs)
        print(f"Ingest benchmark: {args.articles:,} articles, {size / 1e6:.1f} MB, {len(set(langs.values()))} "
              f"languages, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}", flush=True)

        prepared = run_python(_PREPARE_DETECTOR, env=env)
        row("detector preparation (once a machine)", f"{prepared['seconds']:.2f} s",
            "py3langid's model → the compact copy in the cache dir (imports included)")
        pairs = []
        for run in range(1, args.repeat + 1):
            bare_seconds, bare_cpu, segments = bare_icu_loop(folder, langs)
            run_python(_CLEAR_CORPUS_CACHE, str(folder), env=env)
            cold = run_python(_INGEST, str(folder), env=env)
            pairs.append((cold["seconds"] / bare_seconds, bare_seconds, bare_cpu, cold))
            total_cpu = cold["cpu_seconds"] + cold["workers_cpu_seconds"]
            row(f"run {run}: bare ICU loop / cold ingest", f"{bare_seconds:.2f} / {cold['seconds']:.2f} s",
                f"{pairs[-1][0]:.2f}× (CPU {bare_cpu:.2f} s / {total_cpu:.2f} s = {total_cpu / bare_cpu:.2f}×; "
                f"load {os.getloadavg()[0]:.1f})")
        ratio, bare_seconds, bare_cpu, cold = sorted(pairs, key=lambda pair: pair[0])[len(pairs) // 2]
        row("bare ICU loop (1 process)", f"{bare_seconds:.2f} s",
            f"CPU {bare_cpu:.2f} s, {segments / bare_cpu / 1e6:.2f} M segments per CPU second (the median run)")
        row("cold ingest (default workers)", f"{cold['seconds']:.2f} s",
            f"{ratio:.2f}× bare loop, median of {len(pairs)} (target ≤ 2×) {'OK' if ratio <= 2 else 'MISSED'}")
        total_cpu = cold["cpu_seconds"] + cold["workers_cpu_seconds"]
        row("  CPU: ingest process + workers", f"{cold['cpu_seconds']:.2f} + {cold['workers_cpu_seconds']:.2f} s",
            f"{total_cpu / bare_cpu:.2f}× the bare loop's CPU (the work, independent of machine load)")
        row("  throughput", f"{size / cold['seconds'] / 1e6:.2f} MB/s",
            f"{cold['tokens'] / cold['seconds'] / 1e6:.2f} M tokens/s, {cold['articles']:,} articles")
        row("peak RSS, ingest process", f"{cold['rss_mb']:.0f} MB")
        row("peak RSS, largest worker process", f"{cold['children_rss_mb']:.0f} MB", "(sampled every 0.2 s)")
        first_env = {**env, "BABELSCOPE_HOME": str(work / "first-home")}
        first = run_python(_INGEST, str(folder), env=first_env)
        row("first ingest on a new machine", f"{first['seconds']:.2f} s",
            f"{first['seconds'] / bare_seconds:.2f}× bare loop: the cold ingest + each worker preparing the detector")
        warm = run_python(_INGEST, str(folder), env=env)
        row("warm reopen (fresh process)", f"{warm['seconds']:.3f} s",
            f"target < 0.5 s {'OK' if warm['seconds'] < 0.5 else 'MISSED'} (CPU {warm['cpu_seconds']:.3f} s; "
            f"+{warm['import_seconds']:.2f} s imports)")
        changed = folder / next(iter(langs))
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
        one = run_python(_INGEST, str(folder), env=env)
        row("reopen after one file changed", f"{one['seconds']:.3f} s",
            f"CPU {one['cpu_seconds']:.2f} s; {one['analysed']} analysed, {one['reused']:,} reused (its chunk rewritten)")
        run_python(_INGEST, "", env=env)  # warm the sample corpus cache
        paint_runs = [run_python(_FIRST_PAINT, env=env) for _ in range(3)]
        paint = min(r["seconds"] for r in paint_runs)
        paint_cpu = min(r["cpu_seconds"] for r in paint_runs)
        row("first paint, sample, warm cache", f"{paint:.3f} s",
            f"target < 1 s {'OK' if paint < 1 else 'MISSED'} (CPU {paint_cpu:.2f} s; imports included, "
            f"interpreter start excluded; best of 3)")
        cold_env = {**env, "BABELSCOPE_HOME": str(work / "cold-home")}
        progress = run_python(_COLD_PROGRESS, str(folder), env=cold_env)
        row("cold start in the app: progress shown", f"{progress['seconds']:.3f} s",
            f"target < 1 s {'OK' if progress['seconds'] < 1 else 'MISSED'} (imports included, empty cache; "
            f"'finding files', then bytes after {progress['sized_seconds']:.3f} s)")
        row("load average during the run", f"{os.getloadavg()[0]:.1f}", f"on {os.cpu_count()} CPUs")

        if args.small_files:
            small = work / "small"
            generate_small(small, args.small_files)
            small_cold = run_python(_INGEST, str(small), env=env)
            small_warm = run_python(_INGEST, str(small), env=env)
            row(f"{args.small_files:,} small files, cold", f"{small_cold['seconds']:.2f} s (CPU "
                f"{small_cold['cpu_seconds'] + small_cold['workers_cpu_seconds']:.1f} s)",
                f"peak RSS {small_cold['rss_mb']:.0f} MB (+ workers {small_cold['children_rss_mb']:.0f} MB)")
            row(f"{args.small_files:,} small files, warm", f"{small_warm['seconds']:.2f} s",
                f"CPU {small_warm['cpu_seconds']:.2f} s; {small_warm['reused']:,} files reused")
        print(f"  (this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
