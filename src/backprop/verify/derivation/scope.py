"""Stage 5, scope: what every statement is, and where every name comes from.

It reads the statements in order and gives each a *role*: ``claim`` (a chain whose steps are
checked; its first steps may define names: ``ŷ = a = σ(z)`` defines ŷ and a), ``update``
(``w := w − α dw``, ``θ ← …``), ``model`` (``P(y = 1) = σ(z)``), ``condition`` ("for $i = j$",
"at $x = 0$": it restricts the steps it governs), ``list`` (``i = 1, …, n``), ``declaration``
(``x ∈ ℝ^n``) or ``remark`` (a value named in passing, an equation to solve, a choice, a
requirement: shown, not checked). The prose cues (:mod:`.cues`) and the statement's form
decide, in :func:`_role`.

Every name gets a binding (:class:`Binding`) with its origin — declared (front matter or
prose), defined on line N, a bound index, read from use — and a confidence: FIRM (the text
states it), ENUMERATED (read from use or words, with alternatives a reading may choose) or
OPAQUE (the text gives it a value the checker cannot read: a failure may not rest on it).
Definitions are in force from their line on (and before it, within their paragraph: "where
$z = Wx + b$"); a name defined again takes the newest definition from its line on. A family
``s_i = …`` is indexed by its letter; families of one name defined with different letters
(Bishop's ``δ_k`` for output units, ``δ_j`` for hidden ones) live side by side; ``v_0 = 0``
and ``v_t = β v_{t−1} + g_t`` define a sequence by its members and its recurrence.
"""

from __future__ import annotations

import bisect
import collections
import math
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from ...errors import BackpropError
from . import cues as cue
from . import terms as t
from .kinds import REALS, Kind, declare, kind_of
from .names import (
    DOTS,
    as_layers,
    as_primed,
    base_name,
    index_list,
    is_label_sub,
    layer_letters,
    list_count,
    member_number,
    mentioned_names,
    name_of,
    numbered_layers,
    primed_families,
    split_label,
    squared,
    value_names,
)
from .notation import (CONSTANT_VALUES, CONSTANTS, DUAL_UNITS, EXPECTATIONS, GREEK, OPERATORS,
                       STANDARD_NORMAL, SUBSCRIPTED_NOTATION, TRANSPOSE, Law, law, lookup, words)
from .parse import Unreadable, parse
from .source import Source, math_blocks
from .syntax import Side, Statement

__all__ = ["Definition", "Item", "Scope", "read_scope", "FIRM", "ENUMERATED", "OPAQUE"]

FIRM, ENUMERATED, OPAQUE = "firm", "enumerated", "opaque"
_DEFINABLE_NOTATION = frozenset({"d", "D", "I"})   # notation a text may still use as a name
# … when it says it defines it ("sea π = softmax(z)": a policy, not 3.14…)
_NAMED_NOTATION = frozenset({"\\mathbf{1}", "\\mathbb{1}", "e", "\\pi"})


@dataclass(frozen=True)
class Definition:
    """``name = expr``; ``params`` for a function ``l(z, t) = …``, ``index`` for a family
    ``s_i = …`` (``J_{ij} = …``), ``recurrence`` for a sequence ``v_t = β v_{t−1} + …`` (its
    members ``v_0 = 0`` are definitions of their own names, ``v_{0}``)."""

    name: str
    expr: Any
    params: tuple[str, ...] = ()
    index: tuple[str, ...] = ()
    line: int = 0
    paragraph: int = -1
    section: int = 0
    bullet: int = 0               # list items above it (each a new example)
    recurrence: bool = False
    tentative: bool = False       # defined again without the text saying so (a case?)
    size: tuple[int | None, ...] = ()
    implied: bool = False         # written after ⇒: a conclusion, in force only after it
    block: int = -1               # its math block: on its own line in force from there on
    read: bool = False            # the checker's reading, not the text's (L = ⟨δ, y⟩ for the
    #                               upstream gradient δ the text names)
    # m̂_t = g "with a constant gradient", after m̂_t = m_t/(1 − β^t): the definition it
    # replaced, in force again once a name that one uses (m_t) is defined anew
    replaced: "Definition | None" = None


@dataclass
class Item:
    """One statement and what the scope pass made of it."""

    statement: Statement
    sides: list[Side]
    role: str                  # claim | update | model | condition | list | declaration | solve |
    #                            fact | relation | named (a value in passing) | remark
    line: int
    defines: dict[int, Definition] = field(default_factory=dict)   # step k defines
    restates: tuple[str, int] | None = None    # its first step restates a name defined on line
    conditions: list[Any] = field(default_factory=list)            # terms restricting its steps
    note: str = ""
    question: str = ""         # for a statement that could not be placed: what would decide it
    skip_first: bool = False   # its first step names a value in the prose
    skip_last: bool = False    # its last step, "= 0", is the equation the text sets to solve
    carried: dict[str, int] = field(default_factory=dict)   # values from the section before
    # values a section of givens before it in its chapter states (β₁ = 0.9, then **Step 1.**,
    # **Step 2.**): what a step of numbers is read at, where the text gives them no other value
    earlier: list[Any] = field(default_factory=list)
    replaces: dict[int, "Definition"] = field(default_factory=dict)   # step k's earlier meaning

    @property
    def paragraph(self) -> int:
        return self.statement.paragraph


@dataclass
class Scope:
    """Declarations, definitions in document order, items, and what the text says in words."""

    text: str
    declared: dict[str, Kind]
    declared_on: dict[str, int] = field(default_factory=dict)   # declared in the prose, line
    definitions: dict[str, list[Definition]] = field(default_factory=dict)
    gradients: dict[str, str] = field(default_factory=dict)   # G = ∂L/∂Y named: G → Y
    given_numbers: set[tuple[float, float]] = field(default_factory=set)   # data, as written
    named_laws: dict[str, tuple[Any, tuple, int]] = field(default_factory=dict)  # p = 𝒩(…)
    items: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    languages: tuple[str, ...] = ("en",)
    layers: frozenset[str] = frozenset()        # superscript letters that name layers
    zero_based: set[str] = field(default_factory=set)
    # of those, the names only a list value and a written x_0 make 0-based: x_0 may be a
    # member of a sequence (z_0, …, z_K) beside the entries of one vector z
    zero_based_maybe: set[str] = field(default_factory=set)
    counts_from_0: bool = False   # a range the text states from 0 ("k = 0, …, K − 1")
    gradient_of: tuple[Any, int, str] | None = None   # dO = ∂L/∂O (or Ō = ∂L/∂O): d (a bar)
    # "dW means ∂J/∂W and db means ∂J/∂b": the letters the convention is said of (empty: any)
    gradient_letters: frozenset[str] = frozenset()
    #                                                      on a name is L's gradient
    normal: bool = False        # the text speaks of the normal distribution (Φ)
    straight_through: bool = False   # … of the straight-through estimator (d⌊u⌉/du := 1)
    bits: bool = False          # the text counts in bits (a bare log may be base 2)
    one_hot: bool = False       # the text speaks of one-hot vectors (a matrix's rows may be)
    sigma_words: int = 0        # a line whose words say σ is not the sigmoid (0: none)
    remarked: dict[str, tuple[int, str]] = field(default_factory=dict)   # values said in passing
    worded: dict[str, str] = field(default_factory=dict)    # "the softmax vector $p$": softmax
    # "using $α_t(1 − ᾱ_{t−1}) + β_t = 1 − ᾱ_t$" among names the text never defines: a
    # relation it relies on (the names, by their base, → its line and text)
    premised: dict[str, tuple[int, str]] = field(default_factory=dict)
    premises: list[tuple["Item", frozenset[str]]] = field(default_factory=list)   # and names
    # p(x | z) = 𝒩(x; z, s²) beside p(z) = 𝒩(z; 0, 1): the conditional law, by p
    conditional_laws: dict[str, "Definition"] = field(default_factory=dict)
    counted: dict[str, str] = field(default_factory=dict)   # "with $K$ classes": classes
    primes_transpose: bool = False   # "we write $A'$ for the transpose": each prime on a value
    differentials: bool = False      # the text says it takes differentials: d is one
    dual: set[str] = field(default_factory=set)   # ε with ε² = 0: a dual number's unit
    # values not read: the line, why, and the item that gave them
    unread: dict[str, tuple[int, str, Any]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)   # "A symmetric", "spd", "orthogonal"
    variables: set[str] = field(default_factory=set)   # what the text differentiates by
    functions: set[str] = field(default_factory=set)   # what it differentiates
    called_only: set[str] = field(default_factory=set)
    # names given a rounded number with ≈ (x* ≈ −1.2785): line, and the last digit's unit
    approximate: dict[str, tuple[int, float]] = field(default_factory=dict)
    rounded_values: dict[str, float] = field(default_factory=dict)   # σ = 1,8708 at which …
    numbered_primes: set[str] = field(default_factory=set)
    aliased: set[str] = field(default_factory=set)   # h = tanh with h(x) written: tanh
    sized: dict[str, str] = field(default_factory=dict)   # sizes the text leaves open, chosen
    shaped: dict[str, tuple] = field(default_factory=dict)  # x ∈ ℝ^n, n unknown: its sizes
    # y ∈ {1, …, C}, C a size the text names by a letter: an index of C's range, sized with it
    class_labels: dict[str, str] = field(default_factory=dict)
    cases: set[str] = field(default_factory=set)   # names given several values in a sentence
    # where each of them is given a value: (line, section), in the text's order
    case_settings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    bare: set[str] = field(default_factory=set)    # names written on their own somewhere
    indexed: set[str] = field(default_factory=set)  # letters written in a subscript somewhere
    subscripts: dict[str, set[str]] = field(default_factory=dict)  # c → {m, n}: c_m, c_n
    # π = (0.2, 0.5, 0.3), π_k: constants the text gives a vector written out or writes with
    # an index letter, the text's vector (mixing weights); written alone in a formula (√(2π))
    # each may still be the constant
    vectors_named: set[str] = field(default_factory=set)
    called: set[str] = field(default_factory=set)  # names written as functions somewhere
    # names written as a law of a condition somewhere, π(a | s), π_θ(a ∣ s): the text's own
    conditioned: set[str] = field(default_factory=set)
    # functions the text gives numbers at two points or more, V(A) = 0.5, V(C) = 0, R(1) = 1,
    # R(0) = 3: a table of values, none of them the function's formula
    tabled: set[str] = field(default_factory=set)
    # names declared applied (r(θ) ∈ ℝ^m): functions of what they are written with
    declared_applied: set[str] = field(default_factory=set)
    # π = (π_1, …, π_K), y ∈ {0, 1}^K: sized, and their entries' domain left to the readings
    # (a probability vector, one-hot, …)
    open_domain: set[str] = field(default_factory=set)
    # "with $r_{\min} \le 0 \le r_{\max}$", "$0 < p < 1$": the side of 0 an input is drawn on
    # (positive, negative, probability), where the text bounds it one way only
    bounded: dict[str, str] = field(default_factory=dict)
    # b = 956\,301\,312 bytes $= 912$ MiB: the number a name is given in another unit, by line
    in_units: dict[str, tuple[int, float]] = field(default_factory=dict)
    # V = {1, 2, 3, 4}, E = {{1,2}, {2,3}}: the number of elements of a set written out, by name
    set_sizes: dict[str, int] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)  # δ of δc_t = …, as d is of dW
    applied: set[str] = field(default_factory=set)   # … with parentheses or a mark (σ(z), σ')
    calls: set[str] = field(default_factory=set)     # … with parentheses (σ(z))
    named_primes: set[str] = field(default_factory=set)   # H' = (32 + 4 − 5)/1 + 1: a name?
    restated: dict[str, list[Definition]] = field(default_factory=dict)   # forms that held
    laws: dict[str, tuple[Law, tuple, bool]] = field(default_factory=dict)  # w ∼ 𝒰(−a, a)
    expectations: dict[tuple, Any] = field(default_factory=dict)  # over laws drawn, computed
    independent: bool = False   # the text says its random variables are independent
    _views: dict[tuple[int, int], dict[str, Definition]] = field(default_factory=dict)
    _shown: dict[str, tuple[str, int]] | None = None
    _named: dict[str, list[tuple[int, Any, int]]] | None = None
    _case_ends: dict[int, tuple[Definition, int]] = field(default_factory=dict)
    _sections: list[tuple[int, int]] | None = None
    _applied: tuple[int, dict[str, Any]] = (-1, {})
    _written: tuple[int, set[str]] = (-1, set())

    @functools.cached_property
    def lines(self) -> list[str]:
        """The text's lines, split once (the prose rules look at a line's paragraph or list)."""
        return self.text.splitlines()

    def one_argument(self) -> dict[str, Any]:
        """Each function name the text applies to exactly one argument (Var(I), wherever it
        writes Var with an argument): that argument; computed again only when items grow."""
        if self._applied[0] != len(self.items):
            found: dict[str, dict[str, Any]] = {}
            for item in self.items:
                for side in item.sides:
                    for n in t.walk(side.term) if side.term is not None else ():
                        if isinstance(n, t.Call) and len(n.args) == 1 and \
                                (fn := name_of(n.fn)) is not None:
                            found.setdefault(fn, {})[t.canon(n.args[0])] = n.args[0]
            self._applied = (len(self.items), {fn: next(iter(args.values()))
                                               for fn, args in found.items() if len(args) == 1})
        return self._applied[1]

    def written(self) -> set[str]:
        """Every subscripted name the text's statements write (σ_{2,i}); computed again only
        when items grow."""
        if self._written[0] != len(self.items):
            self._written = (len(self.items), {
                t.canon(t.Script(n.base, n.sub, None)) for item in self.items
                for side in item.sides
                for n in (t.walk(side.term) if side.term is not None else ())
                if isinstance(n, t.Script) and n.sub is not None})
        return self._written[1]

    def define(self, d: Definition) -> None:
        self.definitions.setdefault(d.name, []).append(d)
        self._views.clear()

    def case_ends(self, d: Definition) -> int:
        """The line where ``d`` stops being in force because it was made in one case of a
        name the text gives several values ("with λ = 0: Â_0 = −0,75"), and the text turns
        to another ("with λ = 1: Â_0 = δ_0 + γδ_1"); never, for a definition that mentions the
        name (its value follows the case), one made outside every case, or one made at a
        value of an index (t = 1, then t = 2: an iteration's steps, each built on the last)."""
        if not self.case_settings:
            return 1 << 30
        known = self._case_ends.get(id(d))
        if known is not None and known[0] is d:
            return known[1]
        inside = {base_name(n) for n in value_names(d.expr) | mentioned_names(d.expr)}
        end = 1 << 30
        for name, settings in self.case_settings.items():
            if name in self.indexed:
                continue        # t = 1, then t = 2: steps of an iteration, each on the last
            before = [s for s in settings if s[0] <= d.line]
            # (not after "the two cases, λ = 0 and λ = 1": a line that names them all)
            if not before or before[-1][1] != d.section or \
                    sum(s[0] == before[-1][0] for s in settings) > 1 or \
                    base_name(name) in inside | {base_name(d.name)}:
                continue
            after = [s[0] for s in settings if s[0] > d.line]
            if after:
                end = min(end, after[0])
        self._case_ends[id(d)] = (d, end)
        return end

    def replace(self, old: Definition, new: Definition) -> None:
        ds = self.definitions[old.name]
        ds[ds.index(old)] = new
        self._views.clear()

    def defined_before(self, name: str, line: int) -> Definition | None:
        found = None
        for d in self.definitions.get(name, ()):
            if d.line <= line:
                found = d
        return found

    def view(self, line: int, paragraph: int, block: int = -1) -> dict[str, Definition]:
        """The definitions in force on ``line`` (in its math ``block``, where given: a line of
        prose holds several): the newest written on or before it, else the first written later
        in the same paragraph."""
        key = (line, paragraph, block)
        view = self._views.get(key)
        if view is None:
            view = {}

            def written(d: Definition) -> bool:
                return (d.line < line or d.line == line and (
                    min(block, d.block) < 0 or d.block <= block)) and line < self.case_ends(d)
            for name, ds in self.definitions.items():
                chosen = None
                for d in ds:
                    if written(d):
                        chosen = d
                while chosen is not None and chosen.replaced is not None and any(
                        e.line > chosen.line and written(e)
                        for n in mentioned_names(chosen.replaced.expr)
                        for e in self.definitions.get(n, ())):
                    chosen = chosen.replaced
                if chosen is None:
                    chosen = next((d for d in ds if d.paragraph == paragraph and
                                   not d.implied), None)
                if chosen is not None:
                    view[name] = chosen
            self._views[key] = view
        return view

    def at(self, item: "Item") -> dict[str, Definition]:
        """The definitions in force where ``item`` stands, in its own math block."""
        return self.view(item.line, item.paragraph, item.statement.block)

    def families(self, name: str, line: int) -> list[Definition]:
        """Every family definition of ``name`` in force on ``line``, one per index letter."""
        out: dict[tuple[str, ...], Definition] = {}
        for d in self.definitions.get(name, ()):
            if d.index and d.line <= line < self.case_ends(d):
                out[d.index] = d
        return list(out.values())

    def declared_later(self, item: "Item") -> dict[str, int]:
        """Names declared with a shape under a heading after ``item``'s section, by line (a
        declaration in the prose speaks from its own section on)."""
        sections = {i.line: i.statement.section for i in self.items if i.role == "declaration"}
        section = item.statement.section
        return {n: line for n, line in self.declared_on.items()
                if sections.get(line, 0) > section and (
                    n in self.shaped or n in self.declared and
                    self.declared[n].shape not in ((), (1, 1)))}

    def shown(self) -> dict[str, tuple[str, int]]:
        """The decimal a worked example shows a defined name to be (``z = 0.5·0.5 + 0.1 =
        0.35``, ``b = 0.1``), and the line: each number shown for one name only and written in
        one other definition only (``ŷ = σ(0.35)``), where it may stand for the name."""
        if self._shown is None:
            owners: dict[str, set[str]] = {}
            where: dict[str, int] = {}
            for item in self.items:
                for k, d in item.defines.items():
                    last = item.sides[-1].term if k == 0 and len(item.sides) > 2 else d.expr
                    number = last.a if isinstance(last, t.Neg) else last
                    if not d.index and not d.params and isinstance(number, t.Num) and \
                            number.unit > 0:
                        owners.setdefault(t.canon(last), set()).add(d.name)
                        where.setdefault(t.canon(last), item.line)
            written: dict[str, int] = {}
            for ds in self.definitions.values():
                for d in ds:     # b = 0.1 shows b; the number is not written for it
                    for n in t.walk(d.expr) if not _literal(d.expr) else ():
                        if isinstance(n, (t.Num, t.Neg)) and t.canon(n) in owners:
                            written[t.canon(n)] = written.get(t.canon(n), 0) + 1
            self._shown = {next(iter(names)): (number, where[number])
                           for number, names in owners.items()
                           if len(names) == 1 and written.get(number) == 1}
        return self._shown

    def named_numbers(self) -> dict[str, list[tuple[int, Any, int]]]:
        """The numbers the prose names each name in passing (``[r_min, r_max] = [−1.8, 3.4]``),
        as (line, number, section) in the text's order; not a point it speaks of ("at $m = 1$
        any …"); and the numbers a worked example computes for a defined name or a derivative
        (``s = 4/127 ≈ 0.031496``: 4/127, the first side of numbers alone), which a later
        section may go on using where the formula would give another (section −1 for a
        number named in passing)."""
        if self._named is None:
            self._named = {}
            for i in self.items:
                first = i.sides[0].term if i.sides else None
                if i.role == "named" and len(i.sides) == 2 and \
                        "condition" not in i.statement.cues.lead and \
                        i.sides[1].term is not None and _literal(i.sides[1].term) and \
                        (n := name_of(first)) is not None:
                    self._named.setdefault(n, []).append((i.line, i.sides[1].term, -1))
                    continue
                # (∂L/∂w ≈ (0.196, …): a derivative's worked value, named by its LaTeX)
                n = t.canon(first) if isinstance(first, t.Deriv) else name_of(first) \
                    if isinstance(first, t.Sym) and name_of(first) in self.definitions else None
                value = next((s.term for s in i.sides[1:] if s.term is not None and
                              _is_number(s.term)), None) if i.role == "claim" and n else None
                if value is not None:
                    self._named.setdefault(n, []).append((i.line, value, i.statement.section))
        return self._named

    def section_at(self, line: int) -> int:
        """The section (the count of headings before it) of the statements on ``line``."""
        if self._sections is None:
            self._sections = [(i.line, i.statement.section) for i in self.items]
        k = bisect.bisect_right(self._sections, (line, 1 << 30))
        return self._sections[k - 1][1] if k else 0

    def known(self, name: str) -> bool:
        return name in self.declared or name in self.definitions

    def known_names(self) -> set[str]:
        return set(self.declared) | set(self.definitions)

    def unapplied(self, name: str) -> bool:
        """A function of the notation table that the text writes only on its own, never
        applied (σ² + ε, a variance), or never with parentheses and given a value (σ in
        𝒩(μ, σ²), then σε; σ = exp(ρ/2) with ρ = log σ² defined first; ∂ℓ/∂σ): a value of
        the text's, not the function — unless a name the text applies is set to it (h = tanh,
        then h(x))."""
        return name in self.bare and lookup(name) is not None and name not in self.aliased and (
            name not in self.called and (name not in self.functions or name in self.variables) or
            name not in self.applied and (self.valued(name) or any(
                item.role == "claim" and len(item.sides) > 1 and
                name_of(item.sides[0].term) == name for item in self.items)))

    def valued(self, name: str) -> bool:
        """Whether the text gives ``name`` a value somewhere: defines it, gives it a number,
        or makes it a parameter of a law (``𝒩(μ, σ²)``)."""
        return name in self.definitions or squared(name) in self.definitions or any(
            name in mentioned_names(p) for _, params, _ in self.laws.values() for p in params) or \
            any(item.role == "condition" and item.sides and
                name_of(item.sides[0].term) == name for item in self.items)


