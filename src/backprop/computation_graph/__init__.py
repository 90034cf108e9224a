"""The computation graph the engine records, every node with its value and its gradient.

    import backprop as bp
    from backprop.computation_graph import network_graph

    g = bp.graph(lambda x, w: bp.functional.sigmoid(x @ w).sum(), [1.0, 2.0], [0.5, -1.0])
    g = network_graph("flatten linear(3) sigmoid linear(3)", input="1 0.5 -0.5 2", target=2)
    g.to_dot(); g.to_json(); to_svg(g); render_html(g)   # in Jupyter, `g` draws itself

:mod:`.record` reads the engine's records, :mod:`.network` runs a network of layers on one
sample, :mod:`.dot` writes Graphviz DOT (and SVG through Graphviz), :mod:`.layout` lays the
graph out in ranks and :mod:`.html` draws it as inline SVG.
"""

from .dot import to_dot, to_svg
from .html import MAX_DRAWN, graph_html, graph_svg, render_html
from .layout import Layout, layered
from .network import network_graph
from .record import Graph, GraphNode, graph, summarize

__all__ = ["graph", "network_graph", "Graph", "GraphNode", "to_dot", "to_svg", "graph_svg",
           "graph_html", "render_html", "layered", "Layout", "summarize", "MAX_DRAWN"]
