"""Models by name or by a short architecture string.

A spec is a whitespace-separated list of layers, each a name with optional arguments::

    conv(32,8,stride=2,padding=3) relu maxpool(2) conv(64,3,padding=1) flatten linear(10)

Input sizes are inferred layer to layer from the input shape, so a layer names only what
it produces (``linear(N)``: N outputs; ``conv(F,K,...)``: F filters of size K). Arguments
are numbers, words (``padding=same`` is the string 'same') and tuples, never evaluated, and
each must have exactly the type its layer declares (``linear(1.5)`` is refused, not
rounded). The reference models are specs too: ``mlp`` (flatten, one hidden layer of 800
relu units, a linear output) and ``lenet5``.

The grammar is not listed here: each layer class in :mod:`backprop.nn` declares its names,
how it is built from the input shape and the arguments, and its initialisation
(:mod:`backprop.nn.layer`); this module reads those declarations.
"""

from __future__ import annotations

import inspect
import math
import re
import weakref
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from . import nn
from .errors import BackpropError, SpecError
from .nn.module import BudgetExceeded, parameter_budget

__all__ = ["build_model", "Limits", "check_limits", "parse_spec", "argument_types", "check_arguments", "check_shape", "model_spec",
           "layers", "activations", "initialise", "architecture", "Architecture",
           "REFERENCE_MODELS", "MLP_HIDDEN", "MLP_ACTIVATION"]


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


# -- argument types: each layer's from_spec annotates its arguments, and a spec argument must
# be of exactly that type (linear(1.5) or bias=foo are refused, never rounded or coerced).
def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return _is_int(v) or isinstance(v, float) and math.isfinite(v)


_TUPLE: tuple[str, Callable[[Any], bool]] = (
    "a tuple of integers",
    lambda v: isinstance(v, tuple) and bool(v) and all(_is_int(e) for e in v))
_ARGUMENT_TYPES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "int": ("an integer", _is_int),
    "float": ("a number", _is_number),
    "bool": ("True or False", lambda v: isinstance(v, bool)),
    "str": ("a word", lambda v: isinstance(v, str)),
    "tuple[int, ...]": _TUPLE,
    "None": ("None", lambda v: v is None),
}
_SPELLINGS = {**_ARGUMENT_TYPES, "tuple": _TUPLE}  # a bare tuple is read as tuple[int, ...]


def argument_types(factory: Callable) -> dict[str, list[tuple[str, Callable[[Any], bool]]]]:
    """The grammar type of each parameter of ``factory`` after the first (the input shape
    or self): its annotation (a string under ``from __future__ import annotations``, else
    the type itself) read as a union of ``int``, ``float``, ``bool``, ``str``,
    ``tuple[int, ...]`` (or ``tuple``) and ``None``; unannotated means a number. Any other annotation is the layer author's mistake
    and raises a :class:`BackpropError` naming the factory and the parameter."""
    types = {}
    for param in list(inspect.signature(factory).parameters.values())[1:]:
        ann = param.annotation
        text = ("float" if ann is param.empty else ann if isinstance(ann, str)
                else ann.__name__ if isinstance(ann, type) else str(ann))
        names = [t.strip().replace("NoneType", "None") for t in text.split("|")]
        unknown = [t for t in names if t not in _SPELLINGS]
        if unknown:
            raise BackpropError(f"{factory.__qualname__}: grammar argument {param.name!r} is "
                                f"annotated {text!r}; the architecture grammar knows only "
                                f"{', '.join(_ARGUMENT_TYPES)} and unions of them")
        types[param.name] = [_SPELLINGS[t] for t in names]
    return types


def check_arguments(factory: Callable, call: LayerCall) -> None:
    """Refuse arguments the layer does not take or of the wrong type, naming the argument.

    Types come from the factory's annotations (see :func:`argument_types`)."""
    sig = inspect.signature(factory)
    where = f"spec: column {call.column}: {call.name}"
    try:
        bound = sig.bind(None, *call.args, **call.kwargs)
    except TypeError as e:
        raise SpecError(f"{where}: {e}") from None
    types = argument_types(factory)
    for name, value in list(bound.arguments.items())[1:]:
        param = sig.parameters[name]
        if param.kind is param.VAR_KEYWORD:
            values = list(value.items())
        elif param.kind is param.VAR_POSITIONAL:
            values = [(str(i + 1), v) for i, v in enumerate(value)]
        else:
            values = [(name, value)]
        kinds = types[name]
        for arg, v in values:
            if not any(ok(v) for _, ok in kinds):
                expected = " or ".join(what for what, _ in kinds)
                raise SpecError(f"{where}: argument {arg} must be {expected}, got {_show(v)}")


MAX_SAMPLE_ELEMENTS = 2**26   # values in one sample's input or any layer's output
MAX_PARAMETERS = 2**24        # parameters of a model built from a spec (64 MiB in float32;
#                               training one on MNIST with Adam, checkpoints included, stays
#                               well under the 2 GB a small input may cost)


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


