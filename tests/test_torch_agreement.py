"""PyTorch as a second oracle: forward values and gradients agree to 1e-10 in float64."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F

torch = pytest.importorskip("torch", reason="PyTorch is the optional second oracle")
TF = torch.nn.functional
RTOL = 1e-10


def _compare(ours, theirs, inputs, rng, **_):
    """Forward and VJP (with a random cotangent) of ours(*arrays) vs theirs(*tensors)."""
    xs = [bp.tensor(a, requires_grad=True) for a in inputs]
    ts = [torch.tensor(a, requires_grad=True) for a in inputs]
    out, ref = ours(*xs), theirs(*ts)
    np.testing.assert_allclose(out.numpy(), ref.detach().numpy(), rtol=RTOL, atol=1e-12)
    v = rng.standard_normal(out.shape)
    out.backward(v)
    ref.backward(torch.tensor(v))
    for x, t in zip(xs, ts):
        np.testing.assert_allclose(x.grad, t.grad.numpy(), rtol=RTOL, atol=1e-12)


UNARY = [
    ("sigmoid", F.sigmoid, torch.sigmoid),
    ("tanh", F.tanh, torch.tanh),
    ("relu", F.relu, torch.relu),
    ("softplus", F.softplus, TF.softplus),
    ("softplus_beta", lambda x: F.softplus(x, beta=2.0, threshold=3.0),
     lambda x: TF.softplus(x, beta=2.0, threshold=3.0)),
    ("softmax", lambda x: F.softmax(x, dim=1), lambda x: torch.softmax(x, dim=1)),
    ("softmax0", lambda x: F.softmax(x, dim=0), lambda x: torch.softmax(x, dim=0)),
    ("log_softmax", lambda x: F.log_softmax(x, dim=1), lambda x: torch.log_softmax(x, dim=1)),
    ("logsumexp", lambda x: F.logsumexp(x, dim=1), lambda x: torch.logsumexp(x, dim=1)),
    ("exp", F.exp, torch.exp),
    ("sum", lambda x: F.sum(x, axis=0), lambda x: x.sum(0)),
    ("mean", lambda x: F.mean(x, axis=1, keepdims=True), lambda x: x.mean(1, keepdim=True)),
    ("max", lambda x: F.max(x, axis=1), lambda x: x.amax(1)),
    ("transpose", lambda x: F.transpose(x), lambda x: x.T),
    ("abs", F.abs, torch.abs),
]


@pytest.mark.parametrize("name,ours,theirs", UNARY, ids=[u[0] for u in UNARY])
@pytest.mark.parametrize("shape", [(1, 5), (4, 3), (6, 1)])
def test_unary(name, ours, theirs, shape, rng):
    _compare(ours, theirs, [rng.standard_normal(shape) * 3], rng)


def test_positive_domain_ops(rng):
    x = rng.uniform(0.5, 2.0, (3, 4))
    _compare(F.log, torch.log, [x], rng)
    _compare(F.sqrt, torch.sqrt, [x], rng)
    _compare(lambda a, b: F.power(a, b), torch.pow, [x, rng.standard_normal((3, 4))], rng)


@pytest.mark.parametrize("shapes", [((4, 3), (3,)), ((2, 1, 3), (4, 1)), ((1,), (5, 2))])
def test_broadcast_binary(shapes, rng):
    a, b = (rng.standard_normal(s) for s in shapes)
    b = b + np.sign(b) * 0.5  # keep divisors away from zero
    for ours, theirs in ((F.add, torch.add), (F.sub, torch.sub), (F.mul, torch.mul),
                         (F.div, torch.div)):
        _compare(ours, theirs, [a, b], rng)


@pytest.mark.parametrize("shapes", [((3, 4), (4, 2)), ((4,), (4, 3)), ((2, 3, 4), (4,)),
                                    ((2, 3, 4), (1, 4, 5))])
def test_matmul(shapes, rng):
    _compare(F.matmul, torch.matmul, [rng.standard_normal(s) for s in shapes], rng)


@pytest.mark.parametrize("batch", [(1,), (7,), (2, 3)])
def test_linear(batch, rng):
    x = rng.standard_normal(batch + (5,))
    W, b = rng.standard_normal((4, 5)), rng.standard_normal(4)
    _compare(F.linear, TF.linear, [x, W, b], rng)
    _compare(F.linear, TF.linear, [x, W], rng)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
def test_cross_entropy_labels(reduction, smoothing, weighted, rng):
    x = rng.standard_normal((6, 4)) * 2
    y = np.array([0, 3, 1, 1, 2, 3])
    y[2] = -100  # ignored
    w = rng.uniform(0.5, 2, 4) if weighted else None
    _compare(lambda a: F.cross_entropy(a, y, weight=w, reduction=reduction,
                                       label_smoothing=smoothing),
             lambda a: TF.cross_entropy(a, torch.tensor(y), weight=None if w is None else
                                        torch.tensor(w), reduction=reduction,
                                        label_smoothing=smoothing), [x], rng)


@pytest.mark.parametrize("smoothing", [0.0, 0.1])
def test_cross_entropy_probabilities(smoothing, rng):
    x = rng.standard_normal((5, 3))
    t = rng.dirichlet(np.ones(3), size=5)
    w = rng.uniform(0.5, 2, 3)
    _compare(lambda a, b: F.cross_entropy(a, b, weight=w, label_smoothing=smoothing),
             lambda a, b: TF.cross_entropy(a, b, weight=torch.tensor(w),
                                           label_smoothing=smoothing), [x, t], rng)


def test_cross_entropy_spatial_and_unbatched(rng):
    x = rng.standard_normal((2, 3, 4, 5))
    y = rng.integers(0, 3, (2, 4, 5))
    _compare(lambda a: F.cross_entropy(a, y), lambda a: TF.cross_entropy(a, torch.tensor(y)),
             [x], rng)
    x1 = rng.standard_normal(4)
    _compare(lambda a: F.cross_entropy(a, np.array(2)),
             lambda a: TF.cross_entropy(a, torch.tensor(2)), [x1], rng)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_other_losses(reduction, rng):
    x = rng.standard_normal((4, 3))
    logp = np.log(rng.dirichlet(np.ones(3), size=4))
    y = np.array([0, 2, 1, 2])
    w = rng.uniform(0.5, 2, 3)
    _compare(lambda a: F.nll_loss(a, y, weight=w, reduction=reduction),
             lambda a: TF.nll_loss(a, torch.tensor(y), weight=torch.tensor(w),
                                   reduction=reduction), [logp], rng)
    t = rng.standard_normal((4, 3))
    _compare(lambda a, b: F.mse_loss(a, b, reduction=reduction),
             lambda a, b: TF.mse_loss(a, b, reduction=reduction), [x, t], rng)
    p = rng.uniform(0.05, 0.95, (4, 3))
    t01 = rng.uniform(0, 1, (4, 3))
    _compare(lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction),
             lambda a, b: TF.binary_cross_entropy(a, b, reduction=reduction), [p, t01], rng)
    pw = rng.uniform(0.5, 3, 3)
    bw = rng.uniform(0.5, 2, (4, 3))
    _compare(lambda a, b: F.binary_cross_entropy_with_logits(a, b, weight=bw,
                                                             reduction=reduction, pos_weight=pw),
             lambda a, b: TF.binary_cross_entropy_with_logits(
                 a, b, weight=torch.tensor(bw), reduction=reduction,
                 pos_weight=torch.tensor(pw)), [x, t01], rng)


def test_indexing_and_joining(rng):
    x = rng.standard_normal((5, 3))
    idx = np.array([0, 2, 2, 4])
    _compare(lambda a: a[idx], lambda a: a[torch.tensor(idx)], [x], rng)
    _compare(lambda a: a[1:4, ::2], lambda a: a[1:4, ::2], [x], rng)
    _compare(lambda a, b: F.concatenate([a, b], axis=1), lambda a, b: torch.cat([a, b], 1),
             [x, rng.standard_normal((5, 2))], rng)
    _compare(lambda a, b: F.stack([a, b], axis=1), lambda a, b: torch.stack([a, b], 1),
             [x, rng.standard_normal((5, 3))], rng)
    _compare(lambda a: F.reshape(a, shape=(3, 5)), lambda a: a.reshape(3, 5), [x], rng)
