"""Trace one sample through a network: each layer's output, the loss, then each δ and every
parameter gradient, each beside its formula and checked.

The forward numbers are the layers' own outputs, in evaluation mode. A backward number is
the closed form the layer's declared formula gives (``formula``; the loss's in
:mod:`.formulas`: δ₂ = s − t, ∂E/∂W₂ = δ₂h₁ᵀ, …), otherwise the layer's VJP rule; either
way it is compared with the engine (the layer's rule for a δ, one whole-network
``backward()`` for a parameter gradient) and with central differences of the loss on a
spread of entries.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from .. import display, nn
from ..engine import Tensor, no_grad
from ..errors import BackpropError
from ..models import Limits, architecture, build_model, check_limits
from .formulas import LOSS_FORMULAS, Formula, LossFormula, Symbol, fill, formula_for
from .inputs import MAX_VALUES, parse_values, sample_input, target_vector

__all__ = ["Check", "Coverage", "Step", "Trace", "trace", "Sample", "sample", "DEFAULT_SPEC",
           "LOSSES", "LIMITS", "MODE"]

DEFAULT_SPEC = "flatten linear(3) sigmoid linear(3)"
# A trace follows one sample through the network as it predicts: in evaluation mode.
MODE = "evaluation (dropout is the identity, batch norm uses its running statistics)"
LOSSES = tuple(LOSS_FORMULAS)
# A saved MNIST MLP (about 640k parameters) and LeNet-5 on 28×28 fit; absurd sizes do not.
LIMITS = Limits(parameters=2_000_000, values=MAX_VALUES, multiply_adds=50_000_000,
                activations=4_000_000)
NUMERIC_ENTRIES = 12        # entries of each tensor compared with central differences
# Multiply-adds the central differences may take in all (about 5 s here): a big or deep
# network has fewer entries compared, as many for each tensor, and the trace says how many.
CHECK_WORK = 5 * 10**9
_CALL_COST = 10_000         # a layer call's fixed cost (Python, NumPy), in multiply-adds
_H = 1e-6                   # central-difference step (float64), and a tenth of it


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
class Coverage:
    """What the checks of a trace covered: backward entries compared with the engine (all
    of them), with central differences, skipped at a kink, and checks that failed."""

    entries: int
    numeric: int
    kinks: int
    failed: int


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
    of: tuple[str, str] | None = None  # the parameter's symbol (plain, LaTeX): W₁, W_{1}

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

    @property
    def checked(self) -> Coverage:
        """How many backward entries were compared with the engine and with central
        differences, over all the checked steps."""
        checks = [s.check for s in self.steps if s.check is not None]
        return Coverage(entries=sum(c.size for c in checks),
                        numeric=sum(c.checked for c in checks),
                        kinks=sum(c.kinks for c in checks),
                        failed=sum(not c.passed for c in checks))

    @property
    def symbols(self) -> dict[str, tuple[str, str]]:
        """Each parameter's symbol as the formulas write it, (plain, LaTeX), by state_dict
        name: ``{"1.weight": ("W₁", "W_{1}"), …}``."""
        return {s.parameter: s.of for s in self.steps if s.parameter is not None}

    def _repr_html_(self) -> str:
        """How Jupyter shows the trace (MathML, nothing fetched): drawn by
        :mod:`backprop.render.trace`, which imports this module, asked through
        :mod:`backprop.display`."""
        return display.show(self, "text/html")

    def to_json(self) -> dict[str, Any]:
        """``{spec, input, target, loss, parameters, gradients, steps}`` with nested lists."""
        target = self.target if isinstance(self.target, int) else self.target.tolist()
        return {"spec": self.spec, "input": self.input.tolist(), "target": target,
                "loss": self.loss,
                "parameters": {k: v.tolist() for k, v in self.parameters.items()},
                "gradients": {k: v.tolist() for k, v in self.gradients.items()},
                "steps": [s.to_json() for s in self.steps]}


def trace(spec: str | None = None, input: Any = None, target: Any = None,
          loss: str = "cross_entropy", seed: int = 0, shape: Any = None,
          parameters: dict[str, Any] | None = None, model: nn.Sequential | None = None,
          limits: Limits = LIMITS, check_work: int = CHECK_WORK) -> Trace:
    """Trace one sample through a network, forward and backward, every number beside its
    formula and every backward number checked.

    ``spec``: an architecture string (default: the two-layer network of the derivations,
    ``flatten linear(3) sigmoid linear(3)``), built with seeded weights (``seed``) — or a
    built ``model`` (it is cast to float64). ``input``: numbers (text or nested lists;
    ``shape`` reshapes them), default a fixed 4-vector, or a seeded input of ``shape``.
    ``target``: a class label (for mse and bce it means one-hot) or the output vector.
    ``parameters``: ``state_dict`` arrays replacing the seeded weights (an edited weight).
    A spec beyond ``limits`` (parameters, values per layer, multiply-adds per forward pass;
    default :data:`LIMITS`) is refused, naming the layer, before its weights fill memory.
    Central differences compare up to 12 entries of each backward tensor, as many for each,
    within ``check_work`` multiply-adds in all (a big network has fewer compared; the trace
    counts them). The model runs in evaluation mode (:data:`MODE`): dropout
    is the identity and batch norm normalises with its running statistics, which
    ``parameters`` may set like any other ``state_dict`` entry.
    """
    s = sample(spec, input, target, loss, seed, shape, parameters, model, limits,
               moderate=True)
    if not any(True for _ in s.model.parameters()):
        raise BackpropError(f"trace: {s.model.spec!r} has no weights to differentiate (add "
                            f"linear(C) or conv(F,K))")
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported, by layer
        return _Tracer(s.model, s.x, s.t, loss, s.label, check_work).run(seed)


@dataclass(frozen=True)
class Sample:
    """A network and one sample as a trace runs them: the model (float64, evaluation
    mode, edited weights loaded), the input without the batch axis, and the target as
    reported (a class label for cross-entropy) and as a vector of the output's shape."""

    model: nn.Sequential
    x: np.ndarray
    label: Any
    t: np.ndarray


