"""Every layer class, walked from its own declarations: it is in the architecture grammar,
writes its spec back, declares its output shape truly, exports to ONNX (onnxruntime agrees)
and has a torch twin that agrees forward and backward. A new layer without an example here
fails ``test_every_layer_has_an_example``."""

import numpy as np
import pytest

import backprop as bp
from backprop import nn
from backprop.models import activations, architecture, build_model, initialise, layers
from backprop.nn.layer import input_shape_of, spec_of

# One spec per layer class (the layer under test, with whatever it needs around it) and an
# input shape. Odd sizes and non-default arguments, so a wrong declaration shows.
EXAMPLES = {
    nn.Linear: ("linear(5,bias=False) linear(4)", (6,)),
    nn.ReLU: ("relu", (3, 4)),
    nn.Sigmoid: ("sigmoid", (5,)),
    nn.Tanh: ("tanh", (2, 3)),
    nn.Softplus: ("softplus(beta=2.5)", (5,)),
    nn.Softmax: ("softmax(dim=1)", (4, 3)),
    nn.LogSoftmax: ("logsoftmax", (6,)),
    nn.Identity: ("identity", (3,)),
    nn.Flatten: ("flatten(start_dim=2)", (2, 3, 4)),
    nn.Dropout: ("dropout(0.25)", (7,)),
    nn.Conv2d: ("conv(4,(2,3),stride=2,padding=same,dilation=1,groups=2)", (2, 7, 8)),
    nn.Conv1d: ("conv1d(3,3,padding=full,bias=False)", (2, 9)),
    nn.MaxPool2d: ("maxpool(3,stride=2,padding=1,ceil_mode=True)", (2, 7, 7)),
    nn.MaxPool1d: ("maxpool1d(2,dilation=2)", (3, 9)),
    nn.AvgPool2d: ("avgpool(2,padding=1,count_include_pad=False)", (2, 5, 6)),
    nn.AvgPool1d: ("avgpool1d(3,stride=2)", (2, 8)),
    nn.LeakyReLU: ("leakyrelu(0.2)", (2, 3)),
    nn.ELU: ("elu(0.5)", (5,)),
    nn.GELU: ("gelu", (4, 3)),
    nn.SiLU: ("silu", (5,)),
    nn.BatchNorm2d: ("conv(3,2) batchnorm(eps=0.001,momentum=0.2)", (2, 5, 6)),
    nn.BatchNorm1d: ("linear(4) batchnorm1d(affine=False)", (5,)),
    nn.SyncBatchNorm: ("conv(3,2) syncbatchnorm(momentum=0.2)", (2, 5, 6)),
    nn.LayerNorm: ("conv(3,2) layernorm((4,5))", (2, 5, 6)),
    nn.AdaptiveAvgPool2d: ("adaptiveavgpool((2,3))", (2, 5, 7)),
    nn.Unflatten: ("unflatten(1,(2,3))", (6,)),
}

# An activation declared with no arguments needs no line: it is tried as itself.
EXAMPLES.update({cls: (name, (2, 3)) for name, cls in nn.layer.activations().items()
                 if cls not in EXAMPLES})


def _classes():
    return sorted(set(layers().values()), key=lambda c: c.__name__)


def _model(cls):
    spec, shape = EXAMPLES[cls]
    bp.manual_seed(3)
    model = build_model(spec, shape).to(np.float64)
    assert any(type(m) is cls for m in model), f"{spec} does not build a {cls.__name__}"
    return model, shape