# ---- helpers on terms ----------------------------------------------------------------------

def _reach(scope: Scope, names: set[str], families: bool = False) -> set[str]:
    """The names ``names`` depend on through the definitions made so far, themselves included;
    with ``families``, a member (ℓ_0) also through its family's definition (ℓ_j = s_j/τ)."""
    seen: set[str] = set()
    todo = list(names)
    while todo and len(seen) < 500:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            for key in {n, base_name(n)} if families else (n,):
                todo.extend(m for d in scope.definitions.get(key, ())
                            for m in mentioned_names(d.expr))
    return seen


def _refers_to(expr: Any, name: str) -> bool:
    """Whether ``expr`` uses ``name`` itself: η(t) = η_{min} + … names η_{min}, a variant of
    η by its label, not η (a function defined through itself is no definition)."""
    labelled = {id(n.base) for n in t.walk(expr) if isinstance(n, t.Script) and
                n.sup is None and is_label_sub(n.sub)}
    return any(isinstance(n, t.Sym) and n.name == name and id(n) not in labelled
               for n in t.walk(expr)) or any(
        isinstance(n, t.Script) and t.canon(n) == name for n in t.walk(expr))


def _finest_unit(node: Any) -> float:
    """The last digit's unit of a written decimal, or the finest of a tuple's or matrix's
    entries when every entry is one (0 for anything else)."""
    if isinstance(node, t.Neg):
        return _finest_unit(node.a)
    if isinstance(node, t.Num):
        return node.unit
    entries = list(node.args) if isinstance(node, t.Paren) else \
        [x for row in node.rows for x in row] if isinstance(node, t.Matrix) else []
    units = [_finest_unit(x) for x in entries]
    return min(units) if units and all(isinstance(x, (t.Num, t.Neg)) for x in entries) and \
        all(u > 0 for u in units) else 0.0


def bound_below(node: Any) -> set[str]:
    """The names a sum's or an expectation's subscript binds (Σ_i, 𝔼_{x∼q}): x in
    KL(q ‖ p) = 𝔼_{x∼q}[log q(x) − log p(x)] is no name of the text's."""
    out: set[str] = set()
    for n in t.walk(node):
        sub = n.sub if isinstance(n, t.BigOp) else n.fn.sub if isinstance(n, t.Call) and \
            isinstance(n.fn, t.Script) and name_of(n.fn.base) in EXPECTATIONS else None
        for part in sub or ():          # Σ_i, Σ_{t=1}, 𝔼_{x∼q}: the name first written
            first = part.a if isinstance(part, t.Relation) else \
                part.items[0] if isinstance(part, t.Product) and part.items else part
            if name_of(first) is not None:
                out.add(name_of(first))
    return out


def _literal(node: Any) -> bool:
    """Numbers written out, alone or as a vector or matrix: data, not a computation."""
    return all(isinstance(n, (t.Num, t.Neg, t.Matrix, t.Paren)) or n == t.Sym(";")
               for n in t.walk(node))


def _dual_units(scope: Scope) -> set[str]:
    """The names the text makes dual units: ``ε² = 0`` stated, or ε (ϵ) written in a text
    that speaks of dual numbers."""
    out = {name_of(item.sides[0].term.base) or "" for item in scope.items
           if len(item.sides) == 2 and isinstance(item.sides[0].term, t.Script) and
           item.sides[0].term.sub is None and item.sides[0].term.sup == t.Num(2.0) and
           item.sides[1].term == t.Num(0.0)} - {""}
    if cue.mentions("dual", scope.text.lower(), scope.languages):
        out |= DUAL_UNITS
    return out


def _exhibited(text: str, line: int) -> bool:
    """A line of a block quote (``> …``) that the prose before it introduces as wrong ("a
    classmate's step (contains a mistake):"): another's work shown, not the text's claim."""
    lines = text.splitlines()
    k = line - 1
    if not 0 <= k < len(lines) or not lines[k].lstrip().startswith(">"):
        return False
    while k >= 0 and (lines[k].lstrip().startswith(">") or not lines[k].strip()):
        k -= 1
    return k >= 0 and cue.mentions("exhibited", lines[k].lower(), cue.all_languages())


def _untransposed(node: Any) -> Any:
    """``[1, 2]^T``: the list written, without its transpose."""
    if isinstance(node, t.Script) and isinstance(node.base, t.Paren) and node.sub is None and \
            isinstance(node.sup, t.Sym) and node.sup.name in TRANSPOSE:
        return node.base
    return node


def counted(d: Definition) -> bool:
    """A definition that is a count, arithmetic on whole numbers alone (P = 200 + 30, not
    N = 64, an example's size): a value a condition gives the name later (the same arithmetic
    "with P = 7 × 10⁹") may replace it there."""
    return not d.params and not d.index and not d.recurrence and _is_number(d.expr) and \
        not isinstance(d.expr, (t.Num, t.Neg)) and all(
        float(n.value).is_integer() and not n.unit for n in t.walk(d.expr)
        if isinstance(n, t.Num))


def _is_number(node: Any) -> bool:
    """A value written with numbers only (``4``, ``3 \\times 11.001``, ``7/3``)."""
    return node is not None and not any(isinstance(n, (t.Sym, t.Deriv, t.BigOp))
                                        for n in t.walk(node))


def _a_point(node: Any) -> bool:
    """A point a text names: a number, a letter (a state A), a numbered name (s₁)."""
    node = node.a if isinstance(node, t.Neg) else node
    if isinstance(node, t.Script):
        return isinstance(node.base, t.Sym) and node.sup is None and node.sub is not None and \
            all(isinstance(i, t.Num) for i in node.sub)
    return isinstance(node, t.Num) or isinstance(node, t.Sym) and lookup(node.name) is None


def _point_arguments(expr: Any, scope: "Scope") -> list[Any]:
    """The arguments of the functions known by their values at points in ``expr`` (s_{t+1} of
    V(s_{t+1})): names of points, no values."""
    return [a for c in t.walk(expr) if isinstance(c, t.Call) and name_of(c.fn) in scope.tabled
            for a in c.args]


def at_a_point(node: Any) -> bool:
    """``f(3)``, ``α₁(4)``, ``Q(s₁, a₂)``: a named function at one or two points."""
    return isinstance(node, t.Call) and name_of(node.fn) is not None and \
        0 < len(node.args) <= 2 and all(_a_point(a) for a in node.args)


def _closed(node: Any) -> bool:
    """A value of numbers and the table's functions only (``1/(1 + e^{−8})``, ``σ(1)``)."""
    names = value_names(node)
    return not (names - CONSTANTS - {n for n in names if lookup(n)})


def _atomic(node: Any) -> bool:
    """A name, its absolute value or norm, or a number: nothing computed."""
    if isinstance(node, t.Neg):
        node = node.a                     # −δ
    if isinstance(node, t.Product) and len(node.items) == 2 and \
            node.items[0] in (t.Sym("\\pm"), t.Sym("\\mp")):
        node = node.items[1]              # ±δ
    if isinstance(node, t.Apply) and node.fn in ("abs", "norm"):
        node = node.a
    if isinstance(node, t.Script) and isinstance(node.base, t.Call):
        return False                      # ½(a − t)², f(x)²: computed, not a name
    return isinstance(node, (t.Sym, t.Script, t.Num)) and name_of(node) != "e" if not \
        isinstance(node, t.Num) else True


def _written_with_its_arguments(a: Any, b: Any, scope: Scope) -> bool:
    """``x̂ = x̂_θ(z)``, ``y = y(x, w)``: a name equal to itself applied (with a label) to what
    it depends on, where the text defines no such function."""
    if not isinstance(a, (t.Sym, t.Script)) or not isinstance(b, t.Call) or \
            b.bracket != "(" or name_of(a) is None:
        return False
    fn = b.fn
    if isinstance(fn, t.Script) and fn.sup is None and fn.sub and len(fn.sub) == 1 and (
            is_label_sub(fn.sub) or isinstance(fn.sub[0], t.Sym) and fn.sub[0].name in GREEK):
        fn = fn.base                    # x̂_θ: θ, what it is computed with, a label
    called = name_of(b.fn) or ""
    return t.canon(fn) == name_of(a) and not any(
        d.params for d in scope.definitions.get(called, ())) and lookup(called) is None


def _names_a_norm(a: Any, b: Any) -> bool:
    """``r = ‖x‖``, ``m = |w|``: a bare name given the norm or absolute value of another."""
    return isinstance(a, (t.Sym, t.Script)) and isinstance(b, t.Apply) and \
        b.fn in ("abs", "norm") and name_of(a) is not None and \
        name_of(a) not in mentioned_names(b) and bool(mentioned_names(b))


def _power(node: Any) -> bool:
    """``x^2``: a name raised to a number (a power, where the text does not label layers by
    superscripts)."""
    return isinstance(node, t.Script) and isinstance(node.base, t.Sym) and node.sub is None \
        and isinstance(node.sup, t.Num)


def _event_argument(node: Any) -> bool:
    """``P(y = 1)``, ``p(y | x)``: a probability written as a function of an event."""
    return isinstance(node, t.Call) and any(isinstance(a, t.Relation) for a in node.args)


def _bare_superscript(name: str) -> bool:
    """``w^{2}``, ``a^{l}``: a name with a plain number or one letter as superscript."""
    return bool(re.fullmatch(r"[^\^_]+\^\{([0-9]+|[a-zA-Z])\}", name))


def _letter_index(sub: tuple | None) -> list[str] | None:
    items = index_list(sub) if sub else []
    if items and all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower() for i in items):
        return [i.name for i in items]
    return None


def _number_index(sub: tuple | None) -> bool:
    items = index_list(sub) if sub else []
    return bool(items) and all(isinstance(i, t.Num) and float(i.value).is_integer() for i in items)


def _shifted(node: Any, letter: str) -> bool:
    """``t − 1``, ``t-2``: the letter moved back by a whole number."""
    return isinstance(node, t.Sub) and isinstance(node.a, t.Sym) and node.a.name == letter and \
        isinstance(node.b, t.Num) and float(node.b.value).is_integer() and node.b.value >= 1


def ahead(node: Any, letter: str) -> bool:
    """``t + 1``: the letter moved on by a whole number (a recurrence run backwards, as
    returns and advantages are: Â_t = δ_t + γλ Â_{t+1})."""
    return isinstance(node, t.Add) and isinstance(node.a, t.Sym) and node.a.name == letter and \
        isinstance(node.b, t.Num) and float(node.b.value).is_integer() and node.b.value >= 1


def runs_back(d: Definition) -> bool:
    """A recurrence computed from its last member back (``Â_t = δ_t + γλ Â_{t+1}``)."""
    return bool(d.index) and any(
        isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == d.name and
        n.sub is not None and len(n.sub) == 1 and ahead(n.sub[0], d.index[0])
        for n in t.walk(d.expr))


def _uses_index(expr: Any, letter: str, declared: dict[str, Kind]) -> bool:
    """Whether ``letter`` indexes something in ``expr`` (``s_i = e^{z_i}/…``)."""
    for n in t.walk(expr):
        if isinstance(n, t.Script) and n.sub is not None and t.canon(n) not in declared and \
                t.canon(t.Script(n.base, n.sub, None)) not in declared:
            if any(isinstance(i, t.Sym) and i.name == letter for i in index_list(n.sub)):
                return True
            if any(letter in {x.name for x in t.walk(i) if isinstance(x, t.Sym)}
                   for i in index_list(n.sub)):
                return True
        elif isinstance(n, t.BigOp) and any(
                letter in {x.name for x in t.walk(bound) if isinstance(x, t.Sym)}
                for bound in [n.sup] + [r.b for r in n.sub or () if isinstance(r, t.Relation)]
                if bound is not None):
            return True                   # Σ_{k=1}^{t}, ∏_{s≤t}: t bounds the index
    return False


def written_out(expr: Any) -> bool:
    """A vector or matrix written out entry by entry: ``(0.2, 0.5, 0.3)``, a pmatrix."""
    if isinstance(expr, t.Script) and expr.sub is None and t.canon(expr.sup) in TRANSPOSE:
        expr = expr.base                                    # (0.2, 0.5, 0.3)ᵀ
    return isinstance(expr, t.Paren) and len(expr.args) > 1 or isinstance(expr, t.Matrix)


def _valued_index(expr: Any, letter: str) -> bool:
    """Whether ``letter`` is a value in ``expr`` (``cos mθ``), outside every subscript and
    every relation (𝟙[k = y] compares it)."""
    inside = {id(x) for n in t.walk(expr) if isinstance(n, t.Script) and n.sub
              for s in n.sub for x in t.walk(s)} | \
        {id(x) for n in t.walk(expr) if isinstance(n, t.Relation) for x in t.walk(n)}
    return any(isinstance(n, t.Sym) and n.name == letter and id(n) not in inside
               for n in t.walk(expr))


def _only_indices(node: Any, scope: Scope) -> bool:
    """Index letters and numbers only (``i``, ``j - k``, ``i + 1``): letters the text writes in
    a subscript somewhere, none of them a value the text differentiates or by which it
    differentiates, or defines."""
    if node is None or not all(isinstance(n, (t.Sym, t.Num, t.Add, t.Sub, t.Neg)) or
                               isinstance(n, t.Prime) and isinstance(n.base, t.Sym)
                               for n in t.walk(node)):
        return False
    for n in t.walk(node):
        if isinstance(n, t.Prime):        # n' = n: a primed index is an index of its own
            if t.canon(n) not in scope.indexed:
                return False
        elif isinstance(n, t.Sym):
            kind = scope.declared.get(n.name)
            if not (len(n.name) == 1 and n.name.islower()) or n.name not in scope.indexed or \
                    kind is not None and \
                    kind.name != "index" or n.name in scope.variables or \
                    n.name in scope.functions or n.name in scope.definitions:
                return False
    return True


def _substitute(node: Any, old: str, new: Any) -> Any:
    """``node`` with every sub-term whose canonical text is ``old`` replaced by ``new``."""
    if isinstance(node, tuple):
        out = tuple(_substitute(n, old, new) if n is not None else None for n in node)
        return node if all(a is b for a, b in zip(out, node)) else out
    if not dataclasses.is_dataclass(node):
        return node
    if t.canon(node) == old:
        return new
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, (tuple, t.Num, t.Sym)) or dataclasses.is_dataclass(value):
                changes[f.name] = _substitute(value, old, new) if value is not None else None
        if any(changes[k] is not getattr(node, k) for k in changes):
            fresh = dataclasses.replace(node, **changes)
            fresh.__dict__.pop("_canon", None)
            return fresh
    return node


def _in_units(scope: Scope, item: Item) -> None:
    """``$b = 2048 \\cdot 4096 \\cdot 114 = 956\\,301\\,312$ bytes $= 912$ MiB``: a number given
    right after a chain that names a value, after the word of its unit, is that value in
    another unit, in which the text may go on (``64 \\cdot 16 + 1 \\cdot 912``)."""
    before = scope.items[-1] if scope.items else None
    value = item.sides[-1].term if len(item.sides) == 1 else None
    if before is None or value is None or not isinstance(value, t.Num) or \
            not before.statement.inline or item.statement.gap > 24 or \
            before.statement.paragraph != item.statement.paragraph:
        return
    name = name_of(before.statement.sides[0].term)
    last = before.statement.sides[-1].term
    if name is None or len(before.statement.sides) < 2 or last is None or \
            mentioned_names(last) or item.statement.gap < 2:
        return
    scope.in_units[name] = (item.line, value.value)


# ---- definitions ---------------------------------------------------------------------------

