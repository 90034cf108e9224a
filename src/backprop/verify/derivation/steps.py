"""Check every step of every chain: both sides at random points and every index value.

A step holds when every evaluation agrees within relative 1e-6 / absolute 1e-9 and the
shapes agree; otherwise it fails, with the first disagreeing evaluation as counterexample
and, where one is certain, a hint (holds only when i = j, off by a factor, sign, transposed).
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...engine import Tensor
from . import tree as t
from .evaluate import Definition, Evaluator, Scope, index_list
from .hints import counterexample, describe_shape, failure_text, hint, transpose_missing
from .markdown import Piece, Statement
from .parse import Unreadable, parse
from .symbols import Kind, draw
from .values import (BUILTIN, EvalError, Fn, Identity, NotDifferentiable, Ones,
                     ShapeMismatch, TooLong, agree)

__all__ = ["Step", "check_steps", "MAX_COMBINATIONS"]

MAX_COMBINATIONS = 64
REDRAWS = 4          # draws tried per point wanted
MAX_STEPS = 2000
IMPLICIT_SIZE = 4
STEP_SECONDS = 4.0
MIN_EVALUATIONS = 8  # a step out of time is decided on at least these many
FILE_SECONDS = 60.0


@dataclass
class Step:
    """One step ``left = right`` (or a definition) and what checking it found."""

    line: int
    status: str                     # "holds" | "fails" | "unreadable" | "definition"
    left: str
    right: str
    message: str
    counterexample: dict[str, Any] | None = None
    hint: str | None = None
    evaluations: int = 0
    message_note: str = ""           # why fewer evaluations than asked were made

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "status": self.status, "left": self.left,
                "right": self.right, "message": self.message}


@dataclass
class _Side:
    piece: Piece
    tree: Any = None
    error: Unreadable | None = None
    text: str = field(init=False)

    def __post_init__(self):
        self.text = " ".join(self.piece.text.split())


def _line_of(text: str, piece: Piece) -> int:
    """The 1-based file line on which ``piece``'s expression starts."""
    stripped = len(piece.text) - len(piece.text.lstrip())
    return text.count("\n", 0, piece.offset + stripped) + 1


