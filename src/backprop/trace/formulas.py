"""The lookup of the formulas a trace prints: a layer's, and the losses'.

A layer's formula is declared beside the layer itself, as its ``formula`` class attribute (a
:class:`backprop.nn.formula.Formula`: the letter of the value it produces, its forward
formula, the formula of the cotangent it passes to its input and of each parameter gradient,
written through ``string.Template`` placeholders (``$out``, ``$inp``, ``$W``, ``$b``, ``$g``…)
that the trace fills with z₁, h₁, δ₂…, and, where the backward pass has a short closed form,
that form in NumPy). :func:`formula_for` reads it. A loss declares its formula beside itself
(:mod:`backprop.train.objectives`); :data:`LOSS_FORMULAS` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from .. import nn
from ..nn.formula import Formula, LossFormula
from ..train.objectives import OBJECTIVES

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


# Each loss declares its formula beside itself (train/objectives.py), as layers do theirs.
LOSS_FORMULAS: dict[str, LossFormula] = {name: o.formula for name, o in OBJECTIVES.items()
                                         if o.formula is not None}


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
