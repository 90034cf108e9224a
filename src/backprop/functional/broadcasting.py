"""The shape bookkeeping every rule shares, each written once: undoing broadcasting and
reductions, normalising axes, checking that shapes broadcast, keeping a cotangent's layout."""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, Sequence, Union

import numpy as np

from ..errors import BackpropError, ShapeError

if TYPE_CHECKING:  # the engine imports this module (through tensor_methods) while it loads
    from ..engine import Array

__all__ = ["unbroadcast", "normalize_axes", "normalize_permutation", "expand_reduced",
           "pick_axis", "broadcast_shapes", "in_layout_of", "Axes"]

Axes = Union[int, Sequence[int], None]
"""An ``axis``/``dim`` argument: one axis, several, or None for all (each checked here)."""


def unbroadcast(g: Array, shape: Sequence[int]) -> Array:
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


def _axis_order(a: Array) -> list[int]:
    """The axes of ``a`` from the slowest-varying in memory to the fastest (by stride)."""
    return sorted(range(a.ndim), key=lambda i: -abs(a.strides[i]))


def in_layout_of(like: object, g: Array) -> Array:
    """``g`` (the shape of ``like``) with the axis order in memory of ``like``: g itself when
    they already agree, else one copy. A cotangent handed back in its forward value's layout
    keeps the elementwise passes of the rules before it walking memory in order (the conv
    rules keep maps batch-last; a flatten's δ comes back batch-first)."""
    if not isinstance(like, np.ndarray) or like.ndim < 2 or \
            _axis_order(like) == _axis_order(g):
        return g
    out = np.empty_like(like, dtype=g.dtype)  # order="K": like's axis order
    np.copyto(out, g)
    return out


def _axis(op: str, name: str, a: Any, ndim: int) -> int:
    """One axis as a non-negative int. A 0-d input has one virtual axis, spelt 0 or −1
    (as in PyTorch); it maps to 0 here and the callers reduce over nothing."""
    try:
        k = operator.index(a)
    except TypeError:
        raise BackpropError(f"{op}: {name} must be an integer or a tuple of integers, "
                            f"got {a!r}") from None
    bound = max(ndim, 1)
    if not -bound <= k < bound:
        raise ShapeError(f"{op}: {name}={k} is out of range for an input with {ndim} "
                         f"dimension{'s' if ndim != 1 else ''} (valid: {-bound} to {bound - 1})")
    return k % bound


def normalize_axes(axis: Axes, ndim: int, op: str = "reduce", name: str = "axis",
                   single: bool = False) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple, negatives allowed) as sorted non-negative ints.

    None means every axis. For a 0-d input, axis 0 or −1 is accepted and gives ``()``: a
    reduction over the virtual axis of a scalar leaves it as it is, as in PyTorch. With
    ``single`` the argument must be one int (softmax's ``dim``). A repeated axis, an axis
    out of range or a non-integer raises a :class:`BackpropError` naming ``op`` and ``name``.
    """
    if axis is None and not single:
        return tuple(range(ndim))
    axes: Sequence[Any] = (axis,) if single or not isinstance(axis, (tuple, list)) else axis
    out = sorted(_axis(op, name, a, ndim) for a in axes)
    if len(set(out)) != len(out):
        raise ShapeError(f"{op}: {name}={tuple(axes)} names an axis twice (input of {ndim} "
                         f"dimension{'s' if ndim != 1 else ''})")
    return tuple(out) if ndim else ()


def normalize_permutation(axes: Any, ndim: int, op: str = "transpose") -> tuple[int, ...]:
    """A permutation of ``range(ndim)`` from ``axes`` (None reverses; negatives allowed).

    Normalised here, once, so that the VJP inverts the permutation that was applied."""
    if axes is None:
        return tuple(reversed(range(ndim)))
    if not isinstance(axes, (tuple, list)):
        axes = (axes,)
    perm = tuple(_axis(op, "axes", a, ndim) for a in axes) if ndim else tuple(axes)
    if sorted(perm) != list(range(ndim)):
        raise ShapeError(f"{op}: axes={tuple(axes)} is not a permutation of the {ndim} axes "
                         f"of an input of {ndim} dimension{'s' if ndim != 1 else ''}")
    return perm


def expand_reduced(g: Array, shape: Sequence[int], axis: Axes, keepdims: bool) -> Array:
    """Broadcast the cotangent of a reduction back over the reduced axes of ``shape``."""
    if not keepdims:
        for a in normalize_axes(axis, len(shape)):
            g = np.expand_dims(g, a)
    return np.broadcast_to(g, shape)


def pick_axis(dim: Axes, axis: Axes, default: int = -1, op: str = "") -> Axes:
    """Resolve PyTorch's ``dim`` and NumPy's ``axis`` spelling of the same argument."""
    if dim is not None and axis is not None and not (
            isinstance(dim, (int, tuple)) and isinstance(axis, (int, tuple)) and dim == axis):
        raise BackpropError(f"{op}: got dim={dim!r} and axis={axis!r}; give one of them")
    if dim is not None:
        return dim
    if axis is not None:
        return axis
    return default


def broadcast_shapes(op: str, **shapes: tuple[int, ...]) -> tuple[int, ...]:
    """The broadcast shape of the named argument shapes, or a :class:`ShapeError` naming
    every argument and its shape."""
    first, *rest = shapes.values()
    if all(s == first for s in rest):
        return tuple(first)
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        listed = ", ".join(f"{name} of shape {tuple(s)}" for name, s in shapes.items())
        raise ShapeError(f"{op}: cannot broadcast {listed} together") from None
