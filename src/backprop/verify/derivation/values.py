"""The values an expression takes and the conventions of their arithmetic.

A value is a float64 :class:`~backprop.engine.Tensor` (numbers 0-d, vectors columns of shape
``(n, 1)``, matrices 2-d), a function (:class:`Fn`: ``σ``, ``softmax``, a defined ``l``) or
the identity ``I`` / the ones vector ``1``, whose size is fixed by what they meet. A product
of two non-scalars is a matrix product when the shapes allow it; a shape that does not fit
is a :class:`ShapeMismatch`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ... import functional as F
from ...engine import Tensor, primitive
from ...functional.table import ops

__all__ = ["RTOL", "ATOL", "agree", "EvalError", "ShapeMismatch", "TooLong",
           "NotDifferentiable", "Undeclared", "NeedsNumeric", "Fn", "inverse", "pseudo_inverse",
           "Identity", "Ones", "Basis", "BUILTIN", "function_kinds", "TRANSPOSE", "GREEK", "as_tensor",
           "as_int", "pick", "resolve", "check_broadcast", "multiply", "diagonal_column",
           "numeric", "CHANCE", "STANDARD_NORMAL_CDF", "speaks_of_the_normal_distribution"]


RTOL, ATOL = 1e-6, 1e-9   # two sides of a step agree within these


def agree(a: np.ndarray, b: np.ndarray) -> bool:
    """Every entry within relative RTOL or absolute ATOL (arrays of one shape)."""
    return bool(np.all(np.abs(a - b) <= ATOL + RTOL * np.maximum(np.abs(a), np.abs(b))))


class EvalError(Exception):
    """An expression that reads but has no value here (a shape mismatch, an unknown range)."""


class Undeclared(EvalError):
    """A name with no declaration, no definition and no inferred kind: it has no value."""

    def __init__(self, name: str):
        self.name = name
        example = f"{name}: vector 3" if len(name) == 1 and name.islower() else \
            f"{name}: scalar"
        super().__init__(f"{name} is not declared or defined; declare it (e.g. `{example}`) "
                         f"or define it ({name} = …)")


class ShapeMismatch(EvalError):
    """Operands whose shapes do not fit: a claim with a wrong (or missing) transpose."""


class TooLong(EvalError):
    """The step's time (or an evaluation's size) budget is spent."""


class NotDifferentiable(EvalError):
    """Reverse mode and central differences disagree: the point is on a kink."""


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

    def scaled(self, scale: Any) -> "Ones":
        return Ones(self.row, scale)

    def transposed(self) -> "Ones":
        return Ones(not self.row, self.scale)


class Basis(Ones):
    """``\\mathbf{e}_k``, ``e_y``: the k-th standard basis vector (a one-hot column), of a size
    fixed by what it meets, as the vector of ones is; ``scale`` times it."""

    def __init__(self, k: int, row: bool = False, scale: Any = 1.0):
        super().__init__(row, scale)
        self.k = k

    def of(self, n: int) -> Tensor:
        if not 1 <= self.k <= n:
            raise EvalError(f"e_{self.k} has no entry {self.k} in a vector of {n}")
        unit = np.zeros((1, n) if self.row else (n, 1))
        unit.flat[self.k - 1] = 1.0
        return F.mul(self.scale, unit)

    def scaled(self, scale: Any) -> "Basis":
        return Basis(self.k, self.row, scale)

    def transposed(self) -> "Basis":
        return Basis(self.k, not self.row, self.scale)


TRANSPOSE = ("T", r"\top", "t", r"\mathsf{T}", r"\mathrm{T}", "top")
E = math.e


def _column_softmax(fn):
    """A softmax-like rule applied down a column (or a row vector's only axis)."""
    def apply(x):
        x = as_tensor(x)
        if x.size == 1:
            # the softmax of one number is 1 whatever it is: never what a text means (s_i
            # read as a number is a row of S written as a vector)
            raise EvalError(f"{fn.__name__} of a single number; if its argument is a vector "
                            f"(a row, a sample), declare it as one")
        if x.ndim == 2 and x.shape[0] == 1:
            return fn(x, dim=1)
        return fn(x, dim=0)
    return apply


def _diag(x):
    x = as_tensor(x)
    if x.ndim == 2 and 1 in x.shape:
        n = x.size
        return F.mul(F.reshape(x, shape=(n, 1)), np.eye(n))
    if x.ndim == 2 and x.shape[0] == x.shape[1]:
        return F.sum(F.mul(x, np.eye(x.shape[0])), axis=1, keepdims=True)
    raise EvalError(f"diag of a value of shape {x.shape}")


def _elementwise(fn):
    """An elementwise rule, given numbers as one-element vectors (every rule takes those)."""
    def apply(x):
        x = as_tensor(x)
        return F.reshape(fn(F.reshape(x, shape=(1,))), shape=()) if x.ndim == 0 else fn(x)
    return apply


def _extremum(fn, pick):
    def apply(*args):
        if len(args) == 1:
            return fn(as_tensor(args[0]))
        out = as_tensor(args[0])
        for other in map(as_tensor, args[1:]):
            out = F.where(pick(out.data, other.data), out, other)
        return out
    return apply


def _cosh(x):
    x = as_tensor(x)
    return F.mul(0.5, F.add(F.exp(x), F.exp(F.neg(x))))


def _sinh(x):
    x = as_tensor(x)
    return F.mul(0.5, F.sub(F.exp(x), F.exp(F.neg(x))))


def _logsumexp(x):
    return F.logsumexp(F.reshape(as_tensor(x), shape=(-1,)), dim=0)


def _trace(x):
    x = as_tensor(x)
    if x.ndim == 0:
        return x               # a number is its own trace (a 1×1 matrix)
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise EvalError(f"the trace of a value of shape {x.shape}: a square matrix is needed")
    return F.sum(F.mul(x, np.eye(x.shape[0])))


def _det(x: np.ndarray) -> np.ndarray:
    if x.ndim == 0:
        return x
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise EvalError(f"the determinant of a value of shape {x.shape}: a square matrix is "
                        f"needed")
    return np.asarray(np.linalg.det(x))


def inverse(x: Any) -> Tensor:
    """X⁻¹ of a square matrix (or 1/x of a number), evaluated with NumPy."""
    x = as_tensor(x)
    if x.ndim == 0 or x.size == 1:
        return F.div(1.0, x)
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise ShapeMismatch(f"the inverse of a value of shape {x.shape}: a square matrix "
                            f"is needed")
    return numeric(np.linalg.inv, x)


def pseudo_inverse(x: Any) -> Tensor:
    return numeric(np.linalg.pinv, as_tensor(x))


# How the checker applies a rule of the table whose argument is a column: softmax-like rules
# act down the column, logsumexp over all entries, max and min also between arguments.
_APPLY = {"softmax": _column_softmax, "log_softmax": _column_softmax,
          "logsumexp": lambda fn: _logsumexp,
          "max": lambda fn: _extremum(fn, np.greater_equal),
          "min": lambda fn: _extremum(fn, np.less_equal)}


def _from_table() -> dict[str, Fn]:
    """Every rule of the table that a learner writes as a function, by each LaTeX spelling
    (the checker reads its words from the rules, so a new rule is known here as it is to
    ``backprop check --f``)."""
    out: dict[str, Fn] = {}
    for op in ops().values():
        if not op.latex:
            continue
        if op.name in _APPLY:
            fn = Fn(op.name, _APPLY[op.name](op.fn), elementwise=False,
                    arity=-1 if op.name in ("max", "min") else 1)
        elif op.elementwise:
            fn = Fn(op.name, _elementwise(op.fn))
        else:
            continue
        for spelling in op.latex + (op.name,):
            out[spelling] = fn
            if not spelling.startswith("\\"):
                out[spelling.lower()] = fn
    return out


# Notation that is not a rule of the library: evaluated with the rules it is made of (diag,
# trace, cosh, sinh) or, for sin, cos and erf (GELU's Φ is written with it), numerically.
NOTATION: dict[str, Fn] = {
    "diag": Fn("diag", _diag, elementwise=False),
    "tr": Fn("trace", _trace, elementwise=False), "trace": Fn("trace", _trace, elementwise=False),
    "Tr": Fn("trace", _trace, elementwise=False),
    r"\cosh": Fn("cosh", _cosh), r"\sinh": Fn("sinh", _sinh),
    # sh, ch, th: sinh, cosh, tanh as Russian and French texts write them
    "sh": Fn("sinh", _sinh), "ch": Fn("cosh", _cosh), "th": Fn("tanh", _elementwise(F.tanh)),
    r"\sin": Fn("sin", lambda x: numeric(np.sin, x)),
    r"\cos": Fn("cos", lambda x: numeric(np.cos, x)),
    "erf": Fn("erf", lambda x: numeric(np.vectorize(math.erf, otypes=[float]), x)),
    r"\det": Fn("det", lambda x: numeric(_det, x), elementwise=False),
    "det": Fn("det", lambda x: numeric(_det, x), elementwise=False),
}
BUILTIN: dict[str, Fn] = {**_from_table(), **NOTATION}

# expectations, variances, probabilities of events: over a distribution, not at a point
CHANCE = frozenset({r"\mathbb{E}", r"\mathbb{V}", r"\mathbb{P}", r"\Pr", "Var", "Cov", "Corr",
                    r"\mathrm{E}", r"\operatorname{E}", "Pr"})

# Φ, the standard normal distribution function ½(1 + erf(x/√2)): what Φ means in a text that
# speaks of the normal distribution (GELU(x) = xΦ(x)), and only there.
STANDARD_NORMAL_CDF = Fn("Φ", lambda x: numeric(np.vectorize(
    lambda v: 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))), otypes=[float]), x))
