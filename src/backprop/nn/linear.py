"""Linear layer: owns W (out, in) and b (out,), calls functional.linear."""

from __future__ import annotations

import math

import numpy as np

from .. import functional as F
from . import init
from .module import Module, Parameter


class Linear(Module):
    """y = x Wᵀ + b, as torch.nn.Linear (same default init: U(±1/√in_features))."""

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype=np.float32) -> None:
        super().__init__()
        if in_features <= 0 or out_features <= 0:
            raise ValueError(f"Linear: sizes must be positive, got ({in_features}, {out_features})")
        self.in_features, self.out_features = in_features, out_features
        bound = 1 / math.sqrt(in_features)
        self.weight = init.uniform_(Parameter(np.empty((out_features, in_features), dtype)),
                                    -bound, bound)
        self.bias = (init.uniform_(Parameter(np.empty(out_features, dtype)), -bound, bound)
                     if bias else None)

    def forward(self, x):
        return F.linear(x, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")
