"""Catalogue: the affine map (rule 10), the cases of functional/linear.py."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import case, rule
from .rule import Case, Space
from .spaces import draw_shape, normal

Gen = np.random.Generator


def linear_layout(c) -> tuple[tuple[int, ...], ...]:
    """x (…, in), W (out, in) and, half the time, b (out,); any side may be 0 or 1."""
    n_in, n_out = c.integer(0, 3), c.integer(0, 3)
    shapes = (draw_shape(c, 0, 2) + (n_in,), (n_out, n_in))
    return shapes + ((n_out,),) if c.boolean() else shapes


@rule("linear", space=Space(
    linear_layout, normal, torch=lambda T, *xs: T.nn.functional.linear(*xs),
    without={"0-d input": "the input needs a feature axis"}))
def _linear(rng: Gen) -> list[Case]:
    return [
        case(F.linear, normal(rng, (3, 4)), normal(rng, (2, 4)), normal(rng, (2,))),
        case(F.linear, normal(rng, (1, 4)), normal(rng, (3, 4)), normal(rng, (3,)),
             note="batch 1"),
        case(F.linear, normal(rng, (4,)), normal(rng, (1, 4)), normal(rng, (1,)),
             note="one sample, one output"),
        case(F.linear, normal(rng, (2, 3, 4)), normal(rng, (3, 4)), normal(rng, (3,)),
             note="batched N-D input"),
        case(F.linear, normal(rng, (3, 4)), normal(rng, (2, 4)), note="no bias"),
    ]
