"""Normalisation rules: batch norm (statistics over the batch, per channel) and layer norm
(statistics over the trailing features, per sample).

Both standardise, x̂ = (x − μ)/σ with σ = √(var + ε) and the *biased* variance, then scale
and shift: y = γ ⊙ x̂ + β. Because μ and σ depend on every entry they are taken over, the
VJP of the standardisation is not elementwise. With ĝ = ȳ ⊙ γ and sums Σ over the n entries
that share one μ and σ, it has the compact form

    x̄ = (1/n)·(1/σ)·(n ĝ − Σĝ − x̂ Σ(ĝ ⊙ x̂))

(from x̄ = (1/σ)(ĝ − mean ĝ − x̂ mean(ĝ ⊙ x̂))). :func:`standardize_vjp` writes it once; both
rules call it. For batch norm γ is constant over each sum, so Σĝ = γ Σȳ = γ β̄ and
Σ(ĝ ⊙ x̂) = γ γ̄: the sums the parameter gradients need anyway give x̄ as well.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from ..distributed.communicator import Communicator, world
from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from .table import declare
from ..dtypes import as_float
from ..validate import check_flag, check_number

__all__ = ["batch_norm", "channel_sum", "layer_norm", "standardize_vjp", "sync_batch_norm"]


def standardize_vjp(g: Array, x_hat: Array, scale: Array, sum_g: Array, sum_gx: Array,
                    n: int) -> Array:
    """x̄ = scale·(g − (Σg + x̂ Σ(g ⊙ x̂))/n) = (scale/n)(n g − Σg − x̂ Σ(g ⊙ x̂)), the sums
    over the n entries that share one μ and σ, passed in (kept as broadcastable axes).

    ``scale`` is 1/σ with g = ĝ (layer norm), or γ/σ with g = ȳ (batch norm, whose γ is
    constant within each sum). Written as three passes into one new array."""
    n = max(n, 1)  # an empty sample has nothing to sum
    gx: Array = np.multiply(g, scale)
    gx -= np.multiply(x_hat, scale * sum_gx / n)
    gx -= scale * sum_g / n
    return gx


def channel_sum(a: Array, b: Array | None = None) -> Array:
    """Σ a (or Σ a ⊙ b, without forming the product) over every axis of (N, C, *) but C, in
    any memory layout."""
    idx = "".join(chr(ord("a") + i) for i in range(a.ndim))
    out: Array = np.einsum(f"{idx}->b", a) if b is None else np.einsum(f"{idx},{idx}->b", a, b)
    return out


def _channel_shape(x: Array) -> tuple[int, ...]:
    """Shape (1, C, 1, …) that broadcasts a per-channel vector over (N, C, *)."""
    return (1, x.shape[1]) + (1,) * (x.ndim - 2)


def _affine(weight: TensorLike | None,
            bias: TensorLike | None) -> tuple[tuple[TensorLike, ...], tuple[bool, bool]]:
    """The scale and shift that are given, as positional arguments, and which they are."""
    return (tuple(v for v in (weight, bias) if v is not None),
            (weight is not None, bias is not None))


def _unpack(params: tuple[Operand, ...],
            given: tuple[bool, bool]) -> tuple[Operand | None, Operand | None]:
    it = iter(params)
    return (next(it) if given[0] else None, next(it) if given[1] else None)


def _param_needs(needs: Needs, given: tuple[bool, bool]) -> tuple[bool, bool]:
    """Whether the scale and the shift need a cotangent (False for one not passed)."""
    flags = iter(needs[1:])
    return (bool(next(flags)) if given[0] else False, bool(next(flags)) if given[1] else False)


def _param_grads(given: tuple[bool, bool], gw: Array | None, gb: Array | None) -> Cotangents:
    """The cotangents of the scale and shift that were passed, in their order."""
    return tuple(g for g, present in zip((gw, gb), given) if present)


@primitive(name="batch_norm")
def _batch_norm_rule(x: Operand, *params: Operand, given: tuple[bool, bool] = (True, True),
                     running_mean: Array | None = None, running_var: Array | None = None,
                     training: bool = False, momentum: float = 0.1,
                     eps: float = 1e-5) -> tuple[Array, VJP]:
    x = as_float(x)
    weight, bias = _unpack(params, given)
    shape = _channel_shape(x)
    n = x.size // x.shape[1]
    if training and n == 0:  # an empty batch, as torch: an empty output, statistics untouched
        mean = var = np.zeros(x.shape[1], x.dtype)
        x_hat = x.copy()
    elif training:
        mean = channel_sum(x) / n
        x_hat = x - mean.reshape(shape)  # centred, standardised in place below
        var = channel_sum(x_hat, x_hat) / n  # biased: divides by n
        _update_running(running_mean, running_var, mean, var, n, momentum)
    else:
        assert running_mean is not None and running_var is not None  # checked by _checked
        mean, var = running_mean, running_var
        x_hat = x - np.reshape(mean, shape).astype(x.dtype, copy=False)
    inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype, copy=False)
    x_hat *= inv_std.reshape(shape)
    y = _scale_shift(x_hat, weight, bias, shape)
    # γ/σ per channel: the VJP's scale
    scale = inv_std if weight is None else inv_std * np.asarray(weight, dtype=x.dtype)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        need_w, need_b = _param_needs(needs, given)
        gb = channel_sum(g) if need_b or (needs[0] and training) else None  # Σȳ
        gw = channel_sum(g, x_hat) if need_w or (needs[0] and training) else None  # Σȳ⊙x̂
        gx = None
        if needs[0] and training and n == 0:
            gx = np.zeros_like(g)
        elif needs[0] and training:
            assert gb is not None and gw is not None  # both computed above when training
            gx = standardize_vjp(g, x_hat, scale.reshape(shape), gb.reshape(shape),
                                 gw.reshape(shape), n)
        elif needs[0]:  # the running statistics are constants
            gx = g * scale.reshape(shape)
        return (gx,) + _param_grads(given, gw if need_w else None, gb if need_b else None)

    return y, vjp


def _update_running(running_mean: Array | None, running_var: Array | None,
                    mean: Array, var: Array, n: int, momentum: float) -> None:
    """(1 − m)·running + m·batch, in place, with the unbiased variance σ²·n/(n − 1)."""
    if running_mean is not None:
        running_mean *= 1 - momentum
        running_mean += momentum * mean
    if running_var is not None:
        running_var *= 1 - momentum
        running_var += momentum * var * (n / (n - 1))


def _scale_shift(x_hat: Array, weight: Operand | None, bias: Operand | None,
                 shape: tuple[int, ...]) -> Array:
    """y = γ x̂ + β into one new array (x̂ is kept for the VJP)."""
    if weight is not None:
        y: Array = np.multiply(x_hat, np.reshape(weight, shape))
        if bias is not None:
            y += np.reshape(bias, shape)
        return y
    return x_hat if bias is None else x_hat + np.reshape(bias, shape)


def _checked(op: str, input: TensorLike, running_mean: Array | None, running_var: Array | None,
             weight: TensorLike | None, bias: TensorLike | None, training: bool,
             momentum: float, eps: float,
             local_values: bool = True) -> tuple[bool, float, float]:
    """The checks batch norm's arguments get; (training, momentum, eps). ``local_values``:
    training needs more than one value per channel in this input (a synchronised batch
    norm checks its whole batch instead)."""
    x = input.data if isinstance(input, Tensor) else np.asarray(input)
    training = check_flag(op, "training", training)
    momentum = check_number(op, "momentum", momentum, lambda m: 0 <= m <= 1,
                            "a number in [0, 1]")
    eps = check_number(op, "eps", eps, lambda e: e >= 0, "a number ≥ 0")
    if x.ndim < 2:
        raise ShapeError(f"{op}: input must be (N, C, *), got shape {x.shape}")
    c = x.shape[1]
    if c == 0:
        raise ShapeError(f"{op}: input of shape {x.shape} has no channels (axis 1)")
    for name, v in (("weight", weight), ("bias", bias), ("running_mean", running_mean),
                    ("running_var", running_var)):
        if v is not None and np.shape(getattr(v, "data", v)) != (c,):
            raise ShapeError(f"{op}: {name} must have shape ({c},) for input of shape "
                             f"{x.shape}, got {np.shape(getattr(v, 'data', v))}")
    if training and local_values and x.size // max(c, 1) == 1:  # an empty batch passes
        raise ShapeError(f"{op}: training needs more than one value per channel; input "
                         f"has shape {x.shape}")
    if not training and (running_mean is None or running_var is None):
        raise ShapeError(f"{op}: evaluation needs running_mean and running_var")
    return training, momentum, eps


@declare(section="15", torch="torch.nn.functional.batch_norm")
def batch_norm(input: TensorLike, running_mean: Array | None, running_var: Array | None,
               weight: TensorLike | None = None, bias: TensorLike | None = None,
               training: bool = False,
               momentum: float = 0.1, eps: float = 1e-5) -> Tensor:
    """Batch normalisation over (N, C, *) per channel (Ioffe & Szegedy, 2015), as
    torch.nn.functional.batch_norm.

    Forward:   training: μ, σ² = mean and biased variance of channel c over N and the spatial
               axes (n entries); x̂ = (x − μ)/√(σ² + ε); y = γ x̂ + β.
               eval: the same with the running statistics in place of μ and σ².
    VJP:       training: x̄ = (1/n)·γ/σ·(n ȳ − Σȳ − x̂ Σ(ȳ ⊙ x̂)),  σ = √(σ² + ε);
               eval: x̄ = ȳ γ/σ;   γ̄ = Σ ȳ ⊙ x̂;   β̄ = Σ ȳ   (sums over all axes but C)
    Jacobian:  training: ∂x̂ᵢ/∂xⱼ = (1/σ)(δᵢⱼ − 1/n − x̂ᵢ x̂ⱼ/n) within a channel
    Convention: in training the running statistics (arrays, updated in place, or None) become
               (1 − m)·running + m·batch, with the *unbiased* variance σ²·n/(n − 1), as
               PyTorch; they carry no gradient. training needs n > 1.
    Stability: ε keeps σ > 0 for a constant channel.
    """
    training, momentum, eps = _checked("batch_norm", input, running_mean, running_var, weight,
                                       bias, training, momentum, eps)
    params, given = _affine(weight, bias)
    return _batch_norm_rule(input, *params, given=given, running_mean=running_mean,
                            running_var=running_var, training=training, momentum=momentum,
                            eps=eps)


@primitive(name="sync_batch_norm")
def _sync_batch_norm_rule(x: Operand, *params: Operand, comm: Communicator,
                          given: tuple[bool, bool] = (True, True),
                          running_mean: Array | None = None, running_var: Array | None = None,
                          momentum: float = 0.1, eps: float = 1e-5) -> tuple[Array, VJP]:
    x = as_float(x)
    weight, bias = _unpack(params, given)
    shape = _channel_shape(x)
    c = x.shape[1]
    # Σx per channel and this rank's count, summed over the ranks in one message (float64,
    # so that a count or a sum of many float32 values stays exact)
    first = np.empty(c + 1)
    first[:c] = channel_sum(x)
    first[c] = x.size // c
    comm.allreduce(first)
    n = int(round(first.item(c)))
    if n <= 1:
        raise ShapeError(f"sync_batch_norm: training needs more than one value per channel; "
                         f"the {comm.size} rank(s) hold {n}")
    mean = (first[:c] / n).astype(x.dtype)
    x_hat = x - mean.reshape(shape)  # centred, standardised in place below
    second = channel_sum(x_hat, x_hat).astype(np.float64)  # Σ(x − μ)²: two passes, stable
    comm.allreduce(second)
    var = (second / n).astype(x.dtype)
    _update_running(running_mean, running_var, mean, var, n, momentum)
    inv_std = (1.0 / np.sqrt(var + eps)).astype(x.dtype, copy=False)
    x_hat *= inv_std.reshape(shape)
    y = _scale_shift(x_hat, weight, bias, shape)
    scale = inv_std if weight is None else inv_std * np.asarray(weight, dtype=x.dtype)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        need_w, need_b = _param_needs(needs, given)
        gb = channel_sum(g)  # this rank's Σȳ and Σȳ⊙x̂: its share of β̄ and γ̄, which are
        gw = channel_sum(g, x_hat)  # summed over the ranks with every other gradient
        gx = None
        if needs[0]:  # the whole batch's two sums, in one message
            sums = np.concatenate([gb, gw]).astype(np.float64)
            comm.allreduce(sums)
            sums = sums.astype(x.dtype)
            gx = standardize_vjp(g, x_hat, scale.reshape(shape), sums[:c].reshape(shape),
                                 sums[c:].reshape(shape), n)
        return (gx,) + _param_grads(given, gw if need_w else None, gb if need_b else None)

    return y, vjp


@declare(section="15")
def sync_batch_norm(input: TensorLike, running_mean: Array | None,
                    running_var: Array | None, weight: TensorLike | None = None,
                    bias: TensorLike | None = None,
                    training: bool = False, momentum: float = 0.1, eps: float = 1e-5,
                    comm: Communicator | None = None) -> Tensor:
    """Batch normalisation with the statistics of the whole batch, its samples split over the
    ranks of ``comm`` (default: :func:`backprop.distributed.world`), as torch.nn.SyncBatchNorm.

    Forward:   training: n, μ = Σx/n and σ² = Σ(x − μ)²/n per channel c, each sum over the
               entries of every rank (one allreduce of (Σx, n), one of Σ(x − μ)²);
               x̂ = (x − μ)/√(σ² + ε); y = γ x̂ + β.  eval: batch_norm's (no message).
    VJP:       training: x̄ = (1/n)·γ/σ·(n ȳ − Σȳ − x̂ Σ(ȳ ⊙ x̂)),  σ = √(σ² + ε), the sums
               Σȳ and Σ(ȳ ⊙ x̂) over every rank (one allreduce of both);
               γ̄ = Σ ȳ ⊙ x̂,  β̄ = Σ ȳ over this rank's entries (summed over the ranks with
               the other gradients)
    Jacobian:  training: ∂x̂ᵢ/∂xⱼ = (1/σ)(δᵢⱼ − 1/n − x̂ᵢ x̂ⱼ/n) for i, j anywhere in the
               whole batch of channel c
    Convention: every rank calls it, forward and backward, in the same order (the messages
               are matched by order); the running statistics as batch_norm's, from the whole
               batch. In one process (world size 1) it is batch_norm.
    Stability: two passes over the data (Σ(x − μ)², not Σx² − nμ²); the sums travel in
               float64.
    """
    training, momentum, eps = _checked("sync_batch_norm", input, running_mean, running_var,
                                       weight, bias, training, momentum, eps,
                                       local_values=False)
    if not training:  # the running statistics: nothing to share
        return batch_norm(input, running_mean, running_var, weight, bias, False, momentum, eps)
    params, given = _affine(weight, bias)
    return _sync_batch_norm_rule(input, *params, given=given, running_mean=running_mean,
                                 running_var=running_var, momentum=momentum, eps=eps,
                                 comm=world() if comm is None else comm)


@primitive(name="layer_norm")
def _layer_norm_rule(x: Operand, *params: Operand, given: tuple[bool, bool] = (True, True),
                     n_axes: int = 1, eps: float = 1e-5) -> tuple[Array, VJP]:
    x = np.asarray(x)
    weight, bias = _unpack(params, given)
    axes = tuple(range(x.ndim - n_axes, x.ndim))
    batch_axes = tuple(range(x.ndim - n_axes))
    n = max(math.prod(x.shape[a] for a in axes), 1)  # no 0/0 for an empty sample
    mean = np.sum(x, axis=axes, keepdims=True) / n
    centred = x - mean
    inv_std = 1.0 / np.sqrt(np.sum(centred * centred, axis=axes, keepdims=True) / n + eps)
    x_hat = centred * inv_std
    y = x_hat if weight is None else x_hat * weight
    if bias is not None:
        y = y + bias

    def vjp(g: Array, needs: Needs) -> Cotangents:
        g_hat = g if weight is None else g * weight
        gx = None
        if needs[0]:
            gx = standardize_vjp(g_hat, x_hat, inv_std, np.sum(g_hat, axis=axes, keepdims=True),
                                 np.sum(g_hat * x_hat, axis=axes, keepdims=True), n)
        need_w, need_b = _param_needs(needs, given)
        gw = np.sum(g * x_hat, axis=batch_axes) if need_w else None
        gb = np.sum(g, axis=batch_axes) if need_b else None
        return (gx,) + _param_grads(given, gw, gb)

    return y, vjp


@declare(section="15", torch="torch.nn.functional.layer_norm")
def layer_norm(input: TensorLike, normalized_shape: int | Sequence[int],
               weight: TensorLike | None = None, bias: TensorLike | None = None,
               eps: float = 1e-5) -> Tensor:
    """Layer normalisation over the trailing ``normalized_shape`` axes of each sample
    (Ba et al., 2016), as torch.nn.functional.layer_norm.

    Forward:   μ, σ² = mean and biased variance of each sample over the D normalised
               entries; x̂ = (x − μ)/√(σ² + ε); y = γ ⊙ x̂ + β (γ, β of normalized_shape)
    VJP:       x̄ = (1/D)·(1/σ)·(D ĝ − Σĝ − x̂ Σ(ĝ ⊙ x̂)) with ĝ = ȳ ⊙ γ, sums over the D entries;
               γ̄ = Σ ȳ ⊙ x̂,  β̄ = Σ ȳ   (sums over the leading, batch axes)
    Jacobian:  ∂x̂ᵢ/∂xⱼ = (1/σ)(δᵢⱼ − 1/D − x̂ᵢ x̂ⱼ/D) within a sample
    Stability: ε keeps σ > 0 for a constant sample.
    """
    one = isinstance(normalized_shape, (int, np.integer)) and not isinstance(normalized_shape, bool)
    shape = (normalized_shape,) if one else normalized_shape
    if not isinstance(shape, (tuple, list)) or not all(
            isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in shape):
        raise ShapeError(f"layer_norm: normalized_shape must be an int or a tuple of ints, got "
                         f"{normalized_shape!r}")
    shape = tuple(int(n) for n in shape)
    eps = check_number("layer_norm", "eps", eps, lambda e: e >= 0, "a number ≥ 0")
    x_shape = np.shape(input.data if isinstance(input, Tensor) else input)
    if not shape or x_shape[len(x_shape) - len(shape):] != shape or len(shape) > len(x_shape):
        raise ShapeError(f"layer_norm: normalized_shape {shape} must be the trailing axes of "
                         f"the input, got input of shape {x_shape}")
    for name, v in (("weight", weight), ("bias", bias)):
        if v is not None and np.shape(getattr(v, "data", v)) != shape:
            raise ShapeError(f"layer_norm: {name} must have shape {shape}, got "
                             f"{np.shape(getattr(v, 'data', v))}")
    params, given = _affine(weight, bias)
    return _layer_norm_rule(input, *params, given=given, n_axes=len(shape), eps=eps)
