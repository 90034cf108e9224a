"""Sums, products and extrema over index ranges, as an evaluator reads them: ``\\sum_{k=1}^{K}``,
``\\sum_{i,j=1}^{d}``, ``\\sum_{k \\ne j}``, ``\\max_k``, and sums written with an ellipsis
(``x_1 + x_2 + \\cdots + x_n``). Each range is counted before any term is made: a sum over
more than MAX_TERMS values is refused, however small its text.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from ... import functional as F
from ...engine import Tensor
from . import tree as t
from .scope import index_list
from .values import (
    EvalError,
    as_int,
    as_tensor,
    numeric,
)

if TYPE_CHECKING:
    from .evaluate import Scope

__all__ = ["MAX_TERMS", "OVER_A_SET", "Sums", "is_dots", "terms", "var_name"]


class Sums:
    """The evaluator's sums (mixed into :class:`~.evaluate.Evaluator`)."""

    def _ellipsis_sum(self, terms: list[tuple[int, t.Node]], scope: Scope) -> Any:
        """``x_1 + x_2 + \\cdots + x_n``: the terms the pattern around the dots gives."""
        out: list[tuple[int, t.Node]] = []
        for k, (sign, term) in enumerate(terms):
            if not is_dots(term):
                out.append((sign, term))
                continue
            if not out or k + 1 >= len(terms):
                raise EvalError("⋯ needs a term before it and one after it")
            first = out[-2][1] if len(out) >= 2 else None
            last_before = out[-1][1]
            after = terms[k + 1][1]
            out.extend((sign, filled) for filled in self._fill(first, last_before, after, scope))
        total = None
        for sign, term in out:
            value = self.eval(term, scope)
            if total is None:
                total = F.neg(as_tensor(value)) if sign < 0 else value
            else:
                total = self.combine("+" if sign > 0 else "-", total, value)
        return total

    def _fill(self, first: t.Node | None, before: t.Node, after: t.Node,
              scope: Scope) -> list[t.Node]:
        """The terms strictly between ``before`` and ``after`` in ``first, before, …, after``:
        they differ in one whole number (a subscript, a power), which steps evenly."""
        holes = _differences(before, after)
        if len(holes) != 1:
            raise EvalError(f"the terms around ⋯ ({t.canon(before)} and {t.canon(after)}) do "
                            f"not differ in one number")
        path = holes[0]
        lo = as_int(self.eval(_at_path(before, path), scope), "a term's number around ⋯")
        hi = as_int(self.eval(_at_path(after, path), scope), "a term's number around ⋯")
        step = 1 if hi >= lo else -1
        if first is not None and _differences(first, before) == [path]:
            step = lo - as_int(self.eval(_at_path(first, path), scope), "a term's number")
        if step == 0 or (hi - lo) % step:
            raise EvalError("the terms around ⋯ do not step evenly")
        count = (hi - lo) // step - 1
        if count > MAX_TERMS:
            raise EvalError(f"⋯ stands for {count} terms; at most {MAX_TERMS} are checked")
        return [_replace_at(before, path, t.Num(float(lo + step * j))) for j in
                range(1, count + 1)]

    def _bigop(self, node: t.BigOp, scope: Scope) -> Tensor:
        raise EvalError(f"nothing follows \\{node.op}")

    def _big_operator(self, op: t.BigOp, body: list, scope: Scope) -> Tensor:
        if op.sub is None:  # \sum t: the sum of a vector's entries
            value = as_tensor(self.product(list(body), scope))
            return F.sum(value) if op.op == "sum" else numeric(np.prod, value)
        bindings = self._ranges_of(op, scope)
        # Σ_k e^{z_k} inside s_i is the same for every i: computed once per point.
        names = self._mentions(id(op), [op] + list(body))
        key = ("Σ", id(op), tuple(sorted((n, v) for n, v in scope.indices.items()
                                         if n in names and n not in bindings[0])) if bindings
               else ())
        if key in scope.memo:
            return scope.memo[key]
        total = None
        for values in bindings:
            term = as_tensor(self.product(list(body), scope.with_indices(values)))
            if total is None:
                total = term
            else:
                total = F.add(total, term) if op.op == "sum" else self.combine("juxt", total,
                                                                              term)
        if total is None:
            total = Tensor(np.float64(0.0 if op.op == "sum" else 1.0))
        scope.memo[key] = total
        return total

    def _extremum(self, item: t.Script, body: list, scope: Scope) -> Tensor:
        bindings = self._ranges_of(t.BigOp("max", item.sub, None), scope)
        values = [as_tensor(self.product(list(body), scope.with_indices(b))) for b in bindings]
        if not values or any(v.ndim for v in values):
            raise EvalError(f"{t.canon(item)} over no numbers")
        reduce = F.max if "max" in item.base.name else F.min
        return reduce(F.stack(values))

    def _ranges_of(self, op: t.BigOp, scope: Scope) -> list[dict[str, int]]:
        """The index values a sum (product, max) runs over, counted before any is made: a
        sum over more than MAX_TERMS values is refused, however small its text."""
        sub = op.sub
        if len(sub) > 1 and isinstance(sub[-1], t.Relation) and sub[-1].op == "=" and \
                all(isinstance(v, t.Sym) for v in sub[:-1]) and isinstance(sub[-1].a, t.Sym):
            # Σ_{i,j=1}^{d}: every index over the same range, the sum of all their values
            names = [v.name for v in sub[:-1]] + [sub[-1].a.name]
            lo = as_int(self.eval(sub[-1].b, scope), "the lower limit")
            hi = self._upper(op, names[-1], scope)
            _count(op, max(hi - lo + 1, 0) ** len(names))
            return [dict(zip(names, ks)) for ks in itertools.product(range(lo, hi + 1),
                                                                     repeat=len(names))]
        if len(sub) == 1 and isinstance(sub[0], t.Relation):
            rel = sub[0]
            var = var_name(rel.a)
            if rel.op == "=":
                lo = as_int(self.eval(rel.b, scope), "the lower limit")
                hi = self._upper(op, var, scope)
                _count(op, hi - lo + 1)
                return [{var: k} for k in range(lo, hi + 1)]
            if rel.op == "!=":
                other = as_int(self.eval(rel.b, scope), t.canon(rel.b))
                n = self._range(var)
                _count(op, n)
                return [{var: k} for k in range(1, n + 1) if k != other]
            raise EvalError(f"a sum over {t.canon(rel)} is not read")
        if len(sub) == 1 and isinstance(sub[0], t.Product) and len(sub[0].items) == 3 and \
                isinstance(sub[0].items[1], t.Sym) and sub[0].items[1].name == r"\in" and \
                isinstance(sub[0].items[0], t.Sym):
            # a sum over j ∈ out, ℓ ∈ L: a set named in words, read as every value of j
            var = sub[0].items[0].name
            n = self._range(var)
            self.notes.add(f"{OVER_A_SET} {var} ∈ {t.canon(sub[0].items[2])} as a sum over every "
                           f"{var} (1 … {n})")
            _count(op, n)
            return [{var: k} for k in range(1, n + 1)]
        names = [var_name(i) for i in index_list(sub)]
        sizes = [self._range(name) for name in names]
        _count(op, math.prod(sizes))
        return [dict(zip(names, combo)) for combo in itertools.product(
            *(range(1, n + 1) for n in sizes))]

    def _upper(self, op: t.BigOp, var: str, scope: Scope) -> int:
        if op.sup is None:
            return self._range(var)
        sup = op.sup.args[0] if isinstance(op.sup, t.Paren) and len(op.sup.args) == 1 \
            else op.sup
        if isinstance(sup, t.Sym) and not self.known(sup.name) and sup.name not in scope.values \
                and sup.name not in scope.drawn:
            return self._range(var)  # \sum_{k=1}^{K}: K is the range of k
        return as_int(self.eval(sup, scope), "the upper limit")

    def _range(self, name: str) -> int:
        kind = self.symbols.get(name)
        if kind is not None and kind.name == "index":
            return kind.size
        if name in self.ranges:
            return self.ranges[name]
        raise EvalError(f"the range of {name} is unknown (declare {name}: index N)")


