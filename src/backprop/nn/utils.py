"""Gradient clipping, in place, as torch.nn.utils: call between ``backward()`` and
``optimizer.step()``."""

from __future__ import annotations

import math
from typing import Iterable

import numpy as np

from ..engine import Tensor
from ..errors import BackpropError

__all__ = ["clip_grad_norm_", "clip_grad_value_"]


def _grads(parameters: Tensor | Iterable[Tensor]) -> list[np.ndarray]:
    """The gradients (arrays, changed in place) of the parameters that have one."""
    params = [parameters] if isinstance(parameters, Tensor) else list(parameters)
    return [p.grad for p in params if p.grad is not None]


def clip_grad_norm_(parameters: Tensor | Iterable[Tensor], max_norm: float,
                    norm_type: float = 2.0, error_if_nonfinite: bool = False) -> Tensor:
    """Scale all gradients together so that their joint ``norm_type``-norm is at most
    ``max_norm``: g ← g · min(1, max_norm/(‖g‖ + 1e-6)). Returns the norm before clipping.

    The norm is taken over all gradients as if concatenated (``inf``: the largest |gᵢ|).
    A non-finite norm raises with ``error_if_nonfinite``, as PyTorch."""
    norm_type = float(norm_type)
    with_grad = _grads(parameters)
    if not with_grad:
        return Tensor(np.array(0.0))
    if norm_type == math.inf:
        norms = [np.max(np.abs(g)) if g.size else 0.0 for g in with_grad]
        total = float(np.max(norms))
    elif norm_type > 0:
        norms = [np.sum(np.abs(g) ** norm_type) ** (1 / norm_type) for g in with_grad]
        total = float(np.sum(np.asarray(norms, dtype=np.float64) ** norm_type) ** (1 / norm_type))
    else:
        raise BackpropError(f"clip_grad_norm_: norm_type must be positive or inf, got {norm_type}")
    if error_if_nonfinite and not math.isfinite(total):
        raise BackpropError(f"clip_grad_norm_: the total {norm_type}-norm of the gradients is "
                            f"{total}; set error_if_nonfinite=False to clip anyway")
    coef = min(max_norm / (total + 1e-6), 1.0)
    for g in with_grad:
        g *= np.asarray(coef, dtype=g.dtype)
    return Tensor(np.array(total))


def clip_grad_value_(parameters: Tensor | Iterable[Tensor], clip_value: float) -> None:
    """Clamp every gradient entry into [−clip_value, clip_value]."""
    if clip_value < 0:
        raise BackpropError(f"clip_grad_value_: clip_value must be ≥ 0, got {clip_value}")
    for g in _grads(parameters):
        np.clip(g, -clip_value, clip_value, out=g)
