"""corpus/ is the engine and never imports textual, rich or tui (the design card): checked statically over every
module's source and dynamically in a fresh interpreter that imports every engine module and runs a CLI command."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import corpus

ENGINE = Path(corpus.__file__).parent
FORBIDDEN = ("textual", "rich", "tui")


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
            "import_module", "__import__"
        ) and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def test_no_engine_module_imports_the_ui_libraries() -> None:
    modules = sorted(ENGINE.rglob("*.py"))
    assert len(modules) > 30
    offenders = {
        str(path.relative_to(ENGINE.parent)): sorted(_imported_roots(path) & set(FORBIDDEN)) for path in modules
    }
    assert {k: v for k, v in offenders.items() if v} == {}


_PROBE = """
import importlib, json, pkgutil, sys
import corpus
names = [m.name for m in pkgutil.walk_packages(corpus.__path__, "corpus.")]
for name in names:
    importlib.import_module(name)
from corpus.cli.main import main
code = main(["stats", "--json"])
print(json.dumps({"code": code, "modules": len(names),
                  "ui": sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "tui"))}))
"""


def test_importing_the_engine_and_running_a_command_loads_no_ui(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, cwd=tmp_path,
        env={"BABELSCOPE_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(ENGINE.parent)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0 and report["modules"] > 30
    assert report["ui"] == []



_WARM_START = """
import json, sys
from corpus.session import open_session
session = open_session(None)
print(json.dumps({"analysed": session.report.analysed_files,
                  "stack": sorted(m for m in ("corpus.analyse", "corpus.ingest_worker", "corpus.langid",
                                              "corpus.token_table", "py3langid") if m in sys.modules)}))
"""


def test_a_warm_start_does_not_import_the_analysis_stack(tmp_path: Path) -> None:
    """The first paint is mostly imports: a corpus the cache holds is opened without the analyser's modules."""
    env = {"BABELSCOPE_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ENGINE.parent)}
    runs = [subprocess.run([sys.executable, "-c", _WARM_START], capture_output=True, text=True, cwd=tmp_path,
                           env=env, timeout=300) for _ in ("cold", "warm")]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    cold, warm = (json.loads(run.stdout.strip().splitlines()[-1]) for run in runs)
    assert cold["analysed"] == 5 and "corpus.analyse" in cold["stack"]  # the probe sees the stack when it is used
    assert warm == {"analysed": 0, "stack": []}
