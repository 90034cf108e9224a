"""Check an engine gradient against central differences, in float64.

Two comparisons, as autograd's ``check_grads`` and JAX's ``check_grads`` do:

- **random directions** (any size): for a random input direction u and output cotangent v,
  the engine's ⟨u, Jᵀv⟩ (one reverse sweep) against the numeric ⟨Ju, v⟩ with
  Ju ≈ (f(x + εu) − f(x − εu)) / 2ε — one check per input and direction;
- **full Jacobian** (small inputs): the engine's Jacobian row by row (one sweep per output
  entry) against the numeric one column by column (two evaluations per input entry).

An entry passes when |analytic − numeric| ≤ atol + rtol·|numeric|. The report names the
worst entry (largest error measured in units of that tolerance).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import BackpropError, DTypeError

__all__ = ["gradcheck", "GradcheckResult", "Mismatch", "check_rule", "RuleReport",
           "relative_error"]

FULL_LIMIT = 200  # auto mode builds the full Jacobian when inputs and output are this small


def relative_error(analytic: float, numeric: float, floor: float) -> float:
    """|a − n| / max(|a|, |n|, floor): relative, with tiny values measured against ``floor``
    (atol/rtol) so that an entry of 1e-12 against 0 does not count as a 100 % error."""
    return float(abs(analytic - numeric) / max(abs(analytic), abs(numeric), floor))


@dataclass
class Mismatch:
    """One compared number: a directional derivative or a Jacobian entry."""

    input: int                      # which positional input of f
    kind: str                       # "direction" or "entry"
    out_index: tuple | None         # output entry (full Jacobian only)
    in_index: tuple | int           # input entry, or the direction's number
    analytic: float                 # from the engine's VJP
    numeric: float                  # from central differences
    abs_error: float
    rel_error: float
    ratio: float                    # abs_error / (atol + rtol·|numeric|); > 1 fails

    def where(self) -> str:
        if self.kind == "direction":
            return f"input {self.input}, random direction {self.in_index}: ⟨u, Jᵀv⟩ vs ⟨Ju, v⟩"
        out = "()" if not self.out_index else str(tuple(int(i) for i in self.out_index))
        inn = str(tuple(int(i) for i in self.in_index))
        return f"input {self.input}, ∂out{out}/∂x{inn}"


@dataclass
class GradcheckResult:
    """Outcome of :func:`gradcheck`; truthy iff every comparison passed."""

    passed: bool
    mode: str                                 # "vjp" or "full"
    worst: Mismatch | None
    compared: int                             # numbers compared
    input_shapes: tuple[tuple[int, ...], ...]
    output_shape: tuple[int, ...]
    eps: float
    atol: float
    rtol: float
    failures: int = 0
    max_rel_error: float = 0.0                # largest relative error over all comparisons
    error: str | None = None                  # an exception raised while checking
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return self.passed

    @property
    def worst_rel_error(self) -> float:
        return np.inf if self.error else self.max_rel_error

    def __str__(self) -> str:
        shapes = ", ".join(str(s) for s in self.input_shapes)
        verdict = "passed" if self.passed else "FAILED"
        lines = [f"gradcheck {verdict}: mode {self.mode}, inputs {shapes} → output "
                 f"{self.output_shape}; {self.compared} numbers compared "
                 f"(eps={self.eps:g}, atol={self.atol:g}, rtol={self.rtol:g})"]
        if self.error:
            lines.append(f"  error: {self.error}")
        if self.worst is not None:
            w = self.worst
            label = "worst entry" if self.passed else f"worst of {self.failures} failing"
            lines += [f"  {label}: {w.where()}",
                      f"    analytic (engine VJP)      {w.analytic: .10g}",
                      f"    numeric (central diff.)    {w.numeric: .10g}",
                      f"    abs error {w.abs_error:.3g}, rel error {w.rel_error:.3g}"]
        return "\n".join(lines)

    __repr__ = __str__


def _as_inputs(inputs: Sequence[Any], allow_float32: bool) -> list[np.ndarray]:
    arrays = []
    for k, x in enumerate(inputs):
        a = np.asarray(getattr(x, "data", x))
        if a.dtype == np.float64:
            arrays.append(a.copy())
        elif np.issubdtype(a.dtype, np.floating):
            if not allow_float32:
                raise DTypeError(
                    f"gradcheck: input {k} has dtype {a.dtype}; central differences in "
                    f"{a.dtype} are too coarse to check a gradient (about √eps ≈ 3e-4 relative "
                    f"at best). Pass float64 inputs, or allow_float32=True to check anyway")
            arrays.append(a.copy())
        elif np.issubdtype(a.dtype, np.integer) or a.dtype == bool:
            arrays.append(a.astype(np.float64))
        else:
            raise DTypeError(f"gradcheck: input {k} has dtype {a.dtype}; expected floats")
    return arrays


def _value(f: Callable, args: Sequence[np.ndarray]) -> np.ndarray:
    from ..engine import no_grad

    with no_grad():
        out = f(*args)
    return np.asarray(getattr(out, "data", out), dtype=np.float64)


class _Tally:
    def __init__(self, atol: float, rtol: float):
        self.atol, self.rtol = atol, rtol
        self.worst: Mismatch | None = None
        self.compared = 0
        self.failures = 0
        self.max_rel = 0.0
        self.floor = atol / rtol if rtol > 0 else atol

    def add(self, input: int, kind: str, out_index, in_index, a: float, n: float) -> None:
        a, n = float(a), float(n)
        err = abs(a - n)
        if not np.isfinite(err):  # NaN or inf on either side always fails
            err = np.inf
        tol = self.atol + self.rtol * abs(n)
        ratio = err / tol if tol > 0 else (0.0 if err == 0 else np.inf)
        self.compared += 1
        self.failures += ratio > 1
        rel = relative_error(a, n, self.floor) if np.isfinite(err) else np.inf
        self.max_rel = max(self.max_rel, rel)
        if self.worst is None or ratio > self.worst.ratio:
            self.worst = Mismatch(input, kind, out_index, in_index, a, n, err, rel, ratio)


def gradcheck(f: Callable, *inputs: Any, eps: float = 1e-6, atol: float = 1e-5,
              rtol: float = 1e-3, mode: str = "auto", n_directions: int = 3, seed: int = 0,
              allow_float32: bool = False, full_limit: int = FULL_LIMIT) -> GradcheckResult:
    """Compare the engine's gradient of ``f`` at ``inputs`` with central differences.

    ``f(*inputs)`` must be built from the library's ops; every positional input is
    differentiated. ``mode``: ``"vjp"`` runs ``n_directions`` random-direction checks per
    input; ``"full"`` adds the whole Jacobian entry by entry; ``"auto"`` adds it when the
    inputs and the output each have at most ``full_limit`` entries. Inputs must be float64
    (integers are promoted) unless ``allow_float32=True``, in which case ``f`` runs in the
    inputs' dtype and ``eps``/tolerances must be chosen to suit it.

    Returns a :class:`GradcheckResult`: truthy iff every comparison passed, printing as a
    report of the worst entry.
    """
    from ..transforms import vjp as engine_vjp

    if mode not in ("auto", "vjp", "full"):
        raise BackpropError(f"gradcheck: mode must be 'auto', 'vjp' or 'full', got {mode!r}")
    if not inputs:
        raise BackpropError("gradcheck: give at least one input")
    t0 = time.perf_counter()
    xs = _as_inputs(inputs, allow_float32)
    rng = np.random.default_rng(seed)
    tally = _Tally(atol, rtol)
    shapes = tuple(x.shape for x in xs)
    out_shape: tuple[int, ...] = ()
    used = "vjp" if mode == "vjp" else "full"
    try:
        out, pull = engine_vjp(f, *xs)
        out = np.asarray(out)
        out_shape = out.shape
        if not np.issubdtype(out.dtype, np.floating):
            raise BackpropError(f"gradcheck: f returned dtype {out.dtype}; expected floats")
        if mode == "auto" and (out.size > full_limit or sum(x.size for x in xs) > full_limit):
            used = "vjp"

        def bumped(i: int, step: np.ndarray) -> np.ndarray:
            args_p = list(xs)
            args_m = list(xs)
            args_p[i] = (xs[i] + step).astype(xs[i].dtype)
            args_m[i] = (xs[i] - step).astype(xs[i].dtype)
            return (_value(f, args_p) - _value(f, args_m)) / (2 * eps)

        # Random directions: ⟨u, Jᵀv⟩ from the engine vs ⟨Ju, v⟩ from differences.
        for d in range(n_directions):
            v = rng.standard_normal(out.shape)
            cots = pull(v)
            for i, x in enumerate(xs):
                if x.size == 0:  # an empty gradient: nothing to compare (the engine checked
                    continue     # its shape), and f may be NaN there (a mean over nothing)
                u = rng.standard_normal(x.shape)
                analytic = float(np.sum(u * np.asarray(cots[i], dtype=np.float64)))
                numeric = float(np.sum(bumped(i, eps * u) * v))
                tally.add(i, "direction", None, d, analytic, numeric)

        if used == "full":
            rows = [np.empty((out.size, x.size)) for x in xs]
            basis = np.zeros(out.size)
            for k in range(out.size):
                basis[k] = 1.0
                for r, g in zip(rows, pull(basis.reshape(out.shape))):
                    r[k] = np.asarray(g, dtype=np.float64).reshape(-1)
                basis[k] = 0.0
            for i, x in enumerate(xs):
                step = np.zeros(x.size)
                for j in range(x.size):
                    step[j] = eps
                    col = bumped(i, step.reshape(x.shape)).reshape(-1)
                    step[j] = 0.0
                    jj = np.unravel_index(j, x.shape)
                    for k in range(out.size):
                        tally.add(i, "entry", np.unravel_index(k, out.shape), jj,
                                  rows[i][k, j], col[k])
    except BackpropError:
        raise
    except Exception as e:  # a crash in a rule is a failed check, reported as such
        return GradcheckResult(False, used, tally.worst, tally.compared, shapes, out_shape,
                               eps, atol, rtol, tally.failures + 1, tally.max_rel,
                               error=f"{type(e).__name__}: {e}",
                               seconds=time.perf_counter() - t0)
    return GradcheckResult(tally.failures == 0, used, tally.worst, tally.compared, shapes,
                           out_shape, eps, atol, rtol, tally.failures, tally.max_rel,
                           seconds=time.perf_counter() - t0)


@dataclass
class RuleReport:
    """One row of ``backprop gradcheck``: a catalogue rule checked on all its cases."""

    name: str
    section: str  # the rule's section number in docs/derivations.md
    passed: bool
    worst_rel_error: float
    cases: list[tuple[str, GradcheckResult]] = field(default_factory=list)
    seconds: float = 0.0

    def __bool__(self) -> bool:
        return self.passed

    @property
    def labels(self) -> list[str]:
        """The label of each case checked (its shapes and options)."""
        return [label for label, _ in self.cases]

    @property
    def failing(self) -> list[tuple[str, GradcheckResult]]:
        return [(label, r) for label, r in self.cases if not r.passed]

    def __str__(self) -> str:
        verdict = "pass" if self.passed else "FAIL"
        lines = [f"{self.name} (rule {self.section}): {verdict}, {len(self.cases)} cases, "
                 f"worst relative error {self.worst_rel_error:.2e}"]
        for label, r in self.failing:
            lines.append(f"  case {label}:")
            lines += ["    " + line for line in str(r).splitlines()]
        return "\n".join(lines)


def check_rule(rule: Any, seed: int = 0, mode: str = "auto", samples: int = 6,
               **options: Any) -> RuleReport:
    """Run :func:`gradcheck` on every :class:`~backprop.verify.catalogue.Case` of ``rule``:
    its hand-picked table, then ``samples`` valid cases drawn at random from its
    :class:`~backprop.verify.catalogue.Space` (0-d, size-0, negative axes, …)."""
    from .catalogue import RandomChooser, draw_case

    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    todo = [(case.label, case) for case in rule.cases(rng)]
    if rule.space is not None and samples:
        chooser = RandomChooser(rng)
        drawn = (draw_case(rule, chooser) for _ in range(20 * samples))
        todo += [(f"sampled {c.label}", c) for c in drawn if c.valid][:samples]
    results = [(label, gradcheck(case.f, *case.inputs, mode=mode, seed=seed, **options))
               for label, case in todo]
    passed = bool(results) and all(r.passed for _, r in results)
    worst = max((r.worst_rel_error for _, r in results), default=0.0)
    return RuleReport(rule.name, rule.section, passed, float(worst), results,
                      time.perf_counter() - t0)
