"""A trace as text (the terminal), Markdown (a homework sheet), JSON or HTML.

Small tensors are printed whole; a big one by its shape and leading values (JSON always
carries every number).
"""

from __future__ import annotations

import json

import numpy as np

from ..errors import BackpropError
from .compute import MODE, Check, Step, Trace

__all__ = ["render", "format_values", "describe_check", "describe_coverage", "parameter_label",
           "FORMATS"]

FORMATS = ("text", "markdown", "html", "json")
SHOWN = 48  # entries of a tensor printed whole; beyond this, shape and leading values


def render(t: Trace, fmt: str = "text") -> str:
    """The trace as ``text``, ``markdown``, ``html`` (one self-contained page) or ``json``."""
    if fmt == "json":
        return json.dumps(t.to_json())
    if fmt == "text":
        return _text(t)
    if fmt == "markdown":
        return _markdown(t)
    if fmt == "html":
        from .html import render_html
        return render_html(t)
    raise BackpropError(f"trace: format must be one of {', '.join(FORMATS)}, got {fmt!r}")


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


def _header(t: Trace) -> list[str]:
    target = t.target if isinstance(t.target, int) else format_values(t.target)
    return [f"spec: {t.spec}    loss: {t.loss_name}    seed: {t.seed}",
            f"input x = {format_values(t.input)}",
            f"target t = {target}",
            f"mode: {MODE}"]


def _text(t: Trace) -> str:
    lines = ["backprop trace", *_header(t), "", "parameters"]
    for name, v in t.parameters.items():
        lines.append(_block(f"  {parameter_label(t, name)} ({'×'.join(map(str, v.shape))}) = ", v))
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
    return "\n".join(lines)


def _block(prefix: str, values: np.ndarray) -> str:
    """``prefix`` then the numbers, continuation lines aligned under the first bracket."""
    first, *rest = format_values(values).split("\n")
    pad = " " * len(prefix)
    return "\n".join([prefix + first, *(pad + r if r else r for r in rest)])


def _markdown(t: Trace) -> str:
    out = [f"# backprop trace: `{t.spec}`", "",
           f"Loss `{t.loss_name}`, seed {t.seed}. Input x = `{format_values(t.input)}`, "
           f"target t = `{t.target if isinstance(t.target, int) else format_values(t.target)}`. "
           f"**E = {t.loss:.6g}**. Mode: {MODE}.", "", "## Parameters", ""]
    for name, v in t.parameters.items():
        out += [f"`{parameter_label(t, name)}` ({'×'.join(map(str, v.shape))})", "", "```",
                format_values(v), "```", ""]
    for direction in ("forward", "backward"):
        out += [f"## {direction.capitalize()}", ""]
        for s in (s for s in t.steps if s.direction == direction):
            out += _markdown_step(s)
    out += [f"E = {t.loss:.6g}; {describe_coverage(t)}.", ""]
    return "\n".join(out)


def _markdown_step(s: Step) -> list[str]:
    lines = [f"**{s.layer}** — ${s.latex}$", "", f"{s.formula}", "", "```",
             format_values(s.values), "```"]
    if s.check is not None:
        lines += ["", f"*{describe_check(s.check)}*"]
    return lines + [""]
