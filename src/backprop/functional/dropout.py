"""Dropout: a product with a random constant mask (rule 10's companion, composed from mul)."""

from __future__ import annotations

import numpy as np

from ..engine import Tensor, TensorLike, as_numeric
from ..random import default_generator
from ..validate import check_flag, check_number
from .array_ops import mul
from .table import declare

__all__ = ["dropout"]


@declare(section="10", python=(), torch="torch.nn.functional.dropout")
def dropout(input: TensorLike, p: float = 0.5, training: bool = True,
            generator: np.random.Generator | None = None) -> Tensor:
    """Inverted dropout: zero each entry with probability p, scale the rest by 1/(1−p).

    Forward:   y = x ⊙ m / (1 − p),  mᵢ ~ Bernoulli(1 − p)
    VJP:       x̄ = ȳ ⊙ m / (1 − p)   (composed: a product with a constant mask)
    Convention: p = 1 drops everything: y = 0 and x̄ = 0, as PyTorch (the mask is 0, so the
               scale 1/(1 − p) is never needed).
    """
    x = as_numeric(input, "dropout", "input")
    p = check_number("dropout", "p", p, lambda q: 0 <= q <= 1, "a probability in [0, 1]")
    if not check_flag("dropout", "training", training) or p == 0.0:
        return input if isinstance(input, Tensor) else mul(x, 1)
    if p == 1:
        return mul(input, np.zeros(x.shape, np.result_type(x.dtype, np.float32)))
    rng = generator or default_generator()
    shape = x.shape
    dtype = np.result_type(x.dtype, np.float32)
    mask = (rng.random(shape, dtype=np.float32) >= p).astype(dtype) * dtype.type(1 / (1 - p))
    return mul(input, mask)
