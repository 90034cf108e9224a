"""Tensor factories with PyTorch's names and arguments: ``bp.zeros(2, 3)``, ``bp.randn(4,
requires_grad=True)``, ``bp.arange(10)``, ``bp.cat([a, b], dim=1)``.

As in PyTorch, floating-point results default to float32 (``dtype=`` chooses another) and
``arange`` of integers gives int64. Random tensors draw from the library's generator
(:mod:`backprop.random`), so ``bp.manual_seed`` makes them reproducible. ``device`` accepts
only ``"cpu"``.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from . import functional as F
from .engine import Tensor
from .errors import BackpropError
from .limits import check_allocation
from .random import default_generator
from .tensor_methods import check_memory_format, resolve_to

__all__ = ["zeros", "ones", "full", "zeros_like", "ones_like", "randn", "rand", "randint",
           "randperm", "arange", "from_numpy", "cat", "stack", "float32", "float64", "int64"]

float32, float64, int64 = np.float32, np.float64, np.int64
DEFAULT_DTYPE = np.float32


def _shape(op: str, size: tuple, dtype: Any = np.float64) -> tuple[int, ...]:
    """``size`` as a shape, held to the memory budget for an array of ``dtype`` (by default
    float64: what the random draws make before any cast)."""
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    if not all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in size):
        raise BackpropError(f"{op}: sizes must be integers, got {size}")
    if any(n < 0 for n in size):
        raise BackpropError(f"{op}: sizes must be ≥ 0, got {size}")
    shape = tuple(int(n) for n in size)
    check_allocation(op, "tensor", shape, dtype)
    return shape


def _make(op: str, data: np.ndarray, dtype: Any, device: Any, requires_grad: bool) -> Tensor:
    wanted = resolve_to(op, dtype=dtype, device=device) or data.dtype
    return Tensor(data.astype(wanted, copy=False), requires_grad=requires_grad)


def _dtype(op: str, dtype: Any, default: Any = DEFAULT_DTYPE) -> np.dtype:
    """``dtype`` however it is spelt (``bp.float32``, ``"float32"``, ``torch.float64``), as
    ``x.to(...)`` reads it, or the default; refused in one line before anything is made."""
    return resolve_to(op, dtype=dtype) or np.dtype(default)


def zeros(*size: Any, dtype: Any = None, device: Any = None,
          requires_grad: bool = False) -> Tensor:
    """A tensor of zeros, as torch.zeros (float32 unless ``dtype`` is given)."""
    kind = _dtype("zeros", dtype)
    return _make("zeros", np.zeros(_shape("zeros", size, kind), kind), dtype, device,
                 requires_grad)


def ones(*size: Any, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """A tensor of ones, as torch.ones (float32 unless ``dtype`` is given)."""
    kind = _dtype("ones", dtype)
    return _make("ones", np.ones(_shape("ones", size, kind), kind), dtype, device,
                 requires_grad)


def full(size: Sequence[int], fill_value: float, *, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """A tensor filled with one value, as torch.full."""
    kind = _dtype("full", dtype)
    return _make("full", np.full(_shape("full", (size,), kind), fill_value, kind), dtype,
                 device, requires_grad)


def zeros_like(input: Any, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    check_memory_format("zeros_like", memory_format)
    data = np.asarray(getattr(input, "data", input))
    return _make("zeros_like", np.zeros_like(data), dtype, device, requires_grad)


def ones_like(input: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    check_memory_format("ones_like", memory_format)
    data = np.asarray(getattr(input, "data", input))
    return _make("ones_like", np.ones_like(data), dtype, device, requires_grad)


def randn(*size: Any, dtype: Any = None, device: Any = None,
          requires_grad: bool = False) -> Tensor:
    """Standard normal entries from the library's generator, as torch.randn."""
    data = default_generator().standard_normal(_shape("randn", size))
    return _make("randn", data.astype(_dtype("randn", dtype)), dtype, device, requires_grad)


