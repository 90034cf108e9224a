"""Datasets and mini-batches as ``torch.utils.data``: ``TensorDataset`` and ``DataLoader``.

    from backprop.utils.data import TensorDataset, DataLoader
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True,
                        generator=np.random.default_rng(0))
    for xb, yb in loader:
        ...

A batch is a tuple of tensors (one per tensor of the dataset). Shuffling draws a fresh order
each time the loader is iterated, from ``generator`` (a NumPy ``Generator``, or an integer
seed) or, without one, from the library's generator, which ``bp.manual_seed`` seeds.

A dataset's length is only a number it declares: a loader in order never builds an index
array (each batch is a range), and a shuffled one builds its permutation only within the
memory budget (:func:`backprop.limits.check_allocation`), so a dataset that claims 10⁹
samples costs nothing until its samples are read.
"""

from __future__ import annotations

import math
from typing import Any, Iterator, Sequence

import numpy as np

from ..engine import Tensor
from ..errors import BackpropError, ShapeError
from ..limits import check_allocation
from ..random import default_generator

__all__ = ["Dataset", "TensorDataset", "DataLoader"]


class Dataset:
    """What a :class:`DataLoader` reads: ``len(ds)`` samples, ``ds[i]`` one of them (a
    tensor, an array, a number or a tuple of these)."""

    def __len__(self) -> int:
        raise NotImplementedError

    def __getitem__(self, index: int) -> Any:
        raise NotImplementedError


def _as_tensor(value: Any) -> Tensor:
    if isinstance(value, Tensor):
        return value
    return Tensor(np.asarray(value))


class TensorDataset(Dataset):
    """Samples are rows of the given tensors (or arrays), which share their first size:
    ``ds[i] == (t[i] for t in tensors)``."""

    def __init__(self, *tensors: Any) -> None:
        if not tensors:
            raise BackpropError("TensorDataset: give at least one tensor")
        self.tensors = tuple(_as_tensor(t) for t in tensors)
        sizes = [t.data.shape[0] if t.data.ndim else None for t in self.tensors]
        if None in sizes or len(set(sizes)) != 1:
            shapes = ", ".join(str(tuple(t.data.shape)) for t in self.tensors)
            raise ShapeError(f"TensorDataset: tensors need the same first size (one row per "
                             f"sample), got shapes {shapes}")

    def __len__(self) -> int:
        return self.tensors[0].data.shape[0]

    def __getitem__(self, index: Any) -> tuple[Tensor, ...]:
        return tuple(Tensor(t.data[index]) for t in self.tensors)


def _collate(samples: Sequence[Any]) -> Any:
    """Samples stacked into a batch along a new first axis, field by field."""
    first = samples[0]
    if isinstance(first, (tuple, list)):
        return tuple(_collate([s[k] for s in samples]) for k in range(len(first)))
    return Tensor(np.stack([np.asarray(getattr(s, "data", s)) for s in samples]))


def _generator(generator: Any) -> np.random.Generator | None:
    if generator is None or isinstance(generator, np.random.Generator):
        return generator
    if isinstance(generator, (int, np.integer)) and not isinstance(generator, bool):
        return np.random.default_rng(int(generator))
    raise BackpropError(f"DataLoader: generator must be a numpy.random.Generator or an integer "
                        f"seed, got {type(generator).__name__}")


class DataLoader:
    """Mini-batches of a dataset, as ``torch.utils.data.DataLoader``: ``batch_size`` samples
    at a time, in order or (``shuffle=True``) in a fresh random order each pass; the last
    batch is smaller unless ``drop_last``. ``len(loader)`` is the number of batches."""

    def __init__(self, dataset: Any, batch_size: int = 1, shuffle: bool = False,
                 drop_last: bool = False, generator: Any = None) -> None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) \
                or batch_size <= 0:
            raise BackpropError(f"DataLoader: batch_size must be a positive integer, got "
                                f"{batch_size!r}")
        if not hasattr(dataset, "__len__") or not hasattr(dataset, "__getitem__"):
            raise BackpropError(f"DataLoader: the dataset needs __len__ and __getitem__, got "
                                f"{type(dataset).__name__}")
        self.dataset = dataset
        self.batch_size = int(batch_size)
        self.shuffle = bool(shuffle)
        self.drop_last = bool(drop_last)
        self.generator = _generator(generator)

    def __len__(self) -> int:
        n = self._length()
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)

    def _length(self) -> int:
        n = len(self.dataset)
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 0:
            raise BackpropError(f"DataLoader: len(dataset) must be a non-negative integer, got "
                                f"{n!r}")
        return int(n)

    def order(self) -> np.ndarray:
        """The sample indices of one pass (a fresh permutation each call when shuffling),
        held to the memory budget: iterating never needs this array in order."""
        n = self._length()
        check_allocation("DataLoader", f"index array of {n} samples", n, np.int64)
        if not self.shuffle:
            return np.arange(n)
        return (self.generator or default_generator()).permutation(n)

    def __iter__(self) -> Iterator[Any]:
        n = self._length()
        stop = min(len(self) * self.batch_size, n)
        # a batch's indices are the one array a pass makes per batch: bounded too
        check_allocation("DataLoader", "batch of indices", min(self.batch_size, n), np.int64)
        order = self.order() if self.shuffle else None
        for start in range(0, stop, self.batch_size):
            end = min(start + self.batch_size, stop)
            if order is not None:
                rows: Any = order[start:end]
            elif isinstance(self.dataset, TensorDataset):
                rows = np.arange(start, end)  # gathered: a batch is a copy, as torch's
            else:
                rows = range(start, end)
            if isinstance(self.dataset, TensorDataset):  # one gather per tensor
                yield self.dataset[rows]
            else:
                yield _collate([self.dataset[int(i)] for i in rows])
