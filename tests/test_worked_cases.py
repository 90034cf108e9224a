"""Worked cases that need no convolution, each against its closed form."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F


def test_softmax_shift_invariance_jacobian_and_vjp(rng):
    x = rng.standard_normal(6)
    s = F.softmax(x).numpy()
    np.testing.assert_allclose(F.softmax(x + 1000).numpy(), s, rtol=1e-12, atol=1e-15)
    J = bp.jacobian(F.softmax)(x)
    np.testing.assert_allclose(J, np.diag(s) - np.outer(s, s), atol=1e-15)
    np.testing.assert_allclose(J, J.T, atol=1e-15)
    v = rng.standard_normal(6)
    _, vjp_fn = bp.vjp(F.softmax, x)
    np.testing.assert_allclose(vjp_fn(v)[0], s * (v - v @ s), atol=1e-15)


def test_softmax_is_not_scale_invariant():
    x = np.array([1.0, 2.0, 3.0])
    assert not np.allclose(F.softmax(x).numpy(), F.softmax(2 * x).numpy())
    np.testing.assert_allclose(F.softmax(2 * x, temperature=2.0).numpy(), F.softmax(x).numpy())


def test_cross_entropy_of_softmax_gradient_is_s_minus_t(rng):
    x = rng.standard_normal((5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    t = np.eye(4)[labels]
    s = F.softmax(x, dim=1).numpy()
    g = bp.grad(lambda z: F.cross_entropy(z, labels, reduction="sum"))(x)
    np.testing.assert_allclose(g, s - t, atol=1e-14)
    # composing cross-entropy on probabilities with softmax gives the same gradient
    g2 = bp.grad(lambda z: -(bp.tensor(t) * F.log(F.softmax(z, dim=1))).sum())(x)
    np.testing.assert_allclose(g2, s - t, atol=1e-12)


@pytest.mark.parametrize("hidden", ["sigmoid", "softplus"])
def test_two_layer_network_closed_forms(rng, hidden):
    n_in, n_hid, n_out = 5, 4, 3
    x = rng.standard_normal(n_in)
    t = np.eye(n_out)[1]
    W1, b1 = rng.standard_normal((n_hid, n_in)), rng.standard_normal(n_hid)
    W2, b2 = rng.standard_normal((n_out, n_hid)), rng.standard_normal(n_out)
    act = F.sigmoid if hidden == "sigmoid" else F.softplus

    def E(W1, b1, W2, b2):
        h = act(F.linear(x, W1, b1))
        return F.cross_entropy(F.linear(h, W2, b2), t)

    gW1, gb1, gW2, gb2 = bp.grad(E, argnums=(0, 1, 2, 3))(W1, b1, W2, b2)
    z1 = W1 @ x + b1
    sig = 1 / (1 + np.exp(-z1))
    h1 = sig if hidden == "sigmoid" else np.log1p(np.exp(z1))
    dact = sig * (1 - sig) if hidden == "sigmoid" else sig  # softplus′ = σ
    z2 = W2 @ h1 + b2
    y = np.exp(z2 - z2.max()) / np.exp(z2 - z2.max()).sum()
    d2 = y - t
    d1 = (W2.T @ d2) * dact
    np.testing.assert_allclose(gW2, np.outer(d2, h1), atol=1e-13)
    np.testing.assert_allclose(gb2, d2, atol=1e-13)
    np.testing.assert_allclose(gW1, np.outer(d1, x), atol=1e-13)
    np.testing.assert_allclose(gb1, d1, atol=1e-13)


def test_derivatives_from_outputs(rng):
    x = rng.standard_normal(7) * 3
    np.testing.assert_allclose(bp.grad(lambda z: F.tanh(z).sum())(x), 1 - np.tanh(x) ** 2,
                               atol=1e-15)
    s = F.sigmoid(x).numpy()
    np.testing.assert_allclose(bp.grad(lambda z: F.sigmoid(z).sum())(x), s * (1 - s), atol=1e-15)
    np.testing.assert_allclose(np.tanh(x), 2 * F.sigmoid(2 * x).numpy() - 1, atol=1e-15)
    np.testing.assert_allclose(bp.grad(lambda z: F.softplus(z).sum())(x), s, atol=1e-15)


def test_softplus_identities(rng):
    x = rng.standard_normal(9) * 5
    sp = lambda v: F.softplus(v, threshold=None).numpy()
    np.testing.assert_allclose(np.log(F.sigmoid(x).numpy()), -sp(-x), atol=1e-13)
    np.testing.assert_allclose(sp(x) - sp(-x), x, atol=1e-13)


def test_score_function_identity(rng):
    A = rng.standard_normal((4, 3))
    u = rng.standard_normal(3)
    x_of = lambda v: F.tanh(F.matmul(bp.tensor(A), v))  # a parameterised logit vector x(u)
    i = 2
    lhs = bp.grad(lambda v: F.log_softmax(x_of(v))[i])(u)
    Jx = bp.jacobian(x_of)(u)  # ∇ᵤ xⱼ as rows
    s = F.softmax(x_of(u)).numpy()
    np.testing.assert_allclose(lhs, Jx[i] - s @ Jx, atol=1e-14)


def test_two_class_softmax_is_sigmoid_of_difference(rng):
    x = rng.standard_normal((6, 2)) * 4
    np.testing.assert_allclose(F.softmax(x, dim=1).numpy()[:, 1],
                               F.sigmoid(x[:, 1] - x[:, 0]).numpy(), atol=1e-15)


def test_bce_with_logits_gradient_and_mse_vanishing(rng):
    a = np.array([-8.0, -1.0, 0.5, 9.0])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    g = bp.grad(lambda z: F.binary_cross_entropy_with_logits(z, y, reduction="sum"))(a)
    s = F.sigmoid(a).numpy()
    np.testing.assert_allclose(g, s - y, atol=1e-15)
    gm = bp.grad(lambda z: F.mse_loss(F.sigmoid(z), y, reduction="sum"))(a)
    np.testing.assert_allclose(gm, 2 * (s - y) * s * (1 - s), atol=1e-15)
    # confidently wrong (first and last): MSE's gradient all but vanishes, CE's does not
    assert np.all(np.abs(gm[[0, 3]]) < 1e-3) and np.all(np.abs(g[[0, 3]]) > 0.99)


def test_heaviside_sign_and_relu_conventions():
    x = np.array([-1.0, 0.0, 2.0])
    np.testing.assert_array_equal(F.heaviside(x).numpy(), [0, 0.5, 1])
    np.testing.assert_array_equal(F.heaviside(x, value=1.0).numpy(), [0, 1, 1])
    np.testing.assert_array_equal(bp.grad(lambda z: F.heaviside(z).sum())(x), [0, 0, 0])
    np.testing.assert_array_equal(bp.grad(lambda z: F.sign(z).sum())(x), [0, 0, 0])
    np.testing.assert_array_equal(bp.grad(lambda z: F.relu(z).sum())(x), [0, 0, 1])
    k = 1e4  # σ(kx) → H(x) away from 0
    np.testing.assert_allclose(F.sigmoid(k * np.array([-0.5, 0.5])).numpy(), [0, 1])
