"""Named stages of the long corpus-wide computations, for progress reports.

The first entity result of a large corpus takes seconds to minutes (every article's names are found, every
article's anchors read to find the translations, each translation pair aligned, then everything linked), so its
callers — the app's entity views, ``babelscope entities`` on a terminal — say which stage is running and how far
it is. A stage reports ``(stage, done, total)``; ``total`` 0 means it cannot say how far (one opaque pass).
"""

from __future__ import annotations

from collections.abc import Callable

StageProgress = Callable[[str, int, int], None]

FINDING_NAMES = "finding names"
PAIRING = "pairing translations"     # done/total: articles whose anchors are read
ALIGNING = "aligning translations"   # done/total: translation pairs aligned
LINKING = "linking names"


def stage_callback(progress: StageProgress | None, stage: str) -> Callable[[int, int], None] | None:
    """``progress`` as the ``(done, total)`` callback of one stage (None stays None)."""
    return None if progress is None else lambda done, total: progress(stage, done, total)
