"""backprop: neural networks whose every gradient is an explicit, hand-derived formula.

    import backprop as bp
    import backprop.functional as F

The engine (:mod:`backprop.engine`) records calls to primitives; the rules live in
:mod:`backprop.functional`, one file per family. Heavier parts (``nn``, ``optim``, ``data``,
training, verification, file formats) are imported on first use to keep ``import backprop``
light.
"""

from __future__ import annotations

import importlib
from typing import Any

from . import functional, tensor_methods
from .creation import (arange, cat, float32, float64, from_numpy, full, int64, ones, ones_like,
                       rand, randint, randn, randperm, stack, zeros, zeros_like)
from .engine import Tensor, enable_grad, is_grad_enabled, no_grad, tensor
from .errors import BackpropError
from .functions import argmax, argmin, flatten, max, mean, min, sum
from .random import manual_seed
from .tensor_methods import equal
from .transforms import grad, jacobian, value_and_grad, vjp

__version__ = "0.1.0"

_SUBMODULES = {"nn", "optim", "data", "train", "verify", "io", "models", "cli", "random",
               "errors", "interop", "onnx", "sklearn", "plots", "utils"}
_LAZY = {
    "summary": ("backprop.summarize", "summary"),
    "fit": ("backprop.train", "fit"),
    "evaluate": ("backprop.train", "evaluate"),
    "build_model": ("backprop.models", "build_model"),
    "save": ("backprop.io", "save"),
    "load": ("backprop.io", "load_saved"),
    "gradcheck": ("backprop.verify", "gradcheck"),
    "check_jacobian": ("backprop.verify", "check_jacobian"),
    "check_vjp": ("backprop.verify", "check_vjp"),
    "check_derivation": ("backprop.verify", "check_derivation"),
    "explain": ("backprop.verify", "explain"),
    "graph": ("backprop.computation_graph", "graph"),
    "load_ipython_extension": ("backprop.notebook", "load_ipython_extension"),  # %load_ext
}

__all__ = ["Tensor", "tensor", "no_grad", "enable_grad", "is_grad_enabled", "grad", "vjp",
           "jacobian", "value_and_grad", "manual_seed", "functional", "BackpropError",
           "zeros", "ones", "full", "zeros_like", "ones_like", "randn", "rand", "arange",
           "from_numpy", "cat", "stack", "float32", "float64", "int64", "equal", "randint",
           "randperm", "sum", "max", "min", "argmax", "argmin", "mean", "flatten",
           *sorted(_SUBMODULES), *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"backprop.{name}")
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'backprop' has no attribute {name!r}")
