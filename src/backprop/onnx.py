"""ONNX export: a model as an ONNX graph built with ``onnx.helper``, batch axis dynamic.

    bp.onnx.export(model, (1, 28, 28), "model.onnx")

One node (or a short chain) per layer, declared by the layer itself (``to_onnx`` beside its
class in ``backprop.nn``: Linear → Gemm, Conv → Conv with explicit pads, Dropout → Identity
as export is for inference, …) and written into the :class:`_Graph` builder here. The output
is what the model returns (logits for the reference models). A layer option the graph could
not honour is refused with an error naming the layer and the option, never dropped: circular
padding needs opset 19 (Pad mode 'wrap'); divisor_override is an AveragePool scaled by a Mul,
refused where a ceil_mode window reaches past the padded input. The ``onnx`` package is an
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
        from .extras import install_command
        raise BackpropError(f"ONNX export needs the onnx package: {install_command('onnx')} "
                            f"(or pip install onnx)") from None
    return onnx, helper, numpy_helper


class _Graph:
    """What a layer's ``to_onnx`` writes into: ``x`` is the current tensor's name,
    ``node(op, inputs, prefix, **attrs)`` appends a node whose output becomes ``x``,
    ``const(name, array)`` adds an initializer, ``dtype`` is the model's float type,
    ``opset`` the opset being written (a layer refuses what that opset cannot say)."""

    def __init__(self, dtype: np.dtype, opset: int = OPSET) -> None:
        _, self.helper, self.numpy_helper = _onnx()
        self.nodes: list = []
        self.inits: list = []
        self.dtype = dtype
        self.opset = opset
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


def to_onnx(model, input_shape: tuple[int, ...] | None = None, opset: int = OPSET):
    """The ``onnx.ModelProto`` of ``model`` for inputs ``(batch, *input_shape)``."""
    from .models import architecture
    from .nn.module import parameter_dtype

    onnx, helper, _ = _onnx()
    arch = architecture(model, input_shape)
    input_shape, shapes = arch.input_shape, arch.shapes
    dtype = parameter_dtype(model)
    elem = onnx.TensorProto.DOUBLE if dtype == np.float64 else onnx.TensorProto.FLOAT
    g = _Graph(dtype, opset)
    for i, m in enumerate(model):
        m.to_onnx(g, str(i), shapes[i])  # each layer declares its own nodes
    g.nodes.append(helper.make_node("Identity", [g.x], ["output"], name="output"))
    graph = helper.make_graph(
        g.nodes, "backprop",
        [helper.make_tensor_value_info("input", elem, ["batch", *input_shape])],
        [helper.make_tensor_value_info("output", elem, ["batch", *shapes[-1]])], g.inits)
    from . import __version__

    proto = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="backprop", producer_version=__version__)
    # the oldest IR version that carries this opset: readable by older runtimes
    proto.ir_version = helper.find_min_ir_version_for(proto.opset_import)
    helper.set_model_props(proto, {"backprop.spec": arch.spec})
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
