"""The update rule of each optimiser that training step by step can use, written out with its
numbers: for a parameter θ (W₁, b₂…) with gradient ∂E/∂θ, the lines that take θ to its next
value, each a formula (plain and LaTeX) and the same right-hand side with the numbers put in.

The new values are the library optimiser's (its step is what is shown; see
``backprop.optim``); the lines set them beside the formula, and compute only what the
optimiser folds into one expression (Adam's m̂ and v̂).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Union

import numpy as np

__all__ = ["Line", "Rule", "RULES", "names", "hyper_of"]

Term = Union[str, float, np.ndarray]  # operator text, a hyper-parameter, or a tensor


@dataclass(frozen=True)
class Line:
    """One assignment of an update: ``plain``/``latex`` the formula (θ ← θ − η ∂E/∂θ),
    ``terms`` its right-hand side with the numbers put in, ``result`` the value assigned."""

    plain: str
    latex: str
    terms: tuple[Term, ...]
    result: np.ndarray


@dataclass(frozen=True)
class _Names:
    """The symbols of one parameter's update, plain and LaTeX."""

    theta: tuple[str, str]

    def sub(self, letter: str) -> tuple[str, str]:
        """A per-parameter quantity: v_W₁, v_{W_{1}}."""
        return f"{letter}_{self.theta[0]}", f"{letter}_{{{self.theta[1]}}}"

    def grad(self) -> tuple[str, str]:
        return f"∂E/∂{self.theta[0]}", rf"\frac{{\partial E}}{{\partial {self.theta[1]}}}"


@dataclass(frozen=True)
class Rule:
    """How one optimiser (by its recipe name) updates a parameter, as lines:
    ``lines(names, before, grad, state_before, state_after, hyper, after)``, where the
    states are the optimiser's per-parameter state (its momentum buffer, Adam's moments)."""

    description: str
    hyper: tuple[str, ...]  # the hyper-parameters the lines show
    lines: Callable[..., list[Line]]


def _sgd(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl) = n.theta, n.grad()
    return [Line(f"{t} ← {t} − η {g}", rf"{tl} \leftarrow {tl} - \eta \, {gl}",
                 (before, " − ", hyper["lr"], " × ", grad), after)]


def _momentum(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl), (v, vl) = n.theta, n.grad(), n.sub("v")
    buffer = state_after["momentum_buffer"]
    if "momentum_buffer" not in state_before:
        first = Line(f"{v} ← {g}   (the first step)", rf"{vl} \leftarrow {gl}", (grad,), buffer)
    else:
        first = Line(f"{v} ← μ {v} + {g}", rf"{vl} \leftarrow \mu \, {vl} + {gl}",
                     (hyper["momentum"], " × ", state_before["momentum_buffer"], " + ", grad),
                     buffer)
    return [first, Line(f"{t} ← {t} − η {v}", rf"{tl} \leftarrow {tl} - \eta \, {vl}",
                        (before, " − ", hyper["lr"], " × ", buffer), after)]


def _adam(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl), (m, ml), (v, vl) = n.theta, n.grad(), n.sub("m"), n.sub("v")
    (mh, mhl), (vh, vhl) = (f"m̂_{t}", rf"\hat{{m}}_{{{tl}}}"), (f"v̂_{t}", rf"\hat{{v}}_{{{tl}}}")
    b1, b2 = hyper["betas"]
    step = state_after["step"]
    zeros = np.zeros_like(before)
    m_old, v_old = state_before.get("exp_avg", zeros), state_before.get("exp_avg_sq", zeros)
    m_new, v_new = state_after["exp_avg"], state_after["exp_avg_sq"]
    c1, c2 = 1 - b1 ** step, 1 - b2 ** step
    m_hat, v_hat = m_new / c1, v_new / c2
    return [
        Line(f"{m} ← β₁ {m} + (1 − β₁) {g}",
             rf"{ml} \leftarrow \beta_{{1}} {ml} + (1 - \beta_{{1}}) \, {gl}",
             (b1, " × ", m_old, " + ", 1 - b1, " × ", grad), m_new),
        Line(f"{v} ← β₂ {v} + (1 − β₂) ({g})²",
             rf"{vl} \leftarrow \beta_{{2}} {vl} + (1 - \beta_{{2}}) \left({gl}\right)^{{2}}",
             (b2, " × ", v_old, " + ", 1 - b2, " × ", grad * grad), v_new),
        Line(f"{mh} = {m} / (1 − β₁ᵗ)   (t = {step})",
             rf"{mhl} = \frac{{{ml}}}{{1 - \beta_{{1}}^{{{step}}}}}", (m_new, " / ", c1), m_hat),
        Line(f"{vh} = {v} / (1 − β₂ᵗ)   (t = {step})",
             rf"{vhl} = \frac{{{vl}}}{{1 - \beta_{{2}}^{{{step}}}}}", (v_new, " / ", c2), v_hat),
        Line(f"{t} ← {t} − η {mh} / (√{vh} + ε)",
             rf"{tl} \leftarrow {tl} - \eta \, \frac{{{mhl}}}{{\sqrt{{{vhl}}} + \epsilon}}",
             (before, " − ", hyper["lr"], " × ", m_hat, " / (√", v_hat, " + ", hyper["eps"], ")"),
             after),
    ]


RULES: dict[str, Rule] = {
    "sgd": Rule("θ ← θ − η ∂E/∂θ", ("lr",), _sgd),
    "momentum": Rule("heavy-ball momentum, as torch.optim.SGD(momentum=μ): v ← μ v + ∂E/∂θ, "
                     "θ ← θ − η v", ("lr", "momentum"), _momentum),
    "adam": Rule("Adam (Kingma & Ba, 2015), as torch.optim.Adam", ("lr", "betas", "eps"),
                 _adam),
}


def names(theta: tuple[str, str]) -> _Names:
    """The symbols of the update of the parameter written ``theta`` (plain, LaTeX)."""
    return _Names(theta)


def hyper_of(group: dict[str, Any], rule: Rule) -> dict[str, Any]:
    """The hyper-parameters a rule's lines show, from the optimiser's parameter group."""
    return {k: group[k] for k in rule.hyper}
