"""Catalogue family ``extra``: the rules a PyTorch user reaches for beyond the first thirteen.

Rule 14, more activations (leaky relu, ELU, GELU exact and tanh, SiLU); rule 15,
normalisation (batch norm in training and evaluation, layer norm); adaptive average
pooling with the pooling rules (12); clamp and the dtype cast with the array operations
(13). Inputs of kinked rules stay at least 0.1 away from the kink; batch-norm cases in
training pass no running statistics, so evaluating a case never changes state.

Each rule also declares its Space (see the package): the shapes and options from which
cases are generated — 0-d inputs and size-0 axes where the rule takes them — the inputs it
must refuse, and its PyTorch twin.
"""

from __future__ import annotations

import numpy as np

from ... import functional as F
from . import Case, Rule, Space, register
from .basic import SHAPES, case, elementwise
from .spaces import away, draw_shape, normal, one_of, shape

Gen = np.random.Generator


def _register(name: str, section: str, fn, cases, space: Space) -> None:
    register(Rule(name, fn, section, cases, tags=("extra",), space=space))


def _with_options(op, domain, options: list[dict]):
    """Elementwise cases over the usual shapes (0-d and a size-0 axis among them), then one
    per set of options."""
    def cases(rng: Gen) -> list[Case]:
        out = elementwise(op, domain)(rng)
        out.append(case(op, domain(rng, (2, 0)), note="size-0 axis"))
        for opts in options:
            note = " ".join(f"{k}={v}" for k, v in opts.items())
            out.append(case(lambda x, o=opts: op(x, **o), domain(rng, (2, 3)), note=note))
        return out
    return cases


# -- rule 14: activations --------------------------------------------------------------------

_register("leaky_relu", "14", F.leaky_relu,
          _with_options(F.leaky_relu, away, [{"negative_slope": 0.2},
                                              {"negative_slope": -0.5}]),
          Space(shape(), away, {"negative_slope": one_of(0.01, 0.2, -0.5)},
                torch=lambda T, x, negative_slope: T.nn.functional.leaky_relu(x, negative_slope)))
_register("elu", "14", F.elu, _with_options(F.elu, away, [{"alpha": 0.5}, {"alpha": 2.0}]),
          Space(shape(), away, {"alpha": one_of(1.0, 0.5, 2.0)},
                torch=lambda T, x, alpha: T.nn.functional.elu(x, alpha)))
_register("gelu", "14", F.gelu, _with_options(F.gelu, normal, [{"approximate": "tanh"}]),
          Space(shape(), normal, {"approximate": one_of("none", "tanh")},
                torch=lambda T, x, approximate: T.nn.functional.gelu(x, approximate=approximate)))
_register("silu", "14", F.silu, _with_options(F.silu, normal, []),
          Space(shape(), normal, torch=lambda T, x: T.nn.functional.silu(x)))


