"""Rule 13 of the catalogue: basic array operations and their VJPs.

Each primitive is a forward on arrays returning ``(out, vjp)``; ``vjp(g, needs)`` returns
one cotangent per positional argument. Broadcasting is undone by
:func:`backprop.functional.broadcasting.unbroadcast` and nowhere else. These
operations become the arithmetic operators and methods of :class:`backprop.Tensor`
(attached in :mod:`backprop.tensor_methods`).
"""

from __future__ import annotations

import operator
import reprlib
from typing import Any, Callable, Sequence

import numpy as np

from ..engine import (VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, as_numeric,
                      primitive)
from ..errors import BackpropError, IndexingError, ShapeError
from .table import declare
from .broadcasting import (Axes, broadcast_shapes, expand_reduced, in_layout_of, normalize_axes,
                           normalize_permutation, unbroadcast)
from ..dtypes import as_float
from ..validate import check_flag, check_number

__all__ = [
    "add", "sub", "mul", "div", "neg", "power", "matmul", "exp", "log", "sqrt", "abs",
    "sum", "mean", "max", "min", "maximum", "minimum", "reshape", "transpose", "getitem",
    "concatenate", "stack", "where",
]


def _shape(a: Operand) -> tuple[int, ...]:
    """The engine passes arrays, or Python numbers (shape ())."""
    return a.shape if isinstance(a, np.ndarray) else ()


def _check_pair(op: str, a: Operand, b: Operand) -> None:
    """Shapes a and b must broadcast (checked in full only when they differ)."""
    sa, sb = _shape(a), _shape(b)
    if sa != sb and sa and sb:
        broadcast_shapes(op, a=sa, b=sb)


@declare(section="13", torch="torch.add", methods=("__add__", "__radd__"))
@primitive
def add(a: Operand, b: Operand, alpha: float = 1) -> tuple[Array, VJP]:
    """Elementwise sum with broadcasting; ``alpha`` scales b (as ``torch.add``).

    Forward:   y = a + α b
    VJP:       ā = unbroadcast(ȳ),  b̄ = α unbroadcast(ȳ)
    """
    _check_pair("add", a, b)
    alpha = check_number("add", "alpha", alpha)
    out = np.add(a, b) if alpha == 1 else np.add(a, b * alpha)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gb = None
        if needs[1]:
            gb = unbroadcast(g, _shape(b))
            gb = gb if alpha == 1 else gb * alpha
        return (unbroadcast(g, _shape(a)) if needs[0] else None, gb)

    return out, vjp


@declare(section="13", torch="torch.sub", methods=("__sub__", "__rsub__"))
@primitive
def sub(a: Operand, b: Operand, alpha: float = 1) -> tuple[Array, VJP]:
    """Elementwise difference with broadcasting; ``alpha`` scales b (as ``torch.sub``).

    Forward:   y = a − α b
    VJP:       ā = unbroadcast(ȳ),  b̄ = −α unbroadcast(ȳ)
    """
    _check_pair("sub", a, b)
    alpha = check_number("sub", "alpha", alpha)
    out = np.subtract(a, b) if alpha == 1 else np.subtract(a, b * alpha)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gb = None
        if needs[1]:
            gb = -unbroadcast(g, _shape(b))
            gb = gb if alpha == 1 else gb * alpha
        return (unbroadcast(g, _shape(a)) if needs[0] else None, gb)

    return out, vjp


@declare(section="13", torch="torch.mul", methods=("__mul__", "__rmul__"))
@primitive
def mul(a: Operand, b: Operand) -> tuple[Array, VJP]:
    """Elementwise product with broadcasting.

    Forward:   y = a ⊙ b
    VJP:       ā = unbroadcast(ȳ ⊙ b),  b̄ = unbroadcast(ȳ ⊙ a)
    """
    _check_pair("mul", a, b)
    out = np.multiply(a, b)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        return (unbroadcast(g * b, _shape(a)) if needs[0] else None,
                unbroadcast(g * a, _shape(b)) if needs[1] else None)

    return out, vjp


