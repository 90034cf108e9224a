"""Pooling layers: hold the window options, call functional.pooling (no parameters)."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..errors import BackpropError
from ..functional.shapes import Size
from .formula import Formula, positions
from ..validate import check_flag, check_int
from .layer import Layer, OnnxBuilder, SpecArgs, SpecValue, check_rank, compact

__all__ = ["MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"]  # what nn/__init__ exports

TAP_COST = 1000  # a NumPy pass's fixed cost, in values (about a microsecond)


def _formula(kind: str, nd: int) -> Formula:
    """The trace's formula of max or average pooling (its VJP rule gives the numbers)."""
    out, tap, inp, reads = positions(nd)
    window = f"window ({out}): positions {reads}, {tap} over the K kernel taps"
    if kind == "max":
        return Formula(
            out="p",
            forward=(f"$out[c,{out}] = max of $inp[c, ·] over {window}",
                     r"$out = \operatorname{maxpool}($inp)"),
            input_grad=(f"$gin[c,{inp}] = Σ $g[c,{out}] over the windows ({out}) whose maximum "
                        f"is at ({inp}); 0 where no window takes its maximum",
                        r"$gin = \operatorname{route}_{\operatorname{argmax}}($gout)"),
        )
    return Formula(
        out="p",
        forward=(f"$out[c,{out}] = (1/K) Σ $inp[c, ·] over {window}",
                 r"$out = \operatorname{avgpool}($inp)"),
        input_grad=(f"$gin[c,{inp}] = (1/K) Σ $g[c,{out}] over the windows ({out}) that hold "
                    f"({inp})",
                    r"$gin = \tfrac{1}{K} \operatorname{spread}($gout)"),
    )


class _PoolNd(Layer):
    """Declarations shared by the pooling layers (see nn/layer.py); no parameters, so init
    looks through them to the activation after."""

    _nd = 2
    _kind = "max"
    init_passes = True
    kernel_size: Size
    stride: Size
    padding: Size
    ceil_mode: bool

    def _defaults(self) -> dict[str, SpecValue]:
        return {"stride": self.kernel_size, "padding": 0, "dilation": 1, "ceil_mode": False,
                "count_include_pad": True, "divisor_override": None}

    def spec_args(self) -> SpecArgs:
        names = ("stride", "padding", "dilation", "ceil_mode", "count_include_pad",
                 "divisor_override")
        kw: dict[str, SpecValue] = {k: compact(getattr(self, k)) for k in names
                                    if hasattr(self, k)}
        defaults = self._defaults()
        return ((compact(self.kernel_size),),
                {k: v for k, v in kw.items() if v != compact(defaults[k])})

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        return F.pool_output_shape(in_shape, self.kernel_size, self.stride, self.padding,
                                   getattr(self, "dilation", 1), self.ceil_mode,
                                   f"{self._kind}_pool{self._nd}d")

    def multiply_adds(self, in_shape: tuple[int, ...]) -> int:
        """Every kernel tap once per output value; each tap is also one NumPy pass over the
        output, whose fixed cost is counted as TAP_COST values (a kernel as big as the map
        is slow even when its output is one value)."""
        taps = math.prod(_ints(self.kernel_size, self._nd))
        return taps * (math.prod(self.output_shape(in_shape)) + TAP_COST) + math.prod(in_shape)

    def _onnx_attrs(self) -> dict[str, int | list[int]]:
        nd = self._nd
        p = list(_ints(self.padding, nd))
        return dict(kernel_shape=_ints(self.kernel_size, nd), strides=_ints(self.stride, nd),
                    pads=p + p, ceil_mode=int(bool(self.ceil_mode)))


def _ints(v: Size, n: int) -> list[int]:
    return [int(v)] * n if isinstance(v, int) else [int(a) for a in v]


class _MaxPoolNd(_PoolNd):
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], kernel: int | tuple[int, ...] = 2,
                  stride: int | tuple[int, ...] | None = None, padding: int | tuple[int, ...] = 0,
                  dilation: int | tuple[int, ...] = 1, ceil_mode: bool = False) -> "_MaxPoolNd":
        """``maxpool(K, stride=…, padding=…, dilation=…, ceil_mode=…)``."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(kernel, stride=stride, padding=padding, dilation=dilation,
                   ceil_mode=ceil_mode)

    def __init__(self, kernel_size: Size, stride: Size | None = None, padding: Size = 0,
                 dilation: Size = 1, return_indices: bool = False,
                 ceil_mode: bool = False) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding, self.dilation = padding, dilation
        self.ceil_mode = check_flag(type(self).__name__, "ceil_mode", ceil_mode)
        self.return_indices = check_flag(type(self).__name__, "return_indices", return_indices)

    def extra_repr(self) -> str:
        s = (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
             f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")
        return s + ", return_indices=True" if self.return_indices else s

    def _values_only(self) -> None:
        """A layer returning (values, indices) is no step of a Sequential: the next layer,
        the spec, ONNX's single output and the twin would each silently keep the values."""
        if self.return_indices:
            raise BackpropError(f"{type(self).__name__} with return_indices=True returns "
                                f"(values, indices), which a Sequential model cannot pass on "
                                f"(no spec, ONNX export or torch twin); call "
                                f"F.max_pool{self._nd}d(..., return_indices=True) in a "
                                f"Module's forward instead")

    def spec_args(self) -> SpecArgs:
        self._values_only()
        return super().spec_args()

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        # every export and bp.save read the shapes first
        self._values_only()
        return super().output_shape(in_shape)

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        attrs = self._onnx_attrs()
        d = _ints(self.dilation, self._nd)
        if any(v != 1 for v in d):
            attrs["dilations"] = d
        g.node("MaxPool", [g.x], name, **attrs)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        return getattr(tnn, type(self).__name__)(self.kernel_size, stride=self.stride,
                                                 padding=self.padding, dilation=self.dilation,
                                                 ceil_mode=self.ceil_mode)


