"""Trace one sample through a network: each layer's output, the loss, then each δ and every
parameter gradient, each beside its formula and checked.

The forward numbers are the layers' own outputs. A backward number is the closed form of
:mod:`.formulas` where the layer has one (δ₂ = s − t, ∂E/∂W₂ = δ₂h₁ᵀ, …), otherwise the
layer's VJP rule; either way it is compared with the engine (the layer's rule for a δ, one
whole-network ``backward()`` for a parameter gradient) and with central differences of the
loss on a spread of entries.
"""

from __future__ import annotations

import json
import math
import re
from collections import OrderedDict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .. import functional as F
from .. import nn
from ..engine import Tensor, no_grad
from ..errors import BackpropError
from .formulas import LOSS_FORMULAS, Symbol, fill, formula_for

__all__ = ["Check", "Step", "Trace", "trace", "parse_values", "DEFAULT_SPEC", "DEFAULT_INPUT",
           "DEFAULT_TARGET", "LOSSES"]

DEFAULT_SPEC = "flatten linear(3) sigmoid linear(3)"
DEFAULT_INPUT = (1.0, 0.5, -0.5, 2.0)
DEFAULT_TARGET = 2
LOSSES = tuple(LOSS_FORMULAS)
MAX_TEXT = 200_000          # characters of a spec, input or target
MAX_VALUES = 1_000_000      # entries of the input and of any layer's output
MAX_PARAMETERS = 2_000_000  # a saved MNIST MLP (about 640k) fits; absurd sizes do not
NUMERIC_ENTRIES = 12        # entries of each tensor compared with central differences
_H = 1e-6                   # central-difference step (float64)


@dataclass(frozen=True)
class Check:
    """How far a shown backward number is from the engine and from central differences."""

    engine: float   # max |shown − engine| over all entries
    numeric: float  # max |shown − central difference| over the checked entries
    checked: int    # entries compared with central differences
    kinks: int      # sampled entries skipped: at a kink (the one-sided slopes differ)
    size: int       # entries of the tensor
    scale: float    # max |shown|, for the relative tolerance

    @property
    def passed(self) -> bool:
        return (self.engine <= 1e-9 * (1 + self.scale)
                and self.numeric <= 1e-5 * (1 + self.scale))


@dataclass(frozen=True)
class Step:
    """One line of the trace: a layer's output, a cotangent or a parameter gradient."""

    layer: str
    direction: str              # "forward" or "backward"
    symbol: str                 # plain, e.g. "z₁", "δ₂", "∂E/∂W₁"
    formula: str                # plain text with Unicode symbols
    latex: str
    values: np.ndarray          # without the batch axis
    parameter: str | None = None  # the state_dict key of a parameter gradient
    check: Check | None = None

    def to_json(self) -> dict[str, Any]:
        return {"layer": self.layer, "direction": self.direction, "formula": self.formula,
                "values": self.values.tolist()}


@dataclass(frozen=True)
class Trace:
    spec: str
    input: np.ndarray
    target: int | np.ndarray   # a class label for cross-entropy, else an array
    loss_name: str
    loss: float
    parameters: "OrderedDict[str, np.ndarray]"
    gradients: "OrderedDict[str, np.ndarray]"
    steps: tuple[Step, ...]
    seed: int

    @property
    def passed(self) -> bool:
        return all(s.check.passed for s in self.steps if s.check is not None)

    def to_json(self) -> dict[str, Any]:
        """``{spec, input, target, loss, parameters, gradients, steps}`` with nested lists."""
        target = self.target if isinstance(self.target, int) else self.target.tolist()
        return {"spec": self.spec, "input": self.input.tolist(), "target": target,
                "loss": self.loss,
                "parameters": {k: v.tolist() for k, v in self.parameters.items()},
                "gradients": {k: v.tolist() for k, v in self.gradients.items()},
                "steps": [s.to_json() for s in self.steps]}


