"""Activations: sigmoid, tanh, softplus, relu and its family (leaky relu, ELU, GELU exact and
tanh, SiLU), the steps (heaviside, sign), softmax and its relatives (rules 1–7 and 14).

``s = softmax(x)``, ``σ`` the logistic sigmoid, ``⊙`` elementwise. Every VJP that the math
allows is written from the saved output (σ′ = σ(1−σ), tanh′ = 1 − y²). The convention at a
kink is written down and chosen as PyTorch chooses it, so that gradients agree to rounding.
"""

from __future__ import annotations

import math
import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from .. import kernels
from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import BackpropError
from .table import declare
from .broadcasting import Axes, broadcast_shapes, normalize_axes, pick_axis, unbroadcast
from ..dtypes import as_float, read_dtype
from ..validate import check_flag, check_number

__all__ = ["sigmoid", "tanh", "relu", "softplus", "heaviside", "sign", "softmax",
           "log_softmax", "logsumexp", "leaky_relu", "elu", "gelu", "silu"]



def max_shift(x: Array, axis: Axes) -> Array:
    """The max shift of softmax, log-softmax and logsumexp: max of ``x`` over ``axis``
    (kept as size-1 axes), a constant of the rule through which no gradient flows.

    A slice that is empty, or all −inf, is shifted by 0 so that it stays −inf (or empty)
    instead of becoming NaN."""
    m = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
    return np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)


def stable_sigmoid(x: ArrayLike) -> Array:
    """Branch-stable σ on arrays: exp is only ever taken of −|x| ≤ 0, so it never overflows.

    With e = e^(−|x|): σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) for x < 0; the second
    branch is the first times e, applied in place under a mask (np.where is several
    times slower here)."""
    x = as_float(x)
    e = np.asarray(np.exp(-np.abs(x)))
    out = np.empty_like(e)
    np.divide(1, 1 + e, out=out)
    np.multiply(out, e, out=out, where=x < 0)
    return out


@declare(section="1", latex=(r"\sigma", "sigmoid", "sigm"), python=("sigmoid", "logistic", "expit"),
         elementwise=True, torch="torch.sigmoid", methods=("sigmoid",))
@primitive
def sigmoid(x: Operand) -> tuple[Array, VJP]:
    """Logistic sigmoid, elementwise.

    Forward:   σ(x) = 1 / (1 + e^(−x))
    VJP:       x̄ = ȳ ⊙ σ(x) ⊙ (1 − σ(x))   (from the saved output y = σ(x))
    Jacobian:  diag(σ(x) ⊙ (1 − σ(x)))
    Stability: branch-stable form σ(x) = 1/(1 + e^(−|x|)) for x ≥ 0 and e^(−|x|)/(1 + e^(−|x|))
               for x < 0, so x = ±1e4 gives exactly 1 and 0 with no overflow.
    """
    y = stable_sigmoid(x)
    return y, lambda g, needs: (g * y * (1 - y),)


@declare(section="2", latex=(r"\tanh", "tanh"), elementwise=True, torch="torch.tanh",
         methods=("tanh",))
@primitive
def tanh(x: Operand) -> tuple[Array, VJP]:
    """Hyperbolic tangent, elementwise.

    Forward:   tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x)) = 2σ(2x) − 1
    VJP:       x̄ = ȳ ⊙ (1 − y²)   (from the saved output y = tanh x)
    Jacobian:  diag(1 − tanh²(x))
    """
    y = np.tanh(as_float(x))
    return y, lambda g, needs: (g * (1 - y * y),)


@declare(section="4", latex=("relu", "ReLU"), elementwise=True, torch="torch.relu",
         methods=("relu",))
@primitive
def relu(x: Operand) -> tuple[Array, VJP]:
    """Rectified linear unit, elementwise.

    Forward:   relu(x) = max(0, x) = x · H(x)
    VJP:       x̄ = ȳ ⊙ H(x), with H(x) = 1 for x > 0 and 0 otherwise
    Convention: the derivative at x = 0 is taken as 0, as PyTorch and JAX.
    """
    k = kernels.active()  # the forward's kernels compute its VJP too
    y = k.relu(x)
    return y, lambda g, needs: (k.relu_backward(g, y),)


