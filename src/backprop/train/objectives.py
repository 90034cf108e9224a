"""What training minimises and how the result is scored: one :class:`Objective` per loss name,
the one meaning of that name in ``backprop train``, ``backprop trace``, ``bp.fit``, the
estimators and the page.

- ``cross_entropy``: softmax cross-entropy of the outputs (N, C) against class labels;
  scored by accuracy.
- ``bce``: binary cross-entropy of σ(outputs) against 0/1 targets (σ fused in, on the
  logits); trained on class labels it takes one logit per sample, (N,) or (N, 1), and is
  scored by accuracy (logit > 0).
- ``sigmoid_mse``: mean squared error of σ(outputs) against 0/1 targets — the comparison of
  the derivations (its gradient vanishes on confident mistakes); one logit per sample on
  class labels, scored by accuracy.
- ``mse``: mean squared error of the outputs against the targets. Targets shaped like the
  outputs (regression) are scored by R²; class labels are compared as one-hot vectors
  (:meth:`Objective.on_labels`, what ``backprop train`` uses) and scored by accuracy.

Each declares, beside its loss, the formula ``backprop trace`` prints for it
(:class:`~backprop.nn.formula.LossFormula`). Any callable ``loss(outputs, targets) -> Tensor``
works too (scored by its loss alone).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

import numpy as np

from .. import functional as F
from ..engine import Tensor
from ..errors import BackpropError
from ..nn.formula import LossFormula

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
    summary: str = ""                              # one line for the help texts
    formula: LossFormula | None = None             # what `backprop trace` prints
    labelled: "Objective | None" = None            # the same loss on class labels, if it differs

    def on_labels(self) -> "Objective":
        """This loss trained on class labels (``backprop train``, the classifier)."""
        return self.labelled or self

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


def _mse_one_hot(outputs, y, smoothing):
    """Mean squared error of the outputs (N, C) against the one-hot vectors of the labels
    (smoothed towards 1/C)."""
    out = _array(outputs)
    t = np.zeros(out.shape, out.dtype)
    t[np.arange(len(t)), np.asarray(y, dtype=np.int64)] = 1
    if smoothing:
        t = t * (1 - smoothing) + smoothing / out.shape[1]
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


# -- what `backprop trace` prints for each loss (y one sample's outputs, t its target vector) --

def _sigmoid(y: np.ndarray) -> np.ndarray:
    return F.sigmoid(y).data


CE_FORMULA = LossFormula(  # t is one-hot: the library's cross-entropy takes probabilities
    loss=F.cross_entropy, squash=F.softmax,
    forward=(("s", "s = softmax($y)", r"s = \operatorname{softmax}($y)"),
             ("E", "E = −log s_t   (t = $label)", r"E = -\log s_{t}")),
    delta=("$gy = s − t   (t one-hot)", r"$gy = s - t"),
    closed=lambda y, t: F.softmax(y, dim=-1).data - t)

MSE_FORMULA = LossFormula(
    loss=F.mse_loss, squash=None,
    forward=(("E", "E = (1/C) Σᵢ ($yᵢ − tᵢ)²   (C = $C)",
              r"E = \frac{1}{C} \sum_{i} ({$y}_{i} - t_{i})^{2}"),),
    delta=("$gy = (2/C)($y − t)", r"$gy = \frac{2}{C}($y - t)"),
    closed=lambda y, t: 2 * (y - t) / y.size)

BCE_FORMULA = LossFormula(
    loss=F.binary_cross_entropy_with_logits, squash=F.sigmoid,
    forward=(("s", "s = σ($y)", r"s = \sigma($y)"),
             ("E", "E = −(1/C) Σᵢ [tᵢ log sᵢ + (1 − tᵢ) log(1 − sᵢ)]   (C = $C)",
              r"E = -\frac{1}{C} \sum_{i} [t_{i} \log s_{i} + (1 - t_{i}) \log(1 - s_{i})]")),
    delta=("$gy = (s − t)/C", r"$gy = \frac{1}{C}(s - t)"),
    closed=lambda y, t: (_sigmoid(y) - t) / y.size, unit_targets=True)

SIGMOID_MSE_FORMULA = LossFormula(
    loss=lambda y, t: F.mse_loss(F.sigmoid(y), t), squash=F.sigmoid,
    forward=(("s", "s = σ($y)", r"s = \sigma($y)"),
             ("E", "E = (1/C) Σᵢ (sᵢ − tᵢ)²   (C = $C)",
              r"E = \frac{1}{C} \sum_{i} (s_{i} - t_{i})^{2}")),
    delta=("$gy = (2/C)(s − t) ⊙ s ⊙ (1 − s)",
           r"$gy = \frac{2}{C}(s - t) \odot s \odot (1 - s)"),
    closed=lambda y, t: 2 * (_sigmoid(y) - t) * _sigmoid(y) * (1 - _sigmoid(y)) / y.size,
    unit_targets=True)


_MSE = Objective("mse", _mse, _real, extra=_r2,
                 summary="mean squared error of the outputs (class labels as one-hot vectors)",
                 formula=MSE_FORMULA)

OBJECTIVES: dict[str, Objective] = {o.name: o for o in (
    Objective("cross_entropy", _ce, _class_labels, _argmax_correct, outputs_per_class=True,
              summary="softmax cross-entropy of the outputs against the class",
              formula=CE_FORMULA),
    Objective("bce", _bce, _binary, _sign_correct,
              summary="binary cross-entropy of σ(outputs) against 0/1 (one logit per "
                      "sample on two classes)", formula=BCE_FORMULA),
    Objective("sigmoid_mse", _sigmoid_mse, _binary, _sign_correct,
              summary="mean squared error of σ(outputs) against 0/1 (one logit per sample "
                      "on two classes)", formula=SIGMOID_MSE_FORMULA),
    replace(_MSE, labelled=Objective("mse", _mse_one_hot, _class_labels, _argmax_correct,
                                     outputs_per_class=True, summary=_MSE.summary,
                                     formula=MSE_FORMULA)),
)}


def objective(loss: str | Callable[..., Any] | Objective, labels: bool = False) -> Objective:
    """The :class:`Objective` for a loss name, a callable ``loss(outputs, targets)``, or
    an :class:`Objective` itself; with ``labels``, the form that trains on class labels."""
    if isinstance(loss, Objective):
        return loss
    if callable(loss):
        name = getattr(loss, "__name__", "custom loss")
        return Objective(name, lambda out, y, smoothing: loss(out, y), lambda y, where: y)
    if loss not in OBJECTIVES:
        raise BackpropError(f"loss must be one of {', '.join(OBJECTIVES)} or a callable, got "
                            f"{loss!r}")
    return OBJECTIVES[loss].on_labels() if labels else OBJECTIVES[loss]
