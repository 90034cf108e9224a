"""Flatten and Unflatten: axes merged into one, one axis split into several, as torch.nn.

Thin layers over :func:`backprop.functional.flatten` and :func:`~backprop.functional.unflatten`
(reshapes, so their gradient is reshape's); each declares its grammar name, output shape,
ONNX node, torch twin and trace formula beside itself (see :mod:`.layer`).
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any, Sequence

import numpy as np

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..errors import BackpropError, SpecError
from ..validate import check_int
from .formula import Formula
from .layer import Layer, OnnxBuilder, SpecArgs, SpecValue

__all__ = ["Flatten", "Unflatten"]


class Flatten(Layer):
    """Flatten axes start_dim..end_dim into one (default: all but the batch axis)."""

    grammar = ("flatten",)
    formula = Formula(out="v", forward=("$out = vec($inp)", r"$out = \operatorname{vec}($inp)"),
                      input_grad=("$gin = reshape($gout) to the shape of $inp",
                                  r"$gin = \operatorname{reshape}($gout)"),
                      closed_input=lambda m, x, y, g: g.reshape(x.shape))
    any_shape = init_passes = True

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = check_int("Flatten", "start_dim", start_dim)
        self.end_dim = check_int("Flatten", "end_dim", end_dim)

    def forward(self, x: TensorLike) -> Tensor:
        return F.flatten(x, self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"

    def spec_args(self) -> SpecArgs:
        kw: dict[str, SpecValue] = {k: v for k, v, d in (("start_dim", self.start_dim, 1),
                                    ("end_dim", self.end_dim, -1)) if v != d}
        return (), kw

    def _axes(self, in_shape: tuple[int, ...]) -> tuple[int, int]:
        rank = len(in_shape) + 1  # with the batch axis
        for name, d in (("start_dim", self.start_dim), ("end_dim", self.end_dim)):
            if not -rank <= d < rank:
                raise SpecError(f"flatten: {name} {d} is out of range for an input of shape "
                                f"{tuple(in_shape)} and the batch axis (expected a dim in "
                                f"[{-rank}, {rank - 1}])")
        start, end = self.start_dim % rank, self.end_dim % rank
        if start > end:
            raise SpecError(f"flatten: start_dim {self.start_dim} comes after end_dim "
                            f"{self.end_dim} for an input of shape {tuple(in_shape)} and the "
                            f"batch axis")
        return start, end

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        full = (1, *in_shape)
        start, end = self._axes(tuple(in_shape))
        return (full[:start] + (math.prod(full[start:end + 1]),) + full[end + 1:])[1:]

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        start, end = self._axes(in_shape)
        if start == 1 and end == len(in_shape):
            g.node("Flatten", [g.x], name, axis=1)
            return
        # 0 copies an input axis (those before start_dim); the axes after end_dim are static
        shape = [0] * start + [-1] + list(in_shape[end:])
        g.node("Reshape", [g.x, g.const(f"{name}.shape", np.array(shape, np.int64))], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Flatten(self.start_dim, self.end_dim)


class Unflatten(Layer):
    """Axis ``dim`` (counted with the batch axis, as torch) becomes ``unflattened_size``;
    ``unflatten(1,(1,28,28))`` turns flat images back into (1, 28, 28) maps."""

    grammar = ("unflatten",)
    formula = Formula(out="v", forward=("$out = reshape($inp)   (one axis split into "
                                        "unflattened_size)",
                                        r"$out = \operatorname{reshape}($inp)"),
                      input_grad=("$gin = reshape($gout) to the shape of $inp",
                                  r"$gin = \operatorname{reshape}($gout)"),
                      closed_input=lambda m, x, y, g: g.reshape(x.shape))
    init_passes = True

    def __init__(self, dim: int, unflattened_size: Sequence[int]) -> None:
        super().__init__()
        self.dim = check_int("Unflatten", "dim", dim)
        if not isinstance(unflattened_size, (tuple, list)) or not unflattened_size:
            raise BackpropError(f"Unflatten: unflattened_size must be a tuple of sizes, got "
                                f"{unflattened_size!r}")
        sizes = tuple(check_int("Unflatten", "unflattened_size", n) for n in unflattened_size)
        if any(n < 1 and n != -1 for n in sizes):
            raise BackpropError(f"Unflatten: sizes must be ≥ 1 (or one -1), got {sizes}")
        self.unflattened_size = sizes

    def _target(self, shape: tuple[int, ...]) -> tuple[int, ...]:
        d = self.dim % len(shape) if shape else 0
        known = math.prod(n for n in self.unflattened_size if n != -1)
        sizes = tuple(shape[d] // known if n == -1 else n for n in self.unflattened_size)
        if not shape or math.prod(sizes) != shape[d] or self.unflattened_size.count(-1) > 1:
            raise BackpropError(f"Unflatten: axis {self.dim} of shape {shape} cannot be split "
                                f"into {self.unflattened_size}")
        return shape[:d] + sizes + shape[d + 1:]

    def forward(self, x: TensorLike) -> Tensor:
        return F.unflatten(x, self.dim, self.unflattened_size)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"

    # -- declarations (see nn/layer.py) ------------------------------------------------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], dim: int,
                  unflattened_size: tuple[int, ...]) -> "Unflatten":
        layer = cls(dim, unflattened_size)
        if not -len(in_shape) - 1 <= dim <= len(in_shape) or dim % (len(in_shape) + 1) == 0:
            raise SpecError(f"unflatten: dim {dim} must name a feature axis of the input shape "
                            f"{tuple(in_shape)} (the batch axis is 0)")
        layer.output_shape(in_shape)  # checks the sizes fit
        return layer

    def spec_args(self) -> SpecArgs:
        return (self.dim, self.unflattened_size), {}

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        try:
            return self._target((1, *in_shape))[1:]
        except BackpropError as e:
            raise SpecError(str(e)) from None

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        shape = [-1, *self.output_shape(in_shape)]
        g.node("Reshape", [g.x, g.const(f"{name}.shape", np.array(shape, np.int64))], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return tnn.Unflatten(self.dim, self.unflattened_size)
