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

from .. import functional as F
from ..engine import Tensor
from ..errors import BackpropError
from ..functional.table import spellings

__all__ = ["parse", "evaluate", "compile_expression", "namespace", "ATTRIBUTES", "HELPERS",
           "NUMERIC", "MAKERS", "CONSTANTS"]

MAX_LENGTH = 2000
MAX_ELEMENTS = 10**6
MAX_HELD = 4 * MAX_ELEMENTS  # numbers alive at once while an expression is evaluated
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


# -- the namespace ---------------------------------------------------------------------------

def _diag(v: Any) -> Any:
    """diag of a vector (a matrix) or of a matrix (its diagonal), differentiable."""
    nd = np.ndim(getattr(v, "data", v))
    if nd == 1:
        n = np.shape(getattr(v, "data", v))[0]
        return F.mul(F.reshape(v, shape=(n, 1)), np.eye(n))
    if nd == 2:
        n = min(np.shape(getattr(v, "data", v)))
        return F.getitem(v, index=(np.arange(n), np.arange(n)))
    raise BackpropError(f"diag: expected a vector or a matrix, got {nd} dimensions")


def _outer(a: Any, b: Any) -> Any:
    return F.mul(F.reshape(a, shape=(-1, 1)), F.reshape(b, shape=(1, -1)))


def _trace(m: Any) -> Any:
    return F.sum(_diag(m))


# -- sizes: one guard for every value the sandbox makes ---------------------------------------
# Each constructor below computes the size of what it would make and asks size_guard before
# allocating; every call, operator and index is estimated the same way in the interpreter
# (broadcast shapes, matmul, sequence repetition), and every value produced is measured.

def elements(value: Any) -> int:
    """How many numbers ``value`` holds (arrays, tensors, nested lists and tuples)."""
    if isinstance(value, (list, tuple)):
        return len(value) + sum(elements(v) for v in value)
    size = getattr(value, "size", None)
    return int(size) if isinstance(size, (int, np.integer)) else 1


def size_guard(n: int, what: str) -> None:
    if n > MAX_ELEMENTS:
        raise BackpropError(f"{what} would hold {n} numbers; a check allows at most "
                            f"{MAX_ELEMENTS} in any value")


def _plain(value: Any) -> Any:
    """A Tensor's array, anything else unchanged (an ndarray's own .data is a raw buffer)."""
    return value.data if isinstance(value, Tensor) else value


def _shape(value: Any) -> tuple[int, ...]:
    data = _plain(value)
    return tuple(np.shape(data)) if isinstance(data, (np.ndarray, np.generic, int, float,
                                                      bool, list, tuple)) else ()


def _size_arg(value: Any, what: str) -> tuple[int, ...]:
    """A shape argument: an integer or a sequence/array of integers (no floats, no bools)."""
    data = np.asarray(_plain(value)) if not isinstance(value, int) else value
    if isinstance(data, int) and not isinstance(data, bool):
        dims = (data,)
    elif isinstance(data, np.ndarray) and data.ndim <= 1 and data.dtype.kind in "iu":
        dims = tuple(int(d) for d in data.reshape(-1))
    else:
        raise BackpropError(f"{what}: sizes must be integers, got {value!r}")
    if any(d < 0 for d in dims) or len(dims) > 32:
        raise BackpropError(f"{what}: sizes must be ≥ 0 (at most 32 of them), got {dims}")
    size_guard(math.prod(dims), f"{what}{dims}")
    return dims


def ones(shape: Any) -> np.ndarray:
    return np.ones(_size_arg(shape, "ones"))


def zeros(shape: Any) -> np.ndarray:
    return np.zeros(_size_arg(shape, "zeros"))


def full(shape: Any, fill_value: Any) -> np.ndarray:
    dims = _size_arg(shape, "full")
    if elements(fill_value) != 1:
        raise BackpropError("full: the fill value must be one number")
    return np.full(dims, np.asarray(_plain(fill_value), dtype=float))


def eye(N: Any, M: Any = None, k: int = 0) -> np.ndarray:
    n, = _size_arg(N, "eye")
    m, = _size_arg(n if M is None else M, "eye")
    size_guard(n * m, f"eye({n}, {m})")
    return np.eye(n, m, int(k))


def identity(n: Any) -> np.ndarray:
    return eye(n)


def arange(start: Any, stop: Any = None, step: Any = 1) -> np.ndarray:
    if stop is None:
        start, stop = 0, start
    bounds = [float(np.asarray(_plain(v))) for v in (start, stop, step)]
    if not all(map(math.isfinite, bounds)) or bounds[2] == 0:
        raise BackpropError(f"arange: start, stop and step must be finite (step ≠ 0), got "
                            f"{start}, {stop}, {step}")
    size_guard(max(0, math.ceil((bounds[1] - bounds[0]) / bounds[2])), "arange")
    return np.arange(start, stop, step)


def linspace(start: Any, stop: Any, num: Any = 50) -> np.ndarray:
    n, = _size_arg(num, "linspace")
    return np.linspace(start, stop, n)


