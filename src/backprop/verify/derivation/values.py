"""The values a term evaluates to, and the conventions of their arithmetic.

A value is a float64 :class:`~backprop.engine.Tensor` (numbers 0-d, vectors columns of shape
``(n, 1)``, matrices 2-d), a function (:class:`Fn`: ``σ``, ``softmax``, a defined ``l``) or
the identity ``I`` / the ones vector ``1`` / a basis vector ``e_k``, whose size is fixed by
what they meet. Errors say why a term has no value here; :class:`ShapeMismatch` is a step
whose shapes do not fit, which the judge counts as failing under that reading.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ... import functional as F
from ...engine import Tensor, primitive

__all__ = ["RTOL", "ATOL", "BROADCAST", "agree", "EvalError", "Unknown", "ShapeMismatch", "TooLong",
           "NotDifferentiable", "NeedsNumeric", "Fn", "Identity", "AllOnes", "Ones", "Basis", "as_tensor",
           "as_int", "pick", "resolve", "broadcast", "diagonal_column", "numeric",
           "inverse", "pseudo_inverse"]

RTOL, ATOL = 1e-6, 1e-9   # two sides of a step agree within these


def agree(a: np.ndarray, b: np.ndarray) -> bool:
    """Every entry within relative RTOL or absolute ATOL (arrays of one shape)."""
    return bool(np.all(np.abs(a - b) <= ATOL + RTOL * np.maximum(np.abs(a), np.abs(b))))


class Question(str):
    """The one question that decides an unreadable step, and the name it asks about (for the
    report's suggested declarations); a string everywhere else."""

    about: str

    def __new__(cls, text: str, about: str = "") -> "Question":
        q = super().__new__(cls, text)
        q.about = about
        return q


def ask_about(name: str, rest: str) -> Question:
    """'what is {name}? {rest}'."""
    return Question(f"what is {name}? {rest}", name)


class EvalError(Exception):
    """A term that reads but has no value here; ``question`` is what would decide it."""

    def __init__(self, message: str, question: str = ""):
        super().__init__(message)
        self.question = question or message


class Unknown(EvalError):
    """A name or an operator with no binding: what it is, asked of the text's author."""

    def __init__(self, name: str, what: str = "name"):
        self.name = name
        self.what = what
        if what == "operator":
            question = ask_about(name, "the checker does not evaluate it (define it, or write "
                                       "the step without it)")
        elif what == "event":      # P(Y = c): a probability of an event
            question = ask_about(name, f"{name}(…) of an event is a probability, which the "
                                       f"checker does not evaluate: define {name}, or write the "
                                       f"step without it")
        elif what == "law":        # p(x | z) beside p(z): a law of its own, or p at x?
            question = ask_about(name, f"{name}(… | …) and {name}(…) are written apart: is the "
                                       f"conditional a law of its own? define it with its "
                                       f"condition ({name}(x | z) := …)")
        elif what == "function":
            question = ask_about(name, f"define it ({name}(x) = …) or declare it "
                                       f"(`{name}: sigmoid`)")
        else:
            question = ask_about(name, f"declare it (`{name}: vector 3`, `{name}: scalar`) or "
                                       f"define it ({name} = …)")
        super().__init__(f"{name} is a function the text does not define" if what == "function"
                         else question if what in ("event", "law")
                         else f"{name} is not declared or defined", question)


class ShapeMismatch(EvalError):
    """Operands whose shapes do not fit: a wrong (or missing) transpose, under this reading."""


class TooLong(EvalError):
    """The step's time (or an evaluation's size) budget is spent."""


# Every time budget of the checker (a file's, a step's, an evaluation's) is counted in the
# checking thread's CPU time, not on the wall clock: a verdict then does not depend on what
# else the machine runs meanwhile (a checker starved by other work would otherwise give up on
# steps it checks when alone).
clock = time.thread_time


class NotDifferentiable(EvalError):
    """Reverse mode and central differences disagree: the point is on a kink."""


class NeedsNumeric(Exception):
    """Reverse mode met a function with no rule: differentiate by central differences."""


@dataclass(frozen=True)
class Fn:
    """A function value; ``power`` and ``index`` are applied to its result."""

    name: str
    call: Callable[..., Any]
    elementwise: bool = True
    power: Any = None
    index: tuple = ()
    arity: int = 1
    # π_θ(a) = e^{θ_a}/Σ_c e^{θ_c}, written bare (π_θ − e_a): the vector of its values over
    # the index its one parameter runs over
    values: Callable[[], Any] | None = None


class Identity:
    r"""``I`` of a size fixed by what it meets (or another square matrix so sized, made by
    ``make``: ``\mathbf{1}\mathbf{1}^T``, ``I - \frac{1}{m}\mathbf{1}\mathbf{1}^T``); ``scale``
    multiplies it."""

    def __init__(self, scale: Any = 1.0, make: Callable[[int], Any] | None = None,
                 axis: int = 0, basis: bool = False):
        self.scale = scale
        self.make = make or np.eye
        self.axis = axis          # the axis of what it is added to that gives its size
        self.basis = basis        # made of basis vectors (e_k e_kᵀ): sized by k's range

    def of(self, n: int) -> Tensor:
        return F.mul(self.scale, self.make(n))

    def scaled(self, scale: Any) -> "Identity":
        return Identity(F.mul(self.scale, scale), self.make, self.axis, self.basis)

    def transposed(self) -> "Identity":
        """``(I − 𝟏pᵀ)ᵀ = I − p𝟏ᵀ``: the matrix made transposed, sized along the other axis."""
        if self.make is np.eye:
            return self
        return Identity(self.scale, lambda n, make=self.make: F.transpose(make(n)), 1 - self.axis,
                        self.basis)


def AllOnes(scale: Any = 1.0) -> Identity:
    r"""``\mathbf{1}\mathbf{1}^T``, the square matrix of ones, sized by what it meets."""
    return Identity(scale, lambda n: np.ones((n, n)))


class Ones:
    """``\\mathbf{1}``, the column (or row) of ones of a size fixed by what it meets."""

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
    """``\\mathbf{e}_k``, ``e_y``, ``\\mathbb{1}_y``: the k-th standard basis vector, sized by what
    it meets as the vector of ones is."""

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


def tabulated(v: Any) -> Any:
    """A function of one index written alone (``Fn.values``) as the vector of its values;
    anything else as it is."""
    return v.values() if isinstance(v, Fn) and v.values is not None else v


def as_tensor(v: Any) -> Tensor:
    if isinstance(v, Tensor):
        return v
    if isinstance(v, Fn) and v.values is not None:
        return as_tensor(v.values())
    if isinstance(v, (Fn, Identity, Ones)):
        what = (f"the function {v.name}" if isinstance(v, Fn) else "the identity I"
                if isinstance(v, Identity) else "a vector of ones or a basis vector")
        raise EvalError(f"{what} is used where a number, vector or matrix belongs")
    return Tensor(np.asarray(v, dtype=np.float64))


def as_int(v: Any, what: str) -> int:
    x = as_tensor(v).data
    if x.size != 1:
        raise EvalError(f"{what} is not an integer")
    value = float(x.reshape(()))
    if not math.isfinite(value) or abs(value - round(value)) > 1e-9:
        raise EvalError(f"{what} is not an integer")
    return int(round(value))


def pick(v: Tensor, idx: list[int], name: str, first: int = 1) -> Tensor:
    """The component, row or entry ``idx`` of ``v``, counted from ``first`` (1, or 0 for a
    vector whose components the text counts from 0)."""
    shape = v.shape
    if v.ndim == 0:
        raise EvalError(f"{name} is a number: it has no component {idx}")
    if v.ndim == 2 and 1 in shape and len(idx) == 1:
        (i,) = idx
        n = v.size
        if not first <= i < first + n:
            raise EvalError(f"component {i} of {name} is out of range {first}..{first + n - 1}")
        i -= first
        return F.getitem(v, index=(i, 0) if shape[1] == 1 else (0, i))
    if len(idx) == 1 and v.ndim == 2:
        (i,) = idx
        if not first <= i < first + shape[0]:
            raise EvalError(f"row {i} of {name} is out of range {first}..{first + shape[0] - 1}")
        return F.reshape(F.getitem(v, index=i - first), shape=(shape[1], 1))
    if len(idx) != v.ndim:
        raise EvalError(f"{name} of shape {shape} takes {v.ndim} indices, got {len(idx)}")
    for i, n in zip(idx, shape):
        if not first <= i < first + n:
            raise EvalError(f"index {i} of {name} is out of range {first}..{first + n - 1}")
    return F.getitem(v, index=tuple(i - first for i in idx))


def resolve(v: Any, other: Any, right: bool | None = None) -> Any:
    """Give ``I`` or ``1`` the size of what they meet: multiplying ``other`` from the right a
    column of ones has as many entries as ``other`` has columns, from the left a row of ones
    as many as it has rows; beside it (a sum) its rows."""
    if isinstance(v, (Identity, Ones)) and isinstance(other, Tensor) and other.ndim == 2:
        if isinstance(v, Identity):
            if right is not None and other.shape[0] != other.shape[1]:
                return v.of(other.shape[1] if right else other.shape[0])
            return v if other.shape[0] != other.shape[1] and 1 in other.shape else v.of(
                other.shape[v.axis])
        if right is True and not v.row:
            return v.of(other.shape[1])
        if right is False and v.row:
            return v.of(other.shape[0])
        if v.row:     # a row of ones beside a row or a matrix: as many as its columns
            n = other.shape[0] if other.shape[1] == 1 else other.shape[1]
        else:
            n = other.shape[1] if other.shape[0] == 1 else other.shape[0]
        return v.of(n)
    return v


BROADCAST = "a column (or row) broadcast over a matrix, as NumPy does"


def broadcast(a: Tensor, b: Tensor, op: str, notes: set[str]) -> tuple[Tensor, Tensor]:
    """Shapes that may be added: equal, a number (also 1×1), or a column beside a matrix of as
    many rows (``WX + b``: the bias broadcast over the columns, as NumPy does), a row likewise; a
    column as long as a row of the matrix and not as a column (``XW + b``, b ∈ ℝ^M) is
    added to every row, as NumPy adds a vector."""
    if a.ndim and b.ndim and a.shape != b.shape:
        for u, w in ((a.shape, b.shape), (b.shape, a.shape)):
            if len(u) == len(w) == 2 and (u[1] == 1 and u[0] == w[0] or
                                          u[0] == 1 and u[1] == w[1]) and 1 not in w or \
                    u == (1, 1):      # a 1×1 bias beside a row of outputs: a number
                notes.add(BROADCAST)
                return a, b
        for u, w in ((a, b), (b, a)):
            if u.ndim == w.ndim == 2 and u.shape[1] == 1 and u.shape[0] == w.shape[1] != \
                    w.shape[0]:
                notes.add("a vector added to every row of a matrix, as NumPy does")
                row = F.transpose(u)
                return (row, b) if u is a else (a, row)
        raise ShapeMismatch(f"{op} of shapes {a.shape} and {b.shape}")
    return a, b


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


@primitive(name="numeric")
def _numeric(x, fn=None):
    y = np.asarray(fn(np.asarray(x, dtype=np.float64)), dtype=np.float64)

    def vjp(g, needs):
        raise NeedsNumeric()

    return y, vjp


def numeric(fn: Callable[[np.ndarray], np.ndarray], x: Any) -> Tensor:
    """A function the library has no rule for (sin, erf, a matrix inverse), evaluated with
    NumPy; a derivative through it is taken by central differences instead of reverse mode."""
    return _numeric(as_tensor(x), fn=fn)


def inverse(x: Any) -> Tensor:
    """X⁻¹ of a square matrix (1/x of a number)."""
    x = as_tensor(x)
    if x.ndim == 0 or x.size == 1:
        return F.div(1.0, x)
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise ShapeMismatch(f"the inverse of a value of shape {x.shape}: a square matrix is "
                            f"needed")
    return numeric(np.linalg.inv, x)


def pseudo_inverse(x: Any) -> Tensor:
    return numeric(np.linalg.pinv, as_tensor(x))
