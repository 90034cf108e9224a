"""What a layer declares about itself, beside its class: the one place per layer.

A :class:`Layer` is a :class:`Module` that also says

- ``grammar``: its names in the architecture grammar (``"linear(10) relu"``); the first is
  the one written back when a model's spec is inferred from its layers;
- :meth:`from_spec` / :meth:`spec_args`: how it is built from an input shape and the spec's
  arguments, and the arguments that rebuild it;
- :meth:`output_shape`: the shape it produces for an input shape (no batch axis), and
  :meth:`input_shape` / ``any_shape``: what it asks of its input;
- its initialisation: an activation declares its ``gain`` (and ``fan``: ``"fan_in"`` for He,
  ``"fan_avg"`` for Xavier); a weighted layer re-initialises itself for it in
  :meth:`init_for`; a layer with ``init_passes`` (pooling, dropout, flatten, identity) lets
  the weighted layer before it see the activation after it;
- :meth:`to_onnx`: the ONNX node(s) it becomes, written into an :class:`OnnxGraph`-like
  builder (``g.x`` the current tensor name, ``g.node``, ``g.const``);
- :meth:`to_torch`: its PyTorch twin, built from ``torch.nn``;
- ``formula``: the :class:`~backprop.nn.formula.Formula` ``backprop trace`` prints for it —
  forward, input-gradient and parameter-gradient templates (plain and LaTeX) and, where the
  backward pass has a short closed form, that form in NumPy. The trace runs in eval mode
  (dropout is the identity, batch norm uses its running statistics), so the formula is the
  eval-mode one.

Everything else — :func:`backprop.models.build_model`, ONNX export, the torch twin, the
trace, the initialisation rule, :func:`backprop.nn.init.calculate_gain`, the CLI's
``--activation`` choices — reads these declarations through :func:`registry`. No other module
switches on a layer's type. ``docs/architecture.md`` says how to add one.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, Callable, ClassVar, Iterable, Protocol, Sequence, Union

import numpy as np

from ..engine import Array
from ..errors import BackpropError, SpecError
from ..registry import subclasses
from .formula import Formula
from .module import Module

__all__ = ["Layer", "registry", "activations", "spec_of", "input_shape_of", "check_rank",
           "compact", "SpecValue", "SpecArgs", "OnnxBuilder"]

SpecValue = Union[int, float, str, None, tuple["SpecValue", ...]]
"""A value in an architecture string: a number, a word, None, or a tuple of them."""
SpecArgs = tuple[tuple[SpecValue, ...], dict[str, SpecValue]]
"""The positional and keyword arguments of a layer's call in an architecture string."""


class OnnxBuilder(Protocol):
    """What a layer's :meth:`Layer.to_onnx` writes into (``backprop.onnx`` makes one): ``x``
    is the current tensor's name, ``node`` appends a node whose output becomes ``x``,
    ``const`` adds an initializer and returns its name, ``dtype`` is the model's float type
    and ``opset`` the ONNX opset being written."""

    x: str
    dtype: np.dtype[Any]
    opset: int

    def node(self, op: str, inputs: list[str], prefix: str, **attrs: Any) -> str: ...

    def const(self, name: str, value: Array) -> str: ...


