"""Derivatives laid out by the conventions, and the central differences that confirm them.

Reverse mode (in :class:`~.evaluate.Evaluator`) gives the full Jacobian ``∂f/∂x`` of shape
``f.shape + x.shape``; :func:`confirm` checks it against central differences in one random
direction; :func:`layout` gives it the shape a learner writes (the gradient of a scalar has
x's shape; a Jacobian has one row per component of f); :func:`numeric_jacobian` serves
derivatives of derivatives.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .values import EvalError, NotDifferentiable

__all__ = ["numeric_jacobian", "confirm", "layout"]


def numeric_jacobian(g: Callable[[np.ndarray], np.ndarray], x0: np.ndarray,
                     limit: int) -> np.ndarray:
    """Fourth-order central differences: for derivatives of derivatives."""
    y0 = np.asarray(g(x0))
    if y0.size * x0.size > limit:
        raise EvalError(f"a derivative of {y0.size}×{x0.size} entries is too large to check")
    full = np.zeros(y0.shape + x0.shape)
    flat = full.reshape(y0.size, x0.size)
    h = 1e-3
    for k in range(x0.size):
        e = np.zeros(x0.size)
        e[k] = h
        e = e.reshape(x0.shape)
        d = (-g(x0 + 2 * e) + 8 * g(x0 + e) - 8 * g(x0 - e) + g(x0 - 2 * e)) / (12 * h)
        flat[:, k] = np.asarray(d).reshape(-1)
    return full


def confirm(g: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, full: np.ndarray,
             name: str) -> None:
    """Reverse mode against central differences in one random direction."""
    u = np.random.default_rng(7).standard_normal(x0.shape)
    h = 1e-6 * max(1.0, float(np.max(np.abs(x0))) if x0.size else 1.0)
    numeric = (np.asarray(g(x0 + h * u)) - np.asarray(g(x0 - h * u))) / (2 * h)
    exact = np.tensordot(full, u, axes=x0.ndim) if x0.ndim else full * u
    if not np.all(np.isfinite(numeric)) or not np.allclose(exact, numeric, rtol=1e-4,
                                                           atol=1e-5):
        raise NotDifferentiable(f"the derivative by {name} is not confirmed by central "
                                f"differences here (a kink?)")


def layout(full: np.ndarray, out_shape: tuple, x_shape: tuple,
                      index: list[int] | None, jacobian: bool) -> np.ndarray:
    """The derivative laid out by the conventions (gradient of a scalar: x's shape)."""
    if index is not None:
        if len(x_shape) == 2 and 1 in x_shape and len(index) == 1:
            pos = (index[0] - 1, 0) if x_shape[1] == 1 else (0, index[0] - 1)
        else:
            pos = tuple(i - 1 for i in index)
        for p, n in zip(pos, x_shape):
            if not 0 <= p < n:
                raise EvalError(f"component {p + 1} is out of range 1..{n}")
        return full[(Ellipsis,) + pos]
    size = int(np.prod(out_shape)) if out_shape else 1
    if size == 1 and not jacobian:
        return full.reshape(x_shape)
    if len(x_shape) == 0:
        return full.reshape(out_shape)
    if len(out_shape) == 2 and out_shape[1] == 1 and len(x_shape) == 2 and x_shape[1] == 1:
        return full.reshape(out_shape[0], x_shape[0])
    if size == 1:
        return full.reshape(1, -1)
    return full.reshape(tuple(d for d in out_shape if d != 1) + x_shape)
