r"""backprop in Jupyter: results that show themselves, and the ``%%derivation`` cell magic.

A trace, a derivation's report and a computation graph have a ``_repr_html_``: the last
expression of a cell displays as HTML, formulas as MathML (latex2mathml, the ``notebook``
extra), styles inline, nothing fetched from the network — so a saved notebook shows them
offline too. They are drawn by :mod:`backprop.render`, whose HTML keeps only the elements
and attributes it emits itself: a cell's ``<img onerror=…>`` or ``javascript:`` link stays
text. ``%load_ext backprop`` adds the cell magic::

    %%derivation --points 10
    ---
    x: scalar
    ---
    $$\frac{d}{dx}\sigma(x) = \sigma(x)\left(1 - \sigma(x)\right)$$

which checks the cell's Markdown and LaTeX step by step (as ``backprop check``) and shows
the report. This module imports no IPython: the extension is handed the shell it extends.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from .errors import BackpropError
from .render.derivation import report_html
from .render.escape import terminal
from .render.mathml import formula
from .render.trace import trace_html

__all__ = ["report_html", "trace_html", "math_html", "load_ipython_extension",
           "derivation_magic"]


def math_html(latex: str, display: bool = False) -> str:
    """Sanitised MathML for ``latex``; its source as code when it cannot be converted."""
    return formula(latex, display)


class _MagicArguments(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise BackpropError(message)


def _magic_parser() -> argparse.ArgumentParser:
    p = _MagicArguments(prog="%%derivation", add_help=False)
    p.add_argument("--points", type=int, default=5)
    p.add_argument("--seed", type=int, default=0)
    return p


def derivation_magic(line: str, cell: str) -> Any:
    """``%%derivation [--points N] [--seed S]``: check the cell's derivation and return the
    report (Jupyter displays it). Bad input prints one line, as the command does."""
    from .verify.derivation import check_derivation

    try:
        args = _magic_parser().parse_args(shlex.split(line))
        # A text holding a newline is read as the derivation itself, never as a path.
        return check_derivation(cell if "\n" in cell else cell + "\n", points=args.points,
                                seed=args.seed)
    except (BackpropError, ValueError) as e:
        print(terminal(f"%%derivation: error: {e}"), file=sys.stderr)
        return None


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext backprop``: register the ``%%derivation`` cell magic."""
    ipython.register_magic_function(derivation_magic, magic_kind="cell",
                                    magic_name="derivation")
