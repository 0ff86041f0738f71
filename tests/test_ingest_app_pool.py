"""A cold corpus big enough for the process pool opens inside the app (headless ``App.run_test``).

Inside a Textual app ``sys.stderr`` is a capture object whose ``fileno()`` is -1; multiprocessing's helpers could
not start from there ("bad value(s) in fds_to_keep"), so a large cold corpus never became a session. The check
runs in a fresh interpreter: in this one a pool test may already have started the helpers, which would hide it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_FILES

SCRIPT = r"""
import asyncio, json, sys, time
from pathlib import Path

import corpus.ingest as ingest
from tui.app import BabelscopeApp

ingest._PARALLEL_MIN_BYTES = 0   # the pool for a small corpus, so the test stays fast
ingest._CHUNK_FILES = 8

async def main() -> dict:
    app = BabelscopeApp(Path(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        started = time.monotonic()
        while app.session is None and not app._notifications and time.monotonic() - started < 120:
            await pilot.pause(0.1)
        return {
            "articles": app.session.corpus.documents.height if app.session else None,
            "analysed": app.session.report.analysed_files if app.session else None,
            "notifications": [n.message for n in app._notifications],
        }

print(json.dumps(asyncio.run(main())))
"""


def test_cold_corpus_through_the_pool_opens_in_the_app(tmp_path: Path, sample_dir: Path, babelscope_home: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for copy in range(8):  # 40 files in five scripts: five chunks of 8, more than one per worker
        for lang, name in SAMPLE_FILES.items():
            text = (sample_dir / name).read_text(encoding="utf-8")
            (folder / f"{lang}_{copy}.txt").write_text(f"{text}\n{copy}\n", encoding="utf-8")
    env = {**os.environ, "BABELSCOPE_HOME": str(babelscope_home)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)],
        capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {"articles": 40, "analysed": 40, "notifications": []}, outcome
