"""Bad input gets an error that names the op, the argument and the shapes or the file."""

import gzip

import numpy as np
import pytest

import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError, DataError, DTypeError, ShapeError


def test_linear_shape_mismatch():
    with pytest.raises(ShapeError, match=r"linear: input has shape \(8, 300\).*\(512, 784\)"):
        F.linear(np.ones((8, 300)), np.ones((512, 784)))
    with pytest.raises(ShapeError, match=r"linear: bias has shape \(3,\); expected \(512,\)"):
        F.linear(np.ones((8, 784)), np.ones((512, 784)), np.ones(3))


@pytest.mark.parametrize("loss", [F.mse_loss, F.binary_cross_entropy,
                                  F.binary_cross_entropy_with_logits])
def test_elementwise_losses_shape_mismatch(loss):
    with pytest.raises(ShapeError, match=r"input has shape \(4, 2\) but target has shape \(4,\)"):
        loss(np.full((4, 2), 0.5), np.zeros(4))


@pytest.mark.parametrize("loss", [F.cross_entropy, F.nll_loss])
def test_label_losses(loss):
    x = np.zeros((4, 3))
    with pytest.raises(ShapeError, match=r"target has shape \(5,\).*shape \(4,\)"):
        loss(x, np.zeros(5, dtype=int))
    with pytest.raises(BackpropError, match=r"label 3 outside \[0, 2\]"):
        loss(x, np.array([0, 1, 3, 0]))
    with pytest.raises(BackpropError, match=r"label -1 outside"):
        loss(x, np.array([0, -1, 2, 0]))
    with pytest.raises(DTypeError, match="float dtype"):
        loss(x, np.array([0.0, 1.0, 2.0, 0.0]))
    with pytest.raises(ShapeError, match="empty batch"):
        loss(np.zeros((0, 3)), np.zeros(0, dtype=int))
    with pytest.raises(ShapeError, match=r"weight has shape \(2,\)"):
        loss(x, np.zeros(4, dtype=int), weight=np.ones(2))
    with pytest.raises(BackpropError, match="reduction"):
        loss(x, np.zeros(4, dtype=int), reduction="avg")


def test_bce_rejects_non_probabilities():
    with pytest.raises(BackpropError, match=r"probabilities in \[0, 1\]"):
        F.binary_cross_entropy(np.array([1.5, 0.2]), np.array([1.0, 0.0]))


def test_empty_elementwise_loss():
    with pytest.raises(ShapeError, match="empty"):
        F.mse_loss(np.zeros((0, 2)), np.zeros((0, 2)))


def test_training_data_with_nan_or_bad_labels():
    from backprop.models import build_model

    model = build_model("mlp", (4,), 3, hidden=5)
    x = np.ones((10, 4), dtype=np.float32)
    x[3, 2] = np.nan
    with pytest.raises(DataError, match=r"NaN or inf \(first at index \(3, 2\)\)"):
        bp.fit(model, x, np.zeros(10, dtype=int), epochs=1, log=None)
    with pytest.raises(DataError, match="10 inputs but 9 labels"):
        bp.fit(model, np.ones((10, 4)), np.zeros(9, dtype=int), epochs=1, log=None)
    with pytest.raises(DataError, match="labels must be integers"):
        bp.fit(model, np.ones((10, 4)), np.zeros(10), epochs=1, log=None)
    with pytest.raises(DataError, match="no samples"):
        bp.fit(model, np.ones((0, 4)), np.zeros(0, dtype=int), epochs=1, log=None)


def test_idx_files(tmp_path):
    from backprop.data import read_idx

    with pytest.raises(DataError, match="no such file"):
        read_idx(tmp_path / "missing.gz")
    bad = tmp_path / "bad-idx"
    bad.write_bytes(b"hello world")
    with pytest.raises(DataError, match="bad-idx: not an IDX file"):
        read_idx(bad)
    short = tmp_path / "short.gz"
    header = bytes([0, 0, 8, 3]) + np.array([2, 28, 28], ">u4").tobytes()
    short.write_bytes(gzip.compress(header + bytes(100)))
    with pytest.raises(DataError, match=r"short.gz: IDX header promises shape \(2, 28, 28\)"):
        read_idx(short)
    good = tmp_path / "good"
    good.write_bytes(header + bytes(range(256)) * 6 + bytes(32))
    assert read_idx(good).shape == (2, 28, 28)
    broken = tmp_path / "broken.gz"
    broken.write_bytes(gzip.compress(header + bytes(1568))[:40])
    with pytest.raises(DataError, match="broken.gz: cannot read"):
        read_idx(broken)


def test_dataset_paths(tmp_path):
    from backprop.data import load_dataset

    with pytest.raises(DataError, match="unknown dataset 'nope'"):
        load_dataset("nope")
    with pytest.raises(DataError, match="give --data-dir"):
        load_dataset("fashion-mnist")
    with pytest.raises(DataError, match="no file named like"):
        load_dataset("mnist", tmp_path)
    (tmp_path / "x.npz").write_bytes(b"not a zip")
    with pytest.raises(DataError, match="x.npz: not a readable .npz"):
        load_dataset(str(tmp_path / "x.npz"))
    np.savez(tmp_path / "obj.npz", x=np.array([{"a": 1}], dtype=object), y=np.zeros(1))
    with pytest.raises(DataError, match="without pickle"):
        load_dataset(str(tmp_path / "obj.npz"))
    (tmp_path / "t.csv").write_text("label,a,b\n1,0.5,0.2\n0,x,0.1\n")
    with pytest.raises(DataError, match="not a numeric CSV"):
        load_dataset(str(tmp_path / "t.csv"))
