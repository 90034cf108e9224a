"""Convolution layers: own W (out, in/groups, *kernel) and b (out,), call functional.conv."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import DTypeLike

from .. import functional as F
from ..engine import Tensor, TensorLike
from ..errors import BackpropError
from ..functional.padding import MODES
from ..functional.shapes import Pads, ntuple, resolve_padding
from ..validate import check_choice, check_flag, check_int
from . import init
from .init import gain_init
from .formula import Formula, positions
from .layer import Layer, OnnxBuilder, SpecArgs, SpecValue, check_rank, compact
from .module import Parameter

__all__ = ["Conv1d", "Conv2d"]  # what nn/__init__ exports


def _formula(nd: int) -> Formula:
    """The trace's formula of an nd-dimensional convolution (its VJP rule gives the numbers)."""
    out, tap, inp, reads = positions(nd)
    return Formula(
        out="z", numbered=True,
        forward=(f"$out = $W ⋆ $inp$plus_b   (cross-correlation: ($W ⋆ $inp)[o,{out}] = "
                 f"Σ_c,{tap} $W[o,c,{tap}] · $inp[c, {reads}]; stride S, dilation D, padding P)",
                 r"$out = $W \star $inp$plus_b"),
        input_grad=(f"$gin[c,{inp}] = Σ $gout[o,{out}] · $W[o,c,{tap}] over every o,{out},{tap} "
                    f"whose tap reads ({inp})   (a full convolution of $gout with the flipped "
                    f"kernel)",
                    r"$gin = \operatorname{conv_{full}}($gout, \operatorname{flip}($W))"),
        param_grads={
            "weight": (f"∂E/∂$W[o,c,{tap}] = Σ_{out} $gout[o,{out}] · $inp[c, {reads}]   "
                       f"($gout ⋆ $inp)",
                       r"\frac{\partial E}{\partial $W} = $gout \star $inp"),
            "bias": (f"∂E/∂$b[o] = Σ_{out} $gout[o,{out}]",
                     rf"\frac{{\partial E}}{{\partial {{$b}}_{{o}}}} = \sum_{{{out}}} "
                     rf"{{$gout}}_{{o,{out}}}"),
        },
    )