class _Reader:
    """Reads the statements in order, deciding roles and recording definitions."""

    def __init__(self, scope: Scope, headings: int):
        self.scope = scope
        self.previous: Item | None = None
        self.seen: set[str] = set()
        self.layer_labels = any(_bare_superscript(k) for k in scope.declared)

    def _definable(self, name: str, said: bool = False) -> bool:
        # σ = √(σ² + ε) in a text that never writes σ(…): a value of its own, not the sigmoid;
        # notation (𝟙_j, I, d) is the text's own name where the prose says it defines it
        known_function = lookup(name) is not None and name in self.scope.called
        return (not known_function or lookup(name).name in ("abs",)) and \
            (name not in CONSTANTS or name in _DEFINABLE_NOTATION or
             name in self.scope.vectors_named or
             said and name in _NAMED_NOTATION) and \
            not name.replace("\\", "").isdigit() and name not in self.scope.declared and \
            name not in OPERATORS

    def candidate(self, node: Any, expr: Any, st: Statement, line: int) -> Definition | None:
        """The definition ``node = expr`` would make, if ``node`` is something a text defines."""
        scope = self.scope

        def make(name: str, body: Any = None, **kw: Any) -> Definition | None:
            body = expr if body is None else body
            if name == "e" and mentioned_names(body) - CONSTANTS and name not in scope.declared:
                return Definition(name, body, line=line, paragraph=st.paragraph,
                                  section=st.section, bullet=st.bullet, **kw)
            if not self._definable(name, "define" in st.cues.lead):
                return None
            if base_name(name) in EXPECTATIONS and _closed(body):
                return None      # Var_p(z) = 2,90569 − 2,48129 at T = 1: a worked value of
                #                  the operator, no definition of a function Var_p
            return Definition(name, body, line=line, paragraph=st.paragraph, section=st.section,
                              bullet=st.bullet, block=st.block, **kw)

        if isinstance(node, t.Sym):
            if node.name in _NAMED_NOTATION and written_out(expr) and \
                    node.name not in scope.declared:
                # π = (0.2, 0.5, 0.3): mixing weights, a vector written out, never 3.14…; it
                # gives its entries (π_k), and π alone in a formula may still be the constant
                return Definition(node.name, expr, line=line, paragraph=st.paragraph,
                                  section=st.section, bullet=st.bullet, block=st.block)
            if lookup(node.name) is not None and _is_number(expr) and \
                    node.name not in scope.declared:
                # "with $\zeta = 0$": a number of the text's, not the function of that name
                return Definition(node.name, expr, line=line, paragraph=st.paragraph,
                                  section=st.section, bullet=st.bullet)
            return make(node.name)
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
            return self._scripted(node, expr, st, line, make)
        if isinstance(node, t.Prime) and node.order == 1 and isinstance(node.base, t.Sym) and \
                lookup(node.base.name) is None and node.base.name not in scope.calls and \
                not any(value_names(d.expr) - CONSTANTS
                        for d in scope.definitions.get(node.base.name, ())):
            # W' = aW, x' = x − η g: a new value of a name that is no function of anything
            # the text defines (its derivative would be 0), named with a prime
            return make(t.canon(node))
        if isinstance(node, t.Product) and len(node.items) == 2 and \
                isinstance(node.items[0], t.Sym) and \
                node.items[0].name in {"d"} | scope.prefixes and \
                isinstance(node.items[1], (t.Sym, t.Script)):      # dZ^{[2]} = …, δc_t = …
            x = node.items[1]
            letters = _letter_index(x.sub) if isinstance(x, t.Script) and x.sup is None and \
                isinstance(x.base, t.Sym) else None
            if letters and len(letters) == 1 and letters[0] in mentioned_names(expr) and \
                    letters[0] not in scope.declared and _is_d_mark(node.items[0]):
                # dx̂_j = g_j dy_j: the family dx̂, whose bare name is the vector of them
                head = t.Sym(prefixed(node.items[0].name, t.canon(x.base)))
                family = self._scripted(t.Script(head, x.sub, None), expr, st, line, make)
                if family is not None:
                    return family
            return make(prefixed(node.items[0].name, t.canon(node.items[1])))
        if isinstance(node, t.Product) and len(node.items) == 2 and \
                all(isinstance(i, t.Sym) for i in node.items) and \
                len(node.items[0].name) > 1 and node.items[0].name.isalpha() and \
                lookup(node.items[0].name) is None and \
                node.items[0].name not in mentioned_names(expr):
            # \operatorname{sh} z = …: a function of the text's, applied without parentheses
            return make(node.items[0].name, params=(node.items[1].name,))
        if _objective(node, scope):
            # "\min f(x) = (x_1 − 2)² + …  s.t. …": the problem's objective, defined where it
            # is stated (the operator says what is done with it, not a factor)
            return self.candidate(node.items[1], expr, st, line)
        if isinstance(node, t.Call) and name_of(node.fn) is not None and node.args:
            return self._function(node, expr, st, line, make)
        return None

    def _scripted(self, node: t.Script, expr: Any, st: Statement, line: int, make
                  ) -> Definition | None:
        scope = self.scope
        base = node.base.name
        full = t.canon(node)
        if lookup(base) is not None:
            # σ_B = …, σ^2 = …, σ^{(2)} = …: a labelled name or a variance, not σ(x)
            square = isinstance(node.sup, t.Num) and node.sup.value == 2
            label, rest = split_label(node.sup, scope.layers)
            # (a function named by a word, sech² = …, is the function squared: a claim)
            letter = base in GREEK or len(base) == 1
            if (node.sup is None or square) and is_label_sub(node.sub, scope.layers) or \
                    square and node.sub is None and letter or label is not None and \
                    rest is None and node.sub is None:
                return make(full)
            if (node.sup is None or square) and letter and base not in scope.called and \
                    node.sub is not None and len(node.sub) == 1 and \
                    isinstance(node.sub[0], (t.Sym, t.Num)) and _is_number(expr):
                # σ_n² = 0.25 (σ_1² = 1) in a text that never applies σ: a variance, a name
                return make(full)
            if (node.sup is None or square) and letter and base not in scope.called and \
                    node.sub is not None and \
                    len(node.sub) == 1 and isinstance(node.sub[0], t.Sym) and \
                    scope.declared.get(node.sub[0].name, Kind("index")).name == "index" and \
                    _uses_index(expr, node.sub[0].name, scope.declared) and not any(
                        base in mentioned_names(d.expr) for ds in scope.definitions.values()
                        for d in ds):
                # σ_j² = (1/N) Σ_i (X_ij − μ_j)², σ_k = e^{s_k}, where σ is never applied: a
                # family (of the variances σ², of the deviations σ), one for each j — unless
                # a definition already reads σ (s_k = log σ_k before: then a claim)
                return make(t.canon(t.Script(node.base, None, node.sup)) if square else base,
                            index=(node.sub[0].name,))
            return None
        if node.sup is not None and node.sub is None:
            label, rest = split_label(node.sup, scope.layers)
            if label is not None and rest is None:
                return make(full)                  # W^{(2)} = …, Z^{[1]} = …, a^l = …
            if _bare_superscript(full) and (self.layer_labels or full in scope.definitions):
                return make(full)
            if isinstance(node.sup, t.Sym) and node.sup.name in ("*", "+", "-"):
                return make(full)                  # k^* = …
            return None                            # x^2 = …: a claim
        if node.sub is None:
            return None
        head = base if node.sup is None else t.canon(t.Script(node.base, None, node.sup))
        span = node.sub[0] if len(node.sub) == 1 else None
        if isinstance(span, t.Product) and len(span.items) == 3 and \
                span.items[0] == t.Num(1.0) and span.items[1] == t.Sym(":") and \
                isinstance(expr, t.Paren) and len(expr.args) > 1 and head not in scope.declared:
            return make(head)                      # x_{1:4} = (1, 2, −1, 1): x, written out
        sup_ok = node.sup is None or split_label(node.sup, scope.layers) == (node.sup, None)
        if node.sup is None and is_label_sub(node.sub, scope.layers):
            return make(full)                      # a_z = …, with z a tag: a name of its own
        letters = _letter_index(node.sub)
        if _number_index(node.sub) and sup_ok:
            if head in scope.declared and scope.declared[head].shape:
                return None                        # x_1 = … with x a declared vector: a claim
            runs = [d for d in scope.definitions.get(head, ()) if d.recurrence]
            k = member_number(full, head)
            given = [m for n in scope.definitions if (m := member_number(n, head)) is not None]
            if runs and any(n.startswith(head + "_{") for n in scope.definitions) and (
                    k is None or not runs_back(runs[-1]) or any(m > k for m in given)):
                # avg_3 = β avg_2 + …: the recurrence, a claim (run backwards, where a later
                # member is given: G_4 = 5 of G_t = r_t + γG_{t+1} is where it starts)
                return None
            return make(full)                      # v_0 = 0, h_1 = …: a member of a sequence
        free = letters and all(letter not in scope.declared or
                               scope.declared[letter].name in ("index", "constant")
                               for letter in letters)
        if free and len(letters) <= 2 and sup_ok and head not in scope.declared:
            same = [n for e in (expr, *self._through_families(expr, letters, line))
                    for n in t.walk(e) if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and
                    n.base.name == node.base.name and n.sub is not None and len(n.sub) == 1]
            if len(letters) == 1 and same:
                # v_t = β v_{t−1} + g_t: a recurrence, if v appears only moved back in t (or
                # only on, Â_t = δ_t + γλ Â_{t+1}: computed from the last member back)
                if all(_shifted(n.sub[0], letters[0]) for n in same) or \
                        all(ahead(n.sub[0], letters[0]) for n in same):
                    return make(head, index=tuple(letters), recurrence=True)
                if any(t.canon(n.sub[0]) == letters[0] for n in same) or \
                        head in {n.name for n in _bare_symbols(expr)}:
                    return None                    # x_i = x_i + 0: a claim about x
            if any(scope.declared.get(letter, Kind("index")).name != "index"
                   for letter in letters):
                # a_t = … with t a declared number: a member, as a_3 = …
                return make(full) if not (head in scope.declared and
                                          scope.declared[head].shape) else None
            if all(_uses_index(expr, letter, scope.declared) for letter in letters):
                return make(head, index=tuple(letters))                  # s_i = …
            families = [d for d in scope.definitions.get(head, ()) if d.index == tuple(letters)]
            if families:
                return make(head, index=tuple(letters))  # avg_t = … restating the family
            if node.sup is None and set(letters) <= mentioned_names(expr) and any(
                    not (d.index or d.params or d.recurrence)
                    for d in scope.definitions.get(head, ())):
                return None      # z = Wᵀh + b, then z_i = log P̃(y = i | x): z's entry, a claim
            others = scope.subscripts.get(head, set()) - {letters[0]}
            if len(letters) == 1 and node.sup is None and _valued_index(expr, letters[0]) and \
                    others and all(re.fullmatch(r"[a-z]|\d+", x) for x in others) and \
                    not scope.definitions.get(head) and letters[0] not in scope.definitions and \
                    not any(isinstance(n, t.Script) and t.canon(n.base) == head
                            for n in t.walk(expr)) and \
                    letters[0] not in scope.variables | scope.functions:
                # (not δ_z = δ_a ⊙ 𝟙[z > 0], z a value the text defines: δ_z a name; nor
                # η_t = … beside η_max, values named by labels; nor η_t = η_0 γ^t, a name
                # given through its first member)
                # c_m = cos mθ, with c_n (or c_2) written too: a family, in its index's value
                return make(head, index=tuple(letters))
        if sup_ok:
            return make(full)                      # W_{out} = …, E_n = …, p_h = …: a name
        return None

    def _function(self, node: t.Call, expr: Any, st: Statement, line: int, make
                  ) -> Definition | None:
        scope = self.scope
        fname = name_of(node.fn)
        if fname in scope.tabled and at_a_point(node) and not scope.definitions.get(fname) and \
                fname not in scope.declared and not mentioned_names(expr) & {
                    n for a in node.args for n in mentioned_names(a)}:
            # α₁(3) = 0 of a function the text gives by its values at points: the value there
            return make(t.canon(node))
        args = [a for a in node.args if not (isinstance(a, t.Sym) and a.name == ";")]
        # k(x, x′) = …: a primed letter beside its own letter is a second parameter
        params = [t.canon(a) if _primed_letter(a) and a.base in args else name_of(a)
                  for a in args]
        if all(p is not None for p in params) and all(
                isinstance(a, t.Sym) or isinstance(a, t.Script) or _primed_letter(a)
                for a in args):
            if len(set(params)) != len(params) or _refers_to(expr, fname):
                return None
            if _closed(expr) and not scope.definitions.get(fname) and (
                    fname in scope.tabled or len(params) > 1 or
                    any(re.search(r"_\{?\d", p) for p in params) or
                    not set(params) & mentioned_names(expr) and any(
                        i.role == "condition" and len(i.sides) == 2 and
                        name_of(i.sides[0].term) == fname for i in scope.items)):
                # Q(s_1, R) = 1.0 + 0.1 · 1.8, V(C) = 0 beside V(A) = 0.5, g(Z) = (numbers)
                # with g = ReLU said before: a value at a point the text names, not a
                # constant function (of a function it defines, a
                # restatement, as below)
                return None
            earlier = [d for d in scope.definitions.get(fname, ()) if d.line < line]
            if earlier and not set(params) & mentioned_names(expr) and (all(
                    any(d.line < line and not d.params for d in scope.definitions.get(p, ()))
                    or p not in scope.cases and any(
                        i.role == "condition" and len(i.sides) == 2 and i.line <= line and
                        name_of(i.sides[0].term) == p and
                        isinstance(i.sides[1].term, (t.Paren, t.Matrix)) and
                        _literal(i.sides[1].term) for i in scope.items)
                    for p in params) or set(params) <= scope.cases and any(
                    set(d.params) & mentioned_names(d.expr) for d in earlier)):
                # f(x₀) = ½(1/9 + 1/3) with f and the iterate x₀ defined before (or given
                # numbers, "let q = (0,5; −1)"), D₀(h) = 0.539402 in a table's row for h = 0.1:
                # f's value there, not a new f that is constant
                return None
            if isinstance(node.fn, t.Script) and node.fn.sup is None and \
                    _letter_index(node.fn.sub) and len(params) > 1 and \
                    set(params) <= mentioned_names(expr) and \
                    not set(params) & set(_letter_index(node.fn.sub) or ()):
                # y_k(x, w) = exp(a_k(x, w))/Σ_j …: the family y_k, written with what it
                # depends on (Bishop's notation), as y_k alone writes it
                family = self._scripted(node.fn, expr, st, line, make)
                if family is not None:
                    return family
            if lookup(fname) is not None and fname not in scope.definitions:
                # elu(x) = … α …: the text's own function with a parameter, or the rule's
                # formula stated (a claim) when the text does not say it defines it
                others = value_names(expr) - set(params) - CONSTANTS - set(scope.definitions)
                others = {n for n in others if lookup(n) is None and n not in EXPECTATIONS} - \
                    bound_below(expr)
                # (lse(β, z) = β⁻¹ log Σ_i e^{βz_i}: written with more parameters than the
                # table's function takes, and using them all, it is the text's own)
                arity = lookup(fname).arity
                # (KL(μ, v) = ½(μ² + e^v − 1 − v): of numbers, not of laws q(x), p(x))
                own = (0 < arity < len(params) or lookup(fname).of_laws and
                       not set(params) & scope.called) and set(params) <= mentioned_names(expr)
                if not own and (not others and "define" not in st.cues or
                                not set(params) & mentioned_names(expr)):
                    return None     # tr(X) = Σ λ_i: a claim about tr, not a tr of its own
                return Definition(fname, expr, params=tuple(params), line=line,
                                  paragraph=st.paragraph, section=st.section, bullet=st.bullet)
            return make(fname, params=tuple(params))
        if len(args) == 1 and lookup(fname) is None and fname not in scope.definitions and \
                fname not in scope.declared and value_names(args[0]) - {"\\pm", "\\mp"}:
            # g(θᵀx) = 1/(1 + e^{−θᵀx}): the function g, of what its argument stands for (at
            # a number, L(2.5) = 2.5 − 0.5, it is a value of f, never its definition)
            arg = t.canon(args[0])
            body = _substitute(expr, arg, t.Sym("⋄u"))
            bound = {m for n in t.walk(expr) if isinstance(n, t.BigOp)
                     for sub in (n.sub or ()) for m in mentioned_names(sub)}
            # 𝔼[r(a)] = Σ_a π(a) r(a): a is bound by the sum, r(a) is no value to pass in
            if body is not expr and "⋄u" in mentioned_names(body) and \
                    fname not in mentioned_names(body) and \
                    not mentioned_names(args[0]) & bound:
                return make(fname, body, params=("⋄u",))
        return None

    def restated_anew(self, old: Definition, new: Definition, st: Statement) -> bool:
        """Whether a second definition of a name gives it a new meaning rather than restating
        the first: the text says so, or it is of another form, or in another section."""
        if "define" in st.cues or st.relations[:1] == (":=",) or \
                st.inline and "define" in st.cues.after and "hypothesis" not in st.cues:
            return True          # "… $C = …$ instead", "$s = …$ defines …"
        if st.cues.colon and "claim" not in st.cues.lead and not st.inline:
            return True          # "Для входа размера n, …:" introducing a new formula
        if st.inline and st.cues.lead & {"condition", "where", "values"}:
            return True          # "for $q = softmax(z/T)$": a new setting of the name
        if old.index and new.index and old.index != new.index or \
                bool(old.params) != bool(new.params):
            return True
        if new.section != old.section and not _is_number(new.expr):
            return True
        # "- scaled: $p = 1/(1 + e^{-1})$" in the list's next item: that item's own example
        return new.bullet != old.bullet and new.paragraph == old.paragraph

    # -- roles -----------------------------------------------------------------------------
    def item(self, st: Statement) -> Item:
        sides = list(st.sides)
        line = (st.sides[1] if len(sides) > 1 else st.sides[0]).piece.offset
        item = Item(st, sides, "claim", 0)
        item.line = line   # an offset for now: made a line by read_scope
        role, note = self._role(st)
        item.role, item.note = role, note
        return item

    def _role(self, st: Statement) -> tuple[str, str]:
        scope = self.scope
        sides = st.sides
        first = sides[0].term
        second = sides[1].term if len(sides) > 1 else None
        c = st.cues
        if _exhibited(scope.text, st.line) or st.inline and (
                "quoted_wrong" in c.near or _under_a_wrong_label(scope, st.line)):
            return "remark", "quoted as wrong by the text, not its claim"
        if "retracted" in c.after:
            return "remark", "taken back by the text (\"oops, I mean …\"), not its claim"
        if len(sides) == 2 and _written_with_its_arguments(first, second, scope):
            # x̂ = x̂_θ(z): the decoder's output, named with what it depends on, no formula
            return "remark", "a value named with what it depends on, not a claim"
        if "←" in st.relations:
            target = name_of(first)
            if st.relations[0] == "←" and set(st.relations[1:]) <= {"=", "≡"} and \
                    target is not None and second is not None and \
                    not _updates(first, second):
                return "assign", ""      # μ_B ← (1/m) Σ x_i: an assignment, read as :=
            if st.relations[0] == "←" and len(sides) > 2 and \
                    set(st.relations[1:]) <= {"=", "≈"}:
                # w ← w − η ∂L/∂w = (1 + 0.05, −2 + 0.075): the rule is no claim, what its
                # right side equals is
                return "updated", UPDATED
            return "update", "an update of an algorithm, not a claim"
        if st.relations == ("∈",) or _entries_named(first, second):
            return "declaration", "says what the names are"
        if len(sides) == 2 and name_of(first) is not None and isinstance(second, t.Call) and \
                name_of(second.fn) == name_of(first) and \
                all(name_of(a) is not None for a in second.args):
            # "where $a = a(x)$ is the logit": a depends on x, said in notation (no formula)
            return "remark", "says what the name depends on, not a claim"
        if not st.continues and _objective(first, scope) and st.relations[:1] == ("=",):
            return "claim", ""      # "Solve $\min f(x) = …$": the objective, defined there
        if "=!" in st.relations:
            return "solve", "an equation to solve, not an identity"
        if st.listed:
            return "list", "a range of values, not a claim"
        if _iteration(first, sides[1:], scope):
            return "update", "an iteration of an algorithm (the next value from the last)"
        if st.relations == ("≈",):
            # ε ≈ 0: a name the text gives no other value is negligible, 0 in the steps around
            # it; a name it defines (p_3 ≈ 0) is said to be small, which is not checked
            name = name_of(first)
            if name is not None and name not in scope.definitions and \
                    base_name(name) not in scope.definitions:
                return "condition", NEGLIGIBLE
            return "relation", "a relation named in the prose, not a claim"
        if st.relations and st.relations[0] in ("≠", "<", ">", "≤", "≥"):
            # (or "$|r| \\le \\delta$ 时：", the word after it: Chinese, Japanese, Korean)
            if second is not None and _only_indices(first, scope) and \
                    _only_indices(second, scope) or c.lead & {"condition", "case"} or \
                    "case" in c.sentence or "condition" in c.after and st.inline and \
                    _CJK_AFTER.match(st.after) is not None:
                return "condition", "a condition for the steps around it"
            return "relation", "a relation named in the prose, not a claim"
        if st.relations and st.relations[0] == ":=" and first is not None and \
                second is not None and t.canon(first) in mentioned_names(second):
            return "update", "an update of an algorithm, not a claim"
        if isinstance(first, t.Deriv) and (st.relations[:1] == (":=",) or (
                st.relations == ("=",) and st.inline and "define" in c.after and
                _CJK_AFTER.match(st.after) is not None)):
            # "we set ∂m/∂s := 1" (a straight-through estimator), "$∂ŵ/∂w = 1$ 로 둔다" (the
            # verb of setting after it): a derivative the text puts in place of the true one
            return "remark", "a derivative the text sets by definition, not a claim"
        if first is not None and _event_argument(first):
            return "model", "a statement of the model, not a claim"
        if any(isinstance(s.term, t.Paren) and s.term.bracket == "{" and len(s.term.args) > 1
               for s in sides):
            return "remark", "a set, not a claim"
        if not st.continues and "choice" in c.lead and name_of(first) is None and not (
                isinstance(first, t.Call) and name_of(first.fn) is not None and
                lookup(name_of(first.fn)) is None):
            # "a common choice is log C = …"; but "we choose h_θ(x) = g(θᵀx)" defines h_θ
            return "remark", "a value the text chooses, not a claim"
        prev = self.previous
        solving = prev is not None and (prev.role == "solve" or prev.note == SOLVED) and (
            prev.statement.block == st.block and st.implied or
            # "… is zero when $p = y$, i.e. when $e^{z_1 − z_k} = 37$": the same equation
            st.inline and prev.statement.inline and prev.paragraph == st.paragraph and
            st.block == prev.statement.block + 1 and "if" in st.cues.lead)
        # "its roots are λ = ½(2.8 ± …)": a root's value; "根は (1−λ)² = 1": its equation
        root = "roots" in c.near and name_of(first) is None
        if not st.continues and ("solve" in c.near or solving or root):
            if len(sides) > 2 and set(st.relations) == {"="} and \
                    isinstance(sides[-1].term, t.Num) and sides[-1].term.value == 0:
                # "∂𝓛/∂p_k = −ln p_k + λ − βE_k = 0": the derivative is claimed, what is set to
                # 0 is the equation
                return "solved", SOLVED
            return "solve", "an equation to solve, not an identity"
        if not st.continues and st.inline and "requirement" in c and name_of(first) is None \
                and not (isinstance(first, t.Call) and lookup(name_of(first.fn) or "")):
            return "remark", "a requirement stated in the prose, not a claim"
        if st.inline and second is not None and len(sides) == 2 and not st.continues:
            role = self._inline_role(st, first, second)
            if role is not None:
                return role
        return "claim", ""

    def _reach(self, term: Any) -> set[str]:
        return _reach(self.scope, mentioned_names(term))

    def _computed(self, term: Any) -> bool:
        """Whether a term uses a definition or a derivative (not only free names)."""
        return any(isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(term)) or bool(
            mentioned_names(term) & set(self.scope.definitions))

    def skip_first(self, item: Item) -> bool:
        """``(if v becomes 11.001, $J = 3 × 11.001 = 33.003$)``: a defined name given a value
        in passing; its first step names the value, the rest of the chain is checked. And
        ``… vanishes only when $z_y − z_k = log(…) = log 28$``: an equation right after
        "when" is the condition the prose names, the rest of the chain a computation."""
        st = item.statement
        first = item.sides[0].term
        return st.inline and len(item.sides) > 2 and not st.continues and (
            name_of(first) in self.scope.definitions and _is_number(item.sides[1].term) and
            ("if" in st.cues.sentence or "if" in st.cues.lead or
             "hypothesis" in st.cues.sentence) or
            name_of(first) is None and "if" in st.cues.lead)

    def _inline_role(self, st: Statement, a: Any, b: Any) -> tuple[str, str] | None:
        """``Case 1: $i = j$``, ``for $l = 2$``, ``at $x = 0$``: not claims."""
        scope = self.scope
        c = st.cues
        if a is None or b is None:
            return None
        glued = self.previous is not None and self.previous.paragraph == st.paragraph and \
            self.previous.statement.block == st.block - 1 and \
            re.fullmatch(r"[\s,]*(and|und|et|y|и|e|oraz|ve|和)?[\s,]*", st.before[-12:] or "")
        if isinstance(a, t.Sym) and isinstance(b, t.Sym) and lookup(a.name) is None and \
                lookup(b.name) is not None and (not scope.unapplied(b.name) or
                                                a.name in scope.called):
            # "let $h = \tanh$": h is that function of the table (said again if declared so)
            return ("named", "a function named in the prose, not a claim") \
                if a.name in scope.declared else None
        if "iff" in c.lead or glued and self.previous.role == "fact":
            return "fact", "when a fact of the prose holds, not a claim"
        if "exception" in c.after | c.sentence and name_of(a) is not None and b is not None and (
                _is_number(b) or isinstance(a, t.Sym) and a.name not in mentioned_names(b)):
            # "(at $x = 0$ it is not differentiable)", "(not defined at the thresholds
            # $w = (k + ½)Δ$)": a point set apart, not a setting
            return "remark", "a point the text sets apart, not a setting of the steps"
        if re.match(r"^,\s*(\d|\\dots|…)", st.after) and _is_number(b):
            return "list", "a list of values, not a claim"
        if _only_indices(a, scope) and _only_indices(b, scope) and not (
                _is_number(a) or _is_number(b)):
            return "condition", "a condition on the indices"
        if glued and self.previous.role == "condition" and _only_indices(a, scope) and \
                _is_number(b) and not _is_number(a):
            # "we take q = …, k = … and $n − m = 2$": the positions' offset, one of the values
            return "condition", "a condition on the indices"
        if "constraint" in c.lead and name_of(a) is None and not isinstance(a, t.Call) and \
                cue.mentions("constraint", st.before.split()[-1] if st.before.split() else "",
                             cue.all_languages()):
            # "the condition $2m + j = 4$ gives …": an equation to satisfy, not a claim (the
            # word right before it; "Условие." heads a problem's statement)
            return "condition", "an equation the text states as a condition, not a claim"
        if st.in_item and _listed_constraint(scope, st.line):
            # "the constraints are: 1. $Σ_k p_k = 1$; 2. $Σ_k p_k E_k = Ē$": what the
            # solution must satisfy, not claims
            return "condition", "a constraint the text lists, not a claim"
        cued = bool(c.lead & {"condition", "case", "values"}) or "values" in c.sentence or \
            bool(glued and self.previous.role == "condition")
        name = name_of(a)
        if name in scope.cases and (_is_number(b) or name_of(b) is not None):
            return "condition", "a case of a name the text gives several values"
        # "we choose β_t = 0,1·t, so β_1 = 0,1 to β_5 = 0,5": a member of a family the
        # text has defined is what the definition gives, not a choice of its own
        member = isinstance(a, t.Script) and isinstance(a.base, t.Sym) and a.sup is None and \
            _number_index(a.sub) and bool(scope.families(a.base.name, st.line))
        if name is not None and _is_number(b) and "choice" in c.lead | c.near and not member:
            return "condition", "a value the text chooses for the steps around it"
        if name is not None and _is_number(b) and name not in scope.definitions and any(
                name in mentioned_names(d.expr) and d.paragraph <= st.paragraph
                for ds in scope.definitions.values() for d in ds):
            # "($y = 1$): …" with y in L's formula: a case of the formula, not a new y (an
            # input given before the formulas that use it is the data they use)
            return "condition", "a value at which the steps around it are read"
        kind = scope.declared.get(name) if name is not None else None
        if kind is not None and kind.name not in ("constant", "index") and \
                not kind.is_function and not _is_number(b):
            return ("condition", "a value at which the steps around it are read") if cued \
                else ("named", "a value named in the prose, not a claim")
        if name is not None and name_of(b) is not None and (c.lead & {"condition", "case"} or
                                                           glued and self.previous.role ==
                                                           "condition"):
            return "condition", "a value at which the steps around it are read"
        if name is not None and name_of(b) is not None and (
                name in scope.variables or name in scope.functions) and name in self.seen:
            return "named", "a value named in the prose, not a claim"
        if name is None and "if" in c.lead:
            return "remark", "a condition named in the prose, not a claim"
        if _names_a_norm(a, b):
            return None                 # "let $r = \\lVert x \\rVert$": r defined, not a point
        if not self._computed(a) and not self._computed(b) and _atomic(a) and _atomic(b) and \
                not _is_number(a) and not _is_number(b) and \
                (name is None or name in self.seen):
            # "the pieces meet at $|r| = δ$": an equation between two free names, a point
            return "condition", "a value at which the steps around it are read"
        if _atomic(a) and _atomic(b) and not _is_number(a) and not _is_number(b) and \
                not (_is_number(_untransposed(b)) and name not in scope.definitions) and \
                not (_power(b) and not self.layer_labels) and \
                not self._computed(b) and not mentioned_names(b) & self._reach(a):
            # "at the junction $|r| = δ$" with r defined: a defined name equal to a free name
            # it does not depend on holds nowhere as an identity; it names a point (x = [1, 2]^T
            # with x given nowhere else is the data, defined here)
            return "condition", "a value at which the steps around it are read"
        if name is None or not _is_number(b):
            return None
        base = a.base.name if isinstance(a, t.Script) and isinstance(a.base, t.Sym) else name
        kind = scope.declared.get(name) or scope.declared.get(base)
        if kind is not None and kind.name != "constant" and not kind.is_function:
            return ("condition", "a value at which the steps around it are read") if cued or \
                "condition" in c.after else ("named", "a value named in the prose, not a claim")
        sequence = isinstance(a, t.Script) and _number_index(a.sub) and any(
            d.recurrence for d in scope.definitions.get(base, ()))
        if name != base and name not in scope.definitions and scope.definitions.get(base) and \
                all(_is_number(d.expr) and not d.index for d in scope.definitions[base]):
            return None     # d = 512, d_{ff} = 2048: a number has no entries, d_{ff} is a name
        if (name in scope.definitions or base in scope.definitions) and not sequence:
            d = (scope.definitions.get(name) or scope.definitions[base])[-1]
            inputs = mentioned_names(d.expr)
            if cued and d.index == () and not d.params and inputs and not any(
                    scope.valued(n) or any(
                        len(i.sides) > 1 and i.sides[0].term is not None and
                        name_of(i.sides[0].term) == n and _is_number(i.sides[1].term)
                        for i in scope.items) for n in inputs):
                # p = σ(z) with z given no value anywhere, then "Numbers: $p = 0.8$": the
                # example's p, at which the steps around it are read
                return "condition", "a value at which the steps around it are read"
            if counted(d) and (cued or "where" in c.lead) and t.canon(d.expr) != t.canon(b):
                # P = 235 146 counted, then "the same arithmetic with $P = 7 × 10^9$": another
                # number for a constant, at which the steps after it are read
                return "condition", "a value at which the steps around it are read"
            return "named", "a value named in the prose, not a claim"
        if isinstance(a, t.Script) and a.sup is None and _letter_index(a.sub) and \
                isinstance(a.base, t.Sym) and a.base.name in scope.bare:
            # "at $w_j = 0$": a component of w; d_k = 3 with d never written alone is a name
            return ("condition", "a value at which the steps around it are read") if cued \
                else ("named", "a value named in the prose, not a claim")
        if name in scope.variables and name in self.seen:
            cued = cued or not st.before.strip(" ,;:")
            return ("condition", "a value at which the steps around it are read") if cued \
                else ("named", "a value named in the prose, not a claim")
        if name in scope.functions and name in self.seen:
            return ("condition", "a value at which the steps around it are read") if cued \
                else ("named", "a value named in the prose, not a claim")
        if name in self.seen and (c.lead & {"condition", "case", "values"} or
                                  glued and self.previous.role == "condition"):
            return "condition", "a value at which the steps around it are read"
        return None        # L = 5 with L new: a constant, defined here

    # -- the definitions a claim makes -----------------------------------------------------
    def define(self, item: Item, line_of) -> None:
        """The definitions the first steps of a claim make (``ŷ = a = σ(z)``: two;
        ``z_j = h(a_j) = \\tanh(a_j)``: z_j, and the function h)."""
        scope = self.scope
        st = item.statement
        sides = item.sides
        line = item.line
        first = sides[0].term
        if len(sides) == 2 and isinstance(first, t.Call) and t.Sym(";") in first.args and \
                name_of(first.fn) in scope.conditioned and scope.definitions.get(
                    name_of(first.fn)) and sides[1].term is not None:
            params = [name_of(a) for a in first.args if a != t.Sym(";")]
            if all(params) and len(set(params)) == len(params):
                # p(x | z) = 𝒩(x; z, s²) with p(z) defined: the conditional law, a reading
                scope.conditional_laws.setdefault(name_of(first.fn), Definition(
                    name_of(first.fn), sides[1].term, params=tuple(params), line=line,
                    paragraph=st.paragraph, section=st.section, bullet=st.bullet))
        for k in range(1, len(sides) - 1):      # z_j = h(a_j) = tanh(a_j): h, inside a chain
            node, value = sides[k].term, sides[k + 1].term
            if isinstance(node, t.Call) and name_of(node.fn) is not None and \
                    name_of(sides[k - 1].term) != name_of(node.fn) and value is not None:
                fname = name_of(node.fn)
                if lookup(fname) is None and fname not in scope.known_names() and \
                        fname not in CONSTANTS and fname not in OPERATORS:
                    d = self._function(node, value, st, line, lambda n, body=None, **kw:
                                       Definition(n, value if body is None else body, line=line,
                                                  paragraph=st.paragraph, section=st.section,
                                                  bullet=st.bullet, **kw))
                    if d is not None:
                        scope.define(d)
                        item.defines[k] = d
        for k, relation in enumerate(st.relations):     # … = e^{z_k}/Σ e^{z_m} =: S_k
            if relation == "=:" and k + 1 < len(sides) and sides[k].term is not None:
                d = self.candidate(sides[k + 1].term, sides[k].term, st, line)
                if d is not None and self.scope.defined_before(d.name, line) is None:
                    scope.define(d)
                    item.defines[k] = d
        last = sides[-1].term
        if len(sides) > 2 and not item.defines and name_of(last) is not None and \
                sides[-2].term is not None and \
                not st.continues and base_name(name_of(last)) not in self.seen and \
                not scope.known(name_of(last)) and not scope.known(base_name(name_of(last))):
            # ∂LSE/∂x_i = e^{x_i}/Σ_j e^{x_j} = p_i, p never written before: naming the value
            d = self.candidate(last, sides[-2].term, st, line)
            if d is not None:
                scope.define(d)
                item.defines[len(sides) - 2] = d
        if len(sides) > 2 and not item.defines and not st.continues and \
                sides[0].term is not None and not _atomic(sides[0].term):
            # softmax(z)_i = p_i = e^{z_i}/Σ_j e^{z_j}, p not defined before: the chain
            # names its value in passing (the expression on its right)
            for k in range(1, len(sides) - 1):
                node, value = sides[k].term, sides[k + 1].term
                name = name_of(node) if isinstance(node, (t.Sym, t.Script)) else None
                if name is None or value is None or _atomic(value) or _literal(value) or \
                        scope.known(name) or scope.known(base_name(name)) or \
                        lookup(base_name(name)) is not None or name in CONSTANTS:
                    continue
                d = self.candidate(node, value, st, line)
                if d is not None and not self._circular(d, line):
                    scope.define(d)
                    item.defines[k] = d
                    break
        if not item.defines and self._log_definition(item):
            return
        for k in range(len(sides) - 1):
            if k in item.defines:
                break
            forced = k < len(st.relations) and st.relations[k] in (":=", "≡")
            node, target = sides[k].term, sides[k + 1].term
            if node is None or target is None:
                break
            if isinstance(target, t.Call) and t.canon(target.fn) == t.canon(node) and \
                    k + 2 < len(sides):
                target = sides[k + 2].term              # f = f(x; W) = Wx: f is Wx
            by_chance = bool(_chance(target, scope)) and k + 2 < len(sides)
            if by_chance:
                target = sides[k + 2].term              # GELU(x) = x P(X ≤ x) = x Φ(x)
            name = t.canon(node)
            if target is None or name in value_names(target, scope.known, scope.layers) and \
                    not isinstance(node, t.Call):
                break                                    # x = x + 0: a claim about x
            d = self.candidate(node, target, st, line)
            if d is None or not d.recurrence and not d.index and self._circular(d, line):
                break
            old = self._in_force(d, line)
            family = self._member_of(node, line) if old is None and not forced else None
            if family is not None:
                # m̂_t = m_t/(1 − β^t) for every t, later m̂_2 = …: the member the family
                # already gives, a claim about it
                item.restates = (d.name, family.line)
                break
            if old is not None and not forced and self._under_case(old, st):
                item.restates = (d.name, old.line)
                break        # "(y = 1): L = ½‖u − v‖²": L in that case, a claim about L
            if old is not None and not forced:
                # a number for a name defined before (f(w, x) = …, later f = σ(1) ≈ 0.73 at
                # the example's w and x): the earlier definition at values, a claim about it
                numeric = not d.params and _closed(d.expr) or \
                    bool(old.params) and len(d.params) == len(old.params) and \
                    d.params != old.params and all(scope.known(p) for p in d.params)
                # (f(w₀) = 1 + 5 after f(w) = …, with w₀ given: f at a point, a claim)
                if numeric and not old.params and _closed(old.expr):
                    numeric = False    # o = 10, later o = ⌊…⌋ + 1 = 6: a new example's value
                if numeric or not self.restated_anew(old, d, st):
                    item.restates = (d.name, old.line)
                    break              # checked as a claim about the earlier definition
                cases = set(re.findall(r"\$\s*([A-Za-z])\s*=\s*[-−]?\d", st.sentence))
                if "define" not in st.cues and cases & mentioned_names(old.expr):
                    d = dataclasses.replace(d, tentative=True)   # "(y = 1): L = …"
                item.replaces[k] = old
                d = dataclasses.replace(d, replaced=old)
            if st.implied:
                d = dataclasses.replace(d, implied=True)
            scope.define(d)
            item.defines[k] = d
            if target is not sides[k + 1].term:
                if not by_chance:
                    item.defines[k + 1] = d
                break
            if name_of(sides[k + 1].term) is None and not (
                    at_a_point(sides[k + 1].term) and
                    name_of(sides[k + 1].term.fn) in scope.tabled):
                break                  # ŷ = a = σ(z): names, then the expression

    def _under_case(self, old: Definition, st: Statement) -> bool:
        """Whether the statement restating ``old`` comes right after a case value of one of the
        names ``old`` depends on ("(y = 1): L = …"), or a case of a piecewise ``old`` ("Case
        $x < 0$: here $f(x) = α(e^x − 1)$")."""
        prev = self.previous
        cases = ("=",) if not isinstance(old.expr, t.Cases) else ("=", "<", ">", "≤", "≥", "≠")
        return prev is not None and prev.role == "condition" and \
            prev.statement.relations[:1] in tuple((r,) for r in cases) and \
            prev.paragraph == st.paragraph and len(prev.sides) == 2 and \
            name_of(prev.sides[0].term) in mentioned_names(old.expr)

    def _through_families(self, expr: Any, letters: list[str], line: int) -> list[Any]:
        """The formulas of the families ``expr`` uses at its own index, and of those they use
        (h_t = tanh(a_t) with a_t = W h_{t−1} + …: a_t's formula, where h_{t−1} is)."""
        found: list[Any] = []
        seen: set[int] = set()
        todo = [expr]
        while todo:
            for n in t.walk(todo.pop()):
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub is not None \
                        and [t.canon(i) for i in n.sub] == letters:
                    for d in self.scope.families(n.base.name, line):
                        if list(d.index) == letters and id(d) not in seen:
                            seen.add(id(d))
                            found.append(d.expr)
                            todo.append(d.expr)
        return found

    def _member_of(self, node: Any, line: int) -> Definition | None:
        """The family in force that gives ``node``, a numbered member (m̂_2, δ_1), its value:
        one defined for every index, of values the text gives."""
        if not (isinstance(node, t.Script) and isinstance(node.base, t.Sym) and
                node.sup is None and _number_index(node.sub)):
            return None
        count = len(index_list(node.sub))
        for d in self.scope.families(node.base.name, line):
            # not h_t = tanh(a_t) with a_t = w h_{t−1} + …, a recurrence the text does not
            # write as one (m̂_t of a sequence m_t = β m_{t−1} + … is a member of its own; s_{t+1}
            # of V(s_{t+1}), V given by its values at points, names a point, no value)
            exprs = (d.expr, *self._through_families(d.expr, list(d.index), line))
            points = {id(a) for e in exprs for a in _point_arguments(e, self.scope)}
            if not d.recurrence and not d.params and len(d.index) == count and not any(
                    _shifted(i, letter) and not any(
                        e.recurrence for e in self.scope.families(n.base.name, line))
                    for e in exprs
                    for n in t.walk(e) if isinstance(n, t.Script) and n.sub is not None and
                    id(n) not in points
                    for i in index_list(n.sub) for letter in d.index):
                return d if self._given_by_text(d) else None
        return None

    def _given_by_text(self, d: Definition) -> bool:
        """Whether every value family ``d``'s formula uses is one the text gives: declared,
        defined, or a sequence whose first member it states (m_t of m̂_t = m_t/(1 − β^t), with
        m_0 = 0) — so that the member's value rests on the text, not on values drawn."""
        scope = self.scope
        stated = {name_of(i.sides[0].term) for i in scope.items if i.sides} - {None} | \
            set(scope.definitions)
        by: set[str] = set()
        for v in t.walk(d.expr):
            if isinstance(v, t.Deriv):        # δ_t = ∂L/∂a_t: a, and L made of a
                var = value_names(v.var, scope.known, scope.layers)
                if v.f is not None and not var <= _reach(scope, mentioned_names(v.f), True):
                    return False
                by |= var
        # (s of V(s_{t+1}), V given by its values at points: a point's name, no value)
        points = {m for a in _point_arguments(d.expr, scope) for m in mentioned_names(a)}
        for n in (value_names(d.expr, scope.known, scope.layers) | by) - set(d.index) - \
                CONSTANTS - points:
            if n in scope.declared or lookup(n) is not None or n in OPERATORS or \
                    n in scope.tabled or any(
                    base_name(m) == n and m != n and scope.valued(m) for m in stated):
                continue     # β of β_1^t, with β_1 = 0.9 given; V of V(s_0) = 1.0, V(s_1) = …
            defs = scope.definitions.get(n, ())
            if not defs or any(e.recurrence for e in defs) and not any(
                    k.startswith(n + "_{") for k in scope.definitions):
                return False
        return True

    def _circular(self, d: Definition, line: int) -> bool:
        """Whether ``d``'s right side depends, through the definitions in force, on the name it
        would define: the inverse of an earlier definition, a claim about it."""
        view = self.scope.view(line, d.paragraph)
        seen: set[str] = set()
        todo = [d.expr]
        while todo:
            for n in value_names(todo.pop(), self.scope.known, self.scope.layers):
                if n == d.name or squared(n) == d.name:
                    return True        # (v = log σ², then σ² = e^v: σ² through σ)
                e = view.get(n)
                if e is not None and n not in seen and e.name != d.name:
                    seen.add(n)
                    todo.append(e.expr)
        return False

    def _in_force(self, d: Definition, line: int) -> Definition | None:
        """An earlier definition of ``d``'s name that ``d`` would restate or replace (a family
        with another letter lives beside it)."""
        old = self.scope.defined_before(d.name, line)
        if old is None:
            return None
        if d.index and old.index and d.index != old.index and len(d.index) == len(old.index):
            return None            # δ_j beside δ_k: Bishop's letters name the layer
        return old

    def _log_definition(self, item: Item) -> bool:
        """``\\log s_i = z_i - \\log\\sum_k e^{z_k}`` with s new: the text defines s through its
        logarithm, s_i = exp(…)."""
        node, value = item.sides[0].term, item.sides[1].term if len(item.sides) > 1 else None
        logs = ("\\log", "\\ln", "log", "ln")
        x = None
        if isinstance(node, t.Call) and name_of(node.fn) in logs and len(node.args) == 1:
            x = node.args[0]
        elif isinstance(node, t.Product) and len(node.items) == 2 and \
                name_of(node.items[0]) in logs:
            x = node.items[1]
        if not isinstance(x, (t.Sym, t.Script)) or value is None:
            return False
        head = t.canon(x.base) if isinstance(x, t.Script) else t.canon(x)
        if self.scope.known(t.canon(x)) or self.scope.known(head):
            return False
        d = self.candidate(x, t.Call(t.Sym("\\exp"), (value,)), item.statement, item.line)
        if d is None:
            return False
        self.scope.define(d)
        item.defines[0] = d
        return True


