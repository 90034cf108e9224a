"""Stage 3: the notation table. Every function and operator the checker knows is one row.

A row says how a text may spell it (LaTeX commands and bare words), how many arguments it
takes, whether it maps each entry on its own, how it is evaluated (the library's own rule
where there is one: the rows of the operation table, :mod:`backprop.functional.table`, are
read from it, so a new rule is known here as it is everywhere else), whether it has kinks
(pieces joined at a point: a failure through it may hold on one piece), and a parameter a
text may set otherwise than the library does. An operator-like name that is in no row —
𝔼, Var, Cov — is an :data:`OPERATORS` entry: its steps are unreadable, with the question
"what is 𝔼?", never a free variable.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from ... import functional as F
from .values import EvalError, Fn, as_tensor, numeric

__all__ = ["Notation", "Law", "LAWS", "EXPECTATIONS", "law", "divergence", "table", "lookup",
           "words",
           "OPERATORS", "CONSTANTS", "CONSTANT_VALUES", "SUBSCRIPTED_NOTATION", "DUAL_UNITS",
           "GREEK", "TRANSPOSE", "normal_cdf",
           "STANDARD_NORMAL"]


@dataclass(frozen=True)
class Notation:
    """One function or operator of the notation."""

    name: str                       # canonical: "sigmoid", "trace"
    spellings: tuple[str, ...]      # as a text writes it: "\\sigma", "sigmoid", "tr"
    fn: Callable[..., Any]          # evaluates it, on Tensors, with the library's rules
    arity: int = 1                  # -1: any number of arguments (max, min)
    elementwise: bool = True
    kinks: bool = False             # a max, an absolute value, a sign: pieces joined at a point
    parameter: str = ""             # a parameter a text may set otherwise ("α = 1")
    subscript: str = ""             # what a subscript on it is ("its base": log₂); none: σ_p,
    #                                 a subscripted spelling never applied, is the text's name
    of_laws: bool = False           # its arguments are distributions (KL(p ‖ q)): a text that
    #                                 defines it of numbers (KL(μ, v) = …) defines its own

    def value(self) -> Fn:
        return Fn(self.name, self.fn, self.elementwise, arity=self.arity)


def _elementwise(rule: Callable) -> Callable:
    """An elementwise rule given a number as a one-element vector (every rule takes those)."""
    def apply(x: Any) -> Any:
        x = as_tensor(x)
        return F.reshape(rule(F.reshape(x, shape=(1,))), shape=()) if x.ndim == 0 else rule(x)
    return apply


def _along_column(rule: Callable) -> Callable:
    """A softmax-like rule applied down a column (or along a row vector)."""
    def apply(x: Any) -> Any:
        x = as_tensor(x)
        if x.size == 1:
            raise EvalError(f"{rule.__name__} of a single number (is its argument a vector?)")
        if x.ndim == 2 and x.shape[0] == 1:
            return rule(x, dim=1)
        return rule(x, dim=0)
    return apply


def _extremum(rule: Callable, wins: Callable) -> Callable:
    def apply(*args: Any) -> Any:
        if len(args) == 1:
            return rule(as_tensor(args[0]))
        out = as_tensor(args[0])
        for other in map(as_tensor, args[1:]):
            out = F.where(wins(out.data, other.data), out, other)
        return out
    return apply


def _clip(x: Any, low: Any, high: Any) -> Any:
    """clip(x, a, b) = min(max(x, a), b), entry by entry."""
    x, low, high = as_tensor(x), as_tensor(low), as_tensor(high)
    x = F.where(np.greater_equal(x.data, low.data), x, low)
    return F.where(np.less_equal(x.data, high.data), x, high)


def _logsumexp(rule: Callable) -> Callable:
    return lambda x: rule(F.reshape(as_tensor(x), shape=(-1,)), dim=0)


def _diag(x: Any) -> Any:
    x = as_tensor(x)
    if x.ndim == 2 and 1 in x.shape:
        n = x.size
        return F.mul(F.reshape(x, shape=(n, 1)), np.eye(n))
    if x.ndim == 2 and x.shape[0] == x.shape[1]:
        return F.sum(F.mul(x, np.eye(x.shape[0])), axis=1, keepdims=True)
    raise EvalError(f"diag of a value of shape {x.shape}")


def _rowsum(x: Any) -> Any:
    """The column of a matrix's row sums, A𝟏."""
    x = as_tensor(x)
    if x.ndim != 2:
        raise EvalError(f"row sums of a value of shape {x.shape}: a matrix is needed")
    return F.sum(x, axis=1, keepdims=True)


