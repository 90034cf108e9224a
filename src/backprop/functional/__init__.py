"""The derivation catalogue: every differentiable operation, forward and VJP side by side.

One file per family (rule numbers are the sections of docs/derivations.md):
:mod:`.activations` (rules 1–7 and 14: sigmoid to softmax, the relu family),
:mod:`.losses` (rules 8–9), :mod:`.linear` (rule 10), :mod:`.dropout`, :mod:`.conv`,
:mod:`.padding` and :mod:`.pooling` (rules 11–12, their window arithmetic in :mod:`.shapes`),
:mod:`.adaptive_pooling`, :mod:`.array_ops` (rule 13, broadcasting undone once in
:mod:`.broadcasting`), :mod:`.flatten`, :mod:`.normalization` (rule 15) and
:mod:`.tensor_ops` (clamp, casts, and argmax/argmin/one_hot, which have integer results and
no rule). Each rule declares itself in the table of operations (:mod:`.table`). Every
function accepts Tensors and plain arrays and returns a Tensor.
"""

from . import activations
from .activations import *  # noqa: F403 - every rule in activations.__all__ (one file to edit)
from .array_ops import (abs, add, concatenate, div, exp, getitem, log, matmul, max, maximum, mean,
                        min, minimum, mul, neg, power, reshape, sqrt, stack, sub, sum, transpose,
                        where)
from .dropout import dropout
from .flatten import flatten, unflatten
from .linear import linear
from .losses import (binary_cross_entropy, binary_cross_entropy_with_logits, cross_entropy,
                     mse_loss, nll_loss)
from .conv import conv1d, conv2d, conv_output_shape, convolve
from .padding import pad
from .pooling import avg_pool1d, avg_pool2d, max_pool1d, max_pool2d, pool_output_shape
from .adaptive_pooling import adaptive_avg_pool2d
from .normalization import batch_norm, layer_norm, sync_batch_norm
from .tensor_ops import argmax, argmin, cast, clamp, one_hot

# The public names, so that a type checker (and ``import *``) sees what the package exports.
__all__ = [
    "abs", "add", "concatenate", "div", "exp", "getitem", "log", "matmul", "max", "maximum", "mean",
    "min", "minimum", "mul", "neg", "power", "reshape", "sqrt", "stack", "sub", "sum", "transpose",
    "where", "dropout", "flatten", "unflatten", "linear", "binary_cross_entropy",
    "binary_cross_entropy_with_logits", "cross_entropy", "mse_loss", "nll_loss", "conv1d", "conv2d",
    "conv_output_shape", "convolve", "pad", "avg_pool1d", "avg_pool2d", "max_pool1d", "max_pool2d",
    "pool_output_shape", "adaptive_avg_pool2d", "batch_norm", "layer_norm", "sync_batch_norm",
    "argmax", "argmin", "cast", "clamp", "one_hot"]
__all__ += activations.__all__
