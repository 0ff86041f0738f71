"""Regenerate README.md's key table and command-line table from the registries they document.

    .venv/bin/python docs/readme_tables.py          # rewrite the marked sections of README.md in place
    .venv/bin/python docs/readme_tables.py --check  # exit 1 if README.md is out of date

Keys come from ``tui.keymap`` (the one registry the screens bind from), commands from ``corpus.cli.main``'s
parser (every ``*_cmd.py``), so README never lists a key or a command the program does not have.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from corpus.cli.main import build_parser  # noqa: E402
from tui import keymap  # noqa: E402

README = ROOT / "README.md"


def keys_table() -> str:
    rows = ["| screen | keys | does |", "|---|---|---|"]
    for spec in keymap.specs():
        keys = " · ".join(f"`{k}`" for k in keymap.display_key(spec.keys).split(" "))
        rows.append(f"| {spec.scope} | {keys} | {spec.description.replace('|', '/')} |")
    return "\n".join(rows)


def commands_table() -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    rows = ["| command | does |", "|---|---|"]
    for name, child in sub.choices.items():
        rows.append(_row(child, helps.get(name, "")))
        nested = [a for a in child._actions if isinstance(a, argparse._SubParsersAction)]
        for action in nested:
            nested_helps = {choice.dest: choice.help for choice in action._choices_actions}
            rows.extend(_row(grandchild, nested_helps.get(n, "")) for n, grandchild in action.choices.items())
    return "\n".join(rows)


def _row(parser: argparse.ArgumentParser, help_text: str | None) -> str:
    usage = " ".join(parser.format_usage().split()[1:]).replace("|", "\\|")
    return f"| `{usage}` | {help_text or ''} |"


def render(text: str) -> str:
    for name, table in (("keys", keys_table()), ("commands", commands_table())):
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m: m.group(1) + table + "\n" + m.group(2), text)
    return text


def main() -> int:
    check = "--check" in sys.argv[1:]
    current = README.read_text(encoding="utf-8")
    updated = render(current)
    if check:
        return 0 if updated == current else 1
    README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
