"""Evaluate NumPy-style expressions in ``x`` (and ``v``) safely, for ``backprop check``.

The expression is parsed with :mod:`ast` and walked by a small interpreter: it never reaches
Python's ``eval``, so there are no builtins to find. Only whitelisted syntax is accepted —
numbers, names from the namespace, arithmetic and comparisons, calls of namespace functions,
indexing and slicing, lists and tuples, and the attributes in :data:`ATTRIBUTES`. Anything
else (imports, lambdas, strings, dunders, other attributes) is rejected with one line.

Names map either to the library's differentiable ops (usable in ``f``, which the engine
must differentiate) or to NumPy helpers that only evaluate (usable in the claimed
derivative; in ``f`` they are refused, since the engine could not see through them).
"""

from __future__ import annotations

import ast
import math
import operator
from typing import Any, Callable

import numpy as np

from ..errors import BackpropError

__all__ = ["parse", "evaluate", "compile_expression", "namespace", "ATTRIBUTES"]

MAX_LENGTH = 2000
MAX_ELEMENTS = 10**6
ATTRIBUTES = frozenset({"T", "shape", "size", "ndim", "sum", "mean", "max", "min", "reshape",
                        "transpose"})

_BINOPS: dict[type, Callable] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Pow: operator.pow, ast.MatMult: operator.matmul,
}
_UNARY: dict[type, Callable] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_COMPARE: dict[type, Callable] = {
    ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}


def _F():
    from .. import functional as F
    return F


# -- the namespace ---------------------------------------------------------------------------

def _diag(v: Any) -> Any:
    """diag of a vector (a matrix) or of a matrix (its diagonal), differentiable."""
    F = _F()
    nd = np.ndim(getattr(v, "data", v))
    if nd == 1:
        n = np.shape(getattr(v, "data", v))[0]
        return F.mul(F.reshape(v, shape=(n, 1)), np.eye(n))
    if nd == 2:
        n = min(np.shape(getattr(v, "data", v)))
        return F.getitem(v, index=(np.arange(n), np.arange(n)))
    raise BackpropError(f"diag: expected a vector or a matrix, got {nd} dimensions")


def _outer(a: Any, b: Any) -> Any:
    F = _F()
    return F.mul(F.reshape(a, shape=(-1, 1)), F.reshape(b, shape=(1, -1)))


def _trace(m: Any) -> Any:
    return _F().sum(_diag(m))


def _maximum(a: Any, b: Any) -> Any:
    av, bv = np.asarray(getattr(a, "data", a)), np.asarray(getattr(b, "data", b))
    return _F().where(av >= bv, a, b)


def _minimum(a: Any, b: Any) -> Any:
    av, bv = np.asarray(getattr(a, "data", a)), np.asarray(getattr(b, "data", b))
    return _F().where(av <= bv, a, b)


def _sized(fn: Callable) -> Callable:
    """A constructor (ones, zeros, eye, …) refusing absurd sizes instead of eating memory."""
    def make(*args: Any, **kwargs: Any) -> np.ndarray:
        dims = [a for a in args if isinstance(a, (int, np.integer))]
        for a in args:
            if isinstance(a, (tuple, list)):
                dims += [d for d in a if isinstance(d, (int, np.integer))]
        if dims and (math.prod(int(abs(d)) for d in dims) > MAX_ELEMENTS
                     or len(dims) == 1 and int(dims[0]) ** 2 > MAX_ELEMENTS and fn is np.eye):
            raise BackpropError(f"{fn.__name__}: size too large for a check")
        return fn(*args, **kwargs)
    make.__name__ = fn.__name__
    return make


