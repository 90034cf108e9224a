"""Jobs that tests/test_distributed_mpi.py runs on two ranks:

    mpiexec -n 2 python -m mpi4py tests/mpi_jobs.py JOB [ARGS…]

Rank 0 prints one JSON line of measurements (the test asserts on them); the one-process
references are computed on rank 0 from the whole batch.
"""

from __future__ import annotations

import json
import os
import signal
import sys

import numpy as np

import backprop as bp
import backprop.functional as F
from backprop import distributed as dist
from backprop import nn
from backprop.errors import BackpropError
from backprop.train import Trainer
from backprop.train.recipe import make_optimizer


def rel(a, b) -> float:
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.abs(a - b).max() / max(np.abs(b).max(), 1e-300))


def mlp(norm: str, seed: int = 0) -> nn.Sequential:
    """linear(8) [batch norm] relu linear(3), float64; ``norm`` is "", "sync" or "local".
    The linear layer before a batch norm has no bias: its gradient would be 0 but for
    rounding, which Adam's m/√v blows up to steps of size lr (in one process as well)."""
    bp.manual_seed(seed)
    layers = [nn.Linear(6, 8, bias=not norm)]
    if norm == "sync":
        layers.append(nn.SyncBatchNorm(8))
    elif norm == "local":
        layers.append(nn.BatchNorm1d(8))
    layers += [nn.ReLU(), nn.Linear(8, 3)]
    return nn.Sequential(*layers).to(np.float64)


def data(n: int = 190):
    rng = np.random.default_rng(5)
    return rng.standard_normal((n, 6)), rng.integers(0, 3, n)


def grads(model) -> np.ndarray:
    """Every parameter's gradient end to end (compared as one vector)."""
    return np.concatenate([p.grad.ravel() for p in model.parameters()])


def job_checks(world) -> dict:
    """The gradient of the mean loss, the sharding and SyncBatchNorm against one process."""
    out: dict = {}
    x, y = data(11)  # 11 samples: shares of 5 and 6, unequal
    for norm in ("", "sync"):
        model = mlp(norm)
        part = dist.shard(slice(0, len(x)), world.rank, world.size)
        loss = F.cross_entropy(model(x[part]), y[part])
        loss.backward(np.asarray((part.stop - part.start) / len(x)))  # weighted by its share
        dist.allreduce_gradients(model, average=False)
        summed = grads(model)
        if world.rank == 0:
            alone = mlp("local" if norm else "")
            F.cross_entropy(alone(x), y).backward()
            out[f"gradient {norm or 'plain'}"] = rel(summed, grads(alone))
    # the mean of the ranks' mean gradients, equal shares of 6
    x6, y6 = data(12)
    model = mlp("")
    part = dist.shard(slice(0, 12), world.rank, world.size)
    F.cross_entropy(model(x6[part]), y6[part]).backward()
    dist.allreduce_gradients(model)
    mean_of_means = grads(model)
    if world.rank == 0:
        alone = mlp("")
        F.cross_entropy(alone(x6), y6).backward()
        out["mean of mean gradients"] = rel(mean_of_means, grads(alone))
    # every sample once per epoch across the ranks, in the one-process batches
    sampler = dist.DistributedSampler(103, 10, seed=4)
    for epoch in range(2):
        mine = np.concatenate(list(sampler.batches(epoch)))
        counts = world.allgather(np.array([len(mine)]))[:, 0]
        taken = np.zeros(103, np.int64)
        np.add.at(taken, mine, 1)
        world.allreduce(taken)
        out[f"epoch {epoch} taken"] = sorted(set(taken.tolist()))
        out[f"epoch {epoch} counts"] = counts.tolist()
    # SyncBatchNorm on shares of 5 and 3 samples of (N, C, H, W) against BatchNorm on all 8
    rng = np.random.default_rng(9)
    xs, gy = rng.standard_normal((8, 3, 2, 2)), rng.standard_normal((8, 3, 2, 2))
    w, b = rng.standard_normal(3), rng.standard_normal(3)
    part = slice(0, 5) if world.rank == 0 else slice(5, 8)
    xt, wt, bt = (bp.tensor(v, requires_grad=True) for v in (xs[part], w, b))
    rm, rv = np.zeros(3), np.ones(3)
    ys = F.sync_batch_norm(xt, rm, rv, wt, bt, training=True)
    ys.backward(gy[part])
    pieces = {"y": ys.data, "x̄": xt.grad}
    gw, gb = wt.grad.copy(), bt.grad.copy()
    world.allreduce(gw)
    world.allreduce(gb)
    if world.rank == 0:
        xa, wa, ba = (bp.tensor(v, requires_grad=True) for v in (xs, w, b))
        rma, rva = np.zeros(3), np.ones(3)
        ya = F.batch_norm(xa, rma, rva, wa, ba, training=True)
        ya.backward(gy)
        out["sync y"] = rel(pieces["y"], ya.data[part])
        out["sync x̄"] = rel(pieces["x̄"], xa.grad[part])
        out["sync γ̄"] = rel(gw, wa.grad)
        out["sync β̄"] = rel(gb, ba.grad)
        out["sync running"] = max(rel(rm, rma), rel(rv, rva))
    return out


def job_equivalence(world) -> dict:
    """50 steps (10 epochs of 5, the last batch of each 30 samples) on two ranks against one
    process, for three optimisers and three kinds of normalisation."""
    out: dict = {}
    x, y = data(190)
    for opt in ("sgd", "momentum", "adam"):
        for norm in ("", "sync", "local"):
            model = mlp(norm)
            Trainer(model, make_optimizer(opt, model.parameters()), epochs=10, batch_size=40,
                    log=None, parallel=dist.DataParallel(world)).fit(x, y)
            mine = np.concatenate([p.data.ravel() for p in model.parameters()])
            every = world.allgather(mine)
            if world.rank == 0:
                alone = mlp("local" if norm else "")
                Trainer(alone, make_optimizer(opt, alone.parameters()), epochs=10,
                        batch_size=40, log=None).fit(x, y)
                ref = np.concatenate([p.data.ravel() for p in alone.parameters()])
                out[f"{opt} {norm or 'plain'}"] = rel(mine, ref)
                out[f"{opt} {norm or 'plain'} ranks equal"] = bool((every == every[0]).all())
    return out


def job_cli(world, *argv: str) -> None:
    """``backprop train ARGV`` on every rank, with a fault on rank 1 at its optimiser step K
    when the environment says so (FAULT=raise:K or FAULT=kill:K)."""
    fault = os.environ.get("FAULT")
    if fault and world.rank == 1:
        kind, at = fault.split(":")
        from backprop.optim import Optimizer
        for cls in _subclasses(Optimizer):
            step = cls.__dict__.get("step")
            if step is not None:
                cls.step = _faulty(step, kind, int(at))
    from backprop.cli import main
    sys.exit(main(["train", *argv]))


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _faulty(step, kind: str, at: int):
    calls = {"n": 0}

    def wrapped(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == at:
            if kind == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            raise BackpropError(f"a fault injected at step {at}")
        return step(self, *args, **kwargs)
    return wrapped


if __name__ == "__main__":
    world = dist.init()
    name, args = sys.argv[1], sys.argv[2:]
    result = {"checks": job_checks, "equivalence": job_equivalence, "cli": job_cli}[name](
        world, *args)
    if world.rank == 0 and result is not None:
        print(json.dumps(result), flush=True)
