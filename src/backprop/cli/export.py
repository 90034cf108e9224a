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
    p.add_argument("model", metavar="RUN", help="a model.safetensors or checkpoint file, or "
                   "the run directory")
    p.add_argument("--onnx", metavar="PATH", required=True, help="where to write the .onnx file (its folder must exist; a "
                   "symbolic link is followed; a device, FIFO or directory is refused)")
    p.add_argument("--opset", type=options.positive_int, default=17,
                   help="ONNX opset version; the file is written only if the ONNX checker "
                        "and, when installed, onnxruntime accept it (default: %(default)s)")


def _checked(model, input_shape, opset: int) -> bytes:
    """The ONNX bytes of ``model``, refused with one line unless the ONNX checker and (when
    installed) onnxruntime accept them at this opset."""
    import numpy as np

    from ..errors import BackpropError
    from ..onnx import to_onnx

    try:
        proto = to_onnx(model, input_shape, opset=opset)
    except BackpropError:
        raise
    except Exception as e:  # onnx.checker.ValidationError: the opset lacks an operator form
        raise BackpropError(f"--opset {opset}: the ONNX checker refuses the model "
                            f"({str(e).splitlines()[0]})") from None
    data = proto.SerializeToString()
    try:
        import onnxruntime as ort
    except ImportError:
        return data
    try:
        quiet = ort.SessionOptions()
        quiet.log_severity_level = 3  # its warnings would break the one-line contract
        session = ort.InferenceSession(data, quiet, providers=["CPUExecutionProvider"])
        dtype = next((p.data.dtype for p in model.parameters()), np.dtype(np.float32))
        session.run(None, {"input": np.zeros((1, *input_shape), dtype)})
    except Exception as e:  # onnxruntime raises its own Fail/InvalidGraph types
        reason = " ".join(str(e).split())[:160]
        raise BackpropError(f"--opset {opset}: onnxruntime {ort.__version__} cannot run the "
                            f"exported model ({reason})") from None
    return data


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..io import load, write_atomic

    model, meta = load(args.model)
    write_atomic(args.onnx, _checked(model, meta["input_shape"], args.opset))
    path = Path(args.onnx)
    shape = ", ".join(str(s) for s in meta["input_shape"])
    print(f"wrote {path}: input 'input' (batch, {shape}) → output 'output' "
          f"(batch, {', '.join(map(str, model.output_shape))}), opset {args.opset}")
    return 0
