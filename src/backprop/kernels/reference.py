"""The NumPy kernels: the reference for every compiled kernel, and the default without Numba.

Each function here computes one elementwise pass of a rule whose docstring states the formula
(the rule named in the kernel's docstring); the kernel states no formula of its own. The
compiled twins in :mod:`backprop.kernels.compiled` take the same arguments and must give the
same results (``tests/test_kernels.py`` checks it). Arrays are NumPy arrays; outputs are
returned, or written into the arrays named ``out``/``gxp`` and the parameters and moments of
the optimiser updates, in place.

This module imports nothing from the rest of the library: the rules import it.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

import numpy as np
from numpy.lib.stride_tricks import as_strided

from .workspace import MIN_BYTES, WORKSPACE

NAME = "numpy"

Ints = tuple[int, ...]

__all__ = ["NAME", "adam", "col2im", "max_pool2d", "max_pool2d_backward", "offset_slices",
           "in_layout_of", "relu", "relu_backward", "route_argmax", "route_tiled", "sgd", "sgd_momentum",
           "sgd_momentum_shared", "window_argmax", "windows", "BLOCK", "SHARED", "blocks",
           "in_blocks", "flush_subnormals"]


# -- window views (shared with the rules through backprop.functional.shapes) ----------------------
def windows(xp: np.ndarray, kernel: Ints, out: Ints, stride: Ints, dilation: Ints) -> np.ndarray:
    """Strided view (A, B, KH, KW, OH, OW) of xp (A, B, Hp, Wp): element [a, b, i, j, y, x] is
    xp[a, b, S·y + D·i, S·x + D·j]. Read-only; no data is copied."""
    sa, sb, sh, sw = xp.strides
    return as_strided(xp, shape=(xp.shape[0], xp.shape[1], *kernel, *out),
                      strides=(sa, sb, sh * dilation[0], sw * dilation[1],
                               sh * stride[0], sw * stride[1]), writeable=False)


def offset_slices(i: int, j: int, out: Ints, stride: Ints,
                  dilation: Ints) -> tuple[slice, slice]:
    """The (row, column) slices of the padded input that kernel offset (i, j) touches."""
    (oh, ow), (sh, sw), (dh, dw) = out, stride, dilation
    return (slice(i * dh, i * dh + sh * (oh - 1) + 1, sh),
            slice(j * dw, j * dw + sw * (ow - 1) + 1, sw))


# -- relu (rule 4, backprop.functional.activations.relu) --------------------------------------------
def relu(x: np.ndarray) -> np.ndarray:
    """The forward of :func:`backprop.functional.relu`, in x's memory layout."""
    if type(x) is not np.ndarray or x.nbytes < MIN_BYTES or x.dtype.kind not in "fiu":
        return np.maximum(x, 0)
    return np.maximum(x, 0, out=WORKSPACE.like(x))


