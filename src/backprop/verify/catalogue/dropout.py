"""Catalogue: dropout, the cases of functional/dropout.py (a fixed seed per case, so every
evaluation of a case draws the same mask)."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import case, rule
from .rule import Case, Space
from .spaces import normal, one_of, shape

Gen = np.random.Generator


def _dropout_with_seed(fn, x, p, seed):
    # A fresh generator per call: every evaluation of f draws the same mask.
    return fn(x, p, generator=np.random.default_rng(seed))


@rule("dropout", space=Space(
    shape(), normal, {"p": one_of(0.0, 0.3, 0.5, 1.0), "seed": lambda c, shapes: c.integer(0, 99)},
    call=_dropout_with_seed))
def _dropout(rng: Gen) -> list[Case]:
    def fixed(p: float, seed: int):
        # A fresh generator per call: every evaluation of f draws the same mask.
        return lambda x: F.dropout(x, p, generator=np.random.default_rng(seed))
    return [case(fixed(0.3, 1), normal(rng, (5,)), note="p=0.3"),
            case(fixed(0.5, 2), normal(rng, (1, 4)), note="p=0.5"),
            case(fixed(0.2, 3), normal(rng, (3, 1, 2)), note="p=0.2"),
            case(fixed(1.0, 4), normal(rng, (2, 3)), note="p=1 (everything dropped)")]
