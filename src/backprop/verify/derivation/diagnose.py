"""Stage 8: which common mistake explains a failing step.

A teacher writes in the margin "the sign of the second term", "a factor 1/N is missing", "a
transpose", "i and j swapped", "off by one". Each mistake here is a test on the evaluations the
judge made (or on a variant of the step evaluated at the same points): the step is said to
*hold if* the mistake is undone. A diagnosis is given only when the evaluations make it so.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from . import terms as t
from .notation import lookup
from .values import EvalError, agree, as_tensor

__all__ = ["diagnose"]

def _nice(c: float) -> str | None:
    for v in (2, 3, 4, 5, 6, 8, 10, 12):
        if abs(c - v) <= 1e-6 * v:
            return str(v)
        if abs(c - 1 / v) <= 1e-6 / v:
            return f"1/{v}"
    return None


def _constant(values: list[float]) -> float | None:
    if not values:
        return None
    c = float(np.median(values))
    return c if np.allclose(values, c, rtol=1e-6, atol=1e-9) else None


def _split(term: Any, sign: int = 1) -> list[tuple[int, Any]]:
    if isinstance(term, t.Add):
        return _split(term.a, sign) + _split(term.b, sign)
    if isinstance(term, t.Sub):
        return _split(term.a, sign) + _split(term.b, -sign)
    if isinstance(term, t.Neg) and not isinstance(term.a, t.Num):
        return _split(term.a, -sign)
    return [(sign, term)]


def _ordinal(k: int) -> str:
    return ["first", "second", "third", "fourth", "fifth", "sixth"][k] if k < 6 else f"{k + 1}th"


def diagnose(checker: Any, left: Any, right: Any, item: Any, verdict: Any) -> str | None:
    """The common mistake that explains ``verdict`` (a failure), in words, or None."""
    records = [r for r in verdict.records if isinstance(r[2], np.ndarray)]
    if verdict.shape:
        return records and _transposed(records) or _shapes(verdict.message)
    if not records:
        return None
    for why in (_indices(records), _whole(records, left, checker, item),
                _off_by_one(records), _transposed(records), _entries(records)):
        if why:
            return why
    try:
        return _per_term(checker, left, right, item, records) or \
            _function_itself(checker, left, right, item, records) or \
            _arithmetic(records, left, right)
    except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, KeyError):
        return None


def _entries(records: list) -> str | None:
    """A vector or a matrix wrong in some entries only, the same ones at every point: which,
    and whether only their signs are."""
    wrong = None
    flipped = True
    for *_, a, b, _agree, _frame in records:
        if a.shape != b.shape or a.size < 2:
            return None
        off = ~np.isclose(a, b, rtol=1e-9, atol=1e-12)
        if wrong is None:
            wrong = off
        elif not np.array_equal(wrong, off):
            return None
        flipped = flipped and bool(np.allclose(a[off], -b[off], rtol=1e-9, atol=1e-12))
    if wrong is None or not wrong.any() or wrong.all():
        return None
    places = [tuple(int(i) + 1 for i in k) for k in zip(*np.nonzero(wrong))]
    if wrong.ndim == 2 and wrong.shape[1] == 1:
        places = [(p[0],) for p in places]
    named = ", ".join("(" + ", ".join(map(str, p)) + ")" if len(p) > 1 else str(p[0])
                      for p in places[:4]) + (", …" if len(places) > 4 else "")
    what = "entry" if len(places) == 1 else "entries"
    return f"holds if the sign of {what} {named} is flipped" if flipped else \
        f"only {what} {named} differ{'s' if len(places) == 1 else ''}"


def _arithmetic(records: list, left: Any, right: Any) -> str | None:
    """A step of numbers only (1.5 × 2.5 = 3.25): an arithmetic slip, with the value the left
    side has, and, where the digits show it, its kind (a power of ten, one digit)."""
    if any(isinstance(n, t.Deriv) or isinstance(n, t.Sym) and n.name not in (
            "\\cdot", "\\times", "e", "\\pi") and lookup(n.name) is None
           for side in (left, right) for n in t.walk(side)):
        return None
    a, b = records[0][2], records[0][3]
    if a.size != 1 or not np.isfinite(a).all() or not np.isfinite(b).all():
        return None
    a, b = float(a.reshape(-1)[0]), float(b.reshape(-1)[0])
    words = f"an arithmetic slip: the left side is {a:.6g}"
    if a and b and a * b > 0:
        power = np.log10(abs(b / a))
        k = round(power)
        if k and abs(power - k) < 0.005:
            return words + f" (off by a power of ten: right ≈ 10^{k} × left)"
    digits = [f"{abs(v):.6g}".replace(".", "") for v in (a, b)]
    differ = [k for k, (x, y) in enumerate(zip(*digits)) if x != y]
    if len(digits[0]) == len(digits[1]) and (a > 0) == (b > 0):
        if len(differ) == 1:
            return words + " (one digit differs)"
        if len(differ) == 2 and differ[1] == differ[0] + 1 and \
                sorted(digits[0]) == sorted(digits[1]):
            return words + " (two digits swapped)"
    return words


def _shapes(message: str) -> str | None:
    import re
    shapes = [tuple(int(n) for n in m.split(",") if n.strip())
              for m in re.findall(r"\(([\d, ]+)\)", message)]
    if len(shapes) == 2 and all(len(s) == 2 for s in shapes):
        (a, b), (c, d) = shapes
        if a == c or b == d or a == d and b == c:
            return "a transpose is missing or extra"
    if "left a column" in message and "right a row" in message or \
            "left a row" in message and "right a column" in message:
        return "a transpose is missing or extra"
    return None


def _indices(records: list) -> str | None:
    """Holds exactly where two indices are equal (or differ)."""
    names = sorted({k for r in records for k in r[1]})
    for i, j in itertools.combinations(names, 2):
        same = [r[4] for r in records if r[1].get(i) == r[1].get(j)]
        other = [r[4] for r in records if r[1].get(i) != r[1].get(j)]
        if same and other and all(same) and not any(other):
            why = _whole([r for r in records if r[1].get(i) != r[1].get(j)], None, None, None)
            return f"holds only when {i} = {j}" + (f"; where {i} ≠ {j}: {why}" if why else "")
        if same and other and all(other) and not any(same):
            why = _whole([r for r in records if r[1].get(i) == r[1].get(j)], None, None, None)
            return f"holds only when {i} ≠ {j}" + (f"; where {i} = {j}: {why}" if why else "")
    return None


def _whole(records: list, left: Any, checker: Any, item: Any) -> str | None:
    """The right side is a constant multiple of the left: a sign, a dropped factor."""
    ratios = []
    for *_, a, b, _agree, _frame in records:
        mask = np.abs(a) > 1e-9
        if a.shape != b.shape or not np.any(mask) or np.any(np.abs(b[~mask]) > 1e-9):
            return None
        ratios.extend((b[mask] / a[mask]).reshape(-1).tolist())
    c = _constant(ratios)
    if c is None or abs(c - 1) < 1e-9:
        return _named_factor(records, checker) if checker is not None else None
    if abs(c + 1) < 1e-9:
        return "the sign is flipped: the right side is minus the left side"
    nice = _nice(abs(c))
    if nice is not None:
        sign = "minus " if c < 0 else ""
        size = round(abs(c) if abs(c) >= 1 else 1 / abs(c))
        return f"off by a factor of {size}: right = {sign}{nice} × left"
    return _named_factor(records, checker) if checker is not None else None


def _named_factor(records: list, checker: Any) -> str | None:
    """The two sides differ by a factor that is one of the text's numbers (1/N of a mean, T of
    a temperature, m of a batch)."""
    ratios = []
    for *_, a, b, _agree, frame in records:
        mask = np.abs(a) > 1e-9
        if a.shape != b.shape or not np.any(mask):
            return None
        r = (b[mask] / a[mask]).reshape(-1)
        if not np.allclose(r, r[0], rtol=1e-6):
            return None
        ratios.append((float(r[0]), frame))
    if len(ratios) < 2:
        return None
    point = ratios[0][1].point
    names = sorted(n for n in (point.drawn if point is not None else {})
                   if np.asarray(point.drawn[n].data).ndim == 0)
    for name in names + sorted(n for n, k in checker.symbols.items() if k.name == "constant"):
        values = []
        for ratio, frame in ratios:
            try:
                v = float(as_tensor(frame.point.value(name) if frame.point.has(name) else
                                    np.float64(checker.symbols[name].value)).data)
            except (KeyError, TypeError, ValueError, AttributeError):
                values = []
                break
            values.append((ratio, v))
        if not values or len({round(v, 12) for _, v in values}) < 1:
            continue
        for power, words in ((1, "times"), (-1, "divided by")):
            if all(v != 0 and abs(r - v ** power) <= 1e-6 * abs(v ** power) for r, v in values):
                if len({round(v, 9) for _, v in values}) > 1 or name in checker.scope.declared:
                    return f"off by a factor of {name}: right = left {words} {name}"
    return None


def _off_by_one(records: list) -> str | None:
    diffs = []
    for *_, a, b, _agree, _frame in records:
        if a.shape != b.shape or a.size != 1:
            return None
        if not (np.allclose(a, np.round(a)) and np.allclose(b, np.round(b))):
            return None
        diffs.append(float(np.asarray(b - a).reshape(())))
    c = _constant(diffs)
    if c is not None and abs(abs(c) - 1) < 1e-9:
        return f"off by one: right = left {'+' if c > 0 else '−'} 1"
    return None


def _transposed(records: list) -> str | None:
    for *_, a, b, _agree, _frame in records:
        if not (a.ndim == 2 and a.shape == b.shape[::-1] and a.shape[0] > 1 and agree(a.T, b)):
            return None
    return "transposed: the right side is the transpose of the left side"


def _per_term(checker: Any, left: Any, right: Any, item: Any, records: list) -> str | None:
    """One term of a sum is off: its sign flipped, or by a constant factor."""
    from .evaluate import Reading
    for side_name, side, other in (("right", right, left), ("left", left, right)):
        parts = _split(side)
        if len(parts) < 2 or len(parts) > 8:
            continue
        ev = checker.evaluator(Reading(), item)
        rows: list[np.ndarray] = []
        target: list[np.ndarray] = []
        for *_, a, b, _agree, frame in records[:8]:
            values = [np.asarray(as_tensor(ev.side(term, frame)).data, dtype=np.float64)
                      for _, term in parts]
            whole = b if side_name == "right" else a
            goal = a if side_name == "right" else b
            if any(v.shape != whole.shape and v.size != 1 for v in values):
                return None
            rows.append(np.stack([np.broadcast_to(sign * v, whole.shape).reshape(-1)
                                  for (sign, _), v in zip(parts, values)], axis=1))
            target.append((goal - whole).reshape(-1))
        if not rows:
            return None
        basis = np.concatenate(rows)
        gap = np.concatenate(target)
        for k, (sign, term) in enumerate(parts):
            col = basis[:, k]
            if not np.any(np.abs(col) > 1e-9):
                continue
            lam = float(col @ gap / (col @ col))
            if not np.allclose(lam * col, gap, rtol=1e-6, atol=1e-9):
                continue
            factor = 1 + lam
            words = f"the {_ordinal(k)} term of the {side_name} side ({t.canon(term)[:30]})"
            if abs(factor + 1) < 1e-6:
                return f"holds if the sign of {words} is flipped"
            if abs(factor) < 1e-6:
                return f"holds without {words}"
            nice = _nice(abs(factor))
            if nice is not None:
                sign = "−" if factor < 0 else ""
                return f"holds if {words} is multiplied by {sign}{nice}"
    return None


def _function_itself(checker: Any, left: Any, right: Any, item: Any, records: list) -> str | None:
    """``∂f/∂x`` written as f itself."""
    from .evaluate import Reading
    if not isinstance(left, t.Deriv) or left.f is None:
        return None
    ev = checker.evaluator(Reading(), item)
    for *_, a, b, _agree, frame in records[:4]:
        f = np.asarray(as_tensor(ev.side(left.f, frame)).data, dtype=np.float64)
        if f.shape != b.shape or not agree(f, b):
            return None
    return "the right side is the function itself, not its derivative"