@declare(section="3", latex=(r"\zeta", "softplus"), elementwise=True,
         torch="torch.nn.functional.softplus")
@primitive
def softplus(x: Operand, beta: float = 1.0,
             threshold: float | None = 20.0) -> tuple[Array, VJP]:
    """Softplus, a smooth relu, elementwise (PyTorch's ``beta`` and ``threshold``).

    Forward:   ζ(x) = (1/β) ln(1 + e^(βx)), and ζ(x) = x where βx > threshold
    VJP:       x̄ = ȳ ⊙ σ(βx), and x̄ = ȳ where βx > threshold
    Identities: ζ′ = σ;  log σ(x) = −ζ(−x);  ζ(x) − ζ(−x) = x   (β = 1, no threshold)
    Stability: computed as (max(βx, 0) + log1p(e^(−|βx|)))/β, finite for x = ±1e4.
    Convention: threshold=None (or inf) switches the linear cut-off off, giving the exact ζ.
    """
    beta = check_number("softplus", "beta", beta, lambda b: b != 0 and np.isfinite(b),
                        "a finite non-zero number")
    if threshold is not None:
        threshold = check_number("softplus", "threshold", threshold)
    x = as_float(x)
    bx = np.asarray(x * beta)
    y = (np.maximum(bx, 0) + np.log1p(np.exp(-np.abs(bx)))) / beta
    linear = None
    if threshold is not None and np.isfinite(threshold):
        linear = bx > threshold
        y = np.where(linear, x, y)
    y = y.astype(x.dtype, copy=False)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        d = stable_sigmoid(bx)
        if linear is not None:
            d[linear] = 1
        return ((g * d).astype(g.dtype, copy=False),)

    return y, vjp


@declare(section="5", latex=("heaviside",), elementwise=True, torch="torch.heaviside",
         differentiable=False)
@primitive
def heaviside(x: Operand, value: Operand = 0.5) -> tuple[Array, VJP]:
    """Heaviside step, elementwise; not differentiable. ``value`` (H at 0) is a number or,
    as torch.heaviside's ``values``, a tensor that broadcasts with x.

    Forward:   H(x) = 0 for x < 0, ``value`` at x = 0 (default ½), 1 for x > 0
    VJP:       x̄ = 0,  value̅ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere (the true
               derivative is 0 for x ≠ 0 and undefined at 0). σ(kx) → H(x) as k → ∞.
    """
    if np.ndim(value) == 0 and not isinstance(value, np.ndarray):
        value = check_number("heaviside", "value", value)
    else:
        broadcast_shapes("heaviside", input=np.shape(x), values=np.shape(value))
    xf = as_float(x)
    y = np.heaviside(xf, value).astype(xf.dtype, copy=False)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        zero = np.zeros_like(g)  # one cotangent per positional argument: values too, if given
        return tuple(unbroadcast(zero, np.shape(a)) if need else None
                     for a, need in zip((x, value), needs))

    return y, vjp


@declare(section="5", latex=("sign", "sgn"), python=("sign", "sgn"), elementwise=True,
         torch="torch.sign", differentiable=False)
@primitive
def sign(x: Operand) -> tuple[Array, VJP]:
    """Sign, elementwise; not differentiable.

    Forward:   sign(x) = −1, 0 or 1
    VJP:       x̄ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere.
    """
    return np.sign(x), lambda g, needs: (np.zeros_like(g),)


def _axes(op: str, x: Array, axis: Axes) -> tuple[int, ...]:
    """softmax and log_softmax take one axis; a 0-d input's virtual axis gives ()."""
    return normalize_axes(axis, x.ndim, op, name="dim", single=True)


def _cast(op: str, x: Operand, dtype: DTypeLike | None) -> Array:
    """``dtype=`` as in PyTorch: the input is cast before the op (the VJP casts the cotangent
    back to the input's dtype); otherwise integer inputs compute in float64."""
    x = np.asarray(x)
    if dtype is None:
        return as_float(x)
    dt = read_dtype(dtype)  # torch.float64 too, as a PyTorch user writes it
    if dt is None:
        raise BackpropError(f"{op}: dtype={dtype!r} is not a dtype")
    if dt.kind != "f":
        raise BackpropError(f"{op}: dtype must be floating point, got {dt}")
    return x.astype(dt, copy=False)


