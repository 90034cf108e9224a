"""Catalogue family ``basic``: rules 1–10 and 13 of docs/derivations.md, as data.

Each rule lists the points at which it is checked: float64, several shapes (a batch of 1
and a size-1 axis among them) and inputs drawn from the rule's domain — positive for log
and sqrt, inside (0, 1) for probabilities, and at least 0.1 away from any kink (relu, abs,
sign, heaviside, ties of max/min, the softplus threshold) so that central differences with
ε = 1e-6 never straddle one.

Each rule also declares its Space — the shapes, domain and options from which further
cases are generated (0-d inputs, size-0 axes, negative axes, keepdims both ways), the
inputs it must refuse, and its PyTorch twin.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from ... import functional as F
from ...functional.broadcasting import normalize_axes
from . import Case, Rule, Space, register
from .spaces import (away, away_from_zero, axis, broadcastable, distinct, draw_shape, flag,
                     normal, one_of, permutation, positive, probs, same, shape, unit)

Gen = np.random.Generator

# Shapes tried by elementwise rules: a vector, a batch of 1, a size-1 middle axis.
SHAPES = [(5,), (1, 4), (3, 1, 2)]


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


def rule(name: str, section: str, fn: Callable, *tags: str, space: Space | None = None):
    """Decorator: register the function below it as the case table of rule ``name``, with
    the Space its further cases are generated from."""

    def wrap(cases: Callable[[Gen], list[Case]]):
        register(Rule(name, fn, section, cases, tags=("basic",) + tags, space=space))
        return cases

    return wrap


def elementwise(op: Callable, domain: Callable, **kwargs) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        f = (lambda x: op(x, **kwargs)) if kwargs else op
        return [case(f, domain(rng, s)) for s in SHAPES] + [case(f, domain(rng, ()))]
    return cases


# -- rules 1–5: elementwise activations ------------------------------------------------------

def unary(name: str, section: str, fn: Callable, domain: Callable, twin: Callable | None) -> None:
    """Register an elementwise rule: hand-picked shapes, and any shape generated."""
    register(Rule(name, fn, section, elementwise(fn, domain), ("basic",),
                  space=Space(shape(), domain, torch=twin)))


unary("sigmoid", "1", F.sigmoid, normal, lambda T, x: T.sigmoid(x))
unary("tanh", "2", F.tanh, normal, lambda T, x: T.tanh(x))
unary("relu", "4", F.relu, away, lambda T, x: T.relu(x))
unary("sign", "5", F.sign, away, lambda T, x: T.sign(x))


def _torch_softplus(T, x, beta, threshold):
    # threshold=None is the exact ζ; PyTorch spells it as a threshold no βx reaches.
    return T.nn.functional.softplus(x, beta=beta, threshold=1e300 if threshold is None
                                    else threshold)


@rule("softplus", "3", F.softplus, space=Space(
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


@rule("heaviside", "5", F.heaviside, space=Space(shape(), away, {"value": one_of(0.5, 1.0)}))
def _heaviside(rng: Gen) -> list[Case]:
    out = [case(F.heaviside, away(rng, s)) for s in SHAPES]
    out.append(case(lambda x: F.heaviside(x, value=1.0), away(rng, (2, 2)), note="value=1"))
    return out


# -- rules 6–7: the softmax family -----------------------------------------------------------

@rule("softmax", "6", F.softmax, space=Space(
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


@rule("log_softmax", "7", F.log_softmax, space=Space(
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


@rule("logsumexp", "7", F.logsumexp, space=Space(
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


# -- rules 8–9: losses -----------------------------------------------------------------------

def class_layout(c) -> tuple[tuple[int, ...]]:
    """Logits (C,), (N, C) or (N, C, d1, …): C ≥ 1; N = 0 or a spatial side of 0 is an
    empty batch, which the losses refuse."""
    form, n_classes = c.integer(0, 3), c.integer(1, 3)
    if form == 0:
        return ((n_classes,),)
    return ((c.integer(0, 3), n_classes) + tuple(c.integer(0, 2) for _ in range(form - 1)),)


def _sample_shape(x: tuple[int, ...]) -> tuple[int, ...]:
    return () if len(x) == 1 else (x[0],) + x[2:]


def _nonempty_batch(shapes, kw) -> bool:
    return int(np.prod(_sample_shape(shapes[0]))) > 0


def class_targets(probabilities: bool) -> Callable:
    """Constants of cross_entropy/nll_loss: class weights or none, and integer labels (some
    equal to ignore_index, never all) or, for cross_entropy, probabilities."""
    def constants(c, rng: Gen, shapes, kw) -> dict:
        x = shapes[0]
        n_classes = x[0] if len(x) == 1 else x[1]
        out = {"weight": rng.uniform(0.5, 2.0, n_classes) if c.boolean() else None}
        if probabilities and c.boolean():
            out["target"] = probs(rng, x, axis=0 if len(x) == 1 else 1)
            out["ignore_index"] = -100  # PyTorch allows no other with probabilities
            return out
        y = np.asarray(rng.integers(0, n_classes, _sample_shape(x)))
        y = np.where(rng.random(y.shape) < 0.3, kw["ignore_index"], y)
        if y.size:
            y.flat[0] = 0  # one label kept: an all-ignored mean is NaN by convention
        out["target"] = y
        return out
    return constants


LOSS_WITHOUT = {"0-d input": "the input needs a class axis"}


@rule("cross_entropy", "8", F.cross_entropy, space=Space(
    class_layout, normal,
    {"reduction": one_of("mean", "sum", "none"), "ignore_index": one_of(-100, 1),
     "label_smoothing": one_of(0.0, 0.2)},
    constants=class_targets(probabilities=True), valid=_nonempty_batch,
    torch=lambda T, x, **kw: T.nn.functional.cross_entropy(x, **kw), without=LOSS_WITHOUT))
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


@rule("nll_loss", "9", F.nll_loss, space=Space(
    class_layout, normal,
    {"reduction": one_of("mean", "sum", "none"), "ignore_index": one_of(-100, 1)},
    constants=class_targets(probabilities=False), valid=_nonempty_batch,
    torch=lambda T, x, **kw: T.nn.functional.nll_loss(x, **kw), without=LOSS_WITHOUT))
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


def _nonempty(shapes, kw) -> bool:
    return all(int(np.prod(s)) > 0 for s in shapes)


REDUCTION = {"reduction": one_of("mean", "sum", "none")}


def _weight(c, rng: Gen, shapes, kw) -> dict:
    return {"weight": np.asarray(rng.uniform(0.5, 2.0, shapes[0])) if c.boolean() else None}


def _weight_and_pos_weight(c, rng: Gen, shapes, kw) -> dict:
    last = shapes[0][-1:]
    return {**_weight(c, rng, shapes, kw),
            "pos_weight": np.asarray(rng.uniform(0.5, 3.0, last)) if c.boolean() else None}


@rule("mse_loss", "9", F.mse_loss, space=Space(
    same(2), normal, REDUCTION, valid=_nonempty,
    torch=lambda T, x, t, **kw: T.nn.functional.mse_loss(x, t, **kw)))
def _mse(rng: Gen) -> list[Case]:
    return [
        case(F.mse_loss, normal(rng, (5,)), normal(rng, (5,))),
        case(F.mse_loss, normal(rng, (1, 4)), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x, t: F.mse_loss(x, t, reduction="sum"), normal(rng, (3, 1, 2)),
             normal(rng, (3, 1, 2)), note="sum"),
        case(lambda x, t: F.mse_loss(x, t, reduction="none"), normal(rng, (2, 3)),
             normal(rng, (2, 3)), note="none"),
    ]


@rule("binary_cross_entropy", "9", F.binary_cross_entropy, space=Space(
    same(2), unit, REDUCTION, constants=_weight, valid=_nonempty,
    torch=lambda T, z, y, **kw: T.nn.functional.binary_cross_entropy(z, y, **kw)))
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


@rule("binary_cross_entropy_with_logits", "9", F.binary_cross_entropy_with_logits, space=Space(
    same(2), (normal, unit), REDUCTION, constants=_weight_and_pos_weight, valid=_nonempty,
    torch=lambda T, a, y, **kw: T.nn.functional.binary_cross_entropy_with_logits(a, y, **kw)))
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

def linear_layout(c) -> tuple[tuple[int, ...], ...]:
    """x (…, in), W (out, in) and, half the time, b (out,); any side may be 0 or 1."""
    n_in, n_out = c.integer(0, 3), c.integer(0, 3)
    shapes = (draw_shape(c, 0, 2) + (n_in,), (n_out, n_in))
    return shapes + ((n_out,),) if c.boolean() else shapes


@rule("linear", "10", F.linear, space=Space(
    linear_layout, normal, torch=lambda T, *xs: T.nn.functional.linear(*xs),
    without={"0-d input": "the input needs a feature axis"}))
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


def _dropout_with_seed(fn, x, p, seed):
    # A fresh generator per call: every evaluation of f draws the same mask.
    return fn(x, p, generator=np.random.default_rng(seed))


@rule("dropout", "10", F.dropout, space=Space(
    shape(), normal, {"p": one_of(0.0, 0.3, 0.5), "seed": lambda c, shapes: c.integer(0, 99)},
    call=_dropout_with_seed))
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
        out = [case(op, da(rng, sa), db(rng, sb)) for sa, sb in PAIRS]
        if op in (F.add, F.sub):
            out.append(case(lambda a, b: op(a, b, alpha=-2.5), da(rng, (2, 3)),
                            db(rng, (3,)), note="alpha=-2.5"))
        return out
    return cases


ALPHA = {"alpha": one_of(1, 0.5, -2.0)}
for _name, _op, _db, _opts, _twin in [
        ("add", F.add, normal, ALPHA, lambda T, a, b, alpha: T.add(a, b, alpha=alpha)),
        ("sub", F.sub, normal, ALPHA, lambda T, a, b, alpha: T.sub(a, b, alpha=alpha)),
        ("mul", F.mul, normal, {}, lambda T, a, b: T.mul(a, b)),
        ("div", F.div, away_from_zero, {}, lambda T, a, b: T.div(a, b))]:
    register(Rule(_name, _op, "13", binary(_op, normal, _db), ("basic",),
                  space=Space(broadcastable(2), (normal, _db), _opts, torch=_twin)))


def exponent(rng: Gen, shape) -> np.ndarray:
    return rng.uniform(-1.5, 2.5, shape)


@rule("power", "13", F.power, space=Space(broadcastable(2), (positive, exponent),
                                          torch=lambda T, a, b: T.pow(a, b)))
def _power(rng: Gen) -> list[Case]:
    out = [case(F.power, positive(rng, sa), rng.uniform(-1.5, 2.5, sb)) for sa, sb in PAIRS[:4]]
    out.append(case(lambda a: F.power(a, 3.0), normal(rng, (2, 3)), note="a**3"))
    out.append(case(lambda a: F.power(a, 0.5), positive(rng, (1, 3)), note="a**0.5"))
    out.append(case(lambda b: F.power(2.0, b), normal(rng, (3, 1)), note="2**b"))
    return out


unary("neg", "13", F.neg, normal, lambda T, x: T.neg(x))
unary("exp", "13", F.exp, normal, lambda T, x: T.exp(x))
unary("log", "13", F.log, positive, lambda T, x: T.log(x))
unary("sqrt", "13", F.sqrt, positive, lambda T, x: T.sqrt(x))
unary("abs", "13", F.abs, away, lambda T, x: T.abs(x))


def matmul_layout(c) -> tuple[tuple[int, ...], ...]:
    """Vectors, matrices and batches of them, with broadcast batch axes; any side 0–3."""
    n, k, m = c.integer(0, 3), c.integer(0, 3), c.integer(0, 3)
    batch = draw_shape(c, 0, 2)
    a = (k,) if c.integer(0, 3) == 0 else batch[c.integer(0, len(batch)):] + (n, k)
    b_batch = tuple(1 if c.boolean() else d for d in batch[c.integer(0, len(batch)):])
    b = (k,) if c.integer(0, 3) == 0 else b_batch + (k, m)
    return a, b


@rule("matmul", "13", F.matmul, space=Space(
    matmul_layout, normal, torch=lambda T, a, b: T.matmul(a, b),
    without={"0-d input": "matmul needs operands of at least one dimension"}))
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


def _torch_dims(x, axis) -> tuple[int, ...] | int:
    """Our axis=None (every axis) in PyTorch's spelling."""
    return tuple(range(x.ndim)) if axis is None else axis


