"""Module, Parameter and Sequential: containers that own parameters and call functional ops.

Names, methods and ``state_dict`` keys follow torch.nn (``0.weight``, ``train()``/``eval()``,
``zero_grad``, ``apply``, ``to``/``double``/``float``, buffers such as BatchNorm's
``running_mean``), so a PyTorch user's habits — and a PyTorch state dict — carry over.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Callable, Iterator, Mapping, overload

import numpy as np
from numpy.typing import DTypeLike

from ..engine import Array, Tensor, TensorLike
from ..errors import ArgumentTypeError, BackpropError, CheckpointError, ShapeError
from ..limits import check_allocation
from ..tensor_methods import resolve_to


# Parameter elements that may still be created in the current parameter_budget block.
_budget: ContextVar[int | None] = ContextVar("parameter_budget", default=None)


class BudgetExceeded(ShapeError):
    """A parameter would exceed the :func:`parameter_budget` of the block it is made in."""

    def __init__(self, shape: tuple[int, ...], left: int) -> None:
        super().__init__(f"a parameter of shape {shape} would exceed the budget ({left} more "
                         f"parameter values allowed)")
        self.shape, self.left = shape, left


@contextmanager
def parameter_budget(limit: int) -> Iterator[None]:
    """Inside the block, refuse to create more than ``limit`` parameter elements in all
    (nested blocks keep the smaller budget). Checked when each Parameter is made, before its
    initialiser writes to it, so an absurd architecture costs no memory."""
    outer = _budget.get()
    token = _budget.set(limit if outer is None else min(limit, outer))
    try:
        yield
    finally:
        _budget.reset(token)


class Parameter(Tensor):
    """A Tensor that a Module owns and an optimiser updates (requires_grad by default)."""

    __slots__ = ()

    def __init__(self, data: TensorLike, requires_grad: bool = True,
                 dtype: DTypeLike | None = None) -> None:
        left = _budget.get()
        if left is not None:
            if np.size(data) > left:
                raise BudgetExceeded(np.shape(data), left)
            _budget.set(left - np.size(data))
        super().__init__(data, requires_grad=requires_grad, dtype=dtype)

    @classmethod
    def empty(cls, shape: tuple[int, ...], dtype: DTypeLike = np.float32, *,
              op: str = "Parameter", what: str = "parameter") -> "Parameter":
        """An uninitialised parameter for an initialiser to fill, its size checked against
        the :func:`parameter_budget` and then the memory budget
        (:func:`backprop.limits.check_allocation`; ``op`` and ``what`` name the layer and
        the parameter in its message) before its memory is reserved."""
        left = _budget.get()
        if left is not None and math.prod(shape) > left:
            raise BudgetExceeded(tuple(shape), left)
        # the initialisers draw in float64 before casting: that array is the largest
        check_allocation(op, f"{what} (drawn in float64 by its initialiser)", shape,
                         np.promote_types(dtype, np.float64))
        return cls(np.empty(shape, dtype))

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()


def parameter_dtype(module: "Module") -> np.dtype[Any]:
    """The float type of a module's parameters (float32 for a module without any)."""
    for p in module.parameters():
        return p.data.dtype
    return np.dtype(np.float32)


