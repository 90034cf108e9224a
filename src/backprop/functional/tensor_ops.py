"""Operations a PyTorch user reaches for as tensor methods: clamp and dtype casts (rules), and
the operations whose results are integers (argmax, argmin, one_hot), which have no gradient.

``clamp`` and ``cast`` are primitives like the others: forward and VJP side by side. The
integer-valued ones return Tensors cut off from the graph, as PyTorch's do.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from ..engine import (VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, as_numeric,
                      primitive)
from ..errors import BackpropError, DTypeError, ShapeError
from ..limits import check_allocation
from .table import declare
from .broadcasting import broadcast_shapes, unbroadcast
from ..validate import check_flag, check_int, check_number

__all__ = ["clamp", "cast", "argmax", "argmin", "one_hot"]


def _bound(name: str, value: TensorLike | None, shape: tuple[int, ...],
           dtype: np.dtype[Any]) -> Tensor | Array | float | None:
    """A bound of clamp: None, a number, or a tensor or array that broadcasts to the input
    (a tensor that requires grad gets its gradient). Integer bounds of a floating input take
    its dtype, as in torch (an int32 bound does not make a float32 clamp float64)."""
    if value is None:
        return None
    if isinstance(value, (int, float, np.integer, np.floating, bool, np.bool_)):
        return check_number("clamp", name, value)
    arr = as_numeric(value, "clamp", name)
    broadcast_shapes("clamp", input=shape, **{name: arr.shape})
    if arr.dtype.kind in "biu" and dtype.kind == "f":
        return arr.astype(dtype)
    return value if isinstance(value, Tensor) else arr


@primitive(name="clamp")
def _clamp_rule(x: Operand, *bounds: Operand,
                given: tuple[bool, bool] = (True, True)) -> tuple[Operand, VJP]:
    it = iter(bounds)
    lo = next(it) if given[0] else None
    hi = next(it) if given[1] else None
    low = x if lo is None else np.maximum(x, lo)
    y = low if hi is None else np.minimum(low, hi)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        inside = np.ones(np.shape(y), dtype=bool)  # bounds may broadcast x to a larger shape
        if lo is not None:
            inside &= x >= lo
        if hi is not None:
            inside &= low <= hi
        grads = [unbroadcast(g * inside, np.shape(x)) if needs[0] else None]
        if lo is not None:
            below = x < lo if hi is None else (x < lo) & (lo <= hi)
            grads.append(unbroadcast(g * below, np.shape(lo)) if needs[len(grads)] else None)
        if hi is not None:
            grads.append(unbroadcast(g * (low > hi), np.shape(hi)) if needs[len(grads)]
                         else None)
        return tuple(grads)

    return y, vjp


@declare(section="13", python=("clamp", "clip"), torch="torch.clamp",
         methods=("clamp", "clip", "clamp_min", "clamp_max"))
def clamp(input: TensorLike, min: TensorLike | None = None,
          max: TensorLike | None = None) -> Tensor:
    """Clamp every entry into [min, max] (either bound may be left out), as torch.clamp; a
    bound may be a number or a tensor, whose gradient is computed as PyTorch's.

    Forward:   y = min(max(x, lo), hi)
    VJP:       x̄ = ȳ ⊙ 1[lo ≤ x] ⊙ 1[max(x, lo) ≤ hi]
               lō = ȳ ⊙ 1[x < lo] ⊙ 1[lo ≤ hi],   hī = ȳ ⊙ 1[max(x, lo) > hi]
               (each summed over the axes its bound was broadcast along)
    Jacobian:  ∂y/∂x = diag(1[lo ≤ x ≤ hi])
    Convention: at x = lo or x = hi the derivative is taken as 1 for x and 0 for the bound
               (the bounds count as inside), as PyTorch; if lo > hi every entry becomes hi,
               whose gradient is then ȳ.
    """
    if min is None and max is None:
        raise BackpropError("clamp: give min, max or both")
    data = input.data if isinstance(input, Tensor) else np.asarray(input)
    shape = data.shape
    lo, hi = _bound("min", min, shape, data.dtype), _bound("max", max, shape, data.dtype)
    bounds = tuple(b for b in (lo, hi) if b is not None)
    return _clamp_rule(input, *bounds, given=(lo is not None, hi is not None))


@primitive(name="cast")
def _cast_rule(x: Operand, dtype: np.dtype[Any] | None = None) -> tuple[Array, VJP]:
    x = np.asarray(x)
    return x.astype(dtype, copy=True), lambda g, needs: (g.astype(x.dtype, copy=False),)


@declare(section="13", python=(), methods=("to", "float", "double", "clone"))
def cast(input: TensorLike, dtype: DTypeLike) -> Tensor:
    """A copy in another floating-point dtype (``x.float()``, ``x.double()``, ``x.clone()``).

    Forward:   y = x, stored as ``dtype`` (a new array even when the dtype is unchanged)
    VJP:       x̄ = ȳ, stored as the dtype of x
    Jacobian:  I
    Convention: only floating-point targets are differentiable; an integer or boolean target
               gives a tensor cut off from the graph, as in PyTorch.
    """
    try:
        dtype = np.dtype(dtype)
    except (TypeError, ValueError, SyntaxError):  # NumPy parses some strings as Python
        raise BackpropError(f"cast: {dtype!r} is not a dtype") from None
    if dtype.kind not in "biuf":
        raise BackpropError(f"cast: {dtype} is not a boolean, integer or floating dtype")
    if not np.issubdtype(dtype, np.floating):
        data = input.data if isinstance(input, Tensor) else np.asarray(input)
        return Tensor(data.astype(dtype, copy=True))
    return _cast_rule(input, dtype=dtype)


def _arg_extremum(op: str, input: TensorLike, dim: int | None, keepdim: bool) -> Tensor:
    x = as_numeric(input, op, "input")
    keepdim = check_flag(op, "keepdim", keepdim)
    if dim is not None:
        dim = check_int(op, "dim", dim)
    if x.size == 0:
        raise ShapeError(f"{op}: the input of shape {x.shape} is empty")
    find = np.argmax if op == "argmax" else np.argmin
    if dim is None:  # over the flattened tensor, as PyTorch
        out = np.asarray(find(x))
        if keepdim:
            out = out.reshape((1,) * x.ndim)
    else:
        if not -max(x.ndim, 1) <= dim < max(x.ndim, 1):
            raise ShapeError(f"{op}: dim {dim} is out of range for shape {x.shape}")
        flat = x.reshape(1) if x.ndim == 0 else x
        out = find(flat, axis=dim, keepdims=keepdim)
        if x.ndim == 0:
            out = out.reshape(())
    return Tensor(np.asarray(out, dtype=np.int64))


def argmax(input: TensorLike, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Index of the (first) largest entry along ``dim``, or of the flattened tensor; int64.
    Not differentiable: the result is cut off from the graph."""
    return _arg_extremum("argmax", input, dim, keepdim)


