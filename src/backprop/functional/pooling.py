"""Rule 12 of the catalogue: max and average pooling (1-D and 2-D), and flatten.

Windows are read through strided views of the (padded) input, never copied: the forward is
KH·KW elementwise operations over whole output-sized arrays, and each VJP adds KH·KW
output-sized slices back into the input's gradient (no Python loop over the batch or the
pixels). The 1-D rules are the 2-D ones with a height of 1.

Output size per axis: ⌊(W + 2P − D(K−1) − 1)/S⌋ + 1, or with ``ceil_mode`` the ceiling —
except that, as in torch, a last window that would start in the right padding is dropped.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..engine import Tensor, primitive
from ..errors import ShapeError
from .conv import _offset_slices, _tuple, _windows

__all__ = [
    "avg_pool1d",
    "avg_pool2d",
    "flatten",
    "max_pool1d",
    "max_pool2d",
    "pool_output_shape",
]


def _pool_size(n: int, k: int, s: int, p: int, d: int, ceil_mode: bool) -> int:
    span = n + 2 * p - d * (k - 1) - 1
    out = (-(-span // s) if ceil_mode else span // s) + 1
    if ceil_mode and (out - 1) * s >= n + p:  # last window would start in the padding
        out -= 1
    return out


def _geometry(op: str, shape: tuple[int, ...], nd: int, kernel_size: Any, stride: Any,
              padding: Any, dilation: Any, ceil_mode: bool):
    """Validated (kernel, stride, padding, dilation, output sizes) for the spatial axes."""
    layout = "(N, C, L)" if nd == 1 else "(N, C, H, W)"
    if len(shape) != nd + 2:
        hint = " (add a batch axis: x[None])" if len(shape) == nd + 1 else ""
        raise ShapeError(f"{op}: expected a {nd + 2}-D input {layout}, got shape {shape} "
                         f"({len(shape)}-D){hint}")
    k = _tuple(kernel_size, nd, "kernel_size", op)
    s = k if stride is None or stride == () else _tuple(stride, nd, "stride", op)
    d = _tuple(dilation, nd, "dilation", op)
    p = (padding,) * nd if isinstance(padding, (int, np.integer)) else tuple(padding)
    if len(p) != nd or any(not isinstance(v, (int, np.integer)) or v < 0 for v in p):
        raise ShapeError(f"{op}: padding must be a non-negative int or {nd} of them, got "
                         f"{padding!r}")
    if any(2 * pp > kk for pp, kk in zip(p, k)):
        raise ShapeError(f"{op}: padding {p} must be at most half the kernel size {k}")
    names = ("height", "width") if nd == 2 else ("length",)
    out = []
    for name, n, kk, ss, pp, dd in zip(names, shape[2:], k, s, p, d):
        span = dd * (kk - 1) + 1
        if span > n + 2 * pp:
            raise ShapeError(f"{op}: the window ({kk} with dilation {dd}, spanning {span}) is "
                             f"larger than the padded input along its {name} ({n} + padding "
                             f"{2 * pp} = {n + 2 * pp}); input shape {shape}")
        out.append(_pool_size(n, kk, ss, pp, dd, ceil_mode))
    return k, s, tuple(int(v) for v in p), d, tuple(out)


def pool_output_shape(input_shape: tuple[int, ...], kernel_size: Any, stride: Any = None,
                      padding: Any = 0, dilation: Any = 1, ceil_mode: bool = False,
                      op: str = "max_pool2d") -> tuple[int, ...]:
    """Output shape (C, *spatial) of pooling an input (C, *spatial), no batch axis."""
    nd = len(input_shape) - 1
    _, _, _, _, out = _geometry(op, (1, *input_shape), nd, kernel_size, stride, padding,
                                dilation, ceil_mode)
    return (int(input_shape[0]), *out)


def _padded(x: np.ndarray, pad: tuple[int, int], out, k, s, d, value: float) -> np.ndarray:
    """x padded by ``pad`` before and by enough after that every window fits (ceil mode)."""
    N, C, H, W = x.shape
    hi = [max((o - 1) * ss + dd * (kk - 1) + 1 - n - p, 0)
          for o, ss, dd, kk, n, p in zip(out, s, d, k, (H, W), pad)]
    if pad == (0, 0) and hi == [0, 0]:
        return x
    xp = np.full((N, C, H + pad[0] + hi[0], W + pad[1] + hi[1]), value, dtype=x.dtype)
    xp[:, :, pad[0]:pad[0] + H, pad[1]:pad[1] + W] = x
    return xp


def _max_pool_core(x, k, s, p, d, out):
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float32)
    xp = _padded(x, p, out, k, s, d, -np.inf)
    win = _windows(xp, k, out, s, d)  # (N, C, KH, KW, OH, OW), a view
    kk = k[0] * k[1]
    views = [win[:, :, idx // k[1], idx % k[1]] for idx in range(kk)]  # row-major order
    # outputs take the input's memory layout (the conv rules hand over channel-major views),
    # so that every elementwise pass here and in the neighbours' VJPs walks memory in order
    best = np.empty_like(views[0])
    np.copyto(best, views[0])
    for v in views[1:]:  # plain ufunc passes; the arg-max is found in the VJP, only if needed
        np.maximum(best, v, out=best)
    has_nan = bool(np.isnan(best).any())
    # windows that tile the padded input exactly: each input entry is written once
    tiles = (k == s and d == (1, 1) and not has_nan
             and all(o * ss == n for o, ss, n in zip(out, s, xp.shape[2:])))

    def vjp(g, needs):
        g = g.astype(x.dtype, copy=False)  # keep the cotangent in the forward's dtype
        gxp = (np.empty_like if tiles else np.zeros_like)(xp, dtype=g.dtype)
        rem = g.copy()  # the part of δ not yet routed: each window's δ goes to one entry
        if np.isfinite(g).all():  # masks as products: fast ufunc passes
            def take(mask):
                nonlocal rem
                part = rem * mask
                rem -= part
                return part
        else:  # inf·0 would be NaN: select instead of multiplying
            def take(mask):
                nonlocal rem
                part = np.where(mask, rem, 0).astype(rem.dtype, copy=False)
                rem = np.where(mask, 0, rem).astype(rem.dtype, copy=False)
                return part
        if has_nan:  # torch lets every NaN replace the running max: the last NaN wins
            nan_windows = np.isnan(best)
            for idx in range(kk - 1, -1, -1):
                rows, cols = _offset_slices(idx // k[1], idx % k[1], out, s, d)
                gxp[:, :, rows, cols] += take(nan_windows & np.isnan(views[idx]))
        for idx in range(kk):  # the first entry equal to the max, in row-major window order
            rows, cols = _offset_slices(idx // k[1], idx % k[1], out, s, d)
            part = take(views[idx] == best)
            if tiles:
                gxp[:, :, rows, cols] = part
            else:
                gxp[:, :, rows, cols] += part
        return (gxp[:, :, p[0]:p[0] + x.shape[2], p[1]:p[1] + x.shape[3]],)

    return best, vjp


def _avg_divisor(n: int, k: int, s: int, p: int, out: int, include_pad: bool) -> np.ndarray:
    """Per-window element count along one axis, as torch: padding counts (if include_pad) but
    the ceil-mode overhang beyond the padding never does."""
    start = np.arange(out) * s  # in padded coordinates
    if include_pad:
        return np.minimum(start + k, n + 2 * p) - start
    return np.minimum(start + k, n + p) - np.maximum(start, p)


def _avg_pool_core(x, k, s, p, out, count_include_pad):
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float32)
    one = (1, 1)
    xp = _padded(x, p, out, k, s, one, 0.0)
    win = _windows(xp, k, out, s, one)
    total = np.empty_like(win[:, :, 0, 0])
    np.copyto(total, win[:, :, 0, 0])
    for idx in range(1, k[0] * k[1]):
        total += win[:, :, idx // k[1], idx % k[1]]
    count = np.multiply.outer(
        *[_avg_divisor(n, kk, ss, pp, o, count_include_pad)
          for n, kk, ss, pp, o in zip(x.shape[2:], k, s, p, out)]).astype(x.dtype)
    y = total / count

    def vjp(g, needs):
        # each window spreads its cotangent evenly over the entries it averaged
        share = g.astype(x.dtype, copy=False) / count
        gxp = np.zeros_like(xp, dtype=share.dtype)
        for idx in range(k[0] * k[1]):
            rows, cols = _offset_slices(idx // k[1], idx % k[1], out, s, one)
            gxp[:, :, rows, cols] += share
        return (gxp[:, :, p[0]:p[0] + x.shape[2], p[1]:p[1] + x.shape[3]],)

    return y, vjp


@primitive(name="max_pool2d")
def _max_pool2d_rule(x, kernel_size=2, stride=None, padding=0, dilation=1, ceil_mode=False):
    k, s, p, d, out = _geometry("max_pool2d", np.shape(x), 2, kernel_size, stride, padding,
                                dilation, ceil_mode)
    return _max_pool_core(x, k, s, p, d, out)


@primitive(name="max_pool1d")
def _max_pool1d_rule(x, kernel_size=2, stride=None, padding=0, dilation=1, ceil_mode=False):
    k, s, p, d, out = _geometry("max_pool1d", np.shape(x), 1, kernel_size, stride, padding,
                                dilation, ceil_mode)
    y, vjp2 = _max_pool_core(np.asarray(x)[:, :, None, :], (1, *k), (1, *s), (0, *p),
                             (1, *d), (1, *out))
    return y[:, :, 0, :], lambda g, needs: (vjp2(g[:, :, None, :], needs)[0][:, :, 0, :],)


@primitive(name="avg_pool2d")
def _avg_pool2d_rule(x, kernel_size=2, stride=None, padding=0, ceil_mode=False,
                     count_include_pad=True):
    k, s, p, _, out = _geometry("avg_pool2d", np.shape(x), 2, kernel_size, stride, padding, 1,
                                ceil_mode)
    return _avg_pool_core(x, k, s, p, out, count_include_pad)


@primitive(name="avg_pool1d")
def _avg_pool1d_rule(x, kernel_size=2, stride=None, padding=0, ceil_mode=False,
                     count_include_pad=True):
    k, s, p, _, out = _geometry("avg_pool1d", np.shape(x), 1, kernel_size, stride, padding, 1,
                                ceil_mode)
    y, vjp2 = _avg_pool_core(np.asarray(x)[:, :, None, :], (1, *k), (1, *s), (0, *p),
                             (1, *out), count_include_pad)
    return y[:, :, 0, :], lambda g, needs: (vjp2(g[:, :, None, :], needs)[0][:, :, 0, :],)


def max_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False) -> Tensor:
    """2-D max pooling over (N, C, H, W) (torch's max_pool2d; stride defaults to the kernel).

    Forward:   y[n,c,i,j] = max_{p,q} x̃[n, c, S·i + D·p, S·j + D·q]   (x̃ padded with −∞)
    VJP:       x̄ = δ routed to the arg-max of each window: x̄[a*] += δ[n,c,i,j] where a* is
               the window's arg-max; every other entry of the window gets 0
    Convention: ties go to the first maximal entry in row-major window order (as PyTorch);
               a window holding NaN outputs NaN and routes δ to its last NaN (as PyTorch).
               Overlapping windows add their cotangents.
    """
    return _max_pool2d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            dilation=dilation, ceil_mode=ceil_mode)


def max_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False) -> Tensor:
    """1-D max pooling over (N, C, L) (torch's max_pool1d; stride defaults to the kernel).

    Forward:   y[n,c,i] = max_p x̃[n, c, S·i + D·p]   (x̃ padded with −∞)
    VJP:       x̄ = δ routed to the arg-max of each window, 0 elsewhere in the window
    Convention: ties go to the first (leftmost) maximal entry, as PyTorch.
    """
    return _max_pool1d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            dilation=dilation, ceil_mode=ceil_mode)


def avg_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    """2-D average pooling over (N, C, H, W) (torch's avg_pool2d).

    Forward:   y[n,c,i,j] = (1/|w|) Σ_{p,q} x̃[n, c, S·i + p, S·j + q]   (x̃ zero-padded)
    VJP:       x̄ = δ spread evenly: every entry of window (i, j) gets δ[n,c,i,j]/|w|
    Convention: |w| counts the zero padding (count_include_pad=True, torch's default) but
               never the ceil-mode overhang; with count_include_pad=False only real entries.
    """
    return _avg_pool2d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            ceil_mode=ceil_mode, count_include_pad=count_include_pad)


def avg_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    """1-D average pooling over (N, C, L) (torch's avg_pool1d).

    Forward:   y[n,c,i] = (1/|w|) Σ_p x̃[n, c, S·i + p]
    VJP:       x̄ = δ spread evenly: every entry of window i gets δ[n,c,i]/|w|
    Convention: |w| as avg_pool2d (padding counted by default, ceil overhang never).
    """
    return _avg_pool1d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            ceil_mode=ceil_mode, count_include_pad=count_include_pad)


def flatten(input: Any, start_dim: int = 1, end_dim: int = -1) -> Tensor:
    """Merge axes start_dim..end_dim into one (default: all but the batch axis).

    Forward:   y = x reshaped to (…, ∏ shape[start:end+1], …)
    VJP:       x̄ = ȳ reshaped back (composed from reshape; no rule of its own)
    """
    from .array_ops import reshape

    shape = np.shape(input.data if isinstance(input, Tensor) else input)
    nd = max(len(shape), 1)
    start, end = start_dim % nd, end_dim % nd
    if start > end:
        raise ShapeError(f"flatten: start_dim {start_dim} comes after end_dim {end_dim} for an "
                         f"input of shape {shape}")
    new = shape[:start] + (int(np.prod(shape[start:end + 1])),) + shape[end + 1:]
    return reshape(input, shape=new)
