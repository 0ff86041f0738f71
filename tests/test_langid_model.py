"""The Latin detector's compact model classifies exactly as py3langid does, its copy is built once, and a model
or cache dir it cannot use only costs speed (corpus/langid_model.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

import corpus.langid_model as langid_model
from corpus.langid import LATIN_LANGUAGES
from corpus.paths import cache_dir, sample_corpus_dir

TEXTS = [
    "Sam Altman kembali ke OpenAI setelah dewan direksi memecatnya pekan lalu.",
    "Sam Altman kembali ke OpenAI setelah dewan direksi memecatnya pekan lalu, kata Microsoft.",
    "The board of directors fired the chief executive on Friday.",
    "THE BOARD OF DIRECTORS FIRED THE CHIEF EXECUTIVE",
    "Le conseil d'administration a licencié le directeur général vendredi.",
    "Der Vorstand hat den Chef am Freitag entlassen.",
    "O conselho demitiu o diretor executivo na sexta-feira.",
    "Zarząd zwolnił prezesa w piątek. Şirket yönetimi cuma günü. Hội đồng quản trị đã sa thải.",
    "ok", "", "\x00\x01 \ud800 lone surrogate",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


def varied_texts() -> list[str]:
    """Windows of every sample article (five scripts: the detector also meets quoted foreign words) and random
    code points, at lengths from a word to the detector's 1,000 characters."""
    rng = random.Random(11)
    texts = list(TEXTS)
    for path in sorted(sample_corpus_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for length in (12, 80, 400, 1000):
            start = rng.randrange(0, max(1, len(text) - length))
            texts.append(text[start:start + length])
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(300)) for _ in range(5)]
    return texts


def test_the_compact_model_classifies_exactly_like_py3langid(reference: LanguageIdentifier) -> None:
    model = langid_model.load_latin_model(list(LATIN_LANGUAGES))
    assert isinstance(model, langid_model.LatinModel)
    for text in varied_texts():
        assert model.classify(text) == reference.classify(text), text[:40]


def test_the_copy_is_written_once(reference: LanguageIdentifier) -> None:
    langid_model.load_latin_model(list(LATIN_LANGUAGES))
    copies = list((cache_dir() / "langid").glob("*.npz"))
    assert len(copies) == 1
    stamp = copies[0].stat().st_mtime_ns
    second = langid_model.load_latin_model(list(LATIN_LANGUAGES))
    assert copies[0].stat().st_mtime_ns == stamp
    assert [second.classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]


def test_a_model_that_is_not_the_assumed_automaton_falls_back_to_py3langid(
    reference: LanguageIdentifier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(langid_model, "MAX_DEPTH", 3)  # as if py3langid's n-grams grew longer than this module knows
    identifier = langid_model.load_latin_model(list(LATIN_LANGUAGES))
    assert isinstance(identifier, LanguageIdentifier)
    assert not list((cache_dir() / "langid").glob("*.npz"))
    assert [identifier.classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]


def test_an_unwritable_cache_falls_back_to_py3langid(
    reference: LanguageIdentifier, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(langid_model, "_write_copy", refuse)
    identifier = langid_model.load_latin_model(list(LATIN_LANGUAGES))
    assert not list((cache_dir() / "langid").glob("*.npz"))
    assert [identifier.classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]
