"""Models by name or by a short architecture string.

A spec is a whitespace-separated list of layers, each a name with optional arguments::

    conv(32,8,stride=2,padding=3) relu maxpool(2) conv(64,3,padding=1) flatten linear(10)

Input sizes are inferred layer to layer from the input shape, so a layer names only what
it produces (``linear(N)``: N outputs; ``conv(F,K,...)``: F filters of size K). Arguments
are numbers, words (``padding=same`` is the string 'same') and tuples, never evaluated, and
each must have exactly the type its layer declares (``linear(1.5)`` is refused, not
rounded). The reference models
are specs too: ``mlp`` (the two-layer network of SPEC §1) and ``lenet5``.

Linear and convolution layers followed by ``relu`` get He initialisation; those followed by
``sigmoid``, ``tanh`` or ``softplus`` get Xavier; others keep torch's default.
"""

from __future__ import annotations

import inspect
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import nn
from .errors import SpecError
from .nn.module import parameter_budget

__all__ = ["build_model", "parse_spec", "check_arguments", "check_shape", "model_spec", "LAYERS",
           "REFERENCE_MODELS"]


@dataclass
class LayerCall:
    name: str
    args: tuple
    kwargs: dict
    column: int  # 1-based position in the spec, for error messages

    def __str__(self) -> str:
        parts = [_show(a) for a in self.args] + [f"{k}={_show(v)}" for k, v in self.kwargs.items()]
        return f"{self.name}({','.join(parts)})" if parts else self.name


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


MAX_SPEC_LENGTH = 4000
MAX_DIGITS = 18     # an integer argument beyond this is no size any model could have
MAX_NESTING = 2     # kernel=(3,3) nests once; nothing in the grammar nests deeper
_TOKEN = re.compile(r"""\s*(?:(?P<arrow>->)
    |(?P<number>[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<name>[A-Za-z_]\w*)
    |(?P<string>'[^']*'|"[^"]*")
    |(?P<punct>[(),=;])
    |(?P<other>\S))""", re.VERBOSE | re.ASCII)
_WORDS = {"True": True, "False": False, "None": None}


class _Tokens:
    """The spec as (kind, text, column) tokens, read front to back by the parser."""

    def __init__(self, spec: str):
        self.spec = spec
        self.items = [(m.lastgroup, m.group(m.lastgroup), m.start(m.lastgroup) + 1)
                      for m in _TOKEN.finditer(spec)]
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.items[self.i] if self.i < len(self.items) else ("end", "", len(self.spec) + 1)

    def take(self) -> tuple[str, str, int]:
        token = self.peek()
        self.i += 1
        return token

    def error(self, column: int, why: str) -> SpecError:
        return SpecError(f"spec: column {column}: {why} in {_clip(self.spec)!r}")


