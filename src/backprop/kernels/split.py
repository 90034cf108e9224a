"""Splitting a large pass over the threads the library may use (:func:`backprop.threads.current`).

NumPy releases the GIL inside its loops and its BLAS calls (and the compiled kernels run
``nogil``), so a pass over independent slices — the channels of a col2im, the output rows of
an im2col copy — can run in several threads at once. :func:`split` is only a scheduler: the
caller's ``work(lo, hi)`` computes slices ``lo:hi`` of the result with the same operations
on each entry as ``work(0, n)``, so a split result is the serial one, bit for bit.

Handing a slice to another thread is not free: waking a thread on another core took tens of
microseconds on the machines measured (benchmarks/README.md), so only passes of at least
:data:`MIN_BYTES` are split, never with one thread, and never from inside a split (a
second caller meanwhile, say another thread of the user's, runs serially). The pool's threads
are started on the first split and kept; between splits they sleep on a lock.
"""

from __future__ import annotations

import os
import threading
from typing import Callable

from ..threads import current

__all__ = ["MIN_BYTES", "split"]

MIN_BYTES = 2 * 2 ** 20  # bytes a pass reads and writes; below it a split cost more than it saved


class _Worker:
    """One thread of the pool, which runs ``task`` each time ``go`` is released."""

    def __init__(self) -> None:
        self.go, self.done = threading.Lock(), threading.Lock()
        self.go.acquire()
        self.done.acquire()
        self.task: Callable[[], object] | None = None
        self.error: BaseException | None = None
        self.cpu: int | None = None
        self.thread = threading.Thread(target=self._run, name="backprop-split", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            self.go.acquire()
            try:
                self.task()  # type: ignore[misc]
            except BaseException as e:  # re-raised in the caller
                self.error = e
            self.done.release()


def _getcpu() -> Callable[[], int] | None:
    """glibc's sched_getcpu (the core the calling thread runs on), or None."""
    try:
        import ctypes
        return ctypes.CDLL(None).sched_getcpu  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


_sched_getcpu = _getcpu() if hasattr(os, "sched_setaffinity") else None


def _place(helpers: list[_Worker]) -> None:
    """Pin the helpers to cores other than the caller's. Left to itself, Linux wakes a
    thread on the core of the thread that woke it unless the machine's topology says
    otherwise (it did not on the VMs measured): there the helper waited for the caller to
    finish its own chunk, and a split was slower than no split."""
    if _sched_getcpu is None:
        return
    me = _sched_getcpu()
    others = [c for c in sorted(os.sched_getaffinity(0)) if c != me] or [me]
    for i, w in enumerate(helpers):
        cpu = others[i % len(others)]
        if w.cpu != cpu:
            os.sched_setaffinity(w.thread.native_id, {cpu})
            w.cpu = cpu


_workers: list[_Worker] = []
_busy = threading.Lock()  # one split at a time; held while the workers run


def split(n: int, work: Callable[[int, int], object], nbytes: int) -> None:
    """``work(lo, hi)`` over ``[0, n)``: in one call, or, for a pass of at least
    :data:`MIN_BYTES` (``nbytes``) with more than one thread, in one contiguous chunk per
    thread, the caller's thread taking the first. Returns once every chunk is done; an
    exception of any chunk is raised after all have finished."""
    threads = min(current(), n) if nbytes >= MIN_BYTES else 1
    if threads < 2 or not _busy.acquire(blocking=False):
        work(0, n)
        return
    try:
        while len(_workers) < threads - 1:
            _workers.append(_Worker())
        helpers = _workers[:threads - 1]
        _place(helpers)
        bounds = [n * i // threads for i in range(threads + 1)]
        for w, lo, hi in zip(helpers, bounds[1:], bounds[2:]):
            w.task, w.error = (lambda lo=lo, hi=hi: work(lo, hi)), None
            w.go.release()
        try:
            work(0, bounds[1])
        finally:
            for w in helpers:
                w.done.acquire()
        for w in helpers:
            if w.error is not None:
                raise w.error
    finally:
        _busy.release()
