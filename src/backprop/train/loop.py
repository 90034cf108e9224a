"""The training loop: seeded mini-batches, validation, early stopping, progress, resumable.

The order of the samples in epoch ``e`` is ``default_rng([seed, e]).permutation(n)``: it
depends on nothing but the seed and the epoch number, so a run resumed at (epoch, step)
sees exactly the batches the uninterrupted run would have seen.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .. import functional as F
from ..engine import no_grad
from ..errors import BackpropError
from ..data.datasets import check_arrays
from .divergence import DivergenceGuard

__all__ = ["Trainer", "fit", "evaluate", "predict"]


def _param_dtype(model) -> np.dtype:
    for p in model.parameters():
        return p.data.dtype
    return np.dtype(np.float32)


def predict(model, x: np.ndarray, batch_size: int = 1000) -> np.ndarray:
    """Model outputs (logits) for ``x``, in eval mode and without recording, in large batches."""
    was_training = model.training
    model.eval()
    x = np.asarray(x)
    dtype = _param_dtype(model)
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


def evaluate(model, x: np.ndarray, y: np.ndarray, batch_size: int = 1000) -> dict[str, float]:
    """Mean cross-entropy and accuracy of ``model`` on ``(x, y)``."""
    logits = predict(model, x, batch_size)
    y = np.asarray(y)
    if len(y) != len(logits):
        raise BackpropError(f"evaluate: {len(logits)} inputs but {len(y)} labels")
    loss = float(F.cross_entropy(logits, y, reduction="mean").data)
    return {"loss": loss, "accuracy": float(np.mean(logits.argmax(axis=1) == y))}


@dataclass
class Trainer:
    """Holds everything a run needs to continue: model, optimiser, schedule and position.

    ``epoch`` and ``step`` say where the next step starts (``step`` counts batches within
    the epoch); ``history`` has one dict of metrics per finished epoch.
    """

    model: Any
    optimizer: Any
    epochs: int = 10
    batch_size: int = 128
    seed: int = 0
    scheduler: Any = None
    validation_split: float = 0.0
    patience: int | None = None
    label_smoothing: float = 0.0
    progress: bool | None = None
    log: Callable[[str], None] | None = print
    epoch: int = 0
    step: int = 0
    history: list[dict[str, float]] = field(default_factory=list)
    # running sums of the epoch in progress (so that a resumed epoch reports the same numbers)
    running: dict[str, float] = field(default_factory=lambda: {"loss": 0.0, "correct": 0.0,
                                                               "seen": 0.0, "time": 0.0})
    best: dict[str, Any] = field(default_factory=dict)
    steps_per_epoch: int = 0  # set by fit, for hooks that count steps across epochs
    on_step: Callable[["Trainer"], None] | None = None
    on_epoch: Callable[["Trainer"], None] | None = None

    def split(self, x: np.ndarray, y: np.ndarray):
        """Training and validation arrays: a fixed, seeded hold-out of ``validation_split``."""
        if not self.validation_split:
            return x, y, None, None
        if not 0 < self.validation_split < 1:
            raise BackpropError(f"validation_split must be in (0, 1), got {self.validation_split}")
        perm = np.random.default_rng([self.seed, 2**31 - 1]).permutation(len(x))
        n_val = max(1, int(round(len(x) * self.validation_split)))
        val, tr = np.sort(perm[:n_val]), np.sort(perm[n_val:])
        if len(tr) == 0:
            raise BackpropError(f"validation_split {self.validation_split} leaves none of the "
                                f"{len(x)} training samples to train on")
        return x[tr], y[tr], x[val], y[val]

    def order(self, n: int, epoch: int) -> np.ndarray:
        return np.random.default_rng([self.seed, epoch]).permutation(n)

    @np.errstate(over="ignore", invalid="ignore", divide="ignore")  # the guard reports these
    def fit(self, x: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
        if self.batch_size <= 0:
            raise BackpropError(f"batch_size must be positive, got {self.batch_size}")
        x = np.asarray(x)
        y = np.asarray(y)
        check_arrays(x, y, "training data")
        x = x.astype(_param_dtype(self.model), copy=False)
        x_tr, y_tr, x_val, y_val = self.split(x, y)
        n = len(x_tr)
        steps = self.steps_per_epoch = -(-n // self.batch_size)
        if self.step > steps:
            raise BackpropError(f"cannot continue at step {self.step + 1} of an epoch of "
                                f"{steps} steps (batch size {self.batch_size}, {n} samples)")
        guard = DivergenceGuard()
        show = self.progress if self.progress is not None else sys.stderr.isatty()
        model, opt = self.model, self.optimizer
        while self.epoch < self.epochs:
            model.train()
            perm = self.order(n, self.epoch)
            bar = _progress_bar(steps, self.step, f"epoch {self.epoch + 1}/{self.epochs}", show)
            r = self.running
            t0 = time.perf_counter()
            while self.step < steps:
                idx = perm[self.step * self.batch_size:(self.step + 1) * self.batch_size]
                xb, yb = x_tr[idx], y_tr[idx]
                opt.zero_grad()
                logits = model(xb)
                loss = F.cross_entropy(logits, yb, label_smoothing=self.label_smoothing)
                loss.backward()
                opt.step()
                value = float(loss.data)
                guard.loss(value, self.epoch, self.step)
                r["loss"] += value * len(idx)
                r["correct"] += float(np.sum(logits.data.argmax(axis=1) == yb))
                r["seen"] += len(idx)
                self.step += 1
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
            guard.weights(model, self.epoch)
            self._end_epoch(x_val, y_val)
            if self.on_epoch is not None:
                self.on_epoch(self)
            if self._should_stop():
                break
        if self.best.get("state") is not None:
            model.load_state_dict(self.best["state"])
        return self.history

    # -- position for checkpoints ---------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """Where the run stands, JSON-able: ``epoch``, ``step``, the ``running`` sums of the
        epoch in progress, ``history`` and early-stopping ``best`` (its weights, if any, under
        ``best["state"]`` as arrays — a checkpoint stores them as tensors)."""
        best = {k: v for k, v in self.best.items() if k != "state"}
        state = {"epoch": self.epoch, "step": self.step, "running": dict(self.running),
                 "history": [dict(row) for row in self.history], "best": best}
        if self.best.get("state") is not None:
            state["best"]["state"] = {k: np.array(v) for k, v in self.best["state"].items()}
        return state

    def load_state_dict(self, state: dict[str, Any]) -> None:
        """Continue from a :meth:`state_dict`: the next step is ``(epoch, step)``."""
        self.epoch, self.step = int(state["epoch"]), int(state["step"])
        self.running = {k: float(v) for k, v in state["running"].items()}
        self.history = [dict(row) for row in state["history"]]
        self.best = dict(state.get("best") or {})

    def _end_epoch(self, x_val, y_val) -> None:
        r = self.running
        row = {"epoch": self.epoch + 1, "loss": r["loss"] / r["seen"],
               "accuracy": r["correct"] / r["seen"],
               "lr": float(self.optimizer.param_groups[0]["lr"])}
        if x_val is not None:
            m = evaluate(self.model, x_val, y_val)
            row["val_loss"], row["val_accuracy"] = m["loss"], m["accuracy"]
        row["time"] = r["time"]
        self.history.append(row)
        if self.log is not None:
            self.log(format_row(row, self.epochs))
        if self.scheduler is not None:
            self.scheduler.step()
        self.epoch += 1
        self.step = 0
        self.running = {"loss": 0.0, "correct": 0.0, "seen": 0.0, "time": 0.0}

    def _should_stop(self) -> bool:
        if self.patience is None or "val_loss" not in self.history[-1]:
            return False
        last = self.history[-1]
        if last["val_loss"] < self.best.get("val_loss", np.inf):
            self.best = {"val_loss": last["val_loss"], "epoch": last["epoch"],
                         "state": self.model.state_dict()}
            return False
        if last["epoch"] - self.best["epoch"] >= self.patience:
            if self.log is not None:
                self.log(f"early stopping: no better validation loss for {self.patience} "
                         f"epoch(s); keeping epoch {self.best['epoch']}")
            return True
        return False


def format_row(row: dict[str, float], epochs: int) -> str:
    text = (f"epoch {row['epoch']:>{len(str(epochs))}}/{epochs}  loss {row['loss']:.4f}  "
            f"acc {100 * row['accuracy']:.2f}%")
    if "val_loss" in row:
        text += f"  val_loss {row['val_loss']:.4f}  val_acc {100 * row['val_accuracy']:.2f}%"
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


def fit(model, x: np.ndarray, y: np.ndarray, optimizer=None, *, epochs: int = 10,
        batch_size: int = 128, seed: int = 0, validation_split: float = 0.0,
        patience: int | None = None, scheduler=None, progress: bool | None = None,
        log: Callable[[str], None] | None = print) -> list[dict[str, float]]:
    """Train ``model`` on ``(x, y)`` with softmax cross-entropy; returns per-epoch metrics.

    ``optimizer`` defaults to Adam(lr=1e-3). With ``validation_split`` a seeded fraction is
    held out and reported each epoch; with ``patience`` training stops when the validation
    loss has not improved for that many epochs, and the best weights are restored.
    """
    if optimizer is None:
        from ..optim import Adam
        optimizer = Adam(model.parameters(), lr=1e-3)
    trainer = Trainer(model, optimizer, epochs=epochs, batch_size=batch_size, seed=seed,
                      scheduler=scheduler, validation_split=validation_split, patience=patience,
                      progress=progress, log=log)
    return trainer.fit(x, y)
