"""Ground truth for the derivation corpus, written with NumPy alone.

Each truth file mirrors one Markdown derivation: ``steps(s, rng)`` evaluates every claimed
equality of the file at concrete random values and reports it with ``s.eq(line, snippet,
left, right)``, where ``line`` is the 1-based line of the file on which the step's right-hand
side starts and ``snippet`` a piece of that line (so a moved line is caught). ``run`` calls it
for several seeds and compares what holds with the file's ``<!-- expect: … -->`` line: a
correct file must have every step hold, a planted file must have every step hold except the
ones on the planted line, and those must fail at every seed.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Callable

import numpy as np

CORPUS = Path(__file__).resolve().parent.parent
EXPECT = re.compile(
    r'^<!-- expect: (?:no_failure|first_failure_line=(?P<line>\d+)) source="(?P<source>[^"]+)" -->$'
)
SEEDS = (0, 1, 2)


def expectation(lines: list[str]) -> tuple[int | None, str]:
    """The planted line (None for a correct file) and the source named by the last line."""
    last = [line for line in lines if line.strip()][-1].strip()
    match = EXPECT.match(last)
    if match is None:
        raise AssertionError(f"last line is not an expect comment: {last!r}")
    planted = match.group("line")
    return (int(planted) if planted else None), match.group("source")


class Steps:
    """Records, for one draw of values, whether each claimed step holds."""

    def __init__(self, name: str, lines: list[str]):
        self.name = name
        self.lines = lines
        self.results: list[tuple[int, bool, str]] = []

    def eq(self, line: int, snippet: str, left, right, rtol: float = 1e-6, atol: float = 1e-8):
        """One claimed step ``left = right`` whose right-hand side starts on ``line``."""
        if not 1 <= line <= len(self.lines) or snippet not in self.lines[line - 1]:
            raise AssertionError(f"{self.name}: line {line} does not contain {snippet!r}")
        left = np.asarray(left, dtype=float)
        right = np.asarray(right, dtype=float)
        np.broadcast_shapes(left.shape, right.shape)  # a shape slip is a bug of the truth file
        if not (np.all(np.isfinite(left)) and np.all(np.isfinite(right))):
            raise AssertionError(f"{self.name}: line {line}: a side is not finite")
        holds = bool(np.allclose(left, right, rtol=rtol, atol=atol))
        self.results.append((line, holds, f"left={left!r}, right={right!r}"))

    def approx(self, line: int, snippet: str, left, right, digits: int):
        """A value the source rounds to ``digits`` decimals (written with ``\\approx``)."""
        self.eq(line, snippet, left, right, rtol=0, atol=0.5 * 10.0 ** -digits + 1e-12)


def run(truth_file: str, steps: Callable[[Steps, np.random.Generator], None]) -> None:
    """Check one derivation's ground truth; AssertionError names the offending line."""
    md = CORPUS / f"{Path(truth_file).stem}.md"
    lines = md.read_text(encoding="utf-8").splitlines()
    planted, _ = expectation(lines)
    failing_everywhere: set[int] | None = None
    for seed in SEEDS:
        s = Steps(md.name, lines)
        steps(s, np.random.default_rng(seed))
        if not s.results:
            raise AssertionError(f"{md.name}: the truth file checks no step")
        failed = {line for line, holds, _ in s.results if not holds}
        for line, holds, detail in s.results:
            if not holds and line != planted:
                raise AssertionError(f"{md.name}: the step on line {line} does not hold ({detail})")
        if planted is not None and planted not in {line for line, _, _ in s.results}:
            raise AssertionError(f"{md.name}: no step of the truth file is on line {planted}")
        failing_everywhere = failed if failing_everywhere is None else failing_everywhere & failed
    if planted is not None and planted not in failing_everywhere:
        raise AssertionError(f"{md.name}: the planted step on line {planted} holds at some draw")


# Finite differences (central, float64) -------------------------------------------------

EPS = 1e-6


def deriv(f: Callable, x, eps: float = EPS):
    """d f / d x for f applied elementwise (or a scalar function of a scalar)."""
    x = np.asarray(x, dtype=float)
    return (f(x + eps) - f(x - eps)) / (2 * eps)


def grad(f: Callable, x, eps: float = EPS) -> np.ndarray:
    """Gradient of a scalar function f at the array x, same shape as x."""
    return jacobian(f, x, eps)


def jacobian(f: Callable, x, eps: float = EPS) -> np.ndarray:
    """J[out_index + in_index] = d f[out_index] / d x[in_index]."""
    x = np.asarray(x, dtype=float)
    out_shape = np.shape(f(x))
    result = np.zeros(out_shape + x.shape)
    for index in np.ndindex(*x.shape):
        step = np.zeros_like(x)
        step[index] = eps
        result[(Ellipsis,) + index] = (np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * eps)
    return result


# The functions the sources use -----------------------------------------------------------


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def softmax(z, axis: int = -1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(z, axis: int = -1):
    z = np.asarray(z, dtype=float)
    m = z.max(axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(z - m).sum(axis=axis))


def softplus(x):
    return np.log1p(np.exp(np.asarray(x, dtype=float)))


erf = np.vectorize(math.erf)


def normal_cdf(x):
    return 0.5 * (1.0 + erf(np.asarray(x, dtype=float) / math.sqrt(2.0)))


def normal_pdf(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-x * x / 2) / math.sqrt(2 * math.pi)


def away_from_zero(rng: np.random.Generator, shape=(), low: float = 0.2, high: float = 2.0):
    """Values whose signs are random but which stay clear of a kink at 0."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape)
