"""Checkpoints and model files: strict, safe loading and atomic writes."""

import json
import os
import pickle

import numpy as np
import pytest

pytest.importorskip("safetensors")
import backprop as bp
from backprop import optim
from backprop.cli import main
from backprop.errors import CheckpointError
from backprop.io import load, load_checkpoint, save, save_checkpoint
from backprop.io.model_file import digest
from backprop.train import Trainer

SPEC = "flatten linear(8) relu linear(3)"


def _model():
    bp.manual_seed(0)
    return bp.build_model(SPEC, (1, 4, 4), 3)


def _header(raw: bytes):
    n = int.from_bytes(raw[:8], "little")
    return n, json.loads(raw[8:8 + n])


def _with_header(raw: bytes, header: dict) -> bytes:
    n, _ = _header(raw)
    text = json.dumps(header).encode()
    return len(text).to_bytes(8, "little") + text + raw[8 + n:]


def _signed(tensors: dict, meta: dict) -> bytes:
    """A safetensors file whose checksum fits its (altered) content: only the check under
    test can refuse it."""
    import safetensors.numpy as stn

    meta = {k: v for k, v in meta.items() if k != "sha256"}
    return stn.save(tensors, metadata={**meta, "sha256": digest(tensors, meta)})


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "model.safetensors"
    save(_model(), path, config={"lr": 0.1})
    return path


def test_round_trip_keeps_weights_spec_and_dtype(tmp_path):
    m = _model().to(np.float64)
    save(m, tmp_path / "m.safetensors", classes=["a", "b", "c"])
    back, meta = load(tmp_path / "m.safetensors")
    assert meta["spec"] == m.spec and meta["classes"] == ["a", "b", "c"]
    for k, v in m.state_dict().items():
        assert back.state_dict()[k].dtype == np.float64
        assert np.array_equal(back.state_dict()[k], v)


