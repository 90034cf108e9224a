"""The rules of the relu family, normalisation, adaptive pooling, clamp and cast against
PyTorch (float64, ≤ 1e-10), their conventions at the kinks, batch norm's running statistics,
and ``explain`` for each."""

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, ShapeError
from backprop.verify import explain
from backprop.verify.catalogue import all_rules

torch = pytest.importorskip("torch", reason="PyTorch is the optional second oracle")
torch.set_num_threads(1)  # tiny tensors: more threads only add overhead
TF = torch.nn.functional
RTOL, ATOL = 1e-10, 1e-12
NEW_RULES = ["leaky_relu", "elu", "gelu", "silu", "batch_norm", "layer_norm",
             "adaptive_avg_pool2d", "clamp", "cast"]


def _compare(ours, theirs, inputs, rng):
    xs = [bp.tensor(a, requires_grad=True) for a in inputs]
    ts = [torch.tensor(a, requires_grad=True) for a in inputs]
    out, ref = ours(*xs), theirs(*ts)
    np.testing.assert_allclose(out.numpy(), ref.detach().numpy(), rtol=RTOL, atol=ATOL)
    v = rng.standard_normal(out.shape)
    out.backward(v)
    ref.backward(torch.tensor(v))
    for x, t in zip(xs, ts):
        np.testing.assert_allclose(x.grad, t.grad.numpy(), rtol=RTOL, atol=ATOL)


ELEMENTWISE = [
    ("leaky_relu", F.leaky_relu, TF.leaky_relu),
    ("leaky_relu_0.2", lambda x: F.leaky_relu(x, 0.2), lambda x: TF.leaky_relu(x, 0.2)),
    ("elu", F.elu, TF.elu),
    ("elu_0.5", lambda x: F.elu(x, alpha=0.5), lambda x: TF.elu(x, alpha=0.5)),
    ("gelu", F.gelu, TF.gelu),
    ("gelu_tanh", lambda x: F.gelu(x, approximate="tanh"),
     lambda x: TF.gelu(x, approximate="tanh")),
    ("silu", F.silu, TF.silu),
    ("clamp", lambda x: F.clamp(x, -1.0, 0.5), lambda x: torch.clamp(x, -1.0, 0.5)),
    ("clamp_min", lambda x: F.clamp(x, min=0.0), lambda x: torch.clamp(x, min=0.0)),
]


