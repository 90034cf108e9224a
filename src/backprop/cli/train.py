"""Train a model and report its test accuracy.

With no arguments: the two-layer network `mlp` (flatten → linear(800) → relu → linear(10) →
softmax cross-entropy, label smoothing 0.1, Adam with a cosine schedule, 20 epochs) on the
default dataset (MNIST, shipped with backprop). `--activation sigmoid` gives the sigmoid
hidden layer of the derivations.

examples:
  backprop train
  backprop train --activation sigmoid
  backprop train --arch lenet5 --epochs 5
  backprop train --arch "conv(8,3,padding=1) relu maxpool(2) flatten linear(10)"
  backprop train --epochs 5 --plot
  backprop train --resume runs/mlp-mnist
  backprop train --workers 2
  mpiexec -n 2 python -m mpi4py -m backprop train

Every run is kept in a folder: --out DIR, or else a new one, runs/MODEL-DATA (runs/mlp-mnist,
then runs/mlp-mnist-2, …; never one that exists). The folder holds checkpoint.safetensors,
kept up to date (every epoch, every N steps with --checkpoint-every N, and on Ctrl-C, which
stops at the end of the current step, saves and exits with code 130), metrics.jsonl and, at
the end, model.safetensors (the path is printed). --resume RUN continues that run with the
configuration saved in it (only --epochs may be raised) and ends bit-identical to an
uninterrupted run.

--workers N trains on N processes of this machine (data parallel over MPI, needs
backprop[mpi]), at most one per core (with --hostfile FILE: on its hosts, at most its
slots); under mpiexec, `backprop train` trains on the job's ranks by itself: each
takes its share of every batch of --batch-size, rank 0 alone prints and writes the run's
folder (see docs/distributed.md). If a rank dies, the job stops and says which rank, how,
where the last checkpoint is and the command that resumes it.

The recipe itself (optimisers by name, schedules, defaults per model) is the library's:
backprop.train.recipe. This command parses and prints.
"""

from __future__ import annotations

import argparse
import sys

from ..models import MLP_ACTIVATION, activations
from ..train.recipe import SCHEDULES
from . import options

HELP = "train a model (defaults: the two-layer MLP on MNIST shipped with backprop)"

# Options that are part of a run's saved configuration: --resume refuses them.
CONFIG_OPTIONS = ("model", "hidden", "activation", "batch_size", "optimizer", "lr", "loss",
                  "weight_decay", "label_smoothing", "schedule", "validation_split", "patience",
                  "seed", "float64", "augment")


def add_arguments(p: argparse.ArgumentParser) -> None:
    options.add_data_arguments(p)
    p.add_argument("--arch", dest="model", metavar="SPEC",
                   help=f"{options.ARCH_HELP} (default: mlp)")
    options.renamed(p, "--model", "--arch", dest="model")
    p.add_argument("--hidden", type=options.hidden_sizes, metavar="N[,N…]",
                   help="hidden layer sizes of the mlp (default: 800)")
    p.add_argument("--activation", choices=activations(),
                   help=f"hidden activation of the mlp (default: {MLP_ACTIVATION})")
    p.add_argument("--epochs", type=options.epochs, help="passes over the training data "
                   "(default: 20 for the mlp, 10 otherwise)")
    p.add_argument("--batch-size", type=options.positive_int,
                   help="samples per step (default: 128 for the mlp, 64 otherwise)")
    p.add_argument("--optimizer", choices=options.optimizer_names(),
                   help="update rule; momentum/nesterov are SGD with momentum 0.9 "
                        "(default: adam)")
    p.add_argument("--lr", type=options.positive_float,
                   help=f"learning rate (default: the optimizer's: "
                        f"{options.optimizer_defaults('lr')})")
    p.add_argument("--weight-decay", type=options.non_negative_float,
                   help=f"L2 penalty (decoupled for adamw; default: 0, or the optimizer's: "
                        f"{options.optimizer_defaults('weight_decay')})")
    p.add_argument("--loss", choices=options.loss_names(),
                   help=options.loss_help() + " (default: cross_entropy)")
    p.add_argument("--label-smoothing", type=options.fraction, metavar="EPS",
                   help="mix the one-hot targets with the uniform distribution "
                        "(default: 0.1 for the mlp, 0 otherwise)")
    p.add_argument("--schedule", choices=tuple(SCHEDULES),
                   help="learning-rate schedule: cosine or step over the epochs, onecycle "
                        "over the steps (rising to --lr over the first 30 %%, then falling "
                        "to 1/250000 of it; Adam's β₁ cycles the other way), or none "
                        "(default: cosine)")
    p.add_argument("--augment", metavar="SPEC",
                   help="change each training image at random: hflip (mirror left-right, "
                        "p=½), shift(k) (move up to k pixels each way, zeros shifted in), "
                        "joined with commas, e.g. \"hflip,shift(2)\" (default: none)")
    p.add_argument("--validation-split", type=options.fraction, metavar="F",
                   help="hold out this fraction of the training data for validation")
    p.add_argument("--patience", type=options.positive_int,
                   help="early stopping: stop after this many epochs without a better "
                        "validation loss (needs --validation-split)")
    p.add_argument("--seed", type=options.non_negative_int,
                   help="seed for initialisation, shuffling, augmentation and dropout "
                        "(default: 0)")
    p.add_argument("--float64", action="store_true", help="train in float64 (default float32)")
    p.add_argument("--out", metavar="DIR",
                   help="keep the run in DIR: DIR/checkpoint.safetensors, the per-epoch "
                        "metrics in DIR/metrics.jsonl and the trained model in "
                        "DIR/model.safetensors (DIR is created if missing; its parent "
                        "folder must exist; default: a new folder runs/MODEL-DATA, "
                        "runs/MODEL-DATA-2, …)")
    p.add_argument("--quiet", action="store_true", help="no per-epoch lines or progress bar")
    p.add_argument("--resume", metavar="RUN",
                   help="continue the run saved in RUN (its folder or its "
                        "checkpoint.safetensors) with its saved configuration; --out defaults "
                        "to its folder")
    p.add_argument("--checkpoint-every", type=options.positive_int, metavar="N",
                   help="also write the checkpoint every N steps (default: every epoch)")
    p.add_argument("--plot", action="store_true",
                   help="write PNG pictures of the run to its folder (needs matplotlib)")
    p.add_argument("--threads", type=options.positive_int, metavar="N",
                   help="BLAS threads for the matrix products (default: the cores not busy "
                        "with other work now; OPENBLAS_NUM_THREADS or "
                        "OMP_NUM_THREADS, if set, win over the default; under MPI: the "
                        "cores shared among the ranks on the machine)")
    p.add_argument("--workers", type=options.positive_int, metavar="N",
                   help="train on N processes of this machine, data parallel over MPI: "
                        "runs mpiexec -n N python -m mpi4py -m backprop train … "
                         "(needs the [mpi] extra); at most one per core of this machine, or "
                         "the slots of --hostfile")
    p.add_argument("--hostfile", metavar="FILE",
                   help="with --workers: run the ranks on the hosts FILE lists, one a line "
                        "('host', 'host:slots' or 'host slots=N'), at most its slots in all")




