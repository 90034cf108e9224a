"""Derivatives as a text writes them — ``∂f/∂x``, ``d/dx``, ``∇_x f``, ``D_x f``, primes (``σ'``,
``f'(u)``), second derivatives — by a name, a component, or a defined intermediate (the
intermediate is then held as a variable: ``∂L/∂z`` with ``z = Wx + b`` differentiates L by z).

Taken by reverse mode on the expression (:func:`backprop.engine.backprop`, the library's own
rules), confirmed by central differences in a random direction (a disagreement is a kink: the
point is dropped, not counted); through a function with no rule (erf, a matrix inverse) and for
derivatives of derivatives, by fourth-order central differences. Laid out as the conventions
say: the gradient of a number has the variable's shape; a Jacobian has one row per output.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from ... import functional as F
from ...engine import Tensor, backprop, enable_grad
from . import terms as t
from .names import index_list, mentioned_names, split_label, squared
from .notation import lookup
from .values import EvalError, Fn, NeedsNumeric, NotDifferentiable, TooLong, Unknown, as_int, \
    as_tensor, ask_about, clock

if TYPE_CHECKING:
    from .evaluate import Evaluator, Frame

__all__ = ["derivative", "derivative_node", "prime", "free_inputs", "MAX_JACOBIAN"]

MAX_JACOBIAN = 250_000


def derivative_node(ev: Evaluator, node: t.Deriv, frame: Frame, jacobian: bool = False) -> Tensor:
    member = _member_at(ev, node.var, frame)
    if member is not None:          # ∂L/∂a_t with a_t ∈ ℝ^H: by the member a_t at this t
        name, index = member[0], None
        frame = frame.with_values({member[0]: member[1]})
    else:
        name, index = variable(ev, node.var, frame, node.f)
    if node.order == 1:
        return derivative(ev, node.f, name, index, frame, jacobian=jacobian)
    inner = t.Deriv(node.f, node.var, node.order - 1)
    return derivative(ev, inner, name, index, frame, numeric=True)


def _member_at(ev: Evaluator, var: Any, frame: Frame) -> tuple[str, Any] | None:
    """``a_{k}`` and its value, for ``a_t`` at the step's t = k, where a is a family of
    vectors or matrices (``a_t = W h_{t−1} + …``): a member, not an entry of one."""
    if ev._firm(t.canon(var), frame) or not (
            isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sup is None and
            var.sub and len(index_list(var.sub)) == 1 and not isinstance(var.sub[0], t.Num) and
            mentioned_names(var.sub[0]) and mentioned_names(var.sub[0]) <= set(frame.indices)
            and any(d.index for d in ev.scope.definitions.get(var.base.name, ()))):
        return None
    try:
        k = as_int(ev.eval(var.sub[0], frame), t.canon(var.sub[0]))
        member = t.Script(var.base, (t.Num(float(k)),), None)
        value = ev.eval(member, frame)
        # (a number member too, of a sequence: h_t = w h_{t−1} + x_t makes h_{t−1} a step of
        # h, not an entry of a vector h)
        if as_tensor(value).size > 1 or any(
                d.recurrence for d in ev.scope.definitions.get(var.base.name, ())):
            return t.canon(member), value
    except EvalError:
        pass
    return None


def variable(ev: Evaluator, var: Any, frame: Frame, f: Any = None
             ) -> tuple[str, list[int] | None]:
    """What ``∂x_j`` differentiates by (of ``f``, when given): a name and (1-based) component
    indices."""
    full = t.canon(var)
    if isinstance(var, t.Sym) and full not in ev.definitions and full not in ev.scope.declared \
            and full not in ev.scope.declared_on and full not in frame.values:
        labelled = sorted(n for n in ev.symbols.keys() | ev.definitions.keys()
                          if n.startswith(full + "^"))
        if len(labelled) > 1:           # a^{l-1}, a^l, a^L: the one the function depends on
            labelled = [n for n in labelled if ev.depends(f, n)] if f is not None else []
        elif ev.known(full):            # x used alone too: ∇_x f(x^{(0)}) is by x
            labelled = []
        if len(labelled) == 1:          # Nielsen's ∇_a C: by a^L, the one a the text has
            ev.notes.add(f"∂/∂{full} as ∂/∂{labelled[0]}")
            return labelled[0], None
    if isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sub and \
            (var.base.name in ev.scope.remarked or var.base.name in frame.values) and \
            var.base.name not in ev.scope.declared and var.base.name not in ev.definitions and \
            full not in ev.scope.declared and full not in ev.definitions and \
            full not in frame.values:
        # x = [−1, −2] given at a point or in passing, then ∂f/∂x_0: x's component, or a
        # number of its own?
        base = var.base.name
        raise EvalError(f"{full} may be a component of {base}, whose value the text gives "
                        f"only in passing", ask_about(
                            full, f"is it a component of {base}? declare {base} "
                                  f"(`{base}: vector n`) to differentiate by it"))
    if ev.known(full) or full in frame.values or isinstance(var, t.Sym):
        return full, None
    if isinstance(var, t.Script) and isinstance(var.base, t.Sym) and var.sup is None and \
            var.sub and len(var.sub) == 1 and isinstance(var.sub[0], t.Num) and any(
                d.recurrence for d in ev.scope.definitions.get(var.base.name, ())):
        return full, None          # ∂L/∂h_2 with h a sequence: by its member h_2
    if isinstance(var, t.Script):
        label, rest = split_label(var.sup, ev.scope.layers)
        if label is not None and rest is None:
            name = t.canon(t.Script(var.base, None, label))
        elif var.sup is None:
            name = t.canon(var.base)
        else:
            name = t.canon(t.Script(var.base, None, var.sup))
            if not ev.known(name):
                raise EvalError(f"cannot differentiate by {full}")
        if var.sub is None:
            return name, None
        if not ev.known(name) and name not in frame.values:
            if _summed_over(ev, f, var):
                # y = Σ_i g_i e_i, then ∂L/∂e_i: the e_i of the sum is not one number
                raise EvalError(f"{full} is summed over its index where it is used",
                                ask_about(full, f"is it the {t.canon(var.sub[0])}-th entry "
                                                f"of a vector {name}? declare {name} "
                                                f"(`{name}: vector n`) to differentiate by it"))
            return full, None            # x_1 with x undeclared is a number of its own
        value = as_tensor(ev.name(name, frame))
        items = index_list(var.sub) if value.ndim == 2 and min(value.shape) > 1 else list(var.sub)
        index = [as_int(ev.eval(i, frame), f"the index {t.canon(i)}") for i in items]
        if len(index) == 1 and ev.from_zero(name):
            index = [index[0] + 1]
        if name in ev.shapes.columns and value.ndim == 2 and len(index) == 1:
            return name, [None, index[0]]       # ∇_{w_j}: by w's j-th column
        return name, index
    raise EvalError(f"cannot differentiate by {full}")


def _summed_over(ev: Evaluator, f: Any, var: t.Script) -> bool:
    """Whether ``var`` (e_i) stands, in ``f`` or a definition it reaches, in a sum over its
    own index letter."""
    letters = {t.canon(i) for i in var.sub if isinstance(i, t.Sym)}
    if f is None or not letters:
        return False
    todo, seen = [f], set()
    while todo:
        term = todo.pop()
        for node in t.walk(term):
            if isinstance(node, t.Product) and any(
                    isinstance(op, t.BigOp) and op.sub and letters & {
                        t.canon(s.a) if isinstance(s, t.Relation) else t.canon(s)
                        for s in op.sub} for op in node.items) and \
                    any(isinstance(n, t.Script) and t.canon(n) == t.canon(var)
                        for n in t.walk(node)):
                return True
        for n in mentioned_names(term) - seen:
            seen.add(n)
            todo += [d.expr for d in ev.scope.definitions.get(n, ())]
    return False


def free_inputs(ev: Evaluator, node: Any, frame: Frame, given: bool = False) -> set[str]:
    """The drawn names ``node`` depends on, through the definitions in force (not those the
    text gives a value here: B = [[1, 2], [0, 3]] makes ∇f a gradient by x alone — unless
    ``given``)."""
    found: set[str] = set()
    seen: set[int] = set()
    todo = [node]
    while todo:
        for name in mentioned_names(todo.pop()):
            if name in frame.indices or name in ev.ranges or \
                    lookup(name) is not None and not ev.scope.unapplied(name):
                continue
            d = ev.definitions.get(name) or ev.definitions.get(squared(name))
            if d is not None:
                if id(d) not in seen and not d.params:
                    seen.add(id(d))
                    todo.append(d.expr)
                continue
            kind = ev.symbols.get(name)
            if kind is not None and kind.name not in ("index", "constant") and \
                    not kind.is_function and (given or name not in frame.values):
                found.add(name)
    return found


def _opaque(ev: Evaluator, node: Any, frame: Frame) -> bool:
    """A bare name with no value at all (``∂L/∂z`` with L defined nowhere)."""
    def free(name: str) -> bool:
        return not (ev.known(name) or name in frame.values or name in frame.indices or
                    lookup(name) is not None or name in ("e", "\\pi", "I") or name in ev.ranges
                    or ev._applied_to(name) is not None)      # Var, after Var(I) = …
    if isinstance(node, t.Sym):
        return free(node.name)
    if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
        names = [t.canon(node), t.canon(t.Script(node.base, None, node.sup))
                 if node.sup is not None else node.base.name,
                 t.canon(t.Script(node.base, node.sub, None)) if node.sub else node.base.name]
        return free(node.base.name) and all(free(n) for n in names)
    return False


def derivative(ev: Evaluator, f: Any, name: str, index: list[int] | None, frame: Frame, *,
               jacobian: bool = False, numeric: bool = False) -> Tensor:
    if _opaque(ev, f, frame):
        if isinstance(f, t.Script) and f.sub is None and isinstance(f.sup, t.Num):
            raise Unknown(t.canon(f.base))              # x² with x never stated: x
        raise Unknown(t.canon(f), "differentiated")     # L never stated: not a number
    if isinstance(f, (t.Sym, t.Script)) and ev.implicit is not None and \
            isinstance(ev.eval(f, frame), Fn):
        f = t.Call(f, (ev.implicit,))        # dσ/dx: σ of x; ∂σ_i/∂z_j: σ(z)_i
    written = t.canon(f) if isinstance(f, (t.Sym, t.Script)) else None
    if written is not None and written != name and written in ev.shapes.kinds and \
            written not in ev.definitions and written not in frame.values and \
            squared(written) not in ev.definitions:
        # ∂L/∂x with L a name the text never defines: how L depends on x is not stated
        raise EvalError(f"{written} is not defined in terms of {name}",
                        f"how does {written} depend on {name}? define {written} (= …)")
    own, held = _held(ev, f, name, frame)
    if own is f and name not in ev.scope.declared and not ev.depends(f, name, in_force=True) and \
            not ev.use_form(f, name) and not ev.use_name(f, name) and not ev.use_value(f, name):
        if ev.depends(f, name):
            # ℓ = ½s + …, then ℓ = log σ + …: the ℓ in force does not depend on s, another does
            raise EvalError(f"{t.canon(f)} here does not depend on {name}",
                            f"which {t.canon(f)} is differentiated by {name}? the definitions "
                            f"in force here do not depend on {name}, another of the text's "
                            f"does: name them apart")
        raise EvalError(f"{t.canon(f)} does not depend on {name} through what the text defines",
                        f"how does {t.canon(f)} depend on {name}? define {t.canon(f)} in terms "
                        f"of {name}, or declare {name} if it is an independent variable")
    start = ev.name(name, frame)      # (after a reading of the definitions was chosen)
    if isinstance(start, Fn):
        raise EvalError(f"cannot differentiate by the function {name}")
    if any(isinstance(v, Tensor) and v.requires_grad for v in frame.values.values()):
        # ∇_x(∇_x f): inside another derivative taken in reverse mode, this one's numbers
        # would not follow that one's variable; the outer one is taken by differences
        raise NeedsNumeric()
    x0 = np.array(as_tensor(start).data, dtype=np.float64)
    frame = _through_definitions(ev, frame, name, held)

    def g(x: Any) -> Tensor:
        ev.deriving += 1            # (a rounding inside may be passed straight through)
        try:
            return as_tensor(ev.eval(own, frame.with_values({**held, name: x})))
        finally:
            ev.deriving -= 1

    # ∂L/∂a_{nk} at every n and k of a step: L's derivative by a once per point, where L is
    # open in neither letter
    open_ = ev.open_letters(f)
    key = ("∂", t.canon(f), name, jacobian, numeric, tuple(ev._where), x0.shape, x0.tobytes(),
           tuple(sorted(held)), t.canon(own),
           tuple(sorted((i, v) for i, v in frame.indices.items() if i in open_)),
           frame.free & open_)
    if key in frame.memo:
        full, out_shape, numeric = frame.memo[key]
        if numeric:
            ev.approximate = True
        return Tensor(layout(full, out_shape, x0.shape, index, jacobian))
    full = None
    if not numeric and not any(isinstance(n, t.Deriv) for n in t.walk(f)):
        leaf = Tensor(x0.copy(), requires_grad=True)
        try:
            with enable_grad():
                out = g(leaf)
            full = _full_jacobian(ev, out, leaf)
            out_shape = out.shape
        except NeedsNumeric:
            full = None
    if full is None:
        ev.by_differences += 1      # (a rounding inside is seen with its derivative 0)
        try:
            full = numeric_jacobian(lambda x: g(Tensor(x)).data, x0)
        finally:
            ev.by_differences -= 1
        out_shape = full.shape[:full.ndim - x0.ndim]
        numeric = True
    if numeric:
        ev.approximate = True        # by differences: compared to their precision
    if ev.confirmations > 0 and not numeric and not ev.straight:
        ev.confirmations -= 1
        confirm(lambda x: g(Tensor(x)).data, x0, full, name)
    frame.memo[key] = full, out_shape, numeric
    return Tensor(layout(full, out_shape, x0.shape, index, jacobian))


def _through_definitions(ev: Evaluator, frame: Frame, name: str, held: dict[str, Any]
                         ) -> Frame:
    """The frame a derivative by ``name`` is taken in: a name the text defines in terms of
    ``name`` and gives a number at this point (a table's row: v̂_i = 0.25, then ∂v̂_i/∂s) is
    that function's value there, not a constant — its derivative comes from its definition."""
    drop = {n for n in frame.values if n != name and n not in held and
            n in ev.definitions and ev.depends(t.Sym(n), name)}
    if not drop:
        return frame
    return dataclasses.replace(frame, values={n: v for n, v in frame.values.items()
                                              if n not in drop},
                               memo={}, parent=None, moved=frozenset())


def _held(ev: Evaluator, f: Any, name: str, frame: Frame) -> tuple[Any, dict[str, Any]]:
    """A node's local derivative, where the text speaks of local ones: ``f = s·x`` with s
    itself a function of x, ``∂f/∂x = s`` is f's own formula differentiated with s held (a
    reading; every path is the other). What is differentiated, and the names held at their
    values here (f itself and none, as usually read)."""
    if not ev.local or not isinstance(f, (t.Sym, t.Script)):
        return f, {}
    # f's own formula: the last one written for it up to here in terms of the variable,
    # defined or restated (the node f = s·x in a table's row, after f = (xy + max(z, w))·x)
    formula = None
    for item in ev.scope.items:
        if item.line <= ev.line and len(item.sides) >= 2 and item.statement.relations[:1] == \
                ("=",) and item.sides[0].term is not None and item.sides[1].term is not None \
                and t.canon(item.sides[0].term) == t.canon(f) and \
                name in mentioned_names(item.sides[1].term):
            formula = item.sides[1].term
    if formula is None:
        return f, {}
    inner = sorted(n for n in mentioned_names(formula) - {name}
                   if n in ev.definitions and ev.depends(t.Sym(n), name, in_force=True))
    if not ev.depends(f, name, in_force=True):
        return formula, {}    # ∂f/∂s of the node f = s·x, f defined through x alone: no other
    if not inner or not ev.reading.pick(
            f"local:{t.canon(f)}", (
            f"∂{t.canon(f)}/∂{name} along every path",
            f"∂{t.canon(f)}/∂{name} of {t.canon(f)}'s own formula, {', '.join(inner)} held")):
        return f, {}
    return formula, {n: ev.name(n, frame) for n in inner}


def _a_transpose(ev: "Evaluator", node: t.Prime) -> bool:
    """A prime on a vector or a matrix that the text never gives a value of its own (W' =
    diag(a) W further on): its transpose."""
    name = t.canon(node)
    return node.order == 1 and name not in ev.scope.definitions and \
        name not in ev.scope.declared


def prime(ev: Evaluator, node: t.Prime, frame: Frame) -> Any:
    """``f'``, ``σ'(z)``, ``(u/v)'``, ``u'`` with u defined: a derivative by the one variable."""
    if t.canon(node) in frame.indices:                 # \sum_{y'=0}^{1}: y' is an index
        return Tensor(np.float64(frame.indices[t.canon(node)]))
    if t.canon(node) in frame.values:                  # k(x, x') = …: x' a parameter
        return frame.values[t.canon(node)]
    base = node.base
    if t.canon(node) in ev.definitions:                # W' = aW: a name of its own
        return ev.name(t.canon(node), frame)
    fname = ev._defined_function(base)
    if ev.scope.primes_transpose and node.order == 1 and fname is None and not (
            isinstance(base, t.Sym) and base.name not in ev.definitions and
            base.name not in ev.scope.declared and base.name not in ev.scope.shaped and
            (lookup(base.name) is not None or base.name in ev.scope.called)):
        # "we write A' for the transpose": (XW − Y)'(XW − Y) is a product of matrices
        return F.transpose(as_tensor(ev.eval(base, frame)))
    if isinstance(base, t.Paren) and len(base.args) == 1 or fname is None and isinstance(
            base, (t.Sym, t.Script)) and t.canon(base) in ev.definitions and \
            not ev.definitions[t.canon(base)].params and \
            not _table_function(ev, t.canon(base)):
        expr = base.args[0] if isinstance(base, t.Paren) else base
        free = free_inputs(ev, expr, frame)
        # u = 1, u' = 0: the derivative of a number; H = 32, H' = (32 + 4 − 5)/1 + 1, or a
        # number for μ' (the mean of a' = 2a): a name of its own, whose value nothing gives
        name = t.canon(node)
        if name in ev.scope.named_primes and (not free or name in ev.scope.numbered_primes) \
                and ev.reading.pick(
                f"prime:{name}", (f"{name} a derivative", f"{name} a name of its own")):
            raise Unknown(name)
        held = free_inputs(ev, expr, frame, given=True) if not free else set()
        if held:    # ℓ = y log(1 + e^{−z}) + …, then at z = 2, y = 1: ℓ'(2) is not 0
            raise EvalError(f"{t.canon(base)}' by which variable?",
                            f"{t.canon(base)}' is a derivative by which variable? it depends on "
                            f"{', '.join(sorted(held))}, which the text gives values here; "
                            f"write d/d of one")
        if not free:
            value = as_tensor(ev.eval(expr, frame))
            if value.ndim == 2 and _a_transpose(ev, node):
                return F.transpose(value)     # x = (1, 1)', then x'Σx: a transpose
            return F.mul(0.0, value)
        if len(free) != 1:
            raise EvalError(f"{t.canon(base)}' by which variable?",
                            f"{t.canon(base)}' is a derivative by which variable? it depends on "
                            f"{', '.join(sorted(free))}; write ∂/∂ of one")
        return derivative(ev, expr, free.pop(), None, frame)
    if fname is not None:
        d = ev.definitions[fname]
        f = ev.named_instead(d) or Fn(d.name, lambda *args, d=d: ev._eval_at(
            d, d.expr, frame.with_values(dict(zip(d.params, args)))), arity=len(d.params))
    else:
        f = ev.function(base, frame)
    if not isinstance(f, Fn):
        if isinstance(f, Tensor) and f.ndim == 2 and _a_transpose(ev, node):
            return F.transpose(f)         # x'Σ⁻¹x (Magnus & Neudecker): x's transpose
        raise EvalError(f"{t.canon(base)}' is not the derivative of a function")
    for _ in range(node.order):
        f = _derived(ev, f)
    return f


def _table_function(ev: Evaluator, name: str) -> bool:
    """``h = \\tanh``: a name defined as a function of the table, not as a value."""
    node = ev.definitions[name].expr
    return isinstance(node, t.Sym) and lookup(node.name) is not None and \
        not ev.scope.unapplied(node.name)


def _derived(ev: Evaluator, f: Fn) -> Fn:
    return Fn(f.name + "'", lambda x, f=f: function_derivative(ev, f, x), elementwise=f.elementwise)


def function_derivative(ev: Evaluator, f: Fn, x: Any) -> Tensor:
    x = as_tensor(x)
    if x.requires_grad:
        raise NeedsNumeric()           # inside another derivative: that one by differences
    x0 = np.array(x.data, dtype=np.float64)
    try:
        if f.name.endswith("'"):
            raise NeedsNumeric()       # a derivative of a derivative: by differences
        leaf = Tensor(x0.copy(), requires_grad=True)
        with enable_grad():
            y = as_tensor(ev.call(f, [leaf]))
        if f.elementwise:
            return Tensor(_reverse(y, leaf, np.ones(y.shape)))
        return Tensor(layout(_full_jacobian(ev, y, leaf), y.shape, leaf.shape, None, False))
    except NeedsNumeric:
        full = numeric_jacobian(lambda v: as_tensor(ev.call(f, [Tensor(v)])).data, x0)
        out_shape = full.shape[:full.ndim - x0.ndim]
        if f.elementwise and out_shape == x0.shape:
            flat = full.reshape(x0.size, x0.size) if x0.size else full
            return Tensor(np.diag(flat).reshape(x0.shape) if x0.ndim else full)
        return Tensor(layout(full, out_shape, x0.shape, None, False))


def _full_jacobian(ev: Evaluator, out: Tensor, leaf: Tensor) -> np.ndarray:
    if out.size * leaf.size > MAX_JACOBIAN:
        raise EvalError(f"a Jacobian of {out.size}×{leaf.size} entries is too large to check")
    full = np.zeros(out.shape + leaf.shape)
    flat = full.reshape(out.size, leaf.size)
    basis = np.zeros(out.size)
    for k in range(out.size):
        if clock() > ev.deadline:
            raise TooLong("the evaluation takes too long")
        basis[k] = 1.0
        flat[k] = _reverse(out, leaf, basis.reshape(out.shape)).reshape(-1)
        basis[k] = 0.0
    return full


def _reverse(out: Tensor, leaf: Tensor, cotangent: np.ndarray) -> np.ndarray:
    if not out.requires_grad:
        return np.zeros(leaf.shape)
    found = backprop(out, np.asarray(cotangent, dtype=np.float64))
    return found[id(leaf)][1] if id(leaf) in found else np.zeros(leaf.shape)


def numeric_jacobian(g: Any, x0: np.ndarray) -> np.ndarray:
    """Fourth-order central differences, for derivatives of derivatives and functions with no
    rule."""
    y0 = np.asarray(g(x0))
    if y0.size * x0.size > MAX_JACOBIAN:
        raise EvalError(f"a derivative of {y0.size}×{x0.size} entries is too large to check")
    full = np.zeros(y0.shape + x0.shape)
    flat = full.reshape(y0.size, x0.size)
    h = 1e-3
    for k in range(x0.size):
        e = np.zeros(x0.size)
        e[k] = h
        e = e.reshape(x0.shape)
        d = (-g(x0 + 2 * e) + 8 * g(x0 + e) - 8 * g(x0 - e) + g(x0 - 2 * e)) / (12 * h)
        flat[:, k] = np.asarray(d).reshape(-1)
    return full


def confirm(g: Any, x0: np.ndarray, full: np.ndarray, name: str) -> None:
    """Reverse mode against central differences in one random direction."""
    u = np.random.default_rng(7).standard_normal(x0.shape)
    h = 1e-6 * max(1.0, float(np.max(np.abs(x0))) if x0.size else 1.0)
    numeric = (np.asarray(g(x0 + h * u)) - np.asarray(g(x0 - h * u))) / (2 * h)
    exact = np.tensordot(full, u, axes=x0.ndim) if x0.ndim else full * u
    if not np.all(np.isfinite(numeric)) or not np.allclose(exact, numeric, rtol=1e-4, atol=1e-5):
        raise NotDifferentiable(f"the derivative by {name} is not confirmed by central "
                                f"differences here (a kink?)")


def layout(full: np.ndarray, out_shape: tuple, x_shape: tuple, index: list[int] | None,
           jacobian: bool) -> np.ndarray:
    """The derivative laid out by the conventions (the gradient of a number: x's shape)."""
    if index is not None and index[0] is None:      # by a column of a matrix (w_j of w)
        k = index[1] - 1
        if not 0 <= k < x_shape[1]:
            raise EvalError(f"column {k + 1} is out of range 1..{x_shape[1]}")
        column = full[(Ellipsis, slice(None), k)]
        size = int(np.prod(out_shape)) if out_shape else 1
        return column.reshape(x_shape[0], 1) if size == 1 and not jacobian else column
    if index is not None:
        if len(x_shape) == 2 and 1 in x_shape and len(index) == 1:
            pos = (index[0] - 1, 0) if x_shape[1] == 1 else (0, index[0] - 1)
        else:
            pos = tuple(i - 1 for i in index)
        for p, n in zip(pos, x_shape):
            if not 0 <= p < n:
                raise EvalError(f"component {p + 1} is out of range 1..{n}")
        return full[(Ellipsis,) + pos]
    size = int(np.prod(out_shape)) if out_shape else 1
    if size == 1 and not jacobian:
        return full.reshape(x_shape)
    if len(x_shape) == 0:
        return full.reshape(out_shape)
    if len(out_shape) == 2 and out_shape[1] == 1 and len(x_shape) == 2 and x_shape[1] == 1:
        return full.reshape(out_shape[0], x_shape[0])
    if size == 1:
        return full.reshape(1, -1)
    return full.reshape(tuple(d for d in out_shape if d != 1) + x_shape)