@declare(section="13", torch="torch.div", methods=("__truediv__", "__rtruediv__"))
@primitive
def div(a: Operand, b: Operand, rounding_mode: str | None = None) -> tuple[Array, VJP]:
    """Elementwise quotient with broadcasting; ``rounding_mode`` ``"floor"`` or ``"trunc"``
    rounds it down or toward zero, as ``torch.div``.

    Forward:   y = a / b;   floor: y = ⌊a / b⌋;   trunc: y = trunc(a / b)
    VJP:       ā = unbroadcast(ȳ / b),  b̄ = −unbroadcast(ȳ ⊙ a / b²) = −unbroadcast(ȳ ⊙ y / b)
               with a rounding mode: ā = 0, b̄ = 0 (the result is piecewise constant)
    Convention: division by zero gives ±inf or NaN, as in NumPy and PyTorch; integers
               divided by an integer 0 with a rounding mode are refused. At the jumps of a
               rounded quotient the derivative is taken as 0, as PyTorch.
    """
    _check_pair("div", a, b)
    if rounding_mode is not None:
        return _rounded_div(a, b, rounding_mode)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.divide(a, b)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        return (unbroadcast(g / b, _shape(a)) if needs[0] else None,
                unbroadcast(-g * out / b, _shape(b)) if needs[1] else None)

    return out, vjp


def _rounded_div(a: Operand, b: Operand, mode: str) -> tuple[Array, VJP]:
    """⌊a/b⌋ or trunc(a/b), as torch: floor is Python's ``//`` (exact, from the remainder),
    trunc rounds the true quotient; integers stay integers."""
    if mode not in ("floor", "trunc"):
        raise BackpropError(f"div: rounding_mode must be None, 'floor' or 'trunc', got "
                            f"{mode!r}")
    integral = np.result_type(a, b).kind in "iu"
    if integral and np.any(np.equal(b, 0)):
        raise BackpropError("div: integer division by zero (b holds 0)")
    with np.errstate(divide="ignore", invalid="ignore"):
        if mode == "floor":
            out = np.floor_divide(a, b)
        elif integral:  # toward zero: one less than floor where the signs differ, inexactly
            out = np.floor_divide(a, b)
            out = out + ((np.remainder(a, b) != 0) & (np.less(a, 0) != np.less(b, 0)))
        else:
            out = np.trunc(np.divide(a, b))

    def vjp(g: Array, needs: Needs) -> Cotangents:
        zero = np.zeros_like(g)
        return (unbroadcast(zero, _shape(a)) if needs[0] else None,
                unbroadcast(zero, _shape(b)) if needs[1] else None)

    return np.asarray(out), vjp


def _pairwise_extremum(op: str, pick: Callable[[Operand, Operand], Array], a: Operand,
                       b: Operand) -> tuple[Array, VJP]:
    """max or min of a and b entry by entry; ties share the gradient equally, as torch."""
    _check_pair(op, a, b)
    out = pick(a, b)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        tie = np.equal(a, b)
        share = np.where(tie, 0.5, 1.0)
        ga = gb = None
        if needs[0]:
            ga = unbroadcast(g * (np.equal(out, a) * share), _shape(a))
        if needs[1]:
            gb = unbroadcast(g * (np.equal(out, b) * share), _shape(b))
        return ga, gb

    return out, vjp


@declare(section="13", torch="torch.maximum", methods=("max",))
@primitive
def maximum(a: Operand, b: Operand) -> tuple[Array, VJP]:
    """The larger of a and b, entry by entry, with broadcasting (``x.max(other)``).

    Forward:   y = max(a, b)
    VJP:       ā = unbroadcast(ȳ ⊙ 1[a > b]),  b̄ = unbroadcast(ȳ ⊙ 1[b > a])
    Convention: where a = b each gets half of ȳ, as PyTorch.
    """
    return _pairwise_extremum("maximum", np.maximum, a, b)


@declare(section="13", torch="torch.minimum", methods=("min",))
@primitive
def minimum(a: Operand, b: Operand) -> tuple[Array, VJP]:
    """The smaller of a and b, entry by entry, with broadcasting (``x.min(other)``).

    Forward:   y = min(a, b)
    VJP:       ā = unbroadcast(ȳ ⊙ 1[a < b]),  b̄ = unbroadcast(ȳ ⊙ 1[b < a])
    Convention: where a = b each gets half of ȳ, as PyTorch.
    """
    return _pairwise_extremum("minimum", np.minimum, a, b)


@declare(section="13", elementwise=True, torch="torch.neg", methods=("__neg__",))
@primitive
def neg(a: Operand) -> tuple[Array, VJP]:
    """Negation.

    Forward:   y = −a
    VJP:       ā = −ȳ
    """
    return np.negative(a), lambda g, needs: (-g,)