def namespace() -> tuple[dict[str, Any], frozenset[str]]:
    """All names, and the subset that the engine can differentiate."""
    F = _F()
    diff: dict[str, Any] = {name: getattr(F, name) for name in (
        "softmax", "log_softmax", "logsumexp", "sigmoid", "tanh", "relu", "softplus",
        "heaviside", "sign", "exp", "log", "sqrt", "abs", "sum", "mean", "max", "min",
        "reshape", "transpose", "concatenate", "stack", "where", "matmul", "linear",
        "cross_entropy", "nll_loss", "mse_loss", "binary_cross_entropy",
        "binary_cross_entropy_with_logits")}
    diff.update(dot=F.matmul, diag=_diag, outer=_outer, trace=_trace, maximum=_maximum,
                minimum=_minimum, amax=F.max, amin=F.min)
    # Numeric only: for the claimed derivative (constants are also fine inside f).
    numeric = {name: getattr(np, name) for name in (
        "sin", "cos", "tan", "sinh", "cosh", "arctan", "log1p", "expm1", "square",
        "kron", "tril", "triu", "isclose", "allclose", "floor", "ceil", "clip", "sort",
        "cumsum", "prod", "argmax", "argmin", "full_like", "ones_like", "zeros_like")}
    numeric.update(ones=_sized(np.ones), zeros=_sized(np.zeros), eye=_sized(np.eye),
                   identity=_sized(np.identity), arange=_sized(np.arange),
                   full=_sized(np.full), linspace=_sized(np.linspace),
                   array=np.array, asarray=np.asarray)
    constants = {"pi": np.pi, "e": np.e, "inf": np.inf, "newaxis": None,
                 "True": True, "False": False, "None": None}
    # Constants and constant-makers are harmless inside f: they do not depend on x.
    allowed_in_f = frozenset(diff) | frozenset(constants) | {
        "ones", "zeros", "eye", "identity", "arange", "full", "linspace", "array", "asarray",
        "ones_like", "zeros_like", "full_like"}
    names = {**numeric, **diff, **constants}
    return names, allowed_in_f


# -- parsing: reject before evaluating -------------------------------------------------------

def _reject(expr: str, node: ast.AST | None, why: str) -> BackpropError:
    where = f" (column {node.col_offset + 1})" if node is not None and hasattr(
        node, "col_offset") else ""
    return BackpropError(f"expression {expr!r}{where}: {why}")


def parse(expr: str, variables: tuple[str, ...] = ("x",), *,
          differentiable: bool = False) -> ast.Expression:
    """Parse and vet ``expr``; raise :class:`BackpropError` naming the first forbidden part.

    ``differentiable=True`` (for f) also refuses names the engine cannot differentiate.
    """
    if not isinstance(expr, str) or not expr.strip():
        raise BackpropError("expression is empty")
    if len(expr) > MAX_LENGTH:
        raise BackpropError(f"expression is longer than {MAX_LENGTH} characters")
    if "\n" in expr.strip() or ";" in expr:
        raise BackpropError(f"expression {expr!r}: give one expression (no statements)")
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as e:
        raise BackpropError(f"expression {expr!r} is not a Python expression: {e.msg} "
                            f"(column {e.offset})") from None
    names, in_f = namespace()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.Load, ast.Tuple, ast.List, ast.Slice,
                             ast.Subscript, ast.keyword, ast.Compare)):
            continue
        if isinstance(node, tuple(_BINOPS) + tuple(_UNARY) + tuple(_COMPARE)):
            continue
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                raise _reject(expr, node, f"operator {type(node.op).__name__} is not allowed")
            continue
        if isinstance(node, ast.UnaryOp):
            if type(node.op) not in _UNARY:
                raise _reject(expr, node, f"operator {type(node.op).__name__} is not allowed")
            continue
        if isinstance(node, ast.Constant):
            if node.value is Ellipsis or isinstance(node.value, (bool, int, float)) or \
                    node.value is None:
                continue
            raise _reject(expr, node, f"only numbers are allowed as constants, "
                                      f"not {type(node.value).__name__} {node.value!r}")
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise _reject(expr, node, f"name {node.id!r} is not allowed (no dunders or "
                                          f"private names)")
            if node.id in variables:
                continue
            if node.id not in names:
                raise _reject(expr, node, f"unknown name {node.id!r}; use {' and '.join(variables)} "
                                          f"and functions such as softmax, exp, diag, outer, "
                                          f"sum, eye (see backprop check --help)")
            if differentiable and node.id not in in_f:
                raise _reject(expr, node, f"{node.id!r} is not differentiable by the engine; "
                                          f"build f from the library's ops (softmax, exp, sum, "
                                          f"diag, outer, …)")
            continue
        if isinstance(node, ast.Attribute):
            if node.attr.startswith("_"):
                raise _reject(expr, node, f"attribute .{node.attr} is not allowed (no dunders "
                                          f"or private attributes)")
            if node.attr not in ATTRIBUTES:
                raise _reject(expr, node, f"attribute .{node.attr} is not allowed; only "
                                          f"{', '.join('.' + a for a in sorted(ATTRIBUTES))}")
            continue
        if isinstance(node, ast.Call):
            if not isinstance(node.func, (ast.Name, ast.Attribute)):
                raise _reject(expr, node, "only named functions may be called")
            if isinstance(node.func, ast.Name) and node.func.id in variables:
                raise _reject(expr, node, f"{node.func.id} is an array, not a function")
            if any(isinstance(a, ast.Starred) for a in node.args) or any(
                    k.arg is None for k in node.keywords):
                raise _reject(expr, node, "*args and **kwargs are not allowed")
            continue
        raise _reject(expr, node, f"{type(node).__name__} is not allowed in an expression "
                                  f"(only arithmetic, calls, indexing, lists and tuples)")
    return tree


