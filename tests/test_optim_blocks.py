"""Optimisers update large parameters block by block: the same bits as whole-array passes.

The reference updates below are the optimisers' steps written over whole arrays (as they
were before the blocks); a parameter of several blocks, a small one and a non-contiguous
one must follow them to the last bit over several steps.
"""

import math

import numpy as np
import pytest

import backprop as bp
from backprop import optim
from backprop.optim.blocks import BLOCK, blocks

SHAPES = [(7, 3), (3 * BLOCK + 5,), (2 * BLOCK // 64 + 9, 64)]


def _reference_sgd(p, g, state, lr, momentum=0.0, dampening=0.0, weight_decay=0.0,
                   nesterov=False):
    if weight_decay:
        g = g + weight_decay * p
    if momentum:
        buf = state.get("buf")
        if buf is None:
            buf = state["buf"] = np.array(g, dtype=p.dtype)
        else:
            buf *= momentum
            if dampening:
                buf += (1 - dampening) * g
            else:
                buf += g
        g = g + momentum * buf if nesterov else buf
    p -= lr * g


def _reference_adam(p, g, state, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                    amsgrad=False, decoupled=False):
    b1, b2 = betas
    if weight_decay:
        if decoupled:
            p *= 1 - lr * weight_decay
        else:
            g = g + weight_decay * p
    if not state:
        state.update(t=0, m=np.zeros_like(p), v=np.zeros_like(p), vmax=np.zeros_like(p))
    state["t"] += 1
    t, m, v = state["t"], state["m"], state["v"]
    m *= b1
    m += (1 - b1) * g
    v *= b2
    v += (1 - b2) * (g * g)
    if amsgrad:
        np.maximum(state["vmax"], v, out=state["vmax"])
        v = state["vmax"]
    step = np.sqrt(v)
    step /= math.sqrt(1 - b2 ** t)
    step += eps
    np.divide(m, step, out=step)
    step *= lr / (1 - b1 ** t)
    p -= step


CASES = [
    ("sgd", optim.SGD, _reference_sgd, dict(lr=0.1)),
    ("sgd_wd", optim.SGD, _reference_sgd, dict(lr=0.1, weight_decay=1e-2)),
    ("momentum", optim.SGD, _reference_sgd, dict(lr=0.05, momentum=0.9)),
    ("momentum_all", optim.SGD, _reference_sgd,
     dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=1e-3)),
    ("nesterov", optim.SGD, _reference_sgd,
     dict(lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3)),
    ("adam", optim.Adam, _reference_adam, dict(lr=1e-3)),
    ("adam_wd_amsgrad", optim.Adam, _reference_adam,
     dict(lr=1e-2, weight_decay=1e-2, amsgrad=True)),
    ("adamw", optim.AdamW, lambda *a, **k: _reference_adam(*a, decoupled=True, **k),
     dict(lr=1e-2, weight_decay=1e-2)),
]


@pytest.mark.parametrize("name,cls,reference,hyper", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_blocked_update_bit_equal_to_whole_arrays(name, cls, reference, hyper, shape, dtype,
                                                  rng):
    start = rng.standard_normal(shape).astype(dtype)
    p = bp.tensor(start.copy(), requires_grad=True)
    opt = cls([p], **hyper)
    ref, state = start.copy(), {}
    for _ in range(4):
        g = rng.standard_normal(shape).astype(dtype)
        p.grad = g.copy()
        opt.step()
        reference(ref, g, state, **hyper)
        np.testing.assert_array_equal(p.data, ref, strict=True)


def test_non_contiguous_parameter_is_updated_whole(rng):
    """A transposed parameter cannot be cut into flat views; it is updated as it is."""
    base = rng.standard_normal((64, 3 * BLOCK // 64 + 1)).astype(np.float32)
    p = bp.tensor(base.T, requires_grad=True)  # a view: not C-contiguous
    assert not p.data.flags.c_contiguous
    opt = optim.SGD([p], lr=0.1, momentum=0.9)
    ref, state = base.T.copy(), {}
    for _ in range(3):
        g = rng.standard_normal(p.shape).astype(np.float32)
        p.grad = g
        opt.step()
        _reference_sgd(ref, g, state, lr=0.1, momentum=0.9)
    np.testing.assert_array_equal(p.data, ref, strict=True)


def test_blocks_are_views_of_the_same_positions():
    a = np.arange(2 * BLOCK + 3, dtype=np.float32)
    b = -a
    got = blocks(a, b)
    assert len(got) == 3
    for x, y in got:
        assert np.shares_memory(x, a) and np.shares_memory(y, b)
        np.testing.assert_array_equal(x, -y)
    assert sum(len(x) for x, _ in got) == a.size
    small = np.ones(5)
    assert blocks(small, small)[0][0] is small


MOMENTUM_CASES = [c for c in CASES if c[1] is optim.SGD and c[3].get("momentum")]


@pytest.mark.parametrize("name,cls,reference,hyper", MOMENTUM_CASES,
                         ids=[c[0] for c in MOMENTUM_CASES])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_small_parameters_sharing_one_buffer_array_bit_equal(name, cls, reference, hyper,
                                                             dtype, rng):
    """Small parameters keep their momentum buffers in one shared array and are updated
    together: the same bits as each one's whole-array update, also across a step where one
    of them has no gradient, a state saved and loaded into a new optimiser, and a buffer
    replaced by a copy (each loses the sharing, then takes it up again)."""
    shapes = [(7, 3), (5,), (3 * BLOCK + 5,), (4, 4, 2), (1,)]
    starts = [rng.standard_normal(s).astype(dtype) for s in shapes]
    params = [bp.tensor(s.copy(), requires_grad=True) for s in starts]
    opt = cls(params, **hyper)
    refs, states = [s.copy() for s in starts], [{} for _ in shapes]
    for step in range(9):
        grads = [rng.standard_normal(s).astype(dtype) for s in shapes]
        skip = 1 if step == 3 else None
        for i, (p, g) in enumerate(zip(params, grads)):
            p.grad = None if i == skip else g.copy()
        if step == 5:
            saved = opt.state_dict()
            opt = cls(params, **hyper)
            opt.load_state_dict(saved)
        if step == 7:  # a buffer replaced by a copy of itself
            p = params[0]
            opt.state[id(p)]["momentum_buffer"] = opt.state[id(p)]["momentum_buffer"].copy()
        opt.step()
        for i, (r, g, st) in enumerate(zip(refs, grads, states)):
            if i != skip:
                reference(r, g, st, **hyper)
        for p, r in zip(params, refs):
            np.testing.assert_array_equal(p.data, r, strict=True)
    shared = [opt.state[id(p)]["momentum_buffer"] for p in params if p.data.size < 4096]
    assert all(b.base is shared[0].base for b in shared)  # the sharing was taken up again
