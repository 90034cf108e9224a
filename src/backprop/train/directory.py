"""A run kept in a directory: ``checkpoint.safetensors`` every epoch (and every N steps),
``metrics.jsonl`` after every epoch, ``model.safetensors`` at the end; Ctrl-C stops at the
end of the current step, saves the checkpoint and raises :class:`Interrupted`.

In a distributed run rank 0 alone writes, and every rank stops after the same step: the
one after which any rank had been asked to (the ranks agree in each step's allreduce).
"""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

from .recipe import Run

__all__ = ["Interrupted", "prepare", "train_in", "save_model", "write_metrics"]


class Interrupted(Exception):
    """Ctrl-C stopped the run; its checkpoint is safely written at ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


# The files a run keeps in its directory (each must be a regular file or absent).
FILES = ("checkpoint.safetensors", "metrics.jsonl", "model.safetensors")


def prepare(out: str | os.PathLike) -> Path:
    """Create ``out`` (its parent must exist) and prove the run's files can be written
    there, before any training (and sweep what killed writes left there)."""
    from ..io import check_writable

    return check_writable(out, FILES)


def write_metrics(out: Path, history: list[dict[str, float]]) -> Path:
    """``out/metrics.jsonl``: one JSON line per finished epoch (the only writer)."""
    from ..io import write_atomic

    path = out / "metrics.jsonl"
    write_atomic(path, "".join(json.dumps(row) + "\n" for row in history).encode())
    return path


def _checkpoint(run: Run, out: Path) -> Path:
    from ..io import save_checkpoint

    path = out / "checkpoint.safetensors"
    save_checkpoint(path, run.trainer, classes=run.data.classes, config=run.config)
    return path


def train_in(run: Run, out: Path | None, checkpoint_every: int | None = None) -> None:
    """Train ``run`` on its training data; with ``out``, keep the directory up to date."""
    trainer = run.trainer
    if out is None:
        trainer.fit(run.data.x_train, run.data.y_train)
        return
    stop = {"requested": False}
    par = trainer.parallel
    writes = par is None or par.rank == 0

    def stopping() -> bool:
        return stop["requested"] if par is None else par.stopping

    def save() -> Path:
        return _checkpoint(run, out) if writes else out / "checkpoint.safetensors"

    def on_step(t) -> None:
        if stopping():
            raise Interrupted(save())
        done = t.epoch * t.steps_per_epoch + t.step  # steps since the run began
        if checkpoint_every and done % checkpoint_every == 0:
            save()

    def on_epoch(t) -> None:
        if writes:
            write_metrics(out, t.history)
        path = save()
        if stopping():
            raise Interrupted(path)

    def on_sigint(signum, frame) -> None:
        if stop["requested"]:  # a second Ctrl-C stops at once, without saving
            raise KeyboardInterrupt
        stop["requested"] = True
        if par is not None:  # said to the other ranks in the next step's allreduce
            par.stop_requested = True

    trainer.on_step, trainer.on_epoch = on_step, on_epoch
    catch = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if catch else None
    try:
        trainer.fit(run.data.x_train, run.data.y_train)
    finally:
        if catch:
            signal.signal(signal.SIGINT, previous)


def save_model(run: Run, out: Path) -> Path:
    from ..io import save

    return save(run.model, out / "model.safetensors", classes=run.data.classes,
                config=run.config)
