"""Shape bookkeeping shared by every rule: undoing broadcasting and reductions."""

from __future__ import annotations

from typing import Sequence

import numpy as np


def unbroadcast(g: np.ndarray, shape: Sequence[int]) -> np.ndarray:
    """Undo NumPy broadcasting: sum ``g`` down to ``shape``.

    The one place where broadcasting is undone: leading axes that broadcasting added are
    summed away, then every axis where ``shape`` has size 1 is summed with keepdims.
    """
    shape = tuple(shape)
    if g.shape == shape:
        return g
    extra = g.ndim - len(shape)
    if extra:
        g = g.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return g.reshape(shape)


def normalize_axes(axis, ndim: int) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple, negatives allowed) as sorted non-negative ints."""
    if axis is None:
        return tuple(range(ndim))
    if isinstance(axis, (int, np.integer)):
        axis = (axis,)
    out = []
    for a in axis:
        if not -ndim <= a < max(ndim, 1):
            raise np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else 0)
    return tuple(sorted(out))


def expand_reduced(g: np.ndarray, shape: Sequence[int], axis, keepdims: bool) -> np.ndarray:
    """Broadcast the cotangent of a reduction back over the reduced axes of ``shape``."""
    if not keepdims:
        for a in normalize_axes(axis, len(shape)):
            g = np.expand_dims(g, a)
    return np.broadcast_to(g, shape)


def pick_axis(dim, axis, default: int = -1) -> int:
    """Resolve PyTorch's ``dim`` and NumPy's ``axis`` spelling of the same argument."""
    if dim is not None and axis is not None and dim != axis:
        raise TypeError(f"got dim={dim} and axis={axis}; give one of them")
    if dim is not None:
        return dim
    if axis is not None:
        return axis
    return default
