"""Activation modules: thin wrappers over the rules in functional.activations.

Each declares, beside itself, its grammar name, its gain (the weighted layer before it is
initialised for it), its ONNX operator and its torch twin (see :mod:`.layer`).
"""

from __future__ import annotations

import math

import numpy as np

from .. import functional as F
from .formula import Formula, elementwise, identity
from .layer import Layer

# nn/__init__ exports every name listed here: a new activation is this file only.
__all__ = ["ReLU", "Sigmoid", "Tanh", "Softplus", "Softmax", "LogSoftmax", "Identity", "Flatten",
           "Dropout"]

def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))  # stable for any x


class _Elementwise(Layer):
    """Applied entry by entry: any input shape, output shape = input shape."""

    any_shape = True


class ReLU(_Elementwise):
    grammar = ("relu",)
    formula = elementwise(("max(0, $inp)", r"\max(0, $inp)"),
                          ("H($inp)   (H = 1 where $inp > 0, else 0)", r"H($inp)"),
                          lambda m, x, y, g: g * (x > 0))
    gain, fan = math.sqrt(2.0), "fan_in"  # He et al. (2015)

    def forward(self, x):
        return F.relu(x)

    def to_onnx(self, g, name, in_shape):
        g.node("Relu", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.ReLU()


class Sigmoid(_Elementwise):
    grammar = ("sigmoid",)
    formula = elementwise(("σ($inp)", r"\sigma($inp)"),
                          ("σ′($inp),  σ′($inp) = $out ⊙ (1 − $out)", r"\sigma^{\prime}($inp)"),
                          lambda m, x, y, g: g * y * (1 - y))
    gain = 1.0

    def forward(self, x):
        return F.sigmoid(x)

    def to_onnx(self, g, name, in_shape):
        g.node("Sigmoid", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.Sigmoid()


class Tanh(_Elementwise):
    grammar = ("tanh",)
    formula = elementwise(("tanh($inp)", r"\tanh($inp)"), ("(1 − $out²)", r"(1 - $out^{2})"),
                          lambda m, x, y, g: g * (1 - y * y))
    gain = 5.0 / 3

    def forward(self, x):
        return F.tanh(x)

    def to_onnx(self, g, name, in_shape):
        g.node("Tanh", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.Tanh()


class Softplus(_Elementwise):
    grammar = ("softplus",)
    formula = elementwise(("ln(1 + e^$inp)", r"\ln(1 + e^{$inp})"), ("σ($inp)", r"\sigma($inp)"),
                          lambda m, x, y, g: g * np.where(m.beta * x > m.threshold, 1.0,
                                                          _sigmoid(m.beta * x)))
    gain = 1.0

    def __init__(self, beta: float = 1.0, threshold: float = 20.0) -> None:
        super().__init__()
        self.beta, self.threshold = beta, threshold

    def forward(self, x):
        return F.softplus(x, beta=self.beta, threshold=self.threshold)

    def extra_repr(self) -> str:
        return f"beta={self.beta}, threshold={self.threshold}"

    def spec_args(self):
        kw = {k: v for k, v in (("beta", self.beta), ("threshold", self.threshold))
              if v != {"beta": 1.0, "threshold": 20.0}[k]}
        return (), kw

    def to_onnx(self, g, name, in_shape):
        if self.beta == 1.0:
            g.node("Softplus", [g.x], name)
            return
        # softplus_β(x) = softplus(βx)/β; torch's threshold changes it by < 1 ulp
        b = g.const(f"{name}.beta", np.array(self.beta, g.dtype))
        g.node("Mul", [g.x, b], f"{name}_scale")
        g.node("Softplus", [g.x], name)
        g.node("Div", [g.x, b], f"{name}_unscale")

    def to_torch(self, tnn, in_shape):
        return tnn.Softplus(beta=self.beta, threshold=self.threshold)


class Softmax(_Elementwise):
    grammar = ("softmax",)
    formula = Formula(
        out="h",
        forward=("$out = softmax($inp)   (along one axis: $outᵢ = e^$inpᵢ / Σⱼ e^$inpⱼ)",
                 r"$out = \operatorname{softmax}($inp)"),
        input_grad=("$gin = $out ⊙ ($gout − Σⱼ ${gout}ⱼ ${out}ⱼ)   (the softmax Jacobian "
                    "diag($out) − $out$outᵀ, along the axis)",
                    r"$gin = $out \odot \left($gout - \textstyle\sum_{j} {$gout}_{j} {$out}_{j}"
                    r"\right)"),
        closed_input=lambda m, x, y, g: y * (g - (g * y).sum(axis=m.dim, keepdims=True)),
    )

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x):
        return F.softmax(x, dim=self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"

    def spec_args(self):
        return (), ({} if self.dim == -1 else {"dim": self.dim})

    def to_onnx(self, g, name, in_shape):
        g.node("Softmax", [g.x], name, axis=int(self.dim))

    def to_torch(self, tnn, in_shape):
        return tnn.Softmax(dim=self.dim)


class LogSoftmax(Softmax):
    grammar = ("logsoftmax", "log_softmax")
    formula = Formula(
        out="h",
        forward=("$out = log softmax($inp)   (along one axis: $outᵢ = $inpᵢ − log Σⱼ e^$inpⱼ)",
                 r"$out = \log \operatorname{softmax}($inp)"),
        input_grad=("$gin = $gout − softmax($inp) Σⱼ ${gout}ⱼ   (along the axis)",
                    r"$gin = $gout - \operatorname{softmax}($inp) \textstyle\sum_{j} {$gout}_{j}"),
        closed_input=lambda m, x, y, g: g - np.exp(y) * g.sum(axis=m.dim, keepdims=True),
    )

    def forward(self, x):
        return F.log_softmax(x, dim=self.dim)

    def to_onnx(self, g, name, in_shape):
        g.node("LogSoftmax", [g.x], name, axis=int(self.dim))

    def to_torch(self, tnn, in_shape):
        return tnn.LogSoftmax(dim=self.dim)


class Identity(_Elementwise):
    grammar = ("identity",)
    formula = identity("the identity when evaluating")
    init_passes = True

    def forward(self, x):
        return x

    def to_onnx(self, g, name, in_shape):
        g.node("Identity", [g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.Identity()


class Flatten(Layer):
    """Flatten axes start_dim..end_dim into one (default: all but the batch axis)."""

    grammar = ("flatten",)
    formula = Formula(out="v", forward=("$out = vec($inp)", r"$out = \operatorname{vec}($inp)"),
                      input_grad=("$gin = reshape($gout) to the shape of $inp",
                                  r"$gin = \operatorname{reshape}($gout)"),
                      closed_input=lambda m, x, y, g: g.reshape(x.shape))
    any_shape = init_passes = True

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim, self.end_dim = start_dim, end_dim

    def forward(self, x):
        return F.flatten(x, self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"

    def spec_args(self):
        kw = {k: v for k, v, d in (("start_dim", self.start_dim, 1),
                                    ("end_dim", self.end_dim, -1)) if v != d}
        return (), kw

    def _axes(self, in_shape: tuple[int, ...]) -> tuple[int, int]:
        rank = len(in_shape) + 1  # with the batch axis
        return self.start_dim % rank, self.end_dim % rank

    def output_shape(self, in_shape):
        full = (1, *in_shape)
        start, end = self._axes(tuple(in_shape))
        return (full[:start] + (math.prod(full[start:end + 1]),) + full[end + 1:])[1:]

    def to_onnx(self, g, name, in_shape):
        start, end = self._axes(in_shape)
        if start == 1 and end == len(in_shape):
            g.node("Flatten", [g.x], name, axis=1)
            return
        # 0 copies an input axis (those before start_dim); the axes after end_dim are static
        shape = [0] * start + [-1] + list(in_shape[end:])
        g.node("Reshape", [g.x, g.const(f"{name}.shape", np.array(shape, np.int64))], name)

    def to_torch(self, tnn, in_shape):
        return tnn.Flatten(self.start_dim, self.end_dim)


class Dropout(_Elementwise):
    """Zeroes entries with probability p in training mode; identity in eval mode."""

    grammar = ("dropout",)
    formula = identity("the identity when evaluating")
    init_passes = True

    def __init__(self, p: float = 0.5) -> None:
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p < 1.0:
            raise ValueError(f"Dropout: p must be a number in [0, 1), got {p!r}")
        self.p = float(p)

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
