"""Datasets by name or path, checked and scaled once.

``load_dataset("default")`` needs no network and no path: it is MNIST, shipped inside the
package (the original IDX files, xz-compressed; MD5 of the decompressed files as published).
The names, their files and their quirks are entries in :mod:`.catalog`; a path to a
directory of IDX files, an ``.npz`` or a ``.csv`` file works too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import DataError
from .catalog import FILES  # noqa: F401 - where the shipped files are
from .csv_table import load_csv
from .idx import read_idx
from .limits import MAX_CLASSES
from .npz import load_npz

@dataclass
class Dataset:
    """Train and test arrays: images as float32 (N, C, H, W) scaled to [0, 1], or features
    as float32 (N, D); labels as int64 in [0, num_classes)."""

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    classes: Sequence[str] = field(default_factory=tuple)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.x_train.shape[1:])

    @property
    def num_classes(self) -> int:
        return len(self.classes)

    def __repr__(self) -> str:
        return (f"Dataset({self.name!r}: {len(self.x_train)} train, {len(self.x_test)} test, "
                f"input {self.input_shape}, {self.num_classes} classes)")


def check_arrays(x: np.ndarray, y: np.ndarray, where: str, num_classes: int | None = None) -> None:
    """Reject what would silently poison training: NaN/inf, mismatched lengths, bad labels."""
    check_inputs(x, y, where)
    count_classes({where: y}, num_classes)


def check_inputs(x: np.ndarray, y: np.ndarray, where: str) -> None:
    """The input checks of :func:`check_arrays`, for targets that are not class labels."""
    if x.ndim < 1 or y.ndim < 1:
        raise DataError(f"{where}: inputs and labels need one entry per sample, got shapes "
                        f"{x.shape} and {y.shape}")
    if len(x) != len(y):
        raise DataError(f"{where}: {len(x)} inputs but {len(y)} labels")
    if len(x) == 0:
        raise DataError(f"{where}: no samples")
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool) or np.iscomplexobj(x):
        raise DataError(f"{where}: inputs must be real numbers, got dtype {x.dtype}")
    if np.issubdtype(x.dtype, np.floating) and not np.all(np.isfinite(x)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(x))[0])
        raise DataError(f"{where}: inputs contain NaN or inf (first at index {bad})")


def count_classes(labels: dict[str, np.ndarray], num_classes: int | None = None) -> int:
    """The number of classes, max label + 1, once every label is known to be a class number:
    an integer in [0, num_classes) (at most MAX_CLASSES). ``labels`` maps where each array
    comes from to the array; the first bad label is named with its position."""
    limit = MAX_CLASSES if num_classes is None else num_classes
    top = -1
    for where, y in labels.items():
        if not np.issubdtype(y.dtype, np.integer):
            raise DataError(f"{where}: labels must be integers, got dtype {y.dtype}")
        if y.ndim != 1:
            raise DataError(f"{where}: labels must be one per sample, got shape {y.shape}")
        if y.size == 0:
            continue
        lo, hi = int(np.argmin(y)), int(np.argmax(y))
        if y[lo] < 0:
            raise DataError(f"{where}: label {y[lo]} at position {lo} is negative (labels must "
                            f"be in [0, {limit - 1}])")
        if y[hi] >= limit:
            why = (f"labels must be in [0, {limit - 1}]" if num_classes is not None else
                   f"at most {MAX_CLASSES} classes are supported")
            raise DataError(f"{where}: label {y[hi]} at position {hi} is too large ({why})")
        top = max(top, int(y[hi]))
    return top + 1


def _scale_images(raw: np.ndarray) -> np.ndarray:
    x = raw.astype(np.float32)
    if raw.dtype == np.uint8:
        x *= np.float32(1 / 255)
    return x[:, None] if x.ndim == 3 else x


def _find(directory: Path, kind: str) -> Path:
    hits = sorted(p for p in directory.iterdir() if kind in p.name and not p.name.endswith(".md5"))
    if not hits:
        raise DataError(f"{directory}: no file named like '*{kind}*' (expected IDX files such as "
                        f"train-images-idx3-ubyte.gz)")
    if len(hits) > 1:
        names = ", ".join(p.name for p in hits)
        raise DataError(f"{directory}: several files match '*{kind}*' ({names}); point --data-dir "
                        f"at a folder holding one dataset")
    return hits[0]


def load_idx_dir(directory: str | os.PathLike, name: str | None = None,
                 classes: Sequence[str] | None = None, column_major: bool = False,
                 letters_from_one: bool = False) -> Dataset:
    """The four IDX files of an MNIST-style dataset in ``directory`` (gzip, xz or raw).
    ``column_major``: the images are stored transposed; ``letters_from_one``: labels that
    start at 1 are shifted to start at 0 (EMNIST letters) — quirks a catalogue entry
    declares."""
    d = Path(directory)
    if not d.is_dir():
        raise DataError(f"{d}: not a directory (expected one holding the dataset's IDX files)")
    arrays = {}
    for split, alias in (("train", "train"), ("test", "t10k")):
        try:
            img = _find(d, f"{split}-images-idx3-ubyte")
        except DataError:
            img = _find(d, f"{alias}-images-idx3-ubyte")
        lab = Path(str(img).replace("images-idx3", "labels-idx1"))
        if not lab.exists():
            lab = _find(d, f"{alias}-labels-idx1-ubyte")
        images, labels = read_idx(img), read_idx(lab)
        if images.ndim != 3:
            raise DataError(f"{img}: expected images of shape (N, H, W), got {images.shape}")
        if column_major:
            images = images.transpose(0, 2, 1)
        if labels.ndim != 1 or len(labels) != len(images):
            raise DataError(f"{lab}: {labels.shape[0]} labels for {len(images)} images in {img.name}")
        if not np.issubdtype(labels.dtype, np.integer):
            raise DataError(f"{lab}: labels must be integers, the file stores {labels.dtype}")
        count_classes({str(lab): labels})
        arrays[split] = (_scale_images(images), labels.astype(np.int64))
    y_all = np.concatenate([arrays["train"][1], arrays["test"][1]])
    offset = int(y_all.min())
    if offset == 1 and letters_from_one:
        arrays = {k: (x, y - 1) for k, (x, y) in arrays.items()}
    n_classes = count_classes({f"{d} ({k})": a[1] for k, a in arrays.items()})
    ds = Dataset(name or d.name, *arrays["train"], *arrays["test"],
                 classes=tuple(classes) if classes else tuple(str(i) for i in range(n_classes)))
    for split, (x, y) in arrays.items():
        check_arrays(x, y, f"{d} ({split})", ds.num_classes)
    return ds


def split(x: np.ndarray, y: np.ndarray, test_fraction: float, seed: int = 0):
    """``(x_train, y_train), (x_test, y_test)``: a seeded hold-out of ``test_fraction``."""
    if len(x) < 2:
        raise DataError(f"{len(x)} sample; a train/test split needs at least 2")
    perm = np.random.default_rng(seed).permutation(len(x))
    n_test = min(len(x) - 1, max(1, int(round(len(x) * test_fraction))))
    test, train = perm[:n_test], perm[n_test:]
    return (x[train], y[train]), (x[test], y[test])


def _from_arrays(path: str | os.PathLike, x: np.ndarray, y: np.ndarray, test_fraction: float,
                 seed: int = 0) -> Dataset:
    name, where = Path(path).stem, str(path)
    check_arrays(x, y, where)
    if len(x) < 2:
        raise DataError(f"{where}: {len(x)} sample; a train/test split needs at least 2")
    (x_tr, y_tr), (x_te, y_te) = split(x, y, test_fraction, seed)
    n_classes = count_classes({where: y})
    return Dataset(name, x_tr, y_tr, x_te, y_te, classes=tuple(str(i) for i in range(n_classes)))


def _check_inputs(path, arrays: dict[str, np.ndarray]) -> None:
    for name, x in arrays.items():
        if x.ndim < 2:
            raise DataError(f"{path}: array {name!r} has shape {x.shape}; inputs need a sample "
                            f"axis and at least one feature axis, (N, D) or (N, H, W)")


def load_npz_dataset(path: str | os.PathLike, test_fraction: float = 0.2) -> Dataset:
    """An .npz with ``x_train, y_train, x_test, y_test`` (or ``x, y``, split here)."""
    z = load_npz(path)
    if {"x_train", "y_train", "x_test", "y_test"} <= z.keys():
        x_tr, y_tr, x_te, y_te = (z[k] for k in ("x_train", "y_train", "x_test", "y_test"))
        _check_inputs(path, {"x_train": x_tr, "x_test": x_te})
        x_tr, x_te = (_scale_images(a) if a.ndim == 3 else a.astype(np.float32)
                      for a in (x_tr, x_te))
        n_classes = count_classes({f"{path} (y_train)": y_tr, f"{path} (y_test)": y_te})
        check_arrays(x_tr, y_tr, f"{path} (train)", n_classes)
        check_arrays(x_te, y_te, f"{path} (test)", n_classes)
        if x_tr.shape[1:] != x_te.shape[1:]:
            raise DataError(f"{path}: train inputs have shape {x_tr.shape[1:]} but test inputs "
                            f"{x_te.shape[1:]}")
        return Dataset(Path(path).stem, x_tr, y_tr.astype(np.int64), x_te,
                       y_te.astype(np.int64), classes=tuple(str(i) for i in range(n_classes)))
    if {"x", "y"} <= z.keys():
        x = z["x"]
        _check_inputs(path, {"x": x})
        x = _scale_images(x) if x.ndim == 3 else x.astype(np.float32)
        return _from_arrays(path, x, z["y"], test_fraction)
    raise DataError(f"{path}: expected arrays x_train, y_train, x_test, y_test (or x, y); "
                    f"found {sorted(z)}")


def load_csv_dataset(path: str | os.PathLike, test_fraction: float = 0.2) -> Dataset:
    """A CSV of label, feature, feature, … rows, split into train and test here."""
    x, y = load_csv(path)
    return _from_arrays(path, x.astype(np.float32), y, test_fraction)


def load_dataset(name: str = "default", data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load a dataset by name (an entry of :data:`.catalog.DATASETS`) or by path (directory,
    .npz or .csv).

    ``default``, ``mnist`` and ``breast-cancer`` are shipped with the package; the other
    names need ``data_dir``, the folder with their files.
    """
    from .catalog import DATASETS, KNOWN

    if name in DATASETS:
        return DATASETS[name].load(data_dir)
    path = Path(name)
    if path.is_dir():
        return load_idx_dir(path)
    if path.suffix == ".npz":
        return load_npz_dataset(path)
    if path.suffix == ".csv":
        return load_csv_dataset(path)
    if not path.exists():
        raise DataError(f"unknown dataset {name!r}: use one of {', '.join(KNOWN)}, a directory "
                        f"of IDX files, an .npz or a .csv file")
    raise DataError(f"{path}: unsupported data file (expected a directory of IDX files, .npz or .csv)")
