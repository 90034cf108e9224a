"""Stage 5b: the kinds and shapes of the names a derivation uses without declaring them, by
unification over the whole document.

Every undeclared, undefined name used as a value is an *input* of the derivation, bound by its
use. It is *anchored* when the text treats it as a variable — a leaf of a definition, the
variable of a derivative, a name on both sides of a step, a name the prose mentions on its own —
and *loose* otherwise (written only on one side of a step: perhaps a quantity the text defines
in words). A step may fail on an anchored input's drawn value (the claim is meant for every
value); never on a loose one's.

Shapes come from a union-find over dimensions: the axes of names (``(name, axis, rank)``) and
the index letters of each statement (``(statement, letter)``) are joined where a name is
indexed by a letter (``w_{ji}``), sizes fixed where the text gives them (a declaration, a sum's
limit ``\\sum_{i=1}^{D}``), and products read where they are unambiguous (``W x`` with W of
3×4 makes x a column of 4; ``W x + b`` makes b a column of 3; ``w^T x`` makes both columns). A
dimension nothing fixes gets its own small size, different from the others, so that a missing
transpose still shows. A statement that would join two dimensions of different sizes reads an
index letter as another quantity than the text defined: it is marked ambiguous.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any, Iterator

from . import terms as t
from .kinds import MAX_DIM, REALS, Kind
from .names import DOTS, base_name, index_list, list_count, mentioned_names, name_of, \
    script_name, value_names
from .notation import GREEK, OPERATORS, TRANSPOSE, lookup, words
from .parse import Unreadable, parse
from .scope import Definition, Scope, _written_names

__all__ = ["Shapes", "infer"]

_FREE_SIZES = (4, 3, 5, 2, 6, 7)
ONE = ("one",)          # the dimension of size 1 (a column's second axis)
SCALAR = "scalar"


@dataclass
class Shapes:
    """What use says of the undeclared inputs: their kinds, in words, how firm, and where a
    statement's indices clash with what the text defined."""

    kinds: dict[str, Kind] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    firm: set[str] = field(default_factory=set)       # sizes the text forces
    loose: set[str] = field(default_factory=set)      # written once, on one side: opaque
    ambiguous: dict[int, str] = field(default_factory=dict)   # item number -> the clash
    sizes: dict[str, tuple[int, ...]] = field(default_factory=dict)   # indexed definitions
    # w_j^T x: w_j transposed is a vector, so w is the matrix whose j-th column it is
    columns: set[str] = field(default_factory=set)
    counted: set[str] = field(default_factory=set)    # counts whose value the checker chose

    def symbols(self, scope: Scope) -> dict[str, Kind]:
        """Declared and inferred symbols: the names whose values are drawn."""
        return {**self.kinds, **scope.declared}


_NOTATION = frozenset({"e", "\\pi", "\\infty", "I", "\\mathbf{1}", "\\mathbb{1}", "\\partial",
                       "\\nabla", "d", "1", ";"})
_OPERATOR_BASES = ("\\nabla", "\\partial", "D", "\\max", "\\min", "max", "min", "\\sum", "\\prod")


def _candidate(name: str) -> bool:
    power = re.fullmatch(r"(.+)\^\{[0-9]+\}", name)    # sech^{2} (of sech² u): a power of sech
    if power is not None and lookup(power.group(1)) is not None:
        return False
    if lookup(name) is not None or name in words() or name in _NOTATION or name in OPERATORS or \
            name.replace(".", "").isdigit() or name.startswith("⋄") or \
            name.split("_")[0] in _OPERATOR_BASES or \
            name.split("_")[0] in ("\\mathbf{1}", "\\mathbb{1}") or \
            re.fullmatch(r"([A-Za-z]+)_\{[A-Za-z]{2,}\}", name) is not None and \
            lookup(name.split("_")[0]) is not None:     # 1_N; softmax_{row}: a function
        return False
    return not (name.startswith("\\") and name[1:].isalpha() and name not in GREEK)


def _kronecker(scope: Scope) -> bool:
    """δ written with two indices: Kronecker's delta, notation, not a value."""
    return not scope.known("\\delta") and any(
        isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == "\\delta" and
        n.sub and len(index_list(n.sub)) == 2
        for item in scope.items for s in item.sides if s.term is not None for n in t.walk(s.term))


def inputs(scope: Scope) -> tuple[set[str], set[str]]:
    """The undeclared, undefined names used as values: (anchored, loose)."""
    known = scope.known
    layers = scope.layers
    anchored: set[str] = set()
    used: set[str] = set()
    for ds in scope.definitions.values():
        for d in ds:
            anchored |= value_names(d.expr, known, layers) - set(d.params) - set(d.index)
    for _, params, _ in scope.laws.values():    # w ∼ 𝒰(−a, a): a is an input
        for p in params:
            anchored |= value_names(p, known, layers)
    for item in scope.items:
        if item.role != "claim":
            continue
        terms = [s.term for s in item.sides if s.term is not None]
        for term in terms:
            used |= value_names(term, known, layers) - _numerators_only(term, known, layers)
            for n in t.walk(term):
                if isinstance(n, t.Deriv):
                    anchored |= value_names(n.var, known, layers)
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
                        n.base.name in _OPERATOR_BASES[:3] and n.sub:
                    anchored |= {v for s in n.sub for v in value_names(s, known, layers)
                                 if not any(k.startswith(v + "^") for k in scope.declared |
                                            scope.definitions.keys())}
        for a, b in zip(terms, terms[1:]):
            anchored |= value_names(a, known, layers) & value_names(b, known, layers)
        for cond in item.conditions:
            anchored |= value_names(cond, known, layers)
    anchored |= {n for n in used if _alone_in_prose(scope, n)}
    scripted = _scripted_only(scope)
    used |= scripted
    anchored |= scripted & {n for ds in scope.definitions.values() for d in ds
                            for n in mentioned_names(d.expr)}
    kronecker = _kronecker(scope)
    letters = _index_letters(scope)

    # a word written only before parentheses (Bernoulli(sigmoid(ℓ_i))) is an operator the
    # text uses, never a number drawn: a product of letters is not written as one word
    called = _called_only(scope) | {n for n, ds in scope.definitions.items()
                                    if any(d.recurrence for d in ds)} | \
        {n for n in scope.called_only if len(n) > 1 and n.isalpha()}

    def keep(names: set[str]) -> set[str]:
        return {n for n in names if (_candidate(n) or scope.unapplied(n) or n in scripted or
                                     n in scope.vectors_named) and
                n not in scope.declared and
                not (kronecker and n == "\\delta") and n not in letters and n not in called}
    anchored = keep(anchored)
    return anchored, keep(used) - anchored


