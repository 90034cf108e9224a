"""The scaling map: how our step time compares with PyTorch's as networks grow.

Five sweeps, each around one network, one size varied at a time:

- ``small``: 10→h→3 networks with h of 10 to 100 units at batches of 1 to 32 (the regime
  of the page's toy networks and of the estimators on small data);
- ``mlp-width``: 784→w→w→10, batch 128, w from 16 to 4096;
- ``mlp-batch``: 784→512→256→10 (the network of `mlp-step`), batch from 1 to 1024;
- ``conv-channels``: conv(C,3,padding=1) relu maxpool(2) conv(C,3,padding=1) relu maxpool(2)
  flatten linear(10) on 1×28×28 images, batch 32, C from 4 to 128;
- ``conv-size``: the same network with C = 16 on images of 8×8 to 64×64.

Every step is forward, backward and an SGD-momentum update, float32, softmax cross-entropy.
Ours runs twice: on the NumPy path (``BACKPROP_KERNELS=numpy``, the reference and the default
without the extra) and with the compiled kernels of the fast extra (``backprop-fast``,
``BACKPROP_KERNELS=numba``; skipped without Numba). Each library runs in its own process
(see _timing.py), one process per library, sweep and round, the libraries alternating, at
every thread count; a 2048² float32 matrix product in
processes of its own gives the machine's rate, against which the FLOP rate of the large
networks is set. Prints one table per sweep (ours on each path, PyTorch, the ratios with their
min–max over the rounds, at each thread count) and says where the ratio crosses 1; ``--plot`` draws the
ratios, ``--json`` keeps every figure.

    python benchmarks/scaling.py                              # 3 rounds at 1 and 2 threads
    python benchmarks/scaling.py --plot docs/images/scaling.png --markdown
    python benchmarks/scaling.py --quick                      # 1 round, fewer points
    python benchmarks/scaling.py --sweeps small --threads 1
    python benchmarks/scaling.py --from-json figures.json --threads 1 --plot out.png  # redraw
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

import numpy as np

from _timing import default_threads, run_child, thread_list, time_steps

HERE = Path(__file__).resolve().parent
LIBS = ("backprop", "backprop-fast", "pytorch")
KERNELS = {"backprop": "numpy", "backprop-fast": "numba"}  # our paths → BACKPROP_KERNELS
SGEMM_N = 2048


def _mlp(sizes: tuple[int, ...], batch: int) -> dict:
    return {"kind": "mlp", "sizes": list(sizes), "batch": batch}


def _conv(channels: int, image: int, batch: int = 32) -> dict:
    return {"kind": "conv", "channels": channels, "image": image, "batch": batch}


SWEEPS: dict[str, tuple[str, list[tuple[str, dict]]]] = {
    "small": ("hidden units × batch (10→h→3)",
              [(f"h={h}, batch {n}", _mlp((10, h, 3), n))
               for h in (10, 32, 64, 100) for n in (1, 4, 16, 32)]),
    "mlp-width": ("width w of 784→w→w→10, batch 128",
                  [(str(w), _mlp((784, w, w, 10), 128))
                   for w in (16, 32, 64, 128, 256, 512, 1024, 2048, 4096)]),
    "mlp-batch": ("batch of 784→512→256→10",
                  [(str(n), _mlp((784, 512, 256, 10), n))
                   for n in (1, 4, 16, 64, 128, 256, 1024)]),
    "conv-channels": ("channels C of the two 3×3 convolutions, 28×28 images, batch 32",
                      [(str(c), _conv(c, 28)) for c in (4, 8, 16, 32, 64, 128)]),
    "conv-size": ("image size S×S, 16 channels, batch 32",
                  [(str(s), _conv(16, s)) for s in (8, 16, 32, 64)]),
}
QUICK_POINTS = {"small": [0, 6, 15], "mlp-width": [0, 4, 7], "mlp-batch": [0, 4, 6],
                "conv-channels": [0, 3], "conv-size": [0, 2]}


# -- what a step costs ------------------------------------------------------------------------
def step_flops(point: dict) -> float:
    """2 × multiply-adds of the step's products: forward, weight gradients, and input
    gradients of every layer but the first (nobody asks for the gradient of the data)."""
    n = point["batch"]
    if point["kind"] == "mlp":
        pairs = list(zip(point["sizes"][:-1], point["sizes"][1:]))
        fwd = [2 * n * i * o for i, o in pairs]
        return 2 * sum(fwd) + sum(fwd[1:])
    c, s = point["channels"], point["image"]
    conv1 = 2 * n * c * 1 * 9 * s * s
    conv2 = 2 * n * c * c * 9 * (s // 2) ** 2
    lin = 2 * n * c * (s // 4) ** 2 * 10
    return 2 * (conv1 + conv2 + lin) + conv2 + lin


def _data(point: dict) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    n = point["batch"]
    if point["kind"] == "mlp":
        x = rng.standard_normal((n, point["sizes"][0]), dtype=np.float32)
        return x, rng.integers(0, point["sizes"][-1], n)
    s = point["image"]
    return rng.random((n, 1, s, s), dtype=np.float32), rng.integers(0, 10, n)


def _conv_spec(c: int) -> str:
    return (f"conv({c},3,padding=1) relu maxpool(2) conv({c},3,padding=1) relu maxpool(2) "
            f"flatten linear(10)")


def make_ours(point: dict, threads: int, kernels: str = "numpy") -> Callable[[], None]:
    """Our step on the NumPy path (``kernels="numpy"``) or with the fast extra's compiled
    kernels (``"numba"``: ImportError, so a skip, without Numba)."""
    os.environ["BACKPROP_KERNELS"] = kernels  # read by backprop on its first kernel call
    import backprop as bp
    import backprop.functional as F
    from backprop import nn, optim
    from backprop.models import build_model

    x, y = _data(point)
    bp.manual_seed(0)
    if point["kind"] == "mlp":
        sizes = point["sizes"]
        layers: list = []
        for i, o in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(i, o), nn.ReLU()]
        model = nn.Sequential(*layers[:-1])
    else:
        model = build_model(_conv_spec(point["channels"]), (1, point["image"], point["image"]),
                            10)
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    if kernels == "numba" and not bp.kernels.available():
        raise ImportError("numba", name="numba")

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    step()
    if bp.kernels.backend() != kernels:
        raise RuntimeError(f"asked for the {kernels} kernels, ran {bp.kernels.backend()}")
    return step


def make_torch(point: dict, threads: int) -> Callable[[], None]:
    import torch
    from torch import nn

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y = _data(point)
    if point["kind"] == "mlp":
        sizes = point["sizes"]
        layers: list = []
        for i, o in zip(sizes[:-1], sizes[1:]):
            layers += [nn.Linear(i, o), nn.ReLU()]
        model = nn.Sequential(*layers[:-1])
    else:
        c, s = point["channels"], point["image"]
        model = nn.Sequential(nn.Conv2d(1, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Conv2d(c, c, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                              nn.Flatten(), nn.Linear(c * (s // 4) ** 2, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def step():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        loss.backward()
        opt.step()
    return step


FACTORIES = {"backprop": make_ours, "pytorch": make_torch,
             "backprop-fast": lambda point, threads: make_ours(point, threads, "numba")}


# -- child ------------------------------------------------------------------------------------
def child(args: argparse.Namespace) -> int:
    """Time every point of one sweep for one library; print one JSON line."""
    try:
        from threadpoolctl import threadpool_limits
        threadpool_limits(args.threads)
    except ImportError:
        pass
    if args.lib == "sgemm":
        a = np.random.default_rng(0).standard_normal((SGEMM_N, SGEMM_N), dtype=np.float32)
        times = time_steps(lambda: a @ a, 20, 3, args.budget * 4)
        print(json.dumps({"lib": "sgemm", "median_s": statistics.median(times)}))
        return 0
    points = [p for _, p in SWEEPS[args.sweep][1]]
    if args.points:
        points = [points[i] for i in json.loads(args.points)]
    out = []
    for point in points:
        try:
            step = FACTORIES[args.lib](point, args.threads)
        except ImportError as e:
            name = (e.name or str(e)).split('.')[0]
            print(f"skipped: {'numba (the fast extra)' if name == 'numba' else name} not installed")
            return 0
        times = time_steps(step, args.steps, args.warmup, args.budget)
        out.append({"median_s": statistics.median(times), "steps": len(times)})
    print(json.dumps({"lib": args.lib, "sweep": args.sweep, "points": out}))
    return 0


# -- parent -----------------------------------------------------------------------------------
def run(sweeps: list[str], threads: list[int], rounds: int, budget: float, steps: int,
        quick: bool, log: Callable[[str], None]) -> dict:
    """{"sweeps": {name: {"labels", "points", "threads": {N: {lib: [[s per round] per point]}}}},
    "sgemm": {N: [s per round]}, "skipped": {lib: why}}."""
    res: dict = {"sweeps": {}, "sgemm": {}, "skipped": {}}
    for name in sweeps:
        pts = SWEEPS[name][1]
        keep = QUICK_POINTS[name] if quick else list(range(len(pts)))
        res["sweeps"][name] = {"title": SWEEPS[name][0], "labels": [pts[i][0] for i in keep],
                               "points": [pts[i][1] for i in keep], "keep": keep,
                               "threads": {}}
    # fill Numba's cache (compiled once per machine) so that no timed process compiles: a
    # convolution and an MLP large enough for every compiled kernel
    for name, point in (("conv-channels", 0), ("mlp-width", 4)):
        run_child([sys.executable, str(HERE / "scaling.py"), "--child", "--lib", "backprop-fast",
                   "--sweep", name, "--threads", "1", "--budget", "0.05", "--steps", "2",
                   "--warmup", "1", "--points", json.dumps([point])], 1)
    for n in threads:
        res["sgemm"][str(n)] = []
        for name in sweeps:
            res["sweeps"][name]["threads"][str(n)] = {lib: [] for lib in LIBS}
        for r in range(rounds):
            sg = run_child([sys.executable, str(HERE / "scaling.py"), "--child", "--lib", "sgemm",
                            "--threads", str(n), "--budget", str(budget)], n)
            if "median_s" in sg:
                res["sgemm"][str(n)].append(sg["median_s"])
            for name in sweeps:
                sweep = res["sweeps"][name]
                for lib in LIBS:
                    if lib in res["skipped"]:
                        continue
                    cmd = [sys.executable, str(HERE / "scaling.py"), "--child", "--lib", lib,
                           "--sweep", name, "--threads", str(n), "--budget", str(budget),
                           "--steps", str(steps), "--warmup", "3" if quick else "10",
                           "--points", json.dumps(sweep["keep"])]
                    t = time.perf_counter()
                    got = run_child(cmd, n)
                    if "skipped" in got:
                        res["skipped"][lib] = got["skipped"]
                        continue
                    if "error" in got:
                        raise SystemExit(f"scaling.py: {got['error']}")
                    sweep["threads"][str(n)][lib].append([p["median_s"] for p in got["points"]])
                    log(f"  {n} thread(s), round {r + 1}/{rounds}, {name}, {lib}: "
                        f"{time.perf_counter() - t:.0f} s")
    return res


def summarise(res: dict) -> dict:
    """Per sweep, thread count and point: each library's median over the rounds, the ratio
    ours / PyTorch with the min–max of the per-round ratios, and the FLOP rates."""
    for name, sweep in res["sweeps"].items():
        sweep["summary"] = {}
        for n, by_lib in sweep["threads"].items():
            sg = res["sgemm"].get(n) or []
            sgemm_rate = 2 * SGEMM_N ** 3 / statistics.median(sg) / 1e9 if sg else None
            rows = []
            for i, point in enumerate(sweep["points"]):
                ours = [rnd[i] for rnd in by_lib.get("backprop", [])]
                fast = [rnd[i] for rnd in by_lib.get("backprop-fast", [])]
                peer = [rnd[i] for rnd in by_lib.get("pytorch", [])]
                row = {"ours_s": statistics.median(ours) if ours else None,
                       "fast_s": statistics.median(fast) if fast else None,
                       "torch_s": statistics.median(peer) if peer else None}
                for key, times in (("", ours), ("fast_", fast)):  # ours / PyTorch, per path
                    if times and peer:
                        per_round = [a / b for a, b in zip(times, peer)]
                        row[f"{key}ratio"] = statistics.median(times) / row["torch_s"]
                        row[f"{key}spread"] = [min(per_round), max(per_round)]
                flops = step_flops(point)
                if row["ours_s"]:
                    row["ours_gflops"] = flops / row["ours_s"] / 1e9
                if row["fast_s"]:
                    row["fast_gflops"] = flops / row["fast_s"] / 1e9
                if row["torch_s"]:
                    row["torch_gflops"] = flops / row["torch_s"] / 1e9
                row["sgemm_gflops"] = sgemm_rate
                rows.append(row)
            sweep["summary"][n] = rows
    return res


def crossings(labels: list[str], rows: list[dict], key: str = "") -> str:
    """Where ours / PyTorch crosses 1 along a sweep, in words (``key="fast_"``: with the
    fast extra)."""
    ratios = [r.get(f"{key}ratio") for r in rows]
    if any(r is None for r in ratios):
        return "no peer"
    said = []
    for i in range(1, len(ratios)):
        a, b = ratios[i - 1], ratios[i]
        if (a < 1) != (b < 1):
            said.append(f"{'above' if b >= 1 else 'below'} 1 from {labels[i]} "
                        f"(was {a:.2f} at {labels[i - 1]}, {b:.2f} there)")
    if not said:
        side = "below" if ratios[0] < 1 else "at or above"
        return f"{side} 1 over the whole sweep ({min(ratios):.2f}–{max(ratios):.2f})"
    return "; ".join(said)


def _ratio(row: dict, key: str = "") -> str:
    """A point's ratio to PyTorch with the min–max over the rounds (``key="fast_"``: with
    the fast extra)."""
    if f"{key}ratio" not in row:
        return "—"
    lo, hi = row[f"{key}spread"]
    return f"{row[f'{key}ratio']:.2f} ({lo:.2f}–{hi:.2f})"


def _ms(s: float | None) -> str:
    if s is None:
        return "—"
    return f"{s * 1e3:.3f} ms" if s < 1e-3 else f"{s * 1e3:.2f} ms"


def tables(res: dict, markdown: bool) -> str:
    out = []
    for name, sweep in res["sweeps"].items():
        counts = list(sweep["summary"])
        # the fast extra's columns when it ran (figures of older runs have none)
        fast = any(r.get("fast_s") for n in counts for r in sweep["summary"][n])
        head = [sweep["title"]]
        for n in counts:
            t = f"{n} thread{'s' if n != '1' else ''}"
            head += [f"ours, {t}", f"PyTorch, {t}", f"ratio, {t} (min–max)"]
            if fast:
                head += [f"ours with fast, {t}", f"fast ratio, {t} (min–max)"]
        large = name in ("mlp-width", "mlp-batch", "conv-channels", "conv-size")
        if large:
            head += [f"ours GFLOP/s, {counts[0]} thr. (% of sgemm)"]
        body = []
        for i, label in enumerate(sweep["labels"]):
            row = [label]
            for n in counts:
                r = sweep["summary"][n][i]
                row += [_ms(r["ours_s"]), _ms(r["torch_s"]), _ratio(r)]
                if fast:
                    row += [_ms(r.get("fast_s")), _ratio(r, "fast_")]
            if large:
                r = sweep["summary"][counts[0]][i]
                rate = r.get("ours_gflops")
                pct = f" ({100 * rate / r['sgemm_gflops']:.0f} %)" if rate and \
                    r.get("sgemm_gflops") else ""
                row += [f"{rate:.1f}{pct}" if rate else "—"]
            body.append(row)
        notes = [f"{n} thread{'s' if n != '1' else ''}: ours{path} / PyTorch "
                 f"{crossings(sweep['labels'], sweep['summary'][n], key)}" for n in counts
                 for key, path in (("", ""), ("fast_", " with fast"))[:1 + fast]]
        out.append(f"### {name}: {sweep['title']}\n" if markdown else f"{name}: {sweep['title']}")
        if markdown:
            out.append("| " + " | ".join(head) + " |")
            out.append("|" + "---|" * len(head))
            out += ["| " + " | ".join(r) + " |" for r in body]
            out.append("")
            out += [f"- {x}" for x in notes]
        else:
            widths = [max(len(str(r[i])) for r in [head, *body]) for i in range(len(head))]
            out.append("  ".join(h.ljust(w) for h, w in zip(head, widths)))
            out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in body]
            out += [f"  {x}" for x in notes]
        out.append("")
    return "\n".join(out)


def plot(res: dict, path: str) -> None:
    """One panel per sweep: ours / PyTorch against the varied size, a line per thread count
    (solid: the NumPy path; dashed, the same colour: with the fast extra, when it ran)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from matplotlib.ticker import FormatStrFormatter, LogLocator, NullFormatter

    names = list(res["sweeps"])
    cols = min(3, len(names))
    nrows = -(-len(names) // cols)
    fig, grid = plt.subplots(nrows, cols, figsize=(4.4 * cols, 3.5 * nrows), squeeze=False)
    axes = grid.ravel()
    for ax in axes[len(names):]:
        ax.set_visible(False)
    for ax, name in zip(axes, names):
        sweep = res["sweeps"][name]
        x = np.arange(len(sweep["labels"]))
        for n, rows in sweep["summary"].items():
            t = f"{n} thread{'s' if n != '1' else ''}"
            colour = None
            for key, style, label in (("", "-", t), ("fast_", "--", f"{t}, fast extra")):
                r = np.array([row.get(f"{key}ratio", np.nan) for row in rows])
                if np.isnan(r).all():
                    continue
                spread = [row.get(f"{key}spread", (np.nan, np.nan)) for row in rows]
                line, = ax.plot(x, r, marker="o", linestyle=style, color=colour, label=label)
                colour = line.get_color()
                ax.fill_between(x, [a for a, _ in spread], [b for _, b in spread], color=colour,
                                alpha=0.15 if not key else 0.08, linewidth=0)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        ax.yaxis.set_major_formatter(FormatStrFormatter("%.2g"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.tick_params(axis="y", which="both", labelsize=7)
        ax.set_xticks(x)
        labels = [lab.replace("h=", "").replace(", batch ", "/") for lab in sweep["labels"]]
        ax.set_xticklabels(labels, rotation=60 if name == "small" else 0,
                           fontsize=7 if name == "small" else 8)
        ax.set_title(name, fontsize=10)
        ax.set_xlabel({"small": "hidden / batch"}.get(name, sweep["title"].split(" of ")[0]
                                                          .split(",")[0]), fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
    for row in grid:
        row[0].set_ylabel("ours / PyTorch's step time", fontsize=8)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def describe(threads: list[int], rounds: int, budget: float, started: tuple, argv: list[str]) \
        -> list[str]:
    import platform

    from run import cpu_model, _git

    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = " + uncommitted changes" if _git("status", "--porcelain",
                                             "--untracked-files=no") else ""
    end = os.getloadavg()
    return [f"command: python benchmarks/scaling.py {' '.join(argv)}".rstrip(),
            f"machine: {os.cpu_count()} cores, {cpu_model()}; {platform.platform()}",
            f"date: {datetime.datetime.now().astimezone().isoformat(timespec='minutes')}; "
            f"commit {commit}{dirty}",
            f"load average (1/5/15 min) at start {'/'.join(f'{x:.2f}' for x in started)}, "
            f"at end {'/'.join(f'{x:.2f}' for x in end)}",
            f"method: one process per library, sweep and round, alternating; {rounds} round(s) "
            f"at {', '.join(map(str, threads))} thread(s); per point a warm-up, then steps "
            f"for up to {budget:g} s, median; the figure is the median over the rounds"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--lib", choices=[*LIBS, "sgemm"], help=argparse.SUPPRESS)
    ap.add_argument("--sweep", choices=list(SWEEPS), help=argparse.SUPPRESS)
    ap.add_argument("--points", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", type=int, default=10, help=argparse.SUPPRESS)
    ap.add_argument("--sweeps", default=",".join(SWEEPS),
                    help=f"sweeps to run (default: all of {', '.join(SWEEPS)})")
    ap.add_argument("--threads", type=thread_list, default=None, metavar="N[,N…]",
                    help="thread counts (default: 1 and 2, or 1 on one core)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 3; --quick 1)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds of timed steps per point and process (default 1; --quick 0.3)")
    ap.add_argument("--steps", type=int, default=2000, help="at most this many timed steps "
                    "per point")
    ap.add_argument("--quick", action="store_true", help="one round, a few points per sweep")
    ap.add_argument("--markdown", action="store_true", help="print Markdown tables")
    ap.add_argument("--plot", metavar="PNG", help="draw the ratios into this image")
    ap.add_argument("--json", metavar="FILE", help="write every figure to FILE")
    ap.add_argument("--from-json", metavar="FILE", help="measure nothing: print the tables "
                    "(and --plot) of figures written by --json, at the --threads given")
    args = ap.parse_args(argv)
    if args.from_json:
        res = json.loads(Path(args.from_json).read_text())
        keep = {str(n) for n in args.threads} if args.threads else None
        for sweep in res["sweeps"].values():
            sweep["threads"] = {n: v for n, v in sweep["threads"].items()
                                if keep is None or n in keep}
        summarise(res)
        print("\n".join(("- " + x) if args.markdown else x for x in res.get("machine", []))
              + "\n")
        print(tables(res, args.markdown))
        if args.plot:
            plot(res, args.plot)
        return 0
    if args.child:
        args.threads = args.threads[0] if args.threads else 1
        args.budget = args.budget or 1.0
        return child(args)
    sweeps = [s.strip() for s in args.sweeps.split(",") if s.strip()]
    unknown = [s for s in sweeps if s not in SWEEPS]
    if unknown:
        ap.error(f"unknown sweep(s) {', '.join(unknown)}: choose from {', '.join(SWEEPS)}")
    threads = args.threads or thread_list(",".join(reversed(default_threads().split(","))))
    rounds = args.rounds or (1 if args.quick else 3)
    budget = args.budget or (0.3 if args.quick else 1.0)
    started = os.getloadavg()
    res = run(sweeps, threads, rounds, budget, args.steps, args.quick,
              log=lambda s: print(s, file=sys.stderr, flush=True))
    summarise(res)
    lines = describe(threads, rounds, budget, started, argv)
    res["machine"] = lines
    print("\n".join(("- " + x) if args.markdown else x for x in lines) + "\n")
    print(tables(res, args.markdown))
    if args.plot:
        plot(res, args.plot)
        print(f"plot: {args.plot}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
