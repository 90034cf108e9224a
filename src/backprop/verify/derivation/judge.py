"""Stage 7: the judge. One rule decides every step.

A *reading* is a choice, for everything the text leaves open, among its admissible options (σ
the sigmoid or the softmax; an undeclared x a number, a column, a probability vector; a comma a
decimal comma or a thousands separator; …). A step is evaluated under a reading at random
points and every index value (:meth:`Checker.trial`), and:

- it **holds under reading R** if some reading makes both sides agree everywhere (R is said
  when it is not the usual one);
- it **fails** only if it fails under every admissible reading tried, and its counterexample
  rests only on what the text states — the claim's own free variables (its declared names, and
  inputs the text treats as variables), the text's definitions and the values it states;
- otherwise it is **unreadable**, with the one question whose answer would decide it: what a
  name is, which condition the prose means, which value a sentence gave.

What a failure may not rest on is recorded while evaluating (a loose name written only on one
side, a value said in passing, a statement that could not be read, a hypothesis in words, a sum
over a set named in words, a step that holds at some points and not others through a kink).
No verdict depends on the wording of a message.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ... import functional as F
from ...engine import Tensor
from . import cues as cue
from . import terms as t
from .bindings import FIRM, Bindings, Rests
from .evaluate import Evaluator, Frame, Point, Reading
from .kinds import Kind
from .names import (MARKS, base_name, index_list, list_count, member_number,
                    mentioned_names, name_of, split_label, sum_count, value_names)
from .notation import CONSTANTS, lookup, words
from .parse import SHAPE, SIZE
from .scope import (NAMES_GRADIENT, Definition, Item, Scope, _closed, _literal, _number_index,
                    _reach, counted, written_names)
from .shapes import Shapes
from .syntax import Side
from .values import (
    ATOL,
    BROADCAST,
    RTOL,
    EvalError,
    Fn,
    Identity,
    NotDifferentiable,
    Ones,
    ShapeMismatch,
    TooLong,
    Unknown,
    agree,
    as_tensor,
    ask_about,
    clock,
    tabulated,
)

__all__ = ["Verdict", "Checker", "MAX_READINGS"]

ANY_LOSS = "for any loss: L read as ⟨G, Y⟩ with G arbitrary"

MAX_COMBINATIONS = 64    # index values a step is checked at
# a name a step may draw as a number when the text says nothing of it: a letter, Latin or
# Greek, with its marks and scripts (x, \\hat{y}, \\sigma_{1}, w^{(2)}) — not a word, an operator
_GUESSABLE = re.compile(r"(?:[A-Za-z]|\\(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|"
                        r"kappa|lambda|mu|nu|xi|rho|sigma|tau|upsilon|phi|chi|psi|omega|ell|Gamma|Delta|"
                        r"Theta|Lambda|Xi|Sigma|Phi|Psi|Omega)|"
                        r"\\(?:hat|bar|tilde|mathbf|boldsymbol|vec)\{[A-Za-z]\})"
                        r"(?:_\{[^{}]*\})?(?:\^\{(?:\([^{}]*\)|\[[^{}]*\]|\*)\})?")
_POWER = re.compile(r"\^\{[0-9]+\}$")
_OVERFLOW = ("at the values the text gives", "at any values (the text's overflow)")
MAX_READINGS = 16        # readings tried for a step that does not hold as usually read
REDRAWS = 4              # draws tried per point wanted (a point where a side is not finite)
STEP_SECONDS = 4.0       # one reading's trial
STEP_BUDGET = 3 * STEP_SECONDS    # every reading of one step: past it, a step that has not held
#                                   is unreadable (a reading left untried may be the text's)
MIN_EVALUATIONS = 8


@dataclass
class Verdict:
    """What checking one step found."""

    status: str                      # holds | fails | unreadable
    message: str = ""
    reading: list[str] = field(default_factory=list)
    counterexample: dict[str, Any] | None = None
    question: str = ""
    evaluations: int = 0
    uses: list[str] = field(default_factory=list)
    records: list = field(default_factory=list, repr=False)   # (point, combo, a, b, agrees)
    shape: bool = False              # the failure is a shape that does not fit
    explain: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Outcome:
    status: str                      # holds | fails | error
    records: list = field(default_factory=list)
    message: str = ""
    question: str = ""
    unknown: bool = False            # the error is a name or operator with no value
    shape: bool = False
    used: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    doubts: list[str] = field(default_factory=list)
    cut: bool = False                # agrees to the digits shown only if they were cut
    partial: bool = False            # holds at some points, fails at others
    entered: list = field(default_factory=list)    # the definitions evaluated
    guessed: set[str] = field(default_factory=set)  # names the text never states, drawn
    notation: set[str] = field(default_factory=set)  # the notation table's rows read
    again: Any = None    # a failure seen at the first point only: the whole trial, when needed


def _at_one_size(a: Identity | Ones, b: Identity | Ones) -> tuple[Any, Any]:
    """Two sides both sized by what they meet (``(I − 𝟏pᵀ)ᵀ = I − p𝟏ᵀ``), at a size where both
    are defined (``p`` fixes it) and agree if there is one: the text may mean any size."""
    pairs = []
    for n in range(2, 7):
        try:
            pair = a.of(n), b.of(n)
        except (EvalError, ValueError):
            continue
        if pair[0].shape == pair[1].shape:
            pairs.append(pair)
    if not pairs:
        return a, b
    return next((p for p in pairs if np.allclose(p[0].data, p[1].data)), pairs[0])


def settle(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray, str | None]:
    """Two sides as arrays of one shape when a convention makes them so, and the convention:
    ``I`` and ``1`` take the other side's size; a number and a 1×1 matrix are one; a row and a
    column of the same entries are one vector; a diagonal Jacobian and the vector of its
    diagonal are the elementwise shorthand; 0 is the zero of the other side's shape."""
    a, b = tabulated(a), tabulated(b)
    if isinstance(a, (Identity, Ones)) and isinstance(b, Tensor) and b.ndim == 2:
        a = a.of(b.shape[0]) if isinstance(a, Identity) else a.of(b.size)
    if isinstance(b, (Identity, Ones)) and isinstance(a, Tensor) and a.ndim == 2:
        b = b.of(a.shape[0]) if isinstance(b, Identity) else b.of(a.size)
    if isinstance(a, (Identity, Ones)) and isinstance(b, (Identity, Ones)):
        a, b = _at_one_size(a, b)
    for v in (a, b):
        if not isinstance(v, Tensor):
            what = "a function" if isinstance(v, Fn) else "I or 1 of unknown size"
            raise EvalError(f"one side is {what}, not a value (write σ(z), not σ)")
    x = np.array(a.data, dtype=np.float64)
    y = np.array(b.data, dtype=np.float64)
    if x.shape == y.shape:
        return x, y, None
    if x.size == 1 and y.size == 1:
        return x.reshape(()), y.reshape(()), None
    if x.ndim == 0 and x == 0 and y.ndim:
        return np.zeros_like(y), y, "0 as the zero array"
    if y.ndim == 0 and y == 0 and x.ndim:
        return x, np.zeros_like(x), "0 as the zero array"
    if x.ndim == 2 and y.ndim == 2 and x.shape == y.shape[::-1] and 1 in x.shape:
        return x.reshape(-1), y.reshape(-1), "a row and a column as the same vector"
    for one, many, swap in ((x, y, False), (y, x, True)):
        # 1 − g² ≈ 0.7864 "(both entries the same)": one number for entries that are equal,
        # where it is theirs to a rounding (a reading that only lets a step hold: a number
        # unlike them is left to the shapes, as before)
        if one.size == 1 and many.size > 1 and np.all(np.isfinite(many)) and \
                np.ptp(many) <= ATOL + RTOL * np.max(np.abs(many)) and \
                abs(float(one.reshape(())) - float(many.reshape(-1)[0])) <= \
                1e-3 * max(1.0, abs(float(one.reshape(())))):
            each = np.full_like(many, float(one.reshape(())))
            return (many, each, "one number for every entry (they are equal)") if swap else \
                (each, many, "one number for every entry (they are equal)")
    for m, v, swap in ((x, y, False), (y, x, True)):
        if m.ndim == 2 and m.shape[0] == m.shape[1] > 1 and v.ndim == 2 and \
                1 in v.shape and v.size == m.shape[0] and _diagonal(m):
            d = np.diag(m).copy()
            pair = (v.reshape(-1), d) if swap else (d, v.reshape(-1))
            return pair[0], pair[1], "elementwise: the diagonal of a diagonal Jacobian"
    return x, y, None


def _diagonal(m: np.ndarray) -> bool:
    off = m - np.diag(np.diag(m))
    return bool(np.all(np.abs(off) <= ATOL + RTOL * np.max(np.abs(m))))


def _law_support(law: str, params: tuple, shape: tuple) -> Kind | None:
    """The kind that draws inside a uniform law's interval when it is (0, 1) or of positive
    numbers; None for any other law (a Bernoulli mask drawn as 0s and 1s lets a step with a
    dropped factor hold where the mask is 0: it stays any number)."""
    ends = [p.value if isinstance(p, t.Num) else -p.a.value
            if isinstance(p, t.Neg) and isinstance(p.a, t.Num) else None for p in params]
    if law != "uniform" or len(ends) != 2 or None in ends or not ends[0] < ends[1]:
        return None
    if 0 <= ends[0] and ends[1] <= 1:
        return Kind("probability", shape)
    return Kind("positive", shape) if ends[0] >= 0 else None


def _shown_unit(term: Any) -> float:
    """The last digit's unit of a side written as one rounded number (0.88: 0.01), else 0."""
    node = term
    while isinstance(node, t.Neg):
        node = node.a
    if isinstance(node, t.Num):
        return node.unit
    if isinstance(node, t.Product) and len(node.items) == 3 and isinstance(node.items[0], t.Num) \
            and isinstance(node.items[1], t.MulOp) and isinstance(node.items[2], t.Script) and \
            isinstance(node.items[2].base, t.Num) and node.items[2].base.value == 10 and \
            node.items[0].unit:   # 9.1 × 10^{-4}
        try:
            exponent = float(t.canon(node.items[2].sup).replace("{", "").replace("}", ""))
            return node.items[0].unit * 10.0 ** exponent
        except ValueError:
            return 0.0
    if isinstance(node, t.Product) and len(node.items) == 2 and \
            all(isinstance(n, t.Num) for n in node.items) and node.items[0].unit and \
            not node.items[1].unit and node.items[1].value >= 1e3:
        return node.items[0].unit * node.items[1].value   # 4,2 read in millions (syntax)
    return 0.0


def _rounded(n: t.Num) -> bool:
    """Whether a decimal written inside a computation may be a value carried rounded:
    three significant digits or more (0.8483, 7.389). One or two (0.9, 0.05, 0.25) are
    taken as written — a rate, an earlier step's result — never as an interval of up to
    ±50 % that would let an arithmetic slip pass."""
    return bool(n.unit) and round(abs(n.value) / n.unit) >= 100


def _shown_values(term: Any) -> list[t.Num]:
    """The numbers a side shows as its value, each rounded to its digits: the side itself
    (0.075) or the entries of a tuple or matrix of numbers ((0.665, 0.245, 0.090))."""
    def number(n: Any) -> t.Num | None:
        while isinstance(n, t.Neg):
            n = n.a
        return n if isinstance(n, t.Num) else None
    while isinstance(term, t.Script) and term.sub is None:     # (0.2, 0.8)^T
        term = term.base
    entries = term.args if isinstance(term, t.Paren) else \
        [e for row in term.rows for e in row] if isinstance(term, t.Matrix) else [term]
    return [m for e in entries if (m := number(e)) is not None]


def _replace_node(node: Any, old: Any, new: Any) -> Any:
    return new if node is old else t.rebuild(node, lambda n: _replace_node(n, old, new))


def _slack(ev: Evaluator, term: Any, frame: Frame) -> Any:
    """How far a side may be from its value when its written decimals (0.750) are rounded:
    the sum, over those numbers, of the side's change when one moves by half its last digit
    (entry by entry: a rounded first entry gives the second no slack)."""
    shown = _shown_values(term)
    numbers = [n for n in t.walk(term) if isinstance(n, t.Num) and n.unit and
               (_rounded(n) or any(n is v for v in shown)) and
               (abs(n.value), n.unit) not in ev.scope.given_numbers]
    # and names given a rounded number with ≈ (x* ≈ −1.2785), where that value is in force,
    # the side's own or reached through its definitions (σ ≈ 2.16025 under x̂ = (x − μ)/σ)
    primed = {t.canon(m) for m in t.walk(term) if isinstance(m, t.Prime)}   # g' ≈ (1.154, …)
    rounded = [(n, unit) for n in sorted(_reach(ev.scope, mentioned_names(term)) | primed)
               for line, unit in [ev.scope.approximate.get(n, (0, 0.0))]
               if unit and n not in frame.values and ev.definitions.get(n) is not None and
               ev.definitions[n].line == line]
    # and names a condition sets to a rounded number (σ = 1,8708), reached through definitions
    if ev.scope.rounded_values:
        rounded += [(n, ev.scope.rounded_values[n])
                    for n in sorted(_reach(ev.scope, mentioned_names(term)))
                    if n in ev.scope.rounded_values and n in frame.values]
    # and names defined by arithmetic on written decimals alone (q = (0.9 + 0.033, 0.033) for
    # ε/K = 0.0333…), the side's own or reached through its definitions (E = ½(ŷ − t)², ŷ =
    # σ(0.1529)): each by half the last digit of its most precise number
    own = mentioned_names(term)
    for n in sorted(_reach(ev.scope, own)):
        d = ev.definitions.get(n)
        if d is None or d.params or d.index or n in frame.values or any(
                lookup(m) is None or ev.scope.known(m) for m in value_names(d.expr)):
            continue
        units = [m.unit for m in t.walk(d.expr) if isinstance(m, t.Num) and m.unit and
                 (abs(m.value), m.unit) not in ev.scope.given_numbers and
                 (n in own or _rounded(m))]       # reached: only a value carried rounded
        if units and (not _literal(d.expr) or _restates_computed(ev.scope, n)):
            rounded.append((n, min(units)))
    decimals = [n for n in shown if n.unit]
    if len(decimals) > 8 and not rounded and len(decimals) >= len(numbers) and \
            _literal(term):
        # a matrix of shown numbers (∇²f = (0.0819 … 0.2227)): each entry by half its digit;
        # its decimals count, not its entries (0 and 1 among them are written without
        # digits), and one the text also gives (0,3536 in a sum after it) is shown here too
        return 0.5 * max(n.unit for n in decimals)
    if not numbers and not rounded or len(numbers) + len(rounded) > 24:
        return 0.0
    try:
        base = np.asarray(as_tensor(ev.side(term, frame)).data, dtype=np.float64)
        total: Any = 0.0
        moves = [(_replace_node(term, n, t.Num(n.value + n.unit / 2, n.unit)), frame)
                 for n in numbers] + \
            [(term, frame.with_values({n: F.add(value, _nudge(value, unit / 2, j))}))
             for n, unit in rounded for value in [as_tensor(ev.name(n, frame))]
             for j in range(min(value.size, 8) if value.ndim else 1)]
        for moved, at in moves:
            value = np.asarray(as_tensor(ev.side(moved, at)).data, dtype=np.float64)
            if value.shape != base.shape:
                return 0.0
            total = total + np.abs(value - base)
        return total
    except (EvalError, ArithmeticError, ValueError, TypeError, IndexError):
        return 0.0


def _nudge(value: Tensor, half: float, j: int) -> Any:
    """Half a last digit on entry ``j`` of a rounded value (on all of a number)."""
    if not value.ndim:
        return half
    step = np.zeros(value.shape)
    step.flat[j] = half
    return Tensor(step)


def _restates_computed(scope: Scope, name: str) -> bool:
    """Whether a name given as a list of decimals (P = (1, 0; 0,7311, 0,2689)) restates entries
    the text computed before it (P_{21} = σ(1,0)): its decimals are rounded values."""
    return any(base_name(n) == name and n != name and any(
        not _literal(d.expr) and not d.params and not d.index for d in ds)
        for n, ds in scope.definitions.items())