def ones_like(a: Any) -> np.ndarray:
    return np.ones(_shape(a))


def zeros_like(a: Any) -> np.ndarray:
    return np.zeros(_shape(a))


def full_like(a: Any, fill_value: Any) -> np.ndarray:
    return full(_shape(a), fill_value)


def array(values: Any) -> np.ndarray:
    return np.asarray(_plain(values))


def _outer_size(a: Any, b: Any, *rest: Any, **kw: Any) -> int:
    return math.prod(_shape(a)) * math.prod(_shape(b))


def _matmul_size(a: Any, b: Any, *rest: Any, **kw: Any) -> int:
    sa, sb = _shape(a), _shape(b)
    try:
        batch = np.broadcast_shapes(sa[:-2], sb[:-2])
    except ValueError:
        return 0
    return (math.prod(batch) * (sa[-2] if len(sa) >= 2 else 1)
            * (sb[-1] if len(sb) >= 2 else 1))


def _linear_size(x: Any, w: Any, *rest: Any, **kw: Any) -> int:
    return math.prod(_shape(x)[:-1]) * (_shape(w)[0] if _shape(w) else 1)


def _diag_size(v: Any, *rest: Any, **kw: Any) -> int:
    n = math.prod(_shape(v))
    return n * n if len(_shape(v)) == 1 else n


def broadcast_size(*values: Any) -> int:
    """Elements of the broadcast of ``values`` (0 if they do not broadcast: the operation
    itself will then refuse them)."""
    try:
        return math.prod(np.broadcast_shapes(*(_shape(v) for v in values)))
    except ValueError:
        return 0


def _size_rules() -> dict[Any, Callable[..., int]]:
    """Calls whose result is not the broadcast of their arguments, with its size."""
    return {np.kron: _outer_size, _outer: _outer_size, F.matmul: _matmul_size,
            F.linear: _linear_size, _diag: _diag_size, _trace: _diag_size}


def _index_size(value: Any, index: Any) -> int:
    """An upper bound on the size of ``value[index]``: advanced (array) indices broadcast
    together and replace the dimensions they consume; slices never grow anything."""
    parts = index if isinstance(index, tuple) else (index,)
    arrays = [p for p in parts if isinstance(_plain(p), (list, np.ndarray))]
    if not arrays:
        return 0
    shape = _shape(value)
    consumed = sum(max(1, len(_shape(a))) for a in arrays)
    try:
        picked = math.prod(np.broadcast_shapes(*(_shape(a) for a in arrays)))
    except ValueError:
        return 0
    return picked * math.prod(shape) // max(1, math.prod(sorted(shape)[:consumed]))


# Differentiable helpers composed of rules (the claims of textbooks use them).
HELPERS: dict[str, Callable[..., Any]] = {"diag": _diag, "outer": _outer, "trace": _trace}
# Numeric only: for the claimed derivative (constants are also fine inside f).
NUMERIC = ("sin", "cos", "tan", "sinh", "cosh", "arctan", "log1p", "expm1", "square", "kron",
           "tril", "triu", "isclose", "allclose", "floor", "ceil", "clip", "sort", "cumsum",
           "prod", "argmax", "argmin")
# Constant-makers are harmless inside f: they do not depend on x.
MAKERS: dict[str, Callable[..., Any]] = {
    "ones": ones, "zeros": zeros, "eye": eye, "identity": identity, "arange": arange,
    "full": full, "linspace": linspace, "array": array, "asarray": array,
    "ones_like": ones_like, "zeros_like": zeros_like, "full_like": full_like}
CONSTANTS = {"pi": np.pi, "e": np.e, "inf": np.inf, "newaxis": None, "True": True,
             "False": False, "None": None}


def namespace() -> tuple[dict[str, Any], frozenset[str]]:
    """All names, and the subset allowed in f: every Python spelling of the table of
    operations (:mod:`backprop.functional.table`), the helpers composed of them, and the
    constants; NumPy's functions only evaluate, so they serve the claimed derivative."""
    diff = {name: op.fn for name, op in spellings().items()}
    diff.update(HELPERS)
    numeric = {name: getattr(np, name) for name in NUMERIC}
    allowed_in_f = frozenset(diff) | frozenset(CONSTANTS) | frozenset(MAKERS)
    return {**numeric, **MAKERS, **diff, **CONSTANTS}, allowed_in_f


# -- parsing: reject before evaluating -------------------------------------------------------

def _clip(expr: str, most: int = 80) -> str:
    return repr(expr if len(expr) <= most else expr[:most - 1] + "…")


