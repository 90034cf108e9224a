"""backprop.kernels.split: a pass split over threads gives the serial result, bit for bit.

The convolution's im2col copy (split by output rows) and col2im (split by channels) run
with every pass forced through the pool (threshold 0, two threads) and again serially (one
thread), over generated shapes (odd batches, batch 1, strides, dilations, padding), in
float32 and float64, forward and backward, on both kernel paths; the results must be equal.
"""

from __future__ import annotations

import threading

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import backprop as bp
import backprop.functional as F
from backprop import kernels
from backprop.kernels import split as S
from backprop.threads import available_cores, current

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
BACKENDS = ["numpy"] + (["numba"] if kernels.available() else [])


@pytest.fixture
def threads(monkeypatch):
    """threads(n): the split module sees n threads and splits every pass."""
    monkeypatch.setattr(S, "MIN_BYTES", 0)

    def use(n: int) -> None:
        monkeypatch.setattr(S, "current", lambda: n)
    return use


def conv_step(x, w, b, stride, padding, dilation):
    xt, wt, bt = (bp.tensor(a, requires_grad=True) for a in (x, w, b))
    y = F.conv2d(xt, wt, bt, stride=stride, padding=padding, dilation=dilation)
    g = np.random.default_rng(1).standard_normal(y.shape).astype(x.dtype)
    (y * bp.tensor(g)).sum().backward()
    return [np.array(a) for a in (y.data, xt.grad.data, wt.grad.data, bt.grad.data)]


@pytest.mark.parametrize("backend", BACKENDS)
@SETTINGS
@given(n=st.sampled_from([1, 2, 3, 5, 7]), c=st.integers(1, 4), o=st.integers(1, 4),
       hw=st.integers(5, 11), k=st.integers(1, 3), stride=st.integers(1, 2),
       dilation=st.integers(1, 2), padding=st.integers(0, 2),
       dtype=st.sampled_from([np.float32, np.float64]), seed=st.integers(0, 2 ** 32 - 1))
def test_conv_split_equals_serial(threads, backend, n, c, o, hw, k, stride, dilation, padding,
                                  dtype, seed):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, c, hw, hw + 1)).astype(dtype)
    w = rng.standard_normal((o, c, k, k)).astype(dtype)
    b = rng.standard_normal(o).astype(dtype)
    with kernels.use(backend):
        threads(1)
        serial = conv_step(x, w, b, stride, padding, dilation)
        threads(2)
        split = conv_step(x, w, b, stride, padding, dilation)
    for s, p in zip(serial, split):
        assert s.dtype == p.dtype == dtype
        np.testing.assert_array_equal(p, s)


def test_lenet_sized_conv_splits_and_agrees(threads):
    """At LeNet-5's sizes the passes are above the real threshold and are split."""
    rng = np.random.default_rng(0)
    x = rng.random((64, 6, 14, 14), dtype=np.float32)
    w = rng.standard_normal((16, 6, 5, 5)).astype(np.float32)
    b = np.zeros(16, np.float32)
    calls = []
    real = S.split
    threads(1)
    serial = conv_step(x, w, b, 1, 0, 1)
    threads(2)

    def spy(n, work, nbytes):
        calls.append(nbytes >= 2 * 2 ** 20)
        real(n, work, nbytes)
    S.split, saved = spy, S.split
    try:
        import backprop.functional.conv as conv
        conv.split, saved_conv = spy, conv.split
        split = conv_step(x, w, b, 1, 0, 1)
    finally:
        S.split, conv.split = saved, saved_conv
    assert calls and all(calls)
    for s, p in zip(serial, split):
        np.testing.assert_array_equal(p, s)


def test_split_covers_every_index_once_in_chunks(threads):
    threads(2)
    seen = []
    lock = threading.Lock()

    def work(lo, hi):
        with lock:
            seen.append((lo, hi))
    S.split(7, work, 1)
    assert sorted(seen) == [(0, 3), (3, 7)]


def test_one_thread_or_a_small_pass_runs_in_the_caller(monkeypatch):
    ids = []
    monkeypatch.setattr(S, "current", lambda: 2)
    S.split(8, lambda lo, hi: ids.append((lo, hi, threading.get_ident())), S.MIN_BYTES - 1)
    monkeypatch.setattr(S, "current", lambda: 1)
    S.split(8, lambda lo, hi: ids.append((lo, hi, threading.get_ident())), S.MIN_BYTES)
    assert ids == [(0, 8, threading.get_ident())] * 2


def test_an_error_in_a_chunk_is_raised_after_all_chunks(threads):
    threads(2)
    done = []

    def work(lo, hi):
        if lo > 0:
            raise ValueError("chunk")
        done.append(lo)
    with pytest.raises(ValueError, match="chunk"):
        S.split(4, work, 1)
    assert done == [0]
    S.split(4, lambda lo, hi: done.append(lo), 1)  # the pool still works
    assert sorted(done) == [0, 0, 2]


def test_a_split_inside_a_split_runs_serially(threads):
    threads(2)
    inner = []
    S.split(2, lambda lo, hi: S.split(3, lambda a, b: inner.append((a, b)), 1), 1)
    assert inner == [(0, 3), (0, 3)]  # each chunk's inner split ran whole, in its thread


def test_current_follows_the_environment_and_use_threads(monkeypatch):
    from backprop import threads
    monkeypatch.setattr(threads, "_applied", None)  # as if nothing had set a count yet
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(var, raising=False)
    assert current() == available_cores()
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert current() == 1
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "999")
    assert current() == available_cores()
    pytest.importorskip("threadpoolctl")
    from backprop.threads import use_threads
    with use_threads(1):
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", str(available_cores()))
        assert current() == 1
    assert current() == available_cores()
