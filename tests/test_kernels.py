"""The kernels (backprop.kernels): every compiled kernel against its NumPy twin, and the
dispatch that chooses between them.

The twins must agree over generated shapes, layouts and values: float64 within 1e-12
(relative), float32 within 2 ulps, identical masks and arg-max routing, NaN where the
reference has NaN. The compiled kernels are written to give the same bits; the tolerances
are what the issue allows. Skipped when Numba is not installed (the `fast` extra). The
dispatch tests run without Numba too: ``import backprop`` must never import it, and
``BACKPROP_KERNELS=numpy`` must run the NumPy twins.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import backprop as bp
import backprop.functional as F
from backprop import kernels, nn, optim
from backprop.errors import BackpropError
from backprop.functional.pooling import _first_valid
from backprop.kernels import reference as R
from backprop.verify import gradcheck

needs_numba = pytest.mark.skipif(
    not kernels.available(),
    reason="numba is not installed (pip install 'backprop[fast]'): the compiled kernels are "
           "not tested, the NumPy reference runs")
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
DTYPES = st.sampled_from([np.float32, np.float64])


@pytest.fixture(scope="module")
def C():
    """The compiled module (imports Numba), its loops used at every size: arrays below
    ``SMALL`` elements otherwise take the reference, and the test would compare it with
    itself."""
    if not kernels.available():
        pytest.skip("numba is not installed")
    from backprop.kernels import compiled
    small, compiled.SMALL = compiled.SMALL, 0
    yield compiled
    compiled.SMALL = small


def assert_twins(got: np.ndarray, want: np.ndarray) -> None:
    """Same shape, dtype and NaN positions; float64 within 1e-12, float32 within 2 ulps."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    ok = ~np.isnan(want)
    if want.dtype == np.float32:
        np.testing.assert_array_max_ulp(got[ok], want[ok], maxulp=2)
    else:
        np.testing.assert_allclose(got[ok], want[ok], rtol=1e-12, atol=0)


def values(rng: np.random.Generator, shape, dtype, special: bool = False) -> np.ndarray:
    """Normal values rounded to one decimal (ties and exact zeros are frequent), and with
    ``special`` a sprinkling of ±inf and NaN."""
    x = np.round(rng.standard_normal(shape), 1).astype(dtype)
    if special and x.size:
        pick = rng.random(shape)
        x[pick < 0.03] = np.inf
        x[(pick >= 0.03) & (pick < 0.06)] = -np.inf
        x[(pick >= 0.06) & (pick < 0.09)] = np.nan
    return x


def layouts(x: np.ndarray) -> list[np.ndarray]:
    """x as the rules hand arrays over: C-contiguous, batch-last memory (the conv rules'
    NCHW views of CHWN buffers), and a strided slice (the kernels' fallback path)."""
    out = [x]
    if x.ndim == 4:
        out.append(np.ascontiguousarray(x.transpose(1, 2, 3, 0)).transpose(3, 0, 1, 2))
    if x.ndim >= 1 and x.shape[-1] > 1:
        wide = np.repeat(x, 2, axis=-1)
        out.append(wide[..., ::2])
    return out


def memory_order(a: np.ndarray) -> list[int]:
    """The axes of ``a`` longer than 1, outermost in memory first."""
    return sorted((i for i in range(a.ndim) if a.shape[i] > 1), key=lambda i: -a.strides[i])


# -- every kernel against its twin ----------------------------------------------------------------
@needs_numba
@SETTINGS
@given(shape=st.lists(st.integers(1, 6), min_size=1, max_size=4), dtype=DTYPES,
       seed=st.integers(0, 2 ** 32 - 1), special=st.booleans())
def test_relu_and_its_mask(C, shape, dtype, seed, special):
    rng = np.random.default_rng(seed)
    for x in layouts(values(rng, shape, dtype, special)):
        y = C.relu(x)
        want = R.relu(x)
        assert_twins(y, want)
        assert memory_order(y) == memory_order(want)  # the forward keeps x's layout
        g = values(rng, x.shape, dtype, special)
        for gg in (g, np.ascontiguousarray(g)):
            assert_twins(C.relu_backward(gg, y), R.relu_backward(gg, want))
            np.testing.assert_array_equal(C.relu_backward(gg, y) != 0,
                                          R.relu_backward(gg, want) != 0)


def pool_cases():
    return st.tuples(st.integers(1, 3), st.integers(1, 3),  # N, C
                     st.integers(1, 3), st.integers(1, 3),  # KH, KW
                     st.integers(1, 3), st.integers(1, 3),  # SH, SW
                     st.integers(1, 2), st.integers(1, 2),  # DH, DW
                     st.integers(1, 4), st.integers(1, 4),  # OH, OW
                     st.integers(0, 2), st.integers(0, 2))  # extra rows, columns


