"""Models by name or by a short architecture string.

A spec is a whitespace-separated list of layers, each a name with optional arguments::

    conv(32,8,stride=2,padding=3) relu maxpool(2) conv(64,3,padding=1) flatten linear(10)

Input sizes are inferred layer to layer from the input shape, so a layer names only what
it produces (``linear(N)``: N outputs; ``conv(F,K,...)``: F filters of size K). Arguments
are Python literals; a bare word such as ``padding=same`` is a string. The reference models
are specs too: ``mlp`` (flatten, one hidden layer of 800 relu units, a linear output) and
``lenet5``.

The grammar is not listed here: each layer class in :mod:`backprop.nn` declares its names,
how it is built from the input shape and the arguments, and its initialisation
(:mod:`backprop.nn.layer`); this module reads those declarations.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from . import nn
from .errors import SpecError

__all__ = ["build_model", "parse_spec", "model_spec", "layers", "activations", "initialise",
           "architecture", "Architecture", "REFERENCE_MODELS", "MLP_HIDDEN", "MLP_ACTIVATION"]


@dataclass
class LayerCall:
    name: str
    args: tuple
    kwargs: dict
    column: int  # 1-based position in the spec, for error messages

    def __str__(self) -> str:
        parts = [repr(a) if isinstance(a, str) else str(a) for a in self.args]
        parts += [f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in self.kwargs.items()]
        return f"{self.name}({','.join(parts)})" if parts else self.name


def _literal(node: ast.AST, spec: str, offset: int) -> Any:
    if isinstance(node, ast.Name):
        return node.id
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise SpecError(f"spec: column {offset + node.col_offset + 1}: arguments must be numbers, "
                        f"words or tuples, got {ast.unparse(node)!r} in {spec!r}") from None


def parse_spec(spec: str) -> list[LayerCall]:
    """Split a spec into layer calls; a malformed spec names the column where it goes wrong."""
    calls: list[LayerCall] = []
    i, n = 0, len(spec)
    while i < n:
        if spec[i].isspace() or spec[i] in ",;":
            i += 1
            continue
        if spec.startswith("->", i):
            i += 2
            continue
        start = i
        if not (spec[i].isalpha() or spec[i] == "_"):
            raise SpecError(f"spec: column {i + 1}: expected a layer name, found {spec[i]!r} "
                            f"in {spec!r}")
        while i < n and (spec[i].isalnum() or spec[i] == "_"):
            i += 1
        if i < n and spec[i] == "(":
            depth = 0
            while i < n:
                depth += {"(": 1, ")": -1}.get(spec[i], 0)
                i += 1
                if depth == 0:
                    break
            if depth:
                raise SpecError(f"spec: column {start + 1}: unclosed '(' in {spec[start:]!r}")
        text = spec[start:i]
        try:
            node = ast.parse(text, mode="eval").body
        except SyntaxError as e:
            col = start + (e.offset or 1)
            raise SpecError(f"spec: column {col}: cannot parse {text!r}") from None
        if isinstance(node, ast.Name):
            calls.append(LayerCall(node.id.lower(), (), {}, start + 1))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = tuple(_literal(a, spec, start) for a in node.args)
            kwargs = {k.arg: _literal(k.value, spec, start) for k in node.keywords}
            calls.append(LayerCall(node.func.id.lower(), args, kwargs, start + 1))
        else:
            raise SpecError(f"spec: column {start + 1}: cannot parse {text!r}")
    if not calls:
        raise SpecError("spec: empty model specification")
    return calls


def layers() -> dict[str, type[nn.Layer]]:
    """The architecture grammar: name → layer class, read from the classes' declarations
    (``grammar`` beside each class in ``backprop.nn``)."""
    return nn.layer.registry()


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
                **options: Any) -> nn.Sequential:
    """Build a :class:`nn.Sequential` from a reference name or spec for inputs of
    ``input_shape`` (no batch axis). The model remembers ``spec`` and ``input_shape``."""
    text = model_spec(spec, num_classes or 10, **options)
    calls = parse_spec(text)
    shape = tuple(int(s) for s in input_shape)
    table = layers()
    modules = []
    for call in calls:
        cls = table.get(call.name)
        if cls is None:
            raise SpecError(f"spec: column {call.column}: unknown layer {call.name!r} "
                            f"(known: {', '.join(sorted(table))})")
        try:
            module = cls.from_spec(shape, *call.args, **call.kwargs)
            shape = tuple(module.output_shape(shape))
        except (TypeError, ValueError) as e:  # BackpropErrors are ValueErrors
            raise SpecError(f"spec: column {call.column}: {call}: {e}") from None
        modules.append(module)
    initialise(modules)
    model = nn.Sequential(*modules)
    model.spec = " ".join(str(c) for c in calls)
    model.input_shape = tuple(int(s) for s in input_shape)
    model.output_shape = shape
    if num_classes is not None and shape != (num_classes,):
        raise SpecError(f"spec: the model's output has shape {shape} but the data has "
                        f"{num_classes} classes (end the spec with linear({num_classes}))")
    return model


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
            m.init_for(type(nxt))


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
