"""The computation graph the engine records, every node with its value and its gradient.

    import backprop as bp
    from backprop.computation_graph import network_graph

    g = bp.graph(lambda x, w: bp.functional.sigmoid(x @ w).sum(), [1.0, 2.0], [0.5, -1.0])
    g = network_graph("flatten linear(3) sigmoid linear(3)", input="1 0.5 -0.5 2", target=2)
    g.to_dot(); g.to_json(); to_svg(g); render_html(g)   # in Jupyter, `g` draws itself

:mod:`.record` reads the engine's records, :mod:`.network` runs a network of layers on one
sample, :mod:`.layout` lays the graph out in ranks; :mod:`backprop.render.graph` draws it
(Graphviz DOT, SVG through Graphviz, inline SVG): its functions are offered here too,
loaded on use (the renderer imports this package's records).
"""

from typing import Any

from .layout import Layout, layered
from .network import network_graph
from .record import Graph, GraphNode, graph

_DRAWING = {"to_dot", "to_svg", "graph_svg", "graph_html", "render_html", "summarize",
            "MAX_DRAWN"}

__all__ = ["graph", "network_graph", "Graph", "GraphNode", "to_dot", "to_svg", "graph_svg",
           "graph_html", "render_html", "layered", "Layout", "summarize", "MAX_DRAWN"]


def __getattr__(name: str) -> Any:
    if name in _DRAWING:
        from ..render import graph as drawing
        return getattr(drawing, name)
    raise AttributeError(f"module 'backprop.computation_graph' has no attribute {name!r}")
