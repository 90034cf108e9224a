"""PyTorch training the same network with the same recipe as `backprop train`.

Takes exactly the options of `backprop train` (the parser is the CLI's own, so the
defaults — epochs, batch size, optimiser, learning rate, schedule — are read from the
library's recipe, backprop.train.recipe, at run time, never copied here) and trains the
torch twin of the model:

- same architecture and the same initial weights: the model is built by backprop with the
  run's seed, exactly as the CLI builds it, and copied into torch (bp.interop.to_torch);
- same optimiser and hyper-parameters, read from the backprop optimiser the recipe's
  make_optimizer returns; same learning rate per epoch, from the recipe's make_scheduler
  (per step for onecycle, by torch's own OneCycleLR with the same settings);
- same data (backprop's loader: float32 in [0, 1]) and the same sample order in every
  epoch (backprop's Trainer.order, i.e. default_rng([seed, epoch]).permutation(n)), with
  --augment the same augmented images (backprop's draws for the epoch, applied by backprop);
- the same thread count: `--threads N` (the CLI's option) sizes NumPy's BLAS pool as the CLI
  does and torch.set_num_threads(N); without it, torch takes NumPy's BLAS thread count.

What still differs: float rounding inside the kernels, and dropout masks (torch's RNG).

    python benchmarks/torch_reference.py --data mnist --data-dir ../shared/data/mnist
    python benchmarks/torch_reference.py --arch lenet5 --data fashion-mnist --data-dir DIR --json

The last stdout line is `test accuracy X%  test loss Y  (N epochs, T s)` as with the CLI, or
with --json one JSON object. The helpers `cli_recipe` and `train_torch` are used by
run.py and results.py.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, Callable, Sequence

import numpy as np


def blas_threads() -> int:
    """Threads NumPy's BLAS uses (what our training runs with)."""
    try:
        from threadpoolctl import threadpool_info
        counts = [int(p.get("num_threads", 1)) for p in threadpool_info()
                  if p.get("user_api") == "blas"]
        if counts:
            return max(counts)
    except Exception:
        pass
    return os.cpu_count() or 1


def train_parser(prog: str = "backprop train") -> argparse.ArgumentParser:
    """argparse with the options of `backprop train`, from the CLI module itself."""
    from backprop.cli import train as train_cli

    p = argparse.ArgumentParser(prog=prog)
    train_cli.add_arguments(p)
    return p


def cli_recipe(argv: Sequence[str] | argparse.Namespace, max_train: int | None = None,
               log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Build what `backprop train ARGV` builds (through the library's recipe, ``build_run``,
    which the command uses): config, data, model, optimiser, scheduler and Trainer;
    ``max_train`` keeps only the first N training samples."""
    from backprop.cli import train as train_cli
    from backprop.train.recipe import build_run

    args = train_parser().parse_args(list(argv)) if not isinstance(argv, argparse.Namespace) \
        else argv
    run = build_run(train_cli.config_from_args(args), log=log, max_train=max_train)
    return {"config": run.config, "data": run.data, "model": run.model,
            "optimizer": run.optimizer, "scheduler": run.scheduler, "trainer": run.trainer}


def _torch_optimizer(bp_opt, params):
    """The torch optimiser with the hyper-parameters of backprop's (as make_optimizer set them)."""
    import torch

    g = bp_opt.param_groups[0]
    kind = type(bp_opt).__name__
    if kind in ("Adam", "AdamW"):
        cls = torch.optim.AdamW if kind == "AdamW" else torch.optim.Adam
        return cls(params, lr=g["lr"], betas=tuple(g["betas"]), eps=g["eps"],
                   weight_decay=g["weight_decay"], amsgrad=g.get("amsgrad", False))
    if kind == "SGD":
        return torch.optim.SGD(params, lr=g["lr"], momentum=g["momentum"],
                               dampening=g["dampening"], weight_decay=g["weight_decay"],
                               nesterov=g["nesterov"])
    raise SystemExit(f"torch_reference: no torch equivalent for optimiser {kind}")


def _lr_at(recipe: dict, epoch: int) -> float:
    """The learning rate backprop's schedule gives epoch ``epoch`` (closed form)."""
    sched, opt = recipe["scheduler"], recipe["optimizer"]
    base = opt.param_groups[0].get("initial_lr", opt.param_groups[0]["lr"])
    return base if sched is None else sched.lr_at(base, epoch)


def _torch_per_batch_schedule(sched, opt):
    """torch's OneCycleLR with the settings of backprop's (the recipe's onecycle), or None
    for a schedule stepped per epoch (set through _lr_at)."""
    import torch

    if not getattr(sched, "per_batch", False):
        return None
    groups = sched.optimizer.param_groups
    return torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=[g["max_lr"] for g in groups], total_steps=sched.total_steps,
        anneal_strategy=sched.anneal_strategy, cycle_momentum=sched.cycle_momentum,
        div_factor=groups[0]["max_lr"] / groups[0]["initial_lr"],
        final_div_factor=groups[0]["initial_lr"] / groups[0]["min_lr"])


