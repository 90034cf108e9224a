"""Rules 8–9 of the catalogue: losses, with arguments and defaults as torch.nn.functional.

The fused rules (cross-entropy on logits, BCE on logits) exist for stability and speed: the
gradient with respect to the logits, s − t or σ(a) − y, never divides by a probability.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from ..engine import (VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, as_numeric,
                      primitive)
from ..errors import BackpropError, DTypeError, ShapeError
from .table import declare
from .broadcasting import broadcast_shapes
from ..dtypes import as_float
from ..validate import check_int, check_number
from .activations import max_shift, stable_sigmoid

__all__ = ["cross_entropy", "nll_loss", "mse_loss", "binary_cross_entropy",
           "binary_cross_entropy_with_logits"]

_REDUCTIONS = ("mean", "sum", "none")


def _check_reduction(op: str, reduction: str) -> None:
    if not isinstance(reduction, str) or reduction not in _REDUCTIONS:
        raise BackpropError(f"{op}: reduction must be one of {_REDUCTIONS}, got {reduction!r}")


def _check_finite(op: str, name: str, a: Array) -> None:
    if np.issubdtype(a.dtype, np.floating) and not np.all(np.isfinite(a)):
        raise BackpropError(f"{op}: {name} contains NaN or inf")


def _reduce(op: str, elems: Array, reduction: str,
            divisor: float) -> tuple[Array, float | None]:
    """Apply the reduction; return the value and the factor that scales ȳ back per element.

    The divisor becomes a Python float so that a float32 loss keeps float32 cotangents
    (a NumPy float64 scalar would silently promote the whole backward sweep to float64).
    A divisor of 0 (every label ignored, or every weight 0) gives a mean of 0/0 = NaN and
    a factor of inf, as PyTorch; the rules zero the entries that were ignored."""
    divisor = float(divisor)
    if reduction == "none":
        return elems, None
    total = np.sum(elems)
    if reduction == "sum":
        return total, 1.0
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / divisor, (1.0 / divisor if divisor else math.inf)


def _class_layout(op: str, x: Array) -> tuple[Array, tuple[int, ...]]:
    """(N, C, d1, …) or (C,) → (M, C) with classes last, plus the per-sample shape."""
    if x.ndim == 0:
        raise ShapeError(f"{op}: input must have a class axis; got a scalar (shape ())")
    if x.ndim == 1:
        return x[None, :], ()
    if x.ndim == 2:
        return x, (x.shape[0],)
    moved = np.moveaxis(x, 1, -1)
    return moved.reshape(int(np.prod(moved.shape[:-1])), x.shape[1]), moved.shape[:-1]


def _restore_layout(g2: Array, x_shape: tuple[int, ...]) -> Array:
    if len(x_shape) <= 2:
        return g2.reshape(x_shape)
    n, c, rest = x_shape[0], x_shape[1], x_shape[2:]
    return np.moveaxis(g2.reshape((n,) + rest + (c,)), -1, 1)


def _labels(op: str, target: Array, sample_shape: tuple[int, ...], n_classes: int,
            ignore_index: int) -> Array:
    if target.dtype.kind == "f":
        raise DTypeError(
            f"{op}: target of shape {target.shape} has float dtype {target.dtype}; class "
            f"labels must be integers (or give probabilities with the input's shape "
            f"{sample_shape[:1] + (n_classes,) + sample_shape[1:]})"
        )
    if target.dtype.kind not in "iu":
        raise DTypeError(f"{op}: target must hold integer class labels, got dtype "
                         f"{target.dtype} (shape {target.shape})")
    if target.shape != sample_shape:
        raise ShapeError(
            f"{op}: target has shape {target.shape} but the input needs one label per sample, "
            f"shape {sample_shape}"
        )
    flat = target.reshape(-1)
    bad = (flat != ignore_index) & ((flat < 0) | (flat >= n_classes))
    if np.any(bad):
        raise BackpropError(
            f"{op}: target holds label {flat[bad][0]} outside [0, {n_classes - 1}] "
            f"(the input has {n_classes} classes)"
        )
    return flat


def _class_weights(op: str, weight: TensorLike | None, n_classes: int,
                   dtype: np.dtype[Any]) -> Array | None:
    if weight is None:
        return None
    w = as_numeric(weight, op, "weight").astype(dtype, copy=False)
    if w.shape != (n_classes,):
        raise ShapeError(f"{op}: weight has shape {w.shape}; expected one per class, "
                         f"({n_classes},)")
    return w


def _logp(x2: Array) -> tuple[Array, Array]:
    z = x2 - max_shift(x2, 1)
    e = np.exp(z)
    total = np.sum(e, axis=1, keepdims=True)
    return z - np.log(total), e / total


_UNSIGNED: dict[np.dtype[Any], np.dtype[Any]] = {}  # integer dtype → its unsigned twin


@functools.lru_cache(maxsize=16)
def _row_starts(m: int, c: int) -> Array:
    """0, C, 2C, …, (M − 1)·C: where each row of an (M, C) array starts in its flat view (one
    per batch shape, kept: the loss of every step of a training loop asks for the same)."""
    starts = np.arange(0, m * c, c)
    starts.flags.writeable = False
    return starts


def _plain_cross_entropy(x: Array, target: Array, ignore_index: int,
                         reduction: str) -> tuple[Array, VJP] | None:
    """The common case of the rule below, in as few NumPy calls as it takes: (N, C) logits,
    labels all in [0, C) (none equal to ``ignore_index``), no weight, no smoothing, the mean
    or the sum. The same floating-point operations in the same order as the general path,
    so the same bits. None when the case does not apply: the general path then decides,
    and reports any bad input."""
    m, c = x.shape
    if m == 0 or target.shape != (m,) or 0 <= ignore_index < c:
        return None
    # Seen as unsigned, a negative label is huge: one maximum finds any label outside [0, C).
    unsigned = _UNSIGNED.get(target.dtype)
    if unsigned is None:  # the same width and byte order ('>i8' → '>u8')
        unsigned = _UNSIGNED[target.dtype] = np.dtype(target.dtype.str.replace("i", "u"))
    if np.maximum.reduce(target.view(unsigned)) >= c:
        return None  # a label out of range (or ignored): the general path names it
    z = x - np.maximum.reduce(x, axis=1, keepdims=True)
    e = np.exp(z)
    total = np.add.reduce(e, axis=1, keepdims=True)
    picks = _row_starts(m, c) + target  # where each row's label is in the flat (N·C)
    elems = np.log(total).ravel() - z.ravel()[picks]  # −log sₖ = log Σⱼ e^zⱼ − z_k
    loss = np.add.reduce(elems)
    if not math.isfinite(loss):  # a row with inf or NaN (or a shift that overflowed): the
        return None  # general path's max shift decides what it gives
    scale = 1.0
    if reduction == "mean":
        loss, scale = loss / float(m), 1.0 / m

    def vjp(g: Array, needs: Needs) -> Cotangents:
        if needs[1]:
            raise BackpropError("cross_entropy: integer class labels have no gradient")
        g2 = e / total  # s − onehot, times ȳ
        g2.ravel()[picks] -= 1  # g2 is new and contiguous: ravel is a view
        g2 *= g * scale
        return g2, None

    return np.asarray(loss, dtype=x.dtype), vjp


@primitive(name="cross_entropy")
def _cross_entropy_rule(x: Operand, target: Operand, weight: TensorLike | None = None,
                        ignore_index: int = -100, reduction: str = "mean",
                        label_smoothing: float = 0.0) -> tuple[Array, VJP]:
    op = "cross_entropy"
    x = as_float(x)
    if type(target) is not np.ndarray:  # the engine hands over an ndarray or a Python number
        target = as_numeric(target, op, "target")
    if (weight is None and type(ignore_index) is int and x.ndim == 2 and target.dtype.kind in "iu"
            and isinstance(reduction, str) and reduction in ("mean", "sum")
            and (label_smoothing == 0 and type(label_smoothing) in (int, float))):
        fast = _plain_cross_entropy(x, target, ignore_index, reduction)
        if fast is not None:
            return fast
    x2, sample_shape = _class_layout(op, x)
    m, c = x2.shape
    if m == 0:
        raise ShapeError(f"{op}: empty batch (input shape {x.shape})")
    w = _class_weights(op, weight, c, x.dtype)
    eps = float(check_number(op, "label_smoothing", label_smoothing, lambda e: 0 <= e <= 1,
                             "a number in [0, 1]"))
    ignore_index = check_int(op, "ignore_index", ignore_index)
    logp, s = _logp(x2)
    _check_reduction(op, reduction)
    prob_targets = target.dtype.kind == "f" and target.shape == x.shape
    if prob_targets:
        _check_finite(op, "target", target)
        t2, _ = _class_layout(op, target)
        coef = t2 * (1 - eps) + eps / c if eps else t2
        if w is not None:
            coef = coef * w
        # The product is masked so that 0 · (−inf) for an impossible class counts as 0.
        with np.errstate(invalid="ignore"):
            elems = -np.sum(np.where(coef != 0, coef * logp, 0), axis=1)
        divisor = m
    else:
        # One-hot targets, (1 − ε)·onehot + ε/C when smoothed, kept sparse: the label term
        # picks one log-probability per row; ignored rows weigh 0.
        labels = _labels(op, target, sample_shape, c, ignore_index)
        keep = labels != ignore_index
        rows = np.arange(m)
        # the plain case, t = onehot: ℓ = −log sₖ per sample and x̄ = ȳ ⊙ (s − onehot)
        plain = w is None and not eps and bool(keep.all())
        if plain:
            safe = labels
            elems = -logp[rows, labels]
            divisor = m
        else:
            safe = np.where(keep, labels, 0)
            w_label = (1 - eps) * (keep if w is None else w[safe] * keep)
            with np.errstate(invalid="ignore"):
                elems = -np.where(w_label != 0, w_label * logp[rows, safe], 0)
                if eps:
                    wrow = np.ones(c, dtype=x.dtype) if w is None else w
                    spread = np.sum(np.where(wrow != 0, wrow * logp, 0), axis=1)
                    elems -= np.where(keep, (eps / c) * spread, 0)
            divisor = np.sum(w[safe][keep]) if w is not None else np.sum(keep)
    elems = elems.astype(x.dtype, copy=False)
    out, scale = _reduce(op, elems, reduction, divisor)
    if reduction == "none":
        out = elems.reshape(sample_shape)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gl = g.reshape(-1, 1) if scale is None else g * scale
        gx = g_target = None
        if needs[0]:
            with np.errstate(invalid="ignore"):  # 0 · inf when every label is ignored
                if prob_targets:
                    g2 = (s * np.sum(coef, axis=1, keepdims=True) - coef) * gl
                elif plain:
                    g2 = s.copy()
                    g2[rows, safe] -= 1
                    g2 *= gl
                else:  # s Σt − t with the sparse t above
                    mass = w_label + (eps / c) * np.sum(wrow) * keep if eps else w_label
                    g2 = s * mass.reshape(-1, 1).astype(s.dtype, copy=False)
                    g2[rows, safe] -= w_label.astype(s.dtype, copy=False)
                    if eps:
                        g2 -= (eps / c) * np.outer(keep, wrow).astype(s.dtype, copy=False)
                    g2 *= gl
                    g2[~keep] = 0
            gx = _restore_layout(g2, x.shape)
        if needs[1]:
            if not prob_targets:
                raise BackpropError(f"{op}: integer class labels have no gradient")
            dt = -logp * (1 - eps)
            if w is not None:
                dt = dt * w
            g_target = _restore_layout(dt * gl, x.shape)
        return gx, g_target

    return np.asarray(out, dtype=x.dtype), vjp


@declare(section="8", torch="torch.nn.functional.cross_entropy")
def cross_entropy(input: TensorLike, target: TensorLike, weight: TensorLike | None = None,
                  ignore_index: int = -100, reduction: str = "mean",
                  label_smoothing: float = 0.0) -> Tensor:
    """Cross-entropy of logits against class labels or class probabilities.

    Forward:   ℓ = −Σᵢ tᵢ log_softmax(x)ᵢ   per sample; on probabilities z it is −Σᵢ tᵢ ln zᵢ
    VJP:       x̄ = ȳ ⊙ (s Σᵢ tᵢ − t) = ȳ ⊙ (s − t) when Σ t = 1   (s = softmax(x))
    Jacobian:  w.r.t. probabilities −tᵢ/zᵢ, undefined at zᵢ = 0 — the reason to work on logits
    Stability: fused rule on the logits with the max shift: finite for logits of ±1e4.
    Convention: with reduction 'mean', when every label is ``ignore_index`` or every weight is
               0 the loss is 0/0 = NaN, as PyTorch; the gradient is then 0 for ignored
               samples and NaN for the others. Integer logits compute in float64.

    ``input`` is (N, C), (C,) or (N, C, d1, …); ``target`` holds integer labels of the
    per-sample shape or probabilities of the input's shape. ``weight`` (C,) scales each
    class, ``label_smoothing`` ε mixes t with the uniform distribution: t ← (1−ε)t + ε/C.
    Reduction 'mean' divides by the summed weight of the labels (by N for probability
    targets), as PyTorch does; samples whose label is ``ignore_index`` count for nothing.
    """
    return _cross_entropy_rule(input, target, weight=weight, ignore_index=ignore_index,
                               reduction=reduction, label_smoothing=label_smoothing)


@primitive(name="nll_loss")
def _nll_rule(x: Operand, target: Operand, weight: TensorLike | None = None,
              ignore_index: int = -100, reduction: str = "mean") -> tuple[Array, VJP]:
    op = "nll_loss"
    x = as_float(x)
    x2, sample_shape = _class_layout(op, x)
    m, c = x2.shape
    if m == 0:
        raise ShapeError(f"{op}: empty batch (input shape {x.shape})")
    ignore_index = check_int(op, "ignore_index", ignore_index)
    labels = _labels(op, as_numeric(target, op, "target"), sample_shape, c, ignore_index)
    _check_reduction(op, reduction)
    w = _class_weights(op, weight, c, x.dtype)
    keep = labels != ignore_index
    safe = np.where(keep, labels, 0)
    wl = (np.ones(m, dtype=x.dtype) if w is None else w[safe]) * keep
    elems = -x2[np.arange(m), safe] * wl
    out, scale = _reduce(op, elems, reduction, np.sum(wl))
    if reduction == "none":
        out = elems.reshape(sample_shape)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gl = g.reshape(-1) if scale is None else g * scale
        g2 = np.zeros_like(x2)
        with np.errstate(invalid="ignore"):  # 0 · inf when every label is ignored
            g2[np.arange(m), safe] = np.where(keep, -wl * gl, 0)
        return _restore_layout(g2, x.shape), None

    return np.asarray(out, dtype=x.dtype), vjp


@declare(section="9", torch="torch.nn.functional.nll_loss")
def nll_loss(input: TensorLike, target: TensorLike, weight: TensorLike | None = None,
             ignore_index: int = -100, reduction: str = "mean") -> Tensor:
    """Negative log-likelihood of log-probabilities at integer class labels.

    Forward:   ℓ = −w_y · x_y   per sample (x holds log-probabilities)
    VJP:       x̄ = −ȳ w_y at the label's entry, 0 elsewhere
    Identity:  nll_loss(log_softmax(x), y) = cross_entropy(x, y)
    Convention: with reduction 'mean', when every label is ``ignore_index`` or every weight is
               0 the loss is 0/0 = NaN, as PyTorch; the gradient is then 0 for ignored
               samples and NaN at the labels of the others.
    """
    return _nll_rule(input, target, weight=weight, ignore_index=ignore_index, reduction=reduction)


def _same_shape(op: str, x: Array, t: Array) -> None:
    if x.shape != t.shape:
        raise ShapeError(f"{op}: input has shape {x.shape} but target has shape {t.shape}; "
                         f"they must match")
    if x.size == 0:
        raise ShapeError(f"{op}: empty input (shape {x.shape})")


@primitive(name="mse_loss")
def _mse_rule(x: Operand, t: Operand, reduction: str = "mean") -> tuple[Array, VJP]:
    x, t = as_float(x), as_float(t)
    _same_shape("mse_loss", x, t)
    _check_reduction("mse_loss", reduction)
    d = x - t
    out, scale = _reduce("mse_loss", d * d, reduction, d.size)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gd = 2 * d * (g if scale is None else g * scale)
        return (gd if needs[0] else None, -gd if needs[1] else None)

    return np.asarray(out, dtype=d.dtype), vjp


@declare(section="9", torch="torch.nn.functional.mse_loss")
def mse_loss(input: TensorLike, target: TensorLike, reduction: str = "mean") -> Tensor:
    """Mean squared error.

    Forward:   ℓ = (1/n) Σᵢ (xᵢ − tᵢ)²
    VJP:       x̄ = ȳ · 2(x − t)/n,  t̄ = −x̄
    Note:      after a sigmoid, ∂ℓ/∂a = 2(σ(a) − y) σ(a)(1 − σ(a))/n vanishes for confidently
               wrong logits, unlike cross-entropy's σ(a) − y.
    Convention: integer inputs compute in float64 (mse_loss([1, 2], [0, 0]) = 2.5), the
               promotion rule of every op whose value leaves the integers.
    """
    return _mse_rule(input, target, reduction=reduction)


_BCE_EPS = 1e-12


def _check_probabilities(op: str, t: Array) -> None:
    """Targets of a binary cross-entropy are probabilities: outside [0, 1] (or NaN) the
    formula still gives a number — a negative "loss" with a gradient pointing past 0 or 1 —
    which no caller could mean, so they are refused (PyTorch computes it silently)."""
    if t.size and not (np.all(t >= 0) and np.all(t <= 1)):
        bad = t[~((t >= 0) & (t <= 1))].reshape(-1)[0]
        raise BackpropError(f"{op}: target must hold probabilities in [0, 1], got {bad} "
                            f"(target of shape {t.shape})")


def _elementwise_weight(op: str, name: str, weight: TensorLike,
                        shape: tuple[int, ...]) -> Array:
    """A weight that must broadcast to the input's shape without changing it."""
    w = as_numeric(weight, op, name)
    if broadcast_shapes(op, input=shape, **{name: w.shape}) != shape:
        raise ShapeError(f"{op}: {name} of shape {w.shape} does not broadcast to the input's "
                         f"shape {shape}")
    return w


