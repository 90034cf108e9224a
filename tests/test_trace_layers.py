"""Every layer class of the grammar traces: it declares a formula, and ``backprop trace`` of a
small network around it gives the loss, forward values and parameter gradients of its PyTorch
twin, with every backward number checked and passing. A new layer without an example here
fails ``test_every_layer_has_a_trace_example``."""

import json

import numpy as np
import pytest

from backprop import nn
from backprop.models import build_model, layers
from backprop.nn.formula import Formula
from backprop.trace import render, trace
from backprop.trace.formulas import formula_for

# One small spec per layer class (weights around it: a trace needs some) and an input shape.
# Non-default arguments where they change the formula.
EXAMPLES = {
    nn.Linear: ("flatten linear(4,bias=False) linear(3)", (2, 2)),
    nn.ReLU: ("linear(4) relu linear(3)", (3,)),
    nn.Sigmoid: ("linear(4) sigmoid linear(3)", (3,)),
    nn.Tanh: ("linear(4) tanh linear(3)", (3,)),
    nn.Softplus: ("linear(4) softplus(beta=2.5,threshold=1) linear(3)", (3,)),
    nn.Softmax: ("conv1d(2,2) softmax(dim=1) flatten linear(3)", (1, 4)),
    nn.LogSoftmax: ("linear(4) logsoftmax linear(3)", (3,)),
    nn.Identity: ("linear(4) identity linear(3)", (3,)),
    nn.Flatten: ("conv(2,2) flatten(start_dim=2) flatten linear(3)", (1, 3, 3)),
    nn.Dropout: ("linear(4) dropout(0.4) linear(3)", (3,)),
    nn.Conv2d: ("conv(2,(2,3),stride=2,padding=1) flatten linear(3)", (1, 4, 5)),
    nn.Conv1d: ("conv1d(2,3,dilation=2) flatten linear(3)", (2, 7)),
    nn.MaxPool2d: ("conv(2,2) maxpool(2,stride=1) flatten linear(3)", (1, 4, 4)),
    nn.MaxPool1d: ("conv1d(2,2) maxpool1d(2) flatten linear(3)", (1, 7)),
    nn.AvgPool2d: ("conv(2,2) avgpool(2,padding=1) flatten linear(3)", (1, 4, 4)),
    nn.AvgPool1d: ("conv1d(2,2) avgpool1d(3,stride=2) flatten linear(3)", (1, 8)),
    nn.LeakyReLU: ("linear(4) leakyrelu(0.2) linear(3)", (3,)),
    nn.ELU: ("linear(4) elu(0.5) linear(3)", (3,)),
    nn.GELU: ("linear(4) gelu linear(3) gelu(approximate='tanh') linear(3)", (3,)),
    nn.SiLU: ("linear(4) silu linear(3)", (3,)),
    nn.BatchNorm2d: ("conv(2,2) batchnorm flatten linear(3)", (1, 4, 4)),
    nn.BatchNorm1d: ("linear(4) batchnorm1d linear(3)", (3,)),
    nn.SyncBatchNorm: ("linear(4) syncbatchnorm linear(3)", (3,)),
    nn.LayerNorm: ("conv(2,2) layernorm((3,3)) flatten linear(3)", (1, 4, 4)),
    nn.AdaptiveAvgPool2d: ("conv(2,2) adaptiveavgpool((2,3)) flatten linear(3)", (1, 5, 6)),
    nn.Unflatten: ("linear(6) unflatten(1,(2,3)) flatten linear(3)", (4,)),
}

# An activation declared with no arguments needs no line: it is traced between two layers.
EXAMPLES.update({cls: (f"linear(4) {name} linear(3)", (3,))
                 for name, cls in nn.layer.activations().items() if cls not in EXAMPLES})


def _classes():
    return sorted(set(layers().values()), key=lambda c: c.__name__)


def test_every_layer_has_a_trace_example():
    missing = [c.__name__ for c in _classes() if c not in EXAMPLES]
    assert not missing, f"add an example for {missing} to EXAMPLES"


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_layer_declares_a_formula(cls):
    spec, shape = EXAMPLES[cls]
    model = build_model(spec, shape)
    layer = next(m for m in model if type(m) is cls)
    assert isinstance(cls.formula, Formula) and formula_for(layer) is cls.formula


def _parameters(spec, x):
    """The seeded weights of the spec's trace, with running statistics away from (0, 1) so
    that evaluation mode shows."""
    params = {k: np.asarray(v) for k, v in trace(spec, input=x.tolist()).parameters.items()}
    rng = np.random.default_rng(2)
    for k, v in params.items():
        if k.endswith("running_mean"):
            params[k] = rng.normal(size=v.shape)
        elif k.endswith("running_var"):
            params[k] = rng.uniform(0.5, 2, size=v.shape)
    return params


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_trace_of_every_layer_equals_pytorch(cls):
    torch = pytest.importorskip("torch")
    import torch.nn.functional as TF

    from backprop.interop import to_torch

    spec, shape = EXAMPLES[cls]
    x = np.random.default_rng(1).normal(size=shape)
    t = trace(spec, input=x.tolist(), target=1, parameters=_parameters(spec, x))
    backward = [s for s in t.steps if s.direction == "backward"]
    assert backward and all(s.check is not None for s in backward)
    assert t.passed, [(s.formula, s.check) for s in backward if not s.check.passed]
    doc = json.loads(render(t, "json"))

    model = build_model(spec, shape).to(np.float64)
    model.load_state_dict({k: np.asarray(v) for k, v in doc["parameters"].items()})
    twin = to_torch(model.eval())  # the mode a trace runs in
    h = torch.tensor(x[None])
    forward = [s for s in doc["steps"] if s["direction"] == "forward"]
    for layer, step in zip(twin, forward):
        h = layer(h)
        np.testing.assert_allclose(step["values"], h[0].detach().numpy(), rtol=1e-10,
                                   atol=1e-12, err_msg=f"{spec}: {step['formula']}")
    e = TF.cross_entropy(h, torch.tensor([1]))
    e.backward()
    assert doc["loss"] == pytest.approx(e.item(), rel=1e-10)
    grads = dict(twin.named_parameters())
    assert list(doc["gradients"]) == list(grads)
    for name, g in doc["gradients"].items():
        np.testing.assert_allclose(g, grads[name].grad.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"{spec}: {name}")
