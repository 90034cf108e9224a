"""`mlp-step`: one training step of 784→512→256→10 (ReLU,
softmax cross-entropy, SGD with momentum), batch 128, float32.

Ours (on the NumPy path, ``backprop``, and with the compiled kernels of the fast extra,
``backprop-fast``), PyTorch, scikit-learn's MLPClassifier (one ``partial_fit`` on one batch
is its step) and the ceiling — a 2048² float32 matrix product — each run in their own process, the
processes alternating over several rounds with the same thread count (see _timing.py).
Prints the median step time of each with its spread over the rounds, and the ratios.

    python benchmarks/mlp_step.py [--threads 2,1] [--rounds 5] [--steps 200] [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import numpy as np

from _timing import compare, our_paths, ratio, workload_main

SIZES = (784, 512, 256, 10)
BATCH = 128
SGEMM_N = 2048
LIBS = ("backprop", "backprop-fast", "pytorch", "scikit-learn", "sgemm")
SGEMM_STEPS = 20  # each product is tens of milliseconds: fewer are enough


def step_flops(batch: int = BATCH, sizes=SIZES) -> float:
    """Multiply-adds ×2 of the step's matrix products: forward, weight gradients, and input
    gradients of every layer but the first (nobody needs the gradient of the images)."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    forward = sum(2 * batch * i * o for i, o in pairs)
    grad_inputs = sum(2 * batch * i * o for i, o in pairs[1:])
    return 2 * forward + grad_inputs


def batch() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((BATCH, SIZES[0]), dtype=np.float32), rng.integers(0, SIZES[-1], BATCH)


def make_ours(threads: int) -> Callable[[], None]:
    import backprop as bp
    import backprop.functional as F
    from backprop import nn, optim

    x, y = batch()
    bp.manual_seed(0)
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                          nn.Linear(256, 10))
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return step


def make_torch(threads: int) -> Callable[[], None]:
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y = batch()
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
    return step


def make_sklearn(threads: int) -> Callable[[], None]:
    from sklearn.neural_network import MLPClassifier

    x, y = batch()
    clf = MLPClassifier(hidden_layer_sizes=SIZES[1:-1], activation="relu", solver="sgd",
                        learning_rate_init=0.01, momentum=0.9, nesterovs_momentum=False,
                        batch_size=BATCH, alpha=0.0, random_state=0)
    clf.partial_fit(x, y, classes=np.arange(SIZES[-1]))
    return lambda: clf.partial_fit(x, y)


def make_sgemm(threads: int) -> Callable[[], None]:
    a = np.random.default_rng(0).standard_normal((SGEMM_N, SGEMM_N), dtype=np.float32)
    b = a.copy()
    return lambda: a @ b


FACTORIES = {**our_paths(make_ours), "pytorch": make_torch, "scikit-learn": make_sklearn,
             "sgemm": make_sgemm}


def measure(threads: int, rounds: int, steps: int, warmup: int, log=None) -> dict:
    """The five processes alternating; adds the ratios and the fraction of the ceiling (the
    NumPy path's; ``fast_``: with the extra)."""
    res = compare(Path(__file__), LIBS, threads, rounds, steps, warmup,
                  steps_of={"sgemm": min(steps, SGEMM_STEPS)}, log=log)
    if "error" in res:
        return res
    res["workload"] = "mlp-step"
    res["vs_pytorch"] = ratio(res, "backprop", "pytorch")
    res["vs_sklearn"] = ratio(res, "scikit-learn", "backprop")  # their time / ours: speed-up
    res["fast_vs_pytorch"] = ratio(res, "backprop-fast", "pytorch")
    sgemm = ratio(res, "sgemm", "backprop")
    if sgemm is not None:
        # our rate / the product's rate = (flops / ours) / (2 n³ / sgemm)
        scale = step_flops() / (2 * SGEMM_N ** 3)
        libs = res["libs"]
        res["gflops"] = step_flops() / libs["backprop"]["median_s"] / 1e9
        res["sgemm_gflops"] = 2 * SGEMM_N ** 3 / libs["sgemm"]["median_s"] / 1e9
        res["fraction_of_sgemm"] = {"ratio": sgemm["ratio"] * scale,
                                    "spread": [s * scale for s in sgemm["spread"]]}
    return res


if __name__ == "__main__":
    sys.exit(workload_main(__file__, FACTORIES, measure, None, __doc__))
