"""Rule 10 of the catalogue: the affine map."""

from __future__ import annotations

import math

import numpy as np

from ..engine import VJP, Array, Cotangents, Needs, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from .table import declare

__all__ = ["linear"]


@primitive(name="linear")
def _linear_rule(x: Operand, weight: Operand, bias: Operand | None = None) -> tuple[Array, VJP]:
    x, weight = np.asarray(x), np.asarray(weight)
    if weight.ndim != 2:
        raise ShapeError(f"linear: weight must be 2-D (out_features, in_features), "
                         f"got shape {weight.shape}")
    if x.ndim == 0 or x.shape[-1] != weight.shape[1]:
        raise ShapeError(
            f"linear: input has shape {x.shape} ({x.shape[-1] if x.ndim else 0} features) but "
            f"weight has shape {weight.shape} (expects {weight.shape[1]} features)"
        )
    if bias is not None and getattr(bias, "shape", ()) != (weight.shape[0],):
        raise ShapeError(f"linear: bias has shape {np.shape(bias)}; expected ({weight.shape[0]},)")
    out = x @ weight.T
    if bias is not None:
        out += bias

    def vjp(g: Array, needs: Needs) -> Cotangents:
        gx = gw = gb = None
        if needs[0]:
            gx = g @ weight
        need_bias = len(needs) > 2 and needs[2]
        if needs[1] or need_bias:
            if g.ndim == 2:  # a batch of vectors: the products take g and x as they are
                g2, x2 = g, x
            else:  # rows counted explicitly: reshape(-1, 0) cannot infer them for 0 features
                rows = math.prod(g.shape[:-1])
                g2 = g.reshape(rows, weight.shape[0])
                x2 = x.reshape(rows, weight.shape[1])
            if needs[1]:
                # One row: the product is an outer product. NumPy's matmul does not hand a
                # (n, 1) view of one row to BLAS and its own loop is ten times slower.
                gw = g2.T * x2 if g2.shape[0] == 1 else g2.T @ x2
            if need_bias:
                gb = np.add.reduce(g2, axis=0)
        return gx, gw, gb

    return out, vjp


@declare(section="10", torch="torch.nn.functional.linear")
def linear(input: TensorLike, weight: TensorLike, bias: TensorLike | None = None) -> Tensor:
    """Affine map, batched: y = x Wᵀ + b with W of shape (out_features, in_features).

    Forward:   h = W x + b   (batched: H = X Wᵀ + b)
    VJP:       x̄ = δ W (= Wᵀ δ per sample),  W̄ = δᵀ X (= Σₙ δₙ xₙᵀ),  b̄ = Σₙ δₙ
    Note:      the batch sums come out of the matrix products; no per-sample loop.
    """
    if bias is None:
        return _linear_rule(input, weight)
    return _linear_rule(input, weight, bias)
