"""LeakyReLU, ELU, GELU and SiLU: thin layers over the rules in functional.activations_extra.

Each declares, beside itself, its grammar name and arguments, its gain (the weighted layer
before it is initialised for it), its ONNX nodes (opset 17 has no Gelu, so GELU is written
out with Erf or Tanh), its torch twin and its trace formula (see :mod:`.layer`).
"""

from __future__ import annotations

import math

import numpy as np

from .. import functional as F
from ..errors import SpecError
from .formula import elementwise
from .layer import Layer

__all__ = ["LeakyReLU", "ELU", "GELU", "SiLU"]


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{what} must be a number, got {value!r}")
    return float(value)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))  # stable for any x


def _gelu_slope(m: "GELU", x: np.ndarray) -> np.ndarray:
    """d/dx of x Φ(x): Φ(x) + x φ(x), or of the tanh form ½x(1 + tanh u), u = k(x + c x³)."""
    if m.approximate == "tanh":
        k, c = math.sqrt(2.0 / math.pi), 0.044715
        t = np.tanh(k * (x + c * x ** 3))
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * c * x * x)
    cdf = 0.5 * np.vectorize(math.erfc, otypes=[np.float64])(-x / math.sqrt(2.0))
    return cdf + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


class _Activation(Layer):
    """Applied entry by entry: any input shape, output shape = input shape. All four are
    relu-like, so the layer before is initialised as for relu (He et al., 2015): fan_in, with
    gain √2 (each class declares its own, as the grammar counts only declared gains)."""

    any_shape = True
    fan = "fan_in"


class LeakyReLU(_Activation):
    """x for x > 0, negative_slope·x otherwise, as torch.nn.LeakyReLU.

    Initialisation uses the gain of the layer's own slope a, √(2/(1 + a²)) (He et al.,
    2015), as torch.nn.init.calculate_gain("leaky_relu", a); the declared class gain is
    that of the default slope 0.01."""

    grammar = ("leakyrelu", "leaky_relu")
    gain = math.sqrt(2.0 / (1 + 0.01 ** 2))
    formula = elementwise(("$inp where $inp > 0, else a·$inp   (slope a = negative_slope)",
                           r"\begin{cases} $inp & $inp > 0 \\ a $inp & $inp \le 0 \end{cases}"),
                          ("(1 where $inp > 0, else a)",
                           r"\begin{cases} 1 & $inp > 0 \\ a & $inp \le 0 \end{cases}"),
                          lambda m, x, y, g: g * np.where(x > 0, 1.0, m.negative_slope))

    def __init__(self, negative_slope: float = 0.01) -> None:
        super().__init__()
        self.negative_slope = _number(negative_slope, "LeakyReLU: negative_slope")

    def forward(self, x):
        return F.leaky_relu(x, self.negative_slope)

    @classmethod
    def from_spec(cls, in_shape, negative_slope: float = 0.01) -> "LeakyReLU":
        return cls(negative_slope)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}"

    def init_gain(self) -> float:
        from .init import calculate_gain

        return calculate_gain("leaky_relu", self.negative_slope)

    def spec_args(self):
        return ((self.negative_slope,), {}) if self.negative_slope != 0.01 else ((), {})

    def to_onnx(self, g, name, in_shape):
        g.node("LeakyRelu", [g.x], name, alpha=float(self.negative_slope))

    def to_torch(self, tnn, in_shape):
        return tnn.LeakyReLU(self.negative_slope)