@declare(section="13", torch="torch.pow", methods=("__pow__", "__rpow__"))
@primitive
def power(a: Operand, b: Operand) -> tuple[Array, VJP]:
    """Elementwise power with broadcasting.

    Forward:   y = a ** b
    VJP:       ā = unbroadcast(ȳ ⊙ b ⊙ a^(b−1)),  b̄ = unbroadcast(ȳ ⊙ y ⊙ ln a)
    Convention: where b = 0, ā = 0 (y = 1 is constant in a, even at a = 0, where b a^(b−1)
               would be 0 · ∞); where a = 0 and b ≥ 0, b̄ = 0 (y = 0 or 1 there). Elsewhere
               the formulas hold as they stand, as PyTorch's: at a = 0, b < 0 they give ±inf
               and b̄ = −inf, for a < 0, b̄ = NaN (ln a is not real).
               Integers to negative integer powers are refused, as in NumPy and PyTorch.
    """
    _check_pair("power", a, b)
    if (np.asarray(a).dtype.kind in "iu" and np.asarray(b).dtype.kind in "iu"
            and np.any(np.asarray(b) < 0)):
        raise BackpropError(f"power: integer base (shape {_shape(a)}) to a negative integer "
                            f"exponent b (shape {_shape(b)}); make one of them floating point")
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.power(a, b)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        ga = gb = None
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            if needs[0]:
                ga = unbroadcast(np.where(np.equal(b, 0), 0, g * b * np.power(a, b - 1)),
                                 _shape(a))
            if needs[1]:
                constant = np.equal(a, 0) & np.greater_equal(b, 0)
                gb = unbroadcast(np.where(constant, 0, g * out * np.log(a)), _shape(b))
        return ga, gb

    return out, vjp


def _matmul_grads(a: Array, b: Array, g: Array, needs: Needs) -> Cotangents:
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


@declare(section="13", python=("matmul", "dot"), torch="torch.matmul",
         methods=("__matmul__", "__rmatmul__"))
@primitive
def matmul(a: Operand, b: Operand) -> tuple[Array, VJP]:
    """Matrix product (NumPy's ``@``, with 1-D promotion and batch broadcasting).

    Forward:   Y = A B
    VJP:       Ā = Ȳ Bᵀ,  B̄ = Aᵀ Ȳ   (batch axes summed back where A or B was broadcast)
    """
    sa, sb = _shape(a), _shape(b)
    if not sa or not sb:
        raise ShapeError(f"matmul: both arguments need at least one dimension; got a of shape "
                         f"{sa} and b of shape {sb}")
    assert isinstance(a, np.ndarray) and isinstance(b, np.ndarray)  # a number's shape is ()
    inner_b = sb[0] if len(sb) == 1 else sb[-2]
    if sa[-1] != inner_b:
        raise ShapeError(f"matmul: a of shape {sa} has {sa[-1]} columns but b of shape {sb} "
                         f"has {inner_b} rows")
    if len(sa) > 2 and len(sb) > 2:
        broadcast_shapes("matmul (batch axes)", a=sa[:-2], b=sb[:-2])
    out = np.matmul(a, b)
    return out, lambda g, needs: _matmul_grads(a, b, g, needs)


@declare(section="13", latex=(r"\exp", "exp"), elementwise=True, torch="torch.exp",
         methods=("exp",))
@primitive
def exp(a: Operand) -> tuple[Array, VJP]:
    """Elementwise exponential.

    Forward:   y = eˣ
    VJP:       x̄ = ȳ ⊙ y   (from the saved output)
    """
    with np.errstate(over="ignore"):
        out = np.exp(as_float(a))
    return out, lambda g, needs: (g * out,)


@declare(section="13", latex=(r"\log", r"\ln", "log", "ln"), elementwise=True, torch="torch.log",
         methods=("log",))