_NORMAL_WORDS = re.compile(
    r"normal(?!i[sz])|gauss|gauß|\\mathcal\s*\{?\s*N\b|\bcdf\b|cumulative|нормальн|гаусс|"
    r"正态|正規|정규|dystrybuant|répartition|repartición|distribuzione cumulativa",
    re.IGNORECASE)


def speaks_of_the_normal_distribution(text: str) -> bool:
    """Whether ``text`` names the normal (Gaussian) distribution or a distribution function,
    in words or as 𝒩: where an undeclared Φ is the standard normal's."""
    return _NORMAL_WORDS.search(text) is not None
# The name a learner gives a declared function (``f: softmax``) → its entry above.
_KINDS = tuple(sorted({fn.name for fn in _from_table().values()}))


def function_kinds() -> tuple[str, ...]:
    """The functions a name may be declared as in the front matter (``f: softmax``): every
    rule of the table the checker applies, by canonical name."""
    return _KINDS


class NeedsNumeric(Exception):
    """Reverse mode met a function with no rule: differentiate by central differences."""


@primitive(name="numeric")
def _numeric(x, fn=None):
    y = np.asarray(fn(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def vjp(g, needs):
        raise NeedsNumeric()

    return y, vjp


def numeric(fn, x) -> Tensor:
    """A function the library has no rule for (sin, erf, a matrix inverse): evaluated with
    NumPy; a derivative through it is taken by central differences instead of reverse mode."""
    return _numeric(as_tensor(x), fn=fn)


def as_tensor(v: Any) -> Tensor:
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
    if isinstance(v, Basis):
        return f"the basis vector e_{v.k}"
    if isinstance(v, Ones):
        return "the vector of ones"
    return "a value"



def as_int(v: Any, what: str) -> int:
    x = as_tensor(v).data
    if x.size != 1:
        raise EvalError(f"{what} is not an integer")
    value = float(x.reshape(()))
    if not math.isfinite(value) or abs(value - round(value)) > 1e-9:
        raise EvalError(f"{what} is not an integer")
    return int(round(value))


GREEK = {"\\" + g for g in (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega "
    "ell varepsilon vartheta varphi varsigma varrho").split()}


def pick(v: Tensor, idx: list[int], name: str, first: int = 1) -> Tensor:
    """The component, row or entry ``idx`` of ``v``, counted from 1 (``first`` = 0: a vector
    whose components the text counts from 0)."""
    shape = v.shape
    if v.ndim == 0:
        raise EvalError(f"{name} is a number: it has no component {idx}")
    if v.ndim == 1 and len(idx) == 1 and first != 1:
        v = F.reshape(v, shape=(v.size, 1))
        shape = v.shape
    if v.ndim == 2 and 1 in shape and len(idx) == 1:
        n = v.size
        (i,) = idx
        if not first <= i < first + n:
            raise EvalError(f"component {i} of {name} is out of range {first}..{first + n - 1}")
        i -= first
        return F.getitem(v, index=(i, 0) if shape[1] == 1 else (0, i))
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


def resolve(v: Any, other: Any, right: bool | None = None) -> Any:
    """Give ``I`` or ``1`` the size of what they meet: multiplying ``other`` from the right
    (``right``) a column of ones has as many entries as ``other`` has columns, from the left a
    row of ones as many as it has rows; beside it (a sum) its rows."""
    if isinstance(v, (Identity, Ones)) and isinstance(other, Tensor) and other.ndim == 2:
        if isinstance(v, Identity):
            if right is not None and not (other.shape[0] == other.shape[1]):
                return v.of(other.shape[1] if right else other.shape[0])
            return v if other.shape[0] != other.shape[1] and 1 in other.shape else v.of(
                other.shape[0])
        if right is True and not v.row:
            return v.of(other.shape[1])          # W^T 1
        if right is False and v.row:
            return v.of(other.shape[0])          # 1^T W
        n = other.shape[1] if (not v.row and other.shape[0] == 1) else other.shape[0]
        return v.of(n)
    return v


def check_broadcast(a: Tensor, b: Tensor, op: str, notes: set[str] | None = None) -> None:
    """Shapes that may be added: equal, a number, or a column beside a matrix of as many rows
    (WX + b: the bias broadcast over the columns, as NumPy does), a row likewise."""
    if a.ndim and b.ndim and a.shape != b.shape:
        for u, w in ((a.shape, b.shape), (b.shape, a.shape)):
            if len(u) == len(w) == 2 and (u[1] == 1 and u[0] == w[0] or
                                          u[0] == 1 and u[1] == w[1]) and 1 not in w:
                if notes is not None:
                    notes.add("a column (or row) broadcast over a matrix, as NumPy does")
                return
        raise ShapeMismatch(f"{op} of shapes {a.shape} and {b.shape}")


def multiply(a: Tensor, b: Tensor, dot: bool, notes: set[str] | None = None) -> Tensor:
    """Juxtaposition, ``\\cdot``, ``\\times``: a scalar product, else a matrix product; a
    column times a matrix it does not fit is the row vector times it (``v \\cdot D_x f``, a
    VJP as written), noted in ``notes``."""
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
    if a.shape[1] == 1 and b.shape[0] == a.shape[0]:
        if notes is not None:
            notes.add("a column times a matrix as the row vector times it")
        out = F.matmul(F.transpose(a), b)
        return F.reshape(out, shape=()) if out.shape == (1, 1) else out
    raise ShapeMismatch(f"a product of shapes {a.shape} and {b.shape}")


def diagonal_column(m: Tensor) -> Tensor | None:
    """The diagonal of a square matrix that has nothing off it (the Jacobian of an
    elementwise map), as a column; None for any other value."""
    data = np.asarray(m.data)
    if m.ndim != 2 or data.shape[0] != data.shape[1] or data.shape[0] < 2:
        return None
    off = data - np.diag(np.diag(data))
    if np.any(np.abs(off) > ATOL + RTOL * np.max(np.abs(data))):
        return None
    n = data.shape[0]
    return F.reshape(F.sum(F.mul(m, np.eye(n)), axis=1), shape=(n, 1))
