"""The import structure of src/backprop (read by tests/import_graph.py, nothing imported): no
import circle and no import running back up, counting the imports inside functions too (those
under ``if TYPE_CHECKING:`` never run and do not count); records do not import their renderers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_graph as ig  # noqa: E402

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


def test_no_circle_and_nothing_running_up():
    """Tensor's methods come from the table (engine → tensor_methods → functional → engine
    was a circle of 17 modules), the data catalogue is below its readers, the optimisers'
    names are the optimisers' own, and rendering is one package that imports what it draws."""
    edges = ig.graph()
    assert ig.circles(edges) == []
    assert ig.running_up(edges) == []


RECORDS = ("backprop.trace.compute", "backprop.computation_graph.record",
           "backprop.verify.derivation.report")


@pytest.mark.parametrize("record", RECORDS)
def test_a_record_does_not_import_its_renderer(record):
    """A record shows itself through backprop.display, which imports the renderer on use."""
    edges = ig.graph()
    assert not {m for m in edges[record] if m.split(".")[:2] == ["backprop", "render"]}


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