@needs_numba
@SETTINGS
@given(case=pool_cases(), dtype=DTYPES, seed=st.integers(0, 2 ** 32 - 1),
       special=st.booleans(), tile=st.booleans())
def test_max_pool_forward_and_backward(C, case, dtype, seed, special, tile):
    N, Ch, KH, KW, SH, SW, DH, DW, OH, OW, eh, ew = case
    if tile:  # the usual kernel = stride case, where the windows tile the input
        SH, SW, DH, DW, eh, ew = KH, KW, 1, 1, 0, 0
    k, s, d, out = (KH, KW), (SH, SW), (DH, DW), (OH, OW)
    H = (OH - 1) * SH + DH * (KH - 1) + 1 + eh
    W = (OW - 1) * SW + DW * (KW - 1) + 1 + ew
    tiles = k == s and d == (1, 1) and OH * SH == H and OW * SW == W
    rng = np.random.default_rng(seed)
    first = _first_valid(k, s, (min(KH // 2, 1), 0), d, out)
    for xp in layouts(np.maximum(values(rng, (N, Ch, H, W), dtype, special), 0)):
        y, want = C.max_pool2d(xp, k, s, d, out), R.max_pool2d(xp, k, s, d, out)
        assert_twins(y, want)
        g = values(rng, want.shape, dtype, special and rng.random() < 0.5)
        got = C.max_pool2d_backward(xp, y, g, k, s, d, out, first, tiles)
        ref = R.max_pool2d_backward(xp, want, g, k, s, d, out, first, tiles)
        assert_twins(got, ref)
        np.testing.assert_array_equal(got != 0, ref != 0)  # the same arg-max routing


@needs_numba
@SETTINGS
@given(shape=st.tuples(*[st.integers(1, 3)] * 6), sd=st.tuples(*[st.integers(1, 2)] * 4),
       extra=st.tuples(st.integers(0, 2), st.integers(0, 2)), dtype=DTYPES,
       seed=st.integers(0, 2 ** 32 - 1))
def test_col2im(C, shape, sd, extra, dtype, seed):
    Ch, KH, KW, OH, OW, N = shape
    SH, SW, DH, DW = sd
    Hp = (OH - 1) * SH + DH * (KH - 1) + 1 + extra[0]
    Wp = (OW - 1) * SW + DW * (KW - 1) + 1 + extra[1]
    gcols = np.random.default_rng(seed).standard_normal(shape).astype(dtype)
    got = C.col2im(gcols, (SH, SW), (DH, DW), np.full((Ch, Hp, Wp, N), np.nan, dtype))
    want = R.col2im(gcols, (SH, SW), (DH, DW), np.full((Ch, Hp, Wp, N), np.nan, dtype))
    assert_twins(got, want)


def hyper(draw_float):
    return st.floats(*draw_float, allow_nan=False, allow_infinity=False)


@needs_numba
@SETTINGS
@given(n=st.sampled_from([1, 7, 1000, 2 * R.BLOCK + 5]), dtype=DTYPES,
       seed=st.integers(0, 2 ** 32 - 1), lr=hyper((1e-4, 1.0)), mu=hyper((0.0, 0.99)),
       wd=st.sampled_from([0.0, 1e-4, 0.1]), damp=st.sampled_from([0.0, 0.1]),
       nesterov=st.booleans())
def test_sgd_updates(C, n, dtype, seed, lr, mu, wd, damp, nesterov):
    rng = np.random.default_rng(seed)
    p = rng.standard_normal(n).astype(dtype)
    buf = rng.standard_normal(n).astype(dtype)
    buf[::3] = np.finfo(dtype).tiny / 4  # subnormal momenta, which both flush
    states = [(p.copy(), buf.copy()), (p.copy(), buf.copy())]
    for _ in range(3):
        g = rng.standard_normal(n).astype(dtype)
        g[::5] = 0
        (pc, bc), (pr, br) = states
        C.sgd_momentum(pc, g, bc, lr, mu, wd, damp, nesterov and not damp)
        R.sgd_momentum(pr, g, br, lr, mu, wd, damp, nesterov and not damp)
        assert_twins(pc, pr)
        assert_twins(bc, br)
        np.testing.assert_array_equal(bc == 0, br == 0)
    pc, pr = p.copy(), p.copy()
    C.sgd(pc, g, lr, wd)
    R.sgd(pr, g, lr, wd)
    assert_twins(pc, pr)


@SETTINGS
@given(sizes=st.lists(st.integers(1, 300), min_size=1, max_size=5), dtype=DTYPES,
       seed=st.integers(0, 2 ** 32 - 1), lr=hyper((1e-4, 1.0)), mu=hyper((0.0, 0.99)),
       wd=st.sampled_from([0.0, 1e-4, 0.1]), damp=st.sampled_from([0.0, 0.1]),
       nesterov=st.booleans(), compiled=st.booleans())
def test_sgd_shared_updates(sizes, dtype, seed, lr, mu, wd, damp, nesterov, compiled):
    """Many parameters whose momentum buffers are views of one array, updated by one call:
    the same bits as each one's own update (subnormal momenta flushed alike), on both paths
    (the compiled module's is the NumPy kernel itself: these sizes never enter a loop)."""
    if compiled and not kernels.available():
        return
    from backprop.kernels import compiled as Cm
    M = Cm if compiled else R
    rng = np.random.default_rng(seed)
    nesterov = nesterov and not damp
    ps = [rng.standard_normal(n).astype(dtype) for n in sizes]
    flat = rng.standard_normal(sum(sizes)).astype(dtype)
    flat[::3] = np.finfo(dtype).tiny / 4
    bufs = np.split(flat, np.cumsum(sizes)[:-1])
    work = np.full_like(flat, np.nan)
    scratch = (work, np.split(work, np.cumsum(sizes)[:-1]))
    own = [(p.copy(), b.copy()) for p, b in zip(ps, bufs)]
    for _ in range(3):
        gs = [rng.standard_normal(n).astype(dtype) for n in sizes]
        for g in gs:
            g[::5] = 0
        M.sgd_momentum_shared(ps, gs, bufs, flat, lr, mu, wd, damp, nesterov, scratch)
        for (p, b), g in zip(own, gs):
            R.sgd_momentum(p, g, b, lr, mu, wd, damp, nesterov)
        for p, b, (p1, b1) in zip(ps, bufs, own):
            np.testing.assert_array_equal(p, p1, strict=True)
            np.testing.assert_array_equal(b, b1, strict=True)
            np.testing.assert_array_equal(np.signbit(b), np.signbit(b1))


@needs_numba
@SETTINGS
@given(n=st.sampled_from([1, 9, 1000, 2 * R.BLOCK + 3]), dtype=DTYPES,
       seed=st.integers(0, 2 ** 32 - 1), lr=hyper((1e-5, 0.1)),
       b1=st.sampled_from([0.0, 0.5, 0.9]), b2=st.sampled_from([0.9, 0.999]),
       eps=st.sampled_from([0.0, 1e-8]), amsgrad=st.booleans(),
       decay=st.sampled_from([None, 0.99]))
def test_adam_updates(C, n, dtype, seed, lr, b1, b2, eps, amsgrad, decay):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(n).astype(dtype), np.zeros(n, dtype), np.zeros(n, dtype),
              np.zeros(n, dtype) if amsgrad else None]
    arrays[1][::4] = np.finfo(dtype).tiny * 4  # moments that decay into subnormals
    twins = [[None if a is None else a.copy() for a in arrays] for _ in range(2)]
    for t in range(1, 5):
        g = rng.standard_normal(n).astype(dtype)
        g[::4] = 0
        for mod, (p, m, v, vm) in ((C, twins[0]), (R, twins[1])):
            mod.adam(p, g, m, v, vm, lr, b1, b2, eps, 1 - b1 ** t, 1 - b2 ** t, decay)
        for a, b in zip(twins[0], twins[1]):
            if a is not None:
                assert_twins(a, b)


@needs_numba
def test_a_numpy_scalar_hyper_parameter_keeps_the_reference_arithmetic(C):
    """lr as a NumPy float64 makes NumPy compute the update in float64: the compiled kernel
    must then give the reference's bits, not float32 arithmetic's."""
    rng = np.random.default_rng(0)
    p, g, b = (rng.standard_normal(100).astype(np.float32) for _ in range(3))
    pc, bc, pr, br = p.copy(), b.copy(), p.copy(), b.copy()
    lr = np.float64(0.0123456789)
    C.sgd_momentum(pc, g, bc, lr, 0.9, 0.0, 0.0, False)
    R.sgd_momentum(pr, g, br, lr, 0.9, 0.0, 0.0, False)
    np.testing.assert_array_equal(pc, pr)


# -- through the layers -----------------------------------------------------------------------------
def lenet_step(backend: str, opt: str) -> list[np.ndarray]:
    with kernels.use(backend):
        bp.manual_seed(0)
        rng = np.random.default_rng(0)
        model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(4, 6, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                              nn.Linear(24, 10))
        x = rng.random((8, 1, 12, 12), dtype=np.float32)
        y = rng.integers(0, 10, 8)
        o = (optim.SGD(model.parameters(), lr=0.05, momentum=0.9) if opt == "sgd"
             else optim.AdamW(model.parameters(), lr=1e-2, amsgrad=True))
        for _ in range(4):
            o.zero_grad()
            F.cross_entropy(model(x), y).backward()
            o.step()
        return [p.data.copy() for p in model.parameters()]


@needs_numba
@pytest.mark.parametrize("opt", ["sgd", "adamw"])
def test_training_steps_agree(C, opt):
    """Four steps of a small conv net (conv, relu, max-pool, linear; SGD-momentum or AdamW)
    end with the same parameters on both paths."""
    for a, b in zip(lenet_step("numba", opt), lenet_step("numpy", opt)):
        assert_twins(a, b)


@needs_numba
@pytest.mark.parametrize("name,f,shapes", [
    ("relu", F.relu, [(3, 5)]),
    ("max_pool2d", lambda x: F.max_pool2d(x, 2), [(2, 3, 4, 6)]),
    ("max_pool2d overlapping", lambda x: F.max_pool2d(x, 3, stride=1, padding=1), [(1, 2, 5, 4)]),
    ("conv2d", lambda x, w: F.conv2d(x, w, padding=1, stride=2), [(2, 3, 5, 5), (4, 3, 3, 3)]),
    ("conv → relu → pool", lambda x, w: F.max_pool2d(F.relu(F.conv2d(x, w)), 2),
     [(2, 2, 6, 6), (3, 2, 3, 3)]),
])
def test_gradients_check_with_the_compiled_kernels(C, name, f, shapes):
    rng = np.random.default_rng(3)
    inputs = [rng.standard_normal(s) for s in shapes]
    with kernels.use("numba"):
        assert kernels.backend() == "numba"
        r = gradcheck(f, *inputs)
    assert r.passed, f"{name}: {r}"


# -- the dispatch -----------------------------------------------------------------------------------
def run_python(*parts: str, **env: str) -> subprocess.CompletedProcess:
    """Run the code ``parts`` (each dedented) in a fresh interpreter, with ``env`` added and
    BACKPROP_KERNELS unset unless given."""
    e = {k: v for k, v in os.environ.items() if k != kernels.ENV_VAR}
    e.update(env)
    code = "\n".join(textwrap.dedent(part) for part in parts)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=e,
                          timeout=300)


BUILD_AND_STEP = """
    import sys
    import numpy as np
    import backprop as bp, backprop.functional as F
    from backprop import nn, optim, kernels
    assert 'numba' not in sys.modules, 'import backprop imported numba'
    model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(8, 3))
    opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    assert 'numba' not in sys.modules, 'building a model imported numba'
"""


def test_import_backprop_never_imports_numba():
    p = run_python(BUILD_AND_STEP, "print('ok')")
    assert p.returncode == 0 and p.stdout.strip() == "ok", p.stderr


def test_numpy_forced_runs_the_twins():
    """With BACKPROP_KERNELS=numpy every kernel of a training step is the NumPy twin (each
    twin counts its calls), and Numba is never imported even where it is installed."""
    p = run_python(BUILD_AND_STEP, """
        from backprop.kernels import reference
        calls = {}
        def counting(name, f):
            def wrapper(*a, **k):
                calls[name] = calls.get(name, 0) + 1
                return f(*a, **k)
            return wrapper
        for name in ('relu', 'relu_backward', 'max_pool2d', 'max_pool2d_backward', 'col2im',
                     'sgd_momentum', 'sgd_momentum_shared'):
            setattr(reference, name, counting(name, getattr(reference, name)))
        x = np.random.default_rng(0).random((4, 1, 6, 6))
        for _ in range(2):
            opt.zero_grad()
            F.cross_entropy(model(x), np.array([0, 1, 2, 0])).backward()
            opt.step()
        assert kernels.backend() == 'numpy'
        assert 'numba' not in sys.modules, 'numba imported with BACKPROP_KERNELS=numpy'
        print(sorted(calls.items()))
    """, BACKPROP_KERNELS="numpy")
    assert p.returncode == 0, p.stderr
    calls = dict(eval(p.stdout.strip()))
    assert calls["relu"] == 2 and calls["relu_backward"] == 2
    assert calls["max_pool2d"] == 2 and calls["max_pool2d_backward"] == 2
    # 4 small parameters, updated together by one call; the first step only sets b = g
    assert calls["sgd_momentum_shared"] == 1 and "sgd_momentum" not in calls
    assert "col2im" not in calls  # nobody needs the gradient of the images


@needs_numba
def test_unset_means_numba_when_installed_loaded_on_first_use():
    """Unset: the compiled kernels; Numba is imported by the first compiled loop, which a
    step on small arrays never reaches, and a step on large ones does."""
    p = run_python(BUILD_AND_STEP, """
        x = np.random.default_rng(0).random((4, 1, 6, 6))
        opt.zero_grad()
        F.cross_entropy(model(x), np.array([0, 1, 2, 0])).backward()
        opt.step()
        print(kernels.backend(), 'numba' in sys.modules)
        big = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.MaxPool2d(2))
        big(np.random.default_rng(0).random((64, 1, 28, 28))).sum().backward()
        print('numba' in sys.modules)
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["numba", "False", "True"]


def test_numba_required_but_absent_is_a_clear_error(monkeypatch):
    monkeypatch.delenv(kernels.ENV_VAR, raising=False)
    monkeypatch.setitem(sys.modules, "numba", None)  # as if not installed
    assert not kernels.available()
    with pytest.raises(BackpropError, match=r"BACKPROP_KERNELS=numba: Numba is not installed.*fast"):
        with kernels.use("numba"):
            pass
    with kernels.use(None):  # unset falls back to the reference
        assert kernels.backend() == "numpy"


def test_a_bad_value_is_refused(monkeypatch):
    monkeypatch.setenv(kernels.ENV_VAR, "cuda")
    with pytest.raises(BackpropError, match="BACKPROP_KERNELS must be one of numpy, numba"):
        with kernels.use(None):
            pass


# -- the workspace ----------------------------------------------------------------------------------
def test_workspace_hands_a_buffer_out_again_only_when_nothing_reads_it():
    from backprop.kernels.workspace import MIN_BYTES, Workspace

    ws = Workspace()
    n = MIN_BYTES // 4
    a = ws.empty((n,), np.float32)
    b = ws.empty((n,), np.float32)
    assert not np.shares_memory(a, b)  # a is alive: b gets another buffer
    view = a.reshape(2, -1).T[1:]  # views of views keep the buffer
    del a
    c = ws.empty((n,), np.float32)
    assert not np.shares_memory(c, view) and not np.shares_memory(c, b)
    del view
    d = ws.empty((n,), np.float32)  # the first buffer is free again
    assert ws.held() == 3 * MIN_BYTES
    mv = memoryview(d)
    del d
    e = ws.empty((n,), np.float32)
    assert not np.shares_memory(e, np.asarray(mv))  # a memoryview holds it too
    small = ws.empty((4,), np.float32)
    assert small.base is None  # small arrays are plain ones


def test_workspace_like_keeps_the_memory_layout():
    from backprop.kernels.workspace import MIN_BYTES, Workspace

    ws = Workspace()
    x = np.ascontiguousarray(np.zeros((6, 28, 28, 64), np.float32)).transpose(3, 0, 1, 2)
    assert x.nbytes >= MIN_BYTES
    y = ws.like(x)
    assert y.shape == x.shape and y.strides == x.strides
    z = ws.like(x, dtype=np.float64)
    assert memory_order(z) == memory_order(x) and z.dtype == np.float64


@pytest.mark.parametrize("backend", ["numpy", pytest.param("numba", marks=needs_numba)])
def test_kept_outputs_survive_later_steps(backend):
    """Outputs a user keeps (a relu map, a pooled map, a conv output, a gradient) are not
    overwritten by later steps that reuse the workspace."""
    rng = np.random.default_rng(5)
    x = rng.standard_normal((32, 3, 28, 28)).astype(np.float32)
    with kernels.use(backend):
        conv = nn.Conv2d(3, 8, 3, padding=1)
        kept = []
        for i in range(3):
            r = F.relu(conv(x + i))
            out = F.max_pool2d(r, 2)
            (out.sum() + (r * r).sum()).backward()
            assert r.data.base is not None  # from the workspace: the test tests something
            kept.append([a for t in (r, out, conv.weight) for a in (
                t.data if t is not conv.weight else t.grad,
                (t.data if t is not conv.weight else t.grad).copy())])
            conv.weight.grad = None
    for arrays in kept:
        for a, copy in zip(arrays[::2], arrays[1::2]):
            np.testing.assert_array_equal(a, copy)
