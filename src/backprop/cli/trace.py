"""Trace one sample through a network: every layer's output, the loss, every δ and every
parameter gradient, each beside its formula, each backward number checked against the
engine and central differences.

Without SPEC it is the two-layer network of the derivations, flatten linear(3) sigmoid
linear(3), with softmax cross-entropy on a fixed 4-vector and class 2 (seeded weights).
--input takes numbers ("1, 0.5, -0.5, 2", fractions such as 1/4) or a nested list
("[[[...]]]"); --shape reshapes them, or alone gives a seeded input of that shape.
--target is a class label (for mse and bce: one-hot) or the output vector.
The network runs in evaluation mode, as when it predicts: dropout is the identity and batch
norm uses its running statistics. Every layer of the architecture grammar has its formula.

--step N trains a small network on a toy dataset in the plane (--data moons, circles, xor,
spirals or blobs), N updates from its seeded initial weights, and prints the maths of update
N: the batch, the loss, each parameter's gradient beside its formula and the optimiser's
update with the numbers put in (W₁ ← W₁ − η ∂E/∂W₁ = … − 0.1 × … = …). `backprop serve`
steps the same training on its page.

examples:
  backprop trace
  backprop trace --input "0.2 -1 0.5 3" --target 0 --format markdown
  backprop trace "conv(2,3) relu maxpool(2) flatten linear(3)" --shape 1x6x6 --target 1
  backprop trace "flatten linear(4) tanh linear(2)" --loss mse --target "0.5, -0.5"
  backprop trace --format html -o trace.html
  backprop trace --run runs/mlp-mnist --sample 0 --format json -o sample0.json
  backprop trace --step 1
  backprop trace "linear(8) tanh linear(2)" --step 50 --data spirals --optimizer adam --lr 0.01
"""

from __future__ import annotations

import argparse

from ..data.toy import TOYS
from ..trace.training import OPTIMIZERS
from . import options

MAX_CLI_STEPS = 10_000  # a few seconds of updates for the largest network it takes

HELP = "one sample forward and backward: every number beside its formula, every gradient checked"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("spec", nargs="?", metavar="SPEC",
                   help="architecture string (default: flatten linear(3) sigmoid linear(3))")
    options.add_arch(p, "flatten linear(3) sigmoid linear(3)")
    p.add_argument("--input", metavar="VALUES", help="the sample's numbers (default: 1 0.5 -0.5 2)")
    p.add_argument("--shape", metavar="CxHxW", help="shape of the input, e.g. 1x6x6")
    p.add_argument("--target", metavar="LABEL", help="class label or output vector (default: 2)")
    p.add_argument("--loss", choices=options.loss_names(with_formula=True),
                   default="cross_entropy",
                   help=options.loss_help(with_formula=True) + " (default: %(default)s)")
    p.add_argument("--seed", type=options.non_negative_int, default=0,
                   help="seed of the weights and of a generated input (default: %(default)s)")
    p.add_argument("--format", choices=("text", "markdown", "html", "json"), default="text")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--run", metavar="RUN", help="a saved model (run directory or file); "
                   "traces test example --sample of its dataset")
    options.renamed(p, "--model", "--run", dest="run")
    p.add_argument("--sample", type=options.non_negative_int, metavar="K",
                   help="index of the test example to trace (with --run)")
    p.add_argument("--data", metavar="NAME|PATH",
                   help="with --run: the dataset (default: the one the model was trained "
                        "on); with --step: a toy dataset, one of " + ", ".join(TOYS)
                        + " (default: moons)")
    step = p.add_argument_group("training one update at a time (--step)")
    step.add_argument("--step", type=options.positive_int, metavar="N",
                      help=f"train N updates (at most {MAX_CLI_STEPS:,}) and print update N's maths")
    step.add_argument("--optimizer", choices=OPTIMIZERS, default="sgd",
                      help="the update rule (default: %(default)s)")
    step.add_argument("--lr", type=options.positive_float,
                      help=f"learning rate (default: the optimizer's: "
                           f"{options.optimizer_defaults('lr')})")
    step.add_argument("--batch-size", type=options.positive_int, default=16,
                      help="points per update (default: %(default)s)")
    step.add_argument("--points", type=options.positive_int, default=200,
                      help="points of the toy dataset (default: %(default)s)")
    step.add_argument("--noise", type=options.non_negative_float, default=0.1,
                      help="standard deviation of the noise on the points (default: %(default)s)")
    p.add_argument("--data-dir", metavar="DIR", help="folder of the dataset's IDX files")


