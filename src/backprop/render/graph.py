"""A computation graph (:mod:`backprop.computation_graph`) as Graphviz DOT, as SVG drawn by
Graphviz, as inline SVG laid out by backprop (:mod:`backprop.computation_graph.layout`): a
fragment for Jupyter and a self-contained page for ``backprop graph --format html`` (no
script, no font from the network).

Every node is a box: its op (and name), its shape, a summary of its value and of its
gradient; inputs and parameters are filled, the output is outlined; the nodes a layer
recorded are framed (a DOT cluster) with the layer's name. Hovering a node in the HTML
shows its layer, values and gradient written out (SVG ``<title>``). Names come from the
user (a function's arguments, a model's layers): DOT strings are quoted and every output
leaves through its medium's escaping function.
"""

from __future__ import annotations

import numpy as np

from ..computation_graph.layout import NODE_HEIGHT, NODE_WIDTH, layered
from ..computation_graph.record import Graph, GraphNode
from ..errors import BackpropError
from .escape import html_text, sanitize, terminal
from .style import document, fragment

__all__ = ["to_dot", "to_svg", "graph_svg", "graph_html", "render_html", "node_lines",
           "summarize", "MAX_DRAWN"]

MAX_DRAWN = 400   # nodes drawn; a bigger graph is exported as JSON or DOT instead
TOOLTIP_ENTRIES = 24
SUMMARY_ENTRIES = 4  # entries written out in a summary; beyond this, mean and range
_FILL = {"input": "#dbe8fb", "parameter": "#fbf1d0", "leaf": "#fbf1d0", "constant": "#eeeeee"}
# Neighbouring layers' frames alternate between these tints.
TINTS = ("#e9eef7", "#f4efe2", "#e8f2ea")


def summarize(a: np.ndarray | None) -> str:
    """A few characters for a value: the number, the few entries, or mean and range."""
    if a is None:
        return "—"
    a = np.asarray(a, dtype=np.float64) + 0.0  # + 0.0 turns −0 into 0
    if a.size == 0:
        return "(empty)"
    if a.size == 1:
        return f"{a.item():.4g}"
    if a.size <= SUMMARY_ENTRIES:
        return "[" + ", ".join(f"{v:.3g}" for v in a.reshape(-1)) + "]"
    finite = a[np.isfinite(a)]
    if finite.size == 0:
        return "not finite"
    mean = finite.mean()
    if abs(mean) <= 1e-12 * np.abs(finite).max():
        mean = 0.0  # rounding noise of a sum that is zero (a softmax gradient's rows)
    return f"mean {mean:.3g}, [{finite.min():.2g}, {finite.max():.2g}]"


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) if shape else "scalar"


def node_lines(n: GraphNode) -> list[str]:
    """What a node's box says, line by line (DOT, the HTML and the page write the same)."""
    return [n.title, shape_text(n.shape), f"value {summarize(n.value)}",
            f"grad {summarize(n.grad)}"]


