"""Flatten and unflatten: several axes merged into one, one axis split into several.

Both are reshapes, composed from the reshape rule (rule 13), so their gradient is a reshape
back and they need no VJP of their own.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from ..engine import Tensor
from ..errors import ShapeError
from ..validate import check_int
from .array_ops import reshape
from .table import declare

__all__ = ["flatten", "unflatten"]


@declare(section="13", torch="torch.flatten", methods=("flatten",))
def flatten(input: Any, start_dim: int = 1, end_dim: int = -1) -> Tensor:
    """Merge axes start_dim..end_dim into one (default: all but the batch axis).

    Forward:   y = x reshaped to (…, ∏ shape[start:end+1], …)
    VJP:       x̄ = ȳ reshaped back (composed from reshape; no rule of its own)
    Convention: dims count from the end when negative and must name axes of the input, as
               torch.flatten (a 0-d input has one axis, 0 or −1, and becomes shape (1,)).
    """
    shape = np.shape(input.data if isinstance(input, Tensor) else input)
    nd = max(len(shape), 1)
    for name, d in (("start_dim", start_dim), ("end_dim", end_dim)):
        if not -nd <= check_int("flatten", name, d) < nd:
            raise ShapeError(f"flatten: {name} {d} is out of range for an input of shape "
                             f"{shape} (expected a dim in [{-nd}, {nd - 1}])")
    start, end = start_dim % nd, end_dim % nd
    if start > end:
        raise ShapeError(f"flatten: start_dim {start_dim} comes after end_dim {end_dim} for an "
                         f"input of shape {shape}")
    new = shape[:start] + (int(np.prod(shape[start:end + 1])),) + shape[end + 1:]
    return reshape(input, shape=new)


@declare(section="13", torch="torch.unflatten")
def unflatten(input: Any, dim: int, sizes: Sequence[int]) -> Tensor:
    """Split axis ``dim`` into ``sizes`` (one of them may be −1), as torch.unflatten.

    Forward:   y = x reshaped to (…, *sizes, …) with ∏ sizes = shape[dim]
    VJP:       x̄ = ȳ reshaped back (composed from reshape; no rule of its own)
    """
    shape = np.shape(input.data if isinstance(input, Tensor) else input)
    d = check_int("unflatten", "dim", dim)
    if not -len(shape) <= d < len(shape):
        raise ShapeError(f"unflatten: dim {dim} is out of range for an input of shape {shape}")
    if not isinstance(sizes, (tuple, list)) or not sizes:
        raise ShapeError(f"unflatten: sizes must be a non-empty tuple of sizes, got {sizes!r}")
    sizes = tuple(check_int("unflatten", "sizes", n) for n in sizes)
    if any(n < 0 and n != -1 for n in sizes) or sizes.count(-1) > 1:
        raise ShapeError(f"unflatten: sizes must be ≥ 0, with at most one -1, got {sizes}")
    d %= len(shape)
    known = math.prod(n for n in sizes if n != -1)
    if -1 in sizes:
        if known == 0 or shape[d] % known:
            raise ShapeError(f"unflatten: axis {dim} of shape {shape} cannot be split into "
                             f"{sizes}")
        sizes = tuple(shape[d] // known if n == -1 else n for n in sizes)
    if math.prod(sizes) != shape[d]:
        raise ShapeError(f"unflatten: axis {dim} of shape {shape} cannot be split into {sizes}")
    return reshape(input, shape=shape[:d] + sizes + shape[d + 1:])
