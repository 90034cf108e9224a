"""The library's random generator: parameter initialisation and dropout draw from it.

``manual_seed(s)`` makes both reproducible; ``get_state``/``set_state`` give a JSON-able
state so that a checkpoint can resume bit-identically.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_generator = np.random.default_rng(0)


def manual_seed(seed: int) -> np.random.Generator:
    """Reseed the library's generator (as ``torch.manual_seed``)."""
    global _generator
    _generator = np.random.default_rng(seed)
    return _generator


def default_generator() -> np.random.Generator:
    return _generator


def get_state() -> dict[str, Any]:
    return _generator.bit_generator.state


def set_state(state: dict[str, Any]) -> None:
    _generator.bit_generator.state = state
