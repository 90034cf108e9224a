"""Bounds on what a data file may declare, checked before anything is allocated.

A file's header says how much data follows; a hostile or corrupt header can claim terabytes
or a label of 2⁴⁰ (and so 2⁴⁰ classes). The readers refuse such claims with one line instead
of trying to honour them. Every bound is listed, with what it costs, in ``docs/limits.md``.
These are narrower than, and checked before, the memory budget every allocation from input
is held to (:mod:`backprop.limits`).
"""

from __future__ import annotations

import os

MAX_ARRAY_BYTES = 2**30  # the arrays of one file as stored (MNIST's training images: 47 MB)
MAX_CLASSES = 65_536     # distinct class labels a dataset may have (EMNIST: 62, ImageNet: 1000)
MAX_CSV_BYTES = 2**27    # a CSV table's text (128 MiB; MNIST's training set as CSV: 110 MB)
MAX_CSV_COLUMNS = 100_000  # a CSV row's values (MNIST as CSV: 785)
CHUNK_BYTES = 2**22      # what the readers convert at a time (4 MiB)

# A loaded dataset's arrays together: float32 inputs and int64 labels of both splits.
# Loading peaks near this plus one chunk (the data is converted and split as it streams).
DATASET_BYTES = 2**30
DATASET_BYTES_VARIABLE = "BACKPROP_MAX_DATASET_BYTES"


def dataset_budget() -> int:
    """The bytes a loaded dataset may take: :data:`DATASET_BYTES` unless the environment
    variable ``BACKPROP_MAX_DATASET_BYTES`` says otherwise (for a machine with the memory,
    e.g. EMNIST's byclass split, 2.2 GB as float32)."""
    text = os.environ.get(DATASET_BYTES_VARIABLE, "").strip()
    if not text:
        return DATASET_BYTES
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        from ..errors import DataError

        raise DataError(f"{DATASET_BYTES_VARIABLE}={text[:40]!r}: expected a positive number "
                        f"of bytes")
    return value
