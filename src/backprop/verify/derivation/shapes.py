"""Shapes read from products: what ``z = Wx + b`` says about x and b when W is known.

The second half of shape inference (:mod:`.infer` reads sizes from indices). Each
expression of the document gets a shape — a number, a matrix of two dimensions, or an
undeclared name whose rank is not known yet — and the operations between them say what the
unknown names must be: ``W x`` with W of 3×4 makes x a column of 4; ``W x + b`` makes b a
column of 3 (a column beside a matrix of several columns is broadcast over them, as NumPy
does); ``w^T x`` makes w and x columns of one length; ``X^{-1}`` and ``\\operatorname{tr}(X)``
make X square. Dimensions are joined in the same union-find as the indices', so a size fixed
anywhere reaches every name it is joined to.

Only unambiguous uses decide: a product of two undeclared names (``a b``) or an undeclared
name multiplying a vector from the left (``w x``: a number or a matrix?) decides nothing, and a
name nothing decides stays a number. A name written bold or as a capital is a vector or a
matrix when a product needs one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import tree as t
from .scope import Item, Names, index_list, script_name
from .values import BUILTIN, TRANSPOSE

__all__ = ["read_products", "ONE"]

ONE = ("one",)          # the dimension of size 1 (a column's second axis)
SCALAR = "scalar"
_SHAPE_PRESERVING = {"softmax", "log_softmax"}


@dataclass(frozen=True)
class Mat:
    rows: Any
    cols: Any


@dataclass(frozen=True)
class Pending:
    """An undeclared input whose rank nothing has decided yet."""

    name: str
    transposed: bool = False


def _scalar_if_one(shape: Any) -> Any:
    """A 1×1 matrix (a row times a column) is a number."""
    if isinstance(shape, Mat) and shape.rows == ONE and shape.cols == ONE:
        return SCALAR
    return shape


class _Reader:
    def __init__(self, names: Names, dims: Any, ranks: dict[str, int], found: set[str]):
        self.names, self.dims, self.ranks, self.found = names, dims, ranks, found
        self.bold: set[str] = set()
        self.capital: set[str] = set()
        self.changed = False
        self._defining: set[str] = set()

    # -- names ---------------------------------------------------------------------------
    def known(self, name: str) -> bool:
        return name in self.names.declared or name in self.names.definitions or \
            name in self.found

    def name_shape(self, name: str) -> Any:
        kind = self.names.declared.get(name)
        if kind is not None:
            if kind.name in ("vector", "probs") or kind.name == "choice" and kind.shape and \
                    kind.shape[1] == 1:
                return Mat((name, 0, 1), ONE)
            if kind.name == "matrix" or kind.name == "choice" and kind.shape:
                return Mat((name, 0, 2), (name, 1, 2))
            if kind.name in ("scalar", "positive", "probability", "constant", "index",
                             "choice"):
                return SCALAR
            return None
        ds = self.names.definitions.get(name)
        if ds:
            d = ds[-1]
            if d.params or d.index or name in self._defining:
                return None
            self._defining.add(name)
            try:
                return self.shape(d.expr)
            finally:
                self._defining.discard(name)
        if name in self.found:
            rank = self.ranks.get(name)
            if rank == 1:
                return Mat((name, 0, 1), ONE)
            if rank == 2:
                return Mat((name, 0, 2), (name, 1, 2))
            return Pending(name)
        return None

    def resolve(self, p: Pending, rows: Any = None, cols: Any = None) -> Any:
        """Decide that the pending name is a column (or a matrix, if written as a capital)
        whose first axis joins ``rows``; the name's shape, as now known."""
        name = p.name
        matrix = name[:1].isupper() and cols not in (None, ONE)
        if matrix:
            self.ranks[name] = 2
            shape = Mat((name, 0, 2), (name, 1, 2))
        else:
            self.ranks[name] = 1
            shape = Mat((name, 0, 1), ONE)
        self.changed = True
        if rows is not None:
            self._join(shape.rows, rows)
        if cols is not None and matrix and cols[:1] not in (("square",), ("free",)):
            self._join(shape.cols, cols)
        return shape

    def _join(self, a: Any, b: Any) -> None:
        if a is None or b is None:
            return
        if self.dims.find(a) != self.dims.find(b):
            if self.dims.union(a, b) is None:
                self.changed = True

    # -- expressions -----------------------------------------------------------------------
    def shape(self, node: Any) -> Any:
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is not None:
            return method(node)
        self._inside(node)
        return None

    def _inside(self, node: Any) -> None:
        """Read what is inside a construct whose own shape is not read (a derivative, a sum)."""
        for child in t.children(node):
            if not isinstance(child, (t.MulOp, t.BigOp)):
                self.shape(child)

    def _num(self, node: t.Num) -> Any:
        return SCALAR

    def _sym(self, node: t.Sym) -> Any:
        if node.style == "bold" and node.name in self.found:
            self.bold.add(node.name)
        if node.name in self.found and len(node.name) == 1 and node.name.isupper():
            self.capital.add(node.name)
        if node.name in ("e", r"\pi"):
            return SCALAR
        return self.name_shape(node.name)

    def _paren(self, node: t.Paren) -> Any:
        return self.shape(node.args[0]) if len(node.args) == 1 else None

    def _neg(self, node: t.Neg) -> Any:
        return self.shape(node.a)

    def _add(self, node: Any) -> Any:
        a, b = self.shape(node.a), self.shape(node.b)
        for u, v in ((a, b), (b, a)):
            if isinstance(u, Pending) and isinstance(v, Mat):
                u = self.resolve(u, v.rows, None if v.cols is ONE else v.cols)
                return v
        if isinstance(a, Mat) and isinstance(b, Mat):
            if ONE in (a.rows, b.rows) and a.rows != b.rows:
                return None              # a column plus a row: not read
            self._join(a.rows, b.rows)
            if a.cols is not ONE and b.cols is not ONE:
                self._join(a.cols, b.cols)
            return a if a.cols is not ONE else b
        if a == SCALAR:
            return b if b is not None else None
        return a if b == SCALAR else None

    _sub = _add

    def _frac(self, node: t.Frac) -> Any:
        num = self.shape(node.num)
        return num if self.shape(node.den) == SCALAR else None

    def _apply(self, node: t.Apply) -> Any:
        inner = self.shape(node.a)
        if node.fn in ("norm",):
            return SCALAR
        if node.fn in ("abs", "sqrt", "floor", "ceil"):
            return inner
        return None

    def _call(self, node: t.Call) -> Any:
        if len(node.args) != 1 or not isinstance(node.fn, t.Sym):
            self._inside(node)
            return None
        fn = node.fn
        name = fn.name if isinstance(fn, t.Sym) else None
        arg = self.shape(node.args[0])
        if name in BUILTIN:
            if BUILTIN[name].elementwise or name in _SHAPE_PRESERVING:
                return arg
            if name in ("tr", "trace", "Tr", r"\det", "det"):
                if isinstance(arg, Mat):
                    self._join(arg.rows, arg.cols)          # square
                elif isinstance(arg, Pending):
                    shape = self.resolve(arg, None, ("square", arg.name))
                    if isinstance(shape, Mat):
                        self._join(shape.rows, shape.cols)
                return SCALAR
            return None
        return None

    def _script(self, node: t.Script) -> Any:
        written = script_name(node, self.known, self.names.layers)
        base = node.base
        if written is not None and (node.sub is None or t.canon(t.Script(base, node.sub, None))
                                    == written or node.sup is None):
            shape = self.name_shape(written)
            rest = node.sup if written.count("^") == 0 and node.sup is not None else None
            return self._sup(shape, rest) if rest is not None else shape
        if node.sub is not None:
            return SCALAR if isinstance(base, t.Sym) and len(index_list(node.sub)) in (1, 2) \
                and all(isinstance(i, (t.Sym, t.Num)) for i in index_list(node.sub)) else None
        return self._sup(self.shape(base), node.sup)

    def _sup(self, shape: Any, sup: Any) -> Any:
        if sup is None:
            return shape
        if isinstance(sup, t.Sym) and sup.name in TRANSPOSE:
            if isinstance(shape, Mat):
                return Mat(shape.cols, shape.rows)
            if isinstance(shape, Pending):
                return Pending(shape.name, not shape.transposed)
            return shape
        if isinstance(sup, t.Neg) or isinstance(sup, t.Num) and sup.value == -1:
            if isinstance(shape, Mat):
                self._join(shape.rows, shape.cols)       # an inverse: square
                inner = sup.a if isinstance(sup, t.Neg) else None
                if isinstance(inner, t.Sym) and inner.name in TRANSPOSE:
                    return Mat(shape.cols, shape.rows)
                return shape
            if isinstance(shape, Pending):
                square = self.resolve(shape, None, ("square", shape.name)) \
                    if shape.name in self.capital else None
                if isinstance(square, Mat):
                    self._join(square.rows, square.cols)
                return square
            return shape
        return shape if shape == SCALAR else None     # a power: elementwise

    def _product(self, node: t.Product) -> Any:
        result: Any = "start"
        dot = False
        for item in node.items:
            if isinstance(item, t.MulOp):
                dot = item.op == "cdot"
                if item.op not in ("cdot", "times", "juxt"):
                    return None          # ⊙, /: the caller's shapes, not read here
                continue
            if isinstance(item, (t.BigOp, t.Deriv)) or (
                    isinstance(item, t.Script) and isinstance(item.base, t.Sym) and
                    item.base.name in (r"\nabla", "D", r"\max", r"\min")):
                self._inside(t.Product(node.items[node.items.index(item) + 1:]) if
                             node.items.index(item) + 1 < len(node.items) else item)
                return None              # a sum or a derivative over the rest: its inside only
            if isinstance(item, t.Sym) and item.name in BUILTIN:
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
        if isinstance(a, Pending) and isinstance(b, Mat):
            if a.transposed:                       # w^T x: w is a column like x's rows
                self.resolve(a, b.rows, None)
                return Mat(ONE, b.cols)
            return None                            # w x: a number or a matrix? undecided
        if isinstance(a, Mat) and isinstance(b, Pending):
            if b.transposed:
                return None
            # W x: x has W's columns as rows (a column; a matrix if written as a capital)
            shape = self.resolve(b, a.cols, ("free", b.name) if b.name[:1].isupper() else None)
            return _scalar_if_one(Mat(a.rows, shape.cols))
        if isinstance(a, Mat) and isinstance(b, Mat):
            if a.cols is ONE and b.cols is ONE:
                self._join(a.rows, b.rows)         # two columns: elementwise or a dot
                return SCALAR if dot else a
            self._join(a.cols, b.rows)
            return _scalar_if_one(Mat(a.rows, b.cols))
        if isinstance(a, Pending) and isinstance(b, Pending) and a.transposed and \
                not b.transposed:
            wa = self.resolve(a, None, None)
            if b.name[:1].isupper():               # x^T A: A has x's length as rows
                wb = self.resolve(b, wa.rows, ("free", b.name))
                return _scalar_if_one(Mat(ONE, wb.cols))
            wb = self.resolve(b, None, None)       # w^T x with both undeclared
            self._join(wa.rows, wb.rows)
            return SCALAR
        return None

    def _deriv(self, node: t.Deriv) -> Any:
        if node.f is not None:
            self.shape(node.f)
        return None


def read_products(items: list[Item], names: Names, dims: Any, ranks: dict[str, int],
                  found: set[str]) -> None:
    """Join the dimensions the products of the document imply, and settle the ranks of the
    undeclared names they decide (``ranks``)."""
    reader = _Reader(names, dims, ranks, found)
    trees: list[Any] = [d.expr for ds in names.definitions.values() for d in ds
                        if not d.params and not d.index]
    for item in items:
        if item.role == "claim" and item.ambiguous is None:
            trees += [s.tree for s in item.sides if s.tree is not None]
    for _ in range(3):
        reader.changed = False
        for tree in trees:
            try:
                reader.shape(tree)
            except RecursionError:
                continue
        if not reader.changed:
            break
