"""Stage 2's data type: the term a side of an equation parses into, and the canonical text of
a name.

Nodes are small frozen dataclasses; :func:`canon` gives the text by which a symbol is known
(``W^{(2)}``, ``h^{s}``, ``\\bar{y}``), so a name declared in the front matter and the same
name met in an expression compare equal however they were spaced or braced. A product keeps
its factors, operators and prefix operators as a flat list: whether ``f(x)`` is a call or a
product, how far a sum reaches and whether ``W x`` is a matrix product are decided when the
term is evaluated under a reading (:mod:`.evaluate`), where the bindings are known.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterator, Union


@dataclass(frozen=True)
class Num:
    value: float
    # the digits as written when they say a precision (0.750, 88\%, 9.1 × 10^{-4}): the unit
    # of the last digit shown; 0 for an exact number (an integer, a fraction)
    unit: float = field(default=0.0, compare=False)


@dataclass(frozen=True)
class Sym:
    name: str                       # "x", "\\sigma", "softmax", "\\partial", "\\bar{y}"
    # how it was typeset, when that hints at its kind (bold: a vector or matrix); not part of
    # the name, so x and \\mathbf{x} are one symbol
    style: str = field(default="", compare=False)


@dataclass(frozen=True)
class Script:
    base: "Node"
    sub: tuple["Node", ...] | None
    sup: Union["Node", None]


@dataclass(frozen=True)
class Prime:
    base: "Node"
    order: int


@dataclass(frozen=True)
class Call:
    fn: "Node"
    args: tuple["Node", ...]
    bracket: str = "("


@dataclass(frozen=True)
class MulOp:
    op: str                         # "cdot", "times", "odot", "/", ...


@dataclass(frozen=True)
class BigOp:
    op: str                         # "sum" or "prod"
    sub: tuple["Node", ...] | None
    sup: Union["Node", None]


@dataclass(frozen=True)
class Product:
    items: tuple["Node", ...]       # factors, MulOp and prefix operators, in reading order


@dataclass(frozen=True)
class Add:
    a: "Node"
    b: "Node"


@dataclass(frozen=True)
class Sub:
    a: "Node"
    b: "Node"


@dataclass(frozen=True)
class Neg:
    a: "Node"


@dataclass(frozen=True)
class Frac:
    num: "Node"
    den: "Node"


@dataclass(frozen=True)
class Deriv:
    """∂f/∂x (``f`` None: the operator ∂/∂x applied to what follows it)."""

    f: Union["Node", None]
    var: "Node"
    order: int = 1


@dataclass(frozen=True)
class Apply:
    """A one-argument function of the tree: sqrt, abs, norm, floor, ceil, factorial."""

    fn: str
    a: "Node"
    degree: Union["Node", None] = None


@dataclass(frozen=True)
class Inner:
    a: "Node"
    b: "Node"


@dataclass(frozen=True)
class Matrix:
    rows: tuple[tuple["Node", ...], ...]


@dataclass(frozen=True)
class Cases:
    """A piecewise value: the first row whose condition holds (None: otherwise)."""

    rows: tuple[tuple["Node", Union["Node", None]], ...]


@dataclass(frozen=True)
class Paren:
    args: tuple["Node", ...]
    bracket: str = "("


@dataclass(frozen=True)
class At:
    """``f(x) \\Big|_{x=0}``: the value of ``a`` where the conditions hold (x = 0)."""

    a: "Node"
    at: tuple["Node", ...]


@dataclass(frozen=True)
class AtMark:
    """The bar of an evaluation, while a product is read (becomes :class:`At`)."""

    at: tuple["Node", ...]


@dataclass(frozen=True)
class Relation:
    op: str                         # "=", "!=", "<", "<=", ">", ">="
    a: "Node"
    b: "Node"


Node = Union[Num, Sym, Script, Prime, Call, MulOp, BigOp, Product, Add, Sub, Neg, Frac, Deriv, At,
             Apply, Inner, Matrix, Cases, Paren, Relation]


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of ``node``, found once and kept on it (nodes never change; the
    fields a node keeps for itself begin with ``_``)."""
    kids = node.__dict__.get("_children")
    if kids is None:
        kids = tuple(_children(node))
        object.__setattr__(node, "_children", kids)
    return kids


