"""Predict classes for inputs with a saved model.

INPUT is an .npz (array 'x', or the only array in it), an .npy, or an IDX image file;
images are scaled like the training data (uint8 → [0, 1]).

examples:
  backprop predict runs/mlp-mnist t10k-images-idx3-ubyte.gz --top 3 --limit 5
  backprop predict runs/mlp-mnist digits.npy
"""

from __future__ import annotations

import argparse

from . import options

HELP = "predicted classes (and probabilities) for new inputs"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="RUN", help="a saved run: its folder or its model.safetensors")
    p.add_argument("inputs", metavar="INPUT", help=".npz, .npy or IDX file of inputs")
    p.add_argument("--top", type=options.positive_int, default=1,
                   help="show the K most probable classes (default: 1)")
    p.add_argument("--limit", type=options.positive_int, help="only the first N inputs")


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from ..data.inputs import load_inputs
    from ..errors import DataError, ShapeError
    from ..io import load
    from ..train import predict
    from ..train.recipe import objective_of

    model, meta = load(args.model)
    try:
        x = load_inputs(args.inputs, next(model.parameters()).data.dtype)
    except MemoryError:  # within the readers' limits, yet too big for this machine
        raise DataError(f"{args.inputs}: the inputs do not fit in memory") from None
    shape = tuple(meta["input_shape"])
    if x.shape[1:] != shape:
        if int(np.prod(x.shape[1:])) == int(np.prod(shape)):
            x = x.reshape((len(x),) + shape)
        else:
            raise ShapeError(f"{args.inputs}: inputs have shape {x.shape[1:]} but the model "
                             f"takes {shape}")
    x = x.astype(next(model.parameters()).data.dtype, copy=False)
    if not np.all(np.isfinite(x)):  # also after the cast: 1e300 is inf in float32
        raise DataError(f"{args.inputs}: inputs contain NaN or inf (or values too large for "
                        f"the model's {x.dtype})")
    if args.limit:
        x = x[:args.limit]
    with np.errstate(all="ignore"):  # an overflow is reported below, in one line
        probs = objective_of(meta.get("config") or {}).probabilities(predict(model, x))
    if not np.all(np.isfinite(probs)):
        raise DataError(f"{args.inputs}: the model's outputs overflow on these inputs")
    from ..render.escape import terminal

    classes = [terminal(c) for c in meta["classes"]]  # a dataset's names: no control codes
    top = min(args.top, probs.shape[1])
    for i, row in enumerate(probs):
        best = np.argsort(-row)[:top]
        print(f"{i}\t" + "  ".join(f"{classes[k]} ({100 * row[k]:.1f}%)" for k in best))
    return 0
