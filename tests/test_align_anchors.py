"""The aligner's sentence-start check (corpus/align/anchors.py: each line's first letter found once) and its
heaviest monotone chain of anchor links (corpus/align/model.py: a Fenwick tree) against the plain scans they
replace, and the sentence-start check's cost on one huge line."""

from __future__ import annotations

import random
import re
from collections import Counter

from corpus.align import anchors
from corpus.align.model import _heaviest_chain

_ALPHABET = "aZ Éé-'’.\n\r«:!1²ДдアルالسOpenAIの共\t*ǅⅫ"


def _sentence_initial(text: str, start: int) -> bool:
    """The old check: the three characters before, then every character back to the line start."""
    before = text[max(0, start - 3):start]
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    return bool(re.search(r"[.!?。！？؟:：…\"«“「—–]\s*$", before)) or not any(ch.isalpha() for ch in text[line_start:start])


def test_sentence_starts_match_the_per_word_scan() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(1, 40)))
        starts = anchors._SentenceStarts(text)
        for position in range(len(text)):
            assert starts(position) == _sentence_initial(text, position), (text, position)


def test_one_huge_line_is_linear() -> None:
    text = "Brockman Sutskever " * 100_000  # 1.9 M characters, 200,000 capitalised words on one line
    found = anchors.fallback_name_mentions(text, "en")
    assert len(found) == 200_000 and all(m.strong for m in found[1:])


def _every_earlier_pair(votes: Counter[tuple[int, int]]) -> list[tuple[int, int]]:
    """The chain as found by trying every earlier pair (O(k²), what the aligner did before the Fenwick tree)."""
    pairs = sorted(votes)
    best: list[int] = []
    previous: list[int] = []
    for k, (i, j) in enumerate(pairs):
        best.append(votes[(i, j)])
        previous.append(-1)
        for h in range(k):
            if pairs[h][0] < i and pairs[h][1] < j and best[h] + votes[(i, j)] > best[k]:
                best[k], previous[k] = best[h] + votes[(i, j)], h
    if not pairs:
        return []
    k = max(range(len(pairs)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def test_heaviest_chain_is_the_one_every_earlier_pair_gives() -> None:
    rng = random.Random(6)
    for _ in range(3000):
        side = rng.randint(1, 9)
        votes = Counter({(rng.randrange(side), rng.randrange(side)): rng.choice([1, 1, 2, 3])
                         for _ in range(rng.randint(0, 25))})
        assert _heaviest_chain(votes) == _every_earlier_pair(votes), votes


_NAME_ALPHABET = ["Altman", "OpenAI", "sam", "Ilya", "アルトマン", "マイクロ・ソフト", "ألتمان", "وألتمان", "والبيت",
                  "Альтман", "the", "-", " ", "\n", ". ", "の", "123", "ー"]


def test_a_spans_name_keys_are_those_of_its_name_mentions() -> None:
    """The per-distinct-word keys (memoised for the process) equal the keys of the per-occurrence mentions, for
    spans no candidate crosses, also when a word is met again in a later text."""
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(_NAME_ALPHABET) for _ in range(rng.randrange(1, 30)))
        cuts = sorted({0, len(text), *(rng.randrange(len(text) + 1) for _ in range(3))})
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if not anchors.cuts_a_candidate(text, a)
                 and not anchors.cuts_a_candidate(text, b)]
        mentions = anchors.fallback_name_mentions(text, "en")
        for start, end in spans:
            expected = {m.key for m in mentions if start <= m.start < end}
            assert anchors.fallback_name_keys(text, start, end) == expected, (text, start, end)