def _children(node: Node) -> Iterator[Node]:
    for key, value in vars(node).items():
        if key.startswith("_"):
            continue
        if isinstance(value, tuple):
            for v in value:
                if isinstance(v, tuple):
                    yield from (w for w in v if w is not None)
                elif v is not None:
                    yield v
        elif value is not None and not isinstance(value, (str, int, float)):
            yield value


def rebuild(node: Node, fn) -> Node:
    """``node`` with ``fn`` applied to each direct sub-node; the same node if none changed."""
    def one(v: Any) -> Any:
        if isinstance(v, tuple):
            return tuple(one(w) for w in v)
        return v if v is None or isinstance(v, (str, int, float)) else fn(v)
    if not dataclasses.is_dataclass(node):
        return node
    changes = {f.name: one(getattr(node, f.name)) for f in dataclasses.fields(node)}
    if all(_same(changes[k], getattr(node, k)) for k in changes):
        return node
    return dataclasses.replace(node, **changes)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a is b


def walk(node: Node) -> Iterator[Node]:
    """``node`` and all its descendants."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(children(n))


def _fmt_number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def canon(node: Node) -> str:
    """The canonical LaTeX of ``node``, used to name symbols: ``W^{(2)}``, ``x_{i}``.

    Computed once per node and kept on it (nodes never change).
    """
    cached = node.__dict__.get("_canon")
    if cached is None:
        cached = _canon(node)
        object.__setattr__(node, "_canon", cached)
    return cached


def _canon(node: Node) -> str:
    if isinstance(node, Num):
        return _fmt_number(node.value)
    if isinstance(node, Sym):
        return node.name
    if isinstance(node, Script):
        text = canon(node.base)
        if node.sub is not None:
            text += "_{" + ",".join(canon(a) for a in node.sub) + "}"
        if node.sup is not None:
            text += "^{" + canon(node.sup) + "}"
        return text
    if isinstance(node, Prime):
        return canon(node.base) + "'" * node.order
    if isinstance(node, Paren):
        close = {"(": ")", "[": "]", "{": "}"}[node.bracket]
        return node.bracket + ",".join(canon(a) for a in node.args) + close
    if isinstance(node, Product):
        return "".join(canon(i) for i in node.items)
    if isinstance(node, MulOp):
        return "\\" + node.op if node.op.isalpha() else node.op
    if isinstance(node, Neg):
        return "-" + canon(node.a)
    if isinstance(node, Add):
        return canon(node.a) + "+" + canon(node.b)
    if isinstance(node, Sub):
        return canon(node.a) + "-" + canon(node.b)
    if isinstance(node, Call):
        return canon(node.fn) + "(" + ",".join(canon(a) for a in node.args).replace(",;,", ";") \
            + ")"
    if isinstance(node, Relation):
        return canon(node.a) + node.op + canon(node.b)
    return _written(node)


_APPLY = {"sqrt": ("\\sqrt{", "}"), "abs": ("|", "|"), "norm": ("\\|", "\\|"),
          "floor": ("\\lfloor ", "\\rfloor"), "ceil": ("\\lceil ", "\\rceil"),
          "round": ("\\lfloor ", "\\rceil")}


def _written(node: Node) -> str:
    """LaTeX for the constructs that never name a symbol (so messages quote what was written,
    never an internal name)."""
    if isinstance(node, Frac):
        return "\\frac{" + canon(node.num) + "}{" + canon(node.den) + "}"
    if isinstance(node, Apply):
        left, right = _APPLY.get(node.fn, (node.fn + "(", ")"))
        return left + canon(node.a) + right
    if isinstance(node, Deriv):
        top = canon(node.f) if node.f is not None else ""
        power = f"^{node.order}" if node.order > 1 else ""
        return f"\\frac{{\\partial{power} {top}}}{{\\partial {canon(node.var)}{power}}}"
    if isinstance(node, Inner):
        return "\\langle " + canon(node.a) + ", " + canon(node.b) + "\\rangle"
    if isinstance(node, BigOp):
        text = "\\" + node.op
        if node.sub is not None:
            text += "_{" + ",".join(canon(a) for a in node.sub) + "}"
        if node.sup is not None:
            text += "^{" + canon(node.sup) + "}"
        return text
    if isinstance(node, Matrix):
        return "\\begin{pmatrix}" + " \\\\ ".join(" & ".join(canon(e) for e in row)
                                                  for row in node.rows) + "\\end{pmatrix}"
    if isinstance(node, Cases):
        return "\\begin{cases}…\\end{cases}"
    if isinstance(node, At):
        return canon(node.a) + "\\Big|_{" + ",".join(canon(c) for c in node.at) + "}"
    return "…"


def size(node: Node) -> tuple[int, int]:
    """(number of nodes, depth) of the tree."""
    count, depth = 0, 0
    stack = [(node, 1)]
    while stack:
        n, d = stack.pop()
        count += 1
        depth = max(depth, d)
        stack.extend((c, d + 1) for c in children(n))
    return count, depth


def index_list(sub: tuple) -> list[Any]:
    """``{kj}`` → [k, j]; ``{k,j}`` → [k, j]; ``{12}`` → [1, 2]."""
    if len(sub) == 1 and isinstance(sub[0], Product) and all(
            isinstance(i, (Sym, Num)) for i in sub[0].items):
        return list(sub[0].items)
    if len(sub) == 1 and isinstance(sub[0], Num) and float(sub[0].value).is_integer() and \
            10 <= sub[0].value <= 99:
        return [Num(float(d)) for d in str(int(sub[0].value))]
    return list(sub)


_INDEX_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz") | {"\\ell"}


def _bound(op: BigOp) -> set[str]:
    return {s.name for sub in op.sub or () for s in index_list(
        (sub.a if isinstance(sub, Relation) else sub,)) if isinstance(s, Sym)}


def free_index_counts(node: Node) -> dict[str, int]:
    """How often each index letter is written in ``node``'s subscripts outside the sums
    written out around it."""
    counts: dict[str, int] = {}
    if isinstance(node, Script):
        for item in index_list(node.sub or ()):
            if isinstance(item, Sym) and item.name in _INDEX_LETTERS:
                counts[item.name] = counts.get(item.name, 0) + 1
        return counts
    bound: set[str] = set()
    for child in children(node):
        if isinstance(child, BigOp):
            bound |= _bound(child) if isinstance(node, Product) else set()
            continue
        for k, n in free_index_counts(child).items():
            if k not in bound:       # (the terms of a sum each write it: as often as one)
                counts[k] = max(counts.get(k, 0), n) if isinstance(node, (Add, Sub)) else \
                    counts.get(k, 0) + n
    return counts


def implied_sums(term: Node, skip: frozenset[str] = frozenset(),
                 dangling: frozenset[str] = frozenset()) -> Node:
    """The summation convention made explicit: an index letter written in two factors of a
    product (``A_{ik} X_{kl}``, ``∂L/∂a_i · a_i(δ_{ij} − a_j)``), or twice in one subscript
    (``M_{ii}``), is summed over that product (``Σ_k A_{ik} X_{kl}``); one of ``dangling``,
    over the product it is a factor of. ``skip``: the indices not to sum (the equation's
    free ones, those summed around it)."""
    if isinstance(term, Script):
        here = sorted(k for k, n in free_index_counts(term).items() if n >= 2 and k not in skip)
        return Product(tuple(BigOp("sum", (Sym(k),), None) for k in here) + (term,)) \
            if here else term
    if isinstance(term, (Product, Call)):
        parts = list(term.items) if isinstance(term, Product) else [term.fn, *term.args]
        within: dict[str, int] = {}         # in how many factors each index is written
        leaf: set[str] = set()              # written in a factor that is a name
        bound: set[str] = set()
        for part in parts:
            if isinstance(part, BigOp):
                bound |= _bound(part)
                continue
            for k in free_index_counts(part):
                if k not in bound:
                    within[k] = within.get(k, 0) + 1
                    if isinstance(part, Script):
                        leaf.add(k)
        here = sorted(k for k, n in within.items() if k not in skip and
                      (n >= 2 or k in dangling and k in leaf))
        inner = skip | set(here)
        new, bound = [], set()
        for part in parts:
            if isinstance(part, BigOp):
                bound |= _bound(part)
                new.append(part)
            else:
                new.append(implied_sums(part, frozenset(inner | bound), dangling))
        node = Product(tuple(new)) if isinstance(term, Product) else \
            dataclasses.replace(term, fn=new[0], args=tuple(new[1:]))
        if all(a is b for a, b in zip(new, parts)):
            node = term
        return Product(tuple(BigOp("sum", (Sym(k),), None) for k in here) + (node,)) \
            if here else node
    if isinstance(term, BigOp):
        return term
    return rebuild(term, lambda child: implied_sums(child, skip, dangling))
