"""Predict classes for inputs with a saved model.

INPUT is an .npz (array 'x', or the only array in it), an .npy, or an IDX image file;
images are scaled like the training data (uint8 → [0, 1]).

examples:
  backprop predict runs/mlp ../shared/data/mnist/t10k-images-idx3-ubyte.gz --top 3 --limit 5
"""

from __future__ import annotations

import argparse

from . import options

HELP = "predicted classes (and probabilities) for new inputs"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="a model.safetensors file or the run directory")
    p.add_argument("inputs", metavar="INPUT", help=".npz, .npy or IDX file of inputs")
    p.add_argument("--top", type=options.positive_int, default=1,
                   help="show the K most probable classes (default: 1)")
    p.add_argument("--limit", type=options.positive_int, help="only the first N inputs")


def _read_inputs(path: str):
    from pathlib import Path

    import numpy as np

    from ..data import load_npz, read_idx
    from ..errors import DataError

    p = Path(path)
    if p.suffix == ".npz":
        arrays = load_npz(p)
        if "x" in arrays:
            x = arrays["x"]
        elif len(arrays) == 1:
            x = next(iter(arrays.values()))
        else:
            raise DataError(f"{p}: holds {sorted(arrays)}; name the inputs 'x'")
    elif p.suffix == ".npy":
        if not p.is_file():
            raise DataError(f"{p}: no such file")
        try:
            x = np.load(p, allow_pickle=False)
        except ValueError as e:
            raise DataError(f"{p}: cannot read as .npy without pickle ({e})") from None
    else:
        x = read_idx(p)
    if x.dtype == np.uint8:
        x = x.astype(np.float32) / 255
    return x


def run(args: argparse.Namespace) -> int:
    import numpy as np

    from ..errors import ShapeError
    from ..io import load
    from ..train import predict
    from ..train.recipe import objective_of

    model, meta = load(args.model)
    x = _read_inputs(args.inputs)
    shape = tuple(meta["input_shape"])
    if x.shape[1:] != shape:
        if int(np.prod(x.shape[1:])) == int(np.prod(shape)):
            x = x.reshape((len(x),) + shape)
        else:
            raise ShapeError(f"{args.inputs}: inputs have shape {x.shape[1:]} but the model "
                             f"takes {shape}")
    if not np.all(np.isfinite(x)):
        raise ShapeError(f"{args.inputs}: inputs contain NaN or inf")
    if args.limit:
        x = x[:args.limit]
    probs = objective_of(meta.get("config") or {}).probabilities(predict(model, x))
    classes = meta["classes"]
    top = min(args.top, probs.shape[1])
    for i, row in enumerate(probs):
        best = np.argsort(-row)[:top]
        print(f"{i}\t" + "  ".join(f"{classes[k]} ({100 * row[k]:.1f}%)" for k in best))
    return 0
