"""Catalogue family ``conv``: rules 11–12 (convolution, padding, pooling) and flatten.

Each table walks the configurations that change the index arithmetic: stride 1–3, padding
as an int, a pair, 'same' (asymmetric for even kernels), 'valid' and 'full', dilation 1–2,
groups, even and odd kernels, non-square inputs, a batch of 1 and a single channel. On top of
the hand-picked rows, every rule declares its Space: kernel, stride, dilation, padding (and
its forms 'valid', 'same', 'full', pad's modes), groups, ceil_mode, return_indices,
divisor_override and a batch of 2, of 1 or none (unbatched input), with sizes drawn
independently so that some do not fit and must be refused. The tables add valid draws from
the same Spaces (``draw_conv``, ``draw_pool``, ``draw_pad``). Sizes stay tiny so that most
cases get the full float64 Jacobian. Max-pool inputs are drawn with gaps of at least 0.2
between values so that no window has a tie within ε.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ... import functional as F
from . import Case, Chooser, Layout, Option, RandomChooser, Rule, Shape, Space, register
from .spaces import axis, distinct, flag, normal, one_of, shape

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


# -- Spaces: the shapes and options from which cases are generated ---------------------------
# Sizes are drawn independently of the options, so that some draws do not fit: a window larger
# than the padded input, an empty axis, a reflect padding as large as the axis. Each validity
# rule below is the textbook formula, written here independently of the library's checks.

def _batched(c: Chooser, rest: tuple[int, ...]) -> tuple[int, ...]:
    """rest with a batch axis of 1 or 2, or without one (an unbatched input)."""
    n = c.integer(0, 2)
    return rest if n == 0 else (n, *rest)


def _side(c: Chooser, nd: int) -> int:
    """A spatial size: mostly 2–5 (2–4 in 2-D, keeping the full Jacobian small), sometimes 1,
    rarely 0 (an input to refuse)."""
    return c.choice((0, 1, 1, 2, 3, 3, 4, 4, 5, 5) if nd == 1 else (0, 1, 2, 2, 3, 3, 4, 4))


def _conv_layout(nd: int) -> Layout:
    def layout(c: Chooser) -> tuple[Shape, ...]:
        g = c.integer(1, 2)
        cin, cout = g * c.integer(1, 2), g * c.integer(1, 2)
        k = tuple(c.integer(1, 3) for _ in range(nd))
        x = _batched(c, (cin, *(_side(c, nd) for _ in range(nd))))
        w = (cout, cin // g, *k)
        return (x, w, (cout,)) if c.boolean() else (x, w)
    return layout


def _per_axis(nd: int, low: int, high: int) -> Option:
    """An int, or one int per spatial axis."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        if c.boolean():
            return c.integer(low, high)
        return tuple(c.integer(low, high) for _ in range(nd))
    return option


def _conv_padding(nd: int) -> Option:
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        form = c.integer(0, 3)
        if form == 0:
            return c.choice(("valid", "same", "full"))
        return _per_axis(nd, 0, 2)(c, shapes)
    return option


def _groups(nd: int) -> Option:
    return lambda c, shapes: shapes[0][-nd - 1] // shapes[1][1]


def _each(v: Any, nd: int) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, tuple) else (v,) * nd