def _column_families(scope: Scope, found: set[str]) -> set[str]:
    """Inputs whose members are written transposed (``w_j^\\top x_i``, ``w_{y_i}^T x``): a
    member is a vector, the j-th column of its letter, never a number — where the text never
    writes the letter alone."""
    members: set[str] = set()
    alone: set[str] = set()
    for item in scope.items:
        for side in item.sides:
            if side.term is None:
                continue
            alone |= _bare(side.term)
            for n in t.walk(side.term):
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.sub and \
                        len(index_list(n.sub)) == 1 and isinstance(n.sup, t.Sym) and \
                        n.sup.name in TRANSPOSE and n.sup.name != "t":
                    members.add(n.base.name)
    # beside a matrix of the capital letter (W), w_j is W's row or column: not a family of its own
    return {b for b in members & found if b not in alone and not (
        b.upper() != b and (b.upper() in found or scope.known(b.upper())))}


def _bare(term: Any) -> set[str]:
    """The names written on their own in ``term``, not as a script's base."""
    out: set[str] = set()

    def visit(n: Any) -> None:
        if isinstance(n, t.Sym):
            out.add(n.name)
            return
        for c in t.children(n):
            if not (isinstance(n, t.Script) and c is n.base):
                visit(c)
    visit(term)
    return out


def _scripted_only(scope: Scope) -> set[str]:
    """σ_p, σ_q (two Gaussians' deviations) in a text that never applies σ: a function of the
    table written only with a subscript, never with an argument, is a name of the text's."""
    found = set()
    summed = _summed_letters(scope)
    # (σ_1² = σ_2² = 1 given: the members are the text's numbers, σ_j one of them)
    numbered = {base_name(n) for n in scope.definitions if base_name(n) != n}
    listed = {name_of(item.sides[0].term) for item in scope.items if len(item.sides) == 2 and
              item.sides[1].term is not None and isinstance(item.sides[1].term, t.Paren) and
              len(item.sides[1].term.args) > 1}
    for item in scope.items:
        for side in item.sides:
            for n in t.walk(side.term) if side.term is not None else ():
                row = lookup(n.base.name) if isinstance(n, t.Script) and \
                    isinstance(n.base, t.Sym) else None
                if row is not None and n.sub and not row.subscript and \
                        n.base.name not in scope.called \
                        and n.base.name not in scope.applied and \
                        n.base.name not in scope.functions and not scope.known(n.base.name):
                    # (σ_k, σ_j with k and j a sum's variables, σ never written alone or
                    # given as a list, σ = (1; 1): the entries of one vector σ, not two
                    # numbers of their own)
                    entry = len(n.sub) == 1 and isinstance(n.sub[0], t.Sym) and \
                        n.sub[0].name in summed and n.base.name not in numbered and \
                        (n.base.name not in scope.bare or n.base.name in listed)
                    found.add(n.base.name if entry else t.canon(t.Script(n.base, n.sub, None)))
    # σ_i² = (1/D) Σ_j (x_ij − μ_i)²: a value the text gives it in an equation the scope did
    # not take for a definition; drawn, the step would be checked against a guess
    given = set()
    for item in scope.items:
        first = item.sides[0].term if item.role == "claim" and item.sides else None
        if isinstance(first, t.Script) and first.sub and isinstance(first.base, t.Sym):
            given.add(t.canon(t.Script(first.base, first.sub, None)))
    return {n for n in found if not scope.known(n) and n not in given}


def _numerators_only(term: Any, known, layers) -> set[str]:
    """Names written in ``term`` only as what a derivative differentiates (``∂ℓ/∂V``): a loss
    the text never writes out is a function of what it is differentiated by, not an input."""
    inside: set[str] = set()
    outside: set[str] = set()

    def visit(n: Any, in_deriv: bool) -> None:
        if isinstance(n, t.Deriv):
            if n.f is not None:
                if isinstance(n.f, (t.Sym, t.Script)):
                    inside.add(t.canon(n.f))
                else:
                    visit(n.f, True)
            return
        if isinstance(n, (t.Sym, t.Script)):
            (inside if in_deriv else outside).update(value_names(n, known, layers))
            return
        for c in t.children(n):
            visit(c, in_deriv)
    visit(term, False)
    return inside - outside


def _called_only(scope: Scope) -> set[str]:
    """Names written as functions of plain names (``Φ(x)``) and never as a value on their own:
    functions, not inputs."""
    called: set[str] = set()
    plain: set[str] = set()
    for item in scope.items:
        for side in item.sides:
            if side.term is None:
                continue
            fns = {id(n.fn) for n in t.walk(side.term) if isinstance(n, t.Call) and all(
                name_of(a) is not None for a in n.args)}
            calls = {id(n.fn) for n in t.walk(side.term) if isinstance(n, t.Call)}
            for n in t.walk(side.term):
                if isinstance(n, t.Sym):
                    if id(n) in fns:
                        called.add(n.name)
                    elif id(n) not in calls:
                        plain.add(n.name)
    return called - plain


def _summed_letters(scope: Scope) -> set[str]:
    """The letters a sum or product of the text runs over (Σ_k, Σ_{j=1}^K)."""
    terms = [s.term for item in scope.items for s in item.sides if s.term is not None]
    terms += [d.expr for ds in scope.definitions.values() for d in ds]
    return {x.name for term in terms for n in t.walk(term) if isinstance(n, t.BigOp) and n.sub
            for s in n.sub[:1] for x in t.walk(s.a if isinstance(s, t.Relation) else s)
            if isinstance(x, t.Sym) and len(x.name) == 1 and x.name.isalpha()}


def _index_letters(scope: Scope) -> set[str]:
    """Letters the text uses as indices: in a subscript, or as a sum's variable."""
    found: set[str] = set()
    terms = [s.term for item in scope.items for s in item.sides if s.term is not None]
    terms += [d.expr for ds in scope.definitions.values() for d in ds]
    for term in terms:
        for n in t.walk(term):
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
                    n.base.name in _OPERATOR_BASES[:3]:
                continue            # ∇_w, D_x: the variable of a derivative, not an index
            if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and n.base.name == "\\int":
                continue            # ∫_x^{x+ε}: a bound, a value
            subs = n.sub if isinstance(n, (t.Script, t.BigOp)) and n.sub else ()
            if any(isinstance(x, t.Sym) and x.name in DOTS for s in subs for x in t.walk(s)):
                continue            # x_{1…m}: the collection, its letters the range's ends
            for s in subs:
                target = s.a if isinstance(s, t.Relation) else s
                for i in index_list((target,)):
                    for x in t.walk(i):
                        if isinstance(x, t.Sym) and len(x.name) == 1 and x.name.islower() \
                                and "_" + x.name not in scope.layers:
                            found.add(x.name)      # (w_h beside h_t: a tag, not an index)
    for ds in scope.definitions.values():
        for d in ds:
            found |= set(d.index)
    return found


