"""Verification tools: check a gradient, check your own derivation, explain a rule.

- :func:`gradcheck` — the engine's gradient against central differences (float64).
- :func:`check_jacobian`, :func:`check_vjp` — a user's derived formula against the engine.
- :func:`check_derivation` — a learner's Markdown + LaTeX derivation, step by step.
- :func:`explain`, :func:`rule_formulas` — a rule's formulas from its docstring, verified live.

The catalogue of rules as data (:mod:`backprop.verify.catalogue`) drives all of them and the
test suite. Imported lazily by ``backprop`` (``bp.gradcheck`` etc.).
"""

from .check import CheckResult, check_jacobian, check_vjp
from .explain import explain, rule_formulas
from .gradcheck import GradcheckResult, check_rule, gradcheck

__all__ = ["gradcheck", "check_rule", "GradcheckResult", "check_jacobian", "check_vjp",
           "CheckResult", "explain", "rule_formulas", "check_derivation"]


def __getattr__(name: str):
    # the derivation checker (its grammar, its tables) loads only when it is used, so that
    # `backprop --help` and the gradient checks do not pay for it
    if name == "check_derivation":
        from .derivation import check_derivation
        return check_derivation
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
