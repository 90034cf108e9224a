"""Both paths of backprop against PyTorch: the NumPy kernels (``BACKPROP_KERNELS=numpy``, the
reference and the default without the extra), the compiled kernels of ``backprop[fast]``
(``BACKPROP_KERNELS=numba``) and PyTorch, on tiny-step, mlp-step and lenet5-step.

The steps are those of tiny_step.py, mlp_step.py and lenet5_step.py (the same factories).
Each of the three runs in its own process, the processes alternating over several rounds
with the same thread count (see _timing.py); a figure is the median over the rounds of each
process's median step time, a ratio's spread the range of the per-round ratios. Before the
rounds one short child fills Numba's cache, so that no timed process compiles.

    python benchmarks/kernels.py [--workloads tiny-step,mlp-step,lenet5-step]
                                 [--threads 1,2] [--rounds 5] [--steps 200] [--markdown]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from pathlib import Path
from typing import Callable

from _timing import child_main, compare, ratio, run_child, thread_list

HERE = Path(__file__).resolve().parent
WORKLOADS = {"tiny-step": "tiny_step", "mlp-step": "mlp_step", "lenet5-step": "lenet5_step"}
LIBS = ("numpy", "numba", "pytorch")
WORKLOAD_VAR = "KERNELS_BENCH_WORKLOAD"  # tells a child which workload it times
# a child's library → the workload module's factory (ours on each path: _timing.with_kernels)
OURS = {"numpy": "backprop", "numba": "backprop-fast", "pytorch": "pytorch"}


def _factory(lib: str) -> Callable[[int], Callable[[], object]]:
    def make(threads: int) -> Callable[[], object]:
        module = importlib.import_module(WORKLOADS[os.environ[WORKLOAD_VAR]])
        return module.FACTORIES[OURS[lib]](threads)
    return make


FACTORIES = {lib: _factory(lib) for lib in LIBS}


def measure(workload: str, threads: int, rounds: int, steps: int, warmup: int,
            log=None) -> dict:
    os.environ[WORKLOAD_VAR] = workload
    # fill Numba's cache (compiled once per machine) before any timed process
    run_child([sys.executable, __file__, "--lib", "numba", "--threads", str(threads),
               "--steps", "2", "--warmup", "1"], threads)
    res = compare(Path(__file__), LIBS, threads, rounds, steps, warmup, log=log)
    if "error" not in res:
        res["workload"] = workload
        res["numpy_vs_pytorch"] = ratio(res, "numpy", "pytorch")
        res["numba_vs_pytorch"] = ratio(res, "numba", "pytorch")
        res["numba_vs_numpy"] = ratio(res, "numba", "numpy")
    return res


def _ms(res: dict, lib: str) -> str:
    s = res["libs"].get(lib)
    if s is None:
        return f"skipped: {res['skipped'].get(lib, '?')}"
    d = 2 if s["median_s"] >= 1e-3 else 3
    lo, hi = s["spread_s"]
    return f"{s['median_s'] * 1e3:.{d}f} ({lo * 1e3:.{d}f}–{hi * 1e3:.{d}f})"


def _ratio(r: dict | None) -> str:
    return "–" if r is None else f"{r['ratio']:.2f} ({r['spread'][0]:.2f}–{r['spread'][1]:.2f})"


def table(results: list[dict]) -> list[str]:
    lines = ["| workload | threads | NumPy path ms | with `fast` ms | PyTorch ms | NumPy / PyTorch "
             "| `fast` / PyTorch | `fast` / NumPy |", "|---|---|---|---|---|---|---|---|"]
    for res in results:
        if "error" in res:
            lines.append(f"| {res.get('workload', '?')} | {res.get('threads', '?')} | error: "
                         f"{res['error'][:200]} |||||")
            continue
        lines.append(f"| {res['workload']} | {res['threads']} | {_ms(res, 'numpy')} | "
                     f"{_ms(res, 'numba')} | {_ms(res, 'pytorch')} | "
                     f"{_ratio(res['numpy_vs_pytorch'])} | {_ratio(res['numba_vs_pytorch'])} | "
                     f"{_ratio(res['numba_vs_numpy'])} |")
    return lines


def main(argv: list[str]) -> int:
    if "--lib" in argv:
        return child_main(FACTORIES, argv)
    ap = argparse.ArgumentParser(prog="kernels.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--workloads", default=",".join(WORKLOADS),
                    help="comma-separated, from: " + ", ".join(WORKLOADS))
    ap.add_argument("--threads", type=thread_list, default=[1, 2], metavar="N[,N…]")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--markdown", action="store_true", help="a Markdown table with the machine")
    ap.add_argument("--json", metavar="FILE", help="also write the raw results here")
    args = ap.parse_args(argv)
    names = [w.strip() for w in args.workloads.split(",") if w.strip()]
    bad = [w for w in names if w not in WORKLOADS]
    if bad:
        ap.error(f"unknown workload(s) {bad}; choose from {', '.join(WORKLOADS)}")
    from run import machine  # the machine, date, commit, versions and load, as run.py says
    info = machine(args.threads)
    log = lambda s: print(s, file=sys.stderr, flush=True)  # noqa: E731
    results = []
    for w in names:
        for t in args.threads:
            steps = args.steps * 5 if w == "tiny-step" else args.steps  # a tiny step is µs
            results.append(measure(w, t, args.rounds, steps, args.warmup, log=log))
    info["load_average_end"] = os.getloadavg()
    try:
        import numba
        info["numba"] = numba.__version__
    except ImportError:
        info["numba"] = None
    head = (f"{info['cpu']}, {info['cores']} cores; {info['date']}; commit {info['commit']}"
            f"{' (with uncommitted changes)' if info['dirty'] else ''}; NumPy {info.get('numpy')}"
            f", Numba {info['numba']}, PyTorch {info.get('torch')}; load average "
            f"{info['load_average_start'][0]:.2f} at start, {info['load_average_end'][0]:.2f} "
            f"at end; {args.rounds} rounds, one process per library and round; milliseconds "
            f"per step, median (min–max over rounds)")
    print(head if args.markdown else head.replace("; ", "\n"))
    print()
    print("\n".join(table(results)))
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
