"""An update of training step by step as text (``backprop trace --step N``) and as JSON (the
page's): the batch, the loss, and for each parameter its gradient beside the formula and the
optimiser's lines with the numbers put in, tensors side by side where the terminal is wide
enough."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..render.trace import format_values
from .training import Training, Update
from .updates import Line, Term

__all__ = ["update_text", "update_json", "setup_line"]

WIDTH = 110       # a line of tensors side by side wider than this is written one under another
BATCH_ROWS = 16   # points of the batch listed


def setup_line(run: Training) -> str:
    s, group = run.setup, run.optimizer.param_groups[0]
    hyper = ", ".join(f"{_GREEK.get(k, k)} = {_number(group[k])}" for k in run.rule.hyper)
    return (f"spec: {run.model.spec}    data: {s.data} ({s.points} points, noise {s.noise:g})"
            f"    optimizer: {s.optimizer} ({hyper})    batch: {s.batch_size}    seed: {s.seed}")


_GREEK = {"lr": "η", "momentum": "μ", "betas": "(β₁, β₂)", "eps": "ε", "alpha": "α",
          "weight_decay": "λ"}


def _number(v: Any) -> str:
    if isinstance(v, (tuple, list)):
        return "(" + ", ".join(_number(a) for a in v) + ")"
    return f"{v:.6g}"


def update_text(run: Training, update: Update, losses: list[float]) -> str:
    """The maths of ``update`` (the last one ``run`` made), then the loss over the data
    before the first update and after each (``losses``, from update 0)."""
    x, y = run.x[update.batch], run.y[update.batch]
    lines = ["backprop trace --step", setup_line(run), "",
             f"update {update.step}: batch of {len(update.batch)} of the {len(run.y)} points "
             f"(shuffled once per pass over them, from the seed)",
             "     n        x₁        x₂   t"]
    for n, (i, p, t) in enumerate(zip(update.batch, x, y)):
        if n == BATCH_ROWS:
            lines.append(f"  … {len(update.batch) - BATCH_ROWS} more")
            break
        lines.append(f"  {i:4d}  {p[0]:8.4f}  {p[1]:8.4f}   {t}")
    lines += ["", f"  {update.loss_formula[0]}", f"  = {update.loss:.6g}"]
    for part in update.parameters:
        shape = "×".join(map(str, part.gradient.shape))
        lines += ["", f"{part.symbol[0]} = {part.name} ({shape})", f"  {part.formula[0]}",
                  *_indent(_join([[" = "], _block(part.gradient)]), "  ")]
        for line in part.lines:
            lines += [f"  {line.plain}", *_indent(_equation(line), "  ")]
    lines += ["", _losses(losses, len(run.y)), f"accuracy over the data: {run.accuracy():.1%}"]
    return "\n".join(lines)


def _losses(losses: list[float], points: int) -> str:
    pairs = [f"{k}: {v:.4g}" for k, v in enumerate(losses)]
    if len(pairs) > 8:
        pairs = pairs[:3] + ["…"] + pairs[-4:]
    return f"loss over the {points} points (update: loss): {', '.join(pairs)}"


def _indent(text: list[str], pad: str) -> list[str]:
    return [pad + t if t else t for t in text]


def _block(term: Term) -> list[str]:
    if isinstance(term, str):
        return [term]
    if isinstance(term, np.ndarray):
        return format_values(term).split("\n")
    return [f"{term:.6g}"]


def _equation(line: Line) -> list[str]:
    """' = θ − 0.1 × g' (tensors side by side, or each under the last when too wide), then
    ' = ' and the result."""
    rows = _join([_block(t) for t in (" = ", *line.terms)])
    if max(map(len, rows)) > WIDTH:
        rows, prefix = [], " = "
        for t in line.terms:
            if isinstance(t, np.ndarray):  # the operators and numbers before it, then it
                rows += _join([[prefix], _block(t)])
                prefix = "   "
            else:
                prefix += _block(t)[0]
        if prefix.strip():
            rows.append(prefix)
    return rows + _join([[" = "], _block(line.result)])


def _join(blocks: list[list[str]]) -> list[str]:
    """Blocks of lines side by side, each as wide as its widest line, aligned at the top."""
    height = max(len(b) for b in blocks)
    widths = [max(len(r) for r in b) for b in blocks]
    return ["".join((b[i] if i < len(b) else "").ljust(w) for b, w in zip(blocks, widths)).rstrip()
            for i in range(height)]


def update_json(update: Update, mathml: Any = None) -> dict[str, Any]:
    """The update as JSON; with ``mathml`` (LaTeX → MathML), each formula as MathML too."""
    def formula(plain: str, latex: str) -> dict[str, Any]:
        return {"plain": plain, **({"mathml": mathml(latex, alt=plain)} if mathml else {})}

    def term(t: Term) -> Any:  # operator text, a number, or {"values": a tensor}
        return t if isinstance(t, (str, float, int)) else {"values": np.asarray(t).tolist()}

    return {
        "step": update.step, "batch": update.batch.tolist(), "loss": update.loss,
        "loss_formula": formula(*update.loss_formula),
        "parameters": [
            {"name": p.name, "symbol": p.symbol[0], "gradient": p.gradient.tolist(),
             "formula": formula(*p.formula),
             "lines": [{**formula(line.plain, line.latex), "terms": [term(t) for t in line.terms],
                        "result": line.result.tolist()} for line in p.lines]}
            for p in update.parameters],
    }
