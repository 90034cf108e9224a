"""RMSprop, Adagrad, the new schedules and gradient clipping against PyTorch: trajectories
agree to 1e-10 over hundreds of float64 steps, and a run stopped, saved and resumed goes on
bit-identically."""

import json
import math

import numpy as np
import pytest

import backprop as bp
from backprop import optim
from backprop.errors import BackpropError
from backprop.nn.utils import clip_grad_norm_, clip_grad_value_

torch = pytest.importorskip("torch", reason="PyTorch is the optional second oracle")
torch.set_num_threads(1)  # tiny tensors: more threads only add overhead
STEPS = 300
RTOL = 1e-10

_rng = np.random.default_rng(7)
A = _rng.standard_normal((6, 4))
B = _rng.standard_normal(6)


def grad_of(theta: np.ndarray) -> np.ndarray:
    """Gradient of Σ log cosh(Aθ − b) + 0.025 Σ θ⁴: smooth, bounded, with a unique minimum."""
    return A.T @ np.tanh(A @ theta.reshape(4) - B) + 0.1 * theta.reshape(4) ** 3


def _pair(make_ours, make_theirs, groups=1):
    theta0 = np.random.default_rng(3).standard_normal((groups, 4))
    ours = [bp.tensor(t.copy(), requires_grad=True) for t in theta0]
    theirs = [torch.tensor(t.copy(), requires_grad=True) for t in theta0]
    return ours, theirs, make_ours(ours), make_theirs(theirs)


def _run(ours, theirs, opt, topt, steps, sched=None, tsched=None, metric=None):
    for k in range(steps):
        for p, t in zip(ours, theirs):
            p.grad = grad_of(p.data)
            t.grad = torch.tensor(grad_of(t.detach().numpy()))
        opt.step()
        topt.step()
        if sched is not None:
            if metric is None:
                sched.step()
                tsched.step()
            else:
                sched.step(metric(k))
                tsched.step(metric(k))
        for p, t in zip(ours, theirs):
            np.testing.assert_allclose(p.data, t.detach().numpy(), rtol=RTOL, atol=1e-13,
                                       err_msg=f"step {k}")
        for g, tg in zip(opt.param_groups, topt.param_groups):
            assert g["lr"] == pytest.approx(tg["lr"], rel=RTOL, abs=1e-15), f"step {k}"


OPTIMISERS = [
    ("rmsprop", lambda p: optim.RMSprop(p, lr=1e-2), lambda p: torch.optim.RMSprop(p, lr=1e-2)),
    # Centred RMSprop divides by the gradient's spread, so its step does not shrink near the
    # minimum: there it hovers chaotically and any rounding difference grows. lr = 1e-3 keeps
    # the 300 steps on the way down.
    ("rmsprop_all", lambda p: optim.RMSprop(p, lr=1e-3, alpha=0.9, momentum=0.8, centered=True,
                                            weight_decay=0.01),
     lambda p: torch.optim.RMSprop(p, lr=1e-3, alpha=0.9, momentum=0.8, centered=True,
                                   weight_decay=0.01)),
    ("adagrad", lambda p: optim.Adagrad(p, lr=0.1), lambda p: torch.optim.Adagrad(p, lr=0.1)),
    ("adagrad_all", lambda p: optim.Adagrad(p, lr=0.2, lr_decay=0.01, weight_decay=0.05,
                                            initial_accumulator_value=0.1, eps=1e-8),
     lambda p: torch.optim.Adagrad(p, lr=0.2, lr_decay=0.01, weight_decay=0.05,
                                   initial_accumulator_value=0.1, eps=1e-8)),
]


# Steps of each trajectory compared as a whole, before each step is compared from a shared
# state. Centred RMSprop with momentum, once it nears its minimum (about step 200 here),
# hovers: its step divides by the gradient's spread, which shrinks there, and the map is
# chaotic — a difference of one rounding grows ×10 every few steps (1e-16 at step 235,
# 2e-10 at step 267). How much depends on the CPU, not on either library: PyTorch's CPU
# kernels round a·b + c once (a fused multiply-add) or twice depending on the vector width
# the machine has (AVX-512: fused, in add(alpha=), addcmul, lerp), and NumPy rounds twice.
# So its whole trajectory is compared while it descends, and every one of its 300 steps is
# compared from the state PyTorch reached, where one step's rounding cannot compound.
HORIZON = {"rmsprop_all": 200}


@pytest.mark.parametrize("name,make,make_torch", OPTIMISERS, ids=[o[0] for o in OPTIMISERS])
def test_optimiser_trajectory_matches_torch(name, make, make_torch):
    ours, theirs, opt, topt = _pair(make, make_torch)
    _run(ours, theirs, opt, topt, HORIZON.get(name, STEPS))


