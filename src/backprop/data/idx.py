"""IDX files (LeCun's MNIST format, also Fashion-MNIST, EMNIST, KMNIST), raw, gzip or xz.

A big-endian header — two zero bytes, a type code, the number of dimensions — then one
32-bit size per dimension, then the data. The file is streamed: the header is read first,
its declared size is checked against :data:`~.limits.MAX_ARRAY_BYTES`, and exactly that many
bytes are then read (so a compressed bomb is never inflated beyond what the header promises).
"""

from __future__ import annotations

import contextlib
import gzip
import lzma
import os
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

import numpy as np

from ..errors import DataError
from ..io.regular import open_regular, require_regular
from .chunks import Stored, read_exactly, stream_values
from .limits import MAX_ARRAY_BYTES

__all__ = ["read_idx", "read_idx_header", "idx_stored", "open_stream", "read_exactly",
           "require_file", "IDX_TYPES", "STREAM_ERRORS"]

MAX_DIMS = 32  # NumPy's own limit is 64
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
# What a broken compressed stream raises: OSError covers gzip.BadGzipFile, zlib.error and
# LZMAError are not OSErrors.
STREAM_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError)


def require_file(path: str | os.PathLike) -> Path:
    """``path`` if it is a regular file; a directory, a device, a socket or a pipe (which
    could be read forever, or block in ``open()``) is refused, naming what it is."""
    return require_regular(path, DataError)


@contextlib.contextmanager
def open_stream(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """The file's bytes as a stream, decompressed on the fly when it is gzip or xz (told by
    its first bytes, not its name). Only a regular file is opened."""
    try:
        with open_regular(path, DataError) as raw:
            head = raw.read(6)
            raw.seek(0)
            if head[:2] == b"\x1f\x8b":
                with gzip.GzipFile(fileobj=raw, mode="rb") as f:
                    yield f
            elif head == b"\xfd7zXZ\x00":
                with lzma.LZMAFile(raw, "rb") as f:
                    yield f
            else:
                yield raw
    except STREAM_ERRORS as e:
        raise DataError(f"{path}: cannot read ({' '.join(str(e).split()) or type(e).__name__})"
                        ) from None


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw, gzip- or xz-compressed) into an array of its stored dtype/shape."""
    with open_stream(path) as f:
        stored = read_idx_header(f, path)
        out = np.empty(stored.shape, stored.dtype.newbyteorder("="))
        flat = out.reshape(-1)
        for at, values in idx_values(f, stored, path):
            flat[at:at + len(values)] = values
        return out


def idx_stored(path: str | os.PathLike) -> Stored:
    """What an IDX file's header declares (nothing else is read)."""
    with open_stream(path) as f:
        return read_idx_header(f, path)


def idx_values(f: BinaryIO, stored: Stored, path) -> Iterator[tuple[int, np.ndarray]]:
    """The values after an IDX header, a chunk at a time (see :func:`.chunks.stream_values`)."""
    return stream_values(f, stored, path, f"IDX header promises shape {stored.shape}",
                         f"{path}: IDX header promises shape {stored.shape} ({stored.nbytes} "
                         f"bytes of data) but the file holds more")


def read_idx_header(f: BinaryIO, path) -> Stored:
    """The shape and dtype an IDX header declares, checked (at most MAX_ARRAY_BYTES)."""
    magic = f.read(4)
    if len(magic) < 4 or magic[0] != 0 or magic[1] != 0:
        raise DataError(f"{path}: not an IDX file (bad magic number)")
    code, ndim = magic[2], magic[3]
    if code not in IDX_TYPES:
        raise DataError(f"{path}: unknown IDX data type code 0x{code:02x}")
    if ndim == 0 or ndim > MAX_DIMS:
        raise DataError(f"{path}: IDX header declares {ndim} dimensions (expected 1 to "
                        f"{MAX_DIMS})")
    dims = f.read(4 * ndim)
    if len(dims) < 4 * ndim:
        raise DataError(f"{path}: truncated IDX header")
    shape = tuple(int.from_bytes(dims[4 * i:4 * i + 4], "big") for i in range(ndim))
    if 0 in shape:
        raise DataError(f"{path}: IDX header declares shape {shape}: no data")
    stored = Stored(shape, np.dtype(IDX_TYPES[code]))
    if stored.nbytes > MAX_ARRAY_BYTES:
        raise DataError(f"{path}: IDX header declares shape {shape} ({stored.nbytes} bytes), "
                        f"more than the {MAX_ARRAY_BYTES} bytes an array read from a file may "
                        f"have")
    return stored