def _restated(ev: Evaluator, side: Any, chain: tuple, value: np.ndarray,
              frame: Frame) -> Any:
    """The side before ``side`` in its chain if ``side`` is exactly it (0.5·0.5 + 0.05 = 0.25 +
    0.05): its decimals are then that side's values, rounded only as far as that side's are
    ((−0.6640 − 0.5)² = (−1.1640)², 0.6640 a rounded tanh(−0.8)). None otherwise."""
    k = next((i for i, c in enumerate(chain) if c is side), 0)
    if k < 1 or not any(isinstance(n, t.Num) and n.unit for n in t.walk(side)):
        return None
    named = ev.definitions.get(name_of(chain[k - 1]) or "")
    if named is not None and t.canon(named.expr) == t.canon(side):
        return None     # y₁ = (0.5)(0.3799) + …: the name this side defines, no other value
    used = set(frame.point.used) if frame.point is not None else set()
    entered, notation = dict(ev.entered), set(ev.notation)
    try:
        before = np.asarray(as_tensor(ev.side(chain[k - 1], frame)).data, dtype=np.float64)
    except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
        return None
    finally:
        if frame.point is not None:         # what the side before draws is not this step's
            frame.point.used = used
        ev.entered, ev.notation = entered, notation
    same = before.shape == value.shape and bool(np.allclose(before, value, rtol=1e-12,
                                                            atol=1e-12))
    return chain[k - 1] if same else None


def _differ(x: np.ndarray, y: np.ndarray, record: tuple, used: set[str],
            ev: Evaluator) -> "_Outcome":
    """The step fails: its sides' shapes differ."""
    return _Outcome("fails", records=[record], message=f"the shapes differ: left "
                    f"{describe_shape(x)}, right {describe_shape(y)}", shape=True, used=used,
                    notes=set(ev.notes), doubts=list(ev.doubts),
                    entered=list(ev.entered.values()), notation=set(ev.notation))


def _entry_listed(x: np.ndarray, y: np.ndarray, combo: dict, apart: tuple, ranges: dict,
                  notes: set[str]) -> tuple[np.ndarray, np.ndarray]:
    """``p h_i = (1.6, −0.8, 0.4)``: a number at index i on one side, on the other the list of
    every entry, i running over it: the entry i of the list."""
    for one, listed, own, flip in ((x, y, apart[0], False), (y, x, apart[1], True)):
        if one.size != 1 or len(own) != 1 or listed.ndim != 2 or 1 not in listed.shape:
            continue
        i = next(iter(own))
        if i in combo and ranges.get(i) == listed.size and 1 <= combo[i] <= listed.size:
            notes.add(f"the list entry by entry over {i}")
            entry = listed.reshape(-1)[combo[i] - 1].reshape(one.shape)
            return (entry, one) if flip else (one, entry)
    return x, y


def _listed_over(x: np.ndarray, y: np.ndarray, apart: tuple) -> str | None:
    """``(z_i − 3)/0,7 = (0; −1,4286; −2,8571)`` with i over a set the checker does not read:
    a number at a free index against a list of several entries, which may be its values over
    that index (the index the one side has alone), where the index's range is not the list's
    length — a question, never a failure of shapes."""
    for one, listed, own in ((x, y, apart[0]), (y, x, apart[1])):
        if one.size == 1 and len(own) == 1 and listed.ndim == 2 and 1 in listed.shape and \
                listed.size > 1:
            return next(iter(own))
    return None


def fmt(v: np.ndarray) -> str:
    if v.ndim == 0:
        return f"{float(v):.6g}"
    flat = v.T.reshape(-1) if v.ndim == 2 and v.shape[1] == 1 else v
    body = np.array2string(flat, precision=4, suppress_small=True, max_line_width=10_000,
                           threshold=20).replace("\n", "")
    return body + ("ᵀ" if v.ndim == 2 and v.shape[1] == 1 and v.shape[0] > 1 else "")


def describe_shape(a: np.ndarray) -> str:
    if a.ndim == 0:
        return "a number"
    if a.ndim == 2 and a.shape[1] == 1:
        return f"a column of {a.shape[0]}"
    if a.ndim == 2 and a.shape[0] == 1:
        return f"a row of {a.shape[1]}"
    return "×".join(map(str, a.shape))


def _whole(node: Any, values: dict[str, int]) -> int | None:
    """An integer expression of index letters (``t − k + 1``) at ``values``; None otherwise."""
    if isinstance(node, t.Num):
        return int(node.value) if float(node.value).is_integer() else None
    if isinstance(node, t.Sym):
        return values.get(node.name)
    if isinstance(node, t.Paren) and len(node.args) == 1:
        return _whole(node.args[0], values)
    if isinstance(node, t.Neg):
        a = _whole(node.a, values)
        return None if a is None else -a
    if isinstance(node, (t.Add, t.Sub)):
        a, b = _whole(node.a, values), _whole(node.b, values)
        return None if a is None or b is None else a + b if isinstance(node, t.Add) else a - b
    return None


def _written_sums_run(combos: list[dict[str, int]], terms: list[Any]) -> list[dict[str, int]]:
    """The index values at which every sum the step writes from one free letter to another
    (``Σ_{s=k}^{t}``) runs over some term: the text writes such a sum for k ≤ t (at k > t
    it is empty, and a closed form of it need not be 0). All of them if none is left."""
    limits = [(op.sub[0].b, op.sup) for term in terms if term is not None
              for op in t.walk(term)
              if isinstance(op, t.BigOp) and op.sup is not None and op.sub and
              len(op.sub) == 1 and isinstance(op.sub[0], t.Relation) and op.sub[0].op == "="
              and mentioned_names(op.sub[0].b) and mentioned_names(op.sup)]
    if not limits or not combos:
        return combos
    kept = [c for c in combos
            if all(lo is None or hi is None or lo <= hi
                   for lo, hi in ((_whole(a, c), _whole(b, c)) for a, b in limits))]
    return kept or combos


def _pairs(relation: Any, product: Any, term: Any) -> bool:
    """``tr(LLᵀ) = Σ_{i≥j} L_{ij}²``: a sum under an order of two letters, the second written
    nowhere outside the sum and what it sums, runs over the pairs (every j, and i ≥ j)."""
    if not (relation.op in ("<", "<=", ">", ">=") and isinstance(relation.b, t.Sym) and
            len(relation.b.name) == 1 and relation.b.name.isalpha()):
        return False
    def count(node: Any) -> int:
        return sum(1 for n in t.walk(node) if n == relation.b)
    return count(term) == count(product)


def free_indices(term: Any, is_index) -> list[str]:
    """The indices used free in ``term``: not bound by a sum, product or max around them."""
    found: list[str] = []

    def bound_by(sub: tuple) -> set[str]:
        names = set()
        for s in sub:
            target = s.a if isinstance(s, t.Relation) else s
            for item in index_list((target,)):
                if isinstance(item, t.Sym):
                    names.add(item.name)
        return names

    def visit(node: Any, bound: frozenset[str]) -> None:
        if isinstance(node, t.Product):
            inner = bound
            for item in node.items:
                if isinstance(item, t.BigOp) and item.sub:
                    for s in item.sub:
                        if isinstance(s, t.Relation):
                            if _pairs(s, node, term):
                                inner = inner | {s.b.name}    # Σ_{i≥j} over pairs
                            else:
                                visit(s.b, inner)
                    if item.sup is not None:
                        visit(item.sup, inner)
                    inner = inner | bound_by(item.sub)
                    continue
                if isinstance(item, t.Script) and isinstance(item.base, t.Sym) and \
                        item.base.name in ("\\max", "\\min", "max", "min") and item.sub:
                    inner = inner | bound_by(item.sub)
                    continue
                visit(item, inner)
            return
        if isinstance(node, (t.Sym, t.Script)):
            name = t.canon(node)
            if name not in bound and is_index(name) and name not in found:
                found.append(name)
        if isinstance(node, t.Sym):
            return
        for child in t.children(node):
            visit(child, bound)

    visit(term, frozenset())
    return found


def _out_of_time(tried: list) -> "Verdict":
    """A step none of whose readings held, with readings left to try when its time ran out."""
    said = (f"not every reading could be tried in the step's {STEP_BUDGET:g} s (none of the "
            f"{len(tried)} tried holds)")
    return Verdict("unreadable", said, question=said, explain=_explain(tried))