def _no_empty_reduction(shapes, kw) -> bool:
    """max and min refuse to reduce over a size-0 axis."""
    s = shapes[0]
    return all(s[i] > 0 for i in normalize_axes(kw["axis"], len(s)))


def reduction_rule(name: str, fn: Callable, domain: Callable, twin: Callable,
                   valid: Callable | None = None) -> None:
    space = Space(shape(), domain, {"axis": axis(multi=True, none=True), "keepdims": flag()},
                  valid=valid, torch=lambda T, x, axis, keepdims: twin(
                      x, dim=_torch_dims(x, axis), keepdim=keepdims))
    register(Rule(name, fn, "13", reduction(fn, domain), ("basic",), space=space))


reduction_rule("sum", F.sum, normal, lambda x, **kw: x.sum(**kw))
reduction_rule("mean", F.mean, normal, lambda x, **kw: x.mean(**kw))
reduction_rule("max", F.max, distinct, lambda x, **kw: x.amax(**kw), _no_empty_reduction)
reduction_rule("min", F.min, distinct, lambda x, **kw: x.amin(**kw), _no_empty_reduction)


def _new_shape(c, shapes) -> tuple[int, ...]:
    """A target shape for reshape: the axes shuffled, two merged, a 1 inserted, one side
    spelt −1 — and now and then one that does not fit, which reshape must refuse."""
    dims = list(shapes[0])
    dims = [dims.pop(c.integer(0, len(dims) - 1)) for _ in range(len(dims))]
    if len(dims) >= 2 and c.boolean():
        i = c.integer(0, len(dims) - 2)
        dims[i:i + 2] = [dims[i] * dims[i + 1]]
    if c.boolean():
        dims.insert(c.integer(0, len(dims)), 1)
    if dims and c.boolean():
        dims[c.integer(0, len(dims) - 1)] = -1
    if c.integer(0, 7) == 0:
        dims.append(2)
    return tuple(dims)