def rand(*size: Any, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    """Uniform entries in [0, 1) from the library's generator, as torch.rand."""
    data = default_generator().random(_shape("rand", size))
    return _make("rand", data.astype(_dtype("rand", dtype)), dtype, device, requires_grad)


def _drawing(op: str, generator: Any) -> np.random.Generator:
    """``generator`` (a NumPy Generator) or, without one, the library's generator."""
    if generator is None:
        return default_generator()
    if not isinstance(generator, np.random.Generator):
        raise BackpropError(f"{op}: generator must be a numpy.random.Generator, got "
                            f"{type(generator).__name__}")
    return generator


def _integer(op: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise BackpropError(f"{op}: {name} must be an integer, got {value!r}")
    return int(value)


def randint(*args: Any, size: Any = None, generator: Any = None, dtype: Any = None,
            device: Any = None, requires_grad: bool = False) -> Tensor:
    """Integers drawn uniformly from [low, high), as torch.randint: ``randint(high, size)``
    or ``randint(low, high, size)``; int64 unless ``dtype`` is given."""
    if size is None and args:
        args, size = args[:-1], args[-1]
    if len(args) == 1:
        low, high = 0, args[0]
    elif len(args) == 2:
        low, high = args
    else:
        raise BackpropError("randint: expected randint(high, size) or randint(low, high, size)")
    low, high = _integer("randint", "low", low), _integer("randint", "high", high)
    if high <= low:
        raise BackpropError(f"randint: high must be greater than low, got [{low}, {high})")
    shape = _shape("randint", tuple(size) if isinstance(size, (tuple, list)) else (size,),
                   np.int64)
    data = _drawing("randint", generator).integers(low, high, size=shape, dtype=np.int64)
    return _make("randint", data.astype(dtype or np.int64), dtype, device, requires_grad)


def randperm(n: int, *, generator: Any = None, dtype: Any = None, device: Any = None,
             requires_grad: bool = False) -> Tensor:
    """A random permutation of 0 … n − 1, as torch.randperm (int64 unless ``dtype``)."""
    n = _integer("randperm", "n", n)
    _shape("randperm", (n,), np.int64)
    data = _drawing("randperm", generator).permutation(n)
    return _make("randperm", data.astype(dtype or np.int64), dtype, device, requires_grad)


def arange(start: float, end: float | None = None, step: float = 1, *, dtype: Any = None,
           device: Any = None, requires_grad: bool = False) -> Tensor:
    """start, start + step, … up to (not including) end, as torch.arange: int64 when every
    argument is an integer, float32 otherwise, unless ``dtype`` is given."""
    if end is None:
        start, end = 0, start
    # True and False count as 1 and 0, as in torch.arange
    start, end, step = (int(v) if isinstance(v, (bool, np.bool_)) else v
                        for v in (start, end, step))
    if not all(isinstance(v, (int, float, np.integer, np.floating)) for v in (start, end, step)):
        raise BackpropError(f"arange: start, end and step must be numbers, got "
                            f"({start!r}, {end!r}, {step!r})")
    if step == 0:
        raise BackpropError("arange: step must be non-zero")
    count = np.ceil((end - start) / step)
    if not np.isfinite(count):
        raise BackpropError(f"arange: ({start}, {end}, {step}) asks for {count} entries")
    check_allocation("arange", f"range ({start}, {end}, {step})", max(int(count), 0),
                     np.float64)
    integral = all(isinstance(v, (int, np.integer)) for v in (start, end, step))
    kind = np.int64 if integral else np.float64
    data = np.arange(start, end, step, dtype=kind) if count > 0 else np.empty(0, kind)
    wanted = _dtype("arange", dtype, np.int64 if integral else DEFAULT_DTYPE)
    return _make("arange", data.astype(wanted), dtype, device, requires_grad)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing memory with ``array`` (its dtype kept), as torch.from_numpy."""
    if not isinstance(array, np.ndarray):
        raise BackpropError(f"from_numpy: expected a NumPy array, got {type(array).__name__}")
    return Tensor(array)


def cat(tensors: Sequence[Any], dim: int = 0, *, axis: int | None = None) -> Tensor:
    """Join tensors along an existing axis, as torch.cat (differentiable: rule concatenate)."""
    return F.concatenate(list(tensors), axis=dim if axis is None else axis)


def stack(tensors: Sequence[Any], dim: int = 0, *, axis: int | None = None) -> Tensor:
    """Join tensors along a new axis, as torch.stack (differentiable: rule stack)."""
    return F.stack(list(tensors), axis=dim if axis is None else axis)
