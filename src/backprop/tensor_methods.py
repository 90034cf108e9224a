"""The operators and methods of :class:`backprop.Tensor`, spelled as PyTorch (and NumPy) spell them.

Every method calls a rule of :mod:`backprop.functional` or composes several; none carries
a derivative of its own. Where the two libraries name the same argument differently both
spellings work (``dim``/``axis``, ``keepdim``/``keepdims``); where they disagree on a result
the PyTorch spelling gets PyTorch's result: ``x.max(dim=0)`` (or ``x.max(0)``) returns
``(values, indices)`` while ``x.max(axis=0)`` returns the values as NumPy does.
``x.size`` is NumPy's element count and, called, PyTorch's ``x.size()`` / ``x.size(d)``.
"""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import numpy as np

from . import functional as F
from .functional.broadcasting import broadcast_shapes, normalize_axes
from .engine import Tensor, as_numeric
from .errors import BackpropError, ShapeError

__all__ = ["ElementCount", "resolve_to", "check_memory_format", "install", "equal"]

#: What ``x.max(dim)`` and ``x.min(dim)`` return, as torch.return_types.max.
ValuesIndices = namedtuple("ValuesIndices", ["values", "indices"])


class ElementCount(int):
    """NumPy's ``x.size`` (an int) that, called, answers as PyTorch's ``x.size()`` (the shape)
    or ``x.size(d)`` (one axis)."""

    def __new__(cls, shape: tuple[int, ...]) -> "ElementCount":
        self = super().__new__(cls, int(np.prod(shape, dtype=np.int64)))
        self.shape = shape
        return self

    def __call__(self, dim: int | None = None) -> Any:
        if dim is None:
            return self.shape
        try:
            return self.shape[dim]
        except IndexError:
            raise ShapeError(f"size: dim {dim} is out of range for shape {self.shape}") from None


def resolve_to(op: str, *args: Any, **kwargs: Any) -> np.dtype | None:
    """The dtype asked for by ``.to(...)`` arguments (None when only a device is given).

    Accepts a NumPy dtype or type, a ``torch.dtype`` (by name: torch is not imported), a
    tensor (its dtype), and the device ``"cpu"``; any other device is one clear error, since
    backprop computes with NumPy on the CPU only."""
    dtype, device = kwargs.pop("dtype", None), kwargs.pop("device", None)
    kwargs.pop("non_blocking", None)
    kwargs.pop("copy", None)
    check_memory_format(op, kwargs.pop("memory_format", None))
    if kwargs:
        raise BackpropError(f"{op}: unexpected arguments {sorted(kwargs)}")
    for a in args:
        if a is None:
            continue
        if isinstance(a, Tensor):
            dtype = a.dtype
        elif _as_dtype(a) is not None:
            dtype = a
        elif isinstance(a, str) or type(a).__name__ == "device":
            device = a
        else:
            raise BackpropError(f"{op}: {a!r} is neither a dtype nor the device 'cpu'")
    if device is not None and str(device).split(":")[0] != "cpu":
        raise BackpropError(f"{op}: device {str(device)!r} is not available: backprop "
                            f"computes with NumPy on the CPU only; use 'cpu' or leave it out")
    if dtype is None:
        return None
    resolved = _as_dtype(dtype)
    if resolved is None or resolved.kind not in "biuf":
        raise BackpropError(f"{op}: {dtype!r} is not a boolean, integer or floating dtype")
    return resolved


def check_memory_format(op: str, memory_format: Any) -> None:
    """torch's ``memory_format=``: its preserve and contiguous formats are what NumPy arrays
    have here, so they are accepted and change nothing; any other (channels_last) is
    refused in one line."""
    if memory_format is None:
        return
    name = str(memory_format).rsplit(".", 1)[-1]
    if name not in ("preserve_format", "contiguous_format"):
        raise BackpropError(f"{op}: memory_format={memory_format} is not available: backprop "
                            f"keeps tensors in NumPy's layout; use torch.preserve_format or "
                            f"torch.contiguous_format, or leave it out")


def _as_dtype(value: Any) -> np.dtype | None:
    name = str(value)
    if name.startswith("torch."):  # torch.float64 and friends, matched by name
        value = name[len("torch."):]
    try:
        return np.dtype(value)
    except (TypeError, ValueError, SyntaxError):  # NumPy parses some strings as Python
        return None


