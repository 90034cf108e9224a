"""Data-parallel training on this machine: 2 ranks × 1 BLAS thread against 1 process ×
2 threads, one epoch of `backprop train`'s recipe (the default MLP, LeNet-5), each run in its
own process (the two kinds alternating over the rounds), and what would change on a cluster.

    python benchmarks/distributed.py [--models mlp,lenet5] [--rounds 3] [--data-dir DIR]
                                     [--json]
    python benchmarks/distributed.py --report FILE    # the tables again, from --json output

Needs the [mpi] extra (mpi4py and the mpich wheel). A run of 2 ranks is
`mpiexec -n 2 python -m mpi4py benchmarks/distributed.py _child MODEL` with
OMP_NUM_THREADS=1 (and OPENBLAS/MKL); a run of one process is the same child without
mpiexec at 2 threads. Each child builds the recipe, times one epoch of Trainer.fit (data
loading and testing left out) and prints one JSON line: the epoch time, the time spent in
the per-step allreduce (2 ranks), the parameters and multiply-adds.

The second table is computed, not measured: for each network, the bytes one step's
allreduce carries (every float32 gradient once, plus the figures and flags that ride along),
the floating-point operations per byte sent (a step's compute, 3 × the forward's
multiply-adds × 2 flops × the batch, over those bytes: it does not depend on the machine),
and the ratio of a step's compute, at the fastest rate measured here, to a ring allreduce's
time on a network of a given bandwidth and latency. Figures on a shared machine are noisy:
re-measure on a quiet one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

# Networks a cluster would see: name → (bandwidth in bytes/s, latency in s per message).
NETWORKS = {"1 GbE": (125e6, 50e-6), "10 GbE": (1.25e9, 20e-6),
            "100 Gb/s InfiniBand": (12.5e9, 2e-6)}


def multiply_adds(model, input_shape) -> int:
    """One sample's forward pass, as the layers declare it."""
    shape, work = tuple(input_shape), 0
    for layer in model:
        work += layer.multiply_adds(shape)
        shape = tuple(layer.output_shape(shape))
    return work


def child(model_name: str, data_args: list[str]) -> int:
    """One epoch of the recipe of `backprop train --arch MODEL`, on the ranks of this job
    (or alone); rank 0 prints one JSON line."""
    from backprop import distributed as dist
    from backprop.cli import train as train_cli
    from backprop.train.recipe import build_run
    from backprop.threads import set_threads

    set_threads(None)  # the thread count the parent put in the environment
    parallel = dist.DataParallel() if dist.launched_by_mpi() else None
    args = _train_args([*data_args, "--arch", model_name, "--epochs", "1", "--quiet"])
    run = build_run(train_cli.config_from_args(args), parallel=parallel)
    in_allreduce = [0.0]
    if parallel is not None:  # time the message itself, inside the step
        world = parallel.comm
        allreduce = world.allreduce

        def timed(buffer):
            t = time.perf_counter()
            out = allreduce(buffer)
            in_allreduce[0] += time.perf_counter() - t
            return out
        world.allreduce = timed
    load = os.getloadavg()[0]
    t = time.perf_counter()
    run.trainer.fit(run.data.x_train, run.data.y_train)
    epoch = time.perf_counter() - t
    if parallel is None or parallel.rank == 0:
        model = run.model
        print(json.dumps({
            "epoch_s": epoch, "allreduce_s": in_allreduce[0], "load_at_start": load,
            "steps": run.trainer.steps_per_epoch, "batch": run.trainer.batch_size,
            "params": sum(p.data.size for p in model.parameters()),
            "tensors": len(list(model.parameters())),
            "macs": multiply_adds(model, run.data.input_shape)}), flush=True)
    return 0


def _train_args(argv: list[str]) -> argparse.Namespace:
    from backprop.cli import train as train_cli

    parser = argparse.ArgumentParser()
    train_cli.add_arguments(parser)
    return parser.parse_args(argv)


