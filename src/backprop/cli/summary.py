"""Print the layer table of an architecture: output shape and parameters of every layer.

SPEC_OR_MODEL is a reference model name (mlp, lenet5), an architecture string, or a saved
model (a model.safetensors file or its run directory). Input sizes are inferred layer to
layer from --input (channels x height x width; default: a saved model's own input shape,
otherwise 1x28x28).

examples:
  backprop summary "conv(32,8,stride=2,padding=3) maxpool(2) conv(64,3,padding=1)" --input 3x128x128
  backprop summary lenet5
  backprop summary runs/lenet5
"""

from __future__ import annotations

import argparse

HELP = "layer-by-layer output shapes and parameter counts of an architecture or saved model"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="SPEC_OR_MODEL",
                   help="mlp, lenet5, an architecture string, or a saved model file/directory")
    p.add_argument("--input", metavar="CxHxW",
                   help="input shape without the batch axis, e.g. 3x128x128 or 784")


def run(args: argparse.Namespace) -> int:
    import os

    from ..summarize import parse_shape, summary

    shape = parse_shape(args.input) if args.input else None
    if os.path.exists(args.model):
        from ..io import load

        model, meta = load(args.model)
        shape = shape or tuple(meta["input_shape"])
        what = f"{args.model} ({model.spec})"
    else:
        from ..models import build_model

        shape = shape or (1, 28, 28)
        model = build_model(args.model, shape)
        what = model.spec
    table = summary(model, shape)
    print(what)
    print(table)
    return 0