class ELU(_Activation):
    """x for x > 0, α(eˣ − 1) otherwise, as torch.nn.ELU."""

    grammar = ("elu",)
    gain = math.sqrt(2.0)
    formula = elementwise(("$inp where $inp > 0, else α(e^$inp − 1)",
                           r"\begin{cases} $inp & $inp > 0 \\ "
                           r"\alpha (e^{$inp} - 1) & $inp \le 0 \end{cases}"),
                          ("(1 where $inp > 0, else α e^$inp = $out + α)",
                           r"\begin{cases} 1 & $inp > 0 \\ $out + \alpha & $inp \le 0 \end{cases}"),
                          lambda m, x, y, g: g * np.where(x > 0, 1.0, y + m.alpha))

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = _number(alpha, "ELU: alpha")

    def forward(self, x):
        return F.elu(x, self.alpha)

    @classmethod
    def from_spec(cls, in_shape, alpha: float = 1.0) -> "ELU":
        return cls(alpha)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}"

    def spec_args(self):
        return ((self.alpha,), {}) if self.alpha != 1.0 else ((), {})

    def to_onnx(self, g, name, in_shape):
        g.node("Elu", [g.x], name, alpha=float(self.alpha))

    def to_torch(self, tnn, in_shape):
        return tnn.ELU(self.alpha)


class GELU(_Activation):
    """x Φ(x), exact (erf) or with the tanh approximation, as torch.nn.GELU."""

    grammar = ("gelu",)
    gain = math.sqrt(2.0)
    formula = elementwise(("$inp Φ($inp)   (Φ the standard normal CDF; approximate='tanh': "
                           "Φ(x) ≈ ½(1 + tanh(√(2/π)(x + 0.044715x³))))",
                           r"$inp \, \Phi($inp)"),
                          ("(Φ($inp) + $inp φ($inp))   (φ the normal density; for 'tanh', the "
                           "derivative of the approximation)",
                           r"\left(\Phi($inp) + $inp \, \varphi($inp)\right)"),
                          lambda m, x, y, g: g * _gelu_slope(m, x))

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        if approximate not in ("none", "tanh"):
            raise SpecError(f"GELU: approximate must be 'none' or 'tanh', got {approximate!r}")
        self.approximate = approximate

    def forward(self, x):
        return F.gelu(x, self.approximate)

    @classmethod
    def from_spec(cls, in_shape, approximate: str = "none") -> "GELU":
        return cls(approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"

    def spec_args(self):
        return ((), {"approximate": self.approximate}) if self.approximate != "none" else ((), {})

    def to_onnx(self, g, name, in_shape):
        x = g.x

        def c(label, value):
            return g.const(f"{name}.{label}", np.array(value, g.dtype))

        if self.approximate == "none":  # ½x(1 + erf(x/√2))
            g.node("Mul", [x, c("inv_sqrt2", 1 / math.sqrt(2.0))], f"{name}_scale")
            g.node("Erf", [g.x], name)
        else:  # ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
            g.node("Mul", [x, x], f"{name}_sq")
            g.node("Mul", [g.x, c("cubic", 0.044715)], f"{name}_cubic")
            g.node("Add", [g.x, c("one", 1.0)], f"{name}_inner")
            g.node("Mul", [g.x, x], f"{name}_poly")
            g.node("Mul", [g.x, c("k", math.sqrt(2.0 / math.pi))], f"{name}_arg")
            g.node("Tanh", [g.x], name)
        g.node("Add", [g.x, c("one_" + self.approximate, 1.0)], f"{name}_plus1")
        g.node("Mul", [g.x, x], f"{name}_times_x")
        g.node("Mul", [g.x, c("half", 0.5)], f"{name}_half")

    def to_torch(self, tnn, in_shape):
        return tnn.GELU(approximate=self.approximate)


class SiLU(_Activation):
    """x σ(x) (swish), as torch.nn.SiLU."""

    grammar = ("silu", "swish")
    gain = math.sqrt(2.0)
    formula = elementwise(("$inp σ($inp)", r"$inp \, \sigma($inp)"),
                          ("σ($inp)(1 + $inp(1 − σ($inp)))",
                           r"\sigma($inp)\left(1 + $inp (1 - \sigma($inp))\right)"),
                          lambda m, x, y, g: g * _sigmoid(x) * (1 + x * (1 - _sigmoid(x))))

    def forward(self, x):
        return F.silu(x)

    def to_onnx(self, g, name, in_shape):
        x = g.x
        g.node("Sigmoid", [x], f"{name}_sigmoid")
        g.node("Mul", [x, g.x], name)

    def to_torch(self, tnn, in_shape):
        return tnn.SiLU()
