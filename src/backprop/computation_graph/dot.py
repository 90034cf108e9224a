"""A computation graph as Graphviz DOT text, and as SVG when Graphviz is installed.

Every node is a box: its op (and name), its shape, a summary of its value and of its
gradient; inputs and parameters are filled, the output is outlined. The nodes a layer
recorded are drawn in a cluster named after the layer. Edges go from an operation's inputs
to it, top to bottom.
"""

from __future__ import annotations

from ..errors import BackpropError
from .record import Graph, GraphNode, summarize

__all__ = ["to_dot", "to_svg"]

_FILL = {"input": "#dbe8fb", "parameter": "#fbf1d0", "leaf": "#fbf1d0", "constant": "#eeeeee"}


def _quote(text: str) -> str:
    """A DOT string literal (double-quoted; backslashes and quotes escaped, lines with \\n)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape)) if shape else "scalar"


def node_lines(n: GraphNode) -> list[str]:
    """What a node's box says, line by line (the HTML view writes the same lines)."""
    return [n.title, shape_text(n.shape), f"value {summarize(n.value)}",
            f"grad {summarize(n.grad)}"]


def _node(n: GraphNode, output: int) -> str:
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
            lines.append(_node(n, g.output))
    for k, (layer, members) in enumerate(clusters.items()):
        lines += [f"  subgraph cluster_{k} {{", f"    label={_quote(layer)};",
                  '    style=dashed; color="#999999"; fontname="Helvetica"; fontsize=10;']
        lines += ["  " + _node(n, g.output) for n in members]
        lines.append("  }")
    lines += [f"  n{a} -> n{b};" for a, b in g.edges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(g: Graph) -> str:
    """The graph drawn by Graphviz's ``dot`` as SVG text. Needs the ``graphviz`` Python
    package (the ``graph`` extra) and the ``dot`` program."""
    try:  # an optional extra, imported when SVG is asked for
        import graphviz
    except ImportError:
        raise BackpropError('--format svg needs the graphviz Python package: pip install '
                            '"backprop[graph]" (or use --format html, drawn without it)') from None
    try:
        return graphviz.Source(to_dot(g)).pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise BackpropError("--format svg needs Graphviz's dot program: apt-get install "
                            "graphviz (Debian, Ubuntu) or conda install graphviz (or use "
                            "--format html, drawn without it)") from None
