"""The whole speed table in one command, ours beside the peers.

    python benchmarks/run.py                  # full: steps at 2 and 1 threads, end-to-end runs
    python benchmarks/run.py --quick          # the check before submitting: step ratios, import
    python benchmarks/run.py --quick --only mnist-mlp   # a 1-epoch run of the end-to-end recipe
    python benchmarks/run.py --markdown       # the table as Markdown (for the README)
    python benchmarks/run.py --json out.json  # also write the raw figures
    python benchmarks/run.py --only mlp-step,lenet5-step,import

Every library is timed in its own process, never two in one (see _timing.py for why).

Workloads: tiny-step (benchmarks/tiny_step.py: 10→64→3 at batch 16, ours, PyTorch and the
same step by hand in NumPy, at one thread), mlp-step (benchmarks/mlp_step.py: ours, PyTorch, scikit-learn
and a 2048² sgemm, the ceiling) and lenet5-step (benchmarks/lenet5_step.py: ours and
PyTorch) — "ours" twice, on the NumPy path (the reference and the default without the
extra) and with the compiled kernels of the fast extra, each with its ratio to PyTorch and
its targets —, each a child process per library and round, alternating over --rounds rounds, at
every thread count of --threads (default 2 and 1); mnist-mlp and mnist-lenet5 (the recipe of
`backprop train`, read from backprop.cli.train at run time, trained by the library's Trainer
in a child process whose test accuracy is evaluated after every epoch; the figure is the
wall time, data loading included, imports and the extra evaluations excluded, until the test
accuracy first reaches the threshold; peak RSS from wait4 of that child; PyTorch trains the
same recipe from the same initial weights in the next child, see torch_reference.py), at the
first thread count; import (whole-process wall time of `python -c "import backprop"` and
`backprop --help`, alternated with `python -c "import torch"`, median of several runs).

Every child gets its thread count through OPENBLAS/OMP/MKL_NUM_THREADS before it imports
anything, and torch.set_num_threads, so NumPy's BLAS and torch use the same number.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import lenet5_step
import mlp_step
import tiny_step
from _timing import child_env, default_threads, last_json, run_child, thread_list

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_MNIST = REPO.parent / "shared" / "data" / "mnist"
WORKLOADS = ("tiny-step", "mlp-step", "lenet5-step", "mnist-mlp", "mnist-lenet5", "import")
QUICK_WORKLOADS = ("tiny-step", "mlp-step", "lenet5-step", "import")  # --quick without --only
STEP_WORKLOADS = {"tiny-step": tiny_step, "mlp-step": mlp_step, "lenet5-step": lenet5_step}
# ours / PyTorch at each thread count (tiny-step runs at one thread only: its cost is per
# operation, not arithmetic): on the NumPy path, and with the fast extra
STEP_TARGETS = {"tiny-step": {"1": 0.3}, "mlp-step": {"2": 1.0, "1": 1.0},
                "lenet5-step": {"2": 1.1, "1": 1.0}}
FAST_TARGETS = {"tiny-step": {"1": 0.25}, "mlp-step": {"2": 0.9, "1": 0.9},
                "lenet5-step": {"2": 1.0, "1": 0.95}}
PATHS = (("backprop", "NumPy path", "", STEP_TARGETS),  # our lib, its label, ratio key prefix
         ("backprop-fast", "fast extra", "fast_", FAST_TARGETS))
THRESHOLDS = {"mnist-mlp": 0.984, "mnist-lenet5": 0.9905}
MODEL_ARGS = {"mnist-mlp": [], "mnist-lenet5": ["--arch", "lenet5"]}
QUICK_TRAIN = 10_000  # --quick: end-to-end runs see 1 epoch of this many training samples


# -- the machine ----------------------------------------------------------------------------
def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine(threads: list[int]) -> dict:
    info = {"cores": os.cpu_count(), "cpu": cpu_model(), "threads": threads,
            "python": platform.python_version(), "platform": platform.platform(),
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "commit": _git("rev-parse", "--short", "HEAD") or "unknown",
            # uncommitted changes change what was measured: say so
            "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
            "load_average_start": os.getloadavg()}
    code = ("import json, numpy\n"
            "try:\n    from threadpoolctl import threadpool_info\n"
            "    blas = [p.get('internal_api') for p in threadpool_info()"
            " if p.get('user_api') == 'blas']\n"
            "except ImportError:\n    blas = []\n"
            "print(json.dumps({'numpy': numpy.__version__, 'blas': blas}))")
    out = run_child([sys.executable, "-c", code], threads[0])
    info.update({} if "error" in out else out)
    code = "import json, torch; print(json.dumps({'torch': torch.__version__}))"
    out = run_child([sys.executable, "-c", code], threads[0])
    info["torch"] = out.get("torch")
    code = "import json, numba; print(json.dumps({'numba': numba.__version__}))"
    out = run_child([sys.executable, "-c", code], threads[0])
    info["numba"] = out.get("numba")
    return info


def log(msg: str) -> None:
    print(f"[run.py {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- step benchmarks ------------------------------------------------------------------------
def bench_steps(name: str, threads: list[int], rounds: int, steps: int, warmup: int) -> dict:
    """``{"N": result}`` for each thread count N: one process per library and round."""
    out = {}
    if name == "tiny-step":  # one thread; a step is tens of microseconds: many more of them
        threads, steps, warmup = [1], steps * 20, warmup * 10
    for n in threads:
        log(f"{name}: {rounds} rounds at {n} thread(s), one process per library and round")
        out[str(n)] = STEP_WORKLOADS[name].measure(n, rounds, steps, warmup, log=log)
    return out


# -- end-to-end runs (child side) -------------------------------------------------------------
def e2e_child(argv: list[str]) -> int:
    """`run.py _e2e LIB THRESHOLD MAX_TRAIN -- CLI ARGS`: train the CLI's recipe, evaluate the
    test set after every epoch, print one JSON line."""
    import numpy as np
    import torch_reference as ref

    lib, threshold, max_train = argv[0], float(argv[1]), int(argv[2]) or None
    cli_args = argv[argv.index("--") + 1:]

    def say(s: str) -> None:
        print(f"  [{lib}] {s}", file=sys.stderr, flush=True)

    # The clock covers data loading and training, as the CLI's own does, but not the imports
    # (PyTorch's alone takes seconds; the import workload measures ours separately).
    import backprop.cli.train  # noqa: F401
    import backprop.data  # noqa: F401
    import backprop.models  # noqa: F401
    import backprop.train  # noqa: F401
    if lib != "backprop":
        try:
            import torch  # noqa: F401

            import backprop.interop  # noqa: F401
        except ImportError:
            print(json.dumps({"skipped": "torch not installed"}))
            return 0
    t_start = time.perf_counter()
    recipe = ref.cli_recipe(cli_args, max_train=max_train, log=say)
    data = recipe["data"]
    # Evaluation is the benchmark's, not the recipe's: its time is taken out of the clock.
    state = {"eval_time": 0.0, "reached_s": None, "reached_epoch": None, "epochs": []}

    def record(epoch: int, accuracy: float, t_now: float, t_eval: float) -> None:
        elapsed = t_now - t_start - state["eval_time"]
        state["eval_time"] += t_eval
        state["epochs"].append({"epoch": epoch, "test_accuracy": accuracy, "elapsed_s": elapsed})
        say(f"epoch {epoch}: test accuracy {100 * accuracy:.2f}% at {elapsed:.1f}s")
        if state["reached_s"] is None and accuracy >= threshold:
            state["reached_s"], state["reached_epoch"] = elapsed, epoch

    if lib == "backprop":
        from backprop.train import evaluate
        trainer = recipe["trainer"]

        def on_epoch(t) -> None:
            t_now = time.perf_counter()
            acc = evaluate(t.model, data.x_test, data.y_test)["accuracy"]
            record(t.epoch, acc, t_now, time.perf_counter() - t_now)

        trainer.on_epoch = on_epoch
        trainer.fit(data.x_train, data.y_train)
        extra = {}
    else:
        def on_epoch(epoch: int, model) -> None:
            t_now = time.perf_counter()
            acc = ref.evaluate_torch(model, np.asarray(data.x_test), data.y_test)["accuracy"]
            record(epoch + 1, acc, t_now, time.perf_counter() - t_now)

        res = ref.train_torch(recipe, on_epoch=on_epoch)
        extra = {"torch_threads": res["threads"]}
    total = time.perf_counter() - t_start - state["eval_time"]
    final = state["epochs"][-1]["test_accuracy"] if state["epochs"] else None
    print(json.dumps({"lib": lib, "threshold": threshold, "time_to_threshold_s": state["reached_s"],
                      "epoch_reached": state["reached_epoch"], "final_test_accuracy": final,
                      "total_time_s": total, "epochs": state["epochs"],
                      "train_samples": len(data.x_train), "config": recipe["config"], **extra}))
    return 0


# -- end-to-end runs (parent side) ----------------------------------------------------------
def run_child_rss(cmd: list[str], threads: int) -> tuple[int, str, float]:
    """Run ``cmd`` (stderr passed through for progress); return (exit code, stdout, peak RSS
    in MB of that child alone, from wait4 — RUSAGE_CHILDREN would mix in earlier children)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=child_env(threads))
    out = p.stdout.read()
    p.stdout.close()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return p.returncode, out, rss_mb