@pytest.mark.parametrize("name,make,make_torch", OPTIMISERS, ids=[o[0] for o in OPTIMISERS])
def test_each_optimiser_step_matches_torch_from_a_shared_state(name, make, make_torch):
    """Every step of the 300, taken by both from the parameters and state PyTorch reached:
    the update rule itself agrees to 1e-10, wherever the trajectory goes."""
    ours, theirs, opt, topt = _pair(make, make_torch)
    for k in range(STEPS):
        for p, t in zip(ours, theirs):
            p.data[...] = t.detach().numpy()
            mine = opt.state.get(id(p), {})
            for key, value in topt.state[t].items():
                if key in mine and torch.is_tensor(value) and value.dim() > 0:  # arrays
                    mine[key] = value.detach().numpy().copy()
            p.grad = grad_of(p.data)
            t.grad = torch.tensor(grad_of(t.detach().numpy()))
        opt.step()
        topt.step()
        for p, t in zip(ours, theirs):
            np.testing.assert_allclose(p.data, t.detach().numpy(), rtol=RTOL, atol=1e-13,
                                       err_msg=f"step {k}")


SCHEDULES = [
    ("lambda", lambda o: optim.lr_scheduler.LambdaLR(o, lambda t: 0.99 ** t),
     lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda t: 0.99 ** t)),
    ("linear_warmup", lambda o: optim.lr_scheduler.LinearLR(o, 0.1, 1.0, total_iters=50),
     lambda o: torch.optim.lr_scheduler.LinearLR(o, 0.1, 1.0, total_iters=50)),
    ("linear_decay", lambda o: optim.lr_scheduler.LinearLR(o, 1.0, 0.2, total_iters=120),
     lambda o: torch.optim.lr_scheduler.LinearLR(o, 1.0, 0.2, total_iters=120)),
    ("step", lambda o: optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.9),
     lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=7, gamma=0.9)),
    ("multistep", lambda o: optim.lr_scheduler.MultiStepLR(o, [30, 80, 80, 150, 299], 0.7),
     lambda o: torch.optim.lr_scheduler.MultiStepLR(o, [30, 80, 80, 150, 299], 0.7)),
    ("exponential", lambda o: optim.lr_scheduler.ExponentialLR(o, gamma=0.987),
     lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.987)),
    ("one_cycle", lambda o: optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=STEPS),
     lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.05, total_steps=STEPS)),
    ("one_cycle_3", lambda o: optim.lr_scheduler.OneCycleLR(
        o, max_lr=0.05, epochs=10, steps_per_epoch=30, three_phase=True,
        anneal_strategy="linear", pct_start=0.25),
     lambda o: torch.optim.lr_scheduler.OneCycleLR(
        o, max_lr=0.05, epochs=10, steps_per_epoch=30, three_phase=True,
        anneal_strategy="linear", pct_start=0.25)),
]


@pytest.mark.parametrize("schedule", [s for s in SCHEDULES
                                      if s[0] in ("step", "multistep", "exponential")],
                         ids=lambda s: s[0])
def test_decaying_schedules_give_torch_s_rates_to_the_bit(schedule):
    """StepLR, MultiStepLR and ExponentialLR multiply the rate step after step, as PyTorch's
    do: after 300 steps the rates are the same floats, not merely close (γᵗ computed at
    once differs from t products in the last bit)."""
    name, make, make_torch = schedule
    _, _, opt, topt = _pair(lambda p: optim.SGD(p, lr=0.05), lambda p: torch.optim.SGD(p, lr=0.05))
    sched, tsched = make(opt), make_torch(topt)
    for k in range(STEPS):
        topt.step()  # no gradients: moves nothing, but keeps PyTorch's order of calls
        sched.step()
        tsched.step()
        assert sched.get_last_lr() == tsched.get_last_lr(), f"step {k}"


# Every schedule with SGD (momentum); the one-cycle ones with Adam too, whose β₁ they cycle.
SCHEDULE_RUNS = [(s, "sgd") for s in SCHEDULES] + [
    (s, "adam") for s in SCHEDULES if s[0].startswith("one_cycle")]


@pytest.mark.parametrize("schedule,opt_name", SCHEDULE_RUNS,
                         ids=[f"{s[0]}-{o}" for s, o in SCHEDULE_RUNS])
