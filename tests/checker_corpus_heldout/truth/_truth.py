"""What every truth file of the held-out corpus shares: the claimed steps, checked in NumPy.

A truth file names each step of its derivation by a snippet of the line where the step's
right-hand side starts, and gives both sides as numbers it computed itself at random points.
`Derivation.finish` then asserts that every step holds at every draw, except the one planted
wrong step (if the file's expect line announces one), which must fail at every draw and sit on
the line the expect line names.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Callable

import numpy as np

EXPECT = re.compile(
    r'<!--\s*expect:\s*(?:(no_failure)|first_failure_line=(\d+))\s+source="([^"]+)"\s*-->'
)
RTOL, ATOL = 1e-5, 1e-7
TRIALS = 3


def parse_expect(text: str) -> tuple[int | None, str]:
    """The planted line (None when the file is correct) and the source of an expect comment."""
    found = EXPECT.findall(text)
    if len(found) != 1:
        raise AssertionError(f"expected one expect comment, found {len(found)}")
    no_failure, line, source = found[0]
    return (None if no_failure else int(line)), source


class Derivation:
    """The steps a truth file claims about one Markdown derivation, over several draws."""

    def __init__(self, text: str, name: str = "derivation") -> None:
        self.name = name
        self.lines = text.splitlines()
        self.expected_line, self.source = parse_expect(text)
        self.results: dict[tuple[str, bool], list[bool]] = {}
        self.trial = 0

    def line_of(self, snippet: str) -> int:
        # a snippet ending in "⏎" (or a newline) must end its line
        if snippet.endswith(("\n", "⏎")):
            hits = [n for n, line in enumerate(self.lines, 1) if line.rstrip().endswith(snippet[:-1])]
        else:
            hits = [n for n, line in enumerate(self.lines, 1)
                    if snippet in line and "expect:" not in line]
        if len(hits) != 1:
            raise AssertionError(f"{self.name}: snippet {snippet!r} is on lines {hits}, not on one")
        return hits[0]

    def step(self, snippet: str, lhs, rhs, planted: bool = False) -> None:
        """One claimed step `lhs = rhs` whose right-hand side starts on the line holding snippet."""
        a = np.asarray(lhs, dtype=float)
        b = np.asarray(rhs, dtype=float)
        if a.shape != b.shape:
            raise AssertionError(f"{self.name} line {self.line_of(snippet)}: shapes {a.shape} and {b.shape}")
        holds = bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))
        if not holds and not planted:
            raise AssertionError(
                f"{self.name} line {self.line_of(snippet)} ({snippet!r}) does not hold:"
                f" lhs={a.ravel()[:6]} rhs={b.ravel()[:6]}")
        if holds is False:
            scale = 1.0 + float(np.max(np.abs(a)) if a.size else 0.0)
            # a planted error must be plain at a generic point, not a rounding matter
            holds = float(np.max(np.abs(a - b))) < 1e-3 * scale
        runs = self.results.setdefault((snippet, planted), [])
        if len(runs) <= self.trial:
            runs.append(holds)
        else:
            runs[self.trial] = runs[self.trial] and holds

    def finish(self) -> None:
        planted = [(s, runs) for (s, p), runs in self.results.items() if p]
        for snippet, _ in self.results:
            self.line_of(snippet)
        if self.expected_line is None:
            if planted:
                raise AssertionError(f"{self.name}: a correct file has a planted step {planted[0][0]!r}")
            return
        if len(planted) != 1:
            raise AssertionError(f"{self.name}: {len(planted)} planted steps, expected exactly one")
        snippet, runs = planted[0]
        if any(runs) or len(runs) < self.trial:
            raise AssertionError(f"{self.name}: planted step {snippet!r} holds at some draw: {runs}")
        line = self.line_of(snippet)
        if line != self.expected_line:
            raise AssertionError(
                f"{self.name}: planted step is on line {line} but expect says {self.expected_line}")


def run(truth_file: str, body: Callable[[Derivation, np.random.Generator], None],
        trials: int = TRIALS) -> Derivation:
    """Runs body at several random draws against the Markdown file named like truth_file."""
    path = Path(truth_file)
    md = path.parent.parent / (path.stem + ".md")
    d = Derivation(md.read_text(encoding="utf-8"), md.name)
    seed = sum(map(ord, path.stem))
    for t in range(trials):
        d.trial = t
        body(d, np.random.default_rng(seed + 7919 * t))
    d.trial = trials
    d.finish()
    return d


# ---- numerical helpers -------------------------------------------------------------------

def fd_grad(f: Callable[[np.ndarray], float], x, h: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function, shaped like x."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        g[idx] = (f(xp) - f(xm)) / (2 * h)
    return g


def fd_jac(f: Callable[[np.ndarray], np.ndarray], x, h: float = 1e-6) -> np.ndarray:
    """Central-difference Jacobian: shape f(x).shape + x.shape."""
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x), dtype=float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += h
        xm[idx] -= h
        J[(Ellipsis,) + idx] = (np.asarray(f(xp)) - np.asarray(f(xm))) / (2 * h)
    return J


def d1(f: Callable[[float], float], x: float, h: float = 1e-6) -> float:
    return (f(x + h) - f(x - h)) / (2 * h)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def Phi(x):
    return 0.5 * (1.0 + np.vectorize(math.erf)(np.asarray(x, dtype=float) / math.sqrt(2.0)))


def phi(x):
    x = np.asarray(x, dtype=float)
    return np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def gauss_expect(f: Callable[[np.ndarray], np.ndarray], mu=0.0, sigma=1.0, n: int = 80) -> float:
    """E[f(z)] for z ~ N(mu, sigma^2), by Gauss-Hermite quadrature (exact for polynomials)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(n)
    return float(np.sum(weights * f(mu + sigma * nodes)) / math.sqrt(2 * math.pi))


def integrate(f: Callable[[np.ndarray], np.ndarray], a: float, b: float, n: int = 20001) -> float:
    """Composite Simpson rule on [a, b] (n odd)."""
    x = np.linspace(a, b, n)
    w = np.ones(n)
    w[1:-1:2], w[2:-1:2] = 4, 2
    return float(np.sum(w * f(x)) * (b - a) / (n - 1) / 3)


def fd_hess(f: Callable[[np.ndarray], float], x, h: float = 1e-3) -> np.ndarray:
    """Central second differences of a scalar function (exact for quadratics up to rounding)."""
    x = np.array(x, dtype=float)
    n = x.size
    H = np.zeros((n, n))
    E = np.eye(n) * h
    for k in range(n):
        for l in range(n):
            H[k, l] = (f(x + E[k] + E[l]) - f(x + E[k] - E[l]) - f(x - E[k] + E[l]) + f(x - E[k] - E[l])) / (4 * h * h)
    return H
