"""The table of operations: every rule's name, section, spellings and twins, declared beside it.

Each public rule of :mod:`backprop.functional` is decorated with :func:`declare`, right above
its forward and VJP::

    @declare(section="1", latex=(r"\\sigma", "sigmoid"), python=("sigmoid", "expit"),
             elementwise=True, torch="torch.sigmoid", methods=("sigmoid",))
    @primitive
    def sigmoid(x): ...

and everything that lists operations reads :func:`ops` or :func:`lookup` instead of a list of
its own: the namespace of ``backprop check --f``, the ``check`` help, the derivation checker's
words, Tensor's methods (a test holds them to it), the catalogue's default cases and PyTorch
twin of an elementwise rule. The declaration is an attribute of the function (``fn.op``);
the table is the walk of the package's public names, so there is no list to keep by hand.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

__all__ = ["Op", "declare", "ops", "lookup", "spellings"]

Fn = TypeVar("Fn", bound=Callable[..., Any])


@dataclass(frozen=True)
class Op:
    """One operation of the table.

    ``name`` is canonical (``"sigmoid"``, ``"log_softmax"``); ``fn`` the public function,
    whose docstring holds the formulas; ``section`` its section of ``docs/derivations.md``;
    ``latex`` the spellings a learner writes (commands with their backslash, ``r"\\sigma"``;
    bare words such as ``"softmax"`` for ``\\operatorname{softmax}``, ``\\mathrm{softmax}``,
    ``\\text{softmax}``); ``python`` the names it answers to in ``backprop check --f`` (the
    canonical name first); ``elementwise`` whether it maps each entry on its own (a layer over
    it needs no closed form: the trace uses the rule); ``torch`` its PyTorch twin by dotted
    name; ``differentiable`` False for a rule whose gradient is declared 0 (sign, heaviside);
    ``methods`` the :class:`~backprop.Tensor` methods that call it.
    """

    name: str
    fn: Callable[..., Any]
    section: str
    latex: tuple[str, ...] = ()
    python: tuple[str, ...] = ()
    elementwise: bool = False
    torch: str | None = None
    differentiable: bool = True
    methods: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return (self.fn.__doc__ or "").strip().split("\n")[0]

    def torch_function(self, torch: Any) -> Callable[..., Any] | None:
        """The twin in the ``torch`` module given (``None`` when it declares none)."""
        if self.torch is None:
            return None
        target: Callable[..., Any] = torch  # a module, then its attributes down to the function
        for part in self.torch.split(".")[1:]:
            target = getattr(target, part)
        return target


def declare(name: str | None = None, *, section: str, latex: tuple[str, ...] = (),
            python: tuple[str, ...] | None = None, elementwise: bool = False,
            torch: str | None = None, differentiable: bool = True,
            methods: tuple[str, ...] = ()) -> Callable[[Fn], Fn]:
    """Declare the function below as an operation of the table (see :class:`Op`).

    ``name`` defaults to the function's. ``python`` defaults to the name alone; ``()`` keeps
    an operation out of expressions (dropout draws a new mask at every call; getitem is
    written with brackets)."""

    def wrap(fn: Fn) -> Fn:
        canonical = name or fn.__name__
        spellings = (canonical,) if python is None else tuple(python)
        vars(fn)["op"] = Op(canonical, fn, section, tuple(latex), spellings, elementwise, torch,
                            differentiable, tuple(methods))  # fn.op, which no type declares
        return fn

    return wrap


def ops() -> dict[str, Op]:
    """Every declared operation by canonical name, in the order the package exports them.

    The package (:mod:`backprop.functional`) imports every family, and importing this module
    imports the package first, so the walk sees every rule."""
    if not _TABLE:
        for value in vars(sys.modules[__package__]).values():
            op = getattr(value, "op", None)
            if isinstance(op, Op) and op.fn is value:
                _TABLE[op.name] = op
    return dict(_TABLE)


_TABLE: dict[str, Op] = {}  # filled on the first call, once the package is imported


def lookup(spelling: str) -> Op | None:
    """The operation written ``spelling``: its name, a Python or a LaTeX spelling."""
    for op in ops().values():
        if spelling == op.name or spelling in op.python or spelling in op.latex:
            return op
    return None


def spellings() -> dict[str, Op]:
    """Every Python spelling (the names of ``backprop check --f``) → its operation."""
    return {p: op for op in ops().values() for p in op.python}
