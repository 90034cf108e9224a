"""Train a model and report its test accuracy.

With no arguments: the two-layer network of SPEC §1 (flatten → linear → sigmoid →
linear → softmax cross-entropy) on the default dataset (MNIST, shipped with backprop).

examples:
  backprop train
  backprop train --data mnist --data-dir ../shared/data/mnist --hidden 800 --activation relu
  backprop train --model lenet5 --epochs 5 --out runs/lenet5
  backprop train --model "conv(8,3,padding=1) relu maxpool(2) flatten linear(10)"
"""

from __future__ import annotations

import argparse

from . import options

HELP = "train a model (defaults: the two-layer MLP on MNIST shipped with backprop)"

DEFAULTS = {"mlp": dict(epochs=20, batch_size=128, optimizer="adam", lr=1e-3, hidden=[800]),
            "other": dict(epochs=10, batch_size=64, optimizer="adam", lr=1e-3, hidden=[800])}
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam", "adamw")


def add_arguments(p: argparse.ArgumentParser) -> None:
    options.add_data_arguments(p)
    p.add_argument("--model", default="mlp",
                   help="mlp, lenet5, or an architecture string such as "
                        "\"conv(32,3,padding=1) relu maxpool(2) flatten linear(10)\" "
                        "(default: %(default)s)")
    p.add_argument("--hidden", type=options.hidden_sizes, metavar="N[,N…]",
                   help="hidden layer sizes of the mlp (default: 800)")
    p.add_argument("--activation", default="sigmoid",
                   choices=("sigmoid", "tanh", "relu", "softplus"),
                   help="hidden activation of the mlp (default: %(default)s)")
    p.add_argument("--epochs", type=options.positive_int, help="passes over the training data "
                   "(default: 20 for the mlp, 10 otherwise)")
    p.add_argument("--batch-size", type=options.positive_int,
                   help="samples per step (default: 128 for the mlp, 64 otherwise)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default="adam",
                   help="update rule; momentum/nesterov are SGD with momentum 0.9 "
                        "(default: %(default)s)")
    p.add_argument("--lr", type=options.positive_float, help="learning rate (default: 1e-3 for "
                   "adam/adamw, 0.1 for sgd, 0.05 with momentum)")
    p.add_argument("--weight-decay", type=float, default=0.0, help="L2 penalty (default: 0)")
    p.add_argument("--schedule", choices=("none", "cosine", "step"), default="cosine",
                   help="learning-rate schedule over the epochs (default: %(default)s)")
    p.add_argument("--validation-split", type=options.fraction, default=0.0, metavar="F",
                   help="hold out this fraction of the training data for validation")
    p.add_argument("--patience", type=options.positive_int,
                   help="early stopping: stop after this many epochs without a better "
                        "validation loss (needs --validation-split)")
    p.add_argument("--seed", type=options.non_negative_int, default=0,
                   help="seed for initialisation, shuffling and dropout (default: %(default)s)")
    p.add_argument("--float64", action="store_true", help="train in float64 (default float32)")
    p.add_argument("--out", metavar="DIR",
                   help="save the trained model to DIR/model.safetensors and the per-epoch "
                        "metrics to DIR/metrics.jsonl")
    p.add_argument("--quiet", action="store_true", help="no per-epoch lines or progress bar")


def make_optimizer(name: str, params, lr: float | None, weight_decay: float):
    from .. import optim

    if name == "adam":
        return optim.Adam(params, lr=lr or 1e-3, weight_decay=weight_decay)
    if name == "adamw":
        return optim.AdamW(params, lr=lr or 1e-3, weight_decay=weight_decay or 1e-2)
    if name == "sgd":
        return optim.SGD(params, lr=lr or 0.1, weight_decay=weight_decay)
    return optim.SGD(params, lr=lr or 0.05, momentum=0.9, nesterov=(name == "nesterov"),
                     weight_decay=weight_decay)


def make_scheduler(name: str, optimizer, epochs: int):
    from ..optim import lr_scheduler

    if name == "cosine":
        return lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    if name == "step":
        return lr_scheduler.StepLR(optimizer, step_size=max(1, epochs // 3), gamma=0.1)
    return None


def config_from_args(args: argparse.Namespace) -> dict:
    defaults = DEFAULTS["mlp" if args.model == "mlp" else "other"]
    return {
        "data": args.data, "data_dir": args.data_dir, "model": args.model,
        "hidden": args.hidden or defaults["hidden"], "activation": args.activation,
        "epochs": args.epochs or defaults["epochs"],
        "batch_size": args.batch_size or defaults["batch_size"],
        "optimizer": args.optimizer, "lr": args.lr, "weight_decay": args.weight_decay,
        "schedule": args.schedule, "validation_split": args.validation_split,
        "patience": args.patience, "seed": args.seed,
        "dtype": "float64" if args.float64 else "float32",
    }


def run(args: argparse.Namespace) -> int:
    import json
    import time
    from pathlib import Path

    import numpy as np

    from .. import random
    from ..data import load_dataset
    from ..errors import BackpropError
    from ..models import build_model
    from ..train import Trainer, evaluate

    if args.patience and not args.validation_split:
        raise BackpropError("--patience needs --validation-split (early stopping watches the "
                            "validation loss)")
    cfg = config_from_args(args)
    say = (lambda s: None) if args.quiet else (lambda s: print(s, flush=True))
    t_start = time.perf_counter()
    data = load_dataset(cfg["data"], cfg["data_dir"])
    random.manual_seed(cfg["seed"])
    model = build_model(cfg["model"], data.input_shape, data.num_classes,
                        hidden=cfg["hidden"], activation=cfg["activation"])
    if cfg["dtype"] == "float64":
        model.to(np.float64)
    opt = make_optimizer(cfg["optimizer"], model.parameters(), cfg["lr"], cfg["weight_decay"])
    sched = make_scheduler(cfg["schedule"], opt, cfg["epochs"])
    say(f"data: {data}")
    say(f"model: {model.spec}  ({model.num_parameters():,} parameters)")
    trainer = Trainer(model, opt, epochs=cfg["epochs"], batch_size=cfg["batch_size"],
                      seed=cfg["seed"], scheduler=sched, validation_split=cfg["validation_split"],
                      patience=cfg["patience"], progress=False if args.quiet else None, log=say)
    trainer.fit(data.x_train, data.y_train)
    test = evaluate(model, data.x_test, data.y_test)
    elapsed = time.perf_counter() - t_start
    print(f"test accuracy {100 * test['accuracy']:.2f}%  test loss {test['loss']:.4f}  "
          f"({len(trainer.history)} epochs, {elapsed:.1f}s)")
    if args.out:
        from ..io import save, write_atomic

        out = Path(args.out)
        save(model, out / "model.safetensors", classes=data.classes, config=cfg)
        lines = "".join(json.dumps(row) + "\n" for row in trainer.history)
        write_atomic(out / "metrics.jsonl", lines.encode())
        say(f"saved {out / 'model.safetensors'}")
    return 0
