"""The README's first install, alone, gives every subcommand what it needs.

A clean copy of this checkout (the files git knows, as they are now) is installed with
``python -m pip install ".[cli]"`` into a new virtual environment, as the README's first line
does; then every subcommand's ``--help`` and one real run of each are run with that
environment's ``backprop``. Commands that need a heavy extra (plot, ONNX, graphviz) must say
so in one line naming the pip command that works from where the user is. Slow: the install
takes about 40 s (pip's cache is used); one environment serves every check of the module.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from backprop.cli import COMMANDS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], capture_output=True, check=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        pytest.skip("not a git checkout: no clean copy to install")
    return [f for f in out.decode().split("\0") if f and (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(the venv's bin folder, the clean copy, a scratch folder)."""
    base = tmp_path_factory.mktemp("fresh")
    copy = base / "clone"
    for name in _tracked_files():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / "bin"
    done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet",
                           ".[cli]"], cwd=copy, env=_env(), capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    work = base / "work"
    work.mkdir()
    return bin_dir, copy, work


def _env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"
    return env


def _backprop(fresh, *args: str, cwd: Path | None = None,
              timeout: float = 300) -> subprocess.CompletedProcess:
    bin_dir, _, work = fresh
    return subprocess.run([str(bin_dir / "backprop"), *args], cwd=cwd or work, env=_env(),
                          capture_output=True, text=True, timeout=timeout)


def _ok(done: subprocess.CompletedProcess, code: int = 0) -> str:
    assert done.returncode == code, (done.args, done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    return done.stdout


def test_the_installed_copy_is_the_fresh_one(fresh):
    bin_dir, copy, work = fresh
    done = subprocess.run([str(bin_dir / "python"), "-c",
                           "import backprop, lark, nbformat, latex2mathml, safetensors, tqdm; "
                           "print(backprop.__file__)"], cwd=work, env=_env(),
                          capture_output=True, text=True, timeout=60)
    where = Path(_ok(done).strip())
    assert where.is_relative_to(bin_dir.parent), where
    for heavy in ("matplotlib", "onnx", "sklearn", "mpi4py", "graphviz", "torch"):
        done = subprocess.run([str(bin_dir / "python"), "-c", f"import {heavy}"], cwd=work,
                              env=_env(), capture_output=True, text=True, timeout=60)
        assert done.returncode != 0, f"{heavy} is installed by the [cli] install"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_has_help(fresh, command):
    out = _ok(_backprop(fresh, command, "--help", timeout=60))
    assert out.startswith(f"usage: backprop {command}")


@pytest.fixture(scope="module")
def run_dir(fresh):
    _, _, work = fresh
    out = work / "runs" / "bc"
    (work / "runs").mkdir(exist_ok=True)
    _ok(_backprop(fresh, "train", "--data", "breast-cancer", "--epochs", "1", "--quiet",
                  "--out", str(out)))
    assert (out / "model.safetensors").is_file()
    return out


def test_train_evaluate_predict(fresh, run_dir):
    _, _, work = fresh
    assert "accuracy" in _ok(_backprop(fresh, "evaluate", str(run_dir)))
    inputs = work / "inputs.npy"
    np.save(inputs, np.random.default_rng(0).uniform(0, 1, (3, 30)).astype(np.float32))
    lines = _ok(_backprop(fresh, "predict", str(run_dir), str(inputs))).splitlines()
    assert [line.split("\t")[0] for line in lines] == ["0", "1", "2"]


def test_summary_explain_gradcheck_exercises(fresh):
    assert "total" in _ok(_backprop(fresh, "summary", "conv(4,3) flatten linear(2)",
                                    "--shape", "1x8x8"))
    assert "Forward" in _ok(_backprop(fresh, "explain", "softmax"))
    assert "pass" in _ok(_backprop(fresh, "gradcheck", "softmax", "sigmoid"))
    assert _ok(_backprop(fresh, "exercises", "list")).strip()


DERIVATION = r"""---
W: matrix 3x4
---
$$z = Wx + b, \quad L = \frac12\|z\|^2$$

$$\frac{\partial L}{\partial b} = z$$

$$\frac{\partial L}{\partial x} = W z$$
"""


def test_check_a_derivation_and_a_notebook(fresh):
    """The checker's parser (Lark) and notebook reader (nbformat) come with [cli]."""
    _, _, work = fresh
    (work / "layer.md").write_text(DERIVATION, encoding="utf-8")
    out = _ok(_backprop(fresh, "check", "layer.md"), code=1)
    assert "✓" in out and "first wrong step (line 8)" in out
    cell = {"cell_type": "markdown", "id": "derivation", "metadata": {}, "source": DERIVATION}
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    (work / "layer.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    out = _ok(_backprop(fresh, "check", "layer.ipynb"), code=1)
    assert "first wrong step (cell 1, line 8)" in out
    out = _ok(_backprop(fresh, "check", "--f", "softmax(x)", "--vjp",
                        "softmax(x) * (v - v @ softmax(x))"))
    assert "holds" in out


def test_trace_and_graph(fresh):
    _, _, work = fresh
    assert "backward" in _ok(_backprop(fresh, "trace"))
    _ok(_backprop(fresh, "trace", "--format", "html", "-o", "trace.html"))
    assert "<math" in (work / "trace.html").read_text(encoding="utf-8")
    assert "digraph" in _ok(_backprop(fresh, "graph"))


def test_serve_answers(fresh):
    bin_dir, _, work = fresh
    proc = subprocess.Popen([str(bin_dir / "backprop"), "serve", "--port", "0"], cwd=work,
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("backprop serve: http://127.0.0.1:"), (line, proc.poll())
        url = line.split()[2]
        with urllib.request.urlopen(url, timeout=30) as answer:
            assert answer.status == 200 and b"<html" in answer.read().lower()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def _one_line(done: subprocess.CompletedProcess) -> str:
    _ok(done, code=2)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_a_heavy_extra_is_named_with_the_command_from_here(fresh, run_dir):
    """From the clone it was installed from, `pip install ".[X]"`; from elsewhere, the
    clone's path — both install the extra into this very environment."""
    _, copy, work = fresh
    here = _one_line(_backprop(fresh, "plot", str(run_dir), cwd=copy))
    assert here.endswith('pip install ".[plot]" (or pip install matplotlib)'), here
    there = _one_line(_backprop(fresh, "plot", str(run_dir), cwd=work))
    assert f'pip install "{copy}[plot]"' in there, there
    onnx = _one_line(_backprop(fresh, "export", str(run_dir), "--onnx", "m.onnx", cwd=copy))
    assert 'pip install ".[onnx]"' in onnx, onnx
    svg = _one_line(_backprop(fresh, "graph", "--format", "svg", cwd=copy))
    assert 'pip install ".[graph]"' in svg, svg
