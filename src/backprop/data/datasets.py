"""Datasets by name or path, checked and scaled once.

``load_dataset("default")`` needs no network and no path: it is MNIST, shipped inside the
package (the original IDX files, xz-compressed; MD5 of the decompressed files as published).
The names, their files and their quirks are entries in :mod:`.catalog`; a path to a
directory of IDX files, an ``.npz`` or a ``.csv`` file works too.
"""

from __future__ import annotations

import lzma
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import DataError
from .catalog import DATASETS, FILES, KNOWN, Entry  # noqa: F401 - FILES: the shipped files
from .chunks import Stored, fill_inputs, first_bad_row
from .csv_table import load_csv, read_csv_blocks
from .idx import idx_stored, idx_values, open_stream, read_idx, read_idx_header
from .limits import MAX_ARRAY_BYTES, MAX_CLASSES, dataset_budget
from .npz import check_size, npy_values, npz_members, read_npy, read_npy_header


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
    bad = first_bad_row(x)
    if bad is not None:
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


def _input_shape(stored: Stored) -> tuple[int, ...]:
    """The shape of a sample as the model sees it: (N, H, W) images gain a channel axis."""
    return (1, *stored.shape[1:]) if len(stored.shape) == 3 else stored.shape[1:]


def _scaled(stored: Stored) -> bool:
    """uint8 images (N, H, W) are scaled to [0, 1]; other arrays are kept as they are."""
    return len(stored.shape) == 3 and stored.dtype == np.uint8


def check_budget(where: str, samples: int, sample_shape: tuple[int, ...]) -> None:
    """Refuse, before anything is read, a dataset whose float32 inputs and int64 labels
    would pass :func:`.limits.dataset_budget`."""
    need = samples * (4 * int(np.prod(sample_shape, dtype=object)) + 8)
    budget = dataset_budget()
    if need > budget:
        raise DataError(f"{where}: {samples} samples of shape {tuple(sample_shape)} take {need} "
                        f"bytes as float32 inputs and int64 labels, more than the {budget} "
                        f"bytes a dataset may have (BACKPROP_MAX_DATASET_BYTES raises it)")


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


def _read_idx_images(path: Path, stored: Stored, column_major: bool) -> np.ndarray:
    """An IDX file of images (N, H, W) as float32 (N, 1, H, W), converted as it streams
    (scaled to [0, 1] if uint8; transposed if stored column-major)."""
    n, h, w = stored.shape
    out = np.empty((n, 1, w, h) if column_major else (n, 1, h, w), np.float32)
    dest = out[:, 0].transpose(0, 2, 1) if column_major else out[:, 0]
    with open_stream(path) as f:
        read_idx_header(f, path)
        fill_inputs(idx_values(f, stored, path), stored, dest, str(path),
                    scale=stored.dtype == np.uint8)
    return out


def load_idx_dir(directory: str | os.PathLike, name: str | None = None,
                 classes: Sequence[str] | None = None, column_major: bool = False,
                 letters_from_one: bool = False) -> Dataset:
    """The four IDX files of an MNIST-style dataset in ``directory`` (gzip, xz or raw).
    ``column_major``: the images are stored transposed; ``letters_from_one``: labels that
    start at 1 are shifted to start at 0 (EMNIST letters) — quirks a catalogue entry
    declares. The headers are checked against the dataset budget before any data is read."""
    d = Path(directory)
    if not d.is_dir():
        raise DataError(f"{d}: not a directory (expected one holding the dataset's IDX files)")
    files = {}
    for split, alias in (("train", "train"), ("test", "t10k")):
        try:
            img = _find(d, f"{split}-images-idx3-ubyte")
        except DataError:
            img = _find(d, f"{alias}-images-idx3-ubyte")
        lab = Path(str(img).replace("images-idx3", "labels-idx1"))
        if not lab.exists():
            lab = _find(d, f"{alias}-labels-idx1-ubyte")
        stored = idx_stored(img)
        if len(stored.shape) != 3:
            raise DataError(f"{img}: expected images of shape (N, H, W), got {stored.shape}")
        files[split] = (img, lab, stored)
    check_budget(str(d), sum(s.shape[0] for _, _, s in files.values()),
                 _input_shape(files["train"][2]))
    arrays = {}
    for split, (img, lab, stored) in files.items():
        claimed = idx_stored(lab).shape  # before reading: a bomb of labels is not read
        if len(claimed) != 1 or claimed[0] != stored.shape[0]:
            raise DataError(f"{lab}: {claimed[0]} labels for {stored.shape[0]} images in "
                            f"{img.name}")
        labels = read_idx(lab)
        if not np.issubdtype(labels.dtype, np.integer):
            raise DataError(f"{lab}: labels must be integers, the file stores {labels.dtype}")
        count_classes({str(lab): labels})
        arrays[split] = (_read_idx_images(img, stored, column_major), labels.astype(np.int64))
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


