"""The labels TOML file: defaults on first run, validation errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.labels import ANSI_COLOURS, DEFAULT_TOML, LabelError, labels_path, load_labels, parse_labels


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BABELSCOPE_HOME", str(tmp_path / "home"))


def test_first_run_writes_the_default_file(tmp_path: Path) -> None:
    assert not labels_path().exists()
    labels = load_labels()
    assert labels_path() == tmp_path / "home" / "config" / "labels.toml"
    assert labels_path().read_text(encoding="utf-8") == DEFAULT_TOML
    assert [(label.name, label.key) for label in labels.labels] == [
        ("claim", 1), ("quote", 2), ("figure", 3), ("disputed", 4), ("follow-up", 5)]
    assert all(label.colour in ANSI_COLOURS and label.description for label in labels.labels)
    assert labels.by_key(4).name == "disputed" and labels.by_key(9) is None
    assert labels.by_name("figure").key == 3


def test_user_edits_are_read_back_and_not_overwritten() -> None:
    labels_path().write_text(
        '[[label]]\nname = "источник"\nkey = 9\ncolour = "bright_blue"\ndescription = "Source named"\n',
        encoding="utf-8",
    )
    labels = load_labels()
    assert labels.names == ["источник"] and labels.by_key(9).colour == "bright_blue"
    assert "источник" in labels_path().read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "line", "message"),
    [
        (lambda t: t.replace("key = 2", "key = 1"), 13, "key 1 is used by both 'claim' and 'quote'"),
        (lambda t: t.replace('name = "figure"', 'name = "claim"'), 18, "name 'claim' is used by both"),
        (lambda t: t.replace("key = 5", "key = 10"), 31, "1-9"),
        (lambda t: t.replace("key = 5", "key = 0"), 31, "1-9"),
        (lambda t: t.replace("key = 5", 'key = "5"'), 31, "1-9"),
        (lambda t: t.replace('colour = "green"', 'colour = "chartreuse"'), 20, "16 ANSI colours"),
        (lambda t: t.replace('key = 3\n', 'key = 3\nshortcut = "x"\n'), 20, "unknown field 'shortcut'"),
        (lambda t: t.replace('description = "A number, amount or statistic"\n', ""), 17, "no 'description'"),
        (lambda t: t.replace('name = "quote"', 'name = "quote'), 12, "not valid TOML"),
        (lambda t: "# nothing here\n", None, "no [[label]] entries"),
    ],
)
def test_validation_errors_name_file_and_line(edit, line: int | None, message: str) -> None:  # type: ignore[no-untyped-def]
    path = labels_path()
    path.write_text(edit(DEFAULT_TOML), encoding="utf-8")
    with pytest.raises(LabelError) as raised:
        load_labels()
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert raised.value.line == line
    if line:
        assert f"line {line}" in str(raised.value)


def test_parse_labels_reports_the_given_path() -> None:
    with pytest.raises(LabelError, match="elsewhere.toml"):
        parse_labels("[[label]]\nname = 1\n", Path("elsewhere.toml"))