def bench_e2e(name: str, data_args: list[str], quick: bool, peers: bool, threads: int) -> dict:
    cli_args = [*data_args, *MODEL_ARGS[name]] + (["--epochs", "1"] if quick else [])
    max_train = QUICK_TRAIN if quick else 0
    res = {"workload": name, "threshold": THRESHOLDS[name], "quick": quick,
           "command": "backprop train " + " ".join(cli_args)
           + (f"  (first {QUICK_TRAIN} training samples)" if quick else "")}
    for lib in ("backprop", "pytorch") if peers else ("backprop",):
        log(f"{name}: {lib} training ({'quick: 1 epoch on a slice' if quick else 'full recipe'})")
        cmd = [sys.executable, str(Path(__file__).resolve()), "_e2e",
               "backprop" if lib == "backprop" else "torch", str(THRESHOLDS[name]),
               str(max_train), "--", *cli_args]
        code, out, rss = run_child_rss(cmd, threads)
        parsed = last_json(out.splitlines())
        if code != 0 or parsed is None:
            res[lib] = {"error": f"exit code {code}"}
            continue
        if "skipped" not in parsed:
            parsed["peak_rss_mb"] = rss
        res[lib] = parsed
    return res


# -- import time ----------------------------------------------------------------------------
def backprop_script() -> list[str]:
    # The console script next to this interpreter, not a pyenv shim (a shim is a bash
    # script that adds its own start-up time to the figure).
    own = Path(sys.executable).parent / "backprop"
    if own.exists():
        return [str(own)]
    found = shutil.which("backprop")
    return [found] if found else [sys.executable, "-m", "backprop"]


