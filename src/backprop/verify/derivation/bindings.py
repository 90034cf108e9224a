"""Stage 5c, bindings: what a step's values rest on, and how firmly the text states each.

Evaluating a step resolves every name it reaches: an input drawn at random, a definition in
force, a row of the notation table, the first member of a sequence. Each resolution is a
:class:`Binding` with its origin and a confidence:

- ``FIRM``: the text states it — a declaration, a definition in force where the step stands,
  a bound index, an input the text treats as a variable (a leaf of its definitions, a
  derivative's variable, a name on both sides);
- ``FROM_USE``: inferred from how the name is used — written once on one side, a shape or a
  size guessed, a first member never given, a letter that only ever prefixes names;
- ``FROM_WORDS``: the prose says something of the name that the checker did not read — a
  value in words, in passing, in a statement it could not read, in the section before, or a
  definition the text may give anew.

The judge's rule (:mod:`.judge`) reads only the confidence: a step fails only if every
binding it rests on is FIRM. Each row of :data:`ORIGINS` is one way a binding can fall short
of FIRM, with the question whose answer would make it firm.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable

from . import cues as cue
from . import terms as t
from .names import EXAMPLE, base_name, mentioned_names, name_of, sample_of, split_label
from .notation import lookup
from .scope import Definition, Item, _closed, _literal, _reach, bound_below
from .values import ask_about

__all__ = ["Binding", "Bindings", "FIRM", "FROM_USE", "FROM_WORDS"]

FIRM, FROM_USE, FROM_WORDS = "firm", "from use", "from words"
_NUMBERED = re.compile(r"(.+)_\{(\d+)\}")       # p_{1}: an entry written with its number


@dataclass(frozen=True)
class Binding:
    """Where one name a step rests on gets its value."""

    name: str
    origin: str                  # input | definition | notation | first member
    confidence: str = FIRM
    line: int = 0                # where the text states it (0: nowhere)
    question: str = ""           # for a binding that is not FIRM: what would make it so

    def describe(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.name}: {self.origin}{where}, {self.confidence}"


@dataclass
class Rests:
    """What one failing evaluation resolved: the inputs drawn, the definitions evaluated, the
    notation read, the first members started, and whether the step differentiates."""

    item: Item
    written: set[str]                  # the names the step writes (with their bases)
    inputs: set[str]
    definitions: list[Definition]
    notation: set[str]
    started: set[str]
    guessed: set[str]                  # names the text never states, drawn as numbers
    differentiated: frozenset[str]     # the variables differentiated by ("∇": unnamed)
    view: dict[str, Definition]
    settled: frozenset[str] = frozenset()   # choices of the reading whose other options failed too


class Bindings:
    """The bindings of one document, given its scope and the checker's inferred kinds."""

    def __init__(self, checker: Any):
        self.checker = checker
        self.scope = checker.scope
        self.shapes = checker.shapes

    def of(self, r: Rests) -> list[Binding]:
        """Every binding a failing evaluation rests on, the firm ones included."""
        scope = self.scope
        # "classes indexed k = 0, …, K − 1", then log p_1 = …: p_1 is the second entry there,
        # the first where counting starts at 1
        out = [Binding(n, "entry", FROM_USE, 0, ask_about(
            n, f"the text counts from 0 somewhere (… = 0, 1, …): is {n} the first entry or "
               f"the second?")) for n in sorted(r.written) if scope.counts_from_0 and
               (m := _NUMBERED.fullmatch(n)) and m.group(1) not in scope.zero_based and
               n not in scope.definitions]
        out += [Binding(n, "first member", FROM_USE, 0, ask_about(
            n, f"the text gives no value for {n}, the first member, and the step does not "
               f"hold for arbitrary ones: give it ({n} = …)")) for n in sorted(r.started)]
        # (but the variable the step differentiates by, d/dz …, that the text gives no value
        # and no other role anywhere — no index, as the x of Σ_x c_x is — is the claim's own)
        own = {n for n in r.differentiated if not scope.valued(n) and
               base_name(n) not in scope.definitions and n not in scope.indexed}
        out += [Binding(n, "input", FROM_USE, 0, ask_about(
            n, f"the text neither declares nor defines it, and the step does not hold for an "
               f"arbitrary number {n}: declare it or define it ({n} = …)"))
            for n in sorted(r.guessed - own)]
        for n in sorted(r.inputs - r.guessed):
            out.append(self._judged(n, "input", r, _INPUT))
        for d in sorted(r.definitions, key=lambda d: (d.line, d.name)):
            out.append(self._judged(d.name, "definition", r, _DEFINITION, d))
        for n in sorted(r.notation):
            out.append(self._judged(n, "notation", r, _NOTATION))
        entered = {d.name for d in r.definitions}
        for n in sorted(r.written - r.inputs - entered - r.notation - r.guessed):
            out.append(self._judged(n, "written", r, _WRITTEN, r.view.get(n)))
        return out

    def _judged(self, name: str, origin: str, r: Rests, rows: tuple, d: Any = None) -> Binding:
        for confidence, test in rows:
            question = test(self, name, r, d)
            if question:
                return Binding(name, origin, confidence, getattr(d, "line", 0), question)
        return Binding(name, origin, FIRM, getattr(d, "line", 0))

    # ---- what the text says of a name ------------------------------------------------------
    @functools.cached_property
    def prefixes(self) -> set[str]:
        """Letters written only before names (δ of δc_t) that the text never defines: drawn
        as a factor (before a name that no equation defines with it), a failure would be the
        checker's."""
        return self.scope.prefixes - set(self.scope.definitions)

    @functools.cached_property
    def families(self) -> dict[str, Definition]:
        return {base_name(k): d for k, ds in self.scope.definitions.items() for d in ds
                if k != base_name(k) and (d.index or d.params or EXAMPLE.fullmatch(
                    k[len(base_name(k)):]))}