# -- input parsing ------------------------------------------------------------------------
def parse_values(value: Any, what: str) -> np.ndarray:
    """Numbers from text ("1, 0.5, -2", "1/4 1/4 1/4", "[[1, 2], [3, 4]]") or nested lists,
    as a finite float64 array."""
    example = "numbers such as 1, 0.5, -2 or a nested list such as [[1, 2], [3, 4]]"
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_TEXT:
            raise BackpropError(f"{what}: {len(text):,} characters is too long "
                                f"(at most {MAX_TEXT:,})")
        if text.startswith("["):
            try:
                value = json.loads(text)
            except (ValueError, RecursionError):
                raise BackpropError(f"{what}: expected {example}, got {_short(text)}") from None
        else:
            try:
                value = [float(Fraction(t)) for t in re.split(r"[\s,;]+", text) if t]
            except (ValueError, ZeroDivisionError, OverflowError):
                raise BackpropError(f"{what}: expected {example}, got {_short(text)}") from None
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number):
        value = value.astype(np.float64)
    elif isinstance(value, bool) or not _numeric_nest(value, depth=0):
        raise BackpropError(f"{what}: expected {example}, got {_short(value)}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        raise BackpropError(f"{what}: expected a rectangular nested list of numbers, got "
                            f"{_short(value)}") from None
    if arr.size == 0:
        raise BackpropError(f"{what}: no numbers given")
    if arr.size > MAX_VALUES:
        raise BackpropError(f"{what}: {arr.size:,} numbers is too many (at most {MAX_VALUES:,})")
    if not np.all(np.isfinite(arr)):
        raise BackpropError(f"{what}: values must be finite, got {_short(value)}")
    return arr


def _numeric_nest(value: Any, depth: int) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    if isinstance(value, list) and depth < 6:
        return all(_numeric_nest(v, depth + 1) for v in value)
    return False


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:60] + "…") if len(text) > 60 else repr(text)


def _parse_shape(shape: Any) -> tuple[int, ...]:
    if isinstance(shape, str):
        from ..summarize import parse_shape
        return parse_shape(shape)
    shape = tuple(shape)
    if not shape or not all(isinstance(s, int) and s > 0 for s in shape):
        raise BackpropError(f"trace: shape must be positive sizes such as 1x6x6, got {shape}")
    return shape


def _input(value: Any, shape: Any, seed: int) -> np.ndarray:
    shape = None if shape is None or shape == "" else _parse_shape(shape)
    if value is None or (isinstance(value, str) and not value.strip()):
        if shape is None:
            return np.array(DEFAULT_INPUT)
        if math.prod(shape) > MAX_VALUES:
            raise BackpropError(f"trace: input shape {shape} has too many entries "
                                f"(at most {MAX_VALUES:,})")
        # A seeded input, rounded so that it reads easily.
        return np.round(np.random.default_rng(seed).standard_normal(shape), 3)
    x = parse_values(value, "input")
    if shape is not None:
        if math.prod(shape) != x.size:
            raise BackpropError(f"input: {x.size} numbers do not fill shape "
                                f"{'x'.join(map(str, shape))} ({math.prod(shape)} entries)")
        x = x.reshape(shape)
    return x


def _target(value: Any, loss: str, out_shape: tuple[int, ...]) -> tuple[Any, np.ndarray]:
    """(the target as given — a label for cross-entropy —, the target as a vector)."""
    if len(out_shape) != 1:
        raise BackpropError(f"trace: the network's output has shape {out_shape}; a loss needs a "
                            f"vector (end the spec with flatten and linear(C))")
    classes = out_shape[0]
    default = min(DEFAULT_TARGET, classes - 1)
    if value is None or (isinstance(value, str) and not value.strip()):
        value = default
    t = parse_values(value if not isinstance(value, (int, float)) else [value], "target")
    if loss == "cross_entropy" or (t.size == 1 and classes > 1):
        if t.size != 1 or t.flat[0] != int(t.flat[0]) or not 0 <= t.flat[0] < classes:
            raise BackpropError(f"target: expected a class label 0…{classes - 1} for the "
                                f"network's {classes} outputs, got {_short(value)}")
        label = int(t.flat[0])
        onehot = np.eye(classes)[label]
        return (label, onehot) if loss == "cross_entropy" else (onehot, onehot)
    if t.shape != out_shape and t.size == classes:
        t = t.reshape(out_shape)
    if t.shape != out_shape:
        raise BackpropError(f"target: expected {classes} numbers (the network's outputs) or a "
                            f"class label, got shape {t.shape}")
    if loss == "bce" and not np.all((t >= 0) & (t <= 1)):
        raise BackpropError("target: binary cross-entropy needs targets in [0, 1]")
    return t, t


