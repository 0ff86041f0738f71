"""Shared test set-up: every test runs with its own BABELSCOPE_HOME (config, data and cache dirs), so tests never
touch the user's files or each other's stores, and the sample corpus is re-ingested from scratch where needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.paths import sample_corpus_dir

SAMPLE_FILES = {
    "ru": "000_a950dea4a643e238.txt",
    "ar": "001_eb0aed705e4d506f.txt",
    "zh": "002_607b4259a36b8345.txt",
    "ja": "003_be91988be7a24db6.txt",
    "id": "004_e6c42df7ed528c8f.txt",
}


@pytest.fixture(autouse=True)
def babelscope_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("babelscope-home")
    monkeypatch.setenv("BABELSCOPE_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(autouse=True)
def pinned_bidi_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default bidi mode follows the terminal (tui.settings.default_bidi_mode): pin it so screens and
    snapshots do not depend on where the tests run. (A fixture of its own: some modules override the home.)"""
    monkeypatch.setenv("BABELSCOPE_BIDI", "terminal")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return sample_corpus_dir()


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory: pytest.TempPathFactory):
    """The analysed sample corpus, built once per test session (read-only for tests)."""
    import os

    from corpus.ingest import load_corpus

    home = tmp_path_factory.mktemp("sample-home")
    previous = os.environ.get("BABELSCOPE_HOME")
    os.environ["BABELSCOPE_HOME"] = str(home)
    try:
        corpus, _ = load_corpus(None)
        _ = corpus.tokens, corpus.sentences, corpus.vocabulary
    finally:
        if previous is None:
            os.environ.pop("BABELSCOPE_HOME", None)
        else:
            os.environ["BABELSCOPE_HOME"] = previous
    return corpus
