"""Adaptive average pooling: the output size is given and the windows follow from it.

Output cell i of an axis of length L pooled to m cells averages the inputs
floor(i·L/m) ≤ j < ceil((i + 1)·L/m), as PyTorch; the windows may overlap and differ in
size by one. An average over a rectangle is the average of the row averages, so the 2-D
pooling is separable: Y = A_H X A_Wᵀ with one averaging matrix per axis, and the VJP is
the transposed product.
"""

from __future__ import annotations

from typing import Sequence, Union

import numpy as np

from .table import declare
from ..engine import VJP, Array, Operand, Tensor, TensorLike, primitive
from ..errors import ShapeError
from ..limits import check_allocation

__all__ = ["adaptive_avg_pool2d", "adaptive_windows", "OutputSize"]

OutputSize = Union[int, None, Sequence[Union[int, None]]]
"""An int, or a pair with None meaning "keep that axis" (None alone keeps both)."""


def adaptive_windows(length: int, cells: int) -> Array:
    """The (cells, length) averaging matrix: row i is 1/|window i| on window i, 0 elsewhere."""
    i = np.arange(cells)
    start = (i * length) // cells
    end = -((-(i + 1) * length) // cells)  # ceil((i + 1)·L/m)
    j = np.arange(length)
    inside = (j >= start[:, None]) & (j < end[:, None])
    return inside / (end - start)[:, None]


@primitive(name="adaptive_avg_pool2d")
def _adaptive_avg_pool2d_rule(x: Operand, size: tuple[int, int] = (1, 1)) -> tuple[Array, VJP]:
    x = np.asarray(x)
    a_h = adaptive_windows(x.shape[-2], size[0]).astype(x.dtype, copy=False)
    a_w = adaptive_windows(x.shape[-1], size[1]).astype(x.dtype, copy=False)
    y = a_h @ x @ a_w.T
    return y, lambda g, needs: (a_h.T @ g @ a_w,)


@declare(section="12", torch="torch.nn.functional.adaptive_avg_pool2d")
def adaptive_avg_pool2d(input: TensorLike, output_size: OutputSize) -> Tensor:
    """2-D adaptive average pooling of (N, C, H, W) or (C, H, W) to ``output_size``
    (an int, a pair, or a pair with None meaning "keep that axis"), as torch's.

    Forward:   Y = A_H X A_Wᵀ per channel, A_L[i, j] = 1/|wᵢ| for j in window
               wᵢ = [⌊iL/m⌋, ⌈(i+1)L/m⌉), 0 elsewhere
    VJP:       X̄ = A_Hᵀ Ȳ A_W   (each ȳ spread evenly over its window; overlaps add)
    Jacobian:  A_H ⊗ A_W per channel
    """
    shape = np.shape(input.data if isinstance(input, Tensor) else input)
    if len(shape) not in (3, 4):
        raise ShapeError(f"adaptive_avg_pool2d: input must be (N, C, H, W) or (C, H, W), got "
                         f"shape {shape}")
    pair = (output_size, output_size) if not isinstance(output_size, (tuple, list)) \
        else tuple(output_size)
    if len(pair) != 2:
        raise ShapeError(f"adaptive_avg_pool2d: output_size must be an int or a pair, got "
                         f"{output_size!r}")
    size = tuple(shape[-2 + k] if s is None else s for k, s in enumerate(pair))
    if not all(isinstance(s, (int, np.integer)) and s > 0 for s in size):
        raise ShapeError(f"adaptive_avg_pool2d: output_size must be positive, got {size}")
    check_allocation("adaptive_avg_pool2d", f"work of output_size {size} for the input of "
                     f"shape {shape} (A_H X, then Y)",
                     (*shape[:-2], size[0], max(shape[-1], size[1])), np.float64)
    if 0 in shape[-2:]:
        raise ShapeError(f"adaptive_avg_pool2d: input of shape {shape} has an empty spatial axis")
    return _adaptive_avg_pool2d_rule(input, size=tuple(int(s) for s in size))