def _softmax(x: Array, axes: tuple[int, ...]) -> Array:
    e: Array = np.exp(x - max_shift(x, axes))
    e /= np.sum(e, axis=axes, keepdims=True)
    return e


@primitive(name="softmax")
def _softmax_rule(x: Operand, axis: Axes = -1, temperature: float = 1.0,
                  dtype: DTypeLike | None = None) -> tuple[Array, VJP]:
    in_dtype = np.asarray(x).dtype
    x = _cast("softmax", x, dtype)
    axes = _axes("softmax", x, axis)
    if temperature != 1.0:
        x = x / temperature
    s = _softmax(x, axes)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gx = s * (g - np.sum(g * s, axis=axes, keepdims=True))
        if temperature != 1.0:
            gx /= temperature
        return (gx.astype(in_dtype, copy=False),)

    return s, vjp


@declare(section="6", latex=("softmax",), torch="torch.softmax", methods=("softmax",))
def softmax(input: TensorLike, dim: Axes = None, *, axis: Axes = None, temperature: float = 1.0,
            dtype: DTypeLike | None = None) -> Tensor:
    """Softmax along ``dim`` (or ``axis``; default the last), optionally with temperature T.

    Forward:   sᵢ = e^(xᵢ/T) / Σⱼ e^(xⱼ/T)
    VJP:       x̄ = s ⊙ (v − ⟨v, s⟩) / T   for the cotangent v
    Jacobian:  (diag(s) − s sᵀ) / T   (symmetric)
    Identities: softmax(x + c) = softmax(x) for any constant c; not so for c·x (the temperature)
    Stability: computed as e^(x − max x) / Σ e^(x − max x); the max is treated as a constant.
               Logits of ±1e4 give no NaN.
    Convention: ``dtype`` casts the input before the op, as PyTorch; integer inputs compute
               in float64. A 0-d input is one class (s = 1); an empty input gives an empty s.
    """
    temperature = check_number("softmax", "temperature", temperature,
                               lambda t: 0 < t < np.inf, "a positive number")
    return _softmax_rule(input, axis=pick_axis(dim, axis, op="softmax"),
                         temperature=temperature, dtype=dtype)


def _log_sum_exp_shifted(z: Array, axes: tuple[int, ...]) -> Array:
    """ln Σ e^z over ``axes`` (kept as size-1 axes) of an input already max-shifted; −inf
    where a slice is empty or all −inf."""
    with np.errstate(divide="ignore"):
        out: Array = np.log(np.sum(np.exp(z), axis=axes, keepdims=True))
    return out


@primitive(name="log_softmax")
def _log_softmax_rule(x: Operand, axis: Axes = -1,
                      dtype: DTypeLike | None = None) -> tuple[Array, VJP]:
    in_dtype = np.asarray(x).dtype
    x = _cast("log_softmax", x, dtype)
    axes = _axes("log_softmax", x, axis)
    # x − m − ln Σ e^(x − m): subtracting m first keeps float32 exact for large logits.
    z = x - max_shift(x, axes)
    y = z - _log_sum_exp_shifted(z, axes)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        s = np.exp(y)
        return ((g - s * np.sum(g, axis=axes, keepdims=True)).astype(in_dtype, copy=False),)

    return y, vjp


@declare(section="7", latex=("log_softmax", "logsoftmax"), python=("log_softmax", "logsoftmax"),
         torch="torch.log_softmax", methods=("log_softmax",))
def log_softmax(input: TensorLike, dim: Axes = None, *, axis: Axes = None,
                dtype: DTypeLike | None = None) -> Tensor:
    """Log of the softmax along ``dim`` (or ``axis``; default the last).

    Forward:   yᵢ = xᵢ − logsumexp(x)
    VJP:       x̄ = v − s Σⱼ vⱼ   with s = softmax(x) = e^y
    Jacobian:  I − 1 sᵀ
    Stability: computed with the max shift; an input of −inf gives −inf with a finite
               gradient (that entry's s is 0).
    Convention: ``dtype`` casts the input before the op, as PyTorch; integer inputs compute
               in float64. A 0-d input gives 0; an empty input gives an empty output.
    """
    return _log_softmax_rule(input, axis=pick_axis(dim, axis, op="log_softmax"), dtype=dtype)


