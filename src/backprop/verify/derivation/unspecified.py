"""A loss the text never specifies. ``∂L/∂X = ∂L/∂Y Wᵀ`` with ``Y = XW + b`` and L defined
nowhere is a claim about every loss at once; it holds for all of them exactly when it holds
for a generic one, ``L = ⟨G, Y⟩`` with G arbitrary (the derivative of a loss by Y can be any
array of Y's shape). So the step is checked with that L, G drawn like any input and shown as
``∂L/∂Y`` in a counterexample.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from . import tree as t
from .scope import Definition, Item, is_label_sub, mentioned_names
from .symbols import Kind
from .values import as_tensor

if TYPE_CHECKING:
    from .steps import Checker

__all__ = ["assume_loss", "unspecified_loss"]


def unspecified_loss(checker: Checker, left: Any, right: Any,
                     item: Item) -> tuple[str, list[Any], list[str]] | None:
    """``∂L/∂X = ∂L/∂Y W^T`` with L never defined: a claim for every loss L, true for all
    of them only if it holds for a generic one, L = ⟨G, Y⟩ with G arbitrary (Y the latest
    quantity the step differentiates L by). Both sides must speak of L's derivatives
    (directly or through a definition such as δ = ∂L/∂z); a side without them (∂L/∂y =
    y − t) depends on which L, and stays unreadable. (L's name, the quantities it is read
    as a function of, their names.)"""
    if left is None or right is None:
        return None
    view = checker.names.view(item.line, item.paragraph)

    def derivs(tree: Any, depth: int) -> list[t.Deriv]:
        out = [n for n in t.walk(tree) if isinstance(n, t.Deriv) and
               isinstance(n.f, (t.Sym, t.Script))]
        for n in t.walk(tree):      # ∇_{h} L, written as an operator before L
            if isinstance(n, t.Product):
                for op, f in zip(n.items, n.items[1:]):
                    if isinstance(op, t.Script) and isinstance(op.base, t.Sym) and \
                            op.base.name == r"\nabla" and op.sub and len(op.sub) == 1 \
                            and op.sup is None and isinstance(f, (t.Sym, t.Script)):
                        out.append(t.Deriv(f, op.sub[0]))
        if depth:
            names = set(mentioned_names(tree))
            for n in t.walk(tree):     # dO, dS_{ij}: names of gradients (dO = ∂L/∂O)
                if isinstance(n, t.Product):
                    for d_, x in zip(n.items, n.items[1:]):
                        if isinstance(d_, t.Sym) and d_.name == "d" and \
                                isinstance(x, (t.Sym, t.Script)):
                            head = x.base if isinstance(x, t.Script) else x
                            names |= {"d" + t.canon(x), "d" + t.canon(head)}
            for name in names:
                d = view.get(name)
                if d is not None and not d.params:
                    out += derivs(d.expr, depth - 1)
        return out

    def free(n: t.Deriv) -> str | None:
        if n.f is None:
            return None
        name = t.canon(n.f)
        family = {name}
        if isinstance(n.f, t.Script) and isinstance(n.f.base, t.Sym):
            family |= {n.f.base.name, t.canon(t.Script(n.f.base, None, n.f.sup)),
                       t.canon(t.Script(n.f.base, n.f.sub, None))}
        known = name in view or name in checker.names.declared or any(
            f in view or f in checker.names.declared or f in checker.names.symbols()
            for f in family - {name})     # h_t of a family h the text defines
        return None if known else name

    sides = [derivs(left, 1), derivs(right, 1)]
    common = {f for f in (free(n) for n in sides[0]) if f is not None} & \
        {f for f in (free(n) for n in sides[1]) if f is not None}
    if len(common) != 1:
        return None
    name = common.pop()
    families: dict[str, Any] = {}
    for n in sides[0] + sides[1]:
        if free(n) != name:
            continue
        var = n.var
        if n.order != 1 or not isinstance(var, (t.Sym, t.Script)):
            return None
        if isinstance(var, t.Script) and var.sub is not None and \
                not is_label_sub(var.sub):             # Y_{nj}, z^l_j: of Y, z^l
            var = t.Script(var.base, None, var.sup) if var.sup is not None else var.base
        families[t.canon(var)] = var
    ev = checker.evaluator(item.line, item.paragraph)
    top = [u for u in sorted(families) if not any(
        w != u and ev._depends(families[w], u) for w in families)]
    # one quantity on top of the others: two that do not depend on each other leave the
    # forward pass unread (y ← γ x̂ + β not read), and L's dependence unknown
    if len(top) != 1 or not all(u in view or u in checker.names.symbols() for u in top):
        return None
    return name, [families[u] for u in top], top


def assume_loss(checker: Checker, name: str, quantities: list[Any], names: list[str],
                item: Item) -> Callable[[], None]:
    """Give the unspecified ``name`` the definition ⟨G₁, u₁⟩ + ⟨G₂, u₂⟩ + … for the step,
    each G drawn like any input (shown as ∂L/∂u in a counterexample); what undoes it."""
    ev = checker.evaluator(item.line, item.paragraph)
    scope = checker.scope(0)
    shapes = [as_tensor(ev.eval(tree, scope)).shape for tree in quantities]
    expr: Any = None
    added = []
    for u, tree, shape in zip(names, quantities, shapes):
        g = f"∂{name}/∂{u}"
        kind = Kind("scalar") if not shape else Kind("vector", shape) \
            if len(shape) == 2 and shape[1] == 1 else Kind("matrix", shape)
        checker.names.inferred[g] = kind
        checker.names.inferred_why[g] = f"arbitrary (the derivative of an unspecified {name})"
        checker.names.inferred_firm.add(g)
        added.append(g)
        term = t.Inner(t.Sym(g), tree)
        expr = term if expr is None else t.Add(expr, term)
    saved = checker.names.definitions.get(name)
    checker.names.definitions[name] = [Definition(name, expr, line=item.line,
                                               paragraph=item.paragraph)] + (saved or [])
    checker.names.definitions_changed()

    def undo() -> None:
        if saved is None:
            del checker.names.definitions[name]
        else:
            checker.names.definitions[name] = saved
        for g in added:
            checker.names.inferred.pop(g, None)
            checker.names.inferred_why.pop(g, None)
            checker.names.inferred_firm.discard(g)
        checker.names.definitions_changed()
    return undo
