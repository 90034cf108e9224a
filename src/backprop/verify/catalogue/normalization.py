"""Catalogue: batch norm and layer norm (rule 15), the cases of functional/normalization.py.

Batch-norm cases in training pass no running statistics, so evaluating a case never changes
state.
"""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import case, register_op
from .rule import Case, Space
from .spaces import draw_shape, normal, one_of

Gen = np.random.Generator


def _batch_norm(rng: Gen, rule=F.batch_norm) -> list[Case]:
    def train(x, w=None, b=None):
        return rule(x, None, None, w, b, training=True)

    def evaluate(c: int, seed: int):
        r = np.random.default_rng(seed)
        mean, var = r.standard_normal(c), r.uniform(0.5, 2.0, c)
        return lambda x, w, b: rule(x, mean, var, w, b, training=False)

    return [
        case(train, normal(rng, (4, 3)), note="(N,C) no affine"),
        case(train, normal(rng, (4, 3)), normal(rng, (3,)), normal(rng, (3,)), note="(N,C)"),
        case(train, normal(rng, (2, 3, 4)), normal(rng, (3,)), normal(rng, (3,)),
             note="(N,C,L)"),
        case(train, normal(rng, (1, 2, 3, 2)), normal(rng, (2,)), normal(rng, (2,)),
             note="batch 1 (N,C,H,W)"),
        case(train, normal(rng, (5, 1)), normal(rng, (1,)), normal(rng, (1,)),
             note="one channel"),
        case(evaluate(3, 1), normal(rng, (4, 3)), normal(rng, (3,)), normal(rng, (3,)),
             note="eval, running statistics"),
        case(evaluate(2, 2), normal(rng, (1, 2, 2, 3)), normal(rng, (2,)), normal(rng, (2,)),
             note="eval batch 1 (N,C,H,W)"),
    ]


def _layer_norm(rng: Gen) -> list[Case]:
    def ln(shape, affine=True):
        if affine:
            return lambda x, w, b: F.layer_norm(x, shape, w, b)
        return lambda x: F.layer_norm(x, shape)

    return [
        case(ln(4, affine=False), normal(rng, (3, 4)), note="no affine"),
        case(ln(4), normal(rng, (3, 4)), normal(rng, (4,)), normal(rng, (4,))),
        case(ln((3, 4)), normal(rng, (2, 3, 4)), normal(rng, (3, 4)), normal(rng, (3, 4)),
             note="two feature axes"),
        case(ln(5), normal(rng, (1, 5)), normal(rng, (5,)), normal(rng, (5,)), note="batch 1"),
        case(ln(5), normal(rng, (5,)), normal(rng, (5,)), normal(rng, (5,)), note="one sample"),
        case(ln(2), normal(rng, (2, 1, 2)), normal(rng, (2,)), normal(rng, (2,)),
             note="size-1 middle axis"),
    ]


def _per_channel(c) -> tuple:
    """(N, C, *) with a scale and a shift of shape (C,)."""
    x = draw_shape(c, min_dims=2, max_dims=4)
    return x, x[1:2], x[1:2]


def _running(c, rng: Gen, shapes: tuple, kwargs: dict) -> dict:
    n = shapes[0][1]
    return {"running_mean": rng.standard_normal(n), "running_var": rng.uniform(0.5, 2.0, n)}


def _bn_valid(shapes: tuple, kwargs: dict) -> bool:
    x = shapes[0]  # at least one channel; training needs more than one value per channel,
    return x[1] > 0 and (not kwargs["training"] or int(np.prod(x)) // x[1] != 1)  # or none


def _sync_bn_valid(shapes: tuple, kwargs: dict) -> bool:
    """As batch norm, but an empty batch over all the ranks is refused."""
    x = shapes[0]
    return _bn_valid(shapes, kwargs) and (not kwargs["training"] or int(np.prod(x)) > 0)


register_op("batch_norm", _batch_norm, Space(
    _per_channel, normal, {"training": one_of(True, False)}, constants=_running,
    call=lambda fn, x, w, b, running_mean, running_var, **kw: fn(
        x, running_mean, running_var, w, b, **kw),
    valid=_bn_valid,
    torch=lambda T, x, w, b, running_mean, running_var, training: T.nn.functional.batch_norm(
        x, running_mean.clone(), running_var.clone(), w, b, training=training),
    without={"0-d input": "batch norm needs (N, C, *)"}))
# In one process (world size 1, no MPI) the synchronised batch norm is batch norm: its rule is
# checked here on batch norm's cases; across ranks by tests/test_distributed_mpi.py.
register_op("sync_batch_norm", lambda rng: _batch_norm(rng, F.sync_batch_norm), Space(
    _per_channel, normal, {"training": one_of(True, False)}, constants=_running,
    call=lambda fn, x, w, b, running_mean, running_var, **kw: fn(
        x, running_mean, running_var, w, b, **kw),
    valid=_sync_bn_valid,
    torch=lambda T, x, w, b, running_mean, running_var, training: T.nn.functional.batch_norm(
        x, running_mean.clone(), running_var.clone(), w, b, training=training),
    without={"0-d input": "batch norm needs (N, C, *)"}))


def _trailing(c) -> tuple:
    """Any batch axes (size 0 allowed), then 1–2 normalised axes of sizes ≥ 1, with a scale
    and a shift of the normalised shape."""
    features = draw_shape(c, min_dims=1, max_dims=2, min_side=1)
    x = draw_shape(c, min_dims=0, max_dims=2) + features
    return x, features, features


register_op("layer_norm", _layer_norm, Space(
    _trailing, normal, call=lambda fn, x, w, b: fn(x, np.shape(w), w, b),
    torch=lambda T, x, w, b: T.nn.functional.layer_norm(x, tuple(w.shape), w, b),
    without={"0-d input": "layer norm needs at least one feature axis"}))
