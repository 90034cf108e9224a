"""The operators and methods of :class:`backprop.Tensor`, spelled as PyTorch (and NumPy) spell them.

Every method calls a rule of :mod:`backprop.functional` or composes several; none carries
a derivative of its own. The methods that only call a rule come from the table of operations:
each rule declares the methods that call it (``methods=`` in
:func:`~backprop.functional.table.declare`), and :func:`attach` makes them, so a new rule's
method is one word beside the rule. Only the methods that adapt their arguments (``dim`` and
``axis``, shapes, dtypes) are written here, in :class:`TensorMethods`. Where the two libraries name the same argument differently both
spellings work (``dim``/``axis``, ``keepdim``/``keepdims``); where they disagree on a result
the PyTorch spelling gets PyTorch's result: ``x.max(dim=0)`` (or ``x.max(0)``) returns
``(values, indices)`` while ``x.max(axis=0)`` returns the values as NumPy does.
``x.size`` is NumPy's element count and, called, PyTorch's ``x.size()`` / ``x.size(d)``.
"""

from __future__ import annotations

from collections import namedtuple
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

# Above the engine and the rules: the engine's Tensor is given these methods by attach(),
# below, once both are loaded (the engine imports this module for type checkers only).
from . import engine
from . import functional as F
from .errors import BackpropError, ShapeError
from .functional.broadcasting import broadcast_shapes, normalize_axes
from .functional.table import Op, ops

if TYPE_CHECKING:
    from .engine import Tensor

__all__ = ["TensorMethods", "ElementCount", "resolve_to", "check_memory_format", "equal",
           "methods", "attach"]

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
        if isinstance(a, engine.Tensor):
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


def _reduction(name: str) -> Callable[..., Any]:
    """``x.sum(dim, keepdim)`` as PyTorch, ``x.sum(axis=, keepdims=)`` as NumPy; ``dtype``
    casts first (torch's and NumPy's), so ``np.mean(t)`` and ``t.sum(dtype=…)`` work."""

    def method(self, *args, dim=None, keepdim=False, axis=None, keepdims=None, dtype=None,
               out=None):
        if out is not None:
            raise BackpropError(f"{name}: out= is not supported; use the result")
        args, keepdim = _positional(args, keepdim)
        x = self if dtype is None else _to(self, dtype)
        return getattr(F, name)(x, axis=_dims(args, dim, axis), keepdims=_keep(keepdim, keepdims))
    method.__name__ = name
    return method


def _extremum(name: str) -> Callable[..., Any]:
    """x.max() → the maximum; x.max(axis=…) → values (NumPy); x.max(other) → the larger of
    the two entry by entry (F.maximum); x.max(dim) → (values, indices),
    where the values are gathered at the indices so the gradient goes to that one entry, as
    PyTorch's (ties do not share it, unlike amax and F.max)."""

    def method(self, *args, dim=None, keepdim=False, axis=None, keepdims=None):
        if args and isinstance(args[0], engine.Tensor):  # torch's x.max(other)
            if len(args) > 1 or dim is not None or axis is not None:
                raise BackpropError(f"{name}(other) takes no dim")
            return getattr(F, {"max": "maximum", "min": "minimum"}[name])(self, args[0])
        args, keepdim = _positional(args, keepdim)
        keep = _keep(keepdim, keepdims)
        if axis is not None or (not args and dim is None):
            return getattr(F, name)(self, axis=_dims(args, dim, axis), keepdims=keep)
        x = self if self.ndim else F.reshape(self, shape=(1,))
        d = _dims(args, dim, None)
        indices = getattr(F, "arg" + name)(x, d, keepdim=True)
        d = d % x.ndim
        grid = np.indices(indices.shape, sparse=True)
        index = tuple(indices.data if k == d else grid[k] for k in range(x.ndim))
        values = F.getitem(x, index=index)
        if not keep or not self.ndim:
            shape = tuple(n for k, n in enumerate(values.shape) if k != d)
            values, indices = F.reshape(values, shape=shape), indices.reshape(shape)
        return ValuesIndices(values, indices)

    method.__name__ = name
    return method


def _shape_arg(shape: tuple) -> Any:
    return shape[0] if len(shape) == 1 and isinstance(shape[0], (tuple, list)) else shape


