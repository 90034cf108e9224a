"""The size check of architecture specs, as the trace and the page use it: every layer kind
counts (its parameters, its output's values, its declared multiply-adds), however its sizes
are written (positional, keyword, tuple), and a spec too big is refused before its weights
or any layer's output fill memory; a one-hot target never builds a C × C matrix."""

import math
import tracemalloc

import numpy as np
import pytest

from backprop.cli import main
from backprop.errors import SpecError
from backprop.models import Limits, architecture, build_model
from backprop.trace import LIMITS, trace
from backprop.trace.inputs import one_hot, target_vector
from backprop.trace.api import TRACE_LIMITS
from test_layers import EXAMPLES


def _sizes(spec, shape):
    """(parameters, the largest layer's values, multiply-adds, all outputs' values) of a
    spec, unrestricted."""
    model = build_model(spec, shape)
    shapes = architecture(model, shape).shapes
    work = sum(m.multiply_adds(s) for m, s in zip(model, shapes))
    return (sum(p.data.size for p in model.parameters()), max(map(math.prod, shapes)), work,
            sum(map(math.prod, shapes[1:])))


@pytest.mark.parametrize("cls", list(EXAMPLES), ids=lambda c: c.__name__)
def test_every_layer_kind_counts_against_each_limit(cls):
    spec, shape = EXAMPLES[cls]
    params, values, work, kept = _sizes(spec, shape)
    build_model(spec, shape, limits=Limits(params, values, work, kept))  # exactly at the limits
    if params:
        with pytest.raises(SpecError, match="too big: .* beyond"):
            build_model(spec, shape, limits=Limits(params - 1, values, work, kept))
    with pytest.raises(SpecError, match="too big: shape"):
        build_model(spec, shape, limits=Limits(params, values - 1, work, kept))
    with pytest.raises(SpecError, match="too big: one sample's forward pass"):
        build_model(spec, shape, limits=Limits(params, values, work - 1, kept))
    with pytest.raises(SpecError, match="too big: the layers' outputs"):
        build_model(spec, shape, limits=Limits(params, values, work, kept - 1))
    model = build_model(spec, shape)
    for m, s in zip(model, architecture(model, shape).shapes):
        assert m.multiply_adds(s) >= math.prod(m.output_shape(s)), type(m).__name__


@pytest.mark.parametrize("spec,shape", [
    ("linear(out_features=300000)", (4,)),          # a size given by keyword
    ("linear(300000)", (4,)),
    ("flatten linear(100000) linear(100000)", (4,)),
    ("adaptiveavgpool((2000,2000)) flatten linear(2)", (1, 4, 4)),  # as a tuple
    ("adaptiveavgpool(output_size=(2000,2000)) flatten linear(2)", (1, 4, 4)),
    ("conv(filters=100000,kernel=(50,50)) flatten linear(2)", (3, 60, 60)),
    ("conv(4,kernel=(3,3),padding=500) flatten linear(2)", (1, 10, 10)),
    ("maxpool(kernel=(40,40),stride=1) flatten linear(2)", (1, 300, 300)),
    ("avgpool1d(kernel=3000,stride=1) flatten linear(2)", (1, 200_000)),
    ("linear(999999999999999999)", (4,)),
    ("layernorm((1000,1000))", (1000, 1000)),
    (" ".join(["relu"] * 40), (1, 100, 120)),  # many small layers that a trace keeps
])
def test_absurd_specs_are_refused_before_memory_is_used(spec, shape):
    tracemalloc.start()
    try:
        with pytest.raises(SpecError, match="too big"):
            build_model(spec, shape, limits=TRACE_LIMITS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, f"{spec}: {peak / 2**20:.0f} MiB used before refusing"


def test_the_trace_limits_refuse_what_the_command_line_cannot_trace(capsys):
    for spec in ("flatten linear(2000) linear(2000)", "linear(out_features=3000000)"):
        assert main(["trace", spec]) == 2
        err = capsys.readouterr().err
        assert "too big" in err and err.count("\n") == 1, err
    assert LIMITS.parameters >= 640_000  # a saved MNIST MLP still traces


def test_a_one_hot_target_is_one_vector_not_an_identity_matrix():
    np.testing.assert_array_equal(one_hot(2, 4), [0, 0, 1, 0])
    tracemalloc.start()
    try:
        label, t = target_vector(49_999, "cross_entropy", (50_000,))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert label == 49_999 and t.shape == (50_000,) and t.sum() == 1 and t[-1] == 1
    assert peak < 2 * 50_000 * 8  # np.eye(50000) would be 20 GB


def test_a_wide_output_layer_traces_in_little_memory():
    tracemalloc.start()
    try:
        t = trace("flatten linear(17000)", target=16_999)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert t.passed and t.gradients["1.weight"].shape == (17_000, 4)
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"


def test_central_differences_stay_within_their_budget_and_are_counted(monkeypatch):
    import dataclasses

    from backprop import nn
    from backprop.render.trace import describe_coverage

    full = trace()
    assert full.checked.numeric == full.checked.entries == 36
    none = trace(check_work=0)
    assert none.checked.numeric == 0 and none.passed
    assert describe_coverage(none).startswith("checked all 36 backward entries against the "
                                              "engine and 0 of them by central differences")
    some = trace(check_work=1_000_000)
    assert 0 < some.checked.numeric < 36
    assert sum(s.check.checked for s in some.steps if s.check) == some.checked.numeric
    # a wrong closed form is still caught by the engine when no entry is compared numerically
    monkeypatch.setattr(nn.Sigmoid, "formula", dataclasses.replace(
        nn.Sigmoid.formula, closed_input=lambda m, x, y, g: g * y))
    assert not trace(check_work=0).passed


def test_a_deep_network_gets_a_few_entries_compared_not_none():
    spec = " ".join(["conv(4,3,padding=1) relu"] * 12) + " flatten linear(2)"
    t = trace(spec, shape="4x16x16", check_work=200_000_000)
    assert 0 < t.checked.numeric < 12 * 25 and t.passed


def test_a_given_model_is_checked_against_the_limits_before_it_runs():
    from backprop.models import check_limits

    model = build_model("flatten linear(300) relu linear(300) relu linear(3)", (1, 20, 20))
    small = Limits(parameters=100_000, values=1_000, multiply_adds=10**9)
    with pytest.raises(SpecError, match="too big: 211,503 parameters, more than 100,000"):
        trace(model=model, shape="1x20x20", limits=small)
    assert model[1].weight.data.dtype == np.float32  # refused before it was cast or run
    wide = build_model("linear(500) relu linear(3)", (4,))
    with pytest.raises(SpecError, match=r"layer 0 \(Linear\): output: too big: shape \(500,\)"):
        check_limits(wide, (4,), Limits(values=499))
    with pytest.raises(SpecError, match=r"input_shape: too big"):
        check_limits(model, (1, 20, 20), Limits(values=399))
    with pytest.raises(SpecError, match="layer 3 .* multiply-adds"):
        check_limits(model, (1, 20, 20), Limits(multiply_adds=200_000))
    assert trace(model=model, shape="1x20x20").passed  # within the trace's own limits
