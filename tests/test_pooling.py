"""Rule 12: max and average pooling, and flatten — finite differences, the tie rule,
PyTorch, modules and bad input."""

import itertools

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.errors import ShapeError
from backprop.verify.catalogue.conv import POOL1D, POOL2D, _distinct
from backprop.verify.gradcheck import gradcheck


@pytest.mark.parametrize("fn", [F.max_pool2d, F.avg_pool2d])
@pytest.mark.parametrize("xs,opts", POOL2D, ids=[str(o) for _, o in POOL2D])
def test_pool2d_gradcheck_table(fn, xs, opts, rng):
    assert gradcheck(lambda x: fn(x, **opts), _distinct(rng, xs), mode="full")


@pytest.mark.parametrize("fn", [F.max_pool1d, F.avg_pool1d])
@pytest.mark.parametrize("xs,opts", POOL1D, ids=[str(o) for _, o in POOL1D])
def test_pool1d_gradcheck_table(fn, xs, opts, rng):
    assert gradcheck(lambda x: fn(x, **opts), _distinct(rng, xs), mode="full")


def test_max_pool_tie_goes_to_first_in_row_major_order():
    x = np.array([[[[1., 3., 3., 0.],
                    [3., 2., 1., 1.],
                    [5., 5., 2., 2.],
                    [5., 5., 2., 2.]]]])
    t = bp.tensor(x, requires_grad=True)
    y = F.max_pool2d(t, 2)
    y.backward(np.ones(y.shape))
    np.testing.assert_array_equal(y.data[0, 0], [[3, 3], [5, 2]])
    np.testing.assert_array_equal(t.grad[0, 0], [[0, 1, 1, 0],
                                                 [0, 0, 0, 0],
                                                 [1, 0, 1, 0],
                                                 [0, 0, 0, 0]])


def test_avg_pool_spreads_gradient_evenly():
    t = bp.tensor(np.arange(16.).reshape(1, 1, 4, 4), requires_grad=True)
    F.avg_pool2d(t, 2).sum().backward()
    np.testing.assert_allclose(t.grad, np.full((1, 1, 4, 4), 0.25))


def test_flatten_composes_from_reshape(rng):
    x = rng.standard_normal((2, 3, 4, 5))
    assert F.flatten(x).shape == (2, 60)
    assert F.flatten(x, 0, 1).shape == (6, 4, 5)
    assert F.flatten(x, start_dim=2).shape == (2, 3, 20)
    assert bp.nn.Flatten()(x).shape == (2, 60)
    assert gradcheck(lambda x: F.flatten(x, 1, 2), rng.standard_normal((2, 2, 3, 1)))


CONFIGS = [c for c in itertools.product([1, 2, 3, (2, 3)], [None, 1, 2, 3], [0, 1], [1, 2],
                                        [False, True])
           if all(2 * c[2] <= k for k in (c[0] if isinstance(c[0], tuple) else (c[0],) * 2))]


@pytest.mark.parametrize("k,s,p,d,ceil", CONFIGS)
def test_pool2d_agrees_with_torch(k, s, p, d, ceil, rng):
    torch = pytest.importorskip("torch")
    tf = torch.nn.functional
    x = rng.standard_normal((2, 3, 7, 9))
    x[0, 0, :2, :3] = 1.0  # ties: both must route to the same entry
    for ours, theirs, opts in [
            (F.max_pool2d, tf.max_pool2d, {"dilation": d, "ceil_mode": ceil}),
            (F.avg_pool2d, tf.avg_pool2d, {"ceil_mode": ceil, "count_include_pad": True}),
            (F.avg_pool2d, tf.avg_pool2d, {"ceil_mode": ceil, "count_include_pad": False})]:
        if ours is F.avg_pool2d and d != 1:
            continue
        xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        y, Y = ours(xt, k, s, p, **opts), theirs(X, k, s, p, **opts)
        assert y.shape == tuple(Y.shape)
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        Y.backward(torch.tensor(delta))
        np.testing.assert_allclose(y.data, Y.detach().numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(xt.grad, X.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("k,s,p,d,ceil", [c for c in CONFIGS if not isinstance(c[0], tuple)])
def test_pool1d_agrees_with_torch(k, s, p, d, ceil, rng):
    torch = pytest.importorskip("torch")
    tf = torch.nn.functional
    x = rng.standard_normal((2, 3, 10))
    x[0, 0, :3] = 2.0
    for ours, theirs, opts in [(F.max_pool1d, tf.max_pool1d, {"dilation": d, "ceil_mode": ceil}),
                               (F.avg_pool1d, tf.avg_pool1d, {"ceil_mode": ceil})]:
        xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        y, Y = ours(xt, k, s, p, **opts), theirs(X, k, s, p, **opts)
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        Y.backward(torch.tensor(delta))
        np.testing.assert_allclose(y.data, Y.detach().numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(xt.grad, X.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_max_pool_nan_routes_like_torch():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(0).random((1, 1, 4, 4))
    x[0, 0, 1, 1] = x[0, 0, 2, 3] = x[0, 0, 3, 2] = np.nan
    t, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    F.max_pool2d(t, 2).sum().backward()
    torch.nn.functional.max_pool2d(X, 2).sum().backward()
    np.testing.assert_array_equal(t.grad, X.grad.numpy())


def test_pool_modules():
    x = np.random.default_rng(0).random((2, 3, 8, 8)).astype(np.float32)
    assert bp.nn.MaxPool2d(2)(x).shape == (2, 3, 4, 4)
    assert bp.nn.AvgPool2d(3, stride=2, padding=1)(x).shape == (2, 3, 4, 4)
    assert bp.nn.MaxPool1d(2)(x[:, :, 0]).shape == (2, 3, 4)
    assert bp.nn.AvgPool1d(4)(x[:, :, 0]).shape == (2, 3, 2)
    assert bp.nn.MaxPool2d(2)(x).dtype == np.float32


@pytest.mark.parametrize("call,words", [
    (lambda: F.max_pool2d(np.zeros((1, 1, 3, 3)), 4),
     ["max_pool2d", "larger than the padded input", "(1, 1, 3, 3)"]),
    (lambda: F.avg_pool2d(np.zeros((1, 3, 3)), 2), ["avg_pool2d", "4-D input", "(1, 3, 3)"]),
    (lambda: F.max_pool1d(np.zeros((1, 1, 8)), 2, stride=0), ["max_pool1d", "stride"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 2, padding=2), ["max_pool2d", "half"]),
])
def test_bad_input(call, words):
    with pytest.raises(ShapeError) as e:
        call()
    for w in words:
        assert w in str(e.value), (w, str(e.value))


def test_max_pool_routes_non_finite_cotangents_like_torch():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(1).random((1, 2, 4, 6))
    g = np.ones((1, 2, 2, 3))
    g[0, 0, 0, 0], g[0, 1, 1, 2] = np.inf, np.nan
    t, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    F.max_pool2d(t, 2).backward(g)
    torch.nn.functional.max_pool2d(X, 2).backward(torch.tensor(g))
    np.testing.assert_array_equal(t.grad, X.grad.numpy())


@pytest.mark.parametrize("fn", [F.max_pool2d, F.avg_pool2d])
def test_float32_gradient_stays_float32_even_for_a_float64_cotangent(fn):
    t = bp.tensor(np.random.default_rng(0).random((2, 3, 6, 6), dtype=np.float32),
                  requires_grad=True)
    y = fn(t, 2)
    y.backward(np.ones(y.shape, dtype=np.float64))
    assert y.dtype == np.float32 and t.grad.dtype == np.float32
