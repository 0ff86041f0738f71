"""Tokens found by span keys (corpus/span_keys.py, corpus/form_table.py) are exactly the tokens ICU gives.

The ingest never slices a surface per token: a segment's row in the process's form table comes from a 64-bit key
of its span, confirmed by a second key. These tests hold that fast path to the plain per-token view
(:func:`corpus.tokenise.iter_tokens`) on hostile text, and force the slow paths (a key collision, spans too long
to hash, a text hashed in several windows).
"""

from __future__ import annotations

import random

import numpy as np
import polars as pl
import pytest

import corpus.span_keys as span_keys
from corpus.form_table import FormTable
from corpus.normalise import normalise
from corpus.span_keys import KeyRows, SpanKeys
from corpus.token_table import TokenBuffer, norm_lang
from corpus.tokenise import iter_tokens

HOSTILE = {
    "astral": ("en", "Emoji 😀😀 text 𠀋𠀋 more 𝐀𝐁𝐂 words\nАльтман 😀 ещё"),
    "escapes": ("en", "Some \x1b[31mRED\x1b[0m text and \x1b]0;title\x07 more [bold]x[/bold]"),
    "nul": ("en", "a\x00b a a\x00 \x00a test"),
    "long": ("en", "Start " + "a" * 300 + " middle " + "b" * 5000 + " end http://example.com/" + "x/" * 200),
    "traditional": ("zh", "山姆·奧特曼（Sam Altman）回到了OpenAI。微軟與微软表示歡迎。"),
    "mixed": ("ar", "قال ألتمان (Sam Altman) إن OpenAI ٢٠٢٣ وألتمان"),
}


def reference(text: str, lang: str) -> list[tuple[int, int, str, str, str]]:
    """``(start, end, surface, norm, kind)`` per token, from the per-token view."""
    return [(s, e, surface, normalise(surface, norm_lang(lang)), kind)
            for s, e, surface, kind, _ in iter_tokens(text, 0, len(text), lang)]


def buffered(texts: list[tuple[str, str]], forms: FormTable) -> list[tuple[int, int, str, str, str]]:
    buffer = TokenBuffer(forms=forms)
    for number, (lang, text) in enumerate(texts):
        buffer.add_article(f"d{number}", lang, text, [(0, len(text))])
    frame = buffer.frame()
    return frame.select("start", "end", "surface", "norm", "kind").rows()


def test_every_hostile_token_matches_the_per_token_view() -> None:
    forms = FormTable()
    for name, (lang, text) in HOSTILE.items():
        assert buffered([(lang, text)], forms) == reference(text, lang), name
    # the same texts again: every form now comes from the table
    for name, (lang, text) in HOSTILE.items():
        assert buffered([(lang, text)], forms) == reference(text, lang), name


class _CollidingKeys(SpanKeys):
    """Every span gets the same first key: only the check key tells forms apart."""

    def keys(self, text, lows, highs):
        key, check, hashed = super().keys(text, lows, highs)
        return np.zeros_like(key), check, hashed


def test_a_key_collision_is_caught_by_the_check_key() -> None:
    forms = FormTable()
    forms._span_keys = _CollidingKeys()
    texts = [HOSTILE["traditional"], HOSTILE["mixed"], ("ru", "Альтман и Альтмана, Альтманом.")]
    assert buffered(texts, forms) == [t for lang, text in texts for t in reference(text, lang)]


def test_spans_too_long_to_hash_are_looked_up_by_surface() -> None:
    text = "x" * (span_keys.MAX_SPAN + 1) + " y " + "x" * (span_keys.MAX_SPAN + 1)
    key, check, hashed = SpanKeys().keys(text, np.array([0, span_keys.MAX_SPAN + 2]),
                                         np.array([span_keys.MAX_SPAN + 1, span_keys.MAX_SPAN + 3]))
    assert hashed.tolist() == [False, True]
    assert buffered([("en", text)], FormTable()) == reference(text, "en")


def test_keys_do_not_depend_on_the_window_a_span_is_hashed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    text = "".join(rng.choice("ab\x00漢😀 ") for _ in range(4000))
    lows = np.array(sorted(rng.sample(range(3900), 900)), dtype=np.int64)
    highs = np.minimum(lows + np.array([rng.randrange(0, 30) for _ in lows]), len(text)).astype(np.int64)
    keys = SpanKeys(seed=bytes(range(16)))
    one_window = keys.keys(text, lows, highs)
    monkeypatch.setattr(span_keys, "WINDOW", 100)
    windows = keys.keys(text, lows, highs)
    for whole, windowed in zip(one_window, windows):
        assert whole.tolist() == windowed.tolist()
    by_surface: dict[str, tuple[int, int]] = {}
    for lo, hi, key, check in zip(lows.tolist(), highs.tolist(), *(k.tolist() for k in one_window[:2])):
        assert by_surface.setdefault(text[lo:hi], (key, check)) == (key, check)
    assert len(set(by_surface.values())) == len(by_surface)  # no two surfaces share a key pair
    assert keys.keys("a", np.array([0]), np.array([1]))[0] != keys.keys("a\x00", np.array([0]), np.array([2]))[0]


def test_key_rows_find_what_was_added_across_both_tiers() -> None:
    table = KeyRows()
    rng = np.random.default_rng(3)
    added: dict[int, int] = {}
    for batch in range(40):
        keys = np.unique(rng.integers(0, 2**63, size=50, dtype=np.uint64))
        keys = keys[~np.isin(keys, np.array(list(added), dtype=np.uint64))]
        rows = np.arange(len(added), len(added) + len(keys), dtype=np.int64)
        table.add(keys, rows)
        added.update(zip(keys.tolist(), rows.tolist()))
        probe = np.array([*list(added)[::7], 1, 2, 3], dtype=np.uint64)
        expected = [added.get(k, -1) for k in probe.tolist()]
        assert table.rows(probe).tolist() == expected, batch


def test_buffers_sharing_a_table_build_the_same_frames_as_fresh_ones() -> None:
    shared = FormTable()
    texts = list(HOSTILE.values())
    first = TokenBuffer(forms=shared)
    for number, (lang, text) in enumerate(texts):
        first.add_article(f"d{number}", lang, text, [(0, len(text))])
    first.frame()
    second, fresh = TokenBuffer(forms=shared), TokenBuffer(forms=FormTable())
    for buffer in (second, fresh):
        for number, (lang, text) in enumerate(reversed(texts)):
            buffer.add_article(f"d{number}", lang, text, [(0, len(text))])
    assert second.frame().equals(fresh.frame())
    assert second.vocabulary().equals(fresh.vocabulary())
    assert isinstance(second.vocabulary(), pl.DataFrame)
