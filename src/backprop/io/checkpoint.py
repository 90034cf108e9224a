"""Training checkpoints: everything a run needs to continue bit-identically, in safetensors.

A checkpoint is a model file (:mod:`.model_file`, so ``backprop evaluate`` reads it) plus:

- tensors ``optimizer.state.<i>.<name>`` — the optimiser's per-parameter arrays (``exp_avg``,
  ``momentum_buffer``, …), parameters numbered as in ``Optimizer.state_dict``;
- tensors ``trainer.best.<param>`` — the early-stopping best weights
  (``RunState.best_weights``), when there are any;
- metadata (JSON strings): ``checkpoint`` (the format), ``optimizer`` (class, and the rest of
  ``Optimizer.state_dict`` as the optimiser gives it: its param groups and per-parameter
  scalars; the optimiser reads its own hyper-parameters back), ``scheduler`` (class and state),
  ``trainer`` (epoch, step, running sums of the epoch in progress, history, best) and
  ``random`` (the state of the run's own generator, ``Trainer.random``: dropout's draws;
  the batch order needs only the seed, in the configuration).

Nothing is pickled: a checkpoint holds only arrays and JSON, so loading one runs no code.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CheckpointError
from . import schema as S
from .model_file import BEST_PREFIX, OPTIMIZER_PREFIX, decode_json, load, save
from .run_schema import MAX_EPOCHS, OPTIMIZER, RANDOM, SCHEDULER, TRAINER

CHECKPOINT = "backprop-checkpoint/1"


def _json(value: Any) -> str:
    def plain(v):
        if isinstance(v, np.generic):
            return v.item()
        raise TypeError(f"cannot store {type(v).__name__} in a checkpoint")
    return json.dumps(value, default=plain)


def save_checkpoint(path: str | os.PathLike, trainer, classes=None,
                    config: dict | None = None) -> Path:
    """Write ``trainer``'s model, optimiser, schedule, position and its random state to
    ``path`` atomically (a crash mid-write leaves the previous file intact)."""
    opt = trainer.optimizer
    opt_state = opt.state_dict()
    tensors: dict[str, np.ndarray] = {}
    scalars: dict[str, dict[str, Any]] = {}
    for i, entry in opt_state["state"].items():
        for name, value in entry.items():
            if isinstance(value, np.ndarray):
                tensors[f"{OPTIMIZER_PREFIX}{i}.{name}"] = value
            else:
                scalars.setdefault(str(i), {})[name] = value
    for name, value in (trainer.state.best_weights or {}).items():
        tensors[BEST_PREFIX + name] = value
    sched = trainer.scheduler
    extra = {
        "checkpoint": CHECKPOINT,
        "optimizer": _json({"type": type(opt).__name__, "param_groups": opt_state["param_groups"],
                            "scalars": scalars}),
        "scheduler": _json(None if sched is None else
                           {"type": type(sched).__name__, "state": sched.state_dict()}),
        "trainer": _json(trainer.state_dict()),
        "random": _json(trainer.random.state_dict()),
    }
    return save(trainer.model, path, classes=classes, config=config, tensors=tensors,
                extra=extra)


@dataclass
class Checkpoint:
    """A loaded checkpoint: the rebuilt ``model`` and the state to :meth:`restore`."""

    path: Path
    model: Any
    classes: list
    config: dict
    version: str | None
    optimizer: dict[str, Any]   # {"type", "state_dict"} ready for Optimizer.load_state_dict
    scheduler: dict[str, Any] | None
    trainer: dict[str, Any]     # Trainer.state_dict: the position, JSON
    best_weights: dict[str, np.ndarray] | None  # early stopping's best epoch, if any
    random: dict[str, Any]

    @property
    def epoch(self) -> int:
        return int(self.trainer["epoch"])

    @property
    def step(self) -> int:
        return int(self.trainer["step"])

    def restore(self, trainer) -> None:
        """Put ``trainer`` (built on :attr:`model`, with an optimiser and scheduler of the saved
        kinds) where the checkpointed run was, its random generator included."""
        where = self.path
        opt = trainer.optimizer
        if type(opt).__name__ != self.optimizer["type"]:
            raise CheckpointError(f"{where}: saved with optimiser {self.optimizer['type']}, "
                                  f"cannot resume with {type(opt).__name__}")
        params = [p for g in opt.param_groups for p in g["params"]]
        state = self.optimizer["state_dict"]
        for i, entry in state["state"].items():
            if not 0 <= i < len(params):
                raise CheckpointError(f"{where}: optimiser state for parameter {i}, but the "
                                      f"model has {len(params)} parameters")
            for name, value in entry.items():
                if isinstance(value, np.ndarray) and value.shape != params[i].data.shape:
                    raise CheckpointError(f"{where}: optimiser tensor {OPTIMIZER_PREFIX}{i}."
                                          f"{name} has shape {value.shape}, the parameter "
                                          f"{params[i].data.shape}")
        try:
            opt.load_state_dict(state)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as e:
            raise CheckpointError(f"{where}: optimiser state does not fit ({e})") from None
        sched = trainer.scheduler
        if (sched is None) != (self.scheduler is None) or (
                sched is not None and type(sched).__name__ != self.scheduler["type"]):
            saved = self.scheduler and self.scheduler["type"]
            raise CheckpointError(f"{where}: saved with schedule {saved}, cannot resume with "
                                  f"{sched and type(sched).__name__}")
        if sched is not None:
            sched.load_state_dict(self.scheduler["state"])
        trainer.load_state_dict(self.trainer, self.best_weights)
        try:
            trainer.random.load_state_dict(self.random)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError) as e:
            raise CheckpointError(f"{where}: the random-generator state is invalid ({e})") from None


def load_checkpoint(path: str | os.PathLike) -> Checkpoint:
    """Read and check a checkpoint written by :func:`save_checkpoint`. A directory means its
    ``checkpoint.safetensors``. Every mismatch raises :class:`CheckpointError` naming the file."""
    p = Path(path)
    if p.is_dir():
        p = p / "checkpoint.safetensors"
        if not p.is_file():
            raise CheckpointError(f"{path}: is a directory without a checkpoint.safetensors file")
    model, meta = load(p)
    raw = meta["raw"]
    if raw.get("checkpoint") != CHECKPOINT:
        raise CheckpointError(f"{p}: a model file without training state (not a checkpoint: "
                              f"format {raw.get('checkpoint')!r}, expected {CHECKPOINT!r})")
    schemas = {"optimizer": OPTIMIZER, "scheduler": SCHEDULER, "trainer": TRAINER,
               "random": RANDOM}
    fields = {key: S.validate(p, decode_json(p, raw, key), schema, key)
              for key, schema in schemas.items()}
    _check_position(p, fields["trainer"], meta["config"])
    try:
        optimizer = _optimizer_state(p, fields["optimizer"], meta["tensors"])
    except (KeyError, TypeError, AttributeError) as e:
        raise CheckpointError(f"{p}: checkpoint metadata is incomplete ({e!r} missing or "
                              f"malformed)") from None
    return Checkpoint(p, model, meta["classes"], meta["config"], meta["version"], optimizer,
                      fields["scheduler"], fields["trainer"],
                      _best_weights(p, model, meta["tensors"]), fields["random"])


def _best_weights(path: Path, model, tensors: dict[str, np.ndarray]):
    """The tensors ``trainer.best.*``, checked against the model's own (None if absent)."""
    best = {k[len(BEST_PREFIX):]: v for k, v in tensors.items() if k.startswith(BEST_PREFIX)}
    if not best:
        return None
    own = model.state_dict()
    if set(best) != set(own) or any(best[k].shape != own[k].shape for k in own):
        raise CheckpointError(f"{path}: the early-stopping weights {BEST_PREFIX}* do not "
                              f"match the architecture")
    return {k: best[k] for k in own}


