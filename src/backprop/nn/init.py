"""Weight initialisation (in place, as torch.nn.init), drawing from backprop.random.

Xavier/Glorot (Glorot & Bengio, 2010) keeps activation variance for tanh/sigmoid layers:
Var W = 2/(fan_in + fan_out). He/Kaiming (He et al., 2015) does so for relu layers:
Var W = 2/fan_in. Uniform variants use the bound √3 · std.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..errors import BackpropError, ShapeError
from ..random import default_generator
from .layer import Layer, activations
from .module import Parameter

# Layers without a nonlinearity keep the variance as it is.
_LINEAR = ("linear", "identity", "conv1d", "conv2d", "conv")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """As torch.nn.init.calculate_gain; an activation's gain is the one its layer class
    declares (``nn.ReLU.gain``), so the two never disagree."""
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else param
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity in _LINEAR:
        return 1.0
    table = activations()
    if nonlinearity not in table:
        raise BackpropError(f"calculate_gain: unknown nonlinearity {nonlinearity!r} (known: "
                            f"leaky_relu, {', '.join(sorted(set(table) | set(_LINEAR)))})")
    gain = table[nonlinearity].gain
    assert gain is not None  # activations() holds the layers that declare one
    return float(gain)


def fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """(fan_in, fan_out) of a weight (out, in, *kernel) as torch computes them."""
    if len(shape) < 2:
        raise ShapeError(f"fans: fan in and fan out need at least 2 dimensions, got shape "
                         f"{shape}")
    receptive = int(np.prod(shape[2:])) if len(shape) > 2 else 1
    return shape[1] * receptive, shape[0] * receptive


def _fill(p: Parameter, values: np.ndarray) -> Parameter:
    p.data = values.astype(p.data.dtype, copy=False)
    return p


def uniform_(p: Parameter, a: float = 0.0, b: float = 1.0) -> Parameter:
    return _fill(p, default_generator().uniform(a, b, p.shape))


def normal_(p: Parameter, mean: float = 0.0, std: float = 1.0) -> Parameter:
    return _fill(p, default_generator().normal(mean, std, p.shape))


def zeros_(p: Parameter) -> Parameter:
    return _fill(p, np.zeros(p.shape))


def xavier_uniform_(p: Parameter, gain: float = 1.0) -> Parameter:
    fan_in, fan_out = fans(p.shape)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(p, -bound, bound)


def xavier_normal_(p: Parameter, gain: float = 1.0) -> Parameter:
    fan_in, fan_out = fans(p.shape)
    return normal_(p, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)))


def kaiming_uniform_(p: Parameter, a: float = 0.0, mode: str = "fan_in",
                     nonlinearity: str = "leaky_relu") -> Parameter:
    fan = fans(p.shape)[0 if mode == "fan_in" else 1]
    bound = calculate_gain(nonlinearity, a) * math.sqrt(3.0 / fan)
    return uniform_(p, -bound, bound)


def kaiming_normal_(p: Parameter, a: float = 0.0, mode: str = "fan_in",
                    nonlinearity: str = "leaky_relu") -> Parameter:
    fan = fans(p.shape)[0 if mode == "fan_in" else 1]
    return normal_(p, 0.0, calculate_gain(nonlinearity, a) / math.sqrt(fan))


def gain_init(weight: Any, bias: Any, activation: Layer) -> None:
    """Uniform weights scaled for ``activation``: He (fan_in) or Xavier (fan_avg) with its
    gain (:meth:`Layer.init_gain`); zero bias. Shared by the weighted layers'
    :meth:`Layer.init_for`."""
    gain = activation.init_gain()
    if gain is None:
        raise BackpropError(f"{type(activation).__name__} declares no gain to initialise for")
    if activation.fan == "fan_in":
        bound = gain * math.sqrt(3.0 / fans(weight.shape)[0])
        uniform_(weight, -bound, bound)
    else:
        xavier_uniform_(weight, gain=gain)
    if bias is not None:
        zeros_(bias)
