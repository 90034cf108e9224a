"""IDX files (LeCun's MNIST format, also Fashion-MNIST, EMNIST, KMNIST), raw, gzip or xz.

A big-endian header — two zero bytes, a type code, the number of dimensions — then one
32-bit size per dimension, then the data. The file is streamed: the header is read first,
its declared size is checked against :data:`~.limits.MAX_ARRAY_BYTES`, and exactly that many
bytes are then read (so a compressed bomb is never inflated beyond what the header promises).
"""

from __future__ import annotations

import gzip
import lzma
import math
import os
import zlib
from pathlib import Path
from typing import BinaryIO

import numpy as np

from ..errors import DataError
from .limits import MAX_ARRAY_BYTES

__all__ = ["read_idx", "IDX_TYPES"]

IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
# What a broken compressed stream raises: OSError covers gzip.BadGzipFile, zlib.error and
# LZMAError are not OSErrors.
STREAM_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError)


def open_stream(path: str | os.PathLike) -> BinaryIO:
    """The file's bytes as a stream, decompressed on the fly when it is gzip or xz (told by
    its first bytes, not its name)."""
    path = Path(path)
    if path.is_dir():
        raise DataError(f"{path}: is a directory, expected a file")
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        with open(path, "rb") as f:
            head = f.read(6)
        if head[:2] == b"\x1f\x8b":
            return gzip.open(path, "rb")
        if head == b"\xfd7zXZ\x00":
            return lzma.open(path, "rb")
        return open(path, "rb")
    except STREAM_ERRORS as e:
        raise DataError(f"{path}: cannot read ({e})") from None


def read_exactly(f: BinaryIO, n: int, path: str | os.PathLike, what: str) -> bytearray:
    """``n`` bytes of ``f`` into a fresh buffer, growing only as the data arrives."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = f.readinto(view[got:])
        if not k:
            raise DataError(f"{path}: {what} ({n} bytes of data) but the file ends after {got}")
        got += k
    return buf


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw, gzip- or xz-compressed) into an array of its stored dtype/shape."""
    try:
        with open_stream(path) as f:
            return _read_idx(f, path)
    except STREAM_ERRORS as e:
        raise DataError(f"{path}: cannot read ({' '.join(str(e).split()) or type(e).__name__})"
                        ) from None


def _read_idx(f: BinaryIO, path) -> np.ndarray:
    magic = f.read(4)
    if len(magic) < 4 or magic[0] != 0 or magic[1] != 0:
        raise DataError(f"{path}: not an IDX file (bad magic number)")
    code, ndim = magic[2], magic[3]
    if code not in IDX_TYPES:
        raise DataError(f"{path}: unknown IDX data type code 0x{code:02x}")
    dims = f.read(4 * ndim)
    if ndim == 0 or len(dims) < 4 * ndim:
        raise DataError(f"{path}: truncated IDX header")
    shape = tuple(int.from_bytes(dims[4 * i:4 * i + 4], "big") for i in range(ndim))
    if 0 in shape:
        raise DataError(f"{path}: IDX header declares shape {shape}: no data")
    dtype = np.dtype(IDX_TYPES[code])
    nbytes = math.prod(shape) * dtype.itemsize  # Python ints: no overflow
    if nbytes > MAX_ARRAY_BYTES:
        raise DataError(f"{path}: IDX header declares shape {shape} ({nbytes} bytes), more than "
                        f"the {MAX_ARRAY_BYTES} bytes an array read from a file may have")
    data = read_exactly(f, nbytes, path, f"IDX header promises shape {shape}")
    if f.read(1):
        raise DataError(f"{path}: IDX header promises shape {shape} ({nbytes} bytes of data) "
                        f"but the file holds more")
    return np.frombuffer(data, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="),
                                                                  copy=False)
