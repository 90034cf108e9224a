"""Evaluate a saved model on a dataset's test split.

Without --data, the dataset the run was trained on (from its saved configuration).

examples:
  backprop evaluate runs/mlp-mnist
  backprop evaluate runs/mlp-mnist/model.safetensors --data fashion-mnist --data-dir FOLDER
"""

from __future__ import annotations

import argparse

from . import options

HELP = "test accuracy and loss of a saved model"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="RUN", help="a saved run: its folder or its model.safetensors")
    options.add_data_arguments(p)
    p.add_argument("--batch-size", type=options.positive_int, default=1000)


def run(args: argparse.Namespace) -> int:
    import math

    import numpy as np

    from ..data import load_dataset
    from ..errors import BackpropError
    from ..io import load
    from ..io.model_file import classes_fit
    from ..train import evaluate
    from ..train.recipe import objective_of

    model, meta = load(args.model)
    name, folder = args.data, args.data_dir
    if name == "default" and folder is None:  # no --data: the run's own dataset
        saved = meta.get("config") or {}
        name, folder = saved.get("data", "default"), saved.get("data_dir")
    data = load_dataset(name, folder)
    if data.input_shape != tuple(meta["input_shape"]):
        raise BackpropError(f"{args.model}: the model takes inputs of shape "
                            f"{tuple(meta['input_shape'])} but {data.name} has {data.input_shape}")
    if not classes_fit(model.output_shape[0], data.num_classes) and \
            data.num_classes > model.output_shape[0]:
        raise BackpropError(f"{args.model}: the model predicts {model.output_shape[0]} classes but "
                            f"{data.name} has {data.num_classes}")
    with np.errstate(all="ignore"):  # an overflow is reported below, in one line
        m = evaluate(model, data.x_test, data.y_test, batch_size=args.batch_size,
                     loss=objective_of(meta.get("config") or {}))
    if not math.isfinite(m["loss"]):
        raise BackpropError(f"{args.model}: the loss on {data.name} is {m['loss']}: the model's "
                            f"outputs overflow on this data")
    from ..render.escape import terminal

    print(terminal(f"{data.name} test: accuracy {100 * m['accuracy']:.2f}%  loss {m['loss']:.4f}  "
          f"({len(data.y_test)} samples)"))
    return 0
