"""Catalogue: losses (rules 8–9), the cases of functional/losses.py."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ... import functional as F
from .cases import case, labels, rule
from .rule import Case, Space
from .spaces import normal, one_of, probs, same, unit

Gen = np.random.Generator


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


@rule("cross_entropy", space=Space(
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


@rule("nll_loss", space=Space(
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


@rule("mse_loss", space=Space(
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


@rule("binary_cross_entropy", space=Space(
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


@rule("binary_cross_entropy_with_logits", space=Space(
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
