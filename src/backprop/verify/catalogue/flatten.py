"""Catalogue: flatten and unflatten, the cases of functional/flatten.py."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import option_case, register_op
from .spaces import axis, normal, shape
from .rule import Case, Chooser, Shape, Space

Gen = np.random.Generator


def _flatten(rng: Gen) -> list[Case]:
    return [option_case(F.flatten, [rng.standard_normal((2, 3, 4))]),
            option_case(F.flatten, [rng.standard_normal((1, 2, 2, 3))], start_dim=2),
            option_case(F.flatten, [rng.standard_normal((3, 1, 2, 2))], start_dim=0, end_dim=2)]


def _flatten_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    nd = max(len(shapes[0]), 1)
    return kw["start_dim"] % nd <= kw["end_dim"] % nd


FLATTEN_SPACE = Space(shape(), normal, {"start_dim": axis(), "end_dim": axis()},
                      valid=_flatten_valid,
                      torch=lambda T, x, start_dim, end_dim: T.flatten(x, start_dim, end_dim))


register_op("flatten", _flatten, FLATTEN_SPACE)


def _unflatten(rng: Gen) -> list[Case]:
    return [option_case(F.unflatten, [rng.standard_normal((2, 6))], dim=1, sizes=(2, 3)),
            option_case(F.unflatten, [rng.standard_normal((1, 4, 2))], dim=-2, sizes=(-1, 2)),
            option_case(F.unflatten, [rng.standard_normal((6,))], dim=0, sizes=(3, 1, 2))]


def _split(c: Chooser, rng: Gen, shapes: tuple[Shape, ...], kw: dict) -> dict:
    """Sizes for axis ``dim``: a factor and the rest (or −1 for it), which now and then do
    not multiply to the axis's length and must be refused."""
    x = shapes[0]
    n = x[kw["dim"]] if x else 0
    a = c.integer(1, 3)
    return {"sizes": (a, -1) if c.boolean() else (a, max(n // a, 0))}


def _unflatten_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    x, (a, b) = shapes[0], kw["sizes"]
    if not x:
        return False
    n = x[kw["dim"]]
    return n % a == 0 if b == -1 else a * b == n


UNFLATTEN_SPACE = Space(shape(), normal, {"dim": axis()}, constants=_split,
                        valid=_unflatten_valid,
                        torch=lambda T, x, dim, sizes: T.unflatten(x, dim, sizes),
                        without={"0-d input": "a 0-d input has no axis to split"})


register_op("unflatten", _unflatten, UNFLATTEN_SPACE)
