"""Check a user's own derivation — a Jacobian or a VJP written as Python — against the engine.

The user's formula is compared with the engine's (reverse mode, the library's hand-derived
rules) at the given point and at several random points, and each engine value is itself
confirmed by central differences, so a verdict never rests on one source alone. The answer
is "holds", or the first point and entry where the formula fails, with both values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import BackpropError, ShapeError

__all__ = ["check_jacobian", "check_vjp", "CheckResult"]

DOMAINS = ("auto", "real", "positive", "unit")
# Work a check may do: passes through f (forward evaluations and backward sweeps, summed over
# the points) and entries of a Jacobian held at once. The engine's Jacobian is built one
# output row per backward sweep, so an f with many outputs is refused before any work.
MAX_PASSES = 20_000
MAX_JACOBIAN_ENTRIES = 10**7


@dataclass
class CheckResult:
    """Verdict of :func:`check_jacobian` / :func:`check_vjp`; truthy iff the formula holds."""

    holds: bool
    what: str                          # "Jacobian" or "VJP"
    points: int                        # points at which the formula was compared
    max_abs_error: float               # over every point checked (up to the failure)
    point_index: int | None = None     # the first failing point (0 = the given x)
    x: np.ndarray | None = None
    entry: tuple | None = None         # the failing entry: (i, j) of ∂f/∂x, or an index of x
    yours: float | None = None
    engine: float | None = None
    numeric: float | None = None       # central differences at the same entry
    v: np.ndarray | None = None        # the cotangent used (VJP checks)
    message: str = ""

    def __bool__(self) -> bool:
        return self.holds

    def __str__(self) -> str:
        if self.holds:
            return (f"holds: your {self.what} matches the engine and central differences at "
                    f"{self.points} point{'s' * (self.points != 1)} "
                    f"(max abs error {self.max_abs_error:.2e})")
        with np.printoptions(precision=6, suppress=True):
            lines = [f"fails at point {self.point_index}: x = {self.x}"]
            if self.v is not None:
                lines.append(f"  with cotangent v = {self.v}")
        if self.entry is not None:
            lines.append(f"  {self.message}")
            lines.append(f"  yours     {self.yours: .10g}")
            lines.append(f"  engine    {self.engine: .10g}")
            lines.append(f"  numeric   {self.numeric: .10g}   (central differences)")
        else:
            lines.append(f"  {self.message}")
        return "\n".join(lines)

    __repr__ = __str__


def _sample_points(x: np.ndarray, points: int | Sequence[Any], domain: str,
                   rng: np.random.Generator) -> list[np.ndarray]:
    if not isinstance(points, (int, np.integer)):
        return [x] + [np.asarray(p, dtype=np.float64).reshape(x.shape) for p in points]
    if points < 1:
        raise BackpropError(f"points must be ≥ 1, got {points}")
    if domain not in DOMAINS:
        raise BackpropError(f"domain must be one of {DOMAINS}, got {domain!r}")
    if domain == "auto":
        domain = ("unit" if np.all((x > 0) & (x < 1)) and x.size else
                  "positive" if np.all(x > 0) and x.size else "real")
    draw = {"real": lambda: rng.uniform(-2, 2, x.shape),
            "positive": lambda: rng.uniform(0.2, 3, x.shape),
            "unit": lambda: rng.uniform(0.05, 0.95, x.shape)}[domain]
    return [x] + [draw() for _ in range(points - 1)]


def _eval(f: Callable, x: np.ndarray) -> np.ndarray:
    from ..engine import no_grad

    with no_grad():
        out = f(x)
    return np.asarray(getattr(out, "data", out), dtype=np.float64)


def _within_budget(what: str, points: int, m: int, n: int, backward: int) -> None:
    """Refuse, with one line, a check whose cost (``backward`` sweeps and 2·n forward
    evaluations per point) or whose Jacobian (m × n) is beyond the limits."""
    passes = points * (backward + 2 * n)
    if passes > MAX_PASSES:
        raise BackpropError(
            f"{what} check of f with {m} outputs and {n} inputs at {points} point(s) needs "
            f"{passes} passes through f ({backward} backward and {2 * n} forward per point); "
            f"at most {MAX_PASSES}: use fewer points, a smaller x or f"
            f"{', or --vjp (one backward pass per point)' if backward > 1 else ''}")
    if backward > 1 and m * n > MAX_JACOBIAN_ENTRIES:
        raise BackpropError(f"{what} check: the Jacobian of f would have {m} × {n} entries, "
                            f"more than {MAX_JACOBIAN_ENTRIES}; check a VJP instead")


def _count(points: int | Sequence[Any]) -> int:
    return int(points) if isinstance(points, (int, np.integer)) else len(points) + 1


def _numeric_vjp(f: Callable, x: np.ndarray, v: np.ndarray, eps: float) -> np.ndarray:
    """vᵀ∂f/∂x by central differences, one input entry at a time (memory of one f(x))."""
    g = np.empty(x.size)
    step = np.zeros(x.size)
    for j in range(x.size):
        step[j] = eps
        d = step.reshape(x.shape)
        g[j] = np.vdot(v, (_eval(f, x + d) - _eval(f, x - d)) / (2 * eps))
        step[j] = 0.0
    return g


def _numeric_jacobian(f: Callable, x: np.ndarray, m: int, eps: float) -> np.ndarray:
    J = np.empty((m, x.size))
    step = np.zeros(x.size)
    for j in range(x.size):
        step[j] = eps
        d = step.reshape(x.shape)
        J[:, j] = ((_eval(f, x + d) - _eval(f, x - d)) / (2 * eps)).reshape(-1)
        step[j] = 0.0
    return J


def _user(fn: Callable, name: str, *args: Any) -> np.ndarray:
    try:
        out = fn(*args)
    except BackpropError:
        raise
    except Exception as e:
        raise BackpropError(f"{name} raised {type(e).__name__}: {e}") from None
    out = np.asarray(getattr(out, "data", out))
    if not (np.issubdtype(out.dtype, np.number) or out.dtype == bool):
        raise BackpropError(f"{name} returned {out.dtype} values; expected numbers")
    return out.astype(np.float64)


def _as_x(x: Any) -> np.ndarray:
    x = np.asarray(getattr(x, "data", x))
    if not (np.issubdtype(x.dtype, np.number) or x.dtype == bool):
        raise BackpropError(f"x must hold numbers, got dtype {x.dtype}")
    return x.astype(np.float64)


def check_jacobian(f: Callable, my_jacobian: Callable, x: Any, points: int | Sequence = 3, *,
                   seed: int = 0, atol: float = 1e-7, rtol: float = 1e-5, eps: float = 1e-6,
                   domain: str = "auto") -> CheckResult:
    """Does ``my_jacobian(x)`` equal ∂f/∂x?

    ``f`` is built from the library's ops; ``my_jacobian(x)`` returns the matrix ∂f/∂x with
    output entries as rows and input entries as columns, shape ``(f(x).size, x.size)``, or
    ``f(x).shape + x.shape``. It is compared at ``x`` and at ``points − 1`` random points
    (or at the given list of points) drawn from ``domain`` ("auto": like ``x`` — in (0, 1),
    positive or real). An entry holds when |yours − engine| ≤ atol + rtol·|engine|.
    """
    from ..transforms import jacobian

    x = _as_x(x)
    rng = np.random.default_rng(seed)
    worst = 0.0
    m = _eval(f, x).size
    _within_budget("a Jacobian", _count(points), m, x.size, m)
    pts = _sample_points(x, points, domain, rng)
    for p, xp in enumerate(pts):
        fx = _eval(f, xp)
        m, n = fx.size, xp.size
        J_engine = np.asarray(jacobian(f)(xp), dtype=np.float64).reshape(m, n)
        J_num = _numeric_jacobian(f, xp, m, eps)
        J_user = _user(my_jacobian, "my_jacobian", xp.copy())
        if J_user.shape not in ((m, n), fx.shape + xp.shape):
            alt = "" if fx.shape + xp.shape == (m, n) else f" or {fx.shape + xp.shape}"
            raise ShapeError(
                f"my_jacobian returned shape {J_user.shape}; ∂f/∂x for f(x) of shape "
                f"{fx.shape} and x of shape {xp.shape} must be ({m}, {n}) (output entries × "
                f"input entries){alt}")
        J_user = J_user.reshape(m, n)
        # The engine must agree with differences before it is trusted as the reference.
        bad_ref = np.abs(J_engine - J_num) > 1e-5 + 1e-3 * np.abs(J_num)
        if bad_ref.any():
            i, j = np.argwhere(bad_ref)[0]
            raise BackpropError(
                f"the engine's Jacobian disagrees with central differences at entry ({i}, {j}) "
                f"(engine {J_engine[i, j]:.6g}, numeric {J_num[i, j]:.6g}): f is not "
                f"differentiable at this point or a rule is wrong; try another point")
        err = np.abs(J_user - J_engine)
        bad = ~(err <= atol + rtol * np.abs(J_engine))  # NaN counts as failing
        if bad.any():
            i, j = (int(k) for k in np.argwhere(bad)[0])
            return CheckResult(False, "Jacobian", p + 1, worst, p, xp, (i, j),
                               float(J_user[i, j]), float(J_engine[i, j]), float(J_num[i, j]),
                               message=f"entry ({i}, {j}) = ∂f_{i}/∂x_{j} "
                                       f"(flattened row {i}, column {j}) differs:")
        worst = max(worst, float(err.max(initial=0.0)))
    return CheckResult(True, "Jacobian", len(pts), worst)


def check_vjp(f: Callable, my_vjp: Callable, x: Any, points: int | Sequence = 3, *,
              seed: int = 0, atol: float = 1e-7, rtol: float = 1e-5, eps: float = 1e-6,
              domain: str = "auto", v: Any = None) -> CheckResult:
    """Does ``my_vjp(x, v)`` equal vᵀ ∂f/∂x?

    At each point a random cotangent ``v`` of f(x)'s shape (or the given one) is drawn;
    ``my_vjp(x, v)`` must return an array of x's shape (or x.size entries). It is compared
    entry by entry with the engine's VJP, which is confirmed by central differences.
    """
    from ..transforms import vjp as engine_vjp

    x = _as_x(x)
    rng = np.random.default_rng(seed)
    worst = 0.0
    _within_budget("a VJP", _count(points), _eval(f, x).size, x.size, 1)
    pts = _sample_points(x, points, domain, rng)
    for p, xp in enumerate(pts):
        fx, pull = engine_vjp(f, xp)
        fx = np.asarray(fx, dtype=np.float64)
        vp = rng.standard_normal(fx.shape) if v is None else np.asarray(v, dtype=np.float64)
        if vp.shape != fx.shape:
            raise ShapeError(f"v has shape {vp.shape}; it must have f(x)'s shape {fx.shape}")
        g_engine = np.asarray(pull(vp)[0], dtype=np.float64).reshape(-1)
        g_num = _numeric_vjp(f, xp, vp, eps)
        g_user = _user(my_vjp, "my_vjp", xp.copy(), vp.copy())
        if g_user.shape not in (xp.shape, (xp.size,)):
            raise ShapeError(f"my_vjp returned shape {g_user.shape}; vᵀ∂f/∂x must have x's "
                             f"shape {xp.shape}")
        g_user = g_user.reshape(-1)
        bad_ref = np.abs(g_engine - g_num) > 1e-5 + 1e-3 * np.abs(g_num)
        if bad_ref.any():
            j = int(np.argwhere(bad_ref)[0][0])
            raise BackpropError(
                f"the engine's VJP disagrees with central differences at entry {j} (engine "
                f"{g_engine[j]:.6g}, numeric {g_num[j]:.6g}): f is not differentiable at this "
                f"point or a rule is wrong; try another point")
        err = np.abs(g_user - g_engine)
        bad = ~(err <= atol + rtol * np.abs(g_engine))
        if bad.any():
            j = int(np.argwhere(bad)[0][0])
            idx = tuple(int(k) for k in np.unravel_index(j, xp.shape))
            return CheckResult(False, "VJP", p + 1, worst, p, xp, idx, float(g_user[j]),
                               float(g_engine[j]), float(g_num[j]), v=vp,
                               message=f"entry {idx if len(idx) != 1 else idx[0]} of vᵀ∂f/∂x "
                                       f"differs:")
        worst = max(worst, float(err.max(initial=0.0)))
    return CheckResult(True, "VJP", len(pts), worst)