class _ConvNd(Layer):
    _nd = 2
    _op = "Conv2d"

    def __init__(self, in_channels: int, out_channels: int, kernel_size: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", dtype: DTypeLike = np.float32) -> None:
        super().__init__()
        op, nd = self._op, self._nd
        in_channels = check_int(op, "in_channels", in_channels, minimum=1)
        out_channels = check_int(op, "out_channels", out_channels, minimum=1)
        groups = check_int(op, "groups", groups, minimum=1)
        if in_channels % groups or out_channels % groups:
            raise BackpropError(f"{op}: in_channels ({in_channels}) and out_channels "
                                f"({out_channels}) must be divisible by groups ({groups})")
        check_choice(op, "padding_mode", padding_mode, ("zeros", *MODES[1:]))
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
        self.weight = init.uniform_(Parameter.empty(
            shape, dtype, op=op, what="weight (out_channels, in_channels/groups, *kernel_size)"),
            -bound, bound)
        self.bias = (init.uniform_(Parameter.empty((out_channels,), dtype), -bound, bound)
                     if check_flag(op, "bias", bias) else None)

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

    def _pad(self, x: TensorLike) -> tuple[TensorLike, int | str | tuple[int, ...]]:
        """(input, padding) for the convolution: with a padding_mode other than zeros the
        input is padded by F.pad (differentiable) and the convolution pads nothing."""
        if self.padding_mode == "zeros":
            return x, self.padding
        nd = self._nd
        pads = resolve_padding(self.padding, np.shape(x)[-nd:], self.kernel_size, self.stride,
                               self.dilation, self._op)
        flat = tuple(v for pair in reversed(pads) for v in pair)  # last axis first, as F.pad
        return F.pad(x, flat, mode=self.padding_mode), 0

    # -- declarations (see nn/layer.py): in_channels come from the input shape ---------------
    @classmethod
    def from_spec(cls, in_shape: tuple[int, ...], filters: int, kernel: int | tuple[int, ...],
                  stride: int | tuple[int, ...] = 1, padding: int | tuple[int, ...] | str = 0,
                  dilation: int | tuple[int, ...] = 1, groups: int = 1, bias: bool = True,
                  padding_mode: str = "zeros") -> "_ConvNd":
        """``conv(F, K, stride=…, padding=…, dilation=…, groups=…, bias=…)``: F filters of
        size K over an input (channels, *spatial)."""
        check_rank(in_shape, cls._nd, cls.grammar[0])
        return cls(in_shape[0], filters, kernel, stride=stride, padding=padding,
                   dilation=dilation, groups=groups, bias=bias, padding_mode=padding_mode)

    def spec_args(self) -> SpecArgs:
        kw: dict[str, SpecValue] = {
            "stride": compact(self.stride), "padding": compact(self.padding),
            "dilation": compact(self.dilation), "groups": self.groups,
            "bias": self.bias is not None, "padding_mode": self.padding_mode}
        defaults = {"stride": 1, "padding": 0, "dilation": 1, "groups": 1, "bias": True,
                    "padding_mode": "zeros"}
        return ((self.out_channels, compact(self.kernel_size)),
                {k: v for k, v in kw.items() if v != defaults[k]})

    def output_shape(self, in_shape: tuple[int, ...]) -> tuple[int, ...]:
        return F.conv_output_shape(in_shape, self.out_channels, self.kernel_size, self.stride,
                                 self.padding, self.dilation, f"conv{self._nd}d")

    def multiply_adds(self, in_shape: tuple[int, ...]) -> int:
        """Every weight once per output position (the im2col product), plus the padding."""
        out = self.output_shape(in_shape)
        return self.weight.data.size * math.prod(out[1:]) + math.prod(in_shape) + math.prod(out)

    def init_for(self, activation: Layer) -> None:
        gain_init(self.weight, self.bias, activation)

    def explicit_padding(self, in_shape: tuple[int, ...]) -> Pads:
        """The padding as ((before, after), …) per spatial axis for inputs of ``in_shape``."""
        return tuple(resolve_padding(self.padding, in_shape[1:], self.kernel_size,
                                     self.stride, self.dilation, self._op))

    def to_onnx(self, g: OnnxBuilder, name: str, in_shape: tuple[int, ...]) -> None:
        pads = self.explicit_padding(in_shape)
        if self.padding_mode != "zeros":  # pad first (ONNX Pad), then convolve unpadded
            flat = [0, 0] + [lo for lo, _ in pads] + [0, 0] + [hi for _, hi in pads]
            g.node("Pad", [g.x, g.const(f"{name}.pads", np.array(flat, np.int64))],
                   f"{name}_pad", mode=self._onnx_pad_mode(g.opset))
            pads = ((0, 0),) * len(pads)
        inputs = [g.x, g.const(f"{name}.weight", self.weight.data)]
        if self.bias is not None:
            inputs.append(g.const(f"{name}.bias", self.bias.data))
        g.node("Conv", inputs, name, kernel_shape=list(self.kernel_size),
               strides=list(self.stride), dilations=list(self.dilation),
               pads=[lo for lo, _ in pads] + [hi for _, hi in pads], group=int(self.groups))

    def _onnx_pad_mode(self, opset: int) -> str:
        """ONNX Pad's name for the padding_mode: circular is 'wrap', new in Pad-19."""
        if self.padding_mode == "circular" and opset < 19:
            raise BackpropError(f"onnx export: {self._op} padding_mode='circular' needs ONNX "
                                f"Pad mode 'wrap', which opset {opset} lacks (it is in opset "
                                f"19 and later: export with opset=19)")
        return {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}[self.padding_mode]

    def to_torch(self, tnn: ModuleType, in_shape: tuple[int, ...]) -> Any:
        pads = self.explicit_padding(in_shape)
        cls = getattr(tnn, type(self).__name__)
        kw = dict(kernel_size=self.kernel_size, stride=self.stride, dilation=self.dilation,
                  groups=self.groups, bias=self.bias is not None)
        if all(lo == hi for lo, hi in pads):
            return cls(self.in_channels, self.out_channels, padding=tuple(lo for lo, _ in pads),
                       padding_mode=self.padding_mode, **kw)
        return _asymmetric(cls, pads, self.padding_mode)(self.in_channels, self.out_channels,
                                                         padding=0, **kw)


def _asymmetric(cls: Any, pads: Pads, padding_mode: str = "zeros") -> Any:
    """A torch conv class (``cls``, returned subclassed) that pads (before, after) first: 'same'
    with an even kernel or stride > 1, where torch's own padding cannot say it. Same parameter
    names as ``cls``. Made with ``type``: torch's classes are not type-checked here."""
    import torch.nn.functional as tf  # torch is optional: imported by the twin that needs it

    flat = tuple(p for lo_hi in reversed(pads) for p in lo_hi)
    mode = "constant" if padding_mode == "zeros" else padding_mode

    def forward(self: Any, x: Any) -> Any:
        return cls.forward(self, tf.pad(x, flat, mode=mode))

    return type(f"Padded{cls.__name__}", (cls,), {"forward": forward})


class Conv2d(_ConvNd):
    """2-D convolution (cross-correlation) layer, as torch.nn.Conv2d: input (N, C, H, W) or
    (C, H, W), weight (out_channels, in_channels/groups, KH, KW), same default init
    U(±1/√fan_in); padding_mode 'zeros', 'reflect', 'replicate' or 'circular'."""

    grammar = ("conv", "conv2d")
    formula = _formula(2)

    def forward(self, x: TensorLike) -> Tensor:
        x, padding = self._pad(x)
        return F.conv2d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)


class Conv1d(_ConvNd):
    """1-D convolution (cross-correlation) layer, as torch.nn.Conv1d: input (N, C, L) or
    (C, L), weight (out_channels, in_channels/groups, K); padding_mode as Conv2d."""

    grammar = ("conv1d",)
    formula = _formula(1)

    _nd = 1
    _op = "Conv1d"

    def forward(self, x: TensorLike) -> Tensor:
        x, padding = self._pad(x)
        return F.conv1d(x, self.weight, self.bias, self.stride, padding, self.dilation,
                        self.groups)
