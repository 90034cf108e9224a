"""The engine: recording, the reverse sweep, accumulation, no_grad and the transforms."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.engine import primitive


def test_backward_accumulates_into_leaves_and_keeps_dtype(rng):
    for dtype in (np.float32, np.float64):
        x = bp.tensor(rng.standard_normal((3, 4)).astype(dtype), requires_grad=True)
        loss = (x * x).sum()
        loss.backward()
        assert x.grad.dtype == dtype
        np.testing.assert_allclose(x.grad, 2 * x.data, rtol=1e-6)
        (x * 3.0).sum().backward()  # a second backward adds, as in PyTorch
        np.testing.assert_allclose(x.grad, 2 * x.data + 3, rtol=1e-6)


def test_shared_subexpression_gets_both_paths(rng):
    x = bp.tensor(rng.standard_normal(5), requires_grad=True)
    y = F.exp(x)
    (y * y + y).sum().backward()
    np.testing.assert_allclose(x.grad, 2 * np.exp(2 * x.data) + np.exp(x.data), rtol=1e-12)


def test_no_grad_records_nothing(rng):
    x = bp.tensor(rng.standard_normal(3), requires_grad=True)
    with bp.no_grad():
        y = F.sigmoid(x)
    assert not y.requires_grad and y.is_leaf
    with pytest.raises(RuntimeError, match="does not require grad"):
        y.sum().backward()


def test_grad_mode_is_per_thread(rng):
    """no_grad in one thread leaves recording on in another, and a new thread starts enabled
    even when the thread that made it is inside no_grad (as PyTorch's grad mode)."""
    import threading

    x = bp.tensor(rng.standard_normal(3), requires_grad=True)
    inside, done = threading.Event(), threading.Event()
    seen = {}

    def evaluator():
        with bp.no_grad():
            seen["eval"] = F.exp(x).requires_grad
            inside.set()
            done.wait(10)
        seen["eval after"] = bp.is_grad_enabled()

    def trainer():
        inside.wait(10)
        seen["train"] = bp.is_grad_enabled() and F.exp(x).requires_grad
        done.set()

    threads = [threading.Thread(target=evaluator), threading.Thread(target=trainer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"eval": False, "train": True, "eval after": True}
    with bp.no_grad():
        child = threading.Thread(target=lambda: seen.update(child=F.exp(x).requires_grad))
        child.start()
        child.join(10)
        assert not F.exp(x).requires_grad
    assert seen["child"] is True


def test_gradients_only_for_inputs_that_need_them(rng):
    calls = []

    @primitive
    def probe(a, b):
        def vjp(g, needs):
            calls.append(needs)
            return (g * b if needs[0] else None, g * a if needs[1] else None)
        return a * b, vjp

    a = bp.tensor(rng.standard_normal(3), requires_grad=True)
    b = bp.tensor(rng.standard_normal(3))  # a constant
    probe(a, b).sum().backward()
    assert calls == [(True, False)]
    assert b.grad is None


def test_missing_rule_names_the_op():
    @primitive(name="half_rule")
    def half(a):
        return a * 2, lambda g, needs: (None,)

    x = bp.tensor(np.ones(2), requires_grad=True)
    with pytest.raises(NotImplementedError, match="half_rule"):
        half(x).sum().backward()


def test_wrong_shaped_vjp_is_reported():
    @primitive(name="bad_shape")
    def bad(a):
        return a.sum(), lambda g, needs: (np.ones(7),)

    x = bp.tensor(np.ones(3), requires_grad=True)
    with pytest.raises(RuntimeError, match="bad_shape.*shape \\(7,\\).*\\(3,\\)"):
        bad(x).backward()


def test_backward_needs_gradient_for_non_scalar(rng):
    x = bp.tensor(rng.standard_normal(3), requires_grad=True)
    with pytest.raises(RuntimeError, match="one-element"):
        (x * 2).backward()
    (x * 2).backward(np.ones(3))
    np.testing.assert_array_equal(x.grad, 2 * np.ones(3))


def test_transforms_return_arrays(rng):
    x = rng.standard_normal(4)
    g = bp.grad(lambda v: (v ** 3).sum())(x)
    assert isinstance(g, np.ndarray)
    np.testing.assert_allclose(g, 3 * x ** 2)
    value, vjp_fn = bp.vjp(lambda a, b: a * b, x, 2 * x)
    ga, gb = vjp_fn(np.ones(4))
    np.testing.assert_allclose(value, 2 * x * x)
    np.testing.assert_allclose(ga, 2 * x)
    np.testing.assert_allclose(gb, x)
    J = bp.jacobian(lambda a, W: F.matmul(W, a), argnums=(0, 1))(x, np.eye(4) * 3)
    np.testing.assert_allclose(J[0], np.eye(4) * 3)
    assert J[1].shape == (4, 4, 4)


def test_grad_of_unused_input_is_zero(rng):
    g = bp.grad(lambda a, b: (a * 2).sum(), argnums=1)(np.ones(2), np.ones(3))
    np.testing.assert_array_equal(g, np.zeros(3))


def test_functional_ops_accept_arrays_and_tensors(rng):
    x = rng.standard_normal((2, 3))
    a = F.softmax(x, dim=1)
    b = F.softmax(bp.tensor(x), axis=1)
    np.testing.assert_array_equal(a.numpy(), b.numpy())
    assert a.shape == (2, 3)
    np.testing.assert_array_equal(np.asarray(a), a.data)


def test_operators_and_broadcasting(rng):
    x = bp.tensor(rng.standard_normal((2, 3)), requires_grad=True)
    b = bp.tensor(rng.standard_normal(3), requires_grad=True)
    ((x - b) / 2 + 1 - (-x) * b).sum().backward()
    np.testing.assert_allclose(b.grad, (-0.5 + x.data).sum(0))
    np.testing.assert_allclose(x.grad, 0.5 + np.broadcast_to(b.data, (2, 3)))
    y = np.ones((2, 3)) * x  # ndarray on the left defers to the Tensor
    assert isinstance(y, bp.Tensor)


def test_requires_grad_needs_floats():
    with pytest.raises(TypeError, match="floating-point"):
        bp.tensor([1, 2, 3], requires_grad=True)


def _cotangent_dtypes(rule, *inputs):
    """Dtype of the cotangent each input receives from ``rule`` (seen through an identity
    probe, since the engine casts what reaches a leaf)."""
    seen = []

    @primitive(name="probe")
    def probe(a):
        def vjp(g, needs):
            seen.append(g.dtype)
            return (g,)
        return a, vjp

    xs = [bp.tensor(a, requires_grad=True) for a in inputs]
    out = rule(*[probe(x) for x in xs])
    out.backward(np.ones(out.shape, dtype=out.dtype))
    return out.dtype, seen


FLOAT32_RULES = {
    "linear": (lambda x, w, b: F.linear(x, w, b), [(4, 3), (2, 3), (2,)]),
    "relu": (F.relu, [(4, 3)]),
    "sigmoid": (F.sigmoid, [(4, 3)]),
    "tanh": (F.tanh, [(4, 3)]),
    "softplus": (F.softplus, [(4, 3)]),
    "softmax": (lambda x: F.softmax(x, dim=1), [(4, 3)]),
    "log_softmax": (lambda x: F.log_softmax(x, dim=1), [(4, 3)]),
    "cross_entropy": (lambda x: F.cross_entropy(x, np.array([0, 2, 1, 1])), [(4, 3)]),
    "cross_entropy_sum": (lambda x: F.cross_entropy(x, np.array([0, 2, 1, 1]),
                                                    reduction="sum"), [(4, 3)]),
    "mse_loss": (lambda x: F.mse_loss(x, np.zeros((4, 3), np.float32)), [(4, 3)]),
    "bce_logits": (lambda x: F.binary_cross_entropy_with_logits(
        x, np.ones((4, 3), np.float32)), [(4, 3)]),
    "nll_loss": (lambda x: F.nll_loss(x, np.array([0, 2, 1, 1])), [(4, 3)]),
}


@pytest.mark.parametrize("name", sorted(FLOAT32_RULES))
def test_float32_stays_float32_through_the_backward_sweep(name, rng):
    rule, shapes = FLOAT32_RULES[name]
    inputs = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    out_dtype, seen = _cotangent_dtypes(rule, *inputs)
    assert out_dtype == np.float32
    assert seen and all(d == np.float32 for d in seen), seen