def _is_d_mark(node: Any) -> bool:
    """d or ``\\mathrm{d}``, the differential's mark (not δ, whose δc_t runs back in time)."""
    return isinstance(node, t.Sym) and node.name in ("d", "\\mathrm{d}")


def _updates(target: Any, expr: Any) -> bool:
    """Whether ``target ← expr`` updates the target (θ ← θ − η g): its name on the right."""
    found = mentioned_names(expr)
    if t.canon(target) in found:
        return True
    return isinstance(target, t.Script) and isinstance(target.base, t.Sym) and \
        target.base.name in found


def _iteration(first: Any, rest: list[Side], scope: Scope) -> bool:
    """``w_{k+1} = w_k - η ∇L(w_k)`` with w a declared vector: an algorithm's step."""
    if not (isinstance(first, t.Script) and isinstance(first.base, t.Sym) and first.sub and
            len(first.sub) == 1 and first.sup is None):
        return False
    step = first.sub[0]
    if not (isinstance(step, t.Add) and isinstance(step.a, t.Sym) and
            isinstance(step.b, t.Num) and step.b.value == 1):
        return False
    name = first.base.name
    if name not in scope.declared or not scope.declared[name].shape:
        return False
    return any(isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == name
               and n.sub == (step.a,) for side in rest if side.term is not None
               for n in t.walk(side.term))


