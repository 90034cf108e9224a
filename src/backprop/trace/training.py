"""Training a small network one update at a time on a toy dataset in the plane: each update's
batch and loss, the gradient of every parameter beside its formula (the trace's, summed over
the batch) and the optimiser's update rule with its numbers; the loss over the data after
each update and the decision regions of the network over the plane.

    from backprop.trace.training import Setup, Training
    run = Training(Setup(spec="linear(8) tanh linear(2)", data="moons", optimizer="adam"))
    update = run.step()          # update.parameters[0].lines: W₁ ← W₁ − η m̂ / (√v̂ + ε) …
    losses = run.run(100)        # the loss over the data after each of 100 updates
    run.rewind()                 # the same initial weights, bit for bit
    state = run.state()          # JSON-able: Training(setup, state) goes on from there

Everything is float64 and follows from the setup: the data, the initial weights and the
batches are drawn from its seed, so the same setup replays the same training. The arithmetic
is the library's: the engine's gradients, the optimiser's step (``backprop.optim``).
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import functional as F
from ..data.toy import TOYS, make_toy
from ..engine import Tensor, no_grad
from ..errors import BackpropError
from ..models import Limits, architecture, build_model
from ..random import drawing_from
from ..train.recipe import make_optimizer, optimizers
from .inputs import parse_values
from .updates import RULES, Line, hyper_of, names, rule_for

__all__ = ["Setup", "Training", "Update", "ParameterUpdate", "Regions", "LIMITS",
           "DEFAULT_SPEC", "OPTIMIZERS", "MAX_STEPS"]

DEFAULT_SPEC = "linear(8) tanh linear(2)"
# Every optimiser the recipe names, those with written-out lines first (the page lists them so).
OPTIMIZERS = tuple(n for n in RULES if n in optimizers()) + \
    tuple(sorted(set(optimizers()) - set(RULES)))
# Per-parameter state entries that are square roots' arguments: never negative.
_NON_NEGATIVE_STATE = ("exp_avg_sq", "max_exp_avg_sq", "square_avg", "sum")
# A network on points of the plane, evaluated over the data and a grid at every update.
LIMITS = Limits(parameters=10_000, values=1_000, multiply_adds=20_000)
MAX_STEPS = 100_000    # updates a training may have made
MAX_WORK = 2 * 10**9   # multiply-adds of the updates one call may make (a few seconds)
STEP_COST = 100_000    # an update's fixed cost (Python, NumPy calls), in multiply-adds
MAX_BATCH = 1_000
GRID = 64              # the decision regions are evaluated on GRID × GRID points
_MODERATE = 1e6        # weights and optimiser state given back by a client stay below this


@dataclass(frozen=True)
class Setup:
    """What a training is: the network (an architecture string on 2-D points, ending in as
    many outputs as the dataset has classes), the toy dataset (``data``, ``points``,
    ``noise``), the optimiser (any the recipe names: ``sgd``, ``momentum``, ``adam``…) and its learning rate
    (None: the optimiser's recipe default), the batch size and the seed of everything."""

    spec: str = DEFAULT_SPEC
    data: str = "moons"
    points: int = 200
    noise: float = 0.1
    optimizer: str = "sgd"
    lr: float | None = None
    batch_size: int = 16
    seed: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.spec, str) or not self.spec.strip() or len(self.spec) > 2000:
            raise BackpropError("spec: give an architecture string of at most 2,000 characters")
        if self.data not in TOYS:
            raise BackpropError(f"data must be one of {', '.join(TOYS)}, got {self.data!r}")
        if self.optimizer not in OPTIMIZERS:
            raise BackpropError(f"optimizer must be one of {', '.join(OPTIMIZERS)}, got "
                                f"{self.optimizer!r}")
        if self.lr is not None and (isinstance(self.lr, bool) or not isinstance(
                self.lr, (int, float)) or not 0 < self.lr <= 100):
            raise BackpropError(f"lr: expected a number in (0, 100], got {self.lr!r}")
        size = self.batch_size
        if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_BATCH:
            raise BackpropError(f"batch_size: expected an integer from 1 to {MAX_BATCH:,}, "
                                f"got {size!r}")
        if isinstance(self.points, int) and size > self.points:
            raise BackpropError(f"batch_size: {size} is more than the {self.points} points")