def _colsum(x: Any) -> Any:
    """The row of a matrix's column sums, 𝟏ᵀA."""
    x = as_tensor(x)
    if x.ndim != 2:
        raise EvalError(f"column sums of a value of shape {x.shape}: a matrix is needed")
    return F.sum(x, axis=0, keepdims=True)


def _kl(p: Any, q: Any) -> Any:
    """KL(p ‖ q) = Σᵢ pᵢ log(pᵢ/qᵢ) of two distributions over the same outcomes."""
    p, q = as_tensor(p), as_tensor(q)
    if p.shape != q.shape and p.size != q.size:
        raise EvalError(f"KL(p ‖ q) of shapes {p.shape} and {q.shape}")
    q = F.reshape(q, shape=p.shape)
    for v in (p, q):
        data = np.asarray(v.data)
        if np.any(data < 0) or abs(float(data.sum()) - 1.0) > 1e-6 * max(1, data.size):
            raise EvalError("KL(p ‖ q) of values that are not probability vectors")
    return F.sum(F.mul(p, F.log(F.div(p, q))))


def _vec(x: Any) -> Any:
    """vec X: the columns of X stacked into one column."""
    x = as_tensor(x)
    if x.ndim == 0:
        return x
    if x.ndim != 2:
        raise EvalError(f"vec of a value of shape {x.shape}: a matrix is needed")
    return F.reshape(F.transpose(x), shape=(x.shape[0] * x.shape[1], 1))


def _trace(x: Any) -> Any:
    x = as_tensor(x)
    if x.ndim == 0:
        return x
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise EvalError(f"the trace of a value of shape {x.shape}: a square matrix is needed")
    return F.sum(F.mul(x, np.eye(x.shape[0])))


def _det(x: np.ndarray) -> np.ndarray:
    if x.ndim == 0:
        return x
    if x.ndim != 2 or x.shape[0] != x.shape[1]:
        raise EvalError(f"the determinant of a value of shape {x.shape}")
    return np.asarray(np.linalg.det(x))


def _cosh(x: Any) -> Any:
    x = as_tensor(x)
    return F.mul(0.5, F.add(F.exp(x), F.exp(F.neg(x))))


def _sinh(x: Any) -> Any:
    x = as_tensor(x)
    return F.mul(0.5, F.sub(F.exp(x), F.exp(F.neg(x))))


def _entries_product(x: Any) -> Any:
    return numeric(lambda a: np.asarray(np.prod(a)), as_tensor(x))


_ERF = np.vectorize(math.erf, otypes=[float])


def normal_cdf(x: Any) -> Any:
    """Φ, the standard normal distribution function ½(1 + erf(x/√2))."""
    return numeric(lambda v: 0.5 * (1.0 + _ERF(v / math.sqrt(2.0))), x)


# How a rule of the operation table is applied to what a text writes.
_ADAPT: dict[str, Callable[[Callable], Callable]] = {
    "softmax": _along_column, "log_softmax": _along_column, "logsumexp": _logsumexp,
    "max": lambda rule: _extremum(rule, np.greater_equal),
    "min": lambda rule: _extremum(rule, np.less_equal)}
_KINKS = {"relu", "leaky_relu", "heaviside", "sign", "max", "min"}
_PARAMETERS = {"elu": "α = 1", "leaky_relu": "a slope of 0.01", "softplus": "β = 1"}
_SUBSCRIPTS = {"log": "its base", "max": "what it ranges over", "min": "what it ranges over"}

def _cos(*args: Any) -> Any:
    """``cos x``, entry by entry; ``cos(a, b)`` of two vectors, their cosine similarity
    ``aᵀb / (‖a‖ ‖b‖)``."""
    if len(args) == 1:
        return numeric(np.cos, args[0])
    if len(args) != 2:
        raise EvalError(f"cos takes one argument, or two vectors, got {len(args)}")
    a, b = (as_tensor(x) for x in args)
    if a.shape != b.shape:
        raise EvalError(f"cos(a, b) of shapes {a.shape} and {b.shape}")
    norms = F.mul(F.sqrt(F.sum(F.mul(a, a))), F.sqrt(F.sum(F.mul(b, b))))
    return F.div(F.sum(F.mul(a, b)), norms)


