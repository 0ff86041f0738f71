"""Display settings the user changes from the keyboard and expects to find again (``settings.toml``).

Only a few values, written as plain TOML text; unknown or broken values fall back to defaults with no crash.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from corpus.paths import config_dir

BIDI_MODES = ("terminal", "app", "off")
#: Environment variable that sets the bidi mode used until the user picks one with ``d`` (saved in settings.toml).
BIDI_ENV = "BABELSCOPE_BIDI"
#: VTE (GNOME Terminal, Tilix...) reorders right-to-left text itself from this version (0.58) on.
_VTE_BIDI_VERSION = 5800


def default_bidi_mode(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """The bidi mode for a user who has not chosen one: ``terminal`` where the terminal is known to reorder RTL
    text itself (Konsole, mlterm, VTE >= 0.58), else ``app``.

    Most terminals (xterm, tmux, iTerm2, kitty, Alacritty, Windows Terminal) show Arabic in logical order, i.e.
    backwards, so ``app`` is the safe default. The variables that tell are local ones: over SSH they are usually
    not forwarded, which is why ``BABELSCOPE_BIDI`` can name the mode explicitly and ``d`` switches it at once.
    """
    env = os.environ if environ is None else environ
    explicit = env.get(BIDI_ENV, "").strip().lower()
    if explicit in BIDI_MODES:
        return explicit
    vte = env.get("VTE_VERSION", "")
    if env.get("KONSOLE_VERSION") or env.get("MLTERM") or (vte.isdigit() and int(vte) >= _VTE_BIDI_VERSION):
        return "terminal"
    return "app"


@dataclass
class Settings:
    # app: Babelscope reorders RTL lines; terminal: the terminal does; off: neither
    bidi: str = field(default_factory=default_bidi_mode)
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
        settings.bidi = default_bidi_mode()
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_file()
    lines = ["[display]"]
    for key, value in asdict(settings).items():
        lines.append(f"{key} = {str(value).lower() if isinstance(value, bool) else repr(value).replace(chr(39), chr(34))}")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
