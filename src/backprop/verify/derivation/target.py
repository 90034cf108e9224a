"""Whether a derivation reaches the target its sheet states.

An exercise sheet states in its front matter ``target: left = right``. The derivation
reaches it when one of its chains — a display and the ``= …`` displays that continue it —
goes, through steps that all hold, from an expression equal to the target's left side to
one equal to its right side (equal as the checker compares steps: numerically, at the same
points). Writing the target down again ("Show that $$left = right$$") is not reaching it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import tree as t
from .markdown import statement
from .parse import Unreadable, parse
from .scope import Item, Side

__all__ = ["Target", "TargetVerdict", "reaches", "read_target"]


@dataclass(frozen=True)
class Target:
    text: str
    left: Side
    right: Side
    line: int


@dataclass(frozen=True)
class TargetVerdict:
    status: str            # "reached" | "not reached" | "not stated"
    message: str = ""
    line: int | None = None     # where the chain reaches the target
    start: int | None = None    # where that chain starts

    def to_json(self) -> str:
        return self.status


def read_target(text: str, line: int, offset: int) -> Target | None:
    """The target ``left = right`` of a front matter line (None unless it is one equation)."""
    st = statement(text, offset)
    if st is None or len(st.pieces) != 2 or st.continues:
        return None
    left, right = (Side(p, None, None) for p in st.pieces)
    for side in (left, right):
        try:
            side.tree = parse(side.piece.text)
        except Unreadable as e:
            side.error = e
    return Target(" ".join(text.split()), left, right, line)


def _chains(items: list[Item]) -> list[list[tuple[Side, str | None]]]:
    """Each chain as its expressions, each with the status of the step that reaches it."""
    chains: list[list[tuple[Side, str | None]]] = []
    for item in items:
        if item.role != "claim":
            continue
        statuses = dict(item.statuses)
        steps = [(side, statuses.get(k - 1)) for k, side in enumerate(item.sides)]
        if item.statement.continues:
            # "= …" continues the chain that ends with the expression it starts from
            owner = next((c for c in reversed(chains) if c[-1][0] is item.sides[0]), None)
            if owner is not None:
                owner.extend(steps[1:])
                continue
        chains.append(steps)
    return chains


def reaches(checker: Any, items: list[Item], target: Target | None) -> TargetVerdict:
    if target is None:
        return TargetVerdict("not stated")
    if target.left.tree is None or target.right.tree is None:
        return TargetVerdict("not reached", f"the target {target.text!r} cannot be read")
    restated = (target.left.text, target.right.text)
    probe = Item(items[0].statement, [], "claim", target.line, -1) if items else None
    for chain in _chains(items):
        if len(chain) == 2 and (chain[0][0].text, chain[1][0].text) == restated:
            continue                    # "Show that $$…$$": the target written down again
        # a chain starts at the target's left side where it is written as such, or where
        # the chain begins with an expression of its form and value
        starts = [k for k, (side, _) in enumerate(chain)
                  if side.tree is not None and (side.tree == target.left.tree or k == 0 and
                                                _start(side.tree, target.left.tree) and
                                                _same(checker, side, target.left, probe))]
        for a in starts:
            for b in range(a + 1, len(chain)):
                status = chain[b][1]
                if status not in ("holds", "definition"):
                    break
                side = chain[b][0]
                if side.tree is not None and _final(side.tree, target.right.tree) and \
                        _same(checker, side, target.right, probe):
                    line = checker.line_of(side.piece)
                    start = checker.line_of(chain[a][0].piece)
                    return TargetVerdict("reached", f"reached on line {line}", line, start)
    return TargetVerdict("not reached", f"no chain whose steps hold goes from "
                                        f"{target.left.text.strip()} to "
                                        f"{target.right.text.strip()}")


def _start(tree: Any, goal: Any) -> bool:
    """Whether an expression can be where the target's chain starts: as written, or of the
    same form (a derivative when the target starts from one); an intermediate expression
    that only equals it in value is not a start."""
    if tree == goal:
        return True
    derivative = any(isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(goal))
    return derivative == any(isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(tree)) and \
        t.size(tree)[0] <= t.size(goal)[0]


def _final(tree: Any, goal: Any) -> bool:
    """Whether an expression is in the target's form: as written, or no longer than it (an
    expression equal in value but longer, ⌊31/2⌋ + 1 for 16, still has work left)."""
    if tree == goal:
        return True
    unfinished = any(isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(tree)) and not any(
        isinstance(n, (t.Deriv, t.Prime)) for n in t.walk(goal))
    return not unfinished and t.size(tree)[0] <= t.size(goal)[0]


def _same(checker: Any, side: Side, goal: Side, probe: Item | None) -> bool:
    """Whether an expression of the text equals a side of the target (checked as a step)."""
    if probe is None:
        return False
    item = Item(probe.statement, [side, goal], "claim", checker.line_of(side.piece), -1)
    return checker.check(side, goal, item).status == "holds"
