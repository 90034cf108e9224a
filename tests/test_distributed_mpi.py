"""Several ranks for real: each test launches ``mpiexec -n 2 python -m mpi4py …`` with a
timeout (pytest itself stays one process). Skipped when the [mpi] extra is not installed;
CI installs it. The jobs are in tests/mpi_jobs.py."""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import backprop as bp
from backprop.errors import BackpropError

if importlib.util.find_spec("mpi4py") is None:
    pytest.skip("the [mpi] extra (mpi4py, mpich) is not installed", allow_module_level=True)

from backprop.distributed import launch  # noqa: E402

try:
    MPIEXEC = launch.find_mpiexec()
except BackpropError as e:
    pytest.skip(str(e), allow_module_level=True)

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
# A small run of the CLI: 455 training samples, 15 steps per epoch (the last of 7 samples).
SMALL = ["--data", "breast-cancer", "--hidden", "16", "--epochs", "3", "--batch-size", "32",
         "--seed", "2"]


def _env(**extra: str) -> dict:
    env = launch.mpiexec_environment(launch.is_open_mpi(MPIEXEC), 2)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    env["OMP_NUM_THREADS"] = "1"  # two ranks on two cores
    env.update(extra)
    return env


def _mpi(*args: str, timeout: float = 60, **extra: str) -> subprocess.CompletedProcess:
    cmd = [MPIEXEC, "-n", "2", sys.executable, "-m", "mpi4py", str(HERE / "mpi_jobs.py"),
           *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=_env(**extra), cwd=HERE)


def _json(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _weights(path: Path) -> np.ndarray:
    model = bp.load(path)[0]
    return np.concatenate([p.data.ravel() for p in model.parameters()])


def test_gradients_sharding_and_sync_batch_norm_agree_with_one_process():
    out = _json(_mpi("checks"))
    # the gradient of the mean loss over a batch split 5 + 6, each rank's loss weighted by
    # its share, summed; and the mean of the mean gradients for equal shares
    assert out["gradient plain"] <= 1e-12
    assert out["gradient sync"] <= 1e-12
    assert out["mean of mean gradients"] <= 1e-12
    for epoch in (0, 1):  # every sample exactly once per epoch, across the ranks
        assert out[f"epoch {epoch} taken"] == [1]
        assert sum(out[f"epoch {epoch} counts"]) == 103
    # SyncBatchNorm on shares of 5 and 3 samples against BatchNorm on all 8 (float64)
    for key in ("sync y", "sync x̄", "sync γ̄", "sync β̄", "sync running"):
        assert out[key] <= 1e-12, key


def test_fifty_steps_on_two_ranks_give_the_one_process_weights():
    out = _json(_mpi("equivalence"))
    for opt in ("sgd", "momentum", "adam"):
        for norm in ("plain", "sync"):
            assert out[f"{opt} {norm}"] <= 1e-12, (opt, norm)
        # per-rank batch norm normalises each half by its own statistics: another model
        assert out[f"{opt} local"] > 1e-4, opt
        for norm in ("plain", "sync", "local"):
            assert out[f"{opt} {norm} ranks equal"], (opt, norm)


def _train(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "backprop", "train", *args],
                          capture_output=True, text=True, timeout=timeout, env=_env(),
                          cwd=HERE)


def test_workers_2_trains_the_one_process_model_and_rank_0_alone_speaks(tmp_path):
    two = _train(*SMALL, "--float64", "--workers", "2", "--out", str(tmp_path / "two"))
    assert two.returncode == 0, two.stderr[-3000:]
    assert two.stdout.count("test accuracy") == 1 and two.stdout.count("epoch 1/3") == 1
    assert "workers: 2" in two.stdout
    one = _train(*SMALL, "--float64", "--out", str(tmp_path / "one"))
    assert one.returncode == 0, one.stderr[-3000:]
    a, b = _weights(tmp_path / "two" / "model.safetensors"), \
        _weights(tmp_path / "one" / "model.safetensors")
    assert np.abs(a - b).max() <= 1e-12 * np.abs(b).max()
    assert one.stdout.splitlines()[-2].split()[2] == two.stdout.splitlines()[-2].split()[2]