def evaluate_torch(model, x: np.ndarray, y: np.ndarray, batch_size: int = 1000) -> dict:
    import torch

    model.eval()
    correct, loss = 0, 0.0
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            out = model(torch.from_numpy(x[i:i + batch_size]))
            yb = torch.from_numpy(y[i:i + batch_size])
            loss += float(torch.nn.functional.cross_entropy(out, yb, reduction="sum"))
            correct += int((out.argmax(1) == yb).sum())
    model.train()
    return {"loss": loss / len(x), "accuracy": correct / len(x)}


def train_torch(recipe: dict, threads: int | None = None,
                on_epoch: Callable[[int, Any], None] | None = None,
                log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train the torch twin of ``recipe["model"]`` (from cli_recipe, before any training step)
    with the recipe; ``on_epoch(epoch, torch_model)`` runs after each epoch. Returns the
    per-epoch history, the test metrics and the wall time (data already loaded)."""
    import torch

    from backprop.data.augment import parse_augment
    from backprop.interop import to_torch

    cfg, data, trainer = recipe["config"], recipe["data"], recipe["trainer"]
    if cfg["patience"]:
        raise SystemExit("torch_reference: --patience is not reproduced")
    threads = threads or blas_threads()
    torch.set_num_threads(threads)
    torch.manual_seed(cfg["seed"])  # only dropout draws from it: the weights are copied
    model = to_torch(recipe["model"])
    model.train()
    opt = _torch_optimizer(recipe["optimizer"], model.parameters())
    x_tr, y_tr, x_val, y_val = trainer.split(data.x_train, data.y_train)
    dtype = np.float64 if cfg["dtype"] == "float64" else np.float32
    x_tr = np.ascontiguousarray(x_tr, dtype=dtype)
    xt, yt = torch.from_numpy(x_tr), torch.from_numpy(np.asarray(y_tr, dtype=np.int64))
    n, bs = len(x_tr), cfg["batch_size"]
    per_batch = _torch_per_batch_schedule(recipe["scheduler"], opt)
    augment = parse_augment(cfg.get("augment"))
    history = []
    t_start = time.perf_counter()
    for epoch in range(cfg["epochs"]):
        if per_batch is None:
            for group in opt.param_groups:
                group["lr"] = _lr_at(recipe, epoch)
        perm = torch.from_numpy(trainer.random.order(n, epoch))
        draws = augment.draws(n, trainer.random.augment(epoch)) if augment else {}
        t0 = time.perf_counter()
        total, correct = 0.0, 0
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            xb, yb = xt[idx], yt[idx]
            if augment:  # backprop's draws for these positions: the same images
                xb = torch.from_numpy(augment.apply(x_tr[idx.numpy()],
                                                    {k: v[i:i + bs] for k, v in draws.items()}))
            opt.zero_grad(set_to_none=True)
            out = model(xb)
            loss = torch.nn.functional.cross_entropy(
                out, yb, label_smoothing=cfg.get("label_smoothing", 0.0))
            loss.backward()
            opt.step()
            if per_batch is not None:
                per_batch.step()
            total += loss.item() * len(idx)
            correct += int((out.argmax(1) == yb).sum())
        row = {"epoch": epoch + 1, "loss": total / n, "accuracy": correct / n,
               "lr": opt.param_groups[0]["lr"], "time": time.perf_counter() - t0}
        if x_val is not None:
            m = evaluate_torch(model, np.asarray(x_val, dtype=dtype), np.asarray(y_val))
            row["val_loss"], row["val_accuracy"] = m["loss"], m["accuracy"]
        history.append(row)
        if log is not None:
            log(f"epoch {epoch + 1}/{cfg['epochs']}  loss {row['loss']:.4f}  "
                f"acc {100 * row['accuracy']:.2f}%  ({row['time']:.1f}s)")
        if on_epoch is not None:
            on_epoch(epoch, model)
    train_time = time.perf_counter() - t_start
    test = evaluate_torch(model, np.asarray(data.x_test, dtype=dtype), data.y_test)
    return {"history": history, "test_accuracy": test["accuracy"], "test_loss": test["loss"],
            "epochs": len(history), "train_time_s": train_time, "threads": threads,
            "torch_version": torch.__version__}


def main(argv: Sequence[str] | None = None) -> int:
    p = train_parser("torch_reference.py")
    p.description = __doc__.splitlines()[0]
    p.add_argument("--max-train", type=int, metavar="N",
                   help="train on the first N training samples only (quick checks)")
    p.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = p.parse_args(argv)
    if args.resume or args.out:
        p.error("--resume and --out are not reproduced by the torch reference")
    try:
        import torch  # noqa: F401
    except ImportError:
        print("skipped: torch not installed")
        return 0
    from backprop.threads import set_threads

    set_threads(args.threads, "--threads")
    say = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr, flush=True))
    t_start = time.perf_counter()
    recipe = cli_recipe(args, max_train=args.max_train)
    say(f"data: {recipe['data']}")
    say(f"model: {recipe['model'].spec}  (torch twin, same initial weights)")
    result = train_torch(recipe, args.threads, log=say)
    result["wall_time_s"] = time.perf_counter() - t_start  # like the CLI: data loading included
    result["config"] = recipe["config"]
    if args.json:
        print(json.dumps(result))
    else:
        print(f"test accuracy {100 * result['test_accuracy']:.2f}%  test loss "
              f"{result['test_loss']:.4f}  ({result['epochs']} epochs, "
              f"{result['wall_time_s']:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
