"""Catalogue: convolution (rule 11), the cases of functional/conv.py.

Each table walks the configurations that change the index arithmetic: stride 1–3, padding
as an int, a pair, 'same' (asymmetric for even kernels), 'valid' and 'full', dilation 1–2,
groups, even and odd kernels, non-square inputs, a batch of 1 and a single channel. On top of
the hand-picked rows the Space draws kernel, stride, dilation, padding, groups and a batch of
2, of 1 or none (unbatched input), with sizes drawn independently so that some do not fit and
must be refused; the tables add valid draws from it (``draw_conv``). Sizes stay tiny so that
most cases get the full float64 Jacobian.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ... import functional as F
from .cases import option_case, register_op, valid_draw
from .rule import Case, Chooser, Layout, Option, Rule, Shape, Space
from .spaces import batched, each, normal, one_of, per_axis, side

Gen = np.random.Generator


def _conv_layout(nd: int) -> Layout:
    def layout(c: Chooser) -> tuple[Shape, ...]:
        g = c.integer(1, 2)
        cin, cout = g * c.integer(1, 2), g * c.integer(1, 2)
        k = tuple(c.integer(1, 3) for _ in range(nd))
        x = batched(c, (cin, *(side(c, nd) for _ in range(nd))))
        w = (cout, cin // g, *k)
        return (x, w, (cout,)) if c.boolean() else (x, w)
    return layout


def _conv_padding(nd: int) -> Option:
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        form = c.integer(0, 3)
        if form == 0:
            return c.choice(("valid", "same", "full"))
        return per_axis(nd, 0, 2)(c, shapes)
    return option


def _groups(nd: int) -> Option:
    return lambda c, shapes: shapes[0][-nd - 1] // shapes[1][1]


def _conv_valid(nd: int) -> Callable[[tuple[Shape, ...], dict], bool]:
    def valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
        sizes, kernel = shapes[0][-nd:], shapes[1][2:]
        for n, k, s, d, p in zip(sizes, kernel, each(kw["stride"], nd),
                                 each(kw["dilation"], nd), each(kw["padding"], nd)):
            span = d * (k - 1) + 1
            if p == "same":
                total = max((-(-n // s) - 1) * s + span - n, 0)
            else:
                total = {"valid": 0, "full": 2 * (span - 1)}.get(p, 2 * p if isinstance(
                    p, int) else 0)
            if n == 0 or n + total < span:
                return False
        return True
    return valid


def _conv_torch(nd: int) -> Callable[..., Any]:
    def twin(T, x, w, b=None, *, stride, padding, dilation, groups):
        if padding == "same" and max(each(stride, nd)) > 1:
            return None  # torch refuses 'same' at a stride above 1; the library extends it
        if padding == "full":
            padding = tuple(d * (k - 1) for d, k in zip(each(dilation, nd), w.shape[2:]))
        conv = T.nn.functional.conv1d if nd == 1 else T.nn.functional.conv2d
        return conv(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    return twin


def _conv_space(nd: int) -> Space:
    return Space(_conv_layout(nd), normal,
                 {"stride": per_axis(nd, 1, 3), "padding": _conv_padding(nd),
                  "dilation": per_axis(nd, 1, 2), "groups": _groups(nd)},
                 valid=_conv_valid(nd), torch=_conv_torch(nd),
                 without={"0-d input": "convolution needs (C, *spatial)"})


def draw_conv(rng: Gen, nd: int) -> tuple[tuple, tuple, dict]:
    """A random valid (input shape, weight shape, options) for conv1d (nd=1) or conv2d, from
    its Space; stride and dilation as one int per axis."""
    shapes, kw = valid_draw(_conv_space(nd), rng)
    kw |= {"stride": each(kw["stride"], nd), "dilation": each(kw["dilation"], nd)}
    return shapes[0], shapes[1], kw


CONV2D = [
    ((1, 1, 5, 6), (2, 1, 3, 3), {}),                                     # batch 1, C=1, non-square
    ((2, 3, 6, 5), (4, 3, 2, 2), {"stride": 2, "padding": 1}),            # even kernel, stride 2
    ((1, 2, 5, 4), (2, 2, 2, 3), {"padding": "same"}),                    # asymmetric 'same'
    ((1, 2, 7, 6), (2, 2, 3, 2), {"dilation": 2, "padding": "valid"}),    # dilation 2
    ((2, 4, 4, 4), (4, 2, 3, 3), {"groups": 2, "padding": "full"}),       # groups, 'full'
    ((1, 1, 8, 7), (2, 1, 3, 3), {"stride": 3, "padding": 2}),            # stride 3
    ((1, 2, 6, 5), (3, 2, 3, 2), {"stride": (1, 2), "padding": (1, 0), "dilation": (2, 1)}),
    ((1, 1, 4, 5), (1, 1, 2, 2), {"padding": "same", "convolve": True}),  # mirrored 'same'
    ((1, 2, 7, 7), (2, 2, 3, 3), {"stride": 2, "padding": "same"}),       # 'same' at stride 2
]

CONV1D = [
    ((1, 1, 7), (2, 1, 3), {}),
    ((2, 2, 8), (3, 2, 2), {"stride": 2, "padding": 1}),
    ((1, 2, 6), (2, 2, 4), {"padding": "same"}),
    ((1, 2, 9), (2, 1, 3), {"dilation": 2, "groups": 2, "padding": "full"}),
    ((2, 1, 10), (1, 1, 3), {"stride": 3, "padding": "valid"}),
    ((1, 1, 7), (1, 1, 3), {"padding": "same", "convolve": True}),
]


def _conv_table(fn: Callable, table: list, nd: int) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = []
        for i, (xs, ws, opts) in enumerate(table + [draw_conv(rng, nd) for _ in range(6)]):
            x, w = rng.standard_normal(xs), rng.standard_normal(ws)
            if i % 2 == 0:  # with a bias (every other case checks the bias-free rule)
                b = rng.standard_normal(ws[0])
                out.append(option_case(lambda x, w, b, **o: fn(x, w, b, **o), [x, w, b], **opts))
            else:
                out.append(option_case(fn, [x, w], **opts))
        return out
    return cases


def _convolve(rng: Gen) -> list[Case]:
    out = []
    for n, k, mode in [(7, 3, "full"), (7, 3, "same"), (7, 3, "valid"), (5, 4, "same"),
                       (2, 5, "full"), (1, 1, "valid")]:
        out.append(option_case(F.convolve, [rng.standard_normal(n), rng.standard_normal(k)], mode=mode))
    return out


def _convolve_torch(T, a, v, mode):
    return None if mode != "full" else T.nn.functional.conv1d(
        a.reshape(1, 1, -1), T.flip(v, (0,)).reshape(1, 1, -1),
        padding=v.shape[0] - 1).reshape(-1) if a.shape[0] >= 1 and v.shape[0] >= 1 else None


CONVOLVE_SPACE = Space(lambda c: ((c.integer(0, 5),), (c.integer(0, 5),)), normal,
                       {"mode": one_of("full", "same", "valid")},
                       valid=lambda shapes, kw: min(shapes[0][0], shapes[1][0]) >= 1,
                       torch=_convolve_torch,
                       without={"0-d input": "convolve takes two 1-D sequences"})


def _conv_rule(name: str, fn: Callable, table: list, nd: int) -> Rule:
    return register_op(name, _conv_table(fn, table, nd), _conv_space(nd))


_conv_rule("conv2d", F.conv2d, CONV2D, 2)
_conv_rule("conv1d", F.conv1d, CONV1D, 1)


register_op("convolve", _convolve, CONVOLVE_SPACE)
