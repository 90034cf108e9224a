"""Evaluate an expression tree with the library's own operations, in float64.

Conventions: vectors are columns (shape ``(n, 1)``), so ``v^T w`` is a number and ``v w^T``
a matrix; a product of two non-scalars is a matrix product when the shapes allow it;
``x_i`` is the 1-based component i; a Jacobian has one row per component of f and one
column per component of x; the gradient of a scalar has x's shape. Derivatives are taken by
reverse mode (:func:`backprop.engine.backprop`) on the expression and confirmed by central
differences in a random direction.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ... import functional as F
from ...engine import Tensor, backprop, enable_grad
from . import tree as t
from .symbols import FUNCTIONS, Kind

__all__ = ["EvalError", "ShapeMismatch", "NotDifferentiable", "Definition", "Scope", "Evaluator", "Fn"]

MAX_VISITS = 50_000   # node visits per evaluation: bounds the time of a hostile expression


class EvalError(Exception):
    """An expression that reads but has no value here (a shape mismatch, an unknown range)."""


class ShapeMismatch(EvalError):
    """Operands whose shapes do not fit: a claim with a wrong (or missing) transpose."""


class NotDifferentiable(EvalError):
    """Reverse mode and central differences disagree: the point is on a kink."""


@dataclass(frozen=True)
class Definition:
    """``name = expr`` (with ``params`` for ``l(z,t) = …``, ``index`` for ``s_i = …``)."""

    name: str
    expr: t.Node
    params: tuple[str, ...] = ()
    index: str | None = None
    size: int | None = None         # the range of ``index``, as read where it was defined


@dataclass
class Scope:
    """The values of one evaluation: drawn symbols, overrides, index values."""

    values: dict[str, Tensor]
    indices: dict[str, int] = field(default_factory=dict)
    rng: np.random.Generator = field(default_factory=lambda: np.random.default_rng(0))
    undeclared: dict[str, Tensor] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)   # the drawn names an evaluation read

    def with_values(self, extra: dict[str, Any]) -> "Scope":
        return Scope({**self.values, **extra}, self.indices, self.rng, self.undeclared,
                     self.used)

    def with_indices(self, extra: dict[str, int]) -> "Scope":
        return Scope(self.values, {**self.indices, **extra}, self.rng, self.undeclared,
                     self.used)


@dataclass(frozen=True)
class Fn:
    """A function value: ``σ``, ``softmax``, a defined ``l``; ``power``/``index`` applied after."""

    name: str
    call: Callable[..., Any]
    elementwise: bool = True
    power: Any = None
    index: tuple = ()
    arity: int = 1


class Identity:
    """``I`` of a size fixed by what it meets; ``scale`` multiplies it."""

    def __init__(self, scale: Any = 1.0):
        self.scale = scale

    def of(self, n: int) -> Tensor:
        return F.mul(self.scale, np.eye(n))


class Ones:
    """``\\mathbf{1}``, the vector of ones of a size fixed by what it meets; ``scale`` times it."""

    def __init__(self, row: bool = False, scale: Any = 1.0):
        self.row = row
        self.scale = scale

    def of(self, n: int) -> Tensor:
        return F.mul(self.scale, np.ones((1, n) if self.row else (n, 1)))


_TRANSPOSE = ("T", r"\top", "t", r"\mathsf{T}", r"\mathrm{T}", "top")
_E = math.e


def _column_softmax(fn):
    """A softmax-like rule applied down a column (or a row vector's only axis)."""
    def apply(x):
        x = _tensor(x)
        if x.ndim == 2 and x.shape[0] == 1:
            return fn(x, dim=1)
        return fn(x, dim=0) if x.ndim else fn(F.reshape(x, shape=(1,)), dim=0)
    return apply


def _diag(x):
    x = _tensor(x)
    if x.ndim == 2 and 1 in x.shape:
        n = x.size
        return F.mul(F.reshape(x, shape=(n, 1)), np.eye(n))
    if x.ndim == 2 and x.shape[0] == x.shape[1]:
        return F.sum(F.mul(x, np.eye(x.shape[0])), axis=1, keepdims=True)
    raise EvalError(f"diag of a value of shape {x.shape}")


def _elementwise(fn):
    """An elementwise rule, given numbers as one-element vectors (every rule takes those)."""
    def apply(x):
        x = _tensor(x)
        return F.reshape(fn(F.reshape(x, shape=(1,))), shape=()) if x.ndim == 0 else fn(x)
    return apply


def _extremum(fn, pick):
    def apply(*args):
        if len(args) == 1:
            return fn(_tensor(args[0]))
        out = _tensor(args[0])
        for other in map(_tensor, args[1:]):
            out = F.where(pick(out.data, other.data), out, other)
        return out
    return apply


def _cosh(x):
    x = _tensor(x)
    return F.mul(0.5, F.add(F.exp(x), F.exp(F.neg(x))))


def _sinh(x):
    x = _tensor(x)
    return F.mul(0.5, F.sub(F.exp(x), F.exp(F.neg(x))))


_BUILTIN: dict[str, Fn] = {
    r"\sigma": Fn("σ", _elementwise(F.sigmoid)), "sigmoid": Fn("sigmoid", _elementwise(F.sigmoid)),
    r"\exp": Fn("exp", F.exp), "exp": Fn("exp", F.exp),
    r"\log": Fn("log", F.log), "log": Fn("log", F.log), "ln": Fn("log", F.log),
    r"\tanh": Fn("tanh", _elementwise(F.tanh)), "tanh": Fn("tanh", _elementwise(F.tanh)),
    "softplus": Fn("softplus", _elementwise(F.softplus)),
    r"\zeta": Fn("softplus", _elementwise(F.softplus)),
    "relu": Fn("relu", _elementwise(F.relu)),
    r"\cosh": Fn("cosh", _cosh), r"\sinh": Fn("sinh", _sinh),
    r"\max": Fn("max", _extremum(F.max, np.greater_equal), arity=-1),
    r"\min": Fn("min", _extremum(F.min, np.less_equal), arity=-1),
    "max": Fn("max", _extremum(F.max, np.greater_equal), arity=-1),
    "min": Fn("min", _extremum(F.min, np.less_equal), arity=-1),
    "softmax": Fn("softmax", _column_softmax(F.softmax), elementwise=False),
    "log_softmax": Fn("log_softmax", _column_softmax(F.log_softmax), elementwise=False),
    "logsoftmax": Fn("log_softmax", _column_softmax(F.log_softmax), elementwise=False),
    "diag": Fn("diag", _diag, elementwise=False),
    r"\sin": Fn("sin", lambda x: _numeric(np.sin, x)),
    r"\cos": Fn("cos", lambda x: _numeric(np.cos, x)),
    "sgn": Fn("sign", _elementwise(F.sign)), "sign": Fn("sign", _elementwise(F.sign)),
}
for _name in ("lse", "logsumexp", "LSE"):
    _BUILTIN[_name] = Fn("logsumexp", lambda x: F.logsumexp(F.reshape(_tensor(x), shape=(-1,)),
                                                              dim=0), elementwise=False)
_BUILTIN["tr"] = _BUILTIN["trace"] = Fn("trace", lambda x: F.sum(F.mul(_tensor(x), np.eye(
    _tensor(x).shape[0]))), elementwise=False)
_KIND_FUNCTION = {"softmax": "softmax", "sigmoid": "sigmoid", "tanh": "tanh",
                  "softplus": "softplus", "relu": "relu", "log_softmax": "log_softmax",
                  "exp": "exp", "log": "log"}


def _numeric(fn, x) -> Tensor:
    """A function the library has no rule for: evaluated, not differentiated."""
    return Tensor(fn(np.asarray(_tensor(x).data, dtype=np.float64)))


def _tensor(v: Any) -> Tensor:
    if isinstance(v, Tensor):
        return v
    if isinstance(v, (Fn, Identity, Ones)):
        raise EvalError(f"{_describe(v)} is used where a number, vector or matrix belongs")
    return Tensor(np.asarray(v, dtype=np.float64))


def _describe(v: Any) -> str:
    if isinstance(v, Fn):
        return f"the function {v.name}"
    if isinstance(v, Identity):
        return "the identity I"
    if isinstance(v, Ones):
        return "the vector of ones"
    return "a value"


def _scalar(v: Tensor) -> bool:
    return v.ndim == 0


def _as_int(v: Any, what: str) -> int:
    x = np.asarray(_tensor(v).data)
    if x.size != 1 or not np.isfinite(x).all() or abs(float(x.reshape(())) - round(float(
            x.reshape(())))) > 1e-9:
        raise EvalError(f"{what} is not an integer")
    return int(round(float(x.reshape(()))))


class Evaluator:
    """Evaluates trees given the declared symbols, the definitions and the index ranges."""

    def __init__(self, symbols: dict[str, Kind], definitions: dict[str, Definition],
                 ranges: dict[str, int]):
        self.symbols = symbols
        self.definitions = definitions
        self.ranges = ranges
        self.visits = 0
        self.deadline = math.inf
        self._active: set[str] = set()

    # ---- names -------------------------------------------------------------------------
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
            return self._defined(self.definitions[name], scope)
        kind = self.symbols.get(name)
        if kind is not None:
            if kind.is_function:
                return _BUILTIN[_KIND_FUNCTION[kind.name]]
            if kind.name == "index":
                raise EvalError(f"the index {name} has no value here")
            raise EvalError(f"{name} was declared but not drawn")  # the checker draws all
        if name in _BUILTIN:
            return _BUILTIN[name]
        if name == "e":
            return Tensor(np.float64(_E))
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
        # An undeclared symbol: a real scalar, drawn once per point.
        if name not in scope.undeclared:
            scope.undeclared[name] = Tensor(np.float64(scope.rng.uniform(-2.0, 2.0)))
        scope.used.add(name)
        return scope.undeclared[name]

    def _defined(self, d: Definition, scope: Scope) -> Any:
        if d.name in self._active:
            raise EvalError(f"the definition of {d.name} refers to itself")
        self._active.add(d.name)
        try:
            if d.index is None:
                return self.eval(d.expr, scope)
            n = d.size or self.ranges.get(d.index)
            if n is None:
                raise EvalError(f"the range of the index {d.index} in the definition of "
                                f"{d.name} is unknown (declare {d.index}: index N)")
            parts = [_tensor(self.eval(d.expr, scope.with_indices({d.index: k})))
                     for k in range(1, n + 1)]
            if any(p.ndim for p in parts):
                raise EvalError(f"the components of {d.name} are not numbers")
            return F.reshape(F.stack(parts), shape=(n, 1))
        finally:
            self._active.discard(d.name)

    # ---- the tree ----------------------------------------------------------------------
    def eval(self, node: t.Node, scope: Scope) -> Any:
        self.visits += 1
        if self.visits > MAX_VISITS or time.monotonic() > self.deadline:
            raise EvalError("the evaluation takes too long")
        method = getattr(self, "_" + type(node).__name__.lower(), None)
        if method is None or isinstance(node, t.MulOp):
            raise EvalError(f"{t.canon(node)} stands where a value belongs")
        return method(node, scope)

    def _num(self, node: t.Num, scope: Scope) -> Tensor:
        return Tensor(np.float64(node.value))

    def _sym(self, node: t.Sym, scope: Scope) -> Any:
        return self.name(node.name, scope)

    def _add(self, node: t.Add, scope: Scope) -> Any:
        return self.combine("+", self.eval(node.a, scope), self.eval(node.b, scope))

    def _sub(self, node: t.Sub, scope: Scope) -> Any:
        return self.combine("-", self.eval(node.a, scope), self.eval(node.b, scope))

    def _neg(self, node: t.Neg, scope: Scope) -> Any:
        v = self.eval(node.a, scope)
        if isinstance(v, Identity):
            return Identity(F.neg(v.scale))
        return F.neg(_tensor(v))

    def _paren(self, node: t.Paren, scope: Scope) -> Any:
        if len(node.args) != 1:
            raise EvalError("a list in parentheses is not a value")
        return self.eval(node.args[0], scope)

    def _relation(self, node: t.Relation, scope: Scope) -> Tensor:
        a = _tensor(self.eval(node.a, scope)).data
        b = _tensor(self.eval(node.b, scope)).data
        close = np.isclose(a, b, rtol=1e-12, atol=1e-12)
        result = {"=": close, "!=": ~close, "<": a < b, "<=": (a < b) | close,
                  ">": a > b, ">=": (a > b) | close}[node.op]
        return Tensor(np.asarray(result, dtype=np.float64))

    def _frac(self, node: t.Frac, scope: Scope) -> Any:
        return self.combine("/", self.eval(node.num, scope), self.eval(node.den, scope))

    def _apply(self, node: t.Apply, scope: Scope) -> Tensor:
        x = _tensor(self.eval(node.a, scope))
        if node.fn == "sqrt":
            if node.degree is not None:
                return F.power(x, F.div(1.0, _tensor(self.eval(node.degree, scope))))
            return F.sqrt(x)
        if node.fn == "abs":
            return F.abs(x)
        if node.fn == "norm":
            return F.sqrt(F.sum(F.mul(x, x)))
        rounding = np.floor if node.fn == "floor" else np.ceil
        return Tensor(rounding(x.data))

    def _inner(self, node: t.Inner, scope: Scope) -> Tensor:
        a, b = _tensor(self.eval(node.a, scope)), _tensor(self.eval(node.b, scope))
        if a.shape != b.shape:
            raise ShapeMismatch(f"⟨a, b⟩ of shapes {a.shape} and {b.shape}")
        return F.sum(F.mul(a, b))

    def _matrix(self, node: t.Matrix, scope: Scope) -> Tensor:
        rows = []
        width = len(node.rows[0])
        for row in node.rows:
            if len(row) != width:
                raise EvalError("the rows of a matrix have different lengths")
            entries = [_tensor(self.eval(e, scope)) for e in row]
            if any(e.ndim for e in entries):
                raise EvalError("a matrix entry is not a number")
            rows.append(F.stack(entries))
        return F.stack(rows)

    def _prime(self, node: t.Prime, scope: Scope) -> Any:
        base = node.base
        if node.order != 1:
            raise EvalError("only first derivatives are read with primes")
        if isinstance(base, t.Paren) and len(base.args) == 1:
            free = self.free_scalars(base.args[0], scope)
            if len(free) != 1:
                raise EvalError(f"(…)' needs one free variable, found {len(free)}: "
                                f"{', '.join(sorted(free)) or 'none'}")
            return self.derivative(base.args[0], free.pop(), None, scope)
        if isinstance(base, t.Sym) and base.name in self.definitions and \
                self.definitions[base.name].params:
            d = self.definitions[base.name]
            f = Fn(d.name, lambda *args, d=d: self.eval(d.expr, scope.with_values(
                dict(zip(d.params, args)))), arity=len(d.params))
        else:
            f = self.eval(base, scope)
        if not isinstance(f, Fn):
            raise EvalError(f"{t.canon(base)}' is not the derivative of a function")
        return Fn(f.name + "'", lambda x, f=f: self._function_derivative(f, x),
                  elementwise=f.elementwise)

    def _function_derivative(self, f: Fn, x: Any) -> Tensor:
        x = _tensor(x)
        leaf = Tensor(np.array(x.data, dtype=np.float64), requires_grad=True)
        with enable_grad():
            y = _tensor(self.call(f, [leaf]))
        if f.elementwise:
            return Tensor(self._reverse(y, leaf, np.ones(y.shape)))
        return self._jacobian_value(y, leaf, None, lambda v: _tensor(self.call(f, [v])))

    def _script(self, node: t.Script, scope: Scope) -> Any:
        if isinstance(node.base, t.Call) and self._prefix(node.base.fn) is not None:
            group = t.Paren(node.base.args, node.base.bracket)  # d/da (σ(a) − y)^2
            return self._prefix(node.base.fn)([t.Script(group, node.sub, node.sup)], scope)
        split = self._value_times_group(node.base, scope)
        if split is not None:  # h (δ)^T: the script belongs to the group, not to h(δ)
            value, group = split
            return self.combine("juxt", value, self.eval(t.Script(group, node.sub, node.sup),
                                                         scope))
        if isinstance(node.base, t.Apply) and node.base.fn == "norm" and node.sub and \
                t.canon(node.sub[0]) == "2":  # \|x\|_2^2
            node = t.Script(node.base, None, node.sup)
            if node.sup is None:
                return self.eval(node.base, scope)
        full = t.canon(node)
        if self.known(full) or full in scope.values:
            return self.name(full, scope)
        label, rest = _split_label(node.sup)
        base, sub, sup = node.base, node.sub, node.sup
        if label is not None:
            labelled = t.canon(t.Script(base, None, label))
            if not (self.known(labelled) or labelled in scope.values) and (
                    self.known(t.canon(base)) or t.canon(base) in scope.values):
                labelled = t.canon(base)  # x^{(i)}: the i-th sample of a declared x
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
        else:
            value = self.eval(base, scope)
        return self._superscript(value, sup, scope) if sup is not None else value

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
        if isinstance(base, t.Sym) and base.name == r"\delta" and not self.known(r"\delta"):
            items = _index_list(sub)
            if len(items) == 2:
                a, b = (_as_int(self.eval(i, scope), t.canon(i)) for i in items)
                return Tensor(np.float64(a == b))
        return None

    def _subscripted(self, base: t.Node, sub: tuple, scope: Scope) -> Any:
        name = t.canon(base)
        if isinstance(base, t.Sym) and name in self.definitions and \
                self.definitions[name].index is not None and name not in scope.values:
            d = self.definitions[name]
            (k,) = [_as_int(self.eval(i, scope), t.canon(i)) for i in _index_list(sub)][:1]
            return self.eval(d.expr, scope.with_indices({d.index: k}))
        if isinstance(base, t.Sym) and not self.known(name) and name not in _BUILTIN \
                and name not in scope.values and name not in ("e", "I", r"\mathbf{1}"):
            # x_1 with x undeclared: a name of its own (a real scalar).
            return self.name(t.canon(t.Script(base, sub, None)), scope)
        return self._component(self.eval(base, scope), sub, name, scope)

    def _component(self, value: Any, sub: tuple, name: str, scope: Scope) -> Any:
        if isinstance(value, Fn):
            idx = tuple(_as_int(self.eval(i, scope), f"the index {t.canon(i)} of {name}")
                        for i in _index_list(sub))
            return Fn(value.name, value.call, value.elementwise, value.power, idx, value.arity)
        v = _tensor(value)
        items = _index_list(sub) if v.ndim == 2 and min(v.shape) > 1 else list(sub)
        idx = [_as_int(self.eval(i, scope), f"the index {t.canon(i)} of {name}") for i in items]
        return _pick(v, idx, name)

    def _superscript(self, value: Any, sup: t.Node, scope: Scope) -> Any:
        if isinstance(sup, t.Sym) and sup.name in _TRANSPOSE:
            if isinstance(value, Ones):
                return Ones(not value.row, value.scale)
            if isinstance(value, Identity):
                return value
            v = _tensor(value)
            return F.transpose(v) if v.ndim == 2 else v
        if isinstance(sup, t.Sym) and sup.name == "*":
            raise EvalError("a starred name (k^*) is not declared")
        if isinstance(value, Fn):
            power = _tensor(self.eval(sup, scope))
            return Fn(value.name, value.call, value.elementwise, power, value.index, value.arity)
        exponent = _tensor(self.eval(sup, scope))
        v = _tensor(value)
        if v.ndim == 2 and min(v.shape) > 1 and exponent.ndim == 0 and \
                float(exponent.data) == -1:
            raise EvalError("matrix inverses are not read")
        if isinstance(value, Tensor) and value.ndim == 0 and float(value.data) == _E and \
                "e" not in self.symbols and "e" not in self.definitions:
            return F.exp(exponent)
        return F.power(v, exponent)

    def _call(self, node: t.Call, scope: Scope) -> Any:
        if isinstance(node.fn, t.Sym) and node.fn.name in self.definitions and \
                node.fn.name not in scope.values:
            d = self.definitions[node.fn.name]
            if d.params:
                if len(node.args) != len(d.params):
                    raise EvalError(f"{d.name} takes {len(d.params)} arguments")
                values = {p: self.eval(a, scope) for p, a in zip(d.params, node.args)}
                return self.eval(d.expr, scope.with_values(values))
        op = self._prefix(node.fn)
        if op is not None:  # \frac{∂}{∂x}(…), \nabla_x(…)
            return op([t.Paren(node.args, node.bracket)], scope)
        f = self.eval(node.fn, scope)
        if isinstance(f, Identity) or (isinstance(node.fn, t.Sym) and
                                       node.fn.name == r"\mathbb{1}"):
            if len(node.args) == 1 and isinstance(node.args[0], t.Relation):
                return self.eval(node.args[0], scope)
        if isinstance(f, Fn):
            return self.call(f, [self.eval(a, scope) for a in node.args])
        if len(node.args) != 1:
            raise EvalError(f"{t.canon(node.fn)} is not a function of {len(node.args)} "
                            f"arguments")
        arg = node.args[0]
        if isinstance(arg, t.Relation):  # [y = k], Iverson's bracket, after a factor
            return self.combine("juxt", f, self.eval(arg, scope))
        return self.combine("juxt", f, self.eval(arg, scope))

    def call(self, f: Fn, args: list) -> Any:
        if f.arity >= 0 and len(args) != f.arity:
            raise EvalError(f"{f.name} takes {f.arity} argument(s), got {len(args)}")
        out = f.call(*args)
        if f.index:
            out = _pick(_tensor(out), list(f.index), f.name)
        if f.power is not None:
            out = F.power(_tensor(out), f.power)
        return out

    # ---- products ----------------------------------------------------------------------
    def _product(self, node: t.Product, scope: Scope) -> Any:
        return self.product(list(node.items), scope)

    def product(self, items: list, scope: Scope) -> Any:
        items = self._differential_names(items, scope)
        for k, item in enumerate(items):
            op = self._prefix(item)
            if op is not None:
                body = items[k + 1:]
                if not body:
                    raise EvalError(f"nothing follows {t.canon(item)}")
                value = op(body, scope)
                return self._fold(items[:k], scope, tail=value)
        return self._fold(items, scope)

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
                    label, rest = _split_label(nxt.sup)
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
        if isinstance(item, t.Deriv) and item.f is None:
            return lambda body, scope: self._derivative_node(
                t.Deriv(_body(body), item.var, item.order), scope)
        if isinstance(item, t.Script) and item.sub and isinstance(item.base, t.Sym) and \
                item.base.name in (r"\nabla", "D", r"\partial") and not self.known(
                    item.base.name) and len(item.sub) == 1:
            order = 1
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

    def _bigop(self, node: t.BigOp, scope: Scope) -> Tensor:
        raise EvalError(f"nothing follows \\{node.op}")

    def _big_operator(self, op: t.BigOp, body: list, scope: Scope) -> Tensor:
        if op.sub is None:  # \sum t: the sum of a vector's entries
            value = _tensor(self.product(list(body), scope))
            return F.sum(value) if op.op == "sum" else _numeric(np.prod, value)
        bindings = self._ranges_of(op, scope)
        total = None
        for values in bindings:
            term = _tensor(self.product(list(body), scope.with_indices(values)))
            if total is None:
                total = term
            else:
                total = F.add(total, term) if op.op == "sum" else self.combine("juxt", total,
                                                                              term)
        if total is None:
            return Tensor(np.float64(0.0 if op.op == "sum" else 1.0))
        return total

    def _ranges_of(self, op: t.BigOp, scope: Scope) -> list[dict[str, int]]:
        sub = op.sub
        if len(sub) == 1 and isinstance(sub[0], t.Relation):
            rel = sub[0]
            var = _var_name(rel.a)
            if rel.op == "=":
                lo = _as_int(self.eval(rel.b, scope), "the lower limit")
                hi = self._upper(op, var, scope)
                return [{var: k} for k in range(lo, hi + 1)]
            if rel.op == "!=":
                other = _as_int(self.eval(rel.b, scope), t.canon(rel.b))
                return [{var: k} for k in range(1, self._range(var) + 1) if k != other]
            raise EvalError(f"a sum over {t.canon(rel)} is not read")
        names = [_var_name(i) for i in _index_list(sub)]
        combos: list[dict[str, int]] = [{}]
        for name in names:
            combos = [{**c, name: k} for c in combos for k in range(1, self._range(name) + 1)]
        return combos

    def _upper(self, op: t.BigOp, var: str, scope: Scope) -> int:
        if op.sup is None:
            return self._range(var)
        sup = op.sup.args[0] if isinstance(op.sup, t.Paren) and len(op.sup.args) == 1 \
            else op.sup
        if isinstance(sup, t.Sym) and not self.known(sup.name) and sup.name not in scope.values:
            return self._range(var)  # \sum_{k=1}^{K}: K is the range of k
        return _as_int(self.eval(sup, scope), "the upper limit")

    def _range(self, name: str) -> int:
        kind = self.symbols.get(name)
        if kind is not None and kind.name == "index":
            return kind.size
        if name in self.ranges:
            return self.ranges[name]
        raise EvalError(f"the range of {name} is unknown (declare {name}: index N)")

    # ---- arithmetic ----------------------------------------------------------------------
    def combine(self, op: str, a: Any, b: Any) -> Any:
        if isinstance(a, Fn) and op == "juxt":
            return self.call(a, [b])
        a, b = _resolve(a, b), _resolve(b, a)
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
                return Ones(u.row, scale)
        a, b = _tensor(a), _tensor(b)
        if op in ("+", "-"):
            fn = F.add if op == "+" else F.sub
            _check_broadcast(a, b, op)
            return fn(a, b)
        if op in ("/", "div"):
            if b.ndim and a.ndim and a.shape != b.shape:
                raise ShapeMismatch(f"division of shape {a.shape} by shape {b.shape}")
            return F.div(a, b)
        if op in ("odot", "circ", "ast", "*", "bullet"):
            if a.ndim and b.ndim and a.shape != b.shape:
                raise ShapeMismatch(f"⊙ of shapes {a.shape} and {b.shape}")
            return F.mul(a, b)
        if op == "otimes":
            return F.matmul(a, F.transpose(b))
        return _multiply(a, b, dot=op == "cdot")

    # ---- derivatives -------------------------------------------------------------------
    def _deriv(self, node: t.Deriv, scope: Scope) -> Tensor:
        if node.f is None:
            raise EvalError("∂/∂x is applied to nothing")
        return self._derivative_node(node, scope)

    def _derivative_node(self, node: t.Deriv, scope: Scope, jacobian: bool = False) -> Tensor:
        name, index = self.variable(node.var, scope)
        if node.order == 1:
            return self.derivative(node.f, name, index, scope, jacobian=jacobian)
        inner = t.Deriv(node.f, node.var, node.order - 1)
        return self.derivative(inner, name, index, scope, numeric=True)

    def variable(self, var: t.Node, scope: Scope) -> tuple[str, list[int] | None]:
        """What ``∂x_j`` differentiates by: a name and (1-based) component indices."""
        full = t.canon(var)
        if self.known(full) or full in scope.values or isinstance(var, t.Sym):
            return full, None
        if isinstance(var, t.Script):
            label, rest = _split_label(var.sup)
            if label is not None and rest is None:
                name = t.canon(t.Script(var.base, None, label))
            elif var.sup is None:
                name = t.canon(var.base)
            else:
                upper = t.canon(t.Script(var.base, None, var.sup))
                if not self.known(upper):
                    raise EvalError(f"cannot differentiate by {full}")
                name = upper
            if var.sub is None:
                return name, None
            if not self.known(name) and name not in scope.values:
                return full, None  # x_1 with x undeclared is a scalar of its own
            value = _tensor(self.name(name, scope))
            items = _index_list(var.sub) if value.ndim == 2 and min(value.shape) > 1 \
                else list(var.sub)
            return name, [_as_int(self.eval(i, scope), f"the index {t.canon(i)}") for i in items]
        raise EvalError(f"cannot differentiate by {full}")

    def _undefined(self, node: t.Node, scope: Scope) -> bool:
        """A bare undeclared name (``∂L/∂z`` with no ``L = …``): its derivative means nothing."""
        def free(name: str) -> bool:
            return not (self.known(name) or name in scope.values or name in scope.indices
                        or name in _BUILTIN or name in ("e", r"\pi", "I") or name in self.ranges)
        if isinstance(node, t.Sym):
            return free(node.name)
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
            names = [t.canon(node), t.canon(t.Script(node.base, None, node.sup))
                     if node.sup is not None else node.base.name,
                     t.canon(t.Script(node.base, node.sub, None)) if node.sub else node.base.name]
            return free(node.base.name) and all(free(n) for n in names)
        return False

    def free_scalars(self, node: t.Node, scope: Scope) -> set[str]:
        names = set()
        for n in t.walk(node):
            if isinstance(n, t.Sym) and n.name not in _BUILTIN and n.name not in (
                    "e", r"\pi", "I") and not n.name.startswith("\\partial"):
                kind = self.symbols.get(n.name)
                if n.name in scope.indices or (kind is not None and kind.name in (
                        "index", "constant") or (kind and kind.is_function)):
                    continue
                if n.name in self.definitions or n.name in self.ranges:
                    continue
                names.add(n.name)
        return names

    def derivative(self, f: t.Node, name: str, index: list[int] | None, scope: Scope, *,
                   jacobian: bool = False, numeric: bool = False) -> Tensor:
        if self._undefined(f, scope):
            raise EvalError(f"{t.canon(f)} has no definition: write {t.canon(f)} = … before "
                            f"differentiating it")
        x0 = _tensor(self.name(name, scope)).data
        if isinstance(self.name(name, scope), Fn):
            raise EvalError(f"cannot differentiate by the function {name}")
        x0 = np.array(x0, dtype=np.float64)

        def g(x: Any) -> Tensor:
            return _tensor(self.eval(f, scope.with_values({name: x})))

        if numeric or any(isinstance(n, t.Deriv) for n in t.walk(f)):
            full = _numeric_jacobian(lambda x: g(Tensor(x)).data, x0)
            out_shape = full.shape[:full.ndim - x0.ndim]
        else:
            leaf = Tensor(x0.copy(), requires_grad=True)
            with enable_grad():
                out = g(leaf)
            full = self._full_jacobian(out, leaf)
            out_shape = out.shape
            _confirm(lambda x: g(Tensor(x)).data, x0, full, name)
        return Tensor(_shape_derivative(full, out_shape, x0.shape, index, jacobian))

    def _full_jacobian(self, out: Tensor, leaf: Tensor) -> np.ndarray:
        full = np.zeros(out.shape + leaf.shape)
        flat = full.reshape(out.size, leaf.size)
        basis = np.zeros(out.size)
        for k in range(out.size):
            basis[k] = 1.0
            flat[k] = self._reverse(out, leaf, basis.reshape(out.shape)).reshape(-1)
            basis[k] = 0.0
        return full

    def _reverse(self, out: Tensor, leaf: Tensor, cotangent: np.ndarray) -> np.ndarray:
        if not out.requires_grad:
            return np.zeros(leaf.shape)
        found = backprop(out, np.asarray(cotangent, dtype=np.float64))
        return found[id(leaf)][1] if id(leaf) in found else np.zeros(leaf.shape)

    def _jacobian_value(self, y: Tensor, leaf: Tensor, index, g) -> Tensor:
        full = self._full_jacobian(y, leaf)
        return Tensor(_shape_derivative(full, y.shape, leaf.shape, index, False))


GREEK = {"\\" + g for g in (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega "
    "ell varepsilon vartheta varphi varsigma varrho").split()}


def _body(items: list) -> t.Node:
    return items[0] if len(items) == 1 else t.Product(tuple(items))


def _split_label(sup: t.Node | None) -> tuple[t.Node | None, t.Node | None]:
    """``^{(2)}`` is a label, not a power; ``^{(2)T}`` a label and a transpose."""
    if isinstance(sup, t.Paren) and sup.bracket in "([" and len(sup.args) == 1:
        return sup, None
    if isinstance(sup, t.Product) and isinstance(sup.items[0], t.Paren) and \
            sup.items[0].bracket in "([":
        rest = sup.items[1:]
        return sup.items[0], rest[0] if len(rest) == 1 else t.Product(rest)
    return None, None


def _index_list(sub: tuple) -> list[t.Node]:
    """``{kj}`` → [k, j]; ``{k,j}`` → [k, j]; ``{12}`` → [1, 2]."""
    if len(sub) == 1 and isinstance(sub[0], t.Product) and all(
            isinstance(i, (t.Sym, t.Num)) for i in sub[0].items):
        return list(sub[0].items)
    if len(sub) == 1 and isinstance(sub[0], t.Num) and float(sub[0].value).is_integer() and \
            10 <= sub[0].value <= 99:
        return [t.Num(float(d)) for d in str(int(sub[0].value))]
    return list(sub)


def _var_name(node: t.Node) -> str:
    if isinstance(node, t.Sym):
        return node.name
    raise EvalError(f"{t.canon(node)} is not an index name")


def _pick(v: Tensor, idx: list[int], name: str) -> Tensor:
    shape = v.shape
    if v.ndim == 0:
        raise EvalError(f"{name} is a number: it has no component {idx}")
    if v.ndim == 2 and 1 in shape and len(idx) == 1:
        n = v.size
        (i,) = idx
        if not 1 <= i <= n:
            raise EvalError(f"component {i} of {name} is out of range 1..{n}")
        return F.getitem(v, index=(i - 1, 0) if shape[1] == 1 else (0, i - 1))
    if len(idx) == 1 and v.ndim == 2:
        (i,) = idx
        if not 1 <= i <= shape[0]:
            raise EvalError(f"row {i} of {name} is out of range 1..{shape[0]}")
        return F.reshape(F.getitem(v, index=i - 1), shape=(shape[1], 1))
    if len(idx) != v.ndim:
        raise EvalError(f"{name} of shape {shape} takes {v.ndim} indices, got {len(idx)}")
    for i, n in zip(idx, shape):
        if not 1 <= i <= n:
            raise EvalError(f"index {i} of {name} is out of range 1..{n}")
    return F.getitem(v, index=tuple(i - 1 for i in idx))


def _resolve(v: Any, other: Any) -> Any:
    """Give ``I`` or ``1`` the size of what they meet."""
    if isinstance(v, (Identity, Ones)) and isinstance(other, Tensor) and other.ndim == 2:
        if isinstance(v, Identity):
            return v if other.shape[0] != other.shape[1] and 1 in other.shape else v.of(
                other.shape[0])
        n = other.shape[1] if (not v.row and other.shape[0] == 1) else other.shape[0]
        return v.of(n)
    return v


def _check_broadcast(a: Tensor, b: Tensor, op: str) -> None:
    if a.ndim and b.ndim and a.shape != b.shape:
        raise ShapeMismatch(f"{op} of shapes {a.shape} and {b.shape}")


def _multiply(a: Tensor, b: Tensor, dot: bool) -> Tensor:
    """Juxtaposition, ``\\cdot``, ``\\times``: a scalar product, else a matrix product."""
    if a.ndim == 0 or b.ndim == 0:
        return F.mul(a, b)
    if a.shape[1] == b.shape[0]:
        out = F.matmul(a, b)
        return F.reshape(out, shape=()) if out.shape == (1, 1) else out
    if a.shape == b.shape and a.shape[1] == 1:
        # two columns: a dot product for \cdot, else (σ(z)(1 − σ(z))) elementwise
        return F.sum(F.mul(a, b)) if dot else F.mul(a, b)
    if a.shape == b.shape:
        return F.mul(a, b)
    raise ShapeMismatch(f"a product of shapes {a.shape} and {b.shape}")


def _numeric_jacobian(g: Callable[[np.ndarray], np.ndarray], x0: np.ndarray) -> np.ndarray:
    """Fourth-order central differences: for derivatives of derivatives."""
    y0 = np.asarray(g(x0))
    full = np.zeros(y0.shape + x0.shape)
    flat = full.reshape(y0.size, x0.size)
    h = 1e-3
    for k in range(x0.size):
        e = np.zeros(x0.size)
        e[k] = h
        e = e.reshape(x0.shape)
        d = (-g(x0 + 2 * e) + 8 * g(x0 + e) - 8 * g(x0 - e) + g(x0 - 2 * e)) / (12 * h)
        flat[:, k] = np.asarray(d).reshape(-1)
    return full


def _confirm(g: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, full: np.ndarray,
             name: str) -> None:
    """Reverse mode against central differences in one random direction."""
    u = np.random.default_rng(7).standard_normal(x0.shape)
    h = 1e-6 * max(1.0, float(np.max(np.abs(x0))) if x0.size else 1.0)
    numeric = (np.asarray(g(x0 + h * u)) - np.asarray(g(x0 - h * u))) / (2 * h)
    exact = np.tensordot(full, u, axes=x0.ndim) if x0.ndim else full * u
    if not np.all(np.isfinite(numeric)) or not np.allclose(exact, numeric, rtol=1e-4,
                                                           atol=1e-5):
        raise NotDifferentiable(f"the derivative by {name} is not confirmed by central "
                                f"differences here (a kink?)")


def _shape_derivative(full: np.ndarray, out_shape: tuple, x_shape: tuple,
                      index: list[int] | None, jacobian: bool) -> np.ndarray:
    """The derivative laid out by the conventions (gradient of a scalar: x's shape)."""
    if index is not None:
        if len(x_shape) == 2 and 1 in x_shape and len(index) == 1:
            pos = (index[0] - 1, 0) if x_shape[1] == 1 else (0, index[0] - 1)
        else:
            pos = tuple(i - 1 for i in index)
        for p, n in zip(pos, x_shape):
            if not 0 <= p < n:
                raise EvalError(f"component {p + 1} is out of range 1..{n}")
        return full[(Ellipsis,) + pos]
    size = int(np.prod(out_shape)) if out_shape else 1
    if size == 1 and not jacobian:
        return full.reshape(x_shape)
    if len(x_shape) == 0:
        return full.reshape(out_shape)
    if len(out_shape) == 2 and out_shape[1] == 1 and len(x_shape) == 2 and x_shape[1] == 1:
        return full.reshape(out_shape[0], x_shape[0])
    if size == 1:
        return full.reshape(1, -1)
    return full.reshape(tuple(d for d in out_shape if d != 1) + x_shape)
