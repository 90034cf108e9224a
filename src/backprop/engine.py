"""The reverse-mode engine: record calls to primitives, order them, sweep backwards.

This module knows no operator. A *primitive* is a forward function on NumPy arrays that
returns its output together with a VJP closure; :func:`primitive` wraps it so that a call on
:class:`Tensor` arguments is recorded. The rules themselves live in :mod:`backprop.functional`,
each VJP written right beside its forward.

A recorded call is a :class:`Node`: the VJP closure, the argument tensors and a mask of which
of them need a gradient. ``Tensor.backward`` and the function transforms in
:mod:`backprop.transforms` both use :func:`backprop` — a topological sort followed by one
reverse sweep that accumulates cotangents and frees them as soon as they are consumed.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import inspect
import itertools
import threading
from typing import TYPE_CHECKING, Any, Callable, Protocol, Union, cast, overload

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from .errors import AmbiguousError, BackpropError, DTypeError, GradientError, ShapeError
if TYPE_CHECKING:  # Tensor's methods as type checkers see them; at run time
    # backprop.tensor_methods, above this module and the rules, sets them on Tensor
    from .tensor_methods import TensorMethods as _Methods
else:
    _Methods = object

__all__ = ["Tensor", "tensor", "no_grad", "enable_grad", "is_grad_enabled", "primitive", "backprop",
           "as_numeric", "Array", "Operand", "TensorLike", "Cotangents", "Needs", "VJP", "Forward",
           "Primitive"]

# The types of the engine's contract with its rules.
Array = NDArray[Any]
"""An ndarray of any dtype: what the rules compute with."""
Operand = Union[Array, float]
"""A positional argument as a rule's forward receives it: an ndarray, or a Python number passed
unchanged so that it stays "weak" in NumPy's promotion (float32 · 2 stays float32)."""
Cotangents = tuple[Union[Array, None], ...]
"""What a VJP returns: one cotangent per positional argument, None where none is needed."""
Needs = tuple[bool, ...]
"""Which positional arguments of a recorded call need a cotangent."""
VJP = Callable[[Array, Needs], Cotangents]
"""``vjp(g, needs)``: the output cotangent and which arguments need one → their cotangents."""
Forward = Callable[..., tuple[Operand, VJP]]
"""A rule's forward: ``fwd(*operands, **options) -> (out, vjp)``; a number as ``out`` (the
clamp of a number) becomes a 0-d array."""
TensorLike = Union["Tensor", ArrayLike]
"""What a public function accepts where it takes a tensor: a Tensor, an ndarray, a number or
nested lists of numbers."""



class _GradMode(threading.local):
    """Grad mode per thread, as PyTorch keeps it: ``no_grad`` in one thread (an evaluation
    in a worker) does not stop another from recording. Every thread starts enabled."""

    enabled = True


_grad_mode = _GradMode()


def is_grad_enabled() -> bool:
    """Whether calls to primitives are being recorded for differentiation (in this thread)."""
    return _grad_mode.enabled


class _SetGradEnabled(contextlib.ContextDecorator):
    """Recording on or off in this thread for a ``with`` block (or a decorated function),
    restored on the way out; a small class, entered on every optimiser step."""

    __slots__ = ("mode", "previous")

    def __init__(self, mode: bool) -> None:
        self.mode = mode
        self.previous: list[bool] = []  # a stack, so one object can be re-entered

    def __enter__(self) -> None:
        self.previous.append(_grad_mode.enabled)
        _grad_mode.enabled = self.mode

    def __exit__(self, *exc: object) -> None:
        _grad_mode.enabled = self.previous.pop()

    def _recreate_cm(self) -> "_SetGradEnabled":  # each call of a decorated function its own
        return type(self)(self.mode)


def no_grad() -> contextlib.AbstractContextManager[None]:
    """Context in which nothing is recorded (evaluation, optimiser updates); it applies to
    the calling thread only."""
    return _SetGradEnabled(False)


def enable_grad() -> contextlib.AbstractContextManager[None]:
    """Context in which recording is switched back on."""
    return _SetGradEnabled(True)


_recorded = itertools.count()  # the order in which calls are recorded, across threads


class Node:
    """One recorded primitive call: ``vjp(g, needs)`` maps the output cotangent to one
    cotangent per positional argument (``None`` where ``needs`` is False). ``order`` counts
    the calls as they are recorded: a call is always recorded after the calls that made its
    arguments, so decreasing ``order`` is a topological order of any graph."""

    __slots__ = ("name", "vjp", "parents", "needs", "order")

    def __init__(self, name: str, vjp: VJP, parents: tuple[Any, ...], needs: Needs) -> None:
        self.name = name
        self.vjp = vjp
        self.parents = parents
        self.needs = needs
        self.order = next(_recorded)