def _index(idx: Any) -> Any:
    if isinstance(idx, engine.Tensor):
        return idx.data
    if isinstance(idx, tuple):
        return tuple(i.data if isinstance(i, engine.Tensor) else i for i in idx)
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
        o = other.data if isinstance(other, engine.Tensor) else engine.as_numeric(other, op, "right operand")
        broadcast_shapes(op, left=self.shape, right=np.shape(o))
        return engine.Tensor._from_op(np.asarray(ufunc(self.data, o)), None)

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
        return engine.Tensor._from_op(np.asarray(fn(self.data, axis=axes,
                                             keepdims=_keep(keepdim, keepdims))), None)

    method.__name__ = name
    return method


def equal(a: Any, b: Any) -> bool:
    """True when ``a`` and ``b`` have the same shape and every entry is equal (torch.equal)."""
    x = engine.as_numeric(a, "equal", "first argument")
    y = engine.as_numeric(b, "equal", "second argument")
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
    bound = max(self.ndim, 1)  # each dim names an axis: 2 is not axis 0 of a 2-D tensor
    if any(not isinstance(d, (int, np.integer)) or isinstance(d, bool) or not -bound <= d < bound
           for d in dims) or sorted(d % bound for d in dims) != list(range(self.ndim)):
        raise ShapeError(f"permute: {dims} is not a permutation of the {self.ndim} axes of a "
                         f"tensor of shape {self.shape}")
    return F.transpose(self, axes=tuple(d % self.ndim for d in dims))