def _chance(term: Any, scope: Scope) -> set[str]:
    """The operators over distributions ``term`` takes (𝔼, Var, P(X ≤ x)) that the text does not
    define: what the checker does not evaluate."""
    if term is None:
        return set()
    # KL(𝒩(μ, σ²) ‖ 𝒩(0, 1)): the laws a divergence compares are its arguments, not operators
    compared = {id(a.fn) for n in t.walk(term) if isinstance(n, t.Call) and
                isinstance(n.fn, (t.Sym, t.Script)) and
                getattr(lookup(t.canon(n.fn)), "name", "") == "kl"
                for a in n.args if isinstance(a, t.Call)}
    found = {n.name for n in t.walk(term) if isinstance(n, t.Sym) and n.name in OPERATORS and
             not scope.known(n.name) and id(n) not in compared}
    found |= {"P" for n in t.walk(term) if _event_argument(n) and name_of(n.fn) in ("P", "p")
              and not scope.known("P")}
    return found


# ---- gradients named with d, the text's convention ------------------------------------------

def _adjoint(node: Any) -> Any:
    """``O`` of ``\\bar{O}``, ``W^{(2)}`` of ``\\bar{W}^{(2)}``: what a barred name is the
    adjoint of (the reverse-mode convention, ``\\bar{x} = ∂L/∂x``)."""
    base = node.base if isinstance(node, t.Script) else node
    bar = isinstance(base, t.Sym) and re.fullmatch(r"\\bar\{(.+)\}", base.name)
    if not bar or isinstance(node, t.Script) and node.sub is not None:
        return None
    inner = t.Sym(bar.group(1), base.style)
    return dataclasses.replace(node, base=inner) if isinstance(node, t.Script) else inner


def _differentiated(node: Any) -> Any:
    """``O`` of ``dO``, ``W^{[1]}`` of ``dW^{[1]}``: what a name with a leading d is the
    differential of."""
    if isinstance(node, t.Product) and len(node.items) == 2 and isinstance(
            node.items[0], t.Sym) and node.items[0].name == "d" and isinstance(
            node.items[1], (t.Sym, t.Script)):
        x = node.items[1]
        base = x.base if isinstance(x, t.Script) else x
        if isinstance(base, t.Sym) and (len(base.name) == 1 or base.name.startswith("\\")):
            return x
    return None


def _subscripted(node: Any) -> tuple[Any, str]:
    """``y`` of ``δ_y``, ``h`` of ``g_h``: the name a letter's subscript names, where the text
    writes gradients so (``δ_y = ∂L/∂y``); the mark is the letter's."""
    if isinstance(node, t.Script) and node.sup is None and isinstance(node.base, t.Sym) and \
            node.sub is not None and len(node.sub) == 1 and \
            isinstance(node.sub[0], (t.Sym, t.Script)):
        return node.sub[0], "sub " + node.base.name
    return None, ""


def _an_input(scope: Scope, name: str) -> bool:
    """Whether ``name`` is written in one of the text's definitions (an input of it)."""
    return any(name in mentioned_names(d.expr) for ds in scope.definitions.values() for d in ds)


def _gradient_names(item: Item, scope: Scope, said: set[str]) -> None:
    """Once the text states its convention, ``dO = \\partial L/\\partial O``, ``dV = P^T dO``
    claims ∂L/∂V = Pᵀ dO, and dV stands for ∂L/∂V from there on; so with bars, once
    ``\\bar{O} = ∂L/∂O``, ``\\bar{V} = A^T \\bar{O}`` claims ∂L/∂V = Aᵀ Ō, and with a letter's
    subscript, once ``δ_y = ∂L/∂y``, ``δ_h = δ_y W^T`` claims ∂L/∂h = δ_y Wᵀ."""
    if len(item.sides) < 2:
        return
    first = item.sides[0].term
    x, mark = _differentiated(first), "d"
    if x is None:
        x, mark = _adjoint(first), "bar"
    if x is None:
        x, mark = _subscripted(first)
    # δ_y = ∂L/∂y (= c): the letter's convention, not only the upstream gradient named
    value = item.sides[1].term
    convention = x is not None and (not mark.startswith("sub") or isinstance(
        value, t.Deriv) and t.canon(value.var) == t.canon(x))
    if item.note == NAMES_GRADIENT and scope.gradient_of is None and not convention:
        # `dscores` = ∂L/∂s, the upstream gradient named: dW, db, dh after it are L's too
        value = next((sd.term for sd in item.sides if isinstance(sd.term, t.Deriv)), None)
        if value is not None and value.order == 1 and value.f is not None:
            scope.gradient_of = (value.f, item.line, "d")
        return
    if x is None:
        return
    if isinstance(value, t.Deriv):
        if value.order == 1 and value.f is not None and t.canon(value.var) == t.canon(x) \
                and (len(item.sides) == 2 or mark != "d") and scope.gradient_of is None:
            scope.gradient_of = (value.f, item.line, mark)
        return
    if scope.gradient_of is None or scope.gradient_of[1] >= item.line or \
            scope.gradient_of[2] != mark:
        return
    if scope.gradient_letters and mark == "d" and \
            name_of(x.base if isinstance(x, t.Script) else x) not in scope.gradient_letters:
        return
    # dW_{ij}: an entry of dW; dW_{row}: a name of its own
    whole = x.base if mark == "d" and isinstance(x, t.Script) and x.sub is not None and \
        x.sup is None and not is_label_sub(x.sub, scope.layers) and \
        not scope.known(t.canon(x)) and t.canon(x) not in said else x
    name = {"d": "d" + t.canon(whole), "bar": name_of(first) or ""}.get(mark, t.canon(first))
    # (W^{[2]} of Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}: an input of a definition, known too)
    if name in scope.declared or not (scope.known(t.canon(whole)) or t.canon(whole) in said or
                                      _an_input(scope, t.canon(whole))):
        return
    f = scope.gradient_of[0]
    side = item.sides[0]
    item.sides[0] = dataclasses.replace(side, terms=[("", t.Deriv(f, x, 1))])
    scope.define(Definition(name, t.Deriv(f, whole, 1), line=item.line,
                            paragraph=item.paragraph, section=item.statement.section))


# ---- reading the document ------------------------------------------------------------------

def _declarations(items: list[Item], scope: Scope) -> None:
    """``Q, K, V \\in \\mathbb{R}^{N \\times d}``, ``y ∈ \\{0, 1\\}`` in the prose declare the names, as
    the front matter would; a size with no value is given one."""
    declared = {n: k.value for n, k in scope.declared.items()
                if k.name == "constant" and k.value is not None}
    # (s_i ∈ {−1, +1} beside sᵀWs: s, written transposed, is the vector of them)
    transposed = {n.base.name for item in items for side in item.sides if side.term is not None
                  for n in t.walk(side.term) if _transposed(n) and isinstance(n.base, t.Sym)}
    for item in items:
        if item.role != "declaration":
            continue
        # a size's value from a definition in force here: an example's k = 2 further on
        # gives the general ℝ^{1×k} above it no size
        constants = dict(declared)

        def known(name: str, item=item) -> bool:
            """Declared, or defined where this declaration is: an example's values further on
            do not make the general declaration idle."""
            return name in scope.declared or any(
                d.line <= item.line or d.paragraph == item.paragraph
                for d in scope.definitions.get(name, ()))

        def a_member(name: str, item=item) -> bool:
            """s_k of s_k = log σ_k, a family defined before: s_k ∈ ℝ says what its members
            are, and makes none of them an input."""
            member = re.fullmatch(r"(.+?)_\{?[a-z]\}?", name)
            return member is not None and any(
                d.index and (d.line <= item.line or d.paragraph == item.paragraph)
                for d in scope.definitions.get(member.group(1), ()))
        for name, ds in scope.definitions.items():
            if len(ds) == 1 and not ds[0].params and not ds[0].index and \
                    isinstance(ds[0].expr, t.Num) and (ds[0].line <= item.line or
                                                       ds[0].paragraph == item.paragraph):
                constants[name] = ds[0].expr.value
        for node in _written_terms(item.sides[0].text):
            if isinstance(node, t.Call) and name_of(node.fn) is not None:
                scope.declared_applied.add(base_name(name_of(node.fn)))
        count = list_count(item.sides[1].term) if _entries_named(
            item.sides[0].term, item.sides[1].term) else None
        # π = (π_1, …, π_K): π a vector of K, its entries the π_i
        kind = _set_kind(item.sides[1].text if count is None else f"\\mathbb{{R}}^{{{count}}}",
                         constants, item.line)
        if kind is None:
            letter = _counted_to(item.sides[1].text)
            if letter is not None:
                for name in _written_names(item.sides[0].text):
                    sample = re.fullmatch(r"(.+?)(\^\{\([a-z]\)\}|_\{?[a-z]\}?)", name)
                    for n in (name, sample.group(1) if sample else None):
                        if n is not None and not known(n):
                            scope.class_labels[n] = letter
                            scope.declared[n] = Kind("index")      # sized once C is
                            scope.declared_on[n] = item.line
                continue
            item.note = "a set the checker does not read; declare the names in the front matter"
            continue
        if count is not None or not isinstance(kind, Kind) and \
                not re.search(REALS, item.sides[1].text):
            scope.open_domain.update(_written_names(item.sides[0].text))
        if not isinstance(kind, Kind):
            for name in _written_names(item.sides[0].text):
                if not known(name):
                    scope.shaped[name] = kind      # ℝ^n with n unknown: sized by unification
                    scope.declared_on[name] = item.line
            continue
        for name in _written_names(item.sides[0].text):
            if known(name) or not kind.shape and a_member(name):
                continue
            sample = re.fullmatch(r"(.+?)(\^\{\([a-z]\)\}|_\{?[a-z]\}?)", name)
            if sample and not kind.shape and (sample.group(1) in scope.shaped or (
                    sample.group(1) in scope.declared and scope.declared[sample.group(1)].shape)):
                continue    # h ∈ {0, 1}^m, then h_j ∈ {0, 1}: h's entries, no name of their own
            scope.declared[name] = kind
            scope.declared_on[name] = item.line
            if sample and not scope.known(sample.group(1)) and not kind.shape and \
                    sample.group(1) not in transposed:
                scope.declared[sample.group(1)] = kind     # y^{(i)} ∈ {−1, +1}: y is one too
                scope.declared_on[sample.group(1)] = item.line


def _set_kind(text: str, constants: dict, line: int) -> Kind | tuple | None:
    """The kind a set declares (``\\mathbb{R}^{3×4}``), or, for sizes written with letters,
    their parts to unify (``\\mathbb{R}^{N×d}``); None for a set the checker does not read."""
    try:
        return kind_of(text, constants, str(line))
    except BackpropError:
        return _symbolic_sizes(text)


def _premised(item: Item, scope: Scope) -> None:
    """"using $α_t(1 − ᾱ_{t−1}) + β_t = 1 − ᾱ_t$", "since $…$": an equation the prose relies
    on, among names the text does not define — each of them bound by it, where it does not
    hold for every value (the checker's first pass decides that)."""
    st = item.statement
    if not st.inline or "premise" not in st.cues.lead or set(st.relations) != {"="}:
        return
    if len(item.sides) != 2 or any(isinstance(c, t.Sym) and lookup(c.name) is not None
                                   for side in item.sides if side.term is not None
                                   for c in t.walk(side.term)):
        return      # (σ'(z) = σ(z)(1 − σ(z)) = ŷ(1 − ŷ): a rule of the notation, claimed)
    names = {base_name(n) for side in item.sides if side.term is not None
             for n in mentioned_names(side.term)} - CONSTANTS
    # (a name the text defines only later, x_t = √ᾱ x_0 + …, is free where it relies on this)
    defined = {base_name(n) for n, ds in scope.definitions.items()
               if any(d.line <= item.line for d in ds)}
    free = {n for n in names if n not in defined and lookup(n) is None and
            n not in scope.declared and n not in scope.indexed}
    if len(free) >= 2 and not names & defined:
        scope.premises.append((item, frozenset(free)))


def _listed_constraint(scope: Scope, line: int) -> bool:
    """Whether ``line`` is an item of a list that a line ending in a colon introduces as
    constraints ("约束为：", "subject to the constraints:", "Nebenbedingungen:")."""
    lines = scope.lines
    k = min(line, len(lines)) - 1
    item = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
    while k >= 0 and (item.match(lines[k]) or lines[k].startswith(" ") and lines[k].strip()):
        k -= 1
    listed = k < min(line, len(lines)) - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    if k < 0 or not listed or not lines[k].rstrip().endswith((":", "：")):
        return False
    return cue.mentions("constraint", lines[k].lower(), scope.languages)


def _paragraph_opening(scope: Scope, line: int) -> str:
    """The first line of the paragraph of ``line``."""
    lines = scope.lines
    k = min(line, len(lines)) - 1
    while k > 0 and lines[k - 1].strip():
        k -= 1
    return lines[k] if 0 <= k < len(lines) else ""


def _opens_case(scope: Scope, line: int) -> bool:
    """Whether the paragraph of ``line`` opens with a word of a case ("*Case B* (μ₁ = 0).",
    "Przypadek 2:")."""
    words = re.findall(r"[^\W\d_]+", _paragraph_opening(scope, line))[:2]
    return bool(words) and cue.mentions("case", " ".join(words).lower(), scope.languages)


def _under_a_wrong_label(scope: Scope, line: int) -> bool:
    """Whether the paragraph of ``line`` is labelled as wrong answers quoted ("*Common
    mistakes:* forgetting …; writing $σ' = 1 − σ^2$"): a label of the cue table's
    "quoted_wrong" row, before a colon, opens it."""
    label, colon, _ = _paragraph_opening(scope, line).partition(":")
    words = re.findall(r"[^\W\d_]+", label)
    return bool(colon) and 0 < len(words) <= 4 and \
        cue.mentions("quoted_wrong", " ".join(words).lower(), scope.languages)


def _objective(node: Any, scope: Scope) -> bool:
    """``\\min f(x)``, ``\\max_x g(x)`` with f, g not defined yet: an operator of the table
    whose subscript is what it ranges over, then the function a problem states (with f defined,
    ``\\min_x f(x) = 0`` is a claim about its least value, and defines nothing)."""
    if not (isinstance(node, t.Product) and len(node.items) == 2 and
            isinstance(node.items[1], t.Call)) or name_of(node.items[1].fn) in scope.definitions:
        return False
    head = node.items[0]
    head = head.base if isinstance(head, t.Script) and head.sup is None else head
    row = lookup(head.name) if isinstance(head, t.Sym) else None
    return row is not None and row.subscript == "what it ranges over"


# a name written as a law of a condition, π(a | s), π_θ(a \mid s), p(y|x)
_CONDITIONED = re.compile(r"(\\?[A-Za-z]+)(?:_\{?\\?[A-Za-z]+\}?)?\s*\(\s*[^()$|]{1,30}?\s*"
                          r"(?:\||\\mid(?![A-Za-z]))")


def _counted_to(text: str) -> str | None:
    """The letter of ``\\{1, \\dots, C\\}`` (a label among C classes), C not a number."""
    m = re.fullmatch(r"\s*\\\{\s*1\s*,\s*(?:\\[lc]?dots|…|\.\.\.)\s*,\s*"
                     r"([A-Za-z](?:_\{?[A-Za-z]\}?)?)\s*\\\}\s*[.,;]?\s*", text)
    return t.canon(parse(m.group(1))) if m else None


def _entries_named(first: Any, second: Any) -> bool:
    """``x = (x_1, …, x_n)``: the entries of x given names, not a claim."""
    return isinstance(first, t.Sym) and list_count(second) is not None and \
        second.args[0].base == first


def _written_terms(text: str) -> list[Any]:
    """The terms of ``x, W^{(1)}, b`` (commas inside braces kept), those that read."""
    out = []
    for written in re.split(r",(?![^{]*\})", text):
        try:
            out.append(parse(written.strip()))
        except Unreadable:
            continue
    return out


def _written_names(text: str) -> list[str]:
    """The names of ``x, W^{(1)}, b``; not a transposed name (``C^\\top \\in ℝ^{16×4}`` says
    what C is, and names nothing new)."""
    return [t.canon(node) for node in _written_terms(text)
            if not (isinstance(node, t.Script) and isinstance(node.sup, t.Sym) and
                    node.sup.name in TRANSPOSE)]


def _symbolic_sizes(text: str) -> tuple[int | str, ...] | None:
    r"""The sizes of ``\mathbb{R}^{N \times d}`` written with letters: numbers, or the letters'
    canonical names (a size the text names without a value, unified with the others later)."""
    # (and of a set of a few numbers raised to one, v ∈ {0, 1}^n: its entries' kind not read)
    m = re.search(r"(?:" + REALS + r"|\\\}|\\rbrace)\s*\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[^{}\s$]+)"
                  r"\s*\$?\s*$", text)
    if m is None:
        return None
    exponent = m.group(1)[1:-1] if m.group(1).startswith("{") else m.group(1)
    parts = [p.strip() for p in re.split(r"\\times|×|,", exponent)]
    # (a letter with its subscript, and its prime: ℝ^{F×F'}, F' the layer's output features)
    letter = r"[A-Za-z](?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]))?(?:'{1,2}|′|\^\{?\\prime\}?)?"
    if not re.match(REALS, m.group()) and len(parts) > 1:
        return None      # Y ∈ {0, 1}^{N×K}: a matrix of labels, its rows one-hot or not
    out: list[int | str] = []
    for p in parts:
        if re.fullmatch(letter + r"|\d{1,2}", p):
            out.append(int(p) if p.isdigit() else t.canon(parse(p)))
        elif re.fullmatch(r"\(?\s*" + letter + r"\s*[+-]\s*\d{1,2}\s*\)?", p):
            # ℝ^{d+1}: a size of its own, written as a sum (not a name)
            out.append("⋄" + re.sub(r"[\s()]", "", p))
        else:
            return None
    return tuple(out) if 0 < len(out) <= 2 else None


_WORDED_MATRIX = re.compile(
    r"(?<!\$)\$([^$\n]{1,30})\$,?\s*(?:is|be|denotes|ist|est|es|è|é)?\s*(?:a|an|eine?|une?|una?)?\s*"
    # (a word or two before the size: "a nonsingular $n \times n$ matrix")
    r"(?:[A-Za-z-]{3,20}\s+){0,2}"
    r"\$\s*([A-Za-z0-9]{1,3})\s*(?:\\times|×|x)\s*([A-Za-z0-9]{1,3})\s*\$\s*-?\s*"
    r"(?:real\s+|reelle\s+)?(?:matrix|matrices|matrix|matrice|matriz|матриц|矩阵|行列)")
_WORDED_VECTOR = re.compile(
    r"(?<!\$)\$([^$\n]{1,30})\$,?\s*(?:is|be|denotes)?\s*(?:a|an)?\s*(?:column\s+)?vector\s+"
    r"(?:of\s+(?:size|length|dimension)\s+|with\s+)\$?\s*([A-Za-z0-9]{1,3})\s*\$?")


def _worded_declarations(scope: Scope) -> None:
    """"$A$ a $5 \\times 4$ matrix", "$x$ a vector of length $n$": a declaration in words."""
    constants = {n: k.value for n, k in scope.declared.items() if k.name == "constant"}
    for pattern, rank in ((_WORDED_MATRIX, 2), (_WORDED_VECTOR, 1)):
        for m in pattern.finditer(scope.text):
            line = scope.text.count("\n", 0, m.start()) + 1

            def known(name: str, line=line) -> bool:
                """Declared, or defined before: an example's X further on does not make the
                general one idle."""
                return name in scope.declared or any(d.line <= line for d in
                                                     scope.definitions.get(name, ()))
            try:
                name = t.canon(parse(m.group(1)))
                letters = tuple(int(g) if g.isdigit() else t.canon(parse(g))
                                for g in m.groups()[1:])
                sizes = [int(g) if g.isdigit() else int(constants[g]) for g in m.groups()[1:]]
            except (Unreadable, TypeError, ValueError):
                continue
            except KeyError:
                # "$X$ a nonsingular $n \times n$ matrix", n given no value: sized as ℝ^{n×n}
                if not known(name) and name not in scope.shaped and \
                        isinstance(parse(m.group(1)), (t.Sym, t.Script)) and \
                        all(re.fullmatch(r"[A-Za-z]", str(g)) or isinstance(g, int)
                            for g in letters):
                    scope.shaped[name] = letters if rank == 2 else letters[:1]
                    scope.declared_on[name] = line
                continue
            if known(name) or not all(1 <= n <= 64 for n in sizes) or \
                    not isinstance(parse(m.group(1)), (t.Sym, t.Script)):
                continue
            shape = (sizes[0], sizes[1]) if rank == 2 else (sizes[0], 1)
            scope.declared[name] = Kind("matrix" if rank == 2 else "vector", shape)
            scope.declared_on[name] = line


