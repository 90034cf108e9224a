"""Models by name or by a short architecture string.

A spec is a whitespace-separated list of layers, each a name with optional arguments::

    conv(32,8,stride=2,padding=3) relu maxpool(2) conv(64,3,padding=1) flatten linear(10)

Input sizes are inferred layer to layer from the input shape, so a layer names only what
it produces (``linear(N)``: N outputs; ``conv(F,K,...)``: F filters of size K). Arguments
are Python literals; a bare word such as ``padding=same`` is a string. The reference models
are specs too: ``mlp`` (the two-layer network of SPEC §1) and ``lenet5``.

Linear and convolution layers followed by ``relu`` get He initialisation; those followed by
``sigmoid``, ``tanh`` or ``softplus`` get Xavier; others keep torch's default.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import nn
from .errors import SpecError

__all__ = ["build_model", "parse_spec", "model_spec", "LAYERS", "REFERENCE_MODELS"]


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

    def make(shape, filters: int, kernel, stride=1, padding=0, dilation=1, groups: int = 1,
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

    def make(shape, kernel=2, stride=None, padding=0, ceil_mode: bool = False, **kw):
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
    shape = tuple(int(s) for s in input_shape)
    modules = []
    for call in calls:
        factory = LAYERS.get(call.name)
        if factory is None:
            raise SpecError(f"spec: column {call.column}: unknown layer {call.name!r} "
                            f"(known: {', '.join(sorted(LAYERS))})")
        try:
            module, shape = factory(shape, *call.args, **call.kwargs)
        except SpecError as e:
            raise SpecError(f"spec: column {call.column}: {call}: {e}") from None
        except (TypeError, ValueError) as e:
            raise SpecError(f"spec: column {call.column}: {call}: {e}") from None
        modules.append(module)
    _initialise(modules, calls)
    model = nn.Sequential(*modules)
    model.spec = " ".join(str(c) for c in calls)
    model.input_shape = tuple(int(s) for s in input_shape)
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
