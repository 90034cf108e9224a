"""The training loop: seeded mini-batches, validation, early stopping, progress, resumable.

A run's random numbers are its own, derived from its seed (:class:`backprop.random.RunRandom`):
the order of the samples in an epoch depends on nothing but the seed and the epoch number, so
a run resumed at (epoch, step) sees exactly the batches the uninterrupted run would have
seen; dropout draws from the run's generator, whose state a checkpoint keeps.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable

import numpy as np

from ..engine import no_grad
from ..errors import BackpropError
from ..data.augment import parse_augment
from ..data.datasets import check_inputs
from ..nn.module import parameter_dtype
from ..random import RunRandom, drawing_from
from .divergence import DivergenceGuard
from .objectives import objective

__all__ = ["Trainer", "TrainConfig", "RunState", "Display", "fit", "evaluate", "predict",
           "format_row"]


def predict(model, x: np.ndarray, batch_size: int = 1000) -> np.ndarray:
    """Model outputs (logits) for ``x``, in eval mode and without recording, in large batches."""
    was_training = model.training
    model.eval()
    x = np.asarray(x)
    dtype = parameter_dtype(model)
    outs = []
    try:
        with no_grad():
            for i in range(0, len(x), batch_size):
                outs.append(model(x[i:i + batch_size].astype(dtype, copy=False)).data)
    finally:
        model.train(was_training)
    if not outs:
        raise BackpropError("predict: no samples")
    return np.concatenate(outs)


def evaluate(model, x: np.ndarray, y: np.ndarray, batch_size: int = 1000,
             loss: Any = "cross_entropy") -> dict[str, float]:
    """The mean ``loss`` of ``model`` on ``(x, y)`` (no label smoothing), with the accuracy
    for classification losses and R² for ``mse`` (see :mod:`.objectives`)."""
    obj = objective(loss)
    outputs = predict(model, x, batch_size)
    y = np.asarray(y)
    if len(y) != len(outputs):
        raise BackpropError(f"evaluate: {len(outputs)} inputs but {len(y)} targets")
    return obj.score(outputs, obj.targets(y, "evaluate"))


@dataclass(frozen=True)
class TrainConfig:
    """What a run is, fixed for its whole life: the length, the batches, the hold-out, the
    loss and its label smoothing, and when to stop early. ``seed`` is the source of the run's
    random numbers: the batch order, the hold-out, the augmentation and dropout.

    Early stopping watches ``monitor`` (``"val_loss"``, the default, or the training
    ``"loss"``): the run stops after ``patience`` epochs in which it did not fall more than
    ``tol`` below its best; watching the validation loss, the best epoch's weights are
    restored at the end.
    """

    epochs: int = 10
    batch_size: int = 128
    seed: int = 0
    validation_split: float = 0.0
    patience: int | None = None
    label_smoothing: float = 0.0
    loss: Any = "cross_entropy"  # a name in objectives.OBJECTIVES, or a callable
    tol: float = 0.0
    monitor: str = "val_loss"
    augment: str = ""  # a spec of backprop.data.augment, e.g. "hflip,shift(2)"
    # False: every epoch takes the samples in their given order. One batch holding every
    # sample is never shuffled: its order would change nothing but the rounding of the sums.
    shuffle: bool = True

    def __post_init__(self) -> None:
        objective(self.loss)  # refuses an unknown name now, not at the first step
        parse_augment(self.augment)
        if not isinstance(self.shuffle, (bool, np.bool_)):
            raise BackpropError(f"shuffle must be True or False, got {self.shuffle!r}")
        if self.monitor not in ("val_loss", "loss"):
            raise BackpropError(f"monitor must be 'val_loss' or 'loss', got {self.monitor!r}")
        if self.patience is not None and (isinstance(self.patience, bool) or
                                          not isinstance(self.patience, (int, np.integer))
                                          or self.patience <= 0):
            raise BackpropError(f"patience must be a positive integer, got {self.patience!r}")
        if not 0 <= self.tol < float("inf"):
            raise BackpropError(f"tol must be a number ≥ 0, got {self.tol}")
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, (int, np.integer)) \
                or self.batch_size <= 0:
            raise BackpropError(f"batch_size must be a positive integer, got {self.batch_size!r}")
        if not 0 <= self.validation_split < 1:
            raise BackpropError(f"validation_split must be in [0, 1), got "
                                f"{self.validation_split}")
        if self.patience is not None and self.monitor == "val_loss" and \
                not self.validation_split:
            raise BackpropError("patience needs a validation_split (early stopping watches the "
                                "validation loss)")


def _zero_sums() -> dict[str, float]:
    return {"loss": 0.0, "correct": 0.0, "seen": 0.0, "time": 0.0}


@dataclass
class RunState:
    """Where a run stands — everything a checkpoint must keep besides model and optimiser.

    ``epoch`` and ``step`` say where the next step starts (``step`` counts batches within
    the epoch); ``history`` has one dict of metrics per finished epoch; ``running`` holds the
    sums of the epoch in progress (so a resumed epoch reports the same numbers); ``best`` is
    early stopping's best epoch and ``best_weights`` its weights (name → array), when
    watching the validation loss.
    """

    epoch: int = 0
    step: int = 0
    history: list[dict[str, float]] = field(default_factory=list)
    running: dict[str, float] = field(default_factory=_zero_sums)
    best: dict[str, Any] = field(default_factory=dict)
    best_weights: dict[str, np.ndarray] | None = None


class Display:
    """What the person at the terminal sees: one line per epoch through ``log`` (None:
    silent) and a progress bar (``progress`` None: only on a terminal)."""

    def __init__(self, log: Callable[[str], None] | None = print,
                 progress: bool | None = None) -> None:
        self.log, self.progress = log, progress

    def say(self, text: str) -> None:
        if self.log is not None:
            self.log(text)

    def bar(self, total: int, done: int, desc: str):
        show = self.progress if self.progress is not None else sys.stderr.isatty()
        return _progress_bar(total, done, desc, show)


class Trainer:
    """The training loop on its collaborators: ``model``, ``optimizer``, ``scheduler`` (or
    None), a :class:`TrainConfig`, a :class:`RunState`, a :class:`Display` and the run's
    ``random`` numbers (:class:`~backprop.random.RunRandom` of the config's seed; a checkpoint
    keeps its state). ``on_step`` and ``on_epoch`` are called after each step and each epoch
    (checkpoints hook in there). ``parallel`` (a :class:`backprop.distributed.DataParallel`)
    trains on several ranks: each takes its share of every batch, the gradients are summed
    over the ranks, and only rank 0 prints.

    ``Trainer(model, opt, epochs=5, batch_size=32)`` builds the config from keywords.
    """

    def __init__(self, model: Any, optimizer: Any, config: TrainConfig | None = None, *,
                 scheduler: Any = None, log: Callable[[str], None] | None = print,
                 progress: bool | None = None,
                 on_step: Callable[["Trainer"], None] | None = None,
                 on_epoch: Callable[["Trainer"], None] | None = None, parallel: Any = None,
                 **settings: Any) -> None:
        if config is not None and settings:
            raise BackpropError(f"Trainer: give a TrainConfig or keywords, not both "
                                f"({', '.join(settings)})")
        self.model, self.optimizer, self.scheduler = model, optimizer, scheduler
        self.config = config or TrainConfig(**settings)
        self.objective = objective(self.config.loss)
        self.state = RunState()
        self.random = RunRandom(self.config.seed)
        self.parallel = parallel
        if parallel is not None and parallel.rank != 0:  # rank 0 alone speaks
            log, progress = None, False
        self.display = Display(log, progress)
        self.on_step, self.on_epoch = on_step, on_epoch
        self.steps_per_epoch = 0  # set by fit, for hooks that count steps across epochs

    @property
    def epochs(self) -> int:
        return self.config.epochs

    @epochs.setter
    def epochs(self, value: int) -> None:  # the one setting a run may change: its length
        self.config = replace(self.config, epochs=value)

    # read-only views of the config and the state, for hooks and messages
    batch_size = property(lambda self: self.config.batch_size)
    seed = property(lambda self: self.config.seed)
    epoch = property(lambda self: self.state.epoch)
    step = property(lambda self: self.state.step)
    history = property(lambda self: self.state.history)

    @property
    def complete(self) -> bool:
        """True when the run has nothing left to do (all epochs, or stopped early)."""
        return self.state.epoch >= self.config.epochs or self.state.best.get("stopped", False)

    def held_out(self, n: int) -> int:
        """How many of ``n`` training samples the hold-out takes."""
        fraction = self.config.validation_split
        return max(1, int(round(n * fraction))) if fraction else 0

    def steps_for(self, n: int) -> int:
        """Steps per epoch on ``n`` training samples (the hold-out taken out)."""
        return -(-(n - self.held_out(n)) // self.config.batch_size)

    def split(self, x: np.ndarray, y: np.ndarray):
        """Training and validation arrays: a fixed, seeded hold-out of ``validation_split``."""
        fraction = self.config.validation_split
        if not fraction:
            return x, y, None, None
        perm = self.random.holdout(len(x))
        n_val = self.held_out(len(x))
        val, tr = np.sort(perm[:n_val]), np.sort(perm[n_val:])
        if len(tr) == 0:
            raise BackpropError(f"validation_split {fraction} leaves none of the "
                                f"{len(x)} training samples to train on")
        return x[tr], y[tr], x[val], y[val]

    @np.errstate(over="ignore", invalid="ignore", divide="ignore")  # the guard reports these
    def fit(self, x: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
        x = np.asarray(x)
        y = np.asarray(y)
        check_inputs(x, y, "training data")
        obj = self.objective
        y = obj.targets(y, "training data")
        x = x.astype(parameter_dtype(self.model), copy=False)
        x_tr, y_tr, x_val, y_val = self.split(x, y)
        n = len(x_tr)
        cfg, st = self.config, self.state
        steps = self.steps_per_epoch = -(-n // cfg.batch_size)
        if st.step > steps:
            raise BackpropError(f"cannot continue at step {st.step + 1} of an epoch of "
                                f"{steps} steps (batch size {cfg.batch_size}, {n} samples)")
        if self.parallel is not None:
            self.parallel.start(self, n)
        with drawing_from(self.random.dropout):
            self._epochs(x_tr, y_tr, x_val, y_val, steps)
        if st.best_weights is not None:
            self.model.load_state_dict(st.best_weights)
        return st.history

    def _epochs(self, x_tr, y_tr, x_val, y_val, steps: int) -> None:
        """The epochs left, from the state's (epoch, step)."""
        cfg, st, obj = self.config, self.state, self.objective
        guard = DivergenceGuard()
        model, opt = self.model, self.optimizer
        augment = parse_augment(cfg.augment)
        augment.check_input(x_tr.shape[1:])
        per_batch = getattr(self.scheduler, "per_batch", False)
        par, n = self.parallel, len(x_tr)
        while not self.complete:
            model.train()
            perm = (self.random.order(len(x_tr), st.epoch) if cfg.shuffle and steps > 1
                    else None)  # None: the samples in their order
            draws = augment.draws(len(x_tr), self.random.augment(st.epoch)) if augment else {}
            bar = self.display.bar(steps, st.step, f"epoch {st.epoch + 1}/{cfg.epochs}")
            r = st.running
            t0 = time.perf_counter()
            while st.step < steps:
                at = slice(st.step * cfg.batch_size, min((st.step + 1) * cfg.batch_size, n))
                total = at.stop - at.start
                if par is not None:  # this rank's share of the batch
                    at = par.share(at, self.random, st.epoch, st.step)
                # each batch a copy (a slice is a view), so that a step writing into its
                # batch cannot change the data
                if perm is None:
                    xb, yb = x_tr[at].copy(), y_tr[at].copy()
                else:
                    idx = perm[at]
                    xb, yb = x_tr[idx], y_tr[idx]
                if augment:  # the draws of these positions in the epoch's order
                    xb = augment.apply(xb, {k: v[at] for k, v in draws.items()})
                opt.zero_grad()
                outputs = model(xb)
                loss = obj.loss(outputs, yb, cfg.label_smoothing)
                value, count = float(loss.data), len(yb)
                correct = obj.correct(outputs.data, yb) if obj.correct is not None else 0.0
                if par is None:
                    loss.backward()
                else:  # the whole batch's gradient and figures, summed over the ranks
                    value, correct, count = par.step(loss, value, correct, count, total)
                opt.step()
                if per_batch:  # the epoch's row shows the rate its last step used
                    r["lr"] = float(opt.param_groups[0]["lr"])
                    self.scheduler.step()
                guard.loss(value, st.epoch, st.step)
                r["loss"] += value * count
                r["correct"] += correct
                r["seen"] += count
                st.step += 1
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(loss=f"{r['loss'] / r['seen']:.4f}", refresh=False)
                if self.on_step is not None:
                    r["time"] += time.perf_counter() - t0
                    t0 = time.perf_counter()
                    self.on_step(self)
            if bar is not None:
                bar.close()
            r["time"] += time.perf_counter() - t0
            if par is not None:
                par.end_epoch(model)
            guard.weights(model, st.epoch)
            self._end_epoch(x_val, y_val)
            self._watch_validation()
            if self.on_epoch is not None:
                self.on_epoch(self)

    # -- position for checkpoints ---------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """Where the run stands, JSON-able: ``epoch``, ``step``, the ``running`` sums of the
        epoch in progress, ``history`` and early-stopping ``best``. The best epoch's weights
        are arrays, not position: ``state.best_weights`` (a checkpoint keeps them as
        tensors)."""
        st = self.state
        return {"epoch": st.epoch, "step": st.step, "running": dict(st.running),
                "history": [dict(row) for row in st.history], "best": dict(st.best)}

    def load_state_dict(self, state: dict[str, Any],
                        best_weights: dict[str, np.ndarray] | None = None) -> None:
        """Continue from a :meth:`state_dict` (and the best epoch's weights, if any): the
        next step is ``(epoch, step)``."""
        self.state = RunState(int(state["epoch"]), int(state["step"]),
                              [dict(row) for row in state["history"]],
                              {k: float(v) for k, v in state["running"].items()},
                              dict(state.get("best") or {}),
                              None if best_weights is None else dict(best_weights))

    def _end_epoch(self, x_val, y_val) -> None:
        st = self.state
        r = st.running
        row = {"epoch": st.epoch + 1, "loss": r["loss"] / r["seen"]}
        if self.objective.classifies:
            row["accuracy"] = r["correct"] / r["seen"]
        row["lr"] = float(r.get("lr", self.optimizer.param_groups[0]["lr"]))
        if x_val is not None:
            m = evaluate(self.model, x_val, y_val, loss=self.objective)
            row.update({f"val_{k}": v for k, v in m.items()})
        row["time"] = r["time"]
        st.history.append(row)
        if self.display.log is not None:  # no row formatted when nobody reads it
            self.display.say(format_row(row, self.config.epochs, self.config.label_smoothing))
        sched = self.scheduler
        if sched is not None and getattr(sched, "needs_metric", False):
            sched.step(row.get("val_loss", row["loss"]))
        elif sched is not None and not getattr(sched, "per_batch", False):
            sched.step()
        st.epoch += 1
        st.step = 0
        st.running = _zero_sums()

    def _watch_validation(self) -> None:
        """Early stopping: remember the best epoch; mark the run stopped after ``patience``
        epochs without an improvement (the state says so, so a checkpoint does)."""
        st, cfg = self.state, self.config
        key = cfg.monitor
        if cfg.patience is None or key not in st.history[-1]:
            return
        last = st.history[-1]
        if last[key] < st.best.get(key, np.inf) - cfg.tol:
            st.best = {key: last[key], "epoch": last["epoch"]}
            if key == "val_loss":  # the weights to come back to
                st.best_weights = self.model.state_dict()
        elif last["epoch"] - st.best["epoch"] >= cfg.patience:
            st.best["stopped"] = True
            what = "validation loss" if key == "val_loss" else "training loss"
            keep = f"; keeping epoch {st.best['epoch']}" if st.best_weights is not None else ""
            self.display.say(f"early stopping: no better {what} for {cfg.patience} "
                             f"epoch(s){keep}")


def format_row(row: dict[str, float], epochs: int, label_smoothing: float = 0.0) -> str:
    """One epoch's line, each figure named: the training loss is the loss being minimised
    (with label smoothing, if any, so it cannot reach 0); validation figures are plain."""
    smoothed = f" (label smoothing {label_smoothing:g})" if label_smoothing else ""
    text = (f"epoch {row['epoch']:>{len(str(epochs))}}/{epochs}  train loss "
            f"{row['loss']:.4f}{smoothed}")
    if "accuracy" in row:
        text += f"  train acc {100 * row['accuracy']:.2f}%"
    if "val_loss" in row:
        text += f"  val loss {row['val_loss']:.4f}"
    if "val_accuracy" in row:
        text += f"  val acc {100 * row['val_accuracy']:.2f}%"
    if "val_r2" in row:
        text += f"  val R² {row['val_r2']:.4f}"
    return text + f"  ({row['time']:.1f}s)"


def _progress_bar(total: int, done: int, desc: str, show: bool):
    if not show:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # the progress bar is an optional extra
        return None
    return tqdm(total=total, initial=done, desc=desc, leave=False, unit="batch",
                dynamic_ncols=True, file=sys.stderr)


def fit(model, x: np.ndarray, y: np.ndarray, optimizer: Any = "adam", *,
        loss: Any = "cross_entropy", epochs: int = 10, batch_size: int = 128,
        lr: float | None = None, seed: int = 0, validation_split: float = 0.0,
        patience: int | None = None, label_smoothing: float = 0.0, augment: str = "",
        scheduler=None, progress: bool | None = None,
        log: Callable[[str], None] | None = print,
        distributed: bool = False) -> list[dict[str, float]]:
    """Train ``model`` on ``(x, y)``; returns the per-epoch metrics.

    ``loss`` is ``"cross_entropy"`` (logits against class labels), ``"bce"`` (one logit per
    sample against 0/1 targets), ``"sigmoid_mse"``, ``"mse"`` (outputs shaped like ``y``:
    regression, scored by R²) or any callable ``loss(outputs, targets) -> Tensor``.
    ``optimizer`` is an optimiser or a recipe name (``adam``, ``sgd``, ``momentum``, …, with
    learning rate ``lr`` or the recipe's). With ``validation_split`` a seeded fraction is held
    out and reported each epoch; with ``patience`` training stops when the validation loss
    has not improved for that many epochs, and the best weights are restored. ``augment``
    changes the training images at random (``"hflip"``, ``"shift(2)"``, joined with commas;
    see :mod:`backprop.data.augment`). ``seed`` is the run's: the batch order, the hold-out,
    the augmentation and dropout draw from it (the model's initial
    weights come from the generator it was built with, ``bp.manual_seed`` as in torch).
    ``distributed=True`` trains on the ranks of an MPI job (``mpiexec -n P python -m mpi4py
    script.py``; see :mod:`backprop.distributed`): rank 0's initial weights go to every
    rank, each takes its share of every batch, and rank 0 alone prints; ``batch_size`` is
    the global batch, shared by the ranks.
    """
    if isinstance(optimizer, str):
        from ..optim.by_name import make_optimizer
        optimizer = make_optimizer(optimizer, model.parameters(), lr)
    elif lr is not None:
        raise BackpropError("fit: lr= goes with an optimizer name; an optimizer object has "
                            "its own learning rate")
    config = TrainConfig(epochs=epochs, batch_size=batch_size, seed=seed,
                         validation_split=validation_split, patience=patience,
                         label_smoothing=label_smoothing, loss=loss, augment=augment)
    parallel = None
    if distributed:
        from ..distributed import DataParallel
        parallel = DataParallel()
    trainer = Trainer(model, optimizer, config, scheduler=scheduler, progress=progress, log=log,
                      parallel=parallel)
    return trainer.fit(x, y)
