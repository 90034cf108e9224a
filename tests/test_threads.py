"""backprop.threads sizes the BLAS pool for real, rejects bad counts, and `backprop train
--threads` turns a bad count into one line and exit code 2."""

import subprocess
import sys

import numpy as np
import pytest

from backprop.errors import BackpropError
from backprop.threads import (available_cores, check_threads, default_threads, set_threads,
                              use_threads)

threadpoolctl = pytest.importorskip("threadpoolctl")


def blas_sizes() -> list[int]:
    sizes = [p["num_threads"] for p in threadpoolctl.threadpool_info()
             if p["user_api"] == "blas"]
    assert sizes, "NumPy's BLAS is not visible to threadpoolctl"
    return sizes


@pytest.fixture
def clean_env(monkeypatch):
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def restore_pools():
    saved = threadpoolctl.ThreadpoolController().info()
    yield
    for lib in saved:
        threadpoolctl.threadpool_limits(limits=lib["num_threads"], user_api=lib["user_api"])


def test_use_threads_sets_the_pool_and_restores_it(clean_env):
    np.ones(2) @ np.ones(2)  # BLAS loaded
    before = blas_sizes()
    with use_threads(1) as n:
        assert n == 1
        assert blas_sizes() == [1] * len(before)
    assert blas_sizes() == before


def test_set_threads_lasts(clean_env, restore_pools):
    assert set_threads(1) == 1
    assert blas_sizes() == [1] * len(blas_sizes())
    assert set_threads(-1) == available_cores()  # scikit-learn's "all cores"
    assert all(n == available_cores() for n in blas_sizes())


@pytest.mark.parametrize("bad", [0, -2, 10**6, 2.5, 1.0, "2", True, None])
def test_bad_counts_are_refused(bad):
    with pytest.raises(BackpropError, match="--threads"):
        check_threads(bad, "--threads")


def test_too_many_threads_names_the_cores():
    with pytest.raises(BackpropError, match=f"1 to {available_cores()} threads"):
        set_threads(available_cores() + 1)


@pytest.mark.parametrize("cores, load, expected", [
    (2, 0.0, 2), (2, 0.4, 2), (2, 1.0, 1), (2, 1.3, 1), (2, 8.0, 1), (16, 3.5, 13), (1, 0.0, 1),
])
def test_default_takes_the_cores_not_busy(cores, load, expected):
    assert default_threads(cores, load) == expected


def test_default_keeps_an_explicit_environment(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    before = blas_sizes()
    with use_threads() as n:
        assert n is None and blas_sizes() == before
    assert set_threads(None) is None


def test_without_threadpoolctl(monkeypatch, clean_env):
    monkeypatch.setitem(sys.modules, "threadpoolctl", None)  # import fails
    with pytest.raises(BackpropError, match=r"threadpoolctl: pip install (-e )?\"\S*\[cli\]\""):
        set_threads(1)
    assert set_threads(None) is None  # the default is a preference: pools left alone


@pytest.mark.parametrize("value, message", [
    ("0", "--threads: expected a positive integer"),
    ("two", "--threads: expected a positive integer"),
    ("100000", "--threads: expected 1 to"),
])
def test_cli_bad_threads_one_line_exit_2(value, message):
    r = subprocess.run([sys.executable, "-m", "backprop", "train", "--threads", value,
                        "--epochs", "1"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], r.stderr


def test_estimator_n_jobs():
    sk = pytest.importorskip("backprop.sklearn")
    x = np.random.default_rng(0).random((20, 4))
    y = np.arange(20) % 2
    before = blas_sizes()
    sk.NeuralNetClassifier(hidden_layer_sizes=(4,), max_iter=1, n_jobs=1).fit(x, y).predict(x)
    assert blas_sizes() == before
    with pytest.raises(BackpropError, match="n_jobs"):
        sk.NeuralNetClassifier(hidden_layer_sizes=(4,), max_iter=1, n_jobs=0).fit(x, y)


def _measure(seconds=0.3):
    import backprop.threads as threads

    threads._last_sample = None  # a fresh window of its own
    busy = threads.busy_cores(seconds)
    if busy is None:
        pytest.skip("no CPU counters on this OS")
    return busy


def test_busy_cores_sees_a_process_that_spins():
    import time

    others = _measure()  # what the rest of the machine does
    spin = subprocess.Popen([sys.executable, "-c",
                             "import time\nt = time.time()\nwhile time.time() - t < 5: pass"])
    try:
        time.sleep(0.5)
        assert _measure() >= min(others, available_cores() - 1) + 0.6
    finally:
        spin.kill()
        spin.wait()


def test_busy_cores_leaves_out_this_process():
    import time

    import backprop.threads as threads

    others = _measure()
    threads._last_sample = threads._sample()  # the window starts now: reused, no sleep
    t = time.perf_counter()
    while time.perf_counter() - t < 0.4:  # a whole core of this process's own work
        pass
    assert threads.busy_cores() < others + 0.5


def test_default_falls_back_to_the_load_average(monkeypatch):
    import os

    import backprop.threads as threads

    monkeypatch.setattr(threads, "_sample", lambda: None)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.5, 0.0, 0.0))
    assert threads.default_threads(cores=2) == 1
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 0.0, 0.0))
    assert threads.default_threads(cores=2) == 2
