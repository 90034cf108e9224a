"""The training recipe: what ``backprop train``, the scikit-learn estimator, the benchmarks
and a user's script share — optimiser and schedule by name, the defaults per kind of model,
and a run built from a configuration in a fixed order (so the same random draws).

    cfg = recipe.configure(model="lenet5", epochs=5)
    run = recipe.build_run(cfg)
    run.trainer.fit(run.data.x_train, run.data.y_train)

A configuration is a plain JSON-able dict (it is saved in model files and checkpoints);
:func:`configure` fills in and checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..data.augment import parse_augment
from ..errors import BackpropError
from ..optim.by_name import make_optimizer, optimizers
from .loop import TrainConfig, Trainer
from .objectives import OBJECTIVES, objective

__all__ = ["optimizers", "make_optimizer", "SCHEDULES", "make_scheduler", "MLP_DEFAULTS",
           "OTHER_MODEL_DEFAULTS", "defaults_for", "configure", "Run", "build_run",
           "resume_run"]


# -- optimisers by name: each class declares its names (``recipes`` beside it in optim/) -------
# (the table is the optimisers' own, backprop.optim.by_name; named here too, as the recipe's)


# -- learning-rate schedules: over the epochs, or (onecycle) over the steps ------------------------
def _cosine(optimizer, epochs: int, steps_per_epoch: int):
    from ..optim import lr_scheduler
    return lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)


def _step(optimizer, epochs: int, steps_per_epoch: int):
    from ..optim import lr_scheduler
    return lr_scheduler.StepLR(optimizer, step_size=max(1, epochs // 3), gamma=0.1)


def _onecycle(optimizer, epochs: int, steps_per_epoch: int):
    """The one-cycle policy stepped per batch, peaking at the run's learning rate."""
    from ..optim import lr_scheduler
    return lr_scheduler.OneCycleLR(optimizer, max_lr=[g["lr"] for g in optimizer.param_groups],
                                   epochs=epochs, steps_per_epoch=steps_per_epoch)


SCHEDULES: dict[str, Callable[[Any, int, int], Any] | None] = {
    "none": None, "cosine": _cosine, "step": _step, "onecycle": _onecycle}


def make_scheduler(name: str, optimizer, epochs: int, steps_per_epoch: int = 1):
    """The schedule ``name`` over ``epochs`` of ``steps_per_epoch`` steps (None for
    ``"none"``)."""
    if name not in SCHEDULES:
        raise BackpropError(f"schedule must be one of {', '.join(SCHEDULES)}, got {name!r}")
    make = SCHEDULES[name]
    return None if make is None else make(optimizer, epochs, steps_per_epoch)


# -- defaults per kind of model ----------------------------------------------------------------
# The mlp's recipe (label smoothing, long and wide batches) is tuned for it; any other model
# (lenet5, an architecture string) starts from the second.
MLP_DEFAULTS = dict(epochs=20, batch_size=128, label_smoothing=0.1)
OTHER_MODEL_DEFAULTS = dict(epochs=10, batch_size=64, label_smoothing=0.0)

_FIELDS = dict(data="default", data_dir=None, model="mlp", hidden=None, activation=None,
               epochs=None, batch_size=None, optimizer="adam", lr=None, weight_decay=None,
               label_smoothing=None, schedule="cosine", validation_split=0.0, patience=None,
               seed=0, dtype="float32", loss="cross_entropy", augment="")



def defaults_for(model: str) -> dict[str, Any]:
    return dict(MLP_DEFAULTS if model.strip().lower() == "mlp" else OTHER_MODEL_DEFAULTS)


def configure(**options: Any) -> dict[str, Any]:
    """A complete run configuration: ``options`` (None means "the default") over the
    defaults for the model. ``data_dir`` and a ``data`` path are stored absolute, so the
    run can be read from any directory. Unknown options and names are refused."""
    from ..data.catalog import KNOWN
    from ..models import MLP_ACTIVATION, MLP_HIDDEN

    unknown = set(options) - set(_FIELDS)
    if unknown:
        raise BackpropError(f"unknown training option(s) {sorted(unknown)} (known: "
                            f"{', '.join(_FIELDS)})")
    cfg = {k: (options[k] if options.get(k) is not None else v) for k, v in _FIELDS.items()}
    for k, v in defaults_for(cfg["model"]).items():
        if cfg[k] is None:
            cfg[k] = v
    cfg["hidden"] = list(cfg["hidden"] or MLP_HIDDEN)
    cfg["activation"] = cfg["activation"] or MLP_ACTIVATION
    if cfg["data_dir"] is not None:
        cfg["data_dir"] = str(Path(cfg["data_dir"]).expanduser().resolve())
    if cfg["data"] not in KNOWN and Path(cfg["data"]).exists():
        cfg["data"] = str(Path(cfg["data"]).resolve())  # a path, not a dataset's name
    if cfg["optimizer"] not in optimizers():
        raise BackpropError(f"optimizer must be one of {', '.join(sorted(optimizers()))}, "
                            f"got {cfg['optimizer']!r}")
    if cfg["weight_decay"] is None:  # the optimiser's own default (AdamW's is not 0)
        cfg["weight_decay"] = optimizers()[cfg["optimizer"]][1].get("weight_decay", 0.0)
    if cfg["schedule"] not in SCHEDULES:
        raise BackpropError(f"schedule must be one of {', '.join(SCHEDULES)}, got "
                            f"{cfg['schedule']!r}")
    if cfg["loss"] not in OBJECTIVES:
        raise BackpropError(f"loss must be one of {', '.join(OBJECTIVES)}, got "
                            f"{cfg['loss']!r}")
    cfg["augment"] = parse_augment(cfg["augment"]).spec  # checked, in its canonical form
    if cfg["dtype"] not in ("float32", "float64"):
        raise BackpropError(f"dtype must be float32 or float64, got {cfg['dtype']!r}")
    train_config(cfg)  # checks epochs, batch size, split, patience
    return cfg


