"""CSV tables of numbers: one label column and feature columns."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import DataError
from .limits import MAX_ARRAY_BYTES, MAX_CLASSES

__all__ = ["load_csv"]


def load_csv(path: str | os.PathLike, label_column: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows of numbers: one label column (the first by default) and the features.

    A first line that is not numeric is taken as a header and skipped. Labels must be whole
    numbers in [0, MAX_CLASSES); the first that is not is named with its row.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    size = path.stat().st_size
    if 8 * size > MAX_ARRAY_BYTES:  # a parsed number takes at most 8× its shortest text
        raise DataError(f"{path}: {size} bytes is too large a CSV table to read")
    try:
        with open(path, "r", encoding="utf-8") as f:
            first = f.readline()
        try:
            [float(v) for v in first.strip().split(",")]
            skip = 0
        except ValueError:
            skip = 1
        table = np.loadtxt(path, delimiter=",", skiprows=skip, dtype=np.float64, ndmin=2,
                           encoding="utf-8")
    except (ValueError, OverflowError) as e:  # UnicodeDecodeError is a ValueError
        msg = " ".join(str(e).split())[:200]
        raise DataError(f"{path}: not a numeric CSV table ({msg})") from None
    if table.shape[0] == 0 or table.shape[1] < 2:
        raise DataError(f"{path}: needs a label column and at least one feature column, "
                        f"got a table of shape {table.shape}")
    labels = table[:, label_column]
    bad = ~((labels >= 0) & (labels < MAX_CLASSES) & (labels == np.round(labels)))
    if bad.any():
        row = int(np.argmax(bad))
        raise DataError(f"{path}: row {row + 1 + skip}: label {labels[row]:g} in column "
                        f"{label_column} is not a class number (a whole number in "
                        f"[0, {MAX_CLASSES - 1}])")
    features = np.delete(table, label_column, axis=1)
    return features, labels.astype(np.int64)