_SHAPE_NAME = (r"(?:\\[a-zA-Z]+\{[A-Za-z]\}|[A-Za-z])"
               r"(?:\^\{[^{}$]{1,10}\}|_\{[^{}$]{1,10}\}|_[A-Za-z0-9])*")
_SHAPE_SIZE = r"[A-Za-z](?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]))?|\d{1,2}"
_SHAPE_TUPLE = (r"\(\s*(" + _SHAPE_SIZE + r")\s*(?:,|\\times|×)\s*(" + _SHAPE_SIZE +
                r")\s*\)(?!\s*[(^_\\])")
# W^{[1]} : (n_h, n_x), \quad b^{[1]} : (n_h, 1), inside the math
_COLON_SHAPE = re.compile(r"(?<![\w}\\])(" + _SHAPE_NAME + r"(?:\s*,\s*" + _SHAPE_NAME +
                          r")*)\s*:\s*" + _SHAPE_TUPLE)
# $X$ of shape $(n_x, m)$, $w$ is $(n_x, 1)$: a few words between the name and the tuple
_WORDED_SHAPE = re.compile(r"(?<!\$)\$\s*(" + _SHAPE_NAME + r")\s*\$,?[ \t]*((?:[^\W\d]+[ \t]+)"
                           r"{0,3}[^\W\d]+)?[ \t]*\$?\s*" + _SHAPE_TUPLE + r"\s*\$?")


def _canon(written: str) -> str:
    try:
        return t.canon(parse(written))
    except Unreadable:
        return written


def _transposed(node: Any) -> bool:
    """``W^{[2]T}``, ``A^T``: a transpose of a name, whose shape says the name's, no name of
    its own to declare."""
    if not isinstance(node, t.Script) or node.sup is None:
        return False
    label, rest = split_label(node.sup)
    rest = node.sup if label is None else rest
    return isinstance(rest, t.Sym) and rest.name in TRANSPOSE


def _shape_declarations(scope: Scope) -> None:
    """"$X$ of shape $(n_x, m)$", "$W^{[1]}: (n_h, n_x)$", "Shapes: $w$ is $(n_x, 1)$": a
    declaration of the names' sizes, read as ``X ∈ ℝ^{n_x×m}`` would be — when the words say
    it is a shape, or its letters are counts the text names ("$m$ examples", then "$Y$ is
    $(1, m)$"); a tuple after "is" may be a value, or a pair of names."""
    constants = {n: k.value for n, k in scope.declared.items()
                 if k.name == "constant" and k.value is not None}
    found: list[tuple[list[str], tuple[str, str], int]] = []
    for m in _COLON_SHAPE.finditer(scope.text):
        found.append(([p.strip() for p in re.split(r",(?![^{]*\})", m.group(1))],
                      (m.group(2), m.group(3)), m.start()))
    for m in _WORDED_SHAPE.finditer(scope.text):
        start = max(scope.text.rfind(".", 0, m.start()), scope.text.rfind("\n\n", 0, m.start()))
        said = scope.text[start + 1:m.start()] + " " + (m.group(2) or "")
        letters = [g for g in m.groups()[2:] if not g.isdigit()]
        counts = letters and m.group(2) and all(
            _canon(g) in scope.counted or _canon(g) in constants for g in letters)
        if cue.mentions("shapes", said.lower(), scope.languages) or counts:
            found.append(([m.group(1)], (m.group(3), m.group(4)), m.start()))
    for names, sizes, at in found:
        line = scope.text.count("\n", 0, at) + 1
        kind = _set_kind("\\mathbb{R}^{" + " \\times ".join(sizes) + "}", constants, line)
        if kind is None:
            continue
        for written in names:
            try:
                node = parse(written)
            except Unreadable:
                continue
            name = t.canon(node)
            if not isinstance(node, (t.Sym, t.Script)) or scope.known(name) or \
                    name in scope.shaped or _transposed(node):
                continue
            if isinstance(kind, Kind):
                scope.declared[name] = kind
            else:
                scope.shaped[name] = kind
            scope.declared_on[name] = line


# "$b$ is a scalar", "$b$ è uno scalare", "где $b$ — скаляр": a few words, then the cue row's
_WORDED_SCALAR = re.compile(r"(?<!\$)\$\s*(" + _SHAPE_NAME + r")\s*\$[ \t,—–-]*((?:[^\W\d]+[ \t]+)"
                            r"{0,3}[^\W\d]+)(?=[ \t]*(?:[.,;:)]|$|\n))", re.M)


def _scalar_declarations(scope: Scope) -> None:
    """"$b$ is a scalar": the name is a number, as ``b ∈ ℝ`` says (unless the text sizes it
    otherwise)."""
    for m in _WORDED_SCALAR.finditer(scope.text):
        if cue.named_before("scalar", m.group(2).lower(), scope.languages) is None:
            continue          # (the words must end with the row's: not "a scalar multiple")
        try:
            node = parse(m.group(1))
        except Unreadable:
            continue
        name = t.canon(node)
        if not isinstance(node, (t.Sym, t.Script)) or scope.known(name) or \
                name in scope.shaped:
            continue
        scope.declared[name] = Kind("scalar")
        scope.declared_on[name] = scope.text.count("\n", 0, m.start()) + 1


def _bounds(items: list[Item]) -> dict[str, str]:
    """What the text's bounds by 0 and 1 make of a name (``s > 0``, ``r_min ≤ 0 ≤ r_max``,
    ``0 < p < 1``): positive, negative, or a probability; a name bounded both ways in
    different places (the cases ``x > 0`` and ``x < 0``) is left to the readings."""
    lower: dict[str, list[float]] = {}
    upper: dict[str, list[float]] = {}
    for item in items:
        rels = item.statement.relations
        if not rels or not set(rels) <= {"<", ">", "≤", "≥"} or \
                len(item.sides) != len(rels) + 1:
            continue
        terms = [sd.term for sd in item.sides]
        for (a, b), rel in zip(zip(terms, terms[1:]), rels):
            if rel in (">", "≥"):
                a, b = b, a                             # a below b
            for name, number, side in ((name_of(b), _bound(a), lower),
                                       (name_of(a), _bound(b), upper)):
                if name is not None and number is not None:
                    side.setdefault(name, []).append(number)
    out: dict[str, str] = {}
    for name in set(lower) | set(upper):
        lo, hi = max(lower.get(name, [-math.inf])), min(upper.get(name, [math.inf]))
        if lo >= hi:
            continue                                    # cases on either side of a point
        if lo == 0 and hi == 1:
            out[name] = "probability"
        elif lo == 0 and hi == math.inf:
            out[name] = "positive"
        elif hi == 0 and lo == -math.inf:
            out[name] = "negative"
    return out


def _bound(node: Any) -> float | None:
    """0 or 1 written as a bound, else None."""
    return node.value if isinstance(node, t.Num) and node.value in (0.0, 1.0) else None


def _matrix_forms(scope: Scope) -> None:
    """Matrices the prose calls triangular, symmetric, positive definite or orthogonal ("with
    $A$ symmetric positive definite", "a lower triangular $L$"): drawn so."""
    for m in re.finditer(r"(?<!\$)\$([^$\n]+)\$(?!\$)", scope.text):
        if len(m.group(1)) > 40:
            continue                      # (paired in order, so a long one is skipped whole)
        try:
            node = parse(m.group(1))
        except Unreadable:
            continue
        if not isinstance(node, (t.Sym, t.Script)):
            continue
        around = re.split(r"[.;:,(]\s", scope.text[max(0, m.start() - 40):m.start()])[-1] + \
            " " + re.split(r"[.;:,)]\s|\$", scope.text[m.end():m.end() + 40])[0]
        for form in ("lower", "upper", "spd", "symmetric", "orthogonal"):
            if cue.mentions(form, around, scope.languages):
                scope.forms.setdefault(t.canon(node), form)
                break
    for table in (scope.declared,):
        for name, form in scope.forms.items():
            kind = table.get(name)
            if kind is not None and kind.name == "matrix" and not kind.form and \
                    kind.shape[0] == kind.shape[1]:
                table[name] = dataclasses.replace(kind, form=form)


def _named_in_words(scope: Scope) -> None:
    """A name the prose calls by a function of the table ("the softmax vector $p$", "la sortie
    sigmoïde $s$") or a statistic ("with mean $μ$"): a value of that function, of an argument
    the text does not say."""
    named = sorted((w for w in words() if len(w) >= 4 and w.isalpha()), key=len, reverse=True)
    before = re.compile(r"(?i)\b(" + "|".join(map(re.escape, named)) +
                        r")\b(?:[ \t]+[^\W\d]+){0,2}[ \t]*$")
    for m in re.finditer(r"(?<!\$)\$([^$\n]{1,30})\$(?!\$)|\\\(([^\n]{1,30}?)\\\)", scope.text):
        ahead = scope.text[max(0, m.start() - 40):m.start()]
        word = before.search(ahead)
        if word is not None and any(cue.mentions("preposition", w, scope.languages)
                                    for w in ahead[word.end(1):].split()):
            continue        # "softmax 对 $θ$" (with respect to θ), "the softmax of $z$"
        said = word.group(1) if word is not None else _statistic(scope.text, m.start())
        if said is None:
            continue
        try:
            node = parse(m.group(1) or m.group(2))
        except Unreadable:
            continue
        if isinstance(node, (t.Sym, t.Script)):
            scope.worded.setdefault(t.canon(node), said)
    for m in re.finditer(r"(?<!\$)\$([^$\n]{1,30})\$(?!\$)([^$.;:\n]{1,60})\$([^$\n]{1,30})\$",
                         scope.text):
        # "$\tilde D$ là ma trận bậc của $\tilde A$", "$D$ is the degree matrix of $A + I$":
        # a quantity of a name the text gives, said in words only (not a free input)
        phrase = m.group(2).split()
        if not 2 <= len(phrase) <= 7 or not cue.mentions("copula", phrase[0].lower(),
                                                         scope.languages) or \
                cue.named_before("genitive", m.group(2).lower().rstrip(),
                                 scope.languages) is None:
            continue
        try:
            node, of = parse(m.group(1)), parse(m.group(3).split("=")[0])   # (of $Ã = A + I$)
        except Unreadable:
            continue
        if isinstance(node, (t.Sym, t.Script)) and \
                (mentioned_names(of) & set(scope.definitions) or
                 any(scope.valued(n) for n in mentioned_names(of))):
            scope.worded.setdefault(t.canon(node), " ".join(phrase[1:-1]))


def _statistic(text: str, at: int) -> str | None:
    """"For $u ∈ ℝ^d$ with mean $μ$": the statistic the words right before ``at`` name, of a
    vector or matrix the sentence declares before them (not a law's parameter, "the mean $μ$
    the model predicts")."""
    start = max(text.rfind(".", 0, at - 1), text.rfind("\n\n", 0, at), at - 200)
    sentence = text[start + 1:at]
    word = cue.named_before("statistic", re.split(r"[$)]", sentence)[-1].lower(),
                            cue.all_languages())
    if word is None or not re.search(r"(?:\\in|∈)\s*(?:\\mathbb\{R\}|ℝ)\^",
                                     sentence[:sentence.lower().rfind(word)]):
        return None
    return word


def _primes_transpose(scope: Scope) -> bool:
    """"We write $A'$ for the transpose" (Magnus & Neudecker, econometrics): a primed name in a
    sentence that names the transpose — a prime on a value is its transpose throughout."""
    for m in re.finditer(r"(?<!\$)\$([^$\n]{1,12})'\s*\$(?!\$)", scope.text):
        start = max(scope.text.rfind(".", 0, m.start()), scope.text.rfind("\n", 0, m.start()))
        ends = [i for i in (scope.text.find(".", m.end()), scope.text.find("\n", m.end()))
                if i >= 0]
        sentence = scope.text[start + 1:min(ends) if ends else len(scope.text)]
        if cue.mentions("transpose", sentence.lower(), scope.languages):
            return True
    return False


def _counts(scope: Scope) -> None:
    """A name the prose writes before a count noun ("with $K$ classes", "$N$ exemples"), or
    before one word and a count noun ("$m$ training examples", "$n_h$ hidden units"): the
    number of those things."""
    for m in re.finditer(r"(?<!\$)\$([^$\n]{1,12})\$(?!\$)[ \t]+([^\W\d]+)(?:[ \t]+([^\W\d]+))?",
                         scope.text):
        if not any(w and cue.mentions("counts", w.lower(), scope.languages)
                   for w in m.group(2, 3)):
            continue
        try:
            node = parse(m.group(1))
        except Unreadable:
            continue
        if isinstance(node, (t.Sym, t.Script)):
            scope.counted.setdefault(t.canon(node), m.group(2))


def _approximate(items: list[Item], text: str) -> dict[str, tuple[int, float]]:
    """Names a definition gives a rounded number with ≈ (``x^* ≈ −1.2785``): the value is
    known only to its digits."""
    out: dict[str, tuple[int, float]] = {}
    for item in items:
        for k, d in item.defines.items():
            value = d.expr.a if isinstance(d.expr, t.Neg) else d.expr
            if isinstance(value, (t.Paren, t.Matrix)) and _literal(value):
                # g ≈ (0.24914; −0.49827; 0.83045): each entry to its digits
                units = [n.unit for n in t.walk(value) if isinstance(n, t.Num) and n.unit]
                value = t.Num(0.0, min(units)) if units else value
            if not (isinstance(value, t.Num) and value.unit) or k + 1 >= len(item.sides):
                continue
            a, b = item.sides[k].piece, item.sides[k + 1].piece
            if re.search(r"≈|\\approx", text[a.offset + len(a.text):b.offset]):
                out[d.name] = (d.line, value.unit)
    return out


def _zero_based(items: list[Item]) -> tuple[set[str], set[str]]:
    """Names whose components the text counts from 0: a sum from 0 over their subscript, a
    list of components from 0, or a value given as a list with a component 0 written; and,
    second, the names only the last makes 0-based (a reading, not a statement)."""
    found: set[str] = set()
    listed: set[str] = set()
    counted: set[str] = set()

    def zero(node: Any) -> bool:
        return isinstance(node, t.Num) and node.value == 0

    def subscripted(node: Any, test) -> str | None:
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym) and node.sub and \
                len(node.sub) == 1 and test(node.sub[0]):
            return node.base.name
        return None

    for item in items:
        terms = [s.term for s in item.sides]
        if len(terms) == 2 and isinstance(terms[0], t.Sym) and isinstance(terms[1], t.Paren) \
                and len(terms[1].args) >= 2:
            listed.add(terms[0].name)
        for term in terms:
            if term is None:
                continue
            for n in t.walk(term):
                name = subscripted(n, zero)
                if name is not None:
                    counted.add(name)
                if isinstance(n, t.Paren) and len(n.args) >= 2:
                    name = subscripted(n.args[0], zero)
                    if name is not None:
                        found.add(name)
                if not isinstance(n, t.Product):
                    continue
                for k, op in enumerate(n.items):
                    if not (isinstance(op, t.BigOp) and op.sub and len(op.sub) == 1 and
                            isinstance(op.sub[0], t.Relation) and op.sub[0].op == "=" and
                            isinstance(op.sub[0].a, t.Sym) and zero(op.sub[0].b)):
                        continue
                    var = op.sub[0].a
                    # (x_i, or x_{i+k} with k from 0 as well: x_0 is the first term's)
                    found |= {name for m in n.items[k + 1:] for s in t.walk(m)
                              if (name := subscripted(s, lambda i: i == var or isinstance(
                                  i, t.Add) and var in (i.a, i.b))) is not None}
    return found | (listed & counted), (listed & counted) - found


def _called_only(items: list[Item]) -> set[str]:
    """Names the text writes only before parentheses (f(x), or primed: f'(x)), never as a
    value of their own."""
    called: set[str] = set()
    plain: set[str] = set()
    for item in items:
        for side in item.sides:
            if side.term is None:
                continue
            fns = set()
            for n in t.walk(side.term):
                fn = n.fn if isinstance(n, t.Call) else None
                while fn is not None:
                    fns.add(id(fn))
                    fn = fn.base if isinstance(fn, t.Prime) else None
            for n in t.walk(side.term):
                if isinstance(n, (t.Sym, t.Script)):
                    (called if id(n) in fns else plain).add(t.canon(n))
    return called - plain


# the prose right after a math block begins in a language that writes its conditions after
# them ("$|r| \\le \\delta$ 时", "… のとき", "… 일 때")
_CJK_AFTER = re.compile(r"\s*[\u3000-\u9fff\uac00-\ud7af]")

# a sentence ends: a stop before a capital, or at the end of the prose ("i.e. when" goes on)
_SENTENCE_END = re.compile(r"[.!?。]\s+(?=[A-ZÀ-ÖØ-ÞА-Я])|[.!?。]\s*$")


def _bears_on(cond: Any, item: Item, scope: Scope) -> bool:
    """Whether a value said right after a step is of a name the step reaches (``f(x) = x`` for
    ``x > 0``; ``a ≈ 0.73`` at ``z = 1``, a = σ(z)), not a setting beside it (``θ₀ = 1`` with
    ``η = 0.1``)."""
    def symbols(term: Any) -> set[str]:       # the names and the indices (δ_kj = 1, k = j)
        return mentioned_names(term) | {n.name for n in t.walk(term) if isinstance(n, t.Sym)}
    written = {n for side in item.sides if side.term is not None for n in symbols(side.term)}
    said = symbols(cond)
    if said & written:
        return True
    if item.defines and all(_closed(d.expr) for d in item.defines.values()):
        return False            # a value given as a number: nothing beside it is its case
    return bool(said & _reach(scope, written, families=True))


