"""The aligner's sentence-start check (corpus/align/anchors.py: each line's first letter found once) against the
per-word scan back to the line start it replaces, and its cost on one huge line."""

from __future__ import annotations

import random
import re
import sys

from corpus.align import anchors

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
