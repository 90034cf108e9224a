"""Memory-bound passes over big feature maps, split over the channels between threads.

A training step of a small CNN spends as much time in elementwise passes (ReLU, batch
norm, max-pool routing, im2col and col2im) as in its matrix products. BLAS runs the products
on every thread it is given; a NumPy ufunc runs on one. NumPy releases the GIL inside its
loops over big arrays, so a pass cut into a few slices along one axis runs on as many cores.

Rules call :func:`over` with a function of a slice along the channel axis. Every slice
computes exactly what the whole pass computes for its channels (nothing is reduced across
slices), so the result is bit-identical to the single-threaded pass, whatever the number of
threads. The count is :func:`backprop.threads.split_threads` (what ``set_threads`` or
``use_threads`` chose, else the BLAS variable of the environment, else 1); small passes
run in the calling thread.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from .. import threads

__all__ = ["over", "channels", "part", "MIN_ELEMENTS"]

# below this many elements a pass takes microseconds and handing it out costs more than it saves
MIN_ELEMENTS = 1 << 16

_executor: Any = None  # a concurrent.futures.ThreadPoolExecutor, made on first use
_workers = 0
_lock = threading.Lock()
_inside = threading.local()  # a slice that splits again runs serially (no pool deadlock)


def _pool(workers: int) -> Any:
    from concurrent.futures import ThreadPoolExecutor

    global _executor, _workers
    with _lock:
        if _executor is None or _workers < workers:
            if _executor is not None:
                _executor.shutdown(wait=False)
            _executor = ThreadPoolExecutor(max_workers=workers,
                                           thread_name_prefix="backprop-split")
            _workers = workers
        return _executor


def _run(fn: Callable[[slice], None], parts: list[slice]) -> None:
    _inside.active = True
    try:
        for p in parts:
            fn(p)
    finally:
        _inside.active = False


def over(fn: Callable[[slice], None], length: int, elements: int,
         block: int | None = None) -> None:
    """Call ``fn(slice)`` for slices that cover ``range(length)`` (the channel axis), in
    parallel when the pass touches at least :data:`MIN_ELEMENTS` ``elements`` and more than
    one thread is allowed. ``fn`` writes only its own slice of the outputs. The first
    exception raised by a slice is raised here.

    Without ``block``, one slice per thread (``slice(None)`` when serial). With ``block``,
    the slices are always ``block`` channels long (the last may be shorter), one thread taking
    several in turn: for a pass that *reduces* within each slice (NumPy's summation order
    depends on the shape summed), so that its result does not depend on the thread count."""
    units = None if block is None else \
        [slice(a, min(a + block, length)) for a in range(0, length, max(block, 1))]
    n = min(threads.split_threads(), length if units is None else len(units))
    if n <= 1 or elements < MIN_ELEMENTS or getattr(_inside, "active", False):
        for p in units or [slice(None)]:
            fn(p)
        return
    if units is None:
        bounds = [length * i // n for i in range(n + 1)]
        groups = [[slice(a, b)] for a, b in zip(bounds[:-1], bounds[1:])]
    else:
        bounds = [len(units) * i // n for i in range(n + 1)]
        groups = [units[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    futures = [_pool(n - 1).submit(_run, fn, g) for g in groups[1:]]
    try:
        _run(fn, groups[0])  # this thread takes the first group
    finally:
        for f in futures:  # wait for all, even after an error, then raise the first
            f.exception()
    for f in futures:
        f.result()


def channels(a) -> int:
    """Length of the axis the passes split: axis 1 of an (N, C, *) array, else 1 (serial)."""
    return a.shape[1] if getattr(a, "ndim", 0) >= 2 else 1


def part(a, s: slice):
    """Slice ``s`` of ``a`` along axis 1; an operand that broadcasts there (a scalar, a
    per-channel (1, C, 1, …) vector is sliced, an axis of size 1 is not) stays whole."""
    if getattr(a, "ndim", 0) >= 2 and a.shape[1] != 1:
        return a[:, s]
    return a
