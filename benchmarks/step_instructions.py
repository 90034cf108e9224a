"""Instructions per training step, counted by valgrind: a figure that does not move with the
machine's load, for work on per-operation overhead.

    python benchmarks/step_instructions.py                    # tiny-step: ours, NumPy floor
    python benchmarks/step_instructions.py --lib pytorch      # or one library
    python benchmarks/step_instructions.py --workload mlp-step --lib backprop

Runs ``valgrind --tool=callgrind`` on a child that builds the step (the factories of
tiny_step.py / mlp_step.py / lenet5_step.py) and takes N steps, for two values of N, and
prints (instructions(N₂) − instructions(N₁)) / (N₂ − N₁): the cost of one step, start-up
and imports cancelled. One thread. Needs valgrind (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKLOADS = {"tiny-step": ("tiny_step", (50, 250)), "mlp-step": ("mlp_step", (4, 12)),
             "lenet5-step": ("lenet5_step", (4, 12))}


def child(workload: str, lib: str, steps: int) -> int:
    sys.path.insert(0, str(HERE))
    module = __import__(WORKLOADS[workload][0])
    step = module.FACTORIES[lib](1)
    for _ in range(steps):
        step()
    return 0


def count(workload: str, lib: str, steps: int) -> int:
    """Instructions of a whole child run (callgrind's total)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(["valgrind", "--tool=callgrind",
                              f"--callgrind-out-file={tmp}/callgrind.out",
                              sys.executable, str(Path(__file__).resolve()), "--child",
                              workload, lib, str(steps)],
                             capture_output=True, text=True, env=env)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or not found:
        raise SystemExit(f"valgrind failed ({lib}): {out.stderr.strip()[-400:]}")
    return int(found.group(1))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1], argv[2], int(argv[3]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workload", choices=list(WORKLOADS), default="tiny-step")
    ap.add_argument("--lib", action="append",
                    help="backprop (the NumPy path), backprop-fast (the fast extra), pytorch "
                         "or numpy (tiny-step only); repeatable (default: backprop and numpy)")
    args = ap.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("skipped: valgrind not installed")
        return 0
    n1, n2 = WORKLOADS[args.workload][1]
    libs = args.lib or (["backprop", "numpy"] if args.workload == "tiny-step" else ["backprop"])
    for lib in libs:
        per_step = (count(args.workload, lib, n2) - count(args.workload, lib, n1)) / (n2 - n1)
        print(f"{args.workload} {lib:<9} {per_step:14,.0f} instructions per step")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
