"""Adam sets first moments that decay below the smallest normal float to zero.

Where a gradient stays zero (an image's border pixels), m ← β₁ m passes through the
subnormal numbers, on which x86 arithmetic is many times slower. The flush must change
nothing but those moments: the parameters follow, to the last bit, the update that keeps
them (the whole-array reference below, written as the update was before the flush), and
PyTorch's Adam, which keeps them, within float32 rounding over a thousand steps.
"""


import numpy as np
import pytest
from test_optim_blocks import _reference_adam, _reference_sgd  # no flush in either

import backprop as bp
from backprop import optim
from backprop.optim.blocks import BLOCK
from backprop.optim.subnormals import flush_subnormals

SHAPES = [(7, 3), (3 * BLOCK + 5,)]  # updated whole, and block by block


def _gradients(rng, shape, steps):
    """Gradients of scale 1e-3 that stop, for half of the entries, after 20 steps (their
    first moments then decay through the subnormals to zero) and come back for the last 30."""
    dead = rng.random(shape) < 0.5
    for k in range(steps):
        g = (rng.standard_normal(shape) * 1e-3).astype(np.float32)
        if 20 <= k < steps - 30:
            g[dead] = 0
        yield g


def _subnormal(a):
    return (a != 0) & (np.abs(a) < np.finfo(a.dtype).tiny)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("amsgrad", [False, True])
def test_flush_keeps_the_parameters_bit_equal(shape, amsgrad, rng):
    start = rng.standard_normal(shape).astype(np.float32)
    p = bp.tensor(start.copy(), requires_grad=True)
    opt = optim.Adam([p], lr=1e-3, amsgrad=amsgrad)
    ref, state = start.copy(), {}
    seen_subnormal = False
    for g in _gradients(rng, shape, 1100):
        p.grad = g.copy()
        opt.step()
        _reference_adam(ref, g, state, lr=1e-3, amsgrad=amsgrad)
        np.testing.assert_array_equal(p.data, ref, strict=True)
        m = opt.state[id(p)]["exp_avg"]
        # m is the reference's moment with its subnormals set to zero, nothing else
        flushed = np.where(_subnormal(state["m"]), np.float32(0), state["m"])
        np.testing.assert_array_equal(m, flushed, strict=True)
        assert not _subnormal(m).any()
        seen_subnormal |= bool(_subnormal(state["m"]).any())
    assert seen_subnormal, "the gradients never drove a moment into the subnormals"


def test_matches_torch_over_a_thousand_steps(rng):
    torch = pytest.importorskip("torch")
    shape = (64, 32)
    start = rng.standard_normal(shape).astype(np.float32)
    p = bp.tensor(start.copy(), requires_grad=True)
    tp = torch.tensor(start.copy(), requires_grad=True)
    opt, topt = optim.Adam([p], lr=1e-3), torch.optim.Adam([tp], lr=1e-3)
    grads = list(_gradients(rng, shape, 1100))
    for k, g in enumerate(grads):
        p.grad = g.copy()
        opt.step()
        tp.grad = torch.from_numpy(g.copy())
        topt.step()
        if k == len(grads) - 31:  # the last step of zero gradients
            torch_m = topt.state[tp]["exp_avg"].numpy()
            m = opt.state[id(p)]["exp_avg"]
            # torch keeps the subnormal moments; they are zero here, and the others agree
            assert _subnormal(torch_m).any()
            assert (m[_subnormal(torch_m)] == 0).all()
            np.testing.assert_allclose(m, torch_m, rtol=1e-4, atol=1e-9)
    np.testing.assert_allclose(p.data, tp.detach().numpy(), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_flush_subnormals(dtype):
    tiny = np.finfo(dtype).tiny
    a = np.array([tiny, -tiny, tiny / 2, -tiny / 4, 0.0, -0.0, 1.0, -3e-30, np.inf],
                 dtype=dtype)
    flush_subnormals(a)
    np.testing.assert_array_equal(a, np.array([tiny, -tiny, 0, 0, 0, 0, 1.0, -3e-30, np.inf],
                                              dtype=dtype))


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("nesterov", [False, True])
def test_momentum_flush_keeps_the_parameters_bit_equal(shape, nesterov, rng):
    """The momentum buffer decays the same way where the gradient stays zero; flushing it
    changes the buffer's subnormal entries only, never the parameters."""
    start = rng.standard_normal(shape).astype(np.float32)
    p = bp.tensor(start.copy(), requires_grad=True)
    opt = optim.SGD([p], lr=0.05, momentum=0.9, nesterov=nesterov)
    ref, state = start.copy(), {}
    seen_subnormal = False
    for g in _gradients(rng, shape, 1100):
        p.grad = g.copy()
        opt.step()
        _reference_sgd(ref, g, state, lr=0.05, momentum=0.9, nesterov=nesterov)
        np.testing.assert_array_equal(p.data, ref, strict=True)
        b = opt.state[id(p)]["momentum_buffer"]
        flushed = np.where(_subnormal(state["buf"]), np.float32(0), state["buf"])
        np.testing.assert_array_equal(b, flushed, strict=True)
        assert not _subnormal(b).any()
        seen_subnormal |= bool(_subnormal(state["buf"]).any())
    assert seen_subnormal, "the gradients never drove the buffer into the subnormals"

