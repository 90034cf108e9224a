"""Adagrad (Duchi, Hazan & Singer, 2011)."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from ..engine import no_grad
from ..validate import check_non_negative
from .optimizer import Optimizer


class Adagrad(Optimizer):
    """Adagrad as torch.optim.Adagrad.

    With gradient g, weight decay λ, learning-rate decay δ and step t = 1, 2, …:
        g ← g + λ θ
        s ← s + g²            (s starts at initial_accumulator_value)
        θ ← θ − η/(1 + (t − 1) δ) · g/(√s + ε)
    """

    # names in the training recipe (backprop train --optimizer) → default hyper-parameters
    recipes = {"adagrad": dict(lr=1e-2)}

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, lr_decay: float = 0.0,
                 weight_decay: float = 0.0, initial_accumulator_value: float = 0.0,
                 eps: float = 1e-10) -> None:
        for name, value in (("lr", lr), ("lr_decay", lr_decay), ("weight_decay", weight_decay),
                            ("initial_accumulator_value", initial_accumulator_value),
                            ("eps", eps)):
            check_non_negative("Adagrad", name, value)
        super().__init__(params, dict(lr=lr, lr_decay=lr_decay, weight_decay=weight_decay,
                                      initial_accumulator_value=initial_accumulator_value,
                                      eps=eps))

    def step(self) -> None:
        with no_grad():
            for group, p, state in self._params_with_grad():
                g = p.grad
                if group["weight_decay"]:
                    g = g + group["weight_decay"] * p.data
                if not state:
                    state["step"] = 0
                    state["sum"] = np.full_like(p.data, group["initial_accumulator_value"])
                state["step"] += 1
                lr = group["lr"] / (1 + (state["step"] - 1) * group["lr_decay"])
                s = state["sum"]
                s += g * g
                denom = np.sqrt(s)
                denom += group["eps"]
                p.data -= lr * (g / denom)
