"""Layer options that ONNX or the torch twin might drop silently: every combination of a
convolution's padding_mode, average pooling's divisor_override and max pooling's
return_indices either agrees with onnxruntime and torch (1e-5 in float32, 1e-10 in float64)
or is refused with one BackpropError naming the layer and the option. onnxruntime has no
float64 Conv or AveragePool kernel, so ONNX is compared in float32, torch in both."""

import numpy as np
import pytest

import backprop as bp
from backprop import nn
from backprop.models import build_model

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
torch = pytest.importorskip("torch")

TOL = {np.float32: 1e-5, np.float64: 1e-10}


def _ort(model, shape, x, opset, tmp_path):
    path = bp.onnx.export(model, shape, tmp_path / f"m{opset}.onnx", opset=opset)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"input": x})[0]


def _twin(model, shape, x):
    return bp.interop.to_torch(model, shape)(torch.from_numpy(x)).detach().numpy()


def _agree(got, want, dtype):
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=TOL[dtype], atol=TOL[dtype])


CONVS = [("conv1d(3,4,padding=same,padding_mode={m})", (2, 9)),
         ("conv1d(2,3,stride=2,padding=2,padding_mode={m})", (2, 8)),
         ("conv(3,(2,3),padding=same,groups=1,padding_mode={m})", (2, 6, 7)),
         ("conv(4,3,stride=2,padding=(1,2),groups=2,padding_mode={m})", (2, 7, 6))]


@pytest.mark.parametrize("mode", ["zeros", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("spec,shape", CONVS, ids=lambda v: str(v))
def test_conv_padding_modes(spec, shape, mode, tmp_path):
    text = spec.format(m=mode)
    bp.manual_seed(0)
    built = build_model(text, shape)  # padding_mode= is part of the grammar
    assert built[0].padding_mode == mode
    assert build_model(built.spec, shape)[0].padding_mode == mode
    x64 = np.random.default_rng(1).normal(size=(3, *shape))
    for dtype in (np.float64, np.float32):
        model = built.to(dtype).eval()
        x = x64.astype(dtype)
        _agree(_twin(model, shape, x), model(x).data, dtype)
    want = model(x).data
    for opset in (17, 19):
        if mode == "circular" and opset < 19:
            with pytest.raises(bp.BackpropError,
                               match=r"Conv[12]d padding_mode='circular'.*opset 17"):
                _ort(model, shape, x, opset, tmp_path)
        else:
            _agree(_ort(model, shape, x, opset, tmp_path), want, np.float32)


@pytest.mark.parametrize("divisor", [None, 1, 5])
@pytest.mark.parametrize("ceil_mode", [False, True])
@pytest.mark.parametrize("padding,count_include_pad", [(0, True), (1, True), (1, False)])
def test_avg_pool_divisor_override(divisor, ceil_mode, padding, count_include_pad, tmp_path):
    layer = dict(stride=2, padding=padding, ceil_mode=ceil_mode,
                 count_include_pad=count_include_pad, divisor_override=divisor)
    # (2, 7, 8) with ceil_mode has a last column of windows past the padded input, where
    # each runtime picks its own divisor; (2, 5, 7) has none
    for shape in [(2, 7, 8), (2, 5, 7)]:
        overhang = ceil_mode and shape == (2, 7, 8)
        x64 = np.random.default_rng(2).normal(size=(3, *shape))
        for dtype in (np.float64, np.float32):
            model = nn.Sequential(nn.AvgPool2d(3, **layer)).to(dtype)
            x = x64.astype(dtype)
            _agree(_twin(model, shape, x), model(x).data, dtype)
        if divisor is not None and overhang:
            with pytest.raises(bp.BackpropError,
                               match="AvgPool2d with divisor_override=.*ceil_mode=True"):
                _ort(model, shape, x, 17, tmp_path)
        else:
            _agree(_ort(model, shape, x, 17, tmp_path), model(x).data, np.float32)


@pytest.mark.parametrize("cls,shape", [(nn.MaxPool2d, (2, 7, 6)), (nn.MaxPool1d, (3, 9))])
def test_max_pool_return_indices_refused(cls, shape, tmp_path):
    model = nn.Sequential(cls(3, stride=2, padding=1, return_indices=True))
    values, indices = model(np.ones((1, *shape), np.float32))  # the layer itself works
    assert values.shape == indices.shape
    name = cls.__name__
    calls = [lambda: bp.onnx.export(model, shape, tmp_path / "m"),
             lambda: bp.interop.to_torch(model, shape),
             lambda: bp.save(model, tmp_path / "m.safetensors")]
    model.spec, model.input_shape = f"{cls.grammar[0]}(3,stride=2,padding=1)", shape
    calls += calls  # also when the model carries a spec (the layers' own exports refuse)
    for k, call in enumerate(calls):
        if k == 3:
            del model.spec, model.input_shape
        with pytest.raises(bp.BackpropError, match=f"^{name} with return_indices=True returns"):
            call()
    assert not (tmp_path / "m").exists() and not (tmp_path / "m.safetensors").exists()
    plain = nn.Sequential(cls(3, stride=2, padding=1, ceil_mode=True)).to(np.float64)
    x = np.random.default_rng(3).normal(size=(2, *shape))
    _agree(_twin(plain, shape, x), plain(x).data, np.float64)
    plain.to(np.float32)
    x = x.astype(np.float32)
    _agree(_ort(plain, shape, x, 17, tmp_path), plain(x).data, np.float32)


def test_avg_pool_divisor_override_in_the_grammar_and_files(tmp_path):
    """divisor_override is written back into the spec, so bp.save/bp.load keep it."""
    from backprop.models import build_model

    spec = "avgpool(3,stride=2,padding=1,divisor_override=4) flatten linear(2)"
    model = build_model(spec, (1, 6, 6))
    assert model[0].divisor_override == 4
    handmade = nn.Sequential(*model)  # no spec: inferred from the layers
    handmade.input_shape = (1, 6, 6)
    assert bp.models.architecture(handmade, (1, 6, 6)).spec == spec
    loaded, _ = bp.load(bp.save(handmade, tmp_path / "m.safetensors"))
    assert loaded[0].divisor_override == 4
    x = np.random.default_rng(4).normal(size=(2, 1, 6, 6)).astype(np.float32)
    np.testing.assert_array_equal(loaded(x).data, model(x).data)
    with pytest.raises(bp.BackpropError, match="divisor_override must be an integer ≥ 1"):
        build_model("avgpool(2,divisor_override=0)", (1, 4, 4))