def _malformed(good, tmp_path):
    """name → (path, words the error must contain)"""
    raw = good.read_bytes()
    n, header = _header(raw)
    cases = {}

    def write(name, data):
        p = tmp_path / f"{name}.safetensors"
        p.write_bytes(data)
        return p

    cases["empty"] = (write("empty", b""), "0 bytes")
    cases["truncated header"] = (write("trunc_header", raw[:8 + n // 2]), "header length")
    cases["truncated data"] = (write("trunc_data", raw[:-10]), "corrupt safetensors data")
    cases["header cut inside"] = (write("header_cut", raw[:8] + raw[8:8 + n - 5] + b" " * 5
                                        + raw[8 + n:]), "invalid JSON")
    lying = dict(header)
    name = next(k for k in header if k != "__metadata__")
    lying[name] = dict(header[name], data_offsets=[header[name]["data_offsets"][0],
                                                   header[name]["data_offsets"][1] + 4])
    cases["lying lengths"] = (write("lying", _with_header(raw, lying)), "corrupt safetensors")
    half = bp.build_model(SPEC, (1, 4, 4), 3)
    state = {k: v.astype(np.float16) for k, v in half.state_dict().items()}
    import safetensors.numpy as stn
    meta = {**header["__metadata__"]}
    cases["wrong dtype"] = (write("dtype", _signed(state, meta)), "dtype float16")
    missing = {k: v for k, v in half.state_dict().items() if k != "3.bias"}
    cases["missing tensor"] = (write("missing", _signed(missing, meta)),
                               "missing tensor(s) 3.bias")
    extra = {**half.state_dict(), "5.weight": np.zeros(3, np.float32)}
    cases["extra tensor"] = (write("extra", _signed(extra, meta)),
                             "unexpected tensor(s) 5.weight")
    wrong = {**half.state_dict(), "1.weight": np.zeros((8, 15), np.float32)}
    cases["wrong shape"] = (write("shape", _signed(wrong, meta)),
                            "1.weight has shape (8, 15)")
    other = dict(meta, spec="flatten linear(9) relu linear(3)")
    cases["wrong architecture"] = (write("arch", _signed(half.state_dict(), other)),
                                   "needs (9, 16)")
    bad_spec = dict(meta, spec="flatten lineaar(9)")
    cases["unbuildable spec"] = (write("badspec", _signed(half.state_dict(), bad_spec)),
                                 "does not build")
    unsigned = {k: v for k, v in meta.items() if k != "sha256"}
    cases["no checksum"] = (write("unsigned", stn.save(half.state_dict(), metadata=unsigned)),
                            "no SHA-256 checksum")
    text = raw[8:8 + n]
    at = text.index(b"backprop-model")
    cases["non-UTF-8 metadata"] = (write("utf8", raw[:8] + text[:at] + b"\xff\xfe" +
                                         text[at + 2:] + raw[8 + n:]), "not UTF-8")
    cases["pickle"] = (write("pickle", pickle.dumps(half.state_dict())), "pickle")
    flipped = bytearray(raw)
    flipped[-3] ^= 0x40
    cases["flipped bit"] = (write("flipped", bytes(flipped)), "SHA-256")
    cases["not backprop"] = (write("foreign", stn.save(half.state_dict())), "not a backprop model")
    old = dict(meta, format="backprop-model/1")
    cases["old format"] = (write("old", _signed(half.state_dict(), old)), "older backprop")
    d = tmp_path / "adir.safetensors"
    d.mkdir()
    cases["directory"] = (d, "is a directory")
    cases["no such file"] = (tmp_path / "nope.safetensors", "no such file")
    return cases


def test_malformed_files_each_give_one_clear_line(good, tmp_path):
    cases = _malformed(good, tmp_path)
    assert len(cases) >= 10
    for what, (path, words) in cases.items():
        with pytest.raises(CheckpointError) as e:
            load(path)
        msg = str(e.value)
        assert "\n" not in msg, what
        assert str(path) in msg, (what, msg)
        assert words in msg, (what, msg)


def test_cli_evaluate_bad_files_exit_2_one_line(good, tmp_path, capsys):
    cases = _malformed(good, tmp_path)
    for what in ("empty", "pickle", "wrong shape", "directory", "lying lengths"):
        path, words = cases[what]
        assert main(["evaluate", str(path)]) == 2, what
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith("backprop evaluate: error: ") and words in err


def _trainer(model=None):
    model = model or _model()
    opt = optim.Adam(model.parameters(), lr=1e-2)
    return Trainer(model, opt, epochs=2, batch_size=16, log=None, progress=False)


def test_crash_during_write_leaves_previous_checkpoint(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(64, 1, 4, 4)).astype(np.float32), rng.integers(0, 3, 64)
    t = _trainer()
    t.epochs = 1
    t.fit(x, y)
    path = tmp_path / "checkpoint.safetensors"
    save_checkpoint(path, t)
    before = path.read_bytes()
    t.epochs = 2
    t.fit(x, y)

    def crash(*a, **k):
        raise OSError("simulated power cut")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="power cut"):
        save_checkpoint(path, t)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert load_checkpoint(path).epoch == 1
    assert [p.name for p in tmp_path.iterdir()] == ["checkpoint.safetensors"]  # no temp left


def test_crash_inside_the_write_itself(tmp_path, monkeypatch):
    path = tmp_path / "model.safetensors"
    save(_model(), path)
    before = path.read_bytes()
    real_fsync = os.fsync

    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        save(bp.build_model(SPEC, (1, 4, 4), 3), path)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert path.read_bytes() == before
    load(path)


def test_checkpoint_is_not_pickle_and_model_file_is_not_a_checkpoint(good, tmp_path):
    t = _trainer()
    path = save_checkpoint(tmp_path / "c.safetensors", t)
    assert b"\x80\x04" not in path.read_bytes()[:2]
    with pytest.raises(CheckpointError, match="not a checkpoint"):
        load_checkpoint(good)
    model, meta = load(path)  # a checkpoint is also a model file (evaluate reads it)
    assert meta["raw"]["checkpoint"]


def test_checkpoint_optimizer_tensors_checked(tmp_path):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(32, 1, 4, 4)).astype(np.float32), rng.integers(0, 3, 32)
    t = _trainer()
    t.epochs = 1
    t.fit(x, y)
    path = save_checkpoint(tmp_path / "c.safetensors", t)
    from backprop.io import read
    tensors, meta = read(path)
    assert "optimizer.state.0.exp_avg" in tensors
    tensors["optimizer.state.0.exp_avg"] = np.zeros((2, 2), np.float32)
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(_signed(tensors, meta))
    ck = load_checkpoint(bad)
    with pytest.raises(CheckpointError, match="exp_avg has shape"):
        ck.restore(_trainer(ck.model))
    ck = load_checkpoint(path)
    wrong = _trainer(ck.model)
    wrong.optimizer = optim.SGD(ck.model.parameters(), lr=0.1)
    with pytest.raises(CheckpointError, match="optimiser Adam"):
        ck.restore(wrong)


def _stopped_early(tmp_path):
    """A run that stopped early on the validation loss, checkpointed: (trainer, path)."""
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(60, 1, 4, 4)).astype(np.float32), rng.integers(0, 3, 60)
    model = _model()
    t = Trainer(model, optim.Adam(model.parameters(), lr=0.3), epochs=30, batch_size=16,
                validation_split=0.3, patience=1, log=None, progress=False)
    t.fit(x, y)
    assert t.state.best.get("stopped") and t.state.best_weights is not None
    return t, save_checkpoint(tmp_path / "c.safetensors", t)


