"""Check every step of every chain: both sides at random points and every index value.

The scope pass (:mod:`.scope`) says what each statement is and where each name comes from;
:mod:`.infer` gives the undeclared inputs their kinds. A step holds when every evaluation
agrees within relative 1e-6 / absolute 1e-9 under one reading of its notation; it fails only
when no reading makes it hold and every value of the counterexample comes from the text (a
declaration, a definition, an index, or a kind read from use and listed as assumed);
otherwise it is unreadable, with the question to answer.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...engine import Tensor
from . import doubts
from . import tree as t
from .evaluate import Evaluator, Scope
from .hints import counterexample, describe_shape, failure_text, fmt, hint, transpose_missing
from .infer import infer
from .markdown import Piece, Statement
from .parse import AMBIGUOUS_GROUP, Unreadable, parse, thousands_reading
from .readings import settle
from .scope import (
    Definition,
    Item,
    Names,
    Side,
    chance,
    index_list,
    is_label_sub,
    matrix_forms,
    mentioned_names,
    read,
)
from .sums import OVER_A_SET
from .symbols import Kind, draw
from .target import Target, TargetVerdict, reaches
from .unspecified import assume_loss, unspecified_loss
from .values import (
    BUILTIN,
    EvalError,
    Identity,
    NotDifferentiable,
    Ones,
    ShapeMismatch,
    TooLong,
    Undeclared,
    agree,
    as_tensor,
)

__all__ = ["Step", "check_steps", "MAX_COMBINATIONS"]

MAX_COMBINATIONS = 64
REDRAWS = 4          # draws tried per point wanted
MAX_STEPS = 2000
STEP_SECONDS = 4.0
MIN_EVALUATIONS = 8  # a step out of time is decided on at least these many


@dataclass
class Step:
    """One step ``left = right`` (or a definition, or a statement that is not a claim) and
    what checking it found."""

    line: int
    status: str                     # "holds" | "fails" | "unreadable" | "definition" | "skipped"
    left: str
    right: str
    message: str
    counterexample: dict[str, Any] | None = None
    hint: str | None = None
    evaluations: int = 0
    message_note: str = ""           # why fewer evaluations than asked were made
    reading: str | None = None       # how the notation was read, when not the plain way
    sign: str = "="                  # the relation written between left and right
    cell: tuple[int, int] | None = None   # in a notebook: (cell, line in the cell)
    uses: list[str] = field(default_factory=list)   # the drawn names the step depends on

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "status": self.status, "left": self.left,
                               "right": self.right, "message": self.message}
        if self.counterexample is not None:
            out["counterexample"] = self.counterexample
        if self.hint:
            out["hint"] = self.hint
        if self.reading:
            out["reading"] = self.reading
        if self.evaluations:
            out["evaluations"] = self.evaluations
        if self.cell is not None:
            out["cell"], out["cell_line"] = self.cell
        return out


class _Lines:
    """File offsets to 1-based lines and columns (one index, so a large file stays linear)."""

    def __init__(self, text: str):
        self.starts = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def line_column(self, offset: int) -> tuple[int, int]:
        line = self.line(offset)
        return line, offset - self.starts[line - 1] + 1


def _argument(var: Any) -> Any:
    """What a function written bare is a function of, beside ∂…/∂x (x) or ∂…/∂z_j (z)."""
    if isinstance(var, t.Sym):
        return var
    if isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sub is not None:
        return var.base if var.sup is None else t.Script(var.base, None, var.sup)
    return None


ARGUMENT = "the argument"   # what functions written bare on both sides are applied to


def _bare_functions(trees: list[Any]) -> bool:
    """Whether a function of the table is written without its argument (``σ'``, ``1 − σ``)."""
    for tree in trees:
        called = {id(n.fn) for n in t.walk(tree) if isinstance(n, t.Call)}
        for n in t.walk(tree):
            if isinstance(n, t.Sym) and n.name in BUILTIN and id(n) not in called:
                return True
            if isinstance(n, t.Prime) and isinstance(n.base, t.Sym) and id(n) not in called:
                return True
    return False


def _applied_argument(trees: list[Any]) -> Any:
    """The one argument the chain applies its functions to (``σ'(z)``, ``σ(z)``): what a
    function written bare beside them (``∂σ/∂w``) is a function of; None if several."""
    found: dict[str, Any] = {}
    for tree in trees:
        for n in t.walk(tree):
            if isinstance(n, t.Call) and len(n.args) == 1 and (
                    isinstance(n.fn, t.Sym) and n.fn.name in BUILTIN or
                    isinstance(n.fn, t.Prime) and isinstance(n.fn.base, t.Sym) and
                    n.fn.base.name in BUILTIN) and not any(
                        isinstance(m, t.Sym) and m.name in BUILTIN for m in t.walk(n.args[0])):
                found[t.canon(n.args[0])] = n.args[0]     # not σ(1 − σ): a product
    return next(iter(found.values())) if len(found) == 1 else None


def free_index_names(tree: Any, is_index) -> list[str]:
    """The indices used free in ``tree``: not bound by a sum, product or max around them
    (``\\sum_j e^{x_j}`` binds j; a ``j`` beside it is free)."""
    found: list[str] = []

    def visit(node: Any, bound: frozenset[str]) -> None:
        if isinstance(node, t.Product):
            inner = bound
            for item in node.items:
                if isinstance(item, t.BigOp) and item.sub:
                    visit_limits(item, inner)
                    inner = inner | _bound_by(item.sub)
                    continue
                if isinstance(item, t.Script) and isinstance(item.base, t.Sym) and \
                        item.base.name in (r"\max", r"\min", "max", "min", r"\arg\max") \
                        and item.sub:
                    inner = inner | _bound_by(item.sub)
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

    def visit_limits(op: t.BigOp, bound: frozenset[str]) -> None:
        for s in op.sub or ():
            if isinstance(s, t.Relation):
                visit(s.b, bound)
        if op.sup is not None:
            visit(op.sup, bound)

    visit(tree, frozenset())
    return found


def _bound_by(sub: tuple) -> frozenset[str]:
    names = set()
    for s in sub:
        target = s.a if isinstance(s, t.Relation) else s
        for item in index_list((target,)):
            if isinstance(item, t.Sym):
                names.add(item.name)
    return frozenset(names)


class Checker:
    """The state of one file's check: names, index ranges, parses, the deadline."""

    def __init__(self, text: str, names: Names, points: int, seed: int, deadline: float):
        self.text = text
        self.names = names
        self.points = points
        self.seed = seed
        self.deadline = deadline
        self.lines = _Lines(text)
        self.ranges: dict[str, int] = {}
        self.sizes: dict[str, tuple[int, ...]] = {}
        self._parsed: dict[str, tuple[Any, Unreadable | None]] = {}
        self.fixed: dict[str, Any] = {}
        self.argument: Any = None
        self.dropped: str | None = None
        self.item: Item | None = None          # the statement being checked
        self.mentions: dict[str, int] = {}
        self.mentioned_on: dict[str, int] = {}
        # names the text gives a value in a statement the checker could not read (a
        # recurrence, a form it does not know): their draws are not what the text says
        self.unread: dict[str, tuple[int, str]] = {}
        # names the text gives a rounded value ("a = σ(1.1) = 0.750"): name -> that value
        self.rounded: dict[str, float] = {}

    def side(self, piece: Piece) -> Side:
        key = piece.text
        if key not in self._parsed:
            try:
                self._parsed[key] = (parse(piece.text), None)
            except Unreadable as e:
                self._parsed[key] = (None, e)
        tree, error = self._parsed[key]
        return Side(piece, tree, error)

    def line_of(self, piece: Piece) -> int:
        """The 1-based file line on which ``piece``'s expression starts."""
        stripped = len(piece.text) - len(piece.text.lstrip())
        return self.lines.line(piece.offset + stripped)

    def evaluator(self, line: int, paragraph: int, ranges: dict[str, int] | None = None,
                  seconds: float = STEP_SECONDS) -> Evaluator:
        ev = Evaluator(self.names, self.ranges if ranges is None else ranges, line, paragraph)
        ev.deadline = min(time.monotonic() + seconds, self.deadline)
        return ev

    # ---- index ranges --------------------------------------------------------------------
    def infer_ranges(self, items: list[Item]) -> None:
        """An undeclared index takes its range from what it indexes (``x_i``: 1..len x)."""
        symbols = self.names.symbols()
        self.sizes = {name: kind.shape for name, kind in symbols.items() if kind.shape}
        trees = [s.tree for item in items for s in item.sides if s.tree is not None]
        for _ in range(2):
            self._definition_shapes()
            for ds in self.names.definitions.values():
                for d in ds:
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
                    self._infer_one(node, ranges)
                if isinstance(node, t.Call) and isinstance(node.fn, t.Script) and \
                        node.fn.sub is not None:
                    for arg in node.args:  # σ_i(x), g_k(s): i ranges over x
                        shape = self.sizes.get(t.canon(arg))
                        if shape:
                            for i in index_list(node.fn.sub):
                                self._set_range(i, shape[0], ranges)
        return ranges

    def _definition_shapes(self) -> None:
        """The shape of each definition's value at one point (``s = softmax(z)``: a column)."""
        for ds in self.names.definitions.values():
            for d in ds:
                if d.params or d.name in self.sizes:
                    continue
                ev = self.evaluator(d.line, d.paragraph, seconds=0.5)
                try:
                    with np.errstate(all="ignore"):
                        value = ev.eval(t.Sym(d.name), self.scope(0))
                except (EvalError, ArithmeticError, ValueError, TypeError, IndexError,
                        RecursionError):
                    continue
                if isinstance(value, Tensor) and value.ndim == 2:
                    self.sizes[d.name] = value.shape

    def _infer_one(self, node: t.Script, ranges: dict) -> None:
        base = node.base
        names = [t.canon(t.Script(base, None, node.sup)) if node.sup is not None else None,
                 t.canon(base)]
        shape = next((self.sizes[n] for n in names if n in self.sizes), None)
        if shape is None and isinstance(base, t.Call) and base.args:
            shape = self.sizes.get(t.canon(base.args[0]))  # softmax(o)_y: y ranges over o
        if shape is None:
            return
        items = index_list(node.sub) if len(shape) == 2 and min(shape) > 1 else list(node.sub)
        if len(shape) == 2 and 1 in shape and len(items) == 1:
            self._set_range(items[0], max(shape), ranges)
        elif len(items) == len(shape):
            for item, n in zip(items, shape):
                self._set_range(item, n, ranges)

    def _set_range(self, node: Any, n: int, ranges: dict) -> None:
        name = t.canon(node) if isinstance(node, (t.Sym, t.Script)) else None
        if name is None or name in self.names.declared and \
                self.names.declared[name].name != "index":
            return
        if isinstance(node, t.Sym) and len(node.name) > 2:
            return
        if name in self.names.declared or name in self.names.definitions:
            return
        ranges.setdefault(name, n)

    def is_index(self, name: str, ranges: dict[str, int]) -> bool:
        kind = self.names.declared.get(name)
        if kind is not None:
            return kind.name == "index"
        return name in ranges and name not in self.names.definitions

    # ---- one step ------------------------------------------------------------------------
    def check(self, left: Side, right: Side, item: Item, chain: tuple = ()) -> Step:
        """One step; ``chain`` holds the trees of its whole chain (for dσ/dx = … = σ(1 − σ)).
        A step with a number such as 628,000 or 60{,}000 that fails when the comma is read
        as a decimal comma is read again with thousands; it fails only if it fails both ways."""
        step = self._check_once(left, right, item, chain)
        if step.status != "fails" or not any(AMBIGUOUS_GROUP.search(side.piece.text)
                                             for side in (left, right)):
            return step
        other = [self.side(Piece(thousands_reading(side.piece.text), side.piece.offset))
                 for side in (left, right)]
        again = self._check_once(other[0], other[1], item, chain)
        again.left, again.right = step.left, step.right
        if again.status == "fails":
            return step
        if again.status == "holds":
            note = "the comma of a number as a thousands separator"
            again.reading = f"{again.reading}; {note}" if again.reading else note
            again.message += f" (read {note})"
            return again
        step.status, step.counterexample, step.hint = "unreadable", None, None
        step.message = ("a number with a comma: a decimal comma or a thousands separator? "
                        "write it without (628000, or 628.0)")
        return step

    def _check_once(self, left: Side, right: Side, item: Item, chain: tuple = ()) -> Step:
        line = self.line_of(right.piece)
        self.item = item
        step = Step(line, "unreadable", left.text, right.text, "")
        for side in (left, right):
            if side.error is not None:
                where = ""
                if side.error.position is not None:
                    ln, column = self.lines.line_column(side.piece.offset + side.error.position)
                    where = f" (line {ln}, column {column})"
                step.message = f"cannot read {side.text[:40]!r}: {side.error.reason}{where}"
                return step
        if time.monotonic() > self.deadline:
            step.message = "not checked: the file's time limit was reached"
            return step
        if item.ambiguous is not None:
            step.message = item.ambiguous
            return step
        taken = sorted(chance(left.tree, self.names) | chance(right.tree, self.names))
        if taken:
            step.message = (f"{taken[0]} is an expectation or a probability over a "
                            f"distribution; the checker evaluates values at points, not "
                            f"distributions")
            return step
        loss = unspecified_loss(self, left.tree, right.tree, item)
        if loss is None:
            return self._check_read(step, left, right, item, chain)
        try:
            undo = assume_loss(self, *loss, item)
        except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, RecursionError,
                MemoryError):
            return self._check_read(step, left, right, item, chain)   # its quantities unread
        try:
            step = self._check_read(step, left, right, item, chain)
        finally:
            undo()
        if step.status in ("holds", "fails"):
            said = f"for any {loss[0]}: {loss[0]} read as ⟨G, {', '.join(loss[2])}⟩, G arbitrary"
            step.reading = f"{step.reading}; {said}" if step.reading else said
            if step.status == "holds":
                step.message += f" ({said})"
        return step

    def _check_read(self, step: Step, left: Side, right: Side, item: Item,
                    chain: tuple) -> Step:
        condition = item.statement.condition
        conds = list(item.conditions)
        if condition is not None:
            try:
                cond = parse(f"({condition.text})")
                conds.append(cond.args[0] if isinstance(cond, t.Paren) and
                             len(cond.args) == 1 else cond)
            except Unreadable:
                pass
        cond_tree = None
        fixed: dict[str, Any] = {}
        for c in conds:
            if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, (t.Sym, t.Script)) \
                    and t.canon(c.a) in self.names.symbols() and \
                    self.names.symbols()[t.canon(c.a)].name != "index":
                fixed[t.canon(c.a)] = c.b        # at x = 0: x is 0 in these steps
                continue
            if isinstance(c, t.Relation) and c.op == "=" and isinstance(c.a, t.Script) and \
                    isinstance(c.a.base, t.Sym) and c.a.sup is None and c.a.sub and \
                    all(isinstance(i, t.Num) and float(i.value).is_integer() and i.value >= 1
                        for i in index_list(c.a.sub)) and \
                    self.names.symbols().get(c.a.base.name, Kind("index")).name in (
                        "vector", "matrix", "scalar") and \
                    self.names.symbols()[c.a.base.name].shape:
                # "with weights $w_1 = -3$, $w_2 = 1$": components of a drawn vector
                fixed[t.canon(c.a)] = (c.a.base.name, tuple(int(i.value) - 1 for i in
                                                            index_list(c.a.sub)), c.b)
                continue
            cond_tree = c if cond_tree is None else t.Product((cond_tree, c))
        trees = [left.tree, right.tree] + conds
        ranges = {**self.ranges, **self.local_ranges(trees)}
        ev = self.evaluator(item.line, item.paragraph, ranges)
        ev.implicit = _applied_argument(trees + list(chain)) or next(
            (_argument(n.var) for tree in trees + list(chain) for n in t.walk(tree)
             if isinstance(n, t.Deriv) and _argument(n.var) is not None), None)
        self.argument = None
        if ev.implicit is None and _bare_functions([left.tree]) and \
                _bare_functions([right.tree]):
            # σ' = σ(1 − σ): functions compared as functions, at a number drawn for them
            # (both sides written so: in σ = 1/√n, σ is a number of the text's)
            ev.implicit = self.argument = t.Sym(ARGUMENT)
        indices: list[str] = []
        for tree in trees:
            for name in free_index_names(tree, lambda n: self.is_index(n, ranges)):
                if name not in indices:
                    indices.append(name)
        indices.sort()
        try:
            combos = self._combinations(indices, ranges)
            with np.errstate(all="ignore"):
                return self._evaluate(step, ev, left.tree, right.tree, cond_tree, indices,
                                      combos, fixed)
        except Undeclared as e:
            step.status = "unreadable"
            step.message = str(e)
            return step
        except EvalError as e:
            step.status = "unreadable"
            step.message = str(e)
            return step
        except (ArithmeticError, ValueError, TypeError, IndexError, RecursionError,
                MemoryError) as e:
            step.status = "unreadable"
            step.message = "cannot evaluate this step: " + _in_words(e)
            return step

    def _range(self, name: str, known: dict[str, int]) -> int:
        kind = self.names.declared.get(name)
        if kind is not None and kind.name == "index":
            return kind.size
        if name not in known:
            raise EvalError(f"the range of the index {name} is unknown; declare it "
                            f"({name}: index N)")
        return known[name]

    def _combinations(self, indices: list[str], known: dict[str, int]) -> list[dict[str, int]]:
        sizes = [self._range(n, known) for n in indices]
        total = math.prod(sizes)
        if total <= MAX_COMBINATIONS:
            return [dict(zip(indices, c)) for c in itertools.product(
                *(range(1, n + 1) for n in sizes))]
        rng = np.random.default_rng(self.seed)
        return [{n: int(rng.integers(1, size + 1)) for n, size in zip(indices, sizes)}
                for _ in range(MAX_COMBINATIONS)]

    def scope(self, p: int, domains: dict[str, Kind] | None = None) -> Scope:
        """The values of point ``p``; ``domains`` redraws some inferred names from another
        domain (a probability vector, a one-hot vector, positive numbers)."""
        # each name from its own stream: a name's draws do not change when others are added
        drawn = {name: Tensor(draw((domains or {}).get(name, kind), np.random.default_rng(
                     [self.seed, p, zlib.crc32(name.encode())])))
                 for name, kind in sorted(self.names.symbols().items())
                 if not kind.is_function and kind.name != "index"}
        return Scope({}, {}, np.random.default_rng([self.seed, p]), drawn=drawn)

    def count_mentions(self, items: list[Item]) -> None:
        """In how many statements each name is written: an undeclared name written in one
        statement only is anchored by nothing (a matrix X named once in a vectorised form)."""
        self.mentions, self.mentioned_on = {}, {}
        for item in items:
            found: set[str] = set()
            for side in item.sides:
                if side.tree is not None:
                    found |= mentioned_names(side.tree)
            for name in found:
                self.mentions[name] = self.mentions.get(name, 0) + 1
                self.mentioned_on.setdefault(name, item.line)

    def _related(self, cond: Any, left: Any, right: Any, ev: Evaluator) -> bool:
        """Whether a condition mentions a name the step depends on (through definitions)."""
        names = mentioned_names(cond)
        return any(ev._depends(side, n) for side in (left, right) for n in names)

    def _agrees_as_rounded(self, ev: Evaluator, left: Any, right: Any, step: Step,
                           scope: Scope) -> bool:
        """Whether the step holds, to the digits it shows, when the names the text gave a
        rounded value (a = 0.750) take that value, as the writer computed with them."""
        used = (mentioned_names(left) if left is not None else set()) | (
            mentioned_names(right) if right is not None else set())
        values = {n: Tensor(np.float64(v)) for n, v in self.rounded.items() if n in used}
        if not values:
            return False
        try:
            rounded = scope.with_values(values)
            a = np.asarray(as_tensor(ev.side(left, rounded)).data, dtype=np.float64)
            b = np.asarray(as_tensor(ev.side(right, rounded)).data, dtype=np.float64)
        except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
            return False
        if a.shape != b.shape or not a.size:
            return False
        slack = _rounding_slack(ev, left, step.left, rounded) + _rounding_slack(
            ev, right, step.right, rounded)
        return agree(a, b) or float(np.max(np.abs(a - b))) <= slack * (1 + 1e-6)

    def _counterexample(self, p: int, combo: dict, a: Any, b: Any, scope: Scope,
                        ev: Evaluator) -> dict[str, Any]:
        """The values a failure shows: the inputs drawn, never a name the text defines there
        (S = QKᵀ/√d is computed from Q and K, not drawn, even where a derivative is read at it)."""
        defined = ev.definitions
        return counterexample(p, combo, a, b, scope, {
            n: k for n, k in self.names.symbols().items() if n not in defined})

    def _guessed(self, used: set[str]) -> str:
        """The kinds read from use (not declared) of the names a step used, in words: a shape
        that does not fit may rest on any of them (a number that is really a matrix)."""
        guessed = [f"{n} is {self.names.inferred_why.get(n, '')}" for n in sorted(used)
                   if n in self.names.inferred and n not in self.names.inferred_firm]
        guessed += [f"{n} is {self.names.declared[n].describe()} with {why}"
                    for n, why in sorted(self.names.sized.items()) if n in used]
        return ", ".join(guessed)

    def domain_alternatives(self, used: set[str]) -> list[tuple[str, dict[str, Kind]]]:
        """Other domains for the inferred names a step uses: an undeclared target may be a
        probability vector or a one-hot label, an undeclared number positive or in (0, 1).
        Declared names keep their declaration."""
        inferred = {n: k for n, k in self.names.inferred.items() if n in used and
                    not n.startswith("∂")}     # not the derivative of an unspecified loss
        vectors = {n: k for n, k in inferred.items() if k.name == "vector"}
        scalars = {n: k for n, k in inferred.items() if k.name == "scalar"}
        matrices = {n: k for n, k in inferred.items() if k.name == "matrix"}
        out = []
        if vectors:
            for kind, words in (("probs", "a probability vector"), ("onehot", "one-hot")):
                out.append((f"with {', '.join(sorted(vectors))} {words}",
                            {n: Kind(kind, k.shape) for n, k in vectors.items()}))
        if matrices:
            # t_{nk} one-hot per sample: the rows (or the columns) of a matrix of labels
            for kind, words in (("probs_rows", "rows probability vectors"),
                                ("onehot_rows", "rows one-hot"),
                                ("probs_cols", "columns probability vectors"),
                                ("onehot_cols", "columns one-hot")):
                out.append((f"with {', '.join(sorted(matrices))}'s {words}",
                            {n: Kind(kind, k.shape) for n, k in matrices.items()}))
        if vectors or scalars:
            out.append((f"with {', '.join(sorted({**vectors, **scalars}))} positive",
                        {n: Kind("positive", k.shape) for n, k in {**vectors,
                                                                   **scalars}.items()}))
        if scalars:
            out.append((f"with {', '.join(sorted(scalars))} in (0, 1)",
                        {n: Kind("probability", k.shape) for n, k in scalars.items()}))
        return out

    def _evaluate(self, step: Step, ev: Evaluator, left: Any, right: Any, cond: Any,
                  indices: list[str], combos: list[dict[str, int]],
                  fixed: dict[str, Any]) -> Step:
        self.fixed = fixed
        self.dropped = None
        self._run(step, ev, left, right, cond, indices, combos, None)
        if step.status == "fails" and self.dropped:
            step.status, step.message, step.counterexample, step.hint = (
                "unreadable", self.dropped, None, None)
            return step
        # Notation with a second reading, tried when the first fails (wrong only if wrong
        # both ways): (I − ηA)^k as a matrix power, as linear algebra writes it; softmax(S) of
        # a matrix along each row, as attention and a batch of samples in rows write it.
        for used, flag, words in (
                ("square_powers", "matrix_powers", "a square matrix's power as A A"),
                ("matrix_softmax", "softmax_rows", "the softmax of a matrix along its rows")):
            if step.status != "fails" or not getattr(ev, used):
                continue
            trial = Step(step.line, "unreadable", step.left, step.right, "")
            setattr(ev, flag, True)
            try:
                self._run(trial, ev, left, right, cond, indices, combos, None)
            except EvalError:
                trial.status = "fails"
            setattr(ev, flag, False)
            if trial.status == "holds":
                trial.reading = "; ".join(filter(None, (trial.reading, words)))
                trial.message = trial.message.split(" (read")[0] + f" (read {trial.reading})"
                return trial
        if step.status != "fails" or not any(n in self.names.inferred for n in step.uses):
            return step
        # A failure that rests on a kind read from use: the step holds if the undeclared
        # names, drawn from another plausible domain, make it hold.
        for words, domains in self.domain_alternatives(set(step.uses)):
            trial = Step(step.line, "unreadable", step.left, step.right, "")
            ev.confirmations = max(ev.confirmations, 4)
            try:
                self._run(trial, ev, left, right, cond, indices, combos, domains)
            except EvalError:
                continue
            if trial.status == "holds":
                trial.reading = "; ".join(filter(None, (trial.reading, words)))
                trial.message = trial.message.split(" (read")[0] + f" (read {trial.reading})"
                return trial
        return step

    def _run(self, step: Step, ev: Evaluator, left: Any, right: Any, cond: Any,
             indices: list[str], combos: list[dict[str, int]],
             domains: dict[str, Kind] | None) -> Step:
        records = []       # (point, combo, left value, right value, agrees, scope)
        skipped = 0
        shape_clash = None
        last_error: EvalError | None = None
        readings: set[str] = set()
        shown = _shown_unit(step.left, step.right)   # σ(2) = 0.88: rounded as written
        literal_left = _shown_unit(step.left) == shown
        cut: list[bool] = []     # failing records that agree if the digits were cut, not rounded
        # Points where a side is not finite (log of a negative draw) are replaced by others.
        for p in range(REDRAWS * self.points):
            if len({r[0] for r in records}) >= self.points:
                break
            scope = self.scope(p, domains)
            if self.argument is not None:
                scope.values[ARGUMENT] = Tensor(np.float64(
                    np.random.default_rng([self.seed, p, 7]).uniform(-2.0, 2.0)))
            for n, v in self.fixed.items():   # at x = 0, the special case B = I
                if isinstance(v, tuple):       # a component: w_2 = 1
                    base, at, tree = v
                    whole = np.array(as_tensor(scope.values.get(base, scope.drawn[base])).data,
                                     dtype=np.float64)
                    flat = whole.reshape(whole.shape[0], -1) if len(at) == 1 else whole
                    if len(at) == 1 and whole.ndim == 2 and 1 not in whole.shape:
                        raise EvalError(f"{n}: which entry of the matrix {base}?")
                    position = (at[0], 0) if len(at) == 1 else at
                    if len(at) == 1 and whole.ndim == 2 and whole.shape[0] == 1:
                        position = (0, at[0])
                    flat[position] = float(as_tensor(ev.eval(tree, scope)).data)
                    scope.values[base] = Tensor(whole)
                    continue
                value = ev.eval(v, scope)
                kind = self.names.symbols()[n]
                if isinstance(value, (Identity, Ones)) and kind.shape:
                    value = value.of(kind.shape[0])
                scope.values[n] = Tensor(np.asarray(as_tensor(value).data, dtype=np.float64))
            for combo in combos:
                s = scope.with_indices(combo)
                ev.visits = 0
                if cond is not None:
                    try:
                        met = bool(np.all(np.asarray(ev.eval(cond, s).data)))
                    except Undeclared as e:
                        if not self._related(cond, left, right, ev):
                            cond = None        # about other names: no bearing on this step
                        else:
                            self.dropped = f"the condition it is under cannot be read: {e}"
                            cond = None
                        met = True
                    except EvalError as e:
                        # a condition on names the text does not give: checked without it;
                        # a failure then is not one (see below)
                        self.dropped = f"the condition it is under cannot be read: {e}"
                        cond = None
                        met = True
                    if not met:
                        continue
                try:
                    side = "left"
                    a = ev.side(left, s)
                    side = "right"
                    b = ev.side(right, s)
                    a, b, reading = settle(a, b)
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
                    guessed = self._guessed(scope.drew)
                    if guessed:
                        step.status = "unreadable"
                        step.message = (f"the {side} side's shapes do not fit ({e}) with sizes "
                                        f"read from use ({guessed}); declare them")
                        return step
                    doubt = doubts.doubt(self, step, scope, left, right)
                    if doubt is not None:
                        step.status, step.message = "unreadable", doubt
                        return step
                    step.status = "fails"
                    step.message = f"the {side} side's shapes do not fit: {e}"
                    step.hint = transpose_missing(str(e))
                    return step
                if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
                    skipped += 1
                    continue
                if a.shape != b.shape and _zero(left) and b.ndim:
                    a = np.zeros_like(b)           # ∇f(x) = … = 0: the zero vector
                    readings.add("0 as the zero array")
                elif a.shape != b.shape and _zero(right) and a.ndim:
                    b = np.zeros_like(a)
                    readings.add("0 as the zero array")
                if a.shape != b.shape:
                    shape_clash = (p, combo, a, b, scope)
                    break
                if reading:
                    readings.add(reading)
                agrees = agree(a, b)
                if not agrees and a.size:
                    # ½(0.750 − 1)² = 0.03125 with a = σ(1.1) = 0.7503: numbers rounded as
                    # written carry their rounding into what is computed from them
                    slack = _rounding_slack(ev, left, step.left, s) + \
                        _rounding_slack(ev, right, step.right, s)
                    if slack and float(np.max(np.abs(a - b))) <= slack * (1 + 1e-6):
                        agrees = True
                        readings.add("to the digits shown")
                if not agrees and self.rounded:
                    agrees = self._agrees_as_rounded(ev, left, right, step, s)
                    if agrees:
                        readings.add("with the values the text rounds (" + ", ".join(
                            f"{n} = {v:g}" for n, v in sorted(self.rounded.items())
                            if n in mentioned_names(left) | mentioned_names(right)) + ")")
                if not agrees and shown is not None:
                    gap = float(np.max(np.abs(a - b))) if a.size else 0.0
                    unit = shown
                    if gap <= 0.5 * unit * (1 + 1e-9):
                        agrees = True
                        readings.add("to the digits shown")
                    else:   # 0.880 for 0.8808: digits cut toward zero, not rounded
                        written, value = (a, b) if literal_left else (b, a)
                        cut.append(gap <= unit * (1 + 1e-9) and bool(
                            np.all(np.abs(written) <= np.abs(value))))
                records.append((p, combo, a, b, agrees, scope))
            if shape_clash or step.message_note:
                break
        readings |= ev.notes
        step.evaluations = len(records)
        step.uses = sorted(scope.drew) if records or shape_clash else []
        if shape_clash is not None:
            p, combo, a, b, scope = shape_clash
            guessed = self._guessed(scope.drew)
            if guessed:
                step.status = "unreadable"
                step.message = (f"the shapes differ (left {describe_shape(a)}, right "
                                f"{describe_shape(b)}) with sizes read from use ({guessed}); "
                                f"declare them")
                return step
            doubt = doubts.doubt(self, step, scope, left, right)
            if doubt is not None:
                step.status, step.message = "unreadable", doubt
                return step
            step.status = "fails"
            step.hint = ("a transpose: the shapes are each other's transpose"
                         if a.ndim == 2 and b.shape == a.shape[::-1] else None)
            step.message = f"the shapes differ: left {describe_shape(a)}, right {describe_shape(b)}"
            step.counterexample = self._counterexample(p, combo, a, b, scope, ev)
            return step
        if not records:
            step.status = "unreadable"
            step.message = (str(last_error) if last_error is not None else
                            "no point where both sides are finite" if skipped else
                            "the condition holds for no index values")
            return step
        bad = [r for r in records if not r[4]]
        n_points = len({r[0] for r in records})
        if readings:
            step.reading = "; ".join(sorted(readings))
        if not bad:
            step.status = "holds"
            where = f" × {len(combos)} index values" if indices else ""
            step.message = (f"holds at {n_points} point{'s' * (n_points != 1)}{where}"
                            f"{step.message_note}")
            if step.reading:
                step.message += f" (read {step.reading})"
            return step
        p, combo, a, b, _, scope = bad[0]
        failing_points = {r[0] for r in bad}
        if any(r[0] not in failing_points for r in records) and \
                not _kinked([left, right], {}) and _kinked([left, right], ev.definitions):
            # ∂L/∂a = 2(n − p) for L = max(0, …): true where the max is active, and the text
            # may say so in words only
            step.status = "unreadable"
            step.message = ("holds at some points and not at others, through a max, an "
                            "absolute value or a case split: if the text restricts it in words "
                            "(\"while the loss is active\"), write the condition (for … > 0)")
            return step
        if cut and all(cut):
            step.status = "unreadable"
            step.message = (f"agrees to the digits shown only if "
                            f"they were cut rather than rounded (left {fmt(a)}, right {fmt(b)})")
            return step
        guessed = self._guessed(scope.drew)
        doubt = doubts.doubt(self, step, scope, left, right)
        if doubt is not None:
            step.status, step.message = "unreadable", doubt
            return step
        over_sets = sorted(r for r in readings if r.startswith(OVER_A_SET))
        if over_sets:
            # a sum over j ∈ out read over every j: the set may be a part of j's range
            step.status = "unreadable"
            step.message = (f"does not hold when read {over_sets[0]}; if the set is a part of "
                            f"that range, write the sum's range (j = 1 … N) to have it checked")
            return step
        if readings and guessed:
            step.status = "unreadable"
            step.message = (f"does not hold when read {'; '.join(sorted(readings))}, with kinds "
                            f"read from use ({guessed}); declare them to have it checked")
            return step
        step.status = "fails"
        step.counterexample = self._counterexample(p, combo, a, b, scope, ev)
        step.hint = hint(records, indices)
        step.message = failure_text(step.counterexample, step.hint)
        return step


