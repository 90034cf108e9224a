"""Resource bombs: each hostile input is refused with one line and exit code 2, in a child
process limited to 2 GB of address space and 20 seconds.

The children run every case of a family in one process (through ``backprop.cli.main``) and
report each exit code and stderr, so a case that allocated what it was told to would die
with MemoryError or time out, and the test would fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

import hostile as H

resource = pytest.importorskip("resource")
pytest.importorskip("safetensors")

MEMORY = 2 * 2**30
SECONDS = 20

DRIVER = r"""
import contextlib, io, json, sys
from backprop.cli import main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            rc = main(argv)
        except SystemExit as e:
            rc = e.code
    results.append([rc, err.getvalue()])
print(json.dumps(results))
"""


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def run_limited(cases: list[list[str]]) -> list[tuple[int, str]]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join([str(Path(__file__).parents[1] / "src"),
                                           os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(cases)],
                          capture_output=True, text=True, timeout=SECONDS, env=env,
                          preexec_fn=_limit, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return [tuple(r) for r in json.loads(done.stdout.splitlines()[-1])]


def assert_refused(cases: dict[str, list[str]], words: dict[str, str]) -> None:
    results = run_limited(list(cases.values()))
    for (name, argv), (rc, err) in zip(cases.items(), results):
        assert rc == 2, (name, rc, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (name, err)
        assert "MemoryError" not in err and "Unable to allocate" not in err, (name, err)
        assert words[name] in err, (name, err)


def _idx_dir_with_images(path: Path, images: Path) -> Path:
    """A dataset directory whose training images are the hostile file ``images``."""
    H.idx_dir(path, np.zeros(10, np.int32))  # as many labels as the bombs' headers claim
    os.replace(images, path / "train-images-idx3-ubyte")
    return path


def test_data_file_bombs(tmp_path):
    d = tmp_path
    np.savez(d / "label.npz", x=np.zeros((10, 4), "f4"), y=np.r_[np.zeros(9, int), 2**40])
    (d / "label.csv").write_text("0,1,2\n" * 9 + f"{2**40},1,2\n")
    H.idx_dir(d / "idx", np.r_[np.zeros(5, np.int32), 2**30])
    # 3 GiB of zeros in 3 MB behind a header that promises 160 bytes
    H.gzip_bomb(d / "bomb.gz", H.idx_header(0x08, (10, 4, 4)), 3)
    H.gzip_bomb(d / "claims.gz", H.idx_header(0x08, (2**15, 2**15, 2**15)), 0.01)
    (d / "overflow").write_bytes(H.idx_header(0x08, (65536,) * 4))  # 2**64 bytes
    H.npz_of(d / "claims.npz", {"x.npy": H.npy_header((10**12,)), "y.npy": H.npy_header((3,))})
    trailing = H.npy_header((10, 4)) + bytes(160) + bytes(2**20)  # 1 MiB past the header's
    H.npz_of(d / "trailing.npz", {"x.npy": trailing, "y.npy": H.npy_bytes(np.zeros(10, int))},
             zipfile.ZIP_DEFLATED)
    cases = {
        "npz label": ["train", "--data", str(d / "label.npz"), "--epochs", "1"],
        "csv label": ["train", "--data", str(d / "label.csv"), "--epochs", "1"],
        "idx label": ["train", "--data", str(d / "idx"), "--epochs", "1"],
        "npz claims": ["train", "--data", str(d / "claims.npz")],
        "npz trailing": ["train", "--data", str(d / "trailing.npz")],
    }
    for name in ("bomb.gz", "claims.gz", "overflow"):
        cases[name] = ["train", "--data", str(_idx_dir_with_images(d / f"dir-{name}", d / name))]
    words = {"npz label": "label 1099511627776 at position 9", "csv label": "line 10",
             "idx label": "label 1073741824 at position 5", "bomb.gz": "holds more",
             "claims.gz": "more than", "overflow": "more than",
             "npz claims": "more than", "npz trailing": "more data"}
    assert_refused(cases, words)


def test_model_file_bombs(tmp_path):
    data = tmp_path / "d.npz"
    np.savez(data, x=np.zeros((10, 6), "f4"), y=np.arange(10) % 3)
    np.save(tmp_path / "x.npy", np.zeros((2, 6), np.float32))
    t = H.tiny_mlp_tensors()
    files = {
        "wide spec": H.signed_model(tmp_path / "wide.safetensors", t,
                                    H.model_meta("flatten linear(20000000) relu linear(3)", [6])),
        "huge input": H.signed_model(tmp_path / "input.safetensors", t,
                                     H.model_meta("flatten linear(4) relu linear(3)", [10**12])),
        "padding": H.signed_model(tmp_path / "pad.safetensors",
                                  {"0.weight": np.zeros((3, 1, 1, 1), np.float32),
                                   "0.bias": np.zeros(3, np.float32)},
                                  H.model_meta("conv(3,1,padding=100000)", [1, 4, 4])),
    }
    words = {"wide spec": "does not build", "huge input": "input_shape",
             "padding": "values per sample"}
    cases, expect = {}, {}
    for name, path in files.items():
        for command in (["evaluate", str(path), "--data", str(data)],
                        ["predict", str(path), str(tmp_path / "x.npy")],
                        ["summary", str(path)],
                        ["export", str(path), "--onnx", str(tmp_path / "m.onnx")]):
            key = f"{name} / {command[0]}"
            cases[key], expect[key] = command, words[name]
    assert_refused(cases, expect)
    assert not (tmp_path / "m.onnx").exists()


def test_check_sandbox_bombs():
    claims = ["eye(N=22000)", "ones(shape=(22000,22000))", "arange(0,480000000)",
              "arange(4.8e8)", "full((22000,22000),0)", "ones(array([22000,22000]))",
              "zeros((22000,22000))[0]", "kron(ones(3000), ones(3000))",
              "outer(ones(3000), ones(3000))", "[0] * 10**9", "[[0] * 4000] * 4000",
              "ones(4000).reshape(-1, 1) * ones(4000)", "ones((4000, 1)) @ ones((1, 4000))",
              "ones(4000)[zeros((4000, 4000), 'i')]", "diag(ones(40000))",
              "linspace(0, 1, 10**9)", "identity(50000)", "eye(3, 10**9)"]
    cases = {c: ["check", "--f", "sum(x)", "--jacobian", c] for c in claims}
    cases["x bomb"] = ["check", "--f", "sum(x)", "--jacobian", "ones(4)", "--x",
                       "ones((22000, 22000))"]
    cases["tall Jacobian"] = ["check", "--f", "x * ones((250000, 4))", "--jacobian", "eye(4)"]
    heavy = "+".join(["sum(kron(ones(1000), ones(1000)))"] * 10)
    cases["heavy claim, many points"] = ["check", "--f", "sum(x)", "--jacobian",
                                         f"ones(1) + 0 * ({heavy})", "--x", "[1]",
                                         "--points", "6000"]
    for name, joined in (("list of many", ","), ("power tower", "**")):
        cases[name] = ["check", "--f", "sum(x)", "--jacobian",
                       "[" * (joined == ",") + joined.join(["ones(999999)"] * 100)
                       + "]" * (joined == ",")]
    words = {c: "at most" for c in cases}
    words["list of many"] = words["power tower"] = "at once"
    words["ones(4000)[zeros((4000, 4000), 'i')]"] = "only numbers"
    assert_refused(cases, words)
