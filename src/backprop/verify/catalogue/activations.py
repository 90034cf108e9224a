"""Catalogue: activations (rules 1–7 and 14), the cases of functional/activations.py.

Inputs of kinked rules stay at least 0.1 away from the kink (relu, sign, heaviside, the
softplus threshold) so that central differences with ε = 1e-6 never straddle one.
"""

from __future__ import annotations

import numpy as np

from ... import functional as F
from .cases import SHAPES, case, register_op, rule, unary, with_options
from .rule import Case, Space
from .spaces import away, axis, flag, normal, one_of, shape

Gen = np.random.Generator


unary("sigmoid", normal)
unary("tanh", normal)
unary("relu", away)
unary("sign", away)


def _torch_softplus(T, x, beta, threshold):
    # threshold=None is the exact ζ; PyTorch spells it as a threshold no βx reaches.
    return T.nn.functional.softplus(x, beta=beta, threshold=1e300 if threshold is None
                                    else threshold)


@rule("softplus", space=Space(
    shape(), lambda rng, s: away(rng, s, kinks=(1.0, 2.0), scale=3.0),
    {"beta": one_of(1.0, 0.5, 2.0), "threshold": one_of(20.0, 2.0, None)},
    torch=_torch_softplus))
def _softplus(rng: Gen) -> list[Case]:
    out = [case(F.softplus, normal(rng, s)) for s in SHAPES]
    x = away(rng, (2, 3), kinks=(1.0,), scale=3.0)
    out.append(case(lambda x: F.softplus(x, beta=2.0, threshold=2.0), x,
                    note="beta=2 threshold=2 (linear region)"))
    out.append(case(lambda x: F.softplus(x, beta=0.5), normal(rng, (1, 4)), note="beta=0.5"))
    out.append(case(lambda x: F.softplus(x, threshold=None), normal(rng, (3, 1)),
                    note="threshold=None"))
    return out


@rule("heaviside", space=Space(shape(), away, {"value": one_of(0.5, 1.0)}))
def _heaviside(rng: Gen) -> list[Case]:
    out = [case(F.heaviside, away(rng, s)) for s in SHAPES]
    out.append(case(lambda x: F.heaviside(x, value=1.0), away(rng, (2, 2)), note="value=1"))
    out.append(case(F.heaviside, away(rng, (2, 3)), normal(rng, (3,)),
                    note="values a tensor (torch's)"))
    return out


# -- rules 6–7: the softmax family -----------------------------------------------------------

@rule("softmax", space=Space(
    shape(), normal, {"dim": axis(), "temperature": one_of(1.0, 0.5, 3.0)},
    torch=lambda T, x, dim, temperature: T.softmax(x / temperature, dim=dim)))
def _softmax(rng: Gen) -> list[Case]:
    return [
        case(F.softmax, normal(rng, (5,))),
        case(F.softmax, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.softmax(x, dim=1), normal(rng, (2, 3, 1)), note="dim=1"),
        case(lambda x: F.softmax(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
        case(lambda x: F.softmax(x, temperature=0.5), normal(rng, (2, 4)), note="T=0.5"),
        case(lambda x: F.softmax(x, temperature=3.0), normal(rng, (4,)), note="T=3"),
        case(F.softmax, normal(rng, (1,)), note="one class"),
        case(lambda x: F.softmax(x, dim=0, dtype=np.float64), normal(rng, (3, 2)),
             note="dtype=float64"),
    ]


@rule("log_softmax", space=Space(
    shape(), normal, {"dim": axis()}, torch=lambda T, x, dim: T.log_softmax(x, dim=dim)))
def _log_softmax(rng: Gen) -> list[Case]:
    return [
        case(F.log_softmax, normal(rng, (5,))),
        case(F.log_softmax, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.log_softmax(x, dim=1), normal(rng, (2, 3, 1)), note="dim=1"),
        case(lambda x: F.log_softmax(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
        case(lambda x: F.log_softmax(x, dtype="float64"), normal(rng, (2, 3)),
             note="dtype=float64"),
    ]


@rule("logsumexp", space=Space(
    shape(), normal, {"dim": axis(multi=True), "keepdim": flag()},
    torch=lambda T, x, dim, keepdim: T.logsumexp(x, dim=dim, keepdim=keepdim)))
def _logsumexp(rng: Gen) -> list[Case]:
    return [
        case(F.logsumexp, normal(rng, (5,))),
        case(F.logsumexp, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.logsumexp(x, dim=1, keepdim=True), normal(rng, (2, 3, 1)),
             note="dim=1 keepdim"),
        case(lambda x: F.logsumexp(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
    ]


register_op("leaky_relu", with_options(F.leaky_relu, away, [{"negative_slope": 0.2},
                                                          {"negative_slope": -0.5}]),
            Space(shape(), away, {"negative_slope": one_of(0.01, 0.2, -0.5)},
                  torch=lambda T, x, negative_slope: T.nn.functional.leaky_relu(x, negative_slope)))
register_op("elu", with_options(F.elu, away, [{"alpha": 0.5}, {"alpha": 2.0}]),
            Space(shape(), away, {"alpha": one_of(1.0, 0.5, 2.0)},
                  torch=lambda T, x, alpha: T.nn.functional.elu(x, alpha)))
register_op("gelu", with_options(F.gelu, normal, [{"approximate": "tanh"}]),
            Space(shape(), normal, {"approximate": one_of("none", "tanh")},
                  torch=lambda T, x, approximate: T.nn.functional.gelu(x, approximate=approximate)))
register_op("silu", with_options(F.silu, normal, []),
            Space(shape(), normal, torch=lambda T, x: T.nn.functional.silu(x)))
