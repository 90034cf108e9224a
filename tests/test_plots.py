"""Pictures of a run: valid PNGs of the declared sizes; the confusion matrix counts."""

import struct
import sys

import numpy as np
import pytest

pytest.importorskip("matplotlib")
import backprop as bp
from backprop.cli import main
from backprop.errors import BackpropError
from backprop.plots import SIZES, confusion_matrix, plot_run


def _png_size(path):
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and raw[12:16] == b"IHDR", path
    return struct.unpack(">II", raw[16:24])


@pytest.fixture(scope="module")
def small_mnist(tmp_path_factory):
    d = bp.data.load_dataset()
    path = tmp_path_factory.mktemp("data") / "mnist-slice.npz"
    raw = lambda a: np.round(a[:, 0] * 255).astype(np.uint8)
    np.savez(path, x_train=raw(d.x_train[:600]), y_train=d.y_train[:600],
             x_test=raw(d.x_test[:250]), y_test=d.y_test[:250])
    return path


def test_confusion_matrix_counts():
    m = confusion_matrix([0, 1, 2, 2, 1], [0, 2, 2, 2, 1], 4)
    assert m.shape == (4, 4) and m.sum() == 5 and m[1, 2] == 1 and m[2, 2] == 2
    with pytest.raises(BackpropError):
        confusion_matrix([0, 5], [0, 1], 3)


@pytest.mark.parametrize("model", ["mlp", "conv(4,3,padding=1) relu maxpool(2) flatten linear(10)"])
def test_train_plot_writes_pngs(model, small_mnist, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", "--data", str(small_mnist), "--arch", model, "--hidden", "16",
                 "--epochs", "2", "--validation-split", "0.2", "--out", str(out), "--plot",
                 "--quiet"]) == 0
    for name, size in SIZES.items():
        assert _png_size(out / name) == size
    d = bp.data.load_dataset(str(small_mnist))
    model, _ = bp.load(out)
    pred = bp.train.predict(model, d.x_test).argmax(axis=1)
    matrix = confusion_matrix(d.y_test, pred, 10)
    assert matrix.sum() == len(d.y_test) == 250
    assert np.trace(matrix) == np.sum(pred == d.y_test)
    for p in out.glob("*.png"):
        p.unlink()
    assert main(["plot", str(out)]) == 0  # from the run directory alone
    assert sorted(p.name for p in out.glob("*.png")) == sorted(SIZES)


def test_missing_matplotlib_is_one_clear_line(small_mnist, tmp_path, monkeypatch, capsys):
    out = tmp_path / "run"
    out.mkdir()
    bp.save(bp.build_model("mlp", (1, 28, 28), 10, hidden=8), out / "model.safetensors")
    (out / "metrics.jsonl").write_text('{"epoch": 1, "loss": 1.0, "accuracy": 0.5}\n')
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    monkeypatch.setitem(sys.modules, "matplotlib.backends.backend_agg", None)
    with pytest.raises(BackpropError, match=r'matplotlib: pip install (-e )?"\S*\[plot\]"'):
        plot_run(out)
    assert main(["plot", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "matplotlib" in err


def test_plot_bad_run_dir(tmp_path, capsys):
    assert main(["plot", str(tmp_path / "nothing")]) == 2
    assert "not a run directory" in capsys.readouterr().err