class Checker:
    """One document's check: its scope, its inputs' shapes, the points, the deadline."""

    def __init__(self, scope: Scope, shapes: Shapes, points: int, seed: int, deadline: float,
                 line_of, column_of=None):
        self.scope = scope
        self.shapes = shapes
        self.points = points
        self.seed = seed
        self.deadline = deadline
        self.line_of = line_of
        self.column_of = column_of
        self.symbols = shapes.symbols(scope)
        # a name the text puts in a set (x ∈ ℝ^d) has the domain it states: no reading
        # narrows it to probability or one-hot entries
        self.declared = set(scope.declared) | set(scope.shaped) - scope.open_domain
        for name, (row, params, _) in scope.laws.items():
            # u ∼ Uniform(0, 1): drawn where the law puts its values
            kind = self.symbols.get(name)
            if kind is not None and kind.name in ("scalar", "vector", "matrix") and \
                    name not in scope.declared:
                support = _law_support(row.name, params, kind.shape)
                if support is not None:
                    self.symbols[name] = support
                    self.declared.add(name)
        self.entries = _stated_entries(scope)
        # names the text gives a rounded value in a worked example (a = σ(1.1) = 0.750)
        self.rounded: dict[str, float] = {}
        self.sizes = {name: kind.shape for name, kind in self.symbols.items() if kind.shape}
        self.ranges: dict[str, int] = {}
        self._loss_step = False
        self._loss: Any = None
        self._note = ANY_LOSS
        self.one_sided_loss = ""       # the loss of a step said against a number (Σ ∂L/∂x = 0)
        # families an earlier member was stated of and held (m̂_1 = 0.2/(1 − 0.9) of m̂_t):
        # the text follows them, so a later member is a claim, not maybe a new definition
        self.followed: set[tuple[str, int]] = set()
        # (name, paragraph) → the line whose restatement of the name was not read (a new
        # definition, or a claim?): the steps after it in that paragraph may mean either
        self.unsettled: dict[tuple[str, int], int] = {}
        # (t, h) of each sequence h_t = f(h_{t−1}, …) the text gives no numbered member of
        self.sequences = {(d.index[0], name) for name, ds in scope.definitions.items()
                          for d in ds if d.recurrence and len(d.index) == 1 and not any(
                              member_number(k, name) is not None for k in scope.definitions)}
        # names a step gave a value through an expression of them, at particular values the
        # text does not state (‖g‖₂ = 13 with g never given): name → (line, expression)
        self.particular: dict[str, tuple[int, str]] = {}
        self._variables_seen: set[str] | None = None
        self.bindings = Bindings(self)
        self._infer_ranges()
        self._gradient_shapes()
        # the letters the text calls one-hot ("ein One-Hot-Vektor $y$", "$Y$ = one-hot labels"):
        # one-hot also where a step reaches them only through a definition
        self._one_hot_named = set(re.findall(
            r"(?i)(?:one[- ]?hot|1-hot)[\w-]*(?:\s+\w+){0,2}\s*\$\s*(?:\\(?:mathbf|boldsymbol|bm)"
            r"\{)?([A-Za-z])(?![A-Za-z])", scope.text)) | set(re.findall(
                r"(?i)\$\s*(?:\\(?:mathbf|boldsymbol|bm)\{)?([A-Za-z])\}?\s*\$\s*=?\s*(?:\w+\s+){0,2}"
                r"(?:one[- ]?hot|1-hot)", scope.text))

    def _gradient_shapes(self) -> None:
        """G = ∂L/∂Y named by the text: G is drawn with the shape Y evaluates to, and is as
        firm as the shapes of Y's inputs."""
        for name, var in self.scope.gradients.items():
            item = next((i for i in self.scope.items if i.note == NAMES_GRADIENT and
                         name in mentioned_names(i.sides[0].term or t.Num(0.0)) |
                         mentioned_names(i.sides[-1].term or t.Num(0.0))), None)
            member = "_{" in name and "_{" in var      # δ^h_t = ∂L/∂h_t: h_t's shape
            if name in self.scope.declared or name not in self.symbols and not member or \
                    item is None:
                continue
            shape = self.shape_of(t.Sym(var), item)
            if shape is None:
                continue
            self.symbols[name] = Kind("scalar") if not shape else Kind("vector", shape) \
                if len(shape) == 2 and shape[1] == 1 else Kind("matrix", shape)
            if shape:
                self.sizes[name] = shape
            if all(n in self.scope.declared or n in self.shapes.firm
                   for n in self._inputs_of(t.Sym(var), item)):
                self.shapes.firm.add(name)

    # ---- index ranges ----------------------------------------------------------------------
    def evaluator(self, reading: Reading, item: Item | None = None, ranges=None, assumed=None,
                  symbols=None, seconds: float = STEP_SECONDS) -> Evaluator:
        line, paragraph = (item.line, item.paragraph) if item is not None else (1 << 30, -1)
        ev = Evaluator(self.scope, self.shapes, reading,
                       self.ranges if ranges is None else ranges, line, paragraph,
                       min(clock() + seconds, self.deadline), assumed, symbols)
        if item is not None:
            ev.named = _named_in_words(item.statement.sentence)
            ev.block = item.statement.block
            ev.local = "local" in item.statement.cues.sentence
        return ev

    def _infer_ranges(self) -> None:
        """An undeclared index takes its range from what it indexes (``x_i``: 1..len x)."""
        for ds in self.scope.definitions.values():
            for d in ds:
                if d.params or d.index or d.recurrence or d.name in self.sizes:
                    continue
                ev = self.evaluator(Reading(), seconds=0.3)
                ev._where = [(d.line, d.paragraph)]
                try:
                    with np.errstate(all="ignore"):
                        value = ev.eval(t.Sym(d.name), Frame({}, {}, self._point(0, Reading())))
                except (EvalError, ArithmeticError, ValueError, TypeError, IndexError,
                        RecursionError, KeyError):
                    continue
                if isinstance(value, Tensor) and value.ndim == 2:
                    self.sizes[d.name] = value.shape
            for d in ds:
                if d.index and d.size and all(d.size):
                    shape = tuple(d.size)
                    self.sizes.setdefault(d.name, shape if len(shape) == 2 else shape + (1,))
        terms = [s.term for item in self.scope.items for s in item.sides if s.term is not None]
        for name, n in self.local_ranges(terms).items():
            self.ranges.setdefault(name, n)
        for ds in self.scope.definitions.values():     # a sequence's letter: its members' span
            for d in ds:
                if d.recurrence and d.index[0] not in self.ranges:
                    members = [number for n in self.scope.definitions
                               if (number := member_number(n, d.name)) is not None]
                    self.ranges[d.index[0]] = max(members, default=0) + 3

    def local_ranges(self, terms: list[Any]) -> dict[str, int]:
        ranges: dict[str, int] = {}
        for term in terms:
            if term is None:
                continue
            for node in t.walk(term):
                if isinstance(node, t.Script) and node.sub is not None:
                    self._range_of(node, ranges)
                if isinstance(node, t.Call) and isinstance(node.fn, t.Script) and \
                        node.fn.sub is not None:
                    for arg in node.args:      # σ_i(x), g_k(s): i ranges over x
                        shape = self.sizes.get(t.canon(arg))
                        if shape:
                            for i in index_list(node.fn.sub):
                                self._set_range(i, shape[0], ranges)
        return ranges

    def _range_of(self, node: t.Script, ranges: dict) -> None:
        if len(node.sub) == 1 and isinstance(node.sub[0], t.Sym) and node.sub[0].name in MARKS:
            return          # μ_*: a variant's name, not an entry's index
        base = node.base
        names = [t.canon(t.Script(base, None, node.sup)) if node.sup is not None else None,
                 t.canon(base)]
        shape = next((self.sizes[n] for n in names if n in self.sizes), None)
        if shape is None and isinstance(base, t.Call) and base.args:
            shape = self.sizes.get(t.canon(base.args[0]))   # softmax(o)_y: y ranges over o
        if shape is None and node.sup is None and len(node.sub) == 1:
            # h_k of a sequence h_t = w h_{t−1} + …: k runs over the steps t does
            span = next((self.ranges[letter] for letter, name in self.sequences
                         if name == t.canon(base) and letter in self.ranges), None)
            if span is not None:
                self._set_range(node.sub[0], span, ranges)
            return
        if shape is None:
            return
        items = index_list(node.sub) if len(shape) == 2 and min(shape) > 1 else list(node.sub)
        if isinstance(base, t.Sym) and base.name in self.shapes.columns and len(items) == 1:
            self._set_range(items[0], shape[1], ranges)    # w_j: j runs over w's columns
        elif len(shape) == 2 and 1 in shape and len(items) == 1:
            self._set_range(items[0], max(shape), ranges)
        elif len(items) == len(shape):
            for item, n in zip(items, shape):
                self._set_range(item, n, ranges)

    def _set_range(self, node: Any, n: int, ranges: dict) -> None:
        name = t.canon(node) if isinstance(node, (t.Sym, t.Script)) else None
        if name is None or isinstance(node, t.Sym) and len(node.name) > 2:
            return
        kind = self.scope.declared.get(name)
        if kind is not None and kind.name != "index" or name in self.scope.definitions or \
                name in self._variables:
            return
        ranges.setdefault(name, n)

    @functools.cached_property
    def _counting_letters(self) -> frozenset[str]:
        """Letters the text counts with anywhere (n of (h_1, …, h_n), N of Σ_{j=1}^{N}): a
        step that writes one bare (m_N, ℓ_N) may be read at the count, not at every index."""
        terms = [side.term for item in self.scope.items for side in item.sides
                 if side.term is not None]
        limits = {n for term in terms for node in t.walk(term)
                  if (n := list_count(node) or sum_count(node)) is not None}
        # a letter that also runs (m_{t−1}, a family's index: the time step t of m_t =
        # Σ_{i=1}^{t} …) is an index wherever it is free, not a count
        running = {d.index[0] for ds in self.scope.definitions.values() for d in ds
                   if d.index} | {
            n.name for term in terms for node in t.walk(term)
            if isinstance(node, t.Script) and node.sub
            for s in node.sub if isinstance(s, (t.Add, t.Sub))
            for n in t.walk(s) if isinstance(n, t.Sym)}
        return frozenset(limits - running)

    @functools.cached_property
    def _label_values(self) -> dict[str, list[tuple[int, str, int]]]:
        """The whole numbers the text gives names with a letter subscript (y_w = 1, c_k = 3),
        by the letter: what that letter may stand for where it is a label, not an index."""
        out: dict[str, list[tuple[int, str, int]]] = {}
        for item in self.scope.items:
            if len(item.sides) != 2 or item.role != "condition":
                continue
            a, b = item.sides[0].term, item.sides[1].term
            if isinstance(a, t.Script) and isinstance(a.base, t.Sym) and a.sup is None and \
                    a.sub is not None and len(a.sub) == 1 and isinstance(a.sub[0], t.Sym) and \
                    isinstance(b, t.Num) and float(b.value).is_integer() and b.value >= 1:
                out.setdefault(a.sub[0].name, []).append((item.line, t.canon(a), int(b.value)))
        for name, ds in self.scope.definitions.items():     # (or defines them so)
            m = re.fullmatch(r".+_\{([A-Za-z])\}", name)
            for d in ds:
                if m and isinstance(d.expr, t.Num) and float(d.expr.value).is_integer() and \
                        d.expr.value >= 1 and not d.params and not d.index:
                    out.setdefault(m.group(1), []).append((d.line, name, int(d.expr.value)))
        return {k: sorted(v) for k, v in out.items()}

    @property
    def _variables(self) -> set[str]:
        """The names the text differentiates by (d/dx, ∂/∂x): variables, never indices, even
        where it writes one as a subscript (f_x for df/dx)."""
        if self._variables_seen is None:
            self._variables_seen = {t.canon(n.var) for item in self.scope.items
                                    for s in item.sides if s.term is not None
                                    for n in t.walk(s.term) if isinstance(n, t.Deriv)}
        return self._variables_seen

    def is_index(self, name: str, ranges: dict[str, int]) -> bool:
        kind = self.scope.declared.get(name)
        if kind is not None:
            return kind.name == "index"
        return name in ranges and name not in self.scope.definitions and \
            name not in self.shapes.kinds

    def _labels(self, terms: list[Any]) -> set[str]:
        """Names declared indices (a class label y: index 3) that a step reaches only through
        the definitions it uses (L = −log p_y, then ∂L/∂W): the step is said for each value."""
        mentioned = set().union(*(mentioned_names(term) for term in terms if term is not None))
        return {n for n in _reach(self.scope, mentioned) - mentioned
                if (kind := self.scope.declared.get(n)) is not None and kind.name == "index"
                and kind.size and n not in self.scope.definitions}

    def _combinations(self, indices: list[str], ranges: dict[str, int],
                      counts: set = frozenset()) -> list[dict[str, int]]:
        """Every value of the step's free indices (a sample of them when there are many);
        a letter that counts a list written out, n of (h_1, …, h_n), only at its range's end."""
        sizes = []
        for n in indices:
            kind = self.scope.declared.get(n)
            size = kind.size if kind is not None and kind.name == "index" else ranges.get(n)
            if size is None:
                raise EvalError(f"the range of the index {n} is unknown",
                                f"over which values does {n} run? declare it ({n}: index N)")
            sizes.append(size)
        if math.prod(sizes) <= MAX_COMBINATIONS:
            return [dict(zip(indices, c)) for c in itertools.product(
                *(range(n if i in counts else 1, n + 1) for i, n in zip(indices, sizes)))]
        rng = np.random.default_rng(self.seed)
        return [{n: int(rng.integers(1, size + 1)) for n, size in zip(indices, sizes)}
                for _ in range(MAX_COMBINATIONS)]

    def _point(self, p: int, reading: Reading, symbols=None) -> Point:
        # a name a reading adds (the generic gradient G of any loss) is any value of its shape
        added = symbols.keys() - self.symbols.keys() if symbols else set()
        return Point(self.seed, p, symbols or self.symbols, reading, self.declared | added,
                     self.entries, self.scope.one_hot)

    # ---- one trial: one reading, every point and index value -------------------------------
    def trial(self, left: Any, right: Any, item: Item, reading: Reading, chain: tuple = (),
              assumed: tuple[dict, dict] | None = None,
              guessed: frozenset[str] = frozenset(), probe: bool = False) -> _Outcome:
        """The step under one reading at every point and index value. A name the text
        neither declares nor defines, met where a value belongs, is drawn as a number
        (``guessed``): the step may hold so, and a failure never rests on it. A ``probe``
        stops after the first point where the sides differ: the reading does not hold, and
        the whole trial is run (``again``) only if no other reading holds either."""
        conds = list(item.conditions)
        if item.earlier and (_constant_side(left) or _constant_side(right)):
            conds += item.earlier      # a step of numbers, at the values given above it
        elif item.earlier and reading.pick("earlier", (
                "the names at any values", "the names at the values given above")):
            conds += item.earlier      # (a step of names may be said of the example too)
        if item.statement.condition is not None and item.statement.condition.term is not None:
            conds.append(item.statement.condition.term)
        conds = _members_at(_one_case(conds, reading))
        fixed: dict[str, Any] = {}
        restrict = []
        symbols = {**self.symbols, **assumed[1]} if assumed else self.symbols
        resized: dict[str, float] = {}    # sizes the checker chose, stated otherwise here
        view = self.scope.at(item)
        for c in conds:
            counts = view.get(name_of(c.a) or "") if isinstance(c, t.Relation) and \
                c.op == "=" and not mentioned_names(c.b) else None
            if counts is not None and counted(counts) and reading.pick(
                    f"given:{t.canon(c.a)}", (
                        f"{t.canon(c.a)} = {t.canon(c.b)}, as the text sets it for these steps",
                        f"{t.canon(c.a)} as line {counts.line} gives it")):
                continue        # P counted, then "the same with P = 7 × 10⁹": either value
            whole = c.a.base.name if isinstance(c, t.Relation) and c.op == "=" and \
                isinstance(c.a, t.Script) and isinstance(c.a.base, t.Sym) and \
                c.a.sup is None and c.a.sub and isinstance(c.b, (t.Num, t.Neg)) and all(
                    isinstance(i, t.Sym) and self.is_index(i.name, self.ranges)
                    for i in index_list(c.a.sub)) and \
                getattr(symbols.get(c.a.base.name), "shape", ()) and \
                c.a.base.name not in self.scope.definitions else None
            if whole is not None and reading.pick(f"every:{whole}", (
                    f"{t.canon(c.a)} = {t.canon(c.b)} for every index",
                    f"{t.canon(c.a)} = {t.canon(c.b)} of one entry")) == 0:
                # "b_ij = 0 at the start": every entry of b is 0 (of an input; a name the
                # text defines, y_n = σ(w x_n), is given at its point by its definition)
                fixed[whole] = ("every", c.b)
                continue
            size = self._stated_size(c, symbols)
            if size is not None:
                # "worked example with N = 2, D = 2" where the checker made D 4 to keep the
                # sizes apart: the step is read at D = 2, and fails only on what the text
                # gives at that size (_at_stated_sizes)
                fixed[c.a.name] = c.b
                resized[c.a.name] = size
                continue
            if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, (t.Sym, t.Script)) \
                    and t.canon(c.a) not in mentioned_names(c.b) \
                    and (t.canon(c.a) in symbols and symbols[t.canon(c.a)].name not in (
                        "index", "constant") or isinstance(c.a, t.Script) and (
                         isinstance(c.b, (t.Paren, t.Matrix)) or isinstance(c.b, t.Script) and
                         isinstance(c.b.base, (t.Paren, t.Matrix)))):   # (or (1, 2)^T)
                # at x = 0: x is 0 in these steps; W_1 = [[…]], b_1 = (0, 0): names of their
                # own (a component is a number)
                fixed[t.canon(c.a)] = c.b
                continue
            power = c.a.sup if isinstance(c, t.Relation) and c.op == "=" and \
                isinstance(c.a, t.Script) and c.a.sub is None and \
                isinstance(c.a.base, t.Sym) else None
            if isinstance(power, t.Num) and power.value in (2, 3, 4) and \
                    c.a.base.name in self.symbols and \
                    self.symbols[c.a.base.name].name not in ("index", "constant"):
                # σ² = 3.99 given: σ is a root of 3.99, either one where the power is even
                root = t.Apply("sqrt", c.b, None if power.value == 2 else power)
                even = power.value % 2 == 0 and reading.pick(
                    f"root:{c.a.base.name}", (f"{c.a.base.name} the positive root",
                                              f"{c.a.base.name} the negative root"))
                fixed[c.a.base.name] = t.Neg(root) if even else root
                continue
            named = name_of(c.a) if isinstance(c, t.Relation) and (
                isinstance(c.a, t.Sym) or isinstance(c.a, t.Script) and c.a.sup is None and
                c.a.sub is not None and not _number_index(c.a.sub)) else None
            if named is not None and c.op == "=" and _literal(c.b) and \
                    named not in view and named not in self.symbols and \
                    not _family_only(self.scope.definitions.get(base_name(named), ())):
                # "for the case of $d = 3$", "$n_{in} = 256$": d is 3; "at w = (0.5; 0.5)"
                # with w updated only later: w is (0.5; 0.5) here
                fixed[named] = c.b
                restrict.append(c)              # and n = 4 with n an index: only n = 4
                continue
            if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, t.Script) and \
                    isinstance(c.a.base, t.Sym) and c.a.sup is None and c.a.sub and all(
                    isinstance(i, t.Num) and float(i.value).is_integer() and i.value >= 1
                    for i in index_list(c.a.sub)) and self.symbols.get(
                    c.a.base.name, Kind("index")).shape:
                fixed[t.canon(c.a)] = (c.a.base.name, tuple(int(i.value) - 1 for i in
                                                            index_list(c.a.sub)), c.b)
                continue
            if named is not None and c.op == "=" and isinstance(c.b, (t.Sym, t.Script)) and \
                    named not in self.scope.definitions and named != t.canon(c.b) and not any(
                    self.is_index(n, self.ranges) for n in {named} | mentioned_names(c.b)):
                inside = mentioned_names(c.b) - (
                    {t.canon(c.b.base)} if isinstance(c.b, t.Script) else set())
                # (A = Aᵀ, A = A²: a property of A, no other name to read it as)
                label, rest = split_label(c.b.sup, self.scope.layers) \
                    if isinstance(c.b, t.Script) and c.b.sup is not None else (None, None)
                labelled = rest is None and (label is not None or not isinstance(c.b, t.Script)
                                             or c.b.sup is None)
                if named not in inside and labelled:   # "at t = τ", "with a = a^{[2]}"
                    fixed[named] = c.b
                    continue
            restrict.append(c)
        # a condition restricts only the values the step depends on ("label $y_1 = 1$" says
        # nothing of −0.5 · ln 0.659 = 0.5 · 0.417)
        reach = _reach(self.scope, mentioned_names(left) | mentioned_names(right) |
                       {base_name(n) for n in mentioned_names(left) | mentioned_names(right)})
        restrict = [c for c in restrict if {base_name(n) for n in mentioned_names(c)} & reach
                    and not self._says_what_a_name_is(c, item, reach, fixed)]
        for n, line in self._declared_later(item, left, right):
            # x ∈ ℝ^n declared under a later heading: this section's x may be a number
            if not reading.pick(f"declared:{n}", (f"{n} a number, as this section uses it",
                                                  f"{n} as line {line} declares it")):
                symbols = {**symbols, n: Kind("scalar")}
        if guessed:
            symbols = {**symbols, **{n: Kind("scalar") for n in guessed}}
        terms = [left, right] + restrict
        released = self._released(item, left, right) if reading.chosen.get("overflow") and \
            reading.pick("overflow", _OVERFLOW) else {}
        # one step of a recurrence at a generic t: read at t = 1, h_{t−1} = h_0 its input
        ranges = {**self.ranges, **self.local_ranges(terms),
                  **{letter: 1 for letter, _ in _previous_members(terms, self.sequences)}}
        ev = self.evaluator(reading, item, ranges, assumed[0] if assumed else None, symbols)
        ev.implicit = _applied_argument(terms + list(chain)) or next(
            (_argument(n.var) for term in terms + list(chain) for n in t.walk(term)
             if isinstance(n, t.Deriv) and _argument(n.var) is not None), None)
        if ev.implicit is None and _bare_functions([left]) and _bare_functions([right]):
            ev.implicit = t.Sym("⋄x")           # σ' = σ(1 − σ): functions, at a drawn number
        indices = sorted({n for term in terms
                          for n in free_indices(term, lambda n: self.is_index(n, ranges))} |
                         self._labels(terms))
        out = _Outcome("holds")
        for n in indices:
            if n not in ranges and self.scope.declared.get(n) is None:
                found = ev.range_from(n, terms, Frame({}, {}, self._point(0, reading, symbols)))
                if found is not None:
                    ranges[n] = found
        counts = {list_count(n) for term in terms if term is not None
                  for n in t.walk(term)} - {None}
        for n in sorted(self._counting_letters & set(indices) - counts):
            # N of Σ_{j=1}^{N} elsewhere, m_N here: any index, or the count it bounds
            if reading.pick(f"count:{n}", (f"{n} any index", f"{n} the count it bounds "
                                                            f"elsewhere")):
                counts.add(n)
        for c in list(restrict):    # "n = 2" of an index: the step is read where n is 2
            if isinstance(c.a, t.Sym) and c.a.name in indices and isinstance(c.b, t.Num):
                if float(c.b.value).is_integer() and 1 <= c.b.value <= MAX_COMBINATIONS:
                    ranges[c.a.name] = max(ranges.get(c.a.name, 1), int(c.b.value))
                elif not float(c.b.value).is_integer():
                    # "if f = 0.95" said of a gate, f an index here: another f
                    restrict.remove(c)
                    fixed.pop(c.a.name, None)
        try:
            combos = self._combinations(indices, ranges, counts)
        except EvalError as e:
            return _Outcome("error", message=str(e), question=e.question)
        combos = _written_sums_run(combos, terms)
        for n in indices:
            # y_w = 1 given, then z_w − z_l: w the label of y_w (z at y_w), or any index
            given = [(name, v) for line, name, v in self._label_values.get(n, ())
                     if line <= item.line and v <= ranges.get(n, 0)]
            if given:
                name, v = given[-1]
                options = (f"{n} any index", f"{n} the value of {name} ({v})")
                if reading.pick(f"label:{n}", options):
                    combos = [dict(c) for c in {tuple(sorted({**c, n: v}.items())): None
                                                for c in combos}]
        hot: dict[str, str] = {}         # t one-hot at c: "with t one-hot at class c"
        if indices and self.scope.one_hot:
            # (and a label the step reaches through a definition: y of L = −Σ_j y_j log p_j)
            mentioned = set().union(*(mentioned_names(term) for term in terms if term is not None))
            for v in sorted(mentioned | reach & self._one_hot_named):
                kind = symbols.get(v)
                # (not a name the text defines, p_i = e^{z_i}/Σ_j e^{z_j}: its entries are so)
                # (a matrix of labels, Y: each row one-hot, at the label the step is read at)
                rows = kind is not None and kind.name == "matrix"
                if kind is not None and kind.name in ("vector", "probs", "matrix") and \
                        v not in self.scope.definitions:
                    at = [c for c in indices if ranges.get(c, getattr(
                        self.scope.declared.get(c), "size", None)) == symbols[v].shape[rows]]
                    k = reading.pick(f"hot:{v}", ("",) + tuple(
                        f"{v}{'’s rows' if rows else ''} one-hot at {c}" for c in at))
                    if k:
                        hot[v] = at[k - 1]
        # ε of a text that says ε² = 0, or speaks of dual numbers: a number, or (a reading)
        # the dual unit, the step then compared in its value and its ε part
        duals = sorted(self.scope.dual & reach)
        if duals and not reading.pick("dual", (
                ", ".join(duals) + " a number", ", ".join(duals) + " a dual unit (² = 0)")):
            duals = []
        records: list = []
        errors: list[EvalError] = []
        skipped = 0
        used: set[str] = set()
        cut: list[bool] = []
        apart: tuple | None = None    # the indices free on one side only, read when needed
        with np.errstate(all="ignore"):
            for p in range(REDRAWS * self.points):
                if len({r[0] for r in records}) >= self.points:
                    break
                point = self._point(p, reading, symbols)
                frame = Frame({}, {}, point)
                for n, shape in released.items():     # the text's numbers overflow: any
                    frame.values[n] = Tensor(np.random.default_rng(    # value instead
                        [self.seed, p, len(n)]).uniform(-2.0, 2.0, shape))
                if ev.implicit is not None and name_of(ev.implicit) == "⋄x":
                    frame.values["⋄x"] = Tensor(np.float64(
                        np.random.default_rng([self.seed, p, 7]).uniform(-2.0, 2.0)))
                try:
                    self._fix(fixed, frame, ev, reach)
                except (EvalError, ArithmeticError, ValueError, TypeError, IndexError) as e:
                    return _Outcome("error", message=f"the value it is read at: {e}",
                                    question=getattr(e, "question", ""))
                for combo in combos:
                    f = frame.over(combo)
                    for v, c in hot.items():
                        unit = np.zeros(symbols[v].shape)
                        if symbols[v].name == "matrix":
                            unit[:, combo[c] - 1] = 1.0
                        else:
                            unit.flat[combo[c] - 1] = 1.0
                        f = f.with_values({v: Tensor(unit)})
                    ev.visits = 0
                    which = "condition"
                    try:
                        if restrict and not all(bool(np.all(as_tensor(ev.eval(c, f)).data))
                                                for c in restrict):
                            continue
                        which = "left"
                        a = _jet(ev, left, f, duals)
                        which = "right"
                        b = _jet(ev, right, f, duals)
                        which = ""
                        x, y, note = settle(a, b)
                    except NotDifferentiable:
                        skipped += 1
                        continue
                    except TooLong as e:
                        if len(records) < MIN_EVALUATIONS:
                            return _Outcome("error", message=str(e), question=str(e))
                        break
                    except ShapeMismatch as e:
                        if which == "condition":     # a condition's shapes: not the step's
                            errors.append(e)
                            continue
                        used |= point.used
                        said = f"the {which} side's shapes do not fit: {e}" if which else str(e)
                        return self._at_stated_sizes(_Outcome(
                            "fails", message=said, shape=True, used=used, notes=set(ev.notes),
                            doubts=list(ev.doubts), entered=list(ev.entered.values()),
                            notation=set(ev.notation)), resized, symbols)
                    except Unknown as e:
                        # x^{2} with x never stated: the power of x, x the name to draw
                        name = _POWER.sub("", e.name)
                        if e.what == "name" and len(guessed) < 3 and _GUESSABLE.fullmatch(
                                name) and name not in guessed:
                            return self.trial(left, right, item, reading, chain, assumed,
                                              guessed | {name}, probe)
                        return _Outcome("error", message=str(e), question=e.question,
                                        unknown=True, used=used | point.used)
                    except EvalError as e:
                        errors.append(e)
                        continue
                    except (ArithmeticError, ValueError, TypeError, IndexError, KeyError,
                            RecursionError, MemoryError) as e:
                        errors.append(EvalError(_in_words(e)))
                        continue
                    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
                        skipped += 1
                        continue
                    whole = None              # the sides before an entry of a list was read
                    if x.shape != y.shape:
                        whole = x, y
                        if apart is None:       # p h_i = (1.6, −0.8, 0.4): i on one side only
                            free = [set(free_indices(term, lambda n: self.is_index(n, ranges)))
                                    if term is not None else set() for term in (left, right)]
                            apart = (free[0] - free[1], free[1] - free[0])
                        x, y = _entry_listed(x, y, combo, apart, ranges, ev.notes)
                        over = _listed_over(x, y, apart)
                        if over is not None:
                            return _Outcome("error", message=f"a list against a value at {over}",
                                            question=f"over which values of {over} does the "
                                                     f"list run? give its range ({over} = 1, "
                                                     f"…, n)")
                    if x.shape != y.shape:
                        return self._at_stated_sizes(_differ(
                            x, y, (p, combo, x, y, False, f), used | point.used, ev), resized,
                            symbols)
                    if note:
                        ev.notes.add(note)
                    agrees = agree(x, y) or ev.approximate and bool(np.allclose(
                        x, y, rtol=1e-4, atol=1e-6))
                    if not agrees and x.size:
                        gap = float(np.max(np.abs(x - y)))
                        before = _restated(ev, left, chain, x, f)
                        # after a name (S = 2.533/1.3 = 1.949), the side's own decimals:
                        # the name's value may rest on the same rounded numbers
                        slack = _slack(ev, left if before is None or name_of(before) else
                                       before, f) + _slack(ev, right, f)
                        unit = max(_shown_unit(left), _shown_unit(right))
                        if np.any(slack) and bool(np.all(np.abs(x - y) <= slack * (1 + 1e-6))):
                            agrees = True
                            ev.notes.add("to the digits shown")
                        elif unit and gap <= 0.5 * unit * (1 + 1e-9):
                            agrees = True
                            ev.notes.add("to the digits shown")
                        elif unit:
                            written, value = (x, y) if _shown_unit(left) else (y, x)
                            # cut: |value| − |written| within [0, unit), never a whole unit
                            cut.append(gap < unit * (1 - 1e-9) and
                                       bool(np.all(np.abs(written) <= np.abs(value))))
                        if not agrees and self.rounded:
                            agrees = self._with_rounded(ev, left, right, f)
                    if whole is not None and not agrees:
                        # the list read entry by entry is a reading that may make the step
                        # hold; where it does not, the shapes still differ
                        x, y = whole
                        return self._at_stated_sizes(_differ(
                            x, y, (p, combo, x, y, False, f), used | point.used, ev), resized,
                            symbols)
                    records.append((p, combo, x, y, agrees, f))
                used |= point.used
                if probe and not all(r[4] for r in records):
                    out.again = lambda: self.trial(left, right, item, reading, chain, assumed,
                                                   guessed)
                    break
        out.records, out.used, out.notes, out.doubts = records, used, set(ev.notes), ev.doubts
        out.entered, out.notation = list(ev.entered.values()), set(ev.notation)
        out.guessed = set(guessed) | set(released)
        if guessed:
            out.notes.add(", ".join(sorted(guessed)) + " as a number (the text does not say "
                                                      "what it is)")
        if not records:
            if errors:
                e = errors[0]
                return _Outcome("error", message=str(e), question=e.question, used=used)
            if skipped and not released and self._released(item, left, right):
                # log Σ e^{x_i} at x = (1000, 1001, 1002): an identity for every x, checked
                # at drawn values where the text's overflow; a failure never rests on them
                reading.pick("overflow", _OVERFLOW)
            return _Outcome("error", message="no point where both sides are finite" if skipped
                            else "the condition holds for no index values",
                            question="at which values is this step meant?", used=used)
        bad = [r for r in records if not r[4]]
        if not bad:
            return out
        out.status = "fails"
        out.partial = len({r[0] for r in bad}) < len({r[0] for r in records})
        out.cut = bool(cut) and all(cut)
        return self._at_stated_sizes(out, resized, symbols)

    def _says_what_a_name_is(self, c: Any, item: Item, reach: frozenset[str],
                             fixed: dict[str, Any]) -> bool:
        """``k = c`` with c nowhere in the step and given no value where it stands (no
        definition in force, no value set): the condition says what c is, and restricts k to
        nothing (the step at k = c for every c is the step at every k)."""
        if not (isinstance(c, t.Relation) and c.op == "="):
            return False
        sides = [name_of(s) if isinstance(s, t.Sym) or isinstance(s, t.Script) and
                 s.sup is None else None for s in (c.a, c.b)]    # (not A = A^T)
        return None not in sides and any(
            n not in reach and n not in self.scope.at(item) and n not in fixed for n in sides)

    def _stated_size(self, c: Any, symbols: dict[str, Kind]) -> float | None:
        """The size a condition states (``D = 2``) of a sum's bound the checker sized
        otherwise, with nothing in the text fixing the checker's size: the checker's size."""
        if not (isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, t.Sym) and
                isinstance(c.b, t.Num) and float(c.b.value).is_integer() and c.b.value >= 1):
            return None
        kind = symbols.get(c.a.name)
        if kind is None or kind.name != "constant" or kind.value is None or \
                kind.value == c.b.value or c.a.name in self.scope.declared or \
                c.a.name in self.scope.definitions:
            return None
        return kind.value

    def _at_stated_sizes(self, o: _Outcome, resized: dict[str, float],
                         symbols: dict[str, Kind]) -> _Outcome:
        """A failure at a size the text states for this step (D = 2, the checker's D 4)
        rests on the text only if no array it drew, sized by the checker, enters it."""
        if not resized or o.status != "fails":
            return o
        drawn = sorted(n for n in o.used if symbols.get(n) is not None and symbols[n].shape)
        if not drawn and not o.shape:
            return o
        names = ", ".join(f"{n} = {v:g}" for n, v in sorted(resized.items()))
        return _Outcome("error", message=f"the step is at another size ({names} elsewhere) "
                        f"than {', '.join(drawn) or 'its arrays'} drawn for it",
                        question=f"what are {', '.join(drawn) or 'its arrays'} at this size? "
                        "give them", used=o.used)

    def _released(self, item: Item, left: Any, right: Any) -> dict[str, tuple]:
        """The names the step reaches that the text gives as numbers, with their shapes."""
        view = self.scope.at(item)
        out: dict[str, tuple] = {}
        ev = self.evaluator(Reading(), item)
        for n in sorted(_reach(self.scope, mentioned_names(left) | mentioned_names(right))):
            d = view.get(n)
            if d is None or d.params or d.index or not _literal(d.expr):
                continue
            try:
                out[n] = as_tensor(ev.eval(d.expr, Frame({}, {}))).shape
            except (EvalError, ArithmeticError, ValueError, TypeError, IndexError):
                continue
        return out

    def _declared_later(self, item: Item, left: Any, right: Any) -> list[tuple[str, int]]:
        """The names ``left = right`` reaches that a later section declares with a shape, and
        the line: a declaration is the text's from its own section on."""
        later = self.scope.declared_later(item)
        if not later:
            return []
        reach = _reach(self.scope, mentioned_names(left) | mentioned_names(right))
        return [(n, line) for n, line in later.items() if n in reach]

    def _inputs_of(self, term: Any, item: Item) -> set[str]:
        """The drawn inputs a term depends on, through the definitions in force."""
        view = self.scope.at(item)
        found: set[str] = set()
        seen: set[str] = set()
        todo = [term]
        def known(n: str) -> bool:
            return n in view or n in self.symbols

        while todo:
            for n in value_names(todo.pop(), known, self.scope.layers):
                if n in seen:
                    continue
                seen.add(n)
                d = view.get(n)
                if d is not None:
                    todo.append(d.expr)
                elif n in self.symbols and self.symbols[n].name not in ("constant", "index") \
                        and not self.symbols[n].is_function:
                    found.add(n)
        return found

    def _one_sided(self, item: Item, left: Side, right: Side) -> list[str]:
        """Names on one side only that nothing the text wrote gives a meaning: neither declared
        nor defined nor used by a definition (−log p_c = log Σ e^{x_j} − x_c, p the
        "prediction" of the prose); a step between such names is a definition in disguise."""
        a, b = self._inputs_of(left.term, item), self._inputs_of(right.term, item)
        leaves = {n for ds in self.scope.definitions.values() for d in ds
                  for n in mentioned_names(d.expr)} | {
            n for name, (_, params, _) in self.scope.laws.items()  # w ∼ 𝒰(−a, a): w and a
            for n in mentioned_names(t.Paren(params)) | {name}}
        # x in 𝔼_p[(x − μ)²], p a law the text names: integrated, not an input of the side
        leaves |= {n for sd in (left, right) if sd.term is not None for c in t.walk(sd.term)
                   if isinstance(c, t.Call) and isinstance(c.fn, t.Script) and c.fn.sub and
                   name_of(c.fn.sub[0]) in self.scope.named_laws
                   for n in mentioned_names(t.Paren(c.args))}
        lone = sorted(n for n in a ^ b if n in self.shapes.kinds and n not in leaves and
                      n not in self.scope.declared and n not in self.scope.definitions)
        return lone if lone and (a - b) and (b - a) else []

    def _two_shapes(self, item: Item, names: set[str], records: list) -> bool:
        """Whether a name the text defines is also drawn as an input with another shape (Y =
        XW + B a vector by the sizes guessed, ∂L/∂Y_{nj} a matrix by its indices)."""
        if not records:
            return False
        frame = records[0][5]
        ev = self.evaluator(Reading(), item)
        for n in names:
            kind = self.shapes.kinds.get(n)
            d = self.scope.defined_before(n, item.line)
            if kind is None or not kind.shape or d is None or d.params or d.index:
                continue
            try:
                value = as_tensor(ev.eval(d.expr, Frame({}, dict(frame.indices), frame.point)))
            except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, KeyError):
                continue                # unevaluable: no second shape known
            if tuple(value.shape) != tuple(kind.shape):
                return True
        return False

    def evaluates(self, item: Item, term: Any) -> bool:
        """Whether a step restating a function of the text's is that function at values the
        text gives ("for $y = 2$, $f(y) = 5$"), a claim, not the function anew."""
        old = self.scope.defined_before(*item.restates) if item.restates is not None else None
        return old is not None and bool(old.params) and isinstance(term, t.Call) and \
            value_names(term) - {old.name} <= self._fixed(item)

    def _fixed(self, item: Item) -> set[str]:
        """The names the conditions of ``item`` give a value (at x = 0, with w_1 = −3)."""
        out = set()
        for c in item.conditions:
            if isinstance(c, t.Relation) and c.op == "=":
                name = name_of(c.a)
                if name is not None:
                    out.add(name)
                    out.add(name.split("_")[0])
        return out

    def shape_of(self, term: Any, item: Item) -> tuple | None:
        """The shape ``term`` has where ``item`` is, at the first point, as usually read."""
        ev = self.evaluator(Reading(), item)
        try:
            with np.errstate(all="ignore"):
                return as_tensor(ev.eval(term, Frame({}, {}, self._point(0, Reading())))).shape
        except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
            return None

    def _counted_from_use(self, item: Item, left: Side, right: Side, view: dict,
                          reach: set[str]) -> str:
        """``Σ_j P_{ij} …`` with no limits, j counted from a size of P guessed from its use,
        though P is defined (its size is its definition's, which the guess need not be): a
        failure may rest on that count."""
        terms = [left.term, right.term] + [view[n].expr for n in reach if n in view]
        letters = {i for term in terms if term is not None for n in t.walk(term)
                   if isinstance(n, t.BigOp) and n.sup is None and n.sub
                   and not any(isinstance(x, t.Relation) for x in n.sub)
                   for i in mentioned_names(t.Paren(tuple(n.sub)))}
        counted: dict[str, str] = {}          # a name guessed from use → a letter it counts
        for term in terms:
            for n in t.walk(term) if term is not None else ():
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub:
                    these = sorted(letters & mentioned_names(t.Paren(tuple(n.sub))))
                    name = n.base.name
                    if these and name in view and name in self.shapes.kinds and \
                            name not in self.shapes.firm and name not in self.scope.declared:
                        counted.setdefault(name, these[0])

        for name, letter in sorted(counted.items()):
            if self.shape_of(t.Sym(name), item) not in (None, self.shapes.kinds[name].shape):
                return (f"over which values does {letter} run? the sum has no limits, and they "
                        f"were counted from the size of {name} guessed from its use: write "
                        f"them (Σ_{{{letter}=1}}^{{…}})")
        # Σ_i d_i = 8 with d_i = 2, i's range read from a size the text does not state: a
        # step that holds at another count rests on the count, not on the text
        for letter in sorted(letters & set(self.ranges)):
            kind = self.scope.declared.get(letter)
            if kind is not None and kind.name == "index":
                continue
            was = self.ranges[letter]
            try:
                for count in range(1, 7):
                    self.ranges[letter] = count
                    if count != was and self.trial(left.term, right.term, item, Reading(), (),
                                                   probe=True).status == "holds":
                        return (f"over which values does {letter} run? the sum has no limits, "
                                f"and the step holds when {letter} runs to {count}: write them "
                                f"(Σ_{{{letter}=1}}^{{{count}}})")
            finally:
                self.ranges[letter] = was
        return ""

    def _terms_unsaid(self, item: Item, left: Side, right: Side, used: set[str], view: dict,
                      reach: set[str]) -> str:
        """``μ = (1/m) Σ_i x_i`` with the sum's bounds unwritten: its terms were counted from
        the size guessed for x, and m drawn apart from it. A failure that goes away with m
        that count rests on the guess, not on the text."""
        terms = [left.term, right.term] + [view[n].expr for n in reach if n in view]
        if not any(isinstance(n, t.BigOp) and n.op == "sum" and n.sup is None
                   for term in terms if term is not None for n in t.walk(term)):
            return ""
        counts = sorted({self.symbols[n].shape[0] for n in used
                         if n in self.symbols and self.symbols[n].shape})
        numbers = [n for n in sorted(used) if n in self.symbols and
                   self.symbols[n].name == "scalar" and n not in self.scope.declared]
        for n in numbers[:3]:
            for count in counts[:2]:
                at = dataclasses.replace(item, conditions=list(item.conditions) + [
                    t.Relation("=", t.Sym(n), t.Num(float(count)))])
                assumed = self._loss(Reading()) if self._loss is not None else None
                if self.trial(left.term, right.term, at, Reading(), (),
                              assumed).status == "holds":
                    return ask_about(n, f"is {n} the number of terms of the sums written "
                                     f"without bounds? the step holds when it is: write "
                                     f"the bounds (Σ_{{i=1}}^{{{n}}})")
        return ""

    def _differentiated_anew(self, item: Item, left: Side, right: Side, view: dict) -> str:
        """``∂ℓ/∂s`` where ℓ is defined anew in terms of σ, and an earlier ℓ is of s (two
        parametrisations of one loss): the derivative may be of the earlier one."""
        for term in (left.term, right.term):
            for n in t.walk(term) if term is not None else ():
                if not isinstance(n, t.Deriv) or not isinstance(n.f, (t.Sym, t.Script)):
                    continue
                name, var = t.canon(n.f), t.canon(n.var)
                here = view.get(name)
                ds = self.scope.definitions.get(name, ())
                if here is None or len(ds) < 2 or _touches(self.scope, here.expr, var):
                    continue
                for d in ds:
                    if d is not here and _touches(self.scope, d.expr, var):
                        return ask_about(name, f"which {name} is differentiated by {var}: the one "
                                         f"of line {here.line}, which does not depend on {var}, "
                                         f"or the one of line {d.line}? name them apart")
        return ""

    def _fix(self, fixed: dict[str, Any], frame: Frame, ev: Evaluator,
             reach: set[str]) -> None:
        """The values conditions give (at x = 0, the special case B = I, w_2 = 1)."""
        for n, v in fixed.items():
            if isinstance(v, tuple) and v[0] == "every":
                like = as_tensor(frame.values[n] if n in frame.values else
                                 frame.point.value(n)).data
                frame.values[n] = Tensor(np.full(np.shape(like), float(as_tensor(
                    ev.given(v[1], frame)).data)))
                continue
            if isinstance(v, tuple):
                base, at, term = v
                whole = np.array(as_tensor(frame.values[base] if base in frame.values else
                                           frame.point.value(base)).data, dtype=np.float64)
                position = (at[0], 0) if len(at) == 1 else at
                if len(at) == 1 and whole.ndim == 2 and whole.shape[0] == 1:
                    position = (0, at[0])
                whole[position] = float(as_tensor(ev.given(term, frame)).data)
                frame.values[base] = Tensor(whole)
                continue
            try:
                value = ev.given(v, frame)
            except (EvalError, ArithmeticError, ValueError, TypeError, IndexError):
                if n not in reach and n.split("_")[0] not in reach:
                    continue      # 𝒟 = {(x_n, y_n)}: a value the step does not reach
                raise
            kind = self.symbols.get(n, Kind("scalar"))
            if isinstance(value, (Identity, Ones)) and kind.shape:
                value = value.of(kind.shape[0])
            data = np.asarray(as_tensor(value).data, dtype=np.float64)
            if kind.shape and data.ndim == 0 and math.prod(kind.shape) == 1:
                data = np.full(kind.shape, float(data))     # a vector of one entry: that entry
            elif kind.shape and data.ndim == 0 and (n in self.shapes.firm or
                                                    n in self.scope.declared):
                # s = 1 with s a vector (s_l per layer): which entries is not said (a shape
                # only guessed from use yields to the number the text gives); or the text
                # uses the name anew (v ∈ ℝ^n a direction, then θ = (w, v) with v = 2)
                if n not in reach:
                    continue           # a step that does not reach v: its value is no matter
                if ev.reading.pick(f"number:{n}", (f"{n} as declared",
                                                   f"{n} the number the text gives it here")):
                    frame.values[n] = Tensor(data)
                    continue
                raise EvalError(f"{n} is a vector, given the one number {float(data):g}",
                                f"which entries of {n} are {float(data):g}? write them "
                                f"({n}_l = …) or give the vector")
            frame.values[n] = Tensor(data)

    def _with_rounded(self, ev: Evaluator, left: Any, right: Any, frame: Frame) -> bool:
        """Whether the step holds, to its digits, with names the text rounded (a = 0.750)
        at those values, as the writer computed with them."""
        used = mentioned_names(left) | mentioned_names(right)
        values = {n: Tensor(np.float64(v)) for n, v in self.rounded.items() if n in used}
        if not values:
            return False
        try:
            f = frame.with_values(values)
            a = np.asarray(as_tensor(ev.side(left, f)).data, dtype=np.float64)
            b = np.asarray(as_tensor(ev.side(right, f)).data, dtype=np.float64)
        except (EvalError, ArithmeticError, ValueError, TypeError, IndexError):
            return False
        if a.shape != b.shape or not a.size:
            return False
        slack = _slack(ev, left, f) + _slack(ev, right, f) + 0.5 * max(
            _shown_unit(left), _shown_unit(right))
        if agree(a, b) or bool(np.all(np.abs(a - b) <= slack * (1 + 1e-6) + 1e-12)):
            ev.notes.add("with the values the text rounds (" + ", ".join(
                f"{n} = {v:g}" for n, v in sorted(self.rounded.items()) if n in used) + ")")
            return True
        return False

    # ---- the rule ---------------------------------------------------------------------------
    def judge(self, left: Side, right: Side, item: Item, chain: tuple = ()) -> Verdict:
        """One step: holds under some reading, fails under every one (on what the text states),
        or unreadable with the question that decides it."""
        for side in (left, right):
            if side.error is not None:
                where = ""
                if side.error.position is not None:
                    offset = side.piece.offset + side.error.position
                    where = f" (line {self.line_of(offset)}" + (
                        f", column {self.column_of(offset)})" if self.column_of else ")")
                return Verdict("unreadable", f"cannot read “{side.text[:40]}”: "
                               f"{side.error.reason}{where}",
                               question=f"what is meant by “{side.text[:40]}”? "
                                        f"{side.error.reason}{where}")
        composed = _shape_algebra(left.text, right.text)
        if composed is not None:
            return composed
        if clock() > self.deadline:
            return Verdict("unreadable", "not checked: the file's time limit was reached",
                           question="not checked: the file's time limit was reached")
        if item.question:
            return Verdict("unreadable", item.question, question=item.question)
        number = self.scope.items.index(item) if item in self.scope.items else -1
        if number in self.shapes.ambiguous:
            why = self.shapes.ambiguous[number]
            return Verdict("unreadable", why, question=why)
        self.one_sided_loss = ""
        loss = _unspecified_loss(self, left.term, right.term, item)
        self._loss_step = loss is not None
        self._note = ANY_LOSS
        if loss is None:
            loss, self._note = _unspecified_dependence(self, left.term, right.term, item)
        self._loss = loss
        tried: list[tuple[Reading, _Outcome]] = []
        queue = [Reading(label=label) for label, _ in left.terms] + \
            [Reading(label=label) for label, _ in right.terms[1:]]
        # a free input's domain (x > 0, x in (0, 1)) is tried after what the text names (a
        # one-hot label, a row-wise softmax) and their pairs, and before a domain paired
        # (two domains at once last: w and x both one-hot is the furthest from the text)
        domains: list[Reading] = []
        mixed: list[Reading] = []
        both: list[Reading] = []
        seen: set[tuple] = set()
        end = min(self.deadline, clock() + STEP_BUDGET)
        while (queue or domains or mixed or both) and len(tried) < MAX_READINGS and \
                clock() < end:
            reading = (queue or domains or mixed or both).pop(0)
            key = (reading.label, tuple(sorted(reading.chosen.items())))
            if key in seen:
                continue
            seen.add(key)
            lt = dict(left.terms).get(reading.label, left.term)
            rt = dict(right.terms).get(reading.label, right.term)
            assumed = loss(reading) if loss is not None else None
            outcome = self.trial(lt, rt, item, reading, chain, assumed, probe=True)
            tried.append((reading, outcome))
            if outcome.status == "holds":
                return self._holds(reading, outcome, loss is not None, tried)
            if outcome.status == "error" and not reading.chosen and not outcome.unknown and \
                    "overflow" not in reading.points and \
                    not any(k.startswith(("number:", "notation:", "named:"))
                            for k in reading.points):
                continue       # the usual reading cannot be evaluated: no other one decides it
            depth = len(reading.chosen)
            if depth < 2:
                for point_key, options in sorted(reading.points.items(),
                                                 key=lambda kv: _PRIORITY(kv[0])):
                    if point_key in reading.chosen or outcome.status == "error" and \
                            not point_key.startswith(("function:", "sigma", "overflow",
                                                      "number:", "notation:", "named:")):
                        continue
                    for k in range(1, len(options)):
                        other = reading.but(point_key, k)
                        domain = [c for c in other.chosen if c.startswith("domain:")]
                        (queue if not domain else domains if len(other.chosen) == 1 else
                         both if len(domain) > 1 else mixed).append(other)
        if (queue or domains or mixed or both) and len(tried) < MAX_READINGS and \
                clock() >= end:
            return _out_of_time(tried)
        return self._no_reading_holds(tried, item, left, right, loss is not None, end)

    def _holds(self, reading: Reading, o: _Outcome, loss: bool, tried) -> Verdict:
        words = list(dict.fromkeys(reading.words() + sorted(o.notes)))
        if loss:
            words.append(self._note)
        points = len({r[0] for r in o.records})
        combos = len({tuple(sorted(r[1].items())) for r in o.records})
        where = f" × {combos} index values" if combos > 1 else ""
        message = f"holds at {points} point{'s' * (points != 1)}{where}"
        if words:
            message += f" (read {'; '.join(words)})"
        return Verdict("holds", message, words, evaluations=len(o.records), uses=sorted(o.used),
                       explain=_explain(tried))

    def _no_reading_holds(self, tried: list, item: Item, left: Side, right: Side,
                          loss: bool, end: float = math.inf) -> Verdict:
        whole = []
        for r, o in tried:
            if o.again is not None and clock() >= end:
                return _out_of_time(tried)
            whole.append((r, o.again() if o.again is not None else o))
        tried = whole
        fails = [(r, o) for r, o in tried if o.status == "fails"]
        unknown = [(r, o) for r, o in tried if o.status == "error" and o.unknown]
        errors = [(r, o) for r, o in tried if o.status == "error"]
        explain = _explain(tried)
        # the usual reading (of each way the text itself reads) must be evaluable and fail:
        # a failure under other readings only is no failure of the text's
        usual = [(r, o) for r, o in tried if not r.chosen and o.status == "error"]
        if not fails or usual:
            r, o = (usual or unknown or errors)[0]
            return Verdict("unreadable", o.message, question=o.question or o.message,
                           explain=explain)
        # the counterexample of a reading under which both sides are values, where one is
        reading, first = next(((r, o) for r, o in fails if not o.shape), fails[0])
        used = set().union(*(o.used for _, o in fails))
        blocker = self._blocker(item, fails, used, left, right, unknown, explain)
        if blocker:
            return Verdict("unreadable", blocker, question=blocker, uses=sorted(used),
                           explain=explain)
        v = Verdict("fails", first.message, reading.words(), evaluations=len(first.records),
                    uses=sorted(used), records=first.records, shape=first.shape, explain=explain)
        if first.records:
            p, combo, a, b, _, frame = next(r for r in first.records if not r[4])
            point = frame.point
            shown = {n: fmt(np.asarray(point.drawn[n].data)) for n in sorted(point.used)
                     if n in point.drawn and self.symbols.get(n, Kind("x")).name != "constant"}
            earlier = [name_of(c.a) for c in item.earlier if isinstance(c, t.Relation)]
            given = self._fixed(item) | {m for n in earlier if n for m in (n, base_name(n))}
            shown.update({n: fmt(np.asarray(frame.values[n].data)) for n in sorted(given)
                          if isinstance(frame.values.get(n), Tensor)})
            v.counterexample = {"point": shown, "indices": dict(combo), "left": fmt(a),
                                "right": fmt(b)}
            if loss:
                v.reading.append(self._note)
        return v

    def _blocker(self, item: Item, fails: list, used: set[str], left: Side, right: Side,
                 unknown: list, explain: dict[str, Any]) -> str:
        """Why a failure may rest on something the text does not state: the question that
        decides it; "" when the failure is the text's own. A binding it rests on that is not
        FIRM, else the step's own doubts (its role, its conditions, its digits)."""
        if unknown:
            return unknown[0][1].question
        o = fails[0][1]
        entered = list({id(d): d for _, f in fails for d in f.entered}.values())
        # what the step differentiates by, or a definition it reads does (δ_3 = ∂L/∂a_3):
        # the variables as written ("∇" for a gradient or a prime that names none)
        differentiated = frozenset(
            t.canon(n.var) if isinstance(n, t.Deriv) and n.var is not None else "∇"
            for term in (left.term, right.term, *(d.expr for d in entered))
            for n in t.walk(term) if isinstance(n, (t.Deriv, t.Prime)) or
            isinstance(n, t.Sym) and n.name == "\\nabla")
        written = written_names(left.term, self.scope) | written_names(right.term, self.scope)
        # h_0 started where the step is read at a generic t (t = 1): h_{t−1}, its own input
        own = {f"{base}_{{0}}" for _, base in _previous_members([left.term, right.term],
                                                                self.sequences)}
        rests = Rests(item, written, used, entered,
                      set().union(*(f.notation for _, f in fails)),
                      {n for r in o.records if r[5].point is not None
                       for n in r[5].point.started} - own,
                      set().union(*(f.guessed for _, f in fails)),
                      differentiated, self.scope.at(item),
                      frozenset(k for r, _ in fails for k in r.chosen))
        bindings = self.bindings.of(rests)
        explain["bindings"] = [b.describe() for b in bindings]
        for b in bindings:
            if b.confidence != FIRM:
                return b.question
        return self._step_doubt(item, o, used, left, right,
                                next((f for _, f in fails if not f.shape), o),
                                any(f.partial for _, f in fails))

    def _step_doubt(self, item: Item, o: _Outcome, used: set[str], left: Side,
                    right: Side, valued: _Outcome | None = None, partial: bool = False) -> str:
        """What a failure may rest on in the step itself — how its sums, cases, sizes and
        shapes are read, and what its sentence says it is: the first row of
        :data:`STEP_DOUBTS` that has a question."""
        mentioned = mentioned_names(left.term) | mentioned_names(right.term)
        c = _Step(item, o, used, left, right, self.scope.at(item),
                  mentioned, _reach(self.scope, mentioned), valued or o, o.partial or partial)
        return next((q for row in STEP_DOUBTS if (q := row(self, c))), "")

