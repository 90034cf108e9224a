"""Learning-rate schedules as torch.optim.lr_scheduler: closed forms of the step count
(stepped per epoch, or per batch for OneCycleLR), and ReduceLROnPlateau, driven by a metric.

Every step costs O(1) (O(log m) for m milestones), whatever the step count: a schedule
resumed at step 10¹⁰ computes its rate from the closed form, not by replaying the steps.
Every argument is checked when the schedule is made (NaN, inf, a negative or zero value
where it means nothing), and a rate that comes out NaN or infinite is refused, naming the
schedule and the step, instead of reaching the optimiser.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from typing import Any, Callable, Sequence

from ..errors import BackpropError
from ..limits import check_allocation
from ..validate import check_choice, check_flag, check_int, check_number, check_positive
from .optimizer import Optimizer

# A jump of more decays than this (a resumed or hand-set step count) takes the closed form
# η₀·γᵏ at once; fewer are multiplied one after the other, as PyTorch's chained rates are.
_CHAIN = 64


def _finite(op: str, name: str, value: Any, low: float | None = None,
            high: float | None = None, low_open: bool = False) -> float:
    """A finite real number, within [low, high] (low excluded when ``low_open``)."""
    expected = "a finite number"
    if low is not None or high is not None:
        lo = "-∞" if low is None else f"{low:g}"
        hi = "∞" if high is None else f"{high:g}"
        expected = f"a number in {'(' if low_open or low is None else '['}{lo}, {hi}" + \
            ("]" if high is not None else ")")

    def ok(v: float) -> bool:
        return (math.isfinite(v) and (low is None or (v > low if low_open else v >= low))
                and (high is None or v <= high))

    return float(check_number(op, name, value, ok, expected))


def _last_epoch(op: str, value: Any) -> int:
    return check_int(op, "last_epoch", value, minimum=-1)



def _power(x: float, n: int) -> float:
    """x ** n, infinite where the float overflows (Python raises there; the rate check then
    names the step)."""
    try:
        return x ** n
    except OverflowError:
        return math.inf

class LRScheduler:
    """A learning rate that is a function of the step count and each group's base rate.

    The base rate is the group's ``initial_lr`` (set from its ``lr`` when the schedule starts,
    as torch's): stored once, in the optimiser's param groups, so the schedule's own state is
    only its ``last_epoch``.
    """

    per_batch = False  # stepped after each epoch; True: after each optimiser step
    needs_metric = False

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        """``last_epoch=-1`` starts the schedule at step 0; another value resumes it after
        that step (step ``last_epoch + 1``), as PyTorch's, from the groups' ``initial_lr``,
        which must then be there (a resumed optimiser has it)."""
        op = type(self).__name__
        last_epoch = _last_epoch(op, last_epoch)
        if not isinstance(optimizer, Optimizer):
            raise BackpropError(f"{op}: expected an optimiser, got {type(optimizer).__name__}")
        self.optimizer = optimizer
        for k, g in enumerate(optimizer.param_groups):
            if last_epoch == -1:
                g.setdefault("initial_lr", g["lr"])
            elif "initial_lr" not in g:
                raise BackpropError(f"{op}: last_epoch={last_epoch} resumes a schedule, but "
                                    f"param group {k} has no 'initial_lr' (resume the "
                                    f"optimiser's state first, or leave last_epoch at -1)")
            _finite(op, f"the initial_lr of param group {k}", g["initial_lr"], 0)
        self.last_epoch = last_epoch + 1
        self._apply()

    @property
    def base_lrs(self) -> list[float]:
        return [g["initial_lr"] for g in self.optimizer.param_groups]

    def lr_at(self, base_lr: float, epoch: int) -> float:
        raise NotImplementedError

    def _apply(self) -> None:
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self._checked(self.lr_at(base, self.last_epoch))

    def _checked(self, lr: Any) -> float:
        """A rate that came out NaN or infinite (γ > 1 for long enough, a lambda's NaN) is
        refused here, naming the step, rather than silently ruining the parameters."""
        try:
            ok = math.isfinite(lr)
        except (TypeError, ValueError, OverflowError):
            ok = False
        if not ok:
            raise BackpropError(f"{type(self).__name__}: the learning rate at step "
                                f"{self.last_epoch} is {lr!r}, not a finite number")
        return lr

    def step(self) -> None:
        self.last_epoch += 1
        self._apply()

    def get_last_lr(self) -> list[float]:
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self) -> dict:
        """``{"last_epoch": t}``; the base rates are the optimiser's (load it first)."""
        return {"last_epoch": self.last_epoch}

    def load_state_dict(self, state: dict) -> None:
        # older files' "base_lrs" repeated initial_lr
        self.last_epoch = check_int(type(self).__name__, "last_epoch", state["last_epoch"],
                                    minimum=0)
        self._apply()


class _Decaying(LRScheduler):
    """A rate multiplied by a factor at some steps: η_t = η₀ · f₁ · f₂ ⋯ (the factors of the
    decays up to step t). Stepped one step at a time, the factors are multiplied one after
    the other as PyTorch's chainable schedules do (γᵏ computed at once can differ from k
    products in the last bit); a jump of many decays (a resumed or hand-set step) takes
    PyTorch's closed form η₀ · γᵏ at once, in O(1)."""

    gamma: float

    def decays(self, epoch: int) -> int:
        """How many decays steps 1 … ``epoch`` hold."""
        raise NotImplementedError

    def factor(self, k: int) -> float:
        """The factor of decay ``k`` (0, 1, …)."""
        return self.gamma

    def power(self, epoch: int) -> int:
        """The exponent of γ in the closed form at ``epoch``."""
        return self.decays(epoch)

    def lr_at(self, base_lr: float, epoch: int) -> float:
        # carried on from the last rate computed for this base: a step costs one product
        memo = self.__dict__.setdefault("_memo", {})
        done, lr = memo.get(base_lr, (0, base_lr))
        n = self.decays(epoch)
        if done <= n <= done + _CHAIN:
            for k in range(done, n):
                lr = lr * self.factor(k)
        else:
            try:
                lr = base_lr * _power(self.gamma, self.power(epoch))
            except OverflowError:  # γ > 1 for too many steps
                lr = math.inf
        memo[base_lr] = (n, lr)
        return lr


class StepLR(_Decaying):
    """η_t = η₀ · γ^⌊t / step_size⌋: the rate is multiplied by γ every ``step_size`` steps."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1,
                 last_epoch: int = -1) -> None:
        self.step_size = check_int("StepLR", "step_size", step_size, minimum=1)
        self.gamma = float(check_positive("StepLR", "gamma", gamma))
        super().__init__(optimizer, last_epoch)

    def decays(self, epoch: int) -> int:
        return epoch // self.step_size


class MultiStepLR(_Decaying):
    """η_t = η₀ · γ^(number of milestones ≤ t): the rate is multiplied by γ at each
    milestone (by γᵐ at one listed m times). A step costs O(log m) for m milestones."""

    def __init__(self, optimizer: Optimizer, milestones: Sequence[int],
                 gamma: float = 0.1, last_epoch: int = -1) -> None:
        if isinstance(milestones, (str, bytes)) or not hasattr(milestones, "__len__"):
            raise BackpropError(f"MultiStepLR: milestones must be a list of step numbers, got "
                                f"{type(milestones).__name__}")
        check_allocation("MultiStepLR", "list of milestones", (2, len(milestones)), "int64")
        milestones = [check_int("MultiStepLR", "milestones", m, minimum=1)
                      for m in milestones]
        self.milestones = sorted(milestones)
        counts = Counter(milestones)
        self._distinct = sorted(counts)
        self.gamma = float(check_positive("MultiStepLR", "gamma", gamma))
        self._times = [counts[m] for m in self._distinct]
        super().__init__(optimizer, last_epoch)

    def decays(self, epoch: int) -> int:
        return bisect.bisect_right(self._distinct, epoch)

    def factor(self, k: int) -> float:
        return _power(self.gamma, self._times[k])

    def power(self, epoch: int) -> int:
        return bisect.bisect_right(self.milestones, epoch)  # milestones repeated count again


class ExponentialLR(_Decaying):
    """η_t = η₀ · γᵗ: the rate is multiplied by γ at every step."""

    def __init__(self, optimizer: Optimizer, gamma: float, last_epoch: int = -1) -> None:
        self.gamma = float(check_positive("ExponentialLR", "gamma", gamma))
        super().__init__(optimizer, last_epoch)

    def decays(self, epoch: int) -> int:
        return epoch


class CosineAnnealingLR(LRScheduler):
    """η_t = η_min + (η₀ − η_min)(1 + cos(π t / T_max))/2 (Loshchilov & Hutter, 2017)."""

    def __init__(self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0,
                 last_epoch: int = -1) -> None:
        T_max = check_int("CosineAnnealingLR", "T_max", T_max, minimum=1)
        self.T_max = T_max
        self.eta_min = _finite("CosineAnnealingLR", "eta_min", eta_min, 0)
        super().__init__(optimizer, last_epoch)

    def lr_at(self, base_lr: float, epoch: int) -> float:
        # Past T_max the cosine keeps going (back up), exactly as PyTorch's schedule does.
        cos = math.cos(math.pi * (epoch % (2 * self.T_max)) / self.T_max)  # exact at any t
        return self.eta_min + (base_lr - self.eta_min) * (1 + cos) / 2


class LambdaLR(LRScheduler):
    """η_t = η₀ · f(t) for a function f of the epoch (one per parameter group, or one for all).

    The functions are not saved by ``state_dict`` (as in PyTorch): give them again on resume.
    """

    def __init__(self, optimizer: Optimizer, lr_lambda: Callable[[int], float]
                 | Sequence[Callable[[int], float]], last_epoch: int = -1) -> None:
        n = len(optimizer.param_groups)
        self.lr_lambdas = list(lr_lambda) if isinstance(lr_lambda, (list, tuple)) \
            else [lr_lambda] * n
        if len(self.lr_lambdas) != n or not all(callable(f) for f in self.lr_lambdas):
            raise BackpropError(f"LambdaLR: expected a function or {n} functions (one per "
                                f"parameter group)")
        super().__init__(optimizer, last_epoch)

    def _apply(self) -> None:
        for g, base, f in zip(self.optimizer.param_groups, self.base_lrs, self.lr_lambdas):
            factor = f(self.last_epoch)
            if isinstance(factor, bool) or not isinstance(factor, (int, float)) and not (
                    hasattr(factor, "__float__") and getattr(factor, "ndim", 0) == 0):
                raise BackpropError(f"LambdaLR: lr_lambda returned {factor!r} at step "
                                    f"{self.last_epoch}; expected a number")
            g["lr"] = self._checked(base * float(factor))


class LinearLR(LRScheduler):
    """Linear warm-up (or decay) of the factor: η_t = η₀ · (s + (e − s) · min(t, T)/T), with
    start factor s, end factor e and T = total_iters; constant after T."""

    def __init__(self, optimizer: Optimizer, start_factor: float = 1.0 / 3,
                 end_factor: float = 1.0, total_iters: int = 5, last_epoch: int = -1) -> None:
        self.start_factor = _finite("LinearLR", "start_factor", start_factor, 0, 1, low_open=True)
        self.end_factor = _finite("LinearLR", "end_factor", end_factor, 0, 1)
        self.total_iters = check_int("LinearLR", "total_iters", total_iters, minimum=1)
        super().__init__(optimizer, last_epoch)

    def lr_at(self, base_lr: float, epoch: int) -> float:
        s, e, T = self.start_factor, self.end_factor, self.total_iters
        if epoch >= T:  # exactly e: s + (e − s)·T/T can round below 0 when e = 0
            return base_lr * e
        return base_lr * (s + (e - s) * (epoch / T))


class OneCycleLR(LRScheduler):
    """The one-cycle policy (Smith & Topin, 2019), stepped per batch, as PyTorch's.

    The rate rises from η_max/div_factor to η_max over the first pct_start of the steps, then
    falls to η_max/(div_factor · final_div_factor) (three_phase: back to the start first);
    each phase is cosine (default) or linear. With ``cycle_momentum`` the momentum (SGD,
    RMSprop) or Adam's β₁ moves the opposite way between max_momentum and base_momentum.
    """

    per_batch = True

    def __init__(self, optimizer: Optimizer, max_lr: float | Sequence[float],
                 total_steps: int | None = None, epochs: int | None = None,
                 steps_per_epoch: int | None = None, pct_start: float = 0.3,
                 anneal_strategy: str = "cos", cycle_momentum: bool = True,
                 base_momentum: float = 0.85, max_momentum: float = 0.95,
                 div_factor: float = 25.0, final_div_factor: float = 1e4,
                 three_phase: bool = False, last_epoch: int = -1) -> None:
        op = "OneCycleLR"
        if not isinstance(optimizer, Optimizer):
            raise BackpropError(f"{op}: expected an optimiser, got {type(optimizer).__name__}")
        if total_steps is None:
            if epochs is None or steps_per_epoch is None:
                raise BackpropError("OneCycleLR: give total_steps, or epochs and steps_per_epoch"
                                    " (all positive)")
            total_steps = (check_int(op, "epochs", epochs, minimum=1)
                           * check_int(op, "steps_per_epoch", steps_per_epoch, minimum=1))
        total_steps = check_int(op, "total_steps", total_steps, minimum=1)
        pct_start = _finite(op, "pct_start", pct_start, 0, 1)
        check_choice(op, "anneal_strategy", anneal_strategy, ("cos", "linear"))
        cycle_momentum = check_flag(op, "cycle_momentum", cycle_momentum)
        three_phase = check_flag(op, "three_phase", three_phase)
        div_factor = _finite(op, "div_factor", div_factor, 0, low_open=True)
        final_div_factor = _finite(op, "final_div_factor", final_div_factor, 0, low_open=True)
        groups = optimizer.param_groups
        self.use_beta1 = "betas" in optimizer.defaults
        if cycle_momentum and not self.use_beta1 and "momentum" not in optimizer.defaults:
            raise BackpropError(f"OneCycleLR: {type(optimizer).__name__} has no momentum or "
                                f"beta1 to cycle; pass cycle_momentum=False")
        self.total_steps, self.anneal_strategy = total_steps, anneal_strategy
        self.cycle_momentum = cycle_momentum
        maxes = self._per_group("max_lr", max_lr, len(groups), low=0, low_open=True)
        highs = self._per_group("max_momentum", max_momentum, len(groups), low=0, high=1)
        lows = self._per_group("base_momentum", base_momentum, len(groups), low=0, high=1)
        if _last_epoch(op, last_epoch) != -1:  # resumed: the groups keep their rates
            keys = ("initial_lr", "max_lr", "min_lr") + (
                ("max_momentum", "base_momentum") if cycle_momentum else ())
            missing = [(k, key) for k, g in enumerate(groups) for key in keys if key not in g]
            if missing:
                raise BackpropError(f"OneCycleLR: last_epoch={last_epoch} resumes a schedule, "
                                    f"but param group {missing[0][0]} has no "
                                    f"{missing[0][1]!r} (resume the optimiser's state first)")
        else:
            for g, top, high, low in zip(groups, maxes, highs, lows):
                first = top / div_factor
                if not (math.isfinite(first) and math.isfinite(first / final_div_factor)):
                    raise BackpropError(f"OneCycleLR: max_lr {top} / div_factor {div_factor} / "
                                        f"final_div_factor {final_div_factor} is not a finite "
                                        f"rate")
                g["initial_lr"] = first
                g["max_lr"], g["min_lr"] = top, first / final_div_factor
                if cycle_momentum:
                    g["max_momentum"], g["base_momentum"] = high, low
                    if self.use_beta1:
                        g["betas"] = (high, *g["betas"][1:])
                    else:
                        g["momentum"] = high
        p = pct_start * total_steps
        if three_phase:
            self.phases = [(p - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                           (2 * p - 2, "max_lr", "initial_lr", "base_momentum", "max_momentum"),
                           (total_steps - 1, "initial_lr", "min_lr", "max_momentum",
                            "max_momentum")]
        else:
            self.phases = [(p - 1, "initial_lr", "max_lr", "max_momentum", "base_momentum"),
                           (total_steps - 1, "max_lr", "min_lr", "base_momentum",
                            "max_momentum")]
        super().__init__(optimizer, last_epoch)

    @staticmethod
    def _per_group(name: str, value: Any, n: int, **bounds: Any) -> list[float]:
        """One value for every param group, or a list of one each."""
        values = list(value) if isinstance(value, (list, tuple)) else [value] * n
        if len(values) != n:
            raise BackpropError(f"OneCycleLR: expected {n} values of {name} (one per param "
                                f"group), got {len(values)}")
        return [_finite("OneCycleLR", name, v, **bounds) for v in values]

    def _anneal(self, start: float, end: float, pct: float) -> float:
        if self.anneal_strategy == "cos":
            return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        return (end - start) * pct + start

    def _apply(self) -> None:
        t = self.last_epoch
        if t > self.total_steps:
            raise BackpropError(f"OneCycleLR: stepped {t} times but total_steps is "
                                f"{self.total_steps}")
        for g in self.optimizer.param_groups:
            start = 0.0
            for i, (end, lr0, lr1, m0, m1) in enumerate(self.phases):
                if t <= end or i == len(self.phases) - 1:
                    # a phase of no steps (pct_start · total_steps = 1) is over at once
                    pct = (t - start) / (end - start) if end != start else 1.0
                    g["lr"] = self._checked(self._anneal(g[lr0], g[lr1], pct))
                    if self.cycle_momentum:
                        m = self._anneal(g[m0], g[m1], pct)
                        if self.use_beta1:
                            g["betas"] = (m, *g["betas"][1:])
                        else:
                            g["momentum"] = m
                    break
                start = end


class ReduceLROnPlateau:
    """Divide the rate by 1/factor when a metric has stopped improving for ``patience``
    epochs, as torch.optim.lr_scheduler.ReduceLROnPlateau: ``step(metric)`` after each
    evaluation.

    "Improving" means below best·(1 − threshold) (mode 'min', threshold_mode 'rel'), below
    best − threshold ('abs'), or the mirror images for mode 'max'. After a reduction the
    count waits ``cooldown`` epochs; the rate never goes below min_lr, and a change smaller
    than eps is not made. The training loop steps it after each epoch with the validation
    loss (the training loss without a hold-out).
    """

    per_batch = False
    needs_metric = True

    def __init__(self, optimizer: Optimizer, mode: str = "min", factor: float = 0.1,
                 patience: int = 10, threshold: float = 1e-4, threshold_mode: str = "rel",
                 cooldown: int = 0, min_lr: float | Sequence[float] = 0.0,
                 eps: float = 1e-8) -> None:
        op = "ReduceLROnPlateau"
        if not isinstance(optimizer, Optimizer):
            raise BackpropError(f"{op}: expected an optimiser, got {type(optimizer).__name__}")
        factor = check_number(op, "factor", factor, lambda v: 0 <= v < 1, "a number in [0, 1)")
        check_choice(op, "mode", mode, ("min", "max"))
        check_choice(op, "threshold_mode", threshold_mode, ("rel", "abs"))
        patience = check_int(op, "patience", patience, minimum=0)
        cooldown = check_int(op, "cooldown", cooldown, minimum=0)
        threshold = _finite(op, "threshold", threshold, 0)
        eps = _finite(op, "eps", eps, 0)
        n = len(optimizer.param_groups)
        self.min_lrs = list(min_lr) if isinstance(min_lr, (list, tuple)) else [min_lr] * n
        if len(self.min_lrs) != n:
            raise BackpropError(f"ReduceLROnPlateau: expected {n} min_lr values, got "
                                f"{len(self.min_lrs)}")
        self.min_lrs = [_finite(op, "min_lr", v, 0) for v in self.min_lrs]
        self.optimizer = optimizer
        self.mode, self.factor, self.patience = mode, factor, patience
        self.threshold, self.threshold_mode = threshold, threshold_mode
        self.cooldown, self.eps = cooldown, eps
        self.best = math.inf if mode == "min" else -math.inf
        self.num_bad_epochs = 0
        self.cooldown_counter = 0
        self.last_epoch = 0

    def _is_better(self, a: float) -> bool:
        rel = self.threshold_mode == "rel"
        if self.mode == "min":
            return a < (self.best * (1 - self.threshold) if rel else self.best - self.threshold)
        return a > (self.best * (1 + self.threshold) if rel else self.best + self.threshold)

    def step(self, metrics: float) -> None:
        try:
            current = float(metrics)
        except (TypeError, ValueError):
            raise BackpropError(f"ReduceLROnPlateau: step needs the metric as a number, got "
                                f"{type(metrics).__name__}") from None
        self.last_epoch += 1
        if self._is_better(current):
            self.best, self.num_bad_epochs = current, 0
        else:
            self.num_bad_epochs += 1
        if self.cooldown_counter > 0:
            self.cooldown_counter -= 1
            self.num_bad_epochs = 0
        if self.num_bad_epochs > self.patience:
            for g, floor in zip(self.optimizer.param_groups, self.min_lrs):
                new = max(g["lr"] * self.factor, floor)
                if g["lr"] - new > self.eps:
                    g["lr"] = new
            self.cooldown_counter, self.num_bad_epochs = self.cooldown, 0

    def get_last_lr(self) -> list[float]:
        return [g["lr"] for g in self.optimizer.param_groups]

    _STATE = ("best", "num_bad_epochs", "cooldown_counter", "last_epoch")

    def state_dict(self) -> dict:
        return {k: getattr(self, k) for k in self._STATE}

    def load_state_dict(self, state: dict) -> None:
        for k in self._STATE:
            setattr(self, k, type(getattr(self, k))(state[k]))
