"""Logits and activations at ±1e4 give finite, correct values and gradients."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F

BIG = np.array([[-1e4, 0.0, 1e4], [1e4, 1e4, -1e4]])


def _finite(*arrays):
    return all(np.all(np.isfinite(a)) for a in arrays)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_softmax_family(dtype):
    x = BIG.astype(dtype)
    s = F.softmax(x, dim=1).numpy()
    assert s.dtype == dtype
    np.testing.assert_allclose(s, [[0, 0, 1], [0.5, 0.5, 0]], atol=1e-7)
    ls = F.log_softmax(x, dim=1).numpy()
    np.testing.assert_allclose(ls, [[-2e4, -1e4, 0], [-np.log(2), -np.log(2), -2e4 - np.log(2)]], rtol=1e-6)
    lse = F.logsumexp(x, dim=1).numpy()
    np.testing.assert_allclose(lse, [1e4, 1e4 + np.log(2)], rtol=1e-6)
    for f in (lambda z: F.softmax(z, dim=1)[:, 0].sum(), lambda z: F.log_softmax(z, dim=1).sum(),
              lambda z: F.logsumexp(z, dim=1).sum()):
        t = bp.tensor(x, requires_grad=True)
        f(t).backward()
        assert t.grad.dtype == dtype and _finite(t.grad)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy(dtype):
    x = bp.tensor(BIG.astype(dtype), requires_grad=True)
    loss = F.cross_entropy(x, np.array([0, 2]), reduction="none")
    np.testing.assert_allclose(loss.numpy(), [2e4, 2e4 + np.log(2)], rtol=1e-6)
    loss.sum().backward()
    s = np.array([[0, 0, 1], [0.5, 0.5, 0]])
    np.testing.assert_allclose(x.grad, s - np.eye(3)[[0, 2]], atol=1e-7)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_softplus_bce(dtype):
    x = np.array([-1e4, -50.0, 0.0, 50.0, 1e4], dtype=dtype)
    t = bp.tensor(x, requires_grad=True)
    s = F.sigmoid(t)
    np.testing.assert_allclose(s.numpy(), [0, 1.9287e-22, 0.5, 1, 1], rtol=1e-4, atol=1e-30)
    s.sum().backward()
    assert _finite(t.grad) and t.grad[0] == 0 and t.grad[-1] == 0
    t = bp.tensor(x, requires_grad=True)
    sp = F.softplus(t, threshold=None)
    np.testing.assert_allclose(sp.numpy(), [0, 1.9287e-22, np.log(2), 50, 1e4], rtol=1e-4)
    sp.sum().backward()
    np.testing.assert_allclose(t.grad, [0, 1.9287e-22, 0.5, 1, 1], rtol=1e-4)
    t = bp.tensor(x, requires_grad=True)
    y = np.array([1, 1, 0, 0, 0], dtype=dtype)
    loss = F.binary_cross_entropy_with_logits(t, y, reduction="none")
    np.testing.assert_allclose(loss.numpy(), [1e4, 50, np.log(2), 50, 1e4], rtol=1e-5)
    loss.sum().backward()
    np.testing.assert_allclose(t.grad, [-1, -1, 0.5, 1, 1], atol=1e-6)


def test_minus_inf_logits_give_finite_gradients():
    x = bp.tensor(np.array([[-np.inf, 0.0, 1.0]]), requires_grad=True)
    out = F.log_softmax(x, dim=1)
    assert out.numpy()[0, 0] == -np.inf
    out[:, 1:].sum().backward()
    assert _finite(x.grad) and x.grad[0, 0] == 0
    y = bp.tensor(np.array([[-np.inf, 0.0, 1.0]]), requires_grad=True)
    F.cross_entropy(y, np.array([2])).backward()
    assert _finite(y.grad)
