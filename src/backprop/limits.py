"""The memory budget: how large one array may be when its size comes from the user.

A size typed on the command line, written in a file's header or passed to a constructor can
ask for terabytes (``Linear(2**20, 2**20)``, a kernel of 2⁴⁰, a DataLoader over a dataset
that claims 10⁹ samples). Every path that allocates an array whose size comes from input
calls :func:`check_allocation` with the shape and dtype it is about to ask for, *before*
asking; beyond the budget it raises :class:`BudgetError` (a ``BackpropError`` and a
``MemoryError`` too) naming the operation, what it would have made and the budget, so the
machine is never touched.

The budget is one pair of numbers for one array: at most :data:`MAX_ELEMENTS` elements and
:data:`MAX_BYTES` bytes (defaults: 2²⁸ elements and 1 GiB: a float32 array of 2²⁸ entries,
a float64 one of 2²⁷). It is configurable:

- for a process, with the environment variables ``BACKPROP_MAX_ELEMENTS`` and
  ``BACKPROP_MAX_BYTES`` (positive integers; read each time, so a test may set them);
- for a block of code, with :func:`allocation_budget` (a context manager; nested blocks
  keep the smaller budget).

The bounds on what a data file may declare (``backprop.data.limits``) and on the sizes of
a spec, a trace or the page (``backprop.models.Limits``) are narrower budgets of their own,
checked before this one; ``docs/limits.md`` lists them all.
"""

from __future__ import annotations

import math
import os
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

import numpy as np

from .errors import ShapeError

__all__ = ["MAX_ELEMENTS", "MAX_BYTES", "ELEMENTS_VARIABLE", "BYTES_VARIABLE", "Budget",
           "BudgetError", "budget", "allocation_budget", "check_allocation"]

MAX_ELEMENTS = 2**28  # one array: 1 GiB of float32
MAX_BYTES = 2**30     # one array: 1 GiB (so 2²⁷ float64 entries)
ELEMENTS_VARIABLE = "BACKPROP_MAX_ELEMENTS"
BYTES_VARIABLE = "BACKPROP_MAX_BYTES"


@dataclass(frozen=True)
class Budget:
    """At most ``elements`` entries and ``bytes`` bytes in one array."""

    elements: int
    bytes: int


class BudgetError(ShapeError, MemoryError):
    """An array asked for beyond the :func:`budget`, refused before it was allocated (a
    MemoryError too, as NumPy's own refusal would have been)."""


_block: ContextVar[Budget | None] = ContextVar("allocation_budget", default=None)
_parsed: dict[tuple[str, str], Budget] = {}  # environment text → budget, parsed once


def _positive(name: str, text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        value = 0
    if value <= 0:
        raise BudgetError(f"{name}={text[:40]!r}: expected a positive integer")
    return value


def budget() -> Budget:
    """The budget in force: the innermost :func:`allocation_budget` block's, else the
    environment's ``BACKPROP_MAX_ELEMENTS`` / ``BACKPROP_MAX_BYTES``, else the defaults."""
    block = _block.get()
    if block is not None:
        return block
    key = (os.environ.get(ELEMENTS_VARIABLE, "").strip(),
           os.environ.get(BYTES_VARIABLE, "").strip())
    found = _parsed.get(key)
    if found is None:
        found = Budget(_positive(ELEMENTS_VARIABLE, key[0]) if key[0] else MAX_ELEMENTS,
                       _positive(BYTES_VARIABLE, key[1]) if key[1] else MAX_BYTES)
        if len(_parsed) < 64:
            _parsed[key] = found
    return found


@contextmanager
def allocation_budget(elements: int | None = None, bytes: int | None = None) -> Iterator[Budget]:
    """Inside the block, one array may hold at most ``elements`` entries and ``bytes`` bytes
    (either left out: the budget outside the block). A block inside another keeps the
    smaller of each."""
    outer = budget()
    for name, value in (("elements", elements), ("bytes", bytes)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                  or value <= 0):
            raise BudgetError(f"allocation_budget: {name} must be a positive integer, got "
                              f"{value!r}")
    inner = Budget(min(outer.elements, elements or outer.elements),
                   min(outer.bytes, bytes or outer.bytes))
    token = _block.set(inner)
    try:
        yield inner
    finally:
        _block.reset(token)


def _number(n: int) -> str:
    """An integer of any size, readably: 1,048,576, 1.1e+12, or 10^400 beyond floats."""
    if n < 10**10:
        return f"{n:,}"
    return f"{float(n):.3g}" if n < 10**300 else f"10^{len(str(n)) - 1}"


def _size(count: int) -> str:
    if count >= 2**50:
        return f"{_number(count // 2**40)} TiB"
    for unit, scale in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if count >= scale:
            return f"{count / scale:.3g} {unit}"
    return f"{count} bytes"


def check_allocation(op: str, what: str, shape: int | Sequence[Any],
                     dtype: Any = np.float32) -> int:
    """Refuse, before it is allocated, an array of ``shape`` (or of that many entries) and
    ``dtype`` beyond the :func:`budget`; return its number of entries.

    ``op`` and ``what`` name the caller and the array in the message (``"Linear"``,
    ``"weight (out_features, in_features)"``). A shape with a size-0 axis is empty, but its
    other axes are held to the budget even so (NumPy refuses shapes whose other sizes
    overflow, and the next operation may not keep the 0).
    """
    dims = (shape,) if isinstance(shape, (int, np.integer)) else tuple(shape)
    try:
        dims = tuple(int(n) for n in dims)
    except (TypeError, ValueError, OverflowError):
        raise ShapeError(f"{op}: the {what} needs integer sizes, got {shape!r}") from None
    if any(n < 0 for n in dims):
        raise ShapeError(f"{op}: the {what} cannot have a negative size, got {dims}")
    count = math.prod(dims)
    limit = budget()
    itemsize = np.dtype(dtype).itemsize
    span = math.prod(max(n, 1) for n in dims)  # the size were its empty axes of size 1
    if span > limit.elements or span * itemsize > limit.bytes:
        of = f"shape {dims}, " if not isinstance(shape, (int, np.integer)) else ""
        holds = (f"would hold {_number(count)} {np.dtype(dtype).name} entries "
                 f"({of}{_size(count * itemsize)})" if count == span else
                 f"is empty, but its other axes span {_number(span)} entries ({of.strip(', ')})")
        raise BudgetError(
            f"{op}: the {what} {holds}; the limit for one array is "
            f"{_number(limit.elements)} entries and {_size(limit.bytes)} (set "
            f"{ELEMENTS_VARIABLE} / {BYTES_VARIABLE} to change it)")
    return count