class Layer(Module):
    """A module that declares its grammar name, shapes, init, ONNX export, torch twin and
    trace formula."""

    grammar: ClassVar[tuple[str, ...]] = ()
    gain: ClassVar[float | None] = None   # set by elementwise activations only
    fan: ClassVar[str] = "fan_avg"        # "fan_in" (He et al.) or "fan_avg" (Glorot & Bengio)
    init_passes: ClassVar[bool] = False   # init looks through this layer to the activation
    any_shape: ClassVar[bool] = False     # takes inputs of any shape (activations, flatten)
    formula: ClassVar[Formula | None] = None  # what `backprop trace` prints (nn/formula.py)

    # -- grammar --------------------------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], *args: Any, **kwargs: Any) -> "Layer":
        """The layer for inputs of ``in_shape`` (no batch axis) and the spec's arguments:
        by default the constructor's. A layer whose grammar differs (``linear(N)`` takes no
        in_features: the input shape gives them) overrides this with its arguments spelled
        out and annotated."""
        return cls(*args, **kwargs)

    @classmethod
    def grammar_arguments(cls) -> Callable[..., Any]:
        """The function whose annotated parameters (after the first) are the grammar's
        arguments and their types (``int``, ``float``, ``bool``, ``str``, ``tuple``,
        ``None`` and unions): an overriding :meth:`from_spec`, else the constructor."""
        below = cls.__mro__[:cls.__mro__.index(Layer)]  # the classes between cls and Layer
        if any("from_spec" in vars(k) for k in below):
            return cls.from_spec
        return cls.__init__

    def spec_args(self) -> SpecArgs:
        """``(args, kwargs)`` that rebuild this layer through :meth:`from_spec`."""
        return (), {}

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(in_shape)

    def input_shape(self) -> tuple[int, ...] | None:
        """The input shape this layer fixes by itself (``Linear``: its in_features), if any."""
        return None

    def multiply_adds(self, in_shape: tuple[int, ...]) -> int:
        """The work of one sample's forward pass, in multiply-adds, for the size checks made
        before a model runs (:class:`backprop.models.Limits`). By default each input and
        output value once (elementwise layers, reshapes, normalisation); a layer that does
        more per value (linear, convolution, pooling) declares its own count."""
        return math.prod(in_shape) + math.prod(self.output_shape(in_shape))

    # -- initialisation -------------------------------------------------------------------
    def init_gain(self) -> float | None:
        """The gain this activation instance asks for: the declared ``gain``, unless its
        arguments change it (LeakyReLU's slope)."""
        return self.gain

    def init_for(self, activation: "Layer") -> None:
        """Re-initialise the weights for the activation (instance) the data meets next
        (weighted layers override; a layer without weights has nothing to do)."""

    # -- other frameworks -----------------------------------------------------------------
    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        raise BackpropError(f"onnx export: {type(self).__name__} declares no ONNX export")

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        """The ``torch.nn`` module (``tnn``) equivalent to this layer; typed Any, as torch
        is optional and its classes are not imported here."""
        raise BackpropError(f"to_torch: {type(self).__name__} declares no torch twin")


def registry() -> dict[str, type[Layer]]:
    """Grammar name → layer class, for every :class:`Layer` subclass that declares names
    (read from the class itself, so an inherited ``grammar`` does not count twice)."""
    table: dict[str, type[Layer]] = {}
    for cls in subclasses(Layer):
        for name in vars(cls).get("grammar", ()):
            if name in table and table[name] is not cls:
                raise BackpropError(f"layer name {name!r} is declared by both "
                                    f"{table[name].__name__} and {cls.__name__}")
            table[name] = cls
    return table


def activations() -> dict[str, type[Layer]]:
    """The elementwise activations (layers declaring a ``gain``) by grammar name."""
    return {name: cls for name, cls in registry().items()
            if vars(cls).get("gain") is not None and name == cls.grammar[0]}


def _literal(v: SpecValue) -> str:
    if isinstance(v, tuple):  # no spaces: a spec is split on whitespace
        return "(" + ",".join(_literal(a) for a in v) + ("," if len(v) == 1 else "") + ")"
    return repr(v) if isinstance(v, str) else str(v)


def spec_of(layers: Iterable[Module]) -> str:
    """The architecture string of a sequence of layers (each writes its own call)."""
    calls = []
    for i, m in enumerate(layers):
        names = vars(type(m)).get("grammar") if isinstance(m, Layer) else None
        if not isinstance(m, Layer) or not names:
            raise BackpropError(f"layer {i} ({type(m).__name__}) has no name in the "
                                f"architecture grammar")
        args, kwargs = m.spec_args()
        parts = [_literal(a) for a in args] + [f"{k}={_literal(v)}" for k, v in kwargs.items()]
        calls.append(f"{names[0]}({','.join(parts)})" if parts else names[0])
    return " ".join(calls)


def input_shape_of(layers: Iterable[Module]) -> tuple[int, ...] | None:
    """The input shape fixed by the first layer that fixes one, looking through the layers
    that take any shape (activations, dropout, flatten: a flat input passes them unchanged).
    ``None`` when a layer that needs more (a convolution's spatial size) comes first."""
    for m in layers:
        if not isinstance(m, Layer):
            return None
        shape = m.input_shape()
        if shape is not None:
            return shape
        if not m.any_shape:
            return None
    return None


# -- helpers shared by the layers' declarations ---------------------------------------------
def check_rank(in_shape: Sequence[int], nd: int, what: str) -> None:
    """Convolution and pooling need (channels, *spatial) inputs; say which layout."""
    if len(in_shape) != nd + 1:
        layout = "(channels, length)" if nd == 1 else "(channels, height, width)"
        raise SpecError(f"{what} needs an input of shape {layout}, got shape {tuple(in_shape)}")


def compact(v: SpecValue) -> SpecValue:
    """(3, 3) → 3 for writing a spec back; strings and uneven tuples as they are."""
    if isinstance(v, tuple) and v and all(a == v[0] for a in v) and isinstance(v[0], int):
        return v[0]
    return v
