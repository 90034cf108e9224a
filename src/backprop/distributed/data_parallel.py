"""Data-parallel training: what the training loop asks of the ranks, step by step.

Each rank holds the whole model and the whole dataset, takes its share of every global
batch (:func:`.sampler.shard`), and backpropagates its own mean loss weighted by its share,
nᵣ/n. The ranks then sum their gradients in one allreduce: Σᵣ (nᵣ/n)·∇Lᵣ = ∇L, the gradient
of the mean loss over the whole batch, exactly what one process computes (see "Data
parallelism" in docs/derivations.md). Every rank takes the same optimiser step from the same
gradient, so the weights stay equal. The loss, the correct count and the number of samples
ride in the same message, and so does a Ctrl-C: every rank stops after the same step.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from ..errors import BackpropError
from ..threads import ENV_VARS, available_cores
from .communicator import Communicator, init
from .gradients import GradientBuffer, broadcast_buffers, broadcast_parameters
from .sampler import check_shards, shard

__all__ = ["DataParallel", "threads_per_rank"]

# The spawn key of a rank's dropout stream at one step: apart from the run's own streams
# (backprop.random uses 1 and 2), and a function of (seed, epoch, step, rank) only, so a
# run resumed on any step draws what the whole run drew without saving every rank's state.
_RANK_DROPOUT = 3


class DataParallel:
    """The ranks of ``comm`` (default: MPI's world, started by :func:`.init`) training one
    model together; a :class:`~backprop.train.Trainer` given ``parallel=DataParallel()``
    calls it. ``rank`` 0 is the one that prints and writes files."""

    def __init__(self, comm: Communicator | None = None) -> None:
        self.comm = comm if comm is not None else init()
        self.rank, self.size = self.comm.rank, self.comm.size
        self.stop_requested = False  # this rank was asked to stop (Ctrl-C)
        self.stopping = False        # every rank agreed, after the last step, to stop
        self._buffer: GradientBuffer | None = None

    def __repr__(self) -> str:
        return f"DataParallel(rank={self.rank}, size={self.size})"

    def start(self, trainer: Any, n: int) -> None:
        """Before the first step: every rank must stand at the same place in the run, and
        starts from rank 0's weights."""
        check_shards(n, trainer.batch_size, self.size)
        where = self.comm.allgather(np.array([trainer.epoch, trainer.step, n], np.int64))
        if (where != where[0]).any():
            rows = ", ".join(f"rank {r}: epoch {e + 1} step {s} of {k} samples"
                             for r, (e, s, k) in enumerate(where.tolist()))
            raise BackpropError(f"distributed: the ranks do not stand at the same place of "
                                f"the run ({rows}); every rank must read the same data and "
                                f"resume from the same checkpoint")
        broadcast_parameters(trainer.model, 0, self.comm)
        params = [p for group in trainer.optimizer.param_groups for p in group["params"]]
        self._buffer = GradientBuffer(params, figures=4)
        self.stopping = False

    def share(self, batch: slice, random: Any, epoch: int, step: int) -> slice:
        """This rank's positions of the global ``batch``; dropout's generator (``random``'s,
        a :class:`~backprop.random.RunRandom`) set to this rank's stream for the step."""
        seq = np.random.SeedSequence([random.seed, epoch, step, self.rank],
                                     spawn_key=(_RANK_DROPOUT,))
        random.dropout.bit_generator.state = np.random.PCG64(seq).state
        return shard(batch, self.rank, self.size)

    def step(self, loss: Any, value: float, correct: float, count: int,
             total: int) -> tuple[float, float, int]:
        """Backpropagate this rank's mean ``loss`` weighted by its share count/total of the
        batch, then sum the gradients and the step's figures over the ranks (one
        allreduce). Returns the batch's mean loss, its correct count and its size."""
        if self._buffer is None:
            raise BackpropError("DataParallel.step before start")
        loss.backward(np.asarray(count / total, dtype=loss.data.dtype))
        sums = self._buffer.reduce(
            self.comm, (value * count, correct, count, float(self.stop_requested)))
        self.stopping = bool(sums[3] > 0)
        return float(sums[0] / sums[2]), float(sums[1]), int(round(sums[2]))

    def end_epoch(self, model: Any) -> None:
        """After an epoch's last step: rank 0's buffers (per-rank batch norm's running
        statistics) to every rank, so that all evaluate and save the same model."""
        broadcast_buffers(model, 0, self.comm)


def threads_per_rank(comm: Communicator) -> int | None:
    """BLAS threads for each rank: the machine's cores shared among the ranks on it (None
    when OPENBLAS_NUM_THREADS, OMP_NUM_THREADS or MKL_NUM_THREADS says otherwise)."""
    if any(os.environ.get(name) for name in ENV_VARS):
        return None
    return max(1, available_cores() // comm.local_size())
