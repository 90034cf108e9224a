"""Catalogue: max and average pooling (rule 12), the cases of functional/pooling.py.

Kernel, stride, dilation, padding, ceil_mode, return_indices, divisor_override and the batch
are drawn independently (``draw_pool``), so that some draws do not fit and must be refused.
Max-pool inputs are drawn with gaps of at least 0.2 between values so that no window has a
tie within ε.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ... import functional as F
from .cases import option_case, register_op, valid_draw
from .rule import Case, Chooser, Layout, Option, Rule, Shape, Space
from .spaces import batched, distinct, each, flag, one_of, per_axis, side

Gen = np.random.Generator


def _pool_layout(nd: int) -> Layout:
    return lambda c: (batched(c, (c.integer(1, 2), *(side(c, nd) for _ in range(nd)))),)


def _stride(nd: int) -> Option:
    """None (the kernel size), an int or one per axis."""
    return lambda c, shapes: None if c.integer(0, 2) == 0 else per_axis(nd, 1, 3)(c, shapes)


def _pool_dilation(nd: int) -> Option:
    """1 or 2; 1 where a side is 1, so that no dilated window falls wholly into the padding
    (its max would be −∞, with no gradient to check)."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        if min(shapes[0][-nd:]) <= 1:
            return 1
        return per_axis(nd, 1, 2)(c, shapes)
    return option


def _pool_padding(nd: int) -> Option:
    """Mostly 0, else 1 (more than half a kernel of 1: refused)."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        if c.boolean():
            return c.choice((0, 0, 1))
        return tuple(c.choice((0, 0, 1)) for _ in range(nd))
    return option


def _pool_valid(nd: int) -> Callable[[tuple[Shape, ...], dict], bool]:
    def valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
        kernel = each(kw["kernel_size"], nd)
        stride = kernel if kw["stride"] is None else each(kw["stride"], nd)
        for n, k, s, p, d in zip(shapes[0][-nd:], kernel, stride, each(kw["padding"], nd),
                                 each(kw.get("dilation", 1), nd)):
            span = d * (k - 1) + 1
            if n == 0 or 2 * p > k or n + 2 * p < span:
                return False
        return True
    return valid


def _pool_call(fn: Callable, x: Any, **kw: Any) -> Any:
    """The pooled values (with return_indices the indices are an integer side output)."""
    return fn(x, **kw)[0] if kw.get("return_indices") else fn(x, **kw)


def _pool_torch(name: str) -> Callable[..., Any]:
    def twin(T, x, **kw):
        out = getattr(T.nn.functional, name)(x, **kw)
        return out[0] if kw.get("return_indices") else out
    return twin


def _pool_space(nd: int, kind: str) -> Space:
    options: dict[str, Option] = {"kernel_size": per_axis(nd, 1, 3), "stride": _stride(nd),
                                  "padding": _pool_padding(nd), "ceil_mode": flag()}
    if kind == "max":
        options |= {"dilation": _pool_dilation(nd), "return_indices": flag()}
    else:
        options["count_include_pad"] = flag()
        if nd == 2:
            options["divisor_override"] = one_of(None, 1, 3)
    return Space(_pool_layout(nd), distinct, options, call=_pool_call,
                 valid=_pool_valid(nd), torch=_pool_torch(f"{kind}_pool{nd}d"),
                 without={"0-d input": "pooling needs (C, *spatial)"})


def draw_pool(rng: Gen, nd: int, kind: str) -> tuple[tuple, dict]:
    """A random valid (input shape, options) for max or avg pooling in nd dimensions, from
    its Space (without return_indices: the caller asks for the indices)."""
    shapes, kw = valid_draw(_pool_space(nd, kind), rng)
    kw.pop("return_indices", None)
    return shapes[0], kw


POOL2D = [
    ((1, 1, 4, 6), {"kernel_size": 2}),
    ((2, 2, 5, 5), {"kernel_size": 3, "stride": 2, "padding": 1}),
    ((1, 1, 5, 7), {"kernel_size": (2, 3), "stride": 1}),
    ((1, 2, 5, 5), {"kernel_size": 2, "ceil_mode": True}),
    ((1, 1, 7, 6), {"kernel_size": 2, "stride": 3}),
]
POOL1D = [
    ((1, 1, 8), {"kernel_size": 2}),
    ((2, 2, 7), {"kernel_size": 3, "stride": 2, "padding": 1}),
    ((1, 3, 7), {"kernel_size": 2, "ceil_mode": True}),
    ((1, 1, 9), {"kernel_size": 3, "stride": 3}),
]


def _pool_table(fn: Callable, table: list, extra: dict, nd: int,
                kind: str) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = [option_case(fn, [distinct(rng, xs)], **opts) for xs, opts in table]
        for xs, opts in table[:2]:
            out.append(option_case(fn, [distinct(rng, xs)], **opts, **extra))
        for _ in range(6):
            xs, opts = draw_pool(rng, nd, kind)
            out.append(option_case(fn, [distinct(rng, xs)], **opts))
        return out
    return cases


def _pool_rule(name: str, fn: Callable, table: list, extra: dict, nd: int, kind: str) -> Rule:
    return register_op(name, _pool_table(fn, table, extra, nd, kind), _pool_space(nd, kind))


_pool_rule("max_pool2d", F.max_pool2d, POOL2D, {"dilation": 2}, 2, "max")
_pool_rule("max_pool1d", F.max_pool1d, POOL1D, {"dilation": 2}, 1, "max")
_pool_rule("avg_pool2d", F.avg_pool2d,
           POOL2D + [((2, 5, 4), {"kernel_size": 2, "divisor_override": 3})],
           {"count_include_pad": False}, 2, "avg")
_pool_rule("avg_pool1d", F.avg_pool1d, POOL1D, {"count_include_pad": False}, 1, "avg")
