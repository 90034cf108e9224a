"""Function transforms in the style of JAX: ``grad``, ``vjp``, ``jacobian``.

They take a function built from the library's operations and return NumPy arrays. Each
wraps its inputs in fresh leaf Tensors, runs the function once, and reuses the recorded
graph for as many reverse sweeps as it needs (one per output entry for ``jacobian``).
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from .engine import Tensor, backprop, enable_grad
from .errors import IndexingError, ShapeError

__all__ = ["grad", "vjp", "jacobian", "value_and_grad"]


def _leaf(x: Any) -> Tensor:
    arr = np.asarray(x.data if isinstance(x, Tensor) else x)
    if not np.issubdtype(arr.dtype, np.floating):
        arr = arr.astype(np.float64)
    return Tensor(arr, requires_grad=True)


def _run(f: Callable, args: Sequence[Any], argnums: Sequence[int]):
    args = list(args)
    leaves = []
    for i in argnums:
        if not -len(args) <= i < len(args):
            raise IndexingError(f"grad: argnums {i} is out of range for {len(args)} argument(s)")
        args[i] = _leaf(args[i])
        leaves.append(args[i])
    with enable_grad():
        out = f(*args)
    if not isinstance(out, Tensor):
        out = Tensor(out)
    return out, leaves


def _pull(out: Tensor, leaves: list[Tensor], v: Any) -> list[np.ndarray]:
    v = np.asarray(v, dtype=out.dtype)
    if v.shape != out.shape:
        raise ShapeError(f"vjp: cotangent has shape {v.shape}, the output has shape {out.shape}")
    found = backprop(out, v) if out.requires_grad else {}
    return [found[id(t)][1] if id(t) in found else np.zeros_like(t.data) for t in leaves]


def vjp(f: Callable, *inputs: Any) -> tuple[np.ndarray, Callable]:
    """Evaluate ``f(*inputs)`` and return ``(value, vjp_fn)``.

    ``vjp_fn(v)`` returns the tuple ``(vᵀ ∂f/∂x₁, …)``, one array per input, each of the
    input's shape. It may be called many times.
    """
    out, leaves = _run(f, inputs, range(len(inputs)))
    return out.data, lambda v: tuple(_pull(out, leaves, v))


def _argnums(argnums) -> tuple[tuple[int, ...], bool]:
    if isinstance(argnums, int):
        return (argnums,), True
    return tuple(argnums), False


def value_and_grad(f: Callable, argnums: int | Sequence[int] = 0) -> Callable:
    """Like :func:`grad`, but return ``(f(*args), gradient)``."""
    nums, single = _argnums(argnums)

    def wrapped(*args: Any):
        out, leaves = _run(f, args, nums)
        if out.size != 1:
            raise ShapeError(f"grad: f must return a single number, got shape {out.shape}")
        gs = _pull(out, leaves, np.ones_like(out.data))
        return out.data, (gs[0] if single else tuple(gs))

    return wrapped


def grad(f: Callable, argnums: int | Sequence[int] = 0) -> Callable:
    """Gradient of a scalar-valued ``f`` with respect to argument(s) ``argnums``.

    ``grad(f)(x)`` is ∇f(x) as an array of x's shape; integer inputs are promoted to float64.
    """
    vg = value_and_grad(f, argnums)
    return lambda *args: vg(*args)[1]


def jacobian(f: Callable, argnums: int | Sequence[int] = 0) -> Callable:
    """Full Jacobian ∂f/∂x, of shape ``f(x).shape + x.shape`` (reverse mode, row by row)."""
    nums, single = _argnums(argnums)

    def wrapped(*args: Any):
        out, leaves = _run(f, args, nums)
        rows = [np.empty(out.shape + t.shape, dtype=np.result_type(out.dtype, t.dtype))
                for t in leaves]
        basis = np.zeros(out.size, dtype=out.dtype)
        for k in range(out.size):
            basis[k] = 1
            for r, g in zip(rows, _pull(out, leaves, basis.reshape(out.shape))):
                r.reshape(out.size, -1)[k] = g.reshape(-1)
            basis[k] = 0
        return rows[0] if single else tuple(rows)

    return wrapped
