"""The bidi mode a new user gets: reordering by the app unless the terminal is known to do it itself."""

from __future__ import annotations

import pytest

from tui.settings import default_bidi_mode, load_settings


@pytest.mark.parametrize(
    ("environ", "mode"),
    [
        ({}, "app"),
        ({"TERM": "xterm-256color"}, "app"),
        ({"TERM": "tmux-256color", "VTE_VERSION": "5202"}, "app"),
        ({"VTE_VERSION": "7600"}, "terminal"),
        ({"KONSOLE_VERSION": "230804"}, "terminal"),
        ({"MLTERM": "3.9.3"}, "terminal"),
        ({"KONSOLE_VERSION": "230804", "BABELSCOPE_BIDI": "app"}, "app"),
        ({"BABELSCOPE_BIDI": "off"}, "off"),
        ({"BABELSCOPE_BIDI": "sideways"}, "app"),
    ],
)
def test_default_bidi_mode(environ: dict[str, str], mode: str) -> None:
    assert default_bidi_mode(environ) == mode


def test_saved_choice_wins_over_the_default(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BABELSCOPE_BIDI", "app")
    path = tmp_path / "settings.toml"
    path.write_text('[display]\nbidi = "off"\n', encoding="utf-8")
    assert load_settings(path).bidi == "off"
    path.write_text('[display]\nbidi = "upside-down"\n', encoding="utf-8")
    assert load_settings(path).bidi == "app"
