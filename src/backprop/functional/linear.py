"""Rule 10 of the catalogue: the affine layer, and dropout (a product with a constant mask)."""

from __future__ import annotations

import numpy as np

from ..engine import Tensor, as_numeric, primitive
from ..errors import ShapeError
from .table import declare
from ..validate import check_flag, check_number
from .array_ops import mul

__all__ = ["linear", "dropout"]


@primitive(name="linear")
def _linear_rule(x, weight, bias=None):
    x, weight = np.asarray(x), np.asarray(weight)
    if weight.ndim != 2:
        raise ShapeError(f"linear: weight must be 2-D (out_features, in_features), "
                         f"got shape {weight.shape}")
    if x.ndim == 0 or x.shape[-1] != weight.shape[1]:
        raise ShapeError(
            f"linear: input has shape {x.shape} ({x.shape[-1] if x.ndim else 0} features) but "
            f"weight has shape {weight.shape} (expects {weight.shape[1]} features)"
        )
    if bias is not None and np.shape(bias) != (weight.shape[0],):
        raise ShapeError(f"linear: bias has shape {np.shape(bias)}; expected ({weight.shape[0]},)")
    out = x @ weight.T
    if bias is not None:
        out += bias

    def vjp(g, needs):
        gx = gw = gb = None
        if needs[0]:
            gx = g @ weight
        need_bias = len(needs) > 2 and needs[2]
        if needs[1] or need_bias:
            # Rows counted explicitly: reshape(-1, 0) cannot infer them for 0 features.
            rows = int(np.prod(g.shape[:-1]))
            g2 = g.reshape(rows, weight.shape[0])
            if needs[1]:
                gw = g2.T @ x.reshape(rows, weight.shape[1])
            if need_bias:
                gb = g2.sum(axis=0)
        return gx, gw, gb

    return out, vjp


@declare(section="10", torch="torch.nn.functional.linear")
def linear(input, weight, bias=None):
    """Affine map, batched: y = x Wᵀ + b with W of shape (out_features, in_features).

    Forward:   h = W x + b   (batched: H = X Wᵀ + b)
    VJP:       x̄ = δ W (= Wᵀ δ per sample),  W̄ = δᵀ X (= Σₙ δₙ xₙᵀ),  b̄ = Σₙ δₙ
    Note:      the batch sums come out of the matrix products; no per-sample loop.
    """
    if bias is None:
        return _linear_rule(input, weight)
    return _linear_rule(input, weight, bias)


@declare(section="10", python=(), torch="torch.nn.functional.dropout")
def dropout(input, p: float = 0.5, training: bool = True, generator=None):
    """Inverted dropout: zero each entry with probability p, scale the rest by 1/(1−p).

    Forward:   y = x ⊙ m / (1 − p),  mᵢ ~ Bernoulli(1 − p)
    VJP:       x̄ = ȳ ⊙ m / (1 − p)   (composed: a product with a constant mask)
    """
    from ..random import default_generator

    x = as_numeric(input, "dropout", "input")
    p = check_number("dropout", "p", p, lambda q: 0 <= q < 1, "a probability in [0, 1)")
    if not check_flag("dropout", "training", training) or p == 0.0:
        return input if isinstance(input, Tensor) else mul(x, 1)
    rng = generator or default_generator()
    shape = x.shape
    dtype = np.result_type(x.dtype, np.float32)
    mask = (rng.random(shape, dtype=np.float32) >= p).astype(dtype) * dtype.type(1 / (1 - p))
    return mul(input, mask)
