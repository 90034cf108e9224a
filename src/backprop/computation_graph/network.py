"""The computation graph of a network of layers on one sample, down to its loss.

The network is built as ``backprop trace`` builds it (the same spec, seed and input give
the same weights and numbers) and runs in evaluation mode; the input requires a gradient
too, so every node, the input included, shows ∂E/∂(its value). Each node is tagged with
the layer that recorded it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import nn
from ..engine import Tensor, enable_grad
from ..errors import BackpropError
from ..models import Limits
from ..trace.compute import LIMITS, sample
from ..trace.formulas import LOSS_FORMULAS
from .record import Graph, from_output

__all__ = ["network_graph"]


def _layer_label(name: str, module: nn.Module) -> str:
    return f"{name}: {type(module).__name__}"


def _tag(t: Tensor, label: str, layers: dict[int, str]) -> None:
    """Give ``label`` to every recorded tensor behind ``t`` that no earlier layer made
    (its parameters carry their layer's label already)."""
    stack = [t]
    while stack:
        v = stack.pop()
        if id(v) in layers or v._node is None:
            continue
        layers[id(v)] = label
        stack += [p for p in v._node.parents if isinstance(p, Tensor)]


def network_graph(spec: str | None = None, input: Any = None, target: Any = None,
                  loss: str = "cross_entropy", seed: int = 0, shape: Any = None,
                  model: nn.Sequential | None = None,
                  parameters: dict[str, Any] | None = None, limits: Limits = LIMITS) -> Graph:
    """The graph of ``spec`` (an architecture string, default the two-layer network of
    the derivations; or a built ``model``) on one sample, through ``loss`` to the target.

    ``input``, ``target``, ``shape``, ``seed``, ``parameters`` (edited weights) and
    ``limits`` are read as ``backprop trace`` reads them (a class label or the output
    vector; numbers or a seeded input of ``shape``): the same arguments give the trace's
    weights and numbers.
    """
    s = sample(spec, input, target, loss, seed, shape, parameters, model, limits,
               what="graph")
    model, x, t = s.model, s.x, s.t
    named = {id(p): (name, "parameter") for name, p in model.named_parameters()}
    leaf = Tensor(x[None], requires_grad=True)
    named[id(leaf)] = ("x", "input")
    layers = {id(p): _layer_label(name, m) for name, m in model.named_children()
              for p in m.parameters()}  # a weight is drawn with its layer
    with enable_grad(), np.errstate(over="ignore", invalid="ignore"):
        h = leaf
        for name, m in model.named_children():
            h = m(h)
            _tag(h, _layer_label(name, m), layers)
        target_tensor = Tensor(t[None])  # a constant: no gradient
        named[id(target_tensor)] = ("t", "constant")
        layers[id(target_tensor)] = f"loss: {loss}"  # drawn with the loss it feeds
        out = LOSS_FORMULAS[loss].loss(h, target_tensor)
    _tag(out, f"loss: {loss}", layers)
    if not np.isfinite(float(out.data)):
        raise BackpropError(f"graph: the loss is {float(out.data)} (inputs or weights too "
                            f"large?)")
    return from_output(out, named, layers=layers, title=f"{model.spec} · {loss}")
