"""The formulas a trace prints: per layer class and per loss, in plain text and LaTeX.

One table, :data:`LAYER_FORMULAS`, maps a layer class to a :class:`Formula`: the letter of
the value it produces, its forward formula, the formula of the cotangent it passes to its
input and of each parameter gradient — written in the layer's own symbols through
``string.Template`` placeholders (``$out``, ``$inp``, ``$W``, ``$b``, ``$g``…) that the
trace fills with z₁, h₁, δ₂… — and, where the backward pass has a short closed form, that
closed form in NumPy, which the trace evaluates and then checks against the engine's rule
and central differences. Layers without a closed form here (convolution, pooling) show the
numbers of their own VJP rule, checked against central differences.

A Formula is a plain record keyed by class, so that it can later be declared on the layer
class itself (``Linear.formula = Formula(...)``) without changing the trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from string import Template
from typing import Any, Callable

import numpy as np

from .. import functional as F
from .. import nn

__all__ = ["Formula", "LossFormula", "LAYER_FORMULAS", "LOSS_FORMULAS", "Symbol", "formula_for"]

# A closed form of the backward pass: (layer, input x, output y, output cotangent g) → array,
# all with the batch axis of one sample.
Closed = Callable[[nn.Module, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Symbol:
    """A symbol in plain text (Unicode subscripts) and in LaTeX."""

    plain: str
    latex: str

    @staticmethod
    def make(base: str, k: int | None = None, prime: int = 0) -> "Symbol":
        sub = "" if k is None else str(k).translate(_SUBSCRIPTS)
        plain = base + sub + "′" * prime
        latex = base if k is None else f"{base}_{{{k}}}"
        latex += "^{" + r"\prime" * prime + "}" if prime else ""
        return Symbol(plain, latex)

    def cotangent(self) -> "Symbol":
        """δₖ for a pre-activation zₖ (the derivations' name), ∂E/∂v for any other v."""
        if self.plain.startswith("z") and self.latex.startswith("z_"):
            return Symbol("δ" + self.plain[1:], r"\delta" + self.latex[1:])
        return Symbol(f"∂E/∂{self.plain}", rf"\frac{{\partial E}}{{\partial {self.latex}}}")


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


@dataclass(frozen=True)
class Formula:
    """What one layer kind computes, forward and backward, in its own symbols.

    ``out``: the letter of the value it produces (z for a weighted sum, h for an activation,
    p for a pooled map, v for a flattened vector); ``numbered``: it starts a new layer
    number (it owns the weights Wₖ, bₖ). Templates are (plain, LaTeX) pairs.
    """

    out: str
    forward: tuple[str, str]
    input_grad: tuple[str, str]
    param_grads: dict[str, tuple[str, str]] = field(default_factory=dict)
    numbered: bool = False
    closed_input: Closed | None = None
    closed_params: dict[str, Closed] = field(default_factory=dict)


@dataclass(frozen=True)
class LossFormula:
    """A loss on the network's output y (one sample, with its batch axis) and a target
    vector t: the library's loss op, the squashing s = f(y) it shows first (if any), the
    (plain, LaTeX) formulas of s, of E and of ∂E/∂y, and ∂E/∂y in closed form."""

    loss: Callable[[Any, np.ndarray], Any]
    squash: Callable[[Any], Any] | None
    forward: tuple[tuple[str, str, str], ...]  # (symbol, plain, LaTeX) per forward step
    delta: tuple[str, str]
    closed: Callable[[np.ndarray, np.ndarray], np.ndarray]


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))  # stable for any x


