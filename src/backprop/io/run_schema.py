"""What the JSON of a training run may hold — configuration, position, optimiser and
schedule state, metrics rows — declared once, checked before anything uses it."""

from __future__ import annotations

from . import schema as S

MAX_EPOCHS = 10**6
# One row of metrics.jsonl and of a checkpoint's history: one finished epoch.
METRICS_ROW = S.record({k: S.number() for k in ("epoch", "loss", "accuracy", "time")},
                       others=S.number())
_JSON_SCALAR = S.either(S.number(), S.boolean, S.string(), S.null,
                        expected="a number, a string, true, false or null")
_NUMBERS = S.either(S.number(), S.boolean, S.null, S.array(S.number(), 64),
                    expected="a number, true, false, null or a list of numbers")
TRAINER = S.record({
    "epoch": S.integer(0, MAX_EPOCHS), "step": S.integer(0, 2**40),
    "running": S.record({k: S.number(0) for k in ("loss", "correct", "seen", "time")},
                        {"lr": S.number(0)}),
    "history": S.array(METRICS_ROW, MAX_EPOCHS),
    "best": S.record({}, {"val_loss": S.number(), "loss": S.number(),
                          "epoch": S.integer(1, MAX_EPOCHS), "stopped": S.boolean}),
})
# A parameter group as Optimizer.state_dict gives it: what every optimiser has (its
# parameters' numbers, a learning rate), and hyper-parameters that must be numbers, flags or
# lists of numbers; the optimiser checks their values itself when it reads them back
# (Optimizer.check_hyperparameters).
_GROUP = S.record({"params": S.array(S.integer(0, 10**6), 10**6), "lr": S.number(0)},
                  others=_NUMBERS)
OPTIMIZER = S.record({
    "type": S.string(40),
    "param_groups": S.array(_GROUP, 1000),
    "scalars": S.mapping(S.record({}, {"step": S.integer(0, 2**53)}, others=S.number()), 10**6,
                         key=str.isdigit, key_expected="a parameter index"),
})
SCHEDULER = S.optional(S.record({"type": S.string(40), "state": S.mapping(_NUMBERS, 32)}))
RANDOM = S.record({"bit_generator": S.string(40),  # PCG64: 128-bit state and increment
                   "state": S.mapping(S.integer(0, 2**128 - 1), 8)}, others=S.integer(0, 2**64))
# The run's configuration as train writes it; entries it does not know are left to it.
CONFIG = S.record({}, {
    "data": S.string(4096), "data_dir": S.optional(S.string(4096)), "model": S.string(4000),
    "hidden": S.array(S.integer(1, 2**31), 64), "activation": S.string(40),
    "epochs": S.integer(1, MAX_EPOCHS), "batch_size": S.integer(1, 2**31),
    "optimizer": S.string(40), "lr": S.optional(S.number(0)), "weight_decay": S.number(0),
    "label_smoothing": S.number(0, 1, below=True), "schedule": S.string(40),
    "validation_split": S.number(0, 1, below=True),
    "patience": S.optional(S.integer(1, MAX_EPOCHS)), "seed": S.integer(0, 2**63),
    "dtype": S.string(choices=("float32", "float64")), "augment": S.string(200),
}, others=_JSON_SCALAR)


