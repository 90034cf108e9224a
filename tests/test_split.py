"""The memory-bound passes that rules split over channels between threads
(backprop.functional.split): bit-identical to the one-thread pass, whatever the count."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop import threads
from backprop.functional import split


@pytest.fixture
def split_threads(monkeypatch):
    """Set the split count (every pass splits, however small) for the test's body."""
    monkeypatch.setattr(split, "MIN_ELEMENTS", 1)

    def use(n):
        monkeypatch.setattr(threads, "_split", n)
    return use


def _batch_last(a):
    """a (N, C, H, W) with the memory layout the conv rules give: batch-last."""
    return np.ascontiguousarray(a.transpose(1, 2, 3, 0)).transpose(3, 0, 1, 2)


def _run(fn, inputs, seed=0):
    """fn's output and the gradients of every input for a fixed random cotangent."""
    ts = [bp.tensor(a, requires_grad=True) for a in inputs]
    out = fn(*ts)
    g = np.random.default_rng(seed).standard_normal(out.shape).astype(out.data.dtype)
    (out * bp.tensor(g)).sum().backward()
    return [out.data] + [t.grad for t in ts]


def _cases(rng):
    x = rng.standard_normal((4, 5, 6, 6)).astype(np.float32)
    x[:, :, ::3, ::2] = 0.0  # ties and zeros for relu and max-pool
    w = rng.standard_normal((7, 5, 3, 3)).astype(np.float32)
    gamma = rng.standard_normal(5).astype(np.float32)
    beta = rng.standard_normal(5).astype(np.float32)
    rm, rv = np.zeros(5, np.float32), np.ones(5, np.float32)
    return {
        "relu": (F.relu, [x]),
        "max_pool2d": (lambda a: F.max_pool2d(a, 2), [x]),
        "max_pool2d overlapping": (lambda a: F.max_pool2d(a, 3, stride=1, padding=1), [x]),
        "conv2d": (lambda a, k: F.conv2d(a, k, padding=1), [x, w]),
        "conv2d strided dilated": (lambda a, k: F.conv2d(a, k, stride=2, dilation=2,
                                                         padding=2), [x, w]),
        "batch_norm train": (lambda a, g, b: F.batch_norm(a, rm.copy(), rv.copy(), g, b,
                                                          training=True), [x, gamma, beta]),
        "batch_norm no affine": (lambda a: F.batch_norm(a, rm.copy(), rv.copy(),
                                                        training=True), [x]),
        "batch_norm train, a big map": (lambda a: F.batch_norm(a, None, None, training=True),
                                        [rng.standard_normal((16, 9, 28, 28)).astype(np.float32)]),
        "batch_norm eval": (lambda a, g: F.batch_norm(a, rm + 0.5, rv + 1.0, g,
                                                      training=False), [x, gamma]),
    }


@pytest.mark.parametrize("name", list(_cases(np.random.default_rng(0))))
@pytest.mark.parametrize("layout", ["batch-first", "batch-last"])
@pytest.mark.parametrize("n", [2, 3, 8])
def test_split_passes_are_bit_identical_to_one_thread(name, layout, n, split_threads):
    fn, inputs = _cases(np.random.default_rng(1))[name]
    if layout == "batch-last":
        inputs = [_batch_last(inputs[0])] + inputs[1:]
    split_threads(1)
    one = _run(fn, inputs)
    split_threads(n)
    many = _run(fn, inputs)
    for a, b in zip(one, many):
        assert a.dtype == b.dtype
        np.testing.assert_array_equal(a, b)


def test_batch_norm_running_statistics_do_not_depend_on_the_split(split_threads, rng):
    x = _batch_last(rng.standard_normal((8, 6, 5, 5)))
    stats = []
    for n in (1, 4):
        split_threads(n)
        rm, rv = np.zeros(6), np.ones(6)
        F.batch_norm(bp.tensor(x), rm, rv, training=True)
        stats.append((rm, rv))
    np.testing.assert_array_equal(stats[0][0], stats[1][0])
    np.testing.assert_array_equal(stats[0][1], stats[1][1])


def test_over_covers_every_index_once_and_uses_threads(split_threads):
    split_threads(3)
    seen, names = [], set()
    together = threading.Barrier(3, timeout=10)  # breaks unless three slices run at once

    def fn(s):
        seen.extend(range(10)[s])
        names.add(threading.current_thread().name)
        together.wait()

    split.over(fn, 10, elements=10)
    assert sorted(seen) == list(range(10))
    assert len(names) == 3 and threading.current_thread().name in names


@pytest.mark.parametrize("n", [1, 2, 3])
def test_over_with_a_block_always_hands_out_the_same_slices(n, split_threads):
    split_threads(n)
    parts = []
    split.over(parts.append, 10, elements=10, block=3)
    assert sorted(parts, key=lambda p: p.start) == [slice(0, 3), slice(3, 6), slice(6, 9),
                                                   slice(9, 10)]


def test_over_runs_small_passes_and_nested_calls_in_this_thread(split_threads, monkeypatch):
    split_threads(2)
    monkeypatch.setattr(split, "MIN_ELEMENTS", 100)
    parts = []
    split.over(parts.append, 8, elements=99)
    assert parts == [slice(None)]
    monkeypatch.setattr(split, "MIN_ELEMENTS", 1)
    inner = []
    split.over(lambda s: split.over(inner.append, 4, elements=4), 2, elements=2)
    assert inner == [slice(None), slice(None)]  # each outer slice ran its inner pass whole


def test_over_raises_the_error_of_a_slice(split_threads):
    split_threads(2)

    def fn(s):
        if s.start:
            raise ValueError("second slice")

    with pytest.raises(ValueError, match="second slice"):
        split.over(fn, 4, elements=4)


def test_split_count_follows_use_threads_and_the_environment(monkeypatch):
    pytest.importorskip("threadpoolctl")
    monkeypatch.setattr(threads, "_split", None)
    for var in threads.ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    assert threads.split_threads() == 1  # a process that never chose keeps one thread
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    assert threads.split_threads() == 1
    with threads.use_threads(1):
        assert threads.split_threads() == 1
    assert threads._split is None  # restored after the block
