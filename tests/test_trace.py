"""backprop trace: the JSON contract, agreement with closed forms and with PyTorch (forward,
loss and every gradient, conv and pooling included), the text and Markdown outputs, the
command line and its one-line errors. The HTML file and the page are tested in Chromium
(tests/test_serve_browser.py)."""

import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backprop import nn
from backprop.cli import main
from backprop.errors import BackpropError
from backprop.models import build_model
from backprop.trace import DEFAULT_SPEC, parse_values, render, trace


def test_json_schema_of_the_default_trace():
    doc = json.loads(render(trace(), "json"))
    assert set(doc) == {"spec", "input", "target", "loss", "parameters", "gradients", "steps"}
    assert doc["spec"] == DEFAULT_SPEC == "flatten linear(3) sigmoid linear(3)"
    assert doc["input"] == [1.0, 0.5, -0.5, 2.0] and doc["target"] == 2
    assert isinstance(doc["loss"], float)
    keys = list(build_model(DEFAULT_SPEC, (4,)).state_dict())
    assert list(doc["parameters"]) == keys == list(doc["gradients"])
    for name in keys:
        assert np.shape(doc["parameters"][name]) == np.shape(doc["gradients"][name])
    for step in doc["steps"]:
        assert set(step) == {"layer", "direction", "formula", "values"}
        assert step["direction"] in ("forward", "backward")
        assert isinstance(step["formula"], str) and isinstance(step["layer"], str)
        np.asarray(step["values"], dtype=float)  # a (nested) list of numbers
    directions = [s["direction"] for s in doc["steps"]]
    assert directions == sorted(directions, key=("forward", "backward").index)


def test_default_trace_equals_the_closed_forms_of_the_derivations():
    t = trace()
    p, x, label = t.parameters, t.input, t.target
    W1, b1, W2, b2 = p["1.weight"], p["1.bias"], p["3.weight"], p["3.bias"]
    z1 = W1 @ x + b1
    h1 = 1 / (1 + np.exp(-z1))
    z2 = W2 @ h1 + b2
    s = np.exp(z2) / np.exp(z2).sum()
    tt = np.eye(3)[label]
    d2 = s - tt
    d1 = (W2.T @ d2) * h1 * (1 - h1)
    assert t.loss == pytest.approx(-np.log(s[label]), rel=1e-12)
    np.testing.assert_allclose(t.gradients["3.weight"], np.outer(d2, h1), atol=1e-14)
    np.testing.assert_allclose(t.gradients["3.bias"], d2, atol=1e-14)
    np.testing.assert_allclose(t.gradients["1.weight"], np.outer(d1, x), atol=1e-14)
    np.testing.assert_allclose(t.gradients["1.bias"], d1, atol=1e-14)
    by_formula = {s.formula: s.values for s in t.steps}
    np.testing.assert_allclose(by_formula["z₁ = W₁x + b₁"], z1, atol=1e-14)
    np.testing.assert_allclose(by_formula["h₁ = σ(z₁)"], h1, atol=1e-14)
    np.testing.assert_allclose(by_formula["s = softmax(z₂)"], s, atol=1e-14)
    np.testing.assert_allclose(by_formula["δ₂ = s − t   (t one-hot)"], d2, atol=1e-14)
    np.testing.assert_allclose(by_formula["∂E/∂h₁ = W₂ᵀδ₂"], W2.T @ d2, atol=1e-14)
    np.testing.assert_allclose(by_formula["δ₁ = (W₂ᵀδ₂) ⊙ σ′(z₁),  σ′(z₁) = h₁ ⊙ (1 − h₁)"], d1,
                               atol=1e-14)
    assert t.passed and all(s.check.checked == s.values.size for s in t.steps if s.check)