def check_size(spec: str, shape: tuple[int, ...], max_parameters: int) -> None:
    """Refuse a network too big to trace before allocating it: walk the spec's shapes with
    the library's own shape functions. Whatever this walk cannot follow, build_model
    reports."""
    from ..functional import conv_output_shape, pool_output_shape
    from ..models import parse_spec, model_spec

    params = 0
    for call in parse_spec(model_spec(spec)):
        name, a, kw = call.name, call.args, call.kwargs
        try:
            if name in ("linear", "dense"):
                params += math.prod(shape) * int(a[0])
                shape = (int(a[0]),)
            elif name.startswith("conv"):
                op = "conv1d" if name == "conv1d" else "conv2d"
                k = a[1] if len(a) > 1 else kw["kernel"]
                params += shape[0] * int(a[0]) * math.prod(np.broadcast_to(k, (len(shape) - 1,)))
                shape = conv_output_shape(shape, int(a[0]), k, kw.get("stride", 1),
                                          kw.get("padding", 0), kw.get("dilation", 1), op)
            elif name.startswith(("maxpool", "avgpool")):
                op = f"{name[:3]}_pool{'1' if name.endswith('1d') else '2'}d"
                shape = pool_output_shape(shape, a[0] if a else kw.get("kernel", 2),
                                          kw.get("stride"), kw.get("padding", 0),
                                          kw.get("dilation", 1), bool(kw.get("ceil_mode")), op)
            elif name == "flatten":
                shape = (math.prod(shape),)
        except (IndexError, KeyError, TypeError, ValueError, OverflowError):
            return
        if params > max_parameters or math.prod(shape) > MAX_VALUES:
            raise BackpropError(f"trace: {call} makes the network too big to trace "
                                f"(at most {max_parameters:,} parameters and {MAX_VALUES:,} "
                                f"values per layer)")


# -- the trace ----------------------------------------------------------------------------
def _loss(name: str, y: Any, target: Any, onehot: np.ndarray) -> Tensor:
    if name == "cross_entropy":
        return F.cross_entropy(y, np.array([target]))
    if name == "mse":
        return F.mse_loss(y, onehot[None])
    return F.binary_cross_entropy_with_logits(y, onehot[None])


def _layer_vjp(m: nn.Module, x: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, dict]:
    """The layer's VJP rule(s) at x for the output cotangent g: (x̄, {param name: p̄})."""
    params = dict(m.named_parameters())
    saved = {n: p.grad for n, p in params.items()}
    try:
        for p in params.values():
            p.grad = None
        leaf = Tensor(x, requires_grad=True)
        m(leaf).backward(g)
        return leaf.grad, {n: (p.grad if p.grad is not None else np.zeros_like(p.data))
                           for n, p in params.items()}
    finally:
        for n, p in params.items():
            p.grad = saved[n]


def _central(f, a: np.ndarray, shown: np.ndarray, engine: np.ndarray) -> Check:
    """Compare ``shown`` (∂f/∂a) with the engine's array and, on a spread of entries, with
    central differences of f, perturbing ``a`` in place (and restoring it). An entry where
    the one-sided slopes differ sits on a kink (relu at 0, a tie in a max-pool window), where
    no derivative exists; it is counted, not compared."""
    flat = a.reshape(-1)
    centre = f()
    kinks = 0
    idx = np.unique(np.linspace(0, flat.size - 1, min(NUMERIC_ENTRIES, flat.size)).round()
                    .astype(int))
    worst = 0.0
    for j in idx:
        keep = flat[j]
        flat[j] = keep + _H
        up = f()
        flat[j] = keep - _H
        down = f()
        flat[j] = keep
        right, left = (up - centre) / _H, (centre - down) / _H
        if abs(right - left) > 1e-3 * (1 + abs(right) + abs(left)):
            kinks += 1
            continue
        worst = max(worst, abs(float(shown.reshape(-1)[j]) - (up - down) / (2 * _H)))
    return Check(engine=float(np.max(np.abs(shown - engine))) if shown.size else 0.0,
                 numeric=worst, checked=len(idx) - kinks, kinks=kinks, size=int(shown.size),
                 scale=float(np.max(np.abs(shown))) if shown.size else 0.0)


def _expression(formula: str) -> tuple[bool, str]:
    """The right-hand side of a short formula, to write into the next step's formula."""
    rhs = formula.split(" = ", 1)[-1]
    return len(rhs) <= 24 and "   " not in rhs, rhs


