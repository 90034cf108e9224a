"""The compiled kernels: the functions of :mod:`backprop.kernels.reference`, with the same
arguments and results, fused into one loop each by Numba (``pip install "backprop[fast]"``).

Every kernel is a small Python function that checks its arrays fit the compiled loop (dtype,
memory layout, plain Python hyper-parameters) and otherwise calls the NumPy reference, so a
result never depends on which ran. The loops are compiled with

- ``parallel=False``: the cores belong to the BLAS threads of the matrix products (parallel
  kernels fought them and made a step several times slower);
- ``error_model="numpy"``: a division by zero gives inf or NaN as in NumPy, with no check in
  the loop (Numba's default Python error model made Adam's loop many times slower);
- ``fastmath=False``: the same operations in the same order and precision as the reference,
  so the results agree to the bit (``tests/test_kernels.py``);
- ``cache=True``: compiled once per machine, then loaded from ``__pycache__``.

Numba is imported when the first loop runs (arrays under :data:`SMALL` elements never get
there), not when this module is.
Each kernel's docstring names the rule whose formula it computes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import BackpropError
from . import reference
from .workspace import WORKSPACE

NAME = "numba"

__all__ = ["NAME", "adam", "col2im", "max_pool2d", "max_pool2d_backward", "relu",
           "relu_backward", "sgd", "sgd_momentum", "sgd_momentum_shared"]


class _jit:
    """A loop compiled by Numba on its first call, with the options above: a process whose
    arrays are all small (they take the reference) never imports Numba."""

    def __init__(self, loop: Any) -> None:
        self.loop = loop
        self.compiled: Any = None

    def __call__(self, *args: Any) -> Any:
        compiled = self.compiled
        if compiled is None:
            try:
                from numba import njit
            except ImportError as e:  # found, but does not load (a NumPy it does not support)
                raise BackpropError(f"the compiled kernels need Numba, which could not be "
                                    f"loaded ({e}); set BACKPROP_KERNELS=numpy") from e
            compiled = self.compiled = njit(cache=True, parallel=False, error_model="numpy",
                                            fastmath=False, nogil=True)(self.loop)
        return compiled(*args)


_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))
# Below this many elements a NumPy ufunc call costs less than entering a compiled function
# (the arguments' types are checked on every call): small arrays take the reference.
SMALL = 4096


# -- layout helpers -------------------------------------------------------------------------------
def _flat(*arrays: np.ndarray) -> list[np.ndarray] | None:
    """The arrays as 1-D views in the memory order of the first, if all are floats of one
    dtype and one shape whose memory is one contiguous block in that order; else None."""
    first = arrays[0]
    if first.dtype not in _FLOATS or first.ndim == 0:
        return None
    if all(a.flags.c_contiguous and a.dtype == first.dtype and a.shape == first.shape
           for a in arrays):
        return [a.reshape(-1) for a in arrays]
    perm = np.argsort(first.strides, kind="stable")[::-1]  # outermost axis first
    out = []
    for a in arrays:
        if a.dtype != first.dtype or a.shape != first.shape or a.strides != first.strides:
            return None
        t = a.transpose(perm)
        if not t.flags.c_contiguous:
            return None
        out.append(t.reshape(-1))
    return out


def _lanes(a: np.ndarray, batch_last: bool) -> np.ndarray:
    """A 4-D (N, C, H, W) array as a 5-D (A, B, H, W, L) view whose last axis is the one
    walked innermost: (1, C, H, W, N) when the batch is the fastest axis in memory (the conv
    rules' layout), else (N, C, H, W, 1)."""
    return a.transpose(1, 2, 3, 0)[None] if batch_last else a[..., None]


def _batch_last(a: np.ndarray) -> bool:
    return a.shape[0] > 1 and abs(a.strides[0]) < abs(a.strides[3])


def _plain(*values: Any) -> bool:
    """Hyper-parameters that NumPy would cast to the arrays' dtype (Python numbers); a NumPy
    float64 scalar would make NumPy compute in float64, so those take the reference."""
    return all(type(v) in (float, int, bool) for v in values)


# -- relu -------------------------------------------------------------------------------------------
@_jit
def _relu(x, y):  # type: ignore[no-untyped-def]
    for i in range(x.size):
        v = x[i]
        y[i] = 0 if v < 0 else v  # NaN and −0 pass through, as np.maximum(x, 0)


@_jit
def _relu_backward(g, y, out):  # type: ignore[no-untyped-def]
    for i in range(g.size):
        out[i] = g[i] * (1 if y[i] > 0 else 0)  # a product, so that δ = NaN stays NaN


def relu(x: np.ndarray) -> np.ndarray:
    """Computes :func:`backprop.functional.relu`'s forward (twin of
    :func:`backprop.kernels.reference.relu`)."""
    if not isinstance(x, np.ndarray) or x.size < SMALL:
        return reference.relu(x)
    y = WORKSPACE.like(x)
    flat = _flat(x, y)
    if flat is None:
        return reference.relu(x)
    _relu(*flat)
    return y


def relu_backward(g: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Computes :func:`backprop.functional.relu`'s VJP from the saved output (twin of
    :func:`backprop.kernels.reference.relu_backward`)."""
    if g.size < SMALL:
        return reference.relu_backward(g, y)
    out = WORKSPACE.like(g)
    flat = _flat(g, y, out)
    if flat is None:
        return reference.relu_backward(g, y)
    _relu_backward(*flat)
    return out


# -- max pooling ------------------------------------------------------------------------------------
@_jit
def _max_pool(x, y, kh, kw, sh, sw, dh, dw):  # type: ignore[no-untyped-def]
    A, B, OH, OW, L = y.shape
    for a in range(A):
        for b in range(B):
            for i in range(OH):
                for j in range(OW):
                    for l in range(L):
                        y[a, b, i, j, l] = x[a, b, i * sh, j * sw, l]
                    for p in range(kh):
                        for q in range(kw):
                            if p == 0 and q == 0:
                                continue
                            r, c = i * sh + p * dh, j * sw + q * dw
                            for l in range(L):
                                v = x[a, b, r, c, l]
                                best = y[a, b, i, j, l]
                                # np.maximum(best, v): NaN propagates, ties keep best
                                if not (best >= v or np.isnan(best)):
                                    y[a, b, i, j, l] = v


@_jit
def _max_pool_backward(x, g, first, gx, kh, kw, sh, sw, dh, dw, tiles):  # type: ignore[no-untyped-def]
    A, B, OH, OW, L = g.shape
    best = np.empty(L, dtype=x.dtype)  # per lane: the running maximum and its offset
    arg = np.empty(L, dtype=np.int64)
    for a in range(A):
        for b in range(B):
            for ii in range(OH):
                for jj in range(OW):
                    # Overlapping windows add into an entry in the reference's order: by
                    # offset in the window, i.e. from the last window to the first.
                    i, j = (ii, jj) if tiles else (OH - 1 - ii, OW - 1 - jj)
                    f = first[i, j]
                    for l in range(L):
                        best[l] = -np.inf
                        arg[l] = f
                    for p in range(kh):  # torch's scan: larger or NaN replaces
                        for q in range(kw):
                            r, c, idx = i * sh + p * dh, j * sw + q * dw, p * kw + q
                            for l in range(L):
                                v = x[a, b, r, c, l]
                                if v > best[l] or np.isnan(v):
                                    best[l] = v
                                    arg[l] = idx
                    for p in range(kh):
                        for q in range(kw):
                            r, c, idx = i * sh + p * dh, j * sw + q * dw, p * kw + q
                            if tiles:  # each entry written once: δ at the arg-max, 0 elsewhere
                                for l in range(L):
                                    gx[a, b, r, c, l] = g[a, b, i, j, l] if arg[l] == idx else 0
                            else:
                                for l in range(L):
                                    if arg[l] == idx:
                                        gx[a, b, r, c, l] += g[a, b, i, j, l]


def max_pool2d(xp: np.ndarray, k: tuple[int, ...], s: tuple[int, ...], d: tuple[int, ...],
               out: tuple[int, ...]) -> np.ndarray:
    """Computes :func:`backprop.functional.max_pool2d`'s forward (twin of
    :func:`backprop.kernels.reference.max_pool2d`)."""
    if xp.dtype not in _FLOATS or xp.size < max(SMALL, 1):
        return reference.max_pool2d(xp, k, s, d, out)
    y = WORKSPACE.like(reference.windows(xp, k, out, s, d)[:, :, 0, 0])  # xp's layout
    bl = _batch_last(xp)
    _max_pool(_lanes(xp, bl), _lanes(y, bl), k[0], k[1], s[0], s[1], d[0], d[1])
    return y


def max_pool2d_backward(xp: np.ndarray, best: np.ndarray, g: np.ndarray, k: tuple[int, ...],
                        s: tuple[int, ...], d: tuple[int, ...], out: tuple[int, ...],
                        first: np.ndarray, tiles: bool) -> np.ndarray:
    """Computes :func:`backprop.functional.max_pool2d`'s VJP (twin of
    :func:`backprop.kernels.reference.max_pool2d_backward`): the arg-max is found again from
    the input, in the same scan as torch, and δ written to it in the same pass."""
    if (xp.dtype not in _FLOATS or g.dtype != xp.dtype or xp.size < max(SMALL, 1)
            or g.shape != best.shape):
        return reference.max_pool2d_backward(xp, best, g, k, s, d, out, first, tiles)
    g = reference.in_layout_of(g, best)
    gxp = WORKSPACE.like(xp, dtype=g.dtype)
    if not tiles:
        gxp.fill(0)
    bl = _batch_last(xp)
    _max_pool_backward(_lanes(xp, bl), _lanes(g, bl), first, _lanes(gxp, bl), k[0], k[1],
                       s[0], s[1], d[0], d[1], bool(tiles))
    return gxp


# -- col2im -----------------------------------------------------------------------------------------
@_jit
def _col2im(gcols, sh, sw, dh, dw, gxp):  # type: ignore[no-untyped-def]
    C, KH, KW, OH, OW, N = gcols.shape
    _, HP, WP, _ = gxp.shape
    for c in range(C):
        for r in range(HP):
            for q in range(WP):
                for n in range(N):
                    gxp[c, r, q, n] = 0
        for i in range(KH):  # offsets in row-major order: the reference's order of the sums
            for j in range(KW):
                for oh in range(OH):
                    r = oh * sh + i * dh
                    for ow in range(OW):
                        q = ow * sw + j * dw
                        for n in range(N):
                            gxp[c, r, q, n] += gcols[c, i, j, oh, ow, n]


def col2im(gcols: np.ndarray, s: tuple[int, ...], d: tuple[int, ...],
           gxp: np.ndarray) -> np.ndarray:
    """Computes the col2im step of :func:`backprop.functional.conv2d`'s input VJP (twin of
    :func:`backprop.kernels.reference.col2im`)."""
    if gcols.size < SMALL or gcols.dtype not in _FLOATS or gxp.dtype != gcols.dtype:
        return reference.col2im(gcols, s, d, gxp)
    _col2im(gcols, s[0], s[1], d[0], d[1], gxp)
    return gxp


# -- optimiser updates ----------------------------------------------------------------------------
# Every hyper-parameter arrives as a scalar of the arrays' dtype, as NumPy casts a Python float
# against a float32 array, so float32 arithmetic stays float32 as in the reference.
@_jit
def _sgd(p, g, lr, wd, decay):  # type: ignore[no-untyped-def]
    for i in range(p.size):
        gi = g[i] + wd * p[i] if decay else g[i]
        p[i] = p[i] - lr * gi


@_jit
def _sgd_momentum(p, g, buf, lr, mu, wd, one_minus_damp, tiny, decay, damped,  # type: ignore[no-untyped-def]
                  nesterov):
    for i in range(p.size):
        gi = g[i] + wd * p[i] if decay else g[i]
        b = buf[i] * mu
        b = b + one_minus_damp * gi if damped else b + gi
        if abs(b) < tiny:  # flush subnormals, as the reference (b − b: a +0 of b's type)
            b = b - b
        buf[i] = b
        p[i] = p[i] - lr * (gi + mu * b if nesterov else b)


@_jit
def _adam(p, g, m, v, v_max, amsgrad, lr_bc1, b1, one_minus_b1, b2, one_minus_b2, eps,  # type: ignore[no-untyped-def]
          sqrt_bc2, decay, decayed, tiny):
    for i in range(p.size):
        pi = p[i] * decay if decayed else p[i]
        gi = g[i]
        mi = m[i] * b1 + one_minus_b1 * gi
        if abs(mi) < tiny:  # flush subnormals, as the reference (a +0 of mi's type)
            mi = mi - mi
        m[i] = mi
        vi = v[i] * b2 + one_minus_b2 * (gi * gi)
        v[i] = vi
        if amsgrad:
            w = v_max[i]
            if not (w >= vi or np.isnan(w)):  # np.maximum: NaN propagates
                w = vi
            v_max[i] = w
            vi = w
        step = np.sqrt(vi) / sqrt_bc2 + eps
        step = mi / step
        step = step * lr_bc1
        p[i] = pi - step


def _contiguous(*arrays: np.ndarray) -> bool:
    first = arrays[0]
    return first.dtype in _FLOATS and all(
        a is not None and a.flags.c_contiguous and a.dtype == first.dtype
        and a.shape == first.shape for a in arrays)


def sgd(p: np.ndarray, g: np.ndarray, lr: float, wd: float) -> None:
    """Computes :class:`backprop.optim.SGD`'s update without momentum (twin of
    :func:`backprop.kernels.reference.sgd`)."""
    if p.size < SMALL or not (_contiguous(p, g) and _plain(lr, wd)):
        return reference.sgd(p, g, lr, wd)
    t = p.dtype.type
    _sgd(p.reshape(-1), g.reshape(-1), t(lr), t(wd), bool(wd))


def sgd_momentum(p: np.ndarray, g: np.ndarray, buf: np.ndarray, lr: float, mu: float,
                 wd: float, damp: float, nesterov: bool) -> None:
    """Computes :class:`backprop.optim.SGD`'s update with momentum (twin of
    :func:`backprop.kernels.reference.sgd_momentum`), one pass over θ, g and b."""
    if p.size < SMALL or not (_contiguous(p, g, buf) and _plain(lr, mu, wd, damp)):
        return reference.sgd_momentum(p, g, buf, lr, mu, wd, damp, nesterov)
    t = p.dtype.type
    _sgd_momentum(p.reshape(-1), g.reshape(-1), buf.reshape(-1), t(lr), t(mu), t(wd),
                  t(1 - damp), t(np.finfo(p.dtype).tiny), bool(wd), bool(damp), bool(nesterov))


def sgd_momentum_shared(ps: Any, gs: Any, bufs: Any, flat: np.ndarray, lr: float, mu: float,
                        wd: float, damp: float, nesterov: bool, scratch: Any) -> None:
    """The NumPy kernel itself (:func:`backprop.kernels.reference.sgd_momentum_shared`): it
    serves parameters under :data:`backprop.kernels.reference.SHARED` elements, the sizes
    at which a NumPy call costs less than entering a compiled loop."""
    reference.sgd_momentum_shared(ps, gs, bufs, flat, lr, mu, wd, damp, nesterov, scratch)


def adam(p: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, v_max: np.ndarray | None,
         lr: float, b1: float, b2: float, eps: float, bc1: float, bc2: float,
         decay: float | None) -> None:
    """Computes :class:`backprop.optim.Adam`'s (and AdamW's) update (twin of
    :func:`backprop.kernels.reference.adam`), one pass over θ, g, m and v."""
    arrays = (p, g, m, v) if v_max is None else (p, g, m, v, v_max)
    if p.size < SMALL or not (_contiguous(*arrays)
                              and _plain(lr, b1, b2, eps, bc1, bc2, decay or 0.0)):
        return reference.adam(p, g, m, v, v_max, lr, b1, b2, eps, bc1, bc2, decay)
    t = p.dtype.type
    flat = [a.reshape(-1) for a in arrays]
    _adam(flat[0], flat[1], flat[2], flat[3], flat[4] if v_max is not None else flat[3],
          v_max is not None, t(lr / bc1), t(b1), t(1 - b1), t(b2), t(1 - b2), t(eps),
          t(math.sqrt(bc2)), t(decay or 0.0), decay is not None, t(np.finfo(p.dtype).tiny))
