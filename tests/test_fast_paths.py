"""The fast paths of the hot rules give the bits of the general rule they shortcut.

Several rules have a short path for their common case (plain class labels for the
cross-entropy, a batch of vectors for the affine map, …) that does the same floating-point
operations in fewer NumPy calls. Each test here computes the same value and gradient three
ways: through the fast path, through the rule's general path (forced by an argument that
changes nothing mathematically), and with a plain NumPy reference of the formula written
the way the rule was before it had a fast path. All three must agree to the last bit, in
float32 and float64; PyTorch, when installed, must agree to 1e-12 in float64.
"""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F

DTYPES = [np.float32, np.float64]


def _value_and_grads(fn, arrays, cotangent=None):
    """fn on leaf tensors: its value, and the gradient of each leaf for ``cotangent``."""
    leaves = [bp.tensor(a, requires_grad=True) for a in arrays]
    out = fn(*leaves)
    out.backward(cotangent)
    return out.data, [t.grad for t in leaves]


def _same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape
    np.testing.assert_array_equal(a, b, strict=True)


# -- cross-entropy on plain labels --------------------------------------------------------------
def _reference_cross_entropy(x, y, reduction):
    """The rule's general path as plain NumPy: max shift, log-softmax, pick, reduce;
    the gradient s − onehot scaled by ȳ / N."""
    m = x.shape[0]
    z = x - np.max(x, axis=1, keepdims=True)
    e = np.exp(z)
    total = np.sum(e, axis=1, keepdims=True)
    logp = z - np.log(total)
    elems = -logp[np.arange(m), y]
    loss = np.sum(elems) / float(m) if reduction == "mean" else np.sum(elems)
    g = (e / total).copy()
    g[np.arange(m), y] -= 1
    g *= np.asarray(1.0, x.dtype) * (1.0 / m if reduction == "mean" else 1.0)
    return np.asarray(loss, dtype=x.dtype), g


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(1, 3), (16, 3), (7, 1), (128, 10), (5, 40)])
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_cross_entropy_plain_labels_bit_equal(dtype, shape, reduction, rng):
    x = (rng.standard_normal(shape) * 4).astype(dtype)
    y = rng.integers(0, shape[1], shape[0])
    fast, (g_fast,) = _value_and_grads(lambda t: F.cross_entropy(t, y, reduction=reduction), [x])
    # ignore_index inside [0, C) sends the call down the general path; the largest label + 1
    # (or a label nobody has) ignores nothing
    unused = next((k for k in range(shape[1]) if k not in set(y.tolist())), None)
    if unused is not None:
        general, (g_general,) = _value_and_grads(
            lambda t: F.cross_entropy(t, y, reduction=reduction, ignore_index=unused), [x])
        _same_bits(fast, general)
        _same_bits(g_fast, g_general)
    ref, g_ref = _reference_cross_entropy(x, y, reduction)
    _same_bits(fast, ref)
    _same_bits(g_fast, g_ref)


def test_cross_entropy_fast_path_still_refuses_bad_labels(rng):
    x = rng.standard_normal((4, 3))
    with pytest.raises(bp.BackpropError, match="label 3 outside"):
        F.cross_entropy(x, np.array([0, 1, 2, 3]))
    with pytest.raises(bp.BackpropError, match="label -1 outside"):
        F.cross_entropy(x, np.array([0, -1, 2, 1]))
    # other widths and byte orders: the fast path reads labels as unsigned of the same kind
    for labels, bad in ((np.array([0, -1, 2, 1], np.int8), "-1"),
                        (np.array([0, 1, 3, 1], np.uint8), "3"),
                        (np.array([0, 1, 2, 2 ** 56], ">i8"), str(2 ** 56)),
                        (np.array([0, -2, 2, 1], ">i4"), "-2")):
        with pytest.raises(bp.BackpropError, match=f"label {bad} outside"):
            F.cross_entropy(x, labels)
    same = F.cross_entropy(x, np.array([0, 1, 2, 1], ">i8")).data
    np.testing.assert_array_equal(same, F.cross_entropy(x, np.array([0, 1, 2, 1])).data)
    with pytest.raises(bp.BackpropError, match="shape"):
        F.cross_entropy(x, np.array([0, 1, 2]))
    with pytest.raises(bp.BackpropError, match="reduction"):
        F.cross_entropy(x, np.array([0, 1, 2, 1]), reduction="avg")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_cross_entropy_infinite_logits_take_the_general_path(rng):
    """A row holding +inf or only −inf is shifted by 0 (the general path's convention)."""
    x = rng.standard_normal((3, 4))
    x[1] = -np.inf
    x[2, 1] = np.inf
    y = np.array([0, 2, 3])
    out = F.cross_entropy(x, y, reduction="sum")
    general = F.cross_entropy(x, y, reduction="sum", ignore_index=1)  # no label is 1
    _same_bits(out.data, general.data)


def test_cross_entropy_agrees_with_torch(rng):
    torch = pytest.importorskip("torch")
    for reduction in ("mean", "sum"):
        x = rng.standard_normal((9, 5)) * 3
        y = rng.integers(0, 5, 9)
        ours, (g,) = _value_and_grads(lambda t: F.cross_entropy(t, y, reduction=reduction), [x])
        xt = torch.tensor(x, requires_grad=True)
        ref = torch.nn.functional.cross_entropy(xt, torch.tensor(y), reduction=reduction)
        ref.backward()
        np.testing.assert_allclose(ours, ref.detach().numpy(), rtol=0, atol=1e-12)
        np.testing.assert_allclose(g, xt.grad.numpy(), rtol=0, atol=1e-12)


# -- the affine map ---------------------------------------------------------------------------
def _reference_linear(x, w, b, g):
    """The rule's products as it wrote them for any batch shape: rows counted, reshaped."""
    out = x @ w.T + b
    rows = int(np.prod(g.shape[:-1]))
    g2 = g.reshape(rows, w.shape[0])
    return out, g @ w, g2.T @ x.reshape(rows, w.shape[1]), g2.sum(axis=0)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("xshape", [(16, 10), (1, 10), (10,), (3, 4, 10), (0, 10)])
def test_linear_bit_equal(dtype, xshape, rng):
    x = rng.standard_normal(xshape).astype(dtype)
    w = rng.standard_normal((6, 10)).astype(dtype)
    b = rng.standard_normal(6).astype(dtype)
    g = rng.standard_normal(xshape[:-1] + (6,)).astype(dtype)
    out, grads = _value_and_grads(F.linear, [x, w, b], g)
    ref = _reference_linear(x, w, b, g)
    for a, r in zip([out, *grads], ref):
        _same_bits(a, r)


def test_linear_agrees_with_torch(rng):
    torch = pytest.importorskip("torch")
    x, w, b = rng.standard_normal((8, 5)), rng.standard_normal((3, 5)), rng.standard_normal(3)
    g = rng.standard_normal((8, 3))
    out, grads = _value_and_grads(F.linear, [x, w, b], g)
    ts = [torch.tensor(a, requires_grad=True) for a in (x, w, b)]
    ref = torch.nn.functional.linear(*ts)
    ref.backward(torch.tensor(g))
    np.testing.assert_allclose(out, ref.detach().numpy(), rtol=0, atol=1e-12)
    for a, t in zip(grads, ts):
        np.testing.assert_allclose(a, t.grad.numpy(), rtol=0, atol=1e-12)
