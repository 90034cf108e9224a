"""Which samples each rank takes: every global batch cut into P contiguous shares.

An epoch's order is the run's (:meth:`backprop.random.RunRandom.order`: seeded, different
each epoch, the same on every rank because it depends on nothing but the seed and the
epoch). The epoch is cut into global batches of ``batch_size`` as in one process, and each
global batch into ``world_size`` contiguous shares whose sizes differ by at most one. So
every sample is taken exactly once per epoch, by one rank, and the P ranks together take the
very batches one process would: the gradient they agree on is the one-process gradient.
(torch's ``DistributedSampler`` instead deals whole epochs and pads them with repeated
samples; here nothing is repeated and nothing dropped.)
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from ..errors import BackpropError
from ..random import RunRandom
from .communicator import world

__all__ = ["shard", "DistributedSampler", "check_shards"]


def shard(batch: slice, rank: int, size: int) -> slice:
    """Rank ``rank``'s share of the positions ``batch`` (a slice with start and stop): the
    r-th of ``size`` contiguous parts, ⌊r·m/P⌋ to ⌊(r+1)·m/P⌋ of its m positions."""
    m = batch.stop - batch.start
    return slice(batch.start + rank * m // size, batch.start + (rank + 1) * m // size)


def check_shards(n: int, batch_size: int, size: int) -> None:
    """Refuse batches some rank would get no sample of (a rank with nothing to average has
    no gradient to give): the batch size and the last, shorter batch must reach P."""
    last = n % batch_size
    if size > 1 and (min(batch_size, n) < size or 0 < last < size):
        short = min(batch_size, n) if min(batch_size, n) < size else last
        raise BackpropError(f"distributed: a batch of {short} sample(s) cannot be shared by "
                            f"{size} workers ({n} samples, batch size {batch_size}); choose a "
                            f"batch size that leaves every worker at least one sample")


class DistributedSampler:
    """This rank's sample indices, one array per step, for a loop of your own::

        sampler = DistributedSampler(len(x), batch_size=128, seed=0)
        for epoch in range(epochs):
            for idx in sampler.batches(epoch):
                ...  # forward and backward on x[idx]; then allreduce_gradients(model)

    ``rank`` and ``world_size`` default to the MPI world's. ``shuffle=False`` keeps the
    samples in their order; one batch holding every sample is never shuffled (as the
    training loop's)."""

    def __init__(self, n: int, batch_size: int, rank: int | None = None,
                 world_size: int | None = None, seed: int = 0, shuffle: bool = True) -> None:
        self.rank = world().rank if rank is None else int(rank)
        self.world_size = world().size if world_size is None else int(world_size)
        if not 0 <= self.rank < self.world_size:
            raise BackpropError(f"DistributedSampler: rank {self.rank} is not in 0…"
                                f"{self.world_size - 1}")
        if n < 1 or batch_size < 1:
            raise BackpropError(f"DistributedSampler: need n ≥ 1 and batch_size ≥ 1, got "
                                f"{n} and {batch_size}")
        check_shards(n, batch_size, self.world_size)
        self.n, self.batch_size, self.shuffle = int(n), int(batch_size), bool(shuffle)
        self.random = RunRandom(seed)

    def __len__(self) -> int:
        """Steps per epoch."""
        return -(-self.n // self.batch_size)

    def order(self, epoch: int) -> np.ndarray:
        """The epoch's order of all n samples (the same on every rank)."""
        if self.shuffle and len(self) > 1:
            return self.random.order(self.n, epoch)
        return np.arange(self.n)

    def positions(self, step: int) -> slice:
        """This rank's positions, in the epoch's order, at ``step``."""
        b = self.batch_size
        return shard(slice(step * b, min((step + 1) * b, self.n)), self.rank, self.world_size)

    def batches(self, epoch: int) -> Iterator[np.ndarray]:
        """This rank's sample indices for each step of ``epoch``."""
        order = self.order(epoch)
        for step in range(len(self)):
            yield order[self.positions(step)]
