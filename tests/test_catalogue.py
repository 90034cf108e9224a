"""The table-driven gradient check: every registered rule, every case, float64, against
central differences (random-direction VJP checks plus the full Jacobian on small inputs)."""

import inspect

import numpy as np
import pytest

import backprop.functional as F
from backprop.verify.catalogue import all_rules
from backprop.verify.gradcheck import check_rule

RULES = all_rules()
# Public functions of backprop.functional that are not differentiable rules.
NOT_RULES = {"conv_output_shape", "pool_output_shape",  # shape arithmetic, no VJP
             "argmax", "argmin", "one_hot"}  # integer results, no gradient


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_passes_gradcheck(name):
    report = check_rule(RULES[name], seed=0)
    assert report.passed, "\n" + str(report)


@pytest.mark.parametrize("name", sorted(RULES))
def test_rule_table_is_well_formed(name):
    rule = RULES[name]
    cases = rule.cases(np.random.default_rng(0))
    shapes = {tuple(x.shape for x in c.inputs) for c in cases}
    assert len(shapes) >= 3, f"{name}: fewer than three shapes tried: {shapes}"
    assert any(1 in x.shape for c in cases for x in c.inputs), \
        f"{name}: no case with a batch of 1 or a size-1 axis"
    for c in cases:
        assert c.inputs, f"{name} {c.label}: no differentiable input"
        assert all(x.dtype == np.float64 for x in c.inputs), f"{name} {c.label}: not float64"
    # At least one case small enough for the full Jacobian.
    assert any(sum(x.size for x in c.inputs) <= 200 for c in cases)
    assert "Forward:" in (inspect.getdoc(rule.fn) or ""), f"{name}: docstring lacks Forward:"
    assert "VJP:" in (inspect.getdoc(rule.fn) or ""), f"{name}: docstring lacks VJP:"


def test_full_jacobian_and_directions_are_both_used():
    report = check_rule(RULES["softmax"], samples=0)
    assert {r.mode for _, r in report.cases} == {"full"}
    assert all(r.compared > 3 * 1 for _, r in report.cases)


def test_every_public_op_is_catalogued():
    fns = {id(r.fn) for r in RULES.values()}
    missing = [name for name, obj in vars(F).items()
               if callable(obj) and not name.startswith("_") and inspect.isfunction(obj)
               and name not in NOT_RULES and name not in RULES and id(obj) not in fns]
    assert not missing, f"functional ops with no catalogue rule: {missing}"


def test_catalogue_catches_a_broken_rule():
    """The table is only useful if it can fail: break softmax's VJP and it must."""
    from backprop.engine import primitive
    from backprop.verify.catalogue import Case, Rule

    @primitive
    def bad_softmax(x):
        s = F.softmax(x).numpy()
        return s, lambda g, needs: (s * g,)  # forgot − s⟨g, s⟩

    rule = Rule("bad", bad_softmax, "6",
                lambda rng: [Case("x(4,)", bad_softmax, (rng.standard_normal(4),))])
    assert not check_rule(rule).passed