def sample(spec: str | None = None, input: Any = None, target: Any = None,
           loss: str = "cross_entropy", seed: int = 0, shape: Any = None,
           parameters: dict[str, Any] | None = None, model: nn.Sequential | None = None,
           limits: Limits = LIMITS, what: str = "trace", moderate: bool = False) -> Sample:
    """The network and sample that :func:`trace` (and the computation graph) start from,
    read from the same arguments: the same spec, seed and input give the same weights.
    ``what`` names the caller in errors; ``moderate`` refuses typed numbers beyond ±1e6
    (central differences need them smaller)."""
    from ..random import drawing_from

    if loss not in LOSS_FORMULAS:
        raise BackpropError(f"{what}: loss must be one of {', '.join(LOSSES)}, got {loss!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed < 2**32:
        raise BackpropError(f"{what}: seed must be an integer in [0, 2³²), got {seed!r}")
    x = sample_input(input, shape, seed)
    if moderate:
        _moderate(x, "input")
    if model is None:
        spec = DEFAULT_SPEC if spec is None or not str(spec).strip() else str(spec)
        if len(spec) > 2000:
            raise BackpropError(f"spec: {len(spec):,} characters is too long (at most 2,000)")
        with drawing_from(np.random.default_rng(seed)):  # the caller's draws stay untouched
            model = build_model(spec, x.shape, limits=limits)
    else:
        if getattr(model, "spec", None) is None or getattr(model, "input_shape", None) is None:
            # built by hand: its spec and shapes are read from its layers (SpecError if it
            # is not an nn.Sequential of library layers), the input's shape from the sample
            # when one was given; a copy is traced, the caller's model is left as it is
            arch = architecture(model, x.shape if input is not None or shape is not None
                                else None)
            if input is None and shape is None:
                x = sample_input(None, arch.input_shape, seed)
            check_limits(model, arch.input_shape, limits)
            model = copy.deepcopy(model)
            model.spec, model.input_shape = arch.spec, arch.input_shape
            model.output_shape = arch.output_shape
        if tuple(x.shape) != tuple(model.input_shape):
            raise BackpropError(f"input: the model takes shape {tuple(model.input_shape)}, got "
                                f"{x.shape}")
        check_limits(model, x.shape, limits)  # before it is cast to float64 and run
    model.to(np.float64).eval()
    if parameters is not None:
        if not isinstance(parameters, dict):
            raise BackpropError("parameters: expected a mapping of state_dict names to arrays")
        values = {str(k): parse_values(v, f"parameter {k}") for k, v in parameters.items()}
        if moderate:
            for k, v in values.items():
                _moderate(v, f"parameter {k}")
        model.load_state_dict(values)
    label, t = target_vector(target, loss, tuple(model.output_shape))
    return Sample(model, x, label, t)


def _moderate(a: np.ndarray, what: str) -> None:
    """Typed numbers beyond ±1e6 leave central differences (step 1e-6) no precision."""
    if np.max(np.abs(a)) > 1e6:
        raise BackpropError(f"{what}: values beyond ±1e6 are too large to trace, got "
                            f"{np.max(np.abs(a)):.3g}")


@dataclass
class _Layer:
    """One layer as the trace sees it: its state_dict prefix, label, formula record, the
    template symbols (plain, LaTeX), and its input and output (batch axis kept)."""

    name: str
    label: str
    module: nn.Module
    formula: Formula
    plain: dict[str, str]
    latex: dict[str, str]
    x: np.ndarray
    y: np.ndarray
    out: Symbol


class _Tracer:
    def __init__(self, model: nn.Sequential, x: np.ndarray, t: np.ndarray, loss: str,
                 label: Any, check_work: int = CHECK_WORK) -> None:
        self.model, self.x, self.t, self.loss_name, self.label = model, x, t, loss, label
        self.lf: LossFormula = LOSS_FORMULAS[loss]
        self.modules = list(model)
        self.check_work = check_work
        self.entries = NUMERIC_ENTRIES

    def plan_checks(self, layers: list[_Layer], first: int) -> list[int]:
        """The entries of each checked tensor (in the order the backward pass checks them)
        that central differences compare within check_work, each costing four evaluations
        of the loss from the tensor's layer on: as many for every tensor as fit, up to 12;
        if not even one each fits, one for the cheapest tensors that fit."""
        work = [0] * (len(layers) + 1)  # work[i]: the loss as a function of layer i's input
        work[-1] = 4 * layers[-1].y.size + _CALL_COST
        for i in reversed(range(len(layers))):
            m, x = layers[i].module, layers[i].x
            own = (m.multiply_adds(tuple(x.shape[1:])) if isinstance(m, nn.Layer)
                   else x.size + layers[i].y.size)
            work[i] = work[i + 1] + own + _CALL_COST
        checks = [(layers[-1].y.size, work[-1])]
        for i in reversed(range(first, len(layers))):  # the backward pass's order
            checks += [(p.data.size, work[0]) for p in layers[i].module.parameters()]
            if i != first:
                checks.append((layers[i].x.size, work[i]))
        k = max(k for k in range(NUMERIC_ENTRIES + 1)
                if k == 0 or sum(4 * min(k, n) * w for n, w in checks) <= self.check_work)
        if k:
            return [min(k, n) for n, _ in checks]
        plan, left = [0] * len(checks), self.check_work
        for j in sorted(range(len(checks)), key=lambda j: checks[j][1]):
            if 4 * checks[j][1] <= left:
                plan[j], left = 1, left - 4 * checks[j][1]
        return plan

    def loss_of(self, y: Any) -> Tensor:
        return self.lf.loss(y, self.t[None])

    def tail(self, i: int, a: np.ndarray) -> Callable[[], float]:
        """The loss as a function of the input ``a`` of layer i (read when called)."""
        def f() -> float:
            with no_grad():
                h: Any = a
                for m in self.modules[i:]:
                    h = m(h)
                return float(self.loss_of(h).data)
        return f

    def run(self, seed: int) -> Trace:
        layers = self.forward()
        model = self.model
        model.zero_grad()
        whole = self.loss_of(model(Tensor(self.x[None])))
        whole.backward()  # the engine's gradients, against which the shown ones are checked
        engine_grads = {n: p.grad for n, p in model.named_parameters()}
        value = float(whole.data)
        if not np.isfinite(value):
            raise BackpropError(f"trace: the loss is {value} (inputs or weights too large?)")
        steps = [self.forward_step(layer) for layer in layers]
        steps += self.loss_steps(layers, value)
        backward, grads = self.backward(layers, engine_grads)
        gradients = OrderedDict((k, grads[k]) for k, _ in model.named_parameters())
        return Trace(spec=model.spec, input=self.x, target=self.label, loss_name=self.loss_name,
                     loss=value, parameters=model.state_dict(), gradients=gradients,
                     steps=tuple(steps + backward), seed=seed)

    # -- forward: name each value as the derivations do, and record it --------------------
    def forward(self) -> list[_Layer]:
        layers, a, inp, used, k = [], self.x[None], Symbol.make("x"), {"x"}, 0
        for (name, m) in self.model.named_children():
            f = formula_for(m)
            k += f.numbered
            with no_grad():
                y = np.asarray(m(a).data)
            if not np.all(np.isfinite(y)):
                raise BackpropError(f"trace: layer {name} ({type(m).__name__}) overflows: its "
                                    f"output is not finite (inputs or weights too large?)")
            if isinstance(m, nn.Flatten) and k == 0 and a.ndim == 2:
                out = inp  # flattening a flat input: it stays x
            else:
                prime = 0
                while Symbol.make(f.out, k, prime).plain in used:
                    prime += 1
                out = Symbol.make(f.out, k, prime)
                used.add(out.plain)
            W, b = Symbol.make("W", k), Symbol.make("b", k)
            has_bias = getattr(m, "bias", None) is not None

            def symbols(form: str) -> dict[str, str]:
                return {"out": getattr(out, form), "inp": getattr(inp, form),
                        "W": getattr(W, form), "b": getattr(b, form),
                        "plus_b": f" + {getattr(b, form)}" if has_bias else "",
                        "gout": getattr(out.cotangent(), form),
                        "gin": getattr(inp.cotangent(), form)}

            layers.append(_Layer(name, f"{name}: {type(m).__name__}({m.extra_repr()})", m, f,
                                 symbols("plain"), symbols("latex"), a, y, out))
            a, inp = y, out
        return layers

    def forward_step(self, layer: _Layer) -> Step:
        f = layer.formula
        return Step(layer.label, "forward", layer.out.plain, fill(f.forward[0], layer.plain),
                    fill(f.forward[1], layer.latex), layer.y[0])

    def loss_symbols(self, layers: list[_Layer], form: str) -> dict[str, str]:
        y = layers[-1].out
        return {"y": getattr(y, form), "gy": getattr(y.cotangent(), form),
                "label": str(self.label), "C": str(self.t.size)}

    def loss_steps(self, layers: list[_Layer], value: float) -> list[Step]:
        y = layers[-1].y
        plain, latex = self.loss_symbols(layers, "plain"), self.loss_symbols(layers, "latex")
        steps = []
        for sym, plain_t, latex_t in self.lf.forward:
            v = np.asarray(self.lf.squash(y).data)[0] if sym == "s" else np.array(value)
            steps.append(Step(f"loss: {self.loss_name}", "forward", sym, fill(plain_t, plain),
                              fill(latex_t, latex), v))
        return steps

    # -- backward: δ of the loss, then layer by layer down to the first weights -------------
    def backward(self, layers: list[_Layer], engine_grads: dict) -> tuple[list[Step], dict]:
        y = layers[-1].y
        plain, latex = self.loss_symbols(layers, "plain"), self.loss_symbols(layers, "latex")
        leaf = Tensor(y, requires_grad=True)
        self.loss_of(leaf).backward()
        g_engine, g = leaf.grad, self.lf.closed(y, self.t[None])
        a = y.copy()
        formula = (fill(self.lf.delta[0], plain), fill(self.lf.delta[1], latex))
        upstream = formula  # the formula of g, the cotangent of the current layer's output
        # Cotangents are shown down to the first layer with weights: below it they teach nothing.
        first = next((i for i, layer in enumerate(layers)
                      if any(True for _ in layer.module.parameters())), len(layers))
        plan = iter(self.plan_checks(layers, first))
        steps = [Step(f"loss: {self.loss_name}", "backward", plain["gy"], *formula, g[0],
                      check=_compare(self.tail(len(layers), a), a, g, g_engine, next(plan)))]
        grads: dict[str, np.ndarray] = {}

        def whole_loss() -> float:
            with no_grad():
                return float(self.loss_of(self.model(self.x[None])).data)

        for i in reversed(range(first, len(layers))):
            layer, f, m = layers[i], layers[i].formula, layers[i].module
            gx_engine, _ = _layer_vjp(m, layer.x, g_engine)
            closed = f.closed_input is not None and all(
                n in f.closed_params for n, _ in m.named_parameters())
            gx_rule, gp_rule = (None, {}) if closed else _layer_vjp(m, layer.x, g)
            for local, p in m.named_parameters():
                key = f"{layer.name}.{local}"
                form = f.closed_params.get(local)
                shown = form(m, layer.x, layer.y, g) if form is not None else gp_rule[local]
                templates = f.param_grads.get(local, (f"∂E/∂{local}",
                                                      rf"\partial E / \partial {local}"))
                text, latex = fill(templates[0], layer.plain), fill(templates[1], layer.latex)
                steps.append(Step(layer.label, "backward", text.split(" = ")[0], text, latex,
                                  shown, parameter=key, of=_symbol_of(local, f, layer, latex),
                                  check=_compare(whole_loss, p.data, shown, engine_grads[key],
                                                 next(plan))))
                grads[key] = shown
            if i == first:
                break
            # The layer's input cotangent; a short upstream expression is written into it
            # (δ₁ = (W₂ᵀδ₂) ⊙ σ′(z₁)), a long one is named by its symbol.
            plain_g = dict(layer.plain, g=_inline(upstream[0], layer.plain["gout"], "(", ")"))
            latex_g = dict(layer.latex, g=_inline(upstream[1], layer.latex["gout"],
                                                  r"\left(", r"\right)"))
            gx = f.closed_input(m, layer.x, layer.y, g) if f.closed_input is not None else gx_rule
            a = layer.x.copy()
            steps.append(Step(layer.label, "backward", layer.plain["gin"],
                              fill(f.input_grad[0], plain_g), fill(f.input_grad[1], latex_g),
                              gx[0], check=_compare(self.tail(i, a), a, gx, gx_engine,
                                                    next(plan))))
            g, g_engine, upstream = gx, gx_engine, (steps[-1].formula, steps[-1].latex)
        return steps, grads


def _symbol_of(local: str, f: Formula, layer: _Layer, latex: str) -> tuple[str, str]:
    """A parameter's symbol: Wₖ, bₖ of a numbered layer, else the one its gradient's
    formula differentiates by (γ, β of a batch norm)."""
    if f.numbered and local in ("weight", "bias"):
        key = "W" if local == "weight" else "b"
        return layer.plain[key], layer.latex[key]
    template = f.param_grads.get(local)
    plain = template[0].split(" = ", 1)[0].removeprefix("∂E/∂") if template else local
    prefix, lhs = r"\frac{\partial E}{\partial ", latex.split(" = ", 1)[0]
    return plain, (lhs[len(prefix):-1] if lhs.startswith(prefix) else plain)


def _inline(formula: str, symbol: str, left: str, right: str) -> str:
    """The right-hand side of a short formula, in brackets, to write into the next one;
    the symbol when the formula is long or annotated."""
    rhs = formula.split(" = ", 1)[-1]
    return f"{left}{rhs}{right}" if len(rhs) <= 24 and "   " not in rhs else symbol


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


def _compare(f: Callable[[], float], a: np.ndarray, shown: np.ndarray,
             engine: np.ndarray, entries: int = NUMERIC_ENTRIES) -> Check:
    """Compare ``shown`` (∂f/∂a) with the engine's array and, on a spread of entries, with
    central differences of f, perturbing ``a`` in place (and restoring it).

    An entry on a kink (relu at 0, a tie in a max-pool window) has no derivative: there the
    gap between the one-sided slopes stays as the step shrinks, where a smooth f's gap
    shrinks with the step. Such an entry is counted, not compared."""
    flat = a.reshape(-1)
    idx = np.unique(np.linspace(0, flat.size - 1, min(entries, flat.size)).round()
                    .astype(int))
    centre = f() if idx.size else 0.0
    worst, kinks = 0.0, 0
    for j in idx:
        keep = flat[j]
        slopes = []
        for h in (_H, _H / 10):
            flat[j] = keep + h
            up = f()
            flat[j] = keep - h
            down = f()
            flat[j] = keep
            slopes.append(((up - centre) / h, (centre - down) / h))
        (right, left), (right_fine, left_fine) = slopes
        gap, gap_fine = abs(right - left), abs(right_fine - left_fine)
        if gap_fine > 1e-6 * (1 + abs(right_fine)) + 0.5 * gap:
            kinks += 1
            continue
        worst = max(worst, abs(float(shown.reshape(-1)[j]) - (right_fine + left_fine) / 2))
    return Check(engine=float(np.max(np.abs(shown - engine))) if shown.size else 0.0,
                 numeric=worst, checked=len(idx) - kinks, kinks=kinks, size=int(shown.size),
                 scale=float(np.max(np.abs(shown))) if shown.size else 0.0)
