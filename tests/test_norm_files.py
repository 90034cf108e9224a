"""Models with normalisation layers go through files: BatchNorm's integer, 0-d batch count
and its running statistics survive bp.save/bp.load and `backprop train` → `backprop evaluate`."""

import numpy as np
import pytest

import backprop as bp
from backprop.cli import main
from backprop.errors import CheckpointError
from backprop.io import read
from backprop.models import build_model

SPEC = "conv(3,3) batchnorm relu flatten linear(3)"


def _trained(spec, shape, dtype=np.float32):
    bp.manual_seed(0)
    model = build_model(spec, shape).to(dtype).train()
    x = np.random.default_rng(1).normal(size=(5, *shape)).astype(dtype)
    model(x)  # moves the running statistics and the batch count away from their defaults
    return model.eval(), x


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("spec,shape", [(SPEC, (2, 5, 5)),
                                        ("linear(4) batchnorm1d layernorm(4) linear(2)", (3,))])
def test_save_load_round_trip_with_norm_layers(tmp_path, spec, shape, dtype):
    model, x = _trained(spec, shape, dtype)
    path = bp.save(model, tmp_path / "m.safetensors")
    tensors, _ = read(path)
    own = model.state_dict()
    assert {k: tensors[k].shape for k in own} == {k: v.shape for k, v in own.items()}
    loaded, _ = bp.load(path)
    for k, v in own.items():
        assert loaded.state_dict()[k].dtype == v.dtype, k
        np.testing.assert_array_equal(loaded.state_dict()[k], v)
    np.testing.assert_array_equal(loaded.eval()(x).data, model(x).data)


def test_integer_buffer_stored_as_float_is_refused(tmp_path):
    model, _ = _trained(SPEC, (2, 5, 5))
    path = bp.save(model, tmp_path / "m.safetensors")
    tensors, meta = read(path)
    from safetensors.numpy import save_file
    from backprop.io.model_file import digest

    tensors["1.num_batches_tracked"] = tensors["1.num_batches_tracked"].astype(np.float32)
    meta["sha256"] = digest(tensors, {k: v for k, v in meta.items() if k != "sha256"})
    save_file(tensors, str(path), metadata=meta)
    with pytest.raises(CheckpointError, match="num_batches_tracked has dtype float32"):
        bp.load(path)


def test_cli_train_then_evaluate_batchnorm_model(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 1, 6, 6)).astype(np.float32)
    y = (x.mean(axis=(1, 2, 3)) > 0).astype(np.int64)
    data = tmp_path / "tiny.npz"
    np.savez(data, x_train=x[:40], y_train=y[:40], x_test=x[40:], y_test=y[40:])
    out = tmp_path / "run"
    assert main(["train", "--data", str(data), "--arch",
                 "conv(3,3) batchnorm relu flatten linear(2)", "--epochs", "2",
                 "--batch-size", "8", "--out", str(out), "--seed", "1", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["evaluate", str(out), "--data", str(data)]) == 0
    printed = capsys.readouterr().out
    model = bp.load(out / "model.safetensors")[0].eval()
    accuracy = 100 * np.mean(np.argmax(model(x[40:]).data, axis=1) == y[40:])
    assert f"accuracy {accuracy:.2f}%" in printed