class Tensor(_Methods):
    """An ndarray that can remember how it was computed.

    ``data`` is the NumPy array (its dtype is kept: float32 and float64 both work);
    ``requires_grad`` marks a leaf whose gradient :meth:`backward` should accumulate into
    ``grad``. Its arithmetic operators and methods such as ``sum``, ``reshape`` or ``size``
    are set by :mod:`backprop.tensor_methods`, most of them made from the table of
    operations; the rules they call live in :mod:`backprop.functional`.
    """

    __slots__ = ("data", "requires_grad", "grad", "_node", "__weakref__")
    data: Array
    requires_grad: bool
    grad: Array | None
    _node: Node | None
    __array_priority__ = 1000  # ndarray <op> Tensor defers to Tensor's reflected operator

    def __init__(self, data: TensorLike, requires_grad: bool = False,
                 dtype: DTypeLike | None = None) -> None:
        if isinstance(data, Tensor):
            data = data.data
        arr = as_numeric(data, "tensor", "data", dtype=dtype)
        if requires_grad and arr.dtype.kind != "f":
            raise DTypeError(
                f"tensor: only floating-point tensors can require gradients; got dtype "
                f"{arr.dtype} (shape {arr.shape})"
            )
        self.data = arr
        self.requires_grad = bool(requires_grad)
        self.grad = None
        self._node = None

    @classmethod
    def _from_op(cls, data: Array, node: Node | None) -> "Tensor":
        t = cls.__new__(cls)
        t.data = data
        t.requires_grad = node is not None
        t.grad = None
        t._node = node
        return t

    # -- array protocol -------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def dtype(self) -> np.dtype[Any]:
        return self.data.dtype

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def is_leaf(self) -> bool:
        return self._node is None

    def __len__(self) -> int:
        return len(self.data)

    def __array__(self, dtype: DTypeLike | None = None, copy: bool | None = None) -> Array:
        if dtype is None:
            return self.data
        return self.data.astype(dtype, copy=False)

    def numpy(self) -> Array:
        """The underlying array (not a copy)."""
        return self.data

    def item(self) -> Any:
        return self.data.item()

    def tolist(self) -> Any:
        return self.data.tolist()

    def detach(self) -> "Tensor":
        """The same data, cut off from the graph."""
        return Tensor._from_op(self.data, None)

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="tensor(")
        extra = ""
        if self.data.dtype != np.float64 and np.issubdtype(self.data.dtype, np.floating):
            extra = f", dtype={self.data.dtype}"
        if self._node is not None:
            extra += f", grad_fn={self._node.name}"
        elif self.requires_grad:
            extra += ", requires_grad=True"
        return f"tensor({body}{extra})"

    def __bool__(self) -> bool:
        if self.data.size != 1:
            raise AmbiguousError(
                f"Boolean value of Tensor with more than one value is ambiguous (shape "
                f"{self.data.shape}): use .all() or .any()")
        return bool(self.data)

    def __float__(self) -> float:
        return float(self.data)

    def __int__(self) -> int:
        return int(self.data)

    # -- differentiation ------------------------------------------------------------------
    def backward(self, gradient: TensorLike | None = None) -> None:
        """Accumulate d(self)/d(leaf) into ``leaf.grad`` for every leaf that requires it.

        ``gradient`` is the cotangent of ``self``; it may be omitted for a one-element
        tensor (a loss), where it is 1.
        """
        if not self.requires_grad:
            raise GradientError(
                "backward: this tensor does not require grad (no input of the computation "
                "had requires_grad=True, or it was computed under no_grad)"
            )
        if gradient is None:
            if self.data.size != 1:
                raise GradientError(
                    f"backward: gradient can be implied only for a one-element output; "
                    f"this one has shape {self.data.shape} (pass gradient=...)"
                )
            one = np.array(1, self.data.dtype)
            found = _sweep(self, one.reshape(self.data.shape) if self.data.ndim else one)
        else:
            found = backprop(self, gradient)
        for leaf, g in found.values():
            if leaf.grad is None:
                leaf.grad = g if g.flags.writeable else g.copy()
            else:
                leaf.grad = leaf.grad + g


