"""What a trace starts from: numbers typed by a learner (text or nested lists), the input
and the target."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import BackpropError
from .formulas import LOSS_FORMULAS

__all__ = ["parse_values", "sample_input", "target_vector", "one_hot", "DEFAULT_INPUT",
           "DEFAULT_TARGET", "MAX_VALUES"]

DEFAULT_INPUT = (1.0, 0.5, -0.5, 2.0)
DEFAULT_TARGET = 2
MAX_TEXT = 200_000       # characters of a typed input or target
MAX_VALUES = 1_000_000   # entries of the input and of any layer's output


def parse_values(value: Any, what: str) -> np.ndarray:
    """Numbers from text ("1, 0.5, -2", "1/4 1/4 1/4", "[[1, 2], [3, 4]]") or nested lists,
    as a finite float64 array."""
    example = "numbers such as 1, 0.5, -2 or a nested list such as [[1, 2], [3, 4]]"
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TEXT:
            raise BackpropError(f"{what}: {len(text):,} characters is too long "
                                f"(at most {MAX_TEXT:,})")
        if text.startswith("["):
            try:
                value = json.loads(text)
            except (ValueError, RecursionError):
                raise BackpropError(f"{what}: expected {example}, got {_short(text)}") from None
        else:
            try:
                value = [float(Fraction(t)) for t in re.split(r"[\s,;]+", text) if t]
            except (ValueError, ZeroDivisionError, OverflowError):
                raise BackpropError(f"{what}: expected {example}, got {_short(text)}") from None
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number):
        value = value.astype(np.float64)
    elif isinstance(value, bool) or not _numeric_nest(value, depth=0):
        raise BackpropError(f"{what}: expected {example}, got {_short(value)}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        raise BackpropError(f"{what}: expected a rectangular nested list of numbers, got "
                            f"{_short(value)}") from None
    if arr.size == 0:
        raise BackpropError(f"{what}: no numbers given")
    if arr.size > MAX_VALUES:
        raise BackpropError(f"{what}: {arr.size:,} numbers is too many (at most {MAX_VALUES:,})")
    if not np.all(np.isfinite(arr)):
        raise BackpropError(f"{what}: values must be finite, got {_short(value)}")
    return arr


def _numeric_nest(value: Any, depth: int) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    if isinstance(value, list) and depth < 6:
        return all(_numeric_nest(v, depth + 1) for v in value)
    return False


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:60] + "…") if len(text) > 60 else repr(text)


def _parse_shape(shape: Any) -> tuple[int, ...]:
    if isinstance(shape, str):
        from ..summarize import parse_shape
        return parse_shape(shape)
    shape = tuple(shape)
    if not shape or not all(isinstance(s, int) and s > 0 for s in shape):
        raise BackpropError(f"trace: shape must be positive sizes such as 1x6x6, got {shape}")
    return shape


def sample_input(value: Any, shape: Any, seed: int) -> np.ndarray:
    """The input: parsed numbers (reshaped to ``shape`` if given), a seeded input of
    ``shape``, or the default 4-vector."""
    shape = None if shape is None or shape == "" else _parse_shape(shape)
    if value is None or (isinstance(value, str) and not value.strip()):
        if shape is None:
            return np.array(DEFAULT_INPUT)
        if math.prod(shape) > MAX_VALUES:
            raise BackpropError(f"trace: input shape {shape} has too many entries "
                                f"(at most {MAX_VALUES:,})")
        # A seeded input, rounded so that it reads easily.
        return np.round(np.random.default_rng(seed).standard_normal(shape), 3)
    x = parse_values(value, "input")
    if shape is not None:
        if math.prod(shape) != x.size:
            raise BackpropError(f"input: {x.size} numbers do not fill shape "
                                f"{'x'.join(map(str, shape))} ({math.prod(shape)} entries)")
        x = x.reshape(shape)
    return x


def one_hot(label: int, classes: int) -> np.ndarray:
    """The vector of ``classes`` zeros with a one at ``label`` (never a C × C identity)."""
    t = np.zeros(classes)
    t[label] = 1.0
    return t


def target_vector(value: Any, loss: str, out_shape: tuple[int, ...]) -> tuple[Any, np.ndarray]:
    """(the target as reported — a class label for cross-entropy —, the target as a vector
    of the output's shape: one-hot for a label)."""
    if len(out_shape) != 1:
        raise BackpropError(f"trace: the network's output has shape {out_shape}; a loss needs a "
                            f"vector (end the spec with flatten and linear(C))")
    classes = out_shape[0]
    default = min(DEFAULT_TARGET, classes - 1)
    if value is None or (isinstance(value, str) and not value.strip()):
        value = default
    t = parse_values(value if not isinstance(value, (int, float)) else [value], "target")
    if loss == "cross_entropy" or (t.size == 1 and classes > 1):
        if t.size != 1 or t.flat[0] != int(t.flat[0]) or not 0 <= t.flat[0] < classes:
            raise BackpropError(f"target: expected a class label 0…{classes - 1} for the "
                                f"network's {classes} outputs, got {_short(value)}")
        label = int(t.flat[0])
        onehot = one_hot(label, classes)
        return (label, onehot) if loss == "cross_entropy" else (onehot, onehot)
    if t.shape != out_shape and t.size == classes:
        t = t.reshape(out_shape)
    if t.shape != out_shape:
        raise BackpropError(f"target: expected {classes} numbers (the network's outputs) or a "
                            f"class label, got shape {t.shape}")
    if LOSS_FORMULAS[loss].unit_targets and not np.all((t >= 0) & (t <= 1)):
        raise BackpropError(f"target: {loss} needs targets in [0, 1]")
    return t, t
