"""Architecture summary: each layer's output shape and parameter count, with totals.

``bp.summary(model, (3, 128, 128))`` runs one zero sample through the model (no gradient
recorded) and reads the shapes off the layers' outputs, so whatever the layers compute —
padding modes, strides, ceil mode — the table shows what really comes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import BackpropError

__all__ = ["LayerRow", "Summary", "summary"]


@dataclass(frozen=True)
class LayerRow:
    index: int                      # position in the model (Sequential child name)
    name: str                       # e.g. "0"
    layer: str                      # type with its arguments, e.g. "Conv2d(3, 32, …)"
    output_shape: tuple[int, ...]   # without the batch axis
    weights: int                    # entries of parameters named "weight"
    biases: int                     # entries of parameters named "bias"
    params: int                     # all parameter entries of the layer

    @property
    def type(self) -> str:
        return self.layer.split("(", 1)[0]


@dataclass(frozen=True)
class Summary:
    input_shape: tuple[int, ...]
    rows: tuple[LayerRow, ...]

    @property
    def total_params(self) -> int:
        return sum(r.params for r in self.rows)

    @property
    def total_weights(self) -> int:
        return sum(r.weights for r in self.rows)

    @property
    def total_biases(self) -> int:
        return sum(r.biases for r in self.rows)

    @property
    def output_shape(self) -> tuple[int, ...]:
        return self.rows[-1].output_shape if self.rows else self.input_shape

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, i: int) -> LayerRow:
        return self.rows[i]

    def __str__(self) -> str:
        def shape(s: tuple[int, ...]) -> str:
            return "×".join(str(n) for n in s)

        head = ("#", "layer", "output", "weights", "biases", "params")
        body = [(str(r.index), r.layer, shape(r.output_shape), f"{r.weights:,}", f"{r.biases:,}",
                 f"{r.params:,}") for r in self.rows]
        body.insert(0, ("", "input", shape(self.input_shape), "", "", ""))
        total = ("", "total", "", f"{self.total_weights:,}", f"{self.total_biases:,}",
                 f"{self.total_params:,}")
        widths = [max(len(row[i]) for row in [head, *body, total]) for i in range(len(head))]
        right = (False, False, False, True, True, True)

        def line(row: Sequence[str]) -> str:
            return "  ".join(c.rjust(w) if r else c.ljust(w)
                             for c, w, r in zip(row, widths, right)).rstrip()

        rule = "-" * len(line(head))
        return "\n".join([line(head), rule, *map(line, body), rule, line(total)])

    def __repr__(self) -> str:
        return str(self)


def _describe(module: Any) -> str:
    return f"{type(module).__name__}({module.extra_repr()})"


def summary(model: Any, input_shape: Sequence[int] | str) -> Summary:
    """The layer table of ``model`` (an ``nn.Module`` or a spec string) for inputs of
    ``input_shape`` (no batch axis; ``"3x128x128"`` also accepted).

    A spec string is built with :func:`backprop.models.build_model` without a class count,
    so it need not end in a linear layer. Rows follow the children of a ``Sequential``;
    any other module is one row.
    """
    from . import nn
    from .engine import no_grad
    from .models import build_model
    from .nn.module import parameter_dtype

    if isinstance(input_shape, str):
        input_shape = parse_shape(input_shape)
    shape = tuple(int(s) for s in input_shape)
    if not shape or any(s <= 0 for s in shape):
        raise BackpropError(f"summary: input shape must be positive sizes, got {shape}")
    if isinstance(model, str):
        model = build_model(model, shape)
    if not isinstance(model, nn.Module):
        raise BackpropError(f"summary: expected an nn.Module or a spec string, got "
                            f"{type(model).__name__}")
    children = list(model.named_children()) if isinstance(model, nn.Sequential) else \
        [(type(model).__name__, model)]
    dtype = parameter_dtype(model)
    x: Any = np.zeros((1, *shape), dtype=dtype)
    rows = []
    was_training = model.training
    model.eval()
    try:
        with no_grad():
            for i, (name, m) in enumerate(children):
                try:
                    x = m(x)
                except BackpropError as e:
                    raise BackpropError(f"summary: layer {i} ({_describe(m)}) cannot take an "
                                        f"input of shape {tuple(np.shape(x))[1:]}: {e}") from None
                params = dict(m.named_parameters())
                w = sum(p.data.size for n, p in params.items() if n.rsplit(".", 1)[-1] == "weight")
                b = sum(p.data.size for n, p in params.items() if n.rsplit(".", 1)[-1] == "bias")
                rows.append(LayerRow(i, name, _describe(m), tuple(np.shape(x))[1:], int(w),
                                     int(b), int(sum(p.data.size for p in params.values()))))
    finally:
        model.train(was_training)
    return Summary(shape, tuple(rows))


def parse_shape(text: str) -> tuple[int, ...]:
    """'3x128x128' (or '3,128,128', '3×128×128') → (3, 128, 128)."""
    parts = text.replace("×", "x").replace(",", "x").lower().split("x")
    try:
        shape = tuple(int(p) for p in parts)
    except ValueError:
        raise BackpropError(f"input shape must look like 3x128x128, got {text!r}") from None
    if not shape or any(s <= 0 for s in shape):
        raise BackpropError(f"input shape must be positive sizes such as 3x128x128, got {text!r}")
    return shape
