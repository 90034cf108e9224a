"""F.pad (constant, reflect, replicate, circular): finite differences, PyTorch, the fold of
the cotangent written out by hand, and bad input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, ShapeError
from backprop.verify.catalogue.padding import PAD, draw_pad
from backprop.verify.gradcheck import gradcheck


@pytest.mark.parametrize("xs,opts", PAD, ids=[str(o) for _, o in PAD])
def test_pad_gradcheck_table(xs, opts, rng):
    assert gradcheck(lambda x: F.pad(x, **opts), rng.standard_normal(xs), mode="full")


def test_reflect_vjp_folds_the_padding_back():
    """[x0 x1 x2 x3] reflect-padded by (2, 1) is [x2 x1 | x0 x1 x2 x3 | x2]: x1 is copied
    twice, x2 three times, so with ȳ = 1, 2, …, 7 the folded cotangent is written out."""
    x = bp.tensor(np.arange(4.0), requires_grad=True)
    y = F.pad(x, (2, 1), mode="reflect")
    np.testing.assert_array_equal(y.data, [2, 1, 0, 1, 2, 3, 2])
    y.backward(np.arange(1.0, 8.0))
    np.testing.assert_array_equal(x.grad, [3, 2 + 4, 1 + 5 + 7, 6])


@pytest.mark.parametrize("mode,expected", [
    ("replicate", [0, 0, 0, 1, 2, 2]), ("circular", [1, 2, 0, 1, 2, 0]),
    ("constant", [-1, -1, 0, 1, 2, -1])])
def test_modes_on_a_worked_case(mode, expected):
    y = F.pad(np.arange(3.0), (2, 1), mode=mode, value=-1.0)
    np.testing.assert_array_equal(y.data, expected)


def test_generated_pads_agree_with_torch(rng):
    torch = pytest.importorskip("torch")
    for _ in range(30):
        xs, opts = draw_pad(rng)
        x = rng.standard_normal(xs)
        xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        y = F.pad(xt, **opts)
        # torch pads only the last 1–3 axes of a 2–5-D input in the non-constant modes
        lead = max(2 + len(opts["pad"]) // 2 - X.dim(), 0) if opts["mode"] != "constant" else 0
        Xb = X.reshape((1,) * lead + tuple(X.shape))
        Y = torch.nn.functional.pad(Xb, opts["pad"], mode=opts["mode"],
                                    value=opts.get("value") if opts["mode"] == "constant" else None)
        Y = Y.reshape(Y.shape[lead:])
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        Y.backward(torch.tensor(delta))
        np.testing.assert_allclose(y.data, Y.detach().numpy(), atol=1e-14)
        np.testing.assert_allclose(xt.grad, X.grad.numpy(), atol=1e-12)


def test_float32_stays_float32():
    x = bp.tensor(np.ones((2, 3), np.float32), requires_grad=True)
    y = F.pad(x, (1, 1), mode="circular")
    y.backward(np.ones(y.shape))
    assert y.dtype == np.float32 and x.grad.dtype == np.float32


@pytest.mark.parametrize("call,words", [
    (lambda: F.pad(np.zeros((2, 3)), (1,)), ["pad", "even number"]),
    (lambda: F.pad(np.zeros((2, 3)), (1, 1, 1, 1, 1, 1)), ["pad", "3 axes", "(2, 3)"]),
    (lambda: F.pad(np.zeros((2, 3)), (3, 0), mode="reflect"),
     ["reflect", "smaller than the size 3", "(2, 3)"]),
    (lambda: F.pad(np.zeros((2, 3)), (0, 4), mode="circular"), ["circular", "at most", "3"]),
    (lambda: F.pad(np.zeros((2, 0)), (1, 0), mode="replicate"), ["replicate", "empty"]),
    (lambda: F.pad(np.zeros((2, 3)), (-2, -2)), ["pad", "cropping"]),
    (lambda: F.pad(np.zeros((2, 3)), (1, 1), mode="wrap"), ["pad", "mode", "'wrap'"]),
    (lambda: F.pad(np.zeros((2, 3)), (1.5, 1)), ["pad", "ints"]),
    (lambda: F.pad(np.zeros((2, 3)), 2), ["pad", "tuple"]),
    (lambda: F.pad(np.zeros((2, 3)), (10 ** 6, 10 ** 6, 10 ** 6, 10 ** 6)), ["pad", "limit"]),
])
def test_bad_input(call, words):
    with pytest.raises(ShapeError) as e:
        call()
    for w in words:
        assert w in str(e.value), (w, str(e.value))


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.tuples(*[st.integers(0, 4)] * 3),
       st.lists(st.one_of(st.integers(-2, 5), st.sampled_from([2 ** 63, 10 ** 30])), max_size=7),
       st.sampled_from(["constant", "reflect", "replicate", "circular", "edge"]))
def test_any_arguments_give_a_result_or_one_clean_error(xs, pads, mode):
    x = bp.tensor(np.ones(xs), requires_grad=True)
    try:
        y = F.pad(x, tuple(pads), mode)
    except BackpropError as e:
        assert "pad" in str(e)
        return
    y.sum().backward()
    assert x.grad.shape == x.shape
