"""Optimiser base: parameter groups and per-parameter state, as torch.optim."""

from __future__ import annotations

import inspect
from typing import Any, Iterable

import numpy as np

from ..engine import Tensor
from ..errors import ArgumentTypeError, BackpropError, CheckpointError


class Optimizer:
    """Holds ``param_groups`` (dicts with ``params`` and hyper-parameters) and ``state``
    (per-parameter arrays such as momentum buffers). Subclasses implement one update rule."""

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        params = list(params)
        if not params:
            raise BackpropError(f"{type(self).__name__}: got an empty parameter list")
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        self.defaults = defaults
        self.param_groups: list[dict[str, Any]] = []
        for g in groups:
            group = {**defaults, **g, "params": list(g["params"])}
            for p in group["params"]:
                if not isinstance(p, Tensor) or not p.requires_grad:
                    raise ArgumentTypeError(f"{type(self).__name__}: can only optimise tensors "
                                            f"that require grad")
            self.param_groups.append(group)
        self.state: dict[int, dict[str, Any]] = {}

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none or p.grad is None:
                    p.grad = None
                else:
                    p.grad[...] = 0

    def _params_with_grad(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    yield group, p, self.state.setdefault(id(p), {})

    def step(self) -> None:
        raise NotImplementedError

    # -- state for checkpoints ------------------------------------------------------------
    def check_hyperparameters(self, hyper: dict[str, Any]) -> None:
        """Refuse (ValueError, TypeError) saved hyper-parameters this optimiser's constructor
        would refuse: the same checks, run on a throwaway optimiser of one probe parameter.
        Entries the constructor does not take (a schedule's ``initial_lr``) are not checked."""
        takes = inspect.signature(type(self).__init__).parameters
        probe = Tensor(np.zeros(1), requires_grad=True)
        type(self)([probe], **{k: v for k, v in hyper.items() if k in takes and k != "params"})

    def state_dict(self) -> dict[str, Any]:
        """``{"state": {index: {name: array or number}}, "param_groups": [hyper-parameters]}``
        with parameters numbered in group order, as torch.optim."""
        index = {}
        groups = []
        for group in self.param_groups:
            ids = []
            for p in group["params"]:
                index[id(p)] = len(index)
                ids.append(index[id(p)])
            groups.append({**{k: v for k, v in group.items() if k != "params"}, "params": ids})
        state = {index[k]: {n: (v.copy() if isinstance(v, np.ndarray) else v)
                            for n, v in s.items()}
                 for k, s in self.state.items() if k in index}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        groups = state_dict["param_groups"]
        if len(groups) != len(self.param_groups) or any(
                len(g["params"]) != len(h["params"]) for g, h in zip(groups, self.param_groups)):
            raise CheckpointError("load_state_dict: the saved optimiser has a different set of "
                                  "parameters")
        params = [p for g in self.param_groups for p in g["params"]]
        for g, saved in zip(self.param_groups, groups):
            # A tuple hyper-parameter (Adam's betas) comes back from JSON as a list.
            hyper = {k: tuple(v) if isinstance(self.defaults.get(k), tuple) else v
                     for k, v in saved.items() if k != "params"}
            self.check_hyperparameters(hyper)
            g.update(hyper)
        self.state = {}
        for i, s in state_dict["state"].items():
            p = params[int(i)]
            self.state[id(p)] = {n: (np.array(v, dtype=p.data.dtype) if isinstance(v, np.ndarray)
                                     else v) for n, v in s.items()}
