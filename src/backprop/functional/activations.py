"""Rules 1–7 of the catalogue: activations, softmax and its relatives.

``s = softmax(x)``, ``σ`` the logistic sigmoid, ``⊙`` elementwise. Every VJP that the math
allows is written from the saved output (σ′ = σ(1−σ), tanh′ = 1 − y²).
"""

from __future__ import annotations

import numpy as np

from ..engine import primitive
from ._util import pick_axis

__all__ = ["sigmoid", "tanh", "relu", "softplus", "heaviside", "sign", "softmax",
           "log_softmax", "logsumexp"]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    """Branch-stable σ on arrays: exp is only ever taken of −|x| ≤ 0, so it never overflows.

    With e = e^(−|x|): σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) for x < 0; the second
    branch is the first times e, applied in place under a mask (np.where is several
    times slower here)."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    e = np.asarray(np.exp(-np.abs(x)))
    out = np.empty_like(e)
    np.divide(1, 1 + e, out=out)
    np.multiply(out, e, out=out, where=x < 0)
    return out


@primitive
def sigmoid(x):
    """Logistic sigmoid, elementwise.

    Forward:   σ(x) = 1 / (1 + e^(−x))
    VJP:       x̄ = ȳ ⊙ σ(x) ⊙ (1 − σ(x))   (from the saved output y = σ(x))
    Jacobian:  diag(σ(x) ⊙ (1 − σ(x)))
    Stability: branch-stable form σ(x) = 1/(1 + e^(−|x|)) for x ≥ 0 and e^(−|x|)/(1 + e^(−|x|))
               for x < 0, so x = ±1e4 gives exactly 1 and 0 with no overflow.
    """
    y = _sigmoid(x)
    return y, lambda g, needs: (g * y * (1 - y),)


@primitive
def tanh(x):
    """Hyperbolic tangent, elementwise.

    Forward:   tanh(x) = (eˣ − e^(−x)) / (eˣ + e^(−x)) = 2σ(2x) − 1
    VJP:       x̄ = ȳ ⊙ (1 − y²)   (from the saved output y = tanh x)
    Jacobian:  diag(1 − tanh²(x))
    """
    y = np.tanh(x)
    return y, lambda g, needs: (g * (1 - y * y),)


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


@primitive
def softplus(x, beta=1.0, threshold=20.0):
    """Softplus, a smooth relu, elementwise (PyTorch's ``beta`` and ``threshold``).

    Forward:   ζ(x) = (1/β) ln(1 + e^(βx)), and ζ(x) = x where βx > threshold
    VJP:       x̄ = ȳ ⊙ σ(βx), and x̄ = ȳ where βx > threshold
    Identities: ζ′ = σ;  log σ(x) = −ζ(−x);  ζ(x) − ζ(−x) = x   (β = 1, no threshold)
    Stability: computed as (max(βx, 0) + log1p(e^(−|βx|)))/β, finite for x = ±1e4.
    Convention: threshold=None (or inf) switches the linear cut-off off, giving the exact ζ.
    """
    bx = x * beta
    y = (np.maximum(bx, 0) + np.log1p(np.exp(-np.abs(bx)))) / beta
    linear = None
    if threshold is not None and np.isfinite(threshold):
        linear = bx > threshold
        np.copyto(y, x, where=linear, casting="unsafe")
    y = y.astype(np.result_type(x, np.float32), copy=False)

    def vjp(g, needs):
        d = _sigmoid(bx)
        if linear is not None:
            d[linear] = 1
        return ((g * d).astype(g.dtype, copy=False),)

    return y, vjp


@primitive
def heaviside(x, value=0.5):
    """Heaviside step, elementwise; not differentiable.

    Forward:   H(x) = 0 for x < 0, ``value`` at x = 0 (default ½), 1 for x > 0
    VJP:       x̄ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere (the true
               derivative is 0 for x ≠ 0 and undefined at 0). σ(kx) → H(x) as k → ∞.
    """
    x = np.asarray(x)
    y = np.heaviside(x, value).astype(np.result_type(x, np.float32), copy=False)
    return y, lambda g, needs: (np.zeros_like(g),)


@primitive
def sign(x):
    """Sign, elementwise; not differentiable.

    Forward:   sign(x) = −1, 0 or 1
    VJP:       x̄ = 0
    Convention: declared non-differentiable: the gradient is 0 everywhere.
    """
    return np.sign(x), lambda g, needs: (np.zeros_like(g),)


def _shifted(x: np.ndarray, axis: int) -> np.ndarray:
    """x − max(x): the max is a constant of the rule (no gradient flows through it).
    A slice that is all −inf is shifted by 0 so it stays −inf instead of NaN."""
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    return x - m


def _softmax(x: np.ndarray, axis: int) -> np.ndarray:
    e = np.exp(_shifted(x, axis))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


@primitive(name="softmax")
def _softmax_rule(x, axis=-1, temperature=1.0):
    x = np.asarray(x)
    if temperature != 1.0:
        x = x / temperature
    s = _softmax(x, axis)

    def vjp(g, needs):
        gx = s * (g - np.sum(g * s, axis=axis, keepdims=True))
        if temperature != 1.0:
            gx /= temperature
        return (gx,)

    return s, vjp


def softmax(input, dim=None, *, axis=None, temperature: float = 1.0):
    """Softmax along ``dim`` (or ``axis``; default the last), optionally with temperature T.

    Forward:   sᵢ = e^(xᵢ/T) / Σⱼ e^(xⱼ/T)
    VJP:       x̄ = s ⊙ (v − ⟨v, s⟩) / T   for the cotangent v
    Jacobian:  (diag(s) − s sᵀ) / T   (symmetric)
    Identities: softmax(x + c) = softmax(x) for any constant c; not so for c·x (the temperature)
    Stability: computed as e^(x − max x) / Σ e^(x − max x); the max is treated as a constant.
               Logits of ±1e4 give no NaN.
    """
    if temperature <= 0:
        raise ValueError(f"softmax: temperature must be positive, got {temperature}")
    return _softmax_rule(input, axis=pick_axis(dim, axis), temperature=temperature)


@primitive(name="log_softmax")
def _log_softmax_rule(x, axis=-1):
    z = _shifted(np.asarray(x), axis)
    with np.errstate(divide="ignore"):
        lse = np.log(np.sum(np.exp(z), axis=axis, keepdims=True))
    y = z - lse

    def vjp(g, needs):
        s = np.exp(y)
        return (g - s * np.sum(g, axis=axis, keepdims=True),)

    return y, vjp


def log_softmax(input, dim=None, *, axis=None):
    """Log of the softmax along ``dim`` (or ``axis``; default the last).

    Forward:   yᵢ = xᵢ − logsumexp(x)
    VJP:       x̄ = v − s Σⱼ vⱼ   with s = softmax(x) = e^y
    Jacobian:  I − 1 sᵀ
    Stability: computed with the max shift; an input of −inf gives −inf with a finite
               gradient (that entry's s is 0).
    """
    return _log_softmax_rule(input, axis=pick_axis(dim, axis))


@primitive(name="logsumexp")
def _logsumexp_rule(x, axis=-1, keepdims=False):
    x = np.asarray(x)
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore"):
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m

    def vjp(g, needs):
        gk = g if keepdims else np.expand_dims(g, axis)
        with np.errstate(invalid="ignore"):
            s = np.exp(x - out)
        return (gk * s,)

    return (out if keepdims else np.squeeze(out, axis=axis)), vjp


def logsumexp(input, dim=None, keepdim: bool = False, *, axis=None):
    """Log of the sum of exponentials along ``dim`` (or ``axis``; default the last).

    Forward:   logsumexp(x) = m + ln Σⱼ e^(xⱼ − m),  m = max x
    VJP:       x̄ = v ⊙ softmax(x)
    Stability: the max m is a constant of the rule; slices that are all −inf give −inf.
    """
    return _logsumexp_rule(input, axis=pick_axis(dim, axis), keepdims=keepdim)
