"""A run kept in a directory: ``checkpoint.safetensors`` every epoch (and every N steps),
``metrics.jsonl`` after every epoch, ``model.safetensors`` at the end; Ctrl-C stops at the
end of the current step, saves the checkpoint and raises :class:`Interrupted`.

A run not given a folder gets a new one under ``runs/`` (:func:`new_folder`), so that
``backprop evaluate`` and ``predict`` can follow any ``backprop train``.

In a distributed run rank 0 alone writes, and every rank stops after the same step: the
one after which any rank had been asked to (the ranks agree in each step's allreduce).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
from pathlib import Path

from .recipe import Run

__all__ = ["Interrupted", "RUNS", "folder_name", "new_folder", "remove_if_empty", "prepare",
           "train_in", "save_model", "write_metrics"]


class Interrupted(Exception):
    """Ctrl-C stopped the run; its checkpoint is safely written at ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


# The files a run keeps in its directory (each must be a regular file or absent).
FILES = ("checkpoint.safetensors", "metrics.jsonl", "model.safetensors")


# Where runs go when no folder is named, relative to the current directory.
RUNS = Path("runs")


def folder_name(cfg: dict) -> str:
    """``<model>-<data>`` of a run configuration: ``mlp-mnist``, ``lenet5-fashion-mnist``,
    ``net-breast-cancer`` for an architecture string, a data file's stem for a path."""
    from ..data.catalog import DATASETS
    from ..models import REFERENCE_MODELS

    model = cfg["model"].strip().lower()
    data = cfg["data"]
    data = DATASETS[data].name if data in DATASETS else Path(data).stem
    data = re.sub(r"[^A-Za-z0-9_.-]+", "-", data).strip("-.") or "data"
    return f"{model if model in REFERENCE_MODELS else 'net'}-{data}"


def new_folder(cfg: dict) -> Path:
    """A new folder for a run of ``cfg``: ``runs/<model>-<data>``, or ``-2``, ``-3``, … after
    it when that is taken, so that no earlier run is written over. ``runs`` is made in the
    current directory if missing; the folder is made here, so two runs never share it."""
    from ..errors import BackpropError

    try:
        RUNS.mkdir(exist_ok=True)
    except OSError as e:
        raise BackpropError(f"{RUNS}: cannot make the folder runs are kept in "
                            f"({e.strerror or e}); choose a folder with --out") from None
    base = folder_name(cfg)
    for k in range(1, 10_000):
        folder = RUNS / (base if k == 1 else f"{base}-{k}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        except OSError as e:
            raise BackpropError(f"{folder}: cannot make it ({e.strerror or e}); choose a "
                                f"folder with --out") from None
        return folder
    raise BackpropError(f"{RUNS}: {base}-2 … {base}-9999 are all taken; choose a folder "
                        f"with --out")


def remove_if_empty(folder: Path) -> None:
    """Take back a folder :func:`new_folder` made, if nothing was written in it."""
    try:
        folder.rmdir()
    except OSError:  # not empty (a checkpoint was written), or gone: leave it
        pass


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