def bench_import(runs: int, threads: int) -> dict:
    log(f"import: {runs} alternating runs of each command")
    cmds = {"python -c pass": [sys.executable, "-c", "pass"],
            "import numpy": [sys.executable, "-c", "import numpy"],
            "import backprop": [sys.executable, "-c", "import backprop"],
            "backprop --help": [*backprop_script(), "--help"]}
    has_torch = subprocess.run([sys.executable, "-c", "import importlib.util, sys; sys.exit("
                                "importlib.util.find_spec('torch') is None)"]).returncode == 0
    if has_torch:
        cmds["import torch"] = [sys.executable, "-c", "import torch"]
    env = child_env(threads)
    names = list(cmds)
    for cmd in cmds.values():  # warm the file cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times = {k: [] for k in names}
    for i in range(runs):
        for name in names[i % len(names):] + names[:i % len(names)]:  # rotate the order
            t = time.perf_counter()
            p = subprocess.run(cmds[name], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env)
            times[name].append(time.perf_counter() - t)
            if p.returncode != 0 and name == "import torch":  # a broken torch is no torch
                has_torch = False
                del cmds[name], times[name]
                names.remove(name)
                continue
            if p.returncode != 0:
                return {"error": f"{name} failed: {p.stderr.decode().strip()[-300:]}"}
    res = {"median_s": {k: statistics.median(v) for k, v in times.items()},
           "min_s": {k: min(v) for k, v in times.items()}, "runs": runs,
           "backprop_script": backprop_script()[0]}
    if not has_torch:
        res["skipped"] = "torch not installed"
    return res


# -- the table ------------------------------------------------------------------------------
def _ms(s):
    return "—" if s is None else f"{s * 1e3:.2f} ms"


def _sec(s):
    return "—" if s is None else f"{s:.1f} s" if s >= 1 else f"{s:.3f} s"


def _pct(a):
    return "—" if a is None else f"{100 * a:.2f} %"


def _status(ok) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")


def _time(lib: dict) -> str:
    """A library's median step time with its min–max over the rounds (three decimals under
    a millisecond: a tiny step is tens of microseconds)."""
    lo, hi = lib["spread_s"]
    d = 2 if lib["median_s"] >= 1e-3 else 3
    return f"{lib['median_s'] * 1e3:.{d}f} ms ({lo * 1e3:.{d}f}–{hi * 1e3:.{d}f})"