# -- rule 15: normalisation ------------------------------------------------------------------

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
    x = shapes[0]  # at least one channel; training needs more than one value per channel
    return x[1] > 0 and (not kwargs["training"] or int(np.prod(x)) // x[1] > 1)


_register("batch_norm", "15", F.batch_norm, _batch_norm, Space(
    _per_channel, normal, {"training": one_of(True, False)}, constants=_running,
    call=lambda fn, x, w, b, running_mean, running_var, **kw: fn(
        x, running_mean, running_var, w, b, **kw),
    valid=_bn_valid,
    torch=lambda T, x, w, b, running_mean, running_var, training: T.nn.functional.batch_norm(
        x, running_mean.clone(), running_var.clone(), w, b, training=training),
    without={"0-d input": "batch norm needs (N, C, *)"}))
# In one process (world size 1, no MPI) the synchronised batch norm is batch norm: its rule is
# checked here on batch norm's cases; across ranks by tests/test_distributed_mpi.py.
_register("sync_batch_norm", "15", F.sync_batch_norm,
          lambda rng: _batch_norm(rng, F.sync_batch_norm), Space(
              _per_channel, normal, {"training": one_of(True, False)}, constants=_running,
              call=lambda fn, x, w, b, running_mean, running_var, **kw: fn(
                  x, running_mean, running_var, w, b, **kw),
              valid=_bn_valid,
              torch=lambda T, x, w, b, running_mean, running_var, training:
                  T.nn.functional.batch_norm(x, running_mean.clone(), running_var.clone(), w,
                                             b, training=training),
              without={"0-d input": "batch norm needs (N, C, *)"}))


def _trailing(c) -> tuple:
    """Any batch axes (size 0 allowed), then 1–2 normalised axes of sizes ≥ 1, with a scale
    and a shift of the normalised shape."""
    features = draw_shape(c, min_dims=1, max_dims=2, min_side=1)
    x = draw_shape(c, min_dims=0, max_dims=2) + features
    return x, features, features


_register("layer_norm", "15", F.layer_norm, _layer_norm, Space(
    _trailing, normal, call=lambda fn, x, w, b: fn(x, np.shape(w), w, b),
    torch=lambda T, x, w, b: T.nn.functional.layer_norm(x, tuple(w.shape), w, b),
    without={"0-d input": "layer norm needs at least one feature axis"}))


# -- rule 12: adaptive pooling ---------------------------------------------------------------

def _adaptive(rng: Gen) -> list[Case]:
    pool = F.adaptive_avg_pool2d
    return [
        case(lambda x: pool(x, (2, 3)), normal(rng, (1, 1, 5, 7)), note="uneven windows"),
        case(lambda x: pool(x, 2), normal(rng, (2, 3, 4, 4)), note="even windows"),
        case(lambda x: pool(x, (None, 2)), normal(rng, (3, 6, 5)), note="(C,H,W), keep H"),
        case(lambda x: pool(x, (4, 5)), normal(rng, (1, 1, 3, 3)), note="larger output"),
        case(lambda x: pool(x, 1), normal(rng, (1, 2, 4, 3)), note="global average"),
    ]


_register("adaptive_avg_pool2d", "12", F.adaptive_avg_pool2d, _adaptive, Space(
    lambda c: (draw_shape(c, 0, 2, 0, 2) + draw_shape(c, 2, 2, 1, 4),), normal,
    {"output_size": one_of(1, 2, (2, 3), (None, 1))},
    valid=lambda shapes, kw: len(shapes[0]) in (3, 4),
    torch=lambda T, x, output_size: T.nn.functional.adaptive_avg_pool2d(x, output_size),
    without={"0-d input": "pooling needs (C, H, W)"}))


# -- rule 13: clamp and the dtype cast -------------------------------------------------------

def _clamp(rng: Gen) -> list[Case]:
    def domain(r, shape):
        return away(r, shape, kinks=(-0.5, 0.7))
    out = [case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, s)) for s in SHAPES]
    out += [case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, ()), note="0-d"),
            case(lambda x: F.clamp(x, min=-0.5), domain(rng, (2, 3)), note="min only"),
            case(lambda x: F.clamp(x, max=0.7), domain(rng, (3, 2)), note="max only"),
            case(lambda x: F.clamp(x, -0.5, 0.7), domain(rng, (0, 2)), note="size-0 axis")]
    return out


_register("clamp", "13", F.clamp, _clamp, Space(
    shape(), lambda rng, s: away(rng, s, kinks=(-0.5, 0.7)),
    {"min": one_of(-0.5, None), "max": one_of(0.7, None)},
    valid=lambda shapes, kw: kw["min"] is not None or kw["max"] is not None,
    torch=lambda T, x, min, max: T.clamp(x, min, max)))
_register("cast", "13", F.cast, _with_options(lambda x: F.cast(x, np.float64), normal, []),
          Space(shape(), normal, {"dtype": one_of(np.float64)},
                torch=lambda T, x, dtype: x.to(T.float64).clone()))
