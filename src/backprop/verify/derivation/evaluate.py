"""Evaluate an expression tree with the library's own operations, in float64.

Names resolve to declared or inferred symbols (drawn at random), definitions (evaluated
where used, so ``∂L/∂W`` differentiates through them; each definition's right side is read
with the definitions in force where it was written), index values or built-in functions. A
name with none of these origins has no value: :class:`~.values.Undeclared` (the step is
unreadable; nothing is guessed). ``x_i`` is the 1-based component i; ``\\sum`` and ``\\prod``
reach over the rest of their product; derivatives are taken by reverse mode
(:func:`backprop.engine.backprop`) on the expression and confirmed by central differences.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ... import functional as F
from ...engine import Tensor
from . import tree as t
from .differentiate import Differentiation, defined_function
from .scope import Definition, Names, index_list, mentioned_names, split_label
from .sums import Sums, is_dots, terms
from .values import (
    BUILTIN,
    GREEK,
    STANDARD_NORMAL_CDF,
    TRANSPOSE,
    Basis,
    E,
    EvalError,
    Fn,
    Identity,
    Ones,
    ShapeMismatch,
    TooLong,
    Undeclared,
    as_int,
    as_tensor,
    check_broadcast,
    diagonal_column,
    inverse,
    multiply,
    numeric,
    pick,
    pseudo_inverse,
    resolve,
)

__all__ = ["Scope", "Evaluator"]

MAX_VISITS = 20_000   # node visits per evaluation: bounds the time of a hostile expression
CONFIRMATIONS = 24    # derivatives per step confirmed by central differences


# words written before their argument without brackets (log p, exp x): applied, not operators
_APPLIED_WORDS = frozenset({"log", "ln", "lg", "exp", "sin", "cos", "tan", "tanh", "sinh",
                            "cosh"})


@dataclass
class Scope:
    """The values of one evaluation: overrides (a derivative's variable, a function's
    arguments, a value the prose fixes), index values, and the drawn symbols. An override
    wins over a definition, which wins over a draw (a name inferred where it is used free
    and defined elsewhere takes its definition where one is in force)."""

    values: dict[str, Tensor]
    indices: dict[str, int] = field(default_factory=dict)
    rng: np.random.Generator = field(default_factory=lambda: np.random.default_rng(0))
    used: set[str] = field(default_factory=set)   # the drawn names an evaluation read
    # Values of definitions already computed with these ``values`` (shared while only the
    # indices change): Σ_k s_k would otherwise evaluate s's sum once per k.
    memo: dict[tuple, Any] = field(default_factory=dict)
    drawn: dict[str, Tensor] = field(default_factory=dict)
    drew: set[str] = field(default_factory=set)   # the drawn names it read as draws

    def with_values(self, extra: dict[str, Any]) -> "Scope":
        return Scope({**self.values, **extra}, self.indices, self.rng, self.used,
                     drawn=self.drawn, drew=self.drew)

    def with_indices(self, extra: dict[str, int]) -> "Scope":
        return Scope(self.values, {**self.indices, **extra}, self.rng, self.used, self.memo,
                     self.drawn, self.drew)


class Evaluator(Differentiation, Sums):
    """Evaluates trees given the declared symbols, the definitions and the index ranges."""

    def __init__(self, names: Names, ranges: dict[str, int], line: int = 1 << 30,
                 paragraph: int = -1):
        self.names = names
        self.symbols = names.symbols()
        self.ranges = ranges
        self._where = [(line, paragraph)]   # whose definitions are in force: a stack
        self._views: dict[tuple, dict[str, Definition]] = {}
        self.notes: set[str] = set()       # how notation was read where not the plain way
        self.visits = 0
        self.deadline = math.inf
        # The variable of the step's derivative, the argument of a function written bare
        # (dσ/dx = σ(1 − σ)); None when the step has no derivative by a plain name.
        self.implicit: t.Node | None = None
        self.square_powers = False     # a square matrix was raised to a power
        self.matrix_powers = False     # ... read as a matrix power rather than entrywise
        self.matrix_softmax = False    # a softmax was applied to a matrix
        self.softmax_rows = False      # ... read along its rows rather than down its columns
        self._implicit_scope: Scope | None = None
        self._active: set[str] = set()
        self._names: dict[str, frozenset[str]] = {}
        self.confirmations = CONFIRMATIONS

    # ---- names -------------------------------------------------------------------------
    @property
    def definitions(self) -> dict[str, Definition]:
        """The definitions in force where the expression being read was written; a name with
        no definition there takes the one in force where it is used (P = (F − 1)/2 written
        before F = 5 is read with F = 5 where P is used)."""
        key = tuple(self._where)
        view = self._views.get(key)
        if view is None:
            view = {}
            for line, paragraph in self._where:
                view.update(self.names.view(line, paragraph))
            self._views[key] = view
        return view

    def known(self, name: str) -> bool:
        return name in self.symbols or name in self.definitions

    def is_index(self, name: str) -> bool:
        kind = self.symbols.get(name)
        return (kind is not None and kind.name == "index") or (
            kind is None and name not in self.definitions and name in self.ranges)

    def name(self, name: str, scope: Scope) -> Any:
        if name in scope.indices:
            return Tensor(np.float64(scope.indices[name]))
        if name in scope.values:
            scope.used.add(name)
            return scope.values[name]
        if name in self.definitions:
            d = self.definitions[name]
            if d.params and not all(p in scope.values or p in self.symbols or
                                    p in self.definitions for p in d.params):
                # a function the text defines, applied without parentheses: sh z (l written
                # alone with l(z, t) = … and z, t declared is l at z and t)
                return Fn(d.name, lambda *args, d=d: self._eval_at(d, d.expr, scope.with_values(
                    dict(zip(d.params, args)))), arity=len(d.params))
            return self._defined(d, scope)
        if name in scope.drawn:
            scope.used.add(name)
            scope.drew.add(name)
            return scope.drawn[name]
        kind = self.symbols.get(name)
        if kind is not None:
            if kind.is_function:
                return BUILTIN[kind.name]
            if kind.name == "index":
                raise EvalError(f"the index {name} has no value here")
            raise EvalError(f"{name} was declared but not drawn")  # the checker draws all
        if name in BUILTIN:
            return BUILTIN[name]
        if name == r"\Phi" and self.names.standard_normal:
            scope.used.add(name)
            return STANDARD_NORMAL_CDF
        if name == "e":
            return Tensor(np.float64(E))
        if name == r"\pi":
            return Tensor(np.float64(math.pi))
        if name == "I":
            return Identity()
        if name == r"\mathbf{1}":
            return Ones()
        if name in (r"\partial", r"\nabla", "d"):
            raise EvalError(f"{name} stands alone: write ∂f/∂x with a fraction")
        if name.startswith("\\") and name[1:].isalpha() and name not in GREEK:
            raise EvalError(f"unknown command {name}")
        if name in self.ranges:
            raise EvalError(f"the index {name} has no value here")
        raise Undeclared(name)

    def _mentions(self, key: Any, nodes: list) -> frozenset[str]:
        """The names ``nodes`` mention, through the definitions they use (kept by ``key``)."""
        names = self._names.get(key)
        if names is None:
            found: set[str] = set()
            todo = list(nodes)
            while todo:
                for n in t.walk(todo.pop()):
                    if isinstance(n, t.Script):     # y_{i}: an index of its own, by that name
                        found.add(t.canon(n))
                    if isinstance(n, t.Sym) and n.name not in found:
                        found.add(n.name)
                        if n.name in self.definitions:
                            todo.append(self.definitions[n.name].expr)
            names = self._names[key] = frozenset(found)
        return names

    def _memo_key(self, d: Definition, scope: Scope, k: tuple | None) -> tuple:
        """The definition, its index value and the values of the indices it mentions."""
        names = self._mentions(id(d), [d.expr])
        return (id(d), k, tuple(sorted((n, v) for n, v in scope.indices.items()
                                       if n in names and n not in d.index)))

    def _defined(self, d: Definition, scope: Scope) -> Any:
        key = self._memo_key(d, scope, None)
        if key not in scope.memo:
            scope.memo[key] = self._compute_defined(d, scope)
        return scope.memo[key]

    def _eval_at(self, d: Definition, node: t.Node, scope: Scope) -> Any:
        """``node`` (part of ``d``) read with the definitions in force where ``d`` was written."""
        self._where.append((d.line, d.paragraph))
        try:
            return self.eval(node, scope)
        finally:
            self._where.pop()

    def _compute_defined(self, d: Definition, scope: Scope) -> Any:
        if d.name in self._active:
            raise EvalError(f"the definition of {d.name} refers to itself")
        self._active.add(d.name)
        self._where.append((d.line, d.paragraph))
        try:
            if not d.index:
                return self.eval(d.expr, scope)
            sizes = [n or self.ranges.get(i) for i, n in zip(d.index, d.size or (None,) * 2)]
            for i, n in zip(d.index, sizes):
                if n is None:
                    raise EvalError(f"the range of the index {i} in the definition of "
                                    f"{d.name} is unknown (declare {i}: index N)")
            shape = (sizes[0], 1) if len(sizes) == 1 else tuple(sizes)
            parts = [as_tensor(self.eval(d.expr, scope.with_indices(dict(zip(d.index, k)))))
                     for k in np.ndindex(*sizes) for k in [tuple(int(v) + 1 for v in k)]]
            if any(p.ndim for p in parts):
                raise EvalError(f"the components of {d.name} are not numbers")
            return F.reshape(F.stack(parts), shape=shape)
        finally:
            self._active.discard(d.name)
            self._where.pop()

    def side(self, node: t.Node, scope: Scope) -> Any:
        """The value of one side of a step (σ written bare beside dσ/dx is σ(x))."""
        self._implicit_scope = scope
        value = self.eval(node, scope)
        if isinstance(value, Fn) and self.implicit is not None:
            return self.call(value, [self.eval(self.implicit, scope)])
        return value

    # ---- the tree ----------------------------------------------------------------------
    def eval(self, node: t.Node, scope: Scope) -> Any:
        self.visits += 1
        if self.visits > MAX_VISITS or time.monotonic() > self.deadline:
            raise TooLong("the evaluation takes too long")
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None or isinstance(node, t.MulOp):
            raise EvalError(f"{t.canon(node)} stands where a value belongs")
        return method(node, scope)

    def _num(self, node: t.Num, scope: Scope) -> Tensor:
        return Tensor(np.float64(node.value))

    def _sym(self, node: t.Sym, scope: Scope) -> Any:
        return self.name(node.name, scope)

    def _add(self, node: t.Add, scope: Scope) -> Any:
        written = terms(node)
        if any(is_dots(term) for _, term in written):
            return self._ellipsis_sum(written, scope)
        return self.combine("+", self.eval(node.a, scope), self.eval(node.b, scope))

    def _sub(self, node: t.Sub, scope: Scope) -> Any:
        return self.combine("-", self.eval(node.a, scope), self.eval(node.b, scope))

    def _neg(self, node: t.Neg, scope: Scope) -> Any:
        v = self.eval(node.a, scope)
        if isinstance(v, Identity):
            return Identity(F.neg(v.scale))
        return F.neg(as_tensor(v))

    def _paren(self, node: t.Paren, scope: Scope) -> Any:
        if len(node.args) != 1:
            return self._list(node, scope)
        return self.eval(node.args[0], scope)

    def _at(self, node: t.At, scope: Scope) -> Any:
        """``f(x) \\Big|_{x=0}``: f where x is 0 (every condition a name = a value)."""
        values = {}
        for c in node.at:
            if not (isinstance(c, t.Relation) and c.op == "=" and
                    isinstance(c.a, (t.Sym, t.Script))):
                raise EvalError(f"the evaluation bar's {t.canon(c)} is not a value given to a "
                                f"name (write x = 0)")
            values[t.canon(c.a)] = as_tensor(self.eval(c.b, scope))
        return self.eval(node.a, scope.with_values(values))

    def _relation(self, node: t.Relation, scope: Scope) -> Tensor:
        a = as_tensor(self.eval(node.a, scope)).data
        b = as_tensor(self.eval(node.b, scope)).data
        close = np.isclose(a, b, rtol=1e-12, atol=1e-12)
        result = {"=": close, "!=": ~close, "<": a < b, "<=": (a < b) | close,
                  ">": a > b, ">=": (a > b) | close}[node.op]
        return Tensor(np.asarray(result, dtype=np.float64))

    def _frac(self, node: t.Frac, scope: Scope) -> Any:
        return self.combine("/", self.eval(node.num, scope), self.eval(node.den, scope))

    def _apply(self, node: t.Apply, scope: Scope) -> Tensor:
        x = as_tensor(self.eval(node.a, scope))
        if node.fn == "sqrt":
            if node.degree is not None:
                return F.power(x, F.div(1.0, as_tensor(self.eval(node.degree, scope))))
            return F.sqrt(x)
        if node.fn == "abs":
            return F.abs(x)
        if node.fn == "norm":
            return F.sqrt(F.sum(F.mul(x, x)))
        rounding = np.floor if node.fn == "floor" else np.ceil
        return Tensor(rounding(x.data))

    def _inner(self, node: t.Inner, scope: Scope) -> Tensor:
        a, b = as_tensor(self.eval(node.a, scope)), as_tensor(self.eval(node.b, scope))
        if a.shape != b.shape:
            raise ShapeMismatch(f"⟨a, b⟩ of shapes {a.shape} and {b.shape}")
        return F.sum(F.mul(a, b))

    def _matrix(self, node: t.Matrix, scope: Scope) -> Tensor:
        rows = []
        width = len(node.rows[0])
        for row in node.rows:
            if len(row) != width:
                raise EvalError("the rows of a matrix have different lengths")
            entries = [as_tensor(self.eval(e, scope)) for e in row]
            if any(e.ndim for e in entries):
                raise EvalError("a matrix entry is not a number")
            rows.append(F.stack(entries))
        return F.stack(rows)

    def _list(self, node: t.Paren, scope: Scope) -> Tensor:
        """``[2, -3, -3]``, ``(x_1, x_2)``: the column of the numbers; ``[h_{t-1}, x_t]``: the
        columns one above the other (a concatenation, as an LSTM's gates read it)."""
        if node.bracket not in ("(", "[") or any(is_dots(a) for a in node.args):
            raise EvalError("a list in parentheses is not a value")
        parts = []
        for a in node.args:
            v = self.eval(a, scope)
            if isinstance(v, (Fn, Identity, Ones)):
                raise EvalError("a list in parentheses is not a value")
            v = as_tensor(v)
            if v.ndim == 0:
                v = F.reshape(v, shape=(1, 1))
            elif not (v.ndim == 2 and v.shape[1] == 1):
                raise EvalError("a list in parentheses is not a value (only numbers and "
                                "columns are listed one above the other)")
            parts.append(v)
        return F.concatenate(parts, axis=0)

    def _log_base(self, base_node: t.Node, scope: Scope) -> Fn:
        """``\\log_2``, ``\\log_{10}``, ``\\log_b``: the logarithm to that base, ln x / ln b."""
        b = as_tensor(self.eval(base_node, scope))
        if b.ndim or not float(b.data) > 0 or float(b.data) == 1:
            raise EvalError(f"log_{{{t.canon(base_node)}}}: a logarithm's base is a positive "
                            f"number other than 1")
        log = BUILTIN["log"]
        return Fn(f"log_{t.canon(base_node)}",
                  lambda x: F.div(self.call(log, [x]), math.log(float(b.data))))

    def _cases(self, node: t.Cases, scope: Scope) -> Any:
        for value, condition in node.rows:
            if condition is None or bool(np.all(as_tensor(self.eval(condition, scope)).data)):
                return self.eval(value, scope)
        raise EvalError("no case of the piecewise definition applies here")


    def _onehot(self, size_node: t.Node | None, scope: Scope, argument: t.Node | None) -> Fn:
        """``\\operatorname{onehot}_m(y)``: the column of m zeros with a 1 at position y."""
        if size_node is not None:
            m = as_int(self.eval(size_node, scope), "the size of onehot")
        else:  # onehot(y) with y a declared index: its range
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

    def _script(self, node: t.Script, scope: Scope) -> Any:
        if isinstance(node.base, t.Sym) and node.base.name == "e" and node.sup is not None and \
                "e" in self.definitions and "e" not in scope.values:
            raise EvalError(f"e is a name the text defines (line {self.definitions['e'].line}) "
                            f"and e^{{…}} may be the exponential: write \\exp(…) for that")
        if isinstance(node.base, t.Sym) and node.base.name == "onehot" and node.sub and \
                node.sup is None and not self.known("onehot"):
            return self._onehot(node.sub[0], scope, None)
        if isinstance(node.base, t.Sym) and node.base.name in ("log", r"\log") and \
                node.sup is None and node.sub is not None and len(node.sub) == 1 and \
                not self.known(node.base.name) and not self.known(t.canon(node)):
            return self._log_base(node.sub[0], scope)
        if isinstance(node.base, t.Call) and self._prefix(node.base.fn) is not None:
            group = t.Paren(node.base.args, node.base.bracket)  # d/da (σ(a) − y)^2
            return self._prefix(node.base.fn)([t.Script(group, node.sub, node.sup)], scope)
        split = self._value_times_group(node.base, scope)
        if split is not None:  # h (δ)^T: the script belongs to the group, not to h(δ)
            value, group = split
            return self.combine("juxt", value, self.eval(t.Script(group, node.sub, node.sup),
                                                         scope))
        if isinstance(node.base, t.Apply) and node.base.fn == "norm" and node.sub and \
                len(node.sub) == 1 and t.canon(node.sub[0]) in _NORMS:
            value = self._norm(node.base.a, t.canon(node.sub[0]), scope)   # \|W\|_F^2
            return self._superscript(value, node.sup, scope) if node.sup is not None else value
        full = t.canon(node)
        if self._firm(full, scope) or full in self.symbols and not self._firm_base(node, scope):
            return self.name(full, scope)
        label, rest = split_label(node.sup, self.names.layers)
        base, sub, sup = node.base, node.sub, node.sup
        if label is not None:
            labelled = t.canon(t.Script(base, None, label))
            if not (self.known(labelled) or labelled in scope.values) and (
                    self.known(t.canon(base)) or t.canon(base) in scope.values):
                labelled = t.canon(base)  # x^{(i)}: the i-th sample of a declared x
            if isinstance(rest, t.Sym) and rest.name in (r"\prime", "'"):
                return self.eval(t.Prime(t.Sym(labelled), 1), scope)   # g^{[1]\prime}
            value = self.name(labelled, scope)
            value = self._component(value, sub, labelled, scope) if sub else value
            return self._superscript(value, rest, scope) if rest is not None else value
        if sup is not None and sub is not None:
            upper = t.canon(t.Script(base, None, sup))
            if self.known(upper) or upper in scope.values:
                return self._component(self.name(upper, scope), sub, upper, scope)
            lower = t.canon(t.Script(base, sub, None))
            if self.known(lower) or lower in scope.values:
                return self._superscript(self.name(lower, scope), sup, scope)
        if sub is not None:
            special = self._indicator(base, sub, scope)
            if special is not None:
                return special
            value = self._subscripted(base, sub, scope)
            if self._transpose_mark(sup, scope) and isinstance(value, Tensor) and \
                    value.ndim == 0:
                written = t.canon(t.Script(base, sub, None))
                raise EvalError(f"{written}^T is the transpose of a number (a component of "
                                f"{t.canon(base)}); if {written} is a vector of its own (a "
                                f"sample, a row), declare it ({written}: vector n)")
        else:
            value = self.eval(base, scope)
        return self._superscript(value, sup, scope) if sup is not None else value

    def _transpose_mark(self, sup: Any, scope: Scope) -> bool:
        return isinstance(sup, t.Sym) and sup.name in TRANSPOSE and not (
            sup.name == "t" and (sup.name in scope.indices or self.known("t") or
                                 sup.name in scope.values))

    def _firm(self, name: str, scope: Scope) -> bool:
        """A value the text gives (declared, defined, or fixed here), not one inferred."""
        return name in scope.values or name in self.definitions or name in self.names.declared

    def _firm_base(self, node: t.Script, scope: Scope) -> bool:
        """Whether the scripted symbol reads as part of a name the text gives (``E_n`` with E
        defined over n): then that reading wins over a name inferred as written."""
        base = node.base
        candidates = [t.canon(base)]
        if node.sub is not None and node.sup is not None:
            candidates += [t.canon(t.Script(base, node.sub, None)),
                           t.canon(t.Script(base, None, node.sup))]
        label, _ = split_label(node.sup, self.names.layers)
        if label is not None:
            candidates.append(t.canon(t.Script(base, None, label)))
        return any(self._firm(c, scope) for c in candidates)

    def _norm(self, node: t.Node, which: str, scope: Scope) -> Tensor:
        """‖x‖₂, ‖W‖_F, ‖x‖₁, ‖x‖_∞ (a matrix's ‖·‖₂ is its largest singular value)."""
        x = as_tensor(self.eval(node, scope))
        if which in ("F", r"\mathrm{F}", "2") and not (which == "2" and x.ndim == 2 and
                                                       min(x.shape) > 1):
            return F.sqrt(F.sum(F.mul(x, x)))
        if which == "2":
            return numeric(lambda a: np.linalg.norm(a, 2), x)
        if which == "1":
            return F.sum(F.abs(x))
        return F.max(F.abs(x))

    def _value_times_group(self, base: t.Node, scope: Scope) -> tuple[Any, t.Node] | None:
        if not isinstance(base, t.Call) or len(base.args) != 1 or isinstance(
                base.args[0], t.Relation):
            return None
        fn = base.fn
        if isinstance(fn, t.Sym) and (fn.name in self.definitions and self.definitions[
                fn.name].params or fn.name in (r"\mathbb{1}", "I")):
            return None
        value = self.eval(fn, scope)
        if isinstance(value, (Fn, Identity)):
            return None
        return value, t.Paren(base.args, base.bracket)

    def _indicator(self, base: t.Node, sub: tuple, scope: Scope) -> Any:
        """``\\mathbb{1}_{i=j}`` and Kronecker's ``\\delta_{ij}`` (δ not otherwise declared)."""
        if isinstance(base, t.Sym) and base.name == r"\mathbb{1}" and len(sub) == 1:
            return self.eval(sub[0], scope)
        if isinstance(base, t.Sym) and base.name in (r"\delta", "I") and \
                not self.known(base.name):      # δ_{ij}, and I_{kj}: an identity's entries
            items = index_list(sub)
            if len(items) == 2:
                a, b = (as_int(self.eval(i, scope), t.canon(i)) for i in items)
                return Tensor(np.float64(a == b))
        return None

    def _subscripted(self, base: t.Node, sub: tuple, scope: Scope) -> Any:
        name = t.canon(base)
        items = index_list(sub)
        if isinstance(base, t.Sym) and len(items) == 2 and isinstance(items[0], t.Sym):
            sample = t.canon(t.Script(base, (items[0],), None))
            if self._firm(sample, scope) and not self._firm(name, scope):
                # x_{id} with x_i a vector of its own: entry d of x_i
                return self._component(self.name(sample, scope), (items[1],), sample, scope)
        if isinstance(base, t.Sym) and name in self.definitions and \
                self.definitions[name].index and name not in scope.values:
            d = self.definitions[name]
            items = index_list(sub) if len(d.index) == 2 else list(sub)
            if len(items) != len(d.index):
                raise EvalError(f"{name} takes {len(d.index)} indices, got {len(items)}")
            k = tuple(as_int(self.eval(i, scope), t.canon(i)) for i in items)
            key = self._memo_key(d, scope, k)
            if key not in scope.memo:
                scope.memo[key] = self._eval_at(d, d.expr,
                                                scope.with_indices(dict(zip(d.index, k))))
            return scope.memo[key]
        if isinstance(base, t.Sym) and base.name == "e" and not self.known("e") and \
                "e" not in scope.values and len(items) == 1 and \
                t.canon(t.Script(base, sub, None)) not in self.definitions:
            # e_y, \mathbf{e}_k: the standard basis vector, sized by what it meets
            self.notes.add("e_k as the k-th standard basis vector")
            return Basis(as_int(self.eval(items[0], scope), f"the index {t.canon(items[0])} "
                                                            f"of e"))
        if isinstance(base, t.Sym) and not self.known(name) and name not in BUILTIN \
                and name not in scope.values and name not in ("e", "I", r"\mathbf{1}"):
            # x_1 with x undeclared: a name of its own (a real scalar).
            return self.name(t.canon(t.Script(base, sub, None)), scope)
        return self._component(self.eval(base, scope), sub, name, scope)

    def _component(self, value: Any, sub: tuple, name: str, scope: Scope) -> Any:
        if isinstance(value, Fn):
            idx = tuple(as_int(self.eval(i, scope), f"the index {t.canon(i)} of {name}")
                        for i in index_list(sub))
            return Fn(value.name, value.call, value.elementwise, value.power, idx, value.arity)
        v = as_tensor(value)
        items = index_list(sub) if v.ndim == 2 and min(v.shape) > 1 else list(sub)
        idx = [as_int(self.eval(i, scope), f"the index {t.canon(i)} of {name}") for i in items]
        return pick(v, idx, name, 0 if name in self.names.zero_based else 1)

    def _superscript(self, value: Any, sup: t.Node, scope: Scope) -> Any:
        if self._transpose_mark(sup, scope):
            # ^T, ^\top; ^t too, unless t is a name the text uses (β^t, e^{-t})
            if isinstance(value, Ones):
                return value.transposed()
            if isinstance(value, Identity):
                return value
            v = as_tensor(value)
            return F.transpose(v) if v.ndim == 2 else v
        if isinstance(sup, t.Sym) and sup.name == "*":
            raise EvalError("a starred name (k^*) is not declared")
        if isinstance(sup, t.Neg) and self._transpose_mark(sup.a, scope):
            v = as_tensor(value)                  # X^{-T}: the inverse's transpose
            return F.transpose(inverse(v)) if v.ndim == 2 else inverse(v)
        if isinstance(sup, t.Sym) and sup.name == "+" and not isinstance(value, Fn):
            v = as_tensor(value)                  # A^+: pseudo-inverse; x^+: positive part
            return pseudo_inverse(v) if v.ndim == 2 and min(v.shape) > 1 else F.relu(v) \
                if v.ndim else F.reshape(F.relu(F.reshape(v, shape=(1,))), shape=())
        if isinstance(value, Fn):
            power = as_tensor(self.eval(sup, scope))
            return Fn(value.name, value.call, value.elementwise, power, value.index, value.arity)
        exponent = as_tensor(self.eval(sup, scope))
        v = as_tensor(value)
        if v.ndim == 2 and min(v.shape) > 1 and exponent.ndim == 0 and \
                float(exponent.data) == -1:
            return inverse(v)                     # X^{-1}
        if isinstance(value, Tensor) and value.ndim == 0 and float(value.data) == E and \
                "e" not in self.symbols and "e" not in self.definitions:
            return F.exp(exponent)
        if v.ndim == 2 and v.shape[0] == v.shape[1] > 1 and exponent.ndim == 0 and \
                float(exponent.data) in range(2, 17):
            # A^2 of a square matrix: A A in linear algebra, entrywise in much of ML (g_t^2);
            # read entrywise first, as a matrix power when that is what decides (steps.py)
            self.square_powers = True
            if self.matrix_powers:
                out = v
                for _ in range(int(exponent.data) - 1):
                    out = F.matmul(out, v)
                return out
        return F.power(v, exponent)

    def _call(self, node: t.Call, scope: Scope) -> Any:
        if any(isinstance(a, t.Sym) and a.name == ";" for a in node.args):
            return self._call_with_parameters(node, scope)
        fname = defined_function(node.fn, self.definitions)
        if fname is not None and fname not in scope.values:
            d = self.definitions[fname]
            if len(node.args) != len(d.params):
                if len(node.args) == 1 and all(self.known(p) for p in d.params) and \
                        _mentions_bare(node.args[0], node.fn):
                    # y(1 − y) with y(x, w) defined and x, w the text's: y times (1 − y)
                    self.notes.add(f"{fname}(…) as {fname} times (…)")
                    return self.combine("juxt", self.name(fname, scope),
                                        self.eval(node.args[0], scope))
                raise EvalError(f"{d.name} takes {len(d.params)} argument"
                                f"{'s' * (len(d.params) != 1)}, written with {len(node.args)}")
            values = {p: self.eval(a, scope) for p, a in zip(d.params, node.args)}
            return self._eval_at(d, d.expr, scope.with_values(values))
        if isinstance(node.fn, t.Sym) and node.fn.name.startswith("onehot") and \
                not self.known(node.fn.name) and len(node.args) == 1:
            size = node.fn.name[len("onehot_"):] or None
            fn = self._onehot(t.Sym(size) if size and not size.isdigit() else
                              t.Num(float(size)) if size else None, scope, node.args[0])
            return self.call(fn, [self.eval(node.args[0], scope)])
        op = self._prefix(node.fn)
        if op is not None:  # \frac{∂}{∂x}(…), \nabla_x(…)
            return op([t.Paren(node.args, node.bracket)], scope)
        if isinstance(node.fn, t.Sym) and node.fn.name == r"\mathbb{1}" and \
                not self.known(node.fn.name) and len(node.args) == 1 and \
                isinstance(node.args[0], t.Relation):
            return self.eval(node.args[0], scope)      # the indicator 1(z > 0)
        f = self.eval(node.fn, scope)
        if isinstance(f, Identity) or (isinstance(node.fn, t.Sym) and
                                       node.fn.name == r"\mathbb{1}"):
            if len(node.args) == 1 and isinstance(node.args[0], t.Relation):
                return self.eval(node.args[0], scope)
        if isinstance(f, Fn):
            if self.implicit is not None and len(node.args) == 1 and \
                    _mentions_bare(node.args[0], node.fn):
                # σ(1 − σ) beside dσ/dx: σ is σ(x), and this is a product
                return self.combine("juxt", self.call(f, [self.eval(self.implicit, scope)]),
                                    self.eval(node.args[0], scope))
            return self.call(f, [self.eval(a, scope) for a in node.args])
        name = t.canon(node.fn) if isinstance(node.fn, (t.Sym, t.Script)) else None
        if name not in self.definitions and isinstance(node.fn, t.Script) and \
                isinstance(node.fn.base, t.Sym) and node.fn.sub is not None and \
                node.fn.base.name in self.definitions and \
                self.definitions[node.fn.base.name].index:
            name = node.fn.base.name                        # a_k of the family a
        if name in self.definitions and not self.definitions[name].params and all(
                isinstance(a, (t.Sym, t.Script)) and self._depends(node.fn, t.canon(a))
                for a in node.args):
            # a_k(x, w) with a_k defined from x and w: a_k, its arguments named as a reminder
            return f
        if len(node.args) != 1:
            if node.bracket == "[" and not isinstance(f, Identity):
                listed = self._list(t.Paren(node.args, node.bracket), scope)
                if listed.shape[0] > len(node.args):
                    # W_f [h_{t-1}, x_t]: W_f times the columns stacked (W[i, j] of numbers
                    # could be an entry, and stays unread)
                    return self.combine("juxt", f, listed)
            raise EvalError(f"{t.canon(node.fn)} is not a function of {len(node.args)} "
                            f"arguments")
        arg = node.args[0]
        if isinstance(arg, t.Relation):  # [y = k], Iverson's bracket, after a factor
            return self.combine("juxt", f, self.eval(arg, scope))
        name = t.canon(node.fn) if isinstance(node.fn, (t.Sym, t.Script)) else None
        if name in self.definitions and not self.definitions[name].params and \
                name not in {c for x in t.walk(arg) if isinstance(x, (t.Sym, t.Script))
                             for c in (t.canon(x), t.canon(getattr(x, "base", x)))} and \
                any(n != name and self._depends(node.fn, n) for n in mentioned_names(arg)):
            # L(a + h) with L = ((a b) + c) f: L at a + h, or L times (a + h)?
            raise EvalError(f"{name}({t.canon(arg)}): {name} at {t.canon(arg)}, or {name} "
                            f"times ({t.canon(arg)})? write {name} \\cdot (…) for the product")
        if name is not None and name not in self.definitions and \
                name not in self.names.declared and name in self.names.called_only:
            # g(θᵀx) with g never defined: a function of the text's, or g times θᵀx?
            self.notes.add(f"{name}(…) as {name} times (…)")
        return self.combine("juxt", f, self.eval(arg, scope))

    def _call_with_parameters(self, node: t.Call, scope: Scope) -> Any:
        """``f(x; W)``: f of x, with W a parameter it depends on. A defined function takes the
        arguments before the semicolon (or all, if it has as many parameters); a value
        written this way is that value."""
        if isinstance(node.fn, t.Sym) and node.fn.name in BUILTIN and \
                defined_function(node.fn, self.definitions) is None:
            # max(0{,}3; −1{,}2): with decimal commas, a semicolon separates the arguments
            args = tuple(a for a in node.args if not (isinstance(a, t.Sym) and a.name == ";"))
            return self._call(t.Call(node.fn, args, node.bracket), scope)
        k = next(i for i, a in enumerate(node.args) if isinstance(a, t.Sym) and a.name == ";")
        before = node.args[:k]
        after = tuple(a for a in node.args[k + 1:] if not (isinstance(a, t.Sym) and a.name == ";"))
        fname = defined_function(node.fn, self.definitions)
        if fname is not None:
            d = self.definitions[fname]
            args = before + after if len(d.params) == len(before) + len(after) else before
            return self._call(t.Call(node.fn, args, node.bracket), scope)
        f = self.eval(node.fn, scope)
        if isinstance(f, Fn):
            return self.call(f, [self.eval(a, scope) for a in before])
        return f

    def call(self, f: Fn, args: list) -> Any:
        if f.arity >= 0 and len(args) != f.arity:
            raise EvalError(f"{f.name} takes {f.arity} argument(s), got {len(args)}")
        if f.name in ("softmax", "log_softmax") and len(args) == 1 and isinstance(
                args[0], Tensor) and args[0].ndim == 2 and min(args[0].shape) > 1:
            # the softmax of a matrix: down each column, or (read again) along each row
            self.matrix_softmax = True
        if self.softmax_rows and self.matrix_softmax and f.name in ("softmax", "log_softmax") \
                and isinstance(args[0], Tensor) and args[0].ndim == 2 and min(args[0].shape) > 1:
            out = F.transpose(as_tensor(f.call(F.transpose(args[0]))))
        else:
            out = f.call(*args)
        if f.index:
            out = pick(as_tensor(out), list(f.index), f.name)
        if f.power is not None:
            out = F.power(as_tensor(out), f.power)
        return out

    # ---- products ----------------------------------------------------------------------
    def _product(self, node: t.Product, scope: Scope) -> Any:
        return self.product(list(node.items), scope)

    def product(self, items: list, scope: Scope) -> Any:
        items = self._differential_names(items, scope)
        for k, item in enumerate(items):
            if isinstance(item, t.Sym) and item.name == r"\nabla" and k + 1 < len(items) and \
                    not self.known(r"\nabla"):
                return self._bare_nabla(items, k, scope)
            op = self._prefix(item)
            if op is not None:
                body = items[k + 1:]
                if not body:
                    raise EvalError(f"nothing follows {t.canon(item)}")
                if len(body) > 1 and self._jacobian_operator(item) and \
                        self._is_function(body[0], scope):
                    # D_x f u: the Jacobian of f, times u (not the Jacobian of f u)
                    value = op(body[:1], scope)
                    return self._fold(items[:k] + [Given(value)] + body[1:], scope)
                value = op(body, scope)
                return self._fold(items[:k], scope, tail=value)
        return self._fold(items, scope)

    def _bare_nabla(self, items: list, k: int, scope: Scope) -> Any:
        """``\\nabla f`` with no subscript: the gradient of f by its one variable (the
        parameter of a function the text defines, or the one drawn name f depends on)."""
        f = items[k + 1]
        d = self.definitions.get(f.name) if isinstance(f, t.Sym) else None
        if d is not None and len(d.params) == 1:
            body: t.Node = t.Call(f, (t.Sym(d.params[0]),))
            var = d.params[0]
        else:
            free = self.free_scalars(f, scope)
            if len(free) != 1:
                raise EvalError(f"∇{t.canon(f)} by which variable? write ∇_x {t.canon(f)}")
            body, var = f, next(iter(free))
        value = self.derivative(body, var, None, scope)
        return self._fold(items[:k] + [Given(value)] + items[k + 2:], scope)

    def _jacobian_operator(self, item: t.Node) -> bool:
        return isinstance(item, t.Script) and isinstance(item.base, t.Sym) and \
            item.base.name in ("D", r"\nabla") and not self.known(item.base.name)

    def _is_function(self, node: t.Node, scope: Scope) -> bool:
        if not isinstance(node, t.Sym):
            return False
        d = self.definitions.get(node.name)
        # ∇_θ log p: the word log applies to what follows (D_z σ u: σ's Jacobian, times u)
        return d is not None and bool(d.params) or node.name in BUILTIN and \
            node.name not in _APPLIED_WORDS

    def _given(self, node: "Given", scope: Scope) -> Any:
        return node.value

    def _differential_names(self, items: list, scope: Scope) -> list:
        """``dW^{[1]}``, ``dZ``: a name of its own when one was defined or declared."""
        out: list = []
        k = 0
        while k < len(items):
            item = items[k]
            if isinstance(item, t.Sym) and item.name == "d" and k + 1 < len(items):
                nxt = items[k + 1]
                whole = "d" + t.canon(nxt)
                head = nxt.base if isinstance(nxt, t.Script) else nxt
                name = "d" + t.canon(head)
                if self.known(whole) or whole in scope.values:
                    out.append(t.Sym(whole))
                    k += 2
                    continue
                if isinstance(nxt, t.Script) and nxt.sup is not None:
                    label, rest = split_label(nxt.sup, self.names.layers)
                    labelled = "d" + t.canon(t.Script(head, None, label)) if label else ""
                    if label is not None and self.known(labelled):
                        out.append(t.Script(t.Sym(labelled), nxt.sub, rest))
                        k += 2
                        continue
                if self.known(name) or name in scope.values:
                    out.append(t.Script(t.Sym(name), nxt.sub, nxt.sup)
                               if isinstance(nxt, t.Script) else t.Sym(name))
                    k += 2
                    continue
            out.append(item)
            k += 1
        return out

    def _prefix(self, item: t.Node) -> Callable | None:
        """The operator an item is when it takes the rest of the product as its argument."""
        if isinstance(item, t.BigOp):
            return lambda body, scope: self._big_operator(item, body, scope)
        if isinstance(item, t.Script) and isinstance(item.base, t.Sym) and item.base.name in (
                r"\max", r"\min", "max", "min") and item.sub and item.sup is None:
            return lambda body, scope: self._extremum(item, body, scope)  # \max_k z_k
        if isinstance(item, t.Deriv) and item.f is None:
            return lambda body, scope: self._derivative_node(
                t.Deriv(_body(body), item.var, item.order), scope)
        if isinstance(item, t.Script) and item.sub and isinstance(item.base, t.Sym) and \
                item.base.name in (r"\nabla", "D", r"\partial") and not self.known(
                    item.base.name) and len(item.sub) == 1:
            order = 1
            if item.sup is not None:    # ∂^2_{o_j} l: the second derivative; ∇^2 is not
                if not (item.base.name == r"\partial" and isinstance(item.sup, t.Num) and
                        item.sup.value in (2.0, 3.0)):
                    return None
                order = int(item.sup.value)
            return lambda body, scope: self._derivative_node(
                t.Deriv(_body(body), item.sub[0], order), scope,
                jacobian=item.base.name == "D")
        return None

    def _fold(self, items: list, scope: Scope, tail: Any = None) -> Any:
        ops: list[str] = []
        values: list[Any] = []
        pending = "juxt"
        for item in items:
            if isinstance(item, t.MulOp):
                pending = item.op
                continue
            ops.append(pending)
            values.append(self.eval(item, scope))
            pending = "juxt"
        if tail is not None:
            ops.append(pending)
            values.append(tail)
        if not values:
            raise EvalError("an operator without operands")
        # A function applies to the factor right after it: right to left (log log x).
        k = len(values) - 2
        while k >= 0:
            if isinstance(values[k], Fn) and ops[k + 1] == "juxt":
                values[k] = self.call(values[k], [values[k + 1]])
                del values[k + 1], ops[k + 1]
            k -= 1
        result = values[0]
        for op, v in zip(ops[1:], values[1:]):
            result = self.combine(op, result, v)
        return result


    # ---- arithmetic ----------------------------------------------------------------------
    def combine(self, op: str, a: Any, b: Any) -> Any:
        if isinstance(a, Fn) and op == "juxt":
            return self.call(a, [b])
        if self.implicit is not None:  # σ as a value beside dσ/dx means σ(x)
            a, b = (self.call(v, [self.eval(self.implicit, self._implicit_scope)])
                    if isinstance(v, Fn) else v for v in (a, b))
        product = op in ("juxt", "cdot", "times")
        a, b = resolve(a, b, False if product else None), resolve(b, a, True if product else None)
        if isinstance(a, Identity) and isinstance(b, Tensor) and b.ndim == 0 and op in (
                "juxt", "cdot", "times"):
            return Identity(F.mul(a.scale, b))
        if isinstance(b, Identity) and isinstance(a, Tensor) and a.ndim == 0 and op in (
                "juxt", "cdot", "times"):
            return Identity(F.mul(b.scale, a))
        for u, w in ((a, b), (b, a)):
            if isinstance(u, Ones) and isinstance(w, Tensor) and w.ndim == 0 and op in (
                    "juxt", "cdot", "times", "/"):
                scale = F.div(u.scale, w) if op == "/" else F.mul(u.scale, w)
                return u.scaled(scale)
        a, b = as_tensor(a), as_tensor(b)
        if op in ("+", "-"):
            fn = F.add if op == "+" else F.sub
            check_broadcast(a, b, op, self.notes)
            return fn(a, b)
        if op in ("/", "div"):
            if b.ndim and a.ndim and a.shape != b.shape:
                raise ShapeMismatch(f"division of shape {a.shape} by shape {b.shape}")
            return F.div(a, b)
        if op in ("odot", "circ", "ast", "*", "bullet"):
            if a.ndim and b.ndim and a.shape != b.shape:
                a, b = self._elementwise_pair(a, b)
            return F.mul(a, b)
        if op == "otimes":
            return F.matmul(a, F.transpose(b))
        return multiply(a, b, dot=op == "cdot", notes=self.notes)

    def _elementwise_pair(self, a: Tensor, b: Tensor) -> tuple[Tensor, Tensor]:
        """``∂L/∂h ⊙ dσ/du`` with dσ/du the (diagonal) Jacobian: its diagonal, the
        elementwise shorthand; any other pair of shapes does not fit ⊙."""
        for u, w, swap in ((a, b, False), (b, a, True)):
            if u.ndim == 2 and u.shape[1] == 1 and w.ndim == 2 and w.shape == (u.shape[0],) * 2:
                d = diagonal_column(w)
                if d is not None:
                    self.notes.add("elementwise: the diagonal of a diagonal Jacobian")
                    return (d, u) if swap else (u, d)
        raise ShapeMismatch(f"⊙ of shapes {a.shape} and {b.shape}")


_NORMS = ("2", "F", r"\mathrm{F}", "1", r"\infty")


class Given:
    """A value already computed, standing in a product among nodes still to be read."""

    def __init__(self, value: Any):
        self.value = value


def _function_name(node: t.Node) -> str | None:
    base = node.base if isinstance(node, t.Script) else node
    return base.name if isinstance(base, t.Sym) else None


def _mentions_bare(node: t.Node, fn: t.Node) -> bool:
    """Whether ``node`` uses the function ``fn`` as a value (``1 − σ``, ``δ_ij − σ_j``), not
    as ``σ(…)``."""
    name = _function_name(fn)
    called = {id(n.fn) for n in t.walk(node) if isinstance(n, t.Call)}
    inner = {id(n.base) for n in t.walk(node) if isinstance(n, t.Script)}
    return name is not None and any(
        isinstance(n, (t.Sym, t.Script)) and _function_name(n) == name and id(n) not in called
        and id(n) not in inner for n in t.walk(node))


def _body(items: list) -> t.Node:
    return items[0] if len(items) == 1 else t.Product(tuple(items))