def split_order(n: int, test_fraction: float, seed: int = 0) -> tuple[np.ndarray, int]:
    """A seeded permutation of ``n`` samples and how many of its head are held out."""
    if n < 2:
        raise DataError(f"{n} sample; a train/test split needs at least 2")
    perm = np.random.default_rng(seed).permutation(n)
    return perm, min(n - 1, max(1, int(round(n * test_fraction))))


def placement(perm: np.ndarray) -> np.ndarray:
    """Where each stored row goes so that the rows end in the order ``perm`` (test rows
    first, then train): ``rows[perm[j]] = j``. int32 when it fits, as it is as long as
    the data."""
    n = len(perm)
    kind = np.int32 if n < 2**31 else np.intp
    rows = np.empty(n, kind)
    step = 2**20  # in pieces: no second array as long as the data
    for a in range(0, n, step):
        rows[perm[a:a + step]] = np.arange(a, min(a + step, n), dtype=kind)
    return rows


def split(x: np.ndarray, y: np.ndarray, test_fraction: float, seed: int = 0):
    """``(x_train, y_train), (x_test, y_test)``: a seeded hold-out of ``test_fraction``."""
    perm, n_test = split_order(len(x), test_fraction, seed)
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


def _check_stored(path, name: str, stored: Stored) -> None:
    if len(stored.shape) < 2:
        raise DataError(f"{path}: array {name!r} has shape {stored.shape}; inputs need a sample "
                        f"axis and at least one feature axis, (N, D) or (N, H, W)")


def _npz_labels(z, members: dict, path, name: str, n: int, where: str) -> np.ndarray:
    """Array ``name``, once its header shows one label for each of the ``n`` inputs."""
    with z.open(members[name]) as f:
        claimed = read_npy_header(f, f"{path}: array {name!r}").shape
    if len(claimed) == 0:
        raise DataError(f"{where}: inputs and labels need one entry per sample, got "
                        f"{n} inputs and labels of shape {claimed}")
    if claimed[0] != n:
        raise DataError(f"{where}: {n} inputs but {claimed[0]} labels")
    if len(claimed) != 1:
        raise DataError(f"{where}: labels must be one per sample, got shape {claimed}")
    with z.open(members[name]) as f:
        return read_npy(f, f"{path}: array {name!r}")


def _npz_inputs(z, members: dict, path, name: str, stored: Stored, where: str,
                dest: np.ndarray, rows: np.ndarray | None = None) -> None:
    """Stream array ``name`` into ``dest`` (float32, the model's shape), row i to rows[i]."""
    view = dest[:, 0] if len(stored.shape) == 3 else dest
    with z.open(members[name]) as f:
        read_npy_header(f, f"{path}: array {name!r}")
        fill_inputs(npy_values(f, stored, f"{path}: array {name!r}"), stored, view, where,
                    scale=_scaled(stored), rows=rows)


def load_npz_dataset(path: str | os.PathLike, test_fraction: float = 0.2) -> Dataset:
    """An .npz with ``x_train, y_train, x_test, y_test`` (or ``x, y``, split here).

    The headers are read first and the dataset's size checked against the budget; the
    inputs are then converted to float32 as they stream, each row straight into its place
    in the train or test array: loading peaks near the size of the final arrays."""
    with npz_members(path) as (z, infos):
        members = {info.filename[:-4]: info for info in infos}
        stored, left = {}, MAX_ARRAY_BYTES
        for name in ("x_train", "x_test", "x"):
            if name in members:
                where = f"{path}: array {name!r}"
                with z.open(members[name]) as f:
                    stored[name] = check_size(read_npy_header(f, where), where, left)
                left -= stored[name].nbytes
        if {"x_train", "y_train", "x_test", "y_test"} <= members.keys():
            return _npz_split(path, z, members, stored)
        if {"x", "y"} <= members.keys():
            return _npz_whole(path, z, members, stored["x"], test_fraction)
    raise DataError(f"{path}: expected arrays x_train, y_train, x_test, y_test (or x, y); "
                    f"found {sorted(members)}")


def _npz_split(path, z, members: dict, stored: dict) -> Dataset:
    tr, te = stored["x_train"], stored["x_test"]
    _check_stored(path, "x_train", tr)
    _check_stored(path, "x_test", te)
    if _input_shape(tr) != _input_shape(te):
        raise DataError(f"{path}: train inputs have shape {_input_shape(tr)} but test inputs "
                        f"{_input_shape(te)}")
    check_budget(str(path), tr.shape[0] + te.shape[0], _input_shape(tr))
    y_tr = _npz_labels(z, members, path, "y_train", tr.shape[0], f"{path} (train)")
    y_te = _npz_labels(z, members, path, "y_test", te.shape[0], f"{path} (test)")
    n_classes = count_classes({f"{path} (y_train)": y_tr, f"{path} (y_test)": y_te})
    xs = {}
    for name, st, y, where in (("x_train", tr, y_tr, f"{path} (train)"),
                               ("x_test", te, y_te, f"{path} (test)")):
        xs[name] = np.empty((st.shape[0], *_input_shape(st)), np.float32)
        _npz_inputs(z, members, path, name, st, where, xs[name])
        check_arrays(xs[name], y, where, n_classes)
    return Dataset(Path(path).stem, xs["x_train"], y_tr.astype(np.int64), xs["x_test"],
                   y_te.astype(np.int64), classes=tuple(str(i) for i in range(n_classes)))


