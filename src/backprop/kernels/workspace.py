"""The step's large arrays, kept and handed out again instead of freed and allocated anew.

A training step allocates the same large arrays on every step: each layer's output, each
cotangent, each mask. Freed, their memory goes back to the operating system (glibc returns
large blocks at once), and every page of it faults back in on the next step: on LeNet-5 that
cost as much as the elementwise passes themselves. :data:`WORKSPACE` keeps the buffers and
hands each out again as soon as nothing can read it any more.

"Nothing can read it" is decided by the buffer's reference count, not by a promise of the
caller: an array is handed out as a *view* of a kept buffer, and every array that shares its
memory (a view of that view, a transpose, a reshape, a memoryview) holds a reference to the
buffer, NumPy collapsing the chain of ``base`` to the buffer. So while any of them lives the
buffer's count is above what the workspace itself holds, and it is not handed out; when the
last one dies (the graph freed after backward, the user's reference dropped) it is free.
Every caller overwrites all of an array it takes before reading it, so reuse never changes
a result.

Only arrays of at least :data:`MIN_BYTES` come from here: smaller ones are served quickly
by the allocator and never returned to the system, and a tiny step would pay for the
bookkeeping.
"""

from __future__ import annotations

import sys
import threading

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["MIN_BYTES", "WORKSPACE", "Workspace"]

MIN_BYTES = 256 * 1024  # glibc serves blocks above 128 KiB from mmap and unmaps them on free


def _probe_free_count() -> int:
    """The reference count :meth:`Workspace._free` sees for a buffer nobody else holds (it
    depends on the interpreter: measured, not assumed)."""
    stack = [np.empty(1, np.uint8)]
    return Workspace._count(stack)


class Workspace:
    """Kept buffers by size in bytes, at most ``max_bytes`` in all."""

    def __init__(self, max_bytes: int = 256 * 2 ** 20) -> None:
        self.max_bytes = max_bytes
        self._kept: dict[int, list[np.ndarray]] = {}
        self._held = 0
        self._lock = threading.Lock()  # rules may run in several threads

    @staticmethod
    def _count(stack: list[np.ndarray]) -> int:
        for buf in stack:
            return sys.getrefcount(buf)
        return -1

    def _buffer(self, nbytes: int) -> np.ndarray:
        """A buffer of ``nbytes`` that nothing else references, kept if there is room."""
        with self._lock:
            stack = self._kept.get(nbytes)
            if stack is not None:
                for buf in stack:
                    if sys.getrefcount(buf) == _FREE:
                        return buf
            buf = np.empty(nbytes, np.uint8)
            if self._held + nbytes <= self.max_bytes:
                self._kept.setdefault(nbytes, []).append(buf)
                self._held += nbytes
            return buf

    def empty(self, shape: tuple[int, ...], dtype: DTypeLike) -> np.ndarray:
        """An array of ``shape`` and ``dtype`` in C order, with undefined contents."""
        dt = np.dtype(dtype)
        nbytes = dt.itemsize
        for n in shape:
            nbytes *= n
        if nbytes < MIN_BYTES:
            return np.empty(shape, dt)
        return np.ndarray(shape, dt, buffer=self._buffer(nbytes))

    def like(self, a: np.ndarray, dtype: DTypeLike | None = None) -> np.ndarray:
        """An array of ``a``'s shape and memory layout (as ``np.empty_like``: the axes in the
        order of a's strides), of ``dtype`` or a's, with undefined contents."""
        dt = a.dtype if dtype is None else np.dtype(dtype)
        nbytes = dt.itemsize * a.size
        if nbytes < MIN_BYTES:
            return np.empty_like(a, dtype=dt)
        if a.flags.c_contiguous:
            return np.ndarray(a.shape, dt, buffer=self._buffer(nbytes))
        order = sorted(range(a.ndim), key=lambda i: -abs(a.strides[i]))  # outermost first
        strides = [0] * a.ndim
        step = dt.itemsize
        for i in reversed(order):
            strides[i] = step
            step *= a.shape[i]
        return np.ndarray(a.shape, dt, buffer=self._buffer(nbytes), strides=tuple(strides))

    def held(self) -> int:
        """Bytes kept."""
        return self._held

    def clear(self) -> None:
        """Forget every kept buffer (those still in use live on as ordinary arrays)."""
        with self._lock:
            self._kept.clear()
            self._held = 0


_FREE = _probe_free_count()
WORKSPACE = Workspace()