def _conv_valid(nd: int) -> Callable[[tuple[Shape, ...], dict], bool]:
    def valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
        sizes, kernel = shapes[0][-nd:], shapes[1][2:]
        for n, k, s, d, p in zip(sizes, kernel, _each(kw["stride"], nd),
                                 _each(kw["dilation"], nd), _each(kw["padding"], nd)):
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
        if padding == "same" and max(_each(stride, nd)) > 1:
            return None  # torch refuses 'same' at a stride above 1; the library extends it
        if padding == "full":
            padding = tuple(d * (k - 1) for d, k in zip(_each(dilation, nd), w.shape[2:]))
        conv = T.nn.functional.conv1d if nd == 1 else T.nn.functional.conv2d
        return conv(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    return twin


def _conv_space(nd: int) -> Space:
    return Space(_conv_layout(nd), normal,
                 {"stride": _per_axis(nd, 1, 3), "padding": _conv_padding(nd),
                  "dilation": _per_axis(nd, 1, 2), "groups": _groups(nd)},
                 valid=_conv_valid(nd), torch=_conv_torch(nd),
                 without={"0-d input": "convolution needs (C, *spatial)"})


def _pool_layout(nd: int) -> Layout:
    return lambda c: (_batched(c, (c.integer(1, 2), *(_side(c, nd) for _ in range(nd)))),)


def _stride(nd: int) -> Option:
    """None (the kernel size), an int or one per axis."""
    return lambda c, shapes: None if c.integer(0, 2) == 0 else _per_axis(nd, 1, 3)(c, shapes)


def _pool_dilation(nd: int) -> Option:
    """1 or 2; 1 where a side is 1, so that no dilated window falls wholly into the padding
    (its max would be −∞, with no gradient to check)."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        if min(shapes[0][-nd:]) <= 1:
            return 1
        return _per_axis(nd, 1, 2)(c, shapes)
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
        kernel = _each(kw["kernel_size"], nd)
        stride = kernel if kw["stride"] is None else _each(kw["stride"], nd)
        for n, k, s, p, d in zip(shapes[0][-nd:], kernel, stride, _each(kw["padding"], nd),
                                 _each(kw.get("dilation", 1), nd)):
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
    options: dict[str, Option] = {"kernel_size": _per_axis(nd, 1, 3), "stride": _stride(nd),
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


_MODES = ("constant", "reflect", "replicate", "circular")


def _pad_widths(c: Chooser, shapes: tuple[Shape, ...]) -> tuple[int, ...]:
    """(before, after) for the last axis, then the one before it, …, for 0 to all axes."""
    return tuple(c.integer(0, 3) for _ in range(2 * c.integer(0, len(shapes[0]))))


def _pad_value(c: Chooser, rng: Gen, shapes: tuple[Shape, ...], kw: dict) -> dict:
    return {"value": 1.5} if kw["mode"] == "constant" and c.boolean() else {}


def _pad_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    pad, mode, shape = kw["pad"], kw["mode"], shapes[0]
    for i in range(len(pad) // 2):
        n, lo, hi = shape[-1 - i], pad[2 * i], pad[2 * i + 1]
        if mode == "reflect" and max(lo, hi) >= n or mode == "circular" and max(lo, hi) > n \
                or mode == "replicate" and n == 0 and max(lo, hi) > 0:
            return False
    return True


def _pad_torch(T, x, pad, mode, value=0.0):
    axes = len(pad) // 2
    if mode != "constant" and not (1 <= axes <= 3 and x.ndim in (axes + 1, axes + 2)
                                   and 0 not in x.shape):
        return None  # torch pads these modes only on non-empty (N, C, *) or (C, *) inputs
    return T.nn.functional.pad(x, pad, mode=mode, value=value if mode == "constant" else None)


PAD_SPACE = Space(shape(), normal, {"mode": one_of(*_MODES), "pad": _pad_widths},
                  constants=_pad_value, valid=_pad_valid, torch=_pad_torch)


def _valid_draw(space: Space, rng: Gen) -> tuple[tuple[Shape, ...], dict]:
    """Shapes and options drawn from ``space`` until they are valid."""
    c = RandomChooser(rng)
    while True:
        shapes = space.shapes(c)
        kw = {name: option(c, shapes) for name, option in space.options.items()}
        if space.constants is not None:
            kw.update(space.constants(c, rng, shapes, kw))
        if space.valid(shapes, kw):
            return shapes, kw


def draw_conv(rng: Gen, nd: int) -> tuple[tuple, tuple, dict]:
    """A random valid (input shape, weight shape, options) for conv1d (nd=1) or conv2d, from
    its Space; stride and dilation as one int per axis."""
    shapes, kw = _valid_draw(_conv_space(nd), rng)
    kw |= {"stride": _each(kw["stride"], nd), "dilation": _each(kw["dilation"], nd)}
    return shapes[0], shapes[1], kw


def draw_pool(rng: Gen, nd: int, kind: str) -> tuple[tuple, dict]:
    """A random valid (input shape, options) for max or avg pooling in nd dimensions, from
    its Space (without return_indices: the caller asks for the indices)."""
    shapes, kw = _valid_draw(_pool_space(nd, kind), rng)
    kw.pop("return_indices", None)
    return shapes[0], kw


def draw_pad(rng: Gen) -> tuple[tuple, dict]:
    """A random valid (input shape, options) for pad that pads at least one axis of a
    non-empty input, from its Space."""
    while True:
        shapes, kw = _valid_draw(PAD_SPACE, rng)
        if kw["pad"] and 0 not in shapes[0]:
            return shapes[0], kw


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


def _conv_table(fn: Callable, table: list, nd: int) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = []
        for i, (xs, ws, opts) in enumerate(table + [draw_conv(rng, nd) for _ in range(6)]):
            x, w = rng.standard_normal(xs), rng.standard_normal(ws)
            if i % 2 == 0:  # with a bias (every other case checks the bias-free rule)
                b = rng.standard_normal(ws[0])
                out.append(_case(lambda x, w, b, **o: fn(x, w, b, **o), [x, w, b], **opts))
            else:
                out.append(_case(fn, [x, w], **opts))
        return out
    return cases


# (input shape, options): each mode at both ends of an axis, two axes, a size-1 axis
PAD = [
    ((2, 5), {"pad": (2, 1), "mode": "reflect"}),
    ((1, 2, 3, 4), {"pad": (1, 2, 2, 0), "mode": "replicate"}),
    ((2, 3, 4), {"pad": (3, 4, 1, 1), "mode": "circular"}),
    ((3, 1), {"pad": (2, 3), "mode": "constant", "value": 1.5}),
    ((2, 1, 4), {"pad": (0, 3, 2, 1), "mode": "replicate"}),
]


def _pad(rng: Gen) -> list[Case]:
    return [_case(F.pad, [rng.standard_normal(xs)], **opts)
            for xs, opts in PAD + [draw_pad(rng) for _ in range(6)]]


def _convolve(rng: Gen) -> list[Case]:
    out = []
    for n, k, mode in [(7, 3, "full"), (7, 3, "same"), (7, 3, "valid"), (5, 4, "same"),
                       (2, 5, "full"), (1, 1, "valid")]:
        out.append(_case(F.convolve, [rng.standard_normal(n), rng.standard_normal(k)], mode=mode))
    return out


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


def _pool_table(fn: Callable, table: list, extra: dict, nd: int,
                kind: str) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = [_case(fn, [_distinct(rng, xs)], **opts) for xs, opts in table]
        for xs, opts in table[:2]:
            out.append(_case(fn, [_distinct(rng, xs)], **opts, **extra))
        for _ in range(6):
            xs, opts = draw_pool(rng, nd, kind)
            out.append(_case(fn, [_distinct(rng, xs)], **opts))
        return out
    return cases


def _flatten(rng: Gen) -> list[Case]:
    return [_case(F.flatten, [rng.standard_normal((2, 3, 4))]),
            _case(F.flatten, [rng.standard_normal((1, 2, 2, 3))], start_dim=2),
            _case(F.flatten, [rng.standard_normal((3, 1, 2, 2))], start_dim=0, end_dim=2)]


def _convolve_torch(T, a, v, mode):
    return None if mode != "full" else T.nn.functional.conv1d(
        a.reshape(1, 1, -1), T.flip(v, (0,)).reshape(1, 1, -1),
        padding=v.shape[0] - 1).reshape(-1) if a.shape[0] >= 1 and v.shape[0] >= 1 else None


CONVOLVE_SPACE = Space(lambda c: ((c.integer(0, 5),), (c.integer(0, 5),)), normal,
                       {"mode": one_of("full", "same", "valid")},
                       valid=lambda shapes, kw: min(shapes[0][0], shapes[1][0]) >= 1,
                       torch=_convolve_torch,
                       without={"0-d input": "convolve takes two 1-D sequences"})


def _flatten_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    nd = max(len(shapes[0]), 1)
    return kw["start_dim"] % nd <= kw["end_dim"] % nd


FLATTEN_SPACE = Space(shape(), normal, {"start_dim": axis(), "end_dim": axis()},
                      valid=_flatten_valid,
                      torch=lambda T, x, start_dim, end_dim: T.flatten(x, start_dim, end_dim))


def _conv_rule(name: str, fn: Callable, table: list, nd: int) -> Rule:
    return Rule(name, fn, "11", _conv_table(fn, table, nd), ("conv",), _conv_space(nd))


def _pool_rule(name: str, fn: Callable, table: list, extra: dict, nd: int, kind: str) -> Rule:
    return Rule(name, fn, "12", _pool_table(fn, table, extra, nd, kind), ("conv",),
                _pool_space(nd, kind))


register(_conv_rule("conv2d", F.conv2d, CONV2D, 2))
register(_conv_rule("conv1d", F.conv1d, CONV1D, 1))
register(Rule("pad", F.pad, "11", _pad, ("conv",), PAD_SPACE))
register(Rule("convolve", F.convolve, "11", _convolve, ("conv",), CONVOLVE_SPACE))
register(_pool_rule("max_pool2d", F.max_pool2d, POOL2D, {"dilation": 2}, 2, "max"))
register(_pool_rule("max_pool1d", F.max_pool1d, POOL1D, {"dilation": 2}, 1, "max"))
register(_pool_rule("avg_pool2d", F.avg_pool2d,
                    POOL2D + [((2, 5, 4), {"kernel_size": 2, "divisor_override": 3})],
                    {"count_include_pad": False}, 2, "avg"))
register(_pool_rule("avg_pool1d", F.avg_pool1d, POOL1D, {"count_include_pad": False}, 1, "avg"))
register(Rule("flatten", F.flatten, "13", _flatten, ("conv",), FLATTEN_SPACE))