def _ratio(r: dict, unit: str, scale: float = 1.0, digits: int = 2) -> str:
    lo, hi = (x * scale for x in r["spread"])
    return f"{r['ratio'] * scale:.{digits}f}{unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def step_rows(name: str, by_threads: dict) -> list[list[str]]:
    out = []
    for n, r in by_threads.items():
        label = f"{name}, {n} thread{'s' if n != '1' else ''}"
        if "error" in r:
            out.append([label, "error", r["error"], "", "", "", ""])
            continue
        libs, skipped = r["libs"], r["skipped"]
        peer = (f"PyTorch {_time(libs['pytorch'])}" if "pytorch" in libs
                else f"skipped: {skipped.get('pytorch', 'torch not installed')}")
        for lib, path, key, targets in PATHS:
            if lib not in libs:
                out.append([label, f"{path}: median step time", f"skipped: "
                            f"{skipped.get(lib, 'not run')}", "", "", "", ""])
                continue
            target = targets[name].get(n, targets[name][max(targets[name])])
            vs = r.get(f"{key}vs_pytorch")
            out.append([label, f"{path}: median step time (min–max over rounds)",
                        _time(libs[lib]), peer, _ratio(vs, " × PyTorch") if vs else "",
                        f"≤ {target} ×", _status(None if vs is None else vs["ratio"] <= target)])
            floor = r.get(f"{key}vs_floor")
            if floor is not None:
                out.append([label, f"{path}: vs the same step by hand in NumPy (the floor)",
                            _time(libs[lib]), f"NumPy by hand {_time(libs['numpy'])}",
                            _ratio(floor, " × the floor"), "", ""])
        if name != "mlp-step":
            continue
        frac = r.get("fraction_of_sgemm")
        if frac is not None:
            out.append([label, "NumPy path: GFLOP/s (step FLOPs / time)", f"{r['gflops']:.1f}",
                        f"2048² sgemm {r['sgemm_gflops']:.1f}",
                        _ratio(frac, " % of sgemm", 100, 0), "≥ 60 %",
                        _status(frac["ratio"] >= 0.6)])
        sk = r.get("vs_sklearn")
        out.append([label, "NumPy path: vs scikit-learn MLPClassifier", _time(libs["backprop"]),
                    f"scikit-learn {_time(libs['scikit-learn'])}" if sk else
                    f"skipped: {skipped.get('scikit-learn', 'scikit-learn not installed')}",
                    _ratio(sk, " × faster") if sk else "", "≥ 1.7 × faster",
                    _status(None if sk is None else sk["ratio"] >= 1.7)])
    return out


def rows(results: dict) -> list[list[str]]:
    """[workload, figure, ours, peer, ratio, target, status] rows."""
    out: list[list[str]] = []
    for name in STEP_WORKLOADS:
        if name in results:
            out += step_rows(name, results[name])
    for name, limit in (("mnist-mlp", 60.0), ("mnist-lenet5", 600.0)):
        r = results.get(name)
        if r is None:
            continue
        quick = r["quick"]
        label = name + (" (quick: 1 epoch, 10k samples — not the target)" if quick else "")
        ours, peer = r.get("backprop", {}), r.get("pytorch")
        thr = f"{100 * r['threshold']:.2f} %"
        if "error" in ours:
            out.append([label, "error", ours["error"], "", "", "", ""])
            continue

        def reached(x):
            if x is None or "skipped" in x or "error" in x:
                return "—"
            t = x.get("time_to_threshold_s")
            return f"{_sec(t)} (epoch {x['epoch_reached']})" if t is not None else \
                f"not reached in {len(x['epochs'])} epoch(s)"

        if peer is None:
            peer_txt = "not run (--no-peers)"
        elif "skipped" in peer:
            peer_txt = f"skipped: {peer['skipped']}"
        elif "error" in peer:
            peer_txt = f"PyTorch error: {peer['error']}"
        else:
            peer_txt = f"PyTorch {reached(peer)}"
        t_ours = ours.get("time_to_threshold_s")
        t_peer = peer.get("time_to_threshold_s") if isinstance(peer, dict) else None
        ratio = f"{t_ours / t_peer:.2f} × PyTorch" if t_ours and t_peer else ""
        ok = None if quick else (t_ours is not None and t_ours <= limit)
        out.append([label, f"time to ≥ {thr} test accuracy", reached(ours), peer_txt, ratio,
                    f"≤ {limit:.0f} s", _status(ok)])
        peer_final = (f"PyTorch {_pct(peer.get('final_test_accuracy'))}"
                      if isinstance(peer, dict) and "final_test_accuracy" in peer else "")
        tot_peer = (f", {_sec(peer['total_time_s'])}" if isinstance(peer, dict)
                    and "total_time_s" in peer else "")
        out.append([label, f"final test accuracy, total time ({len(ours['epochs'])} epoch(s))",
                    f"{_pct(ours.get('final_test_accuracy'))}, {_sec(ours['total_time_s'])}",
                    peer_final + tot_peer, "", "", ""])
        if name == "mnist-mlp":
            rss = ours.get("peak_rss_mb")
            peer_rss = (f"PyTorch {peer['peak_rss_mb']:.0f} MB" if isinstance(peer, dict)
                        and "peak_rss_mb" in peer else "")
            out.append([label, "peak RSS of the training process", f"{rss:.0f} MB", peer_rss, "",
                        "≤ 600 MB", _status(None if quick else rss <= 600)])
    r = results.get("import")
    if r is not None:
        if "error" in r:
            out.append(["import", "error", r["error"], "", "", "", ""])
        else:
            med = r["median_s"]
            torch_t = med.get("import torch")
            peer = f"import torch {_sec(torch_t)}" if torch_t else "skipped: torch not installed"
            base = f"python -c pass {_sec(med['python -c pass'])}, import numpy " \
                   f"{_sec(med['import numpy'])}"
            out.append(["import", "python -c \"import backprop\" (whole process)",
                        _sec(med["import backprop"]), peer, base, "≤ 0.3 s",
                        _status(med["import backprop"] <= 0.3)])
            out.append(["import", "backprop --help (whole process)", _sec(med["backprop --help"]),
                        "", "", "≤ 0.5 s", _status(med["backprop --help"] <= 0.5)])
    return out


