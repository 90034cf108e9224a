"""Dropout: a thin layer over :func:`backprop.functional.dropout` (see :mod:`.layer`)."""

from __future__ import annotations

from .. import functional as F
from ..validate import check_number
from .formula import identity
from .layer import Layer

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

    def forward(self, x):
        return F.dropout(x, self.p, self.training)

    def extra_repr(self) -> str:
        return f"p={self.p}"

    def spec_args(self):
        return (), ({} if self.p == 0.5 else {"p": self.p})

    def to_onnx(self, g, name, in_shape):
        g.node("Identity", [g.x], name)  # export is for inference (eval mode)

    def to_torch(self, tnn, in_shape):
        return tnn.Dropout(self.p)