def _flatten(self: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    return F.flatten(self, start_dim, end_dim)  # a 0-d tensor becomes (1,), its dims checked


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


class TensorMethods:
    """The methods of :class:`backprop.Tensor` that adapt their arguments before calling a
    rule (or compose several); :func:`attach` sets them on Tensor beside those made from the
    table. Under ``TYPE_CHECKING``, the signatures of the table's methods, for type checkers
    and editors (a test holds them to the table)."""

    __slots__ = ()
    if TYPE_CHECKING:  # what the engine's Tensor holds
        data: np.ndarray
        _node: Any

        @property
        def shape(self) -> tuple[int, ...]: ...

        @property
        def ndim(self) -> int: ...

        @property
        def dtype(self) -> np.dtype: ...

        # made by attach() from the table of operations, each calling its rule
        def __add__(self, other: Any) -> Tensor: ...
        def __radd__(self, other: Any) -> Tensor: ...
        def __sub__(self, other: Any) -> Tensor: ...
        def __rsub__(self, other: Any) -> Tensor: ...
        def __mul__(self, other: Any) -> Tensor: ...
        def __rmul__(self, other: Any) -> Tensor: ...
        def __truediv__(self, other: Any) -> Tensor: ...
        def __rtruediv__(self, other: Any) -> Tensor: ...
        def __pow__(self, other: Any) -> Tensor: ...
        def __rpow__(self, other: Any) -> Tensor: ...
        def __matmul__(self, other: Any) -> Tensor: ...
        def __rmatmul__(self, other: Any) -> Tensor: ...
        def __neg__(self) -> Tensor: ...
        def __abs__(self) -> Tensor: ...
        def exp(self) -> Tensor: ...
        def log(self) -> Tensor: ...
        def sqrt(self) -> Tensor: ...
        def abs(self) -> Tensor: ...
        def relu(self) -> Tensor: ...
        def sigmoid(self) -> Tensor: ...
        def tanh(self) -> Tensor: ...
        def clamp(self, min: Any = None, max: Any = None) -> Tensor: ...
        def clip(self, min: Any = None, max: Any = None) -> Tensor: ...
        def clamp_min(self, min: Any) -> Tensor: ...
        def softmax(self, dim: Any = None, *, axis: Any = None) -> Tensor: ...
        def log_softmax(self, dim: Any = None, *, axis: Any = None) -> Tensor: ...

    def __getitem__(self, idx: Any) -> Tensor:
        return F.getitem(self, index=_index(idx))

    # Comparisons are elementwise and give boolean tensors without gradient, as torch's;
    # hashing stays by identity (a tensor is a dict key or set member as itself).
    __eq__ = _comparison(np.equal, "==", equality=True)  # type: ignore[assignment]
    __ne__ = _comparison(np.not_equal, "!=", equality=True)  # type: ignore[assignment]
    __lt__ = _comparison(np.less, "<")
    __le__ = _comparison(np.less_equal, "<=")
    __gt__ = _comparison(np.greater, ">")
    __ge__ = _comparison(np.greater_equal, ">=")
    __hash__ = object.__hash__
    eq, ne, lt, le, gt, ge = __eq__, __ne__, __lt__, __le__, __gt__, __ge__
    greater, greater_equal, less, less_equal, not_equal = gt, ge, lt, le, ne
    all = _reduce_bool(np.all, "all")
    any = _reduce_bool(np.any, "any")

    def equal(self, other: Any) -> bool:
        return equal(self, other)

    def clamp_max(self, max: Any) -> Tensor:
        return F.clamp(self, max=max)

    # reductions
    sum = _reduction("sum")
    mean = _reduction("mean")
    max = _extremum("max")
    min = _extremum("min")

    def argmax(self, dim: Any = None, keepdim: bool = False, *, axis: Any = None) -> Tensor:
        return F.argmax(self, _dims((), dim, axis), keepdim)

    def argmin(self, dim: Any = None, keepdim: bool = False, *, axis: Any = None) -> Tensor:
        return F.argmin(self, _dims((), dim, axis), keepdim)

    # shapes
    @property
    def size(self) -> ElementCount:
        return ElementCount(self.shape)

    def numel(self) -> int:
        return int(self.data.size)

    def dim(self) -> int:
        return self.data.ndim

    def reshape(self, *shape: Any) -> Tensor:
        return F.reshape(self, shape=_shape_arg(shape))

    view = reshape
    transpose = _transpose
    permute = _permute

    @property
    def T(self) -> Tensor:
        return F.transpose(self)

    unsqueeze = _unsqueeze
    squeeze = _squeeze
    flatten = _flatten

    # dtypes, device, graph
    to = _to

    def float(self, memory_format: Any = None) -> Tensor:
        return _to(self, np.float32, memory_format=memory_format)

    def double(self, memory_format: Any = None) -> Tensor:
        return _to(self, np.float64, memory_format=memory_format)

    clone = _clone
    contiguous = _contiguous
    requires_grad_ = _requires_grad_

    @property
    def grad_fn(self) -> Any:
        return self._node

    @property
    def device(self) -> str:
        return "cpu"

    def cpu(self) -> Tensor:
        return self  # type: ignore[return-value]

    def cuda(self, *args: Any, **kwargs: Any) -> Tensor:
        return _to(self, "cuda")  # the one clear error


# -- the methods made from the table of operations -------------------------------------------
_UNARY = {"__neg__", "__abs__", "__pos__", "__invert__"}
# Entries of a class's namespace that are not methods to copy.
_NOT_METHODS = {"__module__", "__qualname__", "__doc__", "__slots__", "__dict__", "__weakref__",
                "__annotations__", "__firstlineno__", "__static_attributes__"}


def _made(op: Op, name: str) -> Callable[..., Any]:
    """Tensor's method ``name`` calling ``op``'s rule: ``x.name(…)`` is ``rule(x, …)``; a
    reflected operator (``__radd__``, beside ``__add__``) is ``rule(other, x)``."""
    fn = op.fn
    if name.startswith("__r") and f"__{name[3:]}" in op.methods:
        def method(self: Any, other: Any) -> Any:
            return fn(other, self)
    elif name.startswith("__") and name not in _UNARY:
        def method(self: Any, other: Any) -> Any:  # type: ignore[misc]
            return fn(self, other)
    else:
        def method(self: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[misc]
            return fn(self, *args, **kwargs)
    method.__name__ = name
    method.__qualname__ = f"Tensor.{name}"
    method.__doc__ = f"backprop.functional.{op.name} of this tensor: {op.summary}"
    return method


def methods() -> dict[str, Any]:
    """Every method of Tensor: one per name the table's rules declare, calling its rule,
    unless :class:`TensorMethods` writes the method (it adapts the arguments), and the rest
    of :class:`TensorMethods`."""
    out: dict[str, Any] = {}
    for op in ops().values():
        for name in op.methods:
            out.setdefault(name, _made(op, name))
    out.update({k: v for k, v in vars(TensorMethods).items() if k not in _NOT_METHODS})
    return out


def attach(cls: type) -> None:
    """Give ``cls`` (the engine's Tensor) its methods."""
    for name, method in methods().items():
        setattr(cls, name, method)


attach(engine.Tensor)
