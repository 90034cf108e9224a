"""`mlp-step` of ../shared/PERFORMANCE.md: one training step of 784→512→256→10 (ReLU,
softmax cross-entropy, SGD with momentum), batch 128, float32.

Ours, PyTorch and scikit-learn's MLPClassifier run in this one process, alternating in
short blocks after a warm-up (see _timing.py), with the same number of BLAS/intra-op threads; the table gives
the median step time of each, the ratios, and our GFLOP/s against the machine's large
float32 matrix-product rate measured in the same run.

    python benchmarks/mlp_step.py [--steps 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time

import numpy as np

from _timing import alternate, medians

SIZES = (784, 512, 256, 10)
BATCH = 128


def step_flops(batch: int = BATCH, sizes=SIZES) -> float:
    """Multiply-adds ×2 of the step's matrix products: forward, weight gradients, and input
    gradients of every layer but the first (nobody needs the gradient of the images)."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    forward = sum(2 * batch * i * o for i, o in pairs)
    grad_inputs = sum(2 * batch * i * o for i, o in pairs[1:])
    return 2 * forward + grad_inputs


def blas_threads() -> int:
    try:
        from threadpoolctl import threadpool_info
        return max(int(p.get("num_threads", 1)) for p in threadpool_info()
                   if p.get("user_api") == "blas")
    except Exception:
        return os.cpu_count() or 1


def sgemm_rate(n: int = 2048, reps: int = 7) -> float:
    a = np.random.default_rng(0).standard_normal((n, n), dtype=np.float32)
    b = a.copy()
    a @ b
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - t)
    return 2 * n ** 3 / statistics.median(times)


def make_ours(x, y):
    import backprop as bp
    import backprop.functional as F
    from backprop import nn, optim

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


def make_torch(x, y, threads):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(0)
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


def make_sklearn(x, y):
    try:
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None
    clf = MLPClassifier(hidden_layer_sizes=SIZES[1:-1], activation="relu", solver="sgd",
                        learning_rate_init=0.01, momentum=0.9, nesterovs_momentum=False,
                        batch_size=BATCH, alpha=0.0, random_state=0)
    classes = np.arange(10)
    clf.partial_fit(x, y, classes=classes)
    return lambda: clf.partial_fit(x, y)


def measure(runners: dict, steps: int, warmup: int = 20) -> dict[str, float]:
    return medians(alternate(runners, steps, warmup))


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(0)
    x = rng.random((BATCH, 784), dtype=np.float32)
    y = rng.integers(0, 10, BATCH)
    threads = blas_threads()
    runners = {"backprop": make_ours(x, y)}
    skipped = []
    for name, make in (("pytorch", lambda: make_torch(x, y, threads)),
                       ("scikit-learn", lambda: make_sklearn(x, y))):
        run = make()
        if run is None:
            skipped.append(f"skipped: {'torch' if name == 'pytorch' else 'scikit-learn'} "
                           f"not installed")
        else:
            runners[name] = run
    med = measure(runners, args.steps)
    peak = sgemm_rate()
    ours = med["backprop"]
    gflops = step_flops() / ours / 1e9
    result = {"workload": "mlp-step", "threads": threads, "machine": machine(),
              "median_s": med, "gflops": gflops, "sgemm_gflops": peak / 1e9,
              "fraction_of_sgemm": gflops * 1e9 / peak}
    if "pytorch" in med:
        result["ratio_vs_pytorch"] = ours / med["pytorch"]
    if "scikit-learn" in med:
        result["speedup_vs_sklearn"] = med["scikit-learn"] / ours
    if args.json:
        print(json.dumps(result))
        return result
    print(f"mlp-step: 784-512-256-10 relu, batch {BATCH}, float32, SGD momentum; "
          f"{args.steps} alternating steps, {threads} thread(s); {machine()}")
    print(f"{'':14}{'median step':>14}{'ours / peer':>14}")
    for name, t in med.items():
        ratio = "" if name == "backprop" else f"{ours / t:.2f}x"
        print(f"{name:14}{t * 1e3:>11.2f} ms{ratio:>14}")
    for line in skipped:
        print(line)
    print(f"backprop: {gflops:.1f} GFLOP/s = {100 * result['fraction_of_sgemm']:.0f}% of a "
          f"2048² sgemm ({peak / 1e9:.1f} GFLOP/s)")
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