# -- evaluation ------------------------------------------------------------------------------

class _Interpreter:
    def __init__(self, expr: str, env: dict[str, Any]):
        self.expr, self.env = expr, env

    def run(self, node: ast.AST) -> Any:
        method = getattr(self, "_" + type(node).__name__)
        return method(node)

    def _Expression(self, n: ast.Expression) -> Any:
        return self.run(n.body)

    def _Constant(self, n: ast.Constant) -> Any:
        return n.value

    def _Name(self, n: ast.Name) -> Any:
        return self.env[n.id]

    def _Tuple(self, n: ast.Tuple) -> Any:
        return tuple(self.run(e) for e in n.elts)

    def _List(self, n: ast.List) -> Any:
        return [self.run(e) for e in n.elts]

    def _Slice(self, n: ast.Slice) -> slice:
        part = lambda e: None if e is None else self.run(e)  # noqa: E731
        return slice(part(n.lower), part(n.upper), part(n.step))

    def _Subscript(self, n: ast.Subscript) -> Any:
        return self.run(n.value)[self.run(n.slice)]

    def _Attribute(self, n: ast.Attribute) -> Any:
        value = self.run(n.value)
        from ..engine import Tensor

        if not isinstance(value, (np.ndarray, Tensor)):
            raise _reject(self.expr, n, f".{n.attr} is allowed only on arrays")
        return getattr(value, n.attr)

    def _BinOp(self, n: ast.BinOp) -> Any:
        a, b = self.run(n.left), self.run(n.right)
        if isinstance(n.op, ast.Pow) and isinstance(a, int) and isinstance(b, int) \
                and (abs(b) > 64 or a.bit_length() * abs(b) > 4096):
            raise _reject(self.expr, n, "integer power too large")
        return _BINOPS[type(n.op)](a, b)

    def _UnaryOp(self, n: ast.UnaryOp) -> Any:
        return _UNARY[type(n.op)](self.run(n.operand))

    def _Compare(self, n: ast.Compare) -> Any:
        left, result = self.run(n.left), True
        for op, right_node in zip(n.ops, n.comparators):
            if type(op) not in _COMPARE:
                raise _reject(self.expr, n, f"comparison {type(op).__name__} is not allowed")
            right = self.run(right_node)
            part = _COMPARE[type(op)](left, right)
            result = part if result is True else np.logical_and(result, part)
            left = right
        return result

    def _Call(self, n: ast.Call) -> Any:
        fn = self.run(n.func)
        if not callable(fn):
            raise _reject(self.expr, n, "this is not a function")
        args = [self.run(a) for a in n.args]
        kwargs = {k.arg: self.run(k.value) for k in n.keywords}
        return fn(*args, **kwargs)


def compile_expression(expr: str, variables: tuple[str, ...] = ("x",), *,
                       differentiable: bool = False) -> Callable[..., Any]:
    """Vet ``expr`` once and return a function of ``variables`` evaluating it."""
    tree = parse(expr, variables, differentiable=differentiable)
    names, _ = namespace()

    def fn(*values: Any) -> Any:
        if len(values) != len(variables):
            raise TypeError(f"expected {len(variables)} value(s)")
        env = {**names, **dict(zip(variables, values))}
        try:
            with np.errstate(all="ignore"):
                return _Interpreter(expr, env).run(tree)
        except BackpropError:
            raise
        except Exception as e:
            msg = str(e).splitlines()[0] if str(e) else ""
            raise BackpropError(f"evaluating {expr!r} failed: {type(e).__name__}: "
                                f"{msg}") from None

    fn.__name__ = "expression"
    fn.expr = expr  # type: ignore[attr-defined]
    return fn


def evaluate(expr: str, **values: Any) -> Any:
    """Evaluate ``expr`` with the given variables (e.g. ``x=...``); numbers come back as
    NumPy arrays (Tensors are unwrapped)."""
    out = compile_expression(expr, tuple(values))(*values.values())
    return np.asarray(getattr(out, "data", out))
