"""Rule 12 of the catalogue: max and average pooling (1-D and 2-D).

Windows are read through strided views of the (padded) input, never copied: the forward is
KH·KW elementwise operations over whole output-sized arrays, and each VJP adds KH·KW
output-sized slices back into the input's gradient (no Python loop over the batch or the
pixels). The 1-D rules are the 2-D ones with a height of 1.

Output size per axis: ⌊(W + 2P − D(K−1) − 1)/S⌋ + 1, or with ``ceil_mode`` the ceiling —
except that, as in torch, a last window that would start in the right padding is dropped.
"""

from __future__ import annotations

from typing import Literal, overload

import numpy as np

from .table import declare
from .. import kernels
from ..kernels.reference import window_argmax
from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from .shapes import (Ints, Size, check_buffer, drop_batch, ntuple, offset_slices, output_sizes,
                     split_batch, windows)

__all__ = [
    "avg_pool1d",
    "avg_pool2d",
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


def _geometry(op: str, shape: tuple[int, ...], nd: int, kernel_size: Size, stride: Size | None,
              padding: Size, dilation: Size,
              ceil_mode: bool) -> tuple[Ints, Ints, Ints, Ints, Ints]:
    """Validated (kernel, stride, padding, dilation, output sizes) for the spatial axes of a
    batched input ``shape``; refuses arguments whose buffers would exceed the size limit."""
    k = ntuple(kernel_size, nd, "kernel_size", op)
    # no stride, or an empty one (torch's stride=[]), means the kernel size
    s = k if stride is None or (isinstance(stride, (tuple, list)) and not stride) \
        else ntuple(stride, nd, "stride", op)
    d = ntuple(dilation, nd, "dilation", op)
    p = ntuple(padding, nd, "padding", op, minimum=0)
    if any(2 * pp > kk for pp, kk in zip(p, k)):
        raise ShapeError(f"{op}: padding {p} must be at most half the kernel size {k}")
    output_sizes(op, shape, shape[2:], k, (1,) * nd, d, tuple((pp, pp) for pp in p))
    out = tuple(_pool_size(n, kk, ss, pp, dd, ceil_mode)
                for n, kk, ss, pp, dd in zip(shape[2:], k, s, p, d))
    N, C = shape[:2]
    check_buffer(op, "padded input", (N, C, *(n + 2 * pp + ss for n, pp, ss in
                                               zip(shape[2:], p, s))), shape)
    check_buffer(op, "set of windows (N, C, *kernel, *output)", (N, C, *k, *out), shape)
    return k, s, p, d, out


def pool_output_shape(input_shape: tuple[int, ...], kernel_size: Size, stride: Size | None = None,
                      padding: Size = 0, dilation: Size = 1, ceil_mode: bool = False,
                      op: str = "max_pool2d") -> tuple[int, ...]:
    """Output shape (C, *spatial) of pooling an input (C, *spatial), no batch axis."""
    nd = len(input_shape) - 1
    if nd not in (1, 2):
        raise ShapeError(f"{op}: expected an input shape (C, L) or (C, H, W), got "
                         f"{tuple(input_shape)}")
    _, _, _, _, out = _geometry(op, (1, *input_shape), nd, kernel_size, stride, padding,
                                dilation, ceil_mode)
    return (int(input_shape[0]), *out)


def _padded(x: Array, pad: Ints, out: Ints, k: Ints, s: Ints, d: Ints, value: float) -> Array:
    """x padded by ``pad`` before and by enough after that every window fits (ceil mode)."""
    N, C, H, W = x.shape
    hi = [max((o - 1) * ss + dd * (kk - 1) + 1 - n - p, 0)
          for o, ss, dd, kk, n, p in zip(out, s, d, k, (H, W), pad)]
    if pad == (0, 0) and hi == [0, 0]:
        return x
    xp = np.full((N, C, H + pad[0] + hi[0], W + pad[1] + hi[1]), value, dtype=x.dtype)
    xp[:, :, pad[0]:pad[0] + H, pad[1]:pad[1] + W] = x
    return xp


def _first_valid(k: Ints, s: Ints, p: Ints, d: Ints, out: Ints) -> Array:
    """Per window (OH, OW), the row-major offset of its first entry inside the unpadded
    input: where torch puts the arg-max of a window whose real entries are all −∞."""
    first = [np.maximum(-(-(pp - ss * np.arange(o)) // dd), 0)
             for o, ss, pp, dd in zip(out, s, p, d)]
    return first[0][:, None] * k[1] + first[1][None, :]


def _max_pool_core(x: Array, k: Ints, s: Ints, p: Ints, d: Ints, out: Ints) -> tuple[Array, VJP]:
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float32)
    xp = _padded(x, p, out, k, s, d, -np.inf)
    kern = kernels.active()
    best = kern.max_pool2d(xp, k, s, d, out)
    # windows that tile the padded input exactly: each input entry is written once
    tiles = k == s and d == (1, 1) and all(o * ss == n for o, ss, n in zip(out, s, xp.shape[2:]))

    def vjp(g: Array, needs: Needs) -> Cotangents:
        g = g.astype(x.dtype, copy=False)  # keep the cotangent in the forward's dtype
        gxp = kern.max_pool2d_backward(xp, best, g, k, s, d, out,
                                       _first_valid(k, s, p, d, out), tiles)
        return (gxp[:, :, p[0]:p[0] + x.shape[2], p[1]:p[1] + x.shape[3]],)

    return best, vjp


def _max_pool_indices(x: Array, k: Ints, s: Ints, p: Ints, d: Ints, out: Ints) -> Array:
    """torch's indices: each window's arg-max as a flat index into the input's (H, W) plane
    (into L for 1-D), the same entry the VJP routes to."""
    x = np.asarray(x)
    xp = _padded(x, p, out, k, s, d, -np.inf)
    win = windows(xp, k, out, s, d)
    arg = window_argmax([win[:, :, i // k[1], i % k[1]] for i in range(k[0] * k[1])],
                        _first_valid(k, s, p, d, out))
    rows = s[0] * np.arange(out[0])[:, None] + d[0] * (arg // k[1]) - p[0]
    cols = s[1] * np.arange(out[1])[None, :] + d[1] * (arg % k[1]) - p[1]
    flat: Array = (rows * x.shape[3] + cols).astype(np.int64)
    return flat


def _avg_divisor(n: int, k: int, s: int, p: int, out: int, include_pad: bool) -> Array:
    """Per-window element count along one axis, as torch: padding counts (if include_pad) but
    the ceil-mode overhang beyond the padding never does."""
    start = np.arange(out) * s  # in padded coordinates
    if include_pad:
        return np.minimum(start + k, n + 2 * p) - start
    return np.minimum(start + k, n + p) - np.maximum(start, p)


def _avg_pool_core(x: Array, k: Ints, s: Ints, p: Ints, out: Ints, count_include_pad: bool,
                   divisor_override: int | None = None) -> tuple[Array, VJP]:
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float32)
    one = (1, 1)
    xp = _padded(x, p, out, k, s, one, 0.0)
    win = windows(xp, k, out, s, one)
    total = np.empty_like(win[:, :, 0, 0])
    np.copyto(total, win[:, :, 0, 0])
    for idx in range(1, k[0] * k[1]):
        total += win[:, :, idx // k[1], idx % k[1]]
    count = np.asarray(divisor_override, dtype=x.dtype) if divisor_override else \
        np.multiply.outer(*[_avg_divisor(n, kk, ss, pp, o, count_include_pad)
                            for n, kk, ss, pp, o in zip(x.shape[2:], k, s, p, out)]
                          ).astype(x.dtype)
    y = total / count

    def vjp(g: Array, needs: Needs) -> Cotangents:
        # each window spreads its cotangent evenly over the entries it averaged
        share = g.astype(x.dtype, copy=False) / count
        gxp = np.zeros_like(xp, dtype=share.dtype)
        for idx in range(k[0] * k[1]):
            rows, cols = offset_slices(idx // k[1], idx % k[1], out, s, one)
            gxp[:, :, rows, cols] += share
        return (gxp[:, :, p[0]:p[0] + x.shape[2], p[1]:p[1] + x.shape[3]],)

    return y, vjp


def _without_height(vjp2: VJP) -> VJP:
    """The VJP of a 1-D pooling computed as the 2-D one on a height of 1 (axis 2)."""

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gx = vjp2(g[:, :, None, :], needs)[0]
        return (None if gx is None else gx[:, :, 0, :],)

    return vjp


@primitive(name="max_pool2d")
def _max_pool2d_rule(x: Operand, kernel_size: Size = 2, stride: Size | None = None,
                     padding: Size = 0, dilation: Size = 1,
                     ceil_mode: bool = False) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 2, "max_pool2d")
    k, s, p, d, out = _geometry("max_pool2d", x.shape, 2, kernel_size, stride, padding,
                                dilation, ceil_mode)
    return drop_batch(*_max_pool_core(x, k, s, p, d, out), added)


@primitive(name="max_pool1d")
def _max_pool1d_rule(x: Operand, kernel_size: Size = 2, stride: Size | None = None,
                     padding: Size = 0, dilation: Size = 1,
                     ceil_mode: bool = False) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 1, "max_pool1d")
    k, s, p, d, out = _geometry("max_pool1d", x.shape, 1, kernel_size, stride, padding,
                                dilation, ceil_mode)
    y, vjp2 = _max_pool_core(x[:, :, None, :], (1, *k), (1, *s), (0, *p), (1, *d), (1, *out))
    return drop_batch(y[:, :, 0, :], _without_height(vjp2), added)


@primitive(name="avg_pool2d")
def _avg_pool2d_rule(x: Operand, kernel_size: Size = 2, stride: Size | None = None,
                     padding: Size = 0, ceil_mode: bool = False, count_include_pad: bool = True,
                     divisor_override: int | None = None) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 2, "avg_pool2d")
    k, s, p, _, out = _geometry("avg_pool2d", x.shape, 2, kernel_size, stride, padding, 1,
                                ceil_mode)
    if divisor_override is not None and (
            not isinstance(divisor_override, (int, np.integer))
            or isinstance(divisor_override, bool) or divisor_override == 0):
        raise ShapeError(f"avg_pool2d: divisor_override must be a non-zero int or None, got "
                         f"{divisor_override!r}")
    return drop_batch(*_avg_pool_core(x, k, s, p, out, count_include_pad, divisor_override),
                      added)


@primitive(name="avg_pool1d")
def _avg_pool1d_rule(x: Operand, kernel_size: Size = 2, stride: Size | None = None,
                     padding: Size = 0, ceil_mode: bool = False,
                     count_include_pad: bool = True) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 1, "avg_pool1d")
    k, s, p, _, out = _geometry("avg_pool1d", x.shape, 1, kernel_size, stride, padding, 1,
                                ceil_mode)
    y, vjp2 = _avg_pool_core(x[:, :, None, :], (1, *k), (1, *s), (0, *p), (1, *out),
                             count_include_pad)
    return drop_batch(y[:, :, 0, :], _without_height(vjp2), added)


def _with_indices(y: Tensor, input: TensorLike, nd: int, op: str, kernel_size: Size,
                  stride: Size | None, padding: Size, dilation: Size,
                  ceil_mode: bool) -> tuple[Tensor, Tensor]:
    """(values, indices) for ``return_indices=True``; the indices carry no gradient."""
    x, added = split_batch(np.asarray(input.data if isinstance(input, Tensor) else input),
                           nd, op)
    k, s, p, d, out = _geometry(op, x.shape, nd, kernel_size, stride, padding, dilation,
                                ceil_mode)
    if nd == 1:
        x, k, s, p, d, out = (x[:, :, None, :], (1, *k), (1, *s), (0, *p), (1, *d), (1, *out))
    idx = _max_pool_indices(x, k, s, p, d, out).reshape(y.shape if not added else
                                                       (1, *y.shape))
    return y, Tensor(idx[0] if added else idx)


@overload
def max_pool2d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ...,
               return_indices: Literal[False] = ...) -> Tensor: ...


@overload
def max_pool2d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ..., *,
               return_indices: Literal[True]) -> tuple[Tensor, Tensor]: ...