def _reject(expr: str, node: ast.AST | None, why: str) -> BackpropError:
    where = f" (column {node.col_offset + 1})" if node is not None and hasattr(
        node, "col_offset") else ""
    return BackpropError(f"expression {_clip(expr)}{where}: {why}")


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
        raise BackpropError(f"expression {_clip(expr)} is not a Python expression: {e.msg} "
                            f"(column {e.offset})") from None
    except (RecursionError, MemoryError, ValueError):
        raise BackpropError(f"expression {_clip(expr)} is nested too deeply") from None
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
    def __init__(self, expr: str, env: dict[str, Any], differentiable: bool = False):
        self.expr, self.env = expr, env
        self.rules = _size_rules()
        self.produced = 0  # numbers in all the values made: the evaluation's work
        self.held = 0      # numbers in the values made and not yet used up by their parent
        # differentiated, every value made stays alive in the recorded graph until the
        # backward pass: then what is produced is what is held
        self.kept = differentiable

    def run(self, node: ast.AST) -> Any:
        before = self.held
        value = getattr(self, "_" + type(node).__name__)(node)
        self.held = before  # the children's values are used up by now
        n = elements(value)
        self._estimate(n, node)
        if self.held + n > MAX_HELD:  # [a, b, c, …] or a ** (b ** …) keeps them all alive
            raise _reject(self.expr, node, f"the expression holds more than {MAX_HELD} "
                                           f"numbers at once")
        if self.kept and self.produced + n > MAX_HELD:
            raise _reject(self.expr, node, f"the expression's values hold more than "
                                           f"{MAX_HELD} numbers together (each is kept for "
                                           f"the backward pass)")
        self.held += n
        self.produced += n
        return value

    def _text(self, node: ast.AST) -> str:
        text = ast.get_source_segment(self.expr.strip(), node) or type(node).__name__
        return text if len(text) <= 40 else text[:39] + "…"

    def _estimate(self, n: int, node: ast.AST) -> None:
        if n > MAX_ELEMENTS:
            size_guard(n, self._text(node))

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
        value, index = self.run(n.value), self.run(n.slice)
        self._estimate(_index_size(value, index), n)
        return value[index]

    def _Attribute(self, n: ast.Attribute) -> Any:
        value = self.run(n.value)
        if not isinstance(value, (np.ndarray, Tensor)):
            raise _reject(self.expr, n, f".{n.attr} is allowed only on arrays")
        return getattr(value, n.attr)

    def _BinOp(self, n: ast.BinOp) -> Any:
        a, b = self.run(n.left), self.run(n.right)
        if isinstance(n.op, ast.Pow) and isinstance(a, int) and isinstance(b, int) \
                and (abs(b) > 64 or a.bit_length() * abs(b) > 4096):
            raise _reject(self.expr, n, "integer power too large")
        sequences = [v for v in (a, b) if isinstance(v, (list, tuple))]
        if sequences and isinstance(n.op, ast.Mult):  # [0] * k repeats the list k times
            times = b if sequences[0] is a else a
            if isinstance(times, (int, np.integer)):
                self._estimate(elements(sequences[0]) * max(0, int(times)), n)
        elif isinstance(n.op, ast.MatMult):
            self._estimate(_matmul_size(a, b), n)
        else:
            self._estimate(broadcast_size(a, b), n)
        return _BINOPS[type(n.op)](a, b)

    def _UnaryOp(self, n: ast.UnaryOp) -> Any:
        return _UNARY[type(n.op)](self.run(n.operand))

    def _Compare(self, n: ast.Compare) -> Any:
        left, result = self.run(n.left), True
        for op, right_node in zip(n.ops, n.comparators):
            if type(op) not in _COMPARE:
                raise _reject(self.expr, n, f"comparison {type(op).__name__} is not allowed")
            right = self.run(right_node)
            self._estimate(broadcast_size(left, right), n)
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
        rule = self.rules.get(fn, broadcast_size)
        try:
            estimate = rule(*args, **kwargs)
        except TypeError:  # wrong arguments: the call itself says so
            estimate = 0
        self._estimate(estimate, n)
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
        interpreter = _Interpreter(expr, env, differentiable)
        try:
            with np.errstate(all="ignore"):
                out = interpreter.run(tree)
            fn.produced = interpreter.produced  # type: ignore[attr-defined]
            return out
        except BackpropError:
            raise
        except RecursionError:
            raise BackpropError(f"evaluating {_clip(expr)} failed: nested too deeply") from None
        except Exception as e:  # MemoryError included: one line, never a traceback
            msg = " ".join(str(e).split())[:200]
            raise BackpropError(f"evaluating {_clip(expr)} failed: {type(e).__name__}: "
                                f"{msg}") from None

    fn.__name__ = "expression"
    fn.expr = expr  # type: ignore[attr-defined]
    return fn


def evaluate(expr: str, **values: Any) -> Any:
    """Evaluate ``expr`` with the given variables (e.g. ``x=...``); numbers come back as
    NumPy arrays (Tensors are unwrapped)."""
    out = compile_expression(expr, tuple(values))(*values.values())
    try:
        return np.asarray(getattr(out, "data", out))
    except (ValueError, TypeError) as e:  # ragged lists such as [[1, 2], [3]]
        raise BackpropError(f"{_clip(expr)} is not an array of numbers "
                            f"({' '.join(str(e).split())[:120]})") from None
