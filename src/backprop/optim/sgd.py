"""Stochastic gradient descent with momentum, Nesterov momentum and weight decay."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .. import kernels
from ..engine import no_grad
from ..errors import BackpropError
from ..validate import check_flag, check_non_negative
from .optimizer import Optimizer


class SGD(Optimizer):
    """SGD as torch.optim.SGD (Sutskever et al., 2013, for the momentum form).

    With gradient g, weight decay λ, momentum μ, dampening τ and learning rate η:
        g ← g + λ θ
        b ← μ b + (1 − τ) g        (b = g on the first step)
        g ← g + μ b if nesterov else b
        θ ← θ − η g

    One departure from torch's arithmetic: an entry of b that decays below the smallest
    normal float (as where the gradient stays zero) is set to zero, because x86 processors
    compute with subnormals many times more slowly (see :mod:`.subnormals`). η times such an
    entry is below the rounding unit of θ, so θ takes the same values as without it.
    """

    # names in the training recipe (backprop train --optimizer) → default hyper-parameters
    recipes = {"sgd": dict(lr=0.1), "momentum": dict(lr=0.05, momentum=0.9),
               "nesterov": dict(lr=0.05, momentum=0.9, nesterov=True)}

    def __init__(self, params: Iterable[Any], lr: float = 1e-3, momentum: float = 0.0,
                 dampening: float = 0.0, weight_decay: float = 0.0, nesterov: bool = False) -> None:
        for name, value in (("lr", lr), ("momentum", momentum), ("dampening", dampening),
                            ("weight_decay", weight_decay)):
            check_non_negative("SGD", name, value)
        if check_flag("SGD", "nesterov", nesterov) and (momentum <= 0 or dampening != 0):
            raise BackpropError("SGD: Nesterov momentum needs momentum > 0 and dampening = 0")
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    def step(self) -> None:
        with no_grad():
            for group in self.param_groups:
                lr, mu, wd = group["lr"], group["momentum"], group["weight_decay"]
                damp, nesterov = group["dampening"], group["nesterov"]
                for p in group["params"]:
                    g = p.grad
                    if g is None:
                        continue
                    state = self.state.get(id(p))
                    if state is None:
                        state = self.state[id(p)] = {}
                    if not mu:
                        kernels.active().sgd(p.data, g, lr, wd)
                        continue
                    buf = state.get("momentum_buffer")
                    if buf is None:  # the first step: b = g
                        if wd:
                            g = g + wd * p.data
                        buf = state["momentum_buffer"] = np.array(g, dtype=p.data.dtype)
                        p.data -= lr * (g + mu * buf if nesterov else buf)
                    else:
                        kernels.active().sgd_momentum(p.data, g, buf, lr, mu, wd, damp,
                                                      nesterov)