@overload
def max_pool2d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ...,
               return_indices: bool = ...) -> Tensor | tuple[Tensor, Tensor]: ...


@declare(section="12", torch="torch.nn.functional.max_pool2d")
def max_pool2d(input: TensorLike, kernel_size: Size, stride: Size | None = None,
               padding: Size = 0, dilation: Size = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Tensor | tuple[Tensor, Tensor]:
    """2-D max pooling of (N, C, H, W) or (C, H, W) input, as torch's max_pool2d.

    Forward:   y[n,c,i,j] = max_{p,q} x̃[n, c, S·i + D·p, S·j + D·q]   (x̃ padded with −∞)
    VJP:       x̄ = δ routed to the arg-max of each window: x̄[a*] += δ[n,c,i,j] where a* is
               the window's arg-max; every other entry of the window gets 0
    Convention: ties go to the first maximal entry in row-major window order (as PyTorch);
               a window holding NaN outputs NaN and routes δ to its last NaN (as PyTorch).
               Overlapping windows add their cotangents. return_indices=True also returns
               each a* as a flat index into the input's H·W plane (torch's convention).
    Note:      stride defaults to the kernel size. When the windows tile the input (the usual
               kernel = stride) and every max and δ is finite, the VJP takes a fast path that
               routes identically without an arg-max array (tested equal bit for bit).
    """
    y = _max_pool2d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                         dilation=dilation, ceil_mode=ceil_mode)
    if return_indices:
        return _with_indices(y, input, 2, "max_pool2d", kernel_size, stride, padding,
                             dilation, ceil_mode)
    return y