_KINKS = frozenset({"max", r"\max", "min", r"\min", "relu", "ReLU", "sign", r"\operatorname{sign}",
                    "sgn", "hinge", "abs", r"\mathbb{1}", "heaviside"})


def _kinked(trees: list[Any], definitions: dict[str, Definition]) -> bool:
    """Whether the trees, or the definitions they use, take a max, a min, an absolute value,
    a sign, an indicator or cases: an expression with pieces. (A step whose own sides do so
    speaks of the pieces itself; one that does so only through a definition, L = max(0, …),
    writes one formula for what has several.)"""
    seen: set[str] = set()
    todo = [tree for tree in trees if tree is not None]
    while todo:
        for n in t.walk(todo.pop()):
            if isinstance(n, t.Cases) or isinstance(n, t.Apply) and n.fn in ("abs", "norm1"):
                return True
            if isinstance(n, t.Sym):
                if n.name in _KINKS:
                    return True
                d = definitions.get(n.name)
                if d is not None and n.name not in seen:
                    seen.add(n.name)
                    todo.append(d.expr)
    return False


def _zero(tree: Any) -> bool:
    """The literal 0 (or \\mathbf{0}, \\vec{0}): written for a zero of any shape."""
    return isinstance(tree, t.Num) and tree.value == 0