# ⌊x⌋, ⌈x⌉, ⌊x⌉ and round(x): entry by entry, derivative 0 — or, as quantization-aware training
# takes it, a reading the evaluator offers, 1 (straight through)
ROUNDINGS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "floor": np.floor, "ceil": np.ceil, "round": lambda v: np.floor(v + 0.5)}


# The checker's own rows: notation that is not a rule of the library, evaluated with the rules
# it is made of, or numerically (its derivative then by central differences).
_OWN = (
    Notation("diag", ("diag", "\\diag", "Diag"), _diag, elementwise=False),
    Notation("trace", ("tr", "Tr", "trace", "\\tr", "\\operatorname{tr}"), _trace,
             elementwise=False),
    Notation("det", ("det", "\\det"), lambda x: numeric(_det, x), elementwise=False),
    Notation("vec", ("vec", "\\operatorname{vec}", "\\mathrm{vec}", "\\vec"), _vec,
             elementwise=False),
    Notation("cosh", ("\\cosh", "cosh", "ch"), _cosh),
    Notation("sinh", ("\\sinh", "sinh", "sh"), _sinh),
    Notation("tanh", ("th",), _elementwise(F.tanh)),
    Notation("sech", ("\\sech", "sech", "\\operatorname{sech}", "\\mathrm{sech}"),
             lambda x: F.div(1.0, _cosh(x))),
    Notation("coth", ("\\coth", "coth"), lambda x: F.div(_cosh(x), _sinh(x))),
    Notation("sin", ("\\sin", "sin"), lambda x: numeric(np.sin, x)),
    Notation("cos", ("\\cos", "cos"), _cos, arity=-1),
    # tan, cot and their inverses as ISO 80000-2 and Russian, Czech or Polish texts also
    # write them (tg, ctg, arctg)
    Notation("tan", ("\\tan", "tan", "tg", "\\tg"), lambda x: numeric(np.tan, x)),
    Notation("cot", ("\\cot", "cot", "ctg", "\\ctg", "cotg", "\\cotg"),
             lambda x: numeric(lambda v: 1.0 / np.tan(v), x)),
    Notation("sec", ("\\sec", "sec"), lambda x: numeric(lambda v: 1.0 / np.cos(v), x)),
    Notation("csc", ("\\csc", "csc", "cosec"), lambda x: numeric(lambda v: 1.0 / np.sin(v), x)),
    Notation("arctan", ("\\arctan", "arctan", "arctg", "\\arctg", "atan"),
             lambda x: numeric(np.arctan, x)),
    Notation("arcsin", ("\\arcsin", "arcsin", "asin"), lambda x: numeric(np.arcsin, x)),
    Notation("arccos", ("\\arccos", "arccos", "acos"), lambda x: numeric(np.arccos, x)),
    Notation("erf", ("erf", "\\erf"), lambda x: numeric(_ERF, x)),
    # lg: the logarithm to base 10 (ISO 80000-2, as Russian and German texts write it); base 2
    # in some computer-science texts, a reading the evaluator offers
    Notation("lg", ("\\lg", "lg"), lambda x: F.div(F.log(as_tensor(x)), math.log(10.0))),
    Notation("prod", ("prod",), _entries_product, elementwise=False),
    Notation("rowsum", ("rowsum", "\\operatorname{rowsum}", "\\mathrm{rowsum}"), _rowsum,
             elementwise=False),
    Notation("colsum", ("colsum", "\\operatorname{colsum}", "\\mathrm{colsum}"), _colsum,
             elementwise=False),
    Notation("abs", ("abs",), lambda x: F.abs(as_tensor(x)), kinks=True),
    # round(x): to the nearest whole number, as ⌊x⌉ (the evaluator offers its straight-through
    # derivative as a reading, as for ⌊x⌉)
    Notation("round", ("round", "\\operatorname{round}", "\\mathrm{round}", "\\text{round}",
                       "rnd", "\\operatorname{rnd}"),
             lambda x: numeric(ROUNDINGS["round"], x), kinks=True),
    Notation("clip", ("clip", "\\operatorname{clip}", "\\mathrm{clip}", "clamp"), _clip, arity=3,
             elementwise=False, kinks=True),
    Notation("kl", ("KL", "\\mathrm{KL}", "\\operatorname{KL}", "D_{KL}", "D_{\\mathrm{KL}}",
                    "D_{\\mathbb{KL}}", "D_{\\text{KL}}", "D_{\\textrm{KL}}"), _kl, arity=2,
             elementwise=False, of_laws=True),
)

