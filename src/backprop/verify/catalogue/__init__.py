"""The catalogue of rules as data: for each rule, the cases on which it is verified.

One table drives ``backprop gradcheck``, ``backprop explain`` and the test suite. A
:class:`Rule` names the public function (whose docstring holds the formulas) and makes
:class:`Case` objects: a function of float64 arrays, closing over any constants (labels,
options), and the point at which to check it. Families register their rules in their own
module (``basic`` for rules 1–10 and 13, ``conv`` for rules 11–12).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np


@dataclass(frozen=True)
class Case:
    label: str                      # what is being tried, e.g. "x(1,5) dim=0"
    f: Callable[..., Any]           # f(*inputs) -> Tensor, built from the library's ops
    inputs: tuple[np.ndarray, ...]  # float64 point(s) at which to differentiate


@dataclass(frozen=True)
class Rule:
    name: str                                           # e.g. "softmax"
    fn: Callable[..., Any]                              # the public op (docstring = formulas)
    row: str                                            # its number in docs/derivations.md, e.g. "6"
    cases: Callable[[np.random.Generator], list[Case]]  # the table of points to check
    tags: tuple[str, ...] = field(default_factory=tuple)


RULES: dict[str, Rule] = {}
FAMILIES = ("basic", "conv", "extra")


def register(rule: Rule) -> Rule:
    if rule.name in RULES:
        raise ValueError(f"rule {rule.name!r} registered twice")
    RULES[rule.name] = rule
    return rule


def all_rules() -> dict[str, Rule]:
    """Every registered rule, loading each family's module on first use."""
    for family in FAMILIES:
        try:
            importlib.import_module(f"{__name__}.{family}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{family}":
                raise
    return RULES
