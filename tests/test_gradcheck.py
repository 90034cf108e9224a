"""gradcheck must catch wrong VJPs: a sign flip, a missing transpose, a wrong broadcast."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.engine import primitive
from backprop.errors import BackpropError
from backprop.functional.broadcasting import unbroadcast
from backprop.verify import gradcheck

rng = np.random.default_rng(0)


@primitive
def tanh_sign_flip(x):
    y = np.tanh(x)
    return y, lambda g, needs: (-g * (1 - y * y),)


@primitive
def matmul_no_transpose(a, b):
    # Ā should be Ȳ Bᵀ; this uses B reshaped instead of transposed (same size, wrong layout).
    out = a @ b
    return out, lambda g, needs: ((g @ b.reshape(b.shape[1], b.shape[0])), a.T @ g)


@primitive
def add_wrong_broadcast(a, b):
    # b̄ should sum ȳ over the broadcast axis; this takes the first row instead.
    out = a + b
    return out, lambda g, needs: (g, g[0].reshape(np.shape(b)))


@primitive
def mul_bias_right(a, b):
    out = a * b
    return out, lambda g, needs: (unbroadcast(g * b, a.shape), unbroadcast(g * a, np.shape(b)))


def test_right_rules_pass():
    x = rng.standard_normal((3, 4))
    r = gradcheck(F.tanh, x)
    assert r and r.passed and r.mode == "full"
    assert gradcheck(F.matmul, rng.standard_normal((3, 4)), rng.standard_normal((4, 2)))
    assert gradcheck(mul_bias_right, rng.standard_normal((3, 4)), rng.standard_normal(4))


def test_sign_flip_is_caught():
    r = gradcheck(tanh_sign_flip, rng.standard_normal((2, 3)))
    assert not r
    assert r.worst.analytic == pytest.approx(-r.worst.numeric, rel=1e-4)
    text = str(r)
    assert "FAILED" in text and "analytic" in text and "numeric" in text


def test_missing_transpose_is_caught():
    a, b = rng.standard_normal((3, 4)), rng.standard_normal((4, 2))
    r = gradcheck(matmul_no_transpose, a, b)
    assert not r
    assert r.worst.input == 0  # the wrong cotangent is the first argument's


def test_wrong_broadcast_is_caught():
    r = gradcheck(add_wrong_broadcast, rng.standard_normal((3, 4)), rng.standard_normal(4))
    assert not r
    assert r.worst.input == 1


def test_random_directions_catch_it_on_large_inputs():
    x = rng.standard_normal((30, 30))  # 900 entries: auto mode skips the full Jacobian
    r = gradcheck(tanh_sign_flip, x)
    assert r.mode == "vjp" and not r
    assert r.worst.kind == "direction"
    assert gradcheck(F.tanh, x).passed


def test_full_mode_reports_the_entry():
    r = gradcheck(tanh_sign_flip, np.array([0.3, -0.7]), mode="full", n_directions=0)
    assert not r and r.mode == "full"
    assert r.worst.kind == "entry" and r.worst.out_index == r.worst.in_index
    assert r.worst.abs_error > 0.1 and r.worst.rel_error > 1.0


def test_float32_is_refused_unless_allowed():
    x = rng.standard_normal(3).astype(np.float32)
    with pytest.raises(BackpropError, match="float32.*too coarse.*allow_float32"):
        gradcheck(F.tanh, x)
    assert gradcheck(F.tanh, x, allow_float32=True, eps=1e-2, atol=1e-3, rtol=1e-2)


def test_integers_are_promoted_and_a_crash_is_a_failure():
    assert gradcheck(F.exp, np.array([1, 2]))

    @primitive
    def broken(x):
        return x * 2, lambda g, needs: (g[:1],)  # wrong shape: the engine refuses it

    r = gradcheck(broken, np.ones(3))
    assert not r and "shape" in r.error


def test_bad_mode():
    with pytest.raises(BackpropError, match="mode"):
        gradcheck(F.exp, np.ones(2), mode="sideways")


def test_bp_gradcheck_is_wired():
    assert bp.gradcheck is gradcheck
