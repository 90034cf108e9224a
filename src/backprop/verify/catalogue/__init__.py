"""The catalogue of rules as data: for each operation of the table
(:mod:`backprop.functional.table`), the cases on which it is verified.

One table drives ``backprop gradcheck``, ``backprop explain`` and the test suite. Each file
here holds the cases of the file of ``functional/`` with the same name; an entry names the
operation, and its function and section are read from the table (see :mod:`.rule` for what
an entry is, :mod:`.cases` and :mod:`.spaces` for the helpers that write one). An elementwise
operation with no entry here is checked on the usual shapes, away from 0, against the PyTorch
twin the table names: a new activation needs no entry of its own.
"""

from __future__ import annotations

from ...functional.table import ops
from . import (activations, adaptive_pooling, array_ops, conv, dropout, flatten, linear, losses,
               normalization, padding, pooling, tensor_ops)
from .cases import elementwise_entry
from .rule import (Case, Chooser, Domain, FEATURES, Layout, Option, RULES, RandomChooser, Rule,
                   Shape, Space, draw_case, features, register)

__all__ = ["FEATURES", "RULES", "Case", "Chooser", "Domain", "Layout", "Option", "RandomChooser",
           "Rule", "Shape", "Space", "all_rules", "draw_case", "features", "register"]

# The families, imported for their entries (each registers its rules as it is read).
FAMILIES = (activations, adaptive_pooling, array_ops, conv, dropout, flatten, linear, losses,
            normalization, padding, pooling, tensor_ops)


def all_rules() -> dict[str, Rule]:
    """Every rule: the families' entries, and the default entry of every elementwise
    operation of the table that has none."""
    for op in ops().values():
        if op.elementwise and op.name not in RULES:
            elementwise_entry(op)
    return RULES
