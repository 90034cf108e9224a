"""Who the workers are and how they talk: ranks 0 … P−1 and three collectives on NumPy arrays.

A :class:`Communicator` sums arrays over the ranks in place (``allreduce``), copies rank
0's arrays to the others (``broadcast``) and gathers one small array from every rank
(``allgather``). :data:`SOLO` is one process alone, world size 1, where every collective is
the identity: the rules and the loop run unchanged without MPI. :func:`init` starts MPI
through mpi4py (``pip install 'backprop[mpi]'``), imported only then, so ``import backprop``
stays NumPy-only.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

import numpy as np

from ..errors import BackpropError

__all__ = ["Communicator", "Solo", "MPIWorld", "SOLO", "init", "world", "rank", "world_size",
           "launched_by_mpi"]

# Set in each process by the MPI launchers (PMI_SIZE: MPICH's and Intel's Hydra, Slurm's srun
# with PMI; OMPI_COMM_WORLD_SIZE: Open MPI): a process started by mpiexec knows it before MPI
# is initialised.
_LAUNCHER_SIZE = ("PMI_SIZE", "OMPI_COMM_WORLD_SIZE")


class Communicator(Protocol):
    rank: int
    size: int

    def allreduce(self, buffer: np.ndarray) -> np.ndarray: ...       # Σ over ranks, in place
    def broadcast(self, buffer: np.ndarray, root: int = 0) -> np.ndarray: ...  # root's, in place
    def allgather(self, item: np.ndarray) -> np.ndarray: ...         # (size, *item.shape)
    def local_size(self) -> int: ...                                 # ranks on this machine


class Solo:
    """One process alone: rank 0 of 1; the collectives leave their arrays as they are."""

    rank, size = 0, 1

    def allreduce(self, buffer: np.ndarray) -> np.ndarray:
        return buffer

    def broadcast(self, buffer: np.ndarray, root: int = 0) -> np.ndarray:
        return buffer

    def allgather(self, item: np.ndarray) -> np.ndarray:
        return np.asarray(item)[None]

    def local_size(self) -> int:
        return 1

    def __repr__(self) -> str:
        return "Solo()"


SOLO = Solo()


class MPIWorld:
    """The ranks of an MPI communicator (``MPI.COMM_WORLD`` by default), through mpi4py's
    buffer interface: arrays travel without pickling."""

    def __init__(self, comm: Any = None) -> None:
        from mpi4py import MPI

        self._mpi = MPI
        self.comm = MPI.COMM_WORLD if comm is None else comm
        self.rank, self.size = self.comm.Get_rank(), self.comm.Get_size()
        self._local: int | None = None

    def allreduce(self, buffer: np.ndarray) -> np.ndarray:
        _contiguous(buffer, "allreduce")
        self.comm.Allreduce(self._mpi.IN_PLACE, buffer, op=self._mpi.SUM)
        return buffer

    def broadcast(self, buffer: np.ndarray, root: int = 0) -> np.ndarray:
        _contiguous(buffer, "broadcast")
        self.comm.Bcast(buffer, root=root)
        return buffer

    def allgather(self, item: np.ndarray) -> np.ndarray:
        item = np.ascontiguousarray(item)
        out = np.empty((self.size,) + item.shape, item.dtype)
        self.comm.Allgather(item, out)
        return out

    def local_size(self) -> int:
        """How many ranks share this machine's memory (and so its cores)."""
        if self._local is None:
            node = self.comm.Split_type(self._mpi.COMM_TYPE_SHARED)
            self._local = node.Get_size()
            node.Free()
        return self._local

    def __repr__(self) -> str:
        return f"MPIWorld(rank={self.rank}, size={self.size})"


def _contiguous(buffer: np.ndarray, op: str) -> None:
    if not (isinstance(buffer, np.ndarray) and buffer.flags.c_contiguous
            and buffer.flags.writeable):
        raise BackpropError(f"{op}: the buffer must be a writeable, C-contiguous NumPy array")


_world: Communicator | None = None


def init() -> Communicator:
    """Start MPI (once per process) and return the world of all ranks. Needs mpi4py and an
    MPI library: ``pip install 'backprop[mpi]'`` installs both (the ``mpich`` wheel brings
    ``mpiexec``)."""
    global _world
    if _world is None:
        try:
            import mpi4py  # noqa: F401  (MPI itself starts with its MPI module, below)
        except ImportError:
            from ..extras import install_command
            raise BackpropError(f"distributed training needs mpi4py and an MPI library: "
                                f"{install_command('mpi')}") from None
        _world = MPIWorld()
    return _world


def world() -> Communicator:
    """The world :func:`init` started, else :data:`SOLO` (one process, no MPI)."""
    return SOLO if _world is None else _world


def rank() -> int:
    """This process's rank (0 without MPI)."""
    return world().rank


def world_size() -> int:
    """How many ranks train together (1 without MPI)."""
    return world().size


def launched_by_mpi() -> bool:
    """True in a process that mpiexec (or srun) started as one of several: its launcher says
    so in the environment, before MPI is initialised."""
    for name in _LAUNCHER_SIZE:
        try:
            if int(os.environ.get(name, "1")) > 1:
                return True
        except ValueError:
            continue
    return False
