"""Evaluate a saved model on a dataset's test split.

examples:
  backprop evaluate runs/mlp/model.safetensors
  backprop evaluate runs/mlp --data fashion-mnist --data-dir ../shared/data/fashion-mnist
"""

from __future__ import annotations

import argparse

from . import options

HELP = "test accuracy and loss of a saved model"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="a model.safetensors file or the run directory")
    options.add_data_arguments(p)
    p.add_argument("--batch-size", type=options.positive_int, default=1000)


def run(args: argparse.Namespace) -> int:
    import math

    import numpy as np

    from ..data import load_dataset
    from ..errors import BackpropError
    from ..io import load
    from ..train import evaluate

    model, meta = load(args.model)
    data = load_dataset(args.data, args.data_dir)
    if data.input_shape != tuple(meta["input_shape"]):
        raise BackpropError(f"{args.model}: the model takes inputs of shape "
                            f"{tuple(meta['input_shape'])} but {data.name} has {data.input_shape}")
    if data.num_classes > model.output_shape[0]:
        raise BackpropError(f"{args.model}: the model predicts {model.output_shape[0]} classes but "
                            f"{data.name} has {data.num_classes}")
    with np.errstate(all="ignore"):  # an overflow is reported below, in one line
        m = evaluate(model, data.x_test, data.y_test, batch_size=args.batch_size)
    if not math.isfinite(m["loss"]):
        raise BackpropError(f"{args.model}: the loss on {data.name} is {m['loss']}: the model's "
                            f"outputs overflow on this data")
    print(f"{data.name} test: accuracy {100 * m['accuracy']:.2f}%  loss {m['loss']:.4f}  "
          f"({len(data.y_test)} samples)")
    return 0
