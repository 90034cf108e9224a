"""Moments that decay towards zero are set to zero once they leave the normal floats.

Where a parameter's gradient is zero step after step (the weights of an image's border
pixels, which are black in nearly every picture), Adam's first moment m ← β₁ m decays
geometrically, and before it reaches zero it spends about 150 steps (float32, β₁ = 0.9)
among the subnormal numbers, below the smallest normal float (1.2 × 10⁻³⁸). x86 processors
multiply and divide subnormals through a slow microcode path, many times slower than normal
numbers: on the default MNIST network a few per cent of the first layer's moments are
subnormal from the second epoch on, and Adam's update took twice as long.

A subnormal moment moves nothing: its contribution to the step, η m̂ / (√v̂ + ε), is tens of
orders of magnitude below the rounding unit of any parameter of ordinary size, so the
parameters come out to the same bits whether it is kept or set to zero.
"""

from __future__ import annotations

import numpy as np

__all__ = ["flush_subnormals"]


def flush_subnormals(a: np.ndarray) -> None:
    """Set the subnormal entries of ``a`` (|x| below the dtype's smallest normal) to zero,
    in place."""
    tiny = np.finfo(a.dtype).tiny
    a[np.abs(a) < tiny] = 0