CASES = [
    (DEFAULT_SPEC, {}),
    ("conv(2,3,padding=1) relu maxpool(2) flatten linear(3)", {"shape": "1x6x6", "target": 1}),
    ("conv(3,3,stride=2) sigmoid avgpool(2) flatten linear(2)", {"shape": "2x9x9", "seed": 4}),
    ("conv1d(2,3) tanh avgpool1d(2) flatten linear(4) softplus linear(3)",
     {"shape": "1x10", "loss": "mse", "target": "0.5, -1, 2"}),
    ("conv1d(2,3,padding=1) maxpool1d(2) flatten linear(4) relu linear(3)",
     {"shape": "2x8", "loss": "bce", "target": "[1, 0, 0.25]", "seed": 7}),
    ("flatten linear(5) tanh dropout(0.3) linear(2)", {"input": "[[1, -2], [0.5, 3]]",
                                                       "loss": "mse"}),
]


@pytest.mark.parametrize("spec,kw", CASES)
def test_json_equals_pytorch(spec, kw):
    torch = pytest.importorskip("torch")
    import torch.nn.functional as TF

    from backprop.interop import to_torch

    doc = json.loads(render(trace(spec, **kw), "json"))
    x = np.asarray(doc["input"])
    model = build_model(spec, x.shape).to(np.float64)
    model.load_state_dict({k: np.asarray(v) for k, v in doc["parameters"].items()})
    twin = to_torch(model.eval())
    h = torch.tensor(x[None])
    forward = [s for s in doc["steps"] if s["direction"] == "forward"]
    for layer, step in zip(twin, forward):
        h = layer(h)
        np.testing.assert_allclose(step["values"], h[0].detach().numpy(), rtol=1e-10,
                                   atol=1e-12)
    y = h.detach().requires_grad_()
    target = doc["target"]
    loss = kw.get("loss", "cross_entropy")
    if loss == "cross_entropy":
        e = TF.cross_entropy(y, torch.tensor([target]))
    else:
        t = torch.tensor(np.asarray(target, dtype=np.float64)[None])
        e = (TF.mse_loss if loss == "mse" else TF.binary_cross_entropy_with_logits)(y, t)
    e.backward()
    assert doc["loss"] == pytest.approx(e.item(), rel=1e-10)
    first_delta = next(s for s in doc["steps"] if s["direction"] == "backward")
    np.testing.assert_allclose(first_delta["values"], y.grad[0].numpy(), rtol=1e-9, atol=1e-13)
    twin.zero_grad()
    whole = twin(torch.tensor(x[None]))
    e2 = (TF.cross_entropy(whole, torch.tensor([target])) if loss == "cross_entropy" else
          (TF.mse_loss if loss == "mse" else TF.binary_cross_entropy_with_logits)(
              whole, torch.tensor(np.asarray(target, dtype=np.float64)[None])))
    e2.backward()
    grads = dict(twin.named_parameters())
    assert list(doc["gradients"]) == list(grads)
    for name, g in doc["gradients"].items():
        np.testing.assert_allclose(g, grads[name].grad.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=f"{spec}: {name}")


@pytest.mark.parametrize("spec,kw", CASES)
def test_every_backward_number_is_checked_and_passes(spec, kw):
    t = trace(spec, **kw)
    backward = [s for s in t.steps if s.direction == "backward"]
    assert backward and all(s.check is not None for s in backward)
    assert t.passed, [(s.formula, s.check) for s in backward if not s.check.passed]
    assert {s.parameter for s in backward if s.parameter} == set(t.gradients)


def test_a_wrong_closed_form_is_caught(monkeypatch):
    import dataclasses

    monkeypatch.setattr(nn.Sigmoid, "formula", dataclasses.replace(
        nn.Sigmoid.formula, closed_input=lambda m, x, y, g: g * y))  # forgot the (1 − y)
    t = trace()
    bad = [s for s in t.steps if s.check is not None and not s.check.passed]
    assert not t.passed and bad[0].symbol == "δ₁"
    assert bad[0].check.engine > 1e-3 and bad[0].check.numeric > 1e-3
    assert "✗" in render(t, "text")


