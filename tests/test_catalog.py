"""Datasets by name: each catalogue entry carries its files, quirks and citation."""

import numpy as np
import pytest

import backprop as bp
from backprop.cli import main
from backprop.data import DATASETS, KNOWN, load_dataset, load_entry, load_idx_dir


def test_every_entry_is_known_and_cited():
    assert set(KNOWN) == set(DATASETS) and "breast-cancer" in KNOWN
    for entry in DATASETS.values():
        assert any(str(year) in entry.about for year in range(1990, 2030)), entry.name


def test_breast_cancer_is_shipped_and_standardised():
    d = load_dataset("breast-cancer")
    assert (len(d.x_train), len(d.x_test), d.input_shape) == (455, 114, (30,))
    assert d.classes == ("malignant", "benign")
    np.testing.assert_allclose(d.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(d.x_train.std(axis=0), 1, atol=1e-5)
    assert 0.5 < d.y_train.mean() < 0.75  # 357 of 569 are benign


def test_train_on_breast_cancer(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the run is kept in runs/
    assert main(["train", "--data", "breast-cancer", "--epochs", "20", "--hidden", "16", "--batch-size", "16",
                 "--quiet"]) == 0
    acc = float(capsys.readouterr().out.split("test accuracy ")[1].split("%")[0])
    assert acc > 94


def _write_idx(path, array):
    dims = b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    path.write_bytes(bytes([0, 0, 8, array.ndim]) + dims + array.astype(np.uint8).tobytes())


@pytest.mark.parametrize("quirks", [False, True])
def test_quirks_are_declared_not_guessed_from_file_names(tmp_path, quirks):
    images = np.arange(4 * 2 * 3).reshape(4, 2, 3) % 251
    labels = np.array([1, 2, 3, 1])
    for split in ("train", "t10k"):
        _write_idx(tmp_path / f"emnist-letters-{split}-images-idx3-ubyte", images)
        _write_idx(tmp_path / f"emnist-letters-{split}-labels-idx1-ubyte", labels)
    d = load_idx_dir(tmp_path, "letters", column_major=quirks, letters_from_one=quirks)
    if quirks:
        assert d.input_shape == (1, 3, 2) and d.y_train.tolist() == [0, 1, 2, 0]
    else:  # the file names say "emnist", but only the entry's declaration counts
        assert d.input_shape == (1, 2, 3) and d.y_train.tolist() == labels.tolist()
    entry = DATASETS["emnist"]
    assert entry.column_major and entry.letters_from_one
    assert load_entry(entry, tmp_path).input_shape == (1, 3, 2)


def test_a_name_that_is_not_shipped_needs_a_folder():
    with pytest.raises(bp.BackpropError, match="--data-dir"):
        load_dataset("kmnist")