def _softmax(y: np.ndarray) -> np.ndarray:
    e = np.exp(y - y.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


_LINEAR = Formula(
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


def _positions(nd: int) -> tuple[str, str, str, str]:
    """Index names for an nd-dimensional map: output (i,j), kernel (p,q), input (u,v), and
    the input position a kernel tap reads: S·i + D·p − P (stride S, dilation D, padding P)."""
    out, tap, inp = ("i", "p", "u") if nd == 1 else ("i,j", "p,q", "u,v")
    reads = ", ".join(f"S·{o} + D·{k} − P" for o, k in zip(out.split(","), tap.split(",")))
    return out, tap, inp, reads


def _conv(nd: int) -> Formula:
    out, tap, inp, reads = _positions(nd)
    return Formula(
        out="z", numbered=True,
        forward=(f"$out = $W ⋆ $inp$plus_b   (cross-correlation: ($W ⋆ $inp)[o,{out}] = "
                 f"Σ_c,{tap} $W[o,c,{tap}] · $inp[c, {reads}]; stride S, dilation D, padding P)",
                 r"$out = $W \star $inp$plus_b"),
        input_grad=(f"$gin[c,{inp}] = Σ $gout[o,{out}] · $W[o,c,{tap}] over every o,{out},{tap} "
                    f"whose tap reads ({inp})   (a full convolution of $gout with the flipped "
                    f"kernel)",
                    r"$gin = \operatorname{conv_{full}}($gout, \operatorname{flip}($W))"),
        param_grads={
            "weight": (f"∂E/∂$W[o,c,{tap}] = Σ_{out} $gout[o,{out}] · $inp[c, {reads}]   "
                       f"($gout ⋆ $inp)",
                       r"\frac{\partial E}{\partial $W} = $gout \star $inp"),
            "bias": (f"∂E/∂$b[o] = Σ_{out} $gout[o,{out}]",
                     rf"\frac{{\partial E}}{{\partial {{$b}}_{{o}}}} = \sum_{{{out}}} "
                     rf"{{$gout}}_{{o,{out}}}"),
        },
    )


def _pool(kind: str, nd: int) -> Formula:
    out, tap, inp, reads = _positions(nd)
    window = f"window ({out}): positions {reads}, {tap} over the K kernel taps"
    if kind == "max":
        return Formula(
            out="p",
            forward=(f"$out[c,{out}] = max of $inp[c, ·] over {window}",
                     r"$out = \operatorname{maxpool}($inp)"),
            input_grad=(f"$gin[c,{inp}] = Σ $g[c,{out}] over the windows ({out}) whose maximum "
                        f"is at ({inp}); 0 where no window takes its maximum",
                        r"$gin = \operatorname{route}_{\operatorname{argmax}}($gout)"),
        )
    return Formula(
        out="p",
        forward=(f"$out[c,{out}] = (1/K) Σ $inp[c, ·] over {window}",
                 r"$out = \operatorname{avgpool}($inp)"),
        input_grad=(f"$gin[c,{inp}] = (1/K) Σ $g[c,{out}] over the windows ({out}) that hold "
                    f"({inp})",
                    r"$gin = \tfrac{1}{K} \operatorname{spread}($gout)"),
    )


def _activation(out_expr: tuple[str, str], grad_expr: tuple[str, str], closed: Closed) -> Formula:
    return Formula(
        out="h",
        forward=(f"$out = {out_expr[0]}", f"$out = {out_expr[1]}"),
        input_grad=(f"$gin = $g ⊙ {grad_expr[0]}", rf"$gin = $g \odot {grad_expr[1]}"),
        closed_input=closed,
    )


_IDENTITY = Formula(out="d", forward=("$out = $inp   (the identity when evaluating)",
                                      r"$out = $inp"),
                    input_grad=("$gin = $g", r"$gin = $g"),
                    closed_input=lambda m, x, y, g: g)

LAYER_FORMULAS: dict[type, Formula] = {
    nn.Linear: _LINEAR,
    nn.Conv2d: _conv(2), nn.Conv1d: _conv(1),
    nn.MaxPool2d: _pool("max", 2), nn.MaxPool1d: _pool("max", 1),
    nn.AvgPool2d: _pool("avg", 2), nn.AvgPool1d: _pool("avg", 1),
    nn.Flatten: Formula(out="v", forward=("$out = vec($inp)", r"$out = \operatorname{vec}($inp)"),
                        input_grad=("$gin = reshape($gout) to the shape of $inp",
                                    r"$gin = \operatorname{reshape}($gout)"),
                        closed_input=lambda m, x, y, g: g.reshape(x.shape)),
    nn.Sigmoid: _activation(("σ($inp)", r"\sigma($inp)"),
                            ("σ′($inp),  σ′($inp) = $out ⊙ (1 − $out)",
                             r"\sigma^{\prime}($inp)"),
                            lambda m, x, y, g: g * y * (1 - y)),
    nn.Tanh: _activation(("tanh($inp)", r"\tanh($inp)"),
                         ("(1 − $out²)", r"(1 - $out^{2})"),
                         lambda m, x, y, g: g * (1 - y * y)),
    nn.ReLU: _activation(("max(0, $inp)", r"\max(0, $inp)"),
                         ("H($inp)   (H = 1 where $inp > 0, else 0)", r"H($inp)"),
                         lambda m, x, y, g: g * (x > 0)),
    nn.Softplus: _activation(("ln(1 + e^$inp)", r"\ln(1 + e^{$inp})"),
                             ("σ($inp)", r"\sigma($inp)"),
                             lambda m, x, y, g: g * np.where(m.beta * x > m.threshold, 1.0,
                                                             _sigmoid(m.beta * x))),
    nn.Dropout: _IDENTITY,
    nn.Identity: _IDENTITY,
}


LOSS_FORMULAS: dict[str, LossFormula] = {
    # t is one-hot here: the library's cross-entropy takes class probabilities as targets
    "cross_entropy": LossFormula(
        loss=F.cross_entropy, squash=F.softmax,
        forward=(("s", "s = softmax($y)", r"s = \operatorname{softmax}($y)"),
                 ("E", "E = −log s_t   (t = $label)", r"E = -\log s_{t}")),
        delta=("$gy = s − t   (t one-hot)", r"$gy = s - t"),
        closed=lambda y, t: _softmax(y) - t,
    ),
    "mse": LossFormula(
        loss=F.mse_loss, squash=None,
        forward=(("E", "E = (1/C) Σᵢ ($yᵢ − tᵢ)²   (C = $C)",
                  r"E = \frac{1}{C} \sum_{i} ({$y}_{i} - t_{i})^{2}"),),
        delta=("$gy = (2/C)($y − t)", r"$gy = \frac{2}{C}($y - t)"),
        closed=lambda y, t: 2 * (y - t) / y.size,
    ),
    "bce": LossFormula(
        loss=F.binary_cross_entropy_with_logits, squash=F.sigmoid,
        forward=(("s", "s = σ($y)", r"s = \sigma($y)"),
                 ("E", "E = −(1/C) Σᵢ [tᵢ log sᵢ + (1 − tᵢ) log(1 − sᵢ)]   (C = $C)",
                  r"E = -\frac{1}{C} \sum_{i} [t_{i} \log s_{i} + (1 - t_{i}) \log(1 - s_{i})]")),
        delta=("$gy = (s − t)/C", r"$gy = \frac{1}{C}(s - t)"),
        closed=lambda y, t: (_sigmoid(y) - t) / y.size,
    ),
}


def formula_for(module: nn.Module) -> Formula:
    """The formula record of a layer (its class or the nearest base class in the table)."""
    from ..errors import BackpropError

    for cls in type(module).__mro__:
        if cls in LAYER_FORMULAS:
            return LAYER_FORMULAS[cls]
    raise BackpropError(f"trace: no formula for layer {type(module).__name__} (known: "
                        f"{', '.join(sorted(c.__name__ for c in LAYER_FORMULAS))})")


def fill(template: str, symbols: dict[str, str]) -> str:
    """Put the symbols into a template (missing placeholders are an error of this table)."""
    return Template(template).substitute(symbols)