def tensor(data: TensorLike, requires_grad: bool = False,
           dtype: DTypeLike | None = None) -> Tensor:
    """Make a :class:`Tensor` (the dtype follows NumPy's inference unless given)."""
    return Tensor(data, requires_grad=requires_grad, dtype=dtype)


_REAL_KINDS = "biuf"  # bool, signed and unsigned integers, floating point


def as_numeric(data: object, op: str, name: str, dtype: DTypeLike | None = None) -> Array:
    """``data`` as an array of real numbers, or a :class:`BackpropError` naming ``op`` and
    ``name``: the one check that keeps strings, objects, complex numbers and ragged lists
    out of every rule. Bool counts as the integers 0 and 1."""
    if isinstance(data, Tensor):
        data = data.data
    try:
        arr = np.asarray(data, dtype=dtype)
    except (ValueError, TypeError, OverflowError) as e:
        raise BackpropError(f"{op}: {name} cannot be read as an array of numbers "
                            f"({type(data).__name__}): {e}") from None
    if arr.dtype.kind not in _REAL_KINDS:
        raise DTypeError(f"{op}: {name} has dtype {arr.dtype} (shape {arr.shape}); expected "
                         f"real numbers (bool, integer or floating point)")
    return arr


def _as_input(a: object, op: str, names: Callable[[int], str], k: int) -> Operand:
    """Positional argument ``k`` of a primitive as its array. Python numbers pass unchanged
    so that they stay "weak" in NumPy's promotion (float32 · 2 stays float32); bool arrays
    become int64 so that every rule may subtract and negate them."""
    if isinstance(a, Tensor):
        a = a.data
    elif isinstance(a, (int, float)):  # bool is an int
        return a
    if type(a) is np.ndarray and a.dtype.kind in "fiu":  # the common case
        return a
    a = as_numeric(a, op, names(k))
    return a.astype(np.int64) if a.dtype.kind == "b" else a


def _positional_names(fwd: Forward) -> Callable[[int], str]:
    """Names of the positional arguments of ``fwd`` for error messages."""
    params = [p for p in inspect.signature(fwd).parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]

    def name(k: int) -> str:
        if k < len(params) and params[k].kind != params[k].VAR_POSITIONAL:
            return f"argument {params[k].name!r}"
        var = params[-1].name if params and params[-1].kind == params[-1].VAR_POSITIONAL else "args"
        return f"{var}[{k - len(params) + 1}]"

    return name


class Primitive(Protocol):
    """A recorded operation, as :func:`primitive` makes it: positional arguments are the
    differentiable inputs (tensors, arrays or numbers), keyword arguments its options; the
    result is a Tensor. ``forward`` is the rule it wraps."""

    __name__: str
    forward: Forward
    is_primitive: bool

    def __call__(self, *args: TensorLike, **options: Any) -> Tensor: ...


@overload
def primitive(fwd: Forward, *, name: str | None = None) -> Primitive: ...


@overload
def primitive(fwd: None = None, *,
              name: str | None = None) -> Callable[[Forward], Primitive]: ...


def primitive(fwd: Forward | None = None, *,
              name: str | None = None) -> Primitive | Callable[[Forward], Primitive]:
    """Turn ``fwd(*arrays, **options) -> (out, vjp)`` into a recorded operation.

    Positional arguments are the differentiable inputs (Tensors, arrays or numbers);
    keyword arguments are options. ``vjp(g, needs)`` receives the output cotangent and a
    tuple saying which positional arguments need a cotangent, and returns one per
    positional argument (``None`` for those not needed). Nothing is recorded, and the VJP
    closure is dropped, when no argument requires grad or under :func:`no_grad`.

    Every positional argument is checked here, for every rule: real numbers only (else a
    :class:`~backprop.errors.DTypeError` naming the op, the argument and its shape). The
    output is always an ndarray, also for 0-d results.
    """

    def wrap(fwd: Forward) -> Primitive:
        op_name = name or fwd.__name__
        arg_name = _positional_names(fwd)

        @functools.wraps(fwd)
        def call(*args: TensorLike, **kwargs: Any) -> Tensor:
            # The common arguments (a tensor or ndarray of numbers, a Python number) pass
            # with a type test each; anything else goes through the full check once.
            arrays: list[Operand] = []
            needs: list[bool] = []
            for a in args:
                if isinstance(a, Tensor):
                    needs.append(a.requires_grad)
                    a = a.data
                else:
                    needs.append(False)
                if type(a) is not np.ndarray or a.dtype.kind not in "fiu":
                    a = _as_input(a, op_name, arg_name, len(arrays))
                arrays.append(a)
            try:
                out, vjp = fwd(*arrays, **kwargs)
            except OverflowError as e:  # a Python number that does not fit an integer dtype
                dtypes = ", ".join(str(getattr(a, "dtype", type(a).__name__)) for a in arrays)
                raise BackpropError(f"{op_name}: a number does not fit the dtype of the other "
                                    f"arguments ({dtypes}): {e}") from None
            if type(out) is not np.ndarray:
                out = np.asarray(out)
            if True in needs and _grad_mode.enabled:
                return Tensor._from_op(out, Node(op_name, vjp, args, tuple(needs)))
            return Tensor._from_op(out, None)

        recorded = cast(Primitive, call)  # a function with the two attributes set below
        recorded.forward = fwd
        recorded.is_primitive = True
        return recorded

    return wrap(fwd) if fwd is not None else wrap


