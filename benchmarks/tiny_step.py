"""`tiny-step`: one training step of a small network, 10→64→3 with ReLU and softmax
cross-entropy, batch 16, SGD with momentum, float32 — the size of the page's toy networks and
of the estimators on small data, where the cost of each operation's bookkeeping, not its
arithmetic, is the step.

Four processes alternate per round (see _timing.py): ours on the NumPy path (`backprop`)
and with the compiled kernels of the fast extra (`backprop-fast`), PyTorch, and the same step
written by hand in plain NumPy (`numpy`: no graph, no checks, every array preallocated that
can be) — the floor for any engine built on NumPy. Prints the median step time of each with
its spread over the rounds, and the ratios ours / PyTorch (target ≤ 0.3 on the NumPy path,
≤ 0.25 with the extra) and ours / floor.

    python benchmarks/tiny_step.py [--threads 1] [--rounds 5] [--steps 2000]
    python benchmarks/tiny_step.py --lib backprop --threads 1 --steps 500 --warmup 50 \
        --hidden 100 --batch 32          # one child, another network
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable

import numpy as np

from _timing import compare, our_paths, ratio, workload_main

INPUTS, HIDDEN, CLASSES, BATCH = 10, 64, 3, 16
LIBS = ("backprop", "backprop-fast", "pytorch", "numpy")
SIZE_VARS = {"hidden": "TINY_HIDDEN", "batch": "TINY_BATCH", "inputs": "TINY_INPUTS",
             "classes": "TINY_CLASSES"}


def sizes() -> tuple[int, int, int, int]:
    """(inputs, hidden, classes, batch): the defaults, or what the parent passed a child in
    the environment (TINY_HIDDEN, …), so that _timing's child command line stays as it is."""
    get = lambda key, default: int(os.environ.get(SIZE_VARS[key], default))  # noqa: E731
    return get("inputs", INPUTS), get("hidden", HIDDEN), get("classes", CLASSES), \
        get("batch", BATCH)


def batch(inputs: int, classes: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.standard_normal((n, inputs), dtype=np.float32), rng.integers(0, classes, n)


def make_ours(threads: int) -> Callable[[], None]:
    import backprop as bp
    import backprop.functional as F
    from backprop import nn, optim

    d, h, c, n = sizes()
    x, y = batch(d, c, n)
    bp.manual_seed(0)
    model = nn.Sequential(nn.Linear(d, h), nn.ReLU(), nn.Linear(h, c))
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
    d, h, c, n = sizes()
    x, y = batch(d, c, n)
    model = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, c))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
    return step


def make_numpy(threads: int) -> Callable[[], None]:
    """The step by hand: forward, s − onehot, the two layers' products, momentum in place."""
    d, h, c, n = sizes()
    x, y = batch(d, c, n)
    rng = np.random.default_rng(0)
    w1 = rng.uniform(-d ** -0.5, d ** -0.5, (h, d)).astype(np.float32)
    b1 = np.zeros(h, np.float32)
    w2 = rng.uniform(-h ** -0.5, h ** -0.5, (c, h)).astype(np.float32)
    b2 = np.zeros(c, np.float32)
    params = (w1, b1, w2, b2)
    bufs = tuple(np.zeros_like(p) for p in params)
    rows = np.arange(n)
    lr, mu = np.float32(0.01), np.float32(0.9)

    def step():
        z1 = x @ w1.T
        z1 += b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2.T
        z2 += b2
        z2 -= z2.max(axis=1, keepdims=True)
        e = np.exp(z2)
        s = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(s[rows, y]).mean()
        s[rows, y] -= 1
        s /= n
        g1 = s @ w2
        g1 *= z1 > 0
        grads = (g1.T @ x, g1.sum(axis=0), s.T @ a1, s.sum(axis=0))
        for p, g, b in zip(params, grads, bufs):
            b *= mu
            b += g
            p -= lr * b
        return loss
    return step


FACTORIES = {**our_paths(make_ours), "pytorch": make_torch, "numpy": make_numpy}


def measure(threads: int, rounds: int, steps: int, warmup: int, log=None) -> dict:
    """The four processes alternating; adds ours / PyTorch and ours / the NumPy floor, for
    each of our paths (``fast_``: with the extra)."""
    res = compare(Path(__file__), LIBS, threads, rounds, steps, warmup, log=log)
    if "error" not in res:
        res["workload"] = "tiny-step"
        res["sizes"] = dict(zip(("inputs", "hidden", "classes", "batch"), sizes()))
        res["vs_pytorch"] = ratio(res, "backprop", "pytorch")
        res["vs_floor"] = ratio(res, "backprop", "numpy")
        res["fast_vs_pytorch"] = ratio(res, "backprop-fast", "pytorch")
        res["fast_vs_floor"] = ratio(res, "backprop-fast", "numpy")
        res["floor_vs_pytorch"] = ratio(res, "numpy", "pytorch")
    return res


def main(argv: list[str]) -> int:
    # --hidden/--batch/… go to the children through the environment (see sizes())
    rest = []
    it = iter(argv)
    for arg in it:
        key = arg[2:] if arg.startswith("--") else None
        if key in SIZE_VARS:
            os.environ[SIZE_VARS[key]] = str(int(next(it)))
        else:
            rest.append(arg)
    return workload_main(__file__, FACTORIES, measure, rest, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
