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


def test_readers_keep_values_exactly(tmp_path):
    """The streaming readers return exactly what was stored: every IDX type, compressed or
    not, and .npy arrays in Fortran order or big-endian."""
    import gzip

    from backprop.data import load_npz

    rng = np.random.default_rng(1)
    for code, dtype in ((0x08, ">u1"), (0x09, ">i1"), (0x0B, ">i2"), (0x0C, ">i4"),
                        (0x0D, ">f4"), (0x0E, ">f8")):
        arr = (rng.normal(size=(3, 5, 2)) * 50).astype(dtype)
        raw = bytes([0, 0, code, 3]) + np.array(arr.shape, ">u4").tobytes() + arr.tobytes()
        for name, data in (("raw", raw), ("gz", gzip.compress(raw)), ("xz", lzma.compress(raw))):
            (tmp_path / name).write_bytes(data)
            out = read_idx(tmp_path / name)
            assert out.dtype.isnative and out.dtype == np.dtype(dtype).newbyteorder("=")
            np.testing.assert_array_equal(out, arr)
    x = np.asfortranarray(rng.normal(size=(4, 3)))
    y = np.arange(4, dtype=">i8")
    np.savez_compressed(tmp_path / "a.npz", x=x, y=y)
    back = load_npz(tmp_path / "a.npz")
    np.testing.assert_array_equal(back["x"], x)
    np.testing.assert_array_equal(back["y"], y)
    assert back["y"].dtype.isnative


def test_labels_are_class_numbers_named_by_position(tmp_path):
    from backprop.errors import DataError

    np.savez(tmp_path / "neg.npz", x=np.zeros((5, 2), np.float32), y=np.array([0, 1, -3, 1, 0]))
    with pytest.raises(DataError, match="label -3 at position 2 is negative"):
        load_dataset(str(tmp_path / "neg.npz"))
    (tmp_path / "t.csv").write_text("a,b\n0,1\n1,2\n2.5,3\n")
    with pytest.raises(DataError, match=r"line 4: label 2.5 in column 0 is not a class number"):
        load_dataset(str(tmp_path / "t.csv"))
    sparse = np.array([0, 3, 7, 3])
    np.savez(tmp_path / "sparse.npz", x=np.zeros((4, 2), np.float32), y=sparse)
    assert load_dataset(str(tmp_path / "sparse.npz")).num_classes == 8
