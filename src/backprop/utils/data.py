"""Datasets and mini-batches as ``torch.utils.data``: ``TensorDataset`` and ``DataLoader``.

    from backprop.utils.data import TensorDataset, DataLoader
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True,
                        generator=np.random.default_rng(0))
    for xb, yb in loader:
        ...

A batch is a tuple of tensors (one per tensor of the dataset). Shuffling draws a fresh order
each time the loader is iterated, from ``generator`` (a NumPy ``Generator``, or an integer
seed) or, without one, from the library's generator, which ``bp.manual_seed`` seeds.
"""

from __future__ import annotations

import math
from typing import Any, Iterator, Sequence

import numpy as np

from ..engine import Tensor
from ..errors import BackpropError, ShapeError
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
        n = len(self.dataset)
        return n // self.batch_size if self.drop_last else math.ceil(n / self.batch_size)

    def order(self) -> np.ndarray:
        """The sample indices of one pass (a fresh permutation each call when shuffling)."""
        n = len(self.dataset)
        if not self.shuffle:
            return np.arange(n)
        return (self.generator or default_generator()).permutation(n)

    def __iter__(self) -> Iterator[Any]:
        order = self.order()
        stop = len(self) * self.batch_size
        for start in range(0, min(stop, len(order)), self.batch_size):
            rows = order[start:start + self.batch_size]
            if isinstance(self.dataset, TensorDataset):  # one gather per tensor
                yield self.dataset[rows]
            else:
                yield _collate([self.dataset[int(i)] for i in rows])