def _attach_conditions(items: list[Item], scope: Scope) -> None:
    """An index condition before a display governs the steps after it (until the next one, a
    heading or a summary); one right after a display ("… when $i = j$") governs that display.
    A value given to variables ("at $x = 0$") governs the steps after it until the next
    heading, or until another value of the same names replaces it; a section that only states
    (a question's givens, no step to check) is the setting of the section after it."""
    active: list[Any] = []
    active_paragraph = -1
    checked = {i.statement.section for i in items      # a step that is not a definition
               if i.role == "claim" and len(i.defines) < len(i.sides) - 1}
    cases: dict[str, tuple[Item, int, Any]] = {}        # a case of a name defined in prose
    values: list[tuple[set[str], Any, tuple, int]] = []  # (names, condition, where, line)
    # how many values the text gives each name: one given once is its value in the steps of
    # numbers of every later section of its chapter (β₁ = 0.9 with a step in its section,
    # then **Step 2.** with m̂₂ = 0.36/(1 − 0.9))
    told = collections.Counter(
        name_of(i.sides[0].term) for i in items if i.role == "condition" and
        len(i.sides) == 2 and i.sides[0].term is not None and i.sides[1].term is not None and
        (i.statement.relations or ("=",))[0] in ("=", "≈"))
    for k, item in enumerate(items):
        st = item.statement
        if item.role == "condition":
            a, b = item.sides[0].term, item.sides[1].term if len(item.sides) > 1 else None
            if a is None or b is None:
                continue
            sign = st.relations[0] if st.relations else "="
            if sign == "=" and name_of(a) is None and name_of(b) is not None:
                a, b = b, a                  # |r| = δ: δ is given the value |r|
            cond = t.Relation({"≠": "!=", "≤": "<=", "≥": ">=", "≈": "="}.get(sign, sign), a, b)
            on_indices = _only_indices(a, scope) and _only_indices(b, scope) and not (
                _is_number(a) or _is_number(b))
            prev = items[k - 1] if k else None
            case_of = prev is not None and prev.statement.inline and st.inline and \
                prev.paragraph == item.paragraph and "condition" in st.cues.lead and \
                len(st.before.split()) <= 2
            # (f(x) = 1/‖x‖ for x ≠ 0: where f is defined, all of it, not a case of it)
            if case_of and prev.defines and _bears_on(cond, prev, scope) and cond.op != "!=":
                # "$f(x) = x$ for $x > 0$ and αx otherwise": a case of f, not all of it (but
                # "$θ_0 = 1$ with $η = 0.1$": a setting beside θ₀, no case of it)
                for step, d in list(prev.defines.items()):
                    case = dataclasses.replace(d, tentative=True)
                    scope.replace(d, case)
                    prev.defines[step] = case
                    cases[d.name] = (prev, step, cond)
            elif case_of and prev.role == "claim" and prev.restates is not None and \
                    len(prev.sides) == 2 and prev.restates[0] in cases:
                # "… and $f(x) = αx$ for $x ≤ 0$": the other case; f is both
                first, step, first_cond = cases.pop(prev.restates[0])
                d = first.defines[step]
                if isinstance(prev.sides[0].term, t.Call) and tuple(
                        name_of(a) for a in prev.sides[0].term.args) == d.params:
                    whole = dataclasses.replace(d, tentative=False, expr=t.Cases(
                        ((d.expr, first_cond), (prev.sides[1].term, cond))))
                    scope.replace(d, whole)
                    first.defines[step] = whole
                    prev.role, prev.note = "remark", f"a case of {d.name}, defined with it"
            right_after = prev is not None and prev.statement.inline and prev.role == "claim" \
                and "condition" in st.cues.lead and \
                re.fullmatch(r"[\s,(]*\w+[\s:]*", st.before) is not None and \
                _bears_on(cond, prev, scope)
            nxt = items[k + 1] if k + 1 < len(items) else None
            # "with $x = 1.5$, $w = -0.8$ and $t = 0.5$": the first of a list of values is one
            # of the example's settings, as the others are, not a case of the display before
            listed = sign == "=" and _is_number(b) and nxt is not None and \
                nxt.role == "condition" and nxt.paragraph == item.paragraph and \
                nxt.statement.block == st.block + 1 and len(nxt.statement.before.split()) <= 2
            if prev is not None and (not prev.statement.inline or right_after) and \
                    not listed and \
                    not st.opens and prev.paragraph == item.paragraph and \
                    st.block == prev.statement.block + 1 and len(st.before.split()) <= 4 and \
                    ("condition" in st.cues.lead or "case" in st.cues.lead or not st.before):
                for back in items[:k]:
                    if back.statement.block == prev.statement.block:
                        back.conditions.append(cond)
                # ("π = softmax(z) with z = (1, 0, −1)": a value of the name the definition is
                # made of, for the display and, read on below, for the example's steps after it)
                if not prev.defines or not _is_number(b) or name_of(a) in scope.definitions:
                    continue
            if on_indices:
                if len(st.sentence.split()) <= 3:       # "For $i = j$: …", "Case $i ≠ j$."
                    active = [cond]
                    active_paragraph = item.paragraph
                else:   # "… depends on z_j only when $i = j$, so $…$": the math right after
                    nxt = items[k + 1] if k + 1 < len(items) else None
                    if nxt is not None and nxt.role == "claim" and \
                            nxt.paragraph == item.paragraph and \
                            nxt.statement.block == st.block + 1:
                        nxt.conditions.append(cond)
                        # ("for $j > i$ we get $P_{ij} = 0$": a case of P, not its definition)
                        for step, d in list(nxt.defines.items()):
                            case = dataclasses.replace(d, tentative=True)
                            scope.replace(d, case)
                            nxt.defines[step] = case
                continue
            nxt = items[k + 1] if k + 1 < len(items) else None
            if "if" in st.cues and nxt is not None and nxt.paragraph == item.paragraph and \
                    cue.mentions("otherwise", _SENTENCE_END.split(nxt.statement.after)[0],
                                 scope.languages):
                # "if ‖g‖ > c, replace g ← …; otherwise leave it": a rule's case, said of
                # the rule, not a value for the steps after it
                continue
            notation = CONSTANTS - _DEFINABLE_NOTATION       # d = 1: a dilation, not d/dx
            # (and (1, −2)^⊤'s ⊤, which z = (0,5; −4; 2)^⊤ after it does not set anew)
            notation |= {n for n in TRANSPOSE if n.startswith("\\") or n == "top"}
            # n_H = 9 and n_T = 4: two names, neither replacing the other
            these = mentioned_names(cond) - notation if name_of(a) is None else \
                {name_of(a)} | (mentioned_names(b) - notation)
            # θ = (w, b)ᵀ gives θ a value, not w and b anew: their values before stay
            given = these if name_of(a) is None else {name_of(a)}
            # (a = 0,8 … ¿y si a = 0,6? in one question: both cases stay, each a reading)
            values = [v for v in values if not v[0] & given or
                      given <= scope.cases and 0 <= item.line - v[3] <= 1]
            if cond.op != "=" and len(st.sentence.split()) > 3:
                # "it is z_k when $z_k > u_k$ (slope 1) and …": a case in passing, for the
                # math right after it at most
                nxt = items[k + 1] if k + 1 < len(items) else None
                if nxt is not None and nxt.role == "claim" and \
                        nxt.paragraph == item.paragraph and nxt.statement.block == st.block + 1:
                    nxt.conditions.append(cond)
                continue
            # x_i = 2 "for example": the entry under discussion, in its paragraph only
            entry = isinstance(a, t.Script) and a.sub is not None and bool(_letter_index(a.sub))
            # a ≈ 0.9933 "at z = 5, for example" with a = σ(z) defined: that example's value
            entry = entry or name_of(a) is not None and \
                name_of(a) in (view := scope.view(item.line, item.paragraph)) and \
                not (counted(view[name_of(a)]) and _is_number(b))
            # "*Case B* (μ₁ = 0): … x = (1,5; 0,5)": a paragraph that opens a case, its own and
            # the paragraphs after it up to the next case ("*Случай 1:* $n = (2; 1,5)$. Тогда"
            # over the display below it)
            opens = _opens_case(scope, item.line)
            entry = entry or opens
            until = next((o.paragraph for o in items[k + 1:] if o.paragraph > item.paragraph
                          and _opens_case(scope, o.line)), 1 << 30) if opens else None
            unit = _finest_unit(b)
            if name_of(a) is not None and 0 < unit < 0.01:
                # σ = 1,8708 after σ² = 3,5, w₂ = (0,2764 ; 0,2764): rounded, known to its digits
                scope.rounded_values.setdefault(name_of(a) or "", unit)
            # "Throughout, $a = 4$", "Given: $β_1 = 0.9$": the whole text, not its section
            # (a value given before a list reaches its items; one given in an item, that item)
            # and the values under a heading of givens (## Setup, **Data.**): the whole text
            setting = not entry and cue.mentions("setting", st.heading, scope.languages)
            where = None if st.cues.sentence & {"throughout", "givens"} or setting else \
                (st.section, st.bullet if st.in_item else None, item.paragraph if entry else -1,
                 st.chapter, until, st.dashed)
            values.append((these, cond, where, item.line))
            continue
        if item.role == "fact" and len(item.sides) == 2 and None not in (
                item.sides[0].term, item.sides[1].term):
            # "vanishes exactly when $p = q$, i.e. when … the gap is $$…$$": the math right
            # after it in its paragraph is said of that case
            nxt = items[k + 1] if k + 1 < len(items) else None
            if nxt is not None and nxt.role == "claim" and nxt.paragraph == item.paragraph and \
                    not _SENTENCE_END.search(st.after):
                nxt.conditions.append(t.Relation("=", item.sides[0].term, item.sides[1].term))
            continue
        if active and item.paragraph != active_paragraph and "summary" in st.cues:
            active = []
        if item.role == "claim":
            item.conditions.extend(active)
            said = _reach(scope, {n for side in item.sides if side.term is not None
                                  for n in mentioned_names(side.term)}, families=True)
            for names, cond, section, line in values:
                replaced = any(line < d.line <= item.line for n in names
                               for d in scope.definitions.get(n, ()))
                # "the largest i with s i + k − 1 ≤ n + 2p − 1": about i, which the steps
                # after it do not mention (n, k, p, s are the text's numbers)
                free = {n for n in names if not (n in scope.declared and
                                                 scope.declared[n].name == "constant")}
                carried = section is not None and section[0] == st.section - 1 and \
                    section[0] not in checked
                here = section is not None and (section[0] == st.section or carried)
                reached = {base_name(n) for n in free} & {base_name(n) for n in said}
                # a value given in a list item: that item (and the items nested in it); where
                # items marked -, * or + give one name several values (each a case), not the
                # prose after the list either
                if (section is None or here and (section[1] is None or section[1] in st.outer
                                                 or section[1] == st.bullet and
                                                 (st.in_item or not section[5] or
                                                  all(told[n] == 1 for n in names)))
                        and (section[2] in (-1, item.paragraph) or section[4] is not None and
                             section[2] <= item.paragraph < section[4])) and \
                        not replaced and reached:
                    item.conditions.append(cond)
                    if carried and st.titled:   # across a # heading, a reading only: a ✗
                        item.carried.update({n: line for n in names})   # may not rest on it
                elif section is not None and section[0] < st.section and \
                        section[3] == st.chapter and section[2] == -1 and not replaced and \
                        reached and (section[0] not in checked or
                                     all(told[n] == 1 for n in names)):
                    item.earlier.append(cond)
        for label in st.labels:
            if label:
                try:
                    item.conditions.append(parse(label))
                except Unreadable:
                    item.question = f"the condition over the equals sign ({label}) is not read"


def _applied_bases(n: Any) -> list[Any]:
    """The functions ``n`` applies with a mark or without parentheses: ``σ'``, ``tanh²(x)``,
    ``tanh² x``."""
    if isinstance(n, t.Prime):
        return [n.base]
    if isinstance(n, t.Call) and isinstance(n.fn, t.Script):
        return [n.fn.base]
    if isinstance(n, t.Product):
        return [a.base for a, b in zip(n.items, n.items[1:])
                if isinstance(a, t.Script) and a.sub is None and isinstance(b, (t.Sym, t.Paren))]
    return []


def _bare_symbols(term: Any) -> list[t.Sym]:
    """The symbols of a term not written as the base of a subscript."""
    based = {id(n.base) for n in t.walk(term) if isinstance(n, t.Script) and n.sub is not None}
    return [n for n in t.walk(term) if isinstance(n, t.Sym) and id(n) not in based]


def _prefixes(stmts: list[Statement], declared: dict) -> set[str]:
    """Letters or a word the text writes only as the first factor before a name (δh_t,
    δc_t, never δ alone; Karpathy's ``grad h``), once at least as the whole left side of an
    equation with the name (δa = …), and never declares: part of the names, as d is of dW
    (β of βv_{t−1} + g_t is a factor: it is never so on the left)."""
    before: set[str] = set()
    elsewhere: set[str] = set()
    named: set[str] = set()
    for st in stmts:
        first = st.sides[0].term if st.sides else None
        if isinstance(first, t.Product) and len(first.items) == 2 and \
                isinstance(first.items[0], t.Sym) and \
                isinstance(first.items[1], (t.Sym, t.Script)):
            named.add(first.items[0].name)
        for side in st.sides:
            if isinstance(side.term, t.Sym):
                elsewhere.add(side.term.name)
            for n in t.walk(side.term) if side.term is not None else ():
                if isinstance(n, t.Product):
                    for k, op in enumerate(n.items):
                        if isinstance(op, t.Sym) and k + 1 < len(n.items) and \
                                isinstance(n.items[k + 1], (t.Sym, t.Script)):
                            before.add(op.name)
                        elif isinstance(op, t.Sym):
                            elsewhere.add(op.name)
                else:
                    elsewhere |= {c.name for c in t.children(n) if isinstance(c, t.Sym)}
    return {n for n in (before - elsewhere) & named
            if (n.startswith("\\") and n[1:].isalpha() or len(n) > 1 and n.isalpha())
            and lookup(n) is None and n not in declared and n not in OPERATORS and
            n not in ("\\nabla", "\\partial")}


def prefixed(prefix: str, name: str) -> str:
    """The one name a prefix and the name after it make: dW, δ c_{t}."""
    return prefix + name if prefix == "d" else f"{prefix} {name}"


def written_names(term: Any, scope: "Scope") -> set[str]:
    """The names a step writes, a prefixed name the text defines (δc_t, Δθ) as one: θ of
    Δθ is not written there."""
    found = mentioned_names(term)
    for n in t.walk(term):
        if isinstance(n, t.Product):
            for mark, x in zip(n.items, n.items[1:]):
                if isinstance(mark, t.Sym) and mark.name in scope.prefixes and \
                        prefixed(mark.name, t.canon(x)) in scope.definitions:
                    found.add(prefixed(mark.name, t.canon(x)))
                    found -= mentioned_names(x) | {mark.name}
    return found


def _case_names(stmts: list[Statement]) -> set[str]:
    """Names a paragraph gives several numbers inline ("$y = 1$ for a similar pair, $y = 0$ for
    a dissimilar one"): the cases of a variable, not a definition."""
    values: dict[tuple[int, str], set[str]] = {}
    for st in stmts:
        if st.inline and len(st.sides) == 2 and st.relations == ("=",) and \
                st.sides[1].term is not None and (isinstance(st.sides[1].term, t.Num) or
                                                  name_of(st.sides[1].term) is not None):
            name = name_of(st.sides[0].term)
            if name is not None:        # "from $t = 1$ to $t = τ$": a range, cases
                values.setdefault((st.paragraph, name), set()).add(t.canon(st.sides[1].term))
    return {name for (_, name), vs in values.items() if len(vs) > 1}


def _relations_before_displays(items: list[Item]) -> None:
    """``$d < m$:`` in the sentence that introduces a display: the condition it is read under."""
    for k, item in enumerate(items[:-1]):
        if item.role == "relation" and item.statement.inline:
            nxt = next((x for x in items[k + 1:] if not x.statement.inline), None)
            if nxt is not None and nxt.role == "claim" and \
                    nxt.paragraph - item.paragraph <= 1 and \
                    nxt.statement.block - item.statement.block <= 3:
                item.role, item.note = "condition", "a condition for the display it introduces"


_DRAWN = re.compile(r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*\\sim\s*"
                    r"((?:\\[A-Za-z]+\s*\{\s*[A-Za-z]+\s*\}|\\?[A-Za-z]+)\s*"
                    r"(?:\\left\s*)?[(\[][^()\[\]]*(?:\\right\s*)?[)\]])")


def _laws(src: Source) -> dict[str, tuple[Law, tuple, bool]]:
    """The random variables the math declares with a law (``w_{ij} ∼ 𝒰(−a, a)``, ``ε ∼
    𝒩(0, 1)``): name → (law, its parameters as terms, whether the law is of each entry, the
    base naming them all)."""
    found: dict[str, tuple[Law, tuple, bool]] = {}
    for block in math_blocks(src):
        for m in _DRAWN.finditer(block.latex):
            try:
                var, dist = parse(m.group(1)), parse(m.group(2))
            except Unreadable:
                continue
            row = law(name_of(dist.fn) or "") if isinstance(dist, t.Call) else None
            if row is None or len(dist.args) != row.parameters:
                continue
            entries = isinstance(var, t.Script) and var.sup is None and \
                isinstance(var.base, t.Sym)
            name = name_of(var.base if entries else var)
            if name is not None:
                found.setdefault(name, (row, dist.args, entries))
    return found


def read_scope(src: Source, stmts: list[Statement],
               upstream: frozenset[str] = frozenset()) -> Scope:
    """The scope of a document: declarations, items with their roles, definitions;
    ``upstream``: names of upstream gradients, inputs (see ``_upstream_gradients``)."""
    layered = numbered_layers([[s.term for s in st.sides if s.term is not None]
                               for st in stmts])
    if layered:             # Nielsen's a^1, w^2: layers, read as the labels a^{(1)}, w^{(2)}
        for st in stmts:
            for side in st.sides:
                side.terms = [(words, as_layers(term, layered)) for words, term in side.terms]
    primed = primed_families([[s.term for s in st.sides if s.term is not None]
                              for st in stmts])
    if primed:              # g'_t = g_t + λθ_{t−1}: the family g', not a derivative
        for st in stmts:
            for side in st.sides:
                side.terms = [(words, as_primed(term, primed)) for words, term in side.terms]
    declared = declare(src.entries)
    scope = Scope(src.text, declared, notes=list(src.notes),
                  languages=cue.languages(src.text[src.body:][:20000]))
    body = src.text[src.body:]
    scope.straight_through = cue.mentions("straight_through", body, scope.languages)
    scope.normal = "\\Phi" not in declared and (cue.mentions("normal", body, scope.languages) or
                                                 STANDARD_NORMAL.search(body) is not None)
    scope.bits = cue.mentions("bits", body, scope.languages)
    scope.one_hot = cue.mentions("one_hot", body, scope.languages)
    scope.laws = _laws(src)
    scope.independent = cue.mentions("independent", body, scope.languages)
    said = list(_D_CONVENTION.finditer(body))
    if said:        # "we write $dV$ for $\partial J/\partial V$": V any name
        try:
            loss = parse(said[0].group("f") or said[0].group("g"))
        except Unreadable:
            loss = None
        if isinstance(loss, (t.Sym, t.Script)):
            scope.gradient_of = (loss, src.line(src.body + said[0].start()), "d")
            # "$dW^{[l]}$ means $∂J/∂W^{[l]}$ and $db^{[l]}$ means $∂J/∂b^{[l]}$": said of W
            # and b, each named; dZ, said otherwise beside them, is not J's gradient
            letters = {m.group("x")[0] for m in said}
            if len(letters) > 1:
                scope.gradient_letters = frozenset(letters)
    for m in re.finditer(r"[^.!?\n]*(?:\n(?!\n)[^.!?\n]*)*", body):
        sentence = m.group()
        if re.search(r"\$\s*\\sigma\s*(\(\s*\\cdot\s*\))?\s*\$", sentence) and \
                cue.mentions("not_sigmoid", sentence, scope.languages) and \
                not cue.mentions("sigmoid", sentence, scope.languages):
            scope.sigma_words = src.line(src.body + m.start())
            break
    terms = [s.term for st in stmts for s in st.sides if s.term is not None]
    scope.layers = layer_letters(terms, declared, tuple(
        (a.term, b.term) for st in stmts for a, b in zip(st.sides, st.sides[1:])
        if a.term is not None and b.term is not None))
    for term in terms:
        for n in t.walk(term):
            if isinstance(n, t.Deriv):
                scope.variables.add(t.canon(n.var))
                if n.f is not None:
                    scope.functions.add(t.canon(n.f))
    scope.cases = _case_names(stmts)
    for st in stmts:
        if len(st.sides) == 2 and st.relations == ("=",) and \
                (name := name_of(st.sides[0].term)) in scope.cases and (
                    _is_number(st.sides[1].term) or name_of(st.sides[1].term) is not None) and \
                not st.listed:                 # (t = 1, …, 5: a range, no case of t)
            scope.case_settings.setdefault(name, []).append((st.line, st.section))
    scope.prefixes = _prefixes(stmts, declared)
    scope.bare = {n.name for st in stmts for side in st.sides if side.term is not None
                  for n in _bare_symbols(side.term)}
    scope.indexed = {i.name for term in terms for n in t.walk(term)
                     if isinstance(n, (t.Script, t.BigOp)) and n.sub
                     for s in n.sub for i in t.walk(s) if isinstance(i, t.Sym)}
    for term in terms:
        for n in t.walk(term):
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub and \
                    len(n.sub) == 1:
                scope.subscripts.setdefault(n.base.name, set()).add(t.canon(n.sub[0]))
    scope.vectors_named = {st.sides[0].term.name for st in stmts if len(st.sides) > 1 and
                           isinstance(st.sides[0].term, t.Sym) and
                           st.sides[0].term.name in CONSTANT_VALUES and
                           any(written_out(s.term) for s in st.sides[1:])} | \
        {name for name in CONSTANT_VALUES if name not in SUBSCRIPTED_NOTATION and
         name not in declared and any(len(x) == 1 and x.islower()
                                      for x in scope.subscripts.get(name, ()))}
    scope.calls = {name_of(n.fn) for st in stmts for side in st.sides if side.term is not None
                   for n in t.walk(side.term) if isinstance(n, t.Call)}
    scope.applied = scope.calls | \
        {name_of(b) for st in stmts for side in st.sides if side.term is not None
         for n in t.walk(side.term) for b in _applied_bases(n)}
    # (in the prose's math too: "a Gaussian policy $\pi_\theta(a \mid s)$")
    scope.conditioned = set(_CONDITIONED.findall(scope.text))
    points: dict[str, set[str]] = {}
    # (a letter the text gives a value, θ = (1, 1)ᵀ, is a variable: MSE(θ) = 3 is the value at
    # the worked point of a function it may differentiate, not a point of a table)
    given = {name_of(st.sides[0].term) for st in stmts if len(st.sides) > 1}
    for st in stmts:
        # α₁(1) = 0.4, α₁(3) = α₁(4) = 0, V(A) = 0.5: values at points the text names (a
        # side at a point in a chain that ends in a number)
        last = st.sides[-1].term if st.sides else None
        if not isinstance(last.a if isinstance(last, t.Neg) else last, t.Num):
            continue
        for a in st.sides[:-1]:
            if at_a_point(a.term) and not any(isinstance(x, t.Sym) and x.name in given
                                               for x in a.term.args):
                points.setdefault(name_of(a.term.fn), set()).add(
                    ",".join(t.canon(x) for x in a.term.args))
    # (σ(0) = 0.5, σ(2) = 0.88, Var[u₁] = 0.75, Φ(−1) = 0.1587 in a text on the normal: values
    # of a function the checker has — of the notation table, an operator, the normal's CDF)
    scope.tabled = {f for f, at in points.items() if len(at) > 1 and lookup(f) is None and
                    f not in OPERATORS and not (f == "\\Phi" and scope.normal)}
    scope.called = scope.applied | \
        {n.items[k].name for st in stmts for side in st.sides if side.term is not None
         for n in t.walk(side.term) if isinstance(n, t.Product)
         for k in range(len(n.items) - 1) if isinstance(n.items[k], t.Sym) and
         lookup(n.items[k].name) is not None}
    said: set[str] = set()
    reader = _Reader(scope, 0)
    previous: Item | None = None          # the last display chain: what "= …" continues
    stmts, settings = _settings(stmts)
    for st in stmts:
        if st.continues and st.inline:      # "output size $= (W − F + 2P)/S + 1$": words = …
            item = Item(st, list(st.sides), "remark", src.line(st.sides[0].piece.offset))
            item.note = "a value given to words, not a claim"
            _in_units(scope, item)
            scope.items.append(item)
            continue
        if st.continues:
            if previous is None or previous.role != "claim" or st.gap > 240 or \
                    st.paragraph - previous.paragraph > 2:
                item = Item(st, list(st.sides), "remark", src.line(st.sides[0].piece.offset))
                item.note = "continues an equation the checker cannot place"
                item.question = ("this line begins with '=': which equation does it continue? "
                                 "repeat its left side")
                scope.items.append(item)
                continue
            sides = [previous.sides[-1]] + list(st.sides)
            item = Item(dataclasses.replace(st, sides=tuple(sides)), sides, "claim",
                        src.line(st.sides[0].piece.offset))
            item.conditions = list(previous.conditions)
        else:
            item = reader.item(st)
            item.line = src.line(item.line)
            if id(st) in settings:
                item.role, item.note = "condition", "a value at which the steps around it are read"
            updated = item.role == "updated"
            if updated:
                item.role = "claim"
            if item.role == "solved":
                item.role, item.skip_last = "claim", True
            assigned = item.role == "assign"
            if assigned:
                item.role = "claim"
                item.statement = dataclasses.replace(st, relations=(":=",) + st.relations[1:])
            valued = _valued_gradient(item)
            if item.role == "claim" and upstream and valued is not None and \
                    _names_gradient(valued[0], upstream, scope):
                # g = ∂L/∂y = (1, −1, 2): names the upstream gradient, then gives its value
                item, value = valued
                item.role, item.note = "remark", NAMES_GRADIENT
                _gradient_names(item, scope, said)
                scope.items.append(item)
                item = value
            if item.role == "claim" and upstream and _names_gradient(item, upstream, scope):
                item.role, item.note = "remark", NAMES_GRADIENT
                _gradient_names(item, scope, said)      # Ō = ∂L/∂O: the convention
            if item.role == "claim":
                _premised(item, scope)
                _gradient_names(item, scope, said)
                item.skip_first = updated or reader.skip_first(item)
                if not item.skip_first:
                    reader.define(item, src.line)
            if assigned:        # b ← b − η g: the new value from here on, not before it
                for k, d in list(item.defines.items()):
                    item.defines[k] = dataclasses.replace(d, implied=True)
                    scope.replace(d, item.defines[k])
        scope.items.append(item)
        reader.previous = item
        if item.role == "declaration":     # Q, K ∈ ℝ^{n×d_k}: names the text has introduced
            said |= set(_written_names(item.sides[0].text))
        if (item.role == "update" or item.note == UPDATED) and item.sides[0].term is not None:
            target = name_of(item.sides[0].term) or ""       # θ ← θ − η g: θ's values unread
            scope.unread.setdefault(base_name(target), (item.line, "an update of an algorithm",
                                                           item))
        if item.role == "named" and \
                len(item.sides) == 2 and name_of(item.sides[0].term) is not None:
            scope.remarked.setdefault(name_of(item.sides[0].term) or "", (
                item.line, f"{item.sides[0].text} = {item.sides[1].text}"))
        reader.seen |= {n for sd in item.sides if sd.term is not None
                        for n in mentioned_names(sd.term)}
        if not st.inline or st.continues:
            previous = item
    _relations_before_displays(scope.items)
    _given_gradients(scope)
    _declarations(scope.items, scope)
    _worded_declarations(scope)
    _counts(scope)
    scope.primes_transpose = _primes_transpose(scope)
    scope.differentials = cue.mentions("differentials", scope.text.lower(), scope.languages)
    scope.dual = _dual_units(scope)
    _shape_declarations(scope)
    _scalar_declarations(scope)
    _matrix_forms(scope)
    scope.bounded = _bounds(scope.items)
    _named_in_words(scope)
    lines = scope.lines
    for item in scope.items:    # "# The derivative of the solution of $Ax = b$": a topic
        k = item.statement.line - 1
        if item.role == "claim" and not item.defines and 0 <= k < len(lines) and \
                re.match(r" {0,3}#{1,6}\s", lines[k]):
            item.role, item.note = "remark", "the topic a heading names, not a claim"
    _attach_conditions(scope.items, scope)
    scope.approximate = _approximate(scope.items, src.text)
    scope.aliased = {d.expr.name for ds in scope.definitions.values() for d in ds
                     if isinstance(d.expr, t.Sym) and d.name in scope.called}
    scope.called_only = _called_only(scope.items)
    # the derivative of a number is 0: a text that sets a primed name to anything else may be
    # naming it (H' for the output height)
    primes = [item for item in scope.items if len(item.sides) > 1 and
              isinstance(item.sides[0].term, t.Prime) and
              isinstance(item.sides[0].term.base, (t.Sym, t.Script))]
    scope.named_primes = {t.canon(item.sides[0].term) for item in primes
                          if not (isinstance(item.sides[1].term, t.Num) and
                                  item.sides[1].term.value == 0)}
    # μ' = 10 beside a' = (4, 8, 12, 16): a number for a primed name of a varying quantity
    scope.numbered_primes = {t.canon(item.sides[0].term) for item in primes
                             if _is_number(item.sides[1].term)} & scope.named_primes
    scope.zero_based, scope.zero_based_maybe = _zero_based(scope.items)
    scope.counts_from_0 = any(
        item.role == "list" and isinstance(item.sides[0].term, t.Sym) and
        isinstance(item.sides[-1].term, t.Num) and item.sides[-1].term.value == 0
        for item in scope.items if len(item.sides) == 2)
    # p = 𝒩(μ₁, σ₁²): a law the text names; 𝔼_p[…] is over its variable, p(x) its density
    for item in scope.items:
        if len(item.sides) == 2 and isinstance(item.sides[0].term, t.Sym) and \
                isinstance(item.sides[1].term, t.Call):
            row = law(name_of(item.sides[1].term.fn) or "")
            if row is not None and len(item.sides[1].term.args) == row.parameters:
                scope.named_laws.setdefault(item.sides[0].term.name,
                                            (row, item.sides[1].term.args, item.line))
                if item.role == "claim" and not item.defines:
                    # "posons q = 𝒩(μ, σ²)" beside q(z) = 𝒩(z; μ, σ²): the law named again
                    item.role, item.note = "model", "a law the text names, not a claim"
    # z = (2; 1; 0,1): numbers the text gives as data are exact where they are written again
    # (data has few decimals; σ = 1,8708 after σ² = 3,5 is a rounded result, not data)
    data = [d.expr for ds in scope.definitions.values() for d in ds] + \
        [i.sides[1].term for i in scope.items if i.role == "condition" and len(i.sides) == 2
         and i.sides[1].term is not None]          # or as the values the steps are read at
    scope.given_numbers = {(abs(n.value), n.unit) for expr in data if _literal(expr)
                           for n in t.walk(expr) if isinstance(n, t.Num) and n.unit >= 0.01}
    scope.set_sizes = _set_sizes(scope)
    again = _upstream_gradients(scope, upstream)
    if again - upstream:
        return read_scope(src, stmts, upstream | again)
    return scope


