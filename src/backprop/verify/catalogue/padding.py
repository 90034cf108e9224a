"""Catalogue: pad (rule 11), the cases of functional/padding.py: each mode at both ends of
an axis, several axes, and draws (``draw_pad``) of which some must be refused."""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import option_case, register_op, valid_draw
from .rule import Case, Chooser, Shape, Space
from .spaces import normal, one_of, shape

Gen = np.random.Generator


_MODES = ("constant", "reflect", "replicate", "circular")


def _pad_widths(c: Chooser, shapes: tuple[Shape, ...]) -> tuple[int, ...]:
    """(before, after) for the last axis, then the one before it, …, for 0 to all axes; a
    side is negative (a crop) one time in four."""
    return tuple(c.integer(-2, -1) if c.integer(0, 3) == 0 else c.integer(0, 3)
                 for _ in range(2 * c.integer(0, len(shapes[0]))))


def _pad_value(c: Chooser, rng: Gen, shapes: tuple[Shape, ...], kw: dict) -> dict:
    return {"value": 1.5} if kw["mode"] == "constant" and c.boolean() else {}


def _pad_valid(shapes: tuple[Shape, ...], kw: dict) -> bool:
    pad, mode, shape = kw["pad"], kw["mode"], shapes[0]
    for i in range(len(pad) // 2):
        lo, hi = pad[2 * i], pad[2 * i + 1]
        if mode == "replicate":  # clamped indices of the whole axis: lo and hi signed
            if shape[-1 - i] + lo + hi <= 0 and min(lo, hi) < 0 \
                    or shape[-1 - i] == 0 and max(lo, hi) > 0:
                return False
            continue
        n = shape[-1 - i] + min(lo, 0) + min(hi, 0)  # cropped first, then padded
        cropped = n < shape[-1 - i]
        lo, hi = max(lo, 0), max(hi, 0)
        if n < 0 or mode != "constant" and cropped and n + lo + hi == 0 \
                or mode == "reflect" and max(lo, hi) >= n \
                or mode == "circular" and max(lo, hi) > n \
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


def draw_pad(rng: Gen) -> tuple[tuple, dict]:
    """A random valid (input shape, options) for pad that pads at least one axis of a
    non-empty input, from its Space."""
    while True:
        shapes, kw = valid_draw(PAD_SPACE, rng)
        if kw["pad"] and 0 not in shapes[0]:
            return shapes[0], kw


PAD = [
    ((2, 6), {"pad": (-1, 2), "mode": "circular"}),   # a crop, then padding from what is left
    ((2, 3, 5), {"pad": (1, -2, -1, 0), "mode": "reflect"}),
    ((2, 5), {"pad": (2, 1), "mode": "reflect"}),
    ((1, 2, 3, 4), {"pad": (1, 2, 2, 0), "mode": "replicate"}),
    ((2, 3, 4), {"pad": (3, 4, 1, 1), "mode": "circular"}),
    ((3, 1), {"pad": (2, 3), "mode": "constant", "value": 1.5}),
    ((2, 1, 4), {"pad": (0, 3, 2, 1), "mode": "replicate"}),
    ((1, 2, 4), {"pad": (-4, 3, 2, -3), "mode": "replicate"}),  # all cropped, edge repeated
]


def _pad(rng: Gen) -> list[Case]:
    return [option_case(F.pad, [rng.standard_normal(xs)], **opts)
            for xs, opts in PAD + [draw_pad(rng) for _ in range(6)]]


register_op("pad", _pad, PAD_SPACE)
