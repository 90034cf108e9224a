"""The graph the engine records: one node per recorded operation, with its value and its
gradient, and one per input, parameter or constant it was given.

:func:`graph` calls a function on inputs that require a gradient, sweeps backwards once
from its output (keeping every cotangent, which the engine otherwise frees) and reads the
recorded nodes: each operation's name, its output's value and the gradient of the output
with respect to it. Nothing here knows an operator: names come from the engine's records.
"""

from __future__ import annotations

import inspect
import json
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .. import display
from ..engine import Tensor, backprop, enable_grad
from ..errors import BackpropError
from ..limits import check_allocation

__all__ = ["GraphNode", "Graph", "graph", "from_output", "MAX_NODES", "MAX_VALUES"]

MAX_NODES = 20_000  # a graph this large is refused before its values are copied
# Values and gradients kept by a graph, all nodes together, counted before the backward
# sweep keeps its cotangents and before anything is copied: each number costs 16 bytes in
# the graph and about 50 more written out as JSON (64 MiB and ~0.5 GB at this bound).
MAX_VALUES = 2**23

LEAF_KINDS = ("input", "parameter", "leaf", "constant")


@dataclass
class GraphNode:
    """One node: ``op`` is the recorded operation's name, or for a node without inputs
    ``input`` (an argument of the function), ``parameter`` (a model's weight), ``leaf``
    (another tensor that requires a gradient) or ``constant`` (needs no gradient).
    ``grad`` is ∂(output)/∂(this value), ``None`` for a constant."""

    id: int
    op: str
    shape: tuple[int, ...]
    value: np.ndarray
    grad: np.ndarray | None
    name: str | None = None          # "x", "1.weight": what the user calls it
    layer: str | None = None         # the layer that recorded it, in a network's graph
    inputs: tuple[int, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return self.op in LEAF_KINDS and not self.inputs

    @property
    def title(self) -> str:
        """The op, and the name when it has one: ``parameter 1.weight``, ``sigmoid``."""
        return f"{self.op} {self.name}" if self.name else self.op

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "op": self.op, "name": self.name, "layer": self.layer,
                "shape": list(self.shape), "value": _plain(self.value),
                "grad": None if self.grad is None else _plain(self.grad)}


@dataclass
class Graph:
    """Nodes in topological order (every node after its inputs) and the output's id."""

    nodes: list[GraphNode]
    output: int
    title: str = "computation graph"
    notes: list[str] = field(default_factory=list)

    @property
    def edges(self) -> list[tuple[int, int]]:
        """``(from, to)``: from an input of an operation to the operation."""
        return [(i, n.id) for n in self.nodes for i in n.inputs]

    def node(self, name: str) -> GraphNode:
        """The node the user calls ``name`` (an input or a parameter)."""
        for n in self.nodes:
            if n.name == name:
                return n
        raise BackpropError(f"graph: no node named {name!r} (named: "
                            f"{', '.join(n.name for n in self.nodes if n.name)})")

    def to_dict(self) -> dict[str, Any]:
        """``{"nodes": [{id, op, name, layer, shape, value, grad}], "edges": [[from, to]],
        "output": id}``; values and gradients as nested lists (null where not finite)."""
        return {"title": self.title, "output": self.output,
                "nodes": [n.to_dict() for n in self.nodes],
                "edges": [list(e) for e in self.edges]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), allow_nan=False)

    # Drawn by backprop.render, which imports this module: asked through backprop.display.
    def to_dot(self) -> str:
        """Graphviz DOT text (:func:`backprop.computation_graph.to_dot`)."""
        return display.show(self, "dot")

    def _repr_html_(self) -> str:
        """How Jupyter shows the graph: laid out in ranks as inline SVG, nothing fetched."""
        return display.show(self, "text/html")

    def __repr__(self) -> str:
        return (f"<Graph {self.title!r}: {len(self.nodes)} nodes, {len(self.edges)} edges, "
                f"output {self.nodes[self.output].op}>")


def _plain(a: np.ndarray) -> Any:
    """An array as nested lists of floats, non-finite entries as None (JSON has no NaN)."""
    a = np.asarray(a, dtype=np.float64)
    if np.all(np.isfinite(a)):
        return a.tolist()
    return np.where(np.isfinite(a), a, None).tolist()


def _argument_names(f: Callable, count: int) -> list[str]:
    try:
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    except (TypeError, ValueError):  # a builtin without a signature
        params = []
    names = [p.name for p in params[:count]]
    return names + [f"input{k}" for k in range(len(names), count)]


def _as_input(value: Any, name: str) -> Any:
    """An argument as a tensor that requires a gradient (floating point), or as given."""
    if isinstance(value, Tensor):
        if value.dtype.kind != "f" or (value.requires_grad and value.is_leaf):
            return value
        return Tensor(value.data, requires_grad=True)  # its history is not this graph's
    if isinstance(value, (bool, int)) or (isinstance(value, np.ndarray)
                                          and value.dtype.kind in "biu"):
        return value  # labels, sizes: not differentiated
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return value  # not a number: the function's own option
    return Tensor(arr, requires_grad=True)


