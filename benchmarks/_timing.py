"""Shared by the benchmark scripts: every library is timed in its own process.

Why not one process: BLAS and OpenMP thread pools busy-wait for a while after each piece of
work. With two libraries in one process, one library's idle threads keep spinning while the
other runs, and their cost is charged to the other library. So:

- the parent (:func:`compare`) starts one child process per library and round, alternating
  the libraries over several rounds (A B A B …), every child with the same thread count set
  in its environment before anything is imported (``OMP_NUM_THREADS``,
  ``OPENBLAS_NUM_THREADS``, ``MKL_NUM_THREADS``; the child also calls
  ``torch.set_num_threads`` and threadpoolctl's limit);
- a child (:func:`child_main`) builds its library's step, runs a warm-up, times many steps
  and prints one JSON line: the median step time, the thread counts it really ran with;
- a library's figure is the median of its rounds' medians, and its spread the minimum and
  maximum over the rounds; the ratio of two libraries is the ratio of their figures, and its
  spread comes from the ratios of each round, whose two children ran back to back (so under
  the same load of other work).

A child prints ``skipped: REASON`` instead when its library is not installed.
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
from typing import Callable, Sequence

HERE = Path(__file__).resolve().parent
THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
PACKAGES = {"sklearn": "scikit-learn", "numba": "numba (the fast extra)"}  # module → install
KERNELS = {"backprop": "numpy", "backprop-fast": "numba"}  # our two paths → BACKPROP_KERNELS

# A factory builds one library's step for a thread count; it raises ImportError when the
# library is missing.
Factory = Callable[[int], Callable[[], object]]


def with_kernels(make: Factory, kernels_name: str) -> Factory:
    """``make`` (a factory of our step) on one path of the library: ``"numpy"``, the NumPy
    kernels (the reference, and what runs without the extra), or ``"numba"``, the compiled
    kernels of ``backprop[fast]`` (ImportError, so a skip, when Numba is not installed). One
    step runs before the factory returns, and must have run on the kernels asked for."""
    def factory(threads: int) -> Callable[[], object]:
        os.environ["BACKPROP_KERNELS"] = kernels_name  # read by backprop on its first kernel
        from backprop import kernels
        if kernels_name == "numba" and not kernels.available():
            raise ImportError("numba", name="numba")
        step = make(threads)
        step()
        if kernels.backend() != kernels_name:
            raise RuntimeError(f"asked for the {kernels_name} kernels, ran {kernels.backend()}")
        return step
    return factory


def our_paths(make: Factory) -> dict[str, Factory]:
    """``{"backprop": …, "backprop-fast": …}``: our step on the NumPy path and with the
    compiled kernels of the fast extra, for a workload's table of factories."""
    return {lib: with_kernels(make, name) for lib, name in KERNELS.items()}


# -- both sides -------------------------------------------------------------------------------
def child_env(threads: int) -> dict:
    """The environment of a child: ``threads`` for every pool, this folder importable."""
    env = dict(os.environ)
    for var in THREAD_VARS:
        env[var] = str(threads)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH")]))
    return env


