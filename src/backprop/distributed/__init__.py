"""Data-parallel training over MPI: P processes, one model each, one allreduce per step.

    mpiexec -n 2 python -m mpi4py train.py        # `python -m mpi4py`: an exception on one
                                                  # rank aborts the job instead of hanging it
    # train.py
    import backprop as bp
    bp.fit(model, x, y, distributed=True)         # or: backprop train --workers 2

The pieces, for a loop of your own: :func:`init` starts MPI (mpi4py, ``pip install
'backprop[mpi]'``) and gives the world; :func:`rank` and :func:`world_size`;
:func:`broadcast_parameters` (rank 0's weights to all), :func:`allreduce_gradients` (one flat
buffer, ``Allreduce(IN_PLACE)``, divided by the world size); :class:`DistributedSampler`
(this rank's share of every batch of a seeded, epoch-dependent order all ranks agree on);
:class:`DataParallel` (what the training loop uses). See docs/distributed.md.
"""

from .communicator import (SOLO, Communicator, MPIWorld, Solo, init, launched_by_mpi, rank,
                           world, world_size)
from .data_parallel import DataParallel, threads_per_rank
from .gradients import (GradientBuffer, allreduce_gradients, broadcast_buffers,
                        broadcast_parameters)
from .sampler import DistributedSampler, check_shards, shard

__all__ = ["Communicator", "Solo", "MPIWorld", "SOLO", "init", "world", "rank", "world_size",
           "launched_by_mpi", "DataParallel", "threads_per_rank", "GradientBuffer",
           "allreduce_gradients", "broadcast_buffers", "broadcast_parameters",
           "DistributedSampler", "check_shards", "shard"]
