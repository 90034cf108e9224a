"""Draw the pictures of a training run: learning curves, confusion matrix of the test set,
first-layer weights or filters, misclassified examples (PNG files in the run directory).

examples:
  backprop plot runs/mlp-mnist
  backprop plot runs/lenet5-fashion-mnist --data-dir FOLDER   (FOLDER: the four IDX files)
"""

from __future__ import annotations

import argparse

from . import options

HELP = "draw the PNG pictures of a run's folder (written by train)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("run_dir", metavar="RUN", help="a run's folder, written by backprop train")
    options.add_data_arguments(p)
    p.set_defaults(data=None)


def run(args: argparse.Namespace) -> int:
    from ..plots import plot_run

    data = None
    if args.data is not None or args.data_dir is not None:
        from ..data import load_dataset
        data = load_dataset(args.data or "default", args.data_dir)
    for path in plot_run(args.run_dir, data=data):
        print(f"wrote {path}")
    return 0
