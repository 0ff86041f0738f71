"""The Latin detector's model read from its decompressed copy classifies exactly as py3langid's own loader, and
a cache dir it cannot write only costs speed."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

import corpus.langid_model as langid_model
from corpus.langid import LATIN_LANGUAGES
from corpus.paths import cache_dir

TEXTS = [
    "Sam Altman kembali ke OpenAI setelah dewan direksi memecatnya pekan lalu.",
    "Sam Altman kembali ke OpenAI setelah dewan direksi memecatnya pekan lalu, kata Microsoft.",
    "The board of directors fired the chief executive on Friday.",
    "Le conseil d'administration a licencié le directeur général vendredi.",
    "Der Vorstand hat den Chef am Freitag entlassen.",
    "O conselho demitiu o diretor executivo na sexta-feira.",
    "ok",
]


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN_LANGUAGES))
    return identifier


def test_the_copy_is_written_once_and_classifies_like_py3langid(reference: LanguageIdentifier) -> None:
    first = langid_model.load_identifier(list(LATIN_LANGUAGES))
    copies = list((cache_dir() / "langid").glob("*.npz"))
    assert len(copies) == 1
    stamp = copies[0].stat().st_mtime_ns
    second = langid_model.load_identifier(list(LATIN_LANGUAGES))
    assert copies[0].stat().st_mtime_ns == stamp
    for text in TEXTS:
        assert first.classify(text) == second.classify(text) == reference.classify(text)


def test_an_unwritable_cache_falls_back_to_py3langid(
    reference: LanguageIdentifier, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError("read-only cache")

    monkeypatch.setattr(langid_model, "_write_copy", refuse)
    identifier = langid_model.load_identifier(list(LATIN_LANGUAGES))
    assert not list((cache_dir() / "langid").glob("*.npz"))
    assert [identifier.classify(t) for t in TEXTS] == [reference.classify(t) for t in TEXTS]