@dataclass(frozen=True)
class Limits:
    """How big a model built from a spec may be, checked layer by layer while it is built
    and before anything runs: its ``parameters`` (a parameter beyond them is refused before
    its initialiser writes to it), the ``values`` of one sample's input and of each layer's
    output, the ``multiply_adds`` of one sample's forward pass, as each layer declares them
    (``Layer.multiply_adds``), and the ``activations``, all the layers' outputs together,
    which a trace keeps (None: unbounded)."""

    parameters: int = MAX_PARAMETERS
    values: int = MAX_SAMPLE_ELEMENTS
    multiply_adds: int | None = None
    activations: int | None = None  # the values of all the layers' outputs together

    def describe(self) -> str:
        work = (f" and {self.multiply_adds:,} multiply-adds per sample"
                if self.multiply_adds is not None else "")
        return (f"at most {self.parameters:,} parameters, {self.values:,} values per "
                f"layer{work}")


def layers() -> dict[str, type[nn.Layer]]:
    """The architecture grammar: name → layer class, read from the classes' declarations
    (``grammar`` beside each class in ``backprop.nn``). A class whose grammar arguments
    carry an annotation the grammar cannot check is refused here, when it first appears."""
    table = nn.layer.registry()
    for cls in set(table.values()).difference(_CHECKED):
        argument_types(cls.grammar_arguments())
        _CHECKED.add(cls)
    return table


_CHECKED: weakref.WeakSet = weakref.WeakSet()  # layer classes whose annotations were read


def activations() -> tuple[str, ...]:
    """The elementwise activations a hidden layer can use (layers declaring a gain)."""
    return tuple(nn.layer.activations())


# The one multilayer perceptron: ``backprop train``, ``build_model("mlp")``, ``summary mlp``
# and the scikit-learn estimator all mean this network unless told otherwise.
MLP_HIDDEN = (800,)
MLP_ACTIVATION = "relu"

REFERENCE_MODELS = {
    "mlp": "flatten linear({hidden}) {activation} linear({classes})",
    "lenet5": ("conv(6,5,padding=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
               "linear(120) relu linear(84) relu linear({classes})"),
}


def model_spec(name_or_spec: str, num_classes: int = 10,
               hidden: int | Sequence[int] | None = None, activation: str | None = None) -> str:
    """The spec string of a reference model (``mlp`` with ``hidden`` sizes, ``lenet5``), or
    ``name_or_spec`` itself when it is already a spec."""
    hidden = MLP_HIDDEN if hidden is None else hidden
    activation = activation or MLP_ACTIVATION
    if activation not in activations():
        raise SpecError(f"activation must be one of {activations()}, got {activation!r}")
    key = name_or_spec.strip().lower()
    if key == "mlp":
        sizes = [hidden] if isinstance(hidden, int) else list(hidden)
        if not sizes or any(isinstance(h, bool) or not isinstance(h, (int, np.integer)) or h <= 0
                            for h in sizes):
            raise SpecError(f"mlp: hidden sizes must be positive integers, got {hidden}")
        body = " ".join(f"linear({h}) {activation}" for h in sizes)
        return f"flatten {body} linear({num_classes})"
    if key in REFERENCE_MODELS:
        return REFERENCE_MODELS[key].format(classes=num_classes)
    return name_or_spec


def build_model(spec: str, input_shape: tuple[int, ...], num_classes: int | None = None,
                limits: Limits | None = None, **options: Any) -> nn.Sequential:
    """Build a :class:`nn.Sequential` from a reference name or spec for inputs of
    ``input_shape`` (no batch axis). The model remembers ``spec`` and ``input_shape``.

    Every layer is checked against ``limits`` (default :class:`Limits`: sizes that fit in
    memory) as it is built, whatever its kind and however its sizes are written (positional,
    keyword or tuple arguments): a model too big is refused, naming the layer, before any of
    it runs or its weights fill memory."""
    text = model_spec(spec, num_classes or 10, **options)
    calls = parse_spec(text)
    limits = limits or Limits()
    shape = _within(check_shape(tuple(input_shape), "input_shape"), limits, "input_shape")
    table = layers()
    modules = []
    used = work = kept = 0
    for call in calls:
        cls = table.get(call.name)
        where = f"spec: column {call.column}: {call}"
        if cls is None:
            raise SpecError(f"spec: column {call.column}: unknown layer {call.name!r} "
                            f"(known: {', '.join(sorted(table))})")
        check_arguments(cls.grammar_arguments(), call)
        try:
            with parameter_budget(limits.parameters - used):
                module = cls.from_spec(shape, *call.args, **call.kwargs)
            out = tuple(module.output_shape(shape))
        except BudgetExceeded as e:
            raise SpecError(f"{where}: too big: its parameter of shape {e.shape} takes the "
                            f"model beyond {limits.parameters:,} parameters") from None
        except (TypeError, ValueError, MemoryError) as e:  # BackpropErrors are ValueErrors
            raise SpecError(f"{where}: {e or 'out of memory'}") from None
        _within(check_shape(out, f"{where}: output"), limits, f"{where}: output")
        used += sum(p.data.size for p in module.parameters())
        work, kept = _count(limits, where, module, shape, out, work, kept)
        shape = out
        modules.append(module)
    initialise(modules)
    model = nn.Sequential(*modules)
    model.spec = " ".join(str(c) for c in calls)
    model.input_shape = check_shape(tuple(input_shape), "input_shape")
    model.output_shape = shape
    if num_classes is not None and shape != (num_classes,):
        raise SpecError(f"spec: the model's output has shape {shape} but the data has "
                        f"{num_classes} classes (end the spec with linear({num_classes}))")
    return model