@dataclass
class _Step:
    """One failing step, as the rows of :data:`STEP_DOUBTS` read it."""

    item: Item
    o: _Outcome
    used: set[str]                   # the inputs drawn
    left: Side
    right: Side
    view: dict[str, Definition]      # the definitions in force where it stands
    mentioned: set[str]              # the names it writes
    reach: set[str]                  # … and those they reach through definitions
    valued: _Outcome                 # its failure with both sides' values (the message's)
    partial: bool = False            # under some reading it holds at some points only


def _sums_unbounded(ch: "Checker", c: _Step) -> str:
    return ch._terms_unsaid(c.item, c.left, c.right, c.used, c.view, c.reach)


def _case_of_a_definition(ch: "Checker", c: _Step) -> str:
    # "vanishes exactly when $p = t$, i.e. when …": a case of a name the text defines
    # (p = softmax(z)), which drawn points do not reach
    # (a count of numbers alone given another number is that number there, no case of it)
    cases = [d for d in c.item.conditions if isinstance(d, t.Relation) and d.op == "=" and
             name_of(d.a) in c.view and
             not (counted(c.view[name_of(d.a)]) and not mentioned_names(d.b))]
    if not cases:
        return ""
    d = cases[0]
    return (f"the step is said of the case {t.canon(d.a)} = {t.canon(d.b)}, and "
            f"{t.canon(d.a)} is defined on line {c.view[name_of(d.a)].line}: which values "
            f"of its inputs make it so? give them")


