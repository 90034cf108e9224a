"""How a record shows itself without importing what draws it.

A trace, a computation graph or a derivation's report is made below the rendering package
(:mod:`backprop.render`), whose modules import the records to draw them. So a record's
``_repr_html_`` (what Jupyter calls) or ``to_dot`` asks :func:`show`, which finds in
:data:`DRAWN_BY` — one table, by the record type's and the renderer's module names — the
function that draws it, and imports that module on first use. Records import only this.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["show", "DRAWN_BY"]

# (record's module, record's class, medium) → (renderer's module, function of the record)
DRAWN_BY: dict[tuple[str, str, str], tuple[str, str]] = {
    ("backprop.trace.compute", "Trace", "text/html"): ("backprop.render.trace", "trace_html"),
    ("backprop.trace.compute", "Trace", "text/plain"): ("backprop.render.trace", "text"),
    ("backprop.computation_graph.record", "Graph", "text/html"):
        ("backprop.render.graph", "graph_html"),
    ("backprop.computation_graph.record", "Graph", "dot"): ("backprop.render.graph", "to_dot"),
    ("backprop.verify.derivation.report", "DerivationReport", "text/html"):
        ("backprop.render.derivation", "report_html"),
    ("backprop.verify.derivation.report", "DerivationReport", "text/plain"):
        ("backprop.render.derivation", "report_text"),
    ("backprop.verify.derivation.report", "DerivationReport", "text/explain"):
        ("backprop.render.derivation", "report_explained"),
    ("backprop.verify.derivation.report", "DerivationReport", "text/markdown"):
        ("backprop.render.derivation", "report_markdown"),
}


def show(record: Any, medium: str) -> str:
    """``record`` drawn in ``medium`` ("text/html", "text/plain", "dot", …) by the function
    :data:`DRAWN_BY` names for its type (or a base class)."""
    for cls in type(record).__mro__:
        where = DRAWN_BY.get((cls.__module__, cls.__qualname__, medium))
        if where is not None:
            module, function = where
            return getattr(importlib.import_module(module), function)(record)
    raise LookupError(f"nothing draws a {type(record).__name__} as {medium}")
