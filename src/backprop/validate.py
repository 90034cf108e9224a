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

__all__ = ["check_flag", "check_number", "check_int", "check_choice"]


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


def check_int(op: str, name: str, value: Any) -> int:
    """A keyword option that must be an integer (ignore_index, …)."""
    if isinstance(value, (bool, np.bool_)):
        raise BackpropError(f"{op}: {name} must be an integer, got {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise BackpropError(f"{op}: {name} must be an integer, got {value!r}") from None


def check_choice(op: str, name: str, value: Any, choices: Sequence[Any]) -> Any:
    """An option that must be one of ``choices`` (compared with ``==``)."""
    if not any(value == c and type(value) is type(c) for c in choices):
        listed = ", ".join(repr(c) for c in choices)
        raise BackpropError(f"{op}: {name} must be one of {listed}, got {value!r}")
    return value
