"""Catalogue family ``basic``: rules 1–10 and 13 of docs/derivations.md, as data.

Each rule lists the points at which it is checked: float64, several shapes (a batch of 1
and a size-1 axis among them) and inputs drawn from the rule's domain — positive for log
and sqrt, inside (0, 1) for probabilities, and at least 0.1 away from any kink (relu, abs,
sign, heaviside, ties of max/min, the softplus threshold) so that central differences with
ε = 1e-6 never straddle one.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ... import functional as F
from . import Case, Rule, register

Gen = np.random.Generator

# Shapes tried by elementwise rules: a vector, a batch of 1, a size-1 middle axis.
SHAPES = [(5,), (1, 4), (3, 1, 2)]


# -- input domains ---------------------------------------------------------------------------

def normal(rng: Gen, shape) -> np.ndarray:
    return rng.standard_normal(shape)


def away(rng: Gen, shape, *, kinks=(0.0,), gap: float = 0.1, scale: float = 2.0) -> np.ndarray:
    """Reals in (−scale, scale) at least ``gap`` away from every point in ``kinks``."""
    x = rng.uniform(-scale, scale, shape)
    for _ in range(100):
        bad = np.zeros(np.shape(x), dtype=bool)
        for k in kinks:
            bad |= np.abs(x - k) < gap
        if not bad.any():
            return x
        x = np.where(bad, rng.uniform(-scale, scale, np.shape(x)), x)
    raise RuntimeError("could not draw inputs away from the kinks")


def positive(rng: Gen, shape, low: float = 0.5, high: float = 2.0) -> np.ndarray:
    return rng.uniform(low, high, shape)


def unit(rng: Gen, shape) -> np.ndarray:
    """Probabilities well inside (0, 1)."""
    return rng.uniform(0.1, 0.9, shape)


def distinct(rng: Gen, shape) -> np.ndarray:
    """Values whose pairwise gaps are ≥ 0.2, so max/min have no ties within ε."""
    n = int(np.prod(shape))
    return (rng.permutation(n) * 0.3 + rng.uniform(0, 0.1)).reshape(shape) - 0.15 * n


def labels(rng: Gen, n_classes: int, shape) -> np.ndarray:
    return rng.integers(0, n_classes, size=shape)


def probs(rng: Gen, shape, axis: int = -1) -> np.ndarray:
    p = rng.uniform(0.1, 1.0, shape)
    return p / p.sum(axis=axis, keepdims=True)


def _shape_label(*arrays: np.ndarray) -> str:
    return " ".join("x" + str(tuple(a.shape)).replace(" ", "") for a in arrays)


def case(f: Callable, *inputs: np.ndarray, note: str = "") -> Case:
    label = _shape_label(*inputs) + (f" {note}" if note else "")
    return Case(label, f, tuple(np.asarray(x, dtype=np.float64) for x in inputs))


def rule(name: str, row: str, fn: Callable, *tags: str):
    """Decorator: register the function below it as the case table of rule ``name``."""

    def wrap(cases: Callable[[Gen], list[Case]]):
        register(Rule(name, fn, row, cases, tags=("basic",) + tags))
        return cases

    return wrap


def elementwise(op: Callable, domain: Callable, **kwargs) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        f = (lambda x: op(x, **kwargs)) if kwargs else op
        return [case(f, domain(rng, s)) for s in SHAPES] + [case(f, domain(rng, ()))]
    return cases


# -- rules 1–5: elementwise activations ------------------------------------------------------

register(Rule("sigmoid", F.sigmoid, "1", elementwise(F.sigmoid, normal), ("basic",)))
register(Rule("tanh", F.tanh, "2", elementwise(F.tanh, normal), ("basic",)))
register(Rule("relu", F.relu, "4", elementwise(F.relu, away), ("basic",)))
register(Rule("sign", F.sign, "5", elementwise(F.sign, away), ("basic",)))


@rule("softplus", "3", F.softplus)
def _softplus(rng: Gen) -> list[Case]:
    out = [case(F.softplus, normal(rng, s)) for s in SHAPES]
    x = away(rng, (2, 3), kinks=(1.0,), scale=3.0)
    out.append(case(lambda x: F.softplus(x, beta=2.0, threshold=2.0), x,
                    note="beta=2 threshold=2 (linear region)"))
    out.append(case(lambda x: F.softplus(x, beta=0.5), normal(rng, (1, 4)), note="beta=0.5"))
    out.append(case(lambda x: F.softplus(x, threshold=None), normal(rng, (3, 1)),
                    note="threshold=None"))
    return out


@rule("heaviside", "5", F.heaviside)
def _heaviside(rng: Gen) -> list[Case]:
    out = [case(F.heaviside, away(rng, s)) for s in SHAPES]
    out.append(case(lambda x: F.heaviside(x, value=1.0), away(rng, (2, 2)), note="value=1"))
    return out


# -- rules 6–7: the softmax family -----------------------------------------------------------

@rule("softmax", "6", F.softmax)
def _softmax(rng: Gen) -> list[Case]:
    return [
        case(F.softmax, normal(rng, (5,))),
        case(F.softmax, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.softmax(x, dim=1), normal(rng, (2, 3, 1)), note="dim=1"),
        case(lambda x: F.softmax(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
        case(lambda x: F.softmax(x, temperature=0.5), normal(rng, (2, 4)), note="T=0.5"),
        case(lambda x: F.softmax(x, temperature=3.0), normal(rng, (4,)), note="T=3"),
        case(F.softmax, normal(rng, (1,)), note="one class"),
    ]


@rule("log_softmax", "7", F.log_softmax)
def _log_softmax(rng: Gen) -> list[Case]:
    return [
        case(F.log_softmax, normal(rng, (5,))),
        case(F.log_softmax, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.log_softmax(x, dim=1), normal(rng, (2, 3, 1)), note="dim=1"),
        case(lambda x: F.log_softmax(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
    ]


@rule("logsumexp", "7", F.logsumexp)
def _logsumexp(rng: Gen) -> list[Case]:
    return [
        case(F.logsumexp, normal(rng, (5,))),
        case(F.logsumexp, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.logsumexp(x, dim=1, keepdim=True), normal(rng, (2, 3, 1)),
             note="dim=1 keepdim"),
        case(lambda x: F.logsumexp(x, axis=0), normal(rng, (3, 1)), note="axis=0"),
    ]


# -- rules 8–9: losses -----------------------------------------------------------------------

@rule("cross_entropy", "8", F.cross_entropy)
def _cross_entropy(rng: Gen) -> list[Case]:
    ce = F.cross_entropy
    y3, y1, y0 = labels(rng, 5, (3,)), labels(rng, 4, (1,)), labels(rng, 4, ())
    y_nd = labels(rng, 3, (2, 1, 4))
    w = rng.uniform(0.5, 2.0, 5)
    y_ign = np.array([1, -100, 4])
    y_ign_alt = np.array([1, 7, 4])
    t3 = probs(rng, (3, 5))
    return [
        case(lambda x: ce(x, y3), normal(rng, (3, 5)), note="labels"),
        case(lambda x: ce(x, y1), normal(rng, (1, 4)), note="labels batch 1"),
        case(lambda x: ce(x, y0), normal(rng, (4,)), note="one sample, scalar label"),
        case(lambda x: ce(x, y_nd), normal(rng, (2, 3, 1, 4)), note="labels (N,C,d1,d2)"),
        case(lambda x: ce(x, y3, weight=w), normal(rng, (3, 5)), note="class weights"),
        case(lambda x: ce(x, y3, label_smoothing=0.2), normal(rng, (3, 5)),
             note="label_smoothing=0.2"),
        case(lambda x: ce(x, y3, weight=w, label_smoothing=0.1, reduction="sum"),
             normal(rng, (3, 5)), note="weights+smoothing sum"),
        case(lambda x: ce(x, y_ign), normal(rng, (3, 5)), note="ignore_index=-100"),
        case(lambda x: ce(x, y_ign_alt, ignore_index=7, weight=w), normal(rng, (3, 5)),
             note="ignore_index=7 weights"),
        case(lambda x: ce(x, y3, reduction="sum"), normal(rng, (3, 5)), note="sum"),
        case(lambda x: ce(x, y3, reduction="none"), normal(rng, (3, 5)), note="none"),
        case(lambda x: ce(x, t3), normal(rng, (3, 5)), note="probability targets"),
        case(lambda x, t: ce(x, t, weight=w, label_smoothing=0.1), normal(rng, (3, 5)),
             probs(rng, (3, 5)), note="w.r.t. logits and probabilities"),
        case(lambda x, t: ce(x, t, reduction="none"), normal(rng, (1, 3)),
             probs(rng, (1, 3)), note="probabilities none"),
    ]


@rule("nll_loss", "9", F.nll_loss)
def _nll(rng: Gen) -> list[Case]:
    nll = F.nll_loss
    y3, y1 = labels(rng, 4, (3,)), labels(rng, 4, (1,))
    y_nd = labels(rng, 3, (2, 1))
    w = rng.uniform(0.5, 2.0, 4)
    return [
        case(lambda x: nll(x, y3), normal(rng, (3, 4))),
        case(lambda x: nll(x, y1), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: nll(x, y_nd), normal(rng, (2, 3, 1)), note="(N,C,d)"),
        case(lambda x: nll(x, y3, weight=w), normal(rng, (3, 4)), note="class weights"),
        case(lambda x: nll(x, np.array([0, -100, 2])), normal(rng, (3, 4)),
             note="ignore_index"),
        case(lambda x: nll(x, y3, reduction="sum"), normal(rng, (3, 4)), note="sum"),
        case(lambda x: nll(x, y3, weight=w, reduction="none"), normal(rng, (3, 4)),
             note="weights none"),
    ]


@rule("mse_loss", "9", F.mse_loss)
def _mse(rng: Gen) -> list[Case]:
    return [
        case(F.mse_loss, normal(rng, (5,)), normal(rng, (5,))),
        case(F.mse_loss, normal(rng, (1, 4)), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x, t: F.mse_loss(x, t, reduction="sum"), normal(rng, (3, 1, 2)),
             normal(rng, (3, 1, 2)), note="sum"),
        case(lambda x, t: F.mse_loss(x, t, reduction="none"), normal(rng, (2, 3)),
             normal(rng, (2, 3)), note="none"),
    ]


@rule("binary_cross_entropy", "9", F.binary_cross_entropy)
def _bce(rng: Gen) -> list[Case]:
    bce = F.binary_cross_entropy
    w = rng.uniform(0.5, 2.0, (1, 4))
    return [
        case(bce, unit(rng, (5,)), unit(rng, (5,))),
        case(bce, unit(rng, (1, 4)), unit(rng, (1, 4)), note="batch 1"),
        case(lambda z, y: bce(z, y, reduction="sum"), unit(rng, (3, 1, 2)),
             unit(rng, (3, 1, 2)), note="sum"),
        case(lambda z, y: bce(z, y, weight=w, reduction="none"), unit(rng, (2, 4)),
             unit(rng, (2, 4)), note="weight none"),
    ]


@rule("binary_cross_entropy_with_logits", "9", F.binary_cross_entropy_with_logits)
def _bce_logits(rng: Gen) -> list[Case]:
    bcel = F.binary_cross_entropy_with_logits
    pw = rng.uniform(0.5, 3.0, 4)
    w = rng.uniform(0.5, 2.0, (2, 1))
    return [
        case(bcel, normal(rng, (5,)), unit(rng, (5,))),
        case(bcel, normal(rng, (1, 4)), unit(rng, (1, 4)), note="batch 1"),
        case(lambda a, y: bcel(a, y, reduction="sum"), normal(rng, (3, 1, 2)),
             unit(rng, (3, 1, 2)), note="sum"),
        case(lambda a, y: bcel(a, y, pos_weight=pw), normal(rng, (2, 4)), unit(rng, (2, 4)),
             note="pos_weight"),
        case(lambda a, y: bcel(a, y, weight=w, pos_weight=pw, reduction="none"),
             normal(rng, (2, 4)), unit(rng, (2, 4)), note="weight pos_weight none"),
    ]


# -- rule 10: linear (and dropout, a product with a constant mask) ---------------------------

@rule("linear", "10", F.linear)
def _linear(rng: Gen) -> list[Case]:
    return [
        case(F.linear, normal(rng, (3, 4)), normal(rng, (2, 4)), normal(rng, (2,))),
        case(F.linear, normal(rng, (1, 4)), normal(rng, (3, 4)), normal(rng, (3,)),
             note="batch 1"),
        case(F.linear, normal(rng, (4,)), normal(rng, (1, 4)), normal(rng, (1,)),
             note="one sample, one output"),
        case(F.linear, normal(rng, (2, 3, 4)), normal(rng, (3, 4)), normal(rng, (3,)),
             note="batched N-D input"),
        case(F.linear, normal(rng, (3, 4)), normal(rng, (2, 4)), note="no bias"),
    ]


@rule("dropout", "10", F.dropout)
def _dropout(rng: Gen) -> list[Case]:
    def fixed(p: float, seed: int):
        # A fresh generator per call: every evaluation of f draws the same mask.
        return lambda x: F.dropout(x, p, generator=np.random.default_rng(seed))
    return [case(fixed(0.3, 1), normal(rng, (5,)), note="p=0.3"),
            case(fixed(0.5, 2), normal(rng, (1, 4)), note="p=0.5"),
            case(fixed(0.2, 3), normal(rng, (3, 1, 2)), note="p=0.2")]


# -- rule 13: basic array operations ---------------------------------------------------------

# Pairs of shapes for binary ops: equal, broadcast a row, an outer broadcast, a new axis.
PAIRS = [((3, 4), (3, 4)), ((1, 4), (4,)), ((3, 1), (1, 4)), ((2, 3, 1), (3, 4)), ((), (2, 2))]


def binary(op: Callable, da: Callable, db: Callable) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        return [case(op, da(rng, sa), db(rng, sb)) for sa, sb in PAIRS]
    return cases


def away_from_zero(rng: Gen, shape) -> np.ndarray:
    return away(rng, shape, gap=0.5)


for _name, _op, _db in [("add", F.add, normal), ("sub", F.sub, normal),
                        ("mul", F.mul, normal), ("div", F.div, away_from_zero)]:
    register(Rule(_name, _op, "13", binary(_op, normal, _db), ("basic",)))


@rule("power", "13", F.power)
def _power(rng: Gen) -> list[Case]:
    out = [case(F.power, positive(rng, sa), rng.uniform(-1.5, 2.5, sb)) for sa, sb in PAIRS[:4]]
    out.append(case(lambda a: F.power(a, 3.0), normal(rng, (2, 3)), note="a**3"))
    out.append(case(lambda a: F.power(a, 0.5), positive(rng, (1, 3)), note="a**0.5"))
    out.append(case(lambda b: F.power(2.0, b), normal(rng, (3, 1)), note="2**b"))
    return out


register(Rule("neg", F.neg, "13", elementwise(F.neg, normal), ("basic",)))
register(Rule("exp", F.exp, "13", elementwise(F.exp, normal), ("basic",)))
register(Rule("log", F.log, "13", elementwise(F.log, positive), ("basic",)))
register(Rule("sqrt", F.sqrt, "13", elementwise(F.sqrt, positive), ("basic",)))
register(Rule("abs", F.abs, "13", elementwise(F.abs, away), ("basic",)))


@rule("matmul", "13", F.matmul)
def _matmul(rng: Gen) -> list[Case]:
    shapes = [((3, 4), (4, 2), ""), ((4,), (4,), "vector·vector"), ((4,), (4, 3), "vector@matrix"),
              ((3, 4), (4,), "matrix@vector"), ((1, 2, 3), (3, 2), "batch 1"),
              ((2, 3, 4), (4, 5), "batched"), ((2, 1, 2, 3), (3, 3, 2), "broadcast batch"),
              ((3,), (2, 3, 1), "vector@batch")]
    return [case(F.matmul, normal(rng, a), normal(rng, b), note=n) for a, b, n in shapes]


def reduction(op: Callable, domain: Callable) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        return [
            case(op, domain(rng, (5,)), note="all"),
            case(lambda x: op(x, axis=1), domain(rng, (1, 4)), note="axis=1"),
            case(lambda x: op(x, axis=0), domain(rng, (3, 1, 2)), note="axis=0"),
            case(lambda x: op(x, axis=(0, 2), keepdims=True), domain(rng, (2, 3, 2)),
                 note="axis=(0,2) keepdims"),
            case(lambda x: op(x, axis=-1), domain(rng, (3, 1)), note="size-1 axis"),
        ]
    return cases


register(Rule("sum", F.sum, "13", reduction(F.sum, normal), ("basic",)))
register(Rule("mean", F.mean, "13", reduction(F.mean, normal), ("basic",)))
register(Rule("max", F.max, "13", reduction(F.max, distinct), ("basic",)))
register(Rule("min", F.min, "13", reduction(F.min, distinct), ("basic",)))


@rule("reshape", "13", F.reshape)
def _reshape(rng: Gen) -> list[Case]:
    return [
        case(lambda x: F.reshape(x, shape=(3, 2)), normal(rng, (2, 3))),
        case(lambda x: F.reshape(x, shape=(4,)), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.reshape(x, shape=(-1, 1)), normal(rng, (3, 1, 2)), note="-1"),
    ]


@rule("transpose", "13", F.transpose)
def _transpose(rng: Gen) -> list[Case]:
    return [
        case(F.transpose, normal(rng, (2, 3))),
        case(F.transpose, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.transpose(x, axes=(1, 2, 0)), normal(rng, (3, 1, 2)),
             note="axes=(1,2,0)"),
        case(lambda x: F.transpose(x, axes=(0, 2, 1)), normal(rng, (2, 3, 4)),
             note="axes=(0,2,1)"),
    ]


@rule("getitem", "13", F.getitem)
def _getitem(rng: Gen) -> list[Case]:
    gi = F.getitem
    mask = np.array([[True, False, True], [False, True, True]])
    return [
        case(lambda x: gi(x, index=slice(1, 3)), normal(rng, (4,)), note="x[1:3]"),
        case(lambda x: gi(x, index=(slice(None), 0)), normal(rng, (1, 4)), note="x[:, 0]"),
        case(lambda x: gi(x, index=(1, slice(None), None)), normal(rng, (3, 1, 2)),
             note="x[1, :, None]"),
        case(lambda x: gi(x, index=np.array([0, 2, 0, 0])), normal(rng, (3, 2)),
             note="x[[0,2,0,0]] repeated"),
        case(lambda x: gi(x, index=(np.array([0, 1, 0]), np.array([2, 1, 2]))),
             normal(rng, (2, 3)), note="x[[0,1,0],[2,1,2]] repeated pairs"),
        case(lambda x: gi(x, index=mask), normal(rng, (2, 3)), note="boolean mask"),
        case(lambda x: gi(x, index=(Ellipsis, slice(None, None, -1))), normal(rng, (2, 3)),
             note="x[..., ::-1]"),
    ]


@rule("concatenate", "13", F.concatenate)
def _concatenate(rng: Gen) -> list[Case]:
    return [
        case(lambda a, b: F.concatenate([a, b]), normal(rng, (2, 3)), normal(rng, (1, 3)),
             note="axis=0"),
        case(lambda a, b: F.concatenate([a, b], axis=1), normal(rng, (2, 1)),
             normal(rng, (2, 3)), note="axis=1"),
        case(lambda a, b, c: F.concatenate([a, b, c]), normal(rng, (2,)), normal(rng, (1,)),
             normal(rng, (3,)), note="three"),
        case(lambda a, b: F.concatenate([a, a, b], axis=-1), normal(rng, (1, 2)),
             normal(rng, (1, 1)), note="same input twice"),
    ]


@rule("stack", "13", F.stack)
def _stack(rng: Gen) -> list[Case]:
    return [
        case(lambda a, b, c: F.stack([a, b, c]), normal(rng, (3,)), normal(rng, (3,)),
             normal(rng, (3,)), note="axis=0"),
        case(lambda a, b: F.stack([a, b], axis=1), normal(rng, (1, 2)), normal(rng, (1, 2)),
             note="axis=1"),
        case(lambda a, b: F.stack([a, b], axis=-1), normal(rng, (3, 1)), normal(rng, (3, 1)),
             note="axis=-1"),
    ]


@rule("where", "13", F.where)
def _where(rng: Gen) -> list[Case]:
    c34 = rng.random((3, 4)) > 0.5
    c14 = np.array([[True, False, False, True]])
    return [
        case(lambda a, b: F.where(c34, a, b), normal(rng, (3, 4)), normal(rng, (3, 4))),
        case(lambda a, b: F.where(c34, a, b), normal(rng, (3, 4)), normal(rng, (4,)),
             note="b broadcast"),
        case(lambda a, b: F.where(c14, a, b), normal(rng, (1, 4)), normal(rng, (3, 1)),
             note="both broadcast"),
        case(lambda a: F.where(c14, a, 0.0), normal(rng, (1, 4)), note="b constant"),
    ]