MAX_TERMS = 10_000     # index values one sum may run over
# how a sum over a set named in words is read; a failure through it is not the text's
OVER_A_SET = "Σ over"


def _count(op: t.BigOp, n: int) -> None:
    if n > MAX_TERMS:
        raise EvalError(f"the {op.op} runs over {n} values; at most {MAX_TERMS} are checked")


_DOTS = (r"\cdots", r"\ldots", r"\dots", r"\dotsb", r"\dotsc", "…")


def is_dots(node: t.Node) -> bool:
    return isinstance(node, t.Sym) and node.name in _DOTS


def terms(node: t.Node, sign: int = 1) -> list[tuple[int, t.Node]]:
    """The signed terms of a sum ``a + b − c``."""
    if isinstance(node, t.Add):
        return terms(node.a, sign) + terms(node.b, sign)
    if isinstance(node, t.Sub):
        return terms(node.a, sign) + terms(node.b, -sign)
    return [(sign, node)]


def _differences(a: t.Node, b: t.Node, path: tuple = ()) -> list[tuple]:
    """Where two trees differ; [] when equal, a list of paths (to differing nodes) else."""
    if type(a) is not type(b):
        return [path]
    if isinstance(a, t.Num):
        return [] if a.value == b.value else [path]
    if isinstance(a, t.Sym):
        return [] if a.name == b.name else [path]
    fields = [f for f in vars(a) if f != "_canon"]
    out: list[tuple] = []
    for f in fields:
        x, y = getattr(a, f), getattr(b, f)
        if isinstance(x, tuple) and isinstance(y, tuple):
            if len(x) != len(y):
                return [path]
            for k, (u, w) in enumerate(zip(x, y)):
                if isinstance(u, tuple) or isinstance(w, tuple):
                    if u != w:
                        return [path]
                    continue
                if u is None or w is None:
                    if u is not w:
                        return [path]
                    continue
                out += _differences(u, w, path + ((f, k),))
        elif x is None or y is None or isinstance(x, (str, int, float)):
            if x != y:
                return [path]
        else:
            out += _differences(x, y, path + ((f, None),))
    return out


def _at_path(node: t.Node, path: tuple) -> t.Node:
    for f, k in path:
        node = getattr(node, f) if k is None else getattr(node, f)[k]
    return node


def _replace_at(node: t.Node, path: tuple, new: t.Node) -> t.Node:
    if not path:
        return new
    (f, k), rest = path[0], path[1:]
    value = getattr(node, f)
    if k is None:
        changed = _replace_at(value, rest, new)
    else:
        changed = tuple(_replace_at(v, rest, new) if j == k else v for j, v in enumerate(value))
    fields = {name: getattr(node, name) for name in vars(node) if name != "_canon"}
    fields[f] = changed
    return type(node)(**fields)


def var_name(node: t.Node) -> str:
    if isinstance(node, t.Sym):
        return node.name
    if isinstance(node, t.Prime) and isinstance(node.base, t.Sym):
        return t.canon(node)                           # y', a primed index
    raise EvalError(f"{t.canon(node)} is not an index name")
