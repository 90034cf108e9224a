"""No silent wrong result: for every family of arguments a user can get wrong, backprop gives
PyTorch's answer (values and gradients) or refuses with a BackpropError naming the argument.

Hypothesis draws the arguments — boolean masks and index arrays (positional, keyword, as
lists and as Tensors), dims and permutations in and out of range, binary cross-entropy
targets inside and outside [0, 1], powers at 0 for every kind of exponent, and every
learning-rate schedule's arguments, NaN, inf, zero and negative included — and each is
checked against torch itself.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import backprop as bp
import backprop.functional as F
from backprop import optim
from backprop.errors import BackpropError
from backprop.optim import lr_scheduler as L

torch = pytest.importorskip("torch")

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _same(ours, theirs, what=""):
    a = np.asarray(ours.data if isinstance(ours, bp.Tensor) else ours, np.float64)
    b = theirs.detach().numpy().astype(np.float64) if torch.is_tensor(theirs) else np.asarray(
        theirs, np.float64)
    assert a.shape == b.shape, (what, a.shape, b.shape)
    np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12, equal_nan=True, err_msg=what)


# -- indexing: masks and index arrays ---------------------------------------------------------
@st.composite
def indexing(draw):
    """(shape, index as numpy/lists, how to pass it, the same index for torch)."""
    shape = tuple(draw(st.lists(st.integers(1, 4), min_size=1, max_size=3)))
    kind = draw(st.sampled_from(["mask", "prefix mask", "ints", "ints tuple", "slice and ints",
                                 "mask and slice", "out of range", "bad mask shape"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n0 = shape[0]
    if kind == "mask":
        index = rng.random(shape) > 0.5
    elif kind == "prefix mask":
        index = rng.random(shape[:1]) > 0.5
    elif kind == "ints":
        index = rng.integers(-n0, n0, size=draw(st.integers(0, 6)))  # repeats and negatives
    elif kind == "ints tuple":
        index = tuple(rng.integers(-n, n, size=3) for n in shape)
    elif kind == "slice and ints":
        index = (slice(None), rng.integers(0, shape[-1], size=4)) if len(shape) > 1 else \
            rng.integers(0, n0, size=4)
    elif kind == "mask and slice":
        index = (rng.random(shape[:1]) > 0.3, Ellipsis)
    elif kind == "out of range":
        index = np.array([0, n0 + draw(st.integers(0, 5))])
    else:
        index = rng.random((n0 + 1,)) > 0.5
    form = draw(st.sampled_from(["array", "list", "Tensor"]))
    return shape, index, form


def _wrap(index, form, tensor_type):
    def one(i):
        if not isinstance(i, np.ndarray):
            return i
        if form == "list":
            return i.tolist()
        if form == "Tensor":
            return tensor_type(i)
        return i
    return tuple(one(i) for i in index) if isinstance(index, tuple) else one(index)


def _torch_index(index):
    def one(i):
        return torch.tensor(i) if isinstance(i, np.ndarray) else i
    return tuple(one(i) for i in index) if isinstance(index, tuple) else one(index)


@SETTINGS
@given(indexing(), st.sampled_from(["F.getitem(x, i)", "F.getitem(x, index=i)", "x[i]"]))
def test_indexing_with_masks_and_index_arrays_is_torch_s(drawn, call):
    shape, index, form = drawn
    x0 = np.random.default_rng(1).standard_normal(shape)
    t = torch.tensor(x0, requires_grad=True)
    try:
        want = t[_torch_index(index)]
    except IndexError:
        with pytest.raises(BackpropError):
            x = bp.tensor(x0, requires_grad=True)
            eval(call, {"F": F}, {"x": x, "i": _wrap(index, form, bp.tensor)})
        return
    x = bp.tensor(x0, requires_grad=True)
    got = eval(call, {"F": F}, {"x": x, "i": _wrap(index, form, bp.tensor)})
    _same(got, want, f"{call} {index!r}")
    v = np.random.default_rng(2).standard_normal(want.shape)
    want.backward(torch.tensor(v))
    got.backward(v)
    _same(x.grad, t.grad, "gradient")


# -- dims and permutations --------------------------------------------------------------------
SHAPES = st.lists(st.integers(1, 3), min_size=0, max_size=4).map(tuple)
DIM = st.integers(-6, 6)


def _agree_or_refused(ours, theirs):
    try:
        want = theirs()
    except (IndexError, RuntimeError, ValueError):
        with pytest.raises(BackpropError):
            ours()
        return
    got = ours()
    _same(got, want)


@SETTINGS
@given(SHAPES, DIM, DIM, st.sampled_from(["F.flatten", "method", "bp.flatten"]))
def test_flatten_takes_only_dims_that_exist(shape, start, end, how):
    x0 = np.arange(math.prod(shape), dtype=float).reshape(shape)
    ours = {"F.flatten": lambda: F.flatten(x0, start, end),
            "method": lambda: bp.tensor(x0).flatten(start, end),
            "bp.flatten": lambda: bp.flatten(bp.tensor(x0), start, end)}[how]
    _agree_or_refused(ours, lambda: torch.flatten(torch.tensor(x0), start, end))


@SETTINGS
@given(SHAPES, st.lists(DIM, min_size=0, max_size=5))
def test_permute_takes_only_permutations_of_the_axes(shape, dims):
    assume(dims)  # torch's permute() needs its dims argument
    x0 = np.arange(math.prod(shape), dtype=float).reshape(shape)
    _agree_or_refused(lambda: bp.tensor(x0).permute(*dims),
                      lambda: torch.tensor(x0).permute(*dims))


@SETTINGS
@given(SHAPES, DIM, DIM)
def test_transpose_swaps_only_axes_that_exist(shape, d0, d1):
    x0 = np.arange(math.prod(shape), dtype=float).reshape(shape)
    _agree_or_refused(lambda: bp.tensor(x0).transpose(d0, d1),
                      lambda: torch.tensor(x0).transpose(d0, d1))


# -- binary cross-entropy: targets are probabilities ------------------------------------------
TARGET = st.one_of(st.floats(0, 1), st.floats(-3, 4), st.just(float("nan")),
                   st.sampled_from([0.0, 1.0, -1e-9, 1 + 1e-9]))


@SETTINGS
@given(st.lists(TARGET, min_size=1, max_size=6), st.sampled_from(["mean", "sum", "none"]),
       st.booleans())
def test_binary_cross_entropy_takes_only_targets_in_0_1(targets, reduction, logits):
    rng = np.random.default_rng(len(targets))
    y = np.array(targets)
    x0 = rng.uniform(-4, 4, y.shape) if logits else rng.uniform(0.02, 0.98, y.shape)
    ours_fn = F.binary_cross_entropy_with_logits if logits else F.binary_cross_entropy
    theirs_fn = (torch.nn.functional.binary_cross_entropy_with_logits if logits
                 else torch.nn.functional.binary_cross_entropy)
    x, t = bp.tensor(x0, requires_grad=True), bp.tensor(y, requires_grad=True)
    if not np.all((y >= 0) & (y <= 1)):
        with pytest.raises(BackpropError, match="target"):
            ours_fn(x, t, reduction=reduction)
        return
    tx, tt = torch.tensor(x0, requires_grad=True), torch.tensor(y, requires_grad=True)
    got, want = ours_fn(x, t, reduction=reduction), theirs_fn(tx, tt, reduction=reduction)
    _same(got, want, "loss")
    v = np.random.default_rng(3).standard_normal(want.shape)
    got.backward(v)
    want.backward(torch.tensor(v))
    _same(x.grad, tx.grad, "input gradient")
    _same(t.grad, tt.grad, "target gradient")


# -- powers at 0 ------------------------------------------------------------------------------
# (−0.0 is left out: torch's x ** −½ goes through rsqrt, which gives −inf at −0 where the
# power function gives +inf; both are the same infinite slope.)
BASES = st.lists(st.sampled_from([0.0, 1.0, 2.0, 0.5, -1.0, -2.5, 3.0]), min_size=1,
                 max_size=6)
EXPONENTS = st.sampled_from([0, 1, 2, 3, -1, -2, 0.0, 1.0, 0.5, 1.5, -0.5, 2.5, -1.5])


@SETTINGS
@given(BASES, EXPONENTS, st.sampled_from(["x ** e", "x ** tensor(e)", "e ** x",
                                          "F.power(x, e)"]))
def test_powers_at_zero_have_torch_s_gradients(bases, e, form):
    x0 = np.array(bases)
    if form == "e ** x":
        assume(e >= 0)  # a negative base to a real power is not real: not this family
    x, tx = bp.tensor(x0, requires_grad=True), torch.tensor(x0, requires_grad=True)
    leaves = [(x, tx)]
    if form == "x ** e":
        got, want = x ** e, tx ** e
    elif form == "F.power(x, e)":
        got, want = F.power(x, e), torch.pow(tx, e)
    elif form == "e ** x":
        got, want = float(e) ** x, float(e) ** tx
    else:
        e0 = np.full(x0.shape, float(e))
        p, tp = bp.tensor(e0, requires_grad=True), torch.tensor(e0, requires_grad=True)
        got, want = x ** p, tx ** tp
        leaves.append((p, tp))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _same(got, want, "value")
        got.sum().backward()
        want.sum().backward()
    for k, (a, b) in enumerate(leaves):
        _same(a.grad, b.grad, f"gradient {k} of {form} at e={e}")


# -- schedules: every argument, valid or not --------------------------------------------------
NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True, width=64),
                   st.floats(-2, 2), st.sampled_from([0.0, 1.0, -1.0, 0.5, 1e-300]))
SIZE = st.one_of(st.integers(-3, 60), st.sampled_from([0, 1, 2, 1.5, float("nan")]))


def _fin(v, low=None, high=None, low_open=False):
    try:
        v = float(v)
    except (TypeError, ValueError):
        return False
    return (math.isfinite(v) and (low is None or (v > low if low_open else v >= low))
            and (high is None or v <= high))


def _int(v, low):
    return isinstance(v, int) and not isinstance(v, bool) and v >= low


@st.composite
def schedules(draw):
    """(name, our maker, torch's maker, whether our arguments are valid)."""
    name = draw(st.sampled_from(["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
                                 "LinearLR", "OneCycleLR"]))
    if name == "StepLR":
        step, gamma = draw(SIZE), draw(st.one_of(NUMBER, st.floats(0.1, 1.5)))
        kw = {"step_size": step, "gamma": gamma}
        ok = _int(step, 1) and _fin(gamma, 0, low_open=True)
    elif name == "MultiStepLR":
        ms = draw(st.lists(SIZE, max_size=6))
        gamma = draw(st.one_of(NUMBER, st.floats(0.1, 1.5)))
        kw = {"milestones": ms, "gamma": gamma}
        ok = all(_int(m, 1) for m in ms) and _fin(gamma, 0, low_open=True)
    elif name == "ExponentialLR":
        gamma = draw(st.one_of(NUMBER, st.floats(0.5, 1.2)))
        kw = {"gamma": gamma}
        ok = _fin(gamma, 0, low_open=True)
    elif name == "CosineAnnealingLR":
        T, eta = draw(SIZE), draw(st.one_of(NUMBER, st.floats(0, 0.01)))
        kw = {"T_max": T, "eta_min": eta}
        ok = _int(T, 1) and _fin(eta, 0)
    elif name == "LinearLR":
        s, e, n = (draw(st.one_of(NUMBER, st.floats(0.01, 1))),
                   draw(st.one_of(NUMBER, st.floats(0, 1))), draw(SIZE))
        kw = {"start_factor": s, "end_factor": e, "total_iters": n}
        ok = _fin(s, 0, 1, low_open=True) and _fin(e, 0, 1) and _int(n, 1)
    else:
        kw = {"max_lr": draw(st.one_of(NUMBER, st.floats(0.01, 1))),
              "total_steps": draw(st.one_of(SIZE, st.integers(1, 200))),
              "pct_start": draw(st.one_of(NUMBER, st.floats(0, 1))),
              "div_factor": draw(st.one_of(NUMBER, st.floats(1, 50))),
              "final_div_factor": draw(st.one_of(NUMBER, st.floats(1, 1e4))),
              "anneal_strategy": draw(st.sampled_from(["cos", "linear", "tan"])),
              "three_phase": draw(st.booleans())}
        ok = (_fin(kw["max_lr"], 0, low_open=True) and _int(kw["total_steps"], 1)
              and _fin(kw["pct_start"], 0, 1) and _fin(kw["div_factor"], 0, low_open=True)
              and _fin(kw["final_div_factor"], 0, low_open=True)
              and kw["anneal_strategy"] in ("cos", "linear"))
        if ok:  # the rates derived must be numbers too
            first = kw["max_lr"] / kw["div_factor"]
            ok = math.isfinite(first) and math.isfinite(first / kw["final_div_factor"])
    return name, kw, ok


def _pair_of_optimisers():
    p = [bp.tensor(np.zeros(2), requires_grad=True)]
    q = [torch.zeros(2, requires_grad=True)]
    return (optim.SGD(p, lr=0.1, momentum=0.9), torch.optim.SGD(q, lr=0.1, momentum=0.9))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedules())
