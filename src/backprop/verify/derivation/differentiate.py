"""Derivatives as an evaluator reads them: ``∂f/∂x``, ``d/dx``, ``∇_x f``, primes (``σ'``,
``f'(u)``), with respect to a name, a component or a defined intermediate (through the
definitions in force, or a form of the name the text stated and that held). Taken by reverse
mode on the expression (:func:`backprop.engine.backprop`) and confirmed by central
differences.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import numpy as np

from ... import functional as F
from ...engine import Tensor, backprop, enable_grad
from . import tree as t
from .derivatives import confirm, layout, numeric_jacobian
from .scope import Definition, index_list, mentioned_names, split_label
from .values import (
    BUILTIN,
    EvalError,
    Fn,
    NeedsNumeric,
    TooLong,
    Undeclared,
    as_int,
    as_tensor,
)

if TYPE_CHECKING:
    from .evaluate import Scope

__all__ = ["Differentiation", "defined_function", "MAX_JACOBIAN"]

MAX_JACOBIAN = 250_000  # entries of one derivative


class Differentiation:
    """The evaluator's derivatives (mixed into :class:`~.evaluate.Evaluator`)."""

    def _prime(self, node: t.Prime, scope: Scope) -> Any:
        if t.canon(node) in scope.indices:             # \sum_{y'=0}^{1}: y' is an index
            return Tensor(np.float64(scope.indices[t.canon(node)]))
        base = node.base
        if node.order != 1:
            raise EvalError("only first derivatives are read with primes")
        fname = defined_function(base, self.definitions)
        if isinstance(base, t.Paren) and len(base.args) == 1 or fname is None and isinstance(
                base, (t.Sym, t.Script)) and t.canon(base) in self.definitions:
            # (u/v)', and u' with u = 1, v' with v = 1 + e^{-z}: by their one variable
            expr = base.args[0] if isinstance(base, t.Paren) else base
            free = self.free_scalars(expr, scope)
            if not free:
                return F.mul(0.0, as_tensor(self.eval(expr, scope)))
            if len(free) != 1:
                raise EvalError(f"{t.canon(base)}' is a derivative by which variable? It "
                                f"depends on {', '.join(sorted(free))}; write ∂/∂ of one")
            return self.derivative(expr, free.pop(), None, scope)
        if fname is not None:
            d = self.definitions[fname]
            f = Fn(d.name, lambda *args, d=d: self._eval_at(d, d.expr, scope.with_values(
                dict(zip(d.params, args)))), arity=len(d.params))
        else:
            f = self.eval(base, scope)
        if not isinstance(f, Fn):
            raise EvalError(f"{t.canon(base)}' is not the derivative of a function")
        return Fn(f.name + "'", lambda x, f=f: self._function_derivative(f, x),
                  elementwise=f.elementwise)

    def _function_derivative(self, f: Fn, x: Any) -> Tensor:
        x = as_tensor(x)
        x0 = np.array(x.data, dtype=np.float64)
        try:
            leaf = Tensor(x0.copy(), requires_grad=True)
            with enable_grad():
                y = as_tensor(self.call(f, [leaf]))
            if f.elementwise:
                return Tensor(self._reverse(y, leaf, np.ones(y.shape)))
            return Tensor(layout(self._full_jacobian(y, leaf), y.shape, leaf.shape, None, False))
        except NeedsNumeric:
            full = numeric_jacobian(lambda v: as_tensor(self.call(f, [Tensor(v)])).data, x0,
                                    MAX_JACOBIAN)
            out_shape = full.shape[:full.ndim - x0.ndim]
            if f.elementwise and out_shape == x0.shape:
                flat = full.reshape(x0.size, x0.size) if x0.size else full
                return Tensor(np.diag(flat).reshape(x0.shape) if x0.ndim else full)
            return Tensor(layout(full, out_shape, x0.shape, None, False))

    # ---- derivatives -------------------------------------------------------------------
    def _deriv(self, node: t.Deriv, scope: Scope) -> Tensor:
        if node.f is None:
            raise EvalError("∂/∂x is applied to nothing")
        return self._derivative_node(node, scope)

    def _derivative_node(self, node: t.Deriv, scope: Scope, jacobian: bool = False) -> Tensor:
        name, index = self.variable(node.var, scope)
        if node.order == 1:
            return self.derivative(node.f, name, index, scope, jacobian=jacobian)
        inner = t.Deriv(node.f, node.var, node.order - 1)
        return self.derivative(inner, name, index, scope, numeric=True)

    def variable(self, var: t.Node, scope: Scope) -> tuple[str, list[int] | None]:
        """What ``∂x_j`` differentiates by: a name and (1-based) component indices."""
        full = t.canon(var)
        if self.known(full) or full in scope.values or isinstance(var, t.Sym):
            return full, None
        if isinstance(var, t.Script):
            label, rest = split_label(var.sup, self.names.layers)
            if label is not None and rest is None:
                name = t.canon(t.Script(var.base, None, label))
            elif var.sup is None:
                name = t.canon(var.base)
            else:
                upper = t.canon(t.Script(var.base, None, var.sup))
                if not self.known(upper):
                    raise EvalError(f"cannot differentiate by {full}")
                name = upper
            if var.sub is None:
                return name, None
            if not self.known(name) and name not in scope.values:
                return full, None  # x_1 with x undeclared is a scalar of its own
            value = as_tensor(self.name(name, scope))
            items = index_list(var.sub) if value.ndim == 2 and min(value.shape) > 1 \
                else list(var.sub)
            index = [as_int(self.eval(i, scope), f"the index {t.canon(i)}") for i in items]
            if name in self.names.zero_based and len(index) == 1:
                index = [index[0] + 1]      # ∂h/∂θ_0: the first component
            return name, index
        raise EvalError(f"cannot differentiate by {full}")

    def _undefined(self, node: t.Node, scope: Scope) -> bool:
        """A bare undeclared name (``∂L/∂z`` with no ``L = …``): its derivative means nothing."""
        def free(name: str) -> bool:
            return not (self.known(name) or name in scope.values or name in scope.indices
                        or name in BUILTIN or name in ("e", r"\pi", "I") or name in self.ranges)
        if isinstance(node, t.Sym):
            return free(node.name)
        if isinstance(node, t.Script) and isinstance(node.base, t.Sym):
            names = [t.canon(node), t.canon(t.Script(node.base, None, node.sup))
                     if node.sup is not None else node.base.name,
                     t.canon(t.Script(node.base, node.sub, None)) if node.sub else node.base.name]
            return free(node.base.name) and all(free(n) for n in names)
        return False

    def free_scalars(self, node: t.Node, scope: Scope) -> set[str]:
        """The drawn names ``node`` depends on, through the definitions in force."""
        found: set[str] = set()
        seen: set[int] = set()
        todo = [node]
        while todo:
            for name in mentioned_names(todo.pop()):
                if name in scope.indices or name in BUILTIN or name in self.ranges:
                    continue
                d = self.definitions.get(name)
                if d is not None:
                    if id(d) not in seen and not d.params:
                        seen.add(id(d))
                        todo.append(d.expr)
                    continue
                kind = self.symbols.get(name)
                if kind is not None and kind.name not in ("index", "constant") and \
                        not kind.is_function:
                    found.add(name)
        return found

    def _form_with(self, f: t.Node, name: str) -> t.Node:
        """The newest form of ``f`` the text stated (and that held) before this line in which
        ``f`` depends on ``name``: ∂e/∂c with e = (a + b)(b + 1) and, later, e = c·d."""
        line = self._where[-1][0]
        for d in reversed(self.names.forms.get(t.canon(f), [])):
            if d.line < line and self._depends(d.expr, name):
                return d.expr
        return f

    def derivative(self, f: t.Node, name: str, index: list[int] | None, scope: Scope, *,
                   jacobian: bool = False, numeric: bool = False) -> Tensor:
        if self._undefined(f, scope):
            raise Undeclared(t.canon(f))
        if isinstance(f, (t.Sym, t.Script)) and self.implicit and \
                isinstance(self.eval(f, scope), Fn):
            f = t.Call(f, (self.implicit,))  # dσ/dx: σ of x; ∂σ_i/∂z_j: σ(z)_i
        x0 = as_tensor(self.name(name, scope)).data
        if isinstance(self.name(name, scope), Fn):
            raise EvalError(f"cannot differentiate by the function {name}")
        if name not in self.names.declared and not self._depends(f, name):
            f = self._form_with(f, name)
        if name not in self.names.declared and not self._depends(f, name):
            raise EvalError(f"{t.canon(f)} does not depend on {name} through what the text "
                            f"defines; define {t.canon(f)} in terms of {name}, or declare "
                            f"{name} if it is an independent variable")
        x0 = np.array(x0, dtype=np.float64)

        def g(x: Any) -> Tensor:
            return as_tensor(self.eval(f, scope.with_values({name: x})))

        full = None
        if not numeric and not any(isinstance(n, t.Deriv) for n in t.walk(f)):
            leaf = Tensor(x0.copy(), requires_grad=True)
            try:
                with enable_grad():
                    out = g(leaf)
                full = self._full_jacobian(out, leaf)
                out_shape = out.shape
            except NeedsNumeric:       # through a function with no rule (X⁻¹, erf)
                full = None
        if full is None:
            full = numeric_jacobian(lambda x: g(Tensor(x)).data, x0, MAX_JACOBIAN)
            out_shape = full.shape[:full.ndim - x0.ndim]
            numeric = True
        if self.confirmations > 0 and not numeric:  # a sample: each costs two more
            self.confirmations -= 1
            confirm(lambda x: g(Tensor(x)).data, x0, full, name)
        return Tensor(layout(full, out_shape, x0.shape, index, jacobian))

    def _depends(self, f: t.Node, name: str) -> bool:
        """Whether ``f`` mentions ``name``, directly or through the definitions it uses."""
        seen: set[int] = set()
        todo = [f]
        while todo:
            node = todo.pop()
            found = mentioned_names(node)
            if name in found:
                return True
            for n in found:
                for d in self.names.definitions.get(n, ()):
                    if id(d) not in seen:
                        seen.add(id(d))
                        todo.append(d.expr)
        return False

    def _full_jacobian(self, out: Tensor, leaf: Tensor) -> np.ndarray:
        if out.size * leaf.size > MAX_JACOBIAN:
            raise EvalError(f"a Jacobian of {out.size}×{leaf.size} entries is too large to "
                            f"check (at most {MAX_JACOBIAN})")
        full = np.zeros(out.shape + leaf.shape)
        flat = full.reshape(out.size, leaf.size)
        basis = np.zeros(out.size)
        for k in range(out.size):
            if time.monotonic() > self.deadline:
                raise TooLong("the evaluation takes too long")
            basis[k] = 1.0
            flat[k] = self._reverse(out, leaf, basis.reshape(out.shape)).reshape(-1)
            basis[k] = 0.0
        return full

    def _reverse(self, out: Tensor, leaf: Tensor, cotangent: np.ndarray) -> np.ndarray:
        if not out.requires_grad:
            return np.zeros(leaf.shape)
        found = backprop(out, np.asarray(cotangent, dtype=np.float64))
        return found[id(leaf)][1] if id(leaf) in found else np.zeros(leaf.shape)


def defined_function(fn: t.Node, definitions: dict[str, Definition]) -> str | None:
    """The name of a function the text defines (``l(z, t) = …``, ``\\tilde J(w) = …``)."""
    name = fn.name if isinstance(fn, t.Sym) else t.canon(fn) if isinstance(fn, t.Script) \
        else None
    d = definitions.get(name) if name is not None else None
    return name if d is not None and d.params else None
