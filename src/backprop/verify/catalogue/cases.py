"""Helpers that write a family's cases: the shapes every elementwise rule is tried on, a case
from inputs, the registration of a rule from its case table and Space."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ...functional.table import Op, ops
from .rule import Case, RandomChooser, Rule, Shape, Space, register
from .spaces import away, shape

Gen = np.random.Generator


SHAPES = [(5,), (1, 4), (3, 1, 2)]


def labels(rng: Gen, n_classes: int, shape) -> np.ndarray:
    return rng.integers(0, n_classes, size=shape)


def _shape_label(*arrays: np.ndarray) -> str:
    return " ".join("x" + str(tuple(a.shape)).replace(" ", "") for a in arrays)


def case(f: Callable, *inputs: np.ndarray, note: str = "") -> Case:
    label = _shape_label(*inputs) + (f" {note}" if note else "")
    return Case(label, f, tuple(np.asarray(x, dtype=np.float64) for x in inputs))


def family_of(fn: Callable[..., Any]) -> str:
    """The family of a rule: the name of its file in ``functional/`` (and here)."""
    return fn.__module__.rsplit(".", 1)[-1]


def register_op(name: str, cases: Callable[[Gen], list[Case]], space: Space | None = None) -> Rule:
    """Register the cases of the operation ``name`` of the table (its function and section
    are read from there) and the Space its further cases are generated from."""
    op = ops()[name]
    return register(Rule(name, op.fn, op.section, cases, tags=(family_of(op.fn),), space=space))


def rule(name: str, space: Space | None = None):
    """Decorator: register the function below it as the case table of operation ``name``."""

    def wrap(cases: Callable[[Gen], list[Case]]):
        register_op(name, cases, space)
        return cases

    return wrap


def table_twin(op: Op) -> Callable[..., Any] | None:
    """The PyTorch twin the table declares for ``op``, called as the rule is."""
    if op.torch is None:
        return None
    return lambda T, *xs, **kw: op.torch_function(T)(*xs, **kw)


def elementwise(op: Callable, domain: Callable, **kwargs) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        f = (lambda x: op(x, **kwargs)) if kwargs else op
        return [case(f, domain(rng, s)) for s in SHAPES] + [case(f, domain(rng, ()))]
    return cases


def unary(name: str, domain: Callable, twin: Callable | None = None) -> Rule:
    """Register an elementwise rule: hand-picked shapes, and any shape generated; its PyTorch
    twin is the table's unless given."""
    op = ops()[name]
    return register_op(name, elementwise(op.fn, domain),
                       Space(shape(), domain, torch=twin or table_twin(op)))


def with_options(op, domain, options: list[dict]):
    """Elementwise cases over the usual shapes (0-d and a size-0 axis among them), then one
    per set of options."""
    def cases(rng: Gen) -> list[Case]:
        out = elementwise(op, domain)(rng)
        out.append(case(op, domain(rng, (2, 0)), note="size-0 axis"))
        for opts in options:
            note = " ".join(f"{k}={v}" for k, v in opts.items())
            out.append(case(lambda x, o=opts: op(x, **o), domain(rng, (2, 3)), note=note))
        return out
    return cases


def options_label(shapes: tuple, options: dict) -> str:
    text = " ".join("x" + str(tuple(s)).replace(" ", "") for s in shapes)
    opts = " ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in options.items())
    return f"{text} {opts}".strip()


def option_case(fn: Callable, inputs: list[np.ndarray], **options: Any) -> Case:
    return Case(options_label(tuple(x.shape for x in inputs), options),
                lambda *xs: fn(*xs, **options), tuple(np.asarray(x, np.float64) for x in inputs))


def valid_draw(space: Space, rng: Gen) -> tuple[tuple[Shape, ...], dict]:
    """Shapes and options drawn from ``space`` until they are valid."""
    c = RandomChooser(rng)
    while True:
        shapes = space.shapes(c)
        kw = {name: option(c, shapes) for name, option in space.options.items()}
        if space.constants is not None:
            kw.update(space.constants(c, rng, shapes, kw))
        if space.valid(shapes, kw):
            return shapes, kw


def elementwise_entry(op: Op) -> Rule:
    """The entry of an elementwise operation that declares none: the usual shapes (0-d and a
    size-0 axis among them) away from 0, the kink of most activations, and its table twin."""
    cases = with_options(op.fn, away, [])
    return register_op(op.name, cases, Space(shape(), away, torch=table_twin(op)))
