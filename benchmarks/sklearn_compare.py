"""Our scikit-learn estimators against scikit-learn's own MLP on its bundled data.

    python benchmarks/sklearn_compare.py            # one round, one thread
    python benchmarks/sklearn_compare.py --rounds 3 --seeds 5
    python benchmarks/sklearn_compare.py --seeds 10 --ours '{"batch_size": 64}'  # other defaults

For each of digits, iris, wine, breast-cancer (classification, accuracy) and diabetes
(regression, R²): the mean 3-fold cross-validation score of
``make_pipeline(StandardScaler(), estimator)`` with every parameter at its default but
``random_state``, and the wall time of the whole cross-validation. Ours is
``NeuralNetClassifier`` / ``NeuralNetRegressor``, theirs ``MLPClassifier`` / ``MLPRegressor``.

Each library's cross-validation runs in its own child process (see ``_timing.py`` for why),
one thread for every pool, the two libraries alternating (which goes first swaps from one
dataset to the next). With ``--seeds N`` each child cross-validates with ``random_state``
0 … N−1 and the score is the mean over the seeds (with min–max): one seed's score differs
from another's by about as much as the two libraries differ. With several rounds a time is
the median of the rounds; the scores do not change between rounds (same seeds, same folds).
The difference of the mean scores is given with its standard error. "met" means our score
equals theirs within the spread over seeds (at least theirs, or below by at most two standard
errors of the difference) and our time is below theirs. Prints a Markdown table headed by the date, the commit and
the load average.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _timing import run_child

HERE = Path(__file__).resolve().parent
DATASETS = ("digits", "iris", "wine", "breast_cancer", "diabetes")
REGRESSION = {"diabetes"}
LIBRARIES = ("scikit-learn", "backprop")


def _estimator(library: str, regression: bool, seed: int, params: dict):
    if library == "scikit-learn":
        from sklearn.neural_network import MLPClassifier, MLPRegressor
        return (MLPRegressor if regression else MLPClassifier)(random_state=seed)
    from backprop.sklearn import NeuralNetClassifier, NeuralNetRegressor
    # n_jobs at its default: the one thread of the environment, no pool resizing per fit
    return (NeuralNetRegressor if regression else NeuralNetClassifier)(random_state=seed,
                                                                       **params)


def child(library: str, dataset: str, seeds: int, params: dict) -> None:
    """One cross-validation per seed; prints ``{"scores": [mean CV score per seed],
    "seconds": wall time of one cross-validation, averaged over the seeds}``."""
    import warnings

    from sklearn import datasets
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x, y = getattr(datasets, f"load_{dataset}")(return_X_y=True)
    warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: its default
    scores, seconds = [], 0.0
    for seed in range(seeds):
        model = make_pipeline(StandardScaler(),
                              _estimator(library, dataset in REGRESSION, seed, params))
        t0 = time.perf_counter()
        scores.append(float(cross_val_score(model, x, y, cv=3, n_jobs=1).mean()))
        seconds += time.perf_counter() - t0
    print(json.dumps({"scores": scores, "seconds": seconds / seeds}))


def _spread(scores: list[float]) -> str:
    return f" ({min(scores):.3f}–{max(scores):.3f})" if len(scores) > 1 else ""


def _se_value(a: list[float], b: list[float]) -> float | None:
    """The standard error of the difference of the two means (the seeds of one library
    draw other numbers than the same seeds of the other: the samples are independent)."""
    if min(len(a), len(b)) < 2:
        return None
    return (statistics.variance(a) / len(a) + statistics.variance(b) / len(b)) ** 0.5


def _se(a: list[float], b: list[float]) -> str:
    se = _se_value(a, b)
    return "—" if se is None else f"{se:.4f}"


def equal_within_spread(ours: list[float], theirs: list[float]) -> bool:
    """Our mean score is at least theirs, or below it by at most two standard errors of the
    difference: equal within the spread over seeds (one seed alone says nothing)."""
    se = _se_value(theirs, ours)
    gap = statistics.mean(theirs) - statistics.mean(ours)
    return gap <= 0 or se is not None and gap <= 2 * se


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True,
                              timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=1, help="child processes per library")
    ap.add_argument("--seeds", type=int, default=1,
                    help="random_state 0, 1, …: the score is the mean over the seeds")
    ap.add_argument("--datasets", default=",".join(DATASETS),
                    help=f"comma-separated, from {', '.join(DATASETS)}")
    ap.add_argument("--ours", default="{}", metavar="JSON",
                    help='parameters of our estimators other than their defaults, a JSON '
                         'object such as \'{"batch_size": 64, "alpha": 0.05}\'')
    ap.add_argument("--child", nargs=3, metavar=("LIBRARY", "DATASET", "SEEDS"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    try:
        params = json.loads(args.ours)
    except json.JSONDecodeError as e:
        ap.error(f"--ours is not JSON: {e}")
    if not isinstance(params, dict):
        ap.error("--ours must be a JSON object of parameter names and values")
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), params)
        return 0
    names = [d.strip() for d in args.datasets.split(",") if d.strip()]
    unknown = set(names) - set(DATASETS)
    if unknown or min(args.rounds, args.seeds) < 1:
        ap.error(f"unknown datasets {sorted(unknown)}" if unknown else
                 "--rounds and --seeds must be ≥ 1")
    dirty = " (uncommitted changes)" if _git("status", "--porcelain",
                                             "--untracked-files=no") else ""
    load_start = os.getloadavg()
    date = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes")
    rows = []
    for k, name in enumerate(names):
        order = LIBRARIES if k % 2 == 0 else LIBRARIES[::-1]
        runs: dict[str, list[dict]] = {lib: [] for lib in LIBRARIES}
        for _ in range(args.rounds):
            for lib in order:
                res = run_child([sys.executable, __file__, "--child", lib, name,
                                 str(args.seeds), "--ours", args.ours], threads=1)
                if "error" in res:
                    print(f"{name} {lib}: {res['error']}", file=sys.stderr)
                    return 1
                runs[lib].append(res)
                print(f"{name:14} {lib:13} scores {res['scores']}  {res['seconds']:.2f} s",
                      file=sys.stderr)
        theirs, ours = runs["scikit-learn"], runs["backprop"]
        score_t, score_o = (statistics.mean(r[0]["scores"]) for r in (theirs, ours))
        spread_t, spread_o = (_spread(r[0]["scores"]) for r in (theirs, ours))
        time_t = statistics.median(r["seconds"] for r in theirs)
        time_o = statistics.median(r["seconds"] for r in ours)
        met = equal_within_spread(ours[0]["scores"], theirs[0]["scores"]) and time_o < time_t
        metric = "R²" if name in REGRESSION else "accuracy"
        rows.append(f"| {name} ({metric}) | {score_t:.4f}{spread_t} | {score_o:.4f}{spread_o} | "
                    f"{score_o - score_t:+.4f} ± {_se(theirs[0]['scores'], ours[0]['scores'])} "
                    f"| {time_t:.2f} s | {time_o:.2f} s | {'met' if met else 'missed'} |")
    load_end = os.getloadavg()
    ours_at = f", ours with {json.dumps(params)}" if params else ""
    print(f"3-fold CV, StandardScaler + estimator at its defaults{ours_at}, score: mean over "
          f"random_state 0–{args.seeds - 1} (min–max); time: one CV, median over "
          f"{args.rounds} round(s); one thread; {date}, commit "
          f"{_git('rev-parse', '--short', 'HEAD') or 'unknown'}{dirty}, load average "
          f"{load_start[0]:.2f} at start, {load_end[0]:.2f} at end, {os.cpu_count()} cores.\n")
    print("| dataset | MLP score | ours | ours − MLP ± standard error | MLP time | ours time | |")
    print("|---|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
