"""Map a function over inputs in this process and forked workers (forked.py), yielding results in input
order. Where there is no fork, or one process is asked for, the work runs in this process alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunksize(count: int, jobs: int) -> int:
    """Items per chunk: each worker chunk is a round trip through the parent, whose time the workers share on
    a busy machine (16 rather than 4 saved 5% of a corpus run), yet every process must get a few chunks."""
    return max(1, min(16, count // (jobs * 4)))


def _chunks(items: Sequence[T], jobs: int) -> list[Sequence[T]]:
    """The items cut in chunks, smaller towards the end, where each shrinks to what is left shared out:
    the processes then finish close together instead of one waiting out another's last full chunk."""
    chunks, start = [], 0
    while start < len(items):
        size = chunksize(len(items) - start, jobs)
        chunks.append(items[start:start + size])
        start += size
    return chunks


def ordered_map(fn: Callable[[T], R], items: Sequence[T], jobs: int,
                lost: Callable[[T], R] | None = None) -> Iterator[R]:
    """fn over items with up to `jobs` processes; the order of results is the order of items. The items of a
    chunk whose worker ended without sending its results (killed, out of memory) are given `lost(item)`, or
    without `lost` the run ends in a RuntimeError when their turn comes."""
    if jobs <= 1 or os.name != "posix":  # workers are forks, which claim work under POSIX record locks
        yield from map(fn, items)
        return
    from rectlint.forked import forked_map  # only now: a one-file run does without the workers' machinery

    yield from forked_map(fn, _chunks(items, jobs), jobs, lost)
