"""Shape inference: the kinds of the names a derivation uses without declaring them.

A name that is neither declared nor defined may still be one of the derivation's inputs: a
leaf of a definition (``x`` and ``b`` in ``z = Wx + b``), the variable of a derivative, or a
name on both sides of a step (``(a + b)^2 = a^2 + 2ab + b^2``). Such a name gets a kind
read from its use — a vector when it is indexed by one index or multiplied by a matrix, a
matrix when indexed by two, otherwise a number — and every such assumption is listed in the
report. Any other undeclared name has no value: its steps are unreadable.
"""

from __future__ import annotations

from typing import Any

from . import tree as t
from .scope import CONSTANT_NAMES, Item, Names, index_list, script_name, value_names
from .symbols import Kind
from .values import BUILTIN, GREEK

__all__ = ["infer", "inputs", "IMPLICIT_SIZE"]

IMPLICIT_SIZE = 4


def _candidate(name: str) -> bool:
    if name in BUILTIN or name in CONSTANT_NAMES or name.replace(".", "").isdigit():
        return False
    if name.startswith("\\") and name[1:].isalpha() and name not in GREEK:
        return False
    return True


def _derivative_variables(tree: Any, known) -> set[str]:
    found = set()
    for n in t.walk(tree):
        if isinstance(n, t.Deriv):
            found |= value_names(n.var, known)
    return found


def inputs(items: list[Item], names: Names) -> set[str]:
    """The undeclared, undefined names that are inputs of the derivation."""
    def known(name: str) -> bool:
        return name in names.declared or name in names.definitions

    found: set[str] = set()
    for ds in names.definitions.values():
        for d in ds:
            found |= value_names(d.expr, known) - set(d.params) - set(d.index)
    for item in items:
        if item.role != "claim":
            continue
        trees = [s.tree for s in item.sides if s.tree is not None]
        for tree in trees:
            found |= _derivative_variables(tree, known)
        for a, b in zip(trees, trees[1:]):
            found |= value_names(a, known) & value_names(b, known)
    kronecker = _kronecker(items) and r"\delta" not in names.definitions
    return {n for n in found if _candidate(n) and n not in names.declared
            and n not in names.definitions and not (kronecker and n == r"\delta")}


def _kronecker(items: list[Item]) -> bool:
    """δ written with two indices and never alone: Kronecker's delta, notation, not a value."""
    for item in items:
        for side in item.sides:
            if side.tree is None:
                continue
            for n in t.walk(side.tree):
                if isinstance(n, t.Script) and isinstance(n.base, t.Sym) and \
                        n.base.name == r"\delta" and n.sub and len(index_list(n.sub)) == 2:
                    return True
    return False


def _rank(name: str, items: list[Item], names: Names) -> int:
    """How many indices the text puts on ``name`` (0: none seen)."""
    def known(n: str) -> bool:
        return n in names.declared or n in names.definitions

    rank = 0
    trees = [s.tree for item in items for s in item.sides if s.tree is not None]
    trees += [d.expr for ds in names.definitions.values() for d in ds]
    for tree in trees:
        for n in t.walk(tree):
            if not (isinstance(n, t.Script) and n.sub and isinstance(n.base, t.Sym)):
                continue
            written = script_name(n, known)
            if written is None and n.base.name == name or written == name and \
                    t.canon(t.Script(n.base, n.sub, None)) != name:
                letters = index_list(n.sub)
                if all(isinstance(i, t.Sym) and len(i.name) == 1 and i.name.islower()
                       for i in letters) and len(letters) in (1, 2):
                    rank = max(rank, len(letters))
    return rank


def infer(items: list[Item], names: Names, checker: Any) -> None:
    """Give every input of the derivation a kind, recorded in ``names.inferred``."""
    for name in sorted(inputs(items, names)):
        rank = _rank(name, items, names)
        if rank == 1:
            kind, why = Kind("vector", (IMPLICIT_SIZE, 1)), f"a vector of {IMPLICIT_SIZE}"
        elif rank == 2:
            kind, why = Kind("matrix", (IMPLICIT_SIZE, IMPLICIT_SIZE)), \
                f"a {IMPLICIT_SIZE}×{IMPLICIT_SIZE} matrix"
        else:
            kind, why = Kind("scalar"), "a number"
        names.inferred[name] = kind
        names.inferred_why[name] = why