# -- DOT and Graphviz's SVG -----------------------------------------------------------------
def _quote(text: str) -> str:
    """A DOT string literal (double-quoted; backslashes and quotes escaped, lines with \\n)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _dot_node(n: GraphNode, output: int) -> str:
    attrs = {"label": _quote("\n".join(node_lines(n)))}
    if n.op in _FILL:
        attrs.update(style='"rounded,filled"', fillcolor=_quote(_FILL[n.op]))
    if n.id == output:
        attrs.update(penwidth="2", color='"#b3261e"')
    return f"  n{n.id} [" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "];"


def to_dot(g: Graph) -> str:
    """The graph as DOT text (``dot -Tsvg`` renders it)."""
    lines = ["digraph backprop {", f"  label={_quote(g.title)};", "  labelloc=t;",
             "  rankdir=TB;",
             '  node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];',
             '  edge [color="#666666", arrowsize=0.7];']
    clusters: dict[str, list[GraphNode]] = {}
    for n in g.nodes:
        if n.layer is not None:
            clusters.setdefault(n.layer, []).append(n)
        else:
            lines.append(_dot_node(n, g.output))
    for k, (layer, members) in enumerate(clusters.items()):
        lines += [f"  subgraph cluster_{k} {{", f"    label={_quote(layer)};",
                  '    style=dashed; color="#999999"; fontname="Helvetica"; fontsize=10;']
        lines += ["  " + _dot_node(n, g.output) for n in members]
        lines.append("  }")
    lines += [f"  n{a} -> n{b};" for a, b in g.edges]
    lines.append("}")
    return terminal("\n".join(lines) + "\n")


def to_svg(g: Graph) -> str:
    """The graph drawn by Graphviz's ``dot`` as SVG text. Needs the ``graphviz`` Python
    package (the ``graph`` extra) and the ``dot`` program."""
    try:  # an optional extra, imported when SVG is asked for
        import graphviz
    except ImportError:
        from ..extras import install_command
        raise BackpropError(f"--format svg needs the graphviz Python package: "
                            f"{install_command('graph')} (or use --format html, drawn without "
                            f"it)") from None
    try:
        return terminal(graphviz.Source(to_dot(g)).pipe(format="svg", encoding="utf-8"))
    except graphviz.ExecutableNotFound:
        raise BackpropError("--format svg needs Graphviz's dot program: apt-get install "
                            "graphviz (Debian, Ubuntu) or conda install graphviz (or use "
                            "--format html, drawn without it)") from None


# -- inline SVG -----------------------------------------------------------------------------
def _entries(a: np.ndarray | None) -> str:
    if a is None:
        return "none (a constant)"
    flat = np.asarray(a, dtype=np.float64).reshape(-1)
    text = ", ".join(f"{v:.6g}" for v in flat[:TOOLTIP_ENTRIES])
    return f"[{text}{', …' if flat.size > TOOLTIP_ENTRIES else ''}]"


def _clip(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def _svg_node(n: GraphNode, centre: tuple[float, float], output: int) -> str:
    x, y = centre[0] - NODE_WIDTH / 2, centre[1] - NODE_HEIGHT / 2
    lines = node_lines(n)
    if n.layer:
        lines[1] += f" · {n.layer}"
    kind = "output" if n.id == output else n.op if n.op in _FILL else "op"
    tip = "\n".join([f"#{n.id} {n.title}" + (f" — {n.layer}" if n.layer else ""),
                     f"value {_entries(n.value)}", f"grad {_entries(n.grad)}"])
    texts = [f'<text class="op" x="{centre[0]:.1f}" y="{y + 17:.1f}" text-anchor="middle">'
             f"{html_text(_clip(lines[0], 26))}</text>"]
    for k, line in enumerate(lines[1:]):
        texts.append(f'<text x="{x + 8:.1f}" y="{y + 34 + 14 * k:.1f}">'
                     f"{html_text(_clip(line, 32))}</text>")
    return (f'<g class="node {html_text(kind)}" data-id="{n.id}" data-op="{html_text(n.op)}">'
            f"<title>{html_text(tip)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{NODE_WIDTH:.0f}" height="{NODE_HEIGHT:.0f}" '
            f'rx="7" fill="{_FILL.get(n.op, "#ffffff")}"/>{"".join(texts)}</g>')


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
             f'role="img" aria-label="{html_text(g.title)}">',
             '<defs><marker id="bp-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
             'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
             '<path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>']
    for k, (layer, boxes) in enumerate(lay.groups.items()):
        parts.append(f'<g class="group" data-layer="{html_text(layer)}">')
        parts += [f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                  f'fill="{TINTS[k % len(TINTS)]}"/>' for x0, y0, x1, y1 in boxes]
        parts.append(f'<text class="layer" x="{boxes[0][0] + 6:.1f}" y="{boxes[0][1] + 11:.1f}">'
                     f"{html_text(layer)}</text></g>")
    for a, b, points in lay.edges:
        parts.append(f'<path class="edge" data-from="{a}" data-to="{b}" d="{_path(points)}" '
                     f'marker-end="url(#bp-arrow)"/>')
    for n in g.nodes:
        parts.append(_svg_node(n, lay.centres[n.id], g.output))
    parts.append("</svg>")
    return sanitize("".join(parts))


def _legend(g: Graph) -> str:
    out = g.nodes[g.output]
    return (f"{len(g.nodes)} nodes, {len(g.edges)} edges; grad = ∂({out.title})/∂(node)"
            f"{'' if out.value.size == 1 else ', contracted with the output cotangent'}. "
            f"Blue: inputs, yellow: parameters, grey: constants, red outline: the output. "
            f"Hover a node for its values.")


def _body(g: Graph) -> str:
    return sanitize(f'<div class="graph"><p class="title">{html_text(g.title)}</p>'
                    f'<p class="legend">{html_text(_legend(g))}</p>{graph_svg(g)}</div>')


def graph_html(g: Graph) -> str:
    """An HTML fragment (Jupyter): the title, a legend and the drawing."""
    return fragment("bp-graph", _body(g))


def render_html(g: Graph) -> str:
    """One self-contained HTML page of the graph."""
    return document(f"backprop graph: {g.title}", _body(g))

