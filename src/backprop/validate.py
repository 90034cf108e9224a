"""The one vocabulary for checking a user's arguments: each check names the operation, the
argument and what was expected, and raises a :class:`~backprop.errors.BackpropError` (a
ValueError too).

Rules, layers, optimisers and schedules all check their options here, so one message reads
the same everywhere: ``"Linear: in_features must be an integer ≥ 1, got 0"``.
"""

from __future__ import annotations

import operator
from typing import Any, Callable, Sequence

import numpy as np

from .errors import BackpropError

__all__ = ["check_flag", "check_number", "check_int", "check_choice", "check_positive",
           "check_non_negative", "check_fraction"]


def check_flag(op: str, name: str, value: Any) -> bool:
    """A keyword option that must be True or False (keepdims, training, …)."""
    if not isinstance(value, (bool, np.bool_)):
        raise BackpropError(f"{op}: {name} must be True or False, got {value!r}")
    return bool(value)


def check_number(op: str, name: str, value: Any, ok: Callable[[float], bool] | None = None,
                 expected: str = "a real number") -> int | float:
    """A keyword option that must be a real number (for which ``ok`` holds), returned as a
    Python number so that it never promotes a float32 input the way a NumPy scalar does."""
    if ok is None and type(value) in (int, float):  # the common case, checked cheaply
        return value
    if (isinstance(value, (bool, np.bool_))
            or not isinstance(value, (int, float, np.integer, np.floating))
            or (ok is not None and not ok(value))):
        raise BackpropError(f"{op}: {name} must be {expected}, got {value!r}")
    return value.item() if isinstance(value, np.generic) else value


def check_int(op: str, name: str, value: Any, minimum: int | None = None) -> int:
    """An option that must be an integer (never a rounded float or a bool), at least
    ``minimum`` when given (sizes, ignore_index, …)."""
    expected = "an integer" if minimum is None else f"an integer ≥ {minimum}"
    if isinstance(value, (bool, np.bool_)):
        raise BackpropError(f"{op}: {name} must be {expected}, got {value!r}")
    try:
        n = operator.index(value)
    except TypeError:
        raise BackpropError(f"{op}: {name} must be {expected}, got {value!r}") from None
    if minimum is not None and n < minimum:
        raise BackpropError(f"{op}: {name} must be {expected}, got {n}")
    return n


def check_choice(op: str, name: str, value: Any, choices: Sequence[Any]) -> Any:
    """An option that must be one of ``choices`` (compared with ``==``)."""
    if not any(value == c and type(value) is type(c) for c in choices):
        listed = ", ".join(repr(c) for c in choices)
        raise BackpropError(f"{op}: {name} must be one of {listed}, got {value!r}")
    return value


def check_positive(op: str, name: str, value: Any) -> int | float:
    """A real number > 0 (a rate, an epsilon, a scale)."""
    return check_number(op, name, value, lambda v: v > 0 and np.isfinite(v), "a positive number")


def check_non_negative(op: str, name: str, value: Any) -> int | float:
    """A finite real number ≥ 0 (a learning rate, a weight decay)."""
    return check_number(op, name, value, lambda v: v >= 0 and np.isfinite(v),
                        "a number ≥ 0")


def check_fraction(op: str, name: str, value: Any, closed: bool = True) -> int | float:
    """A real number in [0, 1] (or [0, 1) when not ``closed``): a probability, a momentum."""
    if closed:
        return check_number(op, name, value, lambda v: 0 <= v <= 1, "a number in [0, 1]")
    return check_number(op, name, value, lambda v: 0 <= v < 1, "a number in [0, 1)")