def _argument(var: Any) -> Any:
    """What a function written bare is a function of, beside ∂…/∂x (x) or ∂…/∂z_j (z)."""
    if isinstance(var, t.Sym):
        return var
    if isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sub is not None:
        return var.base if var.sup is None else t.Script(var.base, None, var.sup)
    return None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in the file."""
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - start + 1


def _is_label(sub: tuple | None) -> bool:
    """``_B``, ``_{\\text{batch}}``: a subscript naming a variant, not an index (one capital
    letter or a word)."""
    if sub is None or len(sub) != 1 or not isinstance(sub[0], t.Sym):
        return False
    name = sub[0].name
    return (len(name) == 1 and name.isupper()) or (len(name) > 1 and name.isalpha())


class _Checker:
    """The state of one file's check: symbols, definitions so far, index ranges, parses."""

    def __init__(self, text: str, symbols: dict[str, Kind], points: int, seed: int):
        self.text = text
        self.symbols = symbols
        self.points = points
        self.seed = seed
        self.definitions: dict[str, Definition] = {}
        self.ranges: dict[str, int] = {}
        self.sizes: dict[str, tuple[int, ...]] = {}
        self._parsed: dict[str, tuple[Any, Unreadable | None]] = {}
        self.started = time.monotonic()

    def side(self, piece: Piece) -> _Side:
        key = piece.text
        if key not in self._parsed:
            try:
                self._parsed[key] = (parse(piece.text), None)
            except Unreadable as e:
                self._parsed[key] = (None, e)
        tree, error = self._parsed[key]
        return _Side(piece, tree, error)

    # ---- definitions and index ranges --------------------------------------------------
    def definition_of(self, left: _Side, right: _Side, forced: bool) -> Definition | None:
        node = left.tree
        if node is None or right.tree is None:
            return None
        name = t.canon(node)
        if any(t.canon(n) == name for n in t.walk(right.tree)):
            return None  # x = x + 0, L = L: a claim about the name, not its definition
        if isinstance(node, t.Sym):
            constant = not any(isinstance(n, t.Sym) for n in t.walk(right.tree))
            if self._free_name(node.name, forced or constant):
                return Definition(node.name, right.tree)  # K = 5 may be set again later
            return None
        if isinstance(node, t.Script):
            if isinstance(node.base, t.Sym) and node.base.name in BUILTIN and \
                    node.sup is None and _is_label(node.sub) and self._free_name(name, forced):
                return Definition(name, right.tree)  # σ_B = …: a name, not sigmoid's component
            if not isinstance(node.base, t.Sym) or not self._free_name(node.base.name, True) \
                    or isinstance(node.sup, (t.Num, t.Neg)):
                return None  # e^{…} = …, x^2 = …: a claim, not a name being defined
            if node.sup is None and node.sub and all(isinstance(a, t.Num) for a in node.sub) \
                    and node.base.name in self.definitions and not self._known(name):
                return Definition(name, right.tree)  # h_1 = … after h = …: a new name
            if forced or not (self._known(name) or self._known(t.canon(node.base))):
                letters = index_list(node.sub) if node.sub is not None else []
                if node.sup is None and len(letters) in (1, 2) and all(
                        isinstance(i, t.Sym) and len(i.name) == 1 and
                        self._is_index_letter(i.name) for i in letters):
                    if self._free_name(node.base.name, forced):  # s_i = …, J_{ij} = …
                        return Definition(node.base.name, right.tree,
                                          index=tuple(i.name for i in letters))
                    return None
                if self._free_name(name, forced) and isinstance(node.base, t.Sym) and \
                        node.base.name not in BUILTIN:
                    return Definition(name, right.tree)
            return None
        if isinstance(node, t.Product) and len(node.items) == 2 and \
                isinstance(node.items[0], t.Sym) and node.items[0].name == "d":
            head = node.items[1]  # dZ^{[2]} = …: the name dZ^{[2]}
            name = "d" + t.canon(head)
            if self._free_name(name, forced):
                return Definition(name, right.tree)
            return None
        if isinstance(node, t.Call) and isinstance(node.fn, t.Sym) and \
                all(isinstance(a, t.Sym) for a in node.args) and \
                self._free_name(node.fn.name, forced) and len(node.fn.name) <= 12:
            return Definition(node.fn.name, right.tree,
                              params=tuple(a.name for a in node.args))
        return None

    def is_condition(self, left: _Side, right: _Side, inline: bool) -> bool:
        """``at $x = 0$``, ``$p_i = 0$``: a drawn variable set to a number is a condition
        (and so is a defined name in a sentence: "where $s_k = 0$")."""
        node = left.tree
        if node is None or right.tree is None or any(
                isinstance(n, t.Sym) for n in t.walk(right.tree)):
            return False
        if isinstance(node, t.Script) and node.sup is None:
            node = node.base
        if inline and isinstance(node, t.Sym) and node.name in self.definitions:
            return True
        kind = self.symbols.get(t.canon(node)) if isinstance(node, t.Sym) else None
        return kind is not None and kind.name not in ("constant", "index") and \
            not kind.is_function

    def _known(self, name: str) -> bool:
        return name in self.symbols or name in self.definitions

    def _is_index_letter(self, name: str) -> bool:
        kind = self.symbols.get(name)
        return (kind is not None and kind.name == "index") or (kind is None and (
            name in self.ranges or name in "ijklmnpqrc"))

    def _free_name(self, name: str, forced: bool) -> bool:
        if name in self.symbols:
            return False
        if name in self.definitions:
            return forced
        return name not in BUILTIN and name not in ("e", r"\pi", "I", r"\partial", r"\nabla",
                                                     r"\mathbf{1}", r"\mathbb{1}") and \
            not name.replace("\\", "").isdigit()

    def declare_implicit(self, trees: list[Any], definitions: list[Definition]) -> None:
        """An undeclared name written with index subscripts (``z_i``, ``W_{kj}``) is a vector
        or a matrix of IMPLICIT_SIZE; its entries are drawn positive and summing to 1, so
        that targets and probabilities written without front matter behave as such."""
        defined = {d.name for d in definitions}
        found: dict[str, int] = {}
        for tree in trees:
            for node in t.walk(tree):
                if not (isinstance(node, t.Script) and node.sub and isinstance(node.base, t.Sym)):
                    continue
                label = node.sup if isinstance(node.sup, t.Paren) else None
                name = t.canon(t.Script(node.base, None, label)) if label else node.base.name
                if name in self.symbols or name in defined or name in BUILTIN or name in (
                        "e", "I", r"\mathbb{1}", r"\mathbf{1}", "D", r"\nabla", r"\partial",
                        r"\pi") or (name == r"\delta" and len(index_list(node.sub)) == 2):
                    continue
                if not label and node.sup is not None and not isinstance(
                        node.sup, (t.Num, t.Sym)):
                    continue
                items = index_list(node.sub)
                if len(items) in (1, 2) and all(
                        isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower() and
                        (i.name not in self.symbols or self.symbols[i.name].name == "index")
                        for i in items):
                    found[name] = max(found.get(name, 0), len(items))
        for name, rank in found.items():
            self.symbols[name] = (Kind("probs", (IMPLICIT_SIZE, 1)) if rank == 1 else
                                  Kind("matrix", (IMPLICIT_SIZE, IMPLICIT_SIZE)))

    def infer_ranges(self, trees: list[Any], definitions: list[Definition]) -> None:
        """An undeclared index takes its range from what it indexes (``x_i``: 1..len x)."""
        self.sizes = {name: kind.shape for name, kind in self.symbols.items() if kind.shape}
        for _ in range(2):
            self._definition_shapes(definitions, self.sizes)
            for d in definitions:
                if d.index and all(i in self.ranges for i in d.index):
                    shape = tuple(self.ranges[i] for i in d.index)
                    self.sizes.setdefault(d.name, shape if len(shape) == 2 else shape + (1,))
            for name, n in self.local_ranges(trees).items():
                self.ranges.setdefault(name, n)

    def local_ranges(self, trees: list[Any]) -> dict[str, int]:
        """The index ranges these trees imply (a step's own reading wins over the file's)."""
        ranges: dict[str, int] = {}
        for tree in trees:
            if tree is None:
                continue
            for node in t.walk(tree):
                if isinstance(node, t.Script) and node.sub is not None:
                    self._infer_one(node, self.sizes, ranges)
                if isinstance(node, t.Call) and isinstance(node.fn, t.Script) and \
                        node.fn.sub is not None:
                    for arg in node.args:  # σ_i(x), g_k(s): i ranges over x
                        shape = self.sizes.get(t.canon(arg))
                        if shape:
                            for i in index_list(node.fn.sub):
                                self._set_range(i, shape[0], ranges)
        return ranges

    def _definition_shapes(self, definitions: list[Definition], sizes: dict) -> None:
        """The shape of each definition's value at one point (``s = softmax(z)``: a column)."""
        known: dict[str, Definition] = {}
        for d in definitions:
            known[d.name] = d
            if d.params or d.name in sizes:
                continue
            evaluator = Evaluator(self.symbols, dict(known), self.ranges)
            evaluator.deadline = time.monotonic() + 0.5
            try:
                with np.errstate(all="ignore"):
                    value = evaluator.eval(t.Sym(d.name), self._scope(0))
            except (EvalError, ArithmeticError, ValueError, TypeError, IndexError,
                    RecursionError):
                continue
            if isinstance(value, Tensor) and value.ndim == 2:
                sizes[d.name] = value.shape

    def _infer_one(self, node: t.Script, sizes: dict, ranges: dict) -> None:
        base = node.base
        names = [t.canon(t.Script(base, None, node.sup)) if node.sup is not None else None,
                 t.canon(base)]
        shape = next((sizes[n] for n in names if n in sizes), None)
        if shape is None and isinstance(base, t.Call) and base.args:
            shape = sizes.get(t.canon(base.args[0]))  # softmax(o)_y: y ranges over o
        if shape is None:
            return
        items = index_list(node.sub) if len(shape) == 2 and min(shape) > 1 else list(node.sub)
        if len(shape) == 2 and 1 in shape and len(items) == 1:
            self._set_range(items[0], max(shape), ranges)
        elif len(items) == len(shape):
            for item, n in zip(items, shape):
                self._set_range(item, n, ranges)

    def _set_range(self, node: Any, n: int, ranges: dict) -> None:
        if isinstance(node, t.Sym) and node.name not in self.symbols and len(node.name) <= 2:
            ranges.setdefault(node.name, n)

    # ---- one step ------------------------------------------------------------------------
    def check(self, left: _Side, right: _Side, condition: Piece | None,
              chain: tuple = ()) -> Step:
        """One step; ``chain`` holds the trees of its whole chain (for dσ/dx = … = σ(1 − σ))."""
        line = _line_of(self.text, right.piece)
        step = Step(line, "unreadable", left.text, right.text, "")
        for side in (left, right):
            if side.error is not None:
                where = ""
                if side.error.position is not None:
                    line, column = _line_column(self.text, side.piece.offset + side.error.position)
                    where = f" (line {line}, column {column})"
                step.message = f"cannot read {side.text[:40]!r}: {side.error.reason}{where}"
                return step
        if time.monotonic() - self.started > FILE_SECONDS:
            step.message = "not checked: the file's time limit was reached"
            return step
        try:
            cond_tree = parse(f"({condition.text})") if condition is not None else None
        except Unreadable:
            cond_tree = None
        trees = [left.tree, right.tree] + ([cond_tree] if cond_tree is not None else [])
        ranges = {**self.ranges, **self.local_ranges(trees)}
        evaluator = Evaluator(self.symbols, dict(self.definitions), ranges)
        evaluator.deadline = time.monotonic() + STEP_SECONDS
        evaluator.implicit = next((_argument(n.var) for tree in trees + list(chain)
                                   for n in t.walk(tree) if isinstance(n, t.Deriv)
                                   and _argument(n.var) is not None), None)
        indices = self._free_indices(evaluator, trees)
        combos = self._combinations(indices, ranges)
        try:
            with np.errstate(all="ignore"):
                return self._evaluate(step, evaluator, left.tree, right.tree, cond_tree,
                                      indices, combos)
        except EvalError as e:
            step.status = "unreadable"
            step.message = str(e)
            return step
        except (ArithmeticError, ValueError, TypeError, IndexError, RecursionError,
                MemoryError) as e:
            step.status = "unreadable"
            step.message = f"cannot evaluate: {type(e).__name__}: {str(e)[:120]}"
            return step

    def _free_indices(self, ev: Evaluator, trees: list) -> list[str]:
        found: list[str] = []
        bound: set[str] = set()
        for tree in trees:
            for node in t.walk(tree):
                if isinstance(node, t.BigOp) and node.sub:
                    for s in node.sub:
                        target = s.a if isinstance(s, t.Relation) else s
                        for item in index_list((target,)):
                            if isinstance(item, t.Sym):
                                bound.add(item.name)
                if isinstance(node, t.Sym) and ev.is_index(node.name) and \
                        node.name not in found:
                    found.append(node.name)
        return sorted(n for n in found if n not in bound)

    def _range(self, name: str, ranges: dict[str, int]) -> int:
        kind = self.symbols.get(name)
        return kind.size if kind is not None and kind.name == "index" else ranges[name]

    def _combinations(self, indices: list[str], known: dict[str, int]) -> list[dict[str, int]]:
        ranges = [range(1, self._range(n, known) + 1) for n in indices]
        total = math.prod(len(r) for r in ranges)
        if total <= MAX_COMBINATIONS:
            return [dict(zip(indices, c)) for c in itertools.product(*ranges)]
        rng = np.random.default_rng(self.seed)
        return [{n: int(rng.integers(1, len(r) + 1)) for n, r in zip(indices, ranges)}
                for _ in range(MAX_COMBINATIONS)]

    def _scope(self, p: int) -> Scope:
        rng = np.random.default_rng([self.seed, p])
        values = {name: Tensor(draw(kind, rng)) for name, kind in sorted(self.symbols.items())
                  if not kind.is_function and kind.name != "index"}
        return Scope(values, {}, rng, {})

    def _evaluate(self, step: Step, ev: Evaluator, left: Any, right: Any, cond: Any,
                  indices: list[str], combos: list[dict[str, int]]) -> Step:
        records = []       # (combo, left value, right value, agrees)
        skipped = 0
        shape_clash = None
        last_error: EvalError | None = None
        # Points where a side is not finite (log of a negative draw) are replaced by others.
        for p in range(REDRAWS * self.points):
            if len({r[0] for r in records}) >= self.points:
                break
            scope = self._scope(p)
            for combo in combos:
                s = scope.with_indices(combo)
                ev.visits = 0
                if cond is not None and not bool(np.all(ev.eval(cond, s))):
                    continue
                try:
                    side = "left"
                    a = ev.side(left, s)
                    side = "right"
                    a, b = _settle(a, ev.side(right, s))
                except NotDifferentiable as e:
                    skipped += 1
                    last_error = e
                    continue
                except TooLong:
                    if len(records) < MIN_EVALUATIONS:
                        raise
                    step.message_note = f" (time limit: {len(records)} evaluations)"
                    break
                except ShapeMismatch as e:
                    step.status = "fails"
                    step.message = f"the {side} side's shapes do not fit: {e}"
                    step.hint = transpose_missing(str(e))
                    return step
                if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
                    skipped += 1
                    continue
                if a.shape != b.shape:
                    shape_clash = (p, combo, a, b, scope)
                    break
                agrees = agree(a, b)
                records.append((p, combo, a, b, agrees, scope))
            if shape_clash or step.message_note:
                break
        step.evaluations = len(records)
        if shape_clash is not None:
            p, combo, a, b, scope = shape_clash
            step.status = "fails"
            step.hint = ("a transpose: the shapes are each other's transpose"
                         if a.ndim == 2 and b.shape == a.shape[::-1] else None)
            step.message = f"the shapes differ: left {describe_shape(a)}, right {describe_shape(b)}"
            step.counterexample = counterexample(p, combo, a, b, scope, self.symbols)
            return step
        if not records:
            step.status = "unreadable"
            step.message = (str(last_error) if last_error is not None else
                            "no point where both sides are finite" if skipped else
                            "the condition holds for no index values")
            return step
        bad = [r for r in records if not r[4]]
        n_points = len({r[0] for r in records})
        if not bad:
            step.status = "holds"
            where = f" × {len(combos)} index values" if indices else ""
            step.message = (f"holds at {n_points} point{'s' * (n_points != 1)}{where}"
                            f"{step.message_note}")
            return step
        p, combo, a, b, _, scope = bad[0]
        step.status = "fails"
        step.counterexample = counterexample(p, combo, a, b, scope, self.symbols)
        step.hint = hint(records, indices)
        step.message = failure_text(step.counterexample, step.hint)
        return step


