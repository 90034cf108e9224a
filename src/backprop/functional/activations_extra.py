"""More activations of the relu family: leaky relu, ELU, GELU (exact and tanh) and SiLU.

Each is a rule like those in :mod:`.activations`: the forward and its VJP side by side,
the convention at the kink written down and chosen as PyTorch chooses it, so that the
gradients agree with PyTorch's to rounding.
"""

from __future__ import annotations

import math

import numpy as np

from ..engine import primitive
from ..errors import BackpropError
from .table import declare
from ..validate import check_number
from .activations import stable_sigmoid

__all__ = ["leaky_relu", "elu", "gelu", "silu"]

_SQRT_2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_GELU_CUBIC = 0.044715


@primitive(name="leaky_relu")
def _leaky_relu_rule(x, negative_slope=0.01):
    x = np.asarray(x)
    positive = x > 0
    y = np.where(positive, x, x * negative_slope)
    return y, lambda g, needs: (np.where(positive, g, g * negative_slope),)


@declare(section="14", latex=("leaky_relu",), elementwise=True,
         torch="torch.nn.functional.leaky_relu")
def leaky_relu(input, negative_slope: float = 0.01):
    """Leaky rectified linear unit, elementwise (PyTorch's ``negative_slope``).

    Forward:   y = x for x > 0,  a·x otherwise   (a = negative_slope)
    VJP:       x̄ = ȳ for x > 0,  a·ȳ otherwise
    Jacobian:  diag(1[x > 0] + a·1[x ≤ 0])
    Convention: the derivative at x = 0 is taken as a (the left one), as PyTorch.
    """
    slope = check_number("leaky_relu", "negative_slope", negative_slope)
    return _leaky_relu_rule(input, negative_slope=slope)


@primitive(name="elu")
def _elu_rule(x, alpha=1.0):
    x = np.asarray(x)
    positive = x > 0
    y = np.where(positive, x, alpha * np.expm1(np.minimum(x, 0)))
    return y, lambda g, needs: (np.where(positive, g, g * (y + alpha)),)


@declare(section="14", latex=("elu", "ELU"), elementwise=True, torch="torch.nn.functional.elu")
def elu(input, alpha: float = 1.0):
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


def _normal_cdf(x: np.ndarray) -> np.ndarray:
    """Φ(x) = ½ erfc(−x/√2), with the C library's erfc applied entry by entry: NumPy has no
    erf, and a polynomial approximation would not agree with PyTorch to 1e-10."""
    z = (np.asarray(x, dtype=np.float64) * (-1 / _SQRT_2)).ravel().tolist()
    return (0.5 * np.fromiter(map(math.erfc, z), np.float64, count=len(z))).reshape(np.shape(x))


def _gelu_exact(x):
    phi = _normal_cdf(x)
    y = (x * phi).astype(np.result_type(x.dtype, np.float32), copy=False)

    def vjp(g, needs):
        pdf = np.exp(-0.5 * x * x) * _INV_SQRT_2PI
        return ((g * (phi + x * pdf)).astype(g.dtype, copy=False),)

    return y, vjp


def _gelu_tanh(x):
    u = _SQRT_2_OVER_PI * (x + _GELU_CUBIC * x ** 3)
    t = np.tanh(u)
    y = 0.5 * x * (1 + t)

    def vjp(g, needs):
        du = _SQRT_2_OVER_PI * (1 + 3 * _GELU_CUBIC * x * x)
        return (g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du),)

    return y, vjp


@primitive(name="gelu")
def _gelu_rule(x, approximate="none"):
    x = np.asarray(x)
    return _gelu_exact(x) if approximate == "none" else _gelu_tanh(x)


@declare(section="14", latex=("gelu", "GELU"), elementwise=True, torch="torch.nn.functional.gelu")
def gelu(input, approximate: str = "none"):
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
def silu(x):
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
