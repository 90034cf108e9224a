"""Rule 12: max and average pooling, and flatten — finite differences, the tie rule,
PyTorch, modules and bad input."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, ShapeError
from backprop.verify.catalogue.pooling import POOL1D, POOL2D, draw_pool
from backprop.verify.catalogue.spaces import distinct as _distinct
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
    (lambda: F.avg_pool2d(np.zeros((3, 3)), 2), ["avg_pool2d", "4-D input", "(C, H, W)", "(3, 3)"]),
    (lambda: F.max_pool1d(np.zeros((3,)), 2), ["max_pool1d", "3-D input", "(C, L)", "(3,)"]),
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


# -- indices, unbatched inputs, divisor_override, generated configurations against torch ------
def _torch_pool(torch, kind, nd):
    return getattr(torch.nn.functional, f"{kind}_pool{nd}d")


@pytest.mark.parametrize("nd", [1, 2])
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_generated_configurations_agree_with_torch(nd, kind, rng):
    """Random kernel/stride/padding/dilation/ceil_mode, batch 2, 1 or none, with ties: value,
    gradient and (max) the indices as torch's."""
    torch = pytest.importorskip("torch")
    ours = getattr(F, f"{kind}_pool{nd}d")
    for _ in range(15):
        xs, opts = draw_pool(rng, nd, kind)
        x = np.round(rng.standard_normal(xs), 1)  # rounded: ties in many windows
        xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        if kind == "max":
            (y, idx), (Y, IDX) = (ours(xt, **opts, return_indices=True),
                                  _torch_pool(torch, kind, nd)(X, **opts, return_indices=True))
            assert idx.dtype == np.int64
            np.testing.assert_array_equal(idx.data, IDX.numpy())
        else:
            y, Y = ours(xt, **opts), _torch_pool(torch, kind, nd)(X, **opts)
        assert y.shape == tuple(Y.shape), (xs, opts)
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        Y.backward(torch.tensor(delta))
        np.testing.assert_allclose(y.data, Y.detach().numpy(), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(xt.grad, X.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_indices_follow_torch_for_nan_and_all_minus_inf_windows():
    """NaN: the last NaN of a window; a window whose real entries are all −∞: its first real
    entry (not the padding) — for the indices and for where the gradient goes."""
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(2).random((1, 2, 5, 6))
    x[0, 0, 1, 1] = x[0, 0, 0, 1] = np.nan
    x[0, 1, :3, :3] = -np.inf
    for opts in [{"kernel_size": 2}, {"kernel_size": 3, "stride": 2, "padding": 1},
                 {"kernel_size": 3, "stride": 1, "padding": 1, "dilation": 2}]:
        t, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        (y, i), (Y, I) = (F.max_pool2d(t, **opts, return_indices=True),
                          torch.nn.functional.max_pool2d(X, **opts, return_indices=True))
        np.testing.assert_array_equal(i.data, I.numpy())
        np.testing.assert_array_equal(y.data, Y.detach().numpy())
        y.backward(np.ones(y.shape))
        Y.backward(torch.ones(Y.shape, dtype=torch.float64))
        np.testing.assert_array_equal(t.grad, X.grad.numpy())


def test_return_indices_modules_and_unbatched():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(3).standard_normal((3, 7, 8))
    for ours, theirs, inp in [(bp.nn.MaxPool2d(3, 2, 1, return_indices=True),
                               torch.nn.MaxPool2d(3, 2, 1, return_indices=True), x),
                              (bp.nn.MaxPool1d(2, return_indices=True, ceil_mode=True),
                               torch.nn.MaxPool1d(2, return_indices=True, ceil_mode=True), x[0])]:
        (y, i), (Y, I) = ours(inp), theirs(torch.tensor(inp))
        assert y.shape == tuple(Y.shape) == i.shape
        np.testing.assert_array_equal(i.data, I.numpy())
        np.testing.assert_array_equal(y.data, Y.numpy())
    y = bp.nn.MaxPool2d(2)(x)
    assert isinstance(y, bp.Tensor) and y.shape == (3, 3, 4)


@pytest.mark.parametrize("divisor", [1, 3, 7])
@pytest.mark.parametrize("batched", [True, False])
def test_divisor_override_agrees_with_torch(divisor, batched, rng):
    torch = pytest.importorskip("torch")
    x = rng.standard_normal((2, 3, 7, 9) if batched else (3, 7, 9))
    opts = {"kernel_size": 3, "stride": 2, "padding": 1, "ceil_mode": True,
            "divisor_override": divisor}
    xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    y, Y = F.avg_pool2d(xt, **opts), torch.nn.functional.avg_pool2d(X, **opts)
    delta = rng.standard_normal(y.shape)
    y.backward(delta)
    Y.backward(torch.tensor(delta))
    np.testing.assert_allclose(y.data, Y.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(xt.grad, X.grad.numpy(), rtol=1e-12, atol=1e-12)
    m = bp.nn.AvgPool2d(3, 2, 1, ceil_mode=True, divisor_override=divisor)
    np.testing.assert_allclose(m(x).data, y.data, atol=0)


def test_unbatched_modules_and_gradient_shapes(rng):
    x = _distinct(rng, (2, 6, 6))
    for m in [bp.nn.MaxPool2d(2), bp.nn.AvgPool2d(3, stride=1, padding=1)]:
        t = bp.tensor(x, requires_grad=True)
        y = m(t)
        np.testing.assert_allclose(y.data, m(x[None]).data[0], atol=0)
        y.sum().backward()
        assert t.grad.shape == x.shape
    assert gradcheck(lambda x: F.max_pool1d(x, 3, 2, 1), _distinct(rng, (2, 9)), mode="full")


@pytest.mark.parametrize("call,words", [
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 2, stride=-1), ["max_pool2d", "stride"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 0), ["max_pool2d", "kernel_size", "positive"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 2, padding=-1),
     ["max_pool2d", "padding", "at least 0"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 10 ** 12), ["max_pool2d", "larger"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 2 * 10 ** 9, padding=10 ** 9),
     ["max_pool2d", "limit", "(1, 1, 8, 8)"]),
    (lambda: F.avg_pool1d(np.zeros((1, 1, 8)), 10 ** 10, padding=5 * 10 ** 9),
     ["avg_pool1d", "limit"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 2000, 2000)), 1000, stride=1),
     ["max_pool2d", "windows", "limit"]),
    (lambda: F.max_pool2d(np.zeros((1, 1, 8, 8)), 2.5), ["max_pool2d", "kernel_size", "2.5"]),
    (lambda: F.avg_pool2d(np.zeros((1, 1, 8, 8)), 2, divisor_override=0),
     ["avg_pool2d", "divisor_override", "0"]),
    (lambda: F.avg_pool2d(np.zeros((1, 1, 8, 8)), 2, divisor_override=1.5),
     ["avg_pool2d", "divisor_override"]),
    (lambda: bp.nn.MaxPool2d(3, padding=2)(np.zeros((1, 8, 8))), ["max_pool2d", "half"]),
])
def test_hostile_sizes_give_one_clean_error(call, words):
    with pytest.raises(ShapeError) as e:
        call()
    for w in words:
        assert w in str(e.value), (w, str(e.value))


