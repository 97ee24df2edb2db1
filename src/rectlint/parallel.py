"""Map a function over inputs in worker processes, yielding results in input order.

Workers are forked, so they inherit the function and everything it closes over (rule classes built at
run time, resolved settings) without pickling it; only the inputs and the results cross the pipe.
Where fork is unavailable, the work runs in this process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: Callable | None = None  # set in the parent just before forking


class _Raised:
    """An exception a task raised in a worker, carried back to be raised in the parent."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def _call(item):
    assert _TASK is not None
    try:
        return _TASK(item)
    except BaseException as exc:  # uncaught, KeyboardInterrupt would kill the worker and the parent would wait forever
        return _Raised(exc)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunksize(count: int, jobs: int) -> int:
    """Items per task: each task is a round trip through the parent, whose time the workers share on a
    busy machine (16 rather than 4 saved 5% of a corpus run), yet every worker must get a few tasks."""
    return max(1, min(16, count // (jobs * 4)))


def ordered_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """fn over items with up to `jobs` processes; the order of results is the order of items."""
    global _TASK
    if jobs <= 1:
        yield from map(fn, items)
        return
    import multiprocessing  # only now: a one-file run does without it

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    _TASK = fn
    # What exists now (modules, rules, settings) outlives the workers: kept out of the collector's reach
    # meanwhile, it is not traversed by the parent's full collections (23 ms in a corpus run) nor copied
    # page by page into a worker whose collector would touch it.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for result in pool.imap(_call, items, chunksize(len(items), jobs)):
                if isinstance(result, _Raised):
                    raise result.exc
                yield result
    finally:
        gc.unfreeze()