def _clip(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _number(text: str, column: int, tokens: _Tokens) -> int | float:
    if re.fullmatch(r"[+-]?\d+", text):
        if len(text.lstrip("+-")) > MAX_DIGITS:
            raise tokens.error(column, f"the number {_clip(text, 20)} is too large")
        return int(text)
    value = float(text)
    if not math.isfinite(value):
        raise tokens.error(column, f"{_clip(text, 20)} is not a finite number")
    return value


def _value(tokens: _Tokens, depth: int = 0) -> Any:
    kind, text, column = tokens.take()
    if kind == "number":
        return _number(text, column, tokens)
    if kind == "name":
        return _WORDS.get(text, text)
    if kind == "string":
        return text[1:-1]
    if kind == "punct" and text == "(":
        if depth >= MAX_NESTING:
            raise tokens.error(column, "arguments nest too deeply")
        items = []
        while tokens.peek()[1] != ")":
            items.append(_value(tokens, depth + 1))
            if tokens.peek()[1] == ",":
                tokens.take()
            elif tokens.peek()[1] != ")":
                raise tokens.error(tokens.peek()[2], "expected ',' or ')' in a tuple")
        tokens.take()
        return tuple(items)
    found = repr(text) if text else "the end"
    raise tokens.error(column, f"expected an argument (a number, a word or a tuple), found {found}")


def _arguments(tokens: _Tokens, name: str, column: int) -> tuple[tuple, dict]:
    args: list = []
    kwargs: dict = {}
    tokens.take()  # "("
    while tokens.peek()[1] != ")":
        kind, text, col = tokens.peek()
        if kind == "end":
            raise tokens.error(column, f"unclosed '(' after {name}")
        if kind == "name" and tokens.i + 1 < len(tokens.items) and \
                tokens.items[tokens.i + 1][1] == "=":
            tokens.take(), tokens.take()
            if text in kwargs:
                raise tokens.error(col, f"{name}: argument {text} given twice")
            kwargs[text] = _value(tokens, 1)
        elif kwargs:
            raise tokens.error(col, f"{name}: a positional argument after a keyword argument")
        else:
            args.append(_value(tokens, 1))
        if tokens.peek()[1] == ",":
            tokens.take()
        elif tokens.peek()[1] != ")":
            kind, text, col = tokens.peek()
            raise tokens.error(col, f"expected ',' or ')' after an argument of {name}, found "
                                    f"{repr(text) if text else 'the end'}")
    tokens.take()  # ")"
    return tuple(args), kwargs


def parse_spec(spec: str) -> list[LayerCall]:
    """Split a spec into layer calls; a malformed spec names the column where it goes wrong.

    Arguments are numbers (integers of at most 18 digits, finite decimals), words (a bare
    word or a quoted one is a string; True, False and None are themselves) and tuples of
    those; nothing is evaluated.
    """
    if not isinstance(spec, str):
        raise SpecError(f"spec: expected a string, got {type(spec).__name__}")
    if len(spec) > MAX_SPEC_LENGTH:
        raise SpecError(f"spec: {len(spec)} characters, more than the {MAX_SPEC_LENGTH} a "
                        f"model specification may have")
    tokens = _Tokens(spec)
    calls: list[LayerCall] = []
    while True:
        kind, text, column = tokens.take()
        if kind == "end":
            break
        if kind == "arrow" or text in (",", ";"):
            continue
        if kind != "name" or text in _WORDS:
            raise tokens.error(column, f"expected a layer name, found {text!r}")
        args, kwargs = ((), {})
        if tokens.peek()[1] == "(":
            args, kwargs = _arguments(tokens, text, column)
        calls.append(LayerCall(text.lower(), args, kwargs, column))
    if not calls:
        raise SpecError("spec: empty model specification")
    return calls


# -- argument types: each layer's factory annotates its arguments, and a spec argument must
# be of exactly that type (linear(1.5) or bias=foo are refused, never rounded or coerced).
def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return _is_int(v) or isinstance(v, float) and math.isfinite(v)


_ARGUMENT_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "int": ("an integer", _is_int),
    "float": ("a number", _is_number),
    "bool": ("True or False", lambda v: isinstance(v, bool)),
    "str": ("a word", lambda v: isinstance(v, str)),
    "tuple": ("a tuple of integers", lambda v: isinstance(v, tuple) and bool(v)
              and all(_is_int(e) for e in v)),
    "None": ("None", lambda v: v is None),
}


def check_arguments(factory: Callable, call: LayerCall) -> None:
    """Refuse arguments the layer does not take or of the wrong type, naming the argument.

    Types come from the factory's annotations (``int``, ``float``, ``bool``, ``str``,
    ``tuple`` — a tuple of integers — and unions of those); an unannotated argument must be
    a number."""
    sig = inspect.signature(factory)
    where = f"spec: column {call.column}: {call.name}"
    try:
        bound = sig.bind(None, *call.args, **call.kwargs)
    except TypeError as e:
        raise SpecError(f"{where}: {e}") from None
    for name, value in list(bound.arguments.items())[1:]:
        param = sig.parameters[name]
        if param.kind is param.VAR_KEYWORD:
            values = list(value.items())
        elif param.kind is param.VAR_POSITIONAL:
            values = [(str(i + 1), v) for i, v in enumerate(value)]
        else:
            values = [(name, value)]
        annotation = param.annotation if isinstance(param.annotation, str) else "float"
        if param.annotation is param.empty:
            annotation = "float"
        kinds = [_ARGUMENT_TYPES[t.strip()] for t in annotation.split("|")]
        for arg, v in values:
            if not any(ok(v) for _, ok in kinds):
                expected = " or ".join(what for what, _ in kinds)
                raise SpecError(f"{where}: argument {arg} must be {expected}, got {_show(v)}")


