"""Rule 13 of the catalogue: basic array operations and their VJPs.

Each primitive is a forward on arrays returning ``(out, vjp)``; ``vjp(g, needs)`` returns
one cotangent per positional argument. Broadcasting is undone by
:func:`backprop.functional._util.unbroadcast` and nowhere else. These
operations become the arithmetic operators and methods of :class:`backprop.Tensor`
(attached in :mod:`backprop.tensor_methods`).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..engine import Tensor, primitive
from ._util import expand_reduced, normalize_axes, unbroadcast

__all__ = [
    "add", "sub", "mul", "div", "neg", "power", "matmul", "exp", "log", "sqrt", "abs",
    "sum", "mean", "max", "min", "reshape", "transpose", "getitem", "concatenate", "stack",
    "where",
]

_builtin_sum = sum
_builtin_max = max
_builtin_abs = abs


def _shape(a: Any) -> tuple[int, ...]:
    return np.shape(a)


@primitive
def add(a, b):
    """Elementwise sum with broadcasting.

    Forward:   y = a + b
    VJP:       ā = unbroadcast(ȳ),  b̄ = unbroadcast(ȳ)
    """
    out = np.add(a, b)

    def vjp(g, needs):
        return (unbroadcast(g, _shape(a)) if needs[0] else None,
                unbroadcast(g, _shape(b)) if needs[1] else None)

    return out, vjp


@primitive
def sub(a, b):
    """Elementwise difference with broadcasting.

    Forward:   y = a − b
    VJP:       ā = unbroadcast(ȳ),  b̄ = −unbroadcast(ȳ)
    """
    out = np.subtract(a, b)

    def vjp(g, needs):
        return (unbroadcast(g, _shape(a)) if needs[0] else None,
                -unbroadcast(g, _shape(b)) if needs[1] else None)

    return out, vjp


@primitive
def mul(a, b):
    """Elementwise product with broadcasting.

    Forward:   y = a ⊙ b
    VJP:       ā = unbroadcast(ȳ ⊙ b),  b̄ = unbroadcast(ȳ ⊙ a)
    """
    out = np.multiply(a, b)

    def vjp(g, needs):
        return (unbroadcast(g * b, _shape(a)) if needs[0] else None,
                unbroadcast(g * a, _shape(b)) if needs[1] else None)

    return out, vjp


@primitive
def div(a, b):
    """Elementwise quotient with broadcasting.

    Forward:   y = a / b
    VJP:       ā = unbroadcast(ȳ / b),  b̄ = −unbroadcast(ȳ ⊙ a / b²) = −unbroadcast(ȳ ⊙ y / b)
    """
    out = np.divide(a, b)

    def vjp(g, needs):
        return (unbroadcast(g / b, _shape(a)) if needs[0] else None,
                unbroadcast(-g * out / b, _shape(b)) if needs[1] else None)

    return out, vjp


@primitive
def neg(a):
    """Negation.

    Forward:   y = −a
    VJP:       ā = −ȳ
    """
    return np.negative(a), lambda g, needs: (-g,)


@primitive
def power(a, b):
    """Elementwise power with broadcasting.

    Forward:   y = a ** b
    VJP:       ā = unbroadcast(ȳ ⊙ b ⊙ a^(b−1)),  b̄ = unbroadcast(ȳ ⊙ y ⊙ ln a)
    Convention: b̄ is defined only for a > 0; where a = 0 (and y = 0) it is taken as 0.
    """
    out = np.power(a, b)

    def vjp(g, needs):
        ga = gb = None
        if needs[0]:
            ga = unbroadcast(g * b * np.power(a, b - 1), _shape(a))
        if needs[1]:
            with np.errstate(divide="ignore", invalid="ignore"):
                logs = np.where(a > 0, np.log(np.where(a > 0, a, 1)), 0)
            gb = unbroadcast(g * out * logs, _shape(b))
        return ga, gb

    return out, vjp


def _matmul_grads(a, b, g, needs):
    a_vec, b_vec = np.ndim(a) == 1, np.ndim(b) == 1
    if a_vec and b_vec:  # inner product: the cotangent is a scalar
        return (g * b if needs[0] else None, g * a if needs[1] else None)
    a2 = a[None, :] if a_vec else a
    b2 = b[:, None] if b_vec else b
    g2 = g
    if a_vec:
        g2 = np.expand_dims(g2, -2)
    if b_vec:
        g2 = np.expand_dims(g2, -1)
    ga = gb = None
    if needs[0]:
        ga = g2 @ np.swapaxes(b2, -1, -2)
        ga = unbroadcast(ga, a2.shape)
        ga = ga.reshape(np.shape(a))
    if needs[1]:
        gb = np.swapaxes(a2, -1, -2) @ g2
        gb = unbroadcast(gb, b2.shape)
        gb = gb.reshape(np.shape(b))
    return ga, gb


@primitive
def matmul(a, b):
    """Matrix product (NumPy's ``@``, with 1-D promotion and batch broadcasting).

    Forward:   Y = A B
    VJP:       Ā = Ȳ Bᵀ,  B̄ = Aᵀ Ȳ   (batch axes summed back where A or B was broadcast)
    """
    out = np.matmul(a, b)
    return out, lambda g, needs: _matmul_grads(a, b, g, needs)


@primitive
def exp(a):
    """Elementwise exponential.

    Forward:   y = eˣ
    VJP:       x̄ = ȳ ⊙ y   (from the saved output)
    """
    out = np.exp(a)
    return out, lambda g, needs: (g * out,)


@primitive
def log(a):
    """Elementwise natural logarithm.

    Forward:   y = ln x
    VJP:       x̄ = ȳ / x
    Convention: ln 0 = −inf and its gradient is inf, as in NumPy; work on logits instead.
    """
    with np.errstate(divide="ignore"):
        out = np.log(a)
    return out, lambda g, needs: (g / a,)


@primitive
def sqrt(a):
    """Elementwise square root.

    Forward:   y = √x
    VJP:       x̄ = ȳ / (2y)   (from the saved output)
    """
    out = np.sqrt(a)
    return out, lambda g, needs: (g / (2 * out),)


@primitive
def abs(a):
    """Elementwise absolute value.

    Forward:   y = |x|
    VJP:       x̄ = ȳ ⊙ sign(x)
    Convention: the derivative at x = 0 is taken as 0 (sign(0) = 0), as PyTorch and JAX.
    """
    return np.abs(a), lambda g, needs: (g * np.sign(a),)


@primitive
def sum(a, axis=None, keepdims=False):
    """Sum over ``axis`` (all axes by default).

    Forward:   y = Σᵢ xᵢ
    VJP:       x̄ = ȳ broadcast back over the summed axes
    """
    out = np.sum(a, axis=axis, keepdims=keepdims)
    return out, lambda g, needs: (expand_reduced(g, _shape(a), axis, keepdims),)


@primitive
def mean(a, axis=None, keepdims=False):
    """Mean over ``axis`` (all axes by default).

    Forward:   y = (1/n) Σᵢ xᵢ
    VJP:       x̄ = ȳ / n broadcast back over the reduced axes
    """
    out = np.mean(a, axis=axis, keepdims=keepdims)
    shape = _shape(a)
    n = int(np.prod([shape[i] for i in normalize_axes(axis, len(shape))]))

    def vjp(g, needs):
        return (expand_reduced(g / n, shape, axis, keepdims),)

    return out, vjp


def _extremum_vjp(a, out, axis, keepdims):
    def vjp(g, needs):
        full = expand_reduced(out, a.shape, axis, keepdims)
        mask = (a == full)
        count = np.sum(mask, axis=axis, keepdims=True)
        share = expand_reduced(g, a.shape, axis, keepdims) / expand_reduced(
            count, a.shape, axis, True)
        return (np.where(mask, share, 0).astype(a.dtype, copy=False),)

    return vjp


@primitive
def max(a, axis=None, keepdims=False):
    """Maximum over ``axis`` (all axes by default).

    Forward:   y = maxᵢ xᵢ
    VJP:       x̄ᵢ = ȳ / k for the k entries equal to the maximum, 0 elsewhere
    Convention: ties share the gradient equally (as torch.amax and jax.numpy.max).
    """
    a = np.asarray(a)
    out = np.max(a, axis=axis, keepdims=keepdims)
    return out, _extremum_vjp(a, out, axis, keepdims)


@primitive
def min(a, axis=None, keepdims=False):
    """Minimum over ``axis`` (all axes by default).

    Forward:   y = minᵢ xᵢ
    VJP:       x̄ᵢ = ȳ / k for the k entries equal to the minimum, 0 elsewhere
    Convention: ties share the gradient equally (as torch.amin and jax.numpy.min).
    """
    a = np.asarray(a)
    out = np.min(a, axis=axis, keepdims=keepdims)
    return out, _extremum_vjp(a, out, axis, keepdims)


@primitive
def reshape(a, shape=()):
    """Reshape (no data moved when possible).

    Forward:   y = x viewed with a new shape
    VJP:       x̄ = ȳ reshaped back to the shape of x
    """
    in_shape = _shape(a)
    return np.reshape(a, shape), lambda g, needs: (np.reshape(g, in_shape),)


@primitive
def transpose(a, axes=None):
    """Permute axes (reverse them by default).

    Forward:   y = xᵀ (axes permuted by p)
    VJP:       x̄ = ȳ permuted by the inverse permutation p⁻¹
    """
    out = np.transpose(a, axes)
    inverse = None if axes is None else tuple(np.argsort(axes))
    return out, lambda g, needs: (np.transpose(g, inverse),)


@primitive
def getitem(a, index=()):
    """Indexing and slicing, basic or advanced (``x[index]``).

    Forward:   y = x[index]
    VJP:       x̄ = zeros like x with ȳ scatter-added at index (repeated indices accumulate)
    """
    a = np.asarray(a)
    out = a[index]

    def vjp(g, needs):
        ga = np.zeros_like(a)
        np.add.at(ga, index, g)
        return (ga,)

    return out, vjp


@primitive(name="concatenate")
def _concatenate(*arrays, axis=0):
    out = np.concatenate(arrays, axis=axis)
    ends = np.cumsum([np.shape(x)[axis] for x in arrays])[:-1]

    def vjp(g, needs):
        return tuple(np.split(g, ends, axis=axis))

    return out, vjp


def concatenate(arrays: Sequence[Any], axis: int = 0) -> Tensor:
    """Join tensors along an existing axis.

    Forward:   y = [x₁, x₂, …] along axis
    VJP:       x̄ₖ = the slice of ȳ that xₖ occupies
    """
    return _concatenate(*arrays, axis=axis)


@primitive(name="stack")
def _stack(*arrays, axis=0):
    out = np.stack(arrays, axis=axis)

    def vjp(g, needs):
        return tuple(np.moveaxis(g, axis, 0))

    return out, vjp


def stack(arrays: Sequence[Any], axis: int = 0) -> Tensor:
    """Join tensors along a new axis.

    Forward:   y[…, k, …] = xₖ
    VJP:       x̄ₖ = ȳ[…, k, …]
    """
    return _stack(*arrays, axis=axis)


@primitive(name="where")
def _where(a, b, condition=None):
    out = np.where(condition, a, b)

    def vjp(g, needs):
        return (unbroadcast(np.where(condition, g, 0), _shape(a)) if needs[0] else None,
                unbroadcast(np.where(condition, 0, g), _shape(b)) if needs[1] else None)

    return out, vjp


def where(condition: Any, a: Any, b: Any) -> Tensor:
    """Select from ``a`` where ``condition`` holds, else from ``b``.

    Forward:   y = a where c else b
    VJP:       ā = ȳ where c else 0,  b̄ = 0 where c else ȳ   (c is a constant)
    """
    cond = condition.data if isinstance(condition, Tensor) else np.asarray(condition)
    return _where(a, b, condition=cond)
