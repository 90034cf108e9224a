"""Sizes and step counts that come from the user are bounded before anything is allocated or
looped over: every allocating path asks the one memory budget (backprop.limits) first.

Each family draws (hypothesis) a batch of absurd sizes for every path — layers, convolution
and pooling buffers, factories, one-hot, DataLoader indices, padding, normalisation — runs
them all in one child process (adversary.py's harness) and asserts that every one was
refused with the budget's one-line BackpropError, with the child's peak resident memory
(VmHWM) far below the size asked for. Schedules resumed at absurd step counts run in a child
with a wall-clock limit.
"""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adversary as A
from adversary import GB, MB, Case

import backprop as bp
from backprop import limits
from backprop.errors import BackpropError

SETTINGS = settings(max_examples=10, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
PEAK = 250 * MB  # the child: Python, NumPy and backprop (~60 MB), nothing of the sizes asked

HUGE = st.integers(2**29, 2**62)       # beyond the budget whatever the dtype
SIDE = st.integers(2**15, 2**31)       # a side whose square (or product) is beyond it

# Each strategy writes one call that must be refused by the budget, in a namespace with
# bp, F (backprop.functional), np and Big (a dataset that only claims its length).
CALLS = st.one_of(
    st.builds(lambda a, b: f"bp.nn.Linear({a}, {b})", SIDE, SIDE),
    st.builds(lambda k: f"bp.nn.Conv2d(1, 1, {k})", SIDE),
    st.builds(lambda k: f"bp.nn.Conv2d(2, 4, (1, {k}))", HUGE),
    st.builds(lambda k: f"bp.nn.Conv1d(1, 3, {k})", HUGE),
    st.builds(lambda n: f"bp.nn.BatchNorm1d({n})", HUGE),
    st.builds(lambda a, b: f"bp.nn.LayerNorm(({a}, {b}))", SIDE, SIDE),
    st.builds(lambda n: f"bp.zeros({n})", HUGE),
    st.builds(lambda a, b: f"bp.ones({a}, {b}, dtype=bp.float64)", SIDE, SIDE),
    st.builds(lambda a, b: f"bp.full(({a}, 0, {b}), 1.0)", SIDE, SIDE),
    st.builds(lambda n: f"bp.arange({n})", HUGE),
    st.builds(lambda n: f"bp.randn({n})", HUGE),
    st.builds(lambda n: f"bp.randperm({n})", HUGE),
    st.builds(lambda n: f"bp.randint(0, 5, ({n},))", HUGE),
    st.builds(lambda n: f"F.one_hot(np.array([0, 1]), num_classes={n})", HUGE),
    st.builds(lambda n: f"F.adaptive_avg_pool2d(np.zeros((1, 1, 4, 4)), ({n}, {n}))", SIDE),
    st.builds(lambda p: f"F.pad(np.zeros((2, 3)), ({p}, {p}, {p}, {p}))", SIDE),
    st.builds(lambda p: f"F.conv2d(np.zeros((1, 1, 4, 4), np.float32), "
                        f"np.zeros((1, 1, 1, 1), np.float32), padding={p})", SIDE),
    # im2col of a batch that is a zero-cost broadcast view: 9 taps × N·OH·OW columns
    st.builds(lambda n: f"F.conv2d(np.broadcast_to(np.zeros((1, 1, 10, 10), np.float32), "
                        f"({n}, 1, 10, 10)), np.zeros((2, 1, 3, 3), np.float32))",
              st.integers(2**22, 2**40)),
    st.builds(lambda n: f"F.max_pool2d(np.broadcast_to(np.zeros((1, 1, 4, 4)), ({n}, 1, 4, 4)), "
                        f"2, stride=1)", st.integers(2**27, 2**40)),
    st.builds(lambda n: f"next(iter(DataLoader(Big({n}), batch_size=8, shuffle=True)))", HUGE),
    st.builds(lambda n, b: f"next(iter(DataLoader(Big({n}), batch_size={b})))",
              st.integers(2**30, 2**62), st.integers(2**28, 2**40)),
    st.builds(lambda n: f"DataLoader(Big({n})).order()", HUGE),
)

PRELUDE = """
import json, sys
import numpy as np
import backprop as bp
import backprop.functional as F
from backprop.errors import BackpropError
from backprop.limits import BudgetError
from backprop.utils.data import DataLoader, Dataset

class Big(Dataset):
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i): return np.float32(i), int(i) % 3

results = []
for call in CALLS:
    try:
        eval(call)
    except BudgetError as e:
        results.append(["refused", call, str(e)])
    except BaseException as e:
        results.append(["other", call, f"{type(e).__name__}: {e}"[:300]])
    else:
        results.append(["allowed", call, ""])
print(json.dumps(results))
"""


def _batch(calls: list[str]) -> str:
    return f"CALLS = {calls!r}\n" + textwrap.dedent(PRELUDE)


@SETTINGS
@given(st.lists(CALLS, min_size=20, max_size=20))
def test_every_size_from_input_is_refused_before_it_is_allocated(tmp_path_factory, calls):
    case = Case("budget", (), python=_batch(calls), code=0, memory=PEAK, seconds=120,
                kind="memory")
    got = A.run(case, tmp_path_factory.mktemp("sizes"))
    assert not A.verdict(case, got), "\n".join(A.verdict(case, got))
    results = json.loads(got.stdout.strip().splitlines()[-1])
    for outcome, call, message in results:
        assert outcome == "refused", (call, outcome, message)
        assert "\n" not in message and "limit for one array" in message, message
        assert "BACKPROP_MAX_ELEMENTS" in message
    assert got.peak < PEAK


def test_what_fits_the_budget_is_allowed_and_the_budget_can_be_moved(monkeypatch):
    assert bp.zeros(2**20).shape == (2**20,)
    assert bp.nn.Linear(512, 256).weight.shape == (256, 512)
    with limits.allocation_budget(elements=1000):
        with pytest.raises(BackpropError, match="limit for one array is 1,000 entries"):
            bp.zeros(1001)
        assert bp.zeros(1000).shape == (1000,)
        with limits.allocation_budget(elements=10**9):  # a block inside keeps the smaller
            with pytest.raises(MemoryError):
                bp.nn.Linear(40, 40)
    monkeypatch.setenv(limits.BYTES_VARIABLE, str(4 * 100))
    with pytest.raises(BackpropError, match="400 bytes"):
        bp.zeros(101)  # float32: 404 bytes
    assert bp.zeros(100).shape == (100,)
    monkeypatch.setenv(limits.ELEMENTS_VARIABLE, "many")
    with pytest.raises(BackpropError, match="BACKPROP_MAX_ELEMENTS"):
        bp.zeros(3)


def test_the_budget_is_what_refuses_not_a_fixed_size():
    """Just beyond the budget is refused, just within it is not; a path that used to have a
    larger limit of its own (conv buffers: 2^30) is held to it: an input within the budget
    whose column buffer (9 taps × 64 positions per sample) is not."""
    n = limits.MAX_ELEMENTS
    with pytest.raises(MemoryError):
        limits.check_allocation("t", "array", n + 1, np.int8)
    assert limits.check_allocation("t", "array", n, np.int8) == n
    with pytest.raises(MemoryError):
        limits.check_allocation("t", "array", limits.MAX_BYTES // 8 + 1, np.float64)
    with pytest.raises(MemoryError, match="column buffer"):
        bp.functional.conv2d(np.broadcast_to(np.zeros((1, 1, 10, 10), np.float32),
                                             (n // 300, 1, 10, 10)),
                             np.zeros((1, 1, 3, 3), np.float32))


# -- time: schedules resumed at absurd step counts, milestones by the hundred thousand -------
JUMPS = st.one_of(
    st.builds(lambda t, g: f"L.ExponentialLR(opt(), {g}, last_epoch={t})",
              st.integers(10**9, 10**18), st.floats(0.01, 0.999)),
    st.builds(lambda t, s: f"L.StepLR(opt(), {s}, 0.5, last_epoch={t})",
              st.integers(10**9, 10**18), st.integers(1, 10)),
    st.builds(lambda t, n: f"L.MultiStepLR(opt(), range(1, {n}), 0.9, last_epoch={t})",
              st.integers(10**9, 10**18), st.integers(10**4, 2 * 10**5)),
    st.builds(lambda t: f"L.CosineAnnealingLR(opt(), 7, last_epoch={t})",
              st.integers(10**9, 10**18)),
    st.builds(lambda t: f"L.LinearLR(opt(), last_epoch={t})", st.integers(10**9, 10**18)),
    st.builds(lambda t: f"s = L.ExponentialLR(opt(), 0.9); s.load_state_dict("
                        f"{{'last_epoch': {t}}})", st.integers(10**9, 10**18)),
    st.builds(lambda n: f"s = L.MultiStepLR(opt(), range(1, {n}), 0.99)\n"
                        f"for _ in range({n}): s.step()", st.integers(10**5, 2 * 10**5)),
)

TIME_PRELUDE = """
import numpy as np
import backprop as bp
from backprop import optim
from backprop.optim import lr_scheduler as L

def opt():
    o = optim.SGD([bp.tensor(np.zeros(2), requires_grad=True)], lr=0.1, momentum=0.9)
    o.param_groups[0]["initial_lr"] = 0.1  # as a resumed optimiser has it
    return o

for code in CODES:
    exec(code)
print("done")
"""


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(JUMPS, min_size=8, max_size=8))
def test_schedules_take_any_step_count_in_bounded_time(tmp_path_factory, codes):
    case = Case("schedules", (), python=f"CODES = {codes!r}\n" + textwrap.dedent(TIME_PRELUDE),
                code=0, memory=PEAK, seconds=30, stdout_has="done", kind="time")
    got = A.run(case, tmp_path_factory.mktemp("time"))
    assert not A.verdict(case, got), "\n".join(A.verdict(case, got))


def test_the_harness_would_see_a_loop_and_an_allocation(tmp_path):
    """The two measures can fail: a loop of 10^10 steps is stopped at its time limit, and an
    allocation that the budget allows is seen in the peak."""
    loop = Case("loop", (), python="for _ in range(10**10): pass", code=0, seconds=2)
    assert A.run(loop, tmp_path / "a").killed == "time"
    big = Case("big", (), python="import numpy as np; np.ones(2**27, np.float32)", code=0,
               memory=PEAK)
    got = A.run(big, tmp_path / "b")
    assert got.peak > 2**29 - 1, got.peak  # 512 MiB touched
    assert any("peak memory" in w for w in A.verdict(big, got))
