"""PyTorch interop: state dicts both ways and the torch twin of a model.

Parameter names and layouts already follow torch.nn (``0.weight`` of shape (out, in) for
Linear, (out, in/groups, kh, kw) for Conv2d, children of a Sequential named "0", "1", …), so
moving weights is copying arrays. Each layer declares its own twin (``to_torch`` beside its
class in ``backprop.nn``). torch is never a dependency of backprop: it is imported inside
the functions that need it.

    sd = bp.interop.to_torch_state_dict(model)      # torch_model.load_state_dict(sd)
    bp.interop.load_torch_state_dict(model, torch_model.state_dict())
    twin = bp.interop.to_torch(model)               # torch.nn.Sequential, same outputs
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import numpy as np

from .errors import BackpropError, CheckpointError

__all__ = ["load_torch_state_dict", "to_torch", "to_torch_state_dict"]


def _torch():
    try:
        import torch
    except ImportError:
        raise BackpropError("PyTorch interop needs torch: pip install torch") from None
    return torch


def to_torch_state_dict(model) -> OrderedDict[str, Any]:
    """The model's parameters as torch tensors under torch.nn names (copies)."""
    torch = _torch()
    return OrderedDict((k, torch.from_numpy(np.array(v))) for k, v in model.state_dict().items())


def load_torch_state_dict(model, state_dict: dict[str, Any], strict: bool = True) -> None:
    """Copy a torch state dict (torch tensors or arrays) into ``model``, checking names and
    shapes; values are cast to the model's dtype. Buffers load too, under the same names as
    in torch (a BatchNorm's ``running_mean``, ``running_var`` and ``num_batches_tracked``);
    a name the model does not have is refused when ``strict``."""
    arrays = {}
    for k, v in state_dict.items():
        if hasattr(v, "detach"):
            v = v.detach().cpu().numpy()
        arrays[k] = np.asarray(v)
    try:
        model.load_state_dict(arrays, strict=strict)
    except CheckpointError as e:
        spec = getattr(model, "spec", type(model).__name__)
        reason = str(e).removeprefix("load_state_dict: ")
        raise CheckpointError(f"torch state dict does not fit the model '{spec}': {reason}") \
            from None


def to_torch(model, input_shape: tuple[int, ...] | None = None):
    """A ``torch.nn.Sequential`` computing the same function, with the same weights
    (float32 or float64 as the model) and the same train/eval mode. ``input_shape`` (no
    batch axis) is needed only when the layers cannot tell it (see ``models.architecture``)."""
    from .models import architecture
    from .nn.module import parameter_dtype

    torch = _torch()
    shapes = architecture(model, input_shape).shapes
    twin = torch.nn.Sequential(*(m.to_torch(torch.nn, shapes[i]) for i, m in enumerate(model)))
    dtype = parameter_dtype(model)
    twin.to(torch.float64 if dtype == np.float64 else torch.float32)
    twin.load_state_dict(to_torch_state_dict(model))
    twin.train(model.training)
    return twin