def test_a_model_that_overflows_is_refused():
    model = build_model("flatten linear(3) linear(3)", (4,)).to(np.float64)
    model[1].weight.data[...] = 1e200
    model[2].weight.data[...] = 1e200
    with pytest.raises(BackpropError, match=r"layer 2 \(Linear\) overflows"):
        trace(model=model)
    model[2].weight.data[...] = 1
    with pytest.raises(BackpropError, match="the loss is inf"):
        trace(model=model, loss="mse")
    params = {k: v.tolist() for k, v in trace().parameters.items()}
    params["1.bias"][0] = -2e6
    with pytest.raises(BackpropError, match="parameter 1.bias: values beyond ±1e6"):
        trace(parameters=params)


def test_kinks_are_counted_not_compared():
    # relu zeros feed a max-pool: tied windows are points without a derivative
    t = trace("conv(2,3) relu maxpool(2) flatten linear(3)", shape="1x8x8", seed=1)
    assert t.passed
    pool = next(s for s in t.steps if s.direction == "backward" and "maximum" in s.formula)
    assert pool.check.checked + pool.check.kinks == min(12, pool.values.size)


def test_text_and_markdown():
    t = trace()
    text = render(t, "text")
    for line in ("z₁ = W₁x + b₁", "h₁ = σ(z₁)", "z₂ = W₂h₁ + b₂", "s = softmax(z₂)",
                 "E = −log s_t", "δ₂ = s − t", "∂E/∂W₂ = δ₂ h₁ᵀ", "δ₁ = (W₂ᵀδ₂) ⊙ σ′(z₁)",
                 "∂E/∂W₁ = δ₁ xᵀ", f"loss E = {t.loss:.6g}"):
        assert line in text
    assert text.count("✓ max |Δ|: engine") == sum(s.direction == "backward" for s in t.steps)
    md = render(t, "markdown")
    assert md.startswith(f"# backprop trace: `{DEFAULT_SPEC}`")
    assert r"$\delta_{1} = \left(W_{2}^{\top} \delta_{2}\right) \odot \sigma^{\prime}(z_{1})$" in md
    assert "## Forward" in md and "## Backward" in md
    big = render(trace("conv(6,3,padding=1) flatten linear(2)", shape="1x10x10"), "text")
    assert "shape 6×10×10, first values [" in big


