"""`lenet5-step`: one training step of LeNet-5 (batch 64,
1×28×28, float32; forward, backward and an SGD-momentum update), backprop (on the NumPy
path, and with the compiled kernels of the fast extra) vs PyTorch.

Each library runs in its own process, the processes alternating over several rounds with the
same thread count (see _timing.py); prints the median step time of each with its spread over
the rounds, and the ratios (targets: on the NumPy path ≤ 1.1 × PyTorch's at two threads,
≤ 1.0 × at one; with the extra ≤ 1.0 × and ≤ 0.95 ×).

    python benchmarks/lenet5_step.py [--threads 2,1] [--rounds 5] [--steps 200] [--json]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

import numpy as np

from _timing import compare, our_paths, ratio, workload_main

BATCH = 64
LIBS = ("backprop", "backprop-fast", "pytorch")
SPEC = ("conv(6,5,padding=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
        "linear(120) relu linear(84) relu linear(10)")


def batch() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.random((BATCH, 1, 28, 28), dtype=np.float32), rng.integers(0, 10, BATCH)


def make_ours(threads: int) -> Callable[[], None]:
    import backprop as bp
    import backprop.functional as F
    from backprop import optim
    from backprop.models import build_model

    x, y = batch()
    bp.manual_seed(0)
    model = build_model(SPEC, (1, 28, 28), 10)
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return step


def make_torch(threads: int) -> Callable[[], None]:
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y = batch()
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                          nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss = loss_fn(model(xt), yt)
        loss.backward()
        opt.step()
    return step


FACTORIES = {**our_paths(make_ours), "pytorch": make_torch}


def measure(threads: int, rounds: int, steps: int, warmup: int, log=None) -> dict:
    res = compare(Path(__file__), LIBS, threads, rounds, steps, warmup, log=log)
    if "error" not in res:
        res["workload"] = "lenet5-step"
        res["vs_pytorch"] = ratio(res, "backprop", "pytorch")
        res["fast_vs_pytorch"] = ratio(res, "backprop-fast", "pytorch")
    return res


if __name__ == "__main__":
    sys.exit(workload_main(__file__, FACTORIES, measure, None, __doc__))
