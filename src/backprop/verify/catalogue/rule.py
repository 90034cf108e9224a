"""What a catalogue entry is: a :class:`Rule` (an operation of the table, the cases on which
it is verified and the :class:`Space` they are generated from). One table drives
``backprop gradcheck``, ``backprop explain`` and the test suite.

A :class:`Rule` names the public function (whose docstring holds the formulas) and makes
:class:`Case` objects: a function of float64 arrays, closing over any constants (labels,
options), and the point at which to check it. Besides its hand-picked cases a rule declares
its :class:`Space`: the shapes its inputs may take, the domain of their values and the range
of each option (axes, keepdims, …). Cases are generated from the declaration by
:func:`draw_case` with any :class:`Chooser` — a NumPy generator (:class:`RandomChooser`) or
Hypothesis (:mod:`.strategies`), which then searches and shrinks over 0-d inputs, size-0
axes, negative axes and both keepdims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Sequence

import numpy as np

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Case:
    label: str                      # what is being tried, e.g. "x(1,5) dim=0"
    f: Callable[..., Any]           # f(*inputs) -> Tensor, built from the library's ops
    inputs: tuple[np.ndarray, ...]  # float64 point(s) at which to differentiate
    options: dict = field(default_factory=dict)  # keyword arguments f passes (generated cases)
    valid: bool = True              # False: the rule must refuse with a BackpropError


class Chooser(Protocol):
    """The source of every choice made while drawing a case from a :class:`Space`."""

    def integer(self, low: int, high: int) -> int: ...  # low ≤ n ≤ high
    def boolean(self) -> bool: ...
    def choice(self, options: Sequence[Any]) -> Any: ...


class RandomChooser:
    """Choices from a NumPy generator (``backprop gradcheck`` samples with it)."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return int(self.rng.integers(low, high + 1))

    def boolean(self) -> bool:
        return bool(self.rng.integers(2))

    def choice(self, options: Sequence[Any]) -> Any:
        return options[int(self.rng.integers(len(options)))]


Layout = Callable[[Chooser], tuple[Shape, ...]]        # shapes of the positional inputs
Option = Callable[[Chooser, tuple[Shape, ...]], Any]   # one keyword option, given the shapes
Domain = Callable[[np.random.Generator, Shape], np.ndarray]


@dataclass(frozen=True)
class Space:
    """Where a rule is defined, as a declaration from which cases are generated.

    ``shapes`` draws the shapes of the positional (differentiable) inputs; ``domain`` gives
    their values (one for all or one per input); ``options`` draws each keyword option from
    the shapes; ``constants`` adds non-differentiable keyword arguments (labels, weights)
    that depend on the draw; ``call(fn, *inputs, **kwargs)`` calls the rule when it does not
    take its inputs positionally; ``valid(shapes, kwargs)`` is False where the rule must
    refuse with a :class:`~backprop.errors.BackpropError`. ``torch(T, *tensors, **kwargs)``
    is the PyTorch twin (``T`` is the torch module; array options arrive as tensors).
    ``without`` names the features (see :data:`FEATURES`) the rule cannot take, with why.
    """

    shapes: Layout
    domain: Domain | tuple[Domain, ...]
    options: dict[str, Option] = field(default_factory=dict)
    constants: Callable[[Chooser, np.random.Generator, tuple[Shape, ...], dict], dict] | None = None
    call: Callable[..., Any] | None = None
    valid: Callable[[tuple[Shape, ...], dict], bool] | None = None
    torch: Callable[..., Any] | None = None
    without: dict[str, str] = field(default_factory=dict)


# What every space must reach (or name in ``without`` with a reason).
FEATURES = ("0-d input", "size-0 axis", "size-1 axis", "negative axis", "keepdims=True",
            "keepdims=False")


def draw_case(rule: "Rule", chooser: Chooser) -> Case:
    """One case of ``rule`` drawn from its :class:`Space` by ``chooser``."""
    space = rule.space
    if space is None:
        raise ValueError(f"rule {rule.name!r} declares no Space")
    shapes = tuple(tuple(s) for s in space.shapes(chooser))
    kwargs = {name: opt(chooser, shapes) for name, opt in space.options.items()}
    rng = np.random.default_rng(chooser.integer(0, 2**32 - 1))
    domains = space.domain if isinstance(space.domain, tuple) else (space.domain,) * len(shapes)
    inputs = tuple(np.asarray(d(rng, s), dtype=np.float64) for d, s in zip(domains, shapes))
    if space.constants is not None:
        kwargs.update(space.constants(chooser, rng, shapes, kwargs))
    valid = space.valid is None or bool(space.valid(shapes, kwargs))
    call = space.call or _positional
    fn = rule.fn

    def f(*xs: Any) -> Any:
        return call(fn, *xs, **kwargs)

    label = " ".join("x" + str(s).replace(" ", "") for s in shapes)
    shown = " ".join(f"{k}={_short(v)}" for k, v in kwargs.items())
    return Case(f"{label} {shown}".strip(), f, inputs, kwargs, valid)


def _positional(fn: Callable, *xs: Any, **kwargs: Any) -> Any:
    return fn(*xs, **kwargs)


def _short(v: Any) -> str:
    if isinstance(v, np.ndarray):
        return f"array{v.shape}" if v.size > 4 else np.array2string(v, separator=",")
    return repr(v)


def features(case: Case) -> set[str]:
    """Which of :data:`FEATURES` a generated case exercises."""
    found = set()
    if any(x.ndim == 0 for x in case.inputs) and case.valid:
        found.add("0-d input")
    if any(0 in x.shape for x in case.inputs):
        found.add("size-0 axis")
    if any(1 in x.shape for x in case.inputs) and case.valid:
        found.add("size-1 axis")
    for name, v in case.options.items():
        if name in ("axis", "dim", "axes") and any(
                isinstance(a, (int, np.integer)) and a < 0
                for a in (v if isinstance(v, (tuple, list)) else (v,))):
            found.add("negative axis")
        if name in ("keepdims", "keepdim"):
            found.add(f"keepdims={bool(v)}")
    return found


@dataclass(frozen=True)
class Rule:
    name: str                                           # e.g. "softmax"
    fn: Callable[..., Any]                              # the public op (docstring = formulas)
    section: str                                        # its section number in docs/derivations.md
    cases: Callable[[np.random.Generator], list[Case]]  # the table of points to check
    tags: tuple[str, ...] = field(default_factory=tuple)
    space: Space | None = None                          # where cases are generated from


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.name in RULES:
        raise ValueError(f"rule {rule.name!r} registered twice")
    RULES[rule.name] = rule
    return rule
