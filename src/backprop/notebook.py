r"""backprop in Jupyter: results that show themselves, and the ``%%derivation`` cell magic.

A trace, a derivation's report and a computation graph have a ``_repr_html_``: the last
expression of a cell displays as HTML, formulas as MathML (latex2mathml, the ``notebook``
extra), styles inline, nothing fetched from the network — so a saved notebook shows them
offline too. ``%load_ext backprop`` adds the cell magic::

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
import html
import shlex
import sys
from typing import Any

from .errors import BackpropError
from .trace.html import values_table
from .trace.render import describe_check
from .verify.derivation import check_derivation

try:  # the formulas' MathML; without it they show as LaTeX source
    from latex2mathml.converter import convert as _latex_to_mathml
except ImportError:  # pragma: no cover - exercised only without the extra
    _latex_to_mathml = None

__all__ = ["report_html", "trace_html", "math_html", "load_ipython_extension",
           "derivation_magic"]

_MARK = {"holds": "✓", "fails": "✗", "unreadable": "?", "definition": "≔"}

_REPORT_STYLE = """
.bp-report { font-family: system-ui, sans-serif; color: #1a1a1a; }
.bp-report table { border-collapse: collapse; }
.bp-report td { padding: .2rem .5rem; vertical-align: middle; border-bottom: 1px solid #eee;
                text-align: left; }
.bp-report td.line { color: #777; font-variant-numeric: tabular-nums; text-align: right; }
.bp-report tr.holds td.mark { color: #1d7a2e; }
.bp-report tr.fails td.mark, .bp-report tr.fails td.note { color: #b3261e; font-weight: 600; }
.bp-report tr.unreadable td.mark, .bp-report tr.unreadable td.note { color: #8a5a00; }
.bp-report tr.definition td.mark { color: #555; }
.bp-report td.note { color: #555; font-size: .9em; }
.bp-report code { background: #f3f3f3; padding: 0 .2rem; }
.bp-report .verdict { font-weight: 600; margin: .4rem 0; }
.bp-report .verdict.reached { color: #1d7a2e; }
.bp-report .verdict.not-reached, .bp-report .verdict.failed { color: #b3261e; }
.bp-report pre { background: #f7f7f7; padding: .5rem; white-space: pre-wrap; }
"""


def math_html(latex: str, display: bool = False) -> str:
    """MathML for ``latex``; its source as code when it cannot be converted (latex2mathml
    missing, or a macro it does not know — it raises assorted exceptions then)."""
    if _latex_to_mathml is not None:
        try:
            return _latex_to_mathml(latex, display="block" if display else "inline")
        except Exception:  # noqa: BLE001 - any failure of the converter means: show the source
            pass
    return f"<code>{html.escape(latex)}</code>"


def _note(step: Any) -> str:
    message = getattr(step, "message", "") or ""
    hint = getattr(step, "hint", None)
    if step.status == "fails" and hint and hint not in message:
        message = f"{message} — hint: {hint}"
    return html.escape(message)


def report_html(report: Any) -> str:
    """A derivation's report as an HTML fragment: one row per step (line, verdict, the step
    as MathML, what was found), the target's verdict when the sheet states one, the
    summary, and the plain report folded below.

    It reads only the report's public data: ``steps`` (each with ``line``, ``status``,
    ``left``, ``right``, ``message``), ``to_dict()`` and ``str(report)``.
    """
    data = report.to_dict() if hasattr(report, "to_dict") else {}
    rows = []
    for s in report.steps:
        claim = f"{s.left} = {s.right}" if s.status != "definition" else f"{s.left} := {s.right}"
        rows.append(f'<tr class="{html.escape(s.status)}" data-line="{int(s.line)}" '
                    f'data-status="{html.escape(s.status)}"><td class="line">{int(s.line)}</td>'
                    f'<td class="mark">{_MARK.get(s.status, "")}</td>'
                    f'<td class="math">{math_html(claim)}</td><td class="note">{_note(s)}</td>'
                    f"</tr>")
    counts = {k: sum(s.status == k for s in report.steps) for k in _MARK}
    summary = (f"{len(report.steps) - counts['definition']} steps: {counts['holds']} hold, "
               f"{counts['fails']} fail, {counts['unreadable']} unreadable")
    first = data.get("first_failure")
    if first:
        summary += f"; the first wrong step is on line {first['line']}"
    verdict = ""
    target = data.get("target")
    if isinstance(target, str) and target != "not stated":
        cls = target.replace(" ", "-")
        words = {"reached": "✓ the chain reaches the target",
                 "not reached": "✗ no checked chain reaches the target",
                 "not stated": "the sheet states no target"}.get(target, target)
        verdict = f'<p class="verdict {html.escape(cls)}" data-target="{html.escape(target)}">' \
                  f"{html.escape(words)}</p>"
    name = html.escape(str(data.get("file", getattr(report, "file", ""))))
    return (f'<div class="bp-report"><style>{_REPORT_STYLE}</style>'
            f'<p>Checked <code>{name}</code></p>{verdict}'
            f'<table>{"".join(rows)}</table><p class="summary">{html.escape(summary)}</p>'
            f"<details><summary>plain report</summary><pre>{html.escape(str(report))}</pre>"
            f"</details></div>")


_TRACE_STYLE = """
.bp-trace { font-family: system-ui, sans-serif; color: #1a1a1a; }
.bp-trace .step { border-left: 4px solid #4a7bd0; padding: .3rem .8rem; margin: .6rem 0; }
.bp-trace .step.backward { border-color: #d0734a; }
.bp-trace .layer { font-weight: 600; margin: .2rem 0; }
.bp-trace .plain { color: #555; font-size: .9em; margin: .2rem 0; }
.bp-trace table.values { border-collapse: collapse; margin: .3rem 0; }
.bp-trace table.values td { border: 1px solid #ccc; padding: .15rem .45rem; text-align: right;
                             font-family: ui-monospace, monospace; font-size: .85em; }
.bp-trace .shape { color: #555; font-size: .85em; margin: .3rem 0 0; }
.bp-trace .check.ok { color: #1d7a2e; } .bp-trace .check.bad { color: #b3261e; }
.bp-trace h4 { margin: 1rem 0 .3rem; }
.bp-trace math[display="block"] { text-align: left; margin: .3rem 0; font-size: 1.1em; }
"""


def trace_html(t: Any) -> str:
    """A trace (:func:`backprop.trace.trace`) as an HTML fragment: the loss, then every
    forward and backward step with its formula as MathML, its numbers and its check."""
    parts = [f'<div class="bp-trace"><style>{_TRACE_STYLE}</style>',
             f"<p><b>backprop trace</b> <code>{html.escape(t.spec)}</code>, loss "
             f"<code>{html.escape(t.loss_name)}</code>: E = <span class=\"loss\">"
             f"{t.loss:.6g}</span></p>"]
    for direction in ("forward", "backward"):
        parts.append(f"<h4>{direction.capitalize()}</h4>")
        for s in t.steps:
            if s.direction != direction:
                continue
            check = ""
            if s.check is not None:
                cls = "ok" if s.check.passed else "bad"
                check = f'<p class="check {cls}">{html.escape(describe_check(s.check))}</p>'
            parts.append(f'<div class="step {direction}"><p class="layer">'
                         f"{html.escape(s.layer)}</p>{math_html(s.latex, display=True)}"
                         f'<p class="plain">{html.escape(s.formula)}</p>'
                         f"{values_table(s.values)}{check}</div>")
    parts.append("</div>")
    return "".join(parts)


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
    try:
        args = _magic_parser().parse_args(shlex.split(line))
        # A text holding a newline is read as the derivation itself, never as a path.
        return check_derivation(cell if "\n" in cell else cell + "\n", points=args.points,
                                seed=args.seed)
    except (BackpropError, ValueError) as e:
        print(f"%%derivation: error: {e}", file=sys.stderr)
        return None


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext backprop``: register the ``%%derivation`` cell magic."""
    ipython.register_magic_function(derivation_magic, magic_kind="cell",
                                    magic_name="derivation")