def config_from_args(args: argparse.Namespace) -> dict:
    """The run configuration the options ask for (the library fills in the defaults)."""
    from ..train.recipe import configure

    return configure(data=args.data, data_dir=args.data_dir, model=args.model,
                     hidden=args.hidden, activation=args.activation, epochs=args.epochs,
                     batch_size=args.batch_size, optimizer=args.optimizer, lr=args.lr,
                     weight_decay=args.weight_decay, label_smoothing=args.label_smoothing,
                     schedule=args.schedule, validation_split=args.validation_split,
                     patience=args.patience, seed=args.seed, loss=args.loss,
                     augment=args.augment, dtype="float64" if args.float64 else None)


_FLAGS = {"model": "arch"}  # configuration keys whose option has another name


def _resumed_config(args: argparse.Namespace, ckpt) -> dict:
    """The saved configuration, with a raised --epochs; any other option that would change
    the run is refused (a resumed run must be the run it continues)."""
    from ..errors import BackpropError

    given = [name for name in CONFIG_OPTIONS if getattr(args, name) not in (None, False)]
    if args.data not in (None, "default") and args.data != ckpt.config.get("data"):
        given.insert(0, "data")
    if given:
        flags = ", ".join("--" + _FLAGS.get(name, name).replace("_", "-") for name in given)
        raise BackpropError(f"--resume continues the saved configuration; {flags} would change "
                            f"it (only --epochs may be raised)")
    cfg = dict(ckpt.config)
    if args.data_dir:  # the same dataset, found elsewhere
        from pathlib import Path
        cfg["data_dir"] = str(Path(args.data_dir).expanduser().resolve())
    if args.epochs:
        if args.epochs < ckpt.epoch:
            raise BackpropError(f"--epochs {args.epochs}: the checkpoint is already at "
                                f"epoch {ckpt.epoch}")
        cfg["epochs"] = args.epochs
    return cfg


def run(args: argparse.Namespace) -> int:
    from ..errors import BackpropError

    if args.workers and args.workers > 1:
        return _launch(args)
    if getattr(args, "hostfile", None) and not args.workers:
        raise BackpropError("--hostfile goes with --workers N (the ranks to run on its hosts)")
    parallel = _parallel()
    try:
        code = _train(args, parallel)
    except BackpropError as e:
        if parallel is not None:  # the job aborts: say which rank stopped it
            _note(parallel, ended="error")
            e.args = (f"rank {parallel.rank} of {parallel.size}: {e}",)
        raise
    _note(parallel, ended=code)
    return code


def _note(parallel, **fields) -> None:
    """Tell the launcher of ``--workers`` about this rank (nothing when it runs alone)."""
    if parallel is not None:
        from ..distributed.launch import note_rank
        note_rank(parallel.rank, parallel.size, **fields)


