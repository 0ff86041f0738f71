"""SVG snapshots of the reader (Arabic, Chinese, Japanese; 80×24 and 120×40; bidi ``app`` and ``terminal``) and
of the library.

The SVGs are drawn cell by cell, as a terminal without bidi draws them: browsers apply the Unicode bidi algorithm
to SVG text, which would reverse our already-reordered ``app`` lines a second time (and "fix" ``terminal`` lines
that such a terminal shows backwards), so :class:`GridApp` adds ``unicode-bidi: bidi-override`` to the
screenshot's text style. In the ``app`` snapshots Arabic therefore reads right to left exactly as the user's
terminal shows it; the ``terminal`` snapshots show the logical order the app sends (a bidi terminal reorders it).

Every snapshot runs with default settings in an isolated home (tests/conftest.py), so nothing the developer
set leaks in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import wait_loaded

from tests.conftest import SAMPLE_FILES
from tui.app import BabelscopeApp

_MATRIX_RULE = re.compile(r"(\.([\w-]+)-matrix \{[^}]*\})")


@pytest.fixture(scope="module")
def snapshot_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("snapshot-home")


@pytest.fixture(autouse=True)
def babelscope_home(snapshot_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """One isolated home for the module (overrides conftest's per-test home), so the sample corpus is analysed
    once and later snapshots open it from the cache. Nothing a snapshot does changes what the next one shows:
    settings stay at their defaults and a reading position of 0 is the same as none."""
    monkeypatch.setenv("BABELSCOPE_HOME", str(snapshot_home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return snapshot_home


class GridApp(BabelscopeApp):
    """The app, with screenshots whose text is laid out in string order, one glyph per cell (no browser bidi)."""

    def export_screenshot(self, *, title: str | None = None, simplify: bool = False) -> str:
        svg = super().export_screenshot(title=title, simplify=simplify)
        # unicode-bidi is not inherited, so the rule goes on the text elements themselves
        return _MATRIX_RULE.sub(r"\1\n    .\2-matrix text { unicode-bidi: bidi-override; direction: ltr; }", svg, count=1)


def reader_app(lang: str, mode: str) -> tuple[GridApp, object]:
    app = GridApp()
    app.settings.bidi = mode

    async def open_article(pilot: Pilot) -> None:
        await wait_loaded(pilot, app)
        app.open_reader(SAMPLE_FILES[lang])
        await pilot.pause()
        await pilot.pause()

    return app, open_article


@pytest.mark.parametrize("mode", ["app", "terminal"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("lang", ["ar", "zh", "ja"])
def test_reader(snap_compare, lang: str, size: tuple[int, int], mode: str) -> None:
    app, open_article = reader_app(lang, mode)
    assert snap_compare(app, run_before=open_article, terminal_size=size)


def test_library(snap_compare) -> None:
    app = GridApp()

    async def loaded(pilot: Pilot) -> None:
        await wait_loaded(pilot, app)

    assert snap_compare(app, run_before=loaded, terminal_size=(80, 24))


def test_reader_light_theme(snap_compare) -> None:
    app, open_article = reader_app("ar", "app")
    app.settings.theme = "textual-light"
    assert snap_compare(app, run_before=open_article, terminal_size=(80, 24))


def test_reader_find_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """With NO_COLOR the find matches still stand out: underlined, the current one bold and reversed."""
    monkeypatch.setenv("NO_COLOR", "1")
    app, open_article = reader_app("zh", "app")

    async def find(pilot: Pilot) -> None:
        await open_article(pilot)
        await pilot.press("f", *"openai")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, run_before=find, terminal_size=(80, 24))