@pytest.mark.parametrize("name,ours,theirs", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
@pytest.mark.parametrize("shape", [(), (1, 5), (4, 3), (0, 2)])
def test_elementwise_agree_with_torch(name, ours, theirs, shape, rng):
    x = rng.standard_normal(shape) * 3
    if x.size:  # the kinks themselves, where the conventions decide
        x.flat[0] = 0.0
        x.flat[-1] = 0.5 if x.size > 1 else x.flat[-1]
    _compare(ours, theirs, [x], rng)


def test_gelu_far_tails_agree_with_torch(rng):
    x = np.array([-40.0, -12.0, -6.0, 6.0, 12.0, 40.0])
    _compare(F.gelu, TF.gelu, [x], rng)


def test_conventions_at_zero():
    x = bp.tensor([0.0], requires_grad=True)
    F.leaky_relu(x, 0.3).backward(np.ones(1))
    assert x.grad[0] == 0.3
    x.grad = None
    F.elu(x, alpha=2.0).backward(np.ones(1))
    assert x.grad[0] == 2.0


@pytest.mark.parametrize("shape", [(4, 3), (2, 3, 5), (1, 2, 3, 4), (8, 1, 2, 2)])
@pytest.mark.parametrize("affine", [True, False])
def test_batch_norm_training_agrees_with_torch(shape, affine, rng):
    c = shape[1]
    x = rng.standard_normal(shape) * 2 + 1
    w, b = rng.standard_normal(c), rng.standard_normal(c)
    rm, rv = rng.standard_normal(c), rng.uniform(0.5, 2, c)
    trm, trv = torch.tensor(rm), torch.tensor(rv)
    inputs = [x, w, b] if affine else [x]

    def ours(x, w=None, b=None):
        return F.batch_norm(x, rm, rv, w, b, training=True, momentum=0.3)

    def theirs(x, w=None, b=None):
        return TF.batch_norm(x, trm, trv, w, b, training=True, momentum=0.3)

    _compare(ours, theirs, inputs, rng)
    # both updated their running statistics in place once
    np.testing.assert_allclose(rm, trm.numpy(), rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(rv, trv.numpy(), rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("shape", [(4, 3), (1, 2, 3, 4)])
def test_batch_norm_eval_agrees_with_torch(shape, rng):
    c = shape[1]
    rm, rv = rng.standard_normal(c), rng.uniform(0.5, 2, c)
    _compare(lambda x, w, b: F.batch_norm(x, rm, rv, w, b, training=False, eps=1e-3),
             lambda x, w, b: TF.batch_norm(x, torch.tensor(rm), torch.tensor(rv), w, b,
                                           training=False, eps=1e-3),
             [rng.standard_normal(shape), rng.standard_normal(c), rng.standard_normal(c)], rng)


def test_batch_norm_compact_backward_by_hand(rng):
    """x̄ = (1/N)·γ/σ·(N ȳ − Σȳ − x̂ Σ(ȳ ⊙ x̂)) written out here, against the engine."""
    x, g = rng.standard_normal((6, 2)), rng.standard_normal((6, 2))
    gamma = np.array([1.5, -0.5])
    xt = bp.tensor(x, requires_grad=True)
    F.batch_norm(xt, None, None, gamma, None, training=True, eps=0.0).backward(g)
    n, sigma = 6, x.std(axis=0)
    x_hat = (x - x.mean(axis=0)) / sigma
    expected = gamma / (n * sigma) * (n * g - g.sum(0) - x_hat * (g * x_hat).sum(0))
    np.testing.assert_allclose(xt.grad, expected, rtol=1e-12, atol=1e-12)


def test_batch_norm_bad_input():
    with pytest.raises(ShapeError, match="more than one value per channel"):
        F.batch_norm(np.ones((1, 3)), None, None, training=True)
    with pytest.raises(ShapeError, match="weight must have shape"):
        F.batch_norm(np.ones((4, 3)), None, None, np.ones(2), training=True)
    with pytest.raises(ShapeError, match="running_mean"):
        F.batch_norm(np.ones((4, 3)), None, None, training=False)


@pytest.mark.parametrize("shape,normalized", [((3, 4), (4,)), ((2, 3, 4), (3, 4)),
                                              ((1, 5), (5,)), ((5,), (5,))])
def test_layer_norm_agrees_with_torch(shape, normalized, rng):
    w, b = rng.standard_normal(normalized), rng.standard_normal(normalized)
    _compare(lambda x, w, b: F.layer_norm(x, normalized, w, b),
             lambda x, w, b: TF.layer_norm(x, normalized, w, b),
             [rng.standard_normal(shape) * 3, w, b], rng)
    _compare(lambda x: F.layer_norm(x, normalized), lambda x: TF.layer_norm(x, normalized),
             [rng.standard_normal(shape)], rng)
    with pytest.raises(ShapeError, match="trailing axes"):
        F.layer_norm(np.ones(shape), (7,))


@pytest.mark.parametrize("shape,size", [((1, 1, 5, 7), (2, 3)), ((2, 3, 8, 8), 4),
                                        ((3, 6, 5), (None, 2)), ((1, 2, 3, 3), (4, 5)),
                                        ((2, 2, 7, 5), 1)])
def test_adaptive_avg_pool2d_agrees_with_torch(shape, size, rng):
    _compare(lambda x: F.adaptive_avg_pool2d(x, size),
             lambda x: TF.adaptive_avg_pool2d(x, size), [rng.standard_normal(shape)], rng)


def test_adaptive_avg_pool2d_bad_input():
    with pytest.raises(ShapeError):
        F.adaptive_avg_pool2d(np.ones((4, 4)), 2)
    with pytest.raises(ShapeError):
        F.adaptive_avg_pool2d(np.ones((1, 1, 4, 4)), 0)


def test_cast_round_trip_gradient_dtype():
    x = bp.tensor(np.ones(3, np.float32), requires_grad=True)
    y = F.cast(x, np.float64)
    assert y.dtype == np.float64
    (y * 2).sum().backward()
    assert x.grad.dtype == np.float32 and np.all(x.grad == 2)
    assert not F.cast(x, np.int64).requires_grad  # integer results leave the graph


def test_one_hot_agrees_with_torch_and_rejects_bad_labels():
    y = np.array([[0, 3], [2, 1]])
    np.testing.assert_array_equal(F.one_hot(y, 5).numpy(), TF.one_hot(torch.tensor(y), 5))
    np.testing.assert_array_equal(F.one_hot(y).numpy(), TF.one_hot(torch.tensor(y)))
    for bad in (np.array([0, 5]), np.array([-1, 0])):
        with pytest.raises(BackpropError):
            F.one_hot(bad, 5)
    with pytest.raises(BackpropError, match="integers"):
        F.one_hot(np.array([0.0, 1.0]), 2)


@pytest.mark.parametrize("name", NEW_RULES)
def test_each_new_rule_is_catalogued_and_explained(name):
    assert all_rules()[name].tags == (all_rules()[name].fn.__module__.rsplit(".", 1)[-1],)
    text = explain(name)
    assert "Forward:" in text and "VJP:" in text and "holds:" in text, text


# -- the error contract: junk in, a Tensor or one BackpropError naming the op out ------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

JUNK_SHAPES = [(), (0,), (1,), (3,), (2, 3), (1, 0), (2, 3, 4), (2, 2, 3, 3)]
JUNK_DTYPES = ["float64", "float32", "int64", "bool", "complex128", "object", "<U1"]
JUNK_OPTIONS = [None, 0, 1, -1, 2, 0.5, -0.5, 1.5, True, np.nan, "a", "tanh", "none", (2, 3),
                (None, 1), (0,), np.array([1.0, 0.0]), "float32", np.float64, (3,), 3]
OPTION_NAMES = {
    "leaky_relu": ["negative_slope"], "elu": ["alpha"], "gelu": ["approximate"], "silu": [],
    "clamp": ["min", "max"], "cast": ["dtype"], "argmax": ["dim", "keepdim"],
    "argmin": ["dim", "keepdim"], "one_hot": ["num_classes"],
    "adaptive_avg_pool2d": ["output_size"], "layer_norm": ["normalized_shape", "eps"],
    "batch_norm": ["running_mean", "running_var", "weight", "bias", "training", "momentum",
                   "eps"],
}


@st.composite
def junk_arrays(draw):
    shape = draw(st.sampled_from(JUNK_SHAPES))
    dtype = draw(st.sampled_from(JUNK_DTYPES))
    values = np.random.default_rng(draw(st.integers(0, 2**16))).integers(-2, 3, shape)
    if dtype in ("object", "<U1"):
        return values.astype(object if dtype == "object" else str)
    arr = values.astype(dtype)
    return bp.tensor(arr) if dtype.startswith("float") and draw(st.booleans()) else arr


@pytest.mark.parametrize("name", sorted(OPTION_NAMES))
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_result_or_a_backprop_error_naming_the_op(name, data):
    kwargs = {k: data.draw(st.sampled_from(JUNK_OPTIONS)) for k in OPTION_NAMES[name]
              if data.draw(st.booleans())}
    if name in ("cast", "layer_norm", "adaptive_avg_pool2d") and kwargs.get(
            OPTION_NAMES[name][0]) is None:  # a required argument
        kwargs[OPTION_NAMES[name][0]] = data.draw(st.sampled_from(JUNK_OPTIONS[1:]))
    if name == "batch_norm":
        kwargs.setdefault("running_mean", None)
        kwargs.setdefault("running_var", None)
    x = data.draw(junk_arrays())
    try:
        with np.errstate(all="ignore"):
            out = getattr(F, name)(x, **kwargs)
    except BackpropError as e:
        assert name in str(e) or name.split("_")[0] in str(e), f"{name}: {e}"
        return
    assert isinstance(out, bp.Tensor) and out.data.dtype.kind in "biuf"
    data = x.data if isinstance(x, bp.Tensor) else x
    if data.dtype.kind == "f":  # a VJP takes what its forward took
        xg = bp.tensor(data, requires_grad=True)
        with np.errstate(all="ignore"):
            out = getattr(F, name)(xg, **kwargs)
        if out.requires_grad:
            with np.errstate(all="ignore"):
                out.backward(np.ones(out.shape))
            assert xg.grad.shape == xg.shape
