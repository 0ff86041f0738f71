"""Language identification: metadata hints, script-decided languages, the lazy Latin detector, "und"."""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import FrozenInstanceError

import pytest

from corpus.langid import LangGuess, detect_language, normalise_hint
from corpus.paths import sample_corpus_dir

LATIN = {
    "en": "The city council approved the new budget on Tuesday after a long debate about public transport, "
          "housing and the cost of repairing the old bridge over the river.",
    "id": "Pemerintah kota menyetujui anggaran baru pada hari Selasa setelah perdebatan panjang tentang "
          "transportasi umum, perumahan, dan biaya perbaikan jembatan tua di atas sungai.",
    "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur les transports "
          "publics, le logement et le coût de la réparation du vieux pont sur la rivière.",
    "de": "Der Stadtrat hat am Dienstag nach einer langen Debatte über den öffentlichen Nahverkehr, das "
          "Wohnen und die Kosten für die Reparatur der alten Brücke den neuen Haushalt beschlossen.",
}


@pytest.mark.parametrize(
    ("name", "lang", "method"),
    [("000", "ru", "script"), ("001", "ar", "script"), ("002", "zh", "script"), ("003", "ja", "script"),
     ("004", "id", "detector")],
)
def test_sample_articles(name: str, lang: str, method: str) -> None:
    (path,) = sample_corpus_dir().glob(f"{name}_*.txt")
    guess = detect_language(path.read_text("utf-8"))
    assert (guess.lang, guess.method) == (lang, method)
    assert guess.confidence > 0.8


@pytest.mark.parametrize("lang", sorted(LATIN))
def test_latin_sentences_use_the_detector(lang: str) -> None:
    guess = detect_language(LATIN[lang])
    assert (guess.lang, guess.script, guess.method) == (lang, "Latin", "detector")
    assert 0.5 < guess.confidence <= 1.0


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Київ є столицею України, і це найбільше місто країни з багатою історією та культурою.", "uk"),
        ("Това е кратък текст на български език, който съдържа думи с твърд знак.", "bg"),
        ("Москва является столицей России и крупнейшим городом страны с богатой историей.", "ru"),
        ("این یک متن کوتاه به زبان فارسی است که برای آزمایش نوشته شده است.", "fa"),
        ("یہ ایک مختصر اردو جملہ ہے جو جانچ کے لیے لکھا گیا ہے۔", "ur"),
        ("هذا نص قصير باللغة العربية كتب من أجل الاختبار في المدينة.", "ar"),
        ("서울시는 화요일 긴 논의 끝에 새 예산안을 승인했다.", "ko"),
        ("Το δημοτικό συμβούλιο ενέκρινε τον νέο προϋπολογισμό την Τρίτη.", "el"),
        ("מועצת העיר אישרה ביום שלישי את התקציב החדש.", "he"),
    ],
)
def test_script_and_marker_letters_decide(text: str, lang: str) -> None:
    guess = detect_language(text)
    assert (guess.lang, guess.method) == (lang, "script")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Apple и Google представили новые iPhone, Pixel и MacBook Pro на выставке CES в Лас-Вегасе", "ru"),
        ("أعلنت Microsoft و OpenAI عن شراكة جديدة حول ChatGPT و Azure", "ar"),
        ("OpenAI与Microsoft宣布在Azure上推出GPT-4 Turbo服务", "zh"),
    ],
)
def test_latin_brand_names_do_not_flip_a_non_latin_text(text: str, lang: str) -> None:
    assert detect_language(text).lang == lang


@pytest.mark.parametrize("text", ["", "   \n\t", "12345 67-89", "2024-11-22 09:30:30", "!!! ???", "OK", "OpenAI",
                                  "Hello world", "東京", "Да"])
def test_empty_short_and_digit_only_text_is_undetermined(text: str) -> None:
    guess = detect_language(text)
    assert guess.lang == "und"
    assert guess.confidence == 0.0


def test_a_title_gets_less_confidence_than_a_paragraph() -> None:
    title = detect_language("Pemerintah menyetujui anggaran baru")
    paragraph = detect_language(LATIN["id"])
    assert title.confidence < 0.3 < paragraph.confidence


def test_a_valid_hint_wins() -> None:
    guess = detect_language("Москва является столицей России.", hint="en")
    assert (guess.lang, guess.script, guess.confidence, guess.method) == ("en", "Cyrillic", 1.0, "metadata")


@pytest.mark.parametrize(("hint", "lang"), [("id", "id"), ("in", "id"), ("eng", "en"), ("zh-Hant", "zh"),
                                            ("pt_BR", "pt"), (" JA ", "ja"), ("zsm", "ms")])
def test_hints_are_canonicalised(hint: str, lang: str) -> None:
    assert normalise_hint(hint) == lang


@pytest.mark.parametrize("hint", [None, "", "und", "mul", "zxx", "xx", "not a language", "12"])
def test_invalid_hints_are_ignored(hint: str | None) -> None:
    assert normalise_hint(hint) is None
    guess = detect_language(LATIN["fr"], hint=hint)
    assert (guess.lang, guess.method) == ("fr", "detector")


def test_guess_is_frozen_and_picklable() -> None:
    guess = detect_language(LATIN["en"])
    assert pickle.loads(pickle.dumps(guess)) == guess
    with pytest.raises(FrozenInstanceError):
        guess.lang = "fr"  # type: ignore[misc]


def test_detector_is_imported_only_for_latin_text() -> None:
    probe = (
        "import sys\n"
        "from corpus.langid import detect_language\n"
        "detect_language('Москва является столицей России и крупнейшим городом страны.')\n"
        "print('py3langid' in sys.modules)\n"
        f"detect_language({LATIN['en']!r})\n"
        "print('py3langid' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_works_in_a_spawned_process_pool() -> None:
    texts = [LATIN["de"], "Москва является столицей России и крупнейшим городом страны."]
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        guesses = list(pool.map(detect_language, texts))
    assert [g.lang for g in guesses] == ["de", "ru"]
    assert all(isinstance(g, LangGuess) for g in guesses)