def _alone_in_prose(scope: Scope, name: str) -> bool:
    """Whether the prose names ``name`` on its own (``where $y$ is the label``)."""
    import re
    for m in re.finditer(r"(?<!\$)\$([^$\n]{1,24})\$(?!\$)", scope.text):
        written = m.group(1).strip()
        if written == name or written in (f"\\mathbf{{{name}}}", f"\\boldsymbol{{{name}}}",
                                          f"\\bm{{{name}}}", f"\\vec{{{name}}}"):
            return True
    return False


# ---- dimensions ---------------------------------------------------------------------------

class _Dims:
    """Union-find over axes and index letters, each class with the size the text gives it."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}
        self.size: dict[Any, int] = {}
        self.why: dict[Any, str] = {}
        self.least: dict[Any, int] = {}     # a sum to a written number: at least that many

    def find(self, key: Any) -> Any:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def fix(self, key: Any, n: int, why: str) -> str | None:
        """Give ``key``'s class size ``n``; the clash, in words, if it has another."""
        root = self.find(key)
        if root in self.size and self.size[root] != n:
            return f"{self.why[root]} but {why}"
        self.size[root], self.why[root] = n, why
        return None

    def at_least(self, key: Any, n: int, why: str) -> str | None:
        root = self.find(key)
        if root in self.size and self.size[root] < n:
            return f"{self.why[root]} but {why}"
        if n > self.least.get(root, 0):
            self.least[root] = n
            self.why.setdefault(root, why)
        return None

    def union(self, a: Any, b: Any) -> str | None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if ra in self.size and rb in self.size and self.size[ra] != self.size[rb]:
            return f"{self.why[ra]} but {self.why[rb]}"
        for exact, other in ((ra, rb), (rb, ra)):
            if exact in self.size and self.least.get(other, 0) > self.size[exact]:
                return f"{self.why[exact]} but {self.why.get(other, 'a sum reaches further')}"
        self.parent[rb] = ra
        if rb in self.size and ra not in self.size:
            self.size[ra], self.why[ra] = self.size[rb], self.why[rb]
        least = max(self.least.get(ra, 0), self.least.pop(rb, 0))
        if least:
            self.least[ra] = least
        return None

    def copy(self) -> "_Dims":
        other = _Dims()
        other.parent, other.size, other.why = dict(self.parent), dict(self.size), dict(self.why)
        other.least = dict(self.least)
        return other


def _letters(sub: tuple) -> list[str] | None:
    items = index_list(sub)
    if all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower() for i in items):
        return [i.name for i in items]
    return None


def _constant(node: Any, scope: Scope, line: int, paragraph: int) -> int | None:
    """A sum's limit as a whole number: written, declared or defined as one."""
    if isinstance(node, t.Paren) and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, t.Num) and float(node.value).is_integer():
        return int(node.value)
    if isinstance(node, t.Sym):
        kind = scope.declared.get(node.name)
        if kind is not None and kind.name == "constant" and kind.value is not None:
            return int(kind.value)
        d = scope.view(line, paragraph).get(node.name)
        if d is not None and not d.params and isinstance(d.expr, t.Num):
            return int(d.expr.value)
    return None


class _Statement:
    """The indexed names and index ranges in one statement's terms."""

    def __init__(self, key: Any, terms: list[Any], line: int, paragraph: int,
                 columns: set[str] = frozenset()):
        self.key, self.terms, self.line, self.paragraph = key, terms, line, paragraph
        self.columns = columns

    def links(self, scope: Scope, known) -> Iterator[tuple[str, Any, Any]]:
        """("axis", (name, axis, rank), letter key), ("size"|"least", letter key, (n, why)),
        ("limit", key, name). A letter bound by a sum is its own variable inside it."""
        out: list[tuple[str, Any, Any]] = []

        def visit(node: Any, bound: dict[str, Any]) -> None:
            if isinstance(node, t.Product):
                inner = dict(bound)
                for item in node.items:
                    if isinstance(item, t.BigOp) and item.sub:
                        inner = dict(inner)
                        self._bind(item, inner, out, scope)
                        continue
                    visit(item, inner)
                return
            if isinstance(node, t.Script) and node.sub and isinstance(node.base, t.Sym):
                self._axes(node, bound, out, scope, known)
            for child in t.children(node):
                visit(child, bound)

        for term in self.terms:
            visit(term, {})
        return iter(out)

    def _bind(self, op: t.BigOp, bound: dict[str, Any], out: list, scope: Scope) -> None:
        sub = op.sub
        letter, lo = None, None
        if len(sub) == 1 and isinstance(sub[0], t.Relation) and isinstance(sub[0].a, t.Sym):
            letter = sub[0].a.name
            lo = _constant(sub[0].b, scope, self.line, self.paragraph)
        elif len(sub) == 1 and isinstance(sub[0], t.Sym):
            letter = sub[0].name
        if letter is None:
            return
        key = (self.key, id(op), letter)
        bound[letter] = key
        hi = _constant(op.sup, scope, self.line, self.paragraph) if op.sup is not None else None
        sup = op.sup.args[0] if isinstance(op.sup, t.Paren) and len(op.sup.args) == 1 else op.sup
        if hi is None and isinstance(sup, t.Sym) and lo == 1:
            out.append(("limit", key, sup.name))     # \sum_{i=1}^{n}: n counts i's values
            return
        if hi is None and isinstance(sup, t.Sub) and isinstance(sup.a, t.Sym) and \
                isinstance(sup.b, t.Num) and sup.b.value == 1 and lo == 0:
            out.append(("limit", key, sup.a.name))   # \sum_{j=0}^{n-1}: n values as well
            return
        if hi is None or not 1 <= hi <= 64:
            return
        limit = t.canon(op.sup).strip("{}")
        written = limit == str(hi)
        why = (f"{letter} runs to {hi} on line {self.line}" if written else
               f"{letter} runs to {limit} = {hi} on line {self.line}")
        if lo == 1 and not written:
            out.append(("size", key, (hi, why)))
        elif lo in (0, 1):
            out.append(("least", key, (hi + (1 - lo), why)))

    def _axes(self, n: t.Script, bound: dict, out: list, scope: Scope, known) -> None:
        letters = _letters(n.sub)
        numbers = index_list(n.sub) if n.sub else []
        if letters is None and numbers and all(
                isinstance(i, t.Num) and float(i.value).is_integer() and i.value >= 1
                for i in numbers) and len(numbers) <= 2 and isinstance(n.base, t.Sym) and \
                known(n.base.name) and n.base.name not in scope.declared and \
                not scope.known(t.canon(t.Script(n.base, n.sub, None))):
            # x_4: at least four entries (five where the text counts x's from 0)
            first = int(len(numbers) == 1 and n.base.name in scope.zero_based and
                        n.base.name not in scope.zero_based_maybe)
            for axis, i in enumerate(numbers):
                out.append(("least", (n.base.name, axis, len(numbers)),
                            (int(i.value) + first, f"{n.base.name}_{int(i.value)} is written "
                                                   f"on line {self.line}")))
            return
        if letters is None or len(letters) > 2:
            return
        if n.base.name in self.columns and len(letters) == 1:    # w_j: w's j-th column
            out.append(("axis", (n.base.name, 1, 2), bound.get(letters[0], (self.key, letters[0]))))
            return
        written = script_name(n, known, scope.layers)
        if written is not None and t.canon(t.Script(n.base, n.sub, None)) == written:
            return              # E_n, W_{out}: a name, not a component
        name = written if written is not None else n.base.name
        if not known(name):
            return              # δ_{ij}, 1_{i=j}: notation, not a name with axes
        if name in scope.definitions and any(d.recurrence for d in scope.definitions[name]):
            return              # v_t of a sequence: a member, not a component
        for axis, letter in enumerate(letters):
            out.append(("axis", (name, axis, len(letters)), bound.get(letter, (self.key, letter))))


