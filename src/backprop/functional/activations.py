"""Rules 1–7 of the catalogue: activations, softmax and its relatives.

``s = softmax(x)``, ``σ`` the logistic sigmoid, ``⊙`` elementwise. Every VJP that the math
allows is written from the saved output (σ′ = σ(1−σ), tanh′ = 1 − y²).
"""

from __future__ import annotations

import numpy as np

from ..engine import primitive
from ..errors import BackpropError
from .table import declare
from .broadcasting import normalize_axes, pick_axis
from ..dtypes import as_float
from ..validate import check_flag, check_number

__all__ = ["sigmoid", "tanh", "relu", "softplus", "heaviside", "sign", "softmax",
           "log_softmax", "logsumexp"]



def max_shift(x: np.ndarray, axis: Any) -> np.ndarray:
    """The max shift of softmax, log-softmax and logsumexp: max of ``x`` over ``axis``
    (kept as size-1 axes), a constant of the rule through which no gradient flows.

    A slice that is empty, or all −inf, is shifted by 0 so that it stays −inf (or empty)
    instead of becoming NaN."""
    m = np.max(x, axis=axis, keepdims=True, initial=-np.inf)
    return np.where(np.isfinite(m), m, 0).astype(x.dtype, copy=False)


def stable_sigmoid(x: Any) -> np.ndarray:
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


@declare(section="1", latex=(r"\sigma", "sigmoid"), python=("sigmoid", "logistic", "expit"),
         elementwise=True, torch="torch.sigmoid", methods=("sigmoid",))
@primitive
def sigmoid(x):
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
def tanh(x):
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
def relu(x):
    """Rectified linear unit, elementwise.

    Forward:   relu(x) = max(0, x) = x · H(x)
    VJP:       x̄ = ȳ ⊙ H(x), with H(x) = 1 for x > 0 and 0 otherwise
    Convention: the derivative at x = 0 is taken as 0, as PyTorch and JAX.
    """
    y = np.maximum(x, 0)
    # g · H(x) as a product with the mask: np.where is several times slower on big maps.
    return y, lambda g, needs: (g * (y > 0),)


@declare(section="3", latex=(r"\zeta", "softplus"), elementwise=True,
         torch="torch.nn.functional.softplus")
@primitive
def softplus(x, beta=1.0, threshold=20.0):
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

    def vjp(g, needs):
        d = stable_sigmoid(bx)
        if linear is not None:
            d[linear] = 1
        return ((g * d).astype(g.dtype, copy=False),)

    return y, vjp


@declare(section="5", latex=("heaviside",), elementwise=True, torch="torch.heaviside",
         differentiable=False)
@primitive
def heaviside(x, value=0.5):
    """Heaviside step, elementwise; not differentiable.

    Forward:   H(x) = 0 for x < 0, ``value`` at x = 0 (default ½), 1 for x > 0
    VJP:       x̄ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere (the true
               derivative is 0 for x ≠ 0 and undefined at 0). σ(kx) → H(x) as k → ∞.
    """
    value = check_number("heaviside", "value", value)
    x = as_float(x)
    y = np.heaviside(x, value).astype(x.dtype, copy=False)
    return y, lambda g, needs: (np.zeros_like(g),)


@declare(section="5", latex=("sign", "sgn"), python=("sign", "sgn"), elementwise=True,
         torch="torch.sign", differentiable=False)
@primitive
def sign(x):
    """Sign, elementwise; not differentiable.

    Forward:   sign(x) = −1, 0 or 1
    VJP:       x̄ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere.
    """
    return np.sign(x), lambda g, needs: (np.zeros_like(g),)


def _axes(op: str, x: np.ndarray, axis) -> tuple[int, ...]:
    """softmax and log_softmax take one axis; a 0-d input's virtual axis gives ()."""
    return normalize_axes(axis, x.ndim, op, name="dim", single=True)


