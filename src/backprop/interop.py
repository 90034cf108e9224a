"""PyTorch interop: state dicts both ways and the torch twin of a model.

Parameter names and layouts already follow torch.nn (``0.weight`` of shape (out, in) for
Linear, (out, in/groups, kh, kw) for Conv2d, children of a Sequential named "0", "1", …), so
moving weights is copying arrays. torch is never a dependency of backprop: it is imported
inside the functions that need it.

    sd = bp.interop.to_torch_state_dict(model)      # torch_model.load_state_dict(sd)
    bp.interop.load_torch_state_dict(model, torch_model.state_dict())
    twin = bp.interop.to_torch(model)               # torch.nn.Sequential, same outputs

One exception to "copying arrays": a convolution built with ``convolve=True`` (kernel
flipped, the signal-processing convention) exports its kernel flipped, so that torch's
cross-correlation computes the same function; importing flips it back.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

from .errors import BackpropError, CheckpointError

__all__ = ["layer_shapes", "load_torch_state_dict", "to_torch", "to_torch_state_dict"]


def _torch():
    try:
        import torch
    except ImportError:
        raise BackpropError("PyTorch interop needs torch: pip install torch") from None
    return torch


def _flipped(model) -> set[str]:
    """Names of the weights stored flipped relative to torch (convolve=True convolutions)."""
    names = set()
    for name, m in model.named_modules():
        if getattr(m, "convolve", False) and getattr(m, "weight", None) is not None:
            names.add(f"{name}.weight" if name else "weight")
    return names


def _flip(w: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(w[(slice(None), slice(None)) + (slice(None, None, -1),) *
                                  (w.ndim - 2)])


def to_torch_state_dict(model) -> OrderedDict[str, Any]:
    """The model's parameters as torch tensors under torch.nn names (copies)."""
    torch = _torch()
    flipped = _flipped(model)
    return OrderedDict((k, torch.from_numpy(_flip(v) if k in flipped else np.array(v)))
                       for k, v in model.state_dict().items())


def load_torch_state_dict(model, state_dict: dict[str, Any], strict: bool = True) -> None:
    """Copy a torch state dict (torch tensors or arrays) into ``model``, checking names and
    shapes; values are cast to the model's dtype. Buffers torch keeps beside parameters
    (such as BatchNorm statistics) are not part of any backprop layer and are refused."""
    arrays = {}
    for k, v in state_dict.items():
        if hasattr(v, "detach"):
            v = v.detach().cpu().numpy()
        arrays[k] = np.asarray(v)
    flipped = _flipped(model)
    arrays = {k: (_flip(v) if k in flipped else v) for k, v in arrays.items()}
    try:
        model.load_state_dict(arrays, strict=strict)
    except CheckpointError as e:
        spec = getattr(model, "spec", "?")
        reason = str(e).removeprefix("load_state_dict: ")
        raise CheckpointError(f"torch state dict does not fit the model '{spec}': {reason}") \
            from None


def layer_shapes(model, input_shape: tuple[int, ...] | None = None) -> list[tuple[int, ...]]:
    """The input shape (no batch axis) of each top-level layer, then the output shape."""
    from .engine import no_grad

    shape = tuple(input_shape or model.input_shape)
    dtype = next((p.data.dtype for p in model.parameters()), np.float32)
    x = np.zeros((1, *shape), dtype)
    shapes = [shape]
    was = model.training
    model.eval()
    try:
        with no_grad():
            for m in model:
                x = m(x)
                x = x.data if hasattr(x, "data") else x
                shapes.append(tuple(x.shape[1:]))
    finally:
        model.train(was)
    return shapes


