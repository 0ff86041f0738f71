"""Per-article work spread over the ingest's process pool (one worker per core), from any front end.

The pool is the one :func:`corpus.ingest.pool_context` gives: a forkserver, safe to start from the app's threads,
and usually already running after a cold ingest. Work goes there when there is enough of it to pay for the
workers' start and imports (tenths of a second); results come back in task order, so a parallel run gives what a
sequential one gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def map_tasks(fn: Callable[[Task], Result], tasks: Sequence[Task], workers: int) -> Iterator[Result]:
    """``fn`` of each task, in order: in this process when ``workers`` ≤ 1 or there is one task, else in the pool
    (``fn`` must be a module-level function, its tasks and results picklable)."""
    if workers <= 1 or len(tasks) <= 1:
        yield from map(fn, tasks)
        return
    from corpus.ingest import pool_context  # not at import: corpus.ingest imports most of the engine

    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=pool_context()) as pool:
        yield from pool.map(fn, tasks)