def _differentiated_anew(ch: "Checker", c: _Step) -> str:
    return ch._differentiated_anew(c.item, c.left, c.right, c.view)


def _said_in_words(ch: "Checker", c: _Step) -> str:
    # "nudging $a$ to $2.001$ gives $f(a) ≈ 4.004$": a value given in words
    said = [n for n in c.item.statement.said if not any(n in sd.text for sd in c.item.sides)]
    named = c.used | c.mentioned
    if said and named:
        return (f"is this step at {said[0]}? its sentence gives {said[0]} in words: say which "
                f"name takes it (\"at {sorted(named)[0]} = {said[0]}\")")
    return ""


def _evaluation_doubt(ch: "Checker", c: _Step) -> str:
    return c.o.doubts[0] if c.o.doubts else ""


def _new_definition(ch: "Checker", c: _Step) -> str:
    # "for y = 2, f(y) = 5": a function of the text's at values given, not f anew
    item = c.item
    if item.restates is None or item.sides[0] is not c.left or \
            ch.evaluates(item, c.left.term):
        return ""
    name, line = item.restates
    if (base_name(name), line) in ch.followed:
        return ""
    example = not ch._inputs_of(c.left.term, item)
    if example or item.statement.inline and "claim" not in item.statement.cues.lead or \
            _numbers_apart(ch.scope, item.restates, c.right.term) or \
            _cited_apart(ch.scope, item):
        name, line = item.restates
        ch.unsettled.setdefault((base_name(name), item.paragraph), item.line)
        return (f"is this a new definition of {name}? it differs from the one on line "
                f"{line}: write \"let {name} = …\" (or {name} := …) for a new one")
    return ""


