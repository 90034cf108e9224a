"""Catalogue family ``conv``: rules 11–12 of docs/derivations.md (convolution, pooling)
and flatten.

Each table walks the configurations that change the index arithmetic: stride 1–3, padding
as an int, a pair, 'same' (asymmetric for even kernels), 'valid' and 'full', dilation 1–2,
groups, even and odd kernels, non-square inputs, a batch of 1 and a single channel. Sizes
stay tiny so that most cases get the full float64 Jacobian. Max-pool inputs are drawn with
gaps of at least 0.2 between values so that no window has a tie within ε.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ... import functional as F
from . import Case, Rule, register

Gen = np.random.Generator


def _label(shapes: tuple, options: dict) -> str:
    text = " ".join("x" + str(tuple(s)).replace(" ", "") for s in shapes)
    opts = " ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in options.items())
    return f"{text} {opts}".strip()


def _case(fn: Callable, inputs: list[np.ndarray], **options: Any) -> Case:
    return Case(_label(tuple(x.shape for x in inputs), options),
                lambda *xs: fn(*xs, **options), tuple(np.asarray(x, np.float64) for x in inputs))


def _distinct(rng: Gen, shape) -> np.ndarray:
    n = int(np.prod(shape))
    return (rng.permutation(n) * 0.3 - 0.15 * n + rng.uniform(0, 0.1)).reshape(shape)


# (input shape, weight shape, options): the index arithmetic each one exercises is in the comment
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


def _conv_table(fn: Callable, table: list) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = []
        for i, (xs, ws, opts) in enumerate(table):
            x, w = rng.standard_normal(xs), rng.standard_normal(ws)
            if i % 2 == 0:  # with a bias (every other case checks the bias-free rule)
                b = rng.standard_normal(ws[0])
                out.append(_case(lambda x, w, b, **o: fn(x, w, b, **o), [x, w, b], **opts))
            else:
                out.append(_case(fn, [x, w], **opts))
        return out
    return cases


register(Rule("conv2d", F.conv2d, "11", _conv_table(F.conv2d, CONV2D), ("conv",)))
register(Rule("conv1d", F.conv1d, "11", _conv_table(F.conv1d, CONV1D), ("conv",)))


def _convolve(rng: Gen) -> list[Case]:
    out = []
    for n, k, mode in [(7, 3, "full"), (7, 3, "same"), (7, 3, "valid"), (5, 4, "same"),
                       (2, 5, "full"), (1, 1, "valid")]:
        out.append(_case(F.convolve, [rng.standard_normal(n), rng.standard_normal(k)], mode=mode))
    return out


register(Rule("convolve", F.convolve, "11", _convolve, ("conv",)))

# (input shape, options)
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


def _pool_table(fn: Callable, table: list, extra: dict) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = [_case(fn, [_distinct(rng, xs)], **opts) for xs, opts in table]
        for xs, opts in table[:2]:
            out.append(_case(fn, [_distinct(rng, xs)], **opts, **extra))
        return out
    return cases


register(Rule("max_pool2d", F.max_pool2d, "12",
              _pool_table(F.max_pool2d, POOL2D, {"dilation": 2}), ("conv",)))
register(Rule("max_pool1d", F.max_pool1d, "12",
              _pool_table(F.max_pool1d, POOL1D, {"dilation": 2}), ("conv",)))
register(Rule("avg_pool2d", F.avg_pool2d, "12",
              _pool_table(F.avg_pool2d, POOL2D, {"count_include_pad": False}), ("conv",)))
register(Rule("avg_pool1d", F.avg_pool1d, "12",
              _pool_table(F.avg_pool1d, POOL1D, {"count_include_pad": False}), ("conv",)))


def _flatten(rng: Gen) -> list[Case]:
    return [_case(F.flatten, [rng.standard_normal((2, 3, 4))]),
            _case(F.flatten, [rng.standard_normal((1, 2, 2, 3))], start_dim=2),
            _case(F.flatten, [rng.standard_normal((3, 1, 2, 2))], start_dim=0, end_dim=2)]


register(Rule("flatten", F.flatten, "13", _flatten, ("conv",)))