# ---- the rows: one way each that a binding falls short of FIRM ------------------------------
Row = tuple[str, Callable[[Bindings, str, Rests, Any], str]]


def _prefix(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # δa_t = δo_t ⊙ o_t(1 − o_t): δ, never alone, may be part of the names (the gradient δa
    # of a) as d is of dW; drawn as a factor, the failure is the checker's
    if n in b.prefixes:
        return ask_about(n, f"{n} stands only before names here: is it a factor, or part of "
                            f"the names it stands before, as d is of dW? define {n}, or those "
                            f"names")
    return ""


def _carried(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # the givens of a question, used by the answer under the next heading: so read, but a
    # failure may rest on a value meant for the section before only
    if n in r.item.carried:
        return (f"what is {n} here: the value line {r.item.carried[n]} gives it, before the "
                f"heading, or another? say so (\"with {n} = …\")")
    return ""


def _applied(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "the original loss L(w)", never defined: L written applied to w, drawn as a number (and
    # L(w) read as L times w) — a function the text leaves open, not a number of its own
    scope = b.scope
    if n in scope.definitions or n in scope.declared:
        return ""
    # (only applied to a variable the step differentiates by, ∂/∂w or ∇_w: y(1 − a) is y
    # times 1 − a)
    nodes = [c for side in r.item.sides if side.term is not None for c in t.walk(side.term)]
    by = set(r.differentiated) | {name_of(c.sub[0]) for c in nodes if isinstance(c, t.Script)
                                  and name_of(c.base) == "\\nabla" and c.sub and len(c.sub) == 1}
    if any(isinstance(c, t.Call) and name_of(c.fn) == n and c.bracket == "(" and
           len(c.args) == 1 and name_of(c.args[0]) in by for c in nodes):
        return ask_about(n, f"is {n} a function? the step writes {n}(…), and the text does "
                            f"not define it: define {n}(…) = … or declare it")
    return ""


def _worded(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "the gradient is the softmax vector \( p \)": p is a softmax of something, said in
    # words, and drawn here as any value
    scope = b.scope
    if n in scope.worded and n not in r.view and n not in scope.declared:
        return ask_about(n, f"the text calls {n} \"{scope.worded[n]}\" in words, and here it is "
                            f"drawn as any value: define it ({n} = …)")
    return ""


def _bare_at_a_point(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # ∇²L(0) = ⅓I − ⅑11ᵀ on line 30, then δᵀ∇²L δ = ⅓‖δ‖²: L written bare, drawn at its
    # argument z, may be the value at the point the text gave it
    if n in r.written:
        return ""
    called = {id(x) for side in r.item.sides if side.term is not None
              for c in t.walk(side.term) if isinstance(c, t.Call) for x in t.walk(c.fn)}
    bare = {x.name for side in r.item.sides if side.term is not None
            for x in t.walk(side.term) if isinstance(x, t.Sym) and id(x) not in called}
    for f in r.definitions:
        if n not in f.params or f.name not in bare:
            continue
        for item in b.scope.items:
            if item.line >= r.item.line:
                break
            for side in item.sides:
                for c in t.walk(side.term) if side.term is not None else ():
                    if isinstance(c, t.Call) and name_of(c.fn) == f.name and c.args and \
                            all(_closed(a) for a in c.args):
                        return ask_about(n, f"is {f.name} here at the point line {item.line} "
                                            f"gives it, {t.canon(c)}? write it with its "
                                            f"argument")
    return ""


def _premised(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "using $α_t(1 − ᾱ_{t−1}) + β_t = 1 − ᾱ_t$": α, ᾱ and β are bound by a relation the
    # text relies on, and were drawn here apart from it
    said = b.scope.premised.get(base_name(n))
    if said is None:
        return ""
    return ask_about(n, f"line {said[0]} relies on ${said[1]}$, and {n} is drawn here as any "
                        f"value: define one of its names by the others")


def _particular(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # ‖g‖₂ = √(3² + 4² + 12²) = 13 on line 6, g never given: a step after it that draws g
    # may rest on the value of ‖g‖₂ the text gave, not on g
    given = b.checker.particular.get(n)
    if given is not None and given[0] < r.item.line:
        return ask_about(n, f"line {given[0]} gives ${given[1]}$ a value, and {n} is drawn "
                            f"here: give {n} itself (\"{n} = …\")")
    return ""


def _gradient_shape(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # g = ∂L/∂y, y's shape not stated: g was drawn with a shape guessed from its use
    scope = b.scope
    if n in scope.gradients and n not in b.shapes.firm and n not in scope.declared:
        return ask_about(n, f"what shape has {n} = ∂…/∂{scope.gradients[n]}? the text does not "
                            f"say the shape of {scope.gradients[n]}: declare it")
    return ""


def _declared_later(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # x ∈ ℝ^n in Question 2, x a number in Question 1: the declaration may not be this x's
    line = b.scope.declared_later(r.item).get(n)
    if line is not None and f"declared:{n}" not in r.settled:
        return ask_about(n, f"is {n} here the one line {line} declares, under a later heading, "
                            f"or a number? declare it in this section")
    return ""


def _loose(b: Bindings, n: str, r: Rests, d: Any) -> str:
    if n in b.shapes.loose:
        return ask_about(n, f"it is written only here, and the step does not hold for "
                            f"arbitrary {n}: declare it or define it ({n} = …)")
    return ""


def _remarked(b: Bindings, n: str, r: Rests, d: Any) -> str:
    said = b.scope.remarked.get(n)
    # (d/dz ln(1 + e^z) = σ(z)(1 − σ(z)): a formula in the variable it differentiates by, every
    # side in it, is said for every z)
    formula = n in r.differentiated and all(
        n in mentioned_names(s.term) for s in r.item.sides if s.term is not None)
    if said is not None and said[0] <= r.item.line and not formula:
        return (f"is this step at ${said[1]}$ (line {said[0]})? it does not hold for arbitrary "
                f"{n}: say so (\"at ${said[1]}$\") to have it checked there")
    return ""


def _family(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # p_i(T) defined, Σ_k p_k z_k written: p drawn as a vector beside its definition
    family = b.families.get(n)
    if family is not None and family.line <= r.item.line and n in b.shapes.kinds and \
            n not in b.scope.declared and n not in b.shapes.firm:
        return ask_about(n, f"line {family.line} defines {family.name}, and the step was read "
                            f"with {n} drawn as a value of its own: write it as defined or "
                            f"declare it")
    return ""


def _unread(b: Bindings, n: str, r: Rests, d: Any) -> str:
    unread = b.scope.unread.get(n)
    # (on the step's own line too, from another statement: "H = ln 65 …, PP = e^H")
    # a value set as a case ("for λ = ln 3, e^{−λ/2} = 1/√3"): its paragraph only
    case = unread is not None and isinstance(unread[2], Item) and \
        "condition" in unread[2].statement.cues.lead and unread[2].restates is not None
    if unread is not None and (unread[0] < r.item.line or unread[0] == r.item.line and
                               unread[2] is not r.item) and (
            n not in r.view or r.view[n].line < unread[0]) and \
            not (case and unread[2].paragraph != r.item.paragraph):
        return ask_about(n, f"line {unread[0]} gives it a value the checker could not read "
                            f"({unread[1]}); write it so that it can be read, or declare it")
    return ""


def _samples(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # x_i drawn beside a matrix X of the same letter that the text does not build from them
    # (or ŷ, o for one example beside the batch's Ŷ = softmax(O) the text defines — not z
    # beside Z = Σ_k e^{z_k}, made of z)
    m = re.fullmatch(r"(\\[a-z]+\{)?([a-z])(\})?", base_name(n))
    if m is None:
        return ""
    whole = (m.group(1) or "") + m.group(2).upper() + (m.group(3) or "")
    if whole in r.inputs or whole in b.scope.declared and n not in b.scope.declared or \
            whole in r.view and n not in b.scope.declared and n not in r.view and \
            base_name(n) not in {base_name(x) for x in mentioned_names(r.view[whole].expr)}:
        return (f"is {whole} made of the samples {n} (as its rows or its columns)? "
                f"define {whole} from them")
    return ""


def _later(b: Bindings, n: str, r: Rests, d: Definition | None) -> str:
    # "y = ax + b, with b = β − γμ" below: the step may be what gives b its value, and the
    # later line the slip; the failure is not this step's alone
    if d is not None and d.line > r.item.line:
        return ask_about(n, f"does this step give {n} its value, or line {d.line}? they "
                            f"disagree: define {n} before the step that uses it")
    return ""


def _tentative(b: Bindings, n: str, r: Rests, d: Definition | None) -> str:
    if d is not None and d.tentative:
        return (f"is {d.name} on line {d.line} a new definition or a case of the earlier one? "
                f"say so (\"now let {d.name} = …\")")
    return ""


def _frozen(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # ℓ(w) = −Σ y_i log σ_i …, then "σ = (0.5, 0.5)" at w = 0 (or a member h_1 = tanh(1.0)
    # of h_t = tanh(a_t)): the value at the example's point, or anew? differentiated, a
    # value given as numbers is constant
    if isinstance(d.expr, t.Sym) and d.expr.name in b.scope.aliased:
        return ""                 # h = tanh in the example's list: a function, not numbers
    base = base_name(n)
    # a member (a_1) counts when the derivative is by a member of its own sequence (∂h_t/∂a_t),
    # not when a function's gradient is taken at it (∇f(w_1) at the iterate w_1 = 0.8)
    by_member = any(v != base_name(v) and base_name(v) == base for v in r.differentiated)
    # μ = ⅓(1 + 2 + 6) = 3 with x = (1, 2, 6), then ∂x̂_j/∂x_i through μ: numbers that may be
    # a function of the variable at its worked point
    worked = not _literal(d.expr) and _numbers(b, d.expr) and any(
        _given_numbers(b, base_name(v)) for v in r.differentiated)
    # (W given numbers after A = XW, and the step by A or by W itself: W is an input of A,
    # never a function of it, and the variable's numbers are the point the derivative is at,
    # so both readings give W the same numbers — not so for a member, h_1 of h_t, whose
    # recurrence the derivative goes through; ∇ marks a function's own derivative, σ'(A),
    # taken at its argument, by nothing here)
    variables = r.differentiated - {"∇"}
    upstream = bool(variables) and all(n in _reach(b.scope, {v}) - {v} or
                                       v == n == base_name(n) for v in variables) or \
        n in b.scope.declared or n in b.scope.shaped     # X ∈ ℝ^{N×d}: an input of its own
    # (E_n = −ln 0.2104 = 1.5588 in a worked example, where the text differentiates E_n: the
    # function's value at the example's point)
    if r.differentiated and _closed(d.expr) and not _first_member(b, n, d) and \
            not upstream and (worked or n in b.scope.functions and _numbers(b, d.expr) or any(
            e.line < d.line and (any(n in (m, base_name(m)) for m in mentioned_names(e.expr))
                                 or by_member and base_name(e.name) == base)
            for e in r.view.values())):
        return ask_about(n, f"line {d.line} gives {n} numbers: its value at the example's "
                            f"point, or {n} anew (a constant)? a derivative through it differs: "
                            f"name the value apart")
    return ""


def _numbers(b: Bindings, term: Any) -> bool:
    """Numbers and the table's functions only, none of them a value of the text's (σ in
    s = log σ², where σ is never applied)."""
    return _closed(term) and not any(b.scope.unapplied(n) or n in b.scope.vectors_named
                                     for n in mentioned_names(term))


def _given_numbers(b: Bindings, name: str) -> bool:
    """The text gives ``name`` numbers somewhere (x = (1, 2, 6))."""
    return any(_numbers(b, d.expr) for d in b.scope.definitions.get(name, ())) or any(
        item.role == "condition" and len(item.sides) == 2 and item.sides[1].term is not None and
        name_of(item.sides[0].term) == name and _numbers(b, item.sides[1].term)
        for item in b.scope.items)


def _at_a_point(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # L_δ(r) = (0.125, 1.5, 0.02) at the worked residuals, and L_δ'(r) = clip(r, −δ, δ) after:
    # a function's values at one point, read as its formula, have derivative 0
    if r.differentiated and d.params and _closed(d.expr):
        return ask_about(n, f"line {d.line} gives {n}({', '.join(d.params)}) as numbers: "
                            f"its values at the worked point, or its formula? a derivative "
                            f"needs the formula: write {n}({', '.join(d.params)}) = … by it")
    return ""


def _a_sample(b: Bindings, written: str) -> bool:
    """Whether ``x^{(i)}`` is read as example i of a matrix ``X`` the text gives."""
    whole = sample_of(written)
    scope = b.scope
    given = set(scope.definitions) | set(scope.declared) | set(scope.shaped)
    return whole is not None and whole in given and base_name(written) not in given


def _summed_label(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # L = Σ_{t=1}^{τ} L^{(t)} (Goodfellow's time as a label), then ∇_{o^{(t)}} L at a free t:
    # read as labels, every member of the sum is the one name L^{(t)}, each counted τ times
    bound = bound_below(d.expr)
    # (but y^{(i)} beside a matrix Y the text gives: its example i, the index read)
    labelled = [m for m in t.walk(d.expr) if isinstance(m, t.Script) and
                isinstance(m.sup, t.Paren) and m.sup.bracket == "(" and
                mentioned_names(m.sup) & bound and not _a_sample(b, t.canon(m))]
    if labelled:
        return ask_about(n, f"line {d.line} sums {t.canon(labelled[0])} over "
                            f"{', '.join(sorted(bound & mentioned_names(labelled[0].sup)))}, "
                            f"which the checker reads as a label, not the sum's index: write "
                            f"the members as a family ({base_name(t.canon(labelled[0]))}_t)")
    return ""


def _recomputed(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # "likewise with σ²_run = 0.24 and a batch variance of 0.34: 0.9·0.24 + 0.1·0.34 = 0.25":
    # a computation on the line that gives the name its number, from that number, whose
    # result the prose does not name: the name's next value, perhaps
    if not isinstance(d.expr, (t.Num, t.Neg)) or d.line >= r.item.line:
        return ""
    number = t.canon(d.expr)
    for o in b.scope.items:
        first = o.sides[0].term if o.sides else None
        if o.line == d.line and o is not r.item and len(o.sides) > 1 and first is not None \
                and not mentioned_names(first) and not isinstance(first, (t.Num, t.Neg)) and \
                any(t.canon(m) == number for m in t.walk(first)):
            return ask_about(n, f"line {d.line} computes a new value from {n}'s "
                                f"{number} without naming it: is {n} here {number} or that "
                                f"value? name it ({n} = …)")
    return ""


def _lifted(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # ŷ = σ(0.1529) read as σ(z) for ∂E/∂z, z shown to be 0.1529: the number may be z's value
    # by chance
    written = next((e for e in b.scope.definitions.get(n, ()) if e.line == d.line), None)
    if written is None or written is d or t.canon(written.expr) == t.canon(d.expr):
        return ""
    numbers = {number: name for name, (number, _) in b.scope.shown().items()}
    read = [f"{number} as {numbers[number]}" for number in sorted(
        {t.canon(m) for m in t.walk(written.expr) if isinstance(m, (t.Num, t.Neg))} & set(numbers))]
    if not read:
        return ""
    return ask_about(n, f"line {d.line} writes numbers for {n}, read as the names they were "
                        f"shown to be ({', '.join(read)}): write the names there")


def _first_member(b: Bindings, n: str, d: Definition) -> bool:
    """h_0 = 0 of h_t = tanh(w h_{t−1} + …) with h_1, h_2 given too: where the sequence
    starts, written as a number, a constant by the text's own word, not a value at a point."""
    number = _NUMBERED.fullmatch(n)
    if number is None or not _literal(d.expr):
        return False
    members = [int(m.group(2)) for k in b.scope.definitions
               if (m := _NUMBERED.fullmatch(k)) and m.group(1) == number.group(1)]
    return int(number.group(2)) == min(members)


def _pieces(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # g = (3, 4, 12) above; here g^{(1)} = (1, 2), g^{(2)} = (2) and ‖g‖₂ = 3: a g of this
    # paragraph, made of its labelled pieces, not the one defined before
    item, scope = r.item, b.scope
    if d.index or d.paragraph == item.paragraph:
        return ""
    for o in scope.items:
        if o is item or o.paragraph != item.paragraph or o.line > item.line or \
                o.role not in ("named", "condition", "claim") or len(o.sides) < 2:
            continue
        g = o.sides[0].term
        if isinstance(g, t.Script) and (g.sub or split_label(g.sup, scope.layers)[0]
                                        is not None) and name_of(g) not in (None, n) and \
                base_name(name_of(g)) == n:
            return ask_about(n, f"is {n} here the one line {d.line} defines, or made of "
                                f"{name_of(g)} and the values this paragraph gives? define "
                                f"{n} here")
    return ""


def _valued(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # σ in 𝒩(μ, σ²), σ = e^{s/2} elsewhere, and σε here: read as the sigmoid
    scope = b.scope
    if lookup(n) is not None and n not in scope.declared and scope.valued(n) and \
            not scope.unapplied(n):
        return ask_about(n, f"is {n} the function here, or the number the text gives it "
                            f"elsewhere? write {n}(…) for the function")
    return ""


def _moved(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "one SGD step gives a → (1.06, 0.1)": a name moved to a new value in the prose between
    # its value and the step; the step may mean the new one
    start = getattr(d, "line", 0) if d is not None else 0
    letter = re.escape(n)
    moved = re.compile(r"(?<![\\\w])(?:\\(?:mathbf|boldsymbol|vec|bm)\{)?" + letter +
                       r"\}?\s*(?:\\to|\\rightarrow|\\mapsto|→)(?![A-Za-z])"
                       # a value written with decimals after it: not a limit (T → ∞, → 0)
                       r"\s*(?:\\left)?\s*[(\[]?\s*[-−]?\d+(?:[.,]|\{,\})\d")
    # "increasing $X_{11}$ by ε gives …": a name, or an entry of it, changed for a moment
    # (x_{12} of a matrix X: its entry)
    entry = f"|{n.lower()}_" if re.fullmatch(r"[A-Z]", n) else ""
    changed = re.compile(r"\s*\$\s*(?:\\(?:mathbf|boldsymbol|vec|bm)\{)?(?:" + letter + entry +
                         r")(?![A-Za-z])")
    lines = b.scope.text.splitlines()
    for k in range(max(start, 1), min(r.item.line, len(lines)) + 1):
        if moved.search(lines[k - 1]):
            return ask_about(n, f"line {k} moves {n} to a new value ({n} → …): is this step "
                                f"at that value or at the one before? name the new value")
        if any(changed.match(lines[k - 1], end) for _, end in
               cue.where_mentioned("perturbed", lines[k - 1], b.scope.languages)):
            return ask_about(n, f"line {k} changes {n} for a moment: is this step at the "
                                f"changed value or at the one before? name the changed value")
    return ""


def _introduced_again(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "an elementwise map $y_i = σ(z_i)$ has …", then "with a one-hot $y$": the prose brings the
    # name in afresh between its definition and the step, which may mean the new one
    base = base_name(n)
    # (a member, g_1 = 0.4, is not what a bare g of the prose names)
    if d is None or n != base and not d.index or not re.fullmatch(r"\\?[A-Za-z]+", base):
        return ""
    alone = re.compile(r"\$\s*(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?" + re.escape(base) +
                       r"(?![A-Za-z])\s*\}?\s*\$")
    lines = b.scope.text.splitlines()
    for k in range(d.line + 1, min(r.item.line, len(lines)) + 1):
        for m in alone.finditer(lines[k - 1]):
            words = re.split(r"[.;:!?$]", lines[k - 1][:m.start()])[-1].lower().split()[-4:]
            # an article, then one to three words of its own before the name ("any
            # probability vector $y$"), none of them tying it to another noun ("a row of $S$")
            if any(cue.mentions("introduce", w, b.scope.languages) and 0 < len(words) - p - 1
                   and not any(cue.mentions("preposition", v, b.scope.languages)
                               for v in words[p + 1:]) for p, w in enumerate(words)):
                return ask_about(n, f"line {k} brings in {base} afresh ({' '.join(words)} "
                                    f"{base}): is this step of it, or of the {n} defined on "
                                    f"line {d.line}? name them apart")
    return ""


def _two_families(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # Bishop's δ_j of the hidden units and δ_k of the outputs, then δ_1 = −0.81 of a hidden
    # unit: a member of a name the text keeps two families of, one per index letter, is
    # either family's (δ_k at k = 1 read as it failed)
    base = base_name(n)
    if d is None or n == base or d.index:
        return ""
    letters = {e.index for k, es in b.scope.definitions.items() if base_name(k) == base
               for e in es if e.index}
    if len(letters) < 2:
        return ""
    named = " and ".join(f"{base}_{''.join(i)}" for i in sorted(letters))
    return ask_about(n, f"the text has {named}: which is {n} of line {d.line} a member of? "
                        f"name the families apart")


def _renamed(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "at x = 1" (a definition), then "… = 0 where 1 + x(1 − σ(x)) = 0, i.e. at x ≈ −1.2785":
    # the prose names the name another number up to the step's own line; the step may be there
    if d is None or not _literal(d.expr):
        return ""
    for item in b.scope.items:
        if item.role in ("named", "condition") and d.line < item.line <= r.item.line and \
                len(item.sides) == 2 and name_of(item.sides[0].term) == n and \
                item.sides[1].term is not None and _literal(item.sides[1].term) and \
                item.sides[1].term != d.expr:
            return ask_about(n, f"line {item.line} names {n} another value "
                                f"({n} = {t.canon(item.sides[1].term)}): is this step at it, "
                                f"or at the one of line {d.line}? name the new value apart")
    return ""


def _modelled(b: Bindings, n: str, r: Rests, d: Definition) -> str:
    # "model y = Φθ", then "e(θ) := y − Φθ": read as y's definition the residual is 0; y is the
    # data the model is fitted to (a formula of names: t := 1 is no model of h_{t−1}'s t − 1)
    if d is None or _literal(d.expr) or not mentioned_names(d.expr):
        return ""
    for ds in b.scope.definitions.values():
        for e in ds:
            if e is not d and any(isinstance(m, t.Sub) and name_of(m.a) == n and m.b == d.expr
                                  for m in t.walk(e.expr)):
                return ask_about(n, f"is {n} the model's {t.canon(d.expr)} (line {d.line}) or "
                                    f"the data it fits? line {e.line} subtracts one from the "
                                    f"other: name them apart")
    return ""


def _approximated(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # GELU(x) ≈ ½x(1 + tanh u) in the text: its GELU may be that approximation, not the
    # library's exact one
    row = lookup(n)
    if row is None or b.scope.known(n):
        return ""
    names = "|".join(re.escape(s.lstrip("\\")) for s in row.spellings)
    approx = re.compile(r"\\?(?:operatorname|mathrm|text|textrm)?\{?\\?(?:" + names +
                        r")\}?\s*\(\s*\\?[A-Za-z]+\s*\)\s*(?:\\approx|≈)"
                        # a formula after ≈, not a value (σ(z) ≈ (0.62, …), a matrix of them)
                        r"\s*(?!(?:\s|\\(?:left|[bB]igg?l?)\b|\\begin\{[a-zA-Z]*\}|[(\[])*"
                        r"[-−]?\d)")
    if approx.search(b.scope.text):
        return ask_about(n, f"the text approximates {n} by a formula: is {n} here the "
                            f"library's {row.name} or that approximation? define it "
                            f"({n}(x) = …) to have the approximation checked")
    return ""


_PARAMETER_NAMES = {"α": ("\\alpha", "α"), "β": ("\\beta", "β"), "slope": ("slope", "\\alpha")}


def _parametrised(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # the library's ELU (α = 1), leaky ReLU or softplus (β = 1) in a text that names such a
    # parameter: the text's function may not be the library's
    row = lookup(n)
    if row is None or not row.parameter or b.scope.known(n):
        return ""
    key = row.parameter.split()[0] if row.parameter[0] in "αβ" else "slope"
    if any(w in b.scope.text for w in _PARAMETER_NAMES.get(key, ())):
        return (f"is {n} the library's {row.name} ({row.parameter})? the text names a "
                f"parameter: define its {n} ({n}(x) = …) to have this checked")
    return ""


def _numbered_apart(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # z1 = W1 @ x defined, then dL/dz2: z drawn as a vector whose entry z_2 the step
    # differentiates by; but the text defines z_1 as a name of its own, so z_2 may be one too
    if n in b.scope.declared:
        return ""
    apart = sorted(k for k in b.scope.definitions if (m := _NUMBERED.fullmatch(k)) and
                   m.group(1) == n)
    written = sorted(k for k in r.differentiated if (m := _NUMBERED.fullmatch(k)) and
                     m.group(1) == n and k not in b.scope.definitions)
    if apart and written:
        return ask_about(written[0], f"is {written[0]} an entry of a vector {n}, or a name of "
                                     f"its own as {apart[0]} is? define it")
    return ""


def _entry_apart(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # f(x) = (x_1 − 2)² + (x_2 − 1)², x_1 given a value in a later case: drawn apart from
    # the x the step also draws, x_1 may still be x's first entry
    m = _NUMBERED.fullmatch(n)
    if m is None or m.group(1) not in r.inputs or n in b.scope.declared:
        return ""
    return ask_about(n, f"is {n} an entry of {m.group(1)}, or a name of its own? the step "
                        f"draws both: define {n} or write {m.group(1)}'s entries alone")


def _entries_given(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "Â_{13} = 0", then Σ_k Â_{1k} Â_{k3} = Â_{12} Â_{23}: Â drawn whole, apart from the
    # entry the text gives it, and the step reads particular entries of Â; it may be meant
    # with the one given (not x_1 given beside a claim about x whole, or v_0 beside v_t)
    if n in b.scope.declared or not any(
            isinstance(x, t.Script) and t.canon(x.base) == n and x.sup is None and
            _NUMBERED.fullmatch(t.canon(x)) is not None
            for s in r.item.sides if s.term is not None for x in t.walk(s.term)):
        return ""
    given = sorted((e.line, k) for k, ds in b.scope.definitions.items()
                   if (m := _NUMBERED.fullmatch(k)) and m.group(1) == n
                   for e in ds if e.line <= r.item.line and _literal(e.expr))
    if given:
        line, entry = given[0]
        return ask_about(n, f"line {line} gives {entry}, and the step was read with {n} "
                            f"drawn whole: is {entry} its entry? give {n} whole ({n} = …)")
    return ""


def _counted(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # "with $K$ classes", K drawn as any number: a count, perhaps the length of the vectors
    # the step sums over
    word = b.scope.counted.get(n)
    if word is not None and n not in b.scope.declared:
        return ask_about(n, f"the text calls {n} a number of {word}, and here it is drawn as "
                            f"any number: is it the length of a vector of the step? give it "
                            f"({n} = …) or declare the vector (`y: vector {n}`)")
    return ""


def _component(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # L(w) = w_1² + 3 w_2² and w_t = w_{t−1} − η v_t: w_1 the first iterate, or a component
    # of the w L is applied to?
    m = _NUMBERED.fullmatch(n)
    if m is None or not any(x.recurrence for x in b.scope.definitions.get(m.group(1), ())):
        return ""
    if any(m.group(1) in x.params and n in mentioned_names(x.expr)
           for xs in b.scope.definitions.values() for x in xs):
        return ask_about(n, f"is {n} a member of the sequence {m.group(1)}, or a component of "
                            f"the {m.group(1)} a function is applied to, as its definition "
                            f"writes it? name them apart")
    return ""


def _diagonal_of(b: Bindings, n: str, r: Rests, d: Any) -> str:
    # D̃^{−1/2} Ã D̃^{−1/2} with D̃ never given: a matrix taken to a power that an arbitrary
    # matrix has no value of (the notes' D̃ is diagonal, the degrees d̃_i)
    if not any(isinstance(x, t.Script) and x.sub is None and t.canon(x.base) == n and
               _fractional(x.sup) for item in b.scope.items for side in item.sides
               if side.term is not None for x in t.walk(side.term)):
        return ""
    capital = re.fullmatch(r"((?:\\[A-Za-z]+\{)?)([A-Z])(\}?)", n)
    if capital is None:
        return ""          # t^{1/2}: a letter for a number (a matrix is a capital, D̃)
    lower = capital.group(1) + capital.group(2).lower() + capital.group(3)
    said = f"the diagonal matrix of the {lower}_i the text gives" if (
        lower in b.scope.subscripts or b.scope.known(lower)) else "a diagonal matrix"
    return ask_about(n, f"is {n} {said}, or a matrix of its own? the text takes a fractional "
                        f"power of it, which an arbitrary matrix need not have: define it")


def _fractional(sup: Any) -> bool:
    """A power that is not a whole number: −1/2, 1/2, 0.5."""
    if isinstance(sup, t.Neg):
        sup = sup.a
    if isinstance(sup, t.Frac) or isinstance(sup, t.Product) and any(
            isinstance(i, t.MulOp) and i.op == "/" for i in sup.items):
        return True
    return isinstance(sup, t.Num) and not float(sup.value).is_integer()


_INPUT: tuple[Row, ...] = (
    (FROM_WORDS, _moved), (FROM_USE, _prefix), (FROM_USE, _applied), (FROM_WORDS, _carried),
    (FROM_WORDS, _worded), (FROM_WORDS, _bare_at_a_point), (FROM_WORDS, _premised),
    (FROM_WORDS, _particular), (FROM_WORDS, _counted), (FROM_USE, _numbered_apart),
    (FROM_USE, _entry_apart), (FROM_WORDS, _entries_given),
    (FROM_USE, _gradient_shape),
    (FROM_USE, _loose),
    (FROM_WORDS, _declared_later),
    (FROM_WORDS, _remarked), (FROM_USE, _family), (FROM_WORDS, _unread), (FROM_USE, _samples),
    (FROM_USE, _diagonal_of))
_DEFINITION: tuple[Row, ...] = (
    (FROM_WORDS, _moved), (FROM_WORDS, _renamed), (FROM_WORDS, _introduced_again),
    (FROM_USE, _two_families),
    (FROM_USE, _modelled), (FROM_USE, _lifted),
    (FROM_WORDS, _at_a_point),
    (FROM_USE, _summed_label), (FROM_WORDS, _recomputed), (FROM_WORDS, _frozen),
    (FROM_WORDS, _carried), (FROM_WORDS, _pieces), (FROM_USE, _later),
    (FROM_WORDS, _unread), (FROM_WORDS, _tentative))
_NOTATION: tuple[Row, ...] = ((FROM_WORDS, _valued), (FROM_WORDS, _parametrised),
                              (FROM_WORDS, _approximated),
                              (FROM_WORDS, _unread))
_WRITTEN: tuple[Row, ...] = (
    (FROM_USE, _component), (FROM_WORDS, _carried), (FROM_USE, _later), (FROM_WORDS, _unread), (FROM_WORDS, _tentative))