def test_cli_default_and_output_file(tmp_path, capsys):
    assert main(["trace"]) == 0
    assert "δ₁ = (W₂ᵀδ₂) ⊙ σ′(z₁)" in capsys.readouterr().out
    out = tmp_path / "t.json"
    assert main(["trace", "--input", "0.2 -1 0.5 3", "--target", "0", "--format", "json",
                 "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert doc == trace(input="0.2 -1 0.5 3", target=0).to_json()
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize("args,message", [
    (["--input", "1 two 3"], "input: expected numbers"),
    (["--input", "[1, [2]]"], "input: expected a rectangular nested list"),
    (["--input", "[1, 1e999, 3]"], "input: values must be finite"),
    (["--target", "7"], "target: expected a class label 0…2"),
    (["--target", "1.5"], "target: expected a class label"),
    (["--loss", "bce", "--target", "0.5 2 0"], "target: bce needs targets in [0, 1]"),
    (["conv(2,3)", "--shape", "1x6x6"], "a loss needs a vector"),
    (["linear(3) ??"], "spec: column 11"),
    (["flatten relu"], "has no weights to differentiate"),
    (["--input", "1 2 3 1e7"], "input: values beyond ±1e6 are too large to trace"),
    (["flatten linear(100000) linear(100000)"], "too big"),
    (["--shape", "2x2", "--input", "1 2 3"], "3 numbers do not fill shape 2x2"),
    (["--format", "pdf"], "invalid choice: 'pdf'"),
    (["--sample", "3"], "--sample, --data and --data-dir go with --run"),
    (["--run", "nowhere"], "--run needs --sample"),
])
def test_cli_bad_input_is_one_line(args, message, capsys):
    with pytest.raises(SystemExit) if args[0] == "--format" else _nothing() as _:
        assert main(["trace", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_trace_a_saved_model_on_a_test_example(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((60, 5)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64)
    for name in ("d.npz", "data0123.npz"):
        # The saved config holds the data path: a header length of 0x?80 bytes starts the
        # file with the bytes of a pickle, which io's format sniffing refuses (reported);
        # a name 8 characters longer moves the length off that value.
        data = tmp_path / name
        np.savez(data, x_train=x[:40], y_train=y[:40], x_test=x[40:], y_test=y[40:])
        run = tmp_path / f"run-{name}"
        assert main(["train", "--data", str(data), "--epochs", "1", "--hidden", "6",
                     "--quiet", "--out", str(run)]) == 0
        head = (run / "model.safetensors").read_bytes()[:2]
        if not (head[0] == 0x80 and 2 <= head[1] <= 5):
            break
    out = tmp_path / "s.json"
    assert main(["trace", "--run", str(run), "--sample", "3", "--format", "json",
                 "-o", str(out)]) == 0
    doc = json.loads(out.read_text())
    np.testing.assert_allclose(doc["input"], x[43], rtol=1e-7)
    assert doc["target"] == int(y[43])
    assert main(["trace", "--run", str(run), "--sample", "20"]) == 2
    assert "has 20 test examples (0…19)" in capsys.readouterr().err


def test_core_import_does_not_load_latex2mathml():
    code = ("import sys, backprop, backprop.trace; t = backprop.trace.trace(); "
            "backprop.trace.render(t, 'text'); "
            "assert 'latex2mathml' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_html_without_latex2mathml_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "latex2mathml.converter", None)
    with pytest.raises(BackpropError, match=r'latex2mathml: pip install (-e )?"\S*\[page\]"'):
        render(trace(), "html")


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=40), st.recursive(
    st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.none()),
    lambda inner: st.lists(inner, max_size=4), max_leaves=12)))
def test_parse_values_returns_finite_numbers_or_one_clean_error(value):
    try:
        arr = parse_values(value, "input")
    except BackpropError as e:
        assert str(e).startswith("input: ")
    else:
        assert arr.dtype == np.float64 and arr.size > 0 and np.all(np.isfinite(arr))


def test_the_docs_show_the_real_default_trace():
    from pathlib import Path

    doc = (Path(__file__).parents[1] / "docs" / "trace.md").read_text(encoding="utf-8")
    block = doc.split("```console\n$ backprop trace\n", 1)[1].split("\n```", 1)[0]
    # the measured differences are rounding noise, which may differ on another machine
    import re

    def noise(text):
        return re.sub(r"engine \S+, central differences \S+", "engine …, central …", text)

    assert noise(block) == noise(render(trace(), "text"))


def test_the_closing_line_says_exactly_what_was_checked():
    t = trace("conv(4,3) relu maxpool(2) flatten linear(3)", shape="1x8x8", seed=0)
    backward = [s for s in t.steps if s.direction == "backward"]
    entries = sum(s.values.size for s in backward)
    sampled = sum(min(12, s.values.size) for s in backward)
    kinks = sum(s.check.kinks for s in backward)
    assert kinks and sampled < entries  # some entries were not compared: it must not say all
    last = render(t, "text").splitlines()[-1]
    assert last == (f"loss E = {t.loss:.6g}; checked all {entries} backward entries against the "
                    f"engine and {sampled - kinks} of them by central differences ({kinks} at a "
                    f"kink skipped): all agree")
    assert last.split("; ", 1)[1] + "." in render(t, "markdown")


def test_each_parameter_is_named_by_its_symbol():
    t = trace("conv(2,3) relu maxpool(2) flatten linear(4) batchnorm1d tanh linear(3)",
              shape="1x6x6")
    assert t.symbols == {"0.weight": ("W₁", "W_{1}"), "0.bias": ("b₁", "b_{1}"),
                         "4.weight": ("W₂", "W_{2}"), "4.bias": ("b₂", "b_{2}"),
                         "5.weight": ("γ", r"\gamma"), "5.bias": ("β", r"\beta"),
                         "7.weight": ("W₃", "W_{3}"), "7.bias": ("b₃", "b_{3}")}
    text = render(t, "text")
    assert "  W₃ = 7.weight (3×4) = [[" in text and "  5.running_mean (4) = [" in text