def _check_position(path: Path, trainer: dict, config: dict) -> None:
    """The run's position must be one the loop could have reached."""
    epoch, step, seen = trainer["epoch"], trainer["step"], trainer["running"]["seen"]
    if len(trainer["history"]) != epoch:
        raise CheckpointError(f"{path}: metadata trainer.history has {len(trainer['history'])} "
                              f"rows for epoch {epoch} (one row per finished epoch)")
    if epoch > config.get("epochs", MAX_EPOCHS):
        raise CheckpointError(f"{path}: metadata trainer.epoch {epoch} is beyond the run's "
                              f"{config['epochs']} epochs")
    batch = config.get("batch_size")
    if batch is not None and not (step - 1) * batch < seen <= step * batch and (step or seen):
        raise CheckpointError(f"{path}: metadata trainer.running.seen ({seen:g} samples) does "
                              f"not fit step {step} with batches of {batch}")


def _optimizer_state(path: Path, saved: dict, tensors: dict[str, np.ndarray]) -> dict:
    state: dict[int, dict[str, Any]] = {}
    for i, entry in saved["scalars"].items():
        state.setdefault(int(i), {}).update(entry)
    for key, value in tensors.items():
        if not key.startswith(OPTIMIZER_PREFIX):
            continue
        index, _, name = key[len(OPTIMIZER_PREFIX):].partition(".")
        if not index.isdigit() or not name:
            raise CheckpointError(f"{path}: unexpected tensor {key} (expected "
                                  f"{OPTIMIZER_PREFIX}<index>.<name>)")
        if not np.issubdtype(value.dtype, np.floating):
            raise CheckpointError(f"{path}: optimiser tensor {key} has dtype {value.dtype}, "
                                  f"expected floating point")
        state.setdefault(int(index), {})[name] = value
    return {"type": saved["type"],
            "state_dict": {"state": state, "param_groups": saved["param_groups"]}}