def _cast(op: str, x, dtype) -> np.ndarray:
    """``dtype=`` as in PyTorch: the input is cast before the op (the VJP casts the cotangent
    back to the input's dtype); otherwise integer inputs compute in float64."""
    x = np.asarray(x)
    if dtype is None:
        return as_float(x)
    try:
        dt = np.dtype(dtype)
    except (TypeError, ValueError):
        raise BackpropError(f"{op}: dtype={dtype!r} is not a dtype") from None
    if dt.kind != "f":
        raise BackpropError(f"{op}: dtype must be floating point, got {dt}")
    return x.astype(dt, copy=False)


def _softmax(x: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    e = np.exp(x - max_shift(x, axes))
    e /= np.sum(e, axis=axes, keepdims=True)
    return e


@primitive(name="softmax")
def _softmax_rule(x, axis=-1, temperature=1.0, dtype=None):
    in_dtype = np.asarray(x).dtype
    x = _cast("softmax", x, dtype)
    axes = _axes("softmax", x, axis)
    if temperature != 1.0:
        x = x / temperature
    s = _softmax(x, axes)

    def vjp(g, needs):
        gx = s * (g - np.sum(g * s, axis=axes, keepdims=True))
        if temperature != 1.0:
            gx /= temperature
        return (gx.astype(in_dtype, copy=False),)

    return s, vjp


@declare(section="6", latex=("softmax",), torch="torch.softmax", methods=("softmax",))
def softmax(input, dim=None, *, axis=None, temperature: float = 1.0, dtype=None):
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


def _log_sum_exp_shifted(z: np.ndarray, axes: tuple[int, ...]) -> np.ndarray:
    """ln Σ e^z over ``axes`` (kept as size-1 axes) of an input already max-shifted; −inf
    where a slice is empty or all −inf."""
    with np.errstate(divide="ignore"):
        return np.log(np.sum(np.exp(z), axis=axes, keepdims=True))


@primitive(name="log_softmax")
def _log_softmax_rule(x, axis=-1, dtype=None):
    in_dtype = np.asarray(x).dtype
    x = _cast("log_softmax", x, dtype)
    axes = _axes("log_softmax", x, axis)
    # x − m − ln Σ e^(x − m): subtracting m first keeps float32 exact for large logits.
    z = x - max_shift(x, axes)
    y = z - _log_sum_exp_shifted(z, axes)

    def vjp(g, needs):
        s = np.exp(y)
        return ((g - s * np.sum(g, axis=axes, keepdims=True)).astype(in_dtype, copy=False),)

    return y, vjp


@declare(section="7", latex=("log_softmax", "logsoftmax"), python=("log_softmax", "logsoftmax"),
         torch="torch.log_softmax", methods=("log_softmax",))
def log_softmax(input, dim=None, *, axis=None, dtype=None):
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
def _logsumexp_rule(x, axis=-1, keepdims=False):
    x = as_float(x)
    axes = normalize_axes(axis, x.ndim, "logsumexp", name="dim")
    keepdims = check_flag("logsumexp", "keepdim", keepdims)
    m = max_shift(x, axes)
    out = _log_sum_exp_shifted(x - m, axes) + m

    def vjp(g, needs):
        gk = g if keepdims else np.expand_dims(g, axes)
        with np.errstate(invalid="ignore"):
            s = np.exp(x - out)
        return (gk * s,)

    return (out if keepdims else np.squeeze(out, axis=axes)), vjp


@declare(section="7", latex=("logsumexp", "lse", "LSE"), python=("logsumexp", "lse"),
         torch="torch.logsumexp")
def logsumexp(input, dim=None, keepdim: bool = False, *, axis=None):
    """Log of the sum of exponentials along ``dim`` (or ``axis``; default the last).

    Forward:   logsumexp(x) = m + ln Σⱼ e^(xⱼ − m),  m = max x
    VJP:       x̄ = v ⊙ softmax(x)
    Stability: the max m is a constant of the rule; slices that are all −inf give −inf.
    Convention: ``dim`` may be a tuple; the sum over a size-0 axis is 0, so its log is −inf
               (as PyTorch); a 0-d input is its own logsumexp.
    """
    return _logsumexp_rule(input, axis=pick_axis(dim, axis, op="logsumexp"), keepdims=keepdim)