@example(drawn=("LinearLR", {"start_factor": 2.225073858507e-311, "end_factor": 1.0,
                             "total_iters": 1}, True))   # torch's recursion overflows here
def test_schedules_check_every_argument_and_give_torch_s_rates(drawn):
    name, kw, ok = drawn
    ours_opt, theirs_opt = _pair_of_optimisers()
    if not ok:
        with pytest.raises(BackpropError) as info:
            getattr(L, name)(ours_opt, **kw)
        assert "\n" not in str(info.value)
        return
    ours = getattr(L, name)(ours_opt, **kw)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = getattr(torch.optim.lr_scheduler, name)(theirs_opt, **kw)
    except ZeroDivisionError:  # torch divides by a phase of no steps; ours is still finite
        assert all(math.isfinite(v) for v in ours.get_last_lr())
        return
    steps = min(kw.get("total_steps", 60), 60) - 1
    # the decaying schedules chain products as torch's do (the same floats); the others are
    # closed forms here and recursions in torch: the same values to rounding, on the scale
    # of the rates (torch's cosine recursion loses about ε·η_min a step: η_min ≫ η₀ shows it)
    rel = 1e-12 if name in ("StepLR", "MultiStepLR", "ExponentialLR") else 1e-9
    for k in range(steps):
        scale = 0.1 + (k + 1) * abs(float(kw.get("eta_min", 0)))
        assert ours.get_last_lr() == pytest.approx(theirs.get_last_lr(), rel=rel,
                                                   abs=1e-15 * scale), k
        assert all(v >= 0 for v in ours.get_last_lr()), ours.get_last_lr()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs_opt.step()
            try:
                theirs.step()
                overflow = False
            except OverflowError:   # torch's float power overflows (γ = 1e154, twice)
                overflow = True
        if (overflow or not all(math.isfinite(v) for v in theirs.get_last_lr())) and \
                name == "LinearLR":
            # torch's recursion multiplies by 1 + (e − s)/(n s): a subnormal start factor
            # overflows it, though the rate, between s·η₀ and e·η₀, is a number — ours is that
            # rate, its closed form
            ours.step()
            j = min(k + 1, kw["total_iters"])
            s, e = kw["start_factor"], kw["end_factor"]
            assert ours.get_last_lr() == pytest.approx(
                [0.1 * (s + (e - s) * j / kw["total_iters"])], rel=1e-9)
            return
        if overflow or not all(math.isfinite(v) for v in theirs.get_last_lr()):  # γ > 1 too long
            with pytest.raises(BackpropError, match="not a finite number"):
                ours.step()
            return
        ours.step()
    if name == "OneCycleLR":
        assert ours_opt.param_groups[0]["momentum"] == pytest.approx(
            theirs_opt.param_groups[0]["momentum"], rel=1e-12)