def trace(spec: str | None = None, input: Any = None, target: Any = None,
          loss: str = "cross_entropy", seed: int = 0, shape: Any = None,
          parameters: dict[str, Any] | None = None, model: nn.Sequential | None = None,
          max_parameters: int = MAX_PARAMETERS) -> Trace:
    """Trace one sample through a network, forward and backward, every number beside its
    formula and every backward number checked.

    ``spec``: an architecture string (default: the two-layer network of the derivations,
    ``flatten linear(3) sigmoid linear(3)``), built with seeded weights (``seed``) — or a
    built ``model``. ``input``: numbers (text or nested lists; ``shape`` reshapes them),
    default a fixed 4-vector, or a seeded input of ``shape``. ``target``: a class label
    (cross-entropy; for mse and bce it means one-hot) or the output vector. ``parameters``:
    ``state_dict`` arrays replacing the seeded weights (to try an edited weight).
    """
    from .. import random as bp_random
    from ..models import build_model

    if loss not in LOSS_FORMULAS:
        raise BackpropError(f"trace: loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise BackpropError(f"trace: seed must be an integer in [0, 2³²), got {seed!r}")
    x = _input(input, shape, seed)
    if model is None:
        spec = DEFAULT_SPEC if spec is None or not str(spec).strip() else str(spec)
        if len(spec) > 2000:
            raise BackpropError(f"spec: {len(spec):,} characters is too long (at most 2,000)")
        check_size(spec, x.shape, max_parameters)
        state = bp_random.get_state()
        try:
            bp_random.manual_seed(seed)
            model = build_model(spec, x.shape)
        finally:
            bp_random.set_state(state)
    elif tuple(x.shape) != tuple(model.input_shape):
        raise BackpropError(f"input: the model takes shape {tuple(model.input_shape)}, got "
                            f"{x.shape}")
    model.to(np.float64).eval()
    if parameters is not None:
        if not isinstance(parameters, dict):
            raise BackpropError("parameters: expected a mapping of state_dict names to arrays")
        model.load_state_dict({str(k): parse_values(v, f"parameter {k}")
                               for k, v in parameters.items()})
    label, onehot = _target(target, loss, tuple(model.output_shape))
    return _run(model, x, label, onehot, loss, seed)


def _run(model: nn.Sequential, x: np.ndarray, label: Any, onehot: np.ndarray, loss: str,
         seed: int) -> Trace:
    names = [name for name, _ in model.named_children()]
    layers = list(model)
    steps: list[Step] = []

    # Forward, layer by layer, naming each value as the derivations do.
    acts = [x[None]]
    symbols = [Symbol.make("x")]
    used = {"x"}
    info = []  # per layer: (label, formula record, template symbols (plain, latex))
    k = 0
    for name, m in zip(names, layers):
        f = formula_for(m)
        k += f.numbered
        with no_grad():
            y = np.asarray(m(acts[-1]).data)
        inp = symbols[-1]
        if isinstance(m, nn.Flatten) and k == 0 and acts[-1].ndim == 2:
            out = inp  # flattening a flat input: it stays x
        else:
            prime = 0
            while Symbol.make(f.out, k, prime).plain in used:
                prime += 1
            out = Symbol.make(f.out, k, prime)
            used.add(out.plain)
        has_bias = getattr(m, "bias", None) is not None
        W, b = Symbol.make("W", k), Symbol.make("b", k)
        plain = {"out": out.plain, "inp": inp.plain, "W": W.plain, "b": b.plain,
                 "plus_b": f" + {b.plain}" if has_bias else "",
                 "gout": out.cotangent().plain, "gin": inp.cotangent().plain}
        latex = {"out": out.latex, "inp": inp.latex, "W": W.latex, "b": b.latex,
                 "plus_b": f" + {b.latex}" if has_bias else "",
                 "gout": out.cotangent().latex, "gin": inp.cotangent().latex}
        label_text = f"{name}: {type(m).__name__}({m.extra_repr()})"
        info.append((label_text, f, plain, latex))
        steps.append(Step(label_text, "forward", out.plain, fill(f.forward[0], plain),
                          fill(f.forward[1], latex), y[0]))
        acts.append(y)
        symbols.append(out)

    # The loss: its own forward steps, then its δ.
    lf = LOSS_FORMULAS[loss]
    ysym, y = symbols[-1], acts[-1]
    loss_label = f"loss: {loss}"
    subs_p = {"y": ysym.plain, "gy": ysym.cotangent().plain, "label": str(label),
              "C": str(y.size)}
    subs_l = {"y": ysym.latex, "gy": ysym.cotangent().latex, "label": str(label),
              "C": str(y.size)}
    model.zero_grad()
    whole = _loss(loss, model(Tensor(x[None])), label, onehot)
    whole.backward()
    engine_grads = {n: p.grad for n, p in model.named_parameters()}
    value = float(whole.data)
    for sym, plain_t, latex_t in lf.forward:
        if sym == "s":
            act = F.softmax if loss == "cross_entropy" else F.sigmoid
            v = np.asarray(act(y).data)[0]
        else:
            v = np.array(value)
        steps.append(Step(loss_label, "forward", sym, fill(plain_t, subs_p),
                          fill(latex_t, subs_l), v))

    leaf = Tensor(y, requires_grad=True)
    _loss(loss, leaf, label, onehot).backward()
    g_engine, g = leaf.grad, lf.closed(y, onehot[None])
    tail = y.copy()

    def tail_loss(i: int, a: np.ndarray):
        def f() -> float:
            with no_grad():
                h: Any = a
                for m in layers[i:]:
                    h = m(h)
                return float(_loss(loss, h, label, onehot).data)
        return f

    delta = fill(lf.delta[0], subs_p)
    steps.append(Step(loss_label, "backward", ysym.cotangent().plain, delta,
                      fill(lf.delta[1], subs_l), g[0],
                      check=_central(tail_loss(len(layers), tail), tail, g, g_engine)))
    expr = _expression(delta)
    expr_latex = _expression(fill(lf.delta[1], subs_l))

    # Backward, layer by layer: parameter gradients, then the cotangent of the layer's input.
    shown_grads: dict[str, np.ndarray] = {}
    # Cotangents are shown down to the first layer with parameters: below it they teach nothing.
    first = next((i for i, m in enumerate(layers) if any(True for _ in m.parameters())),
                 len(layers))
    for i in reversed(range(len(layers))):
        m, (label_text, f, plain, latex) = layers[i], info[i]
        xi, yi = acts[i], acts[i + 1]
        gx_engine, _ = _layer_vjp(m, xi, g_engine)
        needs_vjp = f.closed_input is None or any(n not in f.closed_params
                                                  for n, _ in m.named_parameters())
        gx_rule, gp_rule = _layer_vjp(m, xi, g) if needs_vjp else (None, {})
        for local, p in m.named_parameters():
            key = f"{names[i]}.{local}"
            closed = f.closed_params.get(local)
            shown = closed(m, xi, yi, g) if closed is not None else gp_rule[local]
            templates = f.param_grads.get(local, (f"∂E/∂{local}", rf"\partial E / \partial {local}"))

            def whole_loss() -> float:
                with no_grad():
                    return float(_loss(loss, model(x[None]), label, onehot).data)

            steps.append(Step(label_text, "backward", fill(templates[0], plain).split(" = ")[0],
                              fill(templates[0], plain), fill(templates[1], latex), shown,
                              parameter=key,
                              check=_central(whole_loss, p.data, shown, engine_grads[key])))
            shown_grads[key] = shown
        if i <= first:
            break
        plain = dict(plain, g=f"({expr[1]})" if expr[0] else plain["gout"])
        latex = dict(latex, g=rf"\left({expr_latex[1]}\right)" if expr_latex[0] else latex["gout"])
        gx = f.closed_input(m, xi, yi, g) if f.closed_input is not None else gx_rule
        formula = fill(f.input_grad[0], plain)
        a = xi.copy()
        steps.append(Step(label_text, "backward", symbols[i].cotangent().plain, formula,
                          fill(f.input_grad[1], latex), gx[0],
                          check=_central(tail_loss(i, a), a, gx, gx_engine)))
        g, g_engine = gx, gx_engine
        expr, expr_latex = _expression(formula), _expression(fill(f.input_grad[1], latex))

    gradients = OrderedDict((k, shown_grads[k]) for k in model.state_dict())
    return Trace(spec=model.spec, input=x, target=label, loss_name=loss, loss=value,
                 parameters=model.state_dict(), gradients=gradients, steps=tuple(steps),
                 seed=seed)