# ---- shapes read from products -------------------------------------------------------------

@dataclass(frozen=True)
class _Mat:
    rows: Any
    cols: Any


@dataclass(frozen=True)
class _Pending:
    """An input whose rank nothing has decided yet."""

    name: str
    transposed: bool = False


def _scalar_if_one(shape: Any) -> Any:
    if isinstance(shape, _Mat) and shape.rows == ONE and shape.cols == ONE:
        return SCALAR
    return shape


class _Products:
    """Reads each term's shape and joins the dimensions its operations imply."""

    def __init__(self, scope: Scope, dims: _Dims, ranks: dict[str, int], found: set[str],
                 columns: set[str] = frozenset()):
        self.scope, self.dims, self.ranks, self.found = scope, dims, ranks, found
        self.columns = columns
        self.changed = False
        self._defining: set[str] = set()

    def known(self, name: str) -> bool:
        return self.scope.known(name) or name in self.found

    def name_shape(self, name: str) -> Any:
        kind = self.scope.declared.get(name)
        if kind is not None:
            if kind.shape and (len(kind.shape) == 2 and kind.shape[1] == 1):
                return _Mat((name, 0, 1), ONE)
            if len(kind.shape) == 2:
                return _Mat((name, 0, 2), (name, 1, 2))
            return None if kind.is_function else SCALAR
        ds = self.scope.definitions.get(name)
        if ds:
            d = ds[-1]
            if d.params or d.index or d.recurrence or name in self._defining:
                return None
            self._defining.add(name)
            try:
                shape = self.shape(d.expr)
            finally:
                self._defining.discard(name)
            if isinstance(shape, _Mat) and shape.cols is ONE and self.ranks.get(name) == 1:
                self._join(shape.rows, (name, 0, 1))    # z = Wᵀh + b, z_i: z's entries
            return shape
        if any(name in parts for parts in self.scope.shaped.values()):
            return SCALAR             # Q ∈ ℝ^{n×d}, then QKᵀ/√d: d is a size, a number
        if name in self.found:
            rank = self.ranks.get(name)
            if rank == 1:
                return _Mat((name, 0, 1), ONE)
            if rank == 2:
                return _Mat((name, 0, 2), (name, 1, 2))
            return _Pending(name)
        return None

    def resolve(self, p: _Pending, rows: Any = None, cols: Any = None) -> Any:
        """Decide that the pending name is a column (or a matrix, written as a capital) whose
        first axis joins ``rows``."""
        name = p.name
        matrix = _capital(name) and cols not in (None, ONE)
        shape = _Mat((name, 0, 2), (name, 1, 2)) if matrix else _Mat((name, 0, 1), ONE)
        self.ranks[name] = 2 if matrix else 1
        self.changed = True
        if rows is not None:
            self._join(shape.rows, rows)
        if cols is not None and matrix and cols[:1] not in (("square",), ("free",)):
            self._join(shape.cols, cols)
        return shape

    def _one(self, axis: Any) -> bool:
        """The text sizes this axis 1 (b ∈ ℝ^{1×q}): a row that is added to every row."""
        return axis is not ONE and self.dims.size.get(self.dims.find(axis)) == 1

    def _same(self, a: Any, b: Any) -> bool:
        return self.dims.find(a) == self.dims.find(b)

    def _join(self, a: Any, b: Any) -> None:
        if a is not None and b is not None and self.dims.find(a) != self.dims.find(b):
            if self.dims.union(a, b) is None:
                self.changed = True

    def shape(self, node: Any) -> Any:
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is not None:
            return method(node)
        for child in t.children(node):
            if not isinstance(child, (t.MulOp, t.BigOp)):
                self.shape(child)
        return None

    def _num(self, node: t.Num) -> Any:
        return SCALAR

    def _sym(self, node: t.Sym) -> Any:
        return SCALAR if node.name in ("e", "\\pi") else self.name_shape(node.name)

    def _paren(self, node: t.Paren) -> Any:
        if len(node.args) == 1:
            return self.shape(node.args[0])
        count = list_count(node)
        if count is not None:
            return _Mat(("limit", count), ONE)      # (h_1, …, h_n): n entries
        return None

    def _neg(self, node: t.Neg) -> Any:
        return self.shape(node.a)

    def _add(self, node: Any) -> Any:
        for u, v in ((node.a, node.b), (node.b, node.a)):
            if isinstance(u, t.Sym) and u.name == "I" and not self.known("I"):
                # A + I, I − L: the identity's summand is a square matrix
                other = self.shape(v)
                if isinstance(other, _Pending):
                    other = self.resolve(other, None, ("square", other.name))
                if isinstance(other, _Mat) and other.cols is not ONE:
                    self._join(other.rows, other.cols)
                return other
        a, b = self.shape(node.a), self.shape(node.b)
        for u, v in ((a, b), (b, a)):
            if isinstance(u, _Pending) and isinstance(v, _Mat):
                self.resolve(u, v.rows, None if v.cols is ONE else v.cols)
                return v
        if isinstance(a, _Mat) and isinstance(b, _Mat):
            if ONE in (a.rows, b.rows) and a.rows != b.rows:
                return None
            for u, v in ((a, b), (b, a)):
                if self._one(u.rows) and not self._one(v.rows):
                    return v        # XW + b with b ∈ ℝ^{1×q}: added to every row
            for u, v in ((a, b), (b, a)):
                if u.cols is ONE and v.cols is not ONE and self._same(u.rows, v.cols) and \
                        not self._same(u.rows, v.rows):
                    return v        # XW + b, b as long as a row: added to every row
            self._join(a.rows, b.rows)
            if a.cols is not ONE and b.cols is not ONE and \
                    not (self._one(a.cols) or self._one(b.cols)):
                self._join(a.cols, b.cols)
            # WX + b with b ∈ ℝ^{n×1} the text sizes so: added to every column
            return b if a.cols is ONE or self._one(a.cols) else a
        if a == SCALAR:
            return b
        return a if b == SCALAR else None

    _sub = _add

    def _frac(self, node: t.Frac) -> Any:
        num = self.shape(node.num)
        return num if self.shape(node.den) == SCALAR else None

    def _apply(self, node: t.Apply) -> Any:
        inner = self.shape(node.a)
        return SCALAR if node.fn == "norm" else inner if node.fn in ("abs", "sqrt") else None

    def _call(self, node: t.Call) -> Any:
        if len(node.args) != 1 or not isinstance(node.fn, t.Sym):
            for child in t.children(node):
                self.shape(child)
            return None
        row = lookup(node.fn.name)
        arg = self.shape(node.args[0])
        if row is None:
            return None
        if row.elementwise or row.name in ("softmax", "log_softmax"):
            return arg
        if row.name in ("trace", "det"):
            if isinstance(arg, _Mat):
                self._join(arg.rows, arg.cols)
            elif isinstance(arg, _Pending):
                shape = self.resolve(arg, None, ("square", arg.name))
                if isinstance(shape, _Mat):
                    self._join(shape.rows, shape.cols)
            return SCALAR
        return None

    def _script(self, node: t.Script) -> Any:
        written = script_name(node, self.known, self.scope.layers)
        if written == t.canon(node.base) and node.sub is not None and \
                len(index_list(node.sub)) == 2:
            written = None          # G_{nm}: an entry of G, not G (x_i may be a sample)
        if written is not None and (node.sub is None or node.sup is None or
                                    t.canon(t.Script(node.base, node.sub, None)) == written):
            shape = self.name_shape(written)
            rest = node.sup if "^" not in written and node.sup is not None else None
            return self._sup(shape, rest) if rest is not None else shape
        if node.sub is not None:
            items = index_list(node.sub)
            whole = self.name_shape(node.base.name) if isinstance(node.base, t.Sym) and \
                t.Sym(":") in items and len(items) == 2 else None
            if isinstance(whole, _Mat):       # A_{i,:}: a row; A_{:,j}: a column
                return _Mat(ONE, whole.cols) if items[1] == t.Sym(":") else _Mat(whole.rows, ONE)
            if isinstance(node.base, t.Sym) and node.base.name in self.columns and \
                    len(items) == 1:
                return self._sup(_Mat((node.base.name, 0, 2), ONE), node.sup)
            if isinstance(node.base, t.Sym) and all(
                    isinstance(i, (t.Sym, t.Num)) for i in items) and len(items) in (1, 2):
                return SCALAR
            inner = self.shape(node.base)           # ‖Ax − b‖_2: read what is inside
            return SCALAR if isinstance(node.base, t.Apply) and node.base.fn == "norm" else \
                None if inner is None else None
        return self._sup(self.shape(node.base), node.sup)

    def _sup(self, shape: Any, sup: Any) -> Any:
        if sup is None:
            return shape
        if isinstance(sup, t.Sym) and sup.name in TRANSPOSE and sup.name != "t":
            if isinstance(shape, _Mat):
                return _Mat(shape.cols, shape.rows)
            if isinstance(shape, _Pending):
                return _Pending(shape.name, not shape.transposed)
            return shape
        if isinstance(sup, t.Neg) or isinstance(sup, t.Num) and sup.value == -1:
            if isinstance(shape, _Mat):
                self._join(shape.rows, shape.cols)       # an inverse: square
                inner = sup.a if isinstance(sup, t.Neg) else None
                if isinstance(inner, t.Sym) and inner.name in TRANSPOSE:
                    return _Mat(shape.cols, shape.rows)
                return shape
            return shape if shape == SCALAR else None
        return shape if shape == SCALAR else None     # a power: entrywise

    def _product(self, node: t.Product) -> Any:
        result: Any = "start"
        dot = divide = False
        for k, item in enumerate(node.items):
            if isinstance(item, t.MulOp):
                dot = item.op == "cdot"
                divide = item.op == "/"
                if item.op not in ("cdot", "times", "juxt", "/"):
                    return None
                continue
            if divide:                   # QKᵀ/√d: divided by a number, the same shape
                divide = False
                if self.shape(item) != SCALAR:
                    return None
                continue
            if isinstance(item, (t.BigOp, t.Deriv)) or (
                    isinstance(item, t.Script) and isinstance(item.base, t.Sym) and
                    item.base.name in ("\\nabla", "D", "\\max", "\\min")):
                rest = node.items[k + 1:]
                if rest:
                    self.shape(t.Product(rest) if len(rest) > 1 else rest[0])
                return None
            if isinstance(item, t.Sym) and lookup(item.name) is not None:
                return None              # σ(…) written as a product: not read here
            shape = self.shape(item)
            if shape is None:
                return None
            result = shape if result == "start" else self._times(result, shape, dot)
            dot = False
            if result is None:
                return None
        return None if result == "start" else result

    def _times(self, a: Any, b: Any, dot: bool) -> Any:
        a, b = _scalar_if_one(a), _scalar_if_one(b)
        if a == SCALAR:
            return b
        if b == SCALAR:
            return a
        if isinstance(a, _Pending) and isinstance(b, _Mat):
            if a.transposed and _capital(a.name) and b.cols is ONE:
                shape = self.resolve(a, b.rows, ("free", a.name))   # Wᵀh: W a matrix
                return _Mat(shape.cols, ONE)
            if a.transposed:                       # w^T x: w is a column like x
                self.resolve(a, b.rows, None)
                return _Mat(ONE, b.cols)
            if _capital(a.name) and b.cols is ONE:  # X w, w a column: X a matrix, as written
                shape = self.resolve(a, None, b.rows)
                return _Mat(shape.rows, ONE)
            return None                            # w x: a number or a matrix? undecided
        if isinstance(a, _Mat) and isinstance(b, _Pending):
            if b.transposed:
                return None
            shape = self.resolve(b, a.cols, ("free", b.name) if _capital(b.name) else None)
            return _scalar_if_one(_Mat(a.rows, shape.cols))
        if isinstance(a, _Mat) and isinstance(b, _Mat):
            if a.cols is ONE and b.cols is ONE:
                self._join(a.rows, b.rows)         # two columns: elementwise or a dot
                return SCALAR if dot else a
            self._join(a.cols, b.rows)
            return _scalar_if_one(_Mat(a.rows, b.cols))
        if isinstance(a, _Pending) and isinstance(b, _Pending) and a.transposed and \
                not b.transposed:
            if _capital(a.name) and not _capital(b.name):      # Wᵀh: W a matrix, h a column
                wa = self.resolve(a, None, ("free", a.name))
                self.resolve(b, wa.rows, None)
                return _Mat(wa.cols, ONE)
            wa = self.resolve(a, None, None)
            if _capital(b.name):
                wb = self.resolve(b, wa.rows, ("free", b.name))
                return _scalar_if_one(_Mat(ONE, wb.cols))
            wb = self.resolve(b, None, None)
            self._join(wa.rows, wb.rows)
            return SCALAR
        return None

    def _deriv(self, node: t.Deriv) -> Any:
        if node.f is not None:
            self.shape(node.f)
        return None


