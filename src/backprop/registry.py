"""How declarations are collected: a class declares what it is on itself (a layer its
``grammar``, an optimiser its ``recipes``) and a table is the walk of its subclasses; a rule
declares itself with :func:`backprop.functional.table.declare`, and its table is the walk of
the package's public names. Nothing is listed twice by hand."""

from __future__ import annotations

from typing import TypeVar

__all__ = ["subclasses"]

T = TypeVar("T")


def subclasses(cls: type[T]) -> list[type[T]]:
    """Every subclass of ``cls``, depth first (those defined in a user's script too)."""
    out: list[type[T]] = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(subclasses(sub))
    return out