MAX_SAMPLE_ELEMENTS = 2**26   # values in one sample's input or any layer's output
MAX_PARAMETERS = 2**27        # parameters of a model built from a spec (512 MiB in float32)


def check_shape(shape: tuple, what: str) -> tuple[int, ...]:
    """A sample shape of positive integers, small enough to allocate."""
    if isinstance(shape, tuple):
        shape = tuple(int(s) if isinstance(s, np.integer) else s for s in shape)
    if not isinstance(shape, tuple) or not 0 < len(shape) <= 32 or not all(
            _is_int(s) and s > 0 for s in shape):
        raise SpecError(f"{what}: expected 1 to 32 positive integer sizes, got "
                        f"{_clip(str(shape))}")
    if math.prod(shape) > MAX_SAMPLE_ELEMENTS:
        raise SpecError(f"{what}: shape {shape} has {math.prod(shape)} values per sample, more "
                        f"than the {MAX_SAMPLE_ELEMENTS} a layer may take or produce")
    return shape


# A layer factory takes the input shape (without batch axis) and the call's arguments and
# returns the module and its output shape.
Factory = Callable[..., tuple[nn.Module, tuple[int, ...]]]
LAYERS: dict[str, Factory] = {}


def layer(*names: str) -> Callable[[Factory], Factory]:
    def register(f: Factory) -> Factory:
        for name in names:
            LAYERS[name] = f
        return f
    return register


@layer("linear", "dense")
def _linear(shape, out_features: int, bias: bool = True):
    if len(shape) != 1:
        raise SpecError(f"linear needs a flat input, got shape {shape} (add 'flatten' before it)")
    return nn.Linear(shape[0], int(out_features), bias=bool(bias)), (int(out_features),)


@layer("flatten")
def _flatten(shape):
    return nn.Flatten(), (int(np.prod(shape)),)


@layer("dropout")
def _dropout(shape, p: float = 0.5):
    return nn.Dropout(float(p)), shape


# -- convolution and pooling (issue 3): in_channels come from the input shape ---------------
def _spatial(shape, nd: int, what: str) -> None:
    if len(shape) != nd + 1:
        layout = "(channels, length)" if nd == 1 else "(channels, height, width)"
        raise SpecError(f"{what} needs an input of shape {layout}, got shape {shape}")


def _conv_factory(nd: int) -> Factory:
    from .functional import conv_output_shape

    module, what = (nn.Conv1d, "conv1d") if nd == 1 else (nn.Conv2d, "conv")

    def make(shape, filters: int, kernel: int | tuple, stride: int | tuple = 1,
             padding: int | tuple | str = 0, dilation: int | tuple = 1, groups: int = 1,
             bias: bool = True):
        _spatial(shape, nd, what)
        m = module(shape[0], int(filters), kernel, stride=stride, padding=padding,
                   dilation=dilation, groups=int(groups), bias=bool(bias))
        op = "conv1d" if nd == 1 else "conv2d"
        return m, conv_output_shape(shape, int(filters), kernel, stride, padding, dilation, op)

    return make


def _pool_factory(nd: int, kind: str) -> Factory:
    from .functional import pool_output_shape

    op = f"{kind}_pool{nd}d"
    module = {("max", 1): nn.MaxPool1d, ("max", 2): nn.MaxPool2d,
              ("avg", 1): nn.AvgPool1d, ("avg", 2): nn.AvgPool2d}[kind, nd]

    def make(shape, kernel: int | tuple = 2, stride: int | tuple | None = None,
             padding: int | tuple = 0, ceil_mode: bool = False, **kw: int | tuple | bool | None):
        _spatial(shape, nd, op)
        m = module(kernel, stride=stride, padding=padding, ceil_mode=bool(ceil_mode), **kw)
        return m, pool_output_shape(shape, kernel, stride, padding, kw.get("dilation", 1),
                                    bool(ceil_mode), op)

    return make


