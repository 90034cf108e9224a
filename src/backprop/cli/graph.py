"""The computation graph the engine records for one sample: one node per recorded
operation (its op, shape, value and gradient), edges from inputs to outputs.

Without SPEC it is the two-layer network of the derivations, flatten linear(3) sigmoid
linear(3), on the trace's sample; SPEC, --input, --shape, --target, --loss and --seed are
read as `backprop trace` reads them, so the numbers are the trace's. Every gradient is
∂E/∂(node) for the loss E. With --f, the graph of a function of x written as in
`backprop check --f` (gradients of the sum of its output).

formats:
  dot   Graphviz DOT text (default); render it with `dot -Tsvg graph.dot -o graph.svg`
  json  {"nodes": [{"id", "op", "name", "layer", "shape", "value", "grad"}],
         "edges": [[from, to], ...], "output": id}: every value and gradient in full
  svg   drawn by Graphviz (needs the graphviz Python package, the [graph] extra, and the
        dot program: apt-get install graphviz, or conda install graphviz)
  html  one self-contained page, laid out by backprop itself (nothing fetched)

examples:
  backprop graph
  backprop graph "flatten linear(4) tanh linear(2)" --loss mse --target "0.5, -0.5" --format json
  backprop graph "conv(2,3) relu maxpool(2) flatten linear(3)" --shape 1x6x6 --format html -o g.html
  backprop graph --f "sum(tanh(x * 2) ** 2)" --x "1, -0.5, 2" --format svg -o g.svg
"""

from __future__ import annotations

import argparse

from . import options

HELP = "the recorded computation graph of one sample, every node's value and gradient"
FORMATS = ("dot", "json", "svg", "html")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", nargs="?", metavar="SPEC",
                   help="architecture string (default: flatten linear(3) sigmoid linear(3))")
    options.add_arch(p, "flatten linear(3) sigmoid linear(3)")
    p.add_argument("--input", metavar="VALUES", help="the sample's numbers (default: 1 0.5 -0.5 2)")
    p.add_argument("--shape", metavar="CxHxW", help="shape of the input, e.g. 1x6x6")
    p.add_argument("--target", metavar="LABEL", help="class label or output vector (default: 2)")
    p.add_argument("--loss", choices=options.loss_names(with_formula=True),
                   default="cross_entropy", help="as in backprop trace (default: %(default)s)")
    p.add_argument("--seed", type=options.non_negative_int, default=0,
                   help="seed of the weights and of a generated input (default: %(default)s)")
    p.add_argument("--f", metavar="EXPR", help="graph this function of x instead of a network, "
                   "e.g. \"sum(sigmoid(x) * x)\"")
    p.add_argument("--x", metavar="VALUES", help="with --f: the point (default: 1 0.5 -0.5 2)")
    p.add_argument("--format", choices=FORMATS, default="dot", help="(default: %(default)s)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _function_graph(args: argparse.Namespace):
    from ..computation_graph import graph
    from ..errors import BackpropError
    from ..trace import DEFAULT_INPUT, parse_values
    from ..verify.safe_eval import compile_expression

    if options.arch(args) or args.input is not None or args.shape or args.target is not None:
        raise BackpropError("--f graphs a function of x: give --x, not SPEC, --input, --shape "
                            "or --target")
    f = compile_expression(args.f, ("x",), differentiable=True)
    x = parse_values(args.x if args.x is not None else list(DEFAULT_INPUT), "--x")
    g = graph(f, x, names=["x"])
    g.title = f"f(x) = {args.f}"
    return g


def run(args: argparse.Namespace) -> int:
    from ..computation_graph import network_graph, render_html, to_dot, to_svg
    from ..errors import BackpropError
    from ..render.escape import terminal

    if args.f is not None:
        g = _function_graph(args)
    else:
        if args.x is not None:
            raise BackpropError("--x goes with --f (a network's sample is --input)")
        g = network_graph(options.arch(args), input=args.input, target=args.target, loss=args.loss,
                          seed=args.seed, shape=args.shape)
    text = {"dot": lambda: to_dot(g), "json": g.to_json, "svg": lambda: to_svg(g),
            "html": lambda: render_html(g)}[args.format]()
    if args.output:
        from ..io import write_atomic

        write_atomic(args.output, (text if text.endswith("\n") else text + "\n").encode())
        print(terminal(f"wrote {args.output} ({len(g.nodes)} nodes, {len(g.edges)} edges)"))
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0