def _defined_under_a_label(ch: "Checker", c: _Step) -> str:
    # "\text{LN:} x̂ = (x − μ)/σ", then "\text{RMSNorm:} y = x̂ = x/r": a row of math under a
    # label of its own defines that label's names, which may be names defined before
    if not c.item.statement.named:
        return ""
    for side in (c.left, c.right):
        name = name_of(side.term) if side.term is not None else None
        d = c.view.get(name) if name is not None else None
        if d is not None and d.line != c.item.line:
            return (f"is this a new definition of {name}, under the label of its row? it "
                    f"differs from the one on line {d.line}: write \"let {name} = …\" (or "
                    f"{name} := …) for a new one")
    return ""


def _after_a_new_definition(ch: "Checker", c: _Step) -> str:
    # "f(x) = 3x with df/dx = 3, …, f(x) = x² with df/dx = 2x": the restatement could not be
    # read as a claim or a new definition, so which f the steps after it mean is not read
    for n in sorted(c.mentioned | c.reach):
        line = ch.unsettled.get((base_name(n), c.item.paragraph))
        if line is not None and line <= c.item.line and c.item.restates is None:
            return ask_about(n, f"line {line} may define {n} anew: is this step of that {n}? "
                                f"if so, write \"let {n} = …\" there")
    return ""


def _counted_from_use(ch: "Checker", c: _Step) -> str:
    return ch._counted_from_use(c.item, c.left, c.right, c.view, c.reach)


def _size_chosen(ch: "Checker", c: _Step) -> str:
    # x ∈ ℝ^H, then "for x = (1, 2, 3)ᵀ … = H": H is the size the checker drew, and the value
    # the text gives x may say another
    scope = ch.scope
    lengths = {name_of(d.a): len(d.b.base.args if isinstance(d.b, t.Script) else d.b.args)
               for d in c.item.conditions if isinstance(d, t.Relation) and d.op == "=" and
               isinstance(d.b.base if isinstance(d.b, t.Script) else d.b, t.Paren)}
    chosen = sorted({p for n, size in lengths.items() for p in scope.shaped.get(n, ())
                     if isinstance(p, str) and not scope.known(p) and
                     ch.symbols.get(p, Kind("x")).value != size} & (c.reach | c.mentioned))
    if chosen:
        return ask_about(chosen[0], f"the text gives no value to the size {chosen[0]}, and the "
                                    f"step rests on the one the checker chose: say what "
                                    f"{chosen[0]} is")
    return ""


def _count_chosen(ch: "Checker", c: _Step) -> str:
    # N − K + 1 = 3 with N and K sizes the text never gives a number: the values the checker
    # chose for them are no ground for a failure of a claim about a number
    # (an identity said for every size is checked at the chosen one as at any other: only a
    # claim of a number, one side with no name, rests on the value)
    chosen = sorted(n for n in c.reach | c.mentioned if n in ch.shapes.counted)
    if chosen and (_constant_side(c.left.term) or _constant_side(c.right.term)):
        return ask_about(chosen[0], f"the checker chose {chosen[0]} = "
                                    f"{ch.shapes.kinds[chosen[0]].value:g}, and the text gives it "
                                    f"no value: say what {chosen[0]} is")
    return ""


def _size_unstated(ch: "Checker", c: _Step) -> str:
    # 1 ∈ ℝ^m with m given nowhere: the shapes that clash rest on a size not stated (not when
    # every name in the step has the shape the text states for it, each letter shared by the
    # shapes of two names, or twice in one, ℝ^{n×n}: the step is said for every size the
    # letters take)
    scope = ch.scope
    if not c.o.shape:
        return ""
    unsized = sorted({p for n in c.reach | c.mentioned for p in scope.shaped.get(n, ())
                      if isinstance(p, str) and not scope.known(p)})
    stated = all(n in ch.shapes.firm or n in scope.declared for n in c.used
                 if n in ch.shapes.kinds) and all(
        sum(parts.count(p) for parts in scope.shaped.values()) > 1 for p in unsized)
    if unsized and not stated:
        return ask_about(unsized[0], f"the shapes do not fit with {unsized[0]} as the checker "
                                     f"sized it, and the text gives it no value: say what "
                                     f"{unsized[0]} is")
    return ""


def _any_loss(ch: "Checker", c: _Step) -> str:
    if not ch._loss_step:
        return ""
    name = ch.one_sided_loss
    if name:
        return ask_about(name, f"which {name}? the step fails for a loss of any form, and the "
                               f"text may mean one it does not write: define {name}")
    leaves = {n for ds in ch.scope.definitions.values() for d in ds
              for n in mentioned_names(d.expr)}
    free = sorted(n for n in c.used if n in ch.shapes.kinds and
                  n not in ch.scope.declared and n not in leaves)
    if free:
        return ask_about(free[0], f"the step holds for every loss only with {free[0]} tied to "
                                  f"it (a gradient ∂ℓ/∂…?): define {free[0]}")
    guessed = sorted(n for n in c.used if n in ch.shapes.kinds and
                     n not in ch.shapes.firm and n not in ch.scope.declared)
    if guessed and ch._two_shapes(c.item, c.mentioned, c.o.records):
        # Y = XW + B defined, ∂L/∂Y_{nj} drawn: the upstream gradient's shape and the
        # definition's rest on sizes guessed from use, which need not agree
        return (f"what are the shapes of {', '.join(guessed)}? the step is read for any loss "
                f"with sizes guessed from use: declare them")
    return ""


def _a_number_after_all(ch: "Checker", c: _Step) -> str:
    # x a 2×2 matrix from use elsewhere in a chapter, f'(x) = 12x³ − … = 12x(x−2)(x+1)
    bold = {n.name for sd in (c.left, c.right) if sd.term is not None   # typeset as a vector
            for n in t.walk(sd.term) if isinstance(n, t.Sym) and n.style}
    guessed = sorted(n for n in c.used if n in ch.shapes.kinds and n not in ch.shapes.firm
                     and n not in ch.scope.declared and n not in bold and ch.symbols[n].shape)
    if guessed and ch.trial(c.left.term, c.right.term, c.item, Reading(), (), (
            {}, {n: Kind("scalar") for n in guessed})).status == "holds":
        return ask_about(guessed[0], f"the step holds when {guessed[0]} is a number, and fails "
                                     f"for the shape guessed from its use elsewhere: declare it")
    return ""


def _one_sided(ch: "Checker", c: _Step) -> str:
    lone = ch._one_sided(c.item, c.left, c.right)
    if lone:
        return ask_about(lone[0], f"the text neither declares nor defines it, and this step "
                                  f"ties it to {', '.join(lone[1:]) or 'the other side'}: "
                                  f"define {lone[0]}")
    return ""


def _particular_values(ch: "Checker", c: _Step) -> str:
    # a side with no input of its own whose value is the same at every point drawn (a
    # function written bare, σ − σ³, takes its argument from the point and is no number)
    item, o = c.item, c.o
    fixed = ch._fixed(item)
    numeric = [side for side in (c.left, c.right) if side.term is not None and
               not (ch._inputs_of(side.term, item) - fixed) and
               (not _varies(o.records, 2 if side is c.left else 3) if len(o.records) > 1
                else not any(isinstance(n, t.Sym) and lookup(n.name) is not None
                             for n in t.walk(side.term)))]
    drawn = sorted(n for n in c.used if n not in fixed)
    other = (c.right if numeric[0] is c.left else c.left) if numeric else None
    # ⌊(H + 2p − k)/s⌋ + 1 with H, k drawn: a step function of them may take one value at
    # every point drawn, and still depend on them
    stepped = other is not None and any(
        isinstance(n, t.Apply) and n.fn in ("floor", "ceil", "round")
        for term in [other.term, *(d.expr for d in c.view.values()
                                   if d.name in _reach(ch.scope, mentioned_names(other.term)))]
        for n in t.walk(term))
    # y_i ∈ {−1, +1} declared, then y_i f(x_i) = 0.5 in an example's row: the text states
    # the set, never which member this row takes (a member drawn may be constant over points)
    chosen = any(n in ch.symbols and ch.symbols[n].name == "choice" for n in drawn)
    if numeric and drawn and (chosen or not all(n in ch.scope.declared for n in drawn)) and (
            stepped or chosen or _varies(o.records, 3 if numeric[0] is c.left else 2)):
        for n in drawn:
            ch.particular.setdefault(n, (item.line, other.text))
        return (f"at which {', '.join(drawn)} is this value meant? it holds only for "
                f"particular values: give them (\"with {drawn[0]} = …\")")
    return ""


def _given_before(ch: "Checker", c: _Step) -> str:
    # a = (1, 2, 0) in the worked numbers, then, after the text turned to the loss, π − γ ≈
    # (0.14, 0.37, −0.51): numbers the step states, with a drawn where the text gave it
    # numbers before — the step may be at them
    if not any(side.term is not None and _literal(side.term) and
               not isinstance(side.term, t.Num) for side in (c.left, c.right)):
        return ""
    fixed = ch._fixed(c.item)
    for item in ch.scope.items:
        if item.line >= c.item.line:
            break
        if item.role == "condition" and len(item.sides) == 2 and \
                name_of(item.sides[0].term) in c.used - fixed and \
                item.sides[1].term is not None and _literal(item.sides[1].term):
            n = name_of(item.sides[0].term)
            return ask_about(n, f"is this step at {n} = {item.sides[1].text[:40]}, as line "
                                f"{item.line} gives it? the checker does not hold that value "
                                f"here: say so (\"with {n} = …\")")
    return ""


def _particular_entry(ch: "Checker", c: _Step) -> str:
    # y²_a = 1,0 · 0,3, with a running over nothing the text states: the step holds at some
    # values of its free index and not at others, and one side is the same at each — the
    # entry the text means, not a claim for every a
    records = c.o.records
    letters = sorted({k for r in records for k in r[1]} - set(ch.scope.declared) -
                     {n for d in c.item.conditions for n in mentioned_names(d)})
    if not letters or all(r[4] for r in records) or not any(r[4] for r in records) or \
            _varies(records, 2) and _varies(records, 3):
        return ""
    return ask_about(letters[0], f"the step holds for some values of {letters[0]} and not for "
                                 f"others: say which is meant (\"with {letters[0]} = …\")")


def _hypothesis(ch: "Checker", c: _Step) -> str:
    if "hypothesis" in c.item.statement.cues.sentence:
        return (f"is this step meant under the hypothesis of its sentence "
                f"(\"{_tail(c.item.statement.sentence, 60)}\")? write it as a condition")
    return ""


def _under_an_assumption(ch: "Checker", c: _Step) -> str:
    # "assuming the logits average to 0 ($\\sum_j z_j = 0$)", then a display that uses it:
    # a relation the prose assumes, which the points drawn need not satisfy
    item = c.item
    for other in ch.scope.items:
        st = other.statement
        if other.line >= item.line or not st.inline or \
                not 0 <= item.paragraph - other.paragraph <= 1 or \
                "hypothesis" not in st.cues.sentence | st.cues.lead:
            continue
        names = {base_name(n) for side in other.sides if side.term is not None
                 for n in mentioned_names(side.term)}
        if names & {base_name(n) for n in c.reach | c.used}:
            return (f"is this step meant under the assumption on line {other.line} "
                    f"(\"{_tail(st.sentence, 50)}\")? the points drawn do not satisfy it: "
                    f"write it as a condition")
    return ""


def _where_an_equation_holds(ch: "Checker", c: _Step) -> str:
    # "a stationary point when S u₁ = λ₁ u₁ (12.5)", then u₁ᵀ S u₁ = λ₁: the step holds where
    # the equation to solve does, which the points drawn need not satisfy
    item = c.item
    mine = {base_name(n) for n in c.reach | c.used | c.mentioned}
    for other in reversed(ch.scope.items):
        st = other.statement
        if other.line >= item.line or other.role != "solve" or \
                st.section != item.statement.section or \
                not 0 <= item.paragraph - other.paragraph <= 3:
            continue
        if any(isinstance(n, (t.Deriv, t.Prime)) for side in other.sides
               if side.term is not None for n in t.walk(side.term)):
            continue        # ∂σ/∂w = … read as one: a step of the derivation, no condition
        names = {base_name(n) for side in other.sides if side.term is not None
                 for n in mentioned_names(side.term)} - set(CONSTANTS)
        if len(names) >= 2 and names <= mine:
            return (f"does this step rest on the equation on line {other.line} "
                    f"({_tail(other.sides[0].text, 30)} = {_tail(other.sides[-1].text, 30)})? "
                    f"it may hold only where that equation does, and the points drawn need "
                    f"not satisfy it")
    return ""


def _piece_of_a_kink(ch: "Checker", c: _Step) -> str:
    cues = c.item.statement.cues
    region = "region" in cues.sentence | cues.lead
    sides = [c.left.term, c.right.term]
    # (a sentence that says the step of part of the domain speaks of a piece even where the
    # step's own sides write the kink: "in the interior, round(v/s) + s ∂round(v/s)/∂s")
    if (c.partial or region) and (_kinked(sides, ch.scope, c.item) or
                                  region and any(_has_kink(x) for x in sides if x is not None)):
        where = "it holds at some points and not at others" if c.partial else \
            "its sentence says it of part of the domain only"
        return (f"{where}, through a max, an absolute value, a rounding or cases: under which "
                f"condition is it meant? write it (for … > 0)")
    return ""


