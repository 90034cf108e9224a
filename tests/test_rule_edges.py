"""Edge cases where rules used to crash or silently give a wrong gradient, each checked as
a class (every reduction, every loss, every op that leaves the integers), and the
PyTorch-style arguments alpha= (add/sub) and dtype= (softmax/log_softmax)."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.verify.gradcheck import gradcheck

try:
    import torch
except ImportError:
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="PyTorch is the optional second oracle")


def _grad(f, x, v=None):
    t = bp.tensor(x, requires_grad=True)
    out = f(t)
    out.backward(np.ones(out.shape) if v is None else v)
    return out, t.grad


# -- axes: normalised once, negative or not ---------------------------------------------------

@pytest.mark.parametrize("shape,axes", [((3, 3, 3), (1, -1, 0)), ((1, 2, 3, 4), (0, -2, -1, 1)),
                                        ((2, 3), (-1, -2)), ((2, 3, 4), (-3, -1, -2))])
def test_transpose_negative_axes_gradient(shape, axes, rng):
    x = rng.standard_normal(shape)
    same = tuple(a % len(shape) for a in axes)
    v = rng.standard_normal(np.transpose(x, same).shape)
    _, g_neg = _grad(lambda t: F.transpose(t, axes=axes), x, v)
    _, g_pos = _grad(lambda t: F.transpose(t, axes=same), x, v)
    np.testing.assert_array_equal(g_neg, np.transpose(v, np.argsort(same)))
    np.testing.assert_array_equal(g_neg, g_pos)


@pytest.mark.parametrize("bad", [(0, 0, 1), (0, 1), (0, 1, 3), (0, 1, -4), (0.0, 1, 2)])
def test_transpose_refuses_a_non_permutation(bad):
    with pytest.raises(bp.BackpropError, match="transpose"):
        F.transpose(np.ones((2, 3, 4)), axes=bad)


@pytest.mark.parametrize("op", [F.sum, F.mean, F.max, F.min, F.logsumexp])
@pytest.mark.parametrize("axis", [0, -1])
@pytest.mark.parametrize("keepdims", [False, True])
def test_reductions_of_a_scalar_over_its_virtual_axis(op, axis, keepdims):
    kw = {"keepdim": keepdims} if op is F.logsumexp else {"keepdims": keepdims}
    out, g = _grad(lambda t: op(t, axis=axis, **kw), np.array(2.5))
    assert out.shape == () and out.item() == 2.5
    assert g.shape == () and g == 1.0


@pytest.mark.parametrize("op", [F.sum, F.mean, F.max, F.min, F.softmax, F.log_softmax])
@pytest.mark.parametrize("axis", [1, -2])
def test_axis_out_of_range_is_a_backprop_error(op, axis):
    with pytest.raises(bp.BackpropError, match=f"{op.__name__}.*out of range.*1 dimension"):
        op(np.ones(3), axis=axis)


# -- softplus, and 0-d inputs in general ------------------------------------------------------

@pytest.mark.parametrize("op", [F.softplus, F.sigmoid, F.tanh, F.relu, F.exp, F.abs, F.neg,
                                F.softmax, F.log_softmax, F.heaviside, F.sign])
def test_elementwise_ops_take_a_0d_input(op):
    out, g = _grad(op, np.array(0.7))
    assert out.shape == () and isinstance(out.data, np.ndarray)
    assert g.shape == ()
    assert gradcheck(op, np.array(0.7))


def test_softplus_0d_value_and_threshold():
    assert F.softplus(np.array(0.0)).item() == pytest.approx(np.log(2))
    assert F.softplus(np.array(30.0)).item() == 30.0  # linear region, βx > threshold


# -- cross_entropy / nll_loss when nothing is counted ----------------------------------------

X = np.array([[0.5, -1.0, 2.0], [0.1, 0.2, 0.3]])


@pytest.mark.parametrize("loss", [F.cross_entropy, F.nll_loss])
def test_mean_loss_with_every_label_ignored_is_nan_with_zero_gradient(loss):
    out, g = _grad(lambda t: loss(t, np.array([-100, -100])), X)
    assert np.isnan(out.item())
    np.testing.assert_array_equal(g, np.zeros_like(X))
    assert loss(X, np.array([-100, -100]), reduction="sum").item() == 0.0


def test_mean_cross_entropy_with_every_weight_zero_is_nan_everywhere():
    out, g = _grad(lambda t: F.cross_entropy(t, np.array([0, 2]), weight=np.zeros(3)), X)
    assert np.isnan(out.item()) and np.isnan(g).all()


def test_mean_nll_with_every_weight_zero_is_nan_at_the_labels():
    out, g = _grad(lambda t: F.nll_loss(t, np.array([0, 2]), weight=np.zeros(3)), X)
    assert np.isnan(out.item())
    assert np.isnan(g[0, 0]) and np.isnan(g[1, 2])
    assert (np.nan_to_num(g, nan=1.0) == [[1, 0, 0], [0, 0, 1]]).all()


@needs_torch
@pytest.mark.parametrize("name,target,weight", [
    ("cross_entropy", [-100, -100], None), ("cross_entropy", [0, 2], np.zeros(3)),
    ("nll_loss", [-100, -100], None), ("nll_loss", [1, 2], np.zeros(3)),
    ("cross_entropy", [1, -100], np.array([1.0, 0.0, 2.0]))])
def test_nothing_counted_agrees_with_pytorch(name, target, weight):
    out, g = _grad(lambda t: getattr(F, name)(t, np.array(target), weight=weight), X)
    xt = torch.tensor(X, requires_grad=True)
    ref = getattr(torch.nn.functional, name)(
        xt, torch.tensor(target), weight=None if weight is None else torch.tensor(weight))
    ref.backward()
    np.testing.assert_array_equal(np.isnan(out.numpy()), np.isnan(ref.detach().numpy()))
    np.testing.assert_allclose(g, xt.grad.numpy(), rtol=1e-12, equal_nan=True)


# -- empty tensors: the max shift of the softmax family ---------------------------------------

@pytest.mark.parametrize("op", [F.softmax, F.log_softmax])
@pytest.mark.parametrize("shape", [(5, 0, 0), (0,), (3, 0), (0, 4)])
def test_softmax_family_of_an_empty_tensor(op, shape):
    out, g = _grad(op, np.zeros(shape))
    assert out.shape == shape and g.shape == shape


def test_logsumexp_over_a_size0_axis_is_minus_inf():
    out, g = _grad(lambda t: F.logsumexp(t, dim=1), np.zeros((3, 0)))
    np.testing.assert_array_equal(out.numpy(), [-np.inf] * 3)
    assert g.shape == (3, 0)


def test_max_shift_is_one_helper_and_safe_on_empty_slices():
    from backprop.functional.activations import max_shift
    m = max_shift(np.array([[1.0, 3.0], [-np.inf, -np.inf]]), 1)
    np.testing.assert_array_equal(m, [[3.0], [0.0]])
    assert max_shift(np.zeros((2, 0)), 1).shape == (2, 1)


@pytest.mark.parametrize("op", [F.max, F.min])
def test_max_of_a_size0_axis_is_refused(op):
    with pytest.raises(bp.BackpropError, match=r"size-0 axis.*\(3, 0\)"):
        op(np.zeros((3, 0)), axis=1)
    assert op(np.zeros((0, 3)), axis=1).shape == (0,)  # reducing a non-empty axis is fine


def test_mean_of_a_size0_axis_is_nan_as_numpy():
    out, g = _grad(lambda t: F.mean(t, axis=1), np.zeros((2, 0)))
    assert np.isnan(out.numpy()).all() and g.shape == (2, 0)


# -- the float promotion rule -----------------------------------------------------------------

def test_mse_of_integers_is_a_float_mean():
    out = F.mse_loss(np.array([1, 2]), np.array([0, 0]))
    assert out.dtype == np.float64 and out.item() == 2.5


@pytest.mark.parametrize("op", [F.sigmoid, F.tanh, F.softplus, F.exp, F.log, F.sqrt, F.mean,
                                F.softmax, F.log_softmax, F.logsumexp, F.heaviside,
                                lambda x: F.mse_loss(x, x * 0),
                                lambda x: F.binary_cross_entropy_with_logits(x, x * 0),
                                lambda x: F.cross_entropy(x, np.array(0)),
                                lambda x: F.nll_loss(x, np.array(0))])
@pytest.mark.parametrize("dtype", [np.int8, np.int64, np.uint8, bool])
def test_integer_inputs_promote_to_float64(op, dtype):
    assert op(np.array([1, 2, 1], dtype=dtype)).dtype == np.float64


@pytest.mark.parametrize("op", [F.sum, F.max, F.relu, F.abs, F.neg, lambda x: F.add(x, x)])
def test_ops_closed_over_the_integers_keep_integers(op):
    assert op(np.array([1, -2, 3])).dtype.kind == "i"


def test_float32_stays_float32():
    x = np.ones((2, 3), np.float32)
    for op in (F.sigmoid, F.softplus, F.exp, F.mean, F.softmax, F.log_softmax, F.logsumexp,
               lambda x: F.mse_loss(x, x), lambda x: F.add(x, 2.0, alpha=0.5)):
        assert op(x).dtype == np.float32


# -- alpha on add/sub, dtype on softmax/log_softmax -------------------------------------------

@pytest.mark.parametrize("alpha", [1, 0.5, -2.0, 0])
def test_add_sub_alpha(alpha, rng):
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3,))
    np.testing.assert_allclose(F.add(a, b, alpha=alpha).numpy(), a + alpha * b)
    np.testing.assert_allclose(F.sub(a, b, alpha=alpha).numpy(), a - alpha * b)
    assert gradcheck(lambda x, y: F.add(x, y, alpha=alpha), a, b)
    assert gradcheck(lambda x, y: F.sub(x, y, alpha=alpha), a, b)


@pytest.mark.parametrize("alpha", ["2", None, [1.0], True])
def test_alpha_must_be_a_number(alpha):
    with pytest.raises(bp.BackpropError, match="add: alpha"):
        F.add(np.ones(2), np.ones(2), alpha=alpha)


@needs_torch
@pytest.mark.parametrize("op", ["add", "sub"])
def test_alpha_agrees_with_pytorch(op, rng):
    a, b = rng.standard_normal((4, 1)), rng.standard_normal((3,))
    xa, xb = bp.tensor(a, requires_grad=True), bp.tensor(b, requires_grad=True)
    ta, tb = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
    out, ref = getattr(F, op)(xa, xb, alpha=-1.5), getattr(torch, op)(ta, tb, alpha=-1.5)
    v = rng.standard_normal(out.shape)
    out.backward(v)
    ref.backward(torch.tensor(v))
    np.testing.assert_allclose(out.numpy(), ref.detach().numpy(), rtol=1e-12)
    np.testing.assert_allclose(xa.grad, ta.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(xb.grad, tb.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_dtype_casts_before_the_op(name, rng):
    x = (rng.standard_normal((3, 4)) * 5).astype(np.float32)
    t = bp.tensor(x, requires_grad=True)
    out = getattr(F, name)(t, dim=1, dtype=np.float64)
    assert out.dtype == np.float64
    direct = getattr(F, name)(x.astype(np.float64), dim=1)
    np.testing.assert_array_equal(out.numpy(), direct.numpy())
    out.backward(np.ones((3, 4)))
    assert t.grad.dtype == np.float32
    assert gradcheck(lambda z: getattr(F, name)(z, dim=0, dtype="float64"), x.astype(np.float64))


@pytest.mark.parametrize("dtype", ["int64", np.int32, "nonsense", complex])
def test_dtype_must_be_floating(dtype):
    with pytest.raises(bp.BackpropError, match="softmax: dtype"):
        F.softmax(np.ones(3), dtype=dtype)


@needs_torch
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_dtype_agrees_with_pytorch(name, rng):
    x = (rng.standard_normal((2, 5)) * 5).astype(np.float32)
    v = rng.standard_normal((2, 5))
    t = bp.tensor(x, requires_grad=True)
    out = getattr(F, name)(t, dim=-1, dtype=np.float64)
    out.backward(v)
    tt = torch.tensor(x, requires_grad=True)
    ref = getattr(torch, name)(tt, dim=-1, dtype=torch.float64)
    ref.backward(torch.tensor(v))
    np.testing.assert_allclose(out.numpy(), ref.detach().numpy(), rtol=1e-12, atol=1e-15)
    assert tt.grad.dtype == torch.float32
    np.testing.assert_allclose(t.grad, tt.grad.numpy(), rtol=1e-6, atol=1e-7)
