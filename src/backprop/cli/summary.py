"""Print the layer table of an architecture: output shape and parameters of every layer.

SPEC|RUN is a reference model name (mlp, lenet5), an architecture string, or a saved
model (a model.safetensors file or its run directory); --arch SPEC says the same. Input
sizes are inferred layer to layer from --shape (channels x height x width; default: a saved
model's own input shape, otherwise 1x28x28).

examples:
  backprop summary "conv(32,8,stride=2,padding=3) maxpool(2) conv(64,3,padding=1)" --shape 3x128x128
  backprop summary lenet5
  backprop summary runs/lenet5
"""

from __future__ import annotations

import argparse

from . import options

HELP = "layer-by-layer output shapes and parameter counts of an architecture or saved model"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", nargs="?", metavar="SPEC|RUN",
                   help="mlp, lenet5, an architecture string, or a saved run (its folder or "
                        "model file)")
    options.add_arch(p)
    p.add_argument("--shape", metavar="CxHxW",
                   help="input shape without the batch axis, e.g. 3x128x128 or 784")
    options.renamed(p, "--input", "--shape", dest="shape", metavar="CxHxW")


def run(args: argparse.Namespace) -> int:
    import os

    from ..errors import BackpropError
    from ..summarize import parse_shape, summary

    spec = options.arch(args)
    if spec is None:
        raise BackpropError("give an architecture (SPEC or --arch SPEC) or a saved RUN")
    shape = parse_shape(args.shape) if args.shape else None
    if args.arch is None and os.path.exists(spec):
        from ..io import load

        model, meta = load(spec)
        shape = shape or tuple(meta["input_shape"])
        what = f"{spec} ({model.spec})"
    else:
        from ..models import build_model

        shape = shape or (1, 28, 28)
        model = build_model(spec, shape)
        what = model.spec
    from ..render.escape import terminal

    table = summary(model, shape)
    print(terminal(what))
    print(terminal(table))
    return 0
