"""Dropout: a thin layer over :func:`backprop.functional.dropout` (see :mod:`.layer`)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..validate import check_number
from .formula import identity
from .layer import Layer, OnnxBuilder, SpecArgs

__all__ = ["Dropout"]


class Dropout(Layer):
    """Zeroes entries with probability p in training mode; identity in eval mode."""

    grammar = ("dropout",)
    formula = identity("the identity when evaluating")
    any_shape = init_passes = True

    def __init__(self, p: float = 0.5) -> None:
        super().__init__()
        self.p = float(check_number("Dropout", "p", p, lambda q: 0 <= q < 1,
                                    "a probability in [0, 1)"))

    def forward(self, x: TensorLike) -> Tensor:
        return F.dropout(x, self.p, self.training)

    def extra_repr(self) -> str:
        return f"p={self.p}"

    def spec_args(self) -> SpecArgs:
        return (), ({} if self.p == 0.5 else {"p": self.p})

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Identity", [g.x], name)  # export is for inference (eval mode)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Dropout(self.p)