def _number_against_a_list(ch: "Checker", c: _Step) -> str:
    # "row $2 = (−1, −3)$": a number against a list, neither with a name, is no claim the
    # text makes of numbers (the 2 names a row, a step, a class)
    for lone, other in ((c.left, c.right), (c.right, c.left)):
        if isinstance(lone.term, t.Num) and float(lone.term.value).is_integer() and \
                isinstance(other.term, (t.Paren, t.Matrix)) and _constant_side(other.term) and \
                (not isinstance(other.term, t.Paren) or len(other.term.args) > 1):
            return (f"what does {lone.text} stand for here? a number is not a list of numbers: "
                    f"if it names a row, a step or a class, write it outside the formula")
    return ""


def _digits_cut(ch: "Checker", c: _Step) -> str:
    if c.o.cut:
        return "it agrees to the digits shown only if they were cut, not rounded: which is meant?"
    return ""


def _jet(ev: Evaluator, term: Any, frame: Frame, duals: list[str]) -> Any:
    """A side read with ``duals`` units of dual numbers (ε² = 0): its value at ε = 0 and its
    ε part, the slope there (by central differences), stacked; the side itself without."""
    if not duals:
        return ev.side(term, frame)
    h = 1e-4

    def at(v: float) -> np.ndarray:
        values = {d: Tensor(np.float64(v)) for d in duals}
        return np.asarray(as_tensor(ev.side(term, frame.with_values(values))).data,
                          dtype=np.float64)
    low, high = at(-h), at(h)
    ev.approximate = True
    return Tensor(np.stack([at(0.0), (high - low) / (2 * h)]))


def _family_only(definitions: list[Definition]) -> bool:
    """Whether a name is defined as a family (``y_n = σ(w x_n)``) and never as a sequence:
    "all $y_n = 0.5$" then states its members' value at the point, not a value to set."""
    return any(d.index for d in definitions) and not any(d.recurrence for d in definitions)


def _carried_rounding(ch: "Checker", c: _Step) -> str:
    # "rounded to 4 decimals, the rounded values carried forward": a value off by a few of
    # its last digits may be computed from the rounded values before it, not from the exact
    unit = max((n.unit for n in _shown_values(c.right.term)), default=0.0)
    if not unit or not cue.mentions("rounds", ch.scope.text, ch.scope.languages):
        return ""
    off = max((float(np.max(np.abs(np.asarray(a, dtype=np.float64) -
                                   np.asarray(b, dtype=np.float64))))
               for _, _, a, b, *_ in c.valued.records if np.shape(a) == np.shape(b)),
              default=None)
    if off is not None and off <= 3 * unit:
        return (f"the text rounds its values as it goes: is this computed from values rounded "
                f"before it? it is off by {off:.2g}, a few of its last digits")
    return ""


def _shapes_guessed(ch: "Checker", c: _Step) -> str:
    # (a name the prose gives a value, x_0 = 0, keeps the shape guessed for it)
    scope = ch.scope
    given = {name_of(d.a) for d in c.item.conditions if isinstance(d, t.Relation)} | \
        set(scope.remarked)
    guessed = sorted(n for n in c.used | (c.mentioned & given - set(c.view))
                     if n in ch.shapes.kinds and n not in ch.shapes.firm and
                     n not in scope.declared)
    if c.o.shape and guessed:
        return (f"the shapes do not fit with sizes read from use ({', '.join(guessed)}): what "
                f"are they? declare them")
    return ""


def _broadcast_apart(ch: "Checker", c: _Step) -> str:
    # h_t = tanh(W h_{t−1} + u x_t) from h_0 = 𝟎 read as the number 0: W·0 is a matrix, the
    # column u x_1 broadcast over it — sides of two shapes that only the broadcast made
    if c.o.shape and BROADCAST in c.o.notes:
        return ("the sides differ in shape where a column was added to a matrix (broadcast, "
                "as NumPy does): is that meant? if a name is a vector here (a zero vector "
                "written 0), give its shape")
    return ""


def _rank_from_use(ch: "Checker", c: _Step) -> str:
    # t_k here, t_{nk} in the batch section: t sized from use as a matrix, written here with one
    # index — the failure may rest on the rank the checker chose for it
    for term in (c.left.term, c.right.term):
        for n in t.walk(term) if term is not None else ():
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub and \
                    len(index_list(n.sub)) == 1 and n.base.name in c.used and \
                    n.base.name not in ch.shapes.firm and n.base.name not in ch.scope.declared \
                    and n.base.name not in ch.shapes.columns:   # (w_k, a column of w: a vector)
                kind = ch.shapes.kinds.get(n.base.name)
                if kind is not None and kind.name.startswith(("matrix", "probs_", "onehot_")) \
                        and len(kind.shape) == 2 and min(kind.shape) > 1:
                    name = n.base.name
                    return ask_about(name, f"it is written here with one index ({t.canon(n)}) "
                                           f"and elsewhere as a matrix: declare what {name} is "
                                           f"here")
    return ""


def _a_definition_after_all(ch: "Checker", c: _Step) -> str:
    alone = name_of(c.left.term)
    if alone is not None and alone in c.used and alone in ch.shapes.kinds and \
            not c.item.restates and c.item.sides[0] is c.left:
        return (f"is this the definition of {alone}? {alone} is not defined elsewhere: write "
                f"{alone} := … to define it")
    return ""


def _spectral_values(ch: "Checker", c: _Step) -> str:
    spectral = "spectral" in c.item.statement.cues.sentence or \
        _spectral(ch.scope, c.item.line)
    if spectral and any(n in ch.shapes.kinds for n in c.used):
        return "which values are these? the text gives them in words (eigenvalues)"
    return ""


def own_function(item: Item, left: Side, right: Side, scope: Scope) -> str | None:
    """The function of the table a first link applies to names, inline ("so that $σ(z) =
    z$"): the text may be giving its own σ — not where it gives numbers for names of its
    own values (exp(s) = (2.7183, 1, 0.1353) with s = (1, 0, −1)): that is a value."""
    node = left.term
    if item.sides[0] is left and isinstance(node, t.Call) and name_of(node.fn) is not None \
            and lookup(name_of(node.fn)) is not None and item.statement.inline and \
            all(name_of(a) is not None for a in node.args) and not (
                right.term is not None and _closed(right.term) and
                all(scope.known(name_of(a)) for a in node.args)):
        return name_of(node.fn)
    return None


def implicitly_given(left: Any, right: Any, checker: "Checker") -> str | None:
    """The name ``left`` wraps in one function or power (``\\sqrt{v}``, ``\\log p``, ``e^{a}``)
    when the text neither declares nor defines it and ``right`` does not mention it."""
    inner: Any = None
    scope = checker.scope
    if isinstance(left, t.Call) and len(left.args) == 1 and name_of(left.fn) is not None and \
            lookup(name_of(left.fn)) is not None and not scope.known(name_of(left.fn)):
        inner = left.args[0]
    elif isinstance(left, t.Apply) and left.fn == "sqrt":
        inner = left.a
    elif isinstance(left, t.Product) and len(left.items) == 2 and \
            isinstance(left.items[0], t.Sym) and lookup(left.items[0].name) is not None:
        inner = left.items[1]
    elif isinstance(left, t.Script) and left.sub is None and isinstance(left.sup, t.Num):
        inner = left.base
    elif isinstance(left, t.Script) and isinstance(left.base, t.Sym) and \
            left.base.name == "e" and left.sub is None:
        inner = left.sup
    if not isinstance(inner, (t.Sym, t.Script)) or right is None:
        return None
    base = base_name(t.canon(inner))
    if base not in checker.shapes.kinds or scope.known(t.canon(inner)) or scope.known(base) or \
            base in {base_name(n) for n in mentioned_names(right)}:
        return None
    return base


def _the_texts_own_function(ch: "Checker", c: _Step) -> str:
    fn = own_function(c.item, c.left, c.right, ch.scope)
    if fn is not None:
        return (f"is this the text's own {fn}? it does not hold for the usual {fn}: if the "
                f"text defines {fn} here, write {c.left.text} := …")
    return ""


def _given_through_a_function(ch: "Checker", c: _Step) -> str:
    # √v = 0.7 with v never given: v is given here, through √, which the checker does not solve
    implicit = implicitly_given(c.left.term, c.right.term, ch) \
        if c.item.sides[0] is c.left else None
    if implicit is not None:
        return ask_about(implicit, f"it is given here through {c.left.text}, which the checker "
                                   f"does not solve: write {implicit} = … (or declare it)")
    return ""


# The step's own doubts, in the order they are asked: each a way the step may be something
# else than the claim the checker read (a sum's count, a case, a new definition, a value at a
# point, a hypothesis, a piece of a kink, a shape or size guessed).
STEP_DOUBTS = (_number_against_a_list, _the_texts_own_function, _given_through_a_function,
               _sums_unbounded, _case_of_a_definition, _differentiated_anew, _said_in_words,
               _evaluation_doubt, _new_definition, _defined_under_a_label,
               _after_a_new_definition, _counted_from_use,
               _size_chosen, _size_unstated, _any_loss, _a_number_after_all, _one_sided,
               _particular_values, _given_before, _particular_entry, _count_chosen,
               _hypothesis,
               _under_an_assumption,
               _where_an_equation_holds, _piece_of_a_kink, _digits_cut, _carried_rounding,
               _shapes_guessed, _broadcast_apart,
               _rank_from_use,
               _a_definition_after_all, _spectral_values)


def _PRIORITY(key: str) -> int:
    """The order in which choices are tried: what names a thing first (σ, a one-hot label, an
    upstream gradient), the domains of free inputs last."""
    for k, prefix in enumerate(("hot:", "grad:", "law:", "sigma", "notation:", "function:",
                                "family:",
                                "softmax", "power", "reach:", "tuple", "log", "e", "bars")):
        if key.startswith(prefix):
            return k
    return 99


def _spectral(scope: Scope, line: int) -> bool:
    text = "\n".join(scope.text.split("\n")[max(0, line - 3):line])
    return cue.mentions("spectral", text, scope.languages)


def _has_kink(term: Any) -> bool:
    """Whether ``term`` writes a max, a min, an absolute value, a rounding, a sign or cases."""
    return any(isinstance(n, t.Cases) or isinstance(n, t.Apply) and n.fn in (
                   "abs", "floor", "ceil", "round") or
               isinstance(n, t.Sym) and (lookup(n.name) is not None and
                                         lookup(n.name).kinks or n.name in
                                         ("\\max", "\\min", "max", "min"))
               for n in t.walk(term))


def _kinked(terms: list[Any], scope: Scope, item: Item) -> bool:
    """Whether the step reaches a max, a min, an absolute value, a sign or cases through a
    definition (a step whose own sides do so speaks of the pieces itself)."""
    if any(_has_kink(term) for term in terms if term is not None):
        return False
    view = scope.at(item)
    seen: set[str] = set()
    todo = [term for term in terms if term is not None]
    while todo:
        for n in mentioned_names(todo.pop()):
            d = view.get(n)
            if d is None or n in seen:
                continue
            seen.add(n)
            if _has_kink(d.expr):
                return True
            todo.append(d.expr)
    return False


_CITED = re.compile(r"\((?:[a-z]\.)?\d+(?:\.\d+)*[a-z]?\)|\\(?:eq)?ref\s*\{[^{}]*\}", re.I)


def _cited_apart(scope: Scope, item: Item) -> bool:
    """Whether the restatement's sentence cites another equation than the sentence of the
    definition it restates ("eliminating v from (B.1) gives θ_{t+1} = …", then "from (B.2)
    gives θ_{t+1} = …"): two things given one name, not a claim about the first."""
    name, line = item.restates
    here = set(_CITED.findall(item.statement.sentence))
    there = {c for other in scope.items if other.line == line and
             any(d.name == name for d in other.defines.values())
             for c in _CITED.findall(other.statement.sentence)}
    return bool(here and there and here != there)


def _numbers_apart(scope: Scope, restated: tuple[str, int], term: Any) -> bool:
    """Whether ``term`` is the earlier definition of the name with other numbers in it (f(x) =
    x₁² + 2x₂², later f(x) = 0.1x₁² + 2x₂²): a new function of the same form as likely as a
    slip in restating the old one."""
    name, line = restated
    old = next((d for d in scope.definitions.get(name, ()) if d.line == line), None)
    if old is None or term is None:
        return False

    def blank(n: Any) -> Any:        # numbers, and numeric factors, left out
        if isinstance(n, t.Num):
            return t.Num(0.0)
        if isinstance(n, t.Product):
            rest = tuple(i for i in n.items if not isinstance(i, t.Num))
            if len(rest) < len(n.items) and rest:
                return blank(rest[0]) if len(rest) == 1 else blank(t.Product(rest))
        return t.rebuild(n, blank)
    return t.canon(old.expr) != t.canon(term) and \
        t.canon(blank(old.expr)) == t.canon(blank(term))


def _explain(tried: list) -> dict[str, Any]:
    return {"readings": [{"reading": "; ".join(r.words()) or "the usual reading",
                          "outcome": o.status, "why": o.message or ""} for r, o in tried],
            "choices": {k: list(v) for r, _ in tried[:1] for k, v in r.points.items()}}


def _named_in_words(sentence: str) -> tuple[str, ...]:
    """The functions of the notation a sentence names by a word (the sigmoid, tanh), in
    the order it names them."""
    out: list[str] = []
    table = {w.lower(): w for w in words()}
    for word in re.findall(r"[A-Za-z_]+", sentence):
        row = lookup(table[word.lower()]) if word.lower() in table else None
        if row is not None and row.name not in out:
            out.append(row.name)
    return tuple(out)


def _stated_entries(scope: Scope) -> dict[str, tuple[float, ...]]:
    """The numbers the text gives numbered entries of a name (``β_2 = 0.999``, defined or as
    a value for the steps around it), by the name: what its readings must allow."""
    pairs = [(d.name, d.expr) for ds in scope.definitions.values() for d in ds
             if not d.index and not d.params]
    pairs += [(name_of(i.sides[0].term), i.sides[1].term) for i in scope.items
              if i.role == "condition" and len(i.sides) == 2 and
              i.statement.relations[:1] == ("=",)]
    out: dict[str, list[float]] = {}
    for name, expr in pairs:
        entry = re.fullmatch(r"(.+)_\{[0-9]+\}", name or "")
        sign = -1.0 if isinstance(expr, t.Neg) else 1.0
        number = expr.a if isinstance(expr, t.Neg) else expr
        if entry and isinstance(number, t.Num):
            out.setdefault(entry.group(1), []).append(sign * float(number.value))
    return {k: tuple(v) for k, v in out.items()}


def _in_words(e: BaseException) -> str:
    if isinstance(e, IndexError):
        return "an index is outside the entries of what it indexes"
    if isinstance(e, RecursionError):
        return "its definitions refer to each other without end"
    if isinstance(e, MemoryError):
        return "its values are too large to evaluate"
    if isinstance(e, ArithmeticError):
        return "a value overflows or is divided by zero"
    return "the values of its symbols do not fit its operations (check their kinds and sizes)"


def _argument(var: Any) -> Any:
    """What a function written bare is a function of, beside ∂…/∂x (x) or ∂…/∂z_j (z)."""
    if isinstance(var, t.Sym):
        return var
    if isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sub is not None:
        return var.base if var.sup is None else t.Script(var.base, None, var.sup)
    return None


def _bare_functions(terms: list[Any]) -> bool:
    """Whether a function of the table is written without its argument (``σ'``, ``1 − σ``)."""
    for term in terms:
        if term is None:
            continue
        called = {id(n.fn) for n in t.walk(term) if isinstance(n, t.Call)}
        for n in t.walk(term):
            if isinstance(n, t.Sym) and lookup(n.name) is not None and id(n) not in called:
                return True
            if isinstance(n, t.Prime) and isinstance(n.base, t.Sym) and id(n) not in called:
                return True
    return False


