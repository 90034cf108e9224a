"""Dtypes: the float promotion rule of the rules, and one reading of a dtype however it is
spelt (a NumPy dtype or type, a name such as ``"float32"``, ``torch.float64``)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["as_float", "read_dtype"]


def as_float(x: Any) -> np.ndarray:
    """The float promotion rule of every op whose value leaves the integers (activations,
    softmax, exp/log/sqrt, losses): integer and bool inputs compute in float64, floating
    inputs keep their dtype."""
    x = np.asarray(x)
    return x if x.dtype.kind == "f" else x.astype(np.float64)


def read_dtype(value: Any) -> np.dtype | None:
    """A dtype however it is spelt: a NumPy dtype or type, a name (``"float32"``), or a
    ``torch.dtype`` (matched by name: torch is never imported); None if it is none."""
    name = str(value)
    if name.startswith("torch."):
        value = name[len("torch."):]
    try:
        return np.dtype(value)
    except (TypeError, ValueError, SyntaxError):  # NumPy parses some strings as Python
        return None