def _reshape_fits(shapes, kw) -> bool:
    size, dims = int(np.prod(shapes[0])), kw["shape"]
    known = int(np.prod([d for d in dims if d != -1]))
    return size == known if -1 not in dims else known > 0 and size % known == 0


@rule("reshape", "13", F.reshape, space=Space(
    shape(), normal, {"shape": _new_shape}, valid=_reshape_fits,
    torch=lambda T, x, shape: x.reshape(shape)))
def _reshape(rng: Gen) -> list[Case]:
    return [
        case(lambda x: F.reshape(x, shape=(3, 2)), normal(rng, (2, 3))),
        case(lambda x: F.reshape(x, shape=(4,)), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.reshape(x, shape=(-1, 1)), normal(rng, (3, 1, 2)), note="-1"),
    ]


@rule("transpose", "13", F.transpose, space=Space(
    shape(), normal, {"axes": permutation()},
    torch=lambda T, x, axes: x.permute(tuple(reversed(range(x.ndim))) if axes is None else axes)))
def _transpose(rng: Gen) -> list[Case]:
    return [
        case(F.transpose, normal(rng, (2, 3))),
        case(F.transpose, normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.transpose(x, axes=(1, 2, 0)), normal(rng, (3, 1, 2)),
             note="axes=(1,2,0)"),
        case(lambda x: F.transpose(x, axes=(0, 2, 1)), normal(rng, (2, 3, 4)),
             note="axes=(0,2,1)"),
    ]