# Operators a text uses that are not evaluated at a point: over a distribution, a limit, an
# integral. A step through one is unreadable, with the question "what is 𝔼?".
OPERATORS = frozenset({
    "\\mathbb{E}", "\\mathrm{E}", "\\operatorname{E}", "\\mathbb{V}", "\\mathbb{P}", "\\Pr", "Pr",
    "Var", "\\operatorname{Var}", "\\mathrm{Var}", "\\mathbb{V}ar", "Cov", "Corr", "argmax",
    "argmin",
    "\\arg\\max", "\\arg\\min", "\\lim", "\\int", "\\oint", "\\mathcal{N}", "\\mathcal{O}",
    "\\mathcal{F}", "\\sup", "\\inf", "\\min_", "\\liminf", "\\limsup", "rank", "\\ker",
    "span", "\\operatorname{rank}", "\\operatorname{span}",
    "conv", "\\operatorname{conv}", "\\star", "\\ast"})


@dataclass(frozen=True)
class Law:
    """One family of distributions a text declares a scalar random variable with (``w ∼ 𝒰(−a,
    a)``): its spellings and the quadrature that gives expectations under it — for its
    parameters (Tensors, so that a derivative reaches them) and a number of nodes, the nodes
    and their weights, exact for polynomials of the degree a step can write."""

    name: str
    spellings: tuple[str, ...]
    parameters: int
    nodes: Callable[[tuple[Any, ...], int], tuple[list[Any], list[Any]]]
    density: Callable[..., Any] | None = None     # p(x) for a law the text names (p = 𝒩(…))


def _normal_nodes(p: tuple[Any, ...], n: int) -> tuple[list[Any], list[Any]]:
    mean, variance = p            # 𝒩(μ, σ²): the second parameter is the variance
    if float(variance.data) < 0:
        raise EvalError("a normal law with a negative variance")
    x, w = np.polynomial.hermite_e.hermegauss(n)
    scale = F.sqrt(variance)
    return [F.add(mean, F.mul(scale, float(v))) for v in x], list(w / math.sqrt(2 * math.pi))


def _normal_density(x: Any, mean: Any, variance: Any) -> Any:
    """The density of 𝒩(mean, variance) at x."""
    z = F.sub(as_tensor(x), mean)
    return F.div(F.exp(F.neg(F.div(F.mul(z, z), F.mul(2.0, variance)))),
                 F.sqrt(F.mul(2 * math.pi, variance)))


def _uniform_nodes(p: tuple[Any, ...], n: int) -> tuple[list[Any], list[Any]]:
    a, b = p
    if not float(a.data) < float(b.data):
        raise EvalError("a uniform law on an empty interval")
    x, w = np.polynomial.legendre.leggauss(n)
    middle, half = F.mul(F.add(a, b), 0.5), F.mul(F.sub(b, a), 0.5)
    return [F.add(middle, F.mul(half, float(v))) for v in x], list(w / 2)


def _bernoulli_nodes(p: tuple[Any, ...], n: int) -> tuple[list[Any], list[Any]]:
    (q,) = p
    if not 0 <= float(q.data) <= 1:
        raise EvalError("a Bernoulli law with a probability outside [0, 1]")
    return [0.0, 1.0], [F.sub(1.0, q), q]


