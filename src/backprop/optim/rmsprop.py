"""RMSprop (Hinton, Coursera lecture 6e, 2012), with the centred variant of Graves (2013)."""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from ..engine import no_grad
from ..validate import check_fraction, check_non_negative
from .optimizer import Optimizer


class RMSprop(Optimizer):
    """RMSprop as torch.optim.RMSprop.

    With gradient g, smoothing α, weight decay λ, momentum μ and learning rate η:
        g ← g + λ θ
        v ← α v + (1 − α) g²
        d ← √v + ε,  or √(v − ḡ²) + ε when centred, with ḡ ← α ḡ + (1 − α) g
        b ← μ b + g/d and θ ← θ − η b   (μ > 0);   θ ← θ − η g/d   otherwise
    """

    # names in the training recipe (backprop train --optimizer) → default hyper-parameters;
    # PyTorch's default lr of 1e-2 is the signature's, 1e-3 the usual choice for training
    recipes = {"rmsprop": dict(lr=1e-3)}

    def __init__(self, params: Iterable[Any], lr: float = 1e-2, alpha: float = 0.99,
                 eps: float = 1e-8, weight_decay: float = 0.0, momentum: float = 0.0,
                 centered: bool = False) -> None:
        for name, value in (("lr", lr), ("eps", eps), ("weight_decay", weight_decay),
                            ("momentum", momentum)):
            check_non_negative("RMSprop", name, value)
        check_fraction("RMSprop", "alpha", alpha)
        super().__init__(params, dict(lr=lr, alpha=alpha, eps=eps, weight_decay=weight_decay,
                                      momentum=momentum, centered=centered))

    def step(self) -> None:
        with no_grad():
            for group, p, state in self._params_with_grad():
                alpha, eps, mu = group["alpha"], group["eps"], group["momentum"]
                g = p.grad
                if group["weight_decay"]:
                    g = g + group["weight_decay"] * p.data
                if not state:
                    state["step"] = 0
                    state["square_avg"] = np.zeros_like(p.data)
                state["step"] += 1
                v = state["square_avg"]
                v *= alpha
                v += ((1 - alpha) * g) * g  # PyTorch's rounding order (addcmul)
                if group["centered"]:
                    g_avg = state.setdefault("grad_avg", np.zeros_like(p.data))
                    g_avg += (1 - alpha) * (g - g_avg)
                    denom = np.sqrt(v - g_avg * g_avg)
                else:
                    denom = np.sqrt(v)
                denom += eps
                if mu > 0:
                    buf = state.setdefault("momentum_buffer", np.zeros_like(p.data))
                    buf *= mu
                    buf += g / denom
                    p.data -= group["lr"] * buf
                else:
                    p.data -= group["lr"] * (g / denom)
