"""Run chunks of work in this process and forked workers, yielding results in input order.

Workers are forked, so they inherit the function and everything it closes over (rule classes built at
run time, resolved settings) without pickling it; only the results cross a pipe, one pickled blob per chunk.
This process takes chunks too (--jobs 2 is this process and one worker): its own results are neither
pickled nor unpickled, and it renders the report between its chunks instead of competing with two workers
for two cores.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import mmap
import os
import pickle
import select
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_LENGTH = 8  # bytes of the length that goes before each blob


class _Raised:
    """An exception a task raised, carried back to be raised when its turn comes."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def forked_map(fn: Callable, chunks: list[Sequence], jobs: int, lost: Callable | None) -> Iterator[Any]:
    """fn over the items of `chunks` in this process and jobs − 1 forked workers, in order (see
    parallel.ordered_map)."""
    claims = _Claims(len(chunks))
    # What exists now (modules, rules, settings) outlives the workers: kept out of the collector's reach
    # meanwhile, it is not traversed by the parent's full collections (23 ms in a corpus run) nor copied
    # page by page into a worker whose collector would touch it.
    gc.freeze()
    workers: dict[int, int] = {}  # read end of its pipe → pid
    done = False
    try:
        for _ in range(jobs - 1):
            read, pid = _fork_worker(fn, chunks, claims)
            workers[read] = pid
        yield from _gather(fn, chunks, claims, workers, lost)
        done = True
    finally:
        gc.unfreeze()
        for read, pid in workers.items():
            if not done:  # an exception or an abandoned run: the workers' results are not wanted
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(read)
        claims.close()


class _Claims:
    """Chunk numbers 0, 1, 2… handed out across fork to whichever process asks first."""

    def __init__(self, count: int) -> None:
        self.count = count
        self._next = mmap.mmap(-1, _LENGTH)  # anonymous, so shared with the forked workers
        # A record lock on a file of no name: the kernel releases it when its holder dies, so a worker killed
        # while claiming leaves no one waiting for it.
        self._lock = tempfile.TemporaryFile()  # noqa: SIM115 - held open until close()

    def claim(self) -> int | None:
        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            n = int.from_bytes(self._next, "little")
            if n < self.count:
                self._next[:] = (n + 1).to_bytes(_LENGTH, "little")
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)
        return n if n < self.count else None

    def close(self) -> None:
        self._lock.close()
        self._next.close()


def _run_chunk(fn: Callable[[T], R], chunk: Sequence[T], caught: type[BaseException]) -> list:
    """fn over the chunk; a `caught` exception ends it, to be raised in order. A worker catches everything
    (uncaught, a KeyboardInterrupt would end it without a word); the parent lets Ctrl-C stop it at once."""
    results: list = []
    for item in chunk:
        try:
            results.append(fn(item))
        except caught as exc:
            results.append(_Raised(exc))
            break
    return results


def _fork_worker(fn: Callable, chunks: list, claims: _Claims) -> tuple[int, int]:
    """A worker process claiming chunks until none is left; the read end of its pipe, and its pid."""
    read, write = os.pipe()
    # room for a few chunks' results: the worker goes on while the parent is busy with its own chunk (not on
    # Linux, or above the system's limit: the pipe keeps its size)
    with contextlib.suppress(AttributeError, OSError):
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 1 << 20)
    sys.stdout.flush()  # what is buffered now is written once, not once more by each worker
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        os.close(write)
        return read, pid
    code = 1
    try:
        os.close(read)
        with os.fdopen(write, "wb") as out:
            while (n := claims.claim()) is not None:
                results = _run_chunk(fn, chunks[n], BaseException)
                try:
                    blob = pickle.dumps((n, results), pickle.HIGHEST_PROTOCOL)
                except Exception as exc:  # the parent raises it in order
                    blob = pickle.dumps((n, [_Raised(RuntimeError(f"a result could not be sent back: {exc}"))]))
                out.write(len(blob).to_bytes(_LENGTH, "little") + blob)
                out.flush()
        sys.stderr.flush()
        code = 0
    finally:
        os._exit(code)  # never back into the parent's code, nor its exit handlers


def _gather(fn: Callable, chunks: list, claims: _Claims, workers: dict[int, int], lost: Callable | None) -> Iterator:
    """Results in order: this process checks the chunks it claims and collects the workers' as they come."""
    pending: dict[int, list] = {}  # chunk number → results, until its turn
    buffers = {read: bytearray() for read in workers}

    def receive(timeout: float | None) -> None:
        """Read what the workers have sent (waiting up to `timeout` for something), keeping whole blobs."""
        ready, _, _ = select.select(list(buffers), [], [], timeout)
        for read in ready:
            data = os.read(read, 1 << 20)
            if not data:
                del buffers[read]
                continue
            buffer = buffers[read]
            buffer += data
            while len(buffer) >= _LENGTH:
                end = _LENGTH + int.from_bytes(buffer[:_LENGTH], "little")
                if len(buffer) < end:
                    break
                n, results = pickle.loads(buffer[_LENGTH:end])
                pending[n] = results
                del buffer[:end]

    for turn in range(len(chunks)):
        while turn not in pending:
            if buffers:
                receive(0)
            if turn in pending:
                break
            n = claims.claim()
            if n is not None:
                pending[n] = _run_chunk(fn, chunks[n], Exception)
            elif buffers:
                receive(None)
            elif lost is not None:  # every chunk is claimed and every worker gone: this one's went with its worker
                pending[turn] = [lost(item) for item in chunks[turn]]
            else:
                raise RuntimeError("a worker process ended before sending its results")
        for result in pending.pop(turn):
            if isinstance(result, _Raised):
                raise result.exc
            yield result
