"""Display settings the user changes from the keyboard and expects to find again (``settings.toml``).

Only a few values, written as plain TOML text; unknown or broken values fall back to defaults with no crash.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from corpus.paths import config_dir

BIDI_MODES = ("terminal", "app", "off")


@dataclass
class Settings:
    bidi: str = "terminal"          # app: Babelscope reorders RTL lines; terminal: the terminal does; off: neither
    hide_boilerplate: bool = False
    paragraph_numbers: bool = True
    arabic_shaping: bool = True     # in bidi "app" mode, draw Arabic presentation forms (for terminals that do not shape)
    theme: str = "textual-dark"


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_file()
    settings = Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("display", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return settings
    for field in fields(Settings):
        value = data.get(field.name)
        if isinstance(value, type(getattr(settings, field.name))):
            setattr(settings, field.name, value)
    if settings.bidi not in BIDI_MODES:
        settings.bidi = "terminal"
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_file()
    lines = ["[display]"]
    for key, value in asdict(settings).items():
        lines.append(f"{key} = {str(value).lower() if isinstance(value, bool) else repr(value).replace(chr(39), chr(34))}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
