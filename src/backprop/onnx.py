"""ONNX export: a model as an ONNX graph built with ``onnx.helper``, batch axis dynamic.

    bp.onnx.export(model, (1, 28, 28), "model.onnx")

One node (or a short chain) per layer: Linear → Gemm (transB=1, torch's (out, in) weight as
is), Conv1d/Conv2d → Conv with explicit pads, MaxPool/AvgPool → MaxPool/AveragePool,
Flatten → Flatten (or Reshape for other axes), activations → their ONNX operators, Dropout →
Identity (export is for inference: eval mode), Softmax/LogSoftmax → the same. The output is
what the model returns (logits for the reference models). The ``onnx`` package is an
optional extra, imported when a function here runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from .errors import BackpropError

__all__ = ["OPSET", "export", "to_onnx"]

OPSET = 17


def _onnx():
    try:
        import onnx
        from onnx import helper, numpy_helper
    except ImportError:
        raise BackpropError("ONNX export needs the onnx package: pip install 'backprop[onnx]' "
                            "(or pip install onnx)") from None
    return onnx, helper, numpy_helper


class _Graph:
    """Nodes and initializers under unique names; ``x`` is the current output name."""

    def __init__(self, dtype: np.dtype) -> None:
        _, self.helper, self.numpy_helper = _onnx()
        self.nodes: list = []
        self.inits: list = []
        self.dtype = dtype
        self.x = "input"
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(self.numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(self, op: str, inputs: list[str], prefix: str, **attrs: Any) -> str:
        self.count += 1
        out = f"{prefix}_{op.lower()}" if prefix else f"{op.lower()}_{self.count}"
        self.nodes.append(self.helper.make_node(op, inputs, [out], name=out, **attrs))
        self.x = out
        return out


def _ints(v: Any, n: int) -> list[int]:
    if isinstance(v, (int, np.integer)):
        return [int(v)] * n
    return [int(a) for a in v]


def _layer(g: _Graph, m, name: str, in_shape: tuple[int, ...]) -> None:
    kind = type(m).__name__
    x = g.x
    simple = {"ReLU": "Relu", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "Identity": "Identity",
              "Dropout": "Identity"}
    if kind in simple:
        g.node(simple[kind], [x], f"{name}")
    elif kind == "Linear":
        inputs = [x, g.const(f"{name}.weight", m.weight.data)]
        if m.bias is not None:
            inputs.append(g.const(f"{name}.bias", m.bias.data))
        g.node("Gemm", inputs, name, transB=1)
    elif kind == "Flatten":
        rank = len(in_shape) + 1
        start, end = m.start_dim % rank, m.end_dim % rank
        if start == 1 and end == rank - 1:
            g.node("Flatten", [x], name, axis=1)
        else:
            # 0 copies an input axis (those before start_dim); the axes after end_dim are static
            shape = [0] * start + [-1] + list(in_shape[end:])
            g.node("Reshape", [x, g.const(f"{name}.shape", np.array(shape, np.int64))], name)
    elif kind == "Softplus":
        beta = float(m.beta)
        if beta == 1.0:
            g.node("Softplus", [x], name)
        else:  # softplus_β(x) = softplus(βx)/β; torch's threshold changes it by < 1 ulp
            b = g.const(f"{name}.beta", np.array(beta, g.dtype))
            g.node("Mul", [x, b], f"{name}_scale")
            g.node("Softplus", [g.x], name)
            g.node("Div", [g.x, b], f"{name}_unscale")
    elif kind in ("Softmax", "LogSoftmax"):
        g.node(kind, [x], name, axis=int(m.dim))
    elif kind in ("Conv1d", "Conv2d"):
        from .interop import explicit_padding

        nd = len(in_shape) - 1
        pads = explicit_padding(m, in_shape)
        w = m.weight.data
        if getattr(m, "convolve", False):
            w = w[(slice(None), slice(None)) + (slice(None, None, -1),) * nd]
        inputs = [x, g.const(f"{name}.weight", w)]
        if m.bias is not None:
            inputs.append(g.const(f"{name}.bias", m.bias.data))
        g.node("Conv", inputs, name, kernel_shape=list(w.shape[2:]),
               strides=_ints(m.stride, nd), dilations=_ints(getattr(m, "dilation", 1), nd),
               pads=[lo for lo, _ in pads] + [hi for _, hi in pads],
               group=int(getattr(m, "groups", 1)))
    elif kind in ("MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"):
        nd = len(in_shape) - 1
        k = _ints(m.kernel_size, nd)
        s = _ints(m.stride if m.stride is not None else m.kernel_size, nd)
        p = _ints(m.padding, nd)
        attrs = dict(kernel_shape=k, strides=s, pads=p + p,
                     ceil_mode=int(bool(getattr(m, "ceil_mode", False))))
        if kind.startswith("Max"):
            d = _ints(getattr(m, "dilation", 1), nd)
            if any(v != 1 for v in d):
                attrs["dilations"] = d
            g.node("MaxPool", [x], name, **attrs)
        else:
            attrs["count_include_pad"] = int(bool(getattr(m, "count_include_pad", True)))
            g.node("AveragePool", [x], name, **attrs)
    else:
        raise BackpropError(f"onnx export: no ONNX operator known for layer {name} ({kind})")


def to_onnx(model, input_shape: tuple[int, ...] | None = None, opset: int = OPSET):
    """The ``onnx.ModelProto`` of ``model`` for inputs ``(batch, *input_shape)``."""
    from .interop import layer_shapes

    onnx, helper, _ = _onnx()
    input_shape = tuple(int(s) for s in (input_shape or model.input_shape))
    shapes = layer_shapes(model, input_shape)
    dtype = next((p.data.dtype for p in model.parameters()), np.dtype(np.float32))
    elem = onnx.TensorProto.DOUBLE if dtype == np.float64 else onnx.TensorProto.FLOAT
    g = _Graph(dtype)
    for i, m in enumerate(model):
        _layer(g, m, str(i), shapes[i])
    g.nodes.append(helper.make_node("Identity", [g.x], ["output"], name="output"))
    graph = helper.make_graph(
        g.nodes, "backprop",
        [helper.make_tensor_value_info("input", elem, ["batch", *input_shape])],
        [helper.make_tensor_value_info("output", elem, ["batch", *shapes[-1]])], g.inits)
    from . import __version__

    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="backprop", producer_version=__version__)
    proto.ir_version = min(proto.ir_version, 8)  # readable by older runtimes
    spec = getattr(model, "spec", None)
    if spec:
        helper.set_model_props(proto, {"backprop.spec": spec})
    onnx.checker.check_model(proto)
    return proto


def export(model, input_shape: tuple[int, ...] | None, path: str | os.PathLike,
           opset: int = OPSET) -> Path:
    """Write ``model`` as ONNX to ``path`` (atomically); ``input_shape`` excludes the batch
    axis, which stays dynamic (default: the model's own input shape)."""
    from .io import write_atomic

    proto = to_onnx(model, input_shape, opset)
    write_atomic(path, proto.SerializeToString())
    return Path(path)
