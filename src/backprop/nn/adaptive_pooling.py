"""AdaptiveAvgPool2d: pool (C, H, W) maps to a given output size, as torch.nn's.

Declares, beside itself, its grammar name, its output shape, its ONNX export — the same
separable product as the rule, Y = A_H X A_Wᵀ, as two MatMul nodes, since ONNX has no
adaptive pooling — its torch twin and its trace formula (see :mod:`.layer`).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from .. import functional as F
from ..engine import Array, Tensor, TensorLike
from ..errors import BackpropError
from ..functional.adaptive_pooling import OutputSize, adaptive_windows
from .formula import Formula
from .layer import Layer, OnnxBuilder, SpecArgs, check_rank, compact

__all__ = ["AdaptiveAvgPool2d"]


def _input_grad(m: "AdaptiveAvgPool2d", x: Array, y: Array, g: Array) -> Array:
    """X̄ = A_Hᵀ Ȳ A_W per map: the transpose of the forward Y = A_H X A_Wᵀ."""
    a_h = adaptive_windows(x.shape[-2], y.shape[-2])
    a_w = adaptive_windows(x.shape[-1], y.shape[-1])
    gx: Array = np.einsum("ih,ncij,jw->nchw", a_h, g, a_w)
    return gx


class AdaptiveAvgPool2d(Layer):
    """Average over windows chosen so that the output is ``output_size`` (an int, a pair,
    or a pair with None for "keep that axis"); ``adaptiveavgpool`` alone is a global
    average (output 1 × 1)."""

    grammar = ("adaptiveavgpool", "adaptiveavgpool2d")
    formula = Formula(
        out="p",
        forward=("$out[c] = A_H $inp[c] A_Wᵀ   (A_H, A_W: averaging matrices, row i = "
                 "1/|window i| on window i, windows ⌊iL/m⌋ … ⌈(i+1)L/m⌉ − 1)",
                 r"{$out}_{c} = A_{H} \, {$inp}_{c} \, A_{W}^{\top}"),
        input_grad=("$gin[c] = A_Hᵀ $gout[c] A_W   (per map c)",
                    r"{$gin}_{c} = A_{H}^{\top} \, {$gout}_{c} \, A_{W}"),
        closed_input=_input_grad,
    )
    init_passes = True

    def __init__(self, output_size: OutputSize) -> None:
        super().__init__()
        size = output_size if isinstance(output_size, (tuple, list)) else (output_size,) * 2
        if len(size) != 2 or not all(s is None or (isinstance(s, int) and not isinstance(
                s, bool) and s > 0) for s in size):
            raise BackpropError(f"AdaptiveAvgPool2d: output_size must be a positive int or a "
                                f"pair of them (None keeps an axis), got {output_size!r}")
        self.output_size = output_size if isinstance(output_size, int) else tuple(size)

    def forward(self, x: TensorLike) -> Tensor:
        return F.adaptive_avg_pool2d(x, self.output_size)

    def extra_repr(self) -> str:
        return f"output_size={self.output_size}"

    def _size(self, in_shape: tuple[int, ...]) -> tuple[int, int]:
        size = self.output_size if isinstance(self.output_size, tuple) \
            else (self.output_size,) * 2
        h, w = (in_shape[1 + k] if s is None else s for k, s in enumerate(size))
        return h, w

    # -- declarations (see nn/layer.py) ------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...],
                  output_size: int | tuple[int, ...] = 1) -> "AdaptiveAvgPool2d":
        check_rank(in_shape, 2, cls.grammar[0])
        return cls(output_size)

    def spec_args(self) -> SpecArgs:
        size = compact(self.output_size)
        return ((size,), {}) if size != 1 else ((), {})

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (in_shape[0], *self._size(in_shape))

    def multiply_adds(self, in_shape: tuple[int, ...]) -> int:
        """Y = A_H X A_Wᵀ per map: (H′ × H) · (H × W) then (H′ × W) · (W × W′)."""
        c, h, w = in_shape
        h2, w2 = self._size(in_shape)
        return c * (h2 * h * w + h2 * w * w2)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        oh, ow = self._size(in_shape)
        a_h = adaptive_windows(in_shape[1], oh).astype(g.dtype)
        a_wt = adaptive_windows(in_shape[2], ow).T.astype(g.dtype)
        g.node("MatMul", [g.const(f"{name}.rows", a_h), g.x], f"{name}_rows")
        g.node("MatMul", [g.x, g.const(f"{name}.cols", a_wt)], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.AdaptiveAvgPool2d(self.output_size)
