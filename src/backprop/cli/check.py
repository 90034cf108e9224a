"""Check your own derivation: a Markdown file with LaTeX, step by step, or one claimed derivative.

  backprop check FILE.md|NOTEBOOK.ipynb|- [--json] [--points N] [--seed S]
  backprop check FOLDER|FILE… [--format text|csv|html|json]

reads the math of FILE.md ($…$, $$…$$, \\[…\\], equation/align environments), of a
notebook's Markdown cells, or of standard input (-). Front matter between --- lines may
declare symbols, one "names: kind" per line: scalar, positive, probability, vector N,
probs N, matrix MxN, index N, an integer, or a function such as softmax; an exercise
sheet's "target: left = right" is the equation the chain must reach. Names the text neither
declares nor defines get a kind read from their use, listed as "assumed"; a name with
neither makes its steps unreadable (never a guess). Every step A = B of every chain is
checked at --points random points and every index value; a step is called wrong only with
a counterexample made of what the text gives. Exit code 0 when no step fails, 1 when one
does, 2 for bad input.

A folder, or several files, is a class's submissions: each file is checked (in parallel, each
bounded in time as one check is) and one row per file is printed — steps that hold, fail or
are unreadable, the first wrong step's line and its diagnosis, or the question an unreadable
step asks — then, for an exercise sheet (a target), the step most submissions got wrong.
--format csv (columns file, first_wrong_line, …), html or json. Exit code 1 when a step of
any file fails or a file cannot be checked.

The second form checks a function and its claimed Jacobian or VJP, as expressions in x.

f and the claimed derivative are NumPy-style expressions, evaluated safely (no builtins,
no imports, no dunders; only the names below). The claim is compared with the engine's
derivative (itself confirmed by central differences) at x and at random points; the answer
is "holds" (exit 0) or the first point and entry where it fails (exit 1).

  --jacobian: the matrix ∂f/∂x, rows = output entries, columns = input entries.
  --vjp:      vᵀ ∂f/∂x, an expression in x and v (v has f(x)'s shape).

names: x (and v). Usable in f, the library's operations and what is composed of them:
{functions}
Constants and arrays of them, usable anywhere:
{makers}
Numeric helpers, for the claim only:
{numeric}
Constants: pi e inf. Attributes: .T .shape .size .ndim .sum .mean .max .min .reshape.

examples:
  backprop check softmax.md
  backprop check softmax.md --json --points 10 --seed 1
  backprop check submissions/ --format csv > marks.csv
  backprop check --f "softmax(x)" --jacobian "diag(softmax(x)) - outer(softmax(x), softmax(x))"
  backprop check --f "softmax(x)" --vjp "softmax(x) * (v - v @ softmax(x))" --x "[1, 2, 3]"
  backprop check --f "log_softmax(x)" --jacobian "eye(x.size) - outer(ones(x.size), softmax(x))"
  backprop check --f "sigmoid(x)" --jacobian "diag(sigmoid(x) * (1 - sigmoid(x)))" --shape 5
  backprop check --f "sum(log(x))" --jacobian "1 / x" --shape 3 --domain positive
"""

from __future__ import annotations

import argparse
import textwrap

from ..functional.table import spellings
from ..verify.safe_eval import HELPERS, MAKERS, NUMERIC
from . import options


def _wrapped(names: list[str]) -> str:
    return textwrap.fill(" ".join(names), width=92, initial_indent="  ",
                         subsequent_indent="  ")


# The lists are read from the table of operations, so they are never out of date.
_FUNCTIONS = set(spellings()) | set(HELPERS)
__doc__ = (__doc__ or "").format(functions=_wrapped(sorted(_FUNCTIONS)),
                                 makers=_wrapped(sorted(MAKERS)),
                                 numeric=_wrapped(sorted(set(NUMERIC) - _FUNCTIONS)))

