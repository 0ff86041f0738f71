"""CONVENTIONS.md "Command line" for every registered subcommand: --help, --version, exit codes 0/1/2, JSON on
stdout and messages on stderr. Subcommands are found through the parser, so a new ``*_cmd.py`` is covered as soon
as it exists."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import icu
import pytest

from corpus.cli.main import build_parser, main
from corpus.cli.output import Progress, StageLine
from corpus.stages import StageThrottle


def _subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


SUBCOMMANDS = _subcommands()


def test_the_foundation_subcommands_are_registered() -> None:
    assert {"open", "ingest", "stats", "override"} <= set(SUBCOMMANDS)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_and_version(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: babelscope" in out and "--version" in out
    assert main([command, "--version"]) == 0
    assert f"ICU {icu.ICU_VERSION}" in capsys.readouterr().out


@pytest.mark.parametrize("command", [c for c in SUBCOMMANDS if c != "open"])
def test_every_engine_subcommand_takes_corpus(command: str) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
    parsers = list(nested[0].choices.values()) if nested else [sub]
    for each in parsers:
        assert any("--corpus" in a.option_strings for a in each._actions), (command, each.prog)


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_unknown_options_are_usage_errors(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--no-such-option"]) == 2
    assert "error" in capsys.readouterr().err


def test_top_level_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("babelscope ") and f"ICU {icu.ICU_VERSION}" in line and "\n" not in line
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in SUBCOMMANDS:
        assert command in out


def test_stats_json_shape_on_stdout_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--json"]) == 0
    out, err = capsys.readouterr()
    stats = json.loads(out)
    assert list(stats) == ["articles", "languages", "scripts", "tokens", "vocabulary", "skipped"]
    assert stats["articles"] == 5 and stats["languages"] == {"ar": 1, "id": 1, "ja": 1, "ru": 1, "zh": 1}
    assert stats["tokens"] > 10_000 and stats["vocabulary"] > 1_000 and stats["skipped"] == []
    assert err == ""  # stderr is not a terminal here: no progress bar


def test_stats_json_is_utf8_unescaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.txt").write_text("Альтман вернулся в OpenAI после переговоров.", encoding="utf-8")
    (tmp_path / "файл.txt").write_bytes(b"")
    assert main(["stats", "--corpus", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    assert '"path": "файл.txt"' in out and "\\u" not in out


def test_ingest_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    for label in ("articles   5", "languages  ar 1, id 1, ja 1, ru 1, zh 1", "tokens", "vocabulary", "skipped    0"):
        assert label in out


def test_a_missing_corpus_is_a_runtime_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--corpus", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err.startswith("babelscope: error: no such file or folder")


def test_a_damaged_store_is_a_runtime_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from corpus.store import store_path

    (tmp_path / "a.txt").write_text("Altman kembali ke OpenAI sebagai CEO.", encoding="utf-8")
    path = store_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not an SQLite database" * 100)
    assert main(["stats", "--corpus", str(tmp_path)]) == 1
    assert "babelscope: error:" in capsys.readouterr().err


def test_progress_is_drawn_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe, terminal = io.StringIO(), Terminal()
    monkeypatch.setattr(sys, "stderr", pipe)
    Progress("ingest")(5, 10)
    assert pipe.getvalue() == ""
    monkeypatch.setattr(sys, "stderr", terminal)
    bar = Progress("ingest")
    bar(0, 10)
    bar(10, 10)
    assert "ingest [" in terminal.getvalue() and "100%" in terminal.getvalue()
    assert terminal.getvalue().endswith("\n")


def test_a_reader_that_closes_the_pipe_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """``babelscope search ... | head -1``: exit 0 and nothing on stderr (no traceback, no 'Broken pipe' error)."""
    env = {**os.environ, "BABELSCOPE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "corpus.cli.main", "search", r"re:\w+", "--all", "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               cwd=Path(__file__).resolve().parent.parent)
    assert process.stdout is not None and process.stderr is not None
    assert json.loads(process.stdout.readline())["doc_id"]
    process.stdout.close()  # the reader is gone; thousands of lines are still to come
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0 and stderr == ""


def test_the_stage_line_is_drawn_only_on_a_terminal_and_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, drawn in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        line = StageLine("entities")
        line("finding names", 0, 0)
        line("pairing translations", 5, 10)
        line.close()
        written = stream.getvalue()
        assert ("entities: pairing translations [" in written and "5/10" in written) is drawn
        assert written.endswith("\r") if drawn else written == ""


def test_stage_reports_are_thinned_but_never_lose_a_stage_or_its_end() -> None:
    throttle = StageThrottle(every=3600.0)
    assert throttle.due("finding names", 0, 0)
    assert not throttle.due("finding names", 0, 0)           # the same stage again at once
    assert throttle.due("pairing translations", 1, 10)       # a new stage
    assert not throttle.due("pairing translations", 5, 10)
    assert throttle.due("pairing translations", 10, 10)      # its end
    unthrottled = StageThrottle(every=0.0)
    assert unthrottled.due("x", 1, 2) and unthrottled.due("x", 1, 2)  # once the interval has passed: again