LAYERS["conv"] = LAYERS["conv2d"] = _conv_factory(2)
LAYERS["conv1d"] = _conv_factory(1)
LAYERS["maxpool"] = LAYERS["maxpool2d"] = _pool_factory(2, "max")
LAYERS["maxpool1d"] = _pool_factory(1, "max")
LAYERS["avgpool"] = LAYERS["avgpool2d"] = _pool_factory(2, "avg")
LAYERS["avgpool1d"] = _pool_factory(1, "avg")


def _activation(module: Callable[..., nn.Module]) -> Factory:
    return lambda shape, *a, **k: (module(*a, **k), shape)


for _name, _module in {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh,
                       "softplus": nn.Softplus, "identity": nn.Identity}.items():
    LAYERS[_name] = _activation(_module)

ACTIVATIONS = ("sigmoid", "tanh", "relu", "softplus")

REFERENCE_MODELS = {
    "mlp": "flatten linear({hidden}) {activation} linear({classes})",
    "lenet5": ("conv(6,5,padding=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
               "linear(120) relu linear(84) relu linear({classes})"),
}


def model_spec(name_or_spec: str, num_classes: int = 10, hidden: int | list[int] = 256,
               activation: str = "sigmoid") -> str:
    """The spec string of a reference model (``mlp`` with ``hidden`` sizes, ``lenet5``), or
    ``name_or_spec`` itself when it is already a spec."""
    if activation not in ACTIVATIONS:
        raise SpecError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    key = name_or_spec.strip().lower()
    if key == "mlp":
        sizes = [hidden] if isinstance(hidden, int) else list(hidden)
        if not sizes or any(h <= 0 for h in sizes):
            raise SpecError(f"mlp: hidden sizes must be positive, got {hidden}")
        body = " ".join(f"linear({h}) {activation}" for h in sizes)
        return f"flatten {body} linear({num_classes})"
    if key in REFERENCE_MODELS:
        return REFERENCE_MODELS[key].format(classes=num_classes)
    return name_or_spec


def build_model(spec: str, input_shape: tuple[int, ...], num_classes: int | None = None,
                **options: Any) -> nn.Sequential:
    """Build a :class:`nn.Sequential` from a reference name or spec for inputs of
    ``input_shape`` (no batch axis). The model remembers ``spec`` and ``input_shape``."""
    text = model_spec(spec, num_classes or 10, **options)
    calls = parse_spec(text)
    shape = check_shape(tuple(input_shape), "input_shape")
    modules = []
    with parameter_budget(MAX_PARAMETERS):
        for call in calls:
            factory = LAYERS.get(call.name)
            if factory is None:
                raise SpecError(f"spec: column {call.column}: unknown layer {call.name!r} "
                                f"(known: {', '.join(sorted(LAYERS))})")
            check_arguments(factory, call)
            try:
                module, shape = factory(shape, *call.args, **call.kwargs)
            except SpecError as e:
                raise SpecError(f"spec: column {call.column}: {call}: {e}") from None
            except (TypeError, ValueError, MemoryError) as e:
                raise SpecError(f"spec: column {call.column}: {call}: {e or 'out of memory'}"
                                ) from None
            check_shape(shape, f"spec: column {call.column}: {call}: output")
            modules.append(module)
    _initialise(modules, calls)
    model = nn.Sequential(*modules)
    model.spec = " ".join(str(c) for c in calls)
    model.input_shape = check_shape(tuple(input_shape), "input_shape")
    model.output_shape = shape
    if num_classes is not None and shape != (num_classes,):
        raise SpecError(f"spec: the model's output has shape {shape} but the data has "
                        f"{num_classes} classes (end the spec with linear({num_classes}))")
    return model


def _initialise(modules: list[nn.Module], calls: list[LayerCall]) -> None:
    for i, m in enumerate(modules):
        weight = getattr(m, "weight", None)
        if weight is None:
            continue
        following = next((c.name for c in calls[i + 1:] if c.name in ACTIVATIONS), None)
        nxt = calls[i + 1].name if i + 1 < len(calls) else None
        if nxt in ACTIVATIONS or (following and nxt in ("maxpool", "avgpool", "dropout")):
            nn.init.init_for(weight, following)
            if getattr(m, "bias", None) is not None:
                nn.init.zeros_(m.bias)
