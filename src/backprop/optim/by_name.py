"""Optimisers by name: each class declares its names and their default hyper-parameters
(``recipes`` beside its update rule), and this table is the walk of those declarations, so a
new optimiser is named where it is written. ``backprop train --optimizer``, ``bp.fit``, the
estimators and the page's training read it."""

from __future__ import annotations

from typing import Any, Iterable

from ..errors import BackpropError
from ..registry import subclasses
from .optimizer import Optimizer

__all__ = ["optimizers", "make_optimizer"]


def optimizers() -> dict[str, tuple[type, dict[str, Any]]]:
    """Name → (optimiser class, its default hyper-parameters), read from the ``recipes``
    each subclass of :class:`~backprop.optim.Optimizer` declares (the package, imported
    before this module, imports every optimiser)."""
    table: dict[str, tuple[type, dict[str, Any]]] = {}
    for cls in subclasses(Optimizer):
        for name, defaults in vars(cls).get("recipes", {}).items():
            if name in table:
                raise BackpropError(f"optimizer name {name!r} is declared by both "
                                    f"{table[name][0].__name__} and {cls.__name__}")
            table[name] = (cls, dict(defaults))
    return table


def make_optimizer(name: str, params: Iterable[Any], lr: float | None = None,
                   weight_decay: float | None = None) -> Optimizer:
    """The optimiser called ``name`` (``adam``, ``sgd``, ``momentum``, …) with its declared
    defaults, ``lr`` and ``weight_decay`` overriding them when given."""
    table = optimizers()
    if name not in table:
        raise BackpropError(f"optimizer must be one of {', '.join(sorted(table))}, got {name!r}")
    cls, kwargs = table[name]
    if lr is not None:
        kwargs["lr"] = lr
    if weight_decay is not None:
        kwargs["weight_decay"] = weight_decay
    return cls(params, **kwargs)