def test_schedule_trajectory_matches_torch(schedule, opt_name):
    name, make, make_torch = schedule
    if opt_name == "sgd":
        mk, tmk = (lambda p: optim.SGD(p, lr=0.02, momentum=0.9),
                   lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.9))
    else:
        mk, tmk = (lambda p: optim.Adam(p, lr=0.02), lambda p: torch.optim.Adam(p, lr=0.02))
    ours, theirs, opt, topt = _pair(mk, tmk, groups=2)
    sched, tsched = make(opt), make_torch(topt)
    _run(ours, theirs, opt, topt, STEPS, sched, tsched)
    if name.startswith("one_cycle"):  # the momentum (or β₁) was cycled as PyTorch cycles it
        key = "momentum" if opt_name == "sgd" else "betas"
        assert opt.param_groups[0][key] == pytest.approx(topt.param_groups[0][key], rel=RTOL)


def _plateau_metric(k: int) -> float:
    return max(1.0 - 0.01 * k, 0.6) + 0.05 * math.sin(k)  # improves, then flattens


@pytest.mark.parametrize("kwargs", [{}, {"patience": 3, "factor": 0.5, "cooldown": 2},
                                    {"mode": "max", "threshold_mode": "abs", "threshold": 0.01,
                                     "patience": 2, "min_lr": 1e-4}])
def test_reduce_on_plateau_matches_torch(kwargs):
    ours, theirs, opt, topt = _pair(lambda p: optim.SGD(p, lr=0.02),
                                    lambda p: torch.optim.SGD(p, lr=0.02))
    sched = optim.lr_scheduler.ReduceLROnPlateau(opt, **kwargs)
    tsched = torch.optim.lr_scheduler.ReduceLROnPlateau(topt, **kwargs)
    _run(ours, theirs, opt, topt, 200, sched, tsched, metric=_plateau_metric)
    assert opt.param_groups[0]["lr"] < 0.02  # it did reduce


def _checkpointed(state: dict) -> dict:
    """What a checkpoint keeps: arrays as arrays, everything else through JSON."""
    arrays = {(i, k): v for i, s in state.get("state", {}).items() for k, v in s.items()
              if isinstance(v, np.ndarray)}
    text = json.loads(json.dumps(state, default=lambda v: None))
    for (i, k), v in arrays.items():
        text["state"][str(i)][k] = v.copy()
    if "state" in text:
        text["state"] = {int(i): s for i, s in text["state"].items()}
    return text


RESUMABLE = [
    (lambda p: optim.RMSprop(p, lr=5e-3, momentum=0.5, centered=True),
     lambda o: optim.lr_scheduler.OneCycleLR(o, max_lr=0.02, total_steps=100), False),
    (lambda p: optim.Adagrad(p, lr=0.1, lr_decay=0.01),
     lambda o: optim.lr_scheduler.LinearLR(o, 0.2, total_iters=30), False),
    (lambda p: optim.Adam(p, lr=0.01),
     lambda o: optim.lr_scheduler.LambdaLR(o, lambda t: 1 / (1 + 0.05 * t)), False),
    (lambda p: optim.SGD(p, lr=0.05, momentum=0.9),
     lambda o: optim.lr_scheduler.ReduceLROnPlateau(o, patience=2, factor=0.5), True),
]


@pytest.mark.parametrize("make,make_sched,plateau", RESUMABLE)
def test_save_and_resume_is_bit_identical(make, make_sched, plateau):
    def fresh():
        p = [bp.tensor(np.random.default_rng(3).standard_normal(4), requires_grad=True)]
        opt = make(p)
        return p, opt, make_sched(opt)

    def advance(p, opt, sched, ks):
        for k in ks:
            p[0].grad = grad_of(p[0].data)
            opt.step()
            sched.step(_plateau_metric(k)) if plateau else sched.step()

    p, opt, sched = fresh()
    advance(p, opt, sched, range(100))
    straight = p[0].data.copy()

    p, opt, sched = fresh()
    advance(p, opt, sched, range(40))
    saved = (p[0].data.copy(), _checkpointed(opt.state_dict()),
             json.loads(json.dumps(sched.state_dict())))
    q, opt2, sched2 = fresh()
    q[0].data = saved[0]
    opt2.load_state_dict(saved[1])
    sched2.load_state_dict(saved[2])
    advance(q, opt2, sched2, range(40, 100))
    np.testing.assert_array_equal(q[0].data, straight)


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.0, math.inf])
@pytest.mark.parametrize("max_norm", [0.5, 100.0])
def test_clip_grad_norm_matches_torch(norm_type, max_norm, rng):
    grads = [rng.standard_normal(s) for s in [(3, 4), (4,), (2, 2, 2)]]
    ours = [bp.tensor(np.zeros_like(g), requires_grad=True) for g in grads]
    theirs = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads]
    for p, t, g in zip(ours, theirs, grads):
        p.grad, t.grad = g.copy(), torch.tensor(g)
    total = clip_grad_norm_(ours, max_norm, norm_type)
    ttotal = torch.nn.utils.clip_grad_norm_(theirs, max_norm, norm_type)
    assert float(total) == pytest.approx(float(ttotal), rel=1e-12)
    for p, t in zip(ours, theirs):
        np.testing.assert_allclose(p.grad, t.grad.numpy(), rtol=1e-12)