@overload
def max_pool1d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ...,
               return_indices: Literal[False] = ...) -> Tensor: ...


@overload
def max_pool1d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ..., *,
               return_indices: Literal[True]) -> tuple[Tensor, Tensor]: ...


@overload
def max_pool1d(input: TensorLike, kernel_size: Size, stride: Size | None = ...,
               padding: Size = ..., dilation: Size = ..., ceil_mode: bool = ...,
               return_indices: bool = ...) -> Tensor | tuple[Tensor, Tensor]: ...


@declare(section="12", torch="torch.nn.functional.max_pool1d")
def max_pool1d(input: TensorLike, kernel_size: Size, stride: Size | None = None,
               padding: Size = 0, dilation: Size = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Tensor | tuple[Tensor, Tensor]:
    """1-D max pooling of (N, C, L) or (C, L) input, as torch's max_pool1d.

    Forward:   y[n,c,i] = max_p x̃[n, c, S·i + D·p]   (x̃ padded with −∞)
    VJP:       x̄ = δ routed to the arg-max of each window, 0 elsewhere in the window
    Convention: ties go to the first (leftmost) maximal entry, NaN to the last NaN, as
               PyTorch; return_indices=True also returns each arg-max as an index into L.
    """
    y = _max_pool1d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                         dilation=dilation, ceil_mode=ceil_mode)
    if return_indices:
        return _with_indices(y, input, 1, "max_pool1d", kernel_size, stride, padding,
                             dilation, ceil_mode)
    return y