_DECIMAL = re.compile(r"\s*[-−]?\s*\d+\.(\d+)\s*")
_SCIENTIFIC = re.compile(r"\s*[-−]?\s*\d+(?:\.(\d+))?\s*\\(?:times|cdot)\s*10\s*\^\s*\{?\s*"
                         r"([-−]?\d+)\s*\}?\s*")
_PERCENT = re.compile(r"\s*[-−]?\s*\d+(?:\.(\d+))?\s*\\%\s*")


_WRITTEN_DECIMAL = re.compile(r"(?<![\w.{])(\d+)\.(\d+)(?![\d.])")


def _substitute(node: Any, old: Any, new: Any) -> Any:
    """``node`` with the sub-tree ``old`` (that very object) replaced by ``new``."""
    if node is old:
        return new
    if isinstance(node, tuple):
        return tuple(_substitute(n, old, new) for n in node)
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {f.name: _substitute(getattr(node, f.name), old, new)
                   for f in dataclasses.fields(node)}
        if any(changes[k] is not getattr(node, k) for k in changes):
            return dataclasses.replace(node, **changes)
    return node


def _rounding_slack(ev: Evaluator, tree: Any, text: str, scope: Scope) -> float:
    """How far a side may be from its value when the decimals written in it (0.750, 0.1875)
    are rounded: the sum, over those numbers, of the change of the side when the number
    moves by half its last digit. 0 when it has none (or cannot be evaluated so)."""
    units: dict[float, float] = {}
    for m in _WRITTEN_DECIMAL.finditer(text or ""):
        value = float(m.group())
        units[value] = max(units.get(value, 0.0), 10.0 ** -len(m.group(2)))
    if not units or tree is None:
        return 0.0
    numbers = [n for n in t.walk(tree) if isinstance(n, t.Num) and n.value in units]
    if not numbers or len(numbers) > 8:
        return 0.0
    try:
        base = np.asarray(as_tensor(ev.side(tree, scope)).data, dtype=np.float64)
        slack = 0.0
        for n in numbers:
            moved = _substitute(tree, n, t.Num(n.value + units[n.value] / 2))
            value = np.asarray(as_tensor(ev.side(moved, scope)).data, dtype=np.float64)
            if value.shape != base.shape:
                return 0.0
            slack += float(np.max(np.abs(value - base))) if base.size else 0.0
        return slack
    except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
        return 0.0


