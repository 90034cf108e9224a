"""Learning-rate schedules as torch.optim.lr_scheduler: closed forms of the step count
(stepped per epoch, or per batch for OneCycleLR), and ReduceLROnPlateau, driven by a metric."""

from __future__ import annotations

import bisect
import math
from typing import Callable, Sequence

from ..errors import BackpropError
from ..validate import check_int, check_positive
from .optimizer import Optimizer


class LRScheduler:
    """A learning rate that is a function of the step count and each group's base rate.

    The base rate is the group's ``initial_lr`` (set from its ``lr`` when the schedule starts,
    as torch's): stored once, in the optimiser's param groups, so the schedule's own state is
    only its ``last_epoch``.
    """

    per_batch = False  # stepped after each epoch; True: after each optimiser step
    needs_metric = False

    def __init__(self, optimizer: Optimizer) -> None:
        self.optimizer = optimizer
        for g in optimizer.param_groups:
            g.setdefault("initial_lr", g["lr"])
        self.last_epoch = 0
        self._apply()

    @property
    def base_lrs(self) -> list[float]:
        return [g["initial_lr"] for g in self.optimizer.param_groups]

    def lr_at(self, base_lr: float, epoch: int) -> float:
        raise NotImplementedError

    def _apply(self) -> None:
        for g, base in zip(self.optimizer.param_groups, self.base_lrs):
            g["lr"] = self.lr_at(base, self.last_epoch)

    def step(self) -> None:
        self.last_epoch += 1
        self._apply()

    def get_last_lr(self) -> list[float]:
        return [g["lr"] for g in self.optimizer.param_groups]

    def state_dict(self) -> dict:
        """``{"last_epoch": t}``; the base rates are the optimiser's (load it first)."""
        return {"last_epoch": self.last_epoch}

    def load_state_dict(self, state: dict) -> None:
        self.last_epoch = int(state["last_epoch"])  # older files' "base_lrs" repeated initial_lr
        self._apply()


class _Decaying(LRScheduler):
    """A rate multiplied by a factor at some steps: η_t = η₀ · f₁ · f₂ ⋯ (the factors of the
    decays up to step t), multiplied one after the other as PyTorch's chainable schedules
    do — not γᵏ computed at once, which can differ from it in the last bit."""

    def decays(self, epoch: int) -> int:
        """How many decays steps 1 … ``epoch`` hold."""
        raise NotImplementedError

    def factor(self, k: int) -> float:
        """The factor of decay ``k`` (0, 1, …)."""
        return self.gamma

    def lr_at(self, base_lr: float, epoch: int) -> float:
        # carried on from the last rate computed for this base: a step costs one product
        memo = self.__dict__.setdefault("_memo", {})
        done, lr = memo.get(base_lr, (0, base_lr))
        n = self.decays(epoch)
        if n < done:
            done, lr = 0, base_lr
        for k in range(done, n):
            lr = lr * self.factor(k)
        memo[base_lr] = (n, lr)
        return lr


class StepLR(_Decaying):
    """η_t = η₀ · γ^⌊t / step_size⌋: the rate is multiplied by γ every ``step_size`` steps."""

    def __init__(self, optimizer: Optimizer, step_size: int, gamma: float = 0.1) -> None:
        self.step_size = check_int("StepLR", "step_size", step_size, minimum=1)
        self.gamma = float(check_positive("StepLR", "gamma", gamma))
        super().__init__(optimizer)

    def decays(self, epoch: int) -> int:
        return epoch // self.step_size


class MultiStepLR(_Decaying):
    """η_t = η₀ · γ^(number of milestones ≤ t): the rate is multiplied by γ at each
    milestone (by γᵐ at one listed m times)."""

    def __init__(self, optimizer: Optimizer, milestones: Sequence[int],
                 gamma: float = 0.1) -> None:
        milestones = [check_int("MultiStepLR", "milestones", m, minimum=1)
                      for m in milestones]
        self.milestones = sorted(milestones)
        self._distinct = sorted(set(milestones))
        self.gamma = float(check_positive("MultiStepLR", "gamma", gamma))
        super().__init__(optimizer)

    def decays(self, epoch: int) -> int:
        return bisect.bisect_right(self._distinct, epoch)

    def factor(self, k: int) -> float:
        return self.gamma ** self.milestones.count(self._distinct[k])


class ExponentialLR(_Decaying):
    """η_t = η₀ · γᵗ: the rate is multiplied by γ at every step."""

    def __init__(self, optimizer: Optimizer, gamma: float) -> None:
        self.gamma = float(check_positive("ExponentialLR", "gamma", gamma))
        super().__init__(optimizer)

    def decays(self, epoch: int) -> int:
        return epoch


class CosineAnnealingLR(LRScheduler):
    """η_t = η_min + (η₀ − η_min)(1 + cos(π t / T_max))/2 (Loshchilov & Hutter, 2017)."""

    def __init__(self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0) -> None:
        T_max = check_int("CosineAnnealingLR", "T_max", T_max, minimum=1)
        self.T_max, self.eta_min = T_max, eta_min
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, epoch: int) -> float:
        # Past T_max the cosine keeps going (back up), exactly as PyTorch's schedule does.
        cos = math.cos(math.pi * epoch / self.T_max)
        return self.eta_min + (base_lr - self.eta_min) * (1 + cos) / 2


