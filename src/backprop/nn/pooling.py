"""Pooling layers: hold the window options, call functional.pooling (no parameters)."""

from __future__ import annotations

from typing import Any

from .. import functional as F
from .layer import Layer, check_rank, compact

__all__ = ["MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d"]  # what nn/__init__ exports


class _PoolNd(Layer):
    """Declarations shared by the pooling layers (see nn/layer.py); no parameters, so init
    looks through them to the activation after."""

    _nd = 2
    _kind = "max"
    init_passes = True

    def _defaults(self) -> dict:
        return {"stride": self.kernel_size, "padding": 0, "dilation": 1, "ceil_mode": False,
                "count_include_pad": True}

    def spec_args(self):
        names = ("stride", "padding", "dilation", "ceil_mode", "count_include_pad")
        kw = {k: compact(getattr(self, k)) for k in names if hasattr(self, k)}
        defaults = self._defaults()
        return ((compact(self.kernel_size),),
                {k: v for k, v in kw.items() if v != compact(defaults[k])})

    def output_shape(self, in_shape):
        return F.pool_output_shape(in_shape, self.kernel_size, self.stride, self.padding,
                                   getattr(self, "dilation", 1), self.ceil_mode,
                                   f"{self._kind}_pool{self._nd}d")

    def _onnx_attrs(self) -> dict:
        nd = self._nd
        p = list(_ints(self.padding, nd))
        return dict(kernel_shape=_ints(self.kernel_size, nd), strides=_ints(self.stride, nd),
                    pads=p + p, ceil_mode=int(bool(self.ceil_mode)))


def _ints(v: Any, n: int) -> list[int]:
    return [int(v)] * n if isinstance(v, int) else [int(a) for a in v]


class _MaxPoolNd(_PoolNd):
    @classmethod
    def from_spec(cls, in_shape, kernel: int | tuple = 2, stride: int | tuple | None = None,
                  padding: int | tuple = 0, dilation: int | tuple = 1,
                  ceil_mode: bool = False) -> "_MaxPoolNd":
        """``maxpool(K, stride=…, padding=…, dilation=…, ceil_mode=…)``."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(kernel, stride, padding, dilation, ceil_mode)

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 dilation: Any = 1, ceil_mode: bool = False) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding, self.dilation, self.ceil_mode = padding, dilation, ceil_mode

    def extra_repr(self) -> str:
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")

    def to_onnx(self, g, name, in_shape):
        attrs = self._onnx_attrs()
        d = _ints(self.dilation, self._nd)
        if any(v != 1 for v in d):
            attrs["dilations"] = d
        g.node("MaxPool", [g.x], name, **attrs)

    def to_torch(self, tnn, in_shape):
        return getattr(tnn, type(self).__name__)(self.kernel_size, stride=self.stride,
                                                 padding=self.padding, dilation=self.dilation,
                                                 ceil_mode=self.ceil_mode)


class MaxPool2d(_MaxPoolNd):
    """2-D max pooling, as torch.nn.MaxPool2d (ties: first maximum in row-major order)."""

    grammar = ("maxpool", "maxpool2d")

    def forward(self, x):
        return F.max_pool2d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                            self.ceil_mode)


class MaxPool1d(_MaxPoolNd):
    """1-D max pooling, as torch.nn.MaxPool1d."""

    grammar = ("maxpool1d",)
    _nd = 1

    def forward(self, x):
        return F.max_pool1d(x, self.kernel_size, self.stride, self.padding, self.dilation,
                            self.ceil_mode)


class _AvgPoolNd(_PoolNd):
    _kind = "avg"

    @classmethod
    def from_spec(cls, in_shape, kernel: int | tuple = 2, stride: int | tuple | None = None,
                  padding: int | tuple = 0, ceil_mode: bool = False,
                  count_include_pad: bool = True) -> "_AvgPoolNd":
        """``avgpool(K, stride=…, padding=…, ceil_mode=…, count_include_pad=…)``."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(kernel, stride, padding, ceil_mode, count_include_pad)

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0,
                 ceil_mode: bool = False, count_include_pad: bool = True) -> None:
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = kernel_size if stride is None else stride
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad = count_include_pad

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"

    def to_onnx(self, g, name, in_shape):
        g.node("AveragePool", [g.x], name, **self._onnx_attrs(),
               count_include_pad=int(bool(self.count_include_pad)))

    def to_torch(self, tnn, in_shape):
        return getattr(tnn, type(self).__name__)(self.kernel_size, stride=self.stride,
                                                 padding=self.padding, ceil_mode=self.ceil_mode,
                                                 count_include_pad=self.count_include_pad)


class AvgPool2d(_AvgPoolNd):
    """2-D average pooling, as torch.nn.AvgPool2d (padding counted by default)."""

    grammar = ("avgpool", "avgpool2d")

    def forward(self, x):
        return F.avg_pool2d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)


class AvgPool1d(_AvgPoolNd):
    """1-D average pooling, as torch.nn.AvgPool1d."""

    grammar = ("avgpool1d",)
    _nd = 1

    def forward(self, x):
        return F.avg_pool1d(x, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)