def run_child(model: str, ranks: int, data_args: list[str]) -> dict:
    """One measured epoch: 2 ranks × 1 thread under mpiexec, or 1 process × 2 threads."""
    from backprop.distributed import launch

    threads = 2 if ranks == 1 else 1
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = str(threads)
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", model, *data_args]
    if ranks > 1:
        mpiexec = launch.find_mpiexec()
        env = launch.mpiexec_environment(launch.is_open_mpi(mpiexec), ranks, env)
        cmd = [mpiexec, "-n", str(ranks), sys.executable, "-m", "mpi4py", *cmd[1:]]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def ring_allreduce_s(nbytes: float, ranks: int, bandwidth: float, latency: float) -> float:
    """A ring allreduce: 2(P − 1) messages of nbytes/P each (reduce-scatter, allgather)."""
    return 2 * (ranks - 1) * (latency + nbytes / ranks / bandwidth)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        return child(argv[1], argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", default="mlp,lenet5")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data-dir", help="MNIST IDX folder (default: the copy shipped with "
                                       "backprop)")
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    ap.add_argument("--report", metavar="FILE", help="print the tables of a saved --json line")
    args = ap.parse_args(argv)
    if args.report:
        saved = json.loads(Path(args.report).read_text().strip().splitlines()[-1])
        report(saved["results"], saved["load_start"], saved["load_end"])
        return 0
    data_args = ["--data", "mnist", "--data-dir", args.data_dir] if args.data_dir else []
    load_start = os.getloadavg()
    results: dict = {}
    for model in args.models.split(","):
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for r in range(args.rounds):
            for ranks in (1, 2):
                res = run_child(model, ranks, data_args)
                runs[ranks].append(res)
                print(f"{model} round {r + 1}/{args.rounds}: {ranks} rank(s) × "
                      f"{2 // ranks} thread(s): {res['epoch_s']:.1f} s (allreduce "
                      f"{res['allreduce_s']:.2f} s, load {res['load_at_start']:.2f})",
                      flush=True)
        results[model] = runs
    load_end = os.getloadavg()
    report(results, load_start, load_end)
    if args.json:
        print(json.dumps({"load_start": load_start, "load_end": load_end,
                          "results": results}))
    return 0


def report(results: dict, load_start, load_end) -> None:
    """The measured table, then the computed one."""
    results = {m: {int(k): v for k, v in runs.items()} for m, runs in results.items()}
    print(f"\nload average at start {load_start[0]:.2f}, at end {load_end[0]:.2f} "
          f"({os.cpu_count()} cores)\n")
    print("| model | 1 process × 2 threads | 2 ranks × 1 thread | ratio (2 ranks / 1) "
          "| of which allreduce |")
    print("|---|---|---|---|---|")
    for model, runs in results.items():
        one = statistics.median(r["epoch_s"] for r in runs[1])
        two = statistics.median(r["epoch_s"] for r in runs[2])
        ratios = [b["epoch_s"] / a["epoch_s"] for a, b in zip(runs[1], runs[2])]
        comm = statistics.median(r["allreduce_s"] for r in runs[2])
        print(f"| {model} | {one:.1f} s | {two:.1f} s | {two / one:.2f} "
              f"({min(ratios):.2f}–{max(ratios):.2f}) | {comm:.2f} s |")
    print("\nOn a cluster (computed): one step's allreduce against its compute, at the "
          "fastest rate measured here")
    print("\n| model | parameters | allreduce per step | flops per byte sent | compute per "
          "step | network | allreduce, 2 / 8 / 64 nodes | compute : communication, "
          "2 / 8 / 64 nodes |")
    print("|---|---|---|---|---|---|---|---|")
    for model, runs in results.items():
        r0 = runs[1][0]
        # the gradients, a flag per parameter tensor and the step's 4 figures, in float32
        nbytes = 4 * (r0["params"] + r0.get("tensors", 0) + 4)
        flops_per_step = 6 * r0["macs"] * r0["batch"]  # forward 2·MACs, backward 4·MACs
        fastest = min(r["epoch_s"] for rs in runs.values() for r in rs)
        rate = flops_per_step * r0["steps"] / fastest  # FLOP/s of this machine, at best
        for net, (bw, lat) in NETWORKS.items():
            times = [ring_allreduce_s(nbytes, p, bw, lat) for p in (2, 8, 64)]
            # with P nodes and the same global batch, each computes 1/P of the step
            ratios = [flops_per_step / p / rate / t for p, t in zip((2, 8, 64), times)]
            print(f"| {model} | {r0['params']:,} | {nbytes / 1e6:.2f} MB | "
                  f"{flops_per_step / nbytes:.0f} | {1e3 * flops_per_step / rate:.1f} ms | "
                  f"{net} | {' / '.join(f'{1e3 * t:.2f} ms' for t in times)} | "
                  f"{' / '.join(f'{x:.1f}' for x in ratios)} |")


if __name__ == "__main__":
    sys.exit(main())
