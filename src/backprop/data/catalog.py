"""Datasets by name: each entry says where its files are, how they are read, its quirks and
whom to cite. A new dataset is one entry in ``DATASETS``.

``--data NAME`` and :func:`backprop.data.load_dataset` look names up here; anything else is
read as a path (a directory of IDX files, an ``.npz`` or a ``.csv``).
"""

from __future__ import annotations

import lzma
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from ..errors import DataError

FILES = Path(__file__).with_name("files")

__all__ = ["Entry", "DATASETS", "KNOWN", "FILES"]


@dataclass(frozen=True)
class Entry:
    """One named dataset."""

    name: str
    about: str                                  # what it is, and the reference to cite
    read: Callable[["Entry", Path], "object"]   # (entry, folder) → Dataset
    shipped: Path | None = None                 # folder inside the package, if shipped
    classes: tuple[str, ...] | None = None      # class names (default: "0", "1", …)
    column_major: bool = False                  # images stored transposed (EMNIST)
    letters_from_one: bool = False              # labels of a letters split count from 1

    def load(self, data_dir: str | os.PathLike | None = None):
        folder = Path(data_dir) if data_dir is not None else self.shipped
        if folder is None:
            raise DataError(f"dataset {self.name!r} is not shipped with backprop: give "
                            f"--data-dir, the folder holding its files")
        return self.read(self, folder)


def _idx(entry: Entry, folder: Path):
    from .datasets import load_idx_dir

    return load_idx_dir(folder, entry.name, entry.classes, column_major=entry.column_major,
                        letters_from_one=entry.letters_from_one)


def _breast_cancer(entry: Entry, folder: Path):
    """scikit-learn's copy of the UCI table: a header ``569,30,malignant,benign``, then 30
    features and the class (0 malignant, 1 benign) per row. Features are standardised with
    the training split's mean and deviation (their scales differ by 10⁴)."""
    from .datasets import Dataset, check_arrays, split

    path = folder / "breast-cancer-wisconsin.csv.xz"
    try:
        text = lzma.decompress(path.read_bytes(), memlimit=1 << 26).decode("ascii")
        rows = np.array([line.split(",") for line in text.splitlines()[1:] if line], float)
    except (OSError, lzma.LZMAError, UnicodeDecodeError, ValueError) as e:
        raise DataError(f"{path}: cannot read the breast-cancer table ({e})") from None
    if rows.ndim != 2 or rows.shape[1] != 31:
        raise DataError(f"{path}: expected rows of 30 features and a class, got {rows.shape}")
    x, y = rows[:, :30].astype(np.float32), rows[:, 30].astype(np.int64)
    check_arrays(x, y, str(path), 2)
    (x_tr, y_tr), (x_te, y_te) = split(x, y, test_fraction=0.2)
    mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
    x_tr, x_te = (x_tr - mean) / std, (x_te - mean) / std
    return Dataset(entry.name, x_tr, y_tr, x_te, y_te, classes=entry.classes)


_MNIST = Entry("mnist", "MNIST handwritten digits, shipped (LeCun, Bottou, Bengio & Haffner, "
               "1998)", _idx, shipped=FILES)

DATASETS: dict[str, Entry] = {e.name: e for e in (
    _MNIST,
    Entry("fashion-mnist", "Zalando's article images (Xiao, Rasul & Vollgraf, 2017, "
          "arXiv:1708.07747)", _idx,
          classes=("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                   "Sneaker", "Bag", "Ankle boot")),
    Entry("kmnist", "Kuzushiji-MNIST, cursive Japanese (Clanuwat et al., 2018, "
          "arXiv:1812.01718)", _idx),
    Entry("emnist", "EMNIST letters or digits (Cohen, Afshar, Tapson & van Schaik, 2017, "
          "arXiv:1702.05373)", _idx, column_major=True, letters_from_one=True),
    Entry("breast-cancer", "Breast Cancer Wisconsin (Diagnostic), 569 × 30, shipped (Wolberg, "
          "Street & Mangasarian, 1995, UCI Machine Learning Repository, doi:10.24432/C5DW2B, "
          "CC BY 4.0)", _breast_cancer, shipped=FILES, classes=("malignant", "benign")),
)}
DATASETS["default"] = _MNIST
KNOWN = tuple(DATASETS)