@primitive(name="binary_cross_entropy")
def _bce_rule(x: Operand, t: Operand, weight: TensorLike | None = None,
              reduction: str = "mean") -> tuple[Array, VJP]:
    op = "binary_cross_entropy"
    x, t = as_float(x), as_float(t)
    _same_shape(op, x, t)
    _check_reduction(op, reduction)
    _check_probabilities(op, t)
    if np.any((x < 0) | (x > 1)) or not np.all(np.isfinite(x)):
        raise BackpropError(f"{op}: input must hold probabilities in [0, 1] "
                            f"(use binary_cross_entropy_with_logits on logits)")
    with np.errstate(divide="ignore"):
        # PyTorch clamps each log at −100 so that z = 0 or 1 gives a finite loss.
        logx = np.maximum(np.log(x), -100)
        log1mx = np.maximum(np.log1p(-x), -100)
    elems = -(t * logx + (1 - t) * log1mx)
    if weight is not None:
        weight = _elementwise_weight(op, "weight", weight, x.shape)
        elems = elems * weight
    out, scale = _reduce(op, elems, reduction, elems.size)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gs = g if scale is None else g * scale
        if weight is not None:
            gs = gs * weight
        gx = g_target = None
        if needs[0]:
            gx = gs * (x - t) / np.maximum(x * (1 - x), _BCE_EPS)
        if needs[1]:
            g_target = gs * (log1mx - logx)
        return gx, g_target

    return np.asarray(out, dtype=x.dtype), vjp


