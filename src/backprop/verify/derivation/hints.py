"""What a failing step is told: its counterexample, and a hint when one is certain.

A hint is given only when the evaluations make it so: the step holds exactly where two
indices are equal (or differ), the two sides differ by a constant whole factor or by sign at
every point, or one side is the other's transpose.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import numpy as np

from .evaluate import Scope
from .symbols import Kind
from .values import agree

__all__ = ["hint", "transpose_missing", "counterexample", "failure_text", "describe_shape",
           "fmt"]

def transpose_missing(message: str) -> str | None:
    shapes = [tuple(int(n) for n in m.split(",") if n.strip())
              for m in re.findall(r"\(([\d, ]+)\)", message)]
    if len(shapes) == 2 and all(len(s) == 2 for s in shapes):
        (a, b), (c, d) = shapes
        if a == c or b == d or a == d and b == c:
            return "a transpose is missing or extra"
    return None


def describe_shape(a: np.ndarray) -> str:
    if a.ndim == 0:
        return "a number"
    if a.ndim == 2 and a.shape[1] == 1:
        return f"a column of {a.shape[0]}"
    if a.ndim == 2 and a.shape[0] == 1:
        return f"a row of {a.shape[1]}"
    return "×".join(map(str, a.shape))


def fmt(v: np.ndarray) -> str:
    if v.ndim == 0:
        return f"{float(v):.6g}"
    flat = v.T.reshape(-1) if v.ndim == 2 and v.shape[1] == 1 else v
    body = np.array2string(flat, precision=4, suppress_small=True, max_line_width=10_000,
                           threshold=20).replace("\n", "")
    return body + ("ᵀ" if v.ndim == 2 and v.shape[1] == 1 and v.shape[0] > 1 else "")


def counterexample(p: int, combo: dict, a: np.ndarray, b: np.ndarray, scope: Scope,
                    symbols: dict[str, Kind]) -> dict[str, Any]:
    point = {name: fmt(np.asarray(v.data)) for name, v in sorted({**scope.drawn,
                                                                  **scope.values}.items())
             if name in symbols and symbols[name].name != "constant" and name in scope.used}
    return {"point": point, "indices": dict(combo), "left": fmt(a), "right": fmt(b)}


def failure_text(ce: dict[str, Any], hint: str | None) -> str:
    where = ", ".join(f"{k} = {v}" for k, v in ce["indices"].items())
    text = f"fails{' at ' + where if where else ''}: left {ce['left']}, right {ce['right']}"
    return text + (f" — {hint}" if hint else "")


def hint(records: list, indices: list[str]) -> str | None:
    """A plain-words reason, given only when the evaluations make it certain."""
    for i, j in itertools.combinations(indices, 2):
        same = [r[4] for r in records if r[1][i] == r[1][j]]
        other = [r[4] for r in records if r[1][i] != r[1][j]]
        if same and other and all(same) and not any(other):
            return f"holds only when {i} = {j}"
        if same and other and all(other) and not any(same):
            return f"holds only when {i} ≠ {j}"
    ratios = []
    for *_, a, b, _agree, _scope in records:
        mask = np.abs(a) > 1e-6
        if a.shape != b.shape or not np.all(mask == (np.abs(b) > 1e-6 * np.max(np.abs(a) + 1))):
            return _transpose_hint(records)
        if np.any(mask):
            ratios.append((b[mask] / a[mask]).reshape(-1))
    if ratios:
        r = np.concatenate(ratios)
        c = float(np.median(r))
        varies = len({float(np.sum(rec[2])) for rec in records}) > 1
        if np.allclose(r, c, rtol=1e-6, atol=1e-9) and abs(c - 1) > 1e-6:
            if abs(c + 1) < 1e-6:
                return "sign: the right side is minus the left side"
            for value in (c, 1 / c if c else 0):
                whole = round(abs(value))
                if varies and 2 <= whole <= 12 and abs(abs(value) - whole) < 1e-6 * whole:
                    sign = "−" if value < 0 else ""
                    return (f"off by a factor of {sign}{whole}: right = {sign}{whole} × left"
                            if value == c else
                            f"off by a factor of {sign}{whole}: left = {sign}{whole} × right")
    return _transpose_hint(records)


def _transpose_hint(records: list) -> str | None:
    for *_, a, b, _agree, _scope in records:
        if not (a.ndim == 2 and a.shape == b.shape[::-1] and agree(a.T, b)):
            return None
    return "transposed: the right side is the transpose of the left side"
