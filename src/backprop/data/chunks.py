"""Arrays read from a stream a chunk at a time and converted to float32 inputs as they come.

A reader parses a header (:class:`Stored`: shape, dtype, memory order), checks the size it
declares, then :func:`stream_values` reads exactly that many values, :data:`~.limits.
CHUNK_BYTES` at a time, and :func:`fill_inputs` converts each chunk into its place in the
final array. So loading costs the final array plus one chunk — never the stored array and
its converted copy side by side, nor a split copied out of a whole.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import BinaryIO, Iterator

import numpy as np

from ..errors import DataError
from .limits import CHUNK_BYTES

__all__ = ["Stored", "read_exactly", "stream_values", "fill_inputs", "first_bad_row"]

_SCALE = np.float32(1 / 255)


@dataclass(frozen=True)
class Stored:
    """An array as a file's header declares it."""

    shape: tuple[int, ...]
    dtype: np.dtype          # as stored (maybe big-endian)
    fortran: bool = False    # column-major (NumPy's fortran_order)

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def nbytes(self) -> int:
        return self.size * self.dtype.itemsize  # Python ints: no overflow


def read_exactly(f: BinaryIO, n: int, path, what: str, before: int = 0,
                 total: int | None = None) -> np.ndarray:
    """``n`` bytes of ``f`` as a uint8 array. Its memory is reserved untouched and filled as
    the data arrives, so a header that lies about its size costs only what the file holds.
    (``before``, ``total``: where this piece sits in all that ``what`` promises.)"""
    buf = np.empty(n, np.uint8)
    view, got = memoryview(buf), 0
    while got < n:
        k = f.readinto(view[got:])
        if not k:
            raise DataError(f"{path}: {what} ({total or n} bytes of data) but the file ends "
                            f"after {before + got}")
        got += k
    return buf


def stream_values(f: BinaryIO, stored: Stored, where: str, what: str, more: str
                  ) -> Iterator[tuple[int, np.ndarray]]:
    """``(offset, values)``: the stored values in memory order, native byte order, a chunk
    at a time (whole rows of a row-major array); the stream must hold exactly them
    (``what`` names the promise if it ends early, ``more`` is the error if it goes on)."""
    itemsize = stored.dtype.itemsize
    row = max(1, math.prod(stored.shape[1:])) if not stored.fortran else 1
    per = max(row, (CHUNK_BYTES // max(itemsize, 1)) // row * row)
    native = stored.dtype.newbyteorder("=")
    done = 0
    while done < stored.size:
        k = min(per, stored.size - done)
        raw = read_exactly(f, k * itemsize, where, what, done * itemsize, stored.nbytes)
        yield done, raw.view(stored.dtype).astype(native, copy=False)
        done += k
    if f.read(1):  # also reaches a zip member's end, where zipfile checks the CRC
        raise DataError(more)


def _converted(values: np.ndarray, at: int, stored: Stored, where: str,
               scale: bool, dtype: np.dtype = np.dtype(np.float32)) -> np.ndarray:
    """``values`` as ``dtype`` (×1/255 with ``scale``); NaN, inf or a value beyond its
    range is refused, named by its index in the stored array."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = values.astype(dtype)
    if scale:
        out *= dtype.type(1 / 255) if dtype != np.float32 else _SCALE
    if values.dtype.kind == "f":
        finite = np.isfinite(out)
        if not finite.all():
            i = int(np.argmin(finite))
            index = tuple(int(k) for k in np.unravel_index(
                at + i, stored.shape, order="F" if stored.fortran else "C"))
            if np.isfinite(values[i]):
                raise DataError(f"{where}: input {values[i]:g} at index {index} is too large "
                                f"for {dtype} (beyond ±{np.finfo(dtype).max:.2g})")
            raise DataError(f"{where}: inputs contain NaN or inf (first at index {index})")
    return out


def fill_inputs(chunks: Iterator[tuple[int, np.ndarray]], stored: Stored, dest: np.ndarray,
                where: str, scale: bool = False, rows: np.ndarray | None = None) -> None:
    """Convert the streamed values into ``dest`` (float32 or float64, the stored shape; any
    view): stored row ``i`` goes to ``dest[rows[i]]`` (``dest[i]`` without ``rows``)."""
    shape = stored.shape
    if stored.fortran and len(shape) > 1:
        # column-major: a chunk is a slab of columns, not of rows; gather the whole array
        # (float32, the final size) first, then place its rows
        whole = np.empty(shape, dest.dtype, order="F")
        flat = whole.reshape(-1, order="F")
        for at, values in chunks:
            flat[at:at + len(values)] = _converted(values, at, stored, where, scale,
                                                   dest.dtype)
        step = max(1, CHUNK_BYTES // max(4 * math.prod(shape[1:]), 1))
        for a in range(0, shape[0], step):
            b = min(a + step, shape[0])
            if rows is None:
                dest[a:b] = whole[a:b]
            else:
                dest[rows[a:b]] = whole[a:b]
        return
    per_row = max(1, math.prod(shape[1:]))
    for at, values in chunks:
        block = _converted(values, at, stored, where, scale, dest.dtype
                           ).reshape((-1,) + shape[1:])
        a = at // per_row
        if rows is None:
            dest[a:a + len(block)] = block
        else:
            dest[rows[a:a + len(block)]] = block


def first_bad_row(x: np.ndarray) -> tuple[int, ...] | None:
    """The index of the first NaN or inf in ``x``, looking a chunk of rows at a time (no
    mask of the whole array); None if every entry is finite."""
    if not np.issubdtype(x.dtype, np.floating) or x.size == 0:
        return None
    step = max(1, CHUNK_BYTES // max(x.itemsize * (x.size // max(len(x), 1)), 1))
    for a in range(0, len(x), step):
        block = x[a:a + step]
        if not np.isfinite(block).all():
            local = np.argwhere(~np.isfinite(block))[0]
            return (a + int(local[0]),) + tuple(int(k) for k in local[1:])
    return None
