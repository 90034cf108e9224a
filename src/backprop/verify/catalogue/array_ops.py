"""Catalogue: basic array operations (rule 13), the cases of functional/array_ops.py.

Binary ops are tried on pairs of shapes that broadcast; max and min on inputs without ties
(gaps of at least 0.2); log and sqrt on positive inputs; abs away from 0.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ... import functional as F
from ...functional.broadcasting import normalize_axes
from .cases import case, register_op, rule, unary
from .rule import Case, Space
from .spaces import (away, away_from_zero, axis, broadcastable, distinct, draw_shape, flag,
                     normal, one_of, permutation, positive, shape)

Gen = np.random.Generator


PAIRS = [((3, 4), (3, 4)), ((1, 4), (4,)), ((3, 1), (1, 4)), ((2, 3, 1), (3, 4)), ((), (2, 2))]


def binary(op: Callable, da: Callable, db: Callable) -> Callable[[Gen], list[Case]]:
    def cases(rng: Gen) -> list[Case]:
        out = [case(op, da(rng, sa), db(rng, sb)) for sa, sb in PAIRS]
        if op in (F.add, F.sub):
            out.append(case(lambda a, b: op(a, b, alpha=-2.5), da(rng, (2, 3)),
                            db(rng, (3,)), note="alpha=-2.5"))
        if op is F.div:  # quotients k + ½ ± 0.3: no jump of the rounding within ε
            for mode in ("floor", "trunc"):
                b = away_from_zero(rng, (2, 3))
                a = (rng.integers(-3, 4, (2, 3)) + 0.5 + rng.uniform(-0.3, 0.3, (2, 3))) * b
                out.append(case(lambda a, b, mode=mode: op(a, b, rounding_mode=mode), a, b,
                                note=f"rounding_mode={mode}"))
        return out
    return cases


ALPHA = {"alpha": one_of(1, 0.5, -2.0)}
ROUNDING = {"rounding_mode": one_of(None, "floor", "trunc")}
for _name, _op, _db, _opts, _twin in [
        ("add", F.add, normal, ALPHA, lambda T, a, b, alpha: T.add(a, b, alpha=alpha)),
        ("sub", F.sub, normal, ALPHA, lambda T, a, b, alpha: T.sub(a, b, alpha=alpha)),
        ("mul", F.mul, normal, {}, lambda T, a, b: T.mul(a, b)),
        ("div", F.div, away_from_zero, ROUNDING,
         lambda T, a, b, rounding_mode: T.div(a, b, rounding_mode=rounding_mode))]:
    register_op(_name, binary(_op, normal, _db),
                Space(broadcastable(2), (normal, _db), _opts, torch=_twin))


def _quarters(offset: float):
    """Values near k + ``offset`` for integers k: a drawn from quarter 1 and b from quarter 3
    are always at least 0.3 apart, so maximum and minimum never meet a tie within ε."""
    return lambda rng, shape: (rng.integers(-2, 3, shape) + offset
                               + rng.uniform(-0.1, 0.1, shape))


for _name, _op in [("maximum", F.maximum), ("minimum", F.minimum)]:
    register_op(_name, binary(_op, _quarters(0.25), _quarters(0.75)),
                Space(broadcastable(2), (_quarters(0.25), _quarters(0.75)),
                      torch=lambda T, a, b, name=_name: getattr(T, name)(a, b)))


def exponent(rng: Gen, shape) -> np.ndarray:
    return rng.uniform(-1.5, 2.5, shape)


@rule("power", space=Space(broadcastable(2), (positive, exponent),
                                          torch=lambda T, a, b: T.pow(a, b)))
def _power(rng: Gen) -> list[Case]:
    out = [case(F.power, positive(rng, sa), rng.uniform(-1.5, 2.5, sb)) for sa, sb in PAIRS[:4]]
    out.append(case(lambda a: F.power(a, 3.0), normal(rng, (2, 3)), note="a**3"))
    out.append(case(lambda a: F.power(a, 0.5), positive(rng, (1, 3)), note="a**0.5"))
    out.append(case(lambda b: F.power(2.0, b), normal(rng, (3, 1)), note="2**b"))
    return out


unary("neg", normal)
unary("exp", normal)
unary("log", positive)
unary("sqrt", positive)
unary("abs", away)


def matmul_layout(c) -> tuple[tuple[int, ...], ...]:
    """Vectors, matrices and batches of them, with broadcast batch axes; any side 0–3."""
    n, k, m = c.integer(0, 3), c.integer(0, 3), c.integer(0, 3)
    batch = draw_shape(c, 0, 2)
    a = (k,) if c.integer(0, 3) == 0 else batch[c.integer(0, len(batch)):] + (n, k)
    b_batch = tuple(1 if c.boolean() else d for d in batch[c.integer(0, len(batch)):])
    b = (k,) if c.integer(0, 3) == 0 else b_batch + (k, m)
    return a, b


@rule("matmul", space=Space(
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
    register_op(name, reduction(fn, domain), space)


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


@rule("reshape", space=Space(
    shape(), normal, {"shape": _new_shape}, valid=_reshape_fits,
    torch=lambda T, x, shape: x.reshape(shape)))
def _reshape(rng: Gen) -> list[Case]:
    return [
        case(lambda x: F.reshape(x, shape=(3, 2)), normal(rng, (2, 3))),
        case(lambda x: F.reshape(x, shape=(4,)), normal(rng, (1, 4)), note="batch 1"),
        case(lambda x: F.reshape(x, shape=(-1, 1)), normal(rng, (3, 1, 2)), note="-1"),
    ]


@rule("transpose", space=Space(
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


@rule("getitem", space=Space(
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


@rule("concatenate", space=Space(
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
        case(lambda a, e, b: F.concatenate([a, e, b], axis=1), normal(rng, (2, 1)),
             normal(rng, (0,)), normal(rng, (2, 2)), note="an empty 1-D tensor, left out"),
    ]


@rule("stack", space=Space(
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


@rule("where", space=Space(
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
