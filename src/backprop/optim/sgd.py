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
        self._shared = {}

    def step(self) -> None:
        with no_grad():
            k = kernels.active()
            for i, group in enumerate(self.param_groups):
                lr, mu, wd = group["lr"], group["momentum"], group["weight_decay"]
                damp, nesterov = group["dampening"], group["nesterov"]
                params = group["params"]
                if mu:
                    shared = self._shared.get(i)
                    if shared is None or not self._holds(shared, group):
                        shared = self._share(i, group)
                    if shared is not None:  # the small parameters together, the rest below
                        members, bufs, flat, params, scratch = shared[1:]
                        k.sgd_momentum_shared([p.data for p in members],
                                              [p.grad for p in members], bufs, flat, lr, mu,
                                              wd, damp, nesterov, scratch)
                for p in params:
                    g = p.grad
                    if g is None:
                        continue
                    state = self.state.get(id(p))
                    if state is None:
                        state = self.state[id(p)] = {}
                    if not mu:
                        k.sgd(p.data, g, lr, wd)
                        continue
                    buf = state.get("momentum_buffer")
                    if buf is None:  # the first step: b = g
                        if wd:
                            g = g + wd * p.data
                        buf = state["momentum_buffer"] = np.array(g, dtype=p.data.dtype)
                        p.data -= lr * (g + mu * buf if nesterov else buf)
                    else:
                        k.sgd_momentum(p.data, g, buf, lr, mu, wd, damp, nesterov)

    # -- small parameters' momentum buffers in one array ------------------------------------
    # A group's parameters under kernels' SHARED elements keep their momentum buffers as
    # views of one flat array, and are updated by one call (kernels' sgd_momentum_shared: the
    # same bits, fewer NumPy calls). The record is (ids of the group's parameters, members,
    # their buffers, the flat array, the other parameters, the kernel's scratch: an array like
    # the flat one and its views like the buffers); it holds while every member has a
    # gradient and its state still holds that very view (a loaded state, a copied optimiser
    # or a step where a member has no gradient falls back to the per-parameter updates).
    _shared: dict[int, tuple[Any, ...]]

    def _holds(self, shared: tuple[Any, ...], group: dict[str, Any]) -> bool:
        ids, members, bufs, flat = shared[:4]
        state = self.state
        for p, b in zip(members, bufs):
            if p.grad is None or b.base is not flat:
                return False
            s = state.get(id(p))
            if s is None or s.get("momentum_buffer") is not b:
                return False
        return tuple(map(id, group["params"])) == ids

    def _share(self, i: int, group: dict[str, Any]) -> tuple[Any, ...] | None:
        """A new record for group ``i`` (its buffers copied into one array), or None when
        fewer than two small parameters have a gradient and a buffer of one dtype."""
        self._shared.pop(i, None)
        params = group["params"]
        members = [p for p in params if p.data.size < kernels.reference.SHARED]
        if (len(members) < 2 or any(p.grad is None for p in members)
                or len({id(p) for p in members}) < len(members)):  # a parameter listed twice
            return None
        bufs = [self.state.get(id(p), {}).get("momentum_buffer") for p in members]
        dtype = members[0].data.dtype
        if any(b is None or b.dtype != dtype or b.shape != p.data.shape
               for p, b in zip(members, bufs)):
            return None
        flat = np.concatenate([b.reshape(-1) for b in bufs])
        step = np.empty_like(flat)
        views, steps, start = [], [], 0
        for p in members:
            n = p.data.size
            views.append(flat[start:start + n].reshape(p.data.shape))
            steps.append(step[start:start + n].reshape(p.data.shape))
            self.state[id(p)]["momentum_buffer"] = views[-1]
            start += n
        small = {id(p) for p in members}
        record = (tuple(map(id, params)), members, views, flat,
                  [p for p in params if id(p) not in small], (step, steps))
        self._shared[i] = record
        return record
