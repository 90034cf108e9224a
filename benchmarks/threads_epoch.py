"""One epoch of `backprop train`'s default MLP at each BLAS thread count: what the default of
`--threads` (backprop.threads) rests on.

Each thread count runs in its own process (the count set in the environment before import),
the processes alternating over several rounds; prints the epoch time of each round, the
median, and the one-minute load average when each process started. Run it on an idle machine
and on a busy one: two threads win on idle cores and lose badly on busy ones.

    python benchmarks/threads_epoch.py [--threads 2,1] [--rounds 3] [--data-dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from _timing import default_threads, run_child, thread_list


def child(data_args: list[str]) -> int:
    """Build the CLI's default recipe for one epoch, train it, print one JSON line."""
    import torch_reference as ref

    load = os.getloadavg()[0]
    recipe = ref.cli_recipe([*data_args, "--epochs", "1", "--quiet"])
    data = recipe["data"]
    t = time.perf_counter()
    recipe["trainer"].fit(data.x_train, data.y_train)
    print(json.dumps({"epoch_s": time.perf_counter() - t, "load_at_start": load}))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_child"]:
        return child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threads", type=thread_list, default=default_threads(),
                    metavar="N[,N…]", help="thread counts (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data-dir", help="MNIST IDX folder (default: the copy shipped with "
                                       "backprop)")
    ap.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    args = ap.parse_args(argv)
    data_args = ["--data", "mnist", "--data-dir", args.data_dir] if args.data_dir else []
    runs: dict[int, list[dict]] = {n: [] for n in args.threads}
    for r in range(args.rounds):
        for n in args.threads:
            res = run_child([sys.executable, str(Path(__file__).resolve()), "_child",
                             *data_args], n)
            if "error" in res:
                print(f"error: {res['error']}", file=sys.stderr)
                return 1
            runs[n].append(res)
            print(f"round {r + 1}/{args.rounds}: {n} thread(s) {res['epoch_s']:.1f} s "
                  f"(load average {res['load_at_start']:.1f})", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({str(n): v for n, v in runs.items()}))
        return 0
    print(f"one epoch of the default MLP, {os.cpu_count()} cores, median over {args.rounds} "
          f"rounds (each round: every thread count, one process each)")
    for n, v in runs.items():
        times = [x["epoch_s"] for x in v]
        loads = [x["load_at_start"] for x in v]
        print(f"  {n} thread(s): {statistics.median(times):6.1f} s  (rounds: "
              f"{', '.join(f'{t:.1f}' for t in times)}; load {min(loads):.1f}–{max(loads):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
