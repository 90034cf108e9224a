"""A computation graph drawn as inline SVG, laid out by :mod:`.layout`: a fragment for
Jupyter and a self-contained page for ``backprop graph --format html`` (no script, no
style sheet, no font from the network).

Each node's box says what DOT's says (op, shape, value, gradient); hovering it shows its
layer and its values and gradient written out (SVG ``<title>``).
"""

from __future__ import annotations

import html

import numpy as np

from ..errors import BackpropError
from .dot import node_lines
from .layout import NODE_HEIGHT, NODE_WIDTH, layered
from .record import Graph, GraphNode

__all__ = ["graph_svg", "graph_html", "render_html", "MAX_DRAWN"]

MAX_DRAWN = 400   # nodes drawn; a bigger graph is exported as JSON or DOT instead
TOOLTIP_ENTRIES = 24

_FILL = {"input": "#dbe8fb", "parameter": "#fbf1d0", "leaf": "#fbf1d0", "constant": "#eeeeee"}

_STYLE = """
.bp-graph { font-family: system-ui, sans-serif; color: #1a1a1a; overflow-x: auto; }
.bp-graph .title { font-weight: 600; margin: .3rem 0; }
.bp-graph .legend { color: #555; font-size: .85em; margin: .2rem 0 .5rem; }
.bp-graph svg text { font-size: 11px; font-family: ui-monospace, monospace; }
.bp-graph svg text.op { font-weight: 700; font-family: system-ui, sans-serif; font-size: 12px; }
.bp-graph svg .edge { fill: none; stroke: #777; stroke-width: 1.2; }
.bp-graph svg .node rect { stroke: #666; stroke-width: 1; }
.bp-graph svg .node.output rect { stroke: #b3261e; stroke-width: 2.5; }
.bp-graph svg text.layer { fill: #555; font-size: 10px; font-family: system-ui, sans-serif; }
"""
# Neighbouring layers' frames alternate between these tints.
TINTS = ("#e9eef7", "#f4efe2", "#e8f2ea")


def _entries(a: np.ndarray | None) -> str:
    if a is None:
        return "none (a constant)"
    flat = np.asarray(a, dtype=np.float64).reshape(-1)
    text = ", ".join(f"{v:.6g}" for v in flat[:TOOLTIP_ENTRIES])
    return f"[{text}{', …' if flat.size > TOOLTIP_ENTRIES else ''}]"


def _node(n: GraphNode, centre: tuple[float, float], output: int) -> str:
    x, y = centre[0] - NODE_WIDTH / 2, centre[1] - NODE_HEIGHT / 2
    lines = node_lines(n)
    if n.layer:
        lines[1] += f" · {n.layer}"
    kind = "output" if n.id == output else n.op if n.op in _FILL else "op"
    tip = "\n".join([f"#{n.id} {n.title}" + (f" — {n.layer}" if n.layer else ""),
                     f"value {_entries(n.value)}", f"grad {_entries(n.grad)}"])
    texts = [f'<text class="op" x="{centre[0]:.1f}" y="{y + 17:.1f}" text-anchor="middle">'
             f"{html.escape(_clip(lines[0], 26))}</text>"]
    for k, line in enumerate(lines[1:]):
        texts.append(f'<text x="{x + 8:.1f}" y="{y + 34 + 14 * k:.1f}">'
                     f"{html.escape(_clip(line, 32))}</text>")
    return (f'<g class="node {kind}" data-id="{n.id}" data-op="{html.escape(n.op)}">'
            f"<title>{html.escape(tip)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_WIDTH:.0f}" height="{NODE_HEIGHT:.0f}" '
            f'rx="7" fill="{_FILL.get(n.op, "#ffffff")}"/>{"".join(texts)}</g>')


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _path(points: list[tuple[float, float]]) -> str:
    """A smooth path through the points, leaving and entering each vertically."""
    (x0, y0), rest = points[0], points[1:]
    d = [f"M{x0:.1f},{y0:.1f}"]
    for (xa, ya), (xb, yb) in zip(points, rest):
        mid = (ya + yb) / 2
        d.append(f"C{xa:.1f},{mid:.1f} {xb:.1f},{mid:.1f} {xb:.1f},{yb:.1f}")
    return " ".join(d)


def graph_svg(g: Graph) -> str:
    """The graph as one ``<svg>`` element, laid out in ranks from inputs (top) to output."""
    if len(g.nodes) > MAX_DRAWN:
        raise BackpropError(f"graph: {len(g.nodes)} nodes are too many to draw (at most "
                            f"{MAX_DRAWN}); export it with --format json or dot")
    lay = layered(g)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{lay.width:.0f}" '
             f'height="{lay.height:.0f}" viewBox="0 0 {lay.width:.0f} {lay.height:.0f}" '
             f'role="img" aria-label="{html.escape(g.title)}">',
             '<defs><marker id="bp-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>']
    for k, (layer, boxes) in enumerate(lay.groups.items()):
        parts.append(f'<g class="group" data-layer="{html.escape(layer)}">')
        parts += [f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                  f'fill="{TINTS[k % len(TINTS)]}"/>' for x0, y0, x1, y1 in boxes]
        parts.append(f'<text class="layer" x="{boxes[0][0] + 6:.1f}" y="{boxes[0][1] + 11:.1f}">'
                     f"{html.escape(layer)}</text></g>")
    for a, b, points in lay.edges:
        parts.append(f'<path class="edge" data-from="{a}" data-to="{b}" d="{_path(points)}" '
                     f'marker-end="url(#bp-arrow)"/>')
    for n in g.nodes:
        parts.append(_node(n, lay.centres[n.id], g.output))
    parts.append("</svg>")
    return "".join(parts)


def _legend(g: Graph) -> str:
    out = g.nodes[g.output]
    return (f"{len(g.nodes)} nodes, {len(g.edges)} edges; grad = ∂({out.title})/∂(node)"
            f"{'' if out.value.size == 1 else ', contracted with the output cotangent'}. "
            f"Blue: inputs, yellow: parameters, grey: constants, red outline: the output. "
            f"Hover a node for its values.")


def graph_html(g: Graph) -> str:
    """An HTML fragment (Jupyter): the title, a legend and the drawing."""
    return (f'<div class="bp-graph"><style>{_STYLE}</style>'
            f'<p class="title">{html.escape(g.title)}</p>'
            f'<p class="legend">{html.escape(_legend(g))}</p>{graph_svg(g)}</div>')


def render_html(g: Graph) -> str:
    """One self-contained HTML page of the graph."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>backprop graph: {html.escape(g.title)}</title></head>"
            f'<body style="margin: 1.5rem">\n{graph_html(g)}\n</body></html>\n')
