"""The import structure of src/backprop (read by tests/import_graph.py, nothing imported):
no import circle outside the rendering modules still being brought into one package, none at
all among the imports run when a module loads, and no import running back up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_graph as ig  # noqa: E402

# The one circle left, and its two imports running up: rendering spread over the things
# rendered (notebook, trace, the checker's report) and the computation graph's record and
# its renderers; they go when rendering has one package of its own.
RENDERING = ("backprop.notebook", "backprop.trace.", "backprop.verify.derivation",
             "backprop.computation_graph.")


def _rendering(module: str) -> bool:
    return module.startswith(RENDERING)


def test_the_reader_sees_imports_anywhere_and_ignores_type_checking(tmp_path):
    pkg = tmp_path / "backprop"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from . import a\n")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from .b import x\n")
    (pkg / "b.py").write_text("def f():\n    from .sub import c\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "c.py").write_text("from ..b import f\nfrom .. import a\n")
    edges = ig.graph(root=pkg)
    assert edges["backprop.a"] == set()
    assert edges["backprop.b"] == {"backprop.sub.c"}
    assert edges["backprop.sub.c"] == {"backprop.b", "backprop.a"}
    assert ig.circles(edges) == [["backprop.b", "backprop.sub.c"]]
    assert ig.running_up(edges, root=pkg) == [("backprop.sub.c", "backprop.b")]
    assert ig.circles(ig.graph(top_only=True, root=pkg)) == []


def test_no_circle_when_modules_load():
    edges = ig.graph(top_only=True)
    assert ig.circles(edges) == [] and ig.running_up(edges) == []


def test_no_new_circle():
    """Tensor's methods come from the table (engine → tensor_methods → functional → engine
    was a circle of 17 modules), the data catalogue is below its readers, the optimisers'
    names are the optimisers' own (train.loop ↔ train.recipe): a circle anywhere but in the
    rendering modules fails here."""
    edges = ig.graph()
    outside = [c for c in ig.circles(edges) if not all(_rendering(m) for m in c)]
    assert not outside, outside
    up = [(m, n) for m, n in ig.running_up(edges) if not (_rendering(m) and _rendering(n))]
    assert not up, up


@pytest.mark.parametrize("module", ["backprop.engine", "backprop.functional.array_ops",
                                    "backprop.data.catalog"])
def test_below_its_users(module):
    """The engine, the rules and the catalogue import nothing that imports them back."""
    edges = ig.graph()
    reach, todo = set(), [module]
    while todo:
        for n in edges[todo.pop()]:
            if n not in reach:
                reach.add(n)
                todo.append(n)
    assert module not in reach