def test_a_rate_that_overflows_a_float_power_is_refused_by_name():
    """γ = 1e154 at a milestone given twice: γ² overflows Python's float power, which raises
    where NumPy would give inf; the scheduler names the step instead."""
    opt = optim.SGD([bp.tensor([1.0], requires_grad=True)], lr=0.1)
    sched = L.MultiStepLR(opt, milestones=[1, 1], gamma=1.3407807929942597e+154)
    with pytest.raises(BackpropError, match="not a finite number"):
        sched.step()


@SETTINGS
@given(st.sampled_from(["StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR",
                        "LinearLR"]), st.integers(0, 10**6))
def test_a_resumed_schedule_takes_torch_s_closed_form_at_once(name, last):
    kw = {"StepLR": {"step_size": 3, "gamma": 0.9}, "MultiStepLR": {"milestones": [2, 5, 5, 900],
          "gamma": 0.8}, "ExponentialLR": {"gamma": 0.999}, "CosineAnnealingLR": {"T_max": 7,
          "eta_min": 0.001}, "LinearLR": {"start_factor": 0.25, "total_iters": 40}}[name]
    ours_opt, theirs_opt = _pair_of_optimisers()
    ours_opt.param_groups[0]["initial_lr"] = 0.1
    ours = getattr(L, name)(ours_opt, last_epoch=last, **kw)
    assert ours.last_epoch == last + 1
    theirs = getattr(torch.optim.lr_scheduler, name)(theirs_opt, **kw)
    theirs.last_epoch = last + 1
    assert ours.get_last_lr() == pytest.approx(theirs._get_closed_form_lr(), rel=1e-9)