class LambdaLR(LRScheduler):
    """η_t = η₀ · f(t) for a function f of the epoch (one per parameter group, or one for all).

    The functions are not saved by ``state_dict`` (as in PyTorch): give them again on resume.
    """

    def __init__(self, optimizer: Optimizer, lr_lambda: Callable[[int], float]
                 | Sequence[Callable[[int], float]]) -> None:
        n = len(optimizer.param_groups)
        self.lr_lambdas = list(lr_lambda) if isinstance(lr_lambda, (list, tuple)) \
            else [lr_lambda] * n
        if len(self.lr_lambdas) != n or not all(callable(f) for f in self.lr_lambdas):
            raise BackpropError(f"LambdaLR: expected a function or {n} functions (one per "
                                f"parameter group)")
        super().__init__(optimizer)

    def _apply(self) -> None:
        for g, base, f in zip(self.optimizer.param_groups, self.base_lrs, self.lr_lambdas):
            g["lr"] = base * f(self.last_epoch)


class LinearLR(LRScheduler):
    """Linear warm-up (or decay) of the factor: η_t = η₀ · (s + (e − s) · min(t, T)/T), with
    start factor s, end factor e and T = total_iters; constant after T."""

    def __init__(self, optimizer: Optimizer, start_factor: float = 1.0 / 3,
                 end_factor: float = 1.0, total_iters: int = 5) -> None:
        if not 0 < start_factor <= 1 or not 0 <= end_factor <= 1:
            raise BackpropError(f"LinearLR: start_factor must be in (0, 1] and end_factor in "
                                f"[0, 1], got {start_factor}, {end_factor}")
        if total_iters <= 0:
            raise BackpropError(f"LinearLR: total_iters must be positive, got {total_iters}")
        self.start_factor, self.end_factor, self.total_iters = start_factor, end_factor, total_iters
        super().__init__(optimizer)

    def lr_at(self, base_lr: float, epoch: int) -> float:
        s, e, T = self.start_factor, self.end_factor, self.total_iters
        return base_lr * (s + (e - s) * min(T, epoch) / T)


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
                 three_phase: bool = False) -> None:
        if total_steps is None:
            if not epochs or not steps_per_epoch or epochs <= 0 or steps_per_epoch <= 0:
                raise BackpropError("OneCycleLR: give total_steps, or epochs and steps_per_epoch"
                                    " (all positive)")
            total_steps = epochs * steps_per_epoch
        if total_steps <= 0:
            raise BackpropError(f"OneCycleLR: total_steps must be positive, got {total_steps}")
        if not 0 <= pct_start <= 1:
            raise BackpropError(f"OneCycleLR: pct_start must be in [0, 1], got {pct_start}")
        if anneal_strategy not in ("cos", "linear"):
            raise BackpropError(f"OneCycleLR: anneal_strategy must be 'cos' or 'linear', got "
                                f"{anneal_strategy!r}")
        groups = optimizer.param_groups
        self.use_beta1 = "betas" in optimizer.defaults
        if cycle_momentum and not self.use_beta1 and "momentum" not in optimizer.defaults:
            raise BackpropError(f"OneCycleLR: {type(optimizer).__name__} has no momentum or "
                                f"beta1 to cycle; pass cycle_momentum=False")
        self.total_steps, self.anneal_strategy = total_steps, anneal_strategy
        self.cycle_momentum = cycle_momentum
        maxes = list(max_lr) if isinstance(max_lr, (list, tuple)) else [max_lr] * len(groups)
        for g, top in zip(groups, maxes):
            g["initial_lr"] = top / div_factor
            g["max_lr"], g["min_lr"] = top, g["initial_lr"] / final_div_factor
            if cycle_momentum:
                g["max_momentum"], g["base_momentum"] = max_momentum, base_momentum
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
        super().__init__(optimizer)

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
                    pct = (t - start) / (end - start)
                    g["lr"] = self._anneal(g[lr0], g[lr1], pct)
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
        if factor >= 1.0:
            raise BackpropError(f"ReduceLROnPlateau: factor must be < 1, got {factor}")
        if mode not in ("min", "max") or threshold_mode not in ("rel", "abs"):
            raise BackpropError(f"ReduceLROnPlateau: mode must be 'min' or 'max' and "
                                f"threshold_mode 'rel' or 'abs', got {mode!r}, "
                                f"{threshold_mode!r}")
        n = len(optimizer.param_groups)
        self.min_lrs = list(min_lr) if isinstance(min_lr, (list, tuple)) else [min_lr] * n
        if len(self.min_lrs) != n:
            raise BackpropError(f"ReduceLROnPlateau: expected {n} min_lr values, got "
                                f"{len(self.min_lrs)}")
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
        current = float(metrics)
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
