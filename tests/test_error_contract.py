"""The error contract, walked over the public API: a bad argument to a layer, an optimiser, a
schedule, a transform or the graph raises a BackpropError that is also the matching built-in
(ValueError for a bad value, TypeError for a wrong kind, IndexError for an index, RuntimeError
for a misuse of the graph), with a one-line message that names what refused it. (The
functional ops are walked the same way by tests/test_op_errors.py.)"""

import inspect

import numpy as np
import pytest

import backprop as bp
from backprop import nn, optim
from backprop.errors import (ArgumentTypeError, BackpropError, GradientError, IndexingError,
                             ShapeError)
from backprop.nn.layer import registry
from backprop.optim import lr_scheduler
from backprop.train.recipe import optimizers

BUILTIN = (ValueError, TypeError, IndexError, RuntimeError)


def refused(call, *names: str, kind: type = BackpropError):
    """``call()`` raises a ``kind`` that is a BackpropError and a built-in, with one line
    naming one of ``names``."""
    with pytest.raises(BackpropError) as info:
        call()
    err = info.value
    assert isinstance(err, kind) and isinstance(err, BUILTIN), type(err).__mro__
    message = str(err)
    assert "\n" not in message and message.strip(), repr(message)
    assert any(n in message for n in names), f"{message!r} names none of {names}"
    return err


# -- every layer constructor, with a bad value of each typed argument -------------------------
BAD = {"int": ["3", 2.5], "float": ["a", [1.0]], "bool": ["yes", 2], "str": [3]}
REQUIRED = {  # the arguments a class needs before the one under test can be tried
    "in_features": 3, "out_features": 2, "in_channels": 2, "out_channels": 2,
    "kernel_size": 2, "num_features": 3, "normalized_shape": 4, "output_size": 2, "dim": 1,
    "unflattened_size": (2, 3)}


def _layer_cases():
    for name, cls in sorted(registry().items()):
        if name != cls.grammar[0]:
            continue
        params = [p for p in inspect.signature(cls.__init__).parameters.values()
                  if p.name not in ("self", "dtype", "comm")]
        for p in params:
            for bad in BAD.get(str(p.annotation), []):
                yield pytest.param(cls, params, p.name, bad,
                                   id=f"{cls.__name__}-{p.name}={bad!r}")


@pytest.mark.parametrize("cls, params, name, bad", list(_layer_cases()))
def test_every_layer_refuses_a_bad_argument(cls, params, name, bad):
    kwargs = {p.name: REQUIRED[p.name] for p in params
              if p.default is inspect.Parameter.empty and p.name in REQUIRED}
    kwargs[name] = bad
    refused(lambda: cls(**kwargs), cls.__name__, name)


@pytest.mark.parametrize("call, names", [
    (lambda: nn.Linear(0, 3), ("Linear", "in_features")),
    (lambda: nn.Linear(3, -1), ("Linear", "out_features")),
    (lambda: nn.Conv2d(0, 2, 3), ("Conv2d", "in_channels")),
    (lambda: nn.Conv2d(3, 2, 3, groups=2), ("Conv2d", "groups")),
    (lambda: nn.Conv1d(2, 2, 3, padding_mode="mirror"), ("Conv1d", "padding_mode")),
    (lambda: nn.Dropout(1.5), ("Dropout", "p")),
    (lambda: nn.BatchNorm2d(0), ("BatchNorm2d", "num_features")),
    (lambda: nn.BatchNorm1d(3, momentum=2), ("BatchNorm1d", "momentum")),
    (lambda: nn.BatchNorm1d(3, eps=0), ("BatchNorm1d", "eps")),
    (lambda: nn.LayerNorm(0), ("LayerNorm", "normalized_shape")),
    (lambda: nn.Softplus(beta=0), ("Softplus", "beta")),
    (lambda: nn.GELU(approximate="exact"), ("GELU", "approximate")),
    (lambda: nn.AdaptiveAvgPool2d(0), ("AdaptiveAvgPool2d", "output_size")),
    (lambda: nn.AvgPool2d(2, divisor_override=0), ("AvgPool2d", "divisor_override")),
    (lambda: nn.Unflatten(1, (0, 3)), ("Unflatten", "sizes")),
    (lambda: nn.init.calculate_gain("swishy"), ("calculate_gain",)),
    (lambda: nn.init.fans((3,)), ("fans",)),
])
def test_layer_values_out_of_range(call, names):
    refused(call, *names)


def test_containers():
    refused(lambda: nn.Sequential(nn.ReLU(), 3), "Sequential", kind=ArgumentTypeError)
    refused(lambda: nn.ModuleList([nn.ReLU()])[5], "ModuleList", kind=IndexingError)


# -- optimisers and schedules ------------------------------------------------------------------
def _params():
    return [bp.tensor(np.ones(3), requires_grad=True)]


@pytest.mark.parametrize("recipe", sorted(optimizers()))
@pytest.mark.parametrize("bad", [-0.1, "fast", float("nan")])
def test_every_optimiser_refuses_a_bad_rate(recipe, bad):
    cls, _ = optimizers()[recipe]
    refused(lambda: cls(_params(), lr=bad), cls.__name__, "lr")


@pytest.mark.parametrize("recipe", sorted(optimizers()))
def test_every_optimiser_refuses_what_it_cannot_optimise(recipe):
    cls, _ = optimizers()[recipe]
    refused(lambda: cls([]), cls.__name__)
    refused(lambda: cls([np.ones(3)]), cls.__name__, kind=ArgumentTypeError)


def test_optimiser_options():
    refused(lambda: optim.Adam(_params(), betas=(0.9, 1.5)), "Adam", "betas")
    refused(lambda: optim.Adam(_params(), betas=0.9), "Adam", "betas")
    refused(lambda: optim.RMSprop(_params(), alpha=2), "RMSprop", "alpha")
    refused(lambda: optim.SGD(_params(), nesterov=True), "SGD", "Nesterov")


def test_schedules():
    opt = optim.SGD(_params(), lr=0.1)
    refused(lambda: lr_scheduler.StepLR(opt, 0), "StepLR", "step_size")
    refused(lambda: lr_scheduler.CosineAnnealingLR(opt, "ten"), "CosineAnnealingLR", "T_max")


# -- the graph and the transforms --------------------------------------------------------------
def test_backward_misuse_is_a_runtime_error():
    refused(lambda: bp.tensor([1.0, 2.0]).backward(), "backward", kind=GradientError)
    x = bp.tensor([1.0, 2.0], requires_grad=True)
    refused(lambda: (x * 2).backward(), "backward", kind=GradientError)


def test_transforms():
    refused(lambda: bp.grad(lambda a: a.sum(), argnums=3)(np.ones(2)), "argnums",
            kind=IndexingError)
    refused(lambda: bp.grad(lambda a: a * 2)(np.ones(2)), "grad", kind=ShapeError)