def test_every_layer_has_an_example():
    missing = [c.__name__ for c in _classes() if c not in EXAMPLES]
    assert not missing, f"add an example for {missing} to EXAMPLES"


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_grammar_names_and_spec_written_back(cls):
    for name in cls.grammar:
        assert layers()[name] is cls
    model, shape = _model(cls)
    again = build_model(spec_of(model), shape)  # the spec each layer writes back rebuilds it
    assert [type(m) for m in again] == [type(m) for m in model]
    assert [repr(m) for m in again] == [repr(m) for m in model]
    x = np.random.default_rng(0).normal(size=(2, *shape))
    out = model.eval()(x)
    assert architecture(model).output_shape == out.shape[1:]  # declared = computed


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_onnxruntime_agrees(cls, tmp_path):
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    model, shape = _model(cls)
    model.to(np.float32)
    path = bp.onnx.export(model, shape, tmp_path / "m.onnx")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(1).normal(size=(3, *shape)).astype(np.float32)
    theirs = session.run(None, {"input": x})[0]
    ours = model.eval()(x).data
    np.testing.assert_allclose(theirs, ours, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_torch_twin_agrees_forward_and_backward(cls):
    torch = pytest.importorskip("torch")
    model, shape = _model(cls)
    model.eval()
    twin = bp.interop.to_torch(model)
    x = np.random.default_rng(2).normal(size=(3, *shape))
    v = np.random.default_rng(3).normal(size=(3, *architecture(model).output_shape))
    xt = bp.tensor(x, requires_grad=True)
    (model(xt) * v).sum().backward()
    xx = torch.tensor(x, requires_grad=True)
    out = twin(xx)
    np.testing.assert_allclose(out.detach().numpy(), model(x).data, rtol=1e-12, atol=1e-12)
    (out * torch.tensor(v)).sum().backward()
    np.testing.assert_allclose(xx.grad.numpy(), xt.grad, rtol=1e-10, atol=1e-12)
    theirs = dict(twin.named_parameters())
    for name, p in model.named_parameters():
        np.testing.assert_allclose(theirs[name].grad.numpy(), p.grad, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_grammar_argument_types_are_declared(cls):
    """The parameters the grammar reads (from_spec's or the constructor's) carry annotations
    the spec checker knows, so a wrong argument is refused by name, never a crash."""
    import inspect

    from backprop.models import _ARGUMENT_TYPES

    params = list(inspect.signature(cls.grammar_arguments()).parameters.values())[1:]
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.name in ("dtype",):
            continue
        assert isinstance(p.annotation, str), (cls.__name__, p.name)
        assert all(t.strip() in _ARGUMENT_TYPES for t in p.annotation.split("|")), \
            (cls.__name__, p.name, p.annotation)


def test_activation_choices_and_gains_come_from_the_layers():
    assert set(activations()) == {c.grammar[0] for c in _classes() if c.gain is not None}
    for name, cls in ((n, layers()[n]) for n in activations()):
        assert nn.init.calculate_gain(name) == cls.gain


@pytest.mark.parametrize("between", ["", "identity", "dropout(0.1)", "maxpool(2)",
                                     "identity maxpool(2) dropout"])
def test_init_follows_the_data_to_the_activation(between):
    """A layer that lets init pass, between a conv and its relu, leaves the conv's init."""
    bp.manual_seed(0)
    plain = build_model("conv(8,3) relu", (2, 8, 8))
    bp.manual_seed(0)
    model = build_model(f"conv(8,3) {between} relu", (2, 8, 8))
    np.testing.assert_array_equal(model[0].weight.data, plain[0].weight.data)
    assert not model[0].bias.data.any()  # initialised for relu: zero bias
    bound = np.sqrt(2) * np.sqrt(3 / (2 * 9))  # He-uniform for relu
    assert np.abs(model[0].weight.data).max() <= bound
    assert np.abs(model[0].weight.data).max() > 0.9 * bound


def test_init_stops_at_a_weighted_layer():
    """linear(…) linear(…) relu: only the layer the relu sees is initialised for it."""
    bp.manual_seed(0)
    model = build_model("linear(5) linear(4) relu", (6,))
    assert model[0].bias.data.any()        # torch's default: uniform bias
    assert not model[1].bias.data.any()    # initialised for relu


@pytest.mark.parametrize("slope", [0.01, 0.2, 1.0, 3.0])
def test_leaky_relu_init_uses_its_own_slope(slope):
    """He-uniform with torch's gain √(2/(1+a²)) for the layer's slope a, not the default's."""
    torch = pytest.importorskip("torch")
    bp.manual_seed(0)
    model = build_model(f"linear(4000) leakyrelu({slope})", (50,))
    bound = torch.nn.init.calculate_gain("leaky_relu", slope) * np.sqrt(3 / 50)
    w = np.abs(model[0].weight.data)
    assert w.max() <= bound * (1 + 1e-6) and w.max() > 0.999 * bound
    assert nn.LeakyReLU(slope).init_gain() == pytest.approx(
        torch.nn.init.calculate_gain("leaky_relu", slope), rel=1e-12)


def test_a_handwritten_sequential_has_an_architecture():
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    arch = architecture(model)
    assert arch.spec == "flatten linear(256) relu linear(10)"
    assert arch.input_shape == (784,) and arch.output_shape == (10,)
    conv = nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU())
    assert input_shape_of(conv) is None
    with pytest.raises(bp.BackpropError, match="input shape"):
        architecture(conv)
    assert architecture(conv, (1, 5, 5)).output_shape == (4, 3, 3)


def test_a_module_that_is_not_a_layer_is_named():
    class Mine(nn.Module):
        def forward(self, x):
            return x

    with pytest.raises(bp.BackpropError, match="Mine"):
        architecture(nn.Sequential(nn.Linear(3, 2), Mine()))
    initialise([Mine(), nn.ReLU()])  # nothing to initialise, no error


def test_the_readme_model_saves_loads_and_twins(tmp_path):
    """The README's handwritten nn.Sequential: bp.save, bp.load, ONNX and the torch twin."""
    bp.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))
    x = np.random.default_rng(0).normal(size=(3, 1, 28, 28)).astype(np.float32)
    bp.save(model, tmp_path / "m.safetensors")
    again, meta = bp.load(tmp_path / "m.safetensors")
    assert meta["spec"] == "flatten linear(32) relu linear(10)"
    np.testing.assert_array_equal(again(x.reshape(3, -1)).data, model(x).data)
    torch = pytest.importorskip("torch")
    twin = bp.interop.to_torch(model)
    np.testing.assert_allclose(twin(torch.from_numpy(x)).detach().numpy(), model(x).data,
                               rtol=1e-5, atol=1e-6)