HELP = ("check a derivation written in Markdown + LaTeX step by step, or a hand-derived "
        "Jacobian or VJP of f(x)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="*", metavar="FILE.md", help="a derivation in Markdown + LaTeX "
                   "to check step by step; a folder or several files: a class's submissions")
    p.add_argument("--format", choices=("text", "csv", "html", "json"),
                   help="a class's table as text (default), CSV, HTML or JSON")
    p.add_argument("--json", action="store_true", help="print the report of FILE.md as JSON")
    p.add_argument("--explain", action="store_true",
                   help="also print how each step was read: the stages' findings (sources, "
                        "roles, bindings) and, for every step, the readings tried and why each "
                        "held, failed or could not be evaluated")
    p.add_argument("--f", metavar="EXPR", help="the function, e.g. \"softmax(x)\"")
    claim = p.add_mutually_exclusive_group()
    claim.add_argument("--jacobian", metavar="EXPR", help="your ∂f/∂x as an expression in x")
    claim.add_argument("--vjp", metavar="EXPR", help="your vᵀ∂f/∂x as an expression in x and v")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--x", metavar="EXPR", help="the point, e.g. \"[1, 2, 3]\" (default: a "
                       "random point of --shape)")
    where.add_argument("--shape", type=options.point_shape, metavar="N[,N…]", help="shape of the random point "
                       "(default: 4)")
    p.add_argument("--points", type=options.positive_int, default=5,
                   help="points to check, the first being --x (default: %(default)s)")
    p.add_argument("--domain", choices=("auto", "real", "positive", "unit"), default="auto",
                   help="where random points are drawn: auto follows --x (in (0,1), positive "
                        "or real) (default: %(default)s)")
    p.add_argument("--seed", type=options.seed, default=0, help="seed of the random points "
                   "(default: %(default)s)")


def _derivation(args: argparse.Namespace) -> int:
    from ..errors import BackpropError
    from ..verify.derivation import check_derivation

    if args.f or args.jacobian or args.vjp or args.x or args.shape or args.domain != "auto":
        raise BackpropError("give either FILE.md or --f with --jacobian/--vjp, not both")
    from ..render.escape import json_text, terminal

    report = check_derivation(args.file, points=args.points, seed=args.seed)
    # The file's own text is in the report: no control character of it reaches the terminal.
    explain = bool(getattr(args, "explain", False))
    if args.json or args.format == "json":
        print(json_text(report.to_dict(explain=explain), indent=2))
    else:
        print(terminal(report.text(explain=explain)))
    return 0 if report.ok else 1


def _classroom(args: argparse.Namespace) -> int:
    from ..errors import BackpropError
    from ..verify.classroom import check_class

    if args.f or args.jacobian or args.vjp or args.x or args.shape or args.domain != "auto":
        raise BackpropError("give either files or --f with --jacobian/--vjp, not both")
    if args.json or "-" in args.file:
        raise BackpropError("a class's submissions are files or folders (not -), shown with "
                            "--format")
    report = check_class(args.file, points=args.points, seed=args.seed)
    print({"csv": report.to_csv, "html": report.to_html, "json": report.to_json}.get(
        args.format, report.to_text)(), end="" if args.format in ("csv", "html") else "\n")
    return 0 if report.ok else 1


def run(args: argparse.Namespace) -> int:
    import os

    import numpy as np

    from ..errors import BackpropError

    if args.file and (len(args.file) > 1 or args.format in ("csv", "html")
                      or os.path.isdir(args.file[0])):
        return _classroom(args)
    if args.file:
        args.file = args.file[0]
        return _derivation(args)
    if args.format is not None:
        raise BackpropError("--format goes with FILE.md or a folder")
    if args.json:
        raise BackpropError("--json goes with FILE.md")
    if not args.f or not (args.jacobian or args.vjp):
        raise BackpropError("give FILE.md, or --f with --jacobian or --vjp")
    from ..verify.check import check_jacobian, check_vjp
    from ..verify.safe_eval import compile_expression, evaluate

    f = compile_expression(args.f, ("x",), differentiable=True)
    claim = (compile_expression(args.jacobian, ("x",)) if args.jacobian
             else compile_expression(args.vjp, ("x", "v")))
    rng = np.random.default_rng(args.seed)
    if args.x is not None:
        x = np.asarray(evaluate(args.x), dtype=np.float64)
        if x.size == 0 or x.size > 10_000:
            raise BackpropError(f"--x: expected 1 to 10000 numbers, got {x.size}")
    else:
        shape = args.shape or (4,)
        draw = {"positive": lambda: rng.uniform(0.2, 3, shape),
                "unit": lambda: rng.uniform(0.05, 0.95, shape)}
        x = draw.get(args.domain, lambda: rng.uniform(-2, 2, shape))()
    if not np.all(np.isfinite(x)):
        raise BackpropError("--x holds NaN or inf")
    y = f(x)
    if not np.all(np.isfinite(np.asarray(getattr(y, "data", y), dtype=np.float64))):
        raise BackpropError(f"f({np.array2string(x, precision=4)}) is not finite; choose "
                            f"another --x or --domain")
    if args.jacobian:
        result = check_jacobian(f, claim, x, args.points, seed=args.seed, domain=args.domain)
    else:
        result = check_vjp(f, claim, x, args.points, seed=args.seed, domain=args.domain)
    from ..render.escape import terminal

    print(terminal(result))
    return 0 if result else 1