@primitive
def log(a: Operand) -> tuple[Array, VJP]:
    """Elementwise natural logarithm.

    Forward:   y = ln x
    VJP:       x̄ = ȳ / x
    Convention: ln 0 = −inf and its gradient is inf, as in NumPy; work on logits instead.
               ln of a negative number is NaN.
    """
    a = as_float(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.log(a)
    return out, lambda g, needs: (g / a,)


@declare(section="13", elementwise=True, torch="torch.sqrt", methods=("sqrt",))
@primitive
def sqrt(a: Operand) -> tuple[Array, VJP]:
    """Elementwise square root.

    Forward:   y = √x
    VJP:       x̄ = ȳ / (2y)   (from the saved output)
    Convention: √ of a negative number is NaN; at 0 the gradient is inf.
    """
    with np.errstate(invalid="ignore"):
        out = np.sqrt(as_float(a))
    return out, lambda g, needs: (g / (2 * out),)


@declare(section="13", elementwise=True, torch="torch.abs", methods=("abs", "__abs__"))
@primitive
def abs(a: Operand) -> tuple[Array, VJP]:
    """Elementwise absolute value.

    Forward:   y = |x|
    VJP:       x̄ = ȳ ⊙ sign(x)
    Convention: the derivative at x = 0 is taken as 0 (sign(0) = 0), as PyTorch and JAX.
    """
    return np.abs(a), lambda g, needs: (g * np.sign(a),)


@declare(section="13", torch="torch.sum", methods=("sum",))
@primitive
def sum(a: Operand, axis: Axes = None, keepdims: bool = False) -> tuple[Array, VJP]:
    """Sum over ``axis`` (all axes by default; negative axes count from the end).

    Forward:   y = Σᵢ xᵢ
    VJP:       x̄ = ȳ broadcast back over the summed axes
    Convention: a 0-d input has one axis, 0 or −1, over which the sum is the input itself
               (as PyTorch); the sum over a size-0 axis is 0.
    """
    axes = normalize_axes(axis, np.ndim(a), "sum")
    keepdims = check_flag("sum", "keepdims", keepdims)
    out = np.sum(a, axis=axes, keepdims=keepdims)
    return out, lambda g, needs: (expand_reduced(g, _shape(a), axes, keepdims),)


@declare(section="13", torch="torch.mean", methods=("mean",))
@primitive
def mean(a: Operand, axis: Axes = None, keepdims: bool = False) -> tuple[Array, VJP]:
    """Mean over ``axis`` (all axes by default; negative axes count from the end).

    Forward:   y = (1/n) Σᵢ xᵢ
    VJP:       x̄ = ȳ / n broadcast back over the reduced axes
    Convention: a 0-d input has one axis, 0 or −1 (as PyTorch); the mean over a size-0 axis
               is NaN, as in NumPy and PyTorch. Integer inputs give float64.
    """
    shape = _shape(a)
    axes = normalize_axes(axis, len(shape), "mean")
    keepdims = check_flag("mean", "keepdims", keepdims)
    n = int(np.prod([shape[i] for i in axes]))
    with np.errstate(invalid="ignore"):  # 0/0 over a size-0 axis is the NaN we want
        out = np.sum(as_float(a), axis=axes, keepdims=keepdims) / n

    def vjp(g: Array, needs: Needs) -> Cotangents:
        # n = 0 only when x is empty: its cotangent is empty too.
        return (expand_reduced(g / n if n else g, shape, axes, keepdims),)

    return out, vjp


def _extremum(op: str, reduce: Callable[..., Any], a: Operand, axis: Axes,
              keepdims: bool) -> tuple[Array, VJP]:
    """Forward and VJP of max and min: the gradient goes to the entries equal to the result,
    shared equally between ties."""
    a = np.asarray(a)
    axes = normalize_axes(axis, a.ndim, op)
    keepdims = check_flag(op, "keepdims", keepdims)
    if any(a.shape[i] == 0 for i in axes):
        raise ShapeError(f"{op}: cannot reduce over a size-0 axis: input of shape {a.shape}, "
                         f"axis={axis} (the {op} of nothing is undefined)")
    out = reduce(a, axis=axes, keepdims=keepdims)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        full = expand_reduced(out, a.shape, axes, keepdims)
        mask = (a == full)
        count = np.sum(mask, axis=axes, keepdims=True)
        share = expand_reduced(g, a.shape, axes, keepdims) / expand_reduced(
            count, a.shape, axes, True)
        return (np.where(mask, share, 0).astype(a.dtype, copy=False),)

    return out, vjp


@declare(section="13", latex=(r"\max", "max"), python=("max", "amax"), torch="torch.amax",
         methods=("max",))
@primitive
def max(a: Operand, axis: Axes = None, keepdims: bool = False) -> tuple[Array, VJP]:
    """Maximum over ``axis`` (all axes by default; negative axes count from the end).

    Forward:   y = maxᵢ xᵢ
    VJP:       x̄ᵢ = ȳ / k for the k entries equal to the maximum, 0 elsewhere
    Convention: ties share the gradient equally (as torch.amax and jax.numpy.max). A 0-d
               input has one axis, 0 or −1; the max over a size-0 axis is refused.
    """
    return _extremum("max", np.max, a, axis, keepdims)


@declare(section="13", latex=(r"\min", "min"), python=("min", "amin"), torch="torch.amin",
         methods=("min",))
@primitive
def min(a: Operand, axis: Axes = None, keepdims: bool = False) -> tuple[Array, VJP]:
    """Minimum over ``axis`` (all axes by default; negative axes count from the end).

    Forward:   y = minᵢ xᵢ
    VJP:       x̄ᵢ = ȳ / k for the k entries equal to the minimum, 0 elsewhere
    Convention: ties share the gradient equally (as torch.amin and jax.numpy.min). A 0-d
               input has one axis, 0 or −1; the min over a size-0 axis is refused.
    """
    return _extremum("min", np.min, a, axis, keepdims)


def _check_reshape(in_shape: tuple[int, ...], shape: Any) -> None:
    dims = shape if isinstance(shape, (tuple, list)) else (shape,)
    try:
        if any(isinstance(d, (bool, np.bool_)) for d in dims):
            raise TypeError
        dims = [operator.index(d) for d in dims]
    except TypeError:
        raise BackpropError(f"reshape: shape must hold integers, got {shape!r}") from None
    size = int(np.prod(in_shape))
    known = int(np.prod([d for d in dims if d != -1]))
    bad = [d for d in dims if d < -1]
    if bad or dims.count(-1) > 1 or (
            size != known if -1 not in dims else (known == 0 or size % known)):
        raise ShapeError(f"reshape: cannot reshape an input of shape {in_shape} ({size} "
                         f"entries) into shape {tuple(dims)}")


@declare(section="13", torch="torch.reshape", methods=("reshape", "view", "unsqueeze", "squeeze"))
@primitive
def reshape(a: Operand, shape: int | Sequence[int] = ()) -> tuple[Array, VJP]:
    """Reshape (no data moved when possible).

    Forward:   y = x viewed with a new shape
    VJP:       x̄ = ȳ reshaped back to the shape of x
    """
    in_shape = _shape(a)
    _check_reshape(in_shape, shape)
    # x̄ in x's memory layout (a flatten of a batch-last conv map gets its δ batch-last)
    return np.reshape(a, shape), lambda g, needs: (in_layout_of(a, np.reshape(g, in_shape)),)


@declare(section="13", torch="torch.permute", methods=("transpose", "permute"))
@primitive
def transpose(a: Operand, axes: Sequence[int] | None = None) -> tuple[Array, VJP]:
    """Permute axes (reverse them by default; negative axes count from the end).

    Forward:   y = xᵀ (axes permuted by p)
    VJP:       x̄ = ȳ permuted by the inverse permutation p⁻¹
    Convention: p is normalised to non-negative axes before it is inverted.
    """
    perm = normalize_permutation(axes, np.ndim(a))
    out = np.transpose(a, perm)
    inverse = tuple(np.argsort(perm))
    return out, lambda g, needs: (np.transpose(g, inverse),)


def _plain_index(index: Any) -> Any:
    """The index as NumPy reads it: Tensors (a boolean mask, integer positions) become their
    arrays, inside a tuple or a list too."""
    if isinstance(index, Tensor):
        return index.data
    if isinstance(index, tuple):
        return tuple(_plain_index(i) for i in index)
    if isinstance(index, list) and any(isinstance(i, Tensor) for i in index):
        return [_plain_index(i) for i in index]
    return index


def _is_basic(index: Any) -> bool:
    """Integers, slices, None and ... only: each entry of x is picked at most once."""
    parts = index if isinstance(index, tuple) else (index,)
    return all(p is None or p is Ellipsis or isinstance(p, slice)
               or (isinstance(p, (int, np.integer)) and not isinstance(p, (bool, np.bool_)))
               for p in parts)


@primitive(name="getitem")
def _getitem(a: Operand, index: Any = ()) -> tuple[Array, VJP]:
    a = np.asarray(a)
    try:
        out = a[index]
    except IndexError as e:
        raise IndexingError(f"getitem: index {reprlib.repr(index)} does not fit an input of shape "
                            f"{a.shape}: {e}") from None

    def vjp(g: Array, needs: Needs) -> Cotangents:
        ga = np.zeros_like(a)
        if _is_basic(index):  # a view: every entry picked once
            ga[index] = g
        else:
            np.add.at(ga, index, g)
        return (ga,)

    return out, vjp


@declare(section="13", python=(), methods=("__getitem__",))
def getitem(input: TensorLike, index: Any = ()) -> Tensor:
    """Indexing and slicing, basic or advanced (``x[index]``): integers, slices, ``None``,
    ``...``, integer arrays and boolean masks (arrays, lists or Tensors), as NumPy and
    PyTorch read them.

    Forward:   y = x[index]
    VJP:       x̄ = zeros like x with ȳ scatter-added at index (repeated indices accumulate)
    Convention: an index is never differentiated (positions and masks are constants).
    """
    return _getitem(input, index=_plain_index(index))


def _check_joined(op: str, arrays: tuple[Operand, ...], axis: int, new_axis: bool) -> int:
    """The normalised axis of concatenate/stack, after checking the shapes agree."""
    if not arrays:
        raise BackpropError(f"{op}: give at least one tensor")
    shapes = [_shape(x) for x in arrays]
    ndim = len(shapes[0])
    if not new_axis and ndim == 0:
        raise ShapeError(f"{op}: 0-d tensors have no axis to join along (shapes {shapes})")
    k = normalize_axes(axis, ndim + new_axis, op, single=True)[0]
    rest = [s[:k] + s[k + 1:] if not new_axis else s for s in shapes]
    if any(len(s) != ndim for s in shapes) or any(r != rest[0] for r in rest):
        need = "the same shape" if new_axis else f"the same shape except along axis {axis}"
        raise ShapeError(f"{op}: tensors must have {need}; got shapes {shapes}")
    return k


@primitive(name="concatenate")
def _concatenate(*arrays: Operand, axis: int = 0) -> tuple[Array, VJP]:
    k = _check_joined("concatenate", arrays, axis, new_axis=False)
    out = np.concatenate(arrays, axis=k)
    ends = np.cumsum([np.shape(x)[k] for x in arrays])[:-1]

    def vjp(g: Array, needs: Needs) -> Cotangents:
        return tuple(np.split(g, ends, axis=k))

    return out, vjp


@declare(section="13", torch="torch.cat")
def concatenate(arrays: Sequence[TensorLike], axis: int = 0) -> Tensor:
    """Join tensors along an existing axis.

    Forward:   y = [x₁, x₂, …] along axis
    VJP:       x̄ₖ = the slice of ȳ that xₖ occupies
    Convention: an empty 1-D tensor (shape (0,)) among tensors of more dimensions is left
               out, as torch.cat does (it has nothing to add, and no other shape to fit).
    """
    arrays = list(arrays)
    kept = [x for x in arrays if _shape_of(x) != (0,)]
    if kept and len(kept) < len(arrays) and any(len(_shape_of(x) or ()) > 1 for x in kept):
        arrays = kept
    return _concatenate(*arrays, axis=axis)


def _shape_of(x: Any) -> tuple[int, ...] | None:
    """The shape of an argument of concatenate, or None when it has none (a ragged list:
    the rule refuses it, naming it)."""
    if isinstance(x, (Tensor, np.ndarray)):
        return tuple(x.shape)
    try:
        return tuple(int(n) for n in np.shape(x))
    except ValueError:
        return None


@primitive(name="stack")
def _stack(*arrays: Operand, axis: int = 0) -> tuple[Array, VJP]:
    k = _check_joined("stack", arrays, axis, new_axis=True)
    out = np.stack(arrays, axis=k)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        return tuple(np.moveaxis(g, k, 0))

    return out, vjp


@declare(section="13", torch="torch.stack")
def stack(arrays: Sequence[TensorLike], axis: int = 0) -> Tensor:
    """Join tensors along a new axis.

    Forward:   y[…, k, …] = xₖ
    VJP:       x̄ₖ = ȳ[…, k, …]
    """
    return _stack(*arrays, axis=axis)


@primitive(name="where")
def _where(a: Operand, b: Operand, condition: Array) -> tuple[Array, VJP]:
    broadcast_shapes("where", condition=np.shape(condition), a=_shape(a), b=_shape(b))
    out = np.where(condition, a, b)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        return (unbroadcast(np.where(condition, g, 0), _shape(a)) if needs[0] else None,
                unbroadcast(np.where(condition, 0, g), _shape(b)) if needs[1] else None)

    return out, vjp


@declare(section="13", torch="torch.where")
def where(condition: TensorLike, a: TensorLike, b: TensorLike) -> Tensor:
    """Select from ``a`` where ``condition`` holds, else from ``b``.

    Forward:   y = a where c else b
    VJP:       ā = ȳ where c else 0,  b̄ = 0 where c else ȳ   (c is a constant)
    """
    return _where(a, b, condition=as_numeric(condition, "where", "condition").astype(bool))