def _index(c, shapes):
    """An index for x: per leading axis an int, a slice (steps 1, 2, −1), an int array with
    repeats or a boolean mask; maybe None and an Ellipsis; now and then one out of range."""
    s, parts = shapes[0], []
    for n in s[:c.integer(0, len(s))]:
        kind = c.integer(0, 3)
        if kind == 0 and n:
            parts.append(c.integer(-n, n - 1))
        elif kind == 2:
            parts.append(np.array([c.integer(-n, n - 1) for _ in range(c.integer(0, 3))] if n
                                  else [], dtype=np.intp))
        elif kind == 3:
            parts.append(np.array([c.boolean() for _ in range(n)], dtype=bool))
        else:
            parts.append(slice(c.choice((None, 0, 1, -1)), c.choice((None, 2, -1, 5)),
                               c.choice((None, 2, -1))))
    if c.integer(0, 3) == 0:
        parts.insert(c.integer(0, len(parts)), None)
    if c.integer(0, 3) == 0:
        parts.insert(0, Ellipsis)
    if s and c.integer(0, 9) == 0:
        parts = [s[0]]  # out of range
    return parts[0] if len(parts) == 1 and c.boolean() else tuple(parts)


def _index_fits(shapes, kw) -> bool:
    try:
        np.empty(shapes[0])[kw["index"]]
    except IndexError:
        return False
    return True