def graph(f: Callable[..., Any], *inputs: Any, grad_output: Any = None,
          names: list[str] | None = None) -> Graph:
    """Record ``f(*inputs)`` and return its computation graph, every node with its value
    and its gradient.

    Floating-point inputs (numbers, arrays, tensors) are made tensors that require a
    gradient; integer inputs (labels) are passed as they are. Inputs are named after
    ``f``'s parameters (or ``names``). The gradients are of the output, contracted with
    ``grad_output`` (default: ones, so the gradient of the sum of the output's entries).

        import backprop as bp
        g = bp.graph(lambda x, w: bp.functional.sigmoid(x @ w).sum(), [1.0, 2.0], [0.5, -1.0])
        print(g.to_dot())
    """
    if not callable(f):
        raise BackpropError(f"graph: expected a function, got {type(f).__name__}")
    names = list(names) if names is not None else _argument_names(f, len(inputs))
    if len(names) != len(inputs):
        raise BackpropError(f"graph: {len(names)} names for {len(inputs)} inputs")
    args = [_as_input(v, n) for v, n in zip(inputs, names)]
    with enable_grad():
        out = f(*args)
    if not isinstance(out, Tensor):
        raise BackpropError(f"graph: the function must return one tensor, got "
                            f"{type(out).__name__}")
    named = {id(a): (n, "input") for a, n in zip(args, names) if isinstance(a, Tensor)}
    title = getattr(f, "__name__", "f")
    return from_output(out, named, grad_output=grad_output,
                       title=f"{title}({', '.join(names)})" if title != "<lambda>" else
                       f"f({', '.join(names)})")


def from_output(out: Tensor, named: dict[int, tuple[str, str]], grad_output: Any = None,
                layers: dict[int, str] | None = None, title: str = "computation graph") -> Graph:
    """The graph behind ``out``: ``named`` maps ``id(tensor)`` to (name, kind) for the
    inputs and parameters; ``layers`` maps ``id(tensor)`` to the layer that made it."""
    if out._node is None:
        raise BackpropError("graph: the output was not recorded: no input requires a "
                            "gradient, or it was computed under no_grad")
    order = _topological(out)
    if len(order) > MAX_NODES:
        raise BackpropError(f"graph: {len(order):,} nodes is too many (at most {MAX_NODES:,})")
    _check_values(order)
    cotangent = np.ones_like(out.data) if grad_output is None else np.asarray(grad_output)
    if cotangent.shape != out.shape:
        raise BackpropError(f"graph: grad_output has shape {cotangent.shape}, the output "
                            f"{out.shape}")
    kept: dict[int, np.ndarray] = {}
    backprop(out, cotangent, retain=kept)
    layers = layers or {}
    ids: dict[int, int] = {}
    nodes: list[GraphNode] = []
    for value, key in order:
        t = value if isinstance(value, Tensor) else None
        data = np.asarray(value.data if t is not None else value)
        if t is not None and t._node is not None:
            op, name = t._node.name, None
            inputs = tuple(ids[_key(p, t, k)] for k, p in enumerate(t._node.parents))
        else:
            name, op = named.get(id(t), (None, None)) if t is not None else (None, None)
            if op is None:
                op = "leaf" if t is not None and t.requires_grad else "constant"
            if name is None and op == "constant" and data.size == 1:
                name = f"{data.item():g}"
            inputs = ()
        grad = kept.get(id(t)) if t is not None and t.requires_grad else None
        if grad is None and t is not None and t.requires_grad:
            grad = np.zeros_like(data)  # required, but no path to the output reached it
        ids[key] = len(nodes)
        nodes.append(GraphNode(len(nodes), op, tuple(data.shape), data.copy(),
                               None if grad is None else np.array(grad, dtype=np.float64),
                               name, layers.get(id(t)) if t is not None else None, inputs))
    return Graph(nodes, ids[id(out)], title)


def _check_values(order: list[tuple[Any, int | tuple]]) -> None:
    """Refuse a graph whose values and gradients together exceed :data:`MAX_VALUES`
    numbers (a short expression of large intermediate values, say), before the sweep keeps
    a cotangent for every node and before every value is copied; and hold the largest copy
    to the memory budget."""
    sizes = [int(np.size(v.data if isinstance(v, Tensor) else v)) for v, _ in order]
    kept = sum(2 * n if isinstance(v, Tensor) and v.requires_grad else n
               for n, (v, _) in zip(sizes, order))
    if kept > MAX_VALUES:
        raise BackpropError(f"graph: its {len(order):,} nodes would keep {kept:,} values and "
                            f"gradients, more than {MAX_VALUES:,} (use smaller inputs or fewer "
                            f"operations)")
    check_allocation("graph", "copy of a node's gradient", max(sizes, default=0), np.float64)


def _key(value: Any, consumer: Tensor, position: int) -> int | tuple:
    """A tensor is one node however often it is used; a plain number or array given to an
    operation is a constant node of its own for each use."""
    return id(value) if isinstance(value, Tensor) else (id(consumer), position)


def _topological(out: Tensor) -> list[tuple[Any, int | tuple]]:
    """(value, key) of every tensor and constant behind ``out``, inputs first (iterative
    depth-first search, so deep graphs do not reach Python's recursion limit)."""
    order: list[tuple[Any, int | tuple]] = []
    seen: set = set()
    stack: list[tuple[Any, int | tuple, bool]] = [(out, id(out), False)]
    while stack:
        value, key, expanded = stack.pop()
        if expanded:
            order.append((value, key))
            continue
        if key in seen:
            continue
        seen.add(key)
        stack.append((value, key, True))
        node = value._node if isinstance(value, Tensor) else None
        if node is not None:
            for k, p in reversed(list(enumerate(node.parents))):
                pk = _key(p, value, k)
                if pk not in seen:
                    stack.append((p, pk, False))
        if len(seen) > MAX_NODES:
            raise BackpropError(f"graph: more than {MAX_NODES:,} nodes (too many to show)")
    return order