@declare(section="12", torch="torch.nn.functional.avg_pool2d")
def avg_pool2d(input: TensorLike, kernel_size: Size, stride: Size | None = None, padding: Size = 0,
               ceil_mode: bool = False, count_include_pad: bool = True,
               divisor_override: int | None = None) -> Tensor:
    """2-D average pooling of (N, C, H, W) or (C, H, W) input, as torch's avg_pool2d.

    Forward:   y[n,c,i,j] = (1/|w|) Σ_{p,q} x̃[n, c, S·i + p, S·j + q]   (x̃ zero-padded)
    VJP:       x̄ = δ spread evenly: every entry of window (i, j) gets δ[n,c,i,j]/|w|
    Convention: |w| counts the zero padding (count_include_pad=True, torch's default) but
               never the ceil-mode overhang; with count_include_pad=False only real entries;
               divisor_override replaces |w| by that number in every window.
    """
    return _avg_pool2d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            ceil_mode=ceil_mode, count_include_pad=count_include_pad,
                            divisor_override=divisor_override)


@declare(section="12", torch="torch.nn.functional.avg_pool1d")
def avg_pool1d(input: TensorLike, kernel_size: Size, stride: Size | None = None, padding: Size = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> Tensor:
    """1-D average pooling of (N, C, L) or (C, L) input, as torch's avg_pool1d.

    Forward:   y[n,c,i] = (1/|w|) Σ_p x̃[n, c, S·i + p]
    VJP:       x̄ = δ spread evenly: every entry of window i gets δ[n,c,i]/|w|
    Convention: |w| as avg_pool2d (padding counted by default, ceil overhang never).
    """
    return _avg_pool1d_rule(input, kernel_size=kernel_size, stride=stride, padding=padding,
                            ceil_mode=ceil_mode, count_include_pad=count_include_pad)