def _shown_unit(*sides: str) -> float | None:
    """The last digit's unit of a side written as a plain rounded number — 0.88: 0.01,
    88\\%: 0.01, 9.1 \\times 10^{-4}: 0.00001 — the precision to which a learner's rounded
    value is read (the coarsest of the two sides); None if no side is one."""
    found = [10.0 ** -len(m.group(1)) for text in sides
             if (m := _DECIMAL.fullmatch(text or ""))]
    found += [10.0 ** -(len(m.group(1) or "") + 2) for text in sides
              if (m := _PERCENT.fullmatch(text or ""))]          # 88\% is 0.88
    found += [10.0 ** (int(m.group(2).replace("−", "-")) - len(m.group(1) or ""))
              for text in sides if (m := _SCIENTIFIC.fullmatch(text or ""))]
    return max(found) if found else None


def _in_words(e: BaseException) -> str:
    """What went wrong evaluating a step, in the learner's words (never an exception's
    name): the values the text's symbols took do not fit its operations."""
    if isinstance(e, IndexError):
        return "an index is outside the entries of what it indexes"
    if isinstance(e, RecursionError):
        return "its definitions refer to each other without end"
    if isinstance(e, MemoryError):
        return "its values are too large to evaluate"
    if isinstance(e, ArithmeticError):
        return "a value overflows or is divided by zero"
    return "the values of its symbols do not fit its operations (check their kinds and sizes)"


