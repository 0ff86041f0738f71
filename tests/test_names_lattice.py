"""The learned reading a query picks (corpus/names/lattice.py): each kana mora or Han character may render any chunk
the learned table kept for it, and decoding takes the ones that fit the query. The ranking pairs are DEV pairs that
ranked the other name first with one chunk per unit (the hard negatives of tests/test_names_readings.py run with
the alternatives on)."""

from __future__ import annotations

import pytest

from corpus.names import KeyTable, best_matches, name_key, similarity
from corpus.names.lattice import decode, lattice_of, lattice_text, parse_lattice
from corpus.names.romanise import learned_units

# (query, its rendering, the name that ranked above it with one learned chunk per unit)
PICKED_BY_THE_QUERY = [
    ("Gates", "盖茨", "凯特"),
    ("Jones", "琼斯", "欧文斯"),
    ("Marshall", "马歇尔", "莫尔斯"),
    ("Cohen", "科恩", "切尼"),
    ("Brown", "ブラウン", "ブルーノー"),
    ("Cloutier", "クルーティエ", "カルティエ"),
    ("Giordano", "ジョルダーノ", "ゴルドマン"),
    ("Greenaway", "グリーナウェイ", "ゲラン"),
]

@pytest.mark.parametrize(("query", "true_form", "other"), PICKED_BY_THE_QUERY)
def test_the_reading_the_query_picks_ranks_the_rendering_first(query: str, true_form: str, other: str) -> None:
    q = name_key(query)
    assert similarity(q, name_key(true_form)) > similarity(q, name_key(other))


@pytest.mark.parametrize(("query", "form"), [("Gates", "盖茨"), ("Brown", "ブラウン"), ("Altman", "奥特曼")])
def test_table_search_scores_what_similarity_scores(query: str, form: str) -> None:
    """best_matches reads the lattice back from its text form (as the search index stores it): same number."""
    table = KeyTable.build([form, "凯特", "ブルーノー"])
    found = {table.forms[m.index]: m.score for m in best_matches(name_key(query), table, cutoff=0.0)}
    assert found[form] == pytest.approx(similarity(name_key(query), name_key(form)))


def test_decoding_takes_the_chunk_that_fits_the_context() -> None:
    lattice = ((("s", 0.0), ("su", 0.3)), (("to", 0.0), ("t", 0.2)))
    assert decode(lattice, "stow") == "sto"
    assert decode(lattice, "sut") == "sut"
    assert decode(((("s", 0.0),),), "xyz") == "s"  # nothing fits: the reading itself


def test_a_costly_alternative_loses_to_a_letter_of_mismatch() -> None:
    assert decode(((("ka", 0.0), ("ga", 2.0)),), "ga") == "ka"
    assert decode(((("ka", 0.0), ("ga", 0.5)),), "ga") == "ga"


def test_lattice_text_round_trips() -> None:
    lattice = lattice_of(((("ge", 0.294), ("gue", 0.235)), (("z", 0.7), ("", 0.15))))
    assert parse_lattice(lattice_text(lattice)) == lattice
    assert lattice_of(((("a", 1.0),), (("b", 1.0),))) == ()  # no alternative anywhere: nothing to decode
    assert parse_lattice("") == ()


def test_arabic_letters_have_no_alternatives() -> None:
    assert all(len(chunks) == 1 for chunks in learned_units("مايكروسوفت"))