def test_a_raising_rank_aborts_the_job_with_its_one_line_error(tmp_path):
    t0 = time.monotonic()
    proc = _mpi("cli", *SMALL, "--out", str(tmp_path), timeout=60, FAULT="raise:5")
    assert time.monotonic() - t0 < 30  # not a hang: rank 0 waited in its allreduce
    assert proc.returncode != 0
    assert "backprop train: error: rank 1 of 2: a fault injected at step 5" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_a_killed_rank_leaves_the_checkpoint_and_the_resumed_run_ends_as_the_whole_one(
        tmp_path, dtype):
    flags = [*SMALL, "--checkpoint-every", "3"] + (["--float64"] if dtype == "float64" else [])
    whole = _mpi("cli", *flags, "--out", str(tmp_path / "whole"))
    assert whole.returncode == 0, whole.stderr[-3000:]
    t0 = time.monotonic()
    killed = _mpi("cli", *flags, "--out", str(tmp_path / "run"), FAULT="kill:20")
    assert time.monotonic() - t0 < 30 and killed.returncode != 0
    ckpt = bp.io.load_checkpoint(tmp_path / "run" / "checkpoint.safetensors")  # intact
    assert (ckpt.epoch, ckpt.step) == (1, 3)  # the last one written: step 18 of 45
    assert not (tmp_path / "run" / "model.safetensors").exists()
    resumed = _train("--workers", "2", "--resume", str(tmp_path / "run"))
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "resuming" in resumed.stdout
    a = _weights(tmp_path / "run" / "model.safetensors")
    b = _weights(tmp_path / "whole" / "model.safetensors")
    if dtype == "float64":
        np.testing.assert_array_equal(a, b)
        assert (tmp_path / "run" / "metrics.jsonl").read_text().count("\n") == 3
    else:
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


# -- a rank that dies under `backprop train --workers` --------------------------------------
def _launched_ranks() -> dict[int, int]:
    """rank → pid of the processes a --workers launcher started (they carry its folder)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            env = dict(kv.split(b"=", 1) for kv in
                       open(f"/proc/{entry}/environ", "rb").read().split(b"\0") if b"=" in kv)
        except OSError:
            continue
        rank = env.get(b"PMI_RANK", env.get(b"OMPI_COMM_WORLD_RANK"))
        if b"BACKPROP_RANKS_DIR" in env and rank is not None:
            found[int(rank)] = int(entry)
    return found


@pytest.mark.parametrize("rank, sig", [(1, "SIGKILL"), (0, "SIGKILL"), (1, "SIGTERM")])
def test_a_worker_that_dies_is_named_with_its_checkpoint_and_the_command_that_resumes(
        tmp_path, rank, sig):
    import shlex
    import signal

    run = tmp_path / "run"
    args = [*SMALL[:-4], "--epochs", "40", "--seed", "2", "--checkpoint-every", "3",
            "--workers", "2", "--out", str(run)]
    proc = subprocess.Popen([sys.executable, "-m", "backprop", "train", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=_env(), cwd=HERE)
    try:
        deadline = time.monotonic() + 60
        while not ((run / "checkpoint.safetensors").exists() and len(_launched_ranks()) == 2):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the job did not get going"
            time.sleep(0.05)
        os.kill(_launched_ranks()[rank], getattr(signal, sig))
        t0 = time.monotonic()
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert time.monotonic() - t0 < 30
    assert proc.returncode == 1, (out[-2000:], err[-2000:])
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("backprop train: error: ") and "Traceback" not in out + err
    assert f"rank {rank} of 2 (pid " in line and f"was killed by {sig}" in line, line
    assert f"the last checkpoint is {run / 'checkpoint.safetensors'} (epoch " in line, line
    assert "BAD TERMINATION" not in out + err  # mpiexec's banner is held back, read, replaced
    command = shlex.split(line.split("resume with: ", 1)[1])
    assert command[:5] == ["backprop", "train", "--workers", "2", "--resume"]
    resumed = _train(*command[2:])
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert "resuming" in resumed.stdout and (run / "model.safetensors").exists()


def test_more_workers_than_cores_or_slots_are_refused_in_one_line(tmp_path):
    from backprop.threads import available_cores

    many = _train("--workers", str(available_cores() + 1), "--out", str(tmp_path / "a"))
    assert many.returncode == 2 and len(many.stderr.splitlines()) == 1, many.stderr
    assert f"at most {available_cores()} workers" in many.stderr
    hosts = tmp_path / "hosts"
    hosts.write_text("# two machines\nnode1:2\nnode2 slots=1\n")
    four = _train("--workers", "4", "--hostfile", str(hosts), "--out", str(tmp_path / "b"))
    assert four.returncode == 2 and "offers 3 slots" in four.stderr, four.stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
