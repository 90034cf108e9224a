"""Readers for the file formats datasets come in: IDX (gzip or raw), NPZ and CSV.

IDX (LeCun's MNIST format, also Fashion-MNIST, EMNIST, KMNIST): a big-endian header —
two zero bytes, a type code, the number of dimensions — then one 32-bit size per
dimension, then the data. Every reader checks what it reads and names the file when it
does not fit.
"""

from __future__ import annotations

import gzip
import lzma
import os
import zipfile
from pathlib import Path

import numpy as np

from ..errors import DataError

_IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _read_bytes(path: str | os.PathLike) -> bytes:
    path = Path(path)
    if path.is_dir():
        raise DataError(f"{path}: is a directory, expected a file")
    if not path.exists():
        raise DataError(f"{path}: no such file")
    with open(path, "rb") as f:
        head = f.read(2)
    try:
        if head == b"\x1f\x8b":
            with gzip.open(path, "rb") as f:
                return f.read()
        if head == b"\xfd7":
            with lzma.open(path, "rb") as f:
                return f.read()
        return path.read_bytes()
    except (OSError, EOFError, lzma.LZMAError) as e:
        raise DataError(f"{path}: cannot read ({e})") from None


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file (raw, gzip- or xz-compressed) into an array of its stored dtype/shape."""
    raw = _read_bytes(path)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise DataError(f"{path}: not an IDX file (bad magic number)")
    code, ndim = raw[2], raw[3]
    if code not in _IDX_TYPES:
        raise DataError(f"{path}: unknown IDX data type code 0x{code:02x}")
    header = 4 + 4 * ndim
    if ndim == 0 or len(raw) < header:
        raise DataError(f"{path}: truncated IDX header")
    shape = tuple(int(n) for n in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    dtype = np.dtype(_IDX_TYPES[code])
    expected = int(np.prod(shape)) * dtype.itemsize
    if len(raw) - header != expected:
        raise DataError(f"{path}: IDX header promises shape {shape} ({expected} bytes of data) "
                        f"but the file holds {len(raw) - header}")
    return np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape).astype(
        dtype.newbyteorder("="))


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Arrays of an .npz file (never unpickled: object arrays are refused)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise DataError(f"{path}: not a readable .npz file (not a zip archive)")
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except ValueError as e:
        raise DataError(f"{path}: cannot read as .npz without pickle ({e})") from None
    except (OSError, EOFError) as e:
        raise DataError(f"{path}: not a readable .npz file ({e})") from None


def load_csv(path: str | os.PathLike, label_column: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows of numbers: one label column (the first by default) and the features.

    A first line that is not numeric is taken as a header and skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        first = f.readline()
    try:
        [float(v) for v in first.strip().split(",")]
        skip = 0
    except ValueError:
        skip = 1
    try:
        table = np.loadtxt(path, delimiter=",", skiprows=skip, dtype=np.float64, ndmin=2)
    except ValueError as e:
        raise DataError(f"{path}: not a numeric CSV table ({e})") from None
    if table.shape[0] == 0 or table.shape[1] < 2:
        raise DataError(f"{path}: needs a label column and at least one feature column, "
                        f"got a table of shape {table.shape}")
    labels = table[:, label_column]
    if not np.all(labels == np.round(labels)):
        raise DataError(f"{path}: column {label_column} must hold integer class labels")
    features = np.delete(table, label_column, axis=1)
    return features, labels.astype(np.int64)
