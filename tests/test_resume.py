"""Interrupted and resumed runs end bit-identical to uninterrupted ones."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

pytest.importorskip("safetensors")
import backprop as bp
from backprop import optim
from backprop.cli import main
from backprop.io import load_checkpoint, read, save_checkpoint
from backprop.optim import lr_scheduler
from backprop.train import Trainer

SPECS = {"mlp": "flatten linear(16) tanh dropout(0.3) linear(3)",
         "cnn": "conv(4,3,padding=1) relu maxpool(2) flatten dropout(0.2) linear(3)"}


class Killed(BaseException):
    """The process killed: nothing in it catches this (the command's guard turns any Exception
    into one line, as it should a bug)."""


def _data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 1, 8, 8)).astype(np.float32)
    return x, (x[:, 0, :4].sum(axis=(1, 2)) > 0).astype(np.int64) + (x[:, 0, 0, 0] > 1)


def _trainer(model, optimizer="adam"):
    opt = (optim.Adam(model.parameters(), lr=1e-2) if optimizer == "adam" else
           optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True))
    sched = lr_scheduler.CosineAnnealingLR(opt, T_max=3)
    return Trainer(model, opt, epochs=3, batch_size=32, seed=7, scheduler=sched,
                   validation_split=0.25, patience=2, log=None, progress=False)


def _fresh(spec):
    bp.manual_seed(3)
    return bp.build_model(spec, (1, 8, 8), 3)


def _history(t):
    return [{k: v for k, v in row.items() if k != "time"} for row in t.history]


@pytest.mark.parametrize("kind,optimizer", [("mlp", "adam"), ("cnn", "nesterov")])
def test_resume_mid_epoch_is_bit_identical(kind, optimizer, tmp_path):
    x, y = _data()
    whole = _trainer(_fresh(SPECS[kind]), optimizer)
    whole.fit(x, y)

    path = tmp_path / "checkpoint.safetensors"
    first = _trainer(_fresh(SPECS[kind]), optimizer)

    def kill_mid_epoch(t):
        if (t.epoch, t.step) == (1, 2):  # epoch 2 of 3, step 2 of 5: mid-epoch
            save_checkpoint(path, t)
            raise Killed

    first.on_step = kill_mid_epoch
    with pytest.raises(Killed):
        first.fit(x, y)
    bp.manual_seed(999)  # the resumed process starts from another random state
    ck = load_checkpoint(path)
    assert (ck.epoch, ck.step) == (1, 2)
    resumed = _trainer(ck.model, optimizer)
    ck.restore(resumed)
    resumed.fit(x, y)
    for k, v in whole.model.state_dict().items():
        assert np.array_equal(v, resumed.model.state_dict()[k]), k
    assert _history(resumed) == _history(whole)
    # without restoring the state the run differs: the test can fail
    stale = _trainer(load_checkpoint(path).model, optimizer)
    stale.state.epoch, stale.state.step = 1, 2
    stale.fit(x, y)
    assert not all(np.array_equal(v, stale.model.state_dict()[k])
                   for k, v in whole.model.state_dict().items())


def _npz(tmp_path):
    x, y = _data()
    raw = (np.clip(x[:, 0] * 40 + 128, 0, 255)).astype(np.uint8)
    path = tmp_path / "tiny.npz"
    np.savez(path, x_train=raw[:160], y_train=y[:160], x_test=raw[160:], y_test=y[160:])
    return path


def _weights(run):
    tensors, _ = read(run / "model.safetensors")
    return tensors


def _metrics(run):
    import json
    return [{k: v for k, v in json.loads(line).items() if k != "time"}
            for line in (run / "metrics.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("schedule", ["cosine", "onecycle"])
def test_cli_killed_after_checkpoint_resumes_bit_identical(schedule, tmp_path, monkeypatch,
                                                           capsys):
    data = _npz(tmp_path)
    args = ["train", "--data", str(data), "--arch", SPECS["cnn"], "--epochs", "3",
            "--batch-size", "16", "--validation-split", "0.2", "--quiet",
            "--schedule", schedule, "--augment", "hflip,shift(1)"]
    assert main(args + ["--out", str(tmp_path / "a")]) == 0
    import backprop.io as bio
    real = bio.save_checkpoint
    calls = []

    def save_then_die(*a, **k):
        real(*a, **k)
        calls.append(1)
        if len(calls) == 4:  # steps 4, 8 (of 8), the epoch's end, then step 4 of epoch 2
            raise Killed

    monkeypatch.setattr(bio, "save_checkpoint", save_then_die)
    with pytest.raises(Killed):
        main(args + ["--out", str(tmp_path / "b"), "--checkpoint-every", "4"])
    monkeypatch.undo()
    ck = load_checkpoint(tmp_path / "b")
    assert (ck.epoch, ck.step) == (1, 4)
    assert main(["train", "--resume", str(tmp_path / "b" / "checkpoint.safetensors"),
                 "--quiet"]) == 0
    a, b = _weights(tmp_path / "a"), _weights(tmp_path / "b")
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
    assert _metrics(tmp_path / "a") == _metrics(tmp_path / "b")


def test_ctrl_c_saves_one_line_and_resumes_bit_identical(tmp_path):
    data = _npz(tmp_path)
    base = [sys.executable, "-m", "backprop", "train", "--data", str(data), "--hidden", "64",
            "--epochs", "4", "--batch-size", "8", "--quiet"]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    subprocess.run(base + ["--out", str(tmp_path / "a")], check=True, env=env,
                   capture_output=True)
    out_b = tmp_path / "b"
    # a checkpoint every step (fsync each time) makes the run slow enough to interrupt
    proc = subprocess.Popen(base + ["--out", str(out_b), "--checkpoint-every", "1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not (out_b / "checkpoint.safetensors").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("backprop train: interrupted at epoch") and "--resume" in err
    ck = load_checkpoint(out_b)
    assert (ck.epoch, ck.step) < (4, 0)
    res = subprocess.run(base[:3] + ["train", "--resume", str(out_b / "checkpoint.safetensors"),
                                     "--quiet"], env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    a, b = _weights(tmp_path / "a"), _weights(out_b)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert _metrics(tmp_path / "a") == _metrics(out_b)
