"""Script statistics: ICU script names, sampled letter profiles, the main script and writing direction."""

from __future__ import annotations

import pytest

from corpus.paths import sample_corpus_dir
from corpus.scripts import direction_of, main_script, sample_text, script_of, script_profile


@pytest.mark.parametrize(
    ("ch", "script"),
    [
        ("a", "Latin"), ("Ж", "Cyrillic"), ("ا", "Arabic"), ("中", "Han"), ("あ", "Hiragana"), ("ア", "Katakana"),
        ("한", "Hangul"), ("ש", "Hebrew"), ("ก", "Thai"), ("1", "Common"), (",", "Common"), ("\u0301", "Inherited"),
        ("𠮷", "Han"),  # astral (U+20BB7): one code point, two UTF-16 units
    ],
)
def test_script_of_names_icu_long_scripts(ch: str, script: str) -> None:
    assert script_of(ch) == script


def test_profile_counts_letters_only_and_astral_characters_once() -> None:
    profile = script_profile("𠮷野家 2024: Yoshinoya, 3 店!")
    assert profile == {"Latin": 9, "Han": 4}


def test_profile_of_long_text_is_sampled_across_the_whole_text() -> None:
    text = "a" * 3_000_000 + "ж" * 3_000_000
    profile = script_profile(text, limit=20_000)
    assert sum(profile.values()) <= 20_000
    assert profile["Latin"] > 5_000 and profile["Cyrillic"] > 5_000  # a prefix would hold Latin only


def test_sample_text_keeps_short_texts_whole() -> None:
    assert sample_text("short text", limit=100) == "short text"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("東京都の小池百合子知事は記者会見で新しい政策を発表した。", "Japanese"),
        ("カタカナだけのタイトル", "Japanese"),
        ("微软首席执行官纳德拉表示，公司将继续与OpenAI合作。", "Han"),
        ("北京时间周三，索尼公司发布了新款プレイステーション游戏机和多款配套设备，价格比上一代产品更高。", "Han"),
        ("Apple и Google представили новые iPhone, Pixel и MacBook Pro на выставке", "Cyrillic"),
        ("أعلنت شركة Microsoft عن نتائج Azure", "Arabic"),
        ("Jakarta (ANTARA) - Presiden menyampaikan pidato di Moskwa (Москва).", "Latin"),
        ("2024-11-22 09:30", "Common"),
        ("", "Common"),
    ],
)
def test_main_script(text: str, script: str) -> None:
    assert main_script(script_profile(text)) == script


@pytest.mark.parametrize(
    ("name", "script"),
    [("000", "Cyrillic"), ("001", "Arabic"), ("002", "Han"), ("003", "Japanese"), ("004", "Latin")],
)
def test_sample_articles_main_script(name: str, script: str) -> None:
    (path,) = sample_corpus_dir().glob(f"{name}_*.txt")
    assert main_script(script_profile(path.read_text("utf-8"))) == script


@pytest.mark.parametrize("script", ["Arabic", "Hebrew", "Syriac", "Thaana", "Nko", "Adlam"])
def test_right_to_left_scripts(script: str) -> None:
    assert direction_of(script) == "rtl"


@pytest.mark.parametrize("script", ["Latin", "Cyrillic", "Han", "Japanese", "Hangul", "Common"])
def test_left_to_right_scripts(script: str) -> None:
    assert direction_of(script) == "ltr"
