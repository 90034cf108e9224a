"""Kernels: the elementwise passes of a training step, in NumPy or compiled by Numba.

The rules (ReLU, max pooling, convolution's col2im) and the optimisers (SGD, Adam) call their
elementwise passes through :func:`active`, the one dispatch point::

    from backprop import kernels
    y = kernels.active().relu(x)

which returns a module of kernels: :mod:`backprop.kernels.reference` (NumPy, the reference
and the default) or :mod:`backprop.kernels.compiled` (the same functions fused and compiled
by Numba, from the optional extra ``pip install "backprop[fast]"``). Each kernel computes
what a rule's docstring states; the rule stays the one place that states it.

Which one runs is read from ``BACKPROP_KERNELS`` on first use:

- unset (or empty): the compiled kernels if Numba is installed, else NumPy;
- ``numpy``: the NumPy reference, even with Numba installed;
- ``numba``: the compiled kernels; an error if Numba is not installed.

``import backprop`` never imports Numba (it takes a quarter of a second or more): it is loaded
the first time a compiled loop runs, which arrays under 4,096 elements never do. :func:`use` switches for a block (tests, benchmarks).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from types import ModuleType
from typing import Iterator

from ..errors import BackpropError
from . import reference

__all__ = ["BACKENDS", "ENV_VAR", "active", "available", "backend", "use"]

ENV_VAR = "BACKPROP_KERNELS"
BACKENDS = ("numpy", "numba")

_active: ModuleType | None = None


def available() -> bool:
    """Whether Numba is installed (found without importing it)."""
    try:
        return importlib.util.find_spec("numba") is not None
    except (ImportError, ValueError):
        return False


def _load(name: str, required: bool) -> ModuleType:
    if name == "numpy":
        return reference
    if not available():
        if required:
            from ..extras import install_command
            raise BackpropError(f"{ENV_VAR}=numba: Numba is not installed; install the extra "
                                f"with `{install_command('fast')}`, or set {ENV_VAR}=numpy")
        return reference
    from . import compiled  # Numba itself is imported when the first compiled loop runs
    return compiled


def _choose(name: str | None) -> ModuleType:
    if name is None:
        name = os.environ.get(ENV_VAR, "").strip().lower()
        if not name:
            return _load("numba", required=False)
    if name not in BACKENDS:
        raise BackpropError(f"{ENV_VAR} must be one of {', '.join(BACKENDS)} (or unset), got "
                            f"{name!r}")
    return _load(name, required=True)


def active() -> ModuleType:
    """The module of kernels in use (chosen on the first call, see the module's docstring)."""
    global _active
    if _active is None:
        _active = _choose(None)
    return _active


def backend() -> str:
    """``'numpy'`` or ``'numba'``: the kernels in use (choosing them if not yet chosen)."""
    return str(active().NAME)


@contextlib.contextmanager
def use(name: str | None) -> Iterator[ModuleType]:
    """Run a block with the kernels ``name`` (``'numpy'`` or ``'numba'``; None: as
    ``BACKPROP_KERNELS`` says); the previous choice comes back afterwards."""
    global _active
    previous = _active
    _active = _choose(name)
    try:
        yield _active
    finally:
        _active = previous