def _saved_sample(args: argparse.Namespace):
    from ..data import load_dataset
    from ..errors import BackpropError
    from ..io import load

    if options.arch(args) or args.input is not None or args.shape:
        raise BackpropError("--run traces a saved model on its own data: give no SPEC, "
                            "--input or --shape with it")
    if args.sample is None:
        raise BackpropError("--run needs --sample K, the index of a test example")
    model, meta = load(args.run)
    config = meta.get("config") or {}
    data = load_dataset(args.data or config.get("data", "default"),
                        args.data_dir if args.data else config.get("data_dir"))
    if args.sample >= len(data.y_test):
        raise BackpropError(f"--sample {args.sample}: {data.name} has {len(data.y_test)} test "
                            f"examples (0…{len(data.y_test) - 1})")
    x = data.x_test[args.sample]
    if tuple(x.shape) != tuple(model.input_shape):
        raise BackpropError(f"{args.run}: the model takes inputs of shape "
                            f"{tuple(model.input_shape)} but {data.name} has {x.shape}")
    target = int(data.y_test[args.sample]) if args.target is None else args.target
    return model, x, target


def _training(args: argparse.Namespace) -> str:
    from ..errors import BackpropError
    from ..trace.training import DEFAULT_SPEC, Setup, Training
    from ..trace.training_text import update_json, update_text

    given = [f for f, v in (("--input", args.input), ("--shape", args.shape),
                            ("--target", args.target), ("--run", args.run),
                            ("--sample", args.sample), ("--data-dir", args.data_dir)) if v]
    if given or args.loss != "cross_entropy":
        raise BackpropError(f"--step trains on a toy dataset with cross-entropy: give no "
                            f"{', '.join(given) or '--loss'} with it")
    if args.format not in ("text", "json"):
        raise BackpropError("--step prints text or json")
    if args.step > MAX_CLI_STEPS:
        raise BackpropError(f"--step: at most {MAX_CLI_STEPS:,} updates, got {args.step:,}")
    run = Training(Setup(spec=options.arch(args) or DEFAULT_SPEC, data=args.data or "moons",
                         points=args.points, noise=args.noise, optimizer=args.optimizer,
                         lr=args.lr, batch_size=args.batch_size, seed=args.seed))
    losses = [run.data_loss(), *run.run(args.step - 1)]
    update = run.step()
    losses.append(run.data_loss())
    if args.format == "json":
        from ..render.escape import json_text
        return json_text({"setup": vars(run.setup), "update": update_json(update),
                          "losses": losses, "state": run.state()})
    from ..render.escape import terminal
    return terminal(update_text(run, update, losses))


def run(args: argparse.Namespace) -> int:
    from ..errors import BackpropError
    from ..render.escape import terminal
    from ..trace import render, trace

    if args.step is not None:
        text = _training(args)
        if args.output:
            from ..io import write_atomic

            write_atomic(args.output, (text + "\n").encode())
            print(terminal(f"wrote {args.output}"))
        else:
            print(text)
        return 0
    for flag, value in (("--optimizer", args.optimizer != "sgd"), ("--lr", args.lr),
                        ("--batch-size", args.batch_size != 16), ("--points", args.points != 200),
                        ("--noise", args.noise != 0.1)):
        if value:
            raise BackpropError(f"{flag} goes with --step N")
    if args.run:
        model, x, target = _saved_sample(args)
        t = trace(input=x, target=target, loss=args.loss, seed=args.seed, model=model)
    else:
        if args.sample is not None or args.data or args.data_dir:
            raise BackpropError("--sample, --data and --data-dir go with --run RUN")
        t = trace(options.arch(args), input=args.input, target=args.target, loss=args.loss,
                  seed=args.seed, shape=args.shape)
    text = render(t, args.format)
    if args.output:
        from ..io import write_atomic

        write_atomic(args.output, (text if text.endswith("\n") else text + "\n").encode())
        print(terminal(f"wrote {args.output} (loss E = {t.loss:.6g})"))
    else:
        print(text)
    return 0 if t.passed else 1