@primitive(name="logsumexp")
def _logsumexp_rule(x: Operand, axis: Axes = -1, keepdims: bool = False) -> tuple[Array, VJP]:
    x = as_float(x)
    axes = normalize_axes(axis, x.ndim, "logsumexp", name="dim")
    keepdims = check_flag("logsumexp", "keepdim", keepdims)
    m = max_shift(x, axes)
    out = _log_sum_exp_shifted(x - m, axes) + m

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gk = g if keepdims else np.expand_dims(g, axes)
        with np.errstate(invalid="ignore"):
            s = np.exp(x - out)
        return (gk * s,)

    return (out if keepdims else np.squeeze(out, axis=axes)), vjp


@declare(section="7", latex=("logsumexp", "lse", "LSE"), python=("logsumexp", "lse"),
         torch="torch.logsumexp")
def logsumexp(input: TensorLike, dim: Axes = None, keepdim: bool = False, *,
              axis: Axes = None) -> Tensor:
    """Log of the sum of exponentials along ``dim`` (or ``axis``; default the last).

    Forward:   logsumexp(x) = m + ln Σⱼ e^(xⱼ − m),  m = max x
    VJP:       x̄ = v ⊙ softmax(x)
    Stability: the max m is a constant of the rule; slices that are all −inf give −inf.
    Convention: ``dim`` may be a tuple; the sum over a size-0 axis is 0, so its log is −inf
               (as PyTorch); a 0-d input is its own logsumexp.
    """
    return _logsumexp_rule(input, axis=pick_axis(dim, axis, op="logsumexp"), keepdims=keepdim)


# -- the relu family (rule 14) ----------------------------------------------------------------

_SQRT_2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_CUBIC = 0.044715


@primitive(name="leaky_relu")
def _leaky_relu_rule(x: Operand, negative_slope: float = 0.01) -> tuple[Array, VJP]:
    x = np.asarray(x)
    positive = x > 0
    y = np.where(positive, x, x * negative_slope)
    return y, lambda g, needs: (np.where(positive, g, g * negative_slope),)


@declare(section="14", latex=("leaky_relu", "LeakyReLU", "LReLU"), elementwise=True,
         torch="torch.nn.functional.leaky_relu")
def leaky_relu(input: TensorLike, negative_slope: float = 0.01) -> Tensor:
    """Leaky rectified linear unit, elementwise (PyTorch's ``negative_slope``).

    Forward:   y = x for x > 0,  a·x otherwise   (a = negative_slope)
    VJP:       x̄ = ȳ for x > 0,  a·ȳ otherwise
    Jacobian:  diag(1[x > 0] + a·1[x ≤ 0])
    Convention: the derivative at x = 0 is taken as a (the left one), as PyTorch.
    """
    slope = check_number("leaky_relu", "negative_slope", negative_slope)
    return _leaky_relu_rule(input, negative_slope=slope)


@primitive(name="elu")
def _elu_rule(x: Operand, alpha: float = 1.0) -> tuple[Array, VJP]:
    x = np.asarray(x)
    positive = x > 0
    y = np.where(positive, x, alpha * np.expm1(np.minimum(x, 0)))
    return y, lambda g, needs: (np.where(positive, g, g * (y + alpha)),)


@declare(section="14", latex=("elu", "ELU"), elementwise=True, torch="torch.nn.functional.elu")
def elu(input: TensorLike, alpha: float = 1.0) -> Tensor:
    """Exponential linear unit, elementwise (Clevert et al., 2016).

    Forward:   y = x for x > 0,  α(eˣ − 1) otherwise
    VJP:       x̄ = ȳ for x > 0,  ȳ ⊙ (y + α) = ȳ ⊙ α eˣ otherwise   (from the saved output)
    Jacobian:  diag(1[x > 0] + α eˣ 1[x ≤ 0])
    Convention: the derivative at x = 0 is taken as α (the left one), as PyTorch; for α = 1
               both sides agree.
    Stability: α(eˣ − 1) is computed as α·expm1(x), exact for x near 0; eˣ is only taken
               where x ≤ 0, so it never overflows.
    """
    return _elu_rule(input, alpha=check_number("elu", "alpha", alpha))


