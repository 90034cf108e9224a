"""Building blocks of a rule's :class:`~backprop.verify.catalogue.Space`, shared by families.

Domains give input values; layouts draw input shapes; options draw keyword arguments from
the shapes. Shapes are small (sides 0–3) so that every generated case gets the full float64
Jacobian, and they reach 0-d inputs, size-0 and size-1 axes; axes are drawn negative as
often as not.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .rule import Chooser, Layout, Option, Shape

Gen = np.random.Generator


# -- input domains ---------------------------------------------------------------------------

def normal(rng: Gen, shape) -> np.ndarray:
    return rng.standard_normal(shape)


def away(rng: Gen, shape, *, kinks=(0.0,), gap: float = 0.1, scale: float = 2.0) -> np.ndarray:
    """Reals in (−scale, scale) at least ``gap`` away from every point in ``kinks``."""
    x = rng.uniform(-scale, scale, shape)
    for _ in range(100):
        bad = np.zeros(np.shape(x), dtype=bool)
        for k in kinks:
            bad |= np.abs(x - k) < gap
        if not bad.any():
            return x
        x = np.where(bad, rng.uniform(-scale, scale, np.shape(x)), x)
    raise RuntimeError("could not draw inputs away from the kinks")


def away_from_zero(rng: Gen, shape) -> np.ndarray:
    return away(rng, shape, gap=0.5)


def positive(rng: Gen, shape, low: float = 0.5, high: float = 2.0) -> np.ndarray:
    return rng.uniform(low, high, shape)


def unit(rng: Gen, shape) -> np.ndarray:
    """Probabilities well inside (0, 1)."""
    return rng.uniform(0.1, 0.9, shape)


def distinct(rng: Gen, shape) -> np.ndarray:
    """Values whose pairwise gaps are ≥ 0.2, so max/min have no ties within ε."""
    n = int(np.prod(shape))
    return (rng.permutation(n) * 0.3 + rng.uniform(0, 0.1)).reshape(shape) - 0.15 * n


def probs(rng: Gen, shape, axis: int = -1) -> np.ndarray:
    p = rng.uniform(0.1, 1.0, shape)
    return p / p.sum(axis=axis, keepdims=True)


# -- layouts: the shapes of the positional inputs --------------------------------------------

def draw_shape(c: Chooser, min_dims: int = 0, max_dims: int = 3, min_side: int = 0,
               max_side: int = 3) -> Shape:
    return tuple(c.integer(min_side, max_side) for _ in range(c.integer(min_dims, max_dims)))


def shape(min_dims: int = 0, max_dims: int = 3, min_side: int = 0, max_side: int = 3) -> Layout:
    """One input of any shape within the bounds (0-d and size-0 axes by default)."""
    return lambda c: (draw_shape(c, min_dims, max_dims, min_side, max_side),)


def same(n: int, **bounds: int) -> Layout:
    """``n`` inputs of one shape."""
    def layout(c: Chooser) -> tuple[Shape, ...]:
        s = draw_shape(c, **bounds)
        return (s,) * n
    return layout


def broadcastable(n: int = 2, **bounds: int) -> Layout:
    """``n`` shapes that broadcast together: each drops leading axes of a common shape and
    turns some of the rest into size 1."""
    def layout(c: Chooser) -> tuple[Shape, ...]:
        full = draw_shape(c, **bounds)
        out = []
        for _ in range(n):
            kept = full[c.integer(0, len(full)):]
            out.append(tuple(1 if c.integer(0, 3) == 0 else d for d in kept))
        return tuple(out)
    return layout


# -- options: keyword arguments drawn from the shapes ----------------------------------------

def _signed(c: Chooser, a: int, ndim: int) -> int:
    """Axis ``a`` spelt non-negative or negative, as the chooser decides."""
    return a - max(ndim, 1) if c.boolean() else a


def axis(of: int = 0, multi: bool = False, none: bool = False) -> Option:
    """An axis of input ``of``: one int, or (``multi``) a tuple of distinct ones, or
    (``none``) None for all; negative as often as not. A 0-d input offers its virtual axis."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        ndim = len(shapes[of])
        if none and c.integer(0, 3) == 0:
            return None
        if not multi or ndim <= 1 or c.boolean():
            return _signed(c, c.integer(0, max(ndim, 1) - 1), ndim)
        chosen = [a for a in range(ndim) if c.boolean()] or [c.integer(0, ndim - 1)]
        return tuple(_signed(c, a, ndim) for a in chosen)
    return option


def flag() -> Option:
    return lambda c, shapes: c.boolean()


def one_of(*values: Any) -> Option:
    return lambda c, shapes: c.choice(values)


def permutation(of: int = 0) -> Option:
    """None (reverse) or a permutation of the axes of input ``of``, some negative."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        ndim = len(shapes[of])
        if c.integer(0, 3) == 0:
            return None
        rest, perm = list(range(ndim)), []
        while rest:
            perm.append(_signed(c, rest.pop(c.integer(0, len(rest) - 1)), ndim))
        return tuple(perm)
    return option


# -- the batch and window sizes of convolution and pooling -----------------------------------

def batched(c: Chooser, rest: tuple[int, ...]) -> tuple[int, ...]:
    """rest with a batch axis of 1 or 2, or without one (an unbatched input)."""
    n = c.integer(0, 2)
    return rest if n == 0 else (n, *rest)


def side(c: Chooser, nd: int) -> int:
    """A spatial size: mostly 2–5 (2–4 in 2-D, keeping the full Jacobian small), sometimes 1,
    rarely 0 (an input to refuse)."""
    return c.choice((0, 1, 1, 2, 3, 3, 4, 4, 5, 5) if nd == 1 else (0, 1, 2, 2, 3, 3, 4, 4))


def per_axis(nd: int, low: int, high: int) -> Option:
    """An int, or one int per spatial axis."""
    def option(c: Chooser, shapes: tuple[Shape, ...]) -> Any:
        if c.boolean():
            return c.integer(low, high)
        return tuple(c.integer(low, high) for _ in range(nd))
    return option


def each(v: Any, nd: int) -> tuple[int, ...]:
    return tuple(v) if isinstance(v, tuple) else (v,) * nd
