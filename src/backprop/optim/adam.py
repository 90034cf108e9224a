"""Adam (Kingma & Ba, 2015) and AdamW (Loshchilov & Hutter, 2019)."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .. import kernels
from ..engine import no_grad
from ..errors import BackpropError
from ..validate import check_fraction, check_non_negative
from .optimizer import Optimizer


class Adam(Optimizer):
    """Adam as torch.optim.Adam.

        g ← g + λ θ                      (L2 weight decay; AdamW decouples it)
        m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
        θ ← θ − η m̂ / (√v̂ + ε),  m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ)

    One departure from torch's arithmetic: an entry of m that falls below the smallest
    normal float (|m| < 1.2 × 10⁻³⁸ in float32: a subnormal, as happens where the gradient
    stays zero and m decays) is set to zero, because x86 processors compute with subnormals
    many times more slowly (see :mod:`.subnormals`). Such an m is far below the rounding unit
    of the step, so θ takes the same values as without the flush; m itself differs from
    torch's by less than 1.2 × 10⁻³⁸.
    """

    _decoupled = False
    # names in the training recipe (backprop train --optimizer) → default hyper-parameters
    recipes = {"adam": dict(lr=1e-3)}

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, amsgrad: bool = False) -> None:
        op = type(self).__name__
        for name, value in (("lr", lr), ("eps", eps), ("weight_decay", weight_decay)):
            check_non_negative(op, name, value)
        if not (isinstance(betas, (tuple, list)) and len(betas) == 2):
            raise BackpropError(f"{op}: betas must be two numbers in [0, 1), got {betas!r}")
        for b in betas:
            check_fraction(op, "betas", b, closed=False)
        super().__init__(params, dict(lr=lr, betas=tuple(betas), eps=eps,
                                      weight_decay=weight_decay, amsgrad=amsgrad))

    def step(self) -> None:
        with no_grad():
            for group, p, state in self._params_with_grad():
                lr, (b1, b2), eps, wd = (group["lr"], group["betas"], group["eps"],
                                         group["weight_decay"])
                g = p.grad
                if wd and not self._decoupled:
                    g = g + wd * p.data
                if not state:
                    state["step"] = 0
                    state["exp_avg"] = np.zeros_like(p.data)
                    state["exp_avg_sq"] = np.zeros_like(p.data)
                    if group["amsgrad"]:
                        state["max_exp_avg_sq"] = np.zeros_like(p.data)
                state["step"] += 1
                t = state["step"]
                v_max = state["max_exp_avg_sq"] if group["amsgrad"] else None
                kernels.active().adam(p.data, g, state["exp_avg"], state["exp_avg_sq"], v_max,
                                      lr, b1, b2, eps, 1 - b1 ** t, 1 - b2 ** t,
                                      1 - lr * wd if wd and self._decoupled else None)


class AdamW(Adam):
    """Adam with decoupled weight decay: θ ← θ (1 − η λ) before the Adam step."""

    _decoupled = True
    recipes = {"adamw": dict(lr=1e-3, weight_decay=1e-2)}

    def __init__(self, params: Iterable[Any], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 1e-2, amsgrad: bool = False) -> None:
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                         amsgrad=amsgrad)