@dataclass(frozen=True)
class ParameterUpdate:
    """One parameter's part of an update: its state_dict ``name`` and ``symbol`` (plain,
    LaTeX: W₁, W_{1}), its gradient over the batch with the formula (plain, LaTeX), and the
    optimiser's lines taking it to its new value."""

    name: str
    symbol: tuple[str, str]
    gradient: np.ndarray
    formula: tuple[str, str]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Update:
    """Update number ``step`` (1 for the first): the batch (indices into the data), the loss
    E on it before the update, with its formula, and each parameter's update."""

    step: int
    batch: np.ndarray
    loss: float
    loss_formula: tuple[str, str]
    parameters: tuple[ParameterUpdate, ...]


@dataclass(frozen=True)
class Regions:
    """The network's prediction over a grid of the plane: ``classes[i, j]`` the predicted
    class at (xs[j], ys[i]) and ``confidence`` its probability."""

    xs: np.ndarray
    ys: np.ndarray
    classes: np.ndarray
    confidence: np.ndarray


class Training:
    """A network learning a toy dataset, one update at a time (see the module's doc)."""

    def __init__(self, setup: Setup, state: dict[str, Any] | None = None) -> None:
        self.setup = setup
        toy = TOYS[setup.data]
        self.x, self.y = make_toy(setup.data, setup.points, setup.noise, setup.seed)
        with drawing_from(np.random.default_rng([setup.seed, 1])):
            model = build_model(setup.spec, (2,), limits=LIMITS)
        if tuple(model.output_shape) != (toy.classes,):
            raise BackpropError(f"spec: the network gives {math.prod(model.output_shape)} "
                                f"outputs but {setup.data} has {toy.classes} classes (end the "
                                f"spec with linear({toy.classes}))")
        if not any(True for _ in model.parameters()):
            raise BackpropError(f"spec: {setup.spec!r} has no weights to train")
        self.model = model.to(np.float64)
        self.optimizer = make_optimizer(setup.optimizer, self.model.parameters(), lr=setup.lr)
        self.rule = rule_for(setup.optimizer)
        self._initial = {k: v.copy() for k, v in self.model.state_dict().items()}
        self._blank = copy.deepcopy(self.optimizer.state_dict())
        self.steps = 0
        self._formulas: dict[str, Any] | None = None
        if state is not None:
            self.load(state)

    # -- where it stands -----------------------------------------------------------------
    def rewind(self) -> None:
        """Back to the initial weights (bit for bit) and a fresh optimiser."""
        self.model.load_state_dict(self._initial)
        self.optimizer.load_state_dict(copy.deepcopy(self._blank))
        self.steps = 0

    def state(self) -> dict[str, Any]:
        """Where the training stands, JSON-able: the update count, the weights and the
        optimiser's per-parameter state, by state_dict name."""
        saved = self.optimizer.state_dict()["state"]
        keys = [k for k, _ in self.model.named_parameters()]
        return {"step": self.steps,
                "parameters": {k: v.tolist() for k, v in self.model.state_dict().items()},
                "optimizer": {keys[int(i)]: {n: (v.tolist() if isinstance(v, np.ndarray) else v)
                                             for n, v in s.items()}
                              for i, s in saved.items()}}

    def load(self, state: Any) -> None:
        """Go on from a :meth:`state` (as a client sent it back: every entry is checked)."""
        if not isinstance(state, dict) or set(state) - {"step", "parameters", "optimizer"}:
            raise BackpropError("state: expected {step, parameters, optimizer}")
        step = state.get("step")
        if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= MAX_STEPS:
            raise BackpropError(f"state: step must be an integer from 0 to {MAX_STEPS:,}")
        params = state.get("parameters")
        if not isinstance(params, dict):
            raise BackpropError("state: parameters must map state_dict names to arrays")
        values = {str(k): _moderate(parse_values(v, f"state: parameter {k}"), k)
                  for k, v in params.items()}
        try:
            self.model.load_state_dict(values)
        except BackpropError as e:
            raise BackpropError(f"state: {e}") from None
        saved = self.optimizer.state_dict()
        saved["state"] = self._optimizer_state(state.get("optimizer") or {}, step)
        self.optimizer.load_state_dict(saved)
        self.steps = step

    def _optimizer_state(self, given: Any, step: int) -> dict[int, dict[str, Any]]:
        expected = self._state_keys()
        if not isinstance(given, dict):
            raise BackpropError("state: optimizer must map parameter names to their state")
        index = {k: i for i, (k, _) in enumerate(self.model.named_parameters())}
        params = dict(self.model.named_parameters())
        out = {}
        for key, entry in given.items():
            if not expected and (key not in index or entry != {}):
                raise BackpropError(f"state: {self.setup.optimizer} keeps no state, got "
                                    f"{str(entry)[:40]} for {str(key)[:40]!r}")
            if key not in index or not isinstance(entry, dict) or set(entry) != expected:
                raise BackpropError(f"state: optimizer entry {str(key)[:40]!r} must be a "
                                    f"parameter's {', '.join(sorted(expected))}")
            s: dict[str, Any] = {}
            for name, v in entry.items():
                if name == "step":
                    if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= step:
                        raise BackpropError(f"state: {key} step must be from 1 to {step}")
                    s[name] = v
                    continue
                arr = _moderate(parse_values(v, f"state: {key} {name}"), key)
                positive = name in _NON_NEGATIVE_STATE
                if arr.shape != params[key].data.shape or (positive and np.any(arr < 0)):
                    raise BackpropError(f"state: {key} {name} must have the parameter's shape "
                                        f"{params[key].data.shape}"
                                        + (" and no negative entry" if positive else ""))
                s[name] = arr
            out[index[key]] = s
        return out

    def _state_keys(self) -> set[str]:
        """The entries this optimiser keeps per parameter, as it makes them: read from one
        step of a copy of it on a copy of the network (zero gradients)."""
        probe = copy.deepcopy(self.model)
        opt = make_optimizer(self.setup.optimizer, probe.parameters(), lr=self.setup.lr)
        for p in probe.parameters():
            p.grad = np.zeros_like(p.data)
        opt.step()
        return set(next(iter(opt.state.values()), {}))

    # -- one update ----------------------------------------------------------------------
    def batch(self, step: int) -> np.ndarray:
        """The indices of update ``step``'s batch (1 for the first): the data shuffled once
        per pass, from the seed, and taken in slices of batch_size."""
        per_pass = len(self.y) // self.setup.batch_size
        k = step - 1
        order = np.random.default_rng([self.setup.seed, 2, k // per_pass]).permutation(len(self.y))
        i = (k % per_pass) * self.setup.batch_size
        return order[i:i + self.setup.batch_size]

    def step(self) -> Update:
        """Make one update and say what it did."""
        if self.steps >= MAX_STEPS:
            raise BackpropError(f"training: at most {MAX_STEPS:,} updates")
        number = self.steps + 1
        idx = self.batch(number)
        before = {k: p.data.copy() for k, p in self.model.named_parameters()}
        state_before = {k: copy.deepcopy(self.optimizer.state.get(id(p), {}))
                        for k, p in self.model.named_parameters()}
        loss = self._gradients(idx, number)
        grads = {k: p.grad.copy() for k, p in self.model.named_parameters()}
        self.optimizer.step()
        self.steps = number
        hyper = hyper_of(self.optimizer.param_groups[0], self.rule)
        formulas = self.formulas()
        parts = []
        for k, p in self.model.named_parameters():
            symbol, (plain, latex) = formulas["symbols"][k], formulas["gradients"][k]
            lines = self.rule.lines(names(symbol), before[k], grads[k], state_before[k],
                                    self.optimizer.state.get(id(p), {}), hyper, p.data.copy())
            parts.append(ParameterUpdate(k, symbol, grads[k], (plain, latex), tuple(lines)))
        return Update(number, idx, loss, formulas["loss"], tuple(parts))

    def _gradients(self, idx: np.ndarray, number: int) -> float:
        """The engine's gradients of the batch's mean cross-entropy (dropout, if any, drawn
        from the seed and the update's number: a replay is the same)."""
        self.model.train()
        self.optimizer.zero_grad()
        with drawing_from(np.random.default_rng([self.setup.seed, 3, number])):
            loss = F.cross_entropy(self.model(Tensor(self.x[idx])), self.y[idx])
        loss.backward()
        value = float(loss.data)
        if not np.isfinite(value):
            raise BackpropError(f"training: the loss is {value} at update {number} (a learning "
                                f"rate too large?)")
        return value

    def work(self, steps: int) -> int:
        """The multiply-adds of ``steps`` updates: each a forward and backward pass of the
        batch (about three forward passes) and the loss over the data."""
        shapes = architecture(self.model, (2,)).shapes
        per_sample = sum(m.multiply_adds(s) for m, s in zip(self.model, shapes))
        return steps * ((3 * self.setup.batch_size + len(self.y)) * per_sample + STEP_COST)

    def run(self, steps: int) -> list[float]:
        """Make ``steps`` updates; the loss over the data after each. A number of updates
        beyond :data:`MAX_WORK` for this network and data is refused before any is made."""
        if self.work(steps) > MAX_WORK:
            most = MAX_WORK // max(1, self.work(1))
            raise BackpropError(f"training: {steps:,} updates of this network on "
                                f"{len(self.y):,} points is too much work at once (at most "
                                f"{most:,}: fewer points, a smaller network or fewer updates)")
        losses = []
        for _ in range(steps):
            number = self.steps + 1
            if number > MAX_STEPS:
                raise BackpropError(f"training: at most {MAX_STEPS:,} updates")
            self._gradients(self.batch(number), number)
            self.optimizer.step()
            self.steps = number
            losses.append(self.data_loss())
        return losses

    # -- what the network does now --------------------------------------------------------
    def data_loss(self) -> float:
        """The mean cross-entropy over all the data (evaluation mode)."""
        self.model.eval()
        with no_grad():
            return float(F.cross_entropy(self.model(Tensor(self.x)), self.y).data)

    def accuracy(self) -> float:
        self.model.eval()
        with no_grad():
            return float(np.mean(np.argmax(self.model(Tensor(self.x)).data, 1) == self.y))

    def regions(self, size: int = GRID) -> Regions:
        """The predicted class and its probability over a size × size grid covering the
        data with a margin."""
        lo, hi = self.x.min(0), self.x.max(0)
        pad = 0.1 * (hi - lo) + 0.1
        xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], size)
        ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], size)
        grid = np.stack(np.meshgrid(xs, ys), -1).reshape(-1, 2)
        self.model.eval()
        with no_grad():
            p = F.softmax(self.model(Tensor(grid)), dim=1).data
        return Regions(xs, ys, np.argmax(p, 1).reshape(size, size),
                       np.max(p, 1).reshape(size, size))

    # -- the formulas, from the trace -----------------------------------------------------
    def formulas(self) -> dict[str, Any]:
        """Each parameter's symbol and its gradient over the batch, from the formula the
        trace gives for one sample: ∂E/∂W₁ = (1/B) Σₙ [δ₁ xᵀ]ₙ; and the loss's."""
        if self._formulas is None:
            from .compute import trace

            t = trace(model=copy.deepcopy(self.model), input=self.x[0], target=int(self.y[0]))
            gradients = {}
            for s in t.steps:
                if s.parameter is not None:
                    gradients[s.parameter] = _summed(s.formula, s.latex)
            out = next(s for s in reversed(t.steps) if s.direction == "forward"
                       and not s.layer.startswith("loss"))
            z = out.symbol
            zl = out.latex.split(" = ", 1)[0]
            self._formulas = {
                "symbols": t.symbols, "gradients": gradients,
                "loss": (f"E = (1/B) Σₙ −log softmax({z}⁽ⁿ⁾)_tₙ   (B = {self.setup.batch_size})",
                         rf"E = -\frac{{1}}{{B}} \sum_{{n=1}}^{{B}} \log "
                         rf"\operatorname{{softmax}}\left({zl}^{{(n)}}\right)_{{t_{{n}}}}")}
        return self._formulas


def _summed(plain: str, latex: str) -> tuple[str, str]:
    """One sample's gradient formula made the batch's: ∂E/∂W₁ = δ₁ xᵀ becomes
    ∂E/∂W₁ = (1/B) Σₙ [δ₁ xᵀ]ₙ (the loss is the batch's mean)."""
    lhs, rhs = plain.split(" = ", 1)
    rhs, _, note = rhs.partition("   ")
    lhs_l, rhs_l = latex.split(" = ", 1)
    return (f"{lhs} = (1/B) Σₙ [{rhs}]ₙ" + (f"   {note}" if note else ""),
            rf"{lhs_l} = \frac{{1}}{{B}} \sum_{{n=1}}^{{B}} \left[{rhs_l}\right]_{{n}}")


def _moderate(a: np.ndarray, key: Any) -> np.ndarray:
    if np.max(np.abs(a)) > _MODERATE:
        raise BackpropError(f"state: {str(key)[:40]} has values beyond ±{_MODERATE:g}")
    return a