def train_config(cfg: dict[str, Any]) -> TrainConfig:
    return TrainConfig(epochs=cfg["epochs"], batch_size=cfg["batch_size"], seed=cfg["seed"],
                       validation_split=cfg["validation_split"], patience=cfg["patience"],
                       label_smoothing=cfg.get("label_smoothing") or 0.0,
                       loss=objective_of(cfg),
                       augment=cfg.get("augment") or "")


def objective_of(cfg: dict[str, Any]):
    """The objective a run of ``cfg`` trained with (a saved run's config included)."""
    return objective(cfg.get("loss", "cross_entropy"), labels=True)


def outputs_for(cfg: dict[str, Any], data: Any) -> int:
    """How many outputs the model ends in: one per class, or one logit for a binary loss."""
    if objective_of(cfg).outputs_per_class:
        return data.num_classes
    if data.num_classes != 2:
        raise BackpropError(f"--loss {cfg['loss']} needs two classes (one logit per sample); "
                            f"{data.name} has {data.num_classes}")
    return 1


# -- a run -------------------------------------------------------------------------------------
@dataclass
class Run:
    """Everything a run of a configuration needs, built together."""

    config: dict[str, Any]
    data: Any
    model: Any
    optimizer: Any
    scheduler: Any
    trainer: Trainer


def _parts(cfg: dict[str, Any], data, model, log, progress, parallel=None) -> Run:
    opt = make_optimizer(cfg["optimizer"], model.parameters(), cfg["lr"], cfg["weight_decay"])
    trainer = Trainer(model, opt, train_config(cfg), log=log, progress=progress,
                      parallel=parallel)
    sched = trainer.scheduler = make_scheduler(cfg["schedule"], opt, cfg["epochs"],
                                               trainer.steps_for(len(data.x_train)))
    return Run(cfg, data, model, opt, sched, trainer)


def build_run(cfg: dict[str, Any], log: Callable[[str], None] | None = None,
              progress: bool | None = False, max_train: int | None = None,
              data: Any = None, parallel: Any = None) -> Run:
    """A fresh run of ``cfg`` (see :func:`configure`): data, then the seeded model, then the
    optimiser, schedule and trainer. ``max_train`` keeps only the first N training samples;
    ``data`` skips loading when the caller has the dataset already; ``parallel`` (a
    :class:`backprop.distributed.DataParallel`) trains on the ranks of an MPI job."""
    import numpy as np

    from ..data import load_dataset
    from ..models import build_model
    from ..random import RunRandom, drawing_from

    if data is None:
        data = load_dataset(cfg["data"], cfg["data_dir"])
    parse_augment(cfg.get("augment")).check_input(data.input_shape)
    if max_train:
        data.x_train, data.y_train = data.x_train[:max_train], data.y_train[:max_train]
    with drawing_from(RunRandom(cfg["seed"]).init()):  # the run's weights, from its seed
        model = build_model(cfg["model"], data.input_shape, outputs_for(cfg, data),
                            hidden=cfg["hidden"], activation=cfg["activation"])
    if cfg["dtype"] == "float64":
        model.to(np.float64)
    return _parts(cfg, data, model, log, progress, parallel)


def resume_run(checkpoint: Any, cfg: dict[str, Any] | None = None,
               log: Callable[[str], None] | None = None, progress: bool | None = False,
               data: Any = None, parallel: Any = None) -> Run:
    """The run saved in ``checkpoint`` (a loaded :class:`backprop.io.Checkpoint`), put back
    where it stopped: same recipe as :func:`build_run`, on the saved model. ``cfg``
    defaults to the saved configuration (pass a copy with more ``epochs`` to go on)."""
    from ..data import load_dataset

    cfg = dict(cfg or checkpoint.config)
    if not {"data", "model", "epochs", "batch_size", "optimizer", "seed"} <= cfg.keys():
        raise BackpropError(f"{checkpoint.path}: the checkpoint has no training configuration "
                            f"(was it written by backprop train?)")
    if data is None:
        data = load_dataset(cfg["data"], cfg.get("data_dir"))
    model = checkpoint.model
    if tuple(model.input_shape) != data.input_shape:
        raise BackpropError(f"{checkpoint.path}: the model takes inputs of shape "
                            f"{tuple(model.input_shape)} but {data.name} has {data.input_shape}")
    run = _parts(cfg, data, model, log, progress, parallel)
    checkpoint.restore(run.trainer)
    return run
