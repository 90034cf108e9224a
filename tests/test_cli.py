"""The command line: train/evaluate/predict on a small dataset, and one-line errors."""

import subprocess
import sys

import numpy as np
import pytest

from backprop.cli import main


@pytest.fixture
def small_npz(tmp_path):
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((3, 6)) * 3
    def draw(n):
        y = rng.integers(0, 3, n)
        return (centers[y] + rng.standard_normal((n, 6))).astype(np.float32), y
    x_tr, y_tr = draw(300)
    x_te, y_te = draw(90)
    path = tmp_path / "blobs.npz"
    np.savez(path, x_train=x_tr, y_train=y_tr, x_test=x_te, y_test=y_te)
    np.savez(tmp_path / "inputs.npz", x=x_te[:4])
    return path


def test_train_evaluate_predict(small_npz, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", "--data", str(small_npz), "--epochs", "15", "--hidden", "16",
                 "--batch-size", "32", "--out", str(out), "--seed", "3", "--quiet"]) == 0
    text = capsys.readouterr().out
    acc = float(text.split("test accuracy ")[1].split("%")[0])
    assert acc > 90
    assert (out / "model.safetensors").is_file() and (out / "metrics.jsonl").is_file()
    assert main(["evaluate", str(out), "--data", str(small_npz)]) == 0
    assert f"accuracy {acc:.2f}%" in capsys.readouterr().out
    assert main(["predict", str(out), str(tmp_path / "inputs.npz"), "--top", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4 and "%" in lines[0]


def test_same_seed_same_result(small_npz, tmp_path):
    for name in ("a", "b"):
        main(["train", "--data", str(small_npz), "--epochs", "2", "--hidden", "8", "--quiet",
              "--out", str(tmp_path / name)])
    from backprop.io import read

    (ta, ma), (tb, mb) = (read(tmp_path / n / "model.safetensors") for n in ("a", "b"))
    assert ma == mb and ta.keys() == tb.keys()
    assert all(np.array_equal(ta[k], tb[k]) for k in ta)


def test_a_run_without_out_is_kept_in_a_new_folder(small_npz, tmp_path, monkeypatch, capsys):
    """`backprop train` alone saves its run, so `evaluate` and `predict` can follow it; a
    second run takes a new folder instead of writing over the first."""
    monkeypatch.chdir(tmp_path)
    args = ["train", "--data", str(small_npz), "--epochs", "1", "--hidden", "8", "--quiet"]
    assert main(args) == 0
    assert "saved runs/mlp-blobs/model.safetensors" in capsys.readouterr().out
    first = (tmp_path / "runs/mlp-blobs/model.safetensors").read_bytes()
    assert main(args + ["--arch", "lenet5"]) == 2  # refused runs leave no folder behind
    assert main(args + ["--validation-split", "0.9999"]) == 2
    capsys.readouterr()
    assert main(args + ["--seed", "1"]) == 0
    assert "saved runs/mlp-blobs-2/model.safetensors" in capsys.readouterr().out
    assert (tmp_path / "runs/mlp-blobs/model.safetensors").read_bytes() == first
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["mlp-blobs", "mlp-blobs-2"]
    assert main(["evaluate", "runs/mlp-blobs", "--data", str(small_npz)]) == 0
    assert main(["predict", "runs/mlp-blobs-2", str(tmp_path / "inputs.npz")]) == 0
    assert main(["train", "--resume", "runs/mlp-blobs", "--epochs", "2", "--quiet"]) == 0
    assert "saved runs/mlp-blobs/model.safetensors" in capsys.readouterr().out


def test_runs_that_is_not_a_folder_is_one_line(small_npz, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs").write_text("not a folder")
    assert main(["train", "--data", str(small_npz), "--epochs", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "runs: cannot make the folder runs are kept in" in err and "--out" in err


@pytest.mark.parametrize("args,message", [
    (["train", "--epochs", "0"], "--epochs: expected a positive integer, got 0"),
    (["train", "--lr", "abc"], "--lr: expected a positive number"),
    (["train", "--activation", "mish"], "invalid choice: 'mish'"),
    (["train", "--data", "nowhere.npz"], "nowhere.npz: no such file"),
    (["train", "--data", "fashion-mnist"], "give --data-dir"),
    (["train", "--arch", "linear(10) ??"], "spec: column 12"),
    (["evaluate", "missing.safetensors"], "missing.safetensors: no such file"),
    (["train", "--patience", "2"], "--patience needs --validation-split"),
])
def test_bad_arguments_one_line_exit_2(args, message):
    r = subprocess.run([sys.executable, "-m", "backprop", *args], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_a_bug_of_ours_is_one_line_too(tmp_path, monkeypatch, capsys):
    """An exception that is not bad input (a bug in backprop) reaches the user as one line with
    exit code 2, its text escaped; BACKPROP_TRACEBACK=1 lets the traceback through."""
    import backprop.cli.check as check_command

    def broken(args):
        raise UnboundLocalError("cannot access local variable 'x\x1b[2J'")

    monkeypatch.setattr(check_command, "run", broken)
    page = tmp_path / "d.md"
    page.write_text("$$y = 2x$$\n", encoding="utf-8")
    monkeypatch.delenv("BACKPROP_TRACEBACK", raising=False)
    assert main(["check", str(page)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "internal error" in err[0] and "UnboundLocalError" in err[0]
    assert "\x1b" not in err[0]
    monkeypatch.setattr(check_command, "run", lambda args: (_ for _ in ()).throw(KeyError()))
    assert main(["check", str(page)]) == 2        # no message: the exception's name alone
    assert capsys.readouterr().err.rstrip().endswith("input): KeyError; BACKPROP_TRACEBACK=1 "
                                                     "shows where")
    monkeypatch.setattr(check_command, "run", broken)
    monkeypatch.setenv("BACKPROP_TRACEBACK", "1")
    with pytest.raises(UnboundLocalError):
        main(["check", str(page)])
