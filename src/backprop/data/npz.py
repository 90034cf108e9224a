"""NumPy files (.npz archives and .npy arrays), read without pickle and without trusting sizes.

Each member's .npy header is parsed first; the array is refused unless it holds plain
numbers (bool, integer or real floating point: no objects, strings, records or complex
values) and its declared size fits :data:`~.limits.MAX_ARRAY_BYTES`. Then exactly the
declared bytes are read, and the archive's CRC is checked by reading to the member's end.
"""

from __future__ import annotations

import math
import os
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.lib import format as npy_format

from ..errors import DataError
from .idx import read_exactly
from .limits import MAX_ARRAY_BYTES

__all__ = ["load_npz", "load_npy"]

MAX_MEMBERS = 256
# What a broken archive or member raises besides DataError (BadZipFile is not an OSError;
# a deflate error is zlib.error; an unsupported compression method NotImplementedError).
_ARCHIVE_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError,
                   ValueError, RecursionError, MemoryError, OverflowError)


def read_npy(f: BinaryIO, where: str) -> np.ndarray:
    """One .npy stream: header checked, then exactly the declared bytes."""
    try:
        version = npy_format.read_magic(f)
        read_header = (npy_format.read_array_header_1_0 if version == (1, 0)
                       else npy_format.read_array_header_2_0)
        shape, fortran, dtype = read_header(f)
    except DataError:
        raise
    except (ValueError, RecursionError, MemoryError, OverflowError, SyntaxError) as e:
        msg = " ".join(str(e).split())[:200]
        raise DataError(f"{where}: not a valid .npy array header ({msg})") from None
    if dtype.hasobject or dtype.names is not None or dtype.subdtype is not None:
        raise DataError(f"{where}: holds {'Python objects' if dtype.hasobject else 'records'} "
                        f"(dtype {dtype}); only arrays of numbers are read, without pickle")
    if dtype.kind == "c":
        raise DataError(f"{where}: holds complex numbers (dtype {dtype}); expected real numbers")
    if dtype.kind not in "biuf":
        raise DataError(f"{where}: holds dtype {dtype}; expected numbers (bool, integer or float)")
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > MAX_ARRAY_BYTES:
        raise DataError(f"{where}: header declares shape {shape} of {dtype} ({nbytes} bytes), "
                        f"more than the {MAX_ARRAY_BYTES} bytes an array read from a file may have")
    data = read_exactly(f, nbytes, where, f"header promises shape {shape} of {dtype}")
    if f.read(1):  # also reaches the member's end, where zipfile checks the CRC
        raise DataError(f"{where}: more data than its header's shape {shape} declares")
    array = np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")
    return array.astype(dtype.newbyteorder("="), copy=False)


def load_npy(path: str | os.PathLike) -> np.ndarray:
    """One .npy file (never unpickled)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        with open(path, "rb") as f:
            return read_npy(f, str(path))
    except DataError:
        raise
    except _ARCHIVE_ERRORS as e:
        raise DataError(f"{path}: not a readable .npy file ({_reason(e)})") from None


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Arrays of an .npz file by name (never unpickled: object arrays are refused)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        if not zipfile.is_zipfile(path):
            raise DataError(f"{path}: not a readable .npz file (not a zip archive)")
        arrays = {}
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
            if len(members) > MAX_MEMBERS:
                raise DataError(f"{path}: {len(members)} members; an .npz dataset has a few")
            for info in members:
                if info.is_dir() or not info.filename.endswith(".npy"):
                    raise DataError(f"{path}: member {info.filename!r} is not a .npy array")
                with z.open(info) as f:
                    arrays[info.filename[:-4]] = read_npy(f, f"{path}: array {info.filename[:-4]!r}")
        return arrays
    except DataError:
        raise
    except _ARCHIVE_ERRORS as e:
        raise DataError(f"{path}: not a readable .npz file ({_reason(e)})") from None


def _reason(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__
