"""A trace (:func:`backprop.trace.trace`) as text (the terminal), Markdown (a homework
sheet), JSON, one self-contained HTML page, or a notebook fragment.

Small tensors are printed whole; a big one by its shape and leading values (JSON always
carries every number). Every output leaves through its medium's escaping function.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import BackpropError
from ..trace.compute import MODE, Check, Step, Trace
from .escape import html_text, json_text, markdown_code, markdown_math, markdown_text, sanitize
from .escape import terminal
from .mathml import formula, mathml
from .style import document, fragment

__all__ = ["render", "text", "markdown", "html_page", "trace_html", "format_values",
           "describe_check", "describe_coverage", "parameter_label", "values_table", "FORMATS"]

FORMATS = ("text", "markdown", "html", "json")
SHOWN = 48            # entries of a tensor printed whole; beyond this, shape and leading values
TABLE_ENTRIES = 400   # beyond this, an HTML table shows the tensor's leading values only
SLICES = 8            # at most this many 2-D slices of a 3-D or 4-D tensor


def render(t: Trace, fmt: str = "text") -> str:
    """The trace as ``text``, ``markdown``, ``html`` (one self-contained page) or ``json``."""
    if fmt == "json":
        return json_text(t.to_json())
    if fmt == "text":
        return text(t)
    if fmt == "markdown":
        return markdown(t)
    if fmt == "html":
        return html_page(t)
    raise BackpropError(f"trace: format must be one of {', '.join(FORMATS)}, got "
                        f"{terminal(repr(fmt))}")


# -- words and numbers shared by every medium ------------------------------------------------
def format_values(a: np.ndarray, shown: int = SHOWN) -> str:
    """Numbers to 6 significant digits; a big tensor as its shape and leading values."""
    a = np.asarray(a, dtype=np.float64) + 0.0  # + 0.0 turns −0 into 0
    if a.ndim == 0:
        return f"{float(a):.6g}"
    if a.size > shown:
        lead = ", ".join(f"{v:.6g}" for v in a.reshape(-1)[:8])
        return f"shape {'×'.join(map(str, a.shape))}, first values [{lead}, …]"
    return np.array2string(a, separator=", ", max_line_width=90,
                           formatter={"float_kind": lambda v: f"{v:.6g}"})


def describe_check(c: Check) -> str:
    """'✓ max |Δ|: engine 0, central differences 6.3e-11 (3 of 3 entries)'."""
    mark = "✓" if c.passed else "✗"
    kinks = f", {c.kinks} at a kink skipped" if c.kinks else ""
    return (f"{mark} max |Δ|: engine {c.engine:.2g}, central differences {c.numeric:.2g} "
            f"({c.checked} of {c.size} entries{kinks})")


def describe_coverage(t: Trace) -> str:
    """Exactly what was checked: 'checked all 36 backward entries against the engine and 12
    of them by central differences: all agree'."""
    c = t.checked
    kinks = f" ({c.kinks} at a kink skipped)" if c.kinks else ""
    verdict = ("all agree" if not c.failed else
               f"{c.failed} check{'s' if c.failed > 1 else ''} DISAGREE (✗ above)")
    return (f"checked all {c.entries} backward entries against the engine and {c.numeric} of "
            f"them by central differences{kinks}: {verdict}")


def parameter_label(t: Trace, name: str) -> str:
    """'W₁ = 1.weight': a parameter's symbol, as the formulas write it, and its state_dict
    name (a buffer such as a running mean has no symbol: its name alone)."""
    symbol = t.symbols.get(name)
    return f"{symbol[0]} = {name}" if symbol else name


def _shape(a: Any) -> str:
    return "×".join(map(str, np.shape(a)))


def _target(t: Trace) -> str:
    return str(t.target) if isinstance(t.target, int) else format_values(t.target)


# -- text ------------------------------------------------------------------------------------
def text(t: Trace) -> str:
    """The trace for a terminal (control characters from any name made visible)."""
    lines = ["backprop trace", f"spec: {t.spec}    loss: {t.loss_name}    seed: {t.seed}",
             f"input x = {format_values(t.input)}", f"target t = {_target(t)}",
             f"mode: {MODE}", "", "parameters"]
    for name, v in t.parameters.items():
        lines.append(_block(f"  {parameter_label(t, name)} ({_shape(v)}) = ", v))
    for direction in ("forward", "backward"):
        lines += ["", direction]
        layer = None
        for s in (s for s in t.steps if s.direction == direction):
            if s.layer != layer:  # a layer's steps under one heading
                lines.append(f"  {s.layer}")
                layer = s.layer
            lines += [f"    {s.formula}", _block("    = ", s.values)]
            if s.check is not None:
                lines.append(f"    {describe_check(s.check)}")
    lines += ["", f"loss E = {t.loss:.6g}; {describe_coverage(t)}"]
    return terminal("\n".join(lines))


def _block(prefix: str, values: np.ndarray) -> str:
    """``prefix`` then the numbers, continuation lines aligned under the first bracket."""
    first, *rest = format_values(values).split("\n")
    pad = " " * len(prefix)
    return "\n".join([prefix + first, *(pad + r if r else r for r in rest)])


