"""Find-in-article folding: case, width and compatibility folded, offsets always into the original text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.textlayout.find import FoldedText, fold

TEXT = "Straße ALTMAN ａｌｔｍａｎ ｶﾀｶﾅ カタカナ cafe\u0301 café وألتمان ㍿ 𝐀𝐥tman"


def found(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in FoldedText(text).find_all(query)]


def test_case_and_width_folded_matches_map_to_the_original_characters() -> None:
    assert found(TEXT, "altman") == ["ALTMAN", "ａｌｔｍａｎ", "𝐀𝐥tman"]
    assert found(TEXT, "カタカナ") == ["ｶﾀｶﾅ", "カタカナ"]
    assert found(TEXT, "CAFÉ") == ["cafe\u0301", "café"]
    assert found(TEXT, "strasse") == ["Straße"]
    assert found(TEXT, "株式会社") == ["㍿"]
    assert found(TEXT, "ألتمان") == ["ألتمان"]  # alef with hamza folds to two characters; offsets stay exact


def test_a_match_never_starts_or_ends_inside_one_character() -> None:
    assert found("Straße", "s") == ["S"]  # not the first half of ß (folded "ss")
    assert found("Straße", "ss") == ["ß"]
    assert found("", "x") == [] and found("abc", "") == []


def test_limit_and_order() -> None:
    text = "ab " * 1000
    hits = FoldedText(text).find_all("AB", limit=10)
    assert len(hits) == 10 and hits == sorted(hits) and hits[1] == (3, 5)


def test_long_text_crosses_chunks() -> None:
    text = ("وألتمان ß " * 20000) + "END"
    folded = FoldedText(text)
    hits = folded.find_all("end")
    assert [text[s:e] for s, e in hits] == ["END"]
    assert len(folded.find_all("ألتمان")) == 20000


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60), st.data())
def test_every_match_folds_to_the_query(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    hits = FoldedText(text).find_all(query)
    for s, e in hits:
        assert 0 <= s < e <= len(text)
        assert fold(text[s:e]) == fold(query)
    assert all(a[1] <= b[0] for a, b in zip(hits, hits[1:]))
