"""The readings of a step's notation under which its two sides are compared.

A learner's notation is read generously, never to their cost: two sides whose shapes differ
only by a convention are compared under that convention, and the step says how it was read.

- ``I`` and ``1`` take the size of the other side;
- a number and a 1×1 matrix are the same;
- a row and a column of the same entries are the same vector (a gradient written as a row);
- the Jacobian of an elementwise map is diagonal, and a vector equal to its diagonal is the
  elementwise shorthand every textbook writes (``dσ/da = σ(1 − σ)``) — only when the matrix
  is diagonal: ``∂s/∂z = s(1 − s)`` for a softmax is not a shorthand but a mistake;
- a Jacobian written in the other layout (one row per input, as some texts do) is the same
  derivative.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...engine import Tensor
from .values import ATOL, RTOL, EvalError, Fn, Identity, Ones

__all__ = ["settle"]


def _diagonal(m: np.ndarray) -> bool:
    off = m - np.diag(np.diag(m))
    return bool(np.all(np.abs(off) <= ATOL + RTOL * np.max(np.abs(m))))


def settle(a: Any, b: Any, jacobian: bool = False) -> tuple[np.ndarray, np.ndarray, str | None]:
    """Two sides as arrays of one shape when a convention makes them so, and the reading
    used (None for the plain one). ``jacobian``: one side is a derivative of a vector by a
    vector, so the other layout is a reading too."""
    if isinstance(a, (Identity, Ones)) and isinstance(b, Tensor) and b.ndim == 2:
        a = a.of(b.shape[0]) if isinstance(a, Identity) else a.of(b.size)
    if isinstance(b, (Identity, Ones)) and isinstance(a, Tensor) and a.ndim == 2:
        b = b.of(a.shape[0]) if isinstance(b, Identity) else b.of(a.size)
    for v in (a, b):
        if not isinstance(v, Tensor):
            what = "a function" if isinstance(v, Fn) else "I or 1 of unknown size"
            raise EvalError(f"one side is {what}, not a value (write σ(z), not σ)")
    x = np.array(a.data, dtype=np.float64)
    y = np.array(b.data, dtype=np.float64)
    if x.shape == y.shape:
        return x, y, None
    if x.size == 1 and y.size == 1:
        return x.reshape(()), y.reshape(()), None
    if x.ndim == 2 and y.ndim == 2 and x.shape == y.shape[::-1] and 1 in x.shape:
        return x.reshape(-1), y.reshape(-1), "a row and a column as the same vector"
    for m, v, swap in ((x, y, False), (y, x, True)):
        if m.ndim == 2 and m.shape[0] == m.shape[1] > 1 and v.ndim == 2 and \
                1 in v.shape and v.size == m.shape[0] and _diagonal(m):
            d = np.diag(m).copy()
            pair = (v.reshape(-1), d) if swap else (d, v.reshape(-1))
            return pair[0], pair[1], "elementwise: the diagonal of a diagonal Jacobian"
    if jacobian and x.ndim == 2 and y.ndim == 2 and x.shape == y.shape[::-1]:
        return x.T.copy(), y, "in the other layout (one row per input)"
    return x, y, None