def _skipped(checker: Checker, item: Item) -> Step:
    sides = item.sides
    right = sides[1] if len(sides) > 1 else sides[0]
    sign = item.statement.relations[0] if item.statement.relations else "="
    return Step(checker.line_of(right.piece), "skipped", sides[0].text,
                right.text if len(sides) > 1 else "", item.note,
                sign=sign if sign != ":=" else ":=")


def check_steps(text: str, statements: list[Statement], names: Names, *, points: int,
                seed: int, deadline: float, target: Target | None = None
                ) -> tuple[list[Step], TargetVerdict]:
    """Every step of the statements, in order (definitions included, as ``definition``;
    statements that are not claims as ``skipped``), and whether a chain reaches ``target``."""
    checker = Checker(text, names, points, seed, deadline)
    items = read(text, statements, names, checker.side, checker.line_of)
    infer(items, names, checker)
    for name, form in matrix_forms(text).items():   # "with $A$ symmetric positive definite"
        for table in (names.declared, names.inferred):
            kind = table.get(name)
            if kind is not None and kind.name == "matrix" and not kind.form and \
                    kind.shape[0] == kind.shape[1]:
                table[name] = dataclasses.replace(kind, form=form)
    checker.count_mentions(items)
    checker.infer_ranges(items)
    for ds in names.definitions.values():   # an indexed definition's ranges, as now known
        ds[:] = [_sized(checker, d) for d in ds]
    names.definitions_changed()
    steps: list[Step] = []
    for item in items:
        if len(steps) >= MAX_STEPS:
            break
        if item.role != "claim":
            steps.append(_skipped(checker, item))
            continue
        defined = dict(item.defines)
        chain = tuple(s.tree for s in item.sides if s.tree is not None)
        for k, (left, right) in enumerate(zip(item.sides, item.sides[1:])):
            if len(steps) >= MAX_STEPS:
                break
            if k == 0 and item.skip_first:
                steps.append(Step(checker.line_of(right.piece), "skipped", left.text,
                                  right.text, "a value named in the prose, not a claim"))
                continue
            d = defined.get(k)
            if d is not None:
                steps.append(Step(checker.line_of(right.piece), "definition", left.text,
                                  right.text, _defines(d, item)))
                item.statuses.append((k, "definition"))
                continue
            try:
                step = checker.check(left, right, item, chain)
            except (EvalError, ArithmeticError, ValueError, TypeError, IndexError, KeyError,
                    RecursionError, MemoryError) as e:
                # whatever reading it needed failed: unreadable, never a traceback
                step = Step(checker.line_of(right.piece), "unreadable", left.text, right.text,
                            "cannot evaluate this step: " + _in_words(e))
            if k == 0 and item.restates is not None and step.status == "fails":
                name, line = item.restates
                step.hint = (f"{name} was defined on line {line} as something else; if this "
                             f"is a new definition, say so (\"let {name} = …\" or "
                             f"{name} := …)")
                step.message = failure_text(step.counterexample, step.hint) \
                    if step.counterexample else step.message
            if k == 0 and step.status == "holds" and isinstance(left.tree, t.Call) and \
                    isinstance(left.tree.fn, t.Sym) and \
                    names.redefined.get(left.tree.fn.name) == item.line:
                # the text defines lse as the library's lse: its own, and the same
                del names.redefined[left.tree.fn.name]
            if k == 0 and item.restates is not None and step.status == "holds" and \
                    right.tree is not None and not item.conditions and \
                    item.statement.condition is None:
                names.forms.setdefault(item.restates[0], []).append(
                    Definition(item.restates[0], right.tree, line=item.line,
                               paragraph=item.paragraph))
            if k == 0 and (step.status == "fails" or step.status == "unreadable" and
                           step.evaluations) and isinstance(left.tree, t.Call) and \
                    isinstance(left.tree.fn, t.Sym) and left.tree.fn.name in BUILTIN and \
                    all(isinstance(a, t.Sym) and a.name not in names.declared
                        for a in left.tree.args) and item.statement.inline:
                # "so that $σ(z) = z$" in a sentence: the text's own σ, or a slip in the rule's
                # formula
                fn = left.tree.fn.name
                step.status, step.counterexample, step.hint = "unreadable", None, None
                step.message = (f"does not hold for the usual {fn}; if the text defines its own "
                                f"{fn} here, say so ({left.text} := …) or give it another name")
                checker.unread.setdefault(fn, (step.line, f"{fn} is given as {right.text[:30]}"))
            implicit = _implicitly_given(left.tree, right.tree, names) if k == 0 else None
            if implicit is not None and step.status in ("fails", "unreadable"):
                # √v = …, log p = … with v, p nowhere else defined: the text gives the name a
                # value through an equation the checker does not solve
                if step.status == "fails":
                    step.status, step.counterexample, step.hint = "unreadable", None, None
                    step.message = (f"{implicit} is given here through {left.text}, which the "
                                    f"checker does not solve for {implicit}: write "
                                    f"{implicit} = … (or declare it) to have this checked")
                checker.unread.setdefault(implicit, (step.line, f"given through {left.text}"))
            if k == 0 and step.status == "unreadable" and isinstance(
                    left.tree, (t.Sym, t.Script)):
                base = doubts.base_name(t.canon(left.tree))
                if isinstance(left.tree, t.Script) and is_label_sub(left.tree.sub):
                    base = t.canon(left.tree)      # w_{new} = …: w_{new}, not w
                if right.tree is None or t.canon(left.tree) not in names.definitions or \
                        base in {doubts.base_name(n) for n in mentioned_names(right.tree)}:
                    # a_t = β a_{t−1} + …, L = (something not read): the text gives the
                    # name a value the checker does not know
                    checker.unread.setdefault(base, (step.line, step.message[:80]))
            if step.status == "holds" and _DECIMAL.fullmatch(right.text or "") and any(
                    j == 0 for j, _ in item.defines):
                # a = σ(z) = σ(1.1) = 0.750: later steps may compute with a as 0.750
                for j, d in item.defines:
                    if j == 0 and not d.params and not d.index:
                        checker.rounded[d.name] = float(right.text)
            steps.append(step)
            item.statuses.append((k, step.status))
    return steps, reaches(checker, items, target)


