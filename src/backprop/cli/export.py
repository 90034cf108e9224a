"""Export a saved model to ONNX (batch axis dynamic), checked with the ONNX checker.

examples:
  backprop export runs/mlp --onnx mlp.onnx
  backprop export runs/lenet5/model.safetensors --onnx lenet5.onnx --opset 17

The weights themselves need no export for PyTorch: model.safetensors holds them under
torch.nn names, so  torch_model.load_state_dict(safetensors.torch.load_file(PATH))  works
for the torch twin of the architecture (see backprop.interop.to_torch).
"""

from __future__ import annotations

import argparse

from . import options

HELP = "export a saved model to ONNX"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", metavar="MODEL", help="a model.safetensors or checkpoint file, or "
                   "the run directory")
    p.add_argument("--onnx", metavar="PATH", required=True, help="where to write the .onnx file")
    p.add_argument("--opset", type=options.positive_int, default=17,
                   help="ONNX opset version (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    from ..io import load
    from ..onnx import export

    model, meta = load(args.model)
    path = export(model, meta["input_shape"], args.onnx, opset=args.opset)
    shape = ", ".join(str(s) for s in meta["input_shape"])
    print(f"wrote {path}: input 'input' (batch, {shape}) → output 'output' "
          f"(batch, {', '.join(map(str, model.output_shape))}), opset {args.opset}")
    return 0