def relu_backward(g: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The VJP of :func:`backprop.functional.relu` from its saved output ``y``: g · H(y) as a
    product with the mask (np.where is several times slower on big maps)."""
    if (type(g) is not np.ndarray or g.nbytes < MIN_BYTES or g.dtype.kind != "f"
            or g.shape != np.shape(y)):
        return g * (y > 0)
    mask = np.greater(y, 0, out=WORKSPACE.like(y, dtype=bool))
    return np.multiply(g, mask, out=WORKSPACE.like(g))


# -- max pooling (rule 12, backprop.functional.max_pool2d) -------------------------------------------
def _views(xp: np.ndarray, k: Ints, s: Ints, d: Ints, out: Ints) -> list[np.ndarray]:
    win = windows(xp, k, out, s, d)  # (N, C, KH, KW, OH, OW), a view
    return [win[:, :, idx // k[1], idx % k[1]] for idx in range(k[0] * k[1])]  # row-major


def max_pool2d(xp: np.ndarray, k: Ints, s: Ints, d: Ints, out: Ints) -> np.ndarray:
    """The forward of :func:`backprop.functional.max_pool2d` on the padded input ``xp`` (N, C,
    Hp, Wp): every window's maximum, NaN propagating, in xp's memory layout (the conv rules
    hand over channel-major views, so that every pass here and in the neighbours' VJPs walks
    memory in order)."""
    views = _views(xp, k, s, d, out)
    best = WORKSPACE.like(views[0])
    np.copyto(best, views[0])
    for v in views[1:]:  # plain ufunc passes; the arg-max waits for the VJP
        np.maximum(best, v, out=best)
    return best


def window_argmax(views: Sequence[np.ndarray], first: np.ndarray) -> np.ndarray:
    """Row-major offset of each window's maximum, scanning as torch does: an entry replaces
    the running maximum if it is larger or NaN (ties keep the first, NaN the last NaN);
    ``first`` is the offset given to a window whose entries are all −∞."""
    best = np.full_like(views[0], -np.inf)  # in the input's memory layout, as the views
    arg = np.empty_like(views[0], dtype=np.intp)
    np.copyto(arg, first)
    for idx, v in enumerate(views):
        take = (v > best) | np.isnan(v)
        np.copyto(best, v, where=take)
        np.copyto(arg, idx, where=take)
    return arg


def route_argmax(arg: np.ndarray, g: np.ndarray, slices: Sequence[tuple[slice, slice]],
                 gxp: np.ndarray, tiles: bool) -> None:
    """The max-pool VJP as its rule reads: each window's δ goes to the entry at its arg-max
    offset ``arg``, 0 to the others; overlapping windows add (``tiles``: they don't, so each
    entry is written once; otherwise ``gxp`` must hold zeros)."""
    zero = np.zeros((), dtype=g.dtype)
    for idx, (rows, cols) in enumerate(slices):
        part = np.where(arg == idx, g, zero)
        if tiles:
            gxp[:, :, rows, cols] = part
        else:
            gxp[:, :, rows, cols] += part


def route_tiled(views: Sequence[np.ndarray], best: np.ndarray, g: np.ndarray,
                slices: Sequence[tuple[slice, slice]], gxp: np.ndarray) -> None:
    """Fast path of :func:`route_argmax`, for windows that tile the input, finite maxima and
    a finite cotangent: the same routing (first maximum in row-major window order) without
    an index array. Offset by offset, an entry gets δ if it equals its window's
    maximum and no earlier entry of the window did; each entry of ``gxp`` is written once,
    as a product δ · [hit] straight into its strided slice."""
    free = np.ones_like(best, dtype=bool)  # windows whose maximum is still to be met
    for v, (rows, cols) in zip(views, slices):
        hit = np.equal(v, best)
        np.logical_and(hit, free, out=hit)
        np.logical_xor(free, hit, out=free)
        np.multiply(g, hit, out=gxp[:, :, rows, cols])


def in_layout_of(g: np.ndarray, like: np.ndarray) -> np.ndarray:
    """``g`` with the memory layout of ``like`` (of its shape): itself, or a copy. A δ that
    comes back NCHW (through a flatten) to a pooling whose input is batch-last would make
    every pass over it stride across memory; one copy costs less."""
    if g.strides == like.strides or g.ndim < 2:
        return g
    out = WORKSPACE.like(like, dtype=g.dtype)
    np.copyto(out, g)
    return out


def max_pool2d_backward(xp: np.ndarray, best: np.ndarray, g: np.ndarray, k: Ints, s: Ints,
                        d: Ints, out: Ints, first: np.ndarray, tiles: bool) -> np.ndarray:
    """The VJP of :func:`backprop.functional.max_pool2d` with respect to the padded input
    ``xp``: δ (``g``, the forward's dtype) routed to each window's arg-max (torch's scan,
    ``first`` for all-−∞ windows); ``best`` is the forward's output, ``tiles`` says the
    windows tile ``xp`` exactly. Returns x̄ padded, in xp's memory layout."""
    g = in_layout_of(g, best)
    gxp = WORKSPACE.like(xp, dtype=g.dtype)
    if not tiles:  # overlapping windows add; with gaps, some entries get nothing
        gxp.fill(0)
    views = _views(xp, k, s, d, out)
    slices = [offset_slices(idx // k[1], idx % k[1], out, s, d) for idx in range(len(views))]
    # fast path unless a max is NaN or −∞ (torch's scan rules apply) or δ is not finite
    # (δ·0 would be NaN where the routing must give 0)
    if tiles and best.size and best.min() > -np.inf and np.isfinite(g).all():
        route_tiled(views, best, g, slices, gxp)
    else:
        route_argmax(window_argmax(views, first), g, slices, gxp, tiles)
    return gxp


# -- col2im (rule 11, backprop.functional.conv2d) -----------------------------------------------------
def col2im(gcols: np.ndarray, s: Ints, d: Ints, gxp: np.ndarray) -> np.ndarray:
    """The last step of :func:`backprop.functional.conv2d`'s input VJP: the columns' gradient
    ``gcols`` (C, KH, KW, OH, OW, N) added back at each kernel offset's strided position of
    ``gxp`` (C, Hp, Wp, N), which it overwrites. KH·KW strided adds, offset by offset in
    row-major order, each over rows of OW·N numbers."""
    _, KH, KW, OH, OW, _ = gcols.shape
    gxp.fill(0)
    for i in range(KH):
        for j in range(KW):
            rows, cols = offset_slices(i, j, (OH, OW), s, d)
            gxp[:, rows, cols] += gcols[:, i, j]
    return gxp


# -- optimiser updates (backprop.optim.SGD, backprop.optim.Adam) ------------------------------------
_TINY = {np.dtype(t): np.finfo(t).tiny for t in (np.float16, np.float32, np.float64)}


def flush_subnormals(a: np.ndarray) -> None:
    """Set the subnormal entries of ``a`` (|x| below the dtype's smallest normal) to zero,
    in place (see :mod:`backprop.optim.subnormals` for why)."""
    tiny = _TINY.get(a.dtype)
    if tiny is None:
        tiny = np.finfo(a.dtype).tiny
    a[np.abs(a) < tiny] = 0


# Updates run block by block (why: backprop.optim.blocks): the same operations on flat views
# of a few tens of kilobytes, so that all the passes of a block run while it is in cache.
BLOCK = 16384  # elements: 64 KiB of float32 per array, a few arrays well inside a core's L2


def blocks(*arrays: np.ndarray) -> Sequence[tuple[np.ndarray, ...]]:
    """The arrays cut into blocks: a tuple of views of the same positions per block.

    Arrays of up to two blocks, or not all C-contiguous and of one shape, come back whole,
    as one tuple of the arrays themselves (a flat view of a non-contiguous array would be
    a copy, and writing into it would be lost)."""
    first = arrays[0]
    n = first.size
    if n <= 2 * BLOCK or not all(a.flags.c_contiguous and a.shape == first.shape
                                 for a in arrays):
        return (arrays,)
    flat = [a.reshape(-1) for a in arrays]
    return [tuple(f[i:i + BLOCK] for f in flat) for i in range(0, n, BLOCK)]


def in_blocks(update: Callable[..., None], arrays: tuple[np.ndarray, ...], *args: Any) -> None:
    """``update(block, *args)`` for every block of ``arrays`` (a tuple of views; the arrays
    themselves at once when they are small)."""
    if arrays[0].size <= 2 * BLOCK:
        update(arrays, *args)
        return
    for block in blocks(*arrays):
        update(block, *args)


def _plain(arrays: tuple[np.ndarray, ...], lr: float, wd: float) -> None:
    p, g = arrays
    if wd:
        g = g + wd * p
    p -= lr * g


def sgd(p: np.ndarray, g: np.ndarray, lr: float, wd: float) -> None:
    """:class:`backprop.optim.SGD`'s update without momentum, in place on θ = ``p``."""
    in_blocks(_plain, (p, g), lr, wd)


def _momentum(arrays: tuple[np.ndarray, ...], lr: float, mu: float, wd: float, damp: float,
              nesterov: bool) -> None:
    p, g, buf = arrays
    if wd:
        g = g + wd * p
    buf *= mu
    if damp:
        buf += (1 - damp) * g
    else:
        buf += g
    flush_subnormals(buf)  # a buffer decaying where g stays 0 would slow every later pass
    p -= lr * (g + mu * buf if nesterov else buf)


def sgd_momentum(p: np.ndarray, g: np.ndarray, buf: np.ndarray, lr: float, mu: float,
                 wd: float, damp: float, nesterov: bool) -> None:
    """:class:`backprop.optim.SGD`'s update with momentum after the first step, in place on
    θ = ``p`` and its momentum buffer ``buf``."""
    if p.size <= 2 * BLOCK:  # in_blocks' first case, without its call
        _momentum((p, g, buf), lr, mu, wd, damp, nesterov)
    else:
        in_blocks(_momentum, (p, g, buf), lr, mu, wd, damp, nesterov)


# Parameters under this many elements may keep their momentum buffers in one shared array
# (backprop.optim.SGD decides): a small array's update is a few NumPy calls each costing more
# than its arithmetic, and the passes over the buffers alone then run once for all of them.
SHARED = 4096


def sgd_momentum_shared(ps: Sequence[np.ndarray], gs: Sequence[np.ndarray],
                        bufs: Sequence[np.ndarray], flat: np.ndarray, lr: float, mu: float,
                        wd: float, damp: float, nesterov: bool,
                        scratch: tuple[np.ndarray, Sequence[np.ndarray]]) -> None:
    """:func:`sgd_momentum` on many parameters ``ps`` at once (gradients ``gs``), whose
    momentum buffers ``bufs`` are views that together cover the 1-D array ``flat``: each
    element sees the same operations in the same order, so the same bits; the passes that
    read only the buffers (the decay by μ, the subnormal flush, the step η b) run once over
    ``flat``. ``scratch`` is an array like ``flat`` with views of it like ``bufs``, which
    the kernel overwrites (η b)."""
    flat *= mu
    if wd:
        gs = [g + wd * p for p, g in zip(ps, gs)]
    for g, buf in zip(gs, bufs):
        if damp:
            buf += (1 - damp) * g
        else:
            buf += g
    flush_subnormals(flat)
    if nesterov:
        for p, g, buf in zip(ps, gs, bufs):
            p -= lr * (g + mu * buf)
        return
    step, steps = scratch
    np.multiply(flat, lr, out=step)  # the products lr * buf would give, all at once
    for p, d in zip(ps, steps):
        p -= d


def _adam(arrays: tuple[np.ndarray, ...], lr: float, b1: float, b2: float, eps: float,
          bc1: float, bc2: float, decay: float | None) -> None:
    p, g, m, v = arrays[:4]
    v_max = arrays[4] if len(arrays) > 4 else None
    if decay is not None:
        p *= decay
    m *= b1
    m += (1 - b1) * g
    flush_subnormals(m)  # decaying moments would otherwise slow every later pass over m
    v *= b2
    v += (1 - b2) * (g * g)
    if v_max is not None:
        np.maximum(v_max, v, out=v_max)
        v = v_max
    # θ −= (η/bc1) · m / (√v/√bc2 + ε), in one scratch array
    step = np.sqrt(v)
    step /= math.sqrt(bc2)
    step += eps
    np.divide(m, step, out=step)
    step *= lr / bc1
    p -= step


def adam(p: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, v_max: np.ndarray | None,
         lr: float, b1: float, b2: float, eps: float, bc1: float, bc2: float,
         decay: float | None) -> None:
    """:class:`backprop.optim.Adam`'s (and AdamW's) update, in place on θ = ``p``, its moments
    m and v, and the running maximum of v (AMSGrad) if kept. ``bc1`` and ``bc2`` are the bias
    corrections 1 − β₁ᵗ and 1 − β₂ᵗ, ``decay`` AdamW's factor 1 − ηλ (None: none)."""
    arrays = (p, g, m, v) if v_max is None else (p, g, m, v, v_max)
    in_blocks(_adam, arrays, lr, b1, b2, eps, bc1, bc2, decay)
