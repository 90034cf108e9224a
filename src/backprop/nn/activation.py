"""Activations: thin layers over the rules of :mod:`backprop.functional.activations`.

Each declares, beside itself, its grammar name and arguments, its gain (the weighted layer
before it is initialised for it), its ONNX operator and its torch twin (see :mod:`.layer`).
An elementwise activation declares no derivative: ``backprop trace`` shows its rule's
numbers, and its printed formula defaults to f′ of its grammar name (a class may write its
own, as Sigmoid's σ′ = σ(1 − σ)).
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, ClassVar, TypeVar

import numpy as np

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..validate import check_choice, check_int, check_number
from .formula import Formula, elementwise, identity
from .init import calculate_gain
from .layer import Layer, OnnxBuilder, SpecArgs, SpecValue

X = TypeVar("X")

# nn/__init__ exports every name listed here: a new activation is this file only.
__all__ = ["ReLU", "Sigmoid", "Tanh", "Softplus", "Softmax", "LogSoftmax", "Identity",
           "LeakyReLU", "ELU", "GELU", "SiLU"]


class _Elementwise(Layer):
    """Applied entry by entry: any input shape, output shape = input shape. A subclass that
    writes no ``formula`` gets ``$out = f($inp)``, ``$gin = $g ⊙ f′($inp)`` with f its first
    grammar name; the trace computes f′ with the rule."""

    any_shape = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "formula" not in vars(cls) and vars(cls).get("grammar"):
            f = cls.grammar[0]
            cls.formula = elementwise((f"{f}($inp)", rf"\operatorname{{{f}}}($inp)"),
                                      (f"{f}′($inp)", rf"\operatorname{{{f}}}^{{\prime}}($inp)"))


class ReLU(_Elementwise):
    grammar = ("relu",)
    formula = elementwise(("max(0, $inp)", r"\max(0, $inp)"),
                          ("H($inp)   (H = 1 where $inp > 0, else 0)", r"H($inp)"))
    gain, fan = math.sqrt(2.0), "fan_in"  # He et al. (2015)

    def forward(self, x: TensorLike) -> Tensor:
        return F.relu(x)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Relu", [g.x], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.ReLU()


class Sigmoid(_Elementwise):
    grammar = ("sigmoid",)
    formula = elementwise(("σ($inp)", r"\sigma($inp)"),
                          ("σ′($inp),  σ′($inp) = $out ⊙ (1 − $out)", r"\sigma^{\prime}($inp)"))
    gain = 1.0

    def forward(self, x: TensorLike) -> Tensor:
        return F.sigmoid(x)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Sigmoid", [g.x], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Sigmoid()


class Tanh(_Elementwise):
    grammar = ("tanh",)
    formula = elementwise(("tanh($inp)", r"\tanh($inp)"), ("(1 − $out²)", r"(1 - $out^{2})"))
    gain = 5.0 / 3

    def forward(self, x: TensorLike) -> Tensor:
        return F.tanh(x)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Tanh", [g.x], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Tanh()


class Softplus(_Elementwise):
    grammar = ("softplus",)
    formula = elementwise(("ln(1 + e^$inp)", r"\ln(1 + e^{$inp})"), ("σ($inp)", r"\sigma($inp)"))
    gain = 1.0

    def __init__(self, beta: float = 1.0, threshold: float = 20.0) -> None:
        super().__init__()
        self.beta = check_number("Softplus", "beta", beta, lambda b: b != 0 and math.isfinite(b),
                                 "a finite non-zero number")
        self.threshold = None if threshold is None else check_number("Softplus", "threshold",
                                                                     threshold)

    def forward(self, x: TensorLike) -> Tensor:
        return F.softplus(x, beta=self.beta, threshold=self.threshold)

    def extra_repr(self) -> str:
        return f"beta={self.beta}, threshold={self.threshold}"

    def spec_args(self) -> SpecArgs:
        kw: dict[str, SpecValue] = {k: v for k, v in (("beta", self.beta),
                                                      ("threshold", self.threshold))
                                    if v != {"beta": 1.0, "threshold": 20.0}[k]}
        return (), kw

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        if self.beta == 1.0:
            g.node("Softplus", [g.x], name)
            return
        # softplus_β(x) = softplus(βx)/β; torch's threshold changes it by < 1 ulp
        b = g.const(f"{name}.beta", np.array(self.beta, g.dtype))
        g.node("Mul", [g.x, b], f"{name}_scale")
        g.node("Softplus", [g.x], name)
        g.node("Div", [g.x, b], f"{name}_unscale")

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Softplus(beta=self.beta, threshold=self.threshold)


class Softmax(_Elementwise):
    grammar: ClassVar[tuple[str, ...]] = ("softmax",)
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
        self.dim = check_int(type(self).__name__, "dim", dim)

    def forward(self, x: TensorLike) -> Tensor:
        return F.softmax(x, dim=self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"

    def spec_args(self) -> SpecArgs:
        return (), ({} if self.dim == -1 else {"dim": self.dim})

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Softmax", [g.x], name, axis=int(self.dim))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
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

    def forward(self, x: TensorLike) -> Tensor:
        return F.log_softmax(x, dim=self.dim)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("LogSoftmax", [g.x], name, axis=int(self.dim))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.LogSoftmax(dim=self.dim)


class Identity(_Elementwise):
    grammar = ("identity",)
    formula = identity("the identity when evaluating")
    init_passes = True

    def forward(self, x: X) -> X:
        return x

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Identity", [g.x], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Identity()


class LeakyReLU(_Elementwise):
    """x for x > 0, negative_slope·x otherwise, as torch.nn.LeakyReLU.

    Initialisation uses the gain of the layer's own slope a, √(2/(1 + a²)) (He et al.,
    2015), as torch.nn.init.calculate_gain("leaky_relu", a); the declared class gain is
    that of the default slope 0.01."""

    grammar = ("leakyrelu", "leaky_relu")
    gain, fan = math.sqrt(2.0 / (1 + 0.01 ** 2)), "fan_in"
    formula = elementwise(("$inp where $inp > 0, else a·$inp   (slope a = negative_slope)",
                           r"\begin{cases} $inp & $inp > 0 \\ a $inp & $inp \le 0 \end{cases}"),
                          ("(1 where $inp > 0, else a)",
                           r"\begin{cases} 1 & $inp > 0 \\ a & $inp \le 0 \end{cases}"))

    def __init__(self, negative_slope: float = 0.01) -> None:
        super().__init__()
        self.negative_slope = float(check_number("LeakyReLU", "negative_slope", negative_slope))

    def forward(self, x: TensorLike) -> Tensor:
        return F.leaky_relu(x, self.negative_slope)

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], negative_slope: float = 0.01) -> "LeakyReLU":
        return cls(negative_slope)

    def extra_repr(self) -> str:
        return f"negative_slope={self.negative_slope}"

    def init_gain(self) -> float:
        return calculate_gain("leaky_relu", self.negative_slope)

    def spec_args(self) -> SpecArgs:
        return ((self.negative_slope,), {}) if self.negative_slope != 0.01 else ((), {})

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("LeakyRelu", [g.x], name, alpha=float(self.negative_slope))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.LeakyReLU(self.negative_slope)


class ELU(_Elementwise):
    """x for x > 0, α(eˣ − 1) otherwise, as torch.nn.ELU."""

    grammar = ("elu",)
    gain, fan = math.sqrt(2.0), "fan_in"  # relu-like: He et al. (2015)
    formula = elementwise(("$inp where $inp > 0, else α(e^$inp − 1)",
                           r"\begin{cases} $inp & $inp > 0 \\ "
                           r"\alpha (e^{$inp} - 1) & $inp \le 0 \end{cases}"),
                          ("(1 where $inp > 0, else α e^$inp = $out + α)",
                           r"\begin{cases} 1 & $inp > 0 \\ $out + \alpha & $inp \le 0 \end{cases}"))

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = float(check_number("ELU", "alpha", alpha))

    def forward(self, x: TensorLike) -> Tensor:
        return F.elu(x, self.alpha)

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], alpha: float = 1.0) -> "ELU":
        return cls(alpha)

    def extra_repr(self) -> str:
        return f"alpha={self.alpha}"

    def spec_args(self) -> SpecArgs:
        return ((self.alpha,), {}) if self.alpha != 1.0 else ((), {})

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        g.node("Elu", [g.x], name, alpha=float(self.alpha))

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.ELU(self.alpha)


class GELU(_Elementwise):
    """x Φ(x), exact (erf) or with the tanh approximation, as torch.nn.GELU."""

    grammar = ("gelu",)
    gain, fan = math.sqrt(2.0), "fan_in"  # relu-like: He et al. (2015)
    formula = elementwise(("$inp Φ($inp)   (Φ the standard normal CDF; approximate='tanh': "
                           "Φ(x) ≈ ½(1 + tanh(√(2/π)(x + 0.044715x³))))",
                           r"$inp \, \Phi($inp)"),
                          ("(Φ($inp) + $inp φ($inp))   (φ the normal density; for 'tanh', the "
                           "derivative of the approximation)",
                           r"\left(\Phi($inp) + $inp \, \varphi($inp)\right)"))

    def __init__(self, approximate: str = "none") -> None:
        super().__init__()
        self.approximate = check_choice("GELU", "approximate", approximate, ("none", "tanh"))

    def forward(self, x: TensorLike) -> Tensor:
        return F.gelu(x, self.approximate)

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], approximate: str = "none") -> "GELU":
        return cls(approximate)

    def extra_repr(self) -> str:
        return f"approximate={self.approximate!r}"

    def spec_args(self) -> SpecArgs:
        return ((), {"approximate": self.approximate}) if self.approximate != "none" else ((), {})

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        x = g.x

        def c(label: str, value: float) -> str:
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

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.GELU(approximate=self.approximate)


class SiLU(_Elementwise):
    """x σ(x) (swish), as torch.nn.SiLU."""

    grammar = ("silu", "swish")
    gain, fan = math.sqrt(2.0), "fan_in"  # relu-like: He et al. (2015)
    formula = elementwise(("$inp σ($inp)", r"$inp \, \sigma($inp)"),
                          ("σ($inp)(1 + $inp(1 − σ($inp)))",
                           r"\sigma($inp)\left(1 + $inp (1 - \sigma($inp))\right)"))

    def forward(self, x: TensorLike) -> Tensor:
        return F.silu(x)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        x = g.x
        g.node("Sigmoid", [x], f"{name}_sigmoid")
        g.node("Mul", [x, g.x], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.SiLU()
