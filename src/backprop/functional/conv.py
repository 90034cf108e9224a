"""Rule 11 of the catalogue: convolution layers (cross-correlation, as deep learning uses it).

Shapes follow torch: input (N, C, H, W), weight (O, C/groups, KH, KW), output (N, O, OH, OW);
the 1-D rule is the 2-D one with H = KH = 1. Along each spatial axis, with stride S, padding
P (P_lo + P_hi when asymmetric), dilation D and kernel size K::

    out = ⌊(W + 2P − D(K−1) − 1) / S⌋ + 1

Inside, the work is two matrix products (im2col): the padded input is read through a strided
view of shape (C, KH, KW, OH, OW, N) and copied once into a contiguous column matrix, so
that the forward pass is W (O × C·KH·KW) @ cols and both gradients are matrix products too.
Arrays are kept batch-last (C, H, W, N) in memory: the public results are NCHW *views* of
them, the next convolution reads its input in place, im2col and col2im move rows of OW·N
contiguous numbers, and δ comes back in the order of the columns (no transpose copies).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .table import declare
from .. import kernels
from ..kernels.workspace import WORKSPACE
from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from .array_ops import reshape
from .scratch import SCRATCH
from .shapes import (Pads, check_buffer, drop_batch, ntuple, output_sizes, resolve_padding,
                     split_batch, windows)

__all__ = ["conv1d", "conv2d", "conv_output_shape", "convolve"]


def conv_output_shape(input_shape: Sequence[int], out_channels: int,
                      kernel_size: int | Sequence[int], stride: Any = 1, padding: Any = 0,
                      dilation: Any = 1, op: str = "conv2d") -> tuple[int, ...]:
    """Output shape (O, *spatial) of a convolution of an input (C, *spatial), no batch axis.

    Each spatial size is ⌊(W + 2P − D(K−1) − 1)/S⌋ + 1; raises :class:`ShapeError` when the
    dilated kernel is larger than the padded input.
    """
    spatial = tuple(int(s) for s in input_shape[1:])
    nd = len(spatial)
    k = ntuple(kernel_size, nd, "kernel_size", op)
    s = ntuple(stride, nd, "stride", op)
    d = ntuple(dilation, nd, "dilation", op)
    pads = resolve_padding(padding, spatial, k, s, d, op)
    return (int(out_channels), *output_sizes(op, tuple(input_shape), spatial, k, s, d, pads))


def _padded_chwn(x: Array, pads: Pads) -> Array:
    """x (N, C, H, W) as a batch-last (C, Hp, Wp, N) array, zero-padded.

    No copy when there is no padding (the transposed view is read through strides, and is
    contiguous when x is the output of a convolution); else a scratch array, which the
    caller gives back."""
    xc = x.transpose(1, 2, 3, 0)
    (t, b), (l, r) = pads
    if t == b == l == r == 0:
        return xc
    C, H, W, N = xc.shape
    xp = SCRATCH.take((C, H + t + b, W + l + r, N), x.dtype)
    xp.fill(0)
    xp[:, t:t + H, l:l + W] = xc
    return xp


# -- the rule ----------------------------------------------------------------------------------
def _check(op: str, x: Array, w: Array, b: Operand | None, groups: int,
           nd: int) -> None:
    """Weight, bias and groups against an input that already has its batch axis."""
    wlayout = "(out_channels, in_channels/groups, K)" if nd == 1 else \
        "(out_channels, in_channels/groups, KH, KW)"
    if w.ndim != nd + 2:
        raise ShapeError(f"{op}: expected a {nd + 2}-D weight {wlayout}, got shape {w.shape}")
    if not isinstance(groups, (int, np.integer)) or isinstance(groups, bool) or groups <= 0:
        raise ShapeError(f"{op}: groups must be a positive int, got {groups!r}")
    if w.shape[0] % groups:
        raise ShapeError(f"{op}: out_channels ({w.shape[0]}, weight shape {w.shape}) is not "
                         f"divisible by groups={groups}")
    if x.shape[1] != w.shape[1] * groups:
        raise ShapeError(f"{op}: input has {x.shape[1]} channels (shape {x.shape}) but weight "
                         f"expects {w.shape[1] * groups} (weight shape {w.shape}"
                         f"{f', groups={groups}' if groups > 1 else ''})")
    if b is not None and np.shape(b) != (w.shape[0],):
        raise ShapeError(f"{op}: bias has shape {np.shape(b)}; expected ({w.shape[0]},)")


def _conv2d_core(x: Array, w: Array, b: Operand | None, stride: tuple[int, int], padding: Any,
                 dilation: tuple[int, int], groups: int, flip: bool, op: str) -> tuple[Array, VJP]:
    """Forward and VJP on 4-D arrays; ``op`` names the public function in errors."""
    dtype = np.result_type(x, w, np.float32)
    x = np.asarray(x, dtype=dtype)
    w = np.asarray(w, dtype=dtype)
    N, C, H, W = x.shape
    O, Cg, KH, KW = w.shape
    k, s, d = (KH, KW), stride, dilation
    pads = resolve_padding(padding, (H, W), k, s, d, op, mirror=flip)
    if op == "conv1d":  # the height axis is a dummy of size 1
        OH, (OW,) = 1, output_sizes(op, (N, C, W), (W,), (KW,), s[1:], d[1:], pads[1:])
    else:
        OH, OW = output_sizes(op, x.shape, (H, W), k, s, d, pads)
    shown = x.shape if op == "conv2d" else (N, C, W)
    check_buffer(op, "padded input", (N, C, H + sum(pads[0]), W + sum(pads[1])), shown)
    check_buffer(op, "column buffer (C·KH·KW, N·OH·OW)", (C * KH * KW, N * OH * OW), shown)
    check_buffer(op, "output", (N, O, OH, OW), shown)
    G, Og = groups, O // groups
    if flip:  # true convolution = correlation with the kernel reversed along every axis
        w = w[:, :, ::-1, ::-1]
    wm = w.reshape(G, Og, Cg * KH * KW)

    xp = _padded_chwn(x, pads)
    # im2col: one copy into a contiguous (G, Cg·KH·KW, OH·OW·N) buffer; then BLAS does the rest.
    # Batch last: at stride 1 each row of the copy is OW·N contiguous numbers. The buffer is
    # scratch, reused once the VJP that reads it is gone.
    buf = SCRATCH.take((C, KH, KW, OH, OW, N), dtype)
    np.copyto(buf, windows(xp.transpose(0, 3, 1, 2), k, (OH, OW), s, d)
              .transpose(0, 2, 3, 4, 5, 1))
    cols = buf.reshape(G, Cg * KH * KW, OH * OW * N)
    if xp.base is None:  # a padded copy, read only by im2col
        SCRATCH.give(xp)
    out = np.matmul(wm[0], cols[0], out=WORKSPACE.empty((O, OH * OW * N), dtype)) if G == 1 \
        else np.matmul(wm, cols)
    out = out.reshape(O, OH, OW, N)
    if b is not None:
        out += np.asarray(b, dtype=dtype)[:, None, None, None]

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gx = gw = gb = None
        g = g.astype(dtype, copy=False)  # a float64 cotangent must not drag BLAS to float64
        # δ batch-last, as a (G, Og, OH·OW·N) matrix: the columns of cols, in the same order
        # (no copy when δ came back through elementwise rules from this output)
        gq = np.ascontiguousarray(g.transpose(1, 2, 3, 0)).reshape(G, Og, OH * OW * N)
        if len(needs) > 2 and needs[2]:
            gb = gq.reshape(O, -1).sum(axis=1)
        if needs[1]:  # W̄ = δ ⋆ x: correlation of the input with δ, as δ @ colsᵀ = (cols @ δᵀ)ᵀ
            # (the second form: BLAS reads the long axis of both operands in order, and was
            # faster at every conv shape measured, at 1 and 2 threads)
            gw = (cols[0] @ gq[0].T).T if G == 1 else \
                np.matmul(cols, gq.transpose(0, 2, 1)).transpose(0, 2, 1)
            gw = gw.reshape(O, Cg, KH, KW)
            if flip:
                gw = gw[:, :, ::-1, ::-1]
            gw = np.ascontiguousarray(gw)
        if needs[0]:  # x̄ = full convolution of δ with the flipped kernel, as col2im(Wᵀ δ)
            gbuf = SCRATCH.take((G, Cg * KH * KW, OH * OW * N), dtype)
            if G == 1:
                np.matmul(wm[0].T, gq[0], out=gbuf[0])
            else:
                np.matmul(wm.transpose(0, 2, 1), gq, out=gbuf)
            gcols = gbuf.reshape(C, KH, KW, OH, OW, N)
            gxp = kernels.active().col2im(  # overwrites all of its last argument
                gcols, s, d, WORKSPACE.empty((C, H + sum(pads[0]), W + sum(pads[1]), N), dtype))
            SCRATCH.give(gbuf)
            (t, _), (l, _) = pads
            gx = gxp[:, t:t + H, l:l + W].transpose(3, 0, 1, 2)
        return gx, gw, gb

    SCRATCH.give_when_dead(vjp, buf)
    return out.transpose(3, 0, 1, 2), vjp


@primitive(name="conv2d")
def _conv2d_rule(x: Operand, weight: Operand, bias: Operand | None = None,
                 stride: tuple[int, int] = (1, 1), padding: Any = 0,
                 dilation: tuple[int, int] = (1, 1), groups: int = 1,
                 flip: bool = False) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 2, "conv2d")
    weight = np.asarray(weight)
    _check("conv2d", x, weight, bias, groups, 2)
    return drop_batch(*_conv2d_core(x, weight, bias, stride, padding, dilation, groups, flip,
                                    "conv2d"), added)


@primitive(name="conv1d")
def _conv1d_rule(x: Operand, weight: Operand, bias: Operand | None = None,
                 stride: tuple[int] = (1,), padding: Any = 0, dilation: tuple[int] = (1,),
                 groups: int = 1, flip: bool = False) -> tuple[Array, VJP]:
    x, added = split_batch(np.asarray(x), 1, "conv1d")
    weight = np.asarray(weight)
    _check("conv1d", x, weight, bias, groups, 1)
    if not isinstance(padding, str):
        padding = ((0, 0), resolve_padding(padding, x.shape[2:], weight.shape[2:], stride,
                                           dilation, "conv1d")[0])
    out, vjp2 = _conv2d_core(x[:, :, None, :], weight[:, :, None, :], bias, (1, *stride),
                             padding, (1, *dilation), groups, flip, "conv1d")

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gx, gw, gb = vjp2(g[:, :, None, :], needs)
        return (None if gx is None else gx[:, :, 0, :],
                None if gw is None else gw[:, :, 0, :], gb)

    return drop_batch(out[:, :, 0, :], vjp, added)


@declare(section="11", torch="torch.nn.functional.conv2d")
def conv2d(input: TensorLike, weight: TensorLike, bias: TensorLike | None = None,
           stride: int | Sequence[int] = 1, padding: Any = 0,
           dilation: int | Sequence[int] = 1, groups: int = 1, convolve: bool = False) -> Tensor:
    """2-D cross-correlation of a batch of images with a bank of filters (torch's conv2d).

    Forward:   y[n,o,i,j] = b[o] + Σ_{c,p,q} W[o,c,p,q] · x̃[n, g(o)·C/G + c, S·i + D·p, S·j + D·q]
               (x̃ = x zero-padded; output size ⌊(W + 2P − D(K−1) − 1)/S⌋ + 1 per axis)
    VJP:       x̄ = full convolution of δ (dilated by S: S−1 zeros between entries) with the
               kernel flipped in both axes and dilated by D, cropped by the padding;
               W̄[o,c,p,q] = Σ_{n,i,j} δ[n,o,i,j] · x̃[n,c,S·i + D·p, S·j + D·q]  (correlation of
               x with δ);  b̄[o] = Σ_{n,i,j} δ[n,o,i,j]
    Note:      im2col: cols = windows of x̃, y = W·cols, W̄ = δ·colsᵀ, x̄ = col2im(Wᵀ·δ); col2im
               adds each kernel offset's slice of Wᵀ·δ back at its strided position, which
               sums exactly the terms of the full convolution above. No gradient is computed
               for an input that does not need one (e.g. the images of the first layer).
    Convention: padding is an int, a pair, a pair of (before, after) pairs, 'valid' (P = 0),
               'full' (P = D(K−1)) or 'same' (⌈n/S⌉ outputs; an odd total padding puts the
               extra zero after the input, as torch and JAX). convolve=True flips the kernel
               (signal-processing convolution, as numpy.convolve and scipy.signal.convolve2d)
               and mirrors the extra 'same' zero to before the input, as those do.

    input (N, C, H, W), or (C, H, W) for one image (the output has no batch axis either);
    weight (O, C/groups, KH, KW); bias (O,) or None; stride, padding and dilation an int or a
    pair; groups split the channels into independent convolutions. Other padding modes
    (reflect, replicate, circular): pad the input with :func:`pad` first, as nn.Conv2d does.
    """
    if bias is None:
        return _conv2d_rule(input, weight, stride=ntuple(stride, 2, "stride", "conv2d"),
                            padding=padding, dilation=ntuple(dilation, 2, "dilation", "conv2d"),
                            groups=groups, flip=bool(convolve))
    return _conv2d_rule(input, weight, bias, stride=ntuple(stride, 2, "stride", "conv2d"),
                        padding=padding, dilation=ntuple(dilation, 2, "dilation", "conv2d"),
                        groups=groups, flip=bool(convolve))


@declare(section="11", torch="torch.nn.functional.conv1d")
def conv1d(input: TensorLike, weight: TensorLike, bias: TensorLike | None = None,
           stride: int | Sequence[int] = 1, padding: Any = 0,
           dilation: int | Sequence[int] = 1, groups: int = 1, convolve: bool = False) -> Tensor:
    """1-D cross-correlation of a batch of signals with a bank of filters (torch's conv1d).

    Forward:   y[n,o,i] = b[o] + Σ_{c,p} W[o,c,p] · x̃[n, g(o)·C/G + c, S·i + D·p]
               (output length ⌊(L + 2P − D(K−1) − 1)/S⌋ + 1)
    VJP:       x̄ = full convolution of the S-dilated δ with the flipped, D-dilated kernel,
               cropped by the padding;  W̄[o,c,p] = Σ_{n,i} δ[n,o,i] · x̃[n,c,S·i + D·p];
               b̄[o] = Σ_{n,i} δ[n,o,i]
    Note:      the 2-D rule with a height of 1 (same im2col, same code).
    Convention: padding as conv2d; convolve=True flips the kernel: conv1d(x, w, padding=m,
               convolve=True) equals numpy.convolve(x, w, mode=m) for m in full/same/valid.

    input (N, C, L) or (C, L); weight (O, C/groups, K); bias (O,) or None.
    """
    args = (input, weight) if bias is None else (input, weight, bias)
    return _conv1d_rule(*args, stride=ntuple(stride, 1, "stride", "conv1d"), padding=padding,
                        dilation=ntuple(dilation, 1, "dilation", "conv1d"), groups=groups,
                        flip=bool(convolve))


@declare(section="11")
def convolve(a: TensorLike, v: TensorLike, mode: str = "full") -> Tensor:
    """Discrete convolution of two 1-D sequences, as numpy.convolve, differentiable in both.

    Forward:   (a ∗ v)[n] = Σ_m a[m] · v[n − m]   (modes 'full', 'same', 'valid')
    VJP:       ā = δ ⋆ v (correlation with v),  v̄ = δ ⋆ a   (via conv1d with convolve=True)
    Note:      composed from conv1d; like numpy the longer sequence is the signal, so
               'same' has max(len a, len v) outputs. [1,1,4,4,4,1,1] ∗ [¼,¼,¼] gives
               full [1,2,6,9,12,9,6,2,1]/4, same [2,6,9,12,9,6,2]/4, valid [6,9,12,9,6]/4.
    """
    if np.ndim(a) != 1 or np.ndim(v) != 1:
        raise ShapeError(f"convolve: both arguments must be 1-D, got shapes {np.shape(a)} and "
                         f"{np.shape(v)}")
    if mode not in ("full", "same", "valid"):
        raise ShapeError(f"convolve: mode must be 'full', 'same' or 'valid', got {mode!r}")
    if 0 in (np.shape(a)[0], np.shape(v)[0]):
        raise ShapeError(f"convolve: both sequences must be non-empty, got shapes "
                         f"{np.shape(a)} and {np.shape(v)}")
    if np.shape(v)[0] > np.shape(a)[0]:  # it commutes; numpy takes the longer one as the signal
        a, v = v, a
    y = conv1d(reshape(a, shape=(1, 1, -1)), reshape(v, shape=(1, 1, -1)), padding=mode,
               convolve=True)
    return reshape(y, shape=(-1,))

