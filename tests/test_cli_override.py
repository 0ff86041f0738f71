"""``babelscope override``: corrections stored in the store, applied on every later ingest."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from corpus.cli.main import main
from corpus.session import open_session


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_set_and_clear_language_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["override", "--doc", "004", "--lang", "ms", "--title", "Judul", "--json"]) == 0
    result = _json(capsys)
    assert result["doc_id"] == "004_e6c42df7ed528c8f.txt"
    assert result["override"] == {"lang": "ms", "title": "Judul"}
    assert (result["lang"], result["lang_source"], result["title"]) == ("ms", "override", "Judul")
    session = open_session(None)  # the next ingest (app or CLI) applies it too
    try:
        assert session.corpus.document("004_e6c42df7ed528c8f.txt")["lang"] == "ms"
    finally:
        session.close()
    assert main(["override", "--list", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["doc_id"], r["lang"], r["title"]) for r in rows] == [("004_e6c42df7ed528c8f.txt", "ms", "Judul")]
    assert main(["override", "--doc", "004", "--clear", "lang", "--json"]) == 0
    result = _json(capsys)
    assert result["override"] == {"title": "Judul"} and result["lang"] == "id"
    assert main(["override", "--doc", "004", "--clear"]) == 0
    capsys.readouterr()
    assert main(["override", "--list"]) == 0
    assert capsys.readouterr().out.strip() == "no overrides"


def test_an_encoding_override_rescues_a_skipped_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Альтман вернулся в OpenAI. " * 5
    (tmp_path / "legacy.txt").write_bytes(text.encode("koi8-r"))
    (tmp_path / "ok.txt").write_text("Altman kembali ke OpenAI sebagai CEO.", encoding="utf-8")
    assert main(["override", "--corpus", str(tmp_path), "--doc", "legacy.txt", "--encoding", "KOI8_R",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["override"] == {"encoding": "koi8-r"} and result["skipped"] is None
    assert result["encoding"] == "koi8-r" and result["lang"] == "ru"
    session = open_session(tmp_path)
    try:
        assert session.corpus.text("legacy.txt") == text
    finally:
        session.close()


@pytest.mark.parametrize(
    "argv",
    [
        ["override", "--doc", "000", "--lang", "xx-notalanguage"],
        ["override", "--doc", "000", "--encoding", "no-such-codec"],
        ["override", "--doc", "000", "--title", "  "],
        ["override", "--doc", "000"],
        ["override", "--lang", "ru"],
        ["override", "--doc", "no-such-article", "--lang", "ru"],
        ["override", "--doc", "00", "--lang", "ru"],  # ambiguous prefix
        ["override", "--list", "--doc", "000"],
        ["override", "--doc", "000", "--lang", "ru", "--clear"],
    ],
)
def test_usage_errors_exit_2_with_a_message(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.startswith("babelscope: error:")


def test_the_skip_warning_names_the_override_that_rescues_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A very short legacy file (a raw CSI byte among ASCII) fits no encoding the detector trusts: the warning
    says which command reads it, and that command, as printed, does."""
    data = b"a \x9b2J b"
    (tmp_path / "legacy esc.txt").write_bytes(data)
    (tmp_path / "ok.txt").write_text("Altman kembali ke OpenAI sebagai CEO.", encoding="utf-8")
    assert main(["ingest", "--corpus", str(tmp_path)]) == 0
    warning = capsys.readouterr().err.strip()
    assert warning.startswith("babelscope: warning: skipped legacy esc.txt: invalid UTF-8 at byte"), warning
    command = warning.split("if you know its encoding: ", 1)[1]
    assert command == "babelscope override --corpus DIR --doc 'legacy esc.txt' --encoding CODEC"
    argv = shlex.split(command.replace("DIR", shlex.quote(str(tmp_path))).replace("CODEC", "cp1252"))[1:]
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped"] is None
    session = open_session(tmp_path)
    try:
        assert session.corpus.text("legacy esc.txt") == data.decode("cp1252")
    finally:
        session.close()
