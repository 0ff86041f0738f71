"""README.md says what the program does: its test command is the one .ci/run runs, and its key and command tables
are the registries' (regenerate them with ``python docs/readme_tables.py``)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_test_command_is_exactly_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
    assert command in readme.split("## Run the tests", 1)[1].split("##", 1)[0]
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == [command]
    assert "set -euo pipefail" in ci  # pytest's exit 5 (no tests collected) fails the run like any error
    install = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/babelscope"
    assert install in readme


def test_readme_tables_match_the_keymap_and_the_parser() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "readme_tables.py"), "--check"], cwd=ROOT)
    assert result.returncode == 0, "README.md is out of date: run `python docs/readme_tables.py`"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"<!-- keys:start -->\n\| screen \| keys \| does \|", readme)
    assert "`babelscope override " in readme and "`babelscope stats " in readme
    assert "<!-- screenshot -->" in readme or "![" in readme
