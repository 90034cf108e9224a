"""Scratch arrays reused across calls instead of freed (the im2col buffers of convolution).

A large array freshly allocated on every training step is paid for twice: the allocator
returns its pages to the operating system when it is freed, and every page faults again on
the next step. A rule that needs a big scratch array of the same shape on every step takes
it from :data:`SCRATCH` and gives it back when nothing can read it any more. The contents
of a taken array are undefined: a rule overwrites all of it before reading, so reuse never
changes a result.
"""

from __future__ import annotations

import threading
import weakref

import numpy as np
from numpy.typing import DTypeLike

from ..engine import Array

__all__ = ["SCRATCH", "ScratchPool"]


class ScratchPool:
    """Free arrays by (shape, dtype), holding at most ``max_bytes`` in all."""

    def __init__(self, max_bytes: int = 64 * 2 ** 20) -> None:
        self.max_bytes = max_bytes
        self._free: dict[tuple[tuple[int, ...], str], list[Array]] = {}
        self._held = 0
        self._lock = threading.Lock()  # rules may run in several threads

    def take(self, shape: tuple[int, ...], dtype: DTypeLike) -> Array:
        """An array of this shape and dtype, with undefined contents."""
        key = (tuple(shape), np.dtype(dtype).str)
        with self._lock:
            stack = self._free.get(key)
            if stack:
                buf = stack.pop()
                self._held -= buf.nbytes
                return buf
        return np.empty(shape, dtype)

    def give(self, buf: Array) -> None:
        """Take ``buf`` back for reuse; its caller must hold no view of it any more."""
        key = (buf.shape, buf.dtype.str)
        with self._lock:
            if buf.nbytes > self.max_bytes:
                return
            while self._held + buf.nbytes > self.max_bytes:  # drop the oldest shapes first
                old = next(iter(self._free))
                self._held -= sum(b.nbytes for b in self._free.pop(old))
            self._free.setdefault(key, []).append(buf)
            self._held += buf.nbytes

    def give_when_dead(self, owner: object, buf: Array) -> None:
        """Take ``buf`` back once ``owner`` (e.g. the VJP closure that saved it) is freed."""
        weakref.finalize(owner, self.give, buf).atexit = False

    def clear(self) -> None:
        with self._lock:
            self._free.clear()
            self._held = 0


SCRATCH = ScratchPool()