@declare(section="9", torch="torch.nn.functional.binary_cross_entropy")
def binary_cross_entropy(input: TensorLike, target: TensorLike, weight: TensorLike | None = None,
                         reduction: str = "mean") -> Tensor:
    """Binary cross-entropy of probabilities z against targets y ∈ [0, 1] (a target outside
    [0, 1], or NaN, is refused).

    Forward:   ℓ = −[y ln z + (1 − y) ln(1 − z)]   (each log clamped at −100, as PyTorch)
    VJP:       z̄ = ȳ (z − y) / (z (1 − z))   (denominator clamped at 1e-12)
    Note:      prefer binary_cross_entropy_with_logits: composed with σ the gradient is σ(a) − y.
    """
    return _bce_rule(input, target, weight=weight, reduction=reduction)


@primitive(name="binary_cross_entropy_with_logits")
def _bce_logits_rule(x: Operand, t: Operand, weight: TensorLike | None = None,
                     reduction: str = "mean",
                     pos_weight: TensorLike | None = None) -> tuple[Array, VJP]:
    op = "binary_cross_entropy_with_logits"
    x, t = as_float(x), as_float(t)
    _same_shape(op, x, t)
    _check_reduction(op, reduction)
    _check_probabilities(op, t)
    if weight is not None:
        weight = _elementwise_weight(op, "weight", weight, x.shape)
    if pos_weight is not None:
        pos_weight = _elementwise_weight(op, "pos_weight", pos_weight, x.shape)
    sp_neg = np.maximum(-x, 0) + np.log1p(np.exp(-np.abs(x)))  # ζ(−x) = −log σ(x)
    coef = 1 if pos_weight is None else 1 + (pos_weight - 1) * t
    elems = (1 - t) * x + coef * sp_neg
    if weight is not None:
        elems = elems * weight
    out, scale = _reduce(op, elems, reduction, elems.size)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gs = g if scale is None else g * scale
        if weight is not None:
            gs = gs * weight
        gx = g_target = None
        if needs[0]:
            sig = stable_sigmoid(x)
            gx = gs * ((1 - t) - coef * (1 - sig))  # = σ(x) − y when pos_weight is None
        if needs[1]:
            extra = 0 if pos_weight is None else (pos_weight - 1) * sp_neg
            g_target = gs * (-x + extra)
        return gx, g_target

    return np.asarray(out, dtype=np.result_type(x, np.float32)), vjp


@declare(section="9", torch="torch.nn.functional.binary_cross_entropy_with_logits")
def binary_cross_entropy_with_logits(input: TensorLike, target: TensorLike,
                                     weight: TensorLike | None = None, reduction: str = "mean",
                                     pos_weight: TensorLike | None = None) -> Tensor:
    """Binary cross-entropy on logits a (σ fused in), against targets y ∈ [0, 1] (a target
    outside [0, 1], or NaN, is refused: PyTorch computes a meaningless negative loss).

    Forward:   ℓ = (1 − y) a + ζ(−a) = max(a, 0) − a y + ln(1 + e^(−|a|))
    VJP:       ā = ȳ (σ(a) − y);  with pos_weight p: ā = ȳ [(1 − y) − (1 + (p − 1) y)(1 − σ(a))]
    Stability: ζ(−a) = max(−a, 0) + log1p(e^(−|a|)), finite for a = ±1e4.
    Identity:  2-class softmax cross-entropy equals this on the logit difference.
    """
    return _bce_logits_rule(input, target, weight=weight, reduction=reduction,
                            pos_weight=pos_weight)
