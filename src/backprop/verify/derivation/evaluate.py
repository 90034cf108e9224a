"""Stage 6: evaluate a term, at one point, under one reading, with the library's own rules.

``Evaluator(scope, shapes, reading, line, paragraph).side(term, frame)`` is a function of the
term, the environment (the declarations and definitions in force where the term is written, the
inputs drawn for the point) and the reading; it changes nothing outside the frame it is given.

Names resolve, in order, to an index value, a value the frame fixes (a derivative's variable, a
function's argument), a definition in force (evaluated where used, so ``∂L/∂W`` differentiates
through it; its right side read with the definitions in force where it was written), a drawn
input (declared, or bound by use: :mod:`.shapes`), a row of the notation table, or a constant.
A name with none of these has no value: :class:`~.values.Unknown`, with its question.

Where the text is ambiguous the evaluator asks the reading (:class:`Reading`): σ the sigmoid or
the softmax, a square matrix's power entrywise or as a matrix power, the softmax of a matrix
down its columns or along its rows, an undeclared name's rank and domain, a function written
without parentheses applied to the next factor or to the rest. The judge tries the readings.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import operator
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ... import functional as F
from ...engine import Tensor
from . import calculus
from . import terms as t
from .kinds import Kind, draw
from .names import (DOTS, EXAMPLE, base_name, index_list, is_label_sub, member_number,
                    mentioned_names, name_of, sample_of, split_label, squared, value_names)
from .notation import (CONSTANT_VALUES, CONSTANTS, EXPECTATIONS, GREEK, OPERATORS, ROUNDINGS,
                       TRANSPOSE, divergence, law, lookup, normal_cdf)
from .scope import (Definition, Scope, _bare_symbols, _closed, _literal, _substitute, prefixed,
                    runs_back)
from .shapes import Shapes
from .values import (
    AllOnes,
    Basis,
    EvalError,
    Fn,
    Identity,
    Ones,
    ShapeMismatch,
    TooLong,
    Unknown,
    as_int,
    as_tensor,
    ask_about,
    broadcast,
    clock,
    diagonal_column,
    inverse,
    numeric,
    pick,
    pseudo_inverse,
    resolve,
    tabulated,
)

__all__ = ["Reading", "Frame", "Evaluator", "MAX_TERMS"]

MAX_VISITS = 20_000   # node visits per evaluation: bounds the time of a hostile expression
MAX_TERMS = 10_000    # index values one sum may run over
MAX_IDENTITY = 1024    # I_n built as a matrix: at most 8 MB
MAX_RECURSION = 64    # members of a sequence computed from its recurrence
# Σ_{i≥j} over the pairs: the order a relation under a sum states between two index values
_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_APPLIED_WORDS = frozenset({"log", "ln", "exp", "sin", "cos", "tan", "cot", "tanh", "sinh",
                            "cosh", "arctan"})


WHOLE = "the numbers drawn whole numbers (sizes, as under ⌊·⌋ and ⌈·⌉)"


class Reading:
    """The choices made where the text is ambiguous: ``chosen`` maps a choice's key to an
    option (0, the usual reading, by default). Evaluating records every choice point met, with
    its options in words, so that the judge can try the others."""

    def __init__(self, chosen: dict[str, int] | None = None, label: str = ""):
        self.chosen = dict(chosen or {})
        self.points: dict[str, tuple[str, ...]] = {}
        self.label = label            # how the side's text itself was read (a comma, …)

    def pick(self, key: str, options: tuple[str, ...]) -> int:
        self.points.setdefault(key, options)
        k = self.chosen.get(key, 0)
        return k if k < len(options) else 0

    def words(self) -> list[str]:
        out = [self.label] if self.label else []
        for key, k in self.chosen.items():
            options = self.points.get(key)
            if k and options and k < len(options):
                out.append(options[k])
        return out

    def but(self, key: str, k: int) -> "Reading":
        chosen = dict(self.chosen)
        chosen[key] = k
        return Reading(chosen, self.label)


@dataclass
class Frame:
    """One evaluation's values: overrides (a derivative's variable, a function's arguments, a
    value the prose fixes), index values, and the point's drawn inputs (drawn when first
    read). ``used`` collects the drawn names read."""

    values: dict[str, Any]
    indices: dict[str, int] = field(default_factory=dict)
    point: "Point | None" = None
    memo: dict[tuple, Any] = field(default_factory=dict)
    free: frozenset[str] = frozenset()    # the step's own index letters, run over by the judge
    # the frame these values override (``moved``: the names they set); what depends on none
    # of them is evaluated, and kept, there
    parent: "Frame | None" = None
    moved: frozenset[str] = frozenset()
    summed: frozenset[str] = frozenset()  # index letters a sum (Σ_i) runs over here

    def with_values(self, extra: dict[str, Any]) -> "Frame":
        # a value set here shadows an index of the same letter (π(a) called at a = 2 inside a
        # step whose own index a is 1)
        indices = {k: v for k, v in self.indices.items() if k not in extra} \
            if not extra.keys().isdisjoint(self.indices) else self.indices
        return Frame({**self.values, **extra}, indices, self.point, free=self.free,
                     parent=self, moved=frozenset(m for n in extra for m in (n, base_name(n))),
                     summed=self.summed - set(extra))

    def with_indices(self, extra: dict[str, int], free: frozenset[str] = frozenset(),
                     summed: bool = False) -> "Frame":
        """``free``: letters of ``extra`` that take the value of one of the step's own;
        ``summed``: ``extra`` are the letters of a sum."""
        return Frame(self.values, {**self.indices, **extra}, self.point, self.memo,
                     self.free - set(extra) | free, self.parent, self.moved,
                     self.summed | set(extra) if summed else self.summed - set(extra))

    def over(self, combo: dict[str, int]) -> "Frame":
        """The step read at one value of each of its free index letters."""
        return Frame(self.values, {**self.indices, **combo}, self.point, self.memo,
                     frozenset(combo), self.parent, self.moved, self.summed - set(combo))

    def lifted(self, reach: frozenset[str]) -> "Frame":
        """This frame where values it overrides are none of ``reach``: the frame they
        override, at this frame's indices (a member of a family that does not depend on the
        variable of a derivative is evaluated once, not once for each nudge)."""
        frame = self
        while frame.parent is not None and not frame.moved & reach:
            up = frame.parent
            frame = Frame(up.values, frame.indices, frame.point, up.memo, frame.free,
                          up.parent, up.moved, frame.summed)
        return frame


class Point:
    """The inputs of one point, drawn on first use from their own random stream (a name's draw
    does not change when others are added), each from the domain the reading gives it."""

    def __init__(self, seed: int, p: int, symbols: dict[str, Kind], reading: Reading,
                 declared: set[str], entries: dict[str, tuple[float, ...]] | None,
                 one_hot: bool):
        self.seed, self.p, self.symbols, self.reading = seed, p, symbols, reading
        self.one_hot = one_hot             # a matrix's rows may be one-hot (the text says so)
        self.declared = declared
        self.entries = entries or {}       # numbers the text gives entries of a name (β_2)
        self.drawn: dict[str, Tensor] = {}
        self.used: set[str] = set()
        self.started: set[str] = set()     # first members of sequences the text never gives
        self._examples: dict[str, str] | None = None

    def has(self, name: str) -> bool:
        kind = self.symbols.get(name)
        return kind is not None and not kind.is_function and kind.name != "index"

    def start(self, name: str, shape: tuple) -> Tensor:
        """The first member of a sequence the text never gives (``h_0`` of ``h_t = …`` with no
        value): any value of the shape the recurrence gives its members."""
        self.used.add(name)
        self.started.add(name)
        if name not in self.drawn:
            rng = np.random.default_rng([self.seed, self.p, zlib.crc32(name.encode())])
            self.drawn[name] = Tensor(rng.uniform(-1.0, 1.0, shape))
        return self.drawn[name]

    def value(self, name: str) -> Tensor:
        kind = self.symbols[name]
        if kind.name == "constant":        # a number the text states: not drawn
            return Tensor(draw(kind, np.random.default_rng(0)))
        one = self._example_of(name, kind)
        if one is not None and self.reading.pick(f"example:{name}", (
                f"{name} apart from {one}", f"{name} as {one}, its example index dropped")):
            return self.value(one)
        self.used.add(name)
        if name not in self.drawn:
            rng = np.random.default_rng([self.seed, self.p, zlib.crc32(name.encode())])
            turn = self.p + zlib.crc32(name.encode())
            if name not in self.declared and kind.name == "scalar" and \
                    self.reading.chosen.get("whole"):
                # a whole number from 0 to 49, odd and even at turns (a step true of odd
                # sizes only does not hold by chance; at 0 a division is not finite and the
                # point is redrawn)
                self.drawn[name] = Tensor(np.float64(2 * rng.integers(0, 25) + 1 - turn % 2))
                return self.drawn[name]
            if name not in self.declared:
                kind = _domain(name, kind, self.reading, self.entries.get(name, ()),
                                self.one_hot)
            self.drawn[name] = Tensor(draw(kind, rng, turn))
        return self.drawn[name]

    def _example_of(self, name: str, kind: Kind) -> str | None:
        """``x`` drawn beside ``x^{(i)}``, one example's, of the same kind: a text that gives
        the loss of one example (CS229's ``ℓ(θ)`` of ``x^{(i)}``) may drop the index after."""
        if name != base_name(name) or name in self.declared:
            return None
        if self._examples is None:        # x → x^{(i)}: the one member of each name, once
            members: dict[str, list[str]] = {}
            for k in self.symbols:
                if k != base_name(k) and EXAMPLE.fullmatch(k[len(base_name(k)):]):
                    members.setdefault(base_name(k), []).append(k)
            self._examples = {n: ks[0] for n, ks in members.items() if len(ks) == 1}
        one = self._examples.get(name)
        return one if one is not None and self.symbols[one] == kind else None


def _domain(name: str, kind: Kind, reading: Reading, entries: tuple[float, ...],
            one_hot: bool) -> Kind:
    """An input's kind as the reading takes it: a number may be positive or in (0, 1), a
    vector a probability vector or one-hot (a label), a matrix's rows or columns such — as
    far as the entries the text gives it allow (β_2 = 0.999: β is no one-hot vector). A
    matrix's rows or columns are one-hot only in a text that speaks of one-hot vectors
    (``one_hot``): a matrix of labels is named so, and entries of 0 and 1 square to
    themselves, which would hide a dropped square of a weight (Σ_j W_ij² x_j²)."""
    if kind.name in ("positive", "negative", "probability"):
        return kind                     # as the text bounds it (s > 0, r_min ≤ 0 ≤ r_max)
    if kind.name == "scalar":
        options = ("real", f"{name} positive", f"{name} in (0, 1)")
        k = reading.pick(f"domain:{name}", options)
        return [kind, Kind("positive"), Kind("probability")][k]
    if kind.name == "vector":
        allowed = [(kind, "real", True),
                   (Kind("probs", kind.shape), f"{name} a probability vector",
                    all(0 <= v <= 1 for v in entries)),
                   (Kind("onehot", kind.shape), f"{name} one-hot",
                    all(v in (0, 1) for v in entries)),
                   (Kind("positive", kind.shape), f"{name} positive",
                    all(v > 0 for v in entries))]
        allowed = [a for a in allowed if a[2]]
        k = reading.pick(f"domain:{name}", tuple(a[1] for a in allowed))
        return allowed[k][0]
    if kind.name == "matrix" and not kind.form:
        allowed = [(kind, "real"), (Kind("probs_rows", kind.shape),
                                    f"{name}'s rows probability vectors"),
                   (Kind("onehot_rows", kind.shape), f"{name}'s rows one-hot"),
                   (Kind("probs_cols", kind.shape), f"{name}'s columns probability vectors"),
                   (Kind("onehot_cols", kind.shape), f"{name}'s columns one-hot")]
        allowed = [a for a in allowed if one_hot or not a[0].name.startswith("onehot")]
        return allowed[reading.pick(f"domain:{name}", tuple(a[1] for a in allowed))][0]
    return kind


def _divided_after(op: Any, body: list) -> int | None:
    """Where ``∏ … / c`` (or ∏ with no limits) is divided by a c that does not mention the
    product's index: the position of the ``/`` in its body, or None."""
    if not (isinstance(op, t.BigOp) and op.op == "prod"):
        return None
    for j, item in enumerate(body):
        if isinstance(item, t.MulOp) and item.op == "/" and j:
            letters = mentioned_names(t.Paren(tuple(op.sub))) if op.sub else {
                m for b in body[:j] for n in t.walk(b) if isinstance(n, t.Script) and n.sub
                for m in mentioned_names(t.Paren(tuple(n.sub)))}
            rest = set().union(*(mentioned_names(b) for b in body[j + 1:]))
            return j if letters and not rest & letters else None
    return None


def _whole(value: Any) -> int | None:
    """A value fixed for a letter that is a whole number ≥ 1 (i = 2 in a table's row): the
    index it names; otherwise None."""
    if not isinstance(value, Tensor) or value.ndim:
        return None
    v = float(value.data)
    return int(v) if v.is_integer() and 1 <= v <= 10_000 else None


def _member_shape(d: Definition, symbols: dict[str, Kind]) -> tuple | None:
    """The shape the text gives a sequence's members (``h_t ∈ ℝ^H``, ``h_{t−1} ∈ ℝ^h``: a
    member at a letter), if it gives one."""
    shapes = {kind.shape for name, kind in symbols.items()
              if name.startswith(d.name + "_{") and name.endswith("}") and
              any(c.isalpha() for c in name[len(d.name) + 2:-1])
              and kind.name in ("vector", "matrix")}
    return shapes.pop() if len(shapes) == 1 else None


class Given:
    """A value already computed, standing in a product among terms still to be read; with a
    subscript, its entry there, read where the index has its value (dx_k in a sum over k)."""

    def __init__(self, value: Any, sub: tuple = (), name: str = ""):
        # (kept as a term's own fields, so that a walk over the product does not enter them)
        self._value, self._sub, self._name = value, sub, name


def _word_sub(sub: tuple) -> bool:
    """A subscript that is an operator's word (``_{\\max}``, ``_{\\min}``): a label."""
    if len(sub) != 1 or not isinstance(sub[0], t.Sym):
        return False
    word = sub[0].name.removeprefix("\\")
    return word in ("max", "min", "sup", "inf") or word.isalpha() and sub[0].name not in GREEK \
        and sub[0].name.startswith("\\")


class Evaluator:
    """Evaluates terms given the scope, the inputs' shapes, a reading and the index ranges."""

    def __init__(self, scope: Scope, shapes: Shapes, reading: Reading, ranges: dict[str, int],
                 line: int = 1 << 30, paragraph: int = -1, deadline: float = math.inf,
                 assumed: dict[str, Definition] | None = None,
                 symbols: dict[str, Kind] | None = None):
        self.scope = scope
        self.shapes = shapes
        self.reading = reading
        # ``assumed``: definitions a reading adds for one step (an unspecified loss read as
        # ⟨G, Y⟩), with the inputs they draw in ``symbols``
        self._assumed: dict[str, Definition] = assumed or {}
        self.symbols = symbols if symbols is not None else shapes.symbols(scope)
        self.ranges = ranges
        self._where = [(line, paragraph)]
        self.block = -1                   # the step's math block, where its line holds several
        self.local = False                # its sentence speaks of local derivatives (a graph's)
        self._views: dict[tuple, dict[str, Definition]] = {}
        self.notes: set[str] = set()      # conventions applied (a column broadcast, …)
        self.visits = 0
        self.deriving = 0                 # derivatives being taken around the term read now
        self.by_differences = 0           # … of which by central differences
        self.deadline = deadline
        self.implicit: Any = None         # the argument of a function written bare (dσ/dx = σ')
        self.confirmations = 24           # derivatives confirmed by central differences
        self._active: set = set()      # definitions (and members) being evaluated
        self._names: dict[Any, frozenset[str]] = {}
        self._frame: Frame | None = None
        # what a failure here may rest on that the text does not state: it is then unreadable
        self.doubts: list[str] = []
        self.approximate = False       # a derivative was taken by differences
        self.straight = False          # a rounding was passed straight through (d⌊u⌉/du = 1)
        self._varied_names: frozenset[str] | None = None   # the dX of a step in differentials
        self.named: tuple[str, ...] = ()   # functions the step's sentence names in words
        # what the values rest on, for the judge: the definitions evaluated and the rows of
        # the notation table read (the inputs drawn are the point's)
        self.entered: dict[int, Definition] = {}
        self._parameters: list[frozenset[str]] = []   # of the functions being evaluated
        self.notation: set[str] = set()

    # ---- names ---------------------------------------------------------------------------
    @property
    def definitions(self) -> dict[str, Definition]:
        """The definitions in force where the term being read was written; a name with no
        definition there takes the one in force where it is used."""
        return self._view(tuple(self._where))

    def _view(self, where: tuple[tuple[int, int], ...]) -> dict[str, Definition]:
        """The definitions a term sees when read inside the definitions written at ``where``
        (outermost first): the innermost's, else those of the places around it."""
        view = self._views.get(where)
        if view is None:
            view = {}
            for k, (line, paragraph) in enumerate(where):
                view.update(self.scope.view(line, paragraph, -1 if k else self.block))
            view.update(self.assumed)
            self._views[where] = view
        return view

    def _at_point(self, name: str, d: Definition | None) -> bool:
        """h₂ = tanh(−0.1192) after h_t = tanh(a_t), then ∂h₂/∂a₂: a member the text gives
        numbers is those numbers, a constant, or (a second reading) its family's member at the
        worked point, a function of a₂ there — every such member one way or the other, as a
        derivative through h₂ and a₂ needs both."""
        base = base_name(name)
        return d is not None and bool(self.deriving) and not d.index and not d.params and \
            member_number(name, base) is not None and _closed(d.expr) and \
            bool(self.scope.families(base, self.line)) and bool(self.reading.pick(
                "point", ("members given numbers as those numbers",
                          "members given numbers as their families' at the example's point")))

    def _through_family(self, name: str, frame: Frame) -> Any:
        """Member ``name`` (h_2) of its family at the point; None where the family cannot give
        it (h_0 before the first member): its numbers then."""
        base = base_name(name)
        try:
            return self._member(base, (t.Num(float(member_number(name, base))),), frame)
        except EvalError:
            return None

    def named_instead(self, d: Definition) -> Fn | None:
        """"For the sigmoid itself, φ' = σ(1 − σ)", φ the softplus until here: the function
        of one variable ``d`` defines may be, in this step, the one its sentence names."""
        if not (d.params and len(d.params) == 1 and self.named):
            return None
        used = {row.name for n in mentioned_names(d.expr) for row in [lookup(n)] if row}
        others = [r for r in self.named if r not in used]
        if not others:
            return None
        k = self.reading.pick(f"named:{d.name}", (
            f"{d.name} as defined on line {d.line}",
            *(f"{d.name} the {r} the sentence names" for r in others)))
        return lookup(others[k - 1]).value() if k else None

    def _zero_member(self, d: Definition) -> Tensor | None:
        """``w_0 = 0`` of iterates ``w_t`` of a vector ``w``: the number 0 or, as a second
        reading, the zero array of ``w``'s shape."""
        base = base_name(d.name)
        kind = self.symbols.get(base) if base != d.name else None
        if not (isinstance(d.expr, t.Num) and d.expr.value == 0 and kind is not None and
                len(kind.shape) == 2 and kind.shape != (1, 1)):
            return None
        if self.reading.pick(f"zero:{d.name}", (f"{d.name} = 0 the number",
                                                f"{d.name} = 0 the zero array of {base}'s shape")):
            return Tensor(np.zeros(kind.shape))
        return None

    def definition(self, name: str) -> Definition | None:
        """The definition of ``name`` a term sees: the one in force where the term was written
        (inside a definition, where that definition was written) — or, as another reading, the
        one in force where the step stands (g_t = 2θ_{t−1} written beside one recurrence of θ,
        used beside another)."""
        d = self.definitions.get(name)
        # (the one in force where the step stands may be read through a definition written
        # elsewhere, the loss a reading gives, L = ⟨G, Y⟩: it is the step's, as the step reads)
        here = self.scope.view(*self._where[0], self.block).get(name) \
            if len(self._where) > 1 else d
        if d is not None and here is not None and here is not d and self.reading.pick(
                f"where:{name}", (f"{name} as where it is used (line {d.line})",
                                  f"{name} as on line {here.line}")):
            return here
        if d is not None and here is d:
            # h̃_i = m_i h_i/(1 − p), then "compare classic dropout: h̃_i = m_i h_i": the step
            # may mean an earlier definition of the same form the text gave (a second reading)
            earlier = [e for e in self.scope.definitions.get(name, ())
                       if e is not d and e.line < d.line and e.params == d.params and
                       e.index == d.index and not _literal(e.expr)][-2:]
            if earlier:
                k = self.reading.pick(f"defined:{name}", (f"{name} as on line {d.line}",) + tuple(
                    f"{name} as on line {e.line}" for e in reversed(earlier)))
                if k:
                    return list(reversed(earlier))[k - 1]
        return d

    @property
    def line(self) -> int:
        return self._where[0][0]

    def _tabled(self, fn: Fn, count: int) -> Tensor:
        """``fn`` at 1, …, ``count``, as a column (π_θ of actions 1 … K, π_θ(a) a number)."""
        values = [as_tensor(fn.call(Tensor(np.float64(k)))) for k in range(1, count + 1)]
        if any(v.ndim for v in values):
            raise EvalError(f"{fn.name} written alone: its values are not numbers")
        return F.reshape(F.stack(values), shape=(count, 1))

    def known(self, name: str) -> bool:
        return name in self.symbols or name in self.definitions

    def is_index(self, name: str) -> bool:
        kind = self.symbols.get(name)
        return (kind is not None and kind.name == "index") or (
            kind is None and name not in self.definitions and name in self.ranges)

    def name(self, name: str, frame: Frame) -> Any:
        if name.startswith('"'):
            # I("0010"): a string in quotes names an outcome or a word, never a number
            raise EvalError(f"{name} is a string, not a value",
                            f"what value does {name} stand for? the checker reads no quoted "
                            f"string as a number: write the step with the number it names")
        if name in frame.indices:
            return Tensor(np.float64(frame.indices[name]))
        if name in frame.values:
            return frame.values[name]
        d = self.definition(name)
        if d is not None and d.index:
            # h = 20 units, then the states h_t: h written alone is still the number
            number = [e for e in self.scope.definitions.get(name, ())
                      if not e.index and not e.params and e.line <= d.line and _literal(e.expr)]
            d = number[-1] if number else d
        named = self.named_instead(d) if d is not None else None
        if named is not None:
            self.notation.add(name)
            return named
        if self._at_point(name, d):
            member = self._through_family(name, frame)
            if member is not None:
                return member
        if d is not None and not d.index and name in self.scope.in_units and \
                self.scope.in_units[name][0] <= self._where[0][0]:
            line, value = self.scope.in_units[name]
            if self.reading.pick(f"unit:{name}", (f"{name} as defined", f"{name} the number "
                                                  f"line {line} gives it in another unit")):
                return Tensor(np.float64(value))
        # (not inside a derivative: a named number is the formula's value, never a constant)
        given = None if self.deriving else self._named_after(name, d)
        if given is not None and self.reading.pick(f"named:{name}", (
                f"{name} as line {d.line} defines it", f"{name} the number line {given[0]} "
                                                       f"names it")):
            # "we require r_min = s(q_min − z)", then "[r_min, r_max] = [−1.8, 3.4]": the
            # number may be what the steps after it use
            return self.eval(given[1], frame)
        if d is not None and not d.index:
            if d.params and not all(p in frame.values or self.known(p) for p in d.params):
                fn = Fn(d.name, lambda *args, d=d: self._eval_at(d, d.expr, frame.with_values(
                    dict(zip(d.params, args)))), arity=len(d.params))
                count = self._indexed_length(d.params[0], [d.expr], frame) \
                    if len(d.params) == 1 else None
                if count is None and len(d.params) == 1:
                    count = self._given_length(d.params[0], [d.expr], frame)
                if count is not None:
                    return dataclasses.replace(fn, values=lambda: self._tabled(fn, count))
                return fn
            at = {p: self.name(p, frame) for p in d.params
                  if p not in frame.values and p in self.definitions}
            if at:      # FL(p_t) = …, then dFL/dz with p_t = σ(z): FL at the p_t defined here
                frame = frame.with_values(at)
            zero = self._zero_member(d)
            return self._defined(d, frame) if zero is None else zero
        if d is not None and d.index and not d.recurrence:
            return self._family(d, frame)
        square = squared(name)
        if d is None and square in self.definitions and name not in self.scope.declared:
            # σ² = (1/H) Σ (x_k − μ)² defined, σ written: a root of it, either one
            k = self.reading.pick(f"root:{name}", (f"{name} the positive root of {square}",
                                                  f"{name} the negative root of {square}"))
            root = F.sqrt(as_tensor(self.name(square, frame)))
            return F.neg(root) if k else root
        if name == "\\Phi" and self.scope.normal and name not in self.scope.declared and (
                name in self.scope.called or frame.point is None or not frame.point.has(name)):
            # the standard normal named in words: Φ its distribution function where applied
            # (Φ(x)), even if Φ' = φ also writes it bare; a Φ only ever bare may be a value
            self.notes.add("Φ as the standard normal distribution function")
            self.notation.add(name)
            return Fn("Φ", normal_cdf)
        if name in ("\\mathbf{1}", "\\mathbb{1}") and d is None:
            return Ones()       # "with 𝟏 ∈ ℝ^n": its size stated, not an arbitrary vector
        if frame.point is not None and frame.point.has(name):
            return frame.point.value(name)
        kind = self.symbols.get(name)
        if kind is not None and kind.is_function:
            self.notation.add(name)
            return lookup(kind.form).value()
        if kind is not None and kind.name == "index":
            raise EvalError(f"the index {name} has no value here")
        row = lookup(name)
        if row is not None and name not in self.scope.declared and \
                not self.scope.unapplied(name):
            self.notation.add(name)
            return self._notation(name, row)
        if name == "e":
            return Tensor(np.float64(CONSTANT_VALUES[name]))
        if name == "\\pi" and name in self.scope.conditioned:
            raise Unknown(name)        # log π, π of π_θ(a | s): the policy's value, not 3.14…
        if name == "\\pi":
            return Tensor(np.float64(CONSTANT_VALUES[name]))
        if name == "\\infty":
            raise EvalError("∞ stands where a number belongs")
        if name == "I" and not self.scope.valued(name):
            return Identity()       # (I = 32 given for an input length: a name of the text's)
        if name in ("\\mathbf{1}", "\\mathbb{1}"):
            return Ones()
        if name == "d" and self.scope.valued(name):
            # d = 2, d = 4 given for a dilation in examples: a name of the text's, not d/dx
            raise EvalError("d has no value here", "what is d here? the text gives d values "
                            "elsewhere, none where this step is: say it (\"with d = …\")")
        if name == "d" and not self.scope.differentials:
            # (a + bε)(c + dε) in a text that takes no differentials: d a number it names,
            # drawn as a guess (a failure never rests on it)
            raise Unknown(name)
        if name in ("\\partial", "\\nabla", "d"):
            raise EvalError(f"{name} stands alone: write ∂f/∂x with a fraction")
        if name in OPERATORS or name in ("\\mathbb{E}", "Var"):
            applied = self._applied_to(name)
            if applied is not None and name not in self._active:
                # ∂Var/∂I_i after Var(I) = …: the operator written bare, at its one argument
                self._active.add(name)
                try:
                    return self.eval(t.Call(t.Sym(name), (applied,)), frame)
                finally:
                    self._active.discard(name)
            raise Unknown(name, "operator")
        if name.startswith("\\") and name[1:].isalpha() and name not in GREEK:
            raise Unknown(name, "operator")
        if name in self.ranges:
            raise EvalError(f"the index {name} has no value here")
        raise Unknown(name)

    def _notation(self, name: str, row: Any) -> Fn:
        fn = row.value()
        if row.name == "sigmoid" and name == "\\sigma":
            options = ("σ as the logistic sigmoid", "σ as the softmax")
            if self.scope.sigma_words:
                options = ("σ as the logistic sigmoid", "σ as the softmax",
                           "σ as the text describes it in words")
            k = self.reading.pick("sigma", options)
            if k == 1:
                return lookup("softmax").value()
            if k == 2:
                raise Unknown("\\sigma", "operator")
        if row.name == "lg" and self.reading.pick("lg", ("lg as the logarithm to base 10",
                                                         "lg as the logarithm to base 2")):
            return Fn("log_2", lambda x: F.div(F.log(as_tensor(x)), math.log(2.0)))
        if row.name == "log" and self.scope.bits:
            k = self.reading.pick("log", ("the natural logarithm", "the logarithm to base 2"))
            if k == 1:
                return Fn("log_2", lambda x: F.div(fn.call(x), math.log(2.0)))
        return fn

    def _family(self, d: Definition, frame: Frame) -> Any:
        """A family ``s_i = …`` used whole: the vector (matrix) of its members."""
        frame = frame.lifted(self.reach(id(d), [d.expr]))
        key = self._memo_key(d, frame, None)
        if key in frame.memo:
            return frame.memo[key]
        sizes = [n or self.ranges.get(i) for i, n in zip(d.index, d.size or (None,) * 2)]
        for i, n in zip(d.index, sizes):
            if n is None:
                raise EvalError(f"the range of the index {i} in the definition of {d.name} is "
                                f"unknown (declare {i}: index N)")
        first = 0 if len(d.index) == 1 and self.from_zero(d.name) else 1
        self._enter(d)
        try:
            parts = [as_tensor(self.eval(d.expr, frame.with_indices(dict(zip(d.index, k)))))
                     for k in np.ndindex(*sizes) for k in [tuple(int(v) + first for v in k)]]
        finally:
            self._leave(d)
        if any(p.ndim for p in parts):
            raise EvalError(f"the components of {d.name} are not numbers")
        shape = (sizes[0], 1) if len(sizes) == 1 else tuple(sizes)
        frame.memo[key] = out = F.reshape(F.stack(parts), shape=shape)
        return out

    def _enter(self, d: Definition) -> None:
        if d.name in self._active:
            raise EvalError(f"the definition of {d.name} refers to itself")
        self._active.add(d.name)
        self.entered[id(d)] = d
        self._where.append((d.line, d.paragraph))

    def _leave(self, d: Definition) -> None:
        self._active.discard(d.name)
        self._where.pop()

    def _mentions(self, key: Any, nodes: list) -> frozenset[str]:
        """The names ``nodes`` mention, through the definitions they use."""
        names = self._names.get(key)
        if names is None:
            found: set[str] = set()
            todo = list(nodes)
            while todo:
                for n in t.walk(todo.pop()):
                    if isinstance(n, t.Script):
                        found.add(t.canon(n))
                    if isinstance(n, t.Sym) and n.name not in found:
                        found.add(n.name)
                        if n.name in self.definitions:
                            todo.append(self.definitions[n.name].expr)
                        elif squared(n.name) in self.definitions:    # σ, with σ² defined
                            todo.append(self.definitions[squared(n.name)].expr)
                        elif n.name in self.scope.laws:      # z ∼ 𝒩(μ, σ²): z moves with σ
                            todo.extend(self.scope.laws[n.name][1])
            names = self._names[key] = frozenset(found)
        return names

    @property
    def assumed(self) -> dict[str, Definition]:
        return self._assumed

    @assumed.setter
    def assumed(self, value: dict[str, Definition]) -> None:
        """Definitions read in for a step change what is in force and what reaches what."""
        self._assumed = value
        self._views.clear()
        for key in [k for k in self._names if isinstance(k, tuple) and k[0] == "reach"]:
            del self._names[key]

    def reach(self, key: Any, nodes: list) -> frozenset[str]:
        """Every name whose value may change that of ``nodes``: those they mention, through
        every definition of each (not only the one in force), its samples, laws and assumed
        readings."""
        names = self._names.get(("reach", key))
        if names is None:
            found: set[str] = set()
            todo = list(nodes)
            while todo:
                for n in mentioned_names(todo.pop()):
                    for m in (n, base_name(n), sample_of(n)):
                        if m is None or m in found:
                            continue
                        found.add(m)
                        for d in (*self.scope.definitions.get(m, ()),
                                  *self.scope.definitions.get(squared(m), ()),
                                  *([self.assumed[m]] if m in self.assumed else [])):
                            todo.append(d.expr)
                            todo.extend(t.Sym(p) for p in d.params)
                        if m in self.scope.laws:
                            todo.extend(self.scope.laws[m][1])
            names = self._names[("reach", key)] = frozenset(found)
        return names

    def open_letters(self, node: Any) -> frozenset[str]:
        """The names whose index value may change ``node``'s value: those it writes outside
        the sums, products and maxima that bind them, and so through every definition it may
        use (each with its own index and parameters bound). ``L = −Σ_n Σ_k t_{nk} log y_{nk}``
        is open in none of n and k."""
        key = ("open", t.canon(node), None if self.implicit is None else t.canon(self.implicit))
        names = self._names.get(key)
        if names is not None:
            return names
        found: set[str] = set()
        seen: set[int] = set()

        def bound_by(sub: tuple) -> set[str]:
            return {i.name for s in sub for i in index_list(
                (s.a if isinstance(s, t.Relation) else s,)) if isinstance(i, t.Sym)}

        def defined(name: str) -> None:
            for d in (*self.scope.definitions.get(name, ()), *self.scope.definitions.get(
                    squared(name), ())):
                if id(d) not in seen:
                    seen.add(id(d))
                    visit(d.expr, frozenset(d.index) | frozenset(d.params))
            if name in self.scope.laws:
                for p in self.scope.laws[name][1]:
                    visit(p, frozenset())

        def visit(node: Any, bound: frozenset[str]) -> None:
            if isinstance(node, t.Product):
                inner = bound
                for item in node.items:
                    if isinstance(item, t.BigOp) and item.sub:
                        for s in item.sub:
                            if isinstance(s, t.Relation):        # \sum_{j=i}: i, not j
                                visit(s.b, inner)
                        if item.sup is not None:
                            visit(item.sup, inner)
                        inner = inner | bound_by(item.sub)
                        continue
                    visit(item, inner)
                return
            if isinstance(node, (t.Sym, t.Script)):
                name = t.canon(node)
                if name not in bound:
                    found.add(name)
                defined(name)
                if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
                    defined(node.base.name)
                    if node.base.name in ("\\max", "\\min", "max", "min") and node.sub:
                        bound = bound | bound_by(node.sub)
            for child in t.children(node):
                visit(child, bound)

        visit(node, frozenset())
        if self.implicit is not None:
            visit(self.implicit, frozenset())
        names = self._names[key] = frozenset(found)
        return names

    def _memo_key(self, d: Definition, frame: Frame, k: tuple | None) -> tuple:
        names = self._mentions(id(d), [d.expr])
        return (id(d), k, tuple(sorted((n, v) for n, v in frame.indices.items()
                                       if n in names and n not in d.index)))

    def given(self, node: Any, frame: Frame) -> Any:
        """A value the text gives a name: m_0 = −∞, a running maximum's start, is the extended
        number, which e^{m_0 − m_1} and max(m_0, x_1) take as usual (∞ in a step is not)."""
        inner, sign = (node.a, -1.0) if isinstance(node, t.Neg) else (node, 1.0)
        if inner == t.Sym("\\infty"):
            return Tensor(np.float64(sign * np.inf))
        return self.eval(node, frame)

    def _defined(self, d: Definition, frame: Frame) -> Any:
        if d.expr in (t.Sym("\\infty"), t.Neg(t.Sym("\\infty"))):
            return self.given(d.expr, frame)
        frame = frame.lifted(self.reach(id(d), [d.expr]))
        key = self._memo_key(d, frame, None)
        if key not in frame.memo:
            self._enter(d)
            try:
                frame.memo[key] = self._read(d, frame) if d.read else self.eval(d.expr, frame)
            finally:
                self._leave(d)
        return frame.memo[key]

    def _read(self, d: Definition, frame: Frame) -> Any:
        """A definition the checker reads into the text (L = ⟨δ, y⟩ for the upstream gradient δ
        it names): where its two sides' shapes do not fit, the reading is the checker's, not
        the text's: no value (a question), never a failure of the step."""
        if not isinstance(d.expr, t.Inner):
            return self.eval(d.expr, frame)
        a, b = as_tensor(self.eval(d.expr.a, frame)), as_tensor(self.eval(d.expr.b, frame))
        if a.shape != b.shape:
            raise EvalError(f"{d.name} read as {t.canon(d.expr)}: shapes {a.shape} and {b.shape}",
                            f"what is the shape of {t.canon(d.expr.b)}? {d.name} is read as "
                            f"{t.canon(d.expr)}, and the two do not fit")
        return F.sum(F.mul(a, b))

    def _eval_at(self, d: Definition, node: Any, frame: Frame) -> Any:
        """``node`` (part of ``d``) read with the definitions in force where ``d`` was written."""
        self._where.append((d.line, d.paragraph))
        self.entered[id(d)] = d
        try:
            return self.eval(node, frame)
        finally:
            self._where.pop()

    def side(self, node: Any, frame: Frame) -> Any:
        """The value of one side of a step (σ written bare beside dσ/dx is σ(x))."""
        self._frame = frame
        value = self.eval(node, frame)
        if isinstance(value, Fn) and self.implicit is not None:
            return self.call(value, [self.eval(self.implicit, frame)])
        return value

    # ---- the term ------------------------------------------------------------------------
    def eval(self, node: Any, frame: Frame) -> Any:
        self.visits += 1
        if self.visits > MAX_VISITS or (self.visits & 63) == 0 and clock() > self.deadline:
            raise TooLong("the evaluation takes too long")
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None or isinstance(node, t.MulOp):
            raise EvalError(f"{t.canon(node)} stands where a value belongs")
        return method(node, frame)

    def _num(self, node: t.Num, frame: Frame) -> Tensor:
        return Tensor(np.float64(node.value))

    def _sym(self, node: t.Sym, frame: Frame) -> Any:
        if node.name in DOTS:
            raise EvalError("⋯ needs a term before it and one after it")
        if node.name in self.scope.vectors_named and not self.reading.pick(
                f"notation:{node.name}", (f"{node.name} the constant",
                                        f"{node.name} the vector the text gives")):
            # π = (0.2, 0.5, 0.3) gives π_k; π written alone, √(2π), may be the constant
            return Tensor(np.float64(CONSTANT_VALUES[node.name]))
        return self.name(node.name, frame)

    def _given(self, node: Given, frame: Frame) -> Any:
        return self._component(node._value, node._sub, node._name, frame) if node._sub else \
            node._value

    def _prime(self, node: t.Prime, frame: Frame) -> Any:
        return calculus.prime(self, node, frame)

    def _deriv(self, node: t.Deriv, frame: Frame) -> Any:
        if node.f is None:
            raise EvalError("∂/∂x is applied to nothing")
        if not self.deriving:
            given = self._stated(t.canon(node))
            if given is not None and self.reading.pick(f"named:{t.canon(node)}", (
                    f"{t.canon(node)} by the rules", f"{t.canon(node)} the numbers line "
                                                     f"{given[0]} gives it")):
                # ∂L/∂w ≈ (0.196, …) worked out under a rule the text states in words (a
                # straight-through estimator), then w − η ∂L/∂w: those numbers
                return self.eval(given[1], frame)
        self.deriving += 1
        try:
            return calculus.derivative_node(self, node, frame)
        finally:
            self.deriving -= 1

    def _add(self, node: t.Add, frame: Frame) -> Any:
        written = _terms(node)
        if any(_is_dots(term) for _, term in written):
            return self._ellipsis_sum(written, frame)
        return self.combine("+", self.eval(node.a, frame), self.eval(node.b, frame))

    def _sub(self, node: t.Sub, frame: Frame) -> Any:
        written = _terms(node)
        if any(_is_dots(term) for _, term in written):
            return self._ellipsis_sum(written, frame)
        return self.combine("-", self.eval(node.a, frame), self.eval(node.b, frame))

    def _neg(self, node: t.Neg, frame: Frame) -> Any:
        v = self.eval(node.a, frame)
        if isinstance(v, Identity):
            return v.scaled(-1.0)
        if isinstance(v, Ones):
            return v.scaled(F.neg(v.scale))
        return F.neg(as_tensor(v))

    def _paren(self, node: t.Paren, frame: Frame) -> Any:
        if len(node.args) != 1:
            return self._list(node, frame)
        return self.eval(node.args[0], frame)

    def _at(self, node: t.At, frame: Frame) -> Any:
        """``f(x) \\Big|_{x=0}``: f where x is 0."""
        values = {}
        for c in node.at:
            if not (isinstance(c, t.Relation) and c.op == "=" and
                    isinstance(c.a, (t.Sym, t.Script))):
                raise EvalError(f"the evaluation bar's {t.canon(c)} is not a value given to a "
                                f"name (write x = 0)")
            values[t.canon(c.a)] = as_tensor(self.eval(c.b, frame))
        return self.eval(node.a, frame.with_values(values))

    def _relation(self, node: t.Relation, frame: Frame) -> Tensor:
        a = as_tensor(self.eval(node.a, frame)).data
        b = as_tensor(self.given(node.b, frame) if node.op == "=" else
                      self.eval(node.b, frame)).data
        close = np.isclose(a, b, rtol=1e-12, atol=1e-12)
        result = {"=": close, "!=": ~close, "<": a < b, "<=": (a < b) | close,
                  ">": a > b, ">=": (a > b) | close}[node.op]
        return Tensor(np.asarray(result, dtype=np.float64))

    def _frac(self, node: t.Frac, frame: Frame) -> Any:
        return self.combine("/", self.eval(node.num, frame), self.eval(node.den, frame))

    def _between(self, node: t.Script, frame: Frame) -> Tensor:
        """``[F]_a^b`` after an antiderivative: F at b minus F at a, in the one variable F
        has that the limits do not mention."""
        body, lo, hi = node.base.args[0], node.sub[0], node.sup
        names = value_names(body) - value_names(lo) - value_names(hi)
        names = {n for n in names if lookup(n) is None and not self.is_index(n)}
        if len(names) != 1:
            raise EvalError(f"[…]_{{{t.canon(lo)}}}^{{{t.canon(hi)}}} of {t.canon(body)}: no "
                            f"one variable", f"which variable runs from {t.canon(lo)} to "
                            f"{t.canon(hi)} in [{t.canon(body)}]? write the difference out: "
                            f"F({t.canon(hi)}) − F({t.canon(lo)})")
        var, = names
        at = [as_tensor(self.eval(body, frame.with_values({var: as_tensor(self.eval(end, frame))})))
              for end in (hi, lo)]
        self.notes.add("[F]_a^b as F(b) − F(a)")
        return F.sub(at[0], at[1])

    def _apply(self, node: t.Apply, frame: Frame) -> Tensor:
        count = self.scope.set_sizes.get(name_of(node.a) or "") if node.fn == "abs" else None
        if count is not None:
            return Tensor(np.float64(count))     # |V| of V = {1, 2, 3, 4}: its size
        x = as_tensor(self.eval(node.a, frame))
        if node.fn == "sqrt":
            if node.degree is not None:
                return F.power(x, F.div(1.0, as_tensor(self.eval(node.degree, frame))))
            return F.sqrt(x)
        if node.fn == "abs":
            if x.ndim == 2 and x.shape[0] == x.shape[1] > 1:
                k = self.reading.pick("bars", ("|A| as entrywise absolute values",
                                               "|A| as the determinant"))
                if k == 1:
                    return lookup("det").fn(x)
            return F.abs(x)
        if node.fn == "norm":
            return F.sqrt(F.sum(F.mul(x, x)))
        if node.fn == "factorial":
            if np.any(x.data < 0) or np.any(x.data > 170):
                raise EvalError(f"the factorial of {t.canon(node.a)}: a number from 0 to 170")
            return numeric(lambda v: np.vectorize(lambda n: math.gamma(n + 1.0))(v), x)
        return self._rounded(node.fn, x)

    def _point(self, node: t.Call, frame: Frame) -> str:
        """``V(s_{t+1})`` at t = 1 as the point it names, ``V(s_{2})``: each subscript of an
        argument that is a whole number where it is read written as that number."""
        def at(a: Any) -> Any:
            if not (isinstance(a, t.Script) and isinstance(a.base, t.Sym) and a.sup is None and
                    a.sub is not None):
                return a
            letters = mentioned_names(t.Paren(a.sub, "("))
            if not letters or not letters <= set(frame.indices):
                return a
            subs = []
            for i in a.sub:
                v = np.asarray(as_tensor(self.eval(i, frame)).data)
                if v.size != 1 or float(v) != round(float(v)):
                    return a
                subs.append(t.Num(float(round(float(v)))))
            return t.Script(a.base, tuple(subs), None)
        return t.canon(t.Call(node.fn, tuple(at(a) for a in node.args), node.bracket))

    def _rounded(self, fn: str, x: Tensor) -> Tensor:
        """⌊x⌋, ⌈x⌉ or ⌊x⌉ (to the nearest), entry by entry."""
        rounding = ROUNDINGS[fn]
        # ⌊k/2⌋ = n for k = 2n + 1: true of whole numbers, which sizes are; a reading
        self.reading.pick("whole", ("the numbers drawn real", WHOLE))
        rounded = rounding(x.data)
        if self.by_differences:
            # a derivative taken by differences sees the rounding's 0, never the
            # straight-through 1 the text may mean
            self.doubts.append("is the rounding's derivative taken as 1 (straight through)? "
                               "the checker reads it as 0 here: write the step with the "
                               "derivative the text uses")
        options = ("a rounding's derivative 0", "a rounding's derivative 1 (straight through)")
        # (a text that names the straight-through estimator reads it so first)
        first = 1 if self.scope.straight_through else 0
        if self.deriving and x.requires_grad and self.reading.pick(
                "straight", options[first:] + options[:first]) != first:
            # quantization-aware training's convention d⌊u⌉/du := 1: the value rounded, the
            # derivative that of u (in reverse mode: differences would see the rounding)
            self.straight = True
            return F.add(x, Tensor(np.asarray(rounded - x.data)))
        return Tensor(rounded)

    def _inner(self, node: t.Inner, frame: Frame) -> Tensor:
        a, b = as_tensor(self.eval(node.a, frame)), as_tensor(self.eval(node.b, frame))
        if a.shape != b.shape:
            raise ShapeMismatch(f"⟨a, b⟩ of shapes {a.shape} and {b.shape}")
        return F.sum(F.mul(a, b))

    def _matrix(self, node: t.Matrix, frame: Frame) -> Tensor:
        rows = []
        width = len(node.rows[0])
        for row in node.rows:
            if len(row) != width:
                raise EvalError("the rows of a matrix have different lengths")
            entries = [as_tensor(self.eval(e, frame)) for e in row]
            if any(e.ndim for e in entries):
                raise EvalError("a matrix entry is not a number")
            rows.append(F.stack(entries))
        return F.stack(rows)

    def _list(self, node: t.Paren, frame: Frame) -> Tensor:
        """``[2, -3, -3]``, ``(x_1, x_2)``: a column; ``[h_{t-1}, x_t]``: columns stacked."""
        items = list(_items(node.args))
        dots = [k for k, a in enumerate(items) if _is_dots(a)]
        if node.bracket not in ("(", "[") or len(dots) > 1 or dots and not \
                0 < dots[0] < len(items) - 1:
            raise EvalError("a list in parentheses is not a value")
        if dots:            # (o_1, …, o_n, 1): the members the ellipsis stands for, in place
            k = dots[0]
            items[k - 1:k + 2] = self._written_out(items[k - 1], items[k + 1], frame)
        parts = []
        for a in items:
            v = self.eval(a, frame)
            if isinstance(v, (Fn, Identity, Ones)):
                raise EvalError("a list in parentheses is not a value")
            v = as_tensor(v)
            if v.ndim == 0:
                v = F.reshape(v, shape=(1, 1))
            elif not (v.ndim == 2 and v.shape[1] == 1):
                raise EvalError("a list holds numbers or columns")
            parts.append(v)
        out = F.concatenate(parts, axis=0)
        if all(as_tensor(p).size == 1 for p in parts) and len(parts) > 1:
            k = self.reading.pick("tuple", ("a list of numbers as a column",
                                            "a list of numbers as a row"))
            if k == 1:
                return F.transpose(out)
        return out

    def _written_out(self, first: Any, last: Any, frame: Frame) -> list[Any]:
        """``(x_1, …, x_n)``, ``(φ'(x_1), …, φ'(x_n))``: the items the ellipsis stands for,
        where the last item is the first with the whole numbers that count (1) replaced by one
        term (n) throughout."""
        pairs: dict[tuple[float, str], Any] = {}     # (count, last's term written): the term

        def same(a: Any, b: Any) -> bool:
            if a == b:
                return True
            if isinstance(a, t.Num) and float(a.value).is_integer() and \
                    (not isinstance(b, t.Num) or float(b.value).is_integer()):
                pairs[(a.value, t.canon(b))] = b
                return True
            if type(a) is not type(b) or not dataclasses.is_dataclass(a):
                return False
            for f in dataclasses.fields(a):
                x, y = getattr(a, f.name), getattr(b, f.name)
                if isinstance(x, tuple) and isinstance(y, tuple):
                    if len(x) != len(y) or not all(same(u, v) for u, v in zip(x, y)):
                        return False
                elif dataclasses.is_dataclass(x) and dataclasses.is_dataclass(y):
                    if not same(x, y):
                        return False
                elif x != y and f.compare:
                    return False
            return True

        if not same(first, last) or len(pairs) != 1:
            raise EvalError("a list in parentheses is not a value")
        ((count, written), term), = pairs.items()
        start = int(count)
        end = as_int(self.eval(term, frame), written)
        if not start <= end < start + 10_000:
            raise EvalError(f"the list runs from {start} to {end}: the checker writes out "
                            f"lists of 1 to 10 000 items; give the vector another way")

        def member(a: Any, b: Any, k: int) -> Any:
            if a == b:
                return a
            if isinstance(a, t.Num):
                return t.Num(float(k))
            return dataclasses.replace(a, **{
                f.name: tuple(member(u, v, k) for u, v in zip(getattr(a, f.name),
                                                               getattr(b, f.name)))
                if isinstance(getattr(a, f.name), tuple) else
                member(getattr(a, f.name), getattr(b, f.name), k)
                if dataclasses.is_dataclass(getattr(a, f.name)) else getattr(a, f.name)
                for f in dataclasses.fields(a) if f.init})
        return [member(first, last, k) for k in range(start, end + 1)]

    def _cases(self, node: t.Cases, frame: Frame) -> Any:
        """The first row whose condition holds; entry by entry where the conditions are of
        a vector (f(x) = x for x > 0, αx for x ≤ 0, at x = (−2, 0.3))."""
        conditions = [None if c is None else np.asarray(as_tensor(self.eval(c, frame)).data,
                                                        dtype=bool) for _, c in node.rows]
        if all(c is None or c.ndim == 0 for c in conditions):
            for (value, _), c in zip(node.rows, conditions):
                if c is None or bool(c):
                    return self.eval(value, frame)
            raise EvalError("no case of the piecewise definition applies here")
        covered = np.logical_or.reduce([np.ones((), bool) if c is None else c
                                        for c in conditions])
        if not np.all(covered):
            raise EvalError("no case of the piecewise definition applies to some entries")
        out: Any = None
        for (value, _), c in reversed(list(zip(node.rows, conditions))):
            v = as_tensor(self.eval(value, frame))
            out = v if out is None or c is None else F.where(Tensor(c), v, out)
        return out

    # ---- scripts ---------------------------------------------------------------------------
    def _entries_of_capital(self, node: t.Script, frame: Frame) -> Any:
        """``k_{21}`` beside a matrix ``K`` the text gives, with k itself no matrix (a size, or
        never given): K's entry, as texts name a matrix's entries by its lower-case letter (k
        as written has no entries, or none the text states)."""
        base = node.base
        if not (isinstance(base, t.Sym) and len(base.name) == 1 and base.name.islower() and
                node.sup is None and node.sub and len(index_list(node.sub)) == 2 and
                base.name not in frame.values and self.known(base.name.upper())):
            return None
        if base.name in self.scope.declared or self.scope.valued(base.name):
            try:
                if as_tensor(self.name(base.name, frame)).ndim:
                    return None
            except (EvalError, Unknown, ArithmeticError, ValueError, TypeError):
                return None
        whole = as_tensor(self.name(base.name.upper(), frame))
        if whole.ndim != 2 or min(whole.shape) < 2:
            return None
        self.notes.add(f"{base.name}_{{ij}} as the entries of {base.name.upper()}")
        return self._component(whole, node.sub, base.name.upper(), frame)

    def _script(self, node: t.Script, frame: Frame) -> Any:
        base = node.base
        if _evaluation_bracket(node):
            return self._between(node, frame)
        sample = self._sample(base, node.sup, frame) if node.sub is None else None
        if sample is not None:
            return sample
        if isinstance(base, t.Sym) and base.name == "e" and node.sup is not None and \
                "e" in self.definitions and "e" not in frame.values:
            k = self.reading.pick("e", ("e^{…} as the exponential", "e as the text's name"))
            if k == 0:
                return F.exp(as_tensor(self.eval(node.sup, frame)))
        entries = self._entries_of_capital(node, frame)
        if entries is not None:
            return entries
        if isinstance(base, t.Sym) and base.name == "onehot" and node.sub and \
                node.sup is None and not self.known("onehot"):
            return self._onehot(node.sub[0], frame, None)
        if isinstance(base, t.Sym) and base.name in ("log", "\\log") and node.sup is None and \
                node.sub is not None and len(node.sub) == 1 and not self.known(t.canon(node)):
            b = as_tensor(self.eval(node.sub[0], frame))
            if b.ndim or not float(b.data) > 0 or float(b.data) == 1:
                raise EvalError(f"log_{{{t.canon(node.sub[0])}}}: a base is a positive number ≠ 1")
            log = lookup("log").value()
            return Fn(f"log_{t.canon(node.sub[0])}",
                      lambda x: F.div(log.call(x), math.log(float(b.data))))
        if isinstance(base, t.Call) and self._prefix(base.fn) is not None:
            group = t.Paren(base.args, base.bracket)
            return self._prefix(base.fn)([t.Script(group, node.sub, node.sup)], frame)
        if isinstance(base, t.Call) and len(base.args) == 1 and base.bracket == "(" and \
                node.sub is None and isinstance(node.sup, t.Num) and \
                isinstance(base.fn, t.Sym) and lookup(base.fn.name) is not None and \
                not self.known(base.fn.name) and self.reading.pick(
                    f"power:{t.canon(node)}", ("f(a)ⁿ as (f(a))ⁿ", "f (a)ⁿ as f(aⁿ)")):
            return self.eval(t.Call(base.fn, (t.Script(t.Paren(base.args, "("), None, node.sup),),
                                    "("), frame)
        if isinstance(base, t.Paren) and node.sub is None and len(base.args) > 1 and \
                self._transpose_mark(node.sup, frame) and self.reading.pick("column", (
                    "(…)ᵀ the transpose of the list", "(…)ᵀ a column, as the list is")):
            return self._list(base, frame)          # x = (1.0, 0.5)ᵀ beside a = (0.52, 0.61)
        split = self._value_times_group(base, frame)
        if split is not None:                       # h (δ)^T: the script belongs to the group
            value, group = split
            return self.combine("juxt", value, self.eval(t.Script(group, node.sub, node.sup),
                                                         frame))
        if isinstance(base, t.Apply) and base.fn == "norm" and node.sub and len(node.sub) == 1 \
                and t.canon(node.sub[0]) in _NORMS:
            value = self._norm(base.a, t.canon(node.sub[0]), frame)
            return self._superscript(value, node.sup, frame) if node.sup is not None else value
        full = t.canon(node)
        # f(w) = w₁² + 5w₂²: in a function's body, w₁ is an entry of its parameter w, not a
        # w₁ the text defines elsewhere (the first iterate)
        # (also where a value is set for w₂ the iterate: the body's w₂ is still w's entry)
        # (not x_{\max} = 100 in f(x) = (x/x_{\max})^α: a word names a value of its own)
        bound = isinstance(base, t.Sym) and node.sub is not None and self._parameters and \
            base.name in self._parameters[-1] and full not in self._parameters[-1] and not (
                full in self.definitions and (is_label_sub(node.sub) or _word_sub(node.sub)))
        # m_i ∈ {0, 1} declared, then m = (1, 0, 1) given: m_i is an entry of the m given
        # (and x_i² with x = (2, 1, 4) given: the entry squared)
        entry = isinstance(base, t.Sym) and node.sub is not None and (
            node.sup is None or isinstance(node.sup, t.Num)) and base.name in frame.values
        if entry:
            written = full if node.sup is None else t.canon(t.Script(base, node.sub, None))
            entry = written not in frame.values and written not in self.definitions
        inner = node.sup.args[0] if node.sub is None and isinstance(node.sup, t.Paren) and \
            node.sup.bracket == "(" and len(node.sup.args) == 1 else None
        letters = mentioned_names(inner) if inner is not None else frozenset()
        if letters and letters <= set(frame.indices) and full not in self.definitions and \
                full not in frame.values:
            # h^{(t)} at t = 2 where the text gives h^{(2)} and no formula for h^{(t)}
            k = as_int(self.eval(inner, frame), t.canon(inner))
            member = t.canon(t.Script(base, None, t.Paren((t.Num(float(k)),), "(")))
            if self.known(member):
                return self.name(member, frame)
        letter = node.sub[0] if node.sub is not None and len(node.sub) == 1 and \
            isinstance(node.sub[0], t.Sym) else None
        at = None if letter is None else frame.indices.get(letter.name, _whole(
            frame.values.get(letter.name)))
        if at is not None and isinstance(node.sup, t.Num) and not bound and not entry and \
                full not in self.definitions and not self.known(t.canon(base)) and \
                self.known(member := t.canon(t.Script(base, (t.Num(float(at)),), node.sup))):
            return self.name(member, frame)         # σ_j² at j = 1 with σ_1² = 4 given
        letter = letter if node.sup is None else None
        if letter is not None and at is not None and not bound and not entry and \
                full not in self.definitions and t.canon(base) not in self.scope.definitions:
            # ℓ_i = log σ_i at i = 2, with σ_1 and σ_2 numbers of their own: σ_2; and
            # x_i ∈ ℝ^d declared for every i, with x_1 = (3; 2) given: x_1 at i = 1 (an
            # index of the step's, or the value the text sets for i)
            member = t.canon(t.Script(base, (t.Num(float(at)),), None))
            if full not in frame.values and not self.known(t.canon(base)) and \
                    self.known(member) or (full in self.scope.declared or
                                           full in self.symbols) and member in self.definitions:
                return self.name(member, frame)
        if not bound and not entry and (
                self._firm(full, frame) or full in self.symbols and
                not self._firm_base(node, frame) or node.sup == t.Sym("*")) and \
                not self._not_a_name(node, full, frame):
            # θ^*: a name of its own, never a power
            later = self.scope.definitions.get(full, ())
            if letter is not None and letter.name in frame.summed and later and \
                    not self._firm(full, frame):
                # Σ_i P_i before the text defines P_i (= 1/N, on a later line): here P_i may
                # be the entry i of a vector P, not the one number drawn for every i
                self.doubts.append(ask_about(full, (
                    f"is {full} here the entry {letter.name} of {t.canon(base)}, or the "
                    f"{full} line {later[0].line} defines? that definition comes after this "
                    f"step")))
            return self.name(full, frame)
        label, rest = split_label(node.sup, self.scope.layers) if not isinstance(base, t.Num) \
            else (None, None)                       # 0^n: a number's superscript is a power
        sub, sup = node.sub, node.sup
        if label is not None:
            labelled = t.canon(t.Script(base, None, label))
            if not (self.known(labelled) or labelled in frame.values) and (
                    self.known(t.canon(base)) or t.canon(base) in frame.values):
                labelled = t.canon(base)    # x^{(i)}: the i-th sample of a declared x
            if isinstance(rest, t.Sym) and rest.name in ("\\prime", "'"):
                return self.eval(t.Prime(t.Sym(labelled), 1), frame)
            if sub and self._family_of(labelled, sub) is not None:
                value = self._member(labelled, sub, frame)
            else:
                value = self.name(labelled, frame)
                value = self._component(value, sub, labelled, frame) if sub else value
            return self._superscript(value, rest, frame) if rest is not None else value
        if sup is not None and sub is not None:
            upper = t.canon(t.Script(base, None, sup))
            if self.known(upper) or upper in frame.values:
                if self._family_of(upper, sub) is not None:
                    return self._member(upper, sub, frame)
                return self._component(self.name(upper, frame), sub, upper, frame)
            lower = t.canon(t.Script(base, sub, None))
            # h_{t−1}^T with h a sequence in force: its member, unless the text gives h_{t−1}
            if not bound and not entry and (self._firm(lower, frame) or self.known(lower) and not (
                    isinstance(base, t.Sym) and self._family_of(base.name, sub) is not None)):
                return self._superscript(self.name(lower, frame), sup, frame)
        if sub is not None:
            special = self._indicator(base, sub, frame)
            if special is not None:
                value = special
            else:
                value = self._subscripted(base, sub, frame)
                if self._transpose_mark(sup, frame) and isinstance(value, Tensor) and \
                        value.ndim == 0:
                    written = t.canon(t.Script(base, sub, None))
                    raise EvalError(f"{written}^T is the transpose of a number (a component of "
                                    f"{t.canon(base)}); if {written} is a vector of its own "
                                    f"(a sample, a row), declare it ({written}: vector n)")
        else:
            value = self.eval(base, frame)
            if sup is not None and isinstance(value, Tensor) and value.ndim == 0 and \
                    self._transpose_mark(sup, frame) and self._guessed_number(t.canon(base)):
                # x^T with x read as a number from its use: the text may have a vector in
                # mind, and a failure may rest on the guess
                name = t.canon(base)
                self.doubts.append(ask_about(name, f"it is read as a number, and the text "
                                                   f"transposes it: what shape has it? "
                                                   f"declare it ({name}: vector n)"))
        return self._superscript(value, sup, frame) if sup is not None else value

    def _named_after(self, name: str, d: Definition | None) -> tuple[int, Any] | None:
        """The last number the prose names ``name`` after its formula's line and up to this
        step's (line, term), if any; not a point it speaks of ("at $m = 1$ any … is a
        subgradient")."""
        if d is None or d.index or d.params or _literal(d.expr):
            return None
        return self._stated(name, d.line)

    def _stated(self, name: str, after: int = 0) -> tuple[int, Any] | None:
        """The last number the text gives ``name`` after line ``after`` and before this
        step: named in passing, or computed in an earlier section."""
        line = self._where[0][0]
        given = [g[:2] for g in self.scope.named_numbers().get(name, ())
                 if after < g[0] <= line and (g[2] < 0 or g[2] < self.scope.section_at(line))]
        return given[-1] if given else None

    def _guessed_number(self, name: str) -> bool:
        """A name read as a number from its use alone (neither declared nor defined)."""
        kind = self.symbols.get(name)
        return kind is not None and kind.name == "scalar" and \
            name not in self.scope.declared and name not in self.definitions

    def _transpose_mark(self, sup: Any, frame: Frame) -> bool:
        if not (isinstance(sup, t.Sym) and sup.name in TRANSPOSE):
            return False
        if sup.name not in ("t", "T"):
            return True
        if sup.name in frame.indices:
            return False
        if self.known(sup.name) or sup.name in frame.values:
            # T a name of the text's (targets, a number of steps): W^T its power, or still
            # W's transpose
            return bool(self.reading.pick(f"transpose:{sup.name}", (
                f"^{sup.name} a power of the text's {sup.name}", f"^{sup.name} a transpose")))
        return True

    def _not_a_name(self, node: t.Script, full: str, frame: Frame) -> bool:
        """A scripted name drawn or declared that the text's notation reads otherwise: I_D
        with D a size (z ∈ ℝ^D), the identity; z_t declared (z_t ∈ ℝ⁴) and defined as the
        family z_t = [x_t; h_{t−1}] over its letter, the family's member (the declaration
        gives its shape, the family its value)."""
        base, sub = node.base, node.sub
        if not isinstance(base, t.Sym) or sub is None or full in self.definitions:
            return False
        if base.name == "I" and len(sub) == 1 and isinstance(sub[0], t.Sym) and \
                full not in self.scope.declared and not self.known("I") and \
                self._is_size(sub[0].name):
            return True
        if node.sup is not None or full in frame.values:
            return False
        family = self._family_of(base.name, sub)
        return family is not None and bool(family.index) and \
            family.index == tuple(i.name for i in sub if isinstance(i, t.Sym))

    def _firm(self, name: str, frame: Frame) -> bool:
        """A value the text gives (declared, defined, or fixed here), not one bound by use."""
        return name in frame.values or name in self.definitions or name in self.scope.declared

    def _firm_base(self, node: t.Script, frame: Frame) -> bool:
        base = node.base
        candidates = [t.canon(base)]
        if node.sub is not None and node.sup is not None:
            candidates += [t.canon(t.Script(base, node.sub, None)),
                           t.canon(t.Script(base, None, node.sup))]
        label, _ = split_label(node.sup, self.scope.layers)
        if label is not None:
            candidates.append(t.canon(t.Script(base, None, label)))
        return any(self._firm(c, frame) for c in candidates)

    def _norm(self, node: Any, which: str, frame: Frame) -> Tensor:
        """‖x‖₂, ‖W‖_F, ‖x‖₁, ‖x‖_∞ (a matrix's ‖·‖₂ is its largest singular value)."""
        x = as_tensor(self.eval(node, frame))
        if which in ("F", "\\mathrm{F}", "2") and not (which == "2" and x.ndim == 2 and
                                                       min(x.shape) > 1):
            return F.sqrt(F.sum(F.mul(x, x)))
        if which == "2":
            return numeric(lambda a: np.asarray(np.linalg.norm(a, 2)), x)
        if x.ndim == 2 and min(x.shape) > 1 and which in ("1", "\\infty") and \
                self.reading.pick(f"norm:{which}", (
                    f"a matrix's ‖·‖_{which} entry by entry",
                    f"a matrix's ‖·‖_{which} induced (the largest "
                    f"{'column' if which == '1' else 'row'} sum)")):
            # ‖A‖_∞ = max_i Σ_j |a_ij| (Zeilensummennorm), ‖A‖₁ the column sums'
            return F.max(F.sum(F.abs(x), axis=1 if which != "1" else 0))
        if which == "1":
            return F.sum(F.abs(x))
        return F.max(F.abs(x))

    def _value_times_group(self, base: Any, frame: Frame) -> tuple[Any, Any] | None:
        if not isinstance(base, t.Call) or len(base.args) != 1 or isinstance(
                base.args[0], t.Relation):
            return None
        fn = base.fn
        if isinstance(fn, t.Sym) and (fn.name in self.definitions and self.definitions[
                fn.name].params or fn.name in ("\\mathbb{1}", "I")):
            return None
        try:
            value = self.eval(fn, frame)
        except Unknown:
            return None
        if isinstance(value, (Fn, Identity)):
            return None
        return value, t.Paren(base.args, base.bracket)

    def _is_size(self, name: str) -> bool:
        """A letter the text uses as a size: of a set (ℝ^{m×n}) or as the count of a sum."""
        kind = self.symbols.get(name)
        return kind is not None and kind.name == "constant" or any(
            name in parts for parts in self.scope.shaped.values())

    def _indicator(self, base: Any, sub: tuple, frame: Frame) -> Any:
        """``\\mathbb{1}_{i=j}``, Kronecker's ``\\delta_{ij}``, ``I_{kj}``; ``\\mathbb{1}_y``, ``e_y``:
        the basis vector of y (sized by what it meets); ``\\mathbf{1}_n``, ``\\mathbf{1}_4``: n
        (4) ones (4: or, as another reading, e_4)."""
        if not isinstance(base, t.Sym):
            return None
        if base.name in ("\\mathbb{1}", "\\mathbf{1}") and len(sub) == 1 and \
                not self.known(base.name):
            if isinstance(sub[0], t.Relation):
                return self.eval(sub[0], frame)
            if isinstance(sub[0], t.Sym) and self._is_size(sub[0].name):
                n = as_int(self.eval(sub[0], frame), f"the size {sub[0].name}")
                self.notes.add(f"{base.name}_{sub[0].name} as the vector of {sub[0].name} ones")
                return Tensor(np.ones((n, 1)))
            n = int(sub[0].value) if isinstance(sub[0], t.Num) and \
                float(sub[0].value).is_integer() and 1 <= sub[0].value <= MAX_IDENTITY else 0
            if n and self.reading.pick(f"ones:{base.name}_{n}", (
                    f"{base.name}_{n} the vector of {n} ones",
                    f"{base.name}_{n} the basis vector e_{n}")) == 0:
                return Tensor(np.ones((n, 1)))      # P𝟏_4: a plan's row sums
            self.notes.add(f"{base.name}_y as the basis vector of y (one-hot)")
            return Basis(as_int(self.eval(sub[0], frame), f"the index {t.canon(sub[0])}") +
                         self._label_from_0(sub[0], frame))
        if base.name == "I" and not self.known("I") and len(sub) == 1 and (
                isinstance(sub[0], t.Sym) and self._is_size(sub[0].name) or
                isinstance(sub[0], t.Num)):
            # I_p, I_3: the identity of the size its subscript names
            n = as_int(self.eval(sub[0], frame), f"the size {t.canon(sub[0])}")
            if not 1 <= n <= MAX_IDENTITY:
                raise EvalError(f"I_{n}: the checker builds identities of sizes 1 to "
                                f"{MAX_IDENTITY}", f"check this step at a size of at most "
                                f"{MAX_IDENTITY} (I_n with n a letter is checked at any size)")
            return Tensor(np.eye(n))
        if base.name in ("\\delta", "I") and not self.known(base.name):
            items = index_list(sub)
            if len(items) == 2:
                a, b = (as_int(self.eval(i, frame), t.canon(i)) for i in items)
                return Tensor(np.float64(a == b))
        if base.name == "e" and not self.known("e") and "e" not in frame.values and \
                len(index_list(sub)) == 1 and not self.known(t.canon(t.Script(base, sub, None))):
            self.notes.add("e_k as the k-th standard basis vector")
            return Basis(as_int(self.eval(index_list(sub)[0], frame),
                                f"the index {t.canon(index_list(sub)[0])} of e"))
        return None

    def _label_from_0(self, index: Any, frame: Frame) -> int:
        """``\\mathbb{1}_y`` with y = 1 given, a class label: the first class counted from 1,
        or — as code and many notes count classes — the second, from 0 (1 then)."""
        if not isinstance(index, t.Sym) or index.name in frame.indices or \
                index.name not in self.definitions:
            return 0
        return self.reading.pick(f"label0:{index.name}", (f"{index.name} counted from 1",
                                                          f"{index.name} counted from 0"))

    def _family_of(self, name: str, sub: tuple) -> Definition | None:
        """The family (or sequence) definition of ``name`` a subscript picks: the one defined
        with that letter (Bishop's δ_k and δ_j), else the newest."""
        families = self.scope.families(name, self.line) if name in self.definitions or \
            self.scope.families(name, self.line) else []
        d = self.definition(name)
        if d is not None and d.index and d not in families:
            families.append(d)
        if not families:
            return None
        items = index_list(sub) if len(families[-1].index) == 2 else list(sub)
        letters = tuple(i.name for i in items if isinstance(i, t.Sym))
        same = [f for f in families if f.index == letters]
        if same:
            return same[-1]
        if len({f.index for f in families}) > 1:
            options = tuple(f"{name} the family defined over {''.join(f.index)} (line {f.line})"
                            for f in reversed(families))
            return list(reversed(families))[self.reading.pick(f"family:{name}", options)]
        return families[-1]

    def _member(self, name: str, sub: tuple, frame: Frame) -> Any:
        """Member ``sub`` of the family or sequence ``name``."""
        if name in frame.values:        # the family a derivative is taken by (∂a^L_j/∂z^L_j)
            return self._component(frame.values[name], sub, name, frame)
        d = self._family_of(name, sub)
        items = index_list(sub) if len(d.index) == 2 else list(sub)
        if len(d.index) == 1 and len(index_list(sub)) == 2:
            # h_{t,j} of the family h_t of vectors: member t's entry j
            first, rest = index_list(sub)[0], index_list(sub)[1]
            return self._component(self._member(name, (first,), frame), (rest,), name, frame)
        if len(items) != len(d.index):
            raise EvalError(f"{name} takes {len(d.index)} indices, got {len(items)}")
        k = tuple(as_int(self.eval(i, frame), t.canon(i)) for i in items)
        if d.recurrence:
            return self._sequence(d, k[0], frame)
        written = t.canon(t.Script(t.Sym(name), (t.Num(float(k[0])),), None)) \
            if len(k) == 1 else None
        if written in frame.values:          # the member a derivative is taken by (h_1)
            return frame.values[written]
        if min(k) < 0:      # h_t = tanh(a_t), a_t = w h_{t−1} + …, no h_0: h_{−1} asked
            raise EvalError(f"{name}_{{{','.join(map(str, k))}}} is before the first member "
                            f"the text gives")
        frame = frame.lifted(self.reach(id(d), [d.expr]))
        # s_j of ℓ_j = s_j/τ at the step's own j is at the step's own j too
        free = frozenset(i for i, item in zip(d.index, items)
                         if mentioned_names(item) & frame.free)
        key = (*self._memo_key(d, frame, k), free)
        if key not in frame.memo:
            active = (id(frame.memo), key)     # in this frame's values (not a trial's)
            if active in self._active:   # a_j = Σ_i w_ji z_i with z_i = h(a_i): a_1 needs a_1
                member = f"{name}_{{{','.join(map(str, k))}}}"
                raise EvalError(f"its definitions refer to each other without end ({member} "
                                f"needs {member} itself)")
            self._active.add(active)
            labels = {letter: item for letter, item in zip(d.index, items)
                      if isinstance(item, t.Num)}
            try:
                frame.memo[key] = self._eval_at(d, self._labelled(d.expr, labels) if labels
                                                else d.expr, frame.with_indices(
                    dict(zip(d.index, k)), free))
            finally:
                self._active.discard(active)
        return frame.memo[key]

    def _labelled(self, expr: Any, labels: dict[str, t.Num]) -> Any:
        """A family's formula at a member written with numbers (λ_{2,i} of λ_{k,i} = log σ_{k,i}²):
        a name of no value of its own whose subscript holds the family's letter is the name the
        text writes with that number (σ_{2,i}), not one name σ_{k,i} for every k."""
        written = self.scope.written()

        def fn(node: Any) -> Any:
            if isinstance(node, t.Script) and isinstance(node.base, t.Sym) and node.sub and \
                    not self.known(node.base.name):
                sub = tuple(labels.get(s.name, s) if isinstance(s, t.Sym) else s
                            for s in node.sub)
                if sub != node.sub and t.canon(t.Script(node.base, sub, None)) in written:
                    return t.Script(node.base, sub, None if node.sup is None else fn(node.sup))
            return t.rebuild(node, fn)
        return fn(expr)

    def _spread(self, d: Definition, args: tuple, frame: Frame) -> dict | None:
        """A point of the plane written either way: f(x, y) at one vector of two entries
        (``f(x_0)`` with x_0 = (1, 1)) takes its entries in order; J(x) of a vector at two
        numbers (``J(1, 2)``) takes them as the vector's entries. None when the counts differ
        or the one argument is not a vector."""
        if len(args) == 1 and len(d.params) > 1:
            if any(p != base_name(p) for p in d.params):
                return None     # f(θ_1, θ_2) beside iterates θ_0, θ_1: whose θ_1 is unclear
            v = as_tensor(self.eval(args[0], frame)).data
            if v.ndim == 0 or v.size != len(d.params) or sorted(v.shape)[:-1] != \
                    [1] * (v.ndim - 1):
                return None
            self.notes.add(f"{d.name} of {len(d.params)} numbers at one vector of as many, "
                           f"its entries in order")
            return {p: Tensor(np.asarray(x)) for p, x in zip(d.params, v.reshape(-1))}
        if len(d.params) == 1 and len(args) > 1:
            kind = self.symbols.get(d.params[0])
            if kind is not None and kind.name != "vector":
                return None
            values = [as_tensor(self.eval(a, frame)).data for a in args]
            if any(x.size != 1 for x in values):
                return None
            self.notes.add(f"{d.name} of a vector at {len(args)} numbers, its entries")
            return {d.params[0]: Tensor(np.array([[float(x.reshape(()))] for x in values]))}
        return None

    def _argument(self, param: str, arg: Any, frame: Frame) -> Any:
        """The value of a function's one argument: ``0`` for a vector or matrix parameter is its
        zero, of the shape the parameter has in this reading (``J(0)`` with J(θ) = ½‖Xθ − y‖²,
        θ a vector; H(0, 1) of H(x, y) takes numbers)."""
        if isinstance(arg, t.Num) and arg.value == 0:
            try:
                like = as_tensor(self.name(param, frame))
            except (EvalError, TypeError):
                like = None
            if like is not None and like.shape:
                return Tensor(np.zeros(like.shape))
        return self.eval(arg, frame)

    def _sequence(self, d: Definition, k: int, frame: Frame) -> Any:
        """``v_k`` of a sequence: its member ``v_{k}`` where the text writes one, else its
        recurrence at k (``v_t = β v_{t−1} + g_t``)."""
        written = t.canon(t.Script(t.Sym(d.name), (t.Num(float(k)),), None))
        if written in frame.values:          # the member a derivative is taken by
            return frame.values[written]
        member = self.definitions.get(written)
        if member is not None:
            return self._defined(member, frame)
        given = [number for n in self.definitions
                 if (number := member_number(n, d.name)) is not None]
        if runs_back(d):
            # Â_t = δ_t + γλ Â_{t+1} with Â_2 given: from the last member the text gives back
            last = max(given, default=None)
            if last is None or k >= last or last - k > MAX_RECURSION:
                raise EvalError(f"{d.name}_{k} is after the last member the text gives",
                                ask_about(written, f"the text gives {d.name} no member after "
                                                   f"{written}: give the last one"))
        else:
            lowest = min(given, default=None)
            if lowest is None and k == 0 and frame.point is not None:
                return self._start(d, written, frame)
            if lowest is None:
                lowest = 0 if k > 0 else None
            if lowest is None or k <= lowest or k - lowest > MAX_RECURSION:
                raise EvalError(f"{d.name}_{k} is before the first member the text gives")
        key = ("seq", id(d), k, tuple(sorted(n for n in frame.values if n.startswith(d.name))))
        if key not in frame.memo:
            frame.memo[key] = self._eval_at(d, d.expr, frame.with_indices({d.index[0]: k}))
        return frame.memo[key]

    def _start(self, d: Definition, written: str, frame: Frame) -> Tensor:
        """``v_0`` of a sequence the text gives no member of: any value, of the shape the
        recurrence makes ``v_1`` when ``v_0`` is a number; a step that fails only so is
        unreadable (the judge asks for it)."""
        if written not in frame.point.drawn:
            member = _member_shape(d, frame.point.symbols)
            if member is not None:       # h_t ∈ ℝ^H declared: h_0 is a vector of H too
                return frame.point.start(written, member)
            trial = frame.with_values({written: Tensor(np.float64(0.0))})
            try:
                shape = as_tensor(self._eval_at(d, d.expr, trial.with_indices(
                    {d.index[0]: 1}))).shape
            except TooLong:
                raise
            except EvalError:      # W h_0 + U x_1 of shapes that do not fit, say
                shape = None
            if shape is None or len(shape) == 2 and min(shape) > 1:
                # W h_0 with h_0 a number is a matrix: the shape of h_0 is not read so
                raise EvalError(f"{written} is before the first member the text gives",
                                ask_about(written, f"the text gives {d.name} no first "
                                                   f"member: give it ({written} = …)"))
            return frame.point.start(written, shape)
        return frame.point.start(written, frame.point.drawn[written].shape)

    def _subscripted(self, base: Any, sub: tuple, frame: Frame) -> Any:
        name = t.canon(base)
        items = index_list(sub)
        given = self._given_member(base, sub, frame)
        if given is not None:
            return given
        if isinstance(base, t.Sym) and len(items) == 2 and isinstance(items[0], t.Sym):
            sample = t.canon(t.Script(base, (items[0],), None))
            if self._firm(sample, frame) and not self._firm(name, frame):
                return self._component(self.name(sample, frame), (items[1],), sample, frame)
        if isinstance(base, t.Sym) and name not in frame.values and \
                self._family_of(name, sub) is not None:
            return self._member(name, sub, frame)
        if isinstance(base, t.Sym) and (_word_sub(sub) or not self.known(name) and
                                        lookup(name) is None and name not in frame.values
                                        and name not in ("e", "I", "\\mathbf{1}")):
            return self.name(t.canon(t.Script(base, sub, None)), frame)   # x_1 of its own
        whole = self.name(base.name, frame) if isinstance(base, t.Sym) and \
            base.name not in DOTS else self.eval(base, frame)
        written = t.canon(t.Script(base, sub, None))
        if isinstance(whole, Tensor) and whole.ndim == 0 and isinstance(base, t.Sym) and \
                (written in frame.values or written in self.definitions):
            return self.name(written, frame)    # d = 512 beside d_{ff} = 2048: a number has
            #                                     no entries, d_{ff} is a name of its own
        return self._component(whole, sub, name, frame)

    def _given_member(self, base: Any, sub: tuple, frame: Frame) -> Any:
        """``x_t`` at t = 2 with ``x_2 = −1`` given: the member the text gives by its number,
        or fixed for this step; a member defined in another paragraph, or after the step, only
        where a sum or a definition sets t (a step's own t is any t, not an example's)."""
        if not (isinstance(base, t.Sym) and len(sub) == 1) or isinstance(sub[0], t.Num) or \
                not mentioned_names(sub[0]) <= set(frame.indices):
            return None
        try:
            k = as_int(self.eval(sub[0], frame), t.canon(sub[0]))
        except EvalError:
            return None
        written = t.canon(t.Script(base, (t.Num(float(k)),), None))
        if written in frame.values:
            return frame.values[written]
        d = self.definitions.get(written)
        rooted = d is None and written not in self.scope.declared and \
            (d := self.definitions.get(squared(written))) is not None    # σ_1² = 1, then σ_j
        line, paragraph = self._where[0]
        if d is None or d.index:
            return None
        if mentioned_names(sub[0]) & frame.free and (d.paragraph != paragraph or d.line > line):
            # 1/β̃_t = α_t/β_t + … where the text asks for t = 2, and "with α_1 = 0,9,
            # α_2 = 0,8" before it or later in its section: the step may be meant at them, as
            # one reading (not at a t of the checker's choosing)
            if not (_literal(d.expr) and (d.line < line or self.scope.section_at(
                    d.line) == self.scope.section_at(line)) and all(
                        self.scope.valued(n) for n in mentioned_names(sub[0]) & frame.free) and
                    self.reading.pick("members", (
                        "members drawn, the step's own index any value",
                        f"members as the section gives them ({written} on line {d.line})"))):
                return None
        if rooted:
            return self.name(written, frame)
        member = self._through_family(written, frame) if self._at_point(written, d) else None
        return self._defined(d, frame) if member is None else member

    def _sample(self, base: Any, sup: Any, frame: Frame) -> Any:
        """``x^{(i)}``, ``a^{[2](i)}``: example i of the matrix ``X`` (``A^{[2]}``) the text
        defines or declares, where it gives the lower-case name no meaning of its own — its
        i-th column (examples stacked as columns), or as another reading its i-th row."""
        if isinstance(sup, t.Call) and isinstance(sup.fn, t.Paren) and \
                sup.fn.bracket == "[" and len(sup.fn.args) == 1 and len(sup.args) == 1:
            layer, example = sup.fn, sup.args[0]         # a^{[2](i)}
        elif isinstance(sup, t.Paren) and sup.bracket == "(" and len(sup.args) == 1:
            layer, example = None, sup.args[0]          # x^{(i)}
        else:
            return None
        if not (isinstance(base, t.Sym) and len(base.name) == 1 and base.name.islower() and
                isinstance(example, t.Sym) and example.name in frame.indices):
            return None
        lower = t.canon(t.Script(base, None, layer)) if layer is not None else base.name
        whole = t.canon(t.Script(t.Sym(base.name.upper(), base.style), None, layer)) \
            if layer is not None else base.name.upper()
        written = t.canon(t.Script(base, None, sup))
        said = set(self.scope.declared) | set(self.scope.shaped)
        if lower in self.definitions or lower in said or written in self.definitions or \
                written in said or lower in frame.values or written in frame.values or \
                not (whole in self.definitions or whole in said or whole in frame.values):
            return None
        v = as_tensor(self.name(whole, frame))
        k = as_int(self.eval(example, frame), f"the index {t.canon(example)} of {written}") - 1
        if v.ndim == 0:
            return v                    # a number: the one example there is
        options = [axis for axis in (1, 0) if v.ndim == 2 and 0 <= k < v.shape[axis]]
        if not options:
            raise EvalError(f"{written} is not an example of {whole} (of shape {v.shape})",
                            f"what is {written}? read as example {t.canon(example)} of "
                            f"{whole}, it is out of its range: define it")
        axis = options[self.reading.pick(f"sample:{whole}", tuple(
            f"{written} the {('row', 'column')[a]} {t.canon(example)} of {whole}"
            for a in options))] if len(options) > 1 else options[0]
        pick = np.eye(v.shape[axis])[:, k:k + 1]
        column = F.matmul(v, pick) if axis == 1 else F.matmul(F.transpose(v), pick)
        return column if column.shape[0] > 1 else F.sum(column)

    def _component(self, value: Any, sub: tuple, name: str, frame: Frame) -> Any:
        if isinstance(value, Fn):
            idx = tuple(as_int(self.eval(i, frame), f"the index {t.canon(i)} of {name}")
                        for i in index_list(sub))
            return Fn(value.name, value.call, value.elementwise, value.power, idx, value.arity)
        if isinstance(value, Basis) and len(sub) == 1:   # (e_y)_k = δ_{ky}
            k = as_int(self.eval(sub[0], frame), f"the index {t.canon(sub[0])} of {name}")
            return F.mul(value.scale, float(k == value.k))
        v = as_tensor(value)
        if name in self.shapes.columns and v.ndim == 2 and len(sub) == 1:
            # w_j of w_j^T x: the j-th column of w, a vector
            k = as_int(self.eval(sub[0], frame), f"the index {t.canon(sub[0])} of {name}")
            k -= 0 if self.from_zero(name) else 1
            if not 0 <= k < v.shape[1]:
                raise EvalError(f"{name} has no column {t.canon(sub[0])}")
            return F.matmul(v, np.eye(v.shape[1])[:, k:k + 1])
        items = index_list(sub) if v.ndim == 2 and min(v.shape) > 1 else list(sub)
        every = [k for k, i in enumerate(items) if isinstance(i, t.Sym) and i.name == ":"]
        if every and (len(items), v.ndim) == (2, 2) and len(every) == 1:
            # A_{i,:}, A_{:,j}: the row i (a row vector), the column j
            axis = every[0]
            k = as_int(self.eval(items[1 - axis], frame), f"the index of {name}")
            base = self._base(name, [items[1 - axis]])
            if not 0 <= k - base < v.shape[1 - axis]:
                raise EvalError(f"{name} has no {('row', 'column')[axis]} {k}")
            pick_one = np.eye(v.shape[1 - axis])[k - base:k - base + 1]
            return F.matmul(pick_one, v) if axis == 1 else F.matmul(v, pick_one.T)
        idx = [as_int(self.eval(i, frame), f"the index {t.canon(i)} of {name}") for i in items]
        first = self._base(name, items)
        if len(items) == 1 and isinstance(items[0], t.Num) and 10 <= idx[0] <= 99 and \
                isinstance(v, Tensor) and v.ndim == 2 and idx[0] >= first + (
                    v.size if 1 in v.shape else v.shape[0]):
            # O_{11} of a matrix (a row here): row 1, column 1, as the two digits read
            idx = [idx[0] // 10, idx[0] % 10]
        return pick(v, idx, name, first)

    def from_zero(self, name: str) -> bool:
        """Whether ``name``'s entries are counted from 0: where the text says so, or — a
        reading — where only a list value of it and a written ``name_0`` suggest it."""
        if name not in self.scope.zero_based:
            return False
        return name not in self.scope.zero_based_maybe or not self.reading.pick(
            f"base:{name}", (f"{name}'s entries counted from 0, as {name}_0 is written",
                             f"{name}'s entries counted from 1, {name}_0 a name of its own"))

    def _base(self, name: str, items: list) -> int:
        """Where ``name``'s entries are counted from: 0 where the text counts them so; an entry
        written with numbers (``X_{1,3}``) counted from 1, or — one reading for the whole text
        — from 0, as a program counts."""
        if self.from_zero(name):
            return 0
        if items and all(isinstance(i, t.Num) for i in items):
            return 1 - self.reading.pick("from0", ("entries counted from 1",
                                                   "entries written with numbers counted from 0"))
        return 1

    def _superscript(self, value: Any, sup: Any, frame: Frame) -> Any:
        if self._transpose_mark(sup, frame):
            if isinstance(value, (Ones, Identity)):
                return value.transposed()
            v = as_tensor(value)
            return F.transpose(v) if v.ndim == 2 else v
        if isinstance(sup, t.Sym) and sup.name == "*":
            raise Unknown(t.canon(sup))
        if isinstance(sup, t.Neg) and self._transpose_mark(sup.a, frame):
            v = as_tensor(value)
            return F.transpose(inverse(v)) if v.ndim == 2 else inverse(v)
        if isinstance(sup, t.Sym) and sup.name == "+" and not isinstance(value, Fn):
            v = as_tensor(value)
            return pseudo_inverse(v) if v.ndim == 2 and min(v.shape) > 1 else F.relu(v) \
                if v.ndim else F.reshape(F.relu(F.reshape(v, shape=(1,))), shape=())
        if isinstance(value, Fn):
            power = as_tensor(self.eval(sup, frame))
            return Fn(value.name, value.call, value.elementwise, power, value.index, value.arity)
        exponent = as_tensor(self.eval(sup, frame))
        v = as_tensor(value)
        if v.ndim == 2 and min(v.shape) > 1 and exponent.ndim == 0 and float(exponent.data) == -1:
            return inverse(v)
        if v.ndim == 0 and float(v.data) == math.e and not self.known("e"):
            return F.exp(exponent)
        if v.ndim == 2 and v.shape[0] == v.shape[1] > 1 and exponent.ndim == 0 and \
                float(exponent.data) in range(2, 17):
            k = self.reading.pick("power", ("a matrix's power entrywise",
                                            "a square matrix's power as a matrix power"))
            if k == 1:
                out = v
                for _ in range(int(exponent.data) - 1):
                    out = F.matmul(out, v)
                return out
        return F.power(v, exponent)

    def _onehot(self, size_node: Any, frame: Frame, argument: Any) -> Fn:
        """``\\operatorname{onehot}_m(y)``: the column of m zeros with a 1 at position y."""
        if size_node is not None:
            m = as_int(self.eval(size_node, frame), "the size of onehot")
        else:
            kind = self.symbols.get(t.canon(argument)) if argument is not None else None
            if kind is None or kind.name != "index":
                raise EvalError("onehot needs its size: write onehot_m(y)")
            m = kind.size
        if not 1 <= m <= 64:
            raise EvalError(f"onehot of size {m}: at most 64")

        def onehot(y: Any) -> Tensor:
            k = as_int(y, "the argument of onehot")
            if not 1 <= k <= m:
                raise EvalError(f"onehot_{m}({k}) is out of range")
            out = np.zeros((m, 1))
            out[k - 1, 0] = 1.0
            return Tensor(out)
        return Fn("onehot", onehot, elementwise=False)

    # ---- calls -----------------------------------------------------------------------------
    def _call(self, node: t.Call, frame: Frame) -> Any:
        args = node.args
        fn = node.fn
        if _nabla(fn) and len(args) == 1 and not self.known("\\nabla"):
            # ∇(λ wᵀw): the gradient of what the parentheses hold, by each input a reading
            return self._bare_nabla([fn, t.Paren(args, node.bracket)], 0, frame)
        if isinstance(fn, t.Script) and isinstance(fn.base, t.Sym) and fn.sup is None and \
                lookup(fn.base.name) is not None and is_label_sub(fn.sub) and \
                not (self.known(t.canon(fn)) and t.canon(fn) in self.definitions):
            # softmax_{row}, softmax_{\text{linha}}: the function, its word a remark
            fn = fn.base
            node = t.Call(fn, args, node.bracket)
        inner = fn.base if isinstance(fn, t.Script) and fn.sub is None else fn
        if inner is not node.fn or isinstance(fn, t.Call) and fn.bracket == "(":
            if isinstance(inner, t.Call) and _derivative_operator(inner.fn) and \
                    len(inner.args) == 1 and self.reading.pick(
                        "reach:∇", ("∇ applied to the parenthesis after it",
                                    "∇ applied to all the factors after it")):
                # ∇_θ (Xθ − Y)ᵀ (Xθ − Y), ∂/∂w_k (…)(…): of the whole product, as one reading
                first = t.Paren(inner.args, inner.bracket)
                whole = t.Product((t.Script(first, None, fn.sup) if inner is not fn else first,
                                   t.Paren(args, node.bracket)))
                return self.eval(t.Call(inner.fn, (whole,), "("), frame)
        if any(isinstance(a, t.Sym) and a.name == ";" for a in args):
            return self._call_with_parameters(node, frame)
        if _is_d(fn) and len(args) == 1 and self._varied():
            # d(X^{-1}), also where d is the text's own size (x ∈ ℝ^d) read as a differential
            return self._change(args[0], self._varied(), frame)
        powered = self._texts_function(fn, frame) if isinstance(fn, t.Script) and \
            len(args) == 1 and self._defined_function(fn) is None else None
        if powered is not None:             # g²(x) with g the text's function, as tanh²(x)
            return self.call(powered, [self.eval(args[0], frame)])
        fname = self._defined_function(node.fn)
        written = name_of(node.fn)
        if fname is None and written is not None and written not in self.definitions and \
                written not in self.scope.declared and lookup(written) is None and \
                written not in CONSTANTS and any(isinstance(a, t.Relation) for a in args):
            raise Unknown(written, "event")    # P(Y = c_k): a probability, not P × (…)
        if fname is None and written in self.scope.tabled and written not in self.definitions \
                and written not in self.scope.declared:
            point = self._point(node, frame)
            if point in self.definitions:
                return self.name(point, frame)      # R(1), V(s_{t+1}) at t = 1: a value given
            raise Unknown(written)      # R(1) = 1, R(0) = 3: a function, known by values only
        if fname is None and written in self.definitions and written not in frame.values and \
                any(d.params for d in self.scope.definitions.get(written, ())):
            # D_KL(p‖q) defined on two laws, then D_KL = ℓ₂ − ℓ₁ + … at the laws named, then
            # D_KL(q‖p): the first at swapped laws, or the value of the second?
            raise EvalError(f"{written} is defined as a function and as a value", ask_about(
                written, f"the text defines {written} as a function and later as a value: "
                         f"is {t.canon(node)} the function at these arguments, or the value? "
                         f"name them apart"))
        if fname is not None and fname not in frame.values:
            d = self.definition(fname) or self.definitions[fname]     # (or one before it)
            if any(isinstance(a, t.Sym) and a.name == fname for a in args):
                # a(a) with a(x) = min(1, p(x)/q(x)) over the tokens {a, b, c, d}: the
                # argument is another thing of the same name, which the text does not define
                raise EvalError(f"{t.canon(node)}: {fname} applied to a name of its own",
                                ask_about(fname, f"in {t.canon(node)} the function {fname} "
                                                 f"is applied to something named {fname} as "
                                                 f"well: name them apart"))
            if self.implicit is not None and len(args) == len(d.params) == 1 and \
                    _mentions_bare(args[0], node.fn):
                x = self.eval(self.implicit, frame)   # σ(1 − σ) beside dσ/dx: σ(x) (1 − σ)
                at = self._eval_at(d, d.expr, frame.with_values({d.params[0]: x}))
                return self.combine("juxt", at, self.eval(args[0], frame))
            if len(args) == len(d.params) == 1 and fname not in self.scope.called_only and \
                    not isinstance(args[0], (t.Sym, t.Script, t.Num)) and self.reading.pick(
                        f"call:{fname}", (f"{fname}(…) as {fname} at (…)",
                                          f"{fname}(…) as {fname} times (…)")):
                # p_i(T) defined, and written alone as well: p_i(−z_i/T² + z̄/T²) may be p_i
                # times the parenthesis
                return self.combine("juxt", self.name(fname, frame), self.eval(args[0], frame))
            if len(args) != len(d.params):
                if len(args) == 1 and all(self.known(p) for p in d.params) and \
                        _mentions_bare(args[0], node.fn):
                    self.notes.add(f"{fname}(…) as {fname} times (…)")
                    return self.combine("juxt", self.name(fname, frame),
                                        self.eval(args[0], frame))
                spread = self._spread(d, args, frame)
                if spread is not None:
                    self._parameters.append(frozenset(d.params))
                    try:
                        return self._eval_at(d, d.expr, frame.with_values(spread))
                    finally:
                        self._parameters.pop()
                raise EvalError(f"{d.name} takes {len(d.params)} argument"
                                f"{'s' * (len(d.params) != 1)}, written with {len(args)}")
            for p, a in zip(d.params, args):
                given = base_name(name_of(a) or "")
                if given and given != p and given not in d.params and any(
                        given in e.params or given in value_names(e.expr)
                        for e in self.scope.definitions.get(p, ())):
                    # L(e) := ‖e‖² and e(θ) := y − Φθ, then L(θ₁): L at e = θ₁, or L of
                    # e(θ₁) (as MML writes L(θ) for the composition)?
                    raise EvalError(f"{fname}({t.canon(a)}): at {p} = {t.canon(a)} or at "
                                    f"{p}({t.canon(a)})?", ask_about(
                                        fname, f"{fname} is defined by {p}, and {p} by "
                                               f"{given}: is {fname}({t.canon(a)}) {fname} at "
                                               f"{p} = {t.canon(a)}, or at {p}({t.canon(a)})? "
                                               f"write the one meant"))
            values = {p: self._argument(p, a, frame) if len(args) == 1 else self.eval(a, frame)
                      for p, a in zip(d.params, args)}
            self._parameters.append(frozenset(d.params))
            try:
                return self._eval_at(d, d.expr, frame.with_values(values))
            finally:
                self._parameters.pop()
        if isinstance(node.fn, t.Sym) and node.fn.name.startswith("onehot") and \
                not self.known(node.fn.name) and len(args) == 1:
            size = node.fn.name[len("onehot_"):] or None
            fn = self._onehot(t.Sym(size) if size and not size.isdigit() else
                              t.Num(float(size)) if size else None, frame, args[0])
            return self.call(fn, [self.eval(args[0], frame)])
        expected = self._expectation_of(node)
        if expected is not None:
            return self._expectation(expected, node, frame)
        row = lookup(t.canon(node.fn)) if isinstance(node.fn, (t.Sym, t.Script)) else None
        laws = [self._law_of(a, frame) for a in args] if row is not None and \
            row.name == "kl" and len(args) == 2 else []
        if laws and all(laws):
            return divergence(*laws)        # KL(𝒩(μ, σ²) ‖ 𝒩(0, 1)), KL(p ‖ q) of named laws
        named = self._named_law(name_of(node.fn))
        if named is not None and named[0].density is not None and len(args) == 1:
            # p(x) with p = 𝒩(μ, σ²): its density at x
            return named[0].density(self.eval(args[0], frame),
                                    *(as_tensor(self.eval(a, frame)) for a in named[1]))
        op = self._prefix(node.fn)
        if op is not None:
            return op([t.Paren(args, node.bracket)], frame)
        if isinstance(node.fn, t.Sym) and node.fn.name in ("\\mathbb{1}", "\\mathbf{1}") and \
                len(args) == 1 and isinstance(args[0], t.Relation):
            return self.eval(args[0], frame)
        name = t.canon(node.fn) if isinstance(node.fn, (t.Sym, t.Script)) else None
        declared = base_name(name) if name is not None and base_name(name) in \
            self.scope.declared_applied and name not in self.definitions else None
        if declared is None and name is not None and base_name(name) in CONSTANT_VALUES and \
                not (isinstance(node.fn, t.Script) and node.fn.sup is not None) and \
                not self.scope.known(name) and not self.scope.known(base_name(name)) and \
                any(mentioned_names(a) for a in args):
            # log π(a) of a policy, beside log 2π: a constant's letter applied to a name is
            # a function of the text's, or the constant times (…), as one reading (not
            # e^λ(1 − ᾱ), a power)
            declared = base_name(name)
        if declared is not None and not self.reading.pick(f"applied:{declared}", (
                f"{declared} a function, as the text declares it applied",
                f"{declared}(…) as {declared} times (…)")):
            raise Unknown(declared, "function")     # r(θ) ∈ ℝ^m declared: r of θ
        f = self.function(node.fn, frame)
        if isinstance(f, Identity) and len(args) == 1 and isinstance(args[0], t.Relation):
            return self.eval(args[0], frame)
        if isinstance(f, Fn):
            if self.implicit is not None and len(args) == 1 and \
                    _mentions_bare(args[0], node.fn):
                return self.combine("juxt", self.call(f, [self.eval(self.implicit, frame)]),
                                    self.eval(args[0], frame))
            if f.arity == 1 and len(args) > 1 and not f.elementwise:
                args = (t.Paren(tuple(args), node.bracket),)   # softmax[8, 0]: of the vector
            return self.call(f, [self.eval(a, frame) for a in args])
        if name not in self.definitions and isinstance(node.fn, t.Script) and \
                isinstance(node.fn.base, t.Sym) and node.fn.sub is not None and \
                self._family_of(node.fn.base.name, node.fn.sub) is not None:
            name = node.fn.base.name
        if name in self.definitions and not self.definitions[name].params and all(
                isinstance(a, (t.Sym, t.Script)) and self.depends(node.fn, t.canon(a))
                for a in args):
            return f            # a_k(x, w) with a_k defined from x and w: a_k itself
        if len(args) > 1 and name is not None and name not in self.definitions and \
                isinstance(f, Tensor) and node.bracket == "(" and (
                    isinstance(node.fn, t.Sym) or node.fn.sup is None) and all(
                    isinstance(a, t.Sym) and not _is_dots(a) and a.name != ";" and
                    a.name not in self.scope.variables for a in args) and \
                name_of(node.fn if isinstance(node.fn, t.Sym) else node.fn.base) in {
                    base_name(v) for v in self.scope.variables}:
            # a_k(x, w), a defined nowhere, differentiated by (∂y_k/∂a_j), and nothing by x
            # or w: the value a_k, written with what it depends on (Bishop's y_k(x, w))
            return f
        if len(args) != 1:
            if node.bracket in ("(", "[") and isinstance(f, Tensor) and f.ndim == 0 and \
                    not mentioned_names(node.fn) and not any(_is_dots(a) for a in args):
                # 0.1 (0.6, −1.2), ½ (0.6445, −1.6351): a number times a list written out
                return self.combine("juxt", f, self._list(t.Paren(args, node.bracket), frame))
            if node.bracket == "[" and not isinstance(f, Identity):
                listed = self._list(t.Paren(args, node.bracket), frame)
                if listed.shape[0] > len(args):
                    return self.combine("juxt", f, listed)    # W_f [h_{t-1}, x_t]
            raise EvalError(f"{t.canon(node.fn)} is not a function of {len(args)} arguments")
        arg = args[0]
        if isinstance(arg, t.Relation):
            return self.combine("juxt", f, self.eval(arg, frame))   # Iverson's [y = k]
        if name in self.definitions and not self.definitions[name].params and \
                name not in {t.canon(x) for x in t.walk(arg) if isinstance(x, (t.Sym, t.Script))} \
                and (any(n != name and n not in frame.indices and self.depends(node.fn, n)
                         for n in mentioned_names(arg)) or
                     # g(2.001) for g = (ab + c)² at a = 2: g at a moved to 2.001, perhaps
                     not mentioned_names(arg) and node.bracket == "(" and
                     value_names(self.definitions[name].expr)):
            raise EvalError(f"{name}({t.canon(arg)}): {name} at {t.canon(arg)}, or {name} times "
                            f"({t.canon(arg)})?", f"is {name}({t.canon(arg)}) {name} at "
                            f"{t.canon(arg)} or a product? write {name} \\cdot (…) for the product")
        if isinstance(node.fn, t.Sym) and node.fn.name in self.definitions and any(
                d.params and base_name(n) == node.fn.name and n != node.fn.name
                for n, ds in self.scope.definitions.items() for d in ds):
            # p = (0,6652; …) beside p_i(T) = e^{z_i/T}/Z(T): p(0,5) is the family at T = 0,5
            # or p times 0,5
            raise EvalError(f"{t.canon(node)}: a function or a product?", ask_about(
                node.fn.name, f"the text defines {node.fn.name}'s entries as a function: is "
                              f"{t.canon(node)} that function at {t.canon(arg)}, or "
                              f"{node.fn.name} times {t.canon(arg)}? write the one meant"))
        if name is not None and name not in self.definitions and \
                not self.scope.declared.get(name) and isinstance(arg, (t.Sym, t.Script)) and \
                t.canon(arg) in self.definitions and self.depends(arg, name, in_force=True) and \
                self.reading.pick(f"inverse:{name}", (
                    f"{name}({t.canon(arg)}) as {name} times {t.canon(arg)}",
                    f"{name}({t.canon(arg)}): {name} written as a function of "
                    f"{t.canon(arg)}, itself")):
            return f            # t(λ) with λ defined from t: t, as a function of λ (inverted)
        if name is not None and node.bracket == "(" and isinstance(f, Tensor) and \
                1 in f.shape and f.size > 1 and isinstance(arg, t.Num) and \
                float(arg.value).is_integer() and not arg.unit and self.reading.pick(
                    f"entry:{name}", (f"{name}({t.canon(arg)}) as {name}'s entry "
                                      f"{t.canon(arg)}", f"{name}({t.canon(arg)}) as {name} "
                                                         f"times {t.canon(arg)}")) == 0:
            # π = (0,7; 0,3) over two actions, then π(1): the probability of action 1
            return pick(f, [int(arg.value)], name, self._base(name, [arg]))
        return self.combine("juxt", f, self.eval(arg, frame))

    def _applied_to(self, name: str) -> Any:
        """The one argument the text applies the operator ``name`` to (Var(I), wherever it
        writes Var with an argument), if there is exactly one."""
        return self.scope.one_argument().get(name)

    def _expectation_of(self, node: t.Call) -> str | None:
        """What ``node`` computes over the text's random variables (``𝔼[x]``: "mean",
        ``Var(w)``: "variance", ``Cov(x, y)``), when it is an expectation and the text declares
        laws; ``𝔼_w[…]`` over one declared variable is ``𝔼[…]``."""
        fn = node.fn
        if isinstance(fn, t.Script) and fn.sup is None and fn.sub is not None and \
                len(fn.sub) == 1 and (name_of(fn.sub[0]) in self.scope.laws or
                                      self._named_law(name_of(fn.sub[0])) is not None or
                                      self._drawn_from(fn) is not None):
            fn = fn.base
        name = name_of(fn)
        if name == "E" and node.bracket == "[" and not self.known(name):
            return "mean"
        return EXPECTATIONS.get(name or "")

    def _expectation(self, what: str, node: t.Call, frame: Frame) -> Tensor:
        """𝔼, Var or Cov of the call's arguments under the laws the text declares: each
        argument evaluated at the nodes of a Gauss quadrature of every random variable it
        uses (independent of each other), exact for polynomials; computed with two numbers of
        nodes, which must agree, so that a kinked or steep integrand is no result (few nodes
        first, more when those disagree)."""
        under = self._under_named_law(node)
        if under is not None:                 # 𝔼_p[…], p = 𝒩(μ, σ²): over p's variable
            saved, kinds = self.scope.laws, dict(self.symbols)
            self.scope.laws = {**saved, **under}
            self.symbols.update({n: Kind("scalar") for n in under})   # a law of a number
            try:
                return self._expectation(what, t.Call(node.fn.base, node.args, node.bracket),
                                         frame)
            finally:
                self.scope.laws = saved
                self.symbols.clear()
                self.symbols.update(kinds)
        args = [_entrywise(self._members_opened(a), self.scope.laws) for a in node.args]
        if len(args) != (2 if what == "covariance" else 1):
            raise EvalError(f"{t.canon(node.fn)} takes {2 if what == 'covariance' else 1} "
                            f"argument{'s' * (what == 'covariance')}")
        laws = self.scope.laws
        mentioned = self._mentions(("law", *map(t.canon, args)), args)
        names = sorted(n for n in mentioned if n in laws)
        drawn = sorted(n for n in mentioned if n not in laws and self._random(n, frame))
        if not names and what in ("mean", "variance") and len(node.args) == 1 and \
                isinstance(node.args[0], t.Sym) and (node.args[0].name in self.scope.declared or
                                                     node.args[0].name in self.scope.shaped) \
                and getattr(self.symbols.get(node.args[0].name), "name", "") == "vector":
            # Var(I) of a vector I ∈ ℝ^n the text declares: the statistic of its entries
            # (a population's, or a sample's), or of a random vector whose law it does not give
            x = as_tensor(self.name(node.args[0].name, frame))
            n = x.size
            options = (f"{what} of {node.args[0].name}'s entries",) + (
                (f"{what} of {node.args[0].name}'s entries as a sample's (÷ (n − 1))",)
                if what == "variance" and n > 1 else ()) + ("a random vector's",)
            k = self.reading.pick(f"stat:{node.args[0].name}", options)
            if k < len(options) - 1:
                mean = F.div(F.sum(x), float(n))
                if what == "mean":
                    return mean
                d = F.sub(x, mean)
                return F.div(F.sum(F.mul(d, d)), float(n - k))
        if drawn and not names:
            return self._unknown_laws(what, args, drawn, frame)
        if not names:
            raise Unknown(name_of(node.fn) or t.canon(node.fn), "operator")
        if len(names) > 3:
            raise EvalError("an expectation over more than three random variables",
                            "the checker computes expectations over at most three random "
                            "variables: write it over fewer (by independence or linearity)")
        bound = {i for a in node.args for n in t.walk(a) if isinstance(n, t.BigOp) and n.sub
                 for i in mentioned_names(t.Paren(tuple(n.sub)))}
        summed = sorted(n.base.name for a in node.args for n in t.walk(a)
                        if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and
                        n.base.name in laws and laws[n.base.name][2] and n.sub is not None and
                        mentioned_names(t.Paren(tuple(n.sub))) & bound)
        if summed:
            # Var(Σ_i w_i) with each w_i drawn: as many variables as terms, not one
            raise EvalError(f"{t.canon(node.fn)} of a sum over the entries of {summed[0]}",
                            f"is {t.canon(node.fn)} over a sum of independent entries of "
                            f"{summed[0]}? write it entry by entry (Σ_i Var(w_i) for "
                            f"Var(Σ_i w_i)) to have it checked")
        # m ∼ Bernoulli(q) stated for one number, h = Σ_i w_i x̃_i with x̃ = m x/q: a mask per
        # entry (independent, the text says), not one m for all
        reached = list(node.args) + [self.definitions[n].expr for n in mentioned
                                     if n in self.definitions]
        bare = {n for n in names if not laws[n][2]}
        indexed = sorted({n for term in reached for x in t.walk(term)
                          if isinstance(x, t.Script) and isinstance(x.base, t.Sym) and
                          x.sub is not None and x.sup is None and
                          not self.known(t.canon(x))
                          for n in bare & ({x.base.name} | self._mentions(
                              ("law", x.base.name), [x.base]))})
        if indexed:
            raise EvalError(f"{t.canon(node.fn)} over {indexed[0]}, whose law is stated for one "
                            f"number and which is written with an index",
                            f"is {indexed[0]} one number or one per entry ({indexed[0]}_i)? "
                            f"its law is stated for {indexed[0]}: write the law of "
                            f"{indexed[0]}_i to have it checked")
        whole = {n.name for a in node.args for n in _bare_symbols(a)}
        for n in names:
            kind = self.symbols.get(n)
            if (n in whole or n not in mentioned_names(t.Paren(tuple(args)))) if laws[n][2] \
                    else kind is not None and kind.shape:
                # R_{ij} ∼ Bernoulli(p), then 𝔼[(R * X)ᵀ(R * X)]: many variables, not one
                raise EvalError(f"{t.canon(node.fn)} over {n} taken whole, whose entries are "
                                f"random", f"is {t.canon(node.fn)} over each entry of {n}? "
                                f"write it for one entry of {n}")
        if len(names) > 1:
            self.notes.add(f"{', '.join(names)} independent")
            if not self.scope.independent:
                self.doubts.append(f"are {', '.join(names)} independent? read so, the step "
                                   f"does not hold, and the text does not say: write "
                                   f"\"independent\" to have it checked so")
        params = {n: tuple(as_tensor(self.eval(p, frame)) for p in laws[n][1]) for n in names}
        if any(p.data.size != 1 for ps in params.values() for p in ps):
            raise EvalError("a law's parameter is not a number",
                            "the checker reads laws of numbers (w ∼ 𝒩(0, 1)): write the law of "
                            "one entry")
        # a polynomial integrand agrees at few nodes already; only a disagreement costs more
        ladder = {1: ((6, 9), (24, 36)), 2: ((4, 6), (12, 18)), 3: ((5, 7),)}[len(names)]
        for counts in ladder:
            a, b = (self._moments(what, args, names, params, n, frame) for n in counts)
            if a.shape == b.shape and np.allclose(a.data, b.data, rtol=1e-9, atol=1e-12):
                return b
        raise EvalError("the expectation is not exact with a quadrature here (a kink or a "
                        "steep integrand)", "the checker cannot compute this expectation "
                        "exactly (a kink or a steep function inside): give its value in "
                        "closed form, or check this step by hand")

    def _members_opened(self, node: Any, depth: int = 0) -> Any:
        """``𝔼[h̃_i]`` with ``h̃_i = m_i h_i`` and ``m_i ∼ Bernoulli(1 − p)``: each member of a
        family whose definition reaches a random variable written out at its own indices (and
        raised to its power, ``h̃_i²``), so that the expectation sees which entries of a random
        vector it is over."""
        def opened(n: Any) -> Any:
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub and \
                    (n.sup is None or isinstance(n.sup, t.Num)) and depth < 4:
                d = self._family_of(n.base.name, n.sub)
                items = [] if d is None else index_list(n.sub) if len(d.index) == 2 else \
                    list(n.sub)
                if d is not None and d.index and not d.recurrence and not d.params and \
                        len(items) == len(d.index) and \
                        all(isinstance(i, (t.Sym, t.Num)) for i in items) and \
                        self._mentions(("law", d.name, d.line), [d.expr]) & set(self.scope.laws):
                    body = d.expr
                    for letter, item in zip(d.index, items):
                        body = _substitute(body, letter, item)
                    body = self._members_opened(body, depth + 1)
                    return body if n.sup is None else t.Script(t.Paren((body,)), None, n.sup)
            return t.rebuild(n, opened)
        return opened(node)

    def _law_of(self, node: Any, frame: Frame) -> tuple | None:
        """A law written out (𝒩(μ, σ²)) or named by the text (p), with a density: its row and
        its parameters' values."""
        if isinstance(node, t.Call) and isinstance(node.fn, (t.Sym, t.Script)):
            row, params = law(t.canon(node.fn)), node.args
        else:
            row, params = (self._named_law(name_of(node)) or (None, ()))[:2]
        if row is None or row.density is None or len(params) != row.parameters:
            return None
        values = [as_tensor(self.eval(p, frame)) for p in params]
        if any(v.data.size != 1 for v in values):
            return None                     # the law of a number only
        return row, tuple(F.reshape(v, shape=()) for v in values)

    def _named_law(self, name: str | None) -> tuple | None:
        """The law the text named ``name`` (p = 𝒩(μ, σ²)) on or before the line read."""
        named = self.scope.named_laws.get(name or "")
        return named if named is not None and named[2] <= self._where[0][0] else None

    def _under_named_law(self, node: t.Call) -> dict | None:
        """``𝔼_p[f(x)]`` with ``p = 𝒩(μ, σ²)`` named by the text: the law of the one name in
        the bracket that is neither defined nor a parameter of the law, or None."""
        fn = node.fn
        drawn = self._drawn_from(fn)
        if drawn is not None:                 # 𝔼_{x∼q}[…]: over x, of q's law
            variable, (row, params, _) = drawn
            return {variable: (row, params, False)}
        named = self._named_law(name_of(fn.sub[0])) if isinstance(fn, t.Script) and \
            fn.sub is not None and len(fn.sub) == 1 and fn.sup is None else None
        if named is None:
            return None
        row, params, _ = named
        taken = set(self.scope.named_laws) | set(self.scope.laws) | {   # and their parameters
            n for _, ps, _ in self.scope.named_laws.values() for n in mentioned_names(t.Paren(ps))}
        free = sorted(n for n in mentioned_names(t.Paren(node.args))
                      if n not in taken and n not in self.definitions and lookup(n) is None)
        if len(free) != 1:
            raise EvalError(f"{t.canon(fn)}[…] over which variable?",
                            f"over which variable is {t.canon(fn)}? write it (x ∼ "
                            f"{t.canon(fn.sub[0])})")
        return {free[0]: (row, params, False)}

    def _drawn_from(self, fn: Any) -> tuple[str, tuple] | None:
        """``𝔼_{x∼q}`` with q a law the text names: x and q's law."""
        if not (isinstance(fn, t.Script) and fn.sup is None and fn.sub is not None and
                len(fn.sub) == 1 and isinstance(fn.sub[0], t.Product)):
            return None
        items = fn.sub[0].items
        if len(items) != 3 or items[1] != t.Sym("\\sim") or name_of(items[0]) is None:
            return None
        named = self._named_law(name_of(items[2]))
        return (name_of(items[0]), named) if named is not None else None

    def _random(self, name: str, frame: Frame) -> bool:
        """Whether ``name``, inside an expectation, is a random variable the text gives no law:
        an input drawn for the step (not a definition, an index, a constant or a function)."""
        kind = self.symbols.get(name)
        return kind is not None and not kind.is_function and \
            kind.name not in ("index", "constant") and name not in self.definitions and \
            name not in frame.values and name not in frame.indices

    def _unknown_laws(self, what: str, args: list, names: list[str], frame: Frame) -> Tensor:
        """𝔼, Var or Cov over variables the text gives no law in its math ("zero mean and
        variance σ²", said in words or not at all): each entry an independent draw from a
        law with a few atoms, itself drawn at random, exactly (a sum over the atoms); a
        reading says whether the laws have mean 0, or mean 0 and variance 1. A failure so
        read rests on laws the text does not state: a question, never a ✗."""
        k = self.reading.pick("law:" + ",".join(names), (
            f"{', '.join(names)} of laws drawn at random",
            f"{', '.join(names)} of laws with mean 0",
            f"{', '.join(names)} of laws with mean 0 and variance 1"))
        self.doubts.append(ask_about(", ".join(names), (
            "the text gives no law in its math; read with laws drawn at random (and with "
            "mean 0, and variance 1), the step does not hold: write the law (w ∼ 𝒩(0, σ²)) "
            "to have it checked")))
        drawn = [as_tensor(self.name(n, frame)) for n in names]
        # the same expectation at the same values, under another reading of what it does not
        # read, or at another value of an index it sums over: computed once per file
        mentioned = self._mentions(("law", *map(t.canon, args)), args)
        letters = {n.name for a in args for n in t.walk(a) if isinstance(n, t.Sym)} - {
            i for a in args for n in t.walk(a) if isinstance(n, t.BigOp) and n.sub
            for i in mentioned_names(t.Paren(tuple(n.sub)))}
        point = frame.point
        if point is not None:               # every input it may read drawn, for the key
            used = set(point.used)
            for n in sorted(mentioned):
                if n not in names and n not in self.definitions and n not in frame.values \
                        and point.has(n):
                    point.value(n)
            point.used = used
        key = (what, tuple(map(t.canon, args)), tuple(names), k,
               (point.seed, point.p) if point is not None else None,
               tuple(sorted((i, v) for i, v in frame.indices.items() if i in letters)),
               tuple(sorted((n, np.asarray(as_tensor(v).data).tobytes())
                            for n, v in frame.values.items()
                            if n in mentioned and isinstance(v, Tensor))),
               tuple(sorted((n, np.asarray(v.data).tobytes()) for n, v in point.drawn.items()
                            if n in mentioned and n not in names)) if point is not None else ())
        memo = self.scope.expectations
        if key in memo:
            return memo[key]
        used = [self._entries(n, v.shape, args, frame) for n, v in zip(names, drawn)]
        entries = sum(len(u) for u in used)
        atoms = 2           # two atoms: any mean, variance and skew
        if atoms ** entries > 256:
            raise EvalError("an expectation over more random entries than the checker sums",
                            "the checker computes expectations over at most eight random "
                            "entries: write it for one entry (Var(w_i x_i)), or give the "
                            "sizes small values")
        seed = (point.seed, point.p) if point is not None else (0, 0)
        laws = []
        for n in names:
            rng = np.random.default_rng([*seed, zlib.crc32(n.encode())])
            x = rng.normal(size=atoms) * rng.uniform(0.5, 2.0) + rng.normal()
            p = 0.2 / atoms + 0.8 * rng.dirichlet(np.ones(atoms))
            if k >= 1:
                x = x - p @ x
            if k == 2:
                x = x / math.sqrt(p @ x ** 2)
            laws.append((x, p))
        if len(names) > 1 or entries > 1:
            self.notes.add(f"{', '.join(names)} independent entries")

        def outcomes():
            for combo in itertools.product(range(atoms), repeat=entries):
                values, weight, at = {}, 1.0, 0
                for n, v, u, (x, p) in zip(names, drawn, used, laws):
                    pick = list(combo[at:at + len(u)])
                    at += len(u)
                    flat = np.array(v.data, dtype=np.float64).reshape(-1)
                    flat[u] = x[pick]
                    values[n] = Tensor(flat.reshape(v.shape) if v.shape else flat[0])
                    weight *= float(np.prod(p[pick]))
                yield weight, values
        memo[key] = self._weighted(what, args, outcomes(), frame)
        return memo[key]

    def _entries(self, name: str, shape: tuple, args: list, frame: Frame) -> list[int]:
        """The entries of ``name`` an expectation's arguments read (their flat positions):
        those its components at the step's index values pick (Var(w_j x_j): the j-th), or all
        where a sum or the whole of it is read."""
        every = list(range(int(np.prod(shape))))
        if not shape:
            return every
        refs: list[Any] = []
        seen: set[str] = set()

        def visit(n: Any) -> bool:         # False: a sum, or the whole of it, is read
            if isinstance(n, t.BigOp):
                return False
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == name:
                refs.append(n)
                return True
            if isinstance(n, t.Sym):
                if n.name == name:
                    return False
                if n.name in self.definitions and n.name not in seen:
                    seen.add(n.name)
                    return visit(self.definitions[n.name].expr)
            return all(visit(c) for c in t.children(n))
        if not all(visit(a) for a in args):
            return every
        where = frame.with_values({name: Tensor(np.arange(len(every), dtype=np.float64)
                                                .reshape(shape))})
        try:
            found = {int(as_tensor(self.eval(r, where)).data) for r in refs}
        except (EvalError, ValueError, TypeError, IndexError):
            return every
        return sorted(found) if found else every

    def _moments(self, what: str, args: list, names: list[str], params: dict, n: int,
                 frame: Frame) -> Tensor:
        """𝔼[a] (``mean``), or 𝔼[a b] − 𝔼[a] 𝔼[b] (b = a for the variance), by quadrature; a
        sum of the library's own operations, so that derivatives reach the parameters."""
        grids = [self.scope.laws[name][0].nodes(params[name], n) for name in names]

        def outcomes():
            for combo in itertools.product(*(range(len(g[0])) for g in grids)):
                weight: Any = 1.0
                for g, k in zip(grids, combo):
                    weight = F.mul(weight, g[1][k])
                yield weight, {name: as_tensor(g[0][k]) for name, g, k in zip(names, grids, combo)}
        return self._weighted(what, args, outcomes(), frame)

    def _weighted(self, what: str, args: list, outcomes: Any, frame: Frame) -> Tensor:
        """𝔼[a] (``mean``), or 𝔼[a b] − 𝔼[a] 𝔼[b] (b = a for the variance), over ``outcomes``:
        (probability, the random variables' values) pairs."""
        sums: list[Any] = [0.0, 0.0, 0.0]       # 𝔼[a], 𝔼[b], 𝔼[a b]
        for weight, values in outcomes:
            at = frame.with_values(values)
            first, second = (as_tensor(self.eval(a, at)) for a in (args[0], args[-1]))
            sums[0] = F.add(sums[0], F.mul(weight, first))
            sums[1] = F.add(sums[1], F.mul(weight, second))
            sums[2] = F.add(sums[2], F.mul(weight, F.mul(first, second)))
        if what == "mean":
            return as_tensor(sums[0])
        return as_tensor(F.sub(sums[2], F.mul(sums[0], sums[1])))

    def _texts_function(self, node: Any, frame: Frame) -> Fn | None:
        """``g`` or ``g²`` (a whole power ≥ 2) with g a one-parameter function the text
        defines, as a function (its power applied to its result), not its value at the
        point."""
        power = None
        if isinstance(node, t.Script) and node.sub is None and isinstance(node.sup, t.Num) \
                and float(node.sup.value).is_integer() and node.sup.value >= 2:
            node, power = node.base, float(node.sup.value)
        d = self.definitions.get(node.name) if isinstance(node, t.Sym) else None
        if d is None or len(d.params) != 1 or d.index:
            return None
        return Fn(d.name, lambda x, d=d: self._eval_at(d, d.expr, frame.with_values(
            {d.params[0]: x})), power=power)

    def function(self, fn: Any, frame: Frame) -> Any:
        """The value of what a call or a prime is applied to; a function the text uses but
        never defines (f(x), f'(x)) is, as one reading, an arbitrary smooth one."""
        name = t.canon(fn) if isinstance(fn, (t.Sym, t.Script)) else None
        try:
            return self.eval(fn, frame)
        except Unknown as e:
            if name is None or not self._unknown_function(name):
                raise
            k = self.reading.pick(f"function:{name}", (
                f"{name} unknown", f"{name} an arbitrary smooth function (any {name})"))
            if k == 0:
                raise Unknown(name, "function") from e
            return _generic(name)

    def _unknown_function(self, name: str) -> bool:
        """A name written only before parentheses, defined nowhere: a function of the text's."""
        return name in self.scope.called_only and not self.known(name) and \
            name not in OPERATORS and not name.startswith("\\math")

    def _defined_function(self, fn: Any) -> str | None:
        name = fn.name if isinstance(fn, t.Sym) else t.canon(fn) if isinstance(fn, t.Script) \
            else None
        d = self.definitions.get(name) if name is not None else None
        return name if d is not None and d.params else None

    def _call_with_parameters(self, node: t.Call, frame: Frame) -> Any:
        """``f(x; W)``: f of x, with W a parameter it depends on; ``𝒩(x; μ, σ²)``,
        ``𝒩(x \\mid μ, σ²)``: a law's density at x."""
        row = law(name_of(node.fn) or "") if not self.known(name_of(node.fn) or "") else None
        k = next(i for i, a in enumerate(node.args) if isinstance(a, t.Sym) and a.name == ";")
        if row is not None and row.density is not None and k == 1 and \
                len(node.args) - 2 == row.parameters:
            return row.density(self.eval(node.args[0], frame),
                               *(as_tensor(self.eval(a, frame)) for a in node.args[2:]))
        if isinstance(node.fn, t.Sym) and lookup(node.fn.name) is not None and \
                self._defined_function(node.fn) is None:
            args = tuple(a for a in node.args if not (isinstance(a, t.Sym) and a.name == ";"))
            return self._call(t.Call(node.fn, args, node.bracket), frame)
        k = next(i for i, a in enumerate(node.args) if isinstance(a, t.Sym) and a.name == ";")
        before = node.args[:k]
        after = tuple(a for a in node.args[k + 1:] if not (isinstance(a, t.Sym) and a.name == ";"))
        fname = self._defined_function(node.fn)
        if fname is not None:
            d = self.definitions[fname]
            if len(d.params) != len(before) + len(after) and \
                    tuple(name_of(a) for a in before) != d.params and \
                    fname in self.scope.conditioned and self.reading.pick(
                        f"law:{fname}", (f"{fname}(… | …) as {fname} with a parameter",
                                         f"{fname}(… | …) a law of its own")):
                # p(z) = 𝒩(z; 0, 1) and p(x | z): a law of its own (its condition part of its
                # name, as the text states it), or p at x with z a parameter (P(y) and P(y | x),
                # the same variable before the bar: P given x)
                stated = self.scope.conditional_laws.get(fname)
                if stated is None or len(stated.params) != len(before) + len(after):
                    raise Unknown(fname, "law")
                values = {p: self.eval(a, frame) for p, a in zip(stated.params, before + after)}
                return self._eval_at(stated, stated.expr, frame.with_values(values))
            args = before + after if len(d.params) == len(before) + len(after) else before
            return self._call(t.Call(node.fn, args, node.bracket), frame)
        f = self.eval(node.fn, frame)
        if isinstance(f, Fn):
            return self.call(f, [self.eval(a, frame) for a in before])
        if all(isinstance(a, (t.Num, t.Neg)) for a in before + after):
            # A^{-1}(7 ; 7)ᵀ with decimal commas: a matrix times the vector the semicolons
            # separate, not A^{-1} of 7 with a parameter 7
            return self.product([node.fn, t.Paren(before + after, node.bracket)], frame)
        return f

    def call(self, f: Fn, args: list) -> Any:
        if f.arity >= 0 and len(args) != f.arity:
            raise EvalError(f"{f.name} takes {f.arity} argument(s), got {len(args)}")
        if f.name in ("softmax", "log_softmax") and len(args) == 1 and isinstance(
                args[0], Tensor) and args[0].ndim == 2 and min(args[0].shape) > 1:
            k = self.reading.pick("softmax", ("the softmax of a matrix down each column",
                                              "the softmax of a matrix along each row"))
            out = F.transpose(as_tensor(f.call(F.transpose(args[0])))) if k else f.call(*args)
        elif f.name in ROUNDINGS and len(args) == 1:
            out = self._rounded(f.name, as_tensor(args[0]))
        else:
            out = f.call(*args)
        if f.index:
            out = pick(as_tensor(out), list(f.index), f.name)
        if f.power is not None:
            out = F.power(as_tensor(out), f.power)
        return out

    # ---- products --------------------------------------------------------------------------
    def _product(self, node: t.Product, frame: Frame) -> Any:
        return self.product(list(node.items), frame)

    def product(self, items: list, frame: Frame) -> Any:
        items = self._differential_names(items, frame)
        items = self._differentials(items, frame)
        for k, item in enumerate(items[:-1]):      # \mathbb{1}\{w = o\}: the indicator
            nxt = items[k + 1]
            if isinstance(item, t.Sym) and item.name in ("\\mathbb{1}", "\\mathbf{1}") and \
                    isinstance(nxt, t.Paren) and len(nxt.args) == 1 and \
                    isinstance(nxt.args[0], t.Relation):
                items = items[:k] + [Given(self.eval(nxt.args[0], frame))] + items[k + 2:]
                break
        for item, nxt in zip(items, items[1:]):     # 𝓡{ab}, 𝓡_v{g(x)}: braces after a name
            head = name_of(item.base if isinstance(item, t.Script) else item)
            if head is not None and isinstance(nxt, t.Paren) and nxt.bracket == "{" and not any(
                    n in self.definitions or n in self.scope.declared
                    for n in (head, name_of(item))) and self.reading.pick(
                    f"operator:{head}", (f"{head} times what the braces hold",
                                         f"{head} an operator applied to what the braces hold")):
                raise Unknown(head, "operator")
        for k, item in enumerate(items):
            if _nabla(item) and k + 1 < len(items) and not self.known("\\nabla"):
                return self._bare_nabla(items, k, frame)
            op = self._prefix(item)
            if op is not None:
                body = items[k + 1:]
                if not body:
                    raise EvalError(f"nothing follows {t.canon(item)}")
                if len(body) > 1 and self._jacobian_operator(item) and \
                        self._is_function(body[0]):
                    value = op(body[:1], frame)      # D_x f u: f's Jacobian, times u
                    return self._fold(items[:k] + [Given(value)] + body[1:], frame)
                cut = _divided_after(item, body)
                if cut is not None and self.reading.pick(f"prod/:{t.canon(item)}", (
                        "a division after ∏ inside the product",
                        "∏ … / c: the product divided by c")):
                    value = op(body[:cut], frame)     # ∏|w_k| / 4³: the product over 4³
                    return self._fold(items[:k] + [Given(value)] + body[cut:], frame)
                value = op(body, frame)
                return self._fold(items[:k], frame, tail=value)
        return self._fold(items, frame)

    def _bare_nabla(self, items: list, k: int, frame: Frame) -> Any:
        """``\\nabla f`` with no subscript: by f's one variable; ``\\nabla^2 f``, ``\\nabla_x^2 f``
        its Hessian, the Jacobian of its gradient."""
        f, nabla = items[k + 1], items[k]
        if isinstance(f, t.Script) and f.sub is None and isinstance(f.base, t.Call) and \
                isinstance(f.sup, t.Sym) and f.sup.name in TRANSPOSE:
            # ∇f(x₀)ᵀd: the gradient at x₀, transposed
            grad = t.Paren((t.Product((nabla, f.base)),), "(")
            return self._fold(items[:k] + [t.Script(grad, None, f.sup)] + items[k + 2:], frame)
        if isinstance(nabla, t.Script) and nabla.sub:
            value = calculus.derivative(self, t.Deriv(f, nabla.sub[0], 1),
                                        t.canon(nabla.sub[0]), None, frame, jacobian=True)
            return self._fold(items[:k] + [Given(value)] + items[k + 2:], frame)
        d = self.definitions.get(f.name) if isinstance(f, t.Sym) else None
        applied = self.definitions.get(f.fn.name) if isinstance(f, t.Call) and \
            isinstance(f.fn, t.Sym) and len(f.args) == 1 else None
        if isinstance(f, t.Call) and isinstance(f.fn, t.Sym) and applied is None and \
                f.fn.name not in self.scope.declared and lookup(f.fn.name) is None:
            # ∇L(w) = (0.3, −0.4) of an L applied and never written: its gradient is what the
            # text says it is, not L read as a number times w
            raise Unknown(f.fn.name, "function")
        if applied is not None and len(applied.params) == 1 and not isinstance(nabla, t.Script):
            # ∇f(x₀) of f(x) = …: f's gradient, at the point written
            var = applied.params[0]
            at = frame.with_values({var: self._argument(var, f.args[0], frame)})
            value = calculus.derivative(self, t.Call(f.fn, (t.Sym(var),)), var, None, at)
            return self._fold(items[:k] + [Given(value)] + items[k + 2:], frame)
        if applied is not None and len(applied.params) > 1 and not isinstance(nabla, t.Script):
            # ∇f(x₀) of f(x, y) = … at a point x₀ = (1, 1): its partials there, in order
            point = self._spread(applied, f.args, frame)
            if point is None:
                raise EvalError(f"{applied.name} takes {len(applied.params)} arguments, "
                                f"written with 1")
            whole = t.Call(f.fn, tuple(t.Sym(p) for p in applied.params))
            at = frame.with_values(point)
            parts = [as_tensor(calculus.derivative(self, whole, p, None, at)).data
                     for p in applied.params]
            if any(x.size != 1 for x in parts):
                raise EvalError(f"∇{t.canon(f)}: a partial is not a number")
            value = Tensor(np.array([[float(x.reshape(()))] for x in parts]))
            return self._fold(items[:k] + [Given(value)] + items[k + 2:], frame)
        if applied is not None and len(applied.params) > 1:
            # ∇²f(x₀) of f(x, y): its Hessian is not read at a point written as one vector
            raise EvalError(f"∇{t.canon(f)} of {applied.name} of {len(applied.params)} "
                            f"arguments", f"∇{t.canon(f)} by which variables? write "
                                          f"{applied.name} of one vector")
        if d is not None and len(d.params) == 1:
            body: Any = t.Call(f, (t.Sym(d.params[0]),))
            var = d.params[0]
        else:
            free = sorted(calculus.free_inputs(self, f, frame))
            # ∇(λ wᵀw), parentheses written: by each of its inputs in turn, one of them a
            # vector, a reading each (of several numbers, ∇f(x, y) may be all their
            # partials; E_D(w) may be E_D times w: asked)
            arrays = [v for v in free if getattr(self.symbols.get(v), "shape", ())]
            if not (len(free) == 1 or isinstance(f, t.Paren) and len(arrays) == 1 and
                    len(free) <= 3):
                raise EvalError(f"∇{t.canon(f)} by which variable?",
                                f"∇{t.canon(f)} by which variable? write ∇_x {t.canon(f)}")
            body, var = f, free[self.reading.pick(f"∇:{t.canon(f)}", tuple(
                f"∇{t.canon(f)} by {v}" for v in free))]
            if var == t.canon(f):
                # ∇E_D with E_D never written out: a function the text does not give, not
                # a number differentiated by itself
                raise Unknown(var, "function")
        if isinstance(nabla, t.Script):
            value = calculus.derivative(self, t.Deriv(body, t.Sym(var), 1), var, None, frame,
                                        jacobian=True)
        else:
            value = calculus.derivative(self, body, var, None, frame)
        return self._fold(items[:k] + [Given(value)] + items[k + 2:], frame)

    def _jacobian_operator(self, item: Any) -> bool:
        return isinstance(item, t.Script) and isinstance(item.base, t.Sym) and \
            item.base.name in ("D", "\\nabla") and not self.known(item.base.name)

    def _is_function(self, node: Any) -> bool:
        if not isinstance(node, t.Sym):
            return False
        d = self.definitions.get(node.name)
        return d is not None and bool(d.params) or lookup(node.name) is not None and \
            node.name.lstrip("\\") not in _APPLIED_WORDS

    @staticmethod
    def _applied_word(node: Any) -> bool:
        """``log``, ``det`` written before what they apply to, without parentheses."""
        return isinstance(node, t.Sym) and lookup(node.name) is not None and \
            node.name.lstrip("\\") in _APPLIED_WORDS

    def _differentials(self, items: list, frame: Frame) -> list:
        """``d(X^{-1}) = -X^{-1}\\, dX\\, X^{-1}``, ``d\\det X = \\det X \\operatorname{tr}(X^{-1}
        dX)``: a step written in differentials. Each dX the step writes is a direction drawn
        at the point, the same on both sides, and d of what follows is its change along
        them (by central differences); without a dX in the step, d is no differential."""
        if not any(_is_d(i) for i in items):
            return items
        varied = self._varied()
        if not varied:
            return items
        out: list = []
        k = 0
        while k < len(items):
            if _is_d(items[k]) and k + 1 < len(items):
                nxt = items[k + 1]
                take = 2 if self._is_function(nxt) and k + 2 < len(items) else 1
                if take == 2 and k + 3 < len(items) and self.reading.pick(f"reach:d{k}", (
                        "d of the function of the next factor",
                        "d of the function of all the factors after it")):
                    take = len(items) - k - 1      # d tr AX⁻¹: d of tr(AX⁻¹)
                if self._applied_word(nxt) or isinstance(nxt, (t.Frac, t.Num)) and \
                        not mentioned_names(nxt) & varied:
                    # d log det Σ, d ½ tr(WᵀW): d of all that follows (d of a constant
                    # factor alone, 0, is what no one writes)
                    take = len(items) - k - 1
                target = nxt if take == 1 else t.Product(tuple(items[k + 1:k + 1 + take]))
                name = self._varied_name(nxt)
                if name in varied and take == 1:
                    # dx_k: the direction's entry k, read where k has its value
                    out.append(Given(self._direction(name, frame),
                                     nxt.sub if name != name_of(nxt) else (), name))
                else:
                    out.append(Given(self._change(target, varied, frame)))
                k += 1 + take
                continue
            out.append(items[k])
            k += 1
        return out

    def _varied(self) -> frozenset[str]:
        """The names written with a d before them in the step's sides (d not the text's own
        name): the variables of a step in differentials."""
        if self._varied_names is None:
            found: set[str] = set()
            nodes = [n for item in self.scope.items if item.line == self._where[0][0]
                     for side in item.sides if side.term is not None for n in t.walk(side.term)]
            pairs = [(a, b) for n in nodes if isinstance(n, t.Product)
                     for a, b in zip(n.items, n.items[1:]) if _is_d(a)]
            # d(X⁻¹), d det X, d tr(…): d of something that is no name (dW alone may be a
            # gradient's name, ∫ … dx an integral's variable) — or of a name, where the text
            # says it takes differentials ((dx)ᵀAx = xᵀA dx) and has no dx of its own
            said = self.scope.differentials
            # 2r dr = (2/d) Σ x_k dx_k with the d upright (\mathrm{d}) and d the text's size:
            # the upright mark is the differential's, not that name
            upright = pairs and all(_upright(a) for a, _ in pairs)
            if (any(not isinstance(b, (t.Sym, t.Script)) or self._is_function(b) or
                    self._applied_word(b) for _, b in pairs) or
                    (said or upright) and pairs and not any(
                        self.known(prefixed("d", t.canon(b))) for _, b in pairs) or
                    any(isinstance(n, t.Call) and _is_d(n.fn) for n in nodes)) and \
                    not any(isinstance(n, t.Script) and name_of(n.base) == "\\int" or
                            isinstance(n, t.Sym) and n.name == "\\int" for n in nodes) and (
                    # d also the text's name (x ∈ ℝ^d): a differential in this step, or that d
                    # — a differential only, where the text says it takes differentials
                    not self.known("d") and not self.scope.valued("d") or said or upright or
                    self.reading.pick("differential", ("d the text's own name",
                                                       "d as a differential"))):
                # (an entry's dx_k varies x where the mark is the upright d; ∂ log p_i/∂z_j
                # written inline is a derivative, not a ratio of differentials)
                found = {name_of(b) if name_of(b) in self.symbols else
                         self._varied_name(b) if _upright(a) else None
                         for a, b in pairs} - {None}
                # dr beside dw, r = Xw − y defined: the change of r along dw, no direction of
                # its own (drawn apart, 2rᵀdr = 2rᵀX dw failed)
                found = {n for n in found if not any(
                    v != n and self.depends(t.Sym(n), v) for v in found)}
            self._varied_names = frozenset(found)
        return self._varied_names

    def _varied_name(self, node: Any) -> str | None:
        """The name whose direction a dX is: X, or x for x's entry (dx_k)."""
        if name_of(node) in self.symbols:
            return name_of(node)
        if isinstance(node, t.Script) and node.sub and node.sup is None and \
                isinstance(node.base, t.Sym) and node.base.name in self.symbols and \
                node.base.name not in self.definitions:
            return node.base.name
        return None

    def _direction(self, name: str, frame: Frame) -> Tensor:
        """dX: a direction of X's shape, drawn for the point (the same on both sides)."""
        value = as_tensor(self.name(name, frame))
        point = frame.point
        rng = np.random.default_rng([point.seed if point else 0, point.p if point else 0,
                                     zlib.crc32(("d" + name).encode())])
        return Tensor(rng.uniform(-1.0, 1.0, value.shape))

    def _change(self, target: Any, varied: frozenset[str], frame: Frame) -> Tensor:
        """d of ``target``: its change along the directions dX, by central differences."""
        h = 1e-6
        moved = []
        for sign in (1.0, -1.0):
            values = {n: F.add(as_tensor(self.name(n, frame)),
                               F.mul(sign * h, self._direction(n, frame))) for n in varied}
            moved.append(as_tensor(self.eval(target, frame.with_values(values))).data)
        self.approximate = True
        return Tensor((moved[0] - moved[1]) / (2 * h))

    def _differential_names(self, items: list, frame: Frame) -> list:
        """``dW^{[1]}``, ``dZ``: a name of its own when one was defined or declared."""
        out: list = []
        k = 0
        while k < len(items):
            item = items[k]
            if isinstance(item, t.Sym) and item.name in {"d"} | self.scope.prefixes and \
                    k + 1 < len(items):
                nxt = items[k + 1]
                mark = item.name
                whole = prefixed(mark, t.canon(nxt))
                head = nxt.base if isinstance(nxt, t.Script) else nxt
                name = prefixed(mark, t.canon(head))
                if self.known(whole) or whole in frame.values:
                    out.append(t.Sym(whole))
                    k += 2
                    continue
                if isinstance(nxt, t.Script) and nxt.sup is not None and nxt.sub is not None:
                    lower = prefixed(mark, t.canon(t.Script(head, nxt.sub, None)))
                    if self.known(lower) or lower in frame.values:   # dz_1^T: (dz_1)^T
                        out.append(t.Script(t.Sym(lower), None, nxt.sup))
                        k += 2
                        continue
                if isinstance(nxt, t.Script) and nxt.sup is not None:
                    label, rest = split_label(nxt.sup, self.scope.layers)
                    labelled = prefixed(mark, t.canon(t.Script(head, None, label))) \
                        if label else ""
                    if label is not None and self.known(labelled):
                        out.append(t.Script(t.Sym(labelled), nxt.sub, rest))
                        k += 2
                        continue
                if self.known(name) or name in frame.values:
                    out.append(t.Script(t.Sym(name), nxt.sub, nxt.sup)
                               if isinstance(nxt, t.Script) else t.Sym(name))
                    k += 2
                    continue
            out.append(item)
            k += 1
        return out

    def _prefix(self, item: Any) -> Callable | None:
        """The operator an item is when it takes the rest of the product as its argument."""
        if isinstance(item, t.BigOp):
            return lambda body, frame: self._big_operator(item, body, frame)
        if isinstance(item, t.Script) and isinstance(item.base, t.Sym) and item.base.name in (
                "\\max", "\\min", "max", "min") and item.sub and item.sup is None:
            return lambda body, frame: self._extremum(item, body, frame)
        if isinstance(item, t.Script) and isinstance(item.base, t.Sym) and \
                item.base.name == "\\int" and item.sub and item.sup is not None:
            return lambda body, frame: self._integral(item, body, frame)
        if isinstance(item, t.Deriv) and item.f is None:
            return lambda body, frame: calculus.derivative_node(
                self, t.Deriv(_body(body), item.var, item.order), frame)
        if isinstance(item, t.Script) and item.sub and isinstance(item.base, t.Sym) and \
                item.base.name in ("\\nabla", "D", "\\partial") and not self.known(
                    item.base.name) and len(item.sub) == 1:
            order = 1
            if item.sup is not None:
                if not (item.base.name == "\\partial" and isinstance(item.sup, t.Num) and
                        item.sup.value in (2.0, 3.0)):
                    return None
                order = int(item.sup.value)
            def operator(body: list, frame: Frame) -> Any:
                at = self._gradient_at(item, body, frame)
                return at if at is not None else calculus.derivative_node(
                    self, t.Deriv(_body(body), item.sub[0], order), frame,
                    jacobian=item.base.name == "D")
            return operator
        return None

    def _gradient_at(self, op: t.Script, body: list, frame: Frame) -> Tensor | None:
        """``∇_w J(w_0)`` of ``J(w) = …``: J's gradient by its parameter, at the point written
        (not the gradient of the number J(w_0))."""
        f = body[0] if len(body) == 1 else None
        by = t.canon(op.sub[0])
        d = self.definitions.get(f.fn.name) if isinstance(f, t.Call) and isinstance(
            f.fn, t.Sym) and len(f.args) == 1 else None
        if d is None or d.params != (by,) or op.sup is not None or t.canon(f.args[0]) == by or \
                op.base.name != "\\nabla":
            return None
        at = frame.with_values({by: self.eval(f.args[0], frame)})
        return calculus.derivative(self, t.Call(f.fn, (t.Sym(by),)), by, None, at)

    def _fold(self, items: list, frame: Frame, tail: Any = None) -> Any:
        items = self._after_slash(items)
        ops: list[str] = []
        values: list[Any] = []
        pending = "juxt"
        bare: list[bool] = []
        for k, item in enumerate(items):
            if isinstance(item, t.MulOp):
                pending = item.op
                continue
            ops.append(pending)
            head = item.base if isinstance(item, t.Script) else item
            f = self._texts_function(item, frame) if isinstance(head, t.Sym) and \
                lookup(head.name) is not None and k + 1 < len(items) and \
                not isinstance(items[k + 1], t.MulOp) else None
            # \tanh x, \tanh^2 x with tanh(x) = … restated by the text: applied, as the
            # table's is
            values.append(f if f is not None else self.eval(item, frame))
            bare.append(isinstance(item, t.Sym))
            pending = "juxt"
        if tail is not None:
            ops.append(pending)
            values.append(tail)
            bare.append(False)
        if not values:
            raise EvalError("an operator without operands")
        # A function written without parentheses applies to the factor right after it (right
        # to left: log log x); \sin 3x may mean sin(3x): a reading applies it to all that follows.
        k = len(values) - 2
        while k >= 0:
            if isinstance(values[k], Fn) and ops[k + 1] == "juxt":
                rest = [j for j in range(k + 1, len(values)) if ops[j] == "juxt"]
                reach = 1
                if len(rest) > 1 and all(j == rest[0] + n for n, j in enumerate(rest)) and \
                        not any(isinstance(values[j], Fn) for j in rest):
                    choice = self.reading.pick(f"reach:{k}", (
                        "a function applied to the next factor only",
                        "a function applied to all the factors after it"))
                    if choice == 1:
                        reach = len(rest)
                arg = values[k + 1]
                for j in range(k + 2, k + 1 + reach):
                    arg = self.combine("juxt", arg, values[j])
                values[k] = self.call(values[k], [arg])
                del values[k + 1:k + 1 + reach], ops[k + 1:k + 1 + reach]
            k -= 1
        # (PPᵀ ⊗ QQᵀ: ⊗ binds looser than the products beside it)
        segments: list[Any] = [values[0]]
        for op, v in zip(ops[1:], values[1:]):
            if op == "otimes":
                segments.append(v)
            else:
                segments[-1] = self.combine(op, segments[-1], v)
        result = segments[0]
        for v in segments[1:]:
            result = self.combine("otimes", result, v)
        return result

    def _after_slash(self, items: list) -> list:
        """``1/2 (a − b)^2`` in plain text: ½ times the square, or 1 over 2(a − b)²? The number
        after the slash takes the group after it as a factor in the grammar; as another
        reading, the slash ends at the number."""
        out = list(items)
        for k in range(len(out) - 2, 0, -1):
            # 3N/2N in running text: (3N/2)·N, or 3N over 2N?
            op, end = out[k - 1], k
            while end < len(out) and not isinstance(out[end], t.MulOp):
                end += 1
            if isinstance(op, t.MulOp) and op.op == "/" and isinstance(out[k], t.Num) and \
                    end - k >= 2 and self.reading.pick(f"slash-run:{k}", (
                        "a/bc as a/b times c", "a/bc as a over bc")):
                out[k:end] = [t.Paren((t.Product(tuple(out[k:end])),), "(")]
        for k in range(len(out) - 1, 0, -1):
            item, op = out[k], out[k - 1]
            call = item.base if isinstance(item, t.Script) and item.sub is None else item
            if not (isinstance(op, t.MulOp) and op.op == "/" and isinstance(call, t.Call) and
                    call.bracket == "(" and isinstance(call.fn, t.Num)):
                continue
            if self.reading.pick(f"slash:{k}", ("a/b (c) as a over b·c",
                                                "a/b (c) as a/b times c")):
                group = t.Paren(call.args, "(")
                out[k:k + 1] = [call.fn, group if item is call else
                                t.Script(group, None, item.sup)]
        return out

    # ---- sums ------------------------------------------------------------------------------
    def _ellipsis_sum(self, written: list[tuple[int, Any]], frame: Frame) -> Any:
        """``x_1 + x_2 + \\cdots + x_n``: the terms the pattern around the dots gives."""
        out: list[tuple[int, Any]] = []
        ended = False
        for k, (sign, term) in enumerate(written):
            if ended:           # x_1 + x_2 + ⋯ + x_n at n = 2: x_n is the x_2 written
                ended = False
                continue
            if not _is_dots(term):
                out.append((sign, term))
                continue
            if not out or k + 1 >= len(written):
                raise EvalError("⋯ needs a term before it and one after it")
            first = out[-2][1] if len(out) >= 2 else None
            filled = self._fill(first, out[-1][1], written[k + 1][1], frame)
            ended = filled is None
            out.extend((sign, term) for term in filled or ())
        total = None
        for sign, term in out:
            value = self.eval(term, frame)
            if total is None:
                total = F.neg(as_tensor(value)) if sign < 0 else value
            else:
                total = self.combine("+" if sign > 0 else "-", total, value)
        return total

    def _fill(self, first: Any, before: Any, after: Any, frame: Frame) -> list[Any] | None:
        """The terms ⋯ stands for between ``before`` and ``after``; None where ``after`` is
        ``before`` itself (the sum ends at the last term written before the dots)."""
        holes = _differences(before, after)
        if len(holes) != 1:
            raise EvalError(f"the terms around ⋯ ({t.canon(before)} and {t.canon(after)}) do "
                            f"not differ in one number")
        path = holes[0]
        lo = as_int(self.eval(_at_path(before, path), frame), "a term's number around ⋯")
        hi = as_int(self.eval(_at_path(after, path), frame), "a term's number around ⋯")
        step = 1 if hi >= lo else -1
        if first is not None and _differences(first, before) == [path]:
            step = lo - as_int(self.eval(_at_path(first, path), frame), "a term's number")
        elif first is not None:
            # β + β² + ⋯: the term before is the pattern's at lo − 1 (β = β¹), so it counts up
            step = next((lo - m for m in (lo - 1, lo + 1)
                         if self._same(first, _replace_at(before, path, t.Num(float(m))),
                                       frame)), step)
        if step == 0 or (hi - lo) % step:
            raise EvalError("the terms around ⋯ do not step evenly")
        count = (hi - lo) // step - 1
        if count == -1:
            return None
        if count < 0:
            # 1 + β + β² + ⋯ + β^{t−1} at t = 1: the terms written before ⋯ run past the last
            # one; which of them the text means there is not written
            raise EvalError(f"the terms written around ⋯ run past the last one here "
                            f"({t.canon(after)} comes before {t.canon(before)})",
                            f"what does the sum with ⋯ stand for where its last term "
                            f"({t.canon(after)}) comes before the terms written out?")
        if count > MAX_TERMS:
            raise EvalError(f"⋯ stands for {count} terms; at most {MAX_TERMS} are checked")
        return [_replace_at(before, path, t.Num(float(lo + step * j)))
                for j in range(1, count + 1)]

    def _same(self, a: Any, b: Any, frame: Frame) -> bool:
        """Whether two terms have one value here (β and β¹)."""
        try:
            x, y = as_tensor(self.eval(a, frame)), as_tensor(self.eval(b, frame))
        except (EvalError, ArithmeticError, ValueError, TypeError, IndexError):
            return False
        return x.shape == y.shape and bool(np.allclose(x.data, y.data, rtol=1e-12, atol=0))

    def _bigop(self, node: t.BigOp, frame: Frame) -> Tensor:
        raise EvalError(f"nothing follows \\{node.op}")

    def _big_operator(self, op: t.BigOp, body: list, frame: Frame) -> Tensor:
        if op.sub is None:
            free = sorted({i.name for n in body for x in t.walk(n)
                           if isinstance(x, t.Script) and x.sub for s in x.sub
                           for i in t.walk(s) if isinstance(i, t.Sym) and i.name in frame.indices})
            if not free:         # \sum t: the sum of a vector's entries
                value = as_tensor(self.product(list(body), frame))
                if np.size(value.data) == 1:
                    # −Σ ln p with p one number here: the terms are not on the page
                    raise EvalError(f"\\{op.op} with no index over one number",
                                    f"over what does the \\{op.op} run? it is written with no "
                                    f"index over {' '.join(map(t.canon, body))[:40]}, one "
                                    f"number here: write its index, or give the values")
                return F.sum(value) if op.op == "sum" else numeric(
                    lambda a: np.asarray(np.prod(a)), value)
            if len(free) > 1:
                raise EvalError(f"\\{op.op} without limits over {', '.join(free)}",
                                f"over which index does the \\{op.op} run? write it under it")
            # Σ r_i² with no limits: over the index its terms are written with
            n = self._range(free[0], list(body), frame)
            _count(op, n)
            bindings = [{free[0]: k} for k in range(1, n + 1)]
        elif _infinite(op.sup):
            return self._series(op, body, frame)
        else:
            bindings = self._ranges_of(op, frame, body)
        names = self._mentions(id(op), [op] + list(body))
        frame = frame.lifted(self.reach(id(op), [op] + list(body)))
        key = ("Σ", id(op), tuple(sorted((n, v) for n, v in frame.indices.items()
                                         if n in names and n not in bindings[0])) if bindings
               else ())
        if key in frame.memo:
            return frame.memo[key]
        total = None
        for values in bindings:
            term = self.product(list(body), frame.with_indices(values, summed=True))
            if (isinstance(term, Basis) or isinstance(term, Identity) and term.basis) and \
                    len(values) == 1:
                # Σ_k p_k e_k, Σ_k p_k e_k e_kᵀ: e_k as k runs over 1…K is a vector of K
                term = term.of(max(b[next(iter(values))] for b in bindings))
            term = as_tensor(term)
            if total is None:
                total = term
            else:
                total = F.add(total, term) if op.op == "sum" else self.combine("juxt", total,
                                                                              term)
        if total is None:
            total = Tensor(np.float64(0.0 if op.op == "sum" else 1.0))
        frame.memo[key] = total
        return total

    def _series(self, op: t.BigOp, body: list, frame: Frame) -> Tensor:
        """``\\sum_{τ=0}^{∞}``: summed until its terms vanish (converging numerically), or
        unreadable."""
        sub = op.sub[0] if op.sub and len(op.sub) == 1 else None
        if not (isinstance(sub, t.Relation) and sub.op == "=" and isinstance(sub.a, t.Sym)):
            raise EvalError("an infinite sum without a starting index")
        var = sub.a.name
        k = as_int(self.eval(sub.b, frame), "the lower limit")
        total = None
        small = 0
        for n in range(k, k + MAX_TERMS):
            term = as_tensor(self.product(list(body), frame.with_indices({var: n},
                                                                          summed=True)))
            total = term if total is None else F.add(total, term)
            size = float(np.max(np.abs(term.data))) if term.size else 0.0
            scale = float(np.max(np.abs(total.data))) if total.size else 0.0
            small = small + 1 if size <= 1e-13 * max(scale, 1e-300) or size == 0 else 0
            if small >= 3:
                self.notes.add("an infinite sum, summed until its terms vanish")
                return total
        raise EvalError("an infinite sum that does not converge numerically",
                        "the series does not converge within 10,000 terms here")

    def _integral(self, item: t.Script, body: list, frame: Frame) -> Tensor:
        """``∫_a^b f(x) dx``: Gauss–Legendre quadrature over [a, b] (an infinite bound mapped
        to a finite one, x = a + t/(1 − t) or x = t/(1 − t²)), with two numbers of nodes that
        must agree, so that a kink or a slow tail is no result; sums of the library's own
        operations, so that derivatives reach the bounds and the integrand's names."""
        ends = [k for k in range(len(body) - 1) if isinstance(body[k], t.Sym) and
                body[k].name == "d" and isinstance(body[k + 1], (t.Sym, t.Script))]
        if not ends or ends[-1] + 2 != len(body) or ends[-1] == 0:
            raise EvalError("an integral without its dx", "by which variable is this integral? "
                            "write its differential last (∫_a^b f(x) dx)")
        integrand, var = list(body[:ends[-1]]), t.canon(body[-1])
        infinite = [isinstance(e, t.Sym) and e.name == "\\infty" or isinstance(e, t.Neg) and
                    isinstance(e.a, t.Sym) and e.a.name == "\\infty"
                    for e in (item.sub[0], item.sup)]
        if len(item.sub) != 1 or infinite[0] and not infinite[1]:
            raise EvalError("an integral whose bounds are not read",
                            "the checker integrates from a number or −∞ to a number or ∞")
        a = None if infinite[0] else as_tensor(self.eval(item.sub[0], frame))
        b = None if infinite[1] else as_tensor(self.eval(item.sup, frame))
        if any(v is not None and v.data.size != 1 for v in (a, b)):
            raise EvalError("an integral's bound is not a number")

        def at(n: int) -> Tensor:
            nodes, weights = np.polynomial.legendre.leggauss(n)
            total: Any = 0.0
            for u, w in zip(nodes, weights):
                if a is None:               # (−∞, ∞): x = t/(1 − t²)
                    x, dx = u / (1 - u * u), (1 + u * u) / (1 - u * u) ** 2
                elif b is None:             # [a, ∞): x = a + s/(1 − s), s = (t + 1)/2
                    v = (u + 1) / 2
                    x, dx = F.add(a, v / (1 - v)), 0.5 / (1 - v) ** 2
                else:
                    half = F.mul(F.sub(b, a), 0.5)
                    x, dx = F.add(F.mul(F.add(a, b), 0.5), F.mul(half, float(u))), half
                value = as_tensor(self.product(integrand, frame.with_values(
                    {var: as_tensor(x)})))
                if value.ndim:
                    raise EvalError("an integral of something that is not a number")
                total = F.add(total, F.mul(F.mul(value, dx), float(w)))
            return as_tensor(total)

        small, large = (at(n) for n in ((48, 72) if a is not None and b is not None
                                        else (120, 180)))
        if not np.allclose(small.data, large.data, rtol=1e-7, atol=1e-10):
            raise EvalError("the integral is not exact with a quadrature here (a kink or a "
                            "slow tail)", "the checker cannot compute this integral exactly: "
                            "give its value in closed form, or check this step by hand")
        return large

    def _extremum(self, item: t.Script, body: list, frame: Frame) -> Tensor:
        bindings = self._ranges_of(t.BigOp("max", item.sub, None), frame)
        values = [as_tensor(self.product(list(body), frame.with_indices(b))) for b in bindings]
        if not values or any(v.ndim for v in values):
            raise EvalError(f"{t.canon(item)} over no numbers")
        reduce = F.max if "max" in item.base.name else F.min
        return reduce(F.stack(values))

    def _ranges_of(self, op: t.BigOp, frame: Frame, body: list | None = None
                   ) -> list[dict[str, int]]:
        """The index values a sum (product, max) runs over, counted before any is made."""
        sub = op.sub
        if len(sub) > 1 and isinstance(sub[-1], t.Relation) and sub[-1].op == "=" and \
                all(isinstance(v, t.Sym) for v in sub[:-1]) and isinstance(sub[-1].a, t.Sym):
            names = [v.name for v in sub[:-1]] + [sub[-1].a.name]
            lo = as_int(self.eval(sub[-1].b, frame), "the lower limit")
            hi = self._upper(op, names[-1], frame)
            _count(op, max(hi - lo + 1, 0) ** len(names))
            import itertools
            return [dict(zip(names, ks)) for ks in itertools.product(range(lo, hi + 1),
                                                                     repeat=len(names))]
        if len(sub) == 1 and isinstance(sub[0], t.Relation):
            rel = sub[0]
            var = _var_name(rel.a)
            if rel.op == "=":
                lo = as_int(self.eval(rel.b, frame), "the lower limit")
                hi = self._upper(op, var, frame)
                _count(op, hi - lo + 1)
                return [{var: k} for k in range(lo, hi + 1)]
            if rel.op == "!=":
                other = as_int(self.eval(rel.b, frame), t.canon(rel.b))
                n = self._range(var)
                _count(op, n)
                return [{var: k} for k in range(1, n + 1) if k != other]
            if rel.op in ("<", "<=", ">", ">="):
                strict = rel.op in ("<", ">")
                other = rel.b.name if isinstance(rel.b, t.Sym) else None
                if other is not None and len(other) == 1 and other.isalpha() and \
                        other not in frame.indices and other not in frame.values and \
                        not self.known(other) and not (frame.point is not None and
                                                       frame.point.has(other)):
                    # Σ_{i≥j} with j bound nowhere: over the pairs, every j and i ≥ j
                    n = self._range(var)
                    order = _ORDER[rel.op]
                    pairs = [{var: i, other: j} for j in range(1, self._range(other) + 1)
                             for i in range(1, n + 1) if order(i, j)]
                    _count(op, len(pairs))
                    return pairs
                # Σ_{i<j}, Σ_{i≤j}: from the first index up to j; Σ_{i>j}: from j on
                bound = as_int(self.eval(rel.b, frame), t.canon(rel.b))
                if rel.op in ("<", "<="):
                    lo, hi = 1, bound - strict
                else:
                    lo, hi = bound + strict, self._range(var)
                _count(op, max(hi - lo + 1, 0))
                return [{var: k} for k in range(lo, hi + 1)]
            raise EvalError(f"a sum over {t.canon(rel)} is not read")
        if len(sub) == 1 and isinstance(sub[0], t.Product) and len(sub[0].items) == 3 and \
                isinstance(sub[0].items[1], t.Sym) and sub[0].items[1].name == "\\in" and \
                isinstance(sub[0].items[0], t.Sym):
            var = sub[0].items[0].name        # Σ_{j ∈ out}: a set named in words
            n = self._range(var)
            self.notes.add(f"Σ over {var} ∈ {t.canon(sub[0].items[2])} as a sum over every {var}")
            self.doubts.append(f"a sum over {var} ∈ {t.canon(sub[0].items[2])}, a set named in "
                               f"words, read over every {var}: if the set is a part of that "
                               f"range, write the sum's limits")
            _count(op, n)
            return [{var: j} for j in range(1, n + 1)]
        import itertools
        names = [_var_name(i) for i in index_list(sub)]
        sizes = [self._range(name, body, frame) for name in names]
        _count(op, math.prod(sizes))
        return [dict(zip(names, combo)) for combo in itertools.product(
            *(range(1, n + 1) for n in sizes))]

    def _upper(self, op: t.BigOp, var: str, frame: Frame) -> int:
        if op.sup is None:
            return self._range(var)
        sup = op.sup.args[0] if isinstance(op.sup, t.Paren) and len(op.sup.args) == 1 else op.sup
        if isinstance(sup, t.Sym) and not self.known(sup.name) and sup.name not in frame.values \
                and sup.name not in frame.indices and \
                not (frame.point is not None and frame.point.has(sup.name)):
            return self._range(var)      # \sum_{k=1}^{K}: K is the range of k
        return as_int(self.eval(sup, frame), "the upper limit")

    def _indexed_length(self, name: str, terms: list, frame: Frame | None) -> int | None:
        """The length of the axes ``name`` indexes in ``terms`` (``w_{jk} x_k``: x's length,
        w's second axis) of inputs with a shape and of families with a range, if they all
        agree."""
        sizes = set()
        for term in terms:
            for n in t.walk(term):
                if not (isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub):
                    continue
                # (w^L_{jk}: the name is w^L, its layer mark kept)
                base = n.base.name if n.sup is None else t.canon(t.Script(n.base, None, n.sup))
                items = list(n.sub) if len(n.sub) > 1 else index_list(n.sub)
                family = next((d for d in self.scope.definitions.get(base, ())
                               if len(d.index) == len(items) and not d.recurrence), None)
                if family is not None and base not in self.scope.declared:
                    # z_k of a family z_j = … : as long as its own letter runs
                    for k, item in enumerate(items):
                        letter = family.index[k]
                        if isinstance(item, t.Sym) and item.name == name and \
                                letter != name and letter in self.ranges:
                            sizes.add(self.ranges[letter])
                    continue
                kind = self.symbols.get(base)
                if kind is None or kind.name in ("index", "constant") or \
                        base in self.definitions or not kind.shape or \
                        frame is None or base in frame.values:
                    continue    # (a value given here has the shape it is given)
                shape = kind.shape if len(kind.shape) == len(items) else \
                    (kind.shape[0],) if len(items) == 1 and kind.shape[1:] in ((), (1,)) else None
                for k, item in enumerate(items):
                    if shape is not None and isinstance(item, t.Sym) and item.name == name:
                        sizes.add(shape[k])
        return sizes.pop() if len(sizes) == 1 else None

    def range_from(self, name: str, terms: list, frame: Frame) -> int | None:
        r"""The range of an index read from what it indexes: ``(\hat y - y)_i`` runs over the
        entries of ``\hat y - y``."""
        for term in terms:
            for n in t.walk(term):
                if isinstance(n, t.Script) and n.sub and len(n.sub) == 1 and \
                        isinstance(n.sub[0], t.Sym) and n.sub[0].name == name and \
                        not isinstance(n.base, t.Sym):
                    try:
                        value = as_tensor(self.eval(n.base, frame))
                    except EvalError:
                        continue
                    if value.ndim == 2 and 1 in value.shape:
                        return value.size
        return None

    def _given_length(self, name: str, terms: list, frame: Frame) -> int | None:
        """The length of a vector the text gives a value (``x = (1; 2; 3)``) that the index
        ``name`` runs over in ``terms`` (``x_i``); where such differ (Σ_i g_i x_i with g of 4
        and x of 7), the entries every one of them has."""
        bases = {n.base.name for term in terms for n in t.walk(term)
                 if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub and
                 len(n.sub) == 1 and isinstance(n.sub[0], t.Sym) and n.sub[0].name == name}
        lengths = set()
        for base in bases:
            if base in frame.values:
                value = frame.values[base]
            elif base in self.definitions and not self.definitions[base].index and \
                    not self.definitions[base].params and base not in self._active and \
                    not any(base in ps for ps in self._parameters) and (
                    self._computed_from_given(base, frame) or
                    isinstance(self.definitions[base].expr, t.Paren)):
                # p = softmax(z) at the z = (1, 3, 0.5, −1) given: as long as that (and
                # g = (1, 2, 0, −1) itself)
                try:
                    value = self.name(base, frame)
                except (EvalError, Unknown, ArithmeticError, ValueError):
                    continue
            else:
                continue
            data = np.asarray(value.data) if isinstance(value, Tensor) else None
            if data is not None and 1 <= data.ndim <= 2 and \
                    1 in data.shape[-1:] + data.shape[:1] and data.size > 1:
                lengths.add(data.size)
        return min(lengths, default=None)

    def _computed_from_given(self, base: str, frame: Frame) -> bool:
        """Whether a defined name is computed from values the text gives, through its
        definitions, and from nothing drawn."""
        names = self._mentions(("given", base), [self.definitions[base].expr])
        return bool(names) and all(
            n in self.definitions or n in frame.values or lookup(n) is not None or
            n in self.scope.declared and self.scope.declared[n].name == "index" for n in names)

    def _members_given(self, name: str, body: list) -> int | None:
        """``n`` where every name the sum indexes by ``name`` (``h^{(t)}``, ``x_t``) that has
        numbered members has the members 1 … n the text gives (a member 0 is an initial state
        where another name starts at 1); one with none is read through its family's formula
        (``L^{(t)} = ½(o^{(t)} − y^{(t)})²``); None where they differ, none is given, or all
        count from 0."""
        counts: set[tuple[int, bool]] = set()      # (the last member, a member 0 given)
        todo, seen = list(body), set()
        while todo:
            for n in t.walk(todo.pop()):
                if not (isinstance(n, t.Script) and isinstance(n.base, t.Sym)) or \
                        n.base.name in seen:
                    continue
                if n.sub == (t.Sym(name),) and n.sup is None:
                    form = f"{n.base.name}_{{%s}}"
                elif n.sub is None and n.sup == t.Paren((t.Sym(name),), "("):
                    form = f"{n.base.name}^{{(%s)}}"
                else:
                    continue
                seen.add(n.base.name)
                numbers = {k for k in range(MAX_RECURSION)
                           if form % k in self.scope.definitions}
                top = max(numbers, default=0)
                if top and numbers - {0} != set(range(1, top + 1)):
                    return None
                if top:
                    counts.add((top, 0 in numbers))
                elif len(seen) < 8:
                    todo += [d.expr for d in self.scope.definitions.get(form % name, ())]
        # a member 0 beside members from 1 only (h^{(0)} with x^{(1)}, …): an initial state;
        # every name counting from 0 (y_0, y_1, y_2): the text's index starts at 0
        tops = {top for top, _ in counts}
        if len(tops) != 1 or all(zero for _, zero in counts):
            return None
        return tops.pop()

    def _range(self, name: str, body: list | None = None, frame: Frame | None = None) -> int:
        kind = self.symbols.get(name)
        if kind is not None and kind.name == "index":
            return kind.size
        given = self._given_length(name, body, frame) if body and frame is not None else None
        if given is not None:
            return given            # Σ_i r_i x_i at x = (1; 2; 3): i runs to 3 there
        # Σ_k w_{jk} x_k inside z_j's definition, z summed as Σ_k e^{z_k} elsewhere: the k of
        # a sum runs over what it indexes in the sum, whatever k counts elsewhere
        found = self._indexed_length(name, body, frame) if body else None
        if found is None and name in self.ranges:
            found = self.ranges[name]
        if found is not None:
            members = self._members_given(name, body) if body else None
            if members is not None and members > found:
                # d = A𝟏 read with 4 entries, and d_1 … d_5 given: the text counts more
                raise EvalError(f"{name} runs over {found} values as read, and the text gives "
                                f"{members} members",
                                f"over which values does {name} run? it is read to run to "
                                f"{found}, and the text gives members 1 … {members}: give the "
                                f"array's size or the sum's limits")
            return found
        found = self.range_from(name, body, frame) if body and frame is not None else None
        if found is not None:
            return found
        given = self._members_given(name, body) if body else None
        if given is not None:
            return given            # Σ_t over h^{(t)}, x^{(t)} with t = 1, 2, 3 given
        raise EvalError(f"the range of {name} is unknown",
                        f"over which values does {name} run? declare it ({name}: index N) or "
                        f"write the sum's limits")

    # ---- arithmetic ------------------------------------------------------------------------
    def combine(self, op: str, a: Any, b: Any) -> Any:
        if isinstance(a, Fn) and op == "juxt":
            return self.call(a, [b])
        a, b = tabulated(a), tabulated(b)      # π_θ − e_a: π_θ's values
        if self.implicit is not None and (isinstance(a, Fn) or isinstance(b, Fn)):
            x = self.eval(self.implicit, self._frame)
            a, b = (self.call(v, [x]) if isinstance(v, Fn) else v for v in (a, b))
        product = op in ("juxt", "cdot", "times")
        if product and type(a) is Ones and not a.row and isinstance(b, Tensor) and \
                b.ndim == 2 and b.shape[0] == 1:       # 1 bᵀ: the row repeated, rows as met
            return Identity(a.scale, lambda n, row=b: F.matmul(np.ones((n, 1)), row))
        if product and type(b) is Ones and b.row and isinstance(a, Tensor) and \
                a.ndim == 2 and a.shape[1] == 1 and a.shape[0] > 1:   # r 1ᵀ: the column repeated
            return Identity(b.scale, lambda n, col=a: F.matmul(col, np.ones((1, n))), axis=1)
        a, b = resolve(a, b, False if product else None), resolve(b, a, True if product else None)
        if isinstance(a, Identity) and isinstance(b, Tensor) and b.ndim == 0 and (
                product or op == "/"):
            return a.scaled(F.div(1.0, b) if op == "/" else b)
        if isinstance(b, Identity) and isinstance(a, Tensor) and a.ndim == 0 and product:
            return b.scaled(a)
        if isinstance(a, Identity) and isinstance(b, Identity) and op in ("+", "-"):
            return Identity(1.0, lambda n, a=a, b=b, op=op: (
                F.add if op == "+" else F.sub)(a.of(n), b.of(n)))
        if product and isinstance(a, Ones) and isinstance(b, Ones) and not isinstance(
                a, Basis) and not isinstance(b, Basis) and not a.row and b.row:
            return AllOnes(F.mul(a.scale, b.scale))          # 1 1ᵀ: the matrix of ones
        if product and isinstance(a, Basis) and isinstance(b, Basis) and not a.row and b.row:
            # e_k e_lᵀ: the matrix with one 1, at (k, l), sized by what it meets
            return Identity(F.mul(a.scale, b.scale), lambda n, k=a.k, m=b.k: F.matmul(
                Basis(k).of(n), Basis(m, row=True).of(n)), basis=True)
        for u, w in ((a, b), (b, a)):
            if isinstance(u, Ones) and isinstance(w, Tensor) and w.ndim == 0 and (
                    product or op == "/" and u is a):
                return u.scaled(F.div(u.scale, w) if op == "/" else F.mul(u.scale, w))
        a, b = as_tensor(a), as_tensor(b)
        if op in ("+", "-"):
            a, b = broadcast(a, b, op, self.notes)
            return F.add(a, b) if op == "+" else F.sub(a, b)
        if op in ("/", "div"):
            if b.ndim and a.ndim and a.shape != b.shape:
                raise ShapeMismatch(f"division of shape {a.shape} by shape {b.shape}")
            return F.div(a, b)
        if op in ("odot", "circ", "ast", "*", "bullet"):
            if a.ndim and b.ndim and a.shape != b.shape:
                a, b = self._elementwise_pair(a, b)
            return F.mul(a, b)
        if op == "otimes":
            # u ⊗ v the outer product uvᵀ; of two arrays of one shape also, as a reading,
            # the entrywise product some texts write with ⊗ (Parr & Howard's H ⊗ (1 − H))
            if a.ndim and a.shape == b.shape and self.reading.pick(
                    "otimes", ("⊗ the outer product", "⊗ entrywise, as ⊙")):
                return F.mul(a, b)
            if a.ndim == 2 and b.ndim == 2 and (a.shape[1] > 1 or b.shape[1] > 1):
                # A ⊗ B of matrices: Kronecker's product, the block (i, j) a_ij B
                (m, n), (p, q) = a.shape, b.shape
                blocks = F.mul(F.reshape(a, shape=(m, 1, n, 1)), F.reshape(b, shape=(1, p, 1, q)))
                return F.reshape(blocks, shape=(m * p, n * q))
            return F.matmul(a, F.transpose(b))
        return self._multiply(a, b, op == "cdot")

    def _multiply(self, a: Tensor, b: Tensor, dot: bool) -> Tensor:
        """Juxtaposition, ``\\cdot``, ``\\times``: a number times anything, else a matrix product;
        two columns are multiplied entrywise (``σ(z)(1 − σ(z))``), or dotted with ``\\cdot``."""
        if a.ndim == 0 or b.ndim == 0:
            return F.mul(a, b)
        if a.shape[1] == b.shape[0]:
            out = F.matmul(a, b)
            return F.reshape(out, shape=()) if out.shape == (1, 1) else out
        if a.shape == b.shape and a.shape[1] == 1:
            return F.sum(F.mul(a, b)) if dot else F.mul(a, b)
        if a.shape == b.shape:
            return F.mul(a, b)
        if a.shape[1] == 1 and b.shape[0] == a.shape[0]:
            self.notes.add("a column times a matrix as the row vector times it")
            out = F.matmul(F.transpose(a), b)
            return F.reshape(out, shape=()) if out.shape == (1, 1) else out
        raise ShapeMismatch(f"a product of shapes {a.shape} and {b.shape}")

    def _elementwise_pair(self, a: Tensor, b: Tensor) -> tuple[Tensor, Tensor]:
        """``∂L/∂h ⊙ dσ/du`` with dσ/du the (diagonal) Jacobian: its diagonal."""
        for u, w, swap in ((a, b, False), (b, a, True)):
            if u.ndim == 2 and u.shape[1] == 1 and w.ndim == 2 and w.shape == (u.shape[0],) * 2:
                d = diagonal_column(w)
                if d is not None:
                    self.notes.add("elementwise: the diagonal of a diagonal Jacobian")
                    return (d, u) if swap else (u, d)
        raise ShapeMismatch(f"⊙ of shapes {a.shape} and {b.shape}")

    def use_form(self, f: Any, name: str) -> bool:
        r"""``∂a/∂η`` with ``a(η) = −\log(1 − φ) = \log(1 + e^η)``: a form of a defined name the text
        stated (and that held) in which it depends on the variable; whether one was taken."""
        seen: set[str] = set()
        todo = [f]
        while todo:
            for n in mentioned_names(todo.pop()):
                if n in seen:
                    continue
                seen.add(n)
                d = self.definitions.get(n)
                for form in reversed(self.scope.restated.get(n, [])):
                    if form.line <= self.line and (name in form.params or
                                                   self.depends(form.expr, name)):
                        self.assumed = {**self.assumed, n: form}
                        return True
                if d is not None:
                    todo.append(d.expr)
        return False

    def use_name(self, f: Any, name: str) -> bool:
        """``∂p_i/∂u_k`` with ``u = z/T`` and ``p_i = softmax(z/T)_i``: the text named a part of
        the definitions ``f`` uses; where they depend on that part's names only through it,
        they are read through the name (p_i = softmax(u)_i), and ``∂/∂u`` is plain. Whether
        they were."""
        d = self.definitions.get(name)
        if d is None or d.params or d.index or d.recurrence or \
                isinstance(d.expr, (t.Sym, t.Num, t.Script)):
            return False
        body, inner = t.canon(d.expr), mentioned_names(d.expr)
        # (p = z·softmax(z/T): z also outside z/T, ∂/∂u ambiguous)
        changed = self._rewritten(f, {name}, lambda e: _substitute(e.expr, body, t.Sym(name)),
                                  refuse=lambda node: bool(mentioned_names(node) & inner))
        if not changed:
            return False
        self.assumed = {**self.assumed, **changed}
        return True

    def use_value(self, f: Any, name: str) -> bool:
        """``∂E/∂z`` with ``z = 0.5·0.5 + 0.1 = 0.35`` and then ``ŷ = σ(0.35)``: a worked
        example writes the number a name was shown to be where the name belongs; the
        definitions ``f`` uses are read with the names for the numbers (each shown for one
        name, written once, after it was shown). Whether ``f`` then depends on ``name``."""
        shown = self.scope.shown()
        if name not in shown:
            return False

        def named(e: Definition) -> Any:
            expr = e.expr
            for other, (number, line) in shown.items():
                if e.line >= line and other != e.name:
                    expr = _substitute(expr, number, t.Sym(other))
            return expr

        changed = self._rewritten(f, set(), named)
        if not changed:
            return False
        before = self.assumed
        self.assumed = {**self.assumed, **changed}
        if self.depends(f, name, in_force=True):
            return True
        self.assumed = before
        return False

    def _rewritten(self, f: Any, seen: set[str], rewrite: Callable[[Definition], Any],
                   refuse: Callable[[Any], bool] = lambda node: False
                   ) -> dict[str, Definition] | None:
        """The definitions ``f`` uses, through each other, with ``rewrite`` applied to each
        (those it changes); None where ``refuse`` holds of a term met on the way."""
        changed: dict[str, Definition] = {}
        todo = [f]
        while todo:
            node = todo.pop()
            if refuse(node):
                return None
            for n in mentioned_names(node) - seen:
                seen.add(n)
                e = self.definitions.get(n)
                if e is None:
                    continue
                through = rewrite(e)
                if through is not e.expr:
                    changed[n] = dataclasses.replace(e, expr=through)
                todo.append(through)
        return changed

    def depends(self, f: Any, name: str, in_force: bool = False) -> bool:
        """Whether ``f`` mentions ``name``, directly or through the definitions it uses (with
        ``in_force``, only those in force where each term is read, as evaluating it reads
        them)."""
        seen: set[int] = set()
        # a_{2} of a family a_t = …: f depends on it where it depends on the family
        base = base_name(name)
        family = base if member_number(name, base) is not None and any(
            d.index for d in self.scope.definitions.get(base, ())) else None
        # each definition's body is read where it was written, as evaluating it does
        todo: list[tuple[Any, tuple, tuple]] = [(f, (), tuple(self._where))]
        while todo:
            node, bound, where = todo.pop()
            found = mentioned_names(node) - set(bound)   # σ(t) = …: its t is σ's own
            # a^{[2](i)}: example i of A^{[2]}, through A^{[2]}'s definition
            found |= {w for n in found if (w := sample_of(n)) is not None and
                      w in self.scope.definitions}
            applied = {name_of(c.fn) for c in t.walk(node) if isinstance(c, t.Call)}
            if name in found or family in found:
                return True
            for n in found:
                extra = [self.assumed[n]] if n in self.assumed else []
                if n not in self.scope.definitions:            # σ, with σ² defined
                    extra += self.scope.definitions.get(squared(n), [])
                if n in OPERATORS and (arg := self._applied_to(n)) is not None and \
                        ("applied", n) not in seen:
                    seen.add(("applied", n))                    # Var, after Var(I) = …
                    todo.append((arg, bound, where))
                view = self._view(where) if in_force else {}
                ds = ([view[n]] if n in view else []) if in_force \
                    else list(self.scope.definitions.get(n, ()))
                for d in ds + extra:
                    if id(d) not in seen:
                        seen.add(id(d))
                        # σ(w^T x + b) applies σ(t) = …: t is bound; FL alone, FL(p_t)
                        # defined, is FL at the p_t where it is used
                        todo.append((d.expr, d.params, where + ((d.line, d.paragraph),)))
                        if n not in applied:
                            todo.extend((t.Sym(p), (), where) for p in d.params)
                if n in self.scope.laws and id(self.scope.laws[n]) not in seen:
                    seen.add(id(self.scope.laws[n]))    # z ∼ 𝒩(μ, σ²): z moves with σ
                    todo.extend((p, (), where) for p in self.scope.laws[n][1])
        return False


_NORMS = ("2", "F", "\\mathrm{F}", "1", "\\infty")


def _generic(name: str) -> Fn:
    """An arbitrary smooth function, the same for every call of one check (``f`` of a claim
    meant for every f: the chain rule, a product rule): of one argument entry by entry, of
    several a number that each of them moves, one through another (a per-example loss
    ``l(o_i, y_i)``, ``f(x, y)``)."""
    seed = zlib.crc32(name.encode()) % 1000 / 1000
    a, b, c = 0.7 + seed, 0.3 + seed / 2, 1.3 - seed / 3

    def one(x: Any) -> Any:
        return F.add(F.mul(a, F.tanh(F.mul(b, x))), F.mul(c, F.sigmoid(x)))

    def f(*xs: Any) -> Any:
        if len(xs) == 1:
            return one(as_tensor(xs[0]))
        sums = [F.sum(one(F.mul(1.0 + k / 3, as_tensor(x)))) for k, x in enumerate(xs)]
        out = sums[0]
        for k, part in enumerate(sums[1:], 1):     # (each argument weighs the one before)
            out = F.add(F.add(out, F.mul(1.0 / (k + 1), part)),
                        F.mul(0.5, F.mul(part, sums[k - 1])))
        return out
    return Fn(name, f, arity=-1)


def _infinite(sup: Any) -> bool:
    return isinstance(sup, t.Sym) and sup.name == "\\infty" or \
        isinstance(sup, t.Paren) and len(sup.args) == 1 and _infinite(sup.args[0])


def _count(op: t.BigOp, n: int) -> None:
    if n > MAX_TERMS:
        raise EvalError(f"the {op.op} runs over {n} values; at most {MAX_TERMS} are checked")


def _var_name(node: Any) -> str:
    if isinstance(node, t.Sym):
        return node.name
    if isinstance(node, t.Prime) and isinstance(node.base, t.Sym):
        return t.canon(node)
    raise EvalError(f"{t.canon(node)} is not an index name")


def _evaluation_bracket(node: t.Script) -> bool:
    """``\\Big[\\tfrac{e^3}{3}\\Big]_{-Δ/2}^{Δ/2}``: a bracket with both limits, the values of
    an antiderivative at two ends — not an entry raised to a power (``[Wx]_i^2``, ``[z]_1^2``:
    a lone name below or inside, a number above)."""
    return isinstance(node.base, t.Paren) and node.base.bracket == "[" and \
        len(node.base.args) == 1 and node.sub is not None and len(node.sub) == 1 and \
        node.sup is not None and not (isinstance(node.sup, t.Num) and (
            isinstance(node.sub[0], t.Sym) or isinstance(node.base.args[0], (t.Sym, t.Script))))


def _is_dots(node: Any) -> bool:
    return isinstance(node, t.Sym) and node.name in DOTS


def _terms(node: Any, sign: int = 1) -> list[tuple[int, Any]]:
    if isinstance(node, t.Add):
        return _terms(node.a, sign) + _terms(node.b, sign)
    if isinstance(node, t.Sub):
        return _terms(node.a, sign) + _terms(node.b, -sign)
    return [(sign, node)]


def _differences(a: Any, b: Any, path: tuple = ()) -> list[tuple]:
    """Where two terms differ: [] when equal, else the paths to the differing nodes."""
    if type(a) is not type(b):
        return [path]
    if isinstance(a, t.Num):
        return [] if a.value == b.value else [path]
    if isinstance(a, t.Sym):
        return [] if a.name == b.name else [path]
    out: list[tuple] = []
    for f in [f for f in vars(a) if not f.startswith("_")]:
        x, y = getattr(a, f), getattr(b, f)
        if isinstance(x, tuple) and isinstance(y, tuple):
            if len(x) != len(y):
                return [path]
            for k, (u, w) in enumerate(zip(x, y)):
                if isinstance(u, tuple) or isinstance(w, tuple) or u is None or w is None:
                    if u != w:
                        return [path]
                    continue
                out += _differences(u, w, path + ((f, k),))
        elif x is None or y is None or isinstance(x, (str, int, float)):
            if x != y:
                return [path]
        else:
            out += _differences(x, y, path + ((f, None),))
    return out


def _at_path(node: Any, path: tuple) -> Any:
    for f, k in path:
        node = getattr(node, f) if k is None else getattr(node, f)[k]
    return node


def _replace_at(node: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    (f, k), rest = path[0], path[1:]
    value = getattr(node, f)
    changed = _replace_at(value, rest, new) if k is None else tuple(
        _replace_at(v, rest, new) if j == k else v for j, v in enumerate(value))
    fields = {name: getattr(node, name) for name in vars(node) if not name.startswith("_")}
    fields[f] = changed
    return type(node)(**fields)


def _items(args: tuple) -> tuple:
    """The members of a list: ``(0{,}25;\\ 0{,}5)``, written with decimal commas, separates
    them with semicolons, which stand between every two members."""
    if len(args) >= 3 and len(args) % 2 == 1 and all(
            isinstance(a, t.Sym) and a.name == ";" for a in args[1::2]) and not any(
            isinstance(a, t.Sym) and a.name == ";" for a in args[::2]):
        return args[::2]
    return args


def _entrywise(node: Any, laws: dict) -> Any:
    """``w_{ij}`` read as ``w`` where the text declares w's entries with a law and the term
    writes them with one subscript only: one random variable."""
    def entry(n: Any) -> bool:
        return isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
            n.base.name in laws and n.sub is not None
    entries = [n for n in t.walk(node) if entry(n)]
    if not entries or len({t.canon(t.Script(n.base, n.sub, None)) for n in entries}) != \
            len({n.base.name for n in entries}):
        return node          # w_i and w_j: two variables, not read as one

    def strip(n: Any) -> Any:
        if entry(n):
            return n.base if n.sup is None else t.Script(n.base, None, n.sup)
        return t.rebuild(n, strip)
    return strip(node)


def _derivative_operator(fn: Any) -> bool:
    """∇_θ or ∂/∂θ written before a parenthesis, as if applied to it."""
    return isinstance(fn, t.Script) and isinstance(fn.base, t.Sym) and \
        fn.base.name == "\\nabla" and fn.sub is not None or \
        isinstance(fn, t.Deriv) and fn.f is None


def _mentions_bare(node: Any, fn: Any) -> bool:
    """Whether ``node`` uses the function ``fn`` as a value (``1 − σ``), not as ``σ(…)``."""
    base = fn.base if isinstance(fn, t.Script) else fn
    name = base.name if isinstance(base, t.Sym) else None
    called = {id(n.fn) for n in t.walk(node) if isinstance(n, t.Call)}
    inner = {id(n.base) for n in t.walk(node) if isinstance(n, t.Script)}
    # (tanh u inside tanh(tanh u): applied to what follows it, not a value)
    called |= {id(a) for n in t.walk(node) if isinstance(n, t.Product)
               for a, b in zip(n.items, n.items[1:]) if not isinstance(b, t.MulOp)}

    def fname(n: Any) -> str | None:
        b = n.base if isinstance(n, t.Script) else n
        return b.name if isinstance(b, t.Sym) else None
    return name is not None and any(
        isinstance(n, (t.Sym, t.Script)) and fname(n) == name and id(n) not in called
        and id(n) not in inner for n in t.walk(node))


def _upright(mark: t.Sym) -> bool:
    """``\\mathrm{d}``: the differential's mark, set apart from an italic d the text names."""
    return mark.name == "\\mathrm{d}" or mark.style == "upright"


def _is_d(item: Any) -> bool:
    """d, or ∂ outside a fraction (the Matrix Cookbook's ∂(XY) = (∂X)Y + X(∂Y))."""
    return isinstance(item, t.Sym) and item.name in ("d", "\\mathrm{d}", "\\partial")


def _nabla(item: Any) -> bool:
    """∇, or ∇² (∇_x²): the gradient, or the Hessian, of what follows."""
    if isinstance(item, t.Script) and isinstance(item.sup, t.Num) and item.sup.value == 2 and \
            (item.sub is None or len(item.sub) == 1):
        item = item.base
    return isinstance(item, t.Sym) and item.name == "\\nabla"


def _body(items: list) -> Any:
    return items[0] if len(items) == 1 else t.Product(tuple(items))
