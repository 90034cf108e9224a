"""What training minimises and how the result is scored: one :class:`Objective` per loss name.

- ``cross_entropy``: logits (N, C) against class labels; scored by accuracy.
- ``bce``: one logit per sample, (N,) or (N, 1), against 0/1 targets (binary cross-entropy on
  the logit, σ fused in); scored by accuracy (logit > 0).
- ``sigmoid_mse``: the same one logit, squashed by σ, against 0/1 targets by mean squared
  error — the comparison of the derivations (its gradient vanishes on confident mistakes);
  scored by accuracy.
- ``mse``: outputs shaped like the targets (regression); scored by R².

Any callable ``loss(outputs, targets) -> Tensor`` works too (scored by its loss alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .. import functional as F
from ..engine import Tensor
from ..errors import BackpropError

__all__ = ["Objective", "OBJECTIVES", "objective"]


def _class_labels(y: np.ndarray, where: str, classes: int | None = None) -> np.ndarray:
    from ..data.datasets import count_classes

    count_classes({where: y}, classes)
    return y


def _binary(y: np.ndarray, where: str) -> np.ndarray:
    y = np.asarray(y)
    if not np.isin(y, (0, 1)).all():
        raise BackpropError(f"{where}: this loss needs 0/1 targets, got values "
                            f"{np.unique(y)[:5].tolist()}")
    return y


def _real(y: np.ndarray, where: str) -> np.ndarray:
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.number) or np.iscomplexobj(y) or \
            not np.all(np.isfinite(y)):
        raise BackpropError(f"{where}: regression targets must be finite real numbers, got "
                            f"dtype {y.dtype}")
    return y


def _array(v: Any) -> np.ndarray:
    return v.data if isinstance(v, Tensor) else np.asarray(v)


def _binary_targets(outputs: Any, y: Any, smoothing: float, op: str) -> np.ndarray:
    """0/1 targets in the shape of the logits, (N,) or (N, 1) (one logit per sample), in
    their dtype, smoothed towards ½."""
    shape = _array(outputs).shape
    if not (len(shape) == 1 or (len(shape) == 2 and shape[1] == 1)):
        raise BackpropError(f"{op}: needs one logit per sample, outputs (N,) or (N, 1); the "
                            f"model gives {shape}")
    t = np.asarray(y, dtype=_array(outputs).dtype).reshape(shape)
    return t * (1 - smoothing) + smoothing / 2 if smoothing else t


@dataclass(frozen=True)
class Objective:
    """A loss by name: how it is computed, which targets it takes, how outputs are scored."""

    name: str
    loss: Callable[..., Any]                       # (outputs, targets, label_smoothing) → Tensor
    targets: Callable[[np.ndarray, str], np.ndarray]
    correct: Callable[[np.ndarray, np.ndarray], float] | None = None  # classification only
    extra: Callable[[np.ndarray, np.ndarray], dict[str, float]] | None = None  # e.g. R²
    outputs_per_class: bool = False                # the model ends in one output per class

    @property
    def classifies(self) -> bool:
        return self.correct is not None

    def probabilities(self, outputs: np.ndarray) -> np.ndarray:
        """Class probabilities (N, C) from the model's outputs: softmax over the classes,
        or (1 − σ, σ) of one logit."""
        outputs = np.asarray(outputs, np.float64)
        if self.outputs_per_class:
            return F.softmax(outputs, dim=1).data
        if not self.classifies:
            raise BackpropError(f"{self.name}: a regression has no class probabilities")
        p = F.sigmoid(np.reshape(outputs, (len(outputs),))).data
        return np.stack([1 - p, p], axis=1)

    def score(self, outputs: np.ndarray, y: np.ndarray) -> dict[str, float]:
        """Plain loss (no label smoothing), with accuracy when it classifies and the
        objective's extra figures (R² for regression)."""
        scores = {"loss": float(self.loss(outputs, y, 0.0).data)}
        if self.correct is not None:
            scores["accuracy"] = self.correct(outputs, y) / len(y)
        if self.extra is not None:
            scores.update(self.extra(outputs, y))
        return scores


def _ce(outputs, y, smoothing):
    return F.cross_entropy(outputs, y, label_smoothing=smoothing)


def _bce(outputs, y, smoothing):
    return F.binary_cross_entropy_with_logits(outputs, _binary_targets(outputs, y, smoothing,
                                                                        "bce"))


def _sigmoid_mse(outputs, y, smoothing):
    return F.mse_loss(F.sigmoid(outputs), _binary_targets(outputs, y, smoothing, "sigmoid_mse"))


def _mse(outputs, y, smoothing):
    if smoothing:
        raise BackpropError("mse: label smoothing applies to class targets, not to regression")
    out = _array(outputs)
    t = np.asarray(y, dtype=out.dtype)
    if t.shape != out.shape and t.size == out.size:
        t = t.reshape(out.shape)  # (N,) targets for a model ending in linear(1)
    if t.shape != out.shape:
        raise BackpropError(f"mse: targets of shape {np.shape(y)} for outputs {out.shape}")
    return F.mse_loss(outputs, t)


def _r2(outputs, y) -> dict[str, float]:
    """R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)², over every target entry (NaN for constant y)."""
    y = np.asarray(y, float)
    resid = np.sum((np.reshape(outputs, y.shape) - y) ** 2)
    total = np.sum((y - y.mean(axis=0)) ** 2)
    return {"r2": float(1 - resid / total) if total else float("nan")}


def _argmax_correct(outputs, y):
    return float(np.sum(np.asarray(outputs).argmax(axis=1) == y))


def _sign_correct(outputs, y):
    return float(np.sum((np.reshape(outputs, np.shape(y)) > 0) == (y == 1)))


OBJECTIVES: dict[str, Objective] = {o.name: o for o in (
    Objective("cross_entropy", _ce, _class_labels, _argmax_correct, outputs_per_class=True),
    Objective("bce", _bce, _binary, _sign_correct),
    Objective("sigmoid_mse", _sigmoid_mse, _binary, _sign_correct),
    Objective("mse", _mse, _real, extra=_r2),
)}


def objective(loss: str | Callable[..., Any] | Objective) -> Objective:
    """The :class:`Objective` for a loss name, a callable ``loss(outputs, targets)``, or
    an :class:`Objective` itself."""
    if isinstance(loss, Objective):
        return loss
    if callable(loss):
        name = getattr(loss, "__name__", "custom loss")
        return Objective(name, lambda out, y, smoothing: loss(out, y), lambda y, where: y)
    if loss not in OBJECTIVES:
        raise BackpropError(f"loss must be one of {', '.join(OBJECTIVES)} or a callable, got "
                            f"{loss!r}")
    return OBJECTIVES[loss]