def _previous_members(terms: list[Any], sequences: set[tuple[str, str]]
                      ) -> set[tuple[str, str]]:
    """The (t, h) of ``sequences`` (those the text gives no numbered member of) that the terms
    read at a generic t, one step of the recurrence with ``h_{t−1}`` its input: they write
    ``h_{t−1}`` (and no other shift of h, not ``h_{t−2}``), or differentiate at that t
    (``∂L/∂W = δ_t x_tᵀ``)."""
    shifts: dict[tuple[str, str], set[float]] = {}
    letters: set[str] = set()          # letters of the step's subscripts
    differentiates = False
    for term in terms:
        for n in t.walk(term) if term is not None else ():
            differentiates = differentiates or isinstance(n, t.Deriv)
            if isinstance(n, t.Script) and n.sub:
                letters |= {i.name for s in n.sub for i in t.walk(s) if isinstance(i, t.Sym)}
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
                    n.sub and len(n.sub) == 1 and isinstance(n.sub[0], t.Sub) and \
                    isinstance(n.sub[0].a, t.Sym) and isinstance(n.sub[0].b, t.Num):
                shifts.setdefault((n.sub[0].a.name, n.base.name), set()).add(n.sub[0].b.value)
    # the step writes h_{t−1}, or differentiates at the sequence's own t (∂L/∂W_{xh} = δ_t x_tᵀ)
    return {(letter, base) for letter, base in sequences
            if shifts.get((letter, base)) == {1.0} or differentiates and letter in letters
            and not shifts.get((letter, base))}


def _applied_argument(terms: list[Any]) -> Any:
    """The one argument the chain applies its functions to (``σ'(z)``, ``σ(z)``): what a
    function written bare beside them is a function of; None if several."""
    found: dict[str, Any] = {}
    for term in terms:
        if term is None:
            continue
        for n in t.walk(term):
            if isinstance(n, t.Call) and len(n.args) == 1 and (
                    isinstance(n.fn, t.Sym) and lookup(n.fn.name) is not None or
                    isinstance(n.fn, t.Prime) and isinstance(n.fn.base, t.Sym) and
                    lookup(n.fn.base.name) is not None) and not any(
                        isinstance(m, t.Sym) and lookup(m.name) is not None
                        for m in t.walk(n.args[0])):
                found[t.canon(n.args[0])] = n.args[0]
    return next(iter(found.values())) if len(found) == 1 else None


def _shape_algebra(left: str, right: str) -> Verdict | None:
    """``(N×M)(M×D) = N×D``: shapes composed by a product, checked as shapes (the inner sizes
    meet, the outer ones remain), not as numbers. None for any other step."""
    tuples = _tuple_product(left, right)
    if tuples is not None:
        return tuples
    product = re.fullmatch(r"\s*(?:" + SHAPE + r"\s*){2,4}", left)
    result = re.fullmatch(r"\s*(?:" + SHAPE + r"|" + SIZE + r"(?:\\times|×)" + SIZE + r")\s*",
                          right)
    if product is None or result is None:
        return None
    shapes = re.findall(SHAPE, left)
    for (_, inner), (other, _) in zip(shapes, shapes[1:]):
        if inner != other:
            return Verdict("fails", f"the shapes do not compose: {inner} columns meet {other} "
                           f"rows", shape=True)
    rows, cols = shapes[0][0], shapes[-1][1]
    said = tuple(g for g in result.groups() if g is not None)
    if (rows, cols) != said:
        return Verdict("fails", f"the product has shape {rows}×{cols}, not {said[0]}×{said[1]}",
                       shape=True)
    return Verdict("holds", "the shapes compose")


_TUPLE = r"\(\s*\d+(?:\s*,\s*\d+){1,5}\s*\)"


def _tuple_product(left: str, right: str) -> Verdict | None:
    """``(2, 8, 10, 64)·(2, 8, 64, 10) = (2, 8, 10, 10)``: a (batched) matrix product of
    shapes; the step holds if it holds as shapes (as numbers, a dot product is no tuple), and
    fails only if it holds neither way."""
    m = re.fullmatch(r"\s*(" + _TUPLE + r")\s*(?:·|\\cdot|×|\\times|@)?\s*(" + _TUPLE +
                     r")\s*", left)
    if m is None or re.fullmatch(r"\s*" + _TUPLE + r"\s*", right) is None:
        return None
    a, b, said = (tuple(int(x) for x in re.findall(r"\d+", s))
                  for s in (m.group(1), m.group(2), right))
    if len(a) != len(b) or len(said) != len(a):
        return None
    if a[:-2] == b[:-2] and a[-1] == b[-2] and a[:-2] + (a[-2], b[-1]) == said:
        return Verdict("holds", "the shapes compose (read as the shapes of a matrix product)")
    return Verdict("fails", f"as shapes, {m.group(1).strip()} and {m.group(2).strip()} give "
                   f"{a[:-2] + (a[-2], b[-1])} if {a[-1]} = {b[-2]}, not {said}; as numbers, a "
                   f"dot product is not a tuple", shape=True)


def _touches(scope: Scope, expr: Any, var: str) -> bool:
    """Whether ``expr`` may depend on ``var`` through any definition, members of a family
    counted as the family (ℓ_0 through ℓ_j = s_j/τ reaches s_0)."""
    return base_name(var) in {base_name(n) for n in
                              _reach(scope, mentioned_names(expr), families=True)}


def _unspecified_loss(checker: Checker, left: Any, right: Any, item: Item):
    """``∂L/∂X = ∂L/∂Y Wᵀ`` with L defined nowhere is a claim for every loss; it holds for all
    of them exactly when it holds for a generic one, L = ⟨G, Y⟩ with G arbitrary (Y the top
    quantity the step differentiates L by). Both sides must speak of L's derivatives (directly
    or through definitions, up to two deep: δ = ∂L/∂z; ĝ = γg with g = ∂L/∂y). A function of
    the reading giving the definition and the inputs it adds, or None."""
    if left is None or right is None:
        return None
    scope = checker.scope
    view = scope.at(item)

    def derivs(term: Any, depth: int) -> list[t.Deriv]:
        out = [n for n in t.walk(term) if isinstance(n, t.Deriv) and
               isinstance(n.f, (t.Sym, t.Script))]
        for n in t.walk(term):
            if isinstance(n, t.Product):
                for op, f in zip(n.items, n.items[1:]):
                    if isinstance(op, t.Script) and isinstance(op.base, t.Sym) and \
                            op.base.name == "\\nabla" and op.sub and len(op.sub) == 1 and \
                            op.sup is None and isinstance(f, (t.Sym, t.Script)):
                        out.append(t.Deriv(f, op.sub[0]))
        if depth:
            names = set(mentioned_names(term))
            for n in t.walk(term):
                if isinstance(n, t.Product):
                    for d_, x in zip(n.items, n.items[1:]):
                        if isinstance(d_, t.Sym) and d_.name == "d" and \
                                isinstance(x, (t.Sym, t.Script)):
                            head = x.base if isinstance(x, t.Script) else x
                            names |= {"d" + t.canon(x), "d" + t.canon(head)}
            for name in names:
                d = view.get(name)
                if d is not None and not d.params:
                    out += derivs(d.expr, depth - 1)
        return out

    def free(n: t.Deriv) -> str | None:
        name = t.canon(n.f)
        family = {name}
        if isinstance(n.f, t.Script) and isinstance(n.f.base, t.Sym):
            family |= {n.f.base.name, t.canon(t.Script(n.f.base, None, n.f.sup)),
                       t.canon(t.Script(n.f.base, n.f.sub, None))}
        known = name in view or name in scope.declared or any(
            f in view or f in checker.symbols for f in family - {name})
        return None if known else name

    sides = [derivs(left, 2), derivs(right, 2)]
    named_free = [{f for f in map(free, side) if f is not None} for side in sides]
    common = named_free[0] & named_free[1]
    # Σ_j ∂L/∂x_j = 0: a property said of L's derivatives against a value that names none;
    # every loss has it when the generic one has, but a loss the text has in mind may have it
    # alone, so the reading may make it hold and never makes it fail (Checker.one_sided_loss)
    if not common and (not sides[0] or not sides[1]) and \
            len(named_free[0] | named_free[1]) == 1 and \
            _constant_side(right if sides[0] else left):
        common = named_free[0] | named_free[1]
        checker.one_sided_loss = next(iter(common))
    if len(common) != 1:
        return None
    name = common.pop()
    families: dict[str, Any] = {}
    # what the text differentiates L by elsewhere (g_i = ∂L/∂y_i) is what L is a loss of
    given = [n for d in view.values() if not d.params
             for n in derivs(d.expr, 0)] if checker.one_sided_loss else []
    for n in sides[0] + sides[1] + given:
        if free(n) != name:
            continue
        var = n.var
        if n.order != 1 or not isinstance(var, (t.Sym, t.Script)):
            return None
        if isinstance(var, t.Script) and var.sub is not None and var.sup is None and \
                not (len(var.sub) == 1 and isinstance(var.sub[0], t.Sym) and
                     (var.sub[0].name[:1].isupper() or len(var.sub[0].name) > 1)):
            var = var.base
        elif isinstance(var, t.Script) and var.sub is not None:
            var = t.Script(var.base, None, var.sup)
        families[t.canon(var)] = var
    ev = checker.evaluator(Reading(), item)
    top = [u for u in sorted(families) if not any(
        w != u and ev.depends(families[w], u) for w in families)]
    if len(top) != 1 or not (top[0] in view or top[0] in checker.symbols):
        return None
    u = top[0]
    # L = ⟨G, u⟩ makes L's derivative by anything computed from u zero: a definition the step
    # goes through that differentiates L by such a name (dO = ∂L/∂O, O from S = u) is then not
    # the text's, and the reading is not admissible
    deeper = {t.canon(n.var) for n in derivs(left, 3) + derivs(right, 3) if free(n) == name}
    if any(w != u and w not in families and w in view and ev.depends(t.Sym(w), u)
           for w in deeper):
        return None
    shape = checker.shape_of(families[u], item)
    if shape is None:
        return None
    g = f"∂{name}/∂{u}"
    kind = Kind("scalar") if not shape else Kind("vector", shape) \
        if len(shape) == 2 and shape[1] == 1 else Kind("matrix", shape)
    # an input of the step of the same shape may be the upstream gradient the text names in
    # words ("g_i = ∂L/∂x̂_i"): a reading
    named = sorted({n for term in (left, right) for n in mentioned_names(term)
                    if n in checker.symbols and n not in view and n != u and
                    checker.symbols[n].shape == kind.shape and
                    checker.symbols[n].name in ("vector", "matrix", "scalar")})

    def assume(reading: Reading) -> tuple[dict, dict]:
        k = reading.pick(f"grad:{name}", (f"∂{name}/∂{u} arbitrary",) +
                         tuple(f"{n} as ∂{name}/∂{u}" for n in named)) if named else 0
        grad = t.Sym(named[k - 1]) if k else t.Sym(g)
        definition = Definition(name, t.Inner(grad, families[u]), line=item.line,
                                paragraph=item.paragraph, read=True)
        return {name: definition}, ({} if k else {g: kind})
    return assume


def _unspecified_dependence(checker: Checker, left: Any, right: Any, item: Item
                            ) -> tuple[Any, str]:
    """``∂K^{-1}/∂θ = −K^{-1} (∂K/∂θ) K^{-1}`` with K an input the text gives no formula: a
    claim for every K that depends on θ, read with K = K(0) + θK'(0) + θ²K''(0)/2 (each drawn
    like K). Only where every derivative of the step is by one θ, of terms that do not depend
    on θ through the text; where they hold several inputs (yᵀK⁻¹y), which of them depends on θ
    is a reading. (A function of the reading giving the definition and the inputs it adds, and
    the words for it) or (None, "")."""
    if left is None or right is None:
        return None, ""
    scope = checker.scope
    view = scope.at(item)
    ev = checker.evaluator(Reading(), item)
    def of(term: Any) -> list[t.Deriv]:
        found = [n for n in t.walk(term) if isinstance(n, t.Deriv) and n.f is not None]
        # ∂/∂θ (…) written as an operator before what it differentiates: all that follows
        # (past a written · or ×)
        def after(items: tuple) -> Any:
            if isinstance(items[0], t.MulOp) and items[0].op in ("cdot", "times"):
                items = items[1:]
            return items[0] if len(items) == 1 else t.Product(items) if items else None
        return found + [
            t.Deriv(after(p.items[k + 1:]), n.var, n.order)
            for p in t.walk(term) if isinstance(p, t.Product)
            for k, n in enumerate(p.items[:-1]) if isinstance(n, t.Deriv) and n.f is None
            and after(p.items[k + 1:]) is not None] + [
            t.Deriv(c.args[0], c.fn.var, c.fn.order) for c in t.walk(term)
            if isinstance(c, t.Call) and isinstance(c.fn, t.Deriv) and c.fn.f is None and
            len(c.args) == 1]
    # a relation between derivatives (both sides speak of them): true of every dependence;
    # a derivative set equal to a formula (dτ/dt = −e^{−t}) is about the text's own τ
    sides = [of(left), of(right)]
    derivs = sides[0] + sides[1]
    if not sides[0] or not sides[1] or len({t.canon(n.var) for n in derivs}) != 1:
        return None, ""
    common: set[str] | None = None
    for n in derivs:
        if n.order != 1 or not isinstance(n.var, t.Sym):
            return None, ""
        v = n.var.name
        if v in view or v in scope.declared or v not in checker.symbols or \
                checker.symbols[v].name != "scalar" or ev.depends(n.f, v):
            return None, ""
        inputs = {m for m in mentioned_names(n.f) if m in checker.symbols and m not in view
                  and m not in scope.declared and m != v and
                  checker.symbols[m].name in ("scalar", "vector", "matrix")}
        common = inputs if common is None else common & inputs
    if not common:
        return None, ""
    names = sorted(common)
    x = t.Sym(v)

    def assume(reading: Reading) -> tuple[dict, dict]:
        k = reading.pick(f"depends:{v}", tuple(f"{m} a function of {v}" for m in names)) \
            if len(names) > 1 else 0
        name = names[k]
        parts = [f"{name}(0)", f"{name}'(0)", f"{name}''(0)/2"]     # (names of no text's)
        expr = t.Add(t.Add(t.Sym(parts[0]), t.Product((x, t.Sym(parts[1])))),
                     t.Product((t.Script(x, None, t.Num(2.0)), t.Sym(parts[2]))))
        definition = Definition(name, expr, line=item.line, paragraph=item.paragraph,
                                read=True)
        return {name: definition}, {p: checker.symbols[name] for p in parts}
    said = names[0] if len(names) == 1 else "one of " + ", ".join(names)
    return assume, f"for any dependence on {v}: {said} read as a smooth function of {v}"


def _one_case(conds: list, reading: Reading) -> list:
    """Several values the text gives one name for the steps after them ("a = 0.8 (sigmoid)?
    and a tanh with a = 0.6?"): the step is at one of them, each a reading (the last given
    first)."""
    cases: dict[str, list] = {}
    for c in conds:
        if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, t.Sym) and \
                _literal(c.b) and c not in cases.setdefault(c.a.name, []):
            cases[c.a.name].append(c)
    out = list(conds)
    for name, given in cases.items():
        if len(given) > 1:
            k = reading.pick(f"case:{name}", tuple(f"{name} = {t.canon(c.b)}"
                                                   for c in reversed(given)))
            out = [c for c in out if c not in given or c is given[len(given) - 1 - k]]
    return out


def _members_at(conds: list) -> list:
    """A table's row ``t = 2``, ``g_t = 0.5``: g_t is the member g_2 there, not g at every t
    (G_t = G_{t−1} + g_t² reads g_1 as the text gives it)."""
    at = {c.a.name: c.b for c in conds if isinstance(c, t.Relation) and c.op == "=" and
          isinstance(c.a, t.Sym) and isinstance(c.b, t.Num) and
          float(c.b.value).is_integer() and c.b.value >= 0}
    if not at:
        return conds
    out = []
    for c in conds:
        if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, t.Script) and \
                isinstance(c.a.base, t.Sym) and c.a.sup is None and c.a.sub is not None and \
                len(c.a.sub) == 1 and isinstance(c.a.sub[0], t.Sym) and c.a.sub[0].name in at:
            c = t.Relation("=", t.Script(c.a.base, (at[c.a.sub[0].name],), None), c.b)
        out.append(c)
    return out


def _constant_side(term: Any) -> bool:
    """A side that is a number the text writes (0, 1): no name in it."""
    return term is not None and not mentioned_names(term)


def _varies(records: list, k: int) -> bool:
    """Whether the value in place ``k`` of the records (2 the left, 3 the right) changes from
    one drawn point to another: a side that does not is no value at particular inputs."""
    values = [r[k] for r in records]
    return len(values) < 2 or any(v.shape != values[0].shape or not agree(v, values[0])
                                  for v in values[1:])


def _tail(text: str, width: int) -> str:
    """The last words of ``text`` within ``width`` characters, whole words only."""
    if len(text) <= width:
        return text
    cut = text[-width:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