def explicit_padding(m, in_shape: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """A convolution's padding as ((before, after), …) per spatial axis for its input."""
    from .functional.shapes import resolve_padding as _resolve_padding

    nd = len(in_shape) - 1
    k = _ntuple(m.kernel_size, nd)
    return tuple(_resolve_padding(m.padding, in_shape[1:], k, _ntuple(m.stride, nd),
                                  _ntuple(getattr(m, "dilation", 1), nd), type(m).__name__,
                                  mirror=bool(getattr(m, "convolve", False))))


def _ntuple(v: Any, n: int) -> tuple[int, ...]:
    if isinstance(v, (int, np.integer)):
        return (int(v),) * n
    return tuple(int(a) for a in v)


def _pool_padding(v: Any, nd: int) -> tuple[int, ...]:
    return _ntuple(v, nd)


def _torch_layer(m, in_shape: tuple[int, ...]):
    torch = _torch()
    tnn = torch.nn
    name = type(m).__name__
    simple = {"ReLU": tnn.ReLU, "Sigmoid": tnn.Sigmoid, "Tanh": tnn.Tanh,
              "Identity": tnn.Identity}
    if name in simple:
        return simple[name]()
    if name == "Linear":
        return tnn.Linear(m.in_features, m.out_features, bias=m.bias is not None)
    if name == "Flatten":
        return tnn.Flatten(m.start_dim, m.end_dim)
    if name == "Softplus":
        return tnn.Softplus(beta=m.beta, threshold=m.threshold)
    if name == "Dropout":
        return tnn.Dropout(m.p)
    if name in ("Softmax", "LogSoftmax"):
        return getattr(tnn, name)(dim=m.dim)
    if name in ("Conv1d", "Conv2d"):
        nd = int(name[-2])
        pads = explicit_padding(m, in_shape)
        out_ch, in_per_group = m.weight.data.shape[:2]
        groups = getattr(m, "groups", 1)
        kw = dict(kernel_size=_ntuple(m.kernel_size, nd), stride=_ntuple(m.stride, nd),
                  dilation=_ntuple(getattr(m, "dilation", 1), nd), groups=groups,
                  bias=m.bias is not None)
        cls = getattr(tnn, name)
        if all(lo == hi for lo, hi in pads):
            return cls(in_per_group * groups, out_ch, padding=tuple(lo for lo, _ in pads), **kw)
        return _asymmetric_conv(cls, pads)(in_per_group * groups, out_ch, padding=0, **kw)
    if name in ("MaxPool1d", "MaxPool2d"):
        nd = int(name[-2])
        return getattr(tnn, name)(m.kernel_size, stride=m.stride,
                                  padding=_pool_padding(m.padding, nd),
                                  dilation=getattr(m, "dilation", 1),
                                  ceil_mode=getattr(m, "ceil_mode", False))
    if name in ("AvgPool1d", "AvgPool2d"):
        nd = int(name[-2])
        return getattr(tnn, name)(m.kernel_size, stride=m.stride,
                                  padding=_pool_padding(m.padding, nd),
                                  ceil_mode=getattr(m, "ceil_mode", False),
                                  count_include_pad=getattr(m, "count_include_pad", True))
    raise BackpropError(f"to_torch: no torch equivalent known for layer {name}")


def _asymmetric_conv(cls, pads):
    """A torch conv class that zero-pads (before, after) first: 'same' with an even kernel or
    stride > 1, where torch's own padding cannot say it. Same parameter names as ``cls``."""
    import torch.nn.functional as tf

    flat = tuple(p for lo_hi in reversed(pads) for p in lo_hi)

    class PaddedConv(cls):
        def forward(self, x):
            return super().forward(tf.pad(x, flat))

    PaddedConv.__name__ = f"Padded{cls.__name__}"
    return PaddedConv


def to_torch(model):
    """A ``torch.nn.Sequential`` computing the same function, with the same weights
    (float32 or float64 as the model) and the same train/eval mode."""
    torch = _torch()
    shapes = layer_shapes(model)
    layers = [_torch_layer(m, shapes[i]) for i, m in enumerate(model)]
    twin = torch.nn.Sequential(*layers)
    dtype = next((p.data.dtype for p in model.parameters()), np.dtype(np.float32))
    twin.to(torch.float64 if dtype == np.float64 else torch.float32)
    twin.load_state_dict(to_torch_state_dict(model))
    twin.train(model.training)
    return twin
