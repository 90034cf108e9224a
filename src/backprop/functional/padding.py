"""Padding of the last axes (torch's F.pad): constant, reflect, replicate and circular.

Every mode is one gather: along each padded axis, entry i of the output copies entry
src(i) of the input (or is the constant). The VJP is the matching scatter: every output
entry's cotangent is added back to the entry it copied, so an input entry that was copied
into the padding collects the cotangents of all its copies ("folding" the padding back).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .table import declare
from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from .shapes import check_buffer

__all__ = ["pad"]

MODES = ("constant", "reflect", "replicate", "circular")


def source_index(n: int, lo: int, hi: int, mode: str) -> Array:
    """src(i) for the n + lo + hi entries of one padded axis (−1: the constant).

    With j = i − lo: reflect j ↦ |j| mirrored at both ends without repeating the edge
    (… x₂ x₁ | x₀ x₁ … x_{n−1} | x_{n−2} …), replicate j ↦ clip(j, 0, n−1), circular
    j ↦ j mod n, constant j ↦ j inside the input and −1 outside.
    """
    j = np.arange(-lo, n + hi)
    if mode == "reflect":
        j = np.abs(j)
        return np.where(j > n - 1, 2 * (n - 1) - j, j)
    if mode == "replicate":
        return np.clip(j, 0, n - 1)
    if mode == "circular":
        return j % n
    return np.where((j >= 0) & (j < n), j, -1)


def _pairs(pad: Any, shape: tuple[int, ...], mode: str) -> list[tuple[int, int, int, int]]:
    """torch's flat pad tuple (last axis first) as (axis, lo, hi, crop), validated for ``mode``.

    A negative side crops, as torch: the axis is first cut to ``shape[axis] + min(lo, 0) +
    min(hi, 0)`` entries from ``crop`` on, then padded by the positive sides from what is
    left (so reflect and circular padding read the cropped axis). Replicate keeps lo and hi
    signed (crop 0): its entry i is the input's clip(i − lo, 0, n − 1) whatever the signs,
    which is torch's result even where cropping alone would leave nothing to replicate."""
    try:
        pad = tuple(pad)
    except TypeError:
        raise ShapeError(f"pad: pad must be a tuple of ints, got {pad!r}") from None
    if len(pad) % 2 or not all(isinstance(p, (int, np.integer)) and not isinstance(p, bool)
                               for p in pad):
        raise ShapeError(f"pad: pad must hold an even number of ints (before, after for the "
                         f"last axis, then the one before it, …), got {pad!r}")
    if len(pad) // 2 > len(shape):
        raise ShapeError(f"pad: pad {pad} pads {len(pad) // 2} axes but the input has shape "
                         f"{shape}")
    if mode not in MODES:
        raise ShapeError(f"pad: mode must be one of {', '.join(MODES)}, got {mode!r}")
    out = []
    for i in range(len(pad) // 2):
        axis, lo, hi = len(shape) - 1 - i, int(pad[2 * i]), int(pad[2 * i + 1])
        n = shape[axis] + min(lo, 0) + min(hi, 0)  # what is left after cropping
        if mode == "replicate":  # clamped indices of the whole axis, as torch: no crop first
            if shape[axis] + lo + hi <= 0 and (lo < 0 or hi < 0):
                raise ShapeError(f"pad: replicate padding {pad} leaves nothing of axis {axis} "
                                 f"of the input of shape {shape} (torch refuses it too)")
            if shape[axis] == 0 and max(lo, hi) > 0:
                raise ShapeError(f"pad: replicate padding of the empty axis {axis} of the "
                                 f"input of shape {shape}")
            out.append((axis, lo, hi, 0))
            continue
        lo, hi, crop = max(lo, 0), max(hi, 0), max(-lo, 0)
        if n < 0:
            raise ShapeError(f"pad: cropping ({pad[2 * i]}, {pad[2 * i + 1]}) removes more "
                             f"than the {shape[axis]} entries of axis {axis} of the input of "
                             f"shape {shape}")
        if mode != "constant" and n < shape[axis] and n + lo + hi == 0:
            raise ShapeError(f"pad: {mode} padding {pad} crops axis {axis} of the input of "
                             f"shape {shape} to nothing (torch refuses it too)")
        if mode == "reflect" and max(lo, hi) >= n:
            raise ShapeError(f"pad: reflect padding ({lo}, {hi}) must be smaller than the "
                             f"size {n} of axis {axis} of the input of shape {shape}")
        if mode in ("replicate", "circular") and max(lo, hi) > 0 and n == 0:
            raise ShapeError(f"pad: {mode} padding of the empty axis {axis} of the input of "
                             f"shape {shape}")
        if mode == "circular" and max(lo, hi) > n:
            raise ShapeError(f"pad: circular padding ({lo}, {hi}) must be at most the size "
                             f"{n} of axis {axis} of the input of shape {shape}")
        out.append((axis, lo, hi, crop))
    return out


@primitive(name="pad")
def _pad_rule(x: Operand, pad: Any = (), mode: str = "constant",
              value: float = 0.0) -> tuple[Array, VJP]:
    x = np.asarray(x)
    pairs = _pairs(pad, x.shape, mode)
    replicate = mode == "replicate"  # its lo and hi keep their signs (see _pairs)
    kept = {axis: x.shape[axis] if replicate else
            x.shape[axis] + min(int(pad[2 * i]), 0) + min(int(pad[2 * i + 1]), 0)
            for i, (axis, *_) in enumerate(pairs)}
    shape = list(x.shape)
    for axis, lo, hi, _ in pairs:
        shape[axis] = kept[axis] + lo + hi
    check_buffer("pad", "padded output", shape, x.shape)
    # src(i) on the cropped axis, shifted to index the input itself (−1 stays the constant)
    srcs = []
    for axis, lo, hi, crop in pairs:
        src = source_index(kept[axis], lo, hi, mode)
        srcs.append((axis, np.where(src >= 0, src + crop, -1)))
    if mode == "constant":
        y = np.full(shape, value, dtype=x.dtype)
        inside, part = [slice(None)] * x.ndim, [slice(None)] * x.ndim
        for axis, lo, _, crop in pairs:
            inside[axis] = slice(lo, lo + kept[axis])
            part[axis] = slice(crop, crop + kept[axis])
        y[tuple(inside)] = x[tuple(part)]
    else:
        y = x
        for axis, src in srcs:  # one gather per padded axis
            y = np.take(y, src, axis=axis)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        g = g.astype(x.dtype, copy=False) if np.issubdtype(x.dtype, np.floating) else g
        for axis, src in reversed(srcs):  # scatter-add each axis back, last gather first
            keep = src >= 0
            g = np.moveaxis(g, axis, 0)
            folded = np.zeros((x.shape[axis], *g.shape[1:]), dtype=g.dtype)
            np.add.at(folded, src[keep], g[keep])
            g = np.moveaxis(folded, 0, axis)
        return (g,)

    return y, vjp


@declare(section="11", torch="torch.nn.functional.pad")
def pad(input: TensorLike, pad: Sequence[int], mode: str = "constant",
        value: float = 0.0) -> Tensor:
    """Pad the last axes of a tensor: constant, reflect, replicate or circular (torch's F.pad).

    ``pad`` = (before, after) for the last axis, then for the one before it, and so on.

    Forward:   y[…, i] = x[…, src(i)] along each padded axis, with j = i − before:
               reflect src = |j| mirrored at the far end (x₂ x₁ | x₀ … x_{n−1} | x_{n−2});
               replicate src = clip(j, 0, n−1); circular src = j mod n; constant: x[j] inside,
               ``value`` outside
    VJP:       x̄[k] = Σ_{i : src(i) = k} ȳ[i] — the padded cotangent folded back: each input
               entry collects the cotangent of itself and of every copy of it in the padding
               (constant padding's entries copy nothing and send nothing back)
    Jacobian:  a 0/1 selection matrix per axis (one 1 per row, at column src(i))
    Convention: as torch, a negative side crops: the axis is cut first, then padded from
               what is left (x̄ is 0 on the cropped entries); reflect needs padding < the
               size left, circular padding ≤ it.
    """
    return _pad_rule(input, pad=tuple(pad) if isinstance(pad, list) else pad, mode=mode,
                     value=value)