def _settle(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """Two sides as arrays; ``I`` and ``1`` take the other side's size."""
    if isinstance(a, (Identity, Ones)) and isinstance(b, Tensor) and b.ndim == 2:
        a = a.of(b.shape[0]) if isinstance(a, Identity) else a.of(b.size)
    if isinstance(b, (Identity, Ones)) and isinstance(a, Tensor) and a.ndim == 2:
        b = b.of(a.shape[0]) if isinstance(b, Identity) else b.of(a.size)
    for v in (a, b):
        if not isinstance(v, Tensor):
            what = "a function" if isinstance(v, Fn) else "I or 1 of unknown size"
            raise EvalError(f"one side is {what}, not a value (write σ(z), not σ)")
    return (np.asarray(a.data, dtype=np.float64).copy(),
            np.asarray(b.data, dtype=np.float64).copy())


def check_steps(text: str, statements: list[Statement], symbols: dict[str, Kind], *,
                points: int, seed: int) -> list[Step]:
    """Every step of the statements, in order (definitions included, as ``definition``)."""
    checker = _Checker(text, symbols, points, seed)
    chains: list[tuple[list[_Side], Statement]] = []
    previous: _Side | None = None
    for st in statements:
        sides = [checker.side(p) for p in st.pieces]
        if st.continues:
            if previous is None:
                continue
            sides = [previous] + sides
        chains.append((sides, st))
        previous = sides[-1]
    # Index ranges come from every expression of the file, definitions from their order.
    trees = [s.tree for sides, _ in chains for s in sides if s.tree is not None]
    provisional = []
    for sides, st in chains:
        d = checker.definition_of(sides[0], sides[1], st.defining) if not st.continues else None
        if d is not None:
            provisional.append(d)
    checker.declare_implicit(trees, provisional)
    checker.infer_ranges(trees, provisional)
    steps: list[Step] = []
    for sides, st in chains:
        for k, (left, right) in enumerate(zip(sides, sides[1:])):
            if len(steps) >= MAX_STEPS:
                return steps
            if len(sides) == 2 and not st.continues and checker.is_condition(left, right, st.inline):
                continue
            d = checker.definition_of(left, right, st.defining) if (
                k == 0 and not st.continues) else None
            if d is not None and d.index:
                local = checker.local_ranges([left.tree, right.tree])
                size = tuple(local.get(i, checker.ranges.get(i)) for i in d.index)
                d = Definition(d.name, d.expr, d.params, d.index, size)
            if d is not None:
                checker.definitions[d.name] = d
                steps.append(Step(_line_of(text, right.piece), "definition", left.text,
                                  right.text, f"defines {d.name}" + (
                                      f"({', '.join(d.params)})" if d.params else
                                      "_" + "".join(d.index) if d.index else "")))
                continue
            steps.append(checker.check(left, right, st.condition,
                                       tuple(s.tree for s in sides if s.tree is not None)))
    return steps