# ---- inference -----------------------------------------------------------------------------

def _declared_axes(scope: Scope, dims: _Dims) -> None:
    for name, kind in scope.declared.items():
        if kind.shape and len(kind.shape) == 2 and kind.shape[1] == 1:
            dims.fix((name, 0, 1), kind.shape[0], f"{name} has {kind.shape[0]} entries")
        elif len(kind.shape) == 2:
            for axis in (0, 1):
                dims.fix((name, axis, 2), kind.shape[axis],
                         f"{name} is {kind.shape[0]}×{kind.shape[1]}")


def infer(scope: Scope) -> Shapes:
    """Kinds for every input of the derivation, sizes for indexed definitions, and the
    statements whose indices clash."""
    anchored, loose = inputs(scope)
    anchored |= set(scope.shaped)
    # Q ∈ ℝ^{n×d_k}: d_k is a number, the size unification gives that axis
    # (a letter an example sets only further on is still free where it is declared)
    anchored |= {p for name, parts in scope.shaped.items() for p in parts
                 if isinstance(p, str) and not p.startswith("⋄") and p not in scope.declared and
                 all(d.line > scope.declared_on[name] for d in scope.definitions.get(p, ()))}
    loose -= anchored
    found = anchored | loose
    out = Shapes(loose=loose, columns=_column_families(scope, anchored | loose))

    def known(name: str) -> bool:
        return scope.known(name) or name in found

    dims = _Dims()
    _declared_axes(scope, dims)
    ranks: dict[str, int] = {name: 2 for name in out.columns}
    limits: set[str] = set()
    for name, parts in scope.shaped.items():     # x ∈ ℝ^n: a vector whose size is n's
        rank = 2 if len(parts) == 2 else 1
        ranks[name] = rank
        for axis, p in enumerate(parts):
            if isinstance(p, int):
                dims.fix((name, axis, rank), p, f"{name} ∈ ℝ^{p}")
            else:
                dims.union((name, axis, rank), ("limit", p))
                limits.add(p)
    indexed: list[Definition] = []
    for number, item in enumerate(scope.items):
        if item.role == "named":
            # "(C_ii = 1)" said in passing: C has two axes, though nothing is claimed of it
            terms = [s.term for s in item.sides if s.term is not None]
            st = _Statement(("item", number), terms, item.line, item.paragraph, out.columns)
            for what, a, _ in st.links(scope, known):
                if what == "axis" and a[0] not in ranks and a[0] in found:
                    ranks[a[0]] = a[2]
            continue
        if item.role != "claim":
            continue
        terms = [s.term for s in item.sides if s.term is not None] + list(item.conditions)
        st = _Statement(("item", number), terms, item.line, item.paragraph, out.columns)
        trial = dims.copy()
        clash = None
        for d in item.defines.values():
            if d.index and not d.recurrence:
                for axis, letter in enumerate(d.index):
                    clash = clash or trial.union((d.name, axis, len(d.index)), (st.key, letter))
                indexed.append(d)
        for what, a, b in st.links(scope, known):
            if what == "size":
                clash = clash or trial.fix(a, b[0], b[1])
            elif what == "limit":
                limits.add(b)
                clash = clash or trial.union(a, ("limit", b))
            elif what == "least":
                if isinstance(a, tuple) and len(a) == 3 and isinstance(a[0], str):
                    ranks[a[0]] = max(ranks.get(a[0], 0), a[2])
                clash = clash or trial.at_least(a, b[0], b[1])
            else:
                name, axis, rank = a
                ranks[name] = max(ranks.get(name, 0), rank)
                declared = scope.declared.get(name)
                if declared is not None and declared.name == "index":
                    continue
                letter_kind = scope.declared.get(b[-1])
                if b[-1] in scope.class_labels:       # p_y, y ∈ {1, …, C}: p's axis counts C
                    limits.add(scope.class_labels[b[-1]])
                    clash = clash or trial.union(b, ("limit", scope.class_labels[b[-1]]))
                elif letter_kind is not None and letter_kind.name == "index":
                    clash = clash or trial.fix(b, letter_kind.size,
                                               f"{b[-1]} is declared an index of {letter_kind.size}")
                clash = clash or trial.union((name, axis, rank), b)
        if clash is not None:
            out.ambiguous[number] = (f"the indices do not fit what the text defined: {clash}; "
                                     f"if a name stands for another quantity here, give it a "
                                     f"name of its own")
            continue
        dims = trial
    for name, var in scope.gradients.items():     # G = ∂L/∂Y has Y's shape
        rank = ranks.get(var) or next((len(d.index) for d in scope.definitions.get(var, ())
                                       if d.index and not d.recurrence), 0)
        if rank and ranks.get(name, rank) == rank:
            ranks[name] = rank
            for axis in range(rank):
                dims.union((name, axis, rank), (var, axis, rank))
    dims.fix(ONE, 1, "a column has one column")
    reader = _Products(scope, dims, ranks, found, out.columns)
    terms = [d.expr for ds in scope.definitions.values() for d in ds
             if not d.params and not d.index and not d.recurrence]
    # G = ∂L/∂Y has Y's shape: G + Y is well formed
    terms += [t.Add(t.Sym(name), t.Sym(var)) for name, var in scope.gradients.items()
              if var.isalpha() or var.startswith("\\") and var[1:].isalpha()]
    terms += [s.term for number, item in enumerate(scope.items)
              if item.role == "claim" and number not in out.ambiguous
              for s in item.sides if s.term is not None]
    for _ in range(3):
        reader.changed = False
        for term in terms:
            try:
                reader.shape(term)
            except RecursionError:
                continue
        if not reader.changed:
            break
    sizes = iter(_FREE_SIZES * 4)
    # a size nothing fixes takes the one an example gives (N = 3, x = (1; 2; 3)): a step
    # said for every size is then checked at the text's own, where its numbers live
    # — unless another free size already took that number: two sizes the general text keeps
    # apart stay apart (a 2×2 example does not make Wx and Wᵀx alike everywhere)
    # — and a size with members written (h_1) takes an example's last, so that one whose
    # members nothing shows keeps the number first
    chosen: dict[Any, int] = {}
    examples = [(dims.find(key), n) for key, n in _example_sizes(scope)
                if key in dims.parent or key[0] == "limit"]
    # (examples that give one size different numbers, x of 5 and w of 3 read as one size, say
    # the sizes were joined wrongly: none of them is taken)
    clash = {root for root, n in examples if any(r == root and m != n for r, m in examples)}
    # — unless the arrays written out give it one number, and only stated counts another
    # ("for N = 32 that is 2 GiB", then a worked example's 2×2 X): the arrays' is taken
    written: dict[Any, set[int]] = {}
    for key, n in _example_sizes(scope):
        if key[0] != "limit" and key in dims.parent:
            written.setdefault(dims.find(key), set()).add(n)
    examples = [(root, n) for root, n in examples if root not in clash or
                written.get(root) == {n}]
    clash = {root for root in clash if len(written.get(root, ())) != 1}
    # (a count the text states as a number, d = 4, keeps nothing apart: only the axes of
    # arrays written out are kept from one another's number)
    for root, n in sorted(examples, key=lambda e: e[0] in dims.least):
        if root not in dims.size and root not in clash and dims.least.get(root, 0) <= n and \
                (root not in written or
                 n not in {m for r, m in chosen.items() if r in written}):
            chosen.setdefault(root, n)

    from_examples = set(chosen)       # the sizes an example's numbers give

    def size_of(key: Any) -> int:
        root = dims.find(key)
        if root in dims.size:
            return dims.size[root]
        if root in from_examples:   # an example's size, at least the members written
            return chosen[root]
        if root in dims.least:
            return dims.least[root]
        if root not in chosen:
            chosen[root] = next(sizes, 4)
        return chosen[root]

    # a size the text names with a letter (X ∈ ℝ^{m×n}): stated, though free; it makes the
    # shape of the names it declares firm, and of the gradients the text names by them
    stated = {dims.find(("limit", p)) for parts in scope.shaped.values() for p in parts
              if isinstance(p, str)}

    def fixed(key: Any) -> bool:
        return dims.find(key) in dims.size or dims.find(key) in stated and (
            key[0] in scope.shaped or key[0] in scope.gradients)

    numbers = _given_numbers(scope)
    for name in sorted(found):
        rank = ranks.get(name, 0)
        if name in limits and rank == 0:
            n = size_of(("limit", name))
            out.kinds[name] = Kind("constant", (), float(n))
            out.why[name] = f"{n}, the number of terms of the sums it bounds"
            if fixed(("limit", name)):
                out.firm.add(name)
            root = dims.find(("limit", name))
            if root not in dims.size and root not in from_examples:
                out.counted.add(name)
            continue
        if rank == 1:
            n = size_of((name, 0, 1))
            out.kinds[name] = Kind("vector", (n, 1))
            out.why[name] = f"a vector of {n}"
            firm = fixed((name, 0, 1))
        elif rank == 2:
            m, n = size_of((name, 0, 2)), size_of((name, 1, 2))
            out.kinds[name] = Kind("matrix", (m, n))
            out.why[name] = f"a {m}×{n} matrix"
            firm = fixed((name, 0, 2)) and fixed((name, 1, 2))
        else:
            out.kinds[name] = Kind("scalar")
            out.why[name] = "a number"
            firm = _greek_lowercase(name)
        if name in scope.forms and rank == 2:
            out.kinds[name] = Kind("matrix", out.kinds[name].shape, form=scope.forms[name])
        elif name in scope.forms and rank == 0 and _capital(name):
            # a matrix the text never sizes, read as 1×1: an orthogonal one is ±1, a
            # positive definite one positive
            number = {"orthogonal": (Kind("choice", values=(-1.0, 1.0)), "±1, orthogonal"),
                      "spd": (Kind("positive"), "a positive number")}.get(scope.forms[name])
            if number is not None:
                out.kinds[name], out.why[name] = number
        if name in scope.bounded and rank == 0 and out.kinds[name].name == "scalar":
            out.kinds[name] = Kind(scope.bounded[name])
            out.why[name] += f", {scope.bounded[name]} as the text bounds it"
        if firm and rank and name in numbers and name not in scope.shaped:
            firm = False     # a vector by its use, given one number in an example (y = 1)
        if firm:
            out.firm.add(name)
    for name, letter in scope.class_labels.items():     # y ∈ {1, …, C}: an index over C's sizes
        kind = out.kinds.get(letter) or scope.declared.get(letter)
        if kind is None or kind.name != "constant" or kind.value is None:
            n = size_of(("limit", letter))
            kind = out.kinds[letter] = Kind("constant", (), float(n))
            out.why[letter] = f"{n}, the number of values of {name}"
            out.counted.add(letter)
        scope.declared[name] = Kind("index", size=max(1, min(int(kind.value), MAX_DIM)))
    for name, var in scope.gradients.items():     # G = ∂L/∂Y: as firm as Y's shape
        if name in out.kinds and (var in scope.declared or var in out.firm):
            out.firm.add(name)
    for d in indexed:
        key = (d.name, tuple(d.index))
        rank = len(d.index)
        out.sizes[str(key)] = tuple(size_of((d.name, axis, rank)) if (d.name, axis, rank) in
                                    dims.parent else 0 for axis in range(rank))

    for d in indexed:
        sizes_d = tuple(n or None for n in out.sizes[str((d.name, tuple(d.index)))])
        ds = scope.definitions.get(d.name, [])
        for k, other in enumerate(ds):
            if other is d and not d.size:
                from dataclasses import replace
                ds[k] = replace(d, size=sizes_d)
                for item in scope.items:
                    for step, dd in list(item.defines.items()):
                        if dd is d:
                            item.defines[step] = ds[k]
    scope._views.clear()
    return out


