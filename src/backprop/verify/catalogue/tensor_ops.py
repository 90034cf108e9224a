"""Catalogue: clamp and the dtype cast (rule 13), the cases of functional/tensor_ops.py."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import SHAPES, case, register_op, with_options
from .rule import Case, Space
from .spaces import away, normal, one_of, shape

Gen = np.random.Generator


def _clamp(rng: Gen) -> list[Case]:
    def domain(r, shape):
        return away(r, shape, kinks=(-0.5, 0.7))
    out = [case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, s)) for s in SHAPES]
    out += [case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, ()), note="0-d"),
            case(lambda x: F.clamp(x, min=-0.5), domain(rng, (2, 3)), note="min only"),
            case(lambda x: F.clamp(x, max=0.7), domain(rng, (3, 2)), note="max only"),
            case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, (0, 2)), note="size-0 axis")]
    return out


register_op("clamp", _clamp, Space(
    shape(), lambda rng, s: away(rng, s, kinks=(-0.5, 0.7)),
    {"min": one_of(-0.5, None), "max": one_of(0.7, None)},
    valid=lambda shapes, kw: kw["min"] is not None or kw["max"] is not None,
    torch=lambda T, x, min, max: T.clamp(x, min, max)))
register_op("cast", with_options(lambda x: F.cast(x, np.float64), normal, []),
          Space(shape(), normal, {"dtype": one_of(np.float64)},
                torch=lambda T, x, dtype: x.to(T.float64).clone()))