def test_any_module_saves_its_state_dict(tmp_path):
    class TwoHeads(nn.Module):
        def __init__(self):
            super().__init__()
            self.a, self.b = nn.Linear(3, 2), nn.Linear(3, 1)

        def forward(self, x):
            return self.a(x), self.b(x)

    model = TwoHeads()
    path = bp.save(model, tmp_path / "m.safetensors")
    with pytest.raises(bp.BackpropError, match="state_dict of a TwoHeads.*load_state_dict"):
        bp.load(path)
    fresh = TwoHeads()
    fresh.load_state_dict(bp.io.load_state_dict(path))
    for k, v in model.state_dict().items():
        np.testing.assert_array_equal(fresh.state_dict()[k], v)


@pytest.mark.parametrize("spec", ["conv(3,3,padding=1,padding_mode=reflect)",
                                  "conv(3,2,padding=same,padding_mode=replicate)",
                                  "conv1d(2,4,padding=same,padding_mode=circular)"])
def test_padding_modes_export_and_twin(spec, tmp_path):
    shape = (2, 6, 7) if spec.startswith("conv(") else (2, 9)
    bp.manual_seed(0)
    model = build_model(spec, shape).to(np.float64).eval()
    assert build_model(spec_of(model), shape).spec == spec_of(model)
    x = np.random.default_rng(0).normal(size=(2, *shape))
    torch = pytest.importorskip("torch")
    twin = bp.interop.to_torch(model)
    np.testing.assert_allclose(twin(torch.from_numpy(x)).detach().numpy(), model(x).data,
                               rtol=1e-12, atol=1e-12)
    pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    if "circular" in spec:
        with pytest.raises(bp.BackpropError, match="circular' needs ONNX Pad mode 'wrap'"):
            bp.onnx.export(model, shape, tmp_path / "m.onnx")
        return
    model.to(np.float32)
    path = bp.onnx.export(model, shape, tmp_path / "m.onnx")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    xf = x.astype(np.float32)
    np.testing.assert_allclose(session.run(None, {"input": xf})[0], model(xf).data,
                               rtol=1e-5, atol=1e-5)


def test_grammar_annotations_are_checked_when_the_layer_appears():
    """A layer whose grammar argument has a type the grammar cannot check is refused by name
    when the grammar is read (not a KeyError while parsing some user's spec); real types (no
    ``from __future__ import annotations``) are read as their names, never as 'a number'."""
    import gc
    from typing import Sequence

    from backprop.models import argument_types

    def real(self, n: int, tag: str | None = None):
        nn.Layer.__init__(self)

    kinds = argument_types(real)
    assert [w for w, _ in kinds["n"]] == ["an integer"]
    assert [w for w, _ in kinds["tag"]] == ["a word", "None"]
    class OddLayer(nn.Layer):
        grammar = ("oddlayer",)

        @classmethod
        def from_spec(cls, in_shape, sizes: Sequence[int] = (1,)):
            return cls()

    try:
        with pytest.raises(bp.BackpropError, match=r"OddLayer\.from_spec: grammar argument "
                                                   r"'sizes' is annotated '.*Sequence\[int\]'"):
            layers()
        with pytest.raises(bp.BackpropError, match="grammar argument 'sizes'"):
            build_model("oddlayer", (3,))
    finally:
        del OddLayer
        gc.collect()
    assert "oddlayer" not in layers()
    with pytest.raises(bp.BackpropError, match="argument out_features must be an integer"):
        build_model("linear(1.5)", (3,))