def _conditions_given(scope: Scope) -> list[tuple[str | None, Any]]:
    """(name, value) of each value an example gives in a condition (``N = 3``, ``y = 1``)."""
    return [(name_of(item.sides[0].term), item.sides[1].term) for item in scope.items
            if item.role == "condition" and len(item.sides) == 2 and None not in (
                item.sides[0].term, item.sides[1].term)]


def _given_numbers(scope: Scope) -> set[str]:
    """The names an example gives one number other than 0 (``y = 1``, ``b_2 = −0,5``; a
    vector set to 0 is its zero, ``w = \\mathbf{0}``)."""
    return {name for name, value in _conditions_given(scope) if name is not None and
            isinstance(v := value.a if isinstance(value, t.Neg) else value, t.Num) and
            v.value != 0}


def _example_sizes(scope: Scope) -> Iterator[tuple[Any, int]]:
    """The sizes the values an example gives imply: (dimension, size)."""
    given = _conditions_given(scope)
    # an example's vector written out (z = (0, ln 2, ln 3)) sizes the name as its values do
    given += [(d.name, d.expr) for ds in scope.definitions.values() for d in ds
              if not d.params and not d.index and not d.recurrence]
    for name, value in given:
        if name is None:
            continue
        if isinstance(value, t.Script) and value.sub is None and value.sup is not None:
            value = value.base                     # (1, 2, 3)^T
        if isinstance(value, t.Num) and float(value.value).is_integer() and 0 < value.value <= 64:
            yield ("limit", name), int(value.value)
        elif isinstance(value, t.Paren) and len(value.args) > 1:
            yield (name, 0, 1), len(value.args)
        elif isinstance(value, t.Matrix) and value.rows:
            yield (name, 0, 2), len(value.rows)
            yield (name, 1, 2), len(value.rows[0])


