"""Hostile and broken files, options and runs: one line on stderr, exit code 2, never a
traceback — and where a run goes wrong, nothing wrong is left behind as its result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import numpy as np
import pytest

import hostile as H
from backprop.cli import main

pytest.importorskip("safetensors")


def one_line(capsys, argv: list[str], words: str, code: int = 2) -> str:
    try:
        rc = main(argv)
    except SystemExit as e:  # argparse's own refusals
        rc = e.code
    assert rc == code, argv
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert words in err, err
    return err


@pytest.fixture
def tiny(tmp_path):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 6)).astype(np.float32)
    path = tmp_path / "tiny.npz"
    np.savez(path, x=x, y=(x[:, 0] > 0).astype(np.int64))
    return path


@pytest.fixture
def run(tiny, tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["train", "--data", str(tiny), "--arch", "flatten linear(4) relu linear(2)",
                 "--epochs", "2", "--batch-size", "16", "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    return out


# -- malformed files: one line each, never a traceback ------------------------------------
def test_idx_files_one_line(tmp_path, capsys):
    cases = {
        "dims overflow": (H.idx_header(0x08, (65536,) * 4), "more than"),
        "zero samples": (H.idx_header(0x08, (0, 28, 28)), "no data"),
        "not gzip": (b"\x1f\x8b" + b"garbage" * 10, "cannot read"),
        "200 dims": (H.idx_header(0x08, (1,) * 200), "200 dimensions"),
    }
    for name, (raw, words) in cases.items():
        d = H.idx_dir(tmp_path / name.replace(" ", "-"), np.zeros(2, np.int32))
        (d / "train-images-idx3-ubyte").write_bytes(raw)
        err = one_line(capsys, ["train", "--data", str(d)], words)
        assert "train-images-idx3-ubyte" in err, name
    labels = np.array([0.0, 1.5, 2.0], np.float32)
    d = H.idx_dir(tmp_path / "floats", labels, 0x0D)
    one_line(capsys, ["train", "--data", str(d)], "labels must be integers")


def test_npz_files_one_line(tmp_path, capsys):
    d = tmp_path
    cases = {
        "bad crc": (H.bad_crc(d / "crc.npz"), "CRC"),
        "non-npy member": (H.npz_of(d / "txt.npz", {"x.npy": H.npy_bytes(np.zeros((2, 2))),
                                                     "notes.txt": b"hi"}), "not a .npy"),
        "structured x": (H.npz_of(d / "rec.npz", {"x.npy": H.npy_bytes(np.zeros(
            3, [("a", "f4"), ("b", "i4")])), "y.npy": H.npy_bytes(np.zeros(3, int))}), "records"),
        "string x": (H.npz_of(d / "str.npz", {"x.npy": H.npy_bytes(np.array(["a", "b"])),
                                              "y.npy": H.npy_bytes(np.zeros(2, int))}), "<U1"),
        "0-d x": (H.npz_of(d / "zero.npz", {"x.npy": H.npy_bytes(np.float32(1)),
                                            "y.npy": H.npy_bytes(np.zeros(2, int))}), "shape ()"),
        "complex x": (H.npz_of(d / "cplx.npz", {"x.npy": H.npy_bytes(np.ones((4, 2), "c8")),
                                                "y.npy": H.npy_bytes(np.zeros(4, int))}),
                      "complex"),
        "10**12 elements": (H.npz_of(d / "big.npz", {"x.npy": H.npy_header((10**6, 10**6))}),
                            "more than"),
        "5000-digit shape": (H.npz_of(d / "digits.npz", {"x.npy": b"\x93NUMPY\x01\x00" + (
            5100).to_bytes(2, "little") + b"{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + b"9" * 5000 + b",)}" + b" " * 41 + b"\n"}), "header"),
        "deep header": (H.npz_of(d / "deep.npz", {"x.npy": b"\x93NUMPY\x01\x00" + (
            3000).to_bytes(2, "little") + b"{'descr': " + b"[" * 1490 + b"]" * 1490 + b"}\n"}),
                        "header"),
        "truncated": (H.npz_of(d / "short.npz", {"x.npy": H.npy_header((100, 4)),
                                                    "y.npy": H.npy_bytes(np.zeros(100, int))}),
                      "ends"),
    }
    for name, (path, words) in cases.items():
        err = one_line(capsys, ["train", "--data", str(path)], words)
        assert str(path) in err, name
    many = H.npz_of(d / "many.npz", {f"a{i}.npy": b"" for i in range(5000)})
    one_line(capsys, ["train", "--data", str(many)], "lists 5000 members")


def test_an_archive_s_arrays_share_one_budget(tmp_path, monkeypatch):
    from backprop.data import load_npz, npz
    from backprop.errors import DataError

    members = {f"a{i}.npy": H.npy_bytes(np.zeros(50, np.float64)) for i in range(3)}
    path = H.npz_of(tmp_path / "three.npz", members)
    assert len(load_npz(path)) == 3
    monkeypatch.setattr(npz, "MAX_ARRAY_BYTES", 1000)  # each array fits, all three do not
    with pytest.raises(DataError, match="array 'a2'.* bytes left"):
        load_npz(path)


def test_data_too_big_for_this_machine_is_one_line(tiny, monkeypatch, capsys):
    """Files within the readers' limits can still outgrow the machine (a 2 GB uint8 file is
    8 GB as float32): running out of memory while loading is one line too."""
    from backprop.data import datasets

    def exhausted(*args, **kwargs):
        raise MemoryError("Unable to allocate 8.00 GiB")

    monkeypatch.setattr(datasets, "fill_inputs", exhausted)
    np.savez(tiny.parent / "img.npz", x=np.zeros((4, 3, 3), np.uint8), y=np.arange(4) % 2)
    one_line(capsys, ["train", "--data", str(tiny.parent / "img.npz")], "does not fit in memory")


def test_devices_are_not_read_forever(capsys):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    one_line(capsys, ["summary", "/dev/zero"], "not a regular file")
    one_line(capsys, ["predict", "/dev/zero", "/dev/zero"], "not a regular file")


def test_model_metadata_one_line(tmp_path, capsys):
    t = H.tiny_mlp_tensors()
    spec = "flatten linear(4) relu linear(3)"
    cases = {
        "deep classes": H.model_meta(spec, [6], None) | {"classes": H.deep_json(100_000)},
        "deep input_shape": H.model_meta(spec, [6]) | {"input_shape": H.deep_json(100_000)},
        "5000-digit shape": H.model_meta(spec, [6]) | {"input_shape": "[" + "9" * 5000 + "]"},
        "float shape": H.model_meta(spec, [6.0]),
        "bool shape": H.model_meta(spec, [True, 6]),
        "short classes": H.model_meta(spec, [6], ["a", "b"]),
        "non-string classes": H.model_meta(spec, [6], [1, 2, 3]),
        "config not object": H.model_meta(spec, [6]) | {"config": "[1]"},
        "bad spec argument": H.model_meta("flatten linear(4.5) relu linear(3)", [6]),
    }
    words = {"deep classes": "nested too deeply", "deep input_shape": "nested too deeply",
             "5000-digit shape": "malformed", "float shape": "input_shape",
             "bool shape": "input_shape", "short classes": "names 2 classes",
             "non-string classes": "'classes'", "config not object": "config",
             "bad spec argument": "must be an integer"}
    for name, meta in cases.items():
        path = H.signed_model(tmp_path / f"{len(name)}{name[:4]}.safetensors", t, meta)
        err = one_line(capsys, ["summary", str(path)], words[name])
        assert str(path) in err, name
    deep = tmp_path / "deep-header.safetensors"
    text = ("{\"a\":" + H.deep_json(50_000) + "}").encode()
    deep.write_bytes(len(text).to_bytes(8, "little") + text)
    one_line(capsys, ["evaluate", str(deep)], "nested too deeply")


def test_predict_with_classes_shorter_than_outputs_is_refused(tmp_path, capsys):
    t = H.tiny_mlp_tensors()
    path = H.signed_model(tmp_path / "m.safetensors", t,
                          H.model_meta("flatten linear(4) relu linear(3)", [6], ["only"]))
    np.save(tmp_path / "x.npy", np.zeros((2, 6), np.float32))
    one_line(capsys, ["predict", str(path), str(tmp_path / "x.npy")], "names 1 classes")


@pytest.mark.parametrize("spec,words", [
    ("softplus(foo)", "must be a number"), ("flatten linear(1e400)", "not a finite number"),
    ("conv(1e400,3)", "not a finite number"), ("linear(" + "-" * 1000 + "1)", "expected an"),
    ("linear(" + "-" * 5000 + "1)", "characters"), ("flatten linear(1.5)", "must be an integer"),
    ("conv(32.5,3)", "must be an integer"), ("flatten linear(10,bias=foo)", "True or False"),
    ("flatten linear(" + "9" * 5000 + ")", "characters"),
    ("flatten linear(" + "9" * 40 + ")", "too large"), ("conv(4,(3,(3,3)))", "nest"),
    ("maxpool(2.5)", "kernel"), ("dropout(p=nan)", "argument"), ("linear(10) (", "expected"),
    ("flatten linear(10,out_features=3)", "multiple values"),
    ("conv(6,5,padding=100000)", "values per sample"), ("flatten linear(20000000)", "column 9"),
])
def test_spec_errors_one_line(spec, words, capsys):
    one_line(capsys, ["summary", spec, "--shape", "1x8x8"], words)


def test_options_one_line(tiny, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a training run is kept under runs/ here
    one_line(capsys, ["gradcheck", "softmax", "--seed", "-1"], "a seed")
    one_line(capsys, ["train", "--data", str(tiny), "--validation-split", "0.999999"],
             "leaves none")
    one_line(capsys, ["check", "--f", "x", "--jacobian", "eye(2)", "--x", "[[1,2],[3]]"],
             "not an array of numbers")
    one_line(capsys, ["train", "--data", str(tiny), "--epochs", "9" * 5000], "--epochs")


def test_malformed_metrics_in_plot(run, capsys):
    pytest.importorskip("matplotlib")
    for text, words in [("{\"epoch\": 1}\n", "loss is missing"), ("[1, 2]\n", "JSON object"),
                        (H.deep_json(100_000) + "\n", "nested too deeply"),
                        ("{\"epoch\": 1, \"loss\": 1, \"accuracy\": NaN, \"time\": 0}\n", "finite"),
                        ("not json\n", "line 1")]:
        (run / "metrics.jsonl").write_text(text)
        one_line(capsys, ["plot", str(run)], words)


# -- no silent coercion ---------------------------------------------------------------
def test_export_opset_is_proven_before_writing(run, tmp_path, capsys):
    pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    for opset in ("1", "99999"):
        target = tmp_path / f"m{opset}.onnx"
        one_line(capsys, ["export", str(run), "--onnx", str(target), "--opset", opset],
                 f"--opset {opset}")
        assert not target.exists()
    assert main(["export", str(run), "--onnx", str(tmp_path / "ok.onnx")]) == 0


# -- the checksum covers every metadata field -----------------------------------------
def _fields(path) -> tuple[bytes, int, dict]:
    raw = path.read_bytes()
    n = int.from_bytes(raw[:8], "little")
    return raw, n, json.loads(raw[8:8 + n])


@pytest.mark.parametrize("kind", ["model", "checkpoint"])
def test_tampering_with_any_metadata_field_is_refused(run, tmp_path, kind):
    from backprop.errors import CheckpointError
    from backprop.io import load

    path = run / f"{kind}.safetensors"
    raw, n, header = _fields(path)
    meta = header["__metadata__"]
    fields = [k for k in meta if k != "sha256"]
    expected = {"format", "version", "spec", "input_shape", "classes", "config"} | (
        {"checkpoint", "optimizer", "scheduler", "trainer", "random"} if kind == "checkpoint"
        else set())
    assert set(fields) == expected
    for key in fields:
        value = meta[key]
        i = next(i for i, c in enumerate(value) if c.isalnum())
        flipped = value[:i] + chr(ord(value[i]) ^ 1) + value[i + 1:]
        text = json.dumps(dict(header, __metadata__=dict(meta, **{key: flipped}))).encode()
        bad = tmp_path / f"{kind}-{key}.safetensors"
        bad.write_bytes(len(text).to_bytes(8, "little") + text + raw[8 + n:])
        with pytest.raises(CheckpointError, match="SHA-256|not a backprop model") as e:
            load(bad)
        assert "\n" not in str(e.value), key
    unsigned = dict(meta)
    del unsigned["sha256"]
    text = json.dumps(dict(header, __metadata__=unsigned)).encode()
    bad = tmp_path / f"{kind}-unsigned.safetensors"
    bad.write_bytes(len(text).to_bytes(8, "little") + text + raw[8 + n:])
    with pytest.raises(CheckpointError, match="no SHA-256 checksum"):
        load(bad)


# -- the resume metadata, checked by one schema ---------------------------------------
RESUME_CASES = {
    "step 10**6": ("trainer", lambda t: t.update(step=10**6), "running.seen"),
    "epoch -5": ("trainer", lambda t: t.update(epoch=-5), "trainer.epoch"),
    "epoch 10**9": ("trainer", lambda t: t.update(epoch=10**9), "trainer.epoch"),
    "step float": ("trainer", lambda t: t.update(step=1.5), "trainer.step"),
    "step true": ("trainer", lambda t: t.update(step=True), "trainer.step"),
    "seen negative": ("trainer", lambda t: t["running"].update(seen=-1), "running.seen"),
    "loss NaN": ("trainer", lambda t: t["running"].update(loss=float("nan")), "running.loss"),
    "history not list": ("trainer", lambda t: t.update(history={}), "trainer.history"),
    "history row": ("trainer", lambda t: t["history"][0].pop("loss"), "loss is missing"),
    "history length": ("trainer", lambda t: t["history"].append(t["history"][0]), "rows"),
    "best epoch": ("trainer", lambda t: t["best"].update(epoch="x"), "best.epoch"),
    "extra field": ("trainer", lambda t: t.update(evil=1), "unexpected entry"),
    "batch_size '64'": ("config", lambda c: c.update(batch_size="64"), "config.batch_size"),
    "seed -1": ("config", lambda c: c.update(seed=-1), "config.seed"),
    "lr string": ("config", lambda c: c.update(lr="fast"), "config.lr"),
    "epochs 0": ("config", lambda c: c.update(epochs=0), "config.epochs"),
    "dtype": ("config", lambda c: c.update(dtype="float16"), "config.dtype"),
    "hidden": ("config", lambda c: c.update(hidden=[0]), "config.hidden"),
    "validation split": ("config", lambda c: c.update(validation_split=1.5), "validation_split"),
    "optimizer type": ("optimizer", lambda o: o.update(type=5), "optimizer.type"),
    "optimizer lr": ("optimizer", lambda o: o["param_groups"][0].update(lr=-1),
                     "param_groups[0].lr"),
    "scalars key": ("optimizer", lambda o: o.update(scalars={"a": {}}), "parameter index"),
    "scheduler state": ("scheduler", lambda s: s["state"].update(last_epoch="x"), "last_epoch"),
    "random state": ("random", lambda r: r.update(state=[]), "random.state"),
    "random 200 bits": ("random", lambda r: r["state"].update(state=2**200), "random.state"),
    "betas": ("optimizer", lambda o: o["param_groups"][0].update(betas=[0.9]), "betas"),
    "adam step": ("optimizer", lambda o: o["scalars"]["0"].update(step=-5), "scalars.0.step"),
}


def test_bad_resume_metadata_one_line(run, tmp_path, capsys):
    from backprop.io import read

    tensors, meta = read(run / "checkpoint.safetensors")
    for name, (key, change, words) in RESUME_CASES.items():
        value = json.loads(meta[key])
        change(value)
        bad = H.signed_model(tmp_path / f"resume-{len(name)}-{name[:5]}.safetensors",
                             tensors, dict(meta, **{key: json.dumps(value)}))
        err = one_line(capsys, ["train", "--resume", str(bad), "--epochs", "3"], words)
        assert str(bad) in err, name
    assert len(RESUME_CASES) >= 16


def test_resume_at_a_step_beyond_the_epoch_is_refused(run, tmp_path, capsys):
    from backprop.io import read

    tensors, meta = read(run / "checkpoint.safetensors")
    trainer, config = json.loads(meta["trainer"]), json.loads(meta["config"])
    trainer["step"], trainer["running"]["seen"] = 1000, 1000 * config["batch_size"]
    bad = H.signed_model(tmp_path / "far.safetensors", tensors,
                         dict(meta, trainer=json.dumps(trainer)))
    one_line(capsys, ["train", "--resume", str(bad), "--epochs", "3"], "step 1001")


# -- divergence -------------------------------------------------------------------------
@pytest.mark.filterwarnings("error::RuntimeWarning")  # a NumPy warning would be more lines
def test_divergence_stops_with_one_line_and_writes_no_model(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 6)).astype(np.float32)
    data = tmp_path / "d.npz"
    np.savez(data, x=x, y=(x[:, 0] > 0).astype(np.int64))
    for i, extra in enumerate((["--lr", "1e6"],
                               ["--optimizer", "sgd", "--lr", "1e38", "--batch-size", "60000"],
                               ["--optimizer", "momentum", "--lr", "1e30", "--batch-size", "16"])):
        out = tmp_path / f"run{i}"
        one_line(capsys, ["train", "--data", str(data), "--epochs", "3", "--out", str(out),
                          "--quiet", *extra], "training diverged")
        assert not (out / "model.safetensors").exists()
        assert not (out / "checkpoint.safetensors").exists()


def test_divergence_keeps_the_last_good_checkpoint(tmp_path):
    import backprop as bp
    from backprop import optim
    from backprop.io import load_checkpoint, save_checkpoint
    from backprop.train import Trainer
    from backprop.train.divergence import DivergedError

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 6)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64)
    bp.manual_seed(0)
    model = bp.build_model("flatten linear(4) relu linear(2)", (6,), 2)
    path = tmp_path / "checkpoint.safetensors"
    trainer = Trainer(model, optim.SGD(model.parameters(), lr=0.1), epochs=3, batch_size=16,
                      log=None, progress=False)

    def sabotage(t):  # after epoch 1's checkpoint, a bad step blows the weights up
        save_checkpoint(path, t)
        if t.epoch == 1:
            for p in t.model.parameters():
                p.data *= 1e9

    trainer.on_epoch = sabotage
    with pytest.raises(DivergedError, match="epoch 2, step 1"):
        trainer.fit(x, y)
    kept = load_checkpoint(path)
    assert kept.epoch == 1
    assert all(np.all(np.abs(v) < 1e3) for v in kept.model.state_dict().values())


@pytest.mark.filterwarnings("error::RuntimeWarning")
def test_nan_models_are_neither_saved_nor_loaded(tmp_path, capsys):
    import backprop as bp
    from backprop.errors import CheckpointError

    model = bp.build_model("flatten linear(3)", (4,), 3)
    model[1].weight.data[0, 0] = np.nan
    with pytest.raises(CheckpointError, match="NaN"):
        bp.save(model, tmp_path / "nan.safetensors")
    t = H.tiny_mlp_tensors()
    t["1.weight"][0, 0] = np.inf
    path = H.signed_model(tmp_path / "inf.safetensors", t,
                          H.model_meta("flatten linear(4) relu linear(3)", [6]))
    one_line(capsys, ["evaluate", str(path)], "NaN or inf")
    t = {k: np.full_like(v, 1e5) for k, v in H.tiny_mlp_tensors().items()}
    big = H.signed_model(tmp_path / "big.safetensors", t,
                         H.model_meta("flatten linear(4) relu linear(3)", [6]))
    np.savez(tmp_path / "huge.npz", x=np.full((10, 6), 1e30, np.float32), y=np.arange(10) % 3)
    one_line(capsys, ["evaluate", str(big), "--data", str(tmp_path / "huge.npz")], "overflow")
    one_line(capsys, ["predict", str(big), str(tmp_path / "huge.npz")], "overflow")


# -- killed writes and unwritable destinations ------------------------------------------
def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temporaries_of_killed_writes_are_removed(run, tiny, capsys):
    dead = _dead_pid()
    stale = [run / f".checkpoint.safetensors.{dead}-abc{i}.tmp" for i in range(3)]
    legacy = run / ".checkpoint.safetensors.k2j4h5g6.tmp"
    alive = run / f".checkpoint.safetensors.{os.getpid()}-live.tmp"
    foreign = [run / ".checkpoint.safetensors.notes.tmp", run / "mine.tmp",
               run / f".model.safetensors.{dead}-abc.tmp.bak"]
    for p in stale + [legacy, alive] + foreign:
        p.write_bytes(b"partial")
    orphan = run / ".gone.safetensors.k2j4h5g6.tmp"  # legacy name, but no such target
    orphan.write_bytes(b"partial")
    old = time.time() - 3600
    os.utime(legacy, (old, old))
    os.utime(orphan, (old, old))
    from backprop.io import check_writable

    check_writable(run)  # what train does first: the run starts clean
    assert not any(p.exists() for p in stale + [legacy])
    assert alive.exists() and orphan.exists() and all(p.exists() for p in foreign)
    stale[0].write_bytes(b"partial")
    assert main(["train", "--resume", str(run), "--epochs", "3", "--quiet"]) == 0
    capsys.readouterr()
    assert not stale[0].exists() and alive.exists()


def test_out_that_cannot_be_written_is_refused_before_training(tiny, tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    start = time.perf_counter()
    one_line(capsys, ["train", "--data", str(tiny), "--out", str(blocker / "run")],
             "cannot write there")
    assert time.perf_counter() - start < 5  # refused before the 20 default epochs
    if os.geteuid() != 0:  # root writes into read-only directories anyway
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o555)
        try:
            one_line(capsys, ["train", "--data", str(tiny), "--out", str(ro)],
                     "cannot write there")
        finally:
            ro.chmod(0o755)
