"""The formula a layer declares for ``backprop trace``: what it computes, forward and backward,
in its own symbols — a record only, so that :mod:`backprop.nn` declares it without importing
the trace.

Templates are (plain Unicode, LaTeX) pairs with ``string.Template`` placeholders that the
trace fills with the symbols of the layer at hand: ``$out`` (the value it produces: z₁, h₁…),
``$inp`` (its input), ``$W``/``$b`` (the weights of a numbered layer), ``$plus_b``
(" + b₁" when it has a bias), ``$gout``/``$gin`` (the cotangents of ``$out``/``$inp``: δ₁,
∂E/∂h₁…) and, in ``input_grad``, ``$g`` (the cotangent of ``$out`` written out when short).

A closed form, when given, is the backward pass in NumPy: ``(layer, x, y, g) → array`` with
the batch axis of one sample (x the input, y the output, g the output cotangent). The trace
shows its numbers and checks them against the layer's VJP rule and central differences; a
layer without one shows its VJP rule's numbers, checked against central differences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..engine import Array, Tensor, TensorLike

__all__ = ["Formula", "LossFormula", "Closed", "elementwise", "identity", "positions"]

# (layer, x, y, g) → the cotangent. The layer is typed Any: each closed form is declared by its
# own layer class and reads that class's attributes (``m.weight``, ``m.dim``).
Closed = Callable[[Any, Array, Array, Array], Array]


@dataclass(frozen=True)
class Formula:
    """What one layer kind computes, forward and backward, in its own symbols.

    ``out``: the letter of the value it produces (z for a weighted sum, h for an activation,
    p for a pooled map, v for a reshaped one, n for a normalised one, d for the identity);
    ``numbered``: it starts a new layer number (it owns the weights Wₖ, bₖ). ``param_grads``
    and ``closed_params`` are keyed by the layer's parameter names (``weight``, ``bias``).
    """

    out: str
    forward: tuple[str, str]
    input_grad: tuple[str, str]
    param_grads: dict[str, tuple[str, str]] = field(default_factory=dict)
    numbered: bool = False
    closed_input: Closed | None = None
    closed_params: dict[str, Closed] = field(default_factory=dict)


@dataclass(frozen=True)
class LossFormula:
    """What a loss declares for ``backprop trace``, as a layer declares its :class:`Formula`:
    the loss on the network's output y (one sample, with its batch axis) and a target vector
    t (``loss(y, t)``, the library's op), the squashing s = f(y) it shows first (if any),
    the (symbol, plain, LaTeX) templates of each forward step, the (plain, LaTeX) templates
    of ∂E/∂y, ∂E/∂y in closed form, and whether targets must lie in [0, 1]. Placeholders:
    ``$y``, ``$gy``, ``$label`` and ``$C`` (the number of outputs)."""

    loss: Callable[[TensorLike, Array], Tensor]
    squash: Callable[[TensorLike], Tensor] | None
    forward: tuple[tuple[str, str, str], ...]
    delta: tuple[str, str]
    closed: Callable[[Array, Array], Array]
    unit_targets: bool = False


def elementwise(out_expr: tuple[str, str], grad_expr: tuple[str, str],
                closed: Closed | None = None) -> Formula:
    """An activation h = f(x): forward ``$out = f``, backward ``$gin = $g ⊙ f′`` (the trace
    computes f′ with the layer's rule unless a closed form is given)."""
    return Formula(
        out="h",
        forward=(f"$out = {out_expr[0]}", f"$out = {out_expr[1]}"),
        input_grad=(f"$gin = $g ⊙ {grad_expr[0]}", rf"$gin = $g \odot {grad_expr[1]}"),
        closed_input=closed,
    )


def identity(note: str) -> Formula:
    """A layer that passes its input through in the trace (``note`` says when)."""
    return Formula(out="d", forward=(f"$out = $inp   ({note})", r"$out = $inp"),
                   input_grad=("$gin = $g", r"$gin = $g"),
                   closed_input=lambda m, x, y, g: g)


def positions(nd: int) -> tuple[str, str, str, str]:
    """Index names for an nd-dimensional map: output (i,j), kernel (p,q), input (u,v), and
    the input position a kernel tap reads: S·i + D·p − P (stride S, dilation D, padding P)."""
    out, tap, inp = ("i", "p", "u") if nd == 1 else ("i,j", "p,q", "u,v")
    reads = ", ".join(f"S·{o} + D·{k} − P" for o, k in zip(out.split(","), tap.split(",")))
    return out, tap, inp, reads
