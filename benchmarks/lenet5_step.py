"""lenet5-step: one training step of LeNet-5 (batch 64, float32), backprop vs PyTorch.

Forward, backward and an SGD-momentum update, on the same data, alternating the two
libraries step by step in one process with the same number of threads; prints the median
step time of each after a warm-up and the ratio (target: ours ≤ 1.5 × PyTorch's).

    python benchmarks/lenet5_step.py [--steps 200] [--threads N]
"""

from __future__ import annotations

import argparse
import os
import statistics

import numpy as np

from _timing import alternate

SPEC = ("conv(6,5,padding=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
        "linear(120) relu linear(84) relu linear(10)")


def ours(x, y):
    import backprop.functional as F
    from backprop import optim
    from backprop.models import build_model

    model = build_model(SPEC, (1, 28, 28), 10)
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return step


def theirs(x, y):
    import torch
    from torch import nn

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        print("skipped: torch not installed")
        return
    torch.set_num_threads(args.threads)
    try:  # pin NumPy's BLAS to the same thread count
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    except ImportError:
        pass

    rng = np.random.default_rng(0)
    x = rng.random((args.batch, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, args.batch)
    steps = {"backprop": ours(x, y), "torch": theirs(x, y)}
    times = alternate(steps, args.steps, args.warmup)
    med = {k: statistics.median(v) * 1e3 for k, v in times.items()}
    low = {k: min(v) * 1e3 for k, v in times.items()}
    print(f"lenet5-step  batch {args.batch}, float32, {args.steps} steps after {args.warmup} "
          f"warm-up, threads {args.threads} (torch {torch.__version__}, "
          f"torch.get_num_threads()={torch.get_num_threads()})")
    # the median is the figure; the minimum shows what a quiet machine gives (shared machines)
    print(f"{'library':<10} {'median ms':>10} {'ratio':>7} {'min ms':>8} {'ratio':>7}")
    for k in steps:
        print(f"{k:<10} {med[k]:>10.3f} {med[k] / med['torch']:>7.2f} {low[k]:>8.3f} "
              f"{low[k] / low['torch']:>7.2f}")


if __name__ == "__main__":
    main()
