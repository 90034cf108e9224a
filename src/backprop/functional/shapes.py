"""Window arithmetic shared by convolution, pooling, padding and the layers that export them.

Along one spatial axis of size n, with a kernel of size K, stride S, dilation D and padding
P_lo + P_hi, a window spans D(K−1) + 1 entries and there are
⌊(n + P_lo + P_hi − D(K−1) − 1) / S⌋ + 1 of them. The helpers here normalise the user's
int-or-tuple arguments, resolve string paddings, read windows through strided views and
refuse sizes that would exhaust memory, each with a message naming the op and the shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

import numpy as np

from ..engine import VJP, Array, Cotangents
from ..errors import ShapeError
# the window views are written once, beside the kernels that read them
from ..kernels.reference import offset_slices, windows
from ..limits import BudgetError, check_allocation

__all__ = ["Ints", "Pads", "Padding", "Size", "check_buffer", "drop_batch",
           "ntuple", "offset_slices", "output_sizes", "resolve_padding", "split_batch", "windows"]

Pads = tuple[tuple[int, int], ...]
Ints = tuple[int, ...]  # one int per spatial axis (kernel, stride, dilation, output sizes)
Size = Union[int, tuple[int, ...]]  # as the user gives one: the same for every axis, or one each
Padding = Union[str, int, tuple[Union[int, tuple[int, int]], ...]]
"""'valid', 'same' or 'full', one int for every side, or per axis an int or (before, after)."""


def _is_int(v: Any) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def ntuple(value: Any, n: int, what: str, op: str, minimum: int = 1) -> tuple[int, ...]:
    """An int or an n-sequence of ints as an n-tuple of ints ≥ ``minimum`` (1: positive);
    a sequence of one int stands for all n, as in torch (``padding=[1]`` of a 2-D pool)."""
    if _is_int(value):
        value = (int(value),) * n
    try:
        value = tuple(value)
    except TypeError:
        raise ShapeError(f"{op}: {what} must be an int or {n} ints, got {value!r}") from None
    if len(value) == 1 and n > 1:
        value = value * n
    if len(value) != n or not all(_is_int(v) for v in value):
        raise ShapeError(f"{op}: {what} must be an int or {n} ints, got {value!r}")
    if any(v < minimum for v in value):
        kind = "positive" if minimum == 1 else f"at least {minimum}"
        raise ShapeError(f"{op}: {what} must be {kind}, got {value!r}")
    return tuple(int(v) for v in value)


def resolve_padding(padding: Any, sizes: Sequence[int], kernel: Sequence[int],
                    stride: Sequence[int], dilation: Sequence[int], op: str,
                    mirror: bool = False) -> Pads:
    """Padding as ((lo, hi), …) per spatial axis.

    An int, one value per axis, or one (lo, hi) pair per axis; ``'valid'`` (none), ``'full'``
    (D(K−1) on both sides) or ``'same'``: ⌈n/S⌉ outputs (n at stride 1) with total padding
    D(K−1) at stride 1; when the total is odd the extra entry goes after the input (as torch
    and JAX). ``mirror`` puts it before instead: flipping the kernel for a true convolution
    mirrors the padding too.
    """
    nd = len(sizes)
    if isinstance(padding, str):
        mode = padding.lower()
        if mode == "valid":
            return ((0, 0),) * nd
        if mode == "full":
            return tuple((d * (k - 1),) * 2 for k, d in zip(kernel, dilation))
        if mode == "same":
            pads = []
            for n, k, s, d in zip(sizes, kernel, stride, dilation):
                out = -(-n // s)
                total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
                lo = total - total // 2 if mirror else total // 2
                pads.append((lo, total - lo))
            return tuple(pads)
        raise ShapeError(f"{op}: padding must be an int, a tuple, 'valid', 'same' or 'full', "
                         f"got {padding!r}")
    if _is_int(padding):
        padding = (int(padding),) * nd
    try:
        padding = tuple(padding)
    except TypeError:
        raise ShapeError(f"{op}: padding must be an int, a tuple or a string, got "
                         f"{padding!r}") from None
    if len(padding) != nd:
        raise ShapeError(f"{op}: padding must be an int or {nd} values, got {padding!r}")
    pads = []
    for p in padding:
        pair = (p, p) if _is_int(p) else tuple(p) if isinstance(p, (tuple, list)) else ()
        if len(pair) != 2 or not all(_is_int(v) for v in pair):
            raise ShapeError(f"{op}: padding must hold ints or (before, after) pairs of ints, "
                             f"got {padding!r}")
        if pair[0] < 0 or pair[1] < 0:
            raise ShapeError(f"{op}: padding must be non-negative, got {padding!r}")
        pads.append((int(pair[0]), int(pair[1])))
    return tuple(pads)


def output_sizes(op: str, shown: tuple[int, ...], spatial: Sequence[int], kernel: Sequence[int],
                 stride: Sequence[int], dilation: Sequence[int], pads: Pads) -> tuple[int, ...]:
    """Output size per spatial axis; a window larger than the padded input names the axis,
    the sizes and the input shape ``shown``."""
    names = ("height", "width") if len(spatial) == 2 else ("length",)
    out = []
    for name, n, k, s, d, (lo, hi) in zip(names, spatial, kernel, stride, dilation, pads):
        span = d * (k - 1) + 1
        if n == 0:  # padding alone would make windows of nothing but padding (as torch)
            raise ShapeError(f"{op}: the input is empty along its {name}; input shape {shown}")
        if span > n + lo + hi:
            raise ShapeError(
                f"{op}: the kernel ({k} with dilation {d}, spanning {span}) is larger than the "
                f"padded input along its {name} ({n} + padding {lo + hi} = {n + lo + hi}); "
                f"input shape {shown}")
        out.append((n + lo + hi - span) // s + 1)
    return tuple(out)


def check_buffer(op: str, what: str, shape: Sequence[int], shown: tuple[int, ...],
                 dtype: Any = np.float32) -> None:
    """Refuse, before allocating it, an intermediate array (padded input, im2col buffer,
    windows) beyond the memory budget (:func:`backprop.limits.check_allocation`), or with
    an axis that long even if another axis is empty (``shown``: the input shape, for the
    message)."""
    try:
        check_allocation(op, what, shape, dtype)
    except BudgetError as e:
        raise BudgetError(f"{e}; the input has shape {shown}: use a smaller batch, padding or "
                          f"output") from None


def split_batch(x: Array, nd: int, op: str) -> tuple[Array, bool]:
    """``x`` with a batch axis, and whether one was added: an input (C, *spatial) without a
    batch axis is treated as a batch of one, as torch does, and its result unbatched."""
    layout = {1: "(N, C, L) or (C, L)", 2: "(N, C, H, W) or (C, H, W)"}[nd]
    if x.ndim == nd + 2:
        return x, False
    if x.ndim == nd + 1:
        return x[None], True
    raise ShapeError(f"{op}: expected a {nd + 2}-D input {layout}, got shape {x.shape} "
                     f"({x.ndim}-D)")


def drop_batch(out: Array, vjp: VJP, added: bool) -> tuple[Array, VJP]:
    """Undo :func:`split_batch` on a rule's result: the output and x̄ (the VJP's first
    cotangent) lose the batch axis of one that was added; other cotangents are unchanged."""
    if not added:
        return out, vjp

    def unbatched_vjp(g: Array, needs: tuple[bool, ...]) -> Cotangents:
        gx, *rest = vjp(g[None], needs)
        return (None if gx is None else gx[0], *rest)

    return out[0], unbatched_vjp
