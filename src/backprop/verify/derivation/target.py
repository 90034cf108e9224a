"""Whether a derivation reaches the target its exercise sheet states.

A sheet's front matter says ``target: left = right``. The derivation reaches it when one of its
chains — a display and the ``= …`` displays that continue it — goes, through steps that all
hold, from an expression equal to the target's left side to one of the form of its right side
and equal to it (equal as the checker compares steps: at every point and under the same
reading). Writing the target down again ("Show that $$left = right$$") is not reaching it, and
a chain checked only at one point does not reach a target meant for every point.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from . import terms as t
from .report import TargetVerdict
from .scope import Item
from .syntax import Side, read_side, split_chain

__all__ = ["reaches", "read_target"]


def read_target(text: str, offset: int) -> tuple[Side, Side] | None:
    """The two sides of a front matter's ``target:``, or None unless it is one equation."""
    chain = split_chain(text, offset)
    if chain is None or len(chain[0]) != 2 or chain[3]:
        return None
    return read_side(chain[0][0]), read_side(chain[0][1])


def _chains(items: list[Item], statuses: dict[int, dict[int, str]]) -> list[list[tuple[Side, str | None]]]:
    chains: list[list[tuple[Side, str | None]]] = []
    for number, item in enumerate(items):
        if item.role != "claim" or item.conditions:
            continue       # a chain read at a value ("at x = 1") does not reach a general target
        steps = [(side, statuses.get(number, {}).get(k - 1)) for k, side in enumerate(item.sides)]
        if item.statement.continues:
            owner = next((c for c in reversed(chains) if c[-1][0] is item.sides[0]), None)
            if owner is not None:
                owner.extend(steps[1:])
                continue
        chains.append(steps)
    return chains


def _size(term: Any) -> int:
    return t.size(term)[0]


def _derivative(term: Any) -> bool:
    return any(isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(term))


def reaches(checker: Any, items: list[Item], statuses: dict[int, dict[int, str]],
            target: tuple[Side, Side] | None, text: str) -> TargetVerdict:
    """Whether a chain whose steps hold goes from the target's left side to its right."""
    if target is None:
        return TargetVerdict("not stated")
    left, right = target
    if left.term is None or right.term is None:
        return TargetVerdict("not reached", f"the target “{text}” cannot be read")
    restated = (left.text, right.text)
    for chain in _chains(items, statuses):
        if len(chain) == 2 and (chain[0][0].text, chain[1][0].text) == restated:
            continue
        starts = [k for k, (side, _) in enumerate(chain)
                  if side.term is not None and (side.term == left.term or k == 0 and (
                      _derivative(side.term) == _derivative(left.term)) and
                      _size(side.term) <= _size(left.term) and
                      _same(checker, side, left, items[0]))]
        for a in starts:
            for b in range(a + 1, len(chain)):
                if chain[b][1] not in ("holds", "definition"):
                    break
                side = chain[b][0]
                if side.term is None:
                    continue
                final = side.term == right.term or not (
                    _derivative(side.term) and not _derivative(right.term)) and \
                    _size(side.term) <= _size(right.term)
                if final and _same(checker, side, right, items[0]):
                    line = checker.line_of(side.piece.offset)
                    start = checker.line_of(chain[a][0].piece.offset)
                    return TargetVerdict("reached", f"reached on line {line}", line, start)
    return TargetVerdict("not reached", f"no chain whose steps hold goes from "
                                        f"{left.text.strip()} to {right.text.strip()}")


def _same(checker: Any, side: Side, goal: Side, probe: Item) -> bool:
    """Whether an expression of the text equals a side of the target, at every point."""
    if probe is None:
        return False
    statement = dataclasses.replace(probe.statement, condition=None, labels=())
    neutral = Item(statement, [side, goal], "claim", probe.line)
    return checker.judge(side, goal, neutral).status == "holds"