def _dims(args: tuple, dim: Any, axis: Any) -> Any:
    """One reduction axis argument from positional ``dim``, ``dim=`` or ``axis=``."""
    given = [v for v in (args[0] if args else None, dim, axis) if v is not None]
    if len(given) > 1:
        raise BackpropError("give the axis once: as dim (PyTorch) or axis (NumPy)")
    value = given[0] if given else None
    return tuple(value) if isinstance(value, list) else value


def _keep(keepdim: Any, keepdims: Any) -> bool:
    return bool(keepdims if keepdims is not None else keepdim)


def _positional(args: tuple, keepdim: Any) -> tuple[tuple, Any]:
    """``x.sum(1, True)``: PyTorch's second positional argument is keepdim."""
    if len(args) > 2:
        raise BackpropError(f"expected at most (dim, keepdim) positionally, got {args}")
    return args[:1], (args[1] if len(args) == 2 else keepdim)


def _reduction(fn):
    """``x.sum(dim, keepdim)`` as PyTorch, ``x.sum(axis=, keepdims=)`` as NumPy; ``dtype``
    casts first (torch's and NumPy's), so ``np.mean(t)`` and ``t.sum(dtype=…)`` work."""

    def method(self, *args, dim=None, keepdim=False, axis=None, keepdims=None, dtype=None,
               out=None):
        if out is not None:
            raise BackpropError(f"{fn.__name__}: out= is not supported; use the result")
        args, keepdim = _positional(args, keepdim)
        x = self if dtype is None else _to(self, dtype)
        return fn(x, axis=_dims(args, dim, axis), keepdims=_keep(keepdim, keepdims))
    return method


def _extremum(fn, arg_fn):
    """x.max() → the maximum; x.max(axis=…) → values (NumPy); x.max(dim) → (values, indices),
    where the values are gathered at the indices so the gradient goes to that one entry, as
    PyTorch's (ties do not share it, unlike amax and F.max)."""

    def method(self, *args, dim=None, keepdim=False, axis=None, keepdims=None):
        if args and isinstance(args[0], Tensor):
            raise BackpropError(f"{fn.__name__}(other): elementwise form not supported; use "
                                f"F.where(a > b, a, b)")
        args, keepdim = _positional(args, keepdim)
        keep = _keep(keepdim, keepdims)
        if axis is not None or (not args and dim is None):
            return fn(self, axis=_dims(args, dim, axis), keepdims=keep)
        x = self if self.ndim else F.reshape(self, shape=(1,))
        d = _dims(args, dim, None)
        indices = arg_fn(x, d, keepdim=True)
        d = d % x.ndim
        grid = np.indices(indices.shape, sparse=True)
        index = tuple(indices.data if k == d else grid[k] for k in range(x.ndim))
        values = F.getitem(x, index=index)
        if not keep or not self.ndim:
            shape = tuple(n for k, n in enumerate(values.shape) if k != d)
            values, indices = F.reshape(values, shape=shape), indices.reshape(shape)
        return ValuesIndices(values, indices)

    return method


def _shape_arg(shape: tuple) -> Any:
    return shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape


def _index(idx: Any) -> Any:
    if isinstance(idx, Tensor):
        return idx.data
    if isinstance(idx, tuple):
        return tuple(i.data if isinstance(i, Tensor) else i for i in idx)
    return idx


def _comparison(ufunc: np.ufunc, symbol: str, equality: bool = False) -> Any:
    """``t < o``, ``t == o`` and their kin: an elementwise boolean Tensor with no gradient, as
    PyTorch's (comparisons are not differentiable). The right operand is checked as every
    rule's input, so a shape that does not broadcast is a ShapeError naming both shapes. An
    operand that is not numbers (None, a string) makes ``==`` False and ``!=`` True, as
    Python's default; the orderings refuse it with a BackpropError."""
    op = f"Tensor {symbol}"

    def compare(self: Tensor, other: Any) -> Any:
        if equality and (other is None or isinstance(other, (str, bytes))):
            return NotImplemented
        o = other.data if isinstance(other, Tensor) else as_numeric(other, op, "right operand")
        broadcast_shapes(op, left=self.shape, right=np.shape(o))
        return Tensor._from_op(np.asarray(ufunc(self.data, o)), None)

    compare.__name__ = ufunc.__name__
    compare.__doc__ = f"Elementwise ``self {symbol} other`` as a boolean tensor (no gradient)."
    return compare


