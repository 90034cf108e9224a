"""backprop.distributed in one process: the sharding, the flat gradient buffer, the loop's
hooks with a world of one, and the launcher's command and environment. (The tests that run
several ranks launch mpiexec: tests/test_distributed_mpi.py.)"""

import sys

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import backprop as bp
from backprop.distributed import (SOLO, DataParallel, DistributedSampler, GradientBuffer,
                                  allreduce_gradients, broadcast_parameters, launch, shard)
from backprop.errors import BackpropError
from backprop.train import Trainer
from backprop.train.recipe import make_optimizer


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), batch=st.integers(1, 64), size=st.integers(1, 5),
       epoch=st.integers(0, 3))
def test_every_sample_once_per_epoch_and_the_one_process_batches(n, batch, size, epoch):
    samplers = []
    for r in range(size):
        try:
            samplers.append(DistributedSampler(n, batch, r, size, seed=7))
        except BackpropError as e:  # some rank would get nothing: refused, and only then
            assert "cannot be shared" in str(e)
            assert min(batch, n) < size or 0 < n % batch < size
            return
    one = DistributedSampler(n, batch, 0, 1, seed=7)
    per_rank = [list(s.batches(epoch)) for s in samplers]
    taken = np.concatenate([idx for steps in per_rank for idx in steps])
    assert sorted(taken.tolist()) == list(range(n))  # each sample exactly once
    for step, whole in enumerate(one.batches(epoch)):  # together: one process's batch
        parts = [steps[step] for steps in per_rank]
        assert all(len(p) >= 1 for p in parts)
        assert max(map(len, parts)) - min(map(len, parts)) <= 1
        np.testing.assert_array_equal(np.concatenate(parts), whole)


def test_the_order_is_seeded_and_changes_with_the_epoch():
    s = DistributedSampler(50, 10, 1, 2, seed=3)
    again = DistributedSampler(50, 10, 1, 2, seed=3)
    assert [b.tolist() for b in s.batches(0)] == [b.tolist() for b in again.batches(0)]
    assert [b.tolist() for b in s.batches(0)] != [b.tolist() for b in s.batches(1)]
    assert [b.tolist() for b in s.batches(0)] != \
        [b.tolist() for b in DistributedSampler(50, 10, 1, 2, seed=4).batches(0)]
    flat = DistributedSampler(50, 10, 1, 2, shuffle=False)
    assert next(iter(flat.batches(5))).tolist() == [5, 6, 7, 8, 9]


def test_shard_cuts_contiguous_parts_that_differ_by_at_most_one():
    parts = [shard(slice(10, 17), r, 3) for r in range(3)]
    assert [(p.start, p.stop) for p in parts] == [(10, 12), (12, 14), (14, 17)]


@pytest.mark.parametrize("bad", [dict(rank=2, world_size=2), dict(rank=-1, world_size=2)])
def test_a_rank_outside_the_world_is_refused(bad):
    with pytest.raises(BackpropError, match="rank"):
        DistributedSampler(10, 2, **bad)


def _model(seed=0, dtype=np.float64):
    bp.manual_seed(seed)
    return bp.build_model("linear(6) relu linear(3)", (4,)).to(dtype)


def test_the_flat_buffer_sums_gradients_and_figures_and_keeps_missing_ones_none():
    model = _model()
    params = list(model.parameters())
    for k, p in enumerate(params[:-1]):
        p.grad = np.full(p.data.shape, float(k + 1))
    buffer = GradientBuffer(params, figures=2)
    assert buffer.buffer.size == sum(p.data.size for p in params) + len(params) + 2
    figures = buffer.reduce(SOLO, (3.5, 2.0), divide=2)
    assert figures.tolist() == [3.5, 2.0]
    for k, p in enumerate(params[:-1]):
        np.testing.assert_array_equal(p.grad, np.full(p.data.shape, (k + 1) / 2))
    assert params[-1].grad is None  # no rank had one: stays None, as in one process
    with pytest.raises(BackpropError, match="figures"):
        buffer.reduce(SOLO, (1.0,))


def test_a_world_of_one_trains_bit_identically_to_no_world():
    rng = np.random.default_rng(0)
    x, y = rng.standard_normal((90, 4)), rng.integers(0, 3, 90)
    alone = _model()
    Trainer(alone, make_optimizer("adam", alone.parameters()), epochs=2, batch_size=16,
            log=None).fit(x, y)
    solo = _model()
    broadcast_parameters(solo, comm=SOLO)
    Trainer(solo, make_optimizer("adam", solo.parameters()), epochs=2, batch_size=16,
            log=None, parallel=DataParallel(SOLO)).fit(x, y)
    for a, b in zip(alone.parameters(), solo.parameters()):
        np.testing.assert_array_equal(a.data, b.data)
    loss = bp.functional.cross_entropy(solo(x[:8]), y[:8])
    loss.backward()
    before = [p.grad.copy() for p in solo.parameters()]
    allreduce_gradients(solo, comm=SOLO)  # a world of one: its own gradient
    for g, p in zip(before, solo.parameters()):
        np.testing.assert_array_equal(g, p.grad)


def test_rank_zero_alone_speaks():
    class Rank1:
        rank, size = 1, 2
    lines = []
    t = Trainer(_model(), make_optimizer("sgd", _model().parameters()), epochs=1,
                log=lines.append, parallel=Rank1())
    t.display.say("hello")
    assert lines == [] and t.display.progress is False


def test_the_launcher_runs_this_python_under_mpi4py():
    cmd = launch.command("/opt/mpi/bin/mpiexec", 3, ["train", "--epochs", "2"])
    assert cmd == ["/opt/mpi/bin/mpiexec", "-n", "3", sys.executable, "-m", "mpi4py", "-m",
                   "backprop", "train", "--epochs", "2"]


def test_the_open_mpi_pitfalls_are_handled_and_mpich_is_left_alone(monkeypatch):
    monkeypatch.setattr(launch.os, "geteuid", lambda: 0)
    env = launch.mpiexec_environment(True, 64, base={"OMPI_MCA_smsc": "xpmem"})
    assert env["OMPI_ALLOW_RUN_AS_ROOT"] == env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] == "1"
    assert env["OMPI_MCA_rmaps_base_oversubscribe"] == "true"  # 64 ranks > the cores
    assert env["PRTE_MCA_rmaps_default_mapping_policy"] == ":oversubscribe"
    assert env["OMPI_MCA_btl_vader_single_copy_mechanism"] == "none"
    assert env["OMPI_MCA_smsc"] == "xpmem"  # a setting of the user's is kept
    assert launch.mpiexec_environment(False, 64, base={}) == {}
    monkeypatch.setattr(launch.os, "geteuid", lambda: 1000)
    assert "OMPI_ALLOW_RUN_AS_ROOT" not in launch.mpiexec_environment(True, 1, base={})