def _capital(name: str) -> bool:
    """A capital letter, under any accent or style: W, \\bar{O}, \\mathbf{X}."""
    return re.sub(r"^(\\[A-Za-z]+\s*\{)+", "", name)[:1].isupper()


def _greek_lowercase(name: str) -> bool:
    head = name.split("_")[0].split("^")[0]
    return head in GREEK and head[1:2].islower() and head not in ("\\delta", "\\sigma")


def mentioned(term: Any) -> set[str]:
    return mentioned_names(term) if term is not None else set()


__all__ += ["inputs", "name_of"]


# ---- shapes the text states, read as sizes, never drawn (ℝ^{1024×128} is no array to build)

def stated_shape(scope: Scope, item: Any) -> tuple[str, str] | None:
    """``S = ZZ^⊤ ∈ ℝ^{128×128}`` with ``Z ∈ ℝ^{1024×128}`` stated: the shape a product of
    names of stated shapes has, against the one the text states for it — ("holds" | "fails",
    why), or None where a name's shape is not stated or the factors do not compose (a
    convention the text may hold). Sizes of any size: nothing is drawn."""
    if item.statement.relations[:1] != ("∈",) or len(item.sides) != 2 or \
            item.sides[0].term is None:
        return None
    constants = _size_constants(scope, item.line)
    said = _stated_sizes(item.sides[1].text, constants)
    if said is None:
        return None
    term = item.sides[0].term
    name = name_of(term) if isinstance(term, (t.Sym, t.Script)) else None
    if name is not None:
        ds = [d for d in scope.definitions.get(name, ()) if d.line <= item.line and
              not d.params and not d.index]
        if not ds:
            return None                       # a declaration, not a claim
        term = ds[-1].expr
    dims: dict[str, tuple[int, ...]] = {}
    for other in scope.items:
        if other is item or other.line > item.line or len(other.sides) != 2 or \
                other.statement.relations[:1] != ("∈",):
            continue
        sizes = _stated_sizes(other.sides[1].text, constants)
        if sizes is not None:
            for n in _written_names(other.sides[0].text):
                dims[n] = sizes               # (the last the text states before the claim)
    shape = _stated_product(term, dims)
    if shape is None or shape == ():
        return None
    if shape == said:
        return "holds", f"the shapes compose to {shape[0]}×{shape[1]}, as stated"
    return "fails", (f"the shapes the text states make it {shape[0]}×{shape[1]}, "
                     f"not {said[0]}×{said[1]}")