def _reduce_bool(fn: Any, name: str) -> Any:
    """``t.all()`` / ``t.any()``, over everything or along ``dim`` (``keepdim`` as torch)."""

    def method(self: Tensor, *args: Any, dim: Any = None, keepdim: bool = False,
               axis: Any = None, keepdims: Any = None) -> Tensor:
        args, keepdim = _positional(args, keepdim)
        d = _dims(args, dim, axis)
        axes = None if d is None else normalize_axes(d, self.ndim, name, name="dim")
        return Tensor._from_op(np.asarray(fn(self.data, axis=axes,
                                             keepdims=_keep(keepdim, keepdims))), None)

    method.__name__ = name
    return method


def equal(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` have the same shape and every entry is equal (torch.equal)."""
    x = as_numeric(a, "equal", "first argument")
    y = as_numeric(b, "equal", "second argument")
    return x.shape == y.shape and bool(np.array_equal(x, y))


def _check_dim(op: str, dim: int, ndim: int) -> int:
    if not -ndim <= dim < max(ndim, 1):
        raise ShapeError(f"{op}: dim {dim} is out of range for a tensor with {ndim} dimensions")
    return dim % ndim if ndim else 0


def _unsqueeze(self: Tensor, dim: int) -> Tensor:
    d = _check_dim("unsqueeze", dim, self.ndim + 1)
    shape = self.shape
    return F.reshape(self, shape=shape[:d] + (1,) + shape[d:])


def _squeeze(self: Tensor, dim: Any = None) -> Tensor:
    """Drop size-1 axes (all, one or a tuple); a named axis of another size is kept."""
    if dim is None:
        drop = {k for k, n in enumerate(self.shape) if n == 1}
    else:
        dims = dim if isinstance(dim, (tuple, list)) else (dim,)
        drop = {d for d in (_check_dim("squeeze", d, self.ndim) for d in dims)
                if self.ndim and self.shape[d] == 1}
    return F.reshape(self, shape=tuple(n for k, n in enumerate(self.shape) if k not in drop))


def _transpose(self: Tensor, *axes: Any) -> Tensor:
    """``x.transpose(d0, d1)`` swaps two axes (PyTorch); a full permutation of more than two
    axes permutes as NumPy; no argument reverses the axes."""
    axes = _shape_arg(axes)
    if not axes:
        return F.transpose(self)
    if self.ndim == 0:  # as torch: a scalar's only axis is 0 (or −1), and swapping is a copy
        bad = [d for d in axes if d not in (0, -1)]
        if bad:
            raise ShapeError(f"transpose: dim {bad[0]} is out of range for a 0-d tensor "
                             f"(valid: 0 or -1)")
        return F.transpose(self)
    if len(axes) == 2:
        d0, d1 = (_check_dim("transpose", d, self.ndim) for d in axes)
        order = list(range(self.ndim))
        order[d0], order[d1] = order[d1], order[d0]
        return F.transpose(self, axes=tuple(order))
    return F.transpose(self, axes=tuple(axes))


def _permute(self: Tensor, *dims: Any) -> Tensor:
    dims = tuple(_shape_arg(dims))
    if sorted(d % max(self.ndim, 1) for d in dims) != list(range(self.ndim)):
        raise ShapeError(f"permute: {dims} is not a permutation of the {self.ndim} axes of a "
                         f"tensor of shape {self.shape}")
    return F.transpose(self, axes=tuple(d % self.ndim for d in dims))


def _flatten(self: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    if self.ndim == 0:
        return F.reshape(self, shape=(1,))
    return F.flatten(self, start_dim, end_dim)


def _to(self: Tensor, *args: Any, **kwargs: Any) -> Tensor:
    dtype = resolve_to("to", *args, **kwargs)
    return self if dtype is None or dtype == self.dtype else F.cast(self, dtype)


def _clone(self: Tensor, *, memory_format: Any = None) -> Tensor:
    check_memory_format("clone", memory_format)
    return F.cast(self, self.dtype)


def _contiguous(self: Tensor, memory_format: Any = None) -> Tensor:
    """The tensor itself: its array is already in the one layout backprop keeps."""
    check_memory_format("contiguous", memory_format)
    return self


def _requires_grad_(self: Tensor, requires_grad: bool = True) -> Tensor:
    if not self.is_leaf:
        raise BackpropError("requires_grad_: only a leaf tensor's flag can be changed "
                            "(use .detach() first)")
    if requires_grad and not np.issubdtype(self.dtype, np.floating):
        raise BackpropError(f"requires_grad_: only floating-point tensors can require "
                            f"gradients; this one has dtype {self.dtype}")
    self.requires_grad = bool(requires_grad)
    return self


def install() -> None:
    """Attach the operators and methods to :class:`Tensor` (done once, on import)."""
    T = Tensor
    T.__add__ = lambda s, o: F.add(s, o)
    T.__radd__ = lambda s, o: F.add(o, s)
    T.__sub__ = lambda s, o: F.sub(s, o)
    T.__rsub__ = lambda s, o: F.sub(o, s)
    T.__mul__ = lambda s, o: F.mul(s, o)
    T.__rmul__ = lambda s, o: F.mul(o, s)
    T.__truediv__ = lambda s, o: F.div(s, o)
    T.__rtruediv__ = lambda s, o: F.div(o, s)
    T.__pow__ = lambda s, o: F.power(s, o)
    T.__rpow__ = lambda s, o: F.power(o, s)
    T.__matmul__ = lambda s, o: F.matmul(s, o)
    T.__rmatmul__ = lambda s, o: F.matmul(o, s)
    T.__neg__ = lambda s: F.neg(s)
    T.__abs__ = lambda s: F.abs(s)
    T.__getitem__ = lambda s, idx: F.getitem(s, index=_index(idx))
    # Comparisons are elementwise and give boolean tensors without gradient, as torch's;
    # hashing stays by identity (a tensor is a dict key or set member as itself).
    T.__eq__ = _comparison(np.equal, "==", equality=True)
    T.__ne__ = _comparison(np.not_equal, "!=", equality=True)
    T.__lt__ = _comparison(np.less, "<")
    T.__le__ = _comparison(np.less_equal, "<=")
    T.__gt__ = _comparison(np.greater, ">")
    T.__ge__ = _comparison(np.greater_equal, ">=")
    T.__hash__ = object.__hash__
    T.eq, T.ne, T.lt, T.le, T.gt, T.ge = (T.__eq__, T.__ne__, T.__lt__, T.__le__, T.__gt__,
                                          T.__ge__)
    T.greater, T.greater_equal, T.less, T.less_equal = T.gt, T.ge, T.lt, T.le
    T.not_equal = T.ne
    T.equal = lambda s, o: equal(s, o)
    T.all = _reduce_bool(np.all, "all")
    T.any = _reduce_bool(np.any, "any")
    # elementwise
    T.exp = lambda s: F.exp(s)
    T.log = lambda s: F.log(s)
    T.sqrt = lambda s: F.sqrt(s)
    T.abs = lambda s: F.abs(s)
    T.relu = lambda s: F.relu(s)
    T.sigmoid = lambda s: F.sigmoid(s)
    T.tanh = lambda s: F.tanh(s)
    T.clamp = lambda s, min=None, max=None: F.clamp(s, min, max)
    T.clip = T.clamp
    T.clamp_min = lambda s, min: F.clamp(s, min)
    T.clamp_max = lambda s, max: F.clamp(s, max=max)
    T.softmax = lambda s, dim=None, *, axis=None: F.softmax(s, dim, axis=axis)
    T.log_softmax = lambda s, dim=None, *, axis=None: F.log_softmax(s, dim, axis=axis)
    # reductions
    T.sum = _reduction(F.sum)
    T.mean = _reduction(F.mean)
    T.max = _extremum(F.max, F.argmax)
    T.min = _extremum(F.min, F.argmin)
    T.argmax = lambda s, dim=None, keepdim=False, *, axis=None: F.argmax(
        s, _dims((), dim, axis), keepdim)
    T.argmin = lambda s, dim=None, keepdim=False, *, axis=None: F.argmin(
        s, _dims((), dim, axis), keepdim)
    # shapes
    T.size = property(lambda s: ElementCount(s.shape))
    T.numel = lambda s: int(s.data.size)
    T.dim = lambda s: s.data.ndim
    T.reshape = lambda s, *shape: F.reshape(s, shape=_shape_arg(shape))
    T.view = T.reshape
    T.transpose = _transpose
    T.permute = _permute
    T.T = property(lambda s: F.transpose(s))
    T.unsqueeze = _unsqueeze
    T.squeeze = _squeeze
    T.flatten = _flatten
    # dtypes, device, graph
    T.to = _to
    T.float = lambda s: _to(s, np.float32)
    T.double = lambda s: _to(s, np.float64)
    T.clone = _clone
    T.contiguous = _contiguous
    T.requires_grad_ = _requires_grad_
    T.grad_fn = property(lambda s: s._node)
    T.device = property(lambda s: "cpu")
    T.cpu = lambda s: s
    T.cuda = lambda s, *args, **kwargs: _to(s, "cuda")  # the one clear error


install()