HEADER = ["workload", "figure", "ours", "peer", "ratio / note", "target", "status"]


def guard(table: list[list[str]]) -> str:
    """The rows that have a target, one line each: what a developer reads before submitting."""
    lines = ["ratios against their targets:"]
    for row in table:
        if row[5] and row[6]:
            figure = row[2] if row[0] == "import" or not row[4] else row[4]
            what = row[1].replace(" (min–max over rounds)", "")[:40]
            lines.append(f"  {row[6]:<7} {row[0]:<24} {what:<40} {figure:<30} "
                         f"target {row[5]}")
    missed = sum(row[6] == "MISSED" for row in table)
    lines.append(f"  {missed} missed" if missed else "  all met")
    return "\n".join(lines)


def describe(m: dict, quick: bool, sizes: dict) -> list[str]:
    blas = ", ".join(m.get("blas") or []) or "unknown"
    torch = f"PyTorch {m['torch']}" if m.get("torch") else "PyTorch not installed"
    load, load_end = m["load_average_start"], m.get("load_average_end")
    busy = max(load[0], (load_end or load)[0]) > m["cores"] * 0.75
    threads = " and ".join(str(n) for n in m["threads"])
    lines = [
        f"command: {m['command']}",
        f"machine: {m['cores']} cores, {m['cpu']}; {m['platform']}",
        f"threads: steps at {threads} thread(s), the same for every library (NumPy's BLAS "
        f"{blas}; {torch}); end-to-end and import at {m['threads'][0]}",
        f"software: Python {m['python']}, NumPy {m.get('numpy')}, Numba "
        f"{m.get('numba') or 'not installed'}",
        "paths: ours on the NumPy path (BACKPROP_KERNELS=numpy: the reference, and the "
        "default without the extra) and with the fast extra (BACKPROP_KERNELS=numba: the "
        "compiled kernels), each in its own processes",
        f"date: {m['date']}; commit {m['commit']}{' + uncommitted changes' if m['dirty'] else ''}",
        f"load average (1/5/15 min) at start {'/'.join(f'{x:.2f}' for x in load)}"
        + (f", at end {'/'.join(f'{x:.2f}' for x in load_end)}" if load_end else "")
        + (f" — above {m['cores']} cores: other work was running, the times are noisy and "
           f"only the ratios (adjacent processes) mean much" if busy else ""),
        "method: each library in its own process, processes alternating over "
        f"{sizes['rounds']} rounds; per process a warm-up then up to {sizes['steps']} timed "
        f"steps, median; the figure is the median over the rounds, (min–max) over the rounds",
        "mode: " + ("QUICK (fewer rounds and steps; end-to-end runs cut to 1 epoch on a slice)"
                    if quick else "full") + f"; import {sizes['import']} runs each",
    ]
    return lines