def last_json(lines: list[str]) -> dict | None:
    """The last line of a child's output that parses as JSON (the child's result), or None;
    a line ``skipped: REASON`` met first (from the end) gives ``{"skipped": REASON}``."""
    for line in reversed(lines):
        if line.startswith("skipped:"):
            return {"skipped": line.split(":", 1)[1].strip()}
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def run_child(cmd: list[str], threads: int, timeout: float | None = None) -> dict:
    """Run a child with ``threads`` everywhere; its JSON result, or ``{"error": …}``."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=child_env(threads),
                           timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return {"error": f"{Path(cmd[1]).name if len(cmd) > 1 else cmd[0]}: {e}"}
    res = last_json(p.stdout.splitlines())
    if p.returncode != 0 or res is None:
        return {"error": f"{' '.join(Path(c).name for c in cmd[1:4])} exited {p.returncode}: "
                         f"{p.stderr.strip()[-300:]}"}
    return res


# -- child side -------------------------------------------------------------------------------
def pool_sizes() -> dict:
    """The thread counts this process really runs with (what threadpoolctl and torch see)."""
    sizes: dict = {}
    try:
        from threadpoolctl import threadpool_info
        for p in threadpool_info():
            sizes[f"{p.get('user_api')}:{p.get('internal_api')}"] = p.get("num_threads")
    except ImportError:
        pass
    if "torch" in sys.modules:
        sizes["torch"] = sys.modules["torch"].get_num_threads()
    return sizes


def time_steps(step: Callable[[], object], steps: int, warmup: int,
               budget_s: float) -> list[float]:
    """Times (seconds) of ``steps`` calls after ``warmup`` untimed ones. On a busy machine a
    step can be a hundred times slower, so the warm-up stops after two calls once a quarter of
    ``budget_s`` is spent, and the timing after ten calls once ``budget_s`` is."""
    start = time.perf_counter()
    for i in range(warmup):
        step()
        if i >= 1 and time.perf_counter() - start > budget_s / 4:
            break
    times: list[float] = []
    start = time.perf_counter()
    for i in range(steps):
        t = time.perf_counter()
        step()
        times.append(time.perf_counter() - t)
        if i >= 9 and time.perf_counter() - start > budget_s:
            break
    return times


def child_main(factories: dict[str, Factory], argv: Sequence[str]) -> int:
    """``--lib NAME --threads N --steps S --warmup W``: time one library, print one JSON line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", choices=sorted(factories), required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--steps", type=int, required=True)
    ap.add_argument("--warmup", type=int, required=True)
    ap.add_argument("--budget", type=float, default=8.0)
    args = ap.parse_args(argv)
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)  # the environment did it already; make sure
    except ImportError:
        pass
    try:
        step = factories[args.lib](args.threads)
    except ImportError as e:
        name = (e.name or str(e)).split(".")[0]
        print(f"skipped: {PACKAGES.get(name, name)} not installed")
        return 0
    times = time_steps(step, args.steps, args.warmup, args.budget)
    print(json.dumps({"lib": args.lib, "median_s": statistics.median(times),
                      "min_s": min(times), "steps": len(times), "warmup": args.warmup,
                      "pools": pool_sizes()}))
    return 0


# -- parent side ------------------------------------------------------------------------------
def compare(script: Path, libs: Sequence[str], threads: int, rounds: int, steps: int,
            warmup: int, steps_of: dict[str, int] | None = None,
            log: Callable[[str], None] | None = None) -> dict:
    """Run ``script --lib L`` for every library L, one child each, alternating over
    ``rounds`` rounds. Returns ``{"libs": {L: summary}, "skipped": {L: reason}, "threads",
    "rounds"}``, or ``{"error": …}`` if a child failed.

    ``backprop-fast`` first runs once, untimed, for two steps: it fills Numba's cache of
    compiled kernels (once per machine), so that no timed process compiles."""
    steps_of = steps_of or {}
    if "backprop-fast" in libs:
        run_child([sys.executable, str(script), "--lib", "backprop-fast", "--threads",
                   str(threads), "--steps", "2", "--warmup", "1"], threads)
    per_round: dict[str, list[dict]] = {lib: [] for lib in libs}
    skipped: dict[str, str] = {}
    for r in range(rounds):
        for lib in libs:
            if lib in skipped:
                continue
            n = steps_of.get(lib, steps)
            cmd = [sys.executable, str(script), "--lib", lib, "--threads", str(threads),
                   "--steps", str(n), "--warmup", str(min(warmup, n))]
            res = run_child(cmd, threads)
            if "error" in res:
                return {"error": res["error"]}
            if "skipped" in res:
                skipped[lib] = res["skipped"]
                continue
            per_round[lib].append(res)
            if log is not None:
                log(f"  round {r + 1}/{rounds} {lib:<13} {threads} thread(s): "
                    f"{res['median_s'] * 1e3:8.2f} ms  ({res['steps']} steps)")
    summary = {}
    for lib, results in per_round.items():
        if not results:
            continue
        meds = [x["median_s"] for x in results]
        summary[lib] = {"median_s": statistics.median(meds), "spread_s": [min(meds), max(meds)],
                        "round_medians_s": meds, "steps": [x["steps"] for x in results],
                        "pools": results[0]["pools"]}
    return {"libs": summary, "skipped": skipped, "threads": threads, "rounds": rounds}


