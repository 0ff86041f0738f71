"""The web-furniture rules (corpus/boilerplate.py), one paragraph at a time and a chunk's worth at once.

The rules are regexes evaluated by Polars (Rust's regex engine) over folded keys; these cases pin the places
where Rust and Python regexes differ (``\\w``/``\\b`` and combining marks: folding İ gives i + U+0307) and each
rule's length limit.
"""

from __future__ import annotations

import pytest

from corpus.boilerplate import classify, folded_paragraphs, furniture

FURNITURE = [
    "当前位置：首页 > 科技",
    "Home » Tech » AI",
    "首页 | 新闻 | 科技",
    "© 2023 Example Media. All rights reserved.",
    "Hak Cipta 2023",
    "logo",
    "Site logo",
    "Share | Tweet | Facebook",
    "分享，评论、收藏",
    "シェア ツイート",
    "img_placeholder",
    "Автор: Иван Петров",
    "来源：新华社",
    "Baca juga: berita lain",
    "本文来自微信公众号",
    "Third-party content is not endorsed by us",
    "• English",
    "Deutsch",
    "İlogo",            # folded i + U+0307 + logo: a mark is no word character, so "logo" is a word
    "—",
    "...",
    "",
]
BODY = [
    "Сэм Альтман вернулся в OpenAI после пяти дней переговоров.",
    "عاد سام ألتمان إلى شركة OpenAI.",
    "The logo of the company changed twice in 2023 and nobody noticed at all.",
    "logo自分",          # no word boundary after "logo"
    "Share your thoughts about the board's decision in the comments below, please.",
    "A" * 450 + " copyright",  # past every rule's length limit
    "2023",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_lines_are_boilerplate(line: str) -> None:
    assert classify(line, [(0, len(line))]) == ["boilerplate"]


@pytest.mark.parametrize("line", BODY)
def test_article_lines_are_not_furniture(line: str) -> None:
    [key] = folded_paragraphs(line, [(0, len(line))])
    assert furniture([key]) == [False]


def test_placeholder_needs_python_word_characters() -> None:
    # Rust's \w also takes combining marks; the rule must not (U+0307 after the folded İ)
    assert furniture(["foo_bari\u0307"]) == [False]
    assert furniture(["foo_bar"]) == [True]


def test_one_pass_over_many_paragraphs_equals_one_at_a_time() -> None:
    lines = FURNITURE + BODY
    keys = [folded_paragraphs(line, [(0, len(line))])[0] for line in lines]
    assert furniture(keys) == [furniture([key])[0] for key in keys]
