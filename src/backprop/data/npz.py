"""NumPy files (.npz archives and .npy arrays), read without pickle and without trusting sizes.

Each member's .npy header is parsed first; the array is refused unless it holds plain
numbers (bool, integer or real floating point: no objects, strings, records or complex
values) and its declared size fits :data:`~.limits.MAX_ARRAY_BYTES`. Then exactly the
declared bytes are read, and the archive's CRC is checked by reading to the member's end.
"""

from __future__ import annotations

import contextlib
import os
import zipfile
import zlib
from typing import BinaryIO, Iterator

import numpy as np
from numpy.lib import format as npy_format

from ..errors import DataError
from ..io.regular import open_regular
from .chunks import Stored, stream_values
from .limits import MAX_ARRAY_BYTES

__all__ = ["load_npz", "load_npy", "read_npy", "read_npy_header", "check_size", "npy_values", "npz_members"]

MAX_MEMBERS = 256
# What a broken archive or member raises besides DataError (BadZipFile is not an OSError;
# a deflate error is zlib.error; an unsupported compression method NotImplementedError; an
# encrypted member RuntimeError).
_ARCHIVE_ERRORS = (OSError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError,
                   RuntimeError, ValueError, RecursionError, MemoryError, OverflowError)


def read_npy_header(f: BinaryIO, where: str) -> Stored:
    """What a .npy stream's header declares, refused unless it holds plain numbers."""
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
    return Stored(tuple(shape), dtype, bool(fortran))


def check_size(stored: Stored, where: str, budget: int = MAX_ARRAY_BYTES) -> Stored:
    """``stored`` if its data fits ``budget`` (what is left of MAX_ARRAY_BYTES)."""
    if stored.nbytes > budget:
        raise DataError(f"{where}: header declares shape {stored.shape} of {stored.dtype} "
                        f"({stored.nbytes} bytes), more than the {budget} bytes left of the "
                        f"{MAX_ARRAY_BYTES} a file's arrays may have")
    return stored


def npy_values(f: BinaryIO, stored: Stored, where: str) -> Iterator[tuple[int, np.ndarray]]:
    """The values after a .npy header, a chunk at a time (see :func:`.chunks.stream_values`)."""
    return stream_values(f, stored, where,
                         f"header promises shape {stored.shape} of {stored.dtype}",
                         f"{where}: more data than its header's shape {stored.shape} declares")


def read_npy(f: BinaryIO, where: str, budget: int = MAX_ARRAY_BYTES) -> np.ndarray:
    """One .npy stream: header checked (at most ``budget`` bytes of data), then exactly the
    declared bytes."""
    stored = check_size(read_npy_header(f, where), where, budget)
    out = np.empty(stored.shape, stored.dtype.newbyteorder("="),
                   order="F" if stored.fortran else "C")
    flat = out.reshape(-1, order="F" if stored.fortran else "C")  # a view of out
    for at, values in npy_values(f, stored, where):
        flat[at:at + len(values)] = values
    return out


def load_npy(path: str | os.PathLike) -> np.ndarray:
    """One .npy file (never unpickled)."""
    try:
        with open_regular(path, DataError) as f:
            return read_npy(f, str(path))
    except DataError:
        raise
    except _ARCHIVE_ERRORS as e:
        raise DataError(f"{path}: not a readable .npy file ({_reason(e)})") from None


@contextlib.contextmanager
def npz_members(path: str | os.PathLike) -> Iterator[tuple[zipfile.ZipFile, list]]:
    """The archive and its members (each a .npy array), their number and directory checked;
    broken archives are refused as DataError, in one line."""
    try:
        with open_regular(path, DataError) as f:
            if not zipfile.is_zipfile(f):
                raise DataError(f"{path}: not a readable .npz file (not a zip archive)")
            _check_directory(f, path)
            with zipfile.ZipFile(f) as z:
                members = z.infolist()
                if len(members) > MAX_MEMBERS:
                    raise DataError(f"{path}: {len(members)} members; an .npz dataset has "
                                    f"a few")
                for info in members:
                    if info.is_dir() or not info.filename.endswith(".npy"):
                        raise DataError(f"{path}: member {info.filename!r} is not a .npy "
                                        f"array")
                yield z, members
    except (DataError, MemoryError):  # out of memory while the caller converts: its to say
        raise
    except _ARCHIVE_ERRORS as e:
        raise DataError(f"{path}: not a readable .npz file ({_reason(e)})") from None


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Arrays of an .npz file by name (never unpickled: object arrays are refused)."""
    arrays, budget = {}, MAX_ARRAY_BYTES  # for all the members together
    with npz_members(path) as (z, members):
        for info in members:
            with z.open(info) as f:
                array = read_npy(f, f"{path}: array {info.filename[:-4]!r}", budget)
            arrays[info.filename[:-4]] = array
            budget -= array.nbytes
    return arrays


def _check_directory(f: BinaryIO, path) -> None:
    """Refuse an archive whose central directory lists too many members, from its end
    record, before zipfile reads (and builds an object for) every entry."""
    f.seek(0, os.SEEK_END)
    size = f.tell()
    f.seek(max(0, size - 22 - 65535))
    tail = f.read()
    f.seek(0)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 16:
        return  # zipfile will name what is wrong
    entries = int.from_bytes(tail[at + 10:at + 12], "little")
    directory = int.from_bytes(tail[at + 12:at + 16], "little")
    if (entries != 0xFFFF and entries > MAX_MEMBERS) or (
            directory != 0xFFFFFFFF and directory > MAX_MEMBERS * 1024):
        raise DataError(f"{path}: the archive lists {entries} members ({directory} bytes of "
                        f"directory); an .npz dataset has a few")


def _reason(e: BaseException) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__
