"""The formulas a trace prints for the losses, and the lookup of a layer's formula.

A layer's formula is declared beside the layer itself, as its ``formula`` class attribute (a
:class:`backprop.nn.formula.Formula`: the letter of the value it produces, its forward
formula, the formula of the cotangent it passes to its input and of each parameter gradient,
written through ``string.Template`` placeholders (``$out``, ``$inp``, ``$W``, ``$b``, ``$g``…)
that the trace fills with z₁, h₁, δ₂…, and, where the backward pass has a short closed form,
that form in NumPy). :func:`formula_for` reads it. The loss formulas live here, in
:data:`LOSS_FORMULAS`: the losses are the trace's choice, not layers.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template
from typing import Any, Callable

import numpy as np

from .. import functional as F
from .. import nn
from ..nn.formula import Formula

__all__ = ["Formula", "LossFormula", "LOSS_FORMULAS", "Symbol", "formula_for"]


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
    """The formula a layer declares: its class's ``formula``, else the nearest base class's."""
    from ..errors import BackpropError

    for cls in type(module).__mro__:
        f = vars(cls).get("formula")
        if isinstance(f, Formula):
            return f
    raise BackpropError(f"trace: layer {type(module).__name__} declares no formula (its "
                        f"class's `formula`, see backprop.nn.formula)")


def fill(template: str, symbols: dict[str, str]) -> str:
    """Put the symbols into a template (missing placeholders are an error of this table)."""
    return Template(template).substitute(symbols)
