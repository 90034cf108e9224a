"""ONNX export: checker-valid graphs whose onnxruntime outputs equal the library's."""

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")
import backprop as bp
from backprop.cli import main
from backprop.train import predict

CASES = {
    "mlp": ("mlp", (1, 28, 28)),
    "lenet5": ("lenet5", (1, 28, 28)),
    "every activation": ("flatten linear(20) sigmoid linear(16) tanh dropout(0.5) "
                         "linear(12) softplus linear(8,bias=False) identity relu "
                         "linear(10)", (3, 4)),
    "conv zoo": ("conv(4,4,stride=2,padding=same) tanh avgpool(3,stride=2,padding=1,"
                 "ceil_mode=True) conv(6,3,groups=2,dilation=2,padding=full) relu "
                 "maxpool(2,padding=1) flatten linear(10)", (2, 15, 15)),
    "conv1d": ("conv1d(4,3,padding=same) relu maxpool1d(2) avgpool1d(2) flatten "
               "linear(10)", (2, 16)),
}


def _run(path, x):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return session.run(None, {"input": x})[0]


@pytest.mark.parametrize("name", list(CASES))
def test_onnxruntime_equals_library(name, tmp_path):
    spec, shape = CASES[name]
    bp.manual_seed(0)
    model = bp.build_model(spec, shape, 10)
    path = bp.onnx.export(model, shape, tmp_path / "m.onnx")
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)
    for batch in (1, 5):  # the batch axis is dynamic
        x = np.random.default_rng(batch).normal(size=(batch, *shape)).astype(np.float32)
        ours = predict(model, x)
        theirs = _run(path, x)
        assert theirs.shape == ours.shape
        assert np.abs(theirs - ours).max() <= 1e-5 * np.abs(ours).max()


def test_softplus_beta_and_softmax_output(tmp_path):
    from backprop import nn

    model = nn.Sequential(nn.Linear(6, 5), nn.Softplus(beta=2.5), nn.Linear(5, 4),
                          nn.Softmax(dim=1))
    path = bp.onnx.export(model, (6,), tmp_path / "m.onnx")
    x = np.random.default_rng(0).normal(size=(3, 6)).astype(np.float32)
    assert np.allclose(_run(path, x), predict(model, x), rtol=1e-5, atol=1e-7)


def test_cli_export(tmp_path, capsys):
    bp.manual_seed(0)
    model = bp.build_model("mlp", (1, 28, 28), 10, hidden=16)
    bp.save(model, tmp_path / "model.safetensors")
    assert main(["export", str(tmp_path), "--onnx", str(tmp_path / "m.onnx")]) == 0
    assert "wrote" in capsys.readouterr().out
    x = np.random.default_rng(0).random((2, 1, 28, 28), dtype=np.float32)
    assert np.allclose(_run(tmp_path / "m.onnx", x), predict(model, x), rtol=1e-5, atol=1e-6)
    assert main(["export", str(tmp_path / "missing"), "--onnx", str(tmp_path / "x.onnx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err
