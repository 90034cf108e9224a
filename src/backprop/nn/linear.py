"""Linear layer: owns W (out, in) and b (out,), calls functional.linear."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..errors import SpecError
from ..validate import check_flag, check_int
from . import init
from .init import gain_init
from .formula import Formula
from .layer import Layer, OnnxBuilder, SpecArgs
from .module import Parameter

__all__ = ["Linear"]  # what nn/__init__ exports


class Linear(Layer):
    """y = x Wᵀ + b, as torch.nn.Linear (same default init: U(±1/√in_features))."""

    grammar = ("linear", "dense")
    formula = Formula(
        out="z", numbered=True,
        forward=("$out = $W$inp$plus_b", r"$out = $W $inp$plus_b"),
        input_grad=("$gin = $Wᵀ$gout", r"$gin = $W^{\top} $gout"),
        param_grads={"weight": ("∂E/∂$W = $gout $inpᵀ",
                                r"\frac{\partial E}{\partial $W} = $gout $inp^{\top}"),
                     "bias": ("∂E/∂$b = $gout", r"\frac{\partial E}{\partial $b} = $gout")},
        closed_input=lambda m, x, y, g: g @ m.weight.data,
        closed_params={"weight": lambda m, x, y, g: g.T @ x,
                       "bias": lambda m, x, y, g: g.sum(axis=0)},
    )

    def __init__(self, in_features: int, out_features: int, bias: bool = True,
                 dtype: DTypeLike = np.float32) -> None:
        super().__init__()
        in_features = check_int("Linear", "in_features", in_features, minimum=1)
        out_features = check_int("Linear", "out_features", out_features, minimum=1)
        self.in_features, self.out_features = in_features, out_features
        bound = 1 / math.sqrt(in_features)
        self.weight = init.uniform_(Parameter.empty((out_features, in_features), dtype,
                                                    op="Linear", what="weight (out_features, "
                                                    "in_features)"), -bound, bound)
        self.bias = (init.uniform_(Parameter.empty((out_features,), dtype), -bound, bound)
                     if check_flag("Linear", "bias", bias) else None)

    def forward(self, x: TensorLike) -> Tensor:
        return F.linear(x, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")

    # -- declarations (see nn/layer.py) ------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], out_features: int, bias: bool = True) -> "Linear":
        """``linear(N)`` or ``linear(N, bias=False)``: N outputs of a flat input."""
        if len(in_shape) != 1:
            raise SpecError(f"linear needs a flat input, got shape {tuple(in_shape)} (add "
                            f"'flatten' before it)")
        return cls(in_shape[0], out_features, bias)

    def spec_args(self) -> SpecArgs:
        return (self.out_features,), ({} if self.bias is not None else {"bias": False})

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (self.out_features,)

    def input_shape(self) -> tuple[int, ...]:
        return (self.in_features,)

    def multiply_adds(self, in_shape: tuple[int, ...]) -> int:
        return self.in_features * self.out_features + self.out_features

    def init_for(self, activation: Layer) -> None:
        gain_init(self.weight, self.bias, activation)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        inputs = [g.x, g.const(f"{name}.weight", self.weight.data)]
        if self.bias is not None:
            inputs.append(g.const(f"{name}.bias", self.bias.data))
        g.node("Gemm", inputs, name, transB=1)  # torch's (out, in) weight as is

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Linear(self.in_features, self.out_features, bias=self.bias is not None)