def render_text(table: list[list[str]], lines: list[str]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *table]) for i in range(len(HEADER))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [*lines, "", fmt.format(*HEADER), "  ".join("-" * w for w in widths)]
    out += [fmt.format(*r) for r in table]
    return "\n".join(out)


def render_markdown(table: list[list[str]], lines: list[str]) -> str:
    out = [f"- {line}" for line in lines] + ["", "| " + " | ".join(HEADER) + " |",
                                             "|" + "---|" * len(HEADER)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in table]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_e2e"]:
        return e2e_child(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.splitlines()[1:]))
    ap.add_argument("--quick", action="store_true",
                    help="the check before submitting, a few minutes: the step workloads "
                         "(3 rounds of fewer steps) and import (3 runs), then the ratios "
                         "against their targets; end-to-end runs only when named with --only, "
                         "capped at 1 epoch on 10,000 training samples (labelled as such)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--json", metavar="FILE", help="write the raw figures to FILE")
    ap.add_argument("--only", metavar="W[,W…]",
                    help=f"run only these workloads ({', '.join(WORKLOADS)})")
    ap.add_argument("--threads", type=thread_list, default=default_threads(),
                    metavar="N[,N…]",
                    help="thread counts of the step workloads, the same for every library; "
                         "the first one also for the end-to-end runs (default: "
                         f"{default_threads()})")
    ap.add_argument("--rounds", type=int, help="rounds of alternating processes per step "
                    "workload and thread count (default 5; --quick 3)")
    ap.add_argument("--steps", type=int, help="timed steps per process (default 200; --quick "
                    "50); a process stops earlier once it has spent its time budget")
    ap.add_argument("--data-dir", default=str(DEFAULT_MNIST) if DEFAULT_MNIST.is_dir() else None,
                    help="MNIST IDX folder for the end-to-end runs (default: "
                         "../shared/data/mnist if present, else the copy shipped with backprop)")
    ap.add_argument("--no-peers", action="store_true",
                    help="skip the PyTorch end-to-end runs (they double the time)")
    ap.add_argument("--import-runs", type=int, help="runs of each import command (default 9; "
                    "--quick 3)")
    args = ap.parse_args(argv)
    only = ((QUICK_WORKLOADS if args.quick else WORKLOADS) if not args.only
            else tuple(w.strip() for w in args.only.split(",")))
    unknown = [w for w in only if w not in WORKLOADS]
    if unknown:
        ap.error(f"unknown workload(s) {', '.join(unknown)}: choose from {', '.join(WORKLOADS)}")
    sizes = {"rounds": args.rounds or (3 if args.quick else 5),
             "steps": args.steps or (50 if args.quick else 200),
             "warmup": 5 if args.quick else 20,
             "import": args.import_runs or (3 if args.quick else 9)}
    data_args = (["--data", "mnist", "--data-dir", args.data_dir] if args.data_dir
                 else ["--data", "mnist"])
    t0 = time.perf_counter()
    if os.getloadavg()[0] > (os.cpu_count() or 1) * 0.75 and max(args.threads) > 1:
        log(f"warning: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: with "
            f"other work running, several BLAS/OpenMP threads per library can be many times "
            f"slower than one (they spin waiting for each other); the ratios still compare "
            f"like with like, the absolute times do not describe an idle machine")
    info = machine(args.threads)
    info["command"] = " ".join(["python benchmarks/run.py", *argv])
    results: dict = {}
    for name in STEP_WORKLOADS:
        if name in only:
            results[name] = bench_steps(name, args.threads, sizes["rounds"], sizes["steps"],
                                        sizes["warmup"])
    for name in ("mnist-mlp", "mnist-lenet5"):
        if name in only:
            results[name] = bench_e2e(name, data_args, args.quick, not args.no_peers,
                                      args.threads[0])
    if "import" in only:
        results["import"] = bench_import(sizes["import"], args.threads[0])
    info["load_average_end"] = os.getloadavg()
    info["elapsed_s"] = time.perf_counter() - t0
    lines = describe(info, args.quick, sizes)
    table = rows(results)
    print(render_markdown(table, lines) if args.markdown else render_text(table, lines))
    print("\n" + guard(table))
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "quick": args.quick,
                                               "sizes": sizes, "results": results}, indent=1))
        log(f"wrote {args.json}")
    log(f"done in {info['elapsed_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