def _implicitly_given(left: Any, right: Any, names: Names) -> str | None:
    """The name ``left`` wraps in one function or power (``\\sqrt{v}``, ``\\log p_i``,
    ``e^{a}``, ``s^2``) when the text neither declares nor defines it and ``right`` does not
    mention it: an equation that gives the name its value."""
    inner: Any = None
    if isinstance(left, t.Call) and len(left.args) == 1 and isinstance(left.fn, t.Sym) and \
            (left.fn.name in BUILTIN or left.fn.name in (r"\sqrt", "sqrt")) and \
            left.fn.name not in names.declared and left.fn.name not in names.definitions:
        inner = left.args[0]
    elif isinstance(left, t.Product) and len(left.items) == 2 and \
            isinstance(left.items[0], t.Sym) and left.items[0].name in BUILTIN:
        inner = left.items[1]
    elif isinstance(left, t.Script) and left.sub is None and isinstance(left.sup, t.Num):
        inner = left.base
    elif isinstance(left, t.Script) and isinstance(left.base, t.Sym) and \
            left.base.name == "e" and left.sub is None:
        inner = left.sup
    if not isinstance(inner, (t.Sym, t.Script)) or right is None:
        return None
    base = doubts.base_name(t.canon(inner))
    if base not in names.inferred or t.canon(inner) in names.declared or \
            base in names.definitions or t.canon(inner) in names.definitions or \
            base in {doubts.base_name(n) for n in mentioned_names(right)}:
        return None
    return base


def _sized(checker: Checker, d: Definition) -> Definition:
    if not d.index or d.size:
        return d
    local = checker.local_ranges([d.expr])
    return Definition(d.name, d.expr, d.params, d.index,
                      tuple(local.get(i, checker.ranges.get(i)) for i in d.index),
                      d.line, d.paragraph)


def _defines(d: Definition, item: Item) -> str:
    text = f"defines {d.name}" + (f"({', '.join(d.params)})" if d.params else
                                  "_" + "".join(d.index) if d.index else "")
    if item.restates is not None and item.restates[0] == d.name:
        text += f" anew (it was defined on line {item.restates[1]})"
    return text