def _npz_whole(path, z, members: dict, stored: Stored, test_fraction: float) -> Dataset:
    _check_stored(path, "x", stored)
    n, where = stored.shape[0], str(path)
    check_budget(where, n, _input_shape(stored))
    y = _npz_labels(z, members, path, "y", n, where)
    if n == 0:
        raise DataError(f"{where}: no samples")
    if n < 2:
        raise DataError(f"{where}: {n} sample; a train/test split needs at least 2")
    n_classes = count_classes({where: y})
    perm, n_test = split_order(n, test_fraction)
    rows = placement(perm)
    x = np.empty((n, *_input_shape(stored)), np.float32)
    _npz_inputs(z, members, path, "x", stored, where, x, rows)
    y = y[perm].astype(np.int64)
    return Dataset(Path(path).stem, x[n_test:], y[n_test:], x[:n_test], y[:n_test],
                   classes=tuple(str(i) for i in range(n_classes)))


def load_csv_dataset(path: str | os.PathLike, test_fraction: float = 0.2) -> Dataset:
    """A CSV of label, feature, feature, … rows, split into train and test here: each parsed
    block of rows is placed straight into the train or test arrays, and then let go."""
    features, labels = read_csv_blocks(path)
    n, where = sum(len(b) for b in labels), str(path)
    if n < 2:
        raise DataError(f"{where}: {n} sample; a train/test split needs at least 2")
    n_classes = max(int(b.max()) for b in labels) + 1  # each a class number, checked
    perm, n_test = split_order(n, test_fraction)
    rows = placement(perm)
    del perm
    x = np.empty((n, features[0].shape[1]), np.float32)
    y = np.empty(n, np.int64)
    at = 0
    while features:
        block, block_y = features.pop(0), labels.pop(0)
        x[rows[at:at + len(block)]] = block
        y[rows[at:at + len(block)]] = block_y
        at += len(block)
    return Dataset(Path(path).stem, x[n_test:], y[n_test:], x[:n_test], y[:n_test],
                   classes=tuple(str(i) for i in range(n_classes)))


def load_dataset(name: str = "default", data_dir: str | os.PathLike | None = None) -> Dataset:
    """Load a dataset by name (an entry of :data:`.catalog.DATASETS`) or by path (directory,
    .npz or .csv).

    ``default``, ``mnist`` and ``breast-cancer`` are shipped with the package; the other
    names need ``data_dir``, the folder with their files.
    """
    try:
        return _load_dataset(name, data_dir)
    except MemoryError:  # files within the readers' limits can still outgrow this machine
        raise DataError(f"{name}: the data does not fit in memory (it is read and converted "
                        f"to float32)") from None


def load_entry(entry: Entry, data_dir: str | os.PathLike | None = None) -> Dataset:
    """The dataset a catalogue entry names, read from ``data_dir`` (default: the folder it
    is shipped in) as its format and quirks say."""
    folder = Path(data_dir) if data_dir is not None else entry.shipped
    if folder is None:
        raise DataError(f"dataset {entry.name!r} is not shipped with backprop: give "
                        f"--data-dir, the folder holding its files")
    if entry.format == "table" and entry.table is not None:
        return _load_table(entry, folder)
    return load_idx_dir(folder, entry.name, entry.classes, column_major=entry.column_major,
                        letters_from_one=entry.letters_from_one)


def _load_table(entry: Entry, folder: Path) -> Dataset:
    """An entry's :class:`~.catalog.Table`: a header line, then the features and the class
    per row, split, and standardised with the training split's statistics if it says so."""
    table = entry.table
    assert table is not None
    path = folder / table.file
    try:
        text = lzma.decompress(path.read_bytes(), memlimit=1 << 26).decode("ascii")
        rows = np.array([line.split(",") for line in text.splitlines()[1:] if line], float)
    except (OSError, lzma.LZMAError, UnicodeDecodeError, ValueError) as e:
        raise DataError(f"{path}: cannot read the {entry.name} table ({e})") from None
    if rows.ndim != 2 or rows.shape[1] != table.features + 1:
        raise DataError(f"{path}: expected rows of {table.features} features and a class, got "
                        f"{rows.shape}")
    x = rows[:, :table.features].astype(np.float32)
    y = rows[:, table.features].astype(np.int64)
    check_arrays(x, y, str(path), len(entry.classes) if entry.classes else None)
    (x_tr, y_tr), (x_te, y_te) = split(x, y, test_fraction=table.test_fraction)
    if table.standardise:
        mean, std = x_tr.mean(axis=0), x_tr.std(axis=0)
        x_tr, x_te = (x_tr - mean) / std, (x_te - mean) / std
    return Dataset(entry.name, x_tr, y_tr, x_te, y_te, classes=entry.classes)


def _load_dataset(name: str, data_dir: str | os.PathLike | None) -> Dataset:
    if name in DATASETS:
        return load_entry(DATASETS[name], data_dir)
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