def test_clip_grad_value_and_errors(rng):
    g = rng.standard_normal((5, 3)) * 3
    p = bp.tensor(np.zeros((5, 3)), requires_grad=True)
    t = torch.zeros((5, 3), dtype=torch.float64, requires_grad=True)
    p.grad, t.grad = g.copy(), torch.tensor(g)
    clip_grad_value_(p, 1.0)
    torch.nn.utils.clip_grad_value_(t, 1.0)
    np.testing.assert_array_equal(p.grad, t.grad.numpy())
    p.grad = np.array([[np.inf, 0, 0]] * 5)
    with pytest.raises(BackpropError, match="non|inf"):
        clip_grad_norm_([p], 1.0, error_if_nonfinite=True)


def test_bad_arguments_are_one_clear_error():
    p = [bp.tensor(np.zeros(2), requires_grad=True)]
    with pytest.raises(BackpropError, match="momentum"):
        optim.lr_scheduler.OneCycleLR(optim.Adagrad(p), max_lr=0.1, total_steps=10)
    with pytest.raises(BackpropError, match="total_steps"):
        optim.lr_scheduler.OneCycleLR(optim.SGD(p), max_lr=0.1)
    sched = optim.lr_scheduler.OneCycleLR(optim.SGD(p, momentum=0.9), max_lr=0.1, total_steps=2)
    sched.step()
    sched.step()
    with pytest.raises(BackpropError, match="total_steps"):
        sched.step()
    with pytest.raises(BackpropError, match="factor"):
        optim.lr_scheduler.ReduceLROnPlateau(optim.SGD(p), factor=2.0)


class _Killed(Exception):
    pass


CHECKPOINTED = {
    "rmsprop_linear": (lambda p: optim.RMSprop(p, lr=5e-3, momentum=0.5, centered=True),
                       lambda o: optim.lr_scheduler.LinearLR(o, 0.25, total_iters=2)),
    "adagrad_lambda": (lambda p: optim.Adagrad(p, lr=0.05, lr_decay=0.01),
                       lambda o: optim.lr_scheduler.LambdaLR(o, lambda e: 0.5 ** e)),
}


@pytest.mark.parametrize("name", sorted(CHECKPOINTED))
def test_checkpoint_file_resume_is_bit_identical(name, tmp_path):
    """Through the real checkpoint file: stopped mid-epoch, resumed, the same weights."""
    pytest.importorskip("safetensors")
    from backprop.io import load_checkpoint, save_checkpoint
    from backprop.train import Trainer

    make, make_sched = CHECKPOINTED[name]
    rng = np.random.default_rng(0)
    x = rng.normal(size=(120, 6)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64) + (x[:, 2] > 1)

    def trainer(model):
        opt = make(model.parameters())
        return Trainer(model, opt, epochs=3, batch_size=32, seed=7, scheduler=make_sched(opt),
                       log=None, progress=False)

    def fresh():
        bp.manual_seed(3)
        return bp.build_model("linear(8) tanh linear(3)", (6,), 3)

    whole = trainer(fresh())
    whole.fit(x, y)
    path = tmp_path / "checkpoint.safetensors"
    first = trainer(fresh())

    def stop(t):
        if (t.epoch, t.step) == (1, 2):
            save_checkpoint(path, t)
            raise _Killed

    first.on_step = stop
    with pytest.raises(_Killed):
        first.fit(x, y)
    ck = load_checkpoint(path)
    resumed = trainer(ck.model)
    ck.restore(resumed)
    resumed.fit(x, y)
    for k, v in whole.model.state_dict().items():
        np.testing.assert_array_equal(resumed.model.state_dict()[k], v, err_msg=k)


def test_new_optimisers_are_recipes_by_name():
    from backprop.train.recipe import make_optimizer

    p = [bp.tensor(np.zeros(2), requires_grad=True)]
    assert type(make_optimizer("rmsprop", p)) is optim.RMSprop
    opt = make_optimizer("adagrad", p, lr=0.5)
    assert type(opt) is optim.Adagrad and opt.param_groups[0]["lr"] == 0.5