def argmin(input: TensorLike, dim: int | None = None, keepdim: bool = False) -> Tensor:
    """Index of the (first) smallest entry along ``dim``, or of the flattened tensor; int64.
    Not differentiable: the result is cut off from the graph."""
    return _arg_extremum("argmin", input, dim, keepdim)


def one_hot(input: TensorLike, num_classes: int = -1) -> Tensor:
    """Class labels → one-hot rows (int64), as torch.nn.functional.one_hot: an input of shape
    S gives shape S + (num_classes,); num_classes=-1 means max label + 1."""
    y = as_numeric(input, "one_hot", "input")
    num_classes = check_int("one_hot", "num_classes", num_classes)
    if not np.issubdtype(y.dtype, np.integer):
        raise DTypeError(f"one_hot: labels must be integers, got dtype {y.dtype}")
    if y.size and y.min() < 0:
        raise BackpropError(f"one_hot: labels must be ≥ 0, got {int(y.min())}")
    if num_classes == -1:
        num_classes = int(y.max()) + 1 if y.size else 0
    if not isinstance(num_classes, (int, np.integer)) or num_classes < 0:
        raise BackpropError(f"one_hot: num_classes must be a non-negative int or -1, "
                            f"got {num_classes!r}")
    if y.size and y.max() >= num_classes:
        raise BackpropError(f"one_hot: label {int(y.max())} is out of range for "
                            f"num_classes={num_classes} (labels of shape {y.shape})")
    # the comparison's booleans and the int64 result: the result is the larger
    check_allocation("one_hot", "one-hot result", (*y.shape, num_classes), np.int64)
    out = np.zeros((*y.shape, num_classes), np.int64)
    np.put_along_axis(out, y[..., None].astype(np.intp), 1, axis=-1)
    return Tensor(out)
