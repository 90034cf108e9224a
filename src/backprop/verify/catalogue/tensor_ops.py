"""Catalogue: clamp and the dtype cast (rule 13), the cases of functional/tensor_ops.py.

Clamp is checked with number bounds and with bounds that are tensors (differentiated too):
inputs stay at least 0.1 away from every bound, so no central difference straddles a kink.
"""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import SHAPES, case, register_op, with_options
from .rule import Case, Shape, Space
from .spaces import away, broadcastable, normal, one_of, shape

Gen = np.random.Generator
LO, HI = -0.5, 0.7


def _inputs(rng: Gen, shape) -> np.ndarray:
    return away(rng, shape, kinks=(LO, HI), gap=0.15)


def _near(value: float):
    """A tensor bound: ``value`` give or take 0.03 in each entry."""
    return lambda rng, shape: value + rng.uniform(-0.03, 0.03, shape)


def _clamp(rng: Gen) -> list[Case]:
    out = [case(lambda x: F.clamp(x, LO, HI), _inputs(rng, s)) for s in SHAPES]
    out += [case(lambda x: F.clamp(x, LO, HI), _inputs(rng, ()), note="0-d"),
            case(lambda x: F.clamp(x, min=LO), _inputs(rng, (2, 3)), note="min only"),
            case(lambda x: F.clamp(x, max=HI), _inputs(rng, (3, 2)), note="max only"),
            case(lambda x: F.clamp(x, LO, HI), _inputs(rng, (0, 2)), note="size-0 axis"),
            case(F.clamp, _inputs(rng, (2, 3)), _near(LO)(rng, (2, 3)), _near(HI)(rng, (3,)),
                 note="tensor bounds, max broadcast"),
            case(lambda x, lo: F.clamp(x, lo), _inputs(rng, (4,)), _near(LO)(rng, ()),
                 note="0-d tensor min only"),
            case(lambda x, hi: F.clamp(x, max=hi), _inputs(rng, (1, 3)), _near(HI)(rng, (2, 1)),
                 note="tensor max broadcasting x"),
            case(lambda x, lo, hi: F.clamp(x, hi, lo), _inputs(rng, (3,)), _near(LO)(rng, (3,)),
                 _near(HI)(rng, (3,)), note="min > max: every entry is max")]
    return out


def _bounds_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    return kw["bounds"] != "none"


def _call(fn, x, lo, hi, bounds):
    return fn(x, lo if bounds in ("both", "min") else None,
              hi if bounds in ("both", "max") else None)


def _torch(T, x, lo, hi, bounds):
    used = [t for t, on in ((x, True), (lo, bounds in ("both", "min")),
                            (hi, bounds in ("both", "max"))) if on]
    out = np.broadcast_shapes(*(tuple(t.shape) for t in used))
    if bounds == "none" or (0 in out and out != tuple(x.shape)):
        return None  # torch cannot send the gradient of an empty broadcast back to a smaller x
    return T.clamp(x, lo if bounds in ("both", "min") else None,
                   hi if bounds in ("both", "max") else None)


register_op("clamp", _clamp, Space(
    broadcastable(3), (_inputs, _near(LO), _near(HI)),
    {"bounds": one_of("both", "min", "max", "none")}, call=_call, valid=_bounds_valid,
    torch=_torch))
register_op("cast", with_options(lambda x: F.cast(x, np.float64), normal, []),
            Space(shape(), normal, {"dtype": one_of(np.float64)},
                  torch=lambda T, x, dtype: x.to(T.float64).clone()))