LAWS = (
    Law("normal", ("\\mathcal{N}", "N", "\\mathrm{N}", "Normal", "\\operatorname{N}"), 2,
        _normal_nodes, _normal_density),
    Law("uniform", ("\\mathcal{U}", "U", "\\mathrm{U}", "Uniform", "\\operatorname{U}",
                    "Unif"), 2, _uniform_nodes),
    Law("bernoulli", ("Bernoulli", "Bern", "\\operatorname{Bernoulli}"), 1, _bernoulli_nodes),
)
# the operators of expectation over the declared random variables, by what they compute
EXPECTATIONS = {"\\mathbb{E}": "mean", "\\mathrm{E}": "mean", "\\operatorname{E}": "mean",
                "Var": "variance", "\\mathbb{V}": "variance", "\\operatorname{Var}": "variance",
                "\\mathrm{Var}": "variance", "Cov": "covariance"}


def law(spelling: str) -> Law | None:
    return next((row for row in LAWS if spelling in row.spellings), None)


def divergence(p: tuple[Law, tuple], q: tuple[Law, tuple]) -> Any:
    """KL(p ‖ q) of two laws with densities, each a row and its parameters: 𝔼_p[log p − log q]
    by p's quadrature, computed with two numbers of nodes, which must agree."""
    (row_p, at_p), (row_q, at_q) = p, q
    values = []
    for n in (24, 36):
        x, w = row_p.nodes(at_p, n)
        values.append(sum(F.mul(float(wk), F.sub(F.log(row_p.density(xk, *at_p)),
                                                 F.log(row_q.density(xk, *at_q))))
                          for xk, wk in zip(x, w)))
    if not np.allclose(values[0].data, values[1].data, rtol=1e-9, atol=1e-12):
        raise EvalError("KL(p ‖ q) is not exact with a quadrature here")
    return values[1]


# Names that are notation, never a value the text gives: e, π, ∞ and the like.
# the unit of dual numbers (a + bε, ε² = 0) in a text that speaks of them
DUAL_UNITS = frozenset({"\\varepsilon", "\\epsilon"})
CONSTANTS = frozenset({"e", "\\pi", "\\infty", "I", "\\mathbf{1}", "\\mathbb{1}", "\\partial",
                       "\\nabla", "d", "D", "1", ";"})
CONSTANT_VALUES = {"e": math.e, "\\pi": math.pi}   # the constants that are numbers
# … and the notation whose subscripted form is notation too (e_k a basis vector, δ_ij, I_n)
SUBSCRIPTED_NOTATION = frozenset({"e", "\\delta", "I", "\\mathbf{1}", "\\mathbb{1}"})
GREEK = frozenset("\\" + g for g in (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma "
    "tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega "
    "ell varepsilon vartheta varphi varsigma varrho").split())
# X ~ N(0, 1) written in math: the text speaks of the standard normal law
STANDARD_NORMAL = re.compile(r"\\sim\s*\\mathcal\s*\{?\s*N\s*\}?\s*\(\s*0\s*,\s*1\s*\)")
TRANSPOSE = ("T", "\\top", "t", "\\mathsf{T}", "\\mathrm{T}", "top", "\\intercal")


@functools.lru_cache(maxsize=1)
def _rows() -> tuple[Notation, ...]:
    from ...functional.table import ops   # the rules' table, loaded with the checker

    rows = []
    for op in ops().values():
        if not op.latex:
            continue
        if op.name in _ADAPT:
            fn = _ADAPT[op.name](op.fn)
            elementwise = False
            arity = -1 if op.name in ("max", "min") else 1
        elif op.elementwise:
            fn, elementwise, arity = _elementwise(op.fn), True, 1
        else:
            continue
        rows.append(Notation(op.name, tuple(op.latex) + (op.name,), fn, arity, elementwise,
                             op.name in _KINKS, _PARAMETERS.get(op.name, ""),
                             _SUBSCRIPTS.get(op.name, "")))
    return tuple(rows) + _OWN


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Notation]:
    """Every spelling → its row (a bare word also in lower case: ``ReLU``, ``relu``)."""
    out: dict[str, Notation] = {}
    for row in _rows():
        for spelling in row.spellings:
            out.setdefault(spelling, row)
            if not spelling.startswith("\\"):
                out.setdefault(spelling.lower(), row)
    return out


def lookup(spelling: str) -> Notation | None:
    return table().get(spelling)


@functools.lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """The bare words of the table (``softmax``, ``tr``, ``erf``), which the grammar reads as
    one token each, and ``onehot``, whose size is its subscript."""
    return frozenset({s for row in _rows() for s in row.spellings if not s.startswith("\\")} |
                     {"onehot"})
