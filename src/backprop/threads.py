"""How many threads NumPy's BLAS (and any OpenMP pool) may use while training.

    from backprop.threads import use_threads, set_threads
    with use_threads(1):          # for a block; the previous sizes come back afterwards
        trainer.fit(x, y)
    set_threads(None)             # for the rest of the process: the default below

The matrix products of a step run in the BLAS library's thread pool (OpenBLAS, MKL, …).
Its threads busy-wait for each other at every product: when another process holds a core,
a pool as large as the machine waits for that core at every product, and a step can become
several times slower than with one thread. So the default takes only the cores that look
free: the available cores minus those other processes keep busy, rounded up, at least one
(all of them on an idle machine, one when the cores are already busy). Busy is measured
now, from the CPU counters where the OS has them (Linux ``/proc/stat``; over a tenth of a
second, or since the previous measurement if that was under two seconds ago), else the
one-minute load average, which lags: it still counts a job that ended a minute ago and not
yet one that began a second ago. An explicit
``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` or ``MKL_NUM_THREADS`` in the environment
wins over the default.

The pools are resized through threadpoolctl (``pip install 'backprop[cli]'``), imported only
when a size is set, so ``import backprop`` stays NumPy-only. Asking for a count without it is
an error; the default without it leaves the pools as they are.
"""

from __future__ import annotations

import contextlib
import math
import numbers
import os
from typing import Any, Iterator

from .errors import BackpropError

ENV_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def available_cores() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _sample() -> tuple[float, float, float] | None:
    """(now, CPU seconds the whole machine has been busy, CPU seconds of this process), or
    None where /proc/stat is missing."""
    import time

    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = f.readline().split()
        ticks = [float(v) for v in fields[1:9]]
        if fields[0] != "cpu" or len(ticks) < 5:
            return None
        busy = (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")  # less idle, iowait
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    own = os.times()
    return time.monotonic(), busy, own.user + own.system


_last_sample: tuple[float, float, float] | None = None
_last_busy: float | None = None
_REUSE = (0.05, 2.0)  # seconds: a previous sample this old is a window of its own


def busy_cores(interval: float = 0.1) -> float | None:
    """How many CPUs other processes keep busy right now: their CPU time over a short window
    divided by its length (this process's own time left out). The window runs from the
    previous measurement when that was 0.05–2 s ago; a measurement under 0.05 s old is
    given again; else the window is ``interval`` seconds of sleep. So calls in a loop
    (fit and predict in a cross-validation) cost no sleep after the first. None where the
    OS has no such counters."""
    import time

    global _last_sample, _last_busy
    now = _sample()
    if now is None:
        return None
    before = _last_sample
    if before is not None and now[0] - before[0] < _REUSE[0] and _last_busy is not None:
        return _last_busy
    if before is None or now[0] - before[0] > _REUSE[1]:
        before = now
        time.sleep(interval)
        now = _sample()
        if now is None:
            return None
    wall = now[0] - before[0]
    if wall <= 0:
        return None
    others = (now[1] - before[1]) - (now[2] - before[2])
    _last_sample, _last_busy = now, max(0.0, others / wall)
    return _last_busy


def default_threads(cores: int | None = None, load: float | None = None) -> int:
    """The cores not already busy: ``ceil(cores - load)`` within ``[1, cores]``, where
    ``load`` is the number of busy CPUs now (:func:`busy_cores`), else the one-minute load
    average (0 where the OS gives neither)."""
    cores = available_cores() if cores is None else cores
    if load is None:
        load = busy_cores()
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):  # no load average on this OS
            load = 0.0
    return max(1, min(cores, math.ceil(cores - load)))


def check_threads(n: Any, what: str = "threads") -> int:
    """``n`` as a thread count, or a BackpropError naming ``what``: an integer from 1 to the
    number of available cores (more threads than cores only make BLAS threads wait), or -1
    for all of them (scikit-learn's ``n_jobs`` convention)."""
    cores = available_cores()
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise BackpropError(f"{what}: expected an integer number of threads, got {n!r}")
    if int(n) == -1:
        return cores
    if not 1 <= int(n) <= cores:
        raise BackpropError(f"{what}: expected 1 to {cores} threads (the cores available "
                            f"here) or -1 for all, got {int(n)}")
    return int(n)


def _threadpoolctl(required: bool):
    """The threadpoolctl module; without it a BackpropError naming the extra when a count was
    asked for (``required``), else None (the default is a preference, not a requirement)."""
    try:
        import threadpoolctl
    except ImportError:
        if not required:
            return None
        from .extras import install_command
        raise BackpropError(f"setting the number of threads needs threadpoolctl: "
                            f"{install_command('cli')}") from None
    return threadpoolctl


_controller: Any = None


def _pools(tpc: Any) -> Any:
    """One threadpoolctl controller for the process: finding the loaded BLAS/OpenMP
    libraries takes milliseconds, too much to repeat at every fit and predict. (A library
    loaded after the first call, say torch imported later, is not among them.)"""
    global _controller
    if _controller is None:
        _controller = tpc.ThreadpoolController()
    return _controller


def _resolve(n: int | None, what: str) -> tuple[int | None, Any]:
    """The count to apply (``n`` checked, or the default) and threadpoolctl; (None, None) when
    nothing is to be done: no count asked for and the environment fixes the pools, or
    threadpoolctl is missing."""
    if n is not None:
        return check_threads(n, what), _threadpoolctl(required=True)
    if any(os.environ.get(var) for var in ENV_VARS):
        return None, None
    tpc = _threadpoolctl(required=False)
    return (default_threads(), tpc) if tpc is not None else (None, None)


def set_threads(n: int | None = None, what: str = "threads") -> int | None:
    """Size the BLAS/OpenMP pools for the rest of the process: ``n`` threads, or with None
    the default of this module. Returns the count applied (None: pools left as they were)."""
    count, tpc = _resolve(n, what)
    if count is not None:
        _pools(tpc).limit(limits=count)
    return count


@contextlib.contextmanager
def use_threads(n: int | None = None, what: str = "threads") -> Iterator[int | None]:
    """Size the pools as :func:`set_threads` does for the block, then restore them."""
    count, tpc = _resolve(n, what)
    if count is None:
        yield None
        return
    with _pools(tpc).limit(limits=count):
        yield count
