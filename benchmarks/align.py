"""Time the paragraph aligner: a typical pair (the sample translations) and two 1,000-paragraph articles.

Targets (issue 5): < 50 ms for two articles of at most 50 paragraphs once their features exist; < 1 s for two
1,000-paragraph articles. The long pair repeats the sample pair with every copy's figures renumbered (so copies
differ as long articles' sections do) and some paragraphs dropped and merged on one side.

Run: python benchmarks/align.py
"""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from corpus.align.dp import align, gale_church_baseline
from corpus.align.evaluate import Article
from corpus.align.features import build_features

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "sample_corpus"
PAIRS = [("000_a950dea4a643e238.txt", "ru", "001_eb0aed705e4d506f.txt", "ar"),
         ("003_be91988be7a24db6.txt", "ja", "004_e6c42df7ed528c8f.txt", "id")]


def _article(name: str, lang: str) -> Article:
    return Article.from_text((SAMPLES / name).read_text(encoding="utf-8-sig"), lang)


def _long(article: Article, paragraphs: int, drop_every: int) -> Article:
    """``article`` repeated to ``paragraphs`` paragraphs, figures renumbered per copy, every n-th dropped."""
    texts, kinds = [], []
    copy = 0
    while len(texts) < paragraphs:
        for position, (text, kind) in enumerate(zip(article.paragraphs, article.kinds, strict=True)):
            if drop_every and (copy * 7 + position) % drop_every == 0:
                continue
            texts.append(re.sub(r"\d+", lambda m, c=copy: str(int(m.group()) + 1000 * (c + 1)), text))
            kinds.append(kind)
        copy += 1
    return Article(article.lang, tuple(texts[:paragraphs]), tuple(kinds[:paragraphs]))


def _features(article: Article):
    text, paragraphs = article.render()
    return build_features(text, paragraphs, article.lang)


def _time(function, *args, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for source_name, source_lang, target_name, target_lang in PAIRS:
        source, target = _article(source_name, source_lang), _article(target_name, target_lang)
        start = time.perf_counter()
        source_features, target_features = _features(source), _features(target)
        features = time.perf_counter() - start
        print(f"{source_name[:3]}↔{target_name[:3]} ({len(source.paragraphs)}×{len(target.paragraphs)} paragraphs): "
              f"features {features * 1000:.1f} ms, align {_time(align, source_features, target_features) * 1000:.1f} ms, "
              f"plain Gale–Church {_time(gale_church_baseline, source_features, target_features) * 1000:.1f} ms")
    source, target = _article(*PAIRS[0][:2]), _article(*PAIRS[0][2:])
    long_source, long_target = _long(source, 1000, 0), _long(target, 1000, 23)
    start = time.perf_counter()
    source_features, target_features = _features(long_source), _features(long_target)
    features = time.perf_counter() - start
    print(f"1000×1000 paragraphs: features {features:.2f} s, align {_time(align, source_features, target_features, repeat=3):.2f} s")


if __name__ == "__main__":
    main()