def _size_constants(scope: Scope, line: int) -> dict[str, int]:
    """The whole numbers the text gives names up to ``line`` (N = 512, B = 32 768)."""
    given = [(d.line, name, d.expr) for name, ds in scope.definitions.items() for d in ds
             if not d.params and not d.index] + \
        [(item.line, name_of(item.sides[0].term), item.sides[1].term) for item in scope.items
         if item.role in ("condition", "named") and len(item.sides) == 2]
    return {name: int(value.value) for at, name, value in sorted(given, key=lambda g: g[0])
            if at <= line and name is not None and isinstance(value, t.Num) and
            float(value.value).is_integer()}


_SET_POWER = re.compile(REALS + r"\s*\^\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[0-9A-Za-z])")


def _stated_sizes(text: str, constants: dict[str, int]) -> tuple[int, int] | None:
    """``ℝ^{1024 × 128}``, ``\\mathbb{R}^{B×d}`` with B and d given, ``ℝ^{2N}``: (rows, cols),
    a vector a column; None where a size is not a number the text gives."""
    m = _SET_POWER.search(text)
    if m is None or text[m.end():].strip(" .,;$") != "":
        return None
    exponent = m.group(1)[1:-1] if m.group(1).startswith("{") else m.group(1)
    out = []
    for part in re.split(r"\\times|×", exponent):
        part = re.sub(r"\\[,;:! ]|~|\s", "", part)
        if not part:
            return None
        try:
            value = _size_value(parse(part), constants)
        except Unreadable:
            return None
        if value is None or value < 1:
            return None
        out.append(value)
    if len(out) == 1:
        return out[0], 1
    return (out[0], out[1]) if len(out) == 2 else None


def _size_value(node: Any, constants: dict[str, int]) -> int | None:
    """A size written with whole numbers and the names given them (2N, d + 1)."""
    if isinstance(node, t.Num):
        return int(node.value) if float(node.value).is_integer() else None
    if isinstance(node, (t.Sym, t.Script)):
        return constants.get(name_of(node) or "")
    if isinstance(node, t.Paren) and len(node.args) == 1:
        return _size_value(node.args[0], constants)
    if isinstance(node, (t.Add, t.Sub)):
        a, b = _size_value(node.a, constants), _size_value(node.b, constants)
        return None if a is None or b is None else a + b if isinstance(node, t.Add) else a - b
    if isinstance(node, t.Product):
        out = 1
        for x in node.items:
            if isinstance(x, t.MulOp) and x.op in ("cdot", "times"):
                continue
            v = _size_value(x, constants)
            if v is None:
                return None
            out *= v
        return out
    return None


def _stated_product(node: Any, dims: dict[str, tuple[int, int]]) -> tuple | None:
    """The shape of a product of names of stated shapes (transposes, numbers, sums of one
    shape); None where a factor's shape is not stated or the factors do not compose."""
    if isinstance(node, t.Paren) and node.bracket == "(" and len(node.args) == 1:
        return _stated_product(node.args[0], dims)
    if isinstance(node, t.Num):
        return ()
    if isinstance(node, t.Neg):
        return _stated_product(node.a, dims)
    if isinstance(node, t.Frac):                 # QKᵀ/√d: divided by a number
        return _stated_product(node.num, dims) if not mentioned_names(node.den) else None
    if isinstance(node, t.Script) and node.sub is None and isinstance(node.sup, t.Sym) and \
            node.sup.name in TRANSPOSE:
        inner = _stated_product(node.base, dims)
        return None if inner is None else inner[::-1]
    if isinstance(node, (t.Sym, t.Script)):
        return dims.get(name_of(node) or "")
    if isinstance(node, (t.Add, t.Sub)):
        a, b = _stated_product(node.a, dims), _stated_product(node.b, dims)
        return a if a is not None and a == b else None
    if isinstance(node, t.Product):
        out: tuple = ()
        for x in node.items:
            if isinstance(x, t.MulOp):
                if x.op not in ("cdot", "times", "juxt"):
                    return None
                continue
            s = _stated_product(x, dims)
            if s is None:
                return None
            if s == ():
                continue
            if out == ():
                out = s
            elif out[1] != s[0]:
                return None
            else:
                out = (out[0], s[1])
        return out
    return None
