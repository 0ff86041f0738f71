"""Annotation labels: a user-editable TOML file in the config dir, created with defaults on first run.

Each label has a name, a key 1-9 (pressed in selection mode to apply it), a colour and a description. Colours
are limited to names that exist among the 16 ANSI colours, so every terminal (16-colour, over SSH) can show them;
the TUI also draws a marker so labels stay distinguishable with NO_COLOR.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from corpus import paths

FILE_NAME = "labels.toml"
ANSI_COLOURS = (
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright_black", "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan",
    "bright_white",
)
_FIELDS = ("name", "key", "colour", "description")

DEFAULT_TOML = """\
# Babelscope annotation labels. In selection mode (v), press a label's key to apply it.
# Each [[label]] needs: name (unique), key (1-9, unique), colour (one of the 16 ANSI colour names:
# black red green yellow blue magenta cyan white, or bright_<one of those>) and description.

[[label]]
name = "claim"
key = 1
colour = "yellow"
description = "A factual claim worth checking"

[[label]]
name = "quote"
key = 2
colour = "cyan"
description = "Words attributed to a person or source"

[[label]]
name = "figure"
key = 3
colour = "green"
description = "A number, amount or statistic"

[[label]]
name = "disputed"
key = 4
colour = "red"
description = "Contradicted elsewhere or contested"

[[label]]
name = "follow-up"
key = 5
colour = "magenta"
description = "Come back to this later"
"""


@dataclass(frozen=True)
class Label:
    name: str
    key: int
    colour: str
    description: str


class LabelError(ValueError):
    """The labels file is invalid; the message names the file and the line."""

    def __init__(self, path: Path, line: int | None, message: str) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class LabelSet:
    labels: tuple[Label, ...]
    path: Path

    def by_key(self, key: int) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def by_name(self, name: str) -> Label | None:
        return next((label for label in self.labels if label.name == name), None)

    @property
    def names(self) -> list[str]:
        return [label.name for label in self.labels]


def labels_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_labels(path: Path | None = None) -> LabelSet:
    """The labels of ``path`` (default: the config dir's labels.toml, written with the defaults if absent)."""
    path = path or labels_path()
    if not path.exists():
        path.write_text(DEFAULT_TOML, encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    return parse_labels(text, path)


def load_labels_or_defaults(path: Path | None = None) -> tuple[LabelSet, LabelError | None]:
    """For the app: a broken labels file must not stop the user annotating. The defaults apply (the file is left
    as it is, for the user to fix) and the error comes back to be shown."""
    try:
        return load_labels(path), None
    except LabelError as exc:
        return parse_labels(DEFAULT_TOML, exc.path), exc
    except (OSError, UnicodeDecodeError) as exc:
        where = path or labels_path()
        return parse_labels(DEFAULT_TOML, where), LabelError(where, None, f"cannot be read ({exc})")


def parse_labels(text: str, path: Path) -> LabelSet:
    """Validate the TOML text of a labels file; LabelError names ``path`` and the offending line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise LabelError(path, int(match.group(1)) if match else None, f"not valid TOML ({exc})") from exc
    lines = _EntryLines(text)
    entries = data.get("label")
    if not isinstance(entries, list) or not entries:
        raise LabelError(path, None, "no [[label]] entries")
    unknown = set(data) - {"label"}
    if unknown:
        raise LabelError(path, lines.top_level(sorted(unknown)[0]), f"unknown setting {sorted(unknown)[0]!r}")
    labels: list[Label] = []
    for index, entry in enumerate(entries):
        label = _label(entry, index, path, lines)
        for field in ("name", "key"):
            clash = next((other for other in labels if getattr(other, field) == getattr(label, field)), None)
            if clash:
                raise LabelError(
                    path, lines.field(index, field),
                    f"{field} {getattr(label, field)!r} is used by both {clash.name!r} and {label.name!r}",
                )
        labels.append(label)
    return LabelSet(tuple(labels), path)


def _label(entry: object, index: int, path: Path, lines: _EntryLines) -> Label:
    if not isinstance(entry, dict):
        raise LabelError(path, lines.header(index), "each label must be a [[label]] table")
    for field in _FIELDS:
        if field not in entry:
            raise LabelError(path, lines.header(index), f"label #{index + 1} has no {field!r}")
    extra = set(entry) - set(_FIELDS)
    if extra:
        field = sorted(extra)[0]
        raise LabelError(path, lines.field(index, field), f"unknown field {field!r} (allowed: {', '.join(_FIELDS)})")
    name, key, colour, description = (entry[field] for field in _FIELDS)
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise LabelError(path, lines.field(index, "name"), "name must be non-empty text without outer spaces")
    if isinstance(key, bool) or not isinstance(key, int) or not 1 <= key <= 9:
        raise LabelError(path, lines.field(index, "key"), f"key of {name!r} must be a whole number 1-9, got {key!r}")
    if colour not in ANSI_COLOURS:
        raise LabelError(
            path, lines.field(index, "colour"),
            f"colour {colour!r} of {name!r} is not one of the 16 ANSI colours: {', '.join(ANSI_COLOURS)}",
        )
    if not isinstance(description, str):
        raise LabelError(path, lines.field(index, "description"), f"description of {name!r} must be text")
    return Label(name, key, colour, description)


class _EntryLines:
    """Line numbers of ``[[label]]`` headers and their fields (tomllib reports values, not positions)."""

    _HEADER = re.compile(r"^\s*\[\[\s*label\s*\]\]")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._headers = [i for i, line in enumerate(self._lines) if self._HEADER.match(line)]

    def header(self, index: int) -> int | None:
        return self._headers[index] + 1 if index < len(self._headers) else None

    def field(self, index: int, field: str) -> int | None:
        if index >= len(self._headers):
            return None
        end = self._headers[index + 1] if index + 1 < len(self._headers) else len(self._lines)
        pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for number in range(self._headers[index], end):
            if pattern.match(self._lines[number]):
                return number + 1
        return self.header(index)

    def top_level(self, key: str) -> int | None:
        pattern = re.compile(rf"^\s*\[?\s*{re.escape(key)}\b")
        return next((i + 1 for i, line in enumerate(self._lines) if pattern.match(line)), None)