class MaxPool2d(_MaxPoolNd):
    """2-D max pooling, as torch.nn.MaxPool2d (ties: first maximum in row-major order);
    return_indices=True returns (values, flat indices into H·W)."""

    grammar = ("maxpool", "maxpool2d")
    formula = _formula("max", 2)

    def forward(self, x: TensorLike) -> Tensor | tuple[Tensor, Tensor]:
        return F.max_pool2d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                            self.ceil_mode, self.return_indices)


class MaxPool1d(_MaxPoolNd):
    """1-D max pooling, as torch.nn.MaxPool1d."""

    grammar = ("maxpool1d",)
    formula = _formula("max", 1)
    _nd = 1

    def forward(self, x: TensorLike) -> Tensor | tuple[Tensor, Tensor]:
        return F.max_pool1d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                            self.ceil_mode, self.return_indices)


class _AvgPoolNd(_PoolNd):
    _kind = "avg"

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], kernel: int | tuple[int, ...] = 2,
                  stride: int | tuple[int, ...] | None = None, padding: int | tuple[int, ...] = 0,
                  ceil_mode: bool = False, count_include_pad: bool = True) -> "_AvgPoolNd":
        """``avgpool(K, stride=…, padding=…, ceil_mode=…, count_include_pad=…)``."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(kernel, stride=stride, padding=padding, ceil_mode=ceil_mode,
                   count_include_pad=count_include_pad)

    def __init__(self, kernel_size: Size, stride: Size | None = None, padding: Size = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding = padding
        self.ceil_mode = check_flag(type(self).__name__, "ceil_mode", ceil_mode)
        self.count_include_pad = check_flag(type(self).__name__, "count_include_pad",
                                            count_include_pad)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        divisor = getattr(self, "divisor_override", None)
        if divisor is None:
            g.node("AveragePool", [g.x], name, **self._onnx_attrs(),
                   count_include_pad=int(bool(self.count_include_pad)))
            return
        # ONNX has no divisor_override: average over the whole window (padding counted), then
        # scale by |window|/divisor. Exact only where every window lies inside the padded
        # input; a ceil_mode window hanging past it has a divisor each runtime picks.
        if self.ceil_mode and self.output_shape(in_shape) != F.pool_output_shape(
                in_shape, self.kernel_size, self.stride, self.padding, 1, False, "avg_pool"):
            raise BackpropError(f"onnx export: {type(self).__name__} with divisor_override="
                                f"{divisor} and ceil_mode=True has a window past the padded "
                                f"input for input shape {tuple(in_shape)}; ONNX AveragePool "
                                f"cannot express its divisor")
        g.node("AveragePool", [g.x], f"{name}_sum", **self._onnx_attrs(), count_include_pad=1)
        size = int(np.prod(_ints(self.kernel_size, self._nd)))
        g.node("Mul", [g.x, g.const(f"{name}.scale", np.array(size / divisor, g.dtype))], name)

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        divisor = getattr(self, "divisor_override", None)
        extra = {"divisor_override": divisor} if divisor is not None else {}
        return getattr(tnn, type(self).__name__)(self.kernel_size, stride=self.stride,
                                                 padding=self.padding, ceil_mode=self.ceil_mode,
                                                 count_include_pad=self.count_include_pad,
                                                 **extra)


class AvgPool2d(_AvgPoolNd):
    """2-D average pooling, as torch.nn.AvgPool2d (padding counted by default)."""

    grammar = ("avgpool", "avgpool2d")
    formula = _formula("avg", 2)

    def __init__(self, kernel_size: Size, stride: Size | None = None, padding: Size = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True,
                 divisor_override: int | None = None) -> None:
        super().__init__(kernel_size, stride, padding, ceil_mode, count_include_pad)
        self.divisor_override = divisor_override if divisor_override is None else \
            check_int("AvgPool2d", "divisor_override", divisor_override, minimum=1)

    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], kernel: int | tuple[int, ...] = 2,
                  stride: int | tuple[int, ...] | None = None, padding: int | tuple[int, ...] = 0,
                  ceil_mode: bool = False, count_include_pad: bool = True,
                  divisor_override: int | None = None) -> "AvgPool2d":
        """``avgpool(K, stride=…, padding=…, ceil_mode=…, count_include_pad=…,
        divisor_override=…)``."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(kernel, stride=stride, padding=padding, ceil_mode=ceil_mode,
                   count_include_pad=count_include_pad, divisor_override=divisor_override)

    def extra_repr(self) -> str:
        s = super().extra_repr()
        return s if self.divisor_override is None else \
            f"{s}, divisor_override={self.divisor_override}"

    def forward(self, x: TensorLike) -> Tensor:
        return F.avg_pool2d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad, self.divisor_override)


class AvgPool1d(_AvgPoolNd):
    """1-D average pooling, as torch.nn.AvgPool1d."""

    grammar = ("avgpool1d",)
    formula = _formula("avg", 1)
    _nd = 1

    def forward(self, x: TensorLike) -> Tensor:
        return F.avg_pool1d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)
