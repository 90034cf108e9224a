"""Readers and datasets: the shipped MNIST, IDX round trips, NPZ and CSV."""

import hashlib
import lzma
from pathlib import Path

import numpy as np
import pytest

from backprop.data import load_dataset, read_idx
from backprop.data.datasets import FILES

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def test_shipped_mnist_is_the_original():
    raw = lzma.decompress((FILES / "mnist-t10k-labels-idx1-ubyte.xz").read_bytes())
    assert hashlib.md5(raw).hexdigest() == "27ae3e4e09519cfbb04c329615203637"
    ds = load_dataset()
    assert ds.x_train.shape == (60000, 1, 28, 28) and ds.x_train.dtype == np.float32
    assert ds.x_test.shape == (10000, 1, 28, 28)
    assert 0.0 == ds.x_train.min() and ds.x_train.max() == 1.0
    assert ds.y_train.dtype == np.int64 and set(np.unique(ds.y_test)) == set(range(10))
    assert ds.num_classes == 10


def test_idx_round_trip(tmp_path):
    arr = np.arange(24, dtype=">i2").reshape(2, 3, 4)
    header = bytes([0, 0, 0x0B, 3]) + np.array(arr.shape, ">u4").tobytes()
    (tmp_path / "a").write_bytes(header + arr.tobytes())
    out = read_idx(tmp_path / "a")
    np.testing.assert_array_equal(out, arr)
    assert out.dtype == np.int16 and out.dtype.isnative


@pytest.mark.skipif(not (SHARED / "fashion-mnist").is_dir(), reason="shared data not present")
def test_fashion_mnist_from_directory():
    ds = load_dataset("fashion-mnist", SHARED / "fashion-mnist")
    assert ds.classes[0] == "T-shirt/top" and len(ds.y_train) == 60000


def test_npz_and_csv(tmp_path):
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "d.npz", x_train=rng.integers(0, 256, (20, 5, 5), dtype=np.uint8),
             y_train=rng.integers(0, 3, 20), x_test=rng.integers(0, 256, (6, 5, 5),
                                                                 dtype=np.uint8),
             y_test=rng.integers(0, 3, 6))
    ds = load_dataset(str(tmp_path / "d.npz"))
    assert ds.input_shape == (1, 5, 5) and ds.x_train.max() <= 1.0
    rows = ["label,f1,f2"] + [f"{i % 2},{i},{i * 2}" for i in range(10)]
    (tmp_path / "d.csv").write_text("\n".join(rows))
    ds = load_dataset(str(tmp_path / "d.csv"))
    assert ds.input_shape == (2,) and len(ds.x_train) + len(ds.x_test) == 10