# -- Markdown --------------------------------------------------------------------------------
def markdown(t: Trace) -> str:
    """The trace as Markdown: formulas as ``$…$``, numbers in code blocks."""
    out = [f"# backprop trace: {markdown_code(t.spec)}", "",
           f"Loss {markdown_code(t.loss_name)}, seed {t.seed}. Input x = "
           f"{markdown_code(format_values(t.input))}, target t = {markdown_code(_target(t))}. "
           f"**E = {t.loss:.6g}**. Mode: {markdown_text(MODE)}.", "", "## Parameters", ""]
    for name, v in t.parameters.items():
        out += [f"{markdown_code(parameter_label(t, name))} ({_shape(v)})", "", "```",
                format_values(v), "```", ""]
    for direction in ("forward", "backward"):
        out += [f"## {direction.capitalize()}", ""]
        for s in (s for s in t.steps if s.direction == direction):
            out += _markdown_step(s)
    out += [f"E = {t.loss:.6g}; {markdown_text(describe_coverage(t))}.", ""]
    return terminal("\n".join(out))


def _markdown_step(s: Step) -> list[str]:
    lines = [f"**{markdown_text(s.layer)}** — {markdown_math(s.latex)}", "",
             markdown_text(s.formula), "", "```", format_values(s.values), "```"]
    if s.check is not None:
        lines += ["", f"*{markdown_text(describe_check(s.check))}*"]
    return lines + [""]


# -- HTML ------------------------------------------------------------------------------------
def _cells(row: Any) -> str:
    return "".join(f"<td>{float(v):.6g}</td>" for v in row)


def values_table(a: np.ndarray) -> str:
    """A tensor as HTML tables: a row, a matrix, or one matrix per leading index."""
    a = np.asarray(a, dtype=np.float64) + 0.0  # + 0.0 turns −0 into 0
    if a.size > TABLE_ENTRIES:
        head = a.reshape(-1)[:16]
        return (f'<p class="shape">shape {_shape(a)}, first values</p>'
                f'<div class="scroll"><table class="values"><tr>{_cells(head)}<td>…</td></tr>'
                f"</table></div>")
    if a.ndim <= 1:
        return (f'<div class="scroll"><table class="values"><tr>{_cells(np.atleast_1d(a))}'
                f"</tr></table></div>")
    if a.ndim == 2:
        rows = "".join(f"<tr>{_cells(r)}</tr>" for r in a)
        return f'<div class="scroll"><table class="values">{rows}</table></div>'
    lead = a.shape[:-2]
    parts = []
    for n, index in enumerate(np.ndindex(*lead)):
        if n == SLICES:
            parts.append(f'<p class="shape">… {int(np.prod(lead)) - SLICES} more slices</p>')
            break
        parts.append(f'<p class="shape">[{", ".join(map(str, index))}, :, :]</p>'
                     + values_table(a[index]))
    return "".join(parts)


def _step_html(s: Step, typeset: Any) -> str:
    check = ""
    if s.check is not None:
        cls = "ok" if s.check.passed else "bad"
        check = f'<p class="check {cls}">{html_text(describe_check(s.check))}</p>'
    return (f'<div class="step {html_text(s.direction)}"><p class="layer">'
            f"{html_text(s.layer)}</p>"
            f'<div class="formula">{typeset(s.latex, s.formula)}</div>'
            f"{values_table(s.values)}{check}</div>")


def html_page(t: Trace) -> str:
    """One self-contained HTML page of the trace (MathML needs the ``page`` extra)."""
    mathml("x")  # refuses now, naming the extra, when latex2mathml is missing

    def typeset(latex: str, plain: str) -> str:
        return formula(latex, display=True, alt=plain)

    target = t.target if isinstance(t.target, int) else t.target.tolist()
    parts = [f"<h1>backprop trace: <code>{html_text(t.spec)}</code></h1>",
             f"<p>Loss <code>{html_text(t.loss_name)}</code>, seed {t.seed}, "
             f"target t = <code>{html_text(target)}</code>; mode: {html_text(MODE)}.</p>",
             f'<p class="loss">E = <span id="loss">{t.loss:.6g}</span></p>',
             "<h2>Input x</h2>", values_table(t.input), "<h2>Parameters</h2>"]
    for name, v in t.parameters.items():
        parts.append(f'<p class="layer">{html_text(parameter_label(t, name))} '
                     f"({_shape(v)})</p>{values_table(v)}")
    for direction in ("forward", "backward"):
        parts.append(f"<h2>{direction.capitalize()}</h2>")
        parts += [_step_html(s, typeset) for s in t.steps if s.direction == direction]
    parts.append(f'<p class="loss">E = {t.loss:.6g}; {html_text(describe_coverage(t))}</p>')
    return document(f"backprop trace: {t.spec}", sanitize("\n".join(parts)))


def trace_html(t: Trace) -> str:
    """The trace as a notebook fragment: the loss, then every forward and backward step
    with its formula as MathML (its LaTeX without latex2mathml), numbers and check."""
    def typeset(latex: str, plain: str) -> str:
        return formula(latex, display=True, alt=plain)

    parts = [f"<p><b>backprop trace</b> <code>{html_text(t.spec)}</code>, loss "
             f"<code>{html_text(t.loss_name)}</code>: E = <span class=\"loss\">"
             f"{t.loss:.6g}</span></p>"]
    for direction in ("forward", "backward"):
        parts.append(f"<h4>{direction.capitalize()}</h4>")
        parts += [_step_html(s, typeset) for s in t.steps if s.direction == direction]
    return fragment("bp-trace", sanitize("".join(parts)))