def test_early_stopping_weights_are_tensors_not_json(tmp_path):
    from backprop.io import read

    t, path = _stopped_early(tmp_path)
    tensors, meta = read(path)
    position = json.loads(meta["trainer"])
    assert position == json.loads(json.dumps(t.state_dict()))  # the position is plain JSON
    assert set(position["best"]) <= {"val_loss", "loss", "epoch", "stopped"}
    for name, value in t.state.best_weights.items():
        assert np.array_equal(tensors[f"trainer.best.{name}"], value)
    ck = load_checkpoint(path)
    fresh = _trainer(ck.model)
    fresh.optimizer = optim.Adam(ck.model.parameters(), lr=0.3)
    ck.restore(fresh)  # a run that stopped early resumes (as complete)
    assert fresh.complete and fresh.state.best == t.state.best
    assert fresh.state.best_weights.keys() == t.state.best_weights.keys()
    for name, value in t.state.best_weights.items():
        assert np.array_equal(fresh.state.best_weights[name], value)


def test_checkpoint_prefixes_are_the_model_files_reserved_ones(tmp_path):
    from backprop.io import model_file, read

    t, path = _stopped_early(tmp_path)
    tensors, meta = read(path)
    extra = [k for k in tensors if k not in t.model.state_dict()]
    assert extra and all(k.startswith(model_file.RESERVED) for k in extra)
    tensors["optimizer.unknown"] = np.zeros(2, np.float32)  # near a prefix, but not under one
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(_signed(tensors, meta))
    with pytest.raises(CheckpointError, match="unexpected tensor"):
        load_checkpoint(bad)


def test_the_optimiser_checks_its_own_saved_hyper_parameters():
    model = _model()
    adam = optim.Adam(model.parameters(), lr=1e-2, betas=(0.8, 0.99))
    state = json.loads(json.dumps(adam.state_dict()))  # as a checkpoint's JSON gives it back
    again = optim.Adam(model.parameters())
    again.load_state_dict(state)
    assert again.param_groups[0]["betas"] == (0.8, 0.99)
    for bad in ([0.9], [0.9, 1.5], "ab"):
        state["param_groups"][0]["betas"] = bad
        with pytest.raises(ValueError, match="betas"):
            again.load_state_dict(state)
    sgd = optim.SGD(model.parameters(), lr=0.1, momentum=0.5)
    state = sgd.state_dict()
    state["param_groups"][0]["momentum"] = -1.0
    with pytest.raises(ValueError, match="momentum"):
        optim.SGD(model.parameters(), lr=0.1, momentum=0.5).load_state_dict(state)


def test_the_base_learning_rate_is_stored_once(tmp_path):
    from backprop.io import read
    from backprop.optim import lr_scheduler

    model = _model()
    opt = optim.SGD(model.parameters(), lr=0.4)
    sched = lr_scheduler.StepLR(opt, step_size=1, gamma=0.5)
    assert sched.state_dict() == {"last_epoch": 0}  # the base rate is the optimiser's
    opt.param_groups[0]["initial_lr"] = 0.2  # one source: the schedule follows it
    sched.step()
    assert opt.param_groups[0]["lr"] == 0.1 and sched.base_lrs == [0.2]
    t = Trainer(model, opt, scheduler=sched, epochs=1, batch_size=16, log=None, progress=False)
    _, meta = read(save_checkpoint(tmp_path / "c.safetensors", t))
    assert "0.2" not in meta["scheduler"] and json.loads(meta["scheduler"])["state"] == {
        "last_epoch": 1}
    again = _trainer(load_checkpoint(tmp_path / "c.safetensors").model)
    again.optimizer = optim.SGD(again.model.parameters(), lr=0.4)
    again.scheduler = lr_scheduler.StepLR(again.optimizer, step_size=1, gamma=0.5)
    load_checkpoint(tmp_path / "c.safetensors").restore(again)
    assert again.scheduler.base_lrs == [0.2] and again.optimizer.param_groups[0]["lr"] == 0.1
