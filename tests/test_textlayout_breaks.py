"""``first_line_break_from`` (one ICU ``following`` call) agrees with the full list of break opportunities."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.textlayout.wrap import first_line_break_from, line_break_opportunities

ALPHABET = st.sampled_from(list("ab -中文。、「」𠮷😀ألتمان\u200b\u0301") + ["  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, min_size=2, max_size=40).map("".join), st.data())
def test_first_break_from_matches_the_full_list(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(1, len(text) - 1))
    expected = next((b for b in line_break_opportunities(text) if offset <= b < len(text)), None)
    assert first_line_break_from(text, offset) == expected


def test_edges() -> None:
    assert first_line_break_from("ab cd", 0) is None
    assert first_line_break_from("ab cd", 3) == 3  # a break exactly at the offset counts
    assert first_line_break_from("abcd", 2) is None  # the end of the text is not an opportunity
    assert first_line_break_from("𠮷𠮷 𠮷𠮷 ab", 3) == 3


def test_huge_paragraphs_are_cut_into_blocks_at_break_opportunities() -> None:
    from corpus.textlayout.document import DocumentLayout

    text = "奥特曼和微软的合作。Altman met Nadella again, " * 400
    layout = DocumentLayout(text, [(0, 0, len(text), "body")], 30, "zh", block_chars=2000)
    assert layout.block_count > 5
    opportunities = set(line_break_opportunities(text, "zh"))
    starts = [layout._starts[b] for b in range(1, layout.block_count)]
    assert all(start in opportunities for start in starts)
    rows = []
    while len(rows) < layout.row_count:  # the count grows or shrinks as estimated blocks are wrapped
        rows.append(layout.row(len(rows)))
    covered = [(row.start, row.end) for row in rows if row is not None and not row.gap]
    assert covered[0][0] == 0 and covered[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(covered, covered[1:]))


def test_a_window_starting_mid_span_sees_the_text_before_it() -> None:
    """Found by the windowing fuzz test: without left context ICU broke "-<0000…" where the whole span does not."""
    from corpus.textlayout.wrap import wrap_lines

    text = "-<00000000000" * 231
    whole = list(wrap_lines(text, 0, len(text), 2, "und", window=10**6))
    assert list(wrap_lines(text, 0, len(text), 2, "und", window=1024)) == whole