# -- the fast path of the max-pool VJP against the formula it implements ----------------------
@pytest.mark.parametrize("shape,k", [((3, 4, 8, 6), (2, 2)), ((2, 3, 9, 6), (3, 2)),
                                     ((1, 1, 4, 4), (1, 1)), ((2, 5, 6, 8), (2, 4))])
def test_tiled_fast_route_equals_reference_route(shape, k, rng):
    """Tie-heavy inputs (relu'd and rounded: many all-zero windows) in both memory layouts
    the rules hand over: the fast routing and the arg-max routing give the same x̄, bit for bit."""
    from backprop.functional import pooling as P
    from backprop.kernels.reference import (offset_slices, route_argmax, route_tiled,
                                            window_argmax, windows)

    for layout in ("nchw", "cnhw"):
        x = np.maximum(np.round(rng.standard_normal(shape), 1), 0).astype(np.float32)
        if layout == "cnhw":
            x = np.ascontiguousarray(x.transpose(1, 0, 2, 3)).transpose(1, 0, 2, 3)
        out = (shape[2] // k[0], shape[3] // k[1])
        win = windows(x, k, out, k, (1, 1))
        views = [win[:, :, i // k[1], i % k[1]] for i in range(k[0] * k[1])]
        best = np.max(np.stack(views), axis=0)
        g = rng.standard_normal(best.shape).astype(np.float32)
        slices = [offset_slices(i // k[1], i % k[1], out, k, (1, 1)) for i in range(len(views))]
        fast, ref = np.full_like(x, np.nan), np.full_like(x, np.nan)
        route_tiled(views, best, g, slices, fast)
        arg = window_argmax(views, P._first_valid(k, k, (0, 0), (1, 1), out))
        route_argmax(arg, g, slices, ref, tiles=True)
        np.testing.assert_array_equal(fast, ref)
        assert np.count_nonzero(fast) <= best.size  # one entry per window at most


def test_max_pool_vjp_takes_both_paths_like_torch():
    """The same tiled pooling with a finite cotangent (fast path) and with an inf in it
    (reference path) routes every finite entry alike, and as torch."""
    torch = pytest.importorskip("torch")
    x = np.maximum(np.round(np.random.default_rng(4).standard_normal((2, 3, 6, 8)), 1), 0)
    for g in [np.ones((2, 3, 3, 4)), np.r_[[np.inf], np.ones(71)].reshape(2, 3, 3, 4)]:
        t, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        F.max_pool2d(t, 2).backward(g)
        torch.nn.functional.max_pool2d(X, 2).backward(torch.tensor(g))
        np.testing.assert_array_equal(t.grad, X.grad.numpy())


# -- any arguments: a result or one BackpropError naming the op, never a raw NumPy error -----
_INTS = st.one_of(st.integers(-2, 5), st.sampled_from([10 ** 9, 2 ** 63, -2 ** 63, 10 ** 30]))
ARGS = st.one_of(_INTS, st.tuples(_INTS, _INTS), st.floats(0, 3), st.booleans(), st.none())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.tuples(*[st.integers(0, 4)] * 4), ARGS, ARGS, ARGS, ARGS, st.booleans(),
       st.sampled_from(["max_pool2d", "avg_pool2d", "max_pool1d", "avg_pool1d"]), st.booleans())
def test_pool_any_arguments_give_a_result_or_one_clean_error(xs, k, s, p, d, ceil, op, flag):
    x = bp.tensor(np.ones(xs if op.endswith("2d") else xs[1:]), requires_grad=True)
    try:
        if op.startswith("max"):
            y = getattr(F, op)(x, k, s, p, d, ceil, return_indices=flag)
            y = y[0] if flag else y
        elif op == "avg_pool2d":
            y = F.avg_pool2d(x, k, s, p, ceil, divisor_override=d if flag else None)
        else:
            y = F.avg_pool1d(x, k, s, p, ceil)
    except BackpropError as e:
        assert op in str(e)
        return
    y.sum().backward()
    assert x.grad.shape == x.shape


def test_relu_and_max_pool_commute_value_and_gradient(rng):
    """docs/derivations.md §12: maxpool(relu(x)) = relu(maxpool(x)), and the two orders give
    the same gradient, ties and all-negative windows included."""
    x = rng.integers(-3, 4, size=(3, 4, 6, 6)).astype(np.float64)  # many ties, zeros, negatives
    g = rng.standard_normal((3, 4, 3, 3))
    results = []
    for order in ("relu first", "pool first"):
        t = bp.tensor(x, requires_grad=True)
        y = F.max_pool2d(F.relu(t), 2) if order == "relu first" else F.relu(F.max_pool2d(t, 2))
        (y * bp.tensor(g)).sum().backward()
        results.append((y.data, t.grad))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
