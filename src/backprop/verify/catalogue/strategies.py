"""Hypothesis strategies over the catalogue: cases drawn from a rule's declared Space.

Imported only by tests and tools that have Hypothesis installed; the catalogue itself does
not need it. Hypothesis makes every choice of :func:`~backprop.verify.catalogue.draw_case`
(shapes, option values, the seed of the input values), so a failing case shrinks towards
the smallest shapes and simplest options that still fail.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from hypothesis import strategies as st

from .rule import Case, Rule, draw_case

__all__ = ["cases"]


class _DrawChooser:
    def __init__(self, draw: Callable[[st.SearchStrategy], Any]):
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))

    def boolean(self) -> bool:
        return self.draw(st.booleans())

    def choice(self, options: Sequence[Any]) -> Any:
        return self.draw(st.sampled_from(list(options)))


@st.composite
def _case(draw: Callable, rule: Rule) -> Case:
    return draw_case(rule, _DrawChooser(draw))


def cases(rule: Rule) -> st.SearchStrategy[Case]:
    """Cases of ``rule`` generated from its :class:`~backprop.verify.catalogue.Space`."""
    return _case(rule)