def _torch_getitem(T, x, index):
    parts = index if isinstance(index, tuple) else (index,)
    if any(isinstance(p, slice) and (p.step or 1) < 0 for p in parts):
        return None  # PyTorch has no negative steps
    parts = tuple(T.as_tensor(p) if isinstance(p, np.ndarray) else p for p in parts)
    return x[parts if isinstance(index, tuple) else parts[0]]


@rule("getitem", "13", F.getitem, space=Space(
    shape(), normal, {"index": _index}, valid=_index_fits, torch=_torch_getitem))
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


def joined_layout(c) -> tuple[tuple[int, ...], ...]:
    """One to three shapes that differ along one axis only (sides 0–3)."""
    base = draw_shape(c, 1, 3)
    k = c.integer(0, len(base) - 1)
    return tuple(base[:k] + (c.integer(0, 3),) + base[k + 1:] for _ in range(c.integer(1, 3)))


def _join_axis(c, shapes) -> int:
    ndim = len(shapes[0])
    differ = [k for k in range(ndim) if len({s[k] for s in shapes}) > 1] or list(range(ndim))
    k = c.choice(differ)
    return k - ndim if c.boolean() else k


def _stack_axis(c, shapes) -> int:
    k = c.integer(0, len(shapes[0]))
    return k - len(shapes[0]) - 1 if c.boolean() else k


def _joined(fn, *xs, axis):
    return fn(list(xs), axis=axis)


@rule("concatenate", "13", F.concatenate, space=Space(
    joined_layout, normal, {"axis": _join_axis}, call=_joined,
    torch=lambda T, *xs, axis: T.cat(xs, dim=axis),
    without={"0-d input": "0-d tensors have no axis to join along"}))
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


@rule("stack", "13", F.stack, space=Space(
    lambda c: (draw_shape(c, 0, 2),) * c.integer(1, 3), normal, {"axis": _stack_axis},
    call=_joined, torch=lambda T, *xs, axis: T.stack(xs, dim=axis)))
def _stack(rng: Gen) -> list[Case]:
    return [
        case(lambda a, b, c: F.stack([a, b, c]), normal(rng, (3,)), normal(rng, (3,)),
             normal(rng, (3,)), note="axis=0"),
        case(lambda a, b: F.stack([a, b], axis=1), normal(rng, (1, 2)), normal(rng, (1, 2)),
             note="axis=1"),
        case(lambda a, b: F.stack([a, b], axis=-1), normal(rng, (3, 1)), normal(rng, (3, 1)),
             note="axis=-1"),
    ]


def _condition(c, rng: Gen, shapes, kw) -> dict:
    full = np.broadcast_shapes(*shapes)
    cshape = tuple(1 if c.boolean() else d for d in full[c.integer(0, len(full)):])
    return {"condition": np.asarray(rng.random(cshape) > 0.5)}


@rule("where", "13", F.where, space=Space(
    broadcastable(2), normal, constants=_condition,
    call=lambda fn, a, b, condition: fn(condition, a, b),
    torch=lambda T, a, b, condition: T.where(condition, a, b)))
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