def _normal_cdf(x: Array) -> Array:
    """Φ(x) = ½ erfc(−x/√2), with the C library's erfc applied entry by entry: NumPy has no
    erf, and a polynomial approximation would not agree with PyTorch to 1e-10."""
    z = (np.asarray(x, dtype=np.float64) * (-1 / _SQRT_2)).ravel().tolist()
    return (0.5 * np.fromiter(map(math.erfc, z), np.float64, count=len(z))).reshape(np.shape(x))


def _gelu_exact(x: Array) -> tuple[Array, VJP]:
    phi = _normal_cdf(x)
    y = (x * phi).astype(np.result_type(x.dtype, np.float32), copy=False)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        pdf = np.exp(-0.5 * x * x) * _INV_SQRT_2PI
        return ((g * (phi + x * pdf)).astype(g.dtype, copy=False),)

    return y, vjp


def _gelu_tanh(x: Array) -> tuple[Array, VJP]:
    u = _SQRT_2_OVER_PI * (x + _GELU_CUBIC * x ** 3)
    t = np.tanh(u)
    y = 0.5 * x * (1 + t)

    def vjp(g: Array, needs: Needs) -> Cotangents:
        du = _SQRT_2_OVER_PI * (1 + 3 * _GELU_CUBIC * x * x)
        return (g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du),)

    return y, vjp


@primitive(name="gelu")
def _gelu_rule(x: Operand, approximate: str = "none") -> tuple[Array, VJP]:
    x = np.asarray(x)
    return _gelu_exact(x) if approximate == "none" else _gelu_tanh(x)


@declare(section="14", latex=("gelu", "GELU"), elementwise=True, torch="torch.nn.functional.gelu")
def gelu(input: TensorLike, approximate: str = "none") -> Tensor:
    """Gaussian error linear unit, elementwise (Hendrycks & Gimpel, 2016), as torch's
    ``F.gelu(x, approximate='none' | 'tanh')``.

    Forward:   y = x Φ(x),  Φ(x) = ½(1 + erf(x/√2))            (approximate='none')
               y = ½x(1 + tanh u),  u = √(2/π)(x + 0.044715 x³)  (approximate='tanh')
    VJP:       x̄ = ȳ ⊙ (Φ(x) + x φ(x)),  φ(x) = e^(−x²/2)/√(2π)
               x̄ = ȳ ⊙ (½(1 + tanh u) + ½x(1 − tanh² u)·√(2/π)(1 + 3·0.044715 x²))   (tanh)
    Jacobian:  diag(Φ(x) + x φ(x))
    Stability: Φ is computed as ½ erfc(−x/√2), which keeps its relative accuracy in the left
               tail where 1 + erf(·) would cancel; the exact form evaluates erfc entry by
               entry and is slower than the tanh form.
    """
    if not isinstance(approximate, str) or approximate not in ("none", "tanh"):
        raise BackpropError(f"gelu: approximate must be 'none' or 'tanh', got {approximate!r}")
    return _gelu_rule(input, approximate=approximate)


@declare(section="14", latex=("silu", "SiLU", "swish"), python=("silu", "swish"),
         elementwise=True, torch="torch.nn.functional.silu")
@primitive
def silu(x: Operand) -> tuple[Array, VJP]:
    """Sigmoid linear unit (swish), elementwise (Elfwing et al., 2018).

    Forward:   y = x σ(x)
    VJP:       x̄ = ȳ ⊙ σ(x)(1 + x(1 − σ(x)))
    Jacobian:  diag(σ(x) + x σ(x)(1 − σ(x)))
    Stability: σ in its branch-stable form (see sigmoid): no overflow for x = ±1e4.
    """
    x = np.asarray(x)
    s = stable_sigmoid(x)
    y = x * s
    return y, lambda g, needs: (g * (s * (1 + x * (1 - s))),)