def _launch(args: argparse.Namespace) -> int:
    """Run this command line again, less --workers, as that many MPI ranks."""
    from . import build_parser
    from ..distributed import launch, launched_by_mpi
    from ..errors import BackpropError

    if launched_by_mpi():
        raise BackpropError("--workers starts mpiexec itself; under mpiexec leave it out")
    argv = _without_workers(sys.argv[1:])
    again = vars(build_parser().parse_args(argv))  # the same options, or it was not argv
    if {k: v for k, v in again.items() if k not in ("workers", "hostfile", "_run")} != \
            {k: v for k, v in vars(args).items() if k not in ("workers", "hostfile", "_run")}:
        raise BackpropError("--workers relaunches the command line it was given; call "
                            "backprop train --workers from the command line")
    return launch.run(args.workers, argv, hostfile=args.hostfile)


def _without_workers(argv: list[str]) -> list[str]:
    """argv less --workers and --hostfile (and their values): what each rank runs."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
        elif a in ("--workers", "--hostfile"):
            skip = True
        elif not a.startswith(("--workers=", "--hostfile=")):
            out.append(a)
    return out


def _parallel():
    """The ranks of the MPI job this process belongs to (None when it runs alone)."""
    from ..distributed import DataParallel, launched_by_mpi

    return DataParallel() if launched_by_mpi() else None


def _train(args: argparse.Namespace, parallel) -> int:
    import time
    from pathlib import Path

    from ..errors import BackpropError
    from ..io import load_checkpoint
    from ..threads import set_threads
    from ..train import evaluate, format_row
    from ..train import directory, recipe

    lead = parallel is None or parallel.rank == 0  # the one that prints and writes
    _note(parallel)  # its pid, for the launcher's report if it dies
    if args.threads is None and parallel is not None:
        from ..distributed import threads_per_rank
        args.threads = threads_per_rank(parallel.comm)
    set_threads(args.threads, "--threads")
    if args.patience and not args.validation_split:
        raise BackpropError("--patience needs --validation-split (early stopping watches the "
                            "validation loss)")
    ckpt = load_checkpoint(args.resume) if args.resume else None
    cfg = _resumed_config(args, ckpt) if ckpt is not None else config_from_args(args)
    # No --out: a new folder under runs/, made once the data and model are ready (rank 0
    # makes it; the others only need a path, for they never write).
    out = Path(args.out) if args.out else (ckpt.path.parent if ckpt is not None else None)
    made = out is None
    if args.plot:  # optional needs are checked before any training
        from ..plots import require_matplotlib
        require_matplotlib()
    if out is not None and lead:
        directory.prepare(out)
        _note(parallel, out=out)
    say = (lambda s: None) if args.quiet or not lead else (lambda s: print(s, flush=True))
    progress = False if args.quiet else None
    t_start = time.perf_counter()
    if ckpt is not None:
        run = recipe.resume_run(ckpt, cfg, say, progress, parallel=parallel)
    else:
        run = recipe.build_run(cfg, say, progress, parallel=parallel)
        if made and lead:
            out = directory.new_folder(cfg)
            _note(parallel, out=out)
        elif made:
            out = directory.RUNS / directory.folder_name(cfg)
    trainer = run.trainer
    say(f"data: {run.data}")
    say(f"model: {run.model.spec}  ({run.model.num_parameters():,} parameters)")
    if parallel is not None:
        say(f"workers: {parallel.size} (MPI ranks), each {trainer.batch_size // parallel.size}"
            f"–{-(-trainer.batch_size // parallel.size)} of every batch of "
            f"{trainer.batch_size}")
    if ckpt is not None:
        if trainer.complete:
            if lead:
                print(f"backprop train: {ckpt.path} is a complete run ({len(trainer.history)} "
                      f"epoch(s) of {trainer.epochs}); nothing to do (raise --epochs to go on)")
            return 0
        say(f"resuming {ckpt.path} at epoch {trainer.epoch + 1}, step {trainer.step}")
        for row in trainer.history:
            say(format_row(row, trainer.epochs, trainer.config.label_smoothing))
    try:
        directory.train_in(run, out, args.checkpoint_every)
    except BackpropError:
        if made and lead:  # a refused run leaves no empty folder behind
            directory.remove_if_empty(out)
        raise
    except directory.Interrupted as stop:
        if not lead:
            return 130
        print(f"backprop train: interrupted at epoch {trainer.epoch + 1}/{trainer.epochs}, step "
              f"{trainer.step}/{trainer.steps_per_epoch}; saved {stop.path} (continue with: "
              f"backprop train --resume {stop.path})", file=sys.stderr)
        return 130
    if not lead:  # the other ranks hold the same model: rank 0 tests and saves it
        return 0
    test = evaluate(run.model, run.data.x_test, run.data.y_test, loss=trainer.objective)
    elapsed = time.perf_counter() - t_start
    print(f"test accuracy {100 * test['accuracy']:.2f}%  test loss {test['loss']:.4f} "
          f"({trainer.objective.name.replace('_', '-')}, no smoothing)  "
          f"({len(trainer.history)} epochs, {elapsed:.1f}s)")
    print(f"saved {directory.save_model(run, out)}", flush=True)  # even with --quiet
    if args.plot:
        from ..plots import plot_run
        for path in plot_run(out, model=run.model, data=run.data, history=trainer.history,
                             config=run.config):
            say(f"wrote {path}")
    return 0