def ratio(res: dict, a: str, b: str) -> dict | None:
    """Time of ``a`` / time of ``b`` from their figures, with the min–max of the per-round
    ratios; None if either is missing."""
    libs = res.get("libs", {})
    if a not in libs or b not in libs:
        return None
    per_round = [x / y for x, y in zip(libs[a]["round_medians_s"], libs[b]["round_medians_s"])]
    return {"ratio": libs[a]["median_s"] / libs[b]["median_s"],
            "spread": [min(per_round), max(per_round)]}


def thread_list(text: str) -> list[int]:
    """'2,1' → [2, 1] (argparse type)."""
    try:
        counts = [int(t) for t in text.split(",") if t.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected thread counts such as 2,1, got {text!r}")
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"thread counts must be ≥ 1, got {text!r}")
    return counts


def default_threads() -> str:
    """The thread counts of the targets: two (or all cores, if fewer) and one."""
    top = min(2, os.cpu_count() or 1)
    return f"{top},1" if top > 1 else "1"


def format_compare(res: dict, ours: str = "backprop") -> list[str]:
    """A small text table of :func:`compare`'s result (for the scripts run on their own)."""
    if "error" in res:
        return [f"error: {res['error']}"]
    lines = [f"{res['threads']} thread(s), {res['rounds']} rounds, one process per library "
             f"and round; median step time (min–max over rounds), {ours} / library"]
    for lib, s in res["libs"].items():
        lo, hi = s["spread_s"]
        r = ratio(res, ours, lib) if lib != ours else None
        rtxt = f"{r['ratio']:.2f} ({r['spread'][0]:.2f}–{r['spread'][1]:.2f})" if r else ""
        d = 2 if s["median_s"] >= 1e-3 else 4  # a tiny step needs more digits
        lines.append(f"  {lib:<13}{s['median_s'] * 1e3:9.{d}f} ms ({lo * 1e3:.{d}f}–"
                     f"{hi * 1e3:.{d}f})  {rtxt}")
    lines += [f"  {lib:<13}skipped: {why}" for lib, why in res["skipped"].items()]
    return lines


def workload_main(script: str, factories: dict[str, Factory], measure: Callable[..., dict],
                  argv: Sequence[str] | None, doc: str) -> int:
    """The command line of a step workload: with ``--lib`` the child, else the parent that
    runs ``measure(threads, rounds, steps, warmup, log)`` for each thread count."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lib" in argv:
        return child_main(factories, argv)
    ap = argparse.ArgumentParser(prog=Path(script).name, description=doc.split("\n\n")[0])
    ap.add_argument("--threads", type=thread_list, default=default_threads(),
                    metavar="N[,N…]", help="thread counts to run (default: %(default)s)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of alternating processes")
    ap.add_argument("--steps", type=int, default=200, help="timed steps per process")
    ap.add_argument("--warmup", type=int, default=20, help="untimed steps first")
    ap.add_argument("--json", action="store_true", help="print the raw results as JSON")
    args = ap.parse_args(argv)
    out = {}
    for threads in args.threads:
        res = measure(threads, args.rounds, args.steps, args.warmup,
                      log=lambda s: print(s, file=sys.stderr, flush=True))
        out[str(threads)] = res
        if not args.json:
            print("\n".join(format_compare(res)))
    if args.json:
        print(json.dumps(out))
    return 0