class Module:
    """Base class: assign Parameters and Modules as attributes and they are registered."""

    _parameters: OrderedDict[str, Parameter]
    _modules: OrderedDict[str, Module]
    _buffers: OrderedDict[str, Tensor | None]
    _non_persistent: set[str]
    training: bool

    def __init__(self) -> None:
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent", set())
        object.__setattr__(self, "training", True)

    def __setattr__(self, name: str, value: Any) -> None:
        if "_parameters" not in self.__dict__:
            raise AttributeError("call Module.__init__() before assigning attributes")
        if name in self._buffers and not isinstance(value, (Parameter, Module)):
            self.register_buffer(name, value, name not in self._non_persistent)
            return
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        self._buffers.pop(name, None)
        if isinstance(value, Parameter):
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._modules[name] = value
        object.__setattr__(self, name, value)

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        if param is None:
            self._parameters.pop(name, None)
            object.__setattr__(self, name, None)
        else:
            setattr(self, name, param)

    def register_buffer(self, name: str, value: TensorLike | None,
                        persistent: bool = True) -> None:
        """State that is not a parameter (no gradient, not optimised) but belongs to the
        module: it follows ``to``/``double`` (if floating point) and, when ``persistent``,
        is saved in the ``state_dict`` (BatchNorm's running statistics)."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("call Module.__init__() before registering buffers")
        if value is not None and not isinstance(value, Tensor):
            value = Tensor(value)
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        self._buffers[name] = value
        if persistent:
            self._non_persistent.discard(name)
        else:
            self._non_persistent.add(name)
        object.__setattr__(self, name, value)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    # -- traversal ------------------------------------------------------------------------
    def named_children(self) -> Iterator[tuple[str, "Module"]]:
        yield from self._modules.items()

    def children(self) -> Iterator["Module"]:
        for _, m in self.named_children():
            yield m

    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, "Module"]]:
        yield prefix, self
        for name, m in self._modules.items():
            yield from m.named_modules(f"{prefix}.{name}" if prefix else name)

    def modules(self) -> Iterator["Module"]:
        for _, m in self.named_modules():
            yield m

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        for mod_name, m in self.named_modules(prefix):
            for name, p in m._parameters.items():
                yield (f"{mod_name}.{name}" if mod_name else name), p

    def parameters(self) -> Iterator[Parameter]:
        for _, p in self.named_parameters():
            yield p

    def named_buffers(self, prefix: str = "") -> Iterator[tuple[str, Tensor]]:
        for mod_name, m in self.named_modules(prefix):
            for name, b in m._buffers.items():
                if b is not None:
                    yield (f"{mod_name}.{name}" if mod_name else name), b

    def buffers(self) -> Iterator[Tensor]:
        for _, b in self.named_buffers():
            yield b

    def apply(self, fn: Callable[["Module"], object]) -> "Module":
        """Call ``fn`` on every submodule, children first, then on this one (as torch's,
        for example to initialise weights); returns self."""
        for m in self.children():
            m.apply(fn)
        fn(self)
        return self

    def num_parameters(self) -> int:
        return int(sum(p.data.size for p in self.parameters()))

    # -- modes and gradients --------------------------------------------------------------
    def train(self, mode: bool = True) -> "Module":
        for m in self.modules():
            object.__setattr__(m, "training", bool(mode))
        return self

    def eval(self) -> "Module":
        return self.train(False)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.parameters():
            if set_to_none or p.grad is None:
                p.grad = None
            else:
                p.grad[...] = 0

    def to(self, *args: Any, **kwargs: Any) -> "Module":
        """Cast every parameter and floating-point buffer to a dtype (``np.float64``,
        ``torch.float64``, …), in place; the device ``"cpu"`` is accepted and any other is an
        error, as backprop runs on the CPU. Returns self, as torch's."""
        dtype = resolve_to(f"{type(self).__name__}.to", *args, **kwargs)
        if dtype is None:
            return self
        if not np.issubdtype(dtype, np.floating):
            raise BackpropError(f"{type(self).__name__}.to: parameters must stay floating "
                                f"point, got {dtype}")
        for p in self.parameters():
            p.data = p.data.astype(dtype)
            p.grad = None
        for b in self.buffers():
            if np.issubdtype(b.data.dtype, np.floating):
                b.data = b.data.astype(dtype)
        return self

    def double(self) -> "Module":
        return self.to(np.float64)

    def cpu(self) -> "Module":
        return self

    def cuda(self, *args: Any, **kwargs: Any) -> "Module":
        return self.to("cuda")  # the one clear error: there is no other device

    def float(self) -> "Module":
        return self.to(np.float32)

    def requires_grad_(self, requires_grad: bool = True) -> "Module":
        """Switch gradients of every parameter on or off (to freeze part of a model)."""
        for p in self.parameters():
            p.requires_grad = bool(requires_grad)
        return self

    # -- state ----------------------------------------------------------------------------
    def _named_state(self) -> Iterator[tuple[str, Tensor]]:
        """Parameters and persistent buffers, module by module (torch's state_dict order)."""
        for mod_name, m in self.named_modules():
            own: list[tuple[str, Tensor]] = list(m._parameters.items())
            own += [(n, b) for n, b in m._buffers.items()
                    if b is not None and n not in m._non_persistent]
            for name, t in own:
                yield (f"{mod_name}.{name}" if mod_name else name), t

    def state_dict(self) -> "OrderedDict[str, Array]":
        """Name → a copy of each parameter's and persistent buffer's array, in registration
        order (the buffers, such as ``running_mean``, after their module's parameters)."""
        return OrderedDict((n, t.data.copy()) for n, t in self._named_state())

    def load_state_dict(self, state: Mapping[str, TensorLike], strict: bool = True) -> None:
        """Copy arrays into the parameters and buffers, checking names and shapes.

        With ``strict`` every entry must be present and nothing else; the dtype of each
        parameter and buffer is kept (values are cast).
        """
        own = dict(self._named_state())
        missing = [k for k in own if k not in state]
        unexpected = [k for k in state if k not in own]
        if strict and (missing or unexpected):
            parts = []
            if missing:
                parts.append(f"missing {missing}")
            if unexpected:
                parts.append(f"unexpected {unexpected}")
            raise CheckpointError("load_state_dict: " + "; ".join(parts))
        for name, p in own.items():
            if name not in state:
                continue
            given = state[name]
            value = np.asarray(given.data if isinstance(given, Tensor) else given)
            if value.shape != p.data.shape:
                raise CheckpointError(
                    f"load_state_dict: {name} has shape {value.shape} in the state but "
                    f"{p.data.shape} in the model"
                )
            p.data = value.astype(p.data.dtype, copy=True)

    # -- display --------------------------------------------------------------------------
    def extra_repr(self) -> str:
        return ""

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__}({self.extra_repr()}"]
        if self._modules:
            lines[0] = f"{type(self).__name__}("
            for name, m in self._modules.items():
                child = repr(m).replace("\n", "\n  ")
                lines.append(f"  ({name}): {child}")
            lines.append(")")
            return "\n".join(lines)
        return lines[0] + ")"


class Sequential(Module):
    """Modules applied in order; children are named "0", "1", … as in torch.nn, or by the
    keys of one ``OrderedDict`` argument."""

    @overload
    def __init__(self, modules: dict[str, Module], /) -> None: ...

    @overload
    def __init__(self, *modules: Module) -> None: ...

    def __init__(self, *modules: Module | dict[str, Module]) -> None:
        super().__init__()
        first = modules[0] if len(modules) == 1 else None
        named = (first.items() if isinstance(first, dict)
                 else ((str(i), m) for i, m in enumerate(modules)))
        for name, m in named:
            if not isinstance(m, Module):
                raise ArgumentTypeError(f"Sequential: {name!r} is a {type(m).__name__}, not a "
                                        f"Module")
            setattr(self, str(name), m)

    def append(self, module: Module) -> "Sequential":
        setattr(self, str(len(self._modules)), module)
        return self

    def __getitem__(self, i: int | slice) -> Module:
        if isinstance(i, slice):
            return Sequential(OrderedDict(list(self._modules.items())[i]))
        return list(self._modules.values())[i]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def forward(self, x: Any) -> Any:
        for m in self._modules.values():
            x = m(x)
        return x
