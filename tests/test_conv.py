"""Rule 11: conv1d, conv2d and convolve — finite differences over the configuration table,
numpy.convolve, scipy.signal, PyTorch, the derivation itself, and bad input."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, ShapeError
from backprop.functional.shapes import resolve_padding
from backprop.limits import MAX_ELEMENTS as MAX_BUFFER_ELEMENTS
from backprop.verify.catalogue.conv import CONV1D, CONV2D, draw_conv
from backprop.verify.gradcheck import gradcheck


def central_vjp_check(f, inputs, rng, n_dirs=2, eps=1e-6):
    """⟨u, Jᵀv⟩ from the engine against ⟨Ju, v⟩ by central differences, per input."""
    out, pull = bp.vjp(f, *inputs)
    for _ in range(n_dirs):
        v = rng.standard_normal(np.shape(out))
        grads = pull(v)
        grads = grads if isinstance(grads, tuple) else (grads,)
        for i, x in enumerate(inputs):
            u = rng.standard_normal(x.shape)
            plus = [a.copy() for a in inputs]
            minus = [a.copy() for a in inputs]
            plus[i] += eps * u
            minus[i] -= eps * u
            numeric = np.sum((np.asarray(f(*plus)) - np.asarray(f(*minus))) / (2 * eps) * v)
            analytic = np.sum(u * grads[i])
            assert abs(numeric - analytic) <= 1e-6 * max(1.0, abs(numeric)), (i, numeric, analytic)


@pytest.mark.parametrize("xs,ws,opts", CONV2D, ids=[str(o) for _, _, o in CONV2D])
def test_conv2d_gradcheck_table(xs, ws, opts, rng):
    x, w, b = rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[0])
    f = lambda x, w, b: F.conv2d(x, w, b, **opts)
    assert gradcheck(f, x, w, b, mode="full")
    central_vjp_check(f, [x, w, b], rng)


@pytest.mark.parametrize("xs,ws,opts", CONV1D, ids=[str(o) for _, _, o in CONV1D])
def test_conv1d_gradcheck_table(xs, ws, opts, rng):
    x, w, b = rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[0])
    f = lambda x, w, b: F.conv1d(x, w, b, **opts)
    assert gradcheck(f, x, w, b, mode="full")
    central_vjp_check(f, [x, w, b], rng)


def test_gradcheck_catches_a_wrong_conv_vjp(rng, monkeypatch):
    """The checks can fail: a VJP that forgets to flip the kernel is caught."""
    import backprop.functional.conv as C

    core = C._conv2d_core

    def broken(x, w, b, stride, padding, dilation, groups, flip, op):
        out, vjp = core(x, w, b, stride, padding, dilation, groups, flip, op)
        return out, lambda g, needs: tuple(
            None if a is None else (a[..., ::-1, :] if i == 0 else a)
            for i, a in enumerate(vjp(g, needs)))

    monkeypatch.setattr(C, "_conv2d_core", broken)
    x, w = rng.standard_normal((1, 1, 4, 5)), rng.standard_normal((1, 1, 2, 2))
    assert not gradcheck(lambda x, w: F.conv2d(x, w), x, w)


# -- the worked case and the signal-processing convention --------------------------------------
@pytest.mark.parametrize("mode,expected", [
    ("full", [1, 2, 6, 9, 12, 9, 6, 2, 1]), ("same", [2, 6, 9, 12, 9, 6, 2]),
    ("valid", [6, 9, 12, 9, 6])])
def test_worked_case_1d_convolution(mode, expected):
    a, v = np.array([1, 1, 4, 4, 4, 1, 1.]), np.array([.25, .25, .25])
    np.testing.assert_allclose(F.convolve(a, v, mode).data, np.array(expected) / 4, atol=1e-15)
    y = F.conv1d(a[None, None], v[None, None], padding=mode, convolve=True)
    np.testing.assert_allclose(y.data[0, 0], np.array(expected) / 4, atol=1e-15)


@pytest.mark.parametrize("n,k", [(7, 3), (8, 4), (5, 5), (6, 1), (3, 6), (9, 2)])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_equals_numpy(n, k, mode, rng):
    a, v = rng.standard_normal(n), rng.standard_normal(k)
    np.testing.assert_allclose(F.convolve(a, v, mode).data, np.convolve(a, v, mode), atol=1e-12)
    assert gradcheck(lambda a, v: F.convolve(a, v, mode), a, v)


@pytest.mark.parametrize("k", [(3, 3), (2, 2), (2, 3), (4, 1)])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_conv2d_equals_scipy_signal(k, mode, rng):
    signal = pytest.importorskip("scipy.signal")
    x, w = rng.standard_normal((6, 7)), rng.standard_normal(k)
    corr = F.conv2d(x[None, None], w[None, None], padding=mode).data[0, 0]
    conv = F.conv2d(x[None, None], w[None, None], padding=mode, convolve=True).data[0, 0]
    np.testing.assert_allclose(conv, signal.convolve2d(x, w, mode=mode), atol=1e-12)
    if mode != "same" or all(kk % 2 for kk in k):  # scipy centres even 'same' kernels the
        np.testing.assert_allclose(corr, signal.correlate2d(x, w, mode=mode), atol=1e-12)


def test_input_gradient_is_full_convolution_of_dilated_delta_with_flipped_kernel(rng):
    """The derivation itself: x̄ = (δ dilated by S) full-convolved with the flipped,
    D-dilated kernel, then cropped by the padding; W̄ = correlation of x with δ."""
    for (s, p, d) in itertools.product([1, 2, 3], [0, 1, 2], [1, 2]):
        x, w = rng.standard_normal((2, 3, 9, 8)), rng.standard_normal((4, 3, 3, 2))
        xt, wt = bp.tensor(x, requires_grad=True), bp.tensor(w, requires_grad=True)
        y = F.conv2d(xt, wt, stride=s, padding=p, dilation=d)
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        n, o, oh, ow = delta.shape
        # δ dilated by the stride, padded so that the result covers the padded input
        dil = np.zeros((n, o, s * (oh - 1) + 1, s * (ow - 1) + 1))
        dil[:, :, ::s, ::s] = delta
        hp, wp = 9 + 2 * p, 8 + 2 * p
        extra = (hp - d * 2 - dil.shape[2], wp - d * 1 - dil.shape[3])  # rows the windows skipped
        dil = np.pad(dil, ((0, 0), (0, 0), (0, extra[0]), (0, extra[1])))
        flipped = w[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)  # (C, O, KH, KW)
        gxp = F.conv2d(dil, flipped, padding=((2 * d, 2 * d), (d, d)), dilation=d).data
        np.testing.assert_allclose(xt.grad, gxp[:, :, p:p + 9, p:p + 8], atol=1e-12)
        # W̄[o, c] = Σ_n x̃[n, c] ⋆ δ[n, o] (δ dilated by S, acting as a kernel dilated by S)
        xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
        gw = F.conv2d(xp.transpose(1, 0, 2, 3), delta.transpose(1, 0, 2, 3), dilation=s).data
        np.testing.assert_allclose(wt.grad, gw[:, :, ::d, ::d][:, :, :3, :2].transpose(1, 0, 2, 3),
                                   atol=1e-12)


# -- PyTorch as a second oracle ----------------------------------------------------------------
def _torch_conv(torch, fn, x, w, b, opts):
    X, W, B = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
    Y = fn(X, W, B, **opts)
    return Y, (X, W, B)


@pytest.mark.parametrize("s,p,d,g,k", [
    (s, p, d, g, k) for s, p, d, g, k in itertools.product(
        [1, 2, 3], [0, 1, 2, "valid", "same"], [1, 2], [1, 2], [(3, 3), (2, 4), (1, 1)])
    if not (p == "same" and s > 1)])
@pytest.mark.filterwarnings("ignore:Using padding=.same.")
def test_conv2d_agrees_with_torch(s, p, d, g, k, rng):
    torch = pytest.importorskip("torch")
    x, w, b = rng.standard_normal((2, 4, 9, 11)), rng.standard_normal((6, 4 // g, *k)), \
        rng.standard_normal(6)
    opts = {"stride": s, "padding": p, "dilation": d, "groups": g}
    xt, wt, bt = (bp.tensor(a, requires_grad=True) for a in (x, w, b))
    y = F.conv2d(xt, wt, bt, **opts)
    delta = rng.standard_normal(y.shape)
    y.backward(delta)
    Y, (X, W, B) = _torch_conv(torch, torch.nn.functional.conv2d, x, w, b, opts)
    Y.backward(torch.tensor(delta))
    for ours, theirs in [(y.data, Y), (xt.grad, X.grad), (wt.grad, W.grad), (bt.grad, B.grad)]:
        theirs = theirs.detach().numpy()
        assert np.abs(ours - theirs).max() <= 1e-10 * max(1.0, np.abs(theirs).max())


@pytest.mark.parametrize("s,p,d,g,k", [
    (s, p, d, g, k) for s, p, d, g, k in itertools.product(
        [1, 2, 3], [0, 1, "valid", "same"], [1, 2], [1, 2], [1, 2, 3, 4])
    if not (p == "same" and s > 1)])
def test_conv1d_agrees_with_torch(s, p, d, g, k, rng):
    torch = pytest.importorskip("torch")
    x, w, b = rng.standard_normal((3, 4, 13)), rng.standard_normal((6, 4 // g, k)), \
        rng.standard_normal(6)
    opts = {"stride": s, "padding": p, "dilation": d, "groups": g}
    xt, wt, bt = (bp.tensor(a, requires_grad=True) for a in (x, w, b))
    y = F.conv1d(xt, wt, bt, **opts)
    delta = rng.standard_normal(y.shape)
    y.backward(delta)
    Y, (X, W, B) = _torch_conv(torch, torch.nn.functional.conv1d, x, w, b, opts)
    Y.backward(torch.tensor(delta))
    for ours, theirs in [(y.data, Y), (xt.grad, X.grad), (wt.grad, W.grad), (bt.grad, B.grad)]:
        theirs = theirs.detach().numpy()
        assert np.abs(ours - theirs).max() <= 1e-10 * max(1.0, np.abs(theirs).max())


def test_conv2d_module_matches_torch_layout_and_init():
    torch = pytest.importorskip("torch")
    m = bp.nn.Conv2d(3, 8, (3, 2), stride=2, padding=1, groups=1)
    assert m.weight.shape == (8, 3, 3, 2) and m.bias.shape == (8,)
    assert np.abs(m.weight.data).max() <= 1 / np.sqrt(3 * 3 * 2)
    t = torch.nn.Conv2d(3, 8, (3, 2), stride=2, padding=1).double()
    t.load_state_dict({k: torch.tensor(v.astype(np.float64)) for k, v in m.state_dict().items()})
    x = np.random.default_rng(0).standard_normal((2, 3, 7, 6))
    np.testing.assert_allclose(m.to(np.float64)(x).data, t(torch.tensor(x)).detach().numpy(),
                               atol=1e-12)


# -- float32 stays float32; no gradient for inputs that need none --------------------------
def test_float32_in_float32_out(rng):
    x = bp.tensor(rng.random((2, 1, 6, 6), dtype=np.float32))
    w = bp.tensor(rng.random((3, 1, 3, 3), dtype=np.float32), requires_grad=True)
    y = F.conv2d(x, w, padding=1)
    assert y.dtype == np.float32
    y.sum().backward()
    assert w.grad.dtype == np.float32 and x.grad is None


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize("call,words", [
    (lambda: F.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((2, 1, 6, 6))),
     ["conv2d", "larger than the padded input", "(1, 1, 4, 4)", "4 + padding 0"]),
    (lambda: F.conv2d(np.zeros((1, 3, 8, 8)), np.zeros((6, 1, 5, 5))),
     ["conv2d", "3 channels", "expects 1", "(6, 1, 5, 5)"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((6, 1, 5, 5)), stride=0),
     ["conv2d", "stride", "positive"]),
    (lambda: F.conv2d(np.zeros((8, 8)), np.zeros((6, 1, 5, 5))),
     ["conv2d", "4-D input", "(C, H, W)", "(8, 8)", "2-D"]),
    (lambda: F.conv1d(np.zeros((1, 1, 2, 8)), np.zeros((6, 1, 5))),
     ["conv1d", "3-D input", "(C, L)", "(1, 1, 2, 8)", "4-D"]),
    (lambda: F.conv1d(np.zeros((1, 2, 8)), np.zeros((4, 1, 3)), groups=3),
     ["conv1d", "groups"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((6, 1, 5, 5)), padding="half"),
     ["conv2d", "padding", "'half'"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((6, 1, 5, 5)), np.zeros(5)),
     ["conv2d", "bias", "(5,)", "(6,)"]),
    (lambda: bp.nn.Conv2d(3, 6, 5)(np.zeros((2, 1, 28, 28), np.float32)),
     ["conv2d", "1 channels", "expects 3", "(6, 3, 5, 5)"]),
])
def test_bad_input_names_op_and_shapes(call, words):
    with pytest.raises(ShapeError) as e:
        call()
    for w in words:
        assert w in str(e.value), (w, str(e.value))


# -- hostile sizes: one clean error, before anything is allocated ------------------------------
@pytest.mark.parametrize("call,words", [
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), padding=10 ** 9),
     ["conv2d", "padded input", "limit", "(1, 1, 8, 8)"]),
    (lambda: F.conv1d(np.zeros((1, 1, 8)), np.zeros((1, 1, 3)), padding=10 ** 12),
     ["conv1d", "limit", "(1, 1, 8)"]),
    (lambda: F.conv2d(np.zeros((64, 3, 64, 64)), np.zeros((1, 3, 3, 3)), padding=3000),
     ["conv2d", "limit", "(64, 3, 64, 64)"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), stride=-1),
     ["conv2d", "stride", "positive", "-1"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), stride=(1, 0)),
     ["conv2d", "stride", "positive"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), dilation=10 ** 15),
     ["conv2d", "larger than the padded input", "(1, 1, 8, 8)"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), padding=-2),
     ["conv2d", "padding", "non-negative"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), stride=1.5),
     ["conv2d", "stride", "1.5"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), stride=True),
     ["conv2d", "stride", "True"]),
    (lambda: F.conv2d(np.zeros((1, 1, 8, 8)), np.zeros((1, 1, 3, 3)), padding=(1, "a")),
     ["conv2d", "padding"]),
    (lambda: F.conv2d(np.zeros((1, 2, 8, 8)), np.zeros((2, 1, 3, 3)), groups=0),
     ["conv2d", "groups", "positive"]),
    (lambda: F.conv2d(np.zeros((1, 1, 3, 3)), np.zeros((1, 1, 30, 30))),
     ["conv2d", "larger than the padded input"]),
    (lambda: bp.nn.Conv2d(1, 1, 3, padding=10 ** 9)(np.zeros((1, 1, 8, 8))),
     ["conv2d", "limit"]),
    (lambda: bp.nn.Conv2d(1, 1, 3, padding=10 ** 9, padding_mode="replicate")(
        np.zeros((1, 1, 8, 8))), ["pad", "limit"]),
    (lambda: bp.nn.Conv2d(1, 1, 3, padding=8, padding_mode="reflect")(np.zeros((1, 1, 8, 8))),
     ["pad", "reflect", "smaller than the size 8"]),
])
def test_hostile_sizes_give_one_clean_error(call, words):
    with pytest.raises(ShapeError) as e:
        call()
    for w in words:
        assert w in str(e.value), (w, str(e.value))


def test_buffer_limit_is_what_refuses():
    """The refusal comes from the size of the buffer, not from a fixed padding bound."""
    side = int(np.sqrt(MAX_BUFFER_ELEMENTS)) // 2
    with pytest.raises(ShapeError, match="limit"):
        F.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 1, 1)), padding=side)
    assert F.conv2d(np.zeros((1, 1, 4, 4)), np.zeros((1, 1, 1, 1)), padding=50).shape == \
        (1, 1, 104, 104)


def test_module_refuses_unknown_padding_mode():
    with pytest.raises(ValueError, match="padding_mode"):
        bp.nn.Conv2d(1, 1, 3, padding_mode="mirror")


# -- inputs without a batch axis, generated configurations and padding modes against torch ----
def _compare(ours, theirs, tol=1e-10):
    theirs = theirs.detach().numpy()
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    assert np.abs(ours - theirs).max(initial=0) <= tol * max(1.0, np.abs(theirs).max(initial=0))


def _torch_padded(torch, X, pads):
    flat = [v for pair in reversed(pads) for v in pair]
    return torch.nn.functional.pad(X, flat)


@pytest.mark.parametrize("nd", [1, 2])
def test_generated_configurations_agree_with_torch(nd, rng):
    """Random kernel/stride/dilation/padding/groups, batch 2, 1 or none: value and all three
    gradients as torch (torch gets the padding explicitly, which covers 'full' and 'same' at
    any stride, which it does not accept)."""
    torch = pytest.importorskip("torch")
    ours_fn = F.conv1d if nd == 1 else F.conv2d
    theirs_fn = torch.nn.functional.conv1d if nd == 1 else torch.nn.functional.conv2d
    for _ in range(12):
        xs, ws, opts = draw_conv(rng, nd)
        x, w, b = rng.standard_normal(xs), rng.standard_normal(ws), rng.standard_normal(ws[0])
        xt, wt, bt = (bp.tensor(a, requires_grad=True) for a in (x, w, b))
        y = ours_fn(xt, wt, bt, **opts)
        delta = rng.standard_normal(y.shape)
        y.backward(delta)
        X, W, B = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        pads = resolve_padding(opts["padding"], xs[-nd:], ws[2:], opts["stride"],
                               opts["dilation"], "conv")
        Y = theirs_fn(_torch_padded(torch, X, pads), W, B, stride=opts["stride"],
                      dilation=opts["dilation"], groups=opts["groups"])
        Y.backward(torch.tensor(delta))
        for ours, theirs in [(y.data, Y), (xt.grad, X.grad), (wt.grad, W.grad),
                             (bt.grad, B.grad)]:
            _compare(ours, theirs)


@pytest.mark.parametrize("mode", ["zeros", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("nd,padding,stride", [(2, 1, 1), (2, (2, 1), 2), (2, "same", 1),
                                               (1, 2, 1), (1, "same", 1), (1, 1, 3)])
@pytest.mark.parametrize("batched", [True, False])
def test_conv_modules_padding_mode_agree_with_torch(mode, nd, padding, stride, batched, rng):
    """Conv1d/Conv2d with each padding_mode, batched and unbatched: output and the gradients
    of input, weight and bias as torch's modules (the padding's VJP folds the cotangent)."""
    torch = pytest.importorskip("torch")
    ours_cls, theirs_cls = (bp.nn.Conv1d, torch.nn.Conv1d) if nd == 1 else \
        (bp.nn.Conv2d, torch.nn.Conv2d)
    kernel = 3 if nd == 1 else (3, 2)
    m = ours_cls(2, 3, kernel, stride=stride, padding=padding, padding_mode=mode,
                 dtype=np.float64)
    t = theirs_cls(2, 3, kernel, stride=stride, padding=padding, padding_mode=mode).double()
    t.load_state_dict({k: torch.tensor(v) for k, v in m.state_dict().items()})
    x = rng.standard_normal((2, 2, 7, 6) if nd == 2 else (2, 2, 9))
    x = x if batched else x[0]
    xt, X = bp.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    y, Y = m(xt), t(X)
    delta = rng.standard_normal(y.shape)
    y.backward(delta)
    Y.backward(torch.tensor(delta))
    for ours, theirs in [(y.data, Y), (xt.grad, X.grad), (m.weight.grad, t.weight.grad),
                         (m.bias.grad, t.bias.grad)]:
        _compare(ours, theirs)
    if mode != "zeros":
        assert f"padding_mode='{mode}'" in repr(m)


def test_unbatched_input_gives_unbatched_output_and_gradient(rng):
    x, w = rng.standard_normal((2, 6, 5)), rng.standard_normal((3, 2, 3, 3))
    xt = bp.tensor(x, requires_grad=True)
    y = F.conv2d(xt, w, padding=1)
    assert y.shape == (3, 6, 5)
    np.testing.assert_allclose(y.data, F.conv2d(x[None], w, padding=1).data[0], atol=1e-14)
    y.backward(np.ones(y.shape))
    assert xt.grad.shape == x.shape
    assert gradcheck(lambda x, w: F.conv1d(x, w, stride=2), rng.standard_normal((2, 7)),
                     rng.standard_normal((1, 2, 3)), mode="full")


# -- scratch buffers reused across calls never change a result --------------------------------
def test_scratch_reuse_with_several_graphs_alive(rng):
    """Two forward passes of the same shape alive at once (the second takes a fresh buffer),
    one under no_grad in between (its buffer is given back at once): every gradient equals
    the one computed alone."""
    x1, x2 = (rng.standard_normal((4, 2, 9, 9)).astype(np.float32) for _ in range(2))
    w = rng.standard_normal((3, 2, 3, 3)).astype(np.float32)

    def grads(x):
        xt, wt = bp.tensor(x, requires_grad=True), bp.tensor(w, requires_grad=True)
        y = F.conv2d(xt, wt, padding=1)
        return y, xt, wt

    alone = []
    for x in (x1, x2):
        y, xt, wt = grads(x)
        y.backward(np.ones(y.shape, np.float32))
        alone.append((y.data.copy(), xt.grad, wt.grad))
    (ya, xa, wa), (yb, xb, wb) = grads(x1), grads(x2)
    with bp.no_grad():
        F.conv2d(x2 * 3, w, padding=1)
    yb.backward(np.ones(yb.shape, np.float32))
    ya.backward(np.ones(ya.shape, np.float32))
    for (y, xt, wt), (y0, gx0, gw0) in zip([(ya, xa, wa), (yb, xb, wb)], alone):
        np.testing.assert_array_equal(y.data, y0)
        np.testing.assert_array_equal(xt.grad, gx0)
        np.testing.assert_array_equal(wt.grad, gw0)


def test_scratch_pool_reuses_and_stays_bounded():
    from backprop.functional.scratch import ScratchPool

    pool = ScratchPool(max_bytes=1000)
    a = pool.take((10, 10), np.float32)
    pool.give(a)
    assert pool.take((10, 10), np.float32) is a  # reused
    assert pool.take((10, 10), np.float32) is not a  # taken already: a fresh one
    pool.give(a)
    pool.give(np.empty(150, np.float32))  # 400 + 600 bytes: both fit
    pool.give(np.empty(100, np.float32))  # the oldest shape is dropped to stay ≤ 1000
    assert pool.take((10, 10), np.float32) is not a
    pool.give(np.empty(1000, np.float32))  # larger than the cap: not kept
    assert pool._held <= 1000


# -- any arguments: a result or one BackpropError naming the op, never a raw NumPy error -----
_INTS = st.one_of(st.integers(-2, 5), st.sampled_from([10 ** 9, 2 ** 63, -2 ** 63, 10 ** 30]))
ARGS = st.one_of(_INTS, st.tuples(_INTS, _INTS), st.sampled_from(["same", "valid", "full", "x"]),
                 st.floats(0, 3), st.booleans(), st.none())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.tuples(*[st.integers(0, 4)] * 4), st.tuples(*[st.integers(0, 4)] * 4), ARGS, ARGS,
       ARGS, st.integers(-1, 3), st.booleans())
def test_conv_any_arguments_give_a_result_or_one_clean_error(xs, ws, s, p, d, g, batched):
    x = bp.tensor(np.ones(xs if batched else xs[1:]), requires_grad=True)
    w = bp.tensor(np.ones(ws), requires_grad=True)
    try:
        y = F.conv2d(x, w, stride=s, padding=p, dilation=d, groups=g)
    except BackpropError as e:
        assert "conv2d" in str(e)
        return
    y.sum().backward()
    assert x.grad.shape == x.shape and w.grad.shape == w.shape


def _axis_order(a):
    return sorted(range(a.ndim), key=lambda i: -a.strides[i])


def test_in_layout_of_copies_only_when_the_axis_order_differs(rng):
    from backprop.functional.broadcasting import in_layout_of
    like = rng.standard_normal((3, 4, 5, 2)).transpose(3, 0, 1, 2)  # batch-last in memory
    g = rng.standard_normal(like.shape)  # batch-first
    out = in_layout_of(like, g)
    np.testing.assert_array_equal(out, g)
    assert _axis_order(out) == _axis_order(like) == [1, 2, 3, 0]
    assert in_layout_of(like, out) is out  # already in that order: no copy
    sliced = like[:, :, 1:3]  # same axis order, other strides: no copy either
    h = np.ascontiguousarray(rng.standard_normal(sliced.shape).transpose(1, 2, 3, 0))
    h = h.transpose(3, 0, 1, 2)
    assert in_layout_of(sliced, h) is h


def test_flatten_of_a_conv_map_hands_its_gradient_back_batch_last(rng):
    """A flatten's δ comes back batch-first; the reshape rule returns it in the layout of the
    conv output it flattened, so the pooling, relu and conv VJPs before it walk memory in
    order (values unchanged)."""
    y = bp.tensor(F.conv2d(rng.standard_normal((2, 1, 6, 6)),
                           rng.standard_normal((3, 1, 3, 3)), padding=1).data,
                  requires_grad=True)  # a conv output, batch-last in memory, as a leaf
    assert _axis_order(y.data) == [1, 2, 3, 0]
    g = rng.standard_normal((2, 3 * 36))
    (F.flatten(y) * bp.tensor(g)).sum().backward()
    np.testing.assert_array_equal(y.grad, g.reshape(2, 3, 6, 6))
    assert _axis_order(y.grad) == [1, 2, 3, 0]
