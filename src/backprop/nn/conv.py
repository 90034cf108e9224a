"""Convolution layers: own W (out, in/groups, *kernel) and b (out,), call functional.conv."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import functional as F
from ..functional.padding import MODES
from ..functional.shapes import ntuple, resolve_padding
from . import init
from .module import Module, Parameter


class _ConvNd(Module):
    _nd = 2
    _op = "Conv2d"

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", dtype: Any = np.float32) -> None:
        super().__init__()
        op, nd = self._op, self._nd
        if in_channels <= 0 or out_channels <= 0:
            raise ValueError(f"{op}: channels must be positive, got ({in_channels}, "
                             f"{out_channels})")
        if groups <= 0 or in_channels % groups or out_channels % groups:
            raise ValueError(f"{op}: in_channels ({in_channels}) and out_channels "
                             f"({out_channels}) must be divisible by groups ({groups})")
        if padding_mode != "zeros" and padding_mode not in MODES[1:]:
            raise ValueError(f"{op}: padding_mode must be 'zeros', 'reflect', 'replicate' or "
                             f"'circular', got {padding_mode!r}")
        self.padding_mode = padding_mode
        self.in_channels, self.out_channels, self.groups = in_channels, out_channels, groups
        self.kernel_size = ntuple(kernel_size, nd, "kernel_size", op)
        self.stride = ntuple(stride, nd, "stride", op)
        self.dilation = ntuple(dilation, nd, "dilation", op)
        self.padding = padding if isinstance(padding, str) else (
            (padding,) * nd if isinstance(padding, int) else tuple(padding))
        # torch's default: kaiming_uniform(a=√5) on W, which is U(±1/√fan_in); same for b
        fan_in = in_channels // groups * math.prod(self.kernel_size)
        bound = 1 / math.sqrt(fan_in)
        shape = (out_channels, in_channels // groups, *self.kernel_size)
        self.weight = init.uniform_(Parameter(np.empty(shape, dtype)), -bound, bound)
        self.bias = (init.uniform_(Parameter(np.empty(out_channels, dtype)), -bound, bound)
                     if bias else None)

    def extra_repr(self) -> str:
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}")
        if self.padding != (0,) * self._nd:
            s += f", padding={self.padding!r}" if isinstance(self.padding, str) else \
                f", padding={self.padding}"
        if self.dilation != (1,) * self._nd:
            s += f", dilation={self.dilation}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode!r}"
        return s

    def _pad(self, x: Any) -> tuple[Any, Any]:
        """(input, padding) for the convolution: with a padding_mode other than zeros the
        input is padded by F.pad (differentiable) and the convolution pads nothing."""
        if self.padding_mode == "zeros":
            return x, self.padding
        nd = self._nd
        pads = resolve_padding(self.padding, np.shape(x)[-nd:], self.kernel_size, self.stride,
                               self.dilation, self._op)
        flat = tuple(v for pair in reversed(pads) for v in pair)  # last axis first, as F.pad
        return F.pad(x, flat, mode=self.padding_mode), 0


class Conv2d(_ConvNd):
    """2-D convolution (cross-correlation) layer, as torch.nn.Conv2d: input (N, C, H, W) or
    (C, H, W), weight (out_channels, in_channels/groups, KH, KW), same default init
    U(±1/√fan_in); padding_mode 'zeros', 'reflect', 'replicate' or 'circular'."""

    def forward(self, x):
        x, padding = self._pad(x)
        return F.conv2d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class Conv1d(_ConvNd):
    """1-D convolution (cross-correlation) layer, as torch.nn.Conv1d: input (N, C, L) or
    (C, L), weight (out_channels, in_channels/groups, K); padding_mode as Conv2d."""

    _nd = 1
    _op = "Conv1d"

    def forward(self, x):
        x, padding = self._pad(x)
        return F.conv1d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)
