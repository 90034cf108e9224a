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

__all__ = ["Line", "Rule", "RULES", "STEPPED", "rule_for", "names", "hyper_of"]

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


def _nesterov(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl), (v, vl) = n.theta, n.grad(), n.sub("v")
    first = _momentum(n, before, grad, state_before, state_after, hyper, after)[0]
    return [first, Line(f"{t} ← {t} − η ({g} + μ {v})",
                        rf"{tl} \leftarrow {tl} - \eta \, ({gl} + \mu \, {vl})",
                        (before, " − ", hyper["lr"], " × (", grad, " + ", hyper["momentum"],
                         " × ", state_after["momentum_buffer"], ")"), after)]


def _adamw(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    """Adam's lines, the last with the decoupled decay θ (1 − ηλ) in front."""
    lines = _adam(n, before, grad, state_before, state_after, hyper, after)
    (t, tl), (m_hat, v_hat) = n.theta, (lines[2].result, lines[3].result)
    mh, mhl, vh, vhl = f"m̂_{t}", rf"\hat{{m}}_{{{tl}}}", f"v̂_{t}", rf"\hat{{v}}_{{{tl}}}"
    lines[-1] = Line(f"{t} ← {t} (1 − η λ) − η {mh} / (√{vh} + ε)",
                     rf"{tl} \leftarrow {tl} (1 - \eta \lambda) - \eta \, "
                     rf"\frac{{{mhl}}}{{\sqrt{{{vhl}}} + \epsilon}}",
                     (before, " × (1 − ", hyper["lr"], " × ", hyper["weight_decay"], ") − ",
                      hyper["lr"], " × ", m_hat, " / (√", v_hat, " + ", hyper["eps"], ")"),
                     after)
    return lines


def _rmsprop(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl), (v, vl) = n.theta, n.grad(), n.sub("v")
    v_old = state_before.get("square_avg", np.zeros_like(before))
    v_new, alpha = state_after["square_avg"], hyper["alpha"]
    return [
        Line(f"{v} ← α {v} + (1 − α) ({g})²",
             rf"{vl} \leftarrow \alpha \, {vl} + (1 - \alpha) \left({gl}\right)^{{2}}",
             (alpha, " × ", v_old, " + ", 1 - alpha, " × ", grad * grad), v_new),
        Line(f"{t} ← {t} − η {g} / (√{v} + ε)",
             rf"{tl} \leftarrow {tl} - \eta \, \frac{{{gl}}}{{\sqrt{{{vl}}} + \epsilon}}",
             (before, " − ", hyper["lr"], " × ", grad, " / (√", v_new, " + ", hyper["eps"], ")"),
             after)]


def _adagrad(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    (t, tl), (g, gl), (s, sl) = n.theta, n.grad(), n.sub("s")
    s_old = state_before.get("sum", np.zeros_like(before))
    s_new = state_after["sum"]
    return [
        Line(f"{s} ← {s} + ({g})²", rf"{sl} \leftarrow {sl} + \left({gl}\right)^{{2}}",
             (s_old, " + ", grad * grad), s_new),
        Line(f"{t} ← {t} − η {g} / (√{s} + ε)",
             rf"{tl} \leftarrow {tl} - \eta \, \frac{{{gl}}}{{\sqrt{{{sl}}} + \epsilon}}",
             (before, " − ", hyper["lr"], " × ", grad, " / (√", s_new, " + ", hyper["eps"], ")"),
             after)]


def _stepped(n: _Names, before, grad, state_before, state_after, hyper, after) -> list[Line]:
    """An optimiser whose lines are not written out: its step as the change it made."""
    (t, tl) = n.theta
    return [Line(f"{t} ← {t} + Δ{t}   (Δ{t}: the optimiser's step)",
                 rf"{tl} \leftarrow {tl} + \Delta {tl}", (before, " + ", after - before), after)]


# The optimisers the recipe names (backprop.train.recipe.optimizers), each written out; one the
# table lacks is still trained step by step, its update shown as the change it made.
RULES: dict[str, Rule] = {
    "sgd": Rule("θ ← θ − η ∂E/∂θ", ("lr",), _sgd),
    "momentum": Rule("heavy-ball momentum, as torch.optim.SGD(momentum=μ): v ← μ v + ∂E/∂θ, "
                     "θ ← θ − η v", ("lr", "momentum"), _momentum),
    "nesterov": Rule("Nesterov momentum, as torch.optim.SGD(momentum=μ, nesterov=True): "
                     "v ← μ v + ∂E/∂θ, θ ← θ − η (∂E/∂θ + μ v)", ("lr", "momentum"), _nesterov),
    "adam": Rule("Adam (Kingma & Ba, 2015), as torch.optim.Adam", ("lr", "betas", "eps"),
                 _adam),
    "adamw": Rule("AdamW (Loshchilov & Hutter, 2019), as torch.optim.AdamW: Adam with the "
                  "weight decay λ decoupled from the gradient",
                  ("lr", "betas", "eps", "weight_decay"), _adamw),
    "rmsprop": Rule("RMSprop (Hinton, 2012), as torch.optim.RMSprop: v ← α v + (1 − α) g², "
                    "θ ← θ − η g / (√v + ε)", ("lr", "alpha", "eps"), _rmsprop),
    "adagrad": Rule("Adagrad (Duchi et al., 2011), as torch.optim.Adagrad: s ← s + g², "
                    "θ ← θ − η g / (√s + ε)", ("lr", "eps"), _adagrad),
}
STEPPED = Rule("the optimiser's step, θ ← θ + Δθ", ("lr",), _stepped)


def rule_for(optimizer: str) -> Rule:
    """The written-out update of the optimiser named ``optimizer`` (any the recipe names)."""
    return RULES.get(optimizer, STEPPED)


def names(theta: tuple[str, str]) -> _Names:
    """The symbols of the update of the parameter written ``theta`` (plain, LaTeX)."""
    return _Names(theta)


def hyper_of(group: dict[str, Any], rule: Rule) -> dict[str, Any]:
    """The hyper-parameters a rule's lines show, from the optimiser's parameter group."""
    return {k: group[k] for k in rule.hyper}