def _count(limits: Limits, where: str, module: nn.Layer, shape: tuple[int, ...],
           out: tuple[int, ...], work: int, kept: int) -> tuple[int, int]:
    """The multiply-adds and the outputs' values so far, with this layer's; refused beyond
    the limits."""
    work += module.multiply_adds(shape)
    if limits.multiply_adds is not None and work > limits.multiply_adds:
        raise SpecError(f"{where}: too big: one sample's forward pass would take {work:,} "
                        f"multiply-adds, more than {limits.multiply_adds:,}")
    kept += math.prod(out)
    if limits.activations is not None and kept > limits.activations:
        raise SpecError(f"{where}: too big: the layers' outputs would hold {kept:,} values "
                        f"together, more than {limits.activations:,}")
    return work, kept


def check_limits(model: nn.Sequential, input_shape: Sequence[int], limits: Limits) -> None:
    """Refuse a built model (a saved one, say) beyond ``limits``, read from its layers'
    declarations before it runs: the same checks :func:`build_model` makes as it builds."""
    params = sum(p.data.size for p in model.parameters())
    if params > limits.parameters:
        raise SpecError(f"the model is too big: {params:,} parameters, more than "
                        f"{limits.parameters:,}")
    shape = _within(tuple(int(s) for s in input_shape), limits, "input_shape")
    work = kept = 0
    for i, m in enumerate(model):
        where = f"layer {i} ({type(m).__name__})"
        if not isinstance(m, nn.Layer):
            raise SpecError(f"{where} is not a library layer: its size cannot be checked")
        out = _within(tuple(m.output_shape(shape)), limits, f"{where}: output")
        work, kept = _count(limits, where, m, shape, out, work, kept)
        shape = out


def _within(shape: tuple[int, ...], limits: Limits, what: str) -> tuple[int, ...]:
    if math.prod(shape) > limits.values:
        raise SpecError(f"{what}: too big: shape {shape} has {math.prod(shape):,} values per "
                        f"sample, more than {limits.values:,}")
    return shape


def initialise(modules: Sequence[nn.Module]) -> None:
    """Initialise each weighted layer for the activation its output meets next, following
    the data through the layers that let init pass (pooling, dropout, flatten, identity):
    He for relu, Xavier with the activation's gain otherwise. A weighted layer whose output
    meets no activation keeps torch's default."""
    for i, m in enumerate(modules):
        if not isinstance(m, nn.Layer):
            continue
        nxt = next((n for n in modules[i + 1:] if not getattr(n, "init_passes", False)), None)
        if isinstance(nxt, nn.Layer) and nxt.gain is not None:
            m.init_for(nxt)  # the instance: its arguments may set the gain


@dataclass(frozen=True)
class Architecture:
    """What a model is, as files and other frameworks need it."""

    spec: str                                # the architecture string
    shapes: tuple[tuple[int, ...], ...]      # each layer's input shape, then the output's

    @property
    def input_shape(self) -> tuple[int, ...]:
        return self.shapes[0]

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.shapes[-1]


def architecture(model: nn.Module, input_shape: Sequence[int] | None = None) -> Architecture:
    """The :class:`Architecture` of a model: the spec and input shape :func:`build_model`
    gave it, or else inferred from its layers' declarations (any ``nn.Sequential`` of
    library layers; the input shape from the first layer that fixes it, such as a Linear's
    in_features, unless given). Raises :class:`SpecError` naming what is missing."""
    spec = getattr(model, "spec", None)
    shape = input_shape or getattr(model, "input_shape", None)
    if not isinstance(model, nn.Sequential):
        raise SpecError(f"{type(model).__name__} is not an nn.Sequential of library layers, so "
                        f"it has no architecture string (save its state_dict instead)")
    other = next((f"layer {i} ({type(m).__name__})" for i, m in enumerate(model)
                  if not isinstance(m, nn.Layer)), None)
    if other:
        raise SpecError(f"{other} is not a library layer (nn.Layer), so the model has no "
                        f"architecture string (save its state_dict instead)")
    if spec is None:
        spec = nn.layer.spec_of(model)
        shape = shape or nn.layer.input_shape_of(model)
    if shape is None:
        raise SpecError(f"the input shape of '{spec}' cannot be inferred from its layers; "
                        f"set model.input_shape = (C, H, W) or pass input_shape")
    shapes = [tuple(int(s) for s in shape)]
    for m in model:
        shapes.append(tuple(m.output_shape(shapes[-1])))
    return Architecture(spec, tuple(shapes))
