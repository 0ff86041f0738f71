"""Named stages of the long corpus-wide computations, for progress reports.

The first entity result of a large corpus takes seconds to minutes (every article's names are found, every
article's anchors read to find the translations, each translation pair aligned, then everything linked), so its
callers — the app's entity views, ``babelscope entities`` on a terminal — say which stage is running and how far
it is. A stage reports ``(stage, done, total)``; ``total`` 0 means it cannot say how far (one opaque pass).
"""

from __future__ import annotations

import time
from collections.abc import Callable

StageProgress = Callable[[str, int, int], None]

FINDING_NAMES = "finding names"
PAIRING = "pairing translations"     # done/total: articles whose anchors are read
ALIGNING = "aligning translations"   # done/total: translation pairs aligned
LINKING = "linking names"


def stage_callback(progress: StageProgress | None, stage: str) -> Callable[[int, int], None] | None:
    """``progress`` as the ``(done, total)`` callback of one stage (None stays None)."""
    return None if progress is None else lambda done, total: progress(stage, done, total)


class StageThrottle:
    """Which reports are worth drawing: a new stage, a stage's end, else one every ``every`` seconds (a stage may
    report thousands of times; the terminal and the app's UI thread need about ten a second)."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self._last = (float("-inf"), "")

    def due(self, stage: str, done: int, total: int) -> bool:
        now = time.monotonic()
        if stage != self._last[1] or now - self._last[0] >= self.every or (total > 0 and done >= total):
            self._last = (now, stage)
            return True
        return False
