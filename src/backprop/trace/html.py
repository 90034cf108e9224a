"""A trace as one self-contained HTML file: formulas as MathML, numbers in tables.

The MathML is made from each formula's LaTeX by latex2mathml (the ``page`` extra,
``pip install "backprop[page]"``), and browsers render MathML natively, so the file needs
no script, style sheet or font from the network.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np

from ..errors import BackpropError
from .compute import MODE, Step, Trace
from .render import describe_check, describe_coverage, parameter_label

__all__ = ["mathml", "render_html", "values_table"]

TABLE_ENTRIES = 400  # beyond this, a table shows the tensor's leading values only
SLICES = 8           # at most this many 2-D slices of a 3-D or 4-D tensor


def mathml(latex: str) -> str:
    """MathML for a LaTeX formula (display style)."""
    try:
        from latex2mathml.converter import convert
    except ImportError:
        raise BackpropError('rendering formulas as MathML needs latex2mathml: '
                            'pip install "backprop[page]"') from None
    return convert(latex, display="block")


def _cells(row: Any) -> str:
    return "".join(f"<td>{float(v):.6g}</td>" for v in row)


def values_table(a: np.ndarray) -> str:
    """A tensor as HTML tables: a row, a matrix, or one matrix per leading index."""
    a = np.asarray(a, dtype=np.float64) + 0.0  # + 0.0 turns −0 into 0
    if a.size > TABLE_ENTRIES:
        head = a.reshape(-1)[:16]
        return (f'<p class="shape">shape {"×".join(map(str, a.shape))}, first values</p>'
                f'<table class="values"><tr>{_cells(head)}<td>…</td></tr></table>')
    if a.ndim <= 1:
        return f'<table class="values"><tr>{_cells(np.atleast_1d(a))}</tr></table>'
    if a.ndim == 2:
        rows = "".join(f"<tr>{_cells(r)}</tr>" for r in a)
        return f'<table class="values">{rows}</table>'
    lead = a.shape[:-2]
    parts = []
    for n, index in enumerate(np.ndindex(*lead)):
        if n == SLICES:
            parts.append(f'<p class="shape">… {int(np.prod(lead)) - SLICES} more slices</p>')
            break
        parts.append(f'<p class="shape">[{", ".join(map(str, index))}, :, :]</p>'
                     + values_table(a[index]))
    return "".join(parts)


def _step(s: Step) -> str:
    check = ""
    if s.check is not None:
        cls = "ok" if s.check.passed else "bad"
        check = f'<p class="check {cls}">{html.escape(describe_check(s.check))}</p>'
    return (f'<div class="step {s.direction}"><p class="layer">{html.escape(s.layer)}</p>'
            f'<div class="formula">{mathml(s.latex)}</div>'
            f'<p class="plain">{html.escape(s.formula)}</p>{values_table(s.values)}{check}</div>')


_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
code { background: #f3f3f3; padding: 0 .2rem; }
.step { border-left: 4px solid #4a7bd0; padding: .3rem .8rem; margin: .8rem 0; }
.step.backward { border-color: #d0734a; }
.layer { font-weight: 600; margin: .2rem 0; }
.plain { color: #555; font-size: .9rem; margin: .2rem 0; }
.formula math { font-size: 1.15rem; display: inline math; }
table.values { border-collapse: collapse; margin: .3rem 0; font-variant-numeric: tabular-nums; }
table.values td { border: 1px solid #ccc; padding: .15rem .45rem; text-align: right;
                  font-family: ui-monospace, monospace; font-size: .85rem; }
.shape { color: #555; font-size: .85rem; margin: .3rem 0 0; }
.check.ok { color: #1d7a2e; } .check.bad { color: #b3261e; font-weight: 600; }
.loss { font-size: 1.2rem; }
"""


def render_html(t: Trace) -> str:
    """One self-contained HTML page of the trace."""
    target = t.target if isinstance(t.target, int) else t.target.tolist()
    parts = [f"<h1>backprop trace: <code>{html.escape(t.spec)}</code></h1>",
             f"<p>Loss <code>{html.escape(t.loss_name)}</code>, seed {t.seed}, "
             f"target t = <code>{html.escape(str(target))}</code>; "
             f"mode: {html.escape(MODE)}.</p>",
             f'<p class="loss">E = <span id="loss">{t.loss:.6g}</span></p>',
             "<h2>Input x</h2>", values_table(t.input), "<h2>Parameters</h2>"]
    for name, v in t.parameters.items():
        parts.append(f'<p class="layer">{html.escape(parameter_label(t, name))} '
                     f'({"×".join(map(str, v.shape))})</p>{values_table(v)}')
    for direction in ("forward", "backward"):
        parts.append(f"<h2>{direction.capitalize()}</h2>")
        parts += [_step(s) for s in t.steps if s.direction == direction]
    parts.append(f'<p class="loss">E = {t.loss:.6g}; {html.escape(describe_coverage(t))}</p>')
    body = "\n".join(parts)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>backprop trace: {html.escape(t.spec)}</title><style>{_STYLE}</style>"
            f"</head><body>\n{body}\n</body></html>\n")