def backprop(root: Tensor, gradient: TensorLike,
             retain: dict[int, Array] | None = None) -> dict[int, tuple[Tensor, Array]]:
    """Reverse sweep from ``root`` with cotangent ``gradient``.

    Returns ``{id(leaf): (leaf, d root / d leaf contracted with gradient)}`` for every leaf
    reached that requires grad. Cotangents of intermediate tensors are freed as soon as
    their node has been processed — unless ``retain`` is a dict: then every tensor's
    cotangent is also kept there, by ``id`` (the computation graph shows them all).
    """
    g0 = as_numeric(gradient, "backward", "gradient").astype(root.data.dtype, copy=False)
    if g0.shape != root.data.shape:
        raise ShapeError(
            f"backward: gradient has shape {g0.shape} but the output has shape {root.data.shape}"
        )
    return _sweep(root, g0, retain)


def _sweep(root: Tensor, g0: Array,
           retain: dict[int, Array] | None = None) -> dict[int, tuple[Tensor, Array]]:
    """The reverse sweep proper, ``g0`` already checked.

    Tensors wait in a heap keyed by the recording order of their nodes, latest first: a node
    is recorded after every node that made one of its arguments, so when a tensor leaves the
    heap every node that uses it has already added its share of its cotangent. One pass, no
    separate topological sort; a cotangent is dropped as soon as its node's VJP has run.
    """
    leaves: dict[int, tuple[Tensor, Array]] = {}
    node = root._node
    if node is None:
        leaves[id(root)] = (root, g0)
        return _leaf_dtypes(leaves, retain)
    pending: dict[int, list[Any]] = {node.order: [root, g0]}  # order → [tensor, cotangent]
    heap = [-node.order]
    pop, push = heapq.heappop, heapq.heappush
    t: Tensor
    g: Array
    p: Tensor  # a parent that needs a cotangent is a Tensor (``needs`` says which)
    while heap:
        t, g = pending.pop(-pop(heap))
        if retain is not None:
            retain[id(t)] = g
        node = t._node
        assert node is not None  # only tensors made by a recorded call wait in the heap
        needs = node.needs
        grads = node.vjp(g, needs)
        for p, need, gp in zip(node.parents, needs, grads):
            if not need:
                continue
            if gp is None:
                raise NotImplementedError(
                    f"{node.name}: no gradient rule for one of its arguments (shape {p.shape})"
                )
            if gp.shape != p.data.shape:
                raise RuntimeError(
                    f"{node.name}: VJP returned a gradient of shape {gp.shape} for an "
                    f"argument of shape {p.data.shape} (a bug in the rule)"
                )
            pn = p._node
            if pn is None:
                key = id(p)
                prev = leaves.get(key)
                leaves[key] = (p, gp if prev is None else prev[1] + gp)
                continue
            entry = pending.get(pn.order)
            if entry is None:
                pending[pn.order] = [p, gp]
                push(heap, -pn.order)
            else:
                entry[1] = entry[1] + gp
    return _leaf_dtypes(leaves, retain)


def _leaf_dtypes(leaves: dict[int, tuple[Tensor, Array]],
                 retain: dict[int, Array] | None = None) -> dict[int, tuple[Tensor, Array]]:
    """Each leaf's gradient in the leaf's dtype (a rule may hand back a wider one)."""
    for key, (t, g) in leaves.items():
        if retain is not None:
            retain[key] = g
        if g.dtype != t.data.dtype:
            leaves[key] = (t, g.astype(t.data.dtype))
    return leaves
