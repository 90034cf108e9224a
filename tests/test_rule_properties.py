"""Every rule on cases generated from its declared Space (Hypothesis): 0-d inputs, size-0
and size-1 axes, negative axes, keepdims both ways. On each case the rule either refuses
with a BackpropError (where its Space says the input is invalid) or passes gradcheck in
float64 — and, with PyTorch installed, agrees with it in value and gradient."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import backprop as bp
from backprop.errors import BackpropError
from backprop.verify.catalogue import FEATURES, RandomChooser, all_rules, draw_case, features
from backprop.verify.catalogue.strategies import cases
from backprop.verify.gradcheck import gradcheck

try:
    import torch
except ImportError:  # PyTorch is the optional second oracle
    torch = None

RULES = all_rules()
SPACED = sorted(n for n, r in RULES.items() if r.space is not None)
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_declares_a_space(name):
    assert RULES[name].space is not None, f"{name}: no Space to generate cases from"


def _missing_features(rule) -> set[str]:
    """Features the rule's Space never generates in 300 draws and does not disclaim."""
    space = rule.space
    chooser = RandomChooser(np.random.default_rng(0))
    seen = set()
    for _ in range(300):
        seen |= features(draw_case(rule, chooser))
    needed = {"0-d input", "size-0 axis", "size-1 axis"}
    if any(k in space.options for k in ("axis", "dim", "axes")):
        needed.add("negative axis")
    if any(k in space.options for k in ("keepdims", "keepdim")):
        needed |= {"keepdims=True", "keepdims=False"}
    assert set(space.without) <= set(FEATURES), space.without
    return needed - seen - set(space.without)


@pytest.mark.parametrize("name", SPACED)
def test_space_reaches_every_feature(name):
    """The declaration can reach each feature, or says why the rule cannot take it."""
    missing = _missing_features(RULES[name])
    assert not missing, f"{name}: the Space never generates {sorted(missing)}"


def test_a_narrow_space_is_caught():
    from dataclasses import replace

    from backprop.verify.catalogue import Space
    from backprop.verify.catalogue.spaces import normal, shape

    narrow = Space(shape(min_dims=1, min_side=1), normal, {"keepdims": lambda c, s: True,
                                                           "axis": lambda c, s: 0})
    missing = _missing_features(replace(RULES["sum"], space=narrow))
    assert missing == {"0-d input", "size-0 axis", "negative axis", "keepdims=False"}


def _torch_agrees(rule, case, rng) -> None:
    kwargs = {k: torch.as_tensor(v) if isinstance(v, np.ndarray) else v
              for k, v in case.options.items()}
    ts = [torch.tensor(x, requires_grad=True) for x in case.inputs]
    ref = rule.space.torch(torch, *ts, **kwargs)
    if ref is None:  # the twin says PyTorch cannot express this case
        return
    xs = [bp.tensor(x, requires_grad=True) for x in case.inputs]
    out = case.f(*xs)
    np.testing.assert_allclose(out.numpy(), ref.detach().numpy(), rtol=1e-10, atol=1e-12,
                               err_msg=f"{rule.name} {case.label}: value")
    assert out.shape == tuple(ref.shape), f"{rule.name} {case.label}: shape"
    if not out.requires_grad or not ref.requires_grad:
        return
    v = rng.standard_normal(out.shape)
    out.backward(v)
    grads = torch.autograd.grad(ref, ts, torch.tensor(v), allow_unused=True)
    for k, (x, g) in enumerate(zip(xs, grads)):
        expected = np.zeros(x.shape) if g is None else g.numpy()
        actual = np.zeros(x.shape) if x.grad is None else x.grad  # an input the case ignores
        np.testing.assert_allclose(actual, expected, rtol=1e-10, atol=1e-12,
                                   err_msg=f"{rule.name} {case.label}: gradient of input {k}")


@pytest.mark.parametrize("name", SPACED)
def test_rule_on_generated_cases(name):
    rule = RULES[name]

    @SETTINGS
    @given(cases(rule))
    def check(case):
        if not case.valid:
            with pytest.raises(BackpropError):
                case.f(*case.inputs)
            return
        result = gradcheck(case.f, *case.inputs, mode="full")
        assert result.passed, f"{name} {case.label}\n{result}"
        if torch is not None and rule.space.torch is not None:
            _torch_agrees(rule, case, np.random.default_rng(0))

    check()


def test_a_wrong_rule_fails_on_generated_cases():
    """The property test can fail: transpose with its VJP's permutation not inverted."""
    from dataclasses import replace

    import backprop.functional as F
    from backprop.engine import primitive

    @primitive
    def bad_transpose(a, axes=None):
        perm = tuple(range(np.ndim(a)))[::-1] if axes is None else tuple(
            p % max(np.ndim(a), 1) for p in axes)
        return np.transpose(a, perm), lambda g, needs: (np.transpose(g, perm),)

    rule = replace(RULES["transpose"], fn=bad_transpose)
    failures = []

    @SETTINGS
    @given(cases(rule))
    def check(case):
        if case.valid and not gradcheck(case.f, *case.inputs, mode="full").passed:
            failures.append(case.label)

    check()
    assert failures, "no generated case caught a non-inverted permutation"
    assert F.transpose is RULES["transpose"].fn
