"""Stop a run that has diverged, before a useless model is saved as its result.

A run has diverged when its loss is not finite or has grown far beyond where it started,
or when a weight is not finite or has grown beyond any useful size. The loop checks the loss
after every step and the weights at the end of every epoch, before that epoch's checkpoint
is written; so the last checkpoint on disk is always from before the divergence.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import BackpropError

__all__ = ["DivergenceGuard", "DivergedError", "LOSS_GROWTH", "MAX_WEIGHT"]

LOSS_GROWTH = 1e3   # a step's loss above this many times the first (or 1) has diverged
MAX_WEIGHT = 1e6    # no weight of a working network comes near this magnitude


class DivergedError(BackpropError):
    """Training diverged; nothing after the last good state was saved."""


class DivergenceGuard:
    """Watches one run of the loop: :meth:`loss` after each step, :meth:`weights` at the end
    of each epoch. Either raises :class:`DivergedError` with one line saying where."""

    def __init__(self) -> None:
        self.reference: float | None = None

    def loss(self, value: float, epoch: int, step: int) -> None:
        if self.reference is None and math.isfinite(value):
            self.reference = max(abs(value), 1.0)
        limit = LOSS_GROWTH * (self.reference or 1.0)
        if not math.isfinite(value) or value > limit:
            why = ("became " + str(value) if not math.isfinite(value) else
                   f"grew to {value:.3g}, over {LOSS_GROWTH:g}× its start")
            raise DivergedError(f"training diverged: the loss {why} at epoch {epoch + 1}, step "
                                f"{step + 1}; stopped without saving this state (lower the "
                                f"learning rate)")

    def weights(self, model: Any, epoch: int) -> None:
        for name, p in model.named_parameters():
            top = float(np.abs(p.data).max()) if p.data.size else 0.0
            if not math.isfinite(top) or top > MAX_WEIGHT:
                what = "is not finite" if not math.isfinite(top) else f"reached {top:.3g}"
                raise DivergedError(f"training diverged: weight {name} {what} at the end of "
                                    f"epoch {epoch + 1}; stopped without saving this state "
                                    f"(lower the learning rate)")