def test_one_cycle_with_div_factor_0_is_one_line_not_zero_division():
    ours_opt, _ = _pair_of_optimisers()
    with pytest.raises(BackpropError, match="div_factor") as info:
        L.OneCycleLR(ours_opt, 0.1, total_steps=10, div_factor=0)
    assert "\n" not in str(info.value)


@SETTINGS
@given(st.one_of(NUMBER, st.floats(0, 0.99)), st.one_of(SIZE, st.integers(0, 3)),
       st.one_of(NUMBER, st.floats(0, 0.1)), st.sampled_from(["min", "max", "mid"]))
def test_reduce_on_plateau_checks_its_arguments_and_reduces_as_torch(factor, patience,
                                                                     threshold, mode):
    ok = (_fin(factor, 0, 1) and factor < 1 and _int(patience, 0) and _fin(threshold, 0)
          and mode in ("min", "max"))
    ours_opt, theirs_opt = _pair_of_optimisers()
    kw = {"factor": factor, "patience": patience, "threshold": threshold, "mode": mode}
    if not ok:
        with pytest.raises(BackpropError):
            L.ReduceLROnPlateau(ours_opt, **kw)
        return
    ours = L.ReduceLROnPlateau(ours_opt, **kw)
    theirs = torch.optim.lr_scheduler.ReduceLROnPlateau(theirs_opt, **kw)
    for metric in [1.0, 0.9, 0.95, 0.95, 0.97, 0.5, 0.6, 0.6, 0.6, 0.6, 0.61, 0.7]:
        ours.step(metric)
        theirs.step(metric)
        assert ours.get_last_lr() == pytest.approx(theirs.get_last_lr(), rel=1e-12)