def _set_sizes(scope: Scope) -> dict[str, int]:
    """The sets the text writes out element by element and names (V = {1, 2, 3, 4}), each
    name with its number of elements: a name given two sizes, a set with ⋯ or a condition
    ({x | x > 0}), or a name the text defines or declares otherwise, has none."""
    sizes: dict[str, set[int]] = {}
    for item in scope.items:
        if len(item.sides) != 2 or item.sides[0].term is None:
            continue
        name, b = name_of(item.sides[0].term), item.sides[1].term
        if name is None or not (isinstance(b, t.Paren) and b.bracket == "{") or any(
                isinstance(m, t.Relation) or isinstance(m, t.Sym) and (
                    m.name in DOTS or m.name == "\\mid") for e in b.args for m in t.walk(e)):
            continue
        sizes.setdefault(name, set()).add(len(b.args))
    return {name: n for name, ns in sizes.items() for n in ns if len(ns) == 1 and
            name not in scope.definitions and name not in scope.declared}


def _settings(stmts: list[Statement]) -> tuple[list[Statement], set[int]]:
    """``$C_{in} = C_{out} = 128$`` inline, after an example that set them otherwise: both names
    set to 128 (a new example's setting), read as one statement for each, never as a claim
    that the two names agree. Also gives the ids of those statements: each sets its value
    for the steps after it, as a condition does."""
    out: list[Statement] = []
    settings: set[int] = set()
    given: dict[str, str] = {}            # names set to a number before: the number
    for st in stmts:
        terms = [side.term for side in st.sides]
        last = terms[-1]
        number = isinstance(last, t.Num) or isinstance(last, t.Neg) and \
            isinstance(last.a, t.Num)
        # (names only: m_0 = v_0 = 0 gives first members of sequences, no example's setting)
        names = [name_of(x) if isinstance(x, t.Sym) or isinstance(x, t.Script) and
                 not _number_index(x.sub) else None for x in terms[:-1]]
        value = t.canon(last) if last is not None else ""
        if st.inline and not st.continues and len(terms) > 2 and number and \
                set(st.relations) == {"="} and not any(st.labels) and \
                None not in names and any(given.get(n, value) != value for n in names):
            split = [dataclasses.replace(st, sides=(side, st.sides[-1]), relations=("=",))
                     for side in st.sides[:-1]]
            settings |= {id(x) for x in split}
            out += split
        else:
            out.append(st)
        if number and None not in names and set(st.relations) <= {"="}:
            given.update({n: value for n in names})
    return out, settings


def _upstream_gradients(scope: Scope, upstream: frozenset[str]) -> set[str]:
    """"Given $g_i = ∂L/∂y_i$" with L written out nowhere: the text names the upstream
    gradient, so L is any loss with that gradient — read as ⟨g, y⟩, which every claim on
    L's first derivatives holds for exactly when it holds for all such losses. The first such
    statement of each loss decides. A statement that defined the name (G = ∂L/∂Y) made it a
    function of L, and so of itself: the names returned are to be read again as inputs."""
    again: set[str] = set()
    named_losses: set[str] = set()
    for item in scope.items:
        if len(item.sides) > 2 and (valued := _valued_gradient(item)) is not None:
            item = valued[0]                        # g = ∂L/∂y = (1, −1, 2)
        if len(item.sides) != 2 or item.statement.relations[:1] not in (("=",), (":=",)):
            continue
        # given, not claimed: the statement defines the name, or sets it for the steps after
        given = {d.name for d in item.defines.values()} if item.role != "condition" else None
        if item.note == NAMES_GRADIENT:
            given = set(upstream)
        for named, deriv in ((item.sides[0].term, item.sides[1].term),
                             (item.sides[1].term, item.sides[0].term)):
            if named is None or given is not None and t.canon(named) not in given and not (
                    isinstance(named, t.Script) and t.canon(named.base) in given) and \
                    t.canon(_unsubscripted(named)) not in given:
                continue
            applied = _gradient_at(deriv)
            if applied is not None and isinstance(named, (t.Sym, t.Script)) and \
                    not scope.known(applied) and lookup(applied) is None and \
                    not any(base_name(k) == applied for k in scope.definitions):
                # g_t = ∇_θ L(θ_{t−1}), L written out nowhere: the gradient of any loss at
                # each point, so any value, an input (g_t, not g_t of θ)
                head = named.base if isinstance(named, t.Script) and \
                    isinstance(named.base, t.Sym) and named.sup is None else named
                if isinstance(head, t.Sym) and head.name != applied:
                    again.add(head.name)
                break
            if not (isinstance(deriv, t.Deriv) and deriv.order == 1 and
                    isinstance(deriv.f, t.Sym) and isinstance(named, (t.Sym, t.Script))):
                continue
            loss = deriv.f.name
            var = deriv.var
            member = None
            # a loss written out nowhere: not s with s_i(z) defined (∂s/∂z is its Jacobian)
            if scope.known(loss) or any(base_name(k) == loss for k in scope.definitions) or \
                    not isinstance(var, (t.Sym, t.Script)):
                continue
            if isinstance(named, t.Script) and isinstance(var, t.Script) and \
                    var.sup is None and named.sub == var.sub and \
                    isinstance(named.base, t.Sym) and isinstance(var.base, t.Sym):
                # g_i = ∂L/∂y_i: g = ∂L/∂y; δ^h_t = ∂L/∂h_t: δ^h = ∂L/∂h — but of a sequence
                # (h_t = tanh(W h_{t−1} + …)) any loss of the member h_t at the step's t
                if _of_sequence(var, scope):
                    member = named, var
                named, var = _unsubscripted(named), var.base
            # δ^h = ∂L/∂h: a name with a label is a name as much as G is
            labelled = isinstance(named, t.Script) and named.sub is None and \
                isinstance(named.base, t.Sym) and named.sup is not None and \
                split_label(named.sup, scope.layers)[0] is not None
            if not (isinstance(named, t.Sym) or labelled) or t.canon(named) == loss or \
                    t.canon(named) in mentioned_names(var):
                continue
            # a formula for G elsewhere is the gradient itself (G = p − y depends on y): L is
            # then not ⟨G, Y⟩; values in an example are no formula
            ds = scope.definitions.get(t.canon(named), ())
            if any(value_names(d.expr) for d in ds if d.line != item.line):
                continue
            if any(d.line == item.line for d in ds):
                if loss not in named_losses:        # the first naming of each loss only
                    named_losses.add(loss)
                    again.add(t.canon(named))
                break
            scope.define(Definition(loss, t.Inner(*(member or (named, var))), line=item.line,
                                    paragraph=item.paragraph,
                                    section=item.statement.section, read=True))
            named, var = member or (named, var)
            scope.gradients[t.canon(named)] = t.canon(var)
            break
    return again


NEGLIGIBLE = "negligible: read as 0 in the steps around it"
UPDATED = "an update of an algorithm, not a claim (what its right side equals is)"
SOLVED = "an equation to solve, not an identity (what is set to 0 is claimed equal to it)"
# "$dX$ for $\partial L/\partial X$": the d-names of L's gradient, X standing for any name
_LOSS = r"(?:[^{}$/]|\{[^{}$]*\})+?"
_D_CONVENTION = re.compile(
    # (the name may carry a generic layer or index: dW^{[l]}, dW^{(l)}, dW^l, dW_l)
    r"\$\s*d\s*(?P<x>[A-Za-z](?:\^\{\[[a-z]\]\}|\^\{\([a-z]\)\}|\^\{?[a-z]\}?|_\{?[a-z]\}?)?)"
    r"\s*\$[^$\n]{1,40}?\$\s*(?:\\partial\s*(?P<f>" + _LOSS +
    r")\s*/\s*\\partial\s*(?P=x)|\\frac\s*\{\s*\\partial\s*(?P<g>" + _LOSS +
    r")\s*\}\s*\{\s*\\partial\s*(?P=x)\s*\})\s*\$")
NAMES_GRADIENT = "names the upstream gradient: the loss is read as any loss with it"
GIVES_GRADIENT = "gives the upstream gradient: the loss is read as any loss with it"


def _primed_letter(node: Any) -> bool:
    """``x'``: a letter with one prime."""
    return isinstance(node, t.Prime) and node.order == 1 and isinstance(node.base, t.Sym)


def _given_gradients(scope: Scope) -> None:
    """"If the upstream gradient is ∇_y L = (0.1, 0.4, −0.2)", L written out nowhere: L is
    any loss with that gradient, read as ⟨(0.1, 0.4, −0.2), y⟩ — when the text gives that
    gradient one value only."""
    found = [(item, given) for item in scope.items
             if (given := _given_gradient(item, scope)) is not None]
    # a loss the text writes as a function (L(w)) or whose gradient it names (g = ∂L/∂y) has
    # its meaning already: a value of its gradient is then a claim
    named = {n.f.name for item in scope.items
             for pair in zip(item.sides, item.sides[1:]) for a, b in (pair, pair[::-1])
             if isinstance(n := a.term, t.Deriv) and isinstance(n.f, t.Sym) and
             isinstance(b.term, (t.Sym, t.Script)) and
             not isinstance(getattr(b.term, "base", None), (t.Paren, t.Matrix))} | scope.calls
    for item, given in found:
        if given[0] in named or any(g[0] == given[0] for _, g in found[:found.index(
                (item, given))]):
            continue          # the first value of a loss's gradient gives it; later ones are
        #                       claims (∇_x L after ∇_y L)
        if sum((g[0], t.canon(g[2])) == (given[0], t.canon(given[2])) for _, g in found) > 1:
            continue          # ∂L/∂x given two values (a max pool's, an average pool's): results
        loss, value, var = given
        item.role, item.note = "remark", GIVES_GRADIENT
        scope.define(Definition(loss, t.Inner(value, var), line=item.line,
                                paragraph=item.paragraph, section=item.statement.section,
                                read=True))


def _given_gradient(item: Item, scope: Scope) -> tuple[str, Any, Any] | None:
    """(loss, value, variable) of ``∂L/∂y = (0.1, 0.4)`` or ``∇_y L = (0.1, 0.4)``: a
    loss the text writes out nowhere, its gradient by a name given as numbers."""
    if len(item.sides) != 2 or item.statement.relations[:1] != ("=",) or \
            item.role not in ("claim", "condition", "named"):
        return None
    for deriv, value in ((item.sides[0].term, item.sides[1].term),
                         (item.sides[1].term, item.sides[0].term)):
        core = _untransposed(value)                                             # (…)ᵀ
        # (or one number, ∂L/∂h_t = −0.8 for a number h_t)
        if core is None or not _literal(core) or not isinstance(
                core, (t.Paren, t.Matrix, t.Num, t.Neg)):
            continue
        if isinstance(deriv, t.Product) and len(deriv.items) == 2 and \
                isinstance(deriv.items[0], t.Script) and deriv.items[0].base == t.Sym("\\nabla") \
                and deriv.items[0].sub and len(deriv.items[0].sub) == 1 and \
                deriv.items[0].sup is None:
            deriv = t.Deriv(deriv.items[1], deriv.items[0].sub[0], 1)
        if not (isinstance(deriv, t.Deriv) and deriv.order == 1 and
                isinstance(deriv.f, t.Sym) and isinstance(deriv.var, (t.Sym, t.Script))):
            continue
        loss = deriv.f.name
        if scope.known(loss) or any(base_name(k) == loss for k in scope.definitions) or \
                lookup(loss) is not None:
            continue
        return loss, value, deriv.var
    return None


def _gradient_at(node: Any) -> str | None:
    """The function of ``∇_θ L(θ_{t−1})``, ``∇f(x_k)``: a gradient taken at a point."""
    if isinstance(node, t.Product) and len(node.items) == 2 and \
            isinstance(node.items[1], t.Call) and isinstance(node.items[1].fn, t.Sym):
        op = node.items[0]
        nabla = op.base if isinstance(op, t.Script) and op.sup is None else op
        if isinstance(nabla, t.Sym) and nabla.name == "\\nabla":
            return node.items[1].fn.name
    return None


def _valued_gradient(item: Item) -> tuple[Item, Item] | None:
    """``g = ∂L/∂y = (1, −1, 2)``: the naming ``g = ∂L/∂y``, and ``g = (1, −1, 2)`` the value
    the steps around it are read at; None for any other chain."""
    st, sides = item.statement, item.sides
    if len(sides) < 3 or set(st.relations) != {"="} or not isinstance(sides[1].term, t.Deriv) \
            or not all(s.term is not None and _literal(s.term) for s in sides[2:]):
        return None
    naming = Item(dataclasses.replace(st, sides=st.sides[:2], relations=st.relations[:1]),
                  sides[:2], "claim", item.line,
                  defines={k: d for k, d in item.defines.items() if k == 0})
    value = Item(dataclasses.replace(st, sides=(st.sides[0], st.sides[-1]), relations=("=",)),
                 [sides[0], sides[-1]], "condition", item.line,
                 note="a value at which the steps around it are read")
    return naming, value


def _of_sequence(var: Any, scope: Scope) -> bool:
    """``h_t`` of a sequence ``h_t = f(h_{t−1}, …)``: a member, not an entry of a vector."""
    return isinstance(var, t.Script) and isinstance(var.base, t.Sym) and any(
        d.recurrence for d in scope.definitions.get(var.base.name, ()))


def _unsubscripted(node: Any) -> Any:
    """``δ^h`` of ``δ^h_t``, ``g`` of ``g_i``: a scripted name without its subscript."""
    if isinstance(node, t.Script) and node.sub is not None:
        return node.base if node.sup is None else t.Script(node.base, None, node.sup)
    return node


def _names_gradient(item: Item, upstream: frozenset[str], scope: Scope) -> bool:
    """``G = ∂L/∂Y`` (``g_t = ∇L(θ_{t−1})``; ``δ_t = ∂L/∂h_t`` of a sequence h) for a name G
    read as the upstream gradient."""
    return len(item.sides) == 2 and any(
        isinstance(b.term, t.Deriv) and (name_of(a.term) in upstream or name_of(
            _unsubscripted(a.term)) in upstream and _of_sequence(b.term.var, scope)) or
        _gradient_at(b.term) is not None and isinstance(a.term, t.Script) and
        name_of(a.term.base) in upstream
        for a, b in (item.sides, item.sides[::-1]))
